//! Step 3, Metrics: the catalogue grouped as primary and supporting for the plan's objective,
//! other, and vanity; each with its value for the window, dimmed with the reason where the
//! data cannot support it. Space adds or removes a KPI, `t` sets its target. The detail pane
//! shows formula, aggregation, denominator, counts, why, source, a sparkline and benchmarks.

use crate::i18n::{tr, trf};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{List, ListItem, ListState, Paragraph, Sparkline, Wrap};

use super::move_cursor;
use crate::measure::catalogue::{CATALOGUE, Metric};
use crate::measure::plan::Plan;
use crate::measure::templates::template;
use crate::measure::{benchmarks, format};
use crate::tui::action::{Action, Context};
use crate::tui::app::{App, Model, Overlay, PromptKind};
use crate::tui::effect::{Cx, Effect};
use crate::tui::sanitize;
use crate::tui::view::pane_block;

#[derive(Debug, Default)]
pub struct View {
    pub cursor: usize,
    /// Catalogue index of the metric under the cursor.
    pub selected: usize,
    /// The vanity warning was shown (once a session is enough).
    pub vanity_warned: bool,
}

impl View {
    pub fn selected_metric(&self) -> usize {
        self.selected
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Row {
    Heading(String),
    Metric(usize),
}

/// The catalogue in groups for the plan in use.
pub fn rows(model: &Model) -> Vec<Row> {
    let plan = model.plan.as_ref().map(|p| &p.plan);
    let tpl = plan.and_then(|p| p.template.as_deref()).and_then(template);
    let index = |id: &str| CATALOGUE.iter().position(|m| m.id == id);
    let (primary, supporting): (Vec<usize>, Vec<usize>) = match (tpl, plan) {
        (Some(t), _) => (
            t.primary.iter().filter_map(|id| index(id)).collect(),
            t.supporting.iter().filter_map(|id| index(id)).collect(),
        ),
        (None, Some(p)) => (
            p.kpis.iter().filter_map(|k| index(&k.metric)).collect(),
            Vec::new(),
        ),
        (None, None) => (Vec::new(), Vec::new()),
    };
    let objective = plan
        .map(|p| p.objective.clone())
        .filter(|o| !o.is_empty())
        .unwrap_or_else(|| tr("metrics.your_objective").into());
    let mut out = Vec::new();
    if !primary.is_empty() {
        let label = if tpl.is_some() {
            trf("metrics.primary_for", &[("objective", &objective)])
        } else {
            tr("metrics.plan_kpis").into()
        };
        out.push(Row::Heading(label));
        out.extend(primary.iter().map(|i| Row::Metric(*i)));
    }
    if !supporting.is_empty() {
        out.push(Row::Heading(tr("objective.supporting").into()));
        out.extend(supporting.iter().map(|i| Row::Metric(*i)));
    }
    out.push(Row::Heading(tr("metrics.other").into()));
    out.extend(
        (0..CATALOGUE.len())
            .filter(|i| !CATALOGUE[*i].vanity && !primary.contains(i) && !supporting.contains(i))
            .map(Row::Metric),
    );
    out.push(Row::Heading(tr("metrics.vanity").into()));
    out.extend(
        (0..CATALOGUE.len())
            .filter(|i| CATALOGUE[*i].vanity)
            .map(Row::Metric),
    );
    out
}

/// Keeps the cursor on a metric row and the selection on it; true when the metric selected
/// changed (its detail is then recomputed).
fn sync_selected(view: &mut View, rows: &[Row]) -> bool {
    if let Some(Row::Heading(_)) = rows.get(view.cursor)
        && view.cursor + 1 < rows.len()
    {
        view.cursor += 1;
    }
    if let Some(Row::Metric(i)) = rows.get(view.cursor)
        && view.selected != *i
    {
        view.selected = *i;
        return true;
    }
    false
}

pub fn update(cx: &mut Cx, view: &mut View, action: Action) {
    let rows = rows(cx.model);
    let before = view.cursor;
    if move_cursor(&mut view.cursor, rows.len(), action, 10) {
        if matches!(rows.get(view.cursor), Some(Row::Heading(_)))
            && view.cursor < before
            && view.cursor > 0
        {
            view.cursor -= 1;
        }
        if sync_selected(view, &rows) {
            cx.ask(Effect::RefreshDetail);
        }
        return;
    }
    if sync_selected(view, &rows) {
        cx.ask(Effect::RefreshDetail);
    }
    let m = &CATALOGUE[view.selected.min(CATALOGUE.len() - 1)];
    match action {
        Action::Toggle => toggle_kpi(cx, view, m),
        Action::SetTarget => {
            let current = cx
                .model
                .plan
                .as_ref()
                .and_then(|p| p.plan.kpis.iter().find(|k| k.metric == m.id))
                .and_then(|k| k.target)
                // The prompt reads targets as typed in English (`>= 4.5%`, `+0% median`),
                // whatever language the app shows.
                .map(|t| crate::i18n::with_lang(crate::i18n::Lang::En, || format::target(m, &t)))
                .unwrap_or_default();
            let hint = match m.unit {
                crate::measure::catalogue::Unit::Percent => {
                    crate::i18n::tr("msg.target_hint_percent").to_owned()
                }
                _ => crate::i18n::trf(
                    "msg.target_hint_plain",
                    &[("unit", &crate::i18n::tr(unit_word(m)))],
                ),
            };
            cx.ask(Effect::Open(Overlay::prompt(
                PromptKind::Target(m.id),
                &crate::i18n::trf("msg.target_prompt", &[("metric", &m.text().name)]),
                &hint,
                &editable_target(&current),
            )));
        }
        _ => {}
    }
}

/// A target as shown, turned back into text the prompt parses.
fn editable_target(shown: &str) -> String {
    shown
        .replace("at least the 90-day median", "+0% median")
        .replace("at least the previous period", "+0% prev")
        .replace(" vs 90-day median", " median")
        .replace(" vs previous period", " prev")
}

fn unit_word(m: &Metric) -> &'static str {
    match m.unit {
        crate::measure::catalogue::Unit::Percent => "msg.unit_percent",
        crate::measure::catalogue::Unit::Seconds => "msg.unit_seconds",
        _ => "msg.unit_plain",
    }
}

/// Puts the cursor on the row of the metric shown in the detail pane (the groups change
/// with the plan).
pub fn reconcile(view: &mut View, model: &Model) {
    let id = CATALOGUE[view.selected.min(CATALOGUE.len() - 1)].id;
    show_metric(view, model, id);
}

/// Moves the cursor to metric `id` (asked from another step); true when it is found.
pub fn show_metric(view: &mut View, model: &Model, id: &str) -> bool {
    let rows = rows(model);
    match rows
        .iter()
        .position(|r| matches!(r, Row::Metric(m) if CATALOGUE[*m].id == id))
    {
        Some(i) => {
            view.cursor = i;
            sync_selected(view, &rows);
            true
        }
        None => false,
    }
}

/// Adds or removes a KPI of the plan in use (making a plan with it if there is none).
fn toggle_kpi(cx: &mut Cx, view: &mut View, m: &'static Metric) {
    let Some(file) = &cx.model.plan else {
        let name = cx.model.plans.unique_name(crate::i18n::tr("msg.my_plan"));
        let mut plan = Plan::blank(&name);
        plan.add_kpi(m);
        cx.ask(Effect::CreatePlan(plan));
        cx.info(crate::i18n::trf(
            "msg.created_with_kpi",
            &[("name", &name), ("metric", &m.text().name)],
        ));
        return;
    };
    if file.plan.kpis.iter().any(|k| k.metric == m.id) {
        cx.edit_plan(|p| {
            p.remove_kpi(m.id);
        });
        cx.info(crate::i18n::trf(
            "msg.removed_kpi",
            &[("metric", &m.text().name)],
        ));
        return;
    }
    cx.edit_plan(|p| {
        p.add_kpi(m);
    });
    if m.vanity && !view.vanity_warned {
        view.vanity_warned = true;
        cx.error(crate::measure::plan::vanity_warning(m));
    } else {
        let t = cx.key(Context::Metrics, Action::SetTarget);
        cx.info(crate::i18n::trf(
            "msg.added_kpi",
            &[("metric", &m.text().name), ("key", &t)],
        ));
    }
}

pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    let [left, right] =
        Layout::horizontal([Constraint::Percentage(52), Constraint::Percentage(48)]).areas(area);
    render_list(frame, left, app);
    render_detail(frame, right, app);
}

fn render_list(frame: &mut Frame, area: Rect, app: &App) {
    let theme = &app.ui.theme;
    let focused = app.focus() == 0;
    let kpis: Vec<&str> = app
        .model
        .plan
        .as_ref()
        .map(|p| p.plan.kpis.iter().map(|k| k.metric.as_str()).collect())
        .unwrap_or_default();
    let width = area.width.saturating_sub(4) as usize;
    let items: Vec<ListItem> = rows(&app.model)
        .iter()
        .map(|row| match row {
            Row::Heading(h) => ListItem::new(Line::styled(sanitize::line(h), theme.title)),
            Row::Metric(i) => {
                let m = &CATALOGUE[*i];
                let f = app.model.results.catalogue.get(*i);
                let value = f.map_or_else(|| "…".to_owned(), |f| format::figure(m, f));
                let small = if f.is_some_and(|f| f.small_sample) {
                    "*"
                } else {
                    " "
                };
                let mark = if kpis.contains(&m.id) { "●" } else { "○" };
                let name_width = width.saturating_sub(17);
                // A name that does not fit gives way to the short one, which still tells ER
                // by reach from ER by followers.
                let full = if crate::text::width(m.text().name) <= name_width {
                    m.text().name
                } else {
                    m.short()
                };
                let name = crate::text::take_width(full, name_width);
                let text = format!("{mark} {name:<name_width$} {value:>13}{small}");
                let style = if f.is_some_and(|f| f.value.is_none()) {
                    theme.dim
                } else {
                    theme.text
                };
                ListItem::new(Line::styled(text, style))
            }
        })
        .collect();
    let title = match app.model.results.window {
        Some(w) => trf("metrics.title", &[("window", &w)]),
        None => tr("metrics.title_no_data").to_owned(),
    };
    let list = List::new(items)
        .block(pane_block(app, &title, focused))
        .highlight_style(if focused {
            theme.selected
        } else {
            theme.selected_unfocused
        });
    let mut state = ListState::default().with_selected(Some(app.ui.metrics.cursor));
    frame.render_stateful_widget(list, area, &mut state);
}

fn render_detail(frame: &mut Frame, area: Rect, app: &App) {
    let theme = &app.ui.theme;
    let focused = app.focus() == 1;
    let m = &CATALOGUE[app.ui.metrics.selected.min(CATALOGUE.len() - 1)];
    let block = pane_block(app, m.text().name, focused);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [text_area, spark_area] =
        Layout::vertical([Constraint::Min(4), Constraint::Length(4)]).areas(inner);
    let f = app.model.results.catalogue.get(app.ui.metrics.selected);
    let mut lines = vec![];
    let value = f.map_or_else(|| tr("unit.na").into(), |f| format::figure(m, f));
    lines.push(Line::from(vec![
        Span::styled(value, theme.title),
        // The id, as plans and scripts write it.
        Span::styled(format!("   `{}`", m.id), theme.dim),
    ]));
    if let Some(reason) = f.and_then(|f| f.reason.as_ref()) {
        lines.push(Line::styled(
            trf(
                "metrics.not_available",
                &[("why", &sanitize::line(&reason.to_string()))],
            ),
            theme.warn,
        ));
    }
    lines.push(Line::from(vec![
        Span::styled(format!("{:<12}", tr("metrics.formula")), theme.dim),
        Span::styled(m.text().formula, theme.text),
    ]));
    lines.push(Line::from(vec![
        Span::styled(format!("{:<12}", tr("metrics.aggregation")), theme.dim),
        Span::styled(m.aggregation.describe(), theme.text),
    ]));
    if let Some(f) = f {
        let small = if f.small_sample {
            tr("metrics.small_sample")
        } else {
            ""
        };
        lines.push(Line::from(vec![
            Span::styled(format!("{:<12}", tr("metrics.denominator")), theme.dim),
            Span::styled(
                trf(
                    "metrics.used_left_out",
                    &[
                        ("used", &f.used),
                        ("rows", &f.rows.name()),
                        ("left_out", &f.left_out),
                        ("small", &small),
                    ],
                ),
                theme.text,
            ),
        ]));
        if let Some(d) = &app.model.results.detail {
            lines.push(Line::from(vec![
                Span::styled(format!("{:<12}", tr("metrics.previous")), theme.dim),
                Span::styled(
                    trf(
                        "metrics.previous_change",
                        &[
                            ("previous", &format::figure(m, &d.previous)),
                            ("change", &format::change(m, &d.change)),
                        ],
                    ),
                    theme.text,
                ),
            ]));
            if let Some(why) = &d.change.reason {
                lines.push(Line::styled(
                    trf(
                        "metrics.no_change",
                        &[("why", &sanitize::line(&why.to_string()))],
                    ),
                    theme.dim,
                ));
            } else if let Some(c) = d.previous.partial {
                lines.push(Line::styled(
                    trf(
                        "metrics.previous_partial",
                        &[("days", &c.describe_days()), ("range", &c.range())],
                    ),
                    theme.dim,
                ));
            }
        }
        if let Some(card) = app
            .model
            .results
            .cards
            .iter()
            .find(|c| c.metric().id == m.id)
            && let Some(why) = &card.status_reason
        {
            lines.push(Line::styled(
                trf(
                    "metrics.status_na",
                    &[("why", &sanitize::line(&why.to_string()))],
                ),
                theme.warn,
            ));
        }
        for why in &f.left_out_reasons {
            lines.push(Line::styled(
                trf(
                    "metrics.left_out",
                    &[("why", &sanitize::line(&why.to_string()))],
                ),
                theme.dim,
            ));
        }
        if let Some(note) = &f.note {
            lines.push(Line::styled(sanitize::line(&note.to_string()), theme.dim));
        }
    }
    if m.needs
        .contains(&crate::measure::catalogue::Need::Interactions)
    {
        lines.push(Line::styled(
            crate::measure::catalogue::interactions_note(),
            theme.dim,
        ));
    }
    let plan = app.model.plan.as_ref().map(|p| &p.plan);
    if let Some(t) = plan.and_then(|p| p.template.as_deref()).and_then(template)
        && let Some(role) = crate::measure::templates::role(t, m.id)
    {
        lines.push(Line::styled(
            trf(
                "metrics.why_in_template",
                &[
                    (
                        "role",
                        &crate::i18n::tr(if role == "primary" {
                            "metrics.role_primary"
                        } else {
                            "metrics.role_supporting"
                        }),
                    ),
                    ("template", &t.text().name),
                    ("why", &t.text().why),
                ],
            ),
            theme.text,
        ));
    }
    lines.push(Line::styled(
        trf("metrics.why", &[("why", &m.text().why)]),
        theme.text,
    ));
    lines.push(Line::styled(
        trf("metrics.source", &[("source", &m.text().source)]),
        theme.dim,
    ));
    if let Some(detail) = &app.model.results.detail {
        for p in &detail.by_platform {
            for b in benchmarks::for_metric(m.id, p.platform) {
                lines.push(Line::styled(
                    trf(
                        "metrics.benchmark",
                        &[
                            ("platform", &p.platform),
                            ("here", &format::figure(m, &p.figure)),
                            ("benchmark", &benchmarks::describe(b)),
                        ],
                    ),
                    theme.accent,
                ));
            }
        }
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), text_area);
    if let Some(detail) = &app.model.results.detail {
        let values: Vec<Option<f64>> = detail.series.iter().map(|p| p.figure.value).collect();
        let bars = scale(&values);
        let title = Line::styled(trf("metrics.daily", &[("n", &values.len())]), theme.dim);
        let [label, spark] =
            Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(spark_area);
        frame.render_widget(Paragraph::new(title), label);
        frame.render_widget(
            // A fixed top, so a flat series is a half-height line, not a wall of full bars.
            Sparkline::default()
                .max(100)
                .data(bars)
                .style(theme.accent)
                .absent_value_symbol("·")
                .absent_value_style(theme.dim),
            spark,
        );
    }
}

/// Values scaled to 0..=100 for a sparkline; `None` stays absent (drawn as a gap, not zero).
pub fn scale(values: &[Option<f64>]) -> Vec<Option<u64>> {
    let min = values
        .iter()
        .flatten()
        .copied()
        .fold(f64::INFINITY, f64::min);
    let max = values
        .iter()
        .flatten()
        .copied()
        .fold(f64::NEG_INFINITY, f64::max);
    values
        .iter()
        .map(|v| {
            v.map(|v| {
                if max > min {
                    (1.0 + (v - min) / (max - min) * 99.0).round() as u64
                } else {
                    50
                }
            })
        })
        .collect()
}
