//! Opening what the user names: engage snapshots, platform exports, or folders of either.
//! Each file is read by its own kind (a snapshot by the loader, an export by its importer),
//! and all of them are merged by the snapshot rules. Every command and the TUI open files
//! through here, so an export works wherever a snapshot does.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use crate::calendar::{Day, format_date};
use crate::import::builder::FileReport as ImportReport;
use crate::import::{self, Options, expand, is_snapshot};
use crate::snapshot::cache::{PendingEntry, load_file_cached, load_file_deferred};
use crate::snapshot::diagnostics::{Diagnostic, Findings, Severity};
use crate::snapshot::load::{DEMO_NAME, Loaded, Source, load_demo_with, merge_parsed, unreadable};
use crate::snapshot::store::Store;
use crate::snapshot::{Cancelled, LoadControl, Parsed};

/// Everything opened: the merged store with a report per file, the import reports of the
/// exports, and the files of folders that were skipped.
#[derive(Debug)]
pub struct Opened {
    pub loaded: Loaded,
    pub imports: Vec<ImportReport>,
    pub skipped: Vec<(PathBuf, String)>,
    /// With [`Options::defer_cache_write`] and one snapshot file opened: its new cache
    /// entry, to write with the store (the store is that file's, handed over unmerged).
    pub pending: Option<PendingEntry>,
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
        (&report.recoded, "row(s) kept"),
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
    let mut pending: Vec<(usize, PendingEntry)> = Vec::new();
    let mut imports = Vec::new();
    let mut skipped = Vec::new();
    let mut notes_seen = std::collections::HashSet::new();
    let mut exports: Vec<Export> = Vec::new();
    match source {
        Source::Demo => parsed.push((DEMO_NAME.to_owned(), load_demo_with(control)?)),
        Source::Files(paths) => {
            for path in paths {
                // A folder of snapshot tables is one snapshot, not a folder of exports.
                if crate::snapshot::tables::is_tables_folder(path) {
                    let name = path.display().to_string();
                    parsed.push((name, crate::snapshot::tables::load_tables(path, control)?));
                    continue;
                }
                let expanded = expand(path);
                skipped.extend(expanded.skipped);
                // A folder (or file) that cannot be read is an error, never a silent skip.
                for (folder, e) in &expanded.unreadable {
                    let name = folder.display().to_string();
                    parsed.push((name.clone(), unreadable(&name, e)));
                }
                let in_folder = path.is_dir();
                for file in expanded.files {
                    let name = file.display().to_string();
                    // Snapshot tables found inside a folder of exports.
                    if file.is_dir() {
                        parsed.push((name, crate::snapshot::tables::load_tables(&file, control)?));
                        continue;
                    }
                    // Only regular files are read: a FIFO would block, a device never end.
                    if let Err(e) = crate::storage::regular_file(&file) {
                        parsed.push((name.clone(), unreadable(&name, &e)));
                        continue;
                    }
                    // A `.json` file is a snapshot whatever it holds (a broken one is an
                    // error, not an export of no known family); other files by their content.
                    if has_extension(&file, "json") || is_snapshot(&file) {
                        let cache = options.cache.as_ref();
                        if options.defer_cache_write {
                            let (p, entry) = load_file_deferred(&file, cache, control)?;
                            pending.extend(entry.map(|e| (parsed.len(), e)));
                            parsed.push((name, p));
                        } else {
                            parsed.push((name, load_file_cached(&file, cache, control)?));
                        }
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
                    exports.push(Export {
                        parsed: parsed.len(),
                        import: imports.len(),
                        folder: file.parent().map(Path::to_path_buf).unwrap_or_default(),
                    });
                    parsed.push((name, p));
                    imports.push(report);
                }
            }
        }
    }
    for (e, message) in cross_folder_overlaps(&parsed, &exports) {
        imports[e.import].warnings.push(message.clone());
        let (name, p) = &mut parsed[e.parsed];
        p.findings.warnings.push(Diagnostic::new(
            Severity::Warning,
            name,
            None,
            "accounts".into(),
            message,
        ));
    }
    // An entry can wait for the caller only when the store stays that file's (one file);
    // otherwise each is written now, before the merge takes the stores.
    let pending = if parsed.len() == 1 && pending.len() == 1 {
        pending.pop().map(|(_, e)| e)
    } else {
        for (i, entry) in pending.drain(..) {
            if let Some(store) = parsed[i].1.store.as_ref() {
                entry.write(store);
            }
        }
        None
    };
    Ok(Opened {
        loaded: merge_parsed(parsed),
        imports,
        skipped,
        pending,
    })
}

/// Whether `path`'s extension is `ext` (without case).
fn has_extension(path: &Path, ext: &str) -> bool {
    path.extension()
        .is_some_and(|e| e.to_string_lossy().eq_ignore_ascii_case(ext))
}

/// An export among the files opened: where its parsed store and import report are, and the
/// folder it was in.
#[derive(Clone, Debug)]
struct Export {
    parsed: usize,
    import: usize,
    folder: PathBuf,
}

/// One account's share of one export: the days it has rows on, its daily days and post ids.
struct Share<'s> {
    days: HashSet<Day>,
    daily: HashSet<Day>,
    posts: HashSet<&'s str>,
}

fn share<'s>(store: &'s Store, account: u32) -> Share<'s> {
    let p = &store.posts;
    let d = &store.daily;
    let posts: HashSet<&str> = (0..p.len())
        .filter(|&r| p.account[r] == account)
        .map(|r| p.id.get(r))
        .collect();
    let daily: HashSet<Day> = (0..d.len())
        .filter(|&r| d.account[r] == account)
        .map(|r| d.day[r])
        .collect();
    let mut days = daily.clone();
    days.extend(
        (0..p.len())
            .filter(|&r| p.account[r] == account)
            .map(|r| p.day[r]),
    );
    Share { days, daily, posts }
}

/// Exports from different folders whose rows land on one account on the same days: the
/// exports of different people read with one `--account`, or two copies of one person's.
/// Merged, one file's rows replace the other's where they share a day or a post, which must
/// never happen unsaid. Returns, for the file whose rows win (the later export, else the one
/// given later, as the merge decides), a warning naming both files and the rows replaced.
fn cross_folder_overlaps(parsed: &[(String, Parsed)], exports: &[Export]) -> Vec<(Export, String)> {
    // The files of each account id, by folder.
    let mut by_account: BTreeMap<&str, Vec<(&Export, &Store, u32)>> = BTreeMap::new();
    for e in exports {
        let Some(store) = parsed[e.parsed].1.store.as_ref() else {
            continue;
        };
        for (a, account) in store.accounts.iter().enumerate() {
            by_account
                .entry(account.id.as_str())
                .or_default()
                .push((e, store, a as u32));
        }
    }
    let mut out = Vec::new();
    for (id, files) in by_account {
        if files.iter().all(|(e, _, _)| e.folder == files[0].0.folder) {
            continue;
        }
        let shares: Vec<Share> = files.iter().map(|(_, s, a)| share(s, *a)).collect();
        for i in 0..files.len() {
            for j in i + 1..files.len() {
                let ((ei, si, _), (ej, sj, _)) = (&files[i], &files[j]);
                if ei.folder == ej.folder {
                    continue;
                }
                let mut overlap: Vec<Day> = shares[i]
                    .days
                    .intersection(&shares[j].days)
                    .copied()
                    .collect();
                if overlap.is_empty() {
                    continue;
                }
                overlap.sort_unstable();
                let daily = shares[i].daily.intersection(&shares[j].daily).count();
                let posts = shares[i].posts.intersection(&shares[j].posts).count();
                // The merge's order: the later export wins, a tie goes to the file given later.
                let rank =
                    |e: &Export, s: &Store| (s.exported_at.map_or(i64::MIN, |t| t.utc), e.parsed);
                let (winner, loser) = if rank(ei, si) > rank(ej, sj) {
                    (ei, ej)
                } else {
                    (ej, ei)
                };
                let days = match (overlap.first(), overlap.last()) {
                    (Some(&a), Some(&b)) if a != b => {
                        format!("{}..{}", format_date(a), format_date(b))
                    }
                    (Some(&a), _) => format_date(a),
                    _ => String::new(),
                };
                out.push((
                    (*winner).clone(),
                    format!(
                        "account `{id}` also gets rows from {} (another folder): the two files \
                         overlap on {} day(s) ({days}), and this file's rows replace {daily} \
                         daily row(s) and {posts} post(s) of that file; if they are different \
                         accounts, import each folder with its own --account (or none: a file \
                         that names no account takes its folder's name)",
                        parsed[loser.parsed].0,
                        overlap.len(),
                    ),
                ));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// With the write deferred, one snapshot file hands its new cache entry over (written,
    /// it is the entry the next open uses); two files get theirs written before the merge.
    #[test]
    fn a_deferred_cache_entry_is_handed_over_only_for_one_file() {
        let dir = tempfile::tempdir().unwrap();
        let (path, cache) = crate::snapshot::cache::tests::cacheable_demo(dir.path());
        let options = Options {
            cache: Some(cache.clone()),
            defer_cache_write: true,
            ..Options::default()
        };
        let entries = || std::fs::read_dir(&cache.dir).map_or(0, |d| d.count());
        let control = LoadControl::default();
        let one = open(&Source::Files(vec![path.clone()]), &options, &control).unwrap();
        assert_eq!(entries(), 0, "not written yet");
        let entry = one.pending.expect("the entry is handed over");
        entry.write(one.loaded.store.as_ref().unwrap());
        assert_eq!(entries(), 1);
        std::fs::remove_dir_all(&cache.dir).unwrap();
        let two = open(&Source::Files(vec![path.clone(), path]), &options, &control).unwrap();
        assert!(two.pending.is_none());
        assert_eq!(entries(), 1, "written before the merge");
    }
}
