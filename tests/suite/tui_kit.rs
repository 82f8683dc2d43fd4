//! What the TUI tests share: an app on data as `engage --home HOME --fresh PATHS` builds it
//! (loaded synchronously, dark theme, so `NO_COLOR` and the user's config change nothing),
//! keys as a terminal sends them through `App::update`, and the screen drawn into a buffer.

use std::path::{Path, PathBuf};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use engage::snapshot::LoadControl;
use engage::tui::Options;
use engage::tui::app::{App, Msg};
use engage::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;

/// The app on `paths` (the demo when empty), loaded, writing exports to `exports`.
pub fn open_app(home: &Path, paths: &[PathBuf], exports: &Path) -> App {
    let mut app = engage::tui::prepare(&Options {
        paths: paths.to_vec(),
        fresh: true,
        home: Some(home.to_path_buf()),
        import: Default::default(),
    })
    .expect("prepare");
    app.ui.theme = Theme::dark();
    app.model.export_dir = exports.to_path_buf();
    let source = app.load_request.take().expect("a load was requested");
    let result = engage::tui::load_now(source, &Default::default(), &LoadControl::default());
    app.update(Msg::Loaded(Box::new(result)));
    app
}

pub fn press(app: &mut App, code: KeyCode) {
    app.update(Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    settle(app);
}

/// Runs a lens the app asked for in place (the event loop runs it on a worker).
pub fn settle(app: &mut App) {
    if let Some(job) = app.lens_request.take() {
        app.update(Msg::Lens(Box::new(job.run())));
    }
    if let Some(job) = app.findings_request.take() {
        app.update(Msg::Findings(Box::new(job.run())));
    }
}

/// A character as a terminal sends it (upper case with Shift).
pub fn ch(app: &mut App, c: char) {
    let modifiers = if c.is_uppercase() {
        KeyModifiers::SHIFT
    } else {
        KeyModifiers::NONE
    };
    app.update(Msg::Key(KeyEvent::new(KeyCode::Char(c), modifiers)));
    settle(app);
}

pub fn ctrl(app: &mut App, c: char) {
    app.update(Msg::Key(KeyEvent::new(
        KeyCode::Char(c),
        KeyModifiers::CONTROL,
    )));
}

pub fn typ(app: &mut App, text: &str) {
    for c in text.chars() {
        ch(app, c);
    }
}

/// The screen at `w` x `h`, as drawn.
pub fn draw(app: &App, w: u16, h: u16) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("a test terminal");
    terminal
        .draw(|f| engage::tui::view::render(f, app))
        .expect("a frame");
    terminal.backend().buffer().clone()
}

/// Row `y` as text, wide characters once (their second cell skipped).
pub fn row(buf: &Buffer, y: u16) -> String {
    let mut line = String::new();
    let mut skip = 0;
    for x in 0..buf.area.width {
        if skip > 0 {
            skip -= 1;
            continue;
        }
        let symbol = buf[(x, y)].symbol();
        line.push_str(symbol);
        skip = ratatui::text::Span::raw(symbol).width().saturating_sub(1);
    }
    line
}

/// The buffer as text, one line per row; `trim` drops trailing spaces.
pub fn text(buf: &Buffer, trim: bool) -> String {
    let mut out = String::new();
    for y in 0..buf.area.height {
        let line = row(buf, y);
        out.push_str(if trim { line.trim_end() } else { &line });
        out.push('\n');
    }
    out
}
