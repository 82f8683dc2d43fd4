//! Opening what the user names: engage snapshots, platform exports, or folders of either.
//! Each file is read by its own kind (a snapshot by the loader, an export by its importer),
//! and all of them are merged by the snapshot rules. Every command and the TUI open files
//! through here, so an export works wherever a snapshot does.

use std::path::{Path, PathBuf};

use crate::import::builder::FileReport as ImportReport;
use crate::import::{self, Options, expand, is_snapshot};
use crate::snapshot::diagnostics::{Diagnostic, Findings, Severity};
use crate::snapshot::load::{DEMO_NAME, Loaded, Source, load_demo_with, load_file, merge_parsed};
use crate::snapshot::{Cancelled, LoadControl, Parsed};

/// Everything opened: the merged store with a report per file, the import reports of the
/// exports, and the files of folders that were skipped.
#[derive(Debug)]
pub struct Opened {
    pub loaded: Loaded,
    pub imports: Vec<ImportReport>,
    pub skipped: Vec<(PathBuf, String)>,
}

/// An import report as findings: skipped rows, unreadable cells and notes are warnings (with
/// the first line), a file not imported at all is an error.
pub fn findings_of(report: &ImportReport) -> Findings {
    let mut findings = Findings::default();
    let name = &report.file;
    if let Some(problem) = &report.problem {
        findings.errors.push(Diagnostic::new(
            Severity::Error,
            name,
            None,
            String::new(),
            problem.clone(),
        ));
    }
    let counted = [
        (&report.skipped, "row(s) skipped"),
        (&report.bad_cells, "cell(s) left unknown, their rows kept"),
    ];
    for (list, what) in counted {
        for (reason, s) in list {
            let pos = crate::snapshot::json::Pos {
                line: s.first_line.min(u64::from(u32::MAX)) as u32,
                column: 1,
            };
            findings.warnings.push(Diagnostic::new(
                Severity::Warning,
                name,
                Some(pos),
                String::new(),
                format!("{} {what}: {reason}", s.count),
            ));
        }
    }
    for note in &report.notes {
        findings.warnings.push(Diagnostic::new(
            Severity::Warning,
            name,
            None,
            String::new(),
            note.clone(),
        ));
    }
    findings
}

fn open_export(
    path: &Path,
    options: &Options,
    control: &LoadControl,
    notes_seen: &mut std::collections::HashSet<String>,
) -> (Parsed, ImportReport) {
    let imported = import::import_file_with(path, options, Some(control));
    let bytes = std::fs::metadata(path).map_or(0, |m| m.len());
    // A note (what a family does not give, how times are read) is said once, on the first
    // file that has it, not again for each monthly file; the import report keeps them all.
    let mut shown = imported.report.clone();
    shown.notes.retain(|n| notes_seen.insert(n.clone()));
    let parsed = Parsed {
        store: imported.store,
        findings: findings_of(&shown),
        bytes,
    };
    (parsed, imported.report)
}

/// Opens `source`: the demo, or the files and folders given.
pub fn open(
    source: &Source,
    options: &Options,
    control: &LoadControl,
) -> Result<Opened, Cancelled> {
    let mut parsed = Vec::new();
    let mut imports = Vec::new();
    let mut skipped = Vec::new();
    let mut notes_seen = std::collections::HashSet::new();
    match source {
        Source::Demo => parsed.push((DEMO_NAME.to_owned(), load_demo_with(control)?)),
        Source::Files(paths) => {
            for path in paths {
                let (files, mut not_read) = expand(path);
                skipped.append(&mut not_read);
                let in_folder = path.is_dir();
                for file in files {
                    let name = file.display().to_string();
                    if !file.exists() || is_snapshot(&file) {
                        parsed.push((name, load_file(&file, control)?));
                        continue;
                    }
                    let (p, report) = open_export(&file, options, control, &mut notes_seen);
                    if control.cancel.load(std::sync::atomic::Ordering::Relaxed) {
                        return Err(Cancelled);
                    }
                    // In a folder, a file that is no known export is skipped, not an error.
                    if in_folder && report.family.is_none() {
                        skipped.push((file, report.problem.clone().unwrap_or_default()));
                        continue;
                    }
                    parsed.push((name, p));
                    imports.push(report);
                }
            }
        }
    }
    Ok(Opened {
        loaded: merge_parsed(parsed),
        imports,
        skipped,
    })
}
