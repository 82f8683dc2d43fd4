//! The HTML review as a reader gets it: one file that parses, holds one chart per KPI (each
//! with a title and a description), runs no script and fetches nothing, and keeps hostile
//! text as text. A golden file pins the page of a small fixture; headless Chromium (when
//! installed; CI installs it) parses the demo review and draws it.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::json;

const HAND: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/measure/hand.json"
);

fn engage(home: &Path) -> Command {
    let mut c = crate::common::engage_bin();
    c.env_remove("ENGAGE_HOME").arg("--home").arg(home);
    c
}

fn html_of(home: &Path, args: &[&str]) -> String {
    let out = engage(home)
        .args(["report", "--format", "html"])
        .args(args)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out).unwrap()
}

/// A tag of the page: its name, attributes, and whether it closes or closes itself.
#[derive(Debug)]
struct Tag {
    name: String,
    attrs: Vec<(String, String)>,
    closing: bool,
    self_closing: bool,
}

/// The tags of `html`, checked to nest: every `<` in the page starts a tag (text never holds
/// a raw `<`), attributes are quoted, every element opened is closed in order (`meta` is void,
/// SVG shapes close themselves). Panics with the place where it does not parse.
fn parse(html: &str) -> Vec<Tag> {
    let body = html
        .strip_prefix("<!DOCTYPE html>\n")
        .expect("starts with the doctype");
    let mut tags = Vec::new();
    let mut stack: Vec<String> = Vec::new();
    let mut rest = body;
    while let Some(at) = rest.find('<') {
        let after = &rest[at + 1..];
        let end = after
            .find('>')
            .unwrap_or_else(|| panic!("unclosed tag at {:?}", &after[..after.len().min(80)]));
        let inner = &after[..end];
        rest = &after[end + 1..];
        let closing = inner.starts_with('/');
        let self_closing = inner.ends_with('/');
        let inner = inner.trim_start_matches('/').trim_end_matches('/');
        let name_end = inner.find([' ', '\n']).unwrap_or(inner.len());
        let name = inner[..name_end].to_owned();
        assert!(
            !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric()),
            "a bad tag name in <{inner}>"
        );
        let mut attrs = Vec::new();
        let mut a = inner[name_end..].trim();
        while !a.is_empty() {
            let eq = a
                .find("=\"")
                .unwrap_or_else(|| panic!("unquoted attribute in <{inner}>"));
            let key = a[..eq].trim().to_owned();
            let value_end = a[eq + 2..]
                .find('"')
                .unwrap_or_else(|| panic!("unterminated attribute in <{inner}>"));
            attrs.push((key, a[eq + 2..eq + 2 + value_end].to_owned()));
            a = a[eq + 2 + value_end + 1..].trim();
        }
        if closing {
            let open = stack.pop();
            assert_eq!(
                open.as_deref(),
                Some(name.as_str()),
                "</{name}> closes {open:?}"
            );
        } else if !self_closing && name != "meta" {
            stack.push(name.clone());
        }
        tags.push(Tag {
            name,
            attrs,
            closing,
            self_closing,
        });
    }
    assert!(stack.is_empty(), "left open: {stack:?}");
    tags
}

/// Elements and attributes the page may use: nothing that runs, loads or embeds.
const TAGS: [&str; 38] = [
    "html",
    "head",
    "meta",
    "title",
    "style",
    "body",
    "main",
    "header",
    "footer",
    "section",
    "h1",
    "h2",
    "p",
    "span",
    "strong",
    "ul",
    "li",
    "dl",
    "dt",
    "dd",
    "div",
    "table",
    "caption",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "a",
    "figure",
    "figcaption",
    "svg",
    "desc",
    "line",
    "text",
    "path",
    "circle",
    "g",
];
const ATTRS: [&str; 28] = [
    "lang",
    "charset",
    "name",
    "content",
    "class",
    "id",
    "scope",
    "title",
    "href",
    "rel",
    "viewBox",
    "role",
    "aria-labelledby",
    "xmlns",
    "x",
    "y",
    "x1",
    "y1",
    "x2",
    "y2",
    "d",
    "cx",
    "cy",
    "r",
    "text-anchor",
    "width",
    "height",
    "colspan",
];

/// What a safe, self-contained page holds: the tags and attributes above only, links only to
/// `http(s):`, no script, no style fetching anything.
fn assert_safe(html: &str, tags: &[Tag]) {
    for t in tags {
        assert!(
            TAGS.contains(&t.name.as_str()),
            "<{}> is not allowed",
            t.name
        );
        for (k, v) in &t.attrs {
            assert!(
                ATTRS.contains(&k.as_str()),
                "attribute {k}={v:?} on <{}>",
                t.name
            );
            if k == "href" {
                let v = v.to_ascii_lowercase();
                assert!(
                    v.starts_with("https://") || v.starts_with("http://"),
                    "a link to {v:?}"
                );
            }
        }
        let _ = (t.closing, t.self_closing);
    }
    // Text never holds a raw `<`, so these can only be tags.
    let lower = html.to_lowercase();
    for never in ["<script", "<link", "<img", "<iframe", "<object", "<embed"] {
        assert!(!lower.contains(never), "the page holds {never:?}");
    }
    // The style sheet fetches nothing.
    let css = &lower[lower.find("<style>").unwrap()..lower.find("</style>").unwrap()];
    for never in ["@import", "url(", "@font-face"] {
        assert!(!css.contains(never), "the CSS holds {never:?}");
    }
    // No raw control or bidi character reaches the reader.
    for c in html.chars() {
        let hidden = (c.is_control() && c != '\n') || engage::text::is_bidi_control(c);
        assert!(!hidden, "a raw {c:?} in the page");
    }
}

fn svgs(tags: &[Tag]) -> usize {
    tags.iter()
        .filter(|t| t.name == "svg" && !t.closing)
        .count()
}

/// Each SVG has a `<title>` and a `<desc>` its `aria-labelledby` names.
fn assert_accessible(html: &str) {
    for svg in html.split("<svg ").skip(1) {
        let svg = &svg[..svg.find("</svg>").unwrap()];
        let labelled = svg
            .split("aria-labelledby=\"")
            .nth(1)
            .and_then(|s| s.split('"').next())
            .unwrap();
        for id in labelled.split(' ') {
            assert!(svg.contains(&format!("id=\"{id}\"")), "no element {id}");
        }
        assert!(svg.contains("<title id=") && svg.contains("<desc id="));
    }
}

#[test]
fn the_demo_review_is_one_safe_page_with_a_chart_per_kpi() {
    let home = tempfile::tempdir().unwrap();
    crate::common::plan_web(home.path());
    let html = html_of(home.path(), &["--plan", "web", "--last", "180d"]);
    let tags = parse(&html);
    assert_safe(&html, &tags);
    assert_accessible(&html);
    let json: serde_json::Value = serde_json::from_slice(
        &engage(home.path())
            .args([
                "report", "--plan", "web", "--last", "180d", "--format", "json",
            ])
            .assert()
            .success()
            .get_output()
            .stdout,
    )
    .unwrap();
    let kpis = json["metrics"].as_array().unwrap();
    assert_eq!(svgs(&tags), kpis.len(), "one chart per KPI");
    // What Review holds: the objective, the verdict, each KPI's row, the findings; and more:
    // the best and worst posts, the files with their export dates, the formulas.
    for needle in [
        "Be more engaged with my website&#39;s audience",
        json["verdict"].as_str().unwrap(),
        "<h2>Findings</h2>",
        "<caption>Best</caption>",
        "<caption>Worst</caption>",
        "<caption>Files</caption>",
        "<caption>Formulas</caption>",
        "2026-11-01T06:00:00+07:00",
        "direct sessions / all sessions",
    ] {
        assert!(html.contains(needle), "{needle:?}");
    }
    for k in kpis {
        let name = k["name"].as_str().unwrap();
        assert!(
            html.contains(&format!("<th scope=\"row\">{name}")),
            "{name}"
        );
    }
    // Light and dark, and print.
    assert!(html.contains("prefers-color-scheme: dark"));
    assert!(html.contains("@media print") && html.contains("size: A4"));
    assert!(html.contains("break-inside: avoid"));
    assert!(html.len() < 200_000, "{} bytes", html.len());
}

/// A hostile snapshot: markup, script URLs, attribute breakouts, bidi overrides and terminal
/// escapes in its title, file name, handles, tags, texts, links, and in the plan's name.
fn hostile(dir: &Path) -> PathBuf {
    let texts = [
        "<script>alert('text')</script>",
        "\"><img src=x onerror=alert(1)>",
        "</td></tr></table><h1>owned</h1>",
        "bidi \u{202e}txet desrever\u{202c} end",
        "escape \u{1b}]0;pwned\u{7} and \u{1b}[2J cleared",
        "&amp; entity &lt;b&gt; stays as written",
        "=HYPERLINK(\"http://evil.example\",\"click\")",
        "<svg onload=alert(2)> <style>body{display:none}</style>",
        "<!-- a comment --> <a href=\"javascript:alert(3)\">link</a>",
    ];
    let urls = [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(2)",
        "data:text/html,<script>alert(3)</script>",
        " javascript:alert(4)",
        "https://ok.example/p?a=1&b=<2>\"onmouseover=\"alert(5)",
        "vbscript:msgbox(6)",
        "http://ok.example/\u{202e}gnp.exe",
        "file:///etc/passwd",
        "//evil.example/x mailto:a@b.c",
        "HTTPS://OK.EXAMPLE/UPPER",
    ];
    let posts: Vec<_> = texts
        .iter()
        .zip(urls)
        .enumerate()
        .map(|(i, (text, url))| {
            json!({
                "id": format!("p{i}<b>\"'"),
                "account": "evil",
                "published_at": format!("2026-10-{:02}T10:00:00+07:00", 10 + i),
                "format": "link",
                "text": text,
                "url": url,
                "tags": ["<i>tag</i>", "promo"],
                "likes": 100 + i * 37,
                "comments": 3 + i,
                "reach": 2000 + i * 500,
                "impressions": 3000 + i * 400,
                "clicks": 20 + i,
            })
        })
        .collect();
    let snapshot = json!({
        "format": "engage-snapshot",
        "version": 1,
        "title": "<script>alert('title')</script> \u{202e}News & Co \u{1b}[31m",
        "exported_at": "2026-11-01T06:00:00+07:00",
        "utc_offset": "+07:00",
        "accounts": [{
            "id": "evil",
            "platform": "instagram",
            "handle": "@<img src=x onerror=alert(1)>",
            "name": "\"><script>alert('name')</script>"
        }],
        "posts": posts,
        "daily": (1..=31).map(|d| json!({
            "account": "evil", "date": format!("2026-10-{d:02}"), "followers": 10_000 + d * 10
        })).collect::<Vec<_>>(),
    });
    let path = dir.join("evil <b>\"name\".json");
    std::fs::write(&path, serde_json::to_vec(&snapshot).unwrap()).unwrap();
    path
}

#[test]
fn hostile_text_stays_text() {
    let dir = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    let data = hostile(dir.path());
    // A plan file whose name, objective and goals are markup.
    engage(home.path())
        .args(["plan", "new", "--template", "engagement", "--name", "p"])
        .assert()
        .success();
    let plan_path = std::fs::read_dir(home.path().join("plans"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let mut plan: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&plan_path).unwrap()).unwrap();
    plan["name"] = json!("<script>alert('plan')</script>");
    plan["objective"] = json!("\"><img src=x onerror=alert(1)> \u{202e}evil");
    plan["goals"] = json!(["<b>bold</b>", "\u{1b}]52;c;ZXZpbA==\u{7}"]);
    let evil_plan = dir.path().join("plan.json");
    std::fs::write(&evil_plan, serde_json::to_vec(&plan).unwrap()).unwrap();

    let html = html_of(
        home.path(),
        &[
            "--plan",
            evil_plan.to_str().unwrap(),
            data.to_str().unwrap(),
            "--from",
            "2026-10-01",
            "--to",
            "2026-10-31",
        ],
    );
    let tags = parse(&html);
    assert_safe(&html, &tags);
    // The texts are there, escaped, for the reader to see.
    for shown in [
        "&lt;script&gt;alert(&#39;plan&#39;)&lt;/script&gt;",
        "&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;",
        "&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;&lt;h1&gt;owned&lt;/h1&gt;",
        "&amp;amp; entity &amp;lt;b&amp;gt; stays as written",
        "bidi \\u{202e}txet desrever\\u{202c} end",
        "escape \\u{1b}]0;pwned\\u{7} and \\u{1b}[2J cleared",
        "evil &lt;b&gt;&quot;name&quot;.json",
    ] {
        assert!(html.contains(shown), "{shown:?} not shown");
    }
    // Only the http(s) URLs became links; the others show the post's id instead.
    let hrefs: Vec<&str> = tags
        .iter()
        .flat_map(|t| &t.attrs)
        .filter(|(k, _)| k == "href")
        .map(|(_, v)| v.as_str())
        .collect();
    assert!(!hrefs.is_empty());
    for h in &hrefs {
        assert!(
            h.starts_with("https://ok.example/")
                || h.starts_with("http://ok.example/")
                || h.starts_with("HTTPS://OK.EXAMPLE/"),
            "{h}"
        );
    }
    assert!(
        hrefs.contains(&"https://ok.example/p?a=1&amp;b=&lt;2&gt;&quot;onmouseover=&quot;alert(5)"),
        "{hrefs:?}"
    );
}

#[test]
fn a_metrics_report_of_the_fixture_is_pinned() {
    let home = tempfile::tempdir().unwrap();
    let html = html_of(
        home.path(),
        &[
            HAND,
            "--metric",
            "er_reach",
            "--metric",
            "total_reach",
            "--from",
            "2026-09-30",
            "--to",
            "2026-10-04",
            "--granularity",
            "day",
        ],
    );
    let tags = parse(&html);
    assert_safe(&html, &tags);
    assert_eq!(svgs(&tags), 2);
    // The engine's version and the checkout's path are in the page; pin the rest.
    let pinned = html
        .replace(env!("CARGO_PKG_VERSION"), "VERSION")
        .replace(env!("CARGO_MANIFEST_DIR"), "REPO");
    insta::assert_snapshot!("report_html_hand_fixture", pinned);
}

/// The file Chromium's own parser builds from the page, and the page drawn as a PNG.
#[test]
fn chromium_parses_and_draws_the_demo_review() {
    let Some(chromium) = browser() else {
        return;
    };
    let home = tempfile::tempdir().unwrap();
    crate::common::plan_web(home.path());
    let page = home.path().join("review.html");
    engage(home.path())
        .args(["report", "--plan", "web", "--format", "html", "-o"])
        .arg(&page)
        .assert()
        .success();
    let blank = home.path().join("blank.html");
    std::fs::write(&blank, "<!DOCTYPE html><html><body></body></html>").unwrap();
    let run = |args: &[&str], url: &Path| {
        let profile = tempfile::tempdir().unwrap();
        let out = std::process::Command::new(&chromium)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--hide-scrollbars",
                "--window-size=1000,1400",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .args(args)
            .arg(format!("file://{}", url.display()))
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        out.stdout
    };
    // Chromium's DOM: the charts are there, none moved out by its parser.
    let dom = String::from_utf8(run(&["--dump-dom"], &page)).unwrap();
    let charts = dom.matches("<svg class=\"chart\"").count();
    assert_eq!(charts, 8, "the eight KPIs' charts in Chromium's DOM");
    assert_eq!(dom.matches("<title id=\"kpi").count(), 8);
    // Drawn: a PNG far richer than a blank page's of the same size.
    let shot = |url: &Path, name: &str| {
        let png = home.path().join(name);
        run(&[&format!("--screenshot={}", png.display())], url);
        std::fs::read(&png).unwrap()
    };
    let review = shot(&page, "review.png");
    let empty = shot(&blank, "blank.png");
    assert_eq!(&review[..8], b"\x89PNG\r\n\x1a\n");
    let width = u32::from_be_bytes(review[16..20].try_into().unwrap());
    assert_eq!(width, 1000);
    assert!(
        review.len() > 20 * empty.len(),
        "the review's PNG ({} bytes) is hardly more than a blank page's ({} bytes)",
        review.len(),
        empty.len()
    );
}

/// Chromium, if installed: `ENGAGE_CHROMIUM` (CI sets it, and then it must work), else
/// `chromium` on the PATH; without it the test says SKIPPED.
pub(crate) fn browser() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("ENGAGE_CHROMIUM") {
        let path = PathBuf::from(path);
        assert!(
            path.is_file(),
            "ENGAGE_CHROMIUM={} is not a file: the browser test was told to use it",
            path.display()
        );
        return Some(path);
    }
    for dir in std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()) {
        for name in ["chromium", "chromium-browser"] {
            let p = dir.join(name);
            if p.is_file() {
                return Some(p);
            }
        }
    }
    eprintln!("SKIPPED: no chromium (install it, or set ENGAGE_CHROMIUM, to run the browser test)");
    None
}

/// Every shared dataset (real exports) makes a review page that parses and is safe, with a
/// chart per KPI of the plan.
#[test]
fn each_shared_dataset_makes_a_safe_review() {
    let Some(root) = crate::datasets::datasets() else {
        return;
    };
    let home = tempfile::tempdir().unwrap();
    engage(home.path())
        .args(["plan", "new", "--template", "engagement", "--name", "eng"])
        .assert()
        .success();
    let mut seen = 0;
    for entry in std::fs::read_dir(&root).unwrap() {
        let path = entry.unwrap().path();
        if !path.is_dir() {
            continue;
        }
        let html = html_of(
            home.path(),
            &["--plan", "eng", path.to_str().unwrap(), "--last", "3650d"],
        );
        let tags = parse(&html);
        assert_safe(&html, &tags);
        assert_accessible(&html);
        assert_eq!(svgs(&tags), 6, "{}", path.display());
        seen += 1;
    }
    assert!(seen >= 5, "{seen} datasets");
}
