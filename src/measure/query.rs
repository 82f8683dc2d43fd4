//! What a number is asked for: a window of days, a segment of the data, a granularity for
//! series. Days are counted in the snapshot's `utc_offset`.

use serde::{Deserialize, Serialize};

use crate::calendar::{Day, days_from_civil, format_date, to_naive};
use crate::snapshot::model::{Platform, PostFormat};
use chrono::Datelike;

/// The longest window anything is judged on: a century. Longer windows are refused (on the
/// command line, in a plan file), so that no input makes work by the calendar day grow past
/// this.
pub const MAX_WINDOW_DAYS: i64 = 36_500;

/// The most buckets a series has (a century by day is 36,500).
pub const MAX_BUCKETS: usize = 100_000;

/// Why a window is too long, in the words every message uses.
pub fn too_long(days: i64) -> String {
    crate::i18n::trf(
        "err.window_too_long",
        &[
            ("days", &crate::text::thousands(days.unsigned_abs())),
            ("max", &crate::text::thousands(MAX_WINDOW_DAYS as u64)),
        ],
    )
}

/// Days `from..=to`, in the snapshot's `utc_offset`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Window {
    pub from: Day,
    pub to: Day,
}

impl Window {
    /// A window; `None` if `to` is before `from`.
    pub fn new(from: Day, to: Day) -> Option<Window> {
        (from <= to).then_some(Window { from, to })
    }

    pub fn days(&self) -> i64 {
        i64::from(self.to) - i64::from(self.from) + 1
    }

    pub fn contains(&self, day: Day) -> bool {
        (self.from..=self.to).contains(&day)
    }

    /// The window of equal length just before this one.
    pub fn previous(&self) -> Window {
        let len = (self.to - self.from) + 1;
        Window {
            from: self.from - len,
            to: self.from - 1,
        }
    }

    /// The last `days` days ending on `to`.
    pub fn last(days: i32, to: Day) -> Window {
        Window {
            from: to.saturating_sub(days.max(1) - 1),
            to,
        }
    }

    /// `first..=last`, or its last century when it is longer (the "all the data" of data
    /// whose dates are centuries apart).
    pub fn at_most_a_century(first: Day, last: Day) -> Option<Window> {
        let century = (MAX_WINDOW_DAYS - 1) as Day;
        Window::new(first.max(last.saturating_sub(century)), last)
    }

    /// Whether the window is longer than [`MAX_WINDOW_DAYS`].
    pub fn is_too_long(&self) -> bool {
        self.days() > MAX_WINDOW_DAYS
    }

    /// The days of this window that are also in `other`, if any.
    pub fn intersect(&self, other: Window) -> Option<Window> {
        Window::new(self.from.max(other.from), self.to.min(other.to))
    }
}

impl Serialize for Window {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Window", 3)?;
        st.serialize_field("from", &format_date(self.from))?;
        st.serialize_field("to", &format_date(self.to))?;
        st.serialize_field("days", &self.days())?;
        st.end()
    }
}

impl std::fmt::Display for Window {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}..{}", format_date(self.from), format_date(self.to))
    }
}

/// Buckets of a time series.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Granularity {
    #[default]
    Day,
    /// ISO weeks, Monday to Sunday.
    Week,
    Month,
}

impl Granularity {
    /// The bucket in words, in the language shown (JSON and CSV write it in English).
    pub fn name(self) -> &'static str {
        crate::i18n::tr(match self {
            Granularity::Day => "granularity.day",
            Granularity::Week => "granularity.week",
            Granularity::Month => "granularity.month",
        })
    }

    /// The first day of the bucket holding `day`.
    pub fn bucket_start(self, day: Day) -> Day {
        match self {
            Granularity::Day => day,
            // 1970-01-01 was a Thursday: Monday-based weekday is (day + 3) mod 7.
            Granularity::Week => day - (day + 3).rem_euclid(7),
            Granularity::Month => {
                let d = to_naive(day);
                days_from_civil(d.year(), d.month(), 1)
            }
        }
    }

    /// The first day of the bucket after the one starting on `start`.
    pub fn next_start(self, start: Day) -> Day {
        match self {
            Granularity::Day => start + 1,
            Granularity::Week => start + 7,
            Granularity::Month => {
                let d = to_naive(start);
                let (y, m) = if d.month() == 12 {
                    (d.year() + 1, 1)
                } else {
                    (d.year(), d.month() + 1)
                };
                days_from_civil(y, m, 1)
            }
        }
    }

    /// The buckets covering `window`, each clipped to it: `(first day, last day)`; at most
    /// [`MAX_BUCKETS`], the latest ones (windows are at most a century, so only a window
    /// made some other way can be cut).
    pub fn buckets(self, window: Window) -> Vec<Window> {
        let mut window = window;
        if self == Granularity::Day && window.days() > MAX_BUCKETS as i64 {
            window.from = window.to - (MAX_BUCKETS as Day - 1);
        }
        if self != Granularity::Day && window.days() > MAX_BUCKETS as i64 * 7 {
            // Weeks and months of more than 1,900 years: begin where 100,000 weeks end.
            window.from = window.to - (MAX_BUCKETS as Day * 7 - 1);
        }
        let mut out = Vec::new();
        let mut start = self.bucket_start(window.from);
        while start <= window.to && out.len() < MAX_BUCKETS {
            let next = self.next_start(start);
            out.push(Window {
                from: start.max(window.from),
                to: (next - 1).min(window.to),
            });
            start = next;
        }
        out
    }
}

/// Include or exclude values of one dimension. Empty `include` means all.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(bound(deserialize = "T: Deserialize<'de>"))]
pub struct Filter<T> {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub include: Vec<T>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exclude: Vec<T>,
}

impl<T> Default for Filter<T> {
    fn default() -> Self {
        Filter {
            include: Vec::new(),
            exclude: Vec::new(),
        }
    }
}

impl<T: PartialEq> Filter<T> {
    pub fn is_all(&self) -> bool {
        self.include.is_empty() && self.exclude.is_empty()
    }

    pub fn admits(&self, value: &T) -> bool {
        (self.include.is_empty() || self.include.contains(value)) && !self.exclude.contains(value)
    }
}

/// Which posts and accounts a number is judged on. Accounts are named by id, tags by name.
/// Tags work on sets: `include` keeps posts with any of the tags, `exclude` drops posts with
/// any of them. Web metrics have no account dimension and ignore the segment (and say so).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Segment {
    #[serde(default, skip_serializing_if = "Filter::is_all")]
    pub accounts: Filter<String>,
    #[serde(default, skip_serializing_if = "Filter::is_all")]
    pub platforms: Filter<Platform>,
    #[serde(default, skip_serializing_if = "Filter::is_all")]
    pub formats: Filter<PostFormat>,
    #[serde(default, skip_serializing_if = "Filter::is_all")]
    pub tags: Filter<String>,
}

impl Segment {
    pub fn is_all(&self) -> bool {
        self.accounts.is_all()
            && self.platforms.is_all()
            && self.formats.is_all()
            && self.tags.is_all()
    }

    /// Whether the segment splits posts within an account-day (by format or tag).
    pub fn splits_posts(&self) -> bool {
        !(self.formats.is_all() && self.tags.is_all())
    }

    /// A short description for headers: `all data`, or the filters in force.
    pub fn describe(&self) -> String {
        fn part<T: std::fmt::Display>(name: &str, f: &Filter<T>, out: &mut Vec<String>) {
            let list = |v: &[T]| {
                v.iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            if !f.include.is_empty() {
                out.push(format!("{name} {}", list(&f.include)));
            }
            if !f.exclude.is_empty() {
                out.push(crate::i18n::trf(
                    "segment.not",
                    &[("name", &name), ("list", &list(&f.exclude))],
                ));
            }
        }
        use crate::i18n::tr;
        let mut out = Vec::new();
        part(tr("segment.accounts"), &self.accounts, &mut out);
        part(tr("segment.platforms"), &self.platforms, &mut out);
        part(tr("segment.formats"), &self.formats, &mut out);
        part(tr("segment.tags"), &self.tags, &mut out);
        if out.is_empty() {
            tr("segment.all").into()
        } else {
            out.join("; ")
        }
    }
}

/// One segment entry as typed on the command line: `KIND=VALUE` includes, `KIND!=VALUE`
/// excludes; KIND is `account`, `platform`, `format` or `tag`. Platforms and formats are
/// checked against the format's vocabulary here; account ids and tags only the data knows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SegmentEntry {
    pub kind: SegmentKind,
    pub value: String,
    pub exclude: bool,
}

/// The dimensions a segment filters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SegmentKind {
    Account,
    Platform,
    Format,
    Tag,
}

impl SegmentKind {
    pub fn name(self) -> &'static str {
        match self {
            SegmentKind::Account => "account",
            SegmentKind::Platform => "platform",
            SegmentKind::Format => "format",
            SegmentKind::Tag => "tag",
        }
    }
}

/// Why a segment entry as typed is not one.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SegmentError {
    #[error("{}", crate::i18n::trf("err.segment_unreadable", &[("text", &.0)]))]
    Unreadable(String),
    #[error("{}", crate::i18n::trf("err.segment_unknown_kind", &[("text", &.0)]))]
    UnknownKind(String),
    #[error("{}", crate::i18n::trf("err.segment_no_value", &[("text", &.text), ("kind", &.kind.name())]))]
    NoValue { text: String, kind: SegmentKind },
    #[error("{}", crate::i18n::trf("err.segment_unknown_platform", &[("value", &.value), ("expected", &Platform::expected())]))]
    UnknownPlatform { value: String },
    #[error("{}", crate::i18n::trf("err.segment_unknown_format", &[("value", &.value), ("expected", &PostFormat::expected())]))]
    UnknownFormat { value: String },
}

impl std::str::FromStr for SegmentEntry {
    type Err = SegmentError;

    fn from_str(text: &str) -> Result<SegmentEntry, SegmentError> {
        let (kind, value, exclude) = match text.split_once("!=") {
            Some((k, v)) => (k, v, true),
            None => match text.split_once('=') {
                Some((k, v)) => (k, v, false),
                None => return Err(SegmentError::Unreadable(text.to_owned())),
            },
        };
        let kind = match kind.trim() {
            "account" => SegmentKind::Account,
            "platform" => SegmentKind::Platform,
            "format" => SegmentKind::Format,
            "tag" => SegmentKind::Tag,
            other => return Err(SegmentError::UnknownKind(other.to_owned())),
        };
        let value = value.trim();
        if value.is_empty() {
            return Err(SegmentError::NoValue {
                text: text.to_owned(),
                kind,
            });
        }
        match kind {
            SegmentKind::Platform if Platform::parse(value).is_none() => {
                return Err(SegmentError::UnknownPlatform {
                    value: value.to_owned(),
                });
            }
            SegmentKind::Format if PostFormat::parse(value).is_none() => {
                return Err(SegmentError::UnknownFormat {
                    value: value.to_owned(),
                });
            }
            _ => {}
        }
        Ok(SegmentEntry {
            kind,
            value: value.to_owned(),
            exclude,
        })
    }
}

impl Segment {
    /// Adds an entry: several includes of one kind are OR, kinds are AND, excludes win (an
    /// entry given twice counts once).
    pub fn add(&mut self, entry: &SegmentEntry) {
        fn put<T: PartialEq>(f: &mut Filter<T>, v: T, exclude: bool) {
            let list = if exclude {
                &mut f.exclude
            } else {
                &mut f.include
            };
            if !list.contains(&v) {
                list.push(v);
            }
        }
        let (v, ex) = (entry.value.clone(), entry.exclude);
        match entry.kind {
            SegmentKind::Account => put(&mut self.accounts, v, ex),
            SegmentKind::Tag => put(&mut self.tags, v, ex),
            SegmentKind::Platform => {
                if let Some(p) = Platform::parse(&v) {
                    put(&mut self.platforms, p, ex);
                }
            }
            SegmentKind::Format => {
                if let Some(f) = PostFormat::parse(&v) {
                    put(&mut self.formats, f, ex);
                }
            }
        }
    }
}

/// `--last 28d`, `--last 4w` or `--last 28` as a number of days, at most a century
/// ([`MAX_WINDOW_DAYS`]).
pub fn parse_span(text: &str) -> Option<i32> {
    parse_any_span(text)
        .filter(|n| *n <= MAX_WINDOW_DAYS)
        .and_then(|n| i32::try_from(n).ok())
}

/// A span as written (`28d`, `4w`, `28`), whatever its length: the caller says when it is
/// longer than a century.
pub fn parse_any_span(text: &str) -> Option<i64> {
    let t = text.trim();
    let (digits, unit) = match t.char_indices().last()? {
        (i, 'd' | 'D') => (&t[..i], 1),
        (i, 'w' | 'W') => (&t[..i], 7),
        _ => (t, 1),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    // Digits beyond any window's length are still a span (a too long one), not a typo.
    let n: i64 = digits.parse().unwrap_or(i64::MAX / 7);
    (n > 0).then(|| n.saturating_mul(unit))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::parse_date;

    fn d(s: &str) -> Day {
        parse_date(s).unwrap()
    }

    #[test]
    fn spans() {
        assert_eq!(parse_span("28d"), Some(28));
        assert_eq!(parse_span("4w"), Some(28));
        assert_eq!(parse_span("90"), Some(90));
        assert_eq!(parse_span("0d"), None);
        assert_eq!(parse_span("-3d"), None);
        assert_eq!(parse_span("3m"), None);
        assert_eq!(parse_span("d"), None);
        assert_eq!(parse_span("36500d"), Some(36_500));
        assert_eq!(parse_span("5215w"), None, "36,505 days");
        assert_eq!(parse_any_span("5215w"), Some(36_505));
        assert_eq!(parse_any_span("99999999999999999999d"), Some(i64::MAX / 7));
        assert_eq!(parse_any_span("+3d"), None);
    }

    #[test]
    fn buckets_are_capped() {
        let w = Window::new(d("0001-01-01"), d("9999-12-31")).unwrap();
        let b = Granularity::Day.buckets(w);
        assert_eq!(b.len(), MAX_BUCKETS);
        assert_eq!(b.last().unwrap().to, w.to, "the latest buckets");
        assert!(Granularity::Week.buckets(w).len() <= MAX_BUCKETS);
        assert!(Granularity::Month.buckets(w).len() <= MAX_BUCKETS);
        assert_eq!(
            Window::at_most_a_century(w.from, w.to).unwrap().days(),
            MAX_WINDOW_DAYS
        );
    }

    #[test]
    fn iso_weeks_start_on_monday() {
        // 2026-01-01 is a Thursday; its ISO week starts Monday 2025-12-29.
        assert_eq!(
            Granularity::Week.bucket_start(d("2026-01-01")),
            d("2025-12-29")
        );
        assert_eq!(
            Granularity::Week.bucket_start(d("2025-12-29")),
            d("2025-12-29")
        );
        assert_eq!(
            Granularity::Week.bucket_start(d("2026-01-04")),
            d("2025-12-29"),
            "Sunday ends the week"
        );
        assert_eq!(
            Granularity::Week.bucket_start(d("2026-01-05")),
            d("2026-01-05")
        );
        assert_eq!(
            Granularity::Week.bucket_start(d("1969-12-31")),
            d("1969-12-29")
        );
    }

    #[test]
    fn months_and_clipped_buckets() {
        let w = Window::new(d("2026-01-30"), d("2026-03-02")).unwrap();
        let b = Granularity::Month.buckets(w);
        assert_eq!(b.len(), 3);
        assert_eq!((b[0].from, b[0].to), (d("2026-01-30"), d("2026-01-31")));
        assert_eq!((b[1].from, b[1].to), (d("2026-02-01"), d("2026-02-28")));
        assert_eq!((b[2].from, b[2].to), (d("2026-03-01"), d("2026-03-02")));
        let dec =
            Granularity::Month.buckets(Window::new(d("2025-12-31"), d("2026-01-01")).unwrap());
        assert_eq!(dec.len(), 2);
        let weeks =
            Granularity::Week.buckets(Window::new(d("2026-01-01"), d("2026-01-12")).unwrap());
        assert_eq!(weeks.len(), 3, "Thu-Sun, Mon-Sun, Mon");
        assert_eq!(weeks[0].days() + weeks[1].days() + weeks[2].days(), 12);
    }

    #[test]
    fn previous_period_has_equal_length() {
        let w = Window::new(d("2026-10-01"), d("2026-10-28")).unwrap();
        let p = w.previous();
        assert_eq!(p.days(), 28);
        assert_eq!(p.to, d("2026-09-30"));
        assert_eq!(Window::last(28, d("2026-10-28")), w);
        assert!(Window::new(d("2026-10-02"), d("2026-10-01")).is_none());
    }

    #[test]
    fn segment_entries_from_the_command_line() {
        let e: SegmentEntry = "tag!=promo".parse().unwrap();
        assert_eq!(
            (e.kind, e.value.as_str(), e.exclude),
            (SegmentKind::Tag, "promo", true)
        );
        let mut s = Segment::default();
        for text in [
            "account=ig",
            "account=fb",
            "format=video",
            "tag!=promo",
            "account=ig",
        ] {
            s.add(&text.parse().unwrap());
        }
        assert_eq!(
            s.accounts.include,
            ["ig", "fb"],
            "given twice, counted once"
        );
        assert_eq!(s.formats.include, [PostFormat::Video]);
        assert_eq!(s.tags.exclude, ["promo"]);
        assert_eq!(
            s.describe(),
            "accounts ig, fb; formats video; tags not promo"
        );
        // Values with `=` in them keep it (a tag may hold one).
        let e: SegmentEntry = "tag=a=b".parse().unwrap();
        assert_eq!(e.value, "a=b");
        for bad in [
            "promo",
            "colour=red",
            "tag=",
            "platform=myspace",
            "format=gif",
        ] {
            assert!(bad.parse::<SegmentEntry>().is_err(), "{bad}");
        }
        assert!(
            "platform=myspace"
                .parse::<SegmentEntry>()
                .unwrap_err()
                .to_string()
                .contains("expected one of facebook, instagram")
        );
    }

    #[test]
    fn filters() {
        let f = Filter {
            include: vec![1, 2],
            exclude: vec![2],
        };
        assert!(f.admits(&1));
        assert!(!f.admits(&2));
        assert!(!f.admits(&3));
        let all: Filter<i32> = Filter::default();
        assert!(all.is_all() && all.admits(&7));
        let s = Segment {
            tags: Filter {
                include: vec![],
                exclude: vec!["promo".into()],
            },
            ..Segment::default()
        };
        assert_eq!(s.describe(), "tags not promo");
        assert!(s.splits_posts());
    }
}
