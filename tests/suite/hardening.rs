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
    let mut c = Command::cargo_bin("engage").unwrap();
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
