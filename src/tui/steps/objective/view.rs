//! Drawing step 2: the list of templates and plans, a template's preview, the plan editor.

use crate::i18n::{tr, trf};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{List, ListItem, ListState, Paragraph, Wrap};

use super::{Item, Row, items, rows};
use crate::measure::Filter;
use crate::measure::plan::WindowSpec;
use crate::measure::templates::Template;
use crate::tui::action::{Action, Context};
use crate::tui::app::App;
use crate::tui::sanitize;
use crate::tui::view::{pane_block, scroll_to};

pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    let [left, right] =
        Layout::horizontal([Constraint::Percentage(36), Constraint::Percentage(64)]).areas(area);
    render_list(frame, left, app);
    render_editor(frame, right, app);
}

fn render_list(frame: &mut Frame, area: Rect, app: &App) {
    let theme = &app.ui.theme;
    let focused = app.focus() == 0;
    let list = items(&app.model.listing);
    let current = app.model.plan.as_ref().map(|p| &p.path);
    let rows: Vec<ListItem> = list
        .iter()
        .map(|item| match item {
            Item::Heading(h) => ListItem::new(Line::styled(*h, theme.title)),
            Item::Template(t) => {
                let stage = t
                    .text()
                    .stage
                    .map_or_else(String::new, |s| format!(" ({s})"));
                ListItem::new(Line::from(vec![Span::styled(
                    format!("  {}{stage}", t.text().name),
                    theme.text,
                )]))
            }
            Item::Plan(i) => {
                let p = &app.model.listing.plans[*i];
                let mark = if Some(&p.path) == current {
                    "● "
                } else {
                    "  "
                };
                ListItem::new(Line::styled(
                    format!(
                        "{mark}{} · {} {}",
                        sanitize::name(&p.plan.name),
                        p.plan.kpis.len(),
                        tr("planl.kpis")
                    ),
                    theme.text,
                ))
            }
            Item::Bad(i) => ListItem::new(Line::styled(
                format!(
                    "  unreadable: {}",
                    sanitize::line(
                        &app.model.listing.bad[*i]
                            .path
                            .file_name()
                            .map(|n| n.to_string_lossy().into_owned())
                            .unwrap_or_default()
                    )
                ),
                theme.bad,
            )),
        })
        .collect();
    let block = pane_block(app, tr("objective.list_title"), focused);
    let widget = List::new(rows).block(block).highlight_style(if focused {
        theme.selected
    } else {
        theme.selected_unfocused
    });
    let mut state = ListState::default().with_selected(Some(app.ui.objective.cursor));
    frame.render_stateful_widget(widget, area, &mut state);
}

/// The template under the list cursor, when the list has the focus.
fn focused_list_template(app: &App) -> Option<&'static Template> {
    if app.focus() != 0 {
        return None;
    }
    match items(&app.model.listing).get(app.ui.objective.cursor) {
        Some(Item::Template(t)) => Some(t),
        _ => None,
    }
}

fn render_template(frame: &mut Frame, area: Rect, app: &App, t: &Template) {
    let theme = &app.ui.theme;
    let stage = t
        .stage
        .map_or_else(String::new, |s| format!(" (See-Think-Do-Care: {s})"));
    let name =
        |id: &str| crate::measure::metric(id).map_or(id.to_owned(), |m| m.text().name.to_owned());
    let mut lines = vec![
        Line::styled(format!("{}{stage}", t.text().name), theme.title),
        Line::from(vec![
            Span::styled(format!("{:<11}", tr("objective.objective")), theme.dim),
            Span::styled(t.text().objective, theme.text),
        ]),
        Line::raw(""),
        Line::styled(tr("objective.primary_kpis"), theme.title),
    ];
    lines.extend(
        t.primary
            .iter()
            .map(|id| Line::styled(format!("  • {}", name(id)), theme.text)),
    );
    lines.push(Line::styled(tr("objective.supporting"), theme.title));
    lines.extend(
        t.supporting
            .iter()
            .map(|id| Line::styled(format!("  • {}", name(id)), theme.text)),
    );
    lines.push(Line::raw(""));
    lines.push(Line::styled(t.text().why, theme.text));
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        trf(
            "objective.template_hint",
            &[("key", &app.key_in(Context::Objective, Action::Select))],
        ),
        theme.accent,
    ));
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .block(pane_block(app, tr("objective.template"), false)),
        area,
    );
}

fn marker<T: PartialEq>(f: &Filter<T>, v: &T) -> &'static str {
    if f.include.contains(v) {
        "[+]"
    } else if f.exclude.contains(v) {
        "[-]"
    } else {
        "[ ]"
    }
}

fn render_editor(frame: &mut Frame, area: Rect, app: &App) {
    let theme = &app.ui.theme;
    let focused = app.focus() == 1;
    // On a template in the list, show what it proposes.
    if let Some(t) = focused_list_template(app) {
        render_template(frame, area, app, t);
        return;
    }
    let Some(file) = &app.model.plan else {
        let help = vec![
            Line::styled(tr("objective.intro_title"), theme.title),
            Line::raw(""),
            Line::styled(
                trf(
                    "objective.intro_pick",
                    &[
                        ("key", &app.key_in(Context::Objective, Action::Select)),
                        ("new", &app.key_in(Context::Objective, Action::NewPlan)),
                    ],
                ),
                theme.text,
            ),
            Line::raw(""),
            Line::styled(tr("objective.intro_plan"), theme.dim),
        ];
        frame.render_widget(
            Paragraph::new(help)
                .wrap(Wrap { trim: false })
                .block(pane_block(app, tr("objective.plan"), focused)),
            area,
        );
        return;
    };
    let plan = &file.plan;
    let rows = rows(&app.model);
    let editing = app.ui.objective.editing.as_ref();
    let seg = &plan.segment;
    let lines: Vec<Line> = rows
        .iter()
        .map(|row| {
            if let Some((r, input)) = editing
                && r == row
            {
                let (before, after) = input.split();
                let label = match row {
                    Row::Name => tr("objective.name"),
                    Row::Objective => tr("objective.objective"),
                    Row::AddGoal => tr("objective.new_goal"),
                    _ => tr("objective.goal"),
                };
                return Line::from(vec![
                    Span::styled(format!("{label:<10}"), theme.dim),
                    Span::styled(sanitize::line(before), theme.accent),
                    Span::styled("▏", theme.accent),
                    Span::styled(sanitize::line(after), theme.accent),
                ]);
            }
            match row {
                Row::Name => Line::from(vec![
                    Span::styled(format!("{:<10}", tr("objective.name")), theme.dim),
                    Span::styled(sanitize::line(&plan.name), theme.title),
                ]),
                Row::Objective => {
                    let text = if plan.objective.is_empty() {
                        trf(
                            "objective.state_it",
                            &[("key", &app.key_in(Context::Objective, Action::Select))],
                        )
                    } else {
                        sanitize::line(&plan.objective)
                    };
                    Line::from(vec![
                        Span::styled(format!("{:<10}", tr("objective.objective")), theme.dim),
                        Span::styled(text, theme.text),
                    ])
                }
                Row::Goal(i) => Line::styled(
                    format!("  • {}", sanitize::line(&plan.goals[*i])),
                    theme.text,
                ),
                Row::AddGoal => Line::styled(tr("objective.add_goal"), theme.dim),
                Row::Heading(h) => Line::styled(*h, theme.title),
                Row::Kpis => {
                    let ids: Vec<&str> = plan.kpis.iter().map(|k| k.metric.as_str()).collect();
                    let text = if ids.is_empty() {
                        trf(
                            "review.no_kpis",
                            &[("key", &app.key_in(Context::Metrics, Action::Toggle))],
                        )
                    } else {
                        ids.join(", ")
                    };
                    Line::from(vec![
                        Span::styled(format!("{:<10}", tr("verdict.kpi_many")), theme.dim),
                        Span::styled(text, theme.text),
                    ])
                }
                Row::Window => {
                    let w = match &plan.window {
                        WindowSpec::Last { last_days } => trf(
                            "objective.last_days",
                            &[
                                ("n", &last_days),
                                ("key", &app.key_in(Context::Objective, Action::Select)),
                            ],
                        ),
                        WindowSpec::Range { from, to } => format!("{from}..{to}"),
                    };
                    Line::from(vec![
                        Span::styled(format!("{:<10}", tr("objective.window")), theme.dim),
                        Span::styled(w, theme.text),
                    ])
                }
                Row::Account(id) => Line::styled(
                    format!("  {} {}", marker(&seg.accounts, id), sanitize::name(id)),
                    theme.text,
                ),
                Row::Platform(p) => {
                    Line::styled(format!("  {} {p}", marker(&seg.platforms, p)), theme.text)
                }
                Row::Format(f) => {
                    let label = crate::i18n::domain_word("format", f.name(), f.name());
                    Line::styled(format!("  {} {label}", marker(&seg.formats, f)), theme.text)
                }
                Row::Tag(t) => Line::styled(
                    format!("  {} {}", marker(&seg.tags, t), sanitize::name(t)),
                    theme.text,
                ),
            }
        })
        .collect();
    let file_name = file
        .path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let title = trf(
        "objective.plan_title",
        &[("name", &plan.name), ("file", &file_name)],
    );
    let block = pane_block(app, &title, focused);
    let inner_height = block.inner(area).height as usize;
    let cursor = app
        .ui
        .objective
        .editor_cursor
        .min(lines.len().saturating_sub(1));
    let offset = scroll_to(cursor, inner_height.saturating_sub(1));
    let lines: Vec<Line> = lines
        .into_iter()
        .enumerate()
        .map(|(i, l)| {
            if i == cursor && focused && editing.is_none() {
                l.style(theme.selected)
            } else {
                l
            }
        })
        .skip(offset)
        .collect();
    let mut body = lines;
    if focused && editing.is_none() {
        body.push(Line::styled(
            format!(
                "{} edits · {} includes · {} excludes · [+] in, [-] out, [ ] all",
                app.key_in(Context::Objective, Action::Select),
                app.key_in(Context::Objective, Action::Toggle),
                app.key_in(Context::Objective, Action::Exclude)
            ),
            theme.dim,
        ));
    }
    frame.render_widget(Paragraph::new(body).block(block), area);
}
