//! engage: engagement, not followers.
//!
//! The map, in the direction data flows: `import` turns platform exports (CSV) into stores;
//! `snapshot` reads format v1 files into a columnar [`snapshot::Store`] (streaming parse,
//! precise diagnostics, merging) and writes them; `demo` generates the bundled demo through
//! that writer; `measure` pre-aggregates a store once and answers metric queries (window,
//! segment, granularity) with values that carry their counts and reasons, and judges plans
//! against their targets; `report` renders those values as JSON or Markdown, and `export`
//! writes posts, series and lens tables as CSV; `plans` and `folders` keep plans on disk;
//! `summary` describes a store; `calendar` holds the integer day arithmetic every bucket
//! uses; `text` the helpers for untrusted and human-facing text;
//! `cli` and `commands` are the command line over all of it. `tui` is the interactive app,
//! one layer on top: nothing else imports ratatui, and the headless commands call the same
//! functions, so their numbers cannot disagree.

pub mod analysis;
pub mod axis;
pub mod calendar;
pub mod cli;
pub mod commands;
pub mod demo;
pub mod export;
pub mod folders;
pub mod i18n;
pub mod import;
pub mod measure;
pub mod open;
pub mod panics;
pub mod plans;
pub mod report;
pub mod rng;
pub mod snapshot;
pub mod storage;
pub mod summary;
pub mod text;
pub mod tui;
