//! Weighted-sum helpers behind the many national "mod 11" and "mod 10" schemes (NL BSN,
//! NO fødselsnummer, PL PESEL, BR CPF/CNPJ, KR RRN, AU TFN, ...): multiply each digit by a
//! position weight and reduce the sum. Each format module states its own weights and
//! reduction, citing its specification.

/// Σ value·weight over `values` and `weights` pairwise (the shorter one bounds the sum).
pub fn weighted_sum(values: &[u32], weights: &[u32]) -> u32 {
    values.iter().zip(weights).map(|(v, w)| v * w).sum()
}

/// The common "mod 11, 0 or 1 → 0, else 11 − r" check digit (Brazil's CPF and CNPJ, many
/// tax numbers): `r = sum mod 11`; 0 if `r < 2`, otherwise `11 − r`.
pub fn mod11_complement_0_if_below_2(sum: u32) -> u32 {
    let r = sum % 11;
    if r < 2 {
        0
    } else {
        11 - r
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weighted_sum_and_reduction() {
        assert_eq!(weighted_sum(&[1, 2, 3], &[3, 2, 1]), 10);
        assert_eq!(weighted_sum(&[1, 2, 3], &[1]), 1);
        assert_eq!(mod11_complement_0_if_below_2(22), 0);
        assert_eq!(mod11_complement_0_if_below_2(23), 0);
        assert_eq!(mod11_complement_0_if_below_2(24), 9);
    }
}
