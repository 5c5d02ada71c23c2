//! `protocols`: which authentication methods each RADIUS password protocol carries.

use std::io::{self, Write};

use nps_mfa_errors::export::{MethodRecord, ProtocolRecord};
use nps_mfa_errors::{AuthProtocol, Method};

use crate::output::{wrap, HEADING};
use crate::Outcome;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Write JSON instead of text.
    #[arg(long)]
    json: bool,
}

pub fn run(args: &Args) -> io::Result<Outcome> {
    let mut out = anstream::stdout().lock();
    if args.json {
        let protocols: Vec<ProtocolRecord> = AuthProtocol::all().map(ProtocolRecord).collect();
        let methods: Vec<MethodRecord> = Method::all().map(MethodRecord).collect();
        let value = serde_json::json!({ "protocols": protocols, "methods": methods });
        serde_json::to_writer_pretty(&mut out, &crate::output::sorted_keys(value))?;
        writeln!(out)?;
    } else {
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
