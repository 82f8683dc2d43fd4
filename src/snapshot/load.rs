//! Opening snapshot files from disk (or the bundled demo) and handing them to the parser.

use std::path::{Path, PathBuf};

use super::diagnostics::{Findings, Sink};
use super::json::LoadControl;
use super::merge::{Contribution, merge};
use super::parse::split::{SplitPlan, skip_file};
use super::parse::{Cancelled, Parsed, parse_snapshot, parse_snapshot_split};
use super::store::Store;

/// The demo snapshot, embedded so that `engage` runs with no files around.
pub const DEMO_JSON: &[u8] = include_bytes!("../../assets/demo/kabar-kini.json");

/// How messages name the bundled demo.
pub const DEMO_NAME: &str = "bundled demo (Kabar Kini)";

/// A file's name as people read it: the demo's in the language shown, others as they are.
pub fn shown_name(name: &str) -> &str {
    if name == DEMO_NAME {
        crate::i18n::tr("data.demo_name")
    } else {
        name
    }
}

/// Loads one snapshot file. A file that cannot be opened comes back as a refused file with
/// one error saying why, like any other bad input.
pub fn load_file(path: &Path, control: &LoadControl) -> Result<Parsed, Cancelled> {
    let name = path.display().to_string();
    // Only a regular file: a FIFO would block forever, a device never end.
    match crate::storage::open_regular(path) {
        Ok((file, size)) => {
            let plan = SplitPlan::new(path, size, skip_file);
            parse_snapshot_split(file, &name, control.clone(), plan)
        }
        Err(e) => Ok(unreadable(&name, &e)),
    }
}

/// A file that cannot be opened (or is no regular file), as a refused file with one error
/// saying why.
pub fn unreadable(name: &str, e: &std::io::Error) -> Parsed {
    let mut sink = Sink::new(name);
    let why = match e.kind() {
        std::io::ErrorKind::NotFound => crate::i18n::tr("loader.no_such_file").to_owned(),
        std::io::ErrorKind::PermissionDenied => {
            crate::i18n::tr("loader.permission_denied").to_owned()
        }
        _ => e.to_string(),
    };
    sink.error(None, String::new, || {
        crate::i18n::trf("loader.cannot_open", &[("why", &why)])
    });
    Parsed {
        store: None,
        findings: sink.finish(),
        bytes: 0,
    }
}

/// Loads the bundled demo snapshot.
pub fn load_demo() -> Parsed {
    // Nothing else holds this control, so nothing can cancel the load.
    load_demo_with(&LoadControl::default()).unwrap_or_else(|Cancelled| {
        let mut sink = Sink::new(DEMO_NAME);
        sink.error(None, String::new, || {
            crate::i18n::tr("loader.cancelled").into()
        });
        Parsed {
            store: None,
            findings: sink.finish(),
            bytes: 0,
        }
    })
}

/// Loads the bundled demo with a caller's control (progress, cancel).
pub fn load_demo_with(control: &LoadControl) -> Result<Parsed, Cancelled> {
    parse_snapshot(DEMO_JSON, DEMO_NAME, control.clone())
}

/// One file of a load: what was found in it and, when it was merged, what it contributed.
#[derive(Debug)]
pub struct FileReport {
    pub name: String,
    pub bytes: u64,
    pub findings: Findings,
    pub contribution: Option<Contribution>,
}

impl FileReport {
    pub fn is_valid(&self) -> bool {
        self.findings.is_valid()
    }
}

/// The result of loading several files: the merged store of the valid ones (`None` if no file
/// was valid or the merge failed) and a report per file. Callers decide what a refused file
/// means: the headless commands fail, the TUI shows it and goes on.
#[derive(Debug)]
pub struct Loaded {
    pub store: Option<Store>,
    pub files: Vec<FileReport>,
}

impl Loaded {
    pub fn all_valid(&self) -> bool {
        self.files.iter().all(FileReport::is_valid)
    }
}

/// What to load: files from disk, or the bundled demo.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    Demo,
    Files(Vec<PathBuf>),
}

impl Source {
    /// The demo when no paths are given.
    pub fn from_paths(paths: &[PathBuf]) -> Source {
        if paths.is_empty() {
            Source::Demo
        } else {
            Source::Files(paths.to_vec())
        }
    }
}

/// Loads and merges everything in `source`.
pub fn load_source(source: &Source, control: &LoadControl) -> Result<Loaded, Cancelled> {
    let mut parsed = Vec::new();
    match source {
        Source::Demo => parsed.push((DEMO_NAME.to_owned(), load_demo_with(control)?)),
        Source::Files(paths) => {
            for path in paths {
                parsed.push((path.display().to_string(), load_file(path, control)?));
            }
        }
    }
    Ok(merge_parsed(parsed))
}

pub fn merge_parsed(parsed: Vec<(String, Parsed)>) -> Loaded {
    let mut files = Vec::new();
    let mut stores = Vec::new();
    let mut store_file = Vec::new();
    for (name, p) in parsed {
        if let Some(store) = p.store {
            store_file.push(files.len());
            stores.push(store);
        }
        files.push(FileReport {
            name,
            bytes: p.bytes,
            findings: p.findings,
            contribution: None,
        });
    }
    if stores.is_empty() {
        return Loaded { store: None, files };
    }
    match merge(stores) {
        Ok(merged) => {
            for (contribution, &f) in merged.contributions.into_iter().zip(&store_file) {
                files[f].contribution = Some(contribution);
            }
            for w in merged.warnings {
                if let Some(file) = files.iter_mut().find(|f| f.name == w.file) {
                    file.findings.warnings.push(w);
                }
            }
            Loaded {
                store: Some(merged.store),
                files,
            }
        }
        Err(errors) => {
            for e in errors {
                if let Some(file) = files.iter_mut().find(|f| f.name == e.file) {
                    file.findings.errors.push(e);
                }
            }
            Loaded { store: None, files }
        }
    }
}
