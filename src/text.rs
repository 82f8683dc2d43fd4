//! Text from files is untrusted: a post text, a handle or a file name can hold escape
//! sequences that retitle the terminal, write the clipboard or hide output. Everything that
//! prints such text goes through [`escape_controls`]. Also number formatting for people, and
//! the slug that turns a name into a file name or an id.

use std::borrow::Cow;

/// Characters that hide, reorder or break text where they are printed: controls (C0, DEL,
/// C1), bidi controls, the Unicode line and paragraph separators (a line break a terminal
/// does not count), invisible zero-width characters and tag characters (which can smuggle
/// text no one sees). The zero-width joiner is kept: it joins emoji, it hides nothing.
pub fn is_hidden(c: char) -> bool {
    c.is_control()
        || is_bidi_control(c)
        || matches!(
            c,
            '\u{2028}' | '\u{2029}' | '\u{200B}' | '\u{200C}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}' | '\u{E0000}'..='\u{E007F}'
        )
}

/// Replaces every [hidden](is_hidden) character with a visible `\u{…}` escape; other text,
/// including emoji and wide characters, is kept. Everything engage prints from a file (in
/// the terminal, in Markdown, in messages) goes through here.
pub fn escape_controls(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_hidden) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if is_hidden(c) {
            out.push_str(&c.escape_unicode().to_string());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A writer that makes every [hidden](is_hidden) character visible (as `\u{…}`) on its way
/// out, except line breaks and tabs: the one gate all of a command's standard output passes,
/// so no text from a file (a template name, a title, a tag) reaches the terminal raw,
/// whichever line printed it. Bytes that are not UTF-8 are shown as `\xNN`.
pub struct Visible<W: std::io::Write> {
    inner: W,
    /// The start of a character split across writes.
    pending: Vec<u8>,
}

impl<W: std::io::Write> Visible<W> {
    pub fn new(inner: W) -> Visible<W> {
        Visible {
            inner,
            pending: Vec::new(),
        }
    }

    /// Lead bytes of every hidden character (ASCII controls but line breaks and tabs, DEL,
    /// and the first bytes of C1, U+061C, U+200B..U+2069, U+FEFF and the tag characters).
    fn suspect(b: u8) -> bool {
        (b < 0x20 && b != b'\n' && b != b'\t' && b != b'\r')
            || matches!(b, 0x7F | 0xC2 | 0xD8 | 0xE2 | 0xEF | 0xF3)
    }

    fn write_clean(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        // Most output holds none of them: one pass that vectorises says so.
        if !bytes.iter().fold(false, |any, &b| any | Self::suspect(b))
            && simdutf8::basic::from_utf8(bytes).is_ok()
        {
            return self.inner.write_all(bytes);
        }
        let mut rest = bytes;
        while !rest.is_empty() {
            match std::str::from_utf8(rest) {
                Ok(text) => return self.write_text(text),
                Err(e) => {
                    let (good, bad) = rest.split_at(e.valid_up_to());
                    // `valid_up_to` is a character boundary, so this is valid UTF-8.
                    self.write_text(std::str::from_utf8(good).unwrap_or_default())?;
                    let n = e.error_len().unwrap_or(bad.len()).max(1).min(bad.len());
                    for b in &bad[..n] {
                        write!(self.inner, "\\x{b:02x}")?;
                    }
                    rest = &bad[n..];
                }
            }
        }
        Ok(())
    }

    fn write_text(&mut self, text: &str) -> std::io::Result<()> {
        let mut from = 0;
        for (i, c) in text.char_indices() {
            if is_hidden(c) && !matches!(c, '\n' | '\t' | '\r') {
                self.inner.write_all(&text.as_bytes()[from..i])?;
                write!(self.inner, "{}", c.escape_unicode())?;
                from = i + c.len_utf8();
            }
        }
        self.inner.write_all(&text.as_bytes()[from..])
    }
}

impl<W: std::io::Write> std::io::Write for Visible<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        // A character split by the last write is completed first (a few bytes), then the
        // buffer is written as it is, but for an incomplete last character kept for the next
        // write: no copy of the whole buffer (a CSV of a million posts passes here).
        let mut rest = buf;
        if !self.pending.is_empty() {
            let need = utf8_len(self.pending[0]).saturating_sub(self.pending.len());
            let take = need.min(rest.len());
            self.pending.extend_from_slice(&rest[..take]);
            rest = &rest[take..];
            if take < need {
                return Ok(buf.len());
            }
            let done = std::mem::take(&mut self.pending);
            self.write_clean(&done)?;
        }
        let cut = incomplete_tail(rest);
        let (now, later) = rest.split_at(rest.len() - cut);
        self.write_clean(now)?;
        self.pending.extend_from_slice(later);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if !self.pending.is_empty() {
            let rest = std::mem::take(&mut self.pending);
            self.write_clean(&rest)?;
        }
        self.inner.flush()
    }
}

/// The length of the UTF-8 character a lead byte starts (1 for a byte that leads none).
fn utf8_len(lead: u8) -> usize {
    match lead {
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF7 => 4,
        _ => 1,
    }
}

/// How many bytes at the end of `data` start a UTF-8 character that is not complete.
fn incomplete_tail(data: &[u8]) -> usize {
    for back in 1..=3.min(data.len()) {
        let b = data[data.len() - back];
        if b & 0xC0 != 0x80 {
            return if utf8_len(b) > back { back } else { 0 };
        }
    }
    0
}

/// `value` as pretty JSON in which every [hidden](is_hidden) character is written as a
/// `\uXXXX` escape (serde_json writes C1 controls, DEL and bidi controls raw): the same
/// strings for a JSON reader, nothing that acts when the output is shown in a terminal.
pub fn to_json_pretty<T: serde::Serialize + ?Sized>(value: &T) -> serde_json::Result<String> {
    let raw = serde_json::to_string_pretty(value)?;
    Ok(json_escape_hidden(raw))
}

/// Escapes the [hidden](is_hidden) characters of serialised JSON. They can only be inside
/// strings (JSON's own syntax is ASCII), where `\uXXXX` means the same character.
pub fn json_escape_hidden(json: String) -> String {
    if !json.chars().any(|c| is_hidden(c) && c >= '\u{7f}') {
        return json;
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if is_hidden(c) && c >= '\u{7f}' {
            let mut units = [0u16; 2];
            for u in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{u:04x}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Characters that are not drawn but reorder the text around them (embeddings, overrides,
/// isolates, marks): `U+202E` in a post makes what follows read backwards, so a handle or a
/// link can pass for another. The app and the exports show them as escapes.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// Text for a file opened in other programs (a spreadsheet, an editor, `cat` in a terminal):
/// control characters (C0, DEL, C1) and bidi controls become visible `\u{…}` escapes, as
/// the app shows them, so an escape sequence in a post cannot act when the file is printed
/// and a reversed run cannot disguise a cell. Unlike [`escape_controls`], line breaks and
/// tabs are kept: a post's text keeps its lines in a cell (CRLF and a lone CR become LF, one
/// kind of break, as the app's post view counts them). Emoji, joiners and wide characters are
/// kept: they are text, not commands.
pub fn escape_for_file(s: &str) -> Cow<'_, str> {
    let changes = |c: char| (c.is_control() && c != '\n' && c != '\t') || is_bidi_control(c);
    // Fast path, on bytes: only these can start a character to change. C1 controls are
    // U+0080..U+009F (lead byte 0xC2), bidi controls U+061C (0xD8) and U+200E..U+2069 (0xE2,
    // which also leads dashes and curly quotes, so the character is looked at).
    let bytes = s.as_bytes();
    // Most texts have none of them: one pass without an early exit, which the compiler
    // turns into vector compares, says so.
    let any = bytes.iter().fold(false, |any, &b| {
        any | (b < 0x20) | (b == 0x7F) | (b == 0xC2) | (b == 0xD8) | (b == 0xE2)
    });
    if !any {
        return Cow::Borrowed(s);
    }
    let mut first = None;
    for (i, &b) in bytes.iter().enumerate() {
        let suspect =
            (b < 0x20 && b != b'\n' && b != b'\t') || matches!(b, 0x7F | 0xC2 | 0xD8 | 0xE2);
        // `i` is on a character's first byte (ASCII, or a lead byte: never 0x80..0xBF).
        if suspect
            && s.get(i..)
                .and_then(|t| t.chars().next())
                .is_some_and(changes)
        {
            first = Some(i);
            break;
        }
    }
    let Some(first) = first else {
        return Cow::Borrowed(s);
    };
    let mut out = String::with_capacity(s.len() + 8);
    out.push_str(&s[..first]);
    let mut chars = s[first..].chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' | '\t' => out.push(c),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push('\n');
            }
            c if c.is_control() || is_bidi_control(c) => {
                out.push_str(&c.escape_unicode().to_string());
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Where a TOML error is, as messages name it: `config.toml:3:7` (just the name when the
/// parser gave no place).
pub fn toml_place(name: &str, text: &str, e: &toml::de::Error) -> String {
    match e.span() {
        Some(s) => format!("{name}:{}", line_column(text, s.start)),
        None => name.to_owned(),
    }
}

/// "line:column" (1-based, columns in bytes) of a byte offset in `text`: where a config or
/// plan error points.
pub fn line_column(text: &str, offset: usize) -> String {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.len() - before.rfind('\n').map_or(0, |i| i + 1) + 1;
    format!("{line}:{column}")
}

/// `1234567` as `1,234,567`.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    // `7,990` in English, `7.990` in Indonesian.
    let (sep, _) = crate::i18n::current().separators();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// A number Rust wrote with a decimal point (`6.55`), with the decimal mark of the language
/// shown (`6,55` in Indonesian).
pub fn decimal_mark(s: String) -> String {
    match crate::i18n::current().separators() {
        (_, '.') => s,
        (_, mark) => s.replace('.', &mark.to_string()),
    }
}

/// A share as a whole percent that never claims "all" or "none" unless exactly so:
/// 0 of n is `0%`, 1 of 10,000 is `<1%`, 9,999 of 10,000 is `>99%`.
pub fn share(part: usize, whole: usize) -> String {
    if whole == 0 {
        return "n/a".into();
    }
    if part == 0 {
        return "0%".into();
    }
    if part == whole {
        return "100%".into();
    }
    let pct = part as f64 * 100.0 / whole as f64;
    if pct < 1.0 {
        "<1%".into()
    } else if pct > 99.0 {
        ">99%".into()
    } else {
        format!("{}%", pct.round())
    }
}

/// Bytes as B, KB, MB or GB (powers of 1,000, as file managers show).
pub fn bytes(n: u64) -> String {
    match n {
        0..1_000 => format!("{n} B"),
        1_000..1_000_000 => decimal_mark(format!("{:.1} KB", n as f64 / 1e3)),
        1_000_000..1_000_000_000 => decimal_mark(format!("{:.1} MB", n as f64 / 1e6)),
        _ => decimal_mark(format!("{:.2} GB", n as f64 / 1e9)),
    }
}

/// `text` cut into lines of at most `columns` columns at spaces (a word longer than a line
/// gets a line of its own, cut by the renderer): for help texts in a narrow terminal.
pub fn wrap_words(text: &str, columns: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        if !line.is_empty() && width(&line) + 1 + width(word) > columns.max(1) {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// Columns `s` takes on a terminal: a CJK character or an emoji takes two, a combining
/// mark none. What fitting text to a width must count (characters are not columns).
pub fn width(s: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(s)
}

/// The longest start of `s` that takes at most `max` columns.
pub fn take_width(s: &str, max: usize) -> &str {
    let mut used = 0;
    for (i, c) in s.char_indices() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > max {
            return &s[..i];
        }
        used += w;
    }
    s
}

/// The longest end of `s` that takes at most `max` columns.
pub fn take_width_end(s: &str, max: usize) -> &str {
    let mut used = 0;
    for (i, c) in s.char_indices().rev() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > max {
            return &s[i + c.len_utf8()..];
        }
        used += w;
    }
    s
}

/// A name as a file name or id: lower-case letters and digits, other runs as `-` (`plan`
/// when nothing is left). Plan files and account ids guessed from exports share it, so a
/// plan name and its file, or a page name and its account, always agree.
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.trim().chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() { "plan".into() } else { out }
}

#[cfg(test)]
mod tests {
    #[test]
    fn words_wrap_at_spaces() {
        assert_eq!(
            wrap_words("copy the KPI's line", 10),
            ["copy the", "KPI's line"]
        );
        assert_eq!(
            wrap_words("a verylongword b", 5),
            ["a", "verylongword", "b"]
        );
        assert_eq!(wrap_words("", 5), [""]);
        assert_eq!(wrap_words("fits", 40), ["fits"]);
    }

    use super::*;

    #[test]
    fn the_output_gate_shows_what_would_hide() {
        use std::io::Write as _;
        let evil = "template \u{1b}]0;pwned\u{7} \u{9b}2J \u{202e}x\u{2028} 日本 😀\n\tok\n";
        let mut whole = Vec::new();
        let mut w = Visible::new(&mut whole);
        w.write_all(evil.as_bytes()).unwrap();
        w.flush().unwrap();
        let whole = String::from_utf8(whole).unwrap();
        assert_eq!(
            whole,
            "template \\u{1b}]0;pwned\\u{7} \\u{9b}2J \\u{202e}x\\u{2028} 日本 😀\n\tok\n"
        );
        // Byte by byte, characters split across writes: the same.
        let mut split = Vec::new();
        let mut w = Visible::new(&mut split);
        for b in evil.as_bytes() {
            w.write_all(&[*b]).unwrap();
        }
        w.flush().unwrap();
        assert_eq!(String::from_utf8(split).unwrap(), whole);
        let mut bad = Vec::new();
        let mut w = Visible::new(&mut bad);
        w.write_all(b"a\xffb").unwrap();
        w.flush().unwrap();
        assert_eq!(bad, b"a\\xffb");
    }

    #[test]
    fn hidden_characters_are_escaped_in_text_and_json() {
        let evil =
            "a\u{1b}]0;x\u{7}\u{9b}2J\u{7f}\u{202e}b\u{2028}c\u{200b}d\u{e0041}e👨\u{200d}👩";
        let shown = escape_controls(evil);
        assert!(!shown.chars().any(is_hidden), "{shown}");
        assert!(
            shown.contains("\\u{202e}") && shown.contains("\\u{e0041}"),
            "{shown}"
        );
        assert!(shown.contains("👨\u{200d}👩"), "emoji joined: {shown}");
        let json = to_json_pretty(&serde_json::json!({ "t": evil })).unwrap();
        assert!(!json.chars().any(|c| is_hidden(c) && c != '\n'), "{json}");
        assert!(
            json.contains("\\u009b") && json.contains("\\udb40\\udc41"),
            "{json}"
        );
        let back: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(back["t"], evil);
    }

    #[test]
    fn controls_become_visible() {
        assert_eq!(escape_controls("plain ✓ 😀"), "plain ✓ 😀");
        assert_eq!(
            escape_controls("a\u{1b}]0;pwned\u{7}b"),
            "a\\u{1b}]0;pwned\\u{7}b"
        );
        assert_eq!(escape_controls("x\u{9b}y\u{7f}"), "x\\u{9b}y\\u{7f}");
        assert_eq!(escape_controls("line\nbreak"), "line\\u{a}break");
    }

    #[test]
    fn files_keep_lines_and_show_controls() {
        assert!(matches!(escape_for_file("plain ✓ 😀 é"), Cow::Borrowed(_)));
        assert!(matches!(escape_for_file("a\tb\nc"), Cow::Borrowed(_)));
        assert!(matches!(
            escape_for_file("—“quoted”… ünï"),
            Cow::Borrowed(_)
        ));
        assert_eq!(escape_for_file("one\r\ntwo\rthree"), "one\ntwo\nthree");
        assert_eq!(
            escape_for_file("a\u{1b}[31mred\u{7}"),
            "a\\u{1b}[31mred\\u{7}"
        );
        assert_eq!(escape_for_file("x\u{9b}y\u{7f}"), "x\\u{9b}y\\u{7f}");
        assert_eq!(escape_for_file("abc\u{202E}fed"), "abc\\u{202e}fed");
        assert_eq!(escape_for_file("\u{2066}i\u{2069}"), "\\u{2066}i\\u{2069}");
        assert_eq!(
            escape_for_file("👨\u{200D}👩"),
            "👨\u{200D}👩",
            "joiners are text"
        );
    }

    #[test]
    fn numbers_for_people() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(1_234_567), "1,234,567");
        assert_eq!(share(0, 10), "0%");
        assert_eq!(share(1, 10_000), "<1%");
        assert_eq!(share(9_999, 10_000), ">99%");
        assert_eq!(share(10, 10), "100%");
        assert_eq!(share(62, 100), "62%");
        assert_eq!(share(1, 0), "n/a");
        assert_eq!(bytes(999), "999 B");
        assert_eq!(bytes(4_100_000), "4.1 MB");
    }

    #[test]
    fn slugs() {
        assert_eq!(slug("Web loyalty Q4!"), "web-loyalty-q4");
        assert_eq!(slug("  "), "plan");
        assert_eq!(slug("Ünïcode plan"), "ünïcode-plan");
    }
}
