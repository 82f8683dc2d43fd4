//! Daily account statistics: followers and their day-to-day changes, account reach,
//! impressions or views, profile visits and link clicks.
//!
//! Followers move by follows minus unfollows every day: follows rise with the account's
//! engagement (relative to its own average, so a bigger feed does not mean runaway growth)
//! and unfollows are a small daily churn. The one exception is the planted jump: a round
//! overnight gain that follows and unfollows do not explain, on a day with no posts, then a
//! slow purge. The export outage leaves its days out of the file (the followers keep
//! counting through it).

use std::io::{self, Write};

use super::accounts::{Cutovers, FB, IG, PROFILES, TT, X, YT};
use super::counts::round;
use super::plan::Plan;
use super::posts::DayAgg;
use super::rng::Rng;
use super::season::DayInfo;
use crate::snapshot::write::{Array, Record};

/// One daily row; `None` is "not reported by this platform" (written `null`).
#[derive(Clone, Copy, Debug, Default)]
struct Row {
    followers: u64,
    follows: u64,
    unfollows: u64,
    reach: Option<u64>,
    impressions: Option<u64>,
    views: Option<u64>,
    profile_visits: Option<u64>,
    link_clicks: Option<u64>,
    posts: u64,
}

/// Writes the `daily` array (date by date, account by account) and returns, per day, each
/// account's link clicks: the web's social sessions follow them.
pub fn write(
    plan: &Plan,
    seed: u64,
    days: &[DayInfo],
    aggs: &[[DayAgg; 5]],
    out: &mut impl Write,
) -> io::Result<Vec<[f64; 5]>> {
    let mut rng = Rng::stream(seed, 2);
    let cut = Cutovers::default();
    let series: Vec<Vec<Row>> = (0..PROFILES.len())
        .map(|a| account_series(plan, &cut, &mut rng, a, days, aggs))
        .collect();
    let clicks = (0..days.len())
        .map(|d| {
            std::array::from_fn(|a| {
                series
                    .get(a)
                    .map_or(0.0, |s| s[d].link_clicks.unwrap_or(0) as f64)
            })
        })
        .collect();

    let mut array = Array::open(out, "daily")?;
    let mut r = Record::default();
    for (d, day) in days.iter().enumerate() {
        for (a, rows) in series.iter().enumerate() {
            if plan.in_gap(a, d) {
                continue;
            }
            let row = &rows[d];
            r.begin();
            r.str("account", PROFILES[a].id);
            r.str("date", &day.date);
            r.num("followers", row.followers);
            r.num("follows", row.follows);
            r.num("unfollows", row.unfollows);
            r.nullable("reach", row.reach);
            r.nullable("impressions", row.impressions);
            r.nullable("views", row.views);
            r.nullable("profile_visits", row.profile_visits);
            r.nullable("link_clicks", row.link_clicks);
            r.num("posts", row.posts);
            r.end();
            array.push(out, &r)?;
        }
    }
    array.close(out)?;
    Ok(clicks)
}

/// A post's audience keeps arriving for a few days; these shares land on day 0, 1, 2, 3.
const CARRY: [f64; 4] = [0.55, 0.18, 0.07, 0.03];

fn carried(aggs: &[[DayAgg; 5]], a: usize, d: usize, f: impl Fn(&DayAgg) -> f64) -> f64 {
    CARRY
        .iter()
        .enumerate()
        .filter(|(k, _)| *k <= d)
        .map(|(k, share)| share * f(&aggs[d - k][a]))
        .sum()
}

fn account_series(
    plan: &Plan,
    cut: &Cutovers,
    rng: &mut Rng,
    a: usize,
    days: &[DayInfo],
    aggs: &[[DayAgg; 5]],
) -> Vec<Row> {
    let p = &PROFILES[a];
    let n = days.len();
    // Engagement of a day and the day before, relative to the account's average.
    let pull: Vec<f64> = (0..n)
        .map(|d| {
            aggs[d][a].interactions
                + if d > 0 {
                    0.3 * aggs[d - 1][a].interactions
                } else {
                    0.0
                }
        })
        .collect();
    let mean = pull.iter().sum::<f64>() / n.max(1) as f64;
    let jump = plan.jump.as_ref().filter(|j| j.account == a);

    let mut followers = (p.followers_end - p.net_per_day * n as f64) as u64;
    let mut rows = Vec::with_capacity(n);
    for (d, day) in days.iter().enumerate() {
        let ratio = if mean > 0.0 {
            (pull[d] / mean).min(6.0)
        } else {
            1.0
        };
        let churn = followers as f64 * p.churn;
        let follows = round(
            (churn + p.net_per_day) * day.audience * (0.7 + 0.3 * ratio) * rng.spread(1, 0.15),
        );
        let purge = jump.map_or(0, |j| j.churn_on(d));
        let unfollows = (round(churn * rng.spread(1, 0.15)) + purge).min(followers + follows);
        followers = match jump {
            Some(j) if j.day == d => followers + j.gain,
            _ => followers + follows - unfollows,
        };

        let f = followers as f64;
        let base = |rate: f64, rng: &mut Rng| f * rate * day.audience * rng.spread(1, 0.1);
        let posts_audience = carried(aggs, a, d, |g| g.audience);
        let posts_clicks = 0.85 * aggs[d][a].clicks
            + if d > 0 {
                0.12 * aggs[d - 1][a].clicks
            } else {
                0.0
            };
        let mut row = Row {
            followers,
            follows,
            unfollows,
            posts: u64::from(aggs[d][a].posts),
            ..Row::default()
        };
        match a {
            FB | IG => {
                let reach = base(if a == FB { 0.008 } else { 0.02 }, rng) + posts_audience;
                row.reach = Some(round(reach));
                if cut.meta_views(a, day.day) {
                    row.views = Some(round(reach * rng.range(1.7, 2.3)));
                } else {
                    row.impressions = Some(round(reach * rng.range(1.25, 1.5)));
                }
                let visits = reach
                    * if a == FB {
                        rng.range(0.003, 0.005)
                    } else {
                        rng.range(0.01, 0.014)
                    };
                row.profile_visits = Some(round(visits));
                row.link_clicks = Some(if a == FB {
                    round(posts_clicks + base(0.000_04, rng))
                } else {
                    round(visits * rng.range(0.05, 0.08))
                });
            }
            X => {
                let impressions = base(0.005, rng) + posts_audience;
                row.impressions = Some(round(impressions));
                row.profile_visits = Some(round(impressions * rng.range(0.0012, 0.002)));
                row.link_clicks = Some(round(posts_clicks));
            }
            YT => {
                // Most YouTube views go to the back catalogue, not to the day's uploads.
                let views = base(0.02, rng) + posts_audience;
                row.views = Some(round(views));
                row.impressions = Some(round(views * rng.range(7.0, 11.0)));
            }
            _ => {
                debug_assert_eq!(a, TT);
                let views = base(0.03, rng) + posts_audience;
                row.views = Some(round(views));
                if day.day >= cut.tt_reach {
                    row.reach = Some(round(views * rng.range(0.55, 0.75)));
                }
                row.profile_visits = Some(round(views * rng.range(0.004, 0.008)));
            }
        }
        rows.push(row);
    }
    rows
}
