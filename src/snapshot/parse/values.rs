//! Readers for one field value each: a count, a string, a timestamp, a date, a name from a
//! closed list. Each reads whatever value is there, records an error naming what it found and
//! what it expected if the value is wrong, and returns `None` for "no usable value" so that
//! parsing goes on and every error in the file is reported in one pass.

use std::io::Read;

use crate::calendar::{self, Day, Timestamp};
use crate::i18n::{tr, trf};
use crate::snapshot::diagnostics::Sink;
use crate::snapshot::json::expected_found;
use crate::snapshot::json::{JsonReader, Number, Pos, StrIssue, StrProblem, quote_preview};
use crate::snapshot::model::MAX_COUNT;
use crate::text::thousands;

pub(super) type R<T> = Result<T, crate::snapshot::json::Fatal>;

/// What a count must be, in the language shown.
pub(super) fn count_expected() -> &'static str {
    tr("loader.count_expected")
}

/// Why a number is not a count, in the language shown.
pub(super) fn count_problem(n: Number) -> &'static str {
    tr(match n {
        Number::Negative => "loader.count_negative",
        Number::Fraction => "loader.count_fraction",
        _ => "loader.count_over",
    })
}

/// `expected a non-negative integer or null, found number {text}, which {problem}`.
pub(super) fn count_message(text: &str, problem: &str) -> String {
    trf(
        "loader.count_found",
        &[
            ("expected", &count_expected()),
            ("text", &text),
            ("problem", &problem),
        ],
    )
}

/// Describes a string problem in a message.
pub(super) fn describe_problem(p: &StrProblem) -> String {
    match &**p {
        StrIssue::InvalidUtf8 { preview } => trf(
            "loader.string_not_utf8",
            &[("value", &quote_preview(preview))],
        ),
        StrIssue::LoneSurrogate { preview } => trf(
            "loader.string_lone_surrogate",
            &[("value", &quote_preview(preview))],
        ),
        StrIssue::TooLong { bytes, preview } => trf(
            "loader.string_too_long",
            &[
                ("value", &quote_preview(preview)),
                ("bytes", &thousands(*bytes)),
                (
                    "max",
                    &thousands(crate::snapshot::json::MAX_STRING_BYTES as u64),
                ),
            ],
        ),
    }
}

/// Skips the value of an unknown field. Text in it that is not valid (invalid UTF-8, a lone
/// surrogate) is still an error: a snapshot is UTF-8 throughout, and JSON tools refuse it.
pub(super) fn skip_unknown<S: Read>(
    r: &mut JsonReader<S>,
    sink: &mut Sink,
    path: impl FnOnce() -> String,
) -> R<()> {
    r.read_found()?;
    if let Some((at, problem)) = r.take_skipped_problem() {
        sink.error(Some(at), path, || describe_problem(&problem));
    }
    Ok(())
}

/// For a name of a closed list written in another case or spacing ("Instagram", "Organic
/// Social") or in the plural ("reels"): the tail of a message saying how to write it.
pub(super) fn case_hint<T>(found: &str, parse: impl Fn(&str) -> Option<T>) -> Option<String> {
    let name = found.trim().to_lowercase().replace([' ', '-'], "_");
    if parse(&name).is_some() {
        return Some(trf("loader.hint_case", &[("name", &name)]));
    }
    let singular = name.strip_suffix('s')?;
    parse(singular).map(|_| trf("loader.hint_singular", &[("name", &singular)]))
}

/// Reads a count: a non-negative integer up to 2^53, or null (not known).
#[inline]
pub(super) fn count<S: Read>(
    r: &mut JsonReader<S>,
    sink: &mut Sink,
    path: impl FnOnce() -> String,
) -> R<Option<u64>> {
    let next = r.peek()?;
    let at = r.pos();
    match next {
        Some(b'0'..=b'9' | b'-') => {
            let n = r.read_number()?;
            if let Number::Unsigned(v) = n
                && v <= MAX_COUNT
            {
                return Ok(Some(v));
            }
            let text = r.number_text();
            sink.error(Some(at), path, || count_message(&text, count_problem(n)));
            Ok(None)
        }
        Some(b'n') => {
            r.read_null()?;
            Ok(None)
        }
        _ => {
            wrong(r, sink, at, path, count_expected())?;
            Ok(None)
        }
    }
}

/// Reads the value at `at` (whatever it is) and records that it is not what was expected.
pub(super) fn wrong<S: Read>(
    r: &mut JsonReader<S>,
    sink: &mut Sink,
    at: Pos,
    path: impl FnOnce() -> String,
    expected: &str,
) -> R<()> {
    let found = r.read_found()?;
    sink.error(Some(at), path, || expected_found(&expected, &found));
    Ok(())
}

/// Reads a string; `null` is accepted (as `None`) only when `nullable`.
#[inline]
pub(super) fn string<'r, S: Read>(
    r: &'r mut JsonReader<S>,
    sink: &mut Sink,
    path: impl FnOnce() -> String,
    nullable: bool,
) -> R<Option<&'r str>> {
    let next = r.peek()?;
    let at = r.pos();
    match next {
        Some(b'"') => match r.read_str()? {
            Ok(s) => Ok(Some(s)),
            Err(problem) => {
                sink.error(Some(at), path, || describe_problem(&problem));
                Ok(None)
            }
        },
        Some(b'n') if nullable => {
            r.read_null()?;
            Ok(None)
        }
        _ => {
            let expected = tr(if nullable {
                "loader.string_or_null"
            } else {
                "loader.a_string"
            });
            wrong(r, sink, at, path, expected)?;
            Ok(None)
        }
    }
}

/// Reads an id (of an account or a post, or a reference to an account): a non-empty string.
#[inline]
pub(super) fn id<'r, S: Read>(
    r: &'r mut JsonReader<S>,
    sink: &mut Sink,
    path: impl Fn() -> String,
) -> R<Option<&'r str>> {
    r.peek()?;
    let at = r.pos();
    match string(r, sink, &path, false)? {
        Some("") => {
            sink.error(Some(at), path, || tr("loader.empty_id").to_owned());
            Ok(None)
        }
        other => Ok(other),
    }
}

/// Reads a string and converts it with `convert`; a string that does not convert is an error
/// saying `expected`, what was found and, where `why` knows more, why it is wrong (the tail of
/// the message, such as ", which has no UTC offset").
pub(super) fn parsed<T, S: Read>(
    r: &mut JsonReader<S>,
    sink: &mut Sink,
    path: impl FnOnce() -> String,
    nullable: bool,
    expected: impl FnOnce() -> &'static str,
    convert: impl FnOnce(&str) -> Option<T>,
    why: impl FnOnce(&str) -> Option<String>,
) -> R<Option<T>> {
    let next = r.peek()?;
    let at = r.pos();
    if next != Some(b'"') {
        if nullable && next == Some(b'n') {
            r.read_null()?;
            return Ok(None);
        }
        let expected = expected();
        let expected = if nullable {
            trf("loader.as_string_or_null", &[("expected", &expected)])
        } else {
            trf("loader.as_string", &[("expected", &expected)])
        };
        wrong(r, sink, at, path, &expected)?;
        return Ok(None);
    }
    match r.read_str()? {
        Ok(s) => match convert(s) {
            Some(v) => Ok(Some(v)),
            None => {
                // Built only if the error is kept: a file can have a bad date on every line.
                sink.error(Some(at), path, || {
                    let found = quote_preview(s);
                    let why = why(s).unwrap_or_default();
                    format!("{}{why}", expected_found(&expected(), &found))
                });
                Ok(None)
            }
        },
        Err(problem) => {
            sink.error(Some(at), path, || describe_problem(&problem));
            Ok(None)
        }
    }
}

/// What a timestamp must be, in the language shown.
pub(super) fn timestamp_expected() -> &'static str {
    tr("loader.timestamp_expected")
}

/// `, which {why}`: the tail of a message saying why a value is wrong.
pub(super) fn which(why: &str) -> String {
    trf("loader.which", &[("why", &why)])
}

pub(super) fn timestamp<S: Read>(
    r: &mut JsonReader<S>,
    sink: &mut Sink,
    path: impl FnOnce() -> String,
    nullable: bool,
) -> R<Option<Timestamp>> {
    parsed(
        r,
        sink,
        path,
        nullable,
        timestamp_expected,
        calendar::parse_timestamp,
        |s| calendar::timestamp_problem(s).map(|why| which(&why)),
    )
}

pub(super) fn date<S: Read>(
    r: &mut JsonReader<S>,
    sink: &mut Sink,
    path: impl FnOnce() -> String,
) -> R<Option<Day>> {
    parsed(
        r,
        sink,
        path,
        false,
        || tr("loader.date_expected"),
        calendar::parse_date,
        |s| calendar::date_problem(s).map(|why| which(&why)),
    )
}

/// Reads an array of strings, handing each to `each`.
pub(super) fn string_array<S: Read>(
    r: &mut JsonReader<S>,
    sink: &mut Sink,
    path: &dyn Fn() -> String,
    mut each: impl FnMut(&str),
) -> R<()> {
    let next = r.peek()?;
    let at = r.pos();
    match next {
        Some(b'[') => {
            r.expect(b'[', "`[`")?;
            let mut first = true;
            let mut i = 0usize;
            while r.next_item(&mut first)? {
                if let Some(s) = string(r, sink, || format!("{}[{i}]", path()), false)? {
                    each(s);
                }
                i += 1;
            }
            Ok(())
        }
        Some(b'n') => r.read_null().map(|_| ()),
        _ => wrong(r, sink, at, path, tr("loader.string_array_or_null")),
    }
}

/// Writes a JSON object key as a path segment: `.name`, or `["odd key"]` when it is not a
/// plain identifier.
pub(super) fn key_segment(key: &str) -> String {
    if !key.is_empty() && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
        format!(".{key}")
    } else {
        format!("[{}]", quote_preview(key))
    }
}
