//! Builds the store of one imported file, and the report of what happened to every row.
//! Nothing is silent: each row is imported or skipped with a reason (counted, with the first
//! line it happened on), and the report lists which snapshot fields the file gave.

use std::collections::BTreeMap;

use std::hash::BuildHasher;

use hashbrown::{DefaultHashBuilder, HashMap, HashSet};

use crate::i18n::{tr, trf};
use serde::Serialize;

use super::decode::Encoding;
use crate::calendar::{Day, Timestamp};
use crate::snapshot::model::{Channel, DailyCount, Platform, PostCount, PostFormat, WebCount};
use crate::snapshot::store::{Account, NO_REFERRER, SourceFile, Store, WebTotal};

/// A post as an importer reads it (its text borrowed from the row being read).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PostRow<'a> {
    pub id: &'a str,
    pub published: Timestamp,
    pub format: Option<PostFormat>,
    pub text: &'a str,
    pub url: &'a str,
    pub tags: Vec<&'a str>,
    pub counts: [Option<u64>; PostCount::ALL.len()],
}

/// Rows skipped for one reason.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Skipped {
    pub count: usize,
    /// The line of the first row (1-based), worked out when the file is done.
    pub first_line: u64,
    /// The byte offset of the first row, while the file is read.
    #[serde(skip)]
    pub first_at: u64,
}

/// What happened to one file.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct FileReport {
    pub file: String,
    /// The export family recognised (its description), or `None` (then `problem` says why the
    /// file was skipped).
    pub family: Option<&'static str>,
    /// The family's short id (`x-classic-posts`), for scripts and tests.
    pub family_id: Option<&'static str>,
    pub encoding: Option<&'static str>,
    pub account: Option<String>,
    pub rows_read: usize,
    pub rows_imported: usize,
    /// Skip reasons with how many rows each and the first line.
    pub skipped: BTreeMap<String, Skipped>,
    /// Cells that could not be read (left unknown, their rows kept), by reason.
    pub bad_cells: BTreeMap<String, Skipped>,
    /// Rows kept whose bytes were not UTF-8 in a UTF-8 file: read as Windows-1252, by
    /// reason (one reason: the map keeps the shape of the lists above).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub recoded: BTreeMap<String, Skipped>,
    /// Snapshot fields the file gave (`posts.likes`, `daily.followers`, `web.sessions`).
    pub fields_found: Vec<String>,
    /// Snapshot fields the family can give that this file did not have.
    pub fields_missing: Vec<String>,
    /// Things to know: derived values, assumed offsets, range totals.
    pub notes: Vec<String>,
    /// Problems with the file's rows among the other files opened (one account's rows from
    /// two folders replacing each other).
    pub warnings: Vec<String>,
    /// Why the file was not imported at all.
    pub problem: Option<String>,
}

/// Why rows are in [`FileReport::recoded`], in the language shown.
pub fn recoded() -> &'static str {
    tr("importer.recoded")
}

impl FileReport {
    /// Notes a row skipped (`at`: its byte offset in the file).
    pub fn skip(&mut self, at: u64, reason: impl Into<String>) {
        tally(&mut self.skipped, at, reason.into());
    }

    /// Notes a cell left unknown because it could not be read; its row is kept.
    pub fn bad_cell(&mut self, at: u64, reason: impl Into<String>) {
        tally(&mut self.bad_cells, at, reason.into());
    }

    /// Turns the byte offsets of first rows into line numbers (`lines` maps offsets to lines).
    pub fn resolve_lines(&mut self, lines: impl FnOnce(&[u64]) -> Vec<u64>) {
        let entries: Vec<&mut Skipped> = self
            .skipped
            .values_mut()
            .chain(self.bad_cells.values_mut())
            .chain(self.recoded.values_mut())
            .collect();
        let offsets: Vec<u64> = entries.iter().map(|s| s.first_at).collect();
        if offsets.is_empty() {
            return;
        }
        for (s, line) in entries.into_iter().zip(lines(&offsets)) {
            s.first_line = line;
        }
    }

    pub fn rows_skipped(&self) -> usize {
        self.skipped.values().map(|s| s.count).sum()
    }
}

/// Counts one more for `reason`, remembering where it first happened.
fn tally(list: &mut BTreeMap<String, Skipped>, at: u64, reason: String) {
    list.entry(reason)
        .or_insert(Skipped {
            count: 0,
            first_line: 0,
            first_at: at,
        })
        .count += 1;
}

/// Collects the records of one file into a store.
#[derive(Debug)]
pub struct Builder {
    store: Store,
    accounts: HashMap<String, u32>,
    /// The hash of each post's (account, id) and the row's byte offset: repeated ids are
    /// found once at the end by sorting the hashes, which costs far less than probing a
    /// million-entry hash table row by row (a cache miss each).
    post_keys: Vec<(u64, u64)>,
    hasher: DefaultHashBuilder,
    daily: HashSet<(u32, Day)>,
    web: HashSet<(Day, Channel, Option<u32>)>,
    pub report: FileReport,
}

impl Builder {
    pub fn new(file: &str, encoding: Encoding, family: super::Family) -> Builder {
        let mut store = Store::default();
        store.posts.tag_offsets.push(0);
        Builder {
            store,
            accounts: HashMap::new(),
            post_keys: Vec::new(),
            hasher: DefaultHashBuilder::default(),
            daily: HashSet::new(),
            web: HashSet::new(),
            report: FileReport {
                file: file.to_owned(),
                family: Some(family.name()),
                family_id: Some(family.id()),
                encoding: Some(encoding.name()),
                ..FileReport::default()
            },
        }
    }

    /// The account with this id (created on first use).
    pub fn account(
        &mut self,
        id: &str,
        platform: Platform,
        handle: Option<&str>,
        name: Option<&str>,
    ) -> u32 {
        if let Some(&a) = self.accounts.get(id) {
            return a;
        }
        let a = self.store.accounts.len() as u32;
        self.store.accounts.push(Account {
            id: id.to_owned(),
            platform,
            handle: handle.map(str::to_owned),
            name: name.map(str::to_owned),
        });
        self.accounts.insert(id.to_owned(), a);
        self.report.account.get_or_insert_with(|| id.to_owned());
        a
    }

    /// Adds a post; a second row with the same id in this file is dropped when the file is
    /// done (the first is kept).
    pub fn post(&mut self, at: u64, account: u32, row: PostRow, default_format: PostFormat) {
        if row.id.is_empty() {
            self.report.skip(at, tr("importer.no_post_id"));
            return;
        }
        let hash = self.hasher.hash_one((account, row.id));
        self.post_keys.push((hash, at));
        let p = &mut self.store.posts;
        p.account.push(account);
        p.published.push(row.published.utc);
        p.offset_min.push(row.published.offset_min);
        p.format.push(row.format.unwrap_or(default_format));
        p.id.push(row.id);
        p.text.push(row.text);
        p.url.push(row.url);
        for tag in &row.tags {
            let t = self.store.tags.intern(tag);
            p.tag_ids.push(t);
        }
        p.tag_offsets.push(p.tag_ids.len() as u32);
        for (column, value) in p.counts.iter_mut().zip(row.counts) {
            column.push(value);
        }
        p.source.push(0);
        self.report.rows_imported += 1;
    }

    /// Drops the second and later rows of a post id (the first in the file is kept).
    fn drop_repeated_posts(&mut self) {
        let mut order: Vec<(u64, u32)> = self
            .post_keys
            .iter()
            .enumerate()
            .map(|(i, &(h, _))| (h, i as u32))
            .collect();
        order.sort_unstable();
        let p = &self.store.posts;
        let mut dropped: Vec<u32> = Vec::new();
        for run in order.chunk_by(|a, b| a.0 == b.0).filter(|r| r.len() > 1) {
            let mut kept: Vec<usize> = Vec::new();
            for &(_, i) in run {
                let i = i as usize;
                let same = |&k: &usize| p.account[k] == p.account[i] && p.id.get(k) == p.id.get(i);
                if kept.iter().any(same) {
                    dropped.push(i as u32);
                } else {
                    kept.push(i);
                }
            }
        }
        if dropped.is_empty() {
            return;
        }
        dropped.sort_unstable();
        let mut keep = vec![true; p.len()];
        for &i in &dropped {
            keep[i as usize] = false;
            let at = self.post_keys[i as usize].1;
            self.report.skip(at, tr("importer.same_post_id"));
        }
        self.report.rows_imported -= dropped.len();
        self.store.posts = self.store.posts.keep_rows(&keep);
    }

    /// Adds a daily row; a second row for the same day is skipped.
    pub fn daily(
        &mut self,
        at: u64,
        account: u32,
        day: Day,
        counts: [Option<u64>; DailyCount::ALL.len()],
    ) {
        if !self.daily.insert((account, day)) {
            self.report.skip(at, tr("importer.same_day"));
            return;
        }
        let d = &mut self.store.daily;
        d.account.push(account);
        d.day.push(day);
        for (column, value) in d.counts.iter_mut().zip(counts) {
            column.push(value);
        }
        d.source.push(0);
        self.report.rows_imported += 1;
    }

    /// Adds a web row; a second row for the same day and channel is skipped.
    pub fn web(
        &mut self,
        at: u64,
        day: Day,
        channel: Channel,
        counts: [Option<u64>; WebCount::ALL.len()],
    ) {
        self.web_from(at, day, channel, None, counts);
    }

    /// Adds a web row of one referring source (`None`: the channel's total); a second row for
    /// the same day, channel and source is skipped.
    pub fn web_from(
        &mut self,
        at: u64,
        day: Day,
        channel: Channel,
        referrer: Option<&str>,
        counts: [Option<u64>; WebCount::ALL.len()],
    ) {
        let id = referrer.map(|r| self.store.referrers.intern(r));
        if !self.web.insert((day, channel, id)) {
            self.report.skip(at, tr("importer.same_web_row"));
            return;
        }
        let w = &mut self.store.web;
        w.day.push(day);
        w.channel.push(channel);
        for (column, value) in w.counts.iter_mut().zip(counts) {
            column.push(value);
        }
        w.referrer.push(id.unwrap_or(NO_REFERRER));
        w.source.push(0);
        self.report.rows_imported += 1;
    }

    /// Adds figures given for a whole date range.
    pub fn web_total(
        &mut self,
        from: Day,
        to: Day,
        channel: Channel,
        counts: [Option<u64>; WebCount::ALL.len()],
    ) {
        self.web_total_from(from, to, channel, None, counts);
    }

    /// Adds figures of one referring source (`None`: the channel's total) for a date range.
    pub fn web_total_from(
        &mut self,
        from: Day,
        to: Day,
        channel: Channel,
        referrer: Option<&str>,
        counts: [Option<u64>; WebCount::ALL.len()],
    ) {
        let referrer = referrer.map(|r| self.store.referrers.intern(r));
        self.store.web_totals.push(WebTotal {
            from,
            to,
            channel,
            counts,
            referrer,
            source: 0,
        });
        self.report.rows_imported += 1;
    }

    /// Notes which of `fields` (snapshot field names, `posts.likes`) this file gave.
    pub fn fields(&mut self, found: &[(&str, bool)]) {
        let owned = found.iter().map(|(f, p)| ((*f).to_owned(), *p)).collect();
        self.fields_owned(owned);
    }

    /// Like [`Builder::fields`] with owned names; a field listed twice is reported once
    /// (found wins).
    pub fn fields_owned(&mut self, found: Vec<(String, bool)>) {
        for (field, present) in found {
            let r = &mut self.report;
            if r.fields_found.contains(&field) {
                continue;
            }
            if present {
                r.fields_missing.retain(|f| *f != field);
                r.fields_found.push(field);
            } else if !r.fields_missing.contains(&field) {
                r.fields_missing.push(field);
            }
        }
    }

    /// Notes how reading the rows ended: a read error stops the file short (said in a note),
    /// a row with an unterminated quote (which ran to the end of the file) is skipped with
    /// that reason, and rows with bytes that are not UTF-8 (read as Windows-1252) are
    /// counted with the first of them.
    pub fn end_rows(&mut self, rows: &super::table::Rows) {
        if let Some(e) = &rows.error {
            self.note(trf(
                "importer.reading_stopped",
                &[("rows", &self.report.rows_read), ("error", e)],
            ));
        }
        if let Some((count, at)) = rows.unterminated {
            self.report.rows_read += count;
            let reason = "unterminated quote: a cell's quote does not close where the cell \
                          ends, so the row takes in what follows (fix the quote)";
            let entry = self.report.skipped.entry(reason.to_owned()).or_default();
            if entry.count == 0 {
                entry.first_at = at;
            }
            entry.count += count;
        }
        if let Some((count, at)) = rows.recoded() {
            let entry = self.report.recoded.entry(recoded().to_owned()).or_default();

            if entry.count == 0 {
                entry.first_at = at;
            }
            entry.count += count;
            self.report.encoding = Some(Encoding::Mixed.name());
        }
    }

    pub fn note(&mut self, note: impl Into<String>) {
        self.report.notes.push(note.into());
    }

    /// The file's store: one source (the file), days counted in `utc_offset_min`.
    pub fn finish(
        mut self,
        title: Option<String>,
        exported_at: Option<Timestamp>,
        utc_offset_min: i32,
    ) -> (Store, FileReport) {
        self.drop_repeated_posts();
        self.store.title = title.clone();
        self.store.exported_at = exported_at;
        self.store.utc_offset_min = utc_offset_min;
        self.store.assign_post_days();
        self.store.sources.push(SourceFile {
            name: self.report.file.clone(),
            title,
            exported_at,
            utc_offset_min,
        });
        (self.store, self.report)
    }
}
