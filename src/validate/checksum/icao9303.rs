//! ICAO Doc 9303 Part 3 §4.9 check digit: characters valued `0`-`9` → 0-9, `A`-`Z` → 10-35,
//! filler `<` → 0; weights 7, 3, 1 repeating; the check digit is the weighted sum mod 10.

/// The ICAO 9303 value of one MRZ character, or `None` for a character the MRZ cannot hold.
pub fn char_value(c: u8) -> Option<u32> {
    match c {
        b'0'..=b'9' => Some(u32::from(c - b'0')),
        b'A'..=b'Z' => Some(u32::from(c - b'A') + 10),
        b'<' => Some(0),
        _ => None,
    }
}

/// The check digit (0-9) over `data`, or `None` if `data` holds a non-MRZ character.
pub fn check_digit(data: &[u8]) -> Option<u8> {
    const WEIGHTS: [u32; 3] = [7, 3, 1];
    // Reduced as it goes, so no input length can overflow the sum.
    let mut sum = 0u32;
    for (&c, weight) in data.iter().zip(WEIGHTS.iter().cycle()) {
        sum = (sum + char_value(c)? * weight) % 10;
    }
    // sum < 10, so the cast cannot truncate.
    Some(sum as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    // ICAO Doc 9303 Part 3, Appendix A to Part 3 (worked example): "520727" → 3,
    // "AB2134<<<" → 5.
    #[test]
    fn icao_worked_examples() {
        assert_eq!(check_digit(b"520727"), Some(3));
        assert_eq!(check_digit(b"AB2134<<<"), Some(5));
        assert_eq!(check_digit(b"ab"), None);
    }

    /// Regression: the running sum overflowed u32 (a debug-build panic) on inputs of
    /// about 34 million characters through this public function.
    #[test]
    fn very_long_input_does_not_overflow() {
        let long = vec![b'Z'; 40_000_000];
        assert!(check_digit(&long).is_some());
    }
}
