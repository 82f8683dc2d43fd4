//! Breakouts, per account, against the account's own recent past (a breakout judged against a
//! whole landscape's mean lets one viral account hide everyone else's). For a post p with a
//! per-post value r > 0, the baseline is the same account's posts published in the 90 days
//! before p (strictly before p's time) with a known value > 0 (and in the same segment: like
//! with like); with at least 20 of them, z = (ln r - median(ln b)) / (1.4826 x MAD(ln b)), and p
//! is a breakout when z >= 3.5. A MAD of 0 is not judged. Candidates are the posts of the
//! window; their baselines may reach before it.

use super::LensError;
use super::content::PostRef;
use super::stats::MAD_SCALE;
use crate::measure::posts::per_post;
use crate::measure::{Metric, Prepared, Segment, Window};

/// Days of the baseline before a post.
pub const BASELINE_DAYS: i64 = 90;
/// Baseline posts needed to judge.
pub const MIN_BASELINE: usize = 20;
/// The robust z from which a post is a breakout.
pub const Z: f64 = 3.5;

/// A post that broke out.
#[derive(Clone, Debug, PartialEq)]
pub struct Breakout {
    pub post: PostRef,
    /// The median of the baseline's values (not their logs).
    pub baseline_median: f64,
    pub baseline_posts: usize,
    pub z: f64,
    /// The post's value over the baseline median.
    pub multiple: f64,
}

/// The `k`-th smallest (0-based) of two ascending sequences given by their lengths and
/// accessors, in O(log) steps.
fn kth_of_two(
    a: &dyn Fn(usize) -> f64,
    na: usize,
    b: &dyn Fn(usize) -> f64,
    nb: usize,
    k: usize,
) -> f64 {
    // Take `t` from `a` and `k + 1 - t` from `b`: the right `t` is found by bisection.
    let (mut lo, mut hi) = ((k + 1).saturating_sub(nb), (k + 1).min(na));
    while lo < hi {
        let t = (lo + hi) / 2;
        // Too few from a when a[t] < b[k - t].
        if a(t) < b(k - t) {
            lo = t + 1;
        } else {
            hi = t;
        }
    }
    let t = lo;
    let from_a = if t > 0 { Some(a(t - 1)) } else { None };
    let from_b = if k + 1 > t { Some(b(k - t)) } else { None };
    match (from_a, from_b) {
        (Some(x), Some(y)) => x.max(y),
        (Some(x), None) => x,
        (None, Some(y)) => y,
        (None, None) => f64::NAN,
    }
}

/// Median and MAD of an ascending slice, without copying it.
pub fn median_mad_sorted(s: &[f64]) -> Option<(f64, f64)> {
    let n = s.len();
    if n == 0 {
        return None;
    }
    let median = if n % 2 == 1 {
        s[n / 2]
    } else {
        (s[n / 2 - 1] + s[n / 2]) / 2.0
    };
    // Deviations below the median, nearest first, and above it, nearest first: two ascending
    // sequences whose middle is the MAD.
    let split = s.partition_point(|x| *x < median);
    let below = |i: usize| median - s[split - 1 - i];
    let above = |i: usize| s[split + i] - median;
    let (nb, na) = (split, n - split);
    let kth = |k: usize| kth_of_two(&below, nb, &above, na, k);
    let mad = if n % 2 == 1 {
        kth(n / 2)
    } else {
        (kth(n / 2 - 1) + kth(n / 2)) / 2.0
    };
    Some((median, mad))
}

/// Whether post `row` broke out, judged on its own (for a few posts: the follower lens asks
/// about the posts of a jump's days). The same rule as [`breakouts`], the baseline gathered
/// for this post alone.
pub fn breakout_of(
    prepared: &Prepared,
    metric: &'static Metric,
    row: usize,
    segment: &Segment,
) -> Option<Breakout> {
    let posts = &prepared.store.posts;
    let value = prepared.post_metric(metric, row).filter(|v| *v > 0.0)?;
    let (account, time) = (posts.account[row], posts.published[row]);
    let span = Window {
        from: posts.day[row] - BASELINE_DAYS as i32 - 1,
        to: posts.day[row],
    };
    let mut baseline: Vec<f64> = prepared
        .query_posts(span, segment, "")
        .into_iter()
        .map(|r| r as usize)
        .filter(|&r| {
            posts.account[r] == account
                && posts.published[r] < time
                && posts.published[r] >= time - BASELINE_DAYS * 86_400
        })
        .filter_map(|r| prepared.post_metric(metric, r).filter(|v| *v > 0.0))
        .map(f64::ln)
        .collect();
    if baseline.len() < MIN_BASELINE {
        return None;
    }
    baseline.sort_by(f64::total_cmp);
    let (median, mad) = median_mad_sorted(&baseline)?;
    if mad <= 0.0 {
        return None;
    }
    let z = (value.ln() - median) / (MAD_SCALE * mad);
    (z >= Z).then(|| Breakout {
        post: PostRef::of(prepared, row, value),
        baseline_median: median.exp(),
        baseline_posts: baseline.len(),
        z,
        multiple: value / median.exp(),
    })
}

/// The breakouts of the window, strongest first.
pub fn breakouts(
    prepared: &Prepared,
    metric: &'static Metric,
    window: Window,
    segment: &Segment,
) -> Result<Vec<Breakout>, LensError> {
    if !per_post(metric) {
        return Err(LensError::NoPerPostValue(metric.id));
    }
    let posts = &prepared.store.posts;
    // The segment's posts up to the window's end, in publication order, per account.
    let everything = Window {
        from: window.from - BASELINE_DAYS as i32 - 1,
        to: window.to,
    };
    let rows = prepared.query_posts(everything, segment, "");
    let mut per_account: Vec<Vec<(i64, usize, f64, f64)>> = vec![Vec::new(); prepared.accounts()];
    for r in rows {
        let r = r as usize;
        if let Some(v) = prepared.post_metric(metric, r).filter(|v| *v > 0.0) {
            per_account[posts.account[r] as usize].push((posts.published[r], r, v.ln(), v));
        }
    }
    let mut out = Vec::new();
    for list in &mut per_account {
        list.sort_by_key(|(t, r, _, _)| (*t, *r));
        // The baseline as a sorted window of logs, slid along the posts.
        let mut baseline: Vec<f64> = Vec::new();
        let (mut start, mut end) = (0usize, 0usize);
        for &(time, row, ln_r, value) in list.iter() {
            // In: every earlier post (strictly before this one's time).
            while end < list.len() && list[end].0 < time {
                let x = list[end].2;
                let at = baseline.partition_point(|y| *y < x);
                baseline.insert(at, x);
                end += 1;
            }
            // Out: posts more than 90 days before this one.
            while start < end && list[start].0 < time - BASELINE_DAYS * 86_400 {
                let x = list[start].2;
                let at = baseline.partition_point(|y| *y < x);
                baseline.remove(at);
                start += 1;
            }
            if !window.contains(posts.day[row]) || baseline.len() < MIN_BASELINE {
                continue;
            }
            let Some((median, mad)) = median_mad_sorted(&baseline) else {
                continue;
            };
            if mad <= 0.0 {
                continue;
            }
            let z = (ln_r - median) / (MAD_SCALE * mad);
            if z >= Z {
                let base = median.exp();
                out.push(Breakout {
                    post: PostRef::of(prepared, row, value),
                    baseline_median: base,
                    baseline_posts: baseline.len(),
                    z,
                    multiple: value / base,
                });
            }
        }
    }
    out.sort_by(|a, b| b.z.total_cmp(&a.z).then(a.post.row.cmp(&b.post.row)));
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::stats::{mad, median};

    #[test]
    fn median_and_mad_without_copies_agree_with_the_plain_ones() {
        let cases: [&[f64]; 5] = [
            &[1.0, 2.0, 3.0, 4.0, 100.0],
            &[1.0, 1.0, 2.0, 9.0],
            &[5.0],
            &[2.0, 2.0, 2.0, 2.0],
            &[-3.0, -1.0, 0.0, 0.5, 0.7, 8.0, 9.0, 9.5],
        ];
        for c in cases {
            let (m, d) = median_mad_sorted(c).unwrap();
            assert_eq!(Some(m), median(c), "{c:?}");
            assert_eq!(Some(d), mad(c), "{c:?}");
        }
        assert_eq!(median_mad_sorted(&[]), None);
        // Random samples with ties, odd and even lengths.
        let mut rng = crate::rng::Rng::new(7);
        for _ in 0..500 {
            let n = 1 + rng.below(40);
            let mut v: Vec<f64> = (0..n).map(|_| rng.below(12) as f64 * 0.5).collect();
            v.sort_by(f64::total_cmp);
            let (m, d) = median_mad_sorted(&v).unwrap();
            assert_eq!((Some(m), Some(d)), (median(&v), mad(&v)), "{v:?}");
        }
    }
}
