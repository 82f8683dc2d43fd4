//! Untrusted text made safe and aligned for the terminal.
//!
//! Post texts, handles, titles and file names come from files anyone can craft. An escape
//! sequence in a post could retitle the terminal, write the clipboard (OSC 52), move the
//! cursor or hide text; a bidirectional override could reorder what is shown; zero-width and
//! emoji variation characters make the width ratatui computes differ from what a terminal
//! draws. So every string from data goes through here before it reaches a widget:
//! control characters (C0, DEL, C1) become visible `\u{1b}` escapes, bidi controls likewise,
//! and zero-width joiners and variation selectors are dropped.

use crate::text::is_bidi_control;

/// Characters dropped: zero width, or width-changing selectors, that terminals and
/// unicode-width disagree on.
fn is_dropped(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200D}'
            | '\u{2060}'..='\u{2064}'
            | '\u{FEFF}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{00AD}'
            // Skin-tone modifiers: ratatui counts them as 2 cells, terminals draw them joined or apart.
            | '\u{1F3FB}'..='\u{1F3FF}'
    )
}

fn push_visible(out: &mut String, c: char) {
    if is_dropped(c) {
        return;
    }
    // Controls, bidi controls, tag characters: visible escapes (see `crate::text::is_hidden`).
    if crate::text::is_hidden(c) {
        out.push_str(&c.escape_unicode().to_string());
    } else {
        out.push(c);
    }
}

/// The Unicode line and paragraph separators: line breaks to a terminal that honours them,
/// nothing to one that does not, so treated as the line breaks they are.
fn is_line_separator(c: char) -> bool {
    matches!(c, '\u{2028}' | '\u{2029}' | '\u{85}')
}

/// One line of display text: line breaks and tabs become spaces, other controls visible escapes.
pub fn line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\n' | '\r' | '\t' => {
                if !out.ends_with(' ') {
                    out.push(' ');
                }
            }
            c if is_line_separator(c) => {
                if !out.ends_with(' ') {
                    out.push(' ');
                }
            }
            c => push_visible(&mut out, c),
        }
    }
    out
}

/// Display text keeping its line breaks (CRLF and CR count as breaks; tabs become spaces).
/// A name (an account id, a handle, a tag, a plan's name, a breakdown key) as [`line`]
/// does, with combining diacritics made visible: "café" written with a precomposed é and
/// "café" written as e + U+0301 are different names that look the same, and a list must
/// not show two of them identically. So the decomposed one reads `cafe\u{301}`.
pub fn name(s: &str) -> String {
    let shown = line(s);
    if !shown.chars().any(is_combining_diacritic) {
        return shown;
    }
    let mut out = String::with_capacity(shown.len() + 8);
    for c in shown.chars() {
        if is_combining_diacritic(c) {
            out.push_str(&c.escape_unicode().to_string());
        } else {
            out.push(c);
        }
    }
    out
}

/// The combining diacritical marks that decomposed Latin, Greek and Cyrillic letters are
/// written with (the marks other scripts need to be read, Indic vowel signs say, are left).
fn is_combining_diacritic(c: char) -> bool {
    matches!(
        c,
        '\u{0300}'..='\u{036F}'
            | '\u{1AB0}'..='\u{1AFF}'
            | '\u{1DC0}'..='\u{1DFF}'
            | '\u{20D0}'..='\u{20FF}'
            | '\u{FE20}'..='\u{FE2F}'
    )
}

pub fn lines(s: &str) -> Vec<String> {
    s.replace("\r\n", "\n")
        .split(|c: char| c == '\n' || c == '\r' || is_line_separator(c))
        .map(|l| {
            let mut out = String::with_capacity(l.len());
            for c in l.chars() {
                if c == '\t' {
                    out.push_str("    ");
                } else {
                    push_visible(&mut out, c);
                }
            }
            out
        })
        .collect()
}

/// Whether a string holds anything a terminal would interpret.
pub fn has_control(s: &str) -> bool {
    s.chars()
        .any(|c| c.is_control() || is_bidi_control(c) || is_line_separator(c))
}

#[cfg(test)]
mod tests {
    /// Look-alike names differ on screen: a decomposed é shows its combining mark; the
    /// precomposed one, and marks other scripts are read with, stay as they are.
    #[test]
    fn look_alike_names_are_told_apart() {
        let precomposed = "caf\u{e9}";
        let decomposed = "cafe\u{301}";
        assert_eq!(super::name(precomposed), "café");
        assert_eq!(super::name(decomposed), "cafe\\u{301}");
        assert_ne!(super::name(precomposed), super::name(decomposed));
        // A Devanagari vowel sign is part of reading the name.
        assert_eq!(super::name("\u{915}\u{93f}"), "\u{915}\u{93f}");
        // Escapes of controls still apply.
        assert_eq!(super::name("a\u{1b}b"), "a\\u{1b}b");
    }

    use super::*;

    #[test]
    fn escapes_become_visible() {
        let evil = "title\u{1b}]0;pwned\u{7} \u{1b}]52;c;ZXZpbA==\u{7}\u{9b}2J\u{7f}";
        let safe = line(evil);
        assert!(!has_control(&safe));
        assert!(safe.contains("\\u{1b}]0;pwned\\u{7}"));
        assert!(safe.contains("\\u{9b}2J\\u{7f}"));
    }

    #[test]
    fn bidi_and_zero_width() {
        assert_eq!(line("abc\u{202E}def"), "abc\\u{202e}def");
        assert_eq!(line("👨\u{200D}👩\u{200D}👧 ❤\u{FE0F}"), "👨👩👧 ❤");
        assert_eq!(line("soft\u{00AD}hyphen"), "softhyphen");
        assert_eq!(line("👍\u{1F3FD} ok"), "👍 ok");
    }

    #[test]
    fn line_breaks() {
        assert_eq!(line("one\ntwo\r\nthree\tfour"), "one two three four");
        assert_eq!(line("a\u{2028}b\u{2029}c\u{85}d"), "a b c d");
        assert_eq!(lines("a\u{2028}b"), ["a", "b"]);
        assert_eq!(line("tag\u{e0041}s"), "tag\\u{e0041}s");
        assert_eq!(
            lines("one\r\ntwo\n\u{1b}[31mred"),
            ["one", "two", "\\u{1b}[31mred"]
        );
    }
}
