//! Step 3, Metrics: the catalogue grouped as primary and supporting for the plan's objective,
//! other, and vanity; each with its value for the window, dimmed with the reason where the
//! data cannot support it. Space adds or removes a KPI, `t` sets its target. The detail pane
//! shows formula, aggregation, denominator, counts, why, source, a sparkline and benchmarks.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{List, ListItem, ListState, Paragraph, Sparkline, Wrap};

use super::move_cursor;
use crate::measure::catalogue::{CATALOGUE, Metric};
use crate::measure::plan::Plan;
use crate::measure::templates::template;
use crate::measure::{benchmarks, format};
use crate::tui::action::Action;
use crate::tui::app::{App, PromptKind};
use crate::tui::sanitize;
use crate::tui::view::pane_block;

#[derive(Debug, Default)]
pub struct View {
    pub cursor: usize,
    /// Catalogue index of the metric under the cursor.
    pub selected: usize,
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
pub fn rows(app: &App) -> Vec<Row> {
    let plan = app.plan.as_ref().map(|p| &p.plan);
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
        .unwrap_or_else(|| "your objective".into());
    let mut out = Vec::new();
    if !primary.is_empty() {
        let label = if tpl.is_some() {
            format!("Primary for \"{objective}\"")
        } else {
            "KPIs of the plan".into()
        };
        out.push(Row::Heading(label));
        out.extend(primary.iter().map(|i| Row::Metric(*i)));
    }
    if !supporting.is_empty() {
        out.push(Row::Heading("Supporting".into()));
        out.extend(supporting.iter().map(|i| Row::Metric(*i)));
    }
    out.push(Row::Heading("Other".into()));
    out.extend(
        (0..CATALOGUE.len())
            .filter(|i| !CATALOGUE[*i].vanity && !primary.contains(i) && !supporting.contains(i))
            .map(Row::Metric),
    );
    out.push(Row::Heading("Vanity (context, never a goal)".into()));
    out.extend(
        (0..CATALOGUE.len())
            .filter(|i| CATALOGUE[*i].vanity)
            .map(Row::Metric),
    );
    out
}

fn sync_selected(app: &mut App, rows: &[Row]) {
    // Keep the cursor on a metric row.
    if let Some(Row::Heading(_)) = rows.get(app.metrics.cursor)
        && app.metrics.cursor + 1 < rows.len()
    {
        app.metrics.cursor += 1;
    }
    if let Some(Row::Metric(i)) = rows.get(app.metrics.cursor)
        && app.metrics.selected != *i
    {
        app.metrics.selected = *i;
        crate::tui::results::refresh_detail(app);
    }
}

pub fn update(app: &mut App, action: Action) {
    let rows = rows(app);
    let before = app.metrics.cursor;
    if move_cursor(&mut app.metrics.cursor, rows.len(), action, 10) {
        if matches!(rows.get(app.metrics.cursor), Some(Row::Heading(_)))
            && app.metrics.cursor < before
            && app.metrics.cursor > 0
        {
            app.metrics.cursor -= 1;
        }
        sync_selected(app, &rows);
        return;
    }
    sync_selected(app, &rows);
    let m = &CATALOGUE[app.metrics.selected];
    match action {
        Action::Toggle => toggle_kpi(app, m),
        Action::SetTarget => {
            let current = app
                .plan
                .as_ref()
                .and_then(|p| p.plan.kpis.iter().find(|k| k.metric == m.id))
                .and_then(|k| k.target)
                .map(|t| format::target(m, &t))
                .unwrap_or_default();
            let hint = format!(
                ">= 4.5% · <= 120 · +5% prev · +0% median · none (a {} value)",
                unit_word(m)
            );
            app.prompt(
                PromptKind::Target(m.id),
                &format!("Target for {}", m.name),
                &hint,
                &editable_target(&current),
            );
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
        crate::measure::catalogue::Unit::Percent => "percent",
        crate::measure::catalogue::Unit::Seconds => "seconds",
        _ => "plain",
    }
}

/// Puts the cursor on the row of the metric shown in the detail pane.
pub fn sync_cursor(app: &mut App) {
    let id = CATALOGUE[app.metrics.selected.min(CATALOGUE.len() - 1)].id;
    select_metric(app, id);
}

/// Moves the cursor to metric `id` (from another step).
pub fn select_metric(app: &mut App, id: &str) {
    let rows = rows(app);
    if let Some(i) = rows
        .iter()
        .position(|r| matches!(r, Row::Metric(m) if CATALOGUE[*m].id == id))
    {
        app.metrics.cursor = i;
        sync_selected(app, &rows);
    }
}

/// Adds or removes a KPI of the plan in use (making a plan if there is none).
pub fn toggle_kpi(app: &mut App, m: &'static Metric) {
    if app.plan.is_none() {
        let name = app.plans.unique_name("my plan");
        let plan = Plan::blank(&name);
        match app.plans.create(&plan) {
            Ok(path) => {
                super::objective::use_plan(app, crate::plans::PlanFile { path, plan });
                app.info(format!(
                    "created plan {name}: state its objective in 2 Objective"
                ));
            }
            Err(e) => return app.error(e.to_string()),
        }
    }
    let Some(file) = &mut app.plan else { return };
    let kpis = &mut file.plan.kpis;
    if let Some(i) = kpis.iter().position(|k| k.metric == m.id) {
        kpis.remove(i);
        super::objective::save(app);
        app.info(format!("removed KPI {}", m.name));
        return;
    }
    file.plan.add_kpi(m);
    super::objective::save(app);
    if m.vanity && !app.vanity_warned {
        app.vanity_warned = true;
        app.error(crate::measure::plan::vanity_warning(m));
    } else {
        app.info(format!("added KPI {}: press t to set its target", m.name));
    }
}

pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    let [left, right] =
        Layout::horizontal([Constraint::Percentage(52), Constraint::Percentage(48)]).areas(area);
    render_list(frame, left, app);
    render_detail(frame, right, app);
}

fn render_list(frame: &mut Frame, area: Rect, app: &App) {
    let theme = &app.theme;
    let focused = app.focus() == 0;
    let kpis: Vec<&str> = app
        .plan
        .as_ref()
        .map(|p| p.plan.kpis.iter().map(|k| k.metric.as_str()).collect())
        .unwrap_or_default();
    let width = area.width.saturating_sub(4) as usize;
    let items: Vec<ListItem> = rows(app)
        .iter()
        .map(|row| match row {
            Row::Heading(h) => ListItem::new(Line::styled(sanitize::line(h), theme.title)),
            Row::Metric(i) => {
                let m = &CATALOGUE[*i];
                let f = app.results.catalogue.get(*i);
                let value = f.map_or_else(|| "…".to_owned(), |f| format::figure(m, f));
                let small = if f.is_some_and(|f| f.small_sample) {
                    "*"
                } else {
                    " "
                };
                let mark = if kpis.contains(&m.id) { "●" } else { "○" };
                let name_width = width.saturating_sub(14);
                let name: String = m.name.chars().take(name_width).collect();
                let text = format!("{mark} {name:<name_width$} {value:>10}{small}");
                let style = if f.is_some_and(|f| f.value.is_none()) {
                    theme.dim
                } else {
                    theme.text
                };
                ListItem::new(Line::styled(text, style))
            }
        })
        .collect();
    let title = match app.results.window {
        Some(w) => format!("Metrics for {w} · ● KPI · * small sample"),
        None => "Metrics (no data)".to_owned(),
    };
    let list = List::new(items)
        .block(pane_block(app, &title, focused))
        .highlight_style(if focused {
            theme.selected
        } else {
            theme.selected_unfocused
        });
    let mut state = ListState::default().with_selected(Some(app.metrics.cursor));
    frame.render_stateful_widget(list, area, &mut state);
}

fn render_detail(frame: &mut Frame, area: Rect, app: &App) {
    let theme = &app.theme;
    let focused = app.focus() == 1;
    let m = &CATALOGUE[app.metrics.selected.min(CATALOGUE.len() - 1)];
    let block = pane_block(app, m.name, focused);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [text_area, spark_area] =
        Layout::vertical([Constraint::Min(4), Constraint::Length(4)]).areas(inner);
    let f = app.results.catalogue.get(app.metrics.selected);
    let mut lines = vec![];
    let value = f.map_or_else(|| "n/a".into(), |f| format::figure(m, f));
    lines.push(Line::from(vec![
        Span::styled(value, theme.title),
        Span::styled(format!("   {}", m.id), theme.dim),
    ]));
    if let Some(reason) = f.and_then(|f| f.reason.as_ref()) {
        lines.push(Line::styled(
            format!("not available: {}", sanitize::line(reason)),
            theme.warn,
        ));
    }
    lines.push(Line::from(vec![
        Span::styled("formula     ", theme.dim),
        Span::styled(m.formula, theme.text),
    ]));
    lines.push(Line::from(vec![
        Span::styled("aggregation ", theme.dim),
        Span::styled(m.aggregation.describe(), theme.text),
    ]));
    if let Some(f) = f {
        let small = if f.small_sample {
            " · small sample"
        } else {
            ""
        };
        lines.push(Line::from(vec![
            Span::styled("denominator ", theme.dim),
            Span::styled(
                format!(
                    "{} {} used, {} left out for missing data{small}",
                    f.used,
                    f.rows.name(),
                    f.left_out
                ),
                theme.text,
            ),
        ]));
        if let Some(d) = &app.results.detail {
            lines.push(Line::from(vec![
                Span::styled("previous    ", theme.dim),
                Span::styled(
                    format!(
                        "{} · change {}",
                        format::figure(m, &d.previous),
                        format::change(m, &d.change)
                    ),
                    theme.text,
                ),
            ]));
            if let Some(why) = &d.change.reason {
                lines.push(Line::styled(
                    format!("no change: {}", sanitize::line(why)),
                    theme.dim,
                ));
            } else if let Some(c) = d.previous.partial {
                lines.push(Line::styled(
                    format!("previous is partial: {} ({})", c.describe_days(), c.range()),
                    theme.dim,
                ));
            }
        }
        if let Some(card) = app.results.cards.iter().find(|c| c.metric().id == m.id)
            && let Some(why) = &card.status_reason
        {
            lines.push(Line::styled(
                format!("status n/a: {}", sanitize::line(why)),
                theme.warn,
            ));
        }
        for why in &f.left_out_reasons {
            lines.push(Line::styled(
                format!("left out: {}", sanitize::line(why)),
                theme.dim,
            ));
        }
        if let Some(note) = &f.note {
            lines.push(Line::styled(sanitize::line(note), theme.dim));
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
    let plan = app.plan.as_ref().map(|p| &p.plan);
    if let Some(t) = plan.and_then(|p| p.template.as_deref()).and_then(template)
        && let Some(role) = crate::measure::templates::role(t, m.id)
    {
        lines.push(Line::styled(
            format!("why ({role} for {}): {}", t.name, t.why),
            theme.text,
        ));
    }
    lines.push(Line::styled(format!("why: {}", m.why), theme.text));
    lines.push(Line::styled(format!("source: {}", m.source), theme.dim));
    if let Some(detail) = &app.results.detail {
        for p in &detail.by_platform {
            for b in benchmarks::for_metric(m.id, p.platform) {
                lines.push(Line::styled(
                    format!(
                        "benchmark {}: {} here vs {}",
                        p.platform,
                        format::figure(m, &p.figure),
                        benchmarks::describe(b)
                    ),
                    theme.accent,
                ));
            }
        }
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), text_area);
    if let Some(detail) = &app.results.detail {
        let values: Vec<Option<f64>> = detail.series.iter().map(|p| p.figure.value).collect();
        let bars = scale(&values);
        let title = Line::styled(
            format!("daily, {} days (gaps: no value)", values.len()),
            theme.dim,
        );
        let [label, spark] =
            Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(spark_area);
        frame.render_widget(Paragraph::new(title), label);
        frame.render_widget(
            Sparkline::default()
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
