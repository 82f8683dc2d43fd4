//! One snapshot record per line, built in a reused buffer: keys in the order the caller
//! writes them, strings escaped as serde_json escapes them, counts as decimal digits.
//!
//! Hand-rolled rather than serde: a million posts (the load bench's demo) are written
//! without a struct or an allocation per record, and the layout (readable, diff-friendly,
//! one record per line) is the format's to choose, not a serializer's.

use std::fmt::{Display, Write as _};
use std::io::{self, Write};

/// One record being built, then handed to the output as a whole line.
#[derive(Default)]
pub struct Record {
    buf: Vec<u8>,
    first: bool,
    /// Text of the last [`Record::display`] value, kept to reuse its allocation.
    scratch: String,
}

impl Record {
    /// Starts a record (indented as an array element).
    pub fn begin(&mut self) {
        self.buf.clear();
        self.buf.extend_from_slice(b"    {");
        self.first = true;
    }

    fn key(&mut self, key: &str) {
        if !self.first {
            self.buf.extend_from_slice(b", ");
        }
        self.first = false;
        self.buf.push(b'"');
        self.buf.extend_from_slice(key.as_bytes());
        self.buf.extend_from_slice(b"\": ");
    }

    pub fn str(&mut self, key: &str, value: &str) {
        self.key(key);
        escape_into(value, &mut self.buf);
    }

    /// A value whose text is its `Display` (a time, a date, a vocabulary name), escaped like
    /// any string.
    pub fn display(&mut self, key: &str, value: impl Display) {
        self.scratch.clear();
        // Writing into a String cannot fail.
        let _ = write!(self.scratch, "{value}");
        self.key(key);
        escape_into(&self.scratch, &mut self.buf);
    }

    pub fn num(&mut self, key: &str, value: u64) {
        self.key(key);
        push_u64(&mut self.buf, value);
    }

    /// A count that may be unknown: left out when `None`.
    pub fn opt(&mut self, key: &str, value: Option<u64>) {
        if let Some(v) = value {
            self.num(key, v);
        }
    }

    /// A count that may be unknown: written `null` when `None`.
    pub fn nullable(&mut self, key: &str, value: Option<u64>) {
        match value {
            Some(v) => self.num(key, v),
            None => {
                self.key(key);
                self.buf.extend_from_slice(b"null");
            }
        }
    }

    pub fn strs<S: AsRef<str>>(&mut self, key: &str, values: impl IntoIterator<Item = S>) {
        self.key(key);
        self.buf.push(b'[');
        for (i, v) in values.into_iter().enumerate() {
            if i > 0 {
                self.buf.extend_from_slice(b", ");
            }
            escape_into(v.as_ref(), &mut self.buf);
        }
        self.buf.push(b']');
    }

    /// Closes the record; [`Array::push`] writes it.
    pub fn end(&mut self) {
        self.buf.push(b'}');
    }

    pub fn bytes(&self) -> &[u8] {
        &self.buf
    }
}

/// A top-level array written one record per line.
pub struct Array {
    empty: bool,
}

impl Array {
    /// Writes `  "name": [` (after the previous top-level member).
    pub fn open(out: &mut impl Write, name: &str) -> io::Result<Array> {
        write!(out, ",\n  \"{name}\": [")?;
        Ok(Array { empty: true })
    }

    pub fn push(&mut self, out: &mut impl Write, record: &Record) -> io::Result<()> {
        out.write_all(if self.empty { b"\n" } else { b",\n" })?;
        self.empty = false;
        out.write_all(record.bytes())
    }

    pub fn close(self, out: &mut impl Write) -> io::Result<()> {
        out.write_all(if self.empty { b"]" } else { b"\n  ]" })
    }
}

/// Appends `s` as a JSON string literal: quotes, backslashes and control characters
/// escaped, everything else (including non-ASCII) written as UTF-8. The escapes are
/// serde_json's (`\b`, `\f`, `\u001f`), so files written before this writer was shared
/// are written again byte for byte.
pub(super) fn escape_into(s: &str, out: &mut Vec<u8>) {
    out.push(b'"');
    let bytes = s.as_bytes();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let escape: &[u8] = match b {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            b'\n' => b"\\n",
            b'\r' => b"\\r",
            b'\t' => b"\\t",
            0x08 => b"\\b",
            0x0C => b"\\f",
            0..=0x1F => b"",
            _ => continue,
        };
        out.extend_from_slice(&bytes[start..i]);
        if escape.is_empty() {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.extend_from_slice(b"\\u00");
            out.push(HEX[usize::from(b >> 4)]);
            out.push(HEX[usize::from(b & 0xF)]);
        } else {
            out.extend_from_slice(escape);
        }
        start = i + 1;
    }
    out.extend_from_slice(&bytes[start..]);
    out.push(b'"');
}

/// Appends the decimal digits of `n`.
fn push_u64(out: &mut Vec<u8>, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[i..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_are_serde_jsons() {
        for s in [
            "",
            "plain",
            "say \"hi\"",
            "back\\slash",
            "line\nbreak\ttab\r",
            "\u{1}\u{1f}",
            "émoji 🇮🇩 ok",
            "\u{2028}",
            "\u{8}\u{c}\u{7f}\u{0}",
        ] {
            let mut buf = Vec::new();
            escape_into(s, &mut buf);
            let back: String = serde_json::from_slice(&buf).unwrap_or_default();
            assert_eq!(back, s);
            assert_eq!(buf, serde_json::to_vec(s).unwrap_or_default(), "{s:?}");
        }
        let mut buf = Vec::new();
        escape_into("a\u{1}", &mut buf);
        assert_eq!(buf, b"\"a\\u0001\"");
    }

    #[test]
    fn numbers_and_records() {
        let mut buf = Vec::new();
        for n in [0, 7, 10, 12_345, u64::MAX] {
            buf.clear();
            push_u64(&mut buf, n);
            assert_eq!(buf, n.to_string().as_bytes());
        }
        let mut r = Record::default();
        r.begin();
        r.str("id", "a");
        r.opt("saves", None);
        r.opt("likes", Some(3));
        r.nullable("reach", None);
        r.strs("tags", ["x", "y"]);
        r.display("format", crate::snapshot::model::PostFormat::Video);
        r.end();
        assert_eq!(
            r.bytes(),
            br#"    {"id": "a", "likes": 3, "reach": null, "tags": ["x", "y"], "format": "video"}"#
        );
    }
}
