//! The report as JSON. The shape is stable for scripts (documented in the README): every
//! metric is an object with its `id` and a numeric `value` (a ratio for percents, never a
//! percent) or `null` with a `reason`.

use serde_json::{Value, json};

use super::Report;
use crate::measure::format;
use crate::measure::plan::Status;
use crate::measure::scorecard::KpiCard;
use crate::measure::value::{Change, Figure};

/// Version of the report's JSON shape.
pub const REPORT_VERSION: u32 = 1;

fn figure_json(f: &Figure) -> Value {
    json!({
        "value": f.value,
        "reason": f.reason,
        "used": f.used,
        "left_out": f.left_out,
        "left_out_reasons": f.left_out_reasons,
        "counted": f.rows.name(),
        "small_sample": f.small_sample,
        "note": f.note,
        "partial": f.partial.is_some(),
        "covered": f.partial.map(|c| c.covered),
    })
}

/// The change, or `null` (with `change_reason` beside it).
fn change_json(c: &Change) -> Value {
    match c.absolute {
        Some(_) => json!({"absolute": c.absolute, "relative": c.relative}),
        None => Value::Null,
    }
}

fn kpi_json(k: &KpiCard, with_target: bool) -> Value {
    let m = k.metric();
    let r = &k.result;
    let mut v = json!({
        "id": m.id,
        "name": m.text().name,
        "unit": m.unit,
        "formula": m.text().formula,
        "aggregation": m.aggregation.describe(),
        "value": r.current.value,
        "reason": r.current.reason,
        "display": format::figure(m, &r.current),
        "used": r.current.used,
        "left_out": r.current.left_out,
        "left_out_reasons": r.current.left_out_reasons,
        "counted": r.current.rows.name(),
        "small_sample": r.current.small_sample,
        "note": r.current.note,
        "partial": r.current.partial.is_some(),
        "covered": r.current.partial.map(|c| c.covered),
        "vanity": m.vanity,
        "previous": figure_json(&r.previous),
        "change": change_json(&r.change),
        "change_reason": r.change.reason,
        "by_account": r.by_account.iter().map(|a| {
            let mut f = figure_json(&a.figure);
            f["account"] = json!(a.account);
            f["platform"] = json!(a.platform);
            f
        }).collect::<Vec<_>>(),
        "by_platform": r.by_platform.iter().map(|p| {
            let mut f = figure_json(&p.figure);
            f["platform"] = json!(p.platform);
            f
        }).collect::<Vec<_>>(),
        "benchmarks": r.by_platform.iter().flat_map(|p| {
            crate::measure::benchmarks::for_metric(m.id, p.platform).into_iter().map(move |b| {
                let mut v = json!(b);
                v["this_data"] = json!(p.figure.value);
                v
            })
        }).collect::<Vec<_>>(),
        "series": r.series.iter().map(|p| {
            let mut f = figure_json(&p.figure);
            f["from"] = json!(crate::calendar::format_date(p.from));
            f["to"] = json!(crate::calendar::format_date(p.to));
            f["partial"] = json!(p.partial);
            f
        }).collect::<Vec<_>>(),
    });
    if with_target {
        v["role"] = json!(k.role);
        v["target"] = json!(k.target);
        v["target_display"] = json!(k.target.map(|t| format::target(m, &t)));
        v["goal"] = match k.goal {
            Some((op, value)) => json!({"op": op.symbol(), "value": value}),
            None => Value::Null,
        };
        v["baseline"] = k.baseline.as_ref().map_or(Value::Null, figure_json);
        v["status"] = json!(k.status);
        v["status_reason"] = json!(k.status_reason);
    }
    v
}

/// The report as a JSON value. Machines read it: its texts (`display`, verdicts) are English
/// whatever language the app shows.
pub fn to_json(report: &Report) -> Value {
    crate::i18n::with_lang(crate::i18n::Lang::En, || json_of(report))
}

fn json_of(report: &Report) -> Value {
    let card = &report.scorecard;
    let with_target = report.plan.is_some();
    let mut v = json!({
        "engage_report": REPORT_VERSION,
        "title": report.title,
        "sources": report.sources,
        "window": card.window,
        "previous_window": card.window.previous(),
        "granularity": report.granularity.name(),
        "segment": report.segment,
        "segment_description": report.segment.describe(),
        "unknown_in_segment": card.unknown,
        "metrics": card.kpis.iter().map(|k| kpi_json(k, with_target)).collect::<Vec<_>>(),
        "findings": report.findings.iter().map(|f| json!({
            "kind": f.kind.name(),
            "lens": f.lens.name(),
            "metric": f.metric,
            "headline": f.headline,
            "evidence": f.evidence,
        })).collect::<Vec<_>>(),
    });
    if let Some(plan) = report.plan {
        v["plan"] = json!({
            "name": plan.name,
            "objective": plan.objective,
            "template": plan.template,
            "goals": plan.goals,
        });
        v["verdict"] = json!(card.verdict());
        let count = |s: Status| card.kpis.iter().filter(|k| k.status == s).count();
        v["status_counts"] = json!({
            "met": count(Status::Met),
            "near": count(Status::Near),
            "missed": count(Status::Missed),
            "not_available": count(Status::NotAvailable),
            "no_target": count(Status::NoTarget),
        });
    }
    v
}
