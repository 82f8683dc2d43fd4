//! Streaming JSON reading for snapshot files (no DOM, positions on every token).

mod number;
mod reader;
mod scan;

pub use reader::{
    Fatal, FatalKind, Found, JsonReader, LoadControl, MAX_DEPTH, MAX_STRING_BYTES, Number, Pos,
    StrIssue, StrProblem, expected_found, quote_preview,
};

/// A key that matched no known name, as text (or why it is not text).
pub fn key_text(key: &[u8]) -> Result<&str, StrProblem> {
    std::str::from_utf8(key).map_err(|_| {
        Box::new(StrIssue::InvalidUtf8 {
            preview: String::from_utf8_lossy(&key[..key.len().min(240)]).into_owned(),
        })
    })
}
