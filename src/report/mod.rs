//! Headless reports: a plan's scorecard (or any catalogue metrics) as JSON for scripts or
//! Markdown for people. Both render the same [`Report`], which holds the engine's values, so
//! the numbers cannot differ from the TUI's.

pub mod html;
pub mod json;
pub mod markdown;
pub mod svg;

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

use crate::measure::format;
use crate::measure::plan::Status;
use crate::measure::scorecard::KpiCard;

/// What a reader must know to trust one KPI's figure: a small sample, why a value or a change
/// is missing, what was left out, a partial previous period, published benchmarks. Every
/// report format lists the same notes.
pub fn kpi_notes(k: &KpiCard) -> Vec<String> {
    use crate::i18n::trf;
    let m = k.metric();
    let name = m.text().name;
    let r = &k.result;
    let mut notes = Vec::new();
    if r.current.small_sample {
        notes.push(trf("report.note_small", &[("metric", &name)]));
    }
    if let Some(reason) = &r.current.reason {
        notes.push(trf("report.note_na", &[("metric", &name), ("why", reason)]));
    }
    if let Some(note) = &r.current.note {
        notes.push(trf(
            "report.note_plain",
            &[("metric", &name), ("note", note)],
        ));
    }
    if !r.current.left_out_reasons.is_empty() {
        notes.push(trf(
            "report.note_left_out",
            &[
                ("metric", &name),
                ("why", &crate::i18n::join(&r.current.left_out_reasons, "; ")),
            ],
        ));
    }
    if let Some(why) = &r.change.reason {
        notes.push(trf(
            "report.note_no_change",
            &[("metric", &name), ("why", why)],
        ));
    } else if let Some(c) = r.previous.partial {
        notes.push(trf(
            "report.note_partial",
            &[("metric", &name), ("why", &c.msg("why.covers_previous"))],
        ));
    }
    if let Some(why) = &k.status_reason {
        notes.push(trf(
            "report.note_status_na",
            &[("metric", &name), ("why", why)],
        ));
    }
    for pf in &r.by_platform {
        let published = crate::measure::benchmarks::for_metric(m.id, pf.platform);
        if published.is_empty() {
            continue;
        }
        let list: Vec<String> = published
            .iter()
            .map(|b| crate::measure::benchmarks::describe(b))
            .collect();
        notes.push(trf(
            "report.note_benchmarks",
            &[
                ("metric", &name),
                ("platform", &pf.platform),
                ("here", &format::figure(m, &pf.figure)),
                ("list", &list.join("; ")),
            ],
        ));
    }
    notes
}

/// A KPI's role in its template (`primary`, `supporting`) in the language shown.
pub fn role_text(role: &str) -> &'static str {
    crate::i18n::tr(if role == "primary" {
        "metrics.role_primary"
    } else {
        "metrics.role_supporting"
    })
}

/// A KPI's target as reports write it: the goal and the rule it comes from.
pub fn target_text(k: &KpiCard) -> String {
    let m = k.metric();
    match (&k.target, k.goal) {
        (Some(t), Some(g)) => format!("{} ({})", format::goal(m, Some(g)), format::target(m, t)),
        (Some(t), None) => format!("{} (baseline n/a)", format::target(m, t)),
        (None, _) => "none".to_owned(),
    }
}

/// A KPI's status with its symbol, readable without colour.
pub fn status_text(k: &KpiCard) -> String {
    match k.status {
        Status::NotAvailable => "? n/a".to_owned(),
        Status::NoTarget => "· no target".to_owned(),
        s => format!("{} {}", s.symbol(), s.name()),
    }
}
