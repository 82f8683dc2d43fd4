//! The few statistics the lenses rest on, written down once: quantiles (linear between the
//! closest ranks, as R's type 7 and NumPy's default), the median absolute deviation and the
//! robust z it gives, and percentile-bootstrap intervals from a fixed seed, so two runs (and
//! two machines) print the same interval.

use crate::rng::Rng;

/// Resamples per bootstrap interval.
pub const RESAMPLES: usize = 2_000;
/// The seed every bootstrap starts from ("engage" in ASCII).
pub const SEED: u64 = 0x656E_6761_6765;
/// MAD x this estimates a normal standard deviation.
pub const MAD_SCALE: f64 = 1.4826;

/// The `q` quantile (0..=1) of `sorted` (ascending, finite): linear between the closest
/// ranks. `None` for no values.
pub fn quantile_sorted(sorted: &[f64], q: f64) -> Option<f64> {
    let n = sorted.len();
    if n == 0 {
        return None;
    }
    let h = (n - 1) as f64 * q.clamp(0.0, 1.0);
    let lo = h.floor() as usize;
    let hi = (lo + 1).min(n - 1);
    Some(sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo]))
}

/// `values` sorted ascending (NaN never reaches here: values are finite by construction).
pub fn sorted(values: &[f64]) -> Vec<f64> {
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    v
}

/// The `q` quantile of `values` in any order, reordering them: the same figure as
/// [`quantile_sorted`] of their sorted copy, found by selection in O(n) instead of a sort
/// (a breakdown of a million posts asks for several).
pub fn quantile_mut(values: &mut [f64], q: f64) -> Option<f64> {
    let n = values.len();
    if n == 0 {
        return None;
    }
    let h = (n - 1) as f64 * q.clamp(0.0, 1.0);
    let lo = h.floor() as usize;
    let (_, at, above) = values.select_nth_unstable_by(lo, f64::total_cmp);
    let x = *at;
    // The next rank up is the least of what lies above (or the same value at the top).
    let y = above.iter().copied().min_by(f64::total_cmp).unwrap_or(x);
    Some(x + (h - lo as f64) * (y - x))
}

pub fn median(values: &[f64]) -> Option<f64> {
    quantile_mut(&mut values.to_vec(), 0.5)
}

/// Median absolute deviation from the median (unscaled).
pub fn mad(values: &[f64]) -> Option<f64> {
    let m = median(values)?;
    let deviations: Vec<f64> = values.iter().map(|v| (v - m).abs()).collect();
    median(&deviations)
}

/// (x - median) / (1.4826 x MAD) against `past`; `None` when MAD is 0 (not judged) or
/// there is no past.
pub fn robust_z(x: f64, past: &[f64]) -> Option<f64> {
    let m = median(past)?;
    let d = mad(past)?;
    (d > 0.0).then(|| (x - m) / (MAD_SCALE * d))
}

/// A sample's order statistics, sorted only where the bootstrap reads them: a resample's
/// median falls within a few sqrt(n) ranks of the middle (its rank's standard deviation is
/// sqrt(n) / 2), so a band of 16 of those around the middle is put in order by selection,
/// not the whole sample by a sort. A rank outside the band sorts the rest, so every read is
/// exact whatever the draw.
pub struct Ranked {
    values: Vec<f64>,
    /// Ranks `lo..hi` hold their order statistics.
    lo: usize,
    hi: usize,
}

impl Ranked {
    /// The band around the middle of `values` (any order), put in order.
    pub fn middle(mut values: Vec<f64>) -> Ranked {
        let n = values.len();
        let half = 8 * (n as f64).sqrt() as usize + 64;
        let (lo, hi) = ((n / 2).saturating_sub(half), (n / 2 + half).min(n));
        if lo == 0 && hi == n {
            values.sort_by(f64::total_cmp);
        } else {
            if lo > 0 {
                values.select_nth_unstable_by(lo, f64::total_cmp);
            }
            if hi < n {
                values[lo..].select_nth_unstable_by(hi - lo, f64::total_cmp);
            }
            values[lo..hi].sort_by(f64::total_cmp);
        }
        Ranked { values, lo, hi }
    }

    pub fn len(&self) -> usize {
        self.values.len()
    }

    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// The `i`-th smallest value (0-based, `i < len`).
    pub fn at(&mut self, i: usize) -> f64 {
        if i < self.lo || i >= self.hi {
            self.values.sort_by(f64::total_cmp);
            (self.lo, self.hi) = (0, self.values.len());
        }
        self.values[i]
    }
}

/// A standard normal draw (Box-Muller).
fn normal(rng: &mut Rng) -> f64 {
    let u = rng.unit_open();
    let v = rng.unit();
    (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
}

/// A Gamma(shape, 1) draw, shape >= 1 (Marsaglia and Tsang, 2000).
fn gamma(rng: &mut Rng, shape: f64) -> f64 {
    let d = shape - 1.0 / 3.0;
    let c = 1.0 / (9.0 * d).sqrt();
    loop {
        let x = normal(rng);
        let v = (1.0 + c * x).powi(3);
        if v <= 0.0 {
            continue;
        }
        let u = rng.unit_open();
        if u.ln() < 0.5 * x * x + d - d * v + d * v.ln() {
            return d * v;
        }
    }
}

/// A Beta(a, b) draw, a, b >= 1.
fn beta(rng: &mut Rng, a: f64, b: f64) -> f64 {
    let x = gamma(rng, a);
    let y = gamma(rng, b);
    x / (x + y)
}

/// The median of `n` values drawn with replacement from `sorted` (ascending), drawn in
/// O(1): the resample's `m`-th smallest value is `sorted[floor(n * U)]` where `U` is the
/// `m`-th smallest of `n` uniforms, a Beta(m, n - m + 1); the next one up is
/// `U + (1 - U) * W` with W a Beta(1, n - m). Exactly the distribution of a literal
/// resample's median, at a cost that does not grow with the sample (a million posts, 2,000
/// times).
fn resample_median(sorted: &mut Ranked, rng: &mut Rng) -> f64 {
    let n = sorted.len();
    let mut at = |u: f64| sorted.at(((n as f64 * u) as usize).min(n - 1));
    if n == 1 {
        return at(0.0);
    }
    let m = n.div_ceil(2);
    let u = beta(rng, m as f64, (n - m + 1) as f64);
    if n % 2 == 1 {
        return at(u);
    }
    // W ~ Beta(1, k) is 1 - V^(1/k) for a uniform V.
    let k = (n - m) as f64;
    let w = 1.0 - rng.unit_open().powf(1.0 / k);
    (at(u) + at(u + (1.0 - u) * w)) / 2.0
}

/// The 95% percentile-bootstrap interval of the median of `values`: 2,000 resamples from
/// the fixed seed, the 2.5th and 97.5th percentiles of their medians. `None` below 2 values.
pub fn median_ci95(values: &[f64], seed: u64) -> Option<(f64, f64)> {
    if values.len() < 2 {
        return None;
    }
    let mut s = Ranked::middle(values.to_vec());
    let mut rng = Rng::new(seed);
    let medians: Vec<f64> = (0..RESAMPLES)
        .map(|_| resample_median(&mut s, &mut rng))
        .collect();
    let m = sorted(&medians);
    Some((quantile_sorted(&m, 0.025)?, quantile_sorted(&m, 0.975)?))
}

/// The 95% percentile-bootstrap interval of median(a) / median(b): each group resampled on
/// its own, 2,000 times from the fixed seed; resamples whose median(b) is 0 are left out.
pub fn median_ratio_ci95(a: &[f64], b: &[f64], seed: u64) -> Option<(f64, f64)> {
    if a.len() < 2 || b.len() < 2 {
        return None;
    }
    let (mut sa, mut sb) = (Ranked::middle(a.to_vec()), Ranked::middle(b.to_vec()));
    let mut rng = Rng::new(seed);
    let ratios: Vec<f64> = (0..RESAMPLES)
        .filter_map(|_| {
            let ma = resample_median(&mut sa, &mut rng);
            let mb = resample_median(&mut sb, &mut rng);
            (mb != 0.0).then(|| ma / mb).filter(|r| r.is_finite())
        })
        .collect();
    let r = sorted(&ratios);
    Some((quantile_sorted(&r, 0.025)?, quantile_sorted(&r, 0.975)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_by_hand() {
        let v = [4.0, 1.0, 3.0, 2.0];
        let s = sorted(&v);
        assert_eq!(quantile_sorted(&s, 0.5), Some(2.5));
        // (n - 1) x 0.25 = 0.75: 1 + 0.75 x (2 - 1).
        assert_eq!(quantile_sorted(&s, 0.25), Some(1.75));
        assert_eq!(quantile_sorted(&s, 0.75), Some(3.25));
        assert_eq!(quantile_sorted(&[], 0.5), None);
        assert_eq!(median(&[7.0]), Some(7.0));
    }

    #[test]
    fn selection_gives_the_sorted_figures() {
        let mut rng = Rng::new(5);
        for n in [1usize, 2, 3, 10, 99, 1_000, 20_000] {
            // Ties, negative zero and a spread of magnitudes.
            let v: Vec<f64> = (0..n)
                .map(|i| match rng.below(4) {
                    0 => -0.0,
                    1 => rng.below(7) as f64,
                    _ => (rng.unit() - 0.3) * 10f64.powi((i % 5) as i32),
                })
                .collect();
            let s = sorted(&v);
            for q in [0.0, 0.25, 0.5, 0.75, 0.9, 1.0] {
                let got = quantile_mut(&mut v.clone(), q).unwrap();
                assert_eq!(
                    got.to_bits(),
                    quantile_sorted(&s, q).unwrap().to_bits(),
                    "n {n} q {q}"
                );
            }
            // The band holds the sorted ranks, and a rank outside it is exact too.
            let mut r = Ranked::middle(v.clone());
            for i in [n / 2, (n / 2 + 1).min(n - 1), n - 1, 0, n / 3] {
                assert_eq!(r.at(i).to_bits(), s[i].to_bits(), "n {n} rank {i}");
            }
        }
        assert_eq!(quantile_mut(&mut [], 0.5), None);
    }

    #[test]
    fn mad_and_robust_z_by_hand() {
        let past = [1.0, 2.0, 3.0, 4.0, 100.0];
        // median 3; deviations 2 1 0 1 97 -> median 1.
        assert_eq!(mad(&past), Some(1.0));
        let z = robust_z(10.0, &past).unwrap();
        assert!((z - 7.0 / 1.4826).abs() < 1e-12);
        assert_eq!(robust_z(5.0, &[2.0, 2.0, 2.0]), None, "MAD 0: not judged");
    }

    #[test]
    fn bootstrap_intervals_hold_the_median_and_repeat() {
        let v: Vec<f64> = (1..=101).map(f64::from).collect();
        let (lo, hi) = median_ci95(&v, SEED).unwrap();
        assert!(
            lo < 51.0 && hi > 51.0 && lo >= 38.0 && hi <= 64.0,
            "{lo}..{hi}"
        );
        assert_eq!(
            median_ci95(&v, SEED),
            Some((lo, hi)),
            "a fixed seed repeats"
        );
        assert_eq!(median_ci95(&[3.0], SEED), None);
        // A constant sample has a point interval.
        assert_eq!(median_ci95(&[2.0; 10], SEED), Some((2.0, 2.0)));
        let a: Vec<f64> = v.iter().map(|x| x * 2.0).collect();
        let (lo, hi) = median_ratio_ci95(&a, &v, SEED).unwrap();
        assert!(lo <= 2.0 && hi >= 2.0 && lo > 1.5 && hi < 2.7, "{lo}..{hi}");
    }

    /// The direct draw has a literal resample's distribution: for n = 5 (odd) the median is
    /// the value at index k with P(median index <= k) = P(Binomial(5, (k+1)/5) >= 3), and for
    /// n = 4 (even) the two middle indices follow from the same counting; 200,000 draws land
    /// within 0.005 of the exact probabilities.
    #[test]
    fn direct_resample_medians_have_the_literal_distribution() {
        fn binom_at_least(n: u64, p: f64, m: u64) -> f64 {
            let choose = |n: u64, k: u64| -> f64 {
                (0..k).fold(1.0, |acc, i| acc * (n - i) as f64 / (i + 1) as f64)
            };
            (m..=n)
                .map(|k| choose(n, k) * p.powi(k as i32) * (1.0 - p).powi((n - k) as i32))
                .sum()
        }
        let odd: Vec<f64> = (0..5).map(f64::from).collect();
        let mut rng = Rng::new(1);
        let draws = 200_000;
        let mut counts = [0u32; 5];
        let mut odd = Ranked::middle(odd);
        for _ in 0..draws {
            counts[resample_median(&mut odd, &mut rng) as usize] += 1;
        }
        let mut cumulative = 0.0;
        for (k, c) in counts.iter().enumerate() {
            cumulative += f64::from(*c) / f64::from(draws);
            let exact = binom_at_least(5, (k + 1) as f64 / 5.0, 3);
            assert!(
                (cumulative - exact).abs() < 0.005,
                "k {k}: {cumulative} vs {exact}"
            );
        }
        // Even n: literal resamples by brute force give the reference distribution.
        let even = [0.0, 1.0, 10.0, 100.0];
        let mut literal: std::collections::BTreeMap<u64, f64> = Default::default();
        for i in 0..256u32 {
            let mut idx: Vec<usize> = (0..4).map(|j| ((i >> (2 * j)) & 3) as usize).collect();
            idx.sort_unstable();
            let m = (even[idx[1]] + even[idx[2]]) / 2.0;
            *literal.entry((m * 2.0) as u64).or_default() += 1.0 / 256.0;
        }
        let mut drawn: std::collections::BTreeMap<u64, f64> = Default::default();
        let mut ranked = Ranked::middle(even.to_vec());
        for _ in 0..draws {
            let m = resample_median(&mut ranked, &mut rng);
            *drawn.entry((m * 2.0) as u64).or_default() += 1.0 / f64::from(draws);
        }
        for (k, p) in &literal {
            let q = drawn.get(k).copied().unwrap_or(0.0);
            assert!(
                (p - q).abs() < 0.005,
                "median {}: {q} vs {p}",
                *k as f64 / 2.0
            );
        }
    }
}
