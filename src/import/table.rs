//! A CSV table from an export: its header (found after any `#` preamble), columns looked up by
//! name (case, spacing and punctuation ignored, with aliases across export versions; never by
//! position), and its rows, streamed one at a time through one reused record so that a
//! million-row export is read at the speed of the CSV parser, not of a million allocations.
//!
//! Rows carry their byte offset; line numbers are worked out only for the few rows a report
//! names ([`Table::lines_of`]), since the csv crate's own line count is off after CRLF.

use std::cell::Cell;
use std::io::{BufRead, Read, Seek, SeekFrom};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::Ordering;

use csv::{ByteRecord, ReaderBuilder};

use super::values::{DateOrder, date, order_told};
use crate::snapshot::LoadControl;

/// A column name reduced to lower-case letters and digits: `"URL Clicks"`, `"url clicks"` and
/// `"url_clicks"` all become `urlclicks`.
pub fn norm(name: &str) -> String {
    name.trim_start_matches('\u{FEFF}')
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Where a table's bytes are.
#[derive(Clone, Debug)]
enum Source {
    /// Decoded text in memory (a GA4 file holds many tables in one text).
    Text(Arc<str>),
    /// A UTF-8 file, streamed from disk.
    File(PathBuf),
}

/// A table: header and where its rows are.
#[derive(Clone, Debug)]
pub struct Table {
    /// Header cells as written.
    pub header: Vec<String>,
    /// Header cells normalised by [`norm`].
    pub keys: Vec<String>,
    pub header_line: u64,
    /// The `#` comment lines before the header, without the `#`.
    pub preamble: Vec<String>,
    source: Source,
    /// Byte offset of the header row in the source.
    header_at: usize,
    /// Byte offset where the table ends (the file's end for a file).
    end: usize,
    /// The cell separator (`,` unless a mapping says otherwise).
    delimiter: u8,
}

/// The preamble, header row and where the header starts, read from the head of a table.
struct Head {
    preamble: Vec<String>,
    header: Vec<String>,
    header_line: u64,
    header_at: usize,
}

/// Reads `#` lines, blank lines before the header, and the header itself from `text` (the
/// start of a table; for a streamed file, its first 64 KiB).
fn read_head(text: &str, delimiter: u8) -> Result<Head, String> {
    let mut preamble = Vec::new();
    let mut offset = 0;
    let mut line_no: u64 = 1;
    if text.starts_with('\u{FEFF}') {
        offset = '\u{FEFF}'.len_utf8();
    }
    for line in text[offset..].split_inclusive('\n') {
        let t = line.trim_end_matches(['\r', '\n']);
        if t.starts_with('#') {
            preamble.push(t.trim_start_matches('#').trim().to_owned());
        } else if !t.trim().is_empty() || !line.ends_with('\n') {
            break;
        }
        offset += line.len();
        line_no += 1;
    }
    let body = &text[offset..];
    let mut reader = ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(body.as_bytes());
    let mut record = ByteRecord::new();
    match reader.read_byte_record(&mut record) {
        Ok(true) => {}
        Ok(false) => return Err("the file has no header row".into()),
        Err(e) => return Err(format!("line {line_no}: cannot read the header: {e}")),
    }
    let header = record
        .iter()
        .map(|h| String::from_utf8_lossy(h).trim().to_owned())
        .collect();
    Ok(Head {
        preamble,
        header,
        header_line: line_no,
        header_at: offset,
    })
}

/// How much of a streamed file is read to find its header.
pub const HEAD_BYTES: usize = 64 * 1024;

impl Table {
    /// A table from text in memory. Leading lines starting with `#` are the preamble; the
    /// first other line is the header. Rows may have more or fewer cells than the header.
    pub fn parse(text: &str) -> Result<Table, String> {
        let text: Arc<str> = Arc::from(text);
        let len = text.len();
        Table::in_text(text, 0..len)
    }

    /// The table in `range` of a shared text (one table of a multi-table file).
    pub fn in_text(text: Arc<str>, range: Range<usize>) -> Result<Table, String> {
        Table::in_text_with(text, range, b',')
    }

    /// Like [`Table::in_text`] with another cell separator (a mapping's `;` or tab).
    pub fn in_text_with(
        text: Arc<str>,
        range: Range<usize>,
        delimiter: u8,
    ) -> Result<Table, String> {
        let head = read_head(&text[range.clone()], delimiter)?;
        let header_at = range.start + head.header_at;
        let before = text[..range.start].matches('\n').count() as u64;
        let mut table = Table::build(head, Source::Text(text), header_at, range.end, before);
        table.delimiter = delimiter;
        Ok(table)
    }

    /// A table streamed from a UTF-8 file whose first bytes are `head` (valid UTF-8 up to a
    /// character cut at the end).
    pub fn in_file(path: &Path, head: &[u8], file_len: usize) -> Result<Table, String> {
        let valid = match std::str::from_utf8(head) {
            Ok(s) => s,
            Err(e) => std::str::from_utf8(&head[..e.valid_up_to()]).unwrap_or(""),
        };
        let parsed = read_head(valid, b',')?;
        let at = parsed.header_at;
        Ok(Table::build(
            parsed,
            Source::File(path.to_path_buf()),
            at,
            file_len,
            0,
        ))
    }

    fn build(head: Head, source: Source, header_at: usize, end: usize, lines_before: u64) -> Table {
        let keys = head.header.iter().map(|h| norm(h)).collect();
        Table {
            header: head.header,
            keys,
            header_line: head.header_line + lines_before,
            preamble: head.preamble,
            source,
            header_at,
            end,
            delimiter: b',',
        }
    }

    /// The rows after the header, one at a time.
    pub fn rows(&self) -> Rows<'_> {
        let base = self.header_at as u64;
        let feed = match &self.source {
            Source::Text(text) => Feed::inline(
                Box::new(&text.as_bytes()[self.header_at..self.end]),
                self.delimiter,
            ),
            Source::File(path) => match std::fs::File::open(path).and_then(|mut f| {
                f.seek(SeekFrom::Start(base))?;
                Ok(f)
            }) {
                // A big file is parsed on a second thread while this one maps the rows.
                Ok(f) if self.end >= THREADED_BYTES => Feed::threaded(f, self.delimiter),
                Ok(f) => Feed::inline(Box::new(f), self.delimiter),
                Err(e) => {
                    let mut rows = Rows::new(Feed::inline(Box::new(std::io::empty()), b','), base);
                    rows.error = Some(format!("cannot read: {e}"));
                    return rows;
                }
            },
        };
        Rows::new(feed, base)
    }

    /// The table's size in bytes from its header on (for progress).
    pub fn size(&self) -> u64 {
        (self.end - self.header_at) as u64
    }

    /// Byte offset of the header row.
    pub fn header_at(&self) -> u64 {
        self.header_at as u64
    }

    /// The order the numeric dates of `column` are written in (see [`super::values::order_of`]), from a pass
    /// that stops at the first date that tells, or at a date written in words (whose order
    /// does not matter).
    pub fn date_order(&self, column: Option<usize>, default: DateOrder) -> DateOrder {
        let mut rows = self.rows();
        while let Some(r) = rows.next_row() {
            let cell = r.cell(column);
            if let Some(order) = order_told(cell) {
                return order;
            }
            if cell.bytes().any(|b| b.is_ascii_alphabetic()) && date(cell, default).is_some() {
                return default;
            }
        }
        default
    }

    /// The first column whose normalised name is one of `aliases` (in the order of the
    /// aliases: the first alias found wins).
    pub fn column(&self, aliases: &[&str]) -> Option<usize> {
        aliases.iter().find_map(|a| {
            let a = norm(a);
            self.keys.iter().position(|k| *k == a)
        })
    }

    /// Whether every one of `names` (normalised) is a column.
    pub fn has_all(&self, names: &[&str]) -> bool {
        names.iter().all(|n| self.keys.contains(&norm(n)))
    }

    /// A preamble value such as `Start date: 20251211` for key `start date`.
    pub fn preamble_value(&self, key: &str) -> Option<&str> {
        let key = norm(key);
        self.preamble.iter().find_map(|l| {
            let (k, v) = l.split_once(':')?;
            (norm(k) == key).then(|| v.trim())
        })
    }

    /// Line numbers (1-based, in the whole file) of rows given by their byte offsets. A file
    /// is read again only up to the last offset, through a buffer, never whole.
    pub fn lines_of(&self, offsets: &[u64]) -> Vec<u64> {
        match &self.source {
            Source::Text(text) => lines_in(text.as_bytes(), offsets),
            Source::File(path) => match std::fs::File::open(path) {
                Ok(f) => lines_in(std::io::BufReader::new(f), offsets),
                Err(_) => offsets.iter().map(|_| 0).collect(),
            },
        }
    }
}

/// Line numbers of byte offsets in `input`. A record's offset can point at the line feed that
/// ends the previous line (after CRLF), so line ends at an offset are stepped over first.
/// Unreadable input leaves the lines counted so far.
pub fn lines_in(mut input: impl BufRead, offsets: &[u64]) -> Vec<u64> {
    let mut order: Vec<usize> = (0..offsets.len()).collect();
    order.sort_by_key(|&i| offsets[i]);
    let mut out = vec![0; offsets.len()];
    let (mut pos, mut line) = (0u64, 1u64);
    for i in order {
        // Up to the offset.
        while pos < offsets[i] {
            let buf = input.fill_buf().unwrap_or(&[]);
            if buf.is_empty() {
                break;
            }
            let n = buf.len().min((offsets[i] - pos) as usize);
            line += buf[..n].iter().filter(|&&b| b == b'\n').count() as u64;
            input.consume(n);
            pos += n as u64;
        }
        // Over the line ends there.
        while let Some(&b) = input.fill_buf().unwrap_or(&[]).first() {
            if !matches!(b, b'\r' | b'\n') {
                break;
            }
            line += u64::from(b == b'\n');
            input.consume(1);
            pos += 1;
        }
        out[i] = line;
    }
    out
}

/// Files from this size are parsed on a second thread.
const THREADED_BYTES: usize = 4 << 20;
/// Records per batch handed from the parsing thread.
const BATCH: usize = 1024;

fn csv_reader<R: Read>(input: R, delimiter: u8) -> csv::Reader<R> {
    let mut reader = ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .buffer_capacity(1 << 16)
        .from_reader(input);
    // The header row was read already.
    let _ = reader.read_byte_record(&mut ByteRecord::new());
    reader
}

/// Reads the next record that is not a blank line; `Ok(false)` at the end.
fn read_row<R: Read>(reader: &mut csv::Reader<R>, record: &mut ByteRecord) -> Result<bool, String> {
    loop {
        match reader.read_byte_record(record) {
            Ok(true) => {}
            Ok(false) => return Ok(false),
            Err(e) => return Err(e.to_string()),
        }
        // A blank line inside a table reads as one empty cell: not a row.
        if !(record.len() == 1 && record[0].is_empty()) {
            return Ok(true);
        }
    }
}

/// Records parsed on the second thread: `records[..len]`, and the error that ended them.
struct Batch {
    records: Vec<ByteRecord>,
    len: usize,
    error: Option<String>,
}

/// Where rows come from: parsed here, or on a second thread in batches (whose record
/// buffers go back to it to be reused, so no record is allocated twice).
enum Feed<'t> {
    Inline {
        reader: csv::Reader<Box<dyn Read + 't>>,
        record: ByteRecord,
    },
    Threaded {
        batches: std::sync::mpsc::Receiver<Batch>,
        recycle: std::sync::mpsc::Sender<Vec<ByteRecord>>,
        current: Batch,
        next: usize,
    },
}

impl<'t> Feed<'t> {
    fn inline(input: Box<dyn Read + 't>, delimiter: u8) -> Feed<'t> {
        Feed::Inline {
            reader: csv_reader(input, delimiter),
            record: ByteRecord::new(),
        }
    }

    fn threaded(file: std::fs::File, delimiter: u8) -> Feed<'t> {
        let (send_batch, batches) = std::sync::mpsc::sync_channel::<Batch>(2);
        let (recycle, reuse) = std::sync::mpsc::channel::<Vec<ByteRecord>>();
        std::thread::spawn(move || {
            let mut reader = csv_reader(file, delimiter);
            loop {
                let mut records = reuse.try_recv().unwrap_or_default();
                records.resize_with(BATCH, ByteRecord::new);
                let mut len = 0;
                let mut error = None;
                while len < BATCH {
                    match read_row(&mut reader, &mut records[len]) {
                        Ok(true) => len += 1,
                        Ok(false) => break,
                        Err(e) => {
                            error = Some(e);
                            break;
                        }
                    }
                }
                let last = len < BATCH;
                // The receiver is gone when the rows were dropped early: stop.
                if send_batch
                    .send(Batch {
                        records,
                        len,
                        error,
                    })
                    .is_err()
                    || last
                {
                    return;
                }
            }
        });
        Feed::Threaded {
            batches,
            recycle,
            current: Batch {
                records: Vec::new(),
                len: 0,
                error: None,
            },
            next: 0,
        }
    }
}

/// The rows of a table, read one at a time.
pub struct Rows<'t> {
    feed: Feed<'t>,
    base: u64,
    bad_utf8: Cell<bool>,
    /// Why reading stopped early, if it did.
    pub error: Option<String>,
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
    fn new(feed: Feed<'t>, base: u64) -> Rows<'t> {
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
        let record: &ByteRecord = match &mut self.feed {
            Feed::Inline { reader, record } => match read_row(reader, record) {
                Ok(true) => record,
                Ok(false) => return None,
                Err(e) => {
                    self.error = Some(e);
                    return None;
                }
            },
            Feed::Threaded {
                batches,
                recycle,
                current,
                next,
            } => {
                if *next >= current.len {
                    if let Some(e) = current.error.take() {
                        self.error = Some(e);
                        return None;
                    }
                    let done = std::mem::take(&mut current.records);
                    let _ = recycle.send(done);
                    match batches.recv() {
                        Ok(batch) => *current = batch,
                        Err(_) => return None,
                    }
                    *next = 0;
                    if current.len == 0 {
                        if let Some(e) = current.error.take() {
                            self.error = Some(e);
                        }
                        return None;
                    }
                }
                *next += 1;
                &current.records[*next - 1]
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
                    self.error = Some("cancelled".into());
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
    use super::*;

    fn rows(t: &Table) -> Vec<(u64, Vec<String>)> {
        let mut out = Vec::new();
        let mut r = t.rows();
        while let Some(row) = r.next_row() {
            let cells = row.cells().into_iter().map(str::to_owned).collect();
            out.push((row.at, cells));
        }
        out
    }

    #[test]
    fn names_and_aliases() {
        assert_eq!(norm("\u{FEFF}\"URL Clicks\""), "urlclicks");
        assert_eq!(
            norm("Impressions click-through rate (%)"),
            "impressionsclickthroughrate"
        );
        let t = Table::parse("Post id,Date,URL Clicks\r\n1,Mon Feb 17 2025,3\r\n").unwrap();
        assert_eq!(t.column(&["Url clicks"]), Some(2));
        assert_eq!(t.column(&["Post Link", "post id"]), Some(0));
        assert_eq!(t.column(&["nope"]), None);
        let r = rows(&t);
        assert_eq!(r.len(), 1);
        assert_eq!(t.lines_of(&[r[0].0]), vec![2]);
    }

    #[test]
    fn preamble_quotes_and_line_numbers() {
        let text = "# Reports snapshot\n# Start date: 20251211\nNth day,Users\n0000,\"1\"\n\"0001\",\"multi\nline\"\n0002,3\n";
        let t = Table::parse(text).unwrap();
        assert_eq!(t.header_line, 3);
        assert_eq!(t.preamble_value("start date"), Some("20251211"));
        let r = rows(&t);
        assert_eq!(r.len(), 3);
        let at: Vec<u64> = r.iter().map(|(a, _)| *a).collect();
        assert_eq!(t.lines_of(&at), vec![4, 5, 7]);
        assert_eq!(r[1].1[1], "multi\nline");
    }

    #[test]
    fn crlf_blank_lines_and_a_bom() {
        let text = "\u{FEFF}a,b\r\n\r\n1,2\r\n\"x\r\ny\",3\r\n\r\n4,5\r\n";
        let t = Table::parse(text).unwrap();
        assert_eq!(t.header, vec!["a", "b"]);
        let r = rows(&t);
        assert_eq!(r.len(), 3, "{r:?}");
        let at: Vec<u64> = r.iter().map(|(a, _)| *a).collect();
        assert_eq!(t.lines_of(&at), vec![3, 4, 7]);
    }

    #[test]
    fn ragged_rows_and_empty_files() {
        let t = Table::parse("a,b,c\n1\n1,2,3,4\n").unwrap();
        let mut r = t.rows();
        assert_eq!(r.next_row().unwrap().cell(Some(2)), "");
        assert_eq!(r.next_row().unwrap().len(), 4);
        assert!(Table::parse("").is_err());
    }

    #[test]
    fn a_streamed_file_reads_like_text() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.csv");
        let text = "# note\r\nid,n\r\n1,2\r\n2,\"3\r\n4\"\r\n";
        std::fs::write(&path, text).unwrap();
        let t = Table::in_file(&path, text.as_bytes(), text.len()).unwrap();
        let r = rows(&t);
        assert_eq!(r.len(), 2);
        assert_eq!(r[1].1[1], "3\r\n4");
        let at: Vec<u64> = r.iter().map(|(a, _)| *a).collect();
        assert_eq!(t.lines_of(&at), vec![3, 4]);
        assert_eq!(t.header_line, 2);
    }

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

    #[test]
    fn line_numbers_read_through_a_small_buffer_agree() {
        let text = b"h1,h2\r\n\r\n1,2\r\n\"x\r\ny\",3\r\n\r\n4,5\r\n";
        let offsets = [6, 8, 13, 13, 22, 25, 1000];
        let whole = lines_in(&text[..], &offsets);
        for capacity in 1..8 {
            let small = std::io::BufReader::with_capacity(capacity, &text[..]);
            assert_eq!(lines_in(small, &offsets), whole, "capacity {capacity}");
        }
        // The blank line after row `"x…y",3` is stepped over with its line end.
        assert_eq!(whole, vec![3, 3, 4, 4, 7, 7, 8]);
    }
}
