//! Website visits by social source: which platform sends the visits that serve a website
//! objective. The web rows that carry a `source` are summed per day and source (over their
//! channels), and the `source_*` metrics read them with the same formulas as the site-wide
//! metrics (measurement.md §2: ratios of sums), restricted to the platforms a segment selects.
//!
//! A day with source rows lists every source that sent a session (GA4 leaves out sources
//! without one), so on such a day a platform without a row sent none: it counts as 0. A day
//! without any source row says nothing about sources and is left out.

use crate::calendar::Day;
use crate::i18n::Msg;
use crate::measure::Window;
use crate::measure::value::{Figure, Rows};
use crate::snapshot::model::{Platform, WebCount};
use crate::snapshot::store::Store;

type Counts = [Option<u64>; WebCount::ALL.len()];

/// One source's figures on one day, over all its channels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SourceDay {
    pub day: Day,
    /// Id into [`SourceRows::names`].
    pub source: u32,
    pub counts: Counts,
}

/// One source's figures for a whole date range (from `web_totals`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SourceRange {
    pub from: Day,
    pub to: Day,
    pub source: u32,
    pub counts: Counts,
}

/// The web rows by source, built once per load.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SourceRows {
    /// Sorted by day, then source.
    pub days: Vec<SourceDay>,
    pub ranges: Vec<SourceRange>,
    /// Source names (the store's referrers).
    pub names: Vec<String>,
    /// The platform each source is, if it is one.
    pub platforms: Vec<Option<Platform>>,
}

/// Sums `b` into `a` field by field; a field unknown on either side becomes unknown.
fn add(a: &mut Counts, b: &Counts) {
    for (x, y) in a.iter_mut().zip(b) {
        *x = x.zip(*y).map(|(x, y)| x + y);
    }
}

impl SourceRows {
    pub fn new(store: &Store) -> SourceRows {
        let names = store.referrers.names().to_vec();
        let platforms = names
            .iter()
            .map(|n| Platform::parse(n).filter(|p| *p != Platform::Other))
            .collect();
        let web = &store.web;
        let mut by_key: std::collections::BTreeMap<(Day, u32), Counts> = Default::default();
        for row in 0..web.len() {
            let Some(source) = web.referrer_of(row) else {
                continue;
            };
            let counts: Counts = std::array::from_fn(|k| web.counts[k].get(row));
            by_key
                .entry((web.day[row], source))
                .and_modify(|c| add(c, &counts))
                .or_insert(counts);
        }
        let days = by_key
            .into_iter()
            .map(|((day, source), counts)| SourceDay {
                day,
                source,
                counts,
            })
            .collect();
        let mut ranges: Vec<SourceRange> = Vec::new();
        for t in &store.web_totals {
            let Some(source) = t.referrer else { continue };
            match ranges
                .iter_mut()
                .find(|r| (r.from, r.to, r.source) == (t.from, t.to, source))
            {
                Some(r) => add(&mut r.counts, &t.counts),
                None => ranges.push(SourceRange {
                    from: t.from,
                    to: t.to,
                    source,
                    counts: t.counts,
                }),
            }
        }
        SourceRows {
            days,
            ranges,
            names,
            platforms,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.days.is_empty() && self.ranges.is_empty()
    }

    /// The first and last day with source rows.
    pub fn span(&self) -> Option<(Day, Day)> {
        Some((self.days.first()?.day, self.days.last()?.day))
    }

    /// The id of a source by name.
    pub fn id(&self, name: &str) -> Option<u32> {
        self.names.iter().position(|n| n == name).map(|i| i as u32)
    }

    /// Whether `source` is one of `platforms` (every platform when `None`).
    pub fn is_platform_of(&self, source: u32, platforms: Option<&[Platform]>) -> bool {
        match self.platforms.get(source as usize).copied().flatten() {
            Some(p) => platforms.is_none_or(|list| list.contains(&p)),
            None => false,
        }
    }

    /// The sums over `window` of the sources `keep` admits, and the days with source rows:
    /// `None` when no day of the window has any.
    pub fn sums(&self, window: Window, keep: impl Fn(u32) -> bool) -> Option<(Counts, u64)> {
        let start = self.days.partition_point(|d| d.day < window.from);
        let mut sums: Counts = [Some(0); WebCount::ALL.len()];
        let (mut days, mut last) = (0u64, None);
        for d in self.days[start..].iter().take_while(|d| d.day <= window.to) {
            if last != Some(d.day) {
                days += 1;
                last = Some(d.day);
            }
            if keep(d.source) {
                add(&mut sums, &d.counts);
            }
        }
        (days > 0).then_some((sums, days))
    }

    /// The sums of the range totals that cover exactly `window`, if there are any.
    pub fn range_sums(&self, window: Window, keep: impl Fn(u32) -> bool) -> Option<Counts> {
        let rows: Vec<&SourceRange> = self
            .ranges
            .iter()
            .filter(|r| r.from == window.from && r.to == window.to)
            .collect();
        if rows.is_empty() {
            return None;
        }
        let mut sums: Counts = [Some(0); WebCount::ALL.len()];
        for r in rows.into_iter().filter(|r| keep(r.source)) {
            add(&mut sums, &r.counts);
        }
        Some(sums)
    }

    /// A `source_*` metric (or, by its site-wide id, the same formula) over `window` for the
    /// sources `keep` admits; `what` names them in reasons ("instagram").
    pub fn figure(
        &self,
        metric_id: &str,
        window: Window,
        keep: impl Fn(u32) -> bool + Copy,
        what: &str,
    ) -> Figure {
        let (sums, used, note) = match self.sums(window, keep) {
            Some((sums, days)) => (sums, days, None),
            None => match self.range_sums(window, keep) {
                Some(sums) => (
                    sums,
                    1,
                    Some(Msg::new("why.from_range_totals").arg("window", window.to_string())),
                ),
                None => {
                    return Figure::none(
                        Msg::new("sources.why_needs_rows"),
                        0,
                        window.days() as u64,
                        Rows::Days,
                    );
                }
            },
        };
        let left_out = if note.is_some() {
            0
        } else {
            (window.days() as u64).saturating_sub(used)
        };
        let get = |c: WebCount| sums[c as usize];
        let (num, den) = match fields(metric_id) {
            Some(pair) => pair,
            None => {
                return Figure::none(Msg::new("sources.why_not_by_source"), 0, 0, Rows::Days);
            }
        };
        let value = match den {
            None => get(num)
                .map(|v| v as f64)
                .ok_or("sources.why_count_unknown"),
            Some(d) => match (get(num), get(d)) {
                (Some(_), Some(0)) => Err("sources.why_no_sessions"),
                (Some(n), Some(d)) => Ok(n as f64 / d as f64),
                _ => Err("sources.why_count_unknown"),
            },
        };
        let f = match value {
            Ok(v) => Figure::of(v, used, left_out, Rows::Days),
            Err(key) => Figure::none(
                Msg::new(key).arg("what", what.to_owned()),
                used,
                left_out,
                Rows::Days,
            ),
        };
        match note {
            Some(n) => f.with_note(n),
            None => f,
        }
    }
}

/// The numerator and (for ratios) denominator of a metric by source.
pub fn fields(metric_id: &str) -> Option<(WebCount, Option<WebCount>)> {
    use WebCount as W;
    Some(match metric_id {
        "source_sessions" | "sessions" => (W::Sessions, None),
        "source_pages_per_session" | "pages_per_session" => (W::Pageviews, Some(W::Sessions)),
        "source_engagement_time" | "avg_engagement_time" => {
            (W::EngagementSeconds, Some(W::Sessions))
        }
        "source_engaged_rate" | "engaged_session_rate" => (W::EngagedSessions, Some(W::Sessions)),
        "source_conversions" | "conversions" => (W::Conversions, None),
        "conversion_rate" => (W::Conversions, Some(W::Sessions)),
        _ => return None,
    })
}

/// Whether a metric is one of the `source_*` metrics.
pub fn is_source_metric(metric_id: &str) -> bool {
    metric_id.starts_with("source_")
}
