//! Unicode normalisation (NFC, NFD, NFKC, NFKD), the combining-mark property and the NFC
//! quick check: the part of the `unicode-normalization` crate (0.1.26, MIT/Apache-2.0,
//! Unicode 18.0.0) this crate uses, with the same algorithm and the same answers.
//!
//! Why not the crate: its data are perfect-hash tables in hash order, which gzip can hardly
//! compress (about 65 KB of the wasm's gzip size). Here the same data sit in sorted tables
//! (`tables.rs`, generated from the crate by `examples/gen_unicode_tables.rs`) searched by
//! bisection, with early exits below the first code point each table holds, so ASCII and
//! Latin-1 text never reaches a table. The tests below compare every property with the
//! crate's for every code point, and the four normal forms on mixed texts.

mod case;
mod case_tables;
mod tables;

pub use case::{str_to_lowercase, to_lowercase, to_uppercase};

use core::iter::Fuse;
use core::ops::Range;
use core::str::Chars;
use tinyvec::TinyVec;

/// Result of a quick normalisation check (UAX #15).
#[derive(Debug, Eq, PartialEq)]
pub enum IsNormalized {
    /// Normalised.
    Yes,
    /// Not normalised.
    No,
    /// Maybe normalised: only the full normalisation can tell.
    Maybe,
}

/// Index of the range of a packed range table (`first << 11 | (length - 1)`) that holds `c`.
#[inline]
fn find_range(ranges: &[u32], c: u32) -> Option<usize> {
    // Entries sort by first code point; the last one that starts at or before `c`.
    let i = ranges.partition_point(|&e| e >> 11 <= c).checked_sub(1)?;
    let e = ranges[i];
    (c - (e >> 11) <= (e & 0x7FF)).then_some(i)
}

/// The canonical combining class of `c` (0 for starters).
#[inline]
pub fn canonical_combining_class(c: char) -> u8 {
    let c = c as u32;
    if c < 0x300 {
        return 0;
    }
    find_range(&tables::CCC_RANGES, c).map_or(0, |i| tables::CCC_VALUES[i])
}

/// Whether `c` is a combining mark (general category Mn, Mc or Me).
#[inline]
pub fn is_combining_mark(c: char) -> bool {
    let c = c as u32;
    c >= 0x300 && find_range(&tables::MARK_RANGES, c).is_some()
}

/// NFC quick-check property of one character.
#[inline]
fn qc_nfc(c: char) -> IsNormalized {
    match find_range(&tables::NFC_QC_RANGES, c as u32).map(|i| tables::NFC_QC_VALUES[i]) {
        Some(1) => IsNormalized::No,
        Some(2) => IsNormalized::Maybe,
        _ => IsNormalized::Yes,
    }
}

/// A decomposition table of `tables.rs` (layout in `examples/gen_unicode_tables.rs`):
/// blocks of up to 16 sorted keys, each key stored as its distance from the previous one.
struct DecompositionTable {
    block_keys: &'static [u32],
    block_firsts: &'static [u16],
    block_offsets: &'static [u16],
    deltas: &'static [u8],
    lens: &'static [u8],
    text: &'static str,
}

impl DecompositionTable {
    /// The full decomposition of `c`, if the table has one.
    #[inline]
    fn get(&self, c: char) -> Option<&'static str> {
        let c = c as u32;
        let b = self
            .block_keys
            .partition_point(|&k| k <= c)
            .checked_sub(1)?;
        let mut key = self.block_keys[b];
        let mut offset = usize::from(self.block_offsets[b]);
        let entries = usize::from(self.block_firsts[b])..usize::from(self.block_firsts[b + 1]);
        for (&delta, &len) in self.deltas[entries.clone()].iter().zip(&self.lens[entries]) {
            key += u32::from(delta);
            let len = usize::from(len);
            if key >= c {
                return (key == c)
                    .then(|| self.text.get(offset..offset + len))
                    .flatten();
            }
            offset += len;
        }
        None
    }
}

static CANONICAL: DecompositionTable = DecompositionTable {
    block_keys: &tables::CANONICAL_BLOCK_KEYS,
    block_firsts: &tables::CANONICAL_BLOCK_FIRSTS,
    block_offsets: &tables::CANONICAL_BLOCK_OFFSETS,
    deltas: &tables::CANONICAL_DELTAS,
    lens: &tables::CANONICAL_LENS,
    text: tables::CANONICAL_TEXT,
};

static COMPATIBLE: DecompositionTable = DecompositionTable {
    block_keys: &tables::COMPATIBLE_BLOCK_KEYS,
    block_firsts: &tables::COMPATIBLE_BLOCK_FIRSTS,
    block_offsets: &tables::COMPATIBLE_BLOCK_OFFSETS,
    deltas: &tables::COMPATIBLE_DELTAS,
    lens: &tables::COMPATIBLE_LENS,
    text: tables::COMPATIBLE_TEXT,
};

fn canonical_fully_decomposed(c: char) -> Option<&'static str> {
    if (c as u32) < 0xC0 {
        return None;
    }
    CANONICAL.get(c)
}

fn compatibility_fully_decomposed(c: char) -> Option<&'static str> {
    if (c as u32) < 0xA0 {
        return None;
    }
    COMPATIBLE.get(c)
}

/// The primary composite of `a` followed by `b`, if there is one (Hangul by arithmetic).
pub fn compose(a: char, b: char) -> Option<char> {
    compose_hangul(a, b).or_else(|| {
        let (a, b) = (a as u32, b as u32);
        if b < tables::COMPOSE_MIN_SECOND {
            return None;
        }
        let first = &tables::COMPOSE_FIRST;
        let lo = first.partition_point(|&x| x < a);
        let hi = lo + first[lo..].partition_point(|&x| x == a);
        let i = lo + tables::COMPOSE_SECOND[lo..hi].binary_search(&b).ok()?;
        char::from_u32(tables::COMPOSE_RESULT[i])
    })
}

/// Calls `emit_char` with each character of the full canonical decomposition of `c`.
#[inline]
pub fn decompose_canonical<F: FnMut(char)>(c: char, emit_char: F) {
    decompose(c, canonical_fully_decomposed, emit_char)
}

/// Calls `emit_char` with each character of the full compatibility decomposition of `c`.
#[inline]
pub fn decompose_compatible<F: FnMut(char)>(c: char, emit_char: F) {
    let decompose_char =
        |c| compatibility_fully_decomposed(c).or_else(|| canonical_fully_decomposed(c));
    decompose(c, decompose_char, emit_char)
}

#[inline]
fn decompose<D, F>(c: char, decompose_char: D, mut emit_char: F)
where
    D: Fn(char) -> Option<&'static str>,
    F: FnMut(char),
{
    if c <= '\x7f' {
        emit_char(c);
        return;
    }
    if is_hangul_syllable(c) {
        decompose_hangul(c, emit_char);
        return;
    }
    if let Some(decomposed) = decompose_char(c) {
        decomposed.chars().for_each(emit_char);
        return;
    }
    emit_char(c);
}

// Hangul syllables: decomposed and composed by arithmetic (Unicode 3.12).
const S_BASE: u32 = 0xAC00;
const L_BASE: u32 = 0x1100;
const V_BASE: u32 = 0x1161;
const T_BASE: u32 = 0x11A7;
const L_COUNT: u32 = 19;
const V_COUNT: u32 = 21;
const T_COUNT: u32 = 28;
const N_COUNT: u32 = V_COUNT * T_COUNT;
const S_COUNT: u32 = L_COUNT * N_COUNT;
const S_LAST: u32 = S_BASE + S_COUNT - 1;
const L_LAST: u32 = L_BASE + L_COUNT - 1;
const V_LAST: u32 = V_BASE + V_COUNT - 1;
const T_LAST: u32 = T_BASE + T_COUNT - 1;
const T_FIRST: u32 = T_BASE + 1;

fn is_hangul_syllable(c: char) -> bool {
    (S_BASE..S_BASE + S_COUNT).contains(&(c as u32))
}

/// Emits the code point `cp`, which the Hangul arithmetic keeps in the jamo block.
#[inline]
fn emit_jamo<F: FnMut(char)>(cp: u32, emit_char: &mut F) {
    if let Some(c) = char::from_u32(cp) {
        emit_char(c);
    }
}

#[inline]
fn decompose_hangul<F: FnMut(char)>(s: char, mut emit_char: F) {
    let s_index = s as u32 - S_BASE;
    let l_index = s_index / N_COUNT;
    emit_jamo(L_BASE + l_index, &mut emit_char);
    let v_index = (s_index % N_COUNT) / T_COUNT;
    emit_jamo(V_BASE + v_index, &mut emit_char);
    let t_index = s_index % T_COUNT;
    if t_index > 0 {
        emit_jamo(T_BASE + t_index, &mut emit_char);
    }
}

#[inline]
fn compose_hangul(a: char, b: char) -> Option<char> {
    let (a, b) = (a as u32, b as u32);
    match (a, b) {
        (L_BASE..=L_LAST, V_BASE..=V_LAST) => {
            let l_index = a - L_BASE;
            let v_index = b - V_BASE;
            char::from_u32(S_BASE + l_index * N_COUNT + v_index * T_COUNT)
        }
        (S_BASE..=S_LAST, T_FIRST..=T_LAST) if (a - S_BASE) % T_COUNT == 0 => {
            char::from_u32(a + (b - T_BASE))
        }
        _ => None,
    }
}

/// NFC quick check of a character sequence (`Maybe` needs the full normalisation).
pub fn is_nfc_quick<I: Iterator<Item = char>>(s: I) -> IsNormalized {
    let mut last_cc = 0u8;
    let mut result = IsNormalized::Yes;
    for ch in s {
        if ch <= '\x7f' {
            last_cc = 0;
            continue;
        }
        let cc = canonical_combining_class(ch);
        if last_cc > cc && cc != 0 {
            return IsNormalized::No;
        }
        match qc_nfc(ch) {
            IsNormalized::Yes => (),
            IsNormalized::No => return IsNormalized::No,
            IsNormalized::Maybe => result = IsNormalized::Maybe,
        }
        last_cc = cc;
    }
    result
}

/// The four normal forms of a `&str` or of any `char` iterator.
pub trait UnicodeNormalization<I: Iterator<Item = char>> {
    /// Canonical decomposition (NFD).
    fn nfd(self) -> Decompositions<I>;
    /// Compatibility decomposition (NFKD).
    fn nfkd(self) -> Decompositions<I>;
    /// Canonical decomposition then canonical composition (NFC).
    fn nfc(self) -> Recompositions<I>;
    /// Compatibility decomposition then canonical composition (NFKC).
    fn nfkc(self) -> Recompositions<I>;
}

impl<'a> UnicodeNormalization<Chars<'a>> for &'a str {
    #[inline]
    fn nfd(self) -> Decompositions<Chars<'a>> {
        Decompositions::new(self.chars(), false)
    }
    #[inline]
    fn nfkd(self) -> Decompositions<Chars<'a>> {
        Decompositions::new(self.chars(), true)
    }
    #[inline]
    fn nfc(self) -> Recompositions<Chars<'a>> {
        Recompositions::new(self.chars(), false)
    }
    #[inline]
    fn nfkc(self) -> Recompositions<Chars<'a>> {
        Recompositions::new(self.chars(), true)
    }
}

impl<I: Iterator<Item = char>> UnicodeNormalization<I> for I {
    #[inline]
    fn nfd(self) -> Decompositions<I> {
        Decompositions::new(self, false)
    }
    #[inline]
    fn nfkd(self) -> Decompositions<I> {
        Decompositions::new(self, true)
    }
    #[inline]
    fn nfc(self) -> Recompositions<I> {
        Recompositions::new(self, false)
    }
    #[inline]
    fn nfkc(self) -> Recompositions<I> {
        Recompositions::new(self, true)
    }
}

/// Iterator over the NFD or NFKD form of a character sequence.
#[derive(Clone)]
pub struct Decompositions<I> {
    compatible: bool,
    iter: Fuse<I>,
    // Characters with their combining class: the ones before `ready.end` are in canonical
    // order; the rest wait for the next starter (or the end) to be sorted.
    buffer: TinyVec<[(u8, char); 4]>,
    ready: Range<usize>,
}

impl<I: Iterator<Item = char>> Decompositions<I> {
    #[inline]
    fn new(iter: I, compatible: bool) -> Self {
        Decompositions {
            compatible,
            iter: iter.fuse(),
            buffer: TinyVec::new(),
            ready: 0..0,
        }
    }
}

impl<I> Decompositions<I> {
    #[inline]
    fn push_back(&mut self, ch: char) {
        let class = canonical_combining_class(ch);
        if class == 0 {
            self.sort_pending();
            self.buffer.push((class, ch));
            self.ready.end = self.buffer.len();
        } else {
            self.buffer.push((class, ch));
        }
    }

    #[inline]
    fn sort_pending(&mut self) {
        // Stable: marks of equal class keep their order.
        crate::sort::sort_by_key(&mut self.buffer[self.ready.end..], |k| k.0);
    }

    #[inline]
    fn reset_buffer(&mut self) {
        let pending = self.buffer.len() - self.ready.end;
        for i in 0..pending {
            self.buffer[i] = self.buffer[i + self.ready.end];
        }
        self.buffer.truncate(pending);
        self.ready = 0..0;
    }

    #[inline]
    fn increment_next_ready(&mut self) {
        let next = self.ready.start + 1;
        if next == self.ready.end {
            self.reset_buffer();
        } else {
            self.ready.start = next;
        }
    }
}

impl<I: Iterator<Item = char>> Iterator for Decompositions<I> {
    type Item = char;

    #[inline]
    fn next(&mut self) -> Option<char> {
        while self.ready.end == 0 {
            match self.iter.next() {
                Some(ch) if self.compatible => decompose_compatible(ch, |d| self.push_back(d)),
                Some(ch) => decompose_canonical(ch, |d| self.push_back(d)),
                None => {
                    if self.buffer.is_empty() {
                        return None;
                    }
                    self.sort_pending();
                    self.ready.end = self.buffer.len();
                    break;
                }
            }
        }
        let (_, ch) = self.buffer[self.ready.start];
        self.increment_next_ready();
        Some(ch)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let (lower, _) = self.iter.size_hint();
        (lower, None)
    }
}

#[derive(Clone)]
enum RecompositionState {
    Composing,
    Purging(usize),
    Finished(usize),
}

/// Iterator over the NFC or NFKC form of a character sequence.
#[derive(Clone)]
pub struct Recompositions<I> {
    iter: Decompositions<I>,
    state: RecompositionState,
    buffer: TinyVec<[char; 4]>,
    composee: Option<char>,
    last_ccc: Option<u8>,
}

impl<I: Iterator<Item = char>> Recompositions<I> {
    #[inline]
    fn new(iter: I, compatible: bool) -> Self {
        Recompositions {
            iter: Decompositions::new(iter, compatible),
            state: RecompositionState::Composing,
            buffer: TinyVec::new(),
            composee: None,
            last_ccc: None,
        }
    }
}

impl<I: Iterator<Item = char>> Iterator for Recompositions<I> {
    type Item = char;

    #[inline]
    fn next(&mut self) -> Option<char> {
        use RecompositionState::*;
        loop {
            match self.state {
                Composing => {
                    for ch in self.iter.by_ref() {
                        let ch_class = canonical_combining_class(ch);
                        let k = match self.composee {
                            None => {
                                if ch_class != 0 {
                                    return Some(ch);
                                }
                                self.composee = Some(ch);
                                continue;
                            }
                            Some(k) => k,
                        };
                        match self.last_ccc {
                            None => match compose(k, ch) {
                                Some(r) => {
                                    self.composee = Some(r);
                                    continue;
                                }
                                None => {
                                    if ch_class == 0 {
                                        self.composee = Some(ch);
                                        return Some(k);
                                    }
                                    self.buffer.push(ch);
                                    self.last_ccc = Some(ch_class);
                                }
                            },
                            Some(l_class) => {
                                if l_class >= ch_class {
                                    // `ch` is blocked from `composee`.
                                    if ch_class == 0 {
                                        self.composee = Some(ch);
                                        self.last_ccc = None;
                                        self.state = Purging(0);
                                        return Some(k);
                                    }
                                    self.buffer.push(ch);
                                    self.last_ccc = Some(ch_class);
                                    continue;
                                }
                                match compose(k, ch) {
                                    Some(r) => {
                                        self.composee = Some(r);
                                        continue;
                                    }
                                    None => {
                                        self.buffer.push(ch);
                                        self.last_ccc = Some(ch_class);
                                    }
                                }
                            }
                        }
                    }
                    self.state = Finished(0);
                    if self.composee.is_some() {
                        return self.composee.take();
                    }
                }
                Purging(next) => match self.buffer.get(next).cloned() {
                    None => {
                        self.buffer.clear();
                        self.state = Composing;
                    }
                    s => {
                        self.state = Purging(next + 1);
                        return s;
                    }
                },
                Finished(next) => match self.buffer.get(next).cloned() {
                    None => {
                        self.buffer.clear();
                        return self.composee.take();
                    }
                    s => {
                        self.state = Finished(next + 1);
                        return s;
                    }
                },
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization as reference;

    fn all_chars() -> impl Iterator<Item = char> {
        (0..=0x10FFFF).filter_map(char::from_u32)
    }

    #[test]
    fn character_properties_match_the_crate_for_every_code_point() {
        for c in all_chars() {
            assert_eq!(
                canonical_combining_class(c),
                reference::char::canonical_combining_class(c),
                "ccc {c:?}"
            );
            assert_eq!(
                is_combining_mark(c),
                reference::char::is_combining_mark(c),
                "mark {c:?}"
            );
            let quick = |q: reference::IsNormalized| match q {
                reference::IsNormalized::Yes => IsNormalized::Yes,
                reference::IsNormalized::No => IsNormalized::No,
                reference::IsNormalized::Maybe => IsNormalized::Maybe,
            };
            assert_eq!(
                is_nfc_quick(std::iter::once(c)),
                quick(reference::is_nfc_quick(std::iter::once(c))),
                "qc {c:?}"
            );
            let (mut mine, mut theirs) = (Vec::new(), Vec::new());
            decompose_canonical(c, |d| mine.push(d));
            reference::char::decompose_canonical(c, |d| theirs.push(d));
            assert_eq!(mine, theirs, "canonical {c:?}");
            let (mut mine, mut theirs) = (Vec::new(), Vec::new());
            decompose_compatible(c, |d| mine.push(d));
            reference::char::decompose_compatible(c, |d| theirs.push(d));
            assert_eq!(mine, theirs, "compatible {c:?}");
        }
    }

    /// Every character that decomposes canonically or takes part in a decomposition: a
    /// composition pair is made of two of them.
    fn composition_parts() -> Vec<char> {
        let mut parts = Vec::new();
        for c in all_chars() {
            let mut d = Vec::new();
            reference::char::decompose_canonical(c, |x| d.push(x));
            if d != [c] {
                parts.push(c);
                parts.extend(d);
            }
        }
        parts.sort_unstable();
        parts.dedup();
        parts
    }

    #[test]
    fn composition_matches_the_crate() {
        let parts = composition_parts();
        for &a in &parts {
            for &b in &parts {
                assert_eq!(compose(a, b), reference::char::compose(a, b), "{a:?} {b:?}");
            }
        }
        // Pairs with an ordinary character on either side.
        for c in all_chars().step_by(101) {
            for &p in parts.iter().step_by(13) {
                assert_eq!(compose(c, p), reference::char::compose(c, p));
                assert_eq!(compose(p, c), reference::char::compose(p, c));
            }
        }
    }

    #[test]
    fn normal_forms_match_the_crate() {
        // Texts that exercise reordering, blocking, Hangul, compatibility forms and
        // composition exclusions, plus pseudo-random mixes of the composition parts.
        let mut texts: Vec<String> = [
            "",
            "plain ASCII",
            "Ame\u{301}lie Mu\u{308}ller Ångström ﬁnancial ① Ｆｕｌｌ",
            "a\u{328}\u{301}\u{323}\u{302}q\u{307}\u{323}",
            "\u{1100}\u{1161}\u{11A8}\u{AC00}\u{11A8}한국어 ㈜ ㄱㅏ",
            "\u{0344}\u{0F73}\u{0F75}\u{0F81}\u{2126}\u{212B}\u{FB1D}\u{2ADC}",
            "ǅ ŉ ſt ẛ̣ ḍ̇ ǖ ϓ Å",
            "\u{1D15E}\u{1D160}\u{1D1BB}\u{11099}\u{110BA}\u{11347}\u{1133E}",
            "e\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}x",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let mut pool = composition_parts();
        pool.extend("aeiouAEIOU ,-'\u{300}\u{316}\u{345}\u{5B0}".chars());
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..20_000 {
            let mut s = String::new();
            for _ in 0..8 {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                s.push(pool[(seed % pool.len() as u64) as usize]);
            }
            texts.push(s);
        }
        for t in &texts {
            let t = t.as_str();
            assert_eq!(
                t.nfd().collect::<String>(),
                reference::UnicodeNormalization::nfd(t).collect::<String>(),
                "nfd {t:?}"
            );
            assert_eq!(
                t.nfkd().collect::<String>(),
                reference::UnicodeNormalization::nfkd(t).collect::<String>(),
                "nfkd {t:?}"
            );
            assert_eq!(
                t.nfc().collect::<String>(),
                reference::UnicodeNormalization::nfc(t).collect::<String>(),
                "nfc {t:?}"
            );
            assert_eq!(
                t.nfkc().collect::<String>(),
                reference::UnicodeNormalization::nfkc(t).collect::<String>(),
                "nfkc {t:?}"
            );
            let quick = match reference::is_nfc_quick(t.chars()) {
                reference::IsNormalized::Yes => IsNormalized::Yes,
                reference::IsNormalized::No => IsNormalized::No,
                reference::IsNormalized::Maybe => IsNormalized::Maybe,
            };
            assert_eq!(is_nfc_quick(t.chars()), quick, "quick {t:?}");
        }
    }
}
