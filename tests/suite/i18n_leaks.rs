//! No English on an Indonesian screen: the whole flow (data, a template, every metric's
//! details, the charts with every lens, the review with its findings, the help, the export
//! chooser) walked in `id` at 120x40 and 80x24, each screen checked for English words.
//!
//! The demo's post texts are data, partly English by design (the newsroom posts in both
//! languages), so the walk runs on a copy of the demo whose texts are replaced: what is left
//! on screen is the app's own words.

// A test states its expectations with unwrap, expect and panic; production code may not.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeSet;

use crate::tui_kit::{ch, draw, open_app, press, text};
use crossterm::event::KeyCode;
use engage::i18n::{Lang, with_lang};
use engage::snapshot::load::Source;
use engage::tui::app::{App, Step};

/// Words that only English writes. Indonesian keeps engagement, reach, likes, share, save,
/// KPI, target, median, format, data, total and status, and key names (`left`, `enter`) are
/// keys; `none` is a target's keyword, typed in English in every language; `daily` is left
/// out because diagnostics name a record by its JSON path (`daily: akun …`).
#[rustfmt::skip]
const ENGLISH: &[&str] = &[
    "the", "of", "and", "with", "without", "by", "from", "for", "is", "are", "this", "that",
    "which", "when", "than", "needs", "has", "have", "more", "posts", "post", "followers",
    "window", "previous", "to", "in", "on", "at", "or", "not", "each", "days", "day", "sort",
    "filter", "columns", "details", "kept", "warning", "missing", "zero", "between", "made",
    "press", "show", "open", "next", "search", "sessions", "users", "time", "best", "worst",
    "account", "accounts", "published", "comments", "interactions", "impressions", "views",
    "clicks", "saves", "shares", "text", "found", "nothing", "change", "value", "values",
    "rule", "only", "new", "its", "it", "a", "an", "be", "can", "no", "yet", "file", "files",
    "chart", "charts", "metrics", "objective", "review", "step", "help", "quit", "export",
    "loading", "week", "month", "year", "hour", "all", "any", "every", "most", "least", "above",
    "below", "after", "before", "since", "until", "here", "there", "them", "they", "their",
    "you", "your", "our", "we", "primary", "supporting", "lowest", "highest", "last",
    "cancelled", "delete", "plan",
];

/// The demo snapshot with every post text replaced, written to `dir`.
fn demo_without_texts(dir: &std::path::Path) -> std::path::PathBuf {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/demo/kabar-kini.json");
    let mut v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    // The snapshot's title is data too.
    v["title"] = serde_json::json!("Kabar Kini");
    for p in v["posts"].as_array_mut().into_iter().flatten() {
        if p.get("text").is_some() {
            p["text"] = serde_json::json!("teks");
        }
    }
    let out = dir.join("kabar-kini.json");
    std::fs::write(&out, serde_json::to_vec(&v).unwrap()).unwrap();
    out
}

/// The English words on `screen`, each with its line.
fn english_on(screen: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for line in screen.lines() {
        // Links are data.
        let line: String = line
            .split_whitespace()
            .filter(|w| !w.contains("://"))
            .collect::<Vec<_>>()
            .join(" ");
        // Ids in backticks (`all`) are the format's words, not English.
        let line: String = line
            .split('`')
            .enumerate()
            .filter(|(i, _)| i % 2 == 0)
            .map(|(_, s)| s)
            .collect::<Vec<_>>()
            .join(" ");
        // Words cut by a pane or an overlay's border are fragments, not words.
        let chars: Vec<char> = line.chars().collect();
        let is_border = |c: char| ('\u{2500}'..='\u{257f}').contains(&c);
        let mut start = 0;
        while start < chars.len() {
            if !chars[start].is_alphabetic() {
                start += 1;
                continue;
            }
            let mut end = start;
            while end < chars.len() && (chars[end].is_alphanumeric() || chars[end] == '_') {
                end += 1;
            }
            let word: String = chars[start..end].iter().collect();
            let cut = (start > 0 && is_border(chars[start - 1]))
                || chars.get(end).is_some_and(|c| is_border(*c));
            // Ids (`er_reach`, a post's `pX7be7B8QpG`) are not words.
            let id = word.contains('_') || word.chars().any(|c| c.is_ascii_digit());
            let lower = word.to_lowercase();
            if !cut && !id && word.chars().count() > 1 && ENGLISH.contains(&lower.as_str()) {
                out.push((lower, line.trim().to_owned()));
            }
            start = end;
        }
    }
    out
}

struct Walk {
    leaks: BTreeSet<(String, String, String)>,
}

impl Walk {
    fn look(&mut self, app: &App, what: &str) {
        for (w, h) in [(120, 40), (80, 24)] {
            let shown = text(&draw(app, w, h), true);
            for (word, line) in english_on(&shown) {
                self.leaks.insert((format!("{what} {w}x{h}"), word, line));
            }
        }
    }
}

#[test]
fn no_english_on_an_indonesian_screen() {
    with_lang(Lang::Id, || {
        let home = tempfile::tempdir().unwrap();
        let data = demo_without_texts(home.path());
        let mut app = open_app(home.path(), std::slice::from_ref(&data), home.path());
        let mut walk = Walk {
            leaks: BTreeSet::new(),
        };
        walk.look(&app, "1 data");
        ch(&mut app, '2');
        walk.look(&app, "2 template");
        press(&mut app, KeyCode::Enter);
        walk.look(&app, "2 name prompt");
        ch(&mut app, 'y');
        walk.look(&app, "2 plan");
        ch(&mut app, 'D');
        walk.look(&app, "2 delete question");
        ch(&mut app, 'n');
        walk.look(&app, "2 answered no");
        ch(&mut app, 'W');
        walk.look(&app, "window prompt");
        press(&mut app, KeyCode::Esc);
        ch(&mut app, '3');
        ch(&mut app, 't');
        walk.look(&app, "3 target prompt");
        press(&mut app, KeyCode::Esc);
        for i in 0..32 {
            walk.look(&app, &format!("3 metric {i}"));
            press(&mut app, KeyCode::Down);
        }
        ch(&mut app, '4');
        walk.look(&app, "4 charts");
        press(&mut app, KeyCode::Tab);
        for i in 0..6 {
            ch(&mut app, 'v');
            walk.look(&app, &format!("4 lens {i}"));
        }
        press(&mut app, KeyCode::Tab);
        press(&mut app, KeyCode::Enter);
        walk.look(&app, "4 post details");
        press(&mut app, KeyCode::Esc);
        ch(&mut app, 'c');
        walk.look(&app, "4 columns");
        press(&mut app, KeyCode::Esc);
        ch(&mut app, '/');
        walk.look(&app, "4 filter prompt");
        press(&mut app, KeyCode::Esc);
        app.go(Step::Review);
        walk.look(&app, "5 review");
        press(&mut app, KeyCode::Tab);
        for i in 0..12 {
            press(&mut app, KeyCode::Down);
            walk.look(&app, &format!("5 finding {i}"));
        }
        ch(&mut app, 'e');
        walk.look(&app, "5 export chooser");
        press(&mut app, KeyCode::Esc);
        ch(&mut app, '?');
        walk.look(&app, "help");
        press(&mut app, KeyCode::Esc);
        // The loading pane, as the app starts a load (the worker's result is never taken).
        app.go(Step::Data);
        let (tx, _rx) = std::sync::mpsc::channel();
        engage::tui::start_load(&mut app, Source::Files(vec![data]), tx.clone());
        walk.look(&app, "1 loading a file");
        engage::tui::start_load(&mut app, Source::Demo, tx);
        walk.look(&app, "1 loading the demo");
        // Each line once, with the first screen it was seen on.
        let mut seen = BTreeSet::new();
        let report: Vec<String> = walk
            .leaks
            .iter()
            .filter(|(_, word, line)| seen.insert((word.clone(), line.clone())))
            .map(|(at, word, line)| format!("{at}: {word:?} in {line}"))
            .collect();
        assert!(
            report.is_empty(),
            "{} English words on Indonesian screens:\n{}",
            report.len(),
            report.join("\n")
        );
    });
}

/// The Markdown and HTML reports of a plan made in Indonesian, on the demo without its
/// texts: no English word (the HTML's tags, styles and attribute values aside).
#[test]
fn no_english_in_an_indonesian_report() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let data = demo_without_texts(h);
    let run = |args: &[&str]| in_indonesian(h, args);
    run(&[
        "plan",
        "new",
        "--template",
        "website-loyalty",
        "--name",
        "web",
    ]);
    let file = data.to_str().unwrap();
    let md = run(&["report", "--plan", "web", file]);
    let html = run(&["report", "--plan", "web", "--format", "html", file]);
    // The HTML's text: no style, no tags, entities read.
    let without_style = html
        .split("<style")
        .enumerate()
        .map(|(i, part)| {
            if i == 0 {
                part
            } else {
                part.split_once("</style>").map_or("", |(_, rest)| rest)
            }
        })
        .collect::<String>();
    let mut text = String::new();
    let mut in_tag = false;
    for c in without_style.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                text.push('\n');
            }
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    let text = text
        .replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">");
    // What is scanned is the reports' text.
    assert!(md.contains("KPI tercapai"), "{md}");
    assert!(
        text.contains("Kartu skor") && text.contains("Temuan"),
        "{text}"
    );
    let mut found: Vec<String> = Vec::new();
    for (what, shown) in [("markdown", md.as_str()), ("html", text.as_str())] {
        for (word, line) in english_on(shown) {
            found.push(format!("{what}: {word:?} in {line}"));
        }
    }
    found.dedup();
    assert!(
        found.is_empty(),
        "English in the Indonesian reports:\n{}",
        found.join("\n")
    );
}

/// The text outputs people read from the command line, in Indonesian: the lenses of
/// `engage explore` as Markdown, the metric catalogue and the plan listings.
#[test]
fn no_english_in_indonesian_command_output() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let data = demo_without_texts(h);
    let file = data.to_str().unwrap().to_owned();
    let run = |args: &[&str]| in_indonesian(h, args);
    run(&[
        "plan",
        "new",
        "--template",
        "website-loyalty",
        "--name",
        "web",
    ]);
    let mut found: Vec<String> = Vec::new();
    let commands: Vec<Vec<&str>> = vec![
        vec!["explore", "breakdown", "--by", "account", &file],
        vec!["explore", "breakdown", "--by", "source", &file],
        vec!["explore", "best-time", &file],
        vec!["explore", "breakouts", &file],
        vec!["explore", "followers", &file],
        vec!["explore", "content", &file],
        vec!["summary", &file],
        vec!["validate", &file],
        vec!["metrics"],
        vec!["plan", "templates"],
        vec!["plan", "list"],
        vec!["plan", "show", "web"],
    ];
    for args in commands {
        let shown = without_ids(&run(&args));
        assert!(!shown.trim().is_empty(), "{args:?} printed nothing");
        for (word, line) in english_on(&shown) {
            found.push(format!("{args:?}: {word:?} in {line}"));
        }
    }
    assert!(
        found.is_empty(),
        "English in Indonesian output:\n{}",
        found.join("\n")
    );
}

/// `text` without the catalogue's metric ids (`shares`, `sessions`: words of plans and
/// scripts) and without the commands it suggests (`engage plan new …`).
fn without_ids(text: &str) -> String {
    text.lines()
        .map(|line| {
            let line = line.split("engage ").next().unwrap_or_default();
            line.split(|c: char| c.is_whitespace() || c == ',')
                .filter(|w| engage::measure::metric(w).is_none())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// What `engage --home HOME --lang id ARGS` prints (and that it succeeds).
fn in_indonesian(home: &std::path::Path, args: &[&str]) -> String {
    let out = crate::common::engage_bin()
        .arg("--home")
        .arg(home)
        .args(["--lang", "id"])
        .args(args)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out).unwrap()
}
