//! Property tests for the field validators: every validator is total (no panic on any input
//! up to 10 KB) and input over a field's byte limit is rejected with `too_long`.
#![cfg(not(target_arch = "wasm32"))] // native only: proptest

use kyc_check::validate::date::Date;
use kyc_check::validate::record::{self, validate_record, Options, Record};
use kyc_check::validate::{
    address, birth_date, country, email, mrz, name, phone, validate_format, ErrorCode, Field,
    FieldResult,
};
use proptest::prelude::*;

/// Characters that steer the parsers into their interesting paths, plus arbitrary ones.
fn tricky_char() -> impl Strategy<Value = char> {
    prop_oneof![
        4 => prop::sample::select(vec![
            '0', '1', '7', '9', 'A', 'Z', 'a', '<', '@', '.', '-', '+', ' ', '/', '\n', '(',
            ')', '\'', '’', 'é', 'Ж', '山', '\u{0301}', '\u{200B}', '\u{200C}', '\u{202E}',
            '\u{00A0}', '\u{FF10}', '\u{2013}', '😀', '\u{FE0F}', '\u{E000}', '\u{3002}',
        ]),
        1 => any::<char>(),
    ]
}

/// Strings of up to 10 KB: mostly short and tricky, sometimes long and arbitrary.
fn input() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::collection::vec(tricky_char(), 0..120).prop_map(|v| v.into_iter().collect()),
        1 => prop::collection::vec(any::<char>(), 0..2500).prop_map(|v| v.into_iter().collect()),
    ]
}

/// A validator under a byte limit, taking the birth date rules where it needs them.
type Validator = fn(&str, &birth_date::BirthDateRules) -> FieldResult;

fn today() -> Date {
    Date::parse_iso("2026-01-01").expect("valid date")
}

/// Every field validator on `s`; each must return without panicking.
fn all_validators(s: &str) -> Vec<FieldResult> {
    let rules = birth_date::BirthDateRules::new(today());
    vec![
        name::validate_name(s),
        name::validate_name_field(Field::GivenName, s),
        email::validate_email(s),
        birth_date::validate_birth_date(s, &rules),
        phone::validate_phone(s, None),
        phone::validate_phone(s, Some("US")),
        phone::validate_phone("+1 415 555 0123", Some(s)),
        address::validate_postal_code("GB", s),
        address::validate_postal_code(s, "12345"),
        record::validate_address_text(Field::City, s),
        record::validate_document_type(s),
        record::validate_document_number(s),
        country::validate(Field::Country, s),
        mrz::validate_mrz(s, today()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn validators_are_total(s in input()) {
        for n in all_validators(&s).into_iter().flatten() {
            prop_assert!(!n.value.is_empty());
        }
        for format in ["birth_date:dmy@2026-01-01", "phone:DE", "postal_code:NL", "mrz@2020-01-01"] {
            prop_assert!(validate_format(format, &s).is_some());
        }
        prop_assert!(mrz::transliterate(&s, true).map_or(true, |t| t.is_ascii()));
    }

    #[test]
    fn format_ids_never_panic(format in input(), s in input()) {
        let _ = validate_format(&format, &s);
    }

    #[test]
    fn records_never_panic(a in input(), b in input(), c in input(), d in input()) {
        let r = Record {
            given_name: Some(a.clone()),
            family_name: Some(b.clone()),
            full_name: Some(c.clone()),
            birth_date: Some(d.clone()),
            email: Some(a.clone()),
            phone: Some(b.clone()),
            phone_country: Some(c.clone()),
            country: Some(d.clone()),
            nationality: Some(a.clone()),
            address_line1: Some(b.clone()),
            city: Some(c.clone()),
            region: Some(d.clone()),
            postal_code: Some(a.clone()),
            mrz: Some(b.clone()),
            document_type: Some(c.clone()),
            document_number: Some(d.clone()),
            document_country: Some(a.clone()),
            national_id: Some(b.clone()),
            national_id_country: Some(c),
            iban: Some(d),
            crypto_address: Some(a),
            crypto_network: Some(b),
        };
        let report = validate_record(&r, &Options { today: Some(today()), ..Options::default() });
        prop_assert_eq!(report.valid, report.fields.values().all(|f| f.valid));
    }

    #[test]
    fn over_limit_input_is_too_long(extra in 1usize..4000, filler in tricky_char()) {
        let rules = birth_date::BirthDateRules::new(today());
        let cases: Vec<(usize, Validator)> = vec![
            (name::max_input_bytes(Field::FullName), |s, _| name::validate_name(s)),
            (name::max_input_bytes(Field::GivenName), |s, _| name::validate_name_field(Field::GivenName, s)),
            (email::MAX_INPUT_BYTES, |s, _| email::validate_email(s)),
            (birth_date::MAX_INPUT_BYTES, birth_date::validate_birth_date),
            (phone::MAX_INPUT_BYTES, |s, _| phone::validate_phone(s, Some("US"))),
            (address::MAX_POSTAL_INPUT_BYTES, |s, _| address::validate_postal_code("DE", s)),
            (record::MAX_ADDRESS_TEXT_BYTES, |s, _| record::validate_address_text(Field::AddressLine1, s)),
            (record::MAX_DOCUMENT_TYPE_BYTES, |s, _| record::validate_document_type(s)),
            (record::MAX_DOCUMENT_NUMBER * 4, |s, _| record::validate_document_number(s)),
            (country::MAX_LEN, |s, _| country::validate(Field::Country, s)),
            (mrz::MAX_INPUT_BYTES, |s, _| mrz::validate_mrz(s, Date::parse_iso("2026-01-01").expect("date"))),
        ];
        for (limit, validate) in cases {
            let mut s = String::new();
            while s.len() <= limit + extra.min(10_000 - limit) {
                s.push(filler);
            }
            let code = validate(&s, &rules).map_err(|e| e.code);
            prop_assert_eq!(code, Err(ErrorCode::TooLong), "limit {} len {}", limit, s.len());
        }
    }
}
