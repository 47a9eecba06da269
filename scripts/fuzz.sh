#!/usr/bin/env bash
# Runs the cargo-fuzz (libFuzzer) targets of fuzz/ on the stable toolchain.
#
#   scripts/fuzz.sh smoke                 every target for a few seconds (make fuzz-smoke)
#   scripts/fuzz.sh long [SECONDS] [T..]  each target (or the ones named) for SECONDS
#                                         (default 600), one at a time, niced; logs in
#                                         fuzz/logs/<target>.log, corpus kept in fuzz/corpus/
#
# cargo-fuzz passes nightly-only flags (-Zsanitizer, -Cpasses=sancov-module ...):
# RUSTC_BOOTSTRAP=1 lets the stable compiler accept them (FUZZING.md). AddressSanitizer
# works with stable's own runtime (librustc-stable_rt.asan.a). A crash stops the target and
# leaves its input in fuzz/artifacts/<target>/; the script then exits non-zero.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
export RUSTC_BOOTSTRAP=1

TARGETS=(snapshot_load validators record screen parse_ofac parse_un parse_uk parse_eu)
mode=${1:-smoke}
shift || true

# The dictionary of a target, as a libFuzzer flag (parser targets only).
dict_flag() {
  case "$1" in
    parse_ofac) echo "-dict=fuzz/dict/ofac.dict" ;;
    parse_un) echo "-dict=fuzz/dict/un.dict" ;;
    parse_uk) echo "-dict=fuzz/dict/uk.dict" ;;
    parse_eu) echo "-dict=fuzz/dict/eu.dict" ;;
  esac
}

# -a: debug assertions and overflow checks on, so wrapping arithmetic is found too.
build() { nice -n 19 cargo fuzz build -a -s address "$@"; }

run_target() { # target seconds corpus-dirs...
  local target=$1 seconds=$2
  shift 2
  # shellcheck disable=SC2046
  nice -n 19 cargo fuzz run -a -s address "$target" "$@" -- \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    $(dict_flag "$target")
}

case "$mode" in
  smoke)
    # 2 s per target over the seeds (about 30 s in all with start-up); the built binaries
    # are run directly (no cargo per target); new inputs go to a scratch dir so the seed
    # corpus stays as it is.
    seconds=${1:-2}
    build
    scratch=$(mktemp -d)
    trap 'rm -rf "$scratch"' EXIT
    bin=fuzz/target/$(rustc -vV | awk '/^host:/ { print $2 }')/release
    bash fuzz/seeds.sh "$scratch/seeds" >/dev/null
    for t in "${TARGETS[@]}"; do
      mkdir -p "$scratch/$t" "fuzz/artifacts/$t"
      # shellcheck disable=SC2046
      if ! nice -n 19 "$bin/$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 -artifact_prefix="fuzz/artifacts/$t/" $(dict_flag "$t") \
        "$scratch/$t" "$scratch/seeds/$t" > "$scratch/$t.log" 2>&1; then
        tail -40 "$scratch/$t.log" >&2
        echo "fuzz-smoke: $t FAILED (input saved in fuzz/artifacts/$t/)" >&2
        exit 1
      fi
      echo "fuzz-smoke: $t ok ($(grep -Eo 'stat::number_of_executed_units: *[0-9]+' "$scratch/$t.log" | grep -Eo '[0-9]+$') execs)"
    done
    echo "fuzz-smoke: ${#TARGETS[@]} passed, 0 failed"
    ;;
  long)
    seconds=${1:-600}
    shift || true
    [ $# -gt 0 ] && TARGETS=("$@")
    bash fuzz/seeds.sh >/dev/null
    build
    mkdir -p fuzz/logs
    for t in "${TARGETS[@]}"; do
      echo "[$(date -u +%H:%M:%S)] $t for ${seconds}s -> fuzz/logs/$t.log"
      run_target "$t" "$seconds" "fuzz/corpus/$t" > "fuzz/logs/$t.log" 2>&1 \
        || echo "[$(date -u +%H:%M:%S)] $t stopped with a finding: fuzz/artifacts/$t/"
    done
    ;;
  *)
    echo "usage: scripts/fuzz.sh smoke [SECONDS] | long [SECONDS] [TARGET...]" >&2
    exit 2
    ;;
esac
