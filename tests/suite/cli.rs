//! The command line as a user runs it: exit codes, messages, outputs.

// A test states its expectations with unwrap, expect and panic; production code may not.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use assert_cmd::Command;
use predicates::prelude::*;

fn engage() -> Command {
    crate::common::engage_bin()
}

const VALID: &str = r#"{"format": "engage-snapshot", "version": 1, "utc_offset": "+07:00",
"accounts": [{"id": "ig", "platform": "instagram", "handle": "@kabar"}],
"posts": [{"id": "1", "account": "ig", "published_at": "2026-10-31T19:05:00+07:00", "format": "reel", "likes": 3, "reach": null}],
"daily": [{"account": "ig", "date": "2026-10-31", "followers": 1200}]}"#;

const INVALID: &str = r#"{"format": "engage-snapshot", "version": 1,
"accounts": [{"id": "ig", "platform": "instagram"}],
"posts": [{"id": "1", "account": "ig", "published_at": "2026-10-31 19:05", "format": "reel", "likes": -1}]}"#;

fn file(dir: &tempfile::TempDir, name: &str, text: &str) -> std::path::PathBuf {
    let p = dir.path().join(name);
    std::fs::write(&p, text).unwrap();
    p
}

#[test]
fn help_and_version() {
    engage().arg("--help").assert().success().stdout(
        predicate::str::contains("Examples:").and(predicate::str::contains("engage validate")),
    );
    engage()
        .arg("--version")
        .assert()
        .success()
        .stdout(predicate::str::contains(env!("CARGO_PKG_VERSION")));
    engage()
        .args(["validate", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Exit status"));
}

#[test]
fn usage_errors_exit_2() {
    engage().arg("validate").assert().code(2);
    engage().args(["summary", "--bogus"]).assert().code(2);
    engage().args(["demo"]).assert().code(2);
}

#[test]
fn validate_verdicts_and_exit_codes() {
    let dir = tempfile::tempdir().unwrap();
    let good = file(&dir, "good.json", VALID);
    let bad = file(&dir, "bad.json", INVALID);
    engage().arg("validate").arg(&good).assert().code(0).stdout(
        predicate::str::contains("good.json: valid").and(predicate::str::contains("1 post,")),
    );
    engage()
        .arg("validate")
        .arg(&bad)
        .assert()
        .code(1)
        .stdout(
            predicate::str::contains("bad.json:3:56: error: posts[0].published_at: expected an RFC 3339 timestamp")
                .and(predicate::str::contains("bad.json:3:103: error: posts[0].likes: expected a non-negative integer or null, found number -1, which is negative")),
        );
    engage()
        .arg("validate")
        .arg(&good)
        .arg(&bad)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("2 files: 1 valid, 1 invalid"));
    engage()
        .arg("validate")
        .arg(dir.path().join("missing.json"))
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "missing.json: error: cannot open the file: no such file",
        ));
}

#[test]
fn validate_json_is_machine_readable() {
    let dir = tempfile::tempdir().unwrap();
    let bad = file(&dir, "bad.json", INVALID);
    let out = engage()
        .args(["validate", "--json"])
        .arg(&bad)
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["valid"], false);
    let errors = v["files"][0]["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 2);
    assert_eq!(errors[0]["line"], 3);
    assert_eq!(errors[0]["column"], 56);
    assert_eq!(errors[0]["path"], "posts[0].published_at");
    assert_eq!(errors[0]["severity"], "error");
    assert_eq!(v["files"][0]["errors_omitted"], 0);
}

#[test]
fn summary_of_a_file_and_of_the_demo() {
    let dir = tempfile::tempdir().unwrap();
    let good = file(&dir, "good.json", VALID);
    engage()
        .arg("summary")
        .arg(&good)
        .assert()
        .success()
        .stdout(
            predicate::str::contains("@kabar")
                .and(predicate::str::contains("1,200"))
                .and(predicate::str::contains("UTC+07:00")),
        );
    let out = engage()
        .args(["summary", "--json"])
        .arg(&good)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["posts"], 1);
    assert_eq!(v["accounts"][0]["latest_followers"]["count"], 1200);
    assert_eq!(v["accounts"][0]["post_coverage"][0]["field"], "likes");
    assert_eq!(v["accounts"][0]["post_coverage"][0]["known"], 1);
    // reach is null: known for none of the posts, never counted as zero.
    let reach = v["accounts"][0]["post_coverage"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["field"] == "reach")
        .unwrap()
        .clone();
    assert_eq!(reach["known"], 0);
    // No files: the bundled demo, through both entry points.
    engage()
        .arg("summary")
        .assert()
        .success()
        .stdout(predicate::str::contains("Accounts"));
    engage()
        .assert()
        .success()
        .stdout(predicate::str::contains("Accounts"));
}

#[test]
fn summary_refuses_bad_input_with_the_reasons() {
    let dir = tempfile::tempdir().unwrap();
    let bad = file(&dir, "bad.json", INVALID);
    engage()
        .arg(&bad)
        .assert()
        .code(1)
        .stdout(predicate::str::is_empty())
        .stderr(
            predicate::str::contains("bad.json:3:56: error")
                .and(predicate::str::contains("nothing summarized")),
        );
}

#[test]
fn schema_prints_the_shipped_schema() {
    let asset = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/assets/snapshot.schema.json"
    ))
    .unwrap();
    engage()
        .arg("schema")
        .assert()
        .success()
        .stdout(predicate::eq(asset));
}

#[test]
fn demo_writes_the_generators_output() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("demo.json");
    engage()
        .args(["demo", "--out"])
        .arg(&out)
        .assert()
        .success()
        .stdout(predicate::str::contains("wrote"));
    let mut expected = Vec::new();
    engage::demo::write_demo(&engage::demo::DemoSpec::default(), &mut expected).unwrap();
    assert_eq!(std::fs::read(&out).unwrap(), expected);
    engage().arg("validate").arg(&out).assert().success();
    let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(leftovers.len(), 1, "no temporary file left behind");
    // A folder that does not exist: a clear error, exit 1.
    engage()
        .args(["demo", "--out"])
        .arg(dir.path().join("no/such/dir/demo.json"))
        .assert()
        .code(1)
        .stderr(predicate::str::contains("cannot write"));
}

/// Issue 16: `engage summary` says per file how many rows it contributed and how many of
/// other files' rows it replaced in the merge (as the Data step and `engage import` do).
#[test]
fn summary_reports_each_files_rows_kept_and_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let older = file(
        &dir,
        "a.json",
        r#"{"format": "engage-snapshot", "version": 1, "utc_offset": "+07:00", "exported_at": "2026-11-01T06:00:00+07:00",
"accounts": [{"id": "ig", "platform": "instagram"}],
"posts": [{"id": "1", "account": "ig", "published_at": "2026-10-30T19:05:00+07:00", "format": "reel", "likes": 3},
          {"id": "2", "account": "ig", "published_at": "2026-10-31T19:05:00+07:00", "format": "reel", "likes": 4}]}"#,
    );
    let newer = file(
        &dir,
        "b.json",
        r#"{"format": "engage-snapshot", "version": 1, "utc_offset": "+07:00", "exported_at": "2026-11-02T06:00:00+07:00",
"accounts": [{"id": "ig", "platform": "instagram"}],
"posts": [{"id": "2", "account": "ig", "published_at": "2026-10-31T19:05:00+07:00", "format": "reel", "likes": 9}]}"#,
    );
    engage()
        .arg("summary")
        .arg(&older)
        .arg(&newer)
        .assert()
        .success()
        .stdout(
            predicate::str::contains("a.json: 2 posts · kept 1 · 1 replaced by other files").and(
                predicate::str::contains("b.json: 1 post · kept 1 · replaced 1 of other files'"),
            ),
        );
    let out = engage()
        .args(["summary", "--json"])
        .arg(&older)
        .arg(&newer)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["files"][0]["rows"]["posts"], 2);
    assert_eq!(v["files"][0]["kept"]["posts"], 1);
    assert_eq!(v["files"][1]["replaced"]["posts"], 1);
}

/// Issue 16: a gzip file or binary data given as input is named as such, whatever its
/// name, by every command that reads data (exit 1, bad input).
#[test]
fn gzip_and_binary_files_are_named_as_such() {
    let dir = tempfile::tempdir().unwrap();
    let gz = dir.path().join("gzip-member");
    // A gzip member's magic, method (deflate) and flags, then bytes.
    std::fs::write(
        &gz,
        b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03\xab\xae\x05\x00",
    )
    .unwrap();
    let noise: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    for (name, expected) in [
        ("data.json.gz", "gzip-compressed"),
        ("data.csv.gz", "gzip-compressed"),
        ("noise.json", "not a text file"),
        ("noise.csv", "not a text file"),
        ("noise.bin", "not a text file"),
    ] {
        let path = dir.path().join(name);
        if name.contains(".gz") {
            std::fs::copy(&gz, &path).unwrap();
        } else {
            std::fs::write(&path, &noise).unwrap();
        }
        for cmd in ["summary", "validate", "import"] {
            let mut c = engage();
            c.arg(cmd).arg(&path);
            if cmd == "import" {
                c.arg("-o").arg(dir.path().join("out.json"));
            }
            let out = c.assert().code(1).get_output().clone();
            let text = format!(
                "{}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
            assert!(
                text.contains(name) && text.contains(expected),
                "{cmd} {name}: {text}"
            );
        }
    }
}

/// Issue 16: a flag whose value is wrong whatever the data exits 2 (usage), as clap's
/// malformed flags do; what the data decides (an unknown metric, plan or account) exits 1.
#[test]
fn bad_flag_values_exit_2() {
    let home = tempfile::tempdir().unwrap();
    let home = home.path().to_str().unwrap();
    for args in [
        &["report", "--metric", "er_reach", "--last", "6m"][..],
        &[
            "report",
            "--metric",
            "er_reach",
            "--from",
            "2026-13-01",
            "--to",
            "2026-10-01",
        ],
        &[
            "report",
            "--metric",
            "er_reach",
            "--from",
            "2026-10-10",
            "--to",
            "2026-10-01",
        ],
        &["report", "--metric", "er_reach", "--granularity", "hour"],
        &["report", "--metric", "er_reach", "--segment", "colour=red"],
        &["explore", "breakdown", "--by", "colour"],
        &[
            "export",
            "series",
            "--metric",
            "er_reach",
            "--from",
            "2026-10-10",
            "--to",
            "2026-10-01",
        ],
        &["summary", "--utc-offset", "7"],
        &["summary", "--platform", "myspace"],
        &["demo", "--out", "never.json", "--posts", "0"],
        &["demo", "--out", "never.json", "--days", "0"],
        &["demo", "--out", "never.json", "--seed", "-1"],
        &["plan", "set", "p", "--window", "3x"],
    ] {
        let out = engage()
            .args(["--home", home])
            .args(args)
            .assert()
            .get_output()
            .clone();
        assert_eq!(
            out.status.code(),
            Some(2),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    engage()
        .args(["--home", home, "plan", "new", "--name", "web", "--template"])
        .arg("website-loyalty")
        .assert()
        .success();
    engage()
        .args(["--home", home, "plan", "kpi", "add", "web", "ctr"])
        .args(["--target", "zz"])
        .assert()
        .code(2);
    // What the data or the plans decide is bad input.
    engage()
        .args(["--home", home, "report", "--metric", "nope"])
        .assert()
        .code(1);
    engage()
        .args(["--home", home, "report", "--plan", "nope"])
        .assert()
        .code(1);
    engage()
        .args(["--home", home, "report", "--metric", "er_reach"])
        .args(["--segment", "account=nope"])
        .assert()
        .code(1);
}

/// Issue 16: every subcommand's `--help` ends with an `Examples:` block, as the top-level
/// help does, and every example in it (a line `  engage …`) parses with the real definition.
#[test]
fn every_subcommand_help_has_examples_that_parse() {
    use clap::CommandFactory;
    fn walk(cmd: &clap::Command, path: &mut Vec<String>, seen: &mut Vec<String>) {
        for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
            path.push(sub.get_name().to_owned());
            seen.push(path.join(" "));
            walk(sub, path, seen);
            path.pop();
        }
    }
    // The top level ("") too: its examples parse as well.
    let mut commands = vec![String::new()];
    walk(&engage::cli::Cli::command(), &mut Vec::new(), &mut commands);
    assert!(commands.len() >= 20, "{commands:?}");
    let mut examples = 0;
    for command in &commands {
        let out = engage()
            .args(command.split(' ').filter(|w| !w.is_empty()))
            .arg("--help")
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        let help = String::from_utf8(out).unwrap();
        let block = help
            .split_once("\nExamples:\n")
            .unwrap_or_else(|| panic!("`engage {command} --help` has no Examples block:\n{help}"))
            .1;
        let lines: Vec<&str> = block
            .lines()
            .take_while(|l| l.starts_with("  "))
            .filter(|l| l.trim_start().starts_with("engage"))
            .collect();
        assert!(!lines.is_empty(), "engage {command} --help: {help}");
        for line in lines {
            // The example, without the explanation after a run of spaces.
            let example = line.trim().split("   ").next().unwrap();
            let (args, _, _) = crate::readme::split(example);
            assert!(
                command.is_empty()
                    || args
                        .iter()
                        .skip(1)
                        .any(|a| a == command.split(' ').next().unwrap()),
                "`engage {command} --help` shows an example of another command: {example}"
            );
            engage().args(&args[1..]).arg("--help").assert().success();
            examples += 1;
        }
    }
    assert!(examples >= 40, "{examples}");
}
