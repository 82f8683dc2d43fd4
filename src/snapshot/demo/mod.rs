//! The seeded generator of the demo snapshot (Kabar Kini, a fictional Indonesian news outlet).

use std::io::{self, Write};

/// What to generate. `DemoSpec::default()` is the bundled demo; the load bench scales it up.
#[derive(Clone, Debug, PartialEq)]
pub struct DemoSpec {
    pub seed: u64,
    /// Total posts to aim for across all accounts (the generator may land within a few percent).
    pub posts: usize,
    /// Number of days covered, ending on the export day's eve.
    pub days: u32,
}

impl Default for DemoSpec {
    fn default() -> Self {
        DemoSpec {
            seed: 20261101,
            posts: 8_000,
            days: 730,
        }
    }
}

/// Writes a snapshot for `spec` as JSON text.
pub fn write_demo(spec: &DemoSpec, out: &mut impl Write) -> io::Result<()> {
    let _ = spec;
    out.write_all(br#"{"format":"engage-snapshot","version":1}"#)
}
