//! The `validate_format` ids of the field validators (names, dates, email, phone, country,
//! postal code, MRZ), shared by the test vectors, the CLI and JavaScript's `validateFormat`.
//!
//! Ids: `name` (full name), `given_name`, `family_name`, `email`, `country`, `nationality`,
//! `address_text`, and `birth_date[:ORDER][@TODAY]` where ORDER is `iso` (default), `dmy` or
//! `mdy` and TODAY a `YYYY-MM-DD` reference date (default: the current UTC date), e.g.
//! `birth_date:dmy@2026-01-01`; `mrz[@TODAY]` (expiry is judged on TODAY); `phone[:CC]`
//! (CC: default country for national numbers); `postal_code:CC`.

use super::birth_date::{self, BirthDateRules, DateOrder};
use super::date::Date;
use super::error::{Field, FieldResult};
use super::{address, country, email, mrz, name, phone, record};

/// Splits `base[:arg][@today]` into its parts.
fn split_format(format: &str) -> (&str, Option<&str>, Option<&str>) {
    let (head, today) = match format.split_once('@') {
        Some((h, t)) => (h, Some(t)),
        None => (format, None),
    };
    match head.split_once(':') {
        Some((base, arg)) => (base, Some(arg), today),
        None => (head, None, today),
    }
}

/// Validates `input` as one of the field format ids, or `None` for another id.
pub fn validate_field_format(format: &str, input: &str) -> Option<FieldResult> {
    let (base, arg, today) = split_format(format);
    let today = match today {
        Some(t) => Date::parse_iso(t)?,
        None => Date::today_utc(),
    };
    let result = match (base, arg) {
        ("name", None) => name::validate_name(input),
        ("given_name", None) => name::validate_name_field(Field::GivenName, input),
        ("family_name", None) => name::validate_name_field(Field::FamilyName, input),
        ("email", None) => email::validate_email(input),
        ("country", None) => country::validate(Field::Country, input),
        ("nationality", None) => country::validate(Field::Nationality, input),
        ("address_text", None) => record::validate_address_text(Field::AddressLine1, input),
        ("phone", default_country) => phone::validate_phone(input, default_country),
        ("postal_code", Some(cc)) => address::validate_postal_code(cc, input),
        ("mrz", None) => mrz::validate_mrz(input, today),
        ("birth_date", order) => {
            let order = match order {
                Some(o) => DateOrder::parse(o)?,
                None => DateOrder::Iso,
            };
            let rules = BirthDateRules {
                order,
                ..BirthDateRules::new(today)
            };
            birth_date::validate_birth_date(input, &rules)
        }
        _ => return None,
    };
    Some(result)
}
