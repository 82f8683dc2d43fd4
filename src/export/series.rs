//! A metric's series as CSV, in long format: one row per bucket and line (all the accounts of
//! the segment together, then each account), so a spreadsheet's pivot table or a script's
//! group-by takes it as it is. The points are the engine's ([`Ctx::series`]), the ones the
//! app's chart draws.

use std::io::{self, Write};

use super::Cells;
use crate::calendar::format_date;
use crate::i18n::Msg;
use crate::measure::catalogue::Scope;
use crate::measure::value::Point;
use crate::measure::{Ctx, Granularity, Metric, Prepared, Segment, Who, Window};

/// The `account` of the rows for all the segment's accounts together. In parentheses, as
/// the breakdowns' `(no tag)`, so no account id can be taken for it.
pub const ALL_ACCOUNTS: &str = "(all)";

/// The header, for `metric`: its value column is named as in the posts file
/// (`er_reach_ratio` for a percent, the id otherwise), so a file says what it holds.
pub fn header(metric: &Metric) -> Vec<String> {
    let mut h: Vec<String> = ["bucket_from", "bucket_to", "account"]
        .map(String::from)
        .to_vec();
    h.push(super::posts::metric_column(metric));
    h.extend(
        ["used", "left_out", "counted", "partial", "reason"]
            .into_iter()
            .map(String::from),
    );
    h
}

/// The lines a series export holds: all the segment's accounts together, then each account
/// (in the data's order). A website metric has no accounts: its one line is the site's.
pub fn lines(
    prepared: &Prepared,
    segment: &Segment,
    metric: &Metric,
    window: Window,
    granularity: Granularity,
) -> Vec<(String, Vec<Point>)> {
    let mut ctx = Ctx::new(prepared, segment);
    let mut out = vec![(
        ALL_ACCOUNTS.to_owned(),
        ctx.series(metric, window, granularity, Who::All),
    )];
    if metric.scope != Scope::Web {
        let accounts: Vec<usize> = ctx.accounts(Who::All).collect();
        for a in accounts {
            let points = ctx.series(metric, window, granularity, Who::Account(a));
            out.push((prepared.account_ids[a].clone(), points));
        }
    }
    out
}

/// Writes `lines` of `metric`: `bucket_from,bucket_to` (the bucket's days, cut by the
/// window), `account`, the value (empty when there is none, with the `reason`), `used` and
/// `left_out` (what the value counted and left out for missing data, in `counted` units:
/// posts, days, account-days), and `partial` (true when the bucket is a week or month cut
/// by the window's edge).
pub fn write_series<W: Write>(
    metric: &Metric,
    lines: &[(String, Vec<Point>)],
    out: W,
) -> io::Result<()> {
    let mut cells = Cells::new(out);
    cells.header(&header(metric))?;
    for (account, points) in lines {
        for p in points {
            cells.raw(&format_date(p.from))?;
            cells.raw(&format_date(p.to))?;
            cells.text(account)?;
            cells.number(p.figure.value)?;
            cells.count(Some(p.figure.used))?;
            cells.count(Some(p.figure.left_out))?;
            cells.raw(p.figure.rows.name())?;
            cells.flag(p.partial)?;
            cells.text(
                &p.figure
                    .reason
                    .as_ref()
                    .map(Msg::english)
                    .unwrap_or_default(),
            )?;
            cells.end()?;
        }
    }
    cells.finish()
}
