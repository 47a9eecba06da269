//! Evasion suite: listed names rewritten the ways people hide a name from a filter, screened
//! at the default review threshold; the listed entity must still be found (recall ≥ 99%).
//!
//! Five rewrite families (issue 12), each applied to real listed names and mixed within a
//! query:
//! - `homoglyph`: Latin letters replaced by Cyrillic or Greek look-alikes (`Рutіn`);
//! - `invisible`: zero-width spaces and joiners, bidi overrides and isolates, and combining
//!   marks inserted between letters (`P\u{200D}u\u{202E}tin\u{202C}`, `Pu̶tin`);
//! - `fullwidth`: full-width letters and digits, ideographic spaces (`ＰＵＴＩＮ`);
//! - `spaced`: the letters of a word separated by dots, spaces or hyphens (`P.u.t.i.n`,
//!   `P U T I N`, `P-U-T-I-N`);
//! - `leet`: digits in place of letters (`Pu71n`, `V1ad1m1r`).
//!
//! The names come from the real lists in ../shared/watchlists (the UN list, the EU excerpt
//! and OFAC's consolidated list), or from the sample lists in data/ when that folder is
//! absent (with a message). Every choice comes from a fixed-seed generator, so the queries
//! and the figures are the same on every run. The figures are printed (`--nocapture`).

// Native only: reads files (wasm has no file system).
#![cfg(not(target_arch = "wasm32"))]

mod screen_common;

use kyc_check::model::Entity;
use kyc_check::screen::{Decision, Options, Query, Screener};
use screen_common::{snapshot, Rng};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Number of rewritten queries (issue 12 asks for at least 5,000).
const QUERIES: usize = 5_000;
/// Required recall at the default review threshold.
const MIN_RECALL: f64 = 0.99;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Family {
    Homoglyph,
    Invisible,
    FullWidth,
    Spaced,
    Leet,
}

const FAMILIES: [Family; 5] = [
    Family::Homoglyph,
    Family::Invisible,
    Family::FullWidth,
    Family::Spaced,
    Family::Leet,
];

/// Cyrillic and Greek look-alikes of Latin letters (Unicode confusables, the common ones).
fn homoglyphs(c: char) -> &'static [char] {
    match c {
        'A' => &['\u{0410}', '\u{0391}'],
        'B' => &['\u{0412}', '\u{0392}'],
        'C' => &['\u{0421}', '\u{03F9}'],
        'E' => &['\u{0415}', '\u{0395}'],
        'H' => &['\u{041D}', '\u{0397}'],
        'I' => &['\u{0406}', '\u{0399}'],
        'J' => &['\u{0408}'],
        'K' => &['\u{041A}', '\u{039A}'],
        'M' => &['\u{041C}', '\u{039C}'],
        'N' => &['\u{039D}'],
        'O' => &['\u{041E}', '\u{039F}'],
        'P' => &['\u{0420}', '\u{03A1}'],
        'S' => &['\u{0405}'],
        'T' => &['\u{0422}', '\u{03A4}'],
        'X' => &['\u{0425}', '\u{03A7}'],
        'Y' => &['\u{04AE}', '\u{03A5}'],
        'Z' => &['\u{0396}'],
        'a' => &['\u{0430}', '\u{03B1}'],
        'c' => &['\u{0441}', '\u{03F2}'],
        'd' => &['\u{0501}'],
        'e' => &['\u{0435}'],
        'h' => &['\u{04BB}'],
        'i' => &['\u{0456}', '\u{03B9}'],
        'j' => &['\u{0458}'],
        'k' => &['\u{03BA}'],
        'l' => &['\u{04CF}'],
        'o' => &['\u{043E}', '\u{03BF}'],
        'p' => &['\u{0440}', '\u{03C1}'],
        's' => &['\u{0455}'],
        'v' => &['\u{03BD}'],
        'x' => &['\u{0445}', '\u{03C7}'],
        'y' => &['\u{0443}', '\u{03B3}'],
        _ => &[],
    }
}

/// Characters that render as nothing or only change the display order.
const INVISIBLE: &[char] = &[
    '\u{200B}', '\u{200C}', '\u{200D}', '\u{2060}', '\u{FEFF}', '\u{200E}', '\u{200F}', '\u{00AD}',
];
/// Bidi overrides and isolates, each opened and closed around a stretch of letters.
const BIDI_OPEN: &[char] = &['\u{202E}', '\u{202D}', '\u{202B}', '\u{2067}', '\u{2066}'];
/// Combining marks (accents, overlays, enclosing strokes) put on a letter.
const COMBINING: &[char] = &[
    '\u{0301}', '\u{0300}', '\u{0308}', '\u{0307}', '\u{0336}', '\u{0335}', '\u{0332}', '\u{0338}',
    '\u{0323}', '\u{034F}', '\u{20DD}',
];

/// Digits written for letters.
fn leet(c: char) -> Option<char> {
    Some(match c.to_ascii_lowercase() {
        'a' => '4',
        'e' => '3',
        'i' | 'l' => '1',
        'o' => '0',
        's' => '5',
        't' => '7',
        'b' => '8',
        'g' => '9',
        _ => return None,
    })
}

fn fullwidth(c: char) -> char {
    match c {
        '!'..='~' => char::from_u32(c as u32 - 0x21 + 0xFF01).unwrap_or(c),
        ' ' => '\u{3000}',
        _ => c,
    }
}

/// Rewrites some letters of `name` (at least one) with `pick`, each with probability 1/2.
fn rewrite_letters(
    name: &str,
    rng: &mut Rng,
    pick: impl Fn(char, &mut Rng) -> Option<String>,
) -> String {
    let chars: Vec<char> = name.chars().collect();
    let eligible: Vec<usize> = (0..chars.len())
        .filter(|&i| pick(chars[i], &mut Rng(1)).is_some())
        .collect();
    if eligible.is_empty() {
        return name.to_string();
    }
    let forced = eligible[rng.below(eligible.len())];
    let mut out = String::new();
    for (i, &c) in chars.iter().enumerate() {
        let chosen = i == forced || (eligible.contains(&i) && rng.below(2) == 0);
        match chosen.then(|| pick(c, rng)).flatten() {
            Some(s) => out.push_str(&s),
            None => out.push(c),
        }
    }
    out
}

fn apply(family: Family, name: &str, rng: &mut Rng) -> String {
    match family {
        Family::Homoglyph => rewrite_letters(name, rng, |c, rng| {
            let h = homoglyphs(c);
            (!h.is_empty()).then(|| h[rng.below(h.len())].to_string())
        }),
        Family::Invisible => {
            let chars: Vec<char> = name.chars().collect();
            let mut out = String::new();
            let mut open_bidi = false;
            let mut inserted = false;
            for (i, &c) in chars.iter().enumerate() {
                out.push(c);
                if !c.is_alphabetic() {
                    continue;
                }
                let last = i + 1 == chars.len();
                match rng.below(6) {
                    0 => out.push(*rng.pick(INVISIBLE)),
                    1 => out.push(*rng.pick(COMBINING)),
                    2 if !open_bidi => {
                        out.push(*rng.pick(BIDI_OPEN));
                        open_bidi = true;
                    }
                    3 if open_bidi => {
                        out.push(if rng.below(2) == 0 {
                            '\u{202C}'
                        } else {
                            '\u{2069}'
                        });
                        open_bidi = false;
                    }
                    _ if last && !inserted => out.push('\u{200D}'),
                    _ => continue,
                }
                inserted = true;
            }
            if open_bidi {
                out.push('\u{202C}');
            }
            out
        }
        Family::FullWidth => {
            // The whole name, or only some words.
            let whole = rng.below(2) == 0;
            let words: Vec<&str> = name.split(' ').collect();
            let forced = rng.below(words.len());
            words
                .iter()
                .enumerate()
                .map(|(i, w)| {
                    if whole || i == forced || rng.below(2) == 0 {
                        w.chars().map(fullwidth).collect()
                    } else {
                        w.to_string()
                    }
                })
                .collect::<Vec<String>>()
                .join(if whole && rng.below(2) == 0 {
                    "\u{3000}"
                } else {
                    " "
                })
        }
        Family::Spaced => {
            // Words of letters and digits only (`RT-INFORM` spelled out letter by letter,
            // hyphen included, has no reading). A word boundary stays visible: two spaces
            // between words when the letters are separated by one.
            let words: Vec<&str> = name.split(' ').collect();
            let long: Vec<usize> = (0..words.len())
                .filter(|&i| {
                    words[i].chars().count() >= 3 && words[i].chars().all(char::is_alphanumeric)
                })
                .collect();
            if long.is_empty() {
                return name.to_string();
            }
            let forced = long[rng.below(long.len())];
            let sep = *rng.pick(&[".", " ", ". ", "-", "·"]);
            words
                .iter()
                .enumerate()
                .map(|(i, w)| {
                    if i == forced || (long.contains(&i) && rng.below(3) == 0) {
                        let letters: Vec<String> = w.chars().map(String::from).collect();
                        letters.join(sep)
                    } else {
                        w.to_string()
                    }
                })
                .collect::<Vec<String>>()
                .join(if sep == " " { "  " } else { " " })
        }
        Family::Leet => {
            // A word keeps at least one letter (a word of digits only reads as a number).
            let rewritten = rewrite_letters(name, rng, |c, _| leet(c).map(String::from));
            rewritten
                .split(' ')
                .zip(name.split(' '))
                .map(|(new, old)| {
                    if old.chars().any(char::is_alphabetic) && !new.chars().any(char::is_alphabetic)
                    {
                        old.to_string()
                    } else {
                        new.to_string()
                    }
                })
                .collect::<Vec<String>>()
                .join(" ")
        }
    }
}

/// A listed name worth rewriting: Latin letters, at least three of them.
fn latin_name(name: &str) -> bool {
    name.chars().filter(|c| c.is_ascii_alphabetic()).count() >= 3
        && name
            .chars()
            .all(|c| !c.is_alphabetic() || (c as u32) < 0x250)
}

fn load_lists() -> (Vec<Entity>, &'static str) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let shared = root.join("../shared/watchlists");
    if shared.is_dir() {
        let dirs = [
            "un",
            "eu/fsf_whole_2016-02-11_excerpt",
            "ofac/cons_csv_2025-12-19",
        ];
        let paths: Vec<PathBuf> = dirs.iter().map(|d| shared.join(d)).collect();
        let parsed = kyc_check::sources::load_paths(&paths).expect("the real lists parse");
        return (
            parsed.into_iter().flat_map(|p| p.entities).collect(),
            "../shared/watchlists (UN, EU excerpt, OFAC consolidated)",
        );
    }
    eprintln!(
        "NOTE screen_evasion: {} not found; using the sample lists in data/ instead",
        shared.display()
    );
    let parsed = kyc_check::sources::load_paths(&[root.join("data")]).expect("data/ parses");
    (
        parsed.into_iter().flat_map(|p| p.entities).collect(),
        "data/ (sample lists)",
    )
}

#[test]
fn rewritten_listed_names_are_still_found() {
    let (entities, origin) = load_lists();
    let snap = snapshot(entities.clone());
    let screener = Screener::new(&snap);
    let options = Options {
        max_matches: usize::MAX,
        ..Options::default()
    };
    let found = |query: &str, id: &str| {
        let result = screener.screen(&Query::name(query), &options);
        result.decision != Decision::Clear && result.matches.iter().any(|m| m.id == id)
    };

    // (entity id, listed name) pairs, each found as written (the baseline).
    let mut pool: Vec<(String, String)> = Vec::new();
    let mut not_found_as_written = 0;
    for e in &entities {
        for n in e
            .names
            .iter()
            .filter(|n| !n.original_script && latin_name(&n.full))
        {
            pool.push((e.id.clone(), n.full.clone()));
        }
    }
    let mut rng = Rng(0x005e_ed12);
    let mut tally: BTreeMap<Family, (usize, usize)> = BTreeMap::new();
    let mut mixed = (0usize, 0usize);
    let mut misses: Vec<String> = Vec::new();
    let mut total = 0usize;
    let mut hits = 0usize;
    let started = std::time::Instant::now();
    let queries: usize = std::env::var("KYC_EVASION_QUERIES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(QUERIES);
    while total < queries {
        let (id, name) = pool[rng.below(pool.len())].clone();
        if !found(&name, &id) {
            not_found_as_written += 1;
            continue;
        }
        // Round-robin main family, plus a second one in a third of the queries.
        let mut families = vec![FAMILIES[total % FAMILIES.len()]];
        if rng.below(3) == 0 {
            let second = *rng.pick(&FAMILIES);
            if second != families[0] {
                families.push(second);
            }
        }
        // Spaced letters first (it splits words), invisible characters last (they go
        // between whatever the other rewrites produced).
        families.sort_by_key(|f| match f {
            Family::Spaced => 0,
            Family::Invisible => 2,
            _ => 1,
        });
        let mut query = name.clone();
        for &f in &families {
            query = apply(f, &query, &mut rng);
        }
        let ok = found(&query, &id);
        total += 1;
        hits += usize::from(ok);
        for &f in &families {
            let t = tally.entry(f).or_default();
            t.0 += 1;
            t.1 += usize::from(ok);
        }
        if families.len() > 1 {
            mixed.0 += 1;
            mixed.1 += usize::from(ok);
        }
        if total % 1000 == 0 {
            eprintln!(
                "  {total} queries, {hits} found, {:.1} s",
                started.elapsed().as_secs_f64()
            );
        }
        if !ok {
            misses.push(format!("{families:?} {name:?} -> {query:?} ({id})"));
        }
    }
    let recall = hits as f64 / total as f64;
    eprintln!("evasion suite over {origin}: {total} queries, {} listed names; {not_found_as_written} names drawn were not found even as written (skipped)", pool.len());
    for (f, (n, ok)) in &tally {
        eprintln!(
            "  {f:?}: {ok}/{n} = {:.2}%",
            100.0 * *ok as f64 / (*n).max(1) as f64
        );
    }
    eprintln!(
        "  mixed (two families): {}/{} = {:.2}%",
        mixed.1,
        mixed.0,
        100.0 * mixed.1 as f64 / mixed.0.max(1) as f64
    );
    eprintln!("  overall recall: {hits}/{total} = {:.2}%", 100.0 * recall);
    for m in misses.iter().take(40) {
        eprintln!("  miss: {m}");
    }
    for f in FAMILIES {
        assert!(
            tally.get(&f).is_some_and(|t| t.0 >= queries / 6),
            "family {f:?} under-represented: {tally:?}"
        );
    }
    assert!(
        recall >= MIN_RECALL,
        "evasion recall {:.2}% < {:.0}%",
        100.0 * recall,
        100.0 * MIN_RECALL
    );
}
