//! The pictures of the README's ten-minute tour (`docs/tour/*.svg`), drawn from the app
//! itself: each step of the tour is played through `App::update` on the bundled demo, drawn
//! into ratatui's test backend at 120x40 (dark theme) and written as SVG, one text run per
//! stretch of cells of one style, with the cells' colours and bold, dim and reversed.
//!
//! `ENGAGE_WRITE_DOCS=1 cargo test --test suite tour` rewrites them; otherwise the test fails
//! when a committed picture is not what the app draws now, so the README's pictures follow
//! the app.

use std::fmt::Write as _;
use std::path::PathBuf;

use crate::tui_kit::{ch, draw, open_app, press};
use crossterm::event::KeyCode;
use engage::tui::app::App;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};

const W: u16 = 120;
const H: u16 = 40;
/// A cell, in pixels: a monospace font of 14 px is about 8.4 px wide.
const CW: f64 = 8.4;
const CH: f64 = 17.0;
const FG: &str = "#d0d0d0";
const BG: &str = "#1a1b26";

/// The terminal's 16 colours (xterm's defaults, the ones most terminals start from).
fn hex(c: Color, fallback: &str) -> String {
    let named = match c {
        Color::Reset => return fallback.to_owned(),
        Color::Black => "#000000",
        Color::Red => "#cd3131",
        Color::Green => "#0dbc79",
        Color::Yellow => "#e5e510",
        Color::Blue => "#2472c8",
        Color::Magenta => "#bc3fbc",
        Color::Cyan => "#11a8cd",
        Color::Gray => "#c8c8c8",
        Color::DarkGray => "#767676",
        Color::LightRed => "#f14c4c",
        Color::LightGreen => "#23d18b",
        Color::LightYellow => "#f5f543",
        Color::LightBlue => "#3b8eea",
        Color::LightMagenta => "#d670d6",
        Color::LightCyan => "#29b8db",
        Color::White => "#ffffff",
        Color::Rgb(r, g, b) => return format!("#{r:02x}{g:02x}{b:02x}"),
        Color::Indexed(i) => return indexed(i),
    };
    named.to_owned()
}

/// xterm's 256-colour cube and grey ramp (the first 16 as above).
fn indexed(i: u8) -> String {
    const BASE: [Color; 16] = [
        Color::Black,
        Color::Red,
        Color::Green,
        Color::Yellow,
        Color::Blue,
        Color::Magenta,
        Color::Cyan,
        Color::Gray,
        Color::DarkGray,
        Color::LightRed,
        Color::LightGreen,
        Color::LightYellow,
        Color::LightBlue,
        Color::LightMagenta,
        Color::LightCyan,
        Color::White,
    ];
    match i {
        0..=15 => hex(BASE[i as usize], FG),
        16..=231 => {
            let n = i - 16;
            let level = |v: u8| if v == 0 { 0 } else { 55 + v * 40 };
            format!(
                "#{:02x}{:02x}{:02x}",
                level(n / 36),
                level((n / 6) % 6),
                level(n % 6)
            )
        }
        _ => {
            let v = 8 + (i - 232) * 10;
            format!("#{v:02x}{v:02x}{v:02x}")
        }
    }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// How a cell looks: foreground, background, bold, dim, italic, underlined.
#[derive(Clone, PartialEq)]
struct Look {
    fg: String,
    bg: String,
    bold: bool,
    dim: bool,
    italic: bool,
    underline: bool,
}

fn look(buf: &Buffer, x: u16, y: u16) -> Look {
    let cell = &buf[(x, y)];
    let m = cell.modifier;
    let (mut fg, mut bg) = (hex(cell.fg, FG), hex(cell.bg, BG));
    if m.contains(Modifier::REVERSED) {
        std::mem::swap(&mut fg, &mut bg);
    }
    Look {
        fg,
        bg,
        bold: m.contains(Modifier::BOLD),
        dim: m.contains(Modifier::DIM),
        italic: m.contains(Modifier::ITALIC),
        underline: m.contains(Modifier::UNDERLINED),
    }
}

/// The screen as an SVG picture: a background rectangle per run of one background, a text
/// per run of one look (placed and stretched to its cells, so columns stay aligned whatever
/// font the viewer has).
fn svg(buf: &Buffer, title: &str) -> String {
    let (w, h) = (buf.area.width, buf.area.height);
    let mut out = String::new();
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{:.0}" height="{:.0}" viewBox="0 0 {:.0} {:.0}" role="img" aria-label="{}">"#,
        f64::from(w) * CW + 16.0,
        f64::from(h) * CH + 16.0,
        f64::from(w) * CW + 16.0,
        f64::from(h) * CH + 16.0,
        escape(title)
    );
    let _ = writeln!(out, "<title>{}</title>", escape(title));
    let _ = writeln!(
        out,
        r#"<rect width="100%" height="100%" rx="6" fill="{BG}"/>"#
    );
    let _ = writeln!(
        out,
        r#"<g transform="translate(8 8)" font-family="'DejaVu Sans Mono', Menlo, Consolas, monospace" font-size="14px">"#
    );
    for y in 0..h {
        let top = f64::from(y) * CH;
        // Backgrounds.
        let mut x = 0;
        while x < w {
            let bg = look(buf, x, y).bg;
            let start = x;
            while x < w && look(buf, x, y).bg == bg {
                x += 1;
            }
            if bg != BG {
                let _ = writeln!(
                    out,
                    r#"<rect x="{:.1}" y="{top:.0}" width="{:.1}" height="{CH:.0}" fill="{bg}"/>"#,
                    f64::from(start) * CW,
                    f64::from(x - start) * CW
                );
            }
        }
        // Texts: runs of one look, without the blanks at their ends.
        let mut x = 0;
        while x < w {
            let l = look(buf, x, y);
            let start = x;
            let mut text = String::new();
            while x < w && look(buf, x, y) == l {
                let symbol = buf[(x, y)].symbol();
                text.push_str(symbol);
                // The cells a wide character covers after its first are skipped, as the
                // terminal does.
                let width = ratatui::text::Span::raw(symbol).width().max(1);
                x = (x + width as u16).min(w);
            }
            let trimmed = text.trim_end();
            let lead = trimmed.len() - trimmed.trim_start().len();
            let shown = trimmed.trim_start();
            if shown.is_empty() {
                continue;
            }
            let cells: usize = shown
                .chars()
                .map(|c| unicode_width(c).max(1))
                .sum::<usize>();
            let col = usize::from(start) + text[..lead].chars().count();
            let mut attrs = format!(r#"fill="{}""#, l.fg);
            if l.bold {
                attrs.push_str(r#" font-weight="bold""#);
            }
            if l.dim {
                attrs.push_str(r#" fill-opacity="0.6""#);
            }
            if l.italic {
                attrs.push_str(r#" font-style="italic""#);
            }
            if l.underline {
                attrs.push_str(r#" text-decoration="underline""#);
            }
            let _ = writeln!(
                out,
                r#"<text x="{:.1}" y="{:.1}" textLength="{:.1}" lengthAdjust="spacingAndGlyphs" xml:space="preserve" {attrs}>{}</text>"#,
                col as f64 * CW,
                top + CH * 0.78,
                cells as f64 * CW,
                escape(shown)
            );
        }
    }
    out.push_str("</g>\n</svg>\n");
    out
}

/// The cells a character takes (wide ones 2), as the terminal draws it.
fn unicode_width(c: char) -> usize {
    let mut b = [0u8; 4];
    ratatui::text::Span::raw(&*c.encode_utf8(&mut b)).width()
}

/// The tour, step by step: (file name, description, the app after the step's keys).
fn tour() -> Vec<(&'static str, &'static str, String)> {
    let home = tempfile::tempdir().unwrap();
    let mut app: App = open_app(home.path(), &[], home.path());
    let mut shots = Vec::new();
    let mut shot = |app: &App, name: &'static str, what: &'static str| {
        shots.push((name, what, svg(&draw(app, W, H), what)));
    };
    shot(&app, "1-data", "Step 1 Data: the bundled demo loaded");
    // 2 Objective: the website-loyalty template, browsed then made a plan.
    ch(&mut app, '2');
    press(&mut app, KeyCode::Home);
    let position = engage::measure::templates::TEMPLATES
        .iter()
        .position(|t| t.id == "website-loyalty")
        .unwrap();
    for _ in 0..position {
        ch(&mut app, 'j');
    }
    press(&mut app, KeyCode::Enter);
    ch(&mut app, 'y');
    assert!(app.model.plan.is_some());
    shot(
        &app,
        "2-objective",
        "Step 2 Objective: a plan made from the website-loyalty template",
    );
    ch(&mut app, '3');
    shot(
        &app,
        "3-metrics",
        "Step 3 Metrics: the plan's KPIs with their values and targets",
    );
    ch(&mut app, '4');
    shot(
        &app,
        "4-charts",
        "Step 4 Charts: a KPI over time with its target and the previous period",
    );
    // The breakdown lens (v cycles the middle pane: the KPI over time, then each lens).
    ch(&mut app, 'v');
    shot(
        &app,
        "4-charts-breakdown",
        "Step 4 Charts with the breakdown lens",
    );
    ch(&mut app, '5');
    shot(
        &app,
        "5-review",
        "Step 5 Review: the scorecard, the verdict and the findings",
    );
    // Your own exports: a folder of X's classic exports (the test fixtures, named relative to
    // the repository, where tests run), in step 1 Data.
    let mut own: App = open_app(
        home.path(),
        &[PathBuf::from("tests/fixtures/import/x-classic")],
        home.path(),
    );
    ch(&mut own, '1');
    shot(
        &own,
        "6-own-exports",
        "Step 1 Data on a folder of X exports: each file's family, rows and what was skipped",
    );
    shots
}

fn docs() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/tour"))
}

#[test]
fn tour_pictures_are_what_the_app_draws() {
    let write = std::env::var_os("ENGAGE_WRITE_DOCS").is_some_and(|v| v == "1");
    let mut stale = Vec::new();
    for (name, _, picture) in tour() {
        let path = docs().join(format!("{name}.svg"));
        if write {
            std::fs::create_dir_all(docs()).unwrap();
            std::fs::write(&path, &picture).unwrap();
        } else if std::fs::read_to_string(&path).ok().as_deref() != Some(picture.as_str()) {
            stale.push(path.display().to_string());
        }
    }
    assert!(
        stale.is_empty(),
        "the tour's pictures differ from what the app draws now: {stale:?}; \
         `ENGAGE_WRITE_DOCS=1 cargo test --test suite tour` rewrites them (look at them, then commit)"
    );
}

#[test]
fn the_readme_shows_every_tour_picture() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    for (name, _, _) in tour() {
        let link = format!("(docs/tour/{name}.svg)");
        assert!(readme.contains(&link), "README.md lacks {link}");
    }
}

/// The HTML review's pictures (`docs/html-review-light.png`, `-dark.png`), drawn by headless
/// Chromium from the page `engage report` writes for the tour's plan, when
/// `ENGAGE_WRITE_DOCS=1` (with a Chromium: `ENGAGE_CHROMIUM` or `chromium` on the PATH).
/// A PNG differs with the browser's version and fonts, so it is not compared otherwise: the
/// page itself is checked by `report_html`.
#[test]
fn html_review_pictures_when_asked() {
    if std::env::var_os("ENGAGE_WRITE_DOCS").is_none_or(|v| v != "1") {
        return;
    }
    let Some(chromium) = crate::report_html::browser() else {
        panic!("ENGAGE_WRITE_DOCS=1 needs Chromium to draw the HTML review");
    };
    let home = tempfile::tempdir().unwrap();
    let engage = || {
        let mut c = crate::common::engage_bin();
        c.arg("--home").arg(home.path());
        c
    };
    crate::common::plan_web(home.path());
    let page = home.path().join("review.html");
    engage()
        .args([
            "report", "--plan", "web", "--last", "180d", "--format", "html", "-o",
        ])
        .arg(&page)
        .assert()
        .success();
    for (name, scheme) in [("light", None), ("dark", Some("--force-dark-mode"))] {
        let profile = tempfile::tempdir().unwrap();
        let png =
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("docs/html-review-{name}.png"));
        let out = std::process::Command::new(&chromium)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--hide-scrollbars",
                "--window-size=1100,1450",
            ])
            .args(scheme)
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg(format!("--screenshot={}", png.display()))
            .arg(format!("file://{}", page.display()))
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}
