//! Keccak-256 as used by Ethereum (the original Keccak submission's padding `0x01`, not the
//! FIPS 202 SHA3-256 padding `0x06`): Keccak-f\[1600\] sponge, rate 1088 bits, 256-bit
//! output. Written here (≈80 lines) rather than pulled in as a dependency to keep the wasm
//! build small; it only hashes 40-character addresses for EIP-55.

/// Round constants ι for the 24 rounds.
const RC: [u64; 24] = [
    0x0000_0000_0000_0001,
    0x0000_0000_0000_8082,
    0x8000_0000_0000_808A,
    0x8000_0000_8000_8000,
    0x0000_0000_0000_808B,
    0x0000_0000_8000_0001,
    0x8000_0000_8000_8081,
    0x8000_0000_0000_8009,
    0x0000_0000_0000_008A,
    0x0000_0000_0000_0088,
    0x0000_0000_8000_8009,
    0x0000_0000_8000_000A,
    0x0000_0000_8000_808B,
    0x8000_0000_0000_008B,
    0x8000_0000_0000_8089,
    0x8000_0000_0000_8003,
    0x8000_0000_0000_8002,
    0x8000_0000_0000_0080,
    0x0000_0000_0000_800A,
    0x8000_0000_8000_000A,
    0x8000_0000_8000_8081,
    0x8000_0000_0000_8080,
    0x0000_0000_8000_0001,
    0x8000_0000_8000_8008,
];

/// ρ rotation offsets, in the π visiting order below.
const RHO: [u32; 24] = [
    1, 3, 6, 10, 15, 21, 28, 36, 45, 55, 2, 14, 27, 41, 56, 8, 25, 43, 62, 18, 39, 61, 20, 44,
];

/// π lane permutation: the lane each step moves to.
const PI: [usize; 24] = [
    10, 7, 11, 17, 18, 3, 5, 16, 8, 21, 24, 4, 15, 23, 19, 13, 12, 2, 20, 14, 22, 9, 6, 1,
];

/// Bytes absorbed per permutation (1088-bit rate).
const RATE: usize = 136;

/// The Keccak-f\[1600\] permutation over 25 lanes (index x + 5y).
fn keccak_f(a: &mut [u64; 25]) {
    for rc in RC {
        // θ: XOR each lane with the parities of two neighbouring columns.
        let mut c = [0u64; 5];
        for (x, cx) in c.iter_mut().enumerate() {
            *cx = a[x] ^ a[x + 5] ^ a[x + 10] ^ a[x + 15] ^ a[x + 20];
        }
        for x in 0..5 {
            let d = c[(x + 4) % 5] ^ c[(x + 1) % 5].rotate_left(1);
            for y in 0..5 {
                a[x + 5 * y] ^= d;
            }
        }
        // ρ and π: rotate each lane and move it along the π cycle starting at lane 1.
        let mut carried = a[1];
        for (&to, &rot) in PI.iter().zip(RHO.iter()) {
            let next = a[to];
            a[to] = carried.rotate_left(rot);
            carried = next;
        }
        // χ: non-linear mix along each row.
        for y in 0..5 {
            let row = [
                a[5 * y],
                a[5 * y + 1],
                a[5 * y + 2],
                a[5 * y + 3],
                a[5 * y + 4],
            ];
            for x in 0..5 {
                a[5 * y + x] = row[x] ^ (!row[(x + 1) % 5] & row[(x + 2) % 5]);
            }
        }
        // ι: break the symmetry between rounds.
        a[0] ^= rc;
    }
}

/// Keccak-256 of `data`.
pub fn keccak256(data: &[u8]) -> [u8; 32] {
    let mut state = [0u64; 25];
    let mut absorb = |block: &[u8; RATE]| {
        for (lane, chunk) in state.iter_mut().zip(block.chunks_exact(8)) {
            let mut bytes = [0u8; 8];
            bytes.copy_from_slice(chunk);
            *lane ^= u64::from_le_bytes(bytes);
        }
        keccak_f(&mut state);
    };
    let mut chunks = data.chunks_exact(RATE);
    for chunk in chunks.by_ref() {
        let mut block = [0u8; RATE];
        block.copy_from_slice(chunk);
        absorb(&block);
    }
    // Multi-rate padding with Keccak's domain byte 0x01 (pad10*1).
    let rest = chunks.remainder();
    let mut block = [0u8; RATE];
    block[..rest.len()].copy_from_slice(rest);
    block[rest.len()] ^= 0x01;
    block[RATE - 1] ^= 0x80;
    absorb(&block);

    let mut out = [0u8; 32];
    for (chunk, lane) in out.chunks_exact_mut(8).zip(state.iter()) {
        chunk.copy_from_slice(&lane.to_le_bytes());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    // Keccak team's known answers for Keccak-256 (as used by Ethereum).
    #[test]
    fn known_answers() {
        assert_eq!(
            hex(&keccak256(b"")),
            "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"
        );
        assert_eq!(
            hex(&keccak256(b"abc")),
            "4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45"
        );
    }

    #[test]
    fn padding_boundaries_and_multi_block_input() {
        // Digests of b"a" repeated 135, 136 and 200 times from the reference implementation
        // (pycryptodome Crypto.Hash.keccak, digest_bits=256): the padding fits in the last
        // byte, needs a block of its own, and follows a full block.
        let cases = [
            (
                135,
                "34367dc248bbd832f4e3e69dfaac2f92638bd0bbd18f2912ba4ef454919cf446",
            ),
            (
                136,
                "a6c4d403279fe3e0af03729caada8374b5ca54d8065329a3ebcaeb4b60aa386e",
            ),
            (
                200,
                "96ea54061def936c4be90b518992fdc6f12f535068a256229aca54267b4d084d",
            ),
        ];
        for (len, digest) in cases {
            assert_eq!(hex(&keccak256(&vec![b'a'; len])), digest, "{len} bytes");
        }
    }
}
