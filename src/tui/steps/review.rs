//! Step 5, Review: the scorecard (KPI, value, target, status, change, counts, formula), a
//! one-line verdict, and export to Markdown or JSON through the same code as `engage report`.

use crate::i18n::{tr, trf};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table, TableState};

use std::path::PathBuf;

use super::move_cursor;
use crate::measure::Granularity;
use crate::measure::format;
use crate::measure::scorecard::Scorecard;
use crate::plans::slug;
use crate::report::{Report, json::to_json, markdown::to_markdown};
use crate::storage::write_atomic;
use crate::tui::action::{Action, Context};
use crate::tui::app::{App, Model, Step};
use crate::tui::effect::{Cx, Effect};
use crate::tui::sanitize;
use crate::tui::view::{pane_block, status_style};

#[derive(Debug, Default)]
pub struct View {
    pub cursor: usize,
    /// The finding selected in the Findings pane.
    pub finding: usize,
    /// The last file written.
    pub exported: Option<std::path::PathBuf>,
    /// Exports asked for while the findings were still being computed, in order; they are
    /// written when the findings arrive, so the UI thread never computes them itself.
    pub export_waiting: Vec<ExportFormat>,
}

/// The formats Review exports, each through `engage report`'s code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    Markdown,
    Json,
    Html,
}

impl ExportFormat {
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Markdown => "md",
            ExportFormat::Json => "json",
            ExportFormat::Html => "html",
        }
    }
}

pub fn update(cx: &mut Cx, view: &mut View, action: Action) {
    match action {
        Action::Export => cx.ask(Effect::Open(crate::tui::app::Overlay::ExportAs)),
        Action::ExportJson => cx.ask(Effect::Export(ExportFormat::Json)),
        // On a finding, Enter opens the lens that shows it.
        Action::Select if cx.focus == 1 => {
            if let Some(f) = cx
                .model
                .findings
                .answer()
                .and_then(|all| all.get(view.finding))
            {
                cx.ask(Effect::OpenLens {
                    lens: crate::tui::lens::LensKind::of_finding(f.lens),
                    metric: f.metric,
                });
            }
        }
        other if cx.focus == 1 => {
            let n = cx.model.findings.answer().map_or(0, Vec::len);
            move_cursor(&mut view.finding, n, other, 5);
        }
        // Enter shows the KPI's formula, denominator and source in 3 Metrics.
        Action::Select => {
            if let Some(card) = cx.model.results.cards.get(view.cursor) {
                cx.ask(Effect::Go(Step::Metrics));
                cx.ask(Effect::ShowMetric(card.metric().id));
            }
        }
        Action::Copy => {
            if let Some(card) = cx.model.results.cards.get(view.cursor) {
                let m = card.metric();
                let text = format!(
                    "{}\t{}\t{}\t{}",
                    m.text().name,
                    format::figure(m, &card.result.current),
                    card.status.name(),
                    format::change(m, &card.result.change)
                );
                cx.ask(Effect::Copy {
                    what: crate::i18n::trf("msg.the_line", &[("metric", &m.text().name)]),
                    text,
                });
            }
        }
        other => {
            let n = cx.model.results.cards.len();
            move_cursor(&mut view.cursor, n, other, 10);
        }
    }
}

/// Keeps the cursor on a KPI.
pub fn reconcile(view: &mut View, model: &Model) {
    view.cursor = view.cursor.min(model.results.cards.len().saturating_sub(1));
    let n = model.findings.answer().map_or(0, Vec::len);
    view.finding = view.finding.min(n.saturating_sub(1));
}

/// Why the scorecard was not exported.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("{}", crate::i18n::tr("msg.export_no_plan"))]
    NothingToExport,
    #[error("{}", crate::i18n::tr("msg.export_no_kpis"))]
    NoKpis,
    #[error("{}", crate::i18n::trf("msg.cannot_write_json", &[("error", .0)]))]
    Json(#[from] serde_json::Error),
    #[error("{}", crate::i18n::trf("msg.cannot_write", &[("path", path), ("error", source)]))]
    Write {
        path: String,
        source: std::io::Error,
    },
}

/// Writes the scorecard through the report's code (what `engage report` writes), named after
/// the plan and the window, in the export folder; the path written. `found` are the window's
/// findings, computed on a worker for the Review step.
pub fn export(
    model: &Model,
    granularity: Granularity,
    format: ExportFormat,
    found: Vec<crate::analysis::findings::Finding>,
) -> Result<PathBuf, ExportError> {
    let (Some(file), Some(window), Some(store), Some(prepared)) = (
        model.plan.as_ref(),
        model.results.window,
        model.data.store.as_ref(),
        model.data.prepared.as_ref(),
    ) else {
        return Err(ExportError::NothingToExport);
    };
    if model.results.cards.is_empty() {
        return Err(ExportError::NoKpis);
    }
    let scorecard = Scorecard {
        window,
        kpis: model.results.cards.clone(),
        unknown: model.results.unknown.clone(),
    };
    let report = Report {
        findings: found,
        plan: Some(&file.plan),
        scorecard,
        segment: file.plan.segment.clone(),
        title: store.title.clone(),
        sources: store.sources.iter().map(|s| s.name.clone()).collect(),
        granularity,
    };
    let text = match format {
        ExportFormat::Json => {
            let mut s = crate::text::to_json_pretty(&to_json(&report))?;
            s.push('\n');
            s
        }
        ExportFormat::Html => crate::report::html::to_html(&report, prepared),
        ExportFormat::Markdown => to_markdown(&report),
    };
    let ext = format.extension();
    let name = format!(
        "engage-{}-{}-{}.{ext}",
        slug(&file.plan.name),
        crate::calendar::format_date(window.from),
        crate::calendar::format_date(window.to)
    );
    let path = model.export_dir.join(name);
    write_atomic(&path, text.as_bytes()).map_err(|source| ExportError::Write {
        path: path.display().to_string(),
        source,
    })?;
    Ok(std::fs::canonicalize(&path).unwrap_or(path))
}

pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    let theme = &app.ui.theme;
    let [head, table_area, findings_area] = Layout::vertical([
        Constraint::Length(5),
        Constraint::Min(3),
        // Short screens keep the scorecard whole; findings get what is left.
        if area.height >= 30 {
            Constraint::Percentage(40)
        } else {
            Constraint::Length(5)
        },
    ])
    .areas(area);
    let Some(file) = &app.model.plan else {
        let text = Paragraph::new(tr("review.no_plan")).style(theme.text);
        frame.render_widget(text.block(pane_block(app, tr("step.review"), true)), area);
        return;
    };
    let verdict = if app.model.results.verdict.is_empty() {
        trf(
            "review.no_kpis",
            &[("key", &app.key_in(Context::Metrics, Action::Toggle))],
        )
    } else {
        app.model.results.verdict.clone()
    };
    let exported = app.ui.review.exported.as_ref().map_or_else(
        || {
            trf(
                "review.exports",
                &[("key", &app.key_in(Context::Review, Action::Export))],
            )
        },
        |p| trf("review.last_export", &[("path", &p.display())]),
    );
    let lines = vec![
        Line::from(vec![
            Span::styled(format!("{:<10}", tr("review.objective")), theme.dim),
            Span::styled(sanitize::line(&file.plan.objective), theme.text),
        ]),
        Line::from(vec![
            Span::styled(format!("{:<10}", tr("review.segment")), theme.dim),
            Span::styled(sanitize::line(&file.plan.segment.describe()), theme.text),
        ]),
        Line::styled(verdict, theme.title),
    ];
    frame.render_widget(
        Paragraph::new(lines).block(pane_block(
            app,
            &trf("review.title", &[("plan", &file.plan.name)]),
            false,
        )),
        head,
    );
    // Wide screens show the target's rule and the formula; narrow ones the essentials.
    let wide = table_area.width >= 140;
    let narrow = table_area.width < 110;
    // Below 80 columns the counts give way: the KPI's name comes first (Enter shows them).
    let tiny = table_area.width < 80;
    let rows: Vec<Row> = app
        .model
        .results
        .cards
        .iter()
        .map(|k| {
            let m = k.metric();
            let r = &k.result;
            let small = if r.current.small_sample { "*" } else { "" };
            let rule = k.target.map_or_else(
                || {
                    trf(
                        "review.no_rule",
                        &[("key", &app.key_in(Context::Metrics, Action::SetTarget))],
                    )
                },
                |t| format::target(m, &t),
            );
            let mut cells = vec![
                // Narrow screens use names that still tell ER by reach from ER by followers.
                Cell::from(if narrow { m.short() } else { m.text().name }),
                Cell::from(format!("{}{small}", format::figure(m, &r.current))),
                Cell::from(if k.target.is_some() {
                    format::goal_bare(m, k.goal)
                } else {
                    tr("review.none").to_owned()
                }),
                Cell::from(Span::styled(
                    format!("{} {}", k.status.symbol(), k.status.name()),
                    status_style(app, k.status),
                )),
                // The short form (`+1.58pp +24.0% part.`) fits every width; the report
                // writes the long one.
                Cell::from(format::change_short(m, &r.change)),
            ];
            if !tiny {
                cells.push(Cell::from(format!(
                    "{}/{} {}",
                    r.current.used,
                    r.current.left_out,
                    r.current.rows.name()
                )));
            }
            if wide {
                cells.push(Cell::from(rule));
                cells.push(Cell::from(format!(
                    "{} ({})",
                    m.text().formula,
                    m.aggregation.describe()
                )));
            }
            Row::new(cells)
        })
        .collect();
    // Values and statuses as wide as the widest (longer in Indonesian: "148 / postingan",
    // "✓ tercapai"), within a cap, so no word is cut.
    let cards = &app.model.results.cards;
    let widest =
        |f: &dyn Fn(&crate::measure::scorecard::KpiCard) -> String, floor: u16, cap: u16| {
            cards
                .iter()
                .map(|k| crate::text::width(&f(k)) as u16)
                .max()
                .unwrap_or(0)
                .clamp(floor, cap)
        };
    let value_w = |floor| {
        widest(
            &|k| format!("{}*", format::figure(k.metric(), &k.result.current)),
            floor,
            16,
        )
    };
    let status_w = |floor| {
        widest(
            &|k| format!("{} {}", k.status.symbol(), k.status.name()),
            floor,
            13,
        )
    };
    let mut widths = if narrow {
        // Short names (12 characters at most) are never cut; the counts take what is left.
        let name_w = cards
            .iter()
            .map(|k| crate::text::width(k.metric().short()) as u16)
            .max()
            .unwrap_or(3)
            .max(3);
        vec![
            Constraint::Length(name_w),
            Constraint::Length(value_w(10)),
            Constraint::Length(12),
            Constraint::Length(status_w(8)),
            Constraint::Length(15),
            Constraint::Fill(1),
        ]
    } else {
        vec![
            Constraint::Fill(2),
            Constraint::Length(value_w(11)),
            Constraint::Length(12),
            Constraint::Length(status_w(9)),
            Constraint::Length(21),
            Constraint::Length(18),
        ]
    };
    let mut header = vec![
        "KPI",
        tr("review.col_value"),
        tr("review.col_target"),
        tr("review.col_status"),
        tr("review.col_change"),
        tr("review.col_used"),
    ];
    if tiny {
        widths.pop();
        header.pop();
        widths[0] = Constraint::Min(11);
    }
    if wide {
        widths.push(Constraint::Length(24));
        widths.push(Constraint::Fill(3));
        header.extend([tr("review.col_rule"), tr("review.col_formula")]);
    }
    let title = trf(
        "review.scorecard_title",
        &[
            ("key", &app.key_in(Context::Review, Action::Select)),
            ("exported", &sanitize::line(&exported)),
        ],
    );
    let table = Table::new(rows, widths)
        .header(Row::new(header).style(theme.dim))
        .block(pane_block(app, &title, app.focus() == 0))
        .row_highlight_style(theme.selected);
    let mut state = TableState::default().with_selected(Some(app.ui.review.cursor));
    frame.render_stateful_widget(table, table_area, &mut state);
    render_findings(frame, findings_area, app);
}

/// The findings of the window: headlines, the selected one with its evidence.
fn render_findings(frame: &mut Frame, area: Rect, app: &App) {
    let theme = &app.ui.theme;
    let focused = app.focus() == 1;
    let title = trf(
        "review.findings_title",
        &[("key", &app.key_in(Context::Review, Action::Select))],
    );
    let width = area.width.saturating_sub(2) as usize;
    let lines: Vec<Line> = match app.model.findings.answer().map(Vec::as_slice) {
        None if app.model.findings.pending() => vec![Line::from(tr("review.looking"))],
        None => vec![Line::from(tr("review.no_findings_without_data"))],
        Some([]) => vec![Line::from(tr("review.nothing_stands_out"))],
        Some(all) => {
            let selected = app.ui.review.finding;
            let rows = area.height.saturating_sub(2) as usize;
            let first = selected.saturating_sub(rows / 3);
            let mut out = Vec::new();
            for (i, f) in all.iter().enumerate().skip(first) {
                let style = if i == selected && focused {
                    theme.selected
                } else if i == selected {
                    theme.selected_unfocused
                } else {
                    theme.text
                };
                out.push(Line::styled(
                    crate::tui::view::fit(&sanitize::line(&f.headline.to_string()), width),
                    style,
                ));
                if i == selected {
                    for e in &f.evidence {
                        out.push(Line::styled(
                            crate::tui::view::fit(
                                &format!("    {}", sanitize::line(&e.to_string())),
                                width,
                            ),
                            theme.dim,
                        ));
                    }
                }
            }
            out
        }
    };
    frame.render_widget(
        Paragraph::new(lines).block(pane_block(app, &title, focused)),
        area,
    );
}

/// The export chooser: each format with its key, from the keymap.
pub fn render_export_as(frame: &mut Frame, area: Rect, app: &App) {
    let rect = crate::tui::view::centred(area, 74, 7);
    frame.render_widget(ratatui::widgets::Clear, rect);
    let theme = &app.ui.theme;
    let lines: Vec<Line> = [
        Action::ExportMarkdown,
        Action::ExportJson,
        Action::ExportHtml,
        Action::Back,
    ]
    .into_iter()
    .filter_map(|a| {
        let b = app.ui.keymap.binding(Context::ExportAs, a)?;
        Some(Line::from(vec![
            Span::styled(
                format!("{:>5}  ", app.key_in(Context::ExportAs, a)),
                theme.key,
            ),
            Span::styled(b.desc.to_owned(), theme.text),
        ]))
    })
    .collect();
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(ratatui::widgets::Wrap { trim: true })
            .block(pane_block(app, tr("review.export_as"), true)),
        rect,
    );
}
