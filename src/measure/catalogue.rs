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

/// One metric of the catalogue.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Metric {
    pub id: &'static str,
    pub name: &'static str,
    pub formula: &'static str,
    pub aggregation: Aggregation,
    pub scope: Scope,
    pub needs: &'static [Need],
    pub unit: Unit,
    pub direction: Direction,
    /// One line: why an analyst would look at it.
    pub why: &'static str,
    pub source: &'static str,
    /// Follower counts: context, never a KPI (bots and bought followers made them meaningless).
    pub vanity: bool,
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
    /// The name, formula, reason and source in the language shown (the fields are English,
    /// for JSON and ids; people read these).
    pub fn text(&self) -> MetricText {
        let t = |field, english| crate::i18n::domain("metric", self.id, field, english);
        MetricText {
            name: t("name", self.name),
            formula: t("formula", self.formula),
            why: t("why", self.why),
            source: t("source", self.source),
        }
    }

    /// A name of a dozen characters at most, for narrow tables, that still tells similar
    /// metrics apart (`ER reach`, `ER foll.`), in the language shown.
    pub fn short(&self) -> &'static str {
        crate::i18n::domain("metric", self.id, "short", self.short_en())
    }

    fn short_en(&self) -> &'static str {
        match self.id {
            "er_reach" => "ER reach",
            "interactions" => "interactions",
            "er_impressions" => "ER impr.",
            "er_views" => "ER views",
            "er_followers" => "ER foll.",
            "er_profile_daily" => "ER daily",
            "interactions_per_1k" => "inter./1k",
            "applause_rate" => "applause",
            "conversation_rate" => "conversat.",
            "amplification_rate" => "amplific.",
            "save_rate" => "save rate",
            "ctr" => "CTR",
            "video_view_rate" => "video rate",
            "reach_rate" => "reach rate",
            "total_reach" => "total reach",
            "posts_per_week" => "posts/week",
            "followers" => "followers",
            "follower_growth_rate" => "foll. growth",
            "net_follows" => "net follows",
            "sessions" => "sessions",
            "social_sessions" => "social sess.",
            "direct_share" => "direct share",
            "pages_per_session" => "pages/sess.",
            "avg_engagement_time" => "eng. time",
            "engaged_session_rate" => "engaged rate",
            "conversions" => "conversions",
            "conversion_rate" => "conv. rate",
            "shares" => "shares",
            "social_new_users" => "social new",
            "source_sessions" => "src sessions",
            "source_pages_per_session" => "src pages",
            "source_engagement_time" => "src eng.time",
            "source_engaged_rate" => "src engaged",
            "source_conversions" => "src conv.",
            other => other,
        }
    }
}

use Aggregation as A;
use Direction::HigherIsBetter as Up;
use Need as N;

const INTERACTIONS_NOTE: &str = "interactions = likes + comments + shares + saves, summing the parts that are known (saves included where known)";

macro_rules! metric {
    ($id:literal, $name:literal, $formula:expr, $agg:expr, $scope:ident, [$($need:expr),*], $unit:ident, $why:literal, $source:literal) => {
        Metric {
            id: $id,
            name: $name,
            formula: $formula,
            aggregation: $agg,
            scope: Scope::$scope,
            needs: &[$($need),*],
            unit: Unit::$unit,
            direction: Up,
            why: $why,
            source: $source,
            vanity: false,
        }
    };
}

/// Every metric engage computes, in catalogue order.
pub const CATALOGUE: &[Metric] = &[
    metric!(
        "er_reach",
        "Engagement rate by reach",
        "interactions / reach",
        A::MeanOfPostRatios,
        Posts,
        [N::Interactions, N::Post(PostCount::Reach)],
        Percent,
        "How strongly the people who saw a post responded: the core engagement measure.",
        "Hootsuite (\"ERR\"); Rival IQ for own accounts"
    ),
    metric!(
        "interactions",
        "Interactions",
        "likes + comments + shares + saves, summed over the posts",
        A::Sum,
        Posts,
        [N::Interactions],
        Count,
        "The raw response to what was published; read it beside posting volume and reach.",
        "engage (the parts as each platform counts them)"
    ),
    metric!(
        "er_impressions",
        "Engagement rate by impressions",
        "interactions / impressions",
        A::MeanOfPostRatios,
        Posts,
        [N::Interactions, N::Post(PostCount::Impressions)],
        Percent,
        "Response per time shown; counts repeat views, so it reads lower than by reach.",
        "Buffer; X Ads API"
    ),
    metric!(
        "er_views",
        "Engagement rate by views",
        "interactions / views",
        A::MeanOfPostRatios,
        Posts,
        [N::Interactions, N::Post(PostCount::Views)],
        Percent,
        "Response per view, where platforms report views (TikTok, Meta since 2025) instead of impressions.",
        "Rival IQ for TikTok; Meta \"Views\""
    ),
    metric!(
        "er_followers",
        "Engagement rate by followers",
        "interactions / followers on the day of posting",
        A::MeanOfPostRatios,
        Posts,
        [N::Interactions, N::FollowersOnDay],
        Percent,
        "The formula public benchmarks use; compare with them only through this metric.",
        "Emplifi post ER; Rival IQ public data"
    ),
    metric!(
        "er_profile_daily",
        "Profile engagement rate (Emplifi)",
        "for each account and day with posts: interactions / followers / posts that day; the mean over those days",
        A::MeanOfDayRatios,
        Posts,
        [N::Interactions, N::FollowersOnDay],
        Percent,
        "A day-level rate that does not reward posting more; follows Emplifi's current documentation.",
        "docs.emplifi.io engagement-rate"
    ),
    metric!(
        "interactions_per_1k",
        "Interactions per 1k followers",
        "for each post: interactions / followers on the day of posting x 1000; summed over the posts",
        A::Sum,
        Posts,
        [N::Interactions, N::FollowersOnDay],
        Ratio,
        "Total response scaled to audience size, so accounts of different sizes compare.",
        "Socialbakers support"
    ),
    metric!(
        "applause_rate",
        "Applause rate",
        "likes per post",
        A::PerPost,
        Posts,
        [N::Post(PostCount::Likes)],
        PerPost,
        "Approval: how many people endorse a post.",
        "Avinash Kaushik"
    ),
    metric!(
        "conversation_rate",
        "Conversation rate",
        "comments per post",
        A::PerPost,
        Posts,
        [N::Post(PostCount::Comments)],
        PerPost,
        "Conversation: the audience talking back, the strongest sign of audience-first content.",
        "Avinash Kaushik"
    ),
    metric!(
        "amplification_rate",
        "Amplification rate",
        "shares per post",
        A::PerPost,
        Posts,
        [N::Post(PostCount::Shares)],
        PerPost,
        "Advocacy: people passing a post on to their own networks.",
        "Avinash Kaushik"
    ),
    metric!(
        "shares",
        "Shares",
        "shares, summed over the posts that report them",
        A::Sum,
        Posts,
        [N::Post(PostCount::Shares)],
        Count,
        "Advocacy in absolute terms: how many times people passed posts on.",
        "platform post insights"
    ),
    metric!(
        "save_rate",
        "Save rate",
        "saves / reach",
        A::MeanOfPostRatios,
        Posts,
        [N::Post(PostCount::Saves), N::Post(PostCount::Reach)],
        Percent,
        "Lasting value: people keeping a post to come back to.",
        "common practice"
    ),
    metric!(
        "ctr",
        "Click-through rate",
        "clicks / impressions",
        A::RatioOfSums,
        Posts,
        [N::Post(PostCount::Clicks), N::Post(PostCount::Impressions)],
        Percent,
        "How well posts move people from the feed to the website.",
        "X Ads API \"click rate\""
    ),
    metric!(
        "video_view_rate",
        "Video view rate",
        "video_views / impressions",
        A::RatioOfSums,
        Posts,
        [
            N::Post(PostCount::VideoViews),
            N::Post(PostCount::Impressions)
        ],
        Percent,
        "How often a video shown in the feed gets watched.",
        "X Ads API \"media view rate\""
    ),
    metric!(
        "reach_rate",
        "Reach rate",
        "reach / followers on the day of posting",
        A::MeanOfPostRatios,
        Posts,
        [N::Post(PostCount::Reach), N::FollowersOnDay],
        Percent,
        "The share of the audience a post actually reaches.",
        "Minter.io"
    ),
    metric!(
        "total_reach",
        "Total reach",
        "account-level daily reach, summed over the days",
        A::Sum,
        Daily,
        [N::Daily(DailyCount::Reach)],
        Count,
        "The size of the audience reached; days overlap, so people are counted once per day.",
        "platform daily insights"
    ),
    metric!(
        "posts_per_week",
        "Posting volume",
        "posts / (days in the window / 7)",
        A::PerWeek,
        Posts,
        [],
        PerWeek,
        "Effort: read engagement against it, since more posts often means less per post.",
        "engage"
    ),
    Metric {
        vanity: true,
        ..metric!(
            "followers",
            "Followers (vanity)",
            "followers at the end of the window: the last known count on or before its last day",
            A::Last,
            Daily,
            [N::Daily(DailyCount::Followers)],
            Count,
            "Context only: bots and bought followers made follower counts meaningless as a goal.",
            "platform daily insights"
        )
    },
    metric!(
        "follower_growth_rate",
        "Follower growth rate",
        "(followers at end - at start) / at start; start: the last known count before the window's first day (else on it); end: the last known count on or before its last day",
        A::Change,
        Daily,
        [N::Daily(DailyCount::Followers)],
        Percent,
        "Audience growth; check sudden jumps against engagement before trusting it.",
        "Hootsuite"
    ),
    metric!(
        "net_follows",
        "Net follows",
        "follows - unfollows, over the days that have both",
        A::Sum,
        Daily,
        [
            N::Daily(DailyCount::Follows),
            N::Daily(DailyCount::Unfollows)
        ],
        Count,
        "Whether the audience is growing by people choosing to follow.",
        "platform daily insights"
    ),
    metric!(
        "sessions",
        "Sessions",
        "sessions, all channels (a day's `all` row, else the sum of its channel rows)",
        A::Sum,
        Web,
        [N::Web(WebCount::Sessions)],
        Count,
        "Visits to the website from every channel.",
        "GA4"
    ),
    metric!(
        "social_sessions",
        "Sessions from social",
        "sessions of organic_social + paid_social",
        A::Sum,
        Web,
        [N::Web(WebCount::Sessions)],
        Count,
        "What social media sends to the website.",
        "GA4 channel groups"
    ),
    metric!(
        "social_new_users",
        "New users from social",
        "new_users of organic_social + paid_social",
        A::Sum,
        Web,
        [N::Web(WebCount::NewUsers)],
        Count,
        "Awareness that reaches the website: first visits brought by social media.",
        "GA4 channel groups"
    ),
    metric!(
        "direct_share",
        "Direct traffic share",
        "direct sessions / all sessions",
        A::RatioOfSums,
        Web,
        [N::Web(WebCount::Sessions)],
        Percent,
        "Loyalty: people who come straight to the website, by habit or bookmark.",
        "derived from GA4 channel groups"
    ),
    metric!(
        "pages_per_session",
        "Pages per session",
        "pageviews / sessions",
        A::RatioOfSums,
        Web,
        [N::Web(WebCount::Pageviews), N::Web(WebCount::Sessions)],
        Ratio,
        "Depth: how much of the website a visit explores.",
        "GA4 views per session"
    ),
    metric!(
        "avg_engagement_time",
        "Average engagement time",
        "engagement_seconds / sessions",
        A::RatioOfSums,
        Web,
        [
            N::Web(WebCount::EngagementSeconds),
            N::Web(WebCount::Sessions)
        ],
        Seconds,
        "Attention: time people actively spend per visit.",
        "GA4"
    ),
    metric!(
        "engaged_session_rate",
        "Engaged-session rate",
        "engaged_sessions / sessions",
        A::RatioOfSums,
        Web,
        [
            N::Web(WebCount::EngagedSessions),
            N::Web(WebCount::Sessions)
        ],
        Percent,
        "The share of visits that engage (over 10 s, a key event, or 2+ views).",
        "GA4"
    ),
    metric!(
        "conversions",
        "Conversions",
        "conversions",
        A::Sum,
        Web,
        [N::Web(WebCount::Conversions)],
        Count,
        "Outcomes: the key events the business counts (subscriptions, sign-ups).",
        "GA4"
    ),
    metric!(
        "conversion_rate",
        "Conversion rate",
        "conversions / sessions",
        A::RatioOfSums,
        Web,
        [N::Web(WebCount::Conversions), N::Web(WebCount::Sessions)],
        Percent,
        "How well visits turn into outcomes.",
        "GA4"
    ),
    metric!(
        "source_sessions",
        "Sessions from the platforms",
        "sessions of the web rows whose source is one of the segment's platforms (all platforms without one)",
        A::Sum,
        Web,
        [N::Web(WebCount::Sessions)],
        Count,
        "What each platform sends to the website, by the source GA4 names (t.co is X).",
        "GA4 session source"
    ),
    metric!(
        "source_pages_per_session",
        "Pages per session from the platforms",
        "pageviews / sessions, of the web rows whose source is one of the segment's platforms",
        A::RatioOfSums,
        Web,
        [N::Web(WebCount::Pageviews), N::Web(WebCount::Sessions)],
        Ratio,
        "Depth of the visits a platform sends: readers who stay read more than one page.",
        "GA4 session source, views per session"
    ),
    metric!(
        "source_engagement_time",
        "Engagement time from the platforms",
        "engagement_seconds / sessions, of the web rows whose source is one of the segment's platforms",
        A::RatioOfSums,
        Web,
        [
            N::Web(WebCount::EngagementSeconds),
            N::Web(WebCount::Sessions)
        ],
        Seconds,
        "Attention the platform's visitors give the website, per visit.",
        "GA4 session source"
    ),
    metric!(
        "source_engaged_rate",
        "Engaged rate from the platforms",
        "engaged_sessions / sessions, of the web rows whose source is one of the segment's platforms",
        A::RatioOfSums,
        Web,
        [
            N::Web(WebCount::EngagedSessions),
            N::Web(WebCount::Sessions)
        ],
        Percent,
        "The share of a platform's visits that engage rather than bounce.",
        "GA4 session source"
    ),
    metric!(
        "source_conversions",
        "Conversions from the platforms",
        "conversions of the web rows whose source is one of the segment's platforms",
        A::Sum,
        Web,
        [N::Web(WebCount::Conversions)],
        Count,
        "Outcomes (subscriptions, sign-ups) of the visits a platform sends.",
        "GA4 session source"
    ),
];

/// The metric with this id.
pub fn metric(id: &str) -> Option<&'static Metric> {
    CATALOGUE.iter().find(|m| m.id == id)
}

/// A note shown with every metric built on interactions.
pub fn interactions_note() -> &'static str {
    crate::i18n::domain("notes", "interactions", "text", INTERACTIONS_NOTE)
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

    /// Every metric reads in Indonesian: its name, short name, formula, reason and source.
    #[test]
    fn every_metric_has_its_indonesian_texts() {
        for m in CATALOGUE {
            for field in ["name", "short", "formula", "why", "source"] {
                assert!(
                    crate::i18n::has_domain("metric", m.id, field),
                    "{}.{field} has no Indonesian text in assets/i18n/id-catalogue.toml",
                    m.id
                );
            }
        }
        assert!(crate::i18n::has_domain("notes", "interactions", "text"));
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
