//! When to post: weekday (ISO, Monday = 1) x hour of publication in the snapshot's offset,
//! per cell the posts whose per-post value is known, their median and the metric with its
//! catalogue aggregation. Timing is confounded with content (a newsroom posts breaking news
//! at night): the lens says so, and a segment (one account, one format) narrows it.

use super::LensError;
use super::breakdown::agg_of;
use super::dims::{hour, weekday};
use super::stats::median;
use crate::measure::compute::figure_of_posts;
use crate::measure::posts::per_post;
use crate::measure::value::Figure;
use crate::measure::{Metric, Prepared, Segment, Window};

/// Cells with fewer posts than this are shown but marked.
pub const SMALL_CELL: u64 = 3;

/// What the lens says about itself, in the language shown (JSON, written in English,
/// carries it too).
pub fn caveat() -> &'static str {
    crate::i18n::tr("lens.caveat")
}

/// One weekday x hour cell.
#[derive(Clone, Debug, PartialEq)]
pub struct Cell {
    /// ISO weekday, Monday = 1.
    pub weekday: u8,
    pub hour: u8,
    /// Posts with the metric's per-post value known.
    pub posts: u64,
    pub median: Option<f64>,
    pub figure: Figure,
    pub small: bool,
}

/// All 168 cells, Monday 00h first.
pub fn best_time(
    prepared: &Prepared,
    metric: &'static Metric,
    window: Window,
    segment: &Segment,
) -> Result<Vec<Cell>, LensError> {
    if !per_post(metric) {
        return Err(LensError::NoPerPostValue(metric.id));
    }
    let mut rows: Vec<Vec<u32>> = vec![Vec::new(); 7 * 24];
    for r in prepared.query_posts(window, segment, "") {
        let i = (weekday(prepared.store.posts.day[r as usize]) as usize - 1) * 24
            + hour(prepared, r as usize) as usize;
        rows[i].push(r);
    }
    Ok(rows
        .iter()
        .enumerate()
        .map(|(i, members)| {
            let values: Vec<f64> = members
                .iter()
                .filter_map(|&r| prepared.post_metric(metric, r as usize))
                .collect();
            let posts = values.len() as u64;
            Cell {
                weekday: (i / 24 + 1) as u8,
                hour: (i % 24) as u8,
                posts,
                median: median(&values),
                figure: figure_of_posts(metric, &agg_of(prepared, members)),
                small: posts < SMALL_CELL,
            }
        })
        .collect())
}
