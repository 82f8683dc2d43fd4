//! The demo's calendar: what each day is like for an Indonesian newsroom and its audience.
//!
//! Weekly and yearly rhythm come from lookup tables (weekday, month, and dated occasions such
//! as Ramadan, Lebaran, Independence Day and the year end), not from sine curves: real
//! rhythms are lumpy, analysts recognise the dates, and tables keep the output identical on
//! every platform. Each day gets three multipliers: how much the outlet posts (`volume`),
//! how strongly people interact per person reached (`engagement`), and how many people are
//! online (`audience`, for reach and web sessions).

use crate::calendar::{Day, days_from_civil};

/// Mon..Sun. Newsrooms post less at weekends; fewer posts then meet a more relaxed audience.
const WEEKDAY_VOLUME: [f64; 7] = [1.06, 1.08, 1.07, 1.05, 1.02, 0.76, 0.70];
const WEEKDAY_ENGAGEMENT: [f64; 7] = [0.96, 0.95, 0.97, 0.98, 1.00, 1.11, 1.15];
const WEEKDAY_AUDIENCE: [f64; 7] = [1.04, 1.05, 1.04, 1.03, 0.98, 0.92, 0.94];

/// Jan..Dec: school holidays in June and July are quiet, August and December lively.
const MONTH_VOLUME: [f64; 12] = [
    1.00, 0.98, 1.00, 1.00, 1.00, 0.96, 0.95, 1.04, 1.02, 1.03, 1.02, 0.94,
];
const MONTH_ENGAGEMENT: [f64; 12] = [
    1.04, 1.00, 1.00, 0.98, 0.97, 0.94, 0.93, 1.06, 1.00, 1.00, 1.02, 1.08,
];
const MONTH_AUDIENCE: [f64; 12] = [
    1.02, 1.00, 1.01, 1.00, 0.99, 0.96, 0.95, 1.03, 1.00, 1.01, 1.01, 0.98,
];

/// A month and a day.
type MonthDay = (u32, u32);

/// Year, first day of Ramadan and the day of Idul Fitri (Lebaran) as Indonesia observed them.
const RAMADAN: &[(i32, MonthDay, MonthDay)] = &[
    (2021, (4, 13), (5, 13)),
    (2022, (4, 3), (5, 2)),
    (2023, (3, 23), (4, 22)),
    (2024, (3, 12), (4, 10)),
    (2025, (3, 1), (3, 31)),
    (2026, (2, 19), (3, 20)),
    (2027, (2, 8), (3, 10)),
    (2028, (1, 28), (2, 27)),
];

/// Election days, when politics dominates the feed.
const ELECTIONS: &[(i32, u32, u32)] = &[(2024, 2, 14), (2024, 11, 27), (2029, 4, 18)];

/// A day the audience knows: it shifts volume, engagement and the topics written about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Occasion {
    Ramadan,
    Lebaran,
    Independence,
    YearEnd,
    NewYear,
    Election,
}

/// A subscription drive: promo posts are more frequent and paid social traffic runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Campaign {
    Ramadan,
    Independence,
    Harbolnas,
}

/// Everything the generators need to know about one day.
#[derive(Clone, Debug)]
pub struct DayInfo {
    pub day: Day,
    /// `YYYY-MM-DD`.
    pub date: String,
    pub month: u32,
    /// 0 = Monday.
    pub weekday: usize,
    pub volume: f64,
    pub engagement: f64,
    pub audience: f64,
    pub occasion: Option<Occasion>,
    pub campaign: Option<Campaign>,
}

impl DayInfo {
    pub fn new(day: Day) -> DayInfo {
        let (year, month, dom) = civil(day);
        let weekday = (day + 3).rem_euclid(7) as usize;
        let m = month as usize - 1;
        let mut info = DayInfo {
            day,
            date: format!("{year:04}-{month:02}-{dom:02}"),
            month,
            weekday,
            volume: WEEKDAY_VOLUME[weekday] * MONTH_VOLUME[m],
            engagement: WEEKDAY_ENGAGEMENT[weekday] * MONTH_ENGAGEMENT[m],
            audience: WEEKDAY_AUDIENCE[weekday] * MONTH_AUDIENCE[m],
            occasion: None,
            campaign: None,
        };
        let (occasion, (v, e, a)) = occasion_of(day, year, month, dom);
        info.occasion = occasion;
        info.volume *= v;
        info.engagement *= e;
        info.audience *= a;
        info.campaign = campaign_of(day, year, month, dom);
        info
    }
}

/// The occasion of a day and its (volume, engagement, audience) multipliers.
fn occasion_of(day: Day, year: i32, month: u32, dom: u32) -> (Option<Occasion>, (f64, f64, f64)) {
    if let Some(&(_, start, eid)) = RAMADAN.iter().find(|r| r.0 == year) {
        let eid = days_from_civil(year, eid.0, eid.1);
        let start = days_from_civil(year, start.0, start.1);
        // Cuti bersama: the homecoming (mudik) holiday around Lebaran.
        if day == eid {
            return (Some(Occasion::Lebaran), (0.55, 1.50, 0.95));
        }
        if (eid - 2..=eid + 3).contains(&day) {
            return (Some(Occasion::Lebaran), (0.65, 1.28, 0.92));
        }
        if (start..eid).contains(&day) {
            return (Some(Occasion::Ramadan), (1.04, 1.15, 1.10));
        }
    }
    for &(y, m, d) in ELECTIONS {
        let e = days_from_civil(y, m, d);
        if day == e {
            return (Some(Occasion::Election), (1.45, 1.30, 1.30));
        }
        if (e - 2..=e + 2).contains(&day) {
            return (Some(Occasion::Election), (1.25, 1.18, 1.15));
        }
    }
    match (month, dom) {
        (8, 17) => (Some(Occasion::Independence), (1.25, 1.45, 1.15)),
        (8, 14..=18) => (Some(Occasion::Independence), (1.08, 1.15, 1.05)),
        (12, 24..=31) => (Some(Occasion::YearEnd), (0.88, 1.20, 1.00)),
        (1, 1) => (Some(Occasion::NewYear), (0.80, 1.35, 1.10)),
        _ => (None, (1.0, 1.0, 1.0)),
    }
}

fn campaign_of(day: Day, year: i32, month: u32, dom: u32) -> Option<Campaign> {
    if let Some(&(_, start, _)) = RAMADAN.iter().find(|r| r.0 == year) {
        let first = days_from_civil(year, start.0, start.1) + 5;
        if (first..first + 14).contains(&day) {
            return Some(Campaign::Ramadan);
        }
    }
    match (month, dom) {
        (8, 10..=19) => Some(Campaign::Independence),
        (12, 8..=14) => Some(Campaign::Harbolnas),
        _ => None,
    }
}

/// The calendar date of a day number (Howard Hinnant's `civil_from_days`).
pub fn civil(day: Day) -> (i32, u32, u32) {
    let z = i64::from(day) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = (yoe + era * 400 + i64::from(m <= 2)) as i32;
    (y, m, d)
}

/// Relative posting weight per hour of day (local time): morning and evening peaks, few
/// posts at night.
const HOURS: [u32; 24] = [
    3, 1, 1, 1, 2, 8, 22, 34, 32, 26, 22, 22, 26, 22, 18, 18, 22, 28, 32, 38, 36, 28, 16, 8,
];
/// During Ramadan the day starts with sahur before dawn and peaks again before iftar.
const HOURS_RAMADAN: [u32; 24] = [
    4, 2, 5, 14, 14, 9, 16, 24, 26, 22, 20, 20, 22, 20, 18, 22, 30, 36, 30, 30, 32, 26, 14, 8,
];

/// Interactions per person reached by hour of posting: evening posts meet people at leisure.
const HOUR_ENGAGEMENT: [f64; 24] = [
    0.85, 0.80, 0.80, 0.85, 0.90, 0.95, 1.00, 1.02, 0.98, 0.92, 0.90, 0.92, 0.97, 0.92, 0.90, 0.92,
    0.98, 1.05, 1.12, 1.18, 1.20, 1.15, 1.05, 0.92,
];

pub fn hour_weights(day: &DayInfo) -> &'static [u32; 24] {
    if day.occasion == Some(Occasion::Ramadan) {
        &HOURS_RAMADAN
    } else {
        &HOURS
    }
}

pub fn hour_engagement(day: &DayInfo, hour: usize) -> f64 {
    let sahur = day.occasion == Some(Occasion::Ramadan) && (3..=4).contains(&hour);
    HOUR_ENGAGEMENT[hour] * if sahur { 1.4 } else { 1.0 }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::{format_date, parse_date};

    #[test]
    fn civil_agrees_with_the_calendar_module() {
        for day in (-1000..30_000).step_by(7) {
            let (y, m, d) = civil(day);
            assert_eq!(format!("{y:04}-{m:02}-{d:02}"), format_date(day));
        }
    }

    #[test]
    fn knows_its_dates() {
        let day = |s| DayInfo::new(parse_date(s).unwrap_or_default());
        assert_eq!(day("2026-10-31").weekday, 5, "a Saturday");
        assert_eq!(day("2025-08-17").occasion, Some(Occasion::Independence));
        assert_eq!(day("2025-03-31").occasion, Some(Occasion::Lebaran));
        assert_eq!(day("2026-03-01").occasion, Some(Occasion::Ramadan));
        assert_eq!(day("2025-12-10").campaign, Some(Campaign::Harbolnas));
        assert!(day("2025-08-17").engagement > day("2025-07-17").engagement);
    }
}
