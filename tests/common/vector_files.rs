//! Every vector file, compiled in with `include_str!` so that the wasm tests (which have no
//! file system) read the very same bytes as the native tests.

/// (file name, contents) of each vector file.
pub const VECTOR_FILES: &[(&str, &str)] = &[
    // --- identifiers: national ID / tax numbers, IBAN, crypto (branch `ids`) ---
    ("iban.tsv", include_str!("../vectors/iban.tsv")),
    ("au_tfn.tsv", include_str!("../vectors/au_tfn.tsv")),
    ("be_nn.tsv", include_str!("../vectors/be_nn.tsv")),
    ("br_cnpj.tsv", include_str!("../vectors/br_cnpj.tsv")),
    ("br_cpf.tsv", include_str!("../vectors/br_cpf.tsv")),
    ("ca_sin.tsv", include_str!("../vectors/ca_sin.tsv")),
    ("cl_rut.tsv", include_str!("../vectors/cl_rut.tsv")),
    ("cn_ric.tsv", include_str!("../vectors/cn_ric.tsv")),
    ("de_idnr.tsv", include_str!("../vectors/de_idnr.tsv")),
    ("dk_cpr.tsv", include_str!("../vectors/dk_cpr.tsv")),
    ("es_dni.tsv", include_str!("../vectors/es_dni.tsv")),
    ("es_nie.tsv", include_str!("../vectors/es_nie.tsv")),
    ("fi_hetu.tsv", include_str!("../vectors/fi_hetu.tsv")),
    ("fr_nir.tsv", include_str!("../vectors/fr_nir.tsv")),
    ("gb_nino.tsv", include_str!("../vectors/gb_nino.tsv")),
    ("ie_pps.tsv", include_str!("../vectors/ie_pps.tsv")),
    ("in_aadhaar.tsv", include_str!("../vectors/in_aadhaar.tsv")),
    ("in_pan.tsv", include_str!("../vectors/in_pan.tsv")),
    ("it_cf.tsv", include_str!("../vectors/it_cf.tsv")),
    ("kr_rrn.tsv", include_str!("../vectors/kr_rrn.tsv")),
    ("mx_curp.tsv", include_str!("../vectors/mx_curp.tsv")),
    (
        "national_id.tsv",
        include_str!("../vectors/national_id.tsv"),
    ),
    ("nl_bsn.tsv", include_str!("../vectors/nl_bsn.tsv")),
    ("no_fnr.tsv", include_str!("../vectors/no_fnr.tsv")),
    ("pl_pesel.tsv", include_str!("../vectors/pl_pesel.tsv")),
    ("se_pnr.tsv", include_str!("../vectors/se_pnr.tsv")),
    ("tr_tckn.tsv", include_str!("../vectors/tr_tckn.tsv")),
    ("us_ssn.tsv", include_str!("../vectors/us_ssn.tsv")),
    ("za_id.tsv", include_str!("../vectors/za_id.tsv")),
    (
        "crypto_bitcoin.tsv",
        include_str!("../vectors/crypto_bitcoin.tsv"),
    ),
    (
        "crypto_bitcoin_cash.tsv",
        include_str!("../vectors/crypto_bitcoin_cash.tsv"),
    ),
    (
        "crypto_bitcoin_testnet.tsv",
        include_str!("../vectors/crypto_bitcoin_testnet.tsv"),
    ),
    (
        "crypto_detect.tsv",
        include_str!("../vectors/crypto_detect.tsv"),
    ),
    (
        "crypto_ethereum.tsv",
        include_str!("../vectors/crypto_ethereum.tsv"),
    ),
    (
        "crypto_litecoin.tsv",
        include_str!("../vectors/crypto_litecoin.tsv"),
    ),
    (
        "crypto_solana.tsv",
        include_str!("../vectors/crypto_solana.tsv"),
    ),
    (
        "crypto_tron.tsv",
        include_str!("../vectors/crypto_tron.tsv"),
    ),
    ("crypto_xrp.tsv", include_str!("../vectors/crypto_xrp.tsv")),
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
