//! The candidate-generation index stored in the snapshot.
//!
//! What is stored (see [`NameIndex::encode`]): the vocabulary of normalised tokens (text,
//! class, script, and the consonant-skeleton pattern of Arabic/Hebrew/Thai words, which
//! cannot be recomputed from the Latin text), every listed name as a list of vocabulary
//! ids, and the normalised identifiers (documents, crypto addresses). Normalisation and
//! transliteration, the expensive part, are thus done once at snapshot build time.
//! Loading derives the lookup tables in one linear pass: text → token, phonetic key →
//! tokens, consonant skeleton → tokens, padded letter bigram → tokens, first letter →
//! tokens, token → names, and the rarity counts used for token weights.
//!
//! Candidate generation is exact, not heuristic. For a query token it enumerates every
//! vocabulary token that [`pair_similarity`] can match: exact text, same key, same
//! skeleton (including every skeleton an abjad pattern can produce), initials, and edit
//! distance through a q-gram count filter that is a proven bound (each edit destroys at
//! most 3 padded bigrams, so a token within distance `k` shares at least `|D| - 3k` of
//! the query's distinct bigrams `D`). Query tokens whose combined weight cannot lift a
//! name to the threshold on their own are not looked up (MaxScore): a name reached only
//! through them scores below the threshold anyway. So every name that scores at or above
//! the threshold is a candidate, and the index returns exactly what an exhaustive scan
//! with the same scorer returns (tests/screen_index.rs checks this on random queries).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use crate::model::{AliasStrength, Entity, EntityType, IdentifierKind, NameKind};
use crate::screen::normalize::{normalize_name, Token, TokenClass};
use crate::screen::phonetic::{self, Slot};
use crate::screen::score::{self, ItemKind, Method, NameScore, QueryItem, TokInfo};
use crate::screen::translit::Script;

/// A small, fast, deterministic hasher for the lookup tables (FxHash's multiply-rotate
/// scheme); the keys are not attacker-controlled in a way that matters here.
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

/// Encoding magic and version.
const MAGIC: &[u8; 4] = b"KCIX";
const VERSION: u8 = 1;

/// One listed name in the index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexedName {
    /// Position of the entity in the snapshot's entity list.
    pub entity: u32,
    /// Position of the name in the entity's `names`.
    pub name: u32,
    /// True for weak / low-quality aliases.
    pub weak: bool,
    /// Vocabulary ids of the name's tokens, in order.
    pub tokens: Vec<u32>,
}

/// A normalised identifier of an entity.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct IndexedIdent {
    /// Normalised value ([`normalize_document`] or [`normalize_crypto`]).
    pub value: String,
    /// True for crypto addresses.
    pub crypto: bool,
    /// Entity position.
    pub entity: u32,
    /// Position in the entity's `identifiers`.
    pub ident: u32,
}

/// Precomputed normalised names and candidate keys for a set of entities.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NameIndex {
    /// Vocabulary: distinct tokens.
    tokens: Vec<Token>,
    /// Names.
    names: Vec<IndexedName>,
    /// Identifiers, sorted.
    idents: Vec<IndexedIdent>,
    /// Derived: prepared vocabulary (weights from rarity).
    vocab: Vec<TokInfo>,
    /// Derived: text → vocabulary ids (several when scripts or patterns differ).
    by_text: FxMap<String, Vec<u32>>,
    /// Derived: phonetic key → ids.
    by_key: FxMap<Vec<u8>, Vec<u32>>,
    /// Derived: skeleton (Latin tokens and every expansion of abjad patterns) → ids.
    by_skel: FxMap<Vec<u8>, Vec<u32>>,
    /// Derived: abjad tokens whose pattern has too many expansions to index.
    wild: Vec<u32>,
    /// Derived: ids of tokens eligible for edit distance, sorted by text (an implicit
    /// trie walked with an edit-distance automaton).
    fuzzy_sorted: Vec<u32>,
    /// Derived: for each word of `fuzzy_sorted`, the length of the prefix it shares with
    /// the word before it (capped at 255).
    fuzzy_lcp: Vec<u8>,
    /// Derived: first letter → ids of alphabetic tokens (for query initials).
    by_first: Vec<Vec<u32>>,
    /// Derived: token id → name ids.
    postings: Vec<Vec<u32>>,
    /// Derived: rarity key → number of entities.
    rarity: FxMap<Vec<u8>, u32>,
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

/// Smallest normalised length for an identifier to be matched (shorter values are too
/// likely to collide).
const MIN_DOCUMENT_LEN: usize = 5;
const MIN_CRYPTO_LEN: usize = 20;

/// True for tokens that take part in edit-distance matching (see `pair_similarity`).
fn fuzzy_eligible(t: &TokInfo) -> bool {
    t.is_alpha()
        && !t.exact_only()
        && t.pattern.is_none()
        && t.class != TokenClass::Initial
        && t.len >= 4
}

/// Names reached by a query's lookups: per name, the query tokens that may match it.
struct Reached {
    masks: Vec<u64>,
    touched: Vec<u32>,
}

/// The vocabulary tokens a query item matches, sorted by token id, with similarities.
type TokenMatches = Vec<(u32, (f64, Method))>;

/// Candidate names for one query, with the similarities found while generating them.
#[derive(Debug, Clone, Default)]
pub struct Candidates {
    /// Name ids, ascending.
    pub names: Vec<u32>,
    /// Per query item: every vocabulary token it matches, when the enumeration was done.
    item_matches: Vec<Option<TokenMatches>>,
    /// True when the whole index is scanned (threshold too low to prune).
    pub exhaustive: bool,
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
    /// Every name (no pruning, similarities computed directly).
    pub fn all(name_count: usize) -> Candidates {
        Candidates {
            names: (0..name_count as u32).collect(),
            item_matches: Vec::new(),
            exhaustive: true,
            memo: Default::default(),
        }
    }
}

impl NameIndex {
    /// Builds the index for `entities` (the same normalisation runs at query time).
    pub fn build(entities: &[Entity]) -> NameIndex {
        let mut tokens: Vec<Token> = Vec::new();
        let mut ids: FxMap<Token, u32> = FxMap::default();
        let mut names = Vec::new();
        let mut idents = Vec::new();
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
                names.push(IndexedName {
                    entity: ei as u32,
                    name: ni as u32,
                    weak,
                    tokens: tids,
                });
            }
            for (ii, id) in e.identifiers.iter().enumerate() {
                let crypto = id.kind == IdentifierKind::CryptoAddress;
                let value = if crypto {
                    normalize_crypto(&id.value)
                } else {
                    normalize_document(&id.value)
                };
                let min = if crypto {
                    MIN_CRYPTO_LEN
                } else {
                    MIN_DOCUMENT_LEN
                };
                if value.chars().count() >= min {
                    idents.push(IndexedIdent {
                        value,
                        crypto,
                        entity: ei as u32,
                        ident: ii as u32,
                    });
                }
            }
        }
        // Names are stored in entity order; keep a deterministic order within entities.
        names.sort_by_key(|n| (n.entity, n.name));
        idents.sort();
        idents.dedup();
        let mut index = NameIndex {
            tokens,
            names,
            idents,
            ..NameIndex::default()
        };
        index.derive();
        index
    }

    /// Computes every derived table from `tokens`, `names` and `idents`.
    fn derive(&mut self) {
        let nt = self.tokens.len();
        // Rarity: number of entities carrying a rarity key.
        let token_keys: Vec<Vec<Vec<u8>>> = self.tokens.iter().map(TokInfo::rarity_keys).collect();
        let mut rarity: FxMap<Vec<u8>, u32> = FxMap::default();
        let mut last_entity: FxMap<Vec<u8>, u32> = FxMap::default();
        for n in &self.names {
            for &t in &n.tokens {
                for k in token_keys
                    .get(t as usize)
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
        self.vocab = self
            .tokens
            .iter()
            .zip(&token_keys)
            .map(|(t, k)| TokInfo::new(t, df_of(k)))
            .collect();
        self.rarity = rarity;

        self.by_text = FxMap::default();
        self.by_key = FxMap::default();
        self.by_skel = FxMap::default();
        self.wild = Vec::new();
        self.fuzzy_sorted = Vec::new();
        self.fuzzy_lcp = Vec::new();
        self.by_first = vec![Vec::new(); 26];
        for (id, t) in self.vocab.iter().enumerate() {
            let id = id as u32;
            self.by_text.entry(t.text.clone()).or_default().push(id);
            if t.is_alpha() {
                self.by_key.entry(t.key.clone()).or_default().push(id);
                if !t.skel.is_empty() {
                    self.by_skel.entry(t.skel.clone()).or_default().push(id);
                }
                if let Some(&f) = t.text.as_bytes().first() {
                    if f.is_ascii_lowercase() {
                        self.by_first[(f - b'a') as usize].push(id);
                    }
                }
            }
            if t.pattern.is_some() {
                match &t.expansions {
                    Some(ex) => {
                        for e in ex {
                            self.by_skel.entry(e.clone()).or_default().push(id);
                        }
                    }
                    None => self.wild.push(id),
                }
            }
            if fuzzy_eligible(t) {
                self.fuzzy_sorted.push(id);
            }
        }
        let vocab = &self.vocab;
        self.fuzzy_sorted.sort_by(|&a, &b| {
            vocab[a as usize]
                .text
                .cmp(&vocab[b as usize].text)
                .then(a.cmp(&b))
        });
        self.fuzzy_lcp = self
            .fuzzy_sorted
            .iter()
            .enumerate()
            .map(|(k, &id)| {
                let Some(prev) = k.checked_sub(1).map(|p| self.fuzzy_sorted[p]) else {
                    return 0;
                };
                let (a, b) = (
                    vocab[prev as usize].text.as_bytes(),
                    vocab[id as usize].text.as_bytes(),
                );
                a.iter().zip(b).take_while(|(x, y)| x == y).count().min(255) as u8
            })
            .collect();
        let mut postings = vec![Vec::new(); nt];
        for (ni, n) in self.names.iter().enumerate() {
            for &t in &n.tokens {
                if let Some(p) = postings.get_mut(t as usize) {
                    if p.last() != Some(&(ni as u32)) {
                        p.push(ni as u32);
                    }
                }
            }
        }
        self.postings = postings;
    }

    /// Number of indexed names.
    pub fn name_count(&self) -> usize {
        self.names.len()
    }

    /// Number of distinct tokens.
    pub fn vocabulary_size(&self) -> usize {
        self.tokens.len()
    }

    /// One indexed name.
    pub fn name(&self, id: u32) -> Option<&IndexedName> {
        self.names.get(id as usize)
    }

    /// The prepared vocabulary token `id`.
    pub fn token(&self, id: u32) -> Option<&TokInfo> {
        self.vocab.get(id as usize)
    }

    /// Entities whose identifier equals `value` once normalised (documents or crypto).
    pub fn find_identifier(&self, value: &str, crypto: bool) -> Vec<&IndexedIdent> {
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
        let start = self
            .idents
            .partition_point(|x| x.value.as_str() < v.as_str());
        self.idents[start..]
            .iter()
            .take_while(|x| x.value == v)
            .filter(|x| x.crypto == crypto)
            .collect()
    }

    /// Prepares a normalised query: token weights from this index's rarity counts, and
    /// the glued items.
    pub fn prepare(&self, tokens: Vec<Token>) -> PreparedQuery {
        let infos: Vec<TokInfo> = tokens
            .iter()
            .map(|t| {
                let keys = TokInfo::rarity_keys(t);
                let df = keys
                    .iter()
                    .map(|k| self.rarity.get(k).copied().unwrap_or(0))
                    .max()
                    .unwrap_or(0);
                TokInfo::new(t, df)
            })
            .collect();
        let items = self.prune_items(score::query_items(&tokens, &infos));
        PreparedQuery {
            tokens,
            infos,
            items,
        }
    }

    /// Drops glued and split items that cannot match any vocabulary token (their text,
    /// key and skeleton are unknown to the index). Decided once per query, so the indexed
    /// and the exhaustive paths score the very same items.
    fn prune_items(&self, items: Vec<QueryItem>) -> Vec<QueryItem> {
        let known = |t: &TokInfo, split: bool| -> bool {
            if self.by_text.contains_key(&t.text)
                || (!t.key.is_empty() && self.by_key.contains_key(&t.key))
            {
                return true;
            }
            if split {
                return false;
            }
            if !t.skel.is_empty() && self.by_skel.contains_key(&t.skel) {
                return true;
            }
            match (&t.pattern, &t.expansions) {
                (Some(_), Some(ex)) => {
                    ex.iter().any(|e| self.by_skel.contains_key(e)) || !self.wild.is_empty()
                }
                (Some(_), None) => true,
                _ => false,
            }
        };
        let mut keep = vec![true; items.len()];
        let mut i = 0;
        while i < items.len() {
            match items[i].kind {
                ItemKind::Whole if items[i].len > 1 && items[i].glue_exact => {
                    keep[i] = self.by_text.contains_key(&items[i].info.text)
                }
                ItemKind::Whole if items[i].len > 1 => keep[i] = known(&items[i].info, false),
                ItemKind::Whole => {}
                ItemKind::SplitPart { first: true } => {
                    let ok = known(&items[i].info, true)
                        && items.get(i + 1).is_some_and(|b| known(&b.info, true));
                    keep[i] = ok;
                    if let Some(k) = keep.get_mut(i + 1) {
                        *k = ok;
                    }
                    i += 1;
                }
                ItemKind::SplitPart { first: false } => {}
            }
            i += 1;
        }
        items
            .into_iter()
            .zip(keep)
            .filter(|(_, k)| *k)
            .map(|(it, _)| it)
            .collect()
    }

    /// Every vocabulary token that `q` matches, with its similarity.
    fn enumerate_matches(&self, item: &QueryItem) -> TokenMatches {
        let q = &item.info;
        if let ItemKind::SplitPart { .. } = item.kind {
            // Split halves match exactly or by phonetic key only.
            let mut cand: Vec<u32> = Vec::new();
            if let Some(v) = self.by_text.get(&q.text) {
                cand.extend_from_slice(v);
            }
            if let Some(v) = self.by_key.get(&q.key) {
                cand.extend_from_slice(v);
            }
            cand.sort_unstable();
            cand.dedup();
            return cand
                .into_iter()
                .filter_map(|id| {
                    self.vocab
                        .get(id as usize)
                        .and_then(|t| score::part_similarity(q, t))
                        .map(|s| (id, s))
                })
                .collect();
        }
        let mut cand: Vec<u32> = Vec::new();
        if let Some(v) = self.by_text.get(&q.text) {
            cand.extend_from_slice(v);
        }
        if !q.exact_only() && !item.glue_exact {
            if q.class == TokenClass::Initial {
                if let Some(&f) = q.text.as_bytes().first() {
                    if f.is_ascii_lowercase() {
                        cand.extend_from_slice(&self.by_first[(f - b'a') as usize]);
                    }
                }
            } else if let Some(pattern) = &q.pattern {
                match &q.expansions {
                    Some(ex) => {
                        for e in ex {
                            if let Some(v) = self.by_skel.get(e) {
                                cand.extend_from_slice(v);
                            }
                        }
                    }
                    None => {
                        for (skel, v) in &self.by_skel {
                            if phonetic::pattern_matches(pattern, skel) {
                                cand.extend_from_slice(v);
                            }
                        }
                    }
                }
                cand.extend_from_slice(&self.wild);
            } else if q.is_alpha() {
                // A list initial matches this word's first letter.
                if let Some(first) = q.text.get(..1) {
                    if let Some(v) = self.by_text.get(first) {
                        cand.extend_from_slice(v);
                    }
                }
                if let Some(v) = self.by_key.get(&q.key) {
                    cand.extend_from_slice(v);
                }
                if let Some(v) = self.by_skel.get(&q.skel) {
                    cand.extend_from_slice(v);
                }
                cand.extend_from_slice(&self.wild);
                // Glued query tokens do not take part in edit-distance matching.
                if fuzzy_eligible(q) && item.len == 1 {
                    self.fuzzy_candidates(q, &mut cand);
                }
            }
        }
        cand.sort_unstable();
        cand.dedup();
        // Sorted by id (cand is sorted): looked up by binary search when scoring.
        cand.into_iter()
            .filter_map(|id| {
                self.vocab
                    .get(id as usize)
                    .and_then(|t| score::item_similarity(item, t))
                    .map(|s| (id, s))
            })
            .collect()
    }

    /// Every fuzzy-eligible token within edit distance `min(len/3, 2)` of `q` (a superset of the
    /// tokens with similarity >= 0.75, verified by the caller): a walk of the sorted
    /// vocabulary as an implicit trie, carrying the optimal-string-alignment DP rows of
    /// the shared prefix and skipping every word under a prefix whose last two rows
    /// exceed the bound (no later row can come back under it).
    fn fuzzy_candidates(&self, q: &TokInfo, cand: &mut Vec<u32>) {
        let qb = q.text.as_bytes();
        let m = qb.len();
        // Every partner `fuzzy_similarity` can accept is within these bounds.
        let (min_len, max_len, kmax) = score::fuzzy_bounds(m);
        let words = &self.fuzzy_sorted;
        // rows[d * w .. (d + 1) * w]: the DP row after the first d letters of the prefix.
        let w = m + 1;
        let mut rows: Vec<usize> = vec![0; (max_len + 2) * w];
        let mut mins: Vec<usize> = vec![0; max_len + 2];
        for (j, r) in rows.iter_mut().take(w).enumerate() {
            *r = j;
        }
        let mut prefix: Vec<u8> = Vec::with_capacity(max_len + 1);
        let mut i = 0;
        while i < words.len() {
            let Some(word) = self.vocab.get(words[i] as usize).map(|t| t.text.as_bytes()) else {
                i += 1;
                continue;
            };
            // The prefix kept from the previous word: what the two words share.
            let cp = (self.fuzzy_lcp.get(i).copied().unwrap_or(0) as usize)
                .min(prefix.len())
                .min(word.len());
            prefix.truncate(cp);
            let mut pruned: Option<usize> = None;
            while prefix.len() < word.len() {
                let d = prefix.len();
                if d + 1 > max_len {
                    pruned = Some(d + 1);
                    break;
                }
                let c = word[d];
                let (done, rest) = rows.split_at_mut((d + 1) * w);
                let prev = &done[d * w..(d + 1) * w];
                let prev2 = if d >= 1 {
                    Some(&done[(d - 1) * w..d * w])
                } else {
                    None
                };
                let row = &mut rest[..w];
                row[0] = d + 1;
                let mut min_now = row[0];
                for j in 1..=m {
                    let cost = usize::from(qb[j - 1] != c);
                    let mut v = (prev[j] + 1).min(row[j - 1] + 1).min(prev[j - 1] + cost);
                    if let Some(p2) = prev2 {
                        if j >= 2 && qb[j - 1] == prefix[d - 1] && qb[j - 2] == c {
                            v = v.min(p2[j - 2] + 1);
                        }
                    }
                    row[j] = v;
                    min_now = min_now.min(v);
                }
                mins[d + 1] = min_now;
                let min_prev = if d == 0 { 0 } else { mins[d] };
                prefix.push(c);
                if min_now > kmax && min_prev > kmax {
                    pruned = Some(d + 1);
                    break;
                }
            }
            if let Some(depth) = pruned {
                // Skip every word sharing the pruned prefix (contiguous in sorted order:
                // the following words whose shared prefix with their predecessor is at
                // least as long).
                i += 1;
                while i < words.len()
                    && (self.fuzzy_lcp.get(i).copied().unwrap_or(0) as usize) >= depth
                {
                    i += 1;
                }
                continue;
            }
            let last = word.len() * w + m;
            if word.len() >= min_len
                && word.len() <= max_len
                && rows.get(last).is_some_and(|&v| v <= kmax)
            {
                cand.push(words[i]);
            }
            i += 1;
        }
    }

    /// Query items worth looking up (MaxScore). A set `N` of query tokens is skipped when
    /// a name matched through `N` alone stays below `threshold` even at best: all of `N`
    /// matched with similarity 1 and every other token unmatched at its lowest cost
    /// gives `cq = W(N) / (W(N) + sum of w x position factor outside N) < threshold`, and
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
            let cost = |i: usize| full[i] * score::position_factor(i, n);
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
                order.sort_by(|&a, &b| {
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
        if threshold <= 0.0 || q.infos.is_empty() {
            return Candidates {
                names: (0..self.names.len() as u32).collect(),
                item_matches: vec![None; q.items.len()],
                exhaustive: true,
                memo: Default::default(),
            };
        }
        let essential = self.essential_items(q, threshold);
        let n = q.infos.len();
        // Per name: the query tokens that may match it (bit i = token i).
        // Dense per-name masks plus the list of names touched (cheaper than a hash map:
        // common tokens reach thousands of names).
        let mut reached = Reached {
            masks: vec![0u64; self.names.len()],
            touched: Vec::new(),
        };
        let add = |postings: &[u32], mask: u64, reached: &mut Reached| {
            for &nm in postings {
                if let Some(m) = reached.masks.get_mut(nm as usize) {
                    if *m == 0 {
                        reached.touched.push(nm);
                    }
                    *m |= mask;
                }
            }
        };
        let mut item_matches = Vec::with_capacity(q.items.len());
        let mut looked_up = vec![false; n];
        for (ii, item) in q.items.iter().enumerate() {
            if !essential[ii] {
                item_matches.push(None);
                continue;
            }
            // Queries of more than 64 tokens are not bounded (every bit set, never 0).
            let mask = if n > 64 {
                u64::MAX
            } else {
                (item.start..item.start + item.len).fold(0u64, |m, i| m | (1u64 << i))
            };
            // Only a single token's own lookup tells which names it cannot match; a glued
            // or split item covering it does not.
            if item.len == 1 && item.kind == ItemKind::Whole {
                if let Some(l) = looked_up.get_mut(item.start) {
                    *l = true;
                }
            }
            let m = self.enumerate_matches(item);
            for (id, _) in &m {
                if let Some(p) = self.postings.get(*id as usize) {
                    add(p, mask, &mut reached);
                }
            }
            // List-side glue: a name whose adjacent tokens concatenate to this query token
            // (or to its key) holds a token whose text (or key) is a prefix of it.
            if item.len == 1 && item.kind == ItemKind::Whole && score::glueable(&item.info) {
                let text = &item.info.text;
                let key = &item.info.key;
                let by_text = (1..text.len())
                    .filter_map(|cut| text.get(..cut).and_then(|p| self.by_text.get(p)));
                let by_key = (1..key.len())
                    .filter_map(|cut| key.get(..cut).and_then(|p| self.by_key.get(p)));
                for v in by_text.chain(by_key) {
                    for id in v {
                        if let Some(p) = self.postings.get(*id as usize) {
                            add(p, mask, &mut reached);
                        }
                    }
                }
            }
            item_matches.push(Some(m));
        }
        // Upper bound of each reached name's score: every token that may match it (and every
        // token not looked up) matched perfectly, the others unmatched at their lowest cost.
        // score <= cq <= this bound, so names under the threshold are not scored at all.
        let not_looked_up = (0..n.min(64))
            .filter(|&i| !looked_up[i])
            .fold(0u64, |m, i| m | (1u64 << i));
        let weightings: Vec<(Vec<f64>, Vec<f64>)> = [EntityType::Person, EntityType::Organization]
            .iter()
            .map(|&c| {
                let w: Vec<f64> = q.infos.iter().map(|t| t.effective_weight(c)).collect();
                let cost: Vec<f64> = (0..n)
                    .map(|i| q.infos[i].effective_full_weight(c) * score::position_factor(i, n))
                    .collect();
                (w, cost)
            })
            .collect();
        let can_reach = |mask: u64| -> bool {
            if n > 64 {
                return true;
            }
            let possible = mask | not_looked_up;
            weightings.iter().any(|(w, cost)| {
                let (mut num, mut rest) = (0.0, 0.0);
                for i in 0..n {
                    if possible & (1u64 << i) != 0 {
                        num += w[i];
                    } else {
                        rest += cost[i];
                    }
                }
                num > 0.0 && num / (num + rest) >= threshold
            })
        };
        let mut names: Vec<u32> = reached
            .touched
            .iter()
            .copied()
            .filter(|&nm| can_reach(reached.masks[nm as usize]))
            .collect();
        names.sort_unstable();
        Candidates {
            names,
            item_matches,
            exhaustive: false,
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
        let name = self.names.get(name_id as usize)?;
        let list: Vec<&TokInfo> = name
            .tokens
            .iter()
            .filter_map(|&t| self.vocab.get(t as usize))
            .collect();
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
        let name = self.names.get(name_id as usize)?;
        let list: Vec<&TokInfo> = name
            .tokens
            .iter()
            .filter_map(|&t| self.vocab.get(t as usize))
            .collect();
        Some(score::score_direct(
            &q.items,
            q.tokens.len(),
            &list,
            candidate,
        ))
    }

    /// Appends the encoded index to `out`.
    pub fn encode(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(MAGIC);
        out.push(VERSION);
        put_varint(out, self.tokens.len() as u64);
        for t in &self.tokens {
            put_varint(out, t.text.len() as u64);
            out.extend_from_slice(t.text.as_bytes());
            out.push(t.class.to_u8());
            out.push(t.script.to_u8());
            match &t.pattern {
                None => out.push(0),
                Some(p) => {
                    out.push(1);
                    put_varint(out, p.len() as u64);
                    for s in p {
                        out.push(s.a);
                        out.push(s.b);
                        out.push(s.optional as u8);
                    }
                }
            }
        }
        put_varint(out, self.names.len() as u64);
        for n in &self.names {
            put_varint(out, n.entity as u64);
            put_varint(out, n.name as u64);
            out.push(n.weak as u8);
            put_varint(out, n.tokens.len() as u64);
            for &t in &n.tokens {
                put_varint(out, t as u64);
            }
        }
        put_varint(out, self.idents.len() as u64);
        for i in &self.idents {
            put_varint(out, i.value.len() as u64);
            out.extend_from_slice(i.value.as_bytes());
            out.push(i.crypto as u8);
            put_varint(out, i.entity as u64);
            put_varint(out, i.ident as u64);
        }
    }

    /// Decodes an index produced by [`NameIndex::encode`]. Never panics: any malformed
    /// input gives an error.
    pub fn decode(bytes: &[u8]) -> Result<NameIndex, IndexDecodeError> {
        let mut r = Reader { bytes, pos: 0 };
        if r.take(4)? != MAGIC {
            return Err(IndexDecodeError("bad magic".into()));
        }
        let version = r.byte()?;
        if version != VERSION {
            return Err(IndexDecodeError(format!("unsupported version {version}")));
        }
        // Each record needs at least 4 bytes, which bounds every count by the input size
        // (no huge allocation from a forged count).
        let nt = r.count(4)?;
        let mut tokens = Vec::with_capacity(nt);
        for _ in 0..nt {
            let len = r.count(1)?;
            let text = std::str::from_utf8(r.take(len)?)
                .map_err(|_| IndexDecodeError("token is not UTF-8".into()))?
                .to_string();
            let class = TokenClass::from_u8(r.byte()?)
                .ok_or_else(|| IndexDecodeError("bad token class".into()))?;
            let script =
                Script::from_u8(r.byte()?).ok_or_else(|| IndexDecodeError("bad script".into()))?;
            let pattern = match r.byte()? {
                0 => None,
                1 => {
                    let n = r.count(3)?;
                    let mut p = Vec::with_capacity(n);
                    for _ in 0..n {
                        let a = r.byte()?;
                        let b = r.byte()?;
                        let o = r.byte()?;
                        if !is_class(a) || (b != 0 && !is_class(b)) || o > 1 {
                            return Err(IndexDecodeError("bad skeleton slot".into()));
                        }
                        p.push(Slot {
                            a,
                            b,
                            optional: o == 1,
                        });
                    }
                    Some(p)
                }
                _ => return Err(IndexDecodeError("bad pattern flag".into())),
            };
            tokens.push(Token {
                text,
                class,
                script,
                pattern,
            });
        }
        let nn = r.count(4)?;
        let mut names = Vec::with_capacity(nn);
        for _ in 0..nn {
            let entity = r.u32()?;
            let name = r.u32()?;
            let weak = match r.byte()? {
                0 => false,
                1 => true,
                _ => return Err(IndexDecodeError("bad name flag".into())),
            };
            let k = r.count(1)?;
            let mut toks = Vec::with_capacity(k);
            for _ in 0..k {
                let t = r.u32()?;
                if t as usize >= tokens.len() {
                    return Err(IndexDecodeError("token id out of range".into()));
                }
                toks.push(t);
            }
            names.push(IndexedName {
                entity,
                name,
                weak,
                tokens: toks,
            });
        }
        let ni = r.count(4)?;
        let mut idents = Vec::with_capacity(ni);
        for _ in 0..ni {
            let len = r.count(1)?;
            let value = std::str::from_utf8(r.take(len)?)
                .map_err(|_| IndexDecodeError("identifier is not UTF-8".into()))?
                .to_string();
            let crypto = match r.byte()? {
                0 => false,
                1 => true,
                _ => return Err(IndexDecodeError("bad identifier flag".into())),
            };
            let entity = r.u32()?;
            let ident = r.u32()?;
            idents.push(IndexedIdent {
                value,
                crypto,
                entity,
                ident,
            });
        }
        if r.pos != bytes.len() {
            return Err(IndexDecodeError("trailing bytes".into()));
        }
        if !idents.windows(2).all(|w| w[0] <= w[1]) {
            return Err(IndexDecodeError("identifiers not sorted".into()));
        }
        let mut index = NameIndex {
            tokens,
            names,
            idents,
            ..NameIndex::default()
        };
        index.derive();
        Ok(index)
    }
}

fn is_class(c: u8) -> bool {
    matches!(
        c,
        b'B' | b'F' | b'K' | b'S' | b'X' | b'J' | b'T' | b'H' | b'L' | b'R' | b'M' | b'N'
    )
}

fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    loop {
        let b = (v & 0x7F) as u8;
        v >>= 7;
        if v == 0 {
            out.push(b);
            return;
        }
        out.push(b | 0x80);
    }
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
        Ok(self.take(1)?[0])
    }

    fn varint(&mut self) -> Result<u64, IndexDecodeError> {
        let mut v: u64 = 0;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            v |= ((b & 0x7F) as u64) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(IndexDecodeError("varint too long".into()))
    }

    fn u32(&mut self) -> Result<u32, IndexDecodeError> {
        u32::try_from(self.varint()?).map_err(|_| IndexDecodeError("number out of range".into()))
    }

    /// A count of records of at least `min_size` bytes each, bounded by what is left.
    fn count(&mut self, min_size: usize) -> Result<usize, IndexDecodeError> {
        let n = self.varint()?;
        let left = (self.bytes.len() - self.pos.min(self.bytes.len())) as u64;
        if n.saturating_mul(min_size as u64) > left {
            return Err(IndexDecodeError("count exceeds data".into()));
        }
        Ok(n as usize)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Identifier, SourceList};

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

    #[test]
    fn round_trip() {
        let idx = NameIndex::build(&sample());
        let mut bytes = Vec::new();
        idx.encode(&mut bytes);
        let back = NameIndex::decode(&bytes).unwrap();
        assert_eq!(back, idx);
        assert_eq!(back.find_identifier("b012345", false).len(), 1);
    }

    #[test]
    fn decode_never_panics_on_garbage() {
        let idx = NameIndex::build(&sample());
        let mut bytes = Vec::new();
        idx.encode(&mut bytes);
        for cut in 0..bytes.len() {
            assert!(NameIndex::decode(&bytes[..cut]).is_err());
        }
        for i in 0..bytes.len() {
            for mask in [0x01u8, 0x80, 0xFF] {
                let mut b = bytes.clone();
                b[i] ^= mask;
                let _ = NameIndex::decode(&b);
            }
        }
        assert!(NameIndex::decode(&[]).is_err());
        assert!(NameIndex::decode(b"KCIX\x01\xff\xff\xff\xff\x0f").is_err());
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
