//! The errors and warnings about a file's contents in Indonesian (issue 15): a broken file
//! loaded in `id` says what is wrong in Indonesian, with the data (paths, values, field names)
//! as it is, while `validate --json` writes the same findings in English.

use std::path::{Path, PathBuf};

use engage::i18n::{Lang, with_lang};
use engage::snapshot::{LoadControl, Parsed, parse_snapshot};

fn invalid(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/invalid")
        .join(name)
}

fn load(path: &Path) -> Parsed {
    let file = std::fs::File::open(path).expect("a fixture");
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    parse_snapshot(file, &name, LoadControl::default()).expect("nothing cancels this load")
}

/// The first error's message, loaded in `lang`.
fn first_error(lang: Lang, name: &str) -> String {
    with_lang(lang, || {
        let parsed = load(&invalid(name));
        parsed.findings.errors[0].message.clone()
    })
}

#[test]
fn broken_snapshots_are_explained_in_indonesian() {
    let cases = [
        (
            "count-negative.json",
            "diharapkan bilangan bulat tidak negatif atau null, ditemukan angka -5, yang bernilai negatif",
        ),
        (
            "dup-post-id.json",
            "id postingan \"C9x1\" ganda untuk akun \"ig\": posts[0] (baris 12) punya id yang sama",
        ),
        (
            "missing-post-published-at.json",
            "bidang wajib `published_at` tidak ada",
        ),
        ("syntax-trailing-comma.json", "koma berlebih di akhir"),
        (
            "syntax-middle-missing-colon.json",
            "diharapkan `:` setelah kunci, ditemukan `1`",
        ),
        (
            "truncated-after-brace.json",
            "ditemukan akhir berkas (apakah berkasnya terpotong?)",
        ),
        ("empty.json", "berkasnya kosong"),
        (
            "date-feb-29.json",
            "ditemukan \"2026-02-29\", yang bukan hari yang ada di kalender (Februari 2026 punya 28 hari, 2026 bukan tahun kabisat)",
        ),
        (
            "timestamp-no-offset.json",
            "yang tidak punya offset UTC: tambahkan `Z` untuk UTC",
        ),
        ("binary-png.json", "gambar PNG"),
        (
            "type-format-number.json",
            "diharapkan teks \"engage-snapshot\", ditemukan angka 1",
        ),
        (
            "type-accounts-object.json",
            "diharapkan array berisi entri, ditemukan sebuah objek",
        ),
    ];
    for (file, indonesian) in cases {
        let message = first_error(Lang::Id, file);
        assert!(
            message.contains(indonesian),
            "{file}: {message:?} lacks {indonesian:?}"
        );
    }
}

#[test]
fn every_invalid_fixture_reads_differently_in_indonesian() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/invalid");
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).expect("the fixtures") {
        let path = entry.expect("an entry").path();
        if path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let en = first_error(Lang::En, &name);
        let id = first_error(Lang::Id, &name);
        assert_ne!(en, id, "{name}: the message is the same in both languages");
        checked += 1;
    }
    assert!(checked > 50, "only {checked} fixtures");
}

#[test]
fn validate_json_stays_english_under_lang_id() {
    let path = invalid("count-negative.json");
    let out = crate::common::engage_bin()
        .args(["--lang", "id", "validate", "--json"])
        .arg(&path)
        .output()
        .expect("engage runs");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    let message = json["files"][0]["errors"][0]["message"]
        .as_str()
        .expect("a message");
    assert_eq!(
        message,
        "expected a non-negative integer or null, found number -5, which is negative"
    );
    // And the text report of the same run is Indonesian.
    let text = crate::common::engage_bin()
        .args(["--lang", "id", "validate"])
        .arg(&path)
        .output()
        .expect("engage runs");
    let stdout = String::from_utf8_lossy(&text.stdout);
    assert!(
        stdout.contains("ditemukan angka -5, yang bernilai negatif"),
        "{stdout}"
    );
}

#[test]
fn import_reasons_and_notes_in_indonesian_and_json_in_english() {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/x-classic");
    let dir = tempfile::tempdir().unwrap();
    let run = |json: bool| {
        let mut c = crate::common::engage_bin();
        c.env_remove("ENGAGE_HOME")
            .args(["--lang", "id", "import"])
            .arg(&folder)
            .arg("-o")
            .arg(dir.path().join("s.json"));
        if json {
            c.arg("--json");
        }
        let out = c.output().expect("engage runs");
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let text = run(false);
    for indonesian in [
        "tidak ada id tweet (baris sampah)",
        "\"12.5\" bukan bilangan bulat",
        "ekspor harian X klasik tidak punya jumlah pengikut",
    ] {
        assert!(text.contains(indonesian), "{indonesian:?} not in {text}");
    }
    let json: serde_json::Value = serde_json::from_str(&run(true)).expect("JSON on stdout");
    let files = json["files"].as_array().expect("files");
    let reasons: Vec<&String> = files
        .iter()
        .filter_map(|f| f["skipped"].as_object())
        .flat_map(|s| s.keys())
        .collect();
    assert!(
        reasons.iter().any(|r| *r == "no tweet id (a junk row)"),
        "{reasons:?}"
    );
    assert!(
        files.iter().any(|f| f["notes"][0]
            == "classic X daily exports have no follower count: follower-based metrics need another source"),
        "{json}"
    );
}

/// A folder of snapshot tables: the messages pointed back at a table's line are rewritten in
/// the language shown, and a mixed file's `kind` is still no unknown field in Indonesian.
#[test]
fn snapshot_tables_point_back_in_indonesian() {
    let dir = tempfile::tempdir().unwrap();
    let t = dir.path().join("t");
    std::fs::create_dir(&t).unwrap();
    std::fs::write(
        t.join("snapshot.json"),
        r#"{"format": "engage-snapshot", "version": 1, "utc_offset": "+07:00"}"#,
    )
    .unwrap();
    std::fs::write(
        t.join("records.ndjson"),
        concat!(
            r#"{"kind": "account", "id": "a", "platform": "instagram"}"#,
            "\n",
            r#"{"kind": "post", "id": "p1", "account": "a", "published_at": "2026-10-05T09:10:00+07:00", "format": "photo"}"#,
            "\n",
            r#"{"kind": "post", "id": "p1", "account": "a", "published_at": "2026-10-06T09:10:00+07:00", "format": "photo"}"#,
            "\n",
        ),
    )
    .unwrap();
    let load = |lang| {
        with_lang(lang, || {
            engage::snapshot::tables::load_tables(&t, &LoadControl::default())
                .expect("nothing cancels this load")
                .findings
        })
    };
    let records = t.join("records.ndjson").display().to_string();
    let en = load(Lang::En);
    let id = load(Lang::Id);
    assert_eq!(en.errors.len(), 1, "{en:?}");
    assert!(
        en.errors[0]
            .message
            .contains(&format!("(line 2 of {records}) has the same id")),
        "{:?}",
        en.errors[0]
    );
    assert_eq!(id.errors.len(), 1, "{id:?}");
    assert!(
        id.errors[0]
            .message
            .contains(&format!("(baris 2 di {records}) punya id yang sama")),
        "{:?}",
        id.errors[0]
    );
    for findings in [&en, &id] {
        assert!(
            findings.warnings.iter().all(|w| !w.path.ends_with(".kind")),
            "{:?}",
            findings.warnings
        );
    }
}
