//! Unicode hygiene for identifiers (national IDs, IBAN, crypto addresses), shared by every
//! identifier module so that copy-pasted input is treated the same everywhere.
//!
//! In order, [`fold`]:
//! 1. rejects input longer than the caller's byte limit with `too_long`, before looking at
//!    a single character (so a 10 MB paste costs nothing);
//! 2. trims surrounding whitespace (a pasted trailing newline is harmless); a blank result
//!    is `required`;
//! 3. rejects control and format characters (zero-width space/joiners, bidi overrides and
//!    isolates, soft hyphen, BOM, variation selectors, tags) with `control_character`: they
//!    are invisible, so silently dropping them would hide tampering;
//! 4. folds look-alikes to ASCII: full-width forms (`１２３` → `123`), decimal digits of other
//!    scripts (Arabic-Indic, Devanagari, ...), every Unicode space (NBSP, thin, narrow,
//!    ideographic) to ` `, every dash and minus (hyphen, en/em dash, minus sign) to `-`,
//!    dot look-alikes to `.` and slash look-alikes to `/`;
//! 5. drops the ASCII separators the format allows (after folding, so an NBSP or an en dash
//!    is dropped exactly like a space or a hyphen) and optionally upper-cases ASCII letters.
//!
//! Characters that are neither folded nor dropped pass through unchanged, for the format
//! module to reject as `invalid_character`. (Human-text hygiene for names and addresses is a
//! different concern, with different rules, in `validate::text`.)

use super::error::{ErrorCode, Field, ValidationError};

/// How one identifier format wants its input folded.
#[derive(Debug, Clone, Copy)]
pub struct FoldRules {
    /// Maximum input length in UTF-8 bytes; longer input is `too_long` without scanning.
    pub max_bytes: usize,
    /// ASCII separators removed after folding (e.g. `b" -./"`). Anything else is kept.
    pub drop: &'static [u8],
    /// Upper-case ASCII letters (identifiers that are case-insensitive).
    pub uppercase: bool,
}

/// Separators most printed identifiers use between digit groups: space, hyphen, dot, slash.
pub const GROUP_SEPARATORS: &[u8] = b" -./";

/// Folds `input` per `rules`; errors carry `field`. See the module documentation.
pub fn fold(input: &str, field: Field, rules: FoldRules) -> Result<String, ValidationError> {
    if input.len() > rules.max_bytes {
        return Err(ValidationError::new(
            field,
            ErrorCode::TooLong,
            format!("input is longer than {} bytes", rules.max_bytes),
        ));
    }
    // Surrounding whitespace (including a pasted trailing newline) is harmless.
    let trimmed = input.trim();
    let mut out = String::with_capacity(trimmed.len());
    for c in trimmed.chars() {
        if is_invisible(c) {
            return Err(invisible_character_error(field, c));
        }
        let folded = fold_char(c);
        if folded.is_ascii() {
            // ASCII by the check above, so the narrowing cannot lose information.
            let byte = folded as u8;
            if rules.drop.contains(&byte) {
                continue;
            }
            out.push(if rules.uppercase {
                folded.to_ascii_uppercase()
            } else {
                folded
            });
        } else {
            out.push(folded);
        }
    }
    if out.is_empty() {
        return Err(ValidationError::new(
            field,
            ErrorCode::Required,
            "value is empty",
        ));
    }
    Ok(out)
}

/// True for format characters (General_Category=Cf): soft hyphen, Arabic number signs,
/// zero-width space/non-joiner/joiner, LRM/RLM, bidi embeddings, overrides and isolates,
/// word joiner and invisible operators, BOM, interlinear annotations, Egyptian hieroglyph
/// format controls, shorthand format controls, musical symbol formatting and tags. They are
/// invisible, so they can hide a different value from the reader (Unicode TR #36 §2.1, the
/// bidi spoofing of CVE-2021-42574). Shared by identifier folding and human-text cleaning.
pub fn is_format_char(c: char) -> bool {
    matches!(
        u32::from(c),
        0x00AD                          // soft hyphen
        | 0x0600..=0x0605               // Arabic number signs
        | 0x061C                        // Arabic letter mark
        | 0x06DD | 0x070F
        | 0x0890..=0x0891               // Arabic pound/piastre mark above
        | 0x08E2
        | 0x180E                        // Mongolian vowel separator
        | 0x200B..=0x200F               // zero-width space/non-joiner/joiner, LRM, RLM
        | 0x202A..=0x202E               // bidi embeddings and overrides
        | 0x2060..=0x2064               // word joiner, invisible operators
        | 0x2066..=0x206F               // bidi isolates, deprecated format characters
        | 0xFEFF                        // byte order mark / zero-width no-break space
        | 0xFFF9..=0xFFFB               // interlinear annotation
        | 0x110BD | 0x110CD             // Kaithi number signs
        | 0x13430..=0x1343F             // Egyptian hieroglyph format controls
        | 0x1BCA0..=0x1BCA3             // shorthand format controls
        | 0x1D173..=0x1D17A             // musical symbol formatting
        | 0xE0001 | 0xE0020..=0xE007F   // language tag, tag characters
    )
}

/// The `control_character` error for an invisible character `c` in `field`.
pub fn invisible_character_error(field: Field, c: char) -> ValidationError {
    ValidationError::new(
        field,
        ErrorCode::ControlCharacter,
        format!(
            "invisible control or format character U+{:04X}",
            u32::from(c)
        ),
    )
}

/// What identifiers reject beyond human text ([`super::text::is_control_or_format`]):
/// every control character, tab and line breaks included (whitespace inside an identifier
/// is only ever a paste artefact), and the other default-ignorable code points, which
/// human text may need (variation selectors pick emoji and CJK glyph variants) but no
/// identifier does.
fn is_invisible(c: char) -> bool {
    c.is_control()
        || is_format_char(c)
        || matches!(
            u32::from(c),
            0x034F                      // combining grapheme joiner
            | 0x115F | 0x1160 | 0x3164 | 0xFFA0 // Hangul fillers
            | 0x17B4 | 0x17B5           // Khmer inherent vowels
            | 0x180B..=0x180F           // Mongolian variation selectors (and vowel separator)
            | 0x2065                    // reserved in the invisible-operator block
            | 0xFE00..=0xFE0F           // variation selectors
            | 0xE0000..=0xE0FFF         // tags block and variation selectors supplement
        )
}

/// The first code point of each run of ten decimal digits (Unicode category Nd) folded to
/// ASCII `0`-`9`. Full-width digits are handled with the other full-width forms.
const DIGIT_ZEROS: &[u32] = &[
    0x0660, // Arabic-Indic
    0x06F0, // Extended Arabic-Indic (Persian, Urdu)
    0x07C0, // NKo
    0x0966, // Devanagari
    0x09E6, // Bengali
    0x0A66, // Gurmukhi
    0x0AE6, // Gujarati
    0x0B66, // Oriya
    0x0BE6, // Tamil
    0x0C66, // Telugu
    0x0CE6, // Kannada
    0x0D66, // Malayalam
    0x0DE6, // Sinhala Lith
    0x0E50, // Thai
    0x0ED0, // Lao
    0x0F20, // Tibetan
    0x1040, // Myanmar
    0x1090, // Myanmar Shan
    0x17E0, // Khmer
    0x1810, // Mongolian
    0x1946, // Limbu
    0x19D0, // New Tai Lue
    0x1A80, // Tai Tham Hora
    0x1A90, // Tai Tham Tham
    0x1B50, // Balinese
    0x1BB0, // Sundanese
    0x1C40, // Lepcha
    0x1C50, // Ol Chiki
    0xA620, // Vai
    0xA8D0, // Saurashtra
    0xA900, // Kayah Li
    0xA9D0, // Javanese
    0xA9F0, // Myanmar Tai Laing
    0xAA50, // Cham
    0xABF0, // Meetei Mayek
    0x1D7CE, 0x1D7D8, 0x1D7E2, 0x1D7EC, 0x1D7F6, // mathematical bold/double-struck/sans/mono
];

/// Folds one character to its ASCII look-alike where it has one; otherwise returns it.
fn fold_char(c: char) -> char {
    let cp = u32::from(c);
    if c.is_ascii() {
        return c;
    }
    // Full-width ASCII variants U+FF01..U+FF5E sit exactly 0xFEE0 above ASCII.
    if (0xFF01..=0xFF5E).contains(&cp) {
        return char::from_u32(cp - 0xFEE0).unwrap_or(c);
    }
    for &zero in DIGIT_ZEROS {
        if (zero..zero + 10).contains(&cp) {
            return char::from_u32(u32::from(b'0') + (cp - zero)).unwrap_or(c);
        }
    }
    match cp {
        // Spaces: NBSP, Ogham, en/em quads and spaces, thin, hair, narrow NBSP, medium
        // mathematical, ideographic.
        0x00A0 | 0x1680 | 0x2000..=0x200A | 0x202F | 0x205F | 0x3000 => ' ',
        // Hyphens, dashes and minus signs.
        0x2010..=0x2015 | 0x2212 | 0x2043 | 0xFE58 | 0xFE63 | 0x02D7 | 0x2796 => '-',
        // Dots: one dot leader, middle dot (often typed as a group dot), ideographic full
        // stop, halfwidth ideographic full stop.
        0x2024 | 0x00B7 | 0x2027 | 0x3002 | 0xFF61 | 0x2E31 => '.',
        // Slashes: fraction slash, division slash, big solidus.
        0x2044 | 0x2215 | 0x29F8 => '/',
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const RULES: FoldRules = FoldRules {
        max_bytes: 64,
        drop: GROUP_SEPARATORS,
        uppercase: true,
    };

    fn code(r: Result<String, ValidationError>) -> ErrorCode {
        match r {
            Ok(s) => panic!("expected an error, got {s:?}"),
            Err(e) => e.code,
        }
    }

    #[test]
    fn folds_lookalikes_and_drops_separators() {
        let f = |s| fold(s, Field::NationalId, RULES).unwrap();
        assert_eq!(f("１２３\u{00A0}456\u{2013}789"), "123456789");
        assert_eq!(f("  ab.cd/ef\u{2009}gh "), "ABCDEFGH");
        assert_eq!(f("\u{0661}\u{0662}\u{06F3}\u{0967}"), "1231");
        // Non-ASCII letters pass through untouched for the format to reject.
        assert_eq!(f("é1"), "é1");
    }

    #[test]
    fn keeps_separators_the_format_does_not_drop() {
        let rules = FoldRules {
            drop: b" ",
            ..RULES
        };
        assert_eq!(
            fold("131052\u{2010}308t", Field::NationalId, rules).unwrap(),
            "131052-308T"
        );
    }

    #[test]
    fn rejects_invisible_characters() {
        assert_eq!(
            code(fold("12\u{200B}34", Field::NationalId, RULES)),
            ErrorCode::ControlCharacter
        );
        assert_eq!(
            code(fold("12\u{202E}34", Field::NationalId, RULES)),
            ErrorCode::ControlCharacter
        );
        assert_eq!(
            code(fold("12\t34", Field::NationalId, RULES)),
            ErrorCode::ControlCharacter
        );
    }

    #[test]
    fn length_limit_and_blank() {
        assert_eq!(
            code(fold(&"1".repeat(65), Field::Iban, RULES)),
            ErrorCode::TooLong
        );
        assert_eq!(
            code(fold(" \u{00A0} ", Field::Iban, RULES)),
            ErrorCode::Required
        );
        assert_eq!(code(fold("- -", Field::Iban, RULES)), ErrorCode::Required);
    }

    /// Identifiers and human text share the format-character list; identifiers also reject
    /// inner tabs and the other default ignorables, which human text keeps.
    #[test]
    fn identifier_and_text_invisibles_differ_only_as_documented() {
        use crate::validate::text;
        for c in [
            '\u{200B}',
            '\u{202E}',
            '\u{2066}',
            '\u{FEFF}',
            '\u{0890}',
            '\u{13430}',
            '\u{E0041}',
        ] {
            assert!(is_format_char(c), "{c:?}");
            assert!(is_invisible(c) && text::is_control_or_format(c), "{c:?}");
        }
        for c in ['\t', '\u{FE0F}', '\u{034F}', '\u{3164}', '\u{E0100}'] {
            assert!(is_invisible(c) && !text::is_control_or_format(c), "{c:?}");
        }
        assert_eq!(
            code(fold("12\u{0890}34", Field::NationalId, RULES)),
            ErrorCode::ControlCharacter
        );
    }
}
