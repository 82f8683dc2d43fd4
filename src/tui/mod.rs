//! The interactive app: Data -> Objective -> Metrics -> Charts -> Review, in panes, by
//! keyboard. One layer over the library: every number comes from `measure`, every file from
//! `snapshot` and `plans`.
//!
//! A plain synchronous loop draws, waits briefly for input, and applies what arrived: keys
//! (through the keymap, as actions) and results from one worker thread that loads files, so
//! the screen keeps answering while a large file loads. The terminal is restored on every
//! exit path: on return (a drop guard), and on panic (a hook installed before ratatui's).

pub mod action;
pub mod app;
mod apply;
pub mod config;
pub mod effect;
pub mod keymap;
pub mod lens;
pub mod results;
pub mod sanitize;
pub mod session;
pub mod steps;
pub mod theme;
pub mod view;
pub mod widgets;
pub mod window;

use std::io::{self, stdout};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::{Duration, Instant};

use crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event, KeyCode, KeyEventKind, KeyModifiers,
};
use crossterm::execute;

use crate::folders::Folders;
use crate::measure::Prepared;
use crate::snapshot::LoadControl;
use crate::snapshot::load::{DEMO_JSON, DEMO_NAME, Source};
use app::{App, LoadResult, Loading, Msg};

/// What the command line asks of the app.
#[derive(Clone, Debug, Default)]
pub struct Options {
    pub paths: Vec<PathBuf>,
    /// Ignore the last session.
    pub fresh: bool,
    pub home: Option<PathBuf>,
    /// How platform exports are read.
    pub import: crate::import::Options,
}

/// Why the app cannot start (reported before the terminal is taken over).
#[derive(Debug, thiserror::Error)]
pub enum PrepareError {
    #[error(transparent)]
    Folders(#[from] crate::folders::NoHomeFolder),
    #[error(transparent)]
    Config(#[from] config::ConfigError),
}

/// Builds the app for `options` (config, theme, folders, last session), before any
/// terminal work, so a bad config is reported on a normal screen.
pub fn prepare(options: &Options) -> Result<App, PrepareError> {
    let folders = Folders::resolve(options.home.as_deref())?;
    let (mut config, _) = config::load(&folders.config)?;
    crate::i18n::set_from_config(config.lang);
    config.keymap.localize();
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let theme = theme::Theme::new(config.theme, no_color);
    let mut app = App::new(&config, theme, folders);
    app.model.import = options.import.clone();
    let last = if options.fresh {
        None
    } else {
        session::load(&app.model.folders.data)
    };
    let mut reopened = Vec::new();
    let source = if !options.paths.is_empty() {
        Source::Files(options.paths.clone())
    } else if let Some(files) = last
        .as_ref()
        .map(|s| s.files.clone())
        .filter(|f| !f.is_empty() && f.iter().all(|p| p.exists()))
    {
        reopened.push(crate::i18n::trf(
            "data.reopened_files",
            &[("n", &files.len())],
        ));
        Source::Files(files)
    } else {
        Source::Demo
    };
    if let Some(name) = last.as_ref().and_then(|s| s.plan.clone())
        && let Ok(file) = app.model.plans.find(&name)
    {
        reopened.push(crate::i18n::trf(
            "data.reopened_plan",
            &[("name", &file.plan.name)],
        ));
        app.model.plan = Some(file);
    }
    if !reopened.is_empty() {
        app.info(crate::i18n::trf(
            "msg.reopened",
            &[
                ("prefix", &crate::i18n::tr("msg.reopened_prefix")),
                ("what", &reopened.join(", ")),
            ],
        ));
    }
    app.request_load(source);
    Ok(app)
}

/// Runs the app until the user quits.
pub fn run(options: &Options) -> io::Result<u8> {
    let mut app = match prepare(options) {
        Ok(app) => app,
        Err(e) => {
            eprintln!(
                "engage: error: {}",
                crate::text::escape_controls(&e.to_string())
            );
            return Ok(1);
        }
    };
    let signals = Signals::register()?;
    let guard = TerminalGuard::enter(app.ui.mouse)?;
    let mut terminal = guard.terminal()?;
    let (tx, rx) = channel();
    let result = event_loop(&mut terminal, &mut app, &tx, &rx, &guard, &signals);
    drop(guard);
    // After the terminal is given back: a quit never waits with the screen frozen.
    finish_cache_writes();
    for panic in WORKER_PANICS
        .lock()
        .map(|mut all| std::mem::take(&mut *all))
        .unwrap_or_default()
    {
        eprintln!("engage: a worker thread stopped: {panic}");
    }
    // A terminal that went away fails the next draw or read: that is a hangup, not an error.
    #[cfg(unix)]
    let result = match result {
        Err(e) => match signals.ended() {
            Some(signal) => Ok(Some(signal)),
            None if tty_hung_up() || is_gone(&e) => Ok(Some(signal_hook::consts::SIGHUP as usize)),
            None => Err(e),
        },
        ok => ok,
    };
    match result {
        // Ended by a signal: the terminal is restored (the guard above); exit as the shell
        // expects of a process a signal ended.
        Ok(Some(signal)) => Ok(128 + signal as u8),
        Ok(None) => Ok(0),
        Err(e) => Err(e),
    }
}

/// Signals that end or pause the app, noted by their handlers and acted on by the event loop
/// (which wakes at least every 250 ms), so the terminal is restored on SIGTERM, SIGHUP and
/// SIGINT, and given back and taken again around a stop (SIGTSTP from outside, or Ctrl-Z).
struct Signals {
    end: std::sync::Arc<std::sync::atomic::AtomicUsize>,
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
}

impl Signals {
    #[cfg(unix)]
    fn register() -> io::Result<Signals> {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM, SIGTSTP};
        let end = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        for signal in [SIGTERM, SIGHUP, SIGINT] {
            signal_hook::flag::register_usize(
                signal,
                std::sync::Arc::clone(&end),
                signal as usize,
            )?;
        }
        signal_hook::flag::register(SIGTSTP, std::sync::Arc::clone(&stop))?;
        watchdog(std::sync::Arc::clone(&end));
        Ok(Signals { end, stop })
    }

    #[cfg(not(unix))]
    fn register() -> io::Result<Signals> {
        Ok(Signals {
            end: Default::default(),
            stop: Default::default(),
        })
    }

    /// The signal that asked the app to end, if one did.
    fn ended(&self) -> Option<usize> {
        match self.end.load(std::sync::atomic::Ordering::Relaxed) {
            0 => None,
            s => Some(s),
        }
    }

    fn stop_asked(&self) -> bool {
        self.stop.swap(false, std::sync::atomic::Ordering::Relaxed)
    }
}

/// How long the event loop has to end by itself once a signal asked it to.
#[cfg(unix)]
const GRACE: Duration = Duration::from_millis(1500);

/// Ends the process when the event loop cannot: crossterm's event poll spins for ever once
/// the terminal is gone (a dead tty stays readable and its read loop retries: crossterm
/// issue #793), so the loop never sees a SIGHUP's flag, and an SSH session that dropped would
/// leave engage burning a core. Every 200 ms this thread looks at the end flag, and at
/// whether stdin's terminal has hung up (noted as SIGHUP: some hangups send no signal); once
/// one is set, the loop has [`GRACE`] to end and give the terminal back itself, and then the
/// process exits with 128 + the signal. Nothing is lost: plans are saved on every change.
#[cfg(unix)]
fn watchdog(end: std::sync::Arc<std::sync::atomic::AtomicUsize>) {
    use std::sync::atomic::Ordering;
    let watches_tty = {
        // SAFETY: isatty only reads the descriptor's type.
        unsafe { libc::isatty(0) == 1 }
    };
    std::thread::spawn(move || {
        let mut asked: Option<Instant> = None;
        loop {
            std::thread::sleep(Duration::from_millis(200));
            if end.load(Ordering::Relaxed) == 0 && watches_tty && tty_hung_up() {
                let _ = end.compare_exchange(
                    0,
                    signal_hook::consts::SIGHUP as usize,
                    Ordering::Relaxed,
                    Ordering::Relaxed,
                );
            }
            let signal = end.load(Ordering::Relaxed);
            if signal == 0 {
                continue;
            }
            if asked.get_or_insert_with(Instant::now).elapsed() >= GRACE {
                give_back_and_exit(128 + signal as i32);
            }
        }
    });
}

/// Gives back what can be given of the terminal (it may be gone) and exits at once. Not
/// through `stdout()`: the stuck main thread holds its lock for the whole run.
#[cfg(unix)]
fn give_back_and_exit(code: i32) -> ! {
    // Mouse and paste off, the main screen, the cursor shown, attributes reset.
    const RESTORE: &[u8] =
        b"\x1b[?1000l\x1b[?1002l\x1b[?1003l\x1b[?1006l\x1b[?2004l\x1b[?1049l\x1b[?25h\x1b[0m";
    let _ = crossterm::terminal::disable_raw_mode();
    // SAFETY: a write of a static buffer to fd 1, then _exit (no destructor or flush runs:
    // plans are saved on every change, and the stuck thread's buffers belong to a terminal
    // that is gone).
    unsafe {
        libc::write(1, RESTORE.as_ptr().cast(), RESTORE.len());
        libc::_exit(code)
    }
}

/// Whether an error from the terminal says it is gone: EIO on a hung-up tty, ENXIO once its
/// device is released.
#[cfg(unix)]
fn is_gone(e: &io::Error) -> bool {
    matches!(e.raw_os_error(), Some(libc::EIO | libc::ENXIO))
}

/// Whether stdin's terminal has hung up (its other side closed).
#[cfg(unix)]
fn tty_hung_up() -> bool {
    let mut fd = libc::pollfd {
        fd: 0,
        events: libc::POLLIN,
        revents: 0,
    };
    // SAFETY: one valid pollfd, no wait.
    let n = unsafe { libc::poll(&mut fd, 1, 0) };
    n > 0 && fd.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0
}

/// Gives the terminal back, stops the process as a shell's Ctrl-Z does, and takes the
/// terminal again when the shell continues it (`fg`), redrawing everything.
#[cfg(unix)]
fn suspend(terminal: &mut ratatui::DefaultTerminal, guard: &TerminalGuard) -> io::Result<()> {
    guard.leave();
    signal_hook::low_level::emulate_default_handler(signal_hook::consts::SIGTSTP)?;
    // Continued.
    guard.take(terminal)
}

#[cfg(not(unix))]
fn suspend(_: &mut ratatui::DefaultTerminal, _: &TerminalGuard) -> io::Result<()> {
    Ok(())
}

/// Runs until the user quits (`None`) or a signal ends the app (`Some(signal)`).
fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    tx: &Sender<Msg>,
    rx: &Receiver<Msg>,
    guard: &TerminalGuard,
    signals: &Signals,
) -> io::Result<Option<usize>> {
    loop {
        if let Some(signal) = signals.ended() {
            return Ok(Some(signal));
        }
        if signals.stop_asked() {
            suspend(terminal, guard)?;
        }
        if let Some(source) = app.load_request.take() {
            start_load(app, source, tx.clone());
        }
        if let Some(job) = app.lens_request.take() {
            on_worker(tx, move || Msg::Lens(Box::new(job.run())));
        }
        if let Some(job) = app.findings_request.take() {
            on_worker(tx, move || Msg::Findings(Box::new(job.run())));
        }
        if let Some(text) = app.clipboard.take() {
            copy_osc52(&text)?;
        }
        app.tick();
        terminal.draw(|f| view::render(f, app))?;
        if app.ui.quit {
            return Ok(None);
        }
        // While loading, wake often: for the progress bar, and to show the data as soon as
        // the worker has it.
        let timeout = if app.model.data.loading.is_some()
            || app.model.lens.pending()
            || app.model.findings.pending()
        {
            Duration::from_millis(10)
        } else {
            Duration::from_millis(250)
        };
        if event::poll(timeout)? {
            match event::read()? {
                // Ctrl-Z in raw mode is a key, not a signal: suspend as a shell would.
                Event::Key(k)
                    if k.kind != KeyEventKind::Release
                        && k.code == KeyCode::Char('z')
                        && k.modifiers.contains(KeyModifiers::CONTROL) =>
                {
                    suspend(terminal, guard)?;
                }
                Event::Key(k) if k.kind != KeyEventKind::Release => app.update(Msg::Key(k)),
                Event::Resize(..) => app.update(Msg::Resize),
                Event::Paste(text) => app.update(Msg::Paste(text)),
                Event::Mouse(m) if app.ui.mouse => app.update(Msg::Mouse(m.kind)),
                _ => {}
            }
        }
        while let Ok(msg) = rx.try_recv() {
            app.update(msg);
        }
    }
}

/// Puts `text` on the clipboard through the terminal (OSC 52): it works over SSH, where no
/// local clipboard tool could reach the user's machine. Terminals that refuse it ignore it.
fn copy_osc52(text: &str) -> io::Result<()> {
    use base64::Engine;
    use std::io::Write;
    let encoded = base64::engine::general_purpose::STANDARD.encode(text);
    let mut out = stdout();
    write!(out, "\x1b]52;c;{encoded}\x07")?;
    out.flush()
}

/// Loads `source` on a worker thread; the result comes back as [`Msg::Loaded`].
pub fn start_load(app: &mut App, source: Source, tx: Sender<Msg>) {
    if let Some(previous) = &app.model.data.loading {
        previous
            .control
            .cancel
            .store(true, std::sync::atomic::Ordering::Relaxed);
    }
    let (label, total) = match &source {
        Source::Demo => (
            crate::i18n::trf(
                "msg.loading_demo",
                &[("name", &crate::snapshot::load::shown_name(DEMO_NAME))],
            ),
            DEMO_JSON.len() as u64,
        ),
        Source::Files(files) => (
            crate::i18n::trf("data.loading_files", &[("n", &files.len())]),
            files
                .iter()
                .filter_map(|p| std::fs::metadata(p).ok())
                .map(|m| m.len())
                .sum(),
        ),
    };
    let control = LoadControl::default();
    // The data first: a new cache entry is written beside it (see `load_now`).
    let options = crate::import::Options {
        defer_cache_write: true,
        ..app.model.import.clone()
    };
    app.model.data.loading = Some(Loading {
        label,
        total,
        control: control.clone(),
        started: Instant::now(),
        elapsed_ms: 0,
    });
    std::thread::spawn(move || {
        // A bug met while loading (in engage or a library it reads a file with) ends the load,
        // not the app: the previous data stays and the message says what happened.
        let loaded = crate::panics::catch(|| load_now(source.clone(), &options, &control))
            .unwrap_or_else(|why| LoadResult {
                failed: Some(why),
                ..LoadResult::empty(source)
            });
        let _ = tx.send(Msg::Loaded(Box::new(loaded)));
    });
}

/// Runs `work` on a thread of its own and sends what it gives; a bug met there (a panic)
/// is sent as such, for the status line, and the app goes on.
fn on_worker(tx: &Sender<Msg>, work: impl FnOnce() -> Msg + Send + 'static) {
    let tx = tx.clone();
    std::thread::spawn(move || {
        let msg = crate::panics::catch(work).unwrap_or_else(Msg::WorkerFailed);
        let _ = tx.send(msg);
    });
}

/// Panics of threads other than the UI's while the app runs, said after the terminal is
/// given back (printed at once, they would land in the middle of the screen).
static WORKER_PANICS: std::sync::Mutex<Vec<String>> = std::sync::Mutex::new(Vec::new());

/// Cache entries being written beside the data shown; the app waits for them as it ends, so
/// that an entry is not lost to a quick quit.
static CACHE_WRITES: std::sync::Mutex<Vec<std::thread::JoinHandle<()>>> =
    std::sync::Mutex::new(Vec::new());

/// Waits for the cache entries being written.
fn finish_cache_writes() {
    let writes = CACHE_WRITES
        .lock()
        .map(|mut all| std::mem::take(&mut *all))
        .unwrap_or_default();
    for w in writes {
        let _ = w.join();
    }
}

/// Loads, merges, pre-aggregates and summarises `source` (what the worker does).
pub fn load_now(
    source: Source,
    options: &crate::import::Options,
    control: &LoadControl,
) -> LoadResult {
    match crate::open::open(&source, options, control) {
        Ok(opened) => {
            let loaded = opened.loaded;
            let store = loaded.store.map(Arc::new);
            if let (Some(entry), Some(store)) = (opened.pending, &store) {
                let store = Arc::clone(store);
                if let Ok(writing) = std::thread::Builder::new()
                    .name("engage-cache".into())
                    .spawn(move || entry.write(&store))
                    && let Ok(mut all) = CACHE_WRITES.lock()
                {
                    all.push(writing);
                }
            }
            let prepared = store.clone().map(|s| Arc::new(Prepared::new(s)));
            let summary = store.as_deref().map(crate::summary::summarize);
            LoadResult {
                files: loaded.files,
                skipped: opened.skipped,
                store,
                prepared,
                summary,
                ..LoadResult::empty(source)
            }
        }
        Err(_) => LoadResult {
            cancelled: true,
            ..LoadResult::empty(source)
        },
    }
}

/// Raw mode and the alternate screen while alive; restored on drop and on panic.
struct TerminalGuard {
    mouse: bool,
}

impl TerminalGuard {
    fn enter(mouse: bool) -> io::Result<TerminalGuard> {
        // Installed first, so it runs after ratatui's own hook has left the alternate screen.
        let previous = std::panic::take_hook();
        let ui = std::thread::current().id();
        std::panic::set_hook(Box::new(move |info| {
            if crate::panics::is_caught() {
                // Turned into an error where it is caught: nothing to restore or keep.
                return;
            }
            if std::thread::current().id() != ui {
                // A worker (a load, a lens, a decoder): the app goes on, and the thread that
                // waits for the worker says it failed; what it said is kept for the end.
                if let Ok(mut all) = WORKER_PANICS.lock() {
                    all.push(info.to_string());
                }
                return;
            }
            let _ = execute!(stdout(), DisableMouseCapture, DisableBracketedPaste);
            // try_restore: restore() prints its error, and a print to a terminal that is gone
            // panics, inside this hook: an abort.
            let _ = ratatui::try_restore();
            previous(info);
        }));
        Ok(TerminalGuard { mouse })
    }

    fn terminal(&self) -> io::Result<ratatui::DefaultTerminal> {
        // As ratatui::try_init does, but without its panic hook (the one above restores, and
        // ratatui's would print to a stderr that may be gone).
        crossterm::terminal::enable_raw_mode()?;
        execute!(stdout(), crossterm::terminal::EnterAlternateScreen)?;
        let terminal = ratatui::Terminal::new(ratatui::backend::CrosstermBackend::new(stdout()))?;
        self.modes()?;
        Ok(terminal)
    }

    /// Bracketed paste always (a paste arrives as text, never as keys), the mouse if asked.
    fn modes(&self) -> io::Result<()> {
        execute!(stdout(), EnableBracketedPaste)?;
        if self.mouse {
            execute!(stdout(), EnableMouseCapture)?;
        }
        Ok(())
    }

    /// Gives the terminal back as it was (cooked mode, main screen, cursor shown).
    fn leave(&self) {
        if self.mouse {
            let _ = execute!(stdout(), DisableMouseCapture);
        }
        let _ = execute!(stdout(), DisableBracketedPaste);
        let _ = ratatui::try_restore();
        let _ = execute!(stdout(), crossterm::cursor::Show);
    }

    /// Takes the terminal again after a stop: raw mode, the alternate screen, a full redraw.
    #[cfg(unix)]
    fn take(&self, terminal: &mut ratatui::DefaultTerminal) -> io::Result<()> {
        use crossterm::terminal::{Clear, ClearType, EnterAlternateScreen, enable_raw_mode};
        enable_raw_mode()?;
        execute!(stdout(), EnterAlternateScreen, Clear(ClearType::All))?;
        self.modes()?;
        // Both buffers blank, as the cleared screen is, so the next draw paints every cell.
        // (`Terminal::clear` would ask the terminal where its cursor is, which not every
        // terminal answers.)
        terminal.swap_buffers();
        terminal.swap_buffers();
        Ok(())
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        self.leave();
    }
}
