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

/// A CSV writer with the rules above: RFC 4180's CRLF (the csv crate writes LF unless told),
/// fields quoted only when they must be.
pub fn writer<W: Write>(out: W) -> csv::Writer<W> {
    csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out)
}

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

/// Field writers that keep one scratch buffer for numbers, so a row of a million-row file
/// allocates nothing.
pub struct Cells<W: Write> {
    pub csv: csv::Writer<W>,
    scratch: Vec<u8>,
}

impl<W: Write> Cells<W> {
    pub fn new(out: W) -> Cells<W> {
        Cells {
            csv: writer(out),
            scratch: Vec::with_capacity(32),
        }
    }

    /// A text cell from data, neutralised (see [`neutralise`]).
    pub fn text(&mut self, text: &str) -> io::Result<()> {
        Ok(self.csv.write_field(neutralise(text).as_bytes())?)
    }

    /// A cell written as it is: names engage itself makes (a platform, a format, a date).
    pub fn raw(&mut self, text: &str) -> io::Result<()> {
        Ok(self.csv.write_field(text)?)
    }

    /// A whole number, or an empty cell when not known.
    pub fn count(&mut self, value: Option<u64>) -> io::Result<()> {
        match value {
            None => Ok(self.csv.write_field(b"")?),
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
                Ok(self.csv.write_field(&digits[i..])?)
            }
        }
    }

    /// A number (shortest round-trip digits, never an exponent, never `-0`), or an empty
    /// cell when not known or not finite.
    pub fn number(&mut self, value: Option<f64>) -> io::Result<()> {
        match value.filter(|v| v.is_finite()) {
            None => Ok(self.csv.write_field(b"")?),
            Some(v) => {
                self.scratch.clear();
                // -0.0 reads as "-0" in some programs; it is a zero.
                let v = if v == 0.0 { 0.0 } else { v };
                write!(self.scratch, "{v}")?;
                Ok(self.csv.write_field(&self.scratch)?)
            }
        }
    }

    /// `true` or `false`.
    pub fn flag(&mut self, value: bool) -> io::Result<()> {
        self.raw(if value { "true" } else { "false" })
    }

    /// Ends the record (CRLF).
    pub fn end(&mut self) -> io::Result<()> {
        Ok(self.csv.write_record(None::<&[u8]>)?)
    }

    /// A header row.
    pub fn header<S: AsRef<str>>(&mut self, names: &[S]) -> io::Result<()> {
        for n in names {
            self.raw(n.as_ref())?;
        }
        self.end()
    }

    /// Flushes everything to the output: the csv writer's buffer is only written on a flush,
    /// and a flush on drop would lose its error.
    pub fn finish(mut self) -> io::Result<()> {
        self.csv.flush()
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
}
