//! CSV exports for spreadsheets and scripts: the posts of a window, a metric's series, and
//! the lenses' tables. `engage export`, `engage explore --format csv` and the app's export
//! key all write through here, so a file says the same whichever wrote it. No ratatui: the
//! app is one layer over this.
//!
//! The rules every file follows:
//!
//! * RFC 4180: comma-separated, CRLF after every record, a field quoted when it holds a
//!   comma, a quote or a line break (quotes doubled); UTF-8 without a byte-order mark; one
//!   header row.
//! * Numbers are plain: no thousands separators, `.` as the decimal point, the shortest
//!   digits that read back as the same value, ratios as ratios (0.05, not 5%), and columns
//!   holding a ratio say so in their name (`er_reach_ratio`).
//! * What is not known is an empty cell, never 0: a 0 in a file is a measured zero.
//! * Text from data stays text: a cell that a spreadsheet would run as a formula (starting
//!   with `=`, `+`, `-`, `@`, a tab, a carriage return or a line feed, and not a number) gets
//!   a leading `'`, as OWASP advises for CSV injection; control characters and bidi controls
//!   are shown as `\u{…}` escapes, as the app shows them (see [`crate::text::escape_for_file`]).

pub mod lenses;
pub mod posts;
pub mod series;

use std::borrow::Cow;
use std::io::{self, Write};

/// Whether `text` is a plain decimal number (`12`, `-3.5`, `+0.25`, `1e-7`): what a
/// spreadsheet reads as a number, not a formula, so it is left as it is. `inf`, `NaN`, `0x10`
/// and `1,5` are not numbers here.
pub fn is_number(text: &str) -> bool {
    let b = text.as_bytes();
    let mut i = usize::from(matches!(b.first(), Some(b'+' | b'-')));
    let digits = |i: &mut usize| {
        let start = *i;
        while b.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i - start
    };
    let mut mantissa = digits(&mut i);
    if b.get(i) == Some(&b'.') {
        i += 1;
        mantissa += digits(&mut i);
    }
    if mantissa == 0 {
        return false;
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return false;
        }
    }
    i == b.len()
}

/// A text cell made safe to open: controls and bidi controls visible, and a leading `'` when
/// a spreadsheet would take the text for a formula (`=HYPERLINK(…)` in a post would
/// otherwise be a live link, `@SUM(A1)` a calculation). Numbers (`-3.5`) stay as they are.
pub fn neutralise(text: &str) -> Cow<'_, str> {
    let shown = crate::text::escape_for_file(text);
    let risky = shown.starts_with(['=', '+', '-', '@', '\t', '\r', '\n']) && !is_number(&shown);
    if risky {
        Cow::Owned(format!("'{shown}"))
    } else {
        shown
    }
}

/// Bytes gathered before they go to the output: few, large writes.
const FLUSH_AT: usize = 1 << 16;

/// A CSV writer with the rules above, field by field. RFC 4180 as the csv crate writes it
/// with CRLF terminators and quotes only where needed (a test holds the two to the same
/// bytes), written here so that deciding whether a field needs quotes is one pass the
/// compiler vectorises: on a million posts the csv crate's byte-at-a-time state machine was
/// a quarter of the export. Numbers are formatted into the record without allocating.
pub struct Cells<W: Write> {
    out: W,
    buf: Vec<u8>,
    /// Fields written in the current record, and whether the last one was empty (a record
    /// of one empty field is written `""`, or it would read as no record at all).
    fields: usize,
    last_empty: bool,
    scratch: Vec<u8>,
}

/// Whether a field must be quoted: it holds a quote, a comma or a line break.
fn needs_quotes(bytes: &[u8]) -> bool {
    // No early exit: a fold over every byte becomes vector compares.
    bytes.iter().fold(false, |any, &b| {
        any | (b == b'"') | (b == b',') | (b == b'\n') | (b == b'\r')
    })
}

impl<W: Write> Cells<W> {
    pub fn new(out: W) -> Cells<W> {
        Cells {
            out,
            buf: Vec::with_capacity(FLUSH_AT + 4096),
            fields: 0,
            last_empty: false,
            scratch: Vec::with_capacity(32),
        }
    }

    /// A field's bytes, quoted when they must be (quotes doubled).
    fn field(&mut self, bytes: &[u8]) {
        if self.fields > 0 {
            self.buf.push(b',');
        }
        self.fields += 1;
        self.last_empty = bytes.is_empty();
        if needs_quotes(bytes) {
            self.buf.push(b'"');
            for (i, part) in bytes.split(|&b| b == b'"').enumerate() {
                if i > 0 {
                    self.buf.extend_from_slice(b"\"\"");
                }
                self.buf.extend_from_slice(part);
            }
            self.buf.push(b'"');
        } else {
            self.buf.extend_from_slice(bytes);
        }
    }

    /// A text cell from data, neutralised (see [`neutralise`]).
    pub fn text(&mut self, text: &str) -> io::Result<()> {
        self.field(neutralise(text).as_bytes());
        Ok(())
    }

    /// A cell written as it is: names and dates engage itself makes (a platform, a format,
    /// a time), quoted if they must be.
    pub fn raw(&mut self, text: &str) -> io::Result<()> {
        self.field(text.as_bytes());
        Ok(())
    }

    /// [`Cells::raw`] for bytes a formatter wrote (UTF-8, such as a time).
    pub fn raw_bytes(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.field(bytes);
        Ok(())
    }

    /// A whole number, or an empty cell when not known.
    pub fn count(&mut self, value: Option<u64>) -> io::Result<()> {
        match value {
            None => self.field(b""),
            Some(v) => {
                let mut digits = [0u8; 20];
                let mut i = digits.len();
                let mut v = v;
                loop {
                    i -= 1;
                    digits[i] = b'0' + (v % 10) as u8;
                    v /= 10;
                    if v == 0 {
                        break;
                    }
                }
                self.field(&digits[i..]);
            }
        }
        Ok(())
    }

    /// A number (shortest round-trip digits, never an exponent, never `-0`), or an empty
    /// cell when not known or not finite.
    pub fn number(&mut self, value: Option<f64>) -> io::Result<()> {
        match value.filter(|v| v.is_finite()) {
            None => self.field(b""),
            Some(v) => {
                // -0.0 reads as "-0" in some programs; it is a zero.
                let v = if v == 0.0 { 0.0 } else { v };
                // Ryu gives the shortest digits that read back as `v`, as `{v}` does, in a
                // fraction of the time (the rates of a million posts are ten million
                // numbers), but writes `12.0` for 12 and an exponent outside 1e-5..1e16:
                // those go the slow way.
                let mut buf = ryu::Buffer::new();
                let text = buf.format_finite(v);
                if text.contains('e') {
                    let mut scratch = std::mem::take(&mut self.scratch);
                    scratch.clear();
                    write!(scratch, "{v}")?;
                    self.field(&scratch);
                    self.scratch = scratch;
                } else {
                    self.field(text.strip_suffix(".0").unwrap_or(text).as_bytes());
                }
            }
        }
        Ok(())
    }

    /// `true` or `false`.
    pub fn flag(&mut self, value: bool) -> io::Result<()> {
        self.raw(if value { "true" } else { "false" })
    }

    /// Ends the record (CRLF).
    pub fn end(&mut self) -> io::Result<()> {
        if self.fields == 1 && self.last_empty {
            self.buf.extend_from_slice(b"\"\"");
        }
        self.buf.extend_from_slice(b"\r\n");
        self.fields = 0;
        if self.buf.len() >= FLUSH_AT {
            self.out.write_all(&self.buf)?;
            self.buf.clear();
        }
        Ok(())
    }

    /// A header row.
    pub fn header<S: AsRef<str>>(&mut self, names: &[S]) -> io::Result<()> {
        for n in names {
            self.raw(n.as_ref())?;
        }
        self.end()
    }

    /// Writes what is gathered and flushes the output: call it last (a flush on drop would
    /// lose its error).
    pub fn finish(self) -> io::Result<()> {
        self.into_inner().map(drop)
    }

    /// Writes what is gathered and gives the output back.
    pub fn into_inner(mut self) -> io::Result<W> {
        self.out.write_all(&self.buf)?;
        self.out.flush()?;
        Ok(self.out)
    }
}

/// What `write` writes, as a string (the explore command renders its formats as text).
pub fn to_string(write: impl FnOnce(&mut Vec<u8>) -> io::Result<()>) -> io::Result<String> {
    let mut bytes = Vec::new();
    write(&mut bytes)?;
    String::from_utf8(bytes).map_err(io::Error::other)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_told_from_formulas() {
        for n in ["0", "-3.5", "+1", "12.", ".5", "-1e-7", "2E+10"] {
            assert!(is_number(n), "{n}");
        }
        for t in [
            "", "-", "+", ".", "-2+3", "+1+1", "1e", "inf", "-inf", "NaN", "1,5", "0x10", "- 1",
        ] {
            assert!(!is_number(t), "{t}");
        }
    }

    #[test]
    fn formulas_are_neutralised() {
        assert_eq!(
            neutralise("=HYPERLINK(\"http://x\",\"y\")"),
            "'=HYPERLINK(\"http://x\",\"y\")"
        );
        assert_eq!(neutralise("+1+1"), "'+1+1");
        assert_eq!(neutralise("-2+3"), "'-2+3");
        assert_eq!(neutralise("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(neutralise("\tx"), "'\tx");
        assert_eq!(neutralise("\rx"), "'\nx");
        assert_eq!(neutralise("-3.5"), "-3.5");
        assert_eq!(neutralise("a=b"), "a=b");
        assert_eq!(neutralise("\u{1b}]0;x\u{7}"), "\\u{1b}]0;x\\u{7}");
        assert_eq!(neutralise("\u{202E}=1+1"), "\\u{202e}=1+1");
    }

    #[test]
    fn cells_follow_rfc_4180() {
        let mut out = Vec::new();
        let mut c = Cells::new(&mut out);
        c.header(&["a", "b", "c", "d", "e"]).unwrap();
        c.text("x, \"y\"\nz").unwrap();
        c.count(None).unwrap();
        c.count(Some(1_234_567)).unwrap();
        c.number(Some(-0.0)).unwrap();
        c.number(Some(0.000_000_1)).unwrap();
        c.end().unwrap();
        c.finish().unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "a,b,c,d,e\r\n\"x, \"\"y\"\"\nz\",,1234567,0,0.0000001\r\n"
        );
    }

    /// The fields the csv crate writes (RFC 4180, CRLF, quotes where needed), byte for byte.
    #[test]
    fn the_same_bytes_as_the_csv_crate() {
        let fields: &[&[&str]] = &[
            &[
                "plain",
                "with, comma",
                "with \"quote\"",
                "line\nbreak",
                "cr\rhere",
            ],
            &["", "x", ""],
            &[""],
            &["\"", ",", "\r\n", " spaced ", "ünï ✓ 😀", "'", "#hash"],
        ];
        let mut ours = Vec::new();
        let mut c = Cells::new(&mut ours);
        let mut theirs = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .flexible(true)
            .from_writer(Vec::new());
        for record in fields {
            for f in *record {
                c.raw(f).unwrap();
            }
            c.end().unwrap();
            theirs.write_record(*record).unwrap();
        }
        c.finish().unwrap();
        let theirs = theirs.into_inner().unwrap();
        assert_eq!(
            String::from_utf8(ours).unwrap(),
            String::from_utf8(theirs).unwrap()
        );
    }

    #[test]
    fn numbers_are_plain_and_read_back() {
        let mut values = vec![
            0.12,
            0.155,
            12.0,
            31.0,
            1e15,
            1e16,
            1e17,
            1.5e300,
            1e-4,
            1e-5,
            1e-6,
            2.5e-9,
            -3.5,
            0.1 + 0.2,
            1.0 / 3.0,
            123_456.789,
        ];
        // A spread of ratios and counts over many magnitudes.
        let mut x = 0.000_123_456_789_f64;
        for _ in 0..200 {
            values.push(x);
            x *= 1.618_033_988_7;
        }
        for v in values {
            let mut out = Vec::new();
            let mut c = Cells::new(&mut out);
            c.number(Some(v)).unwrap();
            c.end().unwrap();
            c.finish().unwrap();
            let text = String::from_utf8(out).unwrap();
            let cell = text.trim_end();
            // The same value back, plainly written: no exponent, no `.0`.
            assert_eq!(cell.parse::<f64>().unwrap(), v, "{cell}");
            assert!(
                !cell.contains(['e', 'E']) && !cell.ends_with(".0"),
                "{cell}"
            );
            // The shortest digits: as many as Rust's own (which may break a tie in the 17th
            // digit the other way).
            let std = format!("{v}");
            assert_eq!(cell.len(), std.len(), "{cell} vs {std}");
        }
    }
}
