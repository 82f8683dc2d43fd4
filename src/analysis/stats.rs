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

pub fn median(values: &[f64]) -> Option<f64> {
    quantile_sorted(&sorted(values), 0.5)
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

/// The median of `n` values drawn with replacement from `sorted`: the resample's order
/// statistics are the sample's at the order statistics of `n` uniform indices, so sorting
/// the drawn indices gives the resample median without copying values.
fn resample_median(sorted: &[f64], rng: &mut Rng, scratch: &mut Vec<usize>) -> f64 {
    let n = sorted.len();
    scratch.clear();
    scratch.extend((0..n).map(|_| rng.below(n)));
    let mid = n / 2;
    let (_, &mut upper, _) = scratch.select_nth_unstable(mid);
    if n % 2 == 1 {
        sorted[upper]
    } else {
        let lower = scratch[..mid].iter().copied().max().unwrap_or(upper);
        (sorted[lower] + sorted[upper]) / 2.0
    }
}

/// The 95% percentile-bootstrap interval of the median of `values`: 2,000 resamples from
/// the fixed seed, the 2.5th and 97.5th percentiles of their medians. `None` below 2 values.
pub fn median_ci95(values: &[f64], seed: u64) -> Option<(f64, f64)> {
    if values.len() < 2 {
        return None;
    }
    let s = sorted(values);
    let mut rng = Rng::new(seed);
    let mut scratch = Vec::with_capacity(s.len());
    let medians: Vec<f64> = (0..RESAMPLES)
        .map(|_| resample_median(&s, &mut rng, &mut scratch))
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
    let (sa, sb) = (sorted(a), sorted(b));
    let mut rng = Rng::new(seed);
    let mut scratch = Vec::with_capacity(sa.len().max(sb.len()));
    let ratios: Vec<f64> = (0..RESAMPLES)
        .filter_map(|_| {
            let ma = resample_median(&sa, &mut rng, &mut scratch);
            let mb = resample_median(&sb, &mut rng, &mut scratch);
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

    /// The index trick gives the same medians as drawing values: checked against a literal
    /// resample from the same stream.
    #[test]
    fn resample_medians_equal_literal_resamples() {
        let s = sorted(&[5.0, 1.0, 9.0, 3.0, 7.0, 2.0]);
        for seed in 0..50 {
            let mut a = Rng::new(seed);
            let mut b = Rng::new(seed);
            let mut scratch = Vec::new();
            let fast = resample_median(&s, &mut a, &mut scratch);
            let mut drawn: Vec<f64> = (0..s.len()).map(|_| s[b.below(s.len())]).collect();
            drawn.sort_by(f64::total_cmp);
            let literal = (drawn[2] + drawn[3]) / 2.0;
            assert_eq!(fast, literal, "seed {seed}");
        }
    }
}
