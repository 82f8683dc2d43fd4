//! `engage explore LENS`: the analysis lenses headless, as Markdown, JSON or CSV. The window
//! and segment flags are `engage report`'s, and the numbers are the app's: both call
//! `analysis`.

use std::io::{self, Write};

use serde_json::{Value, json};

use super::scope::{Scoped, load_for, scope_of};
use super::{EXIT_OK, fail};
use crate::analysis::best_time::{Cell, best_time, caveat};
use crate::analysis::breakdown::{Breakdown, Group, breakdown};
use crate::analysis::breakouts::{Breakout, MIN_BASELINE, Z, breakouts};
use crate::analysis::content::{ContentLens, PostRef, content_lens};
use crate::analysis::dims::Dim;
use crate::analysis::followers::{Jump, jumps};
use crate::cli::{ExploreArgs, ExploreFormat, Lens};
use crate::i18n::{tr, trf};
use crate::measure::catalogue::Metric;
use crate::measure::format;
use crate::measure::value::Figure;
use crate::storage::write_atomic;

/// Version of the explore JSON's shape.
pub const EXPLORE_VERSION: u32 = 1;

pub fn explore(
    home: Option<&std::path::Path>,
    args: &ExploreArgs,
    options: &crate::import::Options,
    out: &mut dyn Write,
) -> io::Result<u8> {
    let store = match load_for(
        &args.paths,
        args.output.as_deref(),
        options,
        "nothing to explore",
    )? {
        Ok(store) => store,
        Err(status) => return Ok(status),
    };
    let scoped = match scope_of(&store, &args.scope, "explore")? {
        Ok(s) => s,
        Err(status) => return Ok(status),
    };
    let m = match scoped.metric(args.metric.as_deref()) {
        Ok(m) => m,
        Err(e) => return fail(e),
    };
    let Scoped {
        prepared,
        window,
        segment,
    } = scoped;
    let content = match super::content_settings(home) {
        Ok(s) => s.classify(&prepared),
        Err(e) => return fail(e),
    };
    let head = json!({
        "engage_explore": EXPLORE_VERSION,
        "lens": lens_name(args.lens),
        "metric": m.id,
        "window": window,
        "segment": segment,
        "segment_description": segment.describe(),
    });
    let text = match args.lens {
        Lens::Breakdown => {
            let dims = if args.by.is_empty() {
                vec![Dim::Account]
            } else {
                args.by.clone()
            };
            if dims == [Dim::Source] {
                let b = crate::analysis::sources::by_source(&prepared, m, window, &segment);
                super::explore_sources::render_sources(args.format, head, &b)
            } else {
                match breakdown(&prepared, m, window, &segment, &dims, &content) {
                    Ok(b) => render_breakdown(args.format, head, &b, None),
                    Err(e) => return fail(e),
                }
            }
        }
        Lens::Content => match content_lens(&prepared, m, window, &segment, &content) {
            Ok(c) => render_content(args.format, head, &c),
            Err(e) => return fail(e),
        },
        Lens::BestTime => match best_time(&prepared, m, window, &segment) {
            Ok(cells) => render_best_time(args.format, head, m, &cells),
            Err(e) => return fail(e),
        },
        Lens::Breakouts => match breakouts(&prepared, m, window, &segment) {
            Ok(list) => render_breakouts(args.format, head, m, &list),
            Err(e) => return fail(e),
        },
        Lens::Followers => {
            let mut head = head;
            // Jumps are judged on follower counts, not on a metric.
            head["metric"] = Value::Null;
            render_jumps(args.format, head, &jumps(&prepared, window, &segment))
        }
    };
    match &args.output {
        Some(path) => {
            if let Err(e) = write_atomic(path, text.as_bytes()) {
                return fail(format!("cannot write {}: {e}", path.display()));
            }
            writeln!(io::stderr(), "wrote {}", path.display())?;
        }
        None => out.write_all(text.as_bytes())?,
    }
    Ok(EXIT_OK)
}

fn lens_name(lens: Lens) -> &'static str {
    match lens {
        Lens::Breakdown => "breakdown",
        Lens::BestTime => "best-time",
        Lens::Content => "content",
        Lens::Breakouts => "breakouts",
        Lens::Followers => "followers",
    }
}

/// A figure's fields as the report writes them.
pub(super) fn figure_json(f: &Figure) -> Value {
    json!({
        "value": f.value,
        "reason": f.reason,
        "used": f.used,
        "left_out": f.left_out,
        "counted": f.rows.name(),
    })
}

fn group_json(g: &Group) -> Value {
    let keys: serde_json::Map<String, Value> = g
        .keys
        .iter()
        .map(|(d, k)| (d.name().to_owned(), json!(k)))
        .collect();
    let s = g.spread.as_ref();
    json!({
        "keys": keys,
        "value": g.figure.value,
        "reason": g.figure.reason,
        // Per-post metrics count the posts whose per-post value is known.
        "used": s.map_or(g.figure.used, |s| s.used),
        "left_out": s.map_or(g.figure.left_out, |s| g.posts.saturating_sub(s.used)),
        "posts": g.posts,
        "mean": s.map(|s| s.mean),
        "median": s.map(|s| s.median),
        "p25": s.map(|s| s.p25),
        "p75": s.map(|s| s.p75),
        "ci95": s.and_then(|s| s.ci95).map(|(lo, hi)| json!([lo, hi])),
        "share": g.share,
        "small": g.small,
    })
}

/// A cell for people: the value in the metric's unit, `n/a` without one.
fn shown(m: &Metric, v: Option<f64>) -> String {
    v.map_or_else(|| "n/a".to_owned(), |v| format::value(m, v))
}

/// A lens's CSV (written by [`crate::export::lenses`], as the other exports), as text.
fn csv(write: impl FnOnce(&mut Vec<u8>) -> io::Result<()>) -> String {
    crate::export::to_string(write).unwrap_or_default()
}

fn render_breakdown(
    fmt: ExploreFormat,
    mut head: Value,
    b: &Breakdown,
    extra: Option<Value>,
) -> String {
    let m = b.metric;
    match fmt {
        ExploreFormat::Json => {
            head["by"] = json!(b.dims.iter().map(|d| d.name()).collect::<Vec<_>>());
            head["total"] = figure_json(&b.total);
            head["groups"] = json!(b.groups.iter().map(group_json).collect::<Vec<_>>());
            if let (Some(Value::Object(more)), Value::Object(obj)) = (extra, &mut head) {
                obj.extend(more);
            }
            let mut s = crate::text::to_json_pretty(&head).unwrap_or_default();
            s.push('\n');
            s
        }
        ExploreFormat::Csv => csv(|w| crate::export::lenses::breakdown(b, w)),
        ExploreFormat::Md => {
            let mut out = trf(
                "explore.breakdown_head",
                &[
                    ("metric", &m.text().name),
                    (
                        "dims",
                        &b.dims
                            .iter()
                            .map(|d| d.label())
                            .collect::<Vec<_>>()
                            .join(tr("why.and")),
                    ),
                    ("window", &b.window),
                    ("segment", &segment_cell(&head)),
                    ("all", &shown(m, b.total.value)),
                ],
            );
            let dims: Vec<&str> = b.dims.iter().map(|d| d.label()).collect();
            out.push_str(&format!(
                "| {} | {} |\n|{}---:|---:|---:|---:|---:|\n",
                dims.join(" | "),
                tr("explore.breakdown_columns"),
                "---|".repeat(dims.len())
            ));
            for g in &b.groups {
                let keys: Vec<String> = g
                    .keys
                    .iter()
                    .map(|(_, k)| crate::report::markdown::cell(k))
                    .collect();
                let s = g.spread.as_ref();
                let median = s.map_or_else(String::new, |s| {
                    let ci = s.ci95.map_or_else(String::new, |(lo, hi)| {
                        format!(" ({}..{})", format::value(m, lo), format::value(m, hi))
                    });
                    format!("{}{ci}", format::value(m, s.median))
                });
                let quartiles = s.map_or_else(String::new, |s| {
                    format!("{}..{}", format::value(m, s.p25), format::value(m, s.p75))
                });
                let small = if g.small { " ⚠" } else { "" };
                out.push_str(&format!(
                    "| {} | {}{small} | {} | {median} | {quartiles} | {} |\n",
                    keys.join(" | "),
                    shown(m, g.figure.value),
                    g.posts,
                    g.share.map_or_else(String::new, format::percent),
                ));
            }
            out.push_str(&trf(
                "explore.breakdown_foot",
                &[
                    ("formula", &m.text().formula),
                    ("aggregation", &m.aggregation.describe()),
                ],
            ));
            out
        }
    }
}

/// The segment's description from the JSON head, as a Markdown cell.
pub(super) fn segment_cell(head: &Value) -> String {
    crate::report::markdown::cell(
        head["segment_description"]
            .as_str()
            .unwrap_or(tr("segment.all")),
    )
}

/// The window from the JSON head: `2026-10-04..2026-10-31`.
fn window_text(head: &Value) -> String {
    format!(
        "{}..{}",
        head["window"]["from"].as_str().unwrap_or_default(),
        head["window"]["to"].as_str().unwrap_or_default()
    )
}

fn post_json(p: &PostRef) -> Value {
    json!({"id": p.id, "account": p.account, "published_at": p.published_at, "value": p.value})
}

fn render_content(fmt: ExploreFormat, mut head: Value, c: &ContentLens) -> String {
    let m = c.breakdown.metric;
    head["rule"] = json!(c.rule.describe());
    let extra = json!({
        "rule": c.rule.describe(),
        "ratio": c.ratio.map(|(v, ci)| json!({
            "value": v,
            "ci95": ci.map(|(lo, hi)| json!([lo, hi])),
        })),
        "worst": {
            "promo": c.worst[0].iter().map(post_json).collect::<Vec<_>>(),
            "audience-first": c.worst[1].iter().map(post_json).collect::<Vec<_>>(),
        },
        "best": {
            "promo": c.best[0].iter().map(post_json).collect::<Vec<_>>(),
            "audience-first": c.best[1].iter().map(post_json).collect::<Vec<_>>(),
        },
    });
    match fmt {
        ExploreFormat::Md => {
            let mut out = render_breakdown(fmt, head, &c.breakdown, None);
            // The breakdown's title line, told as the founding idea.
            let first_line_end = out.find('\n').unwrap_or(0);
            out.replace_range(
                ..first_line_end,
                &trf("explore.content_title", &[("metric", &m.text().name)]),
            );
            out.push_str(&trf("explore.rule", &[("rule", &c.rule.describe())]));
            if let Some((v, ci)) = c.ratio {
                let dec = |x: f64| crate::text::decimal_mark(format!("{x:.2}"));
                let ci = ci.map_or_else(String::new, |(lo, hi)| {
                    trf("explore.interval", &[("lo", &dec(lo)), ("hi", &dec(hi))])
                });
                out.push_str(&trf(
                    "explore.promo_ratio",
                    &[("ratio", &dec(v)), ("interval", &ci)],
                ));
            }
            for (i, side) in [tr("lensv.promo"), tr("lensv.audience_first")]
                .iter()
                .enumerate()
            {
                let list = |posts: &[PostRef]| {
                    posts
                        .iter()
                        .map(|p| {
                            format!(
                                "{} ({}, {})",
                                crate::report::markdown::cell(&p.id),
                                crate::report::markdown::cell(&p.account),
                                format::value(m, p.value)
                            )
                        })
                        .collect::<Vec<_>>()
                        .join("; ")
                };
                out.push_str(&trf(
                    "explore.best_worst",
                    &[
                        ("side", side),
                        ("best", &list(&c.best[i])),
                        ("worst", &list(&c.worst[i])),
                    ],
                ));
            }
            out
        }
        _ => render_breakdown(fmt, head, &c.breakdown, Some(extra)),
    }
}

fn render_best_time(fmt: ExploreFormat, mut head: Value, m: &Metric, cells: &[Cell]) -> String {
    match fmt {
        ExploreFormat::Json => {
            head["caveat"] = json!(caveat());
            head["cells"] = json!(
                cells
                    .iter()
                    .map(|c| json!({
                        "weekday": c.weekday,
                        "hour": c.hour,
                        "posts": c.posts,
                        "median": c.median,
                        "value": c.figure.value,
                        "small": c.small,
                    }))
                    .collect::<Vec<_>>()
            );
            let mut s = crate::text::to_json_pretty(&head).unwrap_or_default();
            s.push('\n');
            s
        }
        ExploreFormat::Csv => csv(|w| crate::export::lenses::best_time(cells, w)),
        ExploreFormat::Md => {
            let days: Vec<&str> = (0..7)
                .map(|d| crate::i18n::weekday_short(crate::i18n::current(), d))
                .collect();
            let mut out = trf(
                "explore.best_time_head",
                &[
                    ("metric", &m.text().name),
                    ("window", &window_text(&head)),
                    ("segment", &segment_cell(&head)),
                ],
            );
            out.push_str(&format!(
                "| {} | {} |\n|---:|---:|---:|---:|---:|---:|---:|---:|\n",
                tr("explore.hour"),
                days.join(" | ")
            ));
            for hour in 0..24u8 {
                let row: Vec<String> = (1..=7u8)
                    .map(|wd| {
                        cells
                            .iter()
                            .find(|c| c.weekday == wd && c.hour == hour)
                            .map_or_else(String::new, |c| match c.median {
                                Some(v) if c.small => {
                                    format!("({}, {})", format::value(m, v), c.posts)
                                }
                                Some(v) => format!("{} ({})", format::value(m, v), c.posts),
                                None => String::new(),
                            })
                    })
                    .collect();
                out.push_str(&format!("| {hour:02} | {} |\n", row.join(" | ")));
            }
            out.push_str(&trf(
                "explore.best_time_foot",
                &[("caveat", &crate::analysis::best_time::caveat())],
            ));
            out
        }
    }
}

fn render_breakouts(fmt: ExploreFormat, mut head: Value, m: &Metric, list: &[Breakout]) -> String {
    let rule = trf(
        "explore.breakout_rule",
        &[("z", &Z), ("min", &MIN_BASELINE)],
    );
    match fmt {
        ExploreFormat::Json => {
            head["rule"] = json!(rule);
            head["posts"] = json!(
                list.iter()
                    .map(|b| json!({
                        "id": b.post.id,
                        "account": b.post.account,
                        "published_at": b.post.published_at,
                        "value": b.post.value,
                        "baseline_median": b.baseline_median,
                        "baseline_posts": b.baseline_posts,
                        "z": b.z,
                        "multiple": b.multiple,
                    }))
                    .collect::<Vec<_>>()
            );
            let mut s = crate::text::to_json_pretty(&head).unwrap_or_default();
            s.push('\n');
            s
        }
        ExploreFormat::Csv => csv(|w| crate::export::lenses::breakouts(list, w)),
        ExploreFormat::Md => {
            let mut out = trf(
                "explore.breakouts_head",
                &[
                    ("metric", &m.text().name),
                    ("window", &window_text(&head)),
                    ("segment", &segment_cell(&head)),
                ],
            );
            if list.is_empty() {
                out.push_str(tr("explore.no_breakout"));
            } else {
                out.push_str(tr("explore.breakouts_columns"));
                for b in list {
                    out.push_str(&format!(
                        "| {} | {} | {} | {} | {} | {}x | {} |\n",
                        crate::report::markdown::cell(&b.post.id),
                        crate::report::markdown::cell(&b.post.account),
                        b.post.published_at,
                        format::value(m, b.post.value),
                        format::value(m, b.baseline_median),
                        crate::text::decimal_mark(format!("{:.1}", b.multiple)),
                        crate::text::decimal_mark(format!("{:.1}", b.z))
                    ));
                }
            }
            out.push_str(&trf("explore.rule", &[("rule", &rule)]));
            out
        }
    }
}

fn render_jumps(fmt: ExploreFormat, mut head: Value, list: &[Jump]) -> String {
    let rule = tr("explore.jump_rule");
    let date = |j: &Jump| crate::calendar::format_date(j.day);
    match fmt {
        ExploreFormat::Json => {
            head["rule"] = json!(rule);
            head["jumps"] = json!(
                list.iter()
                    .map(|j| json!({
                        "account": j.account,
                        "date": date(j),
                        "gain": j.gain,
                        "z": j.z,
                        "unexplained": j.unexplained,
                        "explained_by": j.explained_by,
                        "evidence": j.evidence,
                    }))
                    .collect::<Vec<_>>()
            );
            let mut s = crate::text::to_json_pretty(&head).unwrap_or_default();
            s.push('\n');
            s
        }
        ExploreFormat::Csv => csv(|w| crate::export::lenses::jumps(list, w)),
        ExploreFormat::Md => {
            let mut out = trf(
                "explore.jumps_head",
                &[
                    ("window", &window_text(&head)),
                    ("segment", &segment_cell(&head)),
                ],
            );
            if list.is_empty() {
                out.push_str(tr("explore.no_jump"));
            }
            for j in list {
                let what = if j.unexplained {
                    format!("**{}**", tr("lensv.unexplained"))
                } else {
                    tr("explore.explained_jump").to_owned()
                };
                out.push_str(&format!(
                    "- {} {}: {what}, {}{} (robust z {})\n",
                    date(j),
                    crate::report::markdown::cell(&j.account),
                    if j.gain < 0 { "-" } else { "+" },
                    crate::text::thousands(j.gain.unsigned_abs()),
                    crate::text::decimal_mark(format!("{:.1}", j.z))
                ));
                for e in j.explained_by.iter().chain(&j.evidence) {
                    out.push_str(&format!(
                        "  - {}\n",
                        crate::report::markdown::cell(&e.to_string())
                    ));
                }
            }
            out.push_str(&trf("explore.jump_foot", &[("rule", &rule)]));
            out
        }
    }
}
