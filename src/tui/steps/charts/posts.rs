//! The posts of the window as a table: the columns you choose (any count the data has, any
//! per-post metric; the selected KPI by default), the ones the data never has hidden,
//! scrolled sideways, sorted by any column (missing values last either way), numbers never
//! cut. And one post's every count, link and source file. Which posts, their values and
//! their order come from `measure::posts`.

use crate::i18n::{tr, trf};
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Clear, Paragraph, Row, Table, TableState, Wrap};

use crate::calendar::{Day, format_date};
use crate::measure::catalogue::CATALOGUE;
use crate::measure::posts::{PostField, per_post};
use crate::measure::{Prepared, format};
use crate::snapshot::model::PostCount;
use crate::text::width;
use crate::tui::action::{Action, Context};
use crate::tui::app::{App, Model};
use crate::tui::sanitize;
use crate::tui::view::{centred, fit, pane_block, scroll_to};

use super::View;

/// Columns the text keeps at the least, however many numbers are shown.
const TEXT_MIN: usize = 16;

/// Posts in a window above which the filter applies on Enter rather than on every key.
pub const LIVE_FILTER_LIMIT: usize = 100_000;

/// Every column the data can fill (see [`Prepared::post_fields`]).
pub fn available(prepared: &Prepared) -> Vec<PostField> {
    prepared.post_fields()
}

/// The columns shown: the ones chosen (those the data has), else the defaults: when, whose,
/// the format, the selected KPI when it has a value per post, interactions, every count the
/// data has, and the text.
pub fn columns(view: &View, model: &Model) -> Vec<PostField> {
    let Some(prepared) = &model.data.prepared else {
        return Vec::new();
    };
    let offered = available(prepared);
    if let Some(chosen) = &view.columns {
        return chosen
            .iter()
            .copied()
            .filter(|c| offered.contains(c))
            .collect();
    }
    let kpi = model
        .results
        .cards
        .get(view.selected)
        .map(|c| PostField::Metric(c.metric()))
        .filter(|f| offered.contains(f));
    let mut out = vec![PostField::Published, PostField::Account, PostField::Format];
    out.extend(kpi);
    out.extend(
        offered
            .iter()
            .filter(|f| matches!(f, PostField::Interactions | PostField::Count(_)))
            .filter(|f| **f != PostField::Count(PostCount::Engagements)),
    );
    out.push(PostField::Text);
    out
}

/// Rebuilds the rows when the window, the segment, the search or the data changed, and
/// keeps the cursor within them.
pub fn reconcile(view: &mut View, model: &Model, segment: &crate::measure::Segment) {
    let (Some(prepared), Some(window)) = (&model.data.prepared, model.results.window) else {
        view.rows.clear();
        view.rows_key = None;
        view.cursor = 0;
        return;
    };
    let key = (
        model.data.generation,
        window,
        segment.clone(),
        view.filter.clone(),
    );
    if view.rows_key.as_ref() != Some(&key) {
        view.rows = prepared.query_posts(window, segment, &view.filter);
        view.rows_key = Some(key);
        // The rows come in publication order: only other orders need a sort.
        if view.sort != PostField::Published || view.descending {
            prepared.sort_posts(&mut view.rows, view.sort, view.descending);
        }
    }
    view.cursor = view.cursor.min(view.rows.len().saturating_sub(1));
}

/// Sorts the rows by the view's column.
pub fn sort_rows(view: &mut View, model: &Model) {
    if let Some(prepared) = &model.data.prepared {
        prepared.sort_posts(&mut view.rows, view.sort, view.descending);
    }
    view.cursor = view.cursor.min(view.rows.len().saturating_sub(1));
}

/// Sets the posts search (live while typing).
pub fn set_filter(view: &mut View, model: &Model, segment: &crate::measure::Segment, text: &str) {
    view.filter = text.to_owned();
    view.cursor = 0;
    reconcile(view, model, segment);
}

/// A cell's text: a number in the unit of its metric, a count with separators, `–` where the
/// post does not have it.
pub fn cell(prepared: &Prepared, field: PostField, row: usize, short_date: bool) -> String {
    let posts = &prepared.store.posts;
    match field {
        PostField::Published => {
            let format = if short_date {
                "%m-%d %H:%M"
            } else {
                "%Y-%m-%d %H:%M"
            };
            posts
                .published_at(row)
                .to_chrono()
                .map_or_else(String::new, |t| t.format(format).to_string())
        }
        PostField::Account => prepared
            .store
            .accounts
            .get(posts.account[row] as usize)
            .map_or_else(|| "?".to_owned(), |a| sanitize::name(&a.id)),
        PostField::Format => {
            let f = posts.format[row].name();
            crate::i18n::domain_word("format", f, f).to_owned()
        }
        PostField::Text => sanitize::line(posts.text.get(row)),
        PostField::Metric(m) => prepared
            .post_metric(m, row)
            .map_or_else(|| "–".to_owned(), |v| format::value(m, v)),
        number => prepared
            .post_number(number, row)
            .map_or_else(|| "–".to_owned(), |v| crate::text::thousands(v as u64)),
    }
}

/// A column's title: short where it must be.
/// A label of the post details, padded to one width in the language shown.
fn detail_label(word: &str) -> String {
    let key = format!("charts.detail_{word}");
    format!("{:<10}", crate::i18n::lookup(&key).unwrap_or(word))
}

/// A column's title in the language shown (CSV headers keep [`PostField::title`]).
pub(super) fn title(field: PostField) -> String {
    let word = |name: &str| crate::i18n::domain_word("field", name, name).to_owned();
    match field {
        PostField::Metric(m) => m.short().to_owned(),
        PostField::Count(PostCount::VideoViews) => {
            crate::i18n::domain_word("field", "video_views", "video views").to_owned()
        }
        PostField::Count(c) => word(c.name()),
        PostField::Interactions => word("interactions"),
        PostField::Published => tr("charts.col_published").to_owned(),
        PostField::Account => tr("charts.col_account").to_owned(),
        PostField::Format => tr("charts.col_format").to_owned(),
        PostField::Text => tr("charts.col_text").to_owned(),
    }
}

pub(super) fn render_posts(frame: &mut Frame, area: Rect, app: &App) {
    let theme = &app.ui.theme;
    let view = &app.ui.charts;
    let focused = app.focus() == 2;
    let Some(prepared) = &app.model.data.prepared else {
        frame.render_widget(
            Paragraph::new(tr("ui.no_data")).block(pane_block(app, tr("charts.posts"), focused)),
            area,
        );
        return;
    };
    let all = columns(view, &app.model);
    let inner_width = area.width.saturating_sub(2) as usize;
    let short_date = area.width < 110;
    let height = area.height.saturating_sub(3) as usize;
    let offset = scroll_to(view.cursor, height);
    let shown_rows: Vec<usize> = view
        .rows
        .iter()
        .skip(offset)
        .take(height)
        .map(|&r| r as usize)
        .collect();
    let arrow = if view.descending { "▼" } else { "▲" };
    let head = |f: PostField| {
        let t = title(f);
        if f == view.sort {
            format!("{t}{arrow}")
        } else {
            t
        }
    };
    // Every column but the text is as wide as its widest visible cell or title: a number is
    // never cut. Columns that do not fit are scrolled to, not squeezed.
    let cells: Vec<Vec<String>> = all
        .iter()
        .map(|f| {
            shown_rows
                .iter()
                .map(|&r| cell(prepared, *f, r, short_date))
                .collect()
        })
        .collect();
    let col_width = |i: usize| -> usize {
        let f = all[i];
        let widest = cells[i].iter().map(|c| width(c)).max().unwrap_or(0);
        widest.max(width(&head(f)))
    };
    // The first column (when) and the text (which post it is) stay; the others scroll from
    // `col_offset` between them.
    let text_at = all.iter().position(|f| *f == PostField::Text);
    let text_room = if text_at.is_some() { TEXT_MIN + 1 } else { 0 };
    let scrollable: Vec<usize> = (1..all.len()).filter(|i| Some(*i) != text_at).collect();
    let start = view.col_offset.min(scrollable.len().saturating_sub(1));
    let mut visible: Vec<usize> = Vec::new();
    let mut used = text_room;
    if !all.is_empty() && text_at != Some(0) {
        visible.push(0);
        used += col_width(0) + 1;
    }
    let mut hidden_right = 0usize;
    for (k, &i) in scrollable.iter().enumerate().skip(start) {
        let w = col_width(i);
        if used + w <= inner_width {
            visible.push(i);
            used += w + 1;
        } else {
            hidden_right = scrollable.len() - k;
            break;
        }
    }
    visible.extend(text_at);
    let header: Vec<Cell> = visible
        .iter()
        .map(|&i| {
            let text = head(all[i]);
            if all[i].is_number() {
                Cell::from(Line::from(text).right_aligned())
            } else {
                Cell::from(text)
            }
        })
        .collect();
    let rows: Vec<Row> = (0..shown_rows.len())
        .map(|k| {
            Row::new(visible.iter().map(|&i| {
                let text = &cells[i][k];
                if all[i].is_number() {
                    Cell::from(Line::from(text.clone()).right_aligned())
                } else {
                    Cell::from(text.clone())
                }
            }))
        })
        .collect();
    let widths: Vec<Constraint> = visible
        .iter()
        .map(|&i| {
            if all[i] == PostField::Text {
                Constraint::Fill(1)
            } else {
                Constraint::Length(col_width(i) as u16)
            }
        })
        .collect();
    let filter = if view.filter.is_empty() {
        String::new()
    } else {
        format!(" · filter \"{}\"", sanitize::line(&view.filter))
    };
    let key = |a: Action| app.key_in(Context::Charts, a);
    let more = match (start, hidden_right) {
        (0, 0) => String::new(),
        (l, r) => format!(
            " · {}{} ({}/{})",
            if l > 0 {
                format!("← {l} ")
            } else {
                String::new()
            },
            if r > 0 {
                trf("charts.more_right", &[("n", &r)])
            } else {
                String::new()
            },
            key(Action::Left),
            key(Action::Right)
        ),
    };
    let title_text = trf(
        "charts.posts_title",
        &[
            ("n", &crate::text::thousands(view.rows.len() as u64)),
            ("filter", &filter),
            ("more", &more),
            ("sort", &key(Action::SortNext)),
            ("filter_key", &key(Action::Filter)),
            ("columns", &key(Action::ChooseColumns)),
            ("details", &key(Action::Select)),
        ],
    );
    let table = Table::new(rows, widths)
        .header(Row::new(header).style(theme.dim))
        .block(pane_block(app, &fit(&title_text, inner_width), focused))
        .row_highlight_style(if focused {
            theme.selected
        } else {
            theme.selected_unfocused
        });
    let mut state = TableState::default().with_selected(Some(view.cursor.saturating_sub(offset)));
    frame.render_stateful_widget(table, area, &mut state);
}

/// The column chooser: every column the data can fill, with the shown ones ticked.
pub fn render_columns(frame: &mut Frame, area: Rect, app: &App, cursor: usize) {
    let theme = &app.ui.theme;
    let Some(prepared) = &app.model.data.prepared else {
        return;
    };
    let offered = available(prepared);
    let shown = columns(&app.ui.charts, &app.model);
    let rect = centred(area, 60, (offered.len() as u16 + 4).min(area.height));
    frame.render_widget(Clear, rect);
    let height = rect.height.saturating_sub(3) as usize;
    let top = scroll_to(cursor, height);
    let mut lines: Vec<Line> = offered
        .iter()
        .enumerate()
        .skip(top)
        .take(height)
        .map(|(i, f)| {
            let mark = if shown.contains(f) { "[x]" } else { "[ ]" };
            let what = match f {
                PostField::Metric(m) => format!("{} (`{}`)", m.text().name, m.id),
                other => title(*other),
            };
            let style = if i == cursor {
                theme.selected
            } else {
                theme.text
            };
            Line::styled(format!("{mark} {what}"), style)
        })
        .collect();
    let key = |a: Action| app.key_in(Context::Columns, a);
    lines.push(Line::styled(
        trf(
            "charts.columns_hint",
            &[
                ("toggle", &key(Action::Toggle)),
                ("reload", &key(Action::Reload)),
                ("back", &key(Action::Back)),
            ],
        ),
        theme.dim,
    ));
    frame.render_widget(
        Paragraph::new(lines).block(pane_block(app, tr("charts.choose_columns"), true)),
        rect,
    );
}

/// A post's every count, its link, text and source file.
pub fn render_post_detail(frame: &mut Frame, area: Rect, app: &App, row: usize, scroll: usize) {
    let theme = &app.ui.theme;
    let Some(prepared) = &app.model.data.prepared else {
        return;
    };
    let store = &prepared.store;
    let posts = &store.posts;
    if row >= posts.len() {
        return;
    }
    let rect = centred(area, 90, area.height.saturating_sub(2));
    frame.render_widget(Clear, rect);
    let account = store.accounts.get(posts.account[row] as usize);
    let mut lines = vec![
        Line::from(vec![
            Span::styled(detail_label("post"), theme.dim),
            Span::styled(sanitize::line(posts.id.get(row)), theme.title),
        ]),
        Line::from(vec![
            Span::styled(detail_label("account"), theme.dim),
            Span::styled(
                account.map_or_else(
                    || "?".to_owned(),
                    |a| {
                        format!(
                            "{} ({}, {})",
                            sanitize::name(&a.id),
                            a.platform,
                            sanitize::line(a.label())
                        )
                    },
                ),
                theme.text,
            ),
        ]),
        Line::from(vec![
            Span::styled(detail_label("published"), theme.dim),
            Span::styled(posts.published_at(row).to_string(), theme.text),
        ]),
        Line::from(vec![
            Span::styled(detail_label("day"), theme.dim),
            Span::styled(format_date(posts.day[row] as Day), theme.text),
        ]),
        Line::from(vec![
            Span::styled(detail_label("format"), theme.dim),
            Span::styled(
                crate::i18n::domain_word(
                    "format",
                    posts.format[row].name(),
                    posts.format[row].name(),
                ),
                theme.text,
            ),
        ]),
    ];
    let tags: Vec<String> = posts
        .tags(row)
        .iter()
        .map(|t| sanitize::line(store.tags.name(*t)))
        .collect();
    if !tags.is_empty() {
        lines.push(Line::from(vec![
            Span::styled(detail_label("tags"), theme.dim),
            Span::styled(tags.join(", "), theme.text),
        ]));
    }
    let url = posts.url.get(row);
    lines.push(Line::from(vec![
        Span::styled(detail_label("link"), theme.dim),
        Span::styled(
            if url.is_empty() {
                tr("charts.detail_none").to_owned()
            } else {
                sanitize::line(url)
            },
            theme.accent,
        ),
    ]));
    let source = store
        .sources
        .get(posts.source[row] as usize)
        .map_or("?", |s| s.name.as_str());
    lines.push(Line::from(vec![
        Span::styled(detail_label("source"), theme.dim),
        Span::styled(sanitize::line(source), theme.text),
    ]));
    lines.push(Line::styled(tr("charts.detail_counts"), theme.title));
    for c in PostCount::ALL {
        lines.push(Line::from(vec![
            Span::styled(
                format!(
                    "  {:<14}",
                    crate::i18n::domain_word("field", c.name(), c.name())
                ),
                theme.dim,
            ),
            Span::styled(cell(prepared, PostField::Count(*c), row, false), theme.text),
        ]));
    }
    lines.push(Line::from(vec![
        Span::styled(
            format!(
                "  {:<14}",
                crate::i18n::domain_word("field", "interactions", "interactions")
            ),
            theme.dim,
        ),
        Span::styled(
            cell(prepared, PostField::Interactions, row, false),
            theme.text,
        ),
    ]));
    // Each per-post metric this post has a value for, as the metric computes it.
    let metrics: Vec<_> = CATALOGUE
        .iter()
        .filter(|m| per_post(m))
        .filter_map(|m| prepared.post_metric(m, row).map(|v| (m, v)))
        .collect();
    if !metrics.is_empty() {
        lines.push(Line::styled(tr("charts.detail_metrics"), theme.title));
        for (m, v) in metrics {
            lines.push(Line::from(vec![
                Span::styled(format!("  {:<12}", m.short()), theme.dim),
                Span::styled(
                    format!("{} ({})", format::value(m, v), m.text().formula),
                    theme.text,
                ),
            ]));
        }
    }
    lines.push(Line::styled(tr("charts.col_text"), theme.title));
    for l in sanitize::lines(posts.text.get(row)) {
        lines.push(Line::styled(l, theme.text));
    }
    let shown: Vec<Line> = lines.into_iter().skip(scroll).collect();
    frame.render_widget(
        Paragraph::new(shown)
            .wrap(Wrap { trim: false })
            .block(pane_block(
                app,
                &trf(
                    "charts.post_title",
                    &[("key", &app.key_in(Context::PostDetail, Action::Back))],
                ),
                true,
            )),
        rect,
    );
}
