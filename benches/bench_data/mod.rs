//! The 1M-post snapshot the in-process benches time (generated once into
//! `target/bench-data/`, the same file `cargo bench --bench load` makes).

#![allow(dead_code, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::sync::Arc;

use engage::demo::{DemoSpec, write_demo};
use engage::snapshot::LoadControl;

/// `target/bench-data/snapshot-1m.json` (5 accounts, 1,095 days), generated if missing.
pub fn snapshot_1m() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-data");
    std::fs::create_dir_all(&dir).expect("bench dir");
    let path = dir.join("snapshot-1m.json");
    if !path.exists() {
        eprintln!("generating {} (1M posts, once) ...", path.display());
        let spec = DemoSpec {
            posts: 1_000_000,
            days: 1095,
            ..DemoSpec::default()
        };
        engage::storage::write_atomic_with(&path, |w| write_demo(&spec, w))
            .expect("generate the 1M-post snapshot");
    }
    path
}

/// The 1M-post snapshot, loaded.
pub fn store_1m() -> Arc<engage::snapshot::Store> {
    Arc::new(
        engage::snapshot::load::load_file(&snapshot_1m(), &LoadControl::default())
            .expect("not cancelled")
            .store
            .expect("valid bench snapshot"),
    )
}

/// Runs `f` `runs` times; the median time in ms and the last result (kept from the optimiser).
pub fn timed_with<T>(runs: usize, mut f: impl FnMut() -> T) -> (f64, T) {
    let mut out = None;
    let mut ms: Vec<f64> = (0..runs.max(1))
        .map(|_| {
            let t = std::time::Instant::now();
            let v = std::hint::black_box(f());
            let e = t.elapsed().as_secs_f64() * 1e3;
            out = Some(v);
            e
        })
        .collect();
    ms.sort_by(f64::total_cmp);
    (ms[ms.len() / 2], out.expect("at least one run"))
}

/// The median time of `runs` runs of `f`, in ms.
pub fn timed<T>(runs: usize, f: impl FnMut() -> T) -> f64 {
    timed_with(runs, f).0
}
