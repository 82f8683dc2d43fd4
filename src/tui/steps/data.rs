//! Step 1, Data: the files loaded (with rows contributed and overridden), the accounts (with
//! date ranges, latest followers and field coverage), and every error and warning.

use crate::i18n::{tr, trf};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Gauge, Paragraph, Row, Table, Wrap};

use super::move_cursor;
use crate::snapshot::load::Source;
use crate::text::{bytes, share, thousands};
use crate::tui::action::{Action, Context};
use crate::tui::app::{App, Model, Overlay, PromptKind};
use crate::tui::effect::{Cx, Effect};
use crate::tui::sanitize;
use crate::tui::view::{pane_block, scroll_to};

/// The data step's view: the selected row in each pane (files, accounts, findings).
#[derive(Debug, Default)]
pub struct View {
    pub cursor: [usize; 3],
}

/// Rows of each pane: files (read, then skipped), accounts, findings (a skipped file's
/// reason is one).
fn lens(model: &Model) -> [usize; 3] {
    let data = &model.data;
    let findings: usize = data
        .files
        .iter()
        .map(|f| f.findings.errors.len() + f.findings.warnings.len())
        .sum::<usize>()
        + data.skipped.len();
    [
        data.files.len() + data.skipped.len(),
        data.summary.as_ref().map_or(0, |s| s.accounts.len()),
        findings,
    ]
}

pub fn update(cx: &mut Cx, view: &mut View, action: Action) {
    match action {
        Action::OpenFile => {
            let start = std::env::current_dir()
                .map(|d| format!("{}/", d.display()))
                .unwrap_or_default();
            // Whether a path replaces the data shown or joins it.
            let joins = matches!(cx.model.data.source, Some(Source::Files(_)));
            let hint = trf(
                "data.open_hint",
                &[
                    ("key", &cx.key(Context::Prompt, Action::Complete)),
                    (
                        "what",
                        &if joins {
                            tr("data.open_joins")
                        } else {
                            tr("data.open_replaces")
                        },
                    ),
                ],
            );
            let title = if joins {
                tr("data.add_files")
            } else {
                tr("data.open_files")
            };
            cx.ask(Effect::Open(Overlay::prompt(
                PromptKind::OpenFile,
                title,
                &hint,
                &start,
            )));
        }
        Action::Reload => match cx.model.data.source.clone() {
            Some(source) => {
                cx.ask(Effect::Load(source));
                cx.info(tr("data.reloading"));
            }
            None => cx.info(tr("data.nothing_to_reload")),
        },
        other => {
            let pane = cx.focus;
            let len = lens(cx.model)[pane];
            move_cursor(&mut view.cursor[pane], len, other, 10);
        }
    }
}

/// Keeps the cursors within their lists after the data changed.
pub fn reconcile(view: &mut View, model: &Model) {
    for (cursor, len) in view.cursor.iter_mut().zip(lens(model)) {
        *cursor = (*cursor).min(len.saturating_sub(1));
    }
}

pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    if let Some(loading) = &app.model.data.loading {
        render_loading(frame, area, app, loading);
        return;
    }
    // Each pane asks for its rows: accounts first (a third of the screen at most), then
    // findings and files share the rest by need, so many files are never squeezed above an
    // empty findings pane (nor the other way round).
    // Needs are capped (a folder of 70,000 files must not overflow a row count).
    let [files_need, accounts_need, findings_need] =
        lens(&app.model).map(|n| n.min(1_000) as u16 + 3);
    let accounts_height = accounts_need.clamp(4, (area.height / 3).max(4));
    let rest = area.height.saturating_sub(accounts_height);
    let findings_height = findings_need.clamp(3, (rest / 2).max(3));
    let files_height = if files_need.saturating_add(findings_need) <= rest {
        files_need
    } else {
        files_need.min(rest.saturating_sub(findings_height))
    }
    .max(4);
    let [files, accounts_area, findings] = Layout::vertical([
        Constraint::Length(files_height),
        Constraint::Length(accounts_height),
        Constraint::Min(3),
    ])
    .areas(area);
    render_files(frame, files, app);
    render_accounts(frame, accounts_area, app);
    render_findings(frame, findings, app);
}

fn render_loading(frame: &mut Frame, area: Rect, app: &App, loading: &crate::tui::app::Loading) {
    let read = loading
        .control
        .bytes_read
        .load(std::sync::atomic::Ordering::Relaxed);
    let ratio = if loading.total > 0 {
        (read as f64 / loading.total as f64).clamp(0.0, 1.0)
    } else {
        0.0
    };
    let block = pane_block(app, tr("data.loading"), true);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [text, gauge, hint] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Length(1),
        Constraint::Length(2),
    ])
    .areas(inner);
    let total = if loading.total > 0 {
        trf("data.loading_of", &[("total", &bytes(loading.total))])
    } else {
        String::new()
    };
    // Two threads count what they read; a second half that is dropped (and read again by
    // the first) would count twice: never more than the files hold.
    let shown = if loading.total > 0 {
        read.min(loading.total)
    } else {
        read
    };
    frame.render_widget(
        Paragraph::new(trf(
            "data.loading_progress",
            &[
                ("label", &sanitize::line(&loading.label)),
                ("read", &bytes(shown)),
                ("total", &total),
                (
                    "secs",
                    &crate::text::decimal_mark(format!(
                        "{:.1}",
                        loading.elapsed_ms as f64 / 1000.0
                    )),
                ),
            ],
        ))
        .style(app.ui.theme.text),
        text,
    );
    frame.render_widget(
        Gauge::default()
            .ratio(ratio)
            .gauge_style(app.ui.theme.accent)
            .label(format!("{:.0}%", ratio * 100.0)),
        gauge,
    );
    frame.render_widget(
        Paragraph::new(trf(
            "data.loading_hint",
            &[("key", &app.key_in(Context::Data, Action::Back))],
        ))
        .style(app.ui.theme.dim),
        hint,
    );
}

/// `a · b · c` with as many whole parts as fit in `width`, then `…`: a count is never cut
/// in the middle (`7,990 posts · …`, not `7,990 posts · 3,64…`).
fn fit_parts(text: &str, width: usize) -> String {
    if crate::text::width(text) <= width {
        return text.to_owned();
    }
    let mut out = String::new();
    for part in text.split(" · ") {
        let next = if out.is_empty() {
            part.to_owned()
        } else {
            format!("{out} · {part}")
        };
        if crate::text::width(&next) + crate::text::width(" · …") > width {
            break;
        }
        out = next;
    }
    if out.is_empty() {
        crate::tui::view::fit(text, width)
    } else {
        format!("{out} · …")
    }
}

/// What a file brought to the merge: rows kept (`of` its rows when others replaced some), and
/// rows of other files it replaced.
fn merge_text(c: &crate::snapshot::merge::Contribution) -> String {
    let sum = |r: &crate::snapshot::merge::RowCounts| r.posts + r.daily + r.web + r.web_totals;
    let (rows, kept, overrode) = (sum(&c.rows), sum(&c.kept), sum(&c.overrode));
    let mut text = crate::i18n::trf("data.kept", &[("n", &thousands(kept as u64))]);
    if kept < rows {
        text.push_str(&crate::i18n::trf(
            "data.kept_of",
            &[("n", &thousands(rows as u64))],
        ));
    }
    if overrode > 0 {
        text.push_str(&crate::i18n::trf(
            "data.replaced",
            &[("n", &thousands(overrode as u64))],
        ));
    }
    text
}

/// Names that tell the files apart: the file name, with as many of its folders as it takes
/// when another file has the same name (`ana/account_overview_analytics.csv` and
/// `ben/account_overview_analytics.csv`, not the same name twice).
fn distinct_names(paths: &[&str]) -> Vec<String> {
    let parts: Vec<Vec<String>> = paths
        .iter()
        .map(|p| {
            std::path::Path::new(p)
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect()
        })
        .collect();
    let tail = |i: usize, n: usize| {
        let all = &parts[i];
        all[all.len().saturating_sub(n)..].join("/")
    };
    let mut depth = vec![1usize; paths.len()];
    loop {
        let names: Vec<String> = (0..paths.len()).map(|i| tail(i, depth[i])).collect();
        // Counted, not compared pairwise: a folder of thousands of files stays instant.
        let mut counts: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
        for n in &names {
            *counts.entry(n.as_str()).or_default() += 1;
        }
        let mut grew = false;
        for i in 0..paths.len() {
            let clash = counts.get(names[i].as_str()).is_some_and(|c| *c > 1);
            if clash && depth[i] < parts[i].len() {
                depth[i] += 1;
                grew = true;
            }
        }
        if !grew {
            return names;
        }
    }
}

/// The number of characters all `names` start with, when there are several and it is long
/// enough to be worth dropping (else 0).
fn common_prefix(names: &[String]) -> usize {
    let Some(first) = names.first() else {
        return 0;
    };
    if names.len() < 2 {
        return 0;
    }
    let chars: Vec<char> = first.chars().collect();
    let n = chars
        .iter()
        .enumerate()
        .take_while(|(i, c)| names.iter().all(|s| s.chars().nth(*i) == Some(**c)))
        .count();
    // Back to a word's end, so a shared start never eats into what tells the files apart
    // (`…_2026-` would cut both dates).
    let word_end = (0..n)
        .rev()
        .find(|&i| matches!(chars[i], ' ' | '_' | '(' | '·'))
        .map_or(0, |i| i + 1);
    if word_end >= 12 { word_end } else { 0 }
}

fn render_files(frame: &mut Frame, area: Rect, app: &App) {
    let focused = app.focus() == 0;
    let source = match &app.model.data.source {
        Some(Source::Demo) => tr("data.bundled_demo"),
        _ => "",
    };
    let block = pane_block(
        app,
        &trf("data.files_title", &[("source", &source)]),
        focused,
    );
    // What each file brought to the merge, measured first: that column is as wide as its
    // widest text (a number is never cut); the file and row columns share the rest.
    let kept_texts: Vec<String> = app
        .model
        .data
        .files
        .iter()
        .map(|f| f.contribution.as_ref().map(merge_text).unwrap_or_default())
        .collect();
    let kept_width = kept_texts
        .iter()
        .map(|t| crate::text::width(t))
        .chain([crate::text::width(tr("data.col_merge"))])
        .max()
        .unwrap_or(0)
        .min(30);
    // The file column's width (see the constraints below): names are cut in the middle.
    let fill = (area.width as usize).saturating_sub(2 + 12 + 8 + kept_width + 4);
    let name_width = (fill * 3 / 7).max(8);
    let rows_width = fill.saturating_sub(name_width);
    let demo = matches!(app.model.data.source, Some(Source::Demo));
    let skipped: Vec<String> = app
        .model
        .data
        .skipped
        .iter()
        .map(|(p, _)| p.display().to_string())
        .collect();
    let paths: Vec<&str> = app
        .model
        .data
        .files
        .iter()
        .map(|f| crate::snapshot::load::shown_name(&f.name))
        .chain(skipped.iter().map(String::as_str))
        .collect();
    let names: Vec<String> = distinct_names(&paths)
        .iter()
        .map(|n| sanitize::line(n))
        .collect();
    // Monthly exports share a long start (`Facebook Insights Data Export`): drop it.
    let common = common_prefix(&names);
    let shown_name = |name: &String| {
        // The file's name; the full path is in every finding and in the post detail.
        if demo {
            crate::tui::view::fit(name, name_width)
        } else {
            crate::tui::view::fit_middle(
                &if common > 0 {
                    format!("…{}", name.chars().skip(common).collect::<String>())
                } else {
                    name.clone()
                },
                name_width,
            )
        }
    };
    let skipped_rows = app
        .model
        .data
        .skipped
        .iter()
        .zip(names.iter().skip(app.model.data.files.len()))
        .map(|((path, reason), name)| {
            let size = std::fs::metadata(path).map_or_else(|_| String::new(), |m| bytes(m.len()));
            Row::new(vec![
                Cell::from(shown_name(name)),
                Cell::from(Span::styled(tr("data.skipped"), app.ui.theme.warn)),
                Cell::from(size),
                Cell::from(Span::styled(sanitize::line(reason), app.ui.theme.dim)),
                Cell::from(""),
            ])
        });
    let rows: Vec<Row> = app
        .model
        .data
        .files
        .iter()
        .zip(&names)
        .map(|(f, name)| {
            let status = if f.is_valid() {
                Span::styled(tr("data.valid"), app.ui.theme.good)
            } else {
                Span::styled(
                    trf(
                        "data.invalid",
                        &[("n", &thousands(f.findings.error_total() as u64))],
                    ),
                    app.ui.theme.bad,
                )
            };
            let rows = f
                .contribution
                .as_ref()
                .map_or_else(String::new, |c| crate::summary::rows_by_kind(&c.rows));
            let rows = fit_parts(&rows, rows_width);
            let kept = f.contribution.as_ref().map(merge_text).unwrap_or_default();
            Row::new(vec![
                Cell::from(shown_name(name)),
                Cell::from(status),
                Cell::from(bytes(f.bytes)),
                Cell::from(rows),
                Cell::from(kept),
            ])
        })
        .chain(skipped_rows)
        .collect();
    let table = Table::new(
        rows,
        [
            Constraint::Length(name_width as u16),
            Constraint::Length(12),
            Constraint::Length(8),
            Constraint::Fill(1),
            Constraint::Length(kept_width as u16),
        ],
    )
    .header(
        Row::new([
            tr("data.col_file"),
            tr("data.col_status"),
            tr("data.col_size"),
            tr("data.col_rows"),
            tr("data.col_merge"),
        ])
        .style(app.ui.theme.dim),
    )
    .block(block)
    .row_highlight_style(if focused {
        app.ui.theme.selected
    } else {
        app.ui.theme.selected_unfocused
    });
    let mut state =
        ratatui::widgets::TableState::default().with_selected(Some(app.ui.data.cursor[0]));
    frame.render_stateful_widget(table, area, &mut state);
}

fn render_accounts(frame: &mut Frame, area: Rect, app: &App) {
    let focused = app.focus() == 1;
    let Some(summary) = &app.model.data.summary else {
        let block = pane_block(app, tr("data.accounts"), focused);
        let text = Paragraph::new(trf(
            "data.no_data",
            &[("key", &app.key_in(Context::Data, Action::OpenFile))],
        ))
        .style(app.ui.theme.dim)
        .block(block);
        frame.render_widget(text, area);
        return;
    };
    let block_title = |more: usize| {
        let more = if more > 0 {
            trf("data.more_columns", &[("n", &more)])
        } else {
            String::new()
        };
        let title = trf(
            "data.accounts_title",
            &[
                ("posts", &thousands(summary.posts as u64)),
                ("offset", &summary.utc_offset),
                ("more", &more),
            ],
        );
        // Web rows by source: which platforms the website data can be read by.
        match crate::summary::sources_line(&summary.web) {
            Some(line) => format!("{title} · {}", sanitize::line(&line)),
            None => title,
        }
    };
    const FIELDS: [(&str, &str); 8] = [
        ("likes", "likes"),
        ("comments", "comm"),
        ("shares", "shar"),
        ("saves", "saves"),
        ("reach", "reach"),
        ("impressions", "impr"),
        ("views", "views"),
        ("clicks", "clicks"),
    ];
    let id_width = summary
        .accounts
        .iter()
        .map(|a| crate::text::width(&sanitize::name(&a.id)))
        .max()
        .unwrap_or(2)
        .clamp(2, 12) as u16;
    let base = [id_width, 9, 12, 9, 22, 11];
    // Coverage columns: as many as fit after the base columns (each 6 wide plus a gap).
    let used: u16 = base.iter().sum::<u16>() + base.len() as u16;
    let shown = (area.width.saturating_sub(2 + used) / 7).min(FIELDS.len() as u16) as usize;
    let block = pane_block(app, &block_title(FIELDS.len() - shown), focused);
    let rows: Vec<Row> = summary
        .accounts
        .iter()
        .map(|a| {
            let mut cells = vec![
                Cell::from(sanitize::name(&a.id)),
                Cell::from(a.platform.name()),
                Cell::from(sanitize::name(a.handle.as_deref().unwrap_or("-"))),
                Cell::from(thousands(a.posts as u64)),
                Cell::from(
                    a.post_range
                        .map_or_else(|| "-".to_owned(), |r| r.to_string()),
                ),
                Cell::from(
                    a.latest_followers
                        .map_or_else(|| "n/a".to_owned(), |f| thousands(f.count)),
                ),
            ];
            for (field, _) in &FIELDS[..shown] {
                let c = a.post_coverage.iter().find(|c| c.field == *field);
                let text = c.map_or_else(String::new, |c| share(c.known, c.rows));
                let style = if text == "0%" {
                    app.ui.theme.dim
                } else {
                    app.ui.theme.text
                };
                cells.push(Cell::from(Span::styled(text, style)));
            }
            Row::new(cells)
        })
        .collect();
    let mut widths: Vec<Constraint> = base.iter().map(|w| Constraint::Length(*w)).collect();
    widths.extend(std::iter::repeat_n(Constraint::Length(6), shown));
    let mut header = vec![
        "id",
        "platform",
        "handle",
        tr("rows.posts"),
        tr("data.col_posts_range"),
        tr("data.col_followers"),
    ];
    // Six-character heads in the language shown (`comm` / `kmntr`).
    header.extend(
        FIELDS[..shown]
            .iter()
            .map(|(field, short)| crate::i18n::domain_word("field_short", field, short)),
    );
    let table = Table::new(rows, widths)
        .header(Row::new(header).style(app.ui.theme.dim))
        .block(block)
        .row_highlight_style(if focused {
            app.ui.theme.selected
        } else {
            app.ui.theme.selected_unfocused
        });
    let mut state =
        ratatui::widgets::TableState::default().with_selected(Some(app.ui.data.cursor[1]));
    frame.render_stateful_widget(table, area, &mut state);
}

fn render_findings(frame: &mut Frame, area: Rect, app: &App) {
    let focused = app.focus() == 2;
    let errors: usize = app
        .model
        .data
        .files
        .iter()
        .map(|f| f.findings.error_total())
        .sum();
    let warnings: usize = app
        .model
        .data
        .files
        .iter()
        .map(|f| f.findings.warning_total())
        .sum();
    let skipped = app.model.data.skipped.len();
    let skipped_text = if skipped > 0 {
        trf("data.skipped_files", &[("n", &skipped)])
    } else {
        String::new()
    };
    let title = trf(
        "data.findings_title",
        &[
            ("errors", &errors),
            ("warnings", &warnings),
            ("skipped", &skipped_text),
        ],
    );
    let block = pane_block(app, &title, focused);
    let mut lines: Vec<Line> = Vec::new();
    for f in &app.model.data.files {
        for d in &f.findings.errors {
            lines.push(Line::styled(
                sanitize::line(&d.to_string()),
                app.ui.theme.bad,
            ));
        }
        if f.findings.errors_omitted > 0 {
            lines.push(Line::styled(
                crate::i18n::trf(
                    "data.more_errors",
                    &[
                        ("n", &thousands(f.findings.errors_omitted as u64)),
                        (
                            "file",
                            &sanitize::line(crate::snapshot::load::shown_name(&f.name)),
                        ),
                    ],
                ),
                app.ui.theme.bad,
            ));
        }
        for d in &f.findings.warnings {
            lines.push(Line::styled(
                sanitize::line(&d.to_string()),
                app.ui.theme.warn,
            ));
        }
    }
    // Files of a folder that were not read: said here too, not only by `engage import`.
    for (path, reason) in &app.model.data.skipped {
        lines.push(Line::styled(
            sanitize::line(&format!("{}: skipped: {reason}", path.display())),
            app.ui.theme.warn,
        ));
    }
    if lines.is_empty() {
        lines.push(Line::styled(tr("data.no_findings"), app.ui.theme.dim));
    }
    let inner_height = area.height.saturating_sub(2) as usize;
    let cursor = app.ui.data.cursor[2].min(lines.len().saturating_sub(1));
    let offset = scroll_to(cursor, inner_height);
    if focused && let Some(line) = lines.get_mut(cursor) {
        *line = line.clone().style(app.ui.theme.selected);
    }
    let shown: Vec<Line> = lines.into_iter().skip(offset).collect();
    frame.render_widget(
        Paragraph::new(shown)
            .block(block)
            .wrap(Wrap { trim: false }),
        area,
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_of_the_same_name_are_told_apart_by_their_folders() {
        let names = distinct_names(&[
            "exports/ana/account_overview_analytics.csv",
            "exports/ben/account_overview_analytics.csv",
            "exports/ben/Totals.csv",
            "a/x/Totals.csv",
        ]);
        assert_eq!(
            names,
            [
                "ana/account_overview_analytics.csv",
                "ben/account_overview_analytics.csv",
                "ben/Totals.csv",
                "x/Totals.csv",
            ]
        );
        assert_eq!(
            distinct_names(&["a/b.csv", "a/b.csv"]),
            ["a/b.csv", "a/b.csv"]
        );
        assert_eq!(distinct_names(&["/b.csv"]), ["b.csv"]);
    }
}
