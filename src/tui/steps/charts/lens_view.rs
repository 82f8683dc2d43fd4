//! The lenses drawn in Charts' middle pane: a breakdown as a table with bars, best time as a
//! 7 x 24 heatmap (shades with counts; glyph density without colour), breakouts and follower
//! jumps as lists with their evidence, promo against audience-first posts. Pure functions of
//! the state: the numbers were computed on a worker (see [`crate::tui::lens`]).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::analysis::best_time::{Cell, SMALL_CELL, caveat};
use crate::analysis::breakdown::Breakdown;
use crate::analysis::breakouts::Breakout;
use crate::analysis::content::ContentLens;
use crate::analysis::followers::Jump;
use crate::i18n::{tr, trf};
use crate::measure::{Metric, format, metric};
use crate::text::thousands;
use crate::tui::action::{Action, Context};
use crate::tui::app::App;
use crate::tui::lens::{LensKind, LensOutput};
use crate::tui::sanitize;
use crate::tui::view::{fit, pane_block};

/// Weekday abbreviations, Monday first, in the language shown: the names' first three
/// letters (Mon, Sen).
fn weekdays() -> [&'static str; 7] {
    let lang = crate::i18n::current();
    std::array::from_fn(|d| {
        let name = crate::i18n::weekday(lang, d);
        name.get(..3).unwrap_or(name)
    })
}

/// The lens's lines (all of them: the pane shows a scrolled part).
pub fn lines(app: &App, width: usize) -> Vec<Line<'static>> {
    let view = &app.ui.charts;
    let Some(key) = &app.model.lens.key else {
        return vec![Line::from(tr("lensv.no_data"))];
    };
    let Some(m) = metric(key.metric) else {
        return Vec::new();
    };
    match app.model.lens.answer() {
        None => vec![Line::from(trf(
            "lensv.computing",
            &[("lens", &view.lens.title())],
        ))],
        Some(LensOutput::Refused(why)) => vec![Line::from(why.clone())],
        Some(LensOutput::Breakdown(b)) => breakdown_lines(app, b, view.lens_by_value, width),
        Some(LensOutput::Sources(s)) => source_lines(app, s, width),
        Some(LensOutput::BestTime(cells)) => heatmap_lines(app, m, cells),
        Some(LensOutput::Breakouts(list)) => breakout_lines(m, list, width),
        Some(LensOutput::Followers(list)) => jump_lines(app, list, width),
        Some(LensOutput::Content(c)) => content_lines(app, c, width),
    }
}

/// Draws the lens with its title (what it is, by which metric, the keys that change it).
pub fn render_lens(frame: &mut Frame, area: Rect, app: &App) {
    let view = &app.ui.charts;
    let all = lines(app, area.width.saturating_sub(2) as usize);
    let inner = area.height.saturating_sub(2) as usize;
    let scroll = view.lens_scroll.min(all.len().saturating_sub(inner));
    let shown: Vec<Line> = all.into_iter().skip(scroll).collect();
    // A breakdown names the metric it shows (by source: sessions, when the lens's metric has
    // no value by source).
    let shown_metric = match app.model.lens.answer() {
        Some(LensOutput::Breakdown(b)) => Some(b.metric),
        Some(LensOutput::Sources(s)) => Some(s.metric),
        _ => app.model.lens.key.as_ref().and_then(|k| metric(k.metric)),
    };
    let by = shown_metric
        .filter(|_| view.lens != LensKind::Followers)
        .map_or_else(String::new, |m| format!(" · {}", m.text().name));
    let dim = if view.lens == LensKind::Breakdown {
        trf(
            "lensv.by_dim",
            &[
                ("dim", &view.dim.label()),
                ("key", &app.key_in(Context::Charts, Action::LensBy)),
            ],
        )
    } else {
        String::new()
    };
    let title = trf(
        "lensv.title",
        &[
            ("lens", &view.lens.title()),
            ("dim", &dim),
            ("by", &by),
            ("key", &app.key_in(Context::Charts, Action::NextLens)),
        ],
    );
    frame.render_widget(
        Paragraph::new(shown)
            .style(app.ui.theme.text)
            .wrap(ratatui::widgets::Wrap { trim: false })
            .block(pane_block(app, &title, app.focus() == 1)),
        area,
    );
}

fn shown(m: &Metric, v: Option<f64>) -> String {
    v.map_or_else(|| "n/a".to_owned(), |v| format::value(m, v))
}

fn breakdown_lines(app: &App, b: &Breakdown, by_value: bool, width: usize) -> Vec<Line<'static>> {
    let m = b.metric;
    let theme = &app.ui.theme;
    let mut groups: Vec<_> = b.groups.iter().collect();
    if by_value {
        groups.sort_by(|x, y| {
            let v = |g: &crate::analysis::breakdown::Group| g.figure.value.unwrap_or(f64::MIN);
            v(y).total_cmp(&v(x))
        });
    }
    let max = groups
        .iter()
        .filter_map(|g| g.figure.value)
        .fold(0.0f64, |a, v| a.max(v.abs()));
    // The key as wide as the longest (within a cap: narrow panes give the key and the
    // median less room); the bar takes what is left.
    let (key_cap, med_w) = if width < 100 {
        (16usize, 27usize)
    } else {
        (24, 29)
    };
    let header = b.dims.first().map_or("", |d| d.label());
    let key_w = groups
        .iter()
        .map(|g| {
            let keys: Vec<String> = g.keys.iter().map(|(_, k)| sanitize::name(k)).collect();
            keys.join(" · ").chars().count()
        })
        .max()
        .unwrap_or(0)
        .max(header.chars().count())
        .clamp(6, key_cap);
    let bar_w = width
        .saturating_sub(key_w + 1 + 12 + 1 + med_w + 1 + 9 + 6)
        .clamp(3, 30);
    let mut out = vec![Line::styled(
        format!(
            "{:<key_w$} {:>11} {:<bar_w$} {:<med_w$} {:>9}",
            header,
            tr("lensv.col_value"),
            "",
            tr("lensv.col_median"),
            tr("lensv.col_posts")
        ),
        theme.dim,
    )];
    for g in groups {
        let key: Vec<String> = g.keys.iter().map(|(_, k)| sanitize::name(k)).collect();
        let filled = g
            .figure
            .value
            .filter(|_| max > 0.0)
            .map_or(0, |v| ((v.abs() / max) * bar_w as f64).round() as usize);
        let median = g.spread.as_ref().map_or_else(String::new, |s| {
            let ci = s.ci95.map_or_else(String::new, |(lo, hi)| {
                format!(" [{} - {}]", format::value(m, lo), format::value(m, hi))
            });
            format!("{}{ci}", format::value(m, s.median))
        });
        let posts = g.spread.as_ref().map_or(g.posts, |s| s.used);
        let small = if g.small { " small" } else { "" };
        let mut spans = vec![
            Span::raw(format!("{:<key_w$} ", fit(&key.join(" · "), key_w))),
            Span::raw(format!("{:>11} ", shown(m, g.figure.value))),
        ];
        match (&g.figure.reason, g.figure.value, &g.spread) {
            // Without a value, why, across the bar and the median.
            (Some(reason), None, None) => {
                let w = bar_w + 1 + med_w;
                spans.push(Span::styled(
                    format!("{:<w$}", fit(&sanitize::line(&reason.to_string()), w)),
                    theme.dim,
                ));
            }
            _ => {
                spans.push(Span::styled(
                    format!("{:<bar_w$}", "█".repeat(filled.min(bar_w))),
                    theme.bar,
                ));
                spans.push(Span::raw(format!(" {:<med_w$}", fit(&median, med_w))));
            }
        }
        spans.extend([
            Span::raw(format!(" {:>9}", thousands(posts))),
            Span::styled(small.to_owned(), theme.warn),
        ]);
        out.push(Line::from(spans));
    }
    out.push(Line::styled(
        trf(
            if by_value {
                "lensv.breakdown_foot_key"
            } else {
                "lensv.breakdown_foot_value"
            },
            &[
                ("all", &shown(m, b.total.value)),
                ("formula", &m.text().formula),
                ("key", &app.key_in(Context::Charts, Action::SortNext)),
            ],
        ),
        theme.dim,
    ));
    out
}

/// Website visits by source: how many each source sends and how deep they go, each
/// platform's link posts beside it, then direct traffic and the whole site to read them
/// against (a website objective, translated to each platform).
fn source_lines(
    app: &App,
    s: &crate::analysis::sources::SourceBreakdown,
    width: usize,
) -> Vec<Line<'static>> {
    let theme = &app.ui.theme;
    let visit = |g: &crate::analysis::sources::SourceGroup, i: usize| {
        let id = crate::analysis::sources::VISIT_METRICS[i];
        match (metric(id), g.visits.get(i)) {
            (Some(m), Some((_, f))) => shown(m, f.value),
            _ => "–".to_owned(),
        }
    };
    let key_w = s
        .groups
        .iter()
        .chain(&s.reference)
        .map(|g| crate::text::width(&sanitize::line(&g.source)))
        .max()
        .unwrap_or(6)
        .clamp(6, 24);
    let row = |cells: [String; 8]| {
        format!(
            "{:<key_w$} {:>9} {:>10} {:>9} {:>8} {:>6} {:>8} {:>10}",
            cells[0], cells[1], cells[2], cells[3], cells[4], cells[5], cells[6], cells[7]
        )
    };
    let mut out = vec![Line::styled(
        fit(
            &row([
                tr("lensv.src_source").to_owned(),
                tr("lensv.src_sessions").to_owned(),
                tr("lensv.src_pages").to_owned(),
                tr("lensv.src_time").to_owned(),
                tr("lensv.src_engaged").to_owned(),
                tr("lensv.src_links").to_owned(),
                tr("lensv.src_clicks").to_owned(),
                tr("lensv.src_per_click").to_owned(),
            ]),
            width,
        ),
        theme.dim,
    )];
    let line = |g: &crate::analysis::sources::SourceGroup| {
        let (links, clicks, per_click) = g.links.as_ref().map_or_else(
            || ("".to_owned(), "".to_owned(), "".to_owned()),
            |l| {
                (
                    thousands(l.posts),
                    l.clicks.map_or_else(|| "–".to_owned(), thousands),
                    l.sessions_per_click.map_or_else(
                        || "–".to_owned(),
                        |v| crate::text::decimal_mark(format!("{v:.2}")),
                    ),
                )
            },
        );
        fit(
            &row([
                sanitize::line(&g.source),
                visit(g, 0),
                visit(g, 1),
                visit(g, 2),
                visit(g, 3),
                links,
                clicks,
                per_click,
            ]),
            width,
        )
    };
    if s.groups.is_empty() {
        out.push(Line::from(tr("lensv.src_none")));
    }
    for g in &s.groups {
        out.push(Line::from(line(g)));
    }
    for g in &s.reference {
        out.push(Line::styled(line(g), theme.dim));
    }
    if let Some((g, pages)) = s.deepest_platform(0.05)
        && let Some(m) = metric("pages_per_session")
    {
        out.push(Line::from(trf(
            "lensv.src_stay",
            &[
                ("source", &sanitize::line(&g.source)),
                ("pages", &format::value(m, pages)),
            ],
        )));
    }
    out.push(Line::styled(tr("lensv.src_note"), theme.dim));
    out
}

/// Shades of the heatmap, low to high: backgrounds with colour, glyphs without.
const SHADES: [Color; 5] = [
    Color::Indexed(236),
    Color::Indexed(23),
    Color::Indexed(29),
    Color::Indexed(35),
    Color::Indexed(41),
];
const GLYPHS: [&str; 5] = ["▁▁", "░░", "▒▒", "▓▓", "██"];

fn heatmap_lines(app: &App, m: &'static Metric, cells: &[Cell]) -> Vec<Line<'static>> {
    let theme = &app.ui.theme;
    let mut medians: Vec<f64> = cells
        .iter()
        .filter(|c| !c.small)
        .filter_map(|c| c.median)
        .collect();
    medians.sort_by(f64::total_cmp);
    // A cell's shade: the fifth of the judged cells' medians it falls in.
    let shade = |v: f64| -> usize {
        let below = medians.partition_point(|x| *x < v);
        (below * SHADES.len() / medians.len().max(1)).min(SHADES.len() - 1)
    };
    let mut out = Vec::new();
    let mut head = String::from("     ");
    for h in 0..24 {
        head.push_str(&format!("{h:02} "));
    }
    out.push(Line::styled(head, theme.dim));
    for (d, day) in weekdays().iter().enumerate() {
        let mut spans = vec![Span::raw(format!("{day}  "))];
        for h in 0..24 {
            let cell = cells
                .iter()
                .find(|c| c.weekday as usize == d + 1 && c.hour == h);
            let span = match cell {
                Some(c) if c.posts > 0 && !c.small => {
                    let s = c.median.map_or(0, shade);
                    if theme.colour {
                        let count = if c.posts > 99 {
                            "++".to_owned()
                        } else {
                            format!("{:>2}", c.posts)
                        };
                        Span::styled(count, Style::default().bg(SHADES[s]).fg(Color::White))
                    } else {
                        Span::raw(GLYPHS[s])
                    }
                }
                Some(c) if c.posts > 0 => Span::styled(format!("{:>2}", c.posts), theme.dim),
                _ => Span::styled(" ·", theme.dim),
            };
            spans.push(span);
            spans.push(Span::raw(" "));
        }
        out.push(Line::from(spans));
    }
    let judged: Vec<&Cell> = cells
        .iter()
        .filter(|c| !c.small && c.median.is_some())
        .collect();
    let best = judged.iter().max_by(|a, b| {
        a.median
            .unwrap_or(f64::MIN)
            .total_cmp(&b.median.unwrap_or(f64::MIN))
    });
    out.push(Line::styled(
        trf(
            "lensv.shade",
            &[
                ("metric", &m.text().name),
                (
                    "numbers",
                    &tr(if theme.colour {
                        "lensv.shade_numbers"
                    } else {
                        "lensv.shade_glyphs"
                    }),
                ),
                ("small", &SMALL_CELL),
            ],
        ),
        theme.dim,
    ));
    if let Some(c) = best {
        out.push(Line::from(trf(
            "lensv.highest",
            &[
                (
                    "slot",
                    &format!("{} {:02}:00", weekdays()[c.weekday as usize - 1], c.hour),
                ),
                ("median", &shown(m, c.median)),
                ("n", &thousands(c.posts)),
            ],
        )));
    }
    out.push(Line::styled(caveat(), theme.dim));
    out
}

fn breakout_lines(m: &'static Metric, list: &[Breakout], width: usize) -> Vec<Line<'static>> {
    if list.is_empty() {
        return vec![Line::from(trf(
            "lensv.no_breakout",
            &[("metric", &m.text().name)],
        ))];
    }
    let mut out = vec![Line::from(trf(
        "lensv.broke_out",
        &[
            ("n", &thousands(list.len() as u64)),
            ("metric", &m.text().name),
        ],
    ))];
    for b in list {
        out.push(Line::from(fit(
            &format!(
                "z {:>5}  {:>6}x  {:<10} {}  {}  {}",
                crate::text::decimal_mark(format!("{:.1}", b.z)),
                crate::text::decimal_mark(format!("{:.1}", b.multiple)),
                sanitize::line(&b.post.account),
                b.post.published_at,
                sanitize::line(&b.post.id),
                trf(
                    "lensv.against_baseline",
                    &[
                        ("value", &format::value(m, b.post.value)),
                        ("median", &format::value(m, b.baseline_median)),
                        ("n", &thousands(b.baseline_posts as u64)),
                    ],
                )
            ),
            width,
        )));
    }
    out
}

fn jump_lines(app: &App, list: &[Jump], width: usize) -> Vec<Line<'static>> {
    let theme = &app.ui.theme;
    if list.is_empty() {
        return vec![Line::from(tr("lensv.no_jump"))];
    }
    let mut out = Vec::new();
    for j in list {
        let (word, style) = if j.unexplained {
            (tr("lensv.unexplained"), theme.warn)
        } else {
            (tr("lensv.explained"), theme.dim)
        };
        out.push(Line::from(vec![
            Span::raw(format!(
                "{}  {:<10} {}{}  z {}  ",
                crate::calendar::format_date(j.day),
                sanitize::line(&j.account),
                if j.gain < 0 { "-" } else { "+" },
                thousands(j.gain.unsigned_abs()),
                crate::text::decimal_mark(format!("{:.1}", j.z))
            )),
            Span::styled(word.to_owned(), style),
        ]));
        for e in j.explained_by.iter().chain(&j.evidence) {
            out.push(Line::styled(fit(&format!("    {e}"), width), theme.dim));
        }
    }
    out
}

fn content_lines(app: &App, c: &ContentLens, width: usize) -> Vec<Line<'static>> {
    let m = c.breakdown.metric;
    let mut out = vec![Line::styled(
        fit(&trf("lensv.rule", &[("rule", &c.rule.describe())]), width),
        app.ui.theme.dim,
    )];
    out.extend(breakdown_lines(app, &c.breakdown, false, width));
    out.pop();
    if let Some((ratio, ci)) = c.ratio {
        let dec = |v: f64| crate::text::decimal_mark(format!("{v:.2}"));
        let interval = ci.map_or_else(String::new, |(lo, hi)| {
            trf("lensv.interval", &[("lo", &dec(lo)), ("hi", &dec(hi))])
        });
        out.push(Line::from(trf(
            "lensv.promo_ratio",
            &[("ratio", &dec(ratio)), ("interval", &interval)],
        )));
    }
    for (i, name) in [tr("lensv.promo"), tr("lensv.audience_first")]
        .iter()
        .enumerate()
    {
        for (what, posts) in [
            (tr("lensv.worst"), &c.worst[i]),
            (tr("lensv.best"), &c.best[i]),
        ] {
            for p in posts {
                out.push(Line::styled(
                    fit(
                        &format!(
                            "{name} {what}: {} {} {} {}",
                            format::value(m, p.value),
                            sanitize::line(&p.account),
                            p.published_at,
                            sanitize::line(&p.id)
                        ),
                        width,
                    ),
                    app.ui.theme.dim,
                ));
            }
        }
    }
    out
}

/// How many lines the lens has (what its scroll runs over).
pub fn line_count(model: &crate::tui::app::Model, _view: &super::View) -> usize {
    match model.lens.answer() {
        None | Some(LensOutput::Refused(_)) => 1,
        Some(LensOutput::Breakdown(b)) => b.groups.len() + 2,
        Some(LensOutput::Sources(s)) => s.groups.len() + s.reference.len() + 4,
        Some(LensOutput::BestTime(_)) => 11,
        Some(LensOutput::Breakouts(list)) => list.len() + 1,
        Some(LensOutput::Followers(list)) => list
            .iter()
            .map(|j| 1 + j.explained_by.len() + j.evidence.len())
            .sum::<usize>()
            .max(1),
        Some(LensOutput::Content(c)) => {
            c.breakdown.groups.len()
                + 3
                + c.worst.iter().chain(&c.best).map(Vec::len).sum::<usize>()
        }
    }
}
