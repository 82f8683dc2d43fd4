//! Snapshot format v1: the model, the streaming loader with its diagnostics, the columnar
//! store, merging, the JSON Schema and the demo generator.

pub mod demo;
pub mod diagnostics;
pub mod json;
pub mod load;
pub mod merge;
pub mod model;
mod parse;
pub mod schema;
pub mod store;
pub mod write;

pub use diagnostics::{Diagnostic, Findings, Severity};
pub use json::LoadControl;
pub use parse::{Cancelled, Parsed, parse_snapshot, parse_snapshot_sized};
pub use store::Store;
