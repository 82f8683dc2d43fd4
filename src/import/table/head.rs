//! Finding a table's header: after any `#` preamble lines (GA4 writes its report's title and
//! dates there) and blank lines, the first row, read by the csv crate so that a quoted header
//! cell may hold the separator.

use csv::{ByteRecord, ReaderBuilder};

/// Why a table has no header: nothing but preamble, or a first row the CSV parser refuses.
#[derive(Debug)]
pub enum HeaderError {
    Missing,
    Unreadable { line: u64, source: csv::Error },
}

impl std::fmt::Display for HeaderError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            HeaderError::Missing => f.write_str(crate::i18n::tr("importer.no_header")),
            HeaderError::Unreadable { line, source } => f.write_str(&crate::i18n::trf(
                "importer.header_unreadable",
                &[("line", line), ("error", source)],
            )),
        }
    }
}

impl std::error::Error for HeaderError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            HeaderError::Missing => None,
            HeaderError::Unreadable { source, .. } => Some(source),
        }
    }
}

/// The preamble, header row and where the header starts, read from the head of a table.
pub(super) struct Head {
    pub preamble: Vec<String>,
    pub header: Vec<String>,
    pub header_line: u64,
    pub header_at: usize,
}

/// Reads `#` lines, blank lines before the header, and the header itself from `text` (the
/// start of a table; for a streamed file, its first 64 KiB).
pub(super) fn read_head(text: &str, delimiter: u8) -> Result<Head, HeaderError> {
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
        Ok(false) => return Err(HeaderError::Missing),
        Err(source) => {
            return Err(HeaderError::Unreadable {
                line: line_no,
                source,
            });
        }
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
