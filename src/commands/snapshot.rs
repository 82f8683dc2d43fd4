//! Commands about snapshot files: validate, summary, schema, demo.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::{EXIT_INVALID, EXIT_OK};
use crate::demo::{DemoSpec, write_demo};
use crate::i18n::{tr, trf};
use crate::import::Options;
use crate::snapshot::diagnostics::Diagnostic;
use crate::snapshot::load::{FileReport, Loaded, Source};
use crate::snapshot::merge::RowCounts;
use crate::snapshot::{Cancelled, LoadControl};
use crate::storage::write_atomic_with;
use crate::summary::{render_text, summarize};
use crate::text::{bytes, escape_controls, thousands};

/// Loads files, exports and folders (or the demo); a refused file is in the report, not an
/// error here.
pub fn load(paths: &[PathBuf], options: &Options) -> Loaded {
    load_listed(paths, options).0
}

/// [`load`], with the files of folders that were skipped (not a snapshot, nor an export of a
/// known family) and why.
pub fn load_listed(paths: &[PathBuf], options: &Options) -> (Loaded, Vec<(PathBuf, String)>) {
    match crate::open::open(&Source::from_paths(paths), options, &LoadControl::default()) {
        Ok(opened) => (opened.loaded, opened.skipped),
        // Nothing else holds this control, so nothing can cancel the load.
        Err(Cancelled) => (
            Loaded {
                store: None,
                files: Vec::new(),
            },
            Vec::new(),
        ),
    }
}

/// Writes the skipped files of folders, one a line: `path: skipped: reason`.
fn write_skipped(skipped: &[(PathBuf, String)], out: &mut dyn Write) -> io::Result<()> {
    for (path, reason) in skipped {
        writeln!(
            out,
            "{}: skipped: {}",
            escape_controls(&path.display().to_string()),
            escape_controls(reason)
        )?;
    }
    Ok(())
}

/// What is said when the paths given held nothing to read (every file of the folders was
/// skipped, or the folders were empty): never a silent success, nor "the errors above" with
/// nothing above.
fn nothing_read(skipped: &[(PathBuf, String)]) -> String {
    if skipped.is_empty() {
        tr("val.nothing_found").to_owned()
    } else {
        trf(
            "val.nothing_to_read",
            &[("skipped", &plural(skipped.len(), "val.file", "val.files"))],
        )
    }
}

/// The merged data of `paths` when every file is valid (what `report` and `explore` judge);
/// else each refused file's verdict on stderr, then `{nothing}: fix the errors above`, and
/// `Err` with the exit status.
pub fn load_valid(
    paths: &[PathBuf],
    options: &Options,
    nothing: &str,
) -> io::Result<Result<std::sync::Arc<crate::snapshot::Store>, u8>> {
    let (loaded, skipped) = load_listed(paths, options);
    let valid = loaded.all_valid();
    if loaded.files.is_empty() {
        write_skipped(&skipped, &mut io::stderr().lock())?;
        return super::fail(format!("{nothing}: {}", nothing_read(&skipped))).map(Err);
    }
    match loaded.store {
        Some(store) if valid => Ok(Ok(std::sync::Arc::new(store))),
        _ => {
            let mut err = io::stderr().lock();
            for f in loaded.files.iter().filter(|f| !f.is_valid()) {
                write_file_verdict(f, &mut err)?;
            }
            super::fail(format!(
                "{nothing}: fix the errors above (or leave the file out)"
            ))
            .map(Err)
        }
    }
}

#[derive(Serialize)]
struct FileVerdict<'a> {
    file: &'a str,
    valid: bool,
    bytes: u64,
    rows: Option<RowCounts>,
    errors: &'a [Diagnostic],
    errors_omitted: usize,
    warnings: &'a [Diagnostic],
    warnings_omitted: usize,
}

#[derive(Serialize)]
struct SkippedVerdict {
    file: String,
    reason: String,
}

#[derive(Serialize)]
struct Verdict<'a> {
    valid: bool,
    files: Vec<FileVerdict<'a>>,
    /// Files of folders that are neither snapshots nor exports of a known family.
    skipped: Vec<SkippedVerdict>,
    /// Why nothing was validated, when no file was read.
    #[serde(skip_serializing_if = "Option::is_none")]
    problem: Option<String>,
}

/// `engage validate`: every finding of every file; exit 0 only if all files are valid.
pub fn validate(
    paths: &[PathBuf],
    options: &Options,
    json: bool,
    out: &mut dyn Write,
) -> io::Result<u8> {
    let (loaded, skipped) = load_listed(paths, options);
    // Nothing read is no success: a folder of skipped files validated nothing.
    let nothing = loaded.files.is_empty().then(|| nothing_read(&skipped));
    let valid = loaded.all_valid() && nothing.is_none();
    if json {
        let verdict = Verdict {
            valid,
            skipped: skipped
                .iter()
                .map(|(p, r)| SkippedVerdict {
                    file: p.display().to_string(),
                    reason: r.clone(),
                })
                .collect(),
            problem: nothing,
            files: loaded
                .files
                .iter()
                .map(|f| FileVerdict {
                    file: &f.name,
                    valid: f.is_valid(),
                    bytes: f.bytes,
                    rows: f.contribution.as_ref().map(|c| c.rows),
                    errors: &f.findings.errors,
                    errors_omitted: f.findings.errors_omitted,
                    warnings: &f.findings.warnings,
                    warnings_omitted: f.findings.warnings_omitted,
                })
                .collect(),
        };
        writeln!(
            out,
            "{}",
            crate::text::to_json_pretty(&verdict).map_err(io::Error::other)?
        )?;
    } else {
        for f in &loaded.files {
            write_file_verdict(f, out)?;
        }
        write_skipped(&skipped, out)?;
        if let Some(why) = &nothing {
            writeln!(out, "engage: error: {why}")?;
        }
        if loaded.files.len() > 1 {
            let bad = loaded.files.iter().filter(|f| !f.is_valid()).count();
            writeln!(
                out,
                "{}",
                trf(
                    "val.files_verdict",
                    &[
                        ("n", &loaded.files.len()),
                        ("valid", &(loaded.files.len() - bad)),
                        ("bad", &bad),
                    ],
                )
            )?;
        }
    }
    Ok(if valid { EXIT_OK } else { EXIT_INVALID })
}

/// `n` with the catalogue text for one or for many (`1 warning`, `3 warnings`; Indonesian
/// has one form).
fn plural(n: usize, one: &str, many: &str) -> String {
    trf(
        if n == 1 { one } else { many },
        &[("n", &thousands(n as u64))],
    )
}

pub fn write_file_verdict(f: &FileReport, out: &mut dyn Write) -> io::Result<()> {
    let name = escape_controls(&f.name);
    let findings = &f.findings;
    let warnings = plural(findings.warning_total(), "val.warning", "val.warnings");
    if f.is_valid() {
        let rows = f.contribution.as_ref().map_or_else(String::new, |c| {
            format!(
                " · {}, {}, {}",
                plural(c.rows.posts, "val.post", "val.posts"),
                plural(c.rows.daily, "val.daily_row", "val.daily_rows"),
                plural(c.rows.web, "val.web_row", "val.web_rows"),
            )
        });
        writeln!(
            out,
            "{name}: {} ({}){rows} · {warnings}",
            tr("val.valid"),
            bytes(f.bytes)
        )?;
    } else {
        let errors = plural(findings.error_total(), "val.error", "val.errors");
        writeln!(out, "{name}: {} · {errors} · {warnings}", tr("val.invalid"))?;
    }
    for d in findings.errors.iter().chain(&findings.warnings) {
        writeln!(out, "  {}", escape_controls(&d.to_string()))?;
    }
    if findings.errors_omitted > 0 {
        writeln!(
            out,
            "  {}",
            trf(
                "val.and_more",
                &[(
                    "what",
                    &plural(findings.errors_omitted, "val.error", "val.errors")
                )],
            )
        )?;
    }
    if findings.warnings_omitted > 0 {
        writeln!(
            out,
            "  {}",
            trf(
                "val.and_more",
                &[(
                    "what",
                    &plural(findings.warnings_omitted, "val.warning", "val.warnings"),
                )],
            )
        )?;
    }
    Ok(())
}

/// `engage summary` (and `engage PATHS` until the TUI): describe the loaded snapshot. Invalid
/// files are reported on stderr and the command fails: a summary of part of the input would
/// mislead.
pub fn summary(
    paths: &[PathBuf],
    options: &Options,
    json: bool,
    out: &mut dyn Write,
) -> io::Result<u8> {
    let (loaded, skipped) = load_listed(paths, options);
    if loaded.files.is_empty() {
        write_skipped(&skipped, &mut io::stderr().lock())?;
        return super::fail(format!("nothing summarized: {}", nothing_read(&skipped)));
    }
    let store = match (&loaded.store, loaded.all_valid()) {
        (Some(store), true) => store,
        _ => {
            let mut err = io::stderr().lock();
            for f in loaded.files.iter().filter(|f| !f.is_valid()) {
                write_file_verdict(f, &mut err)?;
            }
            writeln!(
                err,
                "engage: nothing summarized: fix the errors above (or leave the file out)"
            )?;
            return Ok(EXIT_INVALID);
        }
    };
    let s = summarize(store).with_files(&loaded.files);
    if json {
        // The summary, and the files of folders that were skipped (as `validate` lists them).
        let mut value = serde_json::to_value(&s).map_err(io::Error::other)?;
        if let Some(map) = value.as_object_mut() {
            let skipped: Vec<SkippedVerdict> = skipped
                .iter()
                .map(|(p, r)| SkippedVerdict {
                    file: p.display().to_string(),
                    reason: r.clone(),
                })
                .collect();
            map.insert(
                "skipped".into(),
                serde_json::to_value(skipped).map_err(io::Error::other)?,
            );
        }
        writeln!(
            out,
            "{}",
            crate::text::to_json_pretty(&value).map_err(io::Error::other)?
        )?;
        return Ok(EXIT_OK);
    }
    out.write_all(render_text(&s).as_bytes())?;
    if !skipped.is_empty() {
        writeln!(out)?;
        write_skipped(&skipped, out)?;
    }
    let warnings: usize = loaded
        .files
        .iter()
        .map(|f| f.findings.warning_total())
        .sum();
    if warnings > 0 {
        writeln!(
            out,
            "\n{}",
            trf(
                "val.warnings_listed",
                &[("what", &plural(warnings, "val.warning", "val.warnings"))],
            )
        )?;
    }
    Ok(EXIT_OK)
}

/// `engage demo --out FILE`: write the seeded demo snapshot atomically.
pub fn demo(path: &Path, spec: &DemoSpec, out: &mut dyn Write) -> io::Result<u8> {
    if let Err(e) = write_atomic_with(path, |w| write_demo(spec, w)) {
        writeln!(io::stderr(), "engage: cannot write {}: {e}", path.display())?;
        return Ok(EXIT_INVALID);
    }
    let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    writeln!(
        out,
        "wrote {} ({}, seed {}, about {} posts over {} days)",
        escape_controls(&path.display().to_string()),
        bytes(size),
        spec.seed,
        thousands(spec.posts as u64),
        spec.days
    )?;
    Ok(EXIT_OK)
}

/// `engage cache` (info) and `engage cache clear`.
pub fn cache(
    home: Option<&Path>,
    action: crate::cli::CacheCommand,
    out: &mut dyn Write,
) -> io::Result<u8> {
    let cache = match crate::snapshot::cache::Cache::resolve(home) {
        Ok(c) => c,
        Err(e) => return super::fail(e),
    };
    let dir = cache.dir.display().to_string();
    let folder = escape_controls(&dir);
    match action {
        crate::cli::CacheCommand::Info => {
            let (entries, size) = cache.usage();
            writeln!(out, "cache folder: {folder}")?;
            writeln!(
                out,
                "entries: {} ({}), cap {}",
                thousands(entries as u64),
                bytes(size),
                bytes(cache.cap)
            )?;
            if let Err(e) = cache.writable() {
                writeln!(
                    out,
                    "cannot be written ({e}): snapshots are parsed every time"
                )?;
            }
            Ok(EXIT_OK)
        }
        crate::cli::CacheCommand::Clear => match cache.clear() {
            Ok((n, size)) => {
                writeln!(
                    out,
                    "removed {} entr{} ({}) from {folder}",
                    thousands(n as u64),
                    if n == 1 { "y" } else { "ies" },
                    bytes(size)
                )?;
                Ok(EXIT_OK)
            }
            Err(e) => super::fail(format!("cannot clear the cache in {folder}: {e}")),
        },
    }
}
