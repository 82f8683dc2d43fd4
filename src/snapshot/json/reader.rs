//! A pull reader over JSON text arriving from any [`Read`], in fixed-size chunks.
//!
//! The snapshot loader drives it field by field, so a file is never held whole in memory and no
//! DOM is built: a 370 MB export costs one 512 KiB buffer here. The reader knows the line and
//! column of every token, which is what lets every diagnostic point at its exact place.
//!
//! Two kinds of trouble come out of it. A [`Fatal`] problem (broken syntax, I/O, cancellation)
//! ends the parse, since nothing after it can be trusted. A [`StrProblem`] (invalid UTF-8, a lone
//! surrogate, an over-long string) is reported by the caller and parsing goes on.

use std::io::{self, Read};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use super::number::classify_number;
use super::scan::find_string_special;
use crate::i18n::{tr, trf};

const CHUNK: usize = 512 * 1024;

/// Strings longer than this (in bytes, after unescaping) are refused. The longest real post
/// texts (Facebook's 63,206 characters) fit many times over; a 100 MB "text" is an attack or an
/// accident, and keeping it would let one field exhaust memory.
pub const MAX_STRING_BYTES: usize = 1024 * 1024;

/// Deeper nesting than this is refused; no snapshot field nests more than three levels.
pub const MAX_DEPTH: usize = 1000;

/// Number tokens up to this length (digits, sign, point, exponent) are read into a fixed
/// buffer; longer ones, rare and always a mistake in a count, go through the scratch buffer.
const MAX_NUMBER_LEN: usize = 64;

/// A place in the input. Lines and columns count from 1; columns count bytes, as serde_json
/// and jq do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pos {
    pub line: u32,
    pub column: u32,
}

/// Shared switches between a loader and whoever watches it (the TUI's progress frame).
#[derive(Clone, Debug, Default)]
pub struct LoadControl {
    /// Bytes read from the source so far.
    pub bytes_read: Arc<AtomicU64>,
    /// Set to stop the load at the next chunk.
    pub cancel: Arc<AtomicBool>,
}

/// A problem after which the rest of the input cannot be read. Boxed, so that the results
/// of the hot reading functions stay two words wide (returned in registers).
#[derive(Debug)]
pub struct Fatal(pub Box<FatalKind>);

#[derive(Debug)]
pub enum FatalKind {
    Syntax { pos: Pos, message: String },
    Io(io::Error),
    Cancelled,
}

impl From<FatalKind> for Fatal {
    #[cold]
    fn from(kind: FatalKind) -> Fatal {
        Fatal(Box::new(kind))
    }
}

/// A string the reader could not return as valid text; parsing continues after it.
#[derive(Debug, Clone, PartialEq)]
pub enum StrIssue {
    InvalidUtf8 { preview: String },
    LoneSurrogate { preview: String },
    TooLong { bytes: u64, preview: String },
}

/// A string problem, boxed so that string results stay small on the hot path.
pub type StrProblem = Box<StrIssue>;

/// A JSON number, classified the way a count field needs it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Number {
    /// A non-negative integer that fits in u64 (written with or without a zero fraction or an
    /// exponent: `12`, `12.0` and `1.2e1` all give 12, as JSON Schema's `integer` does).
    Unsigned(u64),
    /// A negative integer.
    Negative,
    /// A number with a fractional part.
    Fraction,
    /// An integer too large for u64 (or a number too large for f64, such as `1e400`).
    Huge,
}

/// What a value of the wrong kind turned out to be, for "expected X, found Y" messages.
#[derive(Debug, Clone, PartialEq)]
pub enum Found {
    Str(String),
    Number(String),
    Bool(bool),
    Null,
    Object,
    Array,
}

impl std::fmt::Display for Found {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Found::Str(s) => {
                f.write_str(&trf("loader.found_string", &[("value", &quote_preview(s))]))
            }
            Found::Number(n) => f.write_str(&trf("loader.found_number", &[("value", n)])),
            Found::Bool(b) => write!(f, "{b}"),
            Found::Null => f.write_str("null"),
            Found::Object => f.write_str(tr("loader.found_object")),
            Found::Array => f.write_str(tr("loader.found_array")),
        }
    }
}

/// A short, quoted, escaped form of untrusted text for messages: at most 60 characters, with
/// control characters shown as escapes so that a message can never drive the terminal.
pub fn quote_preview(s: &str) -> String {
    let mut out = String::from("\"");
    for (n, c) in s.chars().enumerate() {
        if n == 60 {
            out.push('…');
            break;
        }
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&c.escape_unicode().to_string()),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Where the last scanned string's text lives until the next read.
#[derive(Clone, Copy)]
enum StrLoc {
    Buf { start: usize, len: usize },
    Scratch,
}

#[derive(Clone, Copy)]
enum ScratchIssue {
    LoneSurrogate,
    TooLong(u64),
}

pub struct JsonReader<R> {
    src: R,
    buf: Vec<u8>,
    pos: usize,
    end: usize,
    eof: bool,
    /// Absolute offset of `buf[0]` in the input.
    base: u64,
    line: u32,
    /// Absolute offset of the first byte of the current line.
    line_start: u64,
    scratch: Vec<u8>,
    scratch_issue: Option<ScratchIssue>,
    number: [u8; MAX_NUMBER_LEN],
    number_len: usize,
    /// Where the last key read by [`Self::next_key`] starts (its opening quote).
    key_at: Pos,
    /// The first text problem met inside a value skipped by [`Self::read_found`].
    skipped: Option<(Pos, StrProblem)>,
    control: LoadControl,
}

fn printable(b: u8) -> String {
    if b.is_ascii_graphic() {
        format!("`{}`", b as char)
    } else {
        trf("loader.byte", &[("hex", &format_args!("{b:02x}"))])
    }
}

/// Describes unexpected input starting at `rest` for a syntax message: the word it starts (so
/// `NaN`, not `N`) and a hint for the usual mistakes of hand-written or exported JSON.
fn describe_unexpected(rest: &[u8]) -> String {
    let Some(&b) = rest.first() else {
        return truncated().to_owned();
    };
    match b {
        b'\'' => tr("loader.hint_single_quote").to_owned(),
        b'/' | b'#' => trf("loader.hint_comment", &[("what", &printable(b))]),
        b if b.is_ascii_alphabetic() || b == b'_' => {
            let len = rest
                .iter()
                .take_while(|c| c.is_ascii_alphanumeric() || **c == b'_')
                .count();
            let word = String::from_utf8_lossy(&rest[..len.min(24)]);
            let more = if len > 24 { "…" } else { "" };
            let hint = match &*word {
                "NaN" | "nan" | "Infinity" | "inf" => tr("loader.hint_nan"),
                "True" | "TRUE" | "False" | "FALSE" | "Null" | "NULL" | "None" | "nil"
                | "undefined" => tr("loader.hint_literal_case"),
                w if ["true", "false", "null"].iter().any(|l| l.starts_with(w)) => {
                    tr("loader.hint_literal_typo")
                }
                _ => tr("loader.hint_quote_text"),
            };
            format!("`{word}{more}` ({hint})")
        }
        0x80.. => {
            // A character, not a byte, when it is valid UTF-8: curly quotes pasted from a
            // document are the usual case.
            let len = match b {
                0xF0.. => 4,
                0xE0.. => 3,
                _ => 2,
            };
            let c = rest
                .get(..len)
                .and_then(|c| std::str::from_utf8(c).ok())
                .and_then(|c| c.chars().next());
            match c {
                Some(q @ ('“' | '”' | '„' | '‘' | '’' | '«' | '»')) => {
                    trf("loader.hint_curly_quote", &[("q", &q)])
                }
                Some(c) if !c.is_control() && !c.is_whitespace() => format!("`{c}`"),
                Some(c) => format!("{} (U+{:04X})", printable(b), u32::from(c)),
                None => printable(b),
            }
        }
        b => printable(b),
    }
}

fn lossy_preview(bytes: &[u8]) -> String {
    String::from_utf8_lossy(&bytes[..bytes.len().min(240)]).into_owned()
}

/// What was found where a file ends too early.
fn truncated() -> &'static str {
    tr("loader.truncated")
}

/// `expected {what}, found {found}`, in the language shown.
pub fn expected_found(what: &dyn std::fmt::Display, found: &dyn std::fmt::Display) -> String {
    trf("loader.expected_found", &[("what", what), ("found", found)])
}

impl<R: Read> JsonReader<R> {
    pub fn new(src: R, control: LoadControl) -> Self {
        JsonReader {
            src,
            buf: vec![0; CHUNK],
            pos: 0,
            end: 0,
            eof: false,
            base: 0,
            line: 1,
            line_start: 0,
            scratch: Vec::new(),
            scratch_issue: None,
            number: [0; MAX_NUMBER_LEN],
            number_len: 0,
            key_at: Pos { line: 1, column: 1 },
            skipped: None,
            control,
        }
    }

    /// A reader whose input starts at byte `base` of a file, at the start of a line (a
    /// second thread reading the second half of a big file): offsets count from the file's
    /// start, lines from 1 at `base` (the caller shifts them once it knows where `base` is).
    pub fn new_at(src: R, control: LoadControl, base: u64) -> Self {
        let mut r = JsonReader::new(src, control);
        r.base = base;
        r.line_start = base;
        r
    }

    /// The switches the reader was given (a second reader of the same load shares them).
    pub fn control(&self) -> &LoadControl {
        &self.control
    }

    /// The line of the next unread byte and the offset its line starts at.
    pub fn line_state(&self) -> (u32, u64) {
        (self.line, self.line_start)
    }

    /// Moves on to byte `offset` (at or after the next unread one) whose line and line start
    /// are known, without reading what lies between unless it is already buffered: `skip`
    /// moves the source past the bytes not yet read (a seek for a file).
    pub fn jump(
        &mut self,
        offset: u64,
        line: u32,
        line_start: u64,
        skip: impl FnOnce(&mut R, u64) -> io::Result<()>,
    ) -> Result<(), Fatal> {
        let buffered_end = self.base + self.end as u64;
        if offset <= buffered_end {
            self.pos = usize::try_from(offset.saturating_sub(self.base)).unwrap_or(self.end);
        } else {
            skip(&mut self.src, offset - buffered_end).map_err(FatalKind::Io)?;
            self.base = offset;
            self.pos = 0;
            self.end = 0;
        }
        self.line = line;
        self.line_start = line_start;
        Ok(())
    }

    /// The source read from (past what is buffered).
    pub fn source_mut(&mut self) -> &mut R {
        &mut self.src
    }

    /// The position of the next unread byte.
    #[inline]
    pub fn pos(&self) -> Pos {
        let abs = self.base + self.pos as u64;
        Pos {
            line: self.line,
            column: u32::try_from(abs - self.line_start + 1).unwrap_or(u32::MAX),
        }
    }

    /// Bytes consumed so far.
    pub fn offset(&self) -> u64 {
        self.base + self.pos as u64
    }

    fn syntax_at<T>(&self, pos: Pos, message: impl Into<String>) -> Result<T, Fatal> {
        Err(Fatal::from(FatalKind::Syntax {
            pos,
            message: message.into(),
        }))
    }

    pub fn syntax<T>(&self, message: impl Into<String>) -> Result<T, Fatal> {
        self.syntax_at(self.pos(), message)
    }

    /// Moves unread bytes to the front and reads more. False at end of input.
    fn fill(&mut self) -> Result<bool, Fatal> {
        if self.eof {
            return Ok(false);
        }
        if self.pos > 0 {
            self.buf.copy_within(self.pos..self.end, 0);
            self.base += self.pos as u64;
            self.end -= self.pos;
            self.pos = 0;
        }
        if self.end == self.buf.len() {
            // Callers never need more look-ahead than a chunk, but stay correct if one does.
            self.buf.resize(self.buf.len() * 2, 0);
        }
        if self.control.cancel.load(Ordering::Relaxed) {
            return Err(FatalKind::Cancelled.into());
        }
        loop {
            match self.src.read(&mut self.buf[self.end..]) {
                Ok(0) => {
                    self.eof = true;
                    return Ok(false);
                }
                Ok(n) => {
                    self.end += n;
                    self.control
                        .bytes_read
                        .fetch_add(n as u64, Ordering::Relaxed);
                    return Ok(true);
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(FatalKind::Io(e).into()),
            }
        }
    }

    /// Makes at least `n` unread bytes available unless the input ends first.
    fn ensure(&mut self, n: usize) -> Result<(), Fatal> {
        while self.end - self.pos < n {
            if !self.fill()? {
                break;
            }
        }
        Ok(())
    }

    /// Up to `n` unread bytes, without consuming them; for sniffing what kind of file this is.
    pub fn head(&mut self, n: usize) -> Result<&[u8], Fatal> {
        self.ensure(n)?;
        let stop = (self.pos + n).min(self.end);
        Ok(&self.buf[self.pos..stop])
    }

    /// Skips `n` bytes already seen through [`Self::head`] (a byte-order mark). Columns on the
    /// first line then count from after them, as editors (which hide the mark) show them.
    pub fn skip_head(&mut self, n: usize) {
        self.pos = (self.pos + n).min(self.end);
        if self.line == 1 {
            self.line_start = self.base + self.pos as u64;
        }
    }

    /// Describes the unexpected input at the current position (after whitespace).
    fn unexpected(&mut self) -> Result<String, Fatal> {
        self.ensure(32)?;
        Ok(describe_unexpected(&self.buf[self.pos..self.end]))
    }

    /// Skips whitespace and returns the next byte without consuming it; `None` at end of input.
    #[inline]
    pub fn peek(&mut self) -> Result<Option<u8>, Fatal> {
        loop {
            while self.pos < self.end {
                let b = self.buf[self.pos];
                match b {
                    b' ' | b'\t' | b'\r' => self.pos += 1,
                    b'\n' => {
                        self.pos += 1;
                        self.line += 1;
                        self.line_start = self.base + self.pos as u64;
                    }
                    _ => return Ok(Some(b)),
                }
            }
            if !self.fill()? {
                return Ok(None);
            }
        }
    }

    /// Consumes `byte` (after whitespace) or fails naming what was expected.
    pub fn expect(&mut self, byte: u8, what: &str) -> Result<(), Fatal> {
        match self.peek()? {
            Some(b) if b == byte => {
                self.pos += 1;
                Ok(())
            }
            Some(_) => {
                let found = self.unexpected()?;
                self.syntax(expected_found(&what, &found))
            }
            None => self.syntax(expected_found(&what, &truncated())),
        }
    }

    /// Advances to the next member of an object whose `{` was consumed, returning its key as
    /// classified by `classify` (called while the key's text is borrowable), with the colon
    /// consumed. `first` must start true for each object. `None` means the object ended.
    pub fn next_key<K>(
        &mut self,
        first: &mut bool,
        classify: impl FnOnce(Result<&[u8], StrProblem>) -> K,
    ) -> Result<Option<K>, Fatal> {
        match self.peek()? {
            Some(b'}') => {
                self.pos += 1;
                return Ok(None);
            }
            Some(b'"') if *first => {}
            Some(b',') if !*first => {
                self.pos += 1;
                match self.peek()? {
                    Some(b'"') => {}
                    Some(b'}') => {
                        return self.syntax(tr("loader.key_trailing_comma"));
                    }
                    Some(_) => {
                        let found = self.unexpected()?;
                        return self.syntax(expected_found(&tr("loader.a_key_quoted"), &found));
                    }
                    None => {
                        return self.syntax(expected_found(&tr("loader.a_key"), &truncated()));
                    }
                }
            }
            Some(_) if *first => {
                let found = self.unexpected()?;
                return self.syntax(expected_found(&tr("loader.a_key_or_close"), &found));
            }
            Some(_) => {
                let found = self.unexpected()?;
                return self.syntax(expected_found(&tr("loader.comma_after_member"), &found));
            }
            None if *first => {
                return self.syntax(expected_found(&tr("loader.key_or_close"), &truncated()));
            }
            None => {
                return self.syntax(expected_found(&tr("loader.comma_or_brace"), &truncated()));
            }
        }
        *first = false;
        self.key_at = self.pos();
        let loc = self.scan_str()?;
        let key = classify(self.key_bytes(loc));
        // The colon, with the message looked up only when it is missing (this runs for
        // every key of every record).
        if self.peek()? == Some(b':') {
            self.pos += 1;
        } else {
            self.expect(b':', tr("loader.colon_after_key"))?;
        }
        Ok(Some(key))
    }

    /// Whether another element follows in an array whose `[` was consumed. `first` must start
    /// true for each array. False means the array ended.
    pub fn next_item(&mut self, first: &mut bool) -> Result<bool, Fatal> {
        match self.peek()? {
            Some(b']') => {
                self.pos += 1;
                Ok(false)
            }
            Some(b',') if !*first => {
                self.pos += 1;
                match self.peek()? {
                    Some(b']') => self.syntax(tr("loader.value_trailing_comma")),
                    Some(_) => Ok(true),
                    None => self.syntax(expected_found(&tr("loader.a_value"), &truncated())),
                }
            }
            Some(_) if *first => {
                *first = false;
                Ok(true)
            }
            Some(_) => {
                let found = self.unexpected()?;
                self.syntax(expected_found(&tr("loader.comma_after_element"), &found))
            }
            None if *first => {
                self.syntax(expected_found(&tr("loader.value_or_close"), &truncated()))
            }
            None => self.syntax(expected_found(&tr("loader.comma_or_bracket"), &truncated())),
        }
    }

    /// Where the key last returned by [`Self::next_key`] starts (its opening quote).
    pub fn key_pos(&self) -> Pos {
        self.key_at
    }

    /// The first invalid UTF-8 or lone surrogate met in a string (a value or a key) inside the
    /// last value read by [`Self::read_found`]; the caller decides whether it is an error.
    pub fn take_skipped_problem(&mut self) -> Option<(Pos, StrProblem)> {
        self.skipped.take()
    }

    /// Reads a string value; the next token must be `"` (checked by the caller's `peek`).
    #[inline]
    pub fn read_str(&mut self) -> Result<Result<&str, StrProblem>, Fatal> {
        let loc = self.scan_str()?;
        Ok(self.str_at(loc))
    }

    /// A key's bytes, unvalidated: known keys are ASCII and matched as bytes, so only keys
    /// that match none need [`key_text`] (a million posts have sixteen million keys).
    fn key_bytes(&self, loc: StrLoc) -> Result<&[u8], StrProblem> {
        match loc {
            StrLoc::Buf { start, len } => Ok(&self.buf[start..start + len]),
            StrLoc::Scratch if self.scratch_issue.is_none() => Ok(&self.scratch),
            StrLoc::Scratch => self.str_at(loc).map(str::as_bytes),
        }
    }

    fn str_at(&self, loc: StrLoc) -> Result<&str, StrProblem> {
        match loc {
            StrLoc::Buf { start, len } => {
                let bytes = &self.buf[start..start + len];
                std::str::from_utf8(bytes).map_err(|_| {
                    Box::new(StrIssue::InvalidUtf8 {
                        preview: lossy_preview(bytes),
                    })
                })
            }
            StrLoc::Scratch => match self.scratch_issue {
                Some(ScratchIssue::TooLong(bytes)) => Err(Box::new(StrIssue::TooLong {
                    bytes,
                    preview: lossy_preview(&self.scratch),
                })),
                Some(ScratchIssue::LoneSurrogate) => Err(Box::new(StrIssue::LoneSurrogate {
                    preview: lossy_preview(&self.scratch),
                })),
                None => std::str::from_utf8(&self.scratch).map_err(|_| {
                    Box::new(StrIssue::InvalidUtf8 {
                        preview: lossy_preview(&self.scratch),
                    })
                }),
            },
        }
    }

    /// Consumes a string token, opening quote first. Its text stays readable through the
    /// returned location until the next read.
    #[inline(always)]
    fn scan_str(&mut self) -> Result<StrLoc, Fatal> {
        let start = self.pos + 1;
        if let Some(i) = find_string_special(&self.buf[start..self.end])
            && self.buf[start + i] == b'"'
        {
            self.pos = start + i + 1;
            return Ok(StrLoc::Buf { start, len: i });
        }
        self.scan_str_slow()
    }

    /// Escapes, control characters, or a string that runs past the buffered bytes.
    #[cold]
    #[inline(never)]
    fn scan_str_slow(&mut self) -> Result<StrLoc, Fatal> {
        let open = self.pos();
        self.pos += 1;
        self.scratch.clear();
        self.scratch_issue = None;
        let mut total: u64 = 0;
        loop {
            let found = find_string_special(&self.buf[self.pos..self.end]);
            let plain_end = found.map_or(self.end, |i| self.pos + i);
            push_limited(
                &mut self.scratch,
                &self.buf[self.pos..plain_end],
                &mut total,
            );
            self.pos = plain_end;
            if found.is_none() {
                if !self.fill()? {
                    return self.syntax_at(
                        open,
                        trf("loader.string_never_closed", &[("found", &truncated())]),
                    );
                }
                continue;
            }
            match self.buf[self.pos] {
                b'"' => {
                    self.pos += 1;
                    break;
                }
                b'\\' => self.unescape(&mut total)?,
                c => {
                    return self.syntax(match c {
                        b'\n' | b'\r' => tr("loader.line_break_in_string").to_owned(),
                        b'\t' => tr("loader.tab_in_string").to_owned(),
                        c => trf(
                            "loader.control_in_string",
                            &[("code", &format_args!("{c:04X}"))],
                        ),
                    });
                }
            }
        }
        if total > MAX_STRING_BYTES as u64 {
            self.scratch_issue = Some(ScratchIssue::TooLong(total));
        }
        Ok(StrLoc::Scratch)
    }

    /// Decodes one escape sequence (at its backslash) onto the scratch buffer.
    fn unescape(&mut self, total: &mut u64) -> Result<(), Fatal> {
        self.ensure(2)?;
        if self.end - self.pos < 2 {
            return self.syntax(trf("loader.incomplete_escape", &[("found", &truncated())]));
        }
        let simple = match self.buf[self.pos + 1] {
            b'"' => Some(b'"'),
            b'\\' => Some(b'\\'),
            b'/' => Some(b'/'),
            b'b' => Some(0x08),
            b'f' => Some(0x0c),
            b'n' => Some(b'\n'),
            b'r' => Some(b'\r'),
            b't' => Some(b'\t'),
            b'u' => None,
            other => {
                return self.syntax(trf("loader.invalid_escape", &[("c", &(other as char))]));
            }
        };
        if let Some(b) = simple {
            push_limited(&mut self.scratch, &[b], total);
            self.pos += 2;
            return Ok(());
        }
        let unit = self.hex4()?;
        let c = match unit {
            0xD800..=0xDBFF => {
                self.ensure(6)?;
                let rest = &self.buf[self.pos..self.end];
                if rest.len() >= 6 && rest[0] == b'\\' && rest[1] == b'u' {
                    let save = self.pos;
                    let low = self.hex4()?;
                    if (0xDC00..=0xDFFF).contains(&low) {
                        char::from_u32(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))
                    } else {
                        self.pos = save;
                        None
                    }
                } else {
                    None
                }
            }
            _ => char::from_u32(unit),
        };
        let c = c.unwrap_or_else(|| {
            self.scratch_issue
                .get_or_insert(ScratchIssue::LoneSurrogate);
            char::REPLACEMENT_CHARACTER
        });
        let mut utf8 = [0; 4];
        push_limited(
            &mut self.scratch,
            c.encode_utf8(&mut utf8).as_bytes(),
            total,
        );
        Ok(())
    }

    /// Reads `\uXXXX` at the current position and returns the code unit.
    fn hex4(&mut self) -> Result<u32, Fatal> {
        self.ensure(6)?;
        let Some(seq) = self
            .buf
            .get(self.pos..self.pos + 6)
            .filter(|_| self.pos + 6 <= self.end)
        else {
            return self.syntax(trf(
                "loader.incomplete_u_escape",
                &[("found", &truncated())],
            ));
        };
        let hex = std::str::from_utf8(&seq[2..6])
            .ok()
            .filter(|h| h.bytes().all(|b| b.is_ascii_hexdigit()))
            .and_then(|h| u32::from_str_radix(h, 16).ok());
        match hex {
            Some(v) => {
                self.pos += 6;
                Ok(v)
            }
            None => self.syntax(tr("loader.invalid_u_escape")),
        }
    }

    /// Reads a number token (the next byte must be `-` or a digit).
    pub fn read_number(&mut self) -> Result<Number, Fatal> {
        if let Some(n) = self.plain_integer() {
            return Ok(n);
        }
        self.read_number_slow()
    }

    /// The common case, read in place: up to 15 digits with no sign, fraction or exponent,
    /// followed by a delimiter already in the buffer. `None` leaves the reader untouched for
    /// the general path (which also keeps the text for messages).
    #[inline]
    fn plain_integer(&mut self) -> Option<Number> {
        let bytes = &self.buf[self.pos..self.end];
        let digits = bytes
            .iter()
            .take(16)
            .take_while(|b| b.is_ascii_digit())
            .count();
        let next = *bytes.get(digits)?;
        if digits == 0
            || digits > 15
            || (digits > 1 && bytes[0] == b'0')
            || matches!(next, b'.' | b'e' | b'E' | b'-' | b'+')
        {
            return None;
        }
        let value = bytes[..digits]
            .iter()
            .fold(0u64, |v, &b| v * 10 + u64::from(b - b'0'));
        self.number[..digits].copy_from_slice(&bytes[..digits]);
        self.number_len = digits;
        self.pos += digits;
        Some(Number::Unsigned(value))
    }

    fn read_number_slow(&mut self) -> Result<Number, Fatal> {
        let at = self.pos();
        self.number_len = 0;
        let mut len = 0usize;
        'scan: loop {
            while self.pos < self.end {
                let b = self.buf[self.pos];
                if !matches!(b, b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E') {
                    break 'scan;
                }
                if len < MAX_NUMBER_LEN {
                    self.number[len] = b;
                } else {
                    self.long_number_byte(len, b);
                }
                len += 1;
                self.pos += 1;
            }
            if !self.fill()? {
                break;
            }
        }
        self.number_len = len;
        if len > MAX_STRING_BYTES {
            return self.syntax_at(
                at,
                trf(
                    "loader.number_too_long",
                    &[("len", &len), ("max", &MAX_STRING_BYTES)],
                ),
            );
        }
        let text = if len <= MAX_NUMBER_LEN {
            &self.number[..len]
        } else {
            &self.scratch[..]
        };
        match classify_number(text) {
            Ok(n) => Ok(n),
            Err(why) => {
                let text = self.number_text();
                self.syntax_at(
                    at,
                    trf("loader.invalid_number", &[("text", &text), ("why", &why)]),
                )
            }
        }
    }

    /// Keeps byte `len` of a number longer than the fixed buffer, in the scratch buffer.
    #[cold]
    fn long_number_byte(&mut self, len: usize, b: u8) {
        if len == MAX_NUMBER_LEN {
            self.scratch.clear();
            self.scratch.extend_from_slice(&self.number);
        }
        if self.scratch.len() < MAX_STRING_BYTES {
            self.scratch.push(b);
        }
    }

    /// The text of the last number read, for messages: whole up to 64 characters, else its
    /// start and its length.
    pub fn number_text(&self) -> String {
        let shown = &self.number[..self.number_len.min(MAX_NUMBER_LEN)];
        let text = String::from_utf8_lossy(shown);
        if self.number_len > MAX_NUMBER_LEN {
            trf(
                "loader.number_long_text",
                &[("start", &&text[..20]), ("n", &self.number_len)],
            )
        } else {
            text.into_owned()
        }
    }

    /// Reads `true`, `false` or `null`.
    fn read_literal(&mut self) -> Result<Found, Fatal> {
        self.ensure(5)?;
        let rest = &self.buf[self.pos..self.end];
        let (found, len) = if rest.starts_with(b"true") {
            (Found::Bool(true), 4)
        } else if rest.starts_with(b"false") {
            (Found::Bool(false), 5)
        } else if rest.starts_with(b"null") {
            (Found::Null, 4)
        } else {
            let found = self.unexpected()?;
            return self.syntax(expected_found(&tr("loader.any_value"), &found));
        };
        self.pos += len;
        Ok(found)
    }

    /// Consumes `null` if it is next; the caller has peeked `n`.
    pub fn read_null(&mut self) -> Result<bool, Fatal> {
        Ok(self.read_literal()? == Found::Null)
    }

    /// Reads any value and says what it was (strings and numbers with a short preview); used
    /// to skip unknown fields and to describe values of the wrong kind. Text that is not valid
    /// (invalid UTF-8, a lone surrogate) anywhere inside it is kept for
    /// [`Self::take_skipped_problem`].
    pub fn read_found(&mut self) -> Result<Found, Fatal> {
        self.skipped = None;
        self.found_value()
    }

    fn found_value(&mut self) -> Result<Found, Fatal> {
        match self.peek()? {
            Some(b'"') => {
                let at = self.pos();
                let loc = self.scan_str()?;
                let text = match self.str_at(loc) {
                    Ok(s) => s.chars().take(80).collect(),
                    Err(problem) => {
                        let preview = match &*problem {
                            StrIssue::InvalidUtf8 { preview }
                            | StrIssue::LoneSurrogate { preview }
                            | StrIssue::TooLong { preview, .. } => preview.clone(),
                        };
                        self.note_skipped(at, problem);
                        preview
                    }
                };
                Ok(Found::Str(text))
            }
            Some(b'{' | b'[') => self.skip_container(),
            Some(b't' | b'f' | b'n') => self.read_literal(),
            Some(b'-' | b'0'..=b'9') => {
                self.read_number()?;
                Ok(Found::Number(self.number_text()))
            }
            Some(_) => {
                let found = self.unexpected()?;
                self.syntax(expected_found(&tr("loader.a_value"), &found))
            }
            None => self.syntax(expected_found(&tr("loader.a_value"), &truncated())),
        }
    }

    /// Keeps the first encoding problem of a skipped value (an over-long string is not one:
    /// skipping it costs no memory).
    fn note_skipped(&mut self, at: Pos, problem: StrProblem) {
        if self.skipped.is_none() && !matches!(*problem, StrIssue::TooLong { .. }) {
            self.skipped = Some((at, problem));
        }
    }

    /// Skips an object or array with everything inside it, without recursion.
    fn skip_container(&mut self) -> Result<Found, Fatal> {
        // Each open container: whether it is an object, and whether its first member is next.
        let mut stack: Vec<(bool, bool)> = Vec::new();
        let outer = if self.peek()? == Some(b'{') {
            Found::Object
        } else {
            Found::Array
        };
        let mut opening = true;
        loop {
            if opening {
                let Some(open @ (b'{' | b'[')) = self.peek()? else {
                    // A scalar element inside a container.
                    self.found_value()?;
                    opening = false;
                    continue;
                };
                if stack.len() >= MAX_DEPTH {
                    return self.syntax(trf("loader.nested_too_deep", &[("max", &MAX_DEPTH)]));
                }
                self.pos += 1;
                stack.push((open == b'{', true));
            }
            let Some(&mut (is_object, ref mut first)) = stack.last_mut() else {
                return Ok(outer);
            };
            let more = if is_object {
                match self.next_key(first, |key| {
                    key.and_then(|k| super::key_text(k).map(|_| ())).err()
                })? {
                    Some(Some(problem)) => {
                        let at = self.key_at;
                        self.note_skipped(at, problem);
                        true
                    }
                    Some(None) => true,
                    None => false,
                }
            } else {
                self.next_item(first)?
            };
            if more {
                opening = true;
            } else {
                stack.pop();
                opening = false;
                if stack.is_empty() {
                    return Ok(outer);
                }
            }
        }
    }

    /// Fails unless only whitespace remains.
    pub fn expect_end(&mut self) -> Result<(), Fatal> {
        match self.peek()? {
            None => Ok(()),
            Some(b) => self.syntax(trf("loader.after_end", &[("what", &printable(b))])),
        }
    }
}

/// Appends to the scratch buffer, keeping at most [`MAX_STRING_BYTES`] but counting all.
fn push_limited(scratch: &mut Vec<u8>, bytes: &[u8], total: &mut u64) {
    *total += bytes.len() as u64;
    let room = MAX_STRING_BYTES.saturating_sub(scratch.len());
    scratch.extend_from_slice(&bytes[..bytes.len().min(room)]);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reader(text: &[u8]) -> JsonReader<&[u8]> {
        JsonReader::new(text, LoadControl::default())
    }

    fn syntax_message<T: std::fmt::Debug>(r: Result<T, Fatal>) -> (Pos, String) {
        match r {
            Err(Fatal(kind)) => match *kind {
                FatalKind::Syntax { pos, message } => (pos, message),
                other => panic!("not a syntax error: {other:?}"),
            },
            other => panic!("expected a syntax error, got {other:?}"),
        }
    }

    #[test]
    fn long_numbers_are_classified_not_fatal() {
        let digits = "9".repeat(400);
        let mut r = reader(digits.as_bytes());
        assert_eq!(r.read_number().unwrap(), Number::Huge);
        assert_eq!(r.number_text(), "99999999999999999999… (400 characters)");
        let negative = format!("-{digits}");
        assert_eq!(
            reader(negative.as_bytes()).read_number().unwrap(),
            Number::Negative
        );
        // A long number can still be a small integer.
        let one = format!("1.{}", "0".repeat(100));
        assert_eq!(
            reader(one.as_bytes()).read_number().unwrap(),
            Number::Unsigned(1)
        );
        let tiny = format!("0.{}1", "0".repeat(100));
        assert_eq!(
            reader(tiny.as_bytes()).read_number().unwrap(),
            Number::Fraction
        );
        // Grammar is still checked past the fixed buffer.
        let bad = format!("{digits}.e");
        let (_, message) = syntax_message(reader(bad.as_bytes()).read_number());
        assert!(
            message.contains("a digit must follow the decimal point"),
            "{message}"
        );
        // Beyond the string limit a number is refused outright.
        let absurd = "1".repeat(MAX_STRING_BYTES + 1);
        let (pos, message) = syntax_message(reader(absurd.as_bytes()).read_number());
        assert_eq!(pos, Pos { line: 1, column: 1 });
        assert!(message.contains("numbers are limited"), "{message}");
    }

    #[test]
    fn numbers_beyond_f64_are_huge_not_fractions() {
        assert_eq!(classify_number(b"1e400"), Ok(Number::Huge));
        assert_eq!(classify_number(b"-1e400"), Ok(Number::Negative));
        assert_eq!(classify_number(b"1e-400"), Ok(Number::Fraction));
        assert_eq!(classify_number(b"1.2e1"), Ok(Number::Unsigned(12)));
        assert_eq!(classify_number(b"12.5"), Ok(Number::Fraction));
        assert_eq!(classify_number(b"-0"), Ok(Number::Unsigned(0)));
    }

    #[test]
    fn number_grammar_errors_say_what_is_wrong() {
        for (text, why) in [
            ("045", "no leading zeros"),
            ("-", "a digit must follow `-`"),
            ("3.e5", "a digit must follow the decimal point"),
            ("1e+", "the exponent has no digits"),
            ("1.2.3", "`.` cannot come there"),
        ] {
            let (_, message) = syntax_message(reader(text.as_bytes()).read_number());
            assert!(
                message.starts_with(&format!("invalid number `{text}`: ")),
                "{message}"
            );
            assert!(message.contains(why), "{text}: {message}");
        }
    }

    #[test]
    fn unexpected_input_is_named_with_a_hint() {
        for (text, want) in [
            ("NaN", "found `NaN` (JSON has no NaN or Infinity"),
            ("Infinity", "found `Infinity` (JSON has no NaN"),
            ("'x'", "found `'` (JSON strings and keys take double quotes"),
            ("// note", "found `/` (JSON has no comments"),
            ("photo,", "found `photo` (text must be in double quotes)"),
            (
                "True",
                "found `True` (JSON's literals are true, false and null, in lower case)",
            ),
            ("nul}", "found `nul` (misspelled or cut short?"),
            ("“Kabar”", "found `“` (JSON takes straight double quotes"),
            ("é", "found `é`"),
            ("\u{a0}1", "found byte 0xc2 (U+00A0)"),
        ] {
            let (pos, message) = syntax_message(reader(text.as_bytes()).read_found());
            assert_eq!(pos, Pos { line: 1, column: 1 });
            assert!(message.contains(want), "{text}: {message}");
        }
        let (_, message) = syntax_message(reader(b"\xff").read_found());
        assert!(message.ends_with("found byte 0xff"), "{message}");
        let mut r = reader(br#"{"a": 1 /* c */}"#);
        r.expect(b'{', "`{`").unwrap();
        let mut first = true;
        r.next_key(&mut first, |_| ()).unwrap();
        r.read_found().unwrap();
        let (pos, message) = syntax_message(r.next_key(&mut first, |_| ()));
        assert_eq!(pos.column, 9);
        assert!(
            message.contains("found `/` (JSON has no comments"),
            "{message}"
        );
    }

    #[test]
    fn raw_control_characters_in_strings_say_how_to_write_them() {
        for (text, want, column) in [
            (
                "\"a\nb\"",
                "a line break inside a string: write it as \\n",
                3,
            ),
            ("\"ab\tc\"", "a tab inside a string: write it as \\t", 4),
            (
                "\"\u{1}\"",
                "control character U+0001 inside a string: write it as \\u0001",
                2,
            ),
        ] {
            let (pos, message) = syntax_message(reader(text.as_bytes()).read_found());
            assert_eq!(pos, Pos { line: 1, column }, "{text:?}");
            assert!(message.contains(want), "{message}");
        }
    }

    #[test]
    fn truncation_right_after_an_opening_bracket_says_what_could_come() {
        let mut r = reader(b"{");
        r.expect(b'{', "`{`").unwrap();
        let (_, message) = syntax_message(r.next_key(&mut true, |_| ()));
        assert!(
            message.starts_with("expected a key or `}`, found the end of the file"),
            "{message}"
        );
        let mut r = reader(b"[");
        r.expect(b'[', "`[`").unwrap();
        let (_, message) = syntax_message(r.next_item(&mut true));
        assert!(
            message.starts_with("expected a value or `]`, found the end of the file"),
            "{message}"
        );
        let mut r = reader(b"[1");
        r.expect(b'[', "`[`").unwrap();
        let mut first = true;
        r.next_item(&mut first).unwrap();
        r.read_found().unwrap();
        let (_, message) = syntax_message(r.next_item(&mut first));
        assert!(
            message.starts_with("expected `,` or `]`, found the end of the file"),
            "{message}"
        );
    }

    #[test]
    fn key_positions_are_kept() {
        let mut r = reader(b"{\n  \"a\": 1,\n    \"bb\": 2}");
        r.expect(b'{', "`{`").unwrap();
        let mut first = true;
        r.next_key(&mut first, |_| ()).unwrap();
        assert_eq!(r.key_pos(), Pos { line: 2, column: 3 });
        r.read_found().unwrap();
        r.next_key(&mut first, |_| ()).unwrap();
        assert_eq!(r.key_pos(), Pos { line: 3, column: 5 });
    }

    #[test]
    fn text_problems_inside_skipped_values_are_kept() {
        // Invalid UTF-8 deep in a value, and in a key; the first one is kept.
        let mut r = reader(b"[1, {\"ok\": [\"fine\", \"caf\xe9\"]}, {\"\xff\": 2}]");
        assert_eq!(r.read_found().unwrap(), Found::Array);
        let (pos, problem) = r.take_skipped_problem().expect("a problem");
        assert_eq!(
            pos,
            Pos {
                line: 1,
                column: 21
            }
        );
        assert!(matches!(*problem, StrIssue::InvalidUtf8 { .. }));
        assert_eq!(r.take_skipped_problem(), None);

        let mut r = reader(b"{\"k\": 1, \"\xff\": 2}");
        r.read_found().unwrap();
        let (pos, _) = r.take_skipped_problem().expect("a problem in a key");
        assert_eq!(
            pos,
            Pos {
                line: 1,
                column: 10
            }
        );

        let mut r = reader(br#"["\ud800 alone"]"#);
        r.read_found().unwrap();
        assert!(matches!(
            r.take_skipped_problem(),
            Some((_, ref p)) if matches!(**p, StrIssue::LoneSurrogate { .. })
        ));

        // Each read starts afresh; an over-long string is not an encoding problem.
        let long = format!("\"{}\"", "a".repeat(MAX_STRING_BYTES + 1));
        let mut r = reader(long.as_bytes());
        r.read_found().unwrap();
        assert_eq!(r.take_skipped_problem(), None);
    }

    #[test]
    fn columns_after_a_byte_order_mark_count_from_the_text() {
        let mut r = reader(b"\xEF\xBB\xBF{ x");
        assert_eq!(r.head(3).unwrap(), b"\xEF\xBB\xBF");
        r.skip_head(3);
        assert_eq!(r.peek().unwrap(), Some(b'{'));
        assert_eq!(r.pos(), Pos { line: 1, column: 1 });
        r.expect(b'{', "`{`").unwrap();
        let (pos, _) = syntax_message(r.next_key(&mut true, |_| ()));
        assert_eq!(pos, Pos { line: 1, column: 3 });
        assert_eq!(r.offset(), 5, "offsets still count every byte");
    }
}
