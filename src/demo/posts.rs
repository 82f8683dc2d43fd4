//! The posts: how many each account publishes each day, when, what kind, and their
//! lifetime counts as of the export.
//!
//! Posts are written as they are made, day by day in time order, so a million of them
//! never sit in memory; what the daily and web rows need is summed per account and day on
//! the way ([`DayAgg`]).

use std::io::{self, Write};

use super::accounts::{Cutovers, FB, IG, PROFILES, X, YT};
use super::counts;
use super::ids;
use super::plan::Plan;
use super::rng::Rng;
use super::season::{self, DayInfo, Occasion};
use super::texts::{self, Kind, Lang, TextSpec};
use super::words::{self, TOPICS};
use crate::snapshot::model::PostFormat;
use crate::snapshot::write::{Array, Record};

/// What one account did on one day, for the daily and web rows.
#[derive(Clone, Copy, Debug, Default)]
pub struct DayAgg {
    pub posts: u32,
    pub interactions: f64,
    /// Reach (Facebook, Instagram), impressions (X) or views (YouTube, TikTok) of the posts.
    pub audience: f64,
    /// Link clicks on the posts.
    pub clicks: f64,
}

/// Kinds of non-promo posts and their weights.
const KINDS: [(Kind, u32); 6] = [
    (Kind::News, 54),
    (Kind::Breaking, 9),
    (Kind::Question, 9),
    (Kind::Explainer, 11),
    (Kind::Local, 10),
    (Kind::Tips, 7),
];

/// Share of promo posts outside and during a subscription campaign.
const PROMO: (f64, f64) = (0.10, 0.28);
const ENGLISH: f64 = 0.15;

/// One post of the day being written: when, on which account, and whether it goes viral.
#[derive(Clone, Copy)]
struct Slot {
    second: u32,
    account: usize,
    viral: bool,
}

pub struct PostWriter<'a> {
    plan: &'a Plan,
    rng: Rng,
    cut: Cutovers,
    seq: [u64; 5],
    text: String,
    slug: String,
    url: String,
    id: String,
    record: Record,
}

impl<'a> PostWriter<'a> {
    pub fn new(plan: &'a Plan, seed: u64) -> Self {
        PostWriter {
            plan,
            rng: Rng::stream(seed, 1),
            cut: Cutovers::default(),
            seq: [0; 5],
            text: String::new(),
            slug: String::new(),
            url: String::new(),
            id: String::new(),
            record: Record::default(),
        }
    }

    /// Writes the `posts` array for `target` posts over `days`, returning per day and
    /// account what the other sections need.
    pub fn write(
        mut self,
        target: usize,
        days: &[DayInfo],
        out: &mut impl Write,
    ) -> io::Result<Vec<[DayAgg; 5]>> {
        let per_day = self.daily_counts(target, days);
        let mut aggs = vec![[DayAgg::default(); 5]; days.len()];
        let mut array = Array::open(out, "posts")?;
        let mut slots: Vec<Slot> = Vec::new();
        for (d, day) in days.iter().enumerate() {
            slots.clear();
            for (a, row) in per_day.iter().enumerate() {
                let first = slots.len();
                for _ in 0..row[d] {
                    let hour = self.rng.weighted(season::hour_weights(day)) as u32;
                    let second = hour * 3600 + self.rng.below(3600) as u32;
                    slots.push(Slot {
                        second,
                        account: a,
                        viral: false,
                    });
                }
                if self.plan.viral(a, d).is_some() && slots.len() > first {
                    // The evening post travels: pick the account's latest post of the day.
                    let latest = (first..slots.len())
                        .max_by_key(|&i| slots[i].second)
                        .unwrap_or(first);
                    slots[latest].viral = true;
                }
            }
            slots.sort_by_key(|s| (s.second, s.account));
            for slot in &slots {
                let agg = &mut aggs[d][slot.account];
                self.post(d, day, *slot, agg);
                array.push(out, &self.record)?;
            }
        }
        array.close(out)?;
        Ok(aggs)
    }

    /// Posts per account and day: the account's share of `target`, spread over the days by
    /// their volume, with noise, and rounded by carrying the remainder so that the total
    /// stays close to the target.
    fn daily_counts(&mut self, target: usize, days: &[DayInfo]) -> Vec<Vec<u32>> {
        let n = days.len();
        PROFILES
            .iter()
            .enumerate()
            .map(|(a, p)| {
                let weights: Vec<f64> = (0..n)
                    .map(|d| {
                        if self.plan.quiet(a, d) {
                            return 0.0;
                        }
                        let t = d as f64 / n.max(1) as f64;
                        days[d].volume * (p.trend.0 + (p.trend.1 - p.trend.0) * t)
                    })
                    .collect();
                let total: f64 = weights.iter().sum();
                let per_weight = if total > 0.0 {
                    target as f64 * p.share / total
                } else {
                    0.0
                };
                let mut carry = 0.0;
                (0..n)
                    .map(|d| {
                        carry += weights[d] * per_weight * self.rng.range(0.55, 1.45);
                        let mut count = carry as u32;
                        carry -= f64::from(count);
                        if self.plan.viral(a, d).is_some() && count == 0 && !self.plan.quiet(a, d) {
                            count = 1;
                            carry -= 1.0;
                        }
                        count
                    })
                    .collect()
            })
            .collect()
    }

    fn post(&mut self, d: usize, day: &DayInfo, slot: Slot, agg: &mut DayAgg) {
        let a = slot.account;
        let p = &PROFILES[a];
        let viral = if slot.viral {
            self.plan.viral(a, d).cloned()
        } else {
            None
        };
        let rng = &mut self.rng;
        self.seq[a] += 1;
        let seq = self.seq[a];

        let promo = if day.campaign.is_some() {
            PROMO.1
        } else {
            PROMO.0
        };
        let kind = if viral.is_some() {
            Kind::Local
        } else if rng.chance(promo) {
            Kind::Promo
        } else {
            KINDS[rng.weighted(&KINDS.map(|k| k.1))].0
        };
        let format = pick_format(rng, a, kind, viral.is_some());
        let lang = if rng.chance(ENGLISH) {
            Lang::En
        } else {
            Lang::Id
        };
        let topic = if kind == Kind::Local {
            words::GAYA_HIDUP
        } else {
            pick_topic(rng, day)
        };
        texts::compose(
            rng,
            &TextSpec {
                kind,
                lang,
                topic,
                format,
                day,
            },
            &mut self.text,
            &mut self.slug,
        );

        let shape = counts::Shape {
            account: a,
            format,
            kind,
            day,
            hour: (slot.second / 3600) as usize,
            age: self.plan.days - 1 - d,
            viral: viral.as_ref(),
        };
        let c = counts::numbers(rng, &self.cut, &shape);

        agg.posts += 1;
        agg.interactions += c.interactions() as f64;
        agg.audience += c.audience as f64;
        agg.clicks += c.clicks.unwrap_or(0) as f64;

        let at = ids::Post {
            account: a,
            seq,
            day,
            second: slot.second,
            promo: kind == Kind::Promo,
            format,
            topic,
        };
        ids::id_and_url(&mut self.rng, &at, &self.slug, &mut self.id, &mut self.url);
        let r = &mut self.record;
        r.begin();
        r.str("id", &self.id);
        r.str("account", p.id);
        r.str("published_at", &ids::published_at(day, slot.second));
        r.str("format", format.name());
        r.str("text", &self.text);
        match (kind, kind.tag()) {
            (Kind::Promo, Some(tag)) => r.strs("tags", [tag]),
            (_, Some(tag)) => r.strs("tags", [TOPICS[topic].tag, tag]),
            (_, None) => r.strs("tags", [TOPICS[topic].tag]),
        }
        r.str("url", &self.url);
        r.num("likes", c.likes);
        r.opt("comments", c.comments);
        r.opt("shares", c.shares);
        r.opt("saves", c.saves);
        r.opt("reach", c.reach);
        r.opt("impressions", c.impressions);
        r.opt("views", c.views);
        r.opt("clicks", c.clicks);
        r.opt("video_views", c.video_views);
        r.opt("engagements", c.engagements);
        r.end();
    }
}

fn pick_format(rng: &mut Rng, a: usize, kind: Kind, viral: bool) -> PostFormat {
    if viral {
        return match a {
            IG => PostFormat::Reel,
            YT => PostFormat::Short,
            _ => PostFormat::Video,
        };
    }
    if kind == Kind::Promo && (a == FB || a == X) && rng.chance(0.65) {
        return PostFormat::Link;
    }
    if kind == Kind::Explainer && a == IG && rng.chance(0.6) {
        return PostFormat::Carousel;
    }
    let formats = PROFILES[a].formats;
    let mut weights = [0u32; 8];
    for (w, f) in weights.iter_mut().zip(formats) {
        *w = f.1;
    }
    formats[rng.weighted(&weights[..formats.len()])].0
}

/// A topic, with the season's bias: weather in the rainy months, politics around elections,
/// lifestyle during Ramadan and the holidays, sport around Independence Day.
fn pick_topic(rng: &mut Rng, day: &DayInfo) -> usize {
    let mut weights = [0u32; 8];
    for (w, t) in weights.iter_mut().zip(TOPICS) {
        *w = t.weight * 4;
    }
    if matches!(day.month, 11 | 12 | 1 | 2 | 3) {
        weights[words::CUACA] *= 2;
    }
    match day.occasion {
        Some(Occasion::Election) => weights[words::POLITIK] *= 3,
        Some(Occasion::Ramadan | Occasion::Lebaran | Occasion::YearEnd) => {
            weights[words::GAYA_HIDUP] *= 2
        }
        Some(Occasion::Independence) => weights[words::OLAHRAGA] *= 2,
        _ => {}
    }
    rng.weighted(&weights[..TOPICS.len()])
}
