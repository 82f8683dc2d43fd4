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

/// The `engage` binary with no locale in its environment: a machine whose `LANG` is
/// Indonesian must not turn the English expectations of the tests into failures (tests of
/// the locale set it themselves).
pub fn engage_bin() -> assert_cmd::Command {
    let mut c = assert_cmd::Command::cargo_bin("engage").expect("the engage binary");
    c.env_remove("LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES");
    c
}

/// `engage plan new --template website-loyalty --name web` in `home`: the plan the report
/// tests judge the demo by.
pub fn plan_web(home: &std::path::Path) {
    engage_bin()
        .env_remove("ENGAGE_HOME")
        .arg("--home")
        .arg(home)
        .args([
            "plan",
            "new",
            "--template",
            "website-loyalty",
            "--name",
            "web",
        ])
        .assert()
        .success();
}
