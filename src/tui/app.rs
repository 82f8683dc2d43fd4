//! The application state and its one entry point for change, [`App::update`].
//!
//! Keys become [`Action`]s through the keymap (or text, while a field is being edited);
//! each step handles its own actions in `steps/`; loads run on a worker thread and come
//! back as [`Msg::Loaded`]. Rendering (`view.rs`) only reads this state. Every number shown
//! comes from `measure`, computed here when the query changes (`results.rs`), never while
//! drawing.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseEventKind};

use super::action::{Action, Context};
use super::config::Config;
use super::effect::{Cx, Effect};
use super::keymap::{Key, Keymap};
use super::results::Results;
use super::steps;
use super::theme::Theme;
use super::widgets::text_input::{Outcome, TextInput};
use super::window::WindowState;
use crate::folders::Folders;
use crate::measure::Prepared;
use crate::plans::{Listing, PlanFile, PlanStore};
use crate::snapshot::LoadControl;
use crate::snapshot::Store;
use crate::snapshot::load::{FileReport, Source};

/// The five steps, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Step {
    #[default]
    Data,
    Objective,
    Metrics,
    Charts,
    Review,
}

impl Step {
    pub const ALL: [Step; 5] = [
        Step::Data,
        Step::Objective,
        Step::Metrics,
        Step::Charts,
        Step::Review,
    ];

    /// The step's name in the language shown.
    pub fn name(self) -> &'static str {
        crate::i18n::tr(match self {
            Step::Data => "step.data",
            Step::Objective => "step.objective",
            Step::Metrics => "step.metrics",
            Step::Charts => "step.charts",
            Step::Review => "step.review",
        })
    }

    pub fn number(self) -> usize {
        Step::ALL.iter().position(|s| *s == self).unwrap_or(0) + 1
    }

    pub fn context(self) -> Context {
        match self {
            Step::Data => Context::Data,
            Step::Objective => Context::Objective,
            Step::Metrics => Context::Metrics,
            Step::Charts => Context::Charts,
            Step::Review => Context::Review,
        }
    }

    /// How many panes the step has (Tab cycles through them).
    pub fn panes(self) -> usize {
        match self {
            Step::Data => 3,
            Step::Objective => 2,
            Step::Metrics => 2,
            Step::Charts => 3,
            Step::Review => 2,
        }
    }
}

/// A line in the bottom bar.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub error: bool,
}

/// A modal line of input.
#[derive(Clone, Debug, PartialEq)]
pub struct Prompt {
    pub kind: PromptKind,
    pub title: String,
    pub hint: String,
    pub input: TextInput,
    pub error: Option<String>,
    /// Path completions offered by Tab (open file).
    pub completions: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PromptKind {
    OpenFile,
    Window,
    Target(&'static str),
    Filter,
}

/// What a confirmation does on "yes".
#[derive(Clone, Debug, PartialEq)]
pub enum Confirm {
    /// Delete this plan's file (if it still holds what was read).
    DeletePlan(Box<PlanFile>),
    /// Make a plan from the template with this id (browsing templates makes nothing).
    PlanFromTemplate(&'static str),
    /// Quit although the plan's last change is not saved.
    QuitUnsaved,
    /// Leave a plan whose last change is not saved for this one.
    UseDiscarding(Box<PlanFile>),
}

/// Something drawn over the step.
#[derive(Clone, Debug, PartialEq)]
pub enum Overlay {
    Help {
        query: TextInput,
        scroll: usize,
    },
    Prompt(Prompt),
    Confirm {
        text: String,
        then: Confirm,
    },
    PostDetail {
        row: usize,
        scroll: usize,
    },
    /// The posts table's column chooser, with its cursor.
    Columns {
        cursor: usize,
    },
    /// Review's export: which format.
    ExportAs,
}

impl Overlay {
    /// A prompt; its text is offered: typing replaces it, moving keeps it to edit.
    pub fn prompt(kind: PromptKind, title: &str, hint: &str, text: &str) -> Overlay {
        Overlay::Prompt(Prompt {
            kind,
            title: title.into(),
            hint: hint.into(),
            input: TextInput::prefilled(text),
            error: None,
            completions: Vec::new(),
        })
    }
}

/// A load in progress.
#[derive(Clone, Debug)]
pub struct Loading {
    pub label: String,
    /// Bytes to read in all (0 when unknown).
    pub total: u64,
    pub control: LoadControl,
    pub started: Instant,
    /// Time since `started`, as of the last tick (drawing reads this, not the clock).
    pub elapsed_ms: u64,
}

/// What a finished load brings back from the worker.
#[derive(Debug)]
pub struct LoadResult {
    pub source: Source,
    pub files: Vec<FileReport>,
    /// Files of the folders opened that were not read, with why (not an export, not CSV).
    pub skipped: Vec<(std::path::PathBuf, String)>,
    pub store: Option<Arc<Store>>,
    pub prepared: Option<Arc<Prepared>>,
    /// The summary of the store, computed on the worker (an O(posts) pass).
    pub summary: Option<crate::summary::Summary>,
    pub cancelled: bool,
    /// The load stopped on a bug (a panic on the worker), with what it said.
    pub failed: Option<String>,
}

impl LoadResult {
    /// A load of `source` that gave nothing.
    pub fn empty(source: Source) -> Self {
        LoadResult {
            source,
            files: Vec::new(),
            skipped: Vec::new(),
            store: None,
            prepared: None,
            summary: None,
            cancelled: false,
            failed: None,
        }
    }
}

/// The most characters one paste puts in a field (a whole file pasted by mistake is cut).
pub const PASTE_LIMIT: usize = 10_000;

/// Everything that changes the app, through [`App::update`].
#[derive(Debug)]
pub enum Msg {
    Key(KeyEvent),
    /// The mouse (only when enabled in the config): the wheel scrolls what has the keys.
    Mouse(MouseEventKind),
    /// An action without its key (tests, the bench, the mouse).
    Action(Action),
    Resize,
    Loaded(Box<LoadResult>),
    /// Text pasted in the terminal (bracketed paste): text for the field open, never keys.
    Paste(String),
    /// A lens computed on a worker.
    Lens(Box<crate::tui::lens::LensDone>),
    /// Review's findings computed on a worker.
    Findings(Box<crate::tui::lens::FindingsDone>),
    /// A worker (a lens, the findings) stopped on a bug, with what it said.
    WorkerFailed(String),
}

/// What the app knows about the data loaded (or loading).
#[derive(Debug, Default)]
pub struct DataView {
    pub source: Option<Source>,
    pub files: Vec<FileReport>,
    /// Files of the folders opened that were not read, with why.
    pub skipped: Vec<(std::path::PathBuf, String)>,
    pub store: Option<Arc<Store>>,
    pub prepared: Option<Arc<Prepared>>,
    pub loading: Option<Loading>,
    pub summary: Option<crate::summary::Summary>,
    /// Counts loads, so caches built from one load are never taken for another's.
    pub generation: u64,
}

/// What the app knows: the data, the plans on disk and the one in use, the window, and every
/// figure computed for them. Steps read it; only [`App::update`] and the effects it runs
/// change it.
pub struct Model {
    pub data: DataView,
    pub folders: Folders,
    pub plans: PlanStore,
    /// The plans on disk (and files in their folder that are not readable plans), as last
    /// listed: on start, on entering 2 Objective, and after every plan change.
    pub listing: Listing,
    /// The plan being worked on.
    pub plan: Option<PlanFile>,
    /// Why the plan's last change could not be saved: the change is kept on screen, marked,
    /// and quitting or leaving the plan asks first.
    pub plan_unsaved: Option<String>,
    pub window: WindowState,
    pub results: Results,
    /// Where exports are written (the current folder by default).
    pub export_dir: PathBuf,
    /// How platform exports are read (the command line's flags).
    pub import: crate::import::Options,
    /// How the content lens tells promo posts apart (the config's `[content]`).
    pub content: crate::analysis::settings::ContentSettings,
    /// The lens Charts shows, asked and answered.
    pub lens: crate::tui::lens::LensState,
    /// Review's findings, asked and answered.
    pub findings: crate::tui::lens::FindingsState,
}

/// How it is shown: the step, the focused panes, what is open over them, each step's view,
/// the keymap and the theme.
pub struct Ui {
    pub step: Step,
    /// Focused pane per step.
    pub pane: [usize; 5],
    pub data: steps::data::View,
    pub objective: steps::objective::View,
    pub metrics: steps::metrics::View,
    pub charts: steps::charts::View,
    pub review: steps::review::View,
    pub overlay: Option<Overlay>,
    pub message: Option<Message>,
    pub keymap: Keymap,
    pub theme: Theme,
    pub mouse: bool,
    pub quit: bool,
}

pub struct App {
    pub model: Model,
    pub ui: Ui,
    /// A load the runtime should start (set by update, taken by the event loop).
    pub load_request: Option<Source>,
    /// A lens for the event loop to compute on a worker (tests run it in place).
    pub lens_request: Option<crate::tui::lens::LensJob>,
    /// Findings for the event loop to compute on a worker.
    pub findings_request: Option<crate::tui::lens::FindingsJob>,
    /// Text the runtime should put on the clipboard (taken by the event loop).
    pub clipboard: Option<String>,
}

impl App {
    pub fn new(config: &Config, theme: Theme, folders: Folders) -> App {
        let plans = PlanStore::new(folders.plans());
        App {
            model: Model {
                data: DataView::default(),
                folders,
                plans,
                listing: Listing::default(),
                plan: None,
                plan_unsaved: None,
                window: WindowState::default(),
                results: Results::default(),
                export_dir: PathBuf::from("."),
                import: crate::import::Options::default(),
                content: config.content.clone(),
                lens: Default::default(),
                findings: Default::default(),
            },
            ui: Ui {
                step: Step::Data,
                pane: [0; 5],
                data: steps::data::View::default(),
                objective: steps::objective::View::default(),
                metrics: steps::metrics::View::default(),
                charts: steps::charts::View::default(),
                review: steps::review::View::default(),
                overlay: None,
                message: None,
                keymap: config.keymap.clone(),
                theme,
                mouse: config.mouse,
                quit: false,
            },
            load_request: None,
            lens_request: None,
            findings_request: None,
            clipboard: None,
        }
    }

    pub fn info(&mut self, text: impl Into<String>) {
        self.ui.message = Some(Message {
            text: text.into(),
            error: false,
        });
    }

    pub fn error(&mut self, text: impl Into<String>) {
        self.ui.message = Some(Message {
            text: text.into(),
            error: true,
        });
    }

    /// Asks for `source` to be loaded (by the runtime's worker).
    pub fn request_load(&mut self, source: Source) {
        self.load_request = Some(source);
    }

    /// The focused pane of the current step.
    pub fn focus(&self) -> usize {
        self.ui.pane[self.ui.step.number() - 1]
    }

    /// Where keys go, like yazi's layers: what is open over the step first (an overlay, a
    /// field being edited), then the step.
    pub fn context(&self) -> Context {
        match &self.ui.overlay {
            Some(Overlay::Help { .. }) => Context::Help,
            Some(Overlay::Prompt(_)) => Context::Prompt,
            Some(Overlay::Confirm { .. }) => Context::Confirm,
            Some(Overlay::PostDetail { .. }) => Context::PostDetail,
            Some(Overlay::Columns { .. }) => Context::Columns,
            Some(Overlay::ExportAs) => Context::ExportAs,
            None if self.ui.objective.editing.is_some() => Context::Field,
            None => self.ui.step.context(),
        }
    }

    /// The name of the key that runs `action` where keys go now (for texts that name keys).
    pub fn key_name(&self, action: Action) -> String {
        self.ui.keymap.name_for(self.context(), action)
    }

    /// The name of the key for `action` in `context` (a step's texts, wherever drawn).
    pub fn key_in(&self, context: Context, action: Action) -> String {
        self.ui.keymap.name_for(context, action)
    }

    /// Advances time-based state (the load's elapsed time); the event loop calls it each turn.
    pub fn tick(&mut self) {
        if let Some(loading) = &mut self.model.data.loading {
            loading.elapsed_ms = loading.started.elapsed().as_millis() as u64;
        }
    }

    /// The one way state changes.
    pub fn update(&mut self, msg: Msg) {
        match msg {
            Msg::Resize => {}
            Msg::Loaded(result) => self.loaded(*result),
            Msg::Findings(done) => {
                let done = *done;
                if self.model.findings.deliver(done.key, done.findings) {
                    self.reconcile();
                    let waiting = std::mem::take(&mut self.ui.review.export_waiting);
                    self.run(
                        waiting
                            .into_iter()
                            .map(crate::tui::effect::Effect::Export)
                            .collect(),
                    );
                }
            }
            Msg::Lens(done) => {
                let done = *done;
                if self.model.lens.deliver(done.key, done.output)
                    && std::mem::take(&mut self.ui.charts.export_waiting)
                {
                    self.run(vec![crate::tui::effect::Effect::ExportCsv(
                        steps::charts::CsvExport::Lens,
                    )]);
                }
            }
            Msg::WorkerFailed(why) => {
                self.run(vec![crate::tui::effect::Effect::Error(crate::i18n::trf(
                    "msg.worker_failed",
                    &[("why", &crate::text::escape_controls(&why))],
                ))])
            }
            Msg::Key(key) => self.key(key),
            Msg::Paste(text) => self.paste(&text),
            Msg::Action(action) => {
                self.ui.message = None;
                self.handle(Some(action), None);
            }
            Msg::Mouse(kind) => match kind {
                MouseEventKind::ScrollDown => self.handle(Some(Action::Down), None),
                MouseEventKind::ScrollUp => self.handle(Some(Action::Up), None),
                _ => {}
            },
        }
    }

    /// A paste goes, whole and at once, into the text field that has the keys (the help's
    /// search, a prompt, a plan field); anywhere else it is ignored, so a pasted "Daily
    /// report" can never answer a question or run a command.
    fn paste(&mut self, text: &str) {
        self.ui.message = None;
        let total = text.chars().count();
        let kept: String = text.chars().take(PASTE_LIMIT).collect();
        let mut effects = Vec::new();
        let pasted = match (&mut self.ui.overlay, &mut self.ui.objective.editing) {
            (Some(Overlay::Help { query, scroll }), _) => {
                query.paste(&kept);
                *scroll = 0;
                true
            }
            (Some(Overlay::Prompt(prompt)), _) => {
                prompt.input.paste(&kept);
                prompt.error = None;
                prompt.completions.clear();
                let live = self.model.results.posts <= steps::charts::LIVE_FILTER_LIMIT;
                if prompt.kind == PromptKind::Filter && live {
                    effects.push(Effect::FilterPosts(prompt.input.text.clone()));
                }
                true
            }
            (None, Some((_, input))) => {
                input.paste(&kept);
                true
            }
            _ => false,
        };
        if !pasted {
            self.ui.message = Some(Message {
                text: crate::i18n::tr("msg.paste_ignored").to_owned(),
                error: false,
            });
        } else if total > PASTE_LIMIT {
            self.ui.message = Some(Message {
                text: crate::i18n::trf(
                    "msg.pasted_first",
                    &[
                        ("n", &crate::text::thousands(PASTE_LIMIT as u64)),
                        ("of", &crate::text::thousands(total as u64)),
                    ],
                ),
                error: true,
            });
        }
        self.run(effects);
    }

    fn key(&mut self, key: KeyEvent) {
        // A message stays until the next key (which may set its own).
        self.ui.message = None;
        // Ctrl-C always quits, even mid-edit, so no state can trap the user.
        if key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL) {
            if let Some(loading) = &self.model.data.loading {
                loading
                    .control
                    .cancel
                    .store(true, std::sync::atomic::Ordering::Relaxed);
            }
            self.ui.quit = true;
            return;
        }
        let action = self.ui.keymap.lookup(self.context(), Key::from_event(&key));
        self.handle(action, Some(&key));
    }

    /// Routes an action (and the key, where text is typed) to what has the keys now, then
    /// runs what it asked for.
    fn handle(&mut self, action: Option<Action>, key: Option<&KeyEvent>) {
        let context = self.context();
        let effects = match context {
            Context::Help => {
                self.help_input(action, key);
                Vec::new()
            }
            Context::Prompt => self.prompt_input(action, key),
            Context::Field => {
                let mut cx = Cx::new(&self.model, &self.ui.keymap, self.focus());
                steps::objective::field_input(&mut cx, &mut self.ui.objective, action, key);
                cx.effects
            }
            Context::Confirm => match (self.ui.overlay.take(), action) {
                (Some(Overlay::Confirm { then, .. }), Some(Action::Yes)) => {
                    let mut cx = Cx::new(&self.model, &self.ui.keymap, self.focus());
                    steps::objective::confirmed(&mut cx, then);
                    cx.effects
                }
                (Some(Overlay::Confirm { .. }), Some(Action::No)) => {
                    vec![Effect::Info(crate::i18n::tr("msg.cancelled").into())]
                }
                (other, _) => {
                    self.ui.overlay = other;
                    Vec::new()
                }
            },
            Context::PostDetail => {
                if let Some(Overlay::PostDetail { scroll, .. }) = &mut self.ui.overlay {
                    match action {
                        Some(Action::Back) => self.ui.overlay = None,
                        Some(Action::Down) => *scroll += 1,
                        Some(Action::PageDown) => *scroll += 10,
                        Some(Action::Up) => *scroll = scroll.saturating_sub(1),
                        Some(Action::PageUp) => *scroll = scroll.saturating_sub(10),
                        Some(Action::Home) => *scroll = 0,
                        _ => {}
                    }
                }
                Vec::new()
            }
            Context::Columns => self.columns_input(action),
            Context::ExportAs => {
                use crate::tui::steps::review::ExportFormat;
                let format = match action {
                    Some(Action::ExportMarkdown) => Some(ExportFormat::Markdown),
                    Some(Action::ExportJson) => Some(ExportFormat::Json),
                    Some(Action::ExportHtml) => Some(ExportFormat::Html),
                    _ => None,
                };
                match (format, action) {
                    (Some(f), _) => {
                        self.ui.overlay = None;
                        vec![Effect::Export(f)]
                    }
                    (None, Some(Action::Back)) => {
                        self.ui.overlay = None;
                        vec![Effect::Info(crate::i18n::tr("msg.not_exported").into())]
                    }
                    _ => Vec::new(),
                }
            }
            _ => {
                // With nothing open, Esc cancels a load in progress.
                if action == Some(Action::Back)
                    && let Some(loading) = &self.model.data.loading
                {
                    loading
                        .control
                        .cancel
                        .store(true, std::sync::atomic::Ordering::Relaxed);
                    vec![Effect::Info(crate::i18n::tr("msg.cancelling_load").into())]
                } else if let Some(a) = action {
                    self.act(a)
                } else {
                    Vec::new()
                }
            }
        };
        self.run(effects);
    }

    fn help_input(&mut self, action: Option<Action>, key: Option<&KeyEvent>) {
        let Some(Overlay::Help { query, scroll }) = &mut self.ui.overlay else {
            return;
        };
        let typed = key.is_some_and(|k| matches!(k.code, KeyCode::Char(_)));
        match action {
            Some(Action::Back) => self.ui.overlay = None,
            // `?` closes the help unless it is part of a search being typed.
            Some(Action::Help) if query.text.is_empty() || !typed => self.ui.overlay = None,
            Some(Action::Down) => *scroll += 1,
            Some(Action::PageDown) => *scroll += 10,
            Some(Action::Up) => *scroll = scroll.saturating_sub(1),
            Some(Action::PageUp) => *scroll = scroll.saturating_sub(10),
            Some(Action::Home) => *scroll = 0,
            Some(a) if query.act(a) => *scroll = 0,
            _ => {
                if let Some(k) = key
                    && query.handle(k) == Outcome::Edited
                {
                    *scroll = 0;
                }
            }
        }
    }

    fn prompt_input(&mut self, action: Option<Action>, key: Option<&KeyEvent>) -> Vec<Effect> {
        let Some(Overlay::Prompt(mut prompt)) = self.ui.overlay.take() else {
            return Vec::new();
        };
        match action {
            Some(Action::Back) if prompt.kind == PromptKind::Filter => {
                vec![Effect::FilterPosts(String::new())]
            }
            Some(Action::Back) => Vec::new(),
            Some(Action::Select) => {
                let mut cx = Cx::new(&self.model, &self.ui.keymap, self.focus());
                if let Some(back) = steps::prompts::submit(&mut cx, prompt) {
                    self.ui.overlay = Some(Overlay::Prompt(back));
                }
                cx.effects
            }
            Some(Action::Complete) => {
                steps::prompts::complete(&mut prompt);
                self.ui.overlay = Some(Overlay::Prompt(prompt));
                Vec::new()
            }
            other => {
                let edited = match (other, key) {
                    (Some(a), _) if prompt.input.act(a) => a == Action::ClearText,
                    (_, Some(k)) => prompt.input.handle(k) == Outcome::Edited,
                    _ => false,
                };
                let mut effects = Vec::new();
                if edited {
                    prompt.error = None;
                    prompt.completions.clear();
                    // Live filtering while typing, unless the window holds so many posts that
                    // each key would stall: then Enter applies it.
                    let live = self.model.results.posts <= steps::charts::LIVE_FILTER_LIMIT;
                    if prompt.kind == PromptKind::Filter && live {
                        effects.push(Effect::FilterPosts(prompt.input.text.clone()));
                    }
                }
                self.ui.overlay = Some(Overlay::Prompt(prompt));
                effects
            }
        }
    }

    fn columns_input(&mut self, action: Option<Action>) -> Vec<Effect> {
        let Some(Overlay::Columns { cursor }) = self.ui.overlay else {
            return Vec::new();
        };
        let Some(prepared) = self.model.data.prepared.clone() else {
            self.ui.overlay = None;
            return Vec::new();
        };
        let offered = steps::charts::posts_available(&prepared);
        let mut cursor = cursor.min(offered.len().saturating_sub(1));
        match action {
            Some(Action::Back) => {
                self.ui.overlay = None;
                return Vec::new();
            }
            Some(Action::Toggle) => {
                let view = &mut self.ui.charts;
                let mut shown = steps::charts::posts_columns(view, &self.model);
                if let Some(&field) = offered.get(cursor) {
                    match shown.iter().position(|f| *f == field) {
                        Some(i) => {
                            shown.remove(i);
                        }
                        // A column comes back in the order the chooser lists.
                        None => {
                            shown.push(field);
                            shown.sort_by_key(|f| offered.iter().position(|o| o == f));
                        }
                    }
                    view.columns = Some(shown);
                    view.col_offset = 0;
                }
            }
            Some(Action::Reload) => {
                self.ui.charts.columns = None;
                self.ui.charts.col_offset = 0;
            }
            Some(a) => {
                steps::move_cursor(&mut cursor, offered.len(), a, 10);
            }
            None => {}
        }
        self.ui.overlay = Some(Overlay::Columns { cursor });
        Vec::new()
    }

    /// Runs an action of the step context (global or the step's own).
    fn act(&mut self, action: Action) -> Vec<Effect> {
        match action {
            Action::Quit => match &self.model.plan_unsaved {
                Some(why) => {
                    self.ui.overlay = Some(Overlay::Confirm {
                        text: crate::i18n::trf("msg.quit_unsaved", &[("why", why)]),
                        then: Confirm::QuitUnsaved,
                    });
                }
                None => self.ui.quit = true,
            },
            Action::Help => {
                self.ui.overlay = Some(Overlay::Help {
                    query: TextInput::default(),
                    scroll: 0,
                });
            }
            Action::StepData => return vec![Effect::Go(Step::Data)],
            Action::StepObjective => return vec![Effect::Go(Step::Objective)],
            Action::StepMetrics => return vec![Effect::Go(Step::Metrics)],
            Action::StepCharts => return vec![Effect::Go(Step::Charts)],
            Action::StepReview => return vec![Effect::Go(Step::Review)],
            Action::NextPane | Action::PrevPane => {
                let i = self.ui.step.number() - 1;
                let n = self.ui.step.panes();
                let step = |p: usize| {
                    if action == Action::NextPane {
                        (p + 1) % n
                    } else {
                        (p + n - 1) % n
                    }
                };
                self.ui.pane[i] = step(self.ui.pane[i]);
                // Without KPIs or an overview the Charts step draws no chart: its pane is
                // skipped.
                if self.ui.step == Step::Charts
                    && self.ui.pane[i] == 1
                    && self.model.results.cards.is_empty()
                    && self.model.results.overview.is_empty()
                {
                    self.ui.pane[i] = step(self.ui.pane[i]);
                }
            }
            Action::WindowPreset | Action::WindowBack | Action::WindowForward => {
                let span = self.model.data.store.as_ref().and_then(|s| s.day_span());
                if self.model.window.act(action, span) {
                    return vec![Effect::Refresh];
                }
            }
            Action::WindowCustom => {
                let current = self
                    .model
                    .window
                    .current()
                    .map_or_else(String::new, |w| w.to_string());
                self.ui.overlay = Some(Overlay::prompt(
                    PromptKind::Window,
                    crate::i18n::tr("msg.window_title"),
                    crate::i18n::tr("msg.window_hint"),
                    &current,
                ));
            }
            Action::Back => self.ui.message = None,
            other => return self.step_action(other),
        }
        Vec::new()
    }

    /// A step's own action: its view, the model to read, and what it asks for.
    fn step_action(&mut self, action: Action) -> Vec<Effect> {
        let focus = self.focus();
        let Ui {
            step,
            keymap,
            data,
            objective,
            metrics,
            charts,
            review,
            ..
        } = &mut self.ui;
        let mut cx = Cx::new(&self.model, keymap, focus);
        match step {
            Step::Data => steps::data::update(&mut cx, data, action),
            Step::Objective => steps::objective::update(&mut cx, objective, action),
            Step::Metrics => steps::metrics::update(&mut cx, metrics, action),
            Step::Charts => steps::charts::update(&mut cx, charts, action),
            Step::Review => steps::review::update(&mut cx, review, action),
        }
        cx.effects
    }

    /// Shows `step` (as its key does).
    pub fn go(&mut self, step: Step) {
        self.run(vec![Effect::Go(step)]);
    }

    /// A load finished on the worker.
    fn loaded(&mut self, result: LoadResult) {
        self.model.data.loading = None;
        if result.cancelled {
            self.info(crate::i18n::tr("msg.load_cancelled"));
            return;
        }
        if let Some(why) = result.failed {
            self.run(vec![Effect::Error(crate::i18n::trf(
                "msg.load_failed",
                &[("why", &crate::text::escape_controls(&why))],
            ))]);
            return;
        }
        let bad = result.files.iter().filter(|f| !f.is_valid()).count();
        let source = result.source.clone();
        self.model.data.files = result.files;
        self.model.data.skipped = result.skipped;
        self.model.data.source = Some(source);
        self.ui.data = steps::data::View::default();
        self.model.data.summary = result.summary;
        self.model.data.generation += 1;
        let mut effects = vec![Effect::SaveSession];
        match (result.store, result.prepared) {
            (Some(store), Some(prepared)) => {
                self.model.data.store = Some(store);
                self.model.data.prepared = Some(prepared);
                self.model.window.reset(
                    self.model.data.store.as_ref().and_then(|s| s.day_span()),
                    self.model.plan.as_ref().map(|p| &p.plan.window),
                );
                self.ui.charts.reset_view();
                effects.push(Effect::Refresh);
                if bad > 0 {
                    effects.push(Effect::Error(crate::i18n::trf(
                        "msg.files_unreadable",
                        &[("n", &bad)],
                    )));
                } else if self.ui.message.as_ref().is_none_or(|m| !m.error)
                    && !self
                        .ui
                        .message
                        .as_ref()
                        .is_some_and(|m| m.text.starts_with(crate::i18n::tr("msg.reopened_prefix")))
                {
                    let posts = self.model.data.store.as_ref().map_or(0, |s| s.posts.len());
                    effects.push(Effect::Info(crate::i18n::trf(
                        "msg.loaded_posts",
                        &[("n", &crate::text::thousands(posts as u64))],
                    )));
                }
            }
            _ => {
                self.model.data.store = None;
                self.model.data.prepared = None;
                self.model.results = Results::default();
                let open = self.key_in(Context::Data, Action::OpenFile);
                effects.push(Effect::Error(crate::i18n::trf(
                    "msg.no_data_loaded",
                    &[("open", &open)],
                )));
            }
        }
        self.run(effects);
    }

    /// Recomputes every figure shown and brings every step's view in line with them.
    pub fn refresh(&mut self) {
        self.run(vec![Effect::Refresh]);
    }
}
