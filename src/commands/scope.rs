//! What `explore`, `export` and `report` do before their own work: refuse an output that is
//! one of the inputs, load the paths (every file valid), and turn the window and segment flags
//! into a window and a segment the data has. One place, so the three read the same days.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::fail;
use super::report::{check_segment, window};
use super::snapshot::load_valid;
use crate::analysis::default_metric;
use crate::cli::ScopeArgs;
use crate::measure::catalogue::{CATALOGUE, Metric, metric};
use crate::measure::{Prepared, Segment, Window};
use crate::snapshot::Store;

/// The data of `paths`, once `output` (the `-o` file, if any) is known not to be one of them;
/// `Err` with the exit status after saying why (`nothing`: what was not done).
pub(super) fn load_for(
    paths: &[PathBuf],
    output: Option<&Path>,
    options: &crate::import::Options,
    nothing: &str,
) -> io::Result<Result<Arc<Store>, u8>> {
    if let Some(output) = output
        && let Err(e) =
            crate::storage::refuse_input_as_output(output, &crate::import::inputs_of(paths))
    {
        return fail(e.to_string()).map(Err);
    }
    load_valid(paths, options, nothing)
}

/// The loaded data with the days and posts a command judges.
pub(super) struct Scoped {
    pub prepared: Prepared,
    pub window: Window,
    pub segment: Segment,
}

/// The window (`--from/--to`, `--last`, else the data's last 28 days) and the segment of the
/// command line, checked against `store` (`what`: the command's verb, for the message when
/// the data has no dated rows).
pub(super) fn scope_of(
    store: &Arc<Store>,
    scope: &ScopeArgs,
    what: &str,
) -> io::Result<Result<Scoped, u8>> {
    let Some(span) = store.day_span() else {
        return fail(format!("the data holds no dated rows to {what}")).map(Err);
    };
    let window = match window(scope, None, span) {
        Ok(w) => w,
        Err(e) => return super::refuse(&e, e.status()).map(Err),
    };
    let prepared = Prepared::new(Arc::clone(store));
    if let Err(e) = check_segment(&prepared, &scope.segment) {
        return fail(e).map(Err);
    }
    let mut segment = Segment::default();
    for entry in &scope.segment {
        segment.add(entry);
    }
    Ok(Ok(Scoped {
        prepared,
        window,
        segment,
    }))
}

impl Scoped {
    /// `--metric ID`, else the engagement rate the data supports best (as the lenses choose).
    pub fn metric(&self, id: Option<&str>) -> Result<&'static Metric, String> {
        match id {
            Some(id) => metric(id).ok_or_else(|| {
                let ids: Vec<&str> = CATALOGUE.iter().map(|m| m.id).collect();
                format!("unknown metric {id} (metrics: {})", ids.join(", "))
            }),
            None => Ok(default_metric(&self.prepared, self.window, &self.segment)),
        }
    }
}
