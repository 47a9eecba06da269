//! CashAddr, Bitcoin Cash's address format (Bitcoin ABC / bitcoincash.org "CashAddr"
//! specification, 2017; token-aware types from CHIP-2022-02 CashTokens): `prefix:payload`
//! with the Bech32 character set, a 40-bit BCH checksum over the prefix's low five bits, a
//! zero separator and the payload; the payload starts with a version byte giving the type
//! (0 P2PKH, 1 P2SH, 2/3 their token-aware forms) and the hash size.

use super::bech32::CHARSET;

const GENERATOR: [u64; 5] = [
    0x98_f2bc_8e61,
    0x79_b76d_99e2,
    0xf3_3e5f_b3c4,
    0xae_2eab_e2a8,
    0x1e_4f43_e470,
];

/// Why a string is not a valid CashAddr.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Error {
    /// Both upper- and lower-case letters.
    MixedCase,
    /// A character outside the Bech32 set.
    InvalidCharacter(char),
    /// Too short, or an empty prefix.
    InvalidStructure,
    /// The checksum does not verify.
    InvalidChecksum,
    /// Unknown type, reserved bit set, hash size not matching, or bad padding.
    InvalidPayload,
}

/// A decoded CashAddr.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CashAddr {
    /// Prefix, lower case (`bitcoincash` on mainnet).
    pub prefix: String,
    /// Address type: 0 P2PKH, 1 P2SH, 2 token-aware P2PKH, 3 token-aware P2SH.
    pub kind: u8,
    /// The hash (20 bytes for the usual 160-bit hashes).
    pub hash: Vec<u8>,
    /// The canonical lower-case form with prefix.
    pub canonical: String,
}

fn polymod(values: impl Iterator<Item = u8>) -> u64 {
    let mut c = 1u64;
    for d in values {
        let c0 = (c >> 35) as u8;
        c = ((c & 0x07_ffff_ffff) << 5) ^ u64::from(d);
        for (i, g) in GENERATOR.iter().enumerate() {
            if (c0 >> i) & 1 == 1 {
                c ^= g;
            }
        }
    }
    c ^ 1
}

/// Decodes a CashAddr; a missing prefix means `default_prefix`.
pub fn decode(s: &str, default_prefix: &str) -> Result<CashAddr, Error> {
    let has_lower = s.bytes().any(|b| b.is_ascii_lowercase());
    let has_upper = s.bytes().any(|b| b.is_ascii_uppercase());
    if has_lower && has_upper {
        return Err(Error::MixedCase);
    }
    let lower = s.to_ascii_lowercase();
    let (prefix, payload) = match lower.split_once(':') {
        Some((p, rest)) => (p.to_string(), rest),
        None => (default_prefix.to_string(), lower.as_str()),
    };
    if prefix.is_empty()
        || !prefix
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    {
        return Err(Error::InvalidStructure);
    }
    let mut values = Vec::with_capacity(payload.len());
    for c in payload.chars() {
        let v = u8::try_from(c)
            .ok()
            .and_then(|b| CHARSET.iter().position(|&x| x == b))
            .ok_or(Error::InvalidCharacter(c))?;
        values.push(v as u8);
    }
    if values.len() <= 8 {
        return Err(Error::InvalidStructure);
    }
    let checked = prefix
        .bytes()
        .map(|b| b & 0x1f)
        .chain(std::iter::once(0))
        .chain(values.iter().copied());
    if polymod(checked) != 0 {
        return Err(Error::InvalidChecksum);
    }
    // safe: more than eight values (checked above).
    let data = &values[..values.len() - 8];
    let bytes = super::bech32::five_to_eight(data).map_err(|_| Error::InvalidPayload)?;
    let (&version, hash) = bytes.split_first().ok_or(Error::InvalidPayload)?;
    let size = match version & 0x07 {
        0 => 20,
        1 => 24,
        2 => 28,
        3 => 32,
        4 => 40,
        5 => 48,
        6 => 56,
        _ => 64,
    };
    let kind = (version >> 3) & 0x0f;
    if version & 0x80 != 0 || kind > 3 || hash.len() != size {
        return Err(Error::InvalidPayload);
    }
    Ok(CashAddr {
        canonical: format!("{prefix}:{payload}"),
        prefix,
        kind,
        hash: hash.to_vec(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    // CashAddr specification example: the same key hash as 1BpEi6DfDAUFd7GtittLSdBeYJvcoaVggu.
    #[test]
    fn specification_example() {
        let a = decode(
            "bitcoincash:qpm2qsznhks23z7629mms6s4cwef74vcwvy22gdx6a",
            "bitcoincash",
        )
        .unwrap();
        assert_eq!(a.kind, 0);
        let hex: String = a.hash.iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(hex, "76a04053bda0a88bda5177b86a15c3b29f559873");
        assert_eq!(
            decode("qpm2qsznhks23z7629mms6s4cwef74vcwvy22gdx6c", "bitcoincash"),
            Err(Error::InvalidChecksum)
        );
    }
}
