#!/usr/bin/env bash
# Build-time cost of depending on nps-mfa-errors, measured against its own dependencies.
#
# Method: two throw-away crates are built from clean, in release mode, back to back:
#   with-nps    depends on nps-mfa-errors (this checkout) with default-features = false
#   baseline    depends only on phf, strum (derive), thiserror and serde (derive)
# The ratio with-nps / baseline is what a user pays for the catalog on top of the crates it
# is made of (target: at most 1.5). Each is built RUNS times (default 1) from an empty target
# directory; the registry cache is shared, so no download is timed. Finally a
# `cargo build --release --timings` of with-nps writes an HTML report of where the time goes.
#
#   benches/build_time.sh            # one run each
#   RUNS=3 benches/build_time.sh     # more runs, best of each kept
#
# Not run by .ci/run (it builds two dependency trees from scratch).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
runs="${RUNS:-1}"

make_crate() {
    local name="$1" deps="$2" body="$3"
    mkdir -p "$work/$name/src"
    cat > "$work/$name/Cargo.toml" <<TOML
[package]
name = "$name"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
$deps
TOML
    printf '%s\n' "$body" > "$work/$name/src/lib.rs"
}

make_crate with-nps \
    "nps-mfa-errors = { path = \"$repo\", default-features = false }" \
    'pub fn code(s: &str) -> Option<&'"'"'static str> { nps_mfa_errors::ErrorCode::from_code(s).map(|c| c.as_str()) }'
make_crate baseline \
    'phf = { version = "0.14", default-features = false }
strum = { version = "0.28", features = ["derive"] }
thiserror = "2"
serde = { version = "1", features = ["derive"] }' \
    '#[derive(Clone, Copy, strum::EnumIter, strum::Display, serde::Serialize)]
pub enum Code { A, B }
#[derive(Debug, thiserror::Error)]
#[error("unknown")]
pub struct Unknown;
pub static MAP: phf::Map<&'"'"'static str, u8> = phf::Map { key: 0, disps: &[], entries: &[] };'

best() {
    local name="$1" best=""
    for _ in $(seq "$runs"); do
        rm -rf "$work/$name/target"
        local start end elapsed
        start=$(date +%s.%N)
        (cd "$work/$name" && cargo build --release --quiet)
        end=$(date +%s.%N)
        elapsed=$(echo "$end - $start" | bc)
        if [ -z "$best" ] || [ "$(echo "$elapsed < $best" | bc)" = 1 ]; then best=$elapsed; fi
    done
    echo "$best"
}

# Fetch (and lock) both dependency trees first so no download is timed.
(cd "$work/with-nps" && cargo fetch --quiet)
(cd "$work/baseline" && cargo fetch --quiet)
baseline=$(best baseline)
with_nps=$(best with-nps)
printf 'baseline (phf + strum + thiserror + serde): %6.1f s\n' "$baseline"
printf 'with nps-mfa-errors (no default features):  %6.1f s\n' "$with_nps"
printf 'ratio: %.2f (target <= 1.5)\n' "$(echo "$with_nps / $baseline" | bc -l)"

rm -rf "$work/with-nps/target"
(cd "$work/with-nps" && cargo build --release --quiet --timings)
mkdir -p "$repo/target/build-time"
cp "$work/with-nps/target/cargo-timings/cargo-timing.html" "$repo/target/build-time/"
echo "timings: $repo/target/build-time/cargo-timing.html"
