//! Scan throughput on a generated NPS extension log.
//!
//! Method: `examples/gen_log` writes a deterministic log of realistic NPS/RADIUS lines in
//! which about 1% of lines carry a documented code or message (with continuation lines and
//! CIDs as the product writes them). Each benchmark reads the same bytes from memory
//! (`Throughput::Bytes`), so the numbers compare directly:
//!
//! - `scanner`: the crate's scan, findings counted (format detection, decoding, event
//!   grouping, context extraction included);
//! - `aho_corasick_codes`: what `rg -F -c -f codes.txt` does, in process — an Aho-Corasick
//!   search for the code strings, counting matching lines — the baseline a user would script;
//! - `memchr_lines`: counting lines only, the floor for any line-oriented tool.
//!
//! `benches/rg_compare.sh` measures the CLI against ripgrep itself on a file on disk, and peak
//! memory at 100 MB and 1 GB. Read results as ratios within one run.

use std::hint::black_box;

use aho_corasick::AhoCorasick;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use nps_mfa_errors::scan::Scanner;
use nps_mfa_errors::ErrorCode;

use gen_log as generate;

const SIZE: usize = 32 * 1024 * 1024;

fn scan(c: &mut Criterion) {
    let mut log = Vec::with_capacity(SIZE + 4096);
    generate::generate(SIZE, 0x5eed, &mut log).expect("writing to memory");
    let scanner = Scanner::new();
    let codes: Vec<&str> = ErrorCode::all().map(ErrorCode::as_str).collect();
    let automaton = AhoCorasick::new(&codes).expect("few short patterns");

    let mut group = c.benchmark_group("scan");
    group.throughput(Throughput::Bytes(log.len() as u64));
    group.sample_size(10);
    group.bench_function("scanner", |b| {
        b.iter(|| {
            let mut findings = 0_u64;
            scanner
                .scan_reader(black_box(&log[..]), None, |_| findings += 1)
                .expect("memory input");
            findings
        })
    });
    group.bench_function("aho_corasick_codes", |b| {
        b.iter(|| {
            // Count lines with at least one code, as `rg -F -c` does.
            let mut lines = 0_u64;
            let mut last_line_end = 0;
            for m in automaton.find_iter(black_box(&log[..])) {
                if m.start() >= last_line_end {
                    lines += 1;
                    last_line_end = memchr::memchr(b'\n', &log[m.start()..])
                        .map_or(log.len(), |i| m.start() + i + 1);
                }
            }
            lines
        })
    });
    group.bench_function("memchr_lines", |b| {
        b.iter(|| memchr::memchr_iter(b'\n', black_box(&log[..])).count())
    });
    group.finish();
}

criterion_group!(benches, scan);
criterion_main!(benches);
