//! The list-side glue table: the listed names where a run of 2 or 3 adjacent tokens,
//! put end to end, spells a query word (`Abdulrahman` against `Abdul Rahman`,
//! `Kimjongun` against `Kim Jong Un`).
//!
//! A run glues to a query word when its texts end to end equal the word's text, or its
//! phonetic keys end to end (a letter class repeated across a joint counts once, see
//! [`crate::screen::score::keys_glue_to`]) equal the word's key. Both are exact string
//! equalities, so the table keeps a hash of each run's glued text and glued key and a
//! query word looks up its own two hashes: one bucket each, whatever the word. The
//! scorer then checks every name found ([`crate::screen::score::list_glue_similarity`]);
//! a hash collision only costs that check.
//!
//! The hash is polynomial over the bytes (`h(ab) = h(a) P^|b| + h(b)`, mod 2^64), so a
//! run's hash is combined from per-token hashes computed once; texts and keys start from
//! different seeds. Built from the stored index with the load: the 233,000 entries of every
//! list take about 3.5 ms in wasm (Node), for about a sixth of the time of every query.

/// A vocabulary token as the glue table sees it.
#[derive(Debug, Clone, Copy, Default)]
pub struct GlueToken<'a> {
    /// Normalised text.
    pub text: &'a [u8],
    /// Phonetic key (empty for tokens that have none).
    pub key: &'a [u8],
    /// Whether the token can be part of a glue at all ([`crate::screen::score::glueable`]).
    pub glueable: bool,
    /// Whether the token may glue by key (it has a phonetic key, so is all letters).
    pub keyed: bool,
    /// Whether the token is short enough for a glue by key to count
    /// ([`crate::screen::score::short_part`]), or may be.
    pub short: bool,
}

/// Runs of adjacent listed tokens by the hashes of their glued texts and keys.
#[derive(Debug, Clone, Default)]
pub struct GlueTable {
    /// Bucket (the top `bits` bits of a hash) → range in `entries` (`2^bits + 1`).
    offs: Vec<u32>,
    /// Per run: the top 32 bits of its hash, then the name id (`hash >> 32 << 32 |
    /// name`), bucket after bucket.
    entries: Vec<u64>,
    /// Number of bucket bits.
    bits: u32,
}

/// Multiplier of the polynomial hash (odd: every power is invertible mod 2^64, and a
/// product carries every byte into the top bits, which pick the bucket).
const P: u64 = 0x9E37_79B9_7F4A_7C15;
/// Seeds of the hash (its value before the first byte): a text and a key that happen to
/// be the same bytes hash apart.
const TEXT: u64 = 0x5445_5854_C2B2_AE35;
const KEY: u64 = 0x004B_4559_27D4_EB4F;

/// Polynomial hash of `bytes` from `seed`: `h(ab) = h(a) P^|b| + h_0(b)`, mod 2^64.
fn poly(seed: u64, bytes: &[u8]) -> u64 {
    bytes
        .iter()
        .fold(seed, |h, &b| h.wrapping_mul(P).wrapping_add(u64::from(b)))
}

/// What a run needs of each token, computed once per vocabulary token: the hashes (from
/// seed 0) of its text, its key and its key less the first letter (used when that letter
/// repeats the previous key's last), their lengths (for the powers of `P`), the key's
/// first and last letters, and [`GLUEABLE`], [`KEYED`], [`SHORT`].
#[derive(Clone, Copy, Default)]
struct TokenHash {
    text: u64,
    key: u64,
    key_tail: u64,
    text_len: u16,
    key_len: u16,
    key_first: u8,
    key_last: u8,
    flags: u8,
}

/// The token may be part of a glue.
const GLUEABLE: u8 = 1;
/// The token may be part of a glue by key (it has a key).
const KEYED: u8 = 2;
/// The token counts as a short part of a glue by key.
const SHORT: u8 = 4;

/// Writes to `out` the entries of the runs of name `nm` (tokens `toks`); returns how
/// many. Apart from the build so that the entries are written through a slice the
/// compiler knows is not aliased (in wasm, through the builder's vector it reloaded its
/// fields from memory after every write: the build took twice as long).
#[inline(never)]
fn name_runs(hashes: &[TokenHash], pow: &[u64], toks: &[u32], nm: u32, out: &mut [u64]) -> usize {
    let pow = |n: usize| pow.get(n).copied().unwrap_or(0);
    let Some((&first, rest)) = toks.split_first() else {
        return 0;
    };
    let nm = u64::from(nm);
    let mut filled = 0;
    let mut emit = |entry: u64| {
        if let Some(slot) = out.get_mut(filled) {
            *slot = entry >> 32 << 32 | nm;
            filled += 1;
        }
    };
    // Walking the name token by token (`b`, after `a`): the run of `a` alone and the run
    // of the two tokens before `b` (hashes from the seeds, and flags); each run ending at
    // `b` extends one of them.
    let mut a = hashes.get(first as usize).copied().unwrap_or_default();
    let (mut text1, mut key1, mut flags1) = (
        TEXT.wrapping_mul(pow(a.text_len.into()))
            .wrapping_add(a.text),
        KEY.wrapping_mul(pow(a.key_len.into())).wrapping_add(a.key),
        a.flags,
    );
    let (mut text2, mut key2, mut flags2) = (0u64, 0u64, 0u8);
    for &t in rest {
        let b = hashes.get(t as usize).copied().unwrap_or_default();
        let text_pw = pow(b.text_len.into());
        let whole_key_pw = pow(b.key_len.into());
        // In a run glued by key every key is present (KEYED), so the letter the joint
        // may merge is `a`'s last.
        let (key, key_pw) = if b.key_first == a.key_last {
            (b.key_tail, pow(usize::from(b.key_len.saturating_sub(1))))
        } else {
            (b.key, whole_key_pw)
        };
        let flags3 = run_flags(flags2, b.flags);
        if flags3 & GLUEABLE != 0 {
            emit(text2.wrapping_mul(text_pw).wrapping_add(b.text));
            if flags3 & (KEYED | SHORT) == KEYED | SHORT {
                emit(key2.wrapping_mul(key_pw).wrapping_add(key));
            }
        }
        text2 = text1.wrapping_mul(text_pw).wrapping_add(b.text);
        key2 = key1.wrapping_mul(key_pw).wrapping_add(key);
        flags2 = run_flags(flags1, b.flags);
        if flags2 & GLUEABLE != 0 {
            emit(text2);
            if flags2 & (KEYED | SHORT) == KEYED | SHORT {
                emit(key2);
            }
        }
        text1 = TEXT.wrapping_mul(text_pw).wrapping_add(b.text);
        key1 = KEY.wrapping_mul(whole_key_pw).wrapping_add(b.key);
        flags1 = b.flags;
        a = b;
    }
    filled
}

/// Sorts `runs` into `entries` by bucket, with one counting pass: `offs[b]..offs[b + 1]`
/// is then bucket `b`'s range. Through slices, like [`name_runs`].
#[inline(never)]
fn fill_buckets(runs: &[u64], bits: u32, offs: &mut [u32], entries: &mut [u64]) {
    for &e in runs {
        if let Some(c) = offs.get_mut(bucket(e, bits) + 1) {
            *c += 1;
        }
    }
    for i in 1..offs.len() {
        offs[i] += offs[i - 1];
    }
    let mut next = offs.to_vec();
    for &e in runs {
        if let Some(at) = next.get_mut(bucket(e, bits)) {
            if let Some(slot) = entries.get_mut(*at as usize) {
                *slot = e;
            }
            *at += 1;
        }
    }
}

/// `f` when `on`, else no flag.
fn flag(on: bool, f: u8) -> u8 {
    if on {
        f
    } else {
        0
    }
}

/// Flags of a run from those of its first tokens and of its next token: every token may
/// glue (by key), and some token is short.
fn run_flags(before: u8, next: u8) -> u8 {
    (before & next & (GLUEABLE | KEYED)) | ((before | next) & SHORT)
}

impl GlueTable {
    /// Builds the table from the vocabulary (`token(id)` for ids `0..token_count`) and
    /// the names' tokens (`name_tokens(name)` for names `0..name_count`).
    pub fn build<'a>(
        token_count: usize,
        token: impl Fn(u32) -> GlueToken<'a>,
        name_count: usize,
        name_tokens: impl Fn(u32) -> &'a [u32],
    ) -> GlueTable {
        let hashes: Vec<TokenHash> = (0..token_count as u32)
            .map(|id| {
                let t = token(id);
                // A token of more than 65,535 bytes (text or key) glues with nothing: no
                // query word comes near that length (a query is at most
                // `MAX_NAME_BYTES`, 1,024 bytes, before normalisation).
                let text_len = u16::try_from(t.text.len()).ok();
                let key_len = u16::try_from(t.key.len()).ok().filter(|&l| l > 0);
                TokenHash {
                    text: poly(0, t.text),
                    key: poly(0, t.key),
                    key_tail: poly(0, t.key.get(1..).unwrap_or(&[])),
                    text_len: text_len.unwrap_or(0),
                    key_len: key_len.unwrap_or(0),
                    key_first: t.key.first().copied().unwrap_or(0),
                    key_last: t.key.last().copied().unwrap_or(0),
                    flags: flag(t.glueable && text_len.is_some(), GLUEABLE)
                        | flag(t.keyed && key_len.is_some(), KEYED)
                        | flag(t.short, SHORT),
                }
            })
            .collect();
        // `P^n` for every length kept.
        let longest = hashes
            .iter()
            .map(|h| usize::from(h.text_len.max(h.key_len)))
            .max()
            .unwrap_or(0);
        let powers: Vec<u64> = std::iter::successors(Some(1u64), |&p| Some(p.wrapping_mul(P)))
            .take(longest + 1)
            .collect();
        // Every run's entry (`hash >> 32 << 32 | name`), in name order: at most two per
        // run (text and key), and a name of `l >= 2` tokens has `2 l - 3` runs.
        let most: usize = (0..name_count as u32)
            .map(|nm| 2 * (2 * name_tokens(nm).len()).saturating_sub(3))
            .sum();
        let mut runs: Vec<u64> = vec![0; most];
        let mut filled = 0;
        for nm in 0..name_count as u32 {
            if let Some(out) = runs.get_mut(filled..) {
                filled += name_runs(&hashes, &powers, name_tokens(nm), nm, out);
            }
        }
        runs.truncate(filled);
        // At most 4,096 buckets (the bucket table stays in the first-level cache while
        // it is filled): a look-up then reads a bucket of about 60 runs on every list.
        let bits = (runs.len() / 32)
            .max(1)
            .next_power_of_two()
            .trailing_zeros()
            .min(12);
        let mut offs = vec![0u32; (1usize << bits) + 1];
        let mut entries = vec![0u64; runs.len()];
        fill_buckets(&runs, bits, &mut offs, &mut entries);
        GlueTable {
            offs,
            entries,
            bits,
        }
    }

    /// Appends to `out` every name holding a run whose glued text hashes like `text`, and
    /// (with `key`) every name holding one whose glued key hashes like `key`: a superset
    /// of the names where a run glues to the word, each once per such run. Returns the
    /// entries read.
    pub fn names_gluing(&self, text: &[u8], key: Option<&[u8]>, out: &mut Vec<u32>) -> usize {
        let mut read = self.names_with(poly(TEXT, text), out);
        if let Some(key) = key {
            read += self.names_with(poly(KEY, key), out);
        }
        read
    }

    /// The names of the entries of hash `h`; the entries read.
    fn names_with(&self, h: u64, out: &mut Vec<u32>) -> usize {
        let b = bucket(h, self.bits);
        let (Some(&from), Some(&to)) = (self.offs.get(b), self.offs.get(b + 1)) else {
            return 0;
        };
        let bucket = self.entries.get(from as usize..to as usize).unwrap_or(&[]);
        let tag = h >> 32;
        out.extend(
            bucket
                .iter()
                .filter(|&&e| e >> 32 == tag)
                .map(|&e| e as u32),
        );
        bucket.len()
    }
}

/// The bucket of a hash (or of an entry, which keeps the hash's top 32 bits): its top
/// `bits` bits.
fn bucket(h: u64, bits: u32) -> usize {
    h.checked_shr(64 - bits).unwrap_or(0) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    fn token(text: &'static str, key: &'static str) -> GlueToken<'static> {
        GlueToken {
            text: text.as_bytes(),
            key: key.as_bytes(),
            glueable: true,
            keyed: !key.is_empty(),
            short: text.len() <= 3,
        }
    }

    #[test]
    fn run_hash_is_the_hash_of_the_glued_string() {
        let pw = |n: u32| P.wrapping_pow(n);
        let ab = poly(TEXT, b"abdul");
        let c = poly(0, b"rahman");
        assert_eq!(
            ab.wrapping_mul(pw(6)).wrapping_add(c),
            poly(TEXT, b"abdulrahman")
        );
        assert_eq!(poly(TEXT, b""), TEXT);
    }

    #[test]
    fn finds_runs_by_text_and_by_merged_key() {
        // Names: 0 = "abd al rahman", 1 = "kim jong un", 2 = "rahman abd" (wrong order).
        let vocab = [
            token("abd", "APT"),
            token("al", "AL"),
            token("rahman", "RHMN"),
            token("kim", "KM"),
            token("jong", "JNK"),
            token("un", "AN"),
        ];
        let names: [&[u32]; 3] = [&[0, 1, 2], &[3, 4, 5], &[2, 0]];
        let table = GlueTable::build(vocab.len(), |i| vocab[i as usize], 3, |n| names[n as usize]);
        let find = |text: &str, key: Option<&str>| {
            let mut out = Vec::new();
            table.names_gluing(text.as_bytes(), key.map(str::as_bytes), &mut out);
            out.sort_unstable();
            out.dedup();
            out
        };
        assert_eq!(find("abdalrahman", None), vec![0]);
        assert_eq!(find("abdal", None), vec![0]);
        assert_eq!(find("alrahman", None), vec![0]);
        assert_eq!(find("kimjongun", None), vec![1]);
        assert_eq!(find("rahmanabd", None), vec![2]);
        assert_eq!(find("abdrahman", None), Vec::<u32>::new());
        // Keys: "AL" after "APT" stays "APTAL"; "RHMN" after "AL": "ALRHMN".
        assert_eq!(find("x", Some("APTAL")), vec![0]);
        assert_eq!(find("x", Some("ALRHMN")), vec![0]);
        // A letter class repeated across the joint counts once: "JNK" + "KM"-like.
        let vocab2 = [token("ben", "PN"), token("nur", "NR")];
        let names2: [&[u32]; 1] = [&[0, 1]];
        let t2 = GlueTable::build(2, |i| vocab2[i as usize], 1, |n| names2[n as usize]);
        let mut out = Vec::new();
        t2.names_gluing(b"-", Some(b"PNR"), &mut out);
        assert_eq!(out, vec![0]);
        out.clear();
        t2.names_gluing(b"-", Some(b"PNNR"), &mut out);
        assert!(out.is_empty());
    }

    #[test]
    fn tokens_that_cannot_glue_start_or_break_no_run() {
        let mut vocab = [token("abu", "AP"), token("7", ""), token("bakr", "PKR")];
        vocab[1].glueable = false;
        let names: [&[u32]; 2] = [&[0, 1, 2], &[0, 2]];
        let table = GlueTable::build(3, |i| vocab[i as usize], 2, |n| names[n as usize]);
        let mut out = Vec::new();
        table.names_gluing(b"abubakr", None, &mut out);
        assert_eq!(out, vec![1]);
        out.clear();
        table.names_gluing(b"abu7", None, &mut out);
        assert!(out.is_empty());
    }
}
