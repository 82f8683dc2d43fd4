//! Import benchmark: engage's importer against a reference that only reads the rows, in the
//! same run.
//!
//! Run with `cargo bench --bench import`. It generates (once, into `target/bench-data/`) a
//! 1M-row X/Twitter `tweet_activity_metrics` export shaped like the real ones: 40 quoted
//! columns, counts written as floats (`"215.0"`), the rate in E notation, the `promoted`
//! columns as `-`, texts of about 150 characters with emoji, one in four with a line break.
//! Then it runs, alternating, each in a fresh child process:
//! * the reference: the csv crate reading every row with `read_byte_record` (a reused
//!   `ByteRecord`) and nothing else;
//! * engage: `engage::import::import_file` (decode, recognise, map, parse every count and
//!   time, build the columnar store, report).
//!
//! Goal (issue 5): engage <= 1.5x the reference. Figures are medians of `--runs N` (default
//! 3); the verdict is a ratio, since machines are noisy.

// A bench stops at a broken setup with unwrap, expect and panic; production code may not.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::Write;
mod common;

use common::{mb, measure, median, peak_rss};

use std::path::{Path, PathBuf};
use std::time::Instant;

const ROWS: usize = 1_000_000;
const HEADER: &str = "\"Tweet id\",\"Tweet permalink\",\"Tweet text\",\"time\",\"impressions\",\"engagements\",\"engagement rate\",\"retweets\",\"replies\",\"likes\",\"user profile clicks\",\"url clicks\",\"hashtag clicks\",\"detail expands\",\"permalink clicks\",\"app opens\",\"app installs\",\"follows\",\"email tweet\",\"dial phone\",\"media views\",\"media engagements\",\"promoted impressions\",\"promoted engagements\",\"promoted engagement rate\",\"promoted retweets\",\"promoted replies\",\"promoted likes\",\"promoted user profile clicks\",\"promoted url clicks\",\"promoted hashtag clicks\",\"promoted detail expands\",\"promoted permalink clicks\",\"promoted app opens\",\"promoted app installs\",\"promoted follows\",\"promoted email tweet\",\"promoted dial phone\",\"promoted media views\",\"promoted media engagements\"";
const WORDS: &[&str] = &[
    "data",
    "people",
    "really",
    "interested",
    "why",
    "travel",
    "children",
    "window",
    "study",
    "replication",
    "open",
    "science",
    "😀",
    "knitting",
    "lace",
    "R",
    "package",
    "thread",
    "🧶",
    "paper",
    "preprint",
    "code",
    "“quoted”",
    "café",
    "teaching",
    "stats",
];

/// Writes the bench export: deterministic, newest first like the real files.
fn generate(path: &Path) {
    let tmp = path.with_extension("tmp");
    let file = std::fs::File::create(&tmp).expect("create bench file");
    let mut w = std::io::BufWriter::new(file);
    writeln!(w, "{HEADER}").expect("write");
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move |n: u64| {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (seed >> 33) % n.max(1)
    };
    let start = 1_640_995_200i64; // 2022-01-01
    for i in 0..ROWS {
        let id = 1_355_500_244_381_949_952u64 - i as u64 * 997;
        let ts = start - (i as i64) * 31;
        let dt = chrono::DateTime::from_timestamp(ts, 0).expect("valid time");
        let mut text = String::new();
        while text.len() < 150 {
            if !text.is_empty() {
                text.push(if next(40) == 0 { '\n' } else { ' ' });
            }
            text.push_str(WORDS[next(WORDS.len() as u64) as usize]);
        }
        let impressions = next(5000);
        let engagements = next(impressions + 1);
        let rate = engagements as f64 / impressions.max(1) as f64 / 1000.0;
        write!(
            w,
            "\"{id}\",\"https://twitter.com/bench/status/{id}\",\"{text}\",\"{}\",\"{impressions}.0\",\"{engagements}.0\",\"{rate:E}\",\"{}.0\",\"{}.0\",\"{}.0\",\"{}.0\",\"{}.0\",\"0.0\",\"{}.0\",\"0.0\",\"0\",\"0\",\"0\",\"0\",\"0\",\"{}\",\"{}\"",
            dt.format("%Y-%m-%d %H:%M +0000"),
            next(20),
            next(10),
            next(100),
            next(5),
            next(8),
            next(12),
            next(50),
            next(9),
        )
        .expect("write");
        for _ in 0..18 {
            w.write_all(b",\"-\"").expect("write");
        }
        w.write_all(b"\n").expect("write");
    }
    w.flush().expect("flush");
    drop(w);
    std::fs::rename(&tmp, path).expect("rename bench file");
}

/// Runs one measurement in this (child) process and prints `secs peak_bytes rows`.
fn child(mode: &str, file: &Path) {
    let start = Instant::now();
    let rows = match mode {
        "reference" => {
            let mut reader = csv::ReaderBuilder::new()
                .has_headers(true)
                .from_path(file)
                .expect("open");
            let mut record = csv::ByteRecord::new();
            let mut rows = 0usize;
            while reader.read_byte_record(&mut record).expect("read") {
                rows += 1;
            }
            std::hint::black_box(&record);
            rows
        }
        "engage" => {
            let imported = engage::import::import_file(file, &engage::import::Options::default());
            let store = imported.store.expect("the bench export imports");
            assert_eq!(imported.report.rows_skipped(), 0, "{:?}", imported.report);
            std::hint::black_box(&store);
            store.posts.len()
        }
        other => panic!("unknown mode {other}"),
    };
    let secs = start.elapsed().as_secs_f64();
    println!("{secs} {} {rows}", peak_rss());
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--child") {
        child(&args[i + 1], Path::new(&args[i + 2]));
        return;
    }
    let runs = args
        .iter()
        .position(|a| a == "--runs")
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(3);
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-data");
    std::fs::create_dir_all(&dir).expect("bench dir");
    let path: PathBuf = dir.join("tweet_activity_metrics_bench_20190101_20220101_en.csv");
    if !path.exists() {
        eprintln!("generating {} ({ROWS} rows) ...", path.display());
        let t = Instant::now();
        generate(&path);
        eprintln!("  done in {:.1} s", t.elapsed().as_secs_f64());
    }
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    let (mut rt, mut rm, mut et, mut em) = (vec![], vec![], vec![], vec![]);
    for _ in 0..runs {
        let r = measure("reference", &path);
        let e = measure("engage", &path);
        assert_eq!(r.items, e.items, "both read every row");
        rt.push(r.secs);
        rm.push(r.peak as f64);
        et.push(e.secs);
        em.push(e.peak as f64);
    }
    let (rt, rm, et, em) = (median(rt), median(rm), median(et), median(em));
    println!(
        "\n{}: {} · {ROWS} rows · {runs} runs each, medians",
        path.file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default(),
        mb(size as f64)
    );
    println!(
        "  reference (csv ByteRecord)  {rt:>7.3} s   peak {:>7}",
        mb(rm)
    );
    println!(
        "  engage import               {et:>7.3} s   peak {:>7}",
        mb(em)
    );
    let ratio = et / rt;
    let verdict = if ratio <= 1.5 { "met" } else { "MISSED" };
    println!("  ratio engage/reference      time {ratio:.2}x (goal <= 1.5x: {verdict})");
}
