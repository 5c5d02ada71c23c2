//! `serve`: the JSON API and web pages for support dashboards, until Ctrl-C or SIGTERM.

use std::io::{self, Write};
use std::net::SocketAddr;
use std::time::Duration;

use nps_mfa_errors::serve::{parse_origin, shutdown_signal, Config, Server};

use crate::Outcome;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Address and port to listen on; port 0 picks a free port (the URL is printed).
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8080")]
    listen: SocketAddr,
    /// A dashboard origin (https://portal.contoso.com) allowed to call the API from a browser;
    /// repeat for more.
    #[arg(long = "cors-origin", value_name = "ORIGIN", value_parser = parse_origin)]
    cors_origins: Vec<String>,
    /// An origin allowed to show the pages in a frame; repeat for more. Without it no site may
    /// frame them.
    #[arg(long = "frame-ancestors", value_name = "ORIGIN", value_parser = parse_origin)]
    frame_ancestors: Vec<String>,
    /// Largest request body (an upload to scan), in bytes or with a KiB, MiB or GiB suffix;
    /// larger ones get 413.
    #[arg(long, value_name = "SIZE", default_value = "64MiB", value_parser = parse_size)]
    max_body: u64,
    /// Seconds one request may take, upload included; slower ones get 408.
    #[arg(long, value_name = "SECONDS", default_value_t = 120, value_parser = clap::value_parser!(u64).range(1..))]
    request_timeout: u64,
    /// Seconds a client may take to send its request headers before it is disconnected.
    #[arg(long, value_name = "SECONDS", default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..))]
    header_timeout: u64,
    /// How many scans run at once; further uploads wait for a free slot.
    #[arg(long, value_name = "N", default_value_t = 2, value_parser = clap::value_parser!(u64).range(1..=256))]
    max_scans: u64,
}

/// A size as `1048576`, `512KiB`, `64MiB` or `1GiB`.
fn parse_size(text: &str) -> Result<u64, String> {
    let text = text.trim();
    let split = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let multiplier: u64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kb" | "kib" => 1 << 10,
        "m" | "mb" | "mib" => 1 << 20,
        "g" | "gb" | "gib" => 1 << 30,
        _ => return Err(format!("unknown unit `{unit}`: use bytes, KiB, MiB or GiB")),
    };
    number
        .parse::<u64>()
        .ok()
        .and_then(|n| n.checked_mul(multiplier))
        .filter(|&n| n > 0)
        .ok_or_else(|| format!("`{text}` is not a size: write e.g. 64MiB or 1048576"))
}

pub fn run(args: &Args) -> io::Result<Outcome> {
    let mut config = Config::default();
    config.listen = args.listen;
    config.cors_origins.clone_from(&args.cors_origins);
    config.frame_ancestors.clone_from(&args.frame_ancestors);
    config.max_body = args.max_body;
    config.request_timeout = Duration::from_secs(args.request_timeout);
    config.header_timeout = Duration::from_secs(args.header_timeout);
    config.max_scans = usize::try_from(args.max_scans).unwrap_or(1);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let server = Server::bind(config).await?;
        // Installed before the banner, so that a signal sent as soon as it is read counts.
        let shutdown = shutdown_signal();
        // Whoever started the server may stop reading its output: serving goes on regardless.
        let banner = format!(
            "Listening on http://{}/\nPress Ctrl-C to stop.\n",
            server.local_addr()
        );
        let mut out = io::stdout().lock();
        let _ = out.write_all(banner.as_bytes()).and_then(|()| out.flush());
        drop(out);
        server.run(shutdown).await
    })?;
    Ok(Outcome::Found)
}
