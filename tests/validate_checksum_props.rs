//! Property tests of the checksummed formats (issue 12): every valid number a generator
//! builds passes its validator, and every single-digit change fails it.
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
//! - mod 97 (IBAN, ISO 7064 MOD 97-10), mod 10 with weights prime to 10 (Luhn; PESEL
//!   1-3-7-9; TCKN's second digit; ICAO 9303's 7-3-1 on the MRZ fields, where a digit can
//!   only be replaced by a digit), Verhoeff, mod 11 with non-zero weights and a check
//!   value for every remainder (BSN elfproef, TFN, RUT with `K`), mod 23 (DNI/NIE), mod 31
//!   (HETU): every substitution is caught (the changed sum differs by `d × w`, and
//!   `0 < |d| < m`, `w` prime to `m`, so it is not `≡ 0 (mod m)`). Asserted for each.
//! - Base58Check (4 bytes of double SHA-256): a change is caught except with probability
//!   2^-32; asserted (a failure would be a 1-in-4-billion event, not flakiness: the seeds
//!   are fixed). Bech32 (BIP-173): a BCH code that detects any error in up to 4
//!   characters; asserted. EIP-55: the case of each letter comes from the Keccak hash, so
//!   a changed digit is caught unless the new hash happens to give every letter the case
//!   it has (probability 2^-letters, 0.0247% on average by EIP-55's own estimate, and
//!   seen in practice on addresses with few letters): the test asserts that the validator
//!   accepts a changed address exactly when the independent EIP-55 computation does.
//! - Brazil's CPF (Receita Federal: `11 − (sum mod 11)`, and 10 or 11 become 0) maps
//!   remainders 0 and 1 to the same digit, so the specification itself lets some
//!   substitutions through. For CPF the test asserts what the specification guarantees:
//!   the validator accepts a changed number **only** when the independent computation
//!   says its two check digits are right (never more), and it rejects every change of
//!   a check digit itself.

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

/// A BIP-173 segwit v0 address (`bc1q…`) for a 20-byte witness program.
fn bech32_address(program: &[u8]) -> String {
    const CHARSET: &[u8; 32] = b"qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    let mut data = vec![0u8]; // witness version 0
    let (mut acc, mut bits) = (0u32, 0u32);
    for &b in program {
        acc = (acc << 8) | u32::from(b);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            data.push(((acc >> bits) & 31) as u8);
        }
    }
    if bits > 0 {
        data.push(((acc << (5 - bits)) & 31) as u8);
    }
    let hrp = "bc";
    let mut values: Vec<u8> = hrp.bytes().map(|b| b >> 5).collect();
    values.push(0);
    values.extend(hrp.bytes().map(|b| b & 31));
    values.extend(&data);
    values.extend([0u8; 6]);
    let pm = bech32_polymod(&values) ^ 1;
    let checksum = (0..6).map(|i| ((pm >> (5 * (5 - i))) & 31) as u8);
    let mut s = format!("{hrp}1");
    for v in data.into_iter().chain(checksum) {
        s.push(char::from(CHARSET[v as usize]));
    }
    s
}

/// A Base58Check P2PKH address (version 0x00) for a 20-byte hash.
fn base58check_address(hash: &[u8]) -> String {
    const ALPHABET: &[u8; 58] = b"123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    let mut payload = vec![0u8];
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
        out.push(ALPHABET[rem as usize]);
    }
    out.extend(std::iter::repeat(b'1').take(zeros));
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
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

fn ds(n: usize) -> impl Strategy<Value = Vec<u8>> {
    proptest::collection::vec(0u8..10, n)
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
    fn bitcoin_base58check(hash in proptest::collection::vec(any::<u8>(), 20)) {
        let address = base58check_address(&hash);
        assert_checksum_catches_every_change("crypto:btc", &address)?;
    }

    #[test]
    fn bitcoin_bech32(program in proptest::collection::vec(any::<u8>(), 20)) {
        assert_checksum_catches_every_change("crypto:btc", &bech32_address(&program))?;
    }

    #[test]
    fn ethereum_eip55_accepts_a_change_only_when_its_case_pattern_is_right(
        addr in proptest::collection::vec(any::<u8>(), 20)
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
