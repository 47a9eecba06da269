//! Writes `src/unicode_norm/tables.rs`: the Unicode normalisation data of the
//! `unicode-normalization` crate (a dev-dependency), read through its public API for every
//! code point and stored as sorted, binary-searchable tables. The crate's own tables are
//! perfect-hash tables in hash order, which gzip can hardly compress (about 65 KB gzip in
//! the wasm); sorted tables hold the same data in a fraction of that (BENCHMARKS.md, Wasm
//! size). `src/unicode_norm` checks its answers against the crate for every code point.
//!
//! `cargo run --release --example gen_unicode_tables > src/unicode_norm/tables.rs && cargo fmt`
//!
//! With the argument `case`, writes `src/unicode_norm/case_tables.rs` instead: the case
//! mappings of the standard library (`char::to_lowercase`, `char::to_uppercase`) and the two
//! properties behind `str::to_lowercase`'s final-sigma rule, read the same way (the standard
//! library's own tables cost about 9 KB gzip in the wasm).
//! `cargo run --release --example gen_unicode_tables case > src/unicode_norm/case_tables.rs && cargo fmt`

use std::fmt::Write as _;
use unicode_normalization::char::{
    canonical_combining_class, compose, decompose_canonical, decompose_compatible,
    is_combining_mark,
};
use unicode_normalization::{is_nfc_quick, IsNormalized, UNICODE_VERSION};

/// Hangul syllables, decomposed and composed by arithmetic rather than by table.
const HANGUL: std::ops::RangeInclusive<u32> = 0xAC00..=0xD7A3;
/// Hangul conjoining jamo (the parts of the syllables above).
const JAMO: std::ops::RangeInclusive<u32> = 0x1100..=0x11FF;
/// Longest range one packed range entry holds (11 bits of length).
const MAX_RANGE_LEN: u32 = 1 << 11;

fn all_chars() -> impl Iterator<Item = char> {
    (0..=0x10FFFF).filter_map(char::from_u32)
}

/// Runs of consecutive code points with the same non-default value, each at most
/// [`MAX_RANGE_LEN`] long: (first code point, length, value).
fn runs(value: impl Fn(char) -> u8) -> Vec<(u32, u32, u8)> {
    let mut out: Vec<(u32, u32, u8)> = Vec::new();
    for c in all_chars() {
        let v = value(c);
        if v == 0 {
            continue;
        }
        let cp = c as u32;
        match out.last_mut() {
            Some((start, len, val)) if *start + *len == cp && *val == v && *len < MAX_RANGE_LEN => {
                *len += 1
            }
            _ => out.push((cp, 1, v)),
        }
    }
    out
}

fn emit_u32s(out: &mut String, doc: &str, name: &str, values: &[u32]) {
    writeln!(out, "/// {doc}").unwrap();
    writeln!(out, "pub(super) static {name}: [u32; {}] = [", values.len()).unwrap();
    for chunk in values.chunks(8) {
        let items: Vec<String> = chunk.iter().map(|v| format!("0x{v:08X}")).collect();
        writeln!(out, "    {},", items.join(", ")).unwrap();
    }
    writeln!(out, "];\n").unwrap();
}

fn emit_u16s(out: &mut String, doc: &str, name: &str, values: &[u16]) {
    writeln!(out, "/// {doc}").unwrap();
    writeln!(out, "pub(super) static {name}: [u16; {}] = [", values.len()).unwrap();
    for chunk in values.chunks(12) {
        let items: Vec<String> = chunk.iter().map(|v| v.to_string()).collect();
        writeln!(out, "    {},", items.join(", ")).unwrap();
    }
    writeln!(out, "];\n").unwrap();
}

fn emit_u8s(out: &mut String, doc: &str, name: &str, values: &[u8]) {
    writeln!(out, "/// {doc}").unwrap();
    writeln!(out, "pub(super) static {name}: [u8; {}] = [", values.len()).unwrap();
    for chunk in values.chunks(16) {
        let items: Vec<String> = chunk.iter().map(|v| v.to_string()).collect();
        writeln!(out, "    {},", items.join(", ")).unwrap();
    }
    writeln!(out, "];\n").unwrap();
}

/// A range table: packed entries `first << 11 | (length - 1)`, plus the values when the
/// table has more than one.
fn emit_runs(out: &mut String, doc: &str, name: &str, runs: &[(u32, u32, u8)], values: bool) {
    let packed: Vec<u32> = runs.iter().map(|&(s, l, _)| s << 11 | (l - 1)).collect();
    emit_u32s(out, doc, &format!("{name}_RANGES"), &packed);
    if values {
        let vals: Vec<u8> = runs.iter().map(|r| r.2).collect();
        emit_u8s(
            out,
            &format!("Value of each range of [`{name}_RANGES`]."),
            &format!("{name}_VALUES"),
            &vals,
        );
    }
}

/// Largest number of entries in one block of a decomposition table.
const BLOCK_LEN: usize = 16;

/// A decomposition table, in blocks of up to [`BLOCK_LEN`] entries (a new block also starts
/// where a key is more than 255 after the previous one): per block its first key, first
/// entry and text offset; per entry its key's distance from the previous key (0 for a
/// block's first) and the UTF-8 length of its decomposition; the decompositions end to end.
/// Sorted code points and lengths compress far better under gzip than absolute keys and
/// offsets, and a lookup bisects the blocks, then walks at most one block.
fn emit_decompositions(out: &mut String, doc: &str, name: &str, entries: &[(u32, Vec<char>)]) {
    let mut block_keys: Vec<u32> = Vec::new();
    let mut block_firsts: Vec<u16> = Vec::new();
    let mut block_offsets: Vec<u16> = Vec::new();
    let mut deltas: Vec<u8> = Vec::new();
    let mut lens: Vec<u8> = Vec::new();
    let mut text = String::new();
    let mut block_start = 0;
    for (i, (key, d)) in entries.iter().enumerate() {
        let delta = if i == 0 {
            u32::MAX
        } else {
            key - entries[i - 1].0
        };
        if i - block_start == BLOCK_LEN || delta > 255 || i == 0 {
            block_start = i;
            block_keys.push(*key);
            block_firsts.push(u16::try_from(i).expect("over 65,535 entries"));
            block_offsets.push(u16::try_from(text.len()).expect("text over 64 KiB"));
            deltas.push(0);
        } else {
            deltas.push(delta as u8);
        }
        let before = text.len();
        text.extend(d.iter());
        lens.push(u8::try_from(text.len() - before).expect("decomposition over 255 bytes"));
    }
    block_firsts.push(u16::try_from(entries.len()).expect("over 65,535 entries"));
    block_offsets.push(u16::try_from(text.len()).expect("text over 64 KiB"));
    emit_u32s(
        out,
        &format!("{doc} First key of each block."),
        &format!("{name}_BLOCK_KEYS"),
        &block_keys,
    );
    emit_u16s(
        out,
        "First entry of each block, and the number of entries at the end.",
        &format!("{name}_BLOCK_FIRSTS"),
        &block_firsts,
    );
    emit_u16s(
        out,
        &format!("Offset in [`{name}_TEXT`] of each block's first decomposition, and its length at the end."),
        &format!("{name}_BLOCK_OFFSETS"),
        &block_offsets,
    );
    emit_u8s(
        out,
        "Per entry: its key less the previous key (0 for a block's first).",
        &format!("{name}_DELTAS"),
        &deltas,
    );
    emit_u8s(
        out,
        "Per entry: the UTF-8 length of its decomposition.",
        &format!("{name}_LENS"),
        &lens,
    );
    writeln!(out, "/// The decompositions, end to end.").unwrap();
    let escaped: String = text
        .chars()
        .map(|c| match c {
            ' '..='~' if c != '"' && c != '\\' => c.to_string(),
            _ => format!("\\u{{{:X}}}", c as u32),
        })
        .collect();
    writeln!(
        out,
        "pub(super) static {name}_TEXT: &str = \"{escaped}\";\n"
    )
    .unwrap();
}

fn emit_i32s(out: &mut String, doc: &str, name: &str, values: &[i32]) {
    writeln!(out, "/// {doc}").unwrap();
    writeln!(out, "pub(super) static {name}: [i32; {}] = [", values.len()).unwrap();
    for chunk in values.chunks(12) {
        let items: Vec<String> = chunk.iter().map(|v| v.to_string()).collect();
        writeln!(out, "    {},", items.join(", ")).unwrap();
    }
    writeln!(out, "];\n").unwrap();
}

/// A case table: keys in blocks as in [`emit_decompositions`], and per entry the index of
/// its mapping in the shared mapping list.
fn emit_case_table(out: &mut String, doc: &str, name: &str, entries: &[(u32, u8)]) {
    let mut block_keys: Vec<u32> = Vec::new();
    let mut block_firsts: Vec<u16> = Vec::new();
    let mut deltas: Vec<u8> = Vec::new();
    let mut block_start = 0;
    for (i, (key, _)) in entries.iter().enumerate() {
        let delta = if i == 0 {
            u32::MAX
        } else {
            key - entries[i - 1].0
        };
        if i - block_start == BLOCK_LEN || delta > 255 || i == 0 {
            block_start = i;
            block_keys.push(*key);
            block_firsts.push(u16::try_from(i).expect("over 65,535 entries"));
            deltas.push(0);
        } else {
            deltas.push(delta as u8);
        }
    }
    block_firsts.push(u16::try_from(entries.len()).expect("over 65,535 entries"));
    emit_u32s(
        out,
        &format!("{doc} First key of each block."),
        &format!("{name}_BLOCK_KEYS"),
        &block_keys,
    );
    emit_u16s(
        out,
        "First entry of each block, and the number of entries at the end.",
        &format!("{name}_BLOCK_FIRSTS"),
        &block_firsts,
    );
    emit_u8s(
        out,
        "Per entry: its key less the previous key (0 for a block's first).",
        &format!("{name}_DELTAS"),
        &deltas,
    );
    let maps: Vec<u8> = entries.iter().map(|e| e.1).collect();
    emit_u8s(
        out,
        "Per entry: its mapping, an index into [`CASE_SHIFTS`] then [`CASE_MULTI_ENDS`].",
        &format!("{name}_MAPS"),
        &maps,
    );
}

fn case_main() {
    let mut out = String::new();
    writeln!(
        out,
        "//! GENERATED by `cargo run --release --example gen_unicode_tables case` from the\n\
         //! standard library's case mappings (Unicode {}.{}.{}): do not edit by hand.\n",
        char::UNICODE_VERSION.0,
        char::UNICODE_VERSION.1,
        char::UNICODE_VERSION.2
    )
    .unwrap();
    // Mappings: one character at a distance (a shift), or several characters.
    let mut shifts: Vec<i32> = Vec::new();
    let mut multis: Vec<String> = Vec::new();
    let mut tables: Vec<Vec<(u32, Vec<char>)>> = vec![Vec::new(), Vec::new()];
    for c in all_chars() {
        let lower: Vec<char> = c.to_lowercase().collect();
        let upper: Vec<char> = c.to_uppercase().collect();
        if lower != [c] {
            tables[0].push((c as u32, lower));
        }
        if upper != [c] {
            tables[1].push((c as u32, upper));
        }
    }
    for table in &tables {
        for (key, m) in table {
            if m.len() == 1 {
                let shift = m[0] as i32 - *key as i32;
                if !shifts.contains(&shift) {
                    shifts.push(shift);
                }
            } else {
                let text: String = m.iter().collect();
                if !multis.contains(&text) {
                    multis.push(text);
                }
            }
        }
    }
    assert!(
        shifts.len() + multis.len() <= 256,
        "mappings do not fit a byte"
    );
    let index = |key: u32, m: &[char]| -> u8 {
        let i = if m.len() == 1 {
            shifts
                .iter()
                .position(|&s| s == m[0] as i32 - key as i32)
                .unwrap()
        } else {
            let text: String = m.iter().collect();
            shifts.len() + multis.iter().position(|t| *t == text).unwrap()
        };
        i as u8
    };
    for (t, name, doc) in [
        (
            &tables[0],
            "LOWER",
            "Characters whose lower case (`char::to_lowercase`) is another text.",
        ),
        (
            &tables[1],
            "UPPER",
            "Characters whose upper case (`char::to_uppercase`) is another text.",
        ),
    ] {
        let entries: Vec<(u32, u8)> = t.iter().map(|(k, m)| (*k, index(*k, m))).collect();
        emit_case_table(&mut out, doc, name, &entries);
    }
    emit_i32s(
        &mut out,
        "Single-character mappings: the distance from the character.",
        "CASE_SHIFTS",
        &shifts,
    );
    let mut text = String::new();
    let mut ends: Vec<u16> = Vec::new();
    for m in &multis {
        text.push_str(m);
        ends.push(u16::try_from(text.len()).unwrap());
    }
    emit_u16s(
        &mut out,
        "Mappings to several characters: end offset of each in [`CASE_MULTI_TEXT`].",
        "CASE_MULTI_ENDS",
        &ends,
    );
    let escaped: String = text
        .chars()
        .map(|c| match c {
            ' '..='~' if c != '"' && c != '\\' => c.to_string(),
            _ => format!("\\u{{{:X}}}", c as u32),
        })
        .collect();
    writeln!(out, "/// The mappings to several characters, end to end.").unwrap();
    writeln!(
        out,
        "pub(super) static CASE_MULTI_TEXT: &str = \"{escaped}\";\n"
    )
    .unwrap();

    // The final-sigma rule of `str::to_lowercase`: Σ is final when the nearest character
    // before it that is not case-ignorable is cased, and the nearest one after it is not.
    // Read back from `str::to_lowercase` itself: "xΣ" ends in ς exactly when x is cased and
    // not case-ignorable; "AxΣ" also when x is case-ignorable.
    let final_sigma = |s: String| s.to_lowercase().ends_with('\u{3C2}');
    let ignorable = runs(|c| {
        let cased = final_sigma(format!("{c}\u{3A3}"));
        u8::from(!cased && final_sigma(format!("A{c}\u{3A3}")))
    });
    let cased = runs(|c| u8::from(final_sigma(format!("{c}\u{3A3}"))));
    emit_runs(
        &mut out,
        "Case-ignorable characters (as `str::to_lowercase` reads them).",
        "CASE_IGNORABLE",
        &ignorable,
        false,
    );
    emit_runs(
        &mut out,
        "Cased characters that are not case-ignorable.",
        "CASED",
        &cased,
        false,
    );
    eprintln!(
        "lower {}, upper {}, shifts {}, multis {}, ignorable runs {}, cased runs {}",
        tables[0].len(),
        tables[1].len(),
        shifts.len(),
        multis.len(),
        ignorable.len(),
        cased.len()
    );
    print!("{out}");
}

fn main() {
    if std::env::args().nth(1).as_deref() == Some("case") {
        return case_main();
    }
    let mut out = String::new();
    let (major, minor, patch) = UNICODE_VERSION;
    writeln!(
        out,
        "//! GENERATED by `cargo run --release --example gen_unicode_tables` from the\n\
         //! `unicode-normalization` crate (Unicode {major}.{minor}.{patch}): do not edit by hand.\n\
         //!\n\
         //! Range tables pack `first << 11 | (length - 1)` per entry, sorted; decomposition\n\
         //! tables are sorted code points with their full decompositions end to end.\n"
    )
    .unwrap();

    let ccc = runs(canonical_combining_class);
    emit_runs(
        &mut out,
        "Code points with a non-zero canonical combining class.",
        "CCC",
        &ccc,
        true,
    );

    let marks = runs(|c| u8::from(is_combining_mark(c)));
    emit_runs(
        &mut out,
        "Combining marks (general category M).",
        "MARK",
        &marks,
        false,
    );

    let qc = runs(|c| match is_nfc_quick(std::iter::once(c)) {
        IsNormalized::Yes => 0,
        IsNormalized::No => 1,
        IsNormalized::Maybe => 2,
    });
    emit_runs(
        &mut out,
        "NFC quick check: values 1 (No) and 2 (Maybe); Yes elsewhere.",
        "NFC_QC",
        &qc,
        true,
    );

    let mut canonical: Vec<(u32, Vec<char>)> = Vec::new();
    let mut compatible: Vec<(u32, Vec<char>)> = Vec::new();
    for c in all_chars() {
        let cp = c as u32;
        if HANGUL.contains(&cp) {
            continue;
        }
        let mut canon = Vec::new();
        decompose_canonical(c, |d| canon.push(d));
        let mut compat = Vec::new();
        decompose_compatible(c, |d| compat.push(d));
        if canon != [c] {
            canonical.push((cp, canon.clone()));
        }
        if compat != canon {
            compatible.push((cp, compat));
        }
    }
    emit_decompositions(
        &mut out,
        "Code points with a canonical decomposition (Hangul syllables aside).",
        "CANONICAL",
        &canonical,
    );
    emit_decompositions(
        &mut out,
        "Code points whose compatibility decomposition differs from the canonical one.",
        "COMPATIBLE",
        &compatible,
    );

    // Every composition pair: both parts either decompose or appear in a decomposition.
    let mut parts: Vec<char> = Vec::new();
    for (cp, d) in &canonical {
        parts.push(char::from_u32(*cp).unwrap());
        parts.extend(d.iter());
    }
    parts.sort_unstable();
    parts.dedup();
    let mut pairs: Vec<(u32, u32, u32)> = Vec::new();
    for &a in &parts {
        for &b in &parts {
            if JAMO.contains(&(a as u32)) || HANGUL.contains(&(a as u32)) {
                continue;
            }
            if let Some(r) = compose(a, b) {
                pairs.push((a as u32, b as u32, r as u32));
            }
        }
    }
    pairs.sort_unstable();
    let min_second = pairs.iter().map(|p| p.1).min().unwrap();
    writeln!(out, "/// Smallest second code point of a composition pair.").unwrap();
    writeln!(
        out,
        "pub(super) const COMPOSE_MIN_SECOND: u32 = 0x{min_second:X};\n"
    )
    .unwrap();
    let firsts: Vec<u32> = pairs.iter().map(|p| p.0).collect();
    let seconds: Vec<u32> = pairs.iter().map(|p| p.1).collect();
    let results: Vec<u32> = pairs.iter().map(|p| p.2).collect();
    emit_u32s(
        &mut out,
        "First code point of each composition pair, sorted (then by the second).",
        "COMPOSE_FIRST",
        &firsts,
    );
    emit_u32s(
        &mut out,
        "Second code point of each composition pair.",
        "COMPOSE_SECOND",
        &seconds,
    );
    emit_u32s(
        &mut out,
        "The composite of each composition pair.",
        "COMPOSE_RESULT",
        &results,
    );

    eprintln!(
        "ccc runs {}, mark runs {}, nfc_qc runs {}, canonical {}, compatible {}, pairs {} (parts {})",
        ccc.len(),
        marks.len(),
        qc.len(),
        canonical.len(),
        compatible.len(),
        pairs.len(),
        parts.len()
    );
    print!("{out}");
}
