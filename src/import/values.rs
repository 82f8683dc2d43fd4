//! Cell values as exports write them: counts as integers, floats (`"1234.0"`) or E notation,
//! with `-`, empty and `NA` meaning "not known" (never zero); dates and times in the many
//! formats the platforms use.

use chrono::{NaiveDateTime, NaiveTime};

use crate::calendar::{Day, Timestamp, days_from_civil, digits, parse_date};
use crate::i18n::trf;

/// A count cell.
#[derive(Clone, Debug, PartialEq)]
pub enum Count {
    Missing,
    Value(u64),
    /// Not a count, with why (`"12.5" has a fractional part`).
    Bad(String),
}

/// Cells that mean "not known".
pub fn is_missing(s: &str) -> bool {
    matches!(
        s.trim(),
        "" | "-" | "--" | "—" | "NA" | "N/A" | "n/a" | "na" | "null" | "NULL" | "None"
    )
}

/// The common forms, without allocating: digits, optionally followed by `.` and zeros
/// (`"215.0"`, as X writes counts). Anything else is left to the general parser.
pub fn plain_count(b: &[u8]) -> Option<u64> {
    let dot = b.iter().position(|&c| c == b'.').unwrap_or(b.len());
    let (int, frac) = b.split_at(dot);
    if int.is_empty() || int.len() > 16 || frac.len() == 1 {
        return None;
    }
    if !frac.is_empty() && !frac[1..].iter().all(|&c| c == b'0') {
        return None;
    }
    let mut v: u64 = 0;
    for &c in int {
        if !c.is_ascii_digit() {
            return None;
        }
        v = v * 10 + u64::from(c - b'0');
    }
    Some(v)
}

/// Parses a count: `1234`, `1,234`, `1234.0`, `1.234E3`; negative or fractional values are
/// bad, and so are counts above 2^53 (a snapshot cannot hold them exactly).
pub fn count(s: &str) -> Count {
    match parse_count(s) {
        Count::Value(v) if v > crate::snapshot::model::MAX_COUNT => {
            Count::Bad(trf("importer.count_over", &[("value", &s.trim())]))
        }
        other => other,
    }
}

fn parse_count(s: &str) -> Count {
    let t = s.trim();
    if let Some(v) = plain_count(t.as_bytes()) {
        return Count::Value(v);
    }
    if is_missing(t) {
        return Count::Missing;
    }
    // Thousands separators: 1,234,567 (only in the exact grouped form).
    let grouped = t.split(',').collect::<Vec<_>>();
    if grouped.len() > 1
        && !grouped[0].is_empty()
        && grouped[0].len() <= 3
        && grouped[1..].iter().all(|g| g.len() == 3)
        && grouped
            .iter()
            .all(|g| g.bytes().all(|b| b.is_ascii_digit()))
        && let Ok(v) = grouped.concat().parse::<u64>()
    {
        return Count::Value(v);
    }
    match t.parse::<f64>() {
        Ok(v) if v.is_finite() && v >= 0.0 && v.fract() == 0.0 && v < 9.007_199_254_740_992e15 => {
            Count::Value(v as u64)
        }
        Ok(v) if v.is_finite() && v < 0.0 => {
            Count::Bad(trf("importer.count_negative", &[("value", &t)]))
        }
        Ok(v) if v.is_finite() => Count::Bad(trf("importer.count_fraction", &[("value", &t)])),
        _ => Count::Bad(trf("importer.count_not_number", &[("value", &t)])),
    }
}

/// A post text with X's HTML entities decoded: `&amp;` `&lt;` `&gt;` `&quot;` `&#39;`
/// `&apos;` and numeric ones (`&#8217;`, `&#x1F600;`). X writes texts HTML-escaped in its
/// exports; shown as written, `&amp;` would be what the analyst reads. One pass, left to
/// right: `&amp;lt;` is `&lt;` (the text said `&lt;`), never `<`. Anything else after a `&`
/// (an unknown name, a number that is no character) stays as written.
pub fn unescape_html(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains('&') {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let entity = rest
            .get(1..)
            .and_then(|r| r.find(';').filter(|&end| end <= 10))
            .map(|end| &rest[1..=end]);
        match entity.and_then(entity_char) {
            Some(c) => {
                out.push(c);
                rest = &rest[entity.map_or(0, str::len) + 2..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

/// The character an entity's name (between `&` and `;`) stands for.
fn entity_char(name: &str) -> Option<char> {
    let code = match name {
        "amp" => return Some('&'),
        "lt" => return Some('<'),
        "gt" => return Some('>'),
        "quot" => return Some('"'),
        "apos" => return Some('\''),
        _ => name.strip_prefix('#')?,
    };
    let value = match code.strip_prefix(['x', 'X']) {
        Some(hex) if !hex.is_empty() && hex.bytes().all(|b| b.is_ascii_hexdigit()) => {
            u32::from_str_radix(hex, 16).ok()?
        }
        Some(_) => return None,
        None if !code.is_empty() && code.bytes().all(|b| b.is_ascii_digit()) => {
            code.parse().ok()?
        }
        None => return None,
    };
    // NUL and other controls but tab and line breaks stay escaped: they are not text.
    char::from_u32(value).filter(|c| !c.is_control() || matches!(c, '\t' | '\n' | '\r'))
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

fn month(name: &str) -> Option<u32> {
    let n = name.to_lowercase();
    MONTHS
        .iter()
        .position(|m| n.starts_with(m))
        .map(|i| i as u32 + 1)
}

/// A calendar date with a four-digit year (what a snapshot can write), else `None`.
fn ymd(y: i32, m: u32, d: u32) -> Option<Day> {
    let valid = (1000..=9999).contains(&y)
        && (1..=12).contains(&m)
        && (1..=crate::calendar::days_in_month(y, m)).contains(&d);
    valid.then(|| days_from_civil(y, m, d))
}

/// Which way a numeric date with slashes or dashes reads when both ways are possible.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateOrder {
    /// 1/31/2014 (Facebook, US exports).
    MonthFirst,
    /// 13-06-2025 (YouTube Studio in many locales).
    DayFirst,
}

/// Parses the date formats exports use: `2026-10-31`, `20261031`, `1/31/2014` or `31-01-2014`
/// (by `order`), `Mon Feb 17 2025`, `Tue, Feb 18, 2025`, `Aug 28, 2025`, `28 Aug 2025`.
pub fn date(s: &str, order: DateOrder) -> Option<Day> {
    let t = s.trim().trim_matches('"');
    if let Some(d) = parse_date(t) {
        return Some(d);
    }
    if t.len() == 8 && t.bytes().all(|b| b.is_ascii_digit()) {
        let (y, m, d) = (
            t[0..4].parse().ok()?,
            t[4..6].parse().ok()?,
            t[6..8].parse().ok()?,
        );
        return ymd(y, m, d);
    }
    let numeric: Vec<&str> = t.split(['/', '-', '.']).collect();
    if numeric.len() == 3
        && numeric
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
    {
        let a: u32 = numeric[0].parse().ok()?;
        let b: u32 = numeric[1].parse().ok()?;
        let y: i32 = numeric[2].parse().ok()?;
        if numeric[2].len() != 4 {
            return None;
        }
        let (m, d) = match order {
            DateOrder::MonthFirst => (a, b),
            DateOrder::DayFirst => (b, a),
        };
        return ymd(y, m, d);
    }
    // Words: drop a weekday, commas; then "Feb 17 2025" or "17 Feb 2025".
    let words: Vec<&str> = t.split([' ', ',']).filter(|w| !w.is_empty()).collect();
    let words: Vec<&str> = if words
        .first()
        .is_some_and(|w| w.len() >= 3 && month(w).is_none() && w.chars().all(char::is_alphabetic))
    {
        words[1..].to_vec()
    } else {
        words
    };
    match words.as_slice() {
        [m, d, y] if month(m).is_some() => ymd(y.parse().ok()?, month(m)?, d.parse().ok()?),
        [d, m, y] if month(m).is_some() => ymd(y.parse().ok()?, month(m)?, d.parse().ok()?),
        _ => None,
    }
}

/// The order numeric dates of a column are written in, from the column itself: a first part
/// above 12 means day first, a second part above 12 means month first; `default` when no date
/// tells (every day of the column is 12 or less).
pub fn order_of<'a>(cells: impl IntoIterator<Item = &'a str>, default: DateOrder) -> DateOrder {
    cells.into_iter().find_map(order_told).unwrap_or(default)
}

/// The order one numeric date tells (`13-06-2025` is day first), if it tells one.
pub fn order_told(cell: &str) -> Option<DateOrder> {
    let parts: Vec<&str> = cell.trim().split(['/', '-', '.']).collect();
    if parts.len() != 3 || parts[2].len() != 4 {
        return None;
    }
    match (parts[0].parse::<u32>(), parts[1].parse::<u32>()) {
        (Ok(a), Ok(_)) if a > 12 => Some(DateOrder::DayFirst),
        (Ok(_), Ok(b)) if b > 12 => Some(DateOrder::MonthFirst),
        _ => None,
    }
}

/// `2021-03-30 17:04 +0000` and `2021-03-30 17:04:05 +00:00` (X's classic exports), read
/// by hand: a million of them are parsed per import, and a format-string parser is slow.
pub fn iso_with_offset(b: &[u8]) -> Option<Timestamp> {
    let num = |r: std::ops::Range<usize>| digits(b.get(r)?);
    if b.len() < 22 || b[4] != b'-' || b[7] != b'-' || b[10] != b' ' || b[13] != b':' {
        return None;
    }
    let (year, month, day) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (hour, minute) = (num(11..13)?, num(14..16)?);
    let (second, rest) = if b[16] == b':' {
        (num(17..19)?, 19)
    } else {
        (0, 16)
    };
    let zone = b.get(rest..)?.strip_prefix(b" ")?;
    let (sign, zone_digits) = match zone.split_first()? {
        (b'+', d) => (1, d),
        (b'-', d) => (-1, d),
        _ => return None,
    };
    let (zh, zm) = match zone_digits {
        [a, b2, c, d] => (digits(&[*a, *b2])?, digits(&[*c, *d])?),
        [a, b2, b':', c, d] => (digits(&[*a, *b2])?, digits(&[*c, *d])?),
        _ => return None,
    };
    if hour > 23 || minute > 59 || second > 59 || zh > 23 || zm > 59 {
        return None;
    }
    let day = ymd(year as i32, month, day)?;
    let offset = sign * (zh * 60 + zm) as i32;
    let local = i64::from(day) * 86_400 + i64::from(hour * 3600 + minute * 60 + second);
    Some(Timestamp {
        utc: local - i64::from(offset) * 60,
        offset_min: offset as i16,
    })
    .filter(|&t| writable(t))
}

/// Parses a date and time: `2021-03-30 17:04 +0000` (with its offset), `02/14/2016 12:40:16 AM`
/// or a bare date (midnight) in the local time of `offset_min` when the cell has no offset.
pub fn timestamp(s: &str, order: DateOrder, offset_min: i32) -> Option<Timestamp> {
    any_timestamp(s, order, offset_min).filter(|&t| writable(t))
}

/// Whether a snapshot can write the time: a four-digit year, in UTC and in its own offset.
pub fn writable(t: Timestamp) -> bool {
    // 1000-01-01T00:00:00 and 9999-12-31T23:59:59, in seconds since the epoch.
    const FIRST: i64 = -30_610_224_000;
    const LAST: i64 = 253_402_300_799;
    let local = t.utc + i64::from(t.offset_min) * 60;
    (FIRST..=LAST).contains(&t.utc) && (FIRST..=LAST).contains(&local)
}

fn any_timestamp(s: &str, order: DateOrder, offset_min: i32) -> Option<Timestamp> {
    let t = s.trim();
    if let Some(ts) = iso_with_offset(t.as_bytes()) {
        return Some(ts);
    }
    if let Some(ts) = crate::calendar::parse_timestamp(t) {
        return Some(ts);
    }
    for format in [
        "%Y-%m-%d %H:%M %z",
        "%Y-%m-%d %H:%M:%S %z",
        "%Y-%m-%dT%H:%M:%S%z",
    ] {
        if let Ok(dt) = chrono::DateTime::parse_from_str(t, format) {
            return Some(from_chrono(dt));
        }
    }
    let local = |dt: NaiveDateTime| local_at(dt, offset_min);
    let formats: &[&str] = match order {
        DateOrder::MonthFirst => &[
            "%m/%d/%Y %I:%M:%S %p",
            "%m/%d/%Y %I:%M %p",
            "%m/%d/%Y %H:%M:%S",
            "%m/%d/%Y %H:%M",
            "%Y-%m-%d %H:%M:%S",
            "%Y-%m-%d %H:%M",
        ],
        DateOrder::DayFirst => &[
            "%d/%m/%Y %H:%M:%S",
            "%d/%m/%Y %H:%M",
            "%d-%m-%Y %H:%M:%S",
            "%Y-%m-%d %H:%M:%S",
            "%Y-%m-%d %H:%M",
        ],
    };
    for f in formats {
        if let Ok(dt) = NaiveDateTime::parse_from_str(t, f) {
            return Some(local(dt));
        }
    }
    let day = date(t, order)?;
    Some(local(
        crate::calendar::to_naive(day).and_time(NaiveTime::MIN),
    ))
}

/// A date range written in a file name: `…_20210101_20210201_…` or `… - 2014-01-01 - 2014-02-27`.
pub fn range_in_name(name: &str) -> Option<(Day, Day)> {
    let mut found: Vec<Day> = Vec::new();
    let bytes = name.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_digit() {
            let j = (i..bytes.len())
                .find(|&k| !bytes[k].is_ascii_digit() && bytes[k] != b'-')
                .unwrap_or(bytes.len());
            let token = name[i..j].trim_end_matches('-');
            if let Some(d) = parse_date(token).or_else(|| {
                (token.len() == 8)
                    .then(|| date(token, DateOrder::MonthFirst))
                    .flatten()
            }) {
                found.push(d);
            }
            i = j;
        } else {
            i += 1;
        }
    }
    match found.as_slice() {
        [.., a, b] if a <= b => Some((*a, *b)),
        _ => None,
    }
}

/// A chrono time with its offset.
pub fn from_chrono(dt: chrono::DateTime<chrono::FixedOffset>) -> Timestamp {
    Timestamp {
        utc: dt.timestamp(),
        offset_min: (dt.offset().local_minus_utc() / 60) as i16,
    }
}

/// A time written without an offset, read at `offset_min`.
pub fn local_at(dt: NaiveDateTime, offset_min: i32) -> Timestamp {
    Timestamp {
        utc: dt.and_utc().timestamp() - i64::from(offset_min) * 60,
        offset_min: offset_min as i16,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::{format_date, parse_date};

    fn d(s: &str) -> Day {
        parse_date(s).unwrap()
    }

    #[test]
    fn counts_as_exports_write_them() {
        assert_eq!(count("1234"), Count::Value(1234));
        assert_eq!(count(" 1234.0 "), Count::Value(1234));
        assert_eq!(count("1.2E3"), Count::Value(1200));
        assert_eq!(count("1,234,567"), Count::Value(1_234_567));
        for m in ["", "-", "NA", "n/a", " "] {
            assert_eq!(count(m), Count::Missing, "{m:?}");
        }
        assert!(matches!(count("12.5"), Count::Bad(_)));
        assert!(matches!(count("-3"), Count::Bad(_)));
        assert!(matches!(count("abc"), Count::Bad(_)));
        assert!(matches!(count("1,23"), Count::Bad(_)));
    }

    #[test]
    fn dates_in_every_export_format() {
        let mf = DateOrder::MonthFirst;
        assert_eq!(date("2025-02-18", mf), Some(d("2025-02-18")));
        assert_eq!(date("20251211", mf), Some(d("2025-12-11")));
        assert_eq!(date("1/31/2014", mf), Some(d("2014-01-31")));
        assert_eq!(
            date("13-06-2025", DateOrder::DayFirst),
            Some(d("2025-06-13"))
        );
        assert_eq!(date("13-06-2025", mf), None, "month 13");
        assert_eq!(date("Mon Feb 17 2025", mf), Some(d("2025-02-17")));
        assert_eq!(date("Tue, Feb 18, 2025", mf), Some(d("2025-02-18")));
        assert_eq!(date("\"Sat, Aug 1, 2026\"", mf), Some(d("2026-08-01")));
        assert_eq!(date("Aug 28, 2025", mf), Some(d("2025-08-28")));
        assert_eq!(date("28 Aug 2025", mf), Some(d("2025-08-28")));
        assert_eq!(date("Feb 30 2025", mf), None);
        assert_eq!(date("Total", mf), None);
    }

    #[test]
    fn timestamps() {
        let t = timestamp("2021-03-30 17:04 +0000", DateOrder::MonthFirst, 0).unwrap();
        assert_eq!(t.to_string(), "2021-03-30T17:04:00+00:00");
        let t = timestamp("02/14/2016 12:40:16 AM", DateOrder::MonthFirst, 660).unwrap();
        assert_eq!(t.to_string(), "2016-02-14T00:40:16+11:00");
        let t = timestamp("Mon Feb 17 2025", DateOrder::MonthFirst, 0).unwrap();
        assert_eq!(t.to_string(), "2025-02-17T00:00:00+00:00");
    }

    #[test]
    fn html_entities_are_decoded_once() {
        let u = |s: &str| unescape_html(s).into_owned();
        assert_eq!(
            u("Q&amp;A &lt;3 &gt; &quot;hi&quot; it&#39;s"),
            "Q&A <3 > \"hi\" it's"
        );
        assert_eq!(u("&amp;lt; stays escaped once"), "&lt; stays escaped once");
        assert_eq!(u("&#8217; &#x1F600; &#X41;"), "\u{2019} 😀 A");
        assert_eq!(
            u("AT&T & co; &nbsp; &#; &#x; &#xZZ; &#1114112; &#0;"),
            "AT&T & co; &nbsp; &#; &#x; &#xZZ; &#1114112; &#0;"
        );
        assert_eq!(u("&amp"), "&amp", "no semicolon");
        assert_eq!(u("é &amp; ü"), "é & ü");
        assert!(matches!(
            unescape_html("plain"),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    #[test]
    fn ranges_in_file_names() {
        let (a, b) =
            range_in_name("tweet_activity_metrics_LisaDeBruine_20210101_20210201_en.csv").unwrap();
        assert_eq!(
            (format_date(a).as_str(), format_date(b).as_str()),
            ("2021-01-01", "2021-02-01")
        );
        let (a, b) = range_in_name("Facebook Insights Data Export - Visualization Studio VIC - 2014-01-01 - 2014-02-27.csv").unwrap();
        assert_eq!(
            (format_date(a).as_str(), format_date(b).as_str()),
            ("2014-01-01", "2014-02-27")
        );
        let (_, b) = range_in_name("account_analytics_content_2024-11-21_2025-02-19.csv").unwrap();
        assert_eq!(format_date(b), "2025-02-19");
        assert_eq!(range_in_name("Totals.csv"), None);
    }
}

#[cfg(test)]
mod edge_cases {
    use super::*;

    #[test]
    fn counts() {
        assert_eq!(count("1234"), Count::Value(1234));
        assert_eq!(count("\"1234.0\"".trim_matches('"')), Count::Value(1234));
        assert_eq!(count("1,234,567"), Count::Value(1_234_567));
        assert_eq!(count("1.234E3"), Count::Value(1234));
        assert_eq!(count(" 7 "), Count::Value(7));
        for missing in ["", "-", "NA", "N/A", "null", "--"] {
            assert_eq!(count(missing), Count::Missing, "{missing:?}");
        }
        assert!(matches!(count("12.5"), Count::Bad(_)));
        assert!(matches!(count("-3"), Count::Bad(_)));
        assert!(matches!(count("1,23"), Count::Bad(_)));
        assert!(matches!(count("abc"), Count::Bad(_)));
        assert!(
            matches!(count("9007199254740993"), Count::Bad(_)),
            "over 2^53"
        );
        assert_eq!(plain_count(b"215.00"), Some(215));
        assert_eq!(plain_count(b"215."), None);
    }

    #[test]
    fn dates_and_times() {
        let d = |s: &str, o| date(s, o).map(crate::calendar::format_date);
        assert_eq!(
            d("Mon Feb 17 2025", DateOrder::MonthFirst).as_deref(),
            Some("2025-02-17")
        );
        assert_eq!(
            d("Tue, Feb 18, 2025", DateOrder::MonthFirst).as_deref(),
            Some("2025-02-18")
        );
        assert_eq!(
            d("Sat, Aug 1, 2026", DateOrder::MonthFirst).as_deref(),
            Some("2026-08-01")
        );
        assert_eq!(
            d("Aug 28, 2025", DateOrder::MonthFirst).as_deref(),
            Some("2025-08-28")
        );
        assert_eq!(
            d("28 Aug 2025", DateOrder::MonthFirst).as_deref(),
            Some("2025-08-28")
        );
        assert_eq!(
            d("1/31/2014", DateOrder::MonthFirst).as_deref(),
            Some("2014-01-31")
        );
        assert_eq!(
            d("13-06-2025", DateOrder::DayFirst).as_deref(),
            Some("2025-06-13")
        );
        assert_eq!(
            d("20251211", DateOrder::MonthFirst).as_deref(),
            Some("2025-12-11")
        );
        assert_eq!(d("2/30/2014", DateOrder::MonthFirst), None);
        assert_eq!(d("Mon Feb 17 -025", DateOrder::MonthFirst), None);
        let t = |s: &str| timestamp(s, DateOrder::MonthFirst, 60).map(|t| t.to_string());
        assert_eq!(
            t("2021-03-30 17:04 +0000").as_deref(),
            Some("2021-03-30T17:04:00+00:00")
        );
        assert_eq!(
            t("2021-03-30 17:04:05 -05:30").as_deref(),
            Some("2021-03-30T17:04:05-05:30")
        );
        assert_eq!(
            t("02/14/2016 12:40:16 AM").as_deref(),
            Some("2016-02-14T00:40:16+01:00")
        );
        assert_eq!(
            t("02/14/2016 12:40:16 PM").as_deref(),
            Some("2016-02-14T12:40:16+01:00")
        );
        assert_eq!(
            t("Aug 28, 2025").as_deref(),
            Some("2025-08-28T00:00:00+01:00")
        );
        assert_eq!(t("2021-13-30 17:04 +0000"), None);
        assert_eq!(
            t("1000-01-01 00:30 +0100"),
            None,
            "UTC would be in year 999"
        );
    }

    #[test]
    fn column_orders_and_name_ranges() {
        assert_eq!(
            order_of(["01-02-2025", "13-02-2025"], DateOrder::MonthFirst),
            DateOrder::DayFirst
        );
        assert_eq!(
            order_of(["01/13/2025"], DateOrder::DayFirst),
            DateOrder::MonthFirst
        );
        assert_eq!(
            order_of(["01-02-2025"], DateOrder::DayFirst),
            DateOrder::DayFirst
        );
        let r = |n: &str| {
            range_in_name(n).map(|(a, b)| {
                (
                    crate::calendar::format_date(a),
                    crate::calendar::format_date(b),
                )
            })
        };
        assert_eq!(
            r("tweet_activity_metrics_a_20210101_20210201_en.csv"),
            Some(("2021-01-01".into(), "2021-02-01".into()))
        );
        assert_eq!(
            r("Facebook Insights Data Export - P - 2014-01-01 - 2014-02-27.csv"),
            Some(("2014-01-01".into(), "2014-02-27".into()))
        );
        assert_eq!(r("Totals.csv"), None);
    }
}
