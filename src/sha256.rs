//! SHA-256 (FIPS 180-4, section 6.2): the digest that names a snapshot and pins its
//! remarks file, and the double hash of Base58Check addresses.
//!
//! Written out rather than taken from the `sha2` crate for the wasm build: the crate's
//! portable code is fast only when LLVM inlines its round helpers, which it does at
//! opt-level 3 with the default inlining threshold; the wasm build sets a lower threshold
//! for every crate (`.cargo/config.toml`) and then hashed a snapshot at half the speed.
//! This form (the 64 rounds written out in `compress`) hashes as fast as the crate did
//! at its best, at opt-level "z" (BENCHMARKS.md, "Session 12"). The tests check it against
//! the standard's examples and against `sha2` for every length up to 300 bytes.

/// The round constants: the first 32 bits of the fractional parts of the cube roots of
/// the first 64 primes (FIPS 180-4, 4.2.2).
const K: [u32; 64] = [
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
];

/// The initial hash value: the first 32 bits of the fractional parts of the square roots of
/// the first 8 primes (FIPS 180-4, 5.3.3).
const H0: [u32; 8] = [
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
];

/// An incremental SHA-256 computation.
#[derive(Debug, Clone)]
pub struct Sha256 {
    state: [u32; 8],
    /// Bytes of the current block not yet compressed (`pending_len` of them).
    pending: [u8; 64],
    pending_len: usize,
    /// Message length so far, in bytes.
    total: u64,
}

impl Default for Sha256 {
    fn default() -> Sha256 {
        Sha256::new()
    }
}

impl Sha256 {
    /// A computation over the empty message.
    pub fn new() -> Sha256 {
        Sha256 {
            state: H0,
            pending: [0; 64],
            pending_len: 0,
            total: 0,
        }
    }

    /// Appends `data` to the message.
    pub fn update(&mut self, mut data: &[u8]) {
        self.total = self.total.wrapping_add(data.len() as u64);
        if self.pending_len > 0 {
            let take = (64 - self.pending_len).min(data.len());
            let (head, rest) = data.split_at(take);
            if let Some(slot) = self
                .pending
                .get_mut(self.pending_len..self.pending_len + take)
            {
                slot.copy_from_slice(head);
            }
            self.pending_len += take;
            data = rest;
            if self.pending_len < 64 {
                return;
            }
            compress(&mut self.state, &self.pending);
            self.pending_len = 0;
        }
        let mut blocks = data.chunks_exact(64);
        for block in &mut blocks {
            if let Ok(block) = <&[u8; 64]>::try_from(block) {
                compress(&mut self.state, block);
            }
        }
        let rest = blocks.remainder();
        if let Some(slot) = self.pending.get_mut(..rest.len()) {
            slot.copy_from_slice(rest);
        }
        self.pending_len = rest.len();
    }

    /// The digest of the message (FIPS 180-4, 5.1.1 padding: a 1 bit, zeros, the length
    /// in bits as 64 bits big-endian).
    pub fn finalize(mut self) -> [u8; 32] {
        let bits = self.total.wrapping_mul(8);
        let mut tail = [0u8; 64];
        tail[0] = 0x80;
        // Pad to 56 bytes mod 64, then the length.
        let pad = if self.pending_len < 56 {
            56 - self.pending_len
        } else {
            120 - self.pending_len
        };
        self.update(tail.get(..pad).unwrap_or_default());
        self.update(&bits.to_be_bytes());
        let mut out = [0u8; 32];
        for (chunk, word) in out.chunks_exact_mut(4).zip(self.state) {
            chunk.copy_from_slice(&word.to_be_bytes());
        }
        out
    }
}

/// The SHA-256 digest of `data`.
pub fn digest(data: &[u8]) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update(data);
    h.finalize()
}

/// Processes one 64-byte block (FIPS 180-4, 6.2.2), written out round by round: the wasm
/// build optimises for size, so LLVM would neither unroll the rounds nor keep the message
/// schedule in locals, and a rolled loop hashes a snapshot 1.6 times slower in V8. With
/// every index a constant, the 16-word schedule window and the round constants become
/// locals and immediates.
fn compress(state: &mut [u32; 8], block: &[u8; 64]) {
    // Constant indices only, here and below: a loop or an iterator over `w` would pass its
    // address to a call (at "z") and keep the whole window in memory.
    let word = |i: usize| {
        u32::from_be_bytes([
            block[4 * i],
            block[4 * i + 1],
            block[4 * i + 2],
            block[4 * i + 3],
        ])
    };
    let mut w = [
        word(0),
        word(1),
        word(2),
        word(3),
        word(4),
        word(5),
        word(6),
        word(7),
        word(8),
        word(9),
        word(10),
        word(11),
        word(12),
        word(13),
        word(14),
        word(15),
    ];
    let [mut a, mut b, mut c, mut d, mut e, mut f, mut g, mut h] = *state;
    // Word `i` of the schedule (6.2.2 step 1), in the window slot `i % 16`.
    macro_rules! schedule {
        ($i:expr) => {{
            if $i >= 16 {
                let w2 = w[($i - 2) % 16];
                let w15 = w[($i - 15) % 16];
                let s0 = w15.rotate_right(7) ^ w15.rotate_right(18) ^ (w15 >> 3);
                let s1 = w2.rotate_right(17) ^ w2.rotate_right(19) ^ (w2 >> 10);
                w[$i % 16] = w[$i % 16]
                    .wrapping_add(s0)
                    .wrapping_add(w[($i - 7) % 16])
                    .wrapping_add(s1);
            }
            w[$i % 16]
        }};
    }
    // Round `i` (step 3): the variables are renamed from one round to the next instead of
    // moved, so `d` and `h` are the only ones written. Ch(e, f, g) = g ^ (e & (f ^ g)),
    // and Maj(a, b, c) = b ^ ((a ^ b) & (b ^ c)), where `b ^ c` is the previous round's
    // `a ^ b` (its `a` and `b` are now `b` and `c`): 3 operations each instead of 4 and 5,
    // about 6 % faster in V8.
    macro_rules! round {
        ($a:ident, $b:ident, $c:ident, $d:ident, $e:ident, $f:ident, $g:ident, $h:ident, $ab:ident, $bc:ident, $i:expr) => {
            let t1 = $h
                .wrapping_add($e.rotate_right(6) ^ $e.rotate_right(11) ^ $e.rotate_right(25))
                .wrapping_add($g ^ ($e & ($f ^ $g)))
                .wrapping_add(K[$i])
                .wrapping_add(schedule!($i));
            $ab = $a ^ $b;
            let t2 = ($a.rotate_right(2) ^ $a.rotate_right(13) ^ $a.rotate_right(22))
                .wrapping_add($b ^ ($ab & $bc));
            $d = $d.wrapping_add(t1);
            $h = t1.wrapping_add(t2);
        };
    }
    // `x` and `y` take turns holding this round's `a ^ b` and the previous round's.
    let mut x: u32;
    let mut y = b ^ c;
    macro_rules! eight_rounds {
        ($i:expr) => {
            round!(a, b, c, d, e, f, g, h, x, y, $i);
            round!(h, a, b, c, d, e, f, g, y, x, $i + 1);
            round!(g, h, a, b, c, d, e, f, x, y, $i + 2);
            round!(f, g, h, a, b, c, d, e, y, x, $i + 3);
            round!(e, f, g, h, a, b, c, d, x, y, $i + 4);
            round!(d, e, f, g, h, a, b, c, y, x, $i + 5);
            round!(c, d, e, f, g, h, a, b, x, y, $i + 6);
            round!(b, c, d, e, f, g, h, a, y, x, $i + 7);
        };
    }
    eight_rounds!(0);
    eight_rounds!(8);
    eight_rounds!(16);
    eight_rounds!(24);
    eight_rounds!(32);
    eight_rounds!(40);
    eight_rounds!(48);
    eight_rounds!(56);
    let [s0, s1, s2, s3, s4, s5, s6, s7] = *state;
    *state = [
        s0.wrapping_add(a),
        s1.wrapping_add(b),
        s2.wrapping_add(c),
        s3.wrapping_add(d),
        s4.wrapping_add(e),
        s5.wrapping_add(f),
        s6.wrapping_add(g),
        s7.wrapping_add(h),
    ];
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(d: [u8; 32]) -> String {
        d.iter().map(|b| format!("{b:02x}")).collect()
    }

    /// FIPS 180-4's examples (NIST CSRC "Examples with Intermediate Values", SHA-256) and
    /// the empty message.
    #[test]
    fn standard_examples() {
        assert_eq!(
            hex(digest(b"abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(
            hex(digest(
                b"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
            )),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        );
        assert_eq!(
            hex(digest(b"")),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        let million_a = vec![b'a'; 1_000_000];
        assert_eq!(
            hex(digest(&million_a)),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"
        );
    }

    /// The same digests as the `sha2` crate for every length around the block and padding
    /// boundaries, fed in pieces of every size.
    #[test]
    fn same_as_sha2_in_any_pieces() {
        use sha2::Digest;
        let data: Vec<u8> = (0..300u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
            .collect();
        for len in 0..data.len() {
            let message = &data[..len];
            let expected: [u8; 32] = sha2::Sha256::digest(message).into();
            assert_eq!(digest(message), expected, "length {len}");
            for piece in [1, 3, 55, 56, 63, 64, 65, 127] {
                let mut h = Sha256::new();
                for chunk in message.chunks(piece) {
                    h.update(chunk);
                }
                assert_eq!(h.finalize(), expected, "length {len} in pieces of {piece}");
            }
        }
    }
}
