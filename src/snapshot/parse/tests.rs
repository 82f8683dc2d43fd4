//! Unit tests of the parser: paths and positions of errors, messages, file sniffing.

use super::*;
use crate::snapshot::Diagnostic;

fn parse(text: &[u8]) -> Parsed {
    parse_snapshot(text, "t.json", LoadControl::default()).unwrap()
}

/// The first error as (line, column, path, message).
fn first(text: &[u8]) -> (u32, u32, String, String) {
    let parsed = parse(text);
    assert!(parsed.store.is_none());
    let Diagnostic {
        line,
        column,
        path,
        message,
        ..
    } = parsed.findings.errors[0].clone();
    (line.unwrap(), column.unwrap(), path, message)
}

const HEAD: &str = r#"{"format": "engage-snapshot", "version": 1,
"accounts": [{"id": "ig", "platform": "instagram"}],
"#;

fn with(rest: &str) -> Vec<u8> {
    format!("{HEAD}{rest}}}").into_bytes()
}

#[test]
fn syntax_errors_name_the_field_or_record() {
    let post = r#"{"id": "p", "account": "ig", "published_at": "2026-10-31T10:00:00Z", "format": "photo"}"#;
    let (line, column, path, _) = first(&with(&format!("\"posts\": [{post}\n{post}]")));
    assert_eq!((line, column, path.as_str()), (4, 1, "posts"));
    let (_, _, path, _) = first(&with(r#""posts": [{"id": "p" "account": "ig"}]"#));
    assert_eq!(path, "posts[0]");
    let (_, _, path, _) = first(&with(r#""extra": [1 2]"#));
    assert_eq!(path, "extra");
    let (_, _, path, _) = first(&with(r#""title": 'x'"#));
    assert_eq!(path, "title");
    let (_, _, path, _) = first(&with(r#""title": "x" "utc_offset": null"#));
    assert_eq!(path, "");
}

#[test]
fn a_duplicate_post_id_points_at_the_id() {
    let post = r#"{"id": "p", "account": "ig", "published_at": "2026-10-31T10:00:00Z", "format": "photo"}"#;
    let (line, column, path, message) = first(&with(&format!("\"posts\": [{post},\n  {post}]")));
    assert_eq!((line, column, path.as_str()), (4, 10, "posts[1].id"));
    assert!(
        message.contains("posts[0] (line 3) has the same id"),
        "{message}"
    );
}

#[test]
fn keys_given_twice_in_a_record_are_named() {
    let (_, column, path, message) = first(&with(
        r#""daily": [{"account": "ig", "date": "2026-10-31", "views": 1, "views": 2}]"#,
    ));
    assert_eq!((column, path.as_str()), (72, "daily[0].views"));
    assert_eq!(message, "the key `views` appears twice in this record");
    let (_, _, path, message) = first(&with(
        r#""web": [{"date": "2026-10-31", "date": "2026-10-30", "channel": "all"}]"#,
    ));
    assert_eq!(path, "web[0].date");
    assert_eq!(message, "the key `date` appears twice in this record");
}

#[test]
fn records_of_the_wrong_kind_say_what_was_expected() {
    for (section, want) in [
        (
            "accounts",
            "expected an object (an account), found number 1",
        ),
        ("daily", "expected an object (a daily row), found number 1"),
        ("web", "expected an object (a web row), found number 1"),
        (
            "web_totals",
            "expected an object (a web_totals row), found number 1",
        ),
    ] {
        let json = format!(r#"{{"format": "engage-snapshot", "version": 1, "{section}": [1]}}"#);
        let (_, _, path, message) = first(json.as_bytes());
        assert_eq!(path, format!("{section}[0]"));
        assert_eq!(message, want);
    }
}

#[test]
fn invalid_text_in_unknown_fields_is_an_error() {
    let (line, column, path, message) =
        first(&with("\"note\": {\"a\": [\"caf\u{e9}\", \"b\\ud800\"]}"));
    assert_eq!((line, column, path.as_str()), (3, 25, "note"));
    assert!(message.contains("half a surrogate pair"), "{message}");
    let mut bad = with(
        r#""posts": [{"id": "p", "account": "ig", "published_at": "2026-10-31T10:00:00Z", "format": "photo", "x": "?"}]"#,
    );
    let at = bad.iter().rposition(|&b| b == b'?').unwrap();
    bad[at] = 0xff;
    let (_, _, path, message) = first(&bad);
    assert_eq!(path, "posts[0].x");
    assert!(message.contains("not valid UTF-8"), "{message}");
}

#[test]
fn a_bad_key_points_at_the_key() {
    let mut bad = with(r#""daily": [{"account": "ig", "date": "2026-10-31", "?": 1}]"#);
    let at = bad.iter().rposition(|&b| b == b'?').unwrap();
    bad[at] = 0xff;
    let (line, column, path, message) = first(&bad);
    assert_eq!((line, column, path.as_str()), (3, 51, "daily[0]"));
    assert!(message.starts_with("bad key: the string"), "{message}");
}

#[test]
fn long_counts_are_errors_that_do_not_stop_the_parse() {
    let json = with(&format!(
        r#""web": [{{"date": "2026-10-31", "channel": "all", "sessions": {}, "pageviews": -1}}]"#,
        "7".repeat(300)
    ));
    let parsed = parse(&json);
    let messages: Vec<&str> = parsed
        .findings
        .errors
        .iter()
        .map(|e| e.message.as_str())
        .collect();
    assert_eq!(messages.len(), 2, "{messages:?}");
    assert!(
        messages[0].contains("(300 characters), which is over 2^53"),
        "{}",
        messages[0]
    );
    assert!(messages[1].contains("which is negative"), "{}", messages[1]);
}

#[test]
fn plural_names_get_a_suggestion() {
    let post = r#"{"id": "p", "account": "ig", "published_at": "2026-10-31T10:00:00Z", "format": "Reels"}"#;
    let (_, _, path, message) = first(&with(&format!("\"posts\": [{post}]")));
    assert_eq!(path, "posts[0].format");
    assert!(
        message.ends_with(r#"found "Reels"; did you mean "reel"?"#),
        "{message}"
    );
}

#[test]
fn names_in_another_case_say_how_to_write_them() {
    let (_, _, _, message) = first(&with(
        r#""web": [{"date": "2026-10-31", "channel": "Paid Social"}]"#,
    ));
    assert!(
        message.ends_with(r#"found "Paid Social"; names are case-sensitive: write "paid_social""#),
        "{message}"
    );
}

#[test]
fn what_a_file_that_is_no_snapshot_is() {
    for (text, want) in [
        (&b""[..], "the file is empty"),
        (b"\xEF\xBB\xBF", "the file is empty"),
        (b" \n\t ", "the file holds only whitespace (4 bytes)"),
        (b"[{\"format\": \"engage-snapshot\"}]", "found an array"),
        (b"\"engage\"", "found a string"),
        (b"-1", "found a number"),
        (b"true", "found a boolean"),
        (b"null", "found null"),
        (b"a,b,c\n1,2,3\n", "this looks like CSV"),
        (b"<!DOCTYPE html><html>", "this is an HTML page"),
        (b"\x89PNG\r\n\x1a\n", "PNG image"),
        (b"%PDF-1.7\n", "PDF document"),
        (b"PK\x03\x04", "ZIP archive"),
        (
            b"Dear analyst, here is the file.\nRegards",
            "this is not a JSON snapshot",
        ),
        (b"\x01\x02", "this is not a text file"),
    ] {
        let (line, column, path, message) = first(text);
        assert_eq!((line, column, path.as_str()), (1, 1, ""), "{text:?}");
        assert!(message.contains(want), "{text:?}: {message}");
    }
}

#[test]
fn unknown_accounts_list_at_most_ten_defined_ones() {
    let accounts: Vec<String> = (0..12)
        .map(|i| format!(r#"{{"id": "a{i}", "platform": "x"}}"#))
        .collect();
    let json = format!(
        r#"{{"format": "engage-snapshot", "version": 1, "accounts": [{}], "daily": [{{"account": "A1", "date": "2026-10-31"}}]}}"#,
        accounts.join(", ")
    );
    let (_, _, path, message) = first(json.as_bytes());
    assert_eq!(path, "daily[0].account");
    assert_eq!(
        message,
        r#"unknown account "A1" (named by 1 record; accounts defined: "a0", "a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8", "a9", … and 2 more)"#
    );
}

#[test]
fn unknown_fields_that_look_like_known_ones_get_a_suggestion() {
    let json = with(
        r#""posts": [{"id": "p", "account": "ig", "published_at": "2026-10-31T10:00:00Z", "format": "photo", "Likes": 3, "video-views": 1}],
"Web": []"#,
    );
    let parsed = parse(&json);
    assert!(parsed.store.is_some());
    let warnings: Vec<&str> = parsed
        .findings
        .warnings
        .iter()
        .map(|w| w.message.as_str())
        .filter(|m| m.starts_with("unknown field"))
        .collect();
    assert_eq!(
        warnings,
        [
            "unknown field `Likes` (ignored; did you mean `likes`?)",
            "unknown field `video-views` (ignored; did you mean `video_views`?)",
            "unknown field `Web` (ignored; did you mean `web`?)",
        ]
    );
}

#[test]
fn a_format_of_the_wrong_type_says_what_is_expected() {
    let (_, _, path, message) = first(br#"{"format": 1, "version": 1}"#);
    assert_eq!(path, "format");
    assert_eq!(
        message,
        r#"expected the string "engage-snapshot", found number 1"#
    );
}

#[test]
fn over_long_strings_are_measured_for_people() {
    let json = with(&format!(r#""title": "{}""#, "x".repeat(2_000_000)));
    let (_, _, path, message) = first(&json);
    assert_eq!(path, "title");
    assert!(
        message
            .ends_with("is 2,000,000 bytes long; strings are limited to 1,048,576 bytes (1 MiB)"),
        "{message}"
    );
}
