//! Numbers for people, by unit. The report and the TUI both use these, so a value reads the
//! same everywhere.

use super::catalogue::{Metric, Unit};
use super::plan::{Baseline, Op, Target};
use super::value::{Change, Figure};
use crate::i18n::tr;
use crate::text::{decimal_mark as dec, thousands};

/// A value in its unit: `4.21%`, `12,345`, `1m 05s`, `151 / post`, `12.3 / week`, `2.05`
/// (a conversation rate of "151" alone reads as a count).
pub fn value(metric: &Metric, v: f64) -> String {
    match metric.unit {
        Unit::Percent => percent(v),
        Unit::Count => {
            // Counts are whole; a fractional one (a median of two) rounds once it is large.
            if (v.fract() == 0.0 || v.abs() >= 10.0) && v.abs() < 1e15 {
                let s = thousands(v.abs().round() as u64);
                if v < 0.0 { format!("-{s}") } else { s }
            } else {
                dec(format!("{v:.1}"))
            }
        }
        Unit::Seconds => duration(v),
        Unit::PerPost => format!("{} {}", decimal(v), tr("unit.per_post")),
        Unit::PerWeek => format!("{} {}", decimal(v), tr("unit.per_week")),
        Unit::Ratio => decimal(v),
    }
}

/// A value without its unit's words, where a column title says the unit (axis ticks).
pub fn bare(metric: &Metric, v: f64) -> String {
    match metric.unit {
        Unit::PerPost | Unit::PerWeek => decimal(v),
        _ => value(metric, v),
    }
}

/// An axis tick: every tick of an axis with the same precision, chosen from the step.
pub fn tick(metric: &Metric, v: f64, step: f64) -> String {
    // The fewest decimals that write the step exactly (0.25 needs two, 0.5 one).
    let decimals = |scale: f64| -> usize {
        let s = (step * scale).abs();
        (0..6)
            .find(|d| {
                let x = s * 10f64.powi(*d as i32);
                (x - x.round()).abs() < 1e-6 * x.max(1.0)
            })
            .unwrap_or(6)
    };
    match metric.unit {
        Unit::Percent => dec(format!("{:.*}%", decimals(100.0), v * 100.0)),
        Unit::Seconds => duration(v),
        _ if v.abs() >= 1000.0 => {
            let s = thousands(v.abs().round() as u64);
            if v < 0.0 { format!("-{s}") } else { s }
        }
        _ => dec(format!("{:.*}", decimals(1.0), v)),
    }
}

/// A change in a few characters, for cards: `-0.38pp -3.9%`.
pub fn change_short(metric: &Metric, c: &Change) -> String {
    change_with(metric, c, true)
}

/// A figure: its value, or `n/a`.
pub fn figure(metric: &Metric, f: &Figure) -> String {
    f.value
        .map_or_else(|| tr("unit.na").to_owned(), |v| value(metric, v))
}

/// A ratio as a percent with precision that suits its size: `31.2%`, `4.21%`, `0.063%`.
pub fn percent(ratio: f64) -> String {
    let p = ratio * 100.0;
    let a = p.abs();
    if a == 0.0 {
        "0%".into()
    } else if a >= 10.0 {
        dec(format!("{p:.1}%"))
    } else if a >= 0.1 {
        dec(format!("{p:.2}%"))
    } else {
        dec(format!("{p:.3}%"))
    }
}

fn decimal(v: f64) -> String {
    let a = v.abs();
    if a >= 1000.0 {
        let s = thousands(a.round() as u64);
        if v < 0.0 { format!("-{s}") } else { s }
    } else if a >= 100.0 {
        format!("{v:.0}")
    } else if a >= 10.0 {
        dec(format!("{v:.1}"))
    } else {
        dec(format!("{v:.2}"))
    }
}

/// Seconds as `45s`, `1m 05s`, `2h 03m`.
pub fn duration(secs: f64) -> String {
    let s = secs.round().max(0.0) as u64;
    // `1m 05s` in English, `1m 05d` (menit, detik) in Indonesian; hours `2h` / `2j` (jam).
    let (h, m, sec) = match crate::i18n::current() {
        crate::i18n::Lang::En => ('h', 'm', 's'),
        crate::i18n::Lang::Id => ('j', 'm', 'd'),
    };
    if s < 60 {
        format!("{s}{sec}")
    } else if s < 3600 {
        format!("{}{m} {:02}{sec}", s / 60, s % 60)
    } else {
        format!("{}{h} {:02}{m}", s / 3600, (s % 3600) / 60)
    }
}

/// A change: `+0.42 pp (+11.0%)` for percent metrics, `+1,234 (+4.0%)` otherwise.
pub fn change(metric: &Metric, c: &Change) -> String {
    change_with(metric, c, false)
}

fn change_with(metric: &Metric, c: &Change, short: bool) -> String {
    // A period the data covers only in part says so: `n/a (partial period)` for sums, the
    // change marked `(partial)` for ratios.
    let mark = match (c.partial, short) {
        (false, _) => String::new(),
        (true, false) => format!(" ({})", tr("unit.partial_period")),
        (true, true) => format!(" {}", tr("unit.partial_short")),
    };
    let Some(abs) = c.absolute else {
        return format!("{}{mark}", tr("unit.na"));
    };
    let sign = match abs.partial_cmp(&0.0) {
        Some(std::cmp::Ordering::Greater) => "+",
        Some(std::cmp::Ordering::Less) => "-",
        _ => "±",
    };
    let pp = if short { "pp" } else { " pp" };
    let magnitude = match metric.unit {
        Unit::Percent => dec(format!("{:.2}{pp}", abs.abs() * 100.0)),
        // The unit is the value's: a change reads `-4.64`, not `-4.64 / post`.
        _ => bare(metric, abs.abs()),
    };
    let text = match c.relative {
        Some(r) => {
            let rel = dec(format!(
                "{}{:.1}%",
                if r >= 0.0 { "+" } else { "-" },
                r.abs() * 100.0
            ));
            if short {
                format!("{sign}{magnitude} {rel}")
            } else {
                format!("{sign}{magnitude} ({rel})")
            }
        }
        None => format!("{sign}{magnitude}"),
    };
    format!("{text}{mark}")
}

/// A target as written: `>= 30.0%`, `+5% vs the previous period`.
pub fn target(metric: &Metric, t: &Target) -> String {
    match *t {
        Target::Absolute { op, value: v } => format!("{} {}", op.symbol(), value(metric, v)),
        Target::Relative { change, baseline } => {
            let what = match baseline {
                Baseline::PreviousPeriod => tr("unit.previous_period"),
                Baseline::Trailing90dMedian => tr("unit.median_90d"),
            };
            if change == 0.0 {
                crate::i18n::trf("unit.at_least", &[("what", &what)])
            } else {
                format!(
                    "{}{:.0}% vs {what}",
                    if change > 0.0 { "+" } else { "-" },
                    change.abs() * 100.0
                )
            }
        }
    }
}

/// The value to reach without a unit's words (`>= 190`), for narrow columns beside the value.
pub fn goal_bare(metric: &Metric, goal: Option<(Op, f64)>) -> String {
    goal.map_or_else(
        || tr("unit.na").into(),
        |(op, v)| format!("{} {}", op.symbol(), bare(metric, v)),
    )
}

/// The value to reach: `>= 4.21%`.
pub fn goal(metric: &Metric, goal: Option<(Op, f64)>) -> String {
    goal.map_or_else(
        || tr("unit.na").into(),
        |(op, v)| format!("{} {}", op.symbol(), value(metric, v)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::measure::catalogue::metric;

    #[test]
    fn units_read_naturally() {
        let er = metric("er_reach").unwrap();
        assert_eq!(value(er, 0.0421), "4.21%");
        assert_eq!(value(er, 0.312), "31.2%");
        assert_eq!(value(er, 0.00063), "0.063%");
        assert_eq!(value(metric("sessions").unwrap(), 12345.0), "12,345");
        assert_eq!(value(metric("net_follows").unwrap(), -120.0), "-120");
        assert_eq!(
            value(metric("avg_engagement_time").unwrap(), 65.4),
            "1m 05s"
        );
        assert_eq!(value(metric("pages_per_session").unwrap(), 2.4137), "2.41");
        assert_eq!(value(metric("applause_rate").unwrap(), 123.4), "123 / post");
        assert_eq!(
            value(metric("posts_per_week").unwrap(), 12.26),
            "12.3 / week"
        );
        assert_eq!(bare(metric("applause_rate").unwrap(), 123.4), "123");
        assert_eq!(
            value(metric("interactions_per_1k").unwrap(), 12345.6),
            "12,346"
        );
    }

    #[test]
    fn ticks_share_a_precision() {
        let er = metric("er_reach").unwrap();
        let labels: Vec<String> = [0.0, 0.05, 0.1, 0.15]
            .iter()
            .map(|v| tick(er, *v, 0.05))
            .collect();
        assert_eq!(labels, ["0%", "5%", "10%", "15%"]);
        assert_eq!(tick(er, 0.025, 0.005), "2.5%");
        let s = metric("sessions").unwrap();
        assert_eq!(tick(s, 12500.0, 2500.0), "12,500");
        assert_eq!(
            tick(metric("pages_per_session").unwrap(), 2.25, 0.25),
            "2.25"
        );
        assert_eq!(value(s, 8_123_490.5), "8,123,491");
        assert_eq!(value(metric("net_follows").unwrap(), 2.5), "2.5");
    }

    #[test]
    fn changes() {
        let er = metric("er_reach").unwrap();
        let c = Change {
            absolute: Some(0.0042),
            relative: Some(0.11),
            reason: None,
            partial: false,
        };
        assert_eq!(change(er, &c), "+0.42 pp (+11.0%)");
        let s = metric("sessions").unwrap();
        let c = Change {
            absolute: Some(-1234.0),
            relative: Some(-0.04),
            reason: None,
            partial: false,
        };
        assert_eq!(change(s, &c), "-1,234 (-4.0%)");
        assert_eq!(change(s, &Change::default()), "n/a");
        let partial = Change {
            partial: true,
            ..c.clone()
        };
        assert_eq!(change(s, &partial), "-1,234 (-4.0%) (partial period)");
        assert_eq!(change_short(s, &partial), "-1,234 -4.0% part.");
        let none = Change {
            partial: true,
            ..Change::none(crate::i18n::Msg::new("why.not_available"))
        };
        assert_eq!(change(s, &none), "n/a (partial period)");
    }
}
