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
/// a bitset of which sorted positions are in the window, and a Fenwick tree of the bitset's
/// 64-position words, give the window's `i`-th smallest and the count at or below a value in
/// O(log n) steps, so sliding costs O(log n) a post instead of moving a sorted copy. The tree
/// counts words, not positions: for an account of 200,000 posts it is 12 KB and stays in
/// the processor's nearest cache.
struct Window90<'a> {
    /// The account's logs, ascending.
    sorted: &'a [f64],
    /// The first value of each 64-position word: a value's word is found in this small
    /// array (it stays in cache) instead of the whole sorted column.
    heads: Vec<f64>,
    /// Bit `p % 64` of word `p / 64`: sorted position `p` is in the window.
    bits: Vec<u64>,
    /// Fenwick tree (1-based) of the words' counts.
    tree: Vec<u32>,
    len: usize,
    /// The highest power of two within the tree's size.
    top: usize,
    /// Cursors on a few ranks (the median's and the quartile-like ones beside it), kept
    /// through the slide so reading them costs a step, not a descent.
    cursors: [Cursor; CURSORS],
}

/// Ranks followed by cursors: the rank under the median band, the lower and upper middle,
/// and the rank above the band (see [`Band`]).
const CURSORS: usize = 4;

/// A sorted position in the window and its rank there.
#[derive(Clone, Copy, Debug, Default)]
struct Cursor {
    pos: usize,
    rank: usize,
    /// Its position left the window (or the window was empty): find it again by rank.
    lost: bool,
}

/// The ranks a window of `n` values is read at: its middle (`lo`, `hi`: the same rank for
/// odd `n`) and `s` ranks beyond each side. Whatever the data, the MAD is at least
/// min(median - x[lo - s], x[hi + s] - median): the values within one MAD of the median
/// are consecutive ranks around the middle, at least half of them (n / 2 rounded up), so
/// they reach `s` ranks past one side of the middle.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Band {
    under: usize,
    lo: usize,
    hi: usize,
    over: usize,
}

impl Band {
    /// For `n >= 4` values.
    fn of(n: usize) -> Band {
        let (lo, hi, s) = if n % 2 == 1 {
            ((n - 1) / 2, (n - 1) / 2, (n - 1).div_ceil(4))
        } else {
            (n / 2 - 1, n / 2, n.div_ceil(4) - 1)
        };
        Band {
            under: lo - s,
            lo,
            hi,
            over: hi + s,
        }
    }

    fn ranks(self) -> [usize; CURSORS] {
        [self.under, self.lo, self.hi, self.over]
    }
}

impl<'a> Window90<'a> {
    fn new(sorted: &'a [f64]) -> Self {
        let words = sorted.len().div_ceil(64);
        let top = if words == 0 {
            0
        } else {
            1 << (usize::BITS - 1 - words.leading_zeros())
        };
        Window90 {
            sorted,
            heads: sorted.iter().step_by(64).copied().collect(),
            bits: vec![0; words],
            tree: vec![0; words + 1],
            len: 0,
            top,
            cursors: [Cursor {
                lost: true,
                ..Cursor::default()
            }; CURSORS],
        }
    }

    /// Puts sorted position `pos` in (`add`) or out.
    fn change(&mut self, pos: usize, add: bool) {
        let (word, bit) = (pos / 64, 1u64 << (pos % 64));
        if add {
            self.bits[word] |= bit;
            self.len += 1;
        } else {
            self.bits[word] &= !bit;
            self.len -= 1;
        }
        let mut i = word + 1;
        while i < self.tree.len() {
            if add {
                self.tree[i] += 1;
            } else {
                self.tree[i] -= 1;
            }
            i += i & i.wrapping_neg();
        }
        for c in &mut self.cursors {
            if pos < c.pos {
                if add {
                    c.rank += 1;
                } else {
                    c.rank -= 1;
                }
            } else if pos == c.pos && !add {
                c.lost = true;
            }
        }
    }

    /// The first window position after `pos`, looking a few words ahead at most.
    fn next_in(&self, pos: usize) -> Option<usize> {
        let (mut word, bit) = (pos / 64, pos % 64);
        let mut bits = self.bits[word] & !(2u64 << bit).wrapping_sub(1);
        for _ in 0..8 {
            if bits != 0 {
                return Some(word * 64 + bits.trailing_zeros() as usize);
            }
            word += 1;
            bits = *self.bits.get(word)?;
        }
        None
    }

    /// The last window position before `pos`, looking a few words back at most.
    fn prev_in(&self, pos: usize) -> Option<usize> {
        let (mut word, bit) = (pos / 64, pos % 64);
        let mut bits = self.bits[word] & ((1u64 << bit) - 1);
        for _ in 0..8 {
            if bits != 0 {
                return Some(word * 64 + 63 - bits.leading_zeros() as usize);
            }
            word = word.checked_sub(1)?;
            bits = self.bits[word];
        }
        None
    }

    /// The window's values at `band`'s ranks: each cursor steps to its rank (a step or two
    /// after a slide), or is found again by descending the tree when it is lost or far.
    fn band(&mut self, band: Band) -> [f64; CURSORS] {
        let mut out = [0.0; CURSORS];
        for (i, rank) in band.ranks().into_iter().enumerate() {
            let mut c = self.cursors[i];
            while !c.lost && c.rank != rank {
                let step = if c.rank < rank {
                    self.next_in(c.pos).map(|p| (p, c.rank + 1))
                } else {
                    self.prev_in(c.pos).map(|p| (p, c.rank - 1))
                };
                match step {
                    Some((pos, r)) => (c.pos, c.rank) = (pos, r),
                    None => c.lost = true,
                }
            }
            if c.lost {
                c = Cursor {
                    pos: self.position(rank),
                    rank,
                    lost: false,
                };
            }
            self.cursors[i] = c;
            out[i] = self.sorted[c.pos];
        }
        out
    }

    /// Window values in the words before `word`.
    fn words_before(&self, word: usize) -> usize {
        let mut i = word;
        let mut s = 0usize;
        while i > 0 {
            s += self.tree[i] as usize;
            i -= i & i.wrapping_neg();
        }
        s
    }

    /// Window values `v` with `below(v)`, a predicate true for a prefix of the sorted values:
    /// the last word whose head passes is found among the heads, the words before it
    /// counted by the tree, and its own window values read one by one (a few, in one place).
    fn count_while(&self, below: impl Fn(f64) -> bool) -> usize {
        let word = self.heads.partition_point(|h| below(*h));
        if word == 0 {
            return 0;
        }
        let last = word - 1;
        let mut n = self.words_before(last);
        let mut bits = self.bits[last];
        while bits != 0 {
            if !below(self.sorted[last * 64 + bits.trailing_zeros() as usize]) {
                break;
            }
            n += 1;
            bits &= bits - 1;
        }
        n
    }

    /// Window values at or below `x`.
    fn count_le(&self, x: f64) -> usize {
        self.count_while(|y| y <= x)
    }

    /// Window values below `x`.
    fn count_lt(&self, x: f64) -> usize {
        self.count_while(|y| y < x)
    }

    /// The window's `k`-th smallest value (0-based; `k < len`).
    fn get(&self, k: usize) -> f64 {
        self.sorted[self.position(k)]
    }

    /// The sorted position of the window's `k`-th smallest value (0-based; `k < len`).
    fn position(&self, k: usize) -> usize {
        // The word holding it, by descending the tree.
        let (mut word, mut rest, mut step) = (0usize, k + 1, self.top);
        while step > 0 {
            let next = word + step;
            if next < self.tree.len() && (self.tree[next] as usize) < rest {
                word = next;
                rest -= self.tree[next] as usize;
            }
            step >>= 1;
        }
        // Its `rest`-th set bit (1-based).
        let mut bits = self.bits.get(word).copied().unwrap_or(0);
        for _ in 1..rest {
            bits &= bits - 1;
        }
        word * 64 + bits.trailing_zeros() as usize
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

/// An integer whose order is `f64::total_cmp`'s (the same transformation it makes).
fn total_order_key(x: f64) -> i64 {
    let bits = x.to_bits() as i64;
    bits ^ ((((bits >> 63) as u64) >> 1) as i64)
}

/// Judges an account's posts of the window against their sliding baselines.
fn judge(prepared: &Prepared, list: Timeline, window: Window, out: &mut Vec<Breakout>) {
    let posts = &prepared.store.posts;
    // Each post's place among the account's logs sorted once (by `total_cmp`'s order as an
    // integer key, then by place in time: a plain sort of pairs, no look-ups while sorting).
    let mut order: Vec<(i64, u32)> = list
        .iter()
        .enumerate()
        .map(|(i, e)| (total_order_key(e.2), i as u32))
        .collect();
    order.sort_unstable();
    let sorted: Vec<f64> = order.iter().map(|&(_, i)| list[i as usize].2).collect();
    let mut place = vec![0usize; list.len()];
    for (p, &(_, i)) in order.iter().enumerate() {
        place[i as usize] = p;
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
        // The median (as `median_by` computes it) and a floor under the MAD, from cursors
        // that follow the slide.
        let [under, lo, hi, over] = baseline.band(Band::of(n));
        let median = if n % 2 == 1 { lo } else { (lo + hi) / 2.0 };
        if ln_r <= median {
            continue;
        }
        // Nearly every post is far from breaking out: z < 3.5 when ln r - median falls
        // short of 3.5 x 1.4826 x that floor (with a margin for rounding).
        let floor = (median - under).min(over - median);
        let gap = ln_r - median;
        if gap < MAD_SCALE * Z * floor * (1.0 - 1e-9) - 1e-12 * (1.0 + median.abs()) {
            continue;
        }
        let get = |k: usize| baseline.get(k);
        // Most of the rest are far too: z < 3.5 whenever the MAD exceeds
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

    /// The band's floor is under the MAD for any sample: ties, gaps, odd and even sizes.
    #[test]
    fn the_band_floor_is_under_the_mad() {
        let mut rng = crate::rng::Rng::new(3);
        for _ in 0..3_000 {
            let n = 4 + rng.below(60);
            let spread = [0.5, 3.0, 40.0][rng.below(3)];
            let mut v: Vec<f64> = (0..n)
                .map(|_| (rng.below(30) as f64 * spread).ln_1p())
                .collect();
            v.sort_by(f64::total_cmp);
            let (m, d) = median_mad_sorted(&v).unwrap();
            let b = Band::of(n);
            let floor = (m - v[b.under]).min(v[b.over] - m);
            assert!(d >= floor, "n {n}: MAD {d} under the floor {floor}: {v:?}");
            assert_eq!(
                m,
                if n % 2 == 1 {
                    v[b.lo]
                } else {
                    (v[b.lo] + v[b.hi]) / 2.0
                }
            );
        }
    }

    #[test]
    fn the_integer_key_orders_as_total_cmp() {
        let xs = [
            f64::NEG_INFINITY,
            -1e300,
            -2.5,
            -0.0,
            0.0,
            1e-310,
            0.5,
            3.0,
            f64::INFINITY,
        ];
        for a in xs {
            for b in xs {
                assert_eq!(
                    total_order_key(a).cmp(&total_order_key(b)),
                    a.total_cmp(&b),
                    "{a} {b}"
                );
            }
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
            if copy.len() >= 4 {
                let b = Band::of(copy.len());
                let want = b.ranks().map(|r| copy[r]);
                assert_eq!(w.band(b), want, "step {step}");
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
