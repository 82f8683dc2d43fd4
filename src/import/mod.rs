//! Importers: platform exports (CSV) turned into snapshot stores without losing or inventing a
//! number.
//!
//! Each file is read whole, decoded ([`decode`]), parsed as a table ([`table`]), and its family
//! recognised from its header (never from column positions). The family's importer maps columns
//! by name and fills a [`builder::Builder`], which keeps a report of every row: imported, or
//! skipped with a reason. Each file becomes its own store (its rows remember the file), and the
//! files of one import are merged by the snapshot rules: monthly exports of one account
//! overlap, and the latest export wins.

pub mod builder;
pub mod decode;
pub mod table;
pub mod values;
mod x_classic;

use std::path::{Path, PathBuf};

use builder::FileReport;
use decode::{Encoding, decode};
use table::Table;

use crate::calendar::{Day, Timestamp};
use crate::snapshot::model::Platform;
use crate::snapshot::store::Store;

/// What the user says about the files (flags of `engage import`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Options {
    /// Account id to use instead of the one guessed from file names.
    pub account: Option<String>,
    pub platform: Option<Platform>,
    pub handle: Option<String>,
    /// Offset of times the exports write without one (Facebook's page-local times).
    pub utc_offset_min: Option<i32>,
}

impl Options {
    /// The account id: the flag, else a slug of `guess` (a handle or page name from the file).
    pub fn account_id(&self, guess: &str) -> String {
        self.account
            .clone()
            .unwrap_or_else(|| crate::plans::slug(guess))
    }
}

/// One file's outcome: its store if anything was imported, and the report.
#[derive(Debug)]
pub struct Imported {
    pub store: Option<Store>,
    pub report: FileReport,
}

/// A file that was not imported, with why.
fn refused(file: &str, encoding: Option<Encoding>, problem: impl Into<String>) -> Imported {
    Imported {
        store: None,
        report: FileReport {
            file: file.to_owned(),
            encoding: encoding.map(Encoding::name),
            problem: Some(problem.into()),
            ..FileReport::default()
        },
    }
}

/// The export families engage reads, by header.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Family {
    XClassicPosts,
    XClassicDaily,
}

impl Family {
    pub fn name(self) -> &'static str {
        match self {
            Family::XClassicPosts => "X/Twitter analytics: tweets (tweet_activity_metrics)",
            Family::XClassicDaily => "X/Twitter analytics: daily (daily_tweet_activity_metrics)",
        }
    }

    /// The family of a table, from its columns (the file name only breaks ties).
    pub fn detect(table: &Table, _file_name: &str) -> Option<Family> {
        if x_classic::is_posts(table) {
            Some(Family::XClassicPosts)
        } else if x_classic::is_daily(table) {
            Some(Family::XClassicDaily)
        } else {
            None
        }
    }
}

/// What an importer needs besides the table.
pub struct Context<'a> {
    pub file: &'a str,
    /// The file's name without folders (account names are often in it).
    pub file_name: &'a str,
    pub encoding: Encoding,
    pub options: &'a Options,
    /// The date range in the file name, if any (its end stands for the export date).
    pub name_range: Option<(Day, Day)>,
}

impl Context<'_> {
    /// The end of the file name's range as the export time (exports carry no export date).
    pub fn exported_at(&self) -> Option<Timestamp> {
        self.name_range.map(|(_, to)| Timestamp {
            utc: i64::from(to) * 86_400,
            offset_min: 0,
        })
    }
}

/// Imports one export file from bytes; `name` names it in reports.
pub fn import_bytes(bytes: &[u8], name: &str, options: &Options) -> Imported {
    let (text, encoding) = decode(bytes);
    if text.trim().is_empty() {
        return refused(name, Some(encoding), "the file is empty");
    }
    let table = match Table::parse(&text) {
        Ok(t) => t,
        Err(e) => return refused(name, Some(encoding), format!("not a readable CSV: {e}")),
    };
    let file_name = Path::new(name)
        .file_name()
        .map_or(name.to_owned(), |n| n.to_string_lossy().into_owned());
    let Some(family) = Family::detect(&table, &file_name) else {
        let header: Vec<&str> = table.header.iter().take(6).map(String::as_str).collect();
        return refused(
            name,
            Some(encoding),
            format!(
                "not a known export (its columns start {}); a mapping file can import it",
                header.join(", ")
            ),
        );
    };
    let ctx = Context {
        file: name,
        file_name: &file_name,
        encoding,
        options,
        name_range: values::range_in_name(&file_name),
    };
    let (store, report) = match family {
        Family::XClassicPosts => x_classic::posts(&table, &ctx),
        Family::XClassicDaily => x_classic::daily(&table, &ctx),
    };
    Imported {
        store: (report.rows_imported > 0).then_some(store),
        report,
    }
}

/// Imports one file from disk.
pub fn import_file(path: &Path, options: &Options) -> Imported {
    let name = path.display().to_string();
    match std::fs::read(path) {
        Ok(bytes) => import_bytes(&bytes, &name, options),
        Err(e) => refused(&name, None, format!("cannot read the file: {e}")),
    }
}

/// Whether a file is an engage snapshot (JSON) rather than an export: its first non-blank byte.
pub fn is_snapshot(path: &Path) -> bool {
    use std::io::Read;
    let mut head = [0u8; 512];
    let n = std::fs::File::open(path)
        .and_then(|mut f| f.read(&mut head))
        .unwrap_or(0);
    let head = head[..n]
        .strip_prefix(&[0xEF, 0xBB, 0xBF])
        .unwrap_or(&head[..n]);
    head.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{')
}

/// The files a path stands for: itself, or a folder's CSV and JSON files (sorted), with the
/// other files of a folder listed as skipped.
pub fn expand(path: &Path) -> (Vec<PathBuf>, Vec<(PathBuf, String)>) {
    if !path.is_dir() {
        return (vec![path.to_path_buf()], Vec::new());
    }
    let mut files = Vec::new();
    let mut skipped = Vec::new();
    let mut entries: Vec<PathBuf> = std::fs::read_dir(path)
        .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    entries.sort();
    for p in entries {
        let ext = p.extension().map(|e| e.to_string_lossy().to_lowercase());
        if p.is_dir() {
            let (mut f, mut s) = expand(&p);
            files.append(&mut f);
            skipped.append(&mut s);
        } else if matches!(ext.as_deref(), Some("csv" | "json" | "tsv")) {
            files.push(p);
        } else if !p
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'))
        {
            skipped.push((p, "not a .csv or .json file".to_owned()));
        }
    }
    (files, skipped)
}
