//! The README's examples, run: a change in behaviour fails here until the README follows.
//!
//! Two kinds of code blocks are checked:
//!
//! * ```` ```console ```` blocks are transcripts. A line `$ engage ARGS` (an optional trailing
//!   `# exit N` comment says the status it ends with; else 0) is run, and the lines after it,
//!   up to the next `$` line or the end of the block, are what it prints (standard output, then
//!   standard error). A line `...` stands for any number of lines (none too), and `[..]` in a
//!   line for any text within that line, so long outputs are shown shortened and paths that
//!   differ per machine are elided. Every console block of the README runs in order, in one
//!   temporary folder as the current folder and one temporary `ENGAGE_HOME`, without a locale
//!   and at 100 columns: a plan made in one block is judged in a later one, and the numbers are
//!   the bundled demo's as it is (the few examples of files, exports and broken snapshots read
//!   copies of the test fixtures: see [`copy_fixtures`]).
//! * ```` ```sh ```` blocks list commands without their output: each `engage …` line in them
//!   must parse with the real command-line definition (its subcommands, flags and flag
//!   values), checked by running it with `--help` appended (clap reads every flag and value
//!   before it answers `--help`). So a renamed flag or subcommand fails too.
//!
//! Why a harness of our own rather than `trycmd` (clap's project, on crates.io, which checks
//! Markdown `console` blocks the same way): the examples need a fresh `ENGAGE_HOME`, no locale
//! (an Indonesian `LANG` would translate the outputs) and state carried from block to block
//! (the plan made by the tour is the one its report judges), while trycmd runs a Markdown file
//! in its own folder (the repository root, where `-o review.html` would write) with one
//! environment; it would also bring about thirty crates (snapbox, toml_edit, rayon, …) to
//! build on a 2-core machine for what is 200 lines here; and the `sh` lists, which trycmd
//! does not read, are checked too.

use std::path::Path;

/// The README, as committed.
fn readme() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap()
}

/// A fenced code block: its info string, the line it starts on (1-based) and its lines.
struct Block {
    info: String,
    line: usize,
    lines: Vec<String>,
}

/// Every fenced block of a Markdown text (fences of three backticks, indented or not).
fn blocks(text: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut current: Option<(Block, usize)> = None;
    for (n, raw) in text.lines().enumerate() {
        let trimmed = raw.trim_start();
        let indent = raw.len() - trimmed.len();
        match current.take() {
            None => {
                if let Some(info) = trimmed.strip_prefix("```") {
                    current = Some((
                        Block {
                            info: info.trim().to_owned(),
                            line: n + 1,
                            lines: Vec::new(),
                        },
                        indent,
                    ));
                }
            }
            Some((mut block, ind)) => {
                if trimmed.starts_with("```") {
                    out.push(block);
                } else {
                    block
                        .lines
                        .push(raw.get(ind.min(indent)..).unwrap_or("").to_owned());
                    current = Some((block, ind));
                }
            }
        }
    }
    out
}

/// Splits a command line as a POSIX shell would for the examples' needs: whitespace
/// separates, single and double quotes group (no escapes inside), an unquoted `#` after
/// whitespace starts a comment (returned apart), and an unquoted `>` ends the arguments (a
/// redirection, returned apart).
pub(crate) fn split(line: &str) -> (Vec<String>, Option<String>, Option<String>) {
    let mut args = Vec::new();
    let mut word = String::new();
    let mut in_word = false;
    let mut quote: Option<char> = None;
    for (i, c) in line.char_indices() {
        if let Some(q) = quote {
            if c == q {
                quote = None;
            } else {
                word.push(c);
            }
            continue;
        }
        match c {
            '\'' | '"' => {
                quote = Some(c);
                in_word = true;
            }
            '#' if !in_word => {
                return (args, Some(line[i + 1..].trim().to_owned()), None);
            }
            '>' if !in_word => {
                let rest = line[i + 1..].trim();
                let (target, comment) = match rest.split_once('#') {
                    Some((t, c)) => (t.trim(), Some(c.trim().to_owned())),
                    None => (rest, None),
                };
                return (args, comment, Some(target.to_owned()));
            }
            c if c.is_whitespace() => {
                if in_word {
                    args.push(std::mem::take(&mut word));
                    in_word = false;
                }
            }
            c => {
                word.push(c);
                in_word = true;
            }
        }
    }
    assert!(quote.is_none(), "an unclosed quote in `{line}`");
    if in_word {
        args.push(word);
    }
    (args, None, None)
}

/// Whether `actual` matches the expected lines, where `...` is any run of lines and `[..]`
/// any text within a line; trailing spaces are ignored.
fn matches(expected: &[String], actual: &[&str]) -> bool {
    match expected.split_first() {
        None => actual.is_empty(),
        Some((e, rest)) if e.trim() == "..." => {
            (0..=actual.len()).any(|skip| matches(rest, &actual[skip..]))
        }
        Some((e, rest)) => match actual.split_first() {
            Some((a, more)) => line_matches(e.trim_end(), a.trim_end()) && matches(rest, more),
            None => false,
        },
    }
}

fn line_matches(expected: &str, actual: &str) -> bool {
    let parts: Vec<&str> = expected.split("[..]").collect();
    if parts.len() == 1 {
        return expected == actual;
    }
    let (first, last) = (parts[0], parts[parts.len() - 1]);
    if !actual.starts_with(first) || actual.len() < first.len() + last.len() {
        return false;
    }
    let mut rest = &actual[first.len()..];
    for middle in &parts[1..parts.len() - 1] {
        match rest.find(middle) {
            Some(at) => rest = &rest[at + middle.len()..],
            None => return false,
        }
    }
    rest.ends_with(last)
}

/// `engage` for an example: the test binary without a locale, at 100 columns, in `dir` with
/// `home` as its home.
fn engage(dir: &Path, home: &Path) -> assert_cmd::Command {
    let mut c = crate::common::engage_bin();
    c.current_dir(dir)
        .env("ENGAGE_HOME", home)
        .env("COLUMNS", "100")
        .env_remove("NO_COLOR")
        .env_remove("XDG_CONFIG_HOME")
        .env_remove("XDG_DATA_HOME")
        .env_remove("XDG_CACHE_HOME");
    c
}

/// One `$ engage …` of a console block with what it prints.
struct Example {
    line: usize,
    command: String,
    expected: Vec<String>,
}

fn examples(block: &Block) -> Vec<Example> {
    let mut out: Vec<Example> = Vec::new();
    for (i, l) in block.lines.iter().enumerate() {
        if let Some(command) = l.strip_prefix("$ ") {
            out.push(Example {
                line: block.line + 1 + i,
                command: command.to_owned(),
                expected: Vec::new(),
            });
        } else if let Some(last) = out.last_mut() {
            last.expected.push(l.clone());
        } else {
            panic!(
                "README.md:{}: a console block starts with `$ engage …`",
                block.line + 1 + i
            );
        }
    }
    out
}

/// The files the examples read besides the demo, from the repository: `exports/x/` (the
/// tour's "your own exports") is `tests/fixtures/import/x-classic/`, `exports/de/` (a CSV
/// of no known family, for Troubleshooting) `tests/fixtures/import/mapping/`, with
/// `assets/mappings/` as in the repository, and `invalid/` (the validation messages)
/// `tests/fixtures/invalid/`.
fn copy_fixtures(dir: &Path) {
    for (from, to) in [
        ("tests/fixtures/import/x-classic", "exports/x"),
        ("tests/fixtures/import/mapping", "exports/de"),
        ("assets/mappings", "assets/mappings"),
        ("tests/fixtures/invalid", "invalid"),
    ] {
        let from = Path::new(env!("CARGO_MANIFEST_DIR")).join(from);
        let to = dir.join(to);
        std::fs::create_dir_all(&to).unwrap();
        for entry in std::fs::read_dir(from).unwrap() {
            let entry = entry.unwrap();
            std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
        }
    }
}

#[test]
fn console_examples_print_what_the_readme_shows() {
    let dir = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    copy_fixtures(dir.path());
    let mut ran = 0;
    let mut failures = Vec::new();
    for block in blocks(&readme()).iter().filter(|b| b.info == "console") {
        for ex in examples(block) {
            let (args, comment, redirect) = split(&ex.command);
            assert_eq!(
                args.first().map(String::as_str),
                Some("engage"),
                "README.md:{}: a console example runs engage",
                ex.line
            );
            let status = comment
                .as_deref()
                .and_then(|c| c.strip_prefix("exit "))
                .map_or(0, |n| n.trim().parse::<i32>().unwrap());
            let out = engage(dir.path(), home.path())
                .args(&args[1..])
                .output()
                .unwrap();
            ran += 1;
            let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
            let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
            let printed = match &redirect {
                Some(target) => {
                    std::fs::write(dir.path().join(target), &out.stdout).unwrap();
                    stderr.clone()
                }
                None => format!("{stdout}{stderr}"),
            };
            let actual: Vec<&str> = printed.lines().collect();
            if out.status.code() != Some(status) || !matches(&ex.expected, &actual) {
                failures.push(format!(
                    "README.md:{}: `{}` exited {:?} (expected {status}) and printed:\n{printed}\n--- the README shows:\n{}\n",
                    ex.line,
                    ex.command,
                    out.status.code(),
                    ex.expected.join("\n")
                ));
            }
        }
    }
    assert!(ran >= 10, "only {ran} console examples in the README");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_command_listed_in_the_readme_parses() {
    let dir = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    let mut checked = 0;
    let mut failures = Vec::new();
    for block in blocks(&readme()).iter().filter(|b| b.info == "sh") {
        for (i, l) in block.lines.iter().enumerate() {
            let l = l.trim();
            if !l.starts_with("engage ") && l != "engage" && !l.starts_with("engage\t") {
                continue;
            }
            let (args, _, _) = split(l);
            let out = engage(dir.path(), home.path())
                .args(&args[1..])
                .arg("--help")
                .output()
                .unwrap();
            checked += 1;
            if !out.status.success() {
                failures.push(format!(
                    "README.md:{}: `{l}` does not parse: {}",
                    block.line + 1 + i,
                    String::from_utf8_lossy(&out.stderr)
                ));
            }
        }
    }
    assert!(
        checked >= 30,
        "only {checked} commands listed in the README"
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_harness_elides_as_documented() {
    let e = |s: &str| s.lines().map(str::to_owned).collect::<Vec<_>>();
    assert!(matches(&e("a\n...\nd"), &["a", "b", "c", "d"]));
    assert!(matches(&e("a\n...\nb"), &["a", "b"]));
    assert!(!matches(&e("a\nd"), &["a", "b", "d"]));
    assert!(matches(
        &e("created [..]/web.json"),
        &["created /tmp/x/web.json"]
    ));
    assert!(!matches(
        &e("created [..]/web.json"),
        &["created /tmp/x/web.txt"]
    ));
    assert!(matches(&e("a [..] c [..] e"), &["a b c d e"]));
    assert_eq!(
        split("engage plan kpi add web ctr --target '>= 1.5%'  # a comment"),
        (
            [
                "engage", "plan", "kpi", "add", "web", "ctr", "--target", ">= 1.5%"
            ]
            .map(String::from)
            .to_vec(),
            Some("a comment".to_owned()),
            None
        )
    );
    assert_eq!(
        split("engage schema > s.json"),
        (
            vec!["engage".to_owned(), "schema".to_owned()],
            None,
            Some("s.json".to_owned())
        )
    );
}

/// What a newcomer looks for, under these exact titles (issue 16).
#[test]
fn the_readme_has_the_sections_a_newcomer_needs() {
    let text = readme();
    let headings: Vec<&str> = text.lines().filter(|l| l.starts_with("## ")).collect();
    for title in [
        "## A ten-minute tour",
        "## Getting your data out of each platform",
        "## Troubleshooting",
        "## Reference",
    ] {
        assert!(headings.contains(&title), "README.md lacks `{title}`");
    }
    // The two set-up commands come first, then the tour.
    let first_block = text.find("```sh\n").unwrap();
    assert!(text[first_block..].starts_with("```sh\ncargo run --release "));
    assert!(
        headings.first() == Some(&"## A ten-minute tour"),
        "{headings:?}"
    );
}

/// The README's `## …` section that starts with `title`, up to the next one.
fn section(text: &str, title: &str) -> String {
    let start = text
        .find(&format!("\n{title}\n"))
        .unwrap_or_else(|| panic!("README.md lacks {title}"));
    let rest = &text[start + 1..];
    let end = rest[3..].find("\n## ").map_or(rest.len(), |e| e + 3);
    rest[..end].to_owned()
}

/// The Reference names every command and every flag the command line has, and the glossary
/// every metric of the catalogue: a new flag or metric fails here until it is documented.
#[test]
fn the_reference_names_every_command_flag_and_metric() {
    use clap::CommandFactory;
    let reference = section(&readme(), "## Reference");
    fn walk(cmd: &clap::Command, path: &str, reference: &str, missing: &mut Vec<String>) {
        for arg in cmd.get_arguments() {
            if let Some(long) = arg.get_long() {
                let flag = format!("--{long}");
                if long != "help" && long != "version" && !reference.contains(&flag) {
                    missing.push(format!("{path} {flag}"));
                }
            }
        }
        for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
            let path = format!("{path} {}", sub.get_name());
            if !reference.contains(&path) && !reference.contains(&format!("{path}|")) {
                // `engage cache [info|clear]` and `engage export posts|series|…` name
                // their subcommands in one line.
                let (parent, name) = path.rsplit_once(' ').unwrap();
                let line_has_it = reference
                    .lines()
                    .any(|l| l.contains(parent) && l.contains(name));
                if !line_has_it {
                    missing.push(path.clone());
                }
            }
            walk(sub, &path, reference, missing);
        }
    }
    let mut missing = Vec::new();
    walk(
        &engage::cli::Cli::command(),
        "engage",
        &reference,
        &mut missing,
    );
    for m in engage::measure::catalogue::CATALOGUE {
        if !reference.contains(&format!("| `{}` |", m.id)) {
            missing.push(format!("metric {}", m.id));
        }
    }
    assert!(
        missing.is_empty(),
        "the README's Reference lacks {missing:?}"
    );
}

/// The plan file the Reference shows is one engage reads, with the targets it describes.
#[test]
fn the_plan_file_example_is_a_plan_engage_reads() {
    let reference = section(&readme(), "## Reference");
    let at = reference.find("### The plan file").unwrap();
    let json = reference[at..]
        .split_once("```json\n")
        .unwrap()
        .1
        .split_once("```")
        .unwrap()
        .0;
    let home = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(home.path().join("plans")).unwrap();
    std::fs::write(home.path().join("plans/web.json"), json).unwrap();
    let out = engage(home.path(), home.path())
        .args(["plan", "show", "web"])
        .output()
        .unwrap();
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{shown}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for expected in [
        "target: >= 1.50%",
        "target: +5% vs previous period",
        "target: at least the 90-day median",
        "target: no target",
        "platforms not x",
    ] {
        assert!(shown.contains(expected), "{expected}: {shown}");
    }
}

/// A heading's anchor as GitHub makes it: lower case, punctuation but `-` and `_` dropped,
/// spaces as `-`.
fn anchor(heading: &str) -> String {
    heading
        .trim_start_matches('#')
        .trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

/// Every `](#anchor)` link of the README leads to one of its headings, and every
/// `](path)` to a file of the repository.
#[test]
fn the_readmes_links_lead_somewhere() {
    let text = readme();
    let mut in_code = false;
    let mut anchors = Vec::new();
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            in_code = !in_code;
        } else if !in_code && line.starts_with('#') {
            anchors.push(anchor(line));
        }
    }
    assert_eq!(
        anchor("### `engage report --format json`"),
        "engage-report---format-json"
    );
    let mut broken = Vec::new();
    for (_, rest) in text.match_indices("](").map(|(i, _)| ((), &text[i + 2..])) {
        let Some(end) = rest.find(')') else { continue };
        let target = &rest[..end];
        if let Some(a) = target.strip_prefix('#') {
            if !anchors.iter().any(|h| h == a) {
                broken.push(target.to_owned());
            }
        } else if !target.starts_with("http") {
            let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(target);
            if !path.exists() {
                broken.push(target.to_owned());
            }
        }
    }
    assert!(broken.is_empty(), "README.md links to nothing: {broken:?}");
}
