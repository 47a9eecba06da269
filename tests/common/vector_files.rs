//! Every vector file, compiled in with `include_str!` so that the wasm tests (which have no
//! file system) read the very same bytes as the native tests.

/// (file name, contents) of each vector file.
pub const VECTOR_FILES: &[(&str, &str)] = &[
    // --- identifiers: national ID / tax numbers, IBAN, crypto (branch `ids`) ---

    // --- fields: names, dates, email, phone, country, address, MRZ (branch `fields`) ---
    ("birth_date.tsv", include_str!("../vectors/birth_date.tsv")),
    ("country.tsv", include_str!("../vectors/country.tsv")),
    ("email.tsv", include_str!("../vectors/email.tsv")),
    ("mrz.tsv", include_str!("../vectors/mrz.tsv")),
    ("name.tsv", include_str!("../vectors/name.tsv")),
    ("phone.tsv", include_str!("../vectors/phone.tsv")),
    (
        "postal_code.tsv",
        include_str!("../vectors/postal_code.tsv"),
    ),
];
