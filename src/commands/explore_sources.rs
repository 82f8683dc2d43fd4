//! `engage explore breakdown --by source`: visits by source as Markdown, JSON or CSV, with
//! direct traffic and the whole site in a separate `reference` list of the same shape, and
//! beside each platform its link posts, their clicks and the sessions per link click.

use serde_json::{Value, json};

use super::explore::figure_json;
use crate::analysis::sources::{SourceBreakdown, SourceGroup, systems_note};
use crate::cli::ExploreFormat;
use crate::i18n::{tr, trf};
use crate::measure::format;
use crate::measure::metric;
use crate::measure::value::Figure;

fn shown(id: &str, f: &Figure) -> String {
    match (metric(id), f.value) {
        (Some(m), Some(v)) => format::value(m, v),
        _ => "n/a".to_owned(),
    }
}

fn group_json(g: &SourceGroup) -> Value {
    let visits: serde_json::Map<String, Value> = g
        .visits
        .iter()
        .map(|(id, f)| ((*id).to_owned(), figure_json(f)))
        .collect();
    let links = g.links.as_ref().map(|l| {
        json!({
            "link_posts": l.posts,
            "clicks": l.clicks,
            "clicks_known": l.clicks_known,
            "sessions_per_click": l.sessions_per_click,
            "reason": l.reason,
        })
    });
    json!({
        "keys": {"source": g.source},
        "platform": g.platform.map(|p| p.name()),
        "value": g.figure.value,
        "reason": g.figure.reason,
        "used": g.figure.used,
        "left_out": g.figure.left_out,
        "note": g.figure.note,
        "visits": visits,
        "links": links,
    })
}

/// The breakdown by source in `fmt`; `head` is the lens's common header.
pub(super) fn render_sources(fmt: ExploreFormat, mut head: Value, b: &SourceBreakdown) -> String {
    match fmt {
        ExploreFormat::Json => {
            head["metric"] = json!(b.metric.id);
            head["by"] = json!(["source"]);
            head["groups"] = json!(b.groups.iter().map(group_json).collect::<Vec<_>>());
            head["reference"] = json!(b.reference.iter().map(group_json).collect::<Vec<_>>());
            head["links_note"] = json!(systems_note());
            let mut s = crate::text::to_json_pretty(&head).unwrap_or_default();
            s.push('\n');
            s
        }
        ExploreFormat::Csv => crate::export::to_string(|w| csv(b, w)).unwrap_or_default(),
        ExploreFormat::Md => {
            let mut out = trf(
                "explore.sources_head",
                &[
                    ("window", &b.window),
                    ("segment", &super::explore::segment_cell(&head)),
                ],
            );
            out.push_str(&format!(
                "| {} |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|\n",
                tr("explore.sources_columns")
            ));
            let row = |g: &SourceGroup| {
                let cells: Vec<String> = g.visits.iter().map(|(id, f)| shown(id, f)).collect();
                let l = g.links.as_ref();
                format!(
                    "| {} | {} | {} | {} | {} | {} | {} | {} | {} |\n",
                    crate::report::markdown::cell(&g.source),
                    cells.first().map_or("n/a", String::as_str),
                    cells.get(1).map_or("n/a", String::as_str),
                    cells.get(2).map_or("n/a", String::as_str),
                    cells.get(3).map_or("n/a", String::as_str),
                    cells.get(4).map_or("n/a", String::as_str),
                    l.map_or_else(String::new, |l| crate::text::thousands(l.posts)),
                    l.map_or_else(String::new, |l| l
                        .clicks
                        .map_or_else(|| "n/a".to_owned(), crate::text::thousands)),
                    l.map_or_else(String::new, |l| l.sessions_per_click.map_or_else(
                        || "n/a".to_owned(),
                        |s| crate::text::decimal_mark(format!("{s:.2}"))
                    )),
                )
            };
            for g in &b.groups {
                out.push_str(&row(g));
            }
            out.push_str(&format!(
                "\n{}\n\n| {} |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|\n",
                tr("explore.sources_reference"),
                tr("explore.sources_reference_columns")
            ));
            for g in &b.reference {
                out.push_str(&row(g));
            }
            out.push_str(&trf("explore.sources_foot", &[("note", &systems_note())]));
            out
        }
    }
}

/// One CSV row per source, then the reference rows (`reference` true).
fn csv(b: &SourceBreakdown, out: &mut Vec<u8>) -> std::io::Result<()> {
    let mut cells = crate::export::Cells::new(out);
    let mut header = vec!["source", "platform", "reference"];
    header.extend(crate::analysis::sources::VISIT_METRICS);
    header.extend(["link_posts", "link_clicks", "sessions_per_click"]);
    cells.header(&header)?;
    let rows = b
        .groups
        .iter()
        .map(|g| (g, false))
        .chain(b.reference.iter().map(|g| (g, true)));
    for (g, reference) in rows {
        cells.text(&g.source)?;
        cells.text(g.platform.map_or("", |p| p.name()))?;
        cells.flag(reference)?;
        for (_, f) in &g.visits {
            cells.number(f.value)?;
        }
        let l = g.links.as_ref();
        cells.count(l.map(|l| l.posts))?;
        cells.count(l.and_then(|l| l.clicks))?;
        cells.number(l.and_then(|l| l.sessions_per_click))?;
        cells.end()?;
    }
    cells.finish()
}
