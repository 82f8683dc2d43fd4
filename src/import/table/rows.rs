//! A table's rows, one at a time through one reused record, so that a million-row export is
//! read at the speed of the CSV parser, not of a million allocations; with progress and
//! cancel for the app's loads, and a stop at the first cell that is not UTF-8.

use std::cell::Cell;
use std::sync::atomic::Ordering;

use csv::ByteRecord;

use super::feed::Feed;
use crate::snapshot::LoadControl;

/// Why a table's rows stopped before its end.
#[derive(Debug, thiserror::Error)]
pub enum RowsError {
    /// The file could not be opened again for its rows.
    #[error("cannot read: {0}")]
    Open(#[source] std::io::Error),
    /// A row the CSV parser refuses (or a read error under it).
    #[error(transparent)]
    Csv(#[from] csv::Error),
    /// The load this table is part of was cancelled.
    #[error("cancelled")]
    Cancelled,
}

/// The rows of a table, read one at a time.
pub struct Rows<'t> {
    feed: Feed<'t>,
    base: u64,
    bad_utf8: Cell<bool>,
    /// Why reading stopped early, if it did.
    pub error: Option<RowsError>,
    /// Where progress goes and where a cancel comes from (the app's loads), with the table's
    /// size and what was reported so far.
    watch: Option<Watch>,
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
    /// What was not reported yet counts as read: the table is done with. Rows given up for a
    /// cell that is not UTF-8 take back what they reported: the file is read again.
    fn drop(&mut self) {
        if let Some(w) = &self.watch {
            if self.bad_utf8.get() {
                w.control
                    .bytes_read
                    .fetch_sub(w.reported, Ordering::Relaxed);
            } else {
                let rest = w.total.saturating_sub(w.reported);
                w.control.bytes_read.fetch_add(rest, Ordering::Relaxed);
            }
        }
    }
}

impl<'t> Rows<'t> {
    pub(super) fn new(feed: Feed<'t>, base: u64) -> Rows<'t> {
        Rows {
            feed,
            base,
            bad_utf8: Cell::new(false),
            error: None,
            watch: None,
        }
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

    /// The next row; `None` at the end, on a read error (kept in `error`), or once a cell was
    /// not UTF-8 (the file is then read again as Windows-1252: reading on is wasted).
    pub fn next_row(&mut self) -> Option<Row<'_>> {
        if self.bad_utf8.get() {
            return None;
        }
        let record = match self.feed.next() {
            Ok(Some(record)) => record,
            Ok(None) => return None,
            Err(e) => {
                self.error = Some(RowsError::Csv(e));
                return None;
            }
        };
        let at = self.base + record.position().map_or(0, |p| p.byte());
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
        Some(Row {
            at,
            record,
            bad_utf8: &self.bad_utf8,
        })
    }

    /// Whether a cell read was not UTF-8 (the file must then be read as Windows-1252).
    pub fn saw_bad_utf8(&self) -> bool {
        self.bad_utf8.get()
    }
}

/// One row: its cells and its byte offset in the file.
pub struct Row<'r> {
    pub at: u64,
    record: &'r ByteRecord,
    bad_utf8: &'r Cell<bool>,
}

impl<'r> Row<'r> {
    /// A cell, trimmed; empty when the row is short or there is no such column.
    pub fn cell(&self, column: Option<usize>) -> &'r str {
        let Some(bytes) = column.and_then(|c| self.record.get(c)) else {
            return "";
        };
        // SIMD validation: texts are most of a big export's bytes.
        match simdutf8::basic::from_utf8(bytes) {
            Ok(s) => s.trim(),
            Err(_) => {
                self.bad_utf8.set(true);
                ""
            }
        }
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
