//! `protocols`: which authentication methods each RADIUS password protocol carries.

use std::io::{self, Write};

use nps_mfa_errors::export::{MethodRecord, ProtocolRecord};
use nps_mfa_errors::{AuthProtocol, Cloud, Method};

use crate::output::{wrap, DIM, HEADING};
use crate::Outcome;

#[derive(Debug, clap::Args)]
#[command(after_help = "Exit codes: 0 listed, 2 bad usage.")]
pub struct Args {
    /// The cloud to show it for (public, government or china, any case). The documents list no
    /// per-cloud difference in which methods a protocol carries; the output says so for the
    /// cloud named, and JSON gains `cloud`.
    #[arg(long, value_name = "CLOUD", value_parser = crate::values::cloud)]
    cloud: Option<Cloud>,
    /// Write JSON instead of text.
    #[arg(long)]
    json: bool,
}

pub fn run(args: &Args) -> io::Result<Outcome> {
    let mut out = anstream::stdout().lock();
    if args.json {
        let protocols: Vec<ProtocolRecord> = AuthProtocol::all().map(ProtocolRecord).collect();
        let methods: Vec<MethodRecord> = Method::all().map(MethodRecord).collect();
        let mut value = serde_json::json!({ "protocols": protocols, "methods": methods });
        if let (Some(cloud), Some(object)) = (args.cloud, value.as_object_mut()) {
            object.insert("cloud".to_owned(), serde_json::json!(cloud));
        }
        serde_json::to_writer_pretty(&mut out, &nps_mfa_errors::serve::sorted_keys(value))?;
        writeln!(out)?;
    } else {
        if let Some(cloud) = args.cloud {
            let text = format!(
                "{} (--cloud {cloud}): the documents list no per-cloud difference; this \
                 matrix holds in every cloud.",
                cloud.title()
            );
            write!(out, "{DIM}{}{DIM:#}", wrap("", 0, &text))?;
            writeln!(out)?;
        }
        write_matrix(&mut out, AuthProtocol::all())?;
        writeln!(out)?;
        writeln!(out, "{HEADING}Notes{HEADING:#}:")?;
        for protocol in AuthProtocol::all() {
            for cell in protocol.cells().iter().filter(|c| c.note().is_some()) {
                let text = format!(
                    "{} / {}: {}",
                    protocol.name(),
                    cell.method().title(),
                    cell.note().unwrap_or_default()
                );
                write!(out, "{}", wrap("- ", 2, &text))?;
            }
        }
        writeln!(out)?;
        writeln!(out, "{HEADING}Sources{HEADING:#}:")?;
        let mut seen: Vec<(&str, &str)> = Vec::new();
        for protocol in AuthProtocol::all() {
            for cell in protocol.cells() {
                for source in cell.sources() {
                    let key = (source.document().id(), source.section());
                    if !seen.contains(&key) {
                        seen.push(key);
                        let document = source.document();
                        let text = format!(
                            "{} ({}, {}), section \"{}\"",
                            document.title(),
                            document.date(),
                            document.locale(),
                            source.section()
                        );
                        write!(out, "{}", wrap("- ", 2, &text))?;
                    }
                }
            }
        }
    }
    out.flush()?;
    Ok(Outcome::Found)
}

/// The matrix for some protocols: one line per method, one column per protocol.
pub fn write_matrix(
    out: &mut impl Write,
    protocols: impl Iterator<Item = AuthProtocol> + Clone,
) -> io::Result<()> {
    let width = Method::all().map(|m| m.title().len()).max().unwrap_or(0);
    let mut header = format!("{:width$}", "Method");
    for protocol in protocols.clone() {
        header.push_str(&format!("  {:6}", protocol.name()));
    }
    writeln!(out, "{HEADING}{}{HEADING:#}", header.trim_end())?;
    for method in Method::all() {
        let mut line = format!("{:width$}", method.title());
        for protocol in protocols.clone() {
            let mark = if protocol.supports(method) {
                "yes"
            } else {
                "no"
            };
            line.push_str(&format!("  {mark:6}"));
        }
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}
