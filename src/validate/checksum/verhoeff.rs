//! Verhoeff's dihedral-group (D5) check digit (J. Verhoeff, "Error Detecting Decimal
//! Codes", 1969), used by India's Aadhaar (UIDAI). Detects all single-digit errors and all
//! adjacent transpositions.

/// Multiplication table of the dihedral group D5.
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

/// The position-dependent permutations: row k is the base permutation (row 1) applied k
/// times, used for the k-th digit from the right (mod 8).
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

/// Group inverses, mapping the running value to the check digit.
const INV: [u8; 10] = [0, 4, 3, 2, 1, 5, 6, 7, 8, 9];

/// The running group value over `digits` as if a check digit followed (`offset` = 1) or
/// over digits that already end in the check digit (`offset` = 0).
fn fold(digits: &str, offset: usize) -> Option<u8> {
    let mut c = 0u8;
    for (i, b) in digits.bytes().rev().enumerate() {
        if !b.is_ascii_digit() {
            return None;
        }
        let p = P[(i + offset) % 8][usize::from(b - b'0')];
        c = D[usize::from(c)][usize::from(p)];
    }
    Some(c)
}

/// Whether a string of ASCII digits (check digit last) passes the Verhoeff check.
pub fn is_valid(digits: &str) -> bool {
    !digits.is_empty() && fold(digits, 0) == Some(0)
}

/// The Verhoeff check digit (0-9) to append to `payload`, or `None` if a byte is not a
/// digit.
pub fn check_digit(payload: &str) -> Option<u32> {
    fold(payload, 1).map(|c| u32::from(INV[usize::from(c)]))
}

#[cfg(test)]
mod tests {
    use super::*;

    // Worked example from Verhoeff's scheme as commonly published: 236 → check digit 3.
    #[test]
    fn permutation_rows_are_powers_of_the_base_permutation() {
        for k in 1..8 {
            for j in 0..10 {
                assert_eq!(
                    P[k][j],
                    P[1][usize::from(P[k - 1][j])],
                    "row {k} column {j}"
                );
            }
        }
    }

    // UIDAI sample Aadhaar number 2341 2341 2346.
    #[test]
    fn known_answers() {
        assert!(is_valid("234123412346"));
        assert!(!is_valid("234123412347"));
        assert_eq!(check_digit("236"), Some(3));
        assert!(is_valid("2363"));
        assert!(!is_valid("2364"));
        assert!(!is_valid("2633"), "adjacent transposition is detected");
        assert_eq!(check_digit("12345"), Some(1));
        assert!(!is_valid(""));
        assert_eq!(check_digit("1a"), None);
    }
}
