//! The mapping reader on any text, and a CSV read through every mapping that is accepted:
//! the input is the mapping (TOML) and the CSV, split at the first NUL byte.
#![no_main]

use std::sync::Arc;

use engage::import::mapping::Mapping;
use engage::import::{Options, import_bytes};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (toml, csv) = match data.iter().position(|&b| b == 0) {
        Some(at) => (&data[..at], &data[at + 1..]),
        None => (data, &[][..]),
    };
    let Ok(text) = std::str::from_utf8(toml) else {
        return;
    };
    let Ok(mapping) = Mapping::parse(text, "fuzz.toml") else {
        return;
    };
    let options = Options {
        mapping: Some(Arc::new(mapping)),
        ..Options::default()
    };
    let _ = import_bytes(csv, "fuzz.csv", &options);
});
