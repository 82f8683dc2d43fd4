//! The lenses on a small snapshot worked by hand, the demo's planted truths, the shared
//! datasets through every lens, and `engage explore` as scripts see it.
//!
//! Fixture (days at +07:00; window 2026-10-05..11; interactions = likes + comments + shares):
//!
//! | post | account | local time       | likes | comm. | shares | reach | tags        | ER reach |
//! |------|---------|------------------|-------|-------|--------|-------|-------------|----------|
//! | p1   | a       | Mon 10-05 09:10  | 10    | 0     | 2      | 100   | promo       | 0.12     |
//! | p2   | a       | Mon 10-05 09:40  | 30    |       | 1      | 200   | news        | 0.155    |
//! | p3   | a       | Tue 10-06 20:00  | 5     |       |        | 50    | news, promo | 0.10     |
//! | p4   | b       | Tue 10-06 20:30  | 8     | 2     |        | 40    |             | 0.25     |
//! | p5   | b       | Thu 10-08 06:30  | 4     |       |        |       |             | none     |

use std::sync::Arc;

use assert_cmd::Command;
use engage::analysis::LensError;
use engage::analysis::best_time::best_time;
use engage::analysis::breakdown::breakdown;
use engage::analysis::content::{Content, LEXICON, Rule, content_lens, lexicon_words};
use engage::analysis::dims::Dim;
use engage::calendar::parse_date;
use engage::measure::{Prepared, Segment, Window, metric};
use engage::snapshot::{LoadControl, parse_snapshot};
use predicates::prelude::*;

fn fixture(with_tags: bool) -> String {
    let tags = |t: &str| {
        if with_tags {
            t.to_owned()
        } else {
            "[]".to_owned()
        }
    };
    format!(
        r#"{{"format":"engage-snapshot","version":1,"utc_offset":"+07:00",
        "accounts":[{{"id":"a","platform":"instagram"}},{{"id":"b","platform":"x"}}],
        "posts":[
         {{"id":"p1","account":"a","published_at":"2026-10-05T09:10:00+07:00","format":"photo","likes":10,"comments":0,"shares":2,"reach":100,"tags":{},"text":"Diskon 50% hari ini"}},
         {{"id":"p2","account":"a","published_at":"2026-10-05T09:40:00+07:00","format":"photo","likes":30,"shares":1,"reach":200,"tags":{},"text":"Berita hari ini"}},
         {{"id":"p3","account":"a","published_at":"2026-10-06T20:00:00+07:00","format":"video","likes":5,"reach":50,"tags":{},"text":"wholesale prices explained"}},
         {{"id":"p4","account":"b","published_at":"2026-10-06T13:30:00Z","format":"text","likes":8,"comments":2,"reach":40,"text":"Cerita warga"}},
         {{"id":"p5","account":"b","published_at":"2026-10-07T23:30:00Z","format":"text","likes":4,"text":"Kabar pagi"}}]}}"#,
        tags(r#"["promo"]"#),
        tags(r#"["news"]"#),
        tags(r#"["news","promo"]"#)
    )
}

fn prepared(with_tags: bool) -> Prepared {
    let text = fixture(with_tags);
    let parsed = parse_snapshot(text.as_bytes(), "lens.json", LoadControl::default()).unwrap();
    Prepared::new(Arc::new(parsed.store.expect("valid")))
}

fn w() -> Window {
    Window::new(
        parse_date("2026-10-05").unwrap(),
        parse_date("2026-10-11").unwrap(),
    )
    .unwrap()
}

#[track_caller]
fn close(a: Option<f64>, b: f64) {
    let a = a.unwrap_or_else(|| panic!("expected {b}, got none"));
    assert!((a - b).abs() < 1e-12, "{a} vs {b}");
}

#[test]
fn breakdown_by_account_and_tag_by_hand() {
    let p = prepared(true);
    let content = Content::default_for(&p);
    let er = metric("er_reach").unwrap();
    let b = breakdown(&p, er, w(), &Segment::default(), &[Dim::Account], &content).unwrap();
    assert_eq!(b.groups.len(), 2);
    let a = &b.groups[0];
    assert_eq!(a.keys, [(Dim::Account, "a".to_owned())]);
    close(a.figure.value, (0.12 + 0.155 + 0.10) / 3.0);
    let s = a.spread.as_ref().unwrap();
    assert_eq!((s.used, a.posts), (3, 3));
    close(Some(s.median), 0.12);
    close(Some(s.p25), 0.11); // 0.10 + 0.5 x (0.12 - 0.10)
    close(Some(s.p75), 0.1375); // 0.12 + 0.5 x (0.155 - 0.12)
    close(Some(s.mean), 0.125);
    let (lo, hi) = s.ci95.unwrap();
    assert!(
        lo >= 0.10 && hi <= 0.155 && lo <= 0.12 && hi >= 0.12,
        "{lo}..{hi}"
    );
    assert!(a.small, "3 posts");
    let bb = &b.groups[1];
    close(bb.figure.value, 0.25);
    let s = bb.spread.as_ref().unwrap();
    assert_eq!((s.used, bb.posts), (1, 2), "p5 has no reach");
    assert_eq!(s.ci95, None, "one value has no interval");
    // By tag: p3 counts in news and in promo; the untagged posts have their own group.
    let t = breakdown(&p, er, w(), &Segment::default(), &[Dim::Tag], &content).unwrap();
    let keys: Vec<&str> = t.groups.iter().map(|g| g.keys[0].1.as_str()).collect();
    assert_eq!(keys, ["(no tag)", "news", "promo"]);
    close(t.groups[0].figure.value, 0.25);
    close(t.groups[1].figure.value, (0.155 + 0.10) / 2.0);
    close(t.groups[2].figure.value, (0.12 + 0.10) / 2.0);
    // Sums have shares of the total (no post counted twice in the total): 48 and 14 of 62.
    let i = metric("interactions").unwrap();
    let s = breakdown(&p, i, w(), &Segment::default(), &[Dim::Account], &content).unwrap();
    close(s.total.value, 62.0);
    close(s.groups[0].share, 48.0 / 62.0);
    close(s.groups[1].share, 14.0 / 62.0);
    // Two dimensions: account x weekday.
    let two = breakdown(
        &p,
        er,
        w(),
        &Segment::default(),
        &[Dim::Account, Dim::Weekday],
        &content,
    )
    .unwrap();
    let keys: Vec<(String, String)> = two
        .groups
        .iter()
        .map(|g| (g.keys[0].1.clone(), g.keys[1].1.clone()))
        .collect();
    let pair = |a: &str, b: &str| (a.to_owned(), b.to_owned());
    assert_eq!(
        keys,
        [
            pair("a", "1"),
            pair("a", "2"),
            pair("b", "2"),
            pair("b", "4")
        ]
    );
    close(two.groups[0].figure.value, (0.12 + 0.155) / 2.0);
}

#[test]
fn lenses_refuse_what_they_cannot_answer() {
    let p = prepared(true);
    let content = Content::default_for(&p);
    let growth = metric("follower_growth_rate").unwrap();
    assert_eq!(
        breakdown(
            &p,
            growth,
            w(),
            &Segment::default(),
            &[Dim::Weekday],
            &content
        ),
        Err(LensError::NotPerPost {
            metric: "follower_growth_rate",
            dim: "weekday"
        })
    );
    // A website metric has no account, platform or post to break down by.
    let sessions = metric("sessions").unwrap();
    assert_eq!(
        breakdown(
            &p,
            sessions,
            w(),
            &Segment::default(),
            &[Dim::Account],
            &content
        ),
        Err(LensError::Website {
            metric: "sessions",
            dim: "account"
        })
    );
    let volume = metric("posts_per_week").unwrap();
    assert_eq!(
        best_time(&p, volume, w(), &Segment::default()).err(),
        Some(LensError::NoPerPostValue("posts_per_week"))
    );
    assert_eq!(
        breakdown(&p, volume, w(), &Segment::default(), &[], &content).err(),
        Some(LensError::Dimensions)
    );
}

#[test]
fn best_time_by_hand() {
    let p = prepared(true);
    let cells = best_time(&p, metric("er_reach").unwrap(), w(), &Segment::default()).unwrap();
    assert_eq!(cells.len(), 168);
    let cell = |wd: u8, h: u8| {
        cells
            .iter()
            .find(|c| c.weekday == wd && c.hour == h)
            .unwrap()
    };
    // Monday 09h: p1 and p2.
    let mon = cell(1, 9);
    assert_eq!(mon.posts, 2);
    close(mon.median, 0.1375);
    close(mon.figure.value, 0.1375);
    assert!(mon.small, "fewer than 3 posts");
    // Tuesday 20h: p3 at +07:00, and p4 written at 13:30Z (20:30 at +07:00).
    let tue = cell(2, 20);
    assert_eq!(tue.posts, 2);
    close(tue.median, 0.175);
    // Thursday 06h: p5 (23:30Z on the 7th) has no reach: no post with a value.
    let thu = cell(4, 6);
    assert_eq!((thu.posts, thu.median), (0, None));
    assert_eq!(cells.iter().map(|c| c.posts).sum::<u64>(), 4);
}

#[test]
fn content_by_tags_and_by_lexicon() {
    let p = prepared(true);
    let er = metric("er_reach").unwrap();
    let content = Content::default_for(&p);
    assert_eq!(content.rule, Rule::Tags(vec!["promo".to_owned()]));
    let c = content_lens(&p, er, w(), &Segment::default(), &content).unwrap();
    // Promo: p1 0.12, p3 0.10 -> median 0.11; audience-first: p2 0.155, p4 0.25 -> 0.2025.
    let (ratio, ci) = c.ratio.unwrap();
    close(Some(ratio), 0.11 / 0.2025);
    let (lo, hi) = ci.unwrap();
    assert!(
        lo >= 0.10 / 0.25 - 1e-12 && hi <= 0.12 / 0.155 + 1e-12,
        "{lo}..{hi}"
    );
    assert_eq!(c.worst[0][0].id, "p3");
    assert_eq!(c.best[1][0].id, "p4");
    let groups: Vec<&str> = c
        .breakdown
        .groups
        .iter()
        .map(|g| g.keys[0].1.as_str())
        .collect();
    assert_eq!(groups, ["audience-first", "promo"]);
    // Without promo tags, the lexicon decides: `diskon` in p1; `wholesale` is not `sale`.
    let untagged = prepared(false);
    let content = Content::default_for(&untagged);
    assert_eq!(
        content.rule,
        Rule::Lexicon {
            words: lexicon_words(LEXICON).len()
        }
    );
    let c = content_lens(&untagged, er, w(), &Segment::default(), &content).unwrap();
    let promo = &c.breakdown.groups[1];
    assert_eq!((promo.keys[0].1.as_str(), promo.posts), ("promo", 1));
    // No post matches at all: every post is audience-first, and there is no ratio.
    let none = Content::classify(&untagged, &["promo".to_owned()], &["zzz".to_owned()]);
    let c = content_lens(&untagged, er, w(), &Segment::default(), &none).unwrap();
    assert_eq!(c.breakdown.groups.len(), 1);
    assert_eq!(c.ratio, None);
}

/// The demo's planted truth: promo posts engage at 0.45x the others' interactions, so their
/// median engagement rate is well below, with an interval that excludes 1.
#[test]
fn the_demo_promo_gap_comes_out() {
    let out = Command::cargo_bin("engage")
        .unwrap()
        .args([
            "explore",
            "content",
            "--metric",
            "er_impressions",
            "--last",
            "365d",
        ])
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["engage_explore"], 1);
    assert_eq!(v["lens"], "content");
    assert_eq!(v["rule"], "posts tagged promo are promo");
    let ratio = v["ratio"]["value"].as_f64().unwrap();
    let hi = v["ratio"]["ci95"][1].as_f64().unwrap();
    assert!(ratio < 0.6 && hi < 1.0, "{ratio} (..{hi})");
    let groups = v["groups"].as_array().unwrap();
    assert_eq!(groups[0]["keys"]["content"], "audience-first");
    assert!(groups[1]["median"].as_f64().unwrap() < groups[0]["median"].as_f64().unwrap());
}

#[test]
fn explore_on_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("lens.json");
    std::fs::write(&file, fixture(true)).unwrap();
    let run = |args: &[&str]| {
        let mut c = Command::cargo_bin("engage").unwrap();
        c.arg("explore").args(args).arg(&file);
        c.args(["--from", "2026-10-05", "--to", "2026-10-11"]);
        c
    };
    let out = run(&[
        "breakdown",
        "--metric",
        "er_reach",
        "--by",
        "account,format",
        "--format",
        "json",
    ])
    .output()
    .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["by"], serde_json::json!(["account", "format"]));
    let g = &v["groups"][0];
    assert_eq!(
        g["keys"],
        serde_json::json!({"account": "a", "format": "photo"})
    );
    assert!((g["value"].as_f64().unwrap() - 0.1375).abs() < 1e-12);
    assert_eq!(
        (g["used"].as_u64(), g["left_out"].as_u64()),
        (Some(2), Some(0))
    );
    assert_eq!(g["ci95"].as_array().map(Vec::len), Some(2));
    // CSV: one row per group, text cells safe for spreadsheets.
    let csv = run(&["breakdown", "--by", "tag", "--format", "csv"])
        .output()
        .unwrap();
    let text = String::from_utf8(csv.stdout).unwrap();
    assert!(
        text.starts_with("tag,value,used,left_out,posts,mean,median"),
        "{text}"
    );
    assert_eq!(text.lines().count(), 4);
    // Best time in JSON: 168 cells with the caveat.
    let out = run(&["best-time", "--format", "json"]).output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["cells"].as_array().map(Vec::len), Some(168));
    assert!(v["caveat"].as_str().unwrap().contains("confounded"));
    // Refusals: a bad dimension is usage (2), a daily metric by weekday is bad input (1).
    run(&["breakdown", "--by", "colour"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "expected account, platform, format",
        ));
    run(&[
        "breakdown",
        "--metric",
        "follower_growth_rate",
        "--by",
        "hour",
    ])
    .assert()
    .code(1)
    .stderr(predicate::str::contains(
        "follower_growth_rate is not a post metric",
    ));
    run(&["breakdown", "--metric", "sessions"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "sessions is measured on the website",
        ));
    run(&["breakdown", "--segment", "account=zz"])
        .assert()
        .code(1);
}

/// Every shared dataset goes through every lens without an error.
#[test]
fn the_shared_datasets_go_through_every_lens() {
    let Some(root) = crate::datasets::datasets() else {
        return;
    };
    for entry in std::fs::read_dir(&root).unwrap() {
        let path = entry.unwrap().path();
        if !path.is_dir() {
            continue;
        }
        for lens in [
            "breakdown",
            "best-time",
            "content",
            "breakouts",
            "followers",
        ] {
            let out = Command::cargo_bin("engage")
                .unwrap()
                .args(["explore", lens, "--last", "3650d", "--format", "json"])
                .arg(&path)
                .output()
                .unwrap();
            let err = String::from_utf8_lossy(&out.stderr);
            // A lens may refuse a metric the data cannot support, never crash or emit junk.
            if out.status.success() {
                let v: serde_json::Value = serde_json::from_slice(&out.stdout)
                    .unwrap_or_else(|e| panic!("{lens} on {}: {e}", path.display()));
                assert_eq!(v["lens"], lens);
            } else {
                assert_eq!(
                    out.status.code(),
                    Some(1),
                    "{lens} on {}: {err}",
                    path.display()
                );
                assert!(err.starts_with("engage: error:"), "{err}");
            }
        }
    }
}

/// A snapshot for breakouts: account `a` has 20 posts on 2026-09-01..20 with ER by reach
/// 0.010..0.029 (interactions 10..29 on reach 1,000), then p on 10-05 at 0.1 and q on 10-06
/// at 0.03; `b` has only 19 earlier posts before a huge one; `c` has 20 equal earlier posts
/// (MAD 0) before a huge one.
fn breakout_fixture() -> Prepared {
    let mut posts = Vec::new();
    let mut post = |id: String, account: &str, day: &str, likes: u64| {
        posts.push(format!(
            r#"{{"id":"{id}","account":"{account}","published_at":"{day}T12:00:00Z","format":"photo","likes":{likes},"reach":1000}}"#
        ));
    };
    for k in 0..20u64 {
        post(
            format!("a{k}"),
            "a",
            &format!("2026-09-{:02}", k + 1),
            10 + k,
        );
        post(format!("c{k}"), "c", &format!("2026-09-{:02}", k + 1), 20);
        if k < 19 {
            post(
                format!("b{k}"),
                "b",
                &format!("2026-09-{:02}", k + 1),
                10 + k,
            );
        }
    }
    post("p".into(), "a", "2026-10-05", 100);
    post("q".into(), "a", "2026-10-06", 30);
    post("bigb".into(), "b", "2026-10-05", 500);
    post("bigc".into(), "c", "2026-10-05", 500);
    let text = format!(
        r#"{{"format":"engage-snapshot","version":1,
        "accounts":[{{"id":"a","platform":"instagram"}},{{"id":"b","platform":"x"}},{{"id":"c","platform":"x"}}],
        "posts":[{}]}}"#,
        posts.join(",")
    );
    let parsed = parse_snapshot(text.as_bytes(), "b.json", LoadControl::default()).unwrap();
    Prepared::new(Arc::new(parsed.store.expect("valid")))
}

#[test]
fn breakouts_by_hand() {
    use engage::analysis::breakouts::breakouts;
    let p = breakout_fixture();
    let october = Window::new(
        parse_date("2026-10-01").unwrap(),
        parse_date("2026-10-31").unwrap(),
    )
    .unwrap();
    let found = breakouts(
        &p,
        metric("er_reach").unwrap(),
        october,
        &Segment::default(),
    )
    .unwrap();
    // Only p: q is ordinary, b has 19 baseline posts (not judged), c's baseline has MAD 0.
    assert_eq!(found.len(), 1, "{found:?}");
    let b = &found[0];
    assert_eq!((b.post.id.as_str(), b.post.account.as_str()), ("p", "a"));
    assert_eq!(b.baseline_posts, 20);
    // By hand: logs of 0.010..0.029; median between the 10th and 11th (0.019 and 0.020).
    let mut logs: Vec<f64> = (10..30).map(|i| (f64::from(i) / 1000.0).ln()).collect();
    logs.sort_by(f64::total_cmp);
    let median = (logs[9] + logs[10]) / 2.0;
    let mut dev: Vec<f64> = logs.iter().map(|l| (l - median).abs()).collect();
    dev.sort_by(f64::total_cmp);
    let mad = (dev[9] + dev[10]) / 2.0;
    let z = (0.1f64.ln() - median) / (1.4826 * mad);
    assert!((b.z - z).abs() < 1e-9, "{} vs {z}", b.z);
    assert!(z >= 3.5);
    assert!((b.post.value - 0.1).abs() < 1e-15);
    assert!((b.baseline_median - median.exp()).abs() < 1e-12);
    assert!((b.multiple - 0.1 / median.exp()).abs() < 1e-9);
    // Judged alone, the post gets the same verdict (the follower lens asks this way).
    let alone = engage::analysis::breakouts::breakout_of(
        &p,
        metric("er_reach").unwrap(),
        b.post.row,
        &Segment::default(),
    )
    .unwrap();
    assert_eq!(&alone, b);
    // The window holds only the candidates; with the window before them, nothing.
    let september = Window::new(
        parse_date("2026-09-01").unwrap(),
        parse_date("2026-09-30").unwrap(),
    )
    .unwrap();
    assert!(
        breakouts(
            &p,
            metric("er_reach").unwrap(),
            september,
            &Segment::default()
        )
        .unwrap()
        .is_empty()
    );
}

/// The demo's viral posts come out as breakouts by ER by followers.
#[test]
fn the_demo_viral_posts_break_out() {
    let out = Command::cargo_bin("engage")
        .unwrap()
        .args([
            "explore",
            "breakouts",
            "--metric",
            "er_followers",
            "--last",
            "730d",
        ])
        .args(["--format", "json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let posts = v["posts"].as_array().unwrap();
    let big = posts
        .iter()
        .filter(|p| p["multiple"].as_f64().unwrap() > 20.0)
        .count();
    assert!(big >= 6, "the viral posts: {posts:?}");
    assert!(posts.iter().all(|p| p["z"].as_f64().unwrap() >= 3.5));
}

/// Daily rows for the follower lens, worked by hand. Gains on 2026-09-k are 9 (k odd) or 11
/// (k even), so the 28 days before 10-01 (09-03..09-30) have median 10 and MAD 1; on 10-01:
/// * `a` gains 500 with 20 follows, ordinary impressions and no post, then loses 20 a day
///   over 10-02..11: an unexplained jump (z = 490 / 1.4826), round, churning 200;
/// * `b` gains 500 while impressions jump from about 1,000 to 50,000: explained;
/// * `c` has no follower count: follows (10 or 12, unfollows 0) are its gains; 300 follows
///   on 10-01 are a jump, judged on z alone;
/// * `d` gains exactly 10 every day (MAD 0): its +500 is not judged;
/// * `e` has 1,000,000 followers: +1,000 is under 0.25% of them, not material.
fn followers_fixture() -> Prepared {
    let mut daily = Vec::new();
    let day = |k: i32| {
        let d = parse_date("2026-08-31").unwrap() + k;
        engage::calendar::format_date(d)
    };
    for (account, base) in [("a", 1000u64), ("b", 1000), ("d", 1000), ("e", 1_000_000)] {
        let mut f = base;
        daily.push(format!(
            r#"{{"account":"{account}","date":"{}","followers":{f}}}"#,
            day(0)
        ));
        for k in 1..=45 {
            let gain: i64 = match (account, k) {
                (_, 31) if account == "e" => 1000,
                (_, 31) => 500,
                ("a", 32..=41) => -20,
                (_, 32..=45) => 0,
                ("d", _) => 10,
                _ => {
                    if k % 2 == 1 {
                        9
                    } else {
                        11
                    }
                }
            };
            f = (f as i64 + gain) as u64;
            let impressions = match (account, k) {
                ("b", 31) => 50_000,
                _ => 1000 + (k % 3) as u64,
            };
            let follows = if account == "a" && k == 31 { 20 } else { 10 };
            daily.push(format!(
                r#"{{"account":"{account}","date":"{}","followers":{f},"impressions":{impressions},"follows":{follows}}}"#,
                day(k)
            ));
        }
    }
    for k in 1..=45 {
        let follows = if k == 31 {
            300
        } else if k % 2 == 1 {
            10
        } else {
            12
        };
        daily.push(format!(
            r#"{{"account":"c","date":"{}","follows":{follows},"unfollows":0}}"#,
            day(k)
        ));
    }
    let text = format!(
        r#"{{"format":"engage-snapshot","version":1,
        "accounts":[{{"id":"a","platform":"instagram"}},{{"id":"b","platform":"instagram"}},{{"id":"c","platform":"x"}},{{"id":"d","platform":"x"}},{{"id":"e","platform":"x"}}],
        "posts":[],"daily":[{}]}}"#,
        daily.join(",")
    );
    let parsed = parse_snapshot(text.as_bytes(), "f.json", LoadControl::default()).unwrap();
    Prepared::new(Arc::new(parsed.store.expect("valid")))
}

#[test]
fn follower_jumps_by_hand() {
    use engage::analysis::followers::jumps;
    let p = followers_fixture();
    let october = Window::new(
        parse_date("2026-10-01").unwrap(),
        parse_date("2026-10-15").unwrap(),
    )
    .unwrap();
    let found = jumps(&p, october, &Segment::default());
    let who: Vec<(&str, String, i64, bool)> = found
        .iter()
        .map(|j| {
            (
                j.account.as_str(),
                engage::calendar::format_date(j.day),
                j.gain,
                j.unexplained,
            )
        })
        .collect();
    let day = "2026-10-01".to_owned();
    assert_eq!(
        who,
        [
            ("a", day.clone(), 500, true),
            ("b", day.clone(), 500, false),
            ("c", day, 300, true)
        ]
    );
    let a = &found[0];
    assert!((a.z - 490.0 / 1.4826).abs() < 1e-9, "{}", a.z);
    assert_eq!(
        a.evidence[..4],
        [
            "a round number: +500 (within 2% of a multiple of 500)",
            "follows that day: 20 against a gain of 500",
            "no post that day or the day before",
            "churn: 200 lost within 30 days (40% of the gain)",
        ]
    );
    assert!(
        found[1].explained_by[0]
            .english()
            .starts_with("impressions rose on 2026-10-01")
    );
    // The same evidence in Indonesian.
    engage::i18n::with_lang(engage::i18n::Lang::Id, || {
        assert_eq!(
            a.evidence[3].to_string(),
            "churn: 200 hilang dalam 30 hari (40% dari pertambahan)"
        );
    });
    // c: follows 10/12 before (median 11, MAD 1), then 300.
    assert!((found[2].z - 289.0 / 1.4826).abs() < 1e-9);
}

/// The demo's overnight +5,000 on Instagram is its only unexplained follower jump.
#[test]
fn the_demo_jump_is_the_only_unexplained_one() {
    let out = Command::cargo_bin("engage")
        .unwrap()
        .args(["explore", "followers", "--last", "730d", "--format", "json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["metric"], serde_json::Value::Null);
    let unexplained: Vec<&serde_json::Value> = v["jumps"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|j| j["unexplained"] == true)
        .collect();
    assert_eq!(unexplained.len(), 1, "{unexplained:?}");
    let j = unexplained[0];
    assert_eq!(
        (j["account"].as_str(), j["date"].as_str()),
        (Some("ig"), Some("2026-03-14"))
    );
    assert_eq!(j["gain"], 5000);
    assert!(
        j["evidence"][0]
            .as_str()
            .unwrap()
            .starts_with("a round number")
    );
}

/// The sliding baseline finds exactly the posts that, judged one by one with a baseline
/// gathered and sorted for each, break out: on an 8,000-post demo, by two metrics.
#[test]
fn sliding_breakouts_agree_with_judging_each_post_alone() {
    use engage::analysis::breakouts::{breakout_of, breakouts};
    let spec = engage::demo::DemoSpec {
        posts: 8_000,
        days: 400,
        ..engage::demo::DemoSpec::default()
    };
    let mut bytes = Vec::new();
    engage::demo::write_demo(&spec, &mut bytes).unwrap();
    let parsed = parse_snapshot(bytes.as_slice(), "demo.json", LoadControl::default()).unwrap();
    let p = Prepared::new(Arc::new(parsed.store.expect("valid")));
    let (first, last) = p.store.day_span().unwrap();
    let all = Window::new(first, last).unwrap();
    for id in ["er_followers", "er_impressions"] {
        let m = metric(id).unwrap();
        let sliding = breakouts(&p, m, all, &Segment::default()).unwrap();
        let mut one_by_one: Vec<_> = (0..p.store.posts.len())
            .filter_map(|r| breakout_of(&p, m, r, &Segment::default()))
            .collect();
        one_by_one.sort_by(|a, b| b.z.total_cmp(&a.z).then(a.post.row.cmp(&b.post.row)));
        // The demo's viral posts break out by followers; by impressions they do not (their
        // impressions rose with their interactions).
        assert_eq!(sliding.is_empty(), id == "er_impressions", "{id}");
        assert_eq!(sliding.len(), one_by_one.len(), "{id}");
        for (s, o) in sliding.iter().zip(&one_by_one) {
            assert_eq!(s.post.row, o.post.row, "{id}");
            assert!((s.z - o.z).abs() < 1e-9, "{id}: {} vs {}", s.z, o.z);
            assert_eq!(s.baseline_posts, o.baseline_posts);
        }
    }
}

/// `engage report` carries the findings, by the rules: on the demo over two years, the
/// Instagram jump is the only unexplained one, the breakouts are the five strongest by ER by
/// followers, the promo gap's interval lies below 1, and the best and worst slots are the
/// highest and lowest medians among the best-time cells with 10 posts; with a plan, the KPIs
/// that moved most are those with the largest relative change, at most three.
#[test]
fn reports_carry_the_findings() {
    let home = tempfile::tempdir().unwrap();
    let engage = || {
        let mut c = Command::cargo_bin("engage").unwrap();
        c.env_remove("ENGAGE_HOME").arg("--home").arg(home.path());
        c
    };
    let json = |args: &[&str]| -> serde_json::Value {
        let out = engage().args(args).output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let v = json(&[
        "report", "--metric", "er_reach", "--last", "730d", "--format", "json",
    ]);
    let findings = v["findings"].as_array().unwrap();
    let of = |kind: &str| -> Vec<&serde_json::Value> {
        findings.iter().filter(|f| f["kind"] == kind).collect()
    };
    let jumps = of("unexplained_jump");
    assert_eq!(jumps.len(), 1, "{jumps:?}");
    assert!(
        jumps[0]["headline"]
            .as_str()
            .unwrap()
            .contains("ig gained +5,000 on 2026-03-14")
    );
    assert_eq!(jumps[0]["lens"], "followers");
    // Breakouts: the explore lens's five strongest by ER by followers.
    let lens = json(&[
        "explore",
        "breakouts",
        "--metric",
        "er_followers",
        "--last",
        "730d",
        "--format",
        "json",
    ]);
    let strongest: Vec<String> = lens["posts"].as_array().unwrap()[..5]
        .iter()
        .map(|p| p["id"].as_str().unwrap().to_owned())
        .collect();
    let breakouts = of("breakout");
    assert_eq!(breakouts.len(), 5);
    for (f, id) in breakouts.iter().zip(&strongest) {
        assert!(
            f["headline"].as_str().unwrap().contains(id.as_str()),
            "{f} {id}"
        );
    }
    let gap = of("promo_gap");
    assert_eq!(gap.len(), 1);
    assert!(
        gap[0]["headline"]
            .as_str()
            .unwrap()
            .starts_with("promo posts engage less than audience-first ones")
    );
    // Slots: recomputed from the best-time lens's cells.
    let cells = json(&[
        "explore",
        "best-time",
        "--metric",
        "er_reach",
        "--last",
        "730d",
        "--format",
        "json",
    ]);
    let mut enough: Vec<(f64, u64, u64)> = cells["cells"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["posts"].as_u64().unwrap() >= 10)
        .filter_map(|c| {
            Some((
                c["median"].as_f64()?,
                c["weekday"].as_u64()?,
                c["hour"].as_u64()?,
            ))
        })
        .collect();
    enough.sort_by(|a, b| b.0.total_cmp(&a.0));
    let days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    let slot = |c: (f64, u64, u64)| format!("{} {:02}:00", days[c.1 as usize - 1], c.2);
    assert!(
        of("best_slot")[0]["headline"]
            .as_str()
            .unwrap()
            .contains(&slot(enough[0]))
    );
    assert!(
        of("worst_slot")[0]["headline"]
            .as_str()
            .unwrap()
            .contains(&slot(*enough.last().unwrap()))
    );
    assert!(
        of("kpi_moved").is_empty(),
        "no previous period in two years of data"
    );
    // With a plan over 90 days: the KPIs that moved most.
    engage()
        .args(["plan", "new", "--template", "engagement", "--name", "e"])
        .assert()
        .success();
    let v = json(&["report", "--plan", "e", "--last", "90d", "--format", "json"]);
    let mut changes: Vec<(f64, String)> = v["metrics"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|m| {
            let r = m["change"]["relative"].as_f64()?;
            (r != 0.0).then(|| (r, m["id"].as_str().unwrap().to_owned()))
        })
        .collect();
    changes.sort_by(|a, b| b.0.abs().total_cmp(&a.0.abs()));
    let moved: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["kind"] == "kpi_moved")
        .map(|f| f["metric"].as_str().unwrap())
        .collect();
    let expected: Vec<&str> = changes.iter().take(3).map(|(_, m)| m.as_str()).collect();
    assert_eq!(moved, expected);
    // Markdown says the same under its own heading.
    let out = engage()
        .args(["report", "--plan", "e", "--last", "90d"])
        .output()
        .unwrap();
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(md.contains("\n## Findings\n"), "{md}");
}

/// The promo rule comes from the config's `[content]`: other tags (none in the demo: the
/// lexicon, with the config's extra words), and a bad table is refused with its place.
#[test]
fn the_promo_rule_is_a_setting() {
    let home = tempfile::tempdir().unwrap();
    let config = home.path().join("config");
    std::fs::create_dir_all(&config).unwrap();
    let run = |toml: &str| {
        std::fs::write(config.join("config.toml"), toml).unwrap();
        Command::cargo_bin("engage")
            .unwrap()
            .env_remove("ENGAGE_HOME")
            .arg("--home")
            .arg(home.path())
            .args(["explore", "content", "--last", "730d", "--format", "json"])
            .output()
            .unwrap()
    };
    let rule = |out: std::process::Output| -> String {
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        v["rule"].as_str().unwrap().to_owned()
    };
    assert_eq!(rule(run("")), "posts tagged promo are promo");
    let words = lexicon_words(LEXICON).len();
    assert_eq!(
        rule(run(
            "[content]\npromo_tags = [\"no-such-tag\"]\npromo_words = [\"kopi\"]\n"
        )),
        format!(
            "no post carries a promo tag, so posts whose text holds one of the {} words of the promo lexicon are promo",
            words + 1
        )
    );
    let out = run("[content]\npromo_tag = [\"ad\"]\n");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("config.toml:2:1: unknown field `promo_tag`"),
        "{err}"
    );
}

/// A broken file is refused by explore and report alike: its verdict (file, line:column) on
/// stderr, then what was not done, and the invalid-input status; nothing on stdout.
#[test]
fn explore_and_report_refuse_a_broken_file() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.json");
    std::fs::write(
        &bad,
        "{\"format\":\"engage-snapshot\",\"version\":1,\n\"accounts\":[}",
    )
    .unwrap();
    for (args, nothing) in [
        (vec!["explore", "breakdown"], "nothing to explore"),
        (vec!["report", "--metric", "er_reach"], "no report"),
    ] {
        let out = Command::cargo_bin("engage")
            .unwrap()
            .args(&args)
            .arg(&bad)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(out.stdout.is_empty());
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("bad.json:2:"), "{err}");
        assert!(
            err.contains(&format!(
                "engage: error: {nothing}: fix the errors above (or leave the file out)"
            )),
            "{err}"
        );
    }
}
