//! Lenses that find what the totals hide: a metric broken down by dimensions, the best time
//! to post, promo against audience-first posts, breakouts and follower jumps, and the
//! findings that gather what they found. Each answers with its rule written down, the posts behind every number, and an
//! interval where the sample is small. No ratatui here: the `explore` command, the TUI and
//! the reports call the same functions.

pub mod best_time;
pub mod breakdown;
pub mod breakouts;
pub mod content;
pub mod dims;
pub mod findings;
pub mod followers;
pub mod settings;
pub mod sources;
pub mod stats;

use crate::measure::catalogue::{CATALOGUE, metric};
use crate::measure::{Ctx, Metric, Prepared, Segment, Who, Window};

/// Why a lens cannot answer.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum LensError {
    #[error("{}", crate::i18n::trf("err.lens_not_per_post", &[("metric", &.metric), ("dim", &.dim)]))]
    NotPerPost {
        metric: &'static str,
        dim: &'static str,
    },
    #[error("{}", crate::i18n::trf("err.lens_no_per_post_value", &[("metric", &.0)]))]
    NoPerPostValue(&'static str),
    #[error("{}", crate::i18n::trf("err.lens_website", &[("metric", &.metric), ("dim", &.dim)]))]
    Website {
        metric: &'static str,
        dim: &'static str,
    },
    #[error("{}", crate::i18n::tr("err.lens_dimensions"))]
    Dimensions,
}

/// Posts in a group below this are a small sample (after Traackr, as the metrics).
pub const SMALL_GROUP: u64 = 10;

/// Whether `metric` is computed from posts at all.
pub fn is_post_metric(metric: &Metric) -> bool {
    metric.scope == crate::measure::catalogue::Scope::Posts
}

/// The engagement rates tried, in order, when no metric is named.
const DEFAULT_METRICS: [&str; 4] = ["er_reach", "er_impressions", "er_views", "er_followers"];

/// The first engagement rate the data supports in the window (by reach, impressions, views,
/// followers), else by reach: a lens's metric when none is named.
pub fn default_metric(prepared: &Prepared, window: Window, segment: &Segment) -> &'static Metric {
    let mut ctx = Ctx::new(prepared, segment);
    DEFAULT_METRICS
        .iter()
        .filter_map(|id| metric(id))
        .find(|m| ctx.figure(m, window, Who::All).value.is_some())
        .or_else(|| metric(DEFAULT_METRICS[0]))
        .unwrap_or(&CATALOGUE[0])
}
