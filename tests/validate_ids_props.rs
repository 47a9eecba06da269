//! Property tests for the identifier validators (national IDs, IBAN, crypto addresses):
//! totality on arbitrary input up to 10 KB, the documented `too_long` limits, total
//! `compact`/`format` helpers, and idempotent normalisation.

#![cfg(not(target_arch = "wasm32"))]

mod common;

use kyc_check::validate::{crypto, iban, national_id, ErrorCode, FieldResult};
use proptest::prelude::*;

/// A validator entry point as a closure over the input.
type Validator = Box<dyn Fn(&str) -> FieldResult>;

/// Every identifier entry point, by name.
fn validators() -> Vec<(String, Validator)> {
    let mut v: Vec<(String, Validator)> = Vec::new();
    v.push(("iban".into(), Box::new(iban::validate)));
    for f in national_id::formats() {
        v.push((f.id.to_string(), Box::new(f.validate)));
        let country = f.country;
        v.push((
            format!("national_id:{country}"),
            Box::new(move |s| national_id::validate(country, s)),
        ));
    }
    v.push(("crypto".into(), Box::new(|s| crypto::validate(s, None))));
    for net in crypto::Network::ALL {
        v.push((
            format!("crypto:{}", net.name()),
            Box::new(move |s| crypto::validate(s, Some(net.name()))),
        ));
    }
    v
}

/// The documented byte limit of each entry point.
fn limit(name: &str) -> usize {
    if name == "iban" {
        iban::MAX_INPUT_BYTES
    } else if name.starts_with("crypto") {
        crypto::MAX_INPUT_BYTES
    } else {
        national_id::MAX_INPUT_BYTES
    }
}

/// Characters that reach the deep code paths: digits, letters, separators, check letters,
/// Bech32/Base58 characters, full-width and other-script digits, spaces, dashes, invisibles.
const NEAR_VALID: &str = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyzIOl-+ .:/x\
１２ＡＢ٣७\u{a0}\u{2013}\u{2009}\u{200b}\u{202e}Ññé";

fn near_valid() -> impl Strategy<Value = String> {
    let chars: Vec<char> = NEAR_VALID.chars().collect();
    proptest::collection::vec(proptest::sample::select(chars), 0..70)
        .prop_map(|v| v.into_iter().collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn arbitrary_input_never_panics(s in proptest::collection::vec(any::<char>(), 0..10_000)) {
        let s: String = s.into_iter().collect();
        for (name, validate) in validators() {
            let r = validate(&s);
            if s.len() > limit(&name) {
                prop_assert_eq!(r.map(|n| n.value).unwrap_err().code, ErrorCode::TooLong, "{}", name);
            }
        }
        for f in national_id::formats() {
            let _ = ((f.compact)(&s), (f.format)(&s));
        }
        let _ = (iban::compact(&s), iban::format(&s));
    }

    #[test]
    fn near_valid_input_never_panics_and_normalises_idempotently(s in near_valid()) {
        for (name, validate) in validators() {
            if let Ok(n) = validate(&s) {
                let again = validate(&n.value);
                prop_assert_eq!(again.map(|m| m.value), Ok(n.value.clone()), "{} {:?}", name, s);
            }
        }
        for f in national_id::formats() {
            let _ = ((f.compact)(&s), (f.format)(&s));
        }
    }

    #[test]
    fn over_the_limit_is_too_long(extra in 1usize..4_000, c in any::<char>()) {
        for (name, validate) in validators() {
            let n = limit(&name) / c.len_utf8() + extra;
            let s: String = std::iter::repeat_n(c, n).collect();
            prop_assert_eq!(validate(&s).unwrap_err().code, ErrorCode::TooLong, "{}", name);
        }
    }
}

/// Re-validating a vector's normalised value gives the same value (the normal form is a
/// fixed point), for every `ok` identifier vector.
#[test]
fn normalised_values_of_vectors_are_fixed_points() {
    let mut checked = 0;
    for (file, contents) in common::vector_files::VECTOR_FILES {
        for line in contents.lines() {
            let cols: Vec<&str> = line.split('\t').collect();
            if line.starts_with('#') || cols.len() < 3 || !cols[2].starts_with("ok") {
                continue;
            }
            let input = common::unescape(cols[1]);
            let Some(Ok(first)) = kyc_check::validate::validate_format(cols[0], &input) else {
                continue;
            };
            let is_ids = ["iban", "crypto", "national_id"]
                .iter()
                .any(|p| cols[0].starts_with(p))
                || national_id::format_info(cols[0]).is_some();
            if !is_ids {
                continue;
            }
            let again = kyc_check::validate::validate_format(cols[0], &first.value);
            assert_eq!(
                again.and_then(Result::ok).map(|n| n.value),
                Some(first.value.clone()),
                "{file}: {line}"
            );
            checked += 1;
        }
    }
    assert!(
        checked > 300,
        "only {checked} identifier vectors re-validated"
    );
}
