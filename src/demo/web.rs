//! Daily web analytics of kabarkini.id by GA4 channel.
//!
//! Social sessions follow the link clicks of the day's posts (the bridge from social to
//! site that the "website traffic" objective measures). Direct visits, the loyal readers of
//! the "website audience loyalty" objective, are a large and slowly growing share, read
//! more pages and stay longer. Email follows the weekday newsletter, and paid social runs
//! only on subscription-campaign days. Rows for channels that had no traffic are left out.
//! Each organic_social row is followed by its parts by source, one per platform (see
//! `web_sources`).

use std::io::{self, Write};

use super::counts::round;
use super::rng::Rng;
use super::season::DayInfo;
use super::web_sources;
use crate::snapshot::model::Channel;
use crate::snapshot::write::{Array, Record};

/// The bundled demo's posting rate (posts per day), against which a scaled spec's web
/// traffic is scaled, so channel shares stay the same at any size.
const DEMO_POSTS_PER_DAY: f64 = 8_000.0 / 730.0;

/// A channel's typical day and how its visitors behave.
struct ChannelSpec {
    channel: Channel,
    /// Sessions on an average weekday, before weekly and seasonal rhythm.
    sessions: f64,
    /// Mon..Sun multipliers.
    week: [f64; 7],
    engaged: f64,
    pages: f64,
    seconds: f64,
    new_users: f64,
    conversion: f64,
}

const CHANNELS: [ChannelSpec; 6] = [
    ChannelSpec {
        channel: Channel::Direct,
        sessions: 4_600.0,
        week: [1.08, 1.10, 1.08, 1.06, 1.00, 0.84, 0.84],
        engaged: 0.68,
        pages: 2.6,
        seconds: 150.0,
        new_users: 0.14,
        conversion: 0.0022,
    },
    ChannelSpec {
        channel: Channel::OrganicSearch,
        sessions: 4_200.0,
        week: [1.04, 1.05, 1.04, 1.02, 0.98, 0.92, 0.95],
        engaged: 0.58,
        pages: 1.7,
        seconds: 75.0,
        new_users: 0.52,
        conversion: 0.0004,
    },
    ChannelSpec {
        channel: Channel::OrganicSocial,
        // Besides the clicks of the accounts' own link posts: readers sharing articles.
        sessions: 650.0,
        week: [0.95, 0.95, 0.96, 0.98, 1.02, 1.08, 1.06],
        engaged: 0.42,
        pages: 1.3,
        seconds: 48.0,
        new_users: 0.46,
        conversion: 0.0006,
    },
    ChannelSpec {
        channel: Channel::Referral,
        sessions: 950.0,
        week: [1.05, 1.05, 1.04, 1.02, 1.00, 0.92, 0.92],
        engaged: 0.55,
        pages: 1.8,
        seconds: 85.0,
        new_users: 0.48,
        conversion: 0.0008,
    },
    ChannelSpec {
        channel: Channel::Email,
        sessions: 620.0,
        week: [1.15, 1.12, 1.10, 1.10, 1.05, 0.60, 0.88],
        engaged: 0.76,
        pages: 2.4,
        seconds: 135.0,
        new_users: 0.05,
        conversion: 0.005,
    },
    ChannelSpec {
        channel: Channel::PaidSocial,
        sessions: 1_500.0,
        week: [1.0; 7],
        engaged: 0.33,
        pages: 1.15,
        seconds: 32.0,
        new_users: 0.72,
        conversion: 0.0035,
    },
];

/// The web counts in snapshot order.
const FIELDS: [&str; 6] = [
    "sessions",
    "engaged_sessions",
    "pageviews",
    "engagement_seconds",
    "new_users",
    "conversions",
];

/// Share of a day's social link clicks that arrive as sessions (the rest bounce before the
/// page loads or are blocked from tracking).
const CLICK_TO_SESSION: f64 = 0.78;

/// Writes the `web` array. `clicks` are each account's link clicks per day.
pub fn write(
    seed: u64,
    posts: usize,
    days: &[DayInfo],
    clicks: &[[f64; 5]],
    out: &mut impl Write,
) -> io::Result<()> {
    let mut rng = Rng::stream(seed, 3);
    // Its own stream: the parts by source leave every channel row as it was.
    let mut parts_rng = Rng::stream(seed, 4);
    let rate = posts as f64 / days.len().max(1) as f64;
    let scale = (rate / DEMO_POSTS_PER_DAY).max(0.05);
    let mut array = Array::open(out, "web")?;
    let mut r = Record::default();
    for (d, day) in days.iter().enumerate() {
        let t = d as f64 / days.len() as f64;
        for spec in &CHANNELS {
            let rhythm = spec.week[day.weekday] * day.audience;
            let sessions = match spec.channel {
                // Loyal readers grow slowly over the window.
                Channel::Direct => {
                    spec.sessions * scale * rhythm * (0.9 + 0.2 * t) * rng.spread(2, 0.06)
                }
                Channel::OrganicSocial => {
                    let all: f64 = clicks[d].iter().sum();
                    (CLICK_TO_SESSION * all + spec.sessions * scale * rhythm) * rng.spread(1, 0.05)
                }
                Channel::PaidSocial if day.campaign.is_none() => continue,
                Channel::PaidSocial => spec.sessions * scale * rng.spread(2, 0.15),
                _ => spec.sessions * scale * rhythm * rng.spread(2, 0.08),
            };
            let sessions = round(sessions).max(1);
            let s = sessions as f64;
            let engaged = round(s * spec.engaged * rng.spread(1, 0.05)).min(sessions);
            let pageviews = round(s * spec.pages * rng.spread(1, 0.05)).max(sessions);
            let seconds = round(s * spec.seconds * rng.spread(1, 0.08));
            let new_users = round(s * spec.new_users * rng.spread(1, 0.06)).min(sessions);
            let expected = s * spec.conversion * rng.spread(1, 0.3);
            let conversions = rng.round(expected);
            r.begin();
            r.str("date", &day.date);
            r.str("channel", spec.channel.name());
            r.num("sessions", sessions);
            r.num("engaged_sessions", engaged);
            r.num("pageviews", pageviews);
            r.num("engagement_seconds", seconds);
            r.num("new_users", new_users);
            r.num("conversions", conversions);
            r.end();
            array.push(out, &r)?;
            if spec.channel == Channel::OrganicSocial {
                let total = [
                    sessions,
                    engaged,
                    pageviews,
                    seconds,
                    new_users,
                    conversions,
                ];
                let base = spec.sessions * scale * rhythm;
                for part in web_sources::split(&mut parts_rng, total, &clicks[d], base) {
                    r.begin();
                    r.str("date", &day.date);
                    r.str("channel", spec.channel.name());
                    r.str("source", part.platform.name());
                    for (name, v) in FIELDS.iter().zip(part.counts) {
                        r.num(name, v);
                    }
                    r.end();
                    array.push(out, &r)?;
                }
            }
        }
    }
    array.close(out)
}
