//! The importers on small exports written for these tests (`tests/fixtures/import/`), each
//! mimicking one family's header and quirks, run as a user runs them: `engage import FOLDER
//! -o snapshot.json`, then the written snapshot read back. Every expected value below was
//! worked out by hand from the fixture files.

// A test states its expectations with unwrap, expect and panic; production code may not.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
}

fn engage() -> Command {
    let mut c = crate::common::engage_bin();
    c.env_remove("ENGAGE_HOME");
    c
}

/// Imports `paths` with `flags`; returns the per-file JSON report and the written snapshot.
fn import(paths: &[PathBuf], flags: &[&str]) -> (Value, Value) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("snapshot.json");
    let assert = engage()
        .arg("import")
        .args(paths)
        .arg("-o")
        .arg(&out)
        .arg("--json")
        .args(flags)
        .assert()
        .success();
    let report: Value = serde_json::from_slice(&assert.get_output().stdout).unwrap();
    // What was written passes `engage validate`.
    engage().arg("validate").arg(&out).assert().success();
    let snapshot: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    (report, snapshot)
}

fn find<'a>(snapshot: &'a Value, list: &str, key: &str, value: &str) -> &'a Value {
    snapshot[list]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r[key] == value)
        .unwrap_or_else(|| panic!("no {list} row with {key} = {value}"))
}

fn file_report<'a>(report: &'a Value, name_part: &str) -> &'a Value {
    report["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["file"].as_str().unwrap().contains(name_part))
        .unwrap_or_else(|| panic!("no report for {name_part}"))
}

/// The values of `fields` of a row, `null` where unknown.
fn vals(row: &Value, fields: &[&str]) -> Value {
    Value::Array(fields.iter().map(|f| row[*f].clone()).collect())
}

fn rows(r: &Value) -> (u64, u64, u64) {
    let skipped: u64 = r["skipped"]
        .as_object()
        .unwrap()
        .values()
        .map(|s| s["count"].as_u64().unwrap())
        .sum();
    (
        r["rows_read"].as_u64().unwrap(),
        r["rows_imported"].as_u64().unwrap(),
        skipped,
    )
}

#[test]
fn x_classic_monthly_files_merge_and_keep_missing_apart_from_zero() {
    let (report, snap) = import(&[fixture("x-classic")], &[]);
    let jan = file_report(&report, "/tweet_activity_metrics_tester_20260101");
    assert_eq!(jan["family_id"], "x-classic-posts");
    assert_eq!(rows(jan), (5, 3, 2));
    assert_eq!(jan["skipped"]["no tweet id (a junk row)"]["first_line"], 7);
    assert_eq!(
        jan["skipped"]["the same post id again in this file (the first row is kept)"]["first_line"],
        6
    );
    assert_eq!(
        jan["bad_cells"]["url clicks: \"12.5\" is not a whole number"]["first_line"],
        4
    );
    assert_eq!(snap["posts"].as_array().unwrap().len(), 4);
    assert_eq!(snap["accounts"][0]["id"], "tester");
    assert_eq!(snap["accounts"][0]["handle"], "@tester");
    // 103 is in both months: the February export is later and wins.
    let p103 = find(&snap, "posts", "id", "103");
    assert_eq!(p103["impressions"], 1300);
    assert_eq!(p103["likes"], 5);
    assert_eq!(p103["engagements"], 12);
    assert_eq!(p103["text"], "line one\nline two 😀");
    assert_eq!(p103["published_at"], "2026-01-30T17:04:00+00:00");
    // "-", "" and "NA" are not known, and 12.5 is no count: none of them is zero.
    let p102 = find(&snap, "posts", "id", "102");
    for field in ["impressions", "engagements", "shares", "clicks"] {
        assert!(p102.get(field).is_none(), "{field} is unknown: {p102}");
    }
    assert_eq!(p102["comments"], 1);
    // The first row of a repeated id is kept.
    let p101 = find(&snap, "posts", "id", "101");
    assert_eq!(
        (p101["impressions"].clone(), p101["text"].clone()),
        (100.into(), "first".into())
    );
    let day = find(&snap, "daily", "date", "2026-01-01");
    assert_eq!(
        (
            &day["posts"],
            &day["impressions"],
            &day["follows"],
            &day["link_clicks"],
            &day["profile_visits"]
        ),
        (&1.into(), &300.into(), &1.into(), &4.into(), &3.into())
    );
}

#[test]
fn x_current_exports_with_later_header_names() {
    let (report, snap) = import(
        &[fixture("x-current")],
        &["--account", "acme", "--handle", "@acme"],
    );
    let posts = file_report(&report, "account_analytics_content");
    assert_eq!(posts["family_id"], "x-posts");
    assert_eq!(rows(posts), (3, 2, 1));
    let daily = file_report(&report, "account_overview_analytics");
    assert_eq!(daily["family_id"], "x-daily");
    assert_eq!(rows(daily), (3, 3, 0));
    assert_eq!(snap["accounts"][0]["id"], "acme");
    let p = find(&snap, "posts", "id", "2000000000000000002");
    assert_eq!(p["url"], "https://x.com/a/status/2", "Post Link is the url");
    assert_eq!(p["text"], "Olá, mundo");
    assert_eq!(p["published_at"], "2025-02-17T00:00:00+00:00");
    assert_eq!(
        vals(
            p,
            &[
                "impressions",
                "likes",
                "engagements",
                "saves",
                "shares",
                "comments",
                "clicks",
            ]
        ),
        serde_json::json!([400, 10, 30, 1, 4, 3, 7])
    );
    let p1 = find(&snap, "posts", "id", "2000000000000000001");
    assert_eq!(p1["impressions"], 100);
    assert!(p1.get("clicks").is_none());
    // Newest first in the file; "Sat, Aug 1, 2026" style dates.
    let d = find(&snap, "daily", "date", "2026-07-31");
    assert_eq!(
        (
            &d["impressions"],
            &d["follows"],
            &d["unfollows"],
            &d["profile_visits"],
            &d["posts"]
        ),
        (&426.into(), &2.into(), &1.into(), &4.into(), &2.into())
    );
    assert_eq!(
        find(&snap, "daily", "date", "2026-08-01")["impressions"],
        62
    );
}

#[test]
fn facebook_page_and_post_exports() {
    let (report, snap) = import(&[fixture("facebook")], &["--utc-offset", "+01:00"]);
    let page = file_report(&report, "Export - Café");
    assert_eq!(page["family_id"], "facebook-page");
    assert_eq!(page["encoding"], "Windows-1252");
    assert_eq!(rows(page), (4, 3, 1));
    let posts = file_report(&report, "(Post Level)");
    assert_eq!(posts["family_id"], "facebook-posts");
    assert_eq!(posts["encoding"], "UTF-8 with BOM");
    assert_eq!(rows(posts), (5, 4, 1));
    let account = &snap["accounts"][0];
    assert_eq!(account["platform"], "facebook");
    assert_eq!(account["name"], "Café Ünïcode Page");
    // The repeated page-views column: the "(Total Count)" copy (the second) is used.
    let d = find(&snap, "daily", "date", "2014-01-30");
    assert_eq!(
        (
            &d["followers"],
            &d["follows"],
            &d["unfollows"],
            &d["reach"],
            &d["impressions"],
            &d["profile_visits"]
        ),
        (
            &120.into(),
            &2.into(),
            &0.into(),
            &50.into(),
            &80.into(),
            &7.into()
        )
    );
    let d31 = find(&snap, "daily", "date", "2014-01-31");
    assert!(d31.get("reach").is_none(), "an empty cell is unknown");
    assert_eq!(d31["profile_visits"], 2);
    // Posts: Stories by action type (not Talking About), page-local time at +01:00.
    let p = find(&snap, "posts", "id", "1_12");
    assert_eq!(p["format"], "link");
    assert_eq!(p["published_at"], "2016-02-14T00:40:16+01:00");
    assert_eq!(
        vals(
            p,
            &[
                "reach",
                "impressions",
                "likes",
                "comments",
                "shares",
                "clicks",
            ]
        ),
        serde_json::json!([301, 537, 10, 2, 1, 5])
    );
    let p11 = find(&snap, "posts", "id", "1_11");
    assert_eq!(
        vals(p11, &["format", "text"]),
        serde_json::json!(["photo", "First\nwith two lines"])
    );
    assert!(p11.get("comments").is_none() && p11.get("shares").is_none());
    assert_eq!(p11["published_at"], "2016-02-13T23:05:00+01:00");
    let p13 = find(&snap, "posts", "id", "1_13");
    assert_eq!(p13["format"], "video");
    assert!(
        p13.get("video_views").is_none(),
        "organic video views are not total views"
    );
    assert_eq!(find(&snap, "posts", "id", "1_14")["format"], "text");
}

#[test]
fn youtube_studio_folder() {
    let (report, snap) = import(&[fixture("youtube")], &[]);
    let table = file_report(&report, "Table data");
    assert_eq!(table["family_id"], "youtube-videos");
    assert_eq!(rows(table), (3, 2, 1));
    assert_eq!(table["skipped"]["the Total row"]["first_line"], 2);
    let chart = file_report(&report, "Chart data");
    assert_eq!(
        (chart["family_id"].clone(), rows(chart)),
        ("youtube-chart".into(), (1, 0, 1))
    );
    let v = find(&snap, "posts", "id", "abcDEF12345");
    assert_eq!(
        vals(v, &["views", "impressions", "format"]),
        serde_json::json!([30, 456, "video"])
    );
    assert_eq!(v["url"], "https://www.youtube.com/watch?v=abcDEF12345");
    assert_eq!(v["published_at"], "2025-08-28T00:00:00+00:00");
    assert!(v.get("clicks").is_none(), "never derived from the CTR");
    assert!(
        find(&snap, "posts", "id", "xyz-_987654")
            .get("impressions")
            .is_none()
    );
    // DD-MM-YYYY, told apart by 13-06-2025.
    assert_eq!(find(&snap, "daily", "date", "2025-06-13")["views"], 1224);
    assert_eq!(find(&snap, "daily", "date", "2025-07-01")["views"], 5);
    let (_, iso) = import(&[fixture("youtube-iso")], &[]);
    let d = find(&iso, "daily", "date", "2026-03-01");
    assert_eq!(
        vals(d, &["views", "follows", "unfollows"]),
        serde_json::json!([10, 2, 1])
    );
}

#[test]
fn ga4_tables_become_days_and_range_totals() {
    let (report, snap) = import(&[fixture("ga4")], &[]);
    let reports = file_report(&report, "Reports_snapshot");
    assert_eq!(reports["family_id"], "ga4");
    // 3 + 3 + 2 + 4 + 2 records; 3 days and 3 range totals; active users and the cohort
    // table have no snapshot field.
    assert_eq!(rows(reports), (14, 6, 5));
    assert_eq!(
        reports["skipped"]["table \"Nth day / Active users\": no snapshot field in it"]["first_line"],
        10
    );
    let web = snap["web"].as_array().unwrap();
    assert_eq!(web.len(), 6);
    let day = |d: &str| find(&snap, "web", "date", d);
    assert_eq!(day("2025-12-11")["new_users"], 1);
    assert!(day("2025-12-12").get("new_users").is_none());
    assert_eq!(
        (
            &day("2026-01-01")["sessions"],
            &day("2026-01-01")["pageviews"],
            &day("2026-01-01")["conversions"]
        ),
        (&10.into(), &25.into(), &1.into())
    );
    let totals = snap["web_totals"].as_array().unwrap();
    let total = |from: &str, channel: &str| {
        totals
            .iter()
            .find(|t| t["from"] == from && t["channel"] == channel)
            .unwrap_or_else(|| panic!("no total {from} {channel}"))
    };
    let search = total("2025-12-11", "organic_search");
    assert_eq!(
        vals(search, &["to", "sessions", "new_users"]),
        serde_json::json!(["2025-12-13", 1198, 983])
    );
    assert_eq!(
        total("2025-12-11", "other")["sessions"],
        5,
        "two other groups, summed"
    );
    let social = total("2026-01-01", "organic_social");
    assert_eq!(
        (
            &social["to"],
            &social["sessions"],
            &social["engaged_sessions"],
            &social["conversions"]
        ),
        (&"2026-01-31".into(), &120.into(), &80.into(), &6.into())
    );
    assert!(
        total("2026-01-01", "paid_social")
            .get("conversions")
            .is_none()
    );
    assert_eq!(totals.len(), 6);
}

#[test]
fn a_mapping_file_reads_any_csv() {
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/mappings/example.toml");
    let (report, snap) = import(
        &[fixture("mapping/instagram-de.csv")],
        &["--mapping", example.to_str().unwrap()],
    );
    let r = file_report(&report, "instagram-de");
    assert_eq!(r["family_id"], "mapping");
    assert_eq!(rows(r), (5, 3, 2));
    let p = find(&snap, "posts", "id", "17901");
    assert_eq!(
        vals(p, &["likes", "comments", "reach", "format"]),
        serde_json::json!([1234, 56, 20480, "photo"])
    );
    assert_eq!(p["published_at"], "2026-01-31T18:30:00+01:00");
    // Two tag columns ("Winter, Sale" and "Mode, Sale"): each tag once.
    assert_eq!(p["tags"], serde_json::json!(["Winter", "Sale", "Mode"]));
    assert_eq!(p["text"], "Neu im Shop; jetzt ansehen");
    let p2 = find(&snap, "posts", "id", "17902");
    assert!(p2.get("likes").is_none(), "k.A. is a missing marker");
    assert_eq!(p2["tags"], serde_json::json!(["Mode"]));
    assert_eq!(p2["format"], "carousel");
    let p3 = find(&snap, "posts", "id", "17903");
    assert_eq!(
        vals(p3, &["reach", "format"]),
        serde_json::json!([2500, "video"])
    );
    assert!(p3.get("comments").is_none());
    assert_eq!(snap["accounts"][0]["platform"], "instagram");
}

#[test]
fn unknown_files_and_bad_flags_are_refused_with_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    let odd = dir.path().join("odd.csv");
    std::fs::write(&odd, "a,b\n1,2\n").unwrap();
    let out = dir.path().join("out.json");
    engage()
        .args(["import"])
        .arg(&odd)
        .arg("-o")
        .arg(&out)
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "not a known export (its columns start a, b); a mapping file (--mapping",
        ))
        .stderr(predicate::str::contains("nothing written"));
    assert!(
        !out.exists(),
        "nothing is written when a named file is refused"
    );
    // In a folder, a file of no known family is skipped and listed, and the rest imports.
    std::fs::copy(
        fixture("youtube-iso/Totals.csv"),
        dir.path().join("Totals.csv"),
    )
    .unwrap();
    std::fs::write(dir.path().join("notes.txt"), "hello").unwrap();
    engage()
        .arg("import")
        .arg(dir.path())
        .arg("-o")
        .arg(&out)
        .assert()
        .success()
        .stdout(predicate::str::contains("odd.csv: not a known export"))
        .stdout(predicate::str::contains(
            "notes.txt: not a .csv or .json file",
        ))
        .stdout(predicate::str::contains("wrote"));
    engage()
        .args(["import", "x.csv", "-o", "y.json", "--utc-offset", "7"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "invalid value '7' for '--utc-offset <±HH:MM>': expected ±HH:MM",
        ));
    let bad = dir.path().join("bad.toml");
    std::fs::write(&bad, "[file]\nkind = \"posts\"\nseperator = \";\"\n").unwrap();
    engage()
        .args(["summary", "x.csv", "--mapping"])
        .arg(&bad)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "bad.toml:3: unknown field `seperator`",
        ));
}

#[test]
fn exports_open_wherever_snapshots_do() {
    engage()
        .arg("summary")
        .arg(fixture("x-classic"))
        .assert()
        .success()
        .stdout(predicate::str::contains("tester"));
    engage()
        .args([
            "report",
            "--metric",
            "ctr",
            "--metric",
            "conversation_rate",
            "--format",
            "json",
        ])
        .arg(fixture("x-classic"))
        .assert()
        .success()
        .stdout(predicate::str::contains("\"id\": \"ctr\""));
}

#[test]
fn the_platform_flag_is_checked_and_overrides_the_family() {
    engage()
        .args(["summary", "x.csv", "--platform", "myspace"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "invalid value 'myspace' for '--platform <P>': expected one of facebook",
        ));
    let (_, snap) = import(&[fixture("youtube-iso")], &["--platform", "other"]);
    assert_eq!(snap["accounts"][0]["platform"], "other");
}

#[test]
fn the_text_report_says_what_each_file_gave() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("s.json");
    let assert = engage()
        .arg("import")
        .arg(fixture("x-classic"))
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    let text = String::from_utf8_lossy(&assert.get_output().stdout).into_owned();
    let january = text
        .split("/tweet_activity_metrics_tester_20260101_20260201_en.csv\n")
        .nth(1)
        .expect("the January file's report")
        .split(".csv\n")
        .next()
        .unwrap();
    let expected = [
        "  family     X/Twitter analytics: tweets (tweet_activity_metrics)",
        "  account    tester · UTF-8",
        "  rows       5 read · 3 imported · 2 skipped",
        // In the order of the file: the repeated id (line 6) before the junk row (line 7).
        "  skipped    1 × the same post id again in this file (the first row is kept) (first at line 6)\n  skipped    1 × no tweet id (a junk row) (first at line 7)",
        "  unknown    1 × url clicks: \"12.5\" is not a whole number (first at line 4): cell left unknown, row kept",
        "  fields     posts: text url impressions engagements shares comments likes clicks",
        "  missing    posts: saves reach format",
    ];
    for line in expected {
        assert!(january.contains(line), "{line:?} in\n{january}");
    }
    assert!(
        text.contains(": 4 posts, 2 daily rows, 0 web rows, 0 web totals · valid"),
        "{text}"
    );
    // The same counts for scripts.
    let (report, _) = import(&[fixture("x-classic")], &[]);
    let w = &report["written"];
    assert_eq!(
        (&w["posts"], &w["daily"], &w["web"], &w["web_totals"]),
        (&4.into(), &2.into(), &0.into(), &0.into())
    );
    assert_eq!(report["ok"], true);
    // GA4: records of several tables fill one row per day or channel, and the report says so.
    let (report, _) = import(&[fixture("ga4/Reports_snapshot.csv")], &[]);
    let notes = report["files"][0]["notes"].as_array().unwrap();
    assert!(
        notes.iter().any(|n| n
            == "9 records of tables with snapshot fields became 6 rows: tables that give the same days or channels fill one row each"),
        "{notes:?}"
    );
}

#[test]
fn unreadable_cells_are_warnings_wherever_exports_open() {
    engage()
        .arg("validate")
        .arg(fixture("x-classic"))
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "_20260101_20260201_en.csv:4:1: warning: 1 cell(s) left unknown, their rows kept: url clicks: \"12.5\" is not a whole number",
        ));
}

/// `engage import PATHS --json` that may fail: the JSON report and the exit code.
fn import_report(paths: &[PathBuf], flags: &[&str]) -> (Value, i32) {
    let dir = tempfile::tempdir().unwrap();
    let out = engage()
        .arg("import")
        .args(paths)
        .arg("-o")
        .arg(dir.path().join("s.json"))
        .arg("--json")
        .args(flags)
        .output()
        .unwrap();
    let report = serde_json::from_slice(&out.stdout).unwrap();
    (report, out.status.code().unwrap_or(-1))
}

fn skip_reasons(r: &Value) -> Vec<String> {
    r["skipped"].as_object().unwrap().keys().cloned().collect()
}

/// Studio's Chart data by Geography (one row per country and day) is not the channel by
/// day: read as totals it kept the first country (50 and 7 views). The channel's days come
/// from Totals.csv only: 85 and 12 views, more than the countries' 80 and 9, since Studio
/// leaves small countries out.
#[test]
fn a_chart_by_country_is_never_the_channels_days() {
    let (report, snap) = import(&[fixture("youtube-by-country")], &[]);
    let chart = file_report(&report, "Chart data");
    assert_eq!(chart["family_id"], "youtube-chart");
    assert_eq!(rows(chart), (4, 0, 4));
    let reasons = skip_reasons(chart);
    assert_eq!(reasons.len(), 1, "{reasons:?}");
    assert!(
        reasons[0].contains("broken down by \"Geography\" besides the date: parts, not the totals")
            && reasons[0].contains("Totals.csv"),
        "{reasons:?}"
    );
    assert_eq!(chart["skipped"][&reasons[0]]["first_line"], 2);
    // Table data by Geography: figures of no video and no day.
    let table = file_report(&report, "Table data");
    assert_eq!(table["family_id"], "youtube-dimension-table");
    assert_eq!(rows(table), (3, 0, 3));
    let daily = snap["daily"].as_array().unwrap();
    assert_eq!(daily.len(), 2);
    assert_eq!(find(&snap, "daily", "date", "2025-06-13")["views"], 85);
    assert_eq!(find(&snap, "daily", "date", "2025-06-14")["views"], 12);
    assert!(snap["posts"].as_array().is_none_or(Vec::is_empty));
    // Alone, the chart gives nothing, and says why.
    let (alone, code) = import_report(&[fixture("youtube-by-country/Chart data.csv")], &[]);
    assert_eq!(code, 1);
    assert_eq!(rows(&alone["files"][0]), (4, 0, 4));
    assert_eq!(alone["written"], Value::Null);
}

/// The other daily families refuse a breakdown too: an X account by day and country (420
/// impressions on Feb 18 in two rows: neither 400 nor the sum is taken), a GA4 table by day
/// channel and country (3 rows; a table by source/medium is traffic acquisition, imported
/// since issue 17) and one by channel and country (2 rows).
#[test]
fn breakdowns_are_refused_by_every_daily_family() {
    let (report, code) = import_report(&[fixture("breakdowns")], &[]);
    assert_eq!(code, 1, "nothing to write: {report}");
    let x = file_report(&report, "account_overview_analytics");
    assert_eq!(x["family_id"], "x-daily");
    assert_eq!(rows(x), (2, 0, 2));
    assert_eq!(
        skip_reasons(x),
        [
            "broken down by \"Country\" besides the date: parts, not the totals (and their sum is not the total: the platform leaves out rows under its thresholds)"
        ]
    );
    let ga4 = file_report(&report, "Traffic_by_source");
    assert_eq!(ga4["family_id"], "ga4");
    assert_eq!(rows(ga4), (5, 0, 5));
    let reasons = skip_reasons(ga4);
    assert!(
        reasons[0].starts_with(
            "table \"Date / Session default channel group / Country / Sessions / Engaged sessions\": broken down by \"Country\" besides the date"
        ) && reasons[1].starts_with(
            "table \"Session default channel group / Country / Sessions\": broken down by \"Country\" besides the channel"
        ),
        "{reasons:?}"
    );
    assert_eq!(ga4["skipped"][&reasons[0]]["count"], 3);
    assert_eq!(ga4["skipped"][&reasons[1]]["count"], 2);
}

/// X writes post texts HTML-escaped; both X importers decode them once (`&amp;lt;b&amp;gt;`
/// is the text `&lt;b&gt;`, not a tag).
#[test]
fn x_texts_lose_their_html_entities_once() {
    let (_, classic) = import(&[fixture("x-classic")], &[]);
    assert_eq!(
        find(&classic, "posts", "id", "104")["text"],
        "Q&A <3 \u{2019}s &lt;b&gt; 😀"
    );
    let (_, current) = import(&[fixture("x-current")], &[]);
    assert_eq!(
        find(&current, "posts", "id", "2000000000000000001")["text"],
        "1 > 0 && \"ok\" it's"
    );
}

fn summary_json(args: &[&std::ffi::OsStr]) -> Value {
    let out = engage()
        .arg("summary")
        .arg("--json")
        .args(args)
        .assert()
        .success();
    serde_json::from_slice(&out.get_output().stdout).unwrap()
}

/// `--utc-offset` is the offset the days are counted in. A US account's tweets at 23:30 and
/// 03:00 UTC (+0000 in the export) are both on March 30 in New York (18:30 and 22:00 at
/// -05:00), as X's daily file says (2 tweets published on 2021-03-30); in UTC they are on the
/// 30th and the 31st. The daily rows' dates stay the dates written.
#[test]
fn utc_offset_sets_the_days_of_exports() {
    let (report, snap) = import(&[fixture("x-offset")], &["--utc-offset", "-05:00"]);
    assert_eq!(snap["utc_offset"], "-05:00");
    assert_eq!(
        find(&snap, "posts", "id", "1")["published_at"],
        "2021-03-30T18:30:00-05:00"
    );
    assert_eq!(
        find(&snap, "posts", "id", "2")["published_at"],
        "2021-03-30T22:00:00-05:00"
    );
    assert_eq!(find(&snap, "daily", "date", "2021-03-30")["posts"], 2);
    assert_eq!(find(&snap, "daily", "date", "2021-03-31")["impressions"], 9);
    let notes = file_report(&report, "/tweet_activity")["notes"].clone();
    assert!(
        notes.as_array().unwrap().iter().any(|n| n
            == "2 post time(s) written with their own offset are shown at UTC-05:00 (--utc-offset): the same instants, counted in that offset's days"),
        "{notes}"
    );
    // The written snapshot keeps its offset: its posts are on one day.
    let dir = tempfile::tempdir().unwrap();
    let written = dir.path().join("s.json");
    std::fs::write(&written, snap.to_string()).unwrap();
    let s = summary_json(&[written.as_os_str()]);
    assert_eq!(s["utc_offset"], "-05:00");
    assert_eq!(
        s["post_range"],
        serde_json::json!({"from": "2021-03-30", "to": "2021-03-30"})
    );
    // Every command reading the exports counts the same days; without the flag, UTC's.
    let folder = fixture("x-offset");
    let s = summary_json(&[
        folder.as_os_str(),
        "--utc-offset".as_ref(),
        "-05:00".as_ref(),
    ]);
    assert_eq!(s["post_range"]["to"], "2021-03-30");
    let s = summary_json(&[folder.as_os_str()]);
    assert_eq!(s["utc_offset"], "+00:00");
    assert_eq!(
        s["post_range"],
        serde_json::json!({"from": "2021-03-30", "to": "2021-03-31"})
    );
    let (_, utc) = import(&[fixture("x-offset")], &[]);
    assert_eq!(
        find(&utc, "posts", "id", "2")["published_at"],
        "2021-03-31T03:00:00+00:00"
    );
}

/// A snapshot keeps its own `utc_offset` when opened with exports: the merge counts days in
/// the first file's offset, as for any merge, and warns on each file whose offset differs.
#[test]
fn snapshots_keep_their_offset_beside_exports() {
    let dir = tempfile::tempdir().unwrap();
    let snap = dir.path().join("jakarta.json");
    std::fs::write(
        &snap,
        r#"{"format":"engage-snapshot","version":1,"utc_offset":"+07:00",
            "accounts":[{"id":"ig","platform":"instagram"}],
            "posts":[{"id":"a","account":"ig","format":"photo","published_at":"2021-03-30T20:00:00+07:00"}]}"#,
    )
    .unwrap();
    let folder = fixture("x-offset");
    let flag = ["--utc-offset".as_ref(), "-05:00".as_ref()];
    let first = summary_json(&[snap.as_os_str(), folder.as_os_str(), flag[0], flag[1]]);
    assert_eq!(first["utc_offset"], "+07:00");
    let last = summary_json(&[folder.as_os_str(), snap.as_os_str(), flag[0], flag[1]]);
    assert_eq!(last["utc_offset"], "-05:00");
    engage()
        .arg("validate")
        .arg(&snap)
        .arg(&folder)
        .args(["--utc-offset", "-05:00"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "this file counts days in -05:00 but ",
        ))
        .stdout(predicate::str::contains(
            "jakarta.json counts them in +07:00; the merged snapshot uses +07:00 (the first file's)",
        ));
}

fn account_ids(snap: &Value) -> Vec<&str> {
    snap["accounts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect()
}

/// Two people's X exports (which name no account) in two folders are two accounts, named
/// after the folders: Feb 11 is 110 impressions for ana and 5 for ben, both kept.
#[test]
fn a_file_that_names_no_account_takes_its_folders_name() {
    let (report, snap) = import(&[fixture("people")], &[]);
    assert_eq!(account_ids(&snap), ["ana", "ben"]);
    assert_eq!(snap["daily"].as_array().unwrap().len(), 6);
    let day = |account: &str, date: &str| {
        snap["daily"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["account"] == account && d["date"] == date)
            .unwrap_or_else(|| panic!("{account} {date}"))
            .clone()
    };
    assert_eq!(day("ana", "2025-02-11")["impressions"], 110);
    assert_eq!(day("ben", "2025-02-11")["impressions"], 5);
    for f in report["files"].as_array().unwrap() {
        assert_eq!(f["warnings"], serde_json::json!([]), "{f}");
    }
    // A file named on its own, from its folder: that folder's name.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("s.json");
    engage()
        .current_dir(fixture("youtube-iso"))
        .args(["import", "Totals.csv", "-o"])
        .arg(&out)
        .assert()
        .success()
        .stdout(predicate::str::contains("  account    youtube-iso · UTF-8"));
    // The handle in a file's name still wins over the folder (x-classic/…_tester_…).
    let (_, classic) = import(&[fixture("x-classic")], &[]);
    assert_eq!(account_ids(&classic), ["tester"]);
}

/// With one --account for both folders, ana's and ben's days land on one account: ben's
/// file (given later; neither has an export date) replaces ana's Feb 11 and 12, and the
/// import, the summary and `validate` say so, naming both files.
#[test]
fn one_account_from_two_folders_is_never_merged_silently() {
    let (report, snap) = import(&[fixture("people")], &["--account", "team"]);
    assert_eq!(account_ids(&snap), ["team"]);
    let impressions: Vec<(String, u64)> = snap["daily"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["date"].as_str().unwrap().to_owned(),
                d["impressions"].as_u64().unwrap(),
            )
        })
        .collect();
    let mut sorted = impressions.clone();
    sorted.sort();
    assert_eq!(
        sorted,
        [
            ("2025-02-10".to_owned(), 100),
            ("2025-02-11".to_owned(), 5),
            ("2025-02-12".to_owned(), 6),
            ("2025-02-13".to_owned(), 7),
        ]
    );
    let ana = fixture("people/ana/account_overview_analytics.csv");
    let warning = format!(
        "account `team` also gets rows from {} (another folder): the two files overlap on 2 day(s) (2025-02-11..2025-02-12), and this file's rows replace 2 daily row(s) and 0 post(s) of that file",
        ana.display()
    );
    let ben = file_report(&report, "ben/account_overview");
    let warnings = ben["warnings"].as_array().unwrap();
    assert_eq!(warnings.len(), 1);
    assert!(
        warnings[0].as_str().unwrap().starts_with(&warning),
        "{warnings:?}"
    );
    assert_eq!(
        file_report(&report, "ana/account_overview")["warnings"],
        serde_json::json!([])
    );
    // The summary: each file's rows, kept and replaced.
    let s = engage()
        .arg("summary")
        .arg(fixture("people"))
        .args(["--account", "team"])
        .assert()
        .success();
    let text = String::from_utf8_lossy(&s.get_output().stdout).into_owned();
    assert!(
        text.contains(
            "ana/account_overview_analytics.csv: 3 daily · kept 1 · 2 replaced by other files\n"
        ),
        "{text}"
    );
    assert!(
        text.contains(
            "ben/account_overview_analytics.csv: 3 daily · kept 3 · replaced 2 of other files'\n"
        ),
        "{text}"
    );
    let json = summary_json(&[
        fixture("people").as_os_str(),
        "--account".as_ref(),
        "team".as_ref(),
    ]);
    let files = json["files"].as_array().unwrap();
    assert_eq!(
        (
            &files[0]["rows"]["daily"],
            &files[0]["kept"]["daily"],
            &files[1]["replaced"]["daily"]
        ),
        (&3.into(), &1.into(), &2.into())
    );
    engage()
        .arg("validate")
        .arg(fixture("people"))
        .args(["--account", "team"])
        .assert()
        .success()
        .stdout(predicate::str::contains(format!(
            "warning: accounts: {warning}"
        )));
}

/// An account read from a column keeps the cell as its name (`acme_de`), its slug as the id.
#[test]
fn an_account_column_gives_the_accounts_name() {
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/mappings/example.toml");
    let text = std::fs::read_to_string(example)
        .unwrap()
        .replace("id = \"acme-de\"", "")
        .replace("# column = \"Konto\"", "column = \"Konto\"")
        .replace("handle = \"@acme_de\"", "")
        .replace("name = \"ACME Deutschland\"", "");
    let dir = tempfile::tempdir().unwrap();
    let map = dir.path().join("konto.toml");
    std::fs::write(&map, text).unwrap();
    let (_, snap) = import(
        &[fixture("mapping/instagram-de.csv")],
        &["--mapping", map.to_str().unwrap()],
    );
    assert_eq!(
        snap["accounts"],
        serde_json::json!([{"id": "acme-de", "platform": "instagram", "name": "acme_de"}])
    );
}

/// Meta Business Suite's *Content* export has `Post ID`, `Date` ("Lifetime") and `Impressions`
/// or `Views`: it was read as X's posts (every row skipped) or as a YouTube chart broken down
/// by its post type. It is refused as not a known export, as the README says.
#[test]
fn a_business_suite_content_export_is_not_taken_for_x_or_youtube() {
    let dir = tempfile::tempdir().unwrap();
    for metric in ["Impressions", "Views"] {
        let file = dir.path().join(format!("content-{metric}.csv"));
        std::fs::write(
            &file,
            format!(
                "Post ID,Page ID,Page name,Title,Description,Duration (sec),Publish time,\
                 Permalink,Post type,Date,{metric},Reach,Reactions,Comments,Shares\n\
                 123_456,123,Kabar,,Hello,,10/05/2026 09:10,https://facebook.com/1,Photos,\
                 Lifetime,100,80,5,1,0\n"
            ),
        )
        .unwrap();
        engage()
            .args(["import"])
            .arg(&file)
            .arg("-o")
            .arg(dir.path().join("out.json"))
            .assert()
            .code(1)
            .stdout(predicate::str::contains(
                "not a known export (its columns start Post ID, Page ID",
            ));
    }
}

/// A GA4 table of figures engage keeps (views) by a dimension it does not (pages) says so,
/// not "no snapshot field in it".
#[test]
fn a_ga4_table_by_page_says_what_its_rows_are() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = std::fs::read_to_string(fixture("ga4/Reports_snapshot.csv")).unwrap();
    text.push_str(
        "\n# Which pages get the most views?\n# Start date: 20251211\n# End date: 20251213\n\
         Page title and screen class,Views\nHome,12\nAbout,3\n",
    );
    let file = dir.path().join("Reports_snapshot.csv");
    std::fs::write(&file, text).unwrap();
    let (report, _) = import(&[file], &[]);
    let reports = file_report(&report, "Reports_snapshot");
    let why = "table \"Page title and screen class / Views\": its rows are by \"Page title and \
               screen class\", not by day, channel or source";
    assert_eq!(reports["skipped"][why]["count"], 2, "{reports:#}");
}
