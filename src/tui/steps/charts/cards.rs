//! The row of KPI cards: value, status (symbol and colour), target, change, sparkline.

use crate::i18n::trf;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Sparkline};

use crate::measure::format;
use crate::measure::scorecard::KpiCard;
use crate::tui::action::{Action, Context};
use crate::tui::app::App;
use crate::tui::view::{pane_block, status_style};

pub(super) fn render_cards(frame: &mut Frame, area: Rect, app: &App) {
    let theme = &app.ui.theme;
    let cards = &app.model.results.cards;
    let per_row = ((area.width / 24).max(1) as usize).min(cards.len().max(1));
    // Scroll the row so the selected card is shown.
    let first = (app.ui.charts.selected + 1).saturating_sub(per_row);
    let slots = Layout::horizontal(vec![Constraint::Ratio(1, per_row as u32); per_row]).split(area);
    for (slot, (i, card)) in slots.iter().zip(cards.iter().enumerate().skip(first)) {
        render_card(frame, *slot, app, card, i == app.ui.charts.selected);
    }
    if cards.len() > per_row {
        let more = crate::i18n::trf(
            "charts.card_of",
            &[
                ("n", &(app.ui.charts.selected + 1)),
                ("of", &cards.len()),
                ("left", &app.key_in(Context::Charts, Action::Left)),
                ("right", &app.key_in(Context::Charts, Action::Right)),
            ],
        );
        let w = crate::text::width(&more) as u16;
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
    let theme = &app.ui.theme;
    let m = card.metric();
    // One focus marker at a time: the selected card carries it only while the cards have
    // the keys; otherwise its border alone shows which card the chart follows.
    let focused = selected && app.focus() == 0;
    let mut block = pane_block(app, m.text().name, focused);
    if selected && !focused {
        block = block.border_style(theme.accent);
    }
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
            Line::styled(
                trf(
                    "charts.card_target",
                    &[("goal", &format::goal(m, card.goal))],
                ),
                theme.dim,
            ),
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
            // A fixed top, so a flat series is a half-height line, not a wall of full bars.
            Sparkline::default()
                .max(100)
                .data(crate::tui::steps::metrics::scale(&values))
                .style(theme.accent)
                .absent_value_symbol("·")
                .absent_value_style(theme.dim),
            spark,
        );
    }
}
