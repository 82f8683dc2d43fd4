//! Every metric of the catalogue on a small fixture, against values computed by hand.
//!
//! The fixture (`tests/fixtures/measure/hand.json`, days in +07:00) has two accounts and
//! eight posts; the window 2026-10-01..2026-10-04 holds seven of them:
//!
//! | post | account | day   | likes | comm. | shares | saves | reach | impr. | views | clicks | video | inter. | followers on day |
//! |------|---------|-------|-------|-------|--------|-------|-------|-------|-------|--------|-------|--------|------------------|
//! | P1   | ig      | 10-01 | 40    | 5     | 3      | 2     | 1000  | 1500  |       | 15     |       | 50     | 1000             |
//! | P7   | ig      | 10-01 | 30    | 0     | 0      | 0     | 600   |       |       |        |       | 30     | 1000             |
//! | P2   | ig      | 10-02 | 10    | 0     | null   |       | 500   |       | 800   |        |       | 10     | 1010             |
//! | P3   | ig      | 10-03 | 100   | 20    | 10     | 20    | 2000  | 2500  |       | null   | 1200  | 150    | none (10-03 null)  |
//! | P4   | ig      | 10-04 | 5     | 1     |        |       | 0     | 100   |       | 10     |       | 6      | 1020             |
//! | P5   | x       | 10-02 | 8     | 2     | 1      |       |       | 400   |       | 4      |       | 11     | none (10-02 null)  |
//! | P6   | x       | 10-03 |       |       |        |       |       | 300   |       |        | 100   | none   | none (no row)    |
//!
//! Followers on the day of posting are that day's count, never an earlier day's: P3, P5 and
//! P6 have none, and are left out of every follower-based metric.
//!
//! P2 is published 2026-10-01T17:30Z: 2 October at +07:00, which is the day that counts.
//! P0 (ig, 30 September, interactions 24, reach 400) is the previous period's only post.

// A test states its expectations with unwrap, expect and panic; production code may not.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::Arc;

use engage::calendar::parse_date;
use engage::measure::value::Rows;
use engage::measure::{Ctx, Figure, Filter, Granularity, Prepared, Segment, Who, Window, metric};
use engage::snapshot::model::{Platform, PostFormat};
use engage::snapshot::{LoadControl, parse_snapshot};

fn prepared() -> Prepared {
    let text = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/measure/hand.json"
    ))
    .unwrap();
    let parsed = parse_snapshot(text.as_slice(), "hand.json", LoadControl::default()).unwrap();
    Prepared::new(Arc::new(parsed.store.expect("the fixture is valid")))
}

fn window(from: &str, to: &str) -> Window {
    Window::new(parse_date(from).unwrap(), parse_date(to).unwrap()).unwrap()
}

fn w() -> Window {
    window("2026-10-01", "2026-10-04")
}

fn figure(p: &Prepared, segment: &Segment, id: &str, w: Window) -> Figure {
    Ctx::new(p, segment).figure(metric(id).unwrap(), w, Who::All)
}

/// Asserts a value (to 1e-9, relative) with its used and left-out counts.
#[track_caller]
fn check(f: &Figure, value: f64, used: u64, left_out: u64) {
    let v = f
        .value
        .unwrap_or_else(|| panic!("expected {value}, got n/a: {:?}", f.reason));
    assert!(
        (v - value).abs() <= 1e-9 * value.abs().max(1.0),
        "value {v}, expected {value}"
    );
    assert_eq!((f.used, f.left_out), (used, left_out), "used / left out");
}

#[test]
fn every_post_metric_by_hand() {
    let p = prepared();
    let all = Segment::default();
    let f = |id: &str| figure(&p, &all, id, w());

    // Means of post ratios: only posts with both numbers and a denominator above zero.
    check(&f("er_reach"), (0.05 + 0.05 + 0.02 + 0.075) / 4.0, 4, 3); // P4 has reach 0
    check(
        &f("er_impressions"),
        (50.0 / 1500.0 + 150.0 / 2500.0 + 6.0 / 100.0 + 11.0 / 400.0) / 4.0,
        4,
        3,
    );
    check(&f("er_views"), 10.0 / 800.0, 1, 6);
    let er_followers = [50.0 / 1000.0, 30.0 / 1000.0, 10.0 / 1010.0, 6.0 / 1020.0];
    let erf = f("er_followers");
    check(&erf, er_followers.iter().sum::<f64>() / 4.0, 4, 3);
    assert_eq!(
        erf.left_out_reasons,
        [
            "1 post without interactions",
            "3 posts on days without a follower count (followers on the day of posting are never carried over from another day)"
        ]
    );
    check(
        &f("save_rate"),
        (2.0 / 1000.0 + 20.0 / 2000.0 + 0.0 / 600.0) / 3.0,
        3,
        4,
    );
    check(
        &f("reach_rate"),
        (1.0 + 0.6 + 500.0 / 1010.0 + 0.0) / 4.0,
        4,
        3,
    );

    // Emplifi's daily rate: ig on 1 Oct has two posts: 80 / 1000 / 2.
    // ig on 3 Oct, x on 2 and 3 Oct have no follower count (x on 3 Oct no interactions either).
    let days = [80.0 / 1000.0 / 2.0, 10.0 / 1010.0, 6.0 / 1020.0];
    let daily = f("er_profile_daily");
    check(&daily, days.iter().sum::<f64>() / 3.0, 3, 3);
    assert_eq!(daily.rows, Rows::AccountDays);
    assert_eq!(
        daily.left_out_reasons,
        [
            "3 account-days with posts but no follower count that day (followers on the day of posting are never carried over from another day)"
        ]
    );

    // A sum of post ratios.
    check(
        &f("interactions_per_1k"),
        er_followers.iter().sum::<f64>() * 1000.0,
        4,
        3,
    );

    // Per post: the sum over the posts that know the field, divided by their number.
    check(&f("applause_rate"), 193.0 / 6.0, 6, 1);
    check(&f("conversation_rate"), 28.0 / 6.0, 6, 1);
    check(&f("amplification_rate"), 14.0 / 4.0, 4, 3);
    check(&f("shares"), 14.0, 4, 3);
    // Interactions summed: P1 50 + P7 30 + P2 10 + P3 150 + P4 6 + P5 11; P6 has none.
    check(&f("interactions"), 257.0, 6, 1);

    // Ratios of sums: numerator and denominator over the same posts.
    check(&f("ctr"), 29.0 / 2000.0, 3, 4); // P1, P4, P5; P3's clicks are null
    check(&f("video_view_rate"), 1300.0 / 2800.0, 2, 5);

    // Posting volume: per account, posts over the days measured (both have post records).
    let volume = f("posts_per_week");
    check(&volume, 5.0 * 7.0 / 4.0 + 2.0 * 7.0 / 4.0, 8, 0);
    assert_eq!(volume.rows, Rows::AccountDays);
}

#[test]
fn every_daily_and_web_metric_by_hand() {
    let p = prepared();
    let all = Segment::default();
    let f = |id: &str| figure(&p, &all, id, w());

    // Account-days: 2 accounts x 4 days = 8.
    check(&f("total_reach"), 12_000.0, 3, 5);
    check(&f("net_follows"), (8 + 10 + 4 - 2) as f64, 4, 4);
    let followers = f("followers");
    check(&followers, 1020.0 + 500.0, 2, 0);
    assert_eq!(followers.rows, Rows::Accounts);
    // ig 1000 -> 1020; x has no count before 1 Oct, so its start is 1 Oct's 500, its end too.
    let growth = f("follower_growth_rate");
    check(&growth, 20.0 / 1500.0, 2, 0);
    assert!(growth.small_sample, "an audience under 2,000");

    // Web: 1 Oct is the sum of its channel rows, 2 Oct is its `all` row, 3 Oct has only
    // direct (so no social sessions that day: 0), 4 Oct has no rows at all (left out).
    check(&f("sessions"), 430.0, 3, 1);
    check(&f("social_sessions"), 110.0, 3, 1);
    check(&f("social_new_users"), 45.0, 3, 1);
    check(&f("direct_share"), 270.0 / 430.0, 3, 1);
    check(&f("pages_per_session"), 990.0 / 430.0, 3, 1);
    check(&f("avg_engagement_time"), 37_000.0 / 430.0, 3, 1);
    check(&f("engaged_session_rate"), 250.0 / 430.0, 3, 1);
    check(&f("conversions"), 3.0, 2, 2); // 2 Oct's total conversions are unknown
    check(&f("conversion_rate"), 3.0 / 230.0, 2, 2);
}

#[test]
fn missing_is_never_zero() {
    let p = prepared();
    let all = Segment::default();
    // P2's shares are null and P4's absent: amplification uses 4 posts, not 7 with zeros.
    let amp = figure(&p, &all, "amplification_rate", w());
    assert_ne!(amp.value, Some(14.0 / 7.0));
    // The x account has no daily reach at all: total reach counts only ig's days.
    let x_only = Segment {
        accounts: Filter {
            include: vec!["x".into()],
            exclude: vec![],
        },
        ..Segment::default()
    };
    let reach = figure(&p, &x_only, "total_reach", w());
    assert_eq!(reach.value, None);
    assert!(
        reach
            .reason
            .unwrap()
            .english()
            .contains("needs daily reach")
    );
    // Views are known for one post: the rate is a small sample, not a zero.
    let views = figure(&p, &all, "er_views", w());
    assert!(views.small_sample);
    // No post knows saves for x: n/a with the reason, not 0%.
    let saves = figure(&p, &x_only, "save_rate", w());
    assert_eq!(saves.value, None);
    assert_eq!(
        saves.reason.as_ref().map(|m| m.english()).as_deref(),
        Some("needs saves: none of the 2 posts has it")
    );
    // A window with no data at all.
    let empty = figure(&p, &all, "er_reach", window("2026-11-01", "2026-11-07"));
    assert_eq!(empty.value, None);
    assert_eq!(
        empty.reason.as_ref().map(|m| m.english()).as_deref(),
        Some("no posts in the window for this segment")
    );
}

#[test]
fn window_edges_follow_the_snapshots_offset() {
    let p = prepared();
    let all = Segment::default();
    // P2 (17:30 UTC on 1 Oct) is on 2 Oct at +07:00.
    check(
        &figure(&p, &all, "er_views", window("2026-10-02", "2026-10-02")),
        0.0125,
        1,
        1,
    );
    assert_eq!(
        figure(&p, &all, "er_views", window("2026-10-01", "2026-10-01")).value,
        None
    );
    check(
        &figure(
            &p,
            &all,
            "posts_per_week",
            window("2026-10-01", "2026-10-01"),
        ),
        2.0 * 7.0,
        2,
        0,
    );
}

#[test]
fn iso_week_series_split_on_monday() {
    let p = prepared();
    let all = Segment::default();
    let mut ctx = Ctx::new(&p, &all);
    // 2026-10-04 is a Sunday: the window 30 Sep..6 Oct is cut into Mon 28 Sep..Sun 4 Oct
    // (clipped to start on the 30th) and Mon 5 Oct..Sun 11 Oct (clipped to end on the 6th);
    // the series runs over the data's days within the window, which end on 4 Oct, so the
    // second week has no bucket (a window past the data never makes empty buckets).
    let r = ctx.result(
        metric("posts_per_week").unwrap(),
        window("2026-09-30", "2026-10-06"),
        Granularity::Week,
    );
    assert_eq!(r.series.len(), 1);
    assert_eq!(
        (r.series[0].from, r.series[0].to),
        (
            parse_date("2026-09-30").unwrap(),
            parse_date("2026-10-04").unwrap()
        )
    );
    assert!(r.series[0].partial);
    // Posting volume counts the days each account's records cover: ig from 30 Sep (its first
    // post and daily row), 6 posts in 5 days; x from 1 Oct (its first daily row), 2 posts in
    // 4 days. 30 Sep is not measured for x.
    check(&r.series[0].figure, 6.0 * 7.0 / 5.0 + 2.0 * 7.0 / 4.0, 9, 1);
    // 5-6 Oct are past the data's last day (4 Oct): no bucket for them.
    assert_eq!(
        r.series.last().map(|p| p.to),
        Some(parse_date("2026-10-04").unwrap())
    );
    let daily = ctx.result(metric("applause_rate").unwrap(), w(), Granularity::Day);
    assert_eq!(daily.series.len(), 4);
    check(&daily.series[0].figure, 70.0 / 2.0, 2, 0); // P1 and P7
    assert_eq!(daily.series[3].figure.used, 1);
}

#[test]
fn previous_period_and_change() {
    let p = prepared();
    let mut ctx = Ctx::new(&p, &Segment::default());
    let r = ctx.result(metric("er_reach").unwrap(), w(), Granularity::Day);
    check(&r.previous, 24.0 / 400.0, 1, 0); // P0 on 30 Sep
    let cur = 0.195 / 4.0;
    assert!((r.change.absolute.unwrap() - (cur - 0.06)).abs() < 1e-12);
    assert!((r.change.relative.unwrap() - (cur - 0.06) / 0.06).abs() < 1e-12);
}

#[test]
fn segments_by_tag_format_account_and_platform() {
    let p = prepared();
    let no_promo = Segment {
        tags: Filter {
            include: vec![],
            exclude: vec!["promo".into()],
        },
        ..Segment::default()
    };
    check(
        &figure(&p, &no_promo, "er_impressions", w()),
        (50.0 / 1500.0 + 150.0 / 2500.0 + 11.0 / 400.0) / 3.0,
        3,
        3,
    );
    let news = Segment {
        tags: Filter {
            include: vec!["news".into()],
            exclude: vec![],
        },
        ..Segment::default()
    };
    check(
        &figure(&p, &news, "applause_rate", w()),
        (100.0 + 5.0) / 2.0,
        2,
        0,
    );
    let reels = Segment {
        formats: Filter {
            include: vec![PostFormat::Reel],
            exclude: vec![],
        },
        ..Segment::default()
    };
    check(&figure(&p, &reels, "applause_rate", w()), 100.0, 1, 0);
    let x = Segment {
        platforms: Filter {
            include: vec![Platform::X],
            exclude: vec![],
        },
        ..Segment::default()
    };
    check(&figure(&p, &x, "applause_rate", w()), 8.0, 1, 1);
    // Daily metrics have no formats: the note says the format part does not apply.
    let f = figure(&p, &reels, "total_reach", w());
    assert!(
        f.note
            .unwrap()
            .english()
            .contains("only the segment's accounts apply")
    );
    // Web metrics have no accounts.
    let f = figure(&p, &x, "sessions", w());
    check(&f, 430.0, 3, 1);
    assert!(f.note.unwrap().english().contains("does not apply"));
    // Unknown names are reported, not silently empty.
    let ghost = Segment {
        tags: Filter {
            include: vec!["ghost".into()],
            exclude: vec![],
        },
        ..Segment::default()
    };
    assert_eq!(Ctx::new(&p, &ghost).sel.unknown, ["tag `ghost`"]);
}

#[test]
fn breakdowns_add_up_to_the_total() {
    let p = prepared();
    let mut ctx = Ctx::new(&p, &Segment::default());
    let r = ctx.result(metric("applause_rate").unwrap(), w(), Granularity::Day);
    let by: Vec<(&str, Option<f64>, u64)> = r
        .by_account
        .iter()
        .map(|a| (a.account.as_str(), a.figure.value, a.figure.used))
        .collect();
    assert_eq!(by, [("ig", Some(185.0 / 5.0), 5), ("x", Some(8.0), 1)]);
    assert_eq!(r.by_platform.len(), 2);
    let shares = ctx.result(metric("shares").unwrap(), w(), Granularity::Day);
    let sum: f64 = shares
        .by_account
        .iter()
        .filter_map(|a| a.figure.value)
        .sum();
    assert_eq!(Some(sum), shares.current.value);
}

#[test]
fn range_totals_apply_only_to_their_exact_range() {
    let p = prepared();
    let all = Segment::default();
    let sept = window("2026-09-01", "2026-09-28");
    let s = figure(&p, &all, "sessions", sept);
    check(&s, 4000.0, 1, 0);
    assert!(s.note.unwrap().english().contains("never spread over days"));
    check(&figure(&p, &all, "direct_share", sept), 0.75, 1, 0);
    check(&figure(&p, &all, "social_new_users", sept), 400.0, 1, 0);
    // One day more and the totals no longer apply.
    assert_eq!(
        figure(&p, &all, "sessions", window("2026-09-01", "2026-09-29")).value,
        None
    );
}

#[test]
fn small_sample_marks() {
    let p = prepared();
    let all = Segment::default();
    // Seven posts: every post rate is a small sample.
    assert!(figure(&p, &all, "er_reach", w()).small_sample);
    // Sums are not rates.
    assert!(!figure(&p, &all, "shares", w()).small_sample);
    assert!(!figure(&p, &all, "sessions", w()).small_sample);
}

/// A snapshot written inline, for the cases the shared fixture does not show.
fn prepared_from(json: &str) -> Prepared {
    let parsed = parse_snapshot(json.as_bytes(), "inline.json", LoadControl::default()).unwrap();
    Prepared::new(Arc::new(
        parsed.store.expect("the inline snapshot is valid"),
    ))
}

/// `xo` (an X account overview: days, no post records) knows its daily post counts on two
/// days of 1-4 Oct; `yt` (YouTube totals) has days without any post count; `ig` has posts
/// from 3 Oct on, so the previous period of 5-8 Oct (1-4 Oct) is covered on 2 of its 4 days.
const NO_RECORDS: &str = r#"{"format":"engage-snapshot","version":1,
 "accounts":[{"id":"xo","platform":"x"},{"id":"yt","platform":"youtube"},{"id":"ig","platform":"instagram"}],
 "posts":[
  {"id":"a","account":"ig","published_at":"2026-10-03T10:00:00Z","format":"photo","likes":10,"shares":4,"reach":100},
  {"id":"b","account":"ig","published_at":"2026-10-04T10:00:00Z","format":"photo","likes":30,"shares":6,"reach":200},
  {"id":"c","account":"ig","published_at":"2026-10-06T10:00:00Z","format":"photo","likes":20,"shares":5,"reach":100},
  {"id":"d","account":"ig","published_at":"2026-10-07T10:00:00Z","format":"photo","likes":5,"shares":1,"reach":100}],
 "daily":[
  {"account":"xo","date":"2026-10-01","posts":3,"followers":10},
  {"account":"xo","date":"2026-10-02","posts":1},
  {"account":"xo","date":"2026-10-03","posts":null},
  {"account":"yt","date":"2026-10-01","views":100},
  {"account":"yt","date":"2026-10-02","views":120}]}"#;

fn only(account: &str) -> Segment {
    Segment {
        accounts: Filter {
            include: vec![account.into()],
            exclude: vec![],
        },
        ..Segment::default()
    }
}

#[test]
fn posting_volume_comes_from_what_measured_it() {
    let p = prepared_from(NO_RECORDS);
    let w = window("2026-10-01", "2026-10-04");
    // xo: 3 + 1 posts on the 2 days that know the count: 4 / (2 / 7) = 14 a week.
    let xo = figure(&p, &only("xo"), "posts_per_week", w);
    check(&xo, 14.0, 2, 2);
    assert!(
        xo.note
            .unwrap()
            .english()
            .contains("from their daily post counts")
    );
    // yt has days but no post count at all: not "did not post", but no value.
    let yt = figure(&p, &only("yt"), "posts_per_week", w);
    assert_eq!(yt.value, None);
    assert_eq!(
        yt.reason.as_ref().map(|m| m.english()).as_deref(),
        Some("needs post records or daily post counts: the accounts have neither in the window")
    );
    // ig has post records from 3 Oct (no daily rows before): 2 posts in those 2 days is 7 a
    // week; 1-2 Oct are not measured for it. With xo: 21 a week.
    check(&figure(&p, &only("ig"), "posts_per_week", w), 7.0, 2, 2);
    check(
        &figure(&p, &Segment::default(), "posts_per_week", w),
        21.0,
        4,
        8,
    );
    // A quiet day inside the records' span is a measured zero: ig on 5 Oct.
    let quiet = window("2026-10-05", "2026-10-05");
    check(&figure(&p, &only("ig"), "posts_per_week", quiet), 0.0, 1, 0);
    // Daily post counts cannot be split by format: a format segment leaves xo out, with why.
    let videos = Segment {
        formats: Filter {
            include: vec![PostFormat::Video],
            exclude: vec![],
        },
        accounts: only("xo").accounts,
        ..Segment::default()
    };
    let f = figure(&p, &videos, "posts_per_week", w);
    assert_eq!(f.value, None);
    assert!(
        f.reason
            .unwrap()
            .english()
            .contains("cannot be split by format or tag")
    );
}

#[test]
fn a_previous_period_the_data_does_not_cover_gives_no_change_for_sums() {
    let p = prepared_from(NO_RECORDS);
    // 5-7 Oct; its previous period 2-4 Oct is covered from ig's first post on 3 Oct: 2 of 3.
    let w = window("2026-10-05", "2026-10-07");
    let mut ctx = Ctx::new(&p, &only("ig"));
    // Shares: 5 + 1 now, 4 + 6 over the 2 covered days before: no change, with the reason.
    let shares = ctx.result(metric("shares").unwrap(), w, Granularity::Day);
    check(&shares.current, 6.0, 2, 0);
    check(&shares.previous, 10.0, 2, 0);
    assert_eq!(shares.change.absolute, None);
    assert_eq!(
        shares
            .change
            .reason
            .as_ref()
            .map(|m| m.english())
            .as_deref(),
        Some("the data covers 2 of 3 days of the previous period (2026-10-03..2026-10-04)")
    );
    let covered = shares
        .previous
        .partial
        .expect("the previous period is partial");
    assert_eq!((covered.days, covered.of), (2, 3));
    assert!(shares.current.partial.is_none(), "the window is covered");
    // Engagement rate by reach is a ratio: the change stands, the previous value is partial.
    // Interactions are likes + shares here. Now (25/100 + 6/100) / 2 = 0.155; before
    // (14/100 + 36/200) / 2 = 0.16: a change of -0.005.
    let er = ctx.result(metric("er_reach").unwrap(), w, Granularity::Day);
    check(&er.current, 0.155, 2, 0);
    check(&er.previous, 0.16, 2, 0);
    assert!(er.previous.partial.is_some());
    assert!((er.change.absolute.unwrap() + 0.005).abs() < 1e-12);
    assert!(er.change.partial && er.change.reason.is_none());
    // Relative targets against that period are n/a, never met, for sums and ratios alike.
    use engage::measure::plan::{Baseline, Status, Target};
    use engage::measure::scorecard::kpi_card;
    for id in ["shares", "er_reach"] {
        let target = Target::Relative {
            change: -0.5,
            baseline: Baseline::PreviousPeriod,
        };
        let card = kpi_card(
            &mut ctx,
            metric(id).unwrap(),
            Some(target),
            w,
            Granularity::Day,
            None,
        );
        assert_eq!(card.status, Status::NotAvailable, "{id}");
        assert_eq!(
            card.status_reason.as_ref().map(|m| m.english()).as_deref(),
            Some(
                "the data covers 2 of 3 days of the previous period (2026-10-03..2026-10-04): a relative target is judged only against days the data covers"
            ),
            "{id}"
        );
    }
    // A covered previous period compares as before: 6-7 Oct (6 shares) against 4-5 Oct (6).
    let later = window("2026-10-06", "2026-10-07");
    let r = ctx.result(metric("shares").unwrap(), later, Granularity::Day);
    assert!(r.previous.partial.is_none() && r.current.partial.is_none());
    assert_eq!(r.change.absolute, Some(0.0));
}

/// A KPI without a target is shown, not judged: the verdict counts it apart, never as "not
/// available" (which means a target that cannot be judged).
#[test]
fn the_verdict_counts_kpis_without_a_target_apart() {
    use engage::measure::plan::{Kpi, Op, Plan, Status, Target};
    use engage::measure::scorecard::scorecard;
    let p = prepared();
    let mut plan = Plan::blank("v");
    plan.kpis = vec![
        Kpi {
            metric: "applause_rate".into(),
            target: Some(Target::Absolute {
                op: Op::AtLeast,
                value: 30.0,
            }),
        },
        Kpi {
            metric: "er_views".into(),
            target: None,
        },
    ];
    let card = scorecard(&p, &plan, w(), Granularity::Day);
    // 193 likes over 6 posts = 32.2 >= 30: met.
    assert_eq!(card.kpis[0].status, Status::Met);
    assert_eq!(card.kpis[1].status, Status::NoTarget);
    assert_eq!(card.kpis[1].status_reason, None);
    assert_eq!(
        card.verdict(),
        "1 of 1 KPI met for 2026-10-01..2026-10-04; 1 without a target"
    );
    plan.kpis.remove(0);
    assert_eq!(
        scorecard(&p, &plan, w(), Granularity::Day).verdict(),
        "no target set: 1 KPI shown, none judged, for 2026-10-01..2026-10-04"
    );
}
