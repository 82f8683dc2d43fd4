//! A tiny seeded PRNG (SplitMix64) and the few distributions the demo generator draws from; the
//! analysis lenses draw their bootstrap resamples from it too, so a seed gives the same
//! intervals on every machine.
//!
//! The committed demo file must equal the generator's output on every machine, so nothing
//! here touches transcendental float functions (`exp`, `ln`, `powf`...), whose last bits may
//! differ between platforms and libm versions. Everything is integer arithmetic or IEEE
//! `+ - * /` on `f64`, which Rust evaluates identically everywhere (no fused multiply-add is
//! ever introduced behind our back). Skewed and heavy-tailed shapes come from products of
//! uniforms and from `1/u`.

/// SplitMix64 (Steele, Lea and Flood, 2014): one `u64` of state, passes BigCrush, and is
/// trivially reproducible. Plenty for synthetic data; not for anything secret.
#[derive(Clone, Debug)]
pub struct Rng {
    state: u64,
}

const GOLDEN: u64 = 0x9E37_79B9_7F4A_7C15;

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng { state: seed }
    }

    /// An independent stream for one part of the generator (posts, daily rows, web rows...),
    /// so that changing how one part draws never shifts the numbers of another.
    pub fn stream(seed: u64, stream: u64) -> Self {
        let mut mixer = Rng::new(seed ^ stream.wrapping_mul(GOLDEN));
        let state = mixer.next_u64();
        Rng::new(state)
    }

    #[inline]
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(GOLDEN);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `[0, 1)` with 53 random bits.
    #[inline]
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// Uniform in `(0, 1]`: safe to divide by.
    #[inline]
    pub fn unit_open(&mut self) -> f64 {
        ((self.next_u64() >> 11) + 1) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// Uniform integer in `0..n` (Lemire's multiply-shift; the bias is below 2^-32).
    #[inline]
    pub fn below(&mut self, n: usize) -> usize {
        debug_assert!(n > 0 && n <= u32::MAX as usize);
        (((self.next_u64() >> 32) * n as u64) >> 32) as usize
    }

    /// Uniform in `[lo, hi)`.
    #[inline]
    pub fn range(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.unit()
    }

    #[inline]
    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// One element of a non-empty slice.
    #[inline]
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// An index drawn with the given integer weights (not all zero).
    pub fn weighted(&mut self, weights: &[u32]) -> usize {
        let total: u32 = weights.iter().sum();
        let mut x = self.below(total.max(1) as usize) as u32;
        for (i, &w) in weights.iter().enumerate() {
            if x < w {
                return i;
            }
            x -= w;
        }
        weights.len() - 1
    }

    /// A skewed multiplier with mean 1: the product of `k` uniforms on `[1 - s, 1 + s]`.
    /// Its spread grows with `k` and it is right-skewed, like the log-normal noise of
    /// real reach figures, without calling `exp`.
    #[inline]
    pub fn spread(&mut self, k: u32, s: f64) -> f64 {
        let mut x = 1.0;
        for _ in 0..k {
            x *= 1.0 - s + 2.0 * s * self.unit();
        }
        x
    }

    /// A Pareto-like tail: `min(1/u, cap)` with probability `p`, else 1. `1/u` has the
    /// survival function `P(X > x) = 1/x`, the heavy tail of breakout posts.
    #[inline]
    pub fn tail(&mut self, p: f64, cap: f64) -> f64 {
        if self.chance(p) {
            (1.0 / self.unit_open()).min(cap)
        } else {
            1.0
        }
    }

    /// Rounds a non-negative amount to an integer at random, keeping its expectation:
    /// 2.3 becomes 3 with probability 0.3, else 2. Small daily counts stay unbiased.
    #[inline]
    pub fn round(&mut self, x: f64) -> u64 {
        if x <= 0.0 {
            return 0;
        }
        let whole = x as u64;
        let frac = x - whole as f64;
        whole + u64::from(self.unit() < frac)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_stream() {
        let mut a = Rng::new(7);
        let mut b = Rng::new(7);
        for _ in 0..100 {
            assert_eq!(a.next_u64(), b.next_u64());
        }
        assert_ne!(Rng::stream(7, 1).next_u64(), Rng::stream(7, 2).next_u64());
    }

    #[test]
    fn splitmix_reference_values() {
        // First outputs of SplitMix64 seeded with 0, as in the reference implementation.
        let mut r = Rng::new(0);
        assert_eq!(r.next_u64(), 0xE220_A839_7B1D_CDAF);
        assert_eq!(r.next_u64(), 0x6E78_9E6A_A1B9_65F4);
    }

    #[test]
    fn ranges_hold() {
        let mut r = Rng::new(42);
        for _ in 0..10_000 {
            let u = r.unit();
            assert!((0.0..1.0).contains(&u));
            assert!(r.unit_open() > 0.0);
            assert!(r.below(7) < 7);
            let t = r.tail(1.0, 5.0);
            assert!((1.0..=5.0).contains(&t));
        }
        let w = [0, 3, 0, 1];
        for _ in 0..1000 {
            let i = r.weighted(&w);
            assert!(i == 1 || i == 3);
        }
    }

    #[test]
    fn rounding_keeps_the_mean() {
        let mut r = Rng::new(3);
        let total: u64 = (0..10_000).map(|_| r.round(2.25)).sum();
        assert!((22_000..23_000).contains(&total), "{total}");
        assert_eq!(r.round(-1.0), 0);
    }
}
