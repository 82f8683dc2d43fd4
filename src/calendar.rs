//! Days and timestamps as plain integers.
//!
//! Every bucket engage computes (posts per day, weeks, months, windows) works on days counted
//! from 1970-01-01 in the snapshot's `utc_offset`, so a day is an `i32` and comparing or
//! subtracting days is integer arithmetic. Parsing is hand-written because a million
//! `published_at` values pass through it on every load; tests hold it to chrono's answers.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, TimeZone};

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

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if is_leap(year) => 29,
        _ => 28,
    }
}

#[inline]
fn digits(bytes: &[u8]) -> Option<u32> {
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
/// optional fractional seconds (dropped), `T` or `t` or a space between date and time. A leap
/// second (`:60`) counts as the last second of its minute.
pub fn parse_timestamp(s: &str) -> Option<Timestamp> {
    let b = s.as_bytes();
    if b.len() < 20 || !matches!(b[10], b'T' | b't' | b' ') || b[13] != b':' || b[16] != b':' {
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
    Some(Timestamp {
        utc: local - i64::from(offset) * 60,
        offset_min: offset as i16,
    })
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
            "2026-02-29", "2026-13-01", "2026-00-10", "2026-04-31", "2026-1-01", "26-01-01",
            "2026/01/01", "2026-01-01 ", "２０２６-01-01",
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
        }
    }
}
