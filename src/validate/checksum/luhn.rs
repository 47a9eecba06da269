//! Luhn (ISO/IEC 7812-1 Annex B, "mod 10 double-add-double"): from the rightmost digit
//! (the check digit) leftwards, every second digit is doubled and its digits summed; the
//! number is valid when the total is a multiple of 10.

/// The Luhn sum mod 10 over a string of ASCII digits (check digit included), or `None` if
/// a byte is not a digit. A valid number gives `Some(0)`.
pub fn checksum(digits: &str) -> Option<u32> {
    let mut sum = 0u32;
    for (i, b) in digits.bytes().rev().enumerate() {
        if !b.is_ascii_digit() {
            return None;
        }
        let mut d = u32::from(b - b'0');
        if i % 2 == 1 {
            d *= 2;
            if d > 9 {
                d -= 9;
            }
        }
        // Reduced as it goes, so no input length can overflow the sum.
        sum = (sum + d) % 10;
    }
    Some(sum)
}

/// Whether a string of ASCII digits (check digit last) passes the Luhn check.
pub fn is_valid(digits: &str) -> bool {
    !digits.is_empty() && checksum(digits) == Some(0)
}

/// The check digit (0-9) to append to `payload`, or `None` if a byte is not a digit.
pub fn check_digit(payload: &str) -> Option<u32> {
    // Appending a 0 shifts every payload digit into its final doubling position.
    let mut with_zero = String::with_capacity(payload.len() + 1);
    with_zero.push_str(payload);
    with_zero.push('0');
    checksum(&with_zero).map(|s| (10 - s) % 10)
}

#[cfg(test)]
mod tests {
    use super::*;

    // ISO/IEC 7812-1 Annex B worked example (also the classic "79927398713").
    #[test]
    fn known_answers() {
        assert!(is_valid("79927398713"));
        assert!(!is_valid("79927398710"));
        assert_eq!(check_digit("7992739871"), Some(3));
        assert_eq!(checksum("12a"), None);
        assert!(!is_valid(""));
    }
}
