//! Recognising files that are not snapshots at all (empty, whitespace, an image, an archive,
//! CSV, a web page, another JSON value) from their first bytes, so that the one error says what
//! the file is rather than where its first unexpected byte is.

use std::io::Read;

use super::Parser;
use super::values::R;
use crate::snapshot::json::{Pos, quote_preview};

impl<S: Read> Parser<S> {
    /// Looks at the first bytes to give a clear message for files that are not JSON text at
    /// all. Returns false if the file was refused.
    pub(super) fn sniff(&mut self) -> R<bool> {
        const EXPECTED: &str = "expected a snapshot, a JSON object starting with `{`";
        let head = self.r.head(512)?.to_vec();
        let body = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&head);
        if body.len() < head.len() {
            self.r.skip_head(3);
        } else if let Some(kind) = binary_kind(&head) {
            return self.refuse_file(kind);
        }
        match self.r.peek()? {
            None if body.is_empty() => self.refuse_file(
                "the file is empty: expected a snapshot, a JSON object such as {\"format\": \"engage-snapshot\", \"version\": 1, …}",
            ),
            None => self.refuse_file(&format!(
                "the file holds only whitespace ({} bytes): {EXPECTED}",
                self.r.offset()
            )),
            Some(b'{') => Ok(true),
            Some(first) => {
                let at = self.r.pos();
                let binary = body
                    .iter()
                    .position(|&b| b == 0 || (b < 0x20 && !b"\t\n\r\x0c".contains(&b)));
                let text = std::str::from_utf8(body).unwrap_or_else(|e| {
                    std::str::from_utf8(&body[..e.valid_up_to()]).unwrap_or("")
                });
                let text = text.trim_start();
                let first_line = text.lines().next().unwrap_or("");
                let lower = first_line.to_ascii_lowercase();
                let message = if let Some(offset) = binary {
                    format!(
                        "this is not a text file (it holds byte 0x{:02x} at offset {offset}); {EXPECTED}",
                        body[offset]
                    )
                } else if let Some(kind) = json_kind(first, text) {
                    format!("{EXPECTED}, found {kind}")
                } else if lower.starts_with("<!doctype html") || lower.starts_with("<html") {
                    format!(
                        "this is an HTML page, not a snapshot (a web page saved instead of a download?); {EXPECTED}"
                    )
                } else if looks_like_csv(text) {
                    let preview = quote_preview(first_line);
                    format!(
                        "this looks like CSV (comma- or tab-separated values), not a JSON snapshot: found {preview}; {EXPECTED}"
                    )
                } else {
                    let preview = quote_preview(first_line);
                    format!("this is not a JSON snapshot: {EXPECTED}, found {preview}")
                };
                self.sink.error(Some(at), String::new, || message);
                self.refused = true;
                Ok(false)
            }
        }
    }

    fn refuse_file(&mut self, message: &str) -> R<bool> {
        self.refused = true;
        self.sink
            .error(Some(Pos { line: 1, column: 1 }), String::new, || {
                message.to_owned()
            });
        Ok(false)
    }
}

/// What a file is, judged by its first bytes, when it is a kind that is certainly not JSON text.
fn binary_kind(head: &[u8]) -> Option<&'static str> {
    const UTF16: &str = "the file is UTF-16 text; snapshots are UTF-8 JSON (convert it, e.g. with `iconv -f UTF-16 -t UTF-8`)";
    if head.starts_with(b"\xFF\xFE") || head.starts_with(b"\xFE\xFF") {
        return Some(UTF16);
    }
    archive_kind(head)
}

/// What a file is, by its first bytes, when it is an archive, an image or a document: never
/// text to read as a snapshot or an export. Snapshots and exports both sniff with it first.
pub(crate) fn archive_kind(head: &[u8]) -> Option<&'static str> {
    const KINDS: &[(&[u8], &str)] = &[
        (
            b"\x1F\x8B",
            "the file is gzip-compressed; decompress it first (`gunzip`)",
        ),
        (
            b"PK\x03\x04",
            "the file is a ZIP archive (an .xlsx workbook is one); extract it or export CSV or JSON",
        ),
        (b"\x89PNG", "the file is a PNG image, not data"),
        (b"\xFF\xD8\xFF", "the file is a JPEG image, not data"),
        (b"GIF8", "the file is a GIF image, not data"),
        (b"%PDF-", "the file is a PDF document, not data"),
        (
            b"BZh",
            "the file is bzip2-compressed; decompress it first (`bunzip2`)",
        ),
        (
            b"\xFD7zXZ\x00",
            "the file is xz-compressed; decompress it first (`unxz`)",
        ),
        (
            b"\x28\xB5\x2F\xFD",
            "the file is zstd-compressed; decompress it first (`unzstd`)",
        ),
        (
            b"7z\xBC\xAF\x27\x1C",
            "the file is a 7-Zip archive; extract it first",
        ),
        (
            b"\xD0\xCF\x11\xE0",
            "the file is an old Office document (an .xls workbook?); export CSV from it",
        ),
        (
            b"SQLite format 3\x00",
            "the file is an SQLite database, not data to read",
        ),
        (b"\x7FELF", "the file is a program (ELF), not data"),
    ];
    KINDS
        .iter()
        .find(|(magic, _)| head.starts_with(magic))
        .map(|(_, kind)| *kind)
}

/// What JSON value other than an object the text starts with, if any.
fn json_kind(first: u8, text: &str) -> Option<&'static str> {
    match first {
        b'[' => Some("an array"),
        b'"' => Some("a string"),
        b'-' | b'0'..=b'9' => Some("a number"),
        _ if text.starts_with("null") => Some("null"),
        _ if text.starts_with("true") || text.starts_with("false") => Some("a boolean"),
        _ => None,
    }
}

/// Whether text looks like comma- or tab-separated values: its first lines split into the
/// same number (more than one) of fields.
fn looks_like_csv(text: &str) -> bool {
    let mut lines = text.lines().filter(|l| !l.trim().is_empty()).take(3);
    let Some(first) = lines.next() else {
        return false;
    };
    [',', '\t', ';'].iter().any(|&sep| {
        let n = first.matches(sep).count();
        let mut rest = lines.clone().peekable();
        n >= 1 && (rest.peek().is_some() || n >= 2) && rest.all(|l| l.matches(sep).count() == n)
    })
}
