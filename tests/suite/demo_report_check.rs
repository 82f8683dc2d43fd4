//! The website-loyalty scorecard on the bundled demo, checked against a naive computation
//! straight from the JSON (serde_json values, none of the engine's code): the numbers
//! `engage report --plan web` prints for the last 28 days must be these.

// A test states its expectations with unwrap, expect and panic; production code may not.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::Arc;

use engage::calendar::parse_date;
use engage::measure::plan::Plan;
use engage::measure::scorecard::scorecard;
use engage::measure::templates::template;
use engage::measure::{Granularity, Prepared, Window};
use serde_json::Value;

const FROM: &str = "2026-10-04";
const TO: &str = "2026-10-31";

fn demo() -> Value {
    serde_json::from_slice(engage::snapshot::load::DEMO_JSON).unwrap()
}

fn in_window(date: &str) -> bool {
    (FROM..=TO).contains(&date)
}

fn num(v: &Value, k: &str) -> Option<f64> {
    v.get(k).and_then(Value::as_f64)
}

/// (direct, all, pageviews, engagement seconds, social sessions).
type Sums = (f64, f64, f64, f64, f64);

/// Web sums over the window: (direct, all, pageviews, engagement seconds, social sessions),
/// and of the rows by source (sessions, pageviews, engagement seconds).
fn naive_web(d: &Value) -> (Sums, (f64, f64, f64)) {
    let (mut direct, mut all, mut pv, mut es, mut social) = (0.0, 0.0, 0.0, 0.0, 0.0);
    let (mut src_sessions, mut src_pv, mut src_es) = (0.0, 0.0, 0.0);
    for r in d["web"].as_array().unwrap() {
        let date = r["date"].as_str().unwrap();
        if !in_window(date) {
            continue;
        }
        assert_ne!(
            r["channel"], "all",
            "the demo has no `all` rows: totals are sums of channels"
        );
        // Rows by source are parts of their channel, whose own row the demo always has;
        // the platforms' visits are theirs alone.
        if r.get("source").is_some() {
            src_sessions += num(r, "sessions").unwrap();
            src_pv += num(r, "pageviews").unwrap();
            src_es += num(r, "engagement_seconds").unwrap();
            continue;
        }
        let s = num(r, "sessions").unwrap();
        all += s;
        pv += num(r, "pageviews").unwrap();
        es += num(r, "engagement_seconds").unwrap();
        match r["channel"].as_str().unwrap() {
            "direct" => direct += s,
            "organic_social" | "paid_social" => social += s,
            _ => {}
        }
    }
    (
        (direct, all, pv, es, social),
        (src_sessions, src_pv, src_es),
    )
}

/// (clicks / impressions over posts with both, comments per post with comments).
fn naive_posts(d: &Value) -> (f64, f64) {
    let (mut clicks, mut impressions, mut comments, mut with_comments) = (0.0, 0.0, 0.0, 0.0);
    for p in d["posts"].as_array().unwrap() {
        let ts = p["published_at"].as_str().unwrap();
        assert!(
            ts.ends_with("+07:00"),
            "demo posts are written in the snapshot's offset"
        );
        if !in_window(&ts[..10]) {
            continue;
        }
        if let (Some(c), Some(i)) = (num(p, "clicks"), num(p, "impressions")) {
            clicks += c;
            impressions += i;
        }
        if let Some(c) = num(p, "comments") {
            comments += c;
            with_comments += 1.0;
        }
    }
    (clicks / impressions, comments / with_comments)
}

#[test]
fn website_loyalty_scorecard_matches_a_naive_computation() {
    let d = demo();
    let ((direct, all, pv, es, social), (src, src_pv, src_es)) = naive_web(&d);
    let (ctr, conversation) = naive_posts(&d);
    let expected = [
        ("direct_share", direct / all),
        ("pages_per_session", pv / all),
        ("avg_engagement_time", es / all),
        ("source_pages_per_session", src_pv / src),
        ("source_engagement_time", src_es / src),
        ("social_sessions", social),
        ("ctr", ctr),
        ("conversation_rate", conversation),
    ];

    let store = engage::snapshot::load::load_demo().store.unwrap();
    let prepared = Prepared::new(Arc::new(store));
    let plan = Plan::from_template("web", template("website-loyalty").unwrap());
    // The plan's default window: the last 28 days of the data.
    let last = prepared.store.day_span().unwrap().1;
    let window = plan.window.resolve(last).unwrap();
    assert_eq!(
        window,
        Window::new(parse_date(FROM).unwrap(), parse_date(TO).unwrap()).unwrap()
    );
    let card = scorecard(&prepared, &plan, window, Granularity::Week);
    assert_eq!(card.kpis.len(), expected.len());
    for ((id, value), k) in expected.iter().zip(&card.kpis) {
        assert_eq!(k.metric().id, *id);
        let got = k.result.current.value.unwrap();
        assert!(
            (got - value).abs() <= 1e-9 * value.abs(),
            "{id}: engine {got}, naive {value}"
        );
        eprintln!("{id:20} {got}");
    }
}
