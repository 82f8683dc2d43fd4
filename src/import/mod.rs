//! Importers: platform exports (CSV) turned into snapshot stores without losing or inventing a
//! number.
//!
//! Each file is read whole, decoded ([`decode`](mod@decode)), parsed as a table ([`table`]), and its family
//! recognised from its header (never from column positions). The family's importer maps columns
//! by name and fills a [`builder::Builder`], which keeps a report of every row: imported, or
//! skipped with a reason. Each file becomes its own store (its rows remember the file), and the
//! files of one import are merged by the snapshot rules: monthly exports of one account
//! overlap, and the latest export wins.

pub mod breakdown;
pub mod builder;
pub mod columns;
pub mod decode;
mod facebook;
mod ga4;
pub mod mapping;
pub mod table;
pub mod values;
pub mod web_source;
mod x_classic;
mod x_current;
mod youtube;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use builder::FileReport;
use decode::{Encoding, decode};
use table::Table;

use crate::calendar::{Day, Timestamp};
use crate::i18n::{tr, trf};
use crate::snapshot::LoadControl;
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
    /// Read every CSV file through this mapping instead of recognising its family.
    pub mapping: Option<Arc<mapping::Mapping>>,
    /// The snapshot cache to open snapshot files through (`None`: always parse; the default,
    /// so that only the command line, not a library caller, writes to the user's cache).
    pub cache: Option<crate::snapshot::cache::Cache>,
    /// Leave a new cache entry to the caller ([`crate::open::Opened::pending`]) instead of
    /// writing it before the data is handed over: the app shows the data first.
    pub defer_cache_write: bool,
}

impl Options {
    /// The account id: the flag, else a slug of `guess` (a handle or page name from the file).
    pub fn account_id(&self, guess: &str) -> String {
        self.account
            .clone()
            .unwrap_or_else(|| crate::text::slug(guess))
    }
}

/// One file's outcome: its store if anything was imported, and the report.
#[derive(Debug)]
pub struct Imported {
    pub store: Option<Store>,
    pub report: FileReport,
}

/// A file that was not imported, with why.
pub(crate) fn refused(
    file: &str,
    encoding: Option<Encoding>,
    problem: impl Into<String>,
) -> Imported {
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
    XPosts,
    XDaily,
    FacebookPage,
    FacebookPosts,
    YoutubeVideos,
    YoutubeDaily,
    YoutubeChart,
    YoutubeDimensionTable,
    Ga4,
    Mapping,
}

impl Family {
    /// What the family is, as reports say it, in the language shown.
    pub fn name(self) -> &'static str {
        tr(match self {
            Family::XClassicPosts => "importer.family_x_classic_posts",
            Family::XClassicDaily => "importer.family_x_classic_daily",
            Family::XPosts => "importer.family_x_posts",
            Family::XDaily => "importer.family_x_daily",
            Family::FacebookPage => "importer.family_facebook_page",
            Family::FacebookPosts => "importer.family_facebook_posts",
            Family::YoutubeVideos => "importer.family_youtube_videos",
            Family::YoutubeDaily => "importer.family_youtube_daily",
            Family::YoutubeChart => "importer.family_youtube_chart",
            Family::YoutubeDimensionTable => "importer.family_youtube_dimension_table",
            Family::Ga4 => "importer.family_ga4",
            Family::Mapping => "importer.family_mapping",
        })
    }

    /// A short stable id for scripts and tests.
    pub fn id(self) -> &'static str {
        match self {
            Family::XClassicPosts => "x-classic-posts",
            Family::XClassicDaily => "x-classic-daily",
            Family::XPosts => "x-posts",
            Family::XDaily => "x-daily",
            Family::FacebookPage => "facebook-page",
            Family::FacebookPosts => "facebook-posts",
            Family::YoutubeVideos => "youtube-videos",
            Family::YoutubeDaily => "youtube-daily",
            Family::YoutubeChart => "youtube-chart",
            Family::YoutubeDimensionTable => "youtube-dimension-table",
            Family::Ga4 => "ga4",
            Family::Mapping => "mapping",
        }
    }

    /// The family of a one-table export, from its columns. The order matters where one
    /// family's columns include another's (`Date` + `Views` is YouTube's totals only when no
    /// other family claims the table).
    pub fn detect(table: &Table) -> Option<Family> {
        if facebook::is_business_suite_content(table) {
            // Its `Post ID`, `Date` (the word "Lifetime") and `Impressions` or `Views` look
            // like X's posts or a YouTube chart to the rules below; it is neither.
            None
        } else if x_classic::is_posts(table) {
            Some(Family::XClassicPosts)
        } else if x_classic::is_daily(table) {
            Some(Family::XClassicDaily)
        } else if x_current::is_posts(table) {
            Some(Family::XPosts)
        } else if x_current::is_daily(table) {
            Some(Family::XDaily)
        } else if facebook::is_posts(table) {
            Some(Family::FacebookPosts)
        } else if facebook::is_page(table) {
            Some(Family::FacebookPage)
        } else if youtube::is_videos(table) {
            Some(Family::YoutubeVideos)
        } else if youtube::is_chart(table) {
            Some(Family::YoutubeChart)
        } else if youtube::is_dimension_table(table) {
            Some(Family::YoutubeDimensionTable)
        } else if youtube::is_daily(table) {
            Some(Family::YoutubeDaily)
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
    /// Progress and cancel of the load this import is part of.
    pub control: Option<&'a LoadControl>,
    /// The name of the file's folder (see [`folder_name`]); `None` for bytes without a file.
    pub folder: Option<&'a str>,
}

impl Context<'_> {
    /// The end of the file name's range as the export time (exports carry no export date).
    pub fn exported_at(&self) -> Option<Timestamp> {
        self.name_range.map(|(_, to)| end_of_day(to))
    }

    /// The file's account: the flags win, then what the file says (a handle, a page name),
    /// then its folder's name, then the platform's name. Files that name no account are
    /// kept apart by their folders: four people's exports in four folders are four accounts,
    /// not one `x` whose days replace each other's.
    pub fn account(
        &self,
        b: &mut builder::Builder,
        platform: Platform,
        handle: Option<String>,
        name: Option<&str>,
    ) -> u32 {
        let handle = self.options.handle.clone().or(handle);
        let named = |g: &&str| g.chars().any(char::is_alphanumeric);
        let guess = handle
            .as_deref()
            .map(|h| h.trim_start_matches('@'))
            .filter(named)
            .or(name.filter(named))
            .or(self.folder)
            .unwrap_or(platform.name());
        let id = self.options.account_id(guess);
        let platform = self.options.platform.unwrap_or(platform);
        b.account(&id, platform, handle.as_deref(), name)
    }

    /// A table's rows, reporting progress to the load (and stopping on its cancel).
    pub fn rows<'t>(&self, table: &'t Table) -> table::Rows<'t> {
        match self.control {
            Some(c) => table.rows().watched(c, table.size()),
            None => table.rows(),
        }
    }

    /// The offset for times written without one: the flag's, else UTC.
    pub fn offset_min(&self) -> i32 {
        self.options.utc_offset_min.unwrap_or(0)
    }
}

/// 23:59:59 UTC of a day: the export time a file's date range stands for.
pub fn end_of_day(day: Day) -> Timestamp {
    Timestamp {
        utc: (i64::from(day) + 1) * 86_400 - 1,
        offset_min: 0,
    }
}

/// Imports one export file from bytes; `name` names it in reports.
pub fn import_bytes(bytes: &[u8], name: &str, options: &Options) -> Imported {
    import_bytes_with(bytes, name, options, None)
}

/// [`import_bytes`] as part of a load: progress and cancel through `control`.
pub fn import_bytes_with(
    bytes: &[u8],
    name: &str,
    options: &Options,
    control: Option<&LoadControl>,
) -> Imported {
    import_bytes_in(bytes, name, options, control, None)
}

/// [`import_bytes_with`] for a file in `folder` (its name), which names the account when
/// the file does not.
fn import_bytes_in(
    bytes: &[u8],
    name: &str,
    options: &Options,
    control: Option<&LoadControl>,
    folder: Option<&str>,
) -> Imported {
    if let Some(problem) = not_text(&bytes[..bytes.len().min(table::HEAD_BYTES)]) {
        return refused(name, None, problem);
    }
    if let Some(m) = &options.mapping {
        return mapping::import(bytes, name, m, options, control, folder);
    }
    let decoded = decode::decode_lines(bytes);
    let encoding = decoded.encoding;
    if decoded.text.trim().is_empty() {
        return refused(name, Some(encoding), tr("importer.file_empty"));
    }
    let text: Arc<str> = Arc::from(decoded.text);
    // Lines read as Windows-1252 in a UTF-8 file: counted, with the first one's line.
    let recoded = |mut imported: Imported| {
        if decoded.recoded > 0 && imported.report.family.is_some() {
            let line = table::lines_in(text.as_bytes(), &[decoded.first_recoded as u64]);
            imported.report.recoded.insert(
                builder::recoded().to_owned(),
                builder::Skipped {
                    count: decoded.recoded,
                    first_line: line.first().copied().unwrap_or(0),
                    first_at: decoded.first_recoded as u64,
                },
            );
        }
        imported
    };
    let file_name = file_name_of(name);
    let ctx = Context {
        file: name,
        file_name: &file_name,
        encoding,
        options,
        name_range: values::range_in_name(&file_name),
        control,
        folder,
    };
    if ga4::is_ga4(&text) {
        let (store, mut report) = ga4::import(&text, &ctx);
        report.resolve_lines(|at| table::lines_in(text.as_bytes(), at));
        return recoded(done(store, report, options));
    }
    match Table::in_text(Arc::clone(&text), 0..text.len()) {
        Ok(t) => recoded(import_table(&t, &ctx)),
        Err(e) => refused(
            name,
            Some(encoding),
            trf("importer.not_csv", &[("error", &e)]),
        ),
    }
}

/// Imports one file from disk. A UTF-8 file is streamed (a million rows never sit in memory
/// as text); other encodings, and GA4's multi-table files, are read whole and decoded.
pub fn import_file(path: &Path, options: &Options) -> Imported {
    import_file_with(path, options, None)
}

/// [`import_file`] as part of a load: progress and cancel through `control`.
///
/// Only a regular file is read, and its head (the first 64 KiB) is looked at before the
/// rest: an archive, an image or a binary file is named as such, and a file whose head is no
/// known export (or lacks a mapping's columns) is refused without reading the rest, so a
/// 2 GB file that is not an export costs 64 KiB, not gigabytes.
pub fn import_file_with(path: &Path, options: &Options, control: Option<&LoadControl>) -> Imported {
    use std::io::Read;
    let name = path.display().to_string();
    let folder = folder_name(path);
    let folder = folder.as_deref();
    let (mut file, len) = match crate::storage::open_regular(path) {
        Ok(opened) => opened,
        Err(e) => return refused(&name, None, trf("importer.cannot_read", &[("error", &e)])),
    };
    let mut head = Vec::with_capacity(table::HEAD_BYTES);
    if let Err(e) = (&mut file)
        .take(table::HEAD_BYTES as u64)
        .read_to_end(&mut head)
    {
        return refused(&name, None, trf("importer.cannot_read", &[("error", &e)]));
    }
    if let Some(problem) = not_text(&head) {
        return refused(&name, None, problem);
    }
    let complete = head.len() as u64 >= len;
    // The rest of the file after the head, read whole (for encodings that are not streamed).
    let whole = |name: &str, mut file: std::fs::File, mut bytes: Vec<u8>| match file
        .read_to_end(&mut bytes)
    {
        Ok(_) => import_bytes_in(&bytes, name, options, control, folder),
        Err(e) => refused(name, None, trf("importer.cannot_read", &[("error", &e)])),
    };
    if let Some(m) = &options.mapping {
        if !complete && let Some(refusal) = mapping::refuse_by_head(&head, &name, m) {
            return refusal;
        }
        return whole(&name, file, head);
    }
    let len = len as usize;
    // Only a plain UTF-8 file streams: its head must be UTF-8 (but for a character cut at
    // the end of the head) and hold no GA4 preamble.
    let head_text = match std::str::from_utf8(&head) {
        Ok(s) => Some(s),
        Err(e) if e.error_len().is_none() => std::str::from_utf8(&head[..e.valid_up_to()]).ok(),
        Err(_) => None,
    };
    let streams = head_text.is_some_and(|t| {
        !(t.trim().is_empty()
            || ga4::is_ga4(t)
            || head.starts_with(&[0xFF, 0xFE])
            || head.starts_with(&[0xFE, 0xFF]))
    });
    if !streams {
        if !complete && let Some(refusal) = refuse_by_head(&head, &name, options) {
            return refusal;
        }
        return whole(&name, file, head);
    }
    drop(file);
    let encoding = if head.starts_with(&[0xEF, 0xBB, 0xBF]) {
        Encoding::Utf8Bom
    } else {
        Encoding::Utf8
    };
    let file_name = file_name_of(&name);
    let ctx = Context {
        file: &name,
        file_name: &file_name,
        encoding,
        options,
        name_range: values::range_in_name(&file_name),
        control,
        folder,
    };
    match Table::in_file(path, &head, len) {
        Ok(t) => import_table(&t, &ctx),
        Err(e) => refused(
            &name,
            Some(encoding),
            trf("importer.not_csv", &[("error", &e)]),
        ),
    }
}

/// Why a file's first bytes are not text to read as an export: an archive, an image or a
/// document by its magic number, or a NUL byte (UTF-16, which has many, is decoded, and is
/// recognised by its byte-order mark).
fn not_text(head: &[u8]) -> Option<String> {
    if let Some(kind) = crate::snapshot::archive_kind(head) {
        return Some(kind.to_owned());
    }
    if head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]) {
        return None;
    }
    // Text has no NUL and next to no other control bytes; random or binary data has many.
    let control = |b: &u8| *b < 0x20 && !b"\t\n\r\x0c\x1a".contains(b);
    if head.iter().filter(|b| control(b)).count() > head.len() / 100 + 2
        && let Some(at) = head.iter().position(|b| *b != 0 && control(b))
    {
        return Some(trf(
            "importer.control_bytes",
            &[("byte", &format_args!("{:02x}", head[at])), ("offset", &at)],
        ));
    }
    let at = head.iter().position(|&b| b == 0)?;
    let utf16 = head.len() >= 4 && head.iter().skip(1).step_by(2).take(64).all(|&b| b == 0);
    let hint = if utf16 {
        tr("importer.utf16_no_bom")
    } else {
        ""
    };
    Some(trf(
        "importer.nul_byte",
        &[("offset", &at), ("hint", &hint)],
    ))
}

/// The refusal of a file whose head (its first 64 KiB, of a bigger file) shows it is no
/// known export, so that the rest is never read; `None` when the head is an export (or a GA4
/// file) and the file should be read.
fn refuse_by_head(head: &[u8], name: &str, options: &Options) -> Option<Imported> {
    let (text, encoding) = decode(head);
    // The head ends in the middle of a line: only whole lines are judged.
    let text = text.rfind('\n').map_or(text.as_str(), |end| &text[..=end]);
    if ga4::is_ga4(text) {
        return None;
    }
    let table = match Table::parse(text) {
        Ok(t) => t,
        Err(e) => {
            return Some(refused(
                name,
                Some(encoding),
                trf("importer.not_csv_head", &[("error", &e)]),
            ));
        }
    };
    if Family::detect(&table).is_some() {
        return None;
    }
    let file_name = file_name_of(name);
    let ctx = Context {
        file: name,
        file_name: &file_name,
        encoding,
        options,
        name_range: None,
        control: None,
        folder: None,
    };
    Some(import_table(&table, &ctx))
}

/// The name of the folder a file is in: its parent as given, or, for a file named without
/// one (`Totals.csv`, in the current folder), the current folder's. Exports that do not name
/// their account (YouTube Studio, X's current exports) are downloaded into a folder per
/// account far more often than not.
pub fn folder_name(path: &Path) -> Option<String> {
    let parent = path.parent().filter(|p| !p.as_os_str().is_empty());
    let absolute = match parent {
        Some(p) => std::path::absolute(p).ok()?,
        None => std::env::current_dir().ok()?,
    };
    // `absolute` keeps `..` (it does not touch the disk); the real folder then says.
    let folder = match absolute.components().next_back() {
        Some(std::path::Component::Normal(name)) => name.to_string_lossy().into_owned(),
        _ => std::fs::canonicalize(&absolute)
            .ok()?
            .file_name()?
            .to_string_lossy()
            .into_owned(),
    };
    Some(folder).filter(|f| f.chars().any(char::is_alphanumeric))
}

/// The file name without folders (account names are often in it).
pub(crate) fn file_name_of(name: &str) -> String {
    Path::new(name)
        .file_name()
        .map_or(name.to_owned(), |n| n.to_string_lossy().into_owned())
}

/// Recognises a one-table export and imports it.
fn import_table(table: &Table, ctx: &Context) -> Imported {
    let Some(family) = Family::detect(table) else {
        // Shown escaped: the header of a file that is not an export can hold anything.
        let header: Vec<String> = table.header.iter().take(6).map(|h| printable(h)).collect();
        // One column holding `;` or tabs: the file is separated by something else.
        let separator = match table.header.as_slice() {
            [only] if only.contains(';') => tr("importer.separated_semicolon"),
            [only] if only.contains('\t') => tr("importer.separated_tab"),
            _ => "",
        };
        return refused(
            ctx.file,
            Some(ctx.encoding),
            trf(
                "importer.not_known_export",
                &[
                    ("columns", &clip(&header.join(", "), 120)),
                    ("separator", &separator),
                ],
            ),
        );
    };
    let (store, mut report) = match family {
        Family::XClassicPosts => x_classic::posts(table, ctx),
        Family::XClassicDaily => x_classic::daily(table, ctx),
        Family::XPosts => x_current::posts(table, ctx),
        Family::XDaily => x_current::daily(table, ctx),
        Family::FacebookPage => facebook::page(table, ctx),
        Family::FacebookPosts => facebook::posts(table, ctx),
        Family::YoutubeVideos => youtube::videos(table, ctx),
        Family::YoutubeDaily => youtube::daily(table, ctx),
        Family::YoutubeChart => youtube::chart(table, ctx),
        Family::YoutubeDimensionTable => youtube::dimension_table(table, ctx),
        // Never detected from a single table: read above, or through a mapping.
        Family::Ga4 | Family::Mapping => {
            return refused(
                ctx.file,
                Some(ctx.encoding),
                tr("importer.not_table_export"),
            );
        }
    };
    report.resolve_lines(|at| table.lines_of(at));
    done(store, report, ctx.options)
}

/// Text from a file made safe to show: control and bidi characters, and the replacement
/// character that stands for bytes that could not be decoded, as `\u{…}` escapes.
fn printable(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_control() || crate::text::is_bidi_control(c) || c == '\u{FFFD}' {
            out.push_str(&c.escape_unicode().to_string());
        } else {
            out.push(c);
        }
    }
    out
}

/// `text` cut to `max` characters, with an ellipsis when cut.
fn clip(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut out: String = text.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// A file's outcome: a store only when it holds something, its days counted in the
/// `--utc-offset` when one is given.
pub(crate) fn done(mut store: Store, mut report: FileReport, options: &Options) -> Imported {
    if let Some(offset) = options.utc_offset_min {
        count_days_in(&mut store, &mut report, offset);
    }
    Imported {
        store: (report.rows_imported > 0).then_some(store),
        report,
    }
}

/// Counts an export's days in `offset_min` (the `--utc-offset` flag): the store's
/// `utc_offset` becomes it, and post times that carried their own offset (X's `+0000`) are
/// shown at it: the same instants, so a post at 23:30 UTC is on the previous day at -05:00,
/// as the account's audience lived it. Times written without an offset were read at it
/// already; dates (daily and web rows) are calendar dates and stay as written.
fn count_days_in(store: &mut Store, report: &mut FileReport, offset_min: i32) {
    let Ok(offset) = i16::try_from(offset_min) else {
        return;
    };
    let posts = &mut store.posts;
    let mut moved = 0usize;
    for (&utc, own) in posts.published.iter().zip(posts.offset_min.iter_mut()) {
        let shown = Timestamp {
            utc,
            offset_min: offset,
        };
        // A time at the very end of year 9999 may not be writable at another offset: it
        // keeps its own (the snapshot allows posts their own offsets).
        if *own != offset && values::writable(shown) {
            *own = offset;
            moved += 1;
        }
    }
    store.utc_offset_min = offset_min;
    for source in &mut store.sources {
        source.utc_offset_min = offset_min;
    }
    store.assign_post_days();
    if moved > 0 {
        report.notes.push(trf(
            "importer.own_offset",
            &[
                ("n", &moved),
                ("offset", &crate::calendar::format_offset(offset_min)),
            ],
        ));
    }
}

/// Whether a file is an engage snapshot (JSON) rather than an export: its first non-blank
/// character (in UTF-8, or in UTF-16 with a byte-order mark, so that the snapshot loader
/// says the file is UTF-16). Only a regular file is looked at.
pub fn is_snapshot(path: &Path) -> bool {
    use std::io::Read;
    let mut head = [0u8; 512];
    let n = crate::storage::open_regular(path)
        .and_then(|(mut f, _)| f.read(&mut head))
        .unwrap_or(0);
    let head = &head[..n];
    if let Some(rest) = head.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return rest.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{');
    }
    if head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]) {
        let (text, _) = decode(&head[..n - n % 2]);
        return text.trim_start().starts_with('{');
    }
    head.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{')
}

/// What a path stands for: itself, or a folder's CSV and JSON files (sorted, sub-folders
/// included), with the folder's other files listed as skipped and the folders that could
/// not be read with why.
#[derive(Debug, Default)]
pub struct Expanded {
    pub files: Vec<PathBuf>,
    pub skipped: Vec<(PathBuf, String)>,
    pub unreadable: Vec<(PathBuf, std::io::Error)>,
}

/// The files a path stands for: itself, or a folder's CSV and JSON files (sorted), with the
/// other files of a folder listed as skipped and the folders that cannot be read.
/// The paths given and every file engage reads under the folders among them: what an
/// output (`-o`) must never replace. A report written into the folder it reads is fine; one
/// written over an export in that folder would destroy it.
pub fn inputs_of(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut all = paths.to_vec();
    for p in paths.iter().filter(|p| p.is_dir()) {
        all.extend(expand(p).files);
    }
    all
}

pub fn expand(path: &Path) -> Expanded {
    let mut out = Expanded::default();
    if path.is_dir() {
        expand_into(path, &mut out, &mut std::collections::HashSet::new());
    } else {
        out.files.push(path.to_path_buf());
    }
    out
}

/// Adds a folder's files to `out`; `seen` holds the folders read so far (by their real
/// path), so a symbolic link back up the tree is read once, not until the path is too long.
fn expand_into(path: &Path, out: &mut Expanded, seen: &mut std::collections::HashSet<PathBuf>) {
    if let Ok(real) = std::fs::canonicalize(path)
        && !seen.insert(real)
    {
        return;
    }
    let mut entries = Vec::new();
    match std::fs::read_dir(path) {
        Ok(dir) => {
            for entry in dir {
                match entry {
                    Ok(e) => entries.push(e.path()),
                    Err(e) => out.unreadable.push((path.to_path_buf(), e)),
                }
            }
        }
        Err(e) => {
            out.unreadable.push((path.to_path_buf(), e));
            return;
        }
    }
    entries.sort();
    for p in entries {
        let ext = p.extension().map(|e| e.to_string_lossy().to_lowercase());
        if crate::snapshot::tables::is_tables_folder(&p) {
            // Snapshot tables inside a folder of exports: one snapshot, read as a whole.
            out.files.push(p);
        } else if p.is_dir() {
            expand_into(&p, out, seen);
        } else if matches!(ext.as_deref(), Some("csv" | "json" | "tsv")) {
            out.files.push(p);
        } else if !p
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'))
        {
            out.skipped
                .push((p, tr("importer.not_csv_or_json").to_owned()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::snapshot::model::PostCount;

    /// A file whose first 64 KiB are ASCII and whose later bytes are Windows-1252: streamed
    /// as UTF-8, the row whose cells are not read as Windows-1252 (that row alone, counted
    /// with its line), never the whole file again.
    #[test]
    fn a_late_windows_1252_byte_is_read_in_its_row() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(
            "Facebook Insights Data Export (Post Level) - Page - 2014-01-01 - 2016-01-01.csv",
        );
        let mut bytes =
            b"Post ID,Permalink,Post Message,Type,Posted,Lifetime Post Total Reach\r\n".to_vec();
        let mut n = 0;
        while bytes.len() < table::HEAD_BYTES + 100 {
            n += 1;
            bytes.extend(
                format!("1_{n},https://x/{n},plain text,Photo,01/02/2015 10:00:00 AM,{n}\r\n")
                    .as_bytes(),
            );
        }
        bytes.extend(b"1_last,https://x/last,caf");
        bytes.push(0xE9);
        bytes.extend(b" \x93quoted\x94,Link,01/03/2015 11:00:00 PM,7\r\n");
        std::fs::write(&path, &bytes).unwrap();
        let control = LoadControl::default();
        let imported = import_file_with(&path, &Options::default(), Some(&control));
        let r = &imported.report;
        assert_eq!(r.encoding, Some("UTF-8 (some rows Windows-1252)"));
        let recoded = &r.recoded[builder::recoded()];
        assert_eq!((recoded.count, recoded.first_line), (1, n as u64 + 2));
        let read = control
            .bytes_read
            .load(std::sync::atomic::Ordering::Relaxed);
        assert!(
            read <= bytes.len() as u64,
            "read once: {read} of {}",
            bytes.len()
        );
        assert_eq!(r.family_id, Some("facebook-posts"));
        assert_eq!((r.rows_read, r.rows_imported), (n + 1, n + 1));
        let store = imported.store.unwrap();
        let last = store.posts.len() - 1;
        assert_eq!(
            store.posts.text.get(last),
            "caf\u{e9} \u{201c}quoted\u{201d}"
        );
        assert_eq!(store.posts.count(PostCount::Reach, last), Some(7));
    }
}
