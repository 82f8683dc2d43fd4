//! Builds the store of one imported file, and the report of what happened to every row.
//! Nothing is silent: each row is imported or skipped with a reason (counted, with the first
//! line it happened on), and the report lists which snapshot fields the file gave.

use std::collections::BTreeMap;

use hashbrown::HashMap;
use serde::Serialize;

use super::decode::Encoding;
use crate::calendar::{Day, Timestamp};
use crate::snapshot::model::{Channel, DailyCount, Platform, PostCount, PostFormat, WebCount};
use crate::snapshot::store::{Account, SourceFile, Store, WebTotal};

/// A post as an importer reads it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PostRow {
    pub id: String,
    pub published: Timestamp,
    pub format: Option<PostFormat>,
    pub text: String,
    pub url: String,
    pub tags: Vec<String>,
    pub counts: [Option<u64>; PostCount::ALL.len()],
}

/// Rows skipped for one reason.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Skipped {
    pub count: usize,
    pub first_line: u64,
}

/// What happened to one file.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct FileReport {
    pub file: String,
    /// The export family recognised, or `None` (then `problem` says why it was skipped).
    pub family: Option<&'static str>,
    pub encoding: Option<&'static str>,
    pub account: Option<String>,
    pub rows_read: usize,
    pub rows_imported: usize,
    /// Skip reasons with how many rows each and the first line.
    pub skipped: BTreeMap<String, Skipped>,
    /// Snapshot fields the file gave (`posts.likes`, `daily.followers`, `web.sessions`).
    pub fields_found: Vec<String>,
    /// Snapshot fields the family can give that this file did not have.
    pub fields_missing: Vec<String>,
    /// Things to know: derived values, assumed offsets, range totals.
    pub notes: Vec<String>,
    /// Why the file was not imported at all.
    pub problem: Option<String>,
}

impl FileReport {
    pub fn skip(&mut self, line: u64, reason: impl Into<String>) {
        let entry = self.skipped.entry(reason.into()).or_insert(Skipped {
            count: 0,
            first_line: line,
        });
        entry.count += 1;
    }

    pub fn rows_skipped(&self) -> usize {
        self.skipped.values().map(|s| s.count).sum()
    }
}

/// Collects the records of one file into a store.
#[derive(Debug)]
pub struct Builder {
    store: Store,
    accounts: HashMap<String, u32>,
    posts: HashMap<(u32, String), u32>,
    daily: HashMap<(u32, Day), ()>,
    web: HashMap<(Day, Channel), ()>,
    pub report: FileReport,
}

impl Builder {
    pub fn new(file: &str, encoding: Encoding, family: &'static str) -> Builder {
        let mut store = Store::default();
        store.posts.tag_offsets.push(0);
        Builder {
            store,
            accounts: HashMap::new(),
            posts: HashMap::new(),
            daily: HashMap::new(),
            web: HashMap::new(),
            report: FileReport {
                file: file.to_owned(),
                family: Some(family),
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

    /// Adds a post; a second row with the same id in this file is skipped (the first is kept).
    pub fn post(&mut self, line: u64, account: u32, row: PostRow, default_format: PostFormat) {
        if row.id.is_empty() {
            self.report.skip(line, "no post id (a junk row)");
            return;
        }
        let key = (account, row.id.clone());
        if self.posts.contains_key(&key) {
            self.report.skip(
                line,
                "the same post id again in this file (the first row is kept)",
            );
            return;
        }
        let p = &mut self.store.posts;
        let index = p.account.len() as u32;
        self.posts.insert(key, index);
        p.account.push(account);
        p.published.push(row.published.utc);
        p.offset_min.push(row.published.offset_min);
        p.format.push(row.format.unwrap_or(default_format));
        p.id.push(&row.id);
        p.text.push(&row.text);
        p.url.push(&row.url);
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

    /// Adds a daily row; a second row for the same day is skipped.
    pub fn daily(
        &mut self,
        line: u64,
        account: u32,
        day: Day,
        counts: [Option<u64>; DailyCount::ALL.len()],
    ) {
        if self.daily.insert((account, day), ()).is_some() {
            self.report.skip(
                line,
                "the same day again in this file (the first row is kept)",
            );
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
        line: u64,
        day: Day,
        channel: Channel,
        counts: [Option<u64>; WebCount::ALL.len()],
    ) {
        if self.web.insert((day, channel), ()).is_some() {
            self.report.skip(
                line,
                "the same day and channel again in this file (the first row is kept)",
            );
            return;
        }
        let w = &mut self.store.web;
        w.day.push(day);
        w.channel.push(channel);
        for (column, value) in w.counts.iter_mut().zip(counts) {
            column.push(value);
        }
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
        self.store.web_totals.push(WebTotal {
            from,
            to,
            channel,
            counts,
            source: 0,
        });
        self.report.rows_imported += 1;
    }

    /// Notes which of `fields` (snapshot field names, `posts.likes`) this file gave.
    pub fn fields(&mut self, found: &[(&str, bool)]) {
        for (field, present) in found {
            let list = if *present {
                &mut self.report.fields_found
            } else {
                &mut self.report.fields_missing
            };
            list.push((*field).to_owned());
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
