//! A CSV table from an export: its header (found after any `#` preamble), columns looked up by
//! name (case, spacing and punctuation ignored, with aliases across export versions; never by
//! position), and its records with their line numbers.

use csv::{ReaderBuilder, StringRecord};

/// A column name reduced to lower-case letters and digits: `"URL Clicks"`, `"url clicks"` and
/// `"url_clicks"` all become `urlclicks`.
pub fn norm(name: &str) -> String {
    name.trim_start_matches('\u{FEFF}')
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// One record with the line it starts on (1-based, counting the whole file).
#[derive(Clone, Debug)]
pub struct Line {
    pub line: u64,
    pub record: StringRecord,
}

/// A parsed CSV table.
#[derive(Clone, Debug)]
pub struct Table {
    /// Header cells as written.
    pub header: Vec<String>,
    /// Header cells normalised by [`norm`].
    pub keys: Vec<String>,
    pub header_line: u64,
    pub rows: Vec<Line>,
    /// The `#` comment lines before the header, without the `#`.
    pub preamble: Vec<String>,
}

impl Table {
    /// Parses `text` (a whole file, decoded). Leading lines starting with `#` are the
    /// preamble; the first other line is the header. Rows may have more or fewer cells than
    /// the header (a ragged row is read as is).
    pub fn parse(text: &str) -> Result<Table, String> {
        let mut preamble = Vec::new();
        let mut offset = 0;
        let mut line_no: u64 = 1;
        for line in text.split_inclusive('\n') {
            let t = line.trim_end_matches(['\r', '\n']);
            if t.starts_with('#') {
                preamble.push(t.trim_start_matches('#').trim().to_owned());
                offset += line.len();
                line_no += 1;
            } else if t.trim().is_empty() && offset + line.len() < text.len() && preamble.is_empty()
            {
                // Blank lines before a header are skipped too.
                offset += line.len();
                line_no += 1;
            } else {
                break;
            }
        }
        let body = &text[offset..];
        let mut reader = ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(body.as_bytes());
        let mut records = reader.records();
        let header = match records.next() {
            Some(Ok(r)) => r,
            Some(Err(e)) => return Err(format!("line {line_no}: cannot read the header: {e}")),
            None => return Err("the file has no header row".into()),
        };
        let header: Vec<String> = header
            .iter()
            .map(|h| h.trim_start_matches('\u{FEFF}').to_owned())
            .collect();
        let keys = header.iter().map(|h| norm(h)).collect();
        let mut rows = Vec::new();
        // Line numbers from byte offsets (the csv crate's own count is off after CRLF).
        let (mut counted_to, mut line_at) = (0usize, line_no);
        for r in records {
            match r {
                Ok(record) => {
                    let mut byte = record
                        .position()
                        .map_or(counted_to, |p| p.byte() as usize)
                        .min(body.len());
                    // After CRLF the record's position can point at the line feed before it.
                    while byte < body.len() && matches!(body.as_bytes()[byte], b'\r' | b'\n') {
                        byte += 1;
                    }
                    if byte > counted_to {
                        line_at += body.as_bytes()[counted_to..byte]
                            .iter()
                            .filter(|&&c| c == b'\n')
                            .count() as u64;
                        counted_to = byte;
                    }
                    rows.push(Line {
                        line: line_at,
                        record,
                    });
                }
                Err(e) => {
                    let at = e.position().map_or(String::new(), |p| {
                        format!("line {}: ", line_no - 1 + p.line())
                    });
                    return Err(format!("{at}the CSV is malformed: {e}"));
                }
            }
        }
        Ok(Table {
            header,
            keys,
            header_line: line_no,
            rows,
            preamble,
        })
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
}

/// A cell of a record, trimmed; empty when the row is short.
pub fn cell(record: &StringRecord, column: Option<usize>) -> &str {
    column.and_then(|c| record.get(c)).map_or("", str::trim)
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(t.rows.len(), 1);
        assert_eq!(t.rows[0].line, 2);
    }

    #[test]
    fn preamble_quotes_and_line_numbers() {
        let text = "# Reports snapshot\n# Start date: 20251211\nNth day,Users\n0000,\"1\"\n\"0001\",\"multi\nline\"\n0002,3\n";
        let t = Table::parse(text).unwrap();
        assert_eq!(t.header_line, 3);
        assert_eq!(t.preamble_value("start date"), Some("20251211"));
        assert_eq!(t.rows.len(), 3);
        assert_eq!((t.rows[0].line, t.rows[1].line, t.rows[2].line), (4, 5, 7));
        assert_eq!(&t.rows[1].record[1], "multi\nline");
    }

    #[test]
    fn ragged_rows_and_empty_files() {
        let t = Table::parse("a,b,c\n1\n1,2,3,4\n").unwrap();
        assert_eq!(cell(&t.rows[0].record, Some(2)), "");
        assert_eq!(t.rows[1].record.len(), 4);
        assert!(Table::parse("").is_err());
    }
}
