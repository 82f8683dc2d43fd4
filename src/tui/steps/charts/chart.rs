//! A metric over time: one line (or one per account, told apart by marker as well as
//! colour), gaps where a bucket has no value (never drawn as zero, never bridged), the target
//! as a line, the previous period as a faint overlay drawn under the current line, nice
//! ticks (from zero, or fitted to the data), date labels that fit (months for monthly
//! series), a cursor that reads one bucket's value, date and counts, zoom and pan, and
//! downsampling to the columns available. The legend has its own row, so no series can
//! draw over it. A metric the data cannot support says why instead of drawing an empty
//! frame.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Chart, Dataset, GraphType, Paragraph, Wrap};

use crate::axis::{date_labels, downsample, nice_ticks};
use crate::calendar::format_date;
use crate::measure::value::Point;
use crate::measure::{Granularity, Metric, format};
use crate::tui::app::App;
use crate::tui::sanitize;
use crate::tui::view::pane_block;

/// What a chart shows.
pub(super) struct Spec<'a> {
    pub title: String,
    pub metric: &'static Metric,
    /// The lines: a name and the series (same buckets for every line).
    pub lines: Vec<(String, &'a [Point])>,
    /// The previous period, bucket for bucket, drawn faint under the lines.
    pub previous: Option<&'a [Point]>,
    pub goal: Option<f64>,
    /// Why the metric has no value, if it has none anywhere.
    pub reason: Option<crate::i18n::Msg>,
}

/// A run of points to draw, with its style and marker.
type Run = (Style, Marker, Vec<(f64, f64)>);

/// Markers for lines beyond the first: each line keeps its shape without colour.
const MARKERS: [(Marker, &str); 5] = [
    (Marker::Braille, "⣿"),
    (Marker::Dot, "•"),
    (Marker::Block, "█"),
    (Marker::HalfBlock, "▀"),
    (Marker::Bar, "▄"),
];

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

/// The buckets shown of a series of `n`: the zoomed part, or all.
pub(super) fn shown_range(zoom: Option<(usize, usize)>, n: usize) -> std::ops::Range<usize> {
    let (start, len) = zoom.unwrap_or((0, n));
    start.min(n)..(start + len).min(n)
}

/// The selected KPI's chart.
pub(super) fn render_chart(frame: &mut Frame, area: Rect, app: &App) {
    let Some(card) = app.model.results.cards.get(app.ui.charts.selected) else {
        return;
    };
    let m = card.metric();
    let view = &app.ui.charts;
    let lines: Vec<(String, &[Point])> =
        if view.per_account && !app.model.results.per_account.is_empty() {
            app.model
                .results
                .per_account
                .iter()
                .map(|(a, p)| (sanitize::line(a), p.as_slice()))
                .collect()
        } else {
            vec![(
                crate::i18n::tr("svg.this_period").to_owned(),
                card.result.series.as_slice(),
            )]
        };
    let spec = Spec {
        title: crate::i18n::trf(
            "charts.chart_title",
            &[
                ("metric", &m.text().name),
                ("by", &view.granularity.name()),
                ("formula", &m.text().formula),
                ("goal", &format::goal(m, card.goal)),
            ],
        ),
        metric: m,
        lines,
        previous: (!view.per_account).then_some(app.model.results.previous_series.as_slice()),
        goal: card.goal.map(|(_, g)| g),
        reason: card.result.current.reason.clone(),
    };
    let focused = app.focus() == 1;
    render_series(frame, area, app, &spec, focused, focused);
}

/// Draws `spec` in `area`; `focused` marks the pane, `cursor` shows the cursor's bucket.
pub(super) fn render_series(
    frame: &mut Frame,
    area: Rect,
    app: &App,
    spec: &Spec,
    focused: bool,
    cursor_shown: bool,
) {
    let theme = &app.ui.theme;
    let view = &app.ui.charts;
    let m = spec.metric;
    let n = spec.lines.first().map_or(0, |(_, p)| p.len());
    let range = shown_range(view.zoom, n);
    let zoom = if view.zoom.is_some() {
        " · zoomed (0 resets)"
    } else {
        ""
    };
    let block = pane_block(app, &format!("{}{zoom}", spec.title), focused);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let any_value = spec
        .lines
        .iter()
        .any(|(_, p)| p[range.clone()].iter().any(|x| x.figure.value.is_some()));
    if !any_value {
        let why = spec
            .reason
            .clone()
            .or_else(|| {
                spec.lines
                    .first()
                    .and_then(|(_, p)| p.iter().find_map(|x| x.figure.reason.clone()))
            })
            .unwrap_or_else(|| crate::i18n::Msg::new("charts.no_bucket_value"));
        frame.render_widget(
            Paragraph::new(crate::i18n::trf(
                "charts.no_value_to_draw",
                &[
                    ("metric", &m.text().name),
                    ("why", &sanitize::line(&why.to_string())),
                ],
            ))
            .style(theme.warn)
            .wrap(Wrap { trim: true }),
            inner,
        );
        return;
    }
    let first = &spec.lines[0].1[range.clone()];
    let (Some(first_point), Some(last_point)) = (first.first(), first.last()) else {
        return;
    };
    let (x_lo, x_hi) = (first_point.from, last_point.from);
    let window_len = app.model.results.window.map_or(0, |w| w.days() as i32);
    let columns = inner.width.saturating_sub(10) as usize;
    let mut all_values: Vec<f64> = Vec::new();
    // Drawn in this order: cursor, previous period, target, then the lines on top.
    let mut datasets: Vec<Run> = Vec::new();
    let mut legend: Vec<Span> = Vec::new();
    let mut previous_runs: Vec<Run> = Vec::new();
    if let Some(prev) = spec.previous {
        let slice = &prev[range.start.min(prev.len())..range.end.min(prev.len())];
        let marker = if theme.colour {
            Marker::Braille
        } else {
            Marker::Dot
        };
        for run in runs(slice, window_len) {
            all_values.extend(run.iter().map(|p| p.1));
            previous_runs.push((theme.previous, marker, downsample(&run, columns)));
        }
        if !previous_runs.is_empty() {
            legend.push(Span::styled(
                if theme.colour { "⣿ " } else { "• " },
                theme.previous,
            ));
            legend.push(Span::styled(
                format!("{}  ", crate::i18n::tr("svg.previous_period")),
                theme.dim,
            ));
        }
    }
    let mut line_runs: Vec<Run> = Vec::new();
    let several = spec.lines.len() > 1;
    for (i, (name, points)) in spec.lines.iter().enumerate() {
        let slice = &points[range.start.min(points.len())..range.end.min(points.len())];
        // Colours tell the lines apart; without colour, their markers do.
        let (marker, symbol) = if several && !theme.colour {
            MARKERS[i % MARKERS.len()]
        } else {
            MARKERS[0]
        };
        let style = Style::new().fg(theme.series_color(i));
        for run in runs(slice, 0) {
            all_values.extend(run.iter().map(|p| p.1));
            line_runs.push((style, marker, downsample(&run, columns)));
        }
        legend.push(Span::styled(format!("{symbol} "), style));
        legend.push(Span::styled(format!("{name}  "), theme.text));
    }
    if let Some(goal) = spec.goal {
        all_values.push(goal);
        legend.push(Span::styled("─ ", theme.target));
        legend.push(Span::styled(
            crate::i18n::tr("charts.legend_target"),
            theme.dim,
        ));
    }
    let lo = all_values.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = all_values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    // From zero unless fitted: a +5,000 jump on 3.4M followers needs the fitted range.
    let lo = if !view.fit_y && lo.is_finite() && lo >= 0.0 {
        0.0
    } else {
        lo
    };
    let show_legend = view.legend && inner.height > 6;
    let [plot, cursor_row, legend_row] = Layout::vertical([
        Constraint::Min(3),
        Constraint::Length(u16::from(cursor_shown)),
        Constraint::Length(u16::from(show_legend)),
    ])
    .areas(inner);
    let (ticks, y_lo, y_hi) = nice_ticks(
        lo,
        hi,
        ((plot.height as usize).saturating_sub(3) / 3).clamp(2, 6),
    );
    // The cursor: a bucket of the shown part, its value, date and counts.
    let cursor = view.chart_cursor.map_or(range.end.saturating_sub(1), |c| {
        c.clamp(range.start, range.end.saturating_sub(1))
    });
    if cursor_shown && let Some(p) = spec.lines[0].1.get(cursor) {
        let x = f64::from(p.from);
        datasets.push((theme.dim, Marker::Braille, vec![(x, y_lo), (x, y_hi)]));
        let mut parts: Vec<String> = spec
            .lines
            .iter()
            .filter_map(|(name, pts)| {
                let f = &pts.get(cursor)?.figure;
                let v = f
                    .value
                    .map_or_else(|| "n/a".to_owned(), |v| format::value(m, v));
                Some(if several { format!("{name} {v}") } else { v })
            })
            .collect();
        let f = &p.figure;
        if !several {
            parts.push(format!(
                "{} {} used, {} left out",
                f.used,
                f.rows.name(),
                f.left_out
            ));
        }
        let when = if p.from == p.to {
            format_date(p.from)
        } else {
            format!("{}..{}", format_date(p.from), format_date(p.to))
        };
        let partial = if p.partial { " (partial)" } else { "" };
        frame.render_widget(
            Paragraph::new(format!("▸ {when}{partial}: {}", parts.join(" · "))).style(theme.accent),
            cursor_row,
        );
    }
    datasets.extend(previous_runs);
    if let Some(goal) = spec.goal {
        datasets.push((
            theme.target,
            Marker::Braille,
            vec![
                (f64::from(x_lo), goal),
                (f64::from(x_hi.max(x_lo + 1)), goal),
            ],
        ));
    }
    datasets.extend(line_runs);
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
    let months = view.granularity == Granularity::Month;
    let x_labels: Vec<Line> =
        date_labels(x_lo, x_hi.max(x_lo), plot.width.saturating_sub(8), months)
            .into_iter()
            .map(Line::from)
            .collect();
    let drawn: Vec<Dataset> = datasets
        .iter()
        .map(|(style, marker, data)| {
            Dataset::default()
                .marker(*marker)
                .graph_type(if data.len() == 1 {
                    GraphType::Scatter
                } else {
                    GraphType::Line
                })
                .style(*style)
                .data(data)
        })
        .collect();
    let chart = Chart::new(drawn)
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
        .legend_position(None);
    frame.render_widget(chart, plot);
    if show_legend {
        let scale = crate::i18n::tr(if view.fit_y {
            "charts.y_fitted"
        } else {
            "charts.y_from_zero"
        });
        legend.push(Span::styled(scale, theme.dim));
        frame.render_widget(Paragraph::new(Line::from(legend)), legend_row);
    }
}
