//! Web rows by source (issue 17): source rows are parts of their (date, channel), so no web
//! metric may count them on top of the channel's own total row.
//!
//! `tests/fixtures/valid/web-sources.json`, by hand:
//!
//! | date  | channel        | source           | sessions | engaged | pageviews | counted? |
//! |-------|----------------|------------------|----------|---------|-----------|----------|
//! | 10-30 | organic_social | (total)          | 900      | 500     | 1800      | yes      |
//! | 10-30 | organic_social | instagram        | 500      | 200     | 700       | no: part of the 900 |
//! | 10-30 | organic_social | facebook         | 300      | 220     | 900       | no: part of the 900 |
//! | 10-30 | direct         |                  | 1200     | 800     | 3000      | yes      |
//! | 10-31 | organic_social | instagram        | 400      | 150     | 600       | yes: no total row |
//! | 10-31 | organic_social | x                | 100      | 80      | 350       | yes      |
//! | 10-31 | direct         |                  | 1000     | 700     | 2500      | yes      |
//! | 10-31 | referral       | news.example.com | 50       | 30      | 90        | yes      |
//!
//! Sessions 2100 + 1550 = 3650 (not 4450); social 900 + 500 = 1400; pageviews 4800 + 3540 =
//! 8340. Range totals 10-01..10-28: organic_social 9100 with parts instagram 6000, x 2000.

use std::sync::Arc;

use engage::calendar::parse_date;
use engage::measure::{Ctx, Figure, Prepared, Segment, Who, Window, metric};
use engage::snapshot::{LoadControl, parse_snapshot};

pub fn fixture(name: &str) -> Prepared {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read(&path).unwrap();
    let parsed = parse_snapshot(text.as_slice(), name, LoadControl::default()).unwrap();
    Prepared::new(Arc::new(parsed.store.expect("the fixture is valid")))
}

pub fn window(from: &str, to: &str) -> Window {
    Window::new(parse_date(from).unwrap(), parse_date(to).unwrap()).unwrap()
}

fn figure(p: &Prepared, id: &str, w: Window) -> Figure {
    Ctx::new(p, &Segment::default()).figure(metric(id).unwrap(), w, Who::All)
}

#[track_caller]
fn close(f: &Figure, want: f64) {
    let v = f.value.unwrap_or_else(|| panic!("n/a: {:?}", f.reason));
    assert!((v - want).abs() < 1e-9, "got {v}, want {want}");
}

#[test]
fn source_rows_are_parts_never_counted_twice() {
    let p = fixture("valid/web-sources.json");
    let w = window("2026-10-30", "2026-10-31");
    close(&figure(&p, "sessions", w), 3650.0);
    close(&figure(&p, "social_sessions", w), 1400.0);
    close(&figure(&p, "direct_share", w), 2200.0 / 3650.0);
    close(&figure(&p, "pages_per_session", w), 8340.0 / 3650.0);
    close(
        &figure(&p, "engaged_session_rate", w),
        (500.0 + 800.0 + 150.0 + 80.0 + 700.0 + 30.0) / 3650.0,
    );
    // Range totals: the channel's own total, not 9100 + 6000 + 2000.
    let range = window("2026-10-01", "2026-10-28");
    close(&figure(&p, "social_sessions", range), 9100.0);
    close(&figure(&p, "sessions", range), 9100.0);
}

#[test]
fn sources_survive_writing_the_snapshot_back() {
    let path = format!(
        "{}/tests/fixtures/valid/web-sources.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read(&path).unwrap();
    let store = parse_snapshot(text.as_slice(), "a", LoadControl::default())
        .unwrap()
        .store
        .unwrap();
    let mut out = Vec::new();
    engage::snapshot::write::write_snapshot(&store, &mut out).unwrap();
    let back = parse_snapshot(out.as_slice(), "b", LoadControl::default())
        .unwrap()
        .store
        .unwrap();
    let names = |s: &engage::snapshot::store::Store| -> Vec<Option<String>> {
        (0..s.web.len())
            .map(|r| {
                s.web
                    .referrer_of(r)
                    .map(|id| s.referrers.name(id).to_owned())
            })
            .collect()
    };
    assert_eq!(names(&back), names(&store));
    assert_eq!(names(&store)[1].as_deref(), Some("instagram"));
    assert_eq!(
        back.web_totals[2]
            .referrer
            .map(|id| back.referrers.name(id)),
        Some("x")
    );
    let summary = engage::summary::summarize(&store);
    assert_eq!(summary.web.sources[0], ("instagram".to_owned(), 3));
}

/// A GA4 traffic-acquisition store from a fixture of `tests/fixtures/import/ga4-sources`.
fn ga4(name: &str) -> engage::snapshot::store::Store {
    let path = format!(
        "{}/tests/fixtures/import/ga4-sources/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    let bytes = std::fs::read(&path).unwrap();
    let imported = engage::import::import_bytes(&bytes, name, &Default::default());
    assert_eq!(imported.report.family_id, Some("ga4"));
    imported.store.expect("imported")
}

/// `Traffic_acquisition_Session_source_medium.csv` (1-7 Oct 2026, no Date column), by hand:
///
/// | snapshot source | channel        | from the rows                                   | sess. | engaged | views | eng. s | key ev. |
/// |-----------------|----------------|-------------------------------------------------|-------|---------|-------|--------|---------|
/// | google          | organic_search | google / organic                                | 400   | 260     | 1000  | 36000  | 8       |
/// | (none)          | direct         | (direct) / (none)                               | 300   | 210     | 900   | 30000  | 9       |
/// | instagram       | organic_social | l.instagram.com, instagram.com / referral, instagram / social | 300 | 90 | 390 | 6300 | 1 |
/// | x               | organic_social | t.co / referral                                 | 50    | 40      | 200   | 9000   | 2       |
/// | facebook        | organic_social | m.facebook.com, facebook.com / referral         | 150   | 90      | 390   | 12000  | 3       |
/// | linkedin        | organic_social | lnkd.in / referral                              | 10    | 8       | 40    | 1500   | 1       |
/// | news.example.com| referral       | news.example.com / referral                     | 25    | 15      | 60    | 2000   | 0       |
/// | youtube         | organic_video  | youtube.com / referral (GA4: a video site)      | 15    | 9       | 30    | 1200   | 0       |
/// | (none)          | unassigned     | (not set) / (not set)                           | 5     | 0       | 5     | 0      | 0       |
///
/// All sessions 1255. Instagram: 1.3 pages and 21 s per session, 30% engaged; X: 4.0 pages,
/// 180 s, 80%: many short visits against few deep ones. The averages in the file are not read.
#[test]
fn a_traffic_acquisition_range_becomes_range_totals_by_source() {
    let store = ga4("Traffic_acquisition_Session_source_medium.csv");
    assert!(store.web.is_empty(), "a range is never spread over days");
    let get = |source: Option<&str>, channel: &str| {
        store
            .web_totals
            .iter()
            .find(|t| {
                t.channel.name() == channel
                    && t.referrer.map(|id| store.referrers.name(id)) == source
            })
            .unwrap_or_else(|| panic!("no {source:?} {channel}"))
            .counts
    };
    // Sessions, engaged sessions, views, engagement seconds, new users (no column), key events.
    let row = |a: u64, b: u64, c: u64, d: u64, e: u64| {
        [Some(a), Some(b), Some(c), Some(d), None, Some(e)]
    };
    assert_eq!(
        get(Some("instagram"), "organic_social"),
        row(300, 90, 390, 6300, 1)
    );
    assert_eq!(get(Some("x"), "organic_social"), row(50, 40, 200, 9000, 2));
    assert_eq!(
        get(Some("facebook"), "organic_social"),
        row(150, 90, 390, 12000, 3)
    );
    assert_eq!(
        get(Some("linkedin"), "organic_social"),
        row(10, 8, 40, 1500, 1)
    );
    assert_eq!(
        get(Some("youtube"), "organic_video"),
        row(15, 9, 30, 1200, 0)
    );
    assert_eq!(
        get(Some("google"), "organic_search"),
        row(400, 260, 1000, 36000, 8)
    );
    assert_eq!(
        get(Some("news.example.com"), "referral"),
        row(25, 15, 60, 2000, 0)
    );
    assert_eq!(get(None, "direct"), row(300, 210, 900, 30000, 9));
    assert_eq!(get(None, "unassigned"), row(5, 0, 5, 0, 0));
    assert_eq!(store.web_totals.len(), 9);
    // The web metrics read them for exactly that range.
    let p = Prepared::new(Arc::new(store));
    let week = window("2026-10-01", "2026-10-07");
    close(&figure(&p, "sessions", week), 1255.0);
    close(&figure(&p, "social_sessions", week), 510.0);
    close(&figure(&p, "direct_share", week), 300.0 / 1255.0);
    // By source: every platform (YouTube too, though GA4 files it under organic_video).
    close(&figure(&p, "source_sessions", week), 525.0);
    // A segment to Instagram sees Instagram's visits: 390 / 300 pages, 6300 / 300 s, 90 / 300.
    let ig = Segment {
        platforms: engage::measure::Filter {
            include: vec![engage::snapshot::model::Platform::Instagram],
            exclude: vec![],
        },
        ..Segment::default()
    };
    let on = |segment: &Segment, id: &str| {
        Ctx::new(&p, segment).figure(metric(id).unwrap(), week, Who::All)
    };
    close(&on(&ig, "source_sessions"), 300.0);
    close(&on(&ig, "source_pages_per_session"), 1.3);
    close(&on(&ig, "source_engagement_time"), 21.0);
    close(&on(&ig, "source_engaged_rate"), 0.3);
    close(&on(&ig, "source_conversions"), 1.0);
    // X: few visits that stay: 4.0 pages, 180 s, 80% engaged.
    let x = Segment {
        platforms: engage::measure::Filter {
            include: vec![engage::snapshot::model::Platform::X],
            exclude: vec![],
        },
        ..Segment::default()
    };
    close(&on(&x, "source_pages_per_session"), 4.0);
    close(&on(&x, "source_engagement_time"), 180.0);
    close(&on(&x, "source_engaged_rate"), 0.8);
    // The site-wide metric is not narrowed by a segment (it says so).
    close(&on(&x, "sessions"), 1255.0);
}

/// `Traffic_acquisition_by_date.csv`: a Date column makes daily rows; two Instagram hosts on
/// 2 Oct fill one row (50 + 70 = 120 sessions).
#[test]
fn a_traffic_acquisition_by_date_becomes_daily_rows_by_source() {
    let store = ga4("Traffic_acquisition_by_date.csv");
    assert!(store.web_totals.is_empty());
    let rows: Vec<(String, &str, Option<&str>, Option<u64>)> = (0..store.web.len())
        .map(|r| {
            (
                engage::calendar::format_date(store.web.day[r]),
                store.web.channel[r].name(),
                store.web.referrer_of(r).map(|id| store.referrers.name(id)),
                store
                    .web
                    .count(engage::snapshot::model::WebCount::Sessions, r),
            )
        })
        .collect();
    let want = |d: &str, c, s, n| (d.to_owned(), c, s, Some(n));
    assert_eq!(
        rows,
        vec![
            want("2026-10-01", "direct", None, 150),
            want("2026-10-01", "organic_social", Some("instagram"), 100),
            want("2026-10-01", "organic_social", Some("x"), 20),
            want("2026-10-02", "direct", None, 140),
            want("2026-10-02", "organic_social", Some("instagram"), 120),
            want("2026-10-02", "organic_social", Some("x"), 10),
        ]
    );
}

/// The demo's visits by source over the website-loyalty plan's window, from the JSON by hand
/// (serde_json, none of the engine): per platform, its source rows' sums; its link posts and
/// their clicks.
fn demo_by_hand(platform: &str) -> (f64, f64, f64, u64, u64) {
    let d: serde_json::Value = serde_json::from_slice(engage::snapshot::load::DEMO_JSON).unwrap();
    let in_window = |date: &str| ("2026-10-04"..="2026-10-31").contains(&date);
    let (mut s, mut pv, mut es) = (0.0, 0.0, 0.0);
    for r in d["web"].as_array().unwrap() {
        if r["source"] == platform && in_window(r["date"].as_str().unwrap()) {
            s += r["sessions"].as_f64().unwrap();
            pv += r["pageviews"].as_f64().unwrap();
            es += r["engagement_seconds"].as_f64().unwrap();
        }
    }
    let account = d["accounts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["platform"] == platform)
        .map(|a| a["id"].clone())
        .unwrap();
    let (mut posts, mut clicks) = (0, 0);
    for p in d["posts"].as_array().unwrap() {
        if p["account"] == account
            && p["format"] == "link"
            && in_window(&p["published_at"].as_str().unwrap()[..10])
        {
            posts += 1;
            clicks += p["clicks"].as_u64().unwrap_or(0);
        }
    }
    (s, pv / s, es / s, posts, clicks)
}

#[test]
fn the_demo_by_source_shows_who_sends_the_readers_who_stay() {
    use engage::analysis::sources::{DIRECT, SITE, by_source};
    let store = engage::snapshot::load::load_demo().store.unwrap();
    let p = Prepared::new(Arc::new(store));
    let w = window("2026-10-04", "2026-10-31");
    let b = by_source(&p, metric("er_reach").unwrap(), w, &Segment::default());
    assert_eq!(
        b.metric.id, "sessions",
        "a post metric falls back to sessions"
    );
    let names: Vec<&str> = b.groups.iter().map(|g| g.source.as_str()).collect();
    assert_eq!(names, ["facebook", "instagram", "x", "youtube", "tiktok"]);
    for g in &b.groups {
        let (s, pages, secs, posts, clicks) = demo_by_hand(&g.source);
        close(&g.visits[0].1, s);
        close(&g.visits[1].1, pages);
        close(&g.visits[2].1, secs);
        let l = g.links.as_ref().expect("the demo has all five accounts");
        assert_eq!(l.posts, posts, "{}", g.source);
        if posts > 0 {
            assert_eq!(l.clicks, Some(clicks));
            let per = l.sessions_per_click.unwrap();
            assert!((per - s / clicks as f64).abs() < 1e-9);
        } else {
            assert_eq!(l.sessions_per_click, None);
            assert_eq!(
                l.reason.as_ref().map(|m| m.english()).as_deref(),
                Some("no link posts in the window")
            );
        }
    }
    // The story: Instagram sends more visits than X, X's go deeper and last longer.
    let (ig, x) = (demo_by_hand("instagram"), demo_by_hand("x"));
    assert!(
        ig.0 > 2.0 * x.0 && x.1 > 2.0 * ig.1 && x.2 > 5.0 * ig.2,
        "{ig:?} {x:?}"
    );
    let refs: Vec<&str> = b.reference.iter().map(|g| g.source.as_str()).collect();
    assert_eq!(refs, [DIRECT, SITE]);
    let (deep, pages) = b.deepest_platform(0.05).unwrap();
    assert_eq!(deep.source, "x");
    close(
        &Figure::of(pages, 1, 0, engage::measure::value::Rows::Days),
        x.1,
    );
    // Segmented to Instagram, the platforms narrow to Instagram.
    let ig_only = Segment {
        platforms: engage::measure::Filter {
            include: vec![engage::snapshot::model::Platform::Instagram],
            exclude: vec![],
        },
        ..Segment::default()
    };
    let b = by_source(&p, metric("sessions").unwrap(), w, &ig_only);
    assert_eq!(b.groups.len(), 1);
    close(&b.groups[0].figure, ig.0);
    let f = Ctx::new(&p, &ig_only).figure(metric("source_pages_per_session").unwrap(), w, Who::All);
    close(&f, ig.1);
}

#[test]
fn the_review_of_a_loyalty_plan_names_the_platform_whose_readers_stay() {
    let store = engage::snapshot::load::load_demo().store.unwrap();
    let p = Prepared::new(Arc::new(store));
    let plan = engage::measure::plan::Plan::from_template(
        "web",
        engage::measure::templates::template("website-loyalty").unwrap(),
    );
    let w = window("2026-10-04", "2026-10-31");
    let card =
        engage::measure::scorecard::scorecard(&p, &plan, w, engage::measure::Granularity::Week);
    let content = engage::analysis::content::Content::classify(&p, &["promo".to_owned()], &[]);
    let found =
        engage::analysis::findings::findings(&p, w, &Segment::default(), &content, Some(&card));
    let f = found
        .iter()
        .find(|f| f.kind == engage::analysis::findings::Kind::ReadersWhoStay)
        .expect("the finding");
    assert!(
        f.headline
            .english()
            .starts_with("x sends the readers who stay"),
        "{}",
        f.headline
    );
    assert!(
        f.evidence
            .iter()
            .any(|e| e.english().starts_with("facebook sends the most visits"))
    );
    assert!(
        f.evidence
            .iter()
            .any(|e| e.english().starts_with("instagram sends many short visits"))
    );
}

/// `engage explore breakdown --by source --format json` on the GA4 fixture itself (the
/// command imports it): one group per source with `keys: {"source": …}`, direct traffic and
/// the site in `reference`, the same numbers as by hand above.
#[test]
fn explore_by_source_as_json() {
    let home = tempfile::tempdir().unwrap();
    let out = assert_cmd::Command::cargo_bin("engage")
        .unwrap()
        .env_remove("ENGAGE_HOME")
        .arg("--home")
        .arg(home.path())
        .args([
            "explore",
            "breakdown",
            "--by",
            "source",
            "--metric",
            "source_pages_per_session",
            "--from",
            "2026-10-01",
            "--to",
            "2026-10-07",
            "--format",
            "json",
        ])
        .arg(format!(
            "{}/tests/fixtures/import/ga4-sources/Traffic_acquisition_Session_source_medium.csv",
            env!("CARGO_MANIFEST_DIR")
        ))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["by"], serde_json::json!(["source"]));
    assert_eq!(v["metric"], "pages_per_session");
    let groups = v["groups"].as_array().unwrap();
    let sources: Vec<&str> = groups
        .iter()
        .map(|g| g["keys"]["source"].as_str().unwrap())
        .collect();
    assert_eq!(
        sources,
        [
            "google",
            "instagram",
            "facebook",
            "x",
            "news.example.com",
            "youtube",
            "linkedin"
        ]
    );
    let ig = &groups[1];
    assert_eq!(ig["platform"], "instagram");
    assert_eq!(ig["value"], 1.3);
    assert_eq!(ig["visits"]["sessions"]["value"], 300.0);
    assert_eq!(ig["visits"]["avg_engagement_time"]["value"], 21.0);
    assert_eq!(ig["visits"]["engaged_session_rate"]["value"], 0.3);
    assert_eq!(
        ig["links"],
        serde_json::Value::Null,
        "no accounts, no link posts"
    );
    assert_eq!(groups[3]["value"], 4.0, "x");
    let reference = v["reference"].as_array().unwrap();
    assert_eq!(reference[0]["keys"]["source"], "(direct)");
    assert_eq!(reference[0]["visits"]["sessions"]["value"], 300.0);
    assert_eq!(reference[0]["value"], 3.0);
    assert_eq!(reference[1]["keys"]["source"], "(site)");
    assert_eq!(reference[1]["visits"]["sessions"]["value"], 1255.0);
    let site_pages = reference[1]["value"].as_f64().unwrap();
    assert!((site_pages - 3015.0 / 1255.0).abs() < 1e-12);
    assert!(v["links_note"].as_str().unwrap().contains("need not agree"));
}

/// Merging keys web rows on (date, channel, source): a later file's Instagram row replaces
/// the earlier one, and leaves the channel's total row and X's row alone.
#[test]
fn merging_keys_web_rows_on_their_source() {
    let parse = |json: &str| {
        parse_snapshot(json.as_bytes(), "m", LoadControl::default())
            .unwrap()
            .store
            .unwrap()
    };
    let first = parse(
        r#"{"format": "engage-snapshot", "version": 1, "exported_at": "2026-11-01T00:00:00Z", "web": [
        {"date": "2026-10-30", "channel": "organic_social", "sessions": 900},
        {"date": "2026-10-30", "channel": "organic_social", "source": "instagram", "sessions": 500},
        {"date": "2026-10-30", "channel": "organic_social", "source": "x", "sessions": 100}]}"#,
    );
    let second = parse(
        r#"{"format": "engage-snapshot", "version": 1, "exported_at": "2026-11-02T00:00:00Z", "web": [
        {"date": "2026-10-30", "channel": "organic_social", "source": "instagram", "sessions": 520}]}"#,
    );
    let merged = engage::snapshot::merge::merge(vec![first, second]).unwrap();
    let s = &merged.store;
    let mut rows: Vec<(Option<&str>, Option<u64>)> = (0..s.web.len())
        .map(|r| {
            (
                s.web.referrer_of(r).map(|id| s.referrers.name(id)),
                s.web.count(engage::snapshot::model::WebCount::Sessions, r),
            )
        })
        .collect();
    rows.sort();
    assert_eq!(
        rows,
        [
            (None, Some(900)),
            (Some("instagram"), Some(520)),
            (Some("x"), Some(100))
        ]
    );
    assert_eq!(merged.contributions[1].overrode.web, 1);
}

/// A metric by source breaks down by platform (what Review's finding opens): each platform's
/// group is its visits, as in the breakdown by source.
#[test]
fn a_metric_by_source_breaks_down_by_platform() {
    use engage::analysis::dims::Dim;
    let store = engage::snapshot::load::load_demo().store.unwrap();
    let p = Prepared::new(Arc::new(store));
    let w = window("2026-10-04", "2026-10-31");
    let content = engage::analysis::content::Content::classify(&p, &[], &[]);
    let m = metric("source_pages_per_session").unwrap();
    let b = engage::analysis::breakdown::breakdown(
        &p,
        m,
        w,
        &Segment::default(),
        &[Dim::Platform],
        &content,
    )
    .unwrap();
    for g in &b.groups {
        let platform = &g.keys[0].1;
        close(&g.figure, demo_by_hand(platform).1);
    }
    assert_eq!(b.groups.len(), 5);
    // And `--by source` through the same function: one group per source.
    let s = engage::analysis::breakdown::breakdown(
        &p,
        m,
        w,
        &Segment::default(),
        &[Dim::Source],
        &content,
    )
    .unwrap();
    assert_eq!(s.groups.len(), 5);
    assert_eq!(s.groups[0].keys, [(Dim::Source, "facebook".to_owned())]);
}
