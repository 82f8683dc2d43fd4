//! Posts given as typed values (the rows of a Parquet table) rather than JSON text: the checks
//! and messages of `posts.rs`, on values a columnar reader has already typed, so that a
//! million rows go into the store without being written and read again as JSON. The column
//! types are checked once per table by the reader; what is left per row is what a value can
//! get wrong: an empty id, an unknown account, a timestamp or format string that does not
//! parse, a negative or fractional count, a null tag.

// Only a Parquet table gives typed posts: without the feature, nothing calls this.
#![cfg_attr(not(feature = "parquet"), allow(dead_code))]

use std::io::Read;

use super::Parser;
use super::values::{count_message, timestamp_expected, which};
use crate::calendar::{self, Timestamp};
use crate::i18n::{tr, trf};
use crate::snapshot::json::expected_found;
use crate::snapshot::json::{Pos, quote_preview};
use crate::snapshot::model::{MAX_COUNT, PostCount, PostFormat};

/// `published_at` as a column holds it.
#[derive(Clone, Copy)]
pub(crate) enum Published<'a> {
    Null,
    /// An instant (TIMESTAMP), in seconds since the epoch, shown in the snapshot's offset.
    Instant(i64),
    /// An RFC 3339 string.
    Text(&'a str),
}

/// A count as a column holds it.
#[derive(Clone, Copy)]
pub(crate) enum CountCell {
    Null,
    Int(i128),
    Float(f64),
}

/// One post row of a columnar table. `tags` is `None` for a null list; a null tag is `None`.
pub(crate) struct PostRow<'a> {
    pub id: Option<&'a str>,
    pub account: Option<&'a str>,
    pub published: Published<'a>,
    pub format: Option<&'a str>,
    pub text: Option<&'a str>,
    pub url: Option<&'a str>,
    pub counts: [CountCell; PostCount::ALL.len()],
}

/// A string column's cells over a run of rows, as a columnar table packs them: the values
/// one after the other, and each row's end within `values` (a null row is empty).
pub(crate) struct Packed<'a> {
    pub values: &'a str,
    pub ends: &'a [u64],
}

/// A run of post rows in which the reader found nothing a message would be about: every id
/// and account present and not empty, every time and format read, every count a whole number
/// in range, no null tag. Such rows go into the store column by column, with the exact
/// result [`Direct::post`] gives them one by one (which any other run takes).
pub(crate) struct CleanRows<'a> {
    /// The line (the origin index) of the run's first row; the rest follow.
    pub first_line: u32,
    pub id: Packed<'a>,
    pub account: &'a [&'a str],
    pub published: &'a [Timestamp],
    pub format: &'a [PostFormat],
    /// `None`: the column is absent, every row's is empty.
    pub text: Option<Packed<'a>>,
    pub url: Option<Packed<'a>>,
    /// Every row's tags one after the other, and each row's end in them.
    pub tags: &'a [&'a str],
    pub tag_ends: &'a [u32],
    /// Each count column's values (`None` for an absent column: not known).
    pub counts: [Option<&'a [Option<u64>]>; PostCount::ALL.len()],
}

/// The parser, after its JSON input, taking posts from a columnar table.
pub(crate) struct Direct<'p, S> {
    pub(super) p: &'p mut Parser<S>,
    pub(super) offset_min: i32,
    pub(super) control: crate::snapshot::json::LoadControl,
}

impl<S: Read> Direct<'_, S> {
    /// The index the next post gets, as in `posts[i]`.
    pub(crate) fn next_index(&self) -> usize {
        self.p.store.posts.account.len()
    }

    /// Adds one post; `at` is where messages about it point, `tags` its tags (`None` items
    /// are null tags, an error).
    pub(crate) fn post<'t>(
        &mut self,
        at: Pos,
        row: &PostRow<'_>,
        tags: impl Iterator<Item = Option<&'t str>>,
    ) {
        let i = self.next_index();
        let offset_min = self.offset_min;
        let Parser {
            sink, store, refs, ..
        } = &mut *self.p;
        let posts = &mut store.posts;
        let id_ok = match row.id {
            None => {
                missing(sink, at, i, "id");
                false
            }
            Some("") => {
                empty_id(sink, at, i, "id");
                false
            }
            Some(s) => {
                posts.id.push_str(s);
                true
            }
        };
        let account = match row.account {
            None => {
                missing(sink, at, i, "account");
                None
            }
            Some("") => {
                empty_id(sink, at, i, "account");
                None
            }
            Some(s) => Some(refs.reference(s, at, || format!("posts[{i}].account"))),
        };
        let published = match row.published {
            Published::Null => {
                missing(sink, at, i, "published_at");
                None
            }
            Published::Instant(utc) => Some(Timestamp {
                utc,
                offset_min: offset_min as i16,
            }),
            Published::Text(s) => match calendar::parse_timestamp(s) {
                Some(t) => Some(t),
                None => {
                    sink.error(
                        Some(at),
                        || format!("posts[{i}].published_at"),
                        || {
                            let why = calendar::timestamp_problem(s)
                                .map(|w| which(&w))
                                .unwrap_or_default();
                            let found = quote_preview(s);
                            format!("{}{why}", expected_found(&timestamp_expected(), &found))
                        },
                    );
                    None
                }
            },
        };
        let format = match row.format {
            None => {
                missing(sink, at, i, "format");
                None
            }
            Some(s) => match PostFormat::parse(s) {
                Some(f) => Some(f),
                None => {
                    sink.error(
                        Some(at),
                        || format!("posts[{i}].format"),
                        || {
                            let hint =
                                super::values::case_hint(s, PostFormat::parse).unwrap_or_default();
                            let found = quote_preview(s);
                            format!("{}{hint}", expected_found(&PostFormat::expected(), &found))
                        },
                    );
                    None
                }
            },
        };
        if let Some(s) = row.text {
            posts.text.push_str(s);
        }
        if let Some(s) = row.url {
            posts.url.push_str(s);
        }
        for tag in tags {
            match tag {
                Some(t) => posts.tag_ids.push(store.tags.intern(t)),
                None => sink.error(
                    Some(at),
                    || format!("posts[{i}].tags"),
                    || tr("loader.null_tag").to_owned(),
                ),
            }
        }
        let row_index = posts.account.len();
        for (c, (column, cell)) in PostCount::ALL
            .iter()
            .zip(posts.counts.iter_mut().zip(row.counts))
        {
            let value = match cell {
                CountCell::Null => None,
                CountCell::Int(v) if (0..=i128::from(MAX_COUNT)).contains(&v) => Some(v as u64),
                CountCell::Int(v) => {
                    let problem = if v < 0 {
                        "loader.count_negative"
                    } else {
                        "loader.count_over"
                    };
                    count_error(sink, at, i, c.name(), &v.to_string(), problem);
                    None
                }
                CountCell::Float(v)
                    if v.fract() == 0.0 && (0.0..=MAX_COUNT as f64).contains(&v) =>
                {
                    Some(v as u64)
                }
                CountCell::Float(v) => {
                    let problem = if v.is_nan() || v.is_infinite() {
                        "loader.count_not_number"
                    } else if v < 0.0 {
                        "loader.count_negative"
                    } else if v.fract() != 0.0 {
                        "loader.count_fraction"
                    } else {
                        "loader.count_over"
                    };
                    count_error(sink, at, i, c.name(), &v.to_string(), problem);
                    None
                }
            };
            column.push(value);
        }
        posts.end_row(account, published, format);
        self.p.post_lines.push(at.line);
        if let (true, Some(_)) = (id_ok, account) {
            self.p.ids_at.push(super::duplicates::IdAt {
                row: row_index as u32,
                index: i as u32,
                at,
            });
        }
    }

    /// Adds a run of rows the reader found clean (see [`CleanRows`]).
    pub(crate) fn clean_rows(&mut self, rows: &CleanRows<'_>) {
        let n = rows.published.len();
        let first = self.next_index();
        let Parser {
            store,
            refs,
            post_lines,
            ids_at,
            ..
        } = &mut *self.p;
        let posts = &mut store.posts;
        let line = |r: usize| rows.first_line.saturating_add(r as u32);
        posts
            .id
            .append_packed(rows.id.values, rows.id.ends.iter().copied());
        for (column, cells) in [(&mut posts.text, &rows.text), (&mut posts.url, &rows.url)] {
            match cells {
                Some(p) => column.append_packed(p.values, p.ends.iter().copied()),
                None => column.append_packed("", std::iter::repeat_n(0, n)),
            }
        }
        let mut start = 0;
        for &end in rows.tag_ends {
            for tag in &rows.tags[start..end as usize] {
                posts.tag_ids.push(store.tags.intern(tag));
            }
            start = end as usize;
            posts.tag_offsets.push(posts.tag_ids.len() as u32);
        }
        // Accounts come in runs: the last one's number is kept, not looked up again.
        let mut last: Option<(&str, u32)> = None;
        for (r, &account) in rows.account.iter().enumerate() {
            let p = match last {
                Some((name, p)) if name == account => {
                    refs.ref_count[p as usize] += 1;
                    p
                }
                _ => {
                    let at = Pos {
                        line: line(r),
                        column: 1,
                    };
                    let p = refs.reference(account, at, || format!("posts[{}].account", first + r));
                    last = Some((account, p));
                    p
                }
            };
            posts.account.push(p);
        }
        posts.published.extend(rows.published.iter().map(|t| t.utc));
        posts
            .offset_min
            .extend(rows.published.iter().map(|t| t.offset_min));
        posts.format.extend_from_slice(rows.format);
        posts.source.extend(std::iter::repeat_n(0, n));
        for (column, cells) in posts.counts.iter_mut().zip(rows.counts) {
            match cells {
                Some(values) => column.extend(values.iter().copied()),
                None => column.extend(std::iter::repeat_n(None, n)),
            }
        }
        post_lines.extend((0..n).map(line));
        ids_at.extend((0..n).map(|r| super::duplicates::IdAt {
            row: (first + r) as u32,
            index: (first + r) as u32,
            at: Pos {
                line: line(r),
                column: 1,
            },
        }));
    }

    /// The snapshot's offset, which TIMESTAMP instants are shown in.
    pub(crate) fn offset_min(&self) -> i32 {
        self.offset_min
    }

    /// Reserves room for `n` more posts.
    pub(crate) fn reserve(&mut self, n: usize) {
        let p = &mut self.p.store.posts;
        p.account.reserve(n);
        p.published.reserve(n);
        p.offset_min.reserve(n);
        p.format.reserve(n);
        p.source.reserve(n);
        p.tag_offsets.reserve(n);
        p.id.reserve(n, 0);
        p.text.reserve(n, 0);
        p.url.reserve(n, 0);
        for c in &mut p.counts {
            c.reserve(n);
        }
        self.p.post_lines.reserve(n);
        self.p.ids_at.reserve(n);
    }

    /// Whether the load was cancelled.
    pub(crate) fn cancelled(&self) -> bool {
        self.control
            .cancel
            .load(std::sync::atomic::Ordering::Relaxed)
    }
}

fn missing(sink: &mut crate::snapshot::diagnostics::Sink, at: Pos, i: usize, field: &str) {
    sink.error(
        Some(at),
        || format!("posts[{i}]"),
        || trf("loader.missing_field", &[("field", &field)]),
    );
}

fn empty_id(sink: &mut crate::snapshot::diagnostics::Sink, at: Pos, i: usize, field: &str) {
    sink.error(
        Some(at),
        || format!("posts[{i}].{field}"),
        || tr("loader.empty_id").to_owned(),
    );
}

fn count_error(
    sink: &mut crate::snapshot::diagnostics::Sink,
    at: Pos,
    i: usize,
    name: &str,
    text: &str,
    problem_key: &str,
) {
    sink.error(
        Some(at),
        || format!("posts[{i}].{name}"),
        || count_message(text, tr(problem_key)),
    );
}
