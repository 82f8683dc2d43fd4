//! Every integration test, in one test crate: one link of the library instead of twenty (each
//! link of the whole crate costs a minute on two cores). Each module is one area, as each
//! file was; `cargo test` runs them all, `cargo test --test suite tui_render` one of them.

// A test states its expectations with unwrap, expect and panic; production code may not.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
mod tui_kit;

mod analysis;
mod bad_input;
mod cache;
mod cli;
mod datasets;
mod demo_data;
mod demo_report_check;
mod export_csv;
mod hardening;
mod hardening_input;
mod i18n;
mod i18n_leaks;
mod i18n_loader;
mod import_fixtures;
mod import_props;
mod load_control;
mod loader_props;
mod measure_hand;
mod measure_props;
mod merge;
mod readme;
mod report_cli;
mod report_html;
mod schema_sync;
mod summary;
mod tables;
mod tour;
mod tui_props;
mod tui_pty;
mod tui_render;
mod tui_untrusted;
mod tui_update;
#[cfg(feature = "parquet")]
mod warehouse_sql;
mod web_sources;
