//! The `engage` binary: parse the command line, run the command, exit with its status.

use clap::Parser;

fn main() -> std::process::ExitCode {
    engage::panics::install_hook();
    engage::commands::run(engage::cli::Cli::parse())
}
