//! ISO/IEC 7064 check-character systems: the pure system MOD 11-2 and MOD 97-10, and the
//! hybrid system MOD 11,10.
//!
//! - MOD 11-2: one check character 0-9 or `X` (= 10); China's resident ID (GB 11643-1999),
//!   ISNI, ORCID.
//! - MOD 97-10: two check digits; IBAN (ISO 13616), Belgian and French national numbers use
//!   the same remainder. Letters count as two digits, `A` = 10 ... `Z` = 35.
//! - MOD 11,10: one check digit 0-9; German tax identification number (Steuer-IdNr).

/// The value of an ISO 7064 alphanumeric character (`0`-`9` → 0-9, `A`-`Z` → 10-35).
fn alnum_value(b: u8) -> Option<u32> {
    match b {
        b'0'..=b'9' => Some(u32::from(b - b'0')),
        b'A'..=b'Z' => Some(u32::from(b - b'A') + 10),
        _ => None,
    }
}

/// The remainder mod 97 of an alphanumeric string read as a decimal number with each letter
/// expanded to its two-digit value (`A` = 10 ... `Z` = 35), or `None` for any other byte.
/// Streams digit by digit so arbitrarily long strings never overflow.
pub fn mod97(s: &str) -> Option<u32> {
    let mut rem = 0u32;
    for b in s.bytes() {
        let v = alnum_value(b)?;
        rem = if v >= 10 {
            (rem * 100 + v) % 97
        } else {
            (rem * 10 + v) % 97
        };
    }
    Some(rem)
}

/// MOD 97-10: whether `s` (check digits included, in their final position) gives
/// remainder 1.
pub fn mod_97_10_is_valid(s: &str) -> bool {
    !s.is_empty() && mod97(s) == Some(1)
}

/// MOD 97-10: the two check digits (2-98) for `payload`, computed as `98 - (payload·100 mod
/// 97)`.
pub fn mod_97_10_check_digits(payload: &str) -> Option<u32> {
    let mut with_zeros = String::with_capacity(payload.len() + 2);
    with_zeros.push_str(payload);
    with_zeros.push_str("00");
    mod97(&with_zeros).map(|r| 98 - r)
}

/// MOD 11-2: the check value (0-10, where 10 is written `X`) for a digit payload, or `None`
/// if a byte is not a digit.
pub fn mod_11_2_check(payload: &str) -> Option<u32> {
    let mut p = 0u32;
    for b in payload.bytes() {
        if !b.is_ascii_digit() {
            return None;
        }
        p = ((p + u32::from(b - b'0')) * 2) % 11;
    }
    Some((12 - p) % 11)
}

/// MOD 11-2: the check character (`0`-`9` or `X`) for a digit payload.
pub fn mod_11_2_check_char(payload: &str) -> Option<char> {
    // Values 0-9 are their digit; 10 is written X.
    mod_11_2_check(payload).map(|v| char::from_digit(v, 10).unwrap_or('X'))
}

/// MOD 11,10 (hybrid): the check digit (0-9) for a digit payload, or `None` if a byte is
/// not a digit.
pub fn mod_11_10_check(payload: &str) -> Option<u32> {
    let mut p = 10u32;
    for b in payload.bytes() {
        if !b.is_ascii_digit() {
            return None;
        }
        let mut s = (p + u32::from(b - b'0')) % 10;
        if s == 0 {
            s = 10;
        }
        p = (s * 2) % 11;
    }
    Some((11 - p) % 10)
}

/// MOD 11,10: whether a digit string (check digit last) verifies.
pub fn mod_11_10_is_valid(digits: &str) -> bool {
    match digits.len().checked_sub(1) {
        Some(n) if n > 0 => match (digits.get(..n), digits.as_bytes().get(n)) {
            (Some(payload), Some(&last)) if last.is_ascii_digit() => {
                mod_11_10_check(payload) == Some(u32::from(last - b'0'))
            }
            _ => false,
        },
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // ISO 13616-1 example IBAN GB82 WEST 1234 5698 7654 32, rearranged.
    #[test]
    fn mod_97_10_iban_example() {
        assert!(mod_97_10_is_valid("WEST12345698765432GB82"));
        assert_eq!(mod_97_10_check_digits("WEST12345698765432GB"), Some(82));
        assert_eq!(mod97("a"), None);
    }

    // GB 11643-1999 Appendix example: 11010519491231002X.
    #[test]
    fn mod_11_2_gb11643_example() {
        assert_eq!(mod_11_2_check_char("11010519491231002"), Some('X'));
        assert_eq!(mod_11_2_check_char("44052418800101001"), Some('4'));
        // ISO 7064 Annex example for MOD 11-2: 0794 → check 0.
        assert_eq!(mod_11_2_check_char("0794"), Some('0'));
    }

    // German Steuer-IdNr sample numbers published by the BZSt in its test data.
    #[test]
    fn mod_11_10_known_answers() {
        assert!(mod_11_10_is_valid("86095742719"));
        assert!(!mod_11_10_is_valid("86095742718"));
        assert!(!mod_11_10_is_valid("8"));
        assert!(!mod_11_10_is_valid(""));
    }
}
