//! The headless commands. Each writes its output to a writer and returns the exit status, so
//! tests can run them without a process, and `main` stays a line long.
//!
//! Exit status: 0 success, 1 bad input or a failed command (an invalid file, an unknown plan,
//! a window outside the data), 2 usage (from clap).

mod error;
mod explore;
mod explore_sources;
mod export;
mod import;
mod plan;
mod report;
mod scope;
mod snapshot;

use std::io::{self, BufWriter, IsTerminal, Write};
use std::process::ExitCode;

use crate::cli::{Cli, Command, KpiCommand, PlanCommand};
use crate::demo::DemoSpec;
use crate::snapshot::schema::SCHEMA_JSON;

pub const EXIT_OK: u8 = 0;
pub const EXIT_INVALID: u8 = 1;
/// A usage error: what clap returns for a malformed flag, and what checks clap cannot make
/// (a target that does not parse for its metric) return too.
pub const EXIT_USAGE: u8 = 2;

pub use error::CommandError;
pub use import::OptionsError;
pub use snapshot::{demo, load, summary, validate};

/// Runs a parsed command line.
pub fn run(cli: Cli) -> ExitCode {
    choose_language(&cli);
    let stdout = io::stdout();
    // Everything printed passes one gate that makes hidden characters visible.
    let mut out = crate::text::Visible::new(BufWriter::new(stdout.lock()));
    let result = dispatch(cli, &mut out).and_then(|status| match out.flush() {
        Ok(()) => Ok(status),
        // Ended by a signal (a hangup, say): what could not be written had nowhere to go.
        Err(_) if status > 128 => Ok(status),
        Err(e) => Err(e),
    });
    match result {
        Ok(status) => ExitCode::from(status),
        // A closed pipe (`engage schema | head`) is the reader's choice, not a failure.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            // Not eprintln!: it panics when stderr is a terminal that is gone.
            let _ = writeln!(io::stderr(), "engage: error: {e}");
            ExitCode::from(EXIT_INVALID)
        }
    }
}

/// People read the language asked for: `--lang`, then the config's `lang`, then the locale
/// (`LC_ALL`, `LC_MESSAGES`, `LANG`); machines (JSON, CSV) always get English.
fn choose_language(cli: &Cli) {
    if machine_output(cli) {
        return;
    }
    if let Some(lang) = cli.lang {
        crate::i18n::set_from_flag(lang);
        return;
    }
    // A config that cannot be read is reported by the command that needs it (the app); here
    // it only means no language from it.
    let config = crate::folders::Folders::resolve(cli.home.as_deref())
        .ok()
        .and_then(|f| crate::tui::config::load(&f.config).ok())
        .and_then(|(c, _)| c.lang);
    crate::i18n::set(crate::i18n::detect(None, config, |v| std::env::var(v).ok()));
}

/// Whether the command writes for machines (JSON or CSV), whose texts stay English.
fn machine_output(cli: &Cli) -> bool {
    match &cli.command {
        Some(
            Command::Validate { json, .. }
            | Command::Summary { json, .. }
            | Command::Import { json, .. }
            | Command::Metrics { json, .. },
        ) => *json,
        Some(Command::Report(args)) => args.format == crate::cli::ReportFormat::Json,
        Some(Command::Explore(args)) => args.format != crate::cli::ExploreFormat::Md,
        Some(Command::Export(_) | Command::Schema) => true,
        _ => false,
    }
}

/// Prints `engage: error: …` and returns the usage status.
pub(crate) fn usage(message: impl std::fmt::Display) -> io::Result<u8> {
    refuse(message, EXIT_USAGE)
}

/// Prints `engage: error: …` and returns the failure status.
pub(crate) fn fail(message: impl std::fmt::Display) -> io::Result<u8> {
    refuse(message, EXIT_INVALID)
}

/// Prints `engage: error: …` (its control characters made visible: messages quote files)
/// and returns `status`.
pub(crate) fn refuse(message: impl std::fmt::Display, status: u8) -> io::Result<u8> {
    let text = message.to_string();
    eprintln!("engage: error: {}", crate::text::escape_controls(&text));
    Ok(status)
}

fn dispatch(cli: Cli, out: &mut dyn Write) -> io::Result<u8> {
    let home = cli.home.as_deref();
    if cli.print_default_config {
        out.write_all(crate::tui::config::default_text().as_bytes())?;
        return Ok(EXIT_OK);
    }
    // The snapshot cache every command that opens files goes through (none with --no-cache,
    // or without a home folder to put it in).
    let cache = (!cli.no_cache)
        .then(|| crate::snapshot::cache::Cache::resolve(home).ok())
        .flatten();
    // Export flags are read where a command opens files, so that a bad mapping file is only
    // an error for a command that would read it.
    let options = |args: &crate::cli::ImportArgs| {
        import::options(args).map(|o| crate::import::Options {
            cache: cache.clone(),
            ..o
        })
    };
    match cli.command {
        None => {
            let import = match options(&cli.import) {
                Ok(o) => o,
                Err(e) => return fail(e),
            };
            if std::io::stdout().is_terminal() && std::io::stdin().is_terminal() {
                let options = crate::tui::Options {
                    paths: cli.paths.clone(),
                    fresh: cli.fresh,
                    home: cli.home.clone(),
                    import,
                };
                crate::tui::run(&options)
            } else {
                summary(&cli.paths, &import, false, out)
            }
        }
        Some(Command::Validate {
            paths,
            json,
            import,
        }) => match options(&import) {
            Ok(o) => validate(&paths, &o, json, out),
            Err(e) => fail(e),
        },
        Some(Command::Summary {
            paths,
            json,
            import,
        }) => match options(&import) {
            Ok(o) => summary(&paths, &o, json, out),
            Err(e) => fail(e),
        },
        Some(Command::Import {
            paths,
            out: path,
            json,
            import,
        }) => match options(&import) {
            Ok(o) => import::import(&paths, &o, &path, json, out),
            Err(e) => fail(e),
        },
        Some(Command::Schema) => {
            out.write_all(SCHEMA_JSON.as_bytes())?;
            Ok(EXIT_OK)
        }
        Some(Command::Demo {
            out: path,
            seed,
            posts,
            days,
        }) => demo(&path, &DemoSpec { seed, posts, days }, out),
        Some(Command::Metrics { json }) => plan::metrics(json, out),
        Some(Command::Cache { action }) => {
            snapshot::cache(home, action.unwrap_or(crate::cli::CacheCommand::Info), out)
        }
        Some(Command::Plan { command }) => match command {
            PlanCommand::New {
                template,
                name,
                objective,
            } => plan::new(home, template.as_deref(), &name, objective.as_deref(), out),
            PlanCommand::List => plan::list(home, out),
            PlanCommand::Show { name } => plan::show(home, &name, out),
            PlanCommand::Templates => plan::templates(out),
            PlanCommand::Kpi { command } => match command {
                KpiCommand::Add {
                    name,
                    metric,
                    target,
                } => plan::kpi_add(home, &name, &metric, target.as_deref(), out),
                KpiCommand::Remove { name, metric } => plan::kpi_remove(home, &name, &metric, out),
            },
            PlanCommand::Set {
                name,
                objective,
                window,
                segment,
            } => plan::set(home, &name, objective, window, &segment, out),
        },
        Some(Command::Explore(args)) => match options(&args.import) {
            Ok(o) => explore::explore(home, &args, &o, out),
            Err(e) => fail(e),
        },
        Some(Command::Export(args)) => match options(&args.import) {
            Ok(o) => export::export(home, &args, &o, out),
            Err(e) => fail(e),
        },
        Some(Command::Report(args)) => match options(&args.import) {
            Ok(o) => report::report(home, &args, &o, out),
            Err(e) => fail(e),
        },
    }
}

/// The `[content]` settings of the config folder in force (defaults without a home folder).
pub(crate) fn content_settings(
    home: Option<&std::path::Path>,
) -> Result<crate::analysis::settings::ContentSettings, crate::analysis::settings::SettingsError> {
    match crate::folders::Folders::resolve(home) {
        Ok(f) => crate::analysis::settings::load(&f.config),
        Err(_) => Ok(crate::analysis::settings::ContentSettings::default()),
    }
}
