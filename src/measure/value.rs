//! A computed number with its provenance: how many rows it used, how many it left out for
//! missing data, whether the sample is small, and, when it cannot be computed, why.
//! There is no NaN and no infinity anywhere: such a value is "not available" with a reason.

use crate::i18n::Msg;
use serde::Serialize;

use super::catalogue::Metric;
use super::query::Window;
use crate::calendar::format_date;
use crate::snapshot::model::Platform;

/// What the used and left-out counts count.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Rows {
    Posts,
    /// Days of one account (several accounts count each of their days).
    AccountDays,
    Accounts,
    Days,
}

impl Rows {
    /// What was counted, in the language shown (JSON reports write it in English).
    pub fn name(self) -> &'static str {
        crate::i18n::tr(match self {
            Rows::Posts => "rows.posts",
            Rows::AccountDays => "rows.account_days",
            Rows::Accounts => "rows.accounts",
            Rows::Days => "rows.days",
        })
    }
}

/// One value with its counts.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Figure {
    /// The value: a ratio for percent metrics (0.05 is 5%), never NaN or infinite.
    pub value: Option<f64>,
    /// Why there is no value.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<Msg>,
    pub used: u64,
    pub left_out: u64,
    pub rows: Rows,
    /// Fewer than 10 posts, or an audience under 2,000 followers (after Traackr).
    pub small_sample: bool,
    /// Something the reader must know about this value (range totals used, segment ignored).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<Msg>,
    /// Why rows were left out, where one reason explains some of them (posts on days without
    /// a follower count, say); each names how many.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub left_out_reasons: Vec<Msg>,
    /// Set when the data does not cover every day of the window the figure is for: such a
    /// figure is not comparable with one over a whole window.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub partial: Option<Coverage>,
}

/// Which days of a window the data covers (the data of the figure's kind and accounts).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Coverage {
    /// The covered days (a run inside the window), none when the data covers none of them.
    pub covered: Option<Window>,
    /// Days covered.
    pub days: i64,
    /// Days in the window.
    pub of: i64,
}

impl Coverage {
    /// Whether every day of the window is covered.
    pub fn is_full(&self) -> bool {
        self.days >= self.of
    }

    /// "the data covers 61 of 365 days of {what} (2025-09-01..2025-10-31)", `key` saying of
    /// what (`why.covers_previous`), in the language shown when the message is.
    pub fn msg(&self, key: &'static str) -> Msg {
        Msg::new(key)
            .arg("days", self.days as u64)
            .arg("of", self.of as u64)
            .arg("range", self.range())
    }

    /// "the data covers 61 of 365 days": followed by "of the previous period" and the range.
    pub fn describe_days(&self) -> String {
        format!("the data covers {} of {} days", self.days, self.of)
    }

    /// The covered range, `2024-11-01..2024-12-31`, or `none`.
    pub fn range(&self) -> String {
        self.covered
            .map_or_else(|| "none".to_owned(), |w| w.to_string())
    }
}

impl Figure {
    /// A value, unless it is not finite.
    pub fn of(value: f64, used: u64, left_out: u64, rows: Rows) -> Figure {
        if value.is_finite() {
            Figure {
                value: Some(value),
                reason: None,
                used,
                left_out,
                rows,
                small_sample: false,
                note: None,
                left_out_reasons: Vec::new(),
                partial: None,
            }
        } else {
            Figure::none(Msg::new("why.not_finite"), used, left_out, rows)
        }
    }

    /// No value, for `reason`.
    pub fn none(reason: Msg, used: u64, left_out: u64, rows: Rows) -> Figure {
        Figure {
            value: None,
            reason: Some(reason),
            used,
            left_out,
            rows,
            small_sample: false,
            note: None,
            left_out_reasons: Vec::new(),
            partial: None,
        }
    }

    pub fn with_note(mut self, note: Msg) -> Figure {
        self.note = Some(note);
        self
    }
}

/// The change from the previous period to the current one.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Change {
    /// current - previous (percentage points, as a ratio, for percent metrics).
    pub absolute: Option<f64>,
    /// (current - previous) / |previous|; none when the previous value is zero.
    pub relative: Option<f64>,
    /// Why there is no change although both values exist (a period the data does not cover).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<Msg>,
    /// One of the two periods is only partly covered by the data (see the figures' `partial`).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub partial: bool,
}

/// A relative change above this (+500%) says more about a tiny base than about the change:
/// only the absolute change is shown.
pub const MAX_RELATIVE: f64 = 5.0;

impl Change {
    /// The change from `previous` to `current`. The relative change is given only where it
    /// means something: a positive base, no change of sign, and not past +500% (`-928%`
    /// against a net follows of 5 reads as a collapse; `-46` says what happened).
    pub fn between(current: &Figure, previous: &Figure) -> Change {
        match (current.value, previous.value) {
            (Some(c), Some(p)) => Change {
                absolute: Some(c - p).filter(|v| v.is_finite()),
                relative: (p > 0.0 && c >= 0.0)
                    .then(|| (c - p) / p)
                    .filter(|v| v.is_finite() && *v <= MAX_RELATIVE + 1e-9),
                reason: None,
                partial: false,
            },
            _ => Change::default(),
        }
    }

    /// No change, for `reason`.
    pub fn none(reason: Msg) -> Change {
        Change {
            reason: Some(reason),
            ..Change::default()
        }
    }
}

/// One bucket of a series.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Point {
    #[serde(serialize_with = "ser_day")]
    pub from: i32,
    #[serde(serialize_with = "ser_day")]
    pub to: i32,
    /// The bucket is cut by the window's edge (a partial week or month).
    pub partial: bool,
    pub figure: Figure,
}

pub(crate) fn ser_day<S: serde::Serializer>(day: &i32, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&format_date(*day))
}

/// A metric's value for an account.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AccountFigure {
    pub account: String,
    pub platform: Platform,
    pub figure: Figure,
}

/// A metric's value for a platform (its selected accounts together).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PlatformFigure {
    pub platform: Platform,
    pub figure: Figure,
}

/// Everything about one metric for one query.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MetricResult {
    #[serde(serialize_with = "ser_metric_id")]
    pub metric: &'static Metric,
    pub current: Figure,
    pub previous: Figure,
    pub change: Change,
    pub series: Vec<Point>,
    pub by_account: Vec<AccountFigure>,
    pub by_platform: Vec<PlatformFigure>,
}

fn ser_metric_id<S: serde::Serializer>(m: &&'static Metric, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(m.id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_nan_or_infinite() {
        let f = Figure::of(f64::NAN, 1, 0, Rows::Posts);
        assert_eq!(f.value, None);
        assert!(f.reason.is_some());
        let f = Figure::of(f64::INFINITY, 1, 0, Rows::Posts);
        assert_eq!(f.value, None);
    }

    #[test]
    fn change_against_zero_has_no_relative() {
        let cur = Figure::of(0.5, 10, 0, Rows::Posts);
        let zero = Figure::of(0.0, 10, 0, Rows::Posts);
        let c = Change::between(&cur, &zero);
        assert_eq!(c.absolute, Some(0.5));
        assert_eq!(c.relative, None);
        let prev = Figure::of(0.25, 10, 0, Rows::Posts);
        assert_eq!(Change::between(&cur, &prev).relative, Some(1.0));
        // Against a negative base, across a change of sign, or past +500%: absolute only.
        let neg = Figure::of(-2.0, 1, 0, Rows::AccountDays);
        assert_eq!(Change::between(&cur, &neg).relative, None);
        assert_eq!(Change::between(&cur, &neg).absolute, Some(2.5));
        let five = Figure::of(5.0, 1, 0, Rows::AccountDays);
        let minus = Figure::of(-41.4, 1, 0, Rows::AccountDays);
        assert_eq!(Change::between(&minus, &five).relative, None);
        let tiny = Figure::of(0.01, 10, 0, Rows::Posts);
        assert_eq!(Change::between(&cur, &tiny).relative, None, "+4,900%");
        let base = Figure::of(0.06, 10, 0, Rows::Posts);
        let six_x = Figure::of(0.36, 10, 0, Rows::Posts);
        let r = Change::between(&six_x, &base).relative.unwrap_or_default();
        assert!((r - 5.0).abs() < 1e-9, "+500% still shown");
    }
}
