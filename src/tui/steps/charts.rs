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

use std::cmp::Ordering;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Axis, Cell, Chart, Clear, Dataset, GraphType, LegendPosition, Paragraph, Row, Sparkline, Table,
    TableState, Wrap,
};

use super::move_cursor;
use crate::calendar::{Day, format_date};
use crate::measure::scorecard::KpiCard;
use crate::measure::value::Point;
use crate::measure::{Granularity, format};
use crate::snapshot::model::PostCount;
use crate::tui::action::Action;
use crate::tui::app::{App, Overlay, PromptKind};
use crate::tui::sanitize;
use crate::tui::view::{centred, pane_block, scroll_to, status_style};
use crate::tui::widgets::axis::{date_labels, downsample, nice_ticks};

/// Columns of the posts table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Column {
    Date,
    Account,
    Format,
    Likes,
    Comments,
    Shares,
    Reach,
    Interactions,
    ErReach,
    Text,
}

impl Column {
    pub const ALL: [Column; 10] = [
        Column::Date,
        Column::Account,
        Column::Format,
        Column::Likes,
        Column::Comments,
        Column::Shares,
        Column::Reach,
        Column::Interactions,
        Column::ErReach,
        Column::Text,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Column::Date => "published",
            Column::Account => "account",
            Column::Format => "format",
            Column::Likes => "likes",
            Column::Comments => "comm.",
            Column::Shares => "shares",
            Column::Reach => "reach",
            Column::Interactions => "inter.",
            Column::ErReach => "ER reach",
            Column::Text => "text",
        }
    }
}

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

pub fn update(app: &mut App, action: Action) {
    match action {
        Action::Granularity => {
            app.charts.granularity = match app.charts.granularity {
                Granularity::Day => Granularity::Week,
                Granularity::Week => Granularity::Month,
                Granularity::Month => Granularity::Day,
            };
            app.charts.zoom = None;
            app.refresh();
            app.info(format!("series by {}", app.charts.granularity.name()));
        }
        Action::PerAccount => {
            app.charts.per_account = !app.charts.per_account;
            app.refresh();
        }
        Action::Legend => app.charts.legend = !app.charts.legend,
        Action::ZoomIn | Action::ZoomOut | Action::ZoomReset => zoom(app, action),
        Action::Filter => {
            let text = app.charts.filter.clone();
            app.prompt(
                PromptKind::Filter,
                "Filter posts",
                "text, id or account; Esc clears",
                &text,
            );
        }
        Action::SortNext | Action::SortReverse => {
            if action == Action::SortNext {
                let i = Column::ALL
                    .iter()
                    .position(|c| *c == app.charts.sort)
                    .unwrap_or(0);
                app.charts.sort = Column::ALL[(i + 1) % Column::ALL.len()];
                app.charts.descending = !matches!(
                    app.charts.sort,
                    Column::Account | Column::Format | Column::Text
                );
            } else {
                app.charts.descending = !app.charts.descending;
            }
            sort_rows(app);
            let dir = if app.charts.descending {
                "descending"
            } else {
                "ascending"
            };
            app.info(format!(
                "posts sorted by {} ({dir})",
                app.charts.sort.title()
            ));
        }
        Action::Left | Action::Right if app.focus() == 0 => {
            let n = app.results.cards.len();
            if n > 0 {
                app.charts.selected = if action == Action::Right {
                    (app.charts.selected + 1) % n
                } else {
                    (app.charts.selected + n - 1) % n
                };
                app.charts.zoom = None;
                app.refresh();
            }
        }
        Action::Left | Action::Right if app.focus() == 1 => pan(app, action == Action::Right),
        Action::Select if app.focus() == 2 => {
            if let Some(&row) = app.charts.rows.get(app.charts.cursor) {
                app.overlay = Some(Overlay::PostDetail {
                    row: row as usize,
                    scroll: 0,
                });
            }
        }
        Action::Up | Action::Down if app.focus() < 2 => {
            let n = app.results.cards.len();
            if n > 0 {
                app.charts.selected = if action == Action::Down {
                    (app.charts.selected + 1) % n
                } else {
                    (app.charts.selected + n - 1) % n
                };
                app.charts.zoom = None;
                app.refresh();
            }
        }
        other if app.focus() == 2 => {
            let len = app.charts.rows.len();
            move_cursor(&mut app.charts.cursor, len, other, 10);
        }
        _ => {}
    }
}

fn series_len(app: &App) -> usize {
    app.results
        .cards
        .get(app.charts.selected)
        .map_or(0, |c| c.result.series.len())
}

fn zoom(app: &mut App, action: Action) {
    let n = series_len(app);
    if n < 2 {
        return;
    }
    let (start, len) = app.charts.zoom.unwrap_or((0, n));
    app.charts.zoom = match action {
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
    let Some((start, len)) = app.charts.zoom else {
        app.info("zoom in (+) first, then pan with ←/→");
        return;
    };
    let step = (len / 4).max(1);
    let s = if right {
        (start + step).min(n - len)
    } else {
        start.saturating_sub(step)
    };
    app.charts.zoom = Some((s, len));
}

/// Rebuilds the posts table for the window, segment and filter.
pub fn refresh_posts(app: &mut App) {
    let (Some(prepared), Some(window)) = (app.data.prepared.clone(), app.results.window) else {
        app.charts.rows.clear();
        return;
    };
    let store = &prepared.store;
    let posts = &store.posts;
    let sel = prepared.select(&crate::tui::results::segment(app));
    let needle = app.charts.filter.to_lowercase();
    let accounts: Vec<String> = store
        .accounts
        .iter()
        .map(|a| format!("{} {}", a.id, a.handle.as_deref().unwrap_or("")).to_lowercase())
        .collect();
    app.charts.rows = (0..posts.len())
        .filter(|&r| {
            let a = posts.account[r] as usize;
            window.contains(posts.day[r])
                && sel.accounts.get(a).copied().unwrap_or(false)
                && sel.formats[posts.format[r] as usize]
                && sel.tagsets[prepared.post_tagset[r] as usize]
                && (needle.is_empty()
                    || posts.text.get(r).to_lowercase().contains(&needle)
                    || posts.id.get(r).to_lowercase().contains(&needle)
                    || accounts.get(a).is_some_and(|s| s.contains(&needle)))
        })
        .map(|r| r as u32)
        .collect();
    sort_rows(app);
}

/// Sets the posts filter (live while typing).
pub fn set_filter(app: &mut App, text: &str) {
    app.charts.filter = text.to_owned();
    app.charts.cursor = 0;
    refresh_posts(app);
}

fn interactions(posts: &crate::snapshot::store::Posts, r: usize) -> Option<u64> {
    let parts = [
        PostCount::Likes,
        PostCount::Comments,
        PostCount::Shares,
        PostCount::Saves,
    ]
    .map(|c| posts.count(c, r));
    parts
        .iter()
        .any(Option::is_some)
        .then(|| parts.iter().flatten().sum())
}

fn er_reach(posts: &crate::snapshot::store::Posts, r: usize) -> Option<f64> {
    let reach = posts.count(PostCount::Reach, r).filter(|v| *v > 0)?;
    Some(interactions(posts, r)? as f64 / reach as f64)
}

fn sort_rows(app: &mut App) {
    let Some(prepared) = app.data.prepared.clone() else {
        return;
    };
    let store = &prepared.store;
    let posts = &store.posts;
    let col = app.charts.sort;
    let count = |c: PostCount, r: u32| posts.count(c, r as usize);
    // Missing values sort last whichever the direction: "not known" is not a small number.
    fn by<T: PartialOrd>(a: Option<T>, b: Option<T>, desc: bool) -> Ordering {
        match (a, b) {
            (Some(x), Some(y)) => {
                let o = x.partial_cmp(&y).unwrap_or(Ordering::Equal);
                if desc { o.reverse() } else { o }
            }
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        }
    }
    let desc = app.charts.descending;
    let rows = &mut app.charts.rows;
    match col {
        Column::Date => rows.sort_by(|&a, &b| {
            by(
                Some(posts.published[a as usize]),
                Some(posts.published[b as usize]),
                desc,
            )
        }),
        Column::Account => rows.sort_by(|&a, &b| {
            let name = |r: u32| {
                store
                    .accounts
                    .get(posts.account[r as usize] as usize)
                    .map(|x| x.id.as_str())
            };
            by(name(a), name(b), desc)
        }),
        Column::Format => rows.sort_by(|&a, &b| {
            by(
                Some(posts.format[a as usize].name()),
                Some(posts.format[b as usize].name()),
                desc,
            )
        }),
        Column::Likes => {
            rows.sort_by(|&a, &b| by(count(PostCount::Likes, a), count(PostCount::Likes, b), desc))
        }
        Column::Comments => rows.sort_by(|&a, &b| {
            by(
                count(PostCount::Comments, a),
                count(PostCount::Comments, b),
                desc,
            )
        }),
        Column::Shares => rows.sort_by(|&a, &b| {
            by(
                count(PostCount::Shares, a),
                count(PostCount::Shares, b),
                desc,
            )
        }),
        Column::Reach => {
            rows.sort_by(|&a, &b| by(count(PostCount::Reach, a), count(PostCount::Reach, b), desc))
        }
        Column::Interactions => rows.sort_by(|&a, &b| {
            by(
                interactions(posts, a as usize),
                interactions(posts, b as usize),
                desc,
            )
        }),
        Column::ErReach => rows.sort_by(|&a, &b| {
            by(
                er_reach(posts, a as usize),
                er_reach(posts, b as usize),
                desc,
            )
        }),
        Column::Text => rows.sort_by(|&a, &b| {
            by(
                Some(posts.text.get(a as usize)),
                Some(posts.text.get(b as usize)),
                desc,
            )
        }),
    }
    app.charts.cursor = app
        .charts
        .cursor
        .min(app.charts.rows.len().saturating_sub(1));
}

pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    if app.results.cards.is_empty() {
        let text = if app.plan.is_none() {
            "No plan yet. In 2 Objective pick a template (Enter), or add KPIs in 3 Metrics (Space)."
        } else {
            "The plan has no KPIs. Add them in 3 Metrics (Space)."
        };
        let [msg, table] =
            Layout::vertical([Constraint::Length(3), Constraint::Min(3)]).areas(area);
        frame.render_widget(
            Paragraph::new(text).style(app.theme.text).block(pane_block(
                app,
                "KPIs",
                app.focus() == 0,
            )),
            msg,
        );
        render_posts(frame, table, app);
        return;
    }
    let card_height = if area.height >= 30 { 7 } else { 5 };
    let [cards, chart, table] = Layout::vertical([
        Constraint::Length(card_height),
        Constraint::Percentage(55),
        Constraint::Min(5),
    ])
    .areas(area);
    render_cards(frame, cards, app);
    render_chart(frame, chart, app);
    render_posts(frame, table, app);
}

fn render_cards(frame: &mut Frame, area: Rect, app: &App) {
    let theme = &app.theme;
    let cards = &app.results.cards;
    let per_row = ((area.width / 24).max(1) as usize).min(cards.len().max(1));
    // Scroll the row so the selected card is shown.
    let first = (app.charts.selected + 1).saturating_sub(per_row);
    let slots = Layout::horizontal(vec![Constraint::Ratio(1, per_row as u32); per_row]).split(area);
    for (slot, (i, card)) in slots.iter().zip(cards.iter().enumerate().skip(first)) {
        render_card(frame, *slot, app, card, i == app.charts.selected);
    }
    if cards.len() > per_row {
        let more = format!(" {} of {} (←/→) ", app.charts.selected + 1, cards.len());
        let w = more.len() as u16;
        if area.width > w + 2 {
            let r = Rect {
                x: area.x + area.width - w - 1,
                y: area.y + area.height - 1,
                width: w,
                height: 1,
            };
            frame.render_widget(Paragraph::new(more).style(theme.dim), r);
        }
    }
}

fn render_card(frame: &mut Frame, area: Rect, app: &App, card: &KpiCard, selected: bool) {
    let theme = &app.theme;
    let m = card.metric();
    let block = pane_block(app, m.name, selected);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let r = &card.result;
    let small = if r.current.small_sample { "*" } else { "" };
    let value = format!("{}{small} ", format::figure(m, &r.current));
    let status_style = status_style(app, card.status);
    let change = format!("Δ {}", format::change_short(m, &r.change));
    // Five things on every card: value, status (symbol and colour), target, change, sparkline.
    let lines = if inner.height >= 4 {
        vec![
            Line::from(vec![
                Span::styled(value, theme.title),
                Span::styled(
                    format!("{} {}", card.status.symbol(), card.status.name()),
                    status_style,
                ),
            ]),
            Line::styled(format!("target {}", format::goal(m, card.goal)), theme.dim),
            Line::styled(change, theme.text),
        ]
    } else {
        vec![
            Line::from(vec![
                Span::styled(value, theme.title),
                Span::styled(format!("{} ", card.status.symbol()), status_style),
                Span::styled(format::goal(m, card.goal), theme.dim),
            ]),
            Line::styled(change, theme.text),
        ]
    };
    let text_height = (lines.len() as u16).min(inner.height);
    frame.render_widget(
        Paragraph::new(lines),
        Rect {
            height: text_height,
            ..inner
        },
    );
    if inner.height > text_height {
        let values: Vec<Option<f64>> = r.series.iter().map(|p| p.figure.value).collect();
        let spark = Rect {
            y: inner.y + text_height,
            height: inner.height - text_height,
            ..inner
        };
        frame.render_widget(
            Sparkline::default()
                .data(super::metrics::scale(&values))
                .style(theme.accent)
                .absent_value_symbol("·")
                .absent_value_style(theme.dim),
            spark,
        );
    }
}

/// A line to draw: legend name (empty for continuation runs), style, points, faint.
type Line4 = (String, Style, Vec<(f64, f64)>, bool);

/// Runs of consecutive points that have a value, as (x, y): a missing bucket breaks the line.
fn runs(points: &[Point], shift: i32) -> Vec<Vec<(f64, f64)>> {
    let mut out: Vec<Vec<(f64, f64)>> = Vec::new();
    let mut current: Vec<(f64, f64)> = Vec::new();
    for p in points {
        match p.figure.value {
            Some(v) => current.push((f64::from(p.from + shift), v)),
            None => {
                if !current.is_empty() {
                    out.push(std::mem::take(&mut current));
                }
            }
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

fn render_chart(frame: &mut Frame, area: Rect, app: &App) {
    let theme = &app.theme;
    let focused = app.focus() == 1;
    let Some(card) = app.results.cards.get(app.charts.selected) else {
        return;
    };
    let m = card.metric();
    let series = &card.result.series;
    let (start, len) = app.charts.zoom.unwrap_or((0, series.len()));
    let shown = &series[start.min(series.len())..(start + len).min(series.len())];
    let Some((first, last)) = shown.first().zip(shown.last()) else {
        frame.render_widget(
            Paragraph::new("no buckets in the window").block(pane_block(app, m.name, focused)),
            area,
        );
        return;
    };
    let (x_lo, x_hi) = (first.from, last.from);
    let window_len = app.results.window.map_or(0, |w| w.days() as i32);
    // The previous period, shifted onto the current one (bucket i over bucket i).
    let prev_shift = window_len;
    let columns = area.width.saturating_sub(12) as usize;
    let mut all_values: Vec<f64> = shown.iter().filter_map(|p| p.figure.value).collect();
    let mut datasets_data: Vec<Line4> = Vec::new();
    if app.charts.per_account && !app.results.per_account.is_empty() {
        for (i, (account, points)) in app.results.per_account.iter().enumerate() {
            let slice = &points[start.min(points.len())..(start + len).min(points.len())];
            all_values.extend(slice.iter().filter_map(|p| p.figure.value));
            for (k, run) in runs(slice, 0).into_iter().enumerate() {
                let name = if k == 0 {
                    sanitize::line(account)
                } else {
                    String::new()
                };
                datasets_data.push((
                    name,
                    Style::new().fg(theme.series_color(i)),
                    downsample(&run, columns),
                    false,
                ));
            }
        }
    } else {
        for (k, run) in runs(shown, 0).into_iter().enumerate() {
            let name = if k == 0 {
                "this period".to_owned()
            } else {
                String::new()
            };
            datasets_data.push((
                name,
                Style::new().fg(theme.series_color(0)),
                downsample(&run, columns),
                false,
            ));
        }
        let prev: Vec<Point> = app
            .results
            .previous_series
            .get(
                start.min(app.results.previous_series.len())
                    ..(start + len).min(app.results.previous_series.len()),
            )
            .map(<[Point]>::to_vec)
            .unwrap_or_default();
        for (k, run) in runs(&prev, prev_shift).into_iter().enumerate() {
            all_values.extend(run.iter().map(|p| p.1));
            let name = if k == 0 {
                "previous period".to_owned()
            } else {
                String::new()
            };
            datasets_data.push((name, theme.previous, downsample(&run, columns), true));
        }
    }
    if let Some((_, goal)) = card.goal {
        all_values.push(goal);
        datasets_data.push((
            "target".to_owned(),
            theme.target,
            vec![
                (f64::from(x_lo), goal),
                (f64::from(x_hi.max(x_lo + 1)), goal),
            ],
            false,
        ));
    }
    let lo = all_values.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = all_values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let lo = if lo.is_finite() && lo >= 0.0 {
        0.0f64.min(lo)
    } else {
        lo
    };
    let (ticks, y_lo, y_hi) = nice_ticks(
        lo,
        hi,
        ((area.height as usize).saturating_sub(4) / 3).clamp(2, 6),
    );
    // The ticks span the bounds evenly, so ratatui's even label spacing puts each on its value.
    let step = if ticks.len() > 1 {
        ticks[1] - ticks[0]
    } else {
        1.0
    };
    let y_labels: Vec<Line> = ticks
        .iter()
        .map(|t| Line::from(format::tick(m, *t, step)))
        .collect();
    let x_labels: Vec<Line> = date_labels(x_lo, x_hi.max(x_lo), area.width.saturating_sub(10))
        .into_iter()
        .map(Line::from)
        .collect();
    let datasets: Vec<Dataset> = datasets_data
        .iter()
        .map(|(name, style, data, faint)| {
            let mut d = Dataset::default()
                // Without colour the previous period needs its own shape to stay apart.
                .marker(if *faint && !theme.colour {
                    Marker::Dot
                } else {
                    Marker::Braille
                })
                .graph_type(if data.len() == 1 {
                    GraphType::Scatter
                } else {
                    GraphType::Line
                })
                .style(*style)
                .data(data);
            if !name.is_empty() {
                d = d.name(name.clone());
            }
            d
        })
        .collect();
    let zoom = if app.charts.zoom.is_some() {
        " · zoomed (0 resets)"
    } else {
        ""
    };
    let title = format!(
        "{} by {} · {} · target {}{zoom}",
        m.name,
        app.charts.granularity.name(),
        m.formula,
        format::goal(m, card.goal)
    );
    let chart = Chart::new(datasets)
        .block(pane_block(app, &title, focused))
        .x_axis(
            Axis::default()
                .bounds([f64::from(x_lo), f64::from(x_hi.max(x_lo + 1))])
                .labels(x_labels)
                .style(theme.dim),
        )
        .y_axis(
            Axis::default()
                .bounds([y_lo, y_hi])
                .labels(y_labels)
                .style(theme.dim),
        )
        .legend_position(if app.charts.legend {
            Some(LegendPosition::TopLeft)
        } else {
            None
        })
        .hidden_legend_constraints((Constraint::Percentage(50), Constraint::Percentage(50)));
    frame.render_widget(chart, area);
}

fn cell_count(v: Option<u64>) -> String {
    v.map_or_else(|| "–".to_owned(), crate::text::thousands)
}

fn render_posts(frame: &mut Frame, area: Rect, app: &App) {
    let theme = &app.theme;
    let focused = app.focus() == 2;
    let Some(prepared) = &app.data.prepared else {
        frame.render_widget(
            Paragraph::new("no data").block(pane_block(app, "Posts", focused)),
            area,
        );
        return;
    };
    let store = &prepared.store;
    let posts = &store.posts;
    let arrow = if app.charts.descending { "▼" } else { "▲" };
    let header: Vec<String> = Column::ALL
        .iter()
        .map(|c| {
            if *c == app.charts.sort {
                format!("{}{arrow}", c.title())
            } else {
                c.title().to_owned()
            }
        })
        .collect();
    let height = area.height.saturating_sub(3) as usize;
    let offset = scroll_to(app.charts.cursor, height);
    // Narrow screens drop the year (the window's dates are in the top bar).
    let narrow = area.width < 110;
    let date_format = if narrow {
        "%m-%d %H:%M"
    } else {
        "%Y-%m-%d %H:%M"
    };
    let rows: Vec<Row> = app
        .charts
        .rows
        .iter()
        .skip(offset)
        .take(height)
        .map(|&r| {
            let r = r as usize;
            let account = store
                .accounts
                .get(posts.account[r] as usize)
                .map_or("?", |a| a.id.as_str());
            let published = posts
                .published_at(r)
                .to_chrono()
                .map_or_else(String::new, |t| t.format(date_format).to_string());
            Row::new(vec![
                Cell::from(published),
                Cell::from(sanitize::line(account)),
                Cell::from(posts.format[r].name()),
                Cell::from(cell_count(posts.count(PostCount::Likes, r))),
                Cell::from(cell_count(posts.count(PostCount::Comments, r))),
                Cell::from(cell_count(posts.count(PostCount::Shares, r))),
                Cell::from(cell_count(posts.count(PostCount::Reach, r))),
                Cell::from(cell_count(interactions(posts, r))),
                Cell::from(er_reach(posts, r).map_or_else(|| "–".to_owned(), format::percent)),
                Cell::from(sanitize::line(posts.text.get(r))),
            ])
        })
        .collect();
    let filter = if app.charts.filter.is_empty() {
        String::new()
    } else {
        format!(" · filter \"{}\"", sanitize::line(&app.charts.filter))
    };
    let title = format!(
        "Posts in the window: {}{filter} · s sort · / filter · Enter details",
        crate::text::thousands(app.charts.rows.len() as u64)
    );
    let widths = [
        Constraint::Length(if narrow { 11 } else { 16 }),
        Constraint::Length(7),
        Constraint::Length(8),
        Constraint::Length(8),
        Constraint::Length(6),
        Constraint::Length(7),
        Constraint::Length(9),
        Constraint::Length(8),
        Constraint::Length(8),
        Constraint::Fill(1),
    ];
    let table = Table::new(rows, widths)
        .header(Row::new(header).style(theme.dim))
        .block(pane_block(app, &title, focused))
        .row_highlight_style(if focused {
            theme.selected
        } else {
            theme.selected_unfocused
        });
    let mut state =
        TableState::default().with_selected(Some(app.charts.cursor.saturating_sub(offset)));
    frame.render_stateful_widget(table, area, &mut state);
}

/// A post's every count, its link, text and source file.
pub fn render_post_detail(frame: &mut Frame, area: Rect, app: &App, row: usize, scroll: usize) {
    let theme = &app.theme;
    let Some(prepared) = &app.data.prepared else {
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
            Span::styled("post      ", theme.dim),
            Span::styled(sanitize::line(posts.id.get(row)), theme.title),
        ]),
        Line::from(vec![
            Span::styled("account   ", theme.dim),
            Span::styled(
                account.map_or_else(
                    || "?".to_owned(),
                    |a| {
                        format!(
                            "{} ({}, {})",
                            sanitize::line(&a.id),
                            a.platform,
                            sanitize::line(a.label())
                        )
                    },
                ),
                theme.text,
            ),
        ]),
        Line::from(vec![
            Span::styled("published ", theme.dim),
            Span::styled(posts.published_at(row).to_string(), theme.text),
        ]),
        Line::from(vec![
            Span::styled("day       ", theme.dim),
            Span::styled(format_date(posts.day[row] as Day), theme.text),
        ]),
        Line::from(vec![
            Span::styled("format    ", theme.dim),
            Span::styled(posts.format[row].name(), theme.text),
        ]),
    ];
    let tags: Vec<String> = posts
        .tags(row)
        .iter()
        .map(|t| sanitize::line(store.tags.name(*t)))
        .collect();
    if !tags.is_empty() {
        lines.push(Line::from(vec![
            Span::styled("tags      ", theme.dim),
            Span::styled(tags.join(", "), theme.text),
        ]));
    }
    let url = posts.url.get(row);
    lines.push(Line::from(vec![
        Span::styled("link      ", theme.dim),
        Span::styled(
            if url.is_empty() {
                "(none)".to_owned()
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
        Span::styled("source    ", theme.dim),
        Span::styled(sanitize::line(source), theme.text),
    ]));
    lines.push(Line::styled(
        "counts (– = not known, never zero)",
        theme.title,
    ));
    for c in PostCount::ALL {
        lines.push(Line::from(vec![
            Span::styled(format!("  {:<12}", c.name()), theme.dim),
            Span::styled(cell_count(posts.count(*c, row)), theme.text),
        ]));
    }
    lines.push(Line::from(vec![
        Span::styled("  interactions", theme.dim),
        Span::styled(
            format!(" {}", cell_count(interactions(posts, row))),
            theme.text,
        ),
    ]));
    lines.push(Line::styled("text", theme.title));
    for l in sanitize::lines(posts.text.get(row)) {
        lines.push(Line::styled(l, theme.text));
    }
    let shown: Vec<Line> = lines.into_iter().skip(scroll).collect();
    frame.render_widget(
        Paragraph::new(shown)
            .wrap(Wrap { trim: false })
            .block(pane_block(app, "Post (Esc closes)", true)),
        rect,
    );
}
