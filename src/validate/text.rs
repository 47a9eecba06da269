//! Unicode hygiene for human text (names, address lines, city, region) and the shared
//! character folding used before every format check.
//!
//! Copy-paste from PDFs, messengers and IMEs brings in no-break spaces, full-width forms,
//! en dashes and invisible characters. Visible variants are folded to their ASCII
//! equivalent; invisible control and format characters (zero-width spaces, bidi overrides,
//! BOM) are rejected with `control_character`, since they can hide a different value from
//! the reviewer (Unicode TR #36, §2.1 and the bidi spoofing of CVE-2021-42574).

use super::error::{ErrorCode, Field, ValidationError};
use super::fold;
use super::script::{script_of, Script};
use crate::unicode_norm::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// Folds one visible character variant to its canonical form: full-width ASCII
/// (U+FF01-U+FF5E) to ASCII, dashes and minus signs to `-`, ideographic and other
/// full stops to `.`. Other characters are returned unchanged.
pub fn fold_char(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c),
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' => '-',
        '\u{3002}' | '\u{FF61}' => '.',
        _ => c,
    }
}

/// `c` quoted for an error message: `'x'`, with an invisible, control or non-printable
/// ASCII character written as `'\u{200b}'` so the message shows what the eye cannot. (Not
/// `{:?}`: Rust's escaping pulls its own Unicode tables into the wasm.)
pub fn quote_char(c: char) -> String {
    let mut out = String::from("'");
    push_visible(&mut out, c);
    out.push('\'');
    out
}

/// `s` quoted for an error message, like [`quote_char`]: `"abc"`.
pub fn quote_str(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        push_visible(&mut out, c);
    }
    out.push('"');
    out
}

fn push_visible(out: &mut String, c: char) {
    if is_control_or_format(c) || c.is_control() || c == '\'' || c == '"' || c == '\\' {
        out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
    } else {
        out.push(c);
    }
}

/// True for characters treated as a space: Unicode White_Space (tab, line breaks, NBSP,
/// the U+2000 spaces, narrow NBSP, ideographic space, ...).
pub fn is_space(c: char) -> bool {
    c.is_whitespace()
}

/// True for invisible control and format characters that must not appear in a field:
/// C0/C1 controls other than whitespace (a tab or line break is a space in human text),
/// and the format characters of [`fold::is_format_char`]. Identifiers reject more (see
/// [`super::fold`]).
pub fn is_control_or_format(c: char) -> bool {
    (c.is_control() && !c.is_whitespace()) || fold::is_format_char(c)
}

/// True for private-use characters and noncharacters, which have no agreed meaning.
pub fn is_private_or_noncharacter(c: char) -> bool {
    let cp = u32::from(c);
    matches!(cp, 0xE000..=0xF8FF | 0xF0000..=0x10FFFF | 0xFDD0..=0xFDEF) || cp & 0xFFFE == 0xFFFE
}

/// ZWNJ (U+200C) and ZWJ (U+200D) are part of the spelling in Arabic-script (Persian,
/// Urdu) and Indic names, so they are kept between two letters of a script other than
/// Latin, Greek and Cyrillic, where they would only serve to spoof.
fn joiner_allowed(prev: Option<char>, next: Option<char>) -> bool {
    let orthographic = |c: Option<char>| match c {
        Some(c) if c.is_alphabetic() => !matches!(
            script_of(c),
            Script::Latin | Script::Greek | Script::Cyrillic | Script::Common
        ),
        _ => false,
    };
    orthographic(prev) && orthographic(next)
}

/// Cleans one line of human text for `field`:
/// 1. rejects input longer than `max_bytes` with `too_long`, without scanning it;
/// 2. rejects control/format characters (`control_character`) and private-use or
///    noncharacters (`invalid_character`);
/// 3. folds full-width forms and dashes ([`fold_char`]) and every kind of space to U+0020,
///    collapses runs of spaces and trims;
/// 4. returns the NFC form, rejecting a result over `max_chars` characters (`too_long`)
///    and an empty one (`required`).
pub fn clean_text(
    field: Field,
    input: &str,
    max_bytes: usize,
    max_chars: usize,
) -> Result<String, ValidationError> {
    if input.len() > max_bytes {
        return Err(ValidationError::new(
            field,
            ErrorCode::TooLong,
            format!("longer than {max_bytes} bytes"),
        ));
    }
    let mut folded = String::with_capacity(input.len());
    let mut pending_space = false;
    let mut prev: Option<char> = None;
    let mut chars = input.chars();
    while let Some(c) = chars.next() {
        let before = prev;
        prev = Some(c);
        if c.is_ascii_alphanumeric() {
            if pending_space {
                folded.push(' ');
                pending_space = false;
            }
            folded.push(c);
            continue;
        }
        if matches!(c, '\u{200C}' | '\u{200D}') && joiner_allowed(before, chars.clone().next()) {
            folded.push(c);
            continue;
        }
        if is_space(c) {
            pending_space = !folded.is_empty();
            continue;
        }
        if is_control_or_format(c) {
            return Err(fold::invisible_character_error(field, c));
        }
        if is_private_or_noncharacter(c) {
            return Err(ValidationError::new(
                field,
                ErrorCode::InvalidCharacter,
                format!("private-use or noncharacter U+{:04X}", u32::from(c)),
            ));
        }
        if pending_space {
            folded.push(' ');
            pending_space = false;
        }
        folded.push(fold_char(c));
    }
    // Most input (all ASCII, or typed on a keyboard that composes) is already NFC.
    let normalized: String = match is_nfc_quick(folded.chars()) {
        IsNormalized::Yes => folded,
        _ => folded.nfc().collect(),
    };
    if normalized.is_empty() {
        return Err(ValidationError::new(
            field,
            ErrorCode::Required,
            "value is blank",
        ));
    }
    if normalized.chars().count() > max_chars {
        return Err(ValidationError::new(
            field,
            ErrorCode::TooLong,
            format!("longer than {max_chars} characters"),
        ));
    }
    Ok(normalized)
}

/// Folds a code-like field (postal code, date, phone number, email, document number) with
/// the identifier hygiene of [`super::fold`]: byte limit (`too_long`), trimming, blank
/// (`required`), invisible characters (`control_character`), look-alikes (full-width forms,
/// other-script digits, Unicode spaces, dashes, dots, slashes) to ASCII. Nothing is dropped:
/// separators mean something in these fields.
pub fn fold_code(field: Field, input: &str, max_bytes: usize) -> Result<String, ValidationError> {
    fold::fold(
        input,
        field,
        fold::FoldRules {
            max_bytes,
            drop: b"",
            uppercase: false,
        },
    )
}

/// Fails with `too_long` when `input` is longer than `max_bytes`, before anything scans it.
pub fn check_length(field: Field, input: &str, max_bytes: usize) -> Result<(), ValidationError> {
    if input.len() > max_bytes {
        Err(ValidationError::new(
            field,
            ErrorCode::TooLong,
            format!("longer than {max_bytes} bytes"),
        ))
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clean(s: &str) -> Result<String, ErrorCode> {
        clean_text(Field::City, s, 400, 100).map_err(|e| e.code)
    }

    #[test]
    fn spaces_are_folded_and_collapsed() {
        assert_eq!(clean("  São\u{00A0}\u{00A0}Paulo \t").unwrap(), "São Paulo");
        assert_eq!(clean("New\u{3000}York").unwrap(), "New York");
        assert_eq!(clean("Saint\u{2013}Denis").unwrap(), "Saint-Denis");
        assert_eq!(clean("ＡＢＣ１２").unwrap(), "ABC12");
    }

    #[test]
    fn output_is_nfc() {
        assert_eq!(clean("Sa\u{0303}o").unwrap(), "São");
    }

    #[test]
    fn invisible_characters_are_rejected() {
        assert_eq!(clean("Pa\u{200B}ris"), Err(ErrorCode::ControlCharacter));
        assert_eq!(clean("Paris\u{202E}"), Err(ErrorCode::ControlCharacter));
        assert_eq!(clean("\u{FEFF}Paris"), Err(ErrorCode::ControlCharacter));
        assert_eq!(clean("Pa\u{0007}ris"), Err(ErrorCode::ControlCharacter));
        assert_eq!(clean("Pa\u{E000}ris"), Err(ErrorCode::InvalidCharacter));
        // ZWNJ inside a Persian word is orthographic; between Latin letters it is not.
        assert_eq!(clean("می\u{200C}خواهم").unwrap(), "می\u{200C}خواهم");
        assert_eq!(clean("Pa\u{200C}ris"), Err(ErrorCode::ControlCharacter));
    }

    #[test]
    fn limits_and_blank() {
        assert_eq!(clean(" \u{00A0} "), Err(ErrorCode::Required));
        assert_eq!(clean(&"a".repeat(401)), Err(ErrorCode::TooLong));
        assert_eq!(clean(&"a".repeat(101)), Err(ErrorCode::TooLong));
        assert!(clean(&"a".repeat(100)).is_ok());
    }
}
