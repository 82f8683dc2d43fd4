//! The command line: commands, flags and examples (clap). Behaviour lives in `commands`.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::measure::SegmentEntry;

const EXAMPLES: &str = "\
Examples:
  engage                                  open the app on the bundled demo (Kabar Kini)
  engage exports/2026-*.json              open several snapshots as one
  engage validate data.json               check a file: exit 0 valid, 1 invalid, 2 usage
  engage validate --json a.json b.json    the same, as JSON for scripts
  engage summary data.json                accounts, date ranges, field coverage
  engage schema > snapshot.schema.json    the JSON Schema of snapshot format v1
  engage demo --out demo.json             write the demo snapshot to a file
  engage ~/Downloads/tweets/              open platform exports (CSV) directly
  engage import exports/ -o snap.json     turn exports into one snapshot, with a report
  engage import page.csv -o fb.json --utc-offset +07:00 --account vic
  engage plan templates                   the objective templates
  engage plan new --template website-loyalty --name web
  engage report --plan web                the plan's scorecard on the demo, last 28 days
  engage report --plan web data.json --last 90d --format json -o web.json
  engage report --plan web --format html -o review.html   a page to mail or print
  engage report --metric er_reach --metric ctr --from 2026-10-01 --to 2026-10-28
  engage export posts data.json --last 90d -o posts.csv
  engage metrics                          the metric catalogue with formulas

Snapshot format v1 is documented in the README and by `engage schema`.";

// Each subcommand's examples, shown by `engage <command> --help` (a test checks that every
// subcommand has an `Examples:` block and that each example parses).
const VALIDATE_HELP: &str = "\
Examples:
  engage validate data.json                   check a snapshot or an export
  engage validate --json exports/ data.json   every file, as JSON for scripts
  engage validate page.csv --utc-offset +07:00

Exit status: 0 all files valid (warnings allowed), 1 a file is invalid or unreadable, 2 usage error.";

const SUMMARY_HELP: &str = "\
Examples:
  engage summary                          the bundled demo
  engage summary exports/                 what a folder of exports holds, per file
  engage summary --json a.json b.json     two snapshots merged: rows kept and replaced per file";

const SCHEMA_HELP: &str = "\
Examples:
  engage schema > snapshot.schema.json";

const DEMO_HELP: &str = "\
Examples:
  engage demo --out demo.json             the bundled demo, byte for byte
  engage demo --out big.json --posts 100000 --days 1095 --seed 7";

const METRICS_HELP: &str = "\
Examples:
  engage metrics                          formulas, aggregation, what each needs, sources
  engage metrics --json";

const CACHE_INFO_HELP: &str = "\
Examples:
  engage cache info";

const CACHE_CLEAR_HELP: &str = "\
Examples:
  engage cache clear";

const PLAN_HELP: &str = "\
Examples:
  engage plan templates
  engage plan new --template website-loyalty --name web
  engage plan list
  engage plan show web
  engage plan kpi add web ctr --target '>= 1.5%'
  engage plan set web --window 4w --segment account=ig";

const PLAN_NEW_HELP: &str = "\
Examples:
  engage plan new --template website-loyalty --name web
  engage plan new --template engagement --name community --objective 'Readers who talk back'
  engage plan new --name blank                  no KPIs yet: add them with `engage plan kpi add`";

const PLAN_LIST_HELP: &str = "\
Examples:
  engage plan list
  engage --home ~/team plan list          the plans of another home folder";

const PLAN_SHOW_HELP: &str = "\
Examples:
  engage plan show web";

const PLAN_TEMPLATES_HELP: &str = "\
Examples:
  engage plan templates";

const PLAN_KPI_HELP: &str = "\
Examples:
  engage plan kpi add web ctr --target '>= 1.5%'
  engage plan kpi remove web ctr";

const PLAN_KPI_ADD_HELP: &str = "\
Targets: `>= 4.5%`, `<= 120`, `+5% prev` (against the previous period), `+0% median` (at least
the trailing 90-day median), or `none`. Percent metrics take absolute targets in percent.

Examples:
  engage plan kpi add web ctr --target '>= 1.5%'
  engage plan kpi add web er_reach --target '+0% median'
  engage plan kpi add web ctr --target none       keep the KPI, judge it no more";

const PLAN_KPI_REMOVE_HELP: &str = "\
Examples:
  engage plan kpi remove web ctr";

const PLAN_SET_HELP: &str = "\
Segments: KIND=VALUE includes, KIND!=VALUE excludes, KIND one of account, platform, \
format, tag. Several includes of one kind are OR (account=ig --segment account=fb: either), \
kinds are AND (format=video with tag=news: news videos), excludes win.

Examples:
  engage plan set web --objective 'Be more engaged with my website audience'
  engage plan set web --window 2026-10-01..2026-10-31
  engage plan set web --segment platform=instagram --segment tag!=promo
  engage plan set web --segment all               judge all the data again";

/// Engagement, not followers: a terminal app for social-media and web analytics snapshots.
#[derive(Debug, Parser)]
#[command(
    name = "engage",
    version,
    about,
    long_about = "engage loads snapshots of social accounts and web analytics and steps you \
                  through Data, Objective, Metrics, Charts and Review, by keyboard (? shows the \
                  keys). With no files it opens the bundled demo (Kabar Kini, a fictional \
                  Indonesian news outlet). When standard output is not a terminal, \
                  `engage [PATHS]` prints the summary instead.",
    after_help = EXAMPLES
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    /// Snapshots, platform exports (CSV) or folders of them to open (merged into one); none
    /// opens the bundled demo.
    #[arg(value_name = "PATHS")]
    pub paths: Vec<PathBuf>,

    /// Keep plans and settings under DIR (overrides ENGAGE_HOME and the XDG folders).
    #[arg(long, global = true, value_name = "DIR")]
    pub home: Option<PathBuf>,

    /// Parse every snapshot file, and keep nothing in the cache (by default a valid snapshot
    /// of 8 MiB or more is kept, as columns, in engage's cache folder, and reopens from there
    /// until the file changes; `engage cache` shows where).
    #[arg(long, global = true)]
    pub no_cache: bool,

    /// Start clean: do not reopen the last session's files and plan.
    #[arg(long)]
    pub fresh: bool,

    /// Print the default config file (theme, mouse, every key binding) and exit.
    #[arg(long)]
    pub print_default_config: bool,

    /// The language of the app and of what commands print for people: en or id (Bahasa
    /// Indonesia). Default: the config's `lang`, else the locale (LC_ALL, LC_MESSAGES, LANG
    /// beginning with `id`), else English. JSON and CSV are always English.
    #[arg(long, global = true, value_name = "LANG", value_parser = lang)]
    pub lang: Option<crate::i18n::Lang>,

    #[command(flatten)]
    pub import: ImportArgs,
}

/// How to read platform exports (CSV files); the commands that open files take these.
#[derive(Clone, Debug, Default, clap::Args)]
#[command(next_help_heading = "Reading exports (CSV)")]
pub struct ImportArgs {
    /// Account id for the exports' rows (default: named from the file, or the platform).
    #[arg(long, value_name = "ID")]
    pub account: Option<String>,
    /// Platform of that account (facebook instagram x youtube tiktok linkedin threads other).
    #[arg(long, value_name = "P", value_parser = platform_name)]
    pub platform: Option<String>,
    /// Handle of that account (`@name`).
    #[arg(long, value_name = "H")]
    pub handle: Option<String>,
    /// The offset whose days exports are counted in (such as -05:00): times an export writes
    /// without an offset (Facebook's page-local times) are read at it, times with their own
    /// offset are converted to it (the same instants), and `engage import` writes it as the
    /// snapshot's `utc_offset`. Snapshot JSON files keep their own `utc_offset`.
    #[arg(
        long,
        value_name = "±HH:MM",
        allow_hyphen_values = true,
        value_parser = utc_offset
    )]
    pub utc_offset: Option<String>,
    /// Read every CSV file through this mapping file (see assets/mappings/example.toml).
    #[arg(long, value_name = "FILE")]
    pub mapping: Option<PathBuf>,
}

/// What a flag's value should have been; clap puts it after "invalid value '…' for '--flag'",
/// and the mistake is a usage error.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum FlagValueError {
    #[error("expected {}", crate::snapshot::model::Platform::expected())]
    Platform,
    #[error("expected ±HH:MM, such as +07:00 or -05:00")]
    UtcOffset,
    #[error("expected a date, YYYY-MM-DD")]
    Date,
    #[error("expected days or weeks, such as 28d or 4w")]
    Span,
    #[error("expected account, platform, format, tag, weekday, hour or content")]
    Dim,
}

/// `--platform`: one of the format's platforms (any case), checked while parsing so that a
/// typo is a usage error.
fn platform_name(text: &str) -> Result<String, FlagValueError> {
    crate::snapshot::model::Platform::parse(&text.to_lowercase())
        .map(|_| text.to_owned())
        .ok_or(FlagValueError::Platform)
}

/// `--utc-offset`: `±HH:MM`.
fn utc_offset(text: &str) -> Result<String, FlagValueError> {
    crate::calendar::parse_offset(text)
        .map(|_| text.to_owned())
        .ok_or(FlagValueError::UtcOffset)
}

/// A date flag: `YYYY-MM-DD`.
fn date(text: &str) -> Result<String, FlagValueError> {
    crate::calendar::parse_date(text)
        .map(|_| text.to_owned())
        .ok_or(FlagValueError::Date)
}

/// `--lang`: en or id.
fn lang(s: &str) -> Result<crate::i18n::Lang, String> {
    crate::i18n::Lang::parse(s).ok_or_else(|| format!("expected en or id, not `{s}`"))
}

/// `--last`: days or weeks.
fn span(text: &str) -> Result<String, FlagValueError> {
    // Any length reads here; the command refuses one longer than a century (usage, 2).
    crate::measure::query::parse_any_span(text)
        .map(|_| text.to_owned())
        .ok_or(FlagValueError::Span)
}

/// A plan's window: `28d`, `4w`, or `YYYY-MM-DD..YYYY-MM-DD`.
fn window_spec(
    text: &str,
) -> Result<crate::measure::plan::WindowSpec, crate::measure::plan::WindowError> {
    crate::measure::plan::WindowSpec::parse(text)
}

/// What `engage cache` does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Subcommand)]
pub enum CacheCommand {
    /// Where the cache is, how many entries it holds and their size (the default).
    #[command(after_help = CACHE_INFO_HELP)]
    Info,
    /// Remove every entry.
    #[command(after_help = CACHE_CLEAR_HELP)]
    Clear,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check snapshot files: every error with file, line:column and JSON path; warnings apart.
    #[command(after_help = VALIDATE_HELP)]
    Validate {
        /// Snapshots, exports or folders to check (one by one, and together as a merge).
        #[arg(required = true, value_name = "PATHS")]
        paths: Vec<PathBuf>,
        /// Print the findings as JSON.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        import: ImportArgs,
    },
    /// Describe snapshots: accounts, date ranges, posts per account and platform, field coverage.
    #[command(after_help = SUMMARY_HELP)]
    Summary {
        /// Snapshots, exports or folders (merged into one); none describes the bundled demo.
        #[arg(value_name = "PATHS")]
        paths: Vec<PathBuf>,
        /// Print the summary as JSON.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        import: ImportArgs,
    },
    /// Turn platform exports (X, Facebook, YouTube, GA4, or any CSV with --mapping) into one
    /// snapshot: per file, the family, account, rows read, imported and skipped, and fields.
    #[command(after_help = "\
Files and folders may mix exports and snapshots; a folder is scanned for known exports and
other files are listed as skipped. The snapshot is written atomically and checked as
`engage validate` would.

Examples:
  engage import exports/ -o snapshot.json
  engage import page.csv -o fb.json --utc-offset +07:00 --account vic --platform facebook
  engage import odd.csv --mapping assets/mappings/example.toml -o snapshot.json

Exit status: 0 written, 1 a named file could not be imported or nothing was imported, 2 usage.")]
    Import {
        /// Export files and folders (and snapshots to merge with them).
        #[arg(required = true, value_name = "PATHS")]
        paths: Vec<PathBuf>,
        /// The snapshot to write.
        #[arg(long, short, value_name = "FILE")]
        out: PathBuf,
        /// Print the per-file reports as JSON.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        import: ImportArgs,
    },
    /// Print the JSON Schema of snapshot format v1.
    #[command(after_help = SCHEMA_HELP)]
    Schema,
    /// Write the demo snapshot (seeded, so the same flags give the same file).
    #[command(after_help = DEMO_HELP)]
    Demo {
        /// Where to write it (written atomically).
        #[arg(long, short, value_name = "FILE")]
        out: PathBuf,
        /// Random seed.
        #[arg(long, default_value_t = crate::demo::DemoSpec::default().seed)]
        seed: u64,
        /// Posts to generate in total (the bundled demo has about 8,000); at least 1.
        #[arg(long, default_value_t = crate::demo::DemoSpec::default().posts,
              value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..))]
        posts: usize,
        /// Days covered, ending on the export date; at least 1.
        #[arg(long, default_value_t = crate::demo::DemoSpec::default().days,
              value_parser = clap::value_parser!(u32).range(1..))]
        days: u32,
    },
    /// Show the snapshot cache (where it is, its entries and size), or empty it.
    #[command(after_help = "\
A valid snapshot file of 8 MiB or more is kept, as its loaded columns and its warnings, in the
cache folder (DIR/cache with --home DIR or ENGAGE_HOME=DIR, else XDG_CACHE_HOME/engage, else
the platform's cache folder), keyed by its path, size, modification time and a hash of its
whole content: the next open reads the columns back instead of parsing, and any change to
the file parses it again. The folder is capped at 2 GB (ENGAGE_CACHE_MAX_MB, in MB), least recently
used entries first. --no-cache, on any command and the app, neither reads nor writes it.

Examples:
  engage cache                            where the cache is, its entries and size
  engage cache clear                      empty it")]
    Cache {
        #[command(subcommand)]
        action: Option<CacheCommand>,
    },
    /// List the metric catalogue: formulas, aggregation, units, sources.
    #[command(after_help = METRICS_HELP)]
    Metrics {
        /// Print the catalogue as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Create, list and show measurement plans (objective, goals, KPIs with targets, segment).
    #[command(after_help = PLAN_HELP)]
    Plan {
        #[command(subcommand)]
        command: PlanCommand,
    },
    /// Judge a plan (or any metrics) on snapshots: values, targets, status, previous period.
    #[command(after_help = "\
Windows are days in the snapshot's utc_offset. Without --from/--to or --last, the plan's default
window is used (the last 28 days of the data for a new plan). The JSON output has one object per
metric with its `id` and a numeric `value` (a ratio, not a percent), or null with a `reason`.

Segments: --segment KIND=VALUE includes, --segment KIND!=VALUE excludes (repeatable), KIND one of
account, platform, format, tag. Several includes of one kind are OR, kinds are AND, excludes
win; with --plan, they join the plan's own segment.

Examples:
  engage report --plan web                the plan's scorecard on the demo, its window
  engage report --plan web exports/ --last 90d --format html -o review.html
  engage report --plan web --format json --granularity day -o web.json
  engage report --metric er_reach --metric ctr --from 2026-10-01 --to 2026-10-28
  engage report --metric er_reach --segment platform=instagram --segment tag!=promo

Exit status: 0 report written, 1 bad input (invalid file, unknown plan or metric, an account or
tag the data does not have, window outside the data), 2 usage error (a malformed flag value).")]
    Report(ReportArgs),
    /// Look for what the totals hide: a metric by dimensions, the best time to post, promo
    /// against audience-first posts.
    #[command(after_help = "\
Lenses: breakdown (--by DIM[,DIM]: account platform format tag weekday hour content; or --by
source: website visits by source, direct traffic and the site apart), best-time
(weekday x hour of publication, in the snapshot's utc_offset), content (promo: posts tagged
promo, or, when no post is, whose text holds a word of the promo lexicon; the rest:
audience-first). Per-post metrics add each group's mean, median, quartiles and a 95% bootstrap
interval of the median (2,000 resamples, fixed seed). Windows and segments as `engage report`.

Examples:
  engage explore breakdown --metric er_reach --by account,format --last 90d
  engage explore breakdown --by source --last 28d
  engage explore best-time --metric er_impressions --segment account=ig
  engage explore breakouts --metric er_followers --last 365d --format csv
  engage explore followers --last 730d
  engage explore content --metric er_impressions --format json

Exit status: 0 written, 1 bad input (a metric the lens cannot use, an account or tag the data
does not have), 2 usage.")]
    Explore(ExploreArgs),
    /// Write the posts of a window, a metric's series or a breakdown as CSV, for spreadsheets
    /// and scripts.
    #[command(after_help = "\
posts: one row per post in the window and segment: id, account, platform, format,
published_at (RFC 3339 in the snapshot's utc_offset), tags (joined with ;), text, url, each
count the data has, interactions, and each per-post rate as a ratio (er_reach_ratio: 0.05 is
5%). --columns picks and orders them.
series: the metric per bucket, for all the segment's accounts together (account \"(all)\") and
per account: bucket_from,bucket_to,account,<metric>,used,left_out,counted,partial,reason.
breakdown: as `engage explore breakdown --format csv`.

RFC 4180 (CRLF), UTF-8; a value not known is an empty cell, never 0; text that a spreadsheet
would run as a formula (=, +, -, @, tab or a line break first) gets a leading '. Windows and
segments as `engage report` (default: the last 28 days of the data).

Examples:
  engage export posts data.json --last 90d -o posts.csv
  engage export posts --columns id,published_at,er_reach_ratio --segment account=ig
  engage export series --metric er_reach --granularity week --last 12w
  engage export breakdown --metric er_impressions --by account,format
  engage export snapshot exports/ -o kk/          Parquet tables for a warehouse (--ndjson)

Exit status: 0 written, 1 bad input (an unknown metric or column, an account or tag the data
does not have), 2 usage.")]
    Export(ExportArgs),
}

#[derive(Debug, Subcommand)]
pub enum PlanCommand {
    /// Create a plan from an objective template (or blank without --template).
    #[command(after_help = PLAN_NEW_HELP)]
    New {
        /// Template id (see `engage plan templates`).
        #[arg(long, value_name = "ID")]
        template: Option<String>,
        /// The plan's name (unique; it also names the file).
        #[arg(long, value_name = "NAME")]
        name: String,
        /// The business objective in your words (default: the template's).
        #[arg(long, value_name = "TEXT")]
        objective: Option<String>,
    },
    /// List saved plans (and files in the plans folder that are not readable plans).
    #[command(after_help = PLAN_LIST_HELP)]
    List,
    /// Show a plan: objective, goals, KPIs with targets, segment, window.
    #[command(after_help = PLAN_SHOW_HELP)]
    Show {
        /// The plan's name.
        name: String,
    },
    /// List the objective templates and the KPIs each proposes.
    #[command(after_help = PLAN_TEMPLATES_HELP)]
    Templates,
    /// Add or remove a plan's KPIs (and set their targets).
    #[command(after_help = PLAN_KPI_HELP)]
    Kpi {
        #[command(subcommand)]
        command: KpiCommand,
    },
    /// Change a plan's objective, default window or segment.
    #[command(after_help = PLAN_SET_HELP)]
    Set {
        /// The plan's name.
        name: String,
        /// The business objective in your words.
        #[arg(long, value_name = "TEXT")]
        objective: Option<String>,
        /// The default window: the last `28d` / `4w` of the data, or `YYYY-MM-DD..YYYY-MM-DD`.
        #[arg(long, value_name = "SPAN", value_parser = window_spec)]
        window: Option<crate::measure::plan::WindowSpec>,
        /// The segment the plan is judged on (repeatable; replaces the plan's segment;
        /// `--segment all` clears it).
        #[arg(long, value_name = "KIND=VALUE", value_parser = segment_or_all)]
        segment: Vec<SegmentArg>,
    },
}

/// Changes to a plan's KPIs.
#[derive(Debug, Subcommand)]
pub enum KpiCommand {
    /// Add a catalogue metric as a KPI (or set the target of one the plan has).
    #[command(after_help = PLAN_KPI_ADD_HELP)]
    Add {
        /// The plan's name.
        name: String,
        /// The metric's id (see `engage metrics`).
        metric: String,
        /// The KPI's target.
        #[arg(long, value_name = "EXPR", allow_hyphen_values = true)]
        target: Option<String>,
    },
    /// Remove a KPI from a plan.
    #[command(after_help = PLAN_KPI_REMOVE_HELP)]
    Remove {
        /// The plan's name.
        name: String,
        /// The metric's id.
        metric: String,
    },
}

/// A `--segment` value of `plan set`: an entry, or `all` (no segment).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SegmentArg {
    All,
    Entry(SegmentEntry),
}

fn segment_or_all(text: &str) -> Result<SegmentArg, crate::measure::SegmentError> {
    if text.trim() == "all" {
        return Ok(SegmentArg::All);
    }
    text.parse().map(SegmentArg::Entry)
}

/// Output formats of `engage report`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    Md,
    Json,
    /// One self-contained page (inline CSS and SVG charts, no script) to mail or print.
    Html,
}

#[derive(Debug, clap::Args)]
#[command(group(clap::ArgGroup::new("what").required(true).args(["plan", "metric"])))]
pub struct ReportArgs {
    /// The plan to judge: a saved plan's name or a plan file's path (or use --metric).
    #[arg(long, value_name = "NAME|FILE")]
    pub plan: Option<String>,
    /// Report this catalogue metric without a plan (repeatable; or use --plan).
    #[arg(long, value_name = "ID")]
    pub metric: Vec<String>,
    /// Snapshots, exports or folders (merged); none uses the bundled demo.
    #[arg(value_name = "PATHS")]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub scope: ScopeArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Md)]
    pub format: ReportFormat,
    /// Write to FILE (atomically) instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Buckets of the series (the JSON output's and the HTML charts').
    #[arg(long, value_enum, default_value_t = GranularityArg::Week)]
    pub granularity: GranularityArg,
    #[command(flatten)]
    pub import: ImportArgs,
}

/// Which days and which part of the data a command reads: the same flags for `report` and
/// `explore`.
#[derive(Clone, Debug, Default, clap::Args)]
pub struct ScopeArgs {
    /// First day of the window (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", requires = "to", conflicts_with = "last", value_parser = date)]
    pub from: Option<String>,
    /// Last day of the window (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", requires = "from", value_parser = date)]
    pub to: Option<String>,
    /// The last N days (`28d`) or weeks (`4w`) of the data.
    #[arg(long, value_name = "SPAN", value_parser = span)]
    pub last: Option<String>,
    /// Only part of the data: KIND=VALUE includes, KIND!=VALUE excludes (repeatable;
    /// KIND: account, platform, format, tag).
    #[arg(long, value_name = "KIND=VALUE")]
    pub segment: Vec<SegmentEntry>,
}

/// Lenses of `engage explore`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Lens {
    /// A metric by one or two dimensions.
    Breakdown,
    /// Weekday x hour of publication.
    BestTime,
    /// Promo against audience-first posts.
    Content,
    /// Posts far above their account's own last 90 days.
    Breakouts,
    /// Follower jumps, explained or not ("engagement, not followers").
    Followers,
}

/// Output formats of `engage explore`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ExploreFormat {
    Md,
    Json,
    Csv,
}

#[derive(Debug, clap::Args)]
pub struct ExploreArgs {
    /// The lens.
    #[arg(value_enum)]
    pub lens: Lens,
    /// Snapshots, exports or folders (merged); none uses the bundled demo.
    #[arg(value_name = "PATHS")]
    pub paths: Vec<PathBuf>,
    /// The metric (default: the first engagement rate the data supports).
    #[arg(long, value_name = "ID")]
    pub metric: Option<String>,
    /// Dimensions of a breakdown, one or two: account, platform, format, tag, weekday, hour,
    /// content (`--by account,format`); or `source` alone: website visits by source.
    #[arg(long, value_name = "DIM[,DIM]", value_delimiter = ',', value_parser = dim)]
    pub by: Vec<crate::analysis::dims::Dim>,
    #[command(flatten)]
    pub scope: ScopeArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ExploreFormat::Md)]
    pub format: ExploreFormat,
    /// Write to FILE (atomically) instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub import: ImportArgs,
}

/// What `engage export` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportKind {
    /// One row per post, with its counts and per-post rates.
    Posts,
    /// A metric per day, week or month, for all accounts and per account.
    Series,
    /// A metric by one or two dimensions.
    Breakdown,
    /// All of the data (every row, merged) as snapshot tables in the folder given by -o:
    /// `snapshot.json` and a Parquet file per table (NDJSON with --ndjson), for a warehouse.
    Snapshot,
}

#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// What to write.
    #[arg(value_enum)]
    pub what: ExportKind,
    /// Snapshots, exports or folders (merged); none uses the bundled demo.
    #[arg(value_name = "PATHS")]
    pub paths: Vec<PathBuf>,
    /// The metric of a series or breakdown (default: the first engagement rate the data
    /// supports).
    #[arg(long, value_name = "ID")]
    pub metric: Option<String>,
    /// Dimensions of a breakdown, one or two (default: account).
    #[arg(long, value_name = "DIM[,DIM]", value_delimiter = ',', value_parser = dim)]
    pub by: Vec<crate::analysis::dims::Dim>,
    /// Buckets of a series (default: day).
    #[arg(long, value_enum)]
    pub granularity: Option<GranularityArg>,
    /// The posts file's columns, in this order (names as in its header; a per-post metric's
    /// id also names its column).
    #[arg(long, value_name = "A,B,C", value_delimiter = ',')]
    pub columns: Vec<String>,
    #[command(flatten)]
    pub scope: ScopeArgs,
    /// Write to FILE (atomically) instead of standard output; for `snapshot`, the new
    /// folder to write the tables into.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// `snapshot` only: write the tables as NDJSON (one record per line) instead of Parquet.
    #[arg(long)]
    pub ndjson: bool,
    #[command(flatten)]
    pub import: ImportArgs,
}

/// `--by`: a dimension name.
fn dim(text: &str) -> Result<crate::analysis::dims::Dim, FlagValueError> {
    crate::analysis::dims::Dim::parse(text).ok_or(FlagValueError::Dim)
}

/// Series buckets.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum GranularityArg {
    Day,
    Week,
    Month,
}

impl From<GranularityArg> for crate::measure::Granularity {
    fn from(g: GranularityArg) -> Self {
        match g {
            GranularityArg::Day => crate::measure::Granularity::Day,
            GranularityArg::Week => crate::measure::Granularity::Week,
            GranularityArg::Month => crate::measure::Granularity::Month,
        }
    }
}
