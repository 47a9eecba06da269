//! Every vector file, compiled in with `include_str!` so that the wasm tests (which have no
//! file system) read the very same bytes as the native tests.

/// (file name, contents) of each vector file.
pub const VECTOR_FILES: &[(&str, &str)] = &[
    // --- identifiers: national ID / tax numbers, IBAN, crypto (branch `ids`) ---
    ("iban.tsv", include_str!("../vectors/iban.tsv")),
    // --- fields: names, dates, email, phone, country, address, MRZ (branch `fields`) ---
];
