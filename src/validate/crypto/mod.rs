//! Crypto wallet addresses: [`validate`] recognises the network of an address or checks it
//! against a stated network.
//!
//! | network (`details.network`) | forms accepted (`details.kind`) |
//! |---|---|
//! | `bitcoin` | Base58Check `1…` (`p2pkh`), `3…` (`p2sh`); `bc1` SegWit: BIP-173 Bech32 v0 (`p2wpkh`, `p2wsh`), BIP-350 Bech32m v1 (`p2tr`) and v2-16 (`witness_v<n>`) |
//! | `bitcoin_testnet` | `m…`/`n…`, `2…`, `tb1…` |
//! | `litecoin` | `L…` (`p2pkh`), `M…` and legacy `3…` (`p2sh`), `ltc1…` SegWit |
//! | `bitcoin_cash` | CashAddr with optional `bitcoincash:` prefix (`p2pkh`, `p2sh`, token-aware `p2pkh_tokens`/`p2sh_tokens`; `encoding` = `cashaddr`), legacy `1…`/`3…` (`encoding` = `base58`) |
//! | `ethereum` (every EVM chain) | `0x` + 40 hex digits; the EIP-55 mixed-case checksum is enforced when letters of both cases appear (`checksum` = `eip55` or `none`); `value` is the EIP-55 form |
//! | `tron` | Base58Check with version byte 0x41 (`T…`) |
//! | `xrp` | Base58Check in the XRP Ledger alphabet, version 0x00 (`r…`) |
//! | `solana` | Base58 decoding to exactly 32 bytes (an Ed25519 key or program address; no checksum exists) |
//!
//! Without a network the first network that accepts the address wins and
//! `details.also_valid_for` lists the others that accept the same string (a legacy `1…`
//! address is valid on Bitcoin and Bitcoin Cash). With a network, an address valid only
//! elsewhere is `network_mismatch`. An address that carries a network's marker but fails
//! gets that network's precise error (`invalid_checksum` for a mistyped character);
//! anything unrecognised is `unknown_network`. Network names are case-insensitive and
//! accept common aliases (`btc`, `eth`, `evm`, `polygon`, `bsc`, `trx`, `ltc`, `bch`,
//! `ripple`, `sol`, `testnet`); an unsupported name is `unknown_network` on the
//! `crypto_network` field. Inputs over [`MAX_INPUT_BYTES`] are `too_long`.

pub mod base58;
pub mod bech32;
pub mod cashaddr;
pub mod keccak;

use super::error::{ErrorCode, Field, FieldResult, Normalized, ValidationError};
use super::fold::{fold, FoldRules};
use super::text::{quote_char, quote_str};
use base58::{BITCOIN_ALPHABET, RIPPLE_ALPHABET};

/// Longest accepted input in UTF-8 bytes (the longest address, a prefixed CashAddr for a
/// 512-bit hash, is 124 characters; a Bech32 string is at most 90).
pub const MAX_INPUT_BYTES: usize = 256;

const RULES: FoldRules = FoldRules {
    max_bytes: MAX_INPUT_BYTES,
    drop: b"",
    uppercase: false,
};

/// A supported network.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Network {
    /// Bitcoin mainnet.
    Bitcoin,
    /// Bitcoin testnet and signet.
    BitcoinTestnet,
    /// Ethereum and every EVM chain (same address format).
    Ethereum,
    /// Tron.
    Tron,
    /// Litecoin.
    Litecoin,
    /// Bitcoin Cash.
    BitcoinCash,
    /// XRP Ledger.
    Xrp,
    /// Solana.
    Solana,
}

impl Network {
    /// Every network, in detection order.
    pub const ALL: [Network; 8] = [
        Network::Ethereum,
        Network::Bitcoin,
        Network::BitcoinTestnet,
        Network::Litecoin,
        Network::BitcoinCash,
        Network::Tron,
        Network::Xrp,
        Network::Solana,
    ];

    /// The name used in `details.network`.
    pub fn name(self) -> &'static str {
        match self {
            Network::Bitcoin => "bitcoin",
            Network::BitcoinTestnet => "bitcoin_testnet",
            Network::Ethereum => "ethereum",
            Network::Tron => "tron",
            Network::Litecoin => "litecoin",
            Network::BitcoinCash => "bitcoin_cash",
            Network::Xrp => "xrp",
            Network::Solana => "solana",
        }
    }

    /// The network for a name or common alias (case-insensitive, `-` or space as `_`).
    pub fn from_name(name: &str) -> Option<Network> {
        let n = name.trim().to_ascii_lowercase().replace(['-', ' '], "_");
        Some(match n.as_str() {
            "bitcoin" | "btc" => Network::Bitcoin,
            "bitcoin_testnet" | "testnet" | "btc_testnet" | "tbtc" | "signet" => {
                Network::BitcoinTestnet
            }
            "ethereum" | "eth" | "evm" | "polygon" | "matic" | "bsc" | "bnb" | "arbitrum"
            | "optimism" | "base" | "avalanche" | "avax" => Network::Ethereum,
            "tron" | "trx" => Network::Tron,
            "litecoin" | "ltc" => Network::Litecoin,
            "bitcoin_cash" | "bitcoincash" | "bch" => Network::BitcoinCash,
            "xrp" | "ripple" | "xrpl" => Network::Xrp,
            "solana" | "sol" => Network::Solana,
            _ => return None,
        })
    }
}

/// A parse failure: whether the input carried the network's marker (prefix, version byte,
/// separator), and the error to report for it.
struct Failure {
    claimed: bool,
    error: ValidationError,
}

type Parsed = Result<Normalized, Failure>;

fn fail(claimed: bool, code: ErrorCode, message: impl Into<String>) -> Failure {
    Failure {
        claimed,
        error: ValidationError::new(Field::CryptoAddress, code, message),
    }
}

fn address(network: Network, kind: &str, value: String) -> Normalized {
    Normalized::new(value)
        .with_detail("network", network.name())
        .with_detail("kind", kind)
}

/// Validates a wallet address, optionally against a stated network (see the module
/// documentation).
pub fn validate(input: &str, network: Option<&str>) -> FieldResult {
    let wanted = match network.map(str::trim).filter(|n| !n.is_empty()) {
        Some(name) => Some(Network::from_name(name).ok_or_else(|| {
            ValidationError::new(
                Field::CryptoNetwork,
                ErrorCode::UnknownNetwork,
                format!("network {} is not supported", quote_str(name)),
            )
        })?),
        None => None,
    };
    let s = fold(input, Field::CryptoAddress, RULES)?;
    match wanted {
        Some(net) => match parse(net, &s) {
            Ok(n) => Ok(n),
            Err(failure) => {
                let elsewhere = Network::ALL
                    .iter()
                    .find(|&&other| other != net && parse(other, &s).is_ok());
                match elsewhere {
                    Some(other) => Err(ValidationError::new(
                        Field::CryptoAddress,
                        ErrorCode::NetworkMismatch,
                        format!(
                            "a valid {} address, not a {} address",
                            other.name(),
                            net.name()
                        ),
                    )),
                    None => Err(failure.error),
                }
            }
        },
        None => detect(&s),
    }
}

/// Tries every network; see the module documentation.
fn detect(s: &str) -> FieldResult {
    let mut found: Option<Normalized> = None;
    let mut also = Vec::new();
    let mut claimed: Option<ValidationError> = None;
    for net in Network::ALL {
        match parse(net, s) {
            Ok(n) if found.is_none() => found = Some(n),
            Ok(_) => also.push(net.name()),
            Err(f) if f.claimed => {
                if claimed
                    .as_ref()
                    .map_or(true, |c| rank(f.error.code) > rank(c.code))
                {
                    claimed = Some(f.error);
                }
            }
            Err(_) => {}
        }
    }
    if let Some(mut n) = found {
        if !also.is_empty() {
            n = n.with_detail("also_valid_for", also.join(","));
        }
        return Ok(n);
    }
    Err(claimed.unwrap_or_else(|| {
        ValidationError::new(
            Field::CryptoAddress,
            ErrorCode::UnknownNetwork,
            "not an address of any supported network",
        )
    }))
}

/// Which claimed error to prefer: the one that got furthest.
fn rank(code: ErrorCode) -> u8 {
    match code {
        ErrorCode::InvalidChecksum => 4,
        ErrorCode::InvalidLength => 3,
        ErrorCode::InvalidFormat => 2,
        ErrorCode::InvalidCharacter => 1,
        _ => 0,
    }
}

fn parse(net: Network, s: &str) -> Parsed {
    match net {
        Network::Bitcoin => bitcoin_like(s, &BITCOIN),
        Network::BitcoinTestnet => bitcoin_like(s, &BITCOIN_TESTNET),
        Network::Litecoin => bitcoin_like(s, &LITECOIN),
        Network::BitcoinCash => bitcoin_cash(s),
        Network::Ethereum => ethereum(s),
        Network::Tron => tron(s),
        Network::Xrp => xrp(s),
        Network::Solana => solana(s),
    }
}

// ---- Bitcoin, its testnet and Litecoin: Base58Check versions and a SegWit prefix ----

/// Address parameters of a Bitcoin-like chain (from each project's chainparams).
struct Chain {
    network: Network,
    /// SegWit human-readable part.
    hrp: &'static str,
    /// Base58Check version bytes for P2PKH.
    p2pkh: &'static [u8],
    /// Base58Check version bytes for P2SH.
    p2sh: &'static [u8],
    /// First characters those versions produce (to claim mistyped addresses).
    leading: &'static [char],
}

const BITCOIN: Chain = Chain {
    network: Network::Bitcoin,
    hrp: "bc",
    p2pkh: &[0x00],
    p2sh: &[0x05],
    leading: &['1', '3'],
};
const BITCOIN_TESTNET: Chain = Chain {
    network: Network::BitcoinTestnet,
    hrp: "tb",
    p2pkh: &[0x6f],
    p2sh: &[0xc4],
    leading: &['m', 'n', '2'],
};
const LITECOIN: Chain = Chain {
    network: Network::Litecoin,
    hrp: "ltc",
    p2pkh: &[0x30],
    // 0x32 (`M…`) since Litecoin 0.15; 0x05 (`3…`) before, still accepted by wallets.
    p2sh: &[0x32, 0x05],
    leading: &['L', 'M'],
};

fn bitcoin_like(s: &str, chain: &Chain) -> Parsed {
    let prefix = format!("{}1", chain.hrp);
    if s.len() > prefix.len()
        && s.get(..prefix.len())
            .is_some_and(|p| p.eq_ignore_ascii_case(&prefix))
    {
        return segwit(s, chain);
    }
    // A well-formed Bech32 string for another prefix is a wrong network, not bad Base58.
    if let Ok(other) = bech32::decode(s) {
        return Err(fail(
            false,
            ErrorCode::InvalidFormat,
            format!(
                "a SegWit address for prefix {}, not {} ({})",
                quote_str(&other.hrp),
                quote_str(chain.hrp),
                chain.network.name()
            ),
        ));
    }
    let claimed_by_lead = s.starts_with(chain.leading) && (25..=35).contains(&s.len());
    let decoded = match base58::decode_check(s, BITCOIN_ALPHABET) {
        Ok(d) => d,
        Err(c) => {
            return Err(fail(
                claimed_by_lead,
                ErrorCode::InvalidCharacter,
                format!("{} is not a Base58 character", quote_char(c)),
            ))
        }
    };
    let version = decoded.payload.first().copied();
    let kind = match version {
        Some(v) if chain.p2pkh.contains(&v) => "p2pkh",
        Some(v) if chain.p2sh.contains(&v) => "p2sh",
        _ => {
            return Err(fail(
                false,
                ErrorCode::InvalidFormat,
                format!("not a {} address", chain.network.name()),
            ))
        }
    };
    if decoded.payload.len() != 21 {
        return Err(fail(
            claimed_by_lead,
            ErrorCode::InvalidLength,
            "a Base58Check address holds a version byte and a 20-byte hash",
        ));
    }
    if !decoded.checksum_ok {
        return Err(fail(
            true,
            ErrorCode::InvalidChecksum,
            "the Base58Check checksum does not verify (mistyped character?)",
        ));
    }
    Ok(address(chain.network, kind, s.to_string()).with_detail("encoding", "base58"))
}

fn segwit(s: &str, chain: &Chain) -> Parsed {
    use bech32::Error as E;
    let claim = |code, msg: &str| Err(fail(true, code, msg.to_string()));
    let decoded = match bech32::decode(s) {
        Ok(d) => d,
        Err(E::MixedCase) => return claim(ErrorCode::InvalidFormat, "mixed upper and lower case"),
        Err(E::InvalidCharacter(c)) => {
            return claim(
                ErrorCode::InvalidCharacter,
                &format!("{} is not a Bech32 character", quote_char(c)),
            )
        }
        Err(E::TooLong) => return claim(ErrorCode::InvalidLength, "longer than 90 characters"),
        Err(E::InvalidChecksum) => {
            return claim(
                ErrorCode::InvalidChecksum,
                "the Bech32/Bech32m checksum does not verify (mistyped character?)",
            )
        }
        Err(_) => return claim(ErrorCode::InvalidFormat, "not a Bech32 string"),
    };
    let witness = match bech32::segwit(&decoded) {
        Ok(w) => w,
        Err(E::WrongVariant) => {
            return claim(
                ErrorCode::InvalidChecksum,
                "wrong checksum variant: witness v0 uses Bech32, v1+ Bech32m (BIP-350)",
            )
        }
        Err(E::InvalidProgramLength) => {
            return claim(ErrorCode::InvalidLength, "invalid witness program length")
        }
        Err(E::InvalidWitnessVersion) => {
            return claim(ErrorCode::InvalidFormat, "invalid witness version")
        }
        Err(_) => return claim(ErrorCode::InvalidFormat, "invalid witness program padding"),
    };
    let kind = match (witness.version, witness.program.len()) {
        (0, 20) => "p2wpkh".to_string(),
        (0, _) => "p2wsh".to_string(),
        (1, 32) => "p2tr".to_string(),
        (v, _) => format!("witness_v{v}"),
    };
    let encoding = match decoded.variant {
        bech32::Variant::Bech32 => "bech32",
        bech32::Variant::Bech32m => "bech32m",
    };
    Ok(address(chain.network, &kind, s.to_ascii_lowercase()).with_detail("encoding", encoding))
}

// ---- Bitcoin Cash ----

/// Lengths of a CashAddr without its prefix: the version byte and a hash of 160, 192, 224,
/// 256, 320, 384, 448 or 512 bits (the specification's size bits 0-7) in 5-bit groups, plus
/// 8 checksum characters. 42 (160 bits) and 61 (256 bits, P2SH32) are the ones in use.
const BARE_CASHADDR_LENGTHS: [usize; 8] = [42, 48, 55, 61, 74, 87, 100, 112];

fn bitcoin_cash(s: &str) -> Parsed {
    let lower = s.to_ascii_lowercase();
    let prefixed = lower.starts_with("bitcoincash:");
    // An unprefixed CashAddr has one of those lengths and starts with q, p, z or r (types
    // 0-3); the prefix may be omitted whatever the hash size.
    let bare = !s.contains(':')
        && BARE_CASHADDR_LENGTHS.contains(&s.len())
        && lower.starts_with(['q', 'p', 'z', 'r']);
    if !prefixed && !bare {
        // Legacy addresses are Bitcoin's Base58Check P2PKH/P2SH.
        return match bitcoin_like(s, &BITCOIN) {
            Ok(n) if n.details.get("encoding").map(String::as_str) == Some("base58") => {
                let kind = n.details.get("kind").cloned().unwrap_or_default();
                Ok(address(Network::BitcoinCash, &kind, n.value).with_detail("encoding", "base58"))
            }
            _ => Err(fail(
                false,
                ErrorCode::InvalidFormat,
                "not a Bitcoin Cash address",
            )),
        };
    }
    use cashaddr::Error as E;
    match cashaddr::decode(s, "bitcoincash") {
        Ok(a) => {
            let kind = match a.kind {
                0 => "p2pkh",
                1 => "p2sh",
                2 => "p2pkh_tokens",
                _ => "p2sh_tokens",
            };
            let mut n = address(Network::BitcoinCash, kind, a.canonical.clone())
                .with_detail("encoding", "cashaddr");
            n.formatted = Some(a.canonical);
            Ok(n)
        }
        Err(E::InvalidChecksum) => Err(fail(
            true,
            ErrorCode::InvalidChecksum,
            "the CashAddr checksum does not verify (mistyped character?)",
        )),
        Err(E::InvalidCharacter(c)) => Err(fail(
            true,
            ErrorCode::InvalidCharacter,
            format!("{} is not a CashAddr character", quote_char(c)),
        )),
        Err(E::MixedCase) => Err(fail(
            true,
            ErrorCode::InvalidFormat,
            "mixed upper and lower case",
        )),
        Err(_) => Err(fail(
            true,
            ErrorCode::InvalidFormat,
            "not a valid CashAddr payload",
        )),
    }
}

// ---- Ethereum / EVM ----

/// The EIP-55 mixed-case form of 40 lower-case hex digits: a letter is upper case when the
/// matching nibble of Keccak-256(lower-case hex) is 8 or more.
pub fn eip55(hex_lower: &str) -> String {
    let hash = keccak::keccak256(hex_lower.as_bytes());
    hex_lower
        .chars()
        .enumerate()
        .map(|(i, c)| {
            let byte = hash.get(i / 2).copied().unwrap_or(0);
            let nibble = if i % 2 == 0 { byte >> 4 } else { byte & 0x0f };
            if c.is_ascii_alphabetic() && nibble >= 8 {
                c.to_ascii_uppercase()
            } else {
                c
            }
        })
        .collect()
}

fn ethereum(s: &str) -> Parsed {
    let Some(hex) = s.strip_prefix("0x").or_else(|| s.strip_prefix("0X")) else {
        return Err(fail(
            false,
            ErrorCode::InvalidFormat,
            "an EVM address starts with 0x",
        ));
    };
    if let Some(c) = hex.chars().find(|c| !c.is_ascii_hexdigit()) {
        return Err(fail(
            true,
            ErrorCode::InvalidCharacter,
            format!("{} is not a hex digit", quote_char(c)),
        ));
    }
    if hex.len() != 40 {
        return Err(fail(
            true,
            ErrorCode::InvalidLength,
            format!("an EVM address has 40 hex digits, not {}", hex.len()),
        ));
    }
    let lower = hex.to_ascii_lowercase();
    let checksummed = eip55(&lower);
    let mixed =
        hex.bytes().any(|b| b.is_ascii_lowercase()) && hex.bytes().any(|b| b.is_ascii_uppercase());
    if mixed && hex != checksummed {
        return Err(fail(
            true,
            ErrorCode::InvalidChecksum,
            "the EIP-55 mixed-case checksum does not verify (mistyped character?)",
        ));
    }
    let value = format!("0x{checksummed}");
    Ok(address(Network::Ethereum, "account", value)
        .with_detail("checksum", if mixed { "eip55" } else { "none" }))
}

// ---- Tron, XRP, Solana ----

fn tron(s: &str) -> Parsed {
    let claimed = s.starts_with('T') && s.len() == 34;
    let decoded = base58::decode_check(s, BITCOIN_ALPHABET).map_err(|c| {
        fail(
            claimed,
            ErrorCode::InvalidCharacter,
            format!("{} is not a Base58 character", quote_char(c)),
        )
    })?;
    if decoded.payload.first() != Some(&0x41) || decoded.payload.len() != 21 {
        return Err(fail(
            claimed,
            ErrorCode::InvalidFormat,
            "a Tron address is Base58Check of 0x41 and a 20-byte hash",
        ));
    }
    if !decoded.checksum_ok {
        return Err(fail(
            true,
            ErrorCode::InvalidChecksum,
            "the Base58Check checksum does not verify (mistyped character?)",
        ));
    }
    Ok(address(Network::Tron, "account", s.to_string()))
}

fn xrp(s: &str) -> Parsed {
    let claimed = s.starts_with('r') && (25..=35).contains(&s.len());
    let decoded = base58::decode_check(s, RIPPLE_ALPHABET).map_err(|c| {
        fail(
            claimed,
            ErrorCode::InvalidCharacter,
            format!("{} is not an XRP Base58 character", quote_char(c)),
        )
    })?;
    if decoded.payload.first() != Some(&0x00) || decoded.payload.len() != 21 {
        return Err(fail(
            claimed,
            ErrorCode::InvalidFormat,
            "an XRP address is Base58Check of 0x00 and a 20-byte account ID",
        ));
    }
    if !decoded.checksum_ok {
        return Err(fail(
            true,
            ErrorCode::InvalidChecksum,
            "the Base58Check checksum does not verify (mistyped character?)",
        ));
    }
    Ok(address(Network::Xrp, "account", s.to_string()))
}

fn solana(s: &str) -> Parsed {
    // Solana addresses are 32-44 Base58 characters; they have no checksum and no marker,
    // so they are never "claimed": a near miss is reported as unknown_network.
    if !(32..=44).contains(&s.len()) {
        return Err(fail(
            false,
            ErrorCode::InvalidLength,
            "a Solana address has 32-44 characters",
        ));
    }
    match base58::decode(s, BITCOIN_ALPHABET) {
        Ok(bytes) if bytes.len() == 32 => Ok(address(Network::Solana, "account", s.to_string())),
        Ok(_) => Err(fail(
            false,
            ErrorCode::InvalidLength,
            "a Solana address decodes to 32 bytes",
        )),
        Err(c) => Err(fail(
            false,
            ErrorCode::InvalidCharacter,
            format!("{} is not a Base58 character", quote_char(c)),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // EIP-55 specification test vectors.
    #[test]
    fn eip55_examples() {
        for a in [
            "52908400098527886E0F7030069857D2E4169EE7",
            "8617E340B3D01FA5F11F306F4090FD50E238070D",
            "de709f2102306220921060314715629080e2fb77",
            "27b1fdb04752bbc536007a920d24acb045561c26",
            "5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
            "fB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
            "dbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
            "D1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb",
        ] {
            assert_eq!(eip55(&a.to_ascii_lowercase()), a);
        }
    }

    #[test]
    fn detection_and_mismatch() {
        let n = validate("1BpEi6DfDAUFd7GtittLSdBeYJvcoaVggu", None).unwrap();
        assert_eq!(n.details["network"], "bitcoin");
        assert_eq!(n.details["also_valid_for"], "bitcoin_cash");
        let e = validate("1BpEi6DfDAUFd7GtittLSdBeYJvcoaVggu", Some("eth")).unwrap_err();
        assert_eq!(e.code, ErrorCode::NetworkMismatch);
        let e = validate("1BpEi6DfDAUFd7GtittLSdBeYJvcoaVggu", Some("dogecoin")).unwrap_err();
        assert_eq!(
            (e.field, e.code),
            (Field::CryptoNetwork, ErrorCode::UnknownNetwork)
        );
    }
}
