//! Plans after the Digital Marketing & Measurement Model: one business objective, its goals,
//! the KPIs that serve it each with a target, the segment it is judged on, and a default
//! window. A plan is a versioned JSON file; `storage::plans` keeps them on disk.

use serde::{Deserialize, Serialize};

use super::catalogue::{Direction, Metric, metric};
use super::query::{Segment, Window};
use super::templates::Template;
use crate::calendar::{Day, parse_date};

pub const PLAN_FORMAT: &str = "engage-plan";
pub const PLAN_VERSION: u32 = 1;

/// How far from the target still counts as "near": 10% of the target.
pub const NEAR: f64 = 0.10;

/// What a relative target is measured against.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Baseline {
    /// The window of equal length just before.
    PreviousPeriod,
    /// The median of the metric over the windows of equal length ending on each of the 90
    /// days before the window starts: the usual level, robust to one odd month.
    Trailing90dMedian,
}

impl Baseline {
    pub fn describe(self) -> &'static str {
        match self {
            Baseline::PreviousPeriod => crate::i18n::tr("why.previous_period"),
            Baseline::Trailing90dMedian => crate::i18n::tr("why.trailing_median"),
        }
    }
}

/// Which side of an absolute target is good.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Op {
    #[serde(rename = ">=")]
    AtLeast,
    #[serde(rename = "<=")]
    AtMost,
}

impl Op {
    pub fn symbol(self) -> &'static str {
        match self {
            Op::AtLeast => ">=",
            Op::AtMost => "<=",
        }
    }
}

/// A KPI's target.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Target {
    /// A fixed value (a ratio for percent metrics: 0.3 is 30%).
    Absolute { op: Op, value: f64 },
    /// A change against a baseline: `change` 0.05 means 5% better than the baseline.
    Relative { change: f64, baseline: Baseline },
}

impl Target {
    /// The target the template-made plans start with: at least the usual level.
    pub const USUAL: Target = Target::Relative {
        change: 0.0,
        baseline: Baseline::Trailing90dMedian,
    };
}

/// One KPI of a plan.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Kpi {
    pub metric: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<Target>,
}

/// Why a window, as typed or as a plan file holds it, is not one.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum WindowError {
    #[error("{}", crate::i18n::trf("err.window_unreadable", &[("text", &.0)]))]
    Unreadable(String),
    #[error("{}", crate::i18n::trf("err.window_from", &[("text", &format!("{:?}", .0))]))]
    From(String),
    #[error("{}", crate::i18n::trf("err.window_to", &[("text", &format!("{:?}", .0))]))]
    To(String),
    #[error("{}", crate::i18n::trf("err.window_reversed", &[("from", &.from), ("to", &.to)]))]
    Reversed { from: String, to: String },
    #[error("{}", super::query::too_long(*.0))]
    TooLong(i64),
    #[error("{}", crate::i18n::tr("err.window_no_days"))]
    NoDays,
}

/// The default window of a plan.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum WindowSpec {
    /// The last N days of the data.
    Last { last_days: u32 },
    /// Fixed dates (YYYY-MM-DD, inclusive).
    Range { from: String, to: String },
}

impl Default for WindowSpec {
    fn default() -> Self {
        WindowSpec::Last { last_days: 28 }
    }
}

impl WindowSpec {
    /// A window as typed: `28d` / `4w` (the last days of the data) or `YYYY-MM-DD..YYYY-MM-DD`.
    pub fn parse(text: &str) -> Result<WindowSpec, WindowError> {
        if let Some(days) = super::query::parse_any_span(text) {
            // A span longer than a century reads (the plan's checks refuse it, exit 1).
            return Ok(WindowSpec::Last {
                last_days: u32::try_from(days).unwrap_or(u32::MAX),
            });
        }
        let Some((from, to)) = text.trim().split_once("..") else {
            return Err(WindowError::Unreadable(text.to_owned()));
        };
        let spec = WindowSpec::Range {
            from: from.trim().to_owned(),
            to: to.trim().to_owned(),
        };
        match spec.resolve(0) {
            Ok(_) | Err(WindowError::TooLong(_)) => Ok(spec),
            Err(e) => Err(e),
        }
    }

    /// How the window reads: "the last 28 days of the data", "2026-10-01..2026-10-28".
    pub fn describe(&self) -> String {
        match self {
            WindowSpec::Last { last_days } => {
                crate::i18n::trf("why.last_days", &[("n", last_days)])
            }
            WindowSpec::Range { from, to } => format!("{from}..{to}"),
        }
    }

    /// The window for data whose last day is `last_day`; a window longer than a century
    /// (or of no days) is refused.
    pub fn resolve(&self, last_day: Day) -> Result<Window, WindowError> {
        match self {
            WindowSpec::Last { last_days: 0 } => Err(WindowError::NoDays),
            WindowSpec::Last { last_days } => {
                let days = i64::from(*last_days);
                if days > super::query::MAX_WINDOW_DAYS {
                    return Err(WindowError::TooLong(days));
                }
                Ok(Window::last(days as i32, last_day))
            }
            WindowSpec::Range { from, to } => {
                let f = parse_date(from).ok_or_else(|| WindowError::From(from.clone()))?;
                let t = parse_date(to).ok_or_else(|| WindowError::To(to.clone()))?;
                let w = Window::new(f, t).ok_or_else(|| WindowError::Reversed {
                    from: from.clone(),
                    to: to.clone(),
                })?;
                if w.is_too_long() {
                    return Err(WindowError::TooLong(w.days()));
                }
                Ok(w)
            }
        }
    }
}

/// A measurement plan.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    pub format: String,
    pub version: u32,
    pub name: String,
    pub objective: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template: Option<String>,
    #[serde(default)]
    pub goals: Vec<String>,
    #[serde(default)]
    pub kpis: Vec<Kpi>,
    #[serde(default)]
    pub segment: Segment,
    #[serde(default)]
    pub window: WindowSpec,
}

impl Plan {
    /// A blank plan.
    pub fn blank(name: &str) -> Plan {
        Plan {
            format: PLAN_FORMAT.into(),
            version: PLAN_VERSION,
            name: name.into(),
            objective: String::new(),
            template: None,
            goals: Vec::new(),
            kpis: Vec::new(),
            segment: Segment::default(),
            window: WindowSpec::default(),
        }
    }

    /// A plan from a template: its objective, goals, and primary then supporting KPIs, each
    /// with the target "at least the usual level" until the user sets one.
    pub fn from_template(name: &str, t: &Template) -> Plan {
        // The plan is the user's from now on: its objective and goals in their language.
        let text = t.text();
        Plan {
            objective: text.objective.into(),
            template: Some(t.id.into()),
            goals: text.goals.iter().map(|g| (*g).to_owned()).collect(),
            kpis: t
                .primary
                .iter()
                .chain(t.supporting)
                .map(|id| Kpi {
                    metric: (*id).to_owned(),
                    target: Some(Target::USUAL),
                })
                .collect(),
            ..Plan::blank(name)
        }
    }

    /// Problems that make the plan unusable: unknown metric ids, a bad window.
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        if self.name.trim().is_empty() {
            out.push("the plan has no name".to_owned());
        }
        for k in &self.kpis {
            if metric(&k.metric).is_none() {
                out.push(format!(
                    "unknown metric `{}` (see `engage metrics`)",
                    k.metric
                ));
            }
            if let Some(Target::Absolute { value, .. } | Target::Relative { change: value, .. }) =
                k.target
                && !value.is_finite()
            {
                out.push(format!(
                    "the target of `{}` is not a finite number",
                    k.metric
                ));
            }
        }
        if let Err(e) = self.window.resolve(0) {
            out.push(e.to_string());
        }
        out
    }
}

/// What adding a KPI did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KpiAdded {
    Added,
    /// The plan had it already (its target may have changed).
    AlreadyThere,
}

impl Plan {
    /// Adds `m` as a KPI without a target, unless the plan has it.
    pub fn add_kpi(&mut self, m: &Metric) -> KpiAdded {
        if self.kpis.iter().any(|k| k.metric == m.id) {
            return KpiAdded::AlreadyThere;
        }
        self.kpis.push(Kpi {
            metric: m.id.to_owned(),
            target: None,
        });
        KpiAdded::Added
    }

    /// Removes the KPI of metric `id`; false when the plan does not have it.
    pub fn remove_kpi(&mut self, id: &str) -> bool {
        let before = self.kpis.len();
        self.kpis.retain(|k| k.metric != id);
        self.kpis.len() < before
    }

    /// Sets the target of `m`'s KPI, adding the KPI if the plan does not have it.
    pub fn set_target(&mut self, m: &Metric, target: Option<Target>) {
        self.add_kpi(m);
        if let Some(k) = self.kpis.iter_mut().find(|k| k.metric == m.id) {
            k.target = target;
        }
    }
}

/// What adding a vanity metric as a KPI says, in the app and on the command line alike.
pub fn vanity_warning(m: &Metric) -> String {
    crate::i18n::trf("planl.vanity_warning", &[("metric", &m.text().name)])
}

/// Why a target as typed is not one.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TargetError {
    #[error("{}", crate::i18n::trf("err.target_not_a_number", &[("text", &.0)]))]
    NotANumber(String),
    #[error("{}", crate::i18n::trf("err.target_not_finite", &[("text", &.0)]))]
    NotFinite(String),
    #[error("{}", crate::i18n::trf("err.target_unknown_baseline", &[("text", &.0)]))]
    UnknownBaseline(String),
    #[error("{}", crate::i18n::trf("err.target_unreadable", &[("text", &.0)]))]
    Unreadable(String),
    #[error("{}", crate::i18n::trf("err.target_above_100", &[("typed", &.typed), ("metric", &.metric), ("percent", &.percent)]))]
    PercentAbove100 {
        typed: String,
        metric: &'static str,
        percent: String,
    },
}

/// Percent metrics that can pass 100% (a viral post reaches more than the followers; an
/// account can more than double): an absolute target above 100% is refused for the others.
const CAN_PASS_100: [&str; 2] = ["reach_rate", "follower_growth_rate"];

/// Parses a target as typed: `>= 4.5%`, `<= 120`, `+5% prev`, `-3% median`, `none`.
/// Percent metrics take their absolute values in percent (`4.5` means 4.5%); relative
/// targets name their baseline: `prev`/`previous` or `median`/`90d`. `none` (or nothing)
/// removes the target.
pub fn parse_target(text: &str, metric: &Metric) -> Result<Option<Target>, TargetError> {
    let t = text.trim().to_lowercase();
    if t.is_empty() || t == "none" {
        return Ok(None);
    }
    let percent_metric = metric.unit == super::catalogue::Unit::Percent;
    let number = |s: &str| -> Result<(f64, bool), TargetError> {
        let s = s.trim();
        let (digits, pct) = match s.strip_suffix('%') {
            Some(d) => (d.trim(), true),
            None => (s, false),
        };
        let v: f64 = digits
            .replace(',', "")
            .parse()
            .map_err(|_| TargetError::NotANumber(s.to_owned()))?;
        if !v.is_finite() {
            return Err(TargetError::NotFinite(s.to_owned()));
        }
        Ok((v, pct))
    };
    for (prefix, op) in [
        (">=", Op::AtLeast),
        ("<=", Op::AtMost),
        (">", Op::AtLeast),
        ("<", Op::AtMost),
    ] {
        if let Some(rest) = t.strip_prefix(prefix) {
            let (v, pct) = number(rest)?;
            let value = if percent_metric || pct { v / 100.0 } else { v };
            if percent_metric && value > 1.0 && !CAN_PASS_100.contains(&metric.id) {
                return Err(TargetError::PercentAbove100 {
                    typed: text.trim().to_owned(),
                    metric: metric.text().name,
                    percent: format!("{v}"),
                });
            }
            return Ok(Some(Target::Absolute { op, value }));
        }
    }
    if t.starts_with('+') || t.starts_with('-') {
        let mut parts = t.splitn(2, char::is_whitespace);
        let amount = parts.next().unwrap_or_default();
        let baseline = match parts.next().map(str::trim) {
            Some("prev" | "previous" | "previous period") => Baseline::PreviousPeriod,
            Some("median" | "90d" | "90-day median" | "trailing") | None => {
                Baseline::Trailing90dMedian
            }
            Some(other) => return Err(TargetError::UnknownBaseline(other.to_owned())),
        };
        let (v, _) = number(amount)?;
        return Ok(Some(Target::Relative {
            change: v / 100.0,
            baseline,
        }));
    }
    Err(TargetError::Unreadable(text.to_owned()))
}

/// How a KPI stands against its target.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Met,
    /// Missed by at most 10% of the target.
    Near,
    Missed,
    /// The KPI has a target, but no value or no baseline to judge it with.
    NotAvailable,
    /// The KPI has no target: shown, never judged.
    NoTarget,
}

impl Status {
    /// The status in words, in the language shown.
    pub fn name(self) -> &'static str {
        crate::i18n::tr(match self {
            Status::Met => "status.met",
            Status::Near => "status.near",
            Status::Missed => "status.missed",
            Status::NotAvailable => "status.na",
            Status::NoTarget => "status.no_target",
        })
    }

    /// A symbol that reads without colour.
    pub fn symbol(self) -> &'static str {
        match self {
            Status::Met => "✓",
            Status::Near => "~",
            Status::Missed => "✗",
            Status::NotAvailable => "?",
            Status::NoTarget => "·",
        }
    }
}

/// The value a KPI must reach and which side is good, given its baseline value when relative.
pub fn target_value(metric: &Metric, target: &Target, baseline: Option<f64>) -> Option<(Op, f64)> {
    match *target {
        Target::Absolute { op, value } => Some((op, value)),
        Target::Relative { change, .. } => {
            let base = baseline?;
            let op = match metric.direction {
                Direction::HigherIsBetter => Op::AtLeast,
                Direction::LowerIsBetter => Op::AtMost,
            };
            // "5% better" moves away from the baseline in the good direction, whatever its sign.
            let signed = match metric.direction {
                Direction::HigherIsBetter => change,
                Direction::LowerIsBetter => -change,
            };
            Some((op, base + signed * base.abs())).filter(|(_, v)| v.is_finite())
        }
    }
}

/// Met, near (within 10% of the target) or missed.
pub fn status(value: Option<f64>, target: Option<(Op, f64)>) -> Status {
    let (Some(v), Some((op, t))) = (value, target) else {
        return Status::NotAvailable;
    };
    let met = match op {
        Op::AtLeast => v >= t,
        Op::AtMost => v <= t,
    };
    if met {
        Status::Met
    } else if (v - t).abs() <= NEAR * t.abs() {
        Status::Near
    } else {
        Status::Missed
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::measure::templates::template;

    #[test]
    fn statuses() {
        let at_least = Some((Op::AtLeast, 0.30));
        assert_eq!(status(Some(0.31), at_least), Status::Met);
        assert_eq!(status(Some(0.30), at_least), Status::Met);
        assert_eq!(
            status(Some(0.28), at_least),
            Status::Near,
            "0.02 short of 0.30 is within 10%"
        );
        assert_eq!(status(Some(0.26), at_least), Status::Missed);
        assert_eq!(status(None, at_least), Status::NotAvailable);
        assert_eq!(status(Some(1.0), None), Status::NotAvailable);
        let at_most = Some((Op::AtMost, 100.0));
        assert_eq!(status(Some(105.0), at_most), Status::Near);
        assert_eq!(status(Some(90.0), at_most), Status::Met);
    }

    #[test]
    fn relative_targets_follow_the_baseline() {
        let m = metric("er_reach").unwrap();
        let t = Target::Relative {
            change: 0.05,
            baseline: Baseline::PreviousPeriod,
        };
        let (op, v) = target_value(m, &t, Some(0.04)).unwrap();
        assert_eq!(op, Op::AtLeast);
        assert!((v - 0.042).abs() < 1e-12);
        assert_eq!(target_value(m, &t, None), None);
        // A negative baseline (net follows) still moves up for "+5%".
        let nf = metric("net_follows").unwrap();
        let (_, v) = target_value(nf, &t, Some(-100.0)).unwrap();
        assert!((v - -95.0).abs() < 1e-9);
    }

    #[test]
    fn template_plans_round_trip_through_json() {
        let plan = Plan::from_template("web", template("website-loyalty").unwrap());
        assert_eq!(plan.kpis.len(), 8);
        assert!(plan.problems().is_empty());
        let json = serde_json::to_string_pretty(&plan).unwrap();
        assert!(json.contains("\"kind\": \"relative\""));
        assert!(json.contains("\"last_days\": 28"));
        let back: Plan = serde_json::from_str(&json).unwrap();
        assert_eq!(back, plan);
        let fixed: Plan = serde_json::from_str(&json.replace(
            "{\n    \"last_days\": 28\n  }",
            "{\"from\": \"2026-10-01\", \"to\": \"2026-10-28\"}",
        ))
        .unwrap();
        assert_eq!(fixed.window.resolve(0).unwrap().days(), 28);
    }

    #[test]
    fn typed_targets() {
        let er = metric("er_reach").unwrap();
        assert_eq!(
            parse_target(">= 4.5%", er),
            Ok(Some(Target::Absolute {
                op: Op::AtLeast,
                value: 0.045
            }))
        );
        assert_eq!(
            parse_target(">=4.5", er),
            Ok(Some(Target::Absolute {
                op: Op::AtLeast,
                value: 0.045
            }))
        );
        let sessions = metric("sessions").unwrap();
        assert_eq!(
            parse_target("<= 1,200", sessions),
            Ok(Some(Target::Absolute {
                op: Op::AtMost,
                value: 1200.0
            }))
        );
        assert_eq!(
            parse_target("+5% prev", er),
            Ok(Some(Target::Relative {
                change: 0.05,
                baseline: Baseline::PreviousPeriod
            }))
        );
        assert_eq!(
            parse_target("-3% median", er),
            Ok(Some(Target::Relative {
                change: -0.03,
                baseline: Baseline::Trailing90dMedian
            }))
        );
        assert_eq!(parse_target(" none ", er), Ok(None));
        assert!(
            parse_target("lots", er)
                .unwrap_err()
                .to_string()
                .contains("write `>= 4.5%`")
        );
        assert!(parse_target(">= x", er).is_err());
        // `<= 120` on a percent KPI is 120%: refused where a rate cannot pass 100%.
        let refused = parse_target("<= 120", er).unwrap_err().to_string();
        assert!(
            refused.starts_with("`<= 120` on Engagement rate by reach means 120%"),
            "{refused}"
        );
        assert!(parse_target("<= 100", er).is_ok());
        let reach_rate = metric("reach_rate").unwrap();
        assert_eq!(
            parse_target(">= 120", reach_rate),
            Ok(Some(Target::Absolute {
                op: Op::AtLeast,
                value: 1.2
            }))
        );
        assert!(
            parse_target("+5% yesterday", er)
                .unwrap_err()
                .to_string()
                .contains("unknown baseline")
        );
    }

    #[test]
    fn windows_as_typed() {
        assert_eq!(
            WindowSpec::parse("4w"),
            Ok(WindowSpec::Last { last_days: 28 })
        );
        assert_eq!(
            WindowSpec::parse("2026-10-01..2026-10-28"),
            Ok(WindowSpec::Range {
                from: "2026-10-01".into(),
                to: "2026-10-28".into()
            })
        );
        assert!(WindowSpec::parse("2026-10-28..2026-10-01").is_err());
        assert!(
            WindowSpec::parse("6m")
                .unwrap_err()
                .to_string()
                .contains("write 28d")
        );
        assert!(WindowSpec::parse("2026-13-01..2026-10-01").is_err());
    }

    #[test]
    fn kpis_are_added_once_and_removed() {
        let mut plan = Plan::blank("x");
        let er = metric("er_reach").unwrap();
        assert_eq!(plan.add_kpi(er), KpiAdded::Added);
        assert_eq!(plan.add_kpi(er), KpiAdded::AlreadyThere);
        let t = Target::Absolute {
            op: Op::AtLeast,
            value: 0.05,
        };
        plan.set_target(er, Some(t));
        assert_eq!(plan.kpis.len(), 1);
        assert_eq!(plan.kpis[0].target, Some(t));
        assert!(plan.remove_kpi("er_reach"));
        assert!(!plan.remove_kpi("er_reach"));
    }

    #[test]
    fn problems_name_unknown_metrics() {
        let mut plan = Plan::blank("x");
        plan.kpis.push(Kpi {
            metric: "likes_total".into(),
            target: None,
        });
        assert_eq!(
            plan.problems(),
            ["unknown metric `likes_total` (see `engage metrics`)"]
        );
    }
}
