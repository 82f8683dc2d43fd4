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
    #[error("{}", crate::i18n::trf("err.plan_problems", &[("name", &.name), ("problems", &.problems.join("; "))]))]
    PlanProblems { name: String, problems: Vec<String> },
    #[error("{}", crate::i18n::trf("err.flag_from", &[("text", &format!("{:?}", .0))]))]
    FromDate(String),
    #[error("{}", crate::i18n::trf("err.flag_to", &[("text", &format!("{:?}", .0))]))]
    ToDate(String),
    #[error("{}", crate::i18n::trf("err.flag_reversed", &[("from", &.from), ("to", &.to)]))]
    Reversed { from: String, to: String },
    #[error("{}", crate::i18n::trf("err.flag_last", &[("text", &format!("{:?}", .0))]))]
    Last(String),
    #[error("{flag}: {}", crate::measure::query::too_long(*.days))]
    TooLong { flag: String, days: i64 },
    #[error("{}", crate::i18n::trf("err.outside_data", &[("window", &.window), ("first", &format_date(*.first)), ("last", &format_date(*.last))]))]
    OutsideData {
        window: Window,
        first: Day,
        last: Day,
    },
    /// An account or tag the command line names that the data does not have: a typo would
    /// otherwise judge an empty segment.
    #[error("{}", crate::i18n::trf("err.segment_not_in_data", &[
        ("entry", &format!("{}{}{}", .entry.kind.name(), if .entry.exclude { "!=" } else { "=" }, .entry.value)),
        ("kind", &.entry.kind.name()),
        ("value", &.entry.value),
        ("what", &.what),
        ("known", &list_or_none(.known)),
    ]))]
    NotInData {
        entry: SegmentEntry,
        what: &'static str,
        known: Vec<String>,
    },
    #[error("{}", crate::i18n::trf("err.unknown_metric", &[("id", &.id), ("metrics", &metric_ids())]))]
    UnknownMetric { id: String },
    #[error("--target: {}", .0)]
    Target(#[source] TargetError),
    #[error("{}", crate::i18n::trf("err.not_a_kpi", &[("id", &.id), ("plan", &.plan), ("kpis", &kpis_of(.kpis))]))]
    NotAKpi {
        id: String,
        plan: String,
        kpis: Vec<String>,
    },
}

impl CommandError {
    /// The exit status: a flag whose value is wrong whatever the data (a target that does not
    /// parse for its metric, `--to` before `--from`, a malformed date or span) is a usage
    /// error, as clap's malformed flags are; everything else is bad input, a window longer
    /// than a century too (refused the same way, exit 1, on the command line as in a plan
    /// file: issue 12).
    pub fn status(&self) -> u8 {
        match self {
            CommandError::Target(_)
            | CommandError::FromDate(_)
            | CommandError::ToDate(_)
            | CommandError::Reversed { .. }
            | CommandError::Last(_) => EXIT_USAGE,
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
