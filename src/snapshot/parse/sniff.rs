//! Recognising files that are not snapshots at all (empty, whitespace, an image, an archive,
//! CSV, a web page, another JSON value) from their first bytes, so that the one error says what
//! the file is rather than where its first unexpected byte is.

use std::io::Read;

use super::Parser;
use super::values::R;
use crate::i18n::{tr, trf};
use crate::snapshot::json::{Pos, quote_preview};

impl<S: Read> Parser<S> {
    /// Looks at the first bytes to give a clear message for files that are not JSON text at
    /// all. Returns false if the file was refused.
    pub(super) fn sniff(&mut self) -> R<bool> {
        let expected = tr("loader.expected_snapshot");
        let head = self.r.head(512)?.to_vec();
        let body = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&head);
        if body.len() < head.len() {
            self.r.skip_head(3);
        } else if let Some(kind) = binary_kind(&head) {
            return self.refuse_file(kind);
        }
        match self.r.peek()? {
            None if body.is_empty() => self.refuse_file(tr("loader.file_empty")),
            None => self.refuse_file(&trf(
                "loader.only_whitespace",
                &[("bytes", &self.r.offset()), ("expected", &expected)],
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
                    trf(
                        "loader.not_text",
                        &[
                            ("byte", &format_args!("{:02x}", body[offset])),
                            ("offset", &offset),
                            ("expected", &expected),
                        ],
                    )
                } else if let Some(kind) = json_kind(first, text) {
                    trf(
                        "loader.snapshot_found",
                        &[("expected", &expected), ("found", &kind)],
                    )
                } else if lower.starts_with("<!doctype html") || lower.starts_with("<html") {
                    trf("loader.html_page", &[("expected", &expected)])
                } else if looks_like_csv(text) {
                    let preview = quote_preview(first_line);
                    trf(
                        "loader.looks_like_csv",
                        &[("preview", &preview), ("expected", &expected)],
                    )
                } else {
                    let preview = quote_preview(first_line);
                    trf(
                        "loader.not_json",
                        &[("expected", &expected), ("preview", &preview)],
                    )
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
    if head.starts_with(b"\xFF\xFE") || head.starts_with(b"\xFE\xFF") {
        return Some(tr("loader.utf16"));
    }
    archive_kind(head)
}

/// What a file is, by its first bytes, when it is an archive, an image or a document: never
/// text to read as a snapshot or an export. Snapshots and exports both sniff with it first.
/// The text is in the language shown (the keys are `loader.kind_*`).
pub(crate) fn archive_kind(head: &[u8]) -> Option<&'static str> {
    const KINDS: &[(&[u8], &str)] = &[
        (b"\x1F\x8B", "loader.kind_gzip"),
        (b"PK\x03\x04", "loader.kind_zip"),
        (b"\x89PNG", "loader.kind_png"),
        (b"\xFF\xD8\xFF", "loader.kind_jpeg"),
        (b"GIF8", "loader.kind_gif"),
        (b"%PDF-", "loader.kind_pdf"),
        (b"BZh", "loader.kind_bzip2"),
        (b"\xFD7zXZ\x00", "loader.kind_xz"),
        (b"\x28\xB5\x2F\xFD", "loader.kind_zstd"),
        (b"7z\xBC\xAF\x27\x1C", "loader.kind_7z"),
        (b"\xD0\xCF\x11\xE0", "loader.kind_ole"),
        (b"SQLite format 3\x00", "loader.kind_sqlite"),
        (b"\x7FELF", "loader.kind_elf"),
    ];
    KINDS
        .iter()
        .find(|(magic, _)| head.starts_with(magic))
        .map(|(_, key)| tr(key))
}

/// What JSON value other than an object the text starts with, if any.
fn json_kind(first: u8, text: &str) -> Option<&'static str> {
    match first {
        b'[' => Some(tr("loader.found_array")),
        b'"' => Some(tr("loader.a_string")),
        b'-' | b'0'..=b'9' => Some(tr("loader.a_number")),
        _ if text.starts_with("null") => Some("null"),
        _ if text.starts_with("true") || text.starts_with("false") => Some(tr("loader.a_boolean")),
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
