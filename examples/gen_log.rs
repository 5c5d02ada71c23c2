//! Writes a realistic NPS extension plain-text log of about the given size, for benchmarks:
//!
//! ```sh
//! cargo run --release --example gen_log -- 100000000 /tmp/nps-100mb.log
//! cargo run --release --example gen_log -- 4096            # to standard output
//! ```
//!
//! The output is deterministic (`--seed N` changes it); about one line in a hundred carries a
//! documented code or message.

use gen_log as generate;

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let mut size = None;
    let mut path = None;
    let mut seed = 1u64;
    while let Some(arg) = args.next() {
        if arg == "--seed" {
            match args.next().and_then(|s| s.parse().ok()) {
                Some(s) => seed = s,
                None => return usage(),
            }
        } else if size.is_none() {
            match parse_size(&arg) {
                Some(s) => size = Some(s),
                None => return usage(),
            }
        } else if path.is_none() {
            path = Some(arg);
        } else {
            return usage();
        }
    }
    let Some(size) = size else { return usage() };
    let result = match &path {
        Some(path) if path != "-" => std::fs::File::create(path).and_then(|file| {
            let mut out = BufWriter::with_capacity(1 << 20, file);
            generate::generate(size, seed, &mut out)?;
            out.flush()
        }),
        _ => {
            let mut out = BufWriter::with_capacity(1 << 20, io::stdout().lock());
            generate::generate(size, seed, &mut out).and_then(|()| out.flush())
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) if error.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("gen_log: {error}");
            ExitCode::FAILURE
        }
    }
}

/// `1000`, `64K`, `100M`, `1G` (binary multiples).
fn parse_size(text: &str) -> Option<usize> {
    let (digits, unit) = match text.char_indices().find(|(_, c)| !c.is_ascii_digit()) {
        Some((at, _)) => text.split_at(at),
        None => (text, ""),
    };
    let shift = match unit.to_ascii_uppercase().as_str() {
        "" => 0,
        "K" | "KB" | "KIB" => 10,
        "M" | "MB" | "MIB" => 20,
        "G" | "GB" | "GIB" => 30,
        _ => return None,
    };
    digits.parse::<usize>().ok()?.checked_mul(1 << shift)
}

fn usage() -> ExitCode {
    eprintln!("usage: gen_log <bytes>[K|M|G] [path|-] [--seed N]");
    ExitCode::from(2)
}
