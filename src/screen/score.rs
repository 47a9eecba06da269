//! Name scoring: token-order independent, on edit distance (`fuzzy::osa_distance`), phonetic keys and skeletons.
//!
//! 1. **Token similarity** ([`pair_similarity`]): exact (1.0); an initial against an
//!    initial or the first letter of a word (0.8); Arabic/Hebrew/Thai words against
//!    Latin words by consonant skeleton (0.88 on 3+ consonants, 0.78 on 2, 0.7 on 1), the
//!    long vowels the Arabic or Hebrew word writes spelled as vowels ([`phonetic::vowels_agree`]);
//!    tokens of at most three letters only
//!    exactly or by identical phonetic key (0.85); longer tokens by identical phonetic key
//!    (0.92), by optimal-string-alignment similarity `1 - d / max_len` of at least 0.75
//!    (0.6 for 5+ letters beginning alike) with at most 2 edits, raised by Winkler's
//!    prefix rule
//!    ([`crate::screen::fuzzy::osa_distance`]), or by identical consonant skeleton when both have five
//!    letters or more (0.85); two words equal once runs of one letter are collapsed
//!    (`Hassan` ~ `Hasan`, `Joonng` ~ `Jong`: 0.92, 0.85 when 3 letters or fewer remain);
//!    two forms of one given name in [`given_names`] (`Bill` ~ `William`, `Juan` ~ `John`:
//!    0.85, people only); numbers, stopwords and legal forms of the query only
//!    exactly. The best of
//!    these counts.
//! 2. **Assignment**: each query token is paired with at most one list token and vice
//!    versa, maximising the total of `similarity x (query weight + list weight)` by dynamic
//!    programming over the list tokens that can match (greedy by value when more than
//!    [`DP_MAX_TOKENS`] can). Two or three adjacent query tokens may be glued to match one
//!    list token (`Kim Jong Un` ~ `kimjongun`, `Siemens AG` ~ `SiemensAG`); two or three
//!    adjacent list tokens may be glued when their concatenation equals a query token or
//!    their keys end to end equal its key (`Abd al-Rahman` ~ `Abdulrahman`); a glue by key
//!    needs a short part (3 letters or fewer), two long words glue only exactly; and a long query token may be split in two halves that meet two list tokens
//!    exactly or by phonetic key (`FridrichBuchenberg` ~ `Friedrich Buchenberg`).
//! 3. **Weights**: a token weighs its length in characters (at most 12; Han characters
//!    count 2, numbers at least 3) times a class factor (particle 0.5, generic company
//!    word 0.5, patronymic 0.35, legal form 0.15, stopword 0.1, title 0 for people) times a rarity factor
//!    from how many listed entities carry the same phonetic key (1.0 up to 8 entities,
//!    -0.12 per doubling, floor 0.3), so matching `mohammed` or `al` is worth less than
//!    matching `zawahiri`. The rarity factor only discounts matches: an unmatched token
//!    costs its full weight (missing a common surname is still a conflict).
//! 4. **Score**: `cq` = similarity-weighted matched share of the query's weight, `cl` =
//!    matched share of the list name's weight (coverage only), where an unmatched middle
//!    token of a name of 3+ tokens costs 0.6 of its weight on either side and every further
//!    one 0.3 (middle names and patronymics are routinely omitted or added), and
//!    `score = cq x (0.6 + 0.4 x cl)`: an unmatched query token costs more than an
//!    unmatched list token (`emma daniels` is not `EMMA LLC`). A name whose only matches are weak
//!    tokens (legal forms, generic words, stopwords), initials or particles scores 0,
//!    unless neither name has any other token (`AT&T Inc.`). Extra query words cost less
//!    when the listed name is matched in full (omissions), and so do the words of a listed
//!    nasab chain the query shortened; the score is multiplied by 0.8 for a reversed
//!    `X bin Y`, 0.85 for legal forms of different natures, 0.9 for two different
//!    initials.
//!
//! Every arithmetic step is a basic IEEE operation (no `ln`/`pow`), so scores are
//! bit-identical natively and in WebAssembly.

use crate::model::EntityType;
use crate::screen::given_names;
use crate::screen::inline::TokenBytes;
use crate::screen::normalize::{self, Token, TokenClass};
use crate::screen::phonetic::{self, Slot};
use crate::screen::translit::Script;

/// Similarity of an initial with a word starting with the same letter.
pub const SIM_INITIAL: f64 = 0.8;
/// Similarity of two tokens with the same phonetic key.
pub const SIM_KEY: f64 = 0.92;
/// Similarity of two short tokens (three letters or fewer) with the same key.
pub const SIM_KEY_SHORT: f64 = 0.85;
/// Similarity of two long tokens with the same consonant skeleton.
pub const SIM_SKELETON: f64 = 0.85;
/// Similarity of an Arabic/Hebrew/Thai word and a Latin word with a matching skeleton of
/// three consonants or more.
pub const SIM_TRANSLIT: f64 = 0.88;
/// The same with a skeleton of two consonants.
pub const SIM_TRANSLIT_2: f64 = 0.78;
/// The same with a skeleton of one consonant (`علي` ~ `Ali`).
pub const SIM_TRANSLIT_1: f64 = 0.7;
/// Lowest edit-distance similarity that counts as a match.
pub const FUZZY_FLOOR: f64 = 0.75;
/// Lowest spelling similarity for two Latin words to match by phonetic key or skeleton.
pub const SPELLING_FLOOR: f64 = 0.5;
/// Lower floor for words of [`FUZZY_SAME_START_MIN_LEN`] letters or more with the same first
/// letter (at most [`MAX_EDITS`] edits still).
pub const FUZZY_FLOOR_SAME_START: f64 = 0.6;
/// Shortest word (of the longer side) the lower floor applies to.
pub const FUZZY_SAME_START_MIN_LEN: usize = 5;
/// Most edits (insertions, deletions, substitutions, adjacent swaps) of a fuzzy match.
pub const MAX_EDITS: usize = 2;
/// Longest word, in bytes, that takes part in a fuzzy match (the index's bit-parallel walk
/// holds one column per query byte in a `u64`; a screened word has at most 64 bytes).
pub const FUZZY_MAX_LEN: usize = 64;
/// Winkler's prefix scale: an accepted edit-distance similarity `s` of two words sharing a
/// prefix of `p` letters (at most [`WINKLER_MAX_PREFIX`]) becomes `s + 0.1 p (1 - s)`, the
/// standard Jaro-Winkler constants (`Scholz` ~ `Schulze` 0.71 → 0.80).
pub const WINKLER_PREFIX_SCALE: f64 = 0.1;
/// Longest shared prefix that counts for [`WINKLER_PREFIX_SCALE`].
pub const WINKLER_MAX_PREFIX: usize = 4;
/// Weight of the matched share of the query in the score.
pub const ALPHA: f64 = 0.6;
/// Cost factor of the heaviest unmatched middle token of a name.
pub const MIDDLE_FACTOR: f64 = 0.6;
/// Cost factor of every further unmatched middle token of a name.
pub const MIDDLE_EXTRA_FACTOR: f64 = 0.3;
/// Cost factor of the heaviest token one name has beyond the other when the other name is
/// matched in full (an omission: extra given names, patronymics, clan or tribal names).
pub const OMISSION_FACTOR: f64 = 0.35;
/// Cost factor of every further omitted token.
pub const OMISSION_EXTRA_FACTOR: f64 = 0.2;
/// Distinctive tokens a name must have matched for the other name's extra tokens to count
/// as omissions (a single matched word identifies nobody).
pub const OMISSION_MIN_MATCHED: usize = 2;
/// Similarity of two legal forms of the same legal nature (`OAO` ~ `JSC`).
pub const SIM_LEGAL_FAMILY: f64 = 0.9;
/// Factor on the name score when the two names carry legal forms of different natures and
/// neither matched (`AG` against `GmbH`: two legal persons of one group).
pub const LEGAL_CONFLICT_FACTOR: f64 = 0.85;
/// Factor on the name score when the query's `X bin Y` is the list's `Y bin X`.
pub const NASAB_REVERSAL_FACTOR: f64 = 0.8;
/// Factor on a name whose two sides each hold an unmatched initial: two different middle
/// initials are a stated difference (another person), which the initial's small weight
/// alone would barely count.
pub const INITIAL_CONFLICT_FACTOR: f64 = 0.9;
/// Similarity of two given names that are forms of one name (`Bill` ~ `William`, `Juan`
/// ~ `John`, [`crate::screen::given_names`]): below a phonetic-key match (0.92), since a
/// hypocorism or a foreign form is a different word that one person may or may not use,
/// and at the level of a short-token key match or a consonant-skeleton match (0.85):
/// `Ted Doe` against `Theodore Doe` scores about 0.93, a surname conflict still sinks it.
pub const SIM_NICKNAME: f64 = 0.85;
/// Similarity of two words spelled alike once runs of one letter are collapsed
/// (`Hassan` ~ `Hasan`, `Joonng` ~ `Jong`): a typo or a transliteration habit, at the level
/// of a phonetic-key match ([`SIM_KEY`]; [`SIM_KEY_SHORT`] when the collapsed word has 3
/// letters or fewer, like a short key match: `uun` ~ `un`, `Alli` ~ `Ali`).
pub const SIM_DOUBLED: f64 = SIM_KEY;
/// Most list tokens the exact assignment handles (beyond: greedy).
pub const DP_MAX_TOKENS: usize = 12;

/// How two tokens were found to match.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// Identical normalised tokens.
    Exact,
    /// Edit-distance similarity (typos).
    Fuzzy,
    /// Same phonetic key or consonant skeleton (spelling variants).
    Phonetic,
    /// An initial against a word's first letter.
    Initial,
    /// A non-Latin word against a Latin one (transliteration, phonetic key or skeleton).
    Translit,
    /// Adjacent tokens glued together on one side.
    Glued,
    /// Two legal forms of the same legal nature (`OAO` ~ `JSC`).
    LegalFamily,
    /// The same word but for doubled (or tripled) letters (`Hassan` ~ `Hasan`).
    Doubled,
    /// Two forms of one given name: a hypocorism or its form in another language (`Bill` ~
    /// `William`, `Juan` ~ `John`); people only.
    Nickname,
}

crate::serde_table::serialize_unit_enum!(Method, METHOD_NAMES);

/// The serialised (snake_case) names of [`Method`]'s variants, in declaration order.
pub(crate) const METHOD_NAMES: [&str; Method::Nickname as usize + 1] = [
    "exact",
    "fuzzy",
    "phonetic",
    "initial",
    "translit",
    "glued",
    "legal_family",
    "doubled",
    "nickname",
];

/// A token prepared for scoring: normalised text plus phonetic codes and weight.
///
/// In C layout, the fields every comparison reads first (class, script, length, the text's
/// length and the phonetic key) lead: a vocabulary token met by a lookup is read in no
/// particular order, so those fields share its first cache line.
#[derive(Debug, Clone, PartialEq)]
#[repr(C)]
pub struct TokInfo {
    /// Class.
    pub class: TokenClass,
    /// Original script.
    pub script: Script,
    /// True for a plain word that is a form in the given-name table (looked up once here,
    /// so that comparing two tokens outside the table costs nothing).
    pub given_name: bool,
    /// Length in characters.
    pub len: usize,
    /// Normalised text.
    pub text: String,
    /// Phonetic key (empty when not all letters or not Latin text).
    pub key: TokenBytes,
    /// Consonant skeleton (from the key).
    pub skel: TokenBytes,
    /// Skeleton pattern for words written without short vowels.
    pub pattern: Option<Vec<Slot>>,
    /// Weight before the title rule (length x class x rarity): what a match is worth.
    pub weight: f64,
    /// Weight without the rarity factor: what leaving the token unmatched costs (a common
    /// token is weak evidence of a match, but missing it is still evidence against).
    pub full_weight: f64,
    /// All skeletons the pattern can produce (`None`: too many, use the pattern).
    pub expansions: Option<Vec<Vec<u8>>>,
}

/// Length part of a token's weight.
fn length_weight(t: &str, class: TokenClass, script: Script) -> f64 {
    let chars = t.chars().count();
    // A Han character kept as itself (no reading) weighs like a two-letter syllable.
    let base = if script == Script::Han && !t.is_ascii() {
        chars * 2
    } else {
        chars
    };
    let base = base.min(12);
    let base = if class == TokenClass::Number {
        base.max(3)
    } else {
        base
    };
    base as f64
}

/// Class part of a token's weight (titles are handled by [`TokInfo::effective_weight`]).
fn class_factor(class: TokenClass) -> f64 {
    match class {
        TokenClass::Word | TokenClass::Number | TokenClass::Initial | TokenClass::Title => 1.0,
        TokenClass::Particle | TokenClass::Generic => 0.5,
        TokenClass::Patronymic => 0.35,
        TokenClass::LegalForm => 0.15,
        TokenClass::Stopword => 0.1,
    }
}

/// Rarity factor from the number of listed entities sharing the token's key: 1.0 up to 8,
/// then 0.12 less per doubling (linear within each doubling), at least 0.3.
pub fn rarity_factor(df: u32) -> f64 {
    if df <= 8 {
        return 1.0;
    }
    // log2(df / 8) without transcendental functions (bit-identical on every platform).
    let bits = 32 - df.leading_zeros(); // df in [2^(bits-1), 2^bits)
    let low = 1u64 << (bits - 1);
    let frac = (df as u64 - low) as f64 / low as f64;
    let log2 = (bits - 1) as f64 + frac - 3.0;
    let f = 1.0 - 0.12 * log2;
    if f < 0.3 {
        0.3
    } else {
        f
    }
}

/// [`TokInfo::rarity_keys`] of a token whose pattern (if any) has `expansions`.
fn rarity_keys_of(tok: &Token, expansions: Option<&[Vec<u8>]>) -> Vec<Vec<u8>> {
    if tok.pattern.is_some() {
        return expansions
            .unwrap_or_default()
            .iter()
            .map(|e| {
                let mut k = Vec::with_capacity(e.len() + 1);
                k.push(b'#');
                k.extend_from_slice(e);
                k
            })
            .collect();
    }
    let k = phonetic::key(&tok.text);
    if k.is_empty() {
        vec![tok.text.as_bytes().to_vec()]
    } else {
        vec![k]
    }
}

impl TokInfo {
    /// Prepares a token; `df` is the number of listed entities sharing its key.
    pub fn new(tok: &Token, df: u32) -> TokInfo {
        let expansions = tok.pattern.as_ref().and_then(|p| phonetic::expansions(p));
        TokInfo::with_expansions(tok.clone(), df, expansions)
    }

    /// Prepares a token whose rarity count is looked up by `count` (the most of its
    /// [`TokInfo::rarity_keys`]), expanding an abjad pattern once for both.
    pub fn counted(tok: &Token, count: impl Fn(&[u8]) -> u32) -> TokInfo {
        let expansions = tok.pattern.as_ref().and_then(|p| phonetic::expansions(p));
        let df = rarity_keys_of(tok, expansions.as_deref())
            .iter()
            .map(|k| count(k))
            .max()
            .unwrap_or(0);
        TokInfo::with_expansions(tok.clone(), df, expansions)
    }

    /// [`TokInfo::new`] with the pattern's expansions already computed, taking the token's
    /// text and pattern over.
    fn with_expansions(tok: Token, df: u32, expansions: Option<Vec<Vec<u8>>>) -> TokInfo {
        let key = if tok.pattern.is_none() {
            phonetic::key(&tok.text)
        } else {
            Vec::new()
        };
        let skel = phonetic::skeleton_of_key(&key);
        TokInfo::with_parts(tok, df, expansions, key, skel)
    }

    /// [`TokInfo::with_expansions`] with the phonetic key and its skeleton already known
    /// (a vocabulary token, whose key and skeleton the index stores).
    pub(crate) fn with_parts(
        tok: Token,
        df: u32,
        expansions: Option<Vec<Vec<u8>>>,
        key: Vec<u8>,
        skel: Vec<u8>,
    ) -> TokInfo {
        let mut length = length_weight(&tok.text, tok.class, tok.script);
        if let Some(p) = &tok.pattern {
            // Scripts without short vowels spell names with fewer letters: weigh such a
            // word like its Latin spelling, about 1.7 letters per written consonant.
            let consonants = p.iter().filter(|s| !s.optional()).count() as f64;
            length = length.max((consonants * 1.7).min(12.0));
        }
        let full_weight = length * class_factor(tok.class);
        let weight = full_weight * rarity_factor(df);
        TokInfo {
            len: tok.text.chars().count(),
            given_name: tok.class == TokenClass::Word && given_names::is_form(&tok.text),
            text: tok.text,
            class: tok.class,
            script: tok.script,
            key: TokenBytes::from(key),
            skel: TokenBytes::from(skel),
            pattern: tok.pattern,
            expansions,
            weight,
            full_weight,
        }
    }

    /// The key under which rarity is counted: the phonetic key for spelled words, the
    /// first skeleton expansion for abjad words, else the text.
    pub fn rarity_keys(tok: &Token) -> Vec<Vec<u8>> {
        let expansions = tok.pattern.as_ref().and_then(|p| phonetic::expansions(p));
        rarity_keys_of(tok, expansions.as_deref())
    }

    /// Weight used when comparing with an entity of type `candidate`: titles weigh 0
    /// against people (honorifics are stripped) and count as words otherwise.
    pub fn effective_weight(&self, candidate: EntityType) -> f64 {
        if self.class == TokenClass::Title && candidate == EntityType::Person {
            0.0
        } else {
            self.weight
        }
    }

    /// The cost of leaving the token unmatched against an entity of type `candidate`.
    pub fn effective_full_weight(&self, candidate: EntityType) -> f64 {
        if self.class == TokenClass::Title && candidate == EntityType::Person {
            0.0
        } else {
            self.full_weight
        }
    }

    /// True for tokens that can carry a match on their own.
    pub fn is_distinctive(&self, candidate: EntityType) -> bool {
        match self.class {
            TokenClass::Word | TokenClass::Number | TokenClass::Patronymic => true,
            TokenClass::Title => candidate != EntityType::Person,
            _ => false,
        }
    }

    /// True when an unmatched middle token facing another one on the other side means a
    /// different name there (a word or an initial; particles and legal forms never do).
    pub fn can_conflict(&self, candidate: EntityType) -> bool {
        self.is_distinctive(candidate) || self.class == TokenClass::Initial
    }

    /// True when the token is all ASCII letters (phonetic codes and edit distance apply).
    pub fn is_alpha(&self) -> bool {
        !self.key.is_empty()
    }

    /// True when only an exact match counts.
    pub fn exact_only(&self) -> bool {
        matches!(self.class, TokenClass::Number | TokenClass::Stopword)
            || (self.pattern.is_none() && self.key.is_empty())
    }
}

/// Number of non-optional slots of a pattern token.
fn mandatory_slots(t: &TokInfo) -> usize {
    t.pattern
        .as_ref()
        .map_or(0, |p| p.iter().filter(|s| !s.optional()).count())
}

/// True when pattern token `p` can produce Latin skeleton `skel`.
fn pattern_accepts(p: &TokInfo, skel: &[u8]) -> bool {
    match (&p.expansions, &p.pattern) {
        (Some(ex), _) => ex.binary_search_by(|e| e.as_slice().cmp(skel)).is_ok(),
        (None, Some(pat)) => phonetic::pattern_matches(pat, skel),
        (None, None) => false,
    }
}

/// True when the Latin spelling `latin` writes the long vowels of Arabic or Hebrew word `p`
/// as vowels and ends as `p` does ([`phonetic::vowels_agree`]). Checked after the skeleton
/// matched; Thai patterns carry no vowel letters and always pass.
fn vowels_fit(p: &TokInfo, latin: &TokInfo) -> bool {
    match (&p.pattern, p.script) {
        (Some(pattern), Script::Arabic | Script::Hebrew) => {
            if phonetic::vowels_agree(pattern, &latin.key) {
                return true;
            }
            // French and West African spellings end in a silent `e` after a consonant
            // (`Amine` أمين, `Yassine` ياسين, `Ousmane` عثمان): try the key without it.
            let b = latin.text.as_bytes();
            let silent_e = b.len() >= 3
                && b.last() == Some(&b'e')
                && b.get(b.len() - 2).is_some_and(|&c| !phonetic::is_vowel(c))
                && latin.key.last() == Some(&phonetic::CL_V);
            silent_e
                && latin
                    .key
                    .split_last()
                    .is_some_and(|(_, k)| phonetic::vowels_agree(pattern, k))
        }
        _ => true,
    }
}

/// True when two pattern tokens share an expansion.
fn patterns_meet(a: &TokInfo, b: &TokInfo) -> bool {
    match (&a.expansions, &b.expansions) {
        (Some(ea), Some(_)) => ea.iter().any(|e| pattern_accepts(b, e)),
        (Some(ea), None) => ea.iter().any(|e| pattern_accepts(b, e)),
        (None, Some(eb)) => eb.iter().any(|e| pattern_accepts(a, e)),
        (None, None) => false,
    }
}

/// The edit-distance similarity `1 - osa / max_len` raised by Winkler's prefix rule
/// ([`WINKLER_PREFIX_SCALE`]), or 0 when `1 - osa / max_len` cannot reach the floor:
/// [`FUZZY_FLOOR`] in general, [`FUZZY_FLOOR_SAME_START`] for words of 5 letters or more
/// that begin alike (names keep their first letters: `Scholz` ~ `Schulze`, `Sechin` ~
/// `Sechev`; a word changed at its start is more often another name). Words over
/// [`FUZZY_MAX_LEN`] bytes do not match this way.
pub fn fuzzy_similarity(a: &str, b: &str) -> f64 {
    let (la, lb) = (a.len(), b.len());
    let max = la.max(lb);
    if max == 0 || max > FUZZY_MAX_LEN {
        return 0.0;
    }
    let same_start = max >= FUZZY_SAME_START_MIN_LEN
        && la.min(lb) >= FUZZY_SAME_START_MIN_LEN - 1
        && a.as_bytes().first() == b.as_bytes().first();
    let floor = if same_start {
        FUZZY_FLOOR_SAME_START
    } else {
        FUZZY_FLOOR
    };
    // Length difference alone bounds the distance from below.
    let diff = la.abs_diff(lb);
    if (diff as f64) > (1.0 - floor) * max as f64 {
        return 0.0;
    }
    if diff > MAX_EDITS {
        return 0.0;
    }
    let (d, s) = spelling_distance(a, b);
    if s >= floor && d <= MAX_EDITS {
        // Winkler's prefix rule: differences after a shared beginning are more often a
        // variant of the same name than another name.
        let prefix = a
            .bytes()
            .zip(b.bytes())
            .take_while(|(x, y)| x == y)
            .count()
            .min(WINKLER_MAX_PREFIX);
        s + WINKLER_PREFIX_SCALE * prefix as f64 * (1.0 - s)
    } else {
        0.0
    }
}

/// The optimal-string-alignment distance and `1 - osa / max_len` (1 for two empty words):
/// how alike two spellings look, without a floor.
fn spelling_distance(a: &str, b: &str) -> (usize, f64) {
    let max = a.len().max(b.len());
    let d = crate::screen::fuzzy::osa_distance(a, b);
    if max == 0 {
        return (d, 1.0);
    }
    (d, 1.0 - d as f64 / max as f64)
}

/// Bounds for enumerating the fuzzy partners of a token of `m` letters: (shortest and
/// longest partner length, most edits). Every pair [`fuzzy_similarity`] accepts lies within
/// them (the index walks its vocabulary with these).
pub fn fuzzy_bounds(m: usize) -> (usize, usize, usize) {
    let kmax = edits_within_floor(FUZZY_FLOOR_SAME_START.min(FUZZY_FLOOR), m);
    (m.saturating_sub(kmax), m + kmax, kmax)
}

/// Most edits [`fuzzy_similarity`] accepts between a word of `m` bytes and one of `len`
/// bytes that begins with the same letter (`same_start`) or another, or `None` when it
/// accepts no such pair (their lengths differ by more than that). Mirrors the floors of
/// [`fuzzy_similarity`] exactly, computed the same way, so that the index walks each
/// partner length with the tightest budget that loses no match.
pub fn fuzzy_edits(m: usize, len: usize, same_start: bool) -> Option<usize> {
    let max = m.max(len);
    if max == 0 || max > FUZZY_MAX_LEN {
        return None;
    }
    let floor = if same_start
        && max >= FUZZY_SAME_START_MIN_LEN
        && m.min(len) >= FUZZY_SAME_START_MIN_LEN - 1
    {
        FUZZY_FLOOR_SAME_START
    } else {
        FUZZY_FLOOR
    };
    let diff = m.abs_diff(len);
    if (diff as f64) > (1.0 - floor) * max as f64 || diff > MAX_EDITS {
        return None;
    }
    (diff..=MAX_EDITS)
        .take_while(|&d| 1.0 - d as f64 / max as f64 >= floor)
        .last()
}

/// `d <= (1 - floor) x max(m, len)` and `d <= MAX_EDITS`, with `|len - m| <= d`.
fn edits_within_floor(floor: f64, m: usize) -> usize {
    (((1.0 - floor) * (m + MAX_EDITS) as f64 + 1e-9).floor() as usize).min(MAX_EDITS)
}

/// Similarity of a query token and a list token, with the method that found it; `None`
/// when they do not match. Symmetric in its arguments.
///
/// The candidate index (`index.rs`) enumerates exactly these relations; any rule added
/// here needs its lookup there, or the index-equals-exhaustive test fails.
pub fn pair_similarity(q: &TokInfo, l: &TokInfo) -> Option<(f64, Method)> {
    similarity(q, l, true)
}

/// [`pair_similarity`] with or without the edit-distance and given-name rules (glued query
/// tokens meet list tokens exactly, by key or by skeleton only).
fn similarity(q: &TokInfo, l: &TokInfo, allow_fuzzy: bool) -> Option<(f64, Method)> {
    let base = spelling_similarity(q, l, allow_fuzzy);
    // Two forms of one given name, unless the spellings already say more (`Aleksandr` ~
    // `Alexandr` by key). Single query tokens only: a glued run is no given name.
    if allow_fuzzy && given_name_pair(q, l) && base.map_or(true, |(s, _)| s < SIM_NICKNAME) {
        return Some((SIM_NICKNAME, Method::Nickname));
    }
    base
}

/// True when `q` and `l` are plain words (not particles, titles or legal forms) of a
/// spelled script and forms of one given name in [`given_names`]. The index looks up
/// [`given_names::equivalents`] of each query word to enumerate these pairs.
pub fn given_name_pair(q: &TokInfo, l: &TokInfo) -> bool {
    q.given_name
        && l.given_name
        && q.class == TokenClass::Word
        && l.class == TokenClass::Word
        && q.pattern.is_none()
        && l.pattern.is_none()
        && !syllable_script(q.script)
        && !syllable_script(l.script)
        && given_names::equivalent(&q.text, &l.text)
}

/// `t` with every run of one letter collapsed to a single letter (`joonng` → `jong`).
pub fn collapse_runs(t: &str) -> String {
    let mut out = String::with_capacity(t.len());
    for c in t.chars() {
        if !out.ends_with(c) {
            out.push(c);
        }
    }
    out
}

/// The length of the collapsed word when two different words are spelled alike once runs
/// of one letter are collapsed (`hassan` ~ `hasan`, `joonng` ~ `jong`, `lii` ~ `li`), the
/// collapsed word has at least two letters (a doubled initial is no word: `jj` is not `j`)
/// and reads as a word, not an acronym; both have one class (`all` is no particle);
/// neither is a Roman numeral (`vii`, `viii`: different numbers); and the phonetic keys are
/// equal: doubling a letter keeps the key but for a few digraph joints (`ssh`, `cch`),
/// and requiring it lets the index find these pairs by key. `None` otherwise.
fn doubled_pair(q: &TokInfo, l: &TokInfo) -> Option<usize> {
    // Same class too: `all` is a word, `al` the Arabic article.
    if q.text == l.text || q.key != l.key || q.len.min(l.len) < 2 || q.class != l.class {
        return None;
    }
    // Roman numerals count their letters: `VII` is not `VIII`.
    let numeral = |t: &str| t.bytes().all(|b| matches!(b, b'i' | b'v' | b'x'));
    if numeral(&q.text) || numeral(&l.text) {
        return None;
    }
    let (a, b) = (q.text.as_bytes(), l.text.as_bytes());
    // Compare the collapsed forms without allocating.
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        if a[i] != b[j] {
            return None;
        }
        let c = a[i];
        while i < a.len() && a[i] == c {
            i += 1;
        }
        while j < b.len() && b[j] == c {
            j += 1;
        }
    }
    if i != a.len() || j != b.len() {
        return None;
    }
    // Acronyms are read letter by letter, where a doubled letter is another letter
    // (`MMB` is not `MB`, `IPCC` is not `IPC`, `DMCC` is not `DMC`): the collapsed word
    // must hold a vowel, and a short one must read as syllables (no two consonants in a
    // row: `li`, `ali`, `un`, `jo`).
    let c = collapse_runs(&q.text);
    let vowel = phonetic::is_vowel;
    let bytes = c.as_bytes();
    let reads_as_word = bytes.len() >= 2
        && bytes.iter().any(|&b| vowel(b))
        && (bytes.len() > 3 || !bytes.windows(2).any(|w| !vowel(w[0]) && !vowel(w[1])));
    reads_as_word.then_some(bytes.len())
}

/// Token similarity by spelling and sound (every rule but the given-name table).
fn spelling_similarity(q: &TokInfo, l: &TokInfo, allow_fuzzy: bool) -> Option<(f64, Method)> {
    let translit = q.script != l.script && (q.script != Script::Latin || l.script != Script::Latin);
    // An Arabic/Hebrew/Thai word's Latin text is only its consonants (`mr`), never
    // compared as text with a spelled word: such pairs meet by skeleton below.
    if q.text == l.text && q.pattern.is_some() == l.pattern.is_some() {
        return Some((
            1.0,
            if translit {
                Method::Translit
            } else {
                Method::Exact
            },
        ));
    }
    // A legal form in the query matches only exactly (so a name matched through legal
    // forms alone can be skipped by the index); a listed legal form may meet a misspelled
    // query word (`CROP` ~ `corp`, `OSJC` ~ `ojsc`).
    if q.class == TokenClass::LegalForm && l.class == TokenClass::LegalForm {
        let same = normalize::legal_family(&q.text)
            .is_some_and(|f| normalize::legal_family(&l.text) == Some(f));
        return same.then_some((SIM_LEGAL_FAMILY, Method::LegalFamily));
    }
    if q.exact_only() || l.exact_only() || q.class == TokenClass::LegalForm {
        return None;
    }
    // Initials: against another initial only exactly (done above), else a first letter.
    let (qi, li) = (
        q.class == TokenClass::Initial,
        l.class == TokenClass::Initial,
    );
    if qi || li {
        if qi && li {
            return None;
        }
        let (init, word) = if qi { (q, l) } else { (l, q) };
        let ok = !matches!(word.class, TokenClass::Particle | TokenClass::LegalForm)
            && word.is_alpha()
            && word.text.as_bytes().first() == init.text.as_bytes().first();
        return if ok {
            Some((SIM_INITIAL, Method::Initial))
        } else {
            None
        };
    }
    // Words written without short vowels meet by consonant skeleton.
    if q.pattern.is_some() || l.pattern.is_some() {
        if q.script == Script::Han || l.script == Script::Han {
            // Mandarin syllables against an Arabic/Hebrew/Thai consonant skeleton: the
            // readings are too short and too many to say anything.
            return None;
        }
        // consonants: how many consonants the match rests on.
        let consonants = match (q.pattern.is_some(), l.pattern.is_some()) {
            (true, true) => patterns_meet(q, l).then(|| mandatory_slots(q).min(mandatory_slots(l))),
            (true, false) => (latin_side_ok(l) && pattern_accepts(q, &l.skel) && vowels_fit(q, l))
                .then_some(l.skel.len()),
            (false, true) => (latin_side_ok(q) && pattern_accepts(l, &q.skel) && vowels_fit(l, q))
                .then_some(q.skel.len()),
            (false, false) => None,
        };
        // One or two consonants say little (many names share them).
        return consonants.map(|c| {
            let sim = match c {
                0 | 1 => SIM_TRANSLIT_1,
                2 => SIM_TRANSLIT_2,
                _ => SIM_TRANSLIT,
            };
            (sim, Method::Translit)
        });
    }
    if !q.is_alpha() || !l.is_alpha() {
        return None;
    }
    // Two Hangul or Han syllables are the same syllable or different ones: their romanisations
    // are not compared loosely.
    if syllable_script(q.script) && syllable_script(l.script) {
        return None;
    }
    // The same spelling but for doubled letters: a typo or a transliteration habit
    // (`Hassan`, `Mohammed`, `Joonng`), also for short words, which the short-token and
    // vowel rules below would reject (`uun` ~ `un`: the same letters).
    let doubled = if syllable_script(q.script) || syllable_script(l.script) {
        None
    } else {
        doubled_pair(q, l)
    };
    if let Some(collapsed_len) = doubled {
        let short = collapsed_len <= 3;
        let sim = if short { SIM_KEY_SHORT } else { SIM_DOUBLED };
        let fz = if allow_fuzzy && !short {
            fuzzy_similarity(&q.text, &l.text)
        } else {
            0.0
        };
        return Some(if fz > sim {
            (fz, Method::Fuzzy)
        } else {
            (sim, Method::Doubled)
        });
    }
    let short = q.len.min(l.len) <= 3;
    let mut key_equal = q.key == l.key;
    if syllable_script(q.script) || syllable_script(l.script) {
        // A Hangul or Han syllable against a Latin spelling: same key and same vowels
        // (`jeong` ~ `jong` ~ `chong`, but `jun` is not `jin`); no edit distance.
        if !(key_equal && same_vowels(&q.text, &l.text)) {
            return None;
        }
        // Pinyin initials are distinctive (`fang` is not `wang`, `jun` is not `chun`): a
        // Han syllable also needs the same first letter (Wade-Giles is not supported).
        let han = q.script == Script::Han || l.script == Script::Han;
        if han && q.text.as_bytes().first() != l.text.as_bytes().first() {
            return None;
        }
        key_equal = true;
    }
    // Syllable-length tokens (4 letters or fewer) share keys easily across languages
    // (`hong` ~ `heng`, `dang` ~ `tong`): a key match needs the same vowels there too.
    if key_equal && q.len.min(l.len) <= 4 && !same_vowels(&q.text, &l.text) {
        key_equal = false;
    }
    if short {
        // A short token meets only a token of about its own length (`li` ~ `lee`,
        // `jon` ~ `john`, but `ali` is not `iulia`).
        // ... and with the same vowels (`li` ~ `lee`, `un` ~ `eun`, but `chi` is not `zhao`).
        return if key_equal && q.len.abs_diff(l.len) <= 1 && same_vowels(&q.text, &l.text) {
            Some((
                SIM_KEY_SHORT,
                if translit {
                    Method::Translit
                } else {
                    Method::Phonetic
                },
            ))
        } else {
            None
        };
    }
    let phon_method = if translit {
        Method::Translit
    } else {
        Method::Phonetic
    };
    // Two Latin spellings that sound alike must also look somewhat alike: a shared key
    // between words that differ in most letters (`Setty` ~ `Saeedi`, `Cooper` ~ `Kabir`)
    // is a coincidence of the key, not a variant spelling. Transliterations are exempt:
    // their spellings drift further (`Yevgeniy` ~ `Evgeny`).
    // Evaluated only for pairs that share a key or skeleton (an edit distance each).
    let looks_alike = || {
        translit
            || q.script != Script::Latin
            || l.script != Script::Latin
            || spelling_distance(&q.text, &l.text).1 >= SPELLING_FLOOR
    };
    let mut best: Option<(f64, Method)> = None;
    if key_equal && looks_alike() && (allow_fuzzy || fuzzy_similarity(&q.text, &l.text) > 0.0) {
        // A glued token (allow_fuzzy false) must also be spelled close to the list token:
        // two whole names end to end can share a key with an unrelated word.
        best = Some((SIM_KEY, phon_method));
    }
    let fz = if allow_fuzzy {
        fuzzy_similarity(&q.text, &l.text)
    } else {
        0.0
    };
    if fz > 0.0 && best.map_or(true, |(s, _)| fz > s) {
        best = Some((fz, Method::Fuzzy));
    }
    if best.is_none()
        && allow_fuzzy
        && q.len >= 5
        && l.len >= 5
        && q.skel.len() >= 4
        && q.skel == l.skel
        && looks_alike()
    {
        best = Some((SIM_SKELETON, phon_method));
    }
    best
}

/// Scripts read one syllable per token (Hangul, Han): such tokens meet Latin spellings by
/// key and vowels only, never by edit distance (syllables are short and collide).
fn syllable_script(s: Script) -> bool {
    matches!(s, Script::Hangul | Script::Han)
}

/// The vowel classes of a romanised syllable, glides ignored: `a`; `ae`/`e`; `eo`/`o`
/// (McCune-Reischauer `ŏ` folds to `o`); `eu`/`u`/`oo`; `i`/`ee`/`y` at the end;
/// `oe`/`oi`. Korean romanisations (Revised, McCune-Reischauer, common spellings) agree on
/// these, and so do the usual variants of short names elsewhere (`li`/`lee`, `yu`/`yoo`).
pub fn korean_vowels(t: &str) -> impl Iterator<Item = u8> + '_ {
    let b = t.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < b.len() {
            let rest = b.get(i..).unwrap_or(&[]);
            let (class, adv) = if rest.starts_with(b"eo") {
                (b'O', 2)
            } else if rest.starts_with(b"eu") {
                (b'U', 2)
            } else if rest.starts_with(b"ae") {
                (b'E', 2)
            } else if rest.starts_with(b"oe") || rest.starts_with(b"oi") {
                (b'Q', 2)
            } else if rest.starts_with(b"oo") {
                (b'U', 2)
            } else if rest.starts_with(b"ou") {
                // `Young` (영).
                (b'O', 2)
            } else if rest.starts_with(b"ee") {
                (b'I', 2)
            } else {
                match rest.first().copied().unwrap_or(0) {
                    b'a' => (b'A', 1),
                    b'e' => (b'E', 1),
                    b'o' => (b'O', 1),
                    b'u' => (b'U', 1),
                    b'i' => (b'I', 1),
                    // Glides (ya, yeo, wa, wo) are dropped; a final y is i (Lee/Yi/Ri).
                    b'y' if i + 1 == b.len() => (b'I', 1),
                    _ => (0, 1),
                }
            };
            i += adv;
            if class != 0 {
                return Some(class);
            }
        }
        None
    })
}

/// Whether two romanised syllables have the same [`korean_vowels`] (compared as they are
/// read, without collecting them: this runs for most short-token comparisons).
fn same_vowels(a: &str, b: &str) -> bool {
    korean_vowels(a).eq(korean_vowels(b))
}

/// A Latin token may meet an abjad pattern when it is a real word of 3+ letters.
fn latin_side_ok(t: &TokInfo) -> bool {
    t.is_alpha()
        && t.len >= 3
        && !matches!(t.class, TokenClass::Particle | TokenClass::Initial)
        && !t.skel.is_empty()
}

/// What part of the query a [`QueryItem`] stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemKind {
    /// One query token, or 2-3 adjacent ones glued together.
    Whole,
    /// One half of a query token split in two (`fridrichbuchenberg` → `fridrich` +
    /// `buchenberg`): `first` tells which half; the other half is the next item.
    SplitPart {
        /// True for the first half.
        first: bool,
    },
}

/// A query item: a single query token, 2-3 adjacent ones glued together, or half of a
/// long query token split in two.
#[derive(Debug, Clone)]
pub struct QueryItem {
    /// First query token covered.
    pub start: usize,
    /// Number of query tokens covered (1-3; 1 for split halves).
    pub len: usize,
    /// The (glued or split) token.
    pub info: TokInfo,
    /// Whole or split half.
    pub kind: ItemKind,
    /// For glued items without a short part: only an exact spelling counts.
    pub glue_exact: bool,
}

impl QueryItem {
    /// True when `other` is the same item wherever it stands: its vocabulary matches and
    /// list-side glue are the same, so the index looks it up once.
    pub fn same_lookup(&self, other: &QueryItem) -> bool {
        self.kind == other.kind
            && self.len == other.len
            && self.glue_exact == other.glue_exact
            && self.info == other.info
    }
}

/// Query tokens that may be glued to a neighbour.
pub fn glueable(t: &TokInfo) -> bool {
    !matches!(t.class, TokenClass::Number | TokenClass::Initial)
        && (t.is_alpha() || t.pattern.is_some())
}

/// A short token (at most 3 letters, or at most 2 consonants for words written without
/// short vowels): a syllable or particle that spelling variants glue to a neighbour
/// (`Kim Jong Un` ~ `Kimjongun`, `bin Laden` ~ `Binladen`, `Abd al-Rahman` ~
/// `Abdulrahman`). Two long words glue only when the result is spelled exactly the same.
pub fn short_part(t: &TokInfo) -> bool {
    match &t.pattern {
        // Arabic, Hebrew, Thai: only particles (`abd`, `al`, `bin`, `abu`) glue.
        Some(_) => t.class == TokenClass::Particle,
        None => t.len <= 3,
    }
}

/// Shortest half of a split query token.
pub const SPLIT_MIN_PART: usize = 3;

/// Query tokens that may be split in two.
fn splittable(t: &TokInfo) -> bool {
    t.class == TokenClass::Word
        && t.is_alpha()
        && t.pattern.is_none()
        && t.len >= 2 * SPLIT_MIN_PART
}

/// Similarity of a split half with a list token: only exact or same phonetic key (the
/// candidate index enumerates these by hash lookups).
pub fn part_similarity(part: &TokInfo, l: &TokInfo) -> Option<(f64, Method)> {
    if part.text == l.text {
        return Some((1.0, Method::Exact));
    }
    if l.exact_only() || !l.is_alpha() || l.class == TokenClass::Initial || part.key != l.key {
        return None;
    }
    if part.len.min(l.len) <= 3 {
        Some((SIM_KEY_SHORT, Method::Phonetic))
    } else {
        Some((SIM_KEY, Method::Phonetic))
    }
}

fn plain_token(text: String, script: Script, pattern: Option<Vec<Slot>>) -> Token {
    Token {
        text,
        class: TokenClass::Word,
        script,
        pattern,
    }
}

/// Builds the query items: every token (in order, so item `i` is token `i`), then glued
/// pairs and triples of glueable tokens (those that match only their own text only when
/// `known_text` holds that text: most glued texts are no listed word, and preparing one is
/// the costly part), then the halves of splittable tokens: only the pairs of halves that
/// `known_half(text, phonetic key)` says both may match, each half prepared only then
/// (most cuts of a word are no words). Returns the items and how many there are counting
/// every glued run and every pair of halves, kept or not (what the work meter charges).
/// `None`, before the items are prepared, when there would be more than `max_items` of
/// them prepared anew (the halves of a repeated token are copies): preparing an item is
/// the costly part, and a query of many long words has thousands of halves.
pub fn query_items(
    tokens: &[Token],
    infos: &[TokInfo],
    max_items: usize,
    mut known_text: impl FnMut(&str) -> bool,
    mut known_half: impl FnMut(&str, &[u8]) -> bool,
) -> Option<(Vec<QueryItem>, usize)> {
    // Items prepared anew: the tokens, their glued runs, then each token's halves.
    let mut prepared = infos.len();
    // Room for the tokens, their glued runs and a few halves: items are large, and each
    // growth copies them all.
    let mut items: Vec<QueryItem> = Vec::with_capacity(4 * infos.len());
    // Glued runs left out unprepared (no listed word is spelled like them).
    let mut unknown_runs = 0;
    items.extend(infos.iter().enumerate().map(|(i, t)| QueryItem {
        start: i,
        len: 1,
        info: t.clone(),
        kind: ItemKind::Whole,
        glue_exact: false,
    }));
    for len in 2..=3usize {
        for start in 0..tokens.len().saturating_sub(len - 1) {
            let parts = &infos[start..start + len];
            if !parts.iter().all(glueable) {
                continue;
            }
            let text: String = parts.iter().map(|p| p.text.as_str()).collect();
            let any_pattern = parts.iter().any(|p| p.pattern.is_some());
            // Words without short vowels glue only behind a particle (`al` + `husaini`;
            // the Arabic article belongs to the word after it).
            let glue_exact = if any_pattern {
                parts[0].class != TokenClass::Particle
                    || parts[1..].iter().any(|p| p.class == TokenClass::Particle)
            } else {
                !parts.iter().any(short_part)
            };
            prepared += 1;
            if prepared > max_items {
                return None;
            }
            if glue_exact && !known_text(&text) {
                unknown_runs += 1;
                continue;
            }
            let pattern = if any_pattern {
                Some(
                    parts
                        .iter()
                        .flat_map(|p| {
                            p.pattern
                                .clone()
                                .unwrap_or_else(|| phonetic::pattern_of_key(&p.key))
                        })
                        .collect(),
                )
            } else {
                None
            };
            let script = parts
                .iter()
                .map(|p| p.script)
                .find(|&s| s != Script::Latin)
                .unwrap_or(Script::Latin);
            let mut info = TokInfo::new(&plain_token(text, script, pattern), 0);
            info.weight = parts.iter().map(|p| p.weight).sum();
            info.full_weight = parts.iter().map(|p| p.full_weight).sum();
            items.push(QueryItem {
                start,
                len,
                info,
                kind: ItemKind::Whole,
                glue_exact,
            });
        }
    }
    // Items counting every glued run and every pair of halves, the ones passed over too.
    let mut counted = items.len() + unknown_runs;
    // Where each token's kept halves start in `items`, and how many it has in all (a
    // repeated token reuses them).
    let mut halves_at: Vec<(usize, std::ops::Range<usize>, usize)> = Vec::new();
    for (i, t) in infos.iter().enumerate() {
        if !splittable(t) {
            continue;
        }
        if let Some((range, all)) = halves_at
            .iter()
            .find(|(j, ..)| infos.get(*j) == Some(t))
            .map(|(_, r, all)| (r.clone(), *all))
        {
            counted += all;
            let copies: Vec<QueryItem> = items
                .get(range)
                .unwrap_or_default()
                .iter()
                .map(|it| QueryItem {
                    start: i,
                    ..it.clone()
                })
                .collect();
            items.extend(copies);
            continue;
        }
        let from = items.len();
        let all = 2 * (t.text.len() + 1).saturating_sub(2 * SPLIT_MIN_PART);
        prepared += all;
        if prepared > max_items {
            return None;
        }
        counted += all;
        for cut in SPLIT_MIN_PART..=t.text.len() - SPLIT_MIN_PART {
            let (a, b) = t.text.split_at(cut);
            if !(known_half(a, &phonetic::key(a)) && known_half(b, &phonetic::key(b))) {
                continue;
            }
            for (first, part) in [(true, a), (false, b)] {
                let mut info = TokInfo::new(&plain_token(part.to_string(), t.script, None), 0);
                let share = part.len() as f64 / t.text.len() as f64;
                info.weight = t.weight * share;
                info.full_weight = t.full_weight * share;
                items.push(QueryItem {
                    start: i,
                    len: 1,
                    info,
                    kind: ItemKind::SplitPart { first },
                    glue_exact: false,
                });
            }
        }
        halves_at.push((i, from..items.len(), all));
    }
    Some((items, counted))
}

/// Similarity of a query item with a list token (split halves use [`part_similarity`]).
pub fn item_similarity(item: &QueryItem, l: &TokInfo) -> Option<(f64, Method)> {
    match item.kind {
        ItemKind::Whole if item.len > 1 && item.glue_exact => {
            (item.info.text == l.text).then_some((1.0, Method::Exact))
        }
        ItemKind::Whole if item.len > 1 => similarity(&item.info, l, false),
        ItemKind::Whole => pair_similarity(&item.info, l),
        ItemKind::SplitPart { .. } => part_similarity(&item.info, l),
    }
}

/// One aligned pair in a scored name.
#[derive(Debug, Clone, PartialEq)]
pub struct Pair {
    /// Query token positions covered.
    pub query: Vec<usize>,
    /// List token positions covered.
    pub list: Vec<usize>,
    /// Similarity.
    pub sim: f64,
    /// How it matched.
    pub method: Method,
}

/// The score of one listed name against the query, with its alignment.
#[derive(Debug, Clone, PartialEq)]
pub struct NameScore {
    /// Final name score in 0..1 (before secondary evidence).
    pub score: f64,
    /// Matched share of the query weight.
    pub query_coverage: f64,
    /// Matched share of the list name weight.
    pub list_coverage: f64,
    /// Aligned pairs.
    pub pairs: Vec<Pair>,
    /// Query token positions left unmatched (with non-zero weight).
    pub unmatched_query: Vec<usize>,
    /// List token positions left unmatched (with non-zero weight).
    pub unmatched_list: Vec<usize>,
    /// Token positions ignored because they weigh 0 (titles against a person): (query?, pos).
    pub ignored: Vec<(bool, usize)>,
    /// True when the score was set to 0 because only weak tokens matched.
    pub weak_only: bool,
    /// True when the names' `X bin Y` links are reversed (father and son swapped): the
    /// score was multiplied by [`NASAB_REVERSAL_FACTOR`].
    pub nasab_reversed: bool,
    /// True when the names carry unmatched legal forms of different natures: the score was
    /// multiplied by [`LEGAL_CONFLICT_FACTOR`].
    pub legal_conflict: bool,
    /// True when each name has an initial the other does not match (`William G. Frost`
    /// against `William W. Frost`): the score was multiplied by [`INITIAL_CONFLICT_FACTOR`].
    pub initial_conflict: bool,
}

/// True when `pos` is a middle position of a name of `n` tokens.
pub fn is_middle(pos: usize, n: usize) -> bool {
    n >= 3 && pos > 0 && pos + 1 < n
}

/// Lowest cost factor an unmatched query token can get, wherever it stands (used by the
/// index's bounds): an omitted word ([`OMISSION_EXTRA_FACTOR`]) may stand at either end, so
/// the bound no longer depends on the position.
pub const MIN_UNMATCHED_FACTOR: f64 = if OMISSION_EXTRA_FACTOR < MIDDLE_EXTRA_FACTOR {
    OMISSION_EXTRA_FACTOR
} else {
    MIDDLE_EXTRA_FACTOR
};

/// Cost of the unmatched tokens of one name: full weight at either end; in the middle,
/// the heaviest one at [`MIDDLE_FACTOR`] and every other one at [`MIDDLE_EXTRA_FACTOR`]
/// (a name is identified by its first and last words; omitting several middle names or
/// patronymics is barely more telling than omitting one).
fn unmatched_cost(costs: &[(usize, f64)], n: usize) -> f64 {
    unmatched_cost_with_conflicts(costs, n, 0)
}

/// [`unmatched_cost`] where the `conflicts` heaviest middle tokens cost their full weight:
/// a middle word present on both sides but different (another father's or grandfather's
/// name) is evidence of another person, not an omission.
fn unmatched_cost_with_conflicts(costs: &[(usize, f64)], n: usize, conflicts: usize) -> f64 {
    if costs.is_empty() {
        return 0.0;
    }
    let mut edge = 0.0;
    let mut middle: Vec<f64> = Vec::new();
    for &(pos, w) in costs {
        if is_middle(pos, n) {
            middle.push(w);
        } else {
            edge += w;
        }
    }
    crate::sort::sort_by(&mut middle, |a, b| b.total_cmp(a));
    let mid: f64 = middle
        .iter()
        .enumerate()
        .map(|(k, w)| {
            w * if k < conflicts {
                1.0
            } else if k == conflicts {
                MIDDLE_FACTOR
            } else {
                MIDDLE_EXTRA_FACTOR
            }
        })
        .sum();
    edge + mid
}

/// Cost of tokens one name has beyond the other when the other is matched in full: the
/// heaviest at [`OMISSION_FACTOR`], every other one at [`OMISSION_EXTRA_FACTOR`], wherever
/// they stand (never more than the positional cost).
fn omission_cost(costs: &[(usize, f64)], n: usize) -> f64 {
    let mut ws: Vec<f64> = costs.iter().map(|&(_, w)| w).collect();
    crate::sort::sort_by(&mut ws, |a, b| b.total_cmp(a));
    let omitted: f64 = ws
        .iter()
        .enumerate()
        .map(|(k, w)| {
            w * if k == 0 {
                OMISSION_FACTOR
            } else {
                OMISSION_EXTRA_FACTOR
            }
        })
        .sum();
    omitted.min(unmatched_cost(costs, n))
}

/// The least the unmatched tokens `costs` (position, full weight) of a name of `n`
/// tokens can cost, whatever else goes unmatched and whichever rule prices them
/// (omission or position; conflicts only add): the index's list-coverage bound.
pub fn min_unmatched_cost(costs: &[(usize, f64)], n: usize) -> f64 {
    omission_cost(costs, n)
}

/// Scores one listed name.
///
/// `sims[item * nl + j]` must hold `item_similarity(items[item], list[j])` for every
/// item and list token (callers fill it from a cache or directly).
pub fn score_name(
    items: &[QueryItem],
    n_query_tokens: usize,
    list: &[&TokInfo],
    sims: &[Option<(f64, Method)>],
    candidate: EntityType,
) -> NameScore {
    let nl = list.len();
    let wq: Vec<f64> = (0..n_query_tokens)
        .map(|i| {
            items
                .get(i)
                .map_or(0.0, |it| it.info.effective_weight(candidate))
        })
        .collect();
    let wl: Vec<f64> = list.iter().map(|t| t.effective_weight(candidate)).collect();
    // Costs of unmatched tokens: full weights (no rarity discount).
    let fq: Vec<f64> = (0..n_query_tokens)
        .map(|i| {
            items
                .get(i)
                .map_or(0.0, |it| it.info.effective_full_weight(candidate))
        })
        .collect();
    let fl: Vec<f64> = list
        .iter()
        .map(|t| t.effective_full_weight(candidate))
        .collect();
    let total_q: f64 = wq.iter().sum();
    let sim_at = |ii: usize, j: usize| sims.get(ii * nl + j).copied().flatten();

    // Every (item, target) option with its similarity.
    struct Opt {
        start: usize,
        len: usize,
        target: Vec<usize>,
        sim: f64,
        method: Method,
        value: f64,
    }
    let mut opts: Vec<Opt> = Vec::new();
    for (ii, item) in items.iter().enumerate() {
        if item.start + item.len > n_query_tokens {
            continue;
        }
        let item_w: f64 = wq[item.start..item.start + item.len].iter().sum();
        match item.kind {
            ItemKind::Whole => {
                for (j, &wlj) in wl.iter().enumerate() {
                    if let Some((s, m)) = sim_at(ii, j) {
                        // Given-name forms relate people only (a vessel or a company
                        // named `Ivan` is not one named `John`): elsewhere the pair keeps
                        // what its spellings say (`Julia` ~ `Yulia` by edit distance).
                        let (s, m) = if m == Method::Nickname && candidate != EntityType::Person {
                            match list
                                .get(j)
                                .and_then(|l| spelling_similarity(&item.info, l, item.len == 1))
                            {
                                Some(sm) => sm,
                                None => continue,
                            }
                        } else {
                            (s, m)
                        };
                        let method = if item.len > 1 { Method::Glued } else { m };
                        opts.push(Opt {
                            start: item.start,
                            len: item.len,
                            target: vec![j],
                            sim: s,
                            method,
                            value: s * (item_w + wlj),
                        });
                    }
                }
                // List-side glue: 2-3 adjacent list tokens whose concatenation equals the
                // query token, or whose keys put end to end equal its key.
                if item.len == 1 && glueable(&item.info) {
                    for len in 2..=3usize {
                        for start in 0..nl.saturating_sub(len - 1) {
                            let parts = &list[start..start + len];
                            let Some(sim) = list_glue_similarity(&item.info, parts) else {
                                continue;
                            };
                            let lw: f64 = wl[start..start + len].iter().sum();
                            opts.push(Opt {
                                start: item.start,
                                len: 1,
                                target: (start..start + len).collect(),
                                sim,
                                method: Method::Glued,
                                value: sim * (item_w + lw),
                            });
                        }
                    }
                }
            }
            ItemKind::SplitPart { first: true } => {
                // The second half is the next item; the halves meet two different tokens.
                let Some(second) = items.get(ii + 1) else {
                    continue;
                };
                let (la, lb) = (item.info.len as f64, second.info.len as f64);
                for j1 in 0..nl {
                    let Some((s1, _)) = sim_at(ii, j1) else {
                        continue;
                    };
                    for j2 in 0..nl {
                        if j2 == j1 {
                            continue;
                        }
                        let Some((s2, _)) = sim_at(ii + 1, j2) else {
                            continue;
                        };
                        let s = (s1 * la + s2 * lb) / (la + lb);
                        let mut target = vec![j1, j2];
                        crate::sort::sort_plain(&mut target);
                        opts.push(Opt {
                            start: item.start,
                            len: 1,
                            target,
                            sim: s,
                            method: Method::Glued,
                            value: s * (item_w + wl[j1] + wl[j2]),
                        });
                    }
                }
            }
            ItemKind::SplitPart { first: false } => {}
        }
    }

    // List tokens that take part in some option: the assignment only ranges over these.
    let mut relevant: Vec<usize> = opts.iter().flat_map(|o| o.target.iter().copied()).collect();
    crate::sort::sort_plain(&mut relevant);
    relevant.dedup();
    let bit_of = |j: usize| {
        relevant
            .iter()
            .position(|&r| r == j)
            .map(|p| 1u32 << p)
            .unwrap_or(0)
    };
    let opt_mask = |o: &Opt| o.target.iter().fold(0u32, |m, &j| m | bit_of(j));

    let chosen: Vec<usize> = if relevant.len() <= DP_MAX_TOKENS {
        // DP over query positions with a mask of used list tokens.
        let width = 1usize << relevant.len();
        let np = n_query_tokens;
        let neg = f64::NEG_INFINITY;
        let mut best = vec![neg; (np + 1) * width];
        // back[p*width+mask] = (prev_mask, option index or usize::MAX for skip)
        let mut back: Vec<(u32, usize)> = vec![(0, usize::MAX); (np + 1) * width];
        best[0] = 0.0;
        let mut by_start: Vec<Vec<usize>> = vec![Vec::new(); np];
        for (oi, o) in opts.iter().enumerate() {
            if let Some(v) = by_start.get_mut(o.start) {
                v.push(oi);
            }
        }
        let masks: Vec<u32> = opts.iter().map(opt_mask).collect();
        for p in 0..np {
            for mask in 0..width {
                let cur = best[p * width + mask];
                if cur == neg {
                    continue;
                }
                let idx = (p + 1) * width + mask;
                if cur > best[idx] {
                    best[idx] = cur;
                    back[idx] = (mask as u32, usize::MAX);
                }
                for &oi in &by_start[p] {
                    let m = masks[oi];
                    if (mask as u32) & m != 0 {
                        continue;
                    }
                    let np2 = p + opts[oi].len;
                    if np2 > np {
                        continue;
                    }
                    let idx = np2 * width + (mask | m as usize);
                    let v = cur + opts[oi].value;
                    if v > best[idx] {
                        best[idx] = v;
                        back[idx] = (mask as u32, oi);
                    }
                }
            }
        }
        // Best final state (lowest mask on ties: deterministic).
        let mut end_mask = 0usize;
        let mut end_val = neg;
        for mask in 0..width {
            let v = best[np * width + mask];
            if v > end_val {
                end_val = v;
                end_mask = mask;
            }
        }
        let mut chosen = Vec::new();
        let (mut p, mut mask) = (np, end_mask);
        while p > 0 {
            let (prev_mask, oi) = back[p * width + mask];
            if oi == usize::MAX {
                p -= 1;
            } else {
                chosen.push(oi);
                p -= opts[oi].len;
            }
            mask = prev_mask as usize;
        }
        chosen.reverse();
        chosen
    } else {
        // Greedy by value, ties by query then list position.
        let mut order: Vec<usize> = (0..opts.len()).collect();
        crate::sort::sort_by(&mut order, |&a, &b| {
            opts[b]
                .value
                .partial_cmp(&opts[a].value)
                .unwrap_or(std::cmp::Ordering::Equal)
                .then(opts[a].start.cmp(&opts[b].start))
                .then(opts[a].target.cmp(&opts[b].target))
        });
        let mut used_q = vec![false; n_query_tokens];
        let mut used_l = vec![false; nl];
        let mut chosen = Vec::new();
        for oi in order {
            let o = &opts[oi];
            let qs = o.start..o.start + o.len;
            if qs.clone().any(|i| used_q.get(i).copied().unwrap_or(true))
                || o.target
                    .iter()
                    .any(|&j| used_l.get(j).copied().unwrap_or(true))
            {
                continue;
            }
            qs.for_each(|i| used_q[i] = true);
            o.target.iter().for_each(|&j| used_l[j] = true);
            chosen.push(oi);
        }
        crate::sort::sort_by_key(&mut chosen, |&oi| opts[oi].start);
        chosen
    };

    let mut matched_q = vec![false; n_query_tokens];
    let mut matched_l = vec![false; nl];
    let mut pairs = Vec::with_capacity(chosen.len());
    let mut num_q = 0.0;
    let mut den_q_matched = 0.0;
    let mut num_l = 0.0;
    let mut distinctive_matched = false;
    for &oi in &chosen {
        let o = &opts[oi];
        let qpos: Vec<usize> = (o.start..o.start + o.len).collect();
        for &i in &qpos {
            matched_q[i] = true;
            num_q += o.sim * wq[i];
            den_q_matched += wq[i];
            if items[i].info.is_distinctive(candidate) {
                distinctive_matched = true;
            }
        }
        for &j in &o.target {
            matched_l[j] = true;
            // The similarity counts once, in cq; cl measures how much of the name is covered.
            num_l += wl[j];
            if list[j].is_distinctive(candidate) {
                distinctive_matched = true;
            }
        }
        pairs.push(Pair {
            query: qpos,
            list: o.target.clone(),
            sim: o.sim,
            method: o.method,
        });
    }
    let mut costs_l: Vec<(usize, f64)> = Vec::new();
    let mut unmatched_list = Vec::new();
    let mut ignored = Vec::new();
    for j in 0..nl {
        if matched_l[j] {
            continue;
        }
        if fl[j] == 0.0 {
            ignored.push((false, j));
            continue;
        }
        costs_l.push((j, fl[j]));
        unmatched_list.push(j);
    }
    let mut costs_q: Vec<(usize, f64)> = Vec::new();
    let mut unmatched_query = Vec::new();
    for i in 0..n_query_tokens {
        if matched_q[i] {
            continue;
        }
        if fq[i] == 0.0 {
            ignored.push((true, i));
        } else {
            costs_q.push((i, fq[i]));
            unmatched_query.push(i);
        }
    }
    // The listed name fully matched and identifying on its own (two distinctive words or
    // more): the query's extra words are omissions by the list (added father's and
    // grandfather's names, clan names), not conflicts, and cost less. The other way round
    // keeps the positional costs: a query missing a listed person's first or last name
    // (`Erik Flores` against `Carlos Erik MALPICA FLORES`) is weak evidence.
    let distinctive_l = (0..nl)
        .filter(|&j| matched_l[j] && wl[j] > 0.0 && list[j].is_distinctive(candidate))
        .count();
    let list_omits = costs_l.is_empty() && distinctive_l >= OMISSION_MIN_MATCHED;
    // Unmatched middle words on both sides face each other: conflicts, at full cost.
    let middles_q = costs_q
        .iter()
        .filter(|&&(i, _)| is_middle(i, n_query_tokens) && items[i].info.can_conflict(candidate))
        .count();
    let middles_l = costs_l
        .iter()
        .filter(|&&(j, _)| is_middle(j, nl) && list[j].can_conflict(candidate))
        .count();
    let conflicts = middles_q.min(middles_l);
    let cost_q = if list_omits {
        omission_cost(&costs_q, n_query_tokens)
    } else {
        unmatched_cost_with_conflicts(&costs_q, n_query_tokens, conflicts)
    };
    // The query fully matched (two distinctive words or more) and the listed name's only
    // extra words a nasab chain (`bin Muhammad ibn Awad`): the query shortened the
    // genealogy, as Arabic names usually are, which is an omission, not a conflict.
    let distinctive_q = (0..n_query_tokens)
        .filter(|&i| matched_q[i] && wq[i] > 0.0 && items[i].info.is_distinctive(candidate))
        .count();
    let is_bin =
        |t: &TokInfo| t.class == TokenClass::Particle && matches!(t.text.as_str(), "bin" | "bint");
    // The listed name's last word (the family name, `bin Ladin`) is never an omission.
    let in_nasab = |j: usize| {
        j + 1 < nl
            && (list.get(j).is_some_and(|t| is_bin(t))
                || j.checked_sub(1)
                    .and_then(|p| list.get(p))
                    .is_some_and(|t| is_bin(t)))
    };
    let query_omits = costs_q.is_empty()
        && distinctive_q >= OMISSION_MIN_MATCHED
        && !costs_l.is_empty()
        && costs_l.iter().all(|&(j, _)| in_nasab(j));
    let cost_l = if query_omits {
        omission_cost(&costs_l, nl)
    } else {
        unmatched_cost_with_conflicts(&costs_l, nl, conflicts)
    };
    let den_q = den_q_matched + cost_q;
    let cq = if den_q > 0.0 { num_q / den_q } else { 0.0 };
    let den_l = num_l + cost_l;
    let cl = if den_l > 0.0 { num_l / den_l } else { 0.0 };
    // Weak tokens alone never make a match, unless neither name has anything else
    // (`AT&T Inc.`).
    let any_distinctive = (0..n_query_tokens)
        .any(|i| wq[i] > 0.0 && items[i].info.is_distinctive(candidate))
        || list.iter().any(|t| t.is_distinctive(candidate));
    let weak_only = !pairs.is_empty() && !distinctive_matched && any_distinctive;
    let nasab_reversed = nasab_reversed(items, n_query_tokens, list, &pairs);
    // Unmatched legal forms of different natures on the two sides.
    let family_of = |t: &TokInfo| {
        (t.class == TokenClass::LegalForm)
            .then(|| normalize::legal_family(&t.text))
            .flatten()
    };
    let query_families: Vec<normalize::LegalFamily> = unmatched_query
        .iter()
        .filter_map(|&i| items.get(i).and_then(|it| family_of(&it.info)))
        .collect();
    let legal_conflict = !query_families.is_empty()
        && unmatched_list
            .iter()
            .filter_map(|&j| list.get(j).and_then(|t| family_of(t)))
            .any(|f| !query_families.contains(&f));
    let is_initial = |t: &TokInfo| t.class == TokenClass::Initial;
    let initial_conflict = unmatched_query
        .iter()
        .any(|&i| items.get(i).is_some_and(|it| is_initial(&it.info)))
        && unmatched_list
            .iter()
            .any(|&j| list.get(j).is_some_and(|t| is_initial(t)));
    let score = if weak_only || total_q <= 0.0 {
        0.0
    } else {
        let mut s = cq * (ALPHA + (1.0 - ALPHA) * cl);
        if nasab_reversed {
            s *= NASAB_REVERSAL_FACTOR;
        }
        if legal_conflict {
            s *= LEGAL_CONFLICT_FACTOR;
        }
        if initial_conflict {
            s *= INITIAL_CONFLICT_FACTOR;
        }
        s
    };
    NameScore {
        score,
        query_coverage: cq,
        list_coverage: cl,
        pairs,
        unmatched_query,
        unmatched_list,
        ignored,
        weak_only,
        nasab_reversed,
        legal_conflict,
        initial_conflict,
    }
}

/// True when both names hold an `X bin Y` ("X son of Y") link and the alignment pairs the
/// query's son with the list's father and the query's father with the list's son:
/// `SALMAN BIN MUHAMMAD` against `MUHAMMAD BIN SALMAN` names the father of the listed
/// person (or his son), not him. Token order is otherwise ignored; this one relation is
/// what the order of an Arabic nasab asserts.
fn nasab_reversed(items: &[QueryItem], nq: usize, list: &[&TokInfo], pairs: &[Pair]) -> bool {
    let is_bin = |t: &TokInfo| t.class == TokenClass::Particle && t.text == "bin";
    // Query position -> list position, for one-to-one pairs.
    let mut to_list: Vec<Option<usize>> = vec![None; nq];
    for p in pairs {
        if let ([q], [l]) = (p.query.as_slice(), p.list.as_slice()) {
            if let Some(slot) = to_list.get_mut(*q) {
                *slot = Some(*l);
            }
        }
    }
    let query_bins =
        (1..nq.saturating_sub(1)).filter(|&i| items.get(i).is_some_and(|it| is_bin(&it.info)));
    for b in query_bins {
        let (Some(son), Some(father)) = (to_list[b - 1], to_list[b + 1]) else {
            continue;
        };
        // The query's son sits right after a listed `bin`, its father right before it.
        if son >= 2 && father + 2 == son && list.get(father + 1).is_some_and(|t| is_bin(t)) {
            return true;
        }
    }
    false
}

/// Similarity of a (glueable) query token and 2-3 adjacent list tokens `parts` glued
/// together: 1 when their texts concatenated spell it, [`SIM_KEY`] when their keys end to
/// end equal its key (a long alphabetic word against alphabetic parts one of which is
/// short), else `None`.
pub fn list_glue_similarity(q: &TokInfo, parts: &[&TokInfo]) -> Option<f64> {
    // Either way the first part starts the query token (its text, or its key).
    let first = parts.first()?;
    if !q.text.starts_with(first.text.as_str()) && !q.key.starts_with(&first.key) {
        return None;
    }
    if !parts.iter().all(|p| glueable(p)) {
        return None;
    }
    if concat_equals(parts, &q.text) {
        Some(1.0)
    } else if q.is_alpha()
        // One Han syllable is one list token, or two only spelled exactly (`xian` =
        // `xi an`), never by key.
        && q.script != Script::Han
        && q.len > 3
        && parts.iter().all(|p| p.is_alpha())
        && parts.iter().any(|p| short_part(p))
        && glue_key_equals(parts, &q.key)
    {
        Some(SIM_KEY)
    } else {
        None
    }
}

/// True when the phonetic keys of `parts` put end to end (a class repeated across the
/// joint counts once) equal `key`. Each part's key is a prefix of that concatenation, which
/// is what lets the index find such names by looking up the prefixes of a query token's
/// key. No allocation: screening checks it for many candidate names.
fn glue_key_equals(parts: &[&TokInfo], key: &[u8]) -> bool {
    keys_glue_to(parts.iter().map(|p| p.key.as_slice()), key)
}

/// [`glue_key_equals`] on bare keys: the index checks its stored keys with it before
/// preparing any token.
pub fn keys_glue_to<'a>(keys: impl IntoIterator<Item = &'a [u8]>, key: &[u8]) -> bool {
    let mut pos = 0;
    let mut last: Option<u8> = None;
    for k in keys {
        for (i, &c) in k.iter().enumerate() {
            if i == 0 && last == Some(c) {
                continue;
            }
            if key.get(pos) != Some(&c) {
                return false;
            }
            pos += 1;
            last = Some(c);
        }
    }
    pos == key.len()
}

/// True when `texts` put end to end spell `text`.
pub fn texts_glue_to<'a>(texts: impl IntoIterator<Item = &'a [u8]>, text: &[u8]) -> bool {
    let mut rest = text;
    for t in texts {
        match rest.strip_prefix(t) {
            Some(r) => rest = r,
            None => return false,
        }
    }
    rest.is_empty()
}

fn concat_equals(parts: &[&TokInfo], text: &str) -> bool {
    texts_glue_to(parts.iter().map(|p| p.text.as_bytes()), text.as_bytes())
}

/// Scores a query against one name directly (no index): the reference the index is
/// tested against, and the scorer of the evaluation's exhaustive baseline.
pub fn score_direct(
    items: &[QueryItem],
    n_query_tokens: usize,
    list: &[&TokInfo],
    candidate: EntityType,
) -> NameScore {
    let nl = list.len();
    let mut sims = Vec::with_capacity(items.len() * nl);
    for it in items {
        for l in list {
            sims.push(item_similarity(it, l));
        }
    }
    score_name(items, n_query_tokens, list, &sims, candidate)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::screen::normalize::normalize_name;

    fn infos(s: &str) -> (Vec<Token>, Vec<TokInfo>) {
        let toks = normalize_name(s, None);
        let infos = toks.iter().map(|t| TokInfo::new(t, 1)).collect();
        (toks, infos)
    }

    fn score(q: &str, l: &str, ty: EntityType) -> f64 {
        let (qt, qi) = infos(q);
        let (_, li) = infos(l);
        let (items, _) =
            query_items(&qt, &qi, usize::MAX, |_| true, |_, _| true).unwrap_or_default();
        let refs: Vec<&TokInfo> = li.iter().collect();
        score_direct(&items, qt.len(), &refs, ty).score
    }

    fn p(q: &str, l: &str) -> f64 {
        score(q, l, EntityType::Person)
    }

    #[test]
    fn extra_query_words_are_omissions_when_the_listed_name_is_matched_in_full() {
        // A query holding the whole listed name plus a father's and grandfather's name.
        let added = p("FAZL RABI ABDUL HAMID", "FAZL RABI");
        assert!(added >= 0.74, "{added}");
        // The same extra words with only one listed word matched are not omissions.
        assert!(p("FAZL KARIM ABDUL HAMID", "FAZL RABI") < 0.6);
        // A single listed word matched identifies nobody: no omission discount.
        assert!(p("Grisha Ivanov Petrov", "Grisha") < 0.6);
    }

    #[test]
    fn a_different_middle_name_is_a_conflict_not_an_omission() {
        let omitted = p(
            "ABDUL GHANI BARADAR ABDUL TURK",
            "ABDUL GHANI BARADAR ABDUL AHMAD TURK",
        );
        let swapped = p(
            "ABDUL GHANI BARADAR ABDUL HASIB TURK",
            "ABDUL GHANI BARADAR ABDUL AHMAD TURK",
        );
        assert!(swapped < omitted, "{swapped} {omitted}");
        assert!(swapped < 0.83, "{swapped}");
    }

    #[test]
    fn two_edits_in_words_that_begin_alike() {
        // 5+ letters, same first letter: two edits still match (1 - 2/7).
        let s = fuzzy_similarity("schulze", "scholz");
        // 1 - 2/7, then Winkler's prefix rule for the shared `sch`: + 0.3 x 2/7.
        assert!((s - 0.8).abs() < 1e-9, "{s}");
        // No shared prefix, no boost.
        assert!((fuzzy_similarity("kassim", "qassim") - (1.0 - 1.0 / 6.0)).abs() < 1e-9);
        assert!(fuzzy_similarity("sechev", "sechin") > 0.0);
        // A different first letter keeps the general floor.
        assert_eq!(fuzzy_similarity("kcholze", "scholz"), 0.0);
        // Every accepted pair is within the index's enumeration bounds.
        for (a, b) in [
            ("schulze", "scholz"),
            ("milei", "mihel"),
            ("abcdefgh", "abcdefxy"),
        ] {
            if fuzzy_similarity(a, b) > 0.0 {
                let (lo, hi, k) = fuzzy_bounds(a.len());
                assert!(lo <= b.len() && b.len() <= hi);
                assert!(strsim::osa_distance(a, b) <= k);
                let same = a.as_bytes()[0] == b.as_bytes()[0];
                assert!(fuzzy_edits(a.len(), b.len(), same)
                    .is_some_and(|k| strsim::osa_distance(a, b) <= k));
            }
        }
    }

    /// `fuzzy_edits` is exactly the edit budget of `fuzzy_similarity`: over every pair of
    /// words of 1 to 7 letters from a 3-letter alphabet (and longer copies of them),
    /// `fuzzy_similarity` accepts a pair if and only if its distance is within the budget
    /// `fuzzy_edits` gives its lengths and first letters. The index walks with these budgets.
    #[test]
    fn fuzzy_edits_is_the_budget_of_fuzzy_similarity() {
        let all: Vec<String> = crate::screen::testing::every_word(b"abc", 7)
            .into_iter()
            .map(|w| String::from_utf8_lossy(&w).into_owned())
            .collect();
        // Longer words (8 to 12 letters), where two edits pass the general floor too.
        let long: Vec<String> = all
            .iter()
            .filter(|w| w.len() >= 5)
            .step_by(7)
            .map(|w| format!("{w}dcbda")[..w.len() + 5].to_string())
            .collect();
        let check = |a: &str, b: &str| {
            let same = a.as_bytes().first() == b.as_bytes().first();
            let accepted = fuzzy_similarity(a, b) > 0.0;
            let within = fuzzy_edits(a.len(), b.len(), same)
                .is_some_and(|k| strsim::osa_distance(a, b) <= k);
            assert_eq!(accepted, within, "{a} / {b}");
        };
        for (i, a) in all.iter().enumerate().step_by(3) {
            for b in all.iter().skip(i % 5).step_by(5) {
                check(a, b);
            }
        }
        for a in &long {
            for b in &long {
                check(a, b);
            }
        }
    }

    #[test]
    fn sound_alike_words_must_also_look_alike() {
        let (_, a) = infos("setty");
        let (_, b) = infos("saeedi");
        assert_eq!(pair_similarity(&a[0], &b[0]), None);
        let (_, c) = infos("cooper");
        let (_, d) = infos("kabir");
        assert_eq!(pair_similarity(&c[0], &d[0]), None);
        // Real spelling variants keep matching.
        assert!(p("Muammar Gaddafi", "Muammar Qadhafi") >= 0.9);
        assert!(p("Yusuf", "Youssef") >= 0.85);
    }

    #[test]
    fn a_reversed_nasab_is_father_and_son_not_the_same_person() {
        let reversed = p("SALMAN BIN MUHAMMAD AL-RAWI", "MUHAMMAD BIN SALMAN AL-RAWI");
        assert!(reversed < 0.83, "{reversed}");
        assert_eq!(
            p("MUHAMMAD BIN SALMAN AL-RAWI", "MUHAMMAD BIN SALMAN AL-RAWI"),
            1.0
        );
        // Without the particle, order still does not matter.
        assert_eq!(p("SALMAN MUHAMMAD", "MUHAMMAD SALMAN"), 1.0);
    }

    #[test]
    fn legal_forms_of_one_nature_meet_and_of_two_natures_conflict() {
        let o = |q: &str, l: &str| score(q, l, EntityType::Organization);
        // OAO (open joint-stock) and JSC: the same company re-registered.
        assert!(o("OAO Gazprom", "Gazprom JSC") > o("OAO Gazprom", "Gazprom"));
        // AG and GmbH: two legal persons of one group.
        assert!(o("Deutsche Bank AG", "Deutsche Bank GmbH") < 0.83);
        // Forms of no fixed nature (Ltd) never conflict.
        assert!(o("Acme Trading Ltd", "Acme Trading LLC") >= 0.83);
    }

    #[test]
    fn exact_and_order_independent() {
        assert_eq!(p("Vladimir Putin", "Vladimir Putin"), 1.0);
        assert_eq!(p("Putin Vladimir", "Vladimir Putin"), 1.0);
        assert_eq!(p("QADHAFI, Muammar", "Muammar Qadhafi"), 1.0);
        assert_eq!(p("a b c d", "d c b a"), p("d c b a", "a b c d"));
    }

    #[test]
    fn transliteration_variants() {
        assert!(p("Muammar Gaddafi", "Muammar Qadhafi") >= 0.9);
        assert!(p("Osama bin Laden", "Usama bin Ladin") >= 0.9);
        assert!(p("Mohammed Yousef", "Muhammad Yusuf") >= 0.9);
    }

    #[test]
    fn short_tokens_match_exactly_or_by_key_only() {
        // "kim" vs "kin": one letter apart but short, so no match.
        let (_, a) = infos("kim");
        let (_, b) = infos("kin");
        assert_eq!(pair_similarity(&a[0], &b[0]), None);
        let (_, c) = infos("gim");
        assert_eq!(
            pair_similarity(&a[0], &c[0]).map(|x| x.1),
            Some(Method::Phonetic)
        );
    }

    #[test]
    fn initials() {
        let (_, a) = infos("j");
        let (_, b) = infos("joachim");
        assert_eq!(
            pair_similarity(&a[0], &b[0]),
            Some((SIM_INITIAL, Method::Initial))
        );
        let (_, c) = infos("o");
        assert_eq!(pair_similarity(&c[0], &b[0]), None);
        assert!(
            p("Hans J Friedrich", "Hans Joachim Friedrich")
                > p("Hans O Friedrich", "Hans Joachim Friedrich")
        );
    }

    #[test]
    fn legal_forms_never_match_alone() {
        let org = EntityType::Organization;
        assert_eq!(score("LLC", "EMMA LLC", org), 0.0);
        assert_eq!(score("Acme Trading LLC", "Zenith Trading LLC", org), 0.0);
        assert!(score("emma daniels", "EMMA LLC", org) < 0.5);
        assert!(score("11420 CORP", "CORP", org) < 0.5);
        assert!(score("Gazprom JSC", "OAO Gazprom", org) > 0.9);
    }

    #[test]
    fn glued_tokens() {
        let org = EntityType::Organization;
        assert!(score("JSC ARGUMENT", "JSCARGUMENT", org) > 0.95);
        assert!(score("JSCARGUMENT", "JSC ARGUMENT", org) > 0.95);
        assert!(p("Kim Jong Un", "Kim Jongun") > 0.95);
    }

    #[test]
    fn honorifics_ignored_for_people() {
        assert_eq!(p("Dr. Ayman al-Zawahiri", "Ayman al-Zawahiri"), 1.0);
        assert_eq!(
            p(
                "Sheikh Isa Bin Tarif Al Bin Ali",
                "Isa Bin Tarif Al Bin Ali"
            ),
            1.0
        );
        assert!(score("General Electric", "Electric", EntityType::Organization) < 0.8);
    }

    #[test]
    fn omitted_middle_names_and_patronymics_cost_little() {
        assert!(p("Vladimir Vladimirovich Putin", "Vladimir Putin") >= 0.82);
        assert!(p("Vladimir Putin", "Vladimir Vladimirovich Putin") >= 0.82);
        assert!(p("Ali Al-Tikriti", "Ali Barzan Ibrahim Hasan Al-Tikriti") >= 0.82);
        // A missing surname is not a missing middle name.
        assert!(p("Richard Lee", "Richard Yue") < 0.7);
    }

    #[test]
    fn sound_alike_syllables_need_the_same_vowels() {
        assert!(p("Hong Dang", "Heng Tong") < 0.82);
        assert!(p("Katie Wood", "Qado Waad") < 0.82);
        assert!(p("Chi Vu", "Zhao Wei") < 0.82);
        // Korean romanisations of the same syllables still meet.
        assert!(p("김정은", "Kim Jong Un") >= 0.82);
        assert!(p("Kim Chong Un", "Kim Jong Un") >= 0.82);
    }

    fn sim(a: &str, b: &str) -> Option<(f64, Method)> {
        let (_, x) = infos(a);
        let (_, y) = infos(b);
        pair_similarity(&x[0], &y[0])
    }

    #[test]
    fn doubled_letters_are_the_same_spelling() {
        assert_eq!(sim("hassan", "hasan"), Some((SIM_DOUBLED, Method::Doubled)));
        assert_eq!(sim("joonng", "jong"), Some((SIM_DOUBLED, Method::Doubled)));
        // A long word with one doubled letter: edit distance with Winkler's prefix rule
        // says more (1 - 1/8 + 0.4 x 1/8 = 0.925).
        assert_eq!(sim("mohammed", "mohamed"), Some((0.925, Method::Fuzzy)));
        // Short words too, at the short-key level (the vowel and length rules would
        // reject them: `oo`, `ee` spell other vowels in Korean romanisation).
        assert_eq!(sim("uun", "un"), Some((SIM_KEY_SHORT, Method::Doubled)));
        assert_eq!(sim("alli", "ali"), Some((SIM_KEY_SHORT, Method::Doubled)));
        assert_eq!(sim("lii", "li"), Some((SIM_KEY_SHORT, Method::Doubled)));
        // Symmetric.
        assert_eq!(sim("li", "lii"), sim("lii", "li"));
        // A doubled initial is no word; Roman numerals count their letters.
        assert_eq!(sim("jj", "j"), Some((SIM_INITIAL, Method::Initial)));
        assert_eq!(sim("vii", "viii"), None);
        assert_eq!(sim("xi", "xii"), None);
        // Acronyms are read letter by letter (the older short-key rule may still relate
        // them, not this one).
        for (a, b) in [("ipcc", "ipc"), ("mmb", "mb"), ("dmcc", "dmc")] {
            assert_ne!(sim(a, b).map(|x| x.1), Some(Method::Doubled), "{a} {b}");
        }
        // Different letters are not doubled ones.
        assert_eq!(sim("kim", "kimm").map(|x| x.1), Some(Method::Doubled));
        assert_eq!(sim("kim", "kin"), None);
        // Whole names.
        assert!(p("Kim Joonng-un", "Kim Jong-un") >= 0.9);
        assert!(p("Kim Jong-uun", "Kim Jong-un") >= 0.83);
        assert!(p("Li Lii", "Li Li") >= 0.83);
    }

    #[test]
    fn given_name_equivalents() {
        assert_eq!(
            sim("bill", "william"),
            Some((SIM_NICKNAME, Method::Nickname))
        );
        assert_eq!(sim("juan", "john"), Some((SIM_NICKNAME, Method::Nickname)));
        assert_eq!(
            sim("ted", "theodore"),
            Some((SIM_NICKNAME, Method::Nickname))
        );
        assert_eq!(sim("ted", "edward"), Some((SIM_NICKNAME, Method::Nickname)));
        assert_eq!(sim("edward", "theodore"), None);
        // A spelling match that says more keeps its method.
        assert_eq!(sim("youssef", "yusuf").map(|x| x.1), Some(Method::Phonetic));
        assert!(p("Ted Doe", "Theodore Doe") >= 0.9);
        assert!(p("John Doe", "Juan Doe") >= 0.9);
        // Below the exact name, and a surname conflict still sinks it.
        assert!(p("Bill Gates", "William Gates") < p("William Gates", "William Gates"));
        assert!(p("Bill Clinton", "William Gates") < 0.6);
        // People only: a company or vessel named `Ivan` is not one named `John`.
        let org = EntityType::Organization;
        assert!(score("Ivan Trading", "John Trading", org) < 0.83);
        assert!(score("Ivan", "John", EntityType::Vessel) == 0.0);
        // ... but keeps what the spellings say (edit distance).
        assert!(score("Julia Shipping", "Yulia Shipping", org) > 0.8);
        assert!(score("Julia", "Yulia", EntityType::Vessel) > 0.7);
        // Particles, titles and legal forms never take part.
        let (_, a) = infos("ben");
        assert_eq!(a[0].class, TokenClass::Particle);
        assert_eq!(pair_similarity(&a[0], &infos("benjamin").1[0]), None);
    }

    #[test]
    fn rarity_factor_is_monotone() {
        let mut prev = 2.0;
        for df in [0, 8, 9, 16, 24, 32, 100, 1000, 100000] {
            let f = rarity_factor(df);
            assert!(f <= prev && f >= 0.3, "{df} {f}");
            prev = f;
        }
        assert_eq!(rarity_factor(16), 0.88);
    }

    #[test]
    fn different_middle_initials_conflict() {
        let differ = p("Frost, William G.", "William W Frost");
        let one_side = p("William Frost", "William W Frost");
        assert!(differ < 0.83, "{differ}");
        assert!(one_side > differ, "{one_side} vs {differ}");
        assert!(p("John A. Smith", "SMITH, John A.") > 0.99);
        // An initial meeting a full middle name is no conflict.
        assert!(p("John A. Smith", "John Adam Smith") > 0.9);
    }

    #[test]
    fn a_shortened_nasab_is_an_omission() {
        let full = "Usama bin Muhammad bin Awad bin Ladin";
        let short = p("Osama bin Laden", full);
        assert!(short >= 0.83, "{short}");
        // The listed family name is never an omission, even after `bin`.
        let dropped_family = p("Ali bin Hassan", "Ali bin Hassan bin Ali bin Mahfouz");
        assert!(dropped_family < 0.83, "{dropped_family}");
        // Other extra listed words keep their positional cost.
        let other = p("Osama Laden", "Usama Muhammad Awad Ladin");
        assert!(other < short, "{other} vs {short}");
    }
}
