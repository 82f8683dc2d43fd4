//! The summary's figures on a small snapshot, checked against values counted by hand.

// A test states its expectations with unwrap, expect and panic; production code may not.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use engage::snapshot::{LoadControl, parse_snapshot};
use engage::summary::summarize;

const SNAPSHOT: &str = r#"{
  "format": "engage-snapshot", "version": 1, "utc_offset": "+07:00",
  "accounts": [
    {"id": "ig", "platform": "instagram", "handle": "@k"},
    {"id": "x", "platform": "x"}
  ],
  "posts": [
    {"id": "1", "account": "ig", "published_at": "2026-10-01T18:00:00Z", "format": "reel", "likes": 10, "reach": 100, "tags": ["promo"]},
    {"id": "2", "account": "ig", "published_at": "2026-10-03T01:00:00+07:00", "format": "photo", "likes": 0, "reach": null},
    {"id": "3", "account": "ig", "published_at": "2026-10-05T10:00:00+07:00", "format": "reel", "likes": 4},
    {"id": "1", "account": "x", "published_at": "2026-10-04T10:00:00+07:00", "format": "text", "likes": 7, "saves": null, "tags": ["promo", "news"]}
  ],
  "daily": [
    {"account": "ig", "date": "2026-10-01", "followers": 500},
    {"account": "ig", "date": "2026-10-02", "followers": 510},
    {"account": "ig", "date": "2026-10-03", "followers": null, "follows": 3},
    {"account": "x", "date": "2026-10-01", "follows": 1}
  ],
  "web": [
    {"date": "2026-10-01", "channel": "direct", "sessions": 10},
    {"date": "2026-10-01", "channel": "organic_social", "sessions": 5},
    {"date": "2026-10-03", "channel": "direct", "sessions": null}
  ]
}"#;

#[test]
fn figures_match_a_hand_count() {
    let store = parse_snapshot(SNAPSHOT.as_bytes(), "s.json", LoadControl::default())
        .unwrap()
        .store
        .unwrap();
    let s = summarize(&store);
    assert_eq!(s.posts, 4);
    assert_eq!(s.utc_offset, "+07:00");
    let ig = &s.accounts[0];
    assert_eq!(ig.posts, 3);
    // 2026-10-01T18:00Z is 2 Oct 01:00 at +07:00: the range starts on 2 Oct, not 1 Oct.
    assert_eq!(ig.post_range.unwrap().to_string(), "2026-10-02..2026-10-05");
    assert_eq!(ig.daily_rows, 3);
    // The latest known followers: 510 on 2 Oct (3 Oct is null, never zero).
    let f = ig.latest_followers.unwrap();
    assert_eq!(
        (f.count, engage::calendar::format_date(f.day).as_str()),
        (510, "2026-10-02")
    );
    let cov = |list: &[engage::summary::Coverage], field: &str| {
        let c = list.iter().find(|c| c.field == field).unwrap();
        (c.known, c.rows)
    };
    assert_eq!(cov(&ig.post_coverage, "likes"), (3, 3), "a zero is known");
    assert_eq!(
        cov(&ig.post_coverage, "reach"),
        (1, 3),
        "null and absent are not known"
    );
    assert_eq!(cov(&ig.daily_coverage, "followers"), (2, 3));
    assert_eq!(cov(&ig.daily_coverage, "follows"), (1, 3));
    assert_eq!(ig.post_formats.len(), 2);
    let x = &s.accounts[1];
    assert_eq!(x.posts, 1);
    assert!(x.latest_followers.is_none());
    assert_eq!(cov(&x.post_coverage, "saves"), (0, 1));
    assert_eq!(s.platforms.len(), 2);
    assert_eq!(
        s.tags,
        vec![("promo".to_owned(), 2), ("news".to_owned(), 1)]
    );
    assert_eq!(s.web.rows, 3);
    assert_eq!(s.web.days, 2);
    assert_eq!(s.web.range.unwrap().days(), 3);
    assert_eq!(cov(&s.web.coverage, "sessions"), (2, 3));

    let text = engage::summary::render_text(&s);
    assert!(text.contains("2026-10-02..2026-10-05"), "{text}");
    assert!(
        text.contains("67%"),
        "ig followers known on 2 of 3 days: {text}"
    );
}

#[test]
fn untrusted_text_is_escaped_in_the_summary() {
    let evil = SNAPSHOT
        .replace("\"@k\"", "\"@k\\u001b]0;pwned\\u0007\"")
        .replace("\"promo\", \"news\"", "\"promo\", \"\\u001b[2J\"");
    let store = parse_snapshot(evil.as_bytes(), "s.json", LoadControl::default())
        .unwrap()
        .store
        .unwrap();
    let text = engage::summary::render_text(&summarize(&store));
    assert!(
        !text.chars().any(|c| c.is_control() && c != '\n'),
        "no control character reaches the terminal"
    );
    assert!(text.contains("@k\\u{1b}]0;pwned\\u{7}"), "{text}");
}

/// A folder's files that are neither snapshots nor known exports are listed by the summary,
/// with why, as `validate` lists them (text and JSON); the data it could read is summarized.
#[test]
fn the_summary_lists_the_files_it_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import");
    std::fs::copy(
        fixtures.join("x-classic/tweet_activity_metrics_tester_20260201_20260301_en.csv"),
        dir.path()
            .join("tweet_activity_metrics_tester_20260201_20260301_en.csv"),
    )
    .unwrap();
    std::fs::write(dir.path().join("notes.txt"), "hello").unwrap();
    let home = tempfile::tempdir().unwrap();
    let run = |json: bool| {
        let mut c = crate::common::engage_bin();
        c.env_remove("ENGAGE_HOME")
            .arg("--home")
            .arg(home.path())
            .arg("summary");
        if json {
            c.arg("--json");
        }
        let out = c.arg(dir.path()).assert().success();
        String::from_utf8(out.get_output().stdout.clone()).unwrap()
    };
    let text = run(false);
    assert!(
        text.contains("notes.txt: skipped: not a .csv or .json file"),
        "{text}"
    );
    let json: serde_json::Value = serde_json::from_str(&run(true)).unwrap();
    let skipped = json["skipped"].as_array().unwrap();
    assert_eq!(skipped.len(), 1, "{json}");
    assert!(skipped[0]["file"].as_str().unwrap().ends_with("notes.txt"));
    assert_eq!(skipped[0]["reason"], "not a .csv or .json file");
}
