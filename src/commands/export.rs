//! `engage export posts|series|breakdown`: CSV for spreadsheets and scripts. The window and
//! segment flags are `engage report`'s, the numbers the engine's and the lenses', and the
//! files are written by [`crate::export`], as the app's export key writes them.

use std::io::{self, Write};
use std::sync::Arc;

use super::report::{check_segment, window};
use super::{EXIT_OK, fail, snapshot::load_valid, usage};
use crate::analysis::breakdown::breakdown;
use crate::analysis::default_metric;
use crate::analysis::dims::Dim;
use crate::cli::{ExportArgs, ExportKind};
use crate::export::{lenses, posts, series};
use crate::measure::catalogue::{CATALOGUE, Metric, metric};
use crate::measure::{Granularity, Prepared, Segment};
use crate::storage::write_atomic_with;

/// A flag given to a kind of export it does not apply to: a usage error rather than a flag
/// silently ignored (`--by` on posts would otherwise look like it worked).
fn misplaced(args: &ExportArgs) -> Option<&'static str> {
    let kind = args.what;
    if !args.columns.is_empty() && kind != ExportKind::Posts {
        return Some("--columns applies to `engage export posts` only");
    }
    if !args.by.is_empty() && kind != ExportKind::Breakdown {
        return Some("--by applies to `engage export breakdown` only");
    }
    if args.granularity.is_some() && kind != ExportKind::Series {
        return Some("--granularity applies to `engage export series` only");
    }
    if args.metric.is_some() && kind == ExportKind::Posts {
        return Some(
            "--metric applies to series and breakdown (a posts file carries every per-post rate)",
        );
    }
    None
}

pub fn export(
    home: Option<&std::path::Path>,
    args: &ExportArgs,
    options: &crate::import::Options,
    out: &mut dyn Write,
) -> io::Result<u8> {
    if let Some(problem) = misplaced(args) {
        return usage(problem);
    }
    if let Some(output) = &args.output
        && let Err(e) = crate::storage::refuse_input_as_output(output, &args.paths)
    {
        return fail(e.to_string());
    }
    let store = match load_valid(&args.paths, options, "nothing exported")? {
        Ok(store) => store,
        Err(status) => return Ok(status),
    };
    let Some(span) = store.day_span() else {
        return fail("the data holds no dated rows to export");
    };
    let window = match window(&args.scope, None, span) {
        Ok(w) => w,
        Err(e) => return fail(e),
    };
    let prepared = Prepared::new(Arc::clone(&store));
    if let Err(e) = check_segment(&prepared, &args.scope.segment) {
        return fail(e);
    }
    let mut segment = Segment::default();
    for entry in &args.scope.segment {
        segment.add(entry);
    }
    let chosen_metric = |prepared: &Prepared| -> Result<&'static Metric, String> {
        match &args.metric {
            Some(id) => metric(id).ok_or_else(|| {
                let ids: Vec<&str> = CATALOGUE.iter().map(|m| m.id).collect();
                format!("unknown metric {id} (metrics: {})", ids.join(", "))
            }),
            None => Ok(default_metric(prepared, window, &segment)),
        }
    };
    // Everything that can be refused is checked before a byte is written.
    type Job<'a> = Box<dyn FnOnce(&mut dyn Write) -> io::Result<()> + 'a>;
    let job: Job = match args.what {
        ExportKind::Posts => {
            let available = posts::columns(&prepared);
            let columns = if args.columns.is_empty() {
                available
            } else {
                match posts::choose(&available, &args.columns) {
                    Ok(c) => c,
                    Err(e) => return fail(e),
                }
            };
            let rows = prepared.query_posts(window, &segment, "");
            let prepared = &prepared;
            Box::new(move |w| posts::write_posts(prepared, &rows, &columns, w))
        }
        ExportKind::Series => {
            let m = match chosen_metric(&prepared) {
                Ok(m) => m,
                Err(e) => return fail(e),
            };
            let granularity: Granularity = args.granularity.map_or(Granularity::Day, Into::into);
            let lines = series::lines(&prepared, &segment, m, window, granularity);
            Box::new(move |w| series::write_series(m, &lines, w))
        }
        ExportKind::Breakdown => {
            let m = match chosen_metric(&prepared) {
                Ok(m) => m,
                Err(e) => return fail(e),
            };
            let dims = if args.by.is_empty() {
                vec![Dim::Account]
            } else {
                args.by.clone()
            };
            let content = match super::content_settings(home) {
                Ok(s) => s.classify(&prepared),
                Err(e) => return fail(e),
            };
            match breakdown(&prepared, m, window, &segment, &dims, &content) {
                Ok(b) => Box::new(move |w| lenses::breakdown(&b, w)),
                Err(e) => return fail(e),
            }
        }
    };
    match &args.output {
        Some(path) => {
            if let Err(e) = write_atomic_with(path, |w| job(w)) {
                return fail(format!("cannot write {}: {e}", path.display()));
            }
            writeln!(io::stderr(), "wrote {}", path.display())?;
        }
        None => job(out)?,
    }
    Ok(EXIT_OK)
}
