//! A table's rows, one at a time through one reused record, so that a million-row export is
//! read at the speed of the CSV parser, not of a million allocations; with progress and
//! cancel for the app's loads; a cell that is not UTF-8 read as Windows-1252 (that cell
//! alone); and a last row with an unterminated quote told apart.

use std::sync::atomic::Ordering;

use csv::ByteRecord;

use super::Source;
use super::feed::Feed;
use crate::snapshot::LoadControl;

/// Why a table's rows stopped before its end.
#[derive(Debug, thiserror::Error)]
pub enum RowsError {
    /// The file could not be opened again for its rows.
    #[error("{}", crate::i18n::trf("importer.rows_cannot_read", &[("error", .0)]))]
    Open(#[source] std::io::Error),
    /// A row the CSV parser refuses (or a read error under it).
    #[error(transparent)]
    Csv(#[from] csv::Error),
    /// The load this table is part of was cancelled.
    #[error("{}", crate::i18n::tr("importer.cancelled"))]
    Cancelled,
}

/// The rows of a table, read one at a time.
pub struct Rows<'t> {
    feed: Feed<'t>,
    base: u64,
    /// A row's cells with those that were not UTF-8 read as Windows-1252.
    fixed: ByteRecord,
    /// Rows with cells that were not UTF-8, and the byte offset of the first.
    recoded: usize,
    first_recoded: u64,
    /// Why reading stopped early, if it did.
    pub error: Option<RowsError>,
    /// Rows whose quotes do not close where their cells end (an unterminated quote, which
    /// takes in the separators and line breaks after it), and the byte offset of the first:
    /// not handed out, but reported.
    pub unterminated: Option<(usize, u64)>,
    /// The table's raw bytes, its size from the header on, its cell separator and how many
    /// cells its header has: to tell a row with an unterminated quote.
    raw: Option<Raw>,
    /// Where progress goes and where a cancel comes from (the app's loads), with the table's
    /// size and what was reported so far.
    watch: Option<Watch>,
}

/// What [`Rows`] needs to look at a row's raw bytes.
pub(super) struct Raw {
    pub source: Source,
    pub size: u64,
    pub delimiter: u8,
    pub header_cells: usize,
}

struct Watch {
    control: LoadControl,
    total: u64,
    reported: u64,
    rows: u32,
}

/// Rows between progress reports and checks for a cancel.
const WATCH_EVERY: u32 = 4096;

impl Drop for Rows<'_> {
    /// What was not reported yet counts as read: the table is done with.
    fn drop(&mut self) {
        if let Some(w) = &self.watch {
            let rest = w.total.saturating_sub(w.reported);
            w.control.bytes_read.fetch_add(rest, Ordering::Relaxed);
        }
    }
}

impl<'t> Rows<'t> {
    pub(super) fn new(feed: Feed<'t>, base: u64) -> Rows<'t> {
        Rows {
            feed,
            base,
            fixed: ByteRecord::new(),
            recoded: 0,
            first_recoded: 0,
            error: None,
            unterminated: None,
            raw: None,
            watch: None,
        }
    }

    /// The raw bytes behind the rows, so that a row with an unterminated quote is told
    /// apart.
    pub(super) fn with_source(mut self, raw: Raw) -> Self {
        self.raw = Some(raw);
        self
    }

    /// Reports progress to `control` (the table is `total` bytes) and stops on its cancel.
    pub fn watched(mut self, control: &LoadControl, total: u64) -> Self {
        self.watch = Some(Watch {
            control: control.clone(),
            total,
            reported: 0,
            rows: 0,
        });
        self
    }

    /// Whether a cancel stopped the rows.
    pub fn cancelled(&self) -> bool {
        self.watch
            .as_ref()
            .is_some_and(|w| w.control.cancel.load(Ordering::Relaxed))
    }

    /// The next row; `None` at the end, or on a read error (kept in `error`). A cell whose
    /// bytes are not UTF-8 is read as Windows-1252 (that row alone: see [`Rows::recoded`]).
    /// A last row that opens a quote it never closes is not handed out: it holds the rest of
    /// the file, and [`Rows::unterminated`] says where it starts.
    pub fn next_row(&mut self) -> Option<Row<'_>> {
        let at = loop {
            let (start, end, suspect) = match self.feed.next() {
                Ok(Some((record, end))) => (
                    record.position().map_or(0, |p| p.byte()),
                    end,
                    self.raw
                        .as_ref()
                        .is_some_and(|raw| suspect(record, end, raw)),
                ),
                Ok(None) => return None,
                Err(e) => {
                    self.error = Some(RowsError::Csv(e));
                    return None;
                }
            };
            let at = self.base + start;
            if let Some(raw) = &self.raw
                && suspect
                && raw.source.quotes_broken(at, self.base + end, raw.delimiter)
            {
                let (n, _) = self.unterminated.get_or_insert((0, at));
                *n += 1;
                continue;
            }
            break at;
        };
        let record = self.feed.current();
        if let Some(w) = &mut self.watch {
            w.rows += 1;
            if w.rows % WATCH_EVERY == 0 {
                let done = (at - self.base).min(w.total);
                w.control
                    .bytes_read
                    .fetch_add(done.saturating_sub(w.reported), Ordering::Relaxed);
                w.reported = done;
                if w.control.cancel.load(Ordering::Relaxed) {
                    self.error = Some(RowsError::Cancelled);
                    return None;
                }
            }
        }
        let record = if needs_recoding(record) {
            self.fixed.clear();
            for field in record {
                match simdutf8::basic::from_utf8(field) {
                    Ok(_) => self.fixed.push_field(field),
                    Err(_) => self
                        .fixed
                        .push_field(super::super::decode::decode_as(field).as_bytes()),
                }
            }
            if self.recoded == 0 {
                self.first_recoded = at;
            }
            self.recoded += 1;
            &self.fixed
        } else {
            record
        };
        Some(Row { at, record })
    }

    /// How many rows had cells whose bytes were not UTF-8 (read as Windows-1252), and the
    /// byte offset of the first; `None` when every cell was UTF-8.
    pub fn recoded(&self) -> Option<(usize, u64)> {
        (self.recoded > 0).then_some((self.recoded, self.first_recoded))
    }
}

/// Whether a record may hold an unterminated quote, to be checked in its raw bytes: the
/// last record (an open quote runs to the end of the file), or one whose cells are not as
/// many as the header's with a quote or a line break in a cell (an open quote takes in the
/// separators after it, up to the next quote).
fn suspect(record: &ByteRecord, end: u64, raw: &Raw) -> bool {
    end >= raw.size
        || (record.len() != raw.header_cells
            && record
                .iter()
                .any(|f| f.iter().any(|b| matches!(b, b'"' | b'\n' | b'\r'))))
}

/// Whether a record has a cell that is not UTF-8: its bytes as a whole are not, or a cell
/// starts with a continuation byte (a character cut by a separator, which the bytes taken
/// together hide).
fn needs_recoding(record: &ByteRecord) -> bool {
    simdutf8::basic::from_utf8(record.as_slice()).is_err()
        || record
            .iter()
            .any(|f| f.first().is_some_and(|b| (0x80..0xC0).contains(b)))
}

/// Whether the raw bytes of a CSV row break its quoting: a quote opened and never closed,
/// or closed before the cell ends (text after the closing quote: the quote was not the
/// cell's end but another cell's start). At the start of a cell, `"` opens a quoted cell,
/// in which `""` is a quote and `"` closes it; elsewhere quotes are text.
pub(super) fn quotes_broken(bytes: impl IntoIterator<Item = u8>, delimiter: u8) -> bool {
    #[derive(Clone, Copy, PartialEq)]
    enum S {
        Start,
        Unquoted,
        Quoted,
        QuoteInQuoted,
    }
    let mut s = S::Start;
    for b in bytes {
        let ends_cell = b == delimiter || b == b'\n' || b == b'\r';
        s = match s {
            S::Start if b == b'"' => S::Quoted,
            S::Start | S::Unquoted if ends_cell => S::Start,
            S::Start | S::Unquoted => S::Unquoted,
            S::Quoted if b == b'"' => S::QuoteInQuoted,
            S::Quoted => S::Quoted,
            S::QuoteInQuoted if b == b'"' => S::Quoted,
            S::QuoteInQuoted if ends_cell => S::Start,
            S::QuoteInQuoted => return true,
        };
    }
    s == S::Quoted
}

/// One row: its cells and its byte offset in the file.
pub struct Row<'r> {
    pub at: u64,
    record: &'r ByteRecord,
}

impl<'r> Row<'r> {
    /// A cell, trimmed; empty when the row is short or there is no such column. (Cells that
    /// were not UTF-8 were read as Windows-1252 when the row was read.)
    pub fn cell(&self, column: Option<usize>) -> &'r str {
        let Some(bytes) = column.and_then(|c| self.record.get(c)) else {
            return "";
        };
        // SIMD validation: texts are most of a big export's bytes.
        simdutf8::basic::from_utf8(bytes).map_or("", str::trim)
    }

    /// A cell's bytes with ASCII spaces trimmed: for counts and times, which are ASCII, so
    /// that the common case needs no UTF-8 check.
    pub fn bytes(&self, column: Option<usize>) -> &'r [u8] {
        column
            .and_then(|c| self.record.get(c))
            .map_or(&[], <[u8]>::trim_ascii)
    }

    pub fn len(&self) -> usize {
        self.record.len()
    }

    pub fn is_empty(&self) -> bool {
        self.record.is_empty()
    }

    /// Every cell (for reports and tests).
    pub fn cells(&self) -> Vec<&'r str> {
        (0..self.record.len()).map(|c| self.cell(Some(c))).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::super::feed::THREADED_BYTES;
    use super::super::{HEAD_BYTES, Table};
    use super::*;

    #[test]
    fn a_big_file_is_read_on_a_second_thread_the_same() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.csv");
        let mut text = String::from("id,text\r\n");
        let n = 110_000;
        for i in 0..n {
            text.push_str(&format!(
                "{i},\"line one of a longish text {i}\nline two\"\r\n"
            ));
            if i == 100 {
                text.push_str("\r\n");
            }
        }
        assert!(text.len() >= THREADED_BYTES);
        std::fs::write(&path, &text).unwrap();
        let t = Table::in_file(&path, &text.as_bytes()[..HEAD_BYTES], text.len()).unwrap();
        let mut rows = t.rows();
        assert!(matches!(rows.feed, Feed::Threaded { .. }));
        let (mut count, mut last_at) = (0, 0);
        while let Some(r) = rows.next_row() {
            assert_eq!(r.cell(Some(0)), count.to_string());
            count += 1;
            last_at = r.at;
        }
        assert_eq!(count, n);
        assert!(rows.error.is_none());
        // Header, then two lines a row, and the blank line after row 100.
        assert_eq!(t.lines_of(&[last_at]), vec![2 + 2 * (n as u64 - 1) + 1]);
        // Rows dropped early stop the reading thread (this test would hang otherwise).
        let mut early = t.rows();
        assert!(early.next_row().is_some());
        drop(early);
        // Watched rows report every byte by the end, and stop at a cancel.
        let control = LoadControl::default();
        let mut watched = t.rows().watched(&control, t.size());
        while watched.next_row().is_some() {}
        drop(watched);
        let read = control.bytes_read.load(Ordering::Relaxed);
        assert_eq!(read, t.size());
        control.cancel.store(true, Ordering::Relaxed);
        let mut stopped = t.rows().watched(&control, t.size());
        let mut seen = 0;
        while stopped.next_row().is_some() {
            seen += 1;
        }
        assert!(stopped.cancelled());
        assert_eq!(
            seen,
            WATCH_EVERY - 1,
            "a cancel stops the rows at the next check"
        );
    }
}
