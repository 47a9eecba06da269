#!/usr/bin/env python3
"""Generates realistic person names that are (almost certainly) not on any sanctions list,
for the false-alarm section of examples/screen_eval.rs.

Usage:
    pip install faker==30.8.2
    python3 scripts/gen_negative_names.py [OUT] [PER_LOCALE]

Defaults: OUT = target/negative_names.tsv, PER_LOCALE = 800 (x 32 locales = 25,600 names).
Output: one `locale<TAB>name` line per name, deterministic for a given Faker version
(Faker.seed(20250101) before each locale). The file is written under target/ (or /tmp),
never committed: it is regenerated from this script.

Locales cover Latin, Cyrillic, Greek, Arabic, Persian, Hebrew, Devanagari, Han, Hangul,
kana, Thai, Georgian and Armenian scripts, with Arabic, Turkish, Persian, Russian,
Indonesian and South Asian names weighted like the rest (those are the names most exposed
to false alarms against sanctions lists).
"""

import sys

import faker

LOCALES = [
    "en_US", "en_GB", "en_IN", "en_PK", "de_DE", "fr_FR", "es_ES", "es_MX", "it_IT",
    "pt_BR", "nl_NL", "pl_PL", "cs_CZ", "ro_RO", "hu_HU", "sv_SE", "tr_TR", "ru_RU",
    "uk_UA", "bg_BG", "el_GR", "ar_AA", "ar_SA", "fa_IR", "he_IL", "hi_IN", "id_ID",
    "vi_VN", "zh_CN", "ja_JP", "ko_KR", "th_TH",
]

# Faker 30.8.2 quirks worked around (not filtered after the fact):
# - en_PK `last_name()` returns single letters and `first_name()` sometimes the word
#   "Name"; en_PK names are two given names instead (a common Pakistani pattern).
# - ar_EG has no person provider of its own (it returns English names); ar_SA is used.
def make_name(fake, loc):
    if loc == "en_PK":
        given = [g for g in (fake.first_name() for _ in range(4)) if g != "Name"]
        return " ".join(given[:2])
    return fake.name()
EXPECTED_FAKER = "30.8.2"


def main() -> None:
    out = sys.argv[1] if len(sys.argv) > 1 else "target/negative_names.tsv"
    per_locale = int(sys.argv[2]) if len(sys.argv) > 2 else 800
    if faker.VERSION != EXPECTED_FAKER:
        print(f"warning: faker {faker.VERSION}, figures were measured with {EXPECTED_FAKER}", file=sys.stderr)
    lines = []
    for loc in LOCALES:
        fake = faker.Faker(loc)
        fake.seed_instance(20250101)
        seen = set()
        tries = 0
        while len(seen) < per_locale and tries < per_locale * 20:
            tries += 1
            name = " ".join(make_name(fake, loc).split())
            if name and name not in seen:
                seen.add(name)
                lines.append(f"{loc}\t{name}")
    with open(out, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    print(f"wrote {len(lines)} names ({len(LOCALES)} locales) to {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
