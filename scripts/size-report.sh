#!/usr/bin/env bash
# Prints raw and gzip (-9) sizes of the built wasm and of the snapshots, and writes them to
# target/size-report.txt. The 300 KB gzip budget for the wasm code is asserted by
# tests/page/size.test.mjs.
set -euo pipefail
cd "$(dirname "$0")/.."
row() { # label file
  if [ -f "$2" ]; then
    printf '%-34s %10d bytes raw %10d bytes gzip\n' "$1" "$(stat -c %s "$2")" "$(gzip -9c "$2" | wc -c)"
  else
    printf '%-34s (missing: %s)\n' "$1" "$2"
  fi
}
{
  echo "size report"
  row "wasm (www/pkg/kyc_check_bg.wasm)" www/pkg/kyc_check_bg.wasm
  row "embedded default snapshot" data/default.kcs
  row "page snapshot (www/snapshot.kcs)" www/snapshot.kcs
} | tee target/size-report.txt
