//! Bad input: every file in `tests/fixtures/invalid/` is refused with the first error listed in
//! `EXPECTED.tsv` (line, byte column, JSON path, a message substring), without a panic, and
//! every message names the file. Then inputs too large to commit, generated here as streams
//! (never held whole in memory): a 100 MB string, a million nested `[`, 50,000 bad posts, a
//! 10 MB file with an error on every line. And the shape of the findings: errors in file
//! order, warnings apart from errors, a file with only warnings loads.

// A test states its expectations with unwrap, expect and panic; production code may not.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::io::{Cursor, Read};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use engage::snapshot::{Diagnostic, LoadControl, Parsed, Severity, parse_snapshot};

// ---------------------------------------------------------------------------------------------
// Allocation tracking, per thread, so that tests running in parallel do not disturb each other.

struct Tracking;

thread_local! {
    static LIVE: Cell<isize> = const { Cell::new(0) };
    static PEAK: Cell<isize> = const { Cell::new(0) };
}

fn note(delta: isize) {
    let _ = LIVE.try_with(|live| {
        let now = live.get() + delta;
        live.set(now);
        let _ = PEAK.try_with(|peak| peak.set(peak.get().max(now)));
    });
}

// SAFETY: every call is forwarded to the system allocator unchanged; the bookkeeping touches
// only `const`-initialised thread-locals without destructors, which never allocate.
unsafe impl GlobalAlloc for Tracking {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded with the caller's layout.
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            note(layout.size() as isize);
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded with the caller's layout.
        let p = unsafe { System.alloc_zeroed(layout) };
        if !p.is_null() {
            note(layout.size() as isize);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: forwarded with the caller's pointer and layout.
        unsafe { System.dealloc(ptr, layout) };
        note(-(layout.size() as isize));
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: forwarded with the caller's pointer, layout and size.
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            note(new_size as isize - layout.size() as isize);
        }
        p
    }
}

#[global_allocator]
static ALLOCATOR: Tracking = Tracking;

/// Runs `f` and returns its result with the most memory this thread held at once beyond what
/// it held before.
fn peak_bytes<T>(f: impl FnOnce() -> T) -> (T, usize) {
    let start = LIVE.with(Cell::get);
    PEAK.with(|p| p.set(start));
    let out = f();
    let peak = PEAK.with(Cell::get);
    (out, usize::try_from(peak - start).unwrap_or(0))
}

// ---------------------------------------------------------------------------------------------

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn load(src: impl Read, name: &str) -> Parsed {
    parse_snapshot(src, name, LoadControl::default()).expect("nothing cancels this load")
}

fn describe(parsed: &Parsed) -> String {
    let mut lines: Vec<String> = parsed
        .findings
        .errors
        .iter()
        .map(ToString::to_string)
        .collect();
    if parsed.findings.errors_omitted > 0 {
        lines.push(format!(
            "… and {} more errors",
            parsed.findings.errors_omitted
        ));
    }
    lines.join("\n    ")
}

/// One row of `EXPECTED.tsv`.
#[derive(Debug)]
struct Expected {
    file: String,
    line: u32,
    column: u32,
    path: String,
    message: String,
}

fn expected_rows() -> Vec<Expected> {
    let text = std::fs::read_to_string(root().join("tests/fixtures/invalid/EXPECTED.tsv"))
        .expect("EXPECTED.tsv");
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with("file\t") && !l.trim().is_empty())
        .map(|line| {
            let c: Vec<&str> = line.split('\t').collect();
            assert_eq!(c.len(), 7, "EXPECTED.tsv: 7 columns in {line:?}");
            Expected {
                file: c[0].to_owned(),
                line: c[1].parse().expect("a line number"),
                column: c[2].parse().expect("a column number"),
                path: c[3].to_owned(),
                message: c[4].to_owned(),
            }
        })
        .collect()
}

/// Checks what every refused file must satisfy; returns the problems found.
fn check_refused(parsed: &Parsed, name: &str) -> Vec<String> {
    let mut problems = Vec::new();
    if parsed.store.is_some() {
        problems.push("a store was built for a refused file".to_owned());
    }
    if parsed.findings.errors.is_empty() {
        problems.push("no error was reported".to_owned());
    }
    for d in parsed
        .findings
        .errors
        .iter()
        .chain(&parsed.findings.warnings)
    {
        if d.file != name || !d.to_string().starts_with(name) {
            problems.push(format!("a message does not name the file: {d}"));
        }
        if d.message.trim().is_empty() {
            problems.push(format!("an empty message: {d:?}"));
        }
    }
    if !is_file_order(&parsed.findings.errors) {
        problems.push("errors are not in file order".to_owned());
    }
    if parsed
        .findings
        .errors
        .iter()
        .any(|d| d.severity != Severity::Error)
        || parsed
            .findings
            .warnings
            .iter()
            .any(|d| d.severity != Severity::Warning)
    {
        problems.push("errors and warnings are mixed".to_owned());
    }
    problems
}

fn is_file_order(list: &[Diagnostic]) -> bool {
    let key = |d: &Diagnostic| (d.line.unwrap_or(u32::MAX), d.column.unwrap_or(0));
    list.windows(2).all(|w| key(&w[0]) <= key(&w[1]))
}

#[test]
fn every_invalid_fixture_gives_its_expected_first_error() {
    let rows = expected_rows();
    assert!(rows.len() > 100, "only {} rows in EXPECTED.tsv", rows.len());
    let mut failures = Vec::new();
    for row in &rows {
        let path = root().join("tests/fixtures/invalid").join(&row.file);
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let name = format!("fixtures/{}", row.file);
        let parsed = match catch_unwind(AssertUnwindSafe(|| load(bytes.as_slice(), &name))) {
            Ok(p) => p,
            Err(_) => {
                failures.push(format!("{}: the loader panicked", row.file));
                continue;
            }
        };
        let mut problems = check_refused(&parsed, &name);
        if let Some(first) = parsed.findings.errors.first() {
            let got = (first.line, first.column, first.path.as_str());
            let want = (Some(row.line), Some(row.column), row.path.as_str());
            if got != want {
                problems.push(format!(
                    "first error at {:?}:{:?} path {:?}, expected {}:{} path {:?}",
                    first.line, first.column, first.path, row.line, row.column, row.path
                ));
            }
            if !first.message.contains(&row.message) {
                problems.push(format!(
                    "first message {:?} does not contain {:?}",
                    first.message, row.message
                ));
            }
        }
        if !problems.is_empty() {
            failures.push(format!(
                "{}:\n  {}\n  errors:\n    {}",
                row.file,
                problems.join("\n  "),
                describe(&parsed)
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} fixtures:\n{}",
        failures.len(),
        rows.len(),
        failures.join("\n")
    );
}

/// The file name a user gives is the one every message carries, on disk as in memory.
#[test]
fn messages_name_the_file_from_disk() {
    let path = root().join("tests/fixtures/invalid/dup-post-id.json");
    let parsed = engage::snapshot::load::load_file(&path, &LoadControl::default())
        .expect("nothing cancels this load");
    let shown = path.display().to_string();
    assert!(parsed.store.is_none());
    for d in &parsed.findings.errors {
        assert_eq!(d.file, shown);
        assert!(d.to_string().starts_with(&format!("{shown}:")), "{d}");
    }
}

// ---------------------------------------------------------------------------------------------
// Generated inputs.

const HEAD: &str = r#"{"format": "engage-snapshot", "version": 1,
"accounts": [{"id": "ig", "platform": "instagram"}],
"posts": [
"#;

fn stream(parts: Vec<Box<dyn Read>>) -> impl Read {
    parts
        .into_iter()
        .fold(Box::new(std::io::empty()) as Box<dyn Read>, |acc, next| {
            Box::new(acc.chain(next))
        })
}

fn text(s: &str) -> Box<dyn Read> {
    Box::new(Cursor::new(s.as_bytes().to_vec()))
}

fn repeat(byte: u8, n: u64) -> Box<dyn Read> {
    Box::new(std::io::repeat(byte).take(n))
}

#[test]
fn a_100_mb_string_is_refused_quickly_without_holding_it() {
    const LEN: u64 = 100 * 1024 * 1024;
    let src = stream(vec![
        text(HEAD),
        text(
            r#"{"id": "p1", "account": "ig", "published_at": "2026-10-31T10:00:00Z", "format": "text", "text": ""#,
        ),
        repeat(b'a', LEN),
        text("\"}\n]}\n"),
    ]);
    let started = Instant::now();
    let (parsed, peak) = peak_bytes(|| load(src, "huge-text.json"));
    let took = started.elapsed();
    assert!(parsed.store.is_none());
    assert_eq!(parsed.findings.error_total(), 1, "{}", describe(&parsed));
    let e = &parsed.findings.errors[0];
    assert_eq!(
        (e.line, e.column, e.path.as_str()),
        (Some(4), Some(97), "posts[0].text"),
        "{e}"
    );
    assert!(e.message.contains("104,857,600 bytes long"), "{e}");
    assert!(e.message.contains("limit"), "{e}");
    // The reader keeps one chunk and at most the string limit, never the whole string (and the
    // tracking does see the limit's worth of text being kept).
    assert!(peak < 8 * 1024 * 1024, "the load held {peak} bytes at once");
    assert!(
        peak > 1024 * 1024,
        "the allocation tracking saw only {peak} bytes"
    );
    assert!(took < Duration::from_secs(20), "took {took:?}");
    assert_eq!(parsed.bytes, LEN + 211, "the whole input was read");
}

#[test]
fn a_million_nested_brackets_are_refused_without_recursion() {
    const DEPTH: u64 = 1_000_000;
    // In an unknown field, as a post, and as the whole file.
    /// A name, the input, and where the first error must be: line, column, path.
    type Case = (&'static str, Box<dyn Read>, (u32, u32, &'static str));
    let cases: Vec<Case> = vec![
        (
            "deep-unknown.json",
            Box::new(stream(vec![
                text("{\"format\": \"engage-snapshot\", \"version\": 1, \"extra\": "),
                repeat(b'[', DEPTH),
                repeat(b']', DEPTH),
                text("}"),
            ])),
            (1, 1054, "extra"),
        ),
        (
            "deep-post.json",
            Box::new(stream(vec![
                text(HEAD),
                repeat(b'[', DEPTH),
                repeat(b']', DEPTH),
                text("]}"),
            ])),
            (4, 1001, "posts[0]"),
        ),
        (
            "deep-file.json",
            Box::new(stream(vec![repeat(b'[', DEPTH), repeat(b']', DEPTH)])),
            (1, 1, ""),
        ),
    ];
    for (name, src, (line, column, path)) in cases {
        let started = Instant::now();
        let (parsed, peak) = peak_bytes(|| load(src, name));
        assert!(parsed.store.is_none(), "{name}");
        let e = &parsed.findings.errors[0];
        assert_eq!(
            (e.line, e.column, e.path.as_str()),
            (Some(line), Some(column), path),
            "{e}"
        );
        if name == "deep-file.json" {
            assert!(e.message.contains("found an array"), "{e}");
        } else {
            assert!(e.message.contains("nested deeper than 1000 levels"), "{e}");
        }
        assert!(peak < 4 * 1024 * 1024, "{name}: held {peak} bytes at once");
        assert!(started.elapsed() < Duration::from_secs(10), "{name}");
    }
}

#[test]
fn errors_are_capped_at_100_and_the_rest_counted() {
    const POSTS: usize = 50_000;
    let mut json = String::from(HEAD);
    for i in 0..POSTS {
        if i > 0 {
            json.push_str(",\n");
        }
        json.push_str(&format!(
            r#"{{"id": "p{i}", "account": "ig", "published_at": "2026-10-31T10:00:00Z", "format": "photo", "likes": "many"}}"#
        ));
    }
    json.push_str("\n]}\n");
    let started = Instant::now();
    let parsed = load(json.as_bytes(), "many-errors.json");
    let took = started.elapsed();
    let f = &parsed.findings;
    assert!(parsed.store.is_none());
    assert_eq!(f.errors.len(), 100);
    assert_eq!(f.errors_omitted, POSTS - 100);
    assert_eq!(f.error_total(), POSTS);
    for (i, e) in f.errors.iter().enumerate() {
        assert_eq!(e.path, format!("posts[{i}].likes"));
        assert_eq!(e.line, Some(4 + i as u32));
        assert!(e.message.contains("found string \"many\""), "{e}");
    }
    assert!(took < Duration::from_secs(10), "took {took:?}");
}

#[test]
fn an_error_on_every_line_of_10_mb() {
    const TARGET: usize = 10 * 1024 * 1024;
    let mut json = String::from(
        "{\"format\": \"engage-snapshot\", \"version\": 1,\n\"accounts\": [{\"id\": \"ig\", \"platform\": \"instagram\"}],\n\"daily\": [\n",
    );
    let mut rows = 0usize;
    while json.len() < TARGET {
        if rows > 0 {
            json.push_str(",\n");
        }
        // Month 13: every row has a bad date, reported and counted, nothing else.
        json.push_str(&format!(
            r#"{{"account": "ig", "date": "2026-13-{:02}", "followers": {rows}}}"#,
            rows % 28 + 1
        ));
        rows += 1;
    }
    json.push_str("\n]}\n");
    let started = Instant::now();
    let parsed = load(json.as_bytes(), "every-line.json");
    let took = started.elapsed();
    let f = &parsed.findings;
    assert!(parsed.store.is_none());
    assert_eq!(f.error_total(), rows, "{}", describe(&parsed));
    assert_eq!(f.errors.len(), 100);
    for (i, e) in f.errors.iter().enumerate() {
        assert_eq!((e.line, e.column), (Some(4 + i as u32), Some(27)), "{e}");
        assert_eq!(e.path, format!("daily[{i}].date"));
    }
    assert!(took < Duration::from_secs(20), "took {took:?}");
}

// ---------------------------------------------------------------------------------------------
// The shape of the findings.

#[test]
fn errors_come_in_file_order_whatever_order_they_were_found_in() {
    // The unknown account is only known to be unknown at the end of the file, the duplicate
    // daily row when its twin is read; both are listed where they are in the file.
    let json = r#"{
  "format": "engage-snapshot", "version": 1,
  "posts": [
    {"id": "p1", "account": "nobody", "published_at": "2026-10-31T10:00:00Z", "format": "photo"},
    {"id": "p2", "account": "ig", "published_at": "2026-10-31T10:00:00", "format": "photo"}
  ],
  "daily": [
    {"account": "ig", "date": "2026-10-31"},
    {"account": "ig", "date": "2026-10-31", "followers": -1}
  ],
  "accounts": [{"id": "ig", "platform": "instagram"}, {"id": "ig", "platform": "myspace"}]
}"#;
    let parsed = load(json.as_bytes(), "order.json");
    let got: Vec<(Option<u32>, String)> = parsed
        .findings
        .errors
        .iter()
        .map(|e| (e.line, e.path.clone()))
        .collect();
    let want: Vec<(Option<u32>, String)> = [
        (4, "posts[0].account"),
        (5, "posts[1].published_at"),
        (9, "daily[1]"),
        (9, "daily[1].followers"),
        (11, "accounts[1].id"),
        (11, "accounts[1].platform"),
    ]
    .iter()
    .map(|(l, p)| (Some(*l), (*p).to_owned()))
    .collect();
    assert_eq!(got, want, "{}", describe(&parsed));
    assert!(is_file_order(&parsed.findings.errors));
}

#[test]
fn a_file_with_only_warnings_loads_and_keeps_them_apart() {
    let path = root().join("tests/fixtures/valid/unknown-fields.json");
    let bytes = std::fs::read(path).expect("fixture");
    let parsed = load(bytes.as_slice(), "unknown-fields.json");
    let f = &parsed.findings;
    assert!(parsed.store.is_some(), "{}", describe(&parsed));
    assert!(f.errors.is_empty() && f.errors_omitted == 0);
    let got: Vec<(Option<u32>, &str, &str)> = f
        .warnings
        .iter()
        .map(|w| (w.line, w.path.as_str(), w.message.as_str()))
        .collect();
    let want = vec![
        (Some(4), "generator", "unknown field `generator` (ignored)"),
        (
            Some(6),
            "accounts[0].verified",
            "unknown field `verified` (ignored)",
        ),
        (
            Some(10),
            "posts[0].mood",
            "unknown field `mood` (ignored; in 2 post records)",
        ),
        (
            Some(10),
            "posts[0].boosted",
            "unknown field `boosted` (ignored)",
        ),
        (
            Some(12),
            "posts[1][\"odd key\"]",
            "unknown field `odd key` (ignored)",
        ),
        (
            Some(15),
            "daily[0].stories_viewed",
            "unknown field `stories_viewed` (ignored)",
        ),
        (
            Some(18),
            "web[0].bounce_rate",
            "unknown field `bounce_rate` (ignored)",
        ),
        (
            Some(21),
            "web_totals[0].exported_by",
            "unknown field `exported_by` (ignored)",
        ),
    ];
    assert_eq!(got, want);
    assert!(f.warnings.iter().all(|w| w.severity == Severity::Warning));
    assert!(is_file_order(&f.warnings));
}

#[test]
fn content_warnings_do_not_refuse_the_file() {
    let path = root().join("tests/fixtures/valid/content-warnings.json");
    let bytes = std::fs::read(path).expect("fixture");
    let parsed = load(bytes.as_slice(), "content-warnings.json");
    assert!(parsed.store.is_some(), "{}", describe(&parsed));
    let all: Vec<String> = parsed
        .findings
        .warnings
        .iter()
        .map(|w| w.message.clone())
        .collect();
    for want in [
        "1 post(s) dated after exported_at",
        "`engagements` total below the sum",
        "2 day(s) missing between 2026-10-27 and 2026-10-30",
        "posts run from 2026-10-29 to 2026-11-02 but daily rows only from 2026-10-27 to 2026-10-30",
        "account `fb` has posts from 2026-10-30 to 2026-10-30 but no daily rows",
    ] {
        assert!(
            all.iter().any(|m| m.contains(want)),
            "no warning {want:?} in {all:#?}"
        );
    }
}

/// A file of another format or a newer version is refused with that one reason, not with a
/// list of everything else that looks wrong in it.
#[test]
fn a_newer_version_is_the_only_error() {
    let json = r#"{"posts": [{"id": 1}, {"likes": -1}], "version": 2, "format": "engage-snapshot", "daily": 7}"#;
    let parsed = load(json.as_bytes(), "v2.json");
    let f = &parsed.findings;
    assert_eq!(f.error_total(), 1, "{}", describe(&parsed));
    assert!(f.errors[0].message.contains("newer than this engage reads"));
    assert!(f.errors[0].message.contains("update engage"));

    let json = r#"{"posts": [{"id": 1}], "format": "something-else", "version": 1}"#;
    let parsed = load(json.as_bytes(), "other.json");
    assert_eq!(parsed.findings.error_total(), 1, "{}", describe(&parsed));
    assert!(
        parsed.findings.errors[0]
            .message
            .contains("not an engage snapshot")
    );
}

/// Errors after a syntax error cannot be trusted, so only what came before it is kept; whole-file
/// checks (unknown accounts, missing header fields) are not run on a file read halfway.
#[test]
fn a_syntax_error_keeps_the_errors_before_it() {
    let json = r#"{"format": "engage-snapshot", "version": 1,
"posts": [{"id": "p1", "account": "ghost", "published_at": "2026-10-31T10:00:00Z", "format": "photo", "likes": -3},
{"id": "p2" "account": "ghost"}]}"#;
    let parsed = load(json.as_bytes(), "halfway.json");
    let got: Vec<String> = parsed
        .findings
        .errors
        .iter()
        .map(|e| format!("{}:{}", e.path, e.message))
        .collect();
    assert_eq!(got.len(), 2, "{got:#?}");
    assert!(got[0].starts_with("posts[0].likes:"), "{got:#?}");
    assert!(
        got[1].starts_with("posts[1]:expected `,` or `}` after an object member, found `\"`"),
        "{got:#?}"
    );
}

/// The string limit counts bytes after unescaping, exactly, wherever the string falls among the
/// reader's chunks.
#[test]
fn the_string_limit_is_exact() {
    const LIMIT: u64 = 1024 * 1024;
    let post = |body: Box<dyn Read>| {
        stream(vec![
            text(HEAD),
            text(
                r#"{"id": "p1", "account": "ig", "published_at": "2026-10-31T10:00:00Z", "format": "text", "text": ""#,
            ),
            body,
            text("\"}\n]}\n"),
        ])
    };
    // Exactly the limit: 2-byte characters straddling chunk ends, then escapes (two bytes of
    // input for one of text).
    let at_limit = post(Box::new(
        repeat_str("é", LIMIT / 4).chain(repeat_str("\\n", LIMIT / 2)),
    ));
    let parsed = load(at_limit, "at-limit.json");
    assert!(parsed.store.is_some(), "{}", describe(&parsed));
    let store = parsed.store.expect("checked");
    assert_eq!(store.posts.text.get(0).len() as u64, LIMIT);

    let over = post(Box::new(
        repeat_str("é", LIMIT / 4).chain(repeat_str("\\n", LIMIT / 2 + 1)),
    ));
    let parsed = load(over, "over-limit.json");
    assert_eq!(parsed.findings.error_total(), 1, "{}", describe(&parsed));
    assert!(
        parsed.findings.errors[0]
            .message
            .contains("is 1,048,577 bytes long"),
        "{}",
        describe(&parsed)
    );
}

/// `s` repeated `times` times, generated as it is read.
fn repeat_str(s: &str, times: u64) -> impl Read + use<> {
    let unit = s.as_bytes().to_vec();
    let len = unit.len() as u64 * times;
    Cycle { unit, at: 0 }.take(len)
}

/// `unit` over and over.
struct Cycle {
    unit: Vec<u8>,
    at: usize,
}

impl Read for Cycle {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        for b in buf.iter_mut() {
            *b = self.unit[self.at];
            self.at = (self.at + 1) % self.unit.len();
        }
        Ok(buf.len())
    }
}
