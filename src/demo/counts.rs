//! A post's lifetime counts: how far it travels and how people respond.
//!
//! The audience (reach on Facebook and Instagram, impressions on X, views on YouTube and
//! TikTok) is the account's followers times a typical rate, shifted by format, kind and the
//! day, with skewed noise and a rare heavy tail (breakout posts). Interactions are the
//! audience times an engagement rate that depends on the kind of post (promo posts earn
//! well under half of what audience-first posts do), the day and the hour. They are split
//! into likes, comments, shares and saves by the platform's mix and the kind (questions
//! draw comments, explainers saves), over the parts the platform reports; the other counts
//! (impressions or views, clicks, video views) are derived so that impressions and views are
//! never below reach.

use super::accounts::{self, Cutovers, FB, IG, PROFILES, X, YT};
use super::plan::Viral;
use super::rng::Rng;
use super::season::{self, DayInfo};
use super::texts::Kind;
use crate::snapshot::model::PostFormat;

/// Interactions per person reached, by kind: audience-first posts earn two to three times
/// what promo posts do.
fn kind_engagement(kind: Kind) -> f64 {
    match kind {
        Kind::Promo => 0.5,
        Kind::Question => 1.45,
        Kind::Explainer => 1.35,
        Kind::Local => 1.4,
        Kind::Tips => 1.3,
        Kind::Breaking => 1.05,
        Kind::News => 1.0,
    }
}

/// The algorithms show promo posts to fewer people and breaking news to more.
fn kind_audience(kind: Kind) -> f64 {
    match kind {
        Kind::Promo => 0.8,
        Kind::Breaking => 1.35,
        Kind::Local => 1.1,
        Kind::Explainer => 1.05,
        _ => 1.0,
    }
}

/// How a kind shifts the mix of likes, comments, shares and saves.
fn kind_mix(kind: Kind) -> [f64; 4] {
    match kind {
        Kind::Promo => [1.0, 0.7, 0.5, 0.5],
        Kind::Question => [1.0, 3.0, 0.8, 0.6],
        Kind::Explainer => [1.0, 1.0, 1.6, 2.5],
        Kind::Local => [1.0, 1.3, 1.4, 1.0],
        Kind::Tips => [1.0, 0.8, 1.3, 2.2],
        Kind::Breaking => [1.0, 1.2, 1.6, 0.4],
        Kind::News => [1.0; 4],
    }
}

/// Counts keep growing after publication: the share reached by posts 0, 1, 2 and 3 days
/// old at the export.
const MATURITY: [f64; 4] = [0.55, 0.8, 0.92, 0.97];

/// What a post's counts depend on.
pub struct Shape<'a> {
    pub account: usize,
    pub format: PostFormat,
    pub kind: Kind,
    pub day: &'a DayInfo,
    /// Hour of publication, local time.
    pub hour: usize,
    /// Days from publication to the window's last day: how far the counts have matured,
    /// and how many days of follower growth are still to come.
    pub age: usize,
    pub viral: Option<&'a Viral>,
}

/// A post's counts; `None` where the platform does not report the figure.
#[derive(Clone, Debug, Default)]
pub struct Numbers {
    pub likes: u64,
    pub comments: Option<u64>,
    pub shares: Option<u64>,
    pub saves: Option<u64>,
    pub reach: Option<u64>,
    pub impressions: Option<u64>,
    pub views: Option<u64>,
    pub clicks: Option<u64>,
    pub video_views: Option<u64>,
    /// X's own total, which also counts clicks and detail expands.
    pub engagements: Option<u64>,
    /// The audience figure of this platform (reach, impressions or views).
    pub audience: u64,
}

impl Numbers {
    /// Likes + comments + shares + saves, over the parts that are known.
    pub fn interactions(&self) -> u64 {
        self.likes + self.comments.unwrap_or(0) + self.shares.unwrap_or(0) + self.saves.unwrap_or(0)
    }
}

pub fn numbers(rng: &mut Rng, cut: &Cutovers, s: &Shape) -> Numbers {
    let a = s.account;
    let p = &PROFILES[a];
    let followers = p.followers_end - p.net_per_day * s.age as f64;
    let typical = followers
        * p.audience_rate
        * accounts::format_audience(s.format)
        * kind_audience(s.kind)
        * s.day.audience;
    let (audience, rate) = match s.viral {
        // A viral post's numbers are planted, not drawn, so it stands out for sure.
        Some(v) => (typical * v.reach, p.er * v.engagement * s.day.engagement),
        None => {
            let noise = rng.spread(3, 0.3) * rng.tail(0.025, 3.0);
            let rate = p.er
                * kind_engagement(s.kind)
                * s.day.engagement
                * season::hour_engagement(s.day, s.hour)
                * rng.spread(2, 0.3);
            (typical * noise, rate)
        }
    };
    let audience = audience * MATURITY.get(s.age).copied().unwrap_or(1.0);
    let interactions = audience * rate * accounts::format_engagement(s.format);

    // Split the interactions over the parts this platform and format report: stories have
    // no public comments or saves; Facebook, X and YouTube report no saves.
    let story = s.format == PostFormat::Story;
    let known = [true, !story, true, p.mix[3] > 0.0 && !story];
    let shift = kind_mix(s.kind);
    let mut weights = [0.0; 4];
    for i in 0..4 {
        if known[i] {
            weights[i] = p.mix[i] * shift[i] * rng.range(0.85, 1.15);
        }
    }
    let sum: f64 = weights.iter().sum();
    let part = |i: usize| known[i].then(|| round(interactions * weights[i] / sum));
    let likes = part(0).unwrap_or(0).max(1);
    let mut n = Numbers {
        likes,
        comments: part(1).map(|c| c.min(likes / 2)),
        shares: part(2).map(|v| v.min(likes * 2 / 3)),
        saves: part(3).map(|v| v.min(likes * 2 / 3)),
        audience: round(audience).max(likes),
        ..Numbers::default()
    };

    let link = s.format == PostFormat::Link;
    let video = matches!(
        s.format,
        PostFormat::Video | PostFormat::Reel | PostFormat::Short | PostFormat::Live
    );
    let promo_click = if s.kind == Kind::Promo { 0.7 } else { 1.0 };
    match a {
        FB | IG => {
            n.reach = Some(n.audience);
            if cut.meta_views(a, s.day.day) {
                // Views count repeat views, so they run well above reach.
                let (lo, hi) = if s.format == PostFormat::Reel {
                    (1.6, 2.4)
                } else {
                    (1.4, 2.0)
                };
                n.views = Some(round(audience * rng.range(lo, hi)).max(n.audience));
            } else {
                n.impressions = Some(round(audience * rng.range(1.12, 1.5)).max(n.audience));
            }
            if a == FB && video {
                n.video_views = Some(round(audience * rng.range(0.35, 0.6)));
            }
            if link {
                n.clicks = Some(round(audience * rng.range(0.015, 0.04) * promo_click));
            }
        }
        X => {
            n.impressions = Some(n.audience);
            if video {
                n.video_views = Some(round(audience * rng.range(0.25, 0.45)));
            }
            if link {
                n.clicks = Some(round(audience * rng.range(0.006, 0.018) * promo_click));
            }
            let expands = round(audience * rng.range(0.004, 0.012));
            n.engagements = Some(n.interactions() + n.clicks.unwrap_or(0) + expands);
        }
        YT => {
            n.views = Some(n.audience);
            // Engaged views: those past the first seconds.
            n.video_views = Some(round(audience * rng.range(0.55, 0.8)));
            // Thumbnail impressions: shorts play in the feed, videos need a click.
            let (lo, hi) = if s.format == PostFormat::Short {
                (1.3, 2.0)
            } else {
                (6.0, 11.0)
            };
            n.impressions = Some(round(audience * rng.range(lo, hi)));
        }
        _ => {
            n.views = Some(n.audience);
            if s.day.day >= cut.tt_reach {
                n.reach = Some(round(audience * rng.range(0.55, 0.8)));
            }
        }
    }
    n
}

pub fn round(x: f64) -> u64 {
    if x > 0.0 { (x + 0.5) as u64 } else { 0 }
}
