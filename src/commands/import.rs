//! `engage import`: platform exports to one snapshot, with a report of every file, and the
//! reading flags every command shares (`--account`, `--platform`, `--handle`, `--utc-offset`,
//! `--mapping`).

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Serialize;

use super::{EXIT_INVALID, EXIT_OK, fail};
use crate::cli::ImportArgs;
use crate::i18n::{tr, trf};
use crate::import::builder::FileReport as ImportReport;
use crate::import::mapping::{Mapping, MappingError};
use crate::import::{Options, builder::Skipped};
use crate::snapshot::LoadControl;
use crate::snapshot::load::{Source, load_file};
use crate::snapshot::model::Platform;
use crate::snapshot::write::write_snapshot;
use crate::storage::{refuse_input_as_output, write_checked};
use crate::text::{escape_controls, thousands};

/// A reading flag that does not read, or the mapping file `--mapping` names. (Clap checks
/// the flags' values first; these are the checks for options built another way.)
#[derive(Debug, thiserror::Error)]
pub enum OptionsError {
    #[error("{}", crate::i18n::trf("err.flag_platform", &[("value", &format!("{:?}", .value)), ("expected", &Platform::expected())]))]
    Platform { value: String },
    #[error("{}", crate::i18n::trf("err.flag_utc_offset", &[("value", &format!("{:?}", .value))]))]
    UtcOffset { value: String },
    #[error(transparent)]
    Mapping(#[from] MappingError),
}

/// The reading options from the command line's flags, or what is wrong with them.
pub fn options(args: &ImportArgs) -> Result<Options, OptionsError> {
    let platform = match &args.platform {
        None => None,
        Some(p) => Some(
            Platform::parse(&p.to_lowercase())
                .ok_or_else(|| OptionsError::Platform { value: p.clone() })?,
        ),
    };
    let utc_offset_min = match &args.utc_offset {
        None => None,
        Some(o) => Some(
            crate::calendar::parse_offset(o)
                .ok_or_else(|| OptionsError::UtcOffset { value: o.clone() })?,
        ),
    };
    let mapping = match &args.mapping {
        None => None,
        Some(path) => Some(Arc::new(Mapping::load(path)?)),
    };
    Ok(Options {
        account: args.account.clone(),
        platform,
        handle: args.handle.clone(),
        utc_offset_min,
        mapping,
        cache: None,
        defer_cache_write: false,
    })
}

#[derive(Serialize)]
struct SkippedFile {
    file: String,
    reason: String,
}

#[derive(Serialize)]
struct Written {
    file: String,
    posts: usize,
    daily: usize,
    web: usize,
    web_totals: usize,
    warnings: usize,
}

#[derive(Serialize)]
struct Outcome<'a> {
    ok: bool,
    files: &'a [ImportReport],
    skipped: Vec<SkippedFile>,
    errors: Vec<String>,
    written: Option<Written>,
}

/// Skip reasons in the order of the file (by the first line each happened on).
fn reasons(list: &std::collections::BTreeMap<String, Skipped>) -> Vec<String> {
    let mut sorted: Vec<(&String, &Skipped)> = list.iter().collect();
    sorted.sort_by_key(|(_, s)| s.first_line);
    sorted
        .into_iter()
        .map(|(reason, s)| {
            trf(
                "imp.reason_count",
                &[
                    ("n", &thousands(s.count as u64)),
                    ("why", &escape_controls(reason)),
                    ("line", &s.first_line),
                ],
            )
        })
        .collect()
}

/// Snapshot fields grouped by record kind: `posts: likes reach · daily: followers`.
fn by_kind(fields: &[String]) -> String {
    let mut groups: Vec<(&str, Vec<&str>)> = Vec::new();
    for f in fields {
        let (kind, name) = f.split_once('.').unwrap_or(("", f));
        match groups.iter_mut().find(|(k, _)| *k == kind) {
            Some((_, names)) => names.push(name),
            None => groups.push((kind, vec![name])),
        }
    }
    groups
        .iter()
        .map(|(kind, names)| format!("{kind}: {}", names.join(" ")))
        .collect::<Vec<_>>()
        .join(" · ")
}

/// Writes one file's import report as text.
pub fn write_report(r: &ImportReport, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "{}", escape_controls(&r.file))?;
    // Labels padded to one width in the language shown.
    let label = |key: &str| format!("{:<10}", tr(key));
    let Some(family) = r.family else {
        let problem = r.problem.as_deref().unwrap_or(tr("imp.not_imported"));
        writeln!(
            out,
            "  {}  {}",
            tr("imp.not_imported"),
            escape_controls(problem)
        )?;
        return Ok(());
    };
    writeln!(out, "  {} {family}", label("imp.l_family"))?;
    let account = r.account.as_deref().map_or("-", |a| a);
    let encoding = r.encoding.unwrap_or("?");
    writeln!(
        out,
        "  {} {} · {encoding}",
        label("imp.l_account"),
        escape_controls(account)
    )?;
    writeln!(
        out,
        "  {} {}",
        label("imp.l_rows"),
        trf(
            "imp.rows",
            &[
                ("read", &thousands(r.rows_read as u64)),
                ("imported", &thousands(r.rows_imported as u64)),
                ("skipped", &thousands(r.rows_skipped() as u64)),
            ],
        )
    )?;
    for line in reasons(&r.skipped) {
        writeln!(out, "  {} {line}", label("imp.l_skipped"))?;
    }
    for line in reasons(&r.bad_cells) {
        writeln!(
            out,
            "  {} {}",
            label("imp.l_unknown"),
            trf("imp.cell_unknown", &[("why", &line)])
        )?;
    }
    for line in reasons(&r.recoded) {
        writeln!(
            out,
            "  {} {}",
            label("imp.l_encoding"),
            trf("imp.row_kept", &[("why", &line)])
        )?;
    }
    if !r.fields_found.is_empty() {
        writeln!(
            out,
            "  {} {}",
            label("imp.l_fields"),
            by_kind(&r.fields_found)
        )?;
    }
    if !r.fields_missing.is_empty() {
        writeln!(
            out,
            "  {} {}",
            label("imp.l_missing"),
            by_kind(&r.fields_missing)
        )?;
    }
    for note in &r.notes {
        writeln!(out, "  {} {}", label("imp.l_note"), escape_controls(note))?;
    }
    for warning in &r.warnings {
        writeln!(
            out,
            "  {} {}",
            label("imp.l_warning"),
            escape_controls(warning)
        )?;
    }
    if let Some(problem) = &r.problem {
        writeln!(
            out,
            "  {} {}",
            label("imp.l_problem"),
            escape_controls(problem)
        )?;
    }
    Ok(())
}

/// `engage import PATHS -o FILE`.
pub fn import(
    paths: &[PathBuf],
    options: &Options,
    target: &Path,
    json: bool,
    out: &mut dyn Write,
) -> io::Result<u8> {
    if let Err(e) = refuse_input_as_output(target, &crate::import::inputs_of(paths)) {
        return fail(e.to_string());
    }
    let Ok(opened) = crate::open::open(
        &Source::Files(paths.to_vec()),
        options,
        &LoadControl::default(),
    ) else {
        // Nothing else holds this control, so nothing can cancel the load.
        return fail("the import was cancelled");
    };
    let loaded = &opened.loaded;
    // Files that could not be read are shown with their report; the summary only counts them.
    let refused = loaded.files.iter().filter(|f| !f.is_valid()).count();
    let mut errors: Vec<String> = loaded
        .files
        .iter()
        .flat_map(|f| f.findings.errors.iter().map(|d| d.to_string()))
        .collect();
    let skipped: Vec<SkippedFile> = opened
        .skipped
        .iter()
        .map(|(p, reason)| SkippedFile {
            file: p.display().to_string(),
            reason: reason.clone(),
        })
        .collect();
    let store = loaded.store.as_ref().filter(|_| errors.is_empty());
    let rows = store.map_or(0, |s| {
        s.posts.len() + s.daily.len() + s.web.len() + s.web_totals.len()
    });
    if errors.is_empty() && rows == 0 {
        errors.push("nothing was imported: no file gave a post, a day or a web row".into());
    }
    let mut written = None;
    if let (true, Some(store)) = (errors.is_empty(), store) {
        // Checked as `engage validate` would before it takes the target's place: a
        // snapshot that does not validate never replaces a good file.
        let mut warnings = 0;
        let result = write_checked(
            target,
            |w| write_snapshot(store, w),
            |tmp| {
                let check = load_file(tmp, &LoadControl::default());
                match check.ok().filter(|p| p.findings.errors.is_empty()) {
                    Some(parsed) => {
                        warnings = parsed.findings.warning_total();
                        Ok(())
                    }
                    None => Err(io::Error::other(
                        "the snapshot written does not validate (a bug: please report it); the file was not replaced",
                    )),
                }
            },
        );
        match result {
            Err(e) => errors.push(format!("{}: not written: {e}", target.display())),
            Ok(()) => {
                written = Some(Written {
                    file: target.display().to_string(),
                    posts: store.posts.len(),
                    daily: store.daily.len(),
                    web: store.web.len(),
                    web_totals: store.web_totals.len(),
                    warnings,
                });
            }
        }
    }
    let ok = errors.is_empty() && written.is_some();
    if json {
        let outcome = Outcome {
            ok,
            files: &opened.imports,
            skipped,
            errors,
            written,
        };
        writeln!(
            out,
            "{}",
            crate::text::to_json_pretty(&outcome).map_err(io::Error::other)?
        )?;
    } else {
        for r in &opened.imports {
            write_report(r, out)?;
            // What the merge with the other files made of its rows.
            let merged = loaded.files.iter().find(|f| f.name == r.file);
            if let Some(c) = merged.and_then(|f| f.contribution.as_ref())
                && opened.imports.len() > 1
            {
                let rows = crate::summary::FileRows {
                    file: r.file.clone(),
                    rows: c.rows,
                    kept: c.kept,
                    replaced: c.overrode,
                };
                writeln!(
                    out,
                    "  {:<10} {}",
                    tr("imp.l_merged"),
                    crate::summary::merge_outcome(&rows)
                )?;
            }
        }
        for f in &loaded.files {
            let is_export = opened.imports.iter().any(|r| r.file == f.name);
            if !is_export {
                super::snapshot::write_file_verdict(f, out)?;
            }
        }
        for s in &skipped {
            writeln!(
                out,
                "{}",
                trf(
                    "imp.skipped_file",
                    &[
                        ("file", &escape_controls(&s.file)),
                        ("why", &escape_controls(&s.reason)),
                    ],
                )
            )?;
        }
        if let Some(w) = &written {
            writeln!(
                out,
                "{}",
                trf(
                    "imp.wrote",
                    &[
                        ("file", &escape_controls(&w.file)),
                        ("posts", &thousands(w.posts as u64)),
                        ("daily", &thousands(w.daily as u64)),
                        ("web", &thousands(w.web as u64)),
                        ("totals", &thousands(w.web_totals as u64)),
                        ("warnings", &thousands(w.warnings as u64)),
                    ],
                )
            )?;
        }
        if refused > 0 {
            eprintln!(
                "engage: error: {}",
                trf("imp.nothing_written", &[("n", &refused)])
            );
        } else {
            for e in &errors {
                eprintln!("engage: error: {}", escape_controls(e));
            }
        }
    }
    Ok(if ok { EXIT_OK } else { EXIT_INVALID })
}
