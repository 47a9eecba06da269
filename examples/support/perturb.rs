//! Deterministic perturbations of listed names (typos, reordering, honorifics, diacritics,
//! spacing, homoglyphs): the query generator shared by the screening evaluation
//! (`examples/screen_eval.rs`) and the benchmarks' query sets (`examples/bench_queries.rs`).
//! Included with `#[path]`: cargo does not build files under `examples/support/` on their own
//! (tests/screen_common takes its `Rng` from here too).

#![allow(dead_code)]

/// Deterministic xorshift64 generator (the harness's only source of randomness).
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    pub fn pick<'a, T>(&mut self, v: &'a [T]) -> &'a T {
        &v[self.below(v.len())]
    }
    pub fn chance(&mut self, one_in: usize) -> bool {
        self.below(one_in) == 0
    }
}

/// The perturbation types of section 2.
pub const PERTURBATIONS: &[&str] = &[
    "typo_swap",
    "typo_drop",
    "typo_double",
    "vowel_change",
    "reorder",
    "drop_middle",
    "add_honorific",
    "diacritics",
    "case_spacing",
    "homoglyph",
];

pub fn is_latin_name(s: &str) -> bool {
    s.chars()
        .filter(|c| c.is_alphabetic())
        .all(|c| (c as u32) < 0x250)
}

/// Token ranges (char indices) of words of at least `min` letters.
pub fn word_spans(chars: &[char], min: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for i in 0..=chars.len() {
        let letter = i < chars.len() && chars[i].is_alphabetic();
        match (letter, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                if i - s >= min {
                    out.push((s, i));
                }
                start = None;
            }
            _ => {}
        }
    }
    out
}

pub fn is_vowel(c: char) -> bool {
    matches!(c.to_ascii_lowercase(), 'a' | 'e' | 'i' | 'o' | 'u')
}

/// Applies one perturbation to a listed (Latin-script) name; `None` when it does not apply.
pub fn perturb(kind: &str, name: &str, person: bool, rng: &mut Rng) -> Option<String> {
    let chars: Vec<char> = name.chars().collect();
    let words: Vec<&str> = name.split_whitespace().collect();
    // Typos go into a word of 4+ letters, and a dropped letter leaves at least 4 (the
    // scorer requires words of 3 or fewer letters to match exactly or phonetically, by
    // design).
    let spans = word_spans(&chars, if kind == "typo_drop" { 5 } else { 4 });
    let pick_span = |rng: &mut Rng| -> Option<(usize, usize)> {
        if spans.is_empty() {
            None
        } else {
            Some(spans[rng.below(spans.len())])
        }
    };
    let out: String = match kind {
        "typo_swap" => {
            let (s, e) = pick_span(rng)?;
            let i = s + rng.below(e - s - 1);
            let mut c = chars.clone();
            if c[i].eq_ignore_ascii_case(&c[i + 1]) {
                return None;
            }
            c.swap(i, i + 1);
            c.into_iter().collect()
        }
        "typo_drop" => {
            let (s, e) = pick_span(rng)?;
            let mut c = chars.clone();
            c.remove(s + rng.below(e - s));
            c.into_iter().collect()
        }
        "typo_double" => {
            let (s, e) = pick_span(rng)?;
            let i = s + rng.below(e - s);
            let mut c = chars.clone();
            c.insert(i, chars[i]);
            c.into_iter().collect()
        }
        "vowel_change" => {
            let (s, e) = pick_span(rng)?;
            let vowels: Vec<usize> = (s..e).filter(|&i| is_vowel(chars[i])).collect();
            if vowels.is_empty() {
                return None;
            }
            let i = vowels[rng.below(vowels.len())];
            let mut c = chars.clone();
            let options = ['a', 'e', 'i', 'o', 'u'];
            let mut v = options[rng.below(5)];
            if v == c[i].to_ascii_lowercase() {
                v = options
                    [(rng.below(4) + 1 + options.iter().position(|&x| x == v).unwrap_or(0)) % 5];
            }
            c[i] = if c[i].is_uppercase() {
                v.to_ascii_uppercase()
            } else {
                v
            };
            c.into_iter().collect()
        }
        "reorder" => {
            let clean: Vec<String> = name
                .replace(',', " ")
                .split_whitespace()
                .map(String::from)
                .collect();
            if clean.len() < 2 {
                return None;
            }
            let mut w = clean.clone();
            let k = 1 + rng.below(w.len() - 1);
            w.rotate_left(k);
            w.join(" ")
        }
        "drop_middle" => {
            // People only: keep the first and last names of a 3+ word name (written order
            // after "SURNAME, Given" is resolved).
            if !person {
                return None;
            }
            let natural: Vec<String> = match name.split_once(',') {
                Some((sur, given)) => given
                    .split_whitespace()
                    .chain(sur.split_whitespace())
                    .map(String::from)
                    .collect(),
                None => words.iter().map(|w| w.to_string()).collect(),
            };
            if natural.len() < 3 {
                return None;
            }
            format!("{} {}", natural[0], natural[natural.len() - 1])
        }
        "add_honorific" => {
            if !person {
                return None;
            }
            let titles = [
                "Dr.",
                "Mr.",
                "Mrs.",
                "Sheikh",
                "Haji",
                "Mullah",
                "General",
                "Col.",
                "Prof.",
                "Maulana",
                "Sayyid",
                "Präsident",
            ];
            format!("{} {}", titles[rng.below(titles.len())], name)
        }
        "diacritics" => {
            if chars
                .iter()
                .any(|&c| (c as u32) >= 0xC0 && c.is_alphabetic())
            {
                // Remove them (ASCII folding a typist might do).
                let folded: String = name
                    .chars()
                    .map(|c| match c {
                        'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' | 'ā' => 'a',
                        'é' | 'è' | 'ê' | 'ë' | 'ē' => 'e',
                        'í' | 'ì' | 'î' | 'ï' | 'ī' => 'i',
                        'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'ō' => 'o',
                        'ú' | 'ù' | 'û' | 'ü' | 'ū' => 'u',
                        'ç' | 'č' | 'ć' => 'c',
                        'š' | 'ś' => 's',
                        'ž' | 'ź' | 'ż' => 'z',
                        'ñ' | 'ń' => 'n',
                        'Á' | 'À' | 'Â' | 'Ä' => 'A',
                        'É' | 'È' => 'E',
                        'Ö' | 'Ó' => 'O',
                        'Ü' | 'Ú' => 'U',
                        'Š' => 'S',
                        'Ž' => 'Z',
                        'Č' => 'C',
                        other => other,
                    })
                    .collect();
                if folded == name {
                    return None;
                }
                folded
            } else {
                let mut c = chars.clone();
                let letters: Vec<usize> = (0..c.len())
                    .filter(|&i| "aeiouncszAEIOUNCSZ".contains(c[i]))
                    .collect();
                if letters.is_empty() {
                    return None;
                }
                for _ in 0..1 + rng.below(3) {
                    let i = letters[rng.below(letters.len())];
                    c[i] = match c[i] {
                        'a' => 'á',
                        'e' => 'é',
                        'i' => 'í',
                        'o' => 'ö',
                        'u' => 'ü',
                        'n' => 'ñ',
                        'c' => 'ç',
                        's' => 'š',
                        'z' => 'ž',
                        'A' => 'Á',
                        'E' => 'É',
                        'I' => 'Í',
                        'O' => 'Ö',
                        'U' => 'Ü',
                        'N' => 'Ñ',
                        'C' => 'Ç',
                        'S' => 'Š',
                        'Z' => 'Ž',
                        other => other,
                    };
                }
                c.into_iter().collect()
            }
        }
        "case_spacing" => {
            let mut out = String::new();
            for c in name.chars() {
                if c == ' ' {
                    match rng.below(4) {
                        0 => out.push_str("  "),
                        1 => out.push('\u{00A0}'),
                        2 => out.push_str(" \t"),
                        _ => out.push(' '),
                    }
                } else if rng.chance(2) {
                    out.extend(c.to_uppercase());
                } else {
                    out.extend(c.to_lowercase());
                }
            }
            format!("  {out} ")
        }
        "homoglyph" => {
            let mut c = chars.clone();
            let targets: Vec<usize> = (0..c.len())
                .filter(|&i| homoglyph(c[i]).is_some())
                .collect();
            if targets.is_empty() {
                return None;
            }
            for _ in 0..1 + rng.below(3) {
                let i = targets[rng.below(targets.len())];
                if let Some(h) = homoglyph(c[i]) {
                    c[i] = h;
                }
            }
            c.into_iter().collect()
        }
        _ => return None,
    };
    if out == name {
        None
    } else {
        Some(out)
    }
}

/// A Cyrillic or Greek look-alike of a Latin letter.
pub fn homoglyph(c: char) -> Option<char> {
    Some(match c {
        'a' => 'а',
        'e' => 'е',
        'o' => 'о',
        'p' => 'р',
        'c' => 'с',
        'x' => 'х',
        'y' => 'у',
        'i' => 'і',
        'A' => 'А',
        'B' => 'В',
        'E' => 'Е',
        'H' => 'Н',
        'K' => 'К',
        'M' => 'М',
        'O' => 'Ο',
        'P' => 'Р',
        'T' => 'Т',
        'X' => 'Χ',
        'N' => 'Ν',
        'I' => 'Ι',
        _ => return None,
    })
}
