//! The demo's social sessions by source: the parts of each day's `organic_social` row that
//! came from each of Kabar Kini's five platforms (the rest, 7%, came from messaging apps and
//! other sites, and has no row).
//!
//! The story an analyst can find: Facebook sends the most visits (its link posts), Instagram
//! many short ones (story link stickers and the link in bio, read in the app's browser and
//! left), X few but deep ones (the readers who click a headline there read on), YouTube and
//! TikTok a trickle. The site tags its YouTube links with `utm_medium=social`, so GA4 files
//! them under Organic Social too.
//!
//! Each part is the channel row's figures shared out by weight (sessions by link clicks and a
//! base share; pages, time, engagement and conversions by each platform's visit quality), and
//! the parts add up to 93% of the channel at most, so no part is ever more than its channel.

use super::counts::round;
use super::rng::Rng;
use crate::snapshot::model::Platform;

/// What share of the channel's figures the five platforms' rows hold together.
const PARTS: f64 = 0.93;

/// A platform's visits: its base share of the channel's sessions besides its link clicks,
/// and its visitors' pages, seconds, engaged share and conversions relative to each other.
struct Quality {
    platform: Platform,
    base: f64,
    pages: f64,
    seconds: f64,
    engaged: f64,
    new_users: f64,
    conversion: f64,
}

/// In the order of the demo's accounts (facebook, instagram, x, youtube, tiktok).
const QUALITY: [Quality; 5] = [
    Quality {
        platform: Platform::Facebook,
        base: 0.10,
        pages: 1.2,
        seconds: 40.0,
        engaged: 0.38,
        new_users: 0.45,
        conversion: 1.0,
    },
    Quality {
        platform: Platform::Instagram,
        base: 0.75,
        pages: 1.05,
        seconds: 18.0,
        engaged: 0.24,
        new_users: 0.55,
        conversion: 0.4,
    },
    Quality {
        platform: Platform::X,
        base: 0.02,
        pages: 2.6,
        seconds: 140.0,
        engaged: 0.70,
        new_users: 0.30,
        conversion: 2.5,
    },
    Quality {
        platform: Platform::Youtube,
        base: 0.07,
        pages: 1.4,
        seconds: 70.0,
        engaged: 0.50,
        new_users: 0.50,
        conversion: 0.8,
    },
    Quality {
        platform: Platform::Tiktok,
        base: 0.06,
        pages: 1.02,
        seconds: 12.0,
        engaged: 0.18,
        new_users: 0.65,
        conversion: 0.2,
    },
];

/// One platform's part of a day's channel row.
pub struct Part {
    pub platform: Platform,
    /// Sessions, engaged sessions, pageviews, engagement seconds, new users, conversions.
    pub counts: [u64; 6],
}

/// Shares out a day's `organic_social` row (`total`, in the order of [`Part::counts`]):
/// `clicks` are the five accounts' link clicks that day, `base` the channel's sessions that do
/// not follow them.
pub fn split(rng: &mut Rng, total: [u64; 6], clicks: &[f64; 5], base: f64) -> Vec<Part> {
    let weights: Vec<f64> = QUALITY
        .iter()
        .zip(clicks)
        .map(|(q, c)| (0.78 * c + q.base * base) * rng.spread(1, 0.08))
        .collect();
    let sum: f64 = weights.iter().sum();
    if sum <= 0.0 {
        return Vec::new();
    }
    let sessions: Vec<f64> = weights
        .iter()
        .map(|w| total[0] as f64 * PARTS * w / sum)
        .collect();
    // Each other figure shared by sessions x quality, so the parts keep their relative
    // quality and never add up to more than the channel.
    let share = |field: usize, of: &dyn Fn(&Quality) -> f64| -> Vec<u64> {
        let w: Vec<f64> = QUALITY
            .iter()
            .zip(&sessions)
            .map(|(q, s)| s * of(q))
            .collect();
        let sum: f64 = w.iter().sum();
        w.iter()
            .map(|x| {
                if sum > 0.0 {
                    (total[field] as f64 * PARTS * x / sum) as u64
                } else {
                    0
                }
            })
            .collect()
    };
    let engaged = share(1, &|q| q.engaged);
    let pages = share(2, &|q| q.pages);
    let seconds = share(3, &|q| q.seconds);
    let new_users = share(4, &|q| q.new_users);
    // Conversions are few a day: shared as expected values, rounded at random.
    let conversions: Vec<u64> = {
        let w: Vec<f64> = QUALITY
            .iter()
            .zip(&sessions)
            .map(|(q, s)| s * q.conversion)
            .collect();
        let sum: f64 = w.iter().sum();
        w.iter()
            .map(|x| {
                let expected = if sum > 0.0 {
                    total[5] as f64 * PARTS * x / sum
                } else {
                    0.0
                };
                rng.round(expected)
            })
            .collect()
    };
    QUALITY
        .iter()
        .enumerate()
        .filter_map(|(i, q)| {
            let s = round(sessions[i]);
            (s > 0).then(|| Part {
                platform: q.platform,
                counts: [
                    s,
                    engaged[i].min(s),
                    pages[i].max(s).min(total[2]),
                    seconds[i],
                    new_users[i].min(s),
                    conversions[i],
                ],
            })
        })
        .collect()
}
