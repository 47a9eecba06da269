//! Edit-distance lookup in the vocabulary: every word within a small optimal-string-alignment
//! distance of a query token.
//!
//! The words are split by length and kept in sorted order, each as a fixed-width slot of one
//! flat byte array, with the length of the prefix it shares with the previous word of its
//! length. A walk of one length's words in that order is a walk of an implicit trie: the
//! state of the shared prefix is kept, and every word under a prefix that can no longer end
//! within the budget is skipped at once.
//!
//! The state after `d` letters of a word is the DP row `D[d][0..=m]` against the query of
//! `m` bytes, held as bit sets (the bit-parallel automaton of Wu and Manber, with the
//! transposition of Damerau): `S_e` has bit `j - 1` set when `D[d][j] <= e`, for every
//! budget `e <= 2` ([`MAX_EDITS`], so three `u64`s; no word over 64 bytes matches by
//! edit distance, see [`FUZZY_MAX_LEN`]). Column 0 is implicit (`D[d][0] = d`). One letter
//! costs a few shifts, ands and ors per budget instead of a row of DP cells, and the sets
//! are exact: the walk returns exactly the words the textbook DP accepts.
//!
//! The look-ahead that makes the pruning strong: for partners of `len` letters, cell `j`
//! of row `d` still needs at least `|(len - d) - (m - j)|` edits to reach the end, so only
//! the cells in a window around the diagonal that ends in `(len, m)` can still finish
//! within the budget. Those windows are bit masks computed once per length.
//!
//! Natively, the walk is not taken: two hash tables of the words' spellings with a letter
//! or two deleted (`SpellingIndex`) find the same words for a fraction of the work (the
//! WebAssembly module walks, as deriving the tables would cost more load time than they
//! save there). The work meter is charged the same rows either way
//! ([`same_letter_rows_charged`], [`other_letter_rows_charged`]), so that a query gets the
//! same result on every platform.

use crate::screen::score::{FUZZY_MAX_LEN, MAX_EDITS};

// The step below is written out for budgets 0, 1 and 2.
const _: () = assert!(MAX_EDITS == 2);

/// The longest query this walk takes, in bytes (one bit per column `1..=m`): no longer
/// word matches by edit distance.
pub const MAX_QUERY_LEN: usize = FUZZY_MAX_LEN;

const _: () = assert!(MAX_QUERY_LEN <= 64);

/// The state after one prefix: `S_e` for `e = 0..=MAX_EDITS` (see the module docs).
type Row = [u64; MAX_EDITS + 1];

/// The edit-distance word list, split by word length (see the module docs).
#[derive(Debug, Clone, Default)]
pub struct FuzzyWords {
    /// `buckets[len]`: the words of `len` bytes.
    buckets: Vec<Bucket>,
    /// `tails[len]`: the same words, each with its first letter replaced by
    /// [`ANY_FIRST`] and in sorted order of the rest: one trie of the words' tails,
    /// walked once for every first letter whose row is the same (see
    /// [`FuzzyWords::within`]).
    tails: Vec<Bucket>,
    /// Natively, the tails' one-deletion neighbourhoods, which stand in for the walks of
    /// the words that begin with another letter than the query's (the tail buckets and
    /// the subtrees of the query's next letters: see [`SpellingIndex`]); `None` in the
    /// WebAssembly module, where deriving it would cost more load time than it saves.
    tail_index: Option<SpellingIndex>,
    /// Natively, each word's first letter with its tail's spellings of up to two letters
    /// deleted, which stand in for the walks of the words that begin with the query's own
    /// letter (see `Walk::same_letter_lookup`); `None` in the WebAssembly module.
    same_index: Option<SpellingIndex>,
    /// `first_letters[len * 256 + c]`: how many words of `len` bytes begin with byte `c`
    /// (for every length a query's partner may have), what the walk of them is charged
    /// by ([`same_letter_rows_charged`]).
    first_letters: Vec<u32>,
}

/// Spellings of every word, by hash: the number of each word under the hash of each
/// spelling a rule gives it (for [`FuzzyWords::tail_index`], its tail and the tail with
/// one letter deleted; for [`FuzzyWords::same_index`], its first letter and its tail with
/// up to two deleted).
///
/// A word whose first letter is not the query's spends at most one edit on it when
/// `k <= 2`, so its tail is within one edit of one of four spellings of the query (see
/// `Walk::other_letter_lookup`), and two spellings within one edit share a spelling with
/// at most one letter deleted (the shared spelling of a swap of two letters deletes
/// either). So a few dozen lookups of those spellings' deletions find every candidate,
/// each checked by the exact distance: the same words the walk finds, for a fraction of
/// its work. A word that begins with the query's own letter is within `k` edits of it
/// exactly when its tail is within `k` of the query's tail, and then the two tails share
/// a spelling with at most `k` letters deleted (see `Walk::same_letter_lookup`).
#[derive(Debug, Clone, Default)]
struct SpellingIndex {
    /// `tag << WORD_BITS | word` for each spelling of each word, by slot: the tag is the
    /// [`TAG_BITS`] hash bits below the slot's (half the size of the whole hash, so a
    /// slot's entries mostly fit one cache line; a word another spelling's tag lets in is
    /// one more candidate the exact distance turns away). A word is numbered by its
    /// length and its place in the bucket of that length ([`SpellingIndex::word_at`]:
    /// the word itself stays in [`FuzzyWords::buckets`]).
    entries: Vec<u32>,
    /// `starts[b]`: the first entry whose hash has `b` as its top `slot_bits` bits
    /// (`starts[b + 1]` ends them): a lookup reads one slot of entries, not a binary
    /// search's dozen cache lines.
    starts: Vec<u32>,
    /// Top hash bits that pick a slot (about eight entries a slot, one or two cache lines
    /// to read, and a table of slots small enough to stay in the cache).
    slot_bits: u32,
}

/// Bits of an index entry that number the word (the rest is the spelling's hash): its
/// length above its place in the bucket of that length.
const WORD_BITS: u32 = 24;
/// The word-number bits of an index entry.
const NUMBER_MASK: u32 = (1 << WORD_BITS) - 1;
/// Bits of a spelling's hash kept in its [`SpellingIndex`] entry, beside the word number.
const TAG_BITS: u32 = 32 - WORD_BITS;

/// Bits of a word's number that hold its place (the 7 bits above hold its length, at
/// most [`MAX_QUERY_LEN`] + [`MAX_EDITS`]).
const PLACE_BITS: u32 = 17;

const _: () = assert!(MAX_QUERY_LEN + MAX_EDITS < 1 << (WORD_BITS - PLACE_BITS));

/// The hash part of an index entry of the spelling `parts` end to end (for deletions, the
/// letters around them): FNV-1a with the length, high bits kept.
fn spelling_hash(parts: &[&[u8]]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut len = 0;
    for part in parts {
        for &c in *part {
            h = (h ^ u64::from(c)).wrapping_mul(0x0000_0100_0000_01b3);
        }
        len += part.len();
    }
    (h ^ len as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15) & (u64::MAX << WORD_BITS)
}

/// Calls `each(before, after)` for `word` itself (`after` empty) and for every spelling
/// of it with one letter deleted, once per distinct spelling (deleting either letter of
/// a double gives the same one).
fn each_deletion(word: &[u8], mut each: impl FnMut(&[u8], &[u8])) {
    each(word, &[]);
    for i in 0..word.len() {
        if i > 0 && word.get(i) == word.get(i - 1) {
            continue;
        }
        let (before, rest) = word.split_at(i);
        each(before, rest.get(1..).unwrap_or_default());
    }
}

/// Gives `each` the hash of `first` followed by each spelling of `tail` with at most `k`
/// letters deleted (`k <= 2`; a spelling that two deletions give in more than one way
/// may come more than once).
fn each_same_letter_spelling(first: u8, tail: &[u8], k: usize, mut each: impl FnMut(u64)) {
    let first = [first];
    if k == 0 {
        each(spelling_hash(&[&first, tail]));
        return;
    }
    each_deletion(tail, |before, after| {
        // The tail itself, or a spelling with one letter deleted: with `k = 2`, that
        // spelling and those with a second letter deleted after the first.
        if k < 2 || before.len() == tail.len() {
            each(spelling_hash(&[&first, before, after]));
        } else {
            each_deletion(after, |mid, end| {
                each(spelling_hash(&[&first, before, mid, end]));
            });
        }
    });
}

impl SpellingIndex {
    /// The index of every word of `buckets` (`buckets[len]`: the words of `len` bytes)
    /// under each hash `spellings(word, push)` pushes; `None` when a bucket holds too many
    /// words to number in an entry. `per_word(len)`: about how many hashes a word of
    /// `len` bytes gets (the first allocation).
    fn new(
        buckets: &[Bucket],
        per_word: impl Fn(usize) -> usize,
        spellings: impl Fn(&[u8], &mut dyn FnMut(u64)),
    ) -> Option<SpellingIndex> {
        // No longer word is within budget of a query the walk takes.
        let longest = MAX_QUERY_LEN + MAX_EDITS;
        if buckets
            .iter()
            .take(longest + 1)
            .any(|b| b.ids.len() >= 1 << PLACE_BITS)
        {
            return None;
        }
        let estimate: usize = buckets
            .iter()
            .enumerate()
            .take(longest + 1)
            .map(|(len, b)| b.ids.len() * per_word(len))
            .sum();
        // `hash | word` for each spelling, in the order made.
        let mut made: Vec<u64> = Vec::with_capacity(estimate);
        for (len, bucket) in buckets.iter().enumerate().take(longest + 1).skip(1) {
            for (place, word) in bucket.bytes.chunks_exact(len).enumerate() {
                let number = (len << PLACE_BITS | place) as u64;
                spellings(word, &mut |hash| made.push(hash | number));
            }
        }
        if u32::try_from(made.len()).is_err() {
            return None;
        }
        // A counting sort by slot (the order within a slot does not matter: a lookup
        // reads the whole slot).
        let mut ix = SpellingIndex {
            entries: Vec::new(),
            starts: Vec::new(),
            slot_bits: (made.len() / 8).max(2).next_power_of_two().trailing_zeros(),
        };
        let slots = 1usize << ix.slot_bits;
        let mut starts = vec![0u32; slots + 1];
        for &e in &made {
            if let Some(count) = starts.get_mut(ix.slot_of(e) + 1) {
                *count += 1;
            }
        }
        for slot in 1..starts.len() {
            let before = starts.get(slot - 1).copied().unwrap_or(0);
            if let Some(start) = starts.get_mut(slot) {
                *start += before;
            }
        }
        let mut next = starts.clone();
        let mut sorted = vec![0u32; made.len()];
        for &e in &made {
            if let Some(at) = next.get_mut(ix.slot_of(e)) {
                if let Some(place) = sorted.get_mut(*at as usize) {
                    *place = ix.tag_of(e) << WORD_BITS | e as u32 & NUMBER_MASK;
                }
                *at += 1;
            }
        }
        ix.entries = sorted;
        ix.starts = starts;
        Some(ix)
    }

    /// The length and the place in the bucket of that length of word `number`.
    fn word_at(number: u32) -> (usize, usize) {
        let place = number & ((1 << PLACE_BITS) - 1);
        ((number >> PLACE_BITS) as usize, place as usize)
    }

    /// The slot of a hash: its top `slot_bits` bits.
    fn slot_of(&self, key: u64) -> usize {
        (key >> (64 - self.slot_bits)) as usize
    }

    /// The tag of a hash in its slot's entries: the [`TAG_BITS`] bits below the slot's.
    fn tag_of(&self, key: u64) -> u32 {
        (key >> (64 - self.slot_bits - TAG_BITS)) as u32 & ((1 << TAG_BITS) - 1)
    }

    /// Appends to `out` the id of every word of `buckets` with a spelling of a hash in
    /// `keys` (sorted and deduplicated here) that `accept` accepts, each once.
    fn words_spelled(
        &self,
        keys: &mut Vec<u64>,
        buckets: &[Bucket],
        out: &mut Vec<u32>,
        mut accept: impl FnMut(&[u8]) -> bool,
    ) {
        keys.sort_unstable();
        keys.dedup();
        // Every slot's bounds first, then every slot's entries: each pass's reads are
        // independent of one another, so their cache misses overlap (a slot, then its
        // entries, one key after the other, waited for each miss in turn).
        let slots: Vec<(u32, u32)> = keys
            .iter()
            .map(|&key| {
                let slot = self.slot_of(key);
                match (self.starts.get(slot), self.starts.get(slot + 1)) {
                    (Some(&from), Some(&to)) => (from, to),
                    _ => (0, 0),
                }
            })
            .collect();
        let mut numbers: Vec<u32> = Vec::with_capacity(128);
        for (&key, &(from, to)) in keys.iter().zip(&slots) {
            let tag = self.tag_of(key);
            for &e in self
                .entries
                .get(from as usize..to as usize)
                .unwrap_or_default()
            {
                if e >> WORD_BITS == tag {
                    numbers.push(e & NUMBER_MASK);
                }
            }
        }
        // A few dozen numbers: the standard sort (the radix sort of `sort_ids` is for long
        // lists; this runs natively only, so costs the WebAssembly module no size).
        numbers.sort_unstable();
        numbers.dedup();
        for number in numbers {
            let (len, place) = SpellingIndex::word_at(number);
            let Some(bucket) = buckets.get(len) else {
                continue;
            };
            let word = bucket.bytes.get(place * len..(place + 1) * len);
            if word.is_some_and(&mut accept) {
                out.extend(bucket.ids.get(place));
            }
        }
    }
}

/// The rows charged for searching the words of `len` bytes that begin with another
/// letter than the query's (of `m` bytes), within `k` edits, when a tail bucket stands
/// for most of them: the tail bucket and the main bucket's subtrees of the query's next
/// `k` letters. The same on every platform, whether they are walked (WebAssembly) or
/// looked up in the tail index (natively): the work meter must charge the same
/// everywhere, so that a query gets the same result in the browser and in the
/// command-line tool.
///
/// Calibrated on the walks of the benchmark queries' words over every list (session 16:
/// `cargo run --release --example work_meter -- target/bench/all.kcs --tail-rows
/// target/bench/queries.jsonl`): the 90th percentile of the rows by query length,
/// partner length and budget, rounded up (the largest walk is at most 1.3 times that).
/// A smaller vocabulary walks fewer rows, so it is charged more than it walks.
pub fn other_letter_rows_charged(m: usize, len: usize, k: usize) -> usize {
    if k <= 1 {
        return if len < m { 45 } else { 125 };
    }
    // k = 2, by query length (6 to 17 and over) and partner length m - 2 to m + 2.
    const TWO_EDITS: [[u16; 5]; 12] = [
        [1, 1, 1, 1, 925],
        [1, 1, 1, 1160, 775],
        [85, 375, 1065, 980, 615],
        [75, 305, 905, 770, 540],
        [70, 290, 760, 640, 395],
        [60, 235, 590, 450, 275],
        [50, 155, 385, 300, 205],
        [40, 145, 295, 230, 155],
        [30, 105, 215, 175, 110],
        [20, 85, 180, 125, 75],
        [20, 70, 125, 95, 75],
        [20, 55, 95, 80, 50],
    ];
    let row = m.clamp(6, 17) - 6;
    let column = (len + 2).saturating_sub(m).min(4);
    TWO_EDITS
        .get(row)
        .and_then(|r| r.get(column))
        .map_or(1, |&rows| usize::from(rows))
}

/// The rows charged for walking the `words` words of `len` bytes that begin with the
/// query's letter (of a query of `m` bytes), within `k` edits. The same on every
/// platform, whether they are walked (WebAssembly) or looked up in the same-letter index
/// (natively): the work meter must charge the same everywhere, so that a query gets the
/// same result in the browser and in the command-line tool.
///
/// The walk's rows grow with the words under the letter; per word, with the budget and
/// the partner length (a shorter partner prunes sooner) and, for long queries, with the
/// length (fewer shared prefixes). Calibrated on the walks of every fifth word of 4 or
/// more letters of every list as a query (session 18: `cargo run --release --example
/// work_meter -- target/bench/all.kcs --same-rows`, 27,392 walks): the charge is at
/// least the rows walked for 92 % of the walks and at least 64 % of them for all (the
/// largest walk is 1.55 times its charge), and 1.36 times the rows walked in all.
pub fn same_letter_rows_charged(m: usize, len: usize, k: usize, words: usize) -> usize {
    if words == 0 {
        return 0;
    }
    // Rows per word in tenths, by budget and partner length against the query's.
    let tenths = match (k, len as isize - m as isize) {
        (2, -2) => 4,
        (2, -1) => 11,
        (2, _) => 17,
        _ => 12,
    };
    // In quarters: 1 up to 10 bytes, a quarter more for each byte over (up to 18).
    let quarters = 4 + m.clamp(10, 18) - 10;
    (tenths * quarters * words).div_ceil(40) + len
}

/// The words of one length in sorted order.
#[derive(Debug, Clone, Default)]
struct Bucket {
    /// Vocabulary id of each word.
    ids: Vec<u32>,
    /// Length of the prefix each word shares with the previous one (0 for the first).
    lcp: Vec<u8>,
    /// The words themselves, `len` bytes each, back to back.
    bytes: Vec<u8>,
    /// `skip[i][p - 1]`: the first word after `i` that does not share `i`'s first `p`
    /// letters (`p <= SKIP_DEPTHS`; deeper prunes step word by word), so that a pruned
    /// prefix skips its subtree at once.
    /// Held as the distance from `i` (0 when it does not fit, never on real lists: the
    /// walk then steps word by word): 8 bytes a word, not 16, as the walk's reads of these
    /// miss the cache more than any other.
    skip: Vec<[u16; SKIP_DEPTHS]>,
    /// In a tail bucket, the first letter of each word (its stand-in is in `bytes`);
    /// empty otherwise.
    first: Vec<u8>,
}

/// Prefix lengths with a precomputed subtree end (most prunes happen within a few letters).
const SKIP_DEPTHS: usize = 4;

/// What a lookup accepts: for each partner length walked, the most edits for a word that
/// begins with the query's first letter and for the others (`None`: no such word).
#[derive(Debug, Clone, Copy)]
pub struct Budget {
    /// Shortest partner length walked.
    min_len: usize,
    /// `edits[len - min_len]`: (same first letter, other first letter).
    edits: [Edits; BUDGET_LENGTHS],
}

/// The most edits for partners that begin with the query's first letter and for the
/// others (`None`: no such partner is walked).
pub type Edits = (Option<usize>, Option<usize>);

/// Partner lengths a budget spans: the query's length within [`MAX_EDITS`].
const BUDGET_LENGTHS: usize = 2 * MAX_EDITS + 1;

impl Budget {
    /// The same budgets for every length in `min_len..=max_len` (at most
    /// [`BUDGET_LENGTHS`] of them, the first ones kept).
    pub fn uniform(
        same_start: usize,
        other_start: usize,
        min_len: usize,
        max_len: usize,
    ) -> Budget {
        Budget::per_length(min_len, max_len, |_| {
            (Some(same_start), Some(other_start.min(same_start)))
        })
    }

    /// The budgets `edits(len)` for each length in `min_len..=max_len` (at most
    /// [`BUDGET_LENGTHS`] of them, the first ones kept).
    pub fn per_length(min_len: usize, max_len: usize, edits: impl Fn(usize) -> Edits) -> Budget {
        let mut table = [(None, None); BUDGET_LENGTHS];
        for (i, slot) in table.iter_mut().enumerate() {
            let len = min_len + i;
            if len <= max_len {
                let (same, other) = edits(len);
                *slot = (
                    same.map(|k| k.min(MAX_EDITS)),
                    other.map(|k| k.min(MAX_EDITS)),
                );
            }
        }
        Budget {
            min_len,
            edits: table,
        }
    }

    /// Whether `word` is within this budget of `query`: one [`FuzzyWords::within`] would
    /// find, were it in the list and `query` no longer than [`MAX_QUERY_LEN`].
    pub fn accepts(&self, query: &[u8], word: &[u8]) -> bool {
        let (same, other) = self.at(word.len());
        let other = other.filter(|&k| k >= 1);
        // A length out of budget is told without reading the word (a cache miss when it
        // is a stored token's text).
        if same.is_none() && other.is_none() {
            return false;
        }
        let most = if word.first() == query.first() {
            same
        } else {
            other
        };
        most.is_some_and(|k| osa_within(query, word, k))
    }

    /// The budgets for partners of `len` bytes.
    fn at(&self, len: usize) -> Edits {
        len.checked_sub(self.min_len)
            .and_then(|i| self.edits.get(i))
            .copied()
            .unwrap_or((None, None))
    }
}

impl Bucket {
    /// The bucket of the `len`-byte words held back to back in `bytes`, in sorted order,
    /// with their `ids` (and, for a tail bucket, their `first` letters): the shared
    /// prefixes and subtree ends are derived here.
    fn from_sorted(ids: Vec<u32>, bytes: Vec<u8>, len: usize, first: Vec<u8>) -> Bucket {
        let n = ids.len();
        let mut lcp = Vec::with_capacity(n);
        let mut prev: &[u8] = &[];
        for word in bytes.chunks_exact(len.max(1)) {
            let mut shared = 0;
            while shared < prev.len() && prev.get(shared) == word.get(shared) {
                shared += 1;
            }
            lcp.push(shared.min(u8::MAX as usize) as u8);
            prev = word;
        }
        let mut skip = vec![[n as u32; SKIP_DEPTHS]; n];
        for i in (0..n.saturating_sub(1)).rev() {
            let next_lcp = usize::from(lcp.get(i + 1).copied().unwrap_or(0));
            let after = skip.get(i + 1).copied().unwrap_or([n as u32; SKIP_DEPTHS]);
            if let Some(row) = skip.get_mut(i) {
                for (p, slot) in row.iter_mut().enumerate() {
                    // Word i + 1 leaves the subtree of i's first p + 1 letters, or the
                    // end of its own subtree does.
                    *slot = if next_lcp < p + 1 {
                        (i + 1) as u32
                    } else {
                        after[p]
                    };
                }
            }
        }
        let skip = skip
            .iter()
            .enumerate()
            .map(|(i, row)| {
                row.map(|next| u16::try_from((next as usize).saturating_sub(i)).unwrap_or(0))
            })
            .collect();
        Bucket {
            ids,
            lcp,
            bytes,
            skip,
            first,
        }
    }

    /// [`Bucket::skip`] of word `i` past its first `p + 1` letters (`p < SKIP_DEPTHS`):
    /// the first word after it that does not share them, when stored.
    #[inline(always)]
    fn skip_from(&self, i: usize, p: usize) -> Option<usize> {
        match self.skip.get(i).and_then(|row| row.get(p)) {
            Some(&d) if d > 0 => Some(i + usize::from(d)),
            _ => None,
        }
    }

    /// The tail bucket of this bucket of `len`-byte words: each word with its first letter
    /// replaced by [`ANY_FIRST`], in sorted order of the rest (see [`FuzzyWords::tails`]).
    fn tails(&self, len: usize) -> Bucket {
        let n = self.ids.len();
        if n == 0 || len == 0 {
            return Bucket::default();
        }
        let letter = |i: u32, pos: usize| {
            self.bytes
                .get(i as usize * len + pos)
                .map_or(0, |&c| usize::from(c))
        };
        // Stable counting sorts on the letters from the last to the second (LSD radix):
        // a few passes over the bucket instead of comparison sorting at load.
        let mut order: Vec<u32> = (0..n as u32).collect();
        let mut sorted = vec![0u32; n];
        for pos in (1..len).rev() {
            if crate::sort::counting_pass(&order, &mut sorted, |i| letter(i, pos)) {
                std::mem::swap(&mut order, &mut sorted);
            }
        }
        let mut ids = Vec::with_capacity(n);
        let mut bytes = Vec::with_capacity(n * len);
        let mut first = Vec::with_capacity(n);
        for i in order {
            let at = i as usize * len;
            let (Some(&id), Some(word)) = (self.ids.get(i as usize), self.bytes.get(at..at + len))
            else {
                continue;
            };
            ids.push(id);
            first.push(word.first().copied().unwrap_or(ANY_FIRST));
            bytes.push(ANY_FIRST);
            bytes.extend_from_slice(word.get(1..).unwrap_or_default());
        }
        Bucket::from_sorted(ids, bytes, len, first)
    }
}

/// The first letter of every word of a tail bucket: a byte no query holds (a query with
/// it does not use the tail buckets), so that it stands for any letter the query's
/// second to `k + 1`-th letters are not.
const ANY_FIRST: u8 = 0;

impl FuzzyWords {
    /// The word list from `(id, word)` pairs in sorted byte order of the words.
    pub fn new<'a>(words: impl IntoIterator<Item = (u32, &'a [u8])>) -> FuzzyWords {
        // Ids and bytes of the words of each length.
        let mut by_len: Vec<(Vec<u32>, Vec<u8>)> = Vec::new();
        for (id, word) in words {
            let len = word.len();
            if by_len.len() <= len {
                by_len.resize_with(len + 1, Default::default);
            }
            if let Some((ids, bytes)) = by_len.get_mut(len) {
                ids.push(id);
                bytes.extend_from_slice(word);
            }
        }
        let buckets: Vec<Bucket> = by_len
            .into_iter()
            .enumerate()
            .map(|(len, (ids, bytes))| Bucket::from_sorted(ids, bytes, len, Vec::new()))
            .collect();
        let tails = buckets
            .iter()
            .enumerate()
            .map(|(len, b)| b.tails(len))
            .collect();
        let (tail_index, same_index) = match cfg!(target_arch = "wasm32") {
            true => (None, None),
            false => (
                SpellingIndex::new(
                    &buckets,
                    |len| len,
                    |word, push| {
                        each_deletion(word.get(1..).unwrap_or_default(), |a, b| {
                            push(spelling_hash(&[a, b]));
                        });
                    },
                ),
                SpellingIndex::new(
                    &buckets,
                    |len| 1 + len * (len + 1) / 2,
                    |word, push| {
                        if let Some((&first, tail)) = word.split_first() {
                            each_same_letter_spelling(first, tail, MAX_EDITS, &mut *push);
                        }
                    },
                ),
            ),
        };
        let mut first_letters = vec![0u32; (MAX_QUERY_LEN + MAX_EDITS + 1) * 256];
        for (len, bucket) in buckets.iter().enumerate() {
            for word in bucket.bytes.chunks_exact(len.max(1)) {
                let at = len * 256 + word.first().map_or(0, |&c| usize::from(c));
                if let Some(count) = first_letters.get_mut(at) {
                    *count += 1;
                }
            }
        }
        FuzzyWords {
            buckets,
            tails,
            tail_index,
            same_index,
            first_letters,
        }
    }

    /// How many words of `len` bytes begin with `c`.
    fn words_beginning(&self, len: usize, c: u8) -> usize {
        self.first_letters
            .get(len * 256 + usize::from(c))
            .map_or(0, |&n| n as usize)
    }

    /// Appends to `out` the id of every word whose optimal-string-alignment distance to
    /// `query` is within `budget` (by the word's first letter) and whose length is within
    /// `budget`'s range, each once, in no set order. A query of more than
    /// [`MAX_QUERY_LEN`] bytes finds nothing (no such token is screened). Returns the
    /// number of rows the work meter is charged, the measure of the walk's work.
    ///
    /// The rows of the words that begin with the query's letter are not counted but
    /// charged by [`same_letter_rows_charged`], and those of the words that begin with
    /// another letter, where a tail bucket stands for most of them, by
    /// [`other_letter_rows_charged`]: the same whether they are walked (WebAssembly) or
    /// looked up (natively).
    pub fn within(&self, query: &[u8], budget: Budget, out: &mut Vec<u32>) -> usize {
        self.walk(query, budget, out, true, true, None).charged
    }

    /// The rows of walking the words that begin with another letter than `query`'s
    /// (the tail bucket and the main bucket's subtrees of the query's next letters), for
    /// each partner length where [`FuzzyWords::within`] charges them
    /// ([`other_letter_rows_charged`], calibrated on these: `examples/work_meter.rs
    /// --tail-rows`), walked here whatever the platform. Each as (partner length, edit
    /// budget, rows).
    pub fn other_letter_walk_rows(
        &self,
        query: &[u8],
        budget: Budget,
    ) -> Vec<(usize, usize, usize)> {
        let mut rows = Vec::new();
        self.walk(query, budget, &mut Vec::new(), true, false, Some(&mut rows));
        rows
    }

    /// The rows of walking the words that begin with `query`'s own letter, for each
    /// partner length `budget` walks them, beside how many such words that length holds:
    /// (partner length, edit budget, words, rows). What [`same_letter_rows_charged`] is
    /// calibrated on (`examples/work_meter.rs --same-rows`).
    pub fn same_letter_walk_rows(
        &self,
        query: &[u8],
        budget: Budget,
    ) -> Vec<(usize, usize, usize, usize)> {
        let mut out = Vec::new();
        let Some(mut walk) = Walk::new(query, true) else {
            return out;
        };
        for len in budget.min_len.max(1)..budget.min_len + BUDGET_LENGTHS {
            let (Some(k), Some(bucket)) = (budget.at(len).0, self.buckets.get(len)) else {
                continue;
            };
            walk.same = Some(k);
            let before = walk.rows_computed;
            walk.bucket(bucket, len, &mut Vec::new());
            let words = self.words_beginning(len, walk.q_first);
            out.push((len, k, words, walk.rows_computed - before));
        }
        out
    }

    /// [`FuzzyWords::within`], with or without passing over the siblings a pruned prefix
    /// shows cannot match (`Walk::sibling_letters`; the tests check that both find the
    /// same words and count the same rows), and with or without the lookups in the
    /// [`SpellingIndex`]es (natively). Returns what it did; appends to `charged_walked`
    /// the rows walked where [`other_letter_rows_charged`] is charged.
    fn walk(
        &self,
        query: &[u8],
        budget: Budget,
        out: &mut Vec<u32>,
        skip_siblings: bool,
        use_lookups: bool,
        mut charged_walked: Option<&mut Vec<(usize, usize, usize)>>,
    ) -> Walked {
        let Some(mut walk) = Walk::new(query, skip_siblings) else {
            return Walked::default();
        };
        let (m, q_first) = (walk.m, walk.q_first);
        // The tail buckets stand for every first letter but the query's own and its
        // next `k`: unless the query holds their stand-in.
        let tails_usable = walk.peq[usize::from(ANY_FIRST)] == 0;
        // (Never in the wasm: with this test the compiler leaves the lookups out of it.)
        let native = use_lookups && !cfg!(target_arch = "wasm32");
        let tail_index = self.tail_index.as_ref().filter(|_| native);
        let same_index = self.same_index.as_ref().filter(|_| native);
        let mut charged_rows = 0;
        let mut other_charged = false;
        let mut same_letter_words = false;
        for len in budget.min_len.max(1)..budget.min_len + BUDGET_LENGTHS {
            let uncounted_before = walk.uncounted;
            let (same, other) = budget.at(len);
            // A word that begins with another letter is at least one edit away.
            let other = other.filter(|&k| k >= 1);
            if same.is_none() && other.is_none() {
                continue;
            }
            let tails = self
                .tails
                .get(len)
                .filter(|b| tails_usable && !b.ids.is_empty());
            // With a tail bucket, the other first letters that get their own subtree walk:
            // those of the query's letters 2 to k + 1.
            let own_rows = other
                .filter(|_| tails.is_some())
                .map(|k| column_bits(2, k as isize + 1, m));
            // Where a tail bucket stands for the other first letters, their words (the
            // tail bucket's and the subtrees of the query's next letters) are charged,
            // not counted, and natively looked up, not walked.
            let charged = other.filter(|_| tails.is_some());
            if let Some(bucket) = self.buckets.get(len).filter(|b| !b.ids.is_empty()) {
                // The words that begin with the query's letter are charged by their
                // number, not counted, and natively looked up, not walked.
                if let Some(k) = same {
                    let words = self.words_beginning(len, q_first);
                    charged_rows += same_letter_rows_charged(m, len, k, words);
                    same_letter_words |= words > 0;
                }
                walk.same = same.filter(|_| same_index.is_none());
                walk.other = if charged.is_some() && tail_index.is_some() {
                    None
                } else {
                    other
                };
                walk.other_letters = own_rows;
                walk.uncount_other = charged.is_some();
                if walk.same.is_some() || walk.other.is_some() {
                    walk.bucket(bucket, len, out);
                }
            }
            if let (Some(k), Some(tails)) = (charged, tails) {
                charged_rows += other_letter_rows_charged(m, len, k);
                other_charged = true;
                if tail_index.is_none() {
                    walk.same = None;
                    walk.other = Some(k);
                    walk.other_letters = own_rows;
                    walk.uncount_other = true;
                    walk.bucket(tails, len, out);
                }
                if let Some(walked) = charged_walked.as_deref_mut() {
                    walked.push((len, k, walk.uncounted - uncounted_before));
                }
            }
        }
        if let Some(index) = same_index.filter(|_| same_letter_words) {
            walk.same_letter_lookup(index, query, budget, &self.buckets, out);
        }
        if let Some(index) = tail_index.filter(|_| tails_usable && other_charged) {
            walk.other_letter_lookup(index, query, budget, &self.buckets, out);
        }
        // The rows set apart are charged above.
        Walked {
            charged: walk.rows_computed - walk.uncounted - walk.uncounted_same + charged_rows,
            rows: walk.rows_computed,
            passed: walk.rows_passed,
        }
    }
}

/// What one [`FuzzyWords::walk`] did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Walked {
    /// The rows the work meter is charged: those counted and those charged by rule.
    charged: usize,
    /// The rows computed (or passed over), counted or not.
    rows: usize,
    /// Of `rows`, those of siblings passed over.
    passed: usize,
}

/// The optimal-string-alignment distance of two words (insertions, deletions,
/// substitutions and swaps of adjacent letters, no letter edited twice), counted in
/// characters: the same as `strsim::osa_distance` (the tests check it) when the shorter
/// word has at most 64 characters, which a screened word always has; two longer words
/// are not aligned and get the longer length. Hyyrö's bit-parallel algorithm: a few word
/// operations per letter, no allocation.
pub fn osa_distance(a: &str, b: &str) -> usize {
    if a.is_ascii() && b.is_ascii() {
        return osa_distance_ascii(a.as_bytes(), b.as_bytes());
    }
    let (la, lb) = (a.chars().count(), b.chars().count());
    let (p, t, m) = if la <= lb { (a, b, la) } else { (b, a, lb) };
    if m == 0 {
        return la.max(lb);
    }
    if m > 64 {
        // Not aligned: no screened word is that long (`FUZZY_MAX_LEN`, `MAX_TOKEN_BYTES`).
        return la.max(lb);
    }
    let mut pattern = ['\0'; 64];
    for (slot, c) in pattern.iter_mut().zip(p.chars()) {
        *slot = c;
    }
    let pattern = pattern.get(..m).unwrap_or_default();
    // peq(c): bit i set where p[i] == c.
    let peq = |c: char| -> u64 {
        pattern
            .iter()
            .enumerate()
            .filter(|&(_, &x)| x == c)
            .fold(0, |bits, (i, _)| bits | 1 << i)
    };
    hyyro_osa(m, t.chars().map(peq))
}

/// [`osa_distance`] of two ASCII words (one byte a letter): the same algorithm with a
/// lookup table for the pattern's letters. The pattern is `a` when it fits in 64 bits
/// (the distance is symmetric), and its table is kept from one call to the next: a query
/// token is compared with many listed tokens in a row, so most calls reuse it.
fn osa_distance_ascii(a: &[u8], b: &[u8]) -> usize {
    let (p, t) = if a.len() <= 64 { (a, b) } else { (b, a) };
    if p.is_empty() || t.is_empty() || p.len() > 64 {
        return a.len().max(b.len());
    }
    LAST_PATTERN.with(|cell| match cell.try_borrow_mut() {
        Ok(mut table) => table.distance(p, t),
        // Not reached (no call nests in another); a fresh table gives the same distance.
        Err(_) => {
            let mut fresh = PatternTable::EMPTY;
            fresh.distance(p, t)
        }
    })
}

/// Whether two ASCII words are within `k` edits (optimal string alignment): the
/// bit-parallel distance, after the count of `b`'s letters `a` lacks (the normaliser's
/// typo-tolerant legal forms, for many words against a few fixed ones).
pub fn ascii_within(a: &[u8], b: &[u8], k: usize) -> bool {
    a.len().abs_diff(b.len()) <= k && osa_within(a, b, k)
}

/// Whether the OSA distance of `query` and `word` (bytes) is at most `k`, or the pair
/// is one [`osa_distance_ascii`] aliases (bytes past 0x7F): the letters of `word` that
/// `query` does not hold each cost an edit, counted first (most words compared this way
/// are far from the query).
fn osa_within(query: &[u8], word: &[u8], k: usize) -> bool {
    if query.is_empty() || query.len() > 64 {
        return osa_distance_ascii(query, word) <= k;
    }
    LAST_PATTERN.with(|cell| match cell.try_borrow_mut() {
        Ok(mut table) => {
            table.set(query);
            let mut absent = 0;
            for &c in word {
                absent += usize::from(table.peq[usize::from(c) % 128] == 0);
                if absent > k {
                    return false;
                }
            }
            table.distance(query, word) <= k
        }
        Err(_) => osa_distance_ascii(query, word) <= k,
    })
}

/// The bit table of an ASCII pattern for [`hyyro_osa`]: `peq[c]` has bit `i` set where
/// `word[i] == c`.
struct PatternTable {
    word: [u8; 64],
    len: usize,
    peq: [u64; 128],
}

impl PatternTable {
    const EMPTY: PatternTable = PatternTable {
        word: [0; 64],
        len: 0,
        peq: [0; 128],
    };

    /// The OSA distance of pattern `p` (1 to 64 ASCII bytes) and text `t`, with this table
    /// made `p`'s first when it holds another pattern.
    fn distance(&mut self, p: &[u8], t: &[u8]) -> usize {
        self.set(p);
        let peq = &self.peq;
        hyyro_osa(
            p.len(),
            t.iter()
                .map(|&c| peq.get(usize::from(c) % 128).copied().unwrap_or(0)),
        )
    }

    /// Makes this the table of pattern `p` (1 to 64 bytes), unless it already is.
    fn set(&mut self, p: &[u8]) {
        if self.word.get(..self.len) != Some(p) {
            // Only the entries of the previous pattern's letters are set.
            for &c in self.word.get(..self.len).unwrap_or(&[]) {
                if let Some(bits) = self.peq.get_mut(usize::from(c) % 128) {
                    *bits = 0;
                }
            }
            for (i, &c) in p.iter().enumerate() {
                if let Some(bits) = self.peq.get_mut(usize::from(c) % 128) {
                    *bits |= 1 << i;
                }
                if let Some(slot) = self.word.get_mut(i) {
                    *slot = c;
                }
            }
            self.len = p.len();
        }
    }
}

thread_local! {
    /// The table of the last pattern [`osa_distance_ascii`] used, kept for the next call.
    static LAST_PATTERN: std::cell::RefCell<PatternTable> =
        const { std::cell::RefCell::new(PatternTable::EMPTY) };
}

/// Hyyrö's bit-parallel OSA distance of a pattern of `m` letters (1 to 64) and a text
/// given by `masks`: for each letter of the text, the pattern positions holding it (bit
/// `i` for position `i`).
fn hyyro_osa(m: usize, masks: impl Iterator<Item = u64>) -> usize {
    let last = 1u64 << (m - 1);
    let mut vp: u64 = u64::MAX >> (64 - m);
    let mut vn: u64 = 0;
    let mut d0: u64 = 0;
    let mut pm_prev: u64 = 0;
    let mut dist = m;
    for pm in masks {
        // Transpositions (Hyyrö 2003): p[i - 1] is this letter and p[i] the previous one.
        let tr = (((!d0) & pm) << 1) & pm_prev;
        d0 = ((((pm & vp).wrapping_add(vp)) ^ vp) | pm | vn) | tr;
        let hp = vn | !(d0 | vp);
        let hn = d0 & vp;
        if hp & last != 0 {
            dist += 1;
        } else if hn & last != 0 {
            dist -= 1;
        }
        let x = (hp << 1) | 1;
        vn = x & d0;
        vp = (hn << 1) | !(x | d0);
        pm_prev = pm;
    }
    dist
}

/// The bits of columns `lo..=hi` (bit `j - 1` for column `j`), within `1..=m`.
fn column_bits(lo: isize, hi: isize, m: usize) -> u64 {
    let lo = lo.max(1);
    let hi = hi.min(m as isize);
    if lo > hi {
        return 0;
    }
    let (lo, hi) = ((lo - 1) as u32, (hi - 1) as u32);
    (u64::MAX >> (63 - hi)) & (u64::MAX << lo)
}

/// Rows a walk holds: one more than the longest word walked (a power of two, so that a
/// masked index needs no bounds check).
const WALK_ROWS: usize = 128;

const _: () = assert!(MAX_QUERY_LEN + MAX_EDITS + 1 < WALK_ROWS);

/// The cells of one row by look-ahead (for one partner length).
#[derive(Debug, Clone, Copy)]
struct Window {
    /// `columns[r]`: the columns `1..=m` whose look-ahead is at most `r`.
    columns: Row,
    /// Cost plus look-ahead of column 0 (clamped to 255).
    column0: u8,
}

impl Window {
    const EMPTY: Window = Window {
        columns: [0; MAX_EDITS + 1],
        column0: u8::MAX,
    };
}

/// One query's walk of the word list.
struct Walk {
    /// Bit `j - 1` of `peq[c]`: `query[j - 1] == c`.
    peq: [u64; 256],
    /// Query length in bytes (1..=64).
    m: usize,
    /// The bits of columns `1..=m`.
    full: u64,
    q_first: u8,
    /// Budgets for words beginning with the query's first letter, and the others, in the
    /// bucket walked (`None`: none of them is walked).
    same: Option<usize>,
    other: Option<usize>,
    /// `windows[d]`: the cells of row `d` by look-ahead.
    windows: [Window; WALK_ROWS],
    /// `rows[d]`: the state after the first `d` letters of the current word.
    rows: [Row; WALK_ROWS],
    /// Rows computed so far (the work done), counting the rows of siblings passed over
    /// without computing them.
    rows_computed: usize,
    /// Of those, the rows of siblings passed over.
    rows_passed: usize,
    /// Whether siblings that cannot match are passed over (`Walk::sibling_letters`).
    skip_siblings: bool,
    /// Whether the rows of the words that begin with another letter than the query's
    /// are kept apart in `uncounted` (they are charged, not counted: see
    /// [`other_letter_rows_charged`]).
    uncount_other: bool,
    /// Rows computed (or passed over) for such words, included in `rows_computed`.
    uncounted: usize,
    /// Rows computed (or passed over) for the words that begin with the query's letter,
    /// included in `rows_computed`: never counted, charged by their number (see
    /// [`same_letter_rows_charged`]).
    uncounted_same: usize,
    /// `Some(columns)`: of the words that begin with another letter than the query's,
    /// only those whose first letter is in the query at `columns` are walked (the
    /// others are walked once in the tail bucket).
    other_letters: Option<u64>,
}

impl Walk {
    /// A walk for `query` (1 to [`MAX_QUERY_LEN`] bytes, else `None`), walking nothing yet.
    fn new(query: &[u8], skip_siblings: bool) -> Option<Walk> {
        let m = query.len();
        let &q_first = query.first()?;
        if m > MAX_QUERY_LEN {
            return None;
        }
        // peq[c]: bit j - 1 set where query[j - 1] == c.
        let mut peq = [0u64; 256];
        for (i, &c) in query.iter().enumerate() {
            peq[usize::from(c)] |= 1 << i;
        }
        Some(Walk {
            peq,
            m,
            full: u64::MAX >> (64 - m),
            q_first,
            same: None,
            other: None,
            windows: [Window::EMPTY; WALK_ROWS],
            rows: [[0; MAX_EDITS + 1]; WALK_ROWS],
            rows_computed: 0,
            rows_passed: 0,
            skip_siblings,
            uncount_other: false,
            uncounted: 0,
            uncounted_same: 0,
            other_letters: None,
        })
    }

    /// Row `d` (`d` is at most the bucket's length: the index is masked, never checked).
    #[inline(always)]
    fn row(&self, d: usize) -> Row {
        self.rows[d % WALK_ROWS]
    }

    #[inline(always)]
    fn row_mut(&mut self, d: usize) -> &mut Row {
        &mut self.rows[d % WALK_ROWS]
    }

    /// The cells of row `d` by look-ahead, as [`Walk::row`].
    #[inline(always)]
    fn window(&self, d: usize) -> &Window {
        &self.windows[d % WALK_ROWS]
    }

    #[inline(always)]
    fn window_mut(&mut self, d: usize) -> &mut Window {
        &mut self.windows[d % WALK_ROWS]
    }

    /// Walks the words of one bucket (all of `len` bytes), appending those within budget.
    fn bucket(&mut self, bucket: &Bucket, len: usize, out: &mut Vec<u32>) {
        let m = self.m as isize;
        for d in 0..=len {
            // Row d's look-ahead is 0 on the column m - (len - d).
            let center = m - (len - d) as isize;
            let mut columns: Row = [0; MAX_EDITS + 1];
            for (r, slot) in columns.iter_mut().enumerate() {
                *slot = column_bits(center - r as isize, center + r as isize, self.m);
            }
            let column0 = d + (len - d).abs_diff(self.m);
            *self.window_mut(d) = Window {
                columns,
                column0: column0.min(usize::from(u8::MAX)) as u8,
            };
        }
        for d in 0..=len {
            *self.row_mut(d) = [0; MAX_EDITS + 1];
        }
        let n = bucket.ids.len();
        let mut k = 0;
        // Where the current subtree's rows started, when they are not counted, and
        // whether its words begin with the query's letter.
        let mut uncounted_from: Option<(usize, bool)> = None;
        // Rows 0..=depth hold the state of the current word's first `depth` letters.
        let mut depth = 0usize;
        let mut i = 0;
        while i < n {
            let Some(word) = bucket.bytes.get(i * len..(i + 1) * len) else {
                break;
            };
            let cp = usize::from(bucket.lcp.get(i).copied().unwrap_or(0)).min(depth);
            if cp == 0 {
                // A new first-letter subtree: its budget, and row 0 (D[0][j] = j).
                if let Some((start, same)) = uncounted_from.take() {
                    self.uncount(same, self.rows_computed - start);
                }
                let first = word.first().copied().unwrap_or(ANY_FIRST);
                let budget = if first == self.q_first {
                    self.same
                } else if bucket.first.is_empty() && self.left_to_tails(first) {
                    // In the main bucket, a subtree the tail bucket stands for is skipped.
                    None
                } else {
                    self.other
                };
                let Some(budget) = budget else {
                    // No word of this subtree can match: skip it whole.
                    i = bucket.skip_from(i, 0).unwrap_or(i + 1);
                    depth = 0;
                    continue;
                };
                k = budget;
                // The rows of the words that begin with the query's letter are charged by
                // their number (`same_letter_rows_charged`), the others' where a tail
                // bucket stands for them (`other_letter_rows_charged`).
                let same = first == self.q_first;
                if same || self.uncount_other {
                    uncounted_from = Some((self.rows_computed, same));
                }
                let m = self.m;
                for (e, s) in self.row_mut(0).iter_mut().enumerate() {
                    *s = column_bits(1, e as isize, m);
                }
            }
            depth = cp;
            // One specialised descent per budget: its checks fold to the sets it keeps.
            let pruned = match k {
                0 => self.descend::<0>(word, &mut depth),
                1 => self.descend::<1>(word, &mut depth),
                _ => self.descend::<2>(word, &mut depth),
            };
            if let Some(p) = pruned {
                // Skip every word sharing the pruned prefix (contiguous in sorted order:
                // the following words whose shared prefix with their predecessor is at
                // least as long).
                match p.checked_sub(1).and_then(|q| bucket.skip_from(i, q)) {
                    Some(next) => {
                        i = next;
                        // The next siblings whose letter changes nothing are pruned at
                        // once, one row each, without computing it.
                        let parent = p.saturating_sub(1);
                        let sibling = |i: usize| {
                            usize::from(bucket.lcp.get(i).copied().unwrap_or(0)) >= parent
                        };
                        let mask = match self.skip_siblings && i < n && sibling(i) {
                            true => self.sibling_letters(p, k, word),
                            false => None,
                        };
                        if let Some(mask) = mask {
                            while i < n
                                && sibling(i)
                                && bucket
                                    .bytes
                                    .get(i * len + parent)
                                    .is_some_and(|&c| self.peq[usize::from(c)] & mask == 0)
                            {
                                self.rows_computed += 1;
                                self.rows_passed += 1;
                                i = bucket.skip_from(i, parent).unwrap_or(i + 1);
                            }
                        }
                    }
                    None => {
                        i += 1;
                        while i < n && usize::from(bucket.lcp.get(i).copied().unwrap_or(0)) >= p {
                            i += 1;
                        }
                    }
                }
                continue;
            }
            // The end cell D[len][m] within k.
            let end = self.row(len)[k.min(MAX_EDITS)];
            if end >> (self.m - 1) & 1 == 1 && self.walked_here(bucket, i) {
                if let Some(&id) = bucket.ids.get(i) {
                    out.push(id);
                }
            }
            i += 1;
        }
        if let Some((start, same)) = uncounted_from {
            self.uncount(same, self.rows_computed - start);
        }
    }

    /// Sets `rows` rows apart as not counted: of words that begin with the query's
    /// letter (`same`) or of the others.
    fn uncount(&mut self, same: bool, rows: usize) {
        match same {
            true => self.uncounted_same += rows,
            false => self.uncounted += rows,
        }
    }

    /// The words of `buckets` that begin with another letter than the query's and are
    /// within `budget` of it, where a tail bucket stands for them (see [`SpellingIndex`]):
    /// what walking the tail buckets and the main buckets' subtrees of the query's next
    /// letters finds.
    ///
    /// The first letter of such a word is substituted or inserted (its tail within
    /// `k - 1` of the query's tail or of the query), or it is the query's second letter
    /// (the tail within `k - 1` of the query's letters from the third: the first
    /// deleted), its third (the tail equal to the letters from the fourth), or the
    /// second swapped with the first (the tail within `k - 1` of the query without its
    /// second letter); with `k <= 2` there is no other way. So the tails within one edit
    /// of those four spellings are every candidate, each checked by the exact distance.
    fn other_letter_lookup(
        &self,
        index: &SpellingIndex,
        query: &[u8],
        budget: Budget,
        buckets: &[Bucket],
        out: &mut Vec<u32>,
    ) {
        let mut keys: Vec<u64> = Vec::with_capacity(128);
        let mut probe = |word: &[u8]| {
            each_deletion(word, |a, b| keys.push(spelling_hash(&[a, b])));
        };
        probe(query);
        let rest = query.get(1..).unwrap_or_default();
        probe(rest);
        let third_on = query.get(2..).unwrap_or_default();
        probe(third_on);
        // The query without its second letter.
        let mut swapped: Vec<u8> = Vec::with_capacity(query.len());
        swapped.extend(query.first());
        swapped.extend_from_slice(third_on);
        probe(&swapped);
        index.words_spelled(&mut keys, buckets, out, |word| {
            // Only the lengths in range whose words begin with another letter may be
            // within budget. (A tail bucket stands for every such length: the query
            // allows tails, and this length's bucket holds this word.)
            budget
                .at(word.len())
                .1
                .filter(|&k| k >= 1)
                .is_some_and(|k| word.first() != Some(&self.q_first) && osa_within(query, word, k))
        });
    }

    /// The words of `buckets` that begin with the query's letter and are within `budget`
    /// of it (see [`SpellingIndex`]): what walking the main buckets' subtrees of that
    /// letter finds.
    ///
    /// Such a word is within `k` edits of the query exactly when its tail is within `k`
    /// of the query's tail (an optimal alignment may as well match the two first
    /// letters), and two spellings within `k` edits share a spelling with at most `k`
    /// letters deleted from each (a substitution or a swap deletes a letter of each, an
    /// insertion or a deletion one letter of one). So the query's letter with each
    /// spelling of its tail with up to `k` letters deleted finds every candidate, each
    /// checked by the exact distance.
    fn same_letter_lookup(
        &self,
        index: &SpellingIndex,
        query: &[u8],
        budget: Budget,
        buckets: &[Bucket],
        out: &mut Vec<u32>,
    ) {
        let most = (budget.min_len..budget.min_len + BUDGET_LENGTHS)
            .filter_map(|len| budget.at(len).0)
            .max();
        let (Some(k), Some((&first, tail))) = (most, query.split_first()) else {
            return;
        };
        let mut keys: Vec<u64> = Vec::with_capacity(128);
        each_same_letter_spelling(first, tail, k, |hash| keys.push(hash));
        index.words_spelled(&mut keys, buckets, out, |word| {
            budget
                .at(word.len())
                .0
                .is_some_and(|k| word.first() == Some(&first) && osa_within(query, word, k))
        });
    }

    /// Whether the words beginning with letter `c` are walked in the tail bucket rather
    /// than in their own subtree of the main bucket: another letter than the query's,
    /// and none of the query's letters that get their own rows (`other_letters`).
    fn left_to_tails(&self, c: u8) -> bool {
        c != self.q_first
            && self
                .other_letters
                .is_some_and(|columns| self.peq[usize::from(c)] & columns == 0)
    }

    /// Whether word `i` of `bucket` is one this walk of it decides: in a tail bucket,
    /// only the words [`Walk::left_to_tails`] (the main bucket's walk decided the
    /// others, with their own first row, or left them out).
    fn walked_here(&self, bucket: &Bucket, i: usize) -> bool {
        bucket.first.get(i).map_or(true, |&c| self.left_to_tails(c))
    }

    /// After the child at depth `p` (2 or more) of a prefix was pruned in a subtree walked
    /// with budget `k`: the query columns (bits) where a sibling's letter can still
    /// change its row, when the pruned child's own letter meets none of them (`None`
    /// otherwise).
    ///
    /// A letter `c` enters row `p` only through `peq[c]` (matches and transpositions),
    /// and only at the columns returned: every letter whose `peq` misses them all gets the
    /// same row. The pruned child is such a letter, so that row is not viable, and the
    /// parent row is not viable within `k - 1` either (or the child would not have been
    /// pruned): a sibling whose letter misses the columns is pruned at depth `p` after
    /// one row, exactly as the walk would find by computing it.
    fn sibling_letters(&self, p: usize, k: usize, word: &[u8]) -> Option<u64> {
        let d = p.checked_sub(1).filter(|&d| d >= 1)?;
        let (prev, before, &pc) = (self.row(d), self.row(d - 1), word.get(d - 1)?);
        let z = |row: usize, e: usize| u64::from(row <= e);
        // The columns where `eq` (matches) or `swap` (transpositions) is read.
        let mut eq_at = (prev[0] << 1) | z(d, 0);
        let mut swap_at = 0;
        if k >= 1 {
            eq_at |= (prev[1] << 1) | z(d, 1);
            swap_at |= (before[0] << 2) | (z(d, 1) << 1);
        }
        if k >= 2 {
            eq_at |= (prev[2] << 1) | z(d, 2);
            swap_at |= (before[1] << 2) | (z(d, 2) << 1);
        }
        // swap = (eq << 1) & peq[pc]: it meets `swap_at` where eq meets this.
        let mask = eq_at | (self.peq[usize::from(pc)] & swap_at) >> 1;
        let &c = word.get(d)?;
        (self.peq[usize::from(c)] & mask == 0).then_some(mask)
    }

    /// Whether some cell of row `d` can still end within `r` edits: its cost plus its
    /// look-ahead at most `r`.
    #[inline(always)]
    fn viable(&self, d: usize, r: usize) -> bool {
        let (s, w) = (self.row(d), self.window(d));
        // Column 0 costs d, plus its look-ahead |(len - d) - m|.
        if usize::from(w.column0) <= r {
            return true;
        }
        let w = &w.columns;
        let hit = match r {
            0 => s[0] & w[0],
            1 => (s[0] & w[1]) | (s[1] & w[0]),
            _ => (s[0] & w[2]) | (s[1] & w[1]) | (s[2] & w[0]),
        };
        hit != 0
    }

    /// Extends the rows of `word` from `*depth` letters to the whole word, with budget
    /// `K`; returns the prefix length at which no word under it can end within the budget
    /// any more, if it can't (`*depth` is then that length).
    fn descend<const K: usize>(&mut self, word: &[u8], depth: &mut usize) -> Option<usize> {
        let mut d = *depth;
        let mut rows = 0;
        let pruned = loop {
            if d >= word.len() {
                break None;
            }
            self.step::<K>(d, word);
            rows += 1;
            d += 1;
            // Every path to the end passes through row d, or jumps over it from row d - 1
            // by a transposition (+1): when neither can still end within the budget, no
            // word under this prefix is within it.
            if !self.viable(d, K) && (K == 0 || !self.viable(d - 1, K.saturating_sub(1))) {
                break Some(d);
            }
        };
        *depth = d;
        self.rows_computed += rows;
        pruned
    }

    /// Computes the state after `word[d]` (row `d + 1`) from rows `d` and `d - 1`, for
    /// budgets up to `K` only: the sets of higher budgets are never read in a subtree
    /// walked with budget `K` (left 0).
    #[inline(always)]
    fn step<const K: usize>(&mut self, d: usize, word: &[u8]) {
        let Some(&c) = word.get(d) else {
            return;
        };
        let prev = self.row(d);
        let eq = self.peq[usize::from(c)];
        // Transposition of word[d - 1..=d] with query[j - 2..j] (query[j - 2] == c and
        // query[j - 1] == word[d - 1]) from D[d - 1][j - 2]: no mask on the first letter.
        let (swap, before) = match d.checked_sub(1) {
            Some(p) => match word.get(p) {
                Some(&pc) => ((eq << 1) & self.peq[usize::from(pc)], self.row(p)),
                None => (0, [0; MAX_EDITS + 1]),
            },
            None => (0, [0; MAX_EDITS + 1]),
        };
        // Column 0 of a row within e: D[row][0] = row.
        let z = |row: usize, e: usize| u64::from(row <= e);
        // Budget 0: match only. Budget e: match, or from budget e - 1 a substitution, an
        // insertion (the word's letter), a transposition, a deletion (a query letter, from
        // this row), or the cell itself.
        let s0 = (((prev[0] << 1) | z(d, 0)) & eq) & self.full;
        if K == 0 {
            *self.row_mut(d + 1) = [s0, 0, 0];
            return;
        }
        let s1 = ((((prev[1] << 1) | z(d, 1)) & eq)
            | (prev[0] << 1)
            | z(d, 0)
            | prev[0]
            | (((before[0] << 2) | (z(d, 1) << 1)) & swap)
            | (s0 << 1)
            | z(d + 1, 0)
            | s0)
            & self.full;
        if K == 1 {
            *self.row_mut(d + 1) = [s0, s1, 0];
            return;
        }
        let s2 = ((((prev[2] << 1) | z(d, 2)) & eq)
            | (prev[1] << 1)
            | z(d, 1)
            | prev[1]
            | (((before[1] << 2) | (z(d, 2) << 1)) & swap)
            | (s1 << 1)
            | z(d + 1, 1)
            | s1)
            & self.full;
        *self.row_mut(d + 1) = [s0, s1, s2];
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::screen::testing::{every_word, xorshift};

    /// The words of `words` the textbook DP (strsim's optimal string alignment) accepts
    /// for `query` under `(same, other)` edits and lengths within two of the query's: the
    /// walk must find exactly these. Returns how many.
    fn assert_walk_equals_dp(
        list: &FuzzyWords,
        words: &[Vec<u8>],
        q: &[u8],
        same: usize,
        other: usize,
    ) -> usize {
        let min_len = q.len().saturating_sub(same);
        let max_len = q.len() + same;
        let budget = Budget::uniform(same, other, min_len, max_len);
        let mut got = Vec::new();
        let rows = list.within(q, budget, &mut got);
        got.sort_unstable();
        // Natively the words are looked up: walking them (as the wasm does) finds the
        // same words and charges the same rows.
        let mut walked = Vec::new();
        let walk_rows = list.walk(q, budget, &mut walked, true, false, None).charged;
        walked.sort_unstable();
        assert_eq!(got, walked, "lookup and walk differ");
        assert_eq!(rows, walk_rows, "lookup and walk charge differently");
        let text = |w: &[u8]| String::from_utf8_lossy(w).into_owned();
        let want: Vec<u32> = words
            .iter()
            .enumerate()
            .filter(|(_, w)| {
                let k = if w.first() == q.first() { same } else { other };
                w.len() >= min_len.max(1)
                    && w.len() <= max_len
                    && strsim::osa_distance(&text(q), &text(w)) <= k
            })
            .map(|(i, _)| i as u32)
            .collect();
        assert_eq!(got, want, "query {}, budget {same}/{other}", text(q));
        want.len()
    }

    /// Passing over the siblings of a pruned prefix finds the same words and counts the
    /// same rows as computing each of them (the work meter charges the rows).
    #[test]
    fn sibling_skip_keeps_words_and_rows() {
        let mut next = xorshift(0x2545_F491_4F6C_DD1D);
        let mut words: Vec<Vec<u8>> = (0..4000)
            .map(|_| {
                let len = 2 + (next() % 9) as usize;
                (0..len)
                    .map(|_| b"abcdefghij"[(next() % 10) as usize])
                    .collect()
            })
            .collect();
        words.sort();
        words.dedup();
        let list = FuzzyWords::new(words.iter().enumerate().map(|(i, w)| (i as u32, &w[..])));
        let mut passed = 0;
        for q in words.iter().step_by(37) {
            for (same, other) in [(2, 2), (2, 1), (1, 0), (0, 0)] {
                let budget = Budget::uniform(same, other, q.len().saturating_sub(2), q.len() + 2);
                let (mut a, mut b) = (Vec::new(), Vec::new());
                let wa = list.walk(q, budget, &mut a, true, false, None);
                let wb = list.walk(q, budget, &mut b, false, false, None);
                assert_eq!(
                    (a, wa.charged, wa.rows),
                    (b, wb.charged, wb.rows),
                    "query {q:?}, budget {same}/{other}"
                );
                assert_eq!(wb.passed, 0);
                passed += wa.passed;
            }
        }
        assert!(passed > 1000, "only {passed} rows passed over");
    }

    /// Every word of a small alphabet up to 5 letters, against several queries and
    /// budgets: the walk finds exactly the words the full DP accepts.
    #[test]
    fn walk_equals_full_dp() {
        let mut words = every_word(b"abc", 5);
        words.sort();
        let list = FuzzyWords::new(words.iter().enumerate().map(|(i, w)| (i as u32, &w[..])));
        for query in ["abc", "cab", "aabba", "bcacb", "a", "ccccc", "abcab"] {
            for (same, other) in [(2, 2), (2, 1), (1, 1), (1, 0), (0, 0)] {
                assert_walk_equals_dp(&list, &words, query.as_bytes(), same, other);
            }
        }
    }

    /// Random words of 1 to 70 bytes over a 3-letter alphabet, several per length near
    /// each query (queries up to the 64-byte limit): the walk equals the full DP.
    #[test]
    fn long_words_equal_full_dp() {
        let mut next = xorshift(0x9E37_79B9_7F4A_7C15);
        let mut queries: Vec<Vec<u8>> = Vec::new();
        for m in [4usize, 9, 31, 32, 33, 62, 63, 64] {
            queries.push((0..m).map(|_| b"abc"[(next() % 3) as usize]).collect());
        }
        let mut words: Vec<Vec<u8>> = Vec::new();
        for q in &queries {
            for _ in 0..300 {
                // A copy of the query with 0 to 4 random edits.
                let mut w = q.clone();
                for _ in 0..next() % 5 {
                    let at = (next() as usize) % (w.len() + 1);
                    let c = b"abc"[(next() % 3) as usize];
                    match next() % 4 {
                        0 => w.insert(at, c),
                        1 if at < w.len() => {
                            w.remove(at);
                        }
                        2 if at + 1 < w.len() => w.swap(at, at + 1),
                        _ if at < w.len() => w[at] = c,
                        _ => {}
                    }
                }
                words.push(w);
            }
        }
        words.sort();
        words.dedup();
        let list = FuzzyWords::new(words.iter().enumerate().map(|(i, w)| (i as u32, &w[..])));
        for q in &queries {
            for (same, other) in [(2, 2), (2, 1), (1, 0)] {
                assert!(assert_walk_equals_dp(&list, &words, q, same, other) > 0);
            }
        }
    }

    /// Budgets that differ by partner length and first letter, some lengths or first
    /// letters not walked at all: the walk finds exactly the words the full DP accepts
    /// under the budget of their length and first letter, and `Budget::accepts` accepts
    /// exactly those.
    #[test]
    fn per_length_budgets_equal_full_dp() {
        let mut words = every_word(b"abcd", 6);
        words.sort();
        let list = FuzzyWords::new(words.iter().enumerate().map(|(i, w)| (i as u32, &w[..])));
        let text = |w: &[u8]| String::from_utf8_lossy(w).into_owned();
        let schemes: [fn(usize, usize) -> Edits; 3] = [
            // Tighter for shorter partners, none for other first letters at the extremes.
            |m, len| match len.abs_diff(m) {
                0 => (Some(1), Some(1)),
                1 => (Some(2), Some(1)),
                _ => (Some(2), None),
            },
            // Only other first letters.
            |_, _| (None, Some(1)),
            // Only the query's first letter, nothing for one length.
            |m, len| {
                if len == m + 1 {
                    (None, None)
                } else {
                    (Some(2), Some(0))
                }
            },
        ];
        for q in ["abcd", "dacb", "bbca", "cadbd", "abdcab"] {
            let q = q.as_bytes();
            let m = q.len();
            for scheme in schemes {
                let (min_len, max_len) = (m - 2, m + 2);
                let budget = Budget::per_length(min_len, max_len, |len| scheme(m, len));
                let mut got = Vec::new();
                list.within(q, budget, &mut got);
                got.sort_unstable();
                let want: Vec<u32> = words
                    .iter()
                    .enumerate()
                    .filter(|(_, w)| {
                        let (same, other) = scheme(m, w.len());
                        let k = if w.first() == q.first() { same } else { other };
                        (min_len..=max_len).contains(&w.len())
                            && k.is_some_and(|k| strsim::osa_distance(&text(q), &text(w)) <= k)
                    })
                    .map(|(i, _)| i as u32)
                    .collect();
                assert_eq!(got, want, "query {}", text(q));
                // `Budget::accepts` (the glances' filter) says the same of every word.
                let accepted: Vec<u32> = words
                    .iter()
                    .enumerate()
                    .filter(|(_, w)| budget.accepts(q, w))
                    .map(|(i, _)| i as u32)
                    .collect();
                assert_eq!(accepted, want, "accepts, query {}", text(q));
            }
        }
    }

    /// Words spelled alike (tokens of two scripts with one Latin text) are all found.
    #[test]
    fn every_word_of_one_spelling_is_found() {
        let mut words: Vec<Vec<u8>> = Vec::new();
        for w in [
            "teksler", "tekslar", "eksler", "zeksler", "keksler", "eksle",
        ] {
            words.push(w.as_bytes().to_vec());
            words.push(w.as_bytes().to_vec());
        }
        words.sort();
        let list = FuzzyWords::new(words.iter().enumerate().map(|(i, w)| (i as u32, &w[..])));
        for (same, other) in [(2, 1), (1, 1), (2, 2)] {
            let n = assert_walk_equals_dp(&list, &words, b"eksler", same, other);
            assert!(n >= 8, "{n}");
        }
    }

    /// Words and queries that hold the tail buckets' stand-in first letter: the walk
    /// still equals the full DP (a query holding it walks every first letter in the main
    /// buckets; a word that begins with it is one of the tails' words like any other).
    #[test]
    fn stand_in_letter_in_words_and_queries() {
        let mut words = every_word(&[ANY_FIRST, b'a', b'b'], 4);
        words.sort();
        let list = FuzzyWords::new(words.iter().enumerate().map(|(i, w)| (i as u32, &w[..])));
        for query in [&b"\0ab"[..], b"a\0b", b"abab", b"\0\0", b"bba\0"] {
            for (same, other) in [(2, 2), (2, 1), (1, 1), (0, 0)] {
                assert_walk_equals_dp(&list, &words, query, same, other);
            }
        }
    }

    /// A query over the 64-byte limit finds nothing rather than a wrong set.
    #[test]
    fn over_long_query_finds_nothing() {
        let w = vec![b'a'; 65];
        let list = FuzzyWords::new([(0u32, &w[..])]);
        let mut got = Vec::new();
        let budget = Budget::uniform(2, 2, 63, 67);
        list.within(&w, budget, &mut got);
        assert!(got.is_empty());
    }

    /// The distance equals strsim's on random words up to 70 letters (the shorter at most
    /// 64), ASCII or not, in both orders, and on a few fixed pairs.
    #[test]
    fn osa_distance_equals_strsim() {
        let mut next = xorshift(0x2545_F491_4F6C_DD1D);
        // Half the rounds ASCII, half with two-byte letters too.
        for round in 0..20_000 {
            let alphabet = if round % 2 == 0 {
                ['a', 'b', 'c', 'd']
            } else {
                ['a', 'b', 'é', 'ж']
            };
            let la = (next() % if round % 10 < 2 { 65 } else { 12 }) as usize;
            let a: Vec<char> = (0..la).map(|_| alphabet[(next() % 4) as usize]).collect();
            let mut b = a.clone();
            for _ in 0..next() % 6 {
                let at = (next() as usize) % (b.len() + 1);
                let c = alphabet[(next() % 4) as usize];
                match next() % 4 {
                    0 => b.insert(at, c),
                    1 if at < b.len() => {
                        b.remove(at);
                    }
                    2 if at + 1 < b.len() => b.swap(at, at + 1),
                    _ if at < b.len() => b[at] = c,
                    _ => {}
                }
            }
            let (a, b): (String, String) = (a.into_iter().collect(), b.into_iter().collect());
            assert_eq!(
                osa_distance(&a, &b),
                strsim::osa_distance(&a, &b),
                "{a} / {b}"
            );
            assert_eq!(
                osa_distance(&b, &a),
                strsim::osa_distance(&b, &a),
                "{b} / {a}"
            );
        }
        for (a, b) in [
            ("", ""),
            ("", "abc"),
            ("ab", "ba"),
            ("ca", "abc"),
            ("müller", "muller"),
            // Bytes that collide modulo 32 (`1` and `q`), upper case, punctuation.
            ("q1", "1q"),
            ("a1b2q", "ab12q"),
            ("Ab-c", "ab-c"),
            ("qqqq", "1111"),
        ] {
            assert_eq!(osa_distance(a, b), strsim::osa_distance(a, b), "{a} / {b}");
        }
        // One pattern against many words in a row (its kept table reused), then patterns
        // that share letters or a prefix with the previous one (its entries cleared).
        let words = ["abcab", "bacab", "abcabc", "cab", "", "xyz", "abcab"];
        for a in ["abcab", "abcab", "abca", "abcabx", "ba", "zz", "abcab"] {
            for b in words {
                assert_eq!(osa_distance(a, b), strsim::osa_distance(a, b), "{a} / {b}");
            }
        }
    }
}
