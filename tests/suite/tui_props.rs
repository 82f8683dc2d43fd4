//! Random key streams into the TUI: every bound key, printable characters (ASCII and not),
//! Enter/Esc/Tab/arrows/PgUp/PgDn/Home/End/Backspace/Delete, F-keys, Ctrl- and Alt-letters
//! (Ctrl-C aside), resizes to random sizes (tiny ones and 0 included) followed by a draw,
//! and loads finishing at random points. After every few keys the screen is drawn.
//!
//! Properties: nothing panics; the app's indices stay within what they index; the plan in
//! use is on disk; and the stream never ends in a state Esc cannot leave: one Esc closes any
//! overlay or field being edited (once a load in progress has finished).
//!
//! 32 streams of up to 60 keys by default; `PROPTEST_CASES` changes the number of streams.

// A test states its expectations with unwrap, expect and panic; production code may not.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use engage::snapshot::LoadControl;
use engage::snapshot::load::Source;
use engage::tui::Options;
use engage::tui::app::{App, Loading, Msg};
use engage::tui::keymap::Keymap;
use engage::tui::theme::Theme;
use proptest::prelude::*;
use proptest::sample::select;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(32);
    ProptestConfig {
        cases,
        // Failures print the shrunk stream; no files are written into tests/.
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

#[derive(Clone, Debug)]
enum Op {
    Key(KeyEvent),
    /// The terminal resized: `Msg::Resize`, then a draw at the new size.
    Resize(u16, u16),
    /// A load in progress (if any) finishes.
    Deliver,
}

fn event(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
    KeyEvent::new(code, modifiers)
}

/// Every key of the default keymap, as a terminal sends it (Ctrl-C left out: it quits).
fn bound_keys() -> Vec<KeyEvent> {
    let mut out = Vec::new();
    for b in Keymap::default().bindings {
        for k in b.keys {
            if k.ctrl && k.code == KeyCode::Char('c') {
                continue;
            }
            let mut m = KeyModifiers::NONE;
            if k.ctrl {
                m |= KeyModifiers::CONTROL;
            }
            if k.alt {
                m |= KeyModifiers::ALT;
            }
            if matches!(k.code, KeyCode::Char(c) if c.is_uppercase()) {
                m |= KeyModifiers::SHIFT;
            }
            out.push(event(k.code, m));
        }
    }
    out
}

fn key() -> impl Strategy<Value = KeyEvent> {
    let specials = [
        KeyCode::Enter,
        KeyCode::Esc,
        KeyCode::Tab,
        KeyCode::BackTab,
        KeyCode::Up,
        KeyCode::Down,
        KeyCode::Left,
        KeyCode::Right,
        KeyCode::PageUp,
        KeyCode::PageDown,
        KeyCode::Home,
        KeyCode::End,
        KeyCode::Backspace,
        KeyCode::Delete,
        KeyCode::F(1),
    ];
    let odd_chars = [
        'é', '日', '😀', '\u{202e}', '\u{200d}', '\u{fe0f}', '\u{7f}', '\u{9b}', '\u{1b}', '\t',
    ];
    prop_oneof![
        6 => select(bound_keys()),
        3 => (0x20u8..0x7f).prop_map(|c| event(KeyCode::Char(c as char), KeyModifiers::NONE)),
        1 => select(odd_chars.to_vec()).prop_map(|c| event(KeyCode::Char(c), KeyModifiers::NONE)),
        3 => select(specials.to_vec()).prop_map(|c| event(c, KeyModifiers::NONE)),
        1 => (b'a'..=b'z')
            .prop_filter("Ctrl-C quits", |c| *c != b'c')
            .prop_map(|c| event(KeyCode::Char(c as char), KeyModifiers::CONTROL)),
        1 => (b'a'..=b'z').prop_map(|c| event(KeyCode::Char(c as char), KeyModifiers::ALT)),
        1 => (2u8..=12).prop_map(|n| event(KeyCode::F(n), KeyModifiers::NONE)),
    ]
}

fn size() -> impl Strategy<Value = (u16, u16)> {
    prop_oneof![
        2 => (0u16..=8, 0u16..=8),
        1 => (55u16..=65, 12u16..=20),
        2 => (60u16..=240, 16u16..=80),
        1 => (0u16..=400, 0u16..=120),
    ]
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        40 => key().prop_map(Op::Key),
        2 => size().prop_map(|(w, h)| Op::Resize(w, h)),
        2 => Just(Op::Deliver),
    ]
}

struct Run {
    app: App,
    _home: tempfile::TempDir,
    terminal: Terminal<TestBackend>,
    pending: Option<(Source, LoadControl)>,
    keys: usize,
}

impl Run {
    fn new() -> Run {
        let home = tempfile::tempdir().unwrap();
        let mut app = engage::tui::prepare(&Options {
            paths: vec![],
            fresh: true,
            home: Some(home.path().into()),
            import: Default::default(),
        })
        .unwrap();
        app.ui.theme = Theme::dark();
        app.model.export_dir = home.path().join("exports");
        std::fs::create_dir_all(&app.model.export_dir).unwrap();
        let source = app.load_request.take().unwrap();
        let result = engage::tui::load_now(source, &Default::default(), &LoadControl::default());
        app.update(Msg::Loaded(Box::new(result)));
        Run {
            app,
            _home: home,
            terminal: Terminal::new(TestBackend::new(120, 40)).unwrap(),
            pending: None,
            keys: 0,
        }
    }

    fn draw(&mut self) {
        let app = &self.app;
        self.terminal
            .draw(|f| engage::tui::view::render(f, app))
            .unwrap();
    }

    /// Starts a requested load the way the runtime does, without the thread.
    fn start_requested_load(&mut self) {
        let Some(source) = self.app.load_request.take() else {
            return;
        };
        if let Some((_, previous)) = &self.pending {
            previous
                .cancel
                .store(true, std::sync::atomic::Ordering::Relaxed);
        }
        let control = LoadControl::default();
        self.app.model.data.loading = Some(Loading {
            label: "loading".into(),
            total: 0,
            control: control.clone(),
            started: std::time::Instant::now(),
            elapsed_ms: 1500,
        });
        self.pending = Some((source, control));
    }

    fn deliver(&mut self) {
        let Some((source, control)) = self.pending.take() else {
            return;
        };
        // A path completed by Tab can name any file of the checkout: keep the test quick.
        if let Source::Files(files) = &source {
            let total: u64 = files
                .iter()
                .filter_map(|p| std::fs::metadata(p).ok())
                .map(|m| m.len())
                .sum();
            if total > 8 << 20 {
                control
                    .cancel
                    .store(true, std::sync::atomic::Ordering::Relaxed);
            }
        }
        let result = engage::tui::load_now(source, &Default::default(), &control);
        self.app.update(Msg::Loaded(Box::new(result)));
    }

    fn apply(&mut self, op: &Op) {
        match op {
            Op::Key(k) => {
                self.app.update(Msg::Key(*k));
                // Quitting ends the runtime's loop; the state stays valid, so go on.
                self.app.ui.quit = false;
                self.keys += 1;
                if self.keys.is_multiple_of(3) {
                    self.draw();
                }
            }
            Op::Resize(w, h) => {
                self.terminal.backend_mut().resize(*w, *h);
                self.app.update(Msg::Resize);
                self.draw();
            }
            Op::Deliver => {
                self.deliver();
                // The lens and findings the workers were asked for arrive too.
                crate::tui_kit::settle(&mut self.app);
            }
        }
        self.start_requested_load();
        self.check();
    }

    /// What must hold after every step.
    fn check(&self) {
        let app = &self.app;
        assert!(app.focus() < app.ui.step.panes(), "focus {}", app.focus());
        let rows = app.ui.charts.rows.len();
        assert!(
            app.ui.charts.cursor < rows.max(1),
            "posts cursor {} of {rows}",
            app.ui.charts.cursor
        );
        let cards = app.model.results.cards.len();
        assert!(app.ui.charts.selected < cards.max(1));
        // Every view is reconciled after each update: the scorecard's cursor too.
        assert!(app.ui.review.cursor < cards.max(1));
        if let Some((start, len)) = app.ui.charts.zoom {
            // The chart zoomed: the selected KPI's, or the overview's before a plan.
            let n = match app.model.results.cards.get(app.ui.charts.selected) {
                Some(card) => card.result.series.len(),
                None => app
                    .model
                    .results
                    .overview
                    .first()
                    .and_then(|(_, lines)| lines.first())
                    .map_or(0, |(_, p)| p.len()),
            };
            assert!(start + len <= n && len >= 2, "zoom {start}+{len} of {n}");
        }
        if let Some(plan) = &app.model.plan {
            assert!(
                plan.path.is_file(),
                "the plan in use is on disk: {}",
                plan.path.display()
            );
        }
        assert!(app.load_request.is_none());
    }

    /// The stream is over: a load in progress finishes, then one Esc leaves any overlay
    /// or edit, and the screen still draws at the sizes a terminal has.
    fn finish(&mut self) {
        self.deliver();
        assert!(self.app.model.data.loading.is_none());
        let open = self.app.ui.overlay.is_some() || self.app.ui.objective.editing.is_some();
        self.app
            .update(Msg::Key(event(KeyCode::Esc, KeyModifiers::NONE)));
        assert!(
            self.app.ui.overlay.is_none(),
            "Esc did not close {:?}",
            self.app.ui.overlay
        );
        assert!(
            self.app.ui.objective.editing.is_none(),
            "Esc did not end the edit"
        );
        assert!(!self.app.context().takes_text());
        assert!(!self.app.ui.quit, "Esc never quits");
        if open {
            // Closed: keys work again.
            self.app
                .update(Msg::Key(event(KeyCode::Char('1'), KeyModifiers::NONE)));
            assert_eq!(self.app.ui.step, engage::tui::app::Step::Data);
        }
        for (w, h) in [(120, 40), (80, 24), (1, 1)] {
            self.terminal.backend_mut().resize(w, h);
            self.draw();
        }
        // And Ctrl-C always quits.
        self.app
            .update(Msg::Key(event(KeyCode::Char('c'), KeyModifiers::CONTROL)));
        assert!(self.app.ui.quit);
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn random_key_streams_never_panic_and_esc_always_leaves(
        ops in prop::collection::vec(op(), 0..=60)
    ) {
        let mut run = Run::new();
        for op in &ops {
            run.apply(op);
        }
        run.finish();
    }

    /// The same with a plan in use from the start, so the streams reach KPIs, targets,
    /// charts and exports more often.
    #[test]
    fn random_key_streams_with_a_plan(
        template in 0usize..6,
        ops in prop::collection::vec(op(), 0..=60)
    ) {
        let mut run = Run::new();
        run.app.go(engage::tui::app::Step::Objective);
        for _ in 0..template {
            run.app.update(Msg::Key(event(KeyCode::Down, KeyModifiers::NONE)));
        }
        run.app.update(Msg::Key(event(KeyCode::Enter, KeyModifiers::NONE)));
        run.app.update(Msg::Key(event(KeyCode::Char('y'), KeyModifiers::NONE)));
        prop_assert!(run.app.model.plan.is_some());
        for op in &ops {
            run.apply(op);
        }
        run.finish();
    }
}

/// Every file the streams may export lands in the temp folder, never in the checkout.
#[test]
fn exports_go_to_the_export_folder() {
    let mut run = Run::new();
    run.app.go(engage::tui::app::Step::Objective);
    run.app
        .update(Msg::Key(event(KeyCode::Enter, KeyModifiers::NONE)));
    run.app
        .update(Msg::Key(event(KeyCode::Char('y'), KeyModifiers::NONE)));
    run.app.go(engage::tui::app::Step::Review);
    crate::tui_kit::settle(&mut run.app);
    for c in ['e', 'h'] {
        run.app
            .update(Msg::Key(event(KeyCode::Char(c), KeyModifiers::NONE)));
    }
    let written: Vec<PathBuf> = std::fs::read_dir(&run.app.model.export_dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(written.len(), 1, "{written:?}");
}
