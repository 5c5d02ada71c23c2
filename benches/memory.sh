#!/usr/bin/env bash
# Peak memory (RSS) of `nps-mfa-errors scan` on 200 MB inputs, one per path whose memory once
# grew with its input: plain text, one XML text node, one unterminated CSV field, and two million
# distinct undocumented codes and users with --json (where nothing needs to be kept) and with the
# grouped report (which keeps at most 1000 distinct values per code). Target: every path at or
# under 64 MB. Not a timed test: it measures memory, and fails (exit 1) over the target.
#
# Method: GNU time's maximum resident set size of each run. The baseline, measured in the same
# run on the same input, is `grep -c` (what a user would otherwise run on a log); results are
# quoted as that ratio too.
#
#   benches/memory.sh [path/to/nps-mfa-errors]   (default: target/release/nps-mfa-errors)
#   SIZE_MB=200 LIMIT_MB=64 benches/memory.sh
set -euo pipefail
cd "$(dirname "$0")/.."

bin="${1:-target/release/nps-mfa-errors}"
size_mb="${SIZE_MB:-200}"
limit_mb="${LIMIT_MB:-64}"
if [ ! -x "$bin" ]; then
    echo "memory: no binary at $bin (cargo build --release --features cli)" >&2
    exit 2
fi
if [ ! -x /usr/bin/time ]; then
    echo "memory: needs GNU time (/usr/bin/time; apt-get install time)" >&2
    exit 2
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
bytes=$((size_mb * 1024 * 1024))
line='2026-11-20 09:14:03 NPS Extension for Azure MFA:  CID: 6f3c2a1e-8a44-4c3e-9d7b-2f5b1c0e9a11 :Exception in Authentication Ext for User alice@contoso.com :: ErrorCode:: CID :6f3c2a1e-8a44-4c3e-9d7b-2f5b1c0e9a11 ESTS_TOKEN_ERROR Msg:: Verify the client certificate'

# `yes` ends on a closed pipe: not a failure here.
repeat_line() { yes "$line" | head -c "$bytes" || true; }
repeat_line >"$work/plain.log"
{
    printf '<Events><Event><System><EventID>1</EventID></System><EventData><Data>'
    repeat_line
    printf '</Data></EventData></Event></Events>\n'
} >"$work/node.xml"
{
    printf '"Message","Id","TimeCreated"\n"'
    repeat_line
} >"$work/field.csv"
awk -v n=$((size_mb * 10000)) 'BEGIN {
    for (i = 0; i < n; i++)
        printf "2026-11-20 09:14:03 NPS Extension for Azure MFA: Exception in Authentication Ext for User user%d@contoso.com :: ErrorCode:: UNDOCUMENTED_CODE_%d Msg:: x\n", i, i
}' >"$work/distinct.log"

# Peak RSS in KiB of one command, its output thrown away.
peak_kib() {
    /usr/bin/time -f '%M' -o "$work/rss" "$@" >/dev/null 2>"$work/stderr" || true
    tail -n 1 "$work/rss"
}

failed=0
printf '%-34s %9s %11s %12s %7s\n' "path (${size_mb} MB input)" "peak MB" "grep -c MB" "x grep -c" "target"
run() {
    local label="$1" file="$2"
    shift 2
    local ours base
    ours="$(peak_kib "$bin" scan "$@" "$file")"
    base="$(peak_kib grep -c ErrorCode "$file")"
    local verdict="ok"
    if [ "$ours" -gt $((limit_mb * 1024)) ]; then
        verdict="OVER"
        failed=1
    fi
    awk -v l="$label" -v o="$ours" -v b="$base" -v v="$verdict" -v t="$limit_mb" \
        'BEGIN { printf "%-34s %9.1f %11.1f %12.1f %4s %s\n", l, o/1024, b/1024, o/b, v, "<= " t }'
}
run "plain text" "$work/plain.log"
run "XML text node" "$work/node.xml"
run "CSV field (unterminated quote)" "$work/field.csv"
run "2M distinct codes, --json" "$work/distinct.log" --json
run "2M distinct codes, report" "$work/distinct.log"
run "2M distinct codes, --summary-json" "$work/distinct.log" --summary-json
if [ "$failed" -ne 0 ]; then
    echo "memory: a path is over ${limit_mb} MB" >&2
    exit 1
fi
