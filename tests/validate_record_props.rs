//! Property test over whole records: arbitrary JSON records (random subsets of the record
//! fields, each a plausible value, a mutated one, tricky text or kilobytes of arbitrary
//! characters, or `null`) with arbitrary options never panic, and the report is consistent:
//! `valid` is true exactly when no field has an error, and so is each field's `valid`.
#![cfg(not(target_arch = "wasm32"))] // native only: proptest

use kyc_check::validate::date::Date;
use kyc_check::validate::record::{validate_record, Options, Record, OPTION_FIELDS, RECORD_FIELDS};
use proptest::prelude::*;
use serde_json::{json, Map, Value};

/// Values that pass (or nearly pass) some field's validator, so that records reach the
/// cross-field checks (MRZ vs typed fields, national ID birth date and sex, jurisdictions,
/// address completeness) and not only the per-field rejections.
const PLAUSIBLE: &[&str] = &[
    "Anna",
    "Maria Eriksson",
    "José García-Pérez",
    "ERIKSSON",
    "Мария",
    "山田 太郎",
    "1990-01-31",
    "1974-08-12",
    "31/01/1990",
    "01/31/1990",
    "2030-01-01",
    "anna@example.com",
    "josé@exämple.de",
    "+44 20 7946 0958",
    "+1 415 555 0123",
    "030 123456",
    "GB",
    "DE",
    "SE",
    "UTO",
    "Germany",
    "RU",
    "UA",
    "KP",
    "UA-43",
    "Crimea",
    "Sevastopol",
    "10115",
    "SW1A 1AA",
    "95000",
    "1 Main Street",
    "Berlin",
    "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10",
    "I<UTOD231458907<<<<<<<<<<<<<<<\n7408122F1204159UTO<<<<<<<<<<<6\nERIKSSON<<ANNA<MARIA<<<<<<<<<<",
    "passport",
    "id_card",
    "visa",
    "L898902C3",
    "D23145890",
    "12345678Z",
    "811228-9874",
    "390.533.447-05",
    "DE89 3704 0044 0532 0130 00",
    "GB82WEST12345698765432",
    "1BpEi6DfDAUFd7GtittLSdBeYJvcoaVggu",
    "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4",
    "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
    "bitcoin",
    "ethereum",
    "",
    " ",
];

/// Characters that steer the parsers into their interesting paths, plus arbitrary ones.
fn tricky_char() -> impl Strategy<Value = char> {
    prop_oneof![
        4 => prop::sample::select(vec![
            '0', '1', '7', '9', 'A', 'Z', 'a', '<', '@', '.', '-', '+', ' ', '/', '\n', '(',
            ')', '\'', 'é', 'Ж', '山', '\u{0301}', '\u{200B}', '\u{200C}', '\u{202E}',
            '\u{00A0}', '\u{FF10}', '\u{2013}', '😀', '\u{FE0F}', '\u{E000}', '\u{0890}',
        ]),
        1 => any::<char>(),
    ]
}

/// A plausible value with one character replaced, inserted or removed.
fn mutated() -> impl Strategy<Value = String> {
    (
        prop::sample::select(PLAUSIBLE),
        any::<prop::sample::Index>(),
        tricky_char(),
        0..3u8,
    )
        .prop_map(|(base, at, c, how)| {
            let mut chars: Vec<char> = base.chars().collect();
            let i = if chars.is_empty() {
                0
            } else {
                at.index(chars.len())
            };
            match how {
                0 if !chars.is_empty() => chars[i] = c,
                1 => chars.insert(i, c),
                _ if !chars.is_empty() => {
                    chars.remove(i);
                }
                _ => chars.push(c),
            }
            chars.into_iter().collect()
        })
}

/// One field value: JSON `null`, plausible, mutated, tricky, or up to ~4 KB of anything.
fn value() -> impl Strategy<Value = Value> {
    prop_oneof![
        1 => Just(Value::Null),
        4 => prop::sample::select(PLAUSIBLE).prop_map(|s| json!(s)),
        3 => mutated().prop_map(Value::String),
        2 => prop::collection::vec(tricky_char(), 0..80)
            .prop_map(|v| Value::String(v.into_iter().collect())),
        1 => prop::collection::vec(any::<char>(), 0..1200)
            .prop_map(|v| Value::String(v.into_iter().collect())),
    ]
}

/// A record as JSON: a random subset of the fields, each with a random value.
fn record_json() -> impl Strategy<Value = Map<String, Value>> {
    prop::sample::subsequence(RECORD_FIELDS.to_vec(), 0..=RECORD_FIELDS.len()).prop_flat_map(
        |fields| {
            prop::collection::vec(value(), fields.len()).prop_map(move |values| {
                fields
                    .iter()
                    .map(|f| f.to_string())
                    .zip(values)
                    .collect::<Map<String, Value>>()
            })
        },
    )
}

/// A record every check accepts (names, birth date, sex and document number agree between
/// the typed fields, the MRZ and the Swedish personnummer), the starting point for edits.
fn coherent() -> Map<String, Value> {
    let record = json!({
        "given_name": "Anna Maria",
        "family_name": "Eriksson",
        "birth_date": "1974-08-12",
        "email": "anna@example.com",
        "phone": "+44 20 7946 0958",
        "phone_country": "GB",
        "country": "DE",
        "nationality": "SE",
        "address_line1": "Unter den Linden 1",
        "city": "Berlin",
        "postal_code": "10115",
        "mrz": "P<SWEERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36SWE7408122F3004157<<<<<<<<<<<<<<<4",
        "document_type": "passport",
        "document_number": "L898902C3",
        "document_country": "SE",
        "national_id": "740812-1247",
        "national_id_country": "SE",
        "iban": "DE89 3704 0044 0532 0130 00",
        "crypto_address": "1BpEi6DfDAUFd7GtittLSdBeYJvcoaVggu",
        "crypto_network": "bitcoin",
    });
    match record {
        Value::Object(map) => map,
        _ => Map::new(),
    }
}

/// The coherent record with random fields dropped or replaced, so that the cross-field
/// checks see mostly-valid records with one or two things wrong.
fn edited_record_json() -> impl Strategy<Value = Map<String, Value>> {
    prop::collection::vec((0u8..10, value()), RECORD_FIELDS.len()).prop_map(|edits| {
        let mut record = coherent();
        for (field, (action, replacement)) in RECORD_FIELDS.iter().zip(edits) {
            match action {
                0 => {
                    record.remove(*field);
                }
                1 => {
                    record.insert(field.to_string(), replacement);
                }
                _ => {}
            }
        }
        record
    })
}

/// Options as JSON: any subset of the keys, with in-range and extreme values.
fn options_json() -> impl Strategy<Value = Map<String, Value>> {
    let today = (1i32..=9999, 1u8..=12, 1u8..=28)
        .prop_map(|(y, m, d)| json!(format!("{y:04}-{m:02}-{d:02}")));
    let age = prop_oneof![3 => 0u32..130, 1 => any::<u32>()];
    let order = prop::sample::select(vec!["iso", "dmy", "mdy"]);
    let text = prop_oneof![
        3 => prop::sample::select(PLAUSIBLE).prop_map(str::to_string),
        1 => prop::collection::vec(tricky_char(), 0..12).prop_map(|v| v.into_iter().collect()),
    ];
    let blocked = prop::collection::vec(text.clone(), 0..4);
    (
        prop::option::of(today),
        prop::option::of(age.clone()),
        prop::option::of(age),
        prop::option::of(order),
        prop::option::of(text),
        prop::option::of(blocked),
    )
        .prop_map(|(today, min, max, order, country, blocked)| {
            let values = [
                today,
                min.map(|v| json!(v)),
                max.map(|v| json!(v)),
                order.map(|v| json!(v)),
                country.map(|v| json!(v)),
                blocked.map(|v| json!(v)),
            ];
            OPTION_FIELDS
                .iter()
                .zip(values)
                .filter_map(|(k, v)| Some((k.to_string(), v?)))
                .collect()
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn whole_records_never_panic_and_report_consistently(
        record in prop_oneof![record_json(), edited_record_json()],
        options in options_json(),
    ) {
        let record: Record = serde_json::from_value(Value::Object(record.clone()))
            .map_err(|e| TestCaseError::fail(format!("record JSON: {e}")))?;
        let mut options: Options = serde_json::from_value(Value::Object(options.clone()))
            .map_err(|e| TestCaseError::fail(format!("options JSON: {e}")))?;
        // Reproducible: without `today` the validator would read the clock.
        options.today.get_or_insert(Date::parse_iso("2026-01-01").expect("date"));

        let report = validate_record(&record, &options);

        let no_errors = report.fields.values().all(|f| f.errors.is_empty());
        prop_assert_eq!(report.valid, no_errors, "report: {:?}", report);
        for (name, field) in &report.fields {
            prop_assert_eq!(field.valid, field.errors.is_empty(), "field {}", name);
            prop_assert!(
                name == "record" || RECORD_FIELDS.contains(&name.as_str()),
                "unexpected report key {}", name
            );
        }
        prop_assert!(serde_json::to_string(&report).is_ok());
    }
}

/// The starting point of `edited_record_json` must itself be valid, or the edits would not
/// reach the cross-field checks in their passing state.
#[test]
fn coherent_record_is_valid() {
    let record: Record = serde_json::from_value(Value::Object(coherent())).expect("record");
    let options = Options {
        today: Date::parse_iso("2026-01-01"),
        ..Options::default()
    };
    let report = validate_record(&record, &options);
    assert!(report.valid, "{report:#?}");
    // Every field is reported except crypto_network, which only carries errors.
    assert_eq!(report.fields.len(), coherent().len() - 1);
}
