//! What each fuzz target does with its input, and the properties it asserts besides "no
//! panic": determinism, loader round trips, and indexed screening equal to exhaustive
//! screening. Only `kyc_check`, `serde_json`, `sha2` and `zip` are used, so the main crate's
//! `tests/fuzz_regressions.rs` includes this file (`#[path]`) and replays the committed
//! crash inputs through exactly this code without libFuzzer.

use kyc_check::model::{EntityType, SourceList};
use kyc_check::screen::work::WorkMeter;
use kyc_check::screen::{Decision, Options as ScreenOptions, Query, Screener};
use kyc_check::snapshot::builder::build_from_sources;
use kyc_check::snapshot::{format, Snapshot};
use kyc_check::sources::{self, ParsedSource};
use kyc_check::validate::birth_date::DateOrder;
use kyc_check::validate::date::Date;
use kyc_check::validate::record::{validate_record, Options as RecordOptions, Record};
use kyc_check::validate::{country, national_id, validate_format, Field};
use sha2::{Digest, Sha256};
use std::path::Path;
use std::sync::OnceLock;

/// Every target, by the name of its `fuzz_targets/*.rs` file and corpus directory.
pub const TARGETS: [&str; 8] = [
    "snapshot_load",
    "validators",
    "record",
    "screen",
    "parse_ofac",
    "parse_un",
    "parse_uk",
    "parse_eu",
];

/// Runs the target named `target` on `data`; false for an unknown target name.
pub fn run(target: &str, data: &[u8]) -> bool {
    match target {
        "snapshot_load" => snapshot_load(data),
        "validators" => validators(data),
        "record" => record(data),
        "screen" => screen(data),
        "parse_ofac" => parse_ofac(data),
        "parse_un" => parse_un(data),
        "parse_uk" => parse_uk(data),
        "parse_eu" => parse_eu(data),
        _ => return false,
    }
    true
}

/// Separates the files packed into one input (OFAC CSV set parts, XLSX parts).
pub const PART_SEPARATOR: &[u8] = b"\n%%%%\n";

/// The fixed reference date of the targets (results must not depend on the clock).
const TODAY: &str = "2026-01-01";

/// Build time of the snapshots the parser targets build.
const BUILT_AT: &str = "2026-01-01T00:00:00Z";

/// How many entities of a loaded snapshot are looked at in detail (keeps runs fast).
const ENTITY_SAMPLE: usize = 64;

/// The bundled default snapshot, loaded once.
fn default_snapshot() -> &'static Snapshot {
    static SNAPSHOT: OnceLock<Snapshot> = OnceLock::new();
    SNAPSHOT.get_or_init(|| {
        Snapshot::from_bytes(kyc_check::snapshot::default_snapshot_bytes())
            .expect("the bundled default snapshot loads")
    })
}

/// Splits `data` at [`PART_SEPARATOR`] into at most `max` parts (the last keeps the rest).
pub fn split_parts(data: &[u8], max: usize) -> Vec<&[u8]> {
    let mut parts = Vec::new();
    let mut rest = data;
    while parts.len() + 1 < max {
        match rest
            .windows(PART_SEPARATOR.len())
            .position(|w| w == PART_SEPARATOR)
        {
            Some(at) => {
                parts.push(&rest[..at]);
                rest = &rest[at + PART_SEPARATOR.len()..];
            }
            None => break,
        }
    }
    parts.push(rest);
    parts
}

/// A ZIP archive of `parts` (stored, uncompressed), so spreadsheet targets reach the XML
/// inside instead of stopping at the archive's checksums.
pub fn zip_stored(parts: &[(&str, &[u8])]) -> Vec<u8> {
    use std::io::Write;
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, bytes) in parts {
        writer.start_file(*name, options).expect("zip in memory");
        writer.write_all(bytes).expect("zip in memory");
    }
    writer.finish().expect("zip in memory").into_inner()
}

/// `data` with the snapshot prefix's payload length and SHA-256 made to match its payload,
/// so mutations reach the section decoders instead of stopping at the integrity check.
pub fn with_valid_prefix(data: &[u8]) -> Option<Vec<u8>> {
    if data.len() < format::PREFIX_LEN {
        return None;
    }
    let mut fixed = data.to_vec();
    let payload_len = u32::try_from(data.len() - format::PREFIX_LEN).ok()?;
    fixed[format::LENGTH_AT..format::LENGTH_AT + 4].copy_from_slice(&payload_len.to_le_bytes());
    let digest = Sha256::digest(&data[format::PREFIX_LEN..]);
    fixed[format::HASH_AT..format::HASH_AT + 32].copy_from_slice(&digest);
    Some(fixed)
}

// ---------------------------------------------------------------------------------------
// Snapshot loading
// ---------------------------------------------------------------------------------------

/// Target `snapshot_load`: the input as a snapshot file (as `loadSnapshot()` gets it), and
/// again with a matching length and hash; whatever loads is read entity by entity (as
/// `entityDetails()` does), screened, diffed and re-encoded.
pub fn snapshot_load(data: &[u8]) {
    // The raw bytes: the integrity checks must refuse, never panic.
    let raw = Snapshot::from_bytes(data);
    let _ = format::read_header(data);
    let _ = format::section_sizes(data);
    if let Ok(snapshot) = raw {
        exercise_snapshot(&snapshot);
    }
    if let Some(fixed) = with_valid_prefix(data) {
        let _ = format::read_header(&fixed);
        let _ = format::decode_without_index(&fixed);
        if let Ok(snapshot) = Snapshot::from_bytes(&fixed) {
            exercise_snapshot(&snapshot);
        }
    }
}

/// Everything a caller can do with a loaded snapshot.
fn exercise_snapshot(snapshot: &Snapshot) {
    let _ = snapshot.info(None);
    let entities = &snapshot.entities;
    let _ = entities.name_count();
    let mut names = Vec::new();
    for i in 0..entities.len().min(ENTITY_SAMPLE) {
        let _ = entities.kind(i);
        let _ = entities.get_without_remarks(i);
        let _ = entities.remarks(i);
        if let Some(Ok(entity)) = entities.get(i) {
            // entityDetails(id): the lookup by id must find an entity with that id.
            let found = entities.position(&entity.id);
            if let Some(j) = found {
                if let Some(Ok(other)) = entities.get(j) {
                    assert_eq!(other.id, entity.id, "position() found another id");
                }
            }
            if let Some(name) = entity.names.first() {
                names.push(name.full.clone());
            }
        }
    }
    let _ = entities.position("");
    let _ = entities.position("ofac_sdn:1");
    // Indexed and exhaustive screening are not compared here: the hash is recomputed over
    // mutated bytes, and a hashed but forged index may drop candidates by design (see
    // `Tables::validate` in src/screen/index.rs); `check_parsed` and `screen` compare them
    // on indexes the builder made.
    let screener = Screener::new(snapshot);
    let options = ScreenOptions::default();
    for name in names.iter().take(4) {
        let query = Query::name(name.clone());
        let first = screener.screen(&query, &options);
        let _ = screener.screen_exhaustive(&query, &options);
        assert_eq!(
            first,
            screener.screen(&query, &options),
            "screening is not deterministic"
        );
    }
    let _ = kyc_check::snapshot::diff::diff(default_snapshot(), snapshot);
    // A loaded snapshot re-encodes to a file that loads again, to the same entities.
    let bytes = snapshot.to_bytes();
    let again = Snapshot::from_bytes(&bytes).expect("a re-encoded snapshot loads");
    assert_eq!(again.entities.len(), snapshot.entities.len());
    assert_eq!(again.to_bytes(), bytes, "re-encoding is not a fixpoint");
}

// ---------------------------------------------------------------------------------------
// Validators
// ---------------------------------------------------------------------------------------

/// Format ids that take no country parameter.
const FIXED_FORMATS: [&str; 26] = [
    "iban",
    "crypto",
    "crypto:bitcoin",
    "crypto:bitcoin_testnet",
    "crypto:bitcoin_cash",
    "crypto:ethereum",
    "crypto:litecoin",
    "crypto:xrp",
    "crypto:tron",
    "crypto:solana",
    "email",
    "name",
    "given_name",
    "family_name",
    "country",
    "nationality",
    "address_text",
    "phone",
    "mrz@2026-01-01",
    "mrz@1990-01-01",
    "birth_date@2026-01-01",
    "birth_date:dmy@2026-01-01",
    "birth_date:mdy@2026-01-01",
    "birth_date:iso@2026-01-01",
    "national_id:UK",
    "national_id:ZZ",
];

/// The format id that selector bytes `selector` and `param` choose: the fixed ids, every
/// national ID format id, or a country-parametrised id (`phone:CC`, `postal_code:CC`,
/// `national_id:CC`) for any country of the table.
pub fn format_for(selector: u8, param: u8) -> String {
    let national = national_id::formats();
    let fixed_count = FIXED_FORMATS.len() + national.len();
    let selector = usize::from(selector);
    if selector < fixed_count {
        return match FIXED_FORMATS.get(selector) {
            Some(id) => (*id).to_string(),
            None => national[selector - FIXED_FORMATS.len()].id.to_string(),
        };
    }
    let countries = country::all();
    let cc = countries[usize::from(param) % countries.len()].alpha2;
    match selector % 3 {
        0 => format!("phone:{cc}"),
        1 => format!("postal_code:{cc}"),
        _ => format!("national_id:{cc}"),
    }
}

/// True for format ids whose canonical value is an input of the same format.
fn reparses_own_output(format: &str) -> bool {
    !(format.starts_with("mrz") || format.starts_with("birth_date:"))
}

/// Target `validators`: byte 0 picks the format id (255: the first line is a free format
/// id), byte 1 the country for parametrised ids, the rest is the input. Every result must
/// be the same twice and every accepted value must validate again to itself.
pub fn validators(data: &[u8]) {
    let [selector, param, rest @ ..] = data else {
        return;
    };
    let (format, input) = if *selector == 255 {
        let text = String::from_utf8_lossy(rest);
        let (format, input) = text.split_once('\n').unwrap_or((&text, ""));
        (format.to_string(), input.to_string())
    } else {
        (
            format_for(*selector, *param),
            String::from_utf8_lossy(rest).into_owned(),
        )
    };
    let first = validate_format(&format, &input);
    let second = validate_format(&format, &input);
    assert_eq!(
        first, second,
        "validate_format({format:?}) is not deterministic"
    );
    // Normalisation is idempotent: an accepted value's canonical form is accepted again,
    // unchanged (dates written in another order and MRZ lines have other canonical forms).
    if let Some(Ok(normalized)) = &first {
        if reparses_own_output(&format) {
            let again = validate_format(&format, &normalized.value);
            assert_eq!(
                again.as_ref().map(|r| r.as_ref().map(|n| &n.value)),
                Some(Ok(&normalized.value)),
                "{format:?}: {input:?} normalises to {:?}, which does not validate to itself",
                normalized.value
            );
        }
    }
    // The direct entry points JavaScript calls with a country name or code.
    let countries = country::all();
    let cc = countries[usize::from(*param) % countries.len()];
    for country_text in [cc.alpha2, cc.alpha3, cc.name] {
        let _ = country::validate(Field::Country, country_text)
            .and_then(|c| kyc_check::validate::address::validate_postal_code(&c.value, &input));
        let _ = country::validate(Field::NationalIdCountry, country_text)
            .and_then(|c| national_id::validate(&c.value, &input));
    }
    let _ = kyc_check::validate::phone::validate_phone(&input, Some(cc.alpha2));
    let _ = kyc_check::validate::crypto::validate(&input, Some(&format));
}

// ---------------------------------------------------------------------------------------
// Whole records
// ---------------------------------------------------------------------------------------

/// Target `record`: a record as JSON (when the input starts with `{`, the CLI's path), or
/// otherwise six option bytes then the 22 fields separated by NUL bytes (an empty field is
/// absent). The report must be the same twice and serialise to JSON.
pub fn record(data: &[u8]) {
    let (record, options) = if data.first() == Some(&b'{') {
        let Ok(record) = serde_json::from_slice::<Record>(data) else {
            return;
        };
        let options = RecordOptions {
            today: Date::parse_iso(TODAY),
            ..RecordOptions::default()
        };
        (record, options)
    } else {
        let [y, m, d, min_age, max_age, order, rest @ ..] = data else {
            return;
        };
        let mut fields = rest
            .split(|&b| b == 0)
            .map(|f| (!f.is_empty()).then(|| String::from_utf8_lossy(f).into_owned()));
        let mut next = || fields.next().flatten();
        let record = Record {
            given_name: next(),
            family_name: next(),
            full_name: next(),
            birth_date: next(),
            email: next(),
            phone: next(),
            phone_country: next(),
            country: next(),
            nationality: next(),
            address_line1: next(),
            city: next(),
            region: next(),
            postal_code: next(),
            mrz: next(),
            document_type: next(),
            document_number: next(),
            document_country: next(),
            national_id: next(),
            national_id_country: next(),
            iban: next(),
            crypto_address: next(),
            crypto_network: next(),
        };
        let options = RecordOptions {
            today: Date::new(1900 + i32::from(*y), 1 + m % 12, 1 + d % 31),
            min_age: u32::from(*min_age),
            max_age: u32::from(*max_age),
            date_order: [DateOrder::Iso, DateOrder::Dmy, DateOrder::Mdy][usize::from(order % 3)],
            default_country: next(),
            blocked_jurisdictions: next().map(|list| list.split(',').map(str::to_string).collect()),
        };
        (record, options)
    };
    let first = validate_record(&record, &options);
    let second = validate_record(&record, &options);
    assert_eq!(first, second, "validate_record is not deterministic");
    serde_json::to_string(&first).expect("a report serialises");
}

// ---------------------------------------------------------------------------------------
// Screening
// ---------------------------------------------------------------------------------------

/// Target `screen`: a query (JSON when the input starts with `{`, otherwise five option
/// bytes then name, birth date, country, id number, crypto address and type separated by
/// NUL bytes) screened against the bundled default snapshot. Screening must be
/// deterministic and the indexed screen must equal the exhaustive one.
pub fn screen(data: &[u8]) {
    let (query, options) = if data.first() == Some(&b'{') {
        let Ok(query) = serde_json::from_slice::<Query>(data) else {
            return;
        };
        (query, ScreenOptions::default())
    } else {
        let [review, block, max, lists, age, rest @ ..] = data else {
            return;
        };
        let mut fields = rest
            .split(|&b| b == 0)
            .map(|f| String::from_utf8_lossy(f).into_owned());
        let name = fields.next().unwrap_or_default();
        let mut next = || fields.next().filter(|f| !f.is_empty());
        let query = Query {
            name,
            birth_date: next(),
            country: next(),
            id_number: next(),
            crypto_address: next(),
            entity_type: next().and_then(|t| EntityType::from_code(&t)),
        };
        let sources: Vec<SourceList> = SourceList::ALL
            .into_iter()
            .enumerate()
            .filter(|(i, _)| lists & (1 << i) != 0)
            .map(|(_, s)| s)
            .collect();
        let options = ScreenOptions {
            // 0 and values over 1 are invalid: screening must fall back to the defaults.
            review_threshold: f64::from(*review) / 200.0,
            block_threshold: f64::from(*block) / 200.0,
            max_matches: usize::from(*max % 32),
            sources: (lists & 0x80 != 0).then_some(sources),
            max_snapshot_age_days: (*age != 0).then_some(u32::from(*age) * 3),
            today: Some(TODAY.to_string()),
        };
        (query, options)
    };
    let screener = Screener::new(default_snapshot());
    let first = screener.screen(&query, &options);
    let second = screener.screen(&query, &options);
    assert_eq!(first, second, "screening is not deterministic");
    let exhaustive = screener.screen_exhaustive(&query, &options);
    let unlimited = screener.screen_metered(&query, &options, &mut WorkMeter::unlimited());
    assert_eq!(
        unlimited, exhaustive,
        "indexed screening differs from exhaustive"
    );
    if first.warnings.iter().any(|w| w.starts_with("work_limit")) {
        // Over the work limit the query is only partly screened: it must fail closed.
        assert_ne!(
            first.decision,
            Decision::Clear,
            "a work-limited query is clear"
        );
    } else {
        assert_eq!(first, exhaustive, "screening within the work limit differs");
    }
}

// ---------------------------------------------------------------------------------------
// Official-format parsers
// ---------------------------------------------------------------------------------------

/// Format detection by content, then the parser it picks (what `snapshot build` does).
fn detect_and_parse(name: &str, bytes: &[u8]) {
    let head = &bytes[..bytes.len().min(sources::DETECT_HEAD_LEN)];
    if let Ok(format) = sources::detect_format(Path::new(name), head) {
        if let Ok(parsed) = sources::parse_bytes(format, name, bytes) {
            check_parsed(parsed);
        }
    }
}

/// What any parser accepted must build into a snapshot that loads back to the same
/// entities, and whose names screen.
fn check_parsed(parsed: ParsedSource) {
    let outcome = build_from_sources(vec![parsed], BUILT_AT, "fuzz");
    let loaded = Snapshot::from_bytes(&outcome.bytes).expect("a built snapshot loads");
    let built = outcome.snapshot.entities.to_vec().expect("built entities");
    let decoded = loaded.entities.to_vec().expect("loaded entities decode");
    assert_eq!(built, decoded, "entities change through the snapshot codec");
    let screener = Screener::new(&loaded);
    let options = ScreenOptions::default();
    for entity in decoded.iter().take(2) {
        for name in entity.names.iter().take(2) {
            let query = Query::name(name.full.clone());
            let indexed = screener.screen(&query, &options);
            let exhaustive = screener.screen_exhaustive(&query, &options);
            assert_eq!(
                indexed, exhaustive,
                "indexed vs exhaustive screening of {query:?}"
            );
        }
    }
}

/// Target `parse_ofac`: an XML input goes to the OFAC XML parser; otherwise the input is an
/// OFAC CSV set (primary, alt, add, comments; [`PART_SEPARATOR`] between files).
pub fn parse_ofac(data: &[u8]) {
    let trimmed = data.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(data);
    let is_xml = trimmed
        .iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|&b| b == b'<');
    if is_xml {
        for list in [SourceList::OfacSdn, SourceList::OfacConsolidated] {
            if let Ok(parsed) = sources::ofac_xml::parse(data, "sdn.xml", list) {
                check_parsed(parsed);
            }
        }
        detect_and_parse("sdn.xml", data);
        return;
    }
    let parts = split_parts(data, 4);
    let mut set = sources::ofac_csv::CsvSetFiles::default();
    let names = ["sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv"];
    let slots = [
        &mut set.primary,
        &mut set.alt,
        &mut set.add,
        &mut set.comments,
    ];
    for ((part, name), slot) in parts.iter().zip(names).zip(slots) {
        *slot = Some((name.to_string(), part.to_vec()));
        let head = &part[..part.len().min(sources::DETECT_HEAD_LEN)];
        let _ = sources::detect_format(Path::new(name), head);
    }
    if let Ok(parsed) = sources::ofac_csv::parse_set(SourceList::OfacSdn, &set) {
        check_parsed(parsed);
    }
}

/// Target `parse_un`: the UN consolidated list XML parser, and detection.
pub fn parse_un(data: &[u8]) {
    if let Ok(parsed) = sources::un_xml::parse(data, "consolidated.xml") {
        check_parsed(parsed);
    }
    detect_and_parse("consolidated.xml", data);
}

/// Target `parse_uk`: byte 0 picks the form. 0: the rest as a file (OFSI CSV, FCDO CSV and
/// FCDO XML parsers, and detection); 1: the rest packed as an XLSX (sheet, then shared
/// strings after [`PART_SEPARATOR`]) for the OFSI workbook parser; 2: the rest packed as an
/// ODS `content.xml` for the FCDO spreadsheet parser; 3: the rest as a raw ZIP for both.
pub fn parse_uk(data: &[u8]) {
    let [selector, rest @ ..] = data else {
        return;
    };
    let results = match selector % 4 {
        0 => {
            detect_and_parse("ConList.csv", rest);
            vec![
                sources::uk_ofsi::parse_csv(rest, "ConList.csv"),
                sources::uk_fcdo::parse_csv(rest, "UK_Sanctions_List.csv"),
                sources::uk_fcdo::parse_xml(rest, "UK_Sanctions_List.xml"),
            ]
        }
        1 => {
            let parts = split_parts(rest, 2);
            let mut files = vec![("xl/worksheets/sheet1.xml", parts[0])];
            if let Some(strings) = parts.get(1) {
                files.push(("xl/sharedStrings.xml", strings));
            }
            let xlsx = zip_stored(&files);
            vec![sources::uk_ofsi::parse_xlsx(&xlsx, "ConList.xlsx")]
        }
        2 => {
            let ods = zip_stored(&[("content.xml", rest)]);
            vec![sources::uk_fcdo::parse_ods(&ods, "UK_Sanctions_List.ods")]
        }
        _ => {
            detect_and_parse("list.zip", rest);
            vec![
                sources::uk_ofsi::parse_xlsx(rest, "ConList.xlsx"),
                sources::uk_fcdo::parse_ods(rest, "UK_Sanctions_List.ods"),
            ]
        }
    };
    for parsed in results.into_iter().flatten() {
        check_parsed(parsed);
    }
}

/// Target `parse_eu`: the EU FSF XML, FSF CSV and legacy XML parsers, and detection.
pub fn parse_eu(data: &[u8]) {
    let results = [
        sources::eu::parse_fsf_xml(data, "fsf.xml"),
        sources::eu::parse_fsf_csv(data, "fsf.csv"),
        sources::eu::parse_legacy_xml(data, "global.xml"),
    ];
    for parsed in results.into_iter().flatten() {
        check_parsed(parsed);
    }
    detect_and_parse("fsf.xml", data);
}
