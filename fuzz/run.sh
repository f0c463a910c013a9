#!/usr/bin/env bash
# Builds one cargo-fuzz target and runs it for SECONDS at the lowest priority, then
# prints the executions, the corpus size and whether it found a crash.
#
#   fuzz/run.sh TARGET SECONDS [extra libFuzzer flags...]
#
# Seeds in fuzz/seeds/TARGET/ (committed) are read; inputs found go to
# fuzz/corpus/TARGET/ (not committed) and crashes to fuzz/artifacts/TARGET/.
# The full log is kept in fuzz/logs/TARGET-<UTC time>.log.
# SANITIZER=none (default: address) builds without AddressSanitizer.
set -euo pipefail

if [[ $# -lt 2 ]]; then
    echo "usage: $0 TARGET SECONDS [libFuzzer flags...]" >&2
    exit 2
fi
target=$1
seconds=$2
shift 2

here=$(cd "$(dirname "$0")" && pwd)
cd "$here/.."
# Only a stable toolchain here; cargo-fuzz needs `-Z` flags, which this allows.
export RUSTC_BOOTSTRAP=1
sanitizer=${SANITIZER:-address}

mkdir -p "fuzz/corpus/$target" "fuzz/seeds/$target" fuzz/logs
log="fuzz/logs/$target-$(date -u +%Y%m%dT%H%M%SZ).log"

nice -n 19 cargo fuzz build --sanitizer "$sanitizer" "$target"

echo "fuzzing $target for ${seconds} s (log: $log)"
start=$(date +%s)
set +e
nice -n 19 cargo fuzz run --sanitizer "$sanitizer" "$target" \
    "fuzz/corpus/$target" "fuzz/seeds/$target" -- \
    -max_total_time="$seconds" -print_final_stats=1 -timeout=10 -rss_limit_mb=2048 \
    "$@" >"$log" 2>&1
status=$?
set -e
elapsed=$(($(date +%s) - start))

stat() { grep -ao "stat::$1: *[0-9]*" "$log" | tail -1 | grep -o '[0-9]*$' || echo '?'; }
echo "target:      $target"
echo "date:        $(date -u +%Y-%m-%d)"
echo "wall time:   ${elapsed} s (asked ${seconds} s)"
echo "executions:  $(stat number_of_executed_units)"
echo "exec/s:      $(stat average_exec_per_sec)"
echo "new units:   $(stat new_units_added)"
echo "slowest:     $(stat slowest_unit_time_sec) s per input"
echo "peak RSS:    $(stat peak_rss_mb) MB"
echo "final:       $(grep -aE '^#[0-9]+[[:space:]]+DONE' "$log" | tail -1 || true)"
echo "corpus:      $(find "fuzz/corpus/$target" -type f | wc -l) files"
if [[ $status -eq 0 ]]; then
    echo "crashes:     none"
else
    echo "crashes:     FOUND (exit $status)"
    grep -aE "panicked at|ERROR: (libFuzzer|AddressSanitizer)|Test unit written to|SUMMARY" "$log" | head -20
fi
exit $status
