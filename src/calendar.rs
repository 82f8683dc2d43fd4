//! Days and timestamps as plain integers.
//!
//! Every bucket engage computes (posts per day, weeks, months, windows) works on days counted
//! from 1970-01-01 in the snapshot's `utc_offset`, so a day is an `i32` and comparing or
//! subtracting days is integer arithmetic. Parsing is hand-written because a million
//! `published_at` values pass through it on every load; tests hold it to chrono's answers.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, TimeZone};

use crate::i18n::{tr, trf};

/// A day: days since 1970-01-01 (negative before), in whatever offset the caller works in.
pub type Day = i32;

/// Days from 0000-03-01 to 1970-01-01 in Howard Hinnant's civil-days algorithm.
const UNIX_EPOCH_SHIFT: i64 = 719_468;

/// An instant with the UTC offset it was written in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp {
    /// Seconds since 1970-01-01T00:00:00Z.
    pub utc: i64,
    /// The offset it was written with, in minutes east of UTC.
    pub offset_min: i16,
}

impl Timestamp {
    /// The day this instant falls on for a viewer at `offset_min`.
    pub fn day_at(self, offset_min: i32) -> Day {
        day_of(self.utc, offset_min)
    }

    /// As chrono's type, for formatting.
    pub fn to_chrono(self) -> Option<DateTime<FixedOffset>> {
        let offset = FixedOffset::east_opt(i32::from(self.offset_min) * 60)?;
        offset.timestamp_opt(self.utc, 0).single()
    }
}

impl std::fmt::Display for Timestamp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.to_chrono() {
            Some(t) => write!(f, "{}", t.format("%Y-%m-%dT%H:%M:%S%:z")),
            None => write!(f, "@{}", self.utc),
        }
    }
}

/// The day (in `offset_min`) of a UTC instant given in seconds.
#[inline]
pub fn day_of(utc: i64, offset_min: i32) -> Day {
    let local = utc + i64::from(offset_min) * 60;
    // Any i64 second count divided by 86,400 fits i32 for dates the parser accepts.
    local.div_euclid(86_400) as Day
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's `days_from_civil`).
#[inline]
pub fn days_from_civil(year: i32, month: u32, day: u32) -> Day {
    let y = i64::from(year) - i64::from(month <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    (era * 146_097 + doe - UNIX_EPOCH_SHIFT) as Day
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

pub(crate) fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if is_leap(year) => 29,
        _ => 28,
    }
}

#[inline]
pub(crate) fn digits(bytes: &[u8]) -> Option<u32> {
    let mut v = 0u32;
    for &b in bytes {
        if !b.is_ascii_digit() {
            return None;
        }
        v = v * 10 + u32::from(b - b'0');
    }
    Some(v)
}

/// Parses `YYYY-MM-DD` (a real calendar date) into a day number.
pub fn parse_date(s: &str) -> Option<Day> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let year = digits(&b[0..4])? as i32;
    let month = digits(&b[5..7])?;
    let day = digits(&b[8..10])?;
    if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
        return None;
    }
    Some(days_from_civil(year, month, day))
}

/// Parses a UTC offset `±HH:MM` (or `Z`) into minutes east of UTC.
pub fn parse_offset(s: &str) -> Option<i32> {
    let b = s.as_bytes();
    if b == b"Z" || b == b"z" {
        return Some(0);
    }
    if b.len() != 6 || b[3] != b':' {
        return None;
    }
    let sign = match b[0] {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let hours = digits(&b[1..3])?;
    let minutes = digits(&b[4..6])?;
    if hours > 23 || minutes > 59 {
        return None;
    }
    Some(sign * (hours * 60 + minutes) as i32)
}

/// Parses an RFC 3339 timestamp with an offset: `2026-10-31T19:05:00+07:00`, `…Z`, with
/// optional fractional seconds (dropped), `T` or `t` between date and time: exactly what JSON
/// Schema's `date-time` format accepts, so that the shipped schema and the loader agree (a
/// space, which RFC 3339 allows only "by mutual agreement", is refused). A leap second
/// (`:60`) is accepted only at 23:59 UTC, where leap seconds happen, and counts as the last
/// second of its minute. [`timestamp_problem`] says why a string is refused.
pub fn parse_timestamp(s: &str) -> Option<Timestamp> {
    let b = s.as_bytes();
    if b.len() < 20 || !matches!(b[10], b'T' | b't') || b[13] != b':' || b[16] != b':' {
        return None;
    }
    let date = parse_date(s.get(0..10)?)?;
    let hour = digits(&b[11..13])?;
    let minute = digits(&b[14..16])?;
    let second = digits(&b[17..19])?;
    if hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    let mut rest = &s[19..];
    if let Some(frac) = rest.strip_prefix('.') {
        let n = frac.bytes().take_while(u8::is_ascii_digit).count();
        if n == 0 {
            return None;
        }
        rest = &frac[n..];
    }
    let offset = parse_offset(rest)?;
    let local = i64::from(date) * 86_400
        + i64::from(hour) * 3600
        + i64::from(minute) * 60
        + i64::from(second.min(59));
    let utc = local - i64::from(offset) * 60;
    if second == 60 && utc.rem_euclid(86_400) != 86_399 {
        return None;
    }
    Some(Timestamp {
        utc,
        offset_min: offset as i16,
    })
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Month names in Indonesian, for the same messages on an Indonesian screen.
const MONTHS_ID: [&str; 12] = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
];

/// Why `s` is not a date [`parse_date`] accepts, for a message that goes on "found …, which";
/// `None` when there is nothing more specific to say than the expected form (or `s` is fine).
/// Only called on the error path.
pub fn date_problem(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let shaped = |b: &[u8]| {
        b.len() == 10
            && b[4] == b'-'
            && b[7] == b'-'
            && [0..4, 5..7, 8..10]
                .iter()
                .all(|r| b[r.clone()].iter().all(u8::is_ascii_digit))
    };
    if b.len() > 10 && shaped(&b[..10]) && parse_date(&s[..10]).is_some() {
        return Some(tr("loader.date_time_part").to_owned());
    }
    if !shaped(b) {
        let numeric = !s.is_empty() && s.bytes().all(|c| c.is_ascii_digit() || b"/.-".contains(&c));
        return numeric.then(|| tr("loader.date_not_iso").to_owned());
    }
    let year = digits(&b[0..4])? as i32;
    let month = digits(&b[5..7])?;
    let day = digits(&b[8..10])?;
    if !(1..=12).contains(&month) {
        return Some(trf("loader.date_no_month", &[("month", &month)]));
    }
    let last = days_in_month(year, month);
    if day == 0 || day > last {
        let names = match crate::i18n::current() {
            crate::i18n::Lang::En => MONTHS,
            crate::i18n::Lang::Id => MONTHS_ID,
        };
        let name = names[month as usize - 1];
        let leap = if month == 2 && last == 28 {
            trf("loader.date_not_leap", &[("year", &year)])
        } else {
            String::new()
        };
        return Some(trf(
            "loader.date_not_in_calendar",
            &[
                ("month", &name),
                ("year", &year),
                ("last", &last),
                ("leap", &leap),
            ],
        ));
    }
    None
}

/// Why `s` is not a timestamp [`parse_timestamp`] accepts, for a message that goes on "found
/// …, which"; `None` when there is nothing more specific to say. Only called on the error path.
pub fn timestamp_problem(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let date = s.get(..10)?;
    if parse_date(date).is_none() {
        return date_problem(date).map(|why| trf("loader.ts_bad_date", &[("why", &why)]));
    }
    if b.len() == 10 {
        return Some(tr("loader.ts_date_only").to_owned());
    }
    let time_at = |i: usize| {
        b.len() >= i + 8
            && b[i + 2] == b':'
            && b[i + 5] == b':'
            && [i..i + 2, i + 3..i + 5, i + 6..i + 8]
                .iter()
                .all(|r| b[r.clone()].iter().all(u8::is_ascii_digit))
    };
    if !time_at(11) {
        return None;
    }
    if b[10] == b' ' || b[10] == b'_' {
        return Some(tr("loader.ts_space").to_owned());
    }
    if !matches!(b[10], b'T' | b't') {
        return Some(tr("loader.ts_no_t").to_owned());
    }
    let (hour, minute, second) = (
        digits(&b[11..13])?,
        digits(&b[14..16])?,
        digits(&b[17..19])?,
    );
    if hour > 23 {
        return Some(trf(
            "loader.ts_hour",
            &[("hour", &format_args!("{hour:02}"))],
        ));
    }
    if minute > 59 || second > 60 {
        return Some(tr("loader.ts_minutes").to_owned());
    }
    let mut rest = &s[19..];
    if let Some(frac) = rest.strip_prefix('.') {
        let n = frac.bytes().take_while(u8::is_ascii_digit).count();
        if n == 0 {
            return Some(tr("loader.ts_decimal_point").to_owned());
        }
        rest = &frac[n..];
    }
    if rest.is_empty() {
        return Some(tr("loader.ts_no_offset").to_owned());
    }
    match parse_offset(rest) {
        None if rest.chars().count() > 12 => None,
        None if rest.len() == 6 && rest.as_bytes()[3] == b':' && rest.starts_with(['+', '-']) => {
            Some(trf("loader.ts_offset_range", &[("offset", &rest)]))
        }
        None => Some(trf(
            "loader.ts_offset_form",
            &[("offset", &format_args!("{rest:?}"))],
        )),
        Some(_) if second == 60 => Some(tr("loader.ts_leap_second").to_owned()),
        Some(_) => None,
    }
}

/// The calendar date of a day number.
pub fn to_naive(day: Day) -> NaiveDate {
    NaiveDate::from_num_days_from_ce_opt(day + 719_163).unwrap_or(NaiveDate::MIN)
}

/// `YYYY-MM-DD` of a day number.
pub fn format_date(day: Day) -> String {
    to_naive(day).format("%Y-%m-%d").to_string()
}

/// Formats minutes east of UTC as `±HH:MM`.
pub fn format_offset(offset_min: i32) -> String {
    let sign = if offset_min < 0 { '-' } else { '+' };
    let m = offset_min.unsigned_abs();
    format!("{sign}{:02}:{:02}", m / 60, m % 60)
}

/// The day number of a chrono date.
pub fn from_naive(date: NaiveDate) -> Day {
    days_from_civil(date.year(), date.month(), date.day())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn epoch_and_known_dates() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(1969, 12, 31), -1);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        assert_eq!(parse_date("2026-10-31"), Some(20_757));
        assert_eq!(format_date(20_757), "2026-10-31");
    }

    #[test]
    fn rejects_impossible_dates() {
        for bad in [
            "2026-02-29",
            "2026-13-01",
            "2026-00-10",
            "2026-04-31",
            "2026-1-01",
            "26-01-01",
            "2026/01/01",
            "2026-01-01 ",
            "２０２６-01-01",
        ] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
        assert!(parse_date("2024-02-29").is_some());
        assert!(parse_date("2000-02-29").is_some());
        assert!(parse_date("1900-02-29").is_none());
    }

    #[test]
    fn timestamps_with_offsets() {
        let t = parse_timestamp("2026-10-31T19:05:00+07:00").unwrap();
        assert_eq!(t.offset_min, 420);
        assert_eq!(t.to_string(), "2026-10-31T19:05:00+07:00");
        // 19:05 at +07:00 is 12:05 UTC: the same day in UTC, the next day at +13:00.
        assert_eq!(t.day_at(0), parse_date("2026-10-31").unwrap());
        assert_eq!(t.day_at(13 * 60), parse_date("2026-11-01").unwrap());
        let z = parse_timestamp("2026-10-31T23:59:59.999Z").unwrap();
        assert_eq!(z.day_at(0), parse_date("2026-10-31").unwrap());
        assert_eq!(z.day_at(60), parse_date("2026-11-01").unwrap());
        assert_eq!(z.day_at(-60), parse_date("2026-10-31").unwrap());
        let neg = parse_timestamp("2026-01-01T00:30:00-05:30").unwrap();
        assert_eq!(neg.day_at(0), parse_date("2026-01-01").unwrap());
        assert_eq!(neg.offset_min, -330);
    }

    #[test]
    fn rejects_bad_timestamps() {
        for bad in [
            "2026-10-31T19:05:00",
            "2026-10-31",
            "2026-10-31T24:00:00Z",
            "2026-10-31T19:60:00Z",
            "2026-10-31T19:05:00+7:00",
            "2026-10-31T19:05:00+24:00",
            "2026-10-31T19:05:00.Z",
            "2026-02-30T00:00:00Z",
            "yesterday at noon, UTC",
            "2026-10-31T19:05:00+07:00 ",
        ] {
            assert_eq!(parse_timestamp(bad), None, "{bad}");
        }
    }

    #[test]
    fn strict_like_json_schema_date_time() {
        // A space separator is RFC 3339 "by agreement" only; JSON Schema's date-time refuses it.
        assert_eq!(parse_timestamp("2026-10-31 19:05:00+07:00"), None);
        assert!(parse_timestamp("2026-10-31t19:05:00z").is_some());
        // Leap seconds exist only at 23:59:60 UTC.
        let leap = parse_timestamp("2016-12-31T23:59:60Z").unwrap();
        assert_eq!(leap, parse_timestamp("2016-12-31T23:59:59Z").unwrap());
        assert!(parse_timestamp("2017-01-01T07:59:60+08:00").is_some());
        assert!(parse_timestamp("2016-12-31T18:29:60-05:30").is_some());
        assert_eq!(parse_timestamp("2026-10-31T19:05:60+07:00"), None);
        assert_eq!(parse_timestamp("2016-12-31T23:59:60+01:00"), None);
    }

    #[test]
    fn problems_say_why() {
        let t = |s| timestamp_problem(s).unwrap_or_default();
        assert!(t("2026-10-31T19:05:00").contains("no UTC offset"));
        assert!(t("2026-10-31 19:05:00Z").contains("separated by `T`"));
        assert!(t("2026-02-30T08:00:00Z").contains("February 2026 has 28 days"));
        assert!(t("2026-10-31T24:00:00Z").contains("hour 24"));
        assert!(t("2026-10-31T19:05:00+0700").contains("±HH:MM"));
        assert!(t("2026-10-31T19:05:00+24:00").contains("offsets run from"));
        assert!(t("2026-10-31T19:05:60Z").contains("leap second"));
        assert!(t("2026-10-31").contains("without a time"));
        assert_eq!(timestamp_problem("yesterday at noon, UTC"), None);
        assert_eq!(timestamp_problem("2026-10-31T19:05:00Z"), None);
        let d = |s| date_problem(s).unwrap_or_default();
        assert!(d("2026-02-29").contains("February 2026 has 28 days, 2026 is not a leap year"));
        assert!(d("2026-04-31").contains("April 2026 has 30 days"));
        assert!(d("2026-13-01").contains("no month 13"));
        assert!(d("31/10/2026").contains("YYYY-MM-DD"));
        assert!(d("2026-10-31T00:00:00Z").contains("time part"));
        assert_eq!(date_problem("2026-10-31"), None);
        assert_eq!(date_problem("soon"), None);
    }

    #[test]
    fn offsets() {
        assert_eq!(parse_offset("+07:00"), Some(420));
        assert_eq!(parse_offset("-09:30"), Some(-570));
        assert_eq!(parse_offset("Z"), Some(0));
        assert_eq!(parse_offset("+0700"), None);
        assert_eq!(format_offset(-570), "-09:30");
        assert_eq!(format_offset(0), "+00:00");
    }

    proptest! {
        #[test]
        fn days_agree_with_chrono(day in -800_000i32..2_900_000) {
            let date = to_naive(day);
            prop_assert_eq!(from_naive(date), day);
            let text = date.format("%Y-%m-%d").to_string();
            if date.year() >= 0 && date.year() <= 9999 {
                prop_assert_eq!(parse_date(&text), Some(day));
            }
        }

        #[test]
        fn timestamps_agree_with_chrono(
            secs in -2_000_000_000i64..8_000_000_000,
            offset in -1439i32..=1439,
            frac in proptest::option::of(0u32..1_000_000),
        ) {
            let tz = FixedOffset::east_opt(offset * 60).unwrap();
            let t = tz.timestamp_opt(secs, 0).unwrap();
            let mut text = t.format("%Y-%m-%dT%H:%M:%S").to_string();
            if let Some(f) = frac { text.push_str(&format!(".{f:06}")); }
            text.push_str(&t.format("%:z").to_string());
            let ours = parse_timestamp(&text).unwrap();
            let theirs = DateTime::parse_from_rfc3339(&text).unwrap();
            prop_assert_eq!(ours.utc, theirs.timestamp());
            prop_assert_eq!(i32::from(ours.offset_min) * 60, theirs.offset().local_minus_utc());
            prop_assert_eq!(ours.day_at(offset), from_naive(theirs.date_naive()));
        }

        #[test]
        fn arbitrary_text_never_panics(s in "\\PC{0,40}") {
            let _ = parse_timestamp(&s);
            let _ = parse_date(&s);
            let _ = parse_offset(&s);
            let _ = timestamp_problem(&s);
            let _ = date_problem(&s);
        }

        #[test]
        fn near_timestamps_never_panic(s in "[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt _][0-9:.]{0,12}[Zz+-]?[0-9:]{0,6}é?") {
            prop_assert_eq!(timestamp_problem(&s).is_some() && parse_timestamp(&s).is_some(), false);
        }
    }
}
