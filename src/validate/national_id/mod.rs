//! National identity and tax numbers: one module per format, all with the same shape
//! (python-stdnum style):
//!
//! - `compact(&str) -> String`: the value with separators and look-alikes folded away;
//! - `validate(&str) -> FieldResult`: `Normalized.value` is the compact form, `formatted` the
//!   official display form, details `format` (the format id) and, where the number embeds
//!   them, `birth_date` (ISO `YYYY-MM-DD`) and `sex` (`M`/`F`);
//! - `format(&str) -> String`: the display form (input returned compacted if it cannot be
//!   formatted).
//!
//! [`validate`] picks the format(s) of a country; [`formats`] lists every format with its
//! citation. Every error is attributed to [`Field::NationalId`]. Inputs longer than
//! [`MAX_INPUT_BYTES`] are rejected with `too_long` before being scanned.
//!
//! Every `validate` runs `check_chars` (an ASCII-only alphabet) and then `check_len`
//! (or, for SE, an equivalent count) before anything else, so the fixed-position byte
//! indexing and slicing that follows is in bounds and on character boundaries.
//!
//! Two-digit birth years without a century marker (IT, ZA, SE without `+`) are read as the
//! most recent such year not after [`REFERENCE_YEAR`]: the library has no clock (the wasm
//! build must not call one), so the pivot is a constant bumped with each release.

use super::error::{ErrorCode, Field, FieldResult, Normalized, ValidationError};
use super::fold::{fold, FoldRules};
use super::text::{quote_char, quote_str};

pub mod au_tfn;
pub mod be_nn;
pub mod br_cnpj;
pub mod br_cpf;
pub mod ca_sin;
pub mod cl_rut;
pub mod cn_ric;
pub mod de_idnr;
pub mod dk_cpr;
pub mod es_dni;
pub mod es_nie;
pub mod fi_hetu;
pub mod fr_nir;
pub mod gb_nino;
pub mod ie_pps;
pub mod in_aadhaar;
pub mod in_pan;
pub mod it_cf;
pub mod kr_rrn;
pub mod mx_curp;
pub mod nl_bsn;
pub mod no_fnr;
pub mod pl_pesel;
pub mod se_pnr;
pub mod tr_tckn;
pub mod us_ssn;
pub mod za_id;

/// Longest accepted input in UTF-8 bytes (the longest format, 18 characters, full-width
/// with separators, stays far below this).
pub const MAX_INPUT_BYTES: usize = 128;

/// The year two-digit birth years are pivoted on (see the module documentation).
pub const REFERENCE_YEAR: u32 = 2026;

/// One national ID format: identity, citation and its three functions.
#[derive(Debug, Clone, Copy)]
pub struct FormatInfo {
    /// Format id, e.g. `es_dni` (also the vector-file format id).
    pub id: &'static str,
    /// ISO 3166-1 alpha-2 country code.
    pub country: &'static str,
    /// English name of the number.
    pub name: &'static str,
    /// The standard or official specification the rules come from.
    pub standard: &'static str,
    /// Validates an input (see the module documentation).
    pub validate: fn(&str) -> FieldResult,
    /// Folds an input to its compact form.
    pub compact: fn(&str) -> String,
    /// Formats an input in its official display form.
    pub format: fn(&str) -> String,
}

/// Every supported format, grouped by country; within a country the order is the order
/// [`validate`] tries them in.
static FORMATS: &[FormatInfo] = &[
    au_tfn::INFO,
    be_nn::INFO,
    br_cpf::INFO,
    br_cnpj::INFO,
    ca_sin::INFO,
    cl_rut::INFO,
    cn_ric::INFO,
    de_idnr::INFO,
    dk_cpr::INFO,
    es_dni::INFO,
    es_nie::INFO,
    fi_hetu::INFO,
    fr_nir::INFO,
    gb_nino::INFO,
    ie_pps::INFO,
    in_aadhaar::INFO,
    in_pan::INFO,
    it_cf::INFO,
    kr_rrn::INFO,
    mx_curp::INFO,
    nl_bsn::INFO,
    no_fnr::INFO,
    pl_pesel::INFO,
    se_pnr::INFO,
    tr_tckn::INFO,
    us_ssn::INFO,
    za_id::INFO,
];

/// Every supported national ID format with its country and citation.
pub fn formats() -> &'static [FormatInfo] {
    FORMATS
}

/// The format with this id (e.g. `es_dni`).
pub fn format_info(id: &str) -> Option<&'static FormatInfo> {
    FORMATS.iter().find(|f| f.id == id)
}

/// Validates `input` as the format with id `format_id`, or `None` for an unknown id.
pub fn validate_format_id(format_id: &str, input: &str) -> Option<FieldResult> {
    format_info(format_id).map(|f| (f.validate)(input))
}

/// Validates `input` as a national ID or tax number of `country_alpha2` (case-insensitive;
/// `UK` is accepted for `GB`). A country with several formats (BR CPF/CNPJ, ES DNI/NIE, IN
/// Aadhaar/PAN) tries each: the first that validates wins, otherwise the most specific
/// error is returned (a checksum or date error from a format whose structure matched
/// beats a length error from one whose structure did not). Unknown countries give
/// `unsupported_country`.
pub fn validate(country_alpha2: &str, input: &str) -> FieldResult {
    let mut country = country_alpha2.trim().to_ascii_uppercase();
    if country == "UK" {
        country = "GB".to_string();
    }
    let mut best: Option<ValidationError> = None;
    for f in FORMATS.iter().filter(|f| f.country == country) {
        match (f.validate)(input) {
            Ok(n) => return Ok(n),
            Err(e) => {
                if best
                    .as_ref()
                    .map_or(true, |b| specificity(e.code) > specificity(b.code))
                {
                    best = Some(e);
                }
            }
        }
    }
    Err(best.unwrap_or_else(|| {
        err(
            ErrorCode::UnsupportedCountry,
            format!(
                "no national ID format is supported for country {}",
                quote_str(&country)
            ),
        )
    }))
}

/// How far validation got before failing: higher means the input matched more of the
/// format, so its error is the more useful one to report.
fn specificity(code: ErrorCode) -> u8 {
    match code {
        ErrorCode::InvalidChecksum | ErrorCode::InvalidDate => 4,
        ErrorCode::InvalidFormat => 3,
        ErrorCode::InvalidLength => 2,
        ErrorCode::InvalidCharacter => 1,
        _ => 0,
    }
}

// ---- helpers shared by the format modules ----

/// A national ID error.
pub(crate) fn err(code: ErrorCode, message: impl Into<String>) -> ValidationError {
    ValidationError::new(Field::NationalId, code, message)
}

/// Folds input for a national ID: limit, control characters, look-alikes, upper case, and
/// the separators in `drop` removed.
pub(crate) fn fold_id(input: &str, drop: &'static [u8]) -> Result<String, ValidationError> {
    fold(
        input,
        Field::NationalId,
        FoldRules {
            max_bytes: MAX_INPUT_BYTES,
            drop,
            uppercase: true,
        },
    )
}

/// The compact form, or the trimmed input when it cannot be folded (keeps `compact` total).
pub(crate) fn compact_with(input: &str, drop: &'static [u8]) -> String {
    fold_id(input, drop).unwrap_or_else(|_| input.trim().to_string())
}

/// Lays `compact` out by `template`: each `#` stands for one byte of the value, anything
/// else is a literal separator (`"###.###.###-##"`). The value comes back unchanged when
/// its length differs from the number of `#` or a group boundary would split a character,
/// which keeps every `format` total.
pub(crate) fn group(compact: String, template: &str) -> String {
    if compact.len() != template.bytes().filter(|&b| b == b'#').count() {
        return compact;
    }
    let mut out = String::with_capacity(template.len());
    let (mut start, mut run) = (0usize, 0usize);
    for t in template.chars() {
        if t == '#' {
            run += 1;
            continue;
        }
        let Some(part) = compact.get(start..start + run) else {
            return compact;
        };
        out.push_str(part);
        out.push(t);
        start += run;
        run = 0;
    }
    match compact.get(start..start + run) {
        Some(part) => {
            out.push_str(part);
            out
        }
        None => compact,
    }
}

/// Rejects the first character outside `allowed` with `invalid_character`.
pub(crate) fn check_chars(
    s: &str,
    allowed: fn(char) -> bool,
    what: &str,
) -> Result<(), ValidationError> {
    match s.chars().find(|&c| !allowed(c)) {
        Some(c) => Err(err(
            ErrorCode::InvalidCharacter,
            format!("{} is not allowed: {what}", quote_char(c)),
        )),
        None => Ok(()),
    }
}

/// Rejects a length (in characters; callers have checked the value is ASCII) not in
/// `allowed` with `invalid_length`.
pub(crate) fn check_len(s: &str, allowed: &[usize], what: &str) -> Result<(), ValidationError> {
    if allowed.contains(&s.len()) {
        Ok(())
    } else {
        Err(err(
            ErrorCode::InvalidLength,
            format!("{what}, not {} characters", s.chars().count()),
        ))
    }
}

/// The digit values of an all-digit ASCII string (callers have checked the characters).
pub(crate) fn digits_of(s: &str) -> Vec<u32> {
    s.bytes()
        .map(|b| u32::from(b.wrapping_sub(b'0')).min(9))
        .collect()
}

/// The number formed by ASCII digits `s` (at most 19 digits; callers pass fixed slices).
pub(crate) fn number_of(s: &str) -> u64 {
    s.bytes().fold(0u64, |n, b| {
        n.wrapping_mul(10)
            .wrapping_add(u64::from(b.wrapping_sub(b'0')).min(9))
    })
}

/// The two-digit number at `s[at..at + 2]` (0 if out of range; callers pass checked digits).
pub(crate) fn two(s: &str, at: usize) -> u32 {
    s.get(at..at + 2).map_or(0, |p| number_of(p) as u32)
}

/// Whether `year` is a Gregorian leap year.
pub(crate) fn is_leap(year: u32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// The ISO birth date `YYYY-MM-DD`, or `invalid_date` when it is not a calendar date or
/// lies after [`REFERENCE_YEAR`] + 1 (a year of slack for a stale constant).
pub(crate) fn birth_date(year: u32, month: u32, day: u32) -> Result<String, ValidationError> {
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    };
    if day == 0 || day > days {
        return Err(err(
            ErrorCode::InvalidDate,
            format!("the embedded birth date {year:04}-{month:02}-{day:02} is not a calendar date"),
        ));
    }
    if year > REFERENCE_YEAR + 1 {
        return Err(err(
            ErrorCode::InvalidDate,
            format!("the embedded birth date {year:04}-{month:02}-{day:02} is in the future"),
        ));
    }
    Ok(format!("{year:04}-{month:02}-{day:02}"))
}

/// A two-digit year read as the most recent such year not after [`REFERENCE_YEAR`].
pub(crate) fn pivot_year(yy: u32) -> u32 {
    let century = REFERENCE_YEAR / 100 * 100;
    if century + yy <= REFERENCE_YEAR {
        century + yy
    } else {
        century - 100 + yy
    }
}

/// A successful result with the `format` detail and an optional display form.
pub(crate) fn ok(format_id: &str, value: String, formatted: Option<String>) -> Normalized {
    let mut n = Normalized::new(value).with_detail("format", format_id);
    n.formatted = formatted;
    n
}

/// Adds `birth_date` and `sex` details.
pub(crate) fn with_person(
    n: Normalized,
    birth_date: Option<String>,
    sex: Option<char>,
) -> Normalized {
    let mut n = n;
    if let Some(d) = birth_date {
        n = n.with_detail("birth_date", d);
    }
    if let Some(s) = sex {
        n = n.with_detail("sex", s.to_string());
    }
    n
}

/// `M` for odd, `F` for even: the parity convention of most numbers that encode sex.
pub(crate) fn sex_from_parity(digit: u32) -> char {
    if digit % 2 == 1 {
        'M'
    } else {
        'F'
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registry_lists_every_format_once() {
        let mut ids: Vec<_> = formats().iter().map(|f| f.id).collect();
        assert_eq!(ids.len(), 27);
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), 27);
        for f in formats() {
            assert!(
                f.id.starts_with(&f.country.to_ascii_lowercase()),
                "{}",
                f.id
            );
            assert!(!f.standard.is_empty() && !f.name.is_empty());
        }
    }

    #[test]
    fn group_lays_out_by_template_or_returns_the_value() {
        let g = |c: &str, t: &str| group(c.to_string(), t);
        assert_eq!(g("39053344705", "###.###.###-##"), "390.533.447-05");
        assert_eq!(g("12345678", "### ### ##"), "123 456 78");
        assert_eq!(g("1234567", "### ### ##"), "1234567");
        assert_eq!(g("123456789", "### ### ##"), "123456789");
        // 8 bytes, but the first boundary falls inside `é`: unchanged, never a panic.
        assert_eq!(g("12é4567", "### #####"), "12é4567");
        assert_eq!(g("", ""), "");
    }

    #[test]
    fn country_dispatch() {
        let es = validate("es", "X-2482300W").unwrap();
        assert_eq!(es.details["format"], "es_nie");
        assert_eq!(
            validate("BR", "390.533.447-05").unwrap().details["format"],
            "br_cpf"
        );
        assert_eq!(
            validate("BR", "16.727.230/0001-97").unwrap().details["format"],
            "br_cnpj"
        );
        assert_eq!(
            validate("UK", "AB123456C").unwrap().details["format"],
            "gb_nino"
        );
        assert_eq!(
            validate("ES", "54362315Z").unwrap_err().code,
            ErrorCode::InvalidChecksum
        );
        assert_eq!(
            validate("ZZ", "123").unwrap_err().code,
            ErrorCode::UnsupportedCountry
        );
    }

    #[test]
    fn dates_and_pivot() {
        assert!(birth_date(2000, 2, 29).is_ok());
        assert!(birth_date(1900, 2, 29).is_err());
        assert!(birth_date(2024, 13, 1).is_err());
        assert!(birth_date(REFERENCE_YEAR + 2, 1, 1).is_err());
        assert_eq!(pivot_year(REFERENCE_YEAR % 100), REFERENCE_YEAR);
        assert_eq!(pivot_year(99), 1999);
    }
}
