//! The snapshot parser: drives the JSON reader through format v1 and builds the [`Store`]
//! directly, with no intermediate records.
//!
//! One pass collects every error it can (wrong types, bad values, duplicates, unknown account
//! references) so that a user fixes a file once, not once per error. A syntax error ends the
//! pass, since nothing after it can be trusted. Checks that need the whole file (an account
//! defined after the posts that name it, posts dated after `exported_at`) run at the end.

mod checks;
mod direct;
mod duplicates;
mod posts;
mod records;
mod sniff;
pub(crate) mod split;
mod values;

pub(crate) use sniff::archive_kind;

use std::io::Read;

use hashbrown::HashMap;

use super::diagnostics::{Findings, Sink};
use super::json::{FatalKind, JsonReader, LoadControl, Pos};
use super::model::{FORMAT_NAME, FORMAT_VERSION};
use super::store::{Interner, SourceFile, Store};
use crate::calendar;
use crate::i18n::{tr, trf};
#[cfg_attr(not(feature = "parquet"), allow(unused_imports))]
pub(crate) use direct::{CleanRows, CountCell, Direct, Packed, PostRow, Published};
use values::{R, key_segment, wrong};

/// The result of reading one file: the store if the file is valid, and what was found.
#[derive(Debug)]
pub struct Parsed {
    /// `None` when the file has errors: a refused file contributes nothing.
    pub store: Option<Store>,
    pub findings: Findings,
    /// Bytes read from the source.
    pub bytes: u64,
}

/// The load was cancelled through [`LoadControl::cancel`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("{}", tr("loader.cancelled"))]
pub struct Cancelled;

/// Reads one snapshot from `src`; `name` is how messages name the file.
pub fn parse_snapshot<S: Read>(
    src: S,
    name: &str,
    control: LoadControl,
) -> Result<Parsed, Cancelled> {
    parse_snapshot_sized(src, name, control, None)
}

/// As [`parse_snapshot`], with the input's size when known, so that the store and the
/// duplicate-post table are sized once instead of growing (and rehashing) a dozen times.
pub fn parse_snapshot_sized<S: Read>(
    src: S,
    name: &str,
    control: LoadControl,
    size: Option<u64>,
) -> Result<Parsed, Cancelled> {
    parse_with(
        src,
        name,
        control,
        size,
        None,
        None::<fn(&mut Direct<'_, S>)>,
    )
}

/// As [`parse_snapshot_sized`] for a file whose path is known (a second thread opens it
/// again to parse the second half of a big `posts` array; see [`split`]). `skip` moves
/// `src` forward over the bytes that thread parsed.
pub(crate) fn parse_snapshot_split<S: Read>(
    src: S,
    name: &str,
    control: LoadControl,
    plan: split::SplitPlan<S>,
) -> Result<Parsed, Cancelled> {
    let size = plan.size;
    parse_with(
        src,
        name,
        control,
        Some(size),
        Some(plan),
        None::<fn(&mut Direct<'_, S>)>,
    )
}

/// As [`parse_snapshot`], then `then` adds posts from a columnar table (see [`Direct`])
/// before the whole-file checks run: a folder of snapshot tables whose posts are Parquet.
pub(crate) fn parse_snapshot_then<S: Read>(
    src: S,
    name: &str,
    control: LoadControl,
    then: impl FnOnce(&mut Direct<'_, S>),
) -> Result<Parsed, Cancelled> {
    parse_with(src, name, control, None, None, Some(then))
}

/// The parse both take: the records, then (when given, and the file is not refused) the
/// columnar posts, then the whole-file checks; a syntax or read error is reported where
/// the parser stopped.
fn parse_with<S: Read>(
    src: S,
    name: &str,
    control: LoadControl,
    size: Option<u64>,
    split: Option<split::SplitPlan<S>>,
    then: Option<impl FnOnce(&mut Direct<'_, S>)>,
) -> Result<Parsed, Cancelled> {
    let mut p = Parser::new(src, name, control.clone());
    if let Some(size) = size {
        p.reserve_for(size);
    }
    p.split = split;
    let outcome = p.top();
    let bytes = p.r.offset();
    let completed = outcome.is_ok();
    match outcome.map_err(|f| *f.0) {
        Ok(()) => {
            if let Some(then) = then.filter(|_| !p.refused) {
                let offset_min = p.utc_offset.unwrap_or(0);
                let mut direct = Direct {
                    p: &mut p,
                    offset_min,
                    control,
                };
                then(&mut direct);
                if direct.cancelled() {
                    return Err(Cancelled);
                }
            }
        }
        Err(FatalKind::Cancelled) => return Err(Cancelled),
        Err(FatalKind::Syntax { pos, message }) => {
            let path = p.at.path();
            p.sink.error(Some(pos), || path, || message);
        }
        Err(FatalKind::Io(e)) => {
            let pos = p.r.pos();
            let path = p.at.path();
            p.sink.error(
                Some(pos),
                || path,
                || trf("loader.cannot_read", &[("error", &e)]),
            );
        }
    }
    Ok(p.finish(bytes, completed))
}

/// Account ids as met in the file, before we know which are defined: posts may come before
/// the accounts they name.
#[derive(Default)]
struct AccountRefs {
    ids: Interner,
    /// For each provisional id: its index in `store.accounts`, once defined.
    defined: Vec<Option<u32>>,
    /// For each provisional id: where it was first referenced, and how often.
    first_ref: Vec<Option<(Pos, String)>>,
    ref_count: Vec<u64>,
}

impl AccountRefs {
    fn provisional(&mut self, id: &str) -> u32 {
        let p = self.ids.intern(id);
        if p as usize == self.defined.len() {
            self.defined.push(None);
            self.first_ref.push(None);
            self.ref_count.push(0);
        }
        p
    }

    /// Notes a reference to `id` from a post or daily row at `pos`.
    fn reference(&mut self, id: &str, pos: Pos, path: impl FnOnce() -> String) -> u32 {
        let p = self.provisional(id);
        let i = p as usize;
        if self.first_ref[i].is_none() {
            self.first_ref[i] = Some((pos, path()));
        }
        self.ref_count[i] += 1;
        p
    }
}

/// Notes an unknown field of a record kind: reported once, with how often it occurs.
fn note_unknown(
    unknown: &mut HashMap<(&'static str, String), Unknown>,
    record: &'static str,
    name: String,
    at: Pos,
    path: impl FnOnce() -> String,
) {
    unknown
        .entry((record, name))
        .and_modify(|u| u.count += 1)
        .or_insert_with(|| Unknown {
            count: 1,
            pos: at,
            path: path(),
        });
}

/// An unknown field, reported once per record kind with how often it occurs.
struct Unknown {
    count: u64,
    pos: Pos,
    path: String,
}

/// Where the parser is, so that a syntax error (which ends the parse) still says in which
/// field or record it happened. Updated per top-level field and per record, never per value.
#[derive(Default)]
enum Where {
    /// Between the members of the snapshot object.
    #[default]
    Top,
    /// In the value of a top-level field, such as between the records of `posts`.
    Field(&'static str),
    /// In the value of an unknown top-level field, by its path.
    Unknown(String),
    /// In record `i` of a section.
    Record(&'static str, usize),
}

impl Where {
    fn path(&self) -> String {
        match self {
            Where::Top => String::new(),
            Where::Field(name) => (*name).to_owned(),
            Where::Unknown(path) => path.clone(),
            Where::Record(section, i) => format!("{section}[{i}]"),
        }
    }
}

pub(super) struct Parser<S> {
    r: JsonReader<S>,
    sink: Sink,
    store: Store,
    refs: AccountRefs,
    hasher: hashbrown::DefaultHashBuilder,
    /// The posts whose id and account were read, for the duplicate check at the end.
    ids_at: Vec<duplicates::IdAt>,
    /// The line each post starts on, for messages about duplicates.
    post_lines: Vec<u32>,
    /// Daily rows by (provisional account, day) and web rows by (day, channel).
    daily_keys: HashMap<u64, (u32, u32)>,
    web_keys: HashMap<u64, (u32, u32)>,
    unknown: HashMap<(&'static str, String), Unknown>,
    format_seen: bool,
    version_seen: bool,
    /// Set when the file is of another format or version: nothing else in it is reported.
    refused: bool,
    utc_offset: Option<i32>,
    at: Where,
    /// A big file's `posts` array may be parsed in two halves (see [`split`]); taken when
    /// the array starts.
    split: Option<split::SplitPlan<S>>,
}

impl<S: Read> Parser<S> {
    fn new(src: S, name: &str, control: LoadControl) -> Self {
        Self::with_reader(JsonReader::new(src, control), name)
    }

    fn with_reader(r: JsonReader<S>, name: &str) -> Self {
        let mut store = Store::default();
        store.posts.tag_offsets.push(0);
        Parser {
            r,
            sink: Sink::new(name),
            store,
            refs: AccountRefs::default(),
            hasher: hashbrown::DefaultHashBuilder::default(),
            ids_at: Vec::new(),
            post_lines: Vec::new(),
            daily_keys: HashMap::new(),
            web_keys: HashMap::new(),
            unknown: HashMap::new(),
            format_seen: false,
            version_seen: false,
            refused: false,
            utc_offset: None,
            at: Where::Top,
            split: None,
        }
    }

    /// Reserves room for the posts a file of `size` bytes likely holds (about 300 bytes a
    /// post in a typical export; capped so that a huge file of daily rows costs little).
    fn reserve_for(&mut self, size: u64) {
        let posts = usize::try_from(size / 300)
            .unwrap_or(usize::MAX)
            .min(20_000_000);
        self.ids_at.reserve(posts);
        self.post_lines.reserve(posts);
        let p = &mut self.store.posts;
        p.account.reserve(posts);
        p.published.reserve(posts);
        p.offset_min.reserve(posts);
        p.format.reserve(posts);
        p.source.reserve(posts);
        p.tag_offsets.reserve(posts);
        for c in &mut p.counts {
            c.reserve(posts);
        }
    }

    fn top(&mut self) -> R<()> {
        if !self.sniff()? {
            return Ok(());
        }
        self.r.expect(b'{', "`{`")?;
        let mut first = true;
        let mut seen: u32 = 0;
        while let Some(key) = self.r.next_key(&mut first, TopField::classify)? {
            self.r.peek()?;
            let at = self.r.pos();
            if let Some(bit) = key.bit() {
                if seen & bit != 0 {
                    let name = key.name();
                    self.sink.error(
                        Some(at),
                        || name.to_owned(),
                        || trf("loader.key_twice", &[("name", &name)]),
                    );
                }
                seen |= bit;
            }
            self.at = match &key {
                TopField::Unknown(name) => {
                    Where::Unknown(key_segment(name).trim_start_matches('.').to_owned())
                }
                TopField::BadKey(_) => Where::Top,
                known => Where::Field(known.name()),
            };
            match key {
                TopField::Format => self.format(at)?,
                TopField::Version => self.version(at)?,
                TopField::Title => {
                    let title =
                        values::string(&mut self.r, &mut self.sink, || "title".into(), true)?;
                    self.store.title = title.map(str::to_owned);
                }
                TopField::ExportedAt => {
                    self.store.exported_at = values::timestamp(
                        &mut self.r,
                        &mut self.sink,
                        || "exported_at".into(),
                        true,
                    )?;
                }
                TopField::UtcOffset => {
                    self.utc_offset = values::parsed(
                        &mut self.r,
                        &mut self.sink,
                        || "utc_offset".into(),
                        true,
                        || crate::i18n::tr("loader.offset_expected"),
                        |s| (s.len() == 6).then(|| calendar::parse_offset(s)).flatten(),
                        |_| None,
                    )?;
                }
                TopField::Accounts => self.records("accounts", Self::account)?,
                TopField::Posts => self.records("posts", Self::post)?,
                TopField::Daily => self.records("daily", Self::daily)?,
                TopField::Web => self.records("web", Self::web)?,
                TopField::WebTotals => self.records("web_totals", Self::web_total)?,
                TopField::Unknown(name) => {
                    let path = self.at.path();
                    note_unknown(&mut self.unknown, "snapshot", name, at, || path.clone());
                    values::skip_unknown(&mut self.r, &mut self.sink, || path)?;
                }
                TopField::BadKey(problem) => {
                    let key_at = self.r.key_pos();
                    self.sink.error(Some(key_at), String::new, || {
                        trf(
                            "loader.bad_key",
                            &[("problem", &values::describe_problem(&problem))],
                        )
                    });
                    self.r.read_found()?;
                }
            }
            self.at = Where::Top;
            if self.refused {
                return Ok(());
            }
        }
        self.r.expect_end()
    }

    fn format(&mut self, at: Pos) -> R<()> {
        self.format_seen = true;
        if self.r.peek()? != Some(b'"') {
            let expected = trf("loader.the_string", &[("value", &FORMAT_NAME)]);
            return wrong(
                &mut self.r,
                &mut self.sink,
                at,
                || "format".into(),
                &expected,
            );
        }
        let value = values::string(&mut self.r, &mut self.sink, || "format".into(), false)?;
        if let Some(v) = value
            && v != FORMAT_NAME
        {
            let found = super::json::quote_preview(v);
            self.sink.clear_errors();
            self.sink.error(
                Some(at),
                || "format".into(),
                || {
                    trf(
                        "loader.not_engage_snapshot",
                        &[("name", &FORMAT_NAME), ("found", &found)],
                    )
                },
            );
            self.refused = true;
        }
        Ok(())
    }

    fn version(&mut self, at: Pos) -> R<()> {
        self.version_seen = true;
        let next = self.r.peek()?;
        if matches!(next, Some(b'0'..=b'9')) {
            let n = self.r.read_number()?;
            let text = self.r.number_text();
            // The format's version is an integer: `1.0` or `1e0` is not one (counts accept
            // `12.0`, as JSON Schema does; a version does not).
            if matches!(n, super::json::Number::Unsigned(FORMAT_VERSION))
                && text.bytes().any(|b| matches!(b, b'.' | b'e' | b'E'))
            {
                let found = text.to_owned();
                self.sink.error(
                    Some(at),
                    || "version".into(),
                    || {
                        trf(
                            "loader.expected_integer",
                            &[("version", &FORMAT_VERSION), ("found", &found)],
                        )
                    },
                );
                return Ok(());
            }
            match n {
                super::json::Number::Unsigned(FORMAT_VERSION) => return Ok(()),
                super::json::Number::Unsigned(v) if v > FORMAT_VERSION => {
                    self.sink.clear_errors();
                    self.sink.error(
                        Some(at),
                        || "version".into(),
                        || {
                            trf(
                                "loader.version_newer",
                                &[("found", &v), ("version", &FORMAT_VERSION)],
                            )
                        },
                    );
                    self.refused = true;
                }
                _ => self.sink.error(
                    Some(at),
                    || "version".into(),
                    || {
                        trf(
                            "loader.version_unsupported",
                            &[("found", &text), ("version", &FORMAT_VERSION)],
                        )
                    },
                ),
            }
            return Ok(());
        }
        wrong(
            &mut self.r,
            &mut self.sink,
            at,
            || "version".into(),
            &trf("loader.the_integer", &[("version", &FORMAT_VERSION)]),
        )
    }

    /// Reads an array of records, calling `item` for each element.
    fn records(&mut self, name: &'static str, item: fn(&mut Self, usize) -> R<()>) -> R<()> {
        let next = self.r.peek()?;
        let at = self.r.pos();
        match next {
            Some(b'[') => {
                self.r.expect(b'[', "`[`")?;
                // The posts of a big file: a second thread may parse the second half.
                let plan = if name == "posts" {
                    self.split.take()
                } else {
                    None
                };
                let mut half = match plan {
                    Some(plan) => split::Half::spawn(
                        &plan,
                        self.r.offset(),
                        self.sink.file(),
                        self.r.control(),
                    )
                    .map(|h| (h, plan.skip)),
                    _ => None,
                };
                let mut first = true;
                let mut i = 0;
                while self.r.next_item(&mut first)? {
                    if let Some((h, _)) = &half {
                        let here = self.r.offset();
                        if here >= h.start {
                            let took = here == h.start;
                            if let Some((h, skip)) = half.take()
                                && took
                                && self.take_half(h, i, skip)?
                            {
                                self.at = Where::Field(name);
                                return Ok(());
                            }
                        }
                    }
                    self.at = Where::Record(name, i);
                    item(self, i)?;
                    self.at = Where::Field(name);
                    i += 1;
                }
                Ok(())
            }
            Some(b'n') => self.r.read_null().map(|_| ()),
            _ => wrong(
                &mut self.r,
                &mut self.sink,
                at,
                || name.into(),
                tr("loader.array_of_records"),
            ),
        }
    }

    /// At record `i`, which starts where the second half did: waits for it and, when it
    /// succeeded, takes it in and moves past it (the array's `]` included). False when it
    /// failed: this thread parses on from here.
    fn take_half(&mut self, half: split::Half, i: usize, skip: split::Skip<S>) -> R<bool> {
        let Some(mut done) = half.join() else {
            return Ok(false);
        };
        let blocks = done.blocks();
        let line = self.r.pos().line;
        let (end, end_line, end_line_start) = self.absorb(done, i, line);
        self.r.jump(end, end_line, end_line_start, |src, n| {
            skip(src, n, blocks.as_ref())
        })?;
        Ok(true)
    }

    /// Consumes the `{` of a record, or reports what is there instead. Returns the record's
    /// position when it is an object.
    /// `what` is the catalogue key of what a record must be (`loader.what_post`).
    fn open_record(&mut self, section: &'static str, i: usize, what: &str) -> R<Option<Pos>> {
        let next = self.r.peek()?;
        let at = self.r.pos();
        if next == Some(b'{') {
            self.r.expect(b'{', "`{`")?;
            return Ok(Some(at));
        }
        wrong(
            &mut self.r,
            &mut self.sink,
            at,
            || format!("{section}[{i}]"),
            tr(what),
        )?;

        Ok(None)
    }

    /// Reports a field that a record requires and did not have.
    fn missing(&mut self, at: Pos, section: &str, i: usize, field: &str) {
        self.sink.error(
            Some(at),
            || format!("{section}[{i}]"),
            || trf("loader.missing_field", &[("field", &field)]),
        );
    }

    /// Runs the whole-file checks. References to accounts and missing header fields are only
    /// judged when the whole file was read: after a syntax error, the rest is unknown.
    fn finish(mut self, bytes: u64, completed: bool) -> Parsed {
        if !self.refused {
            self.report_duplicate_posts();
            if completed {
                self.check_header();
                self.resolve_accounts();
            }
            // In file order, so that the warnings kept under the cap are the first ones.
            let mut unknown: Vec<_> = std::mem::take(&mut self.unknown).into_iter().collect();
            unknown.sort_by_key(|(_, u)| u.pos);
            for ((record, name), u) in unknown {
                let pos = u.pos;
                let path = u.path;
                self.sink.warning(
                    Some(pos),
                    || path,
                    || {
                        let times = if u.count == 1 {
                            String::new()
                        } else {
                            trf(
                                "loader.unknown_times",
                                &[("n", &u.count), ("record", &record)],
                            )
                        };
                        let hint = suggestion(record, &name)
                            .map(|known| trf("loader.did_you_mean", &[("name", &known)]))
                            .unwrap_or_default();
                        trf(
                            "loader.unknown_field",
                            &[
                                ("name", &name.escape_debug()),
                                ("times", &times),
                                ("hint", &hint),
                            ],
                        )
                    },
                );
            }
        }
        let valid = completed && self.sink.error_count() == 0;
        if valid {
            self.store.utc_offset_min = self.utc_offset.unwrap_or(0);
            self.store.assign_post_days();
            self.store.sources.push(SourceFile {
                name: self.sink.file().to_owned(),
                title: self.store.title.clone(),
                exported_at: self.store.exported_at,
                utc_offset_min: self.store.utc_offset_min,
            });
            checks::content_warnings(&self.store, &self.post_lines, &mut self.sink);
        }
        let findings = self.sink.finish();
        Parsed {
            store: valid.then_some(self.store),
            findings,
            bytes,
        }
    }

    fn check_header(&mut self) {
        let top = Some(Pos { line: 1, column: 1 });
        if !self.format_seen {
            self.sink.error(top, String::new, || {
                trf("loader.missing_format", &[("name", &FORMAT_NAME)])
            });
        }
        if !self.version_seen {
            self.sink.error(top, String::new, || {
                trf("loader.missing_version", &[("version", &FORMAT_VERSION)])
            });
        }
    }

    /// Maps provisional account ids to the accounts defined, reporting references to
    /// accounts that are never defined.
    fn resolve_accounts(&mut self) {
        // The defined ids, quoted and at most ten: a file may define thousands.
        const LISTED: usize = 10;
        let accounts = &self.store.accounts;
        let listed: Vec<String> = accounts
            .iter()
            .take(LISTED)
            .map(|a| super::json::quote_preview(&a.id))
            .collect();
        // Built lazily: the language is the one the message is shown in.
        let n_accounts = accounts.len();
        let known = move || match n_accounts {
            0 => tr("loader.no_accounts").to_owned(),
            n if n <= LISTED => trf("loader.accounts_defined", &[("ids", &listed.join(", "))]),
            n => trf(
                "loader.accounts_defined_more",
                &[("ids", &listed.join(", ")), ("more", &(n - LISTED))],
            ),
        };
        let mut remap = vec![u32::MAX; self.refs.defined.len()];
        for (p, def) in self.refs.defined.iter().enumerate() {
            match def {
                Some(index) => remap[p] = *index,
                None => {
                    if let Some((pos, path)) = self.refs.first_ref[p].clone() {
                        let id = super::json::quote_preview(self.refs.ids.name(p as u32));
                        let n = self.refs.ref_count[p];
                        let known = known.clone();
                        self.sink.error(
                            Some(pos),
                            || path,
                            || {
                                let key = if n == 1 {
                                    "loader.unknown_account_one"
                                } else {
                                    "loader.unknown_account"
                                };
                                trf(key, &[("id", &id), ("n", &n), ("known", &known())])
                            },
                        );
                    }
                }
            }
        }
        for a in self
            .store
            .posts
            .account
            .iter_mut()
            .chain(self.store.daily.account.iter_mut())
        {
            *a = remap.get(*a as usize).copied().unwrap_or(u32::MAX);
        }
    }
}

/// The field an unknown key of a `record` kind was probably meant to be: the same name in
/// another case or spacing ("Likes", "published at", "video-views").
fn suggestion(record: &str, name: &str) -> Option<&'static str> {
    use super::model::{DailyCount, PostCount, WebCount};
    let mut known: Vec<&'static str> = match record {
        "snapshot" => vec![
            "format",
            "version",
            "title",
            "exported_at",
            "utc_offset",
            "accounts",
            "posts",
            "daily",
            "web",
            "web_totals",
        ],
        "post" => vec![
            "id",
            "account",
            "published_at",
            "format",
            "text",
            "url",
            "tags",
        ],
        "account" => vec!["id", "platform", "handle", "name"],
        "daily" => vec!["account", "date"],
        "web" => vec!["date", "channel", "source"],
        "web_totals" => vec!["from", "to", "channel", "source"],
        _ => Vec::new(),
    };
    match record {
        "post" => known.extend(PostCount::ALL.iter().map(|c| c.name())),
        "daily" => known.extend(DailyCount::ALL.iter().map(|c| c.name())),
        "web" | "web_totals" => known.extend(WebCount::ALL.iter().map(|c| c.name())),
        _ => {}
    }
    let normal = name.trim().to_lowercase().replace([' ', '-'], "_");
    known.into_iter().find(|k| *k == normal)
}

/// Keys of the snapshot object.
enum TopField {
    Format,
    Version,
    Title,
    ExportedAt,
    UtcOffset,
    Accounts,
    Posts,
    Daily,
    Web,
    WebTotals,
    Unknown(String),
    BadKey(super::json::StrProblem),
}

impl TopField {
    fn classify(key: Result<&[u8], super::json::StrProblem>) -> TopField {
        match key {
            Ok(b"format") => TopField::Format,
            Ok(b"version") => TopField::Version,
            Ok(b"title") => TopField::Title,
            Ok(b"exported_at") => TopField::ExportedAt,
            Ok(b"utc_offset") => TopField::UtcOffset,
            Ok(b"accounts") => TopField::Accounts,
            Ok(b"posts") => TopField::Posts,
            Ok(b"daily") => TopField::Daily,
            Ok(b"web") => TopField::Web,
            Ok(b"web_totals") => TopField::WebTotals,
            Ok(other) => match super::json::key_text(other) {
                Ok(name) => TopField::Unknown(name.to_owned()),
                Err(p) => TopField::BadKey(p),
            },
            Err(p) => TopField::BadKey(p),
        }
    }

    fn name(&self) -> &'static str {
        match self {
            TopField::Format => "format",
            TopField::Version => "version",
            TopField::Title => "title",
            TopField::ExportedAt => "exported_at",
            TopField::UtcOffset => "utc_offset",
            TopField::Accounts => "accounts",
            TopField::Posts => "posts",
            TopField::Daily => "daily",
            TopField::Web => "web",
            TopField::WebTotals => "web_totals",
            TopField::Unknown(_) | TopField::BadKey(_) => "",
        }
    }

    /// A bit per known key, to catch keys given twice.
    fn bit(&self) -> Option<u32> {
        let n = match self {
            TopField::Format => 0,
            TopField::Version => 1,
            TopField::Title => 2,
            TopField::ExportedAt => 3,
            TopField::UtcOffset => 4,
            TopField::Accounts => 5,
            TopField::Posts => 6,
            TopField::Daily => 7,
            TopField::Web => 8,
            TopField::WebTotals => 9,
            TopField::Unknown(_) | TopField::BadKey(_) => return None,
        };
        Some(1 << n)
    }
}

#[cfg(test)]
mod tests;
