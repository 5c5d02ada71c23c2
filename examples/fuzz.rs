//! A deterministic mutation fuzzer for the lookups and the scanner, run by `.ci/run` for a
//! bounded time (`cargo fuzz` needs a nightly toolchain; this runs on stable).
//!
//! ```text
//! cargo run --release --example fuzz -- [--seconds 60] [--seed 1]
//! ```
//!
//! It starts from a corpus of real log lines (the example bundle), every code and every
//! documented wording, and mutates them (flipped bits, inserted and deleted bytes, spliced
//! codes and markers, case changes, cuts, UTF-16, control characters). For each input it checks
//! that nothing panics, and that:
//! - `ErrorCode::from_code` and `from_code_ignore_case` agree with a linear search of the codes;
//! - `lookup` finds the code those give, and a message when `find_message` does;
//! - `scan_reader` gives the same findings whatever the read size (1, 3, 64 bytes and the
//!   default);
//! - for valid UTF-8, raw bytes (`scan_reader`) and `&str` (`scan_str`) give the same findings;
//! - every 8th input, several inputs joined into one of up to 64 KiB give, scanned from a file
//!   on three threads in 4 KiB chunks (`scan_file`), the findings and summary of one thread.
//!
//! The inputs depend only on the seed, so a failure is reproduced by the seed and iteration it
//! prints. Ends with exit code 1 on the first failure.

use std::io::{Seek, Write};
use std::panic::{self, AssertUnwindSafe};
use std::path::Path;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use nps_mfa_errors::scan::{scan_str, Finding, Scanner};
use nps_mfa_errors::{find_message, lookup, ErrorCode, Lookup};

/// xorshift64*: small, fast, and the same on every platform.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const MARKERS: [&str; 12] = [
    "ErrorCode:: ",
    "Msg:: ",
    "CID: 6f3c2a1e-8a44-4c3e-9d7b-2f5b1c0e9a11 ",
    " for User alice@contoso.com ",
    "AADSTS50012",
    "\n    ",
    "\r\n",
    "<Event><EventData><Data>",
    "</Data></EventData></Event>",
    "\"Message\",\"Id\"\n\"",
    "Event[0]:\n",
    "\u{1b}[2J",
];

fn corpus() -> Vec<Vec<u8>> {
    let mut corpus: Vec<Vec<u8>> = vec![];
    let bundle = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/logs/bundle");
    if let Ok(entries) = std::fs::read_dir(&bundle) {
        let mut paths: Vec<_> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
        paths.sort();
        for path in paths {
            if let Ok(bytes) = std::fs::read(&path) {
                corpus.extend(bytes.split(|b| *b == b'\n').map(<[u8]>::to_vec));
                corpus.push(bytes.into_iter().take(4096).collect());
            }
        }
    }
    for code in ErrorCode::all() {
        corpus.push(code.as_str().as_bytes().to_vec());
        for entry in code.entries() {
            for wording in entry.wordings() {
                corpus.push(wording.text().as_bytes().to_vec());
            }
        }
    }
    corpus.retain(|c| !c.is_empty());
    corpus
}

fn mutate(rng: &mut Rng, corpus: &[Vec<u8>]) -> Vec<u8> {
    let mut input = corpus[rng.below(corpus.len())].clone();
    for _ in 0..=rng.below(6) {
        let at = rng.below(input.len() + 1);
        match rng.below(10) {
            0 if !input.is_empty() => {
                let i = rng.below(input.len());
                input[i] ^= 1 << rng.below(8);
            }
            1 => input.insert(at, rng.next() as u8),
            2 if at < input.len() => {
                let end = (at + rng.below(16)).min(input.len());
                input.drain(at..end);
            }
            3 => {
                let code = ErrorCode::all().nth(rng.below(ErrorCode::all().len()));
                let text = code.map_or("", ErrorCode::as_str).as_bytes().to_vec();
                input.splice(at..at, text);
            }
            4 => {
                let marker = MARKERS[rng.below(MARKERS.len())].as_bytes().to_vec();
                input.splice(at..at, marker);
            }
            5 => {
                for b in &mut input[at..] {
                    if rng.below(2) == 0 {
                        *b = b.to_ascii_uppercase();
                    } else {
                        *b = b.to_ascii_lowercase();
                    }
                }
            }
            6 => input.truncate(at),
            7 => {
                let other = &corpus[rng.below(corpus.len())];
                input.splice(at..at, other.iter().copied());
            }
            8 => {
                let text = String::from_utf8_lossy(&input).into_owned();
                input = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
            }
            _ => input.insert(at, [0, b'\t', 0x1b, 0xff, b'"', b'<'][rng.below(6)]),
        }
    }
    input.truncate(8192);
    input
}

/// Checks one input; `Err` says what went wrong.
fn check(input: &[u8], scanners: &[Scanner]) -> Result<(), String> {
    let text = String::from_utf8_lossy(input);
    for query in [text.as_ref(), text.trim()] {
        let exact = ErrorCode::all().find(|c| c.as_str() == query);
        if ErrorCode::from_code(query) != exact {
            return Err(format!("from_code({query:?}) is not {exact:?}"));
        }
        let folded = ErrorCode::all().find(|c| c.as_str().eq_ignore_ascii_case(query));
        if ErrorCode::from_code_ignore_case(query) != folded {
            return Err(format!(
                "from_code_ignore_case({query:?}) is not {folded:?}"
            ));
        }
    }
    let trimmed = text.trim();
    let code = ErrorCode::from_code(trimmed).or_else(|| ErrorCode::from_code_ignore_case(trimmed));
    match (lookup(&text), code) {
        (Ok(Lookup::Code(found)), Some(code)) if found == code => {}
        (_, Some(code)) => return Err(format!("lookup({text:?}) does not give {code}")),
        (Err(_), None) if find_message(trimmed).is_some() => {
            return Err(format!(
                "find_message finds {trimmed:?} but lookup does not"
            ));
        }
        _ => {}
    }
    let scan = |scanner: &Scanner| -> Vec<Finding> {
        let mut findings = vec![];
        let _ = scanner.scan_reader(input, None, |f| findings.push(f));
        findings
    };
    let expected = scan(&scanners[0]);
    for scanner in &scanners[1..] {
        if scan(scanner) != expected {
            return Err(format!("findings depend on the read size ({scanner:?})"));
        }
    }
    if let Ok(text) = std::str::from_utf8(input) {
        if scan_str(text) != expected {
            return Err("scan_str and scan_reader disagree".to_owned());
        }
    }
    Ok(())
}

/// Checks that a file scanned on several threads gives what one thread gives: `scanners`
/// are the one-thread scanner, then the one that cuts files in small chunks.
fn check_threads(
    input: &[u8],
    file: &mut std::fs::File,
    scanners: &[Scanner; 2],
) -> Result<(), String> {
    file.set_len(0).map_err(|e| e.to_string())?;
    file.rewind().map_err(|e| e.to_string())?;
    file.write_all(input).map_err(|e| e.to_string())?;
    let scan = |scanner: &Scanner| {
        let mut findings = vec![];
        let summary = scanner.scan_file(file, None, |f| findings.push(f));
        (findings, summary.map_err(|e| e.to_string()))
    };
    if scan(&scanners[0]) != scan(&scanners[1]) {
        return Err("findings depend on the threads that scan a file".to_owned());
    }
    Ok(())
}

/// Up to 64 KiB of inputs joined.
fn long_input(rng: &mut Rng, corpus: &[Vec<u8>]) -> Vec<u8> {
    let mut input = vec![];
    while input.len() < 64 * 1024 && rng.below(24) != 0 {
        input.extend(mutate(rng, corpus));
        input.push(b'\n');
    }
    input
}

fn argument(name: &str, default: u64) -> u64 {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn main() -> ExitCode {
    let seconds = argument("--seconds", 60);
    let seed = argument("--seed", 1).max(1);
    let corpus = corpus();
    let scanners: Vec<Scanner> = [nps_mfa_errors::scan::DEFAULT_READ_SIZE, 1, 3, 64]
        .into_iter()
        .map(|size| Scanner::new().with_read_size(size))
        .collect();
    let thread_scanners = [
        Scanner::new().with_threads(1),
        Scanner::new().with_threads(3).with_chunk_size(4096),
    ];
    let mut rng = Rng(seed);
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let mut iterations: u64 = 0;
    let mut file = match tempfile::tempfile() {
        Ok(file) => file,
        Err(error) => {
            eprintln!("fuzz: no temporary file: {error}");
            return ExitCode::FAILURE;
        }
    };
    while Instant::now() < deadline {
        let long = iterations % 8 == 7;
        let input = if long {
            long_input(&mut rng, &corpus)
        } else {
            mutate(&mut rng, &corpus)
        };
        let outcome = panic::catch_unwind(AssertUnwindSafe(|| {
            if long {
                check_threads(&input, &mut file, &thread_scanners)
            } else {
                check(&input, &scanners)
            }
        }));
        let failure = match outcome {
            Ok(Ok(())) => None,
            Ok(Err(message)) => Some(message),
            Err(_) => Some("panic".to_owned()),
        };
        if let Some(message) = failure {
            eprintln!("fuzz: seed {seed}, iteration {iterations}: {message}");
            eprintln!("input: {:?}", String::from_utf8_lossy(&input));
            eprintln!("bytes: {input:?}");
            return ExitCode::FAILURE;
        }
        iterations += 1;
    }
    println!(
        "fuzz: {iterations} inputs in {seconds} s (seed {seed}, corpus {}): no panic, lookups agree with a linear search, findings independent of the read size, of bytes vs &str and of the threads",
        corpus.len()
    );
    ExitCode::SUCCESS
}
