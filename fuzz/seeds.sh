#!/usr/bin/env bash
# Fills fuzz/corpus/<target>/ (git-ignored), or DIR/<target>/ for `seeds.sh DIR`, with seeds:
# the hand-made fuzz/seeds/<target>/, the sample lists in data/, the bundled snapshot, the
# validation vectors, the committed crash inputs (tests/fuzz_regressions/), and, when
# ../shared/watchlists exists and python3 is there, small cuts of the official list files
# (fuzz/seed_cuts.py; never committed). Existing corpus files (earlier finds) are kept.
set -euo pipefail
out=$(realpath -m "${1:-$(dirname "$0")/corpus}")
cd "$(dirname "$0")"
root=..
sep=$'\n%%%%\n'   # harness::PART_SEPARATOR
targets=(snapshot_load validators record screen parse_ofac parse_un parse_uk parse_eu)
for t in "${targets[@]}"; do
  mkdir -p "$out/$t"
  if [ -d "seeds/$t" ]; then cp -n seeds/"$t"/* "$out/$t/" 2>/dev/null || true; fi
  if [ -d "$root/tests/fuzz_regressions/$t" ]; then
    cp -n "$root/tests/fuzz_regressions/$t"/* "$out/$t/" 2>/dev/null || true
  fi
done

cp "$root/data/default.kcs" "$out"/snapshot_load/default.kcs

# Vector lines `format<TAB>input<TAB>expect` become `\xff format \n input` (free format id).
i=0
for f in "$root"/tests/vectors/*.tsv; do
  i=$((i + 1))
  awk -F'\t' -v out="$out/validators/v${i}_" '!/^#/ && NF >= 2 { file = out FNR; printf "\377%s\n%s", $1, $2 > file; close(file) }' "$f"
done

{ cat "$root/data/ofac_sdn/sdn.csv"; printf '%s' "$sep"; cat "$root/data/ofac_sdn/alt.csv"; printf '%s' "$sep"
  cat "$root/data/ofac_sdn/add.csv"; printf '%s' "$sep"; cat "$root/data/ofac_sdn/sdn_comments.csv"; } > "$out"/parse_ofac/sdn_set
{ cat "$root/data/ofac_cons/cons_prim.csv"; printf '%s' "$sep"; cat "$root/data/ofac_cons/cons_alt.csv"; printf '%s' "$sep"
  cat "$root/data/ofac_cons/cons_add.csv"; printf '%s' "$sep"; cat "$root/data/ofac_cons/cons_comments.csv"; } > "$out"/parse_ofac/cons_set
cp "$root/data/ofac_sdn/sdn.csv" "$out"/parse_ofac/sdn_only.csv
cp "$root/data/un/consolidated.xml" "$out"/parse_un/consolidated.xml
cp "$root/data/eu/fsf.xml" "$out"/parse_eu/fsf.xml
{ printf '\000'; cat "$root/data/uk/ConList.csv"; } > "$out"/parse_uk/ConList.csv

shared="$root/../shared/watchlists"
if [ -d "$shared" ] && command -v python3 >/dev/null; then
  python3 seed_cuts.py "$shared" "$out"
fi
for t in "${targets[@]}"; do
  printf '%-14s %4d seeds\n' "$t" "$(ls "$out/$t" | wc -l)"
done
