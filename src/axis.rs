//! Axis helpers for time charts, in the terminal and in the HTML report: "nice" value ticks
//! (1, 2, 2.5, 5 x 10^k), date labels that fit the width, and downsampling to the columns
//! available (min and max per column, as M4 does, so spikes survive).

use crate::calendar::{Day, to_naive};

/// `Oct 04` (`Okt 04` in Indonesian).
fn month_day(d: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    let lang = crate::i18n::current();
    format!(
        "{} {:02}",
        crate::i18n::month_short(lang, d.month0() as usize),
        d.day()
    )
}

/// `Oct 2026` (`Okt 2026`).
fn month_year(d: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    let lang = crate::i18n::current();
    format!(
        "{} {}",
        crate::i18n::month_short(lang, d.month0() as usize),
        d.year()
    )
}

/// Ticks covering `lo..=hi` with about `count` steps of a nice size: (ticks, low, high).
pub fn nice_ticks(lo: f64, hi: f64, count: usize) -> (Vec<f64>, f64, f64) {
    if !lo.is_finite() || !hi.is_finite() {
        return (vec![0.0, 1.0], 0.0, 1.0);
    }
    let (lo, hi) = if hi - lo <= f64::EPSILON * hi.abs().max(1.0) {
        // A flat series: open a band around it.
        let pad = if lo == 0.0 { 1.0 } else { lo.abs() * 0.1 };
        (lo - pad, hi + pad)
    } else {
        (lo, hi)
    };
    let raw = (hi - lo) / count.max(1) as f64;
    let magnitude = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * magnitude);
    let first = (lo / step).floor() * step;
    let last = (hi / step).ceil() * step;
    let mut ticks = Vec::new();
    let mut t = first;
    while t <= last + step * 0.5 && ticks.len() < 50 {
        // Snap away float noise such as 0.30000000000000004.
        ticks.push((t / step).round() * step);
        t += step;
    }
    (ticks, first, last)
}

/// A date label whose detail suits the span: `Oct 04` within a year, `2026-10` beyond.
pub fn date_label(day: Day, span_days: i64) -> String {
    let d = to_naive(day);
    if span_days > 400 {
        d.format("%Y-%m").to_string()
    } else {
        month_day(d)
    }
}

/// Date labels for an axis `width` columns wide: as many as fit (each label about 8
/// columns plus a gap), at most 5 (ratatui places more imprecisely), at least 2. Monthly
/// series are labelled with months (`Oct 2026`), never with the first day's date.
pub fn date_labels(from: Day, to: Day, width: u16, months: bool) -> Vec<String> {
    let span = i64::from(to) - i64::from(from) + 1;
    let fit = (width as usize / 12).clamp(2, 5);
    let n = fit.min(span.max(1) as usize).max(2);
    (0..n)
        .map(|i| {
            let day = if n == 1 {
                from
            } else {
                from + ((i64::from(to - from) * i as i64) / (n as i64 - 1)) as Day
            };
            if months {
                month_year(to_naive(day))
            } else {
                date_label(day, span)
            }
        })
        .collect()
}

/// Date ticks at calendar boundaries for `from..=to`, at most `max` of them: every day, every
/// other day, Mondays, every other Monday, then month starts every 1, 2, 3, 6 or 12 months.
/// Labels: `Oct 04` for days, `Oct 2026` for months.
pub fn date_ticks(from: Day, to: Day, max: usize) -> Vec<(Day, String)> {
    use chrono::Datelike;
    let max = max.max(2);
    let day_label = |d: Day| month_day(to_naive(d));
    for step in [1, 2, 7, 14] {
        // Weekly steps start on the first Monday.
        let start = if step >= 7 {
            let wd = to_naive(from).weekday().num_days_from_monday() as Day;
            if wd == 0 { from } else { from + (7 - wd) }
        } else {
            from
        };
        let n = if start > to {
            0
        } else {
            ((to - start) / step + 1) as usize
        };
        if n <= max {
            return (0..n as Day)
                .map(|i| start + i * step)
                .map(|d| (d, day_label(d)))
                .collect();
        }
    }
    let first = to_naive(from);
    let last = to_naive(to);
    let months = |d: chrono::NaiveDate| d.year() * 12 + d.month0() as i32;
    for step in [1, 2, 3, 6, 12] {
        let mut out = Vec::new();
        let mut m = months(first);
        // The first month start on or after `from`, aligned to the step.
        if first.day() != 1 {
            m += 1;
        }
        while m.rem_euclid(step) != 0 {
            m += 1;
        }
        while m <= months(last) {
            let (y, mo) = (m.div_euclid(12), m.rem_euclid(12) as u32 + 1);
            if let Some(d) = chrono::NaiveDate::from_ymd_opt(y, mo, 1) {
                out.push((crate::calendar::from_naive(d), month_year(d)));
            }
            m += step;
        }
        if out.len() <= max {
            return out;
        }
    }
    // Decades of data: yearly ticks, thinned to fit.
    let mut years: Vec<(Day, String)> = (first.year()..=last.year())
        .filter_map(|y| chrono::NaiveDate::from_ymd_opt(y, 1, 1))
        .map(|d| (crate::calendar::from_naive(d), d.format("%Y").to_string()))
        .filter(|(d, _)| *d >= from && *d <= to)
        .collect();
    let every = years.len().div_ceil(max).max(1);
    years = years.into_iter().step_by(every).collect();
    years
}

/// Keeps at most about `2 x columns` points of a series sorted by x: per column, the first,
/// the lowest, the highest and the last point (in x order), so the drawn shape is unchanged.
pub fn downsample(points: &[(f64, f64)], columns: usize) -> Vec<(f64, f64)> {
    if columns == 0 || points.len() <= columns * 2 {
        return points.to_vec();
    }
    let (x0, x1) = (points[0].0, points[points.len() - 1].0);
    let width = (x1 - x0).max(f64::EPSILON) / columns as f64;
    let mut out = Vec::with_capacity(columns * 4);
    let mut i = 0;
    while i < points.len() {
        let col = ((points[i].0 - x0) / width).floor();
        let mut j = i;
        while j < points.len() && ((points[j].0 - x0) / width).floor() == col {
            j += 1;
        }
        let group = &points[i..j];
        let (mut lo, mut hi) = (0, 0);
        for (k, p) in group.iter().enumerate() {
            if p.1 < group[lo].1 {
                lo = k;
            }
            if p.1 > group[hi].1 {
                hi = k;
            }
        }
        let mut keep = vec![0, lo, hi, group.len() - 1];
        keep.sort_unstable();
        keep.dedup();
        out.extend(keep.into_iter().map(|k| group[k]));
        i = j.max(i + 1);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_ticks_fall_on_calendar_boundaries() {
        let d = |s: &str| crate::calendar::parse_date(s).unwrap();
        // A week: every day.
        let t = date_ticks(d("2026-10-05"), d("2026-10-11"), 8);
        assert_eq!(t.len(), 7);
        assert_eq!(t[0].1, "Oct 05");
        // 28 days from a Sunday: the Mondays.
        let t = date_ticks(d("2026-10-04"), d("2026-10-31"), 7);
        let labels: Vec<&str> = t.iter().map(|(_, l)| l.as_str()).collect();
        assert_eq!(labels, ["Oct 05", "Oct 12", "Oct 19", "Oct 26"]);
        // A year: month starts, every other month (odd months, as quarters start) to fit 7.
        let t = date_ticks(d("2025-11-01"), d("2026-10-31"), 7);
        let labels: Vec<&str> = t.iter().map(|(_, l)| l.as_str()).collect();
        assert_eq!(
            labels,
            [
                "Nov 2025", "Jan 2026", "Mar 2026", "May 2026", "Jul 2026", "Sep 2026"
            ]
        );
        // Three years: quarters or half years, never more than asked.
        let t = date_ticks(d("2023-11-01"), d("2026-10-31"), 7);
        assert!(t.len() <= 7 && t.len() >= 3, "{t:?}");
        assert!(
            t.iter()
                .all(|(_, l)| l.starts_with("Jan") || l.starts_with("Jul"))
        );
    }

    #[test]
    fn ticks_are_nice() {
        let (t, lo, hi) = nice_ticks(0.013, 0.087, 4);
        assert_eq!(t, vec![0.0, 0.02, 0.04, 0.06, 0.08, 0.1]);
        assert_eq!((lo, hi), (0.0, 0.1));
        let (t, _, _) = nice_ticks(1200.0, 9800.0, 4);
        assert_eq!(t, vec![0.0, 2500.0, 5000.0, 7500.0, 10000.0]);
        let (t, lo, hi) = nice_ticks(5.0, 5.0, 4);
        assert!(
            lo < 5.0 && hi > 5.0 && t.len() >= 2,
            "a flat series gets a band"
        );
        let (t, _, _) = nice_ticks(f64::NAN, 1.0, 4);
        assert_eq!(t, vec![0.0, 1.0]);
        let (t, _, _) = nice_ticks(-3.0, 7.0, 5);
        assert!(t.contains(&0.0));
    }

    #[test]
    fn labels_fit() {
        let from = crate::calendar::parse_date("2026-10-04").unwrap();
        let to = crate::calendar::parse_date("2026-10-31").unwrap();
        assert_eq!(date_labels(from, to, 30, false), vec!["Oct 04", "Oct 31"]);
        assert_eq!(date_labels(from, to, 120, false).len(), 5);
        assert_eq!(
            date_labels(from, from, 120, false),
            vec!["Oct 04", "Oct 04"]
        );
        let long = date_labels(from - 1000, to, 60, false);
        assert!(long[0].starts_with("2024-"));
        let months = date_labels(from - 60, from, 30, true);
        assert_eq!(months, vec!["Aug 2026", "Oct 2026"]);
    }

    #[test]
    fn downsampling_keeps_extremes() {
        let points: Vec<(f64, f64)> = (0..1000)
            .map(|i| (i as f64, if i == 500 { 100.0 } else { (i % 7) as f64 }))
            .collect();
        let d = downsample(&points, 50);
        assert!(d.len() <= 50 * 4 && d.len() < points.len());
        assert!(d.iter().any(|p| p.1 == 100.0), "the spike survives");
        assert_eq!(d.first(), points.first());
        assert_eq!(d.last(), points.last());
        assert!(d.windows(2).all(|w| w[0].0 <= w[1].0), "x stays ordered");
        assert_eq!(downsample(&points[..10], 50).len(), 10);
        assert!(downsample(&[], 10).is_empty());
    }
}
