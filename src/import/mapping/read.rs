//! Reading a CSV file through a mapping: its bytes decoded as the mapping says, each row's
//! account, time and counts taken from the columns it names, every skipped row and bad cell
//! reported like any importer's.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::{Kind, Mapping};
use crate::calendar::Timestamp;
use crate::i18n::{tr, trf};
use crate::import::builder::{Builder, FileReport};
use crate::import::columns::{Columns, PostText, read_count};
use crate::import::decode::{Decoded, Encoding, decode_as, decode_lines};
use crate::import::table::{Row, Table, norm};
use crate::import::values::{from_chrono, is_missing, local_at, timestamp};
use crate::import::web_source;
use crate::import::{Context, Family, Imported, done, refused};
use crate::snapshot::model::{Channel, DailyCount, Platform, PostCount, PostFormat, WebCount};
use crate::snapshot::store::Store;

/// Reads a count with the mapping's decimal comma and missing markers.
fn mapped_count(m: &Mapping, b: &mut Builder, at: u64, column: &str, cell: &str) -> Option<u64> {
    if m.file.missing.iter().any(|x| x.trim() == cell) {
        return None;
    }
    if !m.file.decimal_comma {
        return read_count(b, at, column, cell);
    }
    // 1.234,0 -> 1234.0: dots and spaces group thousands, the comma is the decimal point.
    let plain: String = cell
        .chars()
        .filter(|c| !matches!(c, '.' | ' ' | '\u{a0}' | '\u{202f}'))
        .map(|c| if c == ',' { '.' } else { c })
        .collect();
    read_count(b, at, column, &plain)
}

/// The date (and time) cell of a row: its date columns joined by spaces.
fn when(row: &Row, columns: &[Option<usize>]) -> String {
    let parts: Vec<&str> = columns.iter().map(|&c| row.cell(c)).collect();
    parts.join(" ").trim().to_owned()
}

fn parse_when(m: &Mapping, s: &str, offset: i32) -> Option<Timestamp> {
    any_when(m, s, offset).filter(|&t| crate::import::values::writable(t))
}

fn any_when(m: &Mapping, s: &str, offset: i32) -> Option<Timestamp> {
    let Some(f) = &m.date.format else {
        return timestamp(s, m.order(), offset);
    };
    if let Ok(dt) = chrono::DateTime::parse_from_str(s, f) {
        return Some(from_chrono(dt));
    }
    let naive = chrono::NaiveDateTime::parse_from_str(s, f)
        .ok()
        .or_else(|| {
            chrono::NaiveDate::parse_from_str(s, f)
                .ok()
                .map(|d| d.and_time(chrono::NaiveTime::MIN))
        })?;
    Some(local_at(naive, offset))
}

/// A file's bytes decoded as the mapping says.
fn decoded(m: &Mapping, bytes: &[u8]) -> (String, Encoding) {
    let d = decoded_lines(m, bytes);
    (d.text, d.encoding)
}

/// [`decoded`], with the lines read as Windows-1252 in a UTF-8 file.
fn decoded_lines(m: &Mapping, bytes: &[u8]) -> Decoded {
    match m.file.encoding.as_deref().map(norm).as_deref() {
        Some("windows1252" | "cp1252" | "latin1") => Decoded {
            text: decode_as(bytes),
            encoding: Encoding::Windows1252,
            recoded: 0,
            first_recoded: 0,
        },
        _ => decode_lines(bytes),
    }
}

/// The table of a mapped file's text: after the lines the mapping skips, cells split by its
/// separator.
fn mapped_table(m: &Mapping, text: String) -> Result<Table, crate::import::table::HeaderError> {
    let skip: usize = text
        .split_inclusive('\n')
        .take(m.file.skip_lines)
        .map(str::len)
        .sum();
    let text: Arc<str> = Arc::from(text);
    let separator = m.separator().unwrap_or(b',');
    Table::in_text_with(Arc::clone(&text), skip..text.len(), separator)
}

/// The refusal of a file that lacks columns the mapping names, listing the columns it has.
fn lacking_columns(table: &Table, m: &Mapping, name: &str, encoding: Encoding) -> Option<Imported> {
    let missing: Vec<String> = m
        .columns
        .values()
        .flat_map(|names| &names.0)
        .chain(&m.date.columns)
        .chain(m.account.column.iter())
        .filter(|c| table.column(&[c.as_str()]).is_none())
        .cloned()
        .collect();
    if missing.is_empty() {
        return None;
    }
    let header: Vec<String> = table
        .header
        .iter()
        .map(|h| crate::text::escape_controls(h).into_owned())
        .collect();
    Some(refused(
        name,
        Some(encoding),
        trf(
            "importer.mapping_missing_columns",
            &[
                ("mapping", &m.path),
                ("missing", &missing.join(", ")),
                ("columns", &header.join(", ")),
            ],
        ),
    ))
}

/// The refusal of a big file whose head (its first 64 KiB) has no header with the mapping's
/// columns: the rest is then never read. `None` when the head has them (or shows no header
/// yet: the whole file decides).
pub fn refuse_by_head(head: &[u8], name: &str, m: &Mapping) -> Option<Imported> {
    let (text, encoding) = decoded(m, head);
    let end = text.rfind('\n')?;
    let mut text = text;
    text.truncate(end + 1);
    let table = mapped_table(m, text).ok()?;
    lacking_columns(&table, m, name, encoding)
}

/// Imports `bytes` through the mapping.
pub fn import(
    bytes: &[u8],
    name: &str,
    m: &Mapping,
    options: &crate::import::Options,
    control: Option<&crate::snapshot::LoadControl>,
    folder: Option<&str>,
) -> Imported {
    let d = decoded_lines(m, bytes);
    let (recoded, first_recoded) = (d.recoded, d.first_recoded as u64);
    let encoding = d.encoding;
    let table = match mapped_table(m, d.text) {
        Ok(t) => t,
        Err(e) => {
            return refused(
                name,
                Some(encoding),
                trf("importer.not_csv", &[("error", &e)]),
            );
        }
    };
    let file_name = crate::import::file_name_of(name);
    let ctx = Context {
        file: name,
        file_name: &file_name,
        encoding,
        options,
        name_range: crate::import::values::range_in_name(&file_name),
        control,
        folder,
    };
    if let Some(refusal) = lacking_columns(&table, m, name, encoding) {
        return refusal;
    }
    let (store, mut report) = read(&table, m, &ctx);
    if recoded > 0 {
        report.recoded.insert(
            crate::import::builder::recoded().to_owned(),
            crate::import::builder::Skipped {
                count: recoded,
                first_line: 0,
                first_at: first_recoded,
            },
        );
    }
    report.resolve_lines(|at| table.lines_of(at));
    done(store, report, options)
}

/// The mapped file's account when it has no account column: the flags, then the mapping's
/// `[account]` (its `id` as is), then a slug of its handle or name, then of the file's
/// folder's name, then the platform's name.
fn fixed_account(b: &mut Builder, m: &Mapping, ctx: &Context, platform: Platform) -> u32 {
    let a = &m.account;
    match (&ctx.options.account, &a.id) {
        (None, Some(id)) => {
            let handle = ctx.options.handle.as_deref().or(a.handle.as_deref());
            let platform = ctx.options.platform.unwrap_or(platform);
            b.account(id, platform, handle, a.name.as_deref())
        }
        _ => ctx.account(b, platform, a.handle.clone(), a.name.as_deref()),
    }
}

fn read(t: &Table, m: &Mapping, ctx: &Context) -> (Store, FileReport) {
    let mut b = Builder::new(ctx.file, ctx.encoding, Family::Mapping);
    b.note(trf("importer.mapping_read", &[("mapping", &m.path)]));
    // Every column is looked up once, here, not per row.
    let col = |field: &str| m.columns.get(field).and_then(|c| t.column(&[c.first()]));
    let post = PostText {
        id: col("id"),
        text: col("text"),
        url: col("url"),
    };
    let (format_col, channel_col) = (col("format"), col("channel"));
    let (source_col, medium_col) = (col("source"), col("medium"));
    let source_names = m.source_names();
    let tag_cols: Vec<Option<usize>> = m.columns.get("tags").map_or(Vec::new(), |names| {
        names.0.iter().map(|c| t.column(&[c.as_str()])).collect()
    });
    let date_cols: Vec<Option<usize>> = m
        .date
        .columns
        .iter()
        .map(|c| t.column(&[c.as_str()]))
        .collect();
    let offset = ctx
        .options
        .utc_offset_min
        .or_else(|| {
            m.date
                .utc_offset
                .as_deref()
                .and_then(crate::calendar::parse_offset)
        })
        .unwrap_or(0);
    let platform = m
        .account
        .platform
        .as_deref()
        .and_then(Platform::parse)
        .unwrap_or(Platform::Other);
    let account_col = m.account.column.as_deref().and_then(|c| t.column(&[c]));
    let fixed = account_col
        .is_none()
        .then(|| fixed_account(&mut b, m, ctx, platform));
    let formats: BTreeMap<String, PostFormat> = m
        .formats
        .iter()
        .filter_map(|(k, v)| Some((norm(k), PostFormat::parse(v)?)))
        .collect();
    let channels: BTreeMap<String, Channel> = m
        .channels
        .iter()
        .filter_map(|(k, v)| Some((norm(k), Channel::parse(v)?)))
        .collect();
    let post_counts = Columns::<PostCount>::by_name(t, col);
    let daily_counts = Columns::<DailyCount>::by_name(t, col);
    let web_counts = Columns::<WebCount>::by_name(t, col);
    let reader =
        |b: &mut Builder, at: u64, label: &str, cell: &str| mapped_count(m, b, at, label, cell);
    let kind = m.kind();
    let mut rows = ctx.rows(t);
    while let Some(r) = rows.next_row() {
        b.report.rows_read += 1;
        let account = match (fixed, account_col) {
            (Some(a), _) => a,
            (None, c) if !r.cell(c).is_empty() => {
                // The column's text is the account's name; its slug the id (unless --account
                // puts every row on one account, whose name no row's text is).
                let written = r.cell(c);
                let id = ctx.options.account_id(written);
                let name = ctx.options.account.is_none().then_some(written);
                b.account(&id, ctx.options.platform.unwrap_or(platform), None, name)
            }
            (None, _) => {
                b.report.skip(r.at, tr("importer.mapping_no_account"));
                continue;
            }
        };
        let written = when(&r, &date_cols);
        let Some(at_time) = parse_when(m, &written, offset) else {
            b.report.skip(
                r.at,
                tr(if written.is_empty() {
                    "importer.mapping_no_date"
                } else {
                    "importer.mapping_bad_date"
                }),
            );
            continue;
        };
        match kind {
            Kind::Posts => {
                let kind_cell = r.cell(format_col);
                let format = (!kind_cell.is_empty()).then(|| {
                    formats
                        .get(&norm(kind_cell))
                        .copied()
                        .or_else(|| PostFormat::parse(&kind_cell.to_lowercase()))
                        .unwrap_or(PostFormat::Other)
                });
                let values = post_counts.read_with(&mut b, &r, reader);
                let mut row = post.post(&r, at_time, format, values);
                for &c in &tag_cols {
                    for tag in r.cell(c).split(m.tags.separator.as_str()).map(str::trim) {
                        if !tag.is_empty() && !is_missing(tag) && !row.tags.contains(&tag) {
                            row.tags.push(tag);
                        }
                    }
                }
                b.post(r.at, account, row, PostFormat::Other);
            }
            Kind::Daily => {
                let values = daily_counts.read_with(&mut b, &r, reader);
                b.daily(r.at, account, at_time.day_at(offset), values);
            }
            Kind::Web => {
                let values = web_counts.read_with(&mut b, &r, reader);
                // A source column names the platform (or domain); without a channel column,
                // its medium decides the channel by GA4's rules.
                let source = source_col.map(|c| {
                    let raw = r.cell(Some(c));
                    let named = web_source::name(raw, &source_names);
                    let by_medium = web_source::channel(raw, r.cell(medium_col), &named);
                    (named.name, by_medium)
                });
                let channel = match (channel_col, &source) {
                    (Some(c), _) => {
                        let v = r.cell(Some(c));
                        channels
                            .get(&norm(v))
                            .copied()
                            .or_else(|| Channel::parse(&v.to_lowercase().replace(' ', "_")))
                            .unwrap_or_else(|| crate::import::ga4::channel(v))
                    }
                    (None, Some((_, by_medium))) => *by_medium,
                    (None, None) => Channel::All,
                };
                let name = source
                    .and_then(|(n, _)| n)
                    .filter(|_| channel != Channel::Direct);
                b.web_from(
                    r.at,
                    at_time.day_at(offset),
                    channel,
                    name.as_deref(),
                    values,
                );
            }
        }
    }
    b.end_rows(&rows);
    match kind {
        Kind::Posts => {
            b.fields(&[
                ("posts.id", post.id.is_some()),
                ("posts.text", post.text.is_some()),
                ("posts.url", post.url.is_some()),
                ("posts.format", format_col.is_some()),
                ("posts.tags", !tag_cols.is_empty()),
            ]);
            post_counts.report(&mut b);
        }
        Kind::Daily => daily_counts.report(&mut b),
        Kind::Web => web_counts.report(&mut b),
    }
    b.finish(None, ctx.exported_at(), offset)
}
