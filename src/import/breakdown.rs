//! Tables broken down by a dimension: one row per day *and* per country, traffic source,
//! device, video, age group… Such a file is never an account's daily totals: adding its rows
//! up does not give the total either, because the platforms leave out the rows under a
//! privacy threshold (YouTube's small countries, GA4's thresholded rows) and count a viewer
//! once in each row they fall in. Read as totals, it keeps one country's figures per day
//! (55 views for a channel's year of 15.5 million): so every daily importer asks
//! [`breakdown`] first and refuses the file with the reason.
//!
//! A column is a dimension when its name is one the platforms use for dimensions, or, for a
//! name engage does not know, when its cells hold text rather than numbers: every metric of
//! these exports is written as a number, a percentage, a duration or a missing marker.

use super::table::{Table, norm};
use super::values::is_missing;

/// Dimension names (normalised) of YouTube Studio, GA4, X and Meta exports. A header cell
/// equal to one of these breaks the table down, whatever its cells hold (an hour or an age
/// group can look like a number).
const DIMENSIONS: &[&str] = &[
    // Where.
    "geography",
    "country",
    "countries",
    "countryid",
    "region",
    "subcontinent",
    "continent",
    "city",
    "cities",
    "location",
    "market",
    // How they came.
    "trafficsource",
    "trafficsourcetype",
    "trafficsourcedetail",
    "externalsource",
    "searchterm",
    "sharingservice",
    "playbacklocation",
    "playbacklocationtype",
    "source",
    "medium",
    "sourcemedium",
    "campaign",
    "sessionsource",
    "sessionmedium",
    "sessionsourcemedium",
    "sessioncampaign",
    "firstusersource",
    "firstusermedium",
    "firstusersourcemedium",
    "firstusercampaign",
    "landingpage",
    "landingpagequerystring",
    "referrer",
    // On what.
    "devicetype",
    "device",
    "devicecategory",
    "devicemodel",
    "devicebrand",
    "operatingsystem",
    "operatingsystemversion",
    "operatingsystemwithversion",
    "os",
    "browser",
    "platform",
    "platformdevicecategory",
    "screenresolution",
    "youtubeproduct",
    // What was watched or read.
    "content",
    "video",
    "videoid",
    "videotitle",
    "contenttype",
    "creatorcontenttype",
    "liveondemand",
    "playlist",
    "subtitlesandcc",
    "videoinfolanguage",
    "audiotrack",
    "endscreenelement",
    "endscreenelementtype",
    "card",
    "cardtype",
    "pagetitle",
    "pagepath",
    "pagepathandscreenclass",
    "pagetitleandscreenclass",
    "pagereferrer",
    "eventname",
    "posttype",
    "mediatype",
    // Who.
    "subscriptionstatus",
    "subscriptionsource",
    "newandreturningviewers",
    "neworreturning",
    "newreturning",
    "age",
    "agegroup",
    "viewerage",
    "userage",
    "gender",
    "viewergender",
    "usergender",
    "language",
    "languagecode",
    "interests",
    "audience",
    "audiencename",
    // When, finer than a day.
    "hour",
    "hourofday",
    "dayofweek",
    "dayofweekname",
];

/// Whether a header cell names a dimension (GA4's channel groups are dimensions too, but the
/// GA4 importer reads those as the snapshot's channels before it asks).
pub fn is_dimension_name(header: &str) -> bool {
    let key = norm(header);
    DIMENSIONS.contains(&key.as_str()) || key.ends_with("channelgroup")
}

/// Whether a cell reads as a metric value: a number (signed, grouped, decimal, E notation), a
/// percentage, an amount with a currency sign, a duration (`0:01:23`), or a missing marker.
pub fn is_measure(cell: &str) -> bool {
    let t = cell.trim();
    if is_missing(t) {
        return true;
    }
    if !t.is_empty()
        && t.split(':').count() <= 3
        && t.contains(':')
        && t.split(':').all(|p| {
            !p.is_empty()
                && p.split_once('.')
                    .map_or(p, |(whole, _)| whole)
                    .bytes()
                    .all(|b| b.is_ascii_digit())
        })
    {
        return true;
    }
    let plain: String = t
        .trim_end_matches('%')
        .trim_matches(|c: char| matches!(c, '$' | '€' | '£' | '¥' | '₹') || c.is_whitespace())
        .chars()
        .filter(|c| !matches!(c, ',' | ' ' | '\u{a0}' | '\u{202f}' | '\''))
        .collect();
    plain.parse::<f64>().is_ok_and(f64::is_finite)
}

/// How many rows [`breakdown`] looks at when it must read cells.
const SAMPLE_ROWS: usize = 200;

/// The first column that breaks `t` down by a dimension, if any: a column that is not the
/// row's key (`key`, the date or the channel) nor one the importer reads (`used`), and whose
/// name is a dimension's or whose cells (in the first rows with a key) hold text.
pub fn breakdown(t: &Table, key: Option<usize>, used: &[Option<usize>]) -> Option<usize> {
    let candidates: Vec<usize> = (0..t.header.len())
        .filter(|c| Some(*c) != key && !used.contains(&Some(*c)))
        .collect();
    if let Some(&c) = candidates
        .iter()
        .find(|&&c| is_dimension_name(&t.header[c]))
    {
        return Some(c);
    }
    if candidates.is_empty() {
        return None;
    }
    let mut text = vec![false; t.header.len()];
    let mut rows = t.rows();
    let mut seen = 0;
    while let Some(r) = rows.next_row() {
        // Facebook's description row (and junk rows) have no key: not data.
        if r.cell(key).is_empty() {
            continue;
        }
        for &c in &candidates {
            if !text[c] && !is_measure(r.cell(Some(c))) {
                text[c] = true;
            }
        }
        seen += 1;
        if seen >= SAMPLE_ROWS {
            break;
        }
    }
    candidates.into_iter().find(|&c| text[c])
}

/// The reason given for every row of a table broken down by `column` besides its key
/// (`the date`, `the channel`).
pub fn reason(column: &str, besides: &str) -> String {
    crate::i18n::trf(
        "importer.broken_down",
        &[("column", &column), ("besides", &besides)],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measures_and_text() {
        for m in [
            "12", "-3", "1,234", "1 234", "12.5", "7.3E-4", "3.51%", "$1.20", "0:01:23", "1:23",
            "", "-", "NA",
        ] {
            assert!(is_measure(m), "{m:?} is a measure");
        }
        for t in [
            "US",
            "YouTube search",
            "Mobile phone",
            "18-24",
            "Sep 29, 2025",
            "a:b",
        ] {
            assert!(!is_measure(t), "{t:?} is text");
        }
    }

    #[test]
    fn dimensions_by_name_or_by_their_cells() {
        let t = Table::parse("Date,Geography,Views\n2025-06-13,US,3\n").unwrap();
        assert_eq!(breakdown(&t, Some(0), &[]), Some(1));
        // An hour looks like a number: its name says it is a dimension.
        let t = Table::parse("Date,Hour,Sessions\n2025-06-13,7,3\n").unwrap();
        assert_eq!(breakdown(&t, Some(0), &[Some(2)]), Some(1));
        // A name engage does not know, holding text.
        let t = Table::parse("Date,Views,Kanal\n2025-06-13,3,Suche\n").unwrap();
        assert_eq!(breakdown(&t, Some(0), &[Some(1)]), Some(2));
        // Unknown metrics are numbers, percentages, durations: no breakdown.
        let t = Table::parse(
            "Date,Views,Engaged views,Average view duration,Impressions click-through rate (%)\n\
             2025-06-13,3,2,0:00:41,4.5\n",
        )
        .unwrap();
        assert_eq!(breakdown(&t, Some(0), &[Some(1)]), None);
        // Facebook's description row (no date) is not data.
        let t =
            Table::parse("Date,Daily Total Reach\n,Daily: people reached\n1/31/2014,5\n").unwrap();
        assert_eq!(breakdown(&t, Some(0), &[]), None);
    }
}
