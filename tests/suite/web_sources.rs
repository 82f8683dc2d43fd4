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
