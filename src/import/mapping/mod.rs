//! Any other CSV, read through a mapping file (TOML) that says what the file is: its
//! separator, decimal comma, encoding and missing markers; which column holds which snapshot
//! field; how dates are written (or built from several columns); the account; formats and
//! tags. `assets/mappings/example.toml` documents every key.
//!
//! `spec` is the mapping file and its checks; `read` reads a CSV with it.

mod read;
mod spec;
#[cfg(test)]
mod tests;

pub use read::{import, refuse_by_head};
pub use spec::{
    AccountSpec, ColumnNames, DateSpec, FileSpec, Kind, Mapping, MappingError, MappingProblem,
    TagSpec,
};
