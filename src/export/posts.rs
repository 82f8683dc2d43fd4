//! The posts of a window as CSV: one row per post, with what identifies it (id, account,
//! platform, format, time, tags, text, link), every count the data has, interactions, and
//! each per-post rate the data supports, as the ratio the metric averages (from
//! [`crate::measure::posts`], so a post's `er_reach_ratio` here is the value the app's table
//! shows and the metric's mean is made of).

use std::io::{self, Write};

use super::Cells;
use crate::calendar::{Day, to_naive};
use crate::measure::Prepared;
use crate::measure::catalogue::{CATALOGUE, Metric, Unit};
use crate::measure::posts::{PostField, per_post, post_metric_of};
use crate::measure::prepare::{POST_FIELDS, interactions_of};
use crate::snapshot::model::PostCount;

/// A column of the posts file.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum PostColumn {
    Id,
    Account,
    Platform,
    Format,
    /// RFC 3339, in the snapshot's `utc_offset`.
    PublishedAt,
    /// The post's tags joined with `;`.
    Tags,
    Text,
    Url,
    /// A count, interactions, or a per-post metric.
    Field(PostField),
}

/// Separates a post's tags in the `tags` cell. Tags rarely hold it; one that does reads as two.
pub const TAG_SEPARATOR: char = ';';

impl PostColumn {
    /// The header: a per-post metric whose unit is a percent is named `<id>_ratio`, since
    /// its value is a ratio (0.05 for 5%); others by their id or count name.
    pub fn name(self) -> String {
        match self {
            PostColumn::Id => "id".into(),
            PostColumn::Account => "account".into(),
            PostColumn::Platform => "platform".into(),
            PostColumn::Format => "format".into(),
            PostColumn::PublishedAt => "published_at".into(),
            PostColumn::Tags => "tags".into(),
            PostColumn::Text => "text".into(),
            PostColumn::Url => "url".into(),
            PostColumn::Field(PostField::Metric(m)) => metric_column(m),
            PostColumn::Field(f) => f.title().into(),
        }
    }
}

/// A metric's column name: `er_reach_ratio` for a percent, the id otherwise.
pub fn metric_column(m: &Metric) -> String {
    if m.unit == Unit::Percent {
        format!("{}_ratio", m.id)
    } else {
        m.id.to_owned()
    }
}

/// Per-post metrics written as columns: the rates (percents and plain ratios such as
/// interactions per 1k followers). The per-post "rates" that are one count of the post
/// (applause: its likes; amplification: its shares) would repeat a count column.
fn rate(m: &Metric) -> bool {
    per_post(m) && matches!(m.unit, Unit::Percent | Unit::Ratio)
}

/// Every column the data can fill, in file order: what identifies a post, then each count
/// some post of the data has (so the columns do not change with the window), interactions,
/// and each per-post rate whose numbers some post has.
pub fn columns(prepared: &Prepared) -> Vec<PostColumn> {
    let mut out = vec![
        PostColumn::Id,
        PostColumn::Account,
        PostColumn::Platform,
        PostColumn::Format,
        PostColumn::PublishedAt,
        PostColumn::Tags,
        PostColumn::Text,
        PostColumn::Url,
    ];
    let fields = prepared.post_fields();
    out.extend(
        fields
            .iter()
            .filter(|f| matches!(f, PostField::Count(_)))
            .map(|f| PostColumn::Field(*f)),
    );
    out.extend(
        fields
            .iter()
            .filter(|f| **f == PostField::Interactions)
            .map(|f| PostColumn::Field(*f)),
    );
    out.extend(fields.iter().filter_map(|f| match f {
        PostField::Metric(m) if rate(m) => Some(PostColumn::Field(*f)),
        _ => None,
    }));
    out
}

/// Why `--columns` was refused.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum ColumnError {
    #[error("{}", crate::i18n::trf("err.column_unknown", &[("name", &.name), ("known", &.known)]))]
    Unknown { name: String, known: String },
    #[error("{}", crate::i18n::trf("err.column_not_in_data", &[("name", &.name), ("known", &.known)]))]
    NotInData { name: String, known: String },
    #[error("{}", crate::i18n::trf("err.column_twice", &[("name", &.0)]))]
    Twice(String),
}

/// The columns named (a header name, or a per-post metric's id for its column), in the order
/// named.
pub fn choose(available: &[PostColumn], names: &[String]) -> Result<Vec<PostColumn>, ColumnError> {
    let known = || {
        available
            .iter()
            .map(|c| c.name())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut out: Vec<PostColumn> = Vec::with_capacity(names.len());
    for raw in names {
        let name = raw.trim();
        let found = available.iter().copied().find(|c| {
            c.name() == name || matches!(c, PostColumn::Field(PostField::Metric(m)) if m.id == name)
        });
        let Some(column) = found else {
            // A count or a rate engage knows, which this data does not have, is told apart
            // from a typo.
            let exists = PostCount::ALL.iter().any(|c| c.name() == name)
                || name == "interactions"
                || CATALOGUE
                    .iter()
                    .filter(|m| rate(m))
                    .any(|m| m.id == name || metric_column(m) == name);
            let name = name.to_owned();
            return Err(if exists {
                ColumnError::NotInData {
                    name,
                    known: known(),
                }
            } else {
                ColumnError::Unknown {
                    name,
                    known: known(),
                }
            });
        };
        if out.contains(&column) {
            return Err(ColumnError::Twice(name.to_owned()));
        }
        out.push(column);
    }
    Ok(out)
}

/// Rows formatted per chunk: big enough that handing a chunk between threads costs nothing
/// next to formatting it, small enough that the chunks in flight take a few megabytes.
pub const CHUNK_ROWS: usize = 8_192;

/// Writes `rows` (post rows of the store, in the order given) with `columns`, header first.
pub fn write_posts<W: Write>(
    prepared: &Prepared,
    rows: &[u32],
    columns: &[PostColumn],
    out: W,
) -> io::Result<()> {
    write_posts_in_chunks(prepared, rows, columns, out, CHUNK_ROWS)
}

/// [`write_posts`], formatting `chunk_rows` rows at a time: on several cores the chunks are
/// formatted on worker threads while this one writes the finished ones, in order, so a
/// million posts go to a file in about the time formatting them takes (the goal is 1.5 s).
/// The bytes are the same whatever the chunk size and the number of cores.
pub fn write_posts_in_chunks<W: Write>(
    prepared: &Prepared,
    rows: &[u32],
    columns: &[PostColumn],
    mut out: W,
    chunk_rows: usize,
) -> io::Result<()> {
    let mut head = Cells::new(&mut out);
    let names: Vec<String> = columns.iter().map(|c| c.name()).collect();
    head.header(&names)?;
    head.finish()?;
    let rows_of = RowWriter::new(prepared, columns);
    let chunks: Vec<&[u32]> = rows.chunks(chunk_rows.max(1)).collect();
    let workers = std::thread::available_parallelism()
        .map_or(1, std::num::NonZero::get)
        .clamp(1, 4)
        .min(chunks.len());
    if workers <= 1 {
        for chunk in chunks {
            out.write_all(&rows_of.format(chunk)?)?;
        }
        return out.flush();
    }
    std::thread::scope(|scope| {
        // Worker k formats chunks k, k + workers, …, each into its own bounded channel, so
        // this thread takes them in order and at most a few chunks wait in memory.
        let receivers: Vec<_> = (0..workers)
            .map(|k| {
                let (tx, rx) = std::sync::mpsc::sync_channel::<io::Result<Vec<u8>>>(2);
                let chunks = &chunks;
                let rows_of = &rows_of;
                scope.spawn(move || {
                    for chunk in chunks.iter().skip(k).step_by(workers) {
                        // A closed channel: the writer stopped (an error); so does the worker.
                        if tx.send(rows_of.format(chunk)).is_err() {
                            return;
                        }
                    }
                });
                rx
            })
            .collect();
        for i in 0..chunks.len() {
            let formatted = receivers[i % workers]
                .recv()
                .map_err(|_| io::Error::other("a CSV worker stopped before its chunk"))??;
            out.write_all(&formatted)?;
        }
        out.flush()
    })
}

/// What every row needs, worked out once: the columns, the accounts' cells, the offset.
struct RowWriter<'a> {
    prepared: &'a Prepared,
    columns: &'a [PostColumn],
    /// Per account: its id (neutralised) and platform.
    accounts: Vec<(String, &'static str)>,
    offset: i32,
    offset_text: String,
    needs_counts: bool,
}

impl<'a> RowWriter<'a> {
    fn new(prepared: &'a Prepared, columns: &'a [PostColumn]) -> RowWriter<'a> {
        let store = &prepared.store;
        RowWriter {
            prepared,
            columns,
            accounts: store
                .accounts
                .iter()
                .map(|a| (super::neutralise(&a.id).into_owned(), a.platform.name()))
                .collect(),
            offset: store.utc_offset_min,
            offset_text: crate::calendar::format_offset(store.utc_offset_min),
            needs_counts: columns.iter().any(|c| matches!(c, PostColumn::Field(_))),
        }
    }

    /// `rows` as CSV records.
    fn format(&self, rows: &[u32]) -> io::Result<Vec<u8>> {
        let prepared = self.prepared;
        let store = &prepared.store;
        let posts = &store.posts;
        let mut cells = Cells::new(Vec::with_capacity(rows.len() * 256));
        let mut tags = String::new();
        let mut time = Vec::with_capacity(32);
        for &r in rows {
            let row = r as usize;
            let account = posts.account[row] as usize;
            let counts = if self.needs_counts {
                POST_FIELDS.map(|f| posts.count(f, row))
            } else {
                [None; 9]
            };
            // Followers on the day, looked up once per row and only if a column needs them.
            let mut followers: Option<Option<u64>> = None;
            for column in self.columns {
                match column {
                    PostColumn::Id => cells.text(posts.id.get(row))?,
                    PostColumn::Account => {
                        cells.raw(self.accounts.get(account).map_or("", |(id, _)| id))?;
                    }
                    PostColumn::Platform => {
                        cells.raw(self.accounts.get(account).map_or("", |(_, p)| p))?;
                    }
                    PostColumn::Format => cells.raw(posts.format[row].name())?,
                    PostColumn::PublishedAt => {
                        time.clear();
                        rfc3339(
                            &mut time,
                            posts.published[row],
                            self.offset,
                            &self.offset_text,
                        );
                        cells.raw_bytes(&time)?;
                    }
                    PostColumn::Tags => {
                        tags.clear();
                        for (i, t) in posts.tags(row).iter().enumerate() {
                            if i > 0 {
                                tags.push(TAG_SEPARATOR);
                            }
                            tags.push_str(store.tags.name(*t));
                        }
                        cells.text(&tags)?;
                    }
                    PostColumn::Text => cells.text(posts.text.get(row))?,
                    PostColumn::Url => cells.text(posts.url.get(row))?,
                    PostColumn::Field(PostField::Count(c)) => {
                        match crate::measure::prepare::field_index(*c) {
                            Some(i) => cells.count(counts[i])?,
                            None => cells.count(posts.count(*c, row))?,
                        }
                    }
                    PostColumn::Field(PostField::Interactions) => {
                        cells.count(interactions_of(&counts))?;
                    }
                    PostColumn::Field(PostField::Metric(m)) => {
                        let value = post_metric_of(m, &counts, || {
                            *followers.get_or_insert_with(|| {
                                prepared.followers_on(account, posts.day[row])
                            })
                        });
                        cells.number(value)?;
                    }
                    PostColumn::Field(_) => cells.raw("")?,
                }
            }
            cells.end()?;
        }
        cells.into_inner()
    }
}

/// Appends `utc` (seconds since the epoch) as RFC 3339 at `offset_min` minutes east of UTC,
/// `2026-10-31T19:05:00+07:00`: the instant the post carries, on the clock of the days the
/// metrics count in. Written by hand: a million rows through a formatting library took a
/// third of the export.
fn rfc3339(out: &mut Vec<u8>, utc: i64, offset_min: i32, offset_text: &str) {
    let local = utc + i64::from(offset_min) * 60;
    let day = local.div_euclid(86_400);
    let secs = local.rem_euclid(86_400);
    let date = to_naive(day as Day);
    use chrono::Datelike;
    let two = |out: &mut Vec<u8>, v: u32| {
        out.push(b'0' + (v / 10 % 10) as u8);
        out.push(b'0' + (v % 10) as u8);
    };
    let year = date.year();
    if (0..=9999).contains(&year) {
        let y = year as u32;
        two(out, y / 100);
        two(out, y % 100);
    } else {
        out.extend_from_slice(year.to_string().as_bytes());
    }
    out.push(b'-');
    two(out, date.month());
    out.push(b'-');
    two(out, date.day());
    out.push(b'T');
    two(out, (secs / 3600) as u32);
    out.push(b':');
    two(out, (secs / 60 % 60) as u32);
    out.push(b':');
    two(out, (secs % 60) as u32);
    out.extend_from_slice(offset_text.as_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_in_rfc_3339() {
        let mut out = Vec::new();
        // 2026-10-31T12:05:00Z at +07:00.
        let t = crate::calendar::parse_timestamp("2026-10-31T12:05:00Z").unwrap();
        rfc3339(&mut out, t.utc, 420, "+07:00");
        assert_eq!(String::from_utf8(out).unwrap(), "2026-10-31T19:05:00+07:00");
        let mut out = Vec::new();
        rfc3339(&mut out, t.utc, -330, "-05:30");
        assert_eq!(String::from_utf8(out).unwrap(), "2026-10-31T06:35:00-05:30");
        let mut out = Vec::new();
        rfc3339(&mut out, -1, 0, "+00:00");
        assert_eq!(String::from_utf8(out).unwrap(), "1969-12-31T23:59:59+00:00");
    }
}
