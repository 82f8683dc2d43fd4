//! The in-memory store of a loaded snapshot, laid out for aggregation.
//!
//! Records are kept as columns (one `Vec` per field), strings of a column share one arena,
//! account ids and tags are interned to integers, and days are integers in the snapshot's
//! `utc_offset`. A million posts then cost about 330 bytes each with their texts, instead of a
//! struct with a dozen heap allocations, and summing one count over a window reads one
//! contiguous array. "Not known" is a distinct value in every count column, never zero.

use crate::calendar::{Day, Timestamp};

use super::model::{Channel, DailyCount, Platform, PostCount, PostFormat, WebCount};

/// Counts where `None` (not known) is kept apart from zero.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CountColumn {
    values: Vec<u64>,
}

/// Marks "not known"; real counts never reach it (they are refused above 2^53).
const UNKNOWN: u64 = u64::MAX;

impl CountColumn {
    #[inline]
    pub fn get(&self, row: usize) -> Option<u64> {
        match self.values[row] {
            UNKNOWN => None,
            v => Some(v),
        }
    }

    #[inline]
    pub fn push(&mut self, value: Option<u64>) {
        self.values.push(value.unwrap_or(UNKNOWN));
    }

    #[inline]
    pub fn set(&mut self, row: usize, value: Option<u64>) {
        self.values[row] = value.unwrap_or(UNKNOWN);
    }

    pub(crate) fn append(&mut self, other: &CountColumn) {
        self.values.extend_from_slice(&other.values);
    }

    /// Appends a run of rows at once (a columnar table's batch, already checked).
    #[cfg_attr(not(feature = "parquet"), allow(dead_code))]
    pub(crate) fn extend(&mut self, values: impl IntoIterator<Item = Option<u64>>) {
        self.values
            .extend(values.into_iter().map(|v| v.unwrap_or(UNKNOWN)));
    }

    pub fn len(&self) -> usize {
        self.values.len()
    }

    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// How many rows hold a known value.
    pub fn known(&self) -> usize {
        self.values.iter().filter(|&&v| v != UNKNOWN).count()
    }

    pub fn iter(&self) -> impl Iterator<Item = Option<u64>> + '_ {
        self.values.iter().map(|&v| (v != UNKNOWN).then_some(v))
    }

    pub fn reserve(&mut self, n: usize) {
        self.values.reserve(n);
    }

    /// The values as stored, "not known" as `u64::MAX` (for the cache's layout).
    pub(crate) fn raw(&self) -> &[u64] {
        &self.values
    }

    /// A column from [`Self::raw`]'s values.
    pub(crate) fn from_raw(values: Vec<u64>) -> Self {
        CountColumn { values }
    }
}

/// Strings of one column in one arena; row `i` is `text[offsets[i]..offsets[i + 1]]`.
#[derive(Clone, Debug, PartialEq)]
pub struct StrColumn {
    offsets: Vec<u64>,
    text: String,
}

impl Default for StrColumn {
    fn default() -> Self {
        StrColumn {
            offsets: vec![0],
            text: String::new(),
        }
    }
}

impl StrColumn {
    #[inline]
    pub fn get(&self, row: usize) -> &str {
        let (a, b) = (self.offsets[row] as usize, self.offsets[row + 1] as usize);
        &self.text[a..b]
    }

    /// Appends to the row being built; [`Self::end_row`] closes it.
    #[inline]
    pub fn push_str(&mut self, s: &str) {
        self.text.push_str(s);
    }

    /// Closes the row being built (empty if nothing was pushed).
    #[inline]
    pub fn end_row(&mut self) {
        self.offsets.push(self.text.len() as u64);
    }

    pub fn push(&mut self, s: &str) {
        self.push_str(s);
        self.end_row();
    }

    /// The text pushed since the last closed row.
    pub fn pending(&self) -> &str {
        let start = self.offsets.last().copied().unwrap_or(0) as usize;
        &self.text[start..]
    }

    pub fn len(&self) -> usize {
        self.offsets.len() - 1
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn reserve(&mut self, rows: usize, bytes: usize) {
        self.offsets.reserve(rows);
        self.text.reserve(bytes);
    }

    /// Bytes held, for memory accounting.
    pub fn heap_bytes(&self) -> usize {
        self.offsets.capacity() * 8 + self.text.capacity()
    }

    /// Appends whole rows at once (with no row being built): `values` holds them one after
    /// the other and `ends` gives each one's end within `values`, rising, on character
    /// boundaries, the last at `values.len()` (as a columnar table's string array has them).
    #[cfg_attr(not(feature = "parquet"), allow(dead_code))]
    pub(crate) fn append_packed(&mut self, values: &str, ends: impl Iterator<Item = u64>) {
        let shift = self.text.len() as u64;
        self.text.push_str(values);
        self.offsets.extend(ends.map(|e| e + shift));
    }

    /// Appends every row of `other` (with no row being built in either).
    pub(crate) fn append(&mut self, other: &StrColumn) {
        let shift = self.text.len() as u64;
        self.text.reserve_exact(other.text.len());
        self.text.push_str(&other.text);
        self.offsets
            .extend(other.offsets.iter().skip(1).map(|o| o + shift));
    }

    /// The row offsets and the arena (for the cache's layout).
    pub(crate) fn parts(&self) -> (&[u64], &str) {
        (&self.offsets, &self.text)
    }

    /// A column from [`Self::parts`], or `None` when the offsets do not cut `text` into rows
    /// (they must start at 0, never go back, end at its length and fall between characters),
    /// so that `get` can never panic on what a file said.
    pub(crate) fn from_parts(offsets: Vec<u64>, text: String) -> Option<Self> {
        let starts_at_zero = offsets.first() == Some(&0);
        let ends_at_len = offsets.last() == Some(&(text.len() as u64));
        let cuts = offsets.windows(2).all(|w| w[0] <= w[1])
            && offsets.iter().all(|&o| text.is_char_boundary(o as usize));
        (starts_at_zero && ends_at_len && cuts).then_some(StrColumn { offsets, text })
    }
}

/// Strings given small integer ids, for account ids and tags.
#[derive(Clone, Debug, Default)]
pub struct Interner {
    names: Vec<String>,
    ids: hashbrown::HashMap<String, u32>,
}

impl Interner {
    pub fn intern(&mut self, name: &str) -> u32 {
        // Accounts and tags are few: a short scan beats hashing every reference.
        if self.names.len() <= 16 {
            if let Some(i) = self.names.iter().position(|n| n == name) {
                return i as u32;
            }
        } else if let Some(&id) = self.ids.get(name) {
            return id;
        }
        let id = self.names.len() as u32;
        self.names.push(name.to_owned());
        self.ids.insert(name.to_owned(), id);
        id
    }

    pub fn get(&self, name: &str) -> Option<u32> {
        self.ids.get(name).copied()
    }

    pub fn name(&self, id: u32) -> &str {
        &self.names[id as usize]
    }

    pub fn len(&self) -> usize {
        self.names.len()
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// An interner holding `names` with ids in their order (`None` if a name repeats).
    pub(crate) fn from_names(names: Vec<String>) -> Option<Self> {
        let mut ids = hashbrown::HashMap::with_capacity(names.len());
        for (i, name) in names.iter().enumerate() {
            if ids.insert(name.clone(), i as u32).is_some() {
                return None;
            }
        }
        Some(Interner { names, ids })
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Account {
    pub id: String,
    pub platform: Platform,
    pub handle: Option<String>,
    pub name: Option<String>,
}

impl Account {
    /// The handle if known, else the name, else the id: what a person recognises.
    pub fn label(&self) -> &str {
        self.handle
            .as_deref()
            .or(self.name.as_deref())
            .unwrap_or(&self.id)
    }
}

/// Posts, one column per field.
#[derive(Clone, Debug, Default)]
pub struct Posts {
    /// Index into [`Store::accounts`].
    pub account: Vec<u32>,
    /// `published_at` as seconds since the epoch (UTC).
    pub published: Vec<i64>,
    /// The offset `published_at` was written with, in minutes.
    pub offset_min: Vec<i16>,
    /// The day of publication in the snapshot's `utc_offset`.
    pub day: Vec<Day>,
    pub format: Vec<PostFormat>,
    pub id: StrColumn,
    pub text: StrColumn,
    pub url: StrColumn,
    /// Row `i`'s tags are `tag_ids[tag_offsets[i]..tag_offsets[i + 1]]`, ids into [`Store::tags`].
    pub tag_offsets: Vec<u32>,
    pub tag_ids: Vec<u32>,
    pub counts: [CountColumn; PostCount::ALL.len()],
    /// Index into [`Store::sources`]: the file the row came from.
    pub source: Vec<u16>,
}

impl Posts {
    /// Ends a row a parser filled field by field (its id, text, url and tags pushed, its
    /// counts pushed): the string columns' row ends, its account (`u32::MAX` until known),
    /// time and format. Both the JSON parser and the columnar tables end rows here.
    pub(crate) fn end_row(
        &mut self,
        account: Option<u32>,
        published: Option<Timestamp>,
        format: Option<PostFormat>,
    ) {
        self.id.end_row();
        self.text.end_row();
        self.url.end_row();
        self.tag_offsets.push(self.tag_ids.len() as u32);
        self.account.push(account.unwrap_or(u32::MAX));
        let published = published.unwrap_or_default();
        self.published.push(published.utc);
        self.offset_min.push(published.offset_min);
        self.format.push(format.unwrap_or(PostFormat::Other));
        self.source.push(0);
    }

    pub fn len(&self) -> usize {
        self.account.len()
    }

    /// Appends the rows of `other`, a part of the same file parsed on its own: its account
    /// and tag ids (its own numbering) become this store's through `accounts` and `tags`.
    pub(crate) fn append_part(&mut self, other: Posts, accounts: &[u32], tags: &[u32]) {
        let map = |ids: &[u32], id: u32| ids.get(id as usize).copied().unwrap_or(u32::MAX);
        // Half the bytes are the texts: copied on a second thread (the copy's cost is mostly
        // the new memory's page faults, which two cores take twice as fast). Each column of
        // the part is let go as soon as it is copied, so that the two never add up whole.
        let Posts {
            text,
            account,
            published,
            offset_min,
            day,
            format,
            source,
            id,
            url,
            tag_offsets,
            tag_ids,
            counts,
        } = self;
        let Posts {
            text: their_text,
            account: their_account,
            published: their_published,
            offset_min: their_offset_min,
            day: their_day,
            format: their_format,
            source: their_source,
            id: their_id,
            url: their_url,
            tag_offsets: their_tag_offsets,
            tag_ids: their_tag_ids,
            counts: their_counts,
        } = other;
        std::thread::scope(|scope| {
            scope.spawn(move || text.append(&their_text));
            account.extend(their_account.iter().map(|&a| map(accounts, a)));
            drop(their_account);
            published.extend_from_slice(&their_published);
            drop(their_published);
            offset_min.extend_from_slice(&their_offset_min);
            day.extend_from_slice(&their_day);
            format.extend_from_slice(&their_format);
            source.extend_from_slice(&their_source);
            id.append(&their_id);
            drop(their_id);
            url.append(&their_url);
            drop(their_url);
            let shift = tag_ids.len() as u32;
            tag_offsets.extend(their_tag_offsets.iter().skip(1).map(|o| o + shift));
            tag_ids.extend(their_tag_ids.iter().map(|&t| map(tags, t)));
            for (column, part) in counts.iter_mut().zip(their_counts) {
                column.append(&part);
            }
        });
    }

    pub fn is_empty(&self) -> bool {
        self.account.is_empty()
    }

    /// The rows whose `keep` is true, in order (an importer dropping repeated rows).
    pub fn keep_rows(&self, keep: &[bool]) -> Posts {
        let mut out = Posts::default();
        out.tag_offsets.push(0);
        for i in (0..self.len()).filter(|&i| keep.get(i).copied().unwrap_or(false)) {
            out.account.push(self.account[i]);
            out.published.push(self.published[i]);
            out.offset_min.push(self.offset_min[i]);
            if let Some(&d) = self.day.get(i) {
                out.day.push(d);
            }
            out.format.push(self.format[i]);
            out.id.push(self.id.get(i));
            out.text.push(self.text.get(i));
            out.url.push(self.url.get(i));
            let tags = self.tag_offsets[i] as usize..self.tag_offsets[i + 1] as usize;
            out.tag_ids.extend_from_slice(&self.tag_ids[tags]);
            out.tag_offsets.push(out.tag_ids.len() as u32);
            for (column, from) in out.counts.iter_mut().zip(&self.counts) {
                column.push(from.get(i));
            }
            out.source.push(self.source[i]);
        }
        out
    }

    #[inline]
    pub fn count(&self, field: PostCount, row: usize) -> Option<u64> {
        self.counts[field as usize].get(row)
    }

    pub fn column(&self, field: PostCount) -> &CountColumn {
        &self.counts[field as usize]
    }

    pub fn tags(&self, row: usize) -> &[u32] {
        let a = self.tag_offsets[row] as usize;
        let b = self.tag_offsets[row + 1] as usize;
        &self.tag_ids[a..b]
    }

    pub fn published_at(&self, row: usize) -> Timestamp {
        Timestamp {
            utc: self.published[row],
            offset_min: self.offset_min[row],
        }
    }
}

/// Daily account statistics, one column per field.
#[derive(Clone, Debug, Default)]
pub struct Daily {
    pub account: Vec<u32>,
    pub day: Vec<Day>,
    pub counts: [CountColumn; DailyCount::ALL.len()],
    pub source: Vec<u16>,
}

impl Daily {
    pub fn len(&self) -> usize {
        self.account.len()
    }

    pub fn is_empty(&self) -> bool {
        self.account.is_empty()
    }

    #[inline]
    pub fn count(&self, field: DailyCount, row: usize) -> Option<u64> {
        self.counts[field as usize].get(row)
    }

    pub fn column(&self, field: DailyCount) -> &CountColumn {
        &self.counts[field as usize]
    }
}

/// A web row with no `referrer`: the channel's own total (or the only row of its channel).
pub const NO_REFERRER: u32 = u32::MAX;

/// Daily web-analytics rows by channel, and by referring source within a channel.
#[derive(Clone, Debug, Default)]
pub struct Web {
    pub day: Vec<Day>,
    pub channel: Vec<Channel>,
    pub counts: [CountColumn; WebCount::ALL.len()],
    /// The snapshot's `source` field (where the sessions came from: a platform or a domain),
    /// an id into [`Store::referrers`], or [`NO_REFERRER`]. Named apart from `source`, which
    /// is the file a row came from. A row with a referrer is a part of its (day, channel).
    pub referrer: Vec<u32>,
    /// Index into [`Store::sources`]: the file the row came from.
    pub source: Vec<u16>,
}

impl Web {
    pub fn len(&self) -> usize {
        self.day.len()
    }

    pub fn is_empty(&self) -> bool {
        self.day.is_empty()
    }

    #[inline]
    pub fn count(&self, field: WebCount, row: usize) -> Option<u64> {
        self.counts[field as usize].get(row)
    }

    pub fn column(&self, field: WebCount) -> &CountColumn {
        &self.counts[field as usize]
    }

    /// The row's referring source id, if it is a part of its channel.
    #[inline]
    pub fn referrer_of(&self, row: usize) -> Option<u32> {
        self.referrer
            .get(row)
            .copied()
            .filter(|&r| r != NO_REFERRER)
    }
}

/// Web figures an export gives only for a whole date range; never spread over days.
#[derive(Clone, Debug, PartialEq)]
pub struct WebTotal {
    pub from: Day,
    pub to: Day,
    pub channel: Channel,
    pub counts: [Option<u64>; WebCount::ALL.len()],
    /// The referring source (an id into [`Store::referrers`]); `None` for the channel's total.
    pub referrer: Option<u32>,
    /// Index into [`Store::sources`]: the file the row came from.
    pub source: u16,
}

/// A file that contributed to the store.
#[derive(Clone, Debug, PartialEq)]
pub struct SourceFile {
    /// The path as the user gave it (or a label such as the bundled demo's).
    pub name: String,
    pub title: Option<String>,
    pub exported_at: Option<Timestamp>,
    pub utc_offset_min: i32,
}

/// A loaded snapshot (or several merged into one).
#[derive(Clone, Debug, Default)]
pub struct Store {
    pub title: Option<String>,
    pub exported_at: Option<Timestamp>,
    /// Minutes east of UTC whose midnight starts a day for every bucket.
    pub utc_offset_min: i32,
    pub accounts: Vec<Account>,
    pub tags: Interner,
    pub posts: Posts,
    pub daily: Daily,
    pub web: Web,
    pub web_totals: Vec<WebTotal>,
    /// Names of the web rows' referring sources (`instagram`, `news.example.com`).
    pub referrers: Interner,
    pub sources: Vec<SourceFile>,
}

impl Store {
    pub fn account_index(&self, id: &str) -> Option<usize> {
        self.accounts.iter().position(|a| a.id == id)
    }

    /// Recomputes every post's day for `utc_offset_min` (after loading or merging).
    pub fn assign_post_days(&mut self) {
        let offset = self.utc_offset_min;
        self.posts.day.clear();
        self.posts.day.extend(
            self.posts
                .published
                .iter()
                .map(|&utc| crate::calendar::day_of(utc, offset)),
        );
    }

    /// The first and last day of any data: posts, daily rows, web rows and web totals.
    pub fn day_span(&self) -> Option<(Day, Day)> {
        range_of(
            self.posts
                .day
                .iter()
                .chain(&self.daily.day)
                .chain(&self.web.day)
                .copied()
                .chain(self.web_totals.iter().flat_map(|t| [t.from, t.to])),
        )
    }

    /// The first and last day of the posts of `account` (all accounts if `None`).
    pub fn post_day_range(&self, account: Option<u32>) -> Option<(Day, Day)> {
        range_of(
            self.posts
                .day
                .iter()
                .zip(&self.posts.account)
                .filter(|(_, a)| account.is_none_or(|want| **a == want))
                .map(|(d, _)| *d),
        )
    }

    /// The first and last day of the daily rows of `account` (all accounts if `None`).
    pub fn daily_day_range(&self, account: Option<u32>) -> Option<(Day, Day)> {
        range_of(
            self.daily
                .day
                .iter()
                .zip(&self.daily.account)
                .filter(|(_, a)| account.is_none_or(|want| **a == want))
                .map(|(d, _)| *d),
        )
    }
}

fn range_of(days: impl Iterator<Item = Day>) -> Option<(Day, Day)> {
    days.fold(None, |acc, d| match acc {
        None => Some((d, d)),
        Some((lo, hi)) => Some((lo.min(d), hi.max(d))),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_is_not_zero() {
        let mut c = CountColumn::default();
        c.push(Some(0));
        c.push(None);
        c.push(Some(7));
        assert_eq!(c.get(0), Some(0));
        assert_eq!(c.get(1), None);
        assert_eq!(c.known(), 2);
        assert_eq!(c.iter().collect::<Vec<_>>(), vec![Some(0), None, Some(7)]);
    }

    #[test]
    fn string_rows() {
        let mut s = StrColumn::default();
        s.push("héllo");
        s.end_row();
        s.push_str("a");
        s.push_str("b");
        assert_eq!(s.pending(), "ab");
        s.end_row();
        assert_eq!(s.len(), 3);
        assert_eq!(s.get(0), "héllo");
        assert_eq!(s.get(1), "");
        assert_eq!(s.get(2), "ab");
    }

    #[test]
    fn interner_is_stable() {
        let mut i = Interner::default();
        assert_eq!(i.intern("promo"), 0);
        assert_eq!(i.intern("news"), 1);
        assert_eq!(i.intern("promo"), 0);
        assert_eq!(i.name(1), "news");
        assert_eq!(i.get("x"), None);
    }
}
