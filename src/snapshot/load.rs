//! Opening snapshot files from disk (or the bundled demo) and handing them to the parser.

use std::fs::File;
use std::path::Path;

use super::diagnostics::Sink;
use super::json::{LoadControl, Pos};
use super::parse::{Cancelled, Parsed, parse_snapshot};

/// The demo snapshot, embedded so that `engage` runs with no files around.
pub const DEMO_JSON: &[u8] = include_bytes!("../../assets/demo/kabar-kini.json");

/// How messages name the bundled demo.
pub const DEMO_NAME: &str = "bundled demo (Kabar Kini)";

/// Loads one snapshot file. A file that cannot be opened comes back as a refused file with
/// one error saying why, like any other bad input.
pub fn load_file(path: &Path, control: &LoadControl) -> Result<Parsed, Cancelled> {
    let name = path.display().to_string();
    match File::open(path) {
        Ok(file) => parse_snapshot(file, &name, control.clone()),
        Err(e) => {
            let mut sink = Sink::new(&name);
            let why = match e.kind() {
                std::io::ErrorKind::NotFound => "no such file".to_owned(),
                std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
                _ => e.to_string(),
            };
            sink.error(None, String::new, || format!("cannot open the file: {why}"));
            Ok(Parsed {
                store: None,
                findings: sink.finish(),
                bytes: 0,
            })
        }
    }
}

/// Loads the bundled demo snapshot.
pub fn load_demo() -> Parsed {
    match parse_snapshot(DEMO_JSON, DEMO_NAME, LoadControl::default()) {
        Ok(parsed) => parsed,
        // Nothing can cancel a load whose control nobody else holds.
        Err(Cancelled) => {
            let mut sink = Sink::new(DEMO_NAME);
            sink.error(Some(Pos { line: 1, column: 1 }), String::new, || {
                "cancelled".into()
            });
            Parsed {
                store: None,
                findings: sink.finish(),
                bytes: 0,
            }
        }
    }
}
