//! 4 Charts' CSV export: what the focused pane shows, written by [`crate::export`] (the code
//! `engage export` runs) into the export folder. The posts pane writes the posts as listed
//! (the filter and the sort applied) with every column of `engage export posts`, not only
//! the ones on screen: the table's columns are chosen for the screen's width, a file has
//! room for all of them. The chart pane writes the series drawn (all accounts together, and
//! each account when the chart shows one line per account) or the lens shown.

use std::path::PathBuf;

use super::View;
use crate::calendar::format_date;
use crate::export::{lenses, posts, series};
use crate::measure::Window;
use crate::measure::catalogue::Scope;
use crate::measure::value::Point;
use crate::plans::slug;
use crate::storage::write_atomic_with;
use crate::tui::app::Model;
use crate::tui::lens::{LensKind, LensOutput};

/// What the export key writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CsvExport {
    /// The posts table's rows.
    Posts,
    /// The KPI's series (before a plan: the overview's engagement rate per account).
    Series,
    /// The lens in the chart pane.
    Lens,
}

/// Why nothing was written.
#[derive(Debug, thiserror::Error)]
pub enum CsvExportError {
    #[error("{}", crate::i18n::tr("msg.export_no_data"))]
    NoData,
    #[error("{}", crate::i18n::trf("msg.export_nothing", &[("why", .0)]))]
    Nothing(String),
    #[error("{}", crate::i18n::trf("msg.cannot_write", &[("path", path), ("error", source)]))]
    Write {
        path: String,
        source: std::io::Error,
    },
}

/// Writes `what` as CSV in the export folder; the path written. A CSV is for machines: its
/// words are English whatever language the app shows.
pub fn export_csv(model: &Model, view: &View, what: CsvExport) -> Result<PathBuf, CsvExportError> {
    crate::i18n::with_lang(crate::i18n::Lang::En, || csv_of(model, view, what))
}

fn csv_of(model: &Model, view: &View, what: CsvExport) -> Result<PathBuf, CsvExportError> {
    let (Some(prepared), Some(window)) = (&model.data.prepared, model.results.window) else {
        return Err(CsvExportError::NoData);
    };
    let dates = |w: Window| format!("{}-{}", format_date(w.from), format_date(w.to));
    match what {
        CsvExport::Posts => {
            let columns = posts::columns(prepared);
            let name = format!("engage-posts-{}.csv", dates(window));
            write(model, &name, |w| {
                posts::write_posts(prepared, &view.rows, &columns, w)
            })
        }
        CsvExport::Series => {
            let (metric, lines): (_, Vec<(String, Vec<Point>)>) =
                match model.results.cards.get(view.selected) {
                    Some(card) => {
                        let m = card.metric();
                        let mut lines =
                            vec![(series::ALL_ACCOUNTS.to_owned(), card.result.series.clone())];
                        if view.per_account && m.scope != Scope::Web {
                            lines.extend(model.results.per_account.iter().cloned());
                        }
                        (m, lines)
                    }
                    // Before a plan the chart shows interactions and an engagement rate the
                    // data supports, per account: the rate is what the file holds.
                    None => match model.results.overview.last() {
                        Some((m, lines)) => (*m, lines.clone()),
                        None => {
                            return Err(CsvExportError::Nothing(
                                crate::i18n::tr("msg.no_series").to_owned(),
                            ));
                        }
                    },
                };
            let per = if lines.iter().any(|(a, _)| a != series::ALL_ACCOUNTS) {
                "-per-account"
            } else {
                ""
            };
            let name = format!(
                "engage-series-{}-{}{per}-{}.csv",
                metric.id,
                view.granularity.name(),
                dates(window)
            );
            write(model, &name, |w| series::write_series(metric, &lines, w))
        }
        CsvExport::Lens => {
            let Some(key) = &model.lens.key else {
                return Err(CsvExportError::Nothing(
                    crate::i18n::tr("msg.no_lens_shown").to_owned(),
                ));
            };
            let Some(output) = model.lens.answer() else {
                return Err(CsvExportError::Nothing(crate::i18n::trf(
                    "msg.lens_computing",
                    &[("lens", &view.lens.title())],
                )));
            };
            let by = if key.kind == LensKind::Breakdown {
                format!("-by-{}", key.dim.name())
            } else {
                String::new()
            };
            let lens = slug(crate::i18n::tr_in(
                crate::i18n::Lang::En,
                key.kind.title_key(),
            ));
            // Follower jumps are judged on follower counts, not on a metric.
            let metric = if key.kind == LensKind::Followers {
                String::new()
            } else {
                format!("-{}", key.metric)
            };
            let name = format!("engage-{lens}{metric}{by}-{}.csv", dates(key.window));
            match output {
                LensOutput::Breakdown(b) => write(model, &name, |w| lenses::breakdown(b, w)),
                LensOutput::Sources(s) => {
                    write(model, &name, |w| lenses::breakdown(&s.breakdown(), w))
                }
                LensOutput::Content(c) => {
                    write(model, &name, |w| lenses::breakdown(&c.breakdown, w))
                }
                LensOutput::BestTime(cells) => write(model, &name, |w| lenses::best_time(cells, w)),
                LensOutput::Breakouts(list) => write(model, &name, |w| lenses::breakouts(list, w)),
                LensOutput::Followers(list) => write(model, &name, |w| lenses::jumps(list, w)),
                LensOutput::Refused(why) => Err(CsvExportError::Nothing(why.clone())),
            }
        }
    }
}

/// Writes `name` in the export folder atomically; its full path.
fn write(
    model: &Model,
    name: &str,
    fill: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>,
) -> Result<PathBuf, CsvExportError> {
    let path = model.export_dir.join(name);
    write_atomic_with(&path, |w| fill(w)).map_err(|source| CsvExportError::Write {
        path: path.display().to_string(),
        source,
    })?;
    Ok(std::fs::canonicalize(&path).unwrap_or(path))
}
