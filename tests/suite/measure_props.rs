//! Properties of the measurement engine over random snapshots: no NaN or infinity anywhere,
//! per-account figures adding up to the total, ratio-of-sums metrics equal to the ratio of
//! the summed parts, and results that do not depend on the order of the posts.
//! `PROPTEST_CASES` raises the number of cases.

// A test states its expectations with unwrap, expect and panic; production code may not.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::Arc;

use engage::measure::{
    CATALOGUE, Ctx, Filter, Granularity, Prepared, Segment, Who, Window, metric,
};
use engage::snapshot::model::PostCount;
use engage::snapshot::{LoadControl, Store, parse_snapshot};
use proptest::prelude::*;

const FIRST: i32 = 20_454; // 2026-01-01

#[derive(Clone, Debug)]
struct PostSpec {
    account: usize,
    day: i32,
    hour: u32,
    format: &'static str,
    tags: Vec<&'static str>,
    counts: Vec<Option<u64>>,
}

fn count() -> impl Strategy<Value = Option<u64>> {
    prop_oneof![1 => Just(None), 1 => Just(Some(0)), 4 => (0u64..5_000).prop_map(Some)]
}

fn post() -> impl Strategy<Value = PostSpec> {
    (
        0usize..3,
        0i32..20,
        0u32..24,
        prop::sample::select(vec!["text", "photo", "reel", "link"]),
        prop::collection::vec(prop::sample::select(vec!["promo", "news", "sport"]), 0..3),
        prop::collection::vec(count(), 9),
    )
        .prop_map(|(account, day, hour, format, mut tags, counts)| {
            tags.sort_unstable();
            tags.dedup();
            PostSpec {
                account,
                day,
                hour,
                format,
                tags,
                counts,
            }
        })
}

/// Daily rows: (account, day, followers, follows, reach).
type Daily = Vec<(usize, i32, Option<u64>, Option<u64>, Option<u64>)>;
/// Web rows: (day, channel, sessions, pageviews).
type Web = Vec<(i32, usize, Option<u64>, Option<u64>)>;

/// A snapshot: three accounts, posts, daily rows with gaps and nulls, web rows.
fn snapshot_json(posts: &[PostSpec], daily: &Daily, web: &Web) -> String {
    let date = |d: i32| engage::calendar::format_date(FIRST + d);
    let num = |v: Option<u64>| v.map_or("null".to_owned(), |v| v.to_string());
    let ids = ["a", "b", "c"];
    let platforms = ["instagram", "x", "facebook"];
    let mut out = String::from(
        "{\"format\": \"engage-snapshot\", \"version\": 1, \"utc_offset\": \"+07:00\", \"accounts\": [",
    );
    out += &(0..3)
        .map(|i| {
            format!(
                "{{\"id\": \"{}\", \"platform\": \"{}\"}}",
                ids[i], platforms[i]
            )
        })
        .collect::<Vec<_>>()
        .join(",");
    out += "], \"posts\": [";
    let fields = [
        "likes",
        "comments",
        "shares",
        "saves",
        "reach",
        "impressions",
        "views",
        "clicks",
        "video_views",
    ];
    let posts: Vec<String> = posts
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let counts: Vec<String> = fields.iter().zip(&p.counts).map(|(f, c)| format!("\"{f}\": {}", num(*c))).collect();
            let tags: Vec<String> = p.tags.iter().map(|t| format!("\"{t}\"")).collect();
            format!(
                "{{\"id\": \"p{i}\", \"account\": \"{}\", \"published_at\": \"{}T{:02}:00:00+07:00\", \"format\": \"{}\", \"tags\": [{}], {}}}",
                ids[p.account], date(p.day), p.hour, p.format, tags.join(","), counts.join(", ")
            )
        })
        .collect();
    out += &posts.join(",");
    out += "], \"daily\": [";
    let mut seen = std::collections::HashSet::new();
    let daily: Vec<String> = daily
        .iter()
        .filter(|(a, d, ..)| seen.insert((*a, *d)))
        .map(|(a, d, followers, follows, reach)| {
            format!(
                "{{\"account\": \"{}\", \"date\": \"{}\", \"followers\": {}, \"follows\": {}, \"unfollows\": 1, \"reach\": {}}}",
                ids[*a], date(*d), num(*followers), num(*follows), num(*reach)
            )
        })
        .collect();
    out += &daily.join(",");
    out += "], \"web\": [";
    let channels = ["direct", "organic_social", "organic_search", "all"];
    let mut seen = std::collections::HashSet::new();
    let web: Vec<String> = web
        .iter()
        .filter(|(d, c, ..)| seen.insert((*d, *c)))
        .map(|(d, c, sessions, pageviews)| {
            format!(
                "{{\"date\": \"{}\", \"channel\": \"{}\", \"sessions\": {}, \"pageviews\": {}}}",
                date(*d),
                channels[*c],
                num(*sessions),
                num(*pageviews)
            )
        })
        .collect();
    out += &web.join(",");
    out += "]}";
    out
}

fn load(json: &str) -> Arc<Store> {
    let parsed = parse_snapshot(json.as_bytes(), "random.json", LoadControl::default()).unwrap();
    Arc::new(
        parsed
            .store
            .unwrap_or_else(|| panic!("generated snapshot invalid: {:?}", parsed.findings.errors)),
    )
}

fn inputs() -> impl Strategy<Value = (Vec<PostSpec>, Daily, Web)> {
    (
        prop::collection::vec(post(), 0..40),
        prop::collection::vec((0usize..3, 0i32..20, count(), count(), count()), 0..40),
        prop::collection::vec((0i32..20, 0usize..4, count(), count()), 0..30),
    )
}

fn segments() -> Vec<Segment> {
    vec![
        Segment::default(),
        Segment {
            tags: Filter {
                include: vec![],
                exclude: vec!["promo".into()],
            },
            ..Segment::default()
        },
        Segment {
            tags: Filter {
                include: vec!["news".into(), "sport".into()],
                exclude: vec![],
            },
            ..Segment::default()
        },
        Segment {
            accounts: Filter {
                include: vec!["a".into(), "c".into()],
                exclude: vec![],
            },
            ..Segment::default()
        },
    ]
}

/// 64 cases by default; `PROPTEST_CASES` overrides.
fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(64);
    ProptestConfig::with_cases(cases)
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn no_nan_and_breakdowns_add_up((posts, daily, web) in inputs(), from in 0i32..20, len in 1i32..20, g in 0usize..3) {
        let store = load(&snapshot_json(&posts, &daily, &web));
        let p = Prepared::new(store);
        let window = Window::new(FIRST + from, FIRST + from + len - 1).unwrap();
        let granularity = [Granularity::Day, Granularity::Week, Granularity::Month][g];
        for segment in segments() {
            let mut ctx = Ctx::new(&p, &segment);
            for m in CATALOGUE {
                let r = ctx.result(m, window, granularity);
                let figures = std::iter::once(&r.current)
                    .chain(std::iter::once(&r.previous))
                    .chain(r.series.iter().map(|s| &s.figure))
                    .chain(r.by_account.iter().map(|a| &a.figure))
                    .chain(r.by_platform.iter().map(|a| &a.figure));
                for f in figures {
                    if let Some(v) = f.value {
                        prop_assert!(v.is_finite(), "{}: {v}", m.id);
                    } else {
                        prop_assert!(f.reason.is_some(), "{}: no value and no reason", m.id);
                    }
                }
                for c in [r.change.absolute, r.change.relative].into_iter().flatten() {
                    prop_assert!(c.is_finite());
                }
                // Rows used and left out split between the accounts (posts and account-days).
                if m.scope != engage::measure::catalogue::Scope::Web && m.id != "posts_per_week" {
                    let used: u64 = r.by_account.iter().map(|a| a.figure.used).sum();
                    let left: u64 = r.by_account.iter().map(|a| a.figure.left_out).sum();
                    prop_assert_eq!((used, left), (r.current.used, r.current.left_out), "{}", m.id);
                }
                // Sums add up across accounts, exactly.
                if ["shares", "total_reach", "net_follows", "followers"].contains(&m.id) {
                    let sum: f64 = r.by_account.iter().filter_map(|a| a.figure.value).sum();
                    match r.current.value {
                        Some(v) => prop_assert_eq!(sum, v, "{}", m.id),
                        None => prop_assert!(r.by_account.iter().all(|a| a.figure.value.is_none())),
                    }
                }
            }
        }
    }

    #[test]
    fn ratio_of_sums_is_the_ratio_of_the_summed_parts((posts, daily, web) in inputs()) {
        let store = load(&snapshot_json(&posts, &daily, &web));
        let window = Window::new(FIRST, FIRST + 19).unwrap();
        let (mut clicks, mut impressions, mut n) = (0u64, 0u64, 0u64);
        for row in 0..store.posts.len() {
            if let (Some(c), Some(i)) = (store.posts.count(PostCount::Clicks, row), store.posts.count(PostCount::Impressions, row))
                && window.contains(store.posts.day[row]) {
                    clicks += c;
                    impressions += i;
                    n += 1;
                }
        }
        let p = Prepared::new(store);
        let f = Ctx::new(&p, &Segment::default()).figure(metric("ctr").unwrap(), window, Who::All);
        prop_assert_eq!(f.used, n);
        if impressions > 0 {
            prop_assert_eq!(f.value, Some(clicks as f64 / impressions as f64));
        } else {
            prop_assert_eq!(f.value, None);
        }
    }

    #[test]
    fn post_order_does_not_matter((posts, daily, web) in inputs(), seed in any::<u64>()) {
        let mut shuffled = posts.clone();
        // A deterministic shuffle from the seed.
        let mut s = seed | 1;
        for i in (1..shuffled.len()).rev() {
            s ^= s << 13; s ^= s >> 7; s ^= s << 17;
            shuffled.swap(i, (s % (i as u64 + 1)) as usize);
        }
        let a = Prepared::new(load(&snapshot_json(&posts, &daily, &web)));
        let b = Prepared::new(load(&snapshot_json(&shuffled, &daily, &web)));
        let window = Window::new(FIRST, FIRST + 19).unwrap();
        for segment in segments() {
            let (mut ca, mut cb) = (Ctx::new(&a, &segment), Ctx::new(&b, &segment));
            for m in CATALOGUE {
                let (fa, fb) = (ca.figure(m, window, Who::All), cb.figure(m, window, Who::All));
                prop_assert_eq!((fa.used, fa.left_out), (fb.used, fb.left_out), "{}", m.id);
                match (fa.value, fb.value) {
                    (Some(x), Some(y)) => prop_assert!((x - y).abs() <= 1e-12 * x.abs().max(1.0), "{}: {x} vs {y}", m.id),
                    (x, y) => prop_assert_eq!(x, y, "{}", m.id),
                }
            }
        }
    }
}
