//! The posts of a window as a table: which posts a segment and a search keep, each post's
//! value for any count or per-post metric, and their order. The TUI's posts table asks here,
//! so a post's engagement rate in the table is the very ratio the metric averages (one
//! definition, [`super::prepare::PostRatio::of`]), and missing stays missing.

use std::cmp::Ordering;

use super::catalogue::{Aggregation, CATALOGUE, Metric, Need, Scope};
use super::prepare::{
    INTERACTIONS, POST_FIELDS, PostPair, PostRatio, Prepared, field_index, interactions_of,
};
use super::query::{Segment, Window};
use crate::snapshot::model::PostCount;

/// What a column of a posts table shows.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum PostField {
    Published,
    Account,
    Format,
    Text,
    /// A lifetime count (or the platform's own `engagements`).
    Count(PostCount),
    /// Likes + comments + shares + saves, the parts known.
    Interactions,
    /// A per-post metric of the catalogue (see [`per_post`]).
    Metric(&'static Metric),
}

impl PostField {
    /// A short column title.
    pub fn title(self) -> &'static str {
        match self {
            PostField::Published => "published",
            PostField::Account => "account",
            PostField::Format => "format",
            PostField::Text => "text",
            PostField::Interactions => "interactions",
            PostField::Count(c) => c.name(),
            PostField::Metric(m) => m.id,
        }
    }

    /// Whether the field holds a number (right-aligned, sorted high first by default).
    pub fn is_number(self) -> bool {
        matches!(
            self,
            PostField::Count(_) | PostField::Interactions | PostField::Metric(_)
        )
    }
}

/// Whether a metric has a value for one post: its ratio (ER, save rate, reach rate), its
/// ratio of sums for one post (CTR), its count (applause, conversation, amplification,
/// shares), or a post's interactions per 1k followers. Posting volume and the daily rate
/// describe days, not posts.
pub fn per_post(metric: &Metric) -> bool {
    metric.scope == Scope::Posts
        && !matches!(
            metric.aggregation,
            Aggregation::MeanOfDayRatios | Aggregation::PerWeek
        )
}

/// Sorts missing values last whichever the direction: "not known" is not a small number.
fn by<T: PartialOrd>(a: Option<T>, b: Option<T>, descending: bool) -> Ordering {
    match (a, b) {
        (Some(x), Some(y)) => {
            let o = x.partial_cmp(&y).unwrap_or(Ordering::Equal);
            if descending { o.reverse() } else { o }
        }
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

impl Prepared {
    /// Every field the data can fill for a posts table: the post's own (when, whose, format,
    /// text), interactions, each count some post has, and each per-post metric whose numbers
    /// some post has. Fields the data never has are not offered.
    pub fn post_fields(&self) -> Vec<PostField> {
        let total = &self.everything;
        let mut out = vec![PostField::Published, PostField::Account, PostField::Format];
        if total.known[INTERACTIONS] > 0 {
            out.push(PostField::Interactions);
        }
        for c in PostCount::ALL {
            let known = match field_index(*c) {
                Some(i) => total.known[i] > 0,
                None => self.engagements_known > 0,
            };
            if known {
                out.push(PostField::Count(*c));
            }
        }
        for m in CATALOGUE.iter().filter(|m| per_post(m)) {
            let has = m.needs.iter().all(|n| match n {
                Need::Post(c) => field_index(*c).is_some_and(|i| total.known[i] > 0),
                Need::Interactions => total.known[INTERACTIONS] > 0,
                Need::FollowersOnDay => total.followers_n > 0,
                _ => true,
            });
            if has {
                out.push(PostField::Metric(m));
            }
        }
        out.push(PostField::Text);
        out
    }

    /// Post rows published in `window` that `segment` keeps and whose text, id, account id or
    /// handle contains `search` (any case), in publication order.
    pub fn query_posts(&self, window: Window, segment: &Segment, search: &str) -> Vec<u32> {
        let store = &self.store;
        let posts = &store.posts;
        let sel = self.select(segment);
        let needle = search.to_lowercase();
        let accounts: Vec<String> = store
            .accounts
            .iter()
            .map(|a| format!("{} {}", a.id, a.handle.as_deref().unwrap_or("")).to_lowercase())
            .collect();
        self.posts_in(window)
            .iter()
            .copied()
            .filter(|&r| {
                let r = r as usize;
                let a = posts.account[r] as usize;
                sel.accounts.get(a).copied().unwrap_or(false)
                    && sel.formats[posts.format[r] as usize]
                    && sel.tagsets[self.post_tagset[r] as usize]
                    && (needle.is_empty()
                        || contains_folded(posts.text.get(r), &needle)
                        || contains_folded(posts.id.get(r), &needle)
                        || accounts.get(a).is_some_and(|s| s.contains(&needle)))
            })
            .collect()
    }

    /// A post's counts by [`POST_FIELDS`].
    fn post_counts(&self, row: usize) -> [Option<u64>; 9] {
        POST_FIELDS.map(|f| self.store.posts.count(f, row))
    }

    /// A post's number in `field`, if the field is a number and the post has it.
    pub fn post_number(&self, field: PostField, row: usize) -> Option<f64> {
        match field {
            PostField::Count(c) => self.store.posts.count(c, row).map(|v| v as f64),
            PostField::Interactions => interactions_of(&self.post_counts(row)).map(|v| v as f64),
            PostField::Metric(m) => self.post_metric(m, row),
            _ => None,
        }
    }

    /// A post's value of `metric` (see [`per_post`]): none when the metric has no per-post
    /// meaning, a number is unknown, or the denominator is 0.
    pub fn post_metric(&self, metric: &Metric, row: usize) -> Option<f64> {
        if !per_post(metric) {
            return None;
        }
        let posts = &self.store.posts;
        post_metric_of(metric, &self.post_counts(row), || {
            self.followers_on(posts.account[row] as usize, posts.day[row])
        })
    }

    /// Sorts post rows by `field`; missing values last either way, ties in publication order.
    pub fn sort_posts(&self, rows: &mut [u32], field: PostField, descending: bool) {
        let store = &self.store;
        let posts = &store.posts;
        match field {
            // Ties break on the row, so equal times keep a stable order (and sorted runs stay
            // long enough for the sort's fast path).
            PostField::Published => {
                rows.sort_by_key(|&r| (posts.published[r as usize], r));
                if descending {
                    rows.reverse();
                }
            }
            PostField::Account => rows.sort_by(|&a, &b| {
                let name = |r: u32| {
                    store
                        .accounts
                        .get(posts.account[r as usize] as usize)
                        .map(|x| x.id.as_str())
                };
                by(name(a), name(b), descending)
            }),
            PostField::Format => rows.sort_by(|&a, &b| {
                by(
                    Some(posts.format[a as usize].name()),
                    Some(posts.format[b as usize].name()),
                    descending,
                )
            }),
            PostField::Text => rows.sort_by(|&a, &b| {
                by(
                    Some(posts.text.get(a as usize)),
                    Some(posts.text.get(b as usize)),
                    descending,
                )
            }),
            number => {
                // One value per post, then a sort of (value, row): no recomputation per
                // comparison on a million posts.
                let mut keyed: Vec<(Option<f64>, u32)> = rows
                    .iter()
                    .map(|&r| (self.post_number(number, r as usize), r))
                    .collect();
                keyed.sort_by(|(a, ra), (b, rb)| by(*a, *b, descending).then(ra.cmp(rb)));
                for (slot, (_, r)) in rows.iter_mut().zip(keyed) {
                    *slot = r;
                }
            }
        }
    }
}

/// Whether `hay` contains `needle` (already lower case), ignoring case, without allocating
/// for ASCII needles (post texts are searched on every key typed).
pub fn contains_folded(hay: &str, needle: &str) -> bool {
    if needle.is_ascii() {
        let n = needle.as_bytes();
        return n.is_empty()
            || hay
                .as_bytes()
                .windows(n.len())
                .any(|w| w.eq_ignore_ascii_case(n));
    }
    hay.to_lowercase().contains(needle)
}

/// A post's value of `metric` from its counts ([`POST_FIELDS`] order) and, asked only when
/// the metric needs them, its account's followers that day: for a pass that has the counts
/// already.
pub fn post_metric_of(
    metric: &Metric,
    counts: &[Option<u64>; 9],
    followers: impl FnOnce() -> Option<u64>,
) -> Option<f64> {
    if !per_post(metric) {
        return None;
    }
    let f = if metric.needs.contains(&Need::FollowersOnDay) {
        followers()
    } else {
        None
    };
    let ratio = |r: PostRatio| r.of(counts, f);
    match metric.id {
        "er_reach" => ratio(PostRatio::ErReach),
        "er_impressions" => ratio(PostRatio::ErImpressions),
        "er_views" => ratio(PostRatio::ErViews),
        "er_followers" => ratio(PostRatio::ErFollowers),
        "save_rate" => ratio(PostRatio::SaveRate),
        "reach_rate" => ratio(PostRatio::ReachRate),
        "interactions_per_1k" => ratio(PostRatio::ErFollowers).map(|v| v * 1000.0),
        "ctr" | "video_view_rate" => {
            let pair = if metric.id == "ctr" {
                PostPair::Ctr
            } else {
                PostPair::VideoViewRate
            };
            let (n, d) = pair.of(counts)?;
            (d > 0).then(|| n as f64 / d as f64)
        }
        _ => match metric.needs.first() {
            Some(Need::Post(c)) => field_index(*c).and_then(|i| counts[i]).map(|v| v as f64),
            Some(Need::Interactions) => interactions_of(counts).map(|v| v as f64),
            _ => None,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::measure::metric;

    #[test]
    fn which_metrics_have_a_value_per_post() {
        for id in [
            "er_reach",
            "ctr",
            "applause_rate",
            "shares",
            "interactions_per_1k",
        ] {
            assert!(per_post(metric(id).unwrap()), "{id}");
        }
        for id in [
            "posts_per_week",
            "er_profile_daily",
            "sessions",
            "followers",
        ] {
            assert!(!per_post(metric(id).unwrap()), "{id}");
        }
        assert!(contains_folded("Banjir di JAKARTA hari ini", "jakarta"));
        assert!(contains_folded("Ünïcode Straße", "straße"));
        assert!(!contains_folded("Banjir", "jakarta"));
        assert!(contains_folded("x", ""));
    }
}
