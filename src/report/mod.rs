//! Headless reports: a plan's scorecard (or any catalogue metrics) as JSON for scripts or
//! Markdown for people. Both render the same [`Report`], which holds the engine's values, so
//! the numbers cannot differ from the TUI's.

pub mod json;
pub mod markdown;

use crate::measure::Segment;
use crate::measure::plan::Plan;
use crate::measure::scorecard::Scorecard;

/// Everything a report shows.
#[derive(Clone, Debug)]
pub struct Report<'a> {
    /// The plan judged, or `None` for a report of catalogue metrics (`--metric`).
    pub plan: Option<&'a Plan>,
    pub scorecard: Scorecard,
    pub segment: Segment,
    /// The snapshot's title and files, for provenance.
    pub title: Option<String>,
    pub sources: Vec<String>,
    pub granularity: crate::measure::Granularity,
    /// What the lenses found in the window (see [`crate::analysis::findings`]).
    pub findings: Vec<crate::analysis::findings::Finding>,
}
