#!/usr/bin/env bash
# Times a build of a course with one evidence body of 1 MB of nested `<div>` (issue
# 11): the raw HTML bound (src/markdown/raw_html.rs) keeps the work linear, so this
# should take well under a second. Before it, the sanitizer's parser took over a
# minute. Nothing here is part of `cargo test`; the test of linear work counts bytes
# (markdown::raw_html::tests::work_grows_linearly).
#
#   bash benches/nested-html.sh          # prints the seconds of one public build
set -euo pipefail
cd "$(dirname "$0")/.."
work="${BENCH_DIR:-target/bench}/nested-html"
rm -rf "$work"; mkdir -p "$work"
cargo build --release --quiet --bin pathfolio
cp -r tests/fixtures/minimal "$work/course"
ev="$work/course/students/sam-k/evidence/nested.md"
printf -- '---\ntitle: Nested\ndate: 2026-09-16\n---\n' >"$ev"
# 200,000 × "<div>" = 1,000,000 bytes, on one line (one HTML block).
python3 -c 'import sys; sys.stdout.write("<div>" * 200000 + "deep\n")' >>"$ev"
t0=$(date +%s%N)
target/release/pathfolio build "$work/course" -o "$work/site" --quiet
t1=$(date +%s%N)
awk -v a="$t0" -v b="$t1" -v s="$(wc -c <"$ev")" \
  'BEGIN{printf "build with a %d-byte body of nested <div>: %.3f s\n", s, (b-a)/1e9}'
