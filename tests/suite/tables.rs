//! Snapshot tables (issue #13): the demo written by `engage export snapshot` as Parquet and as
//! NDJSON opens as the same store as its JSON (written back byte for byte the same), and every
//! command reports the same numbers on all three forms; a mixed NDJSON file with `kind`;
//! errors naming the table file, the line or row and the column.

use std::path::Path;

use assert_cmd::Command;
use engage::import::Options;
use engage::open::open;
use engage::snapshot::LoadControl;
use engage::snapshot::load::{DEMO_JSON, Source};
use engage::snapshot::tables::is_tables_folder;
use engage::snapshot::write::write_snapshot;

fn engage(home: &Path) -> Command {
    let mut c = crate::common::engage_bin();
    c.env_remove("ENGAGE_HOME").arg("--home").arg(home);
    c
}

/// The demo as JSON, as Parquet tables and as NDJSON tables, in `dir`.
#[cfg(feature = "parquet")]
fn demo_forms(dir: &Path) -> (std::path::PathBuf, std::path::PathBuf, std::path::PathBuf) {
    let json = dir.join("demo.json");
    std::fs::write(&json, DEMO_JSON).unwrap();
    let pq = dir.join("pq");
    let nd = dir.join("nd");
    let home = dir.join("home");
    engage(&home)
        .args(["export", "snapshot"])
        .arg(&json)
        .arg("-o")
        .arg(&pq)
        .assert()
        .success();
    engage(&home)
        .args(["export", "snapshot", "--ndjson"])
        .arg(&json)
        .arg("-o")
        .arg(&nd)
        .assert()
        .success();
    (json, pq, nd)
}

/// The store opened from `path`, written as snapshot JSON, and the messages of its warnings.
fn opened(path: &Path) -> (Vec<u8>, Vec<String>) {
    let opened = open(
        &Source::Files(vec![path.to_path_buf()]),
        &Options::default(),
        &LoadControl::default(),
    )
    .unwrap();
    let mut warnings = Vec::new();
    for f in &opened.loaded.files {
        assert!(f.is_valid(), "{}: {:?}", f.name, f.findings.errors);
        warnings.extend(f.findings.warnings.iter().map(|w| w.message.clone()));
    }
    let mut out = Vec::new();
    write_snapshot(opened.loaded.store.as_ref().unwrap(), &mut out).unwrap();
    (out, warnings)
}

fn as_json(path: &Path) -> Vec<u8> {
    opened(path).0
}

#[cfg(feature = "parquet")]
#[test]
fn the_demo_as_parquet_and_ndjson_is_the_same_store() {
    let dir = tempfile::tempdir().unwrap();
    let (json, pq, nd) = demo_forms(dir.path());
    assert!(pq.join("posts.parquet").is_file());
    assert!(nd.join("posts.ndjson").is_file());
    assert!(is_tables_folder(&pq) && is_tables_folder(&nd));
    let reference = opened(&json);
    assert!(!reference.1.is_empty(), "the demo has content warnings");
    let (pq_json, pq_warnings) = opened(&pq);
    assert!(pq_json == reference.0, "Parquet differs from JSON");
    assert_eq!(pq_warnings, reference.1, "Parquet warns as JSON does");
    let (nd_json, nd_warnings) = opened(&nd);
    assert!(nd_json == reference.0, "NDJSON differs from JSON");
    assert_eq!(nd_warnings, reference.1, "NDJSON warns as JSON does");
}

/// Standard output of `engage ARGS PATH`, with the path's name replaced so that forms compare.
#[cfg(feature = "parquet")]
fn output(home: &Path, args: &[&str], path: &Path) -> String {
    let out = engage(home).args(args).arg(path).assert().success();
    String::from_utf8(out.get_output().stdout.clone())
        .unwrap()
        .replace(&path.display().to_string(), "SOURCE")
}

#[cfg(feature = "parquet")]
#[test]
fn every_command_reports_the_same_numbers_on_all_three_forms() {
    let dir = tempfile::tempdir().unwrap();
    let (json, pq, nd) = demo_forms(dir.path());
    let home = dir.path().join("home");
    let commands: [&[&str]; 5] = [
        &["summary"],
        &[
            "report",
            "--format",
            "md",
            "--metric",
            "er_reach",
            "--metric",
            "reach_rate",
            "--metric",
            "follower_growth_rate",
        ],
        &["explore", "breakdown", "--by", "account,format"],
        &["explore", "best-time"],
        &["export", "posts"],
    ];
    for args in commands {
        let reference = output(&home, args, &json);
        assert!(!reference.is_empty(), "{args:?} printed nothing");
        for form in [&pq, &nd] {
            let got = output(&home, args, form);
            assert_eq!(got, reference, "{args:?} on {}", form.display());
        }
    }
}

fn write(path: &Path, text: &str) {
    std::fs::write(path, text).unwrap();
}

const META: &str = r#"{"format": "engage-snapshot", "version": 1, "utc_offset": "+07:00"}"#;

/// stderr of a refused `engage validate PATH`... or of `summary` when validate is absent.
fn refused(path: &Path) -> String {
    let home = tempfile::tempdir().unwrap();
    let out = engage(home.path())
        .arg("summary")
        .arg(path)
        .assert()
        .failure();
    String::from_utf8(out.get_output().stderr.clone()).unwrap()
}

#[test]
fn a_mixed_ndjson_file_holds_records_of_every_kind() {
    let dir = tempfile::tempdir().unwrap();
    let t = dir.path().join("t");
    std::fs::create_dir(&t).unwrap();
    write(&t.join("snapshot.json"), META);
    write(
        &t.join("records.ndjson"),
        concat!(
            r#"{"kind": "post", "id": "p1", "account": "a", "published_at": "2026-10-05T09:10:00+07:00", "format": "photo", "likes": 10}"#,
            "\n",
            r#"{"kind": "account", "id": "a", "platform": "instagram"}"#,
            "\n\n",
            r#"{"kind": "daily", "account": "a", "date": "2026-10-05", "followers": 1000}"#,
            "\n",
        ),
    );
    let store = as_json(&t);
    let text = String::from_utf8(store).unwrap();
    assert!(text.contains(r#""id": "p1""#), "{text}");
    assert!(text.contains(r#""followers": 1000"#), "{text}");

    write(
        &t.join("records.ndjson"),
        concat!(
            r#"{"kind": "account", "id": "a", "platform": "instagram"}"#,
            "\n",
            r#"{"kind": "tweet", "id": "b"}"#,
            "\n",
        ),
    );
    let err = refused(&t);
    assert!(err.contains("records.ndjson:2:1"), "{err}");
    assert!(err.contains("unknown record kind \"tweet\""), "{err}");
}

#[test]
fn an_ndjson_error_names_the_file_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let t = dir.path().join("t");
    std::fs::create_dir(&t).unwrap();
    write(&t.join("snapshot.json"), META);
    write(
        &t.join("accounts.ndjson"),
        "{\"id\": \"a\", \"platform\": \"instagram\"}\n",
    );
    write(
        &t.join("posts.ndjson"),
        concat!(
            r#"{"id": "p1", "account": "a", "published_at": "2026-10-05T09:10:00+07:00", "format": "photo"}"#,
            "\n",
            r#"{"id": "p2", "account": "a", "published_at": "yesterday", "format": "photo", "likes": -1}"#,
            "\n",
        ),
    );
    let err = refused(&t);
    let posts = t.join("posts.ndjson").display().to_string();
    assert!(
        err.contains(&format!("{posts}:2:46: error: posts[1].published_at")),
        "{err}"
    );
    assert!(err.contains("posts[1].likes"), "{err}");

    // A bad header is the metadata file's.
    write(
        &t.join("snapshot.json"),
        r#"{"format": "engage-snapshot", "version": 1, "utc_offset": "7"}"#,
    );
    let err = refused(&t);
    assert!(err.contains("snapshot.json:1:"), "{err}");
    assert!(err.contains("utc_offset"), "{err}");
}

#[cfg(feature = "parquet")]
#[test]
fn a_parquet_error_names_the_file_row_and_column() {
    use std::sync::Arc;

    use arrow_array::{ArrayRef, Int64Array, RecordBatch, StringArray};

    let dir = tempfile::tempdir().unwrap();
    let t = dir.path().join("t");
    std::fs::create_dir(&t).unwrap();
    write(&t.join("snapshot.json"), META);
    write(
        &t.join("accounts.ndjson"),
        "{\"id\": \"a\", \"platform\": \"instagram\"}\n",
    );
    let columns: Vec<(&str, ArrayRef)> = vec![
        ("id", Arc::new(StringArray::from(vec!["p1", "p2", "p3"]))),
        ("account", Arc::new(StringArray::from(vec!["a", "a", "zz"]))),
        (
            "published_at",
            Arc::new(StringArray::from(vec![
                "2026-10-05T09:10:00+07:00",
                "2026-10-05T09:10:00Z",
                "2026-10-05T09:10:00Z",
            ])),
        ),
        (
            "format",
            Arc::new(StringArray::from(vec!["photo", "Reel", "photo"])),
        ),
        (
            "likes",
            Arc::new(Int64Array::from(vec![Some(3), Some(-4), None])),
        ),
    ];
    let batch = RecordBatch::try_from_iter(columns).unwrap();
    let file = std::fs::File::create(t.join("posts.parquet")).unwrap();
    let mut w = parquet::arrow::ArrowWriter::try_new(file, batch.schema(), None).unwrap();
    w.write(&batch).unwrap();
    w.close().unwrap();
    let err = refused(&t);
    let posts = t.join("posts.parquet").display().to_string();
    assert!(
        err.contains(&format!("{posts}: error: posts[1].likes: row 2:")),
        "{err}"
    );
    assert!(err.contains("posts[1].format: row 2:"), "{err}");
    assert!(err.contains("posts[2].account: row 3:"), "{err}");
    assert!(err.contains("unknown account \"zz\""), "{err}");
}

#[test]
fn export_snapshot_never_writes_into_a_folder_that_holds_files() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    write(&out.join("keep.txt"), "mine");
    let home = dir.path().join("home");
    engage(&home)
        .args(["export", "snapshot", "-o"])
        .arg(&out)
        .assert()
        .failure()
        .stderr(predicates::str::contains("already exists"));
    assert_eq!(
        std::fs::read_to_string(out.join("keep.txt")).unwrap(),
        "mine"
    );
    engage(&home)
        .args(["export", "snapshot"])
        .assert()
        .failure()
        .stderr(predicates::str::contains("-o FOLDER"));
}

#[test]
fn a_whole_snapshot_called_snapshot_json_keeps_its_folder_a_folder_of_exports() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("snapshot.json"), DEMO_JSON).unwrap();
    assert!(!is_tables_folder(dir.path()));
    let text = String::from_utf8(as_json(dir.path())).unwrap();
    assert!(
        text.contains("\"posts\": [\n    {"),
        "the demo's posts are read"
    );
    write(&dir.path().join("snapshot.json"), META);
    assert!(is_tables_folder(dir.path()));
}

/// The three forms on a million posts (issue #13's "done when"): the release binary named by
/// `ENGAGE_RELEASE_BIN` (CI builds one: `cargo build --release`, then
/// `ENGAGE_RELEASE_BIN=target/release/engage cargo test --test suite million`) writes the load
/// bench's file (1M posts, 3 years, the same seed) and its Parquet and NDJSON tables, and the
/// summary, a report over every day with metrics of every kind (per-post means, ratios of
/// sums, followers, web), a breakdown, best time and the breakouts print the same on all
/// three. Without the variable it says SKIPPED: a debug build would take minutes.
#[cfg(feature = "parquet")]
#[test]
fn a_million_posts_report_the_same_in_all_three_forms() {
    let Some(bin) = std::env::var_os("ENGAGE_RELEASE_BIN") else {
        eprintln!("SKIPPED: set ENGAGE_RELEASE_BIN to a release build of engage (CI does)");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    let run = |args: &[&std::ffi::OsStr]| {
        let out = std::process::Command::new(&bin)
            .env_remove("ENGAGE_HOME")
            .env_remove("LANG")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .arg("--home")
            .arg(&home)
            .arg("--no-cache")
            .args(args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let os = |s: &'static str| std::ffi::OsStr::new(s);
    let json = dir.path().join("1m.json");
    let (pq, nd) = (dir.path().join("pq"), dir.path().join("nd"));
    run(&[
        os("demo"),
        os("--posts"),
        os("1000000"),
        os("--days"),
        os("1095"),
        os("--out"),
        json.as_os_str(),
    ]);
    for (folder, extra) in [(&pq, None), (&nd, Some("--ndjson"))] {
        let mut args = vec![os("export"), os("snapshot"), json.as_os_str()];
        args.extend(extra.map(os));
        args.extend([os("-o"), folder.as_os_str()]);
        run(&args);
    }
    let commands: [&[&str]; 5] = [
        &["summary"],
        &[
            "report",
            "--format",
            "md",
            "--from",
            "2023-11-02",
            "--to",
            "2026-10-31",
            "--metric",
            "er_impressions",
            "--metric",
            "ctr",
            "--metric",
            "follower_growth_rate",
            "--metric",
            "pages_per_session",
            "--metric",
            "posts_per_week",
        ],
        &["explore", "breakdown", "--by", "account,format"],
        &["explore", "best-time"],
        &["explore", "breakouts"],
    ];
    for args in commands {
        let on = |path: &Path| {
            let mut a: Vec<&std::ffi::OsStr> =
                args.iter().map(|s| std::ffi::OsStr::new(*s)).collect();
            a.push(path.as_os_str());
            run(&a).replace(&path.display().to_string(), "SOURCE")
        };
        let reference = on(&json);
        assert!(
            reference.contains("SOURCE") || args[0] != "summary",
            "{reference}"
        );
        assert!(!reference.is_empty(), "{args:?} printed nothing");
        for form in [&pq, &nd] {
            assert_eq!(on(form), reference, "{args:?} on {}", form.display());
        }
    }
}

/// 20,000 posts of every column type a warehouse writes, as Parquet in row groups of 3,000
/// (so that two decoders take them in turn and batches end at groups) and as NDJSON written
/// by hand from the same values. `url_view` writes the urls as string views, a layout the
/// Parquet reader takes row by row rather than packed.
#[cfg(feature = "parquet")]
fn many_posts(
    dir: &Path,
    url_view: bool,
    broken: &[(usize, &str)],
) -> (std::path::PathBuf, std::path::PathBuf) {
    use std::sync::Arc;

    use arrow_array::builder::{ListBuilder, StringBuilder};
    use arrow_array::{
        ArrayRef, Float64Array, Int32Array, LargeStringArray, RecordBatch, StringArray,
        StringViewArray, TimestampMillisecondArray, UInt64Array,
    };

    const N: usize = 20_000;
    let base_ms: i64 = 1_760_000_000_000;
    let id = |i: usize| match broken.iter().find(|(r, _)| *r == i) {
        Some((_, "empty id")) => String::new(),
        _ => format!("p{i}"),
    };
    let likes = |i: usize| match broken.iter().find(|(r, _)| *r == i) {
        Some((_, "negative likes")) => Some(-5),
        _ => (!i.is_multiple_of(11)).then_some((i % 97) as i32),
    };
    let account = |i: usize| if i.is_multiple_of(3) { "a" } else { "b" };
    let format = |i: usize| ["photo", "video", "link"][i % 3];
    let text = |i: usize| (!i.is_multiple_of(7)).then(|| format!("post {i} · é"));
    let url = |i: usize| (i.is_multiple_of(4)).then(|| format!("https://example.com/{i}"));
    let tags = |i: usize| match i % 5 {
        0 => None,
        1 => Some(vec![]),
        _ => Some(vec![format!("t{}", i % 4), "x".to_owned()]),
    };
    let comments = |i: usize| (!i.is_multiple_of(13)).then_some((i % 50) as f64);
    let shares = |i: usize| (i % 2) as u64 * 3;

    let pq = dir.join("pq");
    let nd = dir.join("nd");
    for d in [&pq, &nd] {
        std::fs::create_dir_all(d).unwrap();
        write(&d.join("snapshot.json"), META);
        write(
            &d.join("accounts.ndjson"),
            "{\"id\": \"a\", \"platform\": \"instagram\"}\n{\"id\": \"b\", \"platform\": \"x\"}\n",
        );
    }
    let mut tag_lists = ListBuilder::new(StringBuilder::new());
    for i in 0..N {
        match tags(i) {
            None => tag_lists.append_null(),
            Some(t) => {
                for tag in t {
                    tag_lists.values().append_value(tag);
                }
                tag_lists.append(true);
            }
        }
    }
    let urls: ArrayRef = if url_view {
        Arc::new(StringViewArray::from_iter((0..N).map(url)))
    } else {
        Arc::new(StringArray::from_iter((0..N).map(url)))
    };
    let columns: Vec<(&str, ArrayRef)> = vec![
        (
            "id",
            Arc::new(StringArray::from_iter_values((0..N).map(id))),
        ),
        (
            "account",
            Arc::new(StringArray::from_iter_values((0..N).map(account))),
        ),
        (
            "published_at",
            Arc::new(
                TimestampMillisecondArray::from_iter_values(
                    (0..N).map(|i| base_ms + i as i64 * 3_600_000),
                )
                .with_timezone("UTC"),
            ),
        ),
        (
            "format",
            Arc::new(StringArray::from_iter_values((0..N).map(format))),
        ),
        (
            "text",
            Arc::new(LargeStringArray::from_iter((0..N).map(text))),
        ),
        ("url", urls),
        ("tags", Arc::new(tag_lists.finish())),
        ("likes", Arc::new(Int32Array::from_iter((0..N).map(likes)))),
        (
            "comments",
            Arc::new(Float64Array::from_iter((0..N).map(comments))),
        ),
        (
            "shares",
            Arc::new(UInt64Array::from_iter_values((0..N).map(shares))),
        ),
    ];
    let batch = RecordBatch::try_from_iter(columns).unwrap();
    let props = parquet::file::properties::WriterProperties::builder()
        .set_max_row_group_row_count(Some(3_000))
        .build();
    let file = std::fs::File::create(pq.join("posts.parquet")).unwrap();
    let mut w = parquet::arrow::ArrowWriter::try_new(file, batch.schema(), Some(props)).unwrap();
    w.write(&batch).unwrap();
    w.close().unwrap();

    let mut lines = String::new();
    for i in 0..N {
        let mut post = serde_json::json!({
            "id": id(i),
            "account": account(i),
            "format": format(i),
            "shares": shares(i),
        });
        // The instant in the snapshot's offset (+07:00), as a TIMESTAMP is shown.
        let t = chrono::DateTime::from_timestamp_millis(base_ms + i as i64 * 3_600_000)
            .unwrap()
            .with_timezone(&chrono::FixedOffset::east_opt(7 * 3600).unwrap());
        post["published_at"] = t.to_rfc3339().into();
        if let Some(v) = text(i) {
            post["text"] = v.into();
        }
        if let Some(v) = url(i) {
            post["url"] = v.into();
        }
        if let Some(v) = tags(i) {
            post["tags"] = v.into();
        }
        if let Some(v) = likes(i) {
            post["likes"] = v.into();
        }
        if let Some(v) = comments(i) {
            post["comments"] = (v as u64).into();
        }
        lines.push_str(&post.to_string());
        lines.push('\n');
    }
    write(&nd.join("posts.ndjson"), &lines);
    (pq, nd)
}

#[cfg(feature = "parquet")]
#[test]
fn parquet_posts_in_many_row_groups_open_as_their_ndjson_does() {
    for url_view in [false, true] {
        let dir = tempfile::tempdir().unwrap();
        let (pq, nd) = many_posts(dir.path(), url_view, &[]);
        let (pq_json, pq_warnings) = opened(&pq);
        let (nd_json, nd_warnings) = opened(&nd);
        let text = String::from_utf8(pq_json.clone()).unwrap();
        assert!(text.contains("\"p19999\""), "every row read");
        assert!(
            pq_json == nd_json,
            "Parquet (url as views: {url_view}) differs from NDJSON"
        );
        assert_eq!(pq_warnings, nd_warnings);
    }
}

#[cfg(feature = "parquet")]
#[test]
fn a_parquet_error_deep_in_a_table_names_its_row() {
    let dir = tempfile::tempdir().unwrap();
    let (pq, _) = many_posts(
        dir.path(),
        false,
        &[(9_001, "empty id"), (17_777, "negative likes")],
    );
    let err = refused(&pq);
    let posts = pq.join("posts.parquet").display().to_string();
    assert!(
        err.contains(&format!("{posts}: error: posts[9001].id: row 9002:")),
        "{err}"
    );
    assert!(
        err.contains(&format!("{posts}: error: posts[17777].likes: row 17778:")),
        "{err}"
    );
}

/// BigQuery's `EXPORT DATA` writes a table as shards (`posts-000000000000.parquet`, ...):
/// they are read as parts of one table, in name order, and a file of any other name is
/// listed as ignored.
#[cfg(feature = "parquet")]
#[test]
fn parquet_shards_are_parts_of_one_table() {
    use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

    let dir = tempfile::tempdir().unwrap();
    let (pq, nd) = many_posts(dir.path(), false, &[]);
    let whole = pq.join("posts.parquet");
    let batches: Vec<_> =
        ParquetRecordBatchReaderBuilder::try_new(std::fs::File::open(&whole).unwrap())
            .unwrap()
            .build()
            .unwrap()
            .map(Result::unwrap)
            .collect();
    std::fs::remove_file(&whole).unwrap();
    let (first, second) = batches.split_at(batches.len() / 2 + 1);
    for (shard, part) in [
        ("posts-000000000000.parquet", first),
        ("posts-000000000001.parquet", second),
    ] {
        let file = std::fs::File::create(pq.join(shard)).unwrap();
        let mut w = parquet::arrow::ArrowWriter::try_new(file, part[0].schema(), None).unwrap();
        for b in part {
            w.write(b).unwrap();
        }
        w.close().unwrap();
    }
    std::fs::copy(
        pq.join("posts-000000000001.parquet"),
        pq.join("posts-old.parquet"),
    )
    .unwrap();
    let (pq_json, pq_warnings) = opened(&pq);
    let (nd_json, _) = opened(&nd);
    assert!(pq_json == nd_json, "the shards differ from the whole table");
    assert!(
        pq_warnings
            .iter()
            .any(|w| w.contains("a Parquet table is named after its table")),
        "{pq_warnings:?}"
    );
}

/// A damaged Parquet table is an error naming the file, never a crash or a panic message:
/// one byte changed in the demo's posts table (3,000 posts) made the `parquet` crate (60.1)
/// panic in a decoder after its first error; engage stops asking a reader after an error and
/// turns any panic of the reader into the table's error.
#[cfg(feature = "parquet")]
#[test]
fn a_damaged_parquet_table_is_an_error_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    let json = dir.path().join("small.json");
    let pq = dir.path().join("pq");
    engage(&home)
        .args(["demo", "--posts", "3000", "--days", "60", "-o"])
        .arg(&json)
        .assert()
        .success();
    engage(&home)
        .args(["export", "snapshot"])
        .arg(&json)
        .arg("-o")
        .arg(&pq)
        .assert()
        .success();
    let posts = pq.join("posts.parquet");
    let whole = std::fs::read(&posts).unwrap();
    for (at, value) in [(56_012, 126u8), (138_162, 114), (165_499, 183)] {
        let mut damaged = whole.clone();
        damaged[at] = value;
        std::fs::write(&posts, &damaged).unwrap();
        let out = engage(&home).arg("summary").arg(&pq).assert().code(1);
        let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
        assert!(!stderr.contains("panicked"), "byte {at}: {stderr}");
        assert!(
            stderr.contains(&format!("{}: error:", posts.display())),
            "byte {at}: {stderr}"
        );
    }
}
