//! The selected KPI over time: one line (or one per account), gaps where a bucket has no
//! value (never drawn as zero), the target as a line, the previous period as a faint overlay,
//! nice ticks, date labels that fit, zoom and pan, and downsampling to the columns available.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Style;
use ratatui::symbols::Marker;
use ratatui::text::Line;
use ratatui::widgets::{Axis, Chart, Dataset, GraphType, LegendPosition, Paragraph};

use crate::measure::format;
use crate::measure::value::Point;
use crate::tui::app::App;
use crate::tui::sanitize;
use crate::tui::view::pane_block;
use crate::tui::widgets::axis::{date_labels, downsample, nice_ticks};

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

pub(super) fn render_chart(frame: &mut Frame, area: Rect, app: &App) {
    let theme = &app.ui.theme;
    let focused = app.focus() == 1;
    let Some(card) = app.model.results.cards.get(app.ui.charts.selected) else {
        return;
    };
    let m = card.metric();
    let series = &card.result.series;
    let (start, len) = app.ui.charts.zoom.unwrap_or((0, series.len()));
    let shown = &series[start.min(series.len())..(start + len).min(series.len())];
    let Some((first, last)) = shown.first().zip(shown.last()) else {
        frame.render_widget(
            Paragraph::new("no buckets in the window").block(pane_block(app, m.name, focused)),
            area,
        );
        return;
    };
    let (x_lo, x_hi) = (first.from, last.from);
    let window_len = app.model.results.window.map_or(0, |w| w.days() as i32);
    // The previous period, shifted onto the current one (bucket i over bucket i).
    let prev_shift = window_len;
    let columns = area.width.saturating_sub(12) as usize;
    let mut all_values: Vec<f64> = shown.iter().filter_map(|p| p.figure.value).collect();
    let mut datasets_data: Vec<Line4> = Vec::new();
    if app.ui.charts.per_account && !app.model.results.per_account.is_empty() {
        for (i, (account, points)) in app.model.results.per_account.iter().enumerate() {
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
            .model
            .results
            .previous_series
            .get(
                start.min(app.model.results.previous_series.len())
                    ..(start + len).min(app.model.results.previous_series.len()),
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
    let zoom = if app.ui.charts.zoom.is_some() {
        " · zoomed (0 resets)"
    } else {
        ""
    };
    let title = format!(
        "{} by {} · {} · target {}{zoom}",
        m.name,
        app.ui.charts.granularity.name(),
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
        .legend_position(if app.ui.charts.legend {
            Some(LegendPosition::TopRight)
        } else {
            None
        })
        .hidden_legend_constraints((Constraint::Percentage(50), Constraint::Percentage(50)));
    frame.render_widget(chart, area);
}
