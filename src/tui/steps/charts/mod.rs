//! Step 4, Charts: a row of KPI cards, the selected KPI over time, and the posts of the
//! window.
//!
//! ```text
//! ┌ card ┐┌ card ┐┌ card ┐ …      value, target, status, change, sparkline
//! ┌ chart of the selected KPI ──────────────────────────────────────────┐
//! │ series (gaps where no value), target line, previous period (faint)   │
//! └──────────────────────────────────────────────────────────────────────┘
//! ┌ posts in the window: sortable, filterable; Enter opens one ─────────┐
//! ```

mod cards;
mod chart;
mod posts;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::widgets::Paragraph;

use super::move_cursor;
use crate::measure::Granularity;
use crate::tui::action::{Action, Context};
use crate::tui::app::{App, Overlay, PromptKind};
use crate::tui::view::pane_block;

pub use posts::{Column, LIVE_FILTER_LIMIT, refresh_posts, render_post_detail, set_filter};

#[derive(Debug)]
pub struct View {
    /// The KPI card selected (index into the plan's KPIs).
    pub selected: usize,
    pub granularity: Granularity,
    pub per_account: bool,
    pub legend: bool,
    /// The part of the series shown: (first index, count); `None` shows all.
    pub zoom: Option<(usize, usize)>,
    /// Post rows of the window, filtered and sorted.
    pub rows: Vec<u32>,
    /// What `rows` were built from: (load, window, segment, filter).
    pub rows_key: Option<(u64, crate::measure::Window, crate::measure::Segment, String)>,
    pub sort: Column,
    pub descending: bool,
    pub filter: String,
    pub cursor: usize,
}

impl Default for View {
    fn default() -> Self {
        View {
            selected: 0,
            granularity: Granularity::Day,
            per_account: false,
            legend: true,
            zoom: None,
            rows: Vec::new(),
            rows_key: None,
            sort: Column::Date,
            descending: true,
            filter: String::new(),
            cursor: 0,
        }
    }
}

impl View {
    /// After the data or the plan changes.
    pub fn reset_view(&mut self) {
        self.selected = 0;
        self.zoom = None;
        self.cursor = 0;
    }
}

/// Selects the next (or previous) KPI card, wrapping, and shows its whole series.
fn select_card(app: &mut App, next: bool) {
    let n = app.model.results.cards.len();
    if n > 0 {
        app.ui.charts.selected = if next {
            (app.ui.charts.selected + 1) % n
        } else {
            (app.ui.charts.selected + n - 1) % n
        };
        app.ui.charts.zoom = None;
        app.refresh();
    }
}

pub fn update(app: &mut App, action: Action) {
    match action {
        Action::Granularity => {
            app.ui.charts.granularity = match app.ui.charts.granularity {
                Granularity::Day => Granularity::Week,
                Granularity::Week => Granularity::Month,
                Granularity::Month => Granularity::Day,
            };
            app.ui.charts.zoom = None;
            app.refresh();
            app.info(format!("series by {}", app.ui.charts.granularity.name()));
        }
        Action::PerAccount => {
            app.ui.charts.per_account = !app.ui.charts.per_account;
            app.refresh();
        }
        Action::Legend => app.ui.charts.legend = !app.ui.charts.legend,
        Action::ZoomIn | Action::ZoomOut | Action::ZoomReset => zoom(app, action),
        Action::Filter => {
            let text = app.ui.charts.filter.clone();
            let hint = format!(
                "text, id or account; {} clears",
                app.key_in(Context::Prompt, Action::Back)
            );
            app.prompt(PromptKind::Filter, "Filter posts", &hint, &text);
        }
        Action::SortNext | Action::SortReverse => {
            if action == Action::SortNext {
                let i = Column::ALL
                    .iter()
                    .position(|c| *c == app.ui.charts.sort)
                    .unwrap_or(0);
                app.ui.charts.sort = Column::ALL[(i + 1) % Column::ALL.len()];
                app.ui.charts.descending = !matches!(
                    app.ui.charts.sort,
                    Column::Account | Column::Format | Column::Text
                );
            } else {
                app.ui.charts.descending = !app.ui.charts.descending;
            }
            posts::sort_rows(app);
            let dir = if app.ui.charts.descending {
                "descending"
            } else {
                "ascending"
            };
            app.info(format!(
                "posts sorted by {} ({dir})",
                app.ui.charts.sort.title()
            ));
        }
        Action::Left | Action::Right if app.focus() == 0 => {
            select_card(app, action == Action::Right);
        }
        Action::Left | Action::Right if app.focus() == 1 => pan(app, action == Action::Right),
        Action::Select if app.focus() == 2 => {
            if let Some(&row) = app.ui.charts.rows.get(app.ui.charts.cursor) {
                app.ui.overlay = Some(Overlay::PostDetail {
                    row: row as usize,
                    scroll: 0,
                });
            }
        }
        Action::Up | Action::Down if app.focus() < 2 => select_card(app, action == Action::Down),
        other if app.focus() == 2 => {
            let len = app.ui.charts.rows.len();
            move_cursor(&mut app.ui.charts.cursor, len, other, 10);
        }
        _ => {}
    }
}

fn series_len(app: &App) -> usize {
    app.model
        .results
        .cards
        .get(app.ui.charts.selected)
        .map_or(0, |c| c.result.series.len())
}

fn zoom(app: &mut App, action: Action) {
    let n = series_len(app);
    if n < 2 {
        return;
    }
    let (start, len) = app.ui.charts.zoom.unwrap_or((0, n));
    app.ui.charts.zoom = match action {
        Action::ZoomIn => {
            let new_len = (len / 2).max(2);
            let centre = start + len / 2;
            Some((centre.saturating_sub(new_len / 2).min(n - new_len), new_len))
        }
        Action::ZoomOut => {
            let new_len = (len * 2).min(n);
            let centre = start + len / 2;
            let s = centre.saturating_sub(new_len / 2).min(n - new_len);
            (new_len < n).then_some((s, new_len))
        }
        _ => None,
    };
}

fn pan(app: &mut App, right: bool) {
    let n = series_len(app);
    let Some((start, len)) = app.ui.charts.zoom else {
        let key = |a: Action| app.key_in(Context::Charts, a);
        let text = format!(
            "zoom in ({}) first, then pan with {}/{}",
            key(Action::ZoomIn),
            key(Action::Left),
            key(Action::Right)
        );
        app.info(text);
        return;
    };
    let step = (len / 4).max(1);
    let s = if right {
        (start + step).min(n - len)
    } else {
        start.saturating_sub(step)
    };
    app.ui.charts.zoom = Some((s, len));
}

/// Rebuilds the posts table for the window, segment and filter.
pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    if app.model.results.cards.is_empty() {
        let space = app.key_in(Context::Metrics, Action::Toggle);
        let text = if app.model.plan.is_none() {
            format!(
                "No plan yet. In 2 Objective pick a template ({}), or add KPIs in 3 Metrics ({space}).",
                app.key_in(Context::Objective, Action::Select)
            )
        } else {
            format!("The plan has no KPIs. Add them in 3 Metrics ({space}).")
        };
        let [msg, table] =
            Layout::vertical([Constraint::Length(3), Constraint::Min(3)]).areas(area);
        frame.render_widget(
            Paragraph::new(text)
                .style(app.ui.theme.text)
                .block(pane_block(app, "KPIs", app.focus() == 0)),
            msg,
        );
        posts::render_posts(frame, table, app);
        return;
    }
    let card_height = if area.height >= 30 { 7 } else { 5 };
    let [cards, chart, table] = Layout::vertical([
        Constraint::Length(card_height),
        Constraint::Percentage(55),
        Constraint::Min(5),
    ])
    .areas(area);
    cards::render_cards(frame, cards, app);
    chart::render_chart(frame, chart, app);
    posts::render_posts(frame, table, app);
}
