//! `endpoints`: what each cloud's NPS servers must reach, the RADIUS ports and the event logs.

use std::io::{self, Write};

use nps_mfa_errors::export::EventChannelRecord;
use nps_mfa_errors::{Cloud, Endpoint, EventChannel, Phase, Setting, Transport};

use crate::output::{wrap, CODE, DIM, HEADING};
use crate::Outcome;

#[derive(Debug, clap::Args)]
#[command(after_help = "Exit codes: 0 listed, 2 bad usage.")]
pub struct Args {
    /// Only this cloud: public, government or china, in any case (default: every cloud).
    #[arg(long, value_name = "CLOUD", value_parser = crate::values::cloud)]
    cloud: Option<Cloud>,
    /// Write JSON instead of text.
    #[arg(long)]
    json: bool,
}

pub fn run(args: &Args) -> io::Result<Outcome> {
    let clouds: Vec<Cloud> = match args.cloud {
        Some(cloud) => vec![cloud],
        None => Cloud::all().collect(),
    };
    let mut out = anstream::stdout().lock();
    if args.json {
        let clouds: Vec<_> = clouds
            .iter()
            .map(|&cloud| {
                let settings: serde_json::Map<String, serde_json::Value> = Setting::all()
                    .filter_map(|s| {
                        s.value_for(cloud)
                            .map(|v| (s.as_str().to_owned(), v.into()))
                    })
                    .collect();
                serde_json::json!({
                    "id": cloud,
                    "title": cloud.title(),
                    "summary": cloud.summary(),
                    "endpoints": cloud.endpoints(),
                    "settings": settings,
                })
            })
            .collect();
        let channels: Vec<EventChannelRecord> =
            EventChannel::all().map(EventChannelRecord).collect();
        let value = serde_json::json!({ "clouds": clouds, "event_channels": channels });
        serde_json::to_writer_pretty(&mut out, &nps_mfa_errors::serve::sorted_keys(value))?;
        writeln!(out)?;
    } else {
        for (i, &cloud) in clouds.iter().enumerate() {
            if i > 0 {
                writeln!(out)?;
            }
            write_cloud(&mut out, cloud)?;
        }
        writeln!(out)?;
        writeln!(out, "{HEADING}Event logs{HEADING:#} (every cloud):")?;
        for channel in EventChannel::all() {
            write!(
                out,
                "{}",
                wrap(
                    "  - ",
                    4,
                    &format!("{}: {}", channel.log_name(), channel.summary())
                )
            )?;
        }
    }
    out.flush()?;
    Ok(Outcome::Found)
}

/// Which endpoints a group of the listing shows.
type Keep = fn(&Endpoint) -> bool;

fn write_cloud(out: &mut impl Write, cloud: Cloud) -> io::Result<()> {
    writeln!(out, "{CODE}{}{CODE:#}  {DIM}{cloud}{DIM:#}", cloud.title())?;
    write!(out, "{}", wrap("", 0, cloud.summary()))?;
    let endpoints = cloud.endpoints();
    let groups: [(&str, Keep); 3] = [
        ("Run time (from the NPS server)", |e| {
            e.phase() == Phase::RunTime && e.transport() == Transport::Tcp
        }),
        ("Set-up only (AzureMfaNpsExtnConfigSetup.ps1)", |e| {
            e.phase() == Phase::SetUp
        }),
        ("RADIUS (access point to NPS server)", |e| {
            e.transport() == Transport::Udp
        }),
    ];
    for (title, keep) in groups {
        writeln!(out, "  {HEADING}{title}{HEADING:#}:")?;
        for endpoint in endpoints.iter().filter(|e| keep(e)) {
            write_endpoint(out, endpoint, "  - ", 4)?;
        }
    }
    let values: Vec<(Setting, &str)> = Setting::all()
        .filter_map(|s| s.value_for(cloud).map(|v| (s, v)))
        .collect();
    writeln!(out, "  {HEADING}Registry values{HEADING:#}:")?;
    for (setting, value) in values {
        write!(out, "{}", wrap("  - ", 4, &format!("{setting} = {value}")))?;
    }
    Ok(())
}

/// One endpoint on a line (wrapped): what, transport and ports, and its note.
pub fn write_endpoint(
    out: &mut impl Write,
    endpoint: &Endpoint,
    first: &str,
    indent: usize,
) -> io::Result<()> {
    let ports: Vec<String> = endpoint.ports().iter().map(u16::to_string).collect();
    let what = endpoint
        .url()
        .map_or_else(|| endpoint.service().title().to_owned(), str::to_owned);
    let mut text = format!(
        "{what} ({} {})",
        endpoint.transport().as_str().to_ascii_uppercase(),
        ports.join(", ")
    );
    if let Some(note) = endpoint.note() {
        text.push_str(&format!(". {note}"));
    }
    write!(out, "{}", wrap(first, indent, &text))
}
