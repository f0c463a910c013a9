#!/usr/bin/env bash
# Times what `pathfolio serve -v` reports when the teacher saves a unit of a
# synthetic course of about 10,000 pages (a change outside students' folders: the
# whole site is built again in memory), $RUNS times (default 3).
#
#   bash benches/unit-edit.sh                      # builds pathfolio (release) first
#   PATHFOLIO=path/to/pathfolio bash benches/unit-edit.sh
#   STUDENTS=50 BENCH_DIR=/tmp/b bash benches/unit-edit.sh
#
# Prints the first build's line, then one line per save, as `serve -v` prints them,
# each followed by the CPU time the server used for it (user + system, all threads:
# steadier than the wall time on a machine that others share).
set -euo pipefail
cd "$(dirname "$0")/.."
students=${STUDENTS:-500}
dir=${BENCH_DIR:-/dev/shm/pathfolio-unit-edit}
if [ -z "${PATHFOLIO:-}" ]; then
  cargo build --release --quiet --bin pathfolio --example gen-course
  PATHFOLIO=target/release/pathfolio
fi
rm -rf "$dir"
target/release/examples/gen-course --students "$students" --evidence-per-student 16 --seed 1 "$dir/course" >/dev/null
unit=units/01-cells.md
log="$dir/serve.log"
"$PATHFOLIO" serve "$dir/course" --audience teacher --port 0 -v >"$log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null || true' EXIT
until grep -q "^Serving" "$log"; do sleep 0.5; done
# utime + stime of the server, in seconds, from /proc.
cpu() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$pid/stat"; }
grep "^Built" "$log" | head -1
for run in $(seq "${RUNS:-3}"); do
  n=$(grep -c "after a change" "$log" || true)
  before=$(cpu)
  printf '\nEdited in the preview, run %s.\n' "$run" >>"$dir/course/$unit"
  until [ "$(grep -c "after a change" "$log" || true)" -gt "$n" ]; do sleep 0.2; done
  grep "after a change" "$log" | tail -1
  echo "  CPU time: $(awk -v a="$before" -v b="$(cpu)" 'BEGIN { printf "%.2f", b - a }') s"
  sleep 1
done
