//! A plan judged on the data: each KPI's value, target, status, previous period and change,
//! with a one-line verdict. The report and the TUI's Review step both render this.

use crate::i18n::Msg;
use serde::Serialize;

use super::catalogue::{Metric, metric};
use super::compute::{Ctx, Who};
use super::plan::{Baseline, Op, Plan, Status, Target, status, target_value};
use super::prepare::Prepared;
use super::query::{Granularity, Window};
use super::templates::{role, template};
use super::value::{Figure, MetricResult, Rows};
use crate::calendar::format_date;

/// One KPI of a scorecard.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct KpiCard {
    pub result: MetricResult,
    /// "primary" or "supporting" for the plan's template, if any.
    pub role: Option<&'static str>,
    pub target: Option<Target>,
    /// The baseline a relative target is measured against.
    pub baseline: Option<Figure>,
    /// The value to reach and which side is good.
    pub goal: Option<(Op, f64)>,
    pub status: Status,
    /// Why the status is not available, when the KPI has a target.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status_reason: Option<Msg>,
}

impl KpiCard {
    pub fn metric(&self) -> &'static Metric {
        self.result.metric
    }
}

/// A plan's scorecard for a window.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Scorecard {
    pub window: Window,
    pub kpis: Vec<KpiCard>,
    /// Segment entries that match nothing in the data.
    pub unknown: Vec<String>,
}

impl Scorecard {
    /// "3 of 5 KPIs met (1 near, 1 missed) for 2026-10-04..2026-10-31". KPIs without a
    /// target are not judged, so they are counted apart ("; 1 without a target"), never as
    /// not available.
    pub fn verdict(&self) -> String {
        let count = |s: Status| self.kpis.iter().filter(|k| k.status == s).count();
        let mut rest = Vec::new();
        use crate::i18n::{tr, trf};
        for (s, word) in [
            (Status::Near, tr("verdict.near")),
            (Status::Missed, tr("verdict.missed")),
            (Status::NotAvailable, tr("verdict.na")),
        ] {
            let n = count(s);
            if n > 0 {
                rest.push(format!("{n} {word}"));
            }
        }
        let rest = if rest.is_empty() {
            String::new()
        } else {
            format!(" ({})", rest.join(", "))
        };
        let untargeted = count(Status::NoTarget);
        let judged = self.kpis.len() - untargeted;
        let window = format!(
            "{}..{}",
            format_date(self.window.from),
            format_date(self.window.to)
        );
        let kpis = |n: usize| {
            if n == 1 {
                tr("verdict.kpi_one")
            } else {
                tr("verdict.kpi_many")
            }
        };
        if judged == 0 {
            return trf(
                "verdict.none_judged",
                &[
                    ("n", &untargeted),
                    ("kpis", &kpis(untargeted)),
                    ("window", &window),
                ],
            );
        }
        let apart = if untargeted > 0 {
            trf("verdict.apart", &[("n", &untargeted)])
        } else {
            String::new()
        };
        trf(
            "verdict.summary",
            &[
                ("met", &count(Status::Met)),
                ("judged", &judged),
                ("kpis", &kpis(judged)),
                ("rest", &rest),
                ("window", &window),
                ("apart", &apart),
            ],
        )
    }
}

/// Judges `plan` over `window`. KPIs with unknown metric ids are left out (the plan's
/// `problems()` names them).
pub fn scorecard(
    prepared: &Prepared,
    plan: &Plan,
    window: Window,
    granularity: Granularity,
) -> Scorecard {
    let mut ctx = Ctx::new(prepared, &plan.segment);
    let kpis = kpi_cards(&mut ctx, plan, window, granularity);
    Scorecard {
        window,
        kpis,
        unknown: ctx.sel.unknown.clone(),
    }
}

/// The cards of a plan's KPIs (unknown metric ids left out), on a context the caller may
/// keep (the TUI reuses its segment table between refreshes).
pub fn kpi_cards(
    ctx: &mut Ctx,
    plan: &Plan,
    window: Window,
    granularity: Granularity,
) -> Vec<KpiCard> {
    let tpl = plan.template.as_deref().and_then(template);
    plan.kpis
        .iter()
        .filter_map(|k| metric(&k.metric).map(|m| (m, k.target)))
        .map(|(m, target)| {
            kpi_card(
                ctx,
                m,
                target,
                window,
                granularity,
                tpl.and_then(|t| role(t, m.id)),
            )
        })
        .collect()
}

/// One KPI: its result, baseline, goal and status.
pub fn kpi_card(
    ctx: &mut Ctx,
    m: &'static Metric,
    target: Option<Target>,
    window: Window,
    granularity: Granularity,
    role: Option<&'static str>,
) -> KpiCard {
    let result = ctx.result(m, window, granularity);
    let baseline = match target {
        Some(Target::Relative {
            baseline: Baseline::PreviousPeriod,
            ..
        }) => Some(result.previous.clone()),
        Some(Target::Relative {
            baseline: Baseline::Trailing90dMedian,
            ..
        }) => Some(trailing_median(ctx, m, window)),
        _ => None,
    };
    // A baseline over days the data does not cover is no baseline: the target is n/a, never
    // met by comparing with a period that was only partly measured.
    let partial = baseline.as_ref().and_then(|b| b.partial);
    let usable = baseline
        .as_ref()
        .filter(|_| partial.is_none())
        .and_then(|b| b.value);
    let goal = target.and_then(|t| target_value(m, &t, usable));
    let status = match target {
        None => Status::NoTarget,
        Some(_) => status(result.current.value, goal),
    };
    let status_reason = match (target, status) {
        (Some(t), Status::NotAvailable) => {
            Some(match (&result.current.reason, partial, &baseline) {
                (Some(why), _, _) => Msg::new("why.no_value").arg("why", why.clone()),
                (None, Some(c), _) => c
                    .msg("why.covers_baseline")
                    .later("baseline", move || baseline_name(&t).to_owned()),
                (None, None, Some(b)) => Msg::new("why.no_baseline").arg(
                    "why",
                    b.reason
                        .clone()
                        .unwrap_or_else(|| Msg::new("why.not_available")),
                ),
                (None, None, None) => Msg::new("why.target_not_computable"),
            })
        }
        _ => None,
    };
    KpiCard {
        result,
        role,
        target,
        baseline,
        goal,
        status,
        status_reason,
    }
}

fn baseline_name(t: &Target) -> &'static str {
    match t {
        Target::Relative { baseline, .. } => baseline.describe(),
        Target::Absolute { .. } => crate::i18n::tr("why.the_target"),
    }
}

/// The median of `m` over the windows as long as `window` ending on each of the 90 days
/// before it starts.
pub fn trailing_median(ctx: &mut Ctx, m: &Metric, window: Window) -> Figure {
    let len = (window.to - window.from) + 1;
    // The days those windows span: from the first day of the earliest to the day before.
    let span = Window {
        from: window.from - 90 - len + 1,
        to: window.from - 1,
    };
    let coverage = ctx.coverage(m, span, Who::All);
    if !coverage.is_full() && m.aggregation.is_additive() {
        return Figure::none(coverage.msg("why.covers_trailing"), 0, 90, Rows::Days);
    }
    let mut values: Vec<f64> = (1..=90)
        .filter_map(|back| {
            let end = window.from - back;
            ctx.figure(
                m,
                Window {
                    from: end - len + 1,
                    to: end,
                },
                Who::All,
            )
            .value
        })
        .collect();
    if values.is_empty() {
        return Figure::none(Msg::new("why.no_value_90"), 0, 90, Rows::Days);
    }
    values.sort_by(f64::total_cmp);
    let n = values.len();
    let median = if n % 2 == 1 {
        values[n / 2]
    } else {
        (values[n / 2 - 1] + values[n / 2]) / 2.0
    };
    let mut f = Figure::of(median, n as u64, 90 - n as u64, Rows::Days).with_note(
        Msg::new("why.median_of")
            .arg("n", n)
            .arg("len", len as u64)
            .arg("date", format_date(window.from)),
    );
    f.partial = (!coverage.is_full()).then_some(coverage);
    f
}
