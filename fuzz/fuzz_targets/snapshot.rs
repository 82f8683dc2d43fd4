//! The snapshot loader on any bytes: it must answer with a store or findings, never panic,
//! hang or allocate without bound.
#![no_main]

use engage::snapshot::{LoadControl, parse_snapshot};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let parsed = parse_snapshot(data, "fuzz.json", LoadControl::default());
    if let Ok(parsed) = parsed {
        // A store that loads also pre-aggregates (the per-day arrays follow its rows).
        if let Some(store) = parsed.store {
            let _ = engage::measure::Prepared::new(std::sync::Arc::new(store));
        }
    }
});
