//! Untrusted text on screen. A snapshot anyone can craft carries escape sequences in its
//! title, handles, account and post ids, tags, texts and links (OSC 0 retitle, OSC 52
//! clipboard, OSC 8 links, CSI cursor moves and erases, the C1 CSI `\u{9b}`, DEL), bidi
//! overrides, zero-width joiners, emoji with variation selectors and wide CJK text; its file
//! name on disk holds spaces, emoji and (where the file system allows) control characters.
//!
//! Every step, the post detail of every post, the help overlay and prompts are drawn, and:
//! no cell holds a control character (C0, C1, DEL) or a bidi control; the posts table keeps
//! its columns aligned; and the bytes a real `CrosstermBackend` writes hold no OSC, no BEL,
//! no C1, and no escape other than CSI, which a terminal emulator (vt100) confirms: no
//! title, no clipboard, no bell, and the right border of every row where it belongs.

// A test states its expectations with unwrap, expect and panic; production code may not.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};

use crate::tui_kit::{ch, draw, open_app, press, row, text};
use crossterm::event::KeyCode;
use engage::tui::app::{App, Overlay, Step};
use ratatui::backend::CrosstermBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};
use serde_json::json;

const OSC_TITLE: &str = "\u{1b}]0;pwned\u{7}";
const OSC_CLIPBOARD: &str = "\u{1b}]52;c;ZXZpbA==\u{7}";
const OSC_LINK: &str = "\u{1b}]8;;http://evil.example/\u{1b}\\click\u{1b}]8;;\u{1b}\\";
const CSI_MOVES: &str = "\u{1b}[2J\u{1b}[H\u{1b}[10;10H\u{1b}[31m";
const C1_CSI: &str = "\u{9b}31m\u{9b}2J";

/// The texts of the posts: each kind of trouble alone, then all at once.
fn post_texts() -> Vec<String> {
    vec![
        format!("retitle {OSC_TITLE} and clipboard {OSC_CLIPBOARD} done"),
        format!("cursor {CSI_MOVES} moved, C1 {C1_CSI} red, DEL \u{7f} bell \u{7} nul \u{0}"),
        "bidi \u{202e}txet desrever\u{202c} and \u{2066}isolate\u{2069} \u{200f}rlm".to_owned(),
        "family 👨\u{200d}👩\u{200d}👧\u{200d}👦 heart ❤\u{fe0f} sun ☀\u{fe0f} check ✔\u{fe0e} end"
            .to_owned(),
        "日本語のテキストと中文文本和한국어 텍스트 全角ＡＢＣ wide".to_owned(),
        "zero\u{200b}width\u{200d}joiner\u{feff}bom soft\u{ad}hyphen word\u{2060}joiner".to_owned(),
        "tabs\tand\nnew lines\r\nand\rcarriage returns".to_owned(),
        format!("link {OSC_LINK} after"),
        format!(
            "all: {OSC_TITLE}{CSI_MOVES}{C1_CSI}\u{202e}日本😀❤\u{fe0f}👨\u{200d}👩 \u{7f}{OSC_CLIPBOARD}"
        ),
        "😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀"
            .to_owned(),
        "日日日日日日日日日日日日日日日日日日日日日日日日日日日日日日日日日日日日日日日日日日"
            .to_owned(),
        "a日b😀c日d😀e日f😀g日h😀i日j😀k日l😀m日n😀o日p😀q日r😀s日t😀u日v😀w日x😀y日z😀".to_owned(),
        "plain ascii text for comparison".to_owned(),
    ]
}

const FORMATS: [&str; 4] = ["photo", "reel", "video", "link"];

/// The evil snapshot: two accounts whose ids, handles and names carry escapes.
fn evil_snapshot() -> serde_json::Value {
    evil_snapshot_with(post_texts())
}

fn evil_snapshot_with(texts: Vec<String>) -> serde_json::Value {
    let accounts = [
        (
            format!("ig{CSI_MOVES}"),
            "instagram",
            format!("@evil{OSC_TITLE}{C1_CSI}"),
            "Name \u{202e}desrever\u{202c} 😀",
        ),
        (
            "日本".to_owned(),
            "youtube",
            "@日本語チャンネル❤\u{fe0f}".to_owned(),
            "チャンネル\u{200d}名",
        ),
    ];
    let tags = [
        format!("promo{CSI_MOVES}"),
        "日本".to_owned(),
        "\u{202e}evil".to_owned(),
        "😀tag\u{fe0f}".to_owned(),
        format!("osc{OSC_CLIPBOARD}"),
    ];
    let mut posts = Vec::new();
    for (i, text) in texts.into_iter().enumerate() {
        let account = &accounts[i % 2].0;
        let id = match i % 4 {
            0 => format!("p{i}{OSC_TITLE}"),
            1 => format!("日本語{i}"),
            2 => format!("😀{i}\u{202e}"),
            _ => format!("p{i}{C1_CSI}\u{7f}"),
        };
        posts.push(json!({
            "id": id,
            "account": account,
            "published_at": format!("2026-10-{:02}T1{}:00:00+07:00", 10 + i, i % 10),
            "format": FORMATS[i % 4],
            "text": text,
            "url": format!("https://evil.example/{i}{OSC_TITLE}{OSC_LINK}"),
            "tags": [tags[i % tags.len()].clone(), tags[(i + 2) % tags.len()].clone()],
            "likes": 100 + i * 37,
            "comments": 3 + i,
            "shares": 2 * i,
            "saves": i,
            "reach": 2000 + i * 500,
            "views": 4000 + i * 300,
        }));
    }
    let mut daily = Vec::new();
    for (id, ..) in &accounts {
        for d in 1..=31 {
            daily.push(json!({
                "account": id,
                "date": format!("2026-10-{d:02}"),
                "followers": 10_000 + d * 10,
                "follows": 12,
            }));
        }
    }
    json!({
        "format": "engage-snapshot",
        "version": 1,
        "title": format!("Evil {OSC_TITLE}{OSC_CLIPBOARD} news \u{202e}gnp.exe {CSI_MOVES}日本 😀"),
        "exported_at": "2026-11-01T06:00:00+07:00",
        "utc_offset": "+07:00",
        "accounts": accounts.iter().map(|(id, platform, handle, name)| json!({
            "id": id, "platform": platform, "handle": handle, "name": name
        })).collect::<Vec<_>>(),
        "posts": posts,
        "daily": daily,
    })
}

/// An invalid snapshot whose errors quote its evil values back.
fn evil_invalid() -> serde_json::Value {
    json!({
        "format": "engage-snapshot",
        "version": 1,
        "title": format!("bad {OSC_TITLE}"),
        "accounts": [{"id": "ok", "platform": "instagram"}],
        "posts": [{
            "id": format!("x{OSC_CLIPBOARD}"),
            "account": format!("nope{OSC_TITLE}\u{202e}"),
            "published_at": format!("2026-10-01{CSI_MOVES}"),
            "format": format!("reel{C1_CSI}"),
        }],
    })
}

/// Writes `value` to a file in `dir` whose name holds spaces, emoji, and control characters
/// when the file system takes them.
fn write_oddly_named(dir: &Path, stem: &str, value: &serde_json::Value) -> PathBuf {
    let bytes = serde_json::to_vec_pretty(value).unwrap();
    let with_controls = dir.join(format!("{stem} 😈 \u{1b}]0;pwned\u{7} \u{202e}nosj.json"));
    if std::fs::write(&with_controls, &bytes).is_ok() {
        return with_controls;
    }
    let plain = dir.join(format!("{stem} 😈 snap \u{202e}nosj.json"));
    std::fs::write(&plain, &bytes).unwrap();
    plain
}

struct Fixture {
    _dir: tempfile::TempDir,
    home: tempfile::TempDir,
    good: PathBuf,
    bad: PathBuf,
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    let good = write_oddly_named(dir.path(), "evil", &evil_snapshot());
    let bad = write_oddly_named(dir.path(), "broken", &evil_invalid());
    Fixture {
        _dir: dir,
        home,
        good,
        bad,
    }
}

fn open(home: &Path, paths: &[PathBuf]) -> App {
    open_app(home, paths, home)
}

/// What a terminal must never be sent as text.
fn forbidden(c: char) -> bool {
    c.is_control() // C0, DEL, C1
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}')
}

/// Characters a terminal and ratatui may disagree on the width of (the sanitiser drops them).
fn width_ambiguous(c: char) -> bool {
    matches!(c, '\u{200b}'..='\u{200d}' | '\u{fe00}'..='\u{fe0f}' | '\u{2060}' | '\u{feff}')
}

/// No cell of `buf` holds a control character, a bidi control or a width-ambiguous mark.
fn assert_clean(buf: &Buffer, what: &str) {
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            let s = buf[(x, y)].symbol();
            assert!(
                !s.chars().any(forbidden),
                "{what}: cell ({x},{y}) holds {s:?}\n{}",
                text(buf, false)
            );
            assert!(
                !s.chars().any(width_ambiguous),
                "{what}: cell ({x},{y}) holds the width-ambiguous {s:?}"
            );
        }
    }
}

/// A writer whose bytes the test keeps (the backend's own accessor is unstable API).
#[derive(Clone, Default)]
struct Shared(std::rc::Rc<std::cell::RefCell<Vec<u8>>>);

impl std::io::Write for Shared {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The bytes a real terminal backend writes for one frame of `app` at `w`x`h`.
fn crossterm_bytes(app: &App, w: u16, h: u16) -> Vec<u8> {
    let out = Shared::default();
    let mut terminal = Terminal::with_options(
        CrosstermBackend::new(out.clone()),
        TerminalOptions {
            viewport: Viewport::Fixed(Rect::new(0, 0, w, h)),
        },
    )
    .unwrap();
    terminal
        .draw(|f| engage::tui::view::render(f, app))
        .unwrap();
    drop(terminal);
    out.0.borrow().clone()
}

/// Checks the bytes: escapes only as CSI (colours, cursor moves), no OSC, no BEL, no C1,
/// no DEL, no bidi controls.
fn assert_bytes_clean(bytes: &[u8], what: &str) {
    let s = std::str::from_utf8(bytes).unwrap_or_else(|e| panic!("{what}: not UTF-8: {e}"));
    assert!(!s.contains("\u{1b}]"), "{what}: an OSC sequence");
    assert!(!bytes.contains(&0x07), "{what}: a BEL");
    for (i, c) in s.char_indices() {
        match c {
            '\u{1b}' => assert!(
                s[i + 1..].starts_with('['),
                "{what}: an escape that is not CSI at byte {i}: {:?}",
                &s[i..(i + 12).min(s.len())]
            ),
            '\r' | '\n' => {}
            c => assert!(!forbidden(c), "{what}: {c:?} at byte {i}"),
        }
    }
}

/// Records what a terminal would do beyond drawing.
#[derive(Default)]
struct Effects(Vec<String>);

impl vt100::Callbacks for Effects {
    fn audible_bell(&mut self, _: &mut vt100::Screen) {
        self.0.push("bell".into());
    }
    fn visual_bell(&mut self, _: &mut vt100::Screen) {
        self.0.push("visual bell".into());
    }
    fn resize(&mut self, _: &mut vt100::Screen, r: (u16, u16)) {
        self.0.push(format!("resize {r:?}"));
    }
    fn set_window_icon_name(&mut self, _: &mut vt100::Screen, n: &[u8]) {
        self.0.push(format!("icon name {n:?}"));
    }
    fn set_window_title(&mut self, _: &mut vt100::Screen, t: &[u8]) {
        self.0.push(format!("title {t:?}"));
    }
    fn copy_to_clipboard(&mut self, _: &mut vt100::Screen, _: &[u8], d: &[u8]) {
        self.0.push(format!("clipboard {d:?}"));
    }
    fn paste_from_clipboard(&mut self, _: &mut vt100::Screen, _: &[u8]) {
        self.0.push("paste".into());
    }
    fn unhandled_osc(&mut self, _: &mut vt100::Screen, p: &[&[u8]]) {
        self.0.push(format!("osc {p:?}"));
    }
    fn unhandled_control(&mut self, _: &mut vt100::Screen, b: u8) {
        self.0.push(format!("control {b:#x}"));
    }
    fn unhandled_escape(&mut self, _: &mut vt100::Screen, _: Option<u8>, _: Option<u8>, b: u8) {
        self.0.push(format!("escape {b:#x}"));
    }
}

/// Feeds the bytes to a terminal emulator: no side effects, and its screen shows what the
/// test backend holds (so nothing moved the cursor or shifted a row).
fn assert_terminal_agrees(bytes: &[u8], buf: &Buffer, what: &str) {
    let (w, h) = (buf.area.width, buf.area.height);
    let mut parser = vt100::Parser::new_with_callbacks(
        h.try_into().unwrap(),
        w.try_into().unwrap(),
        0,
        Effects::default(),
    );
    parser.process(bytes);
    assert!(
        parser.callbacks().0.is_empty(),
        "{what}: {:?}",
        parser.callbacks().0
    );
    let screen = parser.screen();
    for y in 0..h {
        for x in 0..w {
            let cell = screen.cell(y, x).unwrap();
            if cell.is_wide_continuation() {
                continue;
            }
            let want = buf[(x, y)].symbol();
            let got = if cell.has_contents() {
                cell.contents()
            } else {
                " "
            };
            assert_eq!(
                got,
                want,
                "{what}: the terminal shows {got:?} at ({x},{y}) where the app drew {want:?}\nterminal:\n{}\napp:\n{}",
                screen.contents(),
                text(buf, false)
            );
        }
    }
}

/// Draws `app` at `w`x`h` through both backends and checks everything.
fn check(app: &App, w: u16, h: u16, what: &str) -> String {
    let what = format!("{what} at {w}x{h}");
    let buf = draw(app, w, h);
    assert_clean(&buf, &what);
    let bytes = crossterm_bytes(app, w, h);
    assert_bytes_clean(&bytes, &what);
    assert_terminal_agrees(&bytes, &buf, &what);
    text(&buf, false)
}

const SIZES: [(u16, u16); 4] = [(120, 40), (80, 24), (200, 60), (61, 17)];

#[test]
fn the_evil_file_loads_and_says_what_it_holds() {
    let f = fixture();
    let app = open(f.home.path(), std::slice::from_ref(&f.good));
    assert_eq!(app.model.data.files.len(), 1);
    assert!(
        app.model.data.files[0].is_valid(),
        "{:?}",
        app.model.data.files[0].findings
    );
    let store = app.model.data.store.as_ref().unwrap();
    assert_eq!(store.posts.len(), post_texts().len());
    assert!(store.title.as_deref().unwrap().contains(OSC_TITLE));
    // The escapes are shown, visibly.
    let shown = check(&app, 200, 40, "step 1");
    assert!(shown.contains("Evil \\u{1b}]0;pwned\\u{7}"), "{shown}");
    assert!(
        shown.contains("\\u{202e}nosj.json"),
        "the file name: {shown}"
    );
    assert!(shown.contains("ig\\u{1b}[2J"), "{shown}");
}

#[test]
fn every_screen_is_clean() {
    let f = fixture();
    let mut app = open(f.home.path(), &[f.good.clone(), f.bad.clone()]);
    assert!(app.model.data.store.is_some());
    assert!(!app.model.data.files[1].is_valid());
    for (w, h) in SIZES {
        check(&app, w, h, "data");
    }
    // The findings pane and the files pane, focused.
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    let shown = check(&app, 200, 60, "data findings");
    assert!(shown.contains("nope\\u{1b}]0;pwned"), "{shown}");

    // A plan whose segment names the evil account and tag, with a bidi name.
    ch(&mut app, '2');
    press(&mut app, KeyCode::Enter);
    ch(&mut app, 'y');
    assert!(app.model.plan.is_some());
    ch(&mut app, 'R');
    for c in "x\u{202e}y 😀".chars() {
        ch(&mut app, c);
    }
    press(&mut app, KeyCode::Enter);
    assert!(
        app.model
            .plan
            .as_ref()
            .unwrap()
            .plan
            .name
            .contains('\u{202e}'),
        "{:?}",
        app.ui.message
    );
    let rows = engage::tui::steps::objective::rows(&app.model);
    for (i, row) in rows.iter().enumerate() {
        use engage::tui::steps::objective::Row;
        if matches!(row, Row::Account(_) | Row::Tag(_)) && i % 2 == 0 {
            app.ui.objective.editor_cursor = i;
            ch(&mut app, ' ');
        }
    }
    assert!(!app.model.plan.as_ref().unwrap().plan.segment.is_all());
    for (w, h) in SIZES {
        app.ui.pane[1] = 0;
        check(&app, w, h, "objective list");
        app.ui.pane[1] = 1;
        check(&app, w, h, "objective editor");
    }
    // Back to every post, then the other steps.
    let segment = engage::measure::Segment::default();
    app.model.plan.as_mut().unwrap().plan.segment = segment;
    app.refresh();
    for step in [Step::Metrics, Step::Charts, Step::Review] {
        app.go(step);
        for (w, h) in SIZES {
            check(&app, w, h, step.name());
        }
    }
    // Charts with one series per account (legend names are account ids).
    app.go(Step::Charts);
    ch(&mut app, 'w');
    ch(&mut app, 'a');
    for (w, h) in SIZES {
        check(&app, w, h, "charts per account");
    }
    // The top bar and messages carry the title and the plan's name.
    ch(&mut app, '/');
    for c in "\u{202e}日😀".chars() {
        ch(&mut app, c);
    }
    check(&app, 120, 40, "filter prompt");
    press(&mut app, KeyCode::Esc);
    ch(&mut app, '?');
    for c in "\u{202e}q".chars() {
        ch(&mut app, c);
    }
    assert!(matches!(app.ui.overlay, Some(Overlay::Help { .. })));
    check(&app, 120, 40, "help");
    press(&mut app, KeyCode::Esc);
}

#[test]
fn every_post_detail_is_clean() {
    let f = fixture();
    let mut app = open(f.home.path(), std::slice::from_ref(&f.good));
    ch(&mut app, '2');
    press(&mut app, KeyCode::Enter);
    ch(&mut app, 'y');
    ch(&mut app, '4');
    ch(&mut app, 'w'); // 90 days: every post
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.ui.charts.rows.len(), post_texts().len());
    for i in 0..app.ui.charts.rows.len() {
        press(&mut app, KeyCode::Home);
        for _ in 0..i {
            ch(&mut app, 'j');
        }
        press(&mut app, KeyCode::Enter);
        let Some(Overlay::PostDetail { row, .. }) = app.ui.overlay else {
            panic!("post {i}: {:?}", app.ui.overlay);
        };
        for (w, h) in [(120, 40), (80, 24)] {
            let shown = check(&app, w, h, &format!("post {row}"));
            assert!(shown.contains("Post (esc closes)"));
        }
        // Scrolled to the text.
        for _ in 0..12 {
            ch(&mut app, 'j');
        }
        check(&app, 80, 24, &format!("post {row} scrolled"));
        press(&mut app, KeyCode::Esc);
    }
}

#[test]
fn the_posts_table_stays_aligned() {
    let f = fixture();
    let mut app = open(f.home.path(), std::slice::from_ref(&f.good));
    assert_table_aligned(&mut app, post_texts().len());
}

/// In step 4 over every post, for every sort order and a few widths: one row per post, the
/// text column and the right border at the same x on every row, each row as wide as the
/// screen when its characters are counted one by one (as terminals using `wcwidth` do), and
/// a terminal emulator showing exactly what the app drew.
fn assert_table_aligned(app: &mut App, n: usize) {
    ch(app, '4');
    ch(app, 'w');
    assert_eq!(app.ui.charts.rows.len(), n);
    for sort in 0..10 {
        for (w, h) in [(120, 40), (200, 40), (97, 30)] {
            let what = format!("posts sorted {sort} at {w}x{h}");
            let buf = draw(app, w, h);
            let shown = text(&buf, false);
            let header = (0..h)
                .find(|y| row(&buf, *y).contains("published"))
                .unwrap_or_else(|| panic!("{what}: no table\n{shown}"));
            let n = n as u16;
            assert!(
                row(&buf, header + n + 1)
                    .trim_matches(|c| c == '│' || c == '┃' || c == ' ')
                    .chars()
                    .all(|c| "─━└┘┗┛".contains(c)),
                "{what}: one row per post\n{shown}"
            );
            let text_x = text_column(&buf, header);
            for y in header + 1..=header + n {
                let line = row(&buf, y);
                assert!(
                    matches!(buf[(w - 1, y)].symbol(), "│" | "┃"),
                    "{what}: row {y}: {line:?}"
                );
                assert_eq!(buf[(text_x - 1, y)].symbol(), " ", "{what}: row {y}");
                let width: usize = line
                    .chars()
                    .map(|c| ratatui::text::Span::raw(c.to_string()).width())
                    .sum();
                assert_eq!(width, w as usize, "{what}: row {y}: {line:?}");
            }
            let bytes = crossterm_bytes(app, w, h);
            assert_terminal_agrees(&bytes, &buf, &what);
        }
        ch(app, 's');
    }
}

/// Emoji modifiers (skin tones, U+1F3FB..U+1F3FF) form one 2-cell grapheme for ratatui, but
/// terminals that size characters one by one (`wcwidth`: xterm, and the test's count) draw
/// 4 cells, pushing the rest of the row right. The sanitiser drops variation selectors and
/// joiners for this reason; modifiers need the same.
#[test]
fn emoji_modifiers_keep_the_table_aligned() {
    let dir = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    let texts = vec!["skin 👍🏽 tones 👋🏿 here".to_owned(), "plain".to_owned()];
    let file = dir.path().join("skin.json");
    std::fs::write(&file, evil_snapshot_with(texts).to_string()).unwrap();
    let mut app = open(home.path(), &[file]);
    assert_table_aligned(&mut app, 2);
}

/// The x where the header's "text" column title starts.
fn text_column(buf: &Buffer, header: u16) -> u16 {
    (0..buf.area.width)
        .find(|x| (0..4).all(|i| buf[(x + i, header)].symbol() == &"text"[i as usize..=i as usize]))
        .expect("a text column")
}

/// The plans list names a file it cannot read by its file name, unsanitised: a bidi
/// override in the name reaches the terminal (ratatui drops C0/C1 itself, not bidi).
#[test]
fn unreadable_plan_files_are_named_safely() {
    let f = fixture();
    let plans = f.home.path().join("plans");
    std::fs::create_dir_all(&plans).unwrap();
    std::fs::write(plans.join("bad \u{202e}nosj.json"), b"{ not json").unwrap();
    let mut app = open(f.home.path(), std::slice::from_ref(&f.good));
    ch(&mut app, '2');
    assert_eq!(app.model.listing.bad.len(), 1);
    press(&mut app, KeyCode::End);
    press(&mut app, KeyCode::Enter);
    check(&app, 120, 40, "unreadable plan");
}

/// The checks themselves catch what they look for (ratatui already drops C0/C1 from text, so
/// the screens above cannot show that they would).
#[test]
fn the_checks_catch_escapes() {
    let fails = |f: &dyn Fn()| std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).is_err();
    assert!(fails(&|| assert_bytes_clean(b"ok \x1b]0;pwned\x07", "osc")));
    assert!(fails(&|| assert_bytes_clean(b"ok \x07", "bel")));
    assert!(fails(&|| assert_bytes_clean(
        "ok \u{9b}2J".as_bytes(),
        "c1"
    )));
    assert!(fails(&|| assert_bytes_clean(b"ok \x1bP", "dcs")));
    assert!(fails(&|| assert_bytes_clean("\u{202e}".as_bytes(), "bidi")));
    assert_bytes_clean(b"\x1b[31mred\x1b[0m\x1b[2;3H", "csi");
    for bad in [
        "\u{1b}", "\u{7f}", "\u{9b}", "\u{202e}", "\u{2067}", "\u{200d}", "\u{fe0f}",
    ] {
        let mut buf = Buffer::empty(Rect::new(0, 0, 3, 1));
        buf[(1, 0)].set_symbol(bad);
        assert!(fails(&|| assert_clean(&buf, "cell")), "{bad:?}");
    }
    let mut buf = Buffer::empty(Rect::new(0, 0, 3, 1));
    buf[(1, 0)].set_symbol("日");
    assert_clean(&buf, "wide");
    // A terminal that disagrees with the buffer is caught.
    let mut buf = Buffer::empty(Rect::new(0, 0, 4, 1));
    buf[(0, 0)].set_symbol("a");
    assert!(fails(&|| assert_terminal_agrees(b"b", &buf, "differs")));
    assert!(fails(&|| assert_terminal_agrees(b"a\x07", &buf, "bell")));
    assert_terminal_agrees(b"a", &buf, "same");
}

/// Two accounts whose ids look alike, "café" precomposed and "café" decomposed (e + U+0301),
/// are two lines that read differently in the Data step and in the segment list (issue 12).
#[test]
fn look_alike_names_read_differently() {
    let home = tempfile::tempdir().unwrap();
    let snapshot = json!({
        "format": "engage-snapshot",
        "version": 1,
        "utc_offset": "+07:00",
        "accounts": [
            {"id": "caf\u{e9}", "platform": "instagram", "handle": "@caf\u{e9}"},
            {"id": "cafe\u{301}", "platform": "x", "handle": "@cafe\u{301}"},
        ],
        "posts": [
            {"id": "a", "account": "caf\u{e9}", "published_at": "2026-10-10T10:00:00+07:00", "format": "photo", "likes": 1},
            {"id": "b", "account": "cafe\u{301}", "published_at": "2026-10-11T10:00:00+07:00", "format": "text", "likes": 2},
        ],
    });
    let path = home.path().join("lookalike.json");
    std::fs::write(&path, serde_json::to_vec(&snapshot).unwrap()).unwrap();
    let app = open(home.path(), &[path]);
    let shown = crate::tui_kit::text(&crate::tui_kit::draw(&app, 120, 40), true);
    assert!(shown.contains("@café"), "{shown}");
    assert!(shown.contains("@cafe\\u{301}"), "{shown}");
    assert!(shown.contains("cafe\\u{301} "), "the id too: {shown}");
}
