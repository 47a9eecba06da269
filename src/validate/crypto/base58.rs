//! Base58 and Base58Check (Bitcoin's encoding, also used by Litecoin, Tron, XRP with its
//! own alphabet, and Solana without the check): big-endian base-58 digits, each leading
//! "zero" character standing for one leading zero byte; Base58Check appends the first four
//! bytes of SHA-256(SHA-256(payload)).

/// Bitcoin's alphabet (no `0`, `O`, `I`, `l`).
pub const BITCOIN_ALPHABET: &[u8; 58] =
    b"123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

/// The XRP Ledger's alphabet (same characters, different order, so addresses start with `r`).
pub const RIPPLE_ALPHABET: &[u8; 58] =
    b"rpshnaf39wBUDNEGHJKLM4PQRST7VWXYZ2bcdeCg65jkm8oFqi1tuvAxyz";

/// Decodes `s`; `Err` carries the first character outside the alphabet. Inputs are bounded
/// by the caller (the crypto module's byte limit), so the quadratic conversion is cheap.
pub fn decode(s: &str, alphabet: &[u8; 58]) -> Result<Vec<u8>, char> {
    let mut bytes: Vec<u8> = Vec::with_capacity(s.len());
    let mut leading_zeros = 0usize;
    let mut seen_non_zero = false;
    for c in s.chars() {
        let value = u8::try_from(c)
            .ok()
            .and_then(|b| alphabet.iter().position(|&a| a == b))
            .ok_or(c)?;
        if value == 0 && !seen_non_zero {
            leading_zeros += 1;
            continue;
        }
        seen_non_zero = true;
        // bytes holds the number little-endian; multiply by 58 and add the digit.
        let mut carry = value as u32;
        for byte in bytes.iter_mut() {
            carry += u32::from(*byte) * 58;
            *byte = (carry & 0xff) as u8;
            carry >>= 8;
        }
        while carry > 0 {
            bytes.push((carry & 0xff) as u8);
            carry >>= 8;
        }
    }
    bytes.resize(bytes.len() + leading_zeros, 0);
    bytes.reverse();
    Ok(bytes)
}

/// The Base58Check checksum of `payload`: the first four bytes of SHA-256(SHA-256(payload)).
pub fn checksum(payload: &[u8]) -> [u8; 4] {
    let digest = crate::sha256::digest(&crate::sha256::digest(payload));
    [digest[0], digest[1], digest[2], digest[3]]
}

/// A decoded Base58Check string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked {
    /// Everything before the four checksum bytes (version byte(s) and data).
    pub payload: Vec<u8>,
    /// Whether the checksum verifies.
    pub checksum_ok: bool,
}

/// Decodes a Base58Check string; `Err` carries the first character outside the alphabet.
/// Strings shorter than the checksum decode with `checksum_ok: false`.
pub fn decode_check(s: &str, alphabet: &[u8; 58]) -> Result<Checked, char> {
    let bytes = decode(s, alphabet)?;
    let Some(split) = bytes.len().checked_sub(4) else {
        return Ok(Checked {
            payload: bytes,
            checksum_ok: false,
        });
    };
    let (payload, check) = bytes.split_at(split);
    Ok(Checked {
        checksum_ok: checksum(payload) == check,
        payload: payload.to_vec(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_known_strings() {
        // "Hello World!" in Base58 (draft-msporny-base58 test vector).
        assert_eq!(
            decode("2NEpo7TZRRrLZSi2U", BITCOIN_ALPHABET).unwrap(),
            b"Hello World!"
        );
        // Leading zeros: "11" is two zero bytes.
        assert_eq!(decode("11", BITCOIN_ALPHABET).unwrap(), vec![0, 0]);
        assert_eq!(decode("0", BITCOIN_ALPHABET), Err('0'));
        assert_eq!(decode("", BITCOIN_ALPHABET).unwrap(), Vec::<u8>::new());
    }

    #[test]
    fn checks_the_genesis_address() {
        // The genesis block's coinbase address.
        let c = decode_check("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", BITCOIN_ALPHABET).unwrap();
        assert!(c.checksum_ok);
        assert_eq!(c.payload.len(), 21);
        assert_eq!(c.payload[0], 0);
        let bad = decode_check("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb", BITCOIN_ALPHABET).unwrap();
        assert!(!bad.checksum_ok);
    }
}
