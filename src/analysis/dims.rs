//! The dimensions a breakdown groups posts by, and each post's keys in them. Weekdays and
//! hours are those of publication in the snapshot's `utc_offset`, the same days every other
//! figure counts in.

use super::content::{Class, Content};
use crate::measure::Prepared;
use crate::snapshot::model::{Platform, PostFormat};

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
    /// Where website sessions came from (web rows by source, see [`super::sources`]): a
    /// dimension of visits, not of posts, so it stands alone and is not in [`Dim::ALL`].
    Source,
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
            Dim::Source => "source",
        }
    }

    /// The dimension's name in the language shown (`akun`, `jam`); [`Dim::name`] is the id.
    pub fn label(self) -> &'static str {
        crate::i18n::domain_word("dim", self.name(), self.name())
    }

    pub fn parse(text: &str) -> Option<Dim> {
        Dim::ALL
            .into_iter()
            .chain([Dim::Source])
            .find(|d| d.name() == text.trim())
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

/// The code of a tagless post in a breakdown by tag.
const NO_TAG_CODE: u32 = u32::MAX;

/// Post `row`'s keys in `dim` as codes (one, or one per tag: a post counts in each of its
/// tags' groups), pushed onto `out`; [`key_name`] names them. Codes keep a million-post
/// grouping free of strings.
pub fn key_codes(prepared: &Prepared, content: &Content, dim: Dim, row: usize, out: &mut Vec<u32>) {
    let posts = &prepared.store.posts;
    match dim {
        Dim::Account => out.push(posts.account[row]),
        Dim::Platform => out.push(prepared.platforms[posts.account[row] as usize] as u32),
        Dim::Format => out.push(posts.format[row] as u32),
        Dim::Tag => {
            let tags = posts.tags(row);
            if tags.is_empty() {
                out.push(NO_TAG_CODE);
            } else {
                out.extend_from_slice(tags);
            }
        }
        Dim::Weekday => out.push(u32::from(weekday(posts.day[row]))),
        Dim::Hour => out.push(u32::from(hour(prepared, row))),
        Dim::Content => out.push(content.of(row) as u32),
        // Posts have no web source: the breakdown by source reads web rows instead.
        Dim::Source => {}
    }
}

/// The name of a key code of `dim`.
pub fn key_name(prepared: &Prepared, dim: Dim, code: u32) -> String {
    let i = code as usize;
    let name = match dim {
        Dim::Account => prepared.account_ids.get(i).map(String::as_str),
        Dim::Platform => Platform::ALL.get(i).map(|p| p.name()),
        Dim::Format => PostFormat::ALL.get(i).map(|f| f.name()),
        Dim::Tag if code == NO_TAG_CODE => Some(NO_TAG),
        Dim::Tag => prepared.store.tags.names().get(i).map(String::as_str),
        Dim::Weekday | Dim::Hour => return code.to_string(),
        Dim::Source => prepared.sources.names.get(i).map(String::as_str),
        Dim::Content => Some(if code == Class::Promo as u32 {
            Class::Promo.name()
        } else {
            Class::AudienceFirst.name()
        }),
    };
    name.unwrap_or("?").to_owned()
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
