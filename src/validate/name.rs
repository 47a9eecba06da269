//! Personal names: given name, family name or full name, in any script.
//!
//! Allowed: Unicode letters of any script (Alphabetic property), combining marks after a
//! letter, space, hyphen, apostrophe (`'` U+0027 and `’` U+2019), period, and the middle dots
//! used between the parts of transcribed foreign names in Chinese (`·` U+00B7) and Japanese
//! (`・` U+30FB). Rejected: digits (`digit_in_name`), emoji and other symbols
//! (`symbol_in_name`), other punctuation (`invalid_character`), invisible characters
//! (`control_character`, see [`super::text`]) and words that mix scripts (`mixed_script`,
//! e.g. Latin letters with a Cyrillic look-alike, the homograph spoof of Unicode TR #39 §5);
//! Han, Hiragana, Katakana, Bopomofo and Hangul may share a word.
//!
//! Limits: [`MAX_PART_CHARS`] characters for a given or family name and
//! [`MAX_FULL_NAME_CHARS`] for a full name, after normalisation; inputs over four bytes per
//! allowed character are rejected as `too_long` before being scanned. The normalised value
//! is NFC with spaces folded and collapsed; `details.scripts` lists the scripts used,
//! comma-separated, in order of appearance.

use super::error::{ErrorCode, Field, FieldResult, Normalized, ValidationError};
use super::script::{compatible, script_of, Script};
use super::text;
use crate::unicode_norm::is_combining_mark;

/// Longest given or family name, in characters (the longest names in civil registers run
/// to a few dozen characters; ICAO 9303 Part 3 caps the printed name field at 39).
pub const MAX_PART_CHARS: usize = 100;
/// Longest full name, in characters.
pub const MAX_FULL_NAME_CHARS: usize = 200;

/// Longest raw input, in bytes, for a name field (`too_long` beyond, without scanning).
pub fn max_input_bytes(field: Field) -> usize {
    max_chars(field) * 4
}

fn max_chars(field: Field) -> usize {
    match field {
        Field::FullName => MAX_FULL_NAME_CHARS,
        _ => MAX_PART_CHARS,
    }
}

/// Characters that separate the words of a name.
fn is_separator(c: char) -> bool {
    matches!(
        c,
        ' ' | '-' | '\'' | '\u{2019}' | '.' | '\u{00B7}' | '\u{30FB}'
    )
}

/// Variation selectors are combining marks, but they only select emoji or glyph variants.
fn is_variation_selector(c: char) -> bool {
    matches!(c, '\u{FE00}'..='\u{FE0F}' | '\u{E0100}'..='\u{E01EF}' | '\u{180B}'..='\u{180D}')
}

/// ASCII characters of the symbol categories (Sm, Sc, Sk) rather than punctuation.
fn is_ascii_symbol(c: char) -> bool {
    matches!(c, '$' | '+' | '<' | '=' | '>' | '^' | '`' | '|' | '~')
}

/// Validates a full name.
pub fn validate_name(input: &str) -> FieldResult {
    validate_name_field(Field::FullName, input)
}

/// Validates a name for `field` (given, family or full name; any other field is held to the
/// given-name limits).
pub fn validate_name_field(field: Field, input: &str) -> FieldResult {
    let max_bytes = max_input_bytes(field);
    text::check_length(field, input, max_bytes)?;
    // Digits and symbols first, on the raw text, so that an emoji sequence joined with ZWJ
    // is reported as a symbol rather than as an invisible character.
    for c in input.chars() {
        if c.is_ascii_alphabetic() {
            continue;
        }
        if c.is_numeric() {
            return Err(ValidationError::new(
                field,
                ErrorCode::DigitInName,
                format!("digit `{c}` in a name"),
            ));
        }
        let symbol = is_ascii_symbol(c)
            || is_variation_selector(c)
            || (!c.is_ascii()
                && !c.is_alphabetic()
                && !is_combining_mark(c)
                && !text::is_space(c)
                && !text::is_control_or_format(c)
                && !is_separator(text::fold_char(c)));
        if symbol {
            return Err(ValidationError::new(
                field,
                ErrorCode::SymbolInName,
                format!("symbol or emoji U+{:04X} in a name", u32::from(c)),
            ));
        }
    }
    let name = text::clean_text(field, input, max_bytes, max_chars(field))?;

    let mut scripts: Vec<Script> = Vec::new();
    let mut word_script: Option<Script> = None;
    let mut after_letter = false;
    let mut has_letter = false;
    for c in name.chars() {
        if is_separator(c) {
            word_script = None;
            after_letter = false;
            continue;
        }
        // Joiners survived text::clean_text only where they are orthographic.
        if is_combining_mark(c) || matches!(c, '\u{200C}' | '\u{200D}') {
            if !after_letter {
                return Err(ValidationError::new(
                    field,
                    ErrorCode::InvalidCharacter,
                    format!("combining mark U+{:04X} without a letter", u32::from(c)),
                ));
            }
            continue;
        }
        if !c.is_alphabetic() {
            return Err(ValidationError::new(
                field,
                ErrorCode::InvalidCharacter,
                format!("`{c}` is not allowed in a name"),
            ));
        }
        has_letter = true;
        after_letter = true;
        let script = script_of(c);
        if script.is_shared() {
            continue;
        }
        if !scripts.contains(&script) {
            scripts.push(script);
        }
        match word_script {
            Some(previous) if !compatible(previous, script) => {
                return Err(ValidationError::new(
                    field,
                    ErrorCode::MixedScript,
                    format!(
                        "one word mixes {} and {} letters",
                        previous.name(),
                        script.name()
                    ),
                ));
            }
            Some(_) => {}
            None => word_script = Some(script),
        }
    }
    if !has_letter {
        return Err(ValidationError::new(
            field,
            ErrorCode::InvalidFormat,
            "a name needs at least one letter",
        ));
    }
    let script_list: Vec<&str> = scripts.iter().map(|s| s.name()).collect();
    Ok(Normalized::new(name).with_detail("scripts", script_list.join(",")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(s: &str) -> ErrorCode {
        validate_name(s).unwrap_err().code
    }

    #[test]
    fn names_in_many_scripts() {
        let n = validate_name("  José\u{00A0}María  O’Neil-Smith ").unwrap();
        assert_eq!(n.value, "José María O’Neil-Smith");
        assert_eq!(n.details["scripts"], "Latin");
        assert_eq!(
            validate_name("山田たろう").unwrap().details["scripts"],
            "Han,Hiragana"
        );
        assert_eq!(
            validate_name("Иван Petrov").unwrap().details["scripts"],
            "Cyrillic,Latin"
        );
        assert!(validate_name("محمد\u{200C}رضا").is_ok());
        assert!(validate_name("米哈伊尔·戈尔巴乔夫").is_ok());
        assert!(validate_name("J. R. R. Tolkien").is_ok());
        assert_eq!(validate_name("Jose\u{0301}").unwrap().value, "José");
    }

    #[test]
    fn rejections() {
        assert_eq!(code("Anna 2"), ErrorCode::DigitInName);
        assert_eq!(code("Anna ２"), ErrorCode::DigitInName);
        assert_eq!(code("Anna 😀"), ErrorCode::SymbolInName);
        assert_eq!(code("Anna ❤\u{FE0F}"), ErrorCode::SymbolInName);
        assert_eq!(code("Anna\u{200B}"), ErrorCode::ControlCharacter);
        // Latin "Paypal" with Cyrillic "а" (U+0430).
        assert_eq!(code("P\u{0430}ypal"), ErrorCode::MixedScript);
        assert_eq!(code("Anna, Maria"), ErrorCode::InvalidCharacter);
        assert_eq!(code("--"), ErrorCode::InvalidFormat);
        assert_eq!(code(""), ErrorCode::Required);
        assert_eq!(code(&"a".repeat(201)), ErrorCode::TooLong);
        assert_eq!(
            validate_name_field(Field::GivenName, &"a".repeat(101))
                .unwrap_err()
                .code,
            ErrorCode::TooLong
        );
    }
}
