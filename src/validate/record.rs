//! Whole-record validation: every field of a signup record, plus the checks that need more
//! than one field (document vs typed fields, address completeness, jurisdiction policy).
//!
//! Fields absent from the record (or `null`) are not reported; a field that is present but
//! blank gets `required`. The report lists, per present field, whether it is valid, its
//! normalised value and every error found.

use super::birth_date::{self, BirthDateRules, DateOrder};
use super::date::Date;
use super::error::{ErrorCode, Field, FieldResult, ValidationError};
use super::jurisdiction::Policy;
use super::mrz::{self, TypedIdentity};
use super::text::quote_str;
use super::{address, country, crypto, email, iban, name, national_id, phone, text, Normalized};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One signup record. Every field is optional; unknown fields are rejected so that a typo
/// in a field name does not silently skip its validation.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Record {
    /// Given (first) name.
    pub given_name: Option<String>,
    /// Family (last) name.
    pub family_name: Option<String>,
    /// Full name, for forms with a single name field.
    pub full_name: Option<String>,
    /// Date of birth, written in `Options::date_order`.
    pub birth_date: Option<String>,
    /// Email address.
    pub email: Option<String>,
    /// Phone number, international (`+…`) or national.
    pub phone: Option<String>,
    /// Country whose numbering plan applies to a national phone number.
    pub phone_country: Option<String>,
    /// Country of residence.
    pub country: Option<String>,
    /// Nationality.
    pub nationality: Option<String>,
    /// First address line.
    pub address_line1: Option<String>,
    /// City or town.
    pub city: Option<String>,
    /// Region, state or province.
    pub region: Option<String>,
    /// Postal code.
    pub postal_code: Option<String>,
    /// Machine readable zone of the identity document (lines separated by newlines).
    pub mrz: Option<String>,
    /// Document type: `passport`, `id_card`, `visa`, ...
    pub document_type: Option<String>,
    /// Document number as typed.
    pub document_number: Option<String>,
    /// Issuing country of the document.
    pub document_country: Option<String>,
    /// National ID or tax number.
    pub national_id: Option<String>,
    /// Country whose national ID format applies.
    pub national_id_country: Option<String>,
    /// IBAN.
    pub iban: Option<String>,
    /// Crypto wallet address.
    pub crypto_address: Option<String>,
    /// Network the wallet address is claimed to be on.
    pub crypto_network: Option<String>,
}

impl Record {
    /// The field serialised as `name` (one of [`RECORD_FIELDS`]), for callers that read a
    /// record key by key (the JavaScript API); `None` for any other name.
    pub fn field_mut(&mut self, name: &str) -> Option<&mut Option<String>> {
        Some(match name {
            "given_name" => &mut self.given_name,
            "family_name" => &mut self.family_name,
            "full_name" => &mut self.full_name,
            "birth_date" => &mut self.birth_date,
            "email" => &mut self.email,
            "phone" => &mut self.phone,
            "phone_country" => &mut self.phone_country,
            "country" => &mut self.country,
            "nationality" => &mut self.nationality,
            "address_line1" => &mut self.address_line1,
            "city" => &mut self.city,
            "region" => &mut self.region,
            "postal_code" => &mut self.postal_code,
            "mrz" => &mut self.mrz,
            "document_type" => &mut self.document_type,
            "document_number" => &mut self.document_number,
            "document_country" => &mut self.document_country,
            "national_id" => &mut self.national_id,
            "national_id_country" => &mut self.national_id_country,
            "iban" => &mut self.iban,
            "crypto_address" => &mut self.crypto_address,
            "crypto_network" => &mut self.crypto_network,
            _ => return None,
        })
    }
}

/// The field names of [`Record`], as serialised (for callers that must reject unknown keys
/// themselves, such as the JavaScript API, which reads a record key by key).
pub const RECORD_FIELDS: [&str; 22] = [
    "given_name",
    "family_name",
    "full_name",
    "birth_date",
    "email",
    "phone",
    "phone_country",
    "country",
    "nationality",
    "address_line1",
    "city",
    "region",
    "postal_code",
    "mrz",
    "document_type",
    "document_number",
    "document_country",
    "national_id",
    "national_id_country",
    "iban",
    "crypto_address",
    "crypto_network",
];

/// The key names of [`Options`], as serialised.
pub const OPTION_FIELDS: [&str; 6] = [
    "today",
    "min_age",
    "max_age",
    "date_order",
    "default_country",
    "blocked_jurisdictions",
];

/// How a record is validated. Every field has a default, so `{}` is a valid options object.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Options {
    /// Reference date for ages, future dates and document expiry (`YYYY-MM-DD`); the
    /// current UTC date when omitted. Pass it explicitly for reproducible results.
    pub today: Option<Date>,
    /// Minimum age in completed years (default 18).
    pub min_age: u32,
    /// Maximum plausible age in completed years (default 120).
    pub max_age: u32,
    /// How birth dates are written: `iso` (default), `dmy` or `mdy`.
    pub date_order: DateOrder,
    /// Country for national phone numbers when the record has no `phone_country`.
    pub default_country: Option<String>,
    /// Blocked jurisdictions: alpha-2 codes and region ids (see
    /// [`super::jurisdiction`]); `None` uses the default list.
    pub blocked_jurisdictions: Option<Vec<String>>,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            today: None,
            min_age: birth_date::DEFAULT_MIN_AGE,
            max_age: birth_date::DEFAULT_MAX_AGE,
            date_order: DateOrder::Iso,
            default_country: None,
            blocked_jurisdictions: None,
        }
    }
}

/// One error in a report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorEntry {
    /// Stable snake_case code.
    pub code: ErrorCode,
    /// English explanation.
    pub message: String,
}

/// The outcome for one field.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldReport {
    /// True when the field has no errors.
    pub valid: bool,
    /// Canonical value, when the field itself parsed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub normalized: Option<String>,
    /// Display form, when it differs from `normalized`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub formatted: Option<String>,
    /// Facts found while validating (scripts, age, network, ...).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub details: BTreeMap<String, String>,
    /// Every error found, field-level first, then cross-checks.
    pub errors: Vec<ErrorEntry>,
}

impl FieldReport {
    /// The report for one validator result.
    pub fn from_result(result: FieldResult) -> FieldReport {
        match result {
            Ok(n) => FieldReport {
                valid: true,
                normalized: Some(n.value),
                formatted: n.formatted,
                details: n.details,
                errors: Vec::new(),
            },
            Err(e) => FieldReport {
                valid: false,
                errors: vec![ErrorEntry {
                    code: e.code,
                    message: e.message,
                }],
                ..FieldReport::default()
            },
        }
    }
}

/// The outcome for a whole record.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordReport {
    /// True when every reported field is valid.
    pub valid: bool,
    /// Per-field outcome, keyed by snake_case field name.
    pub fields: BTreeMap<String, FieldReport>,
}

impl RecordReport {
    /// A report for a record that could not be read at all (e.g. malformed JSON): one
    /// `record` field with the error.
    pub fn record_error(code: ErrorCode, message: impl Into<String>) -> RecordReport {
        let mut report = RecordReport::default();
        report.add_error(&ValidationError::new(Field::Record, code, message));
        report
    }

    /// Records a field result.
    fn set(&mut self, field: Field, result: FieldResult) {
        let report = FieldReport::from_result(result.map_err(|e| e.with_field(field)));
        self.valid &= report.valid;
        self.fields.insert(field.name().to_string(), report);
    }

    /// Adds an error (a cross-check) to the error's field, creating the entry if needed.
    pub fn add_error(&mut self, error: &ValidationError) {
        let entry = self
            .fields
            .entry(error.field.name().to_string())
            .or_default();
        entry.valid = false;
        entry.errors.push(ErrorEntry {
            code: error.code,
            message: error.message.clone(),
        });
        self.valid = false;
    }

    /// The normalised value of a field that validated.
    pub fn normalized(&self, field: Field) -> Option<&str> {
        self.fields
            .get(field.name())
            .filter(|f| f.valid)
            .and_then(|f| f.normalized.as_deref())
    }
}

/// Longest address line, city or region in characters (after normalisation).
pub const MAX_ADDRESS_TEXT_CHARS: usize = 200;
/// Longest raw address line, city or region input in bytes (`too_long` beyond).
pub const MAX_ADDRESS_TEXT_BYTES: usize = MAX_ADDRESS_TEXT_CHARS * 4;

/// Cleans a free-text address field (line 1, city, region): Unicode hygiene only.
pub fn validate_address_text(field: Field, input: &str) -> FieldResult {
    let value = text::clean_text(field, input, MAX_ADDRESS_TEXT_BYTES, MAX_ADDRESS_TEXT_CHARS)?;
    Ok(Normalized::new(value))
}

/// Document types a record may name.
pub const DOCUMENT_TYPES: [&str; 5] = [
    "passport",
    "id_card",
    "visa",
    "residence_permit",
    "driving_licence",
];

/// Longest raw document type input in bytes (`too_long` beyond).
pub const MAX_DOCUMENT_TYPE_BYTES: usize = 40;

/// Validates a document type: one of [`DOCUMENT_TYPES`] (case-insensitive; `-` or space
/// for `_`; `driver_license` accepted for `driving_licence`).
pub fn validate_document_type(input: &str) -> FieldResult {
    let field = Field::DocumentType;
    text::check_length(field, input, MAX_DOCUMENT_TYPE_BYTES)?;
    let key = input.trim().to_ascii_lowercase().replace(['-', ' '], "_");
    let key = match key.as_str() {
        "driver_license" | "drivers_license" | "driving_license" => "driving_licence",
        "identity_card" | "national_id_card" => "id_card",
        other => other,
    };
    if key.is_empty() {
        return Err(ValidationError::new(
            field,
            ErrorCode::Required,
            "document type is blank",
        ));
    }
    match DOCUMENT_TYPES.iter().find(|&&t| t == key) {
        Some(t) => Ok(Normalized::new(*t)),
        None => Err(ValidationError::new(
            field,
            ErrorCode::InvalidFormat,
            format!("document type must be one of {}", DOCUMENT_TYPES.join(", ")),
        )),
    }
}

/// Longest document number, in characters after removing spaces and hyphens.
pub const MAX_DOCUMENT_NUMBER: usize = 20;

/// Validates a typed document number: letters and digits (spaces and hyphens dropped),
/// 1-20 characters; the normalised value is upper-case.
pub fn validate_document_number(input: &str) -> FieldResult {
    let field = Field::DocumentNumber;
    let folded = text::fold_code(field, input, MAX_DOCUMENT_NUMBER * 4)?;
    let compact: String = folded
        .chars()
        .filter(|&c| c != ' ' && c != '-')
        .map(|c| c.to_ascii_uppercase())
        .collect();
    if compact.is_empty() {
        return Err(ValidationError::new(
            field,
            ErrorCode::Required,
            "document number is blank",
        ));
    }
    if let Some(c) = compact.chars().find(|c| !c.is_ascii_alphanumeric()) {
        return Err(ValidationError::new(
            field,
            ErrorCode::InvalidCharacter,
            format!("`{c}` is not allowed in a document number"),
        ));
    }
    if compact.len() > MAX_DOCUMENT_NUMBER {
        return Err(ValidationError::new(
            field,
            ErrorCode::InvalidLength,
            format!("longer than {MAX_DOCUMENT_NUMBER} characters"),
        ));
    }
    Ok(Normalized::new(compact))
}

/// True when an MRZ document code fits the typed document type.
fn document_code_fits(code: &str, document_type: &str) -> bool {
    match document_type {
        "passport" => code.starts_with('P'),
        "visa" => code.starts_with('V'),
        _ => !code.starts_with('P') && !code.starts_with('V'),
    }
}

/// Validates the MRZ field and compares it with the typed fields already in `report`.
fn check_mrz(report: &mut RecordReport, input: &str, today: Date, policy: &Policy) {
    let parsed = match mrz::parse_mrz(input, today) {
        Ok(parsed) => parsed,
        Err(e) => return report.set(Field::Mrz, Err(e)),
    };
    report.set(Field::Mrz, Ok(parsed.to_normalized()));
    if parsed.is_expired(today) {
        report.add_error(&mrz::expired_error(&parsed));
    }
    let mut errors = {
        let typed = TypedIdentity {
            given_name: report.normalized(Field::GivenName),
            family_name: report.normalized(Field::FamilyName),
            full_name: report.normalized(Field::FullName),
            birth_date: report
                .normalized(Field::BirthDate)
                .and_then(Date::parse_iso),
            nationality: report.normalized(Field::Nationality),
            document_number: report.normalized(Field::DocumentNumber),
            document_country: report.normalized(Field::DocumentCountry),
        };
        mrz::cross_check(&parsed, &typed)
    };
    if let Some(doc_type) = report.normalized(Field::DocumentType) {
        if !document_code_fits(&parsed.document_code, doc_type) {
            errors.push(ValidationError::new(
                Field::Mrz,
                ErrorCode::Mismatch,
                format!(
                    "document type {doc_type} does not match MRZ document code {}",
                    parsed.document_code
                ),
            ));
        }
    }
    if let Some(nationality) = parsed.nationality_alpha2 {
        errors.extend(policy.check_country(Field::Mrz, nationality));
    }
    for e in &errors {
        report.add_error(e);
    }
}

/// Validates the national ID against the country it belongs to (`national_id_country`,
/// else the country of residence, else the nationality) and compares the birth date it
/// embeds with the typed one (`birth_date_mismatch`).
fn check_national_id(report: &mut RecordReport, r: &Record, input: &str) {
    let country = [Field::NationalIdCountry, Field::Country, Field::Nationality]
        .into_iter()
        .find_map(|f| report.normalized(f))
        .map(str::to_string);
    let Some(country) = country else {
        let missing = ValidationError::new(
            Field::NationalIdCountry,
            ErrorCode::Required,
            "a national ID needs national_id_country (or country)",
        );
        // Only when no country field was given at all; an invalid one already has its error.
        if r.national_id_country.is_none() && r.country.is_none() && r.nationality.is_none() {
            report.add_error(&missing);
        }
        return;
    };
    let result = national_id::validate(&country, input);
    let embedded = result
        .as_ref()
        .ok()
        .and_then(|n| n.details.get("birth_date").cloned());
    report.set(Field::NationalId, result);
    let typed = report.normalized(Field::BirthDate).map(str::to_string);
    if let (Some(embedded), Some(typed)) = (embedded, typed) {
        if embedded != typed {
            report.add_error(&ValidationError::new(
                Field::NationalId,
                ErrorCode::BirthDateMismatch,
                format!("the national ID encodes birth date {embedded}, typed {typed}"),
            ));
        }
    }
}

/// Validates the wallet address against the stated network; an unknown network is reported
/// on `crypto_network`, everything else on `crypto_address`.
fn check_crypto(report: &mut RecordReport, address: &str, network: Option<&str>) {
    match crypto::validate(address, network) {
        Err(e) if e.field == Field::CryptoNetwork => report.add_error(&e),
        result => report.set(Field::CryptoAddress, result),
    }
}

/// The sex encoded in the national ID and the MRZ must agree (`sex_mismatch`).
fn check_sex(report: &mut RecordReport) {
    let from = |field: Field| {
        report
            .fields
            .get(field.name())
            .and_then(|f| f.details.get("sex"))
            .filter(|s| matches!(s.as_str(), "M" | "F"))
            .cloned()
    };
    if let (Some(id_sex), Some(mrz_sex)) = (from(Field::NationalId), from(Field::Mrz)) {
        if id_sex != mrz_sex {
            report.add_error(&ValidationError::new(
                Field::NationalId,
                ErrorCode::SexMismatch,
                format!("the national ID encodes sex {id_sex}, the MRZ {mrz_sex}"),
            ));
        }
    }
}

/// Address completeness: once any address part is given, the country and the parts the
/// country requires must be there too.
fn check_address_parts(report: &mut RecordReport, r: &Record) {
    let present = [&r.address_line1, &r.city, &r.region, &r.postal_code]
        .iter()
        .any(|v| v.is_some());
    if !present {
        return;
    }
    let Some(cc) = report.normalized(Field::Country).map(str::to_string) else {
        if r.country.is_none() {
            report.add_error(&ValidationError::new(
                Field::Country,
                ErrorCode::Required,
                "an address needs a country",
            ));
        }
        return;
    };
    let required = address::required_parts(&cc);
    let parts = [
        (
            Field::AddressLine1,
            &r.address_line1,
            required.address_line1,
        ),
        (Field::City, &r.city, required.city),
        (Field::Region, &r.region, required.region),
        (
            Field::PostalCode,
            &r.postal_code,
            required.postal_code && address::has_postal_codes(&cc),
        ),
    ];
    for (field, value, needed) in parts {
        if needed && value.is_none() {
            report.add_error(&ValidationError::new(
                field,
                ErrorCode::Required,
                format!("{} is required for an address in {cc}", field.name()),
            ));
        }
    }
}

/// Applies the jurisdiction policy to the country, nationality and address.
fn check_jurisdictions(report: &mut RecordReport, r: &Record, policy: &Policy) {
    let mut errors = Vec::new();
    for field in [Field::Country, Field::Nationality] {
        if let Some(cc) = report.normalized(field) {
            errors.extend(policy.check_country(field, cc));
        }
    }
    // Invalid text is still read: a blocked region must not slip through on a typo elsewhere.
    let text_of = |field: Field, raw: &Option<String>| -> Option<String> {
        report
            .normalized(field)
            .map(str::to_string)
            .or_else(|| raw.clone())
    };
    let country = report.normalized(Field::Country);
    errors.extend(policy.check_address(
        country,
        text_of(Field::Region, &r.region).as_deref(),
        text_of(Field::City, &r.city).as_deref(),
        text_of(Field::PostalCode, &r.postal_code).as_deref(),
    ));
    for e in &errors {
        report.add_error(e);
    }
}

/// Validates every present field of `record` and the cross-field rules.
pub fn validate_record(record: &Record, options: &Options) -> RecordReport {
    let today = options.today.unwrap_or_else(Date::today_utc);
    let mut report = RecordReport {
        valid: true,
        fields: BTreeMap::new(),
    };
    let r = record;

    for (field, value) in [
        (Field::GivenName, &r.given_name),
        (Field::FamilyName, &r.family_name),
        (Field::FullName, &r.full_name),
    ] {
        if let Some(v) = value {
            report.set(field, name::validate_name_field(field, v));
        }
    }
    if let Some(v) = &r.birth_date {
        let rules = BirthDateRules {
            order: options.date_order,
            today,
            min_age: options.min_age,
            max_age: options.max_age,
        };
        report.set(Field::BirthDate, birth_date::validate_birth_date(v, &rules));
    }
    if let Some(v) = &r.email {
        report.set(Field::Email, email::validate_email(v));
    }
    for (field, value) in [
        (Field::Country, &r.country),
        (Field::Nationality, &r.nationality),
        (Field::PhoneCountry, &r.phone_country),
        (Field::DocumentCountry, &r.document_country),
        (Field::NationalIdCountry, &r.national_id_country),
    ] {
        if let Some(v) = value {
            report.set(field, country::validate(field, v));
        }
    }
    for (field, value) in [
        (Field::AddressLine1, &r.address_line1),
        (Field::City, &r.city),
        (Field::Region, &r.region),
    ] {
        if let Some(v) = value {
            report.set(field, validate_address_text(field, v));
        }
    }
    if let Some(v) = &r.postal_code {
        let cc = report.normalized(Field::Country).unwrap_or("");
        let result = address::validate_postal_code(cc, v);
        report.set(Field::PostalCode, result);
    }
    if let Some(v) = &r.phone {
        let default_country = report
            .normalized(Field::PhoneCountry)
            .map(str::to_string)
            .or_else(|| options.default_country.clone());
        let result = phone::validate_phone(v, default_country.as_deref());
        report.set(Field::Phone, result);
    }
    if let Some(v) = &r.iban {
        report.set(Field::Iban, iban::validate(v));
    }
    if let Some(v) = &r.national_id {
        check_national_id(&mut report, r, v);
    }
    if let Some(v) = &r.crypto_address {
        check_crypto(&mut report, v, r.crypto_network.as_deref());
    } else if let Some(network) = &r.crypto_network {
        // A network alone is checked by name (an empty address string always fails).
        if crypto::Network::from_name(network.trim()).is_none() {
            report.add_error(&ValidationError::new(
                Field::CryptoNetwork,
                ErrorCode::UnknownNetwork,
                format!("network {} is not supported", quote_str(network)),
            ));
        }
    }
    if let Some(v) = &r.document_type {
        report.set(Field::DocumentType, validate_document_type(v));
    }
    if let Some(v) = &r.document_number {
        report.set(Field::DocumentNumber, validate_document_number(v));
    }
    // Cross-checks run last: they compare against the typed fields' normalised values.
    let policy = match &options.blocked_jurisdictions {
        None => Policy::default(),
        Some(list) => Policy::from_list(list).unwrap_or_else(|message| {
            report.add_error(&ValidationError::new(
                Field::Record,
                ErrorCode::InvalidFormat,
                format!("options: {message}"),
            ));
            Policy::default()
        }),
    };
    if let Some(v) = &r.mrz {
        check_mrz(&mut report, v, today, &policy);
    }
    check_sex(&mut report);
    check_address_parts(&mut report, r);
    check_jurisdictions(&mut report, r, &policy);
    report
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options() -> Options {
        Options {
            today: Date::parse_iso("2026-01-01"),
            ..Options::default()
        }
    }

    #[test]
    fn valid_record_reports_normalized_values() {
        let record = Record {
            given_name: Some("Anna\u{00A0}Maria".into()),
            family_name: Some("Eriksson".into()),
            birth_date: Some("1974-08-12".into()),
            email: Some("anna@Example.se".into()),
            country: Some("Sweden".into()),
            ..Record::default()
        };
        let report = validate_record(&record, &options());
        assert!(report.valid, "{report:?}");
        assert_eq!(report.normalized(Field::GivenName), Some("Anna Maria"));
        assert_eq!(report.normalized(Field::Email), Some("anna@example.se"));
        assert_eq!(report.normalized(Field::Country), Some("SE"));
        assert_eq!(report.fields["birth_date"].details["age"], "51");
        assert!(!report.fields.contains_key("phone"));
    }

    #[test]
    fn invalid_fields_are_reported_with_codes() {
        let record = Record {
            given_name: Some("Ann4".into()),
            birth_date: Some("2010-01-01".into()),
            email: Some("".into()),
            ..Record::default()
        };
        let report = validate_record(&record, &options());
        assert!(!report.valid);
        assert_eq!(
            report.fields["given_name"].errors[0].code,
            ErrorCode::DigitInName
        );
        assert_eq!(
            report.fields["birth_date"].errors[0].code,
            ErrorCode::TooYoung
        );
        assert_eq!(report.fields["email"].errors[0].code, ErrorCode::Required);
    }

    const TD3: &str = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10";

    #[test]
    fn mrz_is_cross_checked_against_typed_fields() {
        let mut record = Record {
            given_name: Some("Anna Maria".into()),
            family_name: Some("Eriksson".into()),
            birth_date: Some("1974-08-12".into()),
            document_type: Some("Passport".into()),
            document_number: Some("l898902c3".into()),
            mrz: Some(TD3.into()),
            ..Record::default()
        };
        let opts = Options {
            today: Date::parse_iso("2011-01-01"),
            ..Options::default()
        };
        let report = validate_record(&record, &opts);
        assert!(report.valid, "{report:?}");
        assert_eq!(report.fields["mrz"].details["document_number"], "L898902C3");

        record.family_name = Some("Eriksen".into());
        record.birth_date = Some("1974-08-21".into());
        record.document_type = Some("id_card".into());
        let report = validate_record(&record, &options());
        let codes: Vec<ErrorCode> = report.fields["mrz"].errors.iter().map(|e| e.code).collect();
        assert_eq!(
            codes,
            [
                ErrorCode::DocumentExpired,
                ErrorCode::NameMismatch,
                ErrorCode::BirthDateMismatch,
                ErrorCode::Mismatch
            ]
        );
        assert_eq!(
            report.fields["mrz"].normalized.as_deref().map(|v| v.len()),
            Some(89)
        );
    }

    #[test]
    fn address_phone_and_jurisdiction() {
        let record = Record {
            phone: Some("030 123456".into()),
            country: Some("Germany".into()),
            address_line1: Some("Unter den Linden 1".into()),
            city: Some("Berlin".into()),
            postal_code: Some("10117".into()),
            ..Record::default()
        };
        let opts = Options {
            default_country: Some("DE".into()),
            ..options()
        };
        let report = validate_record(&record, &opts);
        assert!(report.valid, "{report:?}");
        assert_eq!(report.normalized(Field::Phone), Some("+4930123456"));

        let missing = Record {
            country: Some("US".into()),
            city: Some("Cupertino".into()),
            postal_code: Some("9501".into()),
            ..Record::default()
        };
        let report = validate_record(&missing, &options());
        let code = |f: &str| report.fields[f].errors[0].code;
        assert_eq!(code("address_line1"), ErrorCode::Required);
        assert_eq!(code("region"), ErrorCode::Required);
        assert_eq!(code("postal_code"), ErrorCode::InvalidPostalCode);

        let crimea = Record {
            country: Some("Ukraine".into()),
            address_line1: Some("вул. Пушкіна 1".into()),
            city: Some("Сімферополь".into()),
            postal_code: Some("95000".into()),
            nationality: Some("IRN".into()),
            ..Record::default()
        };
        let report = validate_record(&crimea, &options());
        for f in ["city", "postal_code", "nationality"] {
            assert_eq!(
                report.fields[f].errors.last().map(|e| e.code),
                Some(ErrorCode::BlockedJurisdiction),
                "{f}"
            );
        }
        let allow_all = Options {
            blocked_jurisdictions: Some(vec![]),
            ..options()
        };
        assert!(validate_record(&crimea, &allow_all).valid);
        let bad_list = Options {
            blocked_jurisdictions: Some(vec!["Narnia".into()]),
            ..options()
        };
        assert_eq!(
            validate_record(&crimea, &bad_list).fields["record"].errors[0].code,
            ErrorCode::InvalidFormat
        );
    }

    #[test]
    fn national_id_and_iban() {
        // PESEL 44051401458: born 1944-05-14, male (Polish PESEL specification example).
        let record = Record {
            birth_date: Some("1944-05-14".into()),
            national_id: Some("44051401458".into()),
            national_id_country: Some("PL".into()),
            iban: Some("GB82 WEST 1234 5698 7654 32".into()),
            ..Record::default()
        };
        let report = validate_record(&record, &options());
        assert!(report.valid, "{report:?}");
        assert_eq!(
            report.normalized(Field::Iban),
            Some("GB82WEST12345698765432")
        );

        let mismatch = Record {
            birth_date: Some("1944-05-15".into()),
            ..record.clone()
        };
        let report = validate_record(&mismatch, &options());
        assert_eq!(
            report.fields["national_id"].errors[0].code,
            ErrorCode::BirthDateMismatch
        );
        let no_country = Record {
            national_id: Some("44051401458".into()),
            ..Record::default()
        };
        let report = validate_record(&no_country, &options());
        assert_eq!(
            report.fields["national_id_country"].errors[0].code,
            ErrorCode::Required
        );
    }

    #[test]
    fn crypto_address_and_network() {
        // The Bitcoin genesis block address and a BIP-173 P2WPKH example.
        let record = Record {
            crypto_address: Some("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa".into()),
            crypto_network: Some("bitcoin".into()),
            ..Record::default()
        };
        let report = validate_record(&record, &options());
        assert!(report.valid, "{report:?}");
        let wrong = Record {
            crypto_network: Some("ethereum".into()),
            ..record.clone()
        };
        let report = validate_record(&wrong, &options());
        assert_eq!(
            report.fields["crypto_address"].errors[0].code,
            ErrorCode::NetworkMismatch
        );
        let unknown = Record {
            crypto_network: Some("dogecoin-classic".into()),
            ..record
        };
        let report = validate_record(&unknown, &options());
        assert_eq!(
            report.fields["crypto_network"].errors[0].code,
            ErrorCode::UnknownNetwork
        );
    }

    /// `field_mut` reaches the field serialised under each name, and no other.
    #[test]
    fn field_mut_sets_the_field_of_each_serialised_name() {
        let mut record = Record::default();
        for name in RECORD_FIELDS {
            let slot = record
                .field_mut(name)
                .expect("a field of every listed name");
            assert!(slot.is_none(), "{name} reached twice");
            *slot = Some(name.to_string());
        }
        assert!(record.field_mut("emial").is_none());
        let json = serde_json::to_value(&record).unwrap();
        for name in RECORD_FIELDS {
            assert_eq!(json[name], name, "{name}");
        }
    }

    #[test]
    fn field_name_lists_match_serde() {
        let record: serde_json::Map<String, serde_json::Value> = RECORD_FIELDS
            .iter()
            .map(|f| (f.to_string(), serde_json::Value::String("x".into())))
            .collect();
        let parsed: Record = serde_json::from_value(serde_json::Value::Object(record)).unwrap();
        assert_eq!(
            serde_json::to_value(&parsed)
                .unwrap()
                .as_object()
                .unwrap()
                .len(),
            22
        );
        let options = serde_json::to_value(Options::default()).unwrap();
        let keys: Vec<&str> = options
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        let mut expected = OPTION_FIELDS.to_vec();
        expected.sort_unstable();
        assert_eq!(keys, expected);
    }

    #[test]
    fn options_deserialize_with_defaults() {
        let o: Options =
            serde_json::from_str(r#"{"today":"2026-01-01","date_order":"dmy"}"#).unwrap();
        assert_eq!(o.min_age, 18);
        assert_eq!(o.date_order, DateOrder::Dmy);
        assert!(serde_json::from_str::<Options>(r#"{"today":"2026-02-30"}"#).is_err());
        assert!(serde_json::from_str::<Record>(r#"{"givenname":"x"}"#).is_err());
    }
}
