//! Export benchmark: the posts CSV of every post of the 1M-post file.
//!
//! Run with `cargo bench --bench export` (it uses `target/bench-data/snapshot-1m.json`, made
//! by `cargo bench --bench load`, or generates it). Goal (issue 11): the posts CSV of 1M rows
//! in at most 1.5 s, every column (id, account, platform, format, time, tags, text, link,
//! counts, interactions, per-post rates), into memory and into a file (formatted in chunks on
//! every core while the caller writes; also timed on one thread). Beside it, a same-run
//! reference: the csv crate writing the same rows with only the raw fields (id, text, link and
//! the ten counts as integers): no time, no tags, no rates, no neutralising. Each figure is
//! the median of several runs.

// A bench stops at a broken setup with unwrap, expect and panic; production code may not.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod bench_data;

use std::io::Write;

use engage::export::posts::{columns, write_posts, write_posts_in_chunks};
use engage::measure::{Prepared, Segment, Window};
use engage::snapshot::model::PostCount;

use bench_data::timed;

/// The reference: the same rows, raw fields only, through the csv crate.
fn reference(prepared: &Prepared, rows: &[u32], out: &mut Vec<u8>) {
    let posts = &prepared.store.posts;
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    let mut header = vec!["id", "text", "url"];
    header.extend(PostCount::ALL.iter().map(|c| c.name()));
    w.write_record(&header).unwrap();
    let mut digits = [0u8; 20];
    for &r in rows {
        let r = r as usize;
        w.write_field(posts.id.get(r)).unwrap();
        w.write_field(posts.text.get(r)).unwrap();
        w.write_field(posts.url.get(r)).unwrap();
        for c in PostCount::ALL {
            match posts.count(*c, r) {
                None => w.write_field(b"").unwrap(),
                Some(mut v) => {
                    let mut i = digits.len();
                    loop {
                        i -= 1;
                        digits[i] = b'0' + (v % 10) as u8;
                        v /= 10;
                        if v == 0 {
                            break;
                        }
                    }
                    w.write_field(&digits[i..]).unwrap();
                }
            }
        }
        w.write_record(None::<&[u8]>).unwrap();
    }
    w.flush().unwrap();
}

fn main() {
    let store = bench_data::store_1m();
    let prepared = Prepared::new(std::sync::Arc::clone(&store));
    let (first, last) = store.day_span().expect("days");
    let all = Window::new(first, last).expect("a window");
    let rows = prepared.query_posts(all, &Segment::default(), "");
    let cols = columns(&prepared);
    println!(
        "engage export bench · {} rows, {} columns · {} CPUs",
        rows.len(),
        cols.len(),
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );
    let mut size = 0;
    let mut memory = Vec::new();
    let posts_ms = timed(5, || {
        memory.clear();
        write_posts(&prepared, &rows, &cols, &mut memory).unwrap();
        size = memory.len();
    });
    // The same file in one chunk: formatted on this thread alone.
    let one_thread_ms = timed(3, || {
        memory.clear();
        write_posts_in_chunks(&prepared, &rows, &cols, &mut memory, usize::MAX).unwrap();
    });
    let mut raw = Vec::new();
    let reference_ms = timed(5, || {
        raw.clear();
        reference(&prepared, &rows, &mut raw);
    });
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("posts.csv");
    let file_ms = timed(3, || {
        engage::storage::write_atomic_with(&path, |w| write_posts(&prepared, &rows, &cols, w))
            .unwrap();
    });
    drop(memory);
    let goal = 1500.0;
    println!(
        "reference: csv crate, raw id, text, url and counts   {reference_ms:8.1} ms  ({:.0} MB)",
        raw.len() as f64 / 1e6
    );
    let mut met = true;
    for (name, ms) in [
        ("posts CSV, every column, into memory", posts_ms),
        (
            "posts CSV, every column, into memory, one thread",
            one_thread_ms,
        ),
        (
            "posts CSV, every column, into a file (atomic, fsync)",
            file_ms,
        ),
    ] {
        met &= ms <= goal;
        println!(
            "{name:<52} {ms:8.1} ms  ({:4.2}x the reference)  goal <= {goal} ms: {}",
            ms / reference_ms,
            if ms <= goal { "met" } else { "MISSED" }
        );
    }
    println!("file size {:.0} MB", size as f64 / 1e6);
    std::io::stdout().flush().unwrap();
    println!(
        "\nverdict: {}",
        if met {
            "every goal met"
        } else {
            "a goal MISSED"
        }
    );
}
