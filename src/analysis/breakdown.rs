//! A metric broken down by one or two dimensions: each group's value with the catalogue's
//! aggregation (so a group of one account equals that account's figure), its counts, and for
//! per-post metrics the spread of the per-post values (mean, median, quartiles) with a 95%
//! bootstrap interval for the median; for sums, each group's share of the total (share of
//! voice when the accounts are competitors).

use std::collections::HashMap;

use super::content::Content;
use super::dims::{Dim, key_codes, key_name};
use super::stats::{SEED, median_ci95, quantile_mut};
use super::{LensError, SMALL_GROUP, is_post_metric};
use crate::measure::catalogue::{Aggregation, Metric};
use crate::measure::compute::figure_of_posts;
use crate::measure::posts::{per_post, post_metric_of};
use crate::measure::prepare::{POST_FIELDS, PostAgg};
use crate::measure::value::{Figure, Rows};
use crate::measure::{Ctx, Prepared, Segment, Who, Window};

/// The spread of a group's per-post values.
#[derive(Clone, Debug, PartialEq)]
pub struct Spread {
    /// Posts whose per-post value is known.
    pub used: u64,
    pub mean: f64,
    pub median: f64,
    pub p25: f64,
    pub p75: f64,
    /// 95% percentile-bootstrap interval of the median (2,000 resamples, fixed seed).
    pub ci95: Option<(f64, f64)>,
}

/// One group of a breakdown.
#[derive(Clone, Debug, PartialEq)]
pub struct Group {
    /// The group's key in each dimension, in the order asked.
    pub keys: Vec<(Dim, String)>,
    /// The metric over the group, with the catalogue's aggregation.
    pub figure: Figure,
    /// Posts of the group (in the window and segment).
    pub posts: u64,
    pub spread: Option<Spread>,
    /// The group's share of the total, for sums.
    pub share: Option<f64>,
    /// Fewer than 10 posts.
    pub small: bool,
}

/// A metric broken down.
#[derive(Clone, Debug, PartialEq)]
pub struct Breakdown {
    pub metric: &'static Metric,
    pub window: Window,
    pub dims: Vec<Dim>,
    pub groups: Vec<Group>,
    /// The metric over every post of the window and segment (no post counted twice).
    pub total: Figure,
}

/// The spread of `values` (finite), or none when there are none. Quartiles by selection,
/// not a sort: a group can hold a million posts.
pub fn spread(values: &[f64]) -> Option<Spread> {
    let n = values.len();
    let mut v = values.to_vec();
    let median = quantile_mut(&mut v, 0.5)?;
    Some(Spread {
        used: n as u64,
        mean: values.iter().sum::<f64>() / n as f64,
        median,
        p25: quantile_mut(&mut v, 0.25)?,
        p75: quantile_mut(&mut v, 0.75)?,
        ci95: median_ci95(values, SEED),
    })
}

/// The sums of a set of posts, as the metrics add them.
pub fn agg_of(prepared: &Prepared, rows: &[u32]) -> PostAgg {
    let posts = &prepared.store.posts;
    let mut agg = PostAgg::default();
    for &r in rows {
        let r = r as usize;
        let counts = POST_FIELDS.map(|f| posts.count(f, r));
        let followers = prepared.followers_on(posts.account[r] as usize, posts.day[r]);
        agg.add_post(&counts, followers);
    }
    agg
}

/// The metric over a set of posts in a window: the catalogue's aggregation, or for posting
/// volume the posts per week of the window.
fn figure_of(metric: &'static Metric, agg: &PostAgg, window: Window) -> Figure {
    if metric.aggregation == Aggregation::PerWeek {
        let posts = u64::from(agg.posts);
        return Figure::of(
            posts as f64 * 7.0 / window.days() as f64,
            posts,
            0,
            Rows::Posts,
        );
    }
    figure_of_posts(metric, agg)
}

/// Orders keys as people read them: numbers (weekdays, hours) by value, the rest A-Z.
fn key_order(a: &str, b: &str) -> std::cmp::Ordering {
    match (a.parse::<u32>(), b.parse::<u32>()) {
        (Ok(x), Ok(y)) => x.cmp(&y),
        _ => a.cmp(b),
    }
}

/// `metric` over `window` and `segment`, by `dims` (one or two).
pub fn breakdown(
    prepared: &Prepared,
    metric: &'static Metric,
    window: Window,
    segment: &Segment,
    dims: &[Dim],
    content: &Content,
) -> Result<Breakdown, LensError> {
    if dims.is_empty() || dims.len() > 2 {
        return Err(LensError::Dimensions);
    }
    if dims.contains(&Dim::Source) {
        if dims.len() > 1 {
            return Err(LensError::Dimensions);
        }
        return Ok(super::sources::by_source(prepared, metric, window, segment).breakdown());
    }
    // Visits by source belong to platforms: they break down by account or platform (each
    // platform's visits); other website metrics have no account.
    if metric.scope == crate::measure::catalogue::Scope::Web
        && !crate::measure::sources::is_source_metric(metric.id)
    {
        return Err(LensError::Website {
            metric: metric.id,
            dim: dims[0].name(),
        });
    }
    let by_posts = is_post_metric(metric) && metric.aggregation != Aggregation::MeanOfDayRatios;
    if !by_posts {
        if let Some(d) = dims.iter().find(|d| !d.of_accounts()) {
            return Err(LensError::NotPerPost {
                metric: metric.id,
                dim: d.name(),
            });
        }
        return Ok(by_accounts(prepared, metric, window, segment, dims));
    }
    let rows = prepared.query_posts(window, segment, "");
    let posts = &prepared.store.posts;
    let per_post_values = per_post(metric);
    // One pass: each post's sums go to the total and to every group it is in (several tags:
    // several groups), its per-post value to those groups' values.
    struct Acc {
        codes: [u32; 2],
        agg: PostAgg,
        posts: u64,
        values: Vec<f64>,
    }
    let mut index: HashMap<[u32; 2], usize> = HashMap::new();
    let mut accs: Vec<Acc> = Vec::new();
    let mut total = PostAgg::default();
    let (mut first, mut second) = (Vec::new(), Vec::new());
    for &r in &rows {
        let r = r as usize;
        let counts = POST_FIELDS.map(|f| posts.count(f, r));
        let followers = prepared.followers_on(posts.account[r] as usize, posts.day[r]);
        total.add_post(&counts, followers);
        let value = if per_post_values {
            post_metric_of(metric, &counts, || followers)
        } else {
            None
        };
        first.clear();
        second.clear();
        key_codes(prepared, content, dims[0], r, &mut first);
        match dims.get(1) {
            Some(d) => key_codes(prepared, content, *d, r, &mut second),
            None => second.push(0),
        }
        for &x in &first {
            for &y in &second {
                let i = *index.entry([x, y]).or_insert_with(|| {
                    accs.push(Acc {
                        codes: [x, y],
                        agg: PostAgg::default(),
                        posts: 0,
                        values: Vec::new(),
                    });
                    accs.len() - 1
                });
                let acc = &mut accs[i];
                acc.agg.add_post(&counts, followers);
                acc.posts += 1;
                if let Some(v) = value {
                    acc.values.push(v);
                }
            }
        }
    }
    let total = figure_of(metric, &total, window);
    let mut out: Vec<Group> = accs
        .into_iter()
        .map(|acc| {
            let figure = figure_of(metric, &acc.agg, window);
            let spread = per_post_values.then(|| spread(&acc.values)).flatten();
            let share = (metric.aggregation == Aggregation::Sum)
                .then(|| figure.value.zip(total.value))
                .flatten()
                .and_then(|(v, t)| (t != 0.0).then_some(v / t));
            Group {
                keys: dims
                    .iter()
                    .zip(acc.codes)
                    .map(|(d, c)| (*d, key_name(prepared, *d, c)))
                    .collect(),
                figure,
                posts: acc.posts,
                spread,
                share,
                small: acc.posts < SMALL_GROUP,
            }
        })
        .collect();
    out.sort_by(|a, b| {
        a.keys
            .iter()
            .zip(&b.keys)
            .map(|((_, x), (_, y))| key_order(x, y))
            .find(|o| o.is_ne())
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    Ok(Breakdown {
        metric,
        window,
        dims: dims.to_vec(),
        groups: out,
        total,
    })
}

/// Daily, web and per-day metrics by account or platform: each group's figure as `engage
/// report` computes it for that account or platform.
fn by_accounts(
    prepared: &Prepared,
    metric: &'static Metric,
    window: Window,
    segment: &Segment,
    dims: &[Dim],
) -> Breakdown {
    let mut ctx = Ctx::new(prepared, segment);
    let accounts: Vec<usize> = ctx.accounts(Who::All).collect();
    let mut seen: Vec<Vec<String>> = Vec::new();
    let mut groups = Vec::new();
    for a in accounts {
        let key: Vec<String> = dims
            .iter()
            .map(|d| match d {
                Dim::Platform => prepared.platforms[a].name().to_owned(),
                _ => prepared.account_ids[a].clone(),
            })
            .collect();
        if seen.contains(&key) {
            continue;
        }
        seen.push(key.clone());
        // By platform alone the group is the platform's accounts together.
        let who = if dims.contains(&Dim::Account) {
            Who::Account(a)
        } else {
            Who::Platform(prepared.platforms[a])
        };
        let figure = ctx.figure(metric, window, who);
        groups.push(Group {
            keys: dims.iter().copied().zip(key).collect(),
            posts: 0,
            spread: None,
            share: None,
            small: figure.small_sample,
            figure,
        });
    }
    groups.sort_by(|a, b| {
        let k = |g: &Group| g.keys.iter().map(|(_, k)| k.clone()).collect::<Vec<_>>();
        k(a).cmp(&k(b))
    });
    let total = ctx.figure(metric, window, Who::All);
    if metric.aggregation == Aggregation::Sum
        && let Some(t) = total.value.filter(|t| *t != 0.0)
    {
        for g in &mut groups {
            g.share = g.figure.value.map(|v| v / t);
        }
    }
    Breakdown {
        metric,
        window,
        dims: dims.to_vec(),
        groups,
        total,
    }
}
