//! Snapshot format v1: the model, the streaming loader with its diagnostics, the columnar
//! store, merging, the writer and the JSON Schema. The demo generator is content written in
//! this format, so it lives apart, in `demo`.

pub mod cache;
pub mod diagnostics;
pub mod json;
pub mod load;
pub mod merge;
pub mod model;
pub(crate) mod parse;
pub mod schema;
pub mod store;
pub mod tables;
pub mod write;

pub use diagnostics::{Diagnostic, Findings, Severity};
pub use json::LoadControl;
pub(crate) use parse::archive_kind;
pub use parse::{Cancelled, Parsed, parse_snapshot, parse_snapshot_sized};
pub use store::Store;
