//! Parquet snapshot tables: reading a table's rows as the records the parser checks, and
//! writing a store as tables.
//!
//! Types are read as warehouses write them: strings; any integer type, integral floats and
//! decimals of scale 0 for counts; TIMESTAMP (an instant, given the snapshot's `utc_offset`)
//! or RFC 3339 strings; DATE or `YYYY-MM-DD` strings; a list of strings for `tags`; NULL for
//! not known (a NULL cell is an absent field).

use std::cell::RefCell;
use std::fs::File;
use std::io::Write;
use std::path::Path;
use std::rc::Rc;
use std::sync::Arc;

use arrow_array::cast::AsArray;
use arrow_array::types::{
    Date32Type, Date64Type, Decimal128Type, Float32Type, Float64Type, Int8Type, Int16Type,
    Int32Type, Int64Type, TimestampMicrosecondType, TimestampMillisecondType,
    TimestampNanosecondType, TimestampSecondType, UInt8Type, UInt16Type, UInt32Type, UInt64Type,
};
use arrow_array::{Array, ArrayRef, RecordBatch, RecordBatchReader};
use arrow_schema::{DataType, TimeUnit};
use parquet::arrow::arrow_reader::{
    ArrowReaderMetadata, ArrowReaderOptions, ParquetRecordBatchReader,
    ParquetRecordBatchReaderBuilder,
};

use super::{Origin, Records, Shared};
use crate::calendar::{Day, Timestamp};
use crate::i18n::{tr, trf};
use crate::snapshot::diagnostics::{Diagnostic, Severity};

/// Rows per batch read: enough to amortise the decoding, few enough that a batch's arrays
/// (half a megabyte of texts) stay in the cache and their memory is reused, where larger
/// ones are mapped and unmapped each time, a page fault a page.
const BATCH: usize = 4 * 1024;

/// Threads decoding a posts table (decompression, pages to arrays), row groups in turn.
const DECODERS: usize = 2;

/// How a column's cells become JSON values.
#[derive(Clone, Copy)]
enum Cell {
    Str,
    LargeStr,
    StrView,
    Int,
    Float,
    Decimal,
    Bool,
    Timestamp(TimeUnit),
    Date32,
    Date64,
    List,
    LargeList,
}

fn cell_of(t: &DataType) -> Option<Cell> {
    Some(match t {
        DataType::Utf8 => Cell::Str,
        DataType::LargeUtf8 => Cell::LargeStr,
        DataType::Utf8View => Cell::StrView,
        DataType::Int8
        | DataType::Int16
        | DataType::Int32
        | DataType::Int64
        | DataType::UInt8
        | DataType::UInt16
        | DataType::UInt32
        | DataType::UInt64 => Cell::Int,
        DataType::Float32 | DataType::Float64 => Cell::Float,
        DataType::Decimal128(_, 0) => Cell::Decimal,
        DataType::Boolean => Cell::Bool,
        DataType::Timestamp(unit, _) => Cell::Timestamp(*unit),
        DataType::Date32 => Cell::Date32,
        DataType::Date64 => Cell::Date64,
        DataType::List(f) if is_text(f.data_type()) => Cell::List,
        DataType::LargeList(f) if is_text(f.data_type()) => Cell::LargeList,
        _ => return None,
    })
}

fn is_text(t: &DataType) -> bool {
    matches!(t, DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View)
}

/// The rows of one Parquet table, each written as a JSON record.
pub(super) struct ParquetRecords {
    file: u32,
    path: String,
    reader: Option<ParquetRecordBatchReader>,
    batch: Option<RecordBatch>,
    /// The batch's columns that are read: the JSON key (quoted, with its colon) and how.
    columns: Vec<(Vec<u8>, usize, Cell)>,
    in_batch: usize,
    row: u64,
    offset_min: i32,
    shared: Rc<RefCell<Shared>>,
}

impl ParquetRecords {
    pub(super) fn open(
        file: u32,
        path: &Path,
        offset_min: i32,
        shared: Rc<RefCell<Shared>>,
    ) -> Self {
        let name = path.display().to_string();
        let reader = File::open(path)
            .map_err(|e| trf("loader.tables_cannot_open", &[("error", &e)]))
            .and_then(builder_of)
            .and_then(|b| {
                b.with_batch_size(BATCH)
                    .build()
                    .map_err(|e| trf("loader.tables_not_parquet", &[("error", &e)]))
            });
        let mut records = ParquetRecords {
            file,
            path: name,
            reader: None,
            batch: None,
            columns: Vec::new(),
            in_batch: 0,
            row: 0,
            offset_min,
            shared,
        };
        match reader {
            Ok(reader) => {
                records.plan_columns(&reader.schema());
                records.reader = Some(reader);
            }
            Err(message) => records.problem(message),
        }
        records
    }

    fn problem(&self, message: String) {
        self.shared.borrow_mut().problems.push(Diagnostic::new(
            Severity::Error,
            &self.path,
            None,
            String::new(),
            message,
        ));
    }

    fn plan_columns(&mut self, schema: &arrow_schema::Schema) {
        for (i, field) in schema.fields().iter().enumerate() {
            match cell_of(field.data_type()) {
                Some(cell) => {
                    let mut key = serde_json::to_vec(field.name()).unwrap_or_default();
                    key.push(b':');
                    self.columns.push((key, i, cell));
                }
                None => self.problem(trf(
                    "loader.tables_column_type_unknown",
                    &[
                        ("column", &field.name().escape_debug()),
                        ("type", field.data_type()),
                    ],
                )),
            }
        }
    }

    fn write_row(&self, batch: &RecordBatch, row: usize, out: &mut Vec<u8>) {
        out.push(b'{');
        let mut first = true;
        for (key, index, cell) in &self.columns {
            let column = batch.column(*index);
            if column.is_null(row) {
                continue;
            }
            if !first {
                out.push(b',');
            }
            first = false;
            out.extend_from_slice(key);
            write_cell(column, *cell, row, self.offset_min, out);
        }
        out.push(b'}');
    }
}

impl Records for ParquetRecords {
    fn next_record(&mut self, out: &mut Vec<u8>) -> Option<Origin> {
        loop {
            if let Some(batch) = &self.batch
                && self.in_batch < batch.num_rows()
            {
                self.write_row(batch, self.in_batch, out);
                self.in_batch += 1;
                self.row += 1;
                return Some(Origin::Row {
                    file: self.file,
                    n: self.row,
                });
            }
            let reader = self.reader.as_mut()?;
            let next = crate::panics::catch(|| reader.next().map(|b| b.map_err(|e| e.to_string())))
                .unwrap_or_else(|why| Some(Err(reader_stopped(&why))));
            match next {
                Some(Ok(batch)) => {
                    self.batch = Some(batch);
                    self.in_batch = 0;
                }
                Some(Err(e)) => {
                    self.problem(trf(
                        "loader.tables_read_after_row",
                        &[("row", &self.row), ("error", &e)],
                    ));
                    self.reader = None;
                    return None;
                }
                None => {
                    self.reader = None;
                    return None;
                }
            }
        }
    }
}

fn write_str(s: &str, out: &mut Vec<u8>) {
    // Writing into a Vec cannot fail.
    let _ = serde_json::to_writer(&mut *out, s);
}

fn write_timestamp(seconds: i64, offset_min: i32, out: &mut Vec<u8>) {
    let t = Timestamp {
        utc: seconds,
        offset_min: offset_min as i16,
    };
    out.push(b'"');
    let _ = write!(out, "{t}");
    out.push(b'"');
}

fn write_day(day: Day, out: &mut Vec<u8>) {
    out.push(b'"');
    out.extend_from_slice(crate::calendar::format_date(day).as_bytes());
    out.push(b'"');
}

fn write_cell(column: &ArrayRef, cell: Cell, row: usize, offset_min: i32, out: &mut Vec<u8>) {
    match cell {
        Cell::Str => write_str(column.as_string::<i32>().value(row), out),
        Cell::LargeStr => write_str(column.as_string::<i64>().value(row), out),
        Cell::StrView => write_str(column.as_string_view().value(row), out),
        Cell::Int => {
            let _ = match column.data_type() {
                DataType::Int8 => write!(out, "{}", column.as_primitive::<Int8Type>().value(row)),
                DataType::Int16 => {
                    write!(out, "{}", column.as_primitive::<Int16Type>().value(row))
                }
                DataType::Int32 => {
                    write!(out, "{}", column.as_primitive::<Int32Type>().value(row))
                }
                DataType::Int64 => {
                    write!(out, "{}", column.as_primitive::<Int64Type>().value(row))
                }
                DataType::UInt8 => {
                    write!(out, "{}", column.as_primitive::<UInt8Type>().value(row))
                }
                DataType::UInt16 => {
                    write!(out, "{}", column.as_primitive::<UInt16Type>().value(row))
                }
                DataType::UInt32 => {
                    write!(out, "{}", column.as_primitive::<UInt32Type>().value(row))
                }
                _ => write!(out, "{}", column.as_primitive::<UInt64Type>().value(row)),
            };
        }
        Cell::Float => {
            let v = match column.data_type() {
                DataType::Float32 => f64::from(column.as_primitive::<Float32Type>().value(row)),
                _ => column.as_primitive::<Float64Type>().value(row),
            };
            // An integral float is the integer it holds; anything else is written as it is,
            // for the parser to refuse with its own message.
            if v.is_finite() && v.fract() == 0.0 && v.abs() < 9.2e18 {
                let _ = write!(out, "{}", v as i64);
            } else if v.is_finite() {
                let _ = write!(out, "{v}");
            } else {
                write_str(&v.to_string(), out);
            }
        }
        Cell::Decimal => {
            let _ = write!(
                out,
                "{}",
                column.as_primitive::<Decimal128Type>().value(row)
            );
        }
        Cell::Bool => {
            let v = column.as_boolean().value(row);
            out.extend_from_slice(if v { b"true" } else { b"false" });
        }
        Cell::Timestamp(unit) => {
            let (v, per_second) = match unit {
                TimeUnit::Second => (column.as_primitive::<TimestampSecondType>().value(row), 1),
                TimeUnit::Millisecond => (
                    column.as_primitive::<TimestampMillisecondType>().value(row),
                    1_000,
                ),
                TimeUnit::Microsecond => (
                    column.as_primitive::<TimestampMicrosecondType>().value(row),
                    1_000_000,
                ),
                TimeUnit::Nanosecond => (
                    column.as_primitive::<TimestampNanosecondType>().value(row),
                    1_000_000_000,
                ),
            };
            write_timestamp(v.div_euclid(per_second), offset_min, out);
        }
        Cell::Date32 => write_day(column.as_primitive::<Date32Type>().value(row), out),
        Cell::Date64 => {
            let ms = column.as_primitive::<Date64Type>().value(row);
            write_day(ms.div_euclid(86_400_000) as Day, out);
        }
        Cell::List | Cell::LargeList => {
            let items = match cell {
                Cell::List => column.as_list::<i32>().value(row),
                _ => column.as_list::<i64>().value(row),
            };
            out.push(b'[');
            for i in 0..items.len() {
                if i > 0 {
                    out.push(b',');
                }
                if items.is_null(i) {
                    out.extend_from_slice(b"null");
                    continue;
                }
                let s = match items.data_type() {
                    DataType::Utf8 => items.as_string::<i32>().value(i),
                    DataType::LargeUtf8 => items.as_string::<i64>().value(i),
                    _ => items.as_string_view().value(i),
                };
                write_str(s, out);
            }
            out.push(b']');
        }
    }
}

// ---------------------------------------------------------------------------------------
// Writing

use arrow_array::builder::{
    Date32Builder, Int64Builder, ListBuilder, StringBuilder, TimestampMicrosecondBuilder,
};
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;

use crate::snapshot::model::{DailyCount, PostCount, WebCount};
use crate::snapshot::store::{CountColumn, Store};

/// Rows per record batch written (and per Parquet row group at most).
const WRITE_BATCH: usize = 128 * 1024;

/// Why a table could not be written.
#[derive(Debug, thiserror::Error)]
#[error("{file}: {message}")]
pub struct WriteError {
    pub file: String,
    pub message: String,
}

fn counts_i64(column: &CountColumn, rows: std::ops::Range<usize>) -> ArrayRef {
    let mut b = Int64Builder::with_capacity(rows.len());
    for row in rows {
        // Counts are at most 2^53, so they fit an i64.
        b.append_option(column.get(row).map(|v| v as i64));
    }
    Arc::new(b.finish())
}

fn strings<'a>(values: impl Iterator<Item = Option<&'a str>>) -> ArrayRef {
    let mut b = StringBuilder::new();
    for v in values {
        b.append_option(v);
    }
    Arc::new(b.finish())
}

fn days(values: impl Iterator<Item = Day>) -> ArrayRef {
    let mut b = Date32Builder::new();
    for v in values {
        b.append_value(v);
    }
    Arc::new(b.finish())
}

struct Table {
    writer: ArrowWriter<File>,
    file: String,
}

impl Table {
    fn write(&mut self, columns: Vec<(&str, ArrayRef)>) -> Result<(), WriteError> {
        let batch = RecordBatch::try_from_iter(columns).map_err(|e| self.error(e))?;
        self.writer.write(&batch).map_err(|e| self.error(e))
    }

    fn error(&self, e: impl std::fmt::Display) -> WriteError {
        WriteError {
            file: self.file.clone(),
            message: e.to_string(),
        }
    }

    fn close(self) -> Result<(), WriteError> {
        let file = self.file;
        self.writer.close().map(|_| ()).map_err(|e| WriteError {
            file,
            message: e.to_string(),
        })
    }
}

/// Writes `store` as Parquet snapshot tables into `folder` (which must exist): the five
/// tables, then `snapshot.json`, so that a folder cut short is not taken for a snapshot.
pub fn write_tables(store: &Store, folder: &Path) -> Result<(), WriteError> {
    let props = WriterProperties::builder()
        .set_compression(Compression::SNAPPY)
        .set_max_row_group_row_count(Some(WRITE_BATCH))
        .build();
    let open = |name: &str, first: Vec<(&str, ArrayRef)>| -> Result<Table, WriteError> {
        let path = folder.join(format!("{name}.parquet"));
        let file_name = path.display().to_string();
        let error = |e: &dyn std::fmt::Display| WriteError {
            file: file_name.clone(),
            message: e.to_string(),
        };
        let batch = RecordBatch::try_from_iter(first).map_err(|e| error(&e))?;
        let file = File::create(&path).map_err(|e| error(&e))?;
        let writer = ArrowWriter::try_new(file, batch.schema(), Some(props.clone()))
            .map_err(|e| error(&e))?;
        let mut table = Table {
            writer,
            file: file_name.clone(),
        };
        table.writer.write(&batch).map_err(|e| error(&e))?;
        Ok(table)
    };
    let chunks = |n: usize| {
        (0..n.div_ceil(WRITE_BATCH).max(1))
            .map(move |c| c * WRITE_BATCH..((c + 1) * WRITE_BATCH).min(n))
    };

    let accounts = &store.accounts;
    open(
        "accounts",
        vec![
            ("id", strings(accounts.iter().map(|a| Some(a.id.as_str())))),
            (
                "platform",
                strings(accounts.iter().map(|a| Some(a.platform.name()))),
            ),
            (
                "handle",
                strings(accounts.iter().map(|a| a.handle.as_deref())),
            ),
            ("name", strings(accounts.iter().map(|a| a.name.as_deref()))),
        ],
    )?
    .close()?;

    let account = |index: u32| accounts.get(index as usize).map_or("", |a| a.id.as_str());
    let posts = &store.posts;
    let post_batch = |rows: std::ops::Range<usize>| {
        let non_empty = |s: &'_ str| -> Option<String> { (!s.is_empty()).then(|| s.to_owned()) };
        let mut published = TimestampMicrosecondBuilder::with_capacity(rows.len());
        let mut tags = ListBuilder::new(StringBuilder::new());
        let mut texts = StringBuilder::new();
        let mut urls = StringBuilder::new();
        for row in rows.clone() {
            published.append_value(posts.published[row] * 1_000_000);
            let t = posts.tags(row);
            if t.is_empty() {
                tags.append_null();
            } else {
                for &tag in t {
                    tags.values().append_value(store.tags.name(tag));
                }
                tags.append(true);
            }
            texts.append_option(non_empty(posts.text.get(row)));
            urls.append_option(non_empty(posts.url.get(row)));
        }
        let mut columns: Vec<(&str, ArrayRef)> = vec![
            ("id", strings(rows.clone().map(|r| Some(posts.id.get(r))))),
            (
                "account",
                strings(rows.clone().map(|r| Some(account(posts.account[r])))),
            ),
            (
                "published_at",
                Arc::new(published.finish().with_timezone("UTC")),
            ),
            (
                "format",
                strings(rows.clone().map(|r| Some(posts.format[r].name()))),
            ),
            ("text", Arc::new(texts.finish())),
            ("url", Arc::new(urls.finish())),
            ("tags", Arc::new(tags.finish())),
        ];
        for c in PostCount::ALL {
            columns.push((
                c.name(),
                counts_i64(&posts.counts[*c as usize], rows.clone()),
            ));
        }
        columns
    };
    let mut parts = chunks(posts.len());
    let mut table = open("posts", post_batch(parts.next().unwrap_or(0..0)))?;
    for rows in parts {
        table.write(post_batch(rows))?;
    }
    table.close()?;

    let daily = &store.daily;
    let daily_batch = |rows: std::ops::Range<usize>| {
        let mut columns: Vec<(&str, ArrayRef)> = vec![
            (
                "account",
                strings(rows.clone().map(|r| Some(account(daily.account[r])))),
            ),
            ("date", days(rows.clone().map(|r| daily.day[r]))),
        ];
        for c in DailyCount::ALL {
            columns.push((
                c.name(),
                counts_i64(&daily.counts[*c as usize], rows.clone()),
            ));
        }
        columns
    };
    let mut parts = chunks(daily.len());
    let mut table = open("daily", daily_batch(parts.next().unwrap_or(0..0)))?;
    for rows in parts {
        table.write(daily_batch(rows))?;
    }
    table.close()?;

    let web = &store.web;
    let web_batch = |rows: std::ops::Range<usize>| {
        let mut columns: Vec<(&str, ArrayRef)> = vec![
            ("date", days(rows.clone().map(|r| web.day[r]))),
            (
                "channel",
                strings(rows.clone().map(|r| Some(web.channel[r].name()))),
            ),
            (
                "source",
                strings(
                    rows.clone()
                        .map(|r| web.referrer_of(r).map(|id| store.referrers.name(id))),
                ),
            ),
        ];
        for c in WebCount::ALL {
            columns.push((c.name(), counts_i64(&web.counts[*c as usize], rows.clone())));
        }
        columns
    };
    let mut parts = chunks(web.len());
    let mut table = open("web", web_batch(parts.next().unwrap_or(0..0)))?;
    for rows in parts {
        table.write(web_batch(rows))?;
    }
    table.close()?;

    let totals = &store.web_totals;
    let mut columns: Vec<(&str, ArrayRef)> = vec![
        ("from", days(totals.iter().map(|t| t.from))),
        ("to", days(totals.iter().map(|t| t.to))),
        (
            "channel",
            strings(totals.iter().map(|t| Some(t.channel.name()))),
        ),
        (
            "source",
            strings(
                totals
                    .iter()
                    .map(|t| t.referrer.map(|id| store.referrers.name(id))),
            ),
        ),
    ];
    for (i, c) in WebCount::ALL.iter().enumerate() {
        let mut b = Int64Builder::with_capacity(totals.len());
        for t in totals {
            b.append_option(t.counts[i].map(|v| v as i64));
        }
        columns.push((c.name(), Arc::new(b.finish())));
    }
    open("web_totals", columns)?.close()?;

    let meta = super::meta_json(store);
    let path = folder.join(super::META_FILE);
    std::fs::write(&path, meta).map_err(|e| WriteError {
        file: path.display().to_string(),
        message: e.to_string(),
    })
}

// ---------------------------------------------------------------------------------------
// Posts, column by column into the store

use arrow_array::{GenericListArray, GenericStringArray, StringViewArray};

use crate::snapshot::json::Pos;
use crate::snapshot::model::{MAX_COUNT, PostFormat};
use crate::snapshot::parse::{CleanRows, CountCell, Direct, Packed, PostRow, Published};

/// A string column of any of Arrow's string layouts.
enum Strs<'a> {
    Utf8(&'a GenericStringArray<i32>),
    Large(&'a GenericStringArray<i64>),
    View(&'a StringViewArray),
}

impl<'a> Strs<'a> {
    fn of(column: &'a ArrayRef) -> Option<Self> {
        Some(match column.data_type() {
            DataType::Utf8 => Strs::Utf8(column.as_string::<i32>()),
            DataType::LargeUtf8 => Strs::Large(column.as_string::<i64>()),
            DataType::Utf8View => Strs::View(column.as_string_view()),
            _ => return None,
        })
    }

    #[inline]
    fn get(&self, row: usize) -> Option<&'a str> {
        match self {
            Strs::Utf8(a) => (!a.is_null(row)).then(|| a.value(row)),
            Strs::Large(a) => (!a.is_null(row)).then(|| a.value(row)),
            Strs::View(a) => (!a.is_null(row)).then(|| a.value(row)),
        }
    }
}

/// `$int!(T)` or `$float!(T)` for a count column's Arrow type `T` (every integer type and
/// scale-0 decimals, both float types), `$null` for a column of nulls, `$other` for any
/// other type: the one place the types a count may have are listed.
macro_rules! by_count_type {
    ($column:expr, $int:ident, $float:ident, $null:expr, $other:expr) => {
        match $column.data_type() {
            DataType::Int8 => $int!(Int8Type),
            DataType::Int16 => $int!(Int16Type),
            DataType::Int32 => $int!(Int32Type),
            DataType::Int64 => $int!(Int64Type),
            DataType::UInt8 => $int!(UInt8Type),
            DataType::UInt16 => $int!(UInt16Type),
            DataType::UInt32 => $int!(UInt32Type),
            DataType::UInt64 => $int!(UInt64Type),
            DataType::Decimal128(_, 0) => $int!(Decimal128Type),
            DataType::Float32 => $float!(Float32Type),
            DataType::Float64 => $float!(Float64Type),
            DataType::Null => $null,
            _ => $other,
        }
    };
}

/// The cells of a count column of any integer, float or scale-0 decimal type, into `out`:
/// the column's type is looked at once a batch, not once a cell (a million posts have nine
/// million count cells). False for a type no count has (the reader checked the types).
fn count_cells(column: &ArrayRef, out: &mut Vec<CountCell>) -> bool {
    out.clear();
    let n = column.len();
    // Each cell as the count it holds, widened to `$wide`: `CountCell::$kind`.
    macro_rules! cells {
        ($t:ty, $kind:ident, $wide:ty) => {{
            let a = column.as_primitive::<$t>();
            out.extend((0..n).map(|r| {
                if a.is_null(r) {
                    CountCell::Null
                } else {
                    CountCell::$kind(<$wide>::from(a.value(r)))
                }
            }));
        }};
    }
    macro_rules! int {
        ($t:ty) => {
            cells!($t, Int, i128)
        };
    }
    macro_rules! float {
        ($t:ty) => {
            cells!($t, Float, f64)
        };
    }
    by_count_type!(
        column,
        int,
        float,
        out.resize(n, CountCell::Null),
        return false
    );
    true
}

/// `published_at`: a TIMESTAMP of any unit (in seconds, read once a batch), or RFC 3339
/// strings.
enum Times<'a> {
    Absent,
    Instant(Vec<Option<i64>>),
    Text(Strs<'a>),
}

fn times_of(column: &ArrayRef) -> Option<Times<'_>> {
    macro_rules! ts {
        ($t:ty, $per:expr) => {{
            let a = column.as_primitive::<$t>();
            Times::Instant(
                (0..a.len())
                    .map(|r| (!a.is_null(r)).then(|| a.value(r).div_euclid($per)))
                    .collect(),
            )
        }};
    }
    Some(match column.data_type() {
        DataType::Timestamp(TimeUnit::Second, _) => ts!(TimestampSecondType, 1),
        DataType::Timestamp(TimeUnit::Millisecond, _) => ts!(TimestampMillisecondType, 1_000),
        DataType::Timestamp(TimeUnit::Microsecond, _) => {
            ts!(TimestampMicrosecondType, 1_000_000)
        }
        DataType::Timestamp(TimeUnit::Nanosecond, _) => {
            ts!(TimestampNanosecondType, 1_000_000_000)
        }
        DataType::Null => Times::Absent,
        _ => Times::Text(Strs::of(column)?),
    })
}

impl Times<'_> {
    #[inline]
    fn get(&self, row: usize) -> Published<'_> {
        match self {
            Times::Instant(v) => v
                .get(row)
                .copied()
                .flatten()
                .map_or(Published::Null, Published::Instant),
            Times::Text(s) => s.get(row).map_or(Published::Null, Published::Text),
            Times::Absent => Published::Null,
        }
    }
}

/// `tags`: a list of strings.
enum TagLists<'a> {
    Absent,
    List(&'a GenericListArray<i32>, Strs<'a>),
    Large(&'a GenericListArray<i64>, Strs<'a>),
}

fn tags_of(column: &ArrayRef) -> Option<TagLists<'_>> {
    Some(match column.data_type() {
        DataType::List(_) => {
            let list = column.as_list::<i32>();
            TagLists::List(list, Strs::of(list.values())?)
        }
        DataType::LargeList(_) => {
            let list = column.as_list::<i64>();
            TagLists::Large(list, Strs::of(list.values())?)
        }
        DataType::Null => TagLists::Absent,
        _ => return None,
    })
}

impl<'a> TagLists<'a> {
    /// The range of the row's tags in the values, and the values.
    #[inline]
    fn range(&self, row: usize) -> (std::ops::Range<usize>, Option<&Strs<'a>>) {
        match self {
            TagLists::List(l, v) if !l.is_null(row) => {
                let o = l.value_offsets();
                (o[row] as usize..o[row + 1] as usize, Some(v))
            }
            TagLists::Large(l, v) if !l.is_null(row) => {
                let o = l.value_offsets();
                (o[row] as usize..o[row + 1] as usize, Some(v))
            }
            _ => (0..0, None),
        }
    }
}

/// A Parquet file's reader, once its footer is read and every column chunk is in a codec
/// engage reads (Snappy, ZSTD, GZIP, LZ4 or none): a Brotli or LZO table is named as such,
/// with what to write instead, rather than failing on its first page.
fn builder_of(f: File) -> Result<ParquetRecordBatchReaderBuilder<File>, String> {
    let metadata = metadata_of(&f)?;
    Ok(ParquetRecordBatchReaderBuilder::new_with_metadata(
        f, metadata,
    ))
}

/// A Parquet file's footer, as [`builder_of`] takes it.
fn metadata_of(f: &File) -> Result<ArrowReaderMetadata, String> {
    use parquet::basic::Compression;
    let metadata =
        crate::panics::catch(|| ArrowReaderMetadata::load(f, ArrowReaderOptions::default()))
            .map_err(|why| reader_stopped(&why))?
            .map_err(|e| trf("loader.tables_not_parquet", &[("error", &e)]))?;
    let unread = metadata
        .metadata()
        .row_groups()
        .iter()
        .flat_map(|g| g.columns())
        .map(|c| c.compression())
        .find(|c| matches!(c, Compression::BROTLI(_) | Compression::LZO));
    match unread {
        Some(codec) => {
            let name = match codec {
                Compression::LZO => "LZO",
                _ => "BROTLI",
            };
            Err(trf("loader.tables_codec", &[("codec", &name)]))
        }
        None => Ok(metadata),
    }
}

/// A posts table being decoded: its footer, and the decoders' batches as they come.
pub(super) struct PostsTable {
    path: std::path::PathBuf,
    decoding: Result<(ArrowReaderMetadata, Vec<Decoder>), String>,
}

/// A decoding thread, and its batches (`None` ends a row group).
type Decoder = (
    std::sync::mpsc::Receiver<Option<Result<RecordBatch, String>>>,
    std::thread::JoinHandle<()>,
);

/// Starts decoding `path` (decompression, pages to arrays) on two threads, row groups taken
/// in turn, so that it runs while the other tables are read and then while
/// [`read_posts`] fills the store from the batches in the file's order. A decoder waits
/// when two batches are ready and not taken, and stops when they are no longer wanted.
pub(super) fn start_posts(path: &Path) -> PostsTable {
    let decoding = File::open(path)
        .map_err(|e| trf("loader.tables_cannot_open", &[("error", &e)]))
        .and_then(|f| metadata_of(&f))
        .map(|metadata| {
            let groups = metadata.metadata().num_row_groups();
            let decoders = (0..DECODERS.min(groups))
                .map(|first| {
                    let (send, receive) = std::sync::mpsc::sync_channel(2);
                    let (metadata, path) = (metadata.clone(), path.to_owned());
                    let thread = std::thread::spawn(move || {
                        let mine = (first..groups).step_by(DECODERS);
                        decode_groups(&path, &metadata, mine, &send);
                    });
                    (receive, thread)
                })
                .collect();
            (metadata, decoders)
        });
    PostsTable {
        path: path.to_owned(),
        decoding,
    }
}

/// One decoder's work: each of its row groups' batches, then `None`, until one cannot be
/// read (its error is the last thing sent) or nobody takes them any more. A panic in the
/// reader (the `parquet` crate has panicked on damaged pages) is such an error too.
fn decode_groups(
    path: &Path,
    metadata: &ArrowReaderMetadata,
    groups: impl Iterator<Item = usize>,
    send: &std::sync::mpsc::SyncSender<Option<Result<RecordBatch, String>>>,
) {
    let decoded = crate::panics::catch(|| {
        for group in groups {
            let reader = File::open(path).map_err(|e| e.to_string()).and_then(|f| {
                ParquetRecordBatchReaderBuilder::new_with_metadata(f, metadata.clone())
                    .with_row_groups(vec![group])
                    .with_batch_size(BATCH)
                    .build()
                    .map_err(|e| e.to_string())
            });
            let reader = match reader {
                Ok(r) => r,
                Err(e) => {
                    let _ = send.send(Some(Err(e)));
                    return;
                }
            };
            for batch in reader {
                let failed = batch.is_err();
                // After an error the reader is not asked again (it has panicked when it was).
                if send.send(Some(batch.map_err(|e| e.to_string()))).is_err() || failed {
                    return;
                }
            }
            if send.send(None).is_err() {
                return;
            }
        }
    });
    if let Err(why) = decoded {
        let _ = send.send(Some(Err(reader_stopped(&why))));
    }
}

/// The message for a panic of the Parquet reader.
fn reader_stopped(why: &str) -> String {
    trf("loader.tables_reader_stopped", &[("why", &why)])
}

/// The rows to reserve room for: what the footer says, but never more than the file has
/// bytes, nor than the 20 million a JSON file is ever given (a damaged or hostile footer's
/// trillion rows would otherwise be an allocation that aborts the process). Past that, the
/// columns grow as they fill.
fn room_for(footer_rows: i64, file_len: u64) -> usize {
    let rows = u64::try_from(footer_rows)
        .unwrap_or(0)
        .min(file_len)
        .min(20_000_000);
    usize::try_from(rows).unwrap_or(0)
}

/// The posts of `posts.parquet`, read column by column into the store through `direct`.
/// Problems with the table itself (unreadable, a column of a type no field has) go to
/// `shared`, and refuse the folder.
pub(super) fn read_posts<S: std::io::Read>(
    direct: &mut Direct<'_, S>,
    file: u32,
    table: PostsTable,
    shared: &Rc<RefCell<Shared>>,
) {
    let name = table.path.display().to_string();
    let problem = |message: String| {
        shared.borrow_mut().problems.push(Diagnostic::new(
            Severity::Error,
            &name,
            None,
            String::new(),
            message,
        ));
    };
    let (metadata, decoders) = match table.decoding {
        Ok(d) => d,
        Err(e) => return problem(e),
    };
    let file_len = std::fs::metadata(&table.path).map_or(0, |m| m.len());
    direct.reserve(room_for(
        metadata.metadata().file_metadata().num_rows(),
        file_len,
    ));
    let schema = metadata.schema().clone();
    // Which column is which field, with its type checked once.
    let mut fields: [Option<usize>; 7] = [None; 7];
    let mut counts: Vec<(usize, usize)> = Vec::new();
    let mut bad = false;
    const NAMED: [&str; 7] = [
        "id",
        "account",
        "published_at",
        "format",
        "text",
        "url",
        "tags",
    ];
    for (index, field) in schema.fields().iter().enumerate() {
        let t = field.data_type();
        let column = field.name().as_str();
        let expected = if let Some(k) = NAMED.iter().position(|n| *n == column) {
            fields[k] = Some(index);
            let fits = match k {
                2 => matches!(t, DataType::Timestamp(..)) || is_text(t),
                6 => {
                    matches!(t, DataType::List(f) | DataType::LargeList(f) if is_text(f.data_type()))
                }
                _ => is_text(t),
            };
            (!fits && *t != DataType::Null).then_some(match k {
                2 => "loader.tables_expect_timestamps",
                6 => "loader.tables_expect_string_list",
                _ => "loader.tables_expect_strings",
            })
        } else if let Some(c) = PostCount::parse(column) {
            counts.push((c as usize, index));
            let fits = matches!(cell_of(t), Some(Cell::Int | Cell::Float | Cell::Decimal));
            (!fits && *t != DataType::Null).then_some("loader.tables_expect_integers")
        } else {
            shared.borrow_mut().warnings.push(Diagnostic::new(
                Severity::Warning,
                &name,
                None,
                column.to_owned(),
                trf(
                    "loader.tables_unknown_column",
                    &[("column", &column.escape_debug())],
                ),
            ));
            None
        };
        if let Some(expected) = expected {
            bad = true;
            problem(trf(
                "loader.tables_column_type",
                &[
                    ("column", &column.escape_debug()),
                    ("type", t),
                    ("expected", &tr(expected)),
                ],
            ));
        }
    }
    if bad {
        return;
    }
    let groups = metadata.metadata().num_row_groups();
    let mut batches = (0..groups).flat_map(|group| {
        let receive = &decoders[group % DECODERS].0;
        std::iter::from_fn(move || match receive.recv() {
            Ok(Some(batch)) => Some(batch),
            Ok(None) => None,
            Err(_) => Some(Err(tr("loader.tables_decoder_stopped").to_owned())),
        })
    });
    let mut n: u64 = 0;
    for batch in batches.by_ref() {
        let batch = match batch {
            Ok(b) => b,
            Err(e) => {
                return problem(trf(
                    "loader.tables_read_after_row",
                    &[("row", &n), ("error", &e)],
                ));
            }
        };
        if direct.cancelled() {
            return;
        }
        let col = |k: usize| fields[k].map(|i| batch.column(i));
        let strs = |k: usize| col(k).and_then(Strs::of);
        let mut cols = BatchColumns {
            id: strs(0),
            account: strs(1),
            published: col(2).and_then(times_of).unwrap_or(Times::Absent),
            format: strs(3),
            text: strs(4),
            url: strs(5),
            tags: col(6).and_then(tags_of).unwrap_or(TagLists::Absent),
            counts: [None; PostCount::ALL.len()],
        };
        for &(c, i) in &counts {
            cols.counts[c] = Some(batch.column(i));
        }
        let rows = batch.num_rows();
        let first_line = (shared.borrow().origins.len() as u64 + 1).min(u64::from(u32::MAX)) as u32;
        match CleanBatch::of(&cols, rows, direct.offset_min()) {
            Some(clean) => direct.clean_rows(&clean.rows(first_line)),
            None => post_by_post(direct, &cols, rows, first_line),
        }
        shared
            .borrow_mut()
            .origins
            .extend((1..=rows as u64).map(|r| Origin::Row { file, n: n + r }));
        n += rows as u64;
    }
    // The receivers are dropped first, so that a decoder still sending stops.
    drop(batches);
    for (receive, thread) in decoders {
        drop(receive);
        if thread.join().is_err() {
            problem(tr("loader.tables_decoder_stopped").into());
        }
    }
}

/// One batch's columns, each typed once.
struct BatchColumns<'a> {
    id: Option<Strs<'a>>,
    account: Option<Strs<'a>>,
    published: Times<'a>,
    format: Option<Strs<'a>>,
    text: Option<Strs<'a>>,
    url: Option<Strs<'a>>,
    tags: TagLists<'a>,
    counts: [Option<&'a ArrayRef>; PostCount::ALL.len()],
}

fn get<'a>(s: &Option<Strs<'a>>, row: usize) -> Option<&'a str> {
    s.as_ref().and_then(|s| s.get(row))
}

/// The rows one by one, each checked and reported on as a JSON record's fields are.
fn post_by_post<S: std::io::Read>(
    direct: &mut Direct<'_, S>,
    cols: &BatchColumns<'_>,
    rows: usize,
    first_line: u32,
) {
    // Each count column's cells, typed once (an absent column, or one of a type no count
    // has, which the reader has reported, stays empty).
    let count_cols: Vec<Vec<CountCell>> = cols
        .counts
        .iter()
        .map(|array| {
            let mut cells = Vec::new();
            if let Some(array) = array
                && !count_cells(array, &mut cells)
            {
                cells.clear();
            }
            cells
        })
        .collect();
    for row in 0..rows {
        let line = first_line.saturating_add(row as u32);
        let mut cells = [CountCell::Null; PostCount::ALL.len()];
        for (cell, c) in cells.iter_mut().zip(&count_cols) {
            *cell = c.get(row).copied().unwrap_or(CountCell::Null);
        }
        let post = PostRow {
            id: get(&cols.id, row),
            account: get(&cols.account, row),
            published: cols.published.get(row),
            format: get(&cols.format, row),
            text: get(&cols.text, row),
            url: get(&cols.url, row),
            counts: cells,
        };
        let (range, values) = cols.tags.range(row);
        let tag_iter = range.map(|t| values.and_then(|v| v.get(t)));
        direct.post(Pos { line, column: 1 }, &post, tag_iter);
    }
}

/// A batch whose every cell is valid, in the shapes [`CleanRows`] takes.
struct CleanBatch<'a> {
    id: (&'a str, Vec<u64>),
    account: Vec<&'a str>,
    published: Vec<Timestamp>,
    format: Vec<PostFormat>,
    text: Option<(&'a str, Vec<u64>)>,
    url: Option<(&'a str, Vec<u64>)>,
    tags: Vec<&'a str>,
    tag_ends: Vec<u32>,
    counts: Vec<Option<Vec<Option<u64>>>>,
}

impl<'a> CleanBatch<'a> {
    /// The batch, or `None` when any cell is one a message is about (a null or empty id or
    /// account, a time or format that does not read, a count out of range, a null tag):
    /// then its rows go one by one through [`Direct::post`], which says what.
    fn of(cols: &BatchColumns<'a>, rows: usize, offset_min: i32) -> Option<Self> {
        let id = packed(cols.id.as_ref()?, rows, true)?;
        let account = present_strings(cols.account.as_ref()?, rows)?;
        let published = match &cols.published {
            Times::Instant(v) => v
                .iter()
                .map(|t| {
                    t.map(|utc| Timestamp {
                        utc,
                        offset_min: offset_min as i16,
                    })
                })
                .collect::<Option<Vec<_>>>()?,
            Times::Text(s) => (0..rows)
                .map(|r| s.get(r).and_then(crate::calendar::parse_timestamp))
                .collect::<Option<Vec<_>>>()?,
            Times::Absent => return None,
        };
        let mut last: Option<(&str, PostFormat)> = None;
        let formats = cols.format.as_ref()?;
        let mut format = Vec::with_capacity(rows);
        for r in 0..rows {
            let s = formats.get(r)?;
            let f = match last {
                Some((name, f)) if name == s => f,
                _ => PostFormat::parse(s)?,
            };
            last = Some((s, f));
            format.push(f);
        }
        let optional = |s: &Option<Strs<'a>>| match s {
            None => Some(None),
            Some(s) => packed(s, rows, false).map(Some),
        };
        let text = optional(&cols.text)?;
        let url = optional(&cols.url)?;
        let mut tags = Vec::new();
        let mut tag_ends = Vec::with_capacity(rows);
        for r in 0..rows {
            let (range, values) = cols.tags.range(r);
            for t in range {
                tags.push(values?.get(t)?);
            }
            tag_ends.push(tags.len() as u32);
        }
        let counts = cols
            .counts
            .iter()
            .map(|array| match array {
                None => Some(None),
                Some(array) => clean_counts(array).map(Some),
            })
            .collect::<Option<Vec<_>>>()?;
        Some(CleanBatch {
            id,
            account,
            published,
            format,
            text,
            url,
            tags,
            tag_ends,
            counts,
        })
    }

    fn rows(&self, first_line: u32) -> CleanRows<'_> {
        fn pack<'s>(p: &'s (&str, Vec<u64>)) -> Packed<'s> {
            Packed {
                values: p.0,
                ends: &p.1,
            }
        }
        let mut counts = [None; PostCount::ALL.len()];
        for (out, cells) in counts.iter_mut().zip(&self.counts) {
            *out = cells.as_deref();
        }
        CleanRows {
            first_line,
            id: pack(&self.id),
            account: &self.account,
            published: &self.published,
            format: &self.format,
            text: self.text.as_ref().map(pack),
            url: self.url.as_ref().map(pack),
            tags: &self.tags,
            tag_ends: &self.tag_ends,
            counts,
        }
    }
}

/// A count column's values, if every one is a whole number from 0 to [`MAX_COUNT`] or null
/// (not known). `None` otherwise, or for a type no count has.
fn clean_counts(column: &ArrayRef) -> Option<Vec<Option<u64>>> {
    let n = column.len();
    macro_rules! int {
        ($t:ty) => {{
            let a = column.as_primitive::<$t>();
            let values = a.values();
            let in_range = |v: i128| (0..=i128::from(MAX_COUNT)).contains(&v);
            if a.null_count() == 0 {
                if !values.iter().all(|&v| in_range(i128::from(v))) {
                    return None;
                }
                values.iter().map(|&v| Some(v as u64)).collect()
            } else {
                (0..n)
                    .map(|r| {
                        if a.is_null(r) {
                            Some(None)
                        } else {
                            let v = i128::from(values[r]);
                            in_range(v).then_some(Some(v as u64))
                        }
                    })
                    .collect::<Option<Vec<_>>>()?
            }
        }};
    }
    macro_rules! float {
        ($t:ty) => {{
            let a = column.as_primitive::<$t>();
            (0..n)
                .map(|r| {
                    if a.is_null(r) {
                        return Some(None);
                    }
                    let v = f64::from(a.value(r));
                    (v.fract() == 0.0 && (0.0..=MAX_COUNT as f64).contains(&v))
                        .then_some(Some(v as u64))
                })
                .collect::<Option<Vec<_>>>()?
        }};
    }
    Some(by_count_type!(
        column,
        int,
        float,
        vec![None; n],
        return None
    ))
}

/// Every row's string, if none is null or empty.
fn present_strings<'a>(s: &Strs<'a>, rows: usize) -> Option<Vec<&'a str>> {
    (0..rows)
        .map(|r| s.get(r).filter(|v| !v.is_empty()))
        .collect()
}

/// A string column's rows packed (its values' bytes and each row's end in them), when a
/// null row takes no bytes (so that it reads as empty) and, if `required`, no row is null
/// or empty. `None` for a layout that is not packed (string views: then the rows go one by
/// one).
fn packed<'a>(s: &Strs<'a>, rows: usize, required: bool) -> Option<(&'a str, Vec<u64>)> {
    fn pack<O: arrow_array::OffsetSizeTrait>(
        a: &GenericStringArray<O>,
        rows: usize,
        required: bool,
    ) -> Option<(&str, Vec<u64>)> {
        let offsets = a.value_offsets();
        if offsets.len() != rows + 1 {
            return None;
        }
        let empty = |r: usize| offsets[r + 1] == offsets[r];
        if a.null_count() > 0 && (required || (0..rows).any(|r| a.is_null(r) && !empty(r))) {
            return None;
        }
        if required && (0..rows).any(empty) {
            return None;
        }
        let base = offsets[0].as_usize();
        let bytes = a.value_data().get(base..offsets[rows].as_usize())?;
        let values = simdutf8::basic::from_utf8(bytes).ok()?;
        let ends = offsets[1..]
            .iter()
            .map(|o| (o.as_usize() - base) as u64)
            .collect();
        Some((values, ends))
    }
    match s {
        Strs::Utf8(a) => pack(a, rows, required),
        Strs::Large(a) => pack(a, rows, required),
        Strs::View(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::room_for;

    #[test]
    fn a_footer_never_reserves_more_rows_than_the_file_has_bytes() {
        assert_eq!(room_for(1_000_000, 95_000_000), 1_000_000);
        assert_eq!(room_for(1 << 40, 1_234), 1_234);
        assert_eq!(room_for(-5, 1_234), 0);
        assert_eq!(room_for(i64::MAX, u64::MAX), 20_000_000);
    }
}
