//! What a step may ask for, and the context it asks in.
//!
//! A step's `update` gets its own view (to change), the [`Model`] (to read), the keymap, and
//! a [`Cx`] to ask for effects: a plan edited, a load, an export, a message, an overlay.
//! [`crate::tui::app::App::update`] runs the effects once, in order (a plan edited twice in
//! one key is saved once, the results are recomputed once), and then every step reconciles
//! its view with the new model. So no step writes a file, recomputes a figure, or reaches
//! into another step's view.

use super::action::{Action, Context};
use super::app::{Model, Overlay, Step};
use super::keymap::Keymap;
use crate::measure::Window;
use crate::measure::plan::Plan;
use crate::plans::PlanFile;
use crate::snapshot::load::Source;

/// Something only the app can do, asked for by a step.
#[derive(Clone, Debug, PartialEq)]
pub enum Effect {
    /// A message in the bottom bar.
    Info(String),
    Error(String),
    /// Open an overlay (a prompt, a question, a post's details).
    Open(Overlay),
    /// The plan in use, changed: save it (atomically) and recompute.
    SetPlan(Plan),
    /// Work on this saved plan.
    UsePlan(PlanFile),
    /// Save a new plan and work on it.
    CreatePlan(Plan),
    /// Rename the plan in use (its file follows).
    RenamePlan(String),
    /// Delete a saved plan's file.
    DeletePlan(Box<crate::plans::PlanFile>),
    /// Quit the app (after a confirmation).
    Quit,
    /// Use this plan, dropping the current plan's change that could not be saved.
    UseDiscarding(Box<crate::plans::PlanFile>),
    /// Load files (or the demo) on the worker.
    Load(Source),
    /// Write the review as Markdown, JSON or HTML.
    Export(crate::tui::steps::review::ExportFormat),
    /// Write what a pane of 4 Charts shows as CSV.
    ExportCsv(crate::tui::steps::charts::CsvExport),
    /// Show days `window`.
    SetWindow(Window),
    /// Recompute the figures (a view setting they depend on changed: granularity, the card
    /// selected, per-account lines).
    Refresh,
    /// Recompute only the detail of the metric selected in 3 Metrics.
    RefreshDetail,
    /// Show a lens in 4 Charts, by this metric (Review's findings open the lens that shows
    /// them).
    OpenLens {
        lens: crate::tui::lens::LensKind,
        metric: &'static str,
    },
    /// Go to a step.
    Go(Step),
    /// Focus a pane of the current step.
    FocusPane(usize),
    /// Show metric `id` in 3 Metrics (from the Review).
    ShowMetric(&'static str),
    /// Filter the posts table (from its prompt).
    FilterPosts(String),
    /// Copy text to the clipboard (OSC 52).
    Copy {
        what: String,
        text: String,
    },
    /// Remember the files and plan for the next start.
    SaveSession,
}

/// What a step's `update` gets besides its view: the model to read, the keys (to name them
/// in messages), its focused pane, and the effects it asks for.
pub struct Cx<'a> {
    pub model: &'a Model,
    pub keymap: &'a Keymap,
    /// The focused pane of the step.
    pub focus: usize,
    pub effects: Vec<Effect>,
}

impl<'a> Cx<'a> {
    pub fn new(model: &'a Model, keymap: &'a Keymap, focus: usize) -> Cx<'a> {
        Cx {
            model,
            keymap,
            focus,
            effects: Vec::new(),
        }
    }

    pub fn ask(&mut self, effect: Effect) {
        self.effects.push(effect);
    }

    pub fn info(&mut self, text: impl Into<String>) {
        self.ask(Effect::Info(text.into()));
    }

    pub fn error(&mut self, text: impl Into<String>) {
        self.ask(Effect::Error(text.into()));
    }

    /// The plan in use, changed by `f`, asked to be saved (nothing without a plan). Two
    /// changes in one action build on each other and are saved once.
    pub fn edit_plan(&mut self, f: impl FnOnce(&mut Plan)) {
        let pending = self.effects.iter_mut().rev().find_map(|e| match e {
            Effect::SetPlan(p) => Some(p),
            _ => None,
        });
        if let Some(plan) = pending {
            f(plan);
        } else if let Some(file) = &self.model.plan {
            let mut plan = file.plan.clone();
            f(&mut plan);
            self.ask(Effect::SetPlan(plan));
        }
    }

    /// The name of the key for `action` in `context`, for messages.
    pub fn key(&self, context: Context, action: Action) -> String {
        self.keymap.name_for(context, action)
    }
}
