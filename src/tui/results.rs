//! Every figure the steps show, computed when the query changes (data, window, plan,
//! granularity), never while drawing. A segment's own post table is kept between refreshes,
//! so changing the window on a tag segment costs no pass over the posts.

use std::sync::Arc;

use super::app::App;
use crate::measure::prepare::PostTable;
use crate::measure::scorecard::{KpiCard, Scorecard, kpi_cards};
use crate::measure::value::{MetricResult, Point};
use crate::measure::{CATALOGUE, Ctx, Figure, Granularity, Metric, Segment, Who, Window, metric};

/// Lines of a chart: a name (an account) and its series.
pub type Lines = Vec<(String, Vec<Point>)>;

#[derive(Debug, Default)]
pub struct Results {
    pub window: Option<Window>,
    /// Posts in the window and segment.
    pub posts: usize,
    /// Every catalogue metric over the window (index: `CATALOGUE`).
    pub catalogue: Vec<Figure>,
    /// The plan's KPIs: value, target, status, series at the charts' granularity.
    pub cards: Vec<KpiCard>,
    pub verdict: String,
    /// Segment entries that match nothing in the data.
    pub unknown: Vec<String>,
    /// The selected KPI per account, when the chart shows one series per account.
    pub per_account: Vec<(String, Vec<Point>)>,
    /// The selected KPI over the previous period, for the chart's faint overlay.
    pub previous_series: Vec<Point>,
    /// Before a plan has KPIs: interactions and an engagement rate the data supports, each
    /// per account, for the Charts step's overview.
    pub overview: Vec<(&'static Metric, Lines)>,
    /// The metric selected in 3 Metrics, with its daily series.
    pub detail: Option<MetricResult>,
    segment_table: Option<(Segment, Option<Arc<PostTable>>)>,
}

/// The segment in force: the plan's, or all data.
pub fn segment(app: &App) -> Segment {
    app.model
        .plan
        .as_ref()
        .map(|p| p.plan.segment.clone())
        .unwrap_or_default()
}

pub fn refresh(app: &mut App) {
    let (Some(prepared), Some(window)) =
        (app.model.data.prepared.clone(), app.model.window.current())
    else {
        app.model.results = Results::default();
        return;
    };
    let segment = segment(app);
    let cached = app
        .model
        .results
        .segment_table
        .take()
        .filter(|(s, _)| *s == segment)
        .and_then(|(_, t)| t);
    let mut ctx = Ctx::with_table(&prepared, &segment, cached);
    let granularity = app.ui.charts.granularity;

    let catalogue: Vec<Figure> = CATALOGUE
        .iter()
        .map(|m| ctx.figure(m, window, Who::All))
        .collect();
    let posts = ctx.post_agg(window, Who::All).posts as usize;
    let cards: Vec<KpiCard> = app
        .model
        .plan
        .as_ref()
        .map(|p| kpi_cards(&mut ctx, &p.plan, window, granularity))
        .unwrap_or_default();
    let verdict = if cards.is_empty() {
        String::new()
    } else {
        Scorecard {
            window,
            kpis: cards.clone(),
            unknown: Vec::new(),
        }
        .verdict()
    };
    let previous_series = cards
        .get(app.ui.charts.selected)
        .map(|c| ctx.series(c.metric(), window.previous(), granularity, Who::All))
        .unwrap_or_default();
    let by_account = |ctx: &mut Ctx, m: &Metric| -> Vec<(String, Vec<Point>)> {
        let accounts: Vec<usize> = ctx.accounts(Who::All).collect();
        accounts
            .into_iter()
            .map(|a| {
                let points = ctx.series(m, window, granularity, Who::Account(a));
                (prepared.account_ids[a].clone(), points)
            })
            .collect()
    };
    let mut per_account = Vec::new();
    if app.ui.charts.per_account
        && let Some(card) = cards.get(app.ui.charts.selected)
    {
        per_account = by_account(&mut ctx, card.metric());
    }
    // Before a plan: interactions and an engagement rate the data supports, per account.
    let overview = if cards.is_empty() {
        let supported = |id: &str| {
            CATALOGUE
                .iter()
                .position(|m| m.id == id)
                .and_then(|i| catalogue.get(i))
                .is_some_and(|f: &Figure| f.value.is_some())
        };
        ["interactions"]
            .into_iter()
            .chain(
                ["er_reach", "er_impressions", "er_views", "er_followers"]
                    .into_iter()
                    .find(|id| supported(id)),
            )
            .filter(|id| supported(id))
            .filter_map(metric)
            .map(|m| (m, by_account(&mut ctx, m)))
            .collect()
    } else {
        Vec::new()
    };
    let detail = CATALOGUE
        .get(app.ui.metrics.selected_metric())
        .map(|m| ctx.result(m, window, Granularity::Day));
    app.model.results = Results {
        window: Some(window),
        posts,
        catalogue,
        cards,
        verdict,
        unknown: ctx.sel.unknown.clone(),
        per_account,
        previous_series,
        overview,
        detail,
        segment_table: Some((segment, ctx.segment_table())),
    };
}

/// Recomputes only the detail series of the metric selected in 3 Metrics (cursor moves).
pub fn refresh_detail(app: &mut App) {
    let (Some(prepared), Some(window)) =
        (app.model.data.prepared.clone(), app.model.results.window)
    else {
        return;
    };
    let segment = segment(app);
    let cached = app
        .model
        .results
        .segment_table
        .as_ref()
        .filter(|(s, _)| *s == segment)
        .and_then(|(_, t)| t.clone());
    let mut ctx = Ctx::with_table(&prepared, &segment, cached);
    app.model.results.detail = CATALOGUE
        .get(app.ui.metrics.selected_metric())
        .map(|m| ctx.result(m, window, Granularity::Day));
}
