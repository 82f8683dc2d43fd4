//! TUI benchmark: how the app answers keys on the 1M-post file, and how soon the first frame
//! is on screen.
//!
//! Run with `cargo bench --bench tui` (options after `--`: `--runs N`, default 3; `--no-pty`
//! skips the real-binary timing; `--list` prints every action's time; `--open-only` runs only
//! the 1M-post open below). It uses
//! `target/bench-data/snapshot-1m.json`, made by `cargo bench --bench load` (or generated
//! here, once, if missing).
//!
//! * **First frame** (goal, issue 4: within 100 ms of start). In process: from the start of
//!   `tui::prepare` on the bundled demo to the end of the first draw into a 160x48
//!   `TestBackend` (the demo loads on a worker through `start_load`, so that frame is the
//!   loading frame), then to the first frame showing the loaded data. The first run in the
//!   process is reported apart (cold), then the median of warm runs. Then the real release
//!   binary in a pseudo-terminal: from spawn to the end of its first frame, and to the first
//!   frame with the demo loaded.
//! * **Opening 1M posts** (goals, issue 14: <= 1.0 s first open, <= 0.3 s reopen). The real
//!   binary on the 1M-post file in a pseudo-terminal, from spawn to the data on screen, with
//!   an empty cache and then again from the cache entry the first open wrote.
//! * **Session** (goals: p99 <= 16 ms and p50 <= 4 ms per action on this machine). The 1M
//!   file is loaded with `tui::load_now` (timed apart), an app is prepared with a temporary
//!   home and `--fresh`, the load delivered, then a scripted session of 200 actions replays
//!   what an analyst does, by keys through `App::update` (so the keymap is included):
//!   steps 1-5, moving in lists, a template chosen in 2 Objective (creates a plan), KPIs added
//!   and a target typed in 3 Metrics, window presets up to `all` and `[`/`]`, granularity,
//!   per-account series, zoom and pan, sorting the posts table by every column, a filter
//!   typed into `/` (live, one refresh per key), a post's detail, the help overlay with a
//!   search, a segment change in the plan editor (exclude tag promo), exports (HTML, JSON) from 5 Review.
//!   Each action is timed as update + draw into a 160x48 `TestBackend`. Plans and exports
//!   are written to temporary folders on the same disk as a real home (with their fsync).
//!   Reported: p50, p90, p99 (nearest rank), max, per run and over all runs, and the five
//!   slowest actions (worst of the runs) with update and draw apart.

// A bench stops at a broken setup with unwrap, expect and panic; production code may not.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod bench_data;

#[path = "../tests/suite/common/screens.rs"]
mod screens;

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::time::{Duration, Instant};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use engage::snapshot::LoadControl;
use engage::snapshot::load::Source;
use engage::tui::app::{App, Msg};
use engage::tui::steps::objective::Row as EditorRow;
use engage::tui::{Options, load_now, prepare, start_load, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const WIDTH: u16 = 160;
const HEIGHT: u16 = 48;
const ACTIONS: usize = 200;
const GOAL_P99_MS: f64 = 16.0;
const GOAL_P50_MS: f64 = 4.0;
const GOAL_FIRST_FRAME_MS: f64 = 100.0;

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn ok(met: bool) -> &'static str {
    if met { "met" } else { "MISSED" }
}

/// The value at `p` (0..=1) by nearest rank, of sorted `v`.
fn percentile(sorted: &[f64], p: f64) -> f64 {
    let rank = ((p * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    sorted[rank - 1]
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn new_terminal() -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("test terminal")
}

fn draw(terminal: &mut Terminal<TestBackend>, app: &App) {
    terminal
        .draw(|f| view::render(f, app))
        .expect("draw into the test backend");
}

fn screen_text(terminal: &Terminal<TestBackend>) -> String {
    let buffer = terminal.backend().buffer();
    buffer.content().iter().map(|c| c.symbol()).collect()
}

// ---------------------------------------------------------------------------------------
// First frame on the demo, in process

struct FirstFrame {
    /// prepare -> end of the first (loading) frame.
    first: f64,
    /// prepare -> end of the first frame with the data.
    loaded: f64,
}

fn first_frame_in_process() -> FirstFrame {
    let home = tempfile::tempdir().expect("temp home");
    let start = Instant::now();
    let options = Options {
        paths: Vec::new(),
        fresh: true,
        home: Some(home.path().to_path_buf()),
        import: Default::default(),
    };
    let mut app = prepare(&options).expect("prepare on the demo");
    let (tx, rx) = channel();
    let source = app.load_request.take().expect("the demo is requested");
    start_load(&mut app, source, tx);
    let mut terminal = new_terminal();
    draw(&mut terminal, &app);
    let first = ms(start.elapsed());
    assert!(
        app.model.data.loading.is_some(),
        "the first frame is the loading one"
    );
    let msg = rx
        .recv_timeout(Duration::from_secs(30))
        .expect("the demo loads");
    app.update(msg);
    draw(&mut terminal, &app);
    let loaded = ms(start.elapsed());
    assert!(
        app.model.data.store.is_some() && screen_text(&terminal).contains("Kabar Kini"),
        "the loaded frame shows the demo"
    );
    FirstFrame { first, loaded }
}

// ---------------------------------------------------------------------------------------
// First frame of the real binary, in a pseudo-terminal

struct PtyTimes {
    first: f64,
    loaded: f64,
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Spawns the release binary on the demo in a 160x48 PTY; times its first frame (the end of
/// a frame is ratatui hiding the cursor after the cells) and the first frame with the demo
/// loaded (the Data step's hints on screen).
fn first_frame_pty() -> Result<PtyTimes, String> {
    let home = tempfile::tempdir().map_err(|e| e.to_string())?;
    first_frame_pty_on(home.path(), None)
}

/// As [`first_frame_pty`], with `home` as engage's home (its cache included) and `file` opened
/// instead of the demo (the generated files have the demo's title and accounts, so the same
/// screen state says the data is on screen).
fn first_frame_pty_on(home: &Path, file: Option<&Path>) -> Result<PtyTimes, String> {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_engage"));
    cmd.arg("--home").arg(home).arg("--fresh");
    if let Some(file) = file {
        cmd.arg(file);
    }
    cmd.current_dir(home)
        .env("TERM", "xterm-256color")
        .env_remove("NO_COLOR");
    let start = Instant::now();
    let mut session = expectrl::Session::spawn(cmd).map_err(|e| e.to_string())?;
    let _ = session.get_process_mut().set_window_size(WIDTH, HEIGHT);
    let mut reader = session
        .get_process()
        .get_raw_handle()
        .map_err(|e| e.to_string())?;
    let (tx, rx) = channel();
    std::thread::spawn(move || {
        let mut buf = vec![0u8; 1 << 16];
        loop {
            match reader.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => {
                    if tx.send((Instant::now(), buf[..n].to_vec())).is_err() {
                        break;
                    }
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(_) => break,
            }
        }
    });
    let mut raw = Vec::new();
    let mut screen = vt100::Parser::new(
        std::num::NonZeroU16::new(HEIGHT).expect("height"),
        std::num::NonZeroU16::new(WIDTH).expect("width"),
        0,
    );
    let (mut first, mut loaded) = (None, None);
    let deadline = Instant::now() + Duration::from_secs(60);
    while loaded.is_none() {
        let left = deadline.saturating_duration_since(Instant::now());
        match rx.recv_timeout(left) {
            Ok((at, bytes)) => {
                raw.extend_from_slice(&bytes);
                screen.process(&bytes);
                if first.is_none()
                    && let Some(alt) = find(&raw, b"\x1b[?1049h")
                    && find(&raw[alt..], b"\x1b[?25l").is_some()
                {
                    first = Some(ms(at - start));
                }
                // The same screen state tests/tui_pty.rs pins.
                if screens::demo_loaded_in_data_step(&screen.screen().contents()) {
                    loaded = Some(ms(at - start));
                }
            }
            Err(RecvTimeoutError::Timeout) => return Err("no data frame within 60 s".into()),
            Err(RecvTimeoutError::Disconnected) => {
                return Err(format!(
                    "the app exited early: {}",
                    String::from_utf8_lossy(&raw)
                ));
            }
        }
    }
    let _ = session.write_all(b"q");
    let _ = session.flush();
    // Drain until the app closes its terminal, so it exits on its own.
    while rx.recv_timeout(Duration::from_secs(5)).is_ok() {}
    Ok(PtyTimes {
        first: first.unwrap_or(f64::NAN),
        loaded: loaded.unwrap_or(f64::NAN),
    })
}

/// Goals (issue 14): launch to the 1M-post file's data on screen.
const GOAL_OPEN_1M_S: f64 = 1.0;
const GOAL_REOPEN_1M_S: f64 = 0.3;

/// The real binary on the 1M-post file in a PTY, from spawn to its data on screen: first open
/// (an empty cache: parse, build, write the cache entry) and reopen (from the entry), `runs`
/// times each, each pair in a fresh home.
fn open_1m_pty(runs: usize) {
    let path = bench_file();
    let (mut first, mut again) = (Vec::new(), Vec::new());
    for _ in 0..runs {
        let home = tempfile::tempdir().expect("temporary home");
        match (
            first_frame_pty_on(home.path(), Some(&path)),
            first_frame_pty_on(home.path(), Some(&path)),
        ) {
            (Ok(a), Ok(b)) => {
                first.push(a.loaded / 1000.0);
                again.push(b.loaded / 1000.0);
            }
            (a, b) => println!("  1M file in a PTY: {:?} {:?}", a.err(), b.err()),
        }
    }
    if first.is_empty() {
        println!("  1M file in a PTY: could not run");
        return;
    }
    let (f, r) = (median(first), median(again));
    println!(
        "\n1M-post file, real binary in a {WIDTH}x{HEIGHT} PTY, spawn -> data on screen (median of {runs}):"
    );
    println!(
        "  first open {f:6.2} s   goal <= {GOAL_OPEN_1M_S} s: {}",
        ok(f <= GOAL_OPEN_1M_S)
    );
    println!(
        "  reopen     {r:6.2} s   goal <= {GOAL_REOPEN_1M_S} s: {}",
        ok(r <= GOAL_REOPEN_1M_S)
    );
}

// ---------------------------------------------------------------------------------------
// The scripted session on the 1M-post file

/// One timed action.
#[derive(Clone, Debug)]
struct Sample {
    /// Its place in the script (the same in every run).
    index: usize,
    name: String,
    update: f64,
    draw: f64,
}

impl Sample {
    fn total(&self) -> f64 {
        self.update + self.draw
    }
}

fn key_event(spec: &str) -> KeyEvent {
    let code = match spec {
        "enter" => KeyCode::Enter,
        "esc" => KeyCode::Esc,
        "tab" => KeyCode::Tab,
        "backtab" => KeyCode::BackTab,
        "space" => KeyCode::Char(' '),
        "bs" => KeyCode::Backspace,
        "up" => KeyCode::Up,
        "down" => KeyCode::Down,
        "left" => KeyCode::Left,
        "right" => KeyCode::Right,
        "pgup" => KeyCode::PageUp,
        "pgdn" => KeyCode::PageDown,
        "home" => KeyCode::Home,
        "end" => KeyCode::End,
        one if one.chars().count() == 1 => KeyCode::Char(one.chars().next().unwrap_or(' ')),
        other => panic!("unknown key {other:?} in the script"),
    };
    KeyEvent::new(code, KeyModifiers::NONE)
}

/// Replays keys into the app, timing each update + draw.
struct Runner {
    app: App,
    terminal: Terminal<TestBackend>,
    samples: Vec<Sample>,
    /// Lens and findings jobs run on worker threads, as the event loop runs them; their
    /// results come back here and are delivered (and timed) like any other message.
    tx: Sender<Worked>,
    rx: Receiver<Worked>,
    in_flight: usize,
    /// What each worker job cost, off the UI thread: (what, ms).
    worker: Vec<(String, f64)>,
}

/// A worker's answer: the message, what it was, and how long the worker took.
type Worked = (Msg, String, f64);

impl Runner {
    fn done(&self) -> bool {
        self.samples.len() >= ACTIONS
    }

    /// Presses `spec` (a key, as `key_event` reads it); `name` says what it does.
    fn press(&mut self, name: &str, spec: &str) {
        if self.done() {
            return;
        }
        self.deliver_arrived();
        if self.done() {
            return;
        }
        let key = key_event(spec);
        let start = Instant::now();
        self.app.update(Msg::Key(key));
        let updated = Instant::now();
        draw(&mut self.terminal, &self.app);
        let end = Instant::now();
        self.spawn_jobs();
        assert!(!self.app.ui.quit, "the script quit the app at {name}");
        assert!(
            self.app.load_request.is_none(),
            "the script asked for a load at {name}"
        );
        let index = self.samples.len();
        self.samples.push(Sample {
            index,
            name: format!("{:<6} {name}", format!("[{spec}]")),
            update: ms(updated - start),
            draw: ms(end - updated),
        });
    }

    /// Starts the lens and findings jobs the last update asked for, each on its own thread
    /// (as `tui::event_loop` does), so the UI thread only ever pays for asking and for
    /// showing the answer.
    fn spawn_jobs(&mut self) {
        if let Some(job) = self.app.lens_request.take() {
            let tx = self.tx.clone();
            let what = format!("lens {:?} of {}", job.key.kind, job.key.metric);
            self.in_flight += 1;
            std::thread::spawn(move || {
                let start = Instant::now();
                let done = job.run();
                let _ = tx.send((Msg::Lens(Box::new(done)), what, ms(start.elapsed())));
            });
        }
        if let Some(job) = self.app.findings_request.take() {
            let tx = self.tx.clone();
            self.in_flight += 1;
            std::thread::spawn(move || {
                let start = Instant::now();
                let done = job.run();
                let _ = tx.send((
                    Msg::Findings(Box::new(done)),
                    "findings".to_owned(),
                    ms(start.elapsed()),
                ));
            });
        }
    }

    /// Delivers one worker answer as a timed action (update + draw), as the event loop would.
    fn deliver(&mut self, (msg, what, worked): Worked) {
        self.in_flight -= 1;
        self.worker.push((what.clone(), worked));
        if self.done() {
            return;
        }
        let start = Instant::now();
        self.app.update(msg);
        let updated = Instant::now();
        draw(&mut self.terminal, &self.app);
        let end = Instant::now();
        self.spawn_jobs();
        let index = self.samples.len();
        self.samples.push(Sample {
            index,
            name: format!("(worker) {what} arrives"),
            update: ms(updated - start),
            draw: ms(end - updated),
        });
    }

    /// Delivers the answers that are back, without waiting.
    fn deliver_arrived(&mut self) {
        while let Ok(worked) = self.rx.try_recv() {
            self.deliver(worked);
        }
    }

    /// Waits for every job in flight (an analyst reading the screen), delivering each.
    fn wait_for_workers(&mut self) {
        while self.in_flight > 0 {
            let worked = self.rx.recv().expect("a worker answers");
            self.deliver(worked);
        }
    }

    /// Types `text` into the field or prompt open, one key per character.
    fn type_text(&mut self, what: &str, text: &str) {
        for c in text.chars() {
            let spec = if c == ' ' {
                "space".to_owned()
            } else {
                c.to_string()
            };
            self.press(&format!("{what}: type {c:?}"), &spec);
        }
    }

    /// Presses the window preset key and names the window it chose.
    fn window_preset(&mut self) {
        self.press("window preset", "w");
        let label = self.app.model.window.label();
        if let Some(s) = self.samples.last_mut() {
            s.name.push_str(&format!(" -> {label}"));
        }
    }

    fn check(&self, what: &str, cond: bool) {
        assert!(
            cond,
            "script check failed: {what}\n{}",
            screen_text(&self.terminal)
                .chars()
                .collect::<Vec<_>>()
                .chunks(WIDTH as usize)
                .map(|l| l.iter().collect::<String>())
                .collect::<Vec<_>>()
                .join("\n")
        );
    }
}

/// The analyst's session: 200 actions.
fn script(r: &mut Runner) {
    // 1 Data: look at the files, accounts and findings.
    for (name, k) in [
        ("files: down", "j"),
        ("accounts pane", "tab"),
        ("accounts: down", "j"),
        ("accounts: down", "j"),
        ("accounts: up", "k"),
        ("findings pane", "tab"),
        ("findings: down", "j"),
    ] {
        r.press(name, k);
    }

    // 2 Objective: choose the website loyalty template (creates a plan).
    r.press("step 2 objective", "2");
    for _ in 0..3 {
        r.press("templates: down", "j");
    }
    r.press("choose template (asks)", "enter");
    r.press("confirm the template (creates a plan)", "y");
    r.check(
        "a plan from the website-loyalty template",
        r.app
            .model
            .plan
            .as_ref()
            .is_some_and(|p| p.plan.template.as_deref() == Some("website-loyalty")),
    );

    // 3 Metrics: browse, add two KPIs, set a target.
    let kpis = |r: &Runner| r.app.model.plan.as_ref().map_or(0, |p| p.plan.kpis.len());
    let template_kpis = kpis(r);
    r.press("step 3 metrics", "3");
    for _ in 0..10 {
        r.press("metrics: down", "j");
    }
    r.press("add KPI", "space");
    r.press("set target", "t");
    r.type_text("target", ">= 5%");
    r.press("target: confirm", "enter");
    r.press("metrics: down", "j");
    r.press("metrics: down", "j");
    r.press("add KPI", "space");
    r.press("metrics: page down", "pgdn");
    r.press("metrics: page up", "pgup");
    r.press("metrics: up", "k");
    r.press("detail pane", "tab");
    r.press("list pane", "tab");
    r.check(
        "two KPIs added to the template's",
        kpis(r) == template_kpis + 2,
    );

    // 4 Charts: windows, granularity, per account, zoom and pan, cards.
    r.press("step 4 charts", "4");
    for _ in 0..4 {
        r.window_preset(); // 90d, 6m, 1y, all
    }
    r.press("granularity", "d");
    r.press("granularity", "d");
    r.press("per account on", "a");
    r.press("per account off", "a");
    r.press("granularity", "d");
    r.window_preset(); // 7d
    r.window_preset(); // 28d
    for _ in 0..3 {
        r.press("window step back", "[");
    }
    for _ in 0..3 {
        r.press("window step forward", "]");
    }
    r.check("the KPI cards have the focus", r.app.focus() == 0);
    r.press("next KPI card", "right");
    r.press("next KPI card", "right");
    r.press("previous KPI card", "left");
    r.press("per account on", "a");
    r.press("next KPI card", "right");
    r.press("per account off", "a");
    r.press("chart pane", "tab");
    r.press("zoom in", "+");
    r.press("zoom in", "+");
    r.press("pan right", "right");
    r.press("pan left", "left");
    r.press("zoom out", "-");
    r.press("zoom reset", "0");
    r.press("legend off", "L");
    r.press("legend on", "L");

    // The posts table: move, sort by every column, filter, open a post.
    r.press("posts pane", "tab");
    for _ in 0..4 {
        r.press("posts: down", "j");
    }
    r.press("posts: page down", "pgdn");
    r.press("posts: page down", "pgdn");
    r.press("posts: last", "end");
    r.press("posts: first", "home");
    for _ in 0..10 {
        r.press("sort by next column", "s");
    }
    r.press("reverse sort", "S");
    r.press("reverse sort", "S");
    r.press("open filter", "/");
    r.type_text("filter", "bogor");
    r.press("filter: backspace", "bs");
    r.press("filter: backspace", "bs");
    r.type_text("filter", "or");
    r.press("filter: confirm", "enter");
    r.check(
        "the filter is applied",
        r.app.ui.charts.filter == "bogor" && !r.app.ui.charts.rows.is_empty(),
    );
    r.press("open post", "enter");
    r.press("post: scroll", "j");
    r.press("post: scroll", "j");
    r.press("post: scroll", "k");
    r.press("post: close", "esc");
    r.press("posts: down", "j");
    r.press("open post", "enter");
    r.press("post: close", "esc");
    r.press("open filter", "/");
    r.press("filter: cancel (clears)", "esc");
    r.window_preset(); // 90d, on a table of every post
    r.press("sort by next column", "s");
    r.press("posts: page down", "pgdn");
    r.press("window step back", "[");

    // The lenses, each computed on a worker while keys go on being answered.
    r.press("cards pane", "tab");
    r.press("chart pane", "tab");
    r.check("the chart has the focus", r.app.focus() == 1);
    r.press("lens: breakdown", "v");
    r.wait_for_workers();
    r.check(
        "the breakdown is on screen",
        r.app.model.lens.answer().is_some(),
    );
    r.press("breakdown: sort by value", "s");
    r.press("breakdown by: platform", "b");
    r.press("breakdown by: format", "b");
    r.wait_for_workers();
    r.press("breakdown: scroll", "j");
    r.press("lens: best time", "v");
    r.wait_for_workers();
    r.press("lens: breakouts (asked)", "v");
    r.press("next KPI card while it works", "right");
    r.wait_for_workers();
    r.press("breakouts: scroll", "j");
    r.press("lens: follower jumps", "v");
    r.press("lens: content", "v");
    r.wait_for_workers();
    r.press("back to the time chart", "v");
    r.press("posts pane", "tab");

    // Help, searched.
    r.press("help", "?");
    r.type_text("help search", "zoom");
    r.press("help: backspace", "bs");
    r.press("help: scroll", "down");
    r.press("help: close", "esc");

    // 2 Objective: a segment change, exclude tag promo (builds its own post table).
    r.press("step 2 objective", "2");
    r.press("plan editor pane", "tab");
    let mut guard = 0;
    while !r.done() {
        let rows = engage::tui::steps::objective::rows(&r.app.model);
        let at = rows.get(r.app.ui.objective.editor_cursor);
        if at == Some(&EditorRow::Tag("promo".into())) {
            break;
        }
        guard += 1;
        assert!(guard < 80, "no tag promo in the plan editor");
        r.press("editor: down (to tag promo)", "j");
    }
    r.press("exclude tag promo (segment)", "x");
    r.check(
        "the segment excludes promo",
        r.app
            .model
            .plan
            .as_ref()
            .is_some_and(|p| p.plan.segment.tags.exclude == ["promo".to_owned()]),
    );
    r.press("editor: up", "k");

    // Back to the charts with the segment in force.
    r.press("step 4 charts", "4");
    r.press("cards pane", "tab");
    r.check("the KPI cards have the focus", r.app.focus() == 0);
    r.window_preset();
    r.press("window step back", "[");
    r.press("granularity", "d");
    r.press("sort by next column", "s");
    r.press("next KPI card", "right");

    // 5 Review: scorecard, exports.
    r.press("step 5 review", "5");
    r.press("scorecard: down", "j");
    r.press("scorecard: down", "j");
    r.press("export: choose the format", "e");
    r.press("export HTML (charts, posts)", "h");
    r.press("export JSON", "E");
    r.wait_for_workers();
    r.check(
        "the exports were written",
        r.app.ui.review.exported.is_some() && r.app.ui.message.as_ref().is_some_and(|m| !m.error),
    );
    r.press("findings pane", "tab");
    r.wait_for_workers();
    r.check(
        "the findings are listed",
        r.app.model.findings.answer().is_some(),
    );
    r.press("findings: down", "j");
    r.press("scorecard pane", "tab");
    r.press("step 1 data", "1");
    r.press("step 3 metrics", "3");
    r.press("metrics: down", "j");

    // The rest: browsing the charts until 200 actions.
    r.press("step 4 charts", "4");
    r.check("the KPI cards have the focus", r.app.focus() == 0);
    let browse = [
        ("next KPI card", "right"),
        ("window step back", "["),
        ("granularity", "d"),
        ("per account on", "a"),
        ("per account off", "a"),
        ("window step forward", "]"),
        ("previous KPI card", "left"),
    ];
    let mut i = 0;
    while !r.done() {
        let (name, k) = browse[i % browse.len()];
        r.press(name, k);
        i += 1;
    }
}

struct Run {
    samples: Vec<Sample>,
    worker: Vec<(String, f64)>,
    load: f64,
    deliver: f64,
    first_draw: f64,
    posts: usize,
}

fn session_run(path: &Path) -> Run {
    let start = Instant::now();
    let result = load_now(
        Source::Files(vec![path.to_path_buf()]),
        &Default::default(),
        &LoadControl::default(),
    );
    let load = ms(start.elapsed());
    let posts = result.store.as_ref().map_or(0, |s| s.posts.len());
    assert!(posts > 0, "the 1M file loads");

    let home = tempfile::tempdir().expect("temp home");
    let exports = tempfile::tempdir().expect("temp exports");
    let options = Options {
        paths: vec![path.to_path_buf()],
        fresh: true,
        home: Some(home.path().to_path_buf()),
        import: Default::default(),
    };
    let mut app = prepare(&options).expect("prepare");
    app.model.export_dir = exports.path().to_path_buf();
    // The runtime would start this load on its worker; it is already done.
    let _ = app.load_request.take();
    let start = Instant::now();
    app.update(Msg::Loaded(Box::new(result)));
    let deliver = ms(start.elapsed());
    let mut terminal = new_terminal();
    let start = Instant::now();
    draw(&mut terminal, &app);
    let first_draw = ms(start.elapsed());

    let (tx, rx) = channel();
    let mut runner = Runner {
        app,
        terminal,
        samples: Vec::with_capacity(ACTIONS),
        tx,
        rx,
        in_flight: 0,
        worker: Vec::new(),
    };
    script(&mut runner);
    runner.wait_for_workers();
    assert_eq!(runner.samples.len(), ACTIONS);
    Run {
        samples: runner.samples,
        worker: runner.worker,
        load,
        deliver,
        first_draw,
        posts,
    }
}

struct Stats {
    p50: f64,
    p90: f64,
    p99: f64,
    max: f64,
}

fn stats(samples: &[Sample]) -> Stats {
    let mut t: Vec<f64> = samples.iter().map(Sample::total).collect();
    t.sort_by(f64::total_cmp);
    Stats {
        p50: percentile(&t, 0.50),
        p90: percentile(&t, 0.90),
        p99: percentile(&t, 0.99),
        max: *t.last().unwrap_or(&0.0),
    }
}

fn bench_file() -> PathBuf {
    bench_data::snapshot_1m()
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let runs: usize = args
        .iter()
        .position(|a| a == "--runs")
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(3)
        .max(1);
    let pty = !args.iter().any(|a| a == "--no-pty");
    let list = args.iter().any(|a| a == "--list");
    if args.iter().any(|a| a == "--open-only") {
        open_1m_pty(runs);
        return;
    }

    println!(
        "engage TUI bench · {WIDTH}x{HEIGHT} TestBackend · {} CPUs",
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );

    // First frame on the demo.
    let cold = first_frame_in_process();
    let warm: Vec<FirstFrame> = (0..9).map(|_| first_frame_in_process()).collect();
    let warm_first = median(warm.iter().map(|f| f.first).collect());
    let warm_loaded = median(warm.iter().map(|f| f.loaded).collect());
    println!("\nfirst frame on the demo, in process (prepare -> end of draw):");
    println!(
        "  loading frame      cold {:7.2} ms   warm median {:7.2} ms   goal <= {GOAL_FIRST_FRAME_MS} ms: {}",
        cold.first,
        warm_first,
        ok(cold.first.max(warm_first) <= GOAL_FIRST_FRAME_MS)
    );
    println!(
        "  data on screen     cold {:7.2} ms   warm median {:7.2} ms   (the event loop looks for the worker's result every 50 ms while loading: add up to 50 ms on a terminal)",
        cold.loaded, warm_loaded
    );
    // Without --no-pty the real binary's first frame is part of the verdict.
    let mut pty_ok = true;
    if pty {
        let times: Vec<PtyTimes> = (0..5)
            .filter_map(|_| {
                first_frame_pty()
                    .map_err(|e| println!("  real binary in a PTY: {e}"))
                    .ok()
            })
            .collect();
        if times.is_empty() {
            println!("  real binary in a PTY: could not run (see --no-pty)");
            pty_ok = false;
        } else {
            let first = median(times.iter().map(|t| t.first).collect());
            let loaded = median(times.iter().map(|t| t.loaded).collect());
            let worst = times.iter().map(|t| t.first).fold(0.0, f64::max);
            println!(
                "  real binary in a {WIDTH}x{HEIGHT} PTY, spawn -> first frame: median {first:7.2} ms (worst {worst:.2} of {}), -> demo data on screen: median {loaded:7.2} ms   goal <= {GOAL_FIRST_FRAME_MS} ms: {}",
                times.len(),
                ok(worst <= GOAL_FIRST_FRAME_MS)
            );
            // Every run must have measured: a run that could not is a failure, not a skip.
            pty_ok = times.len() == 5 && worst <= GOAL_FIRST_FRAME_MS;
        }
    }

    if pty {
        open_1m_pty(runs);
    }

    // The session on the 1M-post file.
    let path = bench_file();
    let mut all: Vec<Sample> = Vec::new();
    let mut worst: Vec<Sample> = Vec::new();
    println!(
        "\nscripted session on {}: {ACTIONS} actions, update + draw each, {runs} run(s)",
        path.display()
    );
    for run_no in 1..=runs {
        let run = session_run(&path);
        let s = stats(&run.samples);
        println!(
            "  run {run_no}: load_now {:7.0} ms ({} posts) · deliver {:5.1} ms · first draw {:4.1} ms · actions p50 {:5.2} p90 {:5.2} p99 {:6.2} max {:6.2} ms",
            run.load, run.posts, run.deliver, run.first_draw, s.p50, s.p90, s.p99, s.max
        );
        let jobs: Vec<String> = run
            .worker
            .iter()
            .map(|(what, t)| format!("{what} {t:.0} ms"))
            .collect();
        println!(
            "         on workers, off the UI thread ({} jobs): {}",
            jobs.len(),
            jobs.join(" · ")
        );
        if worst.is_empty() {
            worst = run.samples.clone();
        } else {
            for (w, s) in worst.iter_mut().zip(&run.samples) {
                if s.total() > w.total() {
                    *w = s.clone();
                }
            }
        }
        all.extend(run.samples);
    }
    let s = stats(&all);
    println!(
        "\n  all runs ({} actions): p50 {:.2} ms · p90 {:.2} ms · p99 {:.2} ms · max {:.2} ms",
        all.len(),
        s.p50,
        s.p90,
        s.p99,
        s.max
    );
    let updates: f64 = all.iter().map(|s| s.update).sum();
    let draws: f64 = all.iter().map(|s| s.draw).sum();
    println!(
        "  time spent: update {:.0}%, draw {:.0}%",
        updates / (updates + draws) * 100.0,
        draws / (updates + draws) * 100.0
    );
    worst.sort_by(|a, b| b.total().total_cmp(&a.total()));
    println!("  slowest actions (worst of the runs; #n is the place in the script):");
    for w in worst.iter().take(5) {
        println!(
            "    #{:<3} {:<48} {:7.2} ms  (update {:6.2}, draw {:5.2})",
            w.index + 1,
            w.name,
            w.total(),
            w.update,
            w.draw
        );
    }
    if list {
        worst.sort_by_key(|w| w.index);
        println!("  every action (worst of the runs):");
        for w in &worst {
            println!(
                "    #{:<3} {:<48} {:7.2} ms  (update {:6.2}, draw {:5.2})",
                w.index + 1,
                w.name,
                w.total(),
                w.update,
                w.draw
            );
        }
    }
    println!(
        "\nverdict: p99 {:.2} ms <= {GOAL_P99_MS} ms: {} · p50 {:.2} ms <= {GOAL_P50_MS} ms: {} · first frame: {}",
        s.p99,
        ok(s.p99 <= GOAL_P99_MS),
        s.p50,
        ok(s.p50 <= GOAL_P50_MS),
        ok(cold.first.max(warm_first) <= GOAL_FIRST_FRAME_MS && pty_ok)
    );
}
