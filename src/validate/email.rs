//! Email addresses, as browsers validate `<input type=email>`: the WHATWG HTML "valid email
//! address" grammar (HTML Living Standard §4.10.5.1.5), a deliberate subset of RFC 5322:
//!
//! ```text
//! local  = 1*( ALPHA / DIGIT / "." / "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "/" /
//!              "=" / "?" / "^" / "_" / "`" / "{" / "|" / "}" / "~" / "-" )
//! domain = label *("." label)   ; label: letters, digits, inner hyphens, at most 63
//! ```
//!
//! On top of it, for real signups: local part at most 64 octets (`local_part_too_long`,
//! RFC 5321 §4.5.3.1.1), whole address at most 254 octets in ASCII form (`too_long`,
//! RFC 5321 §4.5.3.1.3 path limit less the angle brackets), and at least one dot in the domain
//! (`invalid_domain`). Internationalised domains are accepted like browsers accept them:
//! each Unicode label is lower-cased, NFC-normalised, checked (letters, marks, digits and
//! inner hyphens, not starting with a mark: RFC 5891 §5.4) and Punycode-encoded; the ASCII
//! form is reported in `details.ascii_domain`. The local part stays ASCII, as in browsers.
//! The normalised value keeps the local part as typed and lower-cases the domain.

use super::error::{ErrorCode, Field, FieldResult, Normalized, ValidationError};
use super::{punycode, text};
use crate::unicode_norm::is_combining_mark;
use crate::unicode_norm::UnicodeNormalization;

/// Longest raw input in bytes (`too_long` beyond, without scanning).
pub const MAX_INPUT_BYTES: usize = 1024;
/// Longest local part in octets.
pub const MAX_LOCAL_PART: usize = 64;
/// Longest address in octets, domain in ASCII form.
pub const MAX_ADDRESS: usize = 254;
/// Longest domain label in octets, in ASCII form.
pub const MAX_LABEL: usize = 63;

fn err(code: ErrorCode, message: impl Into<String>) -> ValidationError {
    ValidationError::new(Field::Email, code, message)
}

/// The WHATWG atext set plus `.`.
fn is_local_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b".!#$%&'*+/=?^_`{|}~-".contains(&b)
}

/// Checks one ASCII label (letters, digits, inner hyphens, 1-63).
fn check_ascii_label(label: &str) -> Result<(), ValidationError> {
    let b = label.as_bytes();
    if b.len() > MAX_LABEL {
        return Err(err(
            ErrorCode::InvalidDomain,
            format!("domain label longer than {MAX_LABEL} characters"),
        ));
    }
    if !b.iter().all(|&c| c.is_ascii_alphanumeric() || c == b'-') {
        return Err(err(
            ErrorCode::InvalidDomain,
            format!("domain label `{label}` has characters other than letters, digits and '-'"),
        ));
    }
    if b.first() == Some(&b'-') || b.last() == Some(&b'-') {
        return Err(err(
            ErrorCode::InvalidDomain,
            format!("domain label `{label}` starts or ends with '-'"),
        ));
    }
    Ok(())
}

/// Checks a Unicode label and returns its `xn--` form.
fn unicode_label_to_ascii(label: &str) -> Result<String, ValidationError> {
    if label.chars().next().is_some_and(is_combining_mark) {
        return Err(err(
            ErrorCode::InvalidDomain,
            format!("domain label `{label}` starts with a combining mark"),
        ));
    }
    if let Some(c) = label
        .chars()
        .find(|&c| !(c.is_alphanumeric() || is_combining_mark(c) || c == '-'))
    {
        return Err(err(
            ErrorCode::InvalidDomain,
            format!("`{c}` is not allowed in a domain name"),
        ));
    }
    let encoded = punycode::encode(label)
        .ok_or_else(|| err(ErrorCode::InvalidDomain, "domain label cannot be encoded"))?;
    let ascii = format!("xn--{encoded}");
    check_ascii_label(&ascii)?;
    if label.starts_with('-') || label.ends_with('-') {
        return Err(err(
            ErrorCode::InvalidDomain,
            format!("domain label `{label}` starts or ends with '-'"),
        ));
    }
    Ok(ascii)
}

/// Validates an email address. The normalised value is `local@domain` with the domain
/// lower-cased (Unicode domains stay Unicode, NFC); `details.ascii_domain` holds the ASCII
/// (Punycode) form of an internationalised domain.
pub fn validate_email(input: &str) -> FieldResult {
    // Browsers strip leading/trailing whitespace from email inputs (HTML value sanitization).
    let folded = text::fold_code(Field::Email, input, MAX_INPUT_BYTES)?;
    if let Some(c) = folded.chars().find(|&c| c == ' ') {
        return Err(err(
            ErrorCode::InvalidCharacter,
            format!("`{c}` (space) is not allowed in an email address"),
        ));
    }
    let (local, domain) = match folded.split_once('@') {
        Some((l, d)) if !d.contains('@') => (l, d),
        Some(_) => return Err(err(ErrorCode::InvalidFormat, "more than one '@'")),
        None => return Err(err(ErrorCode::InvalidFormat, "no '@'")),
    };
    if local.is_empty() {
        return Err(err(ErrorCode::InvalidFormat, "nothing before the '@'"));
    }
    if let Some(c) = local
        .chars()
        .find(|&c| !c.is_ascii() || !is_local_char(c as u8))
    {
        return Err(err(
            ErrorCode::InvalidCharacter,
            format!("`{c}` is not allowed before the '@'"),
        ));
    }
    if local.len() > MAX_LOCAL_PART {
        return Err(err(
            ErrorCode::LocalPartTooLong,
            format!("more than {MAX_LOCAL_PART} characters before the '@'"),
        ));
    }
    let domain: String = if domain.is_ascii() {
        domain.to_ascii_lowercase()
    } else {
        crate::unicode_norm::str_to_lowercase(domain)
            .nfc()
            .collect()
    };
    if domain.is_empty() {
        return Err(err(ErrorCode::InvalidDomain, "nothing after the '@'"));
    }
    let mut ascii_labels = Vec::new();
    for label in domain.split('.') {
        if label.is_empty() {
            return Err(err(ErrorCode::InvalidDomain, "empty domain label"));
        }
        if label.is_ascii() {
            check_ascii_label(label)?;
            ascii_labels.push(label.to_string());
        } else {
            ascii_labels.push(unicode_label_to_ascii(label)?);
        }
    }
    if ascii_labels.len() < 2 {
        return Err(err(
            ErrorCode::InvalidDomain,
            "the domain needs a dot (e.g. example.com)",
        ));
    }
    let ascii_domain = ascii_labels.join(".");
    if local.len() + 1 + ascii_domain.len() > MAX_ADDRESS {
        return Err(err(
            ErrorCode::TooLong,
            format!("longer than {MAX_ADDRESS} characters"),
        ));
    }
    let mut normalized = Normalized::new(format!("{local}@{domain}"));
    if ascii_domain != domain {
        normalized = normalized.with_detail("ascii_domain", ascii_domain);
    }
    Ok(normalized)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(s: &str) -> ErrorCode {
        validate_email(s).unwrap_err().code
    }

    #[test]
    fn accepted() {
        assert_eq!(
            validate_email(" Jane.Doe+kyc@Example.COM ").unwrap().value,
            "Jane.Doe+kyc@example.com"
        );
        let idn = validate_email("user@Bücher.example").unwrap();
        assert_eq!(idn.value, "user@bücher.example");
        assert_eq!(idn.details["ascii_domain"], "xn--bcher-kva.example");
        assert_eq!(
            validate_email("ｊａｎｅ＠example。com").unwrap().value,
            "jane@example.com"
        );
    }

    #[test]
    fn rejected() {
        assert_eq!(code("jane"), ErrorCode::InvalidFormat);
        assert_eq!(code("a@b@c.com"), ErrorCode::InvalidFormat);
        assert_eq!(code("jane@localhost"), ErrorCode::InvalidDomain);
        assert_eq!(code("jane@-example.com"), ErrorCode::InvalidDomain);
        assert_eq!(code("jane@exa_mple.com"), ErrorCode::InvalidDomain);
        assert_eq!(code("jane@example..com"), ErrorCode::InvalidDomain);
        assert_eq!(code("jané@example.com"), ErrorCode::InvalidCharacter);
        assert_eq!(code("ja ne@example.com"), ErrorCode::InvalidCharacter);
        assert_eq!(
            code("ja\u{200B}ne@example.com"),
            ErrorCode::ControlCharacter
        );
        assert_eq!(
            code(&format!("{}@example.com", "a".repeat(65))),
            ErrorCode::LocalPartTooLong
        );
        let long_domain = format!("{}.com", vec!["a".repeat(63); 4].join("."));
        assert_eq!(code(&format!("jane@{long_domain}")), ErrorCode::TooLong);
        assert_eq!(code("jane@😀.com"), ErrorCode::InvalidDomain);
    }
}
