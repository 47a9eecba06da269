//! IBAN (ISO 13616-1:2020): `CC` country code + 2 check digits + country-specific BBAN.
//!
//! Checks, in order: fold (spaces, NBSP, hyphens, full-width forms; optional paper-format
//! `IBAN` prefix), characters, country code known to the SWIFT IBAN registry
//! (`unknown_country_code`), total length for that country (`invalid_length`), BBAN
//! structure (`invalid_format`), and the ISO 7064 MOD 97-10 check digits
//! (`invalid_checksum`). The per-country data lives in the generated
//! [`iban_registry`](super::iban_registry).
//!
//! `value` is the compact electronic format, `formatted` the paper format in groups of four;
//! details: `country`, `bank_code` and `branch_code` where the registry gives their
//! positions, `sepa` (`true`/`false`) and `registry` (`swift`, or `aspirational` for
//! countries that issue IBANs but are not in the SWIFT registry).

use super::checksum::iso7064;
use super::error::{ErrorCode, Field, FieldResult, Normalized, ValidationError};
use super::fold::{fold, FoldRules};
use super::iban_registry::IBAN_REGISTRY;
use super::text::quote_char;

/// Longest IBAN in the registry is 34 characters; with separators and full-width forms
/// (3 bytes each) a pasted IBAN stays well under this.
pub const MAX_INPUT_BYTES: usize = 160;

const RULES: FoldRules = FoldRules {
    max_bytes: MAX_INPUT_BYTES,
    drop: b" -.",
    uppercase: true,
};

/// The character class of one BBAN part (SWIFT registry notation `n`, `a`, `c`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BbanClass {
    /// `n`: digits 0-9.
    Digit,
    /// `a`: upper-case letters A-Z.
    Upper,
    /// `c`: upper-case letters and digits.
    Alnum,
}

impl BbanClass {
    fn accepts(self, b: u8) -> bool {
        match self {
            BbanClass::Digit => b.is_ascii_digit(),
            BbanClass::Upper => b.is_ascii_uppercase(),
            BbanClass::Alnum => b.is_ascii_digit() || b.is_ascii_uppercase(),
        }
    }

    fn describe(self) -> &'static str {
        match self {
            BbanClass::Digit => "digits",
            BbanClass::Upper => "letters",
            BbanClass::Alnum => "letters or digits",
        }
    }
}

/// One country's IBAN structure from the SWIFT IBAN registry.
#[derive(Debug, Clone, Copy)]
pub struct IbanSpec {
    /// ISO 3166-1 alpha-2 country code.
    pub country: &'static str,
    /// Total IBAN length in characters.
    pub iban_length: u8,
    /// BBAN structure: fixed-length runs of one character class.
    pub bban: &'static [(u8, BbanClass)],
    /// Bank identifier position within the BBAN (start, end), if the registry gives it.
    pub bank_code: Option<(u8, u8)>,
    /// Branch identifier position within the BBAN (start, end), if the registry gives it.
    pub branch_code: Option<(u8, u8)>,
    /// Whether the country is in the SEPA scheme.
    pub sepa: bool,
    /// `true` for the SWIFT registry, `false` for aspirational (not yet registered) IBANs.
    pub official: bool,
}

/// The registry entry for an (upper-case) country code.
pub fn spec(country: &str) -> Option<&'static IbanSpec> {
    IBAN_REGISTRY
        .binary_search_by(|s| s.country.cmp(country))
        .ok()
        .and_then(|i| IBAN_REGISTRY.get(i))
}

fn err(code: ErrorCode, message: impl Into<String>) -> ValidationError {
    ValidationError::new(Field::Iban, code, message)
}

/// The compact (electronic) form: separators and look-alikes folded away, upper case, a
/// leading paper-format `IBAN` label removed. Returns the input unchanged if it cannot be
/// folded (e.g. it holds a control character).
pub fn compact(input: &str) -> String {
    match fold(input, Field::Iban, RULES) {
        Ok(s) => strip_label(s),
        Err(_) => input.to_string(),
    }
}

/// ISO 13616's paper format may be printed as `IBAN DE89 ...`; no country code is `IB`.
fn strip_label(s: String) -> String {
    match s.strip_prefix("IBAN") {
        Some(rest) if !rest.is_empty() => rest.to_string(),
        _ => s,
    }
}

/// The paper format: groups of four separated by spaces (input compacted first).
pub fn format(input: &str) -> String {
    group_by_four(&compact(input))
}

fn group_by_four(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 4);
    for (i, c) in s.chars().enumerate() {
        if i > 0 && i % 4 == 0 {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

/// Validates an IBAN; see the module documentation for the checks and the result.
pub fn validate(input: &str) -> FieldResult {
    let iban = strip_label(fold(input, Field::Iban, RULES)?);
    if let Some(bad) = iban.chars().find(|c| !c.is_ascii_alphanumeric()) {
        return Err(err(
            ErrorCode::InvalidCharacter,
            format!(
                "{} is not allowed in an IBAN (letters and digits only)",
                quote_char(bad)
            ),
        ));
    }
    // All ASCII from here on, so byte slicing is char-boundary safe.
    let bytes = iban.as_bytes();
    if bytes.len() < 4 {
        return Err(err(
            ErrorCode::InvalidLength,
            "an IBAN has at least 15 characters",
        ));
    }
    let country = &iban[..2];
    if !bytes[..2].iter().all(u8::is_ascii_uppercase) {
        return Err(err(
            ErrorCode::InvalidFormat,
            "an IBAN starts with a two-letter country code",
        ));
    }
    if !bytes[2..4].iter().all(u8::is_ascii_digit) {
        return Err(err(
            ErrorCode::InvalidFormat,
            "the two characters after the country code are check digits",
        ));
    }
    let spec = spec(country).ok_or_else(|| {
        err(
            ErrorCode::UnknownCountryCode,
            format!("{country} does not issue IBANs (not in the SWIFT IBAN registry)"),
        )
    })?;
    if bytes.len() != usize::from(spec.iban_length) {
        return Err(err(
            ErrorCode::InvalidLength,
            format!(
                "a {country} IBAN has {} characters, not {}",
                spec.iban_length,
                bytes.len()
            ),
        ));
    }
    check_bban(spec, &bytes[4..])?;
    // ISO 13616: check digits 00, 01 and 99 are never issued; 01 and 98 share a remainder.
    let check = &iban[2..4];
    let rearranged = format!("{}{}", &iban[4..], &iban[..4]);
    if matches!(check, "00" | "01" | "99") || !iso7064::mod_97_10_is_valid(&rearranged) {
        return Err(err(
            ErrorCode::InvalidChecksum,
            "the IBAN check digits do not verify (ISO 7064 MOD 97-10)",
        ));
    }

    let bban = &iban[4..];
    let mut out = Normalized::new(iban.clone()).with_detail("country", country);
    out.formatted = Some(group_by_four(&iban));
    for (key, pos) in [
        ("bank_code", spec.bank_code),
        ("branch_code", spec.branch_code),
    ] {
        if let Some(part) = pos.and_then(|(a, b)| bban.get(usize::from(a)..usize::from(b))) {
            out = out.with_detail(key, part);
        }
    }
    out = out
        .with_detail("sepa", if spec.sepa { "true" } else { "false" })
        .with_detail(
            "registry",
            if spec.official {
                "swift"
            } else {
                "aspirational"
            },
        );
    Ok(out)
}

/// Checks the BBAN against the registry structure (its length already matches).
fn check_bban(spec: &IbanSpec, bban: &[u8]) -> Result<(), ValidationError> {
    let mut at = 0usize;
    for &(len, class) in spec.bban {
        let end = at + usize::from(len);
        let part = bban.get(at..end).unwrap_or_default();
        if part.len() != usize::from(len) || !part.iter().all(|&b| class.accepts(b)) {
            return Err(err(
                ErrorCode::InvalidFormat,
                format!(
                    "{} BBAN characters {}-{} must be {}",
                    spec.country,
                    at + 5,
                    end + 4,
                    class.describe()
                ),
            ));
        }
        at = end;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registry_is_sorted_and_consistent() {
        assert!(IBAN_REGISTRY
            .windows(2)
            .all(|w| w[0].country < w[1].country));
        for s in IBAN_REGISTRY {
            let bban: usize = s.bban.iter().map(|&(n, _)| usize::from(n)).sum();
            assert_eq!(bban + 4, usize::from(s.iban_length), "{}", s.country);
        }
        assert!(IBAN_REGISTRY.len() >= 105);
    }

    // ISO 13616-1 / SWIFT IBAN registry examples.
    #[test]
    fn registry_examples() {
        let de = validate("DE89 3704 0044 0532 0130 00").unwrap();
        assert_eq!(de.value, "DE89370400440532013000");
        assert_eq!(de.formatted.as_deref(), Some("DE89 3704 0044 0532 0130 00"));
        assert_eq!(de.details["bank_code"], "37040044");
        assert_eq!(de.details["country"], "DE");
        let gb = validate("IBAN GB82 WEST 1234 5698 7654 32").unwrap();
        assert_eq!(gb.details["bank_code"], "WEST");
        assert_eq!(gb.details["branch_code"], "123456");
        assert_eq!(
            format("gb82west12345698765432"),
            "GB82 WEST 1234 5698 7654 32"
        );
    }

    #[test]
    fn errors() {
        let code = |s| validate(s).unwrap_err().code;
        assert_eq!(
            code("DE88 3704 0044 0532 0130 00"),
            ErrorCode::InvalidChecksum
        );
        assert_eq!(
            code("XX89 3704 0044 0532 0130 00"),
            ErrorCode::UnknownCountryCode
        );
        assert_eq!(code("DE89 3704 0044 0532 0130"), ErrorCode::InvalidLength);
        assert_eq!(
            code("GB82 1234 1234 5698 7654 32"),
            ErrorCode::InvalidFormat
        );
        assert_eq!(code("DE89_3704"), ErrorCode::InvalidCharacter);
        assert_eq!(code(""), ErrorCode::Required);
    }
}
