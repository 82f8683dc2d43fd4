//! End-to-end: the real `engage` binary in a pseudo-terminal (120x40), driven by keys only.
//!
//! Everything the app writes is fed into a `vt100` terminal emulator of the same size, and
//! the tests wait for states on its screen (never for fixed times): the newcomer's flow from
//! the bundled demo to an exported scorecard, a bad config refused before the alternate
//! screen, and Ctrl-C from the middle of a text field. Every test checks that the terminal
//! is restored (alternate screen left, cursor shown) and the exit status.
//!
//! A wait that times out fails with the last screen, so a failure says what was on screen.

// A test states its expectations with unwrap, expect and panic; production code may not.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
#![cfg(unix)]

use crate::common::screens;

use std::ffi::OsStr;
use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use expectrl::Session;
use expectrl::process::unix::WaitStatus;
use expectrl::session::OsSession;

const ROWS: u16 = 40;
const COLS: u16 = 120;
/// How long any one state may take to appear (generous: debug build, shared 2-core machine).
const DEADLINE: Duration = Duration::from_secs(20);

const ENTER_ALT: &[u8] = b"\x1b[?1049h";
const LEAVE_ALT: &[u8] = b"\x1b[?1049l";
const HIDE_CURSOR: &[u8] = b"\x1b[?25l";
const SHOW_CURSOR: &[u8] = b"\x1b[?25h";

const DOWN: &str = "\x1b[B";
const ENTER: &str = "\r";
const CTRL_C: &str = "\x03";

/// The app in a pseudo-terminal, with an emulator reading its output.
struct Tui {
    session: OsSession,
    /// Chunks read from the PTY by a reader thread; disconnected at end of output.
    output: Receiver<Vec<u8>>,
    parser: vt100::Parser,
    /// Every byte the app wrote.
    raw: Vec<u8>,
    /// Output after the last complete frame, not yet shown to the emulator.
    pending: Vec<u8>,
    eof: bool,
    started: Instant,
}

impl Tui {
    /// Starts `engage ARGS` in a 120x40 PTY with `cwd` as its working folder.
    fn spawn<I, S>(args: I, cwd: &Path) -> Tui
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        Tui::spawn_with_env(args, cwd, &[])
    }

    /// [`Tui::spawn`] with these variables set (after the ones it clears).
    fn spawn_with_env<I, S>(args: I, cwd: &Path, vars: &[(&str, &str)]) -> Tui
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_engage"));
        cmd.args(args)
            .current_dir(cwd)
            .env("TERM", "xterm-256color")
            .env_remove("NO_COLOR")
            .env_remove("ENGAGE_HOME")
            .env_remove("COLUMNS")
            .env_remove("LINES")
            .env_remove("LANG")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES");
        for (k, v) in vars {
            cmd.env(k, v);
        }
        let mut session = Session::spawn(cmd).expect("spawn engage in a pseudo-terminal");
        // The child starts at the PTY's default 80x24; set our size at once. Should the app
        // read its size first, the change reaches it as SIGWINCH and it redraws.
        session
            .get_process_mut()
            .set_window_size(COLS, ROWS)
            .expect("set the PTY size");
        // Blocking reads on a duplicate of the master, on a thread: the test waits on a
        // channel with a timeout. (Session's own reads are never used, so nothing toggles
        // O_NONBLOCK on the shared descriptor.)
        let mut reader = session
            .get_process()
            .get_raw_handle()
            .expect("PTY master handle");
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut buf = vec![0u8; 1 << 16];
            loop {
                match reader.read(&mut buf) {
                    // EIO once the child has exited and the slave side is closed.
                    Ok(0) => break,
                    Ok(n) => {
                        if tx.send(buf[..n].to_vec()).is_err() {
                            break;
                        }
                    }
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                    Err(_) => break,
                }
            }
        });
        Tui {
            session,
            output: rx,
            parser: vt100::Parser::new(
                NonZeroU16::new(ROWS).unwrap(),
                NonZeroU16::new(COLS).unwrap(),
                0,
            ),
            raw: Vec::new(),
            pending: Vec::new(),
            eof: false,
            started: Instant::now(),
        }
    }

    /// Reads what arrives within `timeout` (and anything already queued behind it).
    fn pump(&mut self, timeout: Duration) {
        match self.output.recv_timeout(timeout) {
            Ok(bytes) => {
                self.feed(&bytes);
                while let Ok(more) = self.output.try_recv() {
                    self.feed(&more);
                }
            }
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => {
                self.eof = true;
                self.flush_pending();
            }
        }
    }

    /// Keeps `bytes` and hands the emulator every complete frame among them.
    ///
    /// ratatui ends each frame by setting the cursor's visibility (`?25l`, or `?25h` when a
    /// frame places the cursor), after the cells; standard output is line-buffered, so a
    /// frame arrives in pieces. Feeding the emulator only up to the last such mark means
    /// conditions are checked on whole frames, never on half of one.
    fn feed(&mut self, bytes: &[u8]) {
        self.raw.extend_from_slice(bytes);
        self.pending.extend_from_slice(bytes);
        let end = [HIDE_CURSOR, SHOW_CURSOR]
            .iter()
            .filter_map(|mark| rfind(&self.pending, mark).map(|i| i + mark.len()))
            .max();
        if let Some(end) = end {
            self.parser.process(&self.pending[..end]);
            self.pending.drain(..end);
        }
    }

    /// At the end of output: whatever follows the last frame.
    fn flush_pending(&mut self) {
        let rest = std::mem::take(&mut self.pending);
        self.parser.process(&rest);
    }

    fn screen(&self) -> &vt100::Screen {
        self.parser.screen()
    }

    fn text(&self) -> String {
        self.screen().contents()
    }

    /// Waits until `cond` holds on the screen; fails with the screen after [`DEADLINE`].
    fn wait_for(&mut self, what: &str, cond: impl Fn(&vt100::Screen) -> bool) {
        let deadline = Instant::now() + DEADLINE;
        loop {
            if cond(self.screen()) {
                return;
            }
            if self.eof {
                panic!(
                    "the app exited while waiting for {what}; last screen:\n{}",
                    self.framed()
                );
            }
            if Instant::now() >= deadline {
                panic!(
                    "timed out after {DEADLINE:?} waiting for {what}; last screen:\n{}",
                    self.framed()
                );
            }
            self.pump(Duration::from_millis(50));
        }
    }

    /// Waits until the screen shows `needle`.
    fn wait_text(&mut self, needle: &str) {
        let what = format!("{needle:?} on screen");
        self.wait_for(&what, |s| s.contents().contains(needle));
    }

    /// The screen with a frame and row numbers, for failure messages.
    fn framed(&self) -> String {
        let mut out = format!("    +{}+\n", "-".repeat(COLS as usize));
        for (i, row) in self.screen().rows(0, COLS).enumerate() {
            out.push_str(&format!("{i:>3} |{row:<w$}|\n", w = COLS as usize));
        }
        out.push_str(&format!("    +{}+", "-".repeat(COLS as usize)));
        out
    }

    fn send(&mut self, keys: &str) {
        self.session
            .write_all(keys.as_bytes())
            .and_then(|()| self.session.flush())
            .expect("write to the PTY");
    }

    /// Presses Down until a highlighted row shows `label` (at most `max` times).
    fn move_to(&mut self, label: &str, max: usize) {
        for _ in 0..=max {
            if highlighted_rows(self.screen())
                .iter()
                .any(|r| r.contains(label))
            {
                return;
            }
            let before = highlighted_rows(self.screen());
            self.send(DOWN);
            self.wait_for("the highlight to move", |s| highlighted_rows(s) != before);
        }
        panic!(
            "{label:?} was not highlighted after {max} moves; last screen:\n{}",
            self.framed()
        );
    }

    /// Waits for the end of output and the exit; returns the exit code.
    fn wait_exit(&mut self) -> i32 {
        let deadline = Instant::now() + DEADLINE;
        while !self.eof {
            assert!(
                Instant::now() < deadline,
                "the app did not exit within {DEADLINE:?}; last screen:\n{}",
                self.framed()
            );
            self.pump(Duration::from_millis(50));
        }
        loop {
            match self.session.get_process().status() {
                Ok(WaitStatus::Exited(_, code)) => return code,
                Ok(WaitStatus::StillAlive) => {
                    assert!(
                        Instant::now() < deadline,
                        "the app closed its terminal but did not exit"
                    );
                    std::thread::sleep(Duration::from_millis(10));
                }
                other => panic!("the app ended abnormally: {other:?}"),
            }
        }
    }

    /// Asserts that the last frame was followed by leaving the alternate screen and showing
    /// the cursor, in the raw output and in the emulator's state.
    fn assert_restored(&self) {
        let raw = &self.raw;
        let last_enter = rfind(raw, ENTER_ALT).expect("the app entered the alternate screen");
        let last_leave = rfind(raw, LEAVE_ALT).expect("the app left the alternate screen");
        assert!(
            last_leave > last_enter,
            "the alternate screen was entered again after it was left"
        );
        let tail = &raw[last_leave..];
        let show = rfind(raw, SHOW_CURSOR).expect("the cursor is shown again");
        if let Some(hide) = rfind(raw, HIDE_CURSOR) {
            assert!(show > hide, "the cursor stays hidden after exit");
        }
        // Nothing is drawn on the normal screen after leaving: only mode changes follow.
        assert_eq!(
            text_outside_escapes(tail).trim(),
            "",
            "output after leaving the alternate screen: {:?}",
            String::from_utf8_lossy(tail)
        );
        assert!(
            !self.screen().alternate_screen(),
            "the emulator is still on the alternate screen"
        );
        assert!(
            !self.screen().hide_cursor(),
            "the emulator's cursor is still hidden"
        );
    }
}

fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

/// The text of `bytes` with CSI escape sequences (`ESC [ ... final`) taken out.
fn text_outside_escapes(bytes: &[u8]) -> String {
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == 0x1b && bytes.get(i + 1) == Some(&b'[') {
            i += 2;
            while i < bytes.len() && !(0x40..=0x7e).contains(&bytes[i]) {
                i += 1;
            }
            i += 1;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// Text of the body rows drawn with a selection style: a run of cells with a background
/// colour or inverse video (the top and bottom bars, which have their own background, are
/// left out).
fn highlighted_rows(screen: &vt100::Screen) -> Vec<String> {
    let mut out = Vec::new();
    for row in 1..ROWS - 1 {
        let mut run = String::new();
        let mut best = String::new();
        for col in 0..COLS {
            let Some(cell) = screen.cell(row, col) else {
                continue;
            };
            if cell.bgcolor() != vt100::Color::Default || cell.inverse() {
                run.push_str(cell.contents());
            } else {
                if run.chars().count() > best.chars().count() {
                    best = std::mem::take(&mut run);
                }
                run.clear();
            }
        }
        if run.chars().count() > best.chars().count() {
            best = run;
        }
        // A selected row spans most of its pane; short runs are badges or symbols.
        if best.chars().count() >= 12 {
            out.push(best);
        }
    }
    out
}

fn engage_home() -> (tempfile::TempDir, tempfile::TempDir) {
    (
        tempfile::tempdir().expect("home"),
        tempfile::tempdir().expect("cwd"),
    )
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
}

/// Files in `dir` whose name starts with `prefix` and ends with `suffix`.
fn files_like(dir: &Path, prefix: &str, suffix: &str) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| {
                    p.file_name()
                        .and_then(|n| n.to_str())
                        .is_some_and(|n| n.starts_with(prefix) && n.ends_with(suffix))
                })
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

/// The first "N of M KPIs met" on the screen, as (N, M).
fn verdict_counts(text: &str) -> Option<(usize, usize)> {
    let at = text.find(" KPIs met")?;
    // The words before it; a pane border may touch the first one.
    let words: Vec<&str> = text[..at]
        .split_whitespace()
        .rev()
        .take(3)
        .map(|w| w.trim_matches(|c: char| !c.is_ascii_alphanumeric()))
        .collect();
    match words.as_slice() {
        [m, "of", n] => Some((n.parse().ok()?, m.parse().ok()?)),
        _ => None,
    }
}

#[test]
fn newcomer_flow_from_demo_to_exported_scorecard() {
    let started = Instant::now();
    let (home, cwd) = engage_home();
    let mut args: Vec<&OsStr> = vec![OsStr::new("--home"), home.path().as_os_str()];
    args.push(OsStr::new("--fresh"));
    let mut tui = Tui::spawn(args, cwd.path());

    // 1 Data: the demo loads; the bottom bar shows the Data step's hints.
    tui.wait_for("the demo loaded in 1 Data", |s| {
        screens::demo_loaded_in_data_step(&s.contents())
    });

    // 2 Objective: choose the "Website audience loyalty" template.
    tui.send("2");
    tui.wait_text("Objective templates");
    tui.move_to("Website audience loyalty", 12);
    tui.send(ENTER);
    // Browsing a template makes nothing: Enter asks, y makes the plan.
    tui.wait_text("Make the plan website-loyalty from the");
    tui.send("y");
    let plans_dir = home.path().join("plans");
    tui.wait_for("the plan website-loyalty, shown and saved", |s| {
        s.contents().contains("website-loyalty") && !files_like(&plans_dir, "", ".json").is_empty()
    });
    let plans = files_like(&plans_dir, "", ".json");
    assert_eq!(
        plans.len(),
        1,
        "one plan file under <home>/plans: {plans:?}"
    );

    // 3 Metrics: add a metric that is not a KPI yet, then set its target.
    let er = engage::measure::metric("er_reach").expect("er_reach in the catalogue");
    tui.send("3");
    tui.wait_text("Primary for");
    assert!(
        tui.text().contains(&format!("○ {}", er.text().name)),
        "{} starts as not a KPI:\n{}",
        er.text().name,
        tui.framed()
    );
    tui.move_to(er.text().name, 40);
    tui.send(" ");
    tui.wait_text(&format!("● {}", er.text().name));
    tui.send("t");
    tui.wait_text(&format!("Target for {}", er.text().name));
    tui.send(">= 5%");
    tui.wait_text(">= 5%");
    tui.send(ENTER);
    tui.wait_text(&format!("target for {}", er.text().name));
    let target = engage::measure::plan::parse_target(">= 5%", er)
        .expect("the target parses")
        .expect("a target, not none");
    let shown_target = engage::measure::format::target(er, &target);

    // 4 Charts: KPI cards and the chart of the selected KPI with its target.
    tui.send("4");
    tui.wait_for("the KPI cards and a chart with its target", |s| {
        let t = s.contents();
        t.contains("Direct traffic share by day") && t.contains("target")
    });
    // The added KPI is the last card: End goes to it (Left from the first stays: no wrap).
    tui.send("G");
    let chart_title = format!("{} by day", er.text().name);
    tui.wait_for("the chart of the added KPI", |s| {
        let t = s.contents();
        t.contains(&chart_title) && t.contains(&format!("target {shown_target}"))
    });

    // 5 Review: the scorecard and its verdict.
    tui.send("5");
    tui.wait_for("the scorecard's verdict", |s| {
        verdict_counts(&s.contents()).is_some()
    });
    let (met, all) = verdict_counts(&tui.text()).expect("verdict");
    let plan_path = plans[0].clone();
    let plan: serde_json::Value =
        serde_json::from_str(&read(&plan_path)).expect("the plan file is JSON");
    let kpis = plan["kpis"].as_array().expect("kpis").len();
    assert_eq!(all, kpis, "the verdict counts every KPI of the plan");
    assert!(met <= all);
    assert!(
        tui.text().contains(er.text().name),
        "the scorecard lists the added KPI"
    );

    // Export Markdown, then quit.
    tui.send("e");
    tui.wait_text("Export the review as");
    tui.send("m");
    tui.wait_text("exported ");
    tui.send("q");
    let code = tui.wait_exit();
    assert_eq!(code, 0, "exit status");
    tui.assert_restored();

    // The exported file, in the working folder.
    let exports = files_like(cwd.path(), "engage-", ".md");
    assert_eq!(exports.len(), 1, "one Markdown export: {exports:?}");
    let md = read(&exports[0]);
    assert!(md.contains("# Scorecard"), "{md}");
    let objective = plan["objective"].as_str().expect("objective");
    assert!(!objective.is_empty());
    assert!(md.contains(objective), "the objective {objective:?}:\n{md}");
    let row = md
        .lines()
        .find(|l| l.starts_with(&format!("| {}", er.text().name)))
        .unwrap_or_else(|| panic!("a row for {}:\n{md}", er.text().name));
    assert!(
        row.contains(&shown_target),
        "the row shows the target {shown_target:?}: {row}"
    );
    // The saved plan has the KPI with its target.
    let plan: serde_json::Value = serde_json::from_str(&read(&plan_path)).expect("JSON");
    let saved = plan["kpis"]
        .as_array()
        .and_then(|k| k.iter().find(|k| k["metric"] == "er_reach"))
        .expect("er_reach saved as a KPI");
    assert!(!saved["target"].is_null(), "its target is saved: {saved}");
    eprintln!(
        "newcomer flow: {:.2} s (app ran {:.2} s)",
        started.elapsed().as_secs_f64(),
        tui.started.elapsed().as_secs_f64()
    );
}

/// `LANG=id_ID.UTF-8 engage` opens the demo in Indonesian, as the README says.
#[test]
fn an_indonesian_locale_opens_the_app_in_indonesian() {
    let (home, cwd) = engage_home();
    let args = [
        OsStr::new("--home"),
        home.path().as_os_str(),
        OsStr::new("--fresh"),
    ];
    let mut tui = Tui::spawn_with_env(args, cwd.path(), &[("LANG", "id_ID.UTF-8")]);
    tui.wait_text("Tinjauan");
    tui.wait_text("bantuan");
    tui.send("q");
    assert_eq!(tui.wait_exit(), 0);
}

#[test]
fn bad_config_is_refused_before_the_alternate_screen() {
    let (home, cwd) = engage_home();
    let config_dir = home.path().join("config");
    std::fs::create_dir_all(&config_dir).expect("config dir");
    let config = config_dir.join("config.toml");
    std::fs::write(
        &config,
        "theme = \"dark\"\n\n[keys.global]\nquit = \"q\"\nteleport = \"t\"\n",
    )
    .expect("write config");
    let mut tui = Tui::spawn([OsStr::new("--home"), home.path().as_os_str()], cwd.path());
    let code = tui.wait_exit();
    let out = String::from_utf8_lossy(&tui.raw).into_owned();
    assert_eq!(code, 1, "exit status; output: {out}");
    assert!(
        !contains(&tui.raw, ENTER_ALT),
        "the alternate screen was entered: {out:?}"
    );
    let expected = format!("{}:5:1", config.display());
    assert!(
        out.contains(&expected),
        "the message names the file and line ({expected}): {out}"
    );
    assert!(out.contains("unknown action `teleport`"), "{out}");
    eprintln!("bad config: {}", out.trim());
}

#[test]
fn ctrl_c_while_editing_text_quits_and_restores_the_terminal() {
    let (home, cwd) = engage_home();
    let mut tui = Tui::spawn(
        [
            OsStr::new("--home"),
            home.path().as_os_str(),
            OsStr::new("--fresh"),
        ],
        cwd.path(),
    );
    tui.wait_for("the demo loaded", |s| {
        let t = s.contents();
        t.contains("Kabar Kini") && t.contains("o open")
    });
    // A new plan starts with its name being edited in place.
    tui.send("2");
    tui.wait_text("Objective templates");
    tui.send("n");
    tui.wait_text("plan▏");
    // While editing, q is text, not quit.
    tui.send("q");
    tui.wait_text("planq▏");
    tui.send(CTRL_C);
    let code = tui.wait_exit();
    assert_eq!(code, 0, "exit status");
    tui.assert_restored();
    // The edit was never confirmed: the plan keeps its name.
    let plans = files_like(&home.path().join("plans"), "", ".json");
    assert_eq!(plans.len(), 1, "{plans:?}");
    let plan: serde_json::Value = serde_json::from_str(&read(&plans[0])).expect("JSON");
    assert_eq!(plan["name"], "plan");
}

impl Tui {
    fn pid(&self) -> String {
        self.session.get_process().pid().to_string()
    }

    /// Sends `signal` (a name `kill` takes) to the app.
    fn signal(&self, signal: &str) {
        let ok = Command::new("kill")
            .args([&format!("-{signal}"), &self.pid()])
            .status()
            .expect("kill")
            .success();
        assert!(ok, "kill -{signal}");
    }
}

fn demo_tui() -> (tempfile::TempDir, tempfile::TempDir, Tui) {
    let (home, cwd) = engage_home();
    let mut tui = Tui::spawn(
        [
            OsStr::new("--home"),
            home.path().as_os_str(),
            OsStr::new("--fresh"),
        ],
        cwd.path(),
    );
    tui.wait_for("the demo loaded", |s| {
        let t = s.contents();
        t.contains("Kabar Kini") && t.contains("o open")
    });
    (home, cwd, tui)
}

/// SIGTERM (and SIGHUP, as a closed SSH session sends) ends the app with the terminal given
/// back: main screen, cursor shown, cooked mode; the exit status says which signal.
#[test]
fn a_termination_signal_restores_the_terminal() {
    for (signal, number) in [("TERM", 15), ("HUP", 1)] {
        let (_home, _cwd, mut tui) = demo_tui();
        tui.signal(signal);
        let code = tui.wait_exit();
        assert_eq!(code, 128 + number, "exit status after SIG{signal}");
        tui.assert_restored();
    }
}

/// A stop (Ctrl-Z in the app, or SIGTSTP from outside) gives the terminal back, and on
/// continuing the app takes it again and redraws; keys work as before.
#[test]
fn a_stop_gives_the_terminal_back_and_a_continue_redraws() {
    let (_home, _cwd, mut tui) = demo_tui();
    for stop in [Stop::Key, Stop::Signal] {
        let entered = tui.raw.len();
        match stop {
            Stop::Key => tui.send("\u{1a}"),
            Stop::Signal => tui.signal("TSTP"),
        }
        // Given back (the alternate screen left, the cursor shown), then taken again on
        // continuing, with a full redraw. (A process group without a job-control shell
        // ignores the stop itself, so the app may go on at once: the bytes tell.)
        let given_back_and_taken = |raw: &[u8]| {
            let tail = &raw[entered..];
            let left = rfind(tail, LEAVE_ALT);
            let back = rfind(tail, ENTER_ALT);
            matches!((left, back), (Some(l), Some(b)) if b > l)
        };
        // Once it has left the screen and stopped, continue it (as `fg` does).
        let deadline = Instant::now() + DEADLINE;
        while rfind(&tui.raw[entered..], LEAVE_ALT).is_none() {
            assert!(Instant::now() < deadline, "the terminal was not given back");
            tui.pump(Duration::from_millis(50));
        }
        let stopped_by = Instant::now() + Duration::from_secs(3);
        while Instant::now() < stopped_by
            && !matches!(
                tui.session.get_process().status(),
                Ok(WaitStatus::Stopped(..))
            )
        {
            std::thread::sleep(Duration::from_millis(20));
        }
        tui.signal("CONT");
        while !given_back_and_taken(&tui.raw) {
            assert!(
                Instant::now() < deadline,
                "no leave and re-enter after the stop: {:?}",
                String::from_utf8_lossy(&tui.raw[entered.saturating_sub(20)..])
                    .chars()
                    .take(600)
                    .collect::<String>()
            );
            tui.pump(Duration::from_millis(50));
        }
        let tail = &tui.raw[entered..];
        let left = rfind(tail, LEAVE_ALT).unwrap();
        assert!(contains(&tail[left..], SHOW_CURSOR) || contains(&tail[..left], SHOW_CURSOR));
        tui.wait_for("the app redrawn", |s| {
            s.alternate_screen() && s.contents().contains("Kabar Kini")
        });
    }
    tui.send("3");
    tui.wait_text("Metrics for");
    tui.send("q");
    assert_eq!(tui.wait_exit(), 0);
    tui.assert_restored();
}

enum Stop {
    Key,
    Signal,
}

/// A paste is text for the field that has the keys, never keys: pasted over a plan list it
/// cannot answer "delete?" with the y of "Daily", and into a filter it arrives whole.
#[test]
fn a_paste_is_text_never_keys() {
    let (home, _cwd, mut tui) = demo_tui();
    // A plan, selected in 2 Objective.
    tui.send("2");
    tui.wait_text("Objective templates");
    tui.send(ENTER);
    tui.wait_text("y yes");
    tui.send("y");
    tui.wait_text("Plan awareness");
    let plans = || files_like(&home.path().join("plans"), "", ".json").len();
    assert_eq!(plans(), 1);
    tui.send("D");
    tui.wait_text("y yes");
    tui.send("\u{1b}[200~Daily report by Yusuf\u{1b}[201~");
    tui.wait_text("paste ignored");
    assert_eq!(plans(), 1, "the paste answered nothing");
    tui.send("n");
    // Into the posts filter, whole, with its line break made a space.
    tui.send("4");
    tui.wait_text("Posts in the window");
    tui.send("/");
    tui.wait_text("Filter");
    tui.send("\u{1b}[200~bogor\nkota\u{1b}[201~");
    tui.wait_text("bogor kota");
    tui.send(CTRL_C);
    assert_eq!(tui.wait_exit(), 0);
    tui.assert_restored();
}

/// The terminal going away (an SSH session that dropped, a tmux pane killed) ends the app
/// within seconds. crossterm's event poll spins for ever on a dead tty (crossterm #793), so
/// without the watchdog the app stayed alive at 100% of a core. The test owns the PTY's
/// master itself (expectrl kills its child when its session is dropped), waits for the demo,
/// closes the master, and times the exit.
#[test]
fn a_vanished_terminal_ends_the_app() {
    use std::os::fd::FromRawFd;
    use std::os::unix::process::CommandExt;
    let (home, cwd) = engage_home();
    let (mut master, mut slave) = (0, 0);
    let size = libc::winsize {
        ws_row: ROWS,
        ws_col: COLS,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    // SAFETY: openpty writes the two descriptors; the name and termios are not asked for.
    let opened = unsafe {
        libc::openpty(
            &mut master,
            &mut slave,
            std::ptr::null_mut(),
            std::ptr::null(),
            &size,
        )
    };
    assert_eq!(opened, 0, "openpty");
    // The child must not inherit the master (a terminal emulator's is close-on-exec), or the
    // terminal never goes away.
    // SAFETY: fcntl on descriptors openpty just returned.
    unsafe {
        libc::fcntl(master, libc::F_SETFD, libc::FD_CLOEXEC);
        libc::fcntl(slave, libc::F_SETFD, libc::FD_CLOEXEC);
    }
    let stdio = || {
        // SAFETY: a fresh duplicate of the slave, owned by the Stdio.
        unsafe { std::process::Stdio::from_raw_fd(libc::dup(slave)) }
    };
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_engage"));
    cmd.args([
        OsStr::new("--home"),
        home.path().as_os_str(),
        OsStr::new("--fresh"),
    ])
    .current_dir(cwd.path())
    .env("TERM", "xterm-256color")
    .env_remove("NO_COLOR")
    .env_remove("ENGAGE_HOME")
    .env_remove("LANG")
    .env_remove("LC_ALL")
    .env_remove("LC_MESSAGES")
    .stdin(stdio())
    .stdout(stdio())
    .stderr(stdio());
    // SAFETY: only async-signal-safe calls between fork and exec: a new session whose
    // controlling terminal is the PTY, as a terminal emulator starts a shell.
    unsafe {
        cmd.pre_exec(|| {
            libc::setsid();
            libc::ioctl(0, libc::TIOCSCTTY, 0);
            Ok(())
        });
    }
    let mut child = cmd.spawn().expect("spawn engage");
    // SAFETY: the test's own copy of the slave, no longer needed.
    unsafe { libc::close(slave) };
    // Read what the app draws until the demo is on screen.
    let mut seen = Vec::new();
    let deadline = Instant::now() + DEADLINE;
    while !contains(&seen, b"Kabar Kini") {
        assert!(Instant::now() < deadline, "the demo did not load");
        let mut fd = libc::pollfd {
            fd: master,
            events: libc::POLLIN,
            revents: 0,
        };
        // SAFETY: one valid pollfd; a read of at most the buffer's length.
        unsafe {
            if libc::poll(&mut fd, 1, 100) > 0 {
                let mut buf = [0u8; 4096];
                let n = libc::read(master, buf.as_mut_ptr().cast(), buf.len());
                if n > 0 {
                    seen.extend_from_slice(&buf[..n as usize]);
                }
            }
        }
    }
    // The terminal goes away.
    // SAFETY: the master is ours and closed once.
    unsafe { libc::close(master) };
    let closed = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if closed.elapsed() > Duration::from_secs(10) {
            let _ = child.kill();
            panic!("engage still running 10 s after its terminal went away");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(
        closed.elapsed() < Duration::from_secs(5),
        "ended after {:?}",
        closed.elapsed()
    );
    assert_eq!(
        status.code(),
        Some(129),
        "ended as a hangup ends it: {status:?}"
    );
}
