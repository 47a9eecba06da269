#!/usr/bin/env bash
# Fills fuzz/corpus/<target>/ (git-ignored) with seeds: the hand-made fuzz/seeds/<target>/,
# the sample lists in data/, the bundled snapshot, the validation vectors, the committed
# crash inputs (tests/fuzz_regressions/), and, when ../shared/watchlists exists and python3
# is there, small cuts of the official list files (fuzz/seed_cuts.py; never committed).
# Idempotent: existing corpus files (what earlier runs found) are kept.
set -euo pipefail
cd "$(dirname "$0")"
root=..
sep=$'\n%%%%\n'   # harness::PART_SEPARATOR
targets=(snapshot_load validators record screen parse_ofac parse_un parse_uk parse_eu)
for t in "${targets[@]}"; do
  mkdir -p "corpus/$t"
  if [ -d "seeds/$t" ]; then cp -n seeds/"$t"/* "corpus/$t/" 2>/dev/null || true; fi
  if [ -d "$root/tests/fuzz_regressions/$t" ]; then
    cp -n "$root/tests/fuzz_regressions/$t"/* "corpus/$t/" 2>/dev/null || true
  fi
done

cp "$root/data/default.kcs" corpus/snapshot_load/default.kcs

# Vector lines `format<TAB>input<TAB>expect` become `\xff format \n input` (free format id).
i=0
for f in "$root"/tests/vectors/*.tsv; do
  i=$((i + 1))
  awk -F'\t' -v out="corpus/validators/v${i}_" '!/^#/ && NF >= 2 { file = out FNR; printf "\377%s\n%s", $1, $2 > file; close(file) }' "$f"
done

{ cat "$root/data/ofac_sdn/sdn.csv"; printf '%s' "$sep"; cat "$root/data/ofac_sdn/alt.csv"; printf '%s' "$sep"
  cat "$root/data/ofac_sdn/add.csv"; printf '%s' "$sep"; cat "$root/data/ofac_sdn/sdn_comments.csv"; } > corpus/parse_ofac/sdn_set
{ cat "$root/data/ofac_cons/cons_prim.csv"; printf '%s' "$sep"; cat "$root/data/ofac_cons/cons_alt.csv"; printf '%s' "$sep"
  cat "$root/data/ofac_cons/cons_add.csv"; printf '%s' "$sep"; cat "$root/data/ofac_cons/cons_comments.csv"; } > corpus/parse_ofac/cons_set
cp "$root/data/ofac_sdn/sdn.csv" corpus/parse_ofac/sdn_only.csv
cp "$root/data/un/consolidated.xml" corpus/parse_un/consolidated.xml
cp "$root/data/eu/fsf.xml" corpus/parse_eu/fsf.xml
{ printf '\000'; cat "$root/data/uk/ConList.csv"; } > corpus/parse_uk/ConList.csv

shared="$root/../shared/watchlists"
if [ -d "$shared" ] && command -v python3 >/dev/null; then
  python3 seed_cuts.py "$shared" corpus
fi
for t in "${targets[@]}"; do
  printf '%-14s %4d seeds\n' "$t" "$(ls "corpus/$t" | wc -l)"
done
