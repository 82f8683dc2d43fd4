//! The JSON Schema of snapshot format v1, shipped in `assets/` and printed by `engage schema`.
//! `tests/suite/schema_sync.rs` keeps it and the loader in step.

/// The schema document (JSON Schema draft 2020-12).
pub const SCHEMA_JSON: &str = include_str!("../../assets/snapshot.schema.json");
