//! What the process benchmarks share: each measurement runs in a fresh child process (so peak
//! memory is per run), which prints `secs peak_bytes items`; the parent takes medians.

use std::path::Path;
use std::process::Command;

/// Peak resident set size of this process, in bytes (Linux); 0 where unknown.
pub fn peak_rss() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .map_or(0, |kb| kb * 1024)
}

/// One child's measurement.
pub struct Sample {
    pub secs: f64,
    pub peak: u64,
    /// Posts or rows read, so that runs can be checked against each other.
    pub items: usize,
}

/// Runs this bench binary again as `--child MODE FILE` and reads its line.
pub fn measure(mode: &str, file: &Path) -> Sample {
    let exe = std::env::current_exe().expect("own path");
    let out = Command::new(exe)
        .args(["--child", mode])
        .arg(file)
        .output()
        .expect("run child");
    assert!(
        out.status.success(),
        "child {mode} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    let mut parts = text.split_whitespace();
    let mut next = || parts.next().expect("child output").to_owned();
    Sample {
        secs: next().parse().expect("secs"),
        peak: next().parse().expect("peak"),
        items: next().parse().expect("items"),
    }
}

pub fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

pub fn mb(bytes: f64) -> String {
    format!("{:.0} MB", bytes / 1e6)
}
