//! Follower jumps: "engagement, not followers". A daily series alone cannot prove a purchase,
//! so this lens says "unexplained follower jump", shows the evidence, and names the innocent
//! causes it looked for (measurement.md section 4).
//!
//! * The day's gain: the change in followers when that day and the day before are both known,
//!   else follows minus unfollows, else follows. A change over missing days is not a day's
//!   gain.
//! * A jump: a gain whose robust z against the gains of the 28 days before (at least 14 known;
//!   MAD 0: not judged) is above 3.5, and that is material: at least 0.25% of the day before's
//!   followers when that count is known.
//! * Explained when the same day or the day before shows a matching rise: a robust z of 3.5 or
//!   more of impressions, reach, views, interactions or profile visits against their own 28
//!   days before (at least 14 known), or (looked for when no rise explains it) a breakout
//!   post by ER by followers. Else unexplained,
//!   with the evidence: a round number, follows against the count's change, no posts that day
//!   or the day before, churn over the next 7-30 days, ER by followers 14 days after vs before.

use super::breakouts::breakout_on;
use super::stats::robust_z;
use crate::calendar::{Day, format_date};
use crate::i18n::Msg;
use crate::measure::prepare::INTERACTIONS;
use crate::measure::{Prepared, Segment, Who, Window, metric};
use crate::snapshot::model::DailyCount;

/// `v` with `places` decimals and the decimal mark of the language shown.
pub(crate) fn decimal(v: f64, places: usize) -> String {
    crate::text::decimal_mark(format!("{v:.places$}"))
}

/// Days of the baseline a gain (or a rise) is judged against.
pub const PAST_DAYS: i32 = 28;
/// Known days the baseline needs.
pub const MIN_PAST: usize = 14;
/// Robust z above which a gain is a jump (and from which a rise explains it).
pub const Z: f64 = 3.5;
/// A jump is material from this share of the day before's followers.
pub const MATERIAL: f64 = 0.0025;

/// A follower jump, explained or not.
#[derive(Clone, Debug, PartialEq)]
pub struct Jump {
    pub account: String,
    pub day: Day,
    pub gain: i64,
    pub z: f64,
    pub unexplained: bool,
    /// What explains it (empty when unexplained).
    pub explained_by: Vec<Msg>,
    /// What an analyst weighs for an unexplained jump.
    pub evidence: Vec<Msg>,
}

/// An account's daily value of a field, or its posts' interactions that day.
enum Series {
    Daily(DailyCount),
    Interactions,
}

impl Series {
    fn name(&self) -> &'static str {
        match self {
            Series::Daily(c) => c.name(),
            Series::Interactions => "interactions",
        }
    }

    fn value(&self, prepared: &Prepared, a: usize, day: Day) -> Option<f64> {
        match self {
            Series::Daily(c) => prepared.daily[a].get(*c, day).map(|v| v as f64),
            Series::Interactions => {
                let days = &prepared.by_day[a];
                let i = days.binary_search_by_key(&day, |(d, _)| *d).ok()?;
                let agg = &days[i].1;
                (agg.known[INTERACTIONS] > 0).then(|| agg.sum[INTERACTIONS] as f64)
            }
        }
    }
}

/// Posts of account `a` on `day`.
fn posts_on(prepared: &Prepared, a: usize, day: Day) -> u32 {
    let days = &prepared.by_day[a];
    days.binary_search_by_key(&day, |(d, _)| *d)
        .map_or(0, |i| days[i].1.posts)
}

/// The day's gain of account `a`.
pub fn gain(prepared: &Prepared, a: usize, day: Day) -> Option<i64> {
    let s = &prepared.daily[a];
    let f = |d: Day| s.get(DailyCount::Followers, d).map(|v| v as i64);
    if let (Some(today), Some(before)) = (f(day), f(day - 1)) {
        return Some(today - before);
    }
    let follows = s.get(DailyCount::Follows, day).map(|v| v as i64);
    let unfollows = s.get(DailyCount::Unfollows, day).map(|v| v as i64);
    match (follows, unfollows) {
        (Some(f), Some(u)) => Some(f - u),
        (Some(f), None) => Some(f),
        _ => None,
    }
}

/// `value(day)`'s robust z against the known values of the 28 days before, with 14 known.
fn z_against_past(value: impl Fn(Day) -> Option<f64>, day: Day) -> Option<f64> {
    let x = value(day)?;
    let past: Vec<f64> = (1..=PAST_DAYS).filter_map(|k| value(day - k)).collect();
    if past.len() < MIN_PAST {
        return None;
    }
    robust_z(x, &past)
}

/// A gain within 2% of a multiple of 500.
fn round_number(gain: i64) -> bool {
    let g = gain.abs() as f64;
    let nearest = (g / 500.0).round() * 500.0;
    nearest > 0.0 && (g - nearest).abs() <= 0.02 * g
}

/// The jumps of the window, per account of the segment, in date order.
pub fn jumps(prepared: &Prepared, window: Window, segment: &Segment) -> Vec<Jump> {
    let ctx = crate::measure::Ctx::new(prepared, segment);
    let accounts: Vec<usize> = ctx.accounts(Who::All).collect();
    // A breakout post by ER by followers on a jump's day, looked for when no rise explains
    // the jump (one account's 91 days of posts, where a rise needs only daily rows).
    let breakout = |a: usize, day: Day| -> bool {
        metric("er_followers").is_some_and(|m| breakout_on(prepared, m, a, day, segment))
    };
    let rises = [
        Series::Daily(DailyCount::Impressions),
        Series::Daily(DailyCount::Reach),
        Series::Daily(DailyCount::Views),
        Series::Interactions,
        Series::Daily(DailyCount::ProfileVisits),
    ];
    let mut out = Vec::new();
    for a in accounts {
        let s = &prepared.daily[a];
        let followers = |d: Day| s.get(DailyCount::Followers, d);
        // Only the days with a row can have a gain: the work follows the rows, not the
        // calendar (rows centuries apart are two days, not 36,500).
        for day in s.slots.range(window).map(|i| s.slots.day(i)) {
            let Some(g) = gain(prepared, a, day) else {
                continue;
            };
            let Some(z) = z_against_past(|d| gain(prepared, a, d).map(|v| v as f64), day) else {
                continue;
            };
            let material = followers(day - 1).is_none_or(|f| g as f64 >= MATERIAL * f as f64);
            if z <= Z || !material {
                continue;
            }
            let mut explained_by = Vec::new();
            for d in [day, day - 1] {
                for series in &rises {
                    if let Some(rz) = z_against_past(|x| series.value(prepared, a, x), d)
                        && rz >= Z
                    {
                        let what = series.name();
                        explained_by.push(
                            Msg::new("lens.rose_on")
                                .later("what", move || {
                                    crate::i18n::domain_word("field", what, what).to_owned()
                                })
                                .arg("date", format_date(d))
                                .later("z", move || decimal(rz, 1)),
                        );
                    }
                }
            }
            if explained_by.is_empty() {
                for d in [day, day - 1] {
                    if breakout(a, d) {
                        explained_by
                            .push(Msg::new("lens.breakout_post_on").arg("date", format_date(d)));
                    }
                }
            }
            let unexplained = explained_by.is_empty();
            let evidence = if unexplained {
                evidence(prepared, a, day, g)
            } else {
                Vec::new()
            };
            out.push(Jump {
                account: prepared.account_ids[a].clone(),
                day,
                gain: g,
                z,
                unexplained,
                explained_by,
                evidence,
            });
        }
    }
    out.sort_by_key(|j| (j.day, j.account.clone()));
    out
}

/// What an analyst weighs for an unexplained jump.
fn evidence(prepared: &Prepared, a: usize, day: Day, g: i64) -> Vec<Msg> {
    let s = &prepared.daily[a];
    let mut out = Vec::new();
    if round_number(g) {
        out.push(Msg::new("lens.round_number").arg("gain", g.unsigned_abs()));
    }
    if let Some(f) = s.get(DailyCount::Follows, day) {
        out.push(
            Msg::new("lens.follows_that_day")
                .arg("follows", f)
                .arg("gain", g.unsigned_abs()),
        );
    }
    let posts = posts_on(prepared, a, day) + posts_on(prepared, a, day - 1);
    if posts == 0 {
        out.push(Msg::new("lens.no_post_that_day"));
    }
    // Churn: the lowest count of the next 7-30 days below the day's.
    if let Some(now) = s.get(DailyCount::Followers, day) {
        let low = (7..=30)
            .filter_map(|k| s.get(DailyCount::Followers, day + k))
            .min();
        if let Some(low) = low.filter(|l| *l < now) {
            let lost = now - low;
            let share = lost as f64 / g.max(1) as f64 * 100.0;
            out.push(
                Msg::new("lens.churn")
                    .arg("lost", lost)
                    .later("pct", move || decimal(share, 0)),
            );
        }
    }
    // ER by followers, the 14 days after against the 14 days before.
    if let Some(m) = metric("er_followers") {
        let mut ctx = crate::measure::Ctx::new(prepared, &Segment::default());
        let who = Who::Account(a);
        let before = ctx
            .figure(
                m,
                Window {
                    from: day - 14,
                    to: day - 1,
                },
                who,
            )
            .value;
        let after = ctx
            .figure(
                m,
                Window {
                    from: day + 1,
                    to: day + 14,
                },
                who,
            )
            .value;
        if let (Some(b), Some(x)) = (before, after)
            && b > 0.0
        {
            out.push(
                Msg::new("lens.er_after")
                    .later("after", move || decimal(x * 100.0, 3))
                    .later("before", move || decimal(b * 100.0, 3))
                    .later("change", move || {
                        crate::text::decimal_mark(format!("{:+.0}", (x - b) / b * 100.0))
                    }),
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::round_number;

    #[test]
    fn round_numbers() {
        assert!(round_number(5_000));
        assert!(round_number(4_950), "within 2% of 5,000");
        assert!(!round_number(4_800));
        assert!(round_number(1_000));
        assert!(!round_number(312));
        assert!(!round_number(0));
    }
}
