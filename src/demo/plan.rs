//! The demo's window and its planted events: the unexplained follower jump, the export
//! outage (a short gap in daily rows) and the viral posts.
//!
//! Each event is placed once, before anything is generated, so that the post, daily and
//! web generators agree about it (no Instagram post around the jump, no viral post near it
//! to explain it away). The bundled demo puts them on fixed, documented dates; a window
//! that does not contain a date (the load bench's longer or shorter ones) places the event
//! at a proportional position instead, so every window of a reasonable length has them.

use super::DemoSpec;
use super::accounts::{FB, IG, TT, X, YT};
use super::rng::Rng;
use crate::calendar::{Day, days_from_civil};

/// The last day with data: the eve of the export (2026-11-01T06:00:00+07:00).
pub fn last_day() -> Day {
    days_from_civil(2026, 10, 31)
}

/// Followers bought overnight: a round gain with no post, interactions or reach behind it,
/// then a slow loss as the platform purges them.
#[derive(Clone, Debug)]
pub struct Jump {
    pub account: usize,
    /// Day index in the window.
    pub day: usize,
    /// The day's whole follower gain.
    pub gain: u64,
    /// Extra unfollows spread over the following `churn_days`, front-loaded.
    pub churn: u64,
    pub churn_days: usize,
}

impl Jump {
    /// Extra unfollows on day index `day` (0 outside the churn period). The share of day k
    /// (1-based) is proportional to `churn_days + 1 - k`, rounded so that the total is exact.
    pub fn churn_on(&self, day: usize) -> u64 {
        if day <= self.day || day > self.day + self.churn_days {
            return 0;
        }
        let n = self.churn_days as u64;
        let total = n * (n + 1) / 2;
        let cumulative = |k: u64| {
            // Weights n, n-1, ..., n+1-k: their sum is k*n - k*(k-1)/2.
            self.churn * (k * n - k * (k.saturating_sub(1)) / 2) / total
        };
        let k = (day - self.day) as u64;
        cumulative(k) - cumulative(k - 1)
    }
}

/// Days without a daily row on one account (an export outage).
#[derive(Clone, Debug)]
pub struct Gap {
    pub account: usize,
    pub first: usize,
    pub len: usize,
}

/// A post that travels far beyond the account's audience.
#[derive(Clone, Debug)]
pub struct Viral {
    pub account: usize,
    pub day: usize,
    /// Audience as a multiple of a typical post's, and interactions per person reached.
    pub reach: f64,
    pub engagement: f64,
}

#[derive(Clone, Debug)]
pub struct Plan {
    pub start: Day,
    pub days: usize,
    pub jump: Option<Jump>,
    pub gap: Option<Gap>,
    pub virals: Vec<Viral>,
}

/// Which account each viral post is on, in order.
const VIRAL_ACCOUNTS: [usize; 7] = [TT, IG, FB, X, TT, YT, IG];

impl Plan {
    pub fn new(spec: &DemoSpec) -> Plan {
        let days = spec.days as usize;
        let end = last_day();
        let start = end - spec.days as Day + 1;
        let index = |d: Day| usize::try_from(d - start).ok().filter(|&i| i < days);
        let mut rng = Rng::stream(spec.seed, 0x9_1A);

        let jump = if days >= 62 {
            let fallback = (days * 3 / 5).clamp(29, days - 32);
            let day = index(days_from_civil(2026, 3, 14)).filter(|&i| i >= 29 && i + 32 <= days);
            Some(Jump {
                account: IG,
                day: day.unwrap_or(fallback),
                gain: 5_000,
                churn: 4_300,
                churn_days: 28,
            })
        } else {
            None
        };

        let gap = if days >= 10 {
            let day = index(days_from_civil(2025, 9, 9)).filter(|&i| i >= 1 && i + 4 <= days);
            Some(Gap {
                account: TT,
                first: day.unwrap_or(days / 4),
                len: 3,
            })
        } else {
            None
        };

        let mut virals: Vec<Viral> = Vec::new();
        if days >= 60 {
            for &account in &VIRAL_ACCOUNTS {
                for _ in 0..200 {
                    let day = 14 + rng.below(days - 28);
                    let near = |other: usize, span: usize| day.abs_diff(other) <= span;
                    let clash = virals.iter().any(|v| near(v.day, 21))
                        || jump.as_ref().is_some_and(|j| {
                            near(j.day, 7)
                                || (account == j.account && day + 10 >= j.day && day <= j.day + 40)
                        })
                        || gap
                            .as_ref()
                            .is_some_and(|g| account == g.account && near(g.first + 1, 4));
                    if !clash {
                        virals.push(Viral {
                            account,
                            day,
                            reach: rng.range(10.0, 24.0),
                            engagement: rng.range(1.0, 1.4),
                        });
                        break;
                    }
                }
            }
        }
        Plan {
            start,
            days,
            jump,
            gap,
            virals,
        }
    }

    pub fn viral(&self, account: usize, day: usize) -> Option<&Viral> {
        self.virals
            .iter()
            .find(|v| v.account == account && v.day == day)
    }

    /// No posts on the jumping account the day of the jump and the day before.
    pub fn quiet(&self, account: usize, day: usize) -> bool {
        self.jump
            .as_ref()
            .is_some_and(|j| j.account == account && (day == j.day || day + 1 == j.day))
    }

    pub fn in_gap(&self, account: usize, day: usize) -> bool {
        self.gap
            .as_ref()
            .is_some_and(|g| g.account == account && day >= g.first && day < g.first + g.len)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_window_and_dates() {
        let plan = Plan::new(&DemoSpec::default());
        assert_eq!(crate::calendar::format_date(plan.start), "2024-11-01");
        let jump = plan.jump.clone().unwrap_or_else(|| panic!("a jump"));
        assert_eq!(
            crate::calendar::format_date(plan.start + jump.day as Day),
            "2026-03-14"
        );
        let total: u64 = (0..plan.days).map(|d| jump.churn_on(d)).sum();
        assert_eq!(total, jump.churn);
        assert!(jump.churn_on(jump.day + 1) > jump.churn_on(jump.day + 20));
        assert_eq!(plan.virals.len(), 7);
        for days in [30, 62, 100, 400, 1095, 3000] {
            let p = Plan::new(&DemoSpec {
                days,
                ..DemoSpec::default()
            });
            if let Some(j) = &p.jump {
                assert!(j.day >= 29 && j.day + 32 <= p.days, "{days}");
            }
            if let Some(g) = &p.gap {
                assert!(g.first >= 1 && g.first + g.len < p.days, "{days}");
            }
        }
    }
}
