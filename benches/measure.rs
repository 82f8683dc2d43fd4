//! Measurement benchmark: pre-aggregation and whole-catalogue queries on the 1M-post file.
//!
//! Run with `cargo bench --bench measure` (after `cargo bench --bench load` has generated
//! `target/bench-data/snapshot-1m.json`, or it generates it). Goals (issue 3), on this
//! 2-core machine: pre-aggregation <= 150 ms; the whole catalogue for a 28-day window with a
//! daily series, per-account breakdown and previous period <= 5 ms; the whole catalogue over
//! all posts <= 10 ms. Each figure is the median of many runs, with the p95 beside it; for a
//! same-run reference, it also times one plain pass over the posts summing likes (the least
//! any per-query O(posts) design would pay).

// A bench stops at a broken setup with unwrap, expect and panic; production code may not.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod bench_data;

use std::time::Instant;

use engage::measure::{CATALOGUE, Ctx, Granularity, Prepared, Segment, Window};
use engage::snapshot::model::PostCount;

fn timed<T>(runs: usize, mut f: impl FnMut() -> T) -> (f64, f64) {
    let mut ms: Vec<f64> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(f());
            t.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    ms.sort_by(f64::total_cmp);
    (
        ms[ms.len() / 2],
        ms[(ms.len() * 95 / 100).min(ms.len() - 1)],
    )
}

fn verdict(median: f64, goal: f64) -> &'static str {
    if median <= goal { "met" } else { "MISSED" }
}

fn main() {
    let store = bench_data::store_1m();
    println!(
        "{} posts, {} accounts",
        store.posts.len(),
        store.accounts.len()
    );

    let (scan, scan95) = timed(20, || {
        let store = std::hint::black_box(&store);
        let likes = store.posts.column(PostCount::Likes);
        (0..store.posts.len())
            .filter_map(|r| likes.get(r))
            .sum::<u64>()
    });
    println!("reference: one pass over the posts summing likes   {scan:7.2} ms (p95 {scan95:.2})");

    let (prep, prep95) = timed(7, || {
        Prepared::new(std::hint::black_box(std::sync::Arc::clone(&store)))
    });
    println!(
        "pre-aggregation                                       {prep:7.2} ms (p95 {prep95:.2})   goal <= 150 ms: {}",
        verdict(prep, 150.0)
    );
    let prepared = Prepared::new(std::sync::Arc::clone(&store));
    let (_, last) = store.day_span().expect("data");
    let w28 = Window::last(28, last);
    let all = Window::new(store.day_span().expect("data").0, last).expect("window");
    let segment = Segment::default();

    let (m28, p28) = timed(200, || {
        let mut ctx = Ctx::new(std::hint::black_box(&prepared), &segment);
        CATALOGUE
            .iter()
            .map(|m| ctx.result(m, w28, Granularity::Day))
            .collect::<Vec<_>>()
    });
    println!(
        "catalogue, 28 days, daily series + accounts + previous {m28:7.2} ms (p95 {p28:.2})   goal <= 5 ms: {}",
        verdict(m28, 5.0)
    );
    let (mall, pall) = timed(50, || {
        let mut ctx = Ctx::new(std::hint::black_box(&prepared), &segment);
        CATALOGUE
            .iter()
            .map(|m| ctx.figure(m, all, engage::measure::Who::All))
            .collect::<Vec<_>>()
    });
    println!(
        "catalogue, all {} days                             {mall:7.2} ms (p95 {pall:.2})   goal <= 10 ms: {}",
        all.days(),
        verdict(mall, 10.0)
    );
    let promo = Segment {
        tags: engage::measure::Filter {
            include: Vec::new(),
            exclude: vec!["promo".into()],
        },
        ..Segment::default()
    };
    let (mseg, pseg) = timed(100, || {
        let mut ctx = Ctx::new(std::hint::black_box(&prepared), &promo);
        CATALOGUE
            .iter()
            .map(|m| ctx.result(m, w28, Granularity::Day))
            .collect::<Vec<_>>()
    });
    println!(
        "catalogue, 28 days, segment without promo posts     {mseg:7.2} ms (p95 {pseg:.2})   (includes the segment's one pass)"
    );
    let (build, build95) = timed(20, || {
        Ctx::new(std::hint::black_box(&prepared), &promo).sel.splits
    });
    println!(
        "segment table build (one pass over the posts)         {build:7.2} ms (p95 {build95:.2})"
    );
}
