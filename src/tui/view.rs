//! Drawing: a pure function of the [`App`].
//!
//! ```text
//! ┌ engage · <title> │ 1 Data 2 Objective 3 Metrics 4 Charts 5 Review │ window · segment ┐  top bar
//! │                                                                                      │
//! │                         the step's panes (steps/*.rs)                                │  body
//! │                                                                                      │
//! └ key hints from the keymap                                    message (saved, errors) ┘  bottom bar
//! ```
//! Overlays (help, prompts, confirmations, post detail) are drawn last, over the body.

use crate::i18n as tr;
use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Paragraph, Wrap};

use super::action::{Action, Context};
use super::app::{App, Overlay, Prompt, Step};
use super::sanitize;
use super::steps;
use crate::calendar::format_date;
use crate::text::{take_width, take_width_end, width};

/// Below this the app shows a "too small" message instead of panes.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 16;

pub fn render(frame: &mut Frame, app: &App) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let text = tr::trf(
            "ui.too_small",
            &[
                ("w", &area.width),
                ("h", &area.height),
                ("min_w", &MIN_WIDTH),
                ("min_h", &MIN_HEIGHT),
            ],
        );
        frame.render_widget(
            Paragraph::new(text)
                .wrap(Wrap { trim: true })
                .style(app.ui.theme.warn),
            area,
        );
        return;
    }
    let [top, body, bottom] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(area);
    render_top(frame, top, app);
    match app.ui.step {
        Step::Data => steps::data::render(frame, body, app),
        Step::Objective => steps::objective::render(frame, body, app),
        Step::Metrics => steps::metrics::render(frame, body, app),
        Step::Charts => steps::charts::render(frame, body, app),
        Step::Review => steps::review::render(frame, body, app),
    }
    render_bottom(frame, bottom, app);
    match &app.ui.overlay {
        None => {}
        Some(Overlay::Help { query, scroll }) => {
            render_help(frame, body, app, &query.text, *scroll)
        }
        Some(Overlay::Prompt(p)) => render_prompt(frame, body, app, p),
        Some(Overlay::Confirm { text, .. }) => render_confirm(frame, body, app, text),
        Some(Overlay::PostDetail { row, scroll }) => {
            steps::charts::render_post_detail(frame, body, app, *row, *scroll)
        }
        Some(Overlay::Columns { cursor }) => {
            steps::charts::render_columns(frame, body, app, *cursor)
        }
        Some(Overlay::ExportAs) => steps::review::render_export_as(frame, body, app),
    }
}

/// A pane's border and title; the focused pane stands out (colour, and bold without colour).
pub fn pane_block<'a>(app: &App, title: &str, focused: bool) -> Block<'a> {
    let style = if focused {
        app.ui.theme.border_focus
    } else {
        app.ui.theme.border
    };
    let marker = if focused { "▶ " } else { "" };
    Block::default()
        .borders(Borders::ALL)
        .border_type(if focused {
            BorderType::Thick
        } else {
            BorderType::Plain
        })
        .border_style(style)
        .title(Span::styled(
            format!(" {marker}{} ", sanitize::line(title)),
            if focused {
                app.ui.theme.title
            } else {
                app.ui.theme.text
            },
        ))
}

/// The first row to show so that `cursor` stays visible in `height` rows.
pub fn scroll_to(cursor: usize, height: usize) -> usize {
    if height == 0 {
        cursor
    } else {
        cursor.saturating_sub(height - 1)
    }
}

/// What to call data without a title: the file or folder opened, or how many.
fn untitled(app: &App) -> String {
    match &app.model.data.source {
        Some(crate::snapshot::load::Source::Files(paths)) if paths.len() == 1 => {
            paths[0].file_name().map_or_else(
                || paths[0].display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            )
        }
        Some(crate::snapshot::load::Source::Files(paths)) => format!("{} files", paths.len()),
        _ => tr::tr("ui.untitled").into(),
    }
}

/// `text` cut to `max` terminal columns, with an ellipsis when cut (a CJK character or an
/// emoji takes two columns: counting characters would overflow).
pub fn fit(text: &str, max: usize) -> String {
    if width(text) <= max {
        return text.to_owned();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = take_width(text, max - 1).to_owned();
    out.push('…');
    out
}

/// `text` cut to `max` terminal columns in the middle, keeping its start and its end (file
/// names of one export differ at the end: `Facebook Insights…2014-01-01 - 2014-02-27.csv`,
/// and a Japanese name keeps its date and extension).
pub fn fit_middle(text: &str, max: usize) -> String {
    if width(text) <= max {
        return text.to_owned();
    }
    if max < 8 {
        return fit(text, max);
    }
    let head = (max - 1) / 3;
    let tail = max - 1 - head;
    let end = take_width_end(text, tail);
    let mut out = take_width(text, head).to_owned();
    out.push('…');
    out.push_str(end);
    out
}

/// The top bar: the step names first (in full from 100 columns up), then the window (its
/// start date kept before its label is dropped), the segment and plan; the data's title gets
/// what is left.
fn render_top(frame: &mut Frame, area: Rect, app: &App) {
    let theme = &app.ui.theme;
    let total = area.width as usize;
    let short = total < 100;
    // Below 70 columns the other steps are their numbers (the keys that reach them).
    let tiny = total < 70;
    let step_label = |s: Step| {
        if !short || s == app.ui.step {
            format!(" {} {} ", s.number(), s.name())
        } else if tiny {
            format!(" {} ", s.number())
        } else {
            format!(" {} {} ", s.number(), take_width(s.name(), 3))
        }
    };
    let steps_len: usize = Step::ALL.iter().map(|s| width(&step_label(*s))).sum();
    // " engage " + "│" + steps + "│" + window + "│ " + context; the title takes the rest.
    let fixed = 8 + 1 + steps_len + 1 + 2;
    let window = app.model.window.current().map_or_else(String::new, |w| {
        let label = app.model.window.shown_label();
        let (from, to) = (format_date(w.from), format_date(w.to));
        let custom = label == "custom";
        let variants = [
            format!(" {label} {from}..{to} "),
            format!(" {from}..{to} "),
            format!(" {label} ..{to} "),
            format!(" ..{to} "),
        ];
        variants
            .iter()
            .enumerate()
            // A custom window never hides its start: it is not "the last N days".
            .filter(|(i, _)| !(custom && *i >= 2))
            .map(|(_, v)| v)
            .find(|v| fixed + width(v) + 10 <= total)
            .cloned()
            // Nothing fits with room to spare: the shortest this window may take.
            .unwrap_or_else(|| {
                if custom {
                    format!(" {from}..{to} ")
                } else {
                    format!(" ..{to} ")
                }
            })
    });
    // A plan change that could not be saved is marked where the plan is named.
    let unsaved = if app.model.plan_unsaved.is_some() {
        crate::i18n::tr("ui.not_saved_marker")
    } else {
        ""
    };
    let mut rest = total.saturating_sub(fixed + width(&window) + width(unsaved));
    let segment = super::results::segment(app).describe();
    let plan = app.model.plan.as_ref().map_or_else(String::new, |p| {
        format!(" · {}", sanitize::name(&p.plan.name))
    });
    let context = fit(&format!("{}{plan}", sanitize::line(&segment)), rest.min(40));
    rest = rest.saturating_sub(width(&context) + 1);
    let demo = matches!(
        app.model.data.source,
        Some(crate::snapshot::load::Source::Demo)
    );
    let title = app
        .model
        .data
        .store
        .as_ref()
        .map(|s| s.title.clone().unwrap_or_else(|| untitled(app)))
        .unwrap_or_else(|| tr::tr("ui.no_data").into());
    let title = format!(
        "{}{}",
        sanitize::line(&title),
        if demo { " [demo]" } else { "" }
    );
    let title = if rest >= 4 {
        fit(&title, rest)
    } else {
        String::new()
    };
    let mut spans = vec![Span::styled(" engage ", theme.title)];
    if !title.is_empty() {
        spans.push(Span::styled(format!("{title} "), theme.text));
    }
    spans.push(Span::styled("│", theme.dim));
    for step in Step::ALL {
        let label = step_label(step);
        spans.push(if step == app.ui.step {
            Span::styled(label, theme.selected)
        } else {
            Span::styled(label, theme.dim)
        });
    }
    spans.push(Span::styled("│", theme.dim));
    spans.push(Span::styled(window, theme.accent));
    spans.push(Span::styled(format!("│ {context}"), theme.text));
    if !unsaved.is_empty() {
        spans.push(Span::styled(unsaved, theme.bad));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)).style(theme.bar), area);
}

/// The bottom bar: key hints on the left, always starting with help and always keeping
/// quit, and a message on the right in its own room: a message never covers the hints those
/// two need, and hints that do not fit are left out from the middle.
fn render_bottom(frame: &mut Frame, area: Rect, app: &App) {
    let theme = &app.ui.theme;
    let context = app.context();
    let hints: Vec<(String, &str)> = if app.model.data.loading.is_some() && !context.is_overlay() {
        vec![
            (app.key_name(Action::Back), tr::tr("ui.cancel_load")),
            (app.key_name(Action::Quit), tr::tr("keys.global.quit.hint")),
        ]
    } else {
        app.ui.keymap.hints(context)
    };
    let hint_width = |(k, d): &(String, &str)| width(k) + width(d) + 3;
    // The two that always stay: the first (help, or what the overlay is about) and quit.
    let quit = app.key_in(Context::Global, Action::Quit);
    let quit_hint = tr::tr("keys.global.quit.hint");
    let quit_at = hints
        .iter()
        .position(|(k, d)| *k == quit && *d == quit_hint);
    let essential: usize = hints
        .iter()
        .enumerate()
        .filter(|(i, _)| *i == 0 || Some(*i) == quit_at)
        .map(|(_, h)| hint_width(h))
        .sum();
    let total = area.width as usize;
    let message = app.ui.message.as_ref().map(|m| {
        let room = total.saturating_sub(essential + 1).max(10);
        (
            fit(&sanitize::line(&m.text), room.saturating_sub(1)),
            m.error,
        )
    });
    let message_width = message.as_ref().map_or(0, |(t, _)| width(t) + 1);
    let mut left = total.saturating_sub(message_width);
    let mut kept = vec![false; hints.len()];
    for (i, h) in hints.iter().enumerate() {
        if i == 0 || Some(i) == quit_at {
            kept[i] = true;
            left = left.saturating_sub(hint_width(h));
        }
    }
    for (i, h) in hints.iter().enumerate() {
        if !kept[i] && hint_width(h) <= left {
            kept[i] = true;
            left -= hint_width(h);
        }
    }
    let mut spans: Vec<Span> = Vec::new();
    for (i, (key, desc)) in hints.iter().enumerate() {
        if kept[i] {
            spans.push(Span::styled(format!(" {key}"), theme.key));
            spans.push(Span::styled(format!(" {desc} "), theme.text));
        }
    }
    let hint_line = Line::from(spans);
    match message {
        Some((text, error)) => {
            let style = if error { theme.bad } else { theme.good };
            let [hints_area, message_area] =
                Layout::horizontal([Constraint::Min(0), Constraint::Length(message_width as u16)])
                    .areas(area);
            frame.render_widget(Paragraph::new(hint_line).style(theme.bar), hints_area);
            frame.render_widget(
                Paragraph::new(format!("{text} "))
                    .alignment(Alignment::Right)
                    .style(theme.bar.patch(style)),
                message_area,
            );
        }
        None => frame.render_widget(Paragraph::new(hint_line).style(theme.bar), area),
    }
}

/// A centred rectangle of at most `w` x `h` within `area`.
pub fn centred(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

fn render_help(frame: &mut Frame, area: Rect, app: &App, query: &str, scroll: usize) {
    let theme = &app.ui.theme;
    let rect = centred(area, 76, area.height.saturating_sub(2).max(8));
    frame.render_widget(Clear, rect);
    let title = tr::trf(
        "ui.help_title",
        &[("key", &app.key_in(Context::Help, Action::Back))],
    );
    let block = pane_block(app, &title, true);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let [search, list] = Layout::vertical([Constraint::Length(2), Constraint::Min(1)]).areas(inner);
    frame.render_widget(
        Paragraph::new(vec![
            Line::from(vec![
                Span::styled(tr::tr("ui.search"), theme.dim),
                Span::styled(sanitize::line(query), theme.text),
                Span::styled("▏", theme.accent),
            ]),
            Line::styled(
                tr::trf(
                    "ui.steps_line",
                    &[(
                        "steps",
                        &Step::ALL
                            .iter()
                            .map(|s| format!("{} {}", s.number(), s.name()))
                            .collect::<Vec<_>>()
                            .join(" → "),
                    )],
                ),
                theme.dim,
            ),
        ]),
        search,
    );
    let q = query.to_lowercase();
    let mut lines = Vec::new();
    let mut last = None;
    for (ctx, keys, desc) in app.ui.keymap.help_rows() {
        if !q.is_empty()
            && !format!("{} {keys} {desc}", ctx.label())
                .to_lowercase()
                .contains(&q)
        {
            continue;
        }
        if last != Some(ctx) {
            lines.push(Line::styled(ctx.label(), theme.title));
            last = Some(ctx);
        }
        // A long description goes on under itself, not off the pane's edge.
        let room = usize::from(list.width).saturating_sub(24).max(16);
        for (i, part) in crate::text::wrap_words(desc, room).into_iter().enumerate() {
            let keys = if i == 0 { keys.as_str() } else { "" };
            lines.push(Line::from(vec![
                Span::styled(format!("  {keys:<22}"), theme.key),
                Span::styled(part, theme.text),
            ]));
        }
    }
    if lines.is_empty() {
        lines.push(Line::styled(tr::tr("ui.no_match"), theme.dim));
    }
    let visible: Vec<Line> = lines.into_iter().skip(scroll).collect();
    frame.render_widget(Paragraph::new(visible), list);
}

fn render_prompt(frame: &mut Frame, area: Rect, app: &App, p: &Prompt) {
    let theme = &app.ui.theme;
    let extra = if p.completions.is_empty() {
        0
    } else {
        p.completions.len().min(6) as u16 + 1
    };
    let rect = centred(area, 72, 6 + extra);
    frame.render_widget(Clear, rect);
    let block = pane_block(app, &p.title, true);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let (before, after) = p.input.split();
    let mut lines = vec![
        Line::from(vec![
            Span::styled(sanitize::line(before), theme.text),
            Span::styled("▏", theme.accent),
            Span::styled(sanitize::line(after), theme.text),
        ]),
        Line::styled(sanitize::line(&p.hint), theme.dim),
    ];
    if let Some(e) = &p.error {
        lines.push(Line::styled(sanitize::line(e), theme.bad));
    }
    if !p.completions.is_empty() {
        lines.push(Line::styled(tr::tr("ui.matches"), theme.dim));
        for c in p.completions.iter().take(6) {
            lines.push(Line::styled(format!("  {}", sanitize::line(c)), theme.text));
        }
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}

fn render_confirm(frame: &mut Frame, area: Rect, app: &App, text: &str) {
    let rect = centred(area, 60, 5);
    frame.render_widget(Clear, rect);
    let block = pane_block(app, tr::tr("ui.confirm"), true);
    frame.render_widget(
        Paragraph::new(vec![
            Line::styled(sanitize::line(text), app.ui.theme.text),
            Line::styled(
                tr::trf(
                    "ui.yes_no",
                    &[
                        ("yes", &app.key_in(Context::Confirm, Action::Yes)),
                        ("no", &app.key_in(Context::Confirm, Action::No)),
                    ],
                ),
                app.ui.theme.key,
            ),
        ])
        .wrap(Wrap { trim: true })
        .block(block),
        rect,
    );
}

/// A style for a status.
pub fn status_style(app: &App, status: crate::measure::plan::Status) -> Style {
    use crate::measure::plan::Status;
    match status {
        Status::Met => app.ui.theme.good,
        Status::Near => app.ui.theme.near,
        Status::Missed => app.ui.theme.bad,
        Status::NotAvailable | Status::NoTarget => app.ui.theme.dim,
    }
}
