//! Code and message lookup against what a user would otherwise write.
//!
//! Method: every benchmark looks up the same inputs in one iteration — all documented codes for
//! the hit benchmarks, as many misspelt or foreign tokens of similar lengths for `phf_miss` — so
//! their times compare directly. The inputs are drawn in a fixed shuffled order, so branch
//! prediction cannot learn the catalog's sequence. `phf_exact` is `ErrorCode::from_code`, one
//! `get` on the generated `phf` map. The baselines are a `std::collections::HashMap<&str,
//! ErrorCode>` over the same keys (`std_hashmap`), a `match` on `&str` (what a hand-written or
//! strum `EnumString` parser compiles to: `match_str`) and a linear scan over
//! `ErrorCode::all()` comparing `as_str()` (`linear_scan`). `ignore_case` looks the codes up in
//! lower case, `ignore_case_mixed` in title case (`Ests_Token_Error`, folded on the stack). `message` finds the documented message inside realistic NPS extension event
//! text. Read results as ratios within one run (`phf_exact / std_hashmap`, ...), never as
//! absolute times.

use std::collections::HashMap;
use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use nps_mfa_errors::{find_message, ErrorCode};

mod match_str;

use match_str::match_str;

/// Shuffles in place with a fixed xorshift sequence: the same order every run, but not one
/// branch prediction can learn from the catalog order.
fn shuffle<T>(items: &mut [T]) {
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    for i in (1..items.len()).rev() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        items.swap(i, (state % (i as u64 + 1)) as usize);
    }
}

/// The documented codes in shuffled order, checked against `match_str`.
fn shuffled_codes() -> Vec<&'static str> {
    let mut codes: Vec<&'static str> = ErrorCode::all().map(ErrorCode::as_str).collect();
    shuffle(&mut codes);
    for code in &codes {
        assert_eq!(
            match_str(code).map(ErrorCode::as_str),
            Some(*code),
            "benches/lookup/match_str.rs is missing a code"
        );
    }
    codes
}

/// Misspelt or foreign tokens of the same lengths as the codes.
fn misses(codes: &[&str]) -> Vec<String> {
    codes
        .iter()
        .enumerate()
        .map(|(i, c)| {
            if i % 2 == 0 {
                format!("{c}X")
            } else {
                c.replace(['E', 'e'], "3")
            }
        })
        .collect()
}

/// `ests_token_error` → `Ests_Token_Error`: upper case after every `_` and at the start.
fn title_case(code: &str) -> String {
    let mut start = true;
    code.chars()
        .map(|c| {
            let out = if start { c.to_ascii_uppercase() } else { c };
            start = c == '_';
            out
        })
        .collect()
}

fn lookup(c: &mut Criterion) {
    let codes = shuffled_codes();
    let lower: Vec<String> = codes.iter().map(|c| c.to_ascii_lowercase()).collect();
    // As typed from a post: first letter of each word upper case (`Ests_Token_Error`).
    let mixed: Vec<String> = lower.iter().map(|c| title_case(c)).collect();
    let misses = misses(&codes);
    let map: HashMap<&'static str, ErrorCode> = ErrorCode::all().map(|c| (c.as_str(), c)).collect();
    let messages = [
        "NPS Extension for Azure MFA:  CID: 6f3c2a1e-8a44-4c3e-9d7b-2f5b1c0e9a11 :Exception in Authentication Ext for User alice@contoso.com :: ErrorCode:: CID :6f3c2a1e-8a44-4c3e-9d7b-2f5b1c0e9a11 ESTS_TOKEN_ERROR Msg:: Caller tenant does not have access permissions to do authentication for the user",
        "NPS Extension for Azure MFA only performs Secondary Auth for Radius requests in AccessAccept State. Request received for User bob@contoso.com with response state AccessReject, ignoring request.",
        "ErrorCode:: InvalidParameter Msg:: The length of CompanyName Contoso Ltd is longer than the maximum allowed length 64",
        "Radius Request missing mandatory Radius userName\\Identifier attribute. Verify that NPS is receiving RADIUS requests",
    ];

    let mut group = c.benchmark_group("lookup");
    group.bench_function("phf_exact", |b| {
        b.iter(|| {
            for code in &codes {
                black_box(ErrorCode::from_code(black_box(code)));
            }
        })
    });
    group.bench_function("phf_miss", |b| {
        b.iter(|| {
            for code in &misses {
                black_box(ErrorCode::from_code(black_box(code)));
            }
        })
    });
    group.bench_function("ignore_case", |b| {
        b.iter(|| {
            for code in &lower {
                black_box(ErrorCode::from_code_ignore_case(black_box(code)));
            }
        })
    });
    group.bench_function("ignore_case_mixed", |b| {
        b.iter(|| {
            for code in &mixed {
                black_box(ErrorCode::from_code_ignore_case(black_box(code)));
            }
        })
    });
    group.bench_function("std_hashmap", |b| {
        b.iter(|| {
            for code in &codes {
                black_box(map.get(black_box(code)).copied());
            }
        })
    });
    group.bench_function("match_str", |b| {
        b.iter(|| {
            for code in &codes {
                black_box(match_str(black_box(code)));
            }
        })
    });
    group.bench_function("linear_scan", |b| {
        b.iter(|| {
            for code in &codes {
                let code: &str = black_box(code);
                black_box(ErrorCode::all().find(|c| c.as_str() == code));
            }
        })
    });
    group.bench_function("message", |b| {
        b.iter(|| {
            for message in &messages {
                black_box(find_message(black_box(message)));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, lookup);
criterion_main!(benches);
