//! Phonetic keys and consonant skeletons, so that transliteration variants of one name meet.
//!
//! Two codes are computed from a normalised Latin token (`[a-z]+`):
//!
//! - the **key** keeps the position of vowels (every vowel run becomes `V`) and maps
//!   consonants to sound classes. It is precise enough to be trusted on short tokens:
//!   `mohammed`, `muhammad`, `mohamad` → `MVHVMVT`; `qadhafi`, `gaddafi`, `kadafi`,
//!   `gadhafi` → `KVTVFV`; `usama`/`osama` → `VSVMV`; `yusuf`/`yousef` → `VSVF`;
//!   `hussein`/`husayn` → `HVSVN`; `jong`/`chong` → `JVNK`; `putin`/`pudin` → `BVTVN`.
//! - the **skeleton** is the key without vowels (`aleksandr`/`alexander` → `LKSNTR`). It
//!   is what Arabic, Hebrew and Thai words are compared on, since those scripts do not
//!   write short vowels: `محمد` gives the pattern `M H M T`, the skeleton of `mohamed`.
//!
//! Sound classes (one letter each): `B` b p; `F` f v w ph; `K` k g q c(a,o,u) ck gh x(=KS);
//! `S` s z c(e,i,y) ts tz dz; `X` sh sch shch; `J` j ch tch zh dj dzh cz; `T` t d th dh;
//! `H` h (at the start of a word or after a vowel; silent at the end, after a consonant,
//! or part of a digraph) kh; `L` l; `R` r; `M` m; `N` n; vowels a e i o u y → `V`. A run of one class
//! counts once (`ss` = `s`, `dd` = `d`).
//!
//! The classes merge the consonants that transliteration systems disagree on (Arabic
//! q/k/g, t/d in Turkish spellings, v/w in German and Polish, b/p in Persian and Korean,
//! ch/j in Korean, kh/h), while l/r, m/n and s/sh stay apart because they distinguish
//! names. Keys are a recall device: the scorer gives a key match 0.92 (0.85 on tokens of
//! at most three letters), below an exact match.

/// Sound class `B` (b, p).
pub const CL_B: u8 = b'B';
/// Sound class `F` (f, v, w, ph).
pub const CL_F: u8 = b'F';
/// Sound class `K` (k, g, q, hard c, gh).
pub const CL_K: u8 = b'K';
/// Sound class `S` (s, z, soft c, ts).
pub const CL_S: u8 = b'S';
/// Sound class `X` (sh).
pub const CL_X: u8 = b'X';
/// Sound class `J` (j, ch, zh).
pub const CL_J: u8 = b'J';
/// Sound class `T` (t, d, th, dh).
pub const CL_T: u8 = b'T';
/// Sound class `H` (h, kh).
pub const CL_H: u8 = b'H';
/// Sound class `L`.
pub const CL_L: u8 = b'L';
/// Sound class `R`.
pub const CL_R: u8 = b'R';
/// Sound class `M`.
pub const CL_M: u8 = b'M';
/// Sound class `N`.
pub const CL_N: u8 = b'N';
/// A vowel run.
pub const CL_V: u8 = b'V';

/// What a letter of a word written without short vowels stands for in a Latin spelling.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SlotKind {
    /// A consonant: always spelled with one of the slot's classes.
    Consonant,
    /// A letter that is a consonant or a long vowel (Arabic `و` `ي`, Hebrew `ו` `י`):
    /// spelled with the slot's class or with a vowel, never left out.
    ConsonantOrVowel,
    /// A long vowel (medial or final alef, `ى`, `ة`): spelled with a vowel.
    Vowel,
    /// A letter Latin spellings either write as a vowel or leave out (word-initial alef,
    /// final `ه`, Hebrew `א` `ע`).
    MaybeVowel,
}

impl SlotKind {
    /// The byte stored in the snapshot index.
    pub fn to_u8(self) -> u8 {
        match self {
            SlotKind::Consonant => 0,
            SlotKind::ConsonantOrVowel => 1,
            SlotKind::Vowel => 2,
            SlotKind::MaybeVowel => 3,
        }
    }

    /// The kind stored as `v`, if valid.
    pub fn from_u8(v: u8) -> Option<SlotKind> {
        Some(match v {
            0 => SlotKind::Consonant,
            1 => SlotKind::ConsonantOrVowel,
            2 => SlotKind::Vowel,
            3 => SlotKind::MaybeVowel,
            _ => return None,
        })
    }
}

/// One position of a skeleton pattern of a word written without short vowels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Slot {
    /// Sound class ([`CL_V`] for the vowel kinds).
    pub a: u8,
    /// Alternative sound class, or 0.
    pub b: u8,
    /// What the letter stands for.
    pub kind: SlotKind,
}

impl Slot {
    /// A consonant slot of class `a` (or `b` when not 0).
    pub fn consonant(a: u8, b: u8) -> Slot {
        Slot {
            a,
            b,
            kind: SlotKind::Consonant,
        }
    }

    /// A consonant-or-long-vowel slot of class `a`.
    pub fn consonant_or_vowel(a: u8) -> Slot {
        Slot {
            a,
            b: 0,
            kind: SlotKind::ConsonantOrVowel,
        }
    }

    /// A vowel slot: required, or `maybe` left out.
    pub fn vowel(maybe: bool) -> Slot {
        Slot {
            a: CL_V,
            b: 0,
            kind: if maybe {
                SlotKind::MaybeVowel
            } else {
                SlotKind::Vowel
            },
        }
    }

    /// True when the slot may leave no consonant in the skeleton.
    pub fn optional(&self) -> bool {
        self.kind != SlotKind::Consonant
    }

    /// True when this slot can produce consonant class `c` in a skeleton.
    pub fn accepts(&self, c: u8) -> bool {
        matches!(self.kind, SlotKind::Consonant | SlotKind::ConsonantOrVowel)
            && (c == self.a || (self.b != 0 && c == self.b))
    }
}

/// True for a letter the phonetic key reads as a vowel (`y` included).
pub fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u' | b'y')
}

/// The phonetic key of a lower-case ASCII token; empty if the token is not all letters.
pub fn key(token: &str) -> Vec<u8> {
    let b = token.as_bytes();
    if b.is_empty() || !b.iter().all(|c| c.is_ascii_lowercase()) {
        return Vec::new();
    }
    let mut out: Vec<u8> = Vec::with_capacity(b.len());
    let push = |out: &mut Vec<u8>, s: u8| {
        if out.last() != Some(&s) {
            out.push(s);
        }
    };
    let at = |i: usize| b.get(i).copied().unwrap_or(0);
    let starts = |i: usize, pat: &[u8]| b.get(i..i + pat.len()) == Some(pat);
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let (sym, adv): (Option<u8>, usize) = match c {
            b'a' | b'e' | b'i' | b'o' | b'u' | b'y' => (Some(CL_V), 1),
            b's' => {
                if starts(i, b"shch") {
                    (Some(CL_X), 4)
                } else if starts(i, b"sch") {
                    (Some(CL_X), 3)
                } else if starts(i, b"sh") {
                    (Some(CL_X), 2)
                } else {
                    (Some(CL_S), 1)
                }
            }
            b't' => {
                if starts(i, b"tch") {
                    (Some(CL_J), 3)
                } else if starts(i, b"th") {
                    (Some(CL_T), 2)
                } else if starts(i, b"ts") || starts(i, b"tz") {
                    (Some(CL_S), 2)
                } else {
                    (Some(CL_T), 1)
                }
            }
            b'c' => {
                if starts(i, b"ch") || starts(i, b"cz") {
                    (Some(CL_J), 2)
                } else if starts(i, b"ck") {
                    (Some(CL_K), 2)
                } else if matches!(at(i + 1), b'e' | b'i' | b'y') {
                    (Some(CL_S), 1)
                } else {
                    (Some(CL_K), 1)
                }
            }
            b'z' => {
                if starts(i, b"zh") {
                    (Some(CL_J), 2)
                } else {
                    (Some(CL_S), 1)
                }
            }
            b'k' => {
                if starts(i, b"kh") {
                    (Some(CL_H), 2)
                } else {
                    (Some(CL_K), 1)
                }
            }
            b'g' => {
                if starts(i, b"gh") {
                    (Some(CL_K), 2)
                } else {
                    (Some(CL_K), 1)
                }
            }
            b'q' => (Some(CL_K), 1),
            b'd' => {
                if starts(i, b"dzh") {
                    (Some(CL_J), 3)
                } else if starts(i, b"dj") {
                    (Some(CL_J), 2)
                } else if starts(i, b"dh") {
                    (Some(CL_T), 2)
                } else if starts(i, b"dz") {
                    (Some(CL_S), 2)
                } else {
                    (Some(CL_T), 1)
                }
            }
            b'p' => {
                if starts(i, b"ph") {
                    (Some(CL_F), 2)
                } else {
                    (Some(CL_B), 1)
                }
            }
            b'b' => (Some(CL_B), 1),
            b'f' | b'v' | b'w' => (Some(CL_F), 1),
            b'j' => (Some(CL_J), 1),
            b'x' => {
                push(&mut out, CL_K);
                (Some(CL_S), 1)
            }
            b'h' => {
                // Sounded at the start and after a vowel (mohammed, ahmed: the Arabic ح
                // is a consonant); silent at the end (allah = alla, shah) and after
                // consonants not forming a digraph above (bh, jh).
                let prev_vowel = i > 0 && is_vowel(b[i - 1]);
                let at_end = i + 1 == b.len();
                if i == 0 || (prev_vowel && !at_end) {
                    (Some(CL_H), 1)
                } else {
                    (None, 1)
                }
            }
            b'l' => (Some(CL_L), 1),
            b'r' => (Some(CL_R), 1),
            b'm' => (Some(CL_M), 1),
            b'n' => (Some(CL_N), 1),
            _ => (None, 1),
        };
        if let Some(s) = sym {
            push(&mut out, s);
        }
        i += adv;
    }
    out
}

/// The consonant skeleton: the key without its vowel marks (no merging across a vowel:
/// `dad` → `TT`).
pub fn skeleton_of_key(key: &[u8]) -> Vec<u8> {
    key.iter().copied().filter(|&c| c != CL_V).collect()
}

/// Most distinct expansions kept for a skeleton pattern; beyond this the pattern is
/// matched with [`pattern_matches`] instead of by lookup.
pub const MAX_EXPANSIONS: usize = 256;

/// Every consonant string a pattern can produce: each slot gives one of its classes, or
/// nothing when it is optional or repeats the class just produced (a doubled consonant is
/// written once in Latin skeletons). `None` when there are more than [`MAX_EXPANSIONS`].
pub fn expansions(pattern: &[Slot]) -> Option<Vec<Vec<u8>>> {
    // Every expansion has at most one letter a slot: up to 16 letters are packed in a
    // `u128` (big-endian, zero-padded: classes are never 0, so the numbers sort and
    // compare like the strings and the length is where the zeros begin), sorted and
    // de-duplicated without allocating. A longer pattern is matched with
    // `pattern_matches` instead.
    if pattern.len() > PACKED_LETTERS {
        return None;
    }
    let shift = |len: usize| 8 * (PACKED_LETTERS - 1 - len);
    // (0 has 128 trailing zeros: length 0.)
    let len_of = |bits: u128| PACKED_LETTERS - (bits.trailing_zeros() / 8) as usize;
    let mut current: Vec<u128> = vec![0];
    let mut next: Vec<u128> = Vec::new();
    for slot in pattern {
        next.clear();
        for &bits in &current {
            let len = len_of(bits);
            let last = len.checked_sub(1).map(|i| (bits >> shift(i)) as u8);
            if slot.optional() || last.is_some_and(|l| slot.accepts(l)) {
                next.push(bits);
            }
            for c in [slot.a, slot.b] {
                if c != 0 && slot.accepts(c) && len < PACKED_LETTERS {
                    next.push(bits | u128::from(c) << shift(len));
                }
            }
        }
        // Distinct strings, by sorting (a linear search per string was quadratic: millions
        // of comparisons for a long Thai or Arabic word).
        crate::sort::sort_plain(&mut next);
        next.dedup();
        if next.len() > MAX_EXPANSIONS {
            return None;
        }
        std::mem::swap(&mut current, &mut next);
    }
    Some(
        current
            .iter()
            .map(|&bits| {
                let len = len_of(bits);
                bits.to_be_bytes().get(..len).unwrap_or(&[]).to_vec()
            })
            .collect(),
    )
}

/// Longest pattern [`expansions`] expands (a longer one is matched with
/// [`pattern_matches`]).
const PACKED_LETTERS: usize = 16;

/// True when `pattern` can produce exactly the skeleton `skel` (same rule as
/// [`expansions`], for patterns with too many expansions).
pub fn pattern_matches(pattern: &[Slot], skel: &[u8]) -> bool {
    match PatternNfa::new(pattern) {
        Some(nfa) => nfa.accepts(nfa.read(nfa.start(), skel)),
        None => pattern_matches_dp(pattern, skel),
    }
}

/// A pattern as a bit-parallel automaton over its slots: a state is the set of `i` such
/// that the first `i` slots can produce the letters read so far (bit `i`). A slot produces
/// one letter of its classes, or nothing when it is optional or repeats the letter just
/// produced, as in [`expansions`]. Reading a letter is a few word operations, so a sorted
/// table of skeletons can be walked as a trie with it (the index's search of a pattern
/// with too many expansions).
#[derive(Debug, Clone)]
pub struct PatternNfa {
    /// `accepts[c]`: the slots that can produce class `c`.
    accepts: [u64; 256],
    /// The optional slots.
    optional: u64,
    /// Number of slots (at most 63).
    slots: usize,
}

impl PatternNfa {
    /// The automaton of `pattern`, or `None` for a pattern of more than 63 slots.
    pub fn new(pattern: &[Slot]) -> Option<PatternNfa> {
        if pattern.len() > 63 {
            return None;
        }
        let mut nfa = PatternNfa {
            accepts: [0; 256],
            optional: 0,
            slots: pattern.len(),
        };
        for (i, slot) in pattern.iter().enumerate() {
            if slot.optional() {
                nfa.optional |= 1 << i;
            }
            for c in [slot.a, slot.b] {
                if c != 0 && slot.accepts(c) {
                    nfa.accepts[usize::from(c)] |= 1 << i;
                }
            }
        }
        Some(nfa)
    }

    /// The state before any letter.
    pub fn start(&self) -> u64 {
        self.close(1, self.optional)
    }

    /// The state after reading letter `c` in state `state` (0: no reading of the pattern
    /// begins with what was read).
    pub fn step(&self, state: u64, c: u8) -> u64 {
        let produce = self.accepts[usize::from(c)];
        self.close((state & produce) << 1, self.optional | produce)
    }

    /// The state after reading `letters` from `state`.
    pub fn read(&self, mut state: u64, letters: &[u8]) -> u64 {
        for &c in letters {
            state = self.step(state, c);
            if state == 0 {
                break;
            }
        }
        state
    }

    /// True when the letters read are a whole reading of the pattern.
    pub fn accepts(&self, state: u64) -> bool {
        state >> self.slots & 1 == 1
    }

    /// `state` with every slot of `skip` that follows a reached one passed over.
    fn close(&self, mut state: u64, skip: u64) -> u64 {
        loop {
            let next = state | (state & skip) << 1;
            if next == state {
                return state;
            }
            state = next;
        }
    }
}

/// [`pattern_matches`] by dynamic programming over the skeleton's positions, for a
/// pattern of more slots than [`PatternNfa`] holds.
fn pattern_matches_dp(pattern: &[Slot], skel: &[u8]) -> bool {
    // reach[j]: the slots so far can produce skel[..j].
    let mut reach = vec![false; skel.len() + 1];
    reach[0] = true;
    for slot in pattern {
        let mut next = vec![false; skel.len() + 1];
        for j in 0..=skel.len() {
            if !reach[j] {
                continue;
            }
            let last = if j > 0 {
                skel.get(j - 1).copied()
            } else {
                None
            };
            if slot.optional() || last.is_some_and(|l| slot.accepts(l)) {
                next[j] = true;
            }
            if let Some(&c) = skel.get(j) {
                if slot.accepts(c) {
                    next[j + 1] = true;
                }
            }
        }
        reach = next;
    }
    reach[skel.len()]
}

/// True when the Latin phonetic key `key` (vowel runs as [`CL_V`]) spells the vowels the
/// pattern writes: every long vowel the word writes (medial and final `ا`, `ى`, `ة`; `و`
/// `ي` `ו` `י` unless spelled as consonants; a word-initial alef may be left out) is a
/// vowel in the Latin spelling, short vowels (unwritten) stand
/// only before a letter of the pattern, and so a Latin final vowel stands for a written
/// letter (`Hosni` is `حسني`, not `حسن`; `Khalaf` is not `חלבי`). The consonants follow
/// [`pattern_matches`]' rules.
///
/// Arabic and Hebrew spellings of names write their long vowels with these letters, so a
/// consonant skeleton alone lets unrelated names meet (`پیری` ~ `Priya`).
pub fn vowels_agree(pattern: &[Slot], key: &[u8]) -> bool {
    let n = key.len();
    // Two rows of n + 1 cells: on the stack for the keys of screened words (at most 64
    // bytes), else on the heap.
    const ON_STACK: usize = 65;
    let mut stack = [[false; ON_STACK]; 2];
    let mut heap: Vec<bool> = Vec::new();
    let (mut reach, mut next): (&mut [bool], &mut [bool]) = if n < ON_STACK {
        let [a, b] = &mut stack;
        (&mut a[..=n], &mut b[..=n])
    } else {
        heap.resize(2 * (n + 1), false);
        heap.split_at_mut(n + 1)
    };
    // reach[j]: the slots so far can spell key[..j].
    reach[0] = true;
    let skip_short_vowels = |reach: &mut [bool]| {
        for j in 0..n {
            if reach[j] && key[j] == CL_V {
                reach[j + 1] = true;
            }
        }
    };
    for (i, slot) in pattern.iter().enumerate() {
        // An unwritten short vowel may come before this letter, but not before the first:
        // these scripts write a word-initial vowel (alef, ayin; Hebrew alef, ayin, yod),
        // so `حسن` is `Hasan`, not `Ahsan`.
        if i > 0 {
            skip_short_vowels(reach);
        }
        next.fill(false);
        for j in 0..=n {
            if !reach[j] {
                continue;
            }
            let last = j.checked_sub(1).and_then(|p| key.get(p)).copied();
            let cur = key.get(j).copied();
            let vowel_here = cur == Some(CL_V);
            let after_vowel = last == Some(CL_V);
            // Consume the next key symbol (`step`) or none (`stay`: a doubled consonant or
            // two vowel letters spelled as one vowel run).
            let (step, stay) = match slot.kind {
                SlotKind::Consonant => (
                    cur.is_some_and(|c| slot.accepts(c)),
                    last.is_some_and(|c| slot.accepts(c)),
                ),
                SlotKind::ConsonantOrVowel => (
                    vowel_here || cur.is_some_and(|c| slot.accepts(c)),
                    after_vowel || last.is_some_and(|c| slot.accepts(c)),
                ),
                SlotKind::Vowel => (vowel_here, after_vowel),
                SlotKind::MaybeVowel => (vowel_here, true),
            };
            if step {
                next[j + 1] = true;
            }
            if stay {
                next[j] = true;
            }
        }
        std::mem::swap(&mut reach, &mut next);
    }
    // No short vowel after the last letter.
    reach[n]
}

/// The fixed pattern of a Latin word's phonetic key (a consonant slot per class, a vowel
/// slot per vowel run), used when an Arabic word is glued to a Latin-spelled one (the
/// particles `al`, `abu`, `bin`): the Latin part's vowels are written, as alef's are.
pub fn pattern_of_key(key: &[u8]) -> Vec<Slot> {
    key.iter()
        .map(|&a| {
            if a == CL_V {
                Slot::vowel(false)
            } else {
                Slot::consonant(a, 0)
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The automaton accepts exactly what the dynamic programme accepts, over random
    /// patterns of every slot kind (classes that repeat, to exercise the doubled-letter
    /// rule) and every skeleton of up to 5 letters of their classes; and `expansions`
    /// lists exactly the accepted skeletons when it lists them.
    #[test]
    fn pattern_automaton_equals_dp() {
        let mut next = crate::screen::testing::xorshift(0x0123_4567_89AB_CDEF);
        let classes = [CL_T, CL_S, CL_M];
        let mut skels: Vec<Vec<u8>> = vec![Vec::new()];
        skels.extend(crate::screen::testing::every_word(&classes, 5));
        for _ in 0..400 {
            let len = (next() % 7) as usize;
            let pattern: Vec<Slot> = (0..len)
                .map(|_| {
                    let a = classes[(next() % 3) as usize];
                    let b = if next() % 3 == 0 {
                        classes[(next() % 3) as usize]
                    } else {
                        0
                    };
                    match next() % 4 {
                        0 => Slot::consonant_or_vowel(a),
                        1 => Slot::vowel(next() % 2 == 0),
                        _ => Slot::consonant(a, b),
                    }
                })
                .collect();
            let accepted: Vec<Vec<u8>> = skels
                .iter()
                .filter(|sk| {
                    let by_dp = pattern_matches_dp(&pattern, sk);
                    assert_eq!(pattern_matches(&pattern, sk), by_dp, "{pattern:?} {sk:?}");
                    by_dp
                })
                .cloned()
                .collect();
            if let Some(mut ex) = expansions(&pattern) {
                ex.retain(|e| e.len() <= 5);
                let mut accepted = accepted;
                accepted.sort();
                assert_eq!(ex, accepted, "{pattern:?}");
            }
        }
    }

    fn k(s: &str) -> String {
        String::from_utf8(key(s)).unwrap_or_default()
    }

    fn sk(s: &str) -> String {
        String::from_utf8(skeleton_of_key(&key(s))).unwrap_or_default()
    }

    #[test]
    fn transliteration_variants_share_a_key() {
        for group in [
            &[
                "qadhafi", "gaddafi", "kaddafi", "gadhafi", "qathafi", "kadafi",
            ][..],
            &["mohammed", "muhammad", "mohamad", "mohamed", "muhamad"][..],
            &["usama", "osama"][..],
            &["yusuf", "yousef", "yusef", "yossef"][..],
            &["hussein", "husayn", "husain", "hussain"][..],
            &["putin", "pudin"][..],
            &["jong", "chong", "jung"][..],
            &["abdul", "abdel", "abdal"][..],
            &["mahmoud", "mahmud", "mehmet"][..],
        ] {
            let first = k(group[0]);
            for name in group {
                assert_eq!(k(name), first, "{name} vs {}", group[0]);
            }
        }
    }

    #[test]
    fn different_names_keep_different_keys() {
        assert_ne!(k("ivanov"), k("ivanova"));
        assert_ne!(k("ali"), k("alan"));
        assert_ne!(k("sasha"), k("sasa"));
        assert_ne!(k("lee"), k("ree"));
        assert!(key("a1").is_empty());
    }

    #[test]
    fn skeletons() {
        assert_eq!(sk("aleksandr"), sk("alexander"));
        assert_eq!(sk("mohammed"), "MHMT");
        assert_eq!(sk("dad"), "TT");
        assert_eq!(sk("abdullah"), "BTL");
    }

    #[test]
    fn patterns_with_optional_and_alternative_slots() {
        // يوسف: y (optional), w (optional), s, f.
        let p = [
            Slot::consonant_or_vowel(CL_J),
            Slot::consonant_or_vowel(CL_F),
            Slot::consonant(CL_S, 0),
            Slot::consonant(CL_F, 0),
        ];
        assert!(pattern_matches(&p, b"SF"));
        assert!(pattern_matches(&p, b"JSF"));
        assert!(!pattern_matches(&p, b"SFT"));
        let ex = expansions(&p).unwrap();
        assert!(ex.contains(&b"SF".to_vec()));
        for e in &ex {
            assert!(pattern_matches(&p, e));
        }
        // Alternative classes: ث is t or s.
        let p = [Slot::consonant(CL_T, CL_S), Slot::consonant(CL_M, 0)];
        assert!(pattern_matches(&p, b"SM"));
        assert!(pattern_matches(&p, b"TM"));
    }

    #[test]
    fn vowel_letters_must_be_spelled() {
        let c = |a| Slot::consonant(a, 0);
        let mater = Slot::consonant_or_vowel;
        // حسني: h s n y.
        let husni = [c(CL_H), c(CL_S), c(CL_N), mater(CL_J)];
        assert!(vowels_agree(&husni, &key("hosni")));
        assert!(vowels_agree(&husni, &key("husny")));
        assert!(!vowels_agree(&husni, &key("hasan")));
        // حسن: no final vowel letter, so no final vowel.
        let hasan = [c(CL_H), c(CL_S), c(CL_N)];
        assert!(vowels_agree(&hasan, &key("hassan")));
        assert!(!vowels_agree(&hasan, &key("hosni")));
        // محمود: the waw is a vowel (or w), never left out.
        let mahmud = [c(CL_M), c(CL_H), c(CL_M), mater(CL_F), c(CL_T)];
        assert!(vowels_agree(&mahmud, &key("mahmoud")));
        assert!(vowels_agree(&mahmud, &key("mahmut")));
        assert!(!vowels_agree(&mahmud, &key("mahmd")));
        // يوسف: two vowel letters spelled as one vowel run.
        let yusuf = [mater(CL_J), mater(CL_F), c(CL_S), c(CL_F)];
        assert!(vowels_agree(&yusuf, &key("yousef")));
        assert!(vowels_agree(&yusuf, &key("yusuf")));
        // عبدالله: initial ayin and final h a vowel or nothing, medial alef a vowel.
        let abdallah = [
            Slot::vowel(true),
            c(CL_B),
            c(CL_T),
            Slot::vowel(false),
            c(CL_L),
            Slot::vowel(true),
        ];
        assert!(vowels_agree(&abdallah, &key("abdullah")));
        assert!(vowels_agree(&abdallah, &key("abdalla")));
        assert!(!vowels_agree(&abdallah, &key("abdl")));
        // No unwritten vowel before the first letter: حسن is not Ahsan.
        assert!(!vowels_agree(&hasan, &key("ahsan")));
        // Vowel slots never produce a consonant.
        assert_eq!(expansions(&abdallah), Some(vec![b"BTL".to_vec()]));
        assert!(pattern_matches(&abdallah, b"BTL"));
    }
}
