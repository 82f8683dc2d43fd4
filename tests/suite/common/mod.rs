//! What several test crates share.

pub mod screens;

use proptest::prelude::ProptestConfig;

/// Property-test settings: `default_cases` cases unless `PROPTEST_CASES` says otherwise, and
/// failures reported with their minimal input but no regression files in the tree.
pub fn proptest_config(default_cases: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default_cases);
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}
