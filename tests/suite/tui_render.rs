//! What the TUI draws: insta snapshots of every step on the bundled demo (120x40 and 80x24),
//! the overlays, the "no plan yet" states and a load in progress; every screen at every tiny
//! size without a panic; and selection still visible without colour.
//!
//! Snapshots are the buffer as plain text, one line per row, trailing spaces trimmed. They
//! must not depend on the machine: the home folder is a temp dir whose path is asserted
//! absent from the snapshotted screens (screens that show it are checked without a snapshot,
//! see `screens_that_show_absolute_paths`), the theme is set explicitly, and the one clock
//! reading on screen (the load's elapsed time) is normalised.
//!
//! `INSTA_UPDATE=always cargo test --test suite tui_render` rewrites the snapshots after a
//! deliberate change to the layout; read the diff before committing it.

// A test states its expectations with unwrap, expect and panic; production code may not.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;
use std::time::Instant;

use crate::tui_kit::{ch, draw, open_app, press, row, text, typ};
use crossterm::event::KeyCode;
use engage::snapshot::LoadControl;
use engage::tui::Options;
use engage::tui::app::{App, Loading, Msg, Overlay, Step};
use engage::tui::theme::Theme;
use engage::tui::view::{MIN_HEIGHT, MIN_WIDTH};
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};
use tempfile::TempDir;

// ---------------------------------------------------------------------------------------
// Helpers

fn demo() -> (TempDir, App) {
    let home = tempfile::tempdir().unwrap();
    let app = open_app(home.path(), &[], home.path());
    (home, app)
}

/// The demo with a plan made from the Awareness template.
fn demo_with_plan() -> (TempDir, App) {
    let (home, mut app) = demo();
    ch(&mut app, '2');
    press(&mut app, KeyCode::Enter);
    ch(&mut app, 'y');
    assert!(app.model.plan.is_some());
    (home, app)
}

/// The screen as text, checked to hold nothing that differs between machines.
fn screen(app: &App, home: &Path, w: u16, h: u16) -> String {
    let shown = text(&draw(app, w, h), true);
    for path in machine_paths(home) {
        assert!(
            !shown.contains(&path),
            "the screen shows {path}, which differs between machines:\n{shown}"
        );
    }
    shown
}

/// Paths that differ between machines and checkouts.
fn machine_paths(home: &Path) -> Vec<String> {
    let mut out = vec![home.display().to_string()];
    if let Ok(c) = std::fs::canonicalize(home) {
        out.push(c.display().to_string());
    }
    out.push(env!("CARGO_MANIFEST_DIR").to_owned());
    out
}

/// A load in progress, with fixed numbers.
fn loading(app: &mut App) {
    let control = LoadControl::default();
    control
        .bytes_read
        .store(1_234_567, std::sync::atomic::Ordering::Relaxed);
    app.model.data.loading = Some(Loading {
        label: "loading 1 file(s)".into(),
        total: 4_900_000,
        control,
        started: Instant::now(),
        elapsed_ms: 1500,
    });
}

/// The elapsed time of a load (`… read · 1.5 s`) is replaced by `#.# s`, keeping the row's
/// width, so the snapshot does not depend on the tick that set it.
fn normalise_elapsed(shown: &str) -> String {
    let mut found = 0;
    let out: Vec<String> = shown
        .lines()
        .map(|line| {
            let Some(start) = line.find(" read · ").map(|i| i + " read · ".len()) else {
                return line.to_owned();
            };
            let rest = &line[start..];
            let number_len = rest
                .find(|c: char| !(c.is_ascii_digit() || c == '.'))
                .unwrap_or(rest.len());
            assert!(
                number_len >= 3 && rest[number_len..].starts_with(" s"),
                "{line}"
            );
            found += 1;
            // Keep the width: a longer number took spaces from what follows.
            let pad = " ".repeat(number_len - 3);
            format!("{}#.# s{pad}{}", &line[..start], &rest[number_len + 2..])
        })
        .collect();
    assert_eq!(found, 1, "one elapsed time on screen:\n{shown}");
    out.join("\n") + "\n"
}

// ---------------------------------------------------------------------------------------
// Snapshots of every step

#[test]
fn every_step_at_120x40() {
    let (home, mut app) = demo_with_plan();
    let home = home.path();
    app.go(Step::Data);
    insta::assert_snapshot!("step1_data_120x40", screen(&app, home, 120, 40));
    app.go(Step::Objective);
    insta::assert_snapshot!("step2_objective_120x40", screen(&app, home, 120, 40));
    press(&mut app, KeyCode::Tab);
    insta::assert_snapshot!("step2_objective_editor_120x40", screen(&app, home, 120, 40));
    app.go(Step::Metrics);
    insta::assert_snapshot!("step3_metrics_120x40", screen(&app, home, 120, 40));
    app.go(Step::Charts);
    insta::assert_snapshot!("step4_charts_120x40", screen(&app, home, 120, 40));
    app.go(Step::Review);
    insta::assert_snapshot!("step5_review_120x40", screen(&app, home, 120, 40));
}

#[test]
fn every_step_at_80x24() {
    let (home, mut app) = demo_with_plan();
    let home = home.path();
    app.go(Step::Data);
    insta::assert_snapshot!("step1_data_80x24", screen(&app, home, 80, 24));
    app.go(Step::Objective);
    insta::assert_snapshot!("step2_objective_80x24", screen(&app, home, 80, 24));
    press(&mut app, KeyCode::Tab);
    insta::assert_snapshot!("step2_objective_editor_80x24", screen(&app, home, 80, 24));
    app.go(Step::Metrics);
    insta::assert_snapshot!("step3_metrics_80x24", screen(&app, home, 80, 24));
    app.go(Step::Charts);
    insta::assert_snapshot!("step4_charts_80x24", screen(&app, home, 80, 24));
    app.go(Step::Review);
    insta::assert_snapshot!("step5_review_80x24", screen(&app, home, 80, 24));
}

#[test]
fn steps_3_to_5_without_a_plan() {
    let (home, mut app) = demo();
    let home = home.path();
    app.go(Step::Objective);
    insta::assert_snapshot!("no_plan_step2_120x40", screen(&app, home, 120, 40));
    app.go(Step::Metrics);
    insta::assert_snapshot!("no_plan_step3_120x40", screen(&app, home, 120, 40));
    app.go(Step::Charts);
    // Before a plan: an engagement overview per account, and the way to KPIs.
    let shown = screen(&app, home, 120, 40);
    assert!(shown.contains("Engagement before a plan"), "{shown}");
    assert!(shown.contains("Interactions by day"), "{shown}");
    assert!(shown.contains("Engagement rate by reach by day"), "{shown}");
    assert!(
        shown.contains("pick a template in 2 Objective (enter)"),
        "{shown}"
    );
    insta::assert_snapshot!("no_plan_step4_120x40", shown);
    app.go(Step::Review);
    let shown = screen(&app, home, 120, 40);
    assert!(shown.contains("No plan"), "{shown}");
    insta::assert_snapshot!("no_plan_step5_120x40", shown);
    app.go(Step::Charts);
    insta::assert_snapshot!("no_plan_step4_80x24", screen(&app, home, 80, 24));
}

#[test]
fn overlays() {
    let (home, mut app) = demo_with_plan();
    let home = home.path();

    app.go(Step::Review);
    ch(&mut app, '?');
    insta::assert_snapshot!("help_120x40", screen(&app, home, 120, 40));
    typ(&mut app, "window");
    insta::assert_snapshot!("help_search_window_120x40", screen(&app, home, 120, 40));
    press(&mut app, KeyCode::Esc);

    // A prompt, after a bad entry.
    app.go(Step::Metrics);
    press(&mut app, KeyCode::Home);
    ch(&mut app, 't');
    for _ in 0..20 {
        press(&mut app, KeyCode::Backspace);
    }
    typ(&mut app, ">= lots");
    press(&mut app, KeyCode::Enter);
    assert!(matches!(app.ui.overlay, Some(Overlay::Prompt(_))));
    insta::assert_snapshot!("prompt_target_error_120x40", screen(&app, home, 120, 40));
    press(&mut app, KeyCode::Esc);

    ch(&mut app, 'W');
    insta::assert_snapshot!("prompt_window_80x24", screen(&app, home, 80, 24));
    press(&mut app, KeyCode::Esc);

    // The detail of the newest post of the window.
    app.go(Step::Charts);
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Enter);
    assert!(matches!(app.ui.overlay, Some(Overlay::PostDetail { .. })));
    insta::assert_snapshot!("post_detail_120x40", screen(&app, home, 120, 40));
    insta::assert_snapshot!("post_detail_80x24", screen(&app, home, 80, 24));
}

#[test]
fn step_1_while_loading() {
    let (home, mut app) = demo();
    loading(&mut app);
    let shown = screen(&app, home.path(), 120, 40);
    assert!(
        shown.contains("loading 1 file(s) · 1.2 MB of 4.9 MB read · "),
        "{shown}"
    );
    assert!(shown.contains("25%"), "the gauge: {shown}");
    assert!(shown.contains("esc cancel load"), "{shown}");
    insta::assert_snapshot!("step1_loading_120x40", normalise_elapsed(&shown));
    insta::assert_snapshot!(
        "step1_loading_80x24",
        normalise_elapsed(&screen(&app, home.path(), 80, 24))
    );
    // Other steps keep showing the previous data while the load runs.
    app.go(Step::Charts);
    assert!(screen(&app, home.path(), 120, 40).contains("Posts in the window: 330"));
}

#[test]
fn the_elapsed_time_is_normalised_keeping_the_width() {
    let line = "│loading · 1 MB read · 12.3 s     │";
    let out = normalise_elapsed(&format!("{line}\n"));
    assert_eq!(out, "│loading · 1 MB read · #.# s      │\n");
    assert_eq!(
        out.trim_end().chars().count(),
        line.chars().count(),
        "same width"
    );
}

#[test]
fn too_small() {
    let (home, app) = demo_with_plan();
    insta::assert_snapshot!("too_small_59x15", screen(&app, home.path(), 59, 15));
}

// ---------------------------------------------------------------------------------------
// Screens that show absolute paths (checked without snapshots)

#[test]
fn screens_that_show_absolute_paths() {
    let (home, mut app) = demo_with_plan();
    let canonical = std::fs::canonicalize(home.path()).unwrap();
    let shows_home = |app: &App, w: u16| {
        let shown = text(&draw(app, w, 40), true);
        shown.contains(&home.path().display().to_string())
            || shown.contains(&canonical.display().to_string())
    };
    // The delete confirmation names the file to be removed.
    app.go(Step::Objective);
    ch(&mut app, 'D');
    assert!(shows_home(&app, 200), "delete confirmation");
    press(&mut app, KeyCode::Esc);
    // A new plan's message names its file.
    ch(&mut app, 'n');
    assert!(shows_home(&app, 250), "message after n");
    press(&mut app, KeyCode::Enter);
    // The export message and the Review head name the file written.
    app.go(Step::Review);
    ch(&mut app, '3');
    press(&mut app, KeyCode::Home);
    ch(&mut app, ' ');
    app.go(Step::Review);
    ch(&mut app, 'e');
    ch(&mut app, 'm');
    assert!(shows_home(&app, 250), "after an export");
    // The open-file prompt starts in the current folder (the checkout, under cargo test).
    app.go(Step::Data);
    ch(&mut app, 'o');
    let shown = text(&draw(&app, 200, 40), true);
    let cwd = std::env::current_dir().unwrap().display().to_string();
    assert!(shown.contains(&cwd), "open-file prompt");
}

// ---------------------------------------------------------------------------------------
// Every size

/// The states drawn at every size: each step, and each overlay over a step.
fn states() -> Vec<(&'static str, App, TempDir)> {
    let mut out = Vec::new();
    let (home, mut app) = demo();
    app.go(Step::Charts);
    out.push(("no plan", app, home));
    let (home, mut app) = demo();
    loading(&mut app);
    out.push(("loading", app, home));
    for step in Step::ALL {
        let (home, mut app) = demo_with_plan();
        app.go(step);
        out.push((step.name(), app, home));
    }
    let (home, mut app) = demo_with_plan();
    ch(&mut app, '?');
    out.push(("help", app, home));
    let (home, mut app) = demo_with_plan();
    ch(&mut app, 'W');
    out.push(("prompt", app, home));
    let (home, mut app) = demo_with_plan();
    app.go(Step::Objective);
    ch(&mut app, 'D');
    out.push(("confirm", app, home));
    let (home, mut app) = demo_with_plan();
    app.go(Step::Charts);
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Enter);
    out.push(("post detail", app, home));
    let (home, mut app) = demo_with_plan();
    app.go(Step::Objective);
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Enter);
    out.push(("editing", app, home));
    for (_, app, _) in &out {
        assert!(!app.ui.quit);
    }
    out
}

/// The text of the "too small" message without its spaces (wrapping moves them).
fn squeezed(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn every_screen_at_every_tiny_size() {
    for (name, app, _home) in states() {
        for w in 0..=20u16 {
            for h in 0..=6u16 {
                let shown = text(&draw(&app, w, h), true);
                let want = squeezed(&format!(
                    "terminal too small ({w}x{h}), need at least {MIN_WIDTH}x{MIN_HEIGHT}"
                ));
                let got = squeezed(&shown);
                assert!(
                    want.starts_with(&got),
                    "{name} at {w}x{h}: {shown:?} is not the start of the too-small message"
                );
                if w >= 5 && h >= 1 {
                    assert!(got.starts_with("termi"), "{name} at {w}x{h}: {shown:?}");
                }
                if w as usize * h as usize >= 60 {
                    assert!(
                        got.contains(&squeezed(&format!("({w}x{h})"))),
                        "{name} at {w}x{h}: the size is said: {shown:?}"
                    );
                }
            }
        }
    }
}

#[test]
fn every_screen_at_odd_sizes() {
    for (name, app, _home) in states() {
        for (w, h) in [(1, 100), (200, 3), (59, 15), (59, 16), (60, 15)] {
            let shown = text(&draw(&app, w, h), true);
            assert!(
                squeezed(&shown).starts_with("termi"),
                "{name} at {w}x{h}: {shown}"
            );
        }
        let at_least = format!("need at least {MIN_WIDTH}x{MIN_HEIGHT}");
        assert!(text(&draw(&app, 59, 15), true).contains(&at_least));
        for (w, h) in [
            (60, 16),
            (61, 17),
            (60, 100),
            (300, 16),
            (97, 31),
            (1000, 60),
        ] {
            let shown = text(&draw(&app, w, h), true);
            assert!(!shown.contains("terminal too small"), "{name} at {w}x{h}");
            assert!(
                shown.lines().next().unwrap().contains("engage"),
                "{name} at {w}x{h}: the top bar:\n{shown}"
            );
            assert_eq!(shown.lines().count(), h as usize);
        }
    }
}

/// Indonesian runs longer: every screen, and every lens, draws in `id` at the smallest size
/// the app takes and at odd ones, without a panic and with its top bar.
#[test]
fn every_screen_in_indonesian_at_small_and_odd_sizes() {
    use engage::i18n::{Lang, with_lang};
    with_lang(Lang::Id, || {
        let check = |name: &str, app: &App| {
            for (w, h) in [(60, 16), (61, 17), (72, 20), (80, 24), (97, 31), (300, 16)] {
                let shown = text(&draw(app, w, h), true);
                assert!(
                    shown.lines().next().unwrap().contains("engage"),
                    "{name} at {w}x{h}:\n{shown}"
                );
                assert_eq!(shown.lines().count(), h as usize, "{name} at {w}x{h}");
            }
            let small = text(&draw(app, 40, 10), true);
            assert!(
                !small.contains("engage │"),
                "{name}: too small in id:\n{small}"
            );
        };
        for (name, app, _home) in states() {
            check(name, &app);
        }
        let (_home, mut app) = demo_with_plan();
        app.go(Step::Charts);
        press(&mut app, KeyCode::Tab);
        for i in 0..6 {
            ch(&mut app, 'v');
            check(&format!("lens {i}"), &app);
        }
        // Visits by source, the widest lens table.
        while app.ui.charts.dim != engage::analysis::dims::Dim::Source {
            ch(&mut app, 'b');
        }
        check("visits by source", &app);
    });
}

// ---------------------------------------------------------------------------------------
// Without colour

/// The row of the first line containing `needle`, and the column where it starts.
fn find(buf: &Buffer, needle: &str) -> Option<(u16, u16)> {
    (0..buf.area.height).find_map(|y| {
        let line = row(buf, y);
        line.find(needle)
            .map(|i| (y, line[..i].chars().count() as u16))
    })
}

fn emphasised(buf: &Buffer, at: (u16, u16)) -> bool {
    let m = buf[(at.1, at.0)].modifier;
    m.contains(Modifier::REVERSED) || m.contains(Modifier::BOLD)
}

/// The selected row (`selected`) is drawn reversed or bold, and an unselected row
/// (`other`) is not, with no colour anywhere.
fn check_selection(app: &App, what: &str, selected: &str, other: &str) {
    let buf = draw(app, 120, 40);
    let shown = text(&buf, true);
    let at = find(&buf, selected).unwrap_or_else(|| panic!("{what}: no {selected:?}\n{shown}"));
    assert!(
        emphasised(&buf, at),
        "{what}: the selected row {selected:?} is not reversed or bold:\n{shown}"
    );
    let at_other = find(&buf, other).unwrap_or_else(|| panic!("{what}: no {other:?}\n{shown}"));
    assert_ne!(at, at_other);
    assert!(
        !emphasised(&buf, at_other),
        "{what}: the unselected row {other:?} looks selected"
    );
    for cell in buf.content() {
        assert!(
            matches!(cell.fg, Color::Reset) && matches!(cell.bg, Color::Reset),
            "{what}: a colour without colour: {cell:?}"
        );
    }
}

#[test]
fn without_colour_the_selection_stays_visible() {
    let (_home, mut app) = demo_with_plan();
    app.ui.theme = Theme::plain();
    assert_eq!(
        Theme::new(engage::tui::theme::ThemeName::Dark, true),
        Theme::plain()
    );

    app.go(Step::Data);
    check_selection(&app, "data: files", "bundled demo (Kabar Kini)", "file ");
    press(&mut app, KeyCode::Tab);
    check_selection(&app, "data: accounts", "fb ", "ig ");
    ch(&mut app, 'j');
    check_selection(&app, "data: accounts", "ig ", "fb ");

    app.go(Step::Objective);
    press(&mut app, KeyCode::Home);
    ch(&mut app, 'j');
    check_selection(
        &app,
        "objective: list",
        "Engagement / community",
        "Advocacy",
    );
    press(&mut app, KeyCode::Tab);
    ch(&mut app, 'j');
    check_selection(&app, "objective: editor", "objective ", "name ");

    app.go(Step::Metrics);
    press(&mut app, KeyCode::Home);
    check_selection(&app, "metrics", "● Reach rate", "● Total reach");

    app.go(Step::Charts);
    check_selection(&app, "charts: cards", "Reach rate ━", "Total reach ─");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    let store = app.model.data.store.clone().unwrap();
    let first = engage::tui::sanitize::line(store.posts.text.get(app.ui.charts.rows[0] as usize));
    let second = engage::tui::sanitize::line(store.posts.text.get(app.ui.charts.rows[1] as usize));
    let cut = |s: &str| s.chars().take(12).collect::<String>();
    check_selection(&app, "charts: posts", &cut(&first), &cut(&second));

    app.go(Step::Review);
    check_selection(&app, "review", "Reach rate ", "Total reach ");

    // The current step in the top bar.
    let buf = draw(&app, 120, 40);
    let at = find(&buf, " 5 Review ").unwrap();
    assert_eq!(at.0, 0);
    assert!(emphasised(&buf, (0, at.1 + 1)));
}

/// Text is fitted by its width on the terminal, not by its characters: a Japanese file name
/// keeps its date and extension in the Data step, and a title with CJK and emoji is cut on a
/// column boundary, at 120x40 and 80x24.
#[test]
fn wide_characters_are_fitted_by_their_width() {
    let home = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut paths = Vec::new();
    for month in ["2026-09-30", "2026-10-31"] {
        let path = dir.path().join(format!(
            "ソーシャルメディア分析エクスポート_週次レポート_{month}.json"
        ));
        std::fs::write(
            &path,
            format!(
                r#"{{"format":"engage-snapshot","version":1,
                "title":"東京ニュース 📰 ソーシャル分析 🇯🇵 レポート {month}",
                "accounts":[{{"id":"tokyo","platform":"x","handle":"@東京ニュース"}}],
                "posts":[{{"id":"{month}","account":"tokyo","published_at":"{month}T09:00:00+09:00",
                  "format":"text","text":"速報 🚨 東京で大雨 ☔ 注意してください","likes":10}}]}}"#
            ),
        )
        .unwrap();
        paths.push(path);
    }
    let mut app = engage::tui::prepare(&Options {
        paths: paths.clone(),
        fresh: true,
        home: Some(home.path().into()),
        import: Default::default(),
    })
    .unwrap();
    app.ui.theme = Theme::dark();
    let source = app.load_request.take().unwrap();
    let result = engage::tui::load_now(source, &Default::default(), &LoadControl::default());
    app.update(Msg::Loaded(Box::new(result)));
    for (w, h) in [(120, 40), (80, 24)] {
        let buf = draw(&app, w, h);
        let shown = text(&buf, true);
        for month in ["2026-09-30.json", "2026-10-31.json"] {
            assert!(shown.contains(month), "{w}x{h}: {month} kept\n{shown}");
        }
        // Every row is exactly as wide as the screen: nothing pushed past the edge.
        for y in 0..h {
            let line = row(&buf, y);
            assert_eq!(
                ratatui::text::Line::from(line.clone()).width(),
                w as usize,
                "{w}x{h} row {y}: {line}"
            );
        }
        let dir_shown = dir.path().display().to_string();
        insta::assert_snapshot!(
            format!("wide_characters_{w}x{h}"),
            shown.replace(&dir_shown, "TMP")
        );
    }
}

/// Every lens at 80x24 without colour: the heatmap by glyph density, tables and lists that
/// fit the width, and not one coloured cell.
#[test]
fn every_lens_at_80x24_without_colour() {
    let (home, mut app) = demo_with_plan();
    let home = home.path();
    app.ui.theme = Theme::plain();
    app.go(Step::Charts);
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.focus(), 1, "the chart pane");
    for name in [
        "breakdown",
        "best_time",
        "breakouts",
        "followers",
        "content",
    ] {
        ch(&mut app, 'v');
        assert!(
            app.model.lens.answer().is_some(),
            "{name}: the lens answered"
        );
        let buf = draw(&app, 80, 24);
        for cell in buf.content() {
            assert!(
                matches!(cell.fg, Color::Reset) && matches!(cell.bg, Color::Reset),
                "{name}: a colour without colour: {cell:?}"
            );
        }
        insta::assert_snapshot!(
            format!("lens_{name}_80x24_plain"),
            screen(&app, home, 80, 24)
        );
    }
    // Best time draws its cells by glyph density.
    ch(&mut app, 'v');
    assert_eq!(app.ui.charts.lens, engage::tui::lens::LensKind::Time);
}

/// Every step in Bahasa Indonesia (`--lang id`) at 120x40 and 80x24: the step names, keys,
/// hints and help translated so far (issue 15 is under way: the snapshots show what remains
/// English).
#[test]
fn every_step_in_indonesian() {
    use engage::i18n::{Lang, with_lang};
    with_lang(Lang::Id, || {
        let (home, mut app) = demo_with_plan();
        let home = home.path();
        for (w, h) in [(120, 40), (80, 24)] {
            for step in Step::ALL {
                app.go(step);
                let shown = screen(&app, home, w, h);
                insta::assert_snapshot!(format!("id_step{}_{w}x{h}", step.number()), shown.clone());
                let top = shown.lines().next().unwrap_or_default();
                for name in ["Tujuan", "Metrik", "Grafik"] {
                    assert!(top.contains(&name[..3]), "{name} in {top}");
                }
                let bottom = shown.lines().last().unwrap_or_default();
                assert!(bottom.contains("bantuan"), "{bottom}");
            }
        }
        ch(&mut app, '?');
        let help = screen(&app, home, 120, 40);
        assert!(help.contains("Bantuan: tombol") && help.contains("langkah 1: data"));
        insta::assert_snapshot!("id_help_120x40", help);
    });
}

/// Two threads count the bytes of one file they read; a dropped second half is read again by
/// the first, so the count can pass the file's size: the pane never says more was read than
/// the files hold, nor more than 100%.
#[test]
fn the_loading_pane_never_reads_past_the_files() {
    let (home, mut app) = demo();
    loading(&mut app);
    if let Some(l) = &app.model.data.loading {
        l.control
            .bytes_read
            .store(9_800_000, std::sync::atomic::Ordering::Relaxed);
    }
    let shown = screen(&app, home.path(), 120, 40);
    assert!(shown.contains("4.9 MB of 4.9 MB read"), "{shown}");
    assert!(shown.contains("100%"), "{shown}");
}
