//! Every real export in the shared datasets folder imports with the right family and the
//! numbers computed independently by `tests/datasets/expected.py` (a short Python script that
//! reads the CSV files by the rules of the README's "Importing platform exports", without
//! engage's code).
//!
//! The folder is `$ENGAGE_DATASETS`, else `../shared/datasets`. When `ENGAGE_DATASETS` is set
//! (CI sets it) a missing folder or file fails the test; without it, a machine that has no
//! datasets skips these tests and says so.

// A test states its expectations with unwrap, expect and panic; production code may not.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use engage::calendar::{Timestamp, format_date};
use engage::import::{Options, expand, import_file};
use engage::snapshot::LoadControl;
use engage::snapshot::load::Source;
use engage::snapshot::model::{DailyCount, PostCount, WebCount};
use engage::snapshot::store::{CountColumn, Store};
use serde_json::Value;

/// The datasets folder, or `None` (with a message) when this machine has none.
pub(crate) fn datasets() -> Option<PathBuf> {
    match std::env::var_os("ENGAGE_DATASETS") {
        Some(dir) => {
            let dir = PathBuf::from(dir);
            assert!(
                dir.is_dir(),
                "ENGAGE_DATASETS={} is not a folder: the dataset tests were told to read it",
                dir.display()
            );
            Some(dir)
        }
        None => {
            let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/datasets");
            if dir.is_dir() {
                Some(dir)
            } else {
                eprintln!(
                    "SKIPPED: no datasets at {} (set ENGAGE_DATASETS to run these tests)",
                    dir.display()
                );
                None
            }
        }
    }
}

fn expected() -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/datasets/expected.json");
    serde_json::from_str(&std::fs::read_to_string(path).expect("expected.json")).expect("JSON")
}

fn iso(utc: i64) -> String {
    Timestamp { utc, offset_min: 0 }
        .to_chrono()
        .expect("a time")
        .format("%Y-%m-%dT%H:%M:%SZ")
        .to_string()
}

/// Sum and number of known values of a column.
fn sum_known(column: &CountColumn) -> (u64, u64) {
    column
        .iter()
        .flatten()
        .fold((0, 0), |(s, k), v| (s + v, k + 1))
}

/// Checks one record kind's count, range, sums and known counts against the script's.
fn check_kind(
    what: &str,
    expected: Option<&Value>,
    count: usize,
    range: Option<(String, String)>,
    columns: &[(&str, &CountColumn)],
    problems: &mut Vec<String>,
) {
    let Some(e) = expected else {
        if count > 0 {
            problems.push(format!("{what}: {count} rows, the script expects none"));
        }
        return;
    };
    if e["count"] != count {
        problems.push(format!("{what}: {count} rows, expected {}", e["count"]));
    }
    if let Some((first, last)) = range
        && (e["first"] != first.as_str() || e["last"] != last.as_str())
    {
        problems.push(format!(
            "{what}: range {first}..{last}, expected {}..{}",
            e["first"], e["last"]
        ));
    }
    for (name, column) in columns {
        let (sum, known) = sum_known(column);
        match (e["sums"].get(name), e["known"].get(name)) {
            (Some(s), Some(k)) if *s != sum || *k != known => problems.push(format!(
                "{what}.{name}: sum {sum} over {known} known, expected {s} over {k}"
            )),
            (Some(_), Some(_)) => {}
            _ if known > 0 => problems.push(format!(
                "{what}.{name}: {known} values, the script maps no such column"
            )),
            _ => {}
        }
    }
}

fn post_columns(store: &Store) -> Vec<(&'static str, &CountColumn)> {
    PostCount::ALL
        .iter()
        .map(|&f| (f.name(), &store.posts.counts[f as usize]))
        .collect()
}

fn daily_columns(store: &Store) -> Vec<(&'static str, &CountColumn)> {
    DailyCount::ALL
        .iter()
        .map(|&f| (f.name(), &store.daily.counts[f as usize]))
        .collect()
}

fn web_columns(store: &Store) -> Vec<(&'static str, &CountColumn)> {
    WebCount::ALL
        .iter()
        .map(|&f| (f.name(), &store.web.counts[f as usize]))
        .collect()
}

fn check_store(name: &str, store: &Store, e: &Value, problems: &mut Vec<String>) {
    let p = &store.posts;
    let range = (!p.published.is_empty()).then(|| {
        let min = p.published.iter().min().copied().unwrap_or(0);
        let max = p.published.iter().max().copied().unwrap_or(0);
        (iso(min), iso(max))
    });
    check_kind(
        &format!("{name}: posts"),
        e.get("posts"),
        p.len(),
        range,
        &post_columns(store),
        problems,
    );
    let days = |d: &[i32]| {
        (!d.is_empty()).then(|| {
            let min = d.iter().min().copied().unwrap_or(0);
            let max = d.iter().max().copied().unwrap_or(0);
            (format_date(min), format_date(max))
        })
    };
    check_kind(
        &format!("{name}: daily"),
        e.get("daily"),
        store.daily.len(),
        days(&store.daily.day),
        &daily_columns(store),
        problems,
    );
    check_kind(
        &format!("{name}: web"),
        e.get("web"),
        store.web.len(),
        days(&store.web.day),
        &web_columns(store),
        problems,
    );
    let mut totals: Vec<BTreeMap<String, Value>> = store
        .web_totals
        .iter()
        .map(|t| {
            let mut m = BTreeMap::new();
            m.insert("from".into(), Value::from(format_date(t.from)));
            m.insert("to".into(), Value::from(format_date(t.to)));
            m.insert("channel".into(), Value::from(t.channel.name()));
            for f in WebCount::ALL {
                if let Some(v) = t.counts[*f as usize] {
                    m.insert(f.name().into(), Value::from(v));
                }
            }
            m
        })
        .collect();
    totals.sort_by(|a, b| a["channel"].as_str().cmp(&b["channel"].as_str()));
    let want: Vec<BTreeMap<String, Value>> = e
        .get("web_totals")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .map(|t| serde_json::from_value(t.clone()).expect("a web total"))
                .collect()
        })
        .unwrap_or_default();
    if totals != want {
        problems.push(format!("{name}: web_totals {totals:?}, expected {want:?}"));
    }
}

#[test]
fn every_export_imports_with_the_numbers_computed_independently() {
    let Some(dir) = datasets() else { return };
    let expected = expected();
    let files = expected["files"].as_object().expect("files");
    let found = expand(&dir).files;
    let found: Vec<PathBuf> = found
        .into_iter()
        .filter(|p| !p.ends_with("README.md"))
        .collect();
    let rel = |p: &Path| {
        p.strip_prefix(&dir)
            .expect("inside the folder")
            .to_string_lossy()
            .replace('\\', "/")
    };
    let mut problems = Vec::new();
    for path in &found {
        if !files.contains_key(&rel(path)) {
            problems.push(format!(
                "{}: no expected figures (run expected.py)",
                rel(path)
            ));
        }
    }
    for (name, e) in files {
        let path = dir.join(name);
        assert!(
            path.is_file(),
            "{} is missing: the dataset tests were told to read it",
            path.display()
        );
        let imported = import_file(&path, &Options::default());
        let r = &imported.report;
        if r.family_id != e["family"].as_str() {
            problems.push(format!(
                "{name}: family {:?}, expected {}",
                r.family_id, e["family"]
            ));
            continue;
        }
        if e["account"].is_string() && r.account.as_deref() != e["account"].as_str() {
            problems.push(format!(
                "{name}: account {:?}, expected {}",
                r.account, e["account"]
            ));
        }
        let counts = (r.rows_read, r.rows_imported, r.rows_skipped());
        let want = (&e["rows_read"], &e["rows_imported"], &e["rows_skipped"]);
        if *want.0 != counts.0 || *want.1 != counts.1 || *want.2 != counts.2 {
            problems.push(format!(
                "{name}: rows read/imported/skipped {counts:?}, expected {want:?} ({:?})",
                r.skipped
            ));
        }
        if !r.bad_cells.is_empty() {
            problems.push(format!("{name}: unreadable cells {:?}", r.bad_cells));
        }
        match &imported.store {
            Some(store) => check_store(name, store, e, &mut problems),
            None if *want.1 != 0 => problems.push(format!("{name}: nothing imported")),
            None => {}
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn each_folder_merges_as_the_script_says() {
    let Some(dir) = datasets() else { return };
    let expected = expected();
    let mut problems = Vec::new();
    for (folder, e) in expected["merged"].as_object().expect("merged") {
        let opened = engage::open::open(
            &Source::Files(vec![dir.join(folder)]),
            &Options::default(),
            &LoadControl::default(),
        )
        .expect("not cancelled");
        let store = opened.loaded.store.expect("a store");
        let got = [
            ("posts", store.posts.len()),
            ("daily", store.daily.len()),
            ("web", store.web.len()),
            ("web_totals", store.web_totals.len()),
        ];
        for (kind, n) in got {
            if e[kind] != n {
                problems.push(format!("{folder}: {n} {kind}, expected {}", e[kind]));
            }
        }
        let sums = [
            ("post", post_columns(&store)),
            ("daily", daily_columns(&store)),
            ("web", web_columns(&store)),
        ];
        for (kind, columns) in sums {
            for (name, column) in columns {
                let (sum, known) = sum_known(column);
                let want_sum = &e[format!("{kind}_sums")][name];
                let want_known = &e[format!("{kind}_known")][name];
                let matches = if want_sum.is_null() {
                    known == 0
                } else {
                    *want_sum == sum && *want_known == known
                };
                if !matches {
                    problems.push(format!(
                        "{folder}: {kind}.{name} sum {sum} over {known}, expected {want_sum} over {want_known}"
                    ));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The report's value of metric `id` for `paths` over `from..to`.
fn report_value(paths: &[PathBuf], metrics: &[&str], from: &str, to: &str) -> Value {
    let mut cmd = crate::common::engage_bin();
    cmd.env_remove("ENGAGE_HOME").arg("report");
    for m in metrics {
        cmd.args(["--metric", m]);
    }
    let out = cmd
        .args(["--from", from, "--to", to, "--format", "json"])
        .args(paths)
        .assert()
        .success();
    serde_json::from_slice(&out.get_output().stdout).expect("report JSON")
}

fn metric<'a>(report: &'a Value, id: &str) -> &'a Value {
    report["metrics"]
        .as_array()
        .expect("metrics")
        .iter()
        .find(|m| m["id"] == id)
        .unwrap_or_else(|| panic!("no {id} in {report}"))
}

fn close(got: &Value, want: f64, what: &str) {
    let got = got["value"]
        .as_f64()
        .unwrap_or_else(|| panic!("{what}: no value: {got}"));
    assert!((got - want).abs() < 1e-12, "{what}: {got}, expected {want}");
}

/// `engage report` on the real exports gives the figures the script's sums imply.
#[test]
fn reports_on_the_real_exports_agree_with_the_independent_sums() {
    let Some(dir) = datasets() else { return };
    let expected = expected();
    let merged = &expected["merged"];
    let num = |v: &Value| v.as_f64().expect("a number");

    // X classic, the whole year: clicks / impressions and comments per post, over all posts.
    let tw = &merged["twitter-debruine"];
    let report = report_value(
        &[dir.join("twitter-debruine")],
        &["ctr", "conversation_rate", "applause_rate"],
        "2021-01-01",
        "2021-12-31",
    );
    close(
        metric(&report, "ctr"),
        num(&tw["post_sums"]["clicks"]) / num(&tw["post_sums"]["impressions"]),
        "twitter ctr",
    );
    close(
        metric(&report, "conversation_rate"),
        num(&tw["post_sums"]["comments"]) / num(&tw["posts"]),
        "twitter conversation rate",
    );
    close(
        metric(&report, "applause_rate"),
        num(&tw["post_sums"]["likes"]) / num(&tw["posts"]),
        "twitter applause rate",
    );

    // Facebook page, its whole daily range: net follows = new likes - unlikes.
    let fb = &merged["facebook-page-insights-vicstudio"];
    let report = report_value(
        &[dir.join("facebook-page-insights-vicstudio")],
        &["net_follows"],
        "2014-01-01",
        "2016-02-15",
    );
    close(
        metric(&report, "net_follows"),
        num(&fb["daily_sums"]["follows"]) - num(&fb["daily_sums"]["unfollows"]),
        "facebook net follows",
    );

    // GA4: the channel table covers exactly the snapshot's range, so direct share is direct
    // sessions over all sessions of that range (never spread over days).
    let ga = &expected["files"]["ga4-reports-snapshot/Reports_snapshot_lazytimer.csv"];
    let totals = ga["web_totals"].as_array().expect("totals");
    let all: f64 = totals.iter().map(|t| num(&t["sessions"])).sum();
    let direct = totals
        .iter()
        .find(|t| t["channel"] == "direct")
        .map(|t| num(&t["sessions"]))
        .expect("direct");
    let report = report_value(
        &[dir.join("ga4-reports-snapshot")],
        &["direct_share", "sessions"],
        totals[0]["from"].as_str().unwrap(),
        totals[0]["to"].as_str().unwrap(),
    );
    close(
        metric(&report, "direct_share"),
        direct / all,
        "GA4 direct share",
    );
    close(metric(&report, "sessions"), all, "GA4 sessions");
}

/// Every dataset folder opens in the app, and every step draws.
#[test]
fn every_dataset_opens_in_the_app() {
    use engage::tui::Options;
    use engage::tui::app::Msg;
    let Some(dir) = datasets() else { return };
    for folder in expected()["merged"].as_object().expect("merged").keys() {
        let home = tempfile::tempdir().unwrap();
        let mut app = engage::tui::prepare(&Options {
            paths: vec![dir.join(folder)],
            fresh: true,
            home: Some(home.path().to_path_buf()),
            import: Default::default(),
        })
        .expect("prepare");
        let source = app.load_request.take().expect("a load was requested");
        let result = engage::tui::load_now(source, &Default::default(), &LoadControl::default());
        app.update(Msg::Loaded(Box::new(result)));
        assert!(app.model.data.store.is_some(), "{folder} loads in the app");
        for step in ['1', '2', '3', '4', '5'] {
            app.update(Msg::Key(crossterm::event::KeyEvent::from(
                crossterm::event::KeyCode::Char(step),
            )));
            for (w, h) in [(120, 40), (80, 24)] {
                let mut terminal =
                    ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).unwrap();
                terminal
                    .draw(|f| engage::tui::view::render(f, &app))
                    .unwrap();
            }
        }
    }
}

/// X's classic exports write texts HTML-escaped (`&gt;` 237 times, `&lt;` 166, `&amp;` 44 in
/// 2021; none escaped twice): imported, no text keeps an entity, and a quoted reply reads
/// as written.
#[test]
fn x_texts_are_unescaped() {
    let Some(dir) = datasets() else { return };
    let files = expand(&dir.join("twitter-debruine")).files;
    let mut posts = 0;
    for path in files.iter().filter(|p| {
        p.file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with("tweet_"))
    }) {
        let store = import_file(path, &Options::default()).store.expect("posts");
        for row in 0..store.posts.len() {
            let text = store.posts.text.get(row);
            assert!(
                !["&gt;", "&lt;", "&amp;"].iter().any(|e| text.contains(e)),
                "{}: {text}",
                path.display()
            );
            if store.posts.id.get(row) == "1376918184746450947" {
                assert!(text.starts_with("> Has anyone found a way to structure unpaid lab"));
            }
            if store.posts.id.get(row) == "1357724001540460545" {
                assert!(text.contains("by @CechErin & @Tom_Waidzunas"), "{text}");
            }
        }
        posts += store.posts.len();
    }
    assert_eq!(posts, 3087);
}
