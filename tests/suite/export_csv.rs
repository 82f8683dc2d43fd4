//! CSV exports: `engage export posts|series|breakdown` on a fixture worked by hand, a hostile
//! fixture that must come out neutralised (and parse back to the neutralised text), column
//! choice and its errors, a golden file, stdout against `-o`, the bundled demo, and the app's
//! export key in 4 Charts writing what the pane shows, byte for byte what the command writes.
//!
//! Fixture `tests/fixtures/export/small.json` (days at +07:00; window 2026-10-05..11;
//! interactions = likes + comments + shares, the parts known; followers of `a` on 10-05: 1000):
//!
//! | post | account | local time      | likes | comm. | shares | reach | impr. | inter. | ER reach | ER impr. | ER foll. |
//! |------|---------|-----------------|-------|-------|--------|-------|-------|--------|----------|----------|----------|
//! | p1   | a       | Mon 10-05 09:10 | 10    | 0     | 2      | 100   |       | 12     | 0.12     |          | 0.012    |
//! | p2   | a       | Mon 10-05 09:40 | 30    |       | 1      | 200   |       | 31     | 0.155    |          | 0.031    |
//! | p3   | b       | Tue 10-06 20:30 | 8     | 2     |        | 40    | 80    | 10     | 0.25     | 0.125    |          |
//! | p4   | b       | Thu 10-08 06:30 | 4     |       |        |       |       | 4      |          |          |          |
//!
//! (p0, on 09-20, is outside the window.) Reach rate: p1 0.1, p2 0.2; interactions per 1k
//! followers: p1 12, p2 31.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use engage::tui::app::Msg;
use predicates::prelude::*;

use crate::tui_kit::{ch, open_app, press};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/export");

fn small() -> PathBuf {
    Path::new(FIXTURES).join("small.json")
}

fn hostile() -> PathBuf {
    Path::new(FIXTURES).join("hostile.json")
}

/// `engage --home HOME export ARGS` (a home of its own, so no user config changes a result).
fn engage(home: &Path) -> Command {
    let mut c = crate::common::engage_bin();
    c.env_remove("ENGAGE_HOME")
        .arg("--home")
        .arg(home)
        .arg("export");
    c
}

/// Standard output of a successful export.
fn export(args: &[&str]) -> String {
    let home = tempfile::tempdir().unwrap();
    let out = engage(home.path()).args(args).assert().success();
    String::from_utf8(out.get_output().stdout.clone()).unwrap()
}

const WEEK: [&str; 4] = ["--from", "2026-10-05", "--to", "2026-10-11"];

/// Records as the csv crate reads them back (header first).
fn records(text: &str) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

/// The cell of `column` in each row after the header.
fn column(rows: &[Vec<String>], column: &str) -> Vec<String> {
    let i = rows[0]
        .iter()
        .position(|h| h == column)
        .unwrap_or_else(|| panic!("no column {column} in {:?}", rows[0]));
    rows[1..].iter().map(|r| r[i].clone()).collect()
}

#[track_caller]
fn close(cell: &str, want: f64) {
    let v: f64 = cell
        .parse()
        .unwrap_or_else(|_| panic!("{cell:?} is not a number ({want} expected)"));
    assert!((v - want).abs() < 1e-12, "{v} vs {want}");
}

#[test]
fn posts_by_hand() {
    let text = export(&[
        "posts",
        small().to_str().unwrap(),
        WEEK[0],
        WEEK[1],
        WEEK[2],
        WEEK[3],
    ]);
    // RFC 4180: every record ends with CRLF, including the last; no byte-order mark.
    assert!(text.ends_with("\r\n") && !text.starts_with('\u{feff}'));
    let rows = records(&text);
    assert_eq!(
        rows[0].join(","),
        "id,account,platform,format,published_at,tags,text,url,likes,comments,shares,reach,\
         impressions,interactions,er_reach_ratio,er_impressions_ratio,er_followers_ratio,\
         interactions_per_1k,reach_rate_ratio",
        "identity, the counts the data has (no saves, views, clicks), interactions, the rates \
         it supports"
    );
    assert_eq!(
        column(&rows, "id"),
        ["p1", "p2", "p3", "p4"],
        "p0 is before the window"
    );
    assert_eq!(column(&rows, "account"), ["a", "a", "b", "b"]);
    assert_eq!(
        column(&rows, "platform"),
        ["instagram", "instagram", "x", "x"]
    );
    assert_eq!(
        column(&rows, "published_at"),
        [
            "2026-10-05T09:10:00+07:00",
            "2026-10-05T09:40:00+07:00",
            "2026-10-06T20:30:00+07:00",
            "2026-10-08T06:30:00+07:00"
        ],
        "in the snapshot's utc_offset, whatever offset a post was written with"
    );
    assert_eq!(column(&rows, "tags"), ["promo", "news;pagi", "", ""]);
    assert_eq!(
        column(&rows, "text")[1..3],
        ["Berita \"hari\" ini, pagi", "Cerita warga\nbaris dua"],
        "quotes, commas and line breaks survive the round trip"
    );
    assert_eq!(
        column(&rows, "url"),
        ["https://example.com/p1", "", "https://example.com/p3", ""]
    );
    // Unknown is empty, a measured zero is 0.
    assert_eq!(column(&rows, "comments"), ["0", "", "2", ""]);
    assert_eq!(column(&rows, "reach"), ["100", "200", "40", ""]);
    assert_eq!(column(&rows, "interactions"), ["12", "31", "10", "4"]);
    let er = column(&rows, "er_reach_ratio");
    close(&er[0], 0.12);
    close(&er[1], 0.155);
    close(&er[2], 0.25);
    assert_eq!(er[3], "", "no reach: no rate, not 0");
    assert_eq!(
        column(&rows, "er_impressions_ratio")[..2],
        ["", ""],
        "impressions unknown"
    );
    close(&column(&rows, "er_impressions_ratio")[2], 0.125);
    let erf = column(&rows, "er_followers_ratio");
    close(&erf[0], 0.012);
    close(&erf[1], 0.031);
    assert_eq!(erf[2..], ["", ""], "b has no follower counts");
    let k = column(&rows, "interactions_per_1k");
    close(&k[0], 12.0);
    close(&k[1], 31.0);
    let rr = column(&rows, "reach_rate_ratio");
    close(&rr[0], 0.1);
    close(&rr[1], 0.2);
    // Numbers are plain: no separators, no percent signs, no exponents.
    for row in &rows[1..] {
        for cell in &row[8..] {
            assert!(
                cell.is_empty() || cell.bytes().all(|b| b.is_ascii_digit() || b == b'.'),
                "{cell:?}"
            );
        }
    }
}

#[test]
fn posts_match_a_golden_file() {
    let text = export(&[
        "posts",
        small().to_str().unwrap(),
        WEEK[0],
        WEEK[1],
        WEEK[2],
        WEEK[3],
    ]);
    let golden = Path::new(FIXTURES).join("small-posts.csv");
    if std::env::var("ENGAGE_BLESS_EXPORT").as_deref() == Ok("1") {
        std::fs::write(&golden, &text).unwrap();
    }
    let want = std::fs::read_to_string(&golden).unwrap_or_default();
    assert_eq!(
        text, want,
        "the posts CSV changed; if on purpose, regenerate it with \
         `ENGAGE_BLESS_EXPORT=1 cargo test --test suite export_csv` and review the diff"
    );
}

#[test]
fn hostile_text_stays_text() {
    let text = export(&["posts", hostile().to_str().unwrap(), "--last", "28d"]);
    // No raw escape or bidi control reaches the file.
    assert!(
        !text
            .chars()
            .any(|c| matches!(c, '\u{1b}' | '\u{7}' | '\u{9b}' | '\u{202e}')),
        "{text:?}"
    );
    let rows = records(&text);
    assert_eq!(
        column(&rows, "id"),
        ["'@SUM(A1)", "h2", "-3.5", "h4", "h5", "h6", "h7"],
        "a number stays a number"
    );
    assert_eq!(
        column(&rows, "account")[..2],
        ["'=HYPERLINK(\"http://x\",\"y\")", "ok"]
    );
    assert_eq!(column(&rows, "tags")[..2], ["'+1+1;ok", "-3.5"]);
    assert_eq!(column(&rows, "url")[1], "'=cmd|' /C calc'!A0");
    assert_eq!(
        column(&rows, "text"),
        [
            "'=HYPERLINK(\"http://x\",\"y\")",
            "'-2+3",
            "'\tleading tab",
            "abc\\u{202e}dcba.exe",
            "title\\u{1b}]0;pwned\\u{7} \\u{1b}[31mred\\u{1b}[0m \\u{9b}2J",
            "'\n=1+1 after a carriage return",
            "-3.5",
        ]
    );
    // Every cell that starts like a formula is neutralised, or a number.
    for row in &rows[1..] {
        for cell in row {
            if cell.starts_with(['=', '+', '-', '@', '\t', '\r', '\n']) {
                assert!(cell.parse::<f64>().is_ok(), "{cell:?}");
            }
        }
    }
}

#[test]
fn columns_are_chosen_by_name() {
    let file = small();
    let f = file.to_str().unwrap();
    let text = export(&[
        "posts",
        f,
        WEEK[0],
        WEEK[1],
        WEEK[2],
        WEEK[3],
        "--columns",
        "er_reach_ratio,id,comments",
    ]);
    let rows = records(&text);
    assert_eq!(rows[0], ["er_reach_ratio", "id", "comments"]);
    assert_eq!(rows[1], ["0.12", "p1", "0"]);
    assert_eq!(rows[2], ["0.155", "p2", ""]);
    // A per-post metric's id names its column.
    let by_id = export(&["posts", f, "--last", "28d", "--columns", "id,er_reach"]);
    assert!(by_id.starts_with("id,er_reach_ratio\r\n"), "{by_id}");
    let home = tempfile::tempdir().unwrap();
    engage(home.path())
        .args(["posts", f, "--columns", "id,colour"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains(
            "unknown column colour (columns: id, account,",
        ))
        .stderr(predicate::str::contains("er_reach_ratio"));
    engage(home.path())
        .args(["posts", f, "--columns", "saves"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "no column saves: no post of the data has it",
        ));
    engage(home.path())
        .args(["posts", f, "--columns", "id,id"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("column id is named twice"));
    // Flags that do not apply to what is exported are usage errors, not ignored.
    for (args, flag) in [
        (["posts", "--by", "account"], "--by"),
        (["series", "--columns", "id"], "--columns"),
        (["posts", "--metric", "er_reach"], "--metric"),
        (["breakdown", "--granularity", "week"], "--granularity"),
    ] {
        engage(home.path())
            .args(args)
            .arg(f)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(format!("{flag} applies to")));
    }
    engage(home.path())
        .args(["series", f, "--metric", "nope"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "unknown metric nope (metrics: er_reach",
        ));
    engage(home.path())
        .args(["posts", f, "--segment", "account=zz"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("zz"));
}

#[test]
fn series_by_hand() {
    let f = small();
    let text = export(&[
        "series",
        f.to_str().unwrap(),
        WEEK[0],
        WEEK[1],
        WEEK[2],
        WEEK[3],
        "--metric",
        "er_reach",
    ]);
    let rows = records(&text);
    assert_eq!(
        rows[0].join(","),
        "bucket_from,bucket_to,account,er_reach_ratio,used,left_out,counted,partial,reason"
    );
    assert_eq!(rows.len(), 1 + 3 * 7, "(all), a and b, 7 days each");
    let row = |account: &str, day: &str| -> &Vec<String> {
        rows.iter()
            .find(|r| r[2] == account && r[0] == day)
            .unwrap_or_else(|| panic!("{account} {day}"))
    };
    let all = row("(all)", "2026-10-05");
    close(&all[3], (0.12 + 0.155) / 2.0);
    assert_eq!(all[4..8], ["2", "0", "posts", "false"]);
    close(&row("(all)", "2026-10-06")[3], 0.25);
    // No post on 10-07: no value and why, not 0.
    let empty = row("(all)", "2026-10-07");
    assert_eq!(empty[3..6], ["", "0", "0"]);
    assert!(!empty[8].is_empty(), "a reason: {empty:?}");
    // p4 has no reach: left out.
    let left = row("b", "2026-10-08");
    assert_eq!(left[3..6], ["", "0", "1"]);
    close(&row("a", "2026-10-05")[3], 0.1375);
    assert_eq!(row("a", "2026-10-06")[3], "");
    // Weekly, on a window starting on a Tuesday: one week cut by the window's edge.
    let weekly = export(&[
        "series",
        f.to_str().unwrap(),
        "--from",
        "2026-10-06",
        "--to",
        "2026-10-11",
        "--metric",
        "interactions",
        "--granularity",
        "week",
    ]);
    let rows = records(&weekly);
    assert_eq!(rows[0][3], "interactions", "a count is not a ratio");
    assert_eq!(
        rows[1],
        [
            "2026-10-06",
            "2026-10-11",
            "(all)",
            "14",
            "2",
            "0",
            "posts",
            "true",
            ""
        ]
    );
}

#[test]
fn breakdown_is_explores_csv() {
    let f = small();
    let home = tempfile::tempdir().unwrap();
    let explore = crate::common::engage_bin()
        .env_remove("ENGAGE_HOME")
        .arg("--home")
        .arg(home.path())
        .args([
            "explore",
            "breakdown",
            "--format",
            "csv",
            "--by",
            "account,tag",
        ])
        .args(["--metric", "er_reach"])
        .arg(&f)
        .args(WEEK)
        .output()
        .unwrap();
    let text = export(&[
        "breakdown",
        f.to_str().unwrap(),
        WEEK[0],
        WEEK[1],
        WEEK[2],
        WEEK[3],
        "--by",
        "account,tag",
        "--metric",
        "er_reach",
    ]);
    assert_eq!(text, String::from_utf8(explore.stdout).unwrap());
    let rows = records(&text);
    assert_eq!(rows[0][..4], ["account", "tag", "value", "used"]);
    let a_news = rows.iter().find(|r| r[0] == "a" && r[1] == "news").unwrap();
    close(&a_news[2], 0.155);
    assert!(text.contains("\r\n"));
}

#[test]
fn stdout_and_file_hold_the_same_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("posts.csv");
    let f = small();
    let stdout = export(&["posts", f.to_str().unwrap(), "--last", "4w"]);
    let home = tempfile::tempdir().unwrap();
    engage(home.path())
        .args(["posts", f.to_str().unwrap(), "--last", "4w", "-o"])
        .arg(&path)
        .assert()
        .success()
        .stdout("")
        .stderr(predicate::str::contains(format!(
            "wrote {}",
            path.display()
        )));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), stdout);
    // Nothing is left beside it (written atomically).
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    // A folder that does not exist: a clear error, no panic.
    engage(home.path())
        .args(["posts", f.to_str().unwrap(), "-o"])
        .arg(dir.path().join("no/such/dir/posts.csv"))
        .assert()
        .code(1)
        .stderr(predicate::str::contains("cannot write"));
}

/// Without paths, as `engage report` and `engage explore`: the bundled demo, its last 28 days.
#[test]
fn the_demo_without_paths() {
    let text = export(&["posts"]);
    let rows = records(&text);
    let demo = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/assets/demo/kabar-kini.json"
    ))
    .unwrap();
    let store = engage::snapshot::parse_snapshot(
        demo.as_slice(),
        "demo",
        engage::snapshot::LoadControl::default(),
    )
    .unwrap()
    .store
    .unwrap();
    let prepared = engage::measure::Prepared::new(std::sync::Arc::new(store));
    let (_, last) = prepared.store.day_span().unwrap();
    let window = engage::measure::Window::last(28, last);
    let posts = prepared.query_posts(window, &Default::default(), "");
    assert_eq!(rows.len(), posts.len() + 1);
    assert!(posts.len() > 100);
    assert_eq!(
        column(&rows, "published_at")[0][..10],
        *"2026-10-04",
        "the window's first day"
    );
    let series = export(&["series"]);
    assert!(
        series.starts_with("bucket_from,bucket_to,account,er_reach_ratio,"),
        "the lenses' default metric: {}",
        &series[..80]
    );
    assert_eq!(records(&series).len(), 1 + 28 * 6, "(all) and 5 accounts");
}

proptest::proptest! {
    #![proptest_config(crate::common::proptest_config(256))]

    /// Any fields, any text: the bytes the csv crate writes (RFC 4180, CRLF, quoted where
    /// needed), which its reader reads back as they were.
    #[test]
    fn fields_are_written_as_the_csv_crate_writes_them(
        records in proptest::collection::vec(
            proptest::collection::vec("(?s).{0,12}|[\",\r\n ]{0,4}", 1..5),
            1..6,
        )
    ) {
        // A header first, as every export has (a reader takes a byte-order mark at the very
        // start of a file for an encoding mark, not for text).
        let mut records = records;
        records.insert(0, vec!["header".to_owned()]);
        let mut ours = Vec::new();
        let mut cells = engage::export::Cells::new(&mut ours);
        let mut theirs = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .flexible(true)
            .from_writer(Vec::new());
        for record in &records {
            for f in record {
                cells.raw(f).unwrap();
            }
            cells.end().unwrap();
            theirs.write_record(record).unwrap();
        }
        cells.finish().unwrap();
        let theirs = theirs.into_inner().unwrap();
        proptest::prop_assert_eq!(&ours, &theirs);
        let back: Vec<Vec<String>> = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(ours.as_slice())
            .records()
            .map(|r| r.unwrap().iter().map(str::to_owned).collect())
            .collect();
        proptest::prop_assert_eq!(back, records);
    }
}

/// The posts file is formatted in chunks on several threads: the bytes do not depend on it.
#[test]
fn chunks_and_threads_change_no_byte() {
    let demo = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/assets/demo/kabar-kini.json"
    ))
    .unwrap();
    let store = engage::snapshot::parse_snapshot(
        demo.as_slice(),
        "demo",
        engage::snapshot::LoadControl::default(),
    )
    .unwrap()
    .store
    .unwrap();
    let prepared = engage::measure::Prepared::new(std::sync::Arc::new(store));
    let (first, last) = prepared.store.day_span().unwrap();
    let rows = prepared.query_posts(
        engage::measure::Window::new(first, last).unwrap(),
        &Default::default(),
        "",
    );
    let columns = engage::export::posts::columns(&prepared);
    let write = |chunk: usize| {
        let mut out = Vec::new();
        engage::export::posts::write_posts_in_chunks(&prepared, &rows, &columns, &mut out, chunk)
            .unwrap();
        out
    };
    let whole = write(usize::MAX);
    assert_eq!(
        records(std::str::from_utf8(&whole).unwrap()).len(),
        rows.len() + 1
    );
    for chunk in [1, 7, 1000, engage::export::posts::CHUNK_ROWS] {
        assert!(write(chunk) == whole, "chunks of {chunk}");
    }
}

// ---------------------------------------------------------------------------------------
// The app: `x` in 4 Charts

fn message(app: &engage::tui::app::App) -> String {
    app.ui
        .message
        .as_ref()
        .map_or(String::new(), |m| m.text.clone())
}

fn exported(app: &engage::tui::app::App) -> PathBuf {
    let text = message(app);
    let path = PathBuf::from(
        text.strip_prefix("exported ")
            .unwrap_or_else(|| panic!("{text}")),
    );
    assert!(path.is_absolute() && path.is_file(), "{text}");
    path
}

fn window_args(app: &engage::tui::app::App) -> [String; 4] {
    let w = app.model.results.window.unwrap();
    [
        "--from".into(),
        engage::calendar::format_date(w.from),
        "--to".into(),
        engage::calendar::format_date(w.to),
    ]
}

#[test]
fn the_app_exports_the_posts_as_listed() {
    let home = tempfile::tempdir().unwrap();
    let exports = tempfile::tempdir().unwrap();
    let mut app = open_app(home.path(), &[small()], exports.path());
    ch(&mut app, '4');
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.focus(), 2, "the posts pane");
    ch(&mut app, 'w'); // 28d -> 90d: every post of the fixture
    ch(&mut app, 'x');
    let path = exported(&app);
    assert!(
        path.file_name()
            .unwrap()
            .to_str()
            .unwrap()
            .starts_with("engage-posts-"),
        "{}",
        path.display()
    );
    let file = std::fs::read_to_string(&path).unwrap();
    // Newest first, as the table lists them, with every column of `engage export posts`.
    let mut args: Vec<String> = vec!["posts".into(), small().to_str().unwrap().into()];
    args.extend(window_args(&app));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let command = export(&args);
    let reversed: Vec<Vec<String>> = records(&command)[1..].iter().rev().cloned().collect();
    assert_eq!(records(&file)[0], records(&command)[0]);
    assert_eq!(records(&file)[1..], reversed[..]);
    assert_eq!(reversed.len(), 5);
    // The filter and the sort apply.
    ch(&mut app, '/');
    for c in "kabar".chars() {
        ch(&mut app, c);
    }
    press(&mut app, KeyCode::Enter);
    ch(&mut app, 'x');
    let rows = records(&std::fs::read_to_string(exported(&app)).unwrap());
    assert_eq!(column(&rows, "id"), ["p4"]);
}

#[test]
fn the_app_exports_the_series_and_the_lens_shown() {
    let home = tempfile::tempdir().unwrap();
    let exports = tempfile::tempdir().unwrap();
    let mut app = open_app(home.path(), &[], exports.path());
    // A plan: the engagement template's KPIs.
    ch(&mut app, '2');
    press(&mut app, KeyCode::Home);
    let position = engage::measure::templates::TEMPLATES
        .iter()
        .position(|t| t.id == "engagement")
        .unwrap();
    for _ in 0..position {
        ch(&mut app, 'j');
    }
    press(&mut app, KeyCode::Enter);
    ch(&mut app, 'y');
    assert!(app.model.plan.is_some(), "{}", message(&app));
    ch(&mut app, '4');
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.focus(), 1, "the chart pane");
    let kpi = app.model.results.cards[0].metric().id;
    let mut args: Vec<String> = vec!["series".into(), "--metric".into(), kpi.into()];
    args.extend(window_args(&app));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let command = export(&args);
    // One line (all accounts together): the command's (all) rows.
    ch(&mut app, 'x');
    let combined = std::fs::read_to_string(exported(&app)).unwrap();
    let all_rows = 1 + app.model.results.cards[0].result.series.len();
    let want: Vec<Vec<String>> = records(&command)[..all_rows].to_vec();
    assert_eq!(records(&combined), want);
    // Per account: what the command writes, byte for byte.
    ch(&mut app, 'a');
    ch(&mut app, 'x');
    let path = exported(&app);
    assert!(
        path.to_str().unwrap().contains("-per-account-"),
        "{}",
        path.display()
    );
    assert_eq!(std::fs::read_to_string(path).unwrap(), command);
    // The breakdown lens: `engage export breakdown`'s bytes. Asked while the lens is being
    // computed, the export waits for it.
    app.update(Msg::Key(KeyEvent::new(
        KeyCode::Char('v'),
        KeyModifiers::NONE,
    )));
    let job = app.lens_request.take().expect("a lens job");
    app.update(Msg::Key(KeyEvent::new(
        KeyCode::Char('x'),
        KeyModifiers::NONE,
    )));
    assert!(
        message(&app).contains("as soon as the lens is computed"),
        "{}",
        message(&app)
    );
    app.update(Msg::Lens(Box::new(job.run())));
    let path = exported(&app);
    let metric = app.model.lens.key.as_ref().unwrap().metric;
    let mut args: Vec<String> = vec!["breakdown".into(), "--metric".into(), metric.into()];
    args.extend(window_args(&app));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    assert_eq!(std::fs::read_to_string(path).unwrap(), export(&args));
    // The key is in the keymap, so the bar and the help show it (once the message, which
    // takes room from the hints, is gone).
    ch(&mut app, 'L');
    let screen = crate::tui_kit::text(&crate::tui_kit::draw(&app, 200, 40), true);
    assert!(screen.contains("x export csv"), "{screen}");
    ch(&mut app, '?');
    for c in "csv".chars() {
        ch(&mut app, c);
    }
    let help = crate::tui_kit::text(&crate::tui_kit::draw(&app, 200, 40), true);
    assert!(help.contains("export CSV to the current folder"), "{help}");
}

/// Before a plan, the chart pane shows the overview: the engagement rate per account is what
/// the series file holds, the command's rows for those accounts.
#[test]
fn before_a_plan_the_overview_rate_is_exported() {
    let home = tempfile::tempdir().unwrap();
    let exports = tempfile::tempdir().unwrap();
    let mut app = open_app(home.path(), &[], exports.path());
    ch(&mut app, '4');
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.focus(), 1, "the overview's charts");
    ch(&mut app, 'x');
    let path = exported(&app);
    assert!(
        path.to_str()
            .unwrap()
            .contains("engage-series-er_reach-day-per-account-"),
        "{}",
        path.display()
    );
    let rows = records(&std::fs::read_to_string(&path).unwrap());
    assert_eq!(rows.len(), 1 + 28 * 5, "5 accounts, 28 days");
    assert!(!column(&rows, "account").contains(&"(all)".to_owned()));
    // Per account, the command's rows for the same account.
    let mut args: Vec<String> = vec!["series".into(), "--metric".into(), "er_reach".into()];
    args.extend(window_args(&app));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let command = records(&export(&args));
    assert_eq!(rows[1..], command[1 + 28..]);
}
