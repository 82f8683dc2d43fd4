//! Everything a user can ask the app to do. Keys map to these through the keymap (data, in
//! `keymap.rs`); `App::update` is the one place they change state.

use serde::{Deserialize, Serialize};

/// Where a binding applies: everywhere, or in one step.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Context {
    Global,
    Data,
    Objective,
    Metrics,
    Charts,
    Review,
}

impl Context {
    pub const ALL: [Context; 6] = [
        Context::Global,
        Context::Data,
        Context::Objective,
        Context::Metrics,
        Context::Charts,
        Context::Review,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Context::Global => "global",
            Context::Data => "data",
            Context::Objective => "objective",
            Context::Metrics => "metrics",
            Context::Charts => "charts",
            Context::Review => "review",
        }
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
}
