//! Why a command refuses, in the words it prints after `engage: error:`, and the exit status
//! each refusal gets: the layers below say what is wrong; this layer adds the flag it came
//! from and decides between bad input (1) and a usage error (2).

use crate::calendar::{Day, format_date};
use crate::folders::NoHomeFolder;
use crate::measure::catalogue::CATALOGUE;
use crate::measure::plan::{TargetError, WindowError};
use crate::measure::{SegmentEntry, Window};
use crate::plans::{PlanError, PlanFileError};

use super::{EXIT_INVALID, EXIT_USAGE};

#[derive(Debug, thiserror::Error)]
pub enum CommandError {
    #[error(transparent)]
    Folders(#[from] NoHomeFolder),
    #[error(transparent)]
    Plans(#[from] PlanError),
    #[error(transparent)]
    PlanFile(#[from] PlanFileError),
    #[error(transparent)]
    Window(#[from] WindowError),
    /// A plan that reads but cannot be judged (what [`crate::measure::plan::Plan::problems`]
    /// found).
    #[error("plan `{name}`: {}", .problems.join("; "))]
    PlanProblems { name: String, problems: Vec<String> },
    #[error("--from {0:?} is not a date (YYYY-MM-DD)")]
    FromDate(String),
    #[error("--to {0:?} is not a date (YYYY-MM-DD)")]
    ToDate(String),
    #[error("--to {to} is before --from {from}")]
    Reversed { from: String, to: String },
    #[error("--last {0:?}: expected days or weeks, such as 28d or 4w")]
    Last(String),
    #[error("{flag}: {}", crate::measure::query::too_long(*.days))]
    TooLong { flag: String, days: i64 },
    #[error("the window {window} is outside the data, which runs from {} to {}", format_date(*.first), format_date(*.last))]
    OutsideData {
        window: Window,
        first: Day,
        last: Day,
    },
    /// An account or tag the command line names that the data does not have: a typo would
    /// otherwise judge an empty segment.
    #[error(
        "--segment {}{}{}: the data has no {} `{}` ({what}: {})",
        .entry.kind.name(),
        if .entry.exclude { "!=" } else { "=" },
        .entry.value,
        .entry.kind.name(),
        .entry.value,
        list_or_none(.known)
    )]
    NotInData {
        entry: SegmentEntry,
        what: &'static str,
        known: Vec<String>,
    },
    #[error("unknown metric `{id}` (metrics: {})", metric_ids())]
    UnknownMetric { id: String },
    #[error("--target: {0}")]
    Target(#[source] TargetError),
    #[error("`{id}` is not a KPI of plan `{plan}` ({})", kpis_of(.kpis))]
    NotAKpi {
        id: String,
        plan: String,
        kpis: Vec<String>,
    },
}

impl CommandError {
    /// The exit status: a flag whose value is wrong whatever the data (a target that does not
    /// parse for its metric, `--to` before `--from`, a window longer than a century) is a
    /// usage error, as clap's malformed flags are; everything else is bad input.
    pub fn status(&self) -> u8 {
        match self {
            CommandError::Target(_)
            | CommandError::FromDate(_)
            | CommandError::ToDate(_)
            | CommandError::Reversed { .. }
            | CommandError::Last(_)
            | CommandError::TooLong { .. } => EXIT_USAGE,
            _ => EXIT_INVALID,
        }
    }
}

fn list_or_none(known: &[String]) -> String {
    if known.is_empty() {
        "none".to_owned()
    } else {
        known.join(", ")
    }
}

fn metric_ids() -> String {
    let ids: Vec<&str> = CATALOGUE.iter().map(|m| m.id).collect();
    ids.join(", ")
}

fn kpis_of(kpis: &[String]) -> String {
    if kpis.is_empty() {
        "it has none".to_owned()
    } else {
        format!("its KPIs: {}", kpis.join(", "))
    }
}
