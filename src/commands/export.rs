//! `engage export posts|series|breakdown`: CSV for spreadsheets and scripts. The window and
//! segment flags are `engage report`'s, the numbers the engine's and the lenses', and the
//! files are written by [`crate::export`], as the app's export key writes them.

use std::io::{self, Write};

use super::scope::{load_for, scope_of};
use super::{EXIT_OK, fail, usage};
use crate::analysis::breakdown::breakdown;
use crate::analysis::dims::Dim;
use crate::cli::{ExportArgs, ExportKind};
use crate::export::{lenses, posts, series};
use crate::measure::Granularity;
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
    if args.ndjson && kind != ExportKind::Snapshot {
        return Some("--ndjson applies to `engage export snapshot` only");
    }
    if args.metric.is_some() && kind == ExportKind::Snapshot {
        return Some("--metric does not apply to `engage export snapshot` (it writes every row)");
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
    let store = match load_for(
        &args.paths,
        args.output.as_deref(),
        options,
        "nothing exported",
    )? {
        Ok(store) => store,
        Err(status) => return Ok(status),
    };
    if args.what == ExportKind::Snapshot {
        return export_snapshot(&store, args);
    }
    let scoped = match scope_of(&store, &args.scope, "export")? {
        Ok(s) => s,
        Err(status) => return Ok(status),
    };
    let (prepared, window, segment) = (&scoped.prepared, scoped.window, &scoped.segment);
    // Everything that can be refused is checked before a byte is written.
    type Job<'a> = Box<dyn FnOnce(&mut dyn Write) -> io::Result<()> + 'a>;
    let job: Job = match args.what {
        ExportKind::Snapshot => return export_snapshot(&store, args),
        ExportKind::Posts => {
            let available = posts::columns(prepared);
            let columns = if args.columns.is_empty() {
                available
            } else {
                match posts::choose(&available, &args.columns) {
                    Ok(c) => c,
                    Err(e) => return fail(e),
                }
            };
            let rows = prepared.query_posts(window, segment, "");
            Box::new(move |w| posts::write_posts(prepared, &rows, &columns, w))
        }
        ExportKind::Series => {
            let m = match scoped.metric(args.metric.as_deref()) {
                Ok(m) => m,
                Err(e) => return fail(e),
            };
            let granularity: Granularity = args.granularity.map_or(Granularity::Day, Into::into);
            let lines = series::lines(prepared, segment, m, window, granularity);
            Box::new(move |w| series::write_series(m, &lines, w))
        }
        ExportKind::Breakdown => {
            let m = match scoped.metric(args.metric.as_deref()) {
                Ok(m) => m,
                Err(e) => return fail(e),
            };
            let dims = if args.by.is_empty() {
                vec![Dim::Account]
            } else {
                args.by.clone()
            };
            let content = match super::content_settings(home) {
                Ok(s) => s.classify(prepared),
                Err(e) => return fail(e),
            };
            match breakdown(prepared, m, window, segment, &dims, &content) {
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

/// `engage export snapshot`: the whole store as snapshot tables in a new folder. The tables
/// are written into a temporary folder beside it that takes the folder's name only when
/// complete, so a folder at that name is always a whole snapshot; an existing folder that is
/// not empty is never written into.
fn export_snapshot(store: &crate::snapshot::Store, args: &ExportArgs) -> io::Result<u8> {
    use std::path::PathBuf;
    let Some(folder) = &args.output else {
        return usage("`engage export snapshot` writes a folder: give it with -o FOLDER");
    };
    if !args.columns.is_empty() || !args.by.is_empty() || args.granularity.is_some() {
        return usage(
            "`engage export snapshot` writes every row and column: drop --columns, --by and --granularity",
        );
    }
    if folder.exists() {
        let empty =
            folder.is_dir() && std::fs::read_dir(folder).is_ok_and(|mut d| d.next().is_none());
        if !empty {
            return fail(format!(
                "{} already exists: give a new folder (or an empty one) to write the snapshot tables into",
                folder.display()
            ));
        }
    }
    let name = folder
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "snapshot".to_owned());
    let tmp: PathBuf = folder.with_file_name(format!(".{name}.engage-tmp-{}", std::process::id()));
    let result = std::fs::create_dir_all(&tmp)
        .map_err(|e| format!("cannot create {}: {e}", tmp.display()))
        .and_then(|()| write_tables(store, &tmp, args.ndjson))
        .and_then(|()| {
            if folder.is_dir() {
                std::fs::remove_dir(folder)
                    .map_err(|e| format!("cannot replace the empty {}: {e}", folder.display()))?;
            }
            std::fs::rename(&tmp, folder)
                .map_err(|e| format!("cannot move the tables to {}: {e}", folder.display()))
        });
    if let Err(e) = result {
        let _ = std::fs::remove_dir_all(&tmp);
        return fail(format!("cannot write {}: {e}", folder.display()));
    }
    writeln!(
        io::stderr(),
        "wrote {} ({} posts, {} daily rows, {} web rows as {})",
        folder.display(),
        store.posts.len(),
        store.daily.len(),
        store.web.len(),
        if args.ndjson { "NDJSON" } else { "Parquet" }
    )?;
    Ok(EXIT_OK)
}

fn write_tables(
    store: &crate::snapshot::Store,
    folder: &std::path::Path,
    ndjson: bool,
) -> Result<(), String> {
    if ndjson {
        return crate::snapshot::tables::write_ndjson(store, folder).map_err(|e| e.to_string());
    }
    #[cfg(feature = "parquet")]
    {
        crate::snapshot::tables::parquet::write_tables(store, folder).map_err(|e| e.to_string())
    }
    #[cfg(not(feature = "parquet"))]
    {
        Err(
            "this engage was built without Parquet support (cargo feature `parquet`): use --ndjson"
                .into(),
        )
    }
}
