//! Snapshot tables: format v1 as a warehouse writes it. A folder holds `snapshot.json` (the
//! metadata only: `format`, `version`, `title`, `exported_at`, `utc_offset`) and one table per
//! record kind, `accounts`, `posts`, `daily`, `web` and `web_totals`, each as `NAME.parquet`
//! or `NAME.ndjson` (one JSON record per line; `.jsonl` too), any of them absent. Any other
//! `.ndjson` file holds records of every kind, each with a `kind` field (`account`, `post`,
//! `daily`, `web`, `web_total`). Columns are the snapshot's field names.
//!
//! Every table is read as a stream of records through the snapshot parser itself, so the
//! validation and its messages are the format's own; each message is then pointed back at the
//! table file and its line (NDJSON) or row (Parquet), with the field path naming the column.

#[cfg(feature = "parquet")]
pub mod parquet;

use std::cell::RefCell;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::rc::Rc;

use super::diagnostics::{Diagnostic, Findings, Severity, Sink};
use super::json::LoadControl;
use super::model::FORMAT_NAME;
use super::parse::{Cancelled, Parsed, parse_snapshot, parse_snapshot_then};
use crate::i18n::{tr, trf};

/// The metadata file of a snapshot-tables folder.
pub const META_FILE: &str = "snapshot.json";

/// The tables, as (section of the snapshot, file stem, `kind` in a mixed NDJSON file).
pub const TABLES: [(&str, &str); 5] = [
    ("accounts", "account"),
    ("posts", "post"),
    ("daily", "daily"),
    ("web", "web"),
    ("web_totals", "web_total"),
];

/// The metadata fields `snapshot.json` may hold.
const META_FIELDS: [&str; 5] = ["format", "version", "title", "exported_at", "utc_offset"];

/// Whether `path` is a folder of snapshot tables: its `snapshot.json` says
/// `"format": "engage-snapshot"` and holds metadata only. Any other folder is scanned for
/// exports, so a whole snapshot that happens to be called `snapshot.json` among exports is
/// still read as it always was, never half-ignored.
pub fn is_tables_folder(path: &Path) -> bool {
    /// Metadata is a few hundred bytes; a file this big holds records.
    const META_MAX: u64 = 1 << 20;
    if !path.is_dir() {
        return false;
    }
    let meta = path.join(META_FILE);
    if std::fs::metadata(&meta).map_or(true, |m| m.len() > META_MAX) {
        return false;
    }
    let Ok(text) = std::fs::read(&meta) else {
        return false;
    };
    let text = text.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(&text);
    let Ok(object) = serde_json::from_slice::<serde_json::Map<String, serde_json::Value>>(text)
    else {
        return false;
    };
    let holds_records = TABLES.iter().any(|(section, _)| {
        object
            .get(*section)
            .and_then(serde_json::Value::as_array)
            .is_some_and(|a| !a.is_empty())
    });
    object.get("format").is_some_and(|f| f == FORMAT_NAME) && !holds_records
}

/// How a table file is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Ndjson,
    Parquet,
}

/// One table file of the folder; `section` is `None` for a mixed NDJSON file.
#[derive(Clone, Debug)]
struct TableFile {
    path: PathBuf,
    kind: Kind,
    section: Option<&'static str>,
}

/// The table files of a folder, in a stable order.
fn table_files(folder: &Path) -> (Vec<TableFile>, Vec<(PathBuf, String)>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(folder)
        .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    entries.sort();
    let mut files = Vec::new();
    let mut ignored = Vec::new();
    for p in entries {
        let name = p
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if name == META_FILE || name.starts_with('.') {
            continue;
        }
        let ext = p
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        let stem = p
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let section = TABLES
            .iter()
            .find(|(s, _)| *s == stem || is_shard_of(&stem, s))
            .map(|(s, _)| *s);
        let kind = match ext.as_str() {
            "ndjson" | "jsonl" => Kind::Ndjson,
            "parquet" => Kind::Parquet,
            _ => {
                ignored.push((p, tr("loader.tables_not_a_table").into()));
                continue;
            }
        };
        if kind == Kind::Parquet && section.is_none() {
            ignored.push((p, tr("loader.tables_parquet_name").into()));
            continue;
        }
        files.push(TableFile {
            path: p,
            kind,
            section,
        });
    }
    (files, ignored)
}

/// Whether `stem` names a shard of `table`: its name, a dash and digits, as BigQuery's
/// `EXPORT DATA` writes a table (`posts-000000000000.parquet`, `posts-000000000001.parquet`,
/// ...), read as parts of one table in name order.
fn is_shard_of(stem: &str, table: &str) -> bool {
    stem.strip_prefix(table)
        .and_then(|rest| rest.strip_prefix('-'))
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// Where a line of the assembled snapshot came from.
#[derive(Clone, Copy, Debug)]
enum Origin {
    /// The metadata of `snapshot.json`.
    Meta,
    /// Punctuation between tables.
    Frame,
    /// Line `n` (1-based) of table file `file`.
    Line { file: u32, n: u64 },
    /// Row `n` (1-based) of table file `file`.
    #[cfg_attr(not(feature = "parquet"), allow(dead_code))]
    Row { file: u32, n: u64 },
}

/// What the stream and the loader share: where each line came from, and the problems found
/// outside the parser (a table that cannot be read, a record without a known `kind`).
#[derive(Default)]
struct Shared {
    origins: Vec<Origin>,
    problems: Vec<Diagnostic>,
    warnings: Vec<Diagnostic>,
}

/// A source of records, one JSON object per call, each on one line.
trait Records {
    /// Writes the next record into `out` (no line break) and returns its origin, or `None`
    /// at the end.
    fn next_record(&mut self, out: &mut Vec<u8>) -> Option<Origin>;
}

/// The records of an NDJSON file, all of them or those of one `kind`.
struct NdjsonRecords {
    file: u32,
    path: String,
    reader: Option<BufReader<File>>,
    line: u64,
    /// For a mixed file: the `kind` wanted, and whether this pass reports bad kinds.
    kind: Option<(&'static str, bool)>,
    shared: Rc<RefCell<Shared>>,
    buf: Vec<u8>,
}

impl NdjsonRecords {
    fn open(
        file: u32,
        path: &Path,
        kind: Option<(&'static str, bool)>,
        shared: Rc<RefCell<Shared>>,
    ) -> Self {
        let name = path.display().to_string();
        let reader = match File::open(path) {
            Ok(f) => Some(BufReader::with_capacity(1 << 16, f)),
            Err(e) => {
                if kind.is_none_or(|(_, report)| report) {
                    shared.borrow_mut().problems.push(Diagnostic::new(
                        Severity::Error,
                        &name,
                        None,
                        String::new(),
                        trf("loader.tables_cannot_open", &[("error", &e)]),
                    ));
                }
                None
            }
        };
        NdjsonRecords {
            file,
            path: name,
            reader,
            line: 0,
            kind,
            shared,
            buf: Vec::new(),
        }
    }

    fn problem(&self, message: String) {
        let pos = crate::snapshot::json::Pos {
            line: self.line.min(u64::from(u32::MAX)) as u32,
            column: 1,
        };
        self.shared.borrow_mut().problems.push(Diagnostic::new(
            Severity::Error,
            &self.path,
            Some(pos),
            String::new(),
            message,
        ));
    }
}

/// The `kind` a record of a mixed file names, or why it names none.
fn record_kind(line: &[u8]) -> Result<String, String> {
    #[derive(serde::Deserialize)]
    struct K {
        kind: Option<serde_json::Value>,
    }
    match serde_json::from_slice::<K>(line) {
        Ok(K {
            kind: Some(serde_json::Value::String(k)),
        }) => Ok(k),
        Ok(K { kind: Some(other) }) => Err(trf(
            "loader.tables_kind_not_string",
            &[("found", &other), ("kinds", &kinds_list())],
        )),
        Ok(K { kind: None }) => Err(trf("loader.tables_no_kind", &[("kinds", &kinds_list())])),
        Err(e) => Err(trf("loader.tables_not_object", &[("error", &e)])),
    }
}

fn kinds_list() -> String {
    TABLES
        .iter()
        .map(|(_, k)| format!("\"{k}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

impl Records for NdjsonRecords {
    fn next_record(&mut self, out: &mut Vec<u8>) -> Option<Origin> {
        loop {
            let reader = self.reader.as_mut()?;
            self.buf.clear();
            match reader.read_until(b'\n', &mut self.buf) {
                Ok(0) => return None,
                Ok(_) => {}
                Err(e) => {
                    self.line += 1;
                    self.problem(trf("loader.tables_cannot_read", &[("error", &e)]));
                    self.reader = None;
                    return None;
                }
            }
            self.line += 1;
            let mut line = self.buf.as_slice();
            if self.line == 1 {
                line = line.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(line);
            }
            while let Some((last, rest)) = line.split_last()
                && matches!(last, b'\n' | b'\r')
            {
                line = rest;
            }
            if line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            if let Some((wanted, report)) = self.kind {
                match record_kind(line) {
                    Ok(k) if k == wanted => {}
                    Ok(k) => {
                        if report && !TABLES.iter().any(|(_, known)| *known == k) {
                            let found = crate::snapshot::json::quote_preview(&k);
                            self.problem(trf(
                                "loader.tables_unknown_kind",
                                &[("found", &found), ("kinds", &kinds_list())],
                            ));
                        }
                        continue;
                    }
                    Err(why) => {
                        if report {
                            self.problem(why);
                        }
                        continue;
                    }
                }
            }
            out.extend_from_slice(line);
            return Some(Origin::Line {
                file: self.file,
                n: self.line,
            });
        }
    }
}

/// A table file in a section's plan: its index, the file, and whether this pass reports the
/// problems of a mixed file.
type PlannedFile = (u32, TableFile, bool);

/// The assembled snapshot: `snapshot.json`'s metadata, then each table's records, one per
/// line, as the parser reads them.
struct Assembled {
    /// Per section: the files that hold its records, with the file's index and whether this
    /// is the pass that reports problems of a mixed file.
    plan: Vec<(&'static str, Vec<PlannedFile>)>,
    section: usize,
    file: usize,
    current: Option<Box<dyn Records>>,
    /// Records written in the current section.
    written: u64,
    /// Whether the section's opening was written.
    opened: bool,
    out: Vec<u8>,
    at: usize,
    done: bool,
    /// The snapshot's `utc_offset`, in which a TIMESTAMP column's instants are written.
    offset_min: i32,
    shared: Rc<RefCell<Shared>>,
}

impl Assembled {
    fn push_line(&mut self, origin: Origin) {
        self.shared.borrow_mut().origins.push(origin);
    }

    /// Fills `out` with the next piece; false at the end.
    fn refill(&mut self) -> bool {
        self.out.clear();
        self.at = 0;
        loop {
            if self.done {
                return false;
            }
            let Some((name, files)) = self.plan.get(self.section) else {
                self.out.extend_from_slice(b"\n}\n");
                self.push_line(Origin::Frame);
                self.done = true;
                return true;
            };
            if !self.opened {
                self.opened = true;
                self.written = 0;
                self.out.extend_from_slice(b",\n\"");
                self.out.extend_from_slice(name.as_bytes());
                self.out.extend_from_slice(b"\":[");
                self.push_line(Origin::Frame);
                return true;
            }
            if self.current.is_none() {
                let Some((index, file, report)) = files.get(self.file).cloned() else {
                    self.out.extend_from_slice(b"\n]");
                    self.push_line(Origin::Frame);
                    self.section += 1;
                    self.file = 0;
                    self.opened = false;
                    return true;
                };
                self.file += 1;
                let shared = Rc::clone(&self.shared);
                self.current = Some(match file.kind {
                    Kind::Ndjson => {
                        let kind = match file.section {
                            Some(_) => None,
                            None => TABLES
                                .iter()
                                .find(|(s, _)| s == name)
                                .map(|(_, k)| (*k, report)),
                        };
                        Box::new(NdjsonRecords::open(index, &file.path, kind, shared))
                    }
                    Kind::Parquet => open_parquet(index, &file.path, self.offset_min, shared),
                });
            }
            let sep: &[u8] = if self.written == 0 { b"\n" } else { b",\n" };
            self.out.extend_from_slice(sep);
            let mark = self.out.len();
            let Some(current) = self.current.as_mut() else {
                continue;
            };
            match current.next_record(&mut self.out) {
                Some(origin) => {
                    self.written += 1;
                    self.push_line(origin);
                    return true;
                }
                None => {
                    self.out.truncate(mark - sep.len());
                    self.current = None;
                }
            }
        }
    }
}

impl Read for Assembled {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let mut n = 0;
        while n < buf.len() {
            if self.at == self.out.len() && !self.refill() {
                break;
            }
            let take = (self.out.len() - self.at).min(buf.len() - n);
            buf[n..n + take].copy_from_slice(&self.out[self.at..self.at + take]);
            self.at += take;
            n += take;
        }
        Ok(n)
    }
}

#[cfg(feature = "parquet")]
fn open_parquet(
    index: u32,
    path: &Path,
    offset_min: i32,
    shared: Rc<RefCell<Shared>>,
) -> Box<dyn Records> {
    Box::new(parquet::ParquetRecords::open(
        index, path, offset_min, shared,
    ))
}

#[cfg(not(feature = "parquet"))]
fn open_parquet(
    _index: u32,
    path: &Path,
    _offset_min: i32,
    shared: Rc<RefCell<Shared>>,
) -> Box<dyn Records> {
    shared.borrow_mut().problems.push(Diagnostic::new(
        Severity::Error,
        &path.display().to_string(),
        None,
        String::new(),
        tr("loader.tables_no_parquet").into(),
    ));
    Box::new(NoRecords)
}

#[cfg(not(feature = "parquet"))]
struct NoRecords;

#[cfg(not(feature = "parquet"))]
impl Records for NoRecords {
    fn next_record(&mut self, _out: &mut Vec<u8>) -> Option<Origin> {
        None
    }
}

/// The `snapshot.json` of a store written as tables: its metadata, no records.
pub fn meta_json(store: &super::Store) -> Vec<u8> {
    let mut out = Vec::new();
    let exported_at = store.exported_at.map(|t| t.to_string());
    let head = super::write::Head {
        title: store.title.as_deref(),
        exported_at: exported_at.as_deref(),
        utc_offset: &crate::calendar::format_offset(store.utc_offset_min),
    };
    // Writing into a Vec cannot fail.
    let _ = super::write::write_head(&mut out, &head);
    let _ = super::write::write_end(&mut out);
    out
}

/// Writes `store` as NDJSON snapshot tables (`snapshot.json` and a file per table) into
/// `folder`, which must exist.
pub fn write_ndjson(store: &super::Store, folder: &Path) -> std::io::Result<()> {
    let mut tables = NdjsonTables { folder, out: None };
    super::write::write_sections(store, &mut tables)?;
    std::fs::write(folder.join(META_FILE), meta_json(store))
}

/// The sections of a snapshot as a `.ndjson` file each, one record a line, streamed.
struct NdjsonTables<'a> {
    folder: &'a Path,
    out: Option<std::io::BufWriter<File>>,
}

impl super::write::Sections for NdjsonTables<'_> {
    fn open(&mut self, name: &str) -> std::io::Result<()> {
        let file = File::create(self.folder.join(format!("{name}.ndjson")))?;
        self.out = Some(std::io::BufWriter::with_capacity(1 << 20, file));
        Ok(())
    }

    fn record(&mut self, record: &super::write::Record) -> std::io::Result<()> {
        use std::io::Write;
        let Some(out) = self.out.as_mut() else {
            return Err(std::io::Error::other("a record outside a table"));
        };
        // The record as the snapshot writer indents it, without the indentation.
        let bytes = record.bytes();
        let start = bytes.iter().take_while(|b| **b == b' ').count();
        out.write_all(&bytes[start..])?;
        out.write_all(b"\n")
    }

    fn close(&mut self) -> std::io::Result<()> {
        use std::io::Write;
        match self.out.take() {
            Some(mut out) => out.flush(),
            None => Ok(()),
        }
    }
}

/// Loads a folder of snapshot tables; `name` is how messages name the folder.
pub fn load_tables(folder: &Path, control: &LoadControl) -> Result<Parsed, Cancelled> {
    let name = folder.display().to_string();
    let meta_path = folder.join(META_FILE);
    let meta_name = meta_path.display().to_string();
    // The metadata first, alone, so that its errors point at `snapshot.json` itself.
    let meta = match std::fs::read(&meta_path) {
        Ok(bytes) => bytes,
        Err(e) => {
            let mut sink = Sink::new(&meta_name);
            sink.error(None, String::new, || {
                trf("loader.tables_cannot_open_file", &[("error", &e)])
            });
            return Ok(Parsed {
                store: None,
                findings: sink.finish(),
                bytes: 0,
            });
        }
    };
    let checked = parse_snapshot(meta.as_slice(), &meta_name, control.clone())?;
    if !checked.findings.is_valid() {
        return Ok(Parsed {
            store: None,
            findings: checked.findings,
            bytes: meta.len() as u64,
        });
    }
    let mut meta_warnings: Vec<Diagnostic> = checked
        .findings
        .warnings
        .into_iter()
        .filter(|w| w.message.starts_with(&unknown_field_prefix("")))
        .collect();
    let body = meta.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(&meta);
    let object: serde_json::Map<String, serde_json::Value> =
        serde_json::from_slice(body).unwrap_or_default();
    let mut header = serde_json::Map::new();
    for field in META_FIELDS {
        if let Some(v) = object.get(field) {
            header.insert(field.to_owned(), v.clone());
        }
    }
    for (section, _) in TABLES {
        if object.get(section).is_some_and(|v| !v.is_null()) {
            meta_warnings.push(Diagnostic::new(
                Severity::Warning,
                &meta_name,
                None,
                section.to_owned(),
                trf(
                    "loader.tables_meta_records",
                    &[("meta", &META_FILE), ("section", &section)],
                ),
            ));
        }
    }
    let header = serde_json::to_vec(&serde_json::Value::Object(header)).unwrap_or_default();
    let Some(header) = header.strip_suffix(b"}") else {
        return Ok(Parsed {
            store: None,
            findings: Findings::default(),
            bytes: 0,
        });
    };

    let (files, ignored) = table_files(folder);
    for (path, why) in ignored {
        meta_warnings.push(Diagnostic::new(
            Severity::Warning,
            &path.display().to_string(),
            None,
            String::new(),
            trf("loader.tables_ignored", &[("why", &why)]),
        ));
    }
    let bytes: u64 = files
        .iter()
        .filter_map(|f| std::fs::metadata(&f.path).ok())
        .map(|m| m.len())
        .sum::<u64>()
        + meta.len() as u64;
    let mut plan = Vec::new();
    // Parquet posts go column by column into the store, after the rest.
    let direct_posts: Vec<(u32, PathBuf)> = files
        .iter()
        .enumerate()
        .filter(|(_, f)| f.kind == Kind::Parquet && f.section == Some("posts"))
        .map(|(i, f)| (i as u32, f.path.clone()))
        .collect();
    for (section, _) in TABLES {
        let mut list = Vec::new();
        for (i, f) in files.iter().enumerate() {
            if cfg!(feature = "parquet") && f.kind == Kind::Parquet && f.section == Some("posts") {
                continue;
            }
            match f.section {
                Some(s) if s == section => list.push((i as u32, f.clone(), true)),
                // A mixed file reports records of no known kind once, on its first pass.
                None => list.push((i as u32, f.clone(), section == "accounts")),
                _ => {}
            }
        }
        if !list.is_empty() {
            plan.push((section, list));
        }
    }
    let shared = Rc::new(RefCell::new(Shared::default()));
    shared.borrow_mut().origins.push(Origin::Meta);
    let stream = Assembled {
        plan,
        section: 0,
        file: 0,
        current: None,
        written: 0,
        opened: false,
        out: header.to_vec(),
        at: 0,
        done: false,
        offset_min: object
            .get("utc_offset")
            .and_then(serde_json::Value::as_str)
            .and_then(crate::calendar::parse_offset)
            .unwrap_or(0),
        shared: Rc::clone(&shared),
    };
    let then_shared = Rc::clone(&shared);
    // The first Parquet posts table is decoding while the other tables are read; the next
    // (the shards of a big export may be hundreds) each start when their turn comes, so that
    // two decoders run at a time.
    #[cfg(feature = "parquet")]
    let mut first_posts = direct_posts
        .first()
        .map(|(_, path)| parquet::start_posts(path));
    let mut parsed = parse_snapshot_then(stream, &name, control.clone(), |direct| {
        #[cfg(feature = "parquet")]
        for (index, path) in &direct_posts {
            let table = first_posts
                .take()
                .unwrap_or_else(|| parquet::start_posts(path));
            parquet::read_posts(direct, *index, table, &then_shared);
        }
        #[cfg(not(feature = "parquet"))]
        let _ = (direct, &direct_posts, &then_shared);
    })?;
    drop(then_shared);
    let mut shared = shared.take();
    let names: Vec<String> = files.iter().map(|f| f.path.display().to_string()).collect();
    let mixed: Vec<bool> = files.iter().map(|f| f.section.is_none()).collect();
    let kind_warning = unknown_field_prefix("kind`");
    let point = |d: &mut Diagnostic| point_back(d, &shared.origins, &names, &meta_name);
    parsed.findings.errors.iter_mut().for_each(point);
    parsed.findings.warnings.iter_mut().for_each(point);
    // A mixed file's `kind` is how it says which table a record belongs to, not an unknown
    // field.
    parsed.findings.warnings.retain(|w| {
        let in_mixed = names.iter().zip(&mixed).any(|(n, &m)| m && *n == w.file);
        !(in_mixed && w.path.ends_with(".kind") && w.message.starts_with(&kind_warning))
    });
    if !shared.problems.is_empty() {
        parsed.store = None;
        let mut problems = shared.problems;
        problems.append(&mut parsed.findings.errors);
        parsed.findings.errors = problems;
    }
    meta_warnings.append(&mut shared.warnings);
    meta_warnings.append(&mut parsed.findings.warnings);
    parsed.findings.warnings = meta_warnings;
    parsed.bytes = bytes;
    Ok(parsed)
}

/// How an "unknown field" warning starts in the language shown, followed by `tail`: the
/// warnings are matched on their text (`unknown field `kind``).
fn unknown_field_prefix(tail: &str) -> String {
    let template = tr("loader.unknown_field");
    let head = template.split("{name}").next().unwrap_or(template);
    format!("{head}{tail}")
}

/// Points a message about the assembled snapshot at the table file, line or row it is about.
fn point_back(d: &mut Diagnostic, origins: &[Origin], names: &[String], meta: &str) {
    // A message that names another record by its line ("posts[0] (line 6) has the same id")
    // names it by its table's line or row (the messages are in the language shown).
    let open = tr("loader.line_open");
    if let Some(start) = d.message.find(open) {
        let rest = &d.message[start + open.len()..];
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        let other = rest[..digits]
            .parse::<usize>()
            .ok()
            .and_then(|l| origins.get(l.checked_sub(1)?));
        let file = |f: u32| names.get(f as usize).map_or("", String::as_str);
        let named = match other {
            Some(Origin::Line { file: f, n }) => Some(trf(
                "loader.tables_line_of",
                &[("n", n), ("file", &file(*f))],
            )),
            Some(Origin::Row { file: f, n }) => Some(trf(
                "loader.tables_row_of",
                &[("n", n), ("file", &file(*f))],
            )),
            _ => None,
        };
        if let Some(named) = named
            && rest[digits..].starts_with(')')
        {
            d.message = format!("{}{named}{}", &d.message[..start], &rest[digits + 1..]);
        }
    }
    let Some(line) = d.line else {
        return;
    };
    let Some(origin) = origins.get(line as usize - 1) else {
        return;
    };
    match *origin {
        Origin::Meta => {
            d.file = meta.to_owned();
            d.line = None;
            d.column = None;
        }
        Origin::Frame => {
            d.line = None;
            d.column = None;
        }
        Origin::Line { file, n } => {
            if let Some(name) = names.get(file as usize) {
                d.file = name.clone();
            }
            d.line = Some(n.min(u64::from(u32::MAX)) as u32);
        }
        Origin::Row { file, n } => {
            if let Some(name) = names.get(file as usize) {
                d.file = name.clone();
            }
            d.line = None;
            d.column = None;
            d.message = trf(
                "loader.tables_row_prefix",
                &[("n", &n), ("message", &d.message)],
            );
        }
    }
}
