//! Report benchmark: the HTML review of an 8-KPI plan (website loyalty) on the 1M-post file,
//! over all its days by day (3 years: 1,095 buckets per chart).
//!
//! Run with `cargo bench --bench report` (it uses `target/bench-data/snapshot-1m.json`, made
//! by `cargo bench --bench load`, or generates it). Goals (issue 11), on this 2-core machine:
//! the HTML <= 300 ms after load (scorecard, findings and page, as `engage report --format
//! html` computes them) and the file under 2 MB. Each figure is the median of several runs;
//! the same-run reference is the Markdown report of the same scorecard and findings.

// A bench stops at a broken setup with unwrap, expect and panic; production code may not.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod bench_data;

use engage::analysis::content::Content;
use engage::analysis::findings::findings;
use engage::measure::plan::Plan;
use engage::measure::scorecard::scorecard;
use engage::measure::templates::template;
use engage::measure::{Granularity, Prepared, Window};
use engage::report::Report;
use engage::report::html::to_html;
use engage::report::markdown::to_markdown;

use bench_data::timed_with as timed;

fn main() {
    let store = bench_data::store_1m();
    let prepared = Prepared::new(std::sync::Arc::clone(&store));
    let (first, last) = store.day_span().expect("days");
    let all = Window::new(first, last).expect("a window");
    let plan = Plan::from_template("web", template("website-loyalty").expect("template"));
    println!(
        "engage report bench · {} posts, {} days, plan with {} KPIs, by day · {} CPUs",
        store.posts.len(),
        all.days(),
        plan.kpis.len(),
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );
    let content = Content::default_for(&prepared);
    let mut verdicts = Vec::new();
    // The plan's own window (the last 28 days, a weekly review) and every day of the file.
    let plan_window = plan.window.resolve(last).expect("the plan's window");
    for (what, window) in [("the plan's window", plan_window), ("all 1,095 days", all)] {
        println!("\n{what}: {window}");
        verdicts.push(one_window(&store, &prepared, &plan, &content, window));
    }
    let met = verdicts.iter().all(|v| *v);
    println!("\nverdict: {}", if met { "met" } else { "MISSED" });
}

/// Times the HTML of `window`; whether its goals are met.
fn one_window(
    store: &engage::snapshot::Store,
    prepared: &Prepared,
    plan: &Plan,
    content: &Content,
    all: Window,
) -> bool {
    let build = || {
        let card = scorecard(prepared, plan, all, Granularity::Day);
        let found = findings(prepared, all, &plan.segment, content, Some(&card));
        Report {
            findings: found,
            plan: Some(plan),
            scorecard: card,
            segment: plan.segment.clone(),
            title: store.title.clone(),
            sources: store.sources.iter().map(|s| s.name.clone()).collect(),
            granularity: Granularity::Day,
        }
    };
    let (card_ms, card) = timed(5, || scorecard(prepared, plan, all, Granularity::Day));
    let (found_ms, _) = timed(5, || {
        findings(prepared, all, &plan.segment, content, Some(&card))
    });
    println!("  scorecard {card_ms:.1} ms · findings {found_ms:.1} ms");
    let (numbers, report) = timed(5, build);
    let (markdown, md) = timed(5, || to_markdown(&report));
    let (page, html) = timed(5, || to_html(&report, prepared));
    let (total, _) = timed(5, || to_html(&build(), prepared));
    println!("scorecard and findings (shared by every format)   {numbers:8.2} ms");
    println!(
        "reference: the Markdown page of them              {markdown:8.2} ms  ({} bytes)",
        md.len()
    );
    println!(
        "the HTML page of them (charts, posts, provenance) {page:8.2} ms  ({:.1}x the Markdown)",
        page / markdown.max(1e-9)
    );
    let met_time = total <= 300.0;
    let met_size = html.len() < 2 * 1024 * 1024;
    println!(
        "HTML after load (numbers + page)                  {total:8.2} ms   goal <= 300 ms: {}",
        if met_time { "met" } else { "MISSED" }
    );
    println!(
        "HTML size                                         {:8.0} KB   goal < 2048 KB: {}",
        html.len() as f64 / 1024.0,
        if met_size { "met" } else { "MISSED" }
    );
    met_time && met_size
}
