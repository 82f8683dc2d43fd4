//! What someone trying hard to break engage found, each kept fixed: no file engage reads is
//! replaced by what it writes, nothing but a regular file is ever replaced, and a write that
//! failed or did not validate leaves the old file as it was.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel)
}

fn engage(home: &Path) -> Command {
    let mut c = crate::common::engage_bin();
    c.env_remove("ENGAGE_HOME").arg("--home").arg(home);
    c
}

/// The first CSV export of a fixture folder, copied to `dir`.
fn an_export(dir: &Path) -> PathBuf {
    let from = std::fs::read_dir(fixture("import/x-classic"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|x| x == "csv"))
        .unwrap();
    let to = dir.join(from.file_name().unwrap());
    std::fs::copy(&from, &to).unwrap();
    to
}

#[test]
fn an_output_that_is_an_input_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    let csv = an_export(dir.path());
    let before = std::fs::read(&csv).unwrap();
    engage(home.path())
        .args(["import"])
        .arg(&csv)
        .arg("-o")
        .arg(&csv)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("is also an input"));
    assert_eq!(
        std::fs::read(&csv).unwrap(),
        before,
        "the export is untouched"
    );
    // The same file by another name.
    let other_name = dir.path().join(".").join(csv.file_name().unwrap());
    engage(home.path())
        .args(["import"])
        .arg(&csv)
        .arg("-o")
        .arg(&other_name)
        .assert()
        .code(1);
    // An export inside a folder given as the input, by import and report alike; a new file
    // in that folder is fine.
    for args in [vec!["import"], vec!["report", "--metric", "er_impressions"]] {
        engage(home.path())
            .args(&args)
            .arg(dir.path())
            .arg("-o")
            .arg(&csv)
            .assert()
            .code(1)
            .stderr(predicate::str::contains("is also an input"));
        assert_eq!(std::fs::read(&csv).unwrap(), before, "{args:?}");
    }
    let fresh = dir.path().join("review.md");
    engage(home.path())
        .args(["report", "--metric", "er_impressions"])
        .arg(dir.path())
        .arg("-o")
        .arg(&fresh)
        .assert()
        .success();
    std::fs::remove_file(&fresh).unwrap();
    // Report, explore and export alike.
    let snapshot = dir.path().join("snap.json");
    engage(home.path())
        .args(["import"])
        .arg(&csv)
        .arg("-o")
        .arg(&snapshot)
        .assert()
        .success();
    let good = std::fs::read(&snapshot).unwrap();
    for args in [
        vec!["report", "--metric", "er_impressions", "--format", "json"],
        vec!["explore", "breakdown", "--format", "json"],
        vec!["export", "posts"],
    ] {
        engage(home.path())
            .args(&args)
            .arg(&snapshot)
            .arg("-o")
            .arg(&snapshot)
            .assert()
            .code(1)
            .stderr(predicate::str::contains("is also an input"));
        assert_eq!(std::fs::read(&snapshot).unwrap(), good, "{args:?}");
    }
}

#[test]
fn a_failed_import_leaves_the_old_snapshot() {
    let dir = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    let csv = an_export(dir.path());
    let snapshot = dir.path().join("snap.json");
    engage(home.path())
        .arg("import")
        .arg(&csv)
        .arg("-o")
        .arg(&snapshot)
        .assert()
        .success();
    let good = std::fs::read(&snapshot).unwrap();
    let broken = dir.path().join("broken.csv");
    std::fs::write(&broken, "not,an,export\n1,2,3\n").unwrap();
    engage(home.path())
        .arg("import")
        .arg(&broken)
        .arg("-o")
        .arg(&snapshot)
        .assert()
        .code(1);
    assert_eq!(std::fs::read(&snapshot).unwrap(), good);
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp-"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[cfg(unix)]
#[test]
fn only_a_regular_file_is_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    let csv = an_export(dir.path());
    let fifo = dir.path().join("out.json");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    engage(home.path())
        .arg("import")
        .arg(&csv)
        .arg("-o")
        .arg(&fifo)
        .timeout(std::time::Duration::from_secs(20))
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "is a FIFO (named pipe): engage replaces only regular files",
        ));
    use std::os::unix::fs::FileTypeExt;
    assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo());
    engage(home.path())
        .args(["report", "--metric", "er_impressions", "-o"])
        .arg(&fifo)
        .timeout(std::time::Duration::from_secs(20))
        .assert()
        .code(1)
        .stderr(predicate::str::contains("FIFO"));
    assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo());
}

const EVIL: &str = "x\u{1b}]0;pwned\u{7}\u{9b}2J\u{7f}\u{202e}rev\u{2066}\u{2028}zw\u{200b}\u{feff}tag\u{e0041}\u{85}";

/// No hidden character (control, C1, DEL, bidi, line separator, zero-width, tag) in `out`
/// but line breaks and tabs.
fn assert_no_hidden(what: &str, out: &[u8]) {
    let text = String::from_utf8_lossy(out);
    for c in text.chars() {
        assert!(
            !engage::text::is_hidden(c) || matches!(c, '\n' | '\t' | '\r'),
            "{what}: a raw {c:?} in:\n{text}"
        );
    }
}

/// A snapshot whose title, handle, tag and post text carry every kind of hidden character.
fn evil_snapshot(dir: &Path) -> PathBuf {
    let snapshot = serde_json::json!({
        "format": "engage-snapshot",
        "version": 1,
        "title": format!("title {EVIL}"),
        "utc_offset": "+07:00",
        "accounts": [{"id": "a", "platform": "instagram", "handle": format!("@h{EVIL}")}],
        "posts": (1..=12).map(|i| serde_json::json!({
            "id": format!("p{i}"), "account": "a",
            "published_at": format!("2026-10-{:02}T10:00:00+07:00", i + 10), "format": "photo",
            "text": format!("text {EVIL}"), "tags": [format!("t{EVIL}")],
            "likes": 10 * i, "reach": 1000 + i, "impressions": 2000 + i
        })).collect::<Vec<_>>(),
    });
    let path = dir.join("evil.json");
    std::fs::write(&path, serde_json::to_vec(&snapshot).unwrap()).unwrap();
    path
}

/// Every command's output, text and JSON, shows hidden characters as escapes; JSON still
/// reads back to the same strings.
#[test]
fn hidden_characters_never_reach_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    let data = evil_snapshot(dir.path());
    let d = data.to_str().unwrap();
    for args in [
        vec!["validate", d],
        vec!["validate", "--json", d],
        vec!["summary", d],
        vec!["summary", "--json", d],
        vec!["report", "--metric", "er_reach", "--last", "28d", d],
        vec![
            "report", "--metric", "er_reach", "--last", "28d", "--format", "json", d,
        ],
        vec!["explore", "breakdown", "--by", "tag", "--last", "28d", d],
        vec![
            "explore",
            "breakdown",
            "--by",
            "tag",
            "--last",
            "28d",
            "--format",
            "json",
            d,
        ],
        vec!["export", "posts", "--last", "28d", d],
    ] {
        let out = engage(home.path()).args(&args).output().unwrap();
        assert_no_hidden(&format!("{args:?} stdout"), &out.stdout);
        assert_no_hidden(&format!("{args:?} stderr"), &out.stderr);
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        if args.contains(&"--json") || args.contains(&"json") {
            let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
            if args[0] != "validate" {
                assert!(
                    v.to_string().contains('\u{202e}'),
                    "JSON keeps the text: {v}"
                );
            }
        }
    }
}

/// A plan file's fields (the template name too) and a plan name on the command line are
/// printed with their hidden characters visible.
#[test]
fn plan_texts_are_shown_not_obeyed() {
    let home = tempfile::tempdir().unwrap();
    let out = engage(home.path())
        .args(["plan", "new", "--name"])
        .arg(format!("p{EVIL}"))
        .output()
        .unwrap();
    assert_no_hidden("plan new", &out.stdout);
    assert_no_hidden("plan new (stderr)", &out.stderr);
    engage(home.path())
        .args(["plan", "new", "--template", "engagement", "--name", "web"])
        .assert()
        .success();
    let path = home.path().join("plans/web.json");
    let mut plan: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    plan["template"] = serde_json::json!(format!("engagement{EVIL}"));
    plan["goals"] = serde_json::json!([format!("goal{EVIL}")]);
    std::fs::write(&path, serde_json::to_vec(&plan).unwrap()).unwrap();
    for args in [vec!["plan", "list"], vec!["plan", "show", "web"]] {
        let out = engage(home.path()).args(&args).output().unwrap();
        assert_no_hidden(&format!("{args:?}"), &out.stdout);
        assert!(String::from_utf8_lossy(&out.stdout).contains("\\u{1b}]0;pwned"));
    }
}

/// Markdown keeps markup from data as text: no tag, no link.
#[test]
fn markdown_turns_no_data_into_html_or_links() {
    let home = tempfile::tempdir().unwrap();
    engage(home.path())
        .args(["plan", "new", "--template", "engagement", "--name", "web"])
        .assert()
        .success();
    let path = home.path().join("plans/web.json");
    let mut plan: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    plan["name"] = serde_json::json!("<img src=x onerror=alert(1)>");
    plan["objective"] = serde_json::json!("[click](javascript:alert(1)) <script>x</script>");
    plan["goals"] = serde_json::json!(["<b>goal</b> [a]: javascript:alert(2)"]);
    let file = home.path().join("evil-plan.json");
    std::fs::write(&file, serde_json::to_vec(&plan).unwrap()).unwrap();
    let md = engage(home.path())
        .args(["report", "--plan"])
        .arg(&file)
        .output()
        .unwrap();
    let md = String::from_utf8(md.stdout).unwrap();
    assert!(!md.contains('<'), "{md}");
    assert!(md.contains("&lt;img src=x onerror=alert(1)>"), "{md}");
    assert!(md.contains("\\[click\\](javascript:alert(1))"), "{md}");
    assert!(md.contains("\\[a\\]: javascript"), "{md}");
}
