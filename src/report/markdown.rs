//! The report as Markdown: the objective and goals first, then the scorecard table, then the
//! notes a reader needs to trust it (small samples, values that are not available and why).

use crate::i18n::{tr, trf};
use std::fmt::Write as _;

use super::Report;
use crate::measure::format;
use crate::text::escape_controls;

/// Text from data for Markdown (a table cell or a line): one line, hidden characters visible,
/// and nothing that a Markdown renderer would turn into HTML or a link: `<` becomes an
/// entity (no tag can open), `[`, `]`, `|` and `\\` are escaped (so `[l](javascript:…)` and
/// `<img src=x onerror=…>` stay text).
pub fn cell(s: &str) -> String {
    let one_line = s.replace(['\n', '\r'], " ");
    let mut out = String::with_capacity(one_line.len() + 8);
    for c in escape_controls(&one_line).chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '[' | ']' | '|' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

pub fn to_markdown(report: &Report) -> String {
    let card = &report.scorecard;
    let mut out = String::new();
    match report.plan {
        Some(plan) => {
            let _ = writeln!(
                out,
                "# {}\n",
                trf("report.scorecard_of", &[("name", &cell(&plan.name))])
            );
            let _ = writeln!(
                out,
                "**{}:** {}\n",
                tr("report.objective"),
                cell(&plan.objective)
            );
            if !plan.goals.is_empty() {
                let _ = writeln!(out, "**{}:**\n", tr("report.goals"));
                for g in &plan.goals {
                    let _ = writeln!(out, "- {}", cell(g));
                }
                let _ = writeln!(out);
            }
        }
        None => {
            let _ = writeln!(out, "# {}\n", tr("report.metrics_report"));
        }
    }
    let _ = writeln!(
        out,
        "{}",
        trf(
            "report.window_line",
            &[
                ("window", &card.window),
                ("days", &card.window.days()),
                ("previous", &card.window.previous()),
                ("segment", &cell(&report.segment.describe())),
            ],
        )
    );
    let data = report
        .title
        .clone()
        .unwrap_or_else(|| report.sources.join(", "));
    let _ = writeln!(out, "\n**{}:** {}\n", tr("report.data"), cell(&data));
    if !card.unknown.is_empty() {
        let _ = writeln!(
            out,
            "> {}\n",
            trf(
                "report.unknown_in_segment",
                &[("names", &cell(&card.unknown.join(", ")))],
            )
        );
    }
    if report.plan.is_some() {
        let _ = writeln!(out, "**{}**\n", card.verdict());
        let _ = writeln!(out, "{}", tr("report.md_head_plan"));
        let _ = writeln!(out, "|---|---:|---|---|---:|---:|---:|---|");
    } else {
        let _ = writeln!(out, "{}", tr("report.md_head_metrics"));
        let _ = writeln!(out, "|---|---:|---:|---:|---:|---|");
    }
    let mut notes = Vec::new();
    for (i, k) in card.kpis.iter().enumerate() {
        let m = k.metric();
        let r = &k.result;
        let mut name = m.text().name.to_owned();
        if let Some(role) = k.role {
            name.push_str(&format!(" ({})", super::role_text(role)));
        }
        let mut value = format::figure(m, &r.current);
        if r.current.small_sample {
            value.push_str(" ⚠");
        }
        notes.extend(super::kpi_notes(k));
        let used = format!(
            "{} / {} {}",
            crate::text::thousands(r.current.used),
            crate::text::thousands(r.current.left_out),
            r.current.rows.name()
        );
        let formula = format!("{} ({})", m.text().formula, m.aggregation.describe());
        let mut previous = format::figure(m, &r.previous);
        if r.previous.partial.is_some() && r.previous.value.is_some() {
            previous.push_str(tr("report.partial"));
        }
        let change = format::change(m, &r.change);
        if report.plan.is_some() {
            let target = super::target_text(k);
            let status = super::status_text(k);
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} | {} | {} |",
                cell(&name),
                value,
                cell(&target),
                status,
                previous,
                change,
                used,
                cell(&formula)
            );
        } else {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} |",
                cell(&name),
                value,
                previous,
                change,
                used,
                cell(&formula)
            );
        }
        let _ = i;
    }
    if !notes.is_empty() {
        let _ = writeln!(out, "\n{}:\n", tr("report.notes"));
        for n in notes {
            let _ = writeln!(out, "- {}", cell(&n));
        }
    }
    if !report.findings.is_empty() {
        let _ = writeln!(out, "\n## {}\n", tr("report.findings"));
        for f in &report.findings {
            let _ = writeln!(out, "- **{}**", cell(&f.headline.to_string()));
            for e in &f.evidence {
                let _ = writeln!(out, "  - {}", cell(&e.to_string()));
            }
        }
    }
    let _ = writeln!(out, "\n{}", tr("report.footer"));
    out
}
