//! engage: engagement, not followers.
//!
//! The map: `snapshot` reads format v1 files into a columnar [`snapshot::Store`] (streaming
//! parse, precise diagnostics, merging, the demo generator); `calendar` holds the integer day
//! arithmetic every bucket uses; `summary` describes a store (accounts, ranges, field
//! coverage); `cli` and `commands` are the command line over them. Nothing here draws to a
//! terminal: the TUI, when it comes, is one layer on top, and headless commands call the same
//! functions, so their numbers cannot disagree.

pub mod calendar;
pub mod cli;
pub mod commands;
pub mod snapshot;
pub mod storage;
pub mod summary;
pub mod text;
