//! The review as one self-contained HTML page, for a reader who will not open a terminal.
//!
//! It must open anywhere, offline, for years: inline CSS, inline SVG, no script, nothing
//! fetched. It follows the reader's light or dark preference, prints on A4 without splitting a
//! chart, and every text from data (post texts, handles, tags, titles, file names, plan names)
//! is escaped, with controls made visible; only `http:` and `https:` URLs become links.
//! Numbers come from the same [`Report`] as Markdown and JSON, plus the previous period's
//! series and the window's best and worst posts, computed here from the same engine.

use crate::i18n::{tr, trf};
use crate::text::thousands;
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
        Some(p) => format!(
            "{} · {window}",
            trf("report.scorecard_of", &[("name", &p.name)])
        ),
        None => format!("{} · {window}", tr("report.metrics_report")),
    };
    let mut s = String::with_capacity(64 * 1024);
    let _ = write!(
        s,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"color-scheme\" content=\"light dark\">\n<meta name=\"generator\" content=\"engage {}\">\n<title>{}</title>\n<style>\n{CSS}</style>\n</head>\n<body>\n<main>\n",
        crate::i18n::current().code(),
        env!("CARGO_PKG_VERSION"),
        esc(&title)
    );
    header(&mut s, report);
    scorecard(&mut s, report);
    charts(&mut s, report, prepared);
    findings(&mut s, report);
    posts(&mut s, report, prepared);
    provenance(&mut s, report, prepared);
    let _ = write!(
        s,
        "<footer><p>{}</p></footer>\n</main>\n</body>\n</html>\n",
        esc(tr("report.footer"))
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
                "<p class=\"kicker\">{}</p>\n<h1>{}</h1>",
                esc(tr("html.kicker_review")),
                esc(&plan.name)
            );
            let _ = writeln!(
                s,
                "<p class=\"objective\"><span class=\"label\">{}</span> {}</p>",
                esc(tr("report.objective")),
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
        None => {
            let _ = writeln!(
                s,
                "<p class=\"kicker\">{}</p>\n<h1>{}</h1>",
                esc(tr("html.kicker_report")),
                esc(tr("report.metrics_report"))
            );
        }
    }
    // Without a title, the files; many are counted here and listed under provenance.
    let data = report
        .title
        .clone()
        .unwrap_or_else(|| match report.sources.len() {
            0..=2 => report.sources.join(", "),
            n => trf(
                "html.many_files",
                &[("n", &n), ("first", &report.sources[0])],
            ),
        });
    let _ = writeln!(
        s,
        "<dl class=\"meta\"><div><dt>{}</dt><dd>{} ({} {})</dd></div><div><dt>{}</dt><dd>{}</dd></div><div><dt>{}</dt><dd>{}</dd></div><div><dt>{}</dt><dd>{}</dd></div></dl>",
        esc(tr("html.window")),
        card.window,
        card.window.days(),
        esc(tr("rows.days")),
        esc(tr("html.compared_with")),
        card.window.previous(),
        esc(tr("html.segment")),
        esc(&report.segment.describe()),
        esc(tr("report.data")),
        esc(&data)
    );
    if report.plan.is_some() {
        let _ = writeln!(s, "<p class=\"verdict\">{}</p>", esc(&card.verdict()));
    }
    if !card.unknown.is_empty() {
        let _ = writeln!(
            s,
            "<p class=\"warn\">{}</p>",
            esc(&trf(
                "report.unknown_in_segment",
                &[("names", &card.unknown.join(", "))]
            ))
        );
    }
    s.push_str("</header>\n");
}

/// A text of the catalogue, escaped for the page.
fn t(key: &str) -> String {
    esc(tr(key))
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
    let _ = write!(
        s,
        "<section class=\"scorecard\">\n<h2>{}</h2>\n<table>\n<thead><tr><th scope=\"col\">KPI</th><th scope=\"col\" class=\"num\">{}</th>",
        t("html.scorecard"),
        t("html.value")
    );
    if planned {
        let _ = write!(
            s,
            "<th scope=\"col\">{}</th><th scope=\"col\">{}</th>",
            t("html.target"),
            t("html.status")
        );
    }
    let _ = write!(
        s,
        "<th scope=\"col\" class=\"num\">{}</th><th scope=\"col\" class=\"num\">{}</th><th scope=\"col\" class=\"num\">{}</th></tr></thead>\n<tbody>\n",
        t("html.previous"),
        t("html.change"),
        t("html.used")
    );
    let mut notes = Vec::new();
    for k in &card.kpis {
        let m = k.metric();
        let r = &k.result;
        let mut name = esc(m.text().name);
        if let Some(role) = k.role {
            let _ = write!(
                name,
                " <span class=\"role\">{}</span>",
                esc(super::role_text(role))
            );
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
            thousands(r.current.used),
            thousands(r.current.left_out),
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
        "<section class=\"charts\">\n<h2>{}</h2>",
        esc(&trf(
            "html.over_time",
            &[("by", &report.granularity.name())]
        ))
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
            esc(m.text().name),
            esc(&format::figure(m, &k.result.current)),
        );
    }
    s.push_str("</section>\n");
}

fn findings(s: &mut String, report: &Report) {
    if report.findings.is_empty() {
        return;
    }
    let _ = write!(
        s,
        "<section class=\"findings\">\n<h2>{}</h2>\n<ul>\n",
        t("report.findings")
    );
    for f in &report.findings {
        let _ = write!(s, "<li><strong>{}</strong>", esc(&f.headline.to_string()));
        if !f.evidence.is_empty() {
            s.push_str("<ul>");
            for e in &f.evidence {
                let _ = write!(s, "<li>{}</li>", esc(&e.to_string()));
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
        "<section class=\"posts\">\n<h2>{}</h2>\n<p class=\"dim\">{}</p>",
        esc(&trf("html.best_worst", &[("metric", &m.text().name)])),
        esc(&trf(
            "html.have_a_value",
            &[
                ("n", &crate::text::thousands(known.len() as u64)),
                ("of", &crate::text::thousands(rows.len() as u64)),
                ("formula", &m.text().formula),
            ],
        ))
    );
    if known.is_empty() {
        s.push_str("</section>\n");
        return;
    }
    // Highest first; ties in publication order, so the lists are stable.
    known.sort_by(|a, b| b.value.total_cmp(&a.value).then(a.row.cmp(&b.row)));
    let best = known.len().min(TOP_POSTS);
    post_table(s, prepared, m, "html.best", &known[..best]);
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
        post_table(s, prepared, m, "html.worst", &worst);
    }
    s.push_str("</section>\n");
}

/// A link only for `http:` and `https:` URLs (never `javascript:` or `data:`).
fn link(url: &str) -> Option<String> {
    let u = url.trim();
    let lower = u.to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://")).then(|| {
        format!(
            "<a href=\"{}\" rel=\"noopener noreferrer\">{}</a>",
            esc(u),
            t("html.open")
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
        "<table class=\"posts\">\n<caption>{}</caption>\n<thead><tr><th scope=\"col\" class=\"num\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead>\n<tbody>",
        t(what),
        esc(m.text().name),
        t("html.account"),
        t("html.published"),
        t("html.format"),
        t("html.text"),
        t("html.link_or_id")
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
    let _ = write!(
        s,
        "<section class=\"provenance\">\n<h2>{}</h2>\n<table>\n<caption>{}</caption>\n<thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead>\n<tbody>\n",
        t("html.provenance"),
        t("html.files"),
        t("html.file"),
        t("html.title"),
        t("html.exported")
    );
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
        "<p>{}</p>",
        esc(&trf(
            "html.provenance_line",
            &[
                ("window", &card.window),
                ("days", &card.window.days()),
                ("previous", &card.window.previous()),
                ("segment", &report.segment.describe()),
                ("by", &report.granularity.name()),
                (
                    "offset",
                    &crate::calendar::format_offset(prepared.store.utc_offset_min)
                ),
            ],
        ))
    );
    if !card.kpis.is_empty() {
        let _ = write!(
            s,
            "<table>\n<caption>{}</caption>\n<thead><tr><th scope=\"col\">KPI</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead>\n<tbody>\n",
            t("html.formulas"),
            t("html.formula"),
            t("html.aggregation"),
            t("html.counted_over")
        );
        for k in &card.kpis {
            let m = k.metric();
            let r = &k.result.current;
            let _ = writeln!(
                s,
                "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td><td>{}</td></tr>",
                esc(m.text().name),
                esc(m.text().formula),
                esc(m.aggregation.describe()),
                esc(&trf(
                    "html.counted",
                    &[
                        ("used", &thousands(r.used)),
                        ("rows", &r.rows.name()),
                        ("left_out", &thousands(r.left_out))
                    ],
                ))
            );
        }
        s.push_str("</tbody>\n</table>\n");
    }
    let _ = writeln!(
        s,
        "<p class=\"dim\">{}</p>",
        esc(&trf(
            "html.made_by",
            &[
                ("version", &env!("CARGO_PKG_VERSION")),
                ("from", &format_date(card.window.from)),
                ("to", &format_date(card.window.to)),
            ],
        ))
    );
    s.push_str("</section>\n");
}
