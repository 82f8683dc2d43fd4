//! The command line: commands, flags and examples (clap). Behaviour lives in `commands`.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

const EXAMPLES: &str = "\
Examples:
  engage                                  open the bundled demo (Kabar Kini)
  engage exports/2026-*.json              open several snapshots as one
  engage validate data.json               check a file: exit 0 valid, 1 invalid, 2 usage
  engage validate --json a.json b.json    the same, as JSON for scripts
  engage summary data.json                accounts, date ranges, field coverage
  engage schema > snapshot.schema.json    the JSON Schema of snapshot format v1
  engage demo --out demo.json             write the demo snapshot to a file

Snapshot format v1 is documented in the README and by `engage schema`.";

/// Engagement, not followers: a terminal app for social-media and web analytics snapshots.
#[derive(Debug, Parser)]
#[command(
    name = "engage",
    version,
    about,
    long_about = "engage loads snapshots of social accounts and web analytics and steps you \
                  through objective, metrics and charts. With no files it opens the bundled \
                  demo (Kabar Kini, a fictional Indonesian news outlet).\n\nUntil the \
                  interactive app arrives, `engage [PATHS]` prints the summary.",
    after_help = EXAMPLES,
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    /// Snapshot files to open (merged into one); none opens the bundled demo.
    #[arg(value_name = "PATHS")]
    pub paths: Vec<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check snapshot files: every error with file, line:column and JSON path; warnings apart.
    #[command(after_help = "Exit status: 0 all files valid (warnings allowed), 1 a file is invalid or unreadable, 2 usage error.")]
    Validate {
        /// Snapshot files to check (checked one by one, and together as a merge).
        #[arg(required = true, value_name = "PATHS")]
        paths: Vec<PathBuf>,
        /// Print the findings as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Describe snapshots: accounts, date ranges, posts per account and platform, field coverage.
    Summary {
        /// Snapshot files (merged into one); none describes the bundled demo.
        #[arg(value_name = "PATHS")]
        paths: Vec<PathBuf>,
        /// Print the summary as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Print the JSON Schema of snapshot format v1.
    Schema,
    /// Write the demo snapshot (seeded, so the same flags give the same file).
    Demo {
        /// Where to write it (written atomically).
        #[arg(long, short, value_name = "FILE")]
        out: PathBuf,
        /// Random seed.
        #[arg(long, default_value_t = crate::snapshot::demo::DemoSpec::default().seed)]
        seed: u64,
        /// Posts to generate in total (the bundled demo has about 8,000).
        #[arg(long, default_value_t = crate::snapshot::demo::DemoSpec::default().posts)]
        posts: usize,
        /// Days covered, ending on the export date.
        #[arg(long, default_value_t = crate::snapshot::demo::DemoSpec::default().days)]
        days: u32,
    },
}
