//! Published benchmarks (`assets/benchmarks.json`), offered only next to the metric whose
//! formula they use and for their platform: a Rival IQ median "by followers" is shown beside
//! `er_followers` on that platform, never beside engagement by reach.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::snapshot::model::Platform;

/// One published figure.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Benchmark {
    /// The catalogue metric with the same formula.
    pub metric: String,
    pub platform: Platform,
    /// A ratio (0.0047 is 0.47%).
    pub value: f64,
    /// The year the data is from.
    pub data_year: u16,
    pub report: String,
    /// Which statistic of which population: "median across brands, all industries".
    pub statistic: String,
    /// The audience band it applies to, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audience: Option<String>,
}

#[derive(Deserialize)]
struct File {
    benchmarks: Vec<Benchmark>,
}

const JSON: &str = include_str!("../../assets/benchmarks.json");

/// All shipped benchmarks.
pub fn all() -> &'static [Benchmark] {
    static LIST: OnceLock<Vec<Benchmark>> = OnceLock::new();
    // The asset is part of the build and a test parses it, so this cannot fail at run time.
    LIST.get_or_init(|| {
        serde_json::from_str::<File>(JSON)
            .map(|f| f.benchmarks)
            .unwrap_or_default()
    })
}

/// The benchmarks for `metric` on `platform`, newest data first.
pub fn for_metric(metric: &str, platform: Platform) -> Vec<&'static Benchmark> {
    let mut list: Vec<&Benchmark> = all()
        .iter()
        .filter(|b| b.metric == metric && b.platform == platform)
        .collect();
    list.sort_by_key(|b| std::cmp::Reverse(b.data_year));
    list
}

/// "0.47% (Rival IQ Social Media Industry Benchmark Report 2023, 2022 data, median across
/// brands, all industries)".
pub fn describe(b: &Benchmark) -> String {
    let word = |s: &str| crate::i18n::domain_word("benchmark", s, s).to_owned();
    let audience = b
        .audience
        .as_deref()
        .map_or_else(String::new, |a| format!(", {}", word(a)));
    crate::i18n::trf(
        "metrics.benchmark_source",
        &[
            ("value", &super::format::percent(b.value)),
            ("report", &b.report),
            ("year", &b.data_year),
            ("statistic", &word(&b.statistic)),
            ("audience", &audience),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::measure::catalogue::{Unit, metric};

    #[test]
    fn the_asset_parses_and_names_real_percent_metrics() {
        let parsed: File = serde_json::from_str(JSON).expect("assets/benchmarks.json parses");
        assert_eq!(parsed.benchmarks.len(), all().len());
        assert_eq!(all().len(), 22);
        for b in all() {
            let m = metric(&b.metric).unwrap_or_else(|| panic!("unknown metric {}", b.metric));
            assert_eq!(m.unit, Unit::Percent);
            assert!(b.value > 0.0 && b.value < 1.0);
        }
    }

    #[test]
    fn offered_only_for_the_same_formula_and_platform() {
        let ig = for_metric("er_followers", Platform::Instagram);
        assert_eq!(ig.len(), 3);
        assert_eq!(ig[0].data_year, 2024, "newest first");
        assert!(
            for_metric("er_reach", Platform::Instagram).is_empty(),
            "no published by-reach figure"
        );
        assert!(for_metric("er_followers", Platform::Youtube).is_empty());
        assert_eq!(
            describe(for_metric("er_followers", Platform::Facebook)[0]),
            "0.15% (Socialinsider 2025 benchmarks, 2024 data, mean across accounts)"
        );
    }
}
