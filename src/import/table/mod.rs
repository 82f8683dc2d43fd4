//! A CSV table from an export: its header (found after any `#` preamble), columns looked up by
//! name (case, spacing and punctuation ignored, with aliases across export versions; never by
//! position), and its rows, streamed one at a time.
//!
//! `head` finds the header, `rows` hands out the rows, `feed` parses them (on a second thread
//! for a big file), `lines` turns the byte offsets rows carry into line numbers.

mod feed;
mod head;
mod lines;
mod rows;

use std::io::{Seek, SeekFrom};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use head::HeaderError;
pub use lines::lines_in;
pub use rows::{Row, Rows, RowsError};

use super::values::{DateOrder, date, order_told};
use feed::{Feed, THREADED_BYTES};
use head::{Head, read_head};

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

impl Source {
    /// Whether the raw bytes `at..end` (a row) break their quoting (see
    /// [`rows::quotes_broken`]). Read again from the file for a streamed table: only for the
    /// last row and rows whose cells do not match the header.
    fn quotes_broken(&self, at: u64, end: u64, delimiter: u8) -> bool {
        match self {
            Source::Text(text) => {
                let bytes = text.as_bytes();
                let range = (at as usize).min(bytes.len())..(end as usize).min(bytes.len());
                rows::quotes_broken(bytes[range].iter().copied(), delimiter)
            }
            Source::File(path) => {
                use std::io::Read;
                let Ok(mut f) = std::fs::File::open(path) else {
                    return false;
                };
                if f.seek(SeekFrom::Start(at)).is_err() {
                    return false;
                }
                let reader = std::io::BufReader::new(f.take(end.saturating_sub(at)));
                rows::quotes_broken(reader.bytes().map_while(Result::ok), delimiter)
            }
        }
    }
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

/// How much of a streamed file is read to find its header.
pub const HEAD_BYTES: usize = 64 * 1024;

impl Table {
    /// A table from text in memory. Leading lines starting with `#` are the preamble; the
    /// first other line is the header. Rows may have more or fewer cells than the header.
    pub fn parse(text: &str) -> Result<Table, HeaderError> {
        let text: Arc<str> = Arc::from(text);
        let len = text.len();
        Table::in_text(text, 0..len)
    }

    /// The table in `range` of a shared text (one table of a multi-table file).
    pub fn in_text(text: Arc<str>, range: Range<usize>) -> Result<Table, HeaderError> {
        Table::in_text_with(text, range, b',')
    }

    /// Like [`Table::in_text`] with another cell separator (a mapping's `;` or tab).
    pub fn in_text_with(
        text: Arc<str>,
        range: Range<usize>,
        delimiter: u8,
    ) -> Result<Table, HeaderError> {
        let head = read_head(&text[range.clone()], delimiter)?;
        let header_at = range.start + head.header_at;
        let before = text[..range.start].matches('\n').count() as u64;
        let mut table = Table::build(head, Source::Text(text), header_at, range.end, before);
        table.delimiter = delimiter;
        Ok(table)
    }

    /// A table streamed from a UTF-8 file whose first bytes are `head` (valid UTF-8 up to a
    /// character cut at the end).
    pub fn in_file(path: &Path, head: &[u8], file_len: usize) -> Result<Table, HeaderError> {
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
                    rows.error = Some(RowsError::Open(e));
                    return rows;
                }
            },
        };
        Rows::new(feed, base).with_source(rows::Raw {
            source: self.source.clone(),
            size: self.size(),
            delimiter: self.delimiter,
            header_cells: self.header.len(),
        })
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
}
