//! Explore benchmark: each lens on the 1M-post file.
//!
//! Run with `cargo bench --bench explore` (it uses `target/bench-data/snapshot-1m.json`, made
//! by `cargo bench --bench load`, or generates it). Goals (issue 10), on this 2-core machine,
//! over all the file's days: breakdown by account x format <= 100 ms; best time <= 100 ms;
//! breakouts over all posts <= 1 s; follower jumps <= 20 ms; content with its bootstrap
//! <= 300 ms. Each figure is the median of several runs, with a same-run reference beside it:
//! one plain pass over the posts summing likes, the least any lens over the posts pays.

// A bench stops at a broken setup with unwrap, expect and panic; production code may not.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod bench_data;

use engage::analysis::best_time::best_time;
use engage::analysis::breakdown::breakdown;
use engage::analysis::breakouts::breakouts;
use engage::analysis::content::{Content, content_lens};
use engage::analysis::dims::Dim;
use engage::analysis::followers::jumps;
use engage::measure::{Prepared, Segment, Window, metric};
use engage::snapshot::model::PostCount;

use bench_data::timed;

fn main() {
    let store = bench_data::store_1m();
    let prepared = Prepared::new(std::sync::Arc::clone(&store));
    let (first, last) = store.day_span().expect("days");
    let all = Window::new(first, last).expect("a window");
    let segment = Segment::default();
    let er = metric("er_impressions").expect("er_impressions");
    let erf = metric("er_followers").expect("er_followers");
    println!(
        "engage explore bench · {} posts, {} accounts, {} days · {} CPUs",
        store.posts.len(),
        store.accounts.len(),
        all.days(),
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );
    let scan = timed(15, || {
        let likes = store.posts.column(PostCount::Likes);
        (0..store.posts.len())
            .filter_map(|r| likes.get(r))
            .sum::<u64>()
    });
    println!("reference: one pass over the posts summing likes  {scan:8.2} ms");
    let content = Content::default_for(&prepared);
    let mut verdicts = Vec::new();
    // `cargo bench --bench explore -- WORD` runs the lenses whose name holds WORD.
    let filter = std::env::args().skip(1).find(|a| !a.starts_with("--"));
    let wanted = |name: &str| filter.as_deref().is_none_or(|f| name.contains(f));
    let mut report = |name: &str, ms: f64, goal: f64| {
        let met = ms <= goal;
        verdicts.push(met);
        println!(
            "{name:<48} {ms:8.2} ms  ({:5.1}x the reference)   goal <= {goal} ms: {}",
            ms / scan,
            if met { "met" } else { "MISSED" }
        );
    };
    let name = "breakdown by account x format (ER by impressions)";
    if wanted(name) {
        report(
            name,
            timed(5, || {
                breakdown(
                    &prepared,
                    er,
                    all,
                    &segment,
                    &[Dim::Account, Dim::Format],
                    &content,
                )
            }),
            100.0,
        );
    }
    let lenses: [(&str, usize, f64, &dyn Fn()); 4] = [
        ("best time (ER by impressions)", 5, 100.0, &|| {
            let _ = std::hint::black_box(best_time(&prepared, er, all, &segment));
        }),
        (
            "breakouts over all posts (ER by followers)",
            3,
            1000.0,
            &|| {
                std::hint::black_box(breakouts(&prepared, erf, all, &segment).expect("per post"));
            },
        ),
        ("follower jumps", 5, 20.0, &|| {
            std::hint::black_box(jumps(&prepared, all, &segment));
        }),
        (
            "content with its bootstrap (ER by impressions)",
            5,
            300.0,
            &|| {
                let _ = std::hint::black_box(content_lens(&prepared, er, all, &segment, &content));
            },
        ),
    ];
    for (name, runs, goal, run) in lenses {
        if wanted(name) {
            report(name, timed(runs, run), goal);
        }
    }
    let all_met = verdicts.iter().all(|m| *m);
    println!(
        "\nverdict: {}",
        if all_met {
            "every goal met"
        } else {
            "a goal MISSED"
        }
    );
}
