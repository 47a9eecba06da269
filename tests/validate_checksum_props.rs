//! Property tests of the checksummed formats (issue 12): every valid number a generator
//! builds passes its validator, and every single-digit change fails it, or, where the
//! specification itself cannot promise that, exactly what it does promise (listed below).
//!
//! Each generator draws a random payload and computes the check digit(s) with an
//! implementation written here, from the specification, independently of `src/validate`
//! (the validators' own checksum modules are not used). One exception: the EIP-55 case
//! pattern needs Keccak-256, and re-implementing a hash in a test is not a reasonable
//! independent check, so it uses the crate's `crypto::keccak::keccak256` (itself tested
//! against the Keccak test vectors in its module); Base58Check uses the `sha2` crate.
//!
//! What a check digit can promise, by specification, for a **single-digit substitution**
//! (one digit replaced by another digit):
//! - mod 97 (IBAN, ISO 7064 MOD 97-10; FR NIR, INSEE key 97 − n mod 97 with Corsica's 2A/2B
//!   read as 19/18), mod 10 with weights prime to 10 (Luhn; PESEL 1-3-7-9; TCKN's second
//!   digit; ICAO 9303's 7-3-1 on the MRZ fields, where a digit can only be replaced by a
//!   digit; TD1, TD2 and TD3, where the composite also covers the optional data, and a
//!   TD1 document number longer than 9 characters, Part 5 note j), Verhoeff, ISO 7064
//!   MOD 11-2 (CN resident ID, GB 11643-1999) and MOD 11,10 (DE IdNr, §139b AO / BZSt),
//!   mod 11 with non-zero weights and a check value for every remainder (BSN elfproef,
//!   TFN, RUT with `K`) or with the value 10 never issued (NO fødselsnummer,
//!   Folkeregisteret: both digits), mod 23 (DNI/NIE; IE PPSN, weights 8..2 and 9 for a
//!   2013-format second letter A/B/H, whose changes are caught too, while the older W, T, X
//!   and no letter all count 0 and are interchangeable: asserted both ways), mod 31 (HETU), mod 26 with a permutation table
//!   (IT codice fiscale, D.M. 23/12/1976): every substitution is caught (the changed sum
//!   differs by `d × w`, and `0 < |d| < m`, `w` prime to `m`, so it is not `≡ 0 (mod m)`).
//!   Asserted for each. For the codice fiscale the test also asserts every single
//!   *character* substitution, letters and omocodia letters included.
//! - Base58Check (4 bytes of double SHA-256; Bitcoin `1…`/`3…`, testnet, Litecoin `L…`/`M…`/
//!   `3…`, Tron with version 0x41, XRP with the XRP Ledger alphabet, Bitcoin Cash legacy):
//!   a change is caught except with probability 2^-32; asserted (a failure would be a
//!   1-in-4-billion event, not flakiness: the seeds are fixed). Bech32 (BIP-173) and
//!   Bech32m (BIP-350; `bc1`, `tb1`, `ltc1`): BCH codes that detect any error in up to 4
//!   characters; asserted. CashAddr (bitcoincash.org specification, 2017): a 40-bit BCH
//!   code over the prefix and payload that detects any error in a few characters (the
//!   specification says up to 6); asserted for every hash size, with and without the
//!   prefix, in both cases (this found that an unprefixed CashAddr was refused unless its
//!   hash was 160 bits; fixed in `crypto::bitcoin_cash`, the specification's larger test
//!   vectors added to `tests/vectors/crypto_bitcoin_cash.tsv`). For these the test also
//!   asserts one random single-character substitution per case.
//!   EIP-55: the case of each letter comes from the Keccak hash, so a changed digit is
//!   caught unless the new hash happens to give every letter the case it has (probability
//!   2^-letters, 0.0247% on average by EIP-55's own estimate, and seen in practice on
//!   addresses with few letters): the test asserts that the validator accepts a changed
//!   address exactly when the independent EIP-55 computation does.
//! - Brazil's CPF (Receita Federal: `11 − (sum mod 11)`, and 10 or 11 become 0) maps
//!   remainders 0 and 1 to the same digit, so the specification itself lets some
//!   substitutions through. For CPF the test asserts what the specification guarantees:
//!   the validator accepts a changed number **only** when the independent computation
//!   says its two check digits are right (never more), and it rejects every change of
//!   a check digit itself. The same holds, and is asserted the same way, for:
//!   - BR CNPJ (numeric and the 2026 alphanumeric form, IN RFB 2229/2024): remainders 0
//!     and 1 both give 0;
//!   - KR RRN: `(11 − r) mod 10` gives 1 for r = 0 and r = 10; and people born from
//!     September 2020 get random numbers without a check digit (Resident Registration Act,
//!     numbers issued from 2020-10-05), so a change that moves the birth date there needs
//!     no check digit at all;
//!   - MX CURP (RENAPO): weights 18..2 mod 10, so a change at weight 10 (the first day
//!     digit) is invisible and a change by 5 at an even weight too;
//!   - BE national number (Rijksregister): 97 − n mod 97 catches every change for a given
//!     century, but the number does not say whether it is the check over n (born before
//!     2000) or over 2 ‖ n (from 2000), so the validator accepts either; a change can land
//!     exactly on the other century's check (e.g. a birth in 2012 read as 1918). The test
//!     asserts that a change is accepted only when it verifies for the *other* century.
//! - DK CPR: CPR-kontoret abandoned the mod-11 check in 2007 (numbers failing it are
//!   issued), and the validator checks only the date and century. No single-digit property
//!   can hold; the test asserts the documented rule instead: every last digit is accepted,
//!   although at most one of the ten satisfies the old mod-11 rule.
//! - Machine readable visas (ICAO Doc 9303 Part 7, MRV-A and MRV-B) have no composite
//!   check digit, so their optional data is unprotected: the test asserts that a change
//!   there is accepted and every other single-digit change is caught.
//! - Not covered because they carry no check digit: GB NINO, US SSN, IN PAN (its check
//!   letter's algorithm is not published), Solana (plain Base58 of a 32-byte key).

// Native only: proptest (wasm has none).
#![cfg(not(target_arch = "wasm32"))]

use kyc_check::validate::validate_format;
use proptest::prelude::*;
use sha2::{Digest, Sha256};

fn valid(format: &str, input: &str) -> bool {
    matches!(validate_format(format, input), Some(Ok(_)))
}

/// Every string obtained by replacing one ASCII digit of `s` with another digit.
fn single_digit_changes(s: &str) -> Vec<(usize, String)> {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    for (i, &b) in bytes.iter().enumerate() {
        if !b.is_ascii_digit() {
            continue;
        }
        for d in b'0'..=b'9' {
            if d != b {
                let mut v = bytes.to_vec();
                v[i] = d;
                out.push((i, String::from_utf8(v).unwrap_or_default()));
            }
        }
    }
    out
}

/// Asserts that `value` is valid and that every single-digit change of it is not.
fn assert_checksum_catches_every_change(format: &str, value: &str) -> Result<(), TestCaseError> {
    prop_assert!(
        valid(format, value),
        "{format}: generated {value:?} is refused"
    );
    for (_, changed) in single_digit_changes(value) {
        prop_assert!(
            !valid(format, &changed),
            "{format}: {value:?} changed to {changed:?} still passes"
        );
    }
    Ok(())
}

fn digits(v: &[u8]) -> String {
    v.iter().map(|d| char::from(b'0' + d)).collect()
}

fn weighted(ds: &[u8], weights: &[u32]) -> u32 {
    ds.iter()
        .zip(weights)
        .map(|(&d, &w)| u32::from(d) * w)
        .sum()
}

// --- independent check-digit computations ---

/// ISO 13616 / ISO 7064 MOD 97-10 check digits of an IBAN with `country` and `bban`.
fn iban_with_check(country: &str, bban: &str) -> String {
    let rearranged = format!("{bban}{country}00");
    let mut rem: u32 = 0;
    for c in rearranged.chars() {
        let v = c.to_digit(36).unwrap_or(0);
        rem = if v >= 10 {
            (rem * 100 + v) % 97
        } else {
            (rem * 10 + v) % 97
        };
    }
    format!("{country}{:02}{bban}", 98 - rem)
}

/// Luhn check digit of `payload`.
fn luhn(payload: &[u8]) -> u8 {
    let sum: u32 = payload
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &d)| {
            let d = u32::from(d);
            if i % 2 == 0 {
                let x = d * 2;
                if x > 9 {
                    x - 9
                } else {
                    x
                }
            } else {
                d
            }
        })
        .sum();
    ((10 - sum % 10) % 10) as u8
}

/// Verhoeff check digit (dihedral group D5).
fn verhoeff(payload: &[u8]) -> u8 {
    const D: [[u8; 10]; 10] = [
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
        [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
        [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
        [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
        [4, 0, 1, 2, 3, 9, 5, 6, 7, 8],
        [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
        [6, 5, 9, 8, 7, 1, 0, 4, 3, 2],
        [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
        [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
        [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
    ];
    const P: [[u8; 10]; 8] = [
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
        [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
        [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
        [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
        [9, 4, 5, 3, 1, 2, 6, 8, 7, 0],
        [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
        [2, 7, 9, 3, 8, 0, 6, 4, 1, 5],
        [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
    ];
    const INV: [u8; 10] = [0, 4, 3, 2, 1, 5, 6, 7, 8, 9];
    let mut c = 0u8;
    for (i, &d) in payload.iter().rev().enumerate() {
        c = D[c as usize][P[(i + 1) % 8][d as usize] as usize];
    }
    INV[c as usize]
}

const DNI_LETTERS: &[u8; 23] = b"TRWAGMYFPDXBNJZSQVHLCKE";
const HETU_CHARS: &[u8; 31] = b"0123456789ABCDEFHJKLMNPRSTUVWXY";

fn number(ds: &[u8]) -> u64 {
    ds.iter().fold(0u64, |n, &d| n * 10 + u64::from(d))
}

/// Bech32 (BIP-173) checksum polymod.
fn bech32_polymod(values: &[u8]) -> u32 {
    const GEN: [u32; 5] = [
        0x3b6a_57b2,
        0x2650_8e6d,
        0x1ea1_19fa,
        0x3d42_33dd,
        0x2a14_62b3,
    ];
    let mut chk: u32 = 1;
    for &v in values {
        let top = chk >> 25;
        chk = ((chk & 0x1ff_ffff) << 5) ^ u32::from(v);
        for (i, g) in GEN.iter().enumerate() {
            if (top >> i) & 1 == 1 {
                chk ^= g;
            }
        }
    }
    chk
}

/// Regroups bytes into 5-bit values, big-endian, the last group zero-padded (BIP-173 and
/// CashAddr `convertbits(8, 5, pad = true)`).
fn to_five_bit(bytes: &[u8]) -> Vec<u8> {
    let (mut acc, mut bits) = (0u32, 0u32);
    let mut out = Vec::new();
    for &b in bytes {
        acc = (acc << 8) | u32::from(b);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(((acc >> bits) & 31) as u8);
        }
    }
    if bits > 0 {
        out.push(((acc << (5 - bits)) & 31) as u8);
    }
    out
}

/// The Bech32 character set (BIP-173), shared by CashAddr.
const BECH32_CHARSET: &[u8; 32] = b"qpzry9x8gf2tvdw0s3jn54khce6mua7l";

/// A SegWit address (BIP-173; BIP-350 for `bech32m`, whose checksum constant is
/// 0x2bc830a3 instead of 1) for witness `version` and `program`.
fn segwit_address(hrp: &str, version: u8, program: &[u8], bech32m: bool) -> String {
    let mut data = vec![version];
    data.extend(to_five_bit(program));
    let mut values: Vec<u8> = hrp.bytes().map(|b| b >> 5).collect();
    values.push(0);
    values.extend(hrp.bytes().map(|b| b & 31));
    values.extend(&data);
    values.extend([0u8; 6]);
    let constant = if bech32m { 0x2bc8_30a3 } else { 1 };
    let pm = bech32_polymod(&values) ^ constant;
    let checksum = (0..6).map(|i| ((pm >> (5 * (5 - i))) & 31) as u8);
    let mut s = format!("{hrp}1");
    for v in data.into_iter().chain(checksum) {
        s.push(char::from(BECH32_CHARSET[v as usize]));
    }
    s
}

/// A BIP-173 segwit v0 address (`bc1q…`) for a 20-byte witness program.
fn bech32_address(program: &[u8]) -> String {
    segwit_address("bc", 0, program, false)
}

/// Bitcoin's Base58 alphabet (also Litecoin's and Tron's).
const BITCOIN_BASE58: &[u8; 58] = b"123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
/// The XRP Ledger's Base58 alphabet (XRPL documentation, "Base58 encodings").
const RIPPLE_BASE58: &[u8; 58] = b"rpshnaf39wBUDNEGHJKLM4PQRST7VWXYZ2bcdeCg65jkm8oFqi1tuvAxyz";

/// Base58Check of `version ‖ hash` in `alphabet`: the payload followed by the first four
/// bytes of SHA-256(SHA-256(payload)), as a big-endian base-58 number, each leading zero
/// byte written as the alphabet's first character.
fn base58check(version: u8, hash: &[u8], alphabet: &[u8; 58]) -> String {
    let mut payload = vec![version];
    payload.extend_from_slice(hash);
    let check = Sha256::digest(Sha256::digest(&payload));
    payload.extend_from_slice(&check[..4]);
    let zeros = payload.iter().take_while(|&&b| b == 0).count();
    let mut num = payload.clone();
    let mut out = Vec::new();
    while num.iter().any(|&b| b != 0) {
        let mut rem = 0u32;
        for b in num.iter_mut() {
            let cur = (rem << 8) | u32::from(*b);
            *b = (cur / 58) as u8;
            rem = cur % 58;
        }
        out.push(alphabet[rem as usize]);
    }
    out.extend(std::iter::repeat(alphabet[0]).take(zeros));
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// A Base58Check P2PKH address (version 0x00) for a 20-byte hash.
fn base58check_address(hash: &[u8]) -> String {
    base58check(0x00, hash, BITCOIN_BASE58)
}

/// CashAddr checksum polymod (bitcoincash.org CashAddr specification, 2017: a 40-bit BCH
/// code over GF(2^5)); returns the polymod XOR 1 like the specification's `PolyMod`.
fn cashaddr_polymod(values: &[u8]) -> u64 {
    const GEN: [u64; 5] = [
        0x98_f2bc_8e61,
        0x79_b76d_99e2,
        0xf3_3e5f_b3c4,
        0xae_2eab_e2a8,
        0x1e_4f43_e470,
    ];
    let mut c: u64 = 1;
    for &d in values {
        let c0 = c >> 35;
        c = ((c & 0x07_ffff_ffff) << 5) ^ u64::from(d);
        for (i, g) in GEN.iter().enumerate() {
            if (c0 >> i) & 1 == 1 {
                c ^= g;
            }
        }
    }
    c ^ 1
}

/// A `bitcoincash:` CashAddr for type `kind` (0 P2PKH, 1 P2SH, 2 and 3 their CashTokens
/// forms) and a hash of 20, 24, 28, 32, 40, 48, 56 or 64 bytes (size bits 0-7): version
/// byte `kind << 3 | size bits`, payload in 5-bit groups, then 8 checksum characters over
/// the prefix's low 5 bits, a 0 and the payload.
fn cashaddr(kind: u8, hash: &[u8]) -> String {
    let prefix = "bitcoincash";
    let size_bits = match hash.len() {
        20 => 0,
        24 => 1,
        28 => 2,
        32 => 3,
        40 => 4,
        48 => 5,
        56 => 6,
        _ => 7,
    };
    let mut payload = vec![kind << 3 | size_bits];
    payload.extend_from_slice(hash);
    let data = to_five_bit(&payload);
    let mut values: Vec<u8> = prefix.bytes().map(|b| b & 31).collect();
    values.push(0);
    values.extend(&data);
    values.extend([0u8; 8]);
    let pm = cashaddr_polymod(&values);
    let checksum = (0..8).map(|i| ((pm >> (5 * (7 - i))) & 31) as u8);
    let mut s = format!("{prefix}:");
    for v in data.into_iter().chain(checksum) {
        s.push(char::from(BECH32_CHARSET[v as usize]));
    }
    s
}

/// `s` with one character at or after byte `skip` replaced by a different character of
/// `alphabet`: position `pos` and replacement `shift` are reduced modulo what is possible.
fn one_char_change(s: &str, skip: usize, alphabet: &[u8], pos: usize, shift: usize) -> String {
    let mut bytes = s.as_bytes().to_vec();
    let i = skip + pos % (bytes.len() - skip);
    let at = alphabet.iter().position(|&a| a == bytes[i]).unwrap_or(0);
    bytes[i] = alphabet[(at + 1 + shift % (alphabet.len() - 1)) % alphabet.len()];
    String::from_utf8(bytes).unwrap_or_default()
}

/// The EIP-55 mixed-case form of 20 address bytes.
fn eip55(addr: &[u8]) -> String {
    let hex: String = addr.iter().map(|b| format!("{b:02x}")).collect();
    let hash = kyc_check::validate::crypto::keccak::keccak256(hex.as_bytes());
    let mut out = String::from("0x");
    for (i, c) in hex.chars().enumerate() {
        let nibble = (hash[i / 2] >> (if i % 2 == 0 { 4 } else { 0 })) & 0xf;
        out.push(if c.is_ascii_alphabetic() && nibble >= 8 {
            c.to_ascii_uppercase()
        } else {
            c
        });
    }
    out
}

/// ICAO Doc 9303 Part 3 check digit: weights 7, 3, 1 repeating; digits are their value,
/// `A`-`Z` are 10-35, the filler `<` is 0; the sum modulo 10.
fn icao_check(field: &str) -> char {
    let sum: u32 = field
        .bytes()
        .zip([7u32, 3, 1].iter().cycle())
        .map(|(b, w)| {
            let v = match b {
                b'0'..=b'9' => u32::from(b - b'0'),
                b'A'..=b'Z' => u32::from(b - b'A') + 10,
                _ => 0,
            };
            v * w
        })
        .sum();
    char::from(b'0' + (sum % 10) as u8)
}

/// A TD3 (passport) MRZ with every check digit computed here (ICAO Doc 9303 Part 4).
fn td3(document: &str, birth: &str, expiry: &str, personal: &str) -> String {
    let line1 = format!("{:<<44}", "P<UTOERIKSSON<<ANNA<MARIA");
    let doc = format!("{document}{}", icao_check(document));
    let birth = format!("{birth}{}", icao_check(birth));
    let expiry = format!("{expiry}{}", icao_check(expiry));
    let personal = format!("{personal}{}", icao_check(personal));
    let composite = icao_check(&format!("{doc}{birth}{expiry}{personal}"));
    format!("{line1}\n{doc}UTO{birth}F{expiry}{personal}{composite}")
}

/// `field` followed by its ICAO 9303 check digit.
fn with_icao_check(field: &str) -> String {
    format!("{field}{}", icao_check(field))
}

/// A TD1 (ID card, 3 × 30) MRZ with every check digit computed here (ICAO Doc 9303 Part
/// 5): a document number longer than 9 characters follows note j (the first 9 in the
/// number field, `<` in its check position, the rest and the check digit over the whole
/// number at the start of the optional data, then `<`).
fn td1(document: &str, birth: &str, expiry: &str, optional1: &str, optional2: &str) -> String {
    let (number, optional1) = if document.len() <= 9 {
        (
            with_icao_check(&format!("{document:<<9}")),
            optional1.to_string(),
        )
    } else {
        let long = format!("{}{}<{optional1}", &document[9..], icao_check(document));
        (format!("{}<", &document[..9]), long)
    };
    let line1 = format!("I<UTO{number}{:<<15}", optional1)[..30].to_string();
    let line2 = format!(
        "{}F{}UTO{:<<11}",
        with_icao_check(birth),
        with_icao_check(expiry),
        optional2
    );
    let composite = icao_check(&format!(
        "{}{}{}{}",
        &line1[5..30],
        &line2[0..7],
        &line2[8..15],
        &line2[18..29]
    ));
    let line3 = format!("{:<<30}", "ERIKSSON<<ANNA<MARIA");
    format!("{line1}\n{line2}{composite}\n{line3}")
}

/// A TD2 (2 × 36) MRZ with every check digit computed here (ICAO Doc 9303 Part 6).
fn td2(document: &str, birth: &str, expiry: &str, optional: &str) -> String {
    let line1 = format!("{:<<36}", "I<UTOERIKSSON<<ANNA<MARIA");
    let line2 = format!(
        "{}UTO{}F{}{:<<7}",
        with_icao_check(document),
        with_icao_check(birth),
        with_icao_check(expiry),
        optional
    );
    let composite = icao_check(&format!(
        "{}{}{}",
        &line2[0..10],
        &line2[13..20],
        &line2[21..35]
    ));
    format!("{line1}\n{line2}{composite}")
}

/// A machine readable visa (ICAO Doc 9303 Part 7), MRV-A (`width` 44) or MRV-B (36): check
/// digits on the document number, birth and expiry dates only; the optional data (from
/// position 29 of line 2) has none, and there is no composite.
fn mrv(width: usize, document: &str, birth: &str, expiry: &str, optional: &str) -> String {
    let line1 = format!("{:<<width$}", "V<UTOERIKSSON<<ANNA<MARIA");
    let line2 = format!(
        "{}UTO{}F{}{optional:<<len$}",
        with_icao_check(document),
        with_icao_check(birth),
        with_icao_check(expiry),
        len = width - 28
    );
    format!("{line1}\n{}", &line2[..width])
}

/// Brazil's CPF check digits (Receita Federal): weights 10..2 then 11..2, `11 − r`, and
/// 10 or 11 become 0.
fn cpf_checks(body: &[u8]) -> (u8, u8) {
    let dv = |ds: &[u8], top: u32| {
        let s: u32 = ds
            .iter()
            .enumerate()
            .map(|(i, &d)| u32::from(d) * (top - i as u32))
            .sum();
        let r = 11 - s % 11;
        if r >= 10 {
            0
        } else {
            r as u8
        }
    };
    let d1 = dv(body, 10);
    let mut with = body.to_vec();
    with.push(d1);
    (d1, dv(&with, 11))
}

/// GB 11643-1999 check character (ISO 7064 MOD 11-2): weight 2^(k−1) mod 11 for the
/// character k places from the right (the check character is k = 1), and the check value
/// `a` makes the weighted sum ≡ 1 (mod 11); 10 is written `X`.
fn cn_ric_check(body17: &[u8]) -> char {
    let sum: u32 = body17
        .iter()
        .enumerate()
        .map(|(i, &d)| u32::from(d) * (2u32.pow(17 - i as u32) % 11))
        .sum();
    match (12 - sum % 11) % 11 {
        10 => 'X',
        v => char::from(b'0' + v as u8),
    }
}

/// The Belgian national number check: 97 − (n mod 97), where n is the first nine digits,
/// prefixed with 2 for people born from 2000 (Rijksregister).
fn be_nn_check(first9: &[u8], born_2000: bool) -> u64 {
    let prefix = if born_2000 { 2_000_000_000 } else { 0 };
    97 - (prefix + number(first9)) % 97
}

/// The NIR key: 97 − (first 13 characters mod 97), Corsica's 2A read as 19 and 2B as 18
/// (INSEE).
fn fr_nir_key(first13: &str) -> u64 {
    let body = match &first13[5..7] {
        "2A" => format!("{}19{}", &first13[..5], &first13[7..]),
        "2B" => format!("{}18{}", &first13[..5], &first13[7..]),
        _ => first13.to_string(),
    };
    let ds: Vec<u8> = body.bytes().map(|b| b - b'0').collect();
    97 - number(&ds) % 97
}

/// Codice fiscale check letter (D.M. 23 dicembre 1976, allegato): characters in odd
/// positions (1st, 3rd, …) take the "caratteri dispari" value, those in even positions
/// their plain value (`0`-`9` and `A`-`Z` both 0-based); the letter is `A` + sum mod 26.
fn it_cf_check(first15: &[u8]) -> char {
    // "Caratteri dispari", indexed by plain value: 0/A = 1, 1/B = 0, 2/C = 5, … Z = 23.
    const DISPARI: [u32; 26] = [
        1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24,
        23,
    ];
    let sum: u32 = first15
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            let plain = if c.is_ascii_digit() {
                c - b'0'
            } else {
                c - b'A'
            };
            if i % 2 == 0 {
                DISPARI[usize::from(plain)]
            } else {
                u32::from(plain)
            }
        })
        .sum();
    char::from(b'A' + (sum % 26) as u8)
}

/// ISO 7064 MOD 11,10 check digit (hybrid system): p = 10; for each digit
/// s = (p + d) mod 10 (0 read as 10), p = 2s mod 11; the check digit c makes
/// (p + c) mod 10 = 1.
fn iso7064_mod_11_10(ds: &[u8]) -> u8 {
    let mut p = 10u32;
    for &d in ds {
        let s = match (p + u32::from(d)) % 10 {
            0 => 10,
            s => s,
        };
        p = 2 * s % 11;
    }
    ((11 - p) % 10) as u8
}

/// A mod-11 check digit `11 − (weighted sum mod 11)`, 11 read as 0, or `None` when it is
/// 10 (no such number is issued): Norway's fødselsnummer.
fn mod11_or_none(ds: &[u8], weights: &[u32]) -> Option<u8> {
    match 11 - weighted(ds, weights) % 11 {
        11 => Some(0),
        10 => None,
        k => Some(k as u8),
    }
}

/// Korean RRN check digit: weights 2-9 then 2-5, `(11 − sum mod 11) mod 10`.
fn kr_rrn_check(first12: &[u8]) -> u8 {
    ((11 - weighted(first12, &[2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5]) % 11) % 10) as u8
}

/// The birth century the 7th RRN digit gives (9/0 1800s, 1/2 and 5/6 1900s, 3/4 and 7/8
/// 2000s; 5-8 for foreign residents).
fn kr_rrn_century(g: u8) -> u32 {
    match g {
        9 | 0 => 1800,
        1 | 2 | 5 | 6 => 1900,
        _ => 2000,
    }
}

/// What the Resident Registration Act requires of a 13-digit RRN's check digit: none for
/// people born from 2020-09 (numbers issued from 2020-10-05 are random), otherwise
/// [`kr_rrn_check`].
fn kr_rrn_checksum_required_and_ok(c: &[u8]) -> bool {
    let year = kr_rrn_century(c[6]) + u32::from(c[0] * 10 + c[1]);
    let month = c[2] * 10 + c[3];
    (year, month) >= (2020, 9) || kr_rrn_check(&c[..12]) == c[12]
}

/// CURP character value: `0`-`9` are 0-9, `A`-`N` 10-23, Ñ 24, `O`-`Z` 25-35 (RENAPO).
fn curp_value(c: u8) -> u32 {
    u32::from(match c {
        b'0'..=b'9' => c - b'0',
        b'A'..=b'N' => c - b'A' + 10,
        _ => c - b'A' + 11,
    })
}

/// CURP check digit: `(10 − Σ value × (18 − i) mod 10) mod 10` over the first 17
/// characters (RENAPO, Instructivo normativo para la asignación de la CURP).
fn curp_check(first17: &[u8]) -> u8 {
    let sum: u32 = first17
        .iter()
        .enumerate()
        .map(|(i, &c)| curp_value(c) * (18 - i as u32))
        .sum();
    ((10 - sum % 10) % 10) as u8
}

/// CNPJ check digits (Receita Federal; IN RFB 2229/2024 for letters): each character is its
/// ASCII code − 48, weights 2-9 repeating from the right, remainder r of the sum mod 11,
/// digit `11 − r`, or 0 when r < 2; the second digit covers the first.
fn cnpj_checks(first12: &[u8]) -> (u8, u8) {
    let dv = |cs: &[u8]| {
        let sum: u32 = cs
            .iter()
            .rev()
            .enumerate()
            .map(|(i, &c)| u32::from(c - 48) * (2 + i as u32 % 8))
            .sum();
        match sum % 11 {
            0 | 1 => 0,
            r => (11 - r) as u8,
        }
    };
    let d1 = dv(first12);
    let mut with = first12.to_vec();
    with.push(b'0' + d1);
    (d1, dv(&with))
}

/// PPSN check letter: `WABCDEFGHIJKLMNOPQRSTUV`[(Σ digit × (8 − i) + 9 × value(second))
/// mod 23], where a 2013-format second letter A, B or H counts 1, 2 or 8 and the older
/// suffixes (W, T, X) or none count 0 (Department of Social Protection / Revenue).
fn ie_pps_check(seven: &[u8], second: Option<u8>) -> u8 {
    const LETTERS: &[u8; 23] = b"WABCDEFGHIJKLMNOPQRSTUV";
    let second_value = match second {
        Some(b'A') => 1,
        Some(b'B') => 2,
        Some(b'H') => 8,
        _ => 0,
    };
    LETTERS[((weighted(seven, &[8, 7, 6, 5, 4, 3, 2]) + 9 * second_value) % 23) as usize]
}

/// Asserts what a check digit that cannot catch every substitution does guarantee: the
/// validator accepts `value`, accepts a single-digit change of it **only** when
/// `spec_accepts` (the independent computation) says the changed number is right, and
/// rejects every change at a byte position in `always_caught`.
fn assert_accepts_a_change_only_when(
    format: &str,
    value: &str,
    spec_accepts: impl Fn(&str) -> bool,
    always_caught: std::ops::Range<usize>,
) -> Result<(), TestCaseError> {
    prop_assert!(
        valid(format, value),
        "{format}: generated {value:?} is refused"
    );
    for (i, changed) in single_digit_changes(value) {
        let accepted = valid(format, &changed);
        prop_assert!(
            !accepted || spec_accepts(&changed),
            "{format}: {value:?} changed to {changed:?} accepted against the specification"
        );
        prop_assert!(
            !(accepted && always_caught.contains(&i)),
            "{format}: {value:?} changed to {changed:?} (a check position) still passes"
        );
    }
    Ok(())
}

/// The values of ASCII digits.
fn digit_values(s: &str) -> Vec<u8> {
    s.bytes().map(|b| b.wrapping_sub(b'0')).collect()
}

fn ds(n: usize) -> impl Strategy<Value = Vec<u8>> {
    proptest::collection::vec(0u8..10, n)
}

/// `n` random bytes (a hash or witness program).
fn bytes(n: usize) -> impl Strategy<Value = Vec<u8>> {
    proptest::collection::vec(any::<u8>(), n)
}

/// A date `(day, month, two-digit year)` that exists in every year.
fn dmy() -> impl Strategy<Value = (u8, u8, u8)> {
    (1u8..=28, 1u8..=12, 0u8..=99)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn iban_mod97(country in prop::sample::select(vec![("DE", 18usize), ("AT", 16), ("NL", 10), ("GB", 14)]),
            bank in "[A-Z]{4}", account in ds(18)) {
        let body = digits(&account[..country.1]);
        let bban = if matches!(country.0, "NL" | "GB") { format!("{bank}{body}") } else { body };
        assert_checksum_catches_every_change("iban", &iban_with_check(country.0, &bban))?;
    }

    #[test]
    fn ca_sin_luhn(first in prop::sample::select(vec![1u8, 2, 3, 4, 5, 6, 7, 9]), rest in ds(7)) {
        let mut p = vec![first];
        p.extend(rest);
        let c = luhn(&p);
        p.push(c);
        assert_checksum_catches_every_change("ca_sin", &digits(&p))?;
    }

    #[test]
    fn za_id_luhn((d, m, y) in dmy(), seq in ds(4), citizen in 0u8..2, race in 8u8..10) {
        let mut p = vec![y / 10, y % 10, m / 10, m % 10, d / 10, d % 10];
        p.extend(seq);
        p.extend([citizen, race]);
        let c = luhn(&p);
        p.push(c);
        assert_checksum_catches_every_change("za_id", &digits(&p))?;
    }

    #[test]
    fn se_pnr_luhn((d, m, y) in dmy(), serial in ds(3)) {
        let mut p = vec![y / 10, y % 10, m / 10, m % 10, d / 10, d % 10];
        p.extend(serial);
        let c = luhn(&p);
        p.push(c);
        let s = digits(&p);
        assert_checksum_catches_every_change("se_pnr", &format!("{}-{}", &s[..6], &s[6..]))?;
    }

    #[test]
    fn in_aadhaar_verhoeff(first in 2u8..10, rest in ds(10)) {
        let mut p = vec![first];
        p.extend(rest);
        let c = verhoeff(&p);
        p.push(c);
        let s = digits(&p);
        prop_assume!(s.chars().rev().collect::<String>() != s);
        assert_checksum_catches_every_change("in_aadhaar", &s)?;
    }

    #[test]
    fn es_dni_and_nie(body in ds(8), prefix in 0u8..3) {
        let n = number(&body);
        let dni = format!("{}{}", digits(&body), char::from(DNI_LETTERS[(n % 23) as usize]));
        assert_checksum_catches_every_change("es_dni", &dni)?;
        let seven = &body[..7];
        let n = u64::from(prefix) * 10_000_000 + number(seven);
        let nie = format!("{}{}{}", char::from(b"XYZ"[prefix as usize]), digits(seven),
            char::from(DNI_LETTERS[(n % 23) as usize]));
        assert_checksum_catches_every_change("es_nie", &nie)?;
    }

    #[test]
    fn nl_bsn_elfproef(body in ds(8)) {
        let s = weighted(&body, &[9, 8, 7, 6, 5, 4, 3, 2]) % 11;
        prop_assume!(s < 10 && body[0] != 0);
        let mut p = body.clone();
        p.push(s as u8);
        assert_checksum_catches_every_change("nl_bsn", &digits(&p))?;
    }

    #[test]
    fn tr_tckn(first in 1u8..10, rest in ds(8)) {
        let mut p = vec![first];
        p.extend(rest);
        let odd: i32 = [0, 2, 4, 6, 8].iter().map(|&i| i32::from(p[i])).sum();
        let even: i32 = [1, 3, 5, 7].iter().map(|&i| i32::from(p[i])).sum();
        p.push((odd * 7 - even).rem_euclid(10) as u8);
        let d11: u32 = p.iter().map(|&d| u32::from(d)).sum::<u32>() % 10;
        p.push(d11 as u8);
        assert_checksum_catches_every_change("tr_tckn", &digits(&p))?;
    }

    #[test]
    fn au_tfn(body in ds(8)) {
        // Weights 1,4,3,7,5,8,6,9 and 10 for the last digit (10 ≡ −1 mod 11).
        let s = weighted(&body, &[1, 4, 3, 7, 5, 8, 6, 9]) % 11;
        prop_assume!(s < 10);
        let mut p = body.clone();
        p.push(s as u8);
        assert_checksum_catches_every_change("au_tfn", &digits(&p))?;
    }

    #[test]
    fn cl_rut(first in 1u8..10, rest in ds(7)) {
        let mut body = vec![first];
        body.extend(rest);
        let s: u32 = body.iter().rev().enumerate().map(|(i, &d)| u32::from(d) * (2 + (i as u32 % 6))).sum();
        let check = match 11 - s % 11 { 11 => '0', 10 => 'K', d => char::from(b'0' + d as u8) };
        assert_checksum_catches_every_change("cl_rut", &format!("{}-{check}", digits(&body)))?;
    }

    #[test]
    fn fi_hetu((d, m, y) in dmy(), individual in 2u16..900) {
        let n = u64::from(d) * 10_000_000 + u64::from(m) * 100_000 + u64::from(y) * 1000 + u64::from(individual);
        let check = char::from(HETU_CHARS[(n % 31) as usize]);
        let hetu = format!("{d:02}{m:02}{y:02}-{individual:03}{check}");
        assert_checksum_catches_every_change("fi_hetu", &hetu)?;
    }

    #[test]
    fn pl_pesel((d, m, y) in dmy(), serial in ds(4)) {
        let mut p = vec![y / 10, y % 10, m / 10, m % 10, d / 10, d % 10];
        p.extend(serial);
        let s = weighted(&p, &[1, 3, 7, 9, 1, 3, 7, 9, 1, 3]);
        p.push(((10 - s % 10) % 10) as u8);
        assert_checksum_catches_every_change("pl_pesel", &digits(&p))?;
    }

    #[test]
    fn bitcoin_base58check(hash in bytes(20)) {
        let address = base58check_address(&hash);
        assert_checksum_catches_every_change("crypto:btc", &address)?;
    }

    #[test]
    fn bitcoin_bech32(program in bytes(20)) {
        assert_checksum_catches_every_change("crypto:btc", &bech32_address(&program))?;
    }

    #[test]
    fn ethereum_eip55_accepts_a_change_only_when_its_case_pattern_is_right(
        addr in bytes(20)
    ) {
        let address = eip55(&addr);
        prop_assert!(valid("crypto:eth", &address), "generated {address} refused");
        let letters = address[2..].chars().filter(char::is_ascii_alphabetic).collect::<Vec<_>>();
        // Both cases must appear for the checksum to be enforced (EIP-55: an all-lower or
        // all-upper address carries none).
        prop_assume!(letters.iter().any(char::is_ascii_uppercase)
            && letters.iter().any(char::is_ascii_lowercase));
        for (_, changed) in single_digit_changes(&address) {
            let lower = changed[2..].to_ascii_lowercase();
            let bytes: Vec<u8> = (0..20)
                .map(|i| u8::from_str_radix(&lower[2 * i..2 * i + 2], 16).unwrap_or(0))
                .collect();
            // The changed digit alters the hash; the address passes exactly when the new
            // hash gives every letter the case it already has.
            prop_assert_eq!(
                valid("crypto:eth", &changed),
                eip55(&bytes) == changed,
                "{} changed to {}", address, changed
            );
        }
    }

    #[test]
    fn mrz_td3_icao_7_3_1(document in ds(9), (d, m, y) in dmy(), (ed, em, ey) in (1u8..=28, 1u8..=12, 30u8..=39),
                          personal in ds(14)) {
        let mrz = td3(
            &digits(&document),
            &format!("{y:02}{m:02}{d:02}"),
            &format!("{ey:02}{em:02}{ed:02}"),
            &digits(&personal),
        );
        // Today is fixed so that every generated document is unexpired.
        assert_checksum_catches_every_change("mrz@2026-01-01", &mrz)?;
    }

    #[test]
    fn br_cpf_accepts_a_change_only_when_the_specification_does(body in ds(9)) {
        prop_assume!(body.iter().any(|&d| d != body[0]));
        let (d1, d2) = cpf_checks(&body);
        let mut p = body.clone();
        p.extend([d1, d2]);
        let cpf = digits(&p);
        prop_assert!(valid("br_cpf", &cpf), "generated CPF {cpf} refused");
        for (i, changed) in single_digit_changes(&cpf) {
            let c: Vec<u8> = changed.bytes().map(|b| b - b'0').collect();
            let spec_ok = cpf_checks(&c[..9]) == (c[9], c[10]) && c.iter().any(|&d| d != c[0]);
            let accepted = valid("br_cpf", &changed);
            prop_assert!(!accepted || spec_ok, "CPF {cpf} -> {changed} accepted against the specification");
            if i >= 9 {
                prop_assert!(!accepted, "CPF {cpf}: a changed check digit ({changed}) passes");
            }
        }
    }
}

/// GB/T 2260 province codes (first two digits of a resident ID), with 71, 81, 82 and 83.
const CN_PROVINCES: [u8; 35] = [
    11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52,
    53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83,
];

/// A PPSN's optional second letter: the 2013 format's A, B, H, the older W, T, X, or none.
const PPS_SECOND_LETTERS: [Option<u8>; 7] = [
    None,
    Some(b'A'),
    Some(b'B'),
    Some(b'H'),
    Some(b'W'),
    Some(b'T'),
    Some(b'X'),
];

/// RENAPO state codes (`NE` = born abroad).
const CURP_STATES: [&str; 33] = [
    "AS", "BC", "BS", "CC", "CH", "CL", "CM", "CS", "DF", "DG", "GR", "GT", "HG", "JC", "MC", "MN",
    "MS", "NE", "NL", "NT", "OC", "PL", "QR", "QT", "SL", "SP", "SR", "TC", "TL", "TS", "VZ", "YN",
    "ZS",
];

/// Days in `month` of `year`, Gregorian.
fn days_in_month(year: u32, month: u8) -> u8 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Any calendar date `(year, month, day)` with the year in `years` (leap days and the
/// 29th-31st included, unlike [`dmy`]).
fn calendar_date(years: std::ops::RangeInclusive<u32>) -> impl Strategy<Value = (u32, u8, u8)> {
    (years, 1u8..=12).prop_flat_map(|(y, m)| (Just(y), Just(m), 1..=days_in_month(y, m)))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn cn_ric_iso7064_mod_11_2(province in prop::sample::select(CN_PROVINCES.to_vec()), area in ds(4),
            (year, m, d) in calendar_date(1900..=2026), seq in ds(3)) {
        let mut p = vec![province / 10, province % 10];
        p.extend(area);
        p.extend(digit_values(&format!("{year:04}{m:02}{d:02}")));
        p.extend(seq);
        let id = format!("{}{}", digits(&p), cn_ric_check(&p));
        assert_checksum_catches_every_change("cn_ric", &id)?;
    }

    #[test]
    fn be_nn_accepts_a_change_only_for_the_other_century((year, m, d) in calendar_date(1900..=2026),
            bis in prop::sample::select(vec![0u8, 20, 40]), unknown in 0u8..4, counter in 1u16..=997) {
        let born_2000 = year >= 2000;
        // The register writes an unknown birth month or day as 00.
        let (m, d) = match unknown { 0 => (0, 0), 1 => (m, 0), _ => (m, d) };
        let first9 = digit_values(&format!("{:02}{:02}{d:02}{counter:03}", year % 100, m + bis));
        let nn = format!("{}{:02}", digits(&first9), be_nn_check(&first9, born_2000));
        // 97 − n mod 97 catches every substitution for a given century, but the validator
        // must try both (the number does not say which): a change can land on the check of
        // the other century, which the specification cannot tell from a real number.
        let other_century = |c: &str| {
            let c = digit_values(c);
            be_nn_check(&c[..9], !born_2000) == number(&c[9..])
        };
        assert_accepts_a_change_only_when("be_nn", &nn, other_century, 0..0)?;
    }

    #[test]
    fn fr_nir_97_mod_97(sex in prop::sample::select(vec![1u8, 2, 3, 4, 7, 8]), yy in 0u8..100, m in 1u8..=12,
            dept in prop_oneof![
                (1u8..=95).prop_map(|d| format!("{d:02}")),
                Just("2A".to_string()),
                Just("2B".to_string()),
            ],
            commune in 1u16..=999, order in 1u16..=999) {
        let first13 = format!("{sex}{yy:02}{m:02}{dept}{commune:03}{order:03}");
        let nir = format!("{first13}{:02}", fr_nir_key(&first13));
        assert_checksum_catches_every_change("fr_nir", &nir)?;
    }

    #[test]
    fn it_cf_check_letter_catches_every_single_character_change(names in "[A-Z]{6}",
            // Two-digit years are read as the latest such year up to 2026.
            (year, m, d) in calendar_date(1927..=2026),
            female in any::<bool>(), place in "[A-Z][0-9]{3}", omocodia in 0usize..=7) {
        let day = if female { d + 40 } else { d };
        let y = year % 100;
        let month = char::from(b"ABCDEHLMPRST"[usize::from(m - 1)]);
        let mut body = format!("{names}{y:02}{month}{day:02}{place}").into_bytes();
        // Omocodia: the digits are replaced by LMNPQRSTUV from the right.
        for &i in [14usize, 13, 12, 10, 9, 7, 6].iter().take(omocodia) {
            body[i] = b"LMNPQRSTUV"[usize::from(body[i] - b'0')];
        }
        let cf = format!("{}{}", String::from_utf8(body.clone()).unwrap_or_default(), it_cf_check(&body));
        assert_checksum_catches_every_change("it_cf", &cf)?;
        // Stronger, and still guaranteed: every position's allowed characters (letters; or
        // digits and their omocodia letters) have distinct values mod 26 in both tables,
        // and a character from the wrong class breaks the layout. So every single-character
        // substitution fails.
        for i in 0..16 {
            for c in b'0'..=b'Z' {
                if !c.is_ascii_alphanumeric() || c == cf.as_bytes()[i] {
                    continue;
                }
                let mut v = cf.clone().into_bytes();
                v[i] = c;
                let changed = String::from_utf8(v).unwrap_or_default();
                prop_assert!(!valid("it_cf", &changed), "it_cf: {cf} changed to {changed} still passes");
            }
        }
    }

    #[test]
    fn de_idnr_iso7064_mod_11_10(
        ten in (Just((0u8..10).collect::<Vec<u8>>()).prop_shuffle(), 2usize..=3)
            .prop_flat_map(|(order, times)| {
                // 10 − times + 1 distinct digits, the first of them `times` times.
                let mut v: Vec<u8> = order[..11 - times].to_vec();
                v.extend(std::iter::repeat(order[0]).take(times - 1));
                Just(v).prop_shuffle()
            })
    ) {
        // §139b AO / BZSt: first digit not 0; exactly one digit twice or three times, a
        // triple not three in a row.
        prop_assume!(ten[0] != 0 && !ten.windows(3).any(|w| w[0] == w[1] && w[1] == w[2]));
        let mut p = ten.clone();
        p.push(iso7064_mod_11_10(&ten));
        assert_checksum_catches_every_change("de_idnr", &digits(&p))?;
    }

    #[test]
    fn no_fnr_two_mod_11_digits((year, m, d) in calendar_date(1854..=2026), pick in 0u16..1000,
            kind in 0u8..3) {
        // Folkeregisteret's individual-number ranges: 500-749 for 1854-1899, 000-499 for
        // 1900-1999 (and 900-999 from 1940), 500-999 for 2000-2039.
        let individual = match year {
            ..=1899 => 500 + pick % 250,
            1900..=1939 => pick % 500,
            1940..=1999 if pick >= 500 => 900 + pick % 100,
            1940..=1999 => pick,
            _ => 500 + pick % 500,
        };
        let yy = year % 100;
        // D-numbers add 4 to the first day digit, H-numbers to the first month digit.
        let (d, m) = match kind { 1 => (d + 40, m), 2 => (d, m + 40), _ => (d, m) };
        let mut p = digit_values(&format!("{d:02}{m:02}{yy:02}{individual:03}"));
        let k1 = mod11_or_none(&p, &[3, 7, 6, 1, 8, 9, 4, 5, 2]);
        prop_assume!(k1.is_some());
        p.push(k1.unwrap_or(0));
        let k2 = mod11_or_none(&p, &[5, 4, 3, 2, 7, 6, 5, 4, 3, 2]);
        prop_assume!(k2.is_some());
        p.push(k2.unwrap_or(0));
        assert_checksum_catches_every_change("no_fnr", &digits(&p))?;
    }

    #[test]
    fn kr_rrn_accepts_a_change_only_when_the_specification_does((year, m, d) in calendar_date(1800..=2020),
            male in any::<bool>(), foreigner in any::<bool>(), region in 0u8..=96, serial in ds(3)) {
        // Born before September 2020 (later numbers carry no check digit).
        prop_assume!((year, m) < (2020, 9));
        // 7th digit: century and sex (odd for men), 5-8 for foreign residents.
        let g = match (year / 100, foreigner) {
            (18, _) => if male { 9 } else { 0 },
            (19, false) => if male { 1 } else { 2 },
            (19, true) => if male { 5 } else { 6 },
            (_, false) => if male { 3 } else { 4 },
            (_, true) => if male { 7 } else { 8 },
        };
        let mut p = digit_values(&format!("{:02}{m:02}{d:02}{g}{region:02}", year % 100));
        p.extend(serial);
        p.push(kr_rrn_check(&p));
        // (11 − r) mod 10 gives 1 for both r = 0 and r = 10, so a change between those
        // remainders keeps the check digit: the specification lets it through.
        let spec = |c: &str| kr_rrn_checksum_required_and_ok(&digit_values(c));
        assert_accepts_a_change_only_when("kr_rrn", &digits(&p), spec, 12..13)?;
    }

    #[test]
    fn mx_curp_accepts_a_change_only_when_the_specification_does(
            // No inconvenient word (RENAPO Anexo 2) ends in one of these letters.
            name in "[A-Z][A-Z][A-Z][BCDFGHJKLMPQTVWXZ]", (year, m, d) in calendar_date(1900..=2026),
            sex in prop::sample::select(vec!['H', 'M', 'X']),
            state in prop::sample::select(CURP_STATES.to_vec()),
            consonants in "[BCDFGHJKLMNPQRSTVWXYZ]{3}", differentiator in 0u8..26) {
        // Differentiator: a digit for births before 2000, a letter from 2000.
        let yy = year % 100;
        let diff = if year >= 2000 {
            char::from(b'A' + differentiator)
        } else {
            char::from(b'0' + differentiator % 10)
        };
        let first17 = format!("{name}{yy:02}{m:02}{d:02}{sex}{state}{consonants}{diff}");
        let curp = format!("{first17}{}", curp_check(first17.as_bytes()));
        // Weights 18..2 mod 10: a change at weight 10 (the first day digit) is invisible,
        // and one by 5 at an even weight too; the check digit itself is always checked.
        let spec = |c: &str| curp_check(&c.as_bytes()[..17]) == c.as_bytes()[17] - b'0';
        assert_accepts_a_change_only_when("mx_curp", &curp, spec, 17..18)?;
    }

    #[test]
    fn br_cnpj_accepts_a_change_only_when_the_specification_does(
            first12 in prop_oneof!["[0-9]{12}", "[0-9A-Z]{12}"]) {
        let (d1, d2) = cnpj_checks(first12.as_bytes());
        let cnpj = format!("{first12}{d1}{d2}");
        prop_assume!(cnpj.bytes().any(|b| b != cnpj.as_bytes()[0]));
        // Remainders 0 and 1 both give 0 (as in the CPF), so the specification itself lets
        // some substitutions through; a changed check digit is always caught.
        let spec = |c: &str| {
            let b = c.as_bytes();
            cnpj_checks(&b[..12]) == (b[12] - b'0', b[13] - b'0') && b.iter().any(|&x| x != b[0])
        };
        assert_accepts_a_change_only_when("br_cnpj", &cnpj, spec, 12..14)?;
    }

    #[test]
    fn ie_pps_mod_23(seven in ds(7), second in prop::sample::select(PPS_SECOND_LETTERS.to_vec())) {
        let suffix = |s: Option<u8>| s.map(char::from).map(String::from).unwrap_or_default();
        let check = char::from(ie_pps_check(&seven, second));
        let pps = format!("{}{check}{}", digits(&seven), suffix(second));
        assert_checksum_catches_every_change("ie_pps", &pps)?;
        // The second letter: A, B and H are weighted 9 × 1, 2, 8, none of them ≡ 0 mod 23,
        // so a change to or from one of them is caught; W, T, X and no letter all count 0
        // and are interchangeable by the specification.
        for other in PPS_SECOND_LETTERS {
            if other == second {
                continue;
            }
            let changed = format!("{}{check}{}", digits(&seven), suffix(other));
            prop_assert_eq!(valid("ie_pps", &changed), ie_pps_check(&seven, other) == check as u8,
                "{} changed to {}", pps, changed);
        }
    }

    #[test]
    fn dk_cpr_has_no_check_digit_to_test(yy in 0u8..100, m in 1u8..=12, d in 1u8..=31, seventh in 0u8..10,
            serial in ds(2)) {
        // CPR-kontoret's century table (7th digit and two-digit year).
        let century = match (seventh, yy) {
            (0..=3, _) | (4 | 9, 37..=99) => 1900,
            (4 | 9, _) | (5..=8, 0..=57) => 2000,
            _ => 1800,
        };
        let year = century + u32::from(yy);
        prop_assume!(year <= 2026 && d <= days_in_month(year, m));
        // The validator follows CPR-kontoret's 2007 rule: no mod-11 check. Every last digit
        // is accepted, although at most one of the ten satisfies the old mod-11 rule
        // (weights 4,3,2,7,6,5,4,3,2,1), so "a single-digit change fails" cannot hold.
        let first9 = digit_values(&format!("{d:02}{m:02}{yy:02}{seventh}{}", digits(&serial)));
        let mut mod11 = 0;
        for last in 0u8..10 {
            let mut p = first9.clone();
            p.push(last);
            let cpr = digits(&p);
            prop_assert!(valid("dk_cpr", &cpr), "dk_cpr: {cpr} refused");
            mod11 += usize::from(weighted(&p, &[4, 3, 2, 7, 6, 5, 4, 3, 2, 1]) % 11 == 0);
        }
        prop_assert!(mod11 <= 1);
    }

    #[test]
    fn tron_base58check(hash in bytes(20), pos in any::<usize>(), shift in any::<usize>()) {
        let address = base58check(0x41, &hash, BITCOIN_BASE58);
        prop_assert!(address.starts_with('T'));
        assert_checksum_catches_every_change("crypto:tron", &address)?;
        let changed = one_char_change(&address, 0, BITCOIN_BASE58, pos, shift);
        prop_assert!(!valid("crypto:tron", &changed), "{} changed to {} still passes", address, changed);
    }

    #[test]
    fn xrp_base58check_ripple_alphabet(hash in bytes(20), pos in any::<usize>(),
            shift in any::<usize>()) {
        let address = base58check(0x00, &hash, RIPPLE_BASE58);
        prop_assert!(address.starts_with('r'));
        assert_checksum_catches_every_change("crypto:xrp", &address)?;
        let changed = one_char_change(&address, 0, RIPPLE_BASE58, pos, shift);
        prop_assert!(!valid("crypto:xrp", &changed), "{} changed to {} still passes", address, changed);
    }

    #[test]
    fn litecoin_base58check(version in prop::sample::select(vec![0x30u8, 0x32, 0x05]),
            hash in bytes(20), pos in any::<usize>(), shift in any::<usize>()) {
        // 0x30 `L…` P2PKH, 0x32 `M…` P2SH, 0x05 `3…` legacy P2SH (Litecoin chainparams).
        let address = base58check(version, &hash, BITCOIN_BASE58);
        assert_checksum_catches_every_change("crypto:ltc", &address)?;
        let changed = one_char_change(&address, 0, BITCOIN_BASE58, pos, shift);
        prop_assert!(!valid("crypto:ltc", &changed), "{} changed to {} still passes", address, changed);
    }

    #[test]
    fn litecoin_segwit(
            form in prop::sample::select(vec![(0u8, 20usize, false), (0, 32, false), (1, 32, true)]),
            program in bytes(32), pos in any::<usize>(), shift in any::<usize>()) {
        // v0 with Bech32 (BIP-173), v1 with Bech32m (BIP-350); both detect any error in up
        // to 4 characters.
        let (version, len, bech32m) = form;
        let address = segwit_address("ltc", version, &program[..len], bech32m);
        assert_checksum_catches_every_change("crypto:ltc", &address)?;
        let changed = one_char_change(&address, 4, BECH32_CHARSET, pos, shift);
        prop_assert!(!valid("crypto:ltc", &changed), "{} changed to {} still passes", address, changed);
    }

    #[test]
    fn bitcoin_other_forms(form in 0u8..5, program in bytes(32),
            pos in any::<usize>(), shift in any::<usize>()) {
        // P2SH `3…`; SegWit v0 P2WSH (32 bytes); Taproot v1 (Bech32m); testnet `m/n…`,
        // `2…` and `tb1…`.
        let (network, address, skip, alphabet): (&str, String, usize, &[u8]) = match form {
            0 => ("crypto:btc", base58check(0x05, &program[..20], BITCOIN_BASE58), 0, BITCOIN_BASE58),
            1 => ("crypto:btc", segwit_address("bc", 0, &program, false), 3, BECH32_CHARSET),
            2 => ("crypto:btc", segwit_address("bc", 1, &program, true), 3, BECH32_CHARSET),
            3 => ("crypto:testnet", base58check(if program[0] % 2 == 0 { 0x6f } else { 0xc4 }, &program[..20],
                    BITCOIN_BASE58), 0, BITCOIN_BASE58),
            _ => ("crypto:testnet", segwit_address("tb", 0, &program[..20], false), 3, BECH32_CHARSET),
        };
        assert_checksum_catches_every_change(network, &address)?;
        let changed = one_char_change(&address, skip, alphabet, pos, shift);
        prop_assert!(!valid(network, &changed), "{} changed to {} still passes", address, changed);
    }

    #[test]
    fn segwit_any_version_either_case(
            hrp in prop::sample::select(vec![("bc", "crypto:btc"), ("tb", "crypto:testnet"), ("ltc", "crypto:ltc")]),
            (version, program) in (0u8..=16).prop_flat_map(|v| {
                // BIP-141: programs of 2-40 bytes, exactly 20 or 32 for version 0.
                let lengths = if v == 0 { vec![20usize, 32] } else { (2usize..=40).collect() };
                (Just(v), prop::sample::select(lengths).prop_flat_map(bytes))
            }),
            upper in any::<bool>(), pos in any::<usize>(), shift in any::<usize>()) {
        // BIP-350: Bech32 for version 0, Bech32m for 1-16; BIP-173: all upper case is valid.
        let (hrp, network) = hrp;
        let lower = segwit_address(hrp, version, &program, version > 0);
        let changed = one_char_change(&lower, hrp.len() + 1, BECH32_CHARSET, pos, shift);
        let shown = |s: &str| if upper { s.to_ascii_uppercase() } else { s.to_string() };
        assert_checksum_catches_every_change(network, &shown(&lower))?;
        prop_assert!(!valid(network, &shown(&changed)), "{} changed to {} still passes", lower, changed);
        // The other checksum variant for the same data never verifies.
        let wrong_variant = segwit_address(hrp, version, &program, version == 0);
        prop_assert!(!valid(network, &wrong_variant), "{} (wrong Bech32 variant) passes", wrong_variant);
    }

    #[test]
    fn bitcoin_cash_cashaddr(kind in 0u8..4,
            // Every hash size of the specification; 20 bytes (P2PKH, P2SH20) and 32 (P2SH32,
            // since 2023) are the ones in use. An unprefixed address of another size than 20
            // bytes was refused: fixed, with the specification's vectors in the vector file.
            hash in prop::sample::select(vec![20usize, 24, 28, 32, 40, 48, 56, 64]).prop_flat_map(bytes),
            prefixed in any::<bool>(), upper in any::<bool>(), pos in any::<usize>(),
            shift in any::<usize>()) {
        // The 40-bit BCH checksum covers the prefix even when it is left out.
        let full = cashaddr(kind, &hash);
        let changed_full = one_char_change(&full, 12, BECH32_CHARSET, pos, shift);
        let shown = |s: &str| {
            let s = if prefixed { s } else { &s[12..] };
            if upper { s.to_ascii_uppercase() } else { s.to_string() }
        };
        let address = shown(&full);
        assert_checksum_catches_every_change("crypto:bch", &address)?;
        let changed = shown(&changed_full);
        prop_assert!(!valid("crypto:bch", &changed), "{} changed to {} still passes", address, changed);
    }

    #[test]
    fn bitcoin_cash_legacy_base58check(version in prop::sample::select(vec![0x00u8, 0x05]),
            hash in bytes(20)) {
        assert_checksum_catches_every_change("crypto:bch", &base58check(version, &hash, BITCOIN_BASE58))?;
    }

    #[test]
    fn mrz_td1_icao_7_3_1(document in "[A-Z0-9]{9,12}", (d, m, y) in dmy(),
            (ed, em, ey) in (1u8..=28, 1u8..=12, 30u8..=39), optional1 in "[A-Z0-9<]{0,10}",
            optional2 in "[A-Z0-9<]{0,11}") {
        let mrz = td1(&document, &format!("{y:02}{m:02}{d:02}"), &format!("{ey:02}{em:02}{ed:02}"),
            &optional1, &optional2);
        // The optional data has no check digit of its own; the composite covers it.
        assert_checksum_catches_every_change("mrz@2026-01-01", &mrz)?;
    }

    #[test]
    fn mrz_td2_icao_7_3_1(document in "[A-Z0-9]{9}", (d, m, y) in dmy(),
            (ed, em, ey) in (1u8..=28, 1u8..=12, 30u8..=39), optional in "[A-Z0-9<]{0,7}") {
        let (birth, expiry) = (format!("{y:02}{m:02}{d:02}"), format!("{ey:02}{em:02}{ed:02}"));
        let mrz = td2(&document, &birth, &expiry, &optional);
        assert_checksum_catches_every_change("mrz@2026-01-01", &mrz)?;
    }

    #[test]
    fn mrz_visa_checks_every_field_but_the_optional_data(width in prop::sample::select(vec![44usize, 36]),
            document in "[A-Z0-9]{9}", (d, m, y) in dmy(), (ed, em, ey) in (1u8..=28, 1u8..=12, 30u8..=39),
            optional in "[A-Z0-9<]{0,16}") {
        let mrz = mrv(width, &document, &format!("{y:02}{m:02}{d:02}"), &format!("{ey:02}{em:02}{ed:02}"),
            &optional);
        prop_assert!(valid("mrz@2026-01-01", &mrz), "generated visa MRZ refused: {}", mrz);
        // Part 7: visas carry no composite check digit, so a change in the optional data
        // (line 2 from position 29) is accepted; every other change is caught.
        let optional_from = width + 1 + 28;
        for (i, changed) in single_digit_changes(&mrz) {
            prop_assert_eq!(valid("mrz@2026-01-01", &changed), i >= optional_from,
                "{} changed at {} to {}", mrz, i, changed);
        }
    }
}
