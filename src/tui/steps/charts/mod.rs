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
mod export;
mod lens_view;
mod posts;

use crate::i18n::{tr, trf};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::widgets::Paragraph;

use super::move_cursor;
use crate::measure::Granularity;
use crate::measure::posts::PostField;
use crate::tui::action::{Action, Context};
use crate::tui::app::{App, Model, Overlay, PromptKind};
use crate::tui::effect::{Cx, Effect};
use crate::tui::view::pane_block;

pub use export::{CsvExport, CsvExportError, export_csv};
pub use posts::{
    LIVE_FILTER_LIMIT, available as posts_available, columns as posts_columns, render_columns,
    render_post_detail, set_filter,
};

#[derive(Debug)]
pub struct View {
    /// The KPI card selected (index into the plan's KPIs).
    pub selected: usize,
    pub granularity: Granularity,
    pub per_account: bool,
    pub legend: bool,
    /// The y axis fitted to the data rather than from zero.
    pub fit_y: bool,
    /// The part of the series shown: (first index, count); `None` shows all.
    pub zoom: Option<(usize, usize)>,
    /// The bucket the chart's cursor reads (`None`: the last one shown).
    pub chart_cursor: Option<usize>,
    /// Post rows of the window, filtered and sorted.
    pub rows: Vec<u32>,
    /// What `rows` were built from: (load, window, segment, filter).
    pub rows_key: Option<(u64, crate::measure::Window, crate::measure::Segment, String)>,
    pub sort: PostField,
    pub descending: bool,
    pub filter: String,
    pub cursor: usize,
    /// The posts table's columns, when chosen (`None`: the defaults).
    pub columns: Option<Vec<PostField>>,
    /// Columns scrolled past, after the first.
    pub col_offset: usize,
    /// What the middle pane shows: the KPI over time, or a lens.
    pub lens: crate::tui::lens::LensKind,
    /// The breakdown lens's dimension.
    pub dim: crate::analysis::dims::Dim,
    /// The breakdown sorted by value (else by key).
    pub lens_by_value: bool,
    /// The first line of a lens shown (lists scroll).
    pub lens_scroll: usize,
    /// The metric a lens was opened by from a finding (else the selected KPI's).
    pub lens_metric: Option<&'static str>,
    /// A CSV export of the lens asked for while it was being computed: written when it
    /// arrives, so the UI thread never computes a lens itself.
    pub export_waiting: bool,
}

impl Default for View {
    fn default() -> Self {
        View {
            selected: 0,
            granularity: Granularity::Day,
            per_account: false,
            legend: true,
            fit_y: false,
            zoom: None,
            chart_cursor: None,
            rows: Vec::new(),
            rows_key: None,
            sort: PostField::Published,
            descending: true,
            filter: String::new(),
            cursor: 0,
            columns: None,
            col_offset: 0,
            lens: crate::tui::lens::LensKind::Time,
            dim: crate::analysis::dims::Dim::Account,
            lens_by_value: false,
            lens_scroll: 0,
            lens_metric: None,
            export_waiting: false,
        }
    }
}

impl View {
    /// After the data or the plan changes.
    pub fn reset_view(&mut self) {
        self.selected = 0;
        self.zoom = None;
        self.chart_cursor = None;
        self.cursor = 0;
    }
}

/// Keeps the view in step with the model: a card that exists, the posts of the window.
pub fn reconcile(view: &mut View, model: &Model, segment: &crate::measure::Segment) {
    if view.selected >= model.results.cards.len() {
        view.selected = 0;
    }
    // A new window or granularity changes the buckets: a zoom or cursor past them goes.
    let n = series_len(model, view);
    if view
        .zoom
        .is_some_and(|(start, len)| start + len > n || len < 2)
    {
        view.zoom = None;
    }
    if view.chart_cursor.is_some_and(|c| c >= n) {
        view.chart_cursor = None;
    }
    posts::reconcile(view, model, segment);
}

/// Selects the next (or previous) KPI card, stopping at the ends (no silent wrap), and shows
/// its whole series.
fn select_card(cx: &mut Cx, view: &mut View, action: Action) {
    let n = cx.model.results.cards.len();
    if n == 0 {
        return;
    }
    let before = view.selected;
    view.selected = match action {
        Action::Right | Action::Down => (view.selected + 1).min(n - 1),
        Action::Left | Action::Up => view.selected.saturating_sub(1),
        Action::Home => 0,
        Action::End => n - 1,
        _ => view.selected,
    };
    if view.selected != before {
        view.lens_metric = None;
        view.zoom = None;
        view.chart_cursor = None;
        cx.ask(Effect::Refresh);
    }
}

pub fn update(cx: &mut Cx, view: &mut View, action: Action) {
    match action {
        Action::Granularity => {
            view.granularity = match view.granularity {
                Granularity::Day => Granularity::Week,
                Granularity::Week => Granularity::Month,
                Granularity::Month => Granularity::Day,
            };
            view.zoom = None;
            view.chart_cursor = None;
            cx.ask(Effect::Refresh);
            cx.info(trf("charts.series_by", &[("by", &view.granularity.name())]));
        }
        Action::PerAccount => {
            view.per_account = !view.per_account;
            cx.ask(Effect::Refresh);
        }
        Action::Legend => view.legend = !view.legend,
        Action::NextLens => {
            // An export waiting for the lens left is not written for the next one.
            view.export_waiting = false;
            view.lens = view.lens.next();
            view.lens_scroll = 0;
            cx.info(trf("charts.showing", &[("lens", &view.lens.title())]));
        }
        Action::LensBy => {
            use crate::analysis::dims::Dim;
            // Website visits by source join the cycle when the data has them.
            let has_sources = cx
                .model
                .data
                .prepared
                .as_ref()
                .is_some_and(|p| !p.sources.names.is_empty());
            let dims: Vec<Dim> = Dim::ALL
                .into_iter()
                .chain(has_sources.then_some(Dim::Source))
                .collect();
            let i = dims.iter().position(|d| *d == view.dim).unwrap_or(0);
            view.dim = dims[(i + 1) % dims.len()];
            view.export_waiting = false;
            view.lens = crate::tui::lens::LensKind::Breakdown;
            view.lens_scroll = 0;
            cx.info(crate::i18n::trf(
                "msg.breakdown_by",
                &[("dim", &view.dim.label())],
            ));
        }
        Action::SortNext | Action::SortReverse
            if cx.focus == 1 && view.lens == crate::tui::lens::LensKind::Breakdown =>
        {
            view.lens_by_value = !view.lens_by_value;
            cx.info(crate::i18n::tr(if view.lens_by_value {
                "msg.breakdown_by_value"
            } else {
                "msg.breakdown_by_key"
            }));
        }
        a if a.is_move() && cx.focus == 1 && view.lens != crate::tui::lens::LensKind::Time => {
            // The lines a lens has at a wide width bound the scroll.
            let n = lens_view::line_count(cx.model, view);
            move_cursor(&mut view.lens_scroll, n, action, 10);
        }
        Action::FitY => {
            view.fit_y = !view.fit_y;
            cx.info(crate::i18n::tr(if view.fit_y {
                "msg.y_fitted"
            } else {
                "msg.y_from_zero"
            }));
        }
        Action::ZoomIn | Action::ZoomOut | Action::ZoomReset => zoom(cx, view, action),
        Action::Filter => {
            let hint = crate::i18n::trf(
                "msg.filter_hint",
                &[("key", &cx.key(Context::Prompt, Action::Back))],
            );
            cx.ask(Effect::Open(Overlay::prompt(
                PromptKind::Filter,
                crate::i18n::tr("msg.filter_posts"),
                &hint,
                &view.filter,
            )));
        }
        Action::ChooseColumns => {
            cx.ask(Effect::Open(Overlay::Columns { cursor: 0 }));
        }
        Action::SortNext | Action::SortReverse => {
            if action == Action::SortNext {
                let shown = posts::columns(view, cx.model);
                let i = shown.iter().position(|c| *c == view.sort).unwrap_or(0);
                view.sort = shown
                    .get((i + 1) % shown.len().max(1))
                    .copied()
                    .unwrap_or(PostField::Published);
                view.descending = view.sort.is_number() || view.sort == PostField::Published;
            } else {
                view.descending = !view.descending;
            }
            posts::sort_rows(view, cx.model);
            let dir = crate::i18n::tr(if view.descending {
                "msg.descending"
            } else {
                "msg.ascending"
            });
            cx.info(crate::i18n::trf(
                "msg.posts_sorted",
                &[("column", &posts::title(view.sort)), ("dir", &dir)],
            ));
        }
        Action::Copy | Action::CopyRow => copy(cx, view, action == Action::CopyRow),
        // What the focused pane shows: the posts table, else the chart pane's series or lens
        // (the KPI cards choose the series, so they export it too).
        Action::ExportCsv => cx.ask(Effect::ExportCsv(if cx.focus == 2 {
            CsvExport::Posts
        } else if view.lens == crate::tui::lens::LensKind::Time {
            CsvExport::Series
        } else {
            CsvExport::Lens
        })),
        Action::Left | Action::Right | Action::Home | Action::End if cx.focus == 0 => {
            select_card(cx, view, action)
        }
        Action::Left | Action::Right | Action::Home | Action::End if cx.focus == 1 => {
            move_chart_cursor(cx, view, action)
        }
        Action::Left | Action::Right if cx.focus == 2 => {
            let n = posts::columns(view, cx.model).len().saturating_sub(1);
            view.col_offset = if action == Action::Right {
                (view.col_offset + 1).min(n.saturating_sub(1))
            } else {
                view.col_offset.saturating_sub(1)
            };
        }
        Action::Select if cx.focus == 2 => {
            if let Some(&row) = view.rows.get(view.cursor) {
                cx.ask(Effect::Open(Overlay::PostDetail {
                    row: row as usize,
                    scroll: 0,
                }));
            }
        }
        Action::Up | Action::Down if cx.focus < 2 => select_card(cx, view, action),
        other if cx.focus == 2 => {
            let len = view.rows.len();
            move_cursor(&mut view.cursor, len, other, 10);
        }
        _ => {}
    }
}

/// Copies the selected post's cell in the sorted column (or its whole row), or the selected
/// KPI's value with its formula.
fn copy(cx: &mut Cx, view: &View, row: bool) {
    if cx.focus == 2 {
        let (Some(prepared), Some(&r)) = (&cx.model.data.prepared, view.rows.get(view.cursor))
        else {
            return cx.info(crate::i18n::tr("msg.no_post_selected"));
        };
        let shown = posts::columns(view, cx.model);
        let (what, text) = if row {
            let cells: Vec<String> = shown
                .iter()
                .map(|f| posts::cell(prepared, *f, r as usize, false))
                .collect();
            (
                crate::i18n::tr("msg.the_posts_row").to_owned(),
                cells.join("\t"),
            )
        } else {
            (
                crate::i18n::trf(
                    "msg.the_posts_field",
                    &[("column", &posts::title(view.sort))],
                ),
                posts::cell(prepared, view.sort, r as usize, false),
            )
        };
        return cx.ask(Effect::Copy { what, text });
    }
    if let Some(card) = cx.model.results.cards.get(view.selected) {
        cx.ask(Effect::Copy {
            what: format!("the {} value", card.metric().text().name),
            text: crate::measure::format::figure(card.metric(), &card.result.current),
        });
    }
}

/// Buckets in the chart shown: the selected KPI's, or the overview's before a plan.
fn series_len(model: &Model, view: &View) -> usize {
    match model.results.cards.get(view.selected) {
        Some(c) => c.result.series.len(),
        None => model
            .results
            .overview
            .first()
            .and_then(|(_, lines)| lines.first())
            .map_or(0, |(_, p)| p.len()),
    }
}

fn zoom(cx: &mut Cx, view: &mut View, action: Action) {
    let n = series_len(cx.model, view);
    if n < 2 {
        return;
    }
    let (start, len) = view.zoom.unwrap_or((0, n));
    view.zoom = match action {
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

/// Moves the chart's cursor one bucket (or to the first or last); zoomed in, the part shown
/// pans to keep the cursor in it.
fn move_chart_cursor(cx: &mut Cx, view: &mut View, action: Action) {
    let n = series_len(cx.model, view);
    if n == 0 {
        return;
    }
    let range = chart::shown_range(view.zoom, n);
    let at = view
        .chart_cursor
        .unwrap_or(range.end.saturating_sub(1))
        .min(n - 1);
    let to = match action {
        Action::Left => at.saturating_sub(1),
        Action::Right => (at + 1).min(n - 1),
        Action::Home => 0,
        Action::End => n - 1,
        _ => at,
    };
    view.chart_cursor = Some(to);
    if let Some((start, len)) = view.zoom {
        let start = if to < start {
            to
        } else if to >= start + len {
            to + 1 - len
        } else {
            start
        };
        view.zoom = Some((start, len));
    }
}

/// Rebuilds the posts table for the window, segment and filter.
pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    if app.model.results.cards.is_empty() {
        let space = app.key_in(Context::Metrics, Action::Toggle);
        let text = if app.model.plan.is_none() {
            trf(
                "charts.no_plan",
                &[
                    ("key", &app.key_in(Context::Objective, Action::Select)),
                    ("space", &space),
                ],
            )
        } else {
            trf("charts.no_kpis", &[("space", &space)])
        };
        let overview = &app.model.results.overview;
        if overview.is_empty() {
            let [msg, table] =
                Layout::vertical([Constraint::Length(3), Constraint::Min(3)]).areas(area);
            frame.render_widget(
                Paragraph::new(text)
                    .style(app.ui.theme.text)
                    .block(pane_block(app, tr("verdict.kpi_many"), app.focus() == 0)),
                msg,
            );
            posts::render_posts(frame, table, app);
            return;
        }
        // Before a plan: what the data says about engagement, per account, with the way to
        // KPIs.
        let [msg, charts, table] = Layout::vertical([
            Constraint::Length(4),
            // Short screens keep more rows for the posts, which say more than a tiny chart.
            Constraint::Percentage(if area.height >= 36 { 45 } else { 30 }),
            Constraint::Min(5),
        ])
        .areas(area);
        frame.render_widget(
            Paragraph::new(trf(
                "charts.overview_text",
                &[
                    ("key", &app.key_in(Context::Objective, Action::Select)),
                    ("space", &space),
                ],
            ))
            .style(app.ui.theme.text)
            .wrap(ratatui::widgets::Wrap { trim: true })
            .block(pane_block(app, tr("charts.overview"), app.focus() == 0)),
            msg,
        );
        let slots = Layout::horizontal(vec![
            Constraint::Ratio(1, overview.len() as u32);
            overview.len()
        ])
        .split(charts);
        if app.ui.charts.lens != crate::tui::lens::LensKind::Time {
            lens_view::render_lens(frame, charts, app);
            posts::render_posts(frame, table, app);
            return;
        }
        for (i, (slot, (m, lines))) in slots.iter().zip(overview).enumerate() {
            let spec = chart::Spec {
                title: crate::i18n::trf(
                    "charts.overview_chart_title",
                    &[
                        ("metric", &m.text().name),
                        ("by", &app.ui.charts.granularity.name()),
                        ("formula", &m.text().formula),
                    ],
                ),
                metric: m,
                lines: lines
                    .iter()
                    .map(|(a, p)| (crate::tui::sanitize::line(a), p.as_slice()))
                    .collect(),
                previous: None,
                goal: None,
                reason: None,
            };
            // One focus marker: the first chart's; both show the cursor's bucket.
            let focused = app.focus() == 1;
            chart::render_series(frame, *slot, app, &spec, focused && i == 0, focused);
        }
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
    if app.ui.charts.lens == crate::tui::lens::LensKind::Time {
        chart::render_chart(frame, chart, app);
    } else {
        lens_view::render_lens(frame, chart, app);
    }
    posts::render_posts(frame, table, app);
}
