//! Bech32 (BIP-173) and Bech32m (BIP-350) strings and SegWit addresses: a human-readable
//! part, the separator `1`, 5-bit data characters from `qpzry9x8gf2tvdw0s3jn54khce6mua7l`
//! and a 6-character BCH checksum whose final constant distinguishes Bech32 (1) from
//! Bech32m (0x2bc830a3). SegWit: witness version 0 uses Bech32 with a 20- or 32-byte
//! program; versions 1-16 use Bech32m with 2-40 bytes.

/// The data character set, indexed by 5-bit value.
pub const CHARSET: &[u8; 32] = b"qpzry9x8gf2tvdw0s3jn54khce6mua7l";

const GENERATOR: [u32; 5] = [
    0x3b6a_57b2,
    0x2650_8e6d,
    0x1ea1_19fa,
    0x3d42_33dd,
    0x2a14_62b3,
];
const BECH32_CONST: u32 = 1;
const BECH32M_CONST: u32 = 0x2bc8_30a3;

/// Which checksum constant verified.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Variant {
    /// BIP-173 Bech32.
    Bech32,
    /// BIP-350 Bech32m.
    Bech32m,
}

/// Why a string is not valid Bech32/Bech32m or not a valid SegWit address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Error {
    /// Both upper- and lower-case letters.
    MixedCase,
    /// A character outside the data set (or outside printable ASCII).
    InvalidCharacter(char),
    /// No `1` separator, empty human-readable part, or fewer than six checksum characters.
    InvalidStructure,
    /// More than 90 characters.
    TooLong,
    /// Neither checksum constant verifies.
    InvalidChecksum,
    /// Witness version above 16 or missing.
    InvalidWitnessVersion,
    /// Program length outside 2-40 bytes, or not 20/32 for version 0.
    InvalidProgramLength,
    /// Version 0 with Bech32m, or version 1+ with Bech32.
    WrongVariant,
    /// Non-zero or over-long padding in the 5-to-8-bit conversion.
    InvalidPadding,
}

/// A decoded Bech32/Bech32m string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// Human-readable part, lower case.
    pub hrp: String,
    /// Data part as 5-bit values, checksum removed.
    pub data: Vec<u8>,
    /// Checksum variant.
    pub variant: Variant,
}

fn polymod(values: impl Iterator<Item = u8>) -> u32 {
    let mut chk = 1u32;
    for v in values {
        let top = chk >> 25;
        chk = ((chk & 0x01ff_ffff) << 5) ^ u32::from(v);
        for (i, g) in GENERATOR.iter().enumerate() {
            if (top >> i) & 1 == 1 {
                chk ^= g;
            }
        }
    }
    chk
}

fn hrp_expand(hrp: &[u8]) -> impl Iterator<Item = u8> + '_ {
    hrp.iter()
        .map(|c| c >> 5)
        .chain(std::iter::once(0))
        .chain(hrp.iter().map(|c| c & 31))
}

/// Decodes a Bech32 or Bech32m string (BIP-173 §Bech32, BIP-350).
pub fn decode(s: &str) -> Result<Decoded, Error> {
    if let Some(bad) = s.chars().find(|c| !(' '..='~').contains(c) || *c == ' ') {
        return Err(Error::InvalidCharacter(bad));
    }
    let has_lower = s.bytes().any(|b| b.is_ascii_lowercase());
    let has_upper = s.bytes().any(|b| b.is_ascii_uppercase());
    if has_lower && has_upper {
        return Err(Error::MixedCase);
    }
    if s.len() > 90 {
        return Err(Error::TooLong);
    }
    let lower = s.to_ascii_lowercase();
    let Some(sep) = lower.rfind('1') else {
        return Err(Error::InvalidStructure);
    };
    let (hrp, data_part) = (&lower[..sep], &lower[sep + 1..]);
    if hrp.is_empty() || data_part.len() < 6 {
        return Err(Error::InvalidStructure);
    }
    let mut data = Vec::with_capacity(data_part.len());
    for c in data_part.chars() {
        let v = u8::try_from(c)
            .ok()
            .and_then(|b| CHARSET.iter().position(|&x| x == b))
            .ok_or(Error::InvalidCharacter(c))?;
        data.push(v as u8);
    }
    let variant = match polymod(hrp_expand(hrp.as_bytes()).chain(data.iter().copied())) {
        BECH32_CONST => Variant::Bech32,
        BECH32M_CONST => Variant::Bech32m,
        _ => return Err(Error::InvalidChecksum),
    };
    // safe: `data` has one value per data character, at least six (checked above).
    data.truncate(data.len() - 6);
    Ok(Decoded {
        hrp: hrp.to_string(),
        data,
        variant,
    })
}

/// Regroups 5-bit values into bytes, rejecting more than 4 padding bits or non-zero padding.
pub fn five_to_eight(data: &[u8]) -> Result<Vec<u8>, Error> {
    let mut acc = 0u32;
    let mut bits = 0u32;
    let mut out = Vec::with_capacity(data.len() / 8 * 5 + 4);
    for &v in data {
        acc = (acc << 5) | u32::from(v);
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push(((acc >> bits) & 0xff) as u8);
        }
    }
    if bits >= 5 || (acc & ((1 << bits) - 1)) != 0 {
        return Err(Error::InvalidPadding);
    }
    Ok(out)
}

/// A SegWit output: witness version and program.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Witness {
    /// Witness version 0-16.
    pub version: u8,
    /// Witness program, 2-40 bytes.
    pub program: Vec<u8>,
}

/// Interprets a decoded string as a SegWit address (BIP-173 §Segwit address format, with
/// BIP-350's variant rule).
pub fn segwit(decoded: &Decoded) -> Result<Witness, Error> {
    let (&version, program5) = decoded
        .data
        .split_first()
        .ok_or(Error::InvalidWitnessVersion)?;
    if version > 16 {
        return Err(Error::InvalidWitnessVersion);
    }
    let program = five_to_eight(program5)?;
    if !(2..=40).contains(&program.len()) || (version == 0 && ![20, 32].contains(&program.len())) {
        return Err(Error::InvalidProgramLength);
    }
    let expected = if version == 0 {
        Variant::Bech32
    } else {
        Variant::Bech32m
    };
    if decoded.variant != expected {
        return Err(Error::WrongVariant);
    }
    Ok(Witness { version, program })
}

#[cfg(test)]
mod tests {
    use super::*;

    // BIP-173 / BIP-350 valid checksum test vectors (not addresses).
    #[test]
    fn valid_checksums() {
        for s in [
            "A12UEL5L",
            "a12uel5l",
            "abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw",
        ] {
            assert_eq!(decode(s).unwrap().variant, Variant::Bech32, "{s}");
        }
        for s in [
            "A1LQFN3A",
            "a1lqfn3a",
            "abcdef1l7aum6echk45nj3s0wdvt2fg8x9yrzpqzd3ryx",
        ] {
            assert_eq!(decode(s).unwrap().variant, Variant::Bech32m, "{s}");
        }
    }

    // BIP-173 invalid checksum test vectors.
    #[test]
    fn invalid_strings() {
        assert_eq!(decode("pzry9x0s0muk"), Err(Error::InvalidStructure));
        assert_eq!(decode("1pzry9x0s0muk"), Err(Error::InvalidStructure));
        assert_eq!(decode("x1b4n0q5v"), Err(Error::InvalidCharacter('b')));
        assert_eq!(decode("li1dgmt3"), Err(Error::InvalidStructure));
        assert_eq!(decode("A1G7SGD8"), Err(Error::InvalidChecksum));
        assert_eq!(decode("10a06t8"), Err(Error::InvalidStructure));
        assert_eq!(decode("1qzzfhee"), Err(Error::InvalidStructure));
    }
}
