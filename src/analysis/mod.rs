//! Lenses that find what the totals hide: a metric broken down by dimensions, the best time
//! to post, and promo against audience-first posts (more to come: breakouts, follower
//! jumps). Each answers with its rule written down, the posts behind every number, and an
//! interval where the sample is small. No ratatui here: the `explore` command, the TUI and
//! the reports call the same functions.

pub mod best_time;
pub mod breakdown;
pub mod breakouts;
pub mod content;
pub mod dims;
pub mod followers;
pub mod stats;

use crate::measure::Metric;

/// Why a lens cannot answer.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum LensError {
    #[error(
        "{metric} is not a post metric: it breaks down by account or platform only (not by {dim})"
    )]
    NotPerPost {
        metric: &'static str,
        dim: &'static str,
    },
    #[error(
        "{0} has no value per post: choose a per-post metric (engagement rates, CTR, applause, …)"
    )]
    NoPerPostValue(&'static str),
    #[error(
        "--by takes one or two dimensions (account, platform, format, tag, weekday, hour, content)"
    )]
    Dimensions,
}

/// Posts in a group below this are a small sample (after Traackr, as the metrics).
pub const SMALL_GROUP: u64 = 10;

/// Whether `metric` is computed from posts at all.
pub fn is_post_metric(metric: &Metric) -> bool {
    metric.scope == crate::measure::catalogue::Scope::Posts
}
