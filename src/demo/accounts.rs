//! Kabar Kini's five accounts and what each platform does and does not report.
//!
//! The numbers are shaped after published benchmarks for news publishers (reach rates,
//! interaction mixes, engagement by reach), and the unknown fields follow the platforms'
//! real gaps: X reports no reach and no saves; Meta replaced Instagram `impressions` with
//! `views` on 21 April 2025 and Facebook's on 15 November 2025; TikTok gives reach only on
//! newer posts; YouTube gives neither saves nor reach. A missing figure is left out of the
//! file, never written as 0, because the app must show it as "not available".

use crate::calendar::{Day, days_from_civil};
use crate::snapshot::model::{Platform, PostFormat};

/// One account: who it is, how much of the outlet's posting it carries, and how its
/// audience behaves.
pub struct Profile {
    pub id: &'static str,
    pub platform: Platform,
    pub handle: &'static str,
    /// Share of all posts.
    pub share: f64,
    pub formats: &'static [(PostFormat, u32)],
    /// Followers on the export day, their net growth per day, and the share who leave each day.
    pub followers_end: f64,
    pub net_per_day: f64,
    pub churn: f64,
    /// A typical post's audience (reach; impressions on X; views on YouTube and TikTok) as
    /// a share of followers, for its most common format.
    pub audience_rate: f64,
    /// Interactions per unit of that audience.
    pub er: f64,
    /// Likes, comments, shares, saves as shares of interactions (saves 0 where not reported).
    pub mix: [f64; 4],
    /// How the posting share moves from the window's start to its end (TikTok grows).
    pub trend: (f64, f64),
}

pub const FB: usize = 0;
pub const IG: usize = 1;
pub const X: usize = 2;
pub const YT: usize = 3;
pub const TT: usize = 4;

pub const PROFILES: [Profile; 5] = [
    Profile {
        id: "fb",
        platform: Platform::Facebook,
        handle: "@kabarkini",
        share: 0.22,
        formats: &[
            (PostFormat::Link, 42),
            (PostFormat::Photo, 30),
            (PostFormat::Video, 22),
            (PostFormat::Text, 6),
        ],
        followers_end: 1_318_000.0,
        net_per_day: 45.0,
        churn: 0.000_12,
        audience_rate: 0.030,
        er: 0.022,
        mix: [0.68, 0.12, 0.20, 0.0],
        trend: (1.05, 0.95),
    },
    Profile {
        id: "ig",
        platform: Platform::Instagram,
        handle: "@kabarkini",
        share: 0.18,
        formats: &[
            (PostFormat::Reel, 38),
            (PostFormat::Photo, 24),
            (PostFormat::Carousel, 26),
            (PostFormat::Story, 12),
        ],
        followers_end: 612_000.0,
        net_per_day: 60.0,
        churn: 0.000_20,
        audience_rate: 0.085,
        er: 0.045,
        mix: [0.82, 0.05, 0.07, 0.06],
        trend: (1.0, 1.0),
    },
    Profile {
        id: "x",
        platform: Platform::X,
        handle: "@kabarkini",
        share: 0.40,
        formats: &[
            (PostFormat::Text, 36),
            (PostFormat::Link, 40),
            (PostFormat::Photo, 17),
            (PostFormat::Video, 7),
        ],
        followers_end: 905_000.0,
        net_per_day: 8.0,
        churn: 0.000_25,
        audience_rate: 0.018,
        er: 0.011,
        mix: [0.62, 0.10, 0.28, 0.0],
        trend: (1.05, 0.95),
    },
    Profile {
        id: "yt",
        platform: Platform::Youtube,
        handle: "@kabarkini",
        share: 0.06,
        formats: &[
            (PostFormat::Video, 52),
            (PostFormat::Short, 42),
            (PostFormat::Live, 6),
        ],
        followers_end: 268_000.0,
        net_per_day: 55.0,
        churn: 0.000_15,
        audience_rate: 0.060,
        er: 0.045,
        mix: [0.90, 0.07, 0.03, 0.0],
        trend: (0.9, 1.1),
    },
    Profile {
        id: "tt",
        platform: Platform::Tiktok,
        handle: "@kabarkini",
        share: 0.14,
        formats: &[(PostFormat::Video, 1)],
        followers_end: 342_000.0,
        net_per_day: 210.0,
        churn: 0.000_30,
        audience_rate: 0.20,
        er: 0.070,
        mix: [0.84, 0.05, 0.05, 0.06],
        trend: (0.75, 1.25),
    },
];

/// The days on which the platforms changed what they report.
pub struct Cutovers {
    /// Instagram media `impressions` -> `views`.
    pub ig_views: Day,
    /// Facebook page and post `impressions` -> `views`.
    pub fb_views: Day,
    /// TikTok reports reach on posts published from this day.
    pub tt_reach: Day,
}

impl Default for Cutovers {
    fn default() -> Cutovers {
        Cutovers {
            ig_views: days_from_civil(2025, 4, 21),
            fb_views: days_from_civil(2025, 11, 15),
            tt_reach: days_from_civil(2025, 7, 1),
        }
    }
}

impl Cutovers {
    /// Whether a Meta account reports `views` (true) or `impressions` (false) on `day`.
    pub fn meta_views(&self, account: usize, day: Day) -> bool {
        match account {
            FB => day >= self.fb_views,
            IG => day >= self.ig_views,
            _ => false,
        }
    }
}

/// How a format changes a post's audience relative to the account's typical post.
pub fn format_audience(format: PostFormat) -> f64 {
    match format {
        PostFormat::Reel => 1.6,
        PostFormat::Carousel => 1.1,
        PostFormat::Story => 0.45,
        PostFormat::Short => 2.2,
        PostFormat::Live => 0.7,
        PostFormat::Video => 1.15,
        PostFormat::Link => 0.85,
        PostFormat::Text => 0.8,
        _ => 1.0,
    }
}

/// How a format changes interactions per unit of audience.
pub fn format_engagement(format: PostFormat) -> f64 {
    match format {
        PostFormat::Carousel => 1.25,
        PostFormat::Reel | PostFormat::Video => 1.05,
        PostFormat::Story => 0.35,
        PostFormat::Short => 0.8,
        PostFormat::Link => 0.8,
        _ => 1.0,
    }
}
