//! The candidate-generation index stored in the snapshot.
//!
//! What is stored (see [`NameIndex::encode`] and docs/SNAPSHOT_FORMAT.md): everything
//! screening needs, precomputed at snapshot build time in flat tables that load without
//! rebuilding anything. The vocabulary of normalised tokens (text, phonetic key,
//! consonant skeleton, abjad skeleton pattern, class, script, length, rarity count), the
//! lookup tables (text → tokens, key → tokens and skeleton → tokens as sorted tables
//! searched by binary search; first letter → tokens; the edit-distance word list), the
//! token → names postings, the rarity table used for query token weights, every listed
//! name as a list of vocabulary ids and the normalised identifiers. Loading is a bulk copy
//! of little-endian arrays plus bounds checks: no hashing, no per-token allocation, no
//! phonetic computation. A vocabulary token's prepared form ([`TokInfo`], owned strings
//! and weights) is materialised on first use from the stored fields.
//!
//! Candidate generation is exact, not heuristic. For a query token it enumerates every
//! vocabulary token that [`pair_similarity`] can match: exact text, same key, same
//! skeleton (including every skeleton an abjad pattern can produce), initials, and edit
//! distance through a trie walk per partner length that prunes a prefix once its cost plus
//! the length still to come exceeds the edit budget. Query tokens whose combined weight
//! cannot lift a name to the threshold on their own do not reach names (MaxScore): a name
//! reached only through them scores below the threshold anyway; they are still looked up,
//! to bound each reached name's score by what every query token can match in it (see
//! [`NameIndex::candidates`]). So every name that scores at or above
//! the threshold is a candidate, and the index returns exactly what an exhaustive scan
//! with the same scorer returns (tests/screen_index.rs checks this on random queries).
//!
//! [`pair_similarity`]: crate::screen::score

use std::collections::{BTreeMap, HashMap};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

use crate::model::{AliasStrength, Entity, EntityType, IdentifierKind, NameKind};
use crate::screen::fuzzy::{Budget, FuzzyWords};
use crate::screen::given_names;
use crate::screen::glue::{GlueTable, GlueToken};
use crate::screen::normalize::{normalize_name, Token, TokenClass};
use crate::screen::phonetic::{self, Slot, SlotKind};
use crate::screen::score::{self, ItemKind, Method, NameScore, QueryItem, TokInfo};
use crate::screen::translit::Script;
use crate::screen::work::{Step, WorkMeter};

/// A small, fast, deterministic hasher for the build-time and per-query maps (FxHash's
/// multiply-rotate scheme); the keys are not attacker-controlled in a way that matters here.
#[derive(Debug, Default, Clone, Copy)]
pub struct FxHasher {
    hash: u64,
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut v = [0u8; 8];
            v[..chunk.len()].copy_from_slice(chunk);
            self.add(u64::from_le_bytes(v));
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.add(i as u64);
    }

    fn write_u32(&mut self, i: u32) {
        self.add(i as u64);
    }

    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    fn finish(&self) -> u64 {
        self.hash
    }
}

impl FxHasher {
    fn add(&mut self, v: u64) {
        self.hash = (self.hash.rotate_left(5) ^ v).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

/// A hash map with [`FxHasher`].
pub type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// Encoding magic and version (4: the postings are derived from the names at load and the
/// name → entity table is stored as differences; 3: abjad patterns carry vowel letters; 2:
/// flat precomputed tables; 1 stored only the vocabulary, names and identifiers and derived
/// the rest at load).
const MAGIC: &[u8; 4] = b"KCIX";
const VERSION: u8 = 6;

/// One listed name in the index (a view into the index's flat tables).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IndexedName<'a> {
    /// Position of the entity in the snapshot's entity list.
    pub entity: u32,
    /// Position of the name in the entity's `names`.
    pub name: u32,
    /// True for weak / low-quality aliases.
    pub weak: bool,
    /// Vocabulary ids of the name's tokens, in order.
    pub tokens: &'a [u32],
}

/// A normalised identifier of an entity (a view into the index's flat tables).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct IndexedIdent<'a> {
    /// Normalised value ([`normalize_document`] or [`normalize_crypto`]).
    pub value: &'a str,
    /// True for crypto addresses.
    pub crypto: bool,
    /// Entity position.
    pub entity: u32,
    /// Position in the entity's `identifiers`.
    pub ident: u32,
}

/// An identifier of an entity as listed, before normalisation: what the index's
/// identifier table is made from, at build time and again at load (index version 6 does
/// not store the table; the values are in the snapshot's entity records).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListedIdent<'a> {
    /// Entity position.
    pub entity: u32,
    /// Position in the entity's `identifiers`.
    pub ident: u32,
    /// True for crypto addresses ([`IdentifierKind::CryptoAddress`]).
    pub crypto: bool,
    /// The value as listed.
    pub value: &'a str,
}

/// Every identifier of `entities` as listed, in entity and identifier order.
pub fn listed_identifiers(entities: &[Entity]) -> Vec<ListedIdent<'_>> {
    let mut out = Vec::new();
    for (ei, e) in entities.iter().enumerate() {
        for (ii, id) in e.identifiers.iter().enumerate() {
            out.push(ListedIdent {
                entity: ei as u32,
                ident: ii as u32,
                crypto: id.kind == IdentifierKind::CryptoAddress,
                value: &id.value,
            });
        }
    }
    out
}

/// The identifiers of the indexed entities as listed, owned (index version 6 does not
/// store an identifier table: the decoder gets the values from the snapshot's entity
/// records); the sorted table is made from them on first use ([`IdentTable::new`]).
#[derive(Debug, Clone, Default, PartialEq)]
struct Listed {
    /// Every value, back to back.
    values: String,
    /// Identifier → range in `values` (CSR, `n + 1`).
    offs: Vec<u32>,
    /// Identifier → (entity, position in its identifiers, crypto).
    origin: Vec<(u32, u32, bool)>,
}

impl Listed {
    /// A copy of `listed`.
    fn new(listed: &[ListedIdent<'_>]) -> Listed {
        let mut l = Listed {
            values: String::new(),
            offs: Vec::with_capacity(listed.len() + 1),
            origin: Vec::with_capacity(listed.len()),
        };
        l.offs.push(0);
        for x in listed {
            l.values.push_str(x.value);
            push_off(&mut l.offs, l.values.len());
            l.origin.push((x.entity, x.ident, x.crypto));
        }
        l
    }
}

/// The identifier table: every listed identifier normalised ([`normalize_crypto`] or
/// [`normalize_document`]), those long enough to compare, sorted by value, then in listed
/// order (entity, position; a look-up keeps only crypto addresses or only documents, so
/// the order of a crypto address and a document of the same value does not matter). Made on the first identifier look-up, not at load: normalising
/// and sorting the ~18,500 identifiers of the full lists costs a few ms in wasm.
#[derive(Debug, Clone, Default)]
struct IdentTable {
    /// Normalised values, back to back, in listed order (UTF-8: ASCII letters and
    /// digits, and whole crypto values).
    text: Vec<u8>,
    /// The kept identifiers in table order.
    order: Vec<Kept>,
}

/// An identifier of an [`IdentTable`]: the first 8 bytes of its value (the sort key), its
/// range in the table's `text`, its index in [`Listed`].
type Kept = (u64, u32, u32, u32);

impl IdentTable {
    /// The table of `listed`: one pass to normalise (documents byte by byte, without a
    /// string of their own), then a sort of the kept identifiers.
    fn new(listed: &Listed) -> IdentTable {
        let mut all = vec![0u8; listed.values.len()];
        let mut order: Vec<Kept> = Vec::with_capacity(listed.origin.len());
        let mut w = 0usize;
        for (i, (r, &(_, _, crypto))) in listed.offs.windows(2).zip(&listed.origin).enumerate() {
            let value = listed
                .values
                .get(r[0] as usize..r[1] as usize)
                .unwrap_or_default();
            let start = w;
            let chars = if crypto {
                // Never longer than the value (whitespace dropped, ASCII case folded).
                let value = normalize_crypto(value);
                if let Some(d) = all.get_mut(w..w + value.len()) {
                    d.copy_from_slice(value.as_bytes());
                    w += value.len();
                }
                value.chars().count()
            } else {
                // As `normalize_document`: the ASCII letters and digits (the bytes of
                // other characters are all above 0x7F), upper case.
                for &b in value.as_bytes() {
                    if let Some(d) = all.get_mut(w) {
                        *d = b.to_ascii_uppercase();
                    }
                    w += usize::from(b.is_ascii_alphanumeric());
                }
                w - start
            };
            let min = if crypto {
                MIN_CRYPTO_LEN
            } else {
                MIN_DOCUMENT_LEN
            };
            if chars >= min {
                // The first 8 bytes, big-endian and zero-padded, order like the values:
                // most comparisons of the sort are one integer comparison.
                let mut prefix = [0u8; 8];
                for (d, b) in prefix.iter_mut().zip(all.get(start..w).unwrap_or_default()) {
                    *d = *b;
                }
                order.push((u64::from_be_bytes(prefix), start as u32, w as u32, i as u32));
            } else {
                w = start;
            }
        }
        all.truncate(w);
        // By prefix, then value, then listed order (entity, position).
        let full = |k: &Kept| {
            (
                k.0,
                all.get(k.1 as usize..k.2 as usize).unwrap_or_default(),
                k.3,
            )
        };
        heap_sort(&mut order, |a, b| full(a) < full(b));
        IdentTable { text: all, order }
    }

    /// The identifier `k` (an entry of `order`).
    fn get(&self, listed: &Listed, k: &Kept) -> Option<IndexedIdent<'_>> {
        let (entity, ident, crypto) = *listed.origin.get(k.3 as usize)?;
        Some(IndexedIdent {
            value: std::str::from_utf8(self.text.get(k.1 as usize..k.2 as usize)?).ok()?,
            crypto,
            entity,
            ident,
        })
    }
}

/// Sorts `v` by `less` (heapsort: a few hundred bytes of wasm where the standard sort of
/// a new element type adds over a kilobyte; used once per index, on the first identifier
/// look-up).
fn heap_sort<T: Copy>(v: &mut [T], less: impl Fn(&T, &T) -> bool) {
    // Moves the element at `root` down the max-heap `v[..end]`.
    let sift = |v: &mut [T], mut root: usize, end: usize| loop {
        let mut child = 2 * root + 1;
        if child >= end {
            break;
        }
        if child + 1 < end && less(&v[child], &v[child + 1]) {
            child += 1;
        }
        if !less(&v[root], &v[child]) {
            break;
        }
        v.swap(root, child);
        root = child;
    };
    for i in (0..v.len() / 2).rev() {
        sift(v, i, v.len());
    }
    for end in (1..v.len()).rev() {
        v.swap(0, end);
        sift(v, 0, end);
    }
}

/// Bit of [`Tables::tok_meta`] set for tokens with an abjad skeleton pattern.
const META_PATTERN: u32 = 1 << 15;

/// The stored index: flat arrays, in the order they are encoded. Offsets arrays (`*_offs`)
/// have one entry more than the items they delimit (CSR layout): item `i` is
/// `blob[offs[i]..offs[i + 1]]`. Every offset and id is checked at decode, so the
/// accessors below never index out of bounds; they still use `get` so that a logic error
/// gives an empty result rather than a panic.
#[derive(Debug, Clone, Default, PartialEq)]
struct Tables {
    /// Vocabulary: every token's normalised text, concatenated.
    text: String,
    /// Token id → range in `text` (`nt + 1`, char boundaries).
    text_offs: Vec<u32>,
    /// Phonetic keys, concatenated.
    keys: Vec<u8>,
    /// Token id → range in `keys` (`nt + 1`).
    key_offs: Vec<u32>,
    /// Skeleton patterns, 3 bytes per slot (class, alternative class or 0, optional).
    pats: Vec<u8>,
    /// Token id → slot range in `pats` (`nt + 1`, in slots).
    pat_offs: Vec<u32>,
    /// Token id → id of its consonant skeleton in the skeleton strings.
    tok_skel: Vec<u32>,
    /// Token id → class | script << 8 | [`META_PATTERN`] (16 bits).
    tok_meta: Vec<u32>,
    /// Token id → number of entities sharing its rarity key (its weight's rarity part).
    tok_df: Vec<u32>,
    /// Skeleton strings, distinct and sorted: every token skeleton and every expansion
    /// of an abjad pattern.
    skels: Vec<u8>,
    /// Skeleton string id → range in `skels` (`ns + 1`).
    skel_offs: Vec<u32>,
    /// Skeleton string id → range in `skel_ids` (`ns + 1`): the by-skeleton postings.
    skel_post_offs: Vec<u32>,
    /// Token ids per skeleton string (alphabetic tokens with that skeleton and abjad
    /// tokens with that expansion), ascending. Derived at decode from `tok_skel` and the
    /// expansions (index version 6), not stored.
    skel_ids: Vec<u32>,
    /// Pattern token (the tokens with [`META_PATTERN`], in id order) → range in
    /// `exp_skels` (CSR).
    exp_offs: Vec<u32>,
    /// Skeleton string ids of every pattern token's expansions, in expansion order.
    exp_skels: Vec<u32>,
    /// Token ids sorted by (text, id).
    by_text: Vec<u32>,
    /// Alphabetic token ids sorted by (key, id).
    by_key: Vec<u32>,
    /// [`prefix_key`] of each text in `by_text` order, and of each key in `by_key` order:
    /// most probes of a binary search in those tables are decided on these, without
    /// reading the strings. Derived at load, not stored.
    by_text_prefix: Vec<u64>,
    by_key_prefix: Vec<u64>,
    /// Every [`DIRECTORY_STRIDE`]-th entry of `by_text_prefix` and `by_key_prefix`: a
    /// small table that stays in cache, which narrows a search to a few lines of the big
    /// ones before it reads them. Derived at load.
    by_text_dir: Vec<u64>,
    by_key_dir: Vec<u64>,
    /// No text (no key) holds a zero byte: the length of a string under 8 bytes is then
    /// told by its prefix key (see [`Sorted::nul_free`]). Derived at load.
    texts_nul_free: bool,
    keys_nul_free: bool,
    /// One bit per [`presence_bit`] of every text and every key: a string whose bit is
    /// clear is in neither table, told without a search (most split halves and given-name
    /// forms a query asks about are not). Derived at load natively; empty (every string
    /// searched) in the wasm, where it would add 2 ms to every page's load for about 1 %
    /// of a query.
    presence: Vec<u64>,
    /// Every distinct text and key by hash, with its range in `by_text` or `by_key`: a
    /// string present is found by one probe and one comparison, where the sorted tables
    /// cost a search of several dependent reads and unpredictable branches. Derived at
    /// load natively (1.6 MB); empty in the wasm (load time), which searches.
    exact: Vec<ExactEntry>,
    /// Abjad tokens whose pattern has too many expansions to index.
    wild: Vec<u32>,
    /// Ids of tokens eligible for edit distance, sorted by (text, id): an implicit trie
    /// walked with an edit-distance automaton.
    fuzzy_sorted: Vec<u32>,
    /// First letter `a..z` → range in `first_ids` (27 entries).
    first_offs: Vec<u32>,
    /// Alphabetic token ids by first letter, ascending within a letter.
    first_ids: Vec<u32>,
    /// Token id → range in `post_ids` (`nt + 1`).
    post_offs: Vec<u32>,
    /// Name ids per token, ascending.
    post_ids: Vec<u32>,
    /// Rarity keys, distinct and sorted, concatenated.
    rarity_keys: Vec<u8>,
    /// Rarity key → range in `rarity_keys` (`nk + 1`).
    rarity_offs: Vec<u32>,
    /// Rarity key → number of entities carrying it.
    rarity_df: Vec<u32>,
    /// Name id → range in `name_toks` (`nn + 1`).
    name_offs: Vec<u32>,
    /// Name id → its number of tokens, at most 255: what a posting walk reads of a name
    /// (a table 4 times smaller than `name_offs`, which misses the cache less). Derived
    /// at load.
    name_lens: Vec<u8>,
    /// Vocabulary ids of every name's tokens, in order.
    name_toks: Vec<u32>,
    /// Name id → entity position.
    name_entity: Vec<u32>,
    /// Name id → position of the name in the entity's `names`.
    name_pos: Vec<u32>,
    /// Name id → 1 for weak aliases, else 0.
    name_weak: Vec<u8>,
}

/// Precomputed normalised names and candidate keys for a set of entities.
#[derive(Debug, Clone, Default)]
pub struct NameIndex {
    /// The stored tables.
    t: Tables,
    /// Token id → prepared token, built on first use from the stored fields (`OnceLock`:
    /// the index is shared by screening threads). Boxed: 16 bytes per token until used.
    vocab: Vec<OnceLock<Box<TokInfo>>>,
    /// Tables built on first use (see [`Derived`]).
    derived: OnceLock<Derived>,
    /// The entities' identifiers as listed.
    listed: Listed,
    /// The identifier table, made from `listed` on the first identifier look-up.
    idents: OnceLock<IdentTable>,
}

/// Tables derived from the stored ones on first use, not at load.
#[derive(Debug, Clone, Default)]
struct Derived {
    /// The edit-distance word list split by word length (from `fuzzy_sorted`): a walk over
    /// words of one length can bound the cost still to come.
    fuzzy: FuzzyWords,
    /// Every run of 2-3 adjacent tokens of a name, by its glued text and key (list-side
    /// glue).
    glue: GlueTable,
}

impl PartialEq for NameIndex {
    /// Equal stored tables and identifiers (the lazily prepared tokens and the
    /// identifier table follow from them).
    fn eq(&self, other: &Self) -> bool {
        self.t == other.t && self.listed == other.listed
    }
}

/// Why an encoded index could not be decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexDecodeError(pub String);

impl std::fmt::Display for IndexDecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "invalid name index: {}", self.0)
    }
}

impl std::error::Error for IndexDecodeError {}

/// Normalises a document number for exact comparison: letters and digits only, upper case.
pub fn normalize_document(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// Normalises a crypto address: whitespace removed; hex (`0x...`) and bech32 (`bc1...`)
/// addresses lower-cased (they are case-insensitive), others (base58) kept as written.
pub fn normalize_crypto(s: &str) -> String {
    let t: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    let lower = t.to_ascii_lowercase();
    let case_insensitive = lower.starts_with("0x")
        || ["bc1", "tb1", "ltc1", "bnb1", "cosmos1", "addr1", "terra1"]
            .iter()
            .any(|p| lower.starts_with(p))
        || (t.len() == 40 && t.chars().all(|c| c.is_ascii_hexdigit()));
    if case_insensitive {
        lower
    } else {
        t
    }
}

/// Most name tokens (with repeats) a word that reaches no name is compared with directly
/// (see `matches_among`); beyond it the vocabulary is walked.
const AMONG_REACHED_MAX_TOKENS: usize = 4096;

/// Smallest normalised length for an identifier to be matched (shorter values are too
/// likely to collide).
const MIN_DOCUMENT_LEN: usize = 5;
const MIN_CRYPTO_LEN: usize = 20;

/// The edit distances [`score::fuzzy_similarity`] can accept from `q`: the budget of each
/// partner length in range and first letter (a word that begins with another letter
/// meets the general floor: fewer edits). Every partner it accepts is within it (a
/// superset, verified by the caller).
fn fuzzy_budget(q: &TokInfo) -> Budget {
    fuzzy_budget_of_length(q.text.len())
}

/// [`fuzzy_budget`] of a word of `m` bytes (it depends on nothing else).
fn fuzzy_budget_of_length(m: usize) -> Budget {
    let (min_len, max_len, _) = score::fuzzy_bounds(m);
    Budget::per_length(min_len, max_len, |len| {
        (
            score::fuzzy_edits(m, len, true),
            score::fuzzy_edits(m, len, false),
        )
    })
}

/// True for tokens that take part in edit-distance matching (see `pair_similarity`).
fn fuzzy_eligible(t: &TokInfo) -> bool {
    t.is_alpha()
        && !t.exact_only()
        && t.pattern.is_none()
        && t.class != TokenClass::Initial
        && t.len >= 4
}

/// A thread's spare zeroed table (all zeros between uses): one allocation and one zeroing
/// per thread and table size, not per use. The lists of [`Reached`] are kept the same way
/// for their capacity (emptied when taken, see [`take_empty`]).
type Spare<T> = std::thread::LocalKey<std::cell::RefCell<Vec<T>>>;

thread_local! {
    /// The per-name slot table of [`Reached`] (for every list, 200 KB per reading of a
    /// query).
    static SLOTS: std::cell::RefCell<Vec<u32>> = const { std::cell::RefCell::new(Vec::new()) };
    /// The bits of short-lived [`TokenSet`]s: the distinct candidates of a lookup, the
    /// tokens of the names a word is glanced at.
    static TOKEN_BITS: std::cell::RefCell<Vec<u64>> = const { std::cell::RefCell::new(Vec::new()) };
    /// The bits of the set of names a split half's partner reaches, one per name, held
    /// while the half's postings are walked.
    static PARTNER_NAMES: std::cell::RefCell<Vec<u64>> = const { std::cell::RefCell::new(Vec::new()) };
    /// The bits of [`Reached`]'s names (zeroed name by name when given back).
    static REACHED_BITS: std::cell::RefCell<Vec<u64>> = const { std::cell::RefCell::new(Vec::new()) };
    /// The bits of the [`TokenSet`] of a query's matchable tokens, held while its
    /// candidates are searched (alongside the short-lived sets).
    static MATCHABLE_BITS: std::cell::RefCell<Vec<u64>> = const { std::cell::RefCell::new(Vec::new()) };
    /// The growing lists of [`Reached`] (its names, their best similarities, their glue
    /// flags), kept with their capacity from one reading of a query to the next.
    static REACHED_NAMES: std::cell::RefCell<Vec<u32>> = const { std::cell::RefCell::new(Vec::new()) };
    static REACHED_BEST: std::cell::RefCell<Vec<f64>> = const { std::cell::RefCell::new(Vec::new()) };
    static REACHED_GLUED: std::cell::RefCell<Vec<bool>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// An empty list from this thread's `spare`, with the capacity it had when given back.
fn take_empty<T>(spare: &'static Spare<T>) -> Vec<T> {
    let mut list = spare.with(|s| s.take());
    list.clear();
    list
}

/// A set of vocabulary token ids as a bit set from one of this thread's spare tables (one
/// zeroing per thread, not per use), with its members in insertion order; dropping it
/// clears their bits and gives the table back. Membership in O(1) where a sorted list
/// needed a binary search.
struct TokenSet {
    bits: Vec<u64>,
    members: Vec<u32>,
    spare: &'static Spare<u64>,
}

impl TokenSet {
    /// An empty set of the tokens of a vocabulary of `tokens` tokens, on `spare`.
    fn new(spare: &'static Spare<u64>, tokens: usize) -> TokenSet {
        TokenSet {
            bits: take_zeroed(spare, tokens.div_ceil(64)),
            // Room for a typical set without growing (one allocation, not six or more).
            members: Vec::with_capacity(64),
            spare,
        }
    }

    /// Adds `t`; true when it was not in the set yet (ids past the vocabulary are never
    /// in it).
    fn insert(&mut self, t: u32) -> bool {
        let Some(w) = self.bits.get_mut(t as usize / 64) else {
            return false;
        };
        let bit = 1 << (t % 64);
        if *w & bit != 0 {
            return false;
        }
        *w |= bit;
        self.members.push(t);
        true
    }

    /// Whether `t` is in the set.
    fn contains(&self, t: u32) -> bool {
        has_bit(&self.bits, t)
    }

    /// The members, in the order first inserted; the table is given back.
    fn into_members(mut self) -> Vec<u32> {
        self.clear_bits();
        std::mem::take(&mut self.members)
    }

    /// The members in increasing order; the table is given back. A large set is read off
    /// its bits in order (cheaper than sorting its members).
    fn into_sorted_members(mut self) -> Vec<u32> {
        if self.members.len() <= 16 {
            let mut members = self.into_members();
            crate::sort::sort_ids(&mut members);
            return members;
        }
        let mut sorted = Vec::with_capacity(self.members.len());
        for (i, w) in self.bits.iter_mut().enumerate() {
            let mut bits = std::mem::take(w);
            while bits != 0 {
                sorted.push(i as u32 * 64 + bits.trailing_zeros());
                bits &= bits - 1;
            }
        }
        // Every bit is cleared already.
        self.members.clear();
        sorted
    }

    /// Zeroes the words holding the members' bits (the only ones set).
    fn clear_bits(&mut self) {
        clear_words_of(&mut self.bits, &self.members);
    }
}

impl Drop for TokenSet {
    fn drop(&mut self) {
        self.clear_bits();
        give_back(self.spare, std::mem::take(&mut self.bits));
    }
}

/// Whether bit `i` of the bit set `bits` is set (false past its end).
fn has_bit(bits: &[u64], i: u32) -> bool {
    bits.get(i as usize / 64)
        .is_some_and(|w| w & (1 << (i % 64)) != 0)
}

/// Sets bit `i` of the bit set `bits` (nothing past its end).
fn set_bit(bits: &mut [u64], i: u32) {
    if let Some(w) = bits.get_mut(i as usize / 64) {
        *w |= 1 << (i % 64);
    }
}

/// Zeroes the words of the bit set `bits` that hold the bits of `ids`: the whole set when
/// those are its only bits, for the cost of the members, not of the table.
fn clear_words_of<'a>(bits: &mut [u64], ids: impl IntoIterator<Item = &'a u32>) {
    for &i in ids {
        if let Some(w) = bits.get_mut(i as usize / 64) {
            *w = 0;
        }
    }
}

/// A zeroed table of `len` entries, from this thread's `spare` when it fits; to be given
/// back zeroed with [`give_back`].
fn take_zeroed<T: Copy + Default>(spare: &'static Spare<T>, len: usize) -> Vec<T> {
    let mut table = spare.with(|s| s.take());
    if table.len() != len {
        table.clear();
        table.resize(len, T::default());
    }
    table
}

/// Returns a table, all zeros again, to this thread's `spare`.
fn give_back<T>(spare: &'static Spare<T>, table: Vec<T>) {
    spare.with(|s| s.replace(table));
}

/// A zeroed slot table for `names` names.
fn take_slots(names: usize) -> Vec<u32> {
    take_zeroed(&SLOTS, names)
}

/// Returns a slot table to this thread's spare, zeroing the entries of `touched` first
/// (the only ones set).
fn give_back_slots(mut slots: Vec<u32>, touched: &[u32]) {
    for &nm in touched {
        if let Some(s) = slots.get_mut(nm as usize) {
            *s = 0;
        }
    }
    give_back(&SLOTS, slots);
}

/// Names reached by a query's lookups: per name, the best similarity each query token may
/// reach against it (0: cannot match it), from the similarities the lookups found.
struct Reached {
    /// Per name: 1 + its slot in `touched` (0: not reached).
    slot: Vec<u32>,
    /// Per name, one bit: reached (6 KB on every list, where `slot` is 190 KB: the test of
    /// every posting of a word that reaches no name stays in the first-level cache).
    bits: Vec<u64>,
    /// Reached names, in the order first reached.
    touched: Vec<u32>,
    /// `best[slot * width + i]`: the highest similarity query token `i` may have against the
    /// name (`width` query tokens per slot; empty when the query is too long to bound).
    best: Vec<f64>,
    width: usize,
    /// Per slot: a query token may meet adjacent tokens of the name glued together.
    glued: Vec<bool>,
}

impl Reached {
    /// The `most` reached names whose query tokens' best similarities cover the most of
    /// the query's weight under any of `weights` (then the lowest ids), ascending: what is
    /// still scored once the work meter runs out, so the likeliest matches are reported.
    fn most_covered(&self, weights: &[&[f64]], most: usize) -> Vec<u32> {
        let n = self.width;
        let cover = |slot: usize| -> f64 {
            let best = self.best.get(slot * n..(slot + 1) * n).unwrap_or(&[]);
            weights
                .iter()
                .map(|w| {
                    let total: f64 = w.iter().sum();
                    let got: f64 = best.iter().zip(w.iter()).map(|(s, w)| s * w).sum();
                    if total > 0.0 {
                        got / total
                    } else {
                        0.0
                    }
                })
                .fold(0.0, f64::max)
        };
        let mut ranked: Vec<(f64, u32)> = self
            .touched
            .iter()
            .enumerate()
            .map(|(slot, &nm)| (cover(slot), nm))
            .collect();
        let by_cover = |a: &(f64, u32), b: &(f64, u32)| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1));
        if ranked.len() > most {
            ranked.select_nth_unstable_by(most, by_cover);
            ranked.truncate(most);
        }
        let mut names: Vec<u32> = ranked.into_iter().map(|(_, nm)| nm).collect();
        crate::sort::sort_ids(&mut names);
        names
    }

    /// Returns the slot table and the lists to this thread's spares.
    fn give_back(mut self) {
        clear_words_of(&mut self.bits, &self.touched);
        give_back(&REACHED_BITS, self.bits);
        give_back_slots(self.slot, &self.touched);
        give_back(&REACHED_NAMES, self.touched);
        give_back(&REACHED_BEST, self.best);
        give_back(&REACHED_GLUED, self.glued);
    }

    /// Whether name `nm` was reached.
    #[inline(always)]
    fn is_reached(&self, nm: u32) -> bool {
        has_bit(&self.bits, nm)
    }

    /// Records that the query tokens `tokens` may match name `nm` with similarity `sim`;
    /// a name not reached yet is added only when `reach` is set.
    #[inline(always)]
    fn add(&mut self, nm: u32, tokens: std::ops::Range<usize>, sim: f64, reach: bool) {
        // The bit first (a few KB, in the first-level cache): a name reached for the
        // first time only writes its slot, which the processor need not wait for.
        let slot = if has_bit(&self.bits, nm) {
            match self.slot.get(nm as usize) {
                Some(&s) => s as usize,
                None => return,
            }
        } else {
            let Some(s) = self.slot.get_mut(nm as usize).filter(|_| reach) else {
                return;
            };
            self.touched.push(nm);
            *s = self.touched.len() as u32;
            set_bit(&mut self.bits, nm);
            self.best.resize(self.best.len() + self.width, 0.0);
            self.glued.push(false);
            self.touched.len()
        };
        let Some(base) = slot.checked_sub(1).map(|s| s * self.width) else {
            return;
        };
        for i in tokens {
            if let Some(b) = self.best.get_mut(base + i) {
                if sim > *b {
                    *b = sim;
                }
            }
        }
    }
}

/// Names still scored (directly, outside the meter) when a query's work meter runs out
/// while looking up or bounding: the reached names that cover the most of the query.
pub const AFTER_LIMIT_SCORED: usize = 16;

/// Highest `cq` a name can get when query token `i` matches it with similarity at most
/// `sim[i]` (0: unmatched), weight `w[i]`, and costs at least `cost[i]` unmatched:
/// the maximum over every set `M` of matched tokens of
/// `sum(M, sim x w) / (sum(M, w) + sum(not M, cost))`. Exact: tokens that do not raise the
/// denominator come first, then the others in decreasing order of `sim x w / (w - cost)`,
/// each while it raises the ratio (the optimal set is such a prefix).
fn cq_bound(sim: &[f64], w: &[f64], cost: &[f64]) -> f64 {
    let mut num = 0.0;
    let mut den: f64 = cost.iter().sum();
    let mut rest: [(f64, f64); 64] = [(0.0, 0.0); 64];
    let mut nrest = 0;
    for i in 0..sim.len().min(64) {
        let a = sim[i] * w[i];
        if a <= 0.0 {
            continue;
        }
        let b = w[i] - cost[i];
        if b <= 0.0 {
            num += a;
            den += b;
        } else {
            rest[nrest] = (a, b);
            nrest += 1;
        }
    }
    if den <= 0.0 {
        return if num > 0.0 { f64::INFINITY } else { 0.0 };
    }
    let rest = &mut rest[..nrest];
    rest.sort_unstable_by(|x, y| (y.0 / y.1).total_cmp(&(x.0 / x.1)));
    for &(a, b) in rest.iter() {
        if a / b > num / den {
            num += a;
            den += b;
        } else {
            break;
        }
    }
    num / den
}

/// True when [`cq_bound`] is surely below `t` (by a margin of 1e-9): a cheap test, no sort,
/// that lets most reached names be dropped without the exact bound. The ratio reaches `t`
/// for some set `M` exactly when `sum(M, sim x w - t (w - cost)) >= t sum(cost)`, and the
/// best set takes every token with a positive term.
fn cq_surely_below(sim: &[f64], w: &[f64], cost: &[f64], t: f64) -> bool {
    let t = t - 1e-9;
    let mut gain = 0.0;
    let mut base = 0.0;
    for ((&s, &w), &c) in sim.iter().zip(w).zip(cost).take(64) {
        base += c;
        let a = s * w;
        if a > 0.0 {
            // A matched token that lowers the denominator can make the ratio unbounded:
            // no shortcut then.
            if w - c < 0.0 {
                return false;
            }
            gain += (a - t * (w - c)).max(0.0);
        }
    }
    base > 0.0 && gain < t * base
}

/// [`cq_bound`] when at most `most` query tokens can be matched. Dinkelbach's method:
/// for a trial ratio `r`, the set that maximises `sum(M, sim x w) - r (sum(not M, cost) +
/// sum(M, w))` takes the `most` tokens of highest positive `sim x w - r (w - cost)`; its
/// ratio is the next trial, which rises to the optimum in a few steps. The result is
/// returned only once no set beats it (so it is an upper bound, up to a 1e-9 margin);
/// otherwise the unlimited bound, which always is.
fn cq_bound_at_most(sim: &[f64], w: &[f64], cost: &[f64], most: usize) -> f64 {
    let n = sim.len().min(w.len()).min(cost.len()).min(64);
    let base: f64 = cost.iter().take(n).sum();
    if base <= 0.0 {
        return cq_bound(sim, w, cost);
    }
    let mut r = 0.0f64;
    let mut gains = [0.0f64; 64];
    let mut picked = [0usize; 64];
    for _ in 0..32 {
        for i in 0..n {
            gains[i] = sim[i] * w[i] - r * (w[i] - cost[i]);
        }
        // The `most` highest positive gains (insertion into a short sorted list).
        let mut k = 0;
        for i in 0..n {
            if gains[i] <= 0.0 || sim[i] <= 0.0 {
                continue;
            }
            let mut at = k.min(most);
            while at > 0 && gains[picked[at - 1]] < gains[i] {
                at -= 1;
            }
            if at < most {
                let end = k.min(most - 1);
                picked.copy_within(at..end, at + 1);
                picked[at] = i;
                k = (k + 1).min(most);
            }
        }
        let best_gain: f64 = picked[..k].iter().map(|&i| gains[i]).sum::<f64>() - r * base;
        if best_gain <= 1e-12 {
            return r + 1e-9;
        }
        let num: f64 = picked[..k].iter().map(|&i| sim[i] * w[i]).sum();
        let den: f64 = base + picked[..k].iter().map(|&i| w[i] - cost[i]).sum::<f64>();
        if den <= 0.0 {
            break;
        }
        r = num / den;
    }
    cq_bound(sim, w, cost)
}

/// The vocabulary tokens a query item matches, sorted by token id, with similarities.
type TokenMatches = Vec<(u32, (f64, Method))>;

/// The vocabulary matches of query items, kept across the readings of one query (see
/// [`NameIndex::candidates_cached`]); valid for one index only.
#[derive(Debug, Default)]
pub struct MatchCache {
    /// False for a cache that keeps nothing (a query with one reading).
    keep: bool,
    /// Item (its position aside: see [`QueryItem::same_lookup`]) and what it matches.
    entries: Vec<(QueryItem, TokenMatches)>,
}

impl MatchCache {
    /// A cache for the readings of one query; `keep` false makes it keep nothing (when
    /// there is only one reading, copying into it would be wasted).
    pub fn new(keep: bool) -> MatchCache {
        MatchCache {
            keep,
            entries: Vec::new(),
        }
    }

    /// The cached matches of `item`, if any.
    fn cached(&self, item: &QueryItem) -> Option<&TokenMatches> {
        self.entries
            .iter()
            .find(|(e, _)| e.same_lookup(item))
            .map(|(_, m)| m)
    }

    /// The matches of `item`: cached, or found by `find` and cached.
    fn matches(&mut self, item: &QueryItem, find: impl FnOnce() -> TokenMatches) -> TokenMatches {
        if !self.keep {
            return find();
        }
        if let Some(m) = self.cached(item) {
            return m.clone();
        }
        let m = find();
        self.entries.push((item.clone(), m.clone()));
        m
    }
}

/// Candidate names for one query, with the similarities found while generating them.
#[derive(Debug, Clone, Default)]
pub struct Candidates {
    /// Name ids, ascending.
    pub names: Vec<u32>,
    /// Per query item: every vocabulary token it matches, when the enumeration was done.
    item_matches: Vec<Option<TokenMatches>>,
    /// True when the whole index is scanned (threshold too low to prune).
    pub exhaustive: bool,
    /// Names that could reach the threshold but were left out by the cap of
    /// [`NameIndex::candidates_capped`] (0 when nothing was left out).
    pub dropped: usize,
    /// True when the query's work meter ran out while looking the items up or bounding
    /// the names: `names` holds only the few that cover the most of the query, and the
    /// caller must not report `clear`.
    pub work_limited: bool,
    /// Similarities computed while scoring, for items that were not enumerated:
    /// (item << 32 | token id) → similarity. Candidate names share many tokens.
    memo: std::cell::RefCell<FxMap<u64, Option<(f64, Method)>>>,
}

/// A query prepared against an index: tokens, weights and items.
#[derive(Debug, Clone)]
pub struct PreparedQuery {
    /// Normalised tokens.
    pub tokens: Vec<Token>,
    /// Prepared tokens (weights use this index's rarity counts).
    pub infos: Vec<TokInfo>,
    /// Single tokens followed by glued runs.
    pub items: Vec<QueryItem>,
}

impl Candidates {
    /// The few names still scored when the query's work meter ran out
    /// ([`Candidates::work_limited`]).
    fn out_of_work(item_matches: Vec<Option<TokenMatches>>, names: Vec<u32>) -> Candidates {
        Candidates {
            names,
            item_matches,
            exhaustive: false,
            dropped: 0,
            work_limited: true,
            memo: Default::default(),
        }
    }

    /// Every name (no pruning, similarities computed directly).
    pub fn all(name_count: usize) -> Candidates {
        Candidates {
            names: (0..name_count as u32).collect(),
            item_matches: Vec::new(),
            exhaustive: true,
            dropped: 0,
            work_limited: false,
            memo: Default::default(),
        }
    }
}

/// Range `i` of a CSR offsets array (`None` when out of range or inverted).
fn csr(offs: &[u32], i: usize) -> Option<std::ops::Range<usize>> {
    let a = *offs.get(i)? as usize;
    let b = *offs.get(i.checked_add(1)?)? as usize;
    (a <= b).then_some(a..b)
}

/// The first 8 bytes of `s` as a big-endian number, zero-padded. Order-preserving
/// (`a < b` gives `prefix_key(a) <= prefix_key(b)`), so a table sorted by its strings is
/// sorted by these too.
pub(crate) fn prefix_key(s: &[u8]) -> u64 {
    let mut b = [0u8; 8];
    for (slot, &c) in b.iter_mut().zip(s) {
        *slot = c;
    }
    u64::from_be_bytes(b)
}

/// A sorted string table: ids ordered by their strings (`get`), with the [`prefix_key`]
/// of each string in the same order (or none: then every probe reads the string).
struct Sorted<'a, G> {
    ids: &'a [u32],
    prefixes: &'a [u64],
    /// `dir[j] = prefixes[j * stride]` (or empty: no narrowing).
    dir: &'a [u64],
    stride: usize,
    /// No string holds a zero byte: one shorter than 8 bytes is then exactly the
    /// [`significant_len`] of its prefix key, so equal keys decide most ties without the
    /// strings.
    nul_free: bool,
    get: G,
}

/// The bytes of prefix key `k` up to its last non-zero one: the length of a string of
/// fewer than 8 bytes with no zero byte, whose key it is (8 for longer strings).
fn significant_len(k: u64) -> usize {
    (64 - k.trailing_zeros() as usize).div_ceil(8)
}

/// Bits of the presence table (64 KB): about one in eight is set on every list (some
/// 30,000 texts and as many keys), so most strings absent from both tables are told so by
/// their bit.
const PRESENCE_BITS: usize = 1 << 19;
/// The kinds of string the presence table holds.
const PRESENT_TEXT: u8 = 0;
const PRESENT_KEY: u8 = 1;

/// The bit of the presence table for string `s` of `kind`.
fn presence_bit(kind: u8, s: &[u8]) -> u32 {
    let mut h = FxHasher::default();
    h.write_u8(kind);
    h.write(s);
    (h.finish() >> (64 - PRESENCE_BITS.trailing_zeros())) as u32
}

/// Whether this build is native (not the wasm): [`Tables::exact`] is derived then.
const NATIVE: bool = !cfg!(target_arch = "wasm32");

/// One distinct string of [`Tables::exact`]: its hash's tag (never 0: 0 marks a free
/// slot) and its range in the sorted table of its kind.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct ExactEntry {
    tag: u32,
    lo: u32,
    hi: u32,
}

/// The hash of string `s` of `kind` in [`Tables::exact`].
fn exact_hash(kind: u8, s: &[u8]) -> u64 {
    let mut h = FxHasher::default();
    h.write_u8(kind);
    h.write(s);
    // Fx hashes mix poorly into the low bits: spread the high ones down.
    let x = h.finish();
    x ^ (x >> 29)
}

/// The tag of hash `h` in [`Tables::exact`]: its high half, never 0.
fn exact_tag(h: u64) -> u32 {
    (h >> 32) as u32 | 1
}

/// Where `s` of `kind` is in `table` (a [`Tables::exact`]): its range, `Some(None)` when
/// absent, `None` when there is no table.
fn exact_find(
    table: &[ExactEntry],
    kind: u8,
    s: &[u8],
    same: impl Fn(ExactEntry) -> bool,
) -> Option<Option<ExactEntry>> {
    if table.is_empty() {
        return None;
    }
    let mask = table.len() - 1;
    let h = exact_hash(kind, s);
    let tag = exact_tag(h);
    let mut i = h as usize & mask;
    // The table is at most half full: a free slot ends every probe sequence.
    for _ in 0..table.len() {
        let e = table.get(i).copied().unwrap_or_default();
        if e.tag == 0 {
            return Some(None);
        }
        if e.tag == tag && same(e) {
            return Some(Some(e));
        }
        i = (i + 1) & mask;
    }
    Some(None)
}

/// Entries of a sorted table per entry of its directory (64 keys: one 512-byte stretch;
/// the directory of the largest table, 36,000 tokens, is 4.5 KB).
const DIRECTORY_STRIDE: usize = 64;

impl<'a, 'b, G: Fn(u32) -> &'b [u8]> Sorted<'a, G> {
    /// The first position at or after `from` whose string is not below `target` (or, with
    /// `inclusive`, not at most `target`).
    fn bound(&self, from: usize, target: &[u8], inclusive: bool) -> usize {
        use std::cmp::Ordering;
        let keyed = self.keyed();
        let tk = prefix_key(target);
        // An entry whose key equals the target's is then `target[..short]`.
        let short = Some(significant_len(tk)).filter(|&l| self.nul_free && l < 8);
        let before = |i: usize| -> bool {
            let by_prefix = if keyed {
                self.prefixes.get(i).map(|k| k.cmp(&tk))
            } else {
                None
            };
            let order = match (by_prefix, short) {
                (Some(Ordering::Equal), Some(len)) => len.cmp(&target.len()),
                (Some(Ordering::Equal) | None, _) => self.string_at(i).cmp(target),
                (Some(order), _) => order,
            };
            if inclusive {
                order != Ordering::Greater
            } else {
                order == Ordering::Less
            }
        };
        let (mut lo, mut hi) = (from.min(self.ids.len()), self.ids.len());
        if keyed && self.stride > 0 && self.dir.len() == self.ids.len().div_ceil(self.stride) {
            // Every entry before a directory key below the target's key is before it,
            // every entry from one above it is not: strict comparisons only, so ties are
            // still decided on the strings below.
            let below = self.dir.partition_point(|&k| k < tk);
            let not_above = self.dir.partition_point(|&k| k <= tk);
            lo = lo.max(below.saturating_sub(1).saturating_mul(self.stride));
            hi = hi.min(not_above.saturating_mul(self.stride)).max(lo);
        }
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if before(mid) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        lo
    }

    /// Whether every entry has its prefix key.
    #[inline(always)]
    fn keyed(&self) -> bool {
        self.prefixes.len() == self.ids.len()
    }

    /// The string of entry `i` (empty past the end).
    #[inline(always)]
    fn string_at(&self, i: usize) -> &'b [u8] {
        self.ids.get(i).map_or(&[][..], |&id| (self.get)(id))
    }

    /// The ids whose string equals `target`: two binary searches. On a forged unsorted
    /// table this only misses, it never panics.
    fn equal(&self, target: &[u8]) -> &'a [u32] {
        let lo = self.bound(0, target, false);
        let hi = self.bound(lo, target, true);
        self.ids.get(lo..hi).unwrap_or(&[])
    }
}

/// Position of `target` in a table of `n` distinct sorted strings (`get`), if present.
fn find_sorted<'b>(n: usize, get: impl Fn(usize) -> &'b [u8], target: &[u8]) -> Option<usize> {
    let (mut lo, mut hi) = (0usize, n);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        match get(mid).cmp(target) {
            std::cmp::Ordering::Less => lo = mid + 1,
            std::cmp::Ordering::Greater => hi = mid,
            std::cmp::Ordering::Equal => return Some(mid),
        }
    }
    None
}

impl Tables {
    /// Number of vocabulary tokens.
    fn token_count(&self) -> usize {
        self.tok_meta.len()
    }

    /// Number of names.
    fn name_count(&self) -> usize {
        self.name_entity.len()
    }

    /// The tokens in text order, as a searchable table.
    fn texts<'t>(&'t self) -> Sorted<'t, impl Fn(u32) -> &'t [u8] + 't> {
        Sorted {
            ids: &self.by_text,
            prefixes: &self.by_text_prefix,
            dir: &self.by_text_dir,
            stride: DIRECTORY_STRIDE,
            nul_free: self.texts_nul_free,
            get: move |id| self.text_bytes_of(id),
        }
    }

    /// The alphabetic tokens in key order, as a searchable table.
    fn keys<'t>(&'t self) -> Sorted<'t, impl Fn(u32) -> &'t [u8] + 't> {
        Sorted {
            ids: &self.by_key,
            prefixes: &self.by_key_prefix,
            dir: &self.by_key_dir,
            stride: DIRECTORY_STRIDE,
            nul_free: self.keys_nul_free,
            get: move |id| self.key_of(id),
        }
    }

    /// Computes `name_lens` from `name_offs`.
    fn derive_name_lens(&mut self) {
        self.name_lens = self
            .name_offs
            .windows(2)
            .map(|w| match *w {
                [a, b] => b.saturating_sub(a).min(u32::from(u8::MAX)) as u8,
                _ => 0,
            })
            .collect();
    }

    /// Whether token `id` has an abjad skeleton pattern (Arabic, Hebrew, Thai).
    fn is_pattern(&self, id: u32) -> bool {
        self.tok_meta
            .get(id as usize)
            .is_some_and(|&m| m & META_PATTERN != 0)
    }

    /// The number of tokens of name `id`, at most 255 (0 past the end).
    fn name_len(&self, id: u32) -> usize {
        usize::from(self.name_lens.get(id as usize).copied().unwrap_or(0))
    }

    /// Computes `by_text_prefix` and `by_key_prefix` from the sorted tables, and their
    /// directories.
    fn derive_prefixes(&mut self) {
        self.by_text_prefix = self
            .by_text
            .iter()
            .map(|&id| prefix_key(self.text_bytes_of(id)))
            .collect();
        self.by_key_prefix = self
            .by_key
            .iter()
            .map(|&id| prefix_key(self.key_of(id)))
            .collect();
        let every = |keys: &[u64]| keys.iter().step_by(DIRECTORY_STRIDE).copied().collect();
        self.by_text_dir = every(&self.by_text_prefix);
        self.by_key_dir = every(&self.by_key_prefix);
        self.texts_nul_free = !self.text.as_bytes().contains(&0);
        self.keys_nul_free = !self.keys.contains(&0);
    }

    /// Text of token `id` as bytes, for comparisons: no character-boundary check (a
    /// range of `text_offs` always holds whole characters; the load checks it).
    fn text_bytes_of(&self, id: u32) -> &[u8] {
        csr(&self.text_offs, id as usize)
            .and_then(|r| self.text.as_bytes().get(r))
            .unwrap_or(&[])
    }

    /// Text of token `id`.
    fn text_of(&self, id: u32) -> &str {
        csr(&self.text_offs, id as usize)
            .and_then(|r| self.text.get(r))
            .unwrap_or("")
    }

    /// Phonetic key of token `id`.
    fn key_of(&self, id: u32) -> &[u8] {
        csr(&self.key_offs, id as usize)
            .and_then(|r| self.keys.get(r))
            .unwrap_or(&[])
    }

    /// Token `id` as the glue table sees it, from the stored fields (no token prepared):
    /// what [`score::glueable`] and [`score::short_part`] read of a [`TokInfo`].
    fn glue_token(&self, id: u32) -> GlueToken<'_> {
        let meta = self.tok_meta.get(id as usize).copied().unwrap_or(0);
        let class = TokenClass::from_u8((meta & 0xFF) as u8);
        let pattern = self.is_pattern(id);
        let text = self.text_bytes_of(id);
        let key = self.key_of(id);
        // Abjad tokens have no stored key: their prepared key is empty too.
        let keyed = !pattern && !key.is_empty();
        GlueToken {
            text,
            key,
            glueable: !matches!(class, Some(TokenClass::Number | TokenClass::Initial))
                && (keyed || pattern),
            keyed,
            // At most 3 characters; an abjad token counts only as a particle, but has no
            // key to glue by anyway.
            short: pattern || text.iter().filter(|&&b| b & 0xC0 != 0x80).count() <= 3,
        }
    }

    /// Skeleton string `s`.
    fn skel_str(&self, s: usize) -> &[u8] {
        csr(&self.skel_offs, s)
            .and_then(|r| self.skels.get(r))
            .unwrap_or(&[])
    }

    /// Number of skeleton strings.
    fn skel_count(&self) -> usize {
        self.skel_offs.len().saturating_sub(1)
    }

    /// Token ids whose text is `text`, ascending.
    fn by_text(&self, text: &str) -> &[u32] {
        let text = text.as_bytes();
        if !self.may_hold(PRESENT_TEXT, text) {
            return &[];
        }
        match self.exact_ids(PRESENT_TEXT, text) {
            Some(ids) => ids,
            None => self.texts().equal(text),
        }
    }

    /// Alphabetic token ids whose key is `key`, ascending.
    fn by_key(&self, key: &[u8]) -> &[u32] {
        if !self.may_hold(PRESENT_KEY, key) {
            return &[];
        }
        match self.exact_ids(PRESENT_KEY, key) {
            Some(ids) => ids,
            None => self.keys().equal(key),
        }
    }

    /// Whether some token has text `text` or (a non-empty) phonetic key `key`.
    fn holds_text_or_key(&self, text: &str, key: &[u8]) -> bool {
        !self.by_text(text).is_empty() || (!key.is_empty() && !self.by_key(key).is_empty())
    }

    /// Whether the table of `kind` ([`PRESENT_TEXT`], [`PRESENT_KEY`]) may hold `s`:
    /// false only when it surely does not (true before `presence` is derived).
    fn may_hold(&self, kind: u8, s: &[u8]) -> bool {
        self.presence.is_empty() || has_bit(&self.presence, presence_bit(kind, s))
    }

    /// Computes `presence` from the texts and keys (natively only, see `presence`).
    fn derive_presence(&mut self) {
        if cfg!(target_arch = "wasm32") {
            return;
        }
        let mut bits = vec![0u64; PRESENCE_BITS / 64];
        for id in 0..self.token_count() as u32 {
            set_bit(
                &mut bits,
                presence_bit(PRESENT_TEXT, self.text_bytes_of(id)),
            );
        }
        for &id in &self.by_key {
            set_bit(&mut bits, presence_bit(PRESENT_KEY, self.key_of(id)));
        }
        self.presence = bits;
        self.derive_exact();
    }

    /// Token `id`'s text ([`PRESENT_TEXT`]) or key.
    fn exact_string(&self, kind: u8, id: u32) -> &[u8] {
        if kind == PRESENT_TEXT {
            self.text_bytes_of(id)
        } else {
            self.key_of(id)
        }
    }

    /// The sorted table of `kind`: `by_text` ([`PRESENT_TEXT`]) or `by_key`.
    fn exact_table_of(&self, kind: u8) -> &[u32] {
        if kind == PRESENT_TEXT {
            &self.by_text
        } else {
            &self.by_key
        }
    }

    /// The token ids whose text ([`PRESENT_TEXT`]) or key is `s`, found in `exact`
    /// (empty when absent); `None` when there is no such table (the wasm, whose code
    /// keeps the search alone).
    fn exact_ids(&self, kind: u8, s: &[u8]) -> Option<&[u32]> {
        if !NATIVE {
            return None;
        }
        let ids = self.exact_table_of(kind);
        let at = |e: ExactEntry| ids.get(e.lo as usize..e.hi as usize).unwrap_or(&[]);
        let same = |e: ExactEntry| {
            at(e)
                .first()
                .is_some_and(|&id| self.exact_string(kind, id) == s)
        };
        exact_find(&self.exact, kind, s, same).map(|found| found.map_or(&[][..], at))
    }

    /// Computes `exact` from the sorted texts and keys (natively only, see `exact`).
    fn derive_exact(&mut self) {
        if !NATIVE {
            return;
        }
        // The distinct strings of each table (runs of equal strings in sorted order), by
        // hash.
        let mut runs: Vec<(u64, u32, u32)> = Vec::new();
        for kind in [PRESENT_TEXT, PRESENT_KEY] {
            let ids = self.exact_table_of(kind);
            let mut lo = 0;
            while lo < ids.len() {
                let first = ids
                    .get(lo)
                    .map_or(&[][..], |&id| self.exact_string(kind, id));
                let mut hi = lo + 1;
                while ids
                    .get(hi)
                    .is_some_and(|&id| self.exact_string(kind, id) == first)
                {
                    hi += 1;
                }
                runs.push((exact_hash(kind, first), lo as u32, hi as u32));
                lo = hi;
            }
        }
        let mut table = vec![ExactEntry::default(); (2 * runs.len()).next_power_of_two().max(2)];
        let mask = table.len() - 1;
        for (h, lo, hi) in runs {
            let mut i = h as usize & mask;
            while table.get(i).is_some_and(|e| e.tag != 0) {
                i = (i + 1) & mask;
            }
            if let Some(slot) = table.get_mut(i) {
                *slot = ExactEntry {
                    tag: exact_tag(h),
                    lo,
                    hi,
                };
            }
        }
        self.exact = table;
    }

    /// Postings of skeleton string `s`.
    fn skel_postings(&self, s: usize) -> &[u32] {
        csr(&self.skel_post_offs, s)
            .and_then(|r| self.skel_ids.get(r))
            .unwrap_or(&[])
    }

    /// Token ids with skeleton (or abjad expansion) `skel`, ascending.
    fn by_skel(&self, skel: &[u8]) -> &[u32] {
        find_sorted(self.skel_count(), |s| self.skel_str(s), skel)
            .map(|s| self.skel_postings(s))
            .unwrap_or(&[])
    }

    /// Alphabetic token ids starting with letter `letter` (0 = `a`).
    fn by_first(&self, letter: usize) -> &[u32] {
        csr(&self.first_offs, letter)
            .and_then(|r| self.first_ids.get(r))
            .unwrap_or(&[])
    }

    /// Name ids holding token `id`.
    fn postings(&self, id: u32) -> &[u32] {
        csr(&self.post_offs, id as usize)
            .and_then(|r| self.post_ids.get(r))
            .unwrap_or(&[])
    }

    /// Rarity count of `key` (0 when unknown).
    fn rarity(&self, key: &[u8]) -> u32 {
        let n = self.rarity_df.len();
        let get = |i: usize| {
            csr(&self.rarity_offs, i)
                .and_then(|r| self.rarity_keys.get(r))
                .unwrap_or(&[])
        };
        find_sorted(n, get, key)
            .and_then(|i| self.rarity_df.get(i).copied())
            .unwrap_or(0)
    }

    /// Vocabulary ids of name `id`.
    fn name_tokens(&self, id: usize) -> &[u32] {
        csr(&self.name_offs, id)
            .and_then(|r| self.name_toks.get(r))
            .unwrap_or(&[])
    }

    /// The stored token `id` as a [`Token`] plus its rarity count.
    fn stored_token(&self, id: u32) -> Option<(Token, u32)> {
        let meta = *self.tok_meta.get(id as usize)?;
        let class = TokenClass::from_u8((meta & 0xFF) as u8)?;
        let script = Script::from_u8(((meta >> 8) & 0x7F) as u8)?;
        let pattern = if meta & META_PATTERN != 0 {
            let r = csr(&self.pat_offs, id as usize)?;
            let bytes = self.pats.get(r.start * 3..r.end * 3)?;
            Some(
                bytes
                    .chunks_exact(3)
                    .map(|s| {
                        Some(Slot {
                            a: s[0],
                            b: s[1],
                            kind: SlotKind::from_u8(s[2])?,
                        })
                    })
                    .collect::<Option<Vec<Slot>>>()?,
            )
        } else {
            None
        };
        let token = Token {
            text: self.text_of(id).to_string(),
            class,
            script,
            pattern,
        };
        Some((token, self.tok_df.get(id as usize).copied().unwrap_or(0)))
    }

    /// Prepares vocabulary token `id` from the stored fields. Abjad tokens go through
    /// [`TokInfo::new`] as at build time (they have no phonetic key; their expansions are
    /// recomputed once). Other tokens take the stored key and skeleton; their weights come
    /// from [`TokInfo::new`] on the token with an empty pattern, which skips the phonetic
    /// key and leaves the length/class/rarity weight unchanged (an empty pattern has no
    /// consonant to raise it); tests check the result equals `TokInfo::new` exactly.
    fn materialise(&self, id: u32) -> TokInfo {
        let Some((token, df)) = self.stored_token(id) else {
            return TokInfo::new(
                &Token {
                    text: String::new(),
                    class: TokenClass::Stopword,
                    script: Script::Other,
                    pattern: None,
                },
                0,
            );
        };
        if token.pattern.is_some() {
            return TokInfo::new(&token, df);
        }
        // The key and skeleton are stored: not computed again.
        let skel = self
            .tok_skel
            .get(id as usize)
            .map(|&s| self.skel_str(s as usize).to_vec())
            .unwrap_or_default();
        TokInfo::with_parts(token, df, None, self.key_of(id).to_vec(), skel)
    }
}

/// A name collected at build time.
struct BuildName {
    entity: u32,
    name: u32,
    weak: bool,
    tokens: Vec<u32>,
}

/// Pushes the end of the item just appended to a CSR offsets array.
fn push_off(offs: &mut Vec<u32>, len: usize) {
    offs.push(u32::try_from(len).unwrap_or(u32::MAX));
}

impl Tables {
    /// Computes every table from the vocabulary, the names (grouped by entity) and the
    /// sorted identifiers. Build time only: this is where the phonetic keys, skeletons,
    /// abjad expansions and rarity counts are computed.
    fn from_parts(tokens: &[Token], names: &[BuildName]) -> Tables {
        let mut t = Tables::default();
        // Rarity: number of entities carrying a rarity key.
        let token_keys: Vec<Vec<Vec<u8>>> = tokens.iter().map(TokInfo::rarity_keys).collect();
        let mut rarity: BTreeMap<Vec<u8>, u32> = BTreeMap::new();
        let mut last_entity: FxMap<Vec<u8>, u32> = FxMap::default();
        for n in names {
            for &tk in &n.tokens {
                for k in token_keys
                    .get(tk as usize)
                    .map(|v| v.as_slice())
                    .unwrap_or(&[])
                {
                    // Count each entity once per key (names are grouped by entity).
                    if last_entity.get(k) != Some(&(n.entity + 1)) {
                        last_entity.insert(k.clone(), n.entity + 1);
                        *rarity.entry(k.clone()).or_insert(0) += 1;
                    }
                }
            }
        }
        let df_of = |keys: &[Vec<u8>]| {
            keys.iter()
                .map(|k| rarity.get(k).copied().unwrap_or(0))
                .max()
                .unwrap_or(0)
        };
        let vocab: Vec<TokInfo> = tokens
            .iter()
            .zip(&token_keys)
            .map(|(tok, k)| TokInfo::new(tok, df_of(k)))
            .collect();

        // Skeleton strings (token skeletons and abjad expansions) → token ids.
        let mut skel_map: BTreeMap<Vec<u8>, Vec<u32>> = BTreeMap::new();
        let mut by_first: Vec<Vec<u32>> = vec![Vec::new(); 26];
        // Per pattern token, in id order: its expansions (none when wild).
        let mut expansions: Vec<&[Vec<u8>]> = Vec::new();
        push_off(&mut t.text_offs, 0);
        push_off(&mut t.key_offs, 0);
        push_off(&mut t.pat_offs, 0);
        for (id, (tok, info)) in tokens.iter().zip(&vocab).enumerate() {
            let id = id as u32;
            t.text.push_str(&info.text);
            push_off(&mut t.text_offs, t.text.len());
            t.keys.extend_from_slice(&info.key);
            push_off(&mut t.key_offs, t.keys.len());
            let mut meta = tok.class.to_u8() as u32 | (tok.script.to_u8() as u32) << 8;
            if let Some(p) = &tok.pattern {
                meta |= META_PATTERN;
                for s in p {
                    t.pats.extend_from_slice(&[s.a, s.b, s.kind.to_u8()]);
                }
            }
            push_off(&mut t.pat_offs, t.pats.len() / 3);
            t.tok_meta.push(meta);
            t.tok_df.push(df_of(&token_keys[id as usize]));
            let own = skel_map.entry(info.skel.to_vec()).or_default();
            if info.is_alpha() {
                if !info.skel.is_empty() {
                    own.push(id);
                }
                if let Some(&f) = info.text.as_bytes().first() {
                    if f.is_ascii_lowercase() {
                        by_first[(f - b'a') as usize].push(id);
                    }
                }
            }
            if info.pattern.is_some() {
                match &info.expansions {
                    Some(ex) => {
                        for e in ex {
                            // Each token once per string, as the decoder derives them.
                            let ids = skel_map.entry(e.clone()).or_default();
                            if ids.last() != Some(&id) {
                                ids.push(id);
                            }
                        }
                    }
                    None => t.wild.push(id),
                }
                expansions.push(info.expansions.as_deref().unwrap_or(&[]));
            }
            if fuzzy_eligible(info) {
                t.fuzzy_sorted.push(id);
            }
        }
        // Skeleton string ids follow the sorted order of the strings.
        let skel_id: FxMap<&[u8], u32> = skel_map
            .keys()
            .enumerate()
            .map(|(i, s)| (s.as_slice(), i as u32))
            .collect();
        t.tok_skel = vocab
            .iter()
            .map(|v| skel_id.get(v.skel.as_slice()).copied().unwrap_or(0))
            .collect();
        push_off(&mut t.exp_offs, 0);
        for ex in &expansions {
            t.exp_skels
                .extend(ex.iter().filter_map(|e| skel_id.get(e.as_slice()).copied()));
            push_off(&mut t.exp_offs, t.exp_skels.len());
        }
        push_off(&mut t.skel_offs, 0);
        push_off(&mut t.skel_post_offs, 0);
        for (s, ids) in &skel_map {
            t.skels.extend_from_slice(s);
            push_off(&mut t.skel_offs, t.skels.len());
            t.skel_ids.extend_from_slice(ids);
            push_off(&mut t.skel_post_offs, t.skel_ids.len());
        }
        push_off(&mut t.first_offs, 0);
        for ids in &by_first {
            t.first_ids.extend_from_slice(ids);
            push_off(&mut t.first_offs, t.first_ids.len());
        }
        let text = |id: &u32| vocab[*id as usize].text.as_bytes();
        t.by_text = (0..tokens.len() as u32).collect();
        t.by_text
            .sort_by(|a, b| text(a).cmp(text(b)).then(a.cmp(b)));
        t.by_key = (0..tokens.len() as u32)
            .filter(|&id| vocab[id as usize].is_alpha())
            .collect();
        t.by_key.sort_by(|a, b| {
            vocab[*a as usize]
                .key
                .cmp(&vocab[*b as usize].key)
                .then(a.cmp(b))
        });
        t.fuzzy_sorted
            .sort_by(|a, b| text(a).cmp(text(b)).then(a.cmp(b)));
        push_off(&mut t.name_offs, 0);
        for n in names {
            t.name_toks.extend_from_slice(&n.tokens);
            push_off(&mut t.name_offs, t.name_toks.len());
            t.name_entity.push(n.entity);
            t.name_pos.push(n.name);
            t.name_weak.push(n.weak as u8);
        }
        (t.post_offs, t.post_ids) = postings_of(tokens.len(), &t.name_offs, &t.name_toks);
        t.derive_prefixes();
        t.derive_name_lens();
        t.derive_presence();
        push_off(&mut t.rarity_offs, 0);
        for (k, df) in &rarity {
            t.rarity_keys.extend_from_slice(k);
            push_off(&mut t.rarity_offs, t.rarity_keys.len());
            t.rarity_df.push(*df);
        }
        t
    }
}

impl NameIndex {
    /// Builds the index for `entities` (the same normalisation runs at query time).
    pub fn build(entities: &[Entity]) -> NameIndex {
        let mut tokens: Vec<Token> = Vec::new();
        let mut ids: FxMap<Token, u32> = FxMap::default();
        let mut names: Vec<BuildName> = Vec::new();
        for (ei, e) in entities.iter().enumerate() {
            let mut seen: Vec<Vec<u32>> = Vec::new();
            // Strong names first so that a name listed both strong and weak counts strong.
            let mut order: Vec<usize> = (0..e.names.len()).collect();
            order.sort_by_key(|&ni| (e.names[ni].strength == AliasStrength::Weak, ni));
            for ni in order {
                let name = &e.names[ni];
                let toks = normalize_name(&name.full, name.language.as_deref());
                if toks.is_empty() {
                    continue;
                }
                let tids: Vec<u32> = toks
                    .into_iter()
                    .map(|t| {
                        let next = tokens.len() as u32;
                        *ids.entry(t.clone()).or_insert_with(|| {
                            tokens.push(t);
                            next
                        })
                    })
                    .collect();
                if seen.contains(&tids) {
                    continue;
                }
                seen.push(tids.clone());
                let weak = name.strength == AliasStrength::Weak && name.kind != NameKind::Primary;
                names.push(BuildName {
                    entity: ei as u32,
                    name: ni as u32,
                    weak,
                    tokens: tids,
                });
            }
        }
        // Token ids follow the order of the token texts (ties in first-seen order): the
        // text-sorted lookup is then the identity and need not be stored, the
        // edit-distance and first-letter lists are ascending (stored as small steps), and
        // sorted texts compress better (index version 5).
        let mut order: Vec<u32> = (0..tokens.len() as u32).collect();
        order.sort_by(|&a, &b| {
            tokens[a as usize]
                .text
                .as_bytes()
                .cmp(tokens[b as usize].text.as_bytes())
                .then(a.cmp(&b))
        });
        let mut renumber = vec![0u32; tokens.len()];
        for (new, &old) in order.iter().enumerate() {
            renumber[old as usize] = new as u32;
        }
        let mut slots: Vec<Option<Token>> = tokens.into_iter().map(Some).collect();
        let tokens: Vec<Token> = order
            .iter()
            .filter_map(|&old| slots.get_mut(old as usize).and_then(Option::take))
            .collect();
        for n in &mut names {
            for t in &mut n.tokens {
                *t = renumber[*t as usize];
            }
        }
        // Names are stored in entity order; keep a deterministic order within entities.
        names.sort_by_key(|n| (n.entity, n.name));
        NameIndex::from_tables(
            Tables::from_parts(&tokens, &names),
            Listed::new(&listed_identifiers(entities)),
        )
    }

    /// The index over stored tables, with no token prepared yet.
    fn from_tables(t: Tables, listed: Listed) -> NameIndex {
        let mut vocab = Vec::new();
        vocab.resize_with(t.token_count(), OnceLock::new);
        NameIndex {
            t,
            vocab,
            derived: OnceLock::new(),
            listed,
            idents: OnceLock::new(),
        }
    }

    /// The identifier table, made on first use.
    fn idents(&self) -> &IdentTable {
        self.idents.get_or_init(|| IdentTable::new(&self.listed))
    }

    /// Number of indexed names.
    pub fn name_count(&self) -> usize {
        self.t.name_count()
    }

    /// Number of distinct tokens.
    pub fn vocabulary_size(&self) -> usize {
        self.t.token_count()
    }

    /// One indexed name.
    pub fn name(&self, id: u32) -> Option<IndexedName<'_>> {
        let i = id as usize;
        Some(IndexedName {
            entity: *self.t.name_entity.get(i)?,
            name: *self.t.name_pos.get(i)?,
            weak: *self.t.name_weak.get(i)? == 1,
            tokens: self.t.name_tokens(i),
        })
    }

    /// The prepared vocabulary token `id` (prepared on first use, then shared).
    pub fn token(&self, id: u32) -> Option<&TokInfo> {
        let cell = self.vocab.get(id as usize)?;
        Some(cell.get_or_init(|| Box::new(self.t.materialise(id))))
    }

    /// The prepared tokens of name `id`, in order (empty for an unknown name).
    pub fn name_tokens(&self, id: u32) -> Vec<&TokInfo> {
        self.t
            .name_tokens(id as usize)
            .iter()
            .filter_map(|&t| self.token(t))
            .collect()
    }

    /// Entities whose identifier equals `value` once normalised (documents or crypto).
    pub fn find_identifier(&self, value: &str, crypto: bool) -> Vec<IndexedIdent<'_>> {
        let v = if crypto {
            normalize_crypto(value)
        } else {
            normalize_document(value)
        };
        let min = if crypto {
            MIN_CRYPTO_LEN
        } else {
            MIN_DOCUMENT_LEN
        };
        if v.chars().count() < min {
            return Vec::new();
        }
        let table = self.idents();
        let n = table.order.len();
        let at = |i: usize| table.order.get(i).and_then(|k| table.get(&self.listed, k));
        let value_of = |i: usize| at(i).map_or("", |x| x.value);
        // Lower bound by binary search (the table is checked sorted at decode).
        let (mut lo, mut hi) = (0usize, n);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if value_of(mid) < v.as_str() {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        (lo..n)
            .map_while(|i| at(i).filter(|x| x.value == v))
            .filter(|x| x.crypto == crypto)
            .collect()
    }

    /// The names whose tokens have exactly the texts of `tokens`, in order (at most
    /// `most`, lowest ids first): found through the postings of the query token with the
    /// fewest, so the cost is that of one token's postings.
    pub fn names_spelled(&self, tokens: &[Token], most: usize) -> Vec<u32> {
        let postings_of = |t: &Token| -> usize {
            self.t
                .by_text(&t.text)
                .iter()
                .map(|&id| self.t.postings(id).len())
                .sum()
        };
        let Some(rarest) = tokens.iter().min_by_key(|t| postings_of(t)) else {
            return Vec::new();
        };
        let mut names: Vec<u32> = Vec::new();
        for &id in self.t.by_text(&rarest.text) {
            for &nm in self.t.postings(id) {
                let toks = self.t.name_tokens(nm as usize);
                if toks.len() == tokens.len()
                    && toks
                        .iter()
                        .zip(tokens)
                        .all(|(&t, q)| self.t.text_of(t) == q.text)
                {
                    names.push(nm);
                }
            }
        }
        crate::sort::sort_ids(&mut names);
        names.dedup();
        names.truncate(most);
        names
    }

    /// Prepares a normalised query: token weights from this index's rarity counts, and
    /// the glued items.
    pub fn prepare(&self, tokens: Vec<Token>) -> PreparedQuery {
        let mut unlimited = WorkMeter::unlimited();
        self.prepare_metered(tokens, &mut unlimited)
            .unwrap_or_else(|_| PreparedQuery {
                tokens: Vec::new(),
                infos: Vec::new(),
                items: Vec::new(),
            })
    }

    /// [`NameIndex::prepare`], charging each item prepared to `meter`; `Err` with the
    /// tokens given back, before the costly part, when the items would take the meter over
    /// its limit.
    pub fn prepare_metered(
        &self,
        tokens: Vec<Token>,
        meter: &mut WorkMeter,
    ) -> Result<PreparedQuery, Vec<Token>> {
        meter.charge(Step::Item, tokens.len());
        if meter.exhausted() {
            return Err(tokens);
        }
        let infos: Vec<TokInfo> = tokens
            .iter()
            .map(|t| TokInfo::counted(t, |k| self.t.rarity(k)))
            .collect();
        let affordable = meter.affordable(Step::Item);
        // A split half is kept when its text or key is a vocabulary token's (it matches
        // only so, `score::part_similarity`), with its other half.
        let Some((items, counted)) = score::query_items(
            &tokens,
            &infos,
            affordable.saturating_add(infos.len()),
            |text| !self.t.by_text(text).is_empty(),
            |text, key| self.t.holds_text_or_key(text, key),
        ) else {
            return Err(tokens);
        };
        meter.charge(Step::Item, counted.saturating_sub(infos.len()));
        let items = self.prune_items(items);
        Ok(PreparedQuery {
            tokens,
            infos,
            items,
        })
    }

    /// Drops glued items that cannot match any vocabulary token (their text, key and
    /// skeleton are unknown to the index; those that match only their text, and split
    /// halves, were kept only when known, as they were built). Decided once per query, so
    /// the indexed and the exhaustive paths score the very same items.
    fn prune_items(&self, items: Vec<QueryItem>) -> Vec<QueryItem> {
        let known = |t: &TokInfo| -> bool {
            if self.t.holds_text_or_key(&t.text, &t.key) {
                return true;
            }
            if !t.skel.is_empty() && !self.t.by_skel(&t.skel).is_empty() {
                return true;
            }
            match (&t.pattern, &t.expansions) {
                (Some(_), Some(ex)) => {
                    ex.iter().any(|e| !self.t.by_skel(e).is_empty()) || !self.t.wild.is_empty()
                }
                (Some(_), None) => true,
                _ => false,
            }
        };
        items
            .into_iter()
            .filter(|it| match it.kind {
                ItemKind::Whole if it.len > 1 && !it.glue_exact => known(&it.info),
                _ => true,
            })
            .collect()
    }

    /// Every vocabulary token that `q` matches, with its similarity.
    fn enumerate_matches(&self, item: &QueryItem, meter: &mut WorkMeter) -> TokenMatches {
        // Room for a typical word's candidates, the walk's included, without growing.
        let mut cand: Vec<u32> = Vec::with_capacity(256);
        if let Some(budget) = self.lookup_candidates(item, meter, &mut cand) {
            let rows = self
                .derived()
                .fuzzy
                .within(item.info.text.as_bytes(), budget, &mut cand);
            meter.charge(Step::WalkRow, rows);
        }
        self.matches_of(item, cand, meter, Step::Comparison)
    }

    /// Appends to `cand` the tokens `item`'s lookups find (same text, key, skeleton,
    /// given-name forms, ...) but for the edit-distance walk, and returns the walk's
    /// budget when the item takes part in it: together a superset of the tokens the item
    /// matches ([`score::item_similarity`]).
    fn lookup_candidates(
        &self,
        item: &QueryItem,
        meter: &mut WorkMeter,
        cand: &mut Vec<u32>,
    ) -> Option<Budget> {
        let q = &item.info;
        if let ItemKind::SplitPart { .. } = item.kind {
            // Split halves match exactly or by phonetic key only (`item_similarity` of a
            // half is `part_similarity`).
            cand.extend_from_slice(self.t.by_text(&q.text));
            cand.extend_from_slice(self.t.by_key(&q.key));
            return None;
        }
        cand.extend_from_slice(self.t.by_text(&q.text));
        // A legal form meets the other forms of its legal nature.
        if q.class == TokenClass::LegalForm {
            if let Some(family) = crate::screen::normalize::legal_family(&q.text) {
                for member in crate::screen::normalize::legal_family_members(family) {
                    cand.extend_from_slice(self.t.by_text(member));
                }
            }
        }
        if !q.exact_only() && !item.glue_exact {
            if q.class == TokenClass::Initial {
                if let Some(&f) = q.text.as_bytes().first() {
                    if f.is_ascii_lowercase() {
                        cand.extend_from_slice(self.t.by_first((f - b'a') as usize));
                    }
                }
            } else if let Some(pattern) = &q.pattern {
                match &q.expansions {
                    Some(ex) => {
                        for e in ex {
                            cand.extend_from_slice(self.t.by_skel(e));
                        }
                    }
                    None => match phonetic::PatternNfa::new(pattern) {
                        Some(nfa) => {
                            let visited = self.skeletons_of_pattern(&nfa, cand);
                            meter.charge(Step::Skeleton, visited);
                        }
                        None => {
                            meter.charge(Step::Skeleton, self.t.skel_count());
                            for s in 0..self.t.skel_count() {
                                let v = self.t.skel_postings(s);
                                if !v.is_empty()
                                    && phonetic::pattern_matches(pattern, self.t.skel_str(s))
                                {
                                    cand.extend_from_slice(v);
                                }
                            }
                        }
                    },
                }
                cand.extend_from_slice(&self.t.wild);
            } else if q.is_alpha() {
                // A list initial matches this word's first letter.
                if let Some(first) = q.text.get(..1) {
                    cand.extend_from_slice(self.t.by_text(first));
                }
                // Same key: also every spelling that differs by doubled letters.
                cand.extend_from_slice(self.t.by_key(&q.key));
                // The tokens of the same consonant skeleton: the abjad ones (a spelled
                // word meets them by skeleton) and, for a single word of 5 letters and 4
                // consonants or more, the spelled ones too. `spelling_similarity` accepts
                // a spelled token by skeleton alone only then (`SIM_SKELETON`); every
                // other rule accepts partners the other lookups find (same text, same key,
                // given-name forms, the edit-distance walk). Short skeletons are shared by
                // hundreds of spellings, each prepared and compared for nothing before.
                let skeleton = self.t.by_skel(&q.skel);
                if item.len == 1 && q.len >= 5 && q.skel.len() >= 4 {
                    cand.extend_from_slice(skeleton);
                } else {
                    cand.extend(skeleton.iter().filter(|&&id| self.t.is_pattern(id)));
                }
                cand.extend_from_slice(&self.t.wild);
                // The other forms of a given name, looked up like exact texts.
                if item.len == 1 && q.class == TokenClass::Word {
                    for form in given_names::equivalents(&q.text) {
                        cand.extend_from_slice(self.t.by_text(form));
                    }
                }
                // Glued query tokens do not take part in edit-distance matching.
                if fuzzy_eligible(q) && item.len == 1 {
                    return Some(fuzzy_budget(q));
                }
            }
        }
        None
    }

    /// Appends the tokens of every skeleton string `nfa` accepts (a pattern with too many
    /// expansions to look up one by one), walking the sorted skeleton table as a trie: a
    /// prefix no reading of the pattern begins with is skipped with every string under it
    /// (found by binary search). Returns the strings visited, the measure of the work.
    fn skeletons_of_pattern(&self, nfa: &phonetic::PatternNfa, out: &mut Vec<u32>) -> usize {
        let n = self.t.skel_count();
        // states[d]: the state after the first d letters of the current string.
        let mut states: Vec<u64> = vec![nfa.start()];
        let mut prev: &[u8] = &[];
        let mut visited = 0;
        let mut k = 0;
        while k < n {
            let s = self.t.skel_str(k);
            visited += 1;
            let shared = prev.iter().zip(s).take_while(|(a, b)| a == b).count();
            states.truncate(shared.min(states.len() - 1) + 1);
            let mut dead: Option<usize> = None;
            for (d, &c) in s.iter().enumerate().skip(states.len() - 1) {
                let next = states.last().map_or(0, |&st| nfa.step(st, c));
                if next == 0 {
                    dead = Some(d + 1);
                    break;
                }
                states.push(next);
            }
            prev = s;
            match dead.and_then(|p| s.get(..p)) {
                Some(prefix) => {
                    // The strings after `k` that begin with `prefix` come right after it.
                    let (mut lo, mut hi) = (k + 1, n);
                    while lo < hi {
                        let mid = lo + (hi - lo) / 2;
                        if self.t.skel_str(mid).starts_with(prefix) {
                            lo = mid + 1;
                        } else {
                            hi = mid;
                        }
                    }
                    k = lo;
                }
                None => {
                    if states.len() == s.len() + 1
                        && states.last().is_some_and(|&st| nfa.accepts(st))
                    {
                        out.extend_from_slice(self.t.skel_postings(k));
                    }
                    k += 1;
                }
            }
        }
        visited
    }

    /// The tokens of `ids` that `item` matches, with the similarity, sorted by token id
    /// (looked up by binary search when scoring): `ids` sorted and de-duplicated here.
    fn matches_of(
        &self,
        item: &QueryItem,
        mut ids: Vec<u32>,
        meter: &mut WorkMeter,
        each: Step,
    ) -> TokenMatches {
        if ids.len() > 16 && ids.windows(2).any(|w| w[0] > w[1]) {
            // Several lookups' lists: distinct and in order by a bit set.
            let mut distinct = TokenSet::new(&TOKEN_BITS, self.t.token_count());
            for &id in &ids {
                distinct.insert(id);
            }
            ids = distinct.into_sorted_members();
        } else {
            crate::sort::sort_ids(&mut ids);
            ids.dedup();
        }
        meter.charge(each, ids.len());
        // A plain loop, not an iterator chain: at opt-level "z" each adapter stays a call
        // per token, and this runs for every candidate token of every query item.
        let mut out: TokenMatches = Vec::with_capacity(ids.len());
        for id in ids {
            if let Some(s) = self.token(id).and_then(|t| score::item_similarity(item, t)) {
                out.push((id, s));
            }
        }
        out
    }

    /// The distinct tokens of `names`, in id order; `None` when the names hold more than
    /// [`AMONG_REACHED_MAX_TOKENS`] tokens (the vocabulary walk is cheaper then).
    fn tokens_of_names(&self, names: &[u32]) -> Option<Vec<u32>> {
        // Distinct tokens only (names share many), found by a bit set, not by sorting
        // every occurrence; the limit counts occurrences.
        let mut distinct = TokenSet::new(&TOKEN_BITS, self.t.token_count());
        let mut occurrences = 0;
        for &nm in names {
            let toks = self.t.name_tokens(nm as usize);
            occurrences += toks.len();
            if occurrences > AMONG_REACHED_MAX_TOKENS {
                return None;
            }
            for &t in toks {
                distinct.insert(t);
            }
        }
        Some(distinct.into_sorted_members())
    }

    /// [`NameIndex::matches_among`] the distinct tokens of the names `reached`
    /// ([`NameIndex::tokens_of_names`]), kept in `glance` with the number of names they
    /// were gathered from: gathered again only when names were reached since. `None` when
    /// those names hold too many tokens.
    fn matches_among_reached(
        &self,
        item: &QueryItem,
        glance: &mut Option<(usize, Option<Vec<u32>>)>,
        reached: &Reached,
        meter: &mut WorkMeter,
    ) -> Option<TokenMatches> {
        let touched = &reached.touched;
        if glance.as_ref().map_or(true, |(n, _)| *n != touched.len()) {
            *glance = Some((touched.len(), self.tokens_of_names(touched)));
        }
        let members = glance.as_ref().and_then(|(_, t)| t.as_deref())?;
        Some(self.matches_among(item, members, meter))
    }

    /// What [`NameIndex::enumerate_matches`] returns, restricted to `members`, the
    /// distinct tokens of the names reached ([`NameIndex::tokens_of_names`], in id order,
    /// so the scorer finds them the same way). Exact on those tokens: only the tokens the
    /// enumeration could find are compared (its lookups but the walk, and the tokens
    /// within the walk's edit budget), and it finds every match of `item_similarity`.
    fn matches_among(
        &self,
        item: &QueryItem,
        members: &[u32],
        meter: &mut WorkMeter,
    ) -> TokenMatches {
        // Almost none of them matches (the names were reached through other words): a
        // token the lookups did not find and outside the edit budget is passed over on
        // the stored text, before its prepared form is read (a cache miss or two each).
        let mut found: Vec<u32> = Vec::with_capacity(64);
        let budget = self.lookup_candidates(item, meter, &mut found);
        crate::sort::sort_ids(&mut found);
        let query = item.info.text.as_bytes();
        meter.charge(Step::Posting, members.len());
        // Both lists are in id order: the lookups' tokens are met by a merge, not
        // searched for each member.
        let mut found = found.iter().copied().peekable();
        let kept: Vec<u32> = members
            .iter()
            .copied()
            .filter(|&t| {
                while found.next_if(|&f| f < t).is_some() {}
                found.peek() == Some(&t)
                    || budget
                        .as_ref()
                        .is_some_and(|b| b.accepts(query, self.t.text_bytes_of(t)))
            })
            .collect();
        self.matches_of(item, kept, meter, Step::Glance)
    }

    /// The names (of at least `min_len` tokens, and `wanted`) where adjacent tokens glue
    /// to `item`, with the similarity of the best such glue.
    ///
    /// The names come from the glue table ([`GlueTable`]): the runs of 2 or 3 adjacent
    /// listed tokens whose texts, or keys, end to end hash like the query token's; each
    /// is then checked by [`NameIndex::list_glue`].
    fn list_glue_hits(
        &self,
        item: &QueryItem,
        min_len: usize,
        wanted: impl Fn(u32) -> bool,
        meter: &mut WorkMeter,
    ) -> Vec<(u32, f64)> {
        if !(item.len == 1 && item.kind == ItemKind::Whole && score::glueable(&item.info)) {
            return Vec::new();
        }
        let q = &item.info;
        // A glue by key needs a word of more than 3 letters outside Han
        // (`score::list_glue_similarity`): otherwise only the texts are looked up.
        let by_key = q.is_alpha() && q.script != Script::Han && q.len > 3;
        let mut glue_names: Vec<u32> = Vec::new();
        let read = self.derived().glue.names_gluing(
            q.text.as_bytes(),
            by_key.then_some(q.key.as_slice()),
            &mut glue_names,
        );
        meter.charge(Step::Posting, read);
        crate::sort::sort_ids(&mut glue_names);
        glue_names.dedup();
        meter.charge(Step::Comparison, glue_names.len());
        // Only names where adjacent tokens really glue to it, at that similarity.
        glue_names
            .into_iter()
            .filter(|&nm| wanted(nm) && self.t.name_len(nm) >= min_len)
            .filter_map(|nm| {
                let sim = self.list_glue(q, nm);
                (sim > 0.0).then_some((nm, sim))
            })
            .collect()
    }

    /// Whether the texts or the keys of the tokens `run` end to end equal `q`'s, which a
    /// list-side glue needs: checked on the stored tables before any token is prepared.
    fn run_glues_to(&self, run: &[u32], q: &TokInfo) -> bool {
        let texts = run.iter().map(|&t| self.t.text_bytes_of(t));
        let keys = run.iter().map(|&t| self.t.key_of(t));
        score::texts_glue_to(texts, q.text.as_bytes()) || score::keys_glue_to(keys, &q.key)
    }

    /// The best [`score::list_glue_similarity`] of query token `q` over every run of 2-3
    /// adjacent tokens of name `nm` (0 when none glues). A run whose texts or keys do not
    /// spell `q` end to end cannot glue, and is passed over before its tokens are prepared
    /// ([`NameIndex::run_glues_to`]): names holding such short tokens are many.
    fn list_glue(&self, q: &TokInfo, nm: u32) -> f64 {
        let ids = self.t.name_tokens(nm as usize);
        let mut best: f64 = 0.0;
        for start in 0..ids.len() {
            for len in 2..=3usize {
                let Some(run) = ids.get(start..start + len) else {
                    break;
                };
                if !self.run_glues_to(run, q) {
                    continue;
                }
                let parts: Vec<&TokInfo> = run.iter().filter_map(|&t| self.token(t)).collect();
                if parts.len() == len {
                    if let Some(sim) = score::list_glue_similarity(q, &parts) {
                        best = best.max(sim);
                    }
                }
            }
        }
        best
    }

    /// Builds now the tables otherwise built by the first query (the edit-distance word
    /// list, the glue table): a snapshot loaded to screen in a browser pays it
    /// with the load, so that no query pays it (see `snapshot::load_active`).
    pub fn prepare_for_queries(&self) {
        self.derived();
    }

    /// Builds now the sorted identifier table, otherwise built by the first look-up of an
    /// identifier (5-8 ms in wasm on every list: too much to add to a load, so a page
    /// calls this when idle after loading; see the wasm `prepareIdentifiers`).
    pub fn prepare_identifiers(&self) {
        self.idents();
    }

    /// The tables built on first use.
    fn derived(&self) -> &Derived {
        self.derived.get_or_init(|| {
            let fuzzy = FuzzyWords::new(
                self.t
                    .fuzzy_sorted
                    .iter()
                    .map(|&id| (id, self.t.text_bytes_of(id))),
            );
            let glue = GlueTable::build(
                self.t.token_count(),
                |id| self.t.glue_token(id),
                self.name_count(),
                |nm| self.t.name_tokens(nm as usize),
            );
            Derived { fuzzy, glue }
        })
    }

    /// The rows of walking the words that begin with another letter than a query word
    /// `text`, for each partner length where its edit-distance lookup charges them (see
    /// [`crate::screen::fuzzy::other_letter_rows_charged`], calibrated on these); empty
    /// for a word that takes no part in it.
    pub fn other_letter_walk_rows(&self, text: &str) -> Vec<(usize, usize, usize)> {
        let budget = fuzzy_budget_of_length(text.len());
        self.derived()
            .fuzzy
            .other_letter_walk_rows(text.as_bytes(), budget)
    }

    /// The rows of walking the words that begin with a query word `text`'s own letter,
    /// by partner length, beside how many such words there are (see
    /// [`crate::screen::fuzzy::FuzzyWords::same_letter_walk_rows`]); empty for a word that
    /// takes no part in the edit-distance lookup.
    pub fn same_letter_walk_rows(&self, text: &str) -> Vec<(usize, usize, usize, usize)> {
        let budget = fuzzy_budget_of_length(text.len());
        self.derived()
            .fuzzy
            .same_letter_walk_rows(text.as_bytes(), budget)
    }

    /// Query items worth looking up (MaxScore). A set `N` of query tokens is skipped when
    /// a name matched through `N` alone stays below `threshold` even at best: all of `N`
    /// matched with similarity 1 and every other token unmatched at its lowest cost
    /// gives `cq = W(N) / (W(N) + sum of w x MIN_UNMATCHED_FACTOR outside N) < threshold`, and
    /// the score never exceeds `cq`. Computed for both weightings (person or not).
    fn essential_items(&self, q: &PreparedQuery, threshold: f64) -> Vec<bool> {
        let n = q.infos.len();
        let mut essential_single = vec![false; n];
        for candidate in [EntityType::Person, EntityType::Organization] {
            let w: Vec<f64> = q
                .infos
                .iter()
                .map(|t| t.effective_weight(candidate))
                .collect();
            let total: f64 = w.iter().sum();
            if total <= 0.0 {
                continue;
            }
            let full: Vec<f64> = q
                .infos
                .iter()
                .map(|t| t.effective_full_weight(candidate))
                .collect();
            let cost = |i: usize| full[i] * score::MIN_UNMATCHED_FACTOR;
            // Legal forms and stopwords match only themselves (never distinctive): when the
            // query has a distinctive token, a name matched only through them scores 0, so
            // they are never looked up, but they count as possibly matched.
            let has_distinctive = q.infos.iter().any(|t| t.is_distinctive(candidate));
            let never = |i: usize| {
                has_distinctive
                    && matches!(
                        q.infos[i].class,
                        TokenClass::LegalForm | TokenClass::Stopword
                    )
            };
            let mut in_n = vec![false; n];
            let mut num: f64 = 0.0;
            let mut rest: f64 = (0..n).map(cost).sum();
            for i in (0..n).filter(|&i| never(i)) {
                in_n[i] = true;
                num += w[i];
                rest -= cost(i);
            }
            let below = |num: f64, rest: f64| num + rest <= 0.0 || num / (num + rest) < threshold;
            if below(num, rest) {
                let mut order: Vec<usize> = (0..n).filter(|&i| !never(i)).collect();
                crate::sort::sort_by(&mut order, |&a, &b| {
                    w[a].partial_cmp(&w[b])
                        .unwrap_or(std::cmp::Ordering::Equal)
                        .then(a.cmp(&b))
                });
                for i in order {
                    let (num2, rest2) = (num + w[i], rest - cost(i));
                    if below(num2, rest2) {
                        num = num2;
                        rest = rest2;
                        in_n[i] = true;
                    } else {
                        break;
                    }
                }
            }
            for i in 0..n {
                // A zero-weight token never lifts cq: a match through it alone scores 0.
                if !in_n[i] && w[i] > 0.0 {
                    essential_single[i] = true;
                }
            }
        }
        q.items
            .iter()
            .map(|it| {
                (it.start..it.start + it.len)
                    .any(|i| essential_single.get(i).copied().unwrap_or(false))
            })
            .collect()
    }

    /// Candidate names for `q`: every name whose score can reach `threshold` (exactly as
    /// an exhaustive scan would find them).
    pub fn candidates(&self, q: &PreparedQuery, threshold: f64) -> Candidates {
        self.candidates_capped(q, threshold, usize::MAX)
    }

    /// [`NameIndex::candidates`], keeping at most `cap` names: when more can reach the
    /// threshold, those with the highest score bound (then the lowest ids) are kept and
    /// [`Candidates::dropped`] counts the others. The cap bounds the scoring work of one
    /// query; the caller must not report `clear` when something was dropped.
    pub fn candidates_capped(&self, q: &PreparedQuery, threshold: f64, cap: usize) -> Candidates {
        let mut unlimited = WorkMeter::unlimited();
        self.candidates_cached(
            q,
            threshold,
            cap,
            &mut MatchCache::default(),
            &mut unlimited,
        )
    }

    /// [`NameIndex::candidates_capped`] with the vocabulary matches of items already
    /// looked up for another reading of the same name (`cache`, filled here): readings
    /// share most of their words. The work is charged to `meter`; when it runs out, the
    /// lookups stop and the result is [`Candidates::work_limited`], with only the
    /// [`AFTER_LIMIT_SCORED`] reached names that cover the most of the query (to be scored
    /// directly: their lookups are incomplete).
    pub fn candidates_cached(
        &self,
        q: &PreparedQuery,
        threshold: f64,
        cap: usize,
        cache: &mut MatchCache,
        meter: &mut WorkMeter,
    ) -> Candidates {
        if threshold <= 0.0 || q.infos.is_empty() {
            let count = self.name_count();
            return Candidates {
                names: (0..count.min(cap) as u32).collect(),
                item_matches: vec![None; q.items.len()],
                exhaustive: true,
                dropped: count.saturating_sub(cap),
                work_limited: false,
                memo: Default::default(),
            };
        }
        let essential = self.essential_items(q, threshold);
        let n = q.infos.len();
        // Queries of more than 64 tokens are not bounded: every reached name is scored.
        let bounded = n <= 64;
        let mut reached = Reached {
            slot: take_slots(self.name_count()),
            bits: take_zeroed(&REACHED_BITS, self.name_count().div_ceil(64)),
            touched: take_empty(&REACHED_NAMES),
            best: take_empty(&REACHED_BEST),
            width: if bounded { n } else { 0 },
            glued: take_empty(&REACHED_GLUED),
        };
        // Every vocabulary token some query item matches: a listed token outside it (and
        // outside a glue) is left unmatched, whatever the alignment.
        let mut matchable = TokenSet::new(&MATCHABLE_BITS, self.t.token_count());
        let mut item_matches: Vec<Option<TokenMatches>> = vec![None; q.items.len()];
        let mut looked_up = vec![false; n];
        // The distinct tokens of the reached names (when few enough) and how many names
        // they were gathered from: what a word that reaches no name is glanced at.
        let mut glance_tokens: Option<(usize, Option<Vec<u32>>)> = None;
        // Items already looked up: (item index, its list-side glue hits).
        let mut looked: Vec<(usize, Vec<(u32, f64)>)> = Vec::new();
        // The matches of split halves, found with the other half of their pair.
        let mut split_matches: Vec<Option<TokenMatches>> = vec![None; q.items.len()];
        // Essential items first: they reach the names. The others are then looked up too,
        // but only to tell which reached names they can match (and how well): a name they
        // alone reach cannot get to the threshold, and a token that cannot match a name
        // lowers its bound.
        struct Weighting {
            candidate: EntityType,
            w: Vec<f64>,
            cost: Vec<f64>,
            cost_positional: Vec<f64>,
        }
        let weightings: Vec<Weighting> = [EntityType::Person, EntityType::Organization]
            .iter()
            .map(|&c| {
                let full = |i: usize| q.infos[i].effective_full_weight(c);
                Weighting {
                    candidate: c,
                    w: q.infos.iter().map(|t| t.effective_weight(c)).collect(),
                    cost: (0..n)
                        .map(|i| full(i) * score::MIN_UNMATCHED_FACTOR)
                        .collect(),
                    cost_positional: (0..n)
                        .map(|i| {
                            full(i)
                                * if score::is_middle(i, n) {
                                    score::MIDDLE_EXTRA_FACTOR
                                } else {
                                    1.0
                                }
                        })
                        .collect(),
                }
            })
            .collect();
        // A name of `l` tokens matches at most `3 l` query tokens (each listed token is
        // matched once; an item covers at most 3 query tokens): when even that many,
        // matched in full, cannot reach the threshold, its names are never reached.
        let min_name_len = if bounded {
            let ones = vec![1.0f64; n];
            let fewest = weightings
                .iter()
                .filter_map(|wt| {
                    (0..=n).find(|&k| cq_bound_at_most(&ones, &wt.w, &wt.cost, k) >= threshold)
                })
                .min();
            fewest.map_or(usize::MAX, |k| k.div_ceil(3))
        } else {
            0
        };
        // Every name has a token: most queries need no lookup per posting.
        // (A name of more than 255 tokens counts as 255: `min_name_len` is at most 22, a
        // third of the 64 tokens a bounded query holds.)
        let long_enough = |nm: u32| min_name_len <= 1 || self.t.name_len(nm) >= min_name_len;
        // When the work meter runs out (looking up or bounding): the few reached names that
        // cover the most of the query, still to be scored, and the slot table given back.
        let out_of_work = |reached: Reached, item_matches: Vec<Option<TokenMatches>>| {
            let ws: Vec<&[f64]> = weightings.iter().map(|wt| wt.w.as_slice()).collect();
            let names = reached.most_covered(&ws, AFTER_LIMIT_SCORED);
            reached.give_back();
            Candidates::out_of_work(item_matches, names)
        };
        let order = (0..q.items.len())
            .filter(|&ii| essential[ii])
            .chain((0..q.items.len()).filter(|&ii| !essential[ii]));
        for ii in order {
            if meter.exhausted() {
                return out_of_work(reached, item_matches);
            }
            let item = &q.items[ii];
            let reaches = essential[ii];
            let tokens = item.start..item.start + item.len;
            // Only a single token's own lookup tells which names it cannot match; a glued
            // or split item covering it does not.
            if item.len == 1 && item.kind == ItemKind::Whole {
                if let Some(l) = looked_up.get_mut(item.start) {
                    *l = true;
                }
            }
            // A query that repeats a word ("Mohammed bin Mohammed", or a padded attack)
            // looks each distinct item up once: the matches and the list-side glue
            // depend only on the item, not on where it stands.
            let same = looked
                .iter()
                .position(|&(jj, _)| q.items.get(jj).is_some_and(|other| other.same_lookup(item)));
            let (m, glue_hits) = match same.and_then(|k| looked.get(k)) {
                Some((jj, glue_hits)) => (
                    item_matches.get(*jj).cloned().flatten().unwrap_or_default(),
                    glue_hits.clone(),
                ),
                None => {
                    // A split half's matches may be known already, found with its other
                    // half's (in full: that half may reach names).
                    let known = split_matches.get(ii).cloned().flatten();
                    // A word (or split half) that reaches no name only bounds the names
                    // already reached (every essential item came first): its matches
                    // among their tokens are all that is needed, and often far cheaper
                    // than an edit-distance walk of the vocabulary, or than the thousands
                    // of tokens an initial matches (every word with its letter) and their
                    // postings. Not cached: another reading needs them all.
                    let among_reached = (!reaches
                        && item.len == 1
                        && known.is_none()
                        && cache.cached(item).is_none())
                    .then(|| self.matches_among_reached(item, &mut glance_tokens, &reached, meter))
                    .flatten();
                    let m = match known.or(among_reached) {
                        Some(m) => m,
                        None => cache.matches(item, || self.enumerate_matches(item, meter)),
                    };
                    // A word that reaches no name glues only into names already reached
                    // (`Reached::add` passes over the others). Two calls, not one filter
                    // testing `reaches` too: that one costs 6 M more instructions on the
                    // bench queries (code generation).
                    let glue_hits = if reaches {
                        self.list_glue_hits(item, min_name_len, |_| true, meter)
                    } else {
                        self.list_glue_hits(item, min_name_len, |nm| reached.is_reached(nm), meter)
                    };
                    (m, glue_hits)
                }
            };
            // A split half counts only together with the other half, on another token of
            // the same name (`score::score_direct`): a name holding no token the other
            // half matches is not reached through this one, nor its bound raised.
            // With the other half's index and the postings read.
            let partner: Option<(Vec<u64>, usize, usize)> = match item.kind {
                ItemKind::Whole => None,
                ItemKind::SplitPart { first } => {
                    if let Some(slot) = split_matches.get_mut(ii) {
                        *slot = Some(m.clone());
                    }
                    let p = if first { ii + 1 } else { ii.wrapping_sub(1) };
                    let other = q.items.get(p).zip(split_matches.get_mut(p));
                    let partner_matches = other.map(|(partner, slot)| {
                        &*slot.get_or_insert_with(|| {
                            // For a half that reaches no name, the other half's matches
                            // among the reached names' tokens do: that half reaches none
                            // either (or its matches would be known, in full).
                            let among = (!reaches && cache.cached(partner).is_none())
                                .then(|| {
                                    self.matches_among_reached(
                                        partner,
                                        &mut glance_tokens,
                                        &reached,
                                        meter,
                                    )
                                })
                                .flatten();
                            among.unwrap_or_else(|| {
                                cache.matches(partner, || self.enumerate_matches(partner, meter))
                            })
                        })
                    });
                    // The names holding a token the other half matches, as a bit set
                    // over names: its matches' postings, read in order, where testing each
                    // name this half reaches read that name's tokens (a random read per
                    // name).
                    let mut names = take_zeroed(&PARTNER_NAMES, self.name_count().div_ceil(64));
                    let mut visited = 0;
                    for &(id, _) in partner_matches.into_iter().flatten() {
                        let postings = self.t.postings(id);
                        visited += postings.len();
                        for &nm in postings {
                            set_bit(&mut names, nm);
                        }
                    }
                    meter.charge(Step::Posting, visited);
                    Some((names, visited, p))
                }
            };
            let with_partner = |nm: u32| {
                partner
                    .as_ref()
                    .map_or(true, |(names, ..)| has_bit(names, nm))
            };
            if same.is_none() {
                looked.push((ii, glue_hits.clone()));
            }
            for (id, (sim, method)) in &m {
                // A given-name pair scores by spelling for non-persons, which may be
                // higher than the given-name similarity: no bound below 1 then.
                let sim = if *method == Method::Nickname {
                    1.0
                } else {
                    *sim
                };
                let postings = self.t.postings(*id);
                meter.charge(Step::Posting, postings.len());
                for &nm in postings {
                    // A name this item does not reach is skipped before its tokens
                    // are read for the partner check.
                    // Every reached name is long enough (the glue hits are filtered too).
                    let wanted = if reaches {
                        long_enough(nm)
                    } else {
                        reached.is_reached(nm)
                    };
                    if wanted && with_partner(nm) {
                        reached.add(nm, tokens.clone(), sim, reaches);
                    }
                }
                matchable.insert(*id);
            }
            if let Some((mut names, visited, p)) = partner {
                // Zeroed for the next use: the words the postings set, when they are fewer
                // than the table's (a few KB), else the whole table.
                let partner_matches = split_matches.get(p).and_then(|slot| slot.as_ref());
                match partner_matches.filter(|_| visited < names.len()) {
                    Some(matches) => {
                        for &(id, _) in matches {
                            clear_words_of(&mut names, self.t.postings(id));
                        }
                    }
                    None => names.fill(0),
                }
                give_back(&PARTNER_NAMES, names);
            }
            for &(nm, sim) in &glue_hits {
                reached.add(nm, tokens.clone(), sim, reaches);
                if let Some(g) = reached.slot.get(nm as usize).and_then(|&sl| {
                    (sl as usize)
                        .checked_sub(1)
                        .and_then(|i| reached.glued.get_mut(i))
                }) {
                    *g = true;
                }
            }
            if let Some(slot) = item_matches.get_mut(ii) {
                *slot = Some(m);
            }
        }
        // Upper bound of each reached name's score: every query token matched at the best
        // similarity its lookups found against the name (1 for a token not looked up), or
        // unmatched at its lowest cost, whichever raises `cq` more. score <= cq <= this
        // bound (the list coverage and the conflict factors only lower the score), so names
        // under the threshold are not scored at all. An unmatched query token costs at
        // least MIN_UNMATCHED_FACTOR of its full weight; when the listed name keeps a token
        // no query item can match, the query's extra words are not omissions and cost at
        // least their positional price (full weight at either end, MIDDLE_EXTRA_FACTOR
        // in the middle).
        // A token of the name that stays unmatched and costs something (so the listed
        // name is not matched in full).
        let keeps_unmatched = |nm: u32, glued: bool, c: EntityType| -> bool {
            self.t.name_tokens(nm as usize).iter().any(|&id| {
                self.token(id).is_some_and(|t| {
                    t.effective_full_weight(c) > 0.0
                        && !matchable.contains(id)
                        && !(glued && score::glueable(t))
                })
            })
        };
        // Highest list coverage `cl` the name can get: its tokens no query item can match
        // stay unmatched and cost at least their lowest price, the others are at best all
        // matched. The score is `cq x (ALPHA + (1 - ALPHA) cl)` times factors <= 1.
        let mut unmatched: Vec<(usize, f64)> = Vec::new();
        let mut coverage_factor = |nm: u32, glued: bool, c: EntityType| -> f64 {
            let toks = self.t.name_tokens(nm as usize);
            unmatched.clear();
            let mut matchable_weight = 0.0;
            for (j, &id) in toks.iter().enumerate() {
                let Some(t) = self.token(id) else {
                    continue;
                };
                let full = t.effective_full_weight(c);
                if full > 0.0 && !matchable.contains(id) && !(glued && score::glueable(t)) {
                    unmatched.push((j, full));
                } else {
                    matchable_weight += t.effective_weight(c);
                }
            }
            if unmatched.is_empty() {
                return 1.0;
            }
            let den = matchable_weight + score::min_unmatched_cost(&unmatched, toks.len());
            let cl = if den > 0.0 {
                matchable_weight / den
            } else {
                0.0
            };
            score::ALPHA + (1.0 - score::ALPHA) * cl
        };
        let mut sims = vec![0.0f64; n];
        // The bound of a name's score, or `None` when it cannot reach the threshold; and
        // the tokens (of the query and of the name) its exact bounds read, for the meter.
        let mut bound = |slot: usize, nm: u32| -> (Option<f64>, usize) {
            if !bounded {
                return (Some(1.0), 0);
            }
            let mut steps = 0;
            for (i, s) in sims.iter_mut().enumerate() {
                *s = if looked_up[i] {
                    reached.best.get(slot * n + i).copied().unwrap_or(1.0)
                } else {
                    1.0
                };
            }
            // Whether some query token glues adjacent tokens of the name: exactly the names
            // `list_glue_hits` found for a single whole word (every reached name is long
            // enough for its filter, and every item was looked up), so no glue check here.
            let glued = reached.glued.get(slot) == Some(&true);
            let mut best: Option<f64> = None;
            for wt in &weightings {
                if cq_surely_below(&sims, &wt.w, &wt.cost, threshold) {
                    continue;
                }
                steps += n + self.t.name_tokens(nm as usize).len();
                let mut b = cq_bound(&sims, &wt.w, &wt.cost);
                // The scorer matches each listed token once, and one item covers at most
                // 3 query tokens: a name of `l` tokens matches at most `3 l` of them.
                let most = 3 * self.t.name_tokens(nm as usize).len();
                if b >= threshold && most < n {
                    b = b.min(cq_bound_at_most(&sims, &wt.w, &wt.cost, most));
                }
                if b < threshold {
                    continue;
                }
                let positional_below =
                    cq_surely_below(&sims, &wt.w, &wt.cost_positional, threshold)
                        || cq_bound(&sims, &wt.w, &wt.cost_positional) < threshold;
                if positional_below && keeps_unmatched(nm, glued, wt.candidate) {
                    continue;
                }
                // The list coverage.
                let b = b * coverage_factor(nm, glued, wt.candidate);
                if b < threshold {
                    continue;
                }
                best = Some(best.map_or(b, |x: f64| x.max(b)));
            }
            (best, steps)
        };
        // Each reached name is pre-tested like a posting is visited.
        meter.charge(Step::Posting, reached.touched.len());
        let mut within: Vec<(f64, u32)> = Vec::new();
        for (slot, &nm) in reached.touched.iter().enumerate() {
            if meter.exhausted() {
                break;
            }
            let (b, steps) = bound(slot, nm);
            meter.charge(Step::Bound, steps);
            if let Some(b) = b {
                within.push((b, nm));
            }
        }
        if meter.exhausted() {
            return out_of_work(reached, item_matches);
        }
        reached.give_back();
        let mut dropped = 0;
        if within.len() > cap {
            // Highest bound first, then lowest id: deterministic on every platform.
            crate::sort::sort_by(&mut within, |a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
            dropped = within.len() - cap;
            within.truncate(cap);
        }
        let mut names: Vec<u32> = within.into_iter().map(|(_, nm)| nm).collect();
        crate::sort::sort_ids(&mut names);
        Candidates {
            names,
            item_matches,
            exhaustive: false,
            dropped,
            work_limited: false,
            memo: Default::default(),
        }
    }

    /// Scores name `name_id` against the query, reusing the similarities found by
    /// [`NameIndex::candidates`]; `None` for an unknown name id.
    pub fn score(
        &self,
        q: &PreparedQuery,
        cands: &Candidates,
        name_id: u32,
        candidate: EntityType,
    ) -> Option<NameScore> {
        let name = self.name(name_id)?;
        let list = self.name_tokens(name_id);
        let nl = list.len();
        let mut sims = Vec::with_capacity(q.items.len() * nl);
        for (ii, it) in q.items.iter().enumerate() {
            let cache = cands.item_matches.get(ii).and_then(|c| c.as_ref());
            for (j, l) in list.iter().enumerate() {
                let s = match cache {
                    Some(m) => name
                        .tokens
                        .get(j)
                        .and_then(|id| m.binary_search_by_key(id, |e| e.0).ok())
                        .map(|k| m[k].1),
                    None => {
                        let id = name.tokens.get(j).copied().unwrap_or(u32::MAX);
                        let key = ((ii as u64) << 32) | id as u64;
                        let cached = cands.memo.borrow().get(&key).copied();
                        match cached {
                            Some(v) => v,
                            None => {
                                let v = score::item_similarity(it, l);
                                cands.memo.borrow_mut().insert(key, v);
                                v
                            }
                        }
                    }
                };
                sims.push(s);
            }
        }
        Some(score::score_name(
            &q.items,
            q.tokens.len(),
            &list,
            &sims,
            candidate,
        ))
    }

    /// Scores name `name_id` directly, without the index's lookups (the exhaustive
    /// reference).
    pub fn score_exhaustive(
        &self,
        q: &PreparedQuery,
        name_id: u32,
        candidate: EntityType,
    ) -> Option<NameScore> {
        self.name(name_id)?;
        let list = self.name_tokens(name_id);
        Some(score::score_direct(
            &q.items,
            q.tokens.len(),
            &list,
            candidate,
        ))
    }

    /// Appends the encoded index to `out`: magic, version, then every table of
    /// [`Tables`] in declaration order, each as a little-endian `u32` count followed by
    /// the elements (`u32` arrays little-endian, byte arrays and strings as bytes).
    pub fn encode(&self, out: &mut Vec<u8>) {
        let t = &self.t;
        out.extend_from_slice(MAGIC);
        out.push(VERSION);
        put_strings(out, "text", t.text.as_bytes(), &t.text_offs);
        put_strings(out, "keys", &t.keys, &t.key_offs);
        put_bytes(out, &t.pats);
        put_offs(out, &t.pat_offs);
        put_u32s_planar(out, &t.tok_skel);
        put_u32s_planar(out, &t.tok_meta);
        put_u32s_planar(out, &t.tok_df);
        put_strings(out, "skels", &t.skels, &t.skel_offs);
        // The skeleton postings are not stored: they follow from `tok_skel` and the
        // expansions of the pattern tokens (`skel_postings_of`).
        put_offs(out, &t.exp_offs);
        put_u32s(out, &t.exp_skels);
        // `by_text` is not stored: token ids follow the text order, so it is the identity.
        put_u32s_planar(out, &t.by_key);
        put_u32s(out, &t.wild);
        // Ascending (ids follow the text order): stored as steps, as is `first_ids`.
        put_u32s(out, &steps(&t.fuzzy_sorted));
        // The shared prefix lengths of the word list are not stored: the edit-distance
        // walk derives them on first use (`FuzzyWords::new`).
        put_offs(out, &t.first_offs);
        put_u32s(out, &steps(&t.first_ids));
        put_strings(out, "rarity", &t.rarity_keys, &t.rarity_offs);
        put_u32s_planar(out, &t.rarity_df);
        put_offs(out, &t.name_offs);
        put_u32s(out, &t.name_toks);
        // Names are stored in entity order: the differences are small.
        let steps: Vec<u32> = t
            .name_entity
            .iter()
            .scan(0u32, |prev, &e| {
                let step = e.wrapping_sub(*prev);
                *prev = e;
                Some(step)
            })
            .collect();
        put_u32s(out, &steps);
        put_u32s(out, &t.name_pos);
        put_bytes(out, &t.name_weak);
        // The identifier tables are not stored: the decoder makes them from the
        // identifiers of the snapshot's entities (`ident_tables`).
    }

    /// Decodes an index produced by [`NameIndex::encode`] for the entities whose
    /// identifiers are `identifiers` (the identifier table is made from them, not
    /// stored; [`listed_identifiers`]): a bulk copy of each table, then checks that every
    /// offset and id is in range (so lookups never index out of bounds) and that text
    /// ranges fall on UTF-8 character boundaries, then the derived tables: the skeleton
    /// postings from the checked token tables and the postings inverted from the checked
    /// names. Never panics: any malformed input gives an error. Allocates at most about
    /// 14 times the input size (plus the identifier table, about twice the identifier
    /// values): `u32` arrays stored 1 byte per element widen 4 times, the postings add at
    /// most 4 bytes per stored name token (1 input byte or more each) and 8 per token,
    /// each token (at least 8 input bytes across its tables) adds 16 bytes for its lazily
    /// prepared form, 4 for the derived `by_text` and 8 for the skeleton postings (4 more
    /// per stored expansion), and the front-coded string tables rebuild at most twice the
    /// input.
    pub fn decode(
        bytes: &[u8],
        identifiers: &[ListedIdent<'_>],
    ) -> Result<NameIndex, IndexDecodeError> {
        let mut r = Reader { bytes, pos: 0 };
        if r.take(4)? != MAGIC {
            return Err(IndexDecodeError("bad magic".into()));
        }
        let version = r.byte()?;
        if version != VERSION {
            return Err(IndexDecodeError(format!("unsupported version {version}")));
        }
        // The front-coded string tables rebuild at most twice the input bytes together
        // (the real lists: 0.4 times): a forged table cannot make the decoder allocate
        // without bound.
        let mut budget = bytes.len().saturating_mul(2);
        let (text, text_offs) = r.strings(&mut budget)?;
        let (keys, key_offs) = r.strings(&mut budget)?;
        let pats = r.bytes()?;
        let pat_offs = r.offs()?;
        let tok_skel = r.u32s()?;
        let tok_meta = r.u32s()?;
        let tok_df = r.u32s()?;
        let (skels, skel_offs) = r.strings(&mut budget)?;
        let exp_offs = r.offs()?;
        let exp_skels = r.u32s()?;
        let by_key = r.u32s()?;
        let wild = r.u32s()?;
        let fuzzy_sorted = sums(r.u32s()?);
        let first_offs = r.offs()?;
        let first_ids = sums(r.u32s()?);
        let (rarity_keys, rarity_offs) = r.strings(&mut budget)?;
        let rarity_df = r.u32s()?;
        let name_offs = r.offs()?;
        let name_toks = r.u32s()?;
        let mut at = 0u32;
        let mut name_entity = Vec::new();
        for step in r.u32s()? {
            at = at
                .checked_add(step)
                .ok_or_else(|| bad("name entity steps"))?;
            name_entity.push(at);
        }
        let name_pos = r.u32s()?;
        let name_weak = r.bytes()?;
        if r.pos != bytes.len() {
            return Err(IndexDecodeError("trailing bytes".into()));
        }
        let utf8 = |b: Vec<u8>| {
            String::from_utf8(b).map_err(|_| IndexDecodeError("text is not UTF-8".into()))
        };
        let mut t = Tables {
            text: utf8(text)?,
            text_offs,
            keys,
            key_offs,
            pats,
            pat_offs,
            tok_skel,
            tok_meta,
            tok_df,
            skels,
            skel_offs,
            // Derived below from the token tables and the expansions.
            skel_post_offs: Vec::new(),
            skel_ids: Vec::new(),
            exp_offs,
            exp_skels,
            // The identity over the token ids (version 5 numbers tokens in text order).
            by_text: Vec::new(),
            by_key,
            by_text_prefix: Vec::new(),
            by_key_prefix: Vec::new(),
            by_text_dir: Vec::new(),
            by_key_dir: Vec::new(),
            texts_nul_free: false,
            keys_nul_free: false,
            presence: Vec::new(),
            exact: Vec::new(),
            wild,
            fuzzy_sorted,
            // Derived below from the checked texts.
            first_offs,
            first_ids,
            post_offs: Vec::new(),
            post_ids: Vec::new(),
            rarity_keys,
            rarity_offs,
            rarity_df,
            name_offs,
            name_lens: Vec::new(),
            name_toks,
            name_entity,
            name_pos,
            name_weak,
        };
        t.by_text = (0..t.token_count() as u32).collect();
        (t.skel_post_offs, t.skel_ids) = t.skel_postings_of();
        t.validate()?;
        t.derive_prefixes();
        t.derive_name_lens();
        t.derive_presence();
        // Checked name tables: every token id is in range.
        (t.post_offs, t.post_ids) = postings_of(t.token_count(), &t.name_offs, &t.name_toks);
        Ok(NameIndex::from_tables(t, Listed::new(identifiers)))
    }
}

/// The string tables stored front-coded; the others are stored plain. Rebuilding a
/// front-coded table costs about 20 ns per string in wasm: on every list in ../shared, the
/// four chosen save 85 KB of gzip for about 1.5 ms of load; `keys` would save 19 KB more
/// for about 0.9 ms more, so it stays plain (docs/SNAPSHOT_FORMAT.md, Measured).
const FRONT_CODED: [&str; 3] = ["text", "skels", "rarity"];

/// Appends string table `name` (`blob` cut by `offs`): a mode byte, then plain (0: the
/// bytes, then the offsets as lengths) or front-coded (1: [`put_front_coded`]).
fn put_strings(out: &mut Vec<u8>, name: &str, blob: &[u8], offs: &[u32]) {
    if !FRONT_CODED.contains(&name) {
        out.push(0);
        put_bytes(out, blob);
        put_offs(out, offs);
    } else {
        out.push(1);
        put_front_coded(out, blob, offs);
    }
}

/// Appends a table of strings (`blob` cut by the CSR offsets `offs`) front-coded: for each
/// string, the length of the prefix it shares with the string before it (`u32s`), the
/// length of the rest (`u32s`), then all the rests (`bytes`). Sorted or nearly sorted
/// strings share long prefixes; rebuilding them at load is one linear pass of copies.
fn put_front_coded(out: &mut Vec<u8>, blob: &[u8], offs: &[u32]) {
    let items: Vec<&[u8]> = offs
        .windows(2)
        .map(|w| blob.get(w[0] as usize..w[1] as usize).unwrap_or_default())
        .collect();
    let mut shared = Vec::with_capacity(items.len());
    let mut rest_lens = Vec::with_capacity(items.len());
    let mut rests = Vec::new();
    let mut prev: &[u8] = &[];
    for item in &items {
        let n = prev
            .iter()
            .zip(item.iter())
            .take_while(|(a, b)| a == b)
            .count();
        shared.push(n as u32);
        rest_lens.push((item.len() - n) as u32);
        rests.extend_from_slice(item.get(n..).unwrap_or_default());
        prev = item;
    }
    put_u32s(out, &shared);
    put_u32s(out, &rest_lens);
    put_bytes(out, &rests);
}

/// The differences between successive values of `values` (the first from 0), wrapping:
/// ascending lists give small steps, and any input round-trips through [`sums`].
fn steps(values: &[u32]) -> Vec<u32> {
    let mut prev = 0u32;
    values
        .iter()
        .map(|&v| {
            let step = v.wrapping_sub(prev);
            prev = v;
            step
        })
        .collect()
}

/// The inverse of [`steps`]: running sums, wrapping (a forged table gives ids that the
/// range checks then refuse). One linear pass.
fn sums(mut steps: Vec<u32>) -> Vec<u32> {
    let mut prev = 0u32;
    for v in &mut steps {
        *v = v.wrapping_add(prev);
        prev = *v;
    }
    steps
}

/// An error for table `what`.
fn bad(what: &str) -> IndexDecodeError {
    IndexDecodeError(format!("bad {what}"))
}

/// The postings (CSR: offsets, then name ids) of `nt` tokens over the names `name_offs` /
/// `name_toks`: for each token, the names holding it, ascending, each once. Derived, not
/// stored: they follow from the names, and cannot disagree with them. Token ids at or
/// over `nt` are skipped (the decoder checks them first).
fn postings_of(nt: usize, name_offs: &[u32], name_toks: &[u32]) -> (Vec<u32>, Vec<u32>) {
    let names = name_offs.len().saturating_sub(1);
    let tokens_of = |ni: usize| {
        csr(name_offs, ni)
            .and_then(|r| name_toks.get(r))
            .unwrap_or(&[])
    };
    // Last name (plus one) each token was posted for: a word twice in a name counts once.
    let mut last = vec![0u32; nt];
    let mut offs = vec![0u32; nt + 1];
    for ni in 0..names {
        for &t in tokens_of(ni) {
            if let Some(l) = last.get_mut(t as usize) {
                if *l != ni as u32 + 1 {
                    *l = ni as u32 + 1;
                    offs[t as usize + 1] += 1;
                }
            }
        }
    }
    for i in 1..offs.len() {
        offs[i] += offs[i - 1];
    }
    let mut fill: Vec<u32> = offs.clone();
    let mut ids = vec![0u32; offs.last().copied().unwrap_or(0) as usize];
    last.fill(0);
    for ni in 0..names {
        for &t in tokens_of(ni) {
            if let Some(l) = last.get_mut(t as usize) {
                if *l != ni as u32 + 1 {
                    *l = ni as u32 + 1;
                    if let Some(slot) = fill.get_mut(t as usize) {
                        if let Some(id) = ids.get_mut(*slot as usize) {
                            *id = ni as u32;
                        }
                        *slot += 1;
                    }
                }
            }
        }
    }
    (offs, ids)
}

/// Checks a CSR offsets array: `n + 1` entries, starting at 0, non-decreasing, ending at
/// `end` (the length of what it delimits).
fn check_offs(offs: &[u32], n: usize, end: usize, what: &str) -> Result<(), IndexDecodeError> {
    if offs.len() != n.wrapping_add(1)
        || offs.first() != Some(&0)
        || offs.last().map(|&x| x as usize) != Some(end)
        || offs.windows(2).any(|w| w[0] > w[1])
    {
        return Err(bad(what));
    }
    Ok(())
}

/// Checks that every id is below `n`.
fn check_ids(ids: &[u32], n: usize, what: &str) -> Result<(), IndexDecodeError> {
    if ids.iter().any(|&id| id as usize >= n) {
        return Err(bad(what));
    }
    Ok(())
}

/// Checks that every offset falls on a character boundary of `s`.
fn check_boundaries(s: &str, offs: &[u32], what: &str) -> Result<(), IndexDecodeError> {
    if offs.iter().any(|&o| !s.is_char_boundary(o as usize)) {
        return Err(bad(what));
    }
    Ok(())
}

impl Tables {
    /// The skeleton postings (CSR: offsets per skeleton string, then token ids): for each
    /// skeleton string, ascending, the alphabetic tokens with that (non-empty) skeleton
    /// and the pattern tokens with that expansion, as [`Tables::from_parts`] collects
    /// them. Derived at decode (index version 6) instead of stored: each token's
    /// skeleton strings are listed, then inverted like the names' tokens
    /// ([`postings_of`]). Ids out of range are skipped: the tables they come from are
    /// checked afterwards.
    fn skel_postings_of(&self) -> (Vec<u32>, Vec<u32>) {
        let nonempty = |offs: &[u32], i: usize| offs.get(i) < offs.get(i + 1);
        let mut offs = vec![0u32];
        let mut skels = Vec::with_capacity(self.token_count() + self.exp_skels.len());
        // Pattern tokens seen so far: the index of the next one's expansions.
        let mut p = 0usize;
        for (id, (&s, &meta)) in self.tok_skel.iter().zip(&self.tok_meta).enumerate() {
            if nonempty(&self.key_offs, id) && nonempty(&self.skel_offs, s as usize) {
                skels.push(s);
            }
            if meta & META_PATTERN != 0 {
                let ex = csr(&self.exp_offs, p).and_then(|r| self.exp_skels.get(r));
                skels.extend_from_slice(ex.unwrap_or(&[]));
                p += 1;
            }
            push_off(&mut offs, skels.len());
        }
        postings_of(self.skel_count(), &offs, &skels)
    }

    /// Every check [`NameIndex::decode`] promises.
    fn validate(&self) -> Result<(), IndexDecodeError> {
        let nt = self.tok_meta.len();
        let nn = self.name_entity.len();
        let ns = self.skel_offs.len().saturating_sub(1);
        // Vocabulary.
        check_offs(&self.text_offs, nt, self.text.len(), "token text offsets")?;
        check_boundaries(&self.text, &self.text_offs, "token text offsets")?;
        check_offs(&self.key_offs, nt, self.keys.len(), "token key offsets")?;
        if self.pats.len() % 3 != 0 {
            return Err(bad("patterns"));
        }
        check_offs(&self.pat_offs, nt, self.pats.len() / 3, "pattern offsets")?;
        if self.pats.chunks_exact(3).any(|s| !valid_slot(s)) {
            return Err(bad("skeleton slot"));
        }
        if self.tok_meta.iter().any(|&m| {
            m > 0xFFFF
                || TokenClass::from_u8((m & 0xFF) as u8).is_none()
                || Script::from_u8(((m >> 8) & 0x7F) as u8).is_none()
        }) {
            return Err(bad("token class or script"));
        }
        if self.tok_skel.len() != nt || self.tok_df.len() != nt || self.by_text.len() != nt {
            return Err(bad("token table lengths"));
        }
        check_ids(&self.tok_skel, ns, "token skeleton ids")?;
        // Skeleton strings and postings.
        check_offs(&self.skel_offs, ns, self.skels.len(), "skeleton offsets")?;
        check_offs(
            &self.skel_post_offs,
            ns,
            self.skel_ids.len(),
            "skeleton postings",
        )?;
        check_ids(&self.skel_ids, nt, "skeleton posting ids")?;
        let patterns = self
            .tok_meta
            .iter()
            .filter(|&&m| m & META_PATTERN != 0)
            .count();
        check_offs(
            &self.exp_offs,
            patterns,
            self.exp_skels.len(),
            "expansion offsets",
        )?;
        check_ids(&self.exp_skels, ns, "expansion skeleton ids")?;
        // Sorted lookups: ids in range only. Their order is not checked, nor that of the
        // skeleton and rarity strings (1.5 ms natively, as much as the rest of the
        // decode): binary search on a forged unsorted table only
        // misses, and a forged index can drop candidates in ways no load-time check sees
        // anyway (shortened postings); the snapshot hash is what vouches for content.
        check_ids(&self.by_text, nt, "text table ids")?;
        check_ids(&self.by_key, nt, "key table ids")?;
        check_ids(&self.wild, nt, "wild ids")?;
        check_ids(&self.fuzzy_sorted, nt, "fuzzy ids")?;
        check_offs(
            &self.first_offs,
            26,
            self.first_ids.len(),
            "first-letter offsets",
        )?;
        check_ids(&self.first_ids, nt, "first-letter ids")?;
        // Rarity.
        let nk = self.rarity_df.len();
        check_offs(
            &self.rarity_offs,
            nk,
            self.rarity_keys.len(),
            "rarity offsets",
        )?;
        // Names.
        check_offs(&self.name_offs, nn, self.name_toks.len(), "name offsets")?;
        check_ids(&self.name_toks, nt, "name token ids")?;
        if self.name_pos.len() != nn
            || self.name_weak.len() != nn
            || self.name_weak.iter().any(|&w| w > 1)
        {
            return Err(bad("name tables"));
        }
        Ok(())
    }
}

/// True for a stored slot: a consonant class (and alternative or 0) with a consonant kind,
/// or the vowel mark with a vowel kind.
fn valid_slot(s: &[u8]) -> bool {
    match (s, s.get(2).copied().and_then(SlotKind::from_u8)) {
        ([a, b, _], Some(SlotKind::Consonant | SlotKind::ConsonantOrVowel)) => {
            is_class(*a) && (*b == 0 || is_class(*b))
        }
        ([a, b, _], Some(SlotKind::Vowel | SlotKind::MaybeVowel)) => {
            *a == phonetic::CL_V && *b == 0
        }
        _ => false,
    }
}

/// True for a valid sound class letter of a skeleton slot.
fn is_class(c: u8) -> bool {
    matches!(
        c,
        b'B' | b'F' | b'K' | b'S' | b'X' | b'J' | b'T' | b'H' | b'L' | b'R' | b'M' | b'N'
    )
}

/// Appends a little-endian `u32` count.
fn put_len(out: &mut Vec<u8>, n: usize) {
    out.extend_from_slice(&u32::try_from(n).unwrap_or(u32::MAX).to_le_bytes());
}

/// Appends a byte array: count, bytes.
fn put_bytes(out: &mut Vec<u8>, b: &[u8]) {
    put_len(out, b.len());
    out.extend_from_slice(b);
}

/// Appends a `u32` array: count, element width in bytes (1 to 4, the fewest that hold
/// the largest element), then the elements little-endian in that width.
fn put_u32s(out: &mut Vec<u8>, v: &[u32]) {
    put_len(out, v.len());
    let max = v.iter().copied().max().unwrap_or(0);
    let width = (4 - max.leading_zeros() as usize / 8).max(1);
    out.push(width as u8);
    out.reserve(v.len() * width);
    for x in v {
        out.extend_from_slice(&x.to_le_bytes()[..width]);
    }
}

/// Bit of a `u32` array's width byte: the elements are stored by byte planes (every
/// element's low byte, then every element's second byte, ...), which compresses better
/// than interleaved bytes for ids and counts without locality (index version 5).
const PLANAR: u8 = 0x80;

/// Appends a `u32` array as [`put_u32s`] does, but by byte planes ([`PLANAR`]).
fn put_u32s_planar(out: &mut Vec<u8>, v: &[u32]) {
    put_len(out, v.len());
    let max = v.iter().copied().max().unwrap_or(0);
    let width = (4 - max.leading_zeros() as usize / 8).max(1);
    out.push(width as u8 | PLANAR);
    out.reserve(v.len() * width);
    for plane in 0..width {
        out.extend(v.iter().map(|x| (x >> (8 * plane)) as u8));
    }
}

/// Appends a CSR offsets array as the lengths of its items (a `u32` array; the offsets
/// are their prefix sums, starting at 0).
fn put_offs(out: &mut Vec<u8>, offs: &[u32]) {
    let lens: Vec<u32> = offs.windows(2).map(|w| w[1].wrapping_sub(w[0])).collect();
    put_u32s(out, &lens);
}

/// Bounds-checked reader.
struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl Reader<'_> {
    fn take(&mut self, n: usize) -> Result<&[u8], IndexDecodeError> {
        let end = self
            .pos
            .checked_add(n)
            .ok_or_else(|| IndexDecodeError("length overflow".into()))?;
        let s = self
            .bytes
            .get(self.pos..end)
            .ok_or_else(|| IndexDecodeError("truncated".into()))?;
        self.pos = end;
        Ok(s)
    }

    fn byte(&mut self) -> Result<u8, IndexDecodeError> {
        let b = self.take(1)?;
        b.first()
            .copied()
            .ok_or_else(|| IndexDecodeError("truncated".into()))
    }

    /// A little-endian `u32` count.
    fn len(&mut self) -> Result<usize, IndexDecodeError> {
        let b = self.take(4)?;
        let a: [u8; 4] = b
            .try_into()
            .map_err(|_| IndexDecodeError("truncated".into()))?;
        Ok(u32::from_le_bytes(a) as usize)
    }

    /// A byte array (the count is checked against what is left before any allocation).
    fn bytes(&mut self) -> Result<Vec<u8>, IndexDecodeError> {
        let n = self.len()?;
        Ok(self.take(n)?.to_vec())
    }

    /// A `u32` array of 1- to 4-byte little-endian elements, interleaved or by byte
    /// planes ([`PLANAR`]), converted in bulk.
    fn u32s(&mut self) -> Result<Vec<u32>, IndexDecodeError> {
        let n = self.len()?;
        let width_byte = self.byte()?;
        let width = usize::from(width_byte & !PLANAR);
        if !(1..=4).contains(&width) {
            return Err(IndexDecodeError("bad array width".into()));
        }
        let raw = self.take(
            n.checked_mul(width)
                .ok_or_else(|| IndexDecodeError("length overflow".into()))?,
        )?;
        if width_byte & PLANAR != 0 {
            let mut v: Vec<u32> = raw
                .get(..n)
                .unwrap_or_default()
                .iter()
                .map(|&b| u32::from(b))
                .collect();
            for (plane, bytes) in raw.chunks_exact(n.max(1)).enumerate().skip(1) {
                for (x, &b) in v.iter_mut().zip(bytes) {
                    *x |= u32::from(b) << (8 * plane);
                }
            }
            return Ok(v);
        }
        Ok(match width {
            1 => raw.iter().map(|&b| b as u32).collect(),
            2 => raw
                .chunks_exact(2)
                .map(|c| u16::from_le_bytes([c[0], c[1]]) as u32)
                .collect(),
            3 => raw
                .chunks_exact(3)
                .map(|c| u32::from_le_bytes([c[0], c[1], c[2], 0]))
                .collect(),
            _ => raw
                .chunks_exact(4)
                .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
                .collect(),
        })
    }

    /// A front-coded string table ([`put_front_coded`]): the concatenated strings and
    /// their CSR offsets. Each shared prefix must fit in the string before it and the rests
    /// in their bytes; the rebuilt bytes may not exceed `budget`, which is reduced by them.
    fn front_coded(&mut self, budget: &mut usize) -> Result<(Vec<u8>, Vec<u32>), IndexDecodeError> {
        let limit = *budget;
        let shared = self.u32s()?;
        let rest_lens = self.u32s()?;
        let rests = self.take_bytes()?;
        if shared.len() != rest_lens.len() {
            return Err(bad("front-coded table lengths"));
        }
        // One allocation of the exact size, within the budget, then plain copies.
        let total = shared
            .iter()
            .zip(&rest_lens)
            .try_fold(0usize, |sum, (&n, &len)| {
                sum.checked_add(n as usize)?.checked_add(len as usize)
            })
            .filter(|&total| total <= limit && u32::try_from(total).is_ok())
            .ok_or_else(|| bad("front-coded strings"))?;
        let mut blob = vec![0u8; total];
        let mut offs = Vec::with_capacity(shared.len() + 1);
        offs.push(0u32);
        let (mut prev_start, mut start, mut at) = (0usize, 0usize, 0usize);
        for (&n, &len) in shared.iter().zip(&rest_lens) {
            let (n, len) = (n as usize, len as usize);
            // Within `total` by construction; `get` keeps a logic error from panicking.
            let (done, fresh) = blob.split_at_mut(start);
            let prefix = done.get(prev_start..prev_start + n);
            let rest = rests.get(at..at + len);
            let dst = fresh.get_mut(..n + len);
            match (prefix, rest, dst) {
                (Some(prefix), Some(rest), Some(dst)) => {
                    let (head, tail) = dst.split_at_mut(n);
                    head.copy_from_slice(prefix);
                    tail.copy_from_slice(rest);
                }
                // A prefix longer than the string before, or a rest beyond the rests.
                _ => return Err(bad("front-coded strings")),
            }
            at += len;
            prev_start = start;
            start += n + len;
            offs.push(start as u32);
        }
        if at != rests.len() {
            return Err(bad("front-coded strings"));
        }
        *budget -= blob.len();
        Ok((blob, offs))
    }

    /// A string table: plain (mode 0) or front-coded (mode 1).
    fn strings(&mut self, budget: &mut usize) -> Result<(Vec<u8>, Vec<u32>), IndexDecodeError> {
        match self.byte()? {
            0 => {
                let blob = self.bytes()?;
                let offs = self.offs()?;
                Ok((blob, offs))
            }
            1 => self.front_coded(budget),
            _ => Err(bad("string table mode")),
        }
    }

    /// A byte array, borrowed.
    fn take_bytes(&mut self) -> Result<&[u8], IndexDecodeError> {
        let n = self.len()?;
        self.take(n)
    }

    /// A CSR offsets array stored as item lengths: their prefix sums, starting at 0.
    fn offs(&mut self) -> Result<Vec<u32>, IndexDecodeError> {
        let lens = self.u32s()?;
        let mut offs = Vec::with_capacity(lens.len() + 1);
        let mut at: u32 = 0;
        offs.push(at);
        for l in lens {
            at = at
                .checked_add(l)
                .ok_or_else(|| IndexDecodeError("offset overflow".into()))?;
            offs.push(at);
        }
        Ok(offs)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Identifier, SourceList};

    /// The prefix keys decide searches exactly as full comparisons do: strings that share
    /// their first 8 bytes, that are prefixes of one another, empty, or hold a zero byte.
    #[test]
    fn prefix_keys_search_like_strings() {
        let mut words: Vec<&[u8]> = vec![
            b"",
            b"a",
            b"ab",
            b"ab\0",
            b"abc",
            b"abcdefgh",
            b"abcdefgh",
            b"abcdefghi",
            b"abcdefghij",
            b"abcdefgz",
            b"abd",
            b"al",
            b"alexander",
            b"alexandr",
            b"b",
            b"zzzzzzzzzzzz",
        ];
        words.sort();
        let ids: Vec<u32> = (0..words.len() as u32).collect();
        let prefixes: Vec<u64> = words.iter().map(|w| prefix_key(w)).collect();
        let get = |id: u32| words[id as usize];
        let plain = Sorted {
            ids: &ids,
            prefixes: &[],
            dir: &[],
            stride: 0,
            nul_free: false,
            get,
        };
        // Without a directory, and with directories of every entry to every 5th.
        let dirs: Vec<(usize, Vec<u64>)> = (1..=5)
            .map(|stride| (stride, prefixes.iter().step_by(stride).copied().collect()))
            .collect();
        let mut tables = vec![Sorted {
            ids: &ids,
            prefixes: &prefixes,
            dir: &[],
            stride: 0,
            nul_free: false,
            get,
        }];
        for (stride, dir) in &dirs {
            tables.push(Sorted {
                ids: &ids,
                prefixes: &prefixes,
                dir,
                stride: *stride,
                nul_free: false,
                get,
            });
        }
        // A table of strings without zero bytes reads lengths off the keys: the entries
        // with a zero byte are left out of the search (the plain search still sees them,
        // so it is restricted to the same entries).
        let clean: Vec<u32> = ids
            .iter()
            .copied()
            .filter(|&i| !words[i as usize].contains(&0))
            .collect();
        let clean_prefixes: Vec<u64> = clean.iter().map(|&i| prefixes[i as usize]).collect();
        let clean_plain = Sorted {
            ids: &clean,
            prefixes: &[],
            dir: &[],
            stride: 0,
            nul_free: false,
            get,
        };
        for nul_free in [false, true] {
            let t = Sorted {
                ids: &clean,
                prefixes: &clean_prefixes,
                dir: &[],
                stride: 0,
                nul_free,
                get,
            };
            let probes: [&[u8]; 14] = [
                b"",
                b"a",
                b"ab",
                b"ab\0",
                b"a\0b",
                b"abc",
                b"abcdefgh",
                b"abcdefghi",
                b"abcdefgha",
                b"abcdefg",
                b"alexandr",
                b"al",
                b"c",
                b"\0",
            ];
            assert_same_searches(&t, &clean_plain, &probes, &format!("nul_free {nul_free}"));
        }
        for keyed in &tables {
            let probes: [&[u8]; 12] = [
                b"",
                b"a",
                b"ab",
                b"ab\0",
                b"abcdefgh",
                b"abcdefghi",
                b"abcdefgha",
                b"alexandra",
                b"alexandr",
                b"al",
                b"c",
                b"abcdefghijk",
            ];
            assert_same_searches(keyed, &plain, &probes, &format!("stride {}", keyed.stride));
            for p in probes {
                let want: Vec<u32> = ids
                    .iter()
                    .copied()
                    .filter(|&i| words[i as usize] == p)
                    .collect();
                assert_eq!(keyed.equal(p), &want[..], "{p:?}");
            }
        }
    }

    /// `table` searches like `plain` (the same entries, read string by string) for every
    /// probe: the equal entries and the bound from every start of a search (the
    /// directory's narrowing) either way.
    fn assert_same_searches<'b, G: Fn(u32) -> &'b [u8]>(
        table: &Sorted<'_, G>,
        plain: &Sorted<'_, G>,
        probes: &[&[u8]],
        label: &str,
    ) {
        for &p in probes {
            assert_eq!(table.equal(p), plain.equal(p), "{p:?} {label}");
            for from in 0..=plain.ids.len() + 1 {
                for inclusive in [false, true] {
                    assert_eq!(
                        table.bound(from, p, inclusive),
                        plain.bound(from, p, inclusive),
                        "{p:?} from {from} {label}"
                    );
                }
            }
        }
    }

    /// The lookups of `enumerate_matches` find every vocabulary token `item_similarity`
    /// accepts (it only looks where a rule can accept): on the sample lists' vocabulary,
    /// each word of the lists and variants of it (a letter dropped, doubled, changed, the
    /// first letters only, glued to the next word) against every token, brute force.
    #[test]
    fn lookups_find_every_token_a_query_item_matches() {
        let snapshot =
            crate::snapshot::Snapshot::from_bytes(crate::snapshot::default_snapshot_bytes())
                .expect("the sample snapshot loads");
        let index = &snapshot.index;
        let mut words: Vec<String> = Vec::new();
        for id in 0..index.vocabulary_size() as u32 {
            let w = index.t.text_of(id).to_string();
            let chars: Vec<char> = w.chars().collect();
            if chars.len() >= 3 {
                let at = chars.len() / 2;
                let mut dropped = chars.clone();
                dropped.remove(at);
                let mut doubled = chars.clone();
                doubled.insert(at, chars[at]);
                let mut changed = chars.clone();
                changed[at] = if chars[at] == 'a' { 'e' } else { 'a' };
                for v in [dropped, doubled, changed] {
                    words.push(v.into_iter().collect());
                }
                words.push(chars[..3].iter().collect());
            }
            words.push(w);
        }
        let mut checked = 0;
        for pair in words.chunks(2) {
            let text = pair.join(" ");
            let q = index.prepare(normalize_name(&text, None));
            for item in &q.items {
                let mut meter = WorkMeter::unlimited();
                let mut found: Vec<u32> = index
                    .enumerate_matches(item, &mut meter)
                    .iter()
                    .map(|&(id, _)| id)
                    .collect();
                found.sort_unstable();
                let want: Vec<u32> = (0..index.vocabulary_size() as u32)
                    .filter(|&id| {
                        index
                            .token(id)
                            .is_some_and(|t| score::item_similarity(item, t).is_some())
                    })
                    .collect();
                assert_eq!(found, want, "{text:?}: {item:?}");
                checked += 1;
            }
        }
        assert!(checked > 500, "{checked} items checked");
    }

    fn sample() -> Vec<Entity> {
        let mut a = Entity::new(
            SourceList::OfacSdn,
            "1",
            EntityType::Person,
            "QADHAFI, Muammar",
        );
        a.names
            .push(crate::model::Name::new("القذافي معمر", NameKind::Aka));
        a.identifiers.push(Identifier {
            kind: IdentifierKind::Passport,
            label: "Passport".into(),
            value: "B 012345".into(),
            country: None,
            network: None,
        });
        let b = Entity::new(
            SourceList::UnSc,
            "QDi.1",
            EntityType::Organization,
            "JSC ARGUMENT",
        );
        vec![a, b]
    }

    /// The best ratio over every set of at most `most` matched tokens, by brute force.
    fn cq_brute(sim: &[f64], w: &[f64], cost: &[f64], most: usize) -> f64 {
        let n = sim.len();
        let mut best: f64 = 0.0;
        for mask in 0u32..(1 << n) {
            if mask.count_ones() as usize > most {
                continue;
            }
            let (mut num, mut den) = (0.0, 0.0);
            for i in 0..n {
                if mask & (1 << i) != 0 && sim[i] > 0.0 {
                    num += sim[i] * w[i];
                    den += w[i];
                } else {
                    den += cost[i];
                }
            }
            if den > 0.0 {
                best = best.max(num / den);
            }
        }
        best
    }

    #[test]
    fn limited_bound_is_the_best_ratio_of_at_most_that_many_tokens() {
        // A fixed xorshift: many small random cases, each checked against brute force.
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = move || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x % 1000) as f64 / 1000.0
        };
        for _ in 0..3000 {
            let n = 1 + (next() * 9.0) as usize;
            let sim: Vec<f64> = (0..n)
                .map(|_| if next() < 0.2 { 0.0 } else { next() })
                .collect();
            let w: Vec<f64> = (0..n).map(|_| 0.1 + next() * 3.0).collect();
            let cost: Vec<f64> = w.iter().map(|&wi| wi * (0.05 + next() * 1.2)).collect();
            for most in 0..=n {
                let got = cq_bound_at_most(&sim, &w, &cost, most);
                let want = cq_brute(&sim, &w, &cost, most);
                assert!(
                    got >= want - 1e-12,
                    "{got} < {want}: {sim:?} {w:?} {cost:?} {most}"
                );
                assert!(
                    got <= want + 1e-6,
                    "{got} > {want}: {sim:?} {w:?} {cost:?} {most}"
                );
                assert!(got <= cq_bound(&sim, &w, &cost) + 1e-6);
            }
        }
    }

    #[test]
    fn round_trip() {
        let idx = NameIndex::build(&sample());
        let mut bytes = Vec::new();
        idx.encode(&mut bytes);
        let back = NameIndex::decode(&bytes, &listed_identifiers(&sample())).unwrap();
        assert_eq!(back, idx);
        assert_eq!(back.find_identifier("b012345", false).len(), 1);
    }

    #[test]
    fn decode_never_panics_on_garbage() {
        let idx = NameIndex::build(&sample());
        let mut bytes = Vec::new();
        idx.encode(&mut bytes);
        for cut in 0..bytes.len() {
            assert!(NameIndex::decode(&bytes[..cut], &[]).is_err());
        }
        for i in 0..bytes.len() {
            for mask in [0x01u8, 0x80, 0xFF] {
                let mut b = bytes.clone();
                b[i] ^= mask;
                let _ = NameIndex::decode(&b, &[]);
            }
        }
        assert!(NameIndex::decode(&[], &[]).is_err());
        assert!(NameIndex::decode(b"KCIX\x02\xff\xff\xff\xff\x0f", &[]).is_err());
        assert!(NameIndex::decode(b"KCIX\x01", &[]).is_err());
    }

    /// Re-encodes `t` after `f` forged it.
    fn forged(idx: &NameIndex, f: impl FnOnce(&mut Tables)) -> Vec<u8> {
        let mut t = idx.t.clone();
        f(&mut t);
        let mut bytes = Vec::new();
        NameIndex::from_tables(t, Listed::default()).encode(&mut bytes);
        bytes
    }

    #[test]
    fn prepared_tokens_equal_build_time_tokens() {
        let idx = NameIndex::build(&sample());
        let mut bytes = Vec::new();
        idx.encode(&mut bytes);
        let back = NameIndex::decode(&bytes, &listed_identifiers(&sample())).unwrap();
        assert!(back.vocabulary_size() > 0);
        for id in 0..back.vocabulary_size() as u32 {
            let (tok, df) = back.t.stored_token(id).unwrap();
            let want = TokInfo::new(&tok, df);
            assert_eq!(back.token(id), Some(&want), "token {id}");
            // The stored rarity count is what the query side would compute.
            let keys = TokInfo::rarity_keys(&tok);
            let q = keys.iter().map(|k| back.t.rarity(k)).max().unwrap_or(0);
            assert_eq!(q, df, "token {id}");
        }
        assert_eq!(back.token(back.vocabulary_size() as u32), None);
    }

    #[test]
    fn forged_front_coded_tables_are_rejected() {
        let table = |shared: &[u32], lens: &[u32], rests: &[u8]| {
            let mut b = Vec::new();
            put_u32s(&mut b, shared);
            put_u32s(&mut b, lens);
            put_bytes(&mut b, rests);
            b
        };
        let read = |b: &[u8], budget: usize| {
            let mut budget = budget;
            let got = Reader { bytes: b, pos: 0 }.front_coded(&mut budget);
            got.map(|t| (t, budget))
        };
        let ok = table(&[0, 2], &[3, 1], b"abcd");
        assert_eq!(
            read(&ok, 100),
            Ok(((b"abcabd".to_vec(), vec![0, 3, 6]), 94))
        );
        let forged = [
            (
                "prefix longer than the string before",
                table(&[1], &[1], b"a"),
            ),
            ("rest beyond the rests", table(&[0], &[2], b"a")),
            ("rests left over", table(&[0], &[1], b"ab")),
            ("length tables disagree", table(&[0, 0], &[1], b"a")),
        ];
        for (what, b) in forged {
            assert!(read(&b, 100).is_err(), "{what} accepted");
        }
        assert!(read(&ok, 5).is_err(), "over the budget accepted");
        // The mode byte of a string table: 0 plain, 1 front-coded, nothing else.
        let mut plain = vec![0u8];
        put_bytes(&mut plain, b"abcd");
        put_offs(&mut plain, &[0, 3, 4]);
        let mut budget = 0;
        assert_eq!(
            Reader {
                bytes: &plain,
                pos: 0
            }
            .strings(&mut budget),
            Ok((b"abcd".to_vec(), vec![0, 3, 4]))
        );
        plain[0] = 2;
        assert!(Reader {
            bytes: &plain,
            pos: 0
        }
        .strings(&mut budget)
        .is_err());
        // Prefixes that repeat a long string make the rebuilt table grow quadratically:
        // the budget (twice the index bytes) refuses it before allocating.
        let n = 2000u32;
        let shared: Vec<u32> = (0..n).collect();
        let b = table(&shared, &vec![1; n as usize], &vec![b'x'; n as usize]);
        assert!(read(&b, 2 * b.len()).is_err());
    }

    #[test]
    fn token_ids_follow_the_text_order() {
        let idx = NameIndex::build(&sample());
        let nt = idx.vocabulary_size() as u32;
        assert!(nt > 1);
        // The derived `by_text` (the identity) is what sorting by (text, id) gives.
        assert_eq!(idx.t.by_text, (0..nt).collect::<Vec<_>>());
        assert!((1..nt).all(|i| idx.t.text_of(i - 1) <= idx.t.text_of(i)));
        assert!(idx.t.fuzzy_sorted.windows(2).all(|w| w[0] < w[1]));
        assert!(idx.t.first_ids.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn steps_round_trip_any_values() {
        let values = [5u32, 7, 7, 1, u32::MAX, 0, 3];
        assert_eq!(sums(steps(&values)), values);
        // Ascending lists give small steps.
        assert_eq!(steps(&[3, 5, 9]), [3, 2, 4]);
    }

    #[test]
    fn forged_offsets_and_ids_are_rejected() {
        let idx = NameIndex::build(&sample());
        let nt = idx.vocabulary_size() as u32;
        let cases: Vec<(&str, Vec<u8>)> = vec![
            // Text offsets are not stored as such (front-coded tables, version 5: see
            // `forged_front_coded_tables_are_rejected`); a split character still is
            // refused (below).
            ("name token", forged(&idx, |t| t.name_toks[0] = nt)),
            // Postings are not stored (derived from the names); an entity step that
            // overflows is refused.
            (
                "name entity step",
                forged(&idx, |t| t.name_entity[0] = u32::MAX),
            ),
            // Version 5: `by_text` is derived (the identity), skeleton postings, fuzzy and
            // first-letter ids are stored as steps, some tables by byte planes.
            // Version 6: skeleton postings are derived from `tok_skel` and the stored
            // expansions of the pattern tokens.
            (
                "expansion skeleton id",
                forged(&idx, |t| t.exp_skels[0] = t.skel_offs.len() as u32),
            ),
            ("expansion offsets", forged(&idx, |t| t.exp_offs.push(0))),
            ("first-letter id", forged(&idx, |t| t.first_ids[0] = nt)),
            ("key table id (planar)", forged(&idx, |t| t.by_key[0] = nt)),
            ("skel id", forged(&idx, |t| t.tok_skel[0] = u32::MAX)),
            ("fuzzy id", forged(&idx, |t| t.fuzzy_sorted.push(nt))),
            (
                "first offs",
                forged(&idx, |t| t.first_offs.pop().map(|_| ()).unwrap_or(())),
            ),
            ("weak flag", forged(&idx, |t| t.name_weak[0] = 2)),
            ("meta", forged(&idx, |t| t.tok_meta[0] |= 0xFF)),
            ("names", forged(&idx, |t| t.name_entity.push(0))),
        ];
        for (what, bytes) in cases {
            assert!(NameIndex::decode(&bytes, &[]).is_err(), "{what} accepted");
        }
        // A multi-byte character split by a token offset.
        let mut t = idx.t.clone();
        let at = t.text.find('ا').or_else(|| {
            t.text
                .char_indices()
                .find(|c| c.1.len_utf8() > 1)
                .map(|c| c.0)
        });
        if let Some(at) = at {
            t.text_offs[1] = at as u32 + 1;
            let mut bytes = Vec::new();
            NameIndex::from_tables(t, Listed::default()).encode(&mut bytes);
            assert!(
                NameIndex::decode(&bytes, &[]).is_err(),
                "split character accepted"
            );
        }
    }

    #[test]
    fn exact_table_finds_what_the_sorted_search_finds() {
        let snapshot =
            crate::snapshot::Snapshot::from_bytes(crate::snapshot::default_snapshot_bytes())
                .expect("default snapshot");
        let t = &snapshot.index.t;
        assert_eq!(t.exact.is_empty(), cfg!(target_arch = "wasm32"));
        let mut probes: Vec<Vec<u8>> = Vec::new();
        for id in 0..t.token_count() as u32 {
            let text = t.text_bytes_of(id).to_vec();
            let key = t.key_of(id).to_vec();
            // Present strings, and near misses that are not (or may be) present.
            for s in [text.clone(), key.clone()] {
                let mut longer = s.clone();
                longer.push(b'x');
                let shorter = s
                    .get(..s.len().saturating_sub(1))
                    .unwrap_or_default()
                    .to_vec();
                probes.extend([s, longer, shorter]);
            }
        }
        probes.extend([b"".to_vec(), b"\0".to_vec(), vec![0xFF; 40]]);
        for p in &probes {
            let text = std::str::from_utf8(p).unwrap_or_default();
            assert_eq!(
                t.by_text(text),
                t.texts().equal(text.as_bytes()),
                "text {p:?}"
            );
            assert_eq!(t.by_key(p), t.keys().equal(p), "key {p:?}");
        }
    }

    #[test]
    fn lookups_on_unsorted_tables_miss_without_panicking() {
        // Bypasses decode's order checks: the accessors alone must stay total.
        let idx = NameIndex::build(&sample());
        let mut t = idx.t.clone();
        t.by_text.reverse();
        t.by_key.reverse();
        t.skel_offs.reverse();
        t.rarity_offs.reverse();
        let forged = NameIndex::from_tables(t, Listed::default());
        for w in ["muammar", "qadhafi", "", "zzz"] {
            let _ = forged.t.by_text(w);
            let _ = forged.t.by_key(w.as_bytes());
            let _ = forged.t.by_skel(w.as_bytes());
            let _ = forged.t.rarity(w.as_bytes());
        }
        let q = forged.prepare(normalize_name("Muammar Qadhafi", None));
        let c = forged.candidates(&q, 0.8);
        for &n in &c.names {
            let _ = forged.score(&q, &c, n, EntityType::Person);
        }
    }

    #[test]
    fn crypto_normalisation() {
        assert_eq!(
            normalize_crypto(" 0xABCdef0123456789abcdef0123456789ABCDEF01 "),
            "0xabcdef0123456789abcdef0123456789abcdef01"
        );
        assert_eq!(
            normalize_crypto("1BoatSLRHtKNngkdXEeobR76b53LETtpyT"),
            "1BoatSLRHtKNngkdXEeobR76b53LETtpyT"
        );
        assert_eq!(normalize_document("AB-12 345"), "AB12345");
    }
}
