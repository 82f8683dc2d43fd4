//! Reading `posts[i]`: the hot path of every load, so each field goes straight into its
//! column and strings into their arenas, with no per-post allocation.

use std::io::Read;

use super::values::{self, R};
use super::{Parser, note_unknown};
use crate::i18n::trf;
use crate::snapshot::json::StrProblem;
use crate::snapshot::model::{PostCount, PostFormat};
use crate::snapshot::store::Store;

enum PostField {
    Id,
    Account,
    PublishedAt,
    Format,
    Text,
    Url,
    Tags,
    Count(PostCount),
    Unknown(String),
    BadKey(StrProblem),
}

impl PostField {
    #[inline]
    fn classify(key: Result<&[u8], StrProblem>) -> PostField {
        match key {
            Ok(b"id") => PostField::Id,
            Ok(b"account") => PostField::Account,
            Ok(b"published_at") => PostField::PublishedAt,
            Ok(b"format") => PostField::Format,
            Ok(b"text") => PostField::Text,
            Ok(b"url") => PostField::Url,
            Ok(b"tags") => PostField::Tags,
            Ok(other) => match PostCount::parse_bytes(other) {
                Some(c) => PostField::Count(c),
                None => match crate::snapshot::json::key_text(other) {
                    Ok(name) => PostField::Unknown(name.to_owned()),
                    Err(p) => PostField::BadKey(p),
                },
            },
            Err(p) => PostField::BadKey(p),
        }
    }

    /// A bit per known field, to catch keys given twice.
    fn bit(&self) -> u32 {
        match self {
            PostField::Id => 1,
            PostField::Account => 1 << 1,
            PostField::PublishedAt => 1 << 2,
            PostField::Format => 1 << 3,
            PostField::Text => 1 << 4,
            PostField::Url => 1 << 5,
            PostField::Tags => 1 << 6,
            PostField::Count(c) => 1 << (7 + *c as u32),
            PostField::Unknown(_) | PostField::BadKey(_) => 0,
        }
    }

    fn name(&self) -> &str {
        match self {
            PostField::Id => "id",
            PostField::Account => "account",
            PostField::PublishedAt => "published_at",
            PostField::Format => "format",
            PostField::Text => "text",
            PostField::Url => "url",
            PostField::Tags => "tags",
            PostField::Count(c) => c.name(),
            PostField::Unknown(name) => name,
            PostField::BadKey(_) => "",
        }
    }
}

const ID_BIT: u32 = 1;
const ACCOUNT_BIT: u32 = 1 << 1;
const PUBLISHED_BIT: u32 = 1 << 2;
const FORMAT_BIT: u32 = 1 << 3;

impl<S: Read> Parser<S> {
    pub(super) fn post(&mut self, i: usize) -> R<()> {
        let start = self.open_record("posts", i, "loader.what_post")?;
        let Parser {
            r,
            sink,
            store,
            refs,
            unknown,
            ..
        } = self;
        let Store { posts, tags, .. } = store;
        let mut account = None;
        let mut published = None;
        let mut format = None;
        let mut counts = [None; PostCount::ALL.len()];
        let mut seen = 0u32;
        let mut id_at = None;
        let mut first = true;
        while start.is_some() {
            let Some(field) = r.next_key(&mut first, PostField::classify)? else {
                break;
            };
            r.peek()?;
            let at = r.pos();
            let bit = field.bit();
            if seen & bit != 0 {
                let name = field.name().to_owned();
                sink.error(
                    Some(at),
                    || format!("posts[{i}].{name}"),
                    || trf("loader.key_twice_post", &[("name", &name)]),
                );
            }
            seen |= bit;
            match field {
                PostField::Id => {
                    if let Some(s) = values::id(r, sink, || format!("posts[{i}].id"))? {
                        posts.id.push_str(s);
                        id_at = Some(at);
                    }
                }
                PostField::Account => {
                    let path = || format!("posts[{i}].account");
                    if let Some(s) = values::id(r, sink, path)? {
                        account = Some(refs.reference(s, at, path));
                    }
                }
                PostField::PublishedAt => {
                    published =
                        values::timestamp(r, sink, || format!("posts[{i}].published_at"), false)?;
                }
                PostField::Format => {
                    format = values::parsed(
                        r,
                        sink,
                        || format!("posts[{i}].format"),
                        false,
                        PostFormat::expected,
                        PostFormat::parse,
                        |s| values::case_hint(s, PostFormat::parse),
                    )?;
                }
                PostField::Text => {
                    if let Some(s) = values::string(r, sink, || format!("posts[{i}].text"), true)? {
                        posts.text.push_str(s);
                    }
                }
                PostField::Url => {
                    if let Some(s) = values::string(r, sink, || format!("posts[{i}].url"), true)? {
                        posts.url.push_str(s);
                    }
                }
                PostField::Tags => {
                    let path = || format!("posts[{i}].tags");
                    values::string_array(r, sink, &path, |t| posts.tag_ids.push(tags.intern(t)))?;
                }
                PostField::Count(c) => {
                    counts[c as usize] =
                        values::count(r, sink, || format!("posts[{i}].{}", c.name()))?;
                }
                PostField::Unknown(name) => {
                    let path = || format!("posts[{i}]{}", values::key_segment(&name));
                    values::skip_unknown(r, sink, path)?;
                    note_unknown(unknown, "post", name.clone(), at, path);
                }
                PostField::BadKey(problem) => {
                    sink.error(
                        Some(r.key_pos()),
                        || format!("posts[{i}]"),
                        || {
                            trf(
                                "loader.bad_key",
                                &[("problem", &values::describe_problem(&problem))],
                            )
                        },
                    );
                    r.read_found()?;
                }
            }
        }
        if let Some(at) = start {
            for (bit, name) in [
                (ID_BIT, "id"),
                (ACCOUNT_BIT, "account"),
                (PUBLISHED_BIT, "published_at"),
                (FORMAT_BIT, "format"),
            ] {
                if seen & bit == 0 {
                    sink.error(
                        Some(at),
                        || format!("posts[{i}]"),
                        || trf("loader.missing_field", &[("field", &name)]),
                    );
                }
            }
        }

        let row = posts.account.len();
        for (column, value) in posts.counts.iter_mut().zip(counts) {
            column.push(value);
        }
        posts.end_row(account, published, format);
        self.post_lines.push(start.map_or(0, |p| p.line));

        // Duplicate ids are looked for once every post is read.
        if let (Some(at), Some(_)) = (id_at, account) {
            self.ids_at.push(super::duplicates::IdAt {
                row: row as u32,
                index: i as u32,
                at,
            });
        }
        Ok(())
    }
}
