//! Hostile input, as a user (or an attacker) hands it over: special files, tiny files that ask
//! for centuries, huge files that are not exports, folders with broken files, mixed
//! encodings, mistaken mappings. Every command here runs with a timeout, so a regression
//! fails instead of hanging the suite.

use std::path::{Path, PathBuf};
use std::time::Duration;

use assert_cmd::Command;

/// engage with its own home (plans, config), and a timeout.
fn engage(home: &Path) -> Command {
    let mut c = crate::common::engage_bin();
    c.env_remove("ENGAGE_HOME")
        .arg("--home")
        .arg(home)
        .timeout(Duration::from_secs(20));
    c
}

/// Runs `c`, returning (exit code, stdout, stderr); a timeout fails the test.
fn run(c: &mut Command) -> (i32, String, String) {
    let out = c.output().unwrap();
    let code = out.status.code().unwrap_or_else(|| {
        panic!(
            "engage did not exit (killed after its timeout?): {}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (
        code,
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn mkfifo(path: &Path) {
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .unwrap();
    assert!(status.success(), "mkfifo {}", path.display());
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let p = dir.join(name);
    if let Some(parent) = p.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(&p, bytes).unwrap();
    p
}

/// Output shown to a person holds no raw control bytes (but line ends) and no U+FFFD.
fn assert_printable(text: &str) {
    for c in text.chars() {
        assert!(
            !(c.is_control() && c != '\n') && c != '\u{FFFD}',
            "raw {c:?} in output:\n{text}"
        );
    }
}

// ----- 6: special files ---------------------------------------------------------------

#[cfg(unix)]
#[test]
fn special_files_are_named_never_read() {
    let home = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.json");
    mkfifo(&fifo);
    let (code, out, _) = run(engage(home.path()).arg("validate").arg(&fifo));
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("it is a FIFO (named pipe), not a regular file"),
        "{out}"
    );
    let (code, out, _) = run(engage(home.path()).args(["validate", "/dev/urandom"]));
    assert_eq!(code, 1);
    assert!(
        out.contains("it is a character device, not a regular file"),
        "{out}"
    );
    // In a folder: a FIFO export, a FIFO snapshot and a link to /dev/zero.
    let folder = dir.path().join("folder");
    std::fs::create_dir(&folder).unwrap();
    mkfifo(&folder.join("a.csv"));
    mkfifo(&folder.join("b.json"));
    std::os::unix::fs::symlink("/dev/zero", folder.join("z.json")).unwrap();
    let (code, out, _) = run(engage(home.path()).arg("validate").arg(&folder));
    assert_eq!(code, 1, "{out}");
    assert_eq!(
        out.matches("FIFO (named pipe), not a regular file").count(),
        2,
        "{out}"
    );
    assert!(out.contains("z.json: error: cannot open the file: it is a character device"));
    // The import of exports, and summary, too.
    let (code, _, err) = run(engage(home.path()).arg("summary").arg(&folder));
    assert_eq!(code, 1);
    assert!(err.contains("FIFO"), "{err}");
}

#[cfg(unix)]
#[test]
fn the_plans_folder_reads_only_small_regular_files() {
    let home = tempfile::tempdir().unwrap();
    crate::common::plan_web(home.path());
    let plans = home.path().join("plans");
    mkfifo(&plans.join("pipe.json"));
    std::os::unix::fs::symlink("/dev/zero", plans.join("x.json")).unwrap();
    let big = plans.join("big.json");
    let f = std::fs::File::create(&big).unwrap();
    f.set_len(2 << 30).unwrap();
    let (code, out, err) = run(engage(home.path()).args(["plan", "list"]));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("web"), "{out}");
    assert!(
        out.contains("pipe.json: cannot read: it is a FIFO (named pipe), not a regular file"),
        "{out}"
    );
    assert!(
        out.contains("x.json: cannot read: it is a character device, not a regular file"),
        "{out}"
    );
    assert!(
        out.contains(
            "big.json: cannot read: it is 2,147,483,648 bytes, more than the 1,048,576 bytes (1 MiB)"
        ),
        "{out}"
    );
    let (code, _, err) = run(engage(home.path()).args(["report", "--plan", "x"]));
    assert_eq!(code, 1);
    assert!(err.contains("character device"), "{err}");
    // The config file (content settings of the report, and the app's keys).
    let config = home.path().join("config");
    std::fs::create_dir_all(&config).unwrap();
    mkfifo(&config.join("config.toml"));
    let (code, _, err) = run(engage(home.path()).args(["report", "--metric", "sessions"]));
    assert_eq!(code, 1);
    assert!(err.contains("FIFO"), "{err}");
    let e = engage::tui::config::load(&config).unwrap_err().to_string();
    assert!(e.contains("FIFO (named pipe), not a regular file"), "{e}");
    // A mapping file.
    let map = home.path().join("map.toml");
    mkfifo(&map);
    let (code, _, err) = run(engage(home.path())
        .args(["validate", "x.csv", "--mapping"])
        .arg(&map));
    assert_ne!(code, 0);
    assert!(err.contains("FIFO"), "{err}");
}

#[test]
fn small_files_are_capped_at_one_mib() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "c.toml", vec![b' '; (1 << 20) + 1]);
    let e = engage::storage::read_capped(&p, engage::storage::SMALL_FILE_LIMIT)
        .unwrap_err()
        .to_string();
    assert!(e.contains("it is 1,048,577 bytes"), "{e}");
    let p = write(dir.path(), "ok.toml", vec![b' '; 1 << 20]);
    assert!(engage::storage::read_capped(&p, engage::storage::SMALL_FILE_LIMIT).is_ok());
}

// ----- 7: tiny files, centuries of days --------------------------------------------------

const FAR_APART: &str = r#"{"format":"engage-snapshot","version":1,"web":[{"date":"0001-01-01","channel":"all","sessions":1},{"date":"9999-12-31","channel":"all","sessions":2}]}"#;

#[test]
fn a_tiny_file_ten_thousand_years_wide_reports_in_a_moment() {
    let home = tempfile::tempdir().unwrap();
    crate::common::plan_web(home.path());
    let data = write(home.path(), "tiny.json", FAR_APART);
    for extra in [&[][..], &["--granularity", "day", "--last", "36500d"][..]] {
        let started = std::time::Instant::now();
        let (code, out, err) = run(engage(home.path())
            .args(["report", "--plan", "web"])
            .arg(&data)
            .args(extra));
        assert_eq!(code, 0, "{err}");
        assert!(out.contains("Scorecard"), "{out}");
        // It took 1.4 GB and seconds (9 GB and 23 s by day); now milliseconds.
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "{:?}",
            started.elapsed()
        );
    }
    // The per-day arrays hold the rows' days, not the 3.65 million between them.
    let parsed = engage::snapshot::parse_snapshot(
        FAR_APART.as_bytes(),
        "tiny.json",
        engage::snapshot::LoadControl::default(),
    )
    .unwrap();
    let store = std::sync::Arc::new(parsed.store.unwrap());
    let p = engage::measure::Prepared::new(store);
    assert_eq!(p.web.days.len(), 2);
}

#[test]
fn many_accounts_with_rows_centuries_apart_stay_small() {
    let mut accounts = Vec::new();
    let mut daily = Vec::new();
    let mut posts = Vec::new();
    for i in 0..300 {
        accounts.push(format!(r#"{{"id":"a{i}","platform":"x"}}"#));
        for (n, day) in ["0001-01-01", "9999-12-30"].iter().enumerate() {
            daily.push(format!(
                r#"{{"account":"a{i}","date":"{day}","followers":{}}}"#,
                n + 1
            ));
            posts.push(format!(
                r#"{{"id":"p{i}-{n}","account":"a{i}","published_at":"{day}T00:00:00Z","format":"text","likes":1}}"#
            ));
        }
    }
    let json = format!(
        r#"{{"format":"engage-snapshot","version":1,"accounts":[{}],"daily":[{}],"posts":[{}]}}"#,
        accounts.join(","),
        daily.join(","),
        posts.join(",")
    );
    let parsed = engage::snapshot::parse_snapshot(
        json.as_bytes(),
        "wide.json",
        engage::snapshot::LoadControl::default(),
    )
    .unwrap();
    let p = engage::measure::Prepared::new(std::sync::Arc::new(parsed.store.unwrap()));
    for a in 0..300 {
        assert_eq!(p.daily[a].len(), 2, "two rows, two slots");
        assert_eq!(p.by_day[a].len(), 2);
    }
    let home = tempfile::tempdir().unwrap();
    let data = write(home.path(), "wide.json", json);
    let (code, _, err) = run(engage(home.path())
        .args(["explore", "followers"])
        .arg(&data)
        .args(["--last", "36500d"]));
    assert_eq!(code, 0, "{err}");
}

#[test]
fn windows_longer_than_a_century_are_refused() {
    let home = tempfile::tempdir().unwrap();
    let data = write(home.path(), "tiny.json", FAR_APART);
    for args in [
        &["--from", "0001-01-01", "--to", "9999-12-31"][..],
        &["--last", "5215w"][..],
        &["--last", "36501d"][..],
        &["--last", "99999999999999999999999d"][..],
    ] {
        let (code, _, err) = run(engage(home.path())
            .args(["report", "--metric", "sessions"])
            .arg(&data)
            .args(args));
        assert_eq!(code, 1, "{args:?}: {err}");
        assert!(
            err.contains("is longer than a century (36,500 days)"),
            "{args:?}: {err}"
        );
    }
    // The demo with the same window.
    let (code, _, err) = run(engage(home.path()).args([
        "report",
        "--metric",
        "sessions",
        "--from",
        "0001-01-01",
        "--to",
        "9999-12-31",
        "--granularity",
        "day",
    ]));
    assert_eq!(code, 1, "{err}");
    // In a plan file, on load: 2^31-1 days aborted on a 32 GB allocation, 2^32-1 became one.
    crate::common::plan_web(home.path());
    let path = home.path().join("plans/web.json");
    let text = std::fs::read_to_string(&path).unwrap();
    for days in ["2147483647", "4294967295", "36501", "0"] {
        std::fs::write(
            &path,
            text.replace("\"last_days\": 28", &format!("\"last_days\": {days}")),
        )
        .unwrap();
        let (code, _, err) = run(engage(home.path()).args(["report", "--plan", "web"]));
        assert_eq!(code, 1, "{days}: {err}");
        assert!(
            err.contains("web.json: window.last_days: "),
            "{days}: {err}"
        );
        let (_, out, _) = run(engage(home.path()).args(["plan", "list"]));
        assert!(out.contains("unreadable:"), "{days}: {out}");
    }
    let range = text.replace(
        "\"last_days\": 28",
        "\"from\": \"1900-01-01\", \"to\": \"2100-01-01\"",
    );
    std::fs::write(&path, range).unwrap();
    let (code, _, err) = run(engage(home.path()).args(["report", "--plan", "web"]));
    assert_eq!(code, 1);
    assert!(
        err.contains("web.json: window: a window of 73,050 days is longer than a century"),
        "{err}"
    );
    // `plan set --window` checks the same (exit 1, the plan untouched).
    std::fs::write(&path, &text).unwrap();
    let (code, _, err) =
        run(engage(home.path()).args(["plan", "set", "web", "--window", "40000d"]));
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("longer than a century"), "{err}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
}

#[test]
fn no_series_has_more_than_100000_buckets() {
    use engage::measure::{Granularity, Window};
    let w = Window::new(-719_162, 2_932_896).unwrap();
    for g in [Granularity::Day, Granularity::Week, Granularity::Month] {
        assert!(g.buckets(w).len() <= engage::measure::query::MAX_BUCKETS);
    }
}

// ----- 8: a huge file that is not an export ------------------------------------------------

#[test]
fn a_huge_file_that_is_not_an_export_is_judged_by_its_head() {
    let home = tempfile::tempdir().unwrap();
    // A Windows-1252 byte in the header: before, the whole file was read and decoded. Rows
    // fill the head (the first 64 KiB); the rest of the 2 GB is a hole.
    let mut bytes = b"col\x92a,colb\r\n".to_vec();
    while bytes.len() < 80 * 1024 {
        bytes.extend(b"1,2\r\n");
    }
    let path = write(home.path(), "big.csv", bytes);
    let f = std::fs::OpenOptions::new().write(true).open(&path).unwrap();
    f.set_len(2 << 30).unwrap();
    let started = std::time::Instant::now();
    let (code, out, _) = run(engage(home.path()).arg("validate").arg(&path));
    assert_eq!(code, 1);
    assert!(
        out.contains("not a known export (its columns start col’a, colb)"),
        "{out}"
    );
    assert!(started.elapsed() < Duration::from_secs(10));
}

// ----- 14: folders with broken files, binary files -------------------------------------------

#[test]
fn a_folder_never_passes_silently() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("data");
    write(&dir, "broken.json", "[1, 2");
    write(
        &dir,
        "x.csv",
        [0x1f, 0x8b, 8, 0, 1, 2, 3, 0xff, 0x1b, b'[', b'2', b'J'],
    );
    let mut noise: Vec<u8> = (0..4000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    noise.retain(|b| *b != 0);
    write(&dir, "noise.csv", noise);
    #[cfg(unix)]
    std::os::unix::fs::symlink(dir.join("missing.csv"), dir.join("gone.csv")).unwrap();
    let (code, out, _) = run(engage(home.path()).arg("validate").arg(&dir));
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("broken.json:1:1: error: expected a snapshot, a JSON object starting with `{`, found an array"),
        "{out}"
    );
    #[cfg(unix)]
    assert!(
        out.contains("gone.csv: error: cannot open the file: no such file"),
        "{out}"
    );
    assert!(
        out.contains("x.csv: skipped: the file is gzip-compressed; decompress it first"),
        "{out}"
    );
    assert!(
        out.contains("noise.csv: skipped: this is not a text file"),
        "{out}"
    );
    assert_printable(&out);
    let (code, _, err) = run(engage(home.path()).arg("summary").arg(&dir));
    assert_eq!(code, 1);
    assert!(err.contains("broken.json"), "{err}");
    // Only skipped files: said, with a failure, never "the errors above" with nothing above.
    std::fs::remove_file(dir.join("broken.json")).unwrap();
    #[cfg(unix)]
    std::fs::remove_file(dir.join("gone.csv")).unwrap();
    let (code, out, _) = run(engage(home.path()).arg("validate").arg(&dir));
    assert_eq!(code, 1);
    assert!(
        out.contains("no snapshot or export to read: 2 files skipped"),
        "{out}"
    );
    let (code, _, err) = run(engage(home.path()).arg("summary").arg(&dir));
    assert_eq!(code, 1);
    assert!(
        err.contains("x.csv: skipped: the file is gzip-compressed"),
        "{err}"
    );
    assert!(
        err.contains("nothing summarized: no snapshot or export to read"),
        "{err}"
    );
    // A gzip file given directly is named as one, not "not a known export" and its bytes.
    let (code, out, _) = run(engage(home.path()).arg("validate").arg(dir.join("x.csv")));
    assert_eq!(code, 1);
    assert!(out.contains("the file is gzip-compressed"), "{out}");
    assert_printable(&out);
    // An empty folder.
    let empty = home.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let (code, out, _) = run(engage(home.path()).arg("validate").arg(&empty));
    assert_eq!(code, 1);
    assert!(
        out.contains("no snapshot (.json) or export (.csv, .tsv) found"),
        "{out}"
    );
}

#[test]
fn a_header_of_control_characters_is_shown_escaped() {
    let home = tempfile::tempdir().unwrap();
    let path = write(
        home.path(),
        "odd.csv",
        "a\u{1b}]0;pwned\u{7},b\u{202e}c\n1,2\n",
    );
    let (code, out, _) = run(engage(home.path()).arg("validate").arg(&path));
    assert_eq!(code, 1);
    assert!(out.contains("not a known export"), "{out}");
    assert!(out.contains("\\u{1b}"), "{out}");
    assert!(!out.contains('\u{202e}'), "{out}");
    assert_printable(&out);
}

// ----- 15: encodings ----------------------------------------------------------------------------

const X_HEADER: &str = "\"Tweet id\",\"Tweet permalink\",\"Tweet text\",\"time\",\"impressions\",\"engagements\",\"likes\"\n";

/// An X export of `rows` rows in UTF-8 ("olá N"), but for row `bad` (1-based), whose text
/// holds a Windows-1252 apostrophe (0x92).
fn x_export(rows: usize, bad: usize) -> Vec<u8> {
    let mut out = X_HEADER.as_bytes().to_vec();
    for i in 1..=rows {
        if i == bad {
            out.extend(format!("\"{i}\",\"https://x.com/s/{i}\",\"it").as_bytes());
            out.push(0x92);
            out.extend(b"s\",\"2026-01-30 17:04 +0000\",\"10\",\"1\",\"1\"\n");
        } else {
            out.extend(
                format!(
                    "\"{i}\",\"https://x.com/s/{i}\",\"olá {i}\",\"2026-01-30 17:04 +0000\",\"10\",\"1\",\"1\"\n"
                )
                .as_bytes(),
            );
        }
    }
    out
}

#[test]
fn one_windows_1252_byte_stays_in_its_row() {
    let home = tempfile::tempdir().unwrap();
    // Late in a big file (streamed) and early (in the head, read whole).
    for (rows, bad) in [(3000, 2500), (50, 3)] {
        let dir = home.path().join(format!("x{rows}"));
        let path = write(
            &dir,
            "tweet_activity_metrics_me_20260101_20260201_en.csv",
            x_export(rows, bad),
        );
        let (code, out, _) = run(engage(home.path()).arg("validate").arg(&path));
        assert_eq!(code, 0, "{out}");
        let line = bad + 1;
        assert!(
            out.contains(&format!(
                ":{line}:1: warning: 1 row(s) kept: bytes that are not UTF-8, read as Windows-1252"
            )),
            "{rows}: {out}"
        );
        let snap = dir.join("out.json");
        let (code, _, err) = run(engage(home.path())
            .arg("import")
            .arg(&path)
            .arg("-o")
            .arg(&snap));
        assert_eq!(code, 0, "{err}");
        let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&snap).unwrap()).unwrap();
        let texts: Vec<&str> = v["posts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["text"].as_str().unwrap())
            .collect();
        assert!(texts.contains(&"it\u{2019}s"), "{rows}");
        assert!(texts.contains(&"olá 1"), "{rows}: no mojibake");
        assert!(!texts.iter().any(|t| t.contains("Ã")), "{rows}: mojibake");
    }
}

#[test]
fn a_plan_file_may_start_with_a_bom() {
    let home = tempfile::tempdir().unwrap();
    crate::common::plan_web(home.path());
    let path = home.path().join("plans/web.json");
    let mut bytes = vec![0xEF, 0xBB, 0xBF];
    bytes.extend(std::fs::read(&path).unwrap());
    std::fs::write(&path, bytes).unwrap();
    let (code, out, err) = run(engage(home.path()).args(["plan", "show", "web"]));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("website-loyalty"), "{out}");
}

#[test]
fn utf16_json_is_named_and_a_fractional_version_refused() {
    let home = tempfile::tempdir().unwrap();
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(FAR_APART.encode_utf16().flat_map(u16::to_le_bytes));
    let path = write(home.path(), "u16.json", &utf16);
    let (code, out, _) = run(engage(home.path()).arg("validate").arg(&path));
    assert_eq!(code, 1);
    assert!(
        out.contains("the file is UTF-16 text; snapshots are UTF-8 JSON"),
        "{out}"
    );
    // Named UTF-16 whatever its extension.
    let path = write(home.path(), "u16.txt", &utf16);
    let (_, out, _) = run(engage(home.path()).arg("validate").arg(&path));
    assert!(out.contains("UTF-16"), "{out}");
    let path = write(
        home.path(),
        "v.json",
        FAR_APART.replace("\"version\":1", "\"version\":1.0"),
    );
    let (code, out, _) = run(engage(home.path()).arg("validate").arg(&path));
    assert_eq!(code, 1);
    assert!(
        out.contains("error: version: expected the integer 1, found 1.0"),
        "{out}"
    );
}

// ----- 16: mapping checks ------------------------------------------------------------------------

const MAPPING: &str = r#"
[file]
kind = "posts"

[account]
id = "acme"
platform = "instagram"

[columns]
id = "id"
text = "text"
tags = "tags"
likes = "likes"

[date]
columns = ["date"]
format = "%Y-%m-%d"
"#;

#[test]
fn mistaken_mappings_are_refused_when_read() {
    let home = tempfile::tempdir().unwrap();
    let csv = write(
        home.path(),
        "posts.csv",
        "id,text,tags,date,likes\n1,a,x;y,2026-01-01,3\n",
    );
    for (bad, says) in [
        (
            MAPPING.to_owned() + "\n[tags]\nseparator = \"\"\n",
            "[tags] separator: empty",
        ),
        (
            MAPPING.replace("%Y-%m-%d", "%Y-%Q-%d"),
            "[date] format: \"%Y-%Q-%d\" is not a chrono format",
        ),
        (MAPPING.replace("%Y-%m-%d", "%H:%M"), "it has no whole date"),
        (
            MAPPING.replace("kind = \"posts\"", "kind = \"posts\"\nseparator = '\"'"),
            "[file] separator",
        ),
    ] {
        let map = write(home.path(), "map.toml", &bad);
        let (code, _, err) = run(engage(home.path())
            .arg("validate")
            .arg(&csv)
            .arg("--mapping")
            .arg(&map));
        assert_ne!(code, 0, "{says}");
        assert!(err.contains(says), "{says}: {err}");
    }
    let map = write(home.path(), "map.toml", MAPPING);
    let (code, out, err) = run(engage(home.path())
        .arg("validate")
        .arg(&csv)
        .arg("--mapping")
        .arg(&map));
    assert_eq!(code, 0, "{out}{err}");
}

#[test]
fn an_unterminated_quote_is_said_with_its_row() {
    let home = tempfile::tempdir().unwrap();
    let name = "tweet_activity_metrics_me_20260101_20260201_en.csv";
    // Quoted cells: the open quote takes in the separators up to the next cell's quote.
    let quoted = format!(
        "{X_HEADER}\"1\",\"u\",\"ok\",\"2026-01-30 17:04 +0000\",\"10\",\"1\",\"1\"\n\
         \"2\",\"u\",\"broken text,\"2026-01-30 17:04 +0000\",\"10\",\"1\",\"1\"\n\
         \"3\",\"u\",\"ok\",\"2026-01-30 17:04 +0000\",\"10\",\"1\",\"1\"\n"
    );
    // Plain cells: the open quote runs to the end of the file.
    let plain = "Tweet id,Tweet permalink,Tweet text,time,impressions\n\
                 1,u,ok,2026-01-30 17:04 +0000,5\n\
                 2,u,\"open text,2026-01-30 17:04 +0000,5\n\
                 3,u,ok,2026-01-30 17:04 +0000,5\n";
    for (dir, text) in [("quoted", quoted.as_str()), ("plain", plain)] {
        let path = write(&home.path().join(dir), name, text);
        let (code, out, _) = run(engage(home.path()).arg("validate").arg(&path));
        assert_eq!(code, 0, "{out}");
        assert!(
            out.contains(":3:1: warning: 1 row(s) skipped: unterminated quote"),
            "{dir}: {out}"
        );
        assert!(!out.contains("not a date"), "{dir}: {out}");
    }
}

// ----- 17: the fuzz crate stays out of the main build ------------------------------------------

#[test]
fn the_fuzz_crate_is_a_workspace_of_its_own() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let main = std::fs::read_to_string(root.join("Cargo.toml")).unwrap();
    assert!(main.contains("exclude = [\"fuzz\"]"));
    let fuzz = std::fs::read_to_string(root.join("fuzz/Cargo.toml")).unwrap();
    assert!(fuzz.contains("[workspace]"));
    for target in ["snapshot", "import", "mapping"] {
        assert!(
            root.join(format!("fuzz/fuzz_targets/{target}.rs"))
                .is_file()
        );
    }
}
