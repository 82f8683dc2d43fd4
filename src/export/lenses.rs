//! The lenses' tables as CSV: what `engage explore --format csv` prints, `engage export
//! breakdown` writes and the app's export key saves from a lens. Values are in the metric's
//! unit as the engine gives them (a ratio for percent metrics), empty where there is none.

use std::io::{self, Write};

use super::Cells;
use crate::analysis::best_time::Cell;
use crate::analysis::breakdown::Breakdown;
use crate::analysis::breakouts::Breakout;
use crate::analysis::followers::Jump;

/// One row per group: the group's keys (a column per dimension), `value` (the metric over
/// the group), `used` and `left_out` (for per-post metrics: the posts whose per-post value is
/// known, and the others), `posts`, the per-post values' `mean`, `median`, `p25`, `p75` and
/// the median's 95% bootstrap interval, `share` of the total (sums), and `small` (under 10
/// posts).
pub fn breakdown<W: Write>(b: &Breakdown, out: W) -> io::Result<()> {
    let mut cells = Cells::new(out);
    let mut header: Vec<&str> = b.dims.iter().map(|d| d.name()).collect();
    header.extend([
        "value", "used", "left_out", "posts", "mean", "median", "p25", "p75", "ci95_lo", "ci95_hi",
        "share", "small",
    ]);
    cells.header(&header)?;
    for g in &b.groups {
        let s = g.spread.as_ref();
        for (_, key) in &g.keys {
            cells.text(key)?;
        }
        cells.number(g.figure.value)?;
        cells.count(Some(s.map_or(g.figure.used, |s| s.used)))?;
        cells.count(Some(
            s.map_or(g.figure.left_out, |s| g.posts.saturating_sub(s.used)),
        ))?;
        cells.count(Some(g.posts))?;
        cells.number(s.map(|s| s.mean))?;
        cells.number(s.map(|s| s.median))?;
        cells.number(s.map(|s| s.p25))?;
        cells.number(s.map(|s| s.p75))?;
        cells.number(s.and_then(|s| s.ci95).map(|c| c.0))?;
        cells.number(s.and_then(|s| s.ci95).map(|c| c.1))?;
        cells.number(g.share)?;
        cells.flag(g.small)?;
        cells.end()?;
    }
    cells.finish()
}

/// The 7 x 24 cells: `weekday` (ISO, Monday = 1), `hour`, `posts`, the per-post `median`,
/// `value` with the catalogue aggregation, and `small` (under 3 posts).
pub fn best_time<W: Write>(cells_in: &[Cell], out: W) -> io::Result<()> {
    let mut cells = Cells::new(out);
    cells.header(&["weekday", "hour", "posts", "median", "value", "small"])?;
    for c in cells_in {
        cells.count(Some(u64::from(c.weekday)))?;
        cells.count(Some(u64::from(c.hour)))?;
        cells.count(Some(c.posts))?;
        cells.number(c.median)?;
        cells.number(c.figure.value)?;
        cells.flag(c.small)?;
        cells.end()?;
    }
    cells.finish()
}

/// One row per breakout post with its baseline.
pub fn breakouts<W: Write>(list: &[Breakout], out: W) -> io::Result<()> {
    let mut cells = Cells::new(out);
    cells.header(&[
        "id",
        "account",
        "published_at",
        "value",
        "baseline_median",
        "baseline_posts",
        "z",
        "multiple",
    ])?;
    for b in list {
        cells.text(&b.post.id)?;
        cells.text(&b.post.account)?;
        cells.text(&b.post.published_at)?;
        cells.number(Some(b.post.value))?;
        cells.number(Some(b.baseline_median))?;
        cells.count(Some(b.baseline_posts as u64))?;
        cells.number(Some(b.z))?;
        cells.number(Some(b.multiple))?;
        cells.end()?;
    }
    cells.finish()
}

/// One row per follower jump with why it is or is not explained (`; `-separated).
pub fn jumps<W: Write>(list: &[Jump], out: W) -> io::Result<()> {
    let mut cells = Cells::new(out);
    cells.header(&[
        "account",
        "date",
        "gain",
        "z",
        "unexplained",
        "explained_by",
        "evidence",
    ])?;
    for j in list {
        cells.text(&j.account)?;
        cells.raw(&crate::calendar::format_date(j.day))?;
        cells.number(Some(j.gain as f64))?;
        cells.number(Some(j.z))?;
        cells.flag(j.unexplained)?;
        cells.text(&crate::i18n::join(&j.explained_by, "; "))?;
        cells.text(&crate::i18n::join(&j.evidence, "; "))?;
        cells.end()?;
    }
    cells.finish()
}
