//! The full signup record the validation benchmarks time (`benches/validate.rs`,
//! `benches/native.rs`). Included with `#[path]`.

use kyc_check::validate::record::Record;

/// A complete record as a KYC form would submit it: every field filled, an ICAO specimen
/// passport MRZ that agrees with the typed fields, a German address and phone number.
pub fn full_record() -> Record {
    let s = |v: &str| Some(v.to_string());
    Record {
        given_name: s("Anna Maria"),
        family_name: s("Eriksson"),
        full_name: None,
        birth_date: s("12.08.1974"),
        email: s("anna.eriksson+kyc@Example.de"),
        phone: s("030 123456"),
        phone_country: s("DE"),
        country: s("Germany"),
        nationality: s("DEU"),
        address_line1: s("Unter den Linden 1"),
        city: s("Berlin"),
        region: None,
        postal_code: s("10117"),
        mrz: s("P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10"),
        document_type: s("passport"),
        document_number: s("L898902C3"),
        document_country: None,
        national_id: s("65929970489"),
        national_id_country: s("DE"),
        iban: s("DE89 3704 0044 0532 0130 00"),
        crypto_address: None,
        crypto_network: None,
    }
}
