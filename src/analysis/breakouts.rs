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
    median_mad_by(s.len(), &|i| s[i], &|m| s.partition_point(|x| *x < m))
}

/// Median and MAD of `n` ascending values read through `get`, with `below(m)` counting the
/// values under `m`: O(log n) reads, so a sliding window needs no sorted copy.
fn median_mad_by(
    n: usize,
    get: &dyn Fn(usize) -> f64,
    below: &dyn Fn(f64) -> usize,
) -> Option<(f64, f64)> {
    if n == 0 {
        return None;
    }
    let median = median_by(n, get);
    // Deviations below the median, nearest first, and above it, nearest first: two ascending
    // sequences whose middle is the MAD.
    let split = below(median);
    let under = |i: usize| median - get(split - 1 - i);
    let over = |i: usize| get(split + i) - median;
    let (nb, na) = (split, n - split);
    let kth = |k: usize| kth_of_two(&under, nb, &over, na, k);
    let mad = if n % 2 == 1 {
        kth(n / 2)
    } else {
        (kth(n / 2 - 1) + kth(n / 2)) / 2.0
    };
    Some((median, mad))
}

/// The median of `n > 0` ascending values read through `get`.
fn median_by(n: usize, get: &dyn Fn(usize) -> f64) -> f64 {
    if n % 2 == 1 {
        get(n / 2)
    } else {
        (get(n / 2 - 1) + get(n / 2)) / 2.0
    }
}

/// The 90-day baseline of one account as a window over the account's values sorted once:
/// a Fenwick tree of which sorted positions are in the window gives the window's `i`-th
/// smallest and the count at or below a value in O(log n), so sliding costs O(log n) a post
/// instead of moving a sorted copy.
struct Window90<'a> {
    /// The account's logs, ascending.
    sorted: &'a [f64],
    tree: Vec<u32>,
    len: usize,
    /// The highest power of two within the tree's size.
    top: usize,
}

impl<'a> Window90<'a> {
    fn new(sorted: &'a [f64]) -> Self {
        let n = sorted.len();
        let top = if n == 0 {
            0
        } else {
            1 << (usize::BITS - 1 - n.leading_zeros())
        };
        Window90 {
            sorted,
            tree: vec![0; n + 1],
            len: 0,
            top,
        }
    }

    /// Puts sorted position `pos` in (+1) or out (-1).
    fn change(&mut self, pos: usize, add: bool) {
        let mut i = pos + 1;
        while i < self.tree.len() {
            if add {
                self.tree[i] += 1;
            } else {
                self.tree[i] -= 1;
            }
            i += i & i.wrapping_neg();
        }
        if add {
            self.len += 1;
        } else {
            self.len -= 1;
        }
    }

    /// Window values among the first `p` sorted positions.
    fn prefix(&self, p: usize) -> usize {
        let mut i = p;
        let mut s = 0usize;
        while i > 0 {
            s += self.tree[i] as usize;
            i -= i & i.wrapping_neg();
        }
        s
    }

    /// Window values at or below `x`.
    fn count_le(&self, x: f64) -> usize {
        self.prefix(self.sorted.partition_point(|y| *y <= x))
    }

    /// Window values below `x`.
    fn count_lt(&self, x: f64) -> usize {
        self.prefix(self.sorted.partition_point(|y| *y < x))
    }

    /// The window's `k`-th smallest value (0-based; `k < len`).
    fn get(&self, k: usize) -> f64 {
        let (mut pos, mut rest, mut step) = (0usize, k + 1, self.top);
        while step > 0 {
            let next = pos + step;
            if next < self.tree.len() && (self.tree[next] as usize) < rest {
                pos = next;
                rest -= self.tree[next] as usize;
            }
            step >>= 1;
        }
        self.sorted[pos]
    }
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
    let mut out = Vec::new();
    for list in gather(prepared, metric, window, segment, None) {
        judge(prepared, list, window, &mut out);
    }
    out.sort_by(|a, b| b.z.total_cmp(&a.z).then(a.post.row.cmp(&b.post.row)));
    Ok(out)
}

/// The posts (time, row, ln value, value) of each account (or of `only`) with a known
/// value > 0, from the first baseline day to the window's end, in publication order.
type Timeline = Vec<(i64, usize, f64, f64)>;

fn gather(
    prepared: &Prepared,
    metric: &'static Metric,
    window: Window,
    segment: &Segment,
    only: Option<usize>,
) -> Vec<Timeline> {
    let posts = &prepared.store.posts;
    let everything = Window {
        from: window.from - BASELINE_DAYS as i32 - 1,
        to: window.to,
    };
    let mut per_account: Vec<Timeline> = vec![Vec::new(); prepared.accounts()];
    for r in prepared.query_posts(everything, segment, "") {
        let r = r as usize;
        let a = posts.account[r] as usize;
        if only.is_some_and(|o| o != a) {
            continue;
        }
        if let Some(v) = prepared.post_metric(metric, r).filter(|v| *v > 0.0) {
            per_account[a].push((posts.published[r], r, v.ln(), v));
        }
    }
    for list in &mut per_account {
        list.sort_by_key(|(t, r, _, _)| (*t, *r));
    }
    per_account
}

/// Whether account `a` has a breakout post on `day` (the follower lens asks this of a
/// jump's days; one account's 91 days cost far less than a pass over every post).
pub fn breakout_on(
    prepared: &Prepared,
    metric: &'static Metric,
    a: usize,
    day: crate::calendar::Day,
    segment: &Segment,
) -> bool {
    let window = Window { from: day, to: day };
    let mut out = Vec::new();
    if let Some(list) = gather(prepared, metric, window, segment, Some(a))
        .into_iter()
        .nth(a)
    {
        judge(prepared, list, window, &mut out);
    }
    !out.is_empty()
}

/// Judges an account's posts of the window against their sliding baselines.
fn judge(prepared: &Prepared, list: Timeline, window: Window, out: &mut Vec<Breakout>) {
    let posts = &prepared.store.posts;
    // Each post's place among the account's logs sorted once.
    let mut order: Vec<usize> = (0..list.len()).collect();
    order.sort_by(|&i, &j| list[i].2.total_cmp(&list[j].2).then(i.cmp(&j)));
    let sorted: Vec<f64> = order.iter().map(|&i| list[i].2).collect();
    let mut place = vec![0usize; list.len()];
    for (p, &i) in order.iter().enumerate() {
        place[i] = p;
    }
    let mut baseline = Window90::new(&sorted);
    let (mut start, mut end) = (0usize, 0usize);
    for &(time, row, ln_r, value) in list.iter() {
        // In: every earlier post (strictly before this one's time).
        while end < list.len() && list[end].0 < time {
            baseline.change(place[end], true);
            end += 1;
        }
        // Out: posts more than 90 days before this one.
        while start < end && list[start].0 < time - BASELINE_DAYS * 86_400 {
            baseline.change(place[start], false);
            start += 1;
        }
        let n = baseline.len;
        if !window.contains(posts.day[row]) || n < MIN_BASELINE {
            continue;
        }
        let get = |k: usize| baseline.get(k);
        let median = median_by(n, &get);
        if ln_r <= median {
            continue;
        }
        // Most posts are far from breaking out: z < 3.5 whenever the MAD exceeds
        // (ln r - median) / (1.4826 x 3.5), that is whenever fewer than half the
        // baseline lies within that distance of the median. Counted with a margin, so
        // only posts that surely are not breakouts skip the exact MAD.
        let d = (ln_r - median) / (MAD_SCALE * Z);
        let dd = d * (1.0 + 1e-9) + 1e-12 * (1.0 + median.abs());
        let near = baseline.count_le(median + dd) - baseline.count_lt(median - dd);
        if near < n.div_ceil(2) {
            continue;
        }
        let Some((median, mad)) = median_mad_by(n, &get, &|m| baseline.count_lt(m)) else {
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
                baseline_posts: n,
                z,
                multiple: value / base,
            });
        }
    }
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

    #[test]
    fn the_sliding_window_reads_as_its_sorted_copy() {
        let mut rng = crate::rng::Rng::new(11);
        let values: Vec<f64> = (0..300)
            .map(|_| rng.below(40) as f64 * 0.25 - 3.0)
            .collect();
        let mut order: Vec<usize> = (0..values.len()).collect();
        order.sort_by(|&i, &j| values[i].total_cmp(&values[j]).then(i.cmp(&j)));
        let sorted: Vec<f64> = order.iter().map(|&i| values[i]).collect();
        let mut place = vec![0; values.len()];
        for (p, &i) in order.iter().enumerate() {
            place[i] = p;
        }
        let mut w = Window90::new(&sorted);
        let (mut start, mut end) = (0, 0);
        for step in 0..600 {
            // Grow mostly, sometimes shrink, like a baseline sliding over uneven days.
            if end < values.len() && (start == end || rng.below(3) > 0) {
                w.change(place[end], true);
                end += 1;
            } else if start < end {
                w.change(place[start], false);
                start += 1;
            }
            let mut copy: Vec<f64> = values[start..end].to_vec();
            copy.sort_by(f64::total_cmp);
            assert_eq!(w.len, copy.len());
            for (k, x) in copy.iter().enumerate() {
                assert_eq!(w.get(k), *x, "step {step}, k {k}");
            }
            let x = rng.below(40) as f64 * 0.25 - 3.1;
            assert_eq!(w.count_le(x), copy.iter().filter(|y| **y <= x).count());
            assert_eq!(
                w.count_lt(x + 0.1),
                copy.iter().filter(|y| **y < x + 0.1).count()
            );
            let get = |k: usize| w.get(k);
            assert_eq!(
                median_mad_by(w.len, &get, &|m| w.count_lt(m)),
                median_mad_sorted(&copy),
                "step {step}"
            );
        }
    }
}
