//! Google Analytics 4 exports: the "Reports snapshot" (many tables in one file, each after `#`
//! lines that give its date range) and single-table reports (one `#` preamble, one table).
//!
//! Each table is read by its first column: `Nth day` (days counted from the start date) and
//! `Date` tables become daily `web` rows; channel-group tables give figures for the whole date
//! range and become `web_totals`, never spread over days. Tables without a snapshot field
//! (active users, averages, revenue, countries, cohorts, pages, events) are skipped and named.
//! Averages are never multiplied back into totals.
//!
//! Traffic-acquisition tables (`Session source / medium`, or `Session source` with or without
//! `Session medium`) give rows by source: the source is named as a platform where it is one
//! and the medium decides the channel (see [`super::web_source`]); with a `Date` column they
//! become daily rows, without one range totals.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::breakdown::{breakdown, reason};
use super::builder::{Builder, FileReport};
use super::columns::Columns;
use super::table::{Table, norm};
use super::values::{DateOrder, date};
use super::web_source;
use super::{Context, Family, end_of_day};
use crate::calendar::Day;
use crate::snapshot::model::{Channel, WebCount};
use crate::snapshot::store::Store;

type Counts = [Option<u64>; WebCount::ALL.len()];
/// A daily row's key: day, channel and source (`None`: the channel's total).
type DayKey = (Day, Channel, Option<String>);
/// A range total's key: from, to, channel and source.
type RangeKey = (Day, Day, Channel, Option<String>);

/// Whether the text is a GA4 export: `#` lines before the first table, one of them a
/// `Start date:`.
pub fn is_ga4(text: &str) -> bool {
    let mut saw_start = false;
    for line in text.lines().take(40) {
        let t = line.trim_start_matches('\u{FEFF}').trim();
        if let Some(comment) = t.strip_prefix('#') {
            saw_start |= norm(comment.split(':').next().unwrap_or("")) == "startdate";
        } else if !t.is_empty() {
            return saw_start;
        }
    }
    saw_start
}

/// Splits the file into its tables (byte ranges): a new table starts at each block of `#`
/// lines that follows a table.
fn sections(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0usize;
    let mut offset = 0usize;
    let mut in_table = false;
    for line in text.split_inclusive('\n') {
        let comment = line.trim_start_matches('\u{FEFF}').starts_with('#');
        if comment && in_table {
            out.push(start..offset);
            start = offset;
            in_table = false;
        } else if !comment && !line.trim().is_empty() {
            in_table = true;
        }
        offset += line.len();
    }
    if start < text.len() {
        out.push(start..text.len());
    }
    // A block of `#` lines with no table after it (the file's end) is not a table.
    out.retain(|r| {
        text[r.clone()]
            .lines()
            .any(|l| !l.trim().is_empty() && !l.trim_start_matches('\u{FEFF}').starts_with('#'))
    });
    out
}

/// GA4's default channel groups as snapshot channels; any other group is `other`.
pub(super) fn channel(group: &str) -> Channel {
    match norm(group).as_str() {
        "direct" => Channel::Direct,
        "organicsearch" => Channel::OrganicSearch,
        "paidsearch" => Channel::PaidSearch,
        "organicsocial" => Channel::OrganicSocial,
        "paidsocial" => Channel::PaidSocial,
        "email" => Channel::Email,
        "referral" => Channel::Referral,
        "display" => Channel::Display,
        "organicvideo" => Channel::OrganicVideo,
        "unassigned" => Channel::Unassigned,
        _ => Channel::Other,
    }
}

const METRICS: &[(WebCount, &[&str])] = &[
    (WebCount::Sessions, &["sessions"]),
    (WebCount::EngagedSessions, &["engaged sessions"]),
    (
        WebCount::Pageviews,
        &["views", "screen page views", "pageviews", "page views"],
    ),
    (
        WebCount::EngagementSeconds,
        &["user engagement", "user engagement duration"],
    ),
    (WebCount::NewUsers, &["new users"]),
    (WebCount::Conversions, &["key events", "conversions"]),
];

/// How a table's rows are keyed.
enum Rows {
    /// Days counted from the start date.
    NthDay,
    /// Dates in a column, with a channel column or not.
    Dated(Option<usize>),
    /// One row per channel for the whole range.
    Channels,
    /// One row per source (and medium) for the whole range.
    Sources,
}

/// The columns of a traffic-acquisition table: `source / medium` in one, or a source and
/// perhaps a medium.
#[derive(Clone, Copy)]
struct SourceCols {
    source: usize,
    medium: Option<usize>,
    /// The source column holds `source / medium`.
    joined: bool,
}

impl SourceCols {
    fn find(keys: &[String]) -> Option<SourceCols> {
        let at = |names: &[&str]| keys.iter().position(|k| names.contains(&k.as_str()));
        if let Some(source) = at(&[
            "sessionsourcemedium",
            "sourcemedium",
            "firstusersourcemedium",
        ]) {
            return Some(SourceCols {
                source,
                medium: None,
                joined: true,
            });
        }
        let source = at(&["sessionsource", "source", "firstusersource"])?;
        Some(SourceCols {
            source,
            medium: at(&["sessionmedium", "medium", "firstusermedium"]),
            joined: false,
        })
    }

    /// The row's snapshot source and channel.
    fn read(self, r: &super::table::Row, extra: &web_source::Extra) -> (Channel, Option<String>) {
        let cell = r.cell(Some(self.source));
        let (source, medium) = if self.joined {
            web_source::split(cell)
        } else {
            (cell.trim(), r.cell(self.medium).trim())
        };
        let named = web_source::name(source, extra);
        let channel = web_source::channel(source, medium, &named);
        // Direct sessions are the direct channel itself, not a part of it.
        let name = if channel == Channel::Direct {
            None
        } else {
            named.name
        };
        (channel, name)
    }
}

/// Adds one table's figures to `into`: fields a key already has must agree (else the cell is
/// reported), new fields are added.
fn merge_into<K: Ord + Clone>(
    into: &mut BTreeMap<K, Counts>,
    from: BTreeMap<K, Counts>,
    b: &mut Builder,
    line: u64,
) {
    for (key, counts) in from {
        let slot = into.entry(key).or_insert([None; WebCount::ALL.len()]);
        for (i, value) in counts.into_iter().enumerate() {
            match (slot[i], value) {
                (_, None) => {}
                (None, v) => slot[i] = v,
                (Some(a), Some(b2)) if a == b2 => {}
                (Some(_), Some(_)) => b.report.bad_cell(
                    line,
                    crate::i18n::trf("importer.ga4_twice", &[("field", &WebCount::ALL[i].name())]),
                ),
            }
        }
    }
}

/// Sums `counts` into `slot` field by field (channel groups that all become `other`).
fn add(slot: &mut Counts, counts: Counts) {
    for (s, v) in slot.iter_mut().zip(counts) {
        if let Some(v) = v {
            *s = Some(s.unwrap_or(0) + v);
        }
    }
}

pub fn import(text: &Arc<str>, ctx: &Context) -> (Store, FileReport) {
    let mut b = Builder::new(ctx.file, ctx.encoding, Family::Ga4);
    let mut days: BTreeMap<DayKey, Counts> = BTreeMap::new();
    let mut totals: BTreeMap<RangeKey, Counts> = BTreeMap::new();
    let extra = web_source::Extra::new();
    let (mut range, mut latest_end): (Option<(Day, Day)>, Option<Day>) = (None, None);
    let mut property = None;
    for section in sections(text) {
        let table = match Table::in_text(Arc::clone(text), section.clone()) {
            Ok(t) => t,
            Err(e) => {
                let line = text[..section.start].matches('\n').count() + 1;
                b.note(crate::i18n::trf(
                    "importer.ga4_table_unreadable",
                    &[("line", &line), ("error", &e)],
                ));
                continue;
            }
        };
        property = property.or_else(|| table.preamble_value("property").map(str::to_owned));
        let start = table
            .preamble_value("start date")
            .and_then(|s| date(s, DateOrder::MonthFirst));
        let end = table
            .preamble_value("end date")
            .and_then(|s| date(s, DateOrder::MonthFirst));
        if let (Some(s), Some(e)) = (start, end) {
            range = Some((s, e));
        }
        if let Some((_, e)) = range {
            latest_end = latest_end.max(Some(e));
        }
        let name = table.header.join(" / ");
        let first = table.keys.first().map(String::as_str).unwrap_or("");
        let channel_col = table.keys.iter().position(|k| k.contains("channelgroup"));
        let sources = SourceCols::find(&table.keys);
        let date_col = table.keys.iter().position(|k| k == "date");
        let kind = if first == "nthday" {
            Some(Rows::NthDay)
        } else if first == "date" || (date_col.is_some() && sources.is_some()) {
            Some(Rows::Dated(channel_col))
        } else if sources.is_some_and(|s| s.source == 0) {
            Some(Rows::Sources)
        } else if channel_col == Some(0) {
            Some(Rows::Channels)
        } else {
            None
        };
        // With sources, the channel comes from the medium, not a channel-group column.
        let sources = sources.filter(|_| matches!(kind, Some(Rows::Dated(_) | Rows::Sources)));
        let columns = Columns::find(&table, METRICS);
        // A table broken down by another dimension (a country, a page, a source) besides
        // its day or channel gives parts, not totals: adding them up would be wrong.
        let mut used: Vec<Option<usize>> = columns.list.iter().map(|(_, c, _)| *c).collect();
        used.push(channel_col);
        if let Some(s) = sources {
            used.push(Some(s.source));
            used.push(s.medium);
        }
        // The column that keys the rows: the date of a dated table, else the first.
        let key_col = match kind {
            Some(Rows::Dated(_)) => date_col,
            _ => Some(0),
        };
        let skip = match kind.as_ref().filter(|_| columns.any()) {
            // A table with figures engage keeps, by a dimension it does not (pages, events,
            // countries), says by what.
            None if columns.any() => Some(crate::i18n::trf(
                "importer.ga4_no_key",
                &[
                    ("name", &name),
                    ("first", &table.header.first().map_or("", String::as_str)),
                ],
            )),
            None => Some(crate::i18n::trf(
                "importer.ga4_no_field",
                &[("name", &name)],
            )),
            Some(k) => breakdown(&table, key_col, &used).map(|c| {
                let besides = match k {
                    Rows::Channels => crate::i18n::tr("importer.the_channel"),
                    Rows::Sources => crate::i18n::tr("importer.the_source"),
                    Rows::Dated(_) | Rows::NthDay => crate::i18n::tr("importer.the_date"),
                };
                crate::i18n::trf(
                    "importer.ga4_table_reason",
                    &[
                        ("name", &name),
                        ("reason", &reason(&table.header[c], besides)),
                    ],
                )
            }),
        };
        if let Some(why) = skip {
            let mut rows = ctx.rows(&table);
            while let Some(r) = rows.next_row() {
                b.report.rows_read += 1;
                b.report.skip(r.at, why.as_str());
            }
            b.end_rows(&rows);
            continue;
        }
        let Some(kind) = kind else { continue };
        columns.report(&mut b);
        let mut here_days: BTreeMap<DayKey, Counts> = BTreeMap::new();
        let mut here_totals: BTreeMap<RangeKey, Counts> = BTreeMap::new();
        let mut rows = ctx.rows(&table);
        while let Some(r) = rows.next_row() {
            b.report.rows_read += 1;
            let line = r.at;
            let key = r.cell(key_col);
            match kind {
                Rows::NthDay => {
                    let (Some((from, _)), Ok(n)) = (range, key.parse::<i32>()) else {
                        b.report.skip(line, crate::i18n::tr("importer.ga4_nth_day"));
                        continue;
                    };
                    let counts = columns.read(&mut b, &r);
                    add(
                        here_days.entry((from + n, Channel::All, None)).or_default(),
                        counts,
                    );
                }
                Rows::Dated(ch) => {
                    let Some(day) = date(key, DateOrder::MonthFirst) else {
                        b.report
                            .skip(line, crate::i18n::tr("importer.date_not_date"));
                        continue;
                    };
                    let (channel, source) = match sources {
                        Some(s) => s.read(&r, &extra),
                        None => (ch.map_or(Channel::All, |c| channel(r.cell(Some(c)))), None),
                    };
                    let counts = columns.read(&mut b, &r);
                    add(here_days.entry((day, channel, source)).or_default(), counts);
                }
                Rows::Channels => {
                    let Some((from, to)) = range else {
                        b.report
                            .skip(line, crate::i18n::tr("importer.ga4_no_range"));
                        continue;
                    };
                    let counts = columns.read(&mut b, &r);
                    add(
                        here_totals
                            .entry((from, to, channel(key), None))
                            .or_default(),
                        counts,
                    );
                }
                Rows::Sources => {
                    let (Some((from, to)), Some(s)) = (range, sources) else {
                        b.report
                            .skip(line, crate::i18n::tr("importer.ga4_no_range"));
                        continue;
                    };
                    let (channel, source) = s.read(&r, &extra);
                    let counts = columns.read(&mut b, &r);
                    add(
                        here_totals.entry((from, to, channel, source)).or_default(),
                        counts,
                    );
                }
            }
        }
        b.end_rows(&rows);
        let at = table.header_at();
        merge_into(&mut days, here_days, &mut b, at);
        merge_into(&mut totals, here_totals, &mut b, at);
    }
    for ((day, channel, source), counts) in days {
        b.web_from(0, day, channel, source.as_deref(), counts);
    }
    for ((from, to, channel, source), counts) in totals {
        b.web_total_from(from, to, channel, source.as_deref(), counts);
    }
    let used = b.report.rows_read - b.report.rows_skipped();
    if used != b.report.rows_imported {
        b.note(crate::i18n::trf(
            "importer.ga4_merged",
            &[("used", &used), ("rows", &b.report.rows_imported)],
        ));
    }
    b.note(crate::i18n::tr("importer.ga4_totals"));
    b.note(crate::i18n::tr("importer.ga4_not_imported"));
    let exported = latest_end.map(end_of_day).or(ctx.exported_at());
    b.finish(property, exported, 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SNAPSHOT: &str = "# ----\r\n# Reports snapshot\r\n# Property: Timer\r\n#  \r\n# Start date: 20251211\r\n# End date: 20251213\r\nNth day,Active users\r\n0000,1\r\n0001,2\r\n0002,3\r\n\r\n# Start date: 20251211\r\n# End date: 20251213\r\nNth day,New users\r\n0000,1\r\n0001,-\r\n0002,3\r\n\r\n# Start date: 20251211\r\n# End date: 20251213\r\nSession primary channel group (Default Channel Group),Sessions\r\nOrganic Search,10\r\nDirect,5\r\nCross-network,1\r\nAffiliates,2\r\n\r\n# Start date: 20251211\r\n# End date: 20251213\r\nFirst user primary channel group (Default Channel Group),New users\r\nDirect,4\r\n\r\n#  \r\n# Start date: 20251123\r\n# End date: 20260103\r\nDate,Week 0,Week 1\r\nNov 23 - Nov 29,0,-1\r\nNov 30 - Dec 6,1\r\n\r\n# Start date: 20251211\r\n# End date: 20251213\r\nEvent name,Event count\r\n\r\n";

    #[test]
    fn a_reports_snapshot() {
        assert!(is_ga4(SNAPSHOT));
        assert!(!is_ga4("Date,Views\n1,2\n"));
        let imported = super::super::import_bytes(
            SNAPSHOT.as_bytes(),
            "Reports_snapshot.csv",
            &super::super::Options::default(),
        );
        let r = imported.report;
        assert_eq!(r.family_id, Some("ga4"));
        // 3 + 3 + 4 + 1 + 2 records; 3 web rows and 3 range totals (two groups are other).
        assert_eq!(r.rows_read, 13);
        assert_eq!(r.rows_imported, 3 + 3);
        // Active users (3) and the retention table (2, its dates are weeks, not days).
        assert_eq!(r.rows_skipped(), 5, "{:?}", r.skipped);
        let store = imported.store.unwrap();
        assert_eq!(store.title.as_deref(), Some("Timer"));
        let w = &store.web;
        assert_eq!(w.len(), 3);
        assert_eq!(w.count(WebCount::NewUsers, 0), Some(1));
        assert_eq!(w.count(WebCount::NewUsers, 1), None, "- is unknown");
        assert_eq!(w.count(WebCount::Sessions, 0), None);
        let totals = &store.web_totals;
        let direct = totals
            .iter()
            .find(|t| t.channel == Channel::Direct)
            .unwrap();
        assert_eq!(direct.counts[WebCount::Sessions as usize], Some(5));
        assert_eq!(direct.counts[WebCount::NewUsers as usize], Some(4));
        let other = totals.iter().find(|t| t.channel == Channel::Other).unwrap();
        assert_eq!(other.counts[WebCount::Sessions as usize], Some(3), "summed");
        assert_eq!(
            crate::calendar::format_date(direct.to),
            "2025-12-13",
            "the range, not a day"
        );
        assert_eq!(
            store.exported_at.unwrap().to_string(),
            "2026-01-03T23:59:59+00:00"
        );
    }

    /// The traffic-acquisition table inside a Reports snapshot, beside its channel table: the
    /// channel totals stay totals, the sources are their parts.
    #[test]
    fn a_source_table_in_a_reports_snapshot() {
        let text = "# Reports snapshot\n# Start date: 20261001\n# End date: 20261007\nSession primary channel group (Default Channel Group),Sessions\nOrganic Social,400\nDirect,300\n\n# Start date: 20261001\n# End date: 20261007\nSession source / medium,Sessions\nl.instagram.com / referral,250\nt.co / referral,100\n(direct) / (none),300\n";
        let imported = super::super::import_bytes(
            text.as_bytes(),
            "Reports_snapshot.csv",
            &super::super::Options::default(),
        );
        let store = imported.store.unwrap();
        let find = |channel: Channel, source: Option<&str>| {
            store
                .web_totals
                .iter()
                .filter(|t| t.channel == channel)
                .filter(|t| t.referrer.map(|id| store.referrers.name(id)) == source)
                .map(|t| t.counts[WebCount::Sessions as usize])
                .collect::<Vec<_>>()
        };
        assert_eq!(find(Channel::OrganicSocial, None), [Some(400)]);
        assert_eq!(find(Channel::OrganicSocial, Some("instagram")), [Some(250)]);
        assert_eq!(find(Channel::OrganicSocial, Some("x")), [Some(100)]);
        // Direct from both tables is one row (the same figures agree).
        assert_eq!(find(Channel::Direct, None), [Some(300)]);
    }
}
