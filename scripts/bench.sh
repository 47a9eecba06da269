#!/usr/bin/env bash
# `make bench`: every benchmark of BENCHMARKS.md in one run, and the report.
#
# 1. the release CLI, and a snapshot of every list in ../shared/watchlists (target/bench/all.kcs,
#    built with --remarks external: the remarks, shown only in the details view, are in
#    target/bench/all.kcr, so the page benchmark loads what screening needs);
# 2. the query set (examples/bench_queries.rs): perturbed listed names + names on no list
#    (Faker names, scripts/gen_negative_names.py; faker installed from PyPI when missing);
# 3. native benchmarks (divan, benches/native.rs): screening throughput on one core and on
#    every core, validation of a full record, snapshot build;
# 4. the wasm package, then the browser benchmark (www/bench.html in headless Chromium):
#    snapshot load, screening p50/p95/p99, Fuse.js and an exhaustive scan on the same
#    queries, memory after 10,000 queries;
# 5. sizes: wasm code, snapshot and its remarks file, raw and gzip, and the page's total weight.
# Writes target/bench/report.md (the measured tables, ratios computed from this one run).
#
# FUSE_STRIDE / EXHAUSTIVE_STRIDE: every Nth query goes through Fuse.js / the exhaustive
# scan (both take hundreds of milliseconds a query); odd, so listed and unlisted queries
# (interleaved) are both sampled. QUERIES: size of the query set (default 2400).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

FUSE_STRIDE=${FUSE_STRIDE:-7}
EXHAUSTIVE_STRIDE=${EXHAUSTIVE_STRIDE:-7}
QUERIES=${QUERIES:-2400}
LISTS=../shared/watchlists
OUT=target/bench
say() { printf '[bench] %s\n' "$*" >&2; }

[ -d "$LISTS" ] || { say "$LISTS not found: the benchmarks need the official lists"; exit 1; }
mkdir -p "$OUT"

say "release CLI and the snapshot of every list"
cargo build --release --bin kyc-check --example bench_queries -q
target/release/kyc-check snapshot build --skip-unreadable --label official --remarks external \
  --out "$OUT/all.kcs" "$LISTS" \
  > "$OUT/snapshot-build.txt" 2>&1

if [ ! -s target/negative_names.tsv ]; then
  python3 -c 'import faker' 2>/dev/null || pip install -q faker==30.8.2
  python3 scripts/gen_negative_names.py target/negative_names.tsv
fi
target/release/examples/bench_queries "$OUT/all.kcs" target/negative_names.tsv "$OUT" "$QUERIES"

say "native benchmarks (divan)"
cargo bench --bench native 2>&1 | tee "$OUT/native.txt"

say "wasm package and browser benchmark"
make -s wasm >/dev/null
node scripts/browser-bench.mjs "$OUT/all.kcs" "$OUT" --fuse-stride "$FUSE_STRIDE" \
  --exhaustive-stride "$EXHAUSTIVE_STRIDE" --out "$OUT/browser.json" >/dev/null

say "sizes"
gz() { gzip -9 -c "$1" | wc -c; }
{
  echo "file raw gzip"
  for f in www/pkg/kyc_check_bg.wasm data/default.kcs "$OUT/all.kcs" "$OUT/all.kcr" www/index.html www/app.js \
           www/config.js www/messages.js www/style.css www/pkg/kyc_check.js; do
    echo "$f $(wc -c < "$f") $(gz "$f")"
  done
} > "$OUT/sizes.txt"

node scripts/bench-report.mjs "$OUT" > "$OUT/report.md"
say "report: $OUT/report.md (paste into BENCHMARKS.md)"
cat "$OUT/report.md"
