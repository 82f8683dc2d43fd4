//! Everything a user can ask the app to do. Keys map to these through the keymap (data, in
//! `keymap.rs`); `App::update` is the one place they change state.

use serde::{Deserialize, Serialize};

/// Where a binding applies: everywhere, in one step, or in what is open over the steps (an
/// overlay or a field being edited). The active context is worked out from the state
/// ([`crate::tui::app::App::context`]): what is open first, then the step.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Context {
    Global,
    Data,
    Objective,
    Metrics,
    Charts,
    Review,
    /// The help overlay (typing searches).
    Help,
    /// A prompt (a path, a window, a target, a filter).
    Prompt,
    /// A plan field edited in place in 2 Objective.
    Field,
    /// A yes/no question.
    Confirm,
    /// One post's details.
    PostDetail,
    /// The posts table's column chooser.
    Columns,
    /// Review's choice of export format.
    ExportAs,
}

impl Context {
    pub const ALL: [Context; 13] = [
        Context::Global,
        Context::Data,
        Context::Objective,
        Context::Metrics,
        Context::Charts,
        Context::Review,
        Context::Help,
        Context::Prompt,
        Context::Field,
        Context::Confirm,
        Context::PostDetail,
        Context::Columns,
        Context::ExportAs,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Context::Global => "global",
            Context::Data => "data",
            Context::Objective => "objective",
            Context::Metrics => "metrics",
            Context::Charts => "charts",
            Context::Review => "review",
            Context::Help => "help",
            Context::Prompt => "prompt",
            Context::Field => "field",
            Context::Confirm => "confirm",
            Context::PostDetail => "post_detail",
            Context::Columns => "columns",
            Context::ExportAs => "export_as",
        }
    }

    /// The context's name in the language shown, for the help's headings (with its id in
    /// parentheses when it differs: the config's `[keys.ID]` tables use the id).
    pub fn label(self) -> String {
        let name = self.name();
        let english = match self {
            Context::PostDetail => "post detail",
            Context::ExportAs => "export as",
            _ => name,
        };
        match crate::i18n::domain_word("context", name, english) {
            shown if shown == name => name.to_owned(),
            shown => format!("{shown} (`{name}`)"),
        }
    }

    /// Contexts open over a step: they fall back to the global bindings only for moving
    /// (so a rebound `down` scrolls the help too), never for commands.
    pub fn is_overlay(self) -> bool {
        matches!(
            self,
            Context::Help
                | Context::Prompt
                | Context::Field
                | Context::Confirm
                | Context::PostDetail
                | Context::Columns
                | Context::ExportAs
        )
    }

    /// Contexts where typing enters text: printable keys go to the text unless the context
    /// binds them itself.
    pub fn takes_text(self) -> bool {
        matches!(self, Context::Help | Context::Prompt | Context::Field)
    }

    pub fn parse(s: &str) -> Option<Context> {
        Context::ALL.into_iter().find(|c| c.name() == s)
    }
}

macro_rules! actions {
    ($($variant:ident = $name:literal),+ $(,)?) => {
        /// A user intent.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Action { $($variant),+ }

        impl Action {
            pub const ALL: &'static [Action] = &[$(Action::$variant),+];

            /// The name used in the config file.
            pub fn name(self) -> &'static str {
                match self { $(Action::$variant => $name),+ }
            }

            pub fn parse(s: &str) -> Option<Action> {
                match s { $($name => Some(Action::$variant),)+ _ => None }
            }
        }
    };
}

actions! {
    Quit = "quit",
    Help = "help",
    StepData = "step_data",
    StepObjective = "step_objective",
    StepMetrics = "step_metrics",
    StepCharts = "step_charts",
    StepReview = "step_review",
    NextPane = "next_pane",
    PrevPane = "prev_pane",
    Up = "up",
    Down = "down",
    Left = "left",
    Right = "right",
    PageUp = "page_up",
    PageDown = "page_down",
    Home = "home",
    End = "end",
    Select = "select",
    Back = "back",
    Toggle = "toggle",
    WindowPreset = "window_preset",
    WindowCustom = "window_custom",
    WindowBack = "window_back",
    WindowForward = "window_forward",
    OpenFile = "open_file",
    Reload = "reload",
    NewPlan = "new_plan",
    DuplicatePlan = "duplicate_plan",
    RenamePlan = "rename_plan",
    DeletePlan = "delete_plan",
    Edit = "edit",
    Exclude = "exclude",
    SetTarget = "set_target",
    Granularity = "granularity",
    PerAccount = "per_account",
    ZoomIn = "zoom_in",
    ZoomOut = "zoom_out",
    ZoomReset = "zoom_reset",
    Legend = "legend",
    Filter = "filter",
    SortNext = "sort_next",
    SortReverse = "sort_reverse",
    ExportMarkdown = "export_markdown",
    ExportJson = "export_json",
    ExportHtml = "export_html",
    Export = "export",
    Complete = "complete",
    Yes = "yes",
    No = "no",
    ClearText = "clear_text",
    TextStart = "text_start",
    TextEnd = "text_end",
    FitY = "fit_y",
    ChooseColumns = "choose_columns",
    Copy = "copy",
    CopyRow = "copy_row",
    NextLens = "next_lens",
    LensBy = "lens_by",
    ExportCsv = "export_csv",
}

impl Action {
    /// Actions that move within what is shown (lists, scrolls): the only global bindings an
    /// overlay inherits.
    pub fn is_move(self) -> bool {
        matches!(
            self,
            Action::Up
                | Action::Down
                | Action::PageUp
                | Action::PageDown
                | Action::Home
                | Action::End
        )
    }
}
