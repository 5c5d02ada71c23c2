//! `nps-mfa-errors`: look up NPS extension error codes and messages offline.
//!
//! Exit codes: 0 found, 1 not found (a suggestion on stderr), 2 bad usage or unreadable input.

#![forbid(unsafe_code)]

mod bundle_report;
mod endpoints;
mod explain;
mod export;
mod list;
mod output;
mod protocols;
mod scan;
mod search;
mod serve;
mod settings;
mod values;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Offline knowledge base of the NPS extension for Microsoft Entra multifactor authentication:
/// every documented error code, its messages, its category and what to do about it.
#[derive(Debug, Parser)]
#[command(
    name = "nps-mfa-errors",
    version,
    about,
    max_term_width = 80,
    after_help = "\
Exit codes: 0 found (or written), 1 nothing found (suggestions on stderr), 2 bad \
usage or unreadable input (for scan: the other inputs are still scanned and \
reported)."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Explain anything pasted: a code (any case, quoted), a message, a whole log line or
    /// event, a registry setting or a symptom.
    Explain(explain::Args),
    /// List every documented code with its categories and summary, fitted to the terminal.
    List(list::Args),
    /// Write the whole catalog as JSON, YAML, CSV or Markdown, or as SIEM lookups (KQL, a
    /// lookup CSV, NDJSON).
    Export(export::Args),
    /// List the extension's registry settings: values, defaults, per-cloud values (or one
    /// cloud's with --cloud), codes.
    Settings(settings::Args),
    /// List the endpoints and ports each cloud needs, and the event logs.
    Endpoints(endpoints::Args),
    /// Show which authentication methods PAP, CHAPv2 and EAP carry.
    Protocols(protocols::Args),
    /// Find every documented code and message in logs (files, folders, or stdin) and report
    /// them grouped by code.
    Scan(scan::Args),
    /// Serve the JSON API and web pages a support dashboard embeds (until Ctrl-C).
    Serve(serve::Args),
    /// Search codes, settings and symptoms by keywords ("number matching", "vpn fails").
    Search(search::Args),
}

/// How a command ended, as the process exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    Found,
    NotFound,
    Failed,
}

impl From<Outcome> for ExitCode {
    fn from(outcome: Outcome) -> Self {
        match outcome {
            Outcome::Found => ExitCode::SUCCESS,
            Outcome::NotFound => ExitCode::from(1),
            Outcome::Failed => ExitCode::from(2),
        }
    }
}

fn main() -> ExitCode {
    // `Cli::parse` panics when it cannot write its message (a closed stderr).
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            let _ = error.print();
            return ExitCode::from(u8::try_from(error.exit_code()).unwrap_or(2));
        }
    };
    let result = match cli.command {
        Command::Explain(args) => explain::run(&args),
        Command::List(args) => list::run(&args),
        Command::Export(args) => export::run(&args),
        Command::Settings(args) => settings::run(&args),
        Command::Endpoints(args) => endpoints::run(&args),
        Command::Protocols(args) => protocols::run(&args),
        Command::Scan(args) => scan::run(&args),
        Command::Serve(args) => serve::run(&args),
        Command::Search(args) => search::run(&args),
    };
    match result {
        Ok(outcome) => outcome.into(),
        Err(error) => {
            // A closed pipe (`| head`) is not a failure of ours.
            if error.kind() == std::io::ErrorKind::BrokenPipe {
                return ExitCode::SUCCESS;
            }
            output::warn(output::escape(&error.to_string()));
            Outcome::Failed.into()
        }
    }
}
