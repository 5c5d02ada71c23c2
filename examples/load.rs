//! A bounded load test of `serve` against 127.0.0.1: requests per second and latency
//! percentiles for `/api/v1/codes/{code}` and `/api/v1/explain`, the error count (must be
//! zero), and the server's peak memory.
//!
//! ```text
//! cargo run --release --features serve --example load [-- --requests 20000 --clients 8]
//! ```
//!
//! Method: the example starts itself again as the server (a child process, so its memory is
//! measured alone: `VmHWM` from `/proc`), waits for `/healthz`, then for each endpoint runs
//! `--clients` threads with one keep-alive connection each until `--requests` requests are
//! done. Queries cycle through every code (in shuffled order and mixed case) and every
//! documented wording. `/healthz` is measured first in the same run as the baseline: the
//! cheapest possible answer over the same connections, so the ratios say what the lookup costs.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use nps_mfa_errors::serve::{shutdown_signal, Config, Server};
use nps_mfa_errors::ErrorCode;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("--server-child") {
        serve();
        return;
    }
    let requests = option(&args, "--requests", 20_000);
    let clients = option(&args, "--clients", 8);
    let mut child = std::process::Command::new(std::env::current_exe().expect("own path"))
        .arg("--server-child")
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("the server starts");
    let mut line = String::new();
    let stdout = child.stdout.take().expect("piped");
    let mut reader = std::io::BufReader::new(stdout);
    std::io::BufRead::read_line(&mut reader, &mut line).expect("the server prints its address");
    let base = format!("http://{}", line.trim());
    assert!(base.starts_with("http://127.0.0.1:"), "127.0.0.1 only");

    let paths = Paths::new();
    println!("{requests} requests per endpoint, {clients} clients, keep-alive, {base}");
    let baseline = run(&base, &|_| "/healthz".to_owned(), requests, clients);
    baseline.print("/healthz (baseline)", None);
    let codes = run(&base, &|i| paths.code(i), requests, clients);
    codes.print("/api/v1/codes/{code}", Some(&baseline));
    let explain = run(&base, &|i| paths.explain(i), requests, clients);
    explain.print("/api/v1/explain?q=…", Some(&baseline));
    let peak = peak_memory_kib(child.id());
    println!(
        "server peak memory (VmHWM): {} KiB",
        peak.map_or("?".to_owned(), |k| k.to_string())
    );
    let _ = child.kill();
    let _ = child.wait();
    let errors = baseline.errors + codes.errors + explain.errors;
    assert_eq!(errors, 0, "requests failed");
}

fn serve() {
    let runtime = tokio::runtime::Runtime::new().expect("a runtime");
    runtime.block_on(async {
        let mut config = Config::default();
        config.listen = "127.0.0.1:0".parse().expect("an address");
        let server = Server::bind(config).await.expect("bound");
        let shutdown = shutdown_signal();
        println!("{}", server.local_addr());
        server.run(shutdown).await.expect("served");
    });
}

fn option(args: &[String], name: &str, default: usize) -> usize {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// The request paths, in a fixed shuffled order.
struct Paths {
    codes: Vec<String>,
    queries: Vec<String>,
}

impl Paths {
    fn new() -> Paths {
        let mut codes: Vec<String> = ErrorCode::all()
            .enumerate()
            .map(|(i, c)| match i % 3 {
                0 => c.as_str().to_owned(),
                1 => c.as_str().to_lowercase(),
                _ => c.as_str().to_uppercase(),
            })
            .collect();
        let mut queries: Vec<String> = ErrorCode::all().map(|c| c.as_str().to_owned()).collect();
        for code in ErrorCode::all() {
            for entry in code.entries() {
                for wording in entry.wordings() {
                    let text = wording.text().replace("{0}", "alice").replace("{1}", "64");
                    queries.push(format!("2026-11-20 09:00:00 Msg:: {text}"));
                }
            }
        }
        shuffle(&mut codes);
        shuffle(&mut queries);
        Paths {
            codes: codes
                .into_iter()
                .map(|c| format!("/api/v1/codes/{c}"))
                .collect(),
            queries: queries
                .into_iter()
                .map(|q| format!("/api/v1/explain?q={}", encode(&q)))
                .collect(),
        }
    }

    fn code(&self, i: usize) -> String {
        self.codes[i % self.codes.len()].clone()
    }

    fn explain(&self, i: usize) -> String {
        self.queries[i % self.queries.len()].clone()
    }
}

/// A fixed-seed Fisher-Yates shuffle (xorshift), so every run asks the same things.
fn shuffle<T>(items: &mut [T]) {
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    for i in (1..items.len()).rev() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let j = usize::try_from(state % (i as u64 + 1)).unwrap_or(0);
        items.swap(i, j);
    }
}

fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => {
                char::from(b).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

struct Outcome {
    elapsed: Duration,
    latencies: Vec<Duration>,
    errors: usize,
}

impl Outcome {
    fn per_second(&self) -> f64 {
        self.latencies.len() as f64 / self.elapsed.as_secs_f64()
    }

    fn percentile(&self, p: f64) -> Duration {
        let index = ((self.latencies.len() as f64 - 1.0) * p).round() as usize;
        self.latencies.get(index).copied().unwrap_or_default()
    }

    fn print(&self, name: &str, baseline: Option<&Outcome>) {
        let ratio = baseline.map_or(String::new(), |b| {
            format!(
                "  ({:.2}x baseline req/s, p99 {:.2}x baseline)",
                self.per_second() / b.per_second(),
                self.percentile(0.99).as_secs_f64() / b.percentile(0.99).as_secs_f64()
            )
        });
        println!(
            "{name:<24} {:>8.0} req/s  p50 {:>7.3} ms  p99 {:>7.3} ms  errors {}{ratio}",
            self.per_second(),
            self.percentile(0.5).as_secs_f64() * 1e3,
            self.percentile(0.99).as_secs_f64() * 1e3,
            self.errors,
        );
    }
}

fn run(
    base: &str,
    path: &(dyn Fn(usize) -> String + Sync),
    requests: usize,
    clients: usize,
) -> Outcome {
    let next = Arc::new(AtomicUsize::new(0));
    let start = Instant::now();
    let results: Vec<(Vec<Duration>, usize)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..clients)
            .map(|_| {
                let next = Arc::clone(&next);
                scope.spawn(move || {
                    let agent: ureq::Agent = ureq::Agent::config_builder()
                        .http_status_as_error(false)
                        .build()
                        .into();
                    let mut latencies = Vec::new();
                    let mut errors = 0;
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        if i >= requests {
                            break;
                        }
                        let url = format!("{base}{}", path(i));
                        let sent = Instant::now();
                        let ok = agent.get(&url).call().is_ok_and(|mut r| {
                            r.status() == 200 && r.body_mut().read_to_vec().is_ok()
                        });
                        latencies.push(sent.elapsed());
                        errors += usize::from(!ok);
                    }
                    (latencies, errors)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("a client"))
            .collect()
    });
    let elapsed = start.elapsed();
    let errors = results.iter().map(|(_, e)| e).sum();
    let mut latencies: Vec<Duration> = results.into_iter().flat_map(|(l, _)| l).collect();
    latencies.sort_unstable();
    Outcome {
        elapsed,
        latencies,
        errors,
    }
}

/// The peak resident memory of a process (Linux `/proc`), in KiB.
fn peak_memory_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}
