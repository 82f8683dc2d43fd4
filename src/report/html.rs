//! The review as one self-contained HTML page, for a reader who will not open a terminal.
//!
//! It must open anywhere, offline, for years: inline CSS, inline SVG, no script, nothing
//! fetched. It follows the reader's light or dark preference, prints on A4 without splitting a
//! chart, and every text from data (post texts, handles, tags, titles, file names, plan names)
//! is escaped, with controls made visible; only `http:` and `https:` URLs become links.
//! Numbers come from the same [`Report`] as Markdown and JSON, plus the previous period's
//! series and the window's best and worst posts, computed here from the same engine.

use std::fmt::Write as _;

use super::svg::{Chart, chart, esc};
use super::{Report, kpi_notes, status_text, target_text};
use crate::calendar::format_date;
use crate::measure::compute::Ctx;
use crate::measure::plan::Status;
use crate::measure::{Metric, Prepared, Who, format};

/// Posts listed as the best and as the worst of the window.
pub const TOP_POSTS: usize = 5;
/// Characters of a post's text shown in the posts tables.
const TEXT_CHARS: usize = 220;

const CSS: &str = include_str!("html.css");

/// One post of the best or worst list.
struct Listed {
    row: usize,
    value: f64,
}

/// The page for `report`, computed on `prepared` (the data the report was made from).
pub fn to_html(report: &Report, prepared: &Prepared) -> String {
    let card = &report.scorecard;
    let window = card.window;
    let title = match report.plan {
        Some(p) => format!("Scorecard: {} · {}", p.name, window),
        None => format!("Metrics report · {window}"),
    };
    let mut s = String::with_capacity(64 * 1024);
    let _ = write!(
        s,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"color-scheme\" content=\"light dark\">\n<meta name=\"generator\" content=\"engage {}\">\n<title>{}</title>\n<style>\n{CSS}</style>\n</head>\n<body>\n<main>\n",
        env!("CARGO_PKG_VERSION"),
        esc(&title)
    );
    header(&mut s, report);
    scorecard(&mut s, report);
    charts(&mut s, report, prepared);
    findings(&mut s, report);
    posts(&mut s, report, prepared);
    provenance(&mut s, report, prepared);
    s.push_str(
        "<footer><p>Percent metrics are ratios shown as percents; changes in percent metrics are in percentage points (pp). Missing data is left out, never counted as zero.</p></footer>\n</main>\n</body>\n</html>\n",
    );
    s
}

fn header(s: &mut String, report: &Report) {
    let card = &report.scorecard;
    s.push_str("<header>\n");
    match report.plan {
        Some(plan) => {
            let _ = writeln!(
                s,
                "<p class=\"kicker\">engage review</p>\n<h1>{}</h1>",
                esc(&plan.name)
            );
            let _ = writeln!(
                s,
                "<p class=\"objective\"><span class=\"label\">Objective</span> {}</p>",
                esc(&plan.objective)
            );
            if !plan.goals.is_empty() {
                s.push_str("<ul class=\"goals\">\n");
                for g in &plan.goals {
                    let _ = writeln!(s, "<li>{}</li>", esc(g));
                }
                s.push_str("</ul>\n");
            }
        }
        None => s.push_str("<p class=\"kicker\">engage report</p>\n<h1>Metrics report</h1>\n"),
    }
    // Without a title, the files; many are counted here and listed under provenance.
    let data = report
        .title
        .clone()
        .unwrap_or_else(|| match report.sources.len() {
            0..=2 => report.sources.join(", "),
            n => format!("{n} files, from {} (listed at the end)", report.sources[0]),
        });
    let _ = writeln!(
        s,
        "<dl class=\"meta\"><div><dt>Window</dt><dd>{} ({} days)</dd></div><div><dt>Compared with</dt><dd>{}</dd></div><div><dt>Segment</dt><dd>{}</dd></div><div><dt>Data</dt><dd>{}</dd></div></dl>",
        card.window,
        card.window.days(),
        card.window.previous(),
        esc(&report.segment.describe()),
        esc(&data)
    );
    if report.plan.is_some() {
        let _ = writeln!(s, "<p class=\"verdict\">{}</p>", esc(&card.verdict()));
    }
    if !card.unknown.is_empty() {
        let _ = writeln!(
            s,
            "<p class=\"warn\">The segment names {} that the data does not have.</p>",
            esc(&card.unknown.join(", "))
        );
    }
    s.push_str("</header>\n");
}

fn status_class(status: Status) -> &'static str {
    match status {
        Status::Met => "met",
        Status::Near => "near",
        Status::Missed => "missed",
        _ => "none",
    }
}

fn scorecard(s: &mut String, report: &Report) {
    let card = &report.scorecard;
    let planned = report.plan.is_some();
    s.push_str("<section class=\"scorecard\">\n<h2>Scorecard</h2>\n<table>\n<thead><tr><th scope=\"col\">KPI</th><th scope=\"col\" class=\"num\">Value</th>");
    if planned {
        s.push_str("<th scope=\"col\">Target</th><th scope=\"col\">Status</th>");
    }
    s.push_str("<th scope=\"col\" class=\"num\">Previous</th><th scope=\"col\" class=\"num\">Change</th><th scope=\"col\" class=\"num\">Used / left out</th></tr></thead>\n<tbody>\n");
    let mut notes = Vec::new();
    for k in &card.kpis {
        let m = k.metric();
        let r = &k.result;
        let mut name = esc(m.name);
        if let Some(role) = k.role {
            let _ = write!(name, " <span class=\"role\">{}</span>", esc(role));
        }
        let mut value = esc(&format::figure(m, &r.current));
        if r.current.small_sample {
            value.push_str(" <span class=\"small\" title=\"small sample\">⚠</span>");
        }
        let mut previous = esc(&format::figure(m, &r.previous));
        if r.previous.partial.is_some() && r.previous.value.is_some() {
            previous.push_str(" <span class=\"dim\">(partial)</span>");
        }
        let _ = write!(
            s,
            "<tr><th scope=\"row\">{name}</th><td class=\"num\">{value}</td>"
        );
        if planned {
            let _ = write!(
                s,
                "<td>{}</td><td class=\"status {}\">{}</td>",
                esc(&target_text(k)),
                status_class(k.status),
                esc(&status_text(k))
            );
        }
        let _ = writeln!(
            s,
            "<td class=\"num\">{previous}</td><td class=\"num\">{}</td><td class=\"num\">{} / {} {}</td></tr>",
            esc(&format::change(m, &r.change)),
            r.current.used,
            r.current.left_out,
            r.current.rows.name()
        );
        notes.extend(kpi_notes(k));
    }
    s.push_str("</tbody>\n</table>\n");
    if !notes.is_empty() {
        s.push_str("<ul class=\"notes\">\n");
        for n in notes {
            let _ = writeln!(s, "<li>{}</li>", esc(&n));
        }
        s.push_str("</ul>\n");
    }
    s.push_str("</section>\n");
}

fn charts(s: &mut String, report: &Report, prepared: &Prepared) {
    let card = &report.scorecard;
    if card.kpis.is_empty() {
        return;
    }
    let _ = writeln!(
        s,
        "<section class=\"charts\">\n<h2>Over time, by {}</h2>",
        report.granularity.name()
    );
    let mut ctx = Ctx::new(prepared, &report.segment);
    for (i, k) in card.kpis.iter().enumerate() {
        let m = k.metric();
        let previous = ctx.series(m, card.window.previous(), report.granularity, Who::All);
        let id = format!("kpi{}", i + 1);
        let svg = chart(&Chart {
            id: &id,
            metric: m,
            window: card.window,
            granularity: report.granularity,
            current: &k.result.series,
            previous: &previous,
            goal: k.goal,
        });
        let status = if report.plan.is_some() {
            format!(
                " <span class=\"status {}\">{}</span>",
                status_class(k.status),
                esc(&status_text(k))
            )
        } else {
            String::new()
        };
        let _ = writeln!(
            s,
            "<figure class=\"kpi\"><figcaption><strong>{}</strong> {}{status}</figcaption>{svg}</figure>",
            esc(m.name),
            esc(&format::figure(m, &k.result.current)),
        );
    }
    s.push_str("</section>\n");
}

fn findings(s: &mut String, report: &Report) {
    if report.findings.is_empty() {
        return;
    }
    s.push_str("<section class=\"findings\">\n<h2>Findings</h2>\n<ul>\n");
    for f in &report.findings {
        let _ = write!(s, "<li><strong>{}</strong>", esc(&f.headline));
        if !f.evidence.is_empty() {
            s.push_str("<ul>");
            for e in &f.evidence {
                let _ = write!(s, "<li>{}</li>", esc(e));
            }
            s.push_str("</ul>");
        }
        s.push_str("</li>\n");
    }
    s.push_str("</ul>\n</section>\n");
}

/// The metric the posts are ranked by: the plan's first per-post KPI, else the default
/// engagement rate (the findings' metric).
fn ranking_metric(report: &Report, prepared: &Prepared) -> &'static Metric {
    crate::analysis::findings::findings_metric(
        prepared,
        report.scorecard.window,
        &report.segment,
        Some(&report.scorecard).filter(|c| !c.kpis.is_empty()),
    )
}

fn posts(s: &mut String, report: &Report, prepared: &Prepared) {
    let m = ranking_metric(report, prepared);
    let rows = prepared.query_posts(report.scorecard.window, &report.segment, "");
    let mut known: Vec<Listed> = rows
        .iter()
        .filter_map(|&r| {
            prepared
                .post_metric(m, r as usize)
                .filter(|v| v.is_finite())
                .map(|value| Listed {
                    row: r as usize,
                    value,
                })
        })
        .collect();
    let _ = writeln!(
        s,
        "<section class=\"posts\">\n<h2>Best and worst posts by {}</h2>\n<p class=\"dim\">{} of the window's {} posts have a value ({}).</p>",
        esc(m.name),
        known.len(),
        rows.len(),
        esc(m.formula)
    );
    if known.is_empty() {
        s.push_str("</section>\n");
        return;
    }
    // Highest first; ties in publication order, so the lists are stable.
    known.sort_by(|a, b| b.value.total_cmp(&a.value).then(a.row.cmp(&b.row)));
    let best = known.len().min(TOP_POSTS);
    post_table(s, prepared, m, "Best", &known[..best]);
    // The worst are those not already listed as the best, lowest first.
    let worst: Vec<&Listed> = known[best..].iter().rev().take(TOP_POSTS).collect();
    if !worst.is_empty() {
        let worst: Vec<Listed> = worst
            .into_iter()
            .map(|l| Listed {
                row: l.row,
                value: l.value,
            })
            .collect();
        post_table(s, prepared, m, "Worst", &worst);
    }
    s.push_str("</section>\n");
}

/// A link only for `http:` and `https:` URLs (never `javascript:` or `data:`).
fn link(url: &str) -> Option<String> {
    let u = url.trim();
    let lower = u.to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://")).then(|| {
        format!(
            "<a href=\"{}\" rel=\"noopener noreferrer\">open</a>",
            esc(u)
        )
    })
}

fn post_table(
    s: &mut String,
    prepared: &Prepared,
    m: &'static Metric,
    what: &str,
    list: &[Listed],
) {
    let posts = &prepared.store.posts;
    let _ = writeln!(
        s,
        "<table class=\"posts\">\n<caption>{what}</caption>\n<thead><tr><th scope=\"col\" class=\"num\">{}</th><th scope=\"col\">Account</th><th scope=\"col\">Published</th><th scope=\"col\">Format</th><th scope=\"col\">Text</th><th scope=\"col\">Link or id</th></tr></thead>\n<tbody>",
        esc(m.name)
    );
    for l in list {
        let r = l.row;
        let text = posts.text.get(r);
        let mut shown: String = text.chars().take(TEXT_CHARS).collect();
        if text.chars().count() > TEXT_CHARS {
            shown.push('…');
        }
        let url = posts.url.get(r);
        let account = &prepared.account_ids[posts.account[r] as usize];
        let _ = writeln!(
            s,
            "<tr><td class=\"num\">{}</td><td>{}</td><td class=\"nowrap\">{}</td><td>{}</td><td class=\"text\">{}</td><td>{}</td></tr>",
            esc(&format::value(m, l.value)),
            esc(account),
            esc(&posts.published_at(r).to_string()),
            esc(posts.format[r].name()),
            esc(&shown),
            link(url).unwrap_or_else(|| esc(posts.id.get(r)))
        );
    }
    s.push_str("</tbody>\n</table>\n");
}

fn provenance(s: &mut String, report: &Report, prepared: &Prepared) {
    let card = &report.scorecard;
    s.push_str("<section class=\"provenance\">\n<h2>Where the numbers come from</h2>\n");
    s.push_str("<table>\n<caption>Files</caption>\n<thead><tr><th scope=\"col\">File</th><th scope=\"col\">Title</th><th scope=\"col\">Exported</th></tr></thead>\n<tbody>\n");
    for f in &prepared.store.sources {
        let _ = writeln!(
            s,
            "<tr><td class=\"path\">{}</td><td>{}</td><td class=\"nowrap\">{}</td></tr>",
            esc(&f.name),
            esc(f.title.as_deref().unwrap_or("")),
            f.exported_at
                .map_or_else(|| "unknown".to_owned(), |t| esc(&t.to_string()))
        );
    }
    s.push_str("</tbody>\n</table>\n");
    let _ = writeln!(
        s,
        "<p>Window {} ({} days), compared with {}; segment: {}; series by {}; days in UTC{}.</p>",
        card.window,
        card.window.days(),
        card.window.previous(),
        esc(&report.segment.describe()),
        report.granularity.name(),
        crate::calendar::format_offset(prepared.store.utc_offset_min)
    );
    if !card.kpis.is_empty() {
        s.push_str("<table>\n<caption>Formulas</caption>\n<thead><tr><th scope=\"col\">KPI</th><th scope=\"col\">Formula</th><th scope=\"col\">Aggregation</th><th scope=\"col\">Counted over</th></tr></thead>\n<tbody>\n");
        for k in &card.kpis {
            let m = k.metric();
            let r = &k.result.current;
            let _ = writeln!(
                s,
                "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td><td>{} {} used, {} left out</td></tr>",
                esc(m.name),
                esc(m.formula),
                esc(m.aggregation.describe()),
                r.used,
                r.rows.name(),
                r.left_out
            );
        }
        s.push_str("</tbody>\n</table>\n");
    }
    let _ = writeln!(
        s,
        "<p class=\"dim\">Made by engage {} for {}..{}.</p>",
        env!("CARGO_PKG_VERSION"),
        format_date(card.window.from),
        format_date(card.window.to)
    );
    s.push_str("</section>\n");
}
