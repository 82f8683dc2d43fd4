//! The dimensions a breakdown groups posts by, and each post's keys in them. Weekdays and
//! hours are those of publication in the snapshot's `utc_offset`, the same days every other
//! figure counts in.

use super::content::Content;
use crate::measure::Prepared;

/// A dimension of a breakdown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Dim {
    Account,
    Platform,
    Format,
    Tag,
    /// ISO weekday of publication, Monday = 1.
    Weekday,
    /// Hour of publication, 0..=23.
    Hour,
    /// Promo or audience-first (see [`super::content`]).
    Content,
}

impl Dim {
    pub const ALL: [Dim; 7] = [
        Dim::Account,
        Dim::Platform,
        Dim::Format,
        Dim::Tag,
        Dim::Weekday,
        Dim::Hour,
        Dim::Content,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Dim::Account => "account",
            Dim::Platform => "platform",
            Dim::Format => "format",
            Dim::Tag => "tag",
            Dim::Weekday => "weekday",
            Dim::Hour => "hour",
            Dim::Content => "content",
        }
    }

    pub fn parse(text: &str) -> Option<Dim> {
        Dim::ALL.into_iter().find(|d| d.name() == text.trim())
    }

    /// Dimensions of accounts (what daily and web metrics can be broken down by).
    pub fn of_accounts(self) -> bool {
        matches!(self, Dim::Account | Dim::Platform)
    }
}

/// The ISO weekday (Monday = 1) of a day counted from 1970-01-01 (a Thursday).
pub fn weekday(day: i32) -> u8 {
    ((day + 3).rem_euclid(7) + 1) as u8
}

/// The hour of publication of post `row` in the snapshot's offset.
pub fn hour(prepared: &Prepared, row: usize) -> u8 {
    let offset = i64::from(prepared.store.utc_offset_min) * 60;
    ((prepared.store.posts.published[row] + offset).rem_euclid(86_400) / 3_600) as u8
}

/// What names a tagless post in a breakdown by tag.
pub const NO_TAG: &str = "(no tag)";

/// Post `row`'s keys in `dim`: one, or one per tag (a post counts in each of its tags'
/// groups).
pub fn keys(prepared: &Prepared, content: &Content, dim: Dim, row: usize) -> Vec<String> {
    let store = &prepared.store;
    let posts = &store.posts;
    match dim {
        Dim::Account => vec![prepared.account_ids[posts.account[row] as usize].clone()],
        Dim::Platform => vec![
            prepared.platforms[posts.account[row] as usize]
                .name()
                .to_owned(),
        ],
        Dim::Format => vec![posts.format[row].name().to_owned()],
        Dim::Tag => {
            let tags: Vec<String> = posts
                .tags(row)
                .iter()
                .map(|t| store.tags.name(*t).to_owned())
                .collect();
            if tags.is_empty() {
                vec![NO_TAG.to_owned()]
            } else {
                tags
            }
        }
        Dim::Weekday => vec![weekday(posts.day[row]).to_string()],
        Dim::Hour => vec![hour(prepared, row).to_string()],
        Dim::Content => vec![content.of(row).name().to_owned()],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weekdays_are_iso() {
        let day = |s: &str| crate::calendar::parse_date(s).unwrap();
        assert_eq!(weekday(day("1970-01-01")), 4, "a Thursday");
        assert_eq!(weekday(day("2026-10-26")), 1, "a Monday");
        assert_eq!(weekday(day("2026-11-01")), 7, "a Sunday");
        assert_eq!(weekday(day("1969-12-29")), 1);
        assert_eq!(Dim::parse("hour"), Some(Dim::Hour));
        assert_eq!(Dim::parse("day"), None);
    }
}
