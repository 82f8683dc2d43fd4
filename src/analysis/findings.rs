//! Findings: what the lenses found in a window, each with its evidence and the lens that
//! shows it, for Review and for `engage report`. The rules:
//!
//! * every unexplained follower jump of the window (explained ones are not findings);
//! * the five strongest breakouts, judged by ER by followers (a viral post's reach grows
//!   with its interactions, so only the audience-sized rate shows it) and by the findings
//!   metric when that is another per-post metric;
//! * the promo gap: the ratio of the medians of promo and audience-first posts with its 95%
//!   interval, when each group has at least 10 posts with a value;
//! * the best and worst weekday x hour slots among those with at least 10 posts;
//! * the three KPIs whose value moved most against the previous period (relative change,
//!   largest first);
//! * for a plan with a KPI of visit quality, the platform that sends the readers who stay: the most
//!   pages per session among platforms that sent at least 5% of the platforms' visits (see
//!   [`super::sources`]).
//!
//! The findings metric is the plan's first per-post KPI, else the first engagement rate the
//! data supports.

use super::best_time::best_time;
use super::breakouts::breakouts;
use super::content::{Class, Content, content_lens};
use super::followers::decimal;
use super::followers::jumps;
use super::{SMALL_GROUP, default_metric};
use crate::calendar::format_date;
use crate::i18n::Msg;
use crate::measure::posts::per_post;
use crate::measure::scorecard::Scorecard;
use crate::measure::{Metric, Prepared, Segment, Window, format, metric};
use crate::text::thousands;

/// Which lens shows a finding (Review's Enter opens it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LensKind {
    Breakdown,
    BestTime,
    Breakouts,
    Followers,
    Content,
}

impl LensKind {
    pub fn name(self) -> &'static str {
        match self {
            LensKind::Breakdown => "breakdown",
            LensKind::BestTime => "best-time",
            LensKind::Breakouts => "breakouts",
            LensKind::Followers => "followers",
            LensKind::Content => "content",
        }
    }
}

/// What kind of thing was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    UnexplainedJump,
    Breakout,
    PromoGap,
    BestSlot,
    WorstSlot,
    KpiMoved,
    ReadersWhoStay,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::UnexplainedJump => "unexplained_jump",
            Kind::Breakout => "breakout",
            Kind::PromoGap => "promo_gap",
            Kind::BestSlot => "best_slot",
            Kind::WorstSlot => "worst_slot",
            Kind::KpiMoved => "kpi_moved",
            Kind::ReadersWhoStay => "readers_who_stay",
        }
    }
}

/// One finding.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    pub kind: Kind,
    pub lens: LensKind,
    /// The metric the lens should show it by.
    pub metric: &'static str,
    /// One line a manager reads.
    pub headline: Msg,
    /// What it rests on.
    pub evidence: Vec<Msg>,
}

/// Breakouts named at most.
pub const BREAKOUTS: usize = 5;
/// KPIs named at most.
pub const KPIS: usize = 3;

/// The metric findings are judged by: the plan's first per-post KPI, else the first
/// engagement rate the data supports.
pub fn findings_metric(
    prepared: &Prepared,
    window: Window,
    segment: &Segment,
    card: Option<&Scorecard>,
) -> &'static Metric {
    card.and_then(|c| {
        c.kpis
            .iter()
            .map(|k| k.metric())
            .find(|m| per_post(m) && super::is_post_metric(m))
    })
    .unwrap_or_else(|| default_metric(prepared, window, segment))
}

/// What the lenses found in `window` and `segment`; `card` adds the KPIs that moved most.
pub fn findings(
    prepared: &Prepared,
    window: Window,
    segment: &Segment,
    content: &Content,
    card: Option<&Scorecard>,
) -> Vec<Finding> {
    let m = findings_metric(prepared, window, segment, card);
    // The breakouts (the costliest lens, over every post) on a second core while this one
    // does the rest: a 3-year window of 1M posts takes half the time.
    // The visit-quality finding is asked only for objectives about the quality of visits
    // (loyalty, traffic worth having), not every plan with a web KPI (awareness counts new
    // users from social).
    let website = card.is_some_and(|card| {
        card.kpis.iter().any(|k| {
            let id = k.metric().id;
            id.starts_with("source_")
                || matches!(
                    id,
                    "direct_share"
                        | "pages_per_session"
                        | "avg_engagement_time"
                        | "engaged_session_rate"
                )
        })
    });
    let (breakouts, promo, slot_findings, jumped, stay) = std::thread::scope(|scope| {
        let breakouts = scope.spawn(|| breakout_findings(prepared, window, segment, m));
        let jumped = jumps(prepared, window, segment);
        let promo = promo_gap(prepared, window, segment, content, m);
        let slot_findings = slots(prepared, window, segment, m);
        let stay = if website {
            super::sources::readers_who_stay(prepared, window, segment)
        } else {
            None
        };
        let breakouts = breakouts
            .join()
            .unwrap_or_else(|e| std::panic::resume_unwind(e));
        (breakouts, promo, slot_findings, jumped, stay)
    });
    let mut out = Vec::new();
    for j in jumped.into_iter().filter(|j| j.unexplained) {
        out.push(Finding {
            kind: Kind::UnexplainedJump,
            lens: LensKind::Followers,
            metric: m.id,
            headline: {
                let (gain, z) = (j.gain, j.z);
                Msg::new("findings.unexplained_jump")
                    .arg("account", j.account.clone())
                    .later("gain", move || signed(gain))
                    .arg("date", format_date(j.day))
                    .later("z", move || decimal(z, 1))
            },
            evidence: j.evidence,
        });
    }
    out.extend(breakouts);
    out.extend(promo);
    out.extend(slot_findings);
    if let Some(card) = card {
        out.extend(kpis_moved(card));
    }
    out.extend(stay);
    out
}

fn signed(v: i64) -> String {
    format!(
        "{}{}",
        if v < 0 { "-" } else { "+" },
        thousands(v.unsigned_abs())
    )
}

fn breakout_findings(
    prepared: &Prepared,
    window: Window,
    segment: &Segment,
    m: &'static Metric,
) -> Vec<Finding> {
    let mut metrics: Vec<&'static Metric> = metric("er_followers").into_iter().collect();
    if !metrics.iter().any(|x| x.id == m.id) && per_post(m) {
        metrics.push(m);
    }
    let mut found = Vec::new();
    for bm in metrics {
        for b in breakouts(prepared, bm, window, segment).unwrap_or_default() {
            if !found
                .iter()
                .any(|(_, x): &(_, super::breakouts::Breakout)| x.post.row == b.post.row)
            {
                found.push((bm, b));
            }
        }
    }
    found.sort_by(|(_, a), (_, b)| b.z.total_cmp(&a.z).then(a.post.row.cmp(&b.post.row)));
    found
        .into_iter()
        .take(BREAKOUTS)
        .map(|(bm, b)| Finding {
            kind: Kind::Breakout,
            lens: LensKind::Breakouts,
            metric: bm.id,
            headline: {
                let multiple = b.multiple;
                Msg::new("findings.breakout")
                    .arg("account", b.post.account.clone())
                    .arg("post", b.post.id.clone())
                    .arg("published", b.post.published_at.to_string())
                    .later("multiple", move || decimal(multiple, 1))
                    .later("metric", move || bm.text().name.to_owned())
            },
            evidence: {
                let (value, median, z) = (b.post.value, b.baseline_median, b.z);
                vec![
                    Msg::new("findings.breakout_evidence")
                        .later("metric", move || bm.text().name.to_owned())
                        .later("value", move || format::value(bm, value))
                        .later("median", move || format::value(bm, median))
                        .arg("n", b.baseline_posts as u64),
                    Msg::new("findings.robust_z").later("z", move || decimal(z, 1)),
                ]
            },
        })
        .collect()
}

fn promo_gap(
    prepared: &Prepared,
    window: Window,
    segment: &Segment,
    content: &Content,
    m: &'static Metric,
) -> Option<Finding> {
    let lens = content_lens(prepared, m, window, segment, content).ok()?;
    let (ratio, ci) = lens.ratio?;
    let used = |class: Class| {
        lens.breakdown
            .groups
            .iter()
            .find(|g| g.keys.first().is_some_and(|(_, k)| k == class.name()))
            .and_then(|g| g.spread.as_ref())
            .map_or(0, |s| s.used)
    };
    let (promo, audience) = (used(Class::Promo), used(Class::AudienceFirst));
    if promo < SMALL_GROUP || audience < SMALL_GROUP {
        return None;
    }
    let interval = ci.map_or_else(
        || Msg::new("findings.no_interval"),
        |(lo, hi)| {
            Msg::new("findings.interval")
                .later("lo", move || decimal(lo, 2))
                .later("hi", move || decimal(hi, 2))
        },
    );
    let verdict = match ci {
        Some((_, hi)) if hi < 1.0 => "findings.promo_less",
        Some((lo, _)) if lo > 1.0 => "findings.promo_more",
        _ => "findings.promo_no_gap",
    };
    Some(Finding {
        kind: Kind::PromoGap,
        lens: LensKind::Content,
        metric: m.id,
        headline: Msg::new("findings.promo_gap")
            .arg("verdict", Msg::new(verdict))
            .later("metric", move || m.text().name.to_owned())
            .later("ratio", move || decimal(ratio, 2))
            .arg("interval", interval),
        evidence: vec![
            Msg::new("findings.promo_evidence")
                .arg("promo", promo)
                .arg("audience", audience),
            lens.rule.describe(),
        ],
    })
}

fn slots(
    prepared: &Prepared,
    window: Window,
    segment: &Segment,
    m: &'static Metric,
) -> Vec<Finding> {
    let Ok(cells) = best_time(prepared, m, window, segment) else {
        return Vec::new();
    };
    let mut enough: Vec<_> = cells
        .into_iter()
        .filter(|c| c.posts >= SMALL_GROUP)
        .filter_map(|c| c.median.map(|v| (v, c)))
        .collect();
    if enough.len() < 2 {
        return Vec::new();
    }
    enough.sort_by(|(a, x), (b, y)| {
        b.total_cmp(a)
            .then((x.weekday, x.hour).cmp(&(y.weekday, y.hour)))
    });
    let name = |c: &super::best_time::Cell| {
        let (weekday, hour) = (c.weekday as usize, c.hour);
        move || {
            format!(
                "{} {hour:02}:00",
                crate::i18n::weekday_short(crate::i18n::current(), weekday.saturating_sub(1))
            )
        }
    };
    let mut out = Vec::new();
    for (kind, (v, c)) in [
        (Kind::BestSlot, enough.first()),
        (Kind::WorstSlot, enough.last()),
    ]
    .into_iter()
    .filter_map(|(k, e)| e.map(|e| (k, e)))
    {
        out.push(Finding {
            kind,
            lens: LensKind::BestTime,
            metric: m.id,
            headline: {
                let v = *v;
                Msg::new(if kind == Kind::BestSlot {
                    "findings.best_slot"
                } else {
                    "findings.worst_slot"
                })
                .later("slot", name(c))
                .later("metric", move || m.text().name.to_owned())
                .later("value", move || format::value(m, v))
            },
            evidence: vec![
                Msg::new("findings.slot_evidence")
                    .arg("n", c.posts)
                    .arg("min", SMALL_GROUP),
                Msg::new("lens.caveat"),
            ],
        });
    }
    out
}

fn kpis_moved(card: &Scorecard) -> Vec<Finding> {
    let mut moved: Vec<_> = card
        .kpis
        .iter()
        .filter_map(|k| k.result.change.relative.map(|r| (r, k)))
        .filter(|(r, _)| r.is_finite() && *r != 0.0)
        .collect();
    moved.sort_by(|(a, x), (b, y)| {
        b.abs()
            .total_cmp(&a.abs())
            .then(x.metric().id.cmp(y.metric().id))
    });
    moved
        .into_iter()
        .take(KPIS)
        .map(|(r, k)| {
            let m = k.metric();
            Finding {
                kind: Kind::KpiMoved,
                lens: LensKind::Breakdown,
                metric: m.id,
                headline: Msg::new("findings.kpi_moved")
                    .later("metric", move || m.text().name.to_owned())
                    .later("pct", move || {
                        crate::text::decimal_mark(format!("{:+.0}", r * 100.0))
                    }),
                evidence: {
                    let (now, before) = (k.result.current.clone(), k.result.previous.clone());
                    vec![
                        Msg::new("findings.kpi_moved_evidence")
                            .later("now", move || format::figure(m, &now))
                            .later("before", move || format::figure(m, &before))
                            .arg("range", card.window.previous().to_string()),
                    ]
                },
            }
        })
        .collect()
}
