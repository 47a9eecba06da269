//! The error and result types every validator returns.
//!
//! Codes are stable snake_case strings: callers key UI messages and analytics on them, so a
//! code is never renamed once released. The English `message` is for logs and developers.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// The form field a result belongs to. Serialised as the snake_case field name used by the
/// CLI's JSON Lines records and by `validateRecord` in JavaScript.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    /// Given (first) name.
    GivenName,
    /// Family (last) name.
    FamilyName,
    /// Full name in one field.
    FullName,
    /// Date of birth.
    BirthDate,
    /// Email address.
    Email,
    /// Phone number.
    Phone,
    /// Default country for a nationally written phone number.
    PhoneCountry,
    /// Country of residence.
    Country,
    /// Nationality.
    Nationality,
    /// First address line.
    AddressLine1,
    /// City or town.
    City,
    /// Region, state or province.
    Region,
    /// Postal code.
    PostalCode,
    /// Machine readable zone of a passport, ID card or visa.
    Mrz,
    /// Document type (passport, id_card, ...).
    DocumentType,
    /// Document number.
    DocumentNumber,
    /// Issuing country of the document.
    DocumentCountry,
    /// National ID or tax number.
    NationalId,
    /// Country whose national ID format applies.
    NationalIdCountry,
    /// IBAN.
    Iban,
    /// Crypto wallet address.
    CryptoAddress,
    /// Crypto network the address is claimed to be on.
    CryptoNetwork,
    /// The record as a whole (e.g. malformed JSON line).
    Record,
}

impl Field {
    /// The snake_case field name.
    pub fn name(self) -> &'static str {
        match self {
            Field::GivenName => "given_name",
            Field::FamilyName => "family_name",
            Field::FullName => "full_name",
            Field::BirthDate => "birth_date",
            Field::Email => "email",
            Field::Phone => "phone",
            Field::PhoneCountry => "phone_country",
            Field::Country => "country",
            Field::Nationality => "nationality",
            Field::AddressLine1 => "address_line1",
            Field::City => "city",
            Field::Region => "region",
            Field::PostalCode => "postal_code",
            Field::Mrz => "mrz",
            Field::DocumentType => "document_type",
            Field::DocumentNumber => "document_number",
            Field::DocumentCountry => "document_country",
            Field::NationalId => "national_id",
            Field::NationalIdCountry => "national_id_country",
            Field::Iban => "iban",
            Field::CryptoAddress => "crypto_address",
            Field::CryptoNetwork => "crypto_network",
            Field::Record => "record",
        }
    }
}

/// Stable machine-readable error codes. Serialised in snake_case (`InvalidChecksum` →
/// `invalid_checksum`). New codes may be added; existing ones never change meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    // --- generic ---
    /// A required field is missing or blank.
    Required,
    /// Input longer than the field's documented limit (rejected without being scanned).
    TooLong,
    /// Input shorter than the field allows.
    TooShort,
    /// The value has the wrong number of characters or digits for its format.
    InvalidLength,
    /// A character that the field does not allow.
    InvalidCharacter,
    /// The value does not have the format's structure.
    InvalidFormat,
    /// A check digit or checksum does not verify.
    InvalidChecksum,
    /// A control, format (zero-width, bidi override) or other invisible character.
    ControlCharacter,
    /// The country (or a country-specific format) is not supported or not known.
    UnsupportedCountry,
    // --- names ---
    /// Digits inside a name.
    DigitInName,
    /// Emoji or other symbol inside a name.
    SymbolInName,
    /// One word mixes scripts (e.g. Latin with Cyrillic look-alikes).
    MixedScript,
    // --- dates ---
    /// Not a real calendar date.
    InvalidDate,
    /// Date in the future.
    FutureDate,
    /// Younger than the minimum age.
    TooYoung,
    /// Older than the maximum plausible age.
    TooOld,
    // --- email ---
    /// Local part longer than 64 characters.
    LocalPartTooLong,
    /// Domain is not a valid (optionally internationalised) domain with a dot.
    InvalidDomain,
    // --- phone ---
    /// The country calling code does not exist.
    UnknownCallingCode,
    /// National number length or leading digits do not fit the country's numbering plan.
    InvalidNumberForCountry,
    // --- country / address ---
    /// Not an ISO 3166-1 country.
    UnknownCountry,
    /// The jurisdiction is blocked by policy (comprehensively sanctioned).
    BlockedJurisdiction,
    /// Postal code does not have the country's format.
    InvalidPostalCode,
    // --- documents ---
    /// Document has expired.
    DocumentExpired,
    /// A value in the document (MRZ, national ID) disagrees with a typed field.
    Mismatch,
    /// Name in the document differs from the typed name.
    NameMismatch,
    /// Birth date in the document differs from the typed birth date.
    BirthDateMismatch,
    /// Nationality in the document differs from the typed nationality.
    NationalityMismatch,
    /// Sex encoded in the document differs from the one given.
    SexMismatch,
    /// Country code of the IBAN or ID is not in the registry.
    UnknownCountryCode,
    // --- crypto ---
    /// Address does not belong to the stated network.
    NetworkMismatch,
    /// Address is not recognised for any supported network.
    UnknownNetwork,
}

crate::serde_table::serialize_unit_enum!(ErrorCode, ERROR_CODE_NAMES);

/// The serialised (snake_case) names of [`ErrorCode`]'s variants, in declaration order.
pub(crate) const ERROR_CODE_NAMES: [&str; ErrorCode::UnknownNetwork as usize + 1] = [
    "required",
    "too_long",
    "too_short",
    "invalid_length",
    "invalid_character",
    "invalid_format",
    "invalid_checksum",
    "control_character",
    "unsupported_country",
    "digit_in_name",
    "symbol_in_name",
    "mixed_script",
    "invalid_date",
    "future_date",
    "too_young",
    "too_old",
    "local_part_too_long",
    "invalid_domain",
    "unknown_calling_code",
    "invalid_number_for_country",
    "unknown_country",
    "blocked_jurisdiction",
    "invalid_postal_code",
    "document_expired",
    "mismatch",
    "name_mismatch",
    "birth_date_mismatch",
    "nationality_mismatch",
    "sex_mismatch",
    "unknown_country_code",
    "network_mismatch",
    "unknown_network",
];

/// Why a value was rejected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValidationError {
    /// The field the error is about.
    pub field: Field,
    /// Stable snake_case code.
    pub code: ErrorCode,
    /// English explanation for developers and logs.
    pub message: String,
}

impl ValidationError {
    /// A new error.
    pub fn new(field: Field, code: ErrorCode, message: impl Into<String>) -> ValidationError {
        ValidationError {
            field,
            code,
            message: message.into(),
        }
    }

    /// The same error attributed to another field (e.g. when a record re-tags a
    /// format-level error).
    pub fn with_field(mut self, field: Field) -> ValidationError {
        self.field = field;
        self
    }
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {}: {}",
            self.field.name(),
            code_name(self.code),
            self.message
        )
    }
}

impl std::error::Error for ValidationError {}

/// The snake_case name of an error code, as serialised.
pub fn code_name(code: ErrorCode) -> String {
    // Derived from the serde name so there is a single source of truth.
    let debug = format!("{code:?}");
    let mut out = String::with_capacity(debug.len() + 4);
    for (i, ch) in debug.chars().enumerate() {
        if ch.is_ascii_uppercase() {
            if i > 0 {
                out.push('_');
            }
            out.push(ch.to_ascii_lowercase());
        } else {
            out.push(ch);
        }
    }
    out
}

/// A successfully validated value.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Normalized {
    /// Canonical value (e.g. E.164 phone, compact IBAN, NFC name, ISO date, alpha-2 code).
    pub value: String,
    /// Human display form when it differs from `value` (e.g. IBAN in groups of four).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub formatted: Option<String>,
    /// Extra facts found while validating, keyed by snake_case names, e.g.
    /// `scripts` → `Latin`, `network` → `bitcoin`, `birth_date` → `1990-01-31`.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub details: BTreeMap<String, String>,
}

impl Normalized {
    /// A normalised value with no display form or details.
    pub fn new(value: impl Into<String>) -> Normalized {
        Normalized {
            value: value.into(),
            formatted: None,
            details: BTreeMap::new(),
        }
    }

    /// Adds a detail (builder style).
    pub fn with_detail(mut self, key: &str, value: impl Into<String>) -> Normalized {
        self.details.insert(key.to_string(), value.into());
        self
    }
}

/// Result of validating one field.
pub type FieldResult = Result<Normalized, ValidationError>;
