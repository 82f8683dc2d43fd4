//! The measurement engine: the metric catalogue, pre-aggregation of a loaded store, and
//! metric values for a window, a segment and a granularity, each with its counts and reasons.
//! The TUI and the headless report both ask this module, so their numbers cannot disagree.

pub mod benchmarks;
pub mod catalogue;
pub mod compute;
pub mod evaluate;
pub mod format;
pub mod plan;
pub mod posts;
pub mod prepare;
pub mod query;
pub mod scorecard;
pub mod sources;
pub mod templates;
pub mod value;

pub use catalogue::{CATALOGUE, Metric, metric};
pub use compute::{Ctx, Who};
pub use prepare::Prepared;
pub use query::{Filter, Granularity, Segment, SegmentEntry, SegmentError, SegmentKind, Window};
pub use value::{Change, Figure, MetricResult};
