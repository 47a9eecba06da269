//! Case mapping with the standard library's answers (`char::to_lowercase`,
//! `char::to_uppercase`, `str::to_lowercase` with its final-sigma rule), from tables that
//! `examples/gen_unicode_tables.rs` reads out of the standard library. Its own tables are
//! (char, u32) pairs that gzip compresses poorly (about 9 KB gzip in the wasm); these store
//! each mapping as a one-byte index into a short list of distances. The tests below compare
//! every code point with the standard library.

use super::case_tables as tables;
use super::find_range;

/// A case table of `case_tables.rs`: blocks of up to 16 sorted keys, each stored as its
/// distance from the previous key, with one mapping index per key.
struct CaseTable {
    block_keys: &'static [u32],
    block_firsts: &'static [u16],
    deltas: &'static [u8],
    maps: &'static [u8],
}

impl CaseTable {
    /// The mapping index of `c`, if the table has `c`.
    #[inline]
    fn get(&self, c: u32) -> Option<usize> {
        let b = self
            .block_keys
            .partition_point(|&k| k <= c)
            .checked_sub(1)?;
        let mut key = self.block_keys[b];
        let first = usize::from(self.block_firsts[b]);
        let entries = first..usize::from(self.block_firsts[b + 1]);
        for (i, &delta) in self.deltas[entries.clone()].iter().enumerate() {
            key += u32::from(delta);
            if key >= c {
                return (key == c).then(|| usize::from(self.maps[first + i]));
            }
        }
        None
    }

    /// The mapping of `c`: itself when the table does not have it.
    fn map(&self, c: char) -> CaseMapping {
        let mut out = CaseMapping {
            chars: [c, '\0', '\0'],
            len: 1,
            next: 0,
        };
        let Some(m) = self.get(c as u32) else {
            return out;
        };
        match tables::CASE_SHIFTS.get(m) {
            Some(&shift) => {
                if let Some(mapped) = (c as u32)
                    .checked_add_signed(shift)
                    .and_then(char::from_u32)
                {
                    out.chars[0] = mapped;
                }
            }
            None => {
                let k = m - tables::CASE_SHIFTS.len();
                let start = if k == 0 {
                    0
                } else {
                    usize::from(tables::CASE_MULTI_ENDS[k - 1])
                };
                let text = tables::CASE_MULTI_TEXT
                    .get(start..usize::from(tables::CASE_MULTI_ENDS[k]))
                    .unwrap_or("");
                out.len = 0;
                for (slot, d) in out.chars.iter_mut().zip(text.chars()) {
                    *slot = d;
                    out.len += 1;
                }
            }
        }
        out
    }
}

static LOWER: CaseTable = CaseTable {
    block_keys: &tables::LOWER_BLOCK_KEYS,
    block_firsts: &tables::LOWER_BLOCK_FIRSTS,
    deltas: &tables::LOWER_DELTAS,
    maps: &tables::LOWER_MAPS,
};

static UPPER: CaseTable = CaseTable {
    block_keys: &tables::UPPER_BLOCK_KEYS,
    block_firsts: &tables::UPPER_BLOCK_FIRSTS,
    deltas: &tables::UPPER_DELTAS,
    maps: &tables::UPPER_MAPS,
};

/// The one to three characters a character maps to (the standard library's `ToLowercase`
/// and `ToUppercase`).
#[derive(Clone, Debug)]
pub struct CaseMapping {
    chars: [char; 3],
    len: u8,
    next: u8,
}

impl Iterator for CaseMapping {
    type Item = char;

    #[inline]
    fn next(&mut self) -> Option<char> {
        if self.next >= self.len {
            return None;
        }
        let c = self.chars[usize::from(self.next)];
        self.next += 1;
        Some(c)
    }
}

/// The lower case of `c`, as `char::to_lowercase` gives it.
#[inline]
pub fn to_lowercase(c: char) -> CaseMapping {
    if c.is_ascii() {
        return CaseMapping {
            chars: [c.to_ascii_lowercase(), '\0', '\0'],
            len: 1,
            next: 0,
        };
    }
    LOWER.map(c)
}

/// The upper case of `c`, as `char::to_uppercase` gives it.
#[inline]
pub fn to_uppercase(c: char) -> CaseMapping {
    if c.is_ascii() {
        return CaseMapping {
            chars: [c.to_ascii_uppercase(), '\0', '\0'],
            len: 1,
            next: 0,
        };
    }
    UPPER.map(c)
}

fn is_case_ignorable(c: char) -> bool {
    find_range(&tables::CASE_IGNORABLE_RANGES, c as u32).is_some()
}

fn is_cased(c: char) -> bool {
    find_range(&tables::CASED_RANGES, c as u32).is_some()
}

/// Whether the first character of `chars` that is not case-ignorable is cased.
fn case_ignorable_then_cased(mut chars: impl Iterator<Item = char>) -> bool {
    chars.find(|&c| !is_case_ignorable(c)).is_some_and(is_cased)
}

/// The lower case of `s`, as `str::to_lowercase` gives it (Σ is ς at the end of a word).
pub fn str_to_lowercase(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (i, c) in s.char_indices() {
        if c == 'Σ' {
            let after = &s[i + 'Σ'.len_utf8()..];
            let word_final = case_ignorable_then_cased(s[..i].chars().rev())
                && !case_ignorable_then_cased(after.chars());
            out.push(if word_final { 'ς' } else { 'σ' });
        } else {
            out.extend(to_lowercase(c));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_mappings_match_the_standard_library_for_every_code_point() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert!(to_lowercase(c).eq(c.to_lowercase()), "lower {c:?}");
            assert!(to_uppercase(c).eq(c.to_uppercase()), "upper {c:?}");
            // The final-sigma rule around every character, before and after.
            for text in [
                format!("{c}Σ"),
                format!("A{c}Σ"),
                format!("AΣ{c}"),
                format!("AΣ{c}a"),
                format!("{c}"),
            ] {
                assert_eq!(str_to_lowercase(&text), text.to_lowercase(), "{text:?}");
            }
        }
    }

    #[test]
    fn final_sigma_matches_the_standard_library() {
        for text in [
            "Σ",
            "ΑΣ",
            "ΟΔΥΣΣΕΥΣ",
            "ΑΣ a",
            "abΣ",
            "a.Σ",
            "x'Σ'b",
            "ΑΣ'",
            "Σa",
            "ΑΣ.Β",
            "ΑΣ\u{301}",
            "\u{301}Σ",
            "1Σ",
            "aΣ1",
            "ΑΣΑ ΣΑΣ",
        ] {
            assert_eq!(str_to_lowercase(text), text.to_lowercase(), "{text:?}");
        }
    }
}
