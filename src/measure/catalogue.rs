//! The metric catalogue of `measurement.md` section 2, as data.
//!
//! "Engagement rate" has no single definition: published figures for one platform range from
//! 0.06% to over 30% only because of the formula used. So every metric here carries its formula,
//! how it aggregates, what it needs, its unit, which direction is better, why it matters and
//! where the definition comes from; the TUI and the report show these next to every number.
//! Ids are stable: plans and scripts refer to them.

use serde::Serialize;

use crate::snapshot::model::{DailyCount, PostCount, WebCount};

/// How per-post or per-day numbers become one value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Aggregation {
    /// Each post's ratio, then the mean over posts that have both numbers and a denominator
    /// above zero.
    MeanOfPostRatios,
    /// Each (account, day with posts)'s ratio, then the mean over those days.
    MeanOfDayRatios,
    /// The numerator summed over the rows that have both numbers, divided by the denominator
    /// summed over the same rows.
    RatioOfSums,
    /// A plain sum over the rows that have the number.
    Sum,
    /// The sum divided by the number of posts that have the field.
    PerPost,
    /// The number of posts divided by the weeks in the window.
    PerWeek,
    /// The last known value on or before the window's last day (summed over accounts).
    Last,
    /// (end - start) / start, start being the last known value before the window.
    Change,
}

impl Aggregation {
    /// Whether the value grows with the days it covers (a sum, a count per week, a change over
    /// the window): such values over different numbers of days cannot be compared.
    pub fn is_additive(self) -> bool {
        matches!(
            self,
            Aggregation::Sum | Aggregation::PerWeek | Aggregation::Change
        )
    }

    /// The aggregation in words, in the language shown (JSON writes it in English).
    pub fn describe(self) -> &'static str {
        crate::i18n::tr(match self {
            Aggregation::MeanOfPostRatios => "aggregation.mean_of_post_ratios",
            Aggregation::MeanOfDayRatios => "aggregation.mean_of_day_ratios",
            Aggregation::RatioOfSums => "aggregation.ratio_of_sums",
            Aggregation::Sum => "aggregation.sum",
            Aggregation::PerPost => "aggregation.per_post",
            Aggregation::PerWeek => "aggregation.per_week",
            Aggregation::Last => "aggregation.last",
            Aggregation::Change => "aggregation.change",
        })
    }
}

/// How a value reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// A ratio shown as a percent (the value itself stays a ratio: 0.05 is 5%).
    Percent,
    /// A whole number of things.
    Count,
    /// A duration in seconds.
    Seconds,
    /// Things per post.
    PerPost,
    /// Posts per week.
    PerWeek,
    /// A plain decimal (pages per session, interactions per 1k followers).
    Ratio,
}

/// Which way is good.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    HigherIsBetter,
    LowerIsBetter,
}

/// The data a metric reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "field")]
pub enum Need {
    /// A post count.
    Post(PostCount),
    /// A post's interactions: likes + comments + shares + saves, the parts that are known.
    Interactions,
    /// Followers on the day of posting, from the daily rows.
    FollowersOnDay,
    /// A daily account count.
    Daily(DailyCount),
    /// A web count.
    Web(WebCount),
}

impl Need {
    /// The count's name in the language shown (`reach`, `komentar`), for sentences.
    pub fn label(self) -> &'static str {
        crate::i18n::domain_word("field", self.name(), self.name())
    }

    pub fn name(self) -> &'static str {
        match self {
            Need::Post(c) => c.name(),
            Need::Interactions => "interactions",
            Need::FollowersOnDay => "followers on the day of posting",
            Need::Daily(c) => c.name(),
            Need::Web(c) => c.name(),
        }
    }
}

/// Where a metric's rows come from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    Posts,
    Daily,
    Web,
}

/// One metric of the catalogue: what computes it. What people read of it (name, short name,
/// formula, why it matters, where the definition comes from) is in the text catalogues
/// (`assets/i18n/en-catalogue.toml`, `id-catalogue.toml`), by id: see [`Metric::text`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Metric {
    pub id: &'static str,
    pub aggregation: Aggregation,
    pub scope: Scope,
    pub needs: &'static [Need],
    pub unit: Unit,
    pub direction: Direction,
    /// Follower counts: context, never a KPI (bots and bought followers made them meaningless).
    pub vanity: bool,
}

/// JSON writes a metric with its English texts, in the order scripts have read since v1.
impl Serialize for Metric {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let t = crate::i18n::with_lang(crate::i18n::Lang::En, || self.text());
        let mut st = s.serialize_struct("Metric", 11)?;
        st.serialize_field("id", self.id)?;
        st.serialize_field("name", t.name)?;
        st.serialize_field("formula", t.formula)?;
        st.serialize_field("aggregation", &self.aggregation)?;
        st.serialize_field("scope", &self.scope)?;
        st.serialize_field("needs", self.needs)?;
        st.serialize_field("unit", &self.unit)?;
        st.serialize_field("direction", &self.direction)?;
        st.serialize_field("why", t.why)?;
        st.serialize_field("source", t.source)?;
        st.serialize_field("vanity", &self.vanity)?;
        st.end()
    }
}

/// A metric's texts in the language shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MetricText {
    pub name: &'static str,
    pub formula: &'static str,
    pub why: &'static str,
    pub source: &'static str,
}

impl Metric {
    /// The name, formula, reason and source in the language shown.
    pub fn text(&self) -> MetricText {
        let t = |field| crate::i18n::catalogue_text("metric", self.id, field);
        MetricText {
            name: t("name"),
            formula: t("formula"),
            why: t("why"),
            source: t("source"),
        }
    }

    /// A name of a dozen characters at most, for narrow tables, that still tells similar
    /// metrics apart (`ER reach`, `ER foll.`), in the language shown.
    pub fn short(&self) -> &'static str {
        crate::i18n::catalogue_text("metric", self.id, "short")
    }
}

use Aggregation as A;
use Direction::HigherIsBetter as Up;
use Need as N;

macro_rules! metric {
    ($id:literal, $agg:expr, $scope:ident, [$($need:expr),*], $unit:ident) => {
        Metric {
            id: $id,
            aggregation: $agg,
            scope: Scope::$scope,
            needs: &[$($need),*],
            unit: Unit::$unit,
            direction: Up,
            vanity: false,
        }
    };
}

/// Every metric engage computes, in catalogue order.
pub const CATALOGUE: &[Metric] = &[
    metric!(
        "er_reach",
        A::MeanOfPostRatios,
        Posts,
        [N::Interactions, N::Post(PostCount::Reach)],
        Percent
    ),
    metric!("interactions", A::Sum, Posts, [N::Interactions], Count),
    metric!(
        "er_impressions",
        A::MeanOfPostRatios,
        Posts,
        [N::Interactions, N::Post(PostCount::Impressions)],
        Percent
    ),
    metric!(
        "er_views",
        A::MeanOfPostRatios,
        Posts,
        [N::Interactions, N::Post(PostCount::Views)],
        Percent
    ),
    metric!(
        "er_followers",
        A::MeanOfPostRatios,
        Posts,
        [N::Interactions, N::FollowersOnDay],
        Percent
    ),
    metric!(
        "er_profile_daily",
        A::MeanOfDayRatios,
        Posts,
        [N::Interactions, N::FollowersOnDay],
        Percent
    ),
    metric!(
        "interactions_per_1k",
        A::Sum,
        Posts,
        [N::Interactions, N::FollowersOnDay],
        Ratio
    ),
    metric!(
        "applause_rate",
        A::PerPost,
        Posts,
        [N::Post(PostCount::Likes)],
        PerPost
    ),
    metric!(
        "conversation_rate",
        A::PerPost,
        Posts,
        [N::Post(PostCount::Comments)],
        PerPost
    ),
    metric!(
        "amplification_rate",
        A::PerPost,
        Posts,
        [N::Post(PostCount::Shares)],
        PerPost
    ),
    metric!("shares", A::Sum, Posts, [N::Post(PostCount::Shares)], Count),
    metric!(
        "save_rate",
        A::MeanOfPostRatios,
        Posts,
        [N::Post(PostCount::Saves), N::Post(PostCount::Reach)],
        Percent
    ),
    metric!(
        "ctr",
        A::RatioOfSums,
        Posts,
        [N::Post(PostCount::Clicks), N::Post(PostCount::Impressions)],
        Percent
    ),
    metric!(
        "video_view_rate",
        A::RatioOfSums,
        Posts,
        [
            N::Post(PostCount::VideoViews),
            N::Post(PostCount::Impressions)
        ],
        Percent
    ),
    metric!(
        "reach_rate",
        A::MeanOfPostRatios,
        Posts,
        [N::Post(PostCount::Reach), N::FollowersOnDay],
        Percent
    ),
    metric!(
        "total_reach",
        A::Sum,
        Daily,
        [N::Daily(DailyCount::Reach)],
        Count
    ),
    metric!("posts_per_week", A::PerWeek, Posts, [], PerWeek),
    Metric {
        vanity: true,
        ..metric!(
            "followers",
            A::Last,
            Daily,
            [N::Daily(DailyCount::Followers)],
            Count
        )
    },
    metric!(
        "follower_growth_rate",
        A::Change,
        Daily,
        [N::Daily(DailyCount::Followers)],
        Percent
    ),
    metric!(
        "net_follows",
        A::Sum,
        Daily,
        [
            N::Daily(DailyCount::Follows),
            N::Daily(DailyCount::Unfollows)
        ],
        Count
    ),
    metric!("sessions", A::Sum, Web, [N::Web(WebCount::Sessions)], Count),
    metric!(
        "social_sessions",
        A::Sum,
        Web,
        [N::Web(WebCount::Sessions)],
        Count
    ),
    metric!(
        "social_new_users",
        A::Sum,
        Web,
        [N::Web(WebCount::NewUsers)],
        Count
    ),
    metric!(
        "direct_share",
        A::RatioOfSums,
        Web,
        [N::Web(WebCount::Sessions)],
        Percent
    ),
    metric!(
        "pages_per_session",
        A::RatioOfSums,
        Web,
        [N::Web(WebCount::Pageviews), N::Web(WebCount::Sessions)],
        Ratio
    ),
    metric!(
        "avg_engagement_time",
        A::RatioOfSums,
        Web,
        [
            N::Web(WebCount::EngagementSeconds),
            N::Web(WebCount::Sessions)
        ],
        Seconds
    ),
    metric!(
        "engaged_session_rate",
        A::RatioOfSums,
        Web,
        [
            N::Web(WebCount::EngagedSessions),
            N::Web(WebCount::Sessions)
        ],
        Percent
    ),
    metric!(
        "conversions",
        A::Sum,
        Web,
        [N::Web(WebCount::Conversions)],
        Count
    ),
    metric!(
        "conversion_rate",
        A::RatioOfSums,
        Web,
        [N::Web(WebCount::Conversions), N::Web(WebCount::Sessions)],
        Percent
    ),
    metric!(
        "source_sessions",
        A::Sum,
        Web,
        [N::Web(WebCount::Sessions)],
        Count
    ),
    metric!(
        "source_pages_per_session",
        A::RatioOfSums,
        Web,
        [N::Web(WebCount::Pageviews), N::Web(WebCount::Sessions)],
        Ratio
    ),
    metric!(
        "source_engagement_time",
        A::RatioOfSums,
        Web,
        [
            N::Web(WebCount::EngagementSeconds),
            N::Web(WebCount::Sessions)
        ],
        Seconds
    ),
    metric!(
        "source_engaged_rate",
        A::RatioOfSums,
        Web,
        [
            N::Web(WebCount::EngagedSessions),
            N::Web(WebCount::Sessions)
        ],
        Percent
    ),
    metric!(
        "source_conversions",
        A::Sum,
        Web,
        [N::Web(WebCount::Conversions)],
        Count
    ),
];

/// The metric with this id.
pub fn metric(id: &str) -> Option<&'static Metric> {
    CATALOGUE.iter().find(|m| m.id == id)
}

/// A note shown with every metric built on interactions.
pub fn interactions_note() -> &'static str {
    crate::i18n::catalogue_text("notes", "interactions", "text")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_names_are_short_and_distinct() {
        for lang in [crate::i18n::Lang::En, crate::i18n::Lang::Id] {
            crate::i18n::with_lang(lang, || {
                let mut seen = std::collections::HashSet::new();
                for m in CATALOGUE {
                    assert!(m.short().chars().count() <= 12, "{}", m.short());
                    assert!(seen.insert(m.short()), "{} repeats", m.short());
                }
            });
        }
    }

    /// Every metric reads in both languages: its name, short name, formula, reason and source.
    #[test]
    fn every_metric_has_its_texts_in_both_languages() {
        use crate::i18n::{Lang, has_catalogue_text};
        for m in CATALOGUE {
            for lang in [Lang::En, Lang::Id] {
                for field in ["name", "short", "formula", "why", "source"] {
                    assert!(
                        has_catalogue_text(lang, "metric", m.id, field),
                        "{}.{field} has no {lang:?} text in assets/i18n/",
                        m.id
                    );
                }
                assert!(has_catalogue_text(lang, "notes", "interactions", "text"));
            }
        }
    }

    #[test]
    fn ids_are_unique_and_match_the_reference() {
        let ids: Vec<&str> = CATALOGUE.iter().map(|m| m.id).collect();
        let mut sorted = ids.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), ids.len(), "duplicate ids");
        for id in [
            "er_reach",
            "er_impressions",
            "er_views",
            "er_followers",
            "er_profile_daily",
            "interactions_per_1k",
            "applause_rate",
            "conversation_rate",
            "amplification_rate",
            "save_rate",
            "ctr",
            "video_view_rate",
            "reach_rate",
            "total_reach",
            "posts_per_week",
            "followers",
            "follower_growth_rate",
            "net_follows",
            "sessions",
            "social_sessions",
            "direct_share",
            "pages_per_session",
            "avg_engagement_time",
            "engaged_session_rate",
            "conversions",
            "conversion_rate",
            // Added for the objective templates (Advocacy, Awareness).
            "shares",
            "social_new_users",
            // Added for the engagement overview before a plan.
            "interactions",
            // Added for visits by social source (issue 17).
            "source_sessions",
            "source_pages_per_session",
            "source_engagement_time",
            "source_engaged_rate",
            "source_conversions",
        ] {
            assert!(metric(id).is_some(), "{id} missing");
        }
        assert_eq!(CATALOGUE.len(), 34);
    }

    #[test]
    fn only_followers_is_vanity() {
        let vanity: Vec<&str> = CATALOGUE
            .iter()
            .filter(|m| m.vanity)
            .map(|m| m.id)
            .collect();
        assert_eq!(vanity, ["followers"]);
    }
}
