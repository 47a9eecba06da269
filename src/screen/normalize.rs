//! Name normalisation: the SAME code runs when the index is built and when a query is
//! screened, so both sides always agree on what a token is.
//!
//! Steps, in order:
//! 1. Invisible characters are removed (zero-width space/joiners, bidi controls, soft
//!    hyphen, BOM, variation selectors, Arabic tatweel); every kind of space (NBSP,
//!    ideographic space...) and control character becomes a plain space.
//! 2. NFC, then `SURNAME, Given` (exactly one comma) is reordered to `Given SURNAME`.
//! 3. Per word: a word mixing Latin with Cyrillic or Greek letters is resolved by its
//!    majority script through a confusables (homoglyph) table, so a Cyrillic `а` or Greek
//!    `ο` hidden inside a Latin name reads as Latin, and a Latin `n` hidden in `Путиn`
//!    reads as Cyrillic.
//! 4. Non-Latin scripts are transliterated (`translit`).
//! 5. NFKD, removal of combining marks, ICAO-style folding of letters that do not
//!    decompose (ß→ss, ø→o, æ→ae, œ→oe, ł→l, đ→d, ð→d, þ→th, ı→i, ħ→h...), lower case.
//! 6. Apostrophes join (`Qa'ida` → `qaida`, a possessive `'s` is dropped), dotted
//!    abbreviations join (`L.L.C.` → `llc`), `&` becomes `and`, every other punctuation
//!    mark separates tokens.
//! 7. Multi-word legal forms become one canonical weak token (`joint stock company` →
//!    `jsc`, `Aktiengesellschaft` → `ag`, `OAO` → `ojsc`), tolerating a typo per word;
//!    misspelled long legal words are recognised too (`CORPORATOIN` → `corp`).
//! 8. Each token gets a class: word, number, initial, particle, legal form, generic
//!    company word, stopword or title (honorific). Titles are ignored when a person is
//!    compared (they stay words for organisations: `General Electric`), legal forms and
//!    generic words weigh little and never make a match on their own, numbers match only
//!    exactly.

use crate::unicode_norm::is_combining_mark;
use crate::unicode_norm::UnicodeNormalization;

use crate::screen::phonetic::Slot;
use crate::screen::translit::{self, CyrillicLang, Script};

/// What role a token plays in a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TokenClass {
    /// An ordinary name word.
    Word,
    /// Digits only: must match exactly.
    Number,
    /// A single letter.
    Initial,
    /// A name particle (`al`, `bin`, `abu`, `de`, `van`...).
    Particle,
    /// A company legal form, canonicalised (`llc`, `jsc`, `gmbh`...): a weak token.
    LegalForm,
    /// A generic company word (`group`, `trading`, `international`, `bank`...).
    Generic,
    /// A stopword (`and`, `of`, `the`...).
    Stopword,
    /// An honorific or title (`dr`, `sheikh`, `haji`, `general`...).
    Title,
    /// A patronymic (`vladimirovich`, `petrovna`, `aliyev oglu`): a name word that one
    /// side often omits, so it weighs little.
    Patronymic,
}

impl TokenClass {
    /// Stable code used in explanations and the index encoding.
    pub fn code(self) -> &'static str {
        match self {
            TokenClass::Word => "word",
            TokenClass::Number => "number",
            TokenClass::Initial => "initial",
            TokenClass::Particle => "particle",
            TokenClass::LegalForm => "legal_form",
            TokenClass::Generic => "generic",
            TokenClass::Stopword => "stopword",
            TokenClass::Title => "title",
            TokenClass::Patronymic => "patronymic",
        }
    }

    /// Compact number for the index encoding.
    pub fn to_u8(self) -> u8 {
        self as u8
    }

    /// Inverse of [`TokenClass::to_u8`].
    pub fn from_u8(v: u8) -> Option<TokenClass> {
        Some(match v {
            0 => TokenClass::Word,
            1 => TokenClass::Number,
            2 => TokenClass::Initial,
            3 => TokenClass::Particle,
            4 => TokenClass::LegalForm,
            5 => TokenClass::Generic,
            6 => TokenClass::Stopword,
            7 => TokenClass::Title,
            8 => TokenClass::Patronymic,
            _ => return None,
        })
    }

    /// Weak tokens never make a match on their own.
    pub fn is_weak(self) -> bool {
        matches!(
            self,
            TokenClass::LegalForm | TokenClass::Generic | TokenClass::Stopword
        )
    }
}

/// One normalised token.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Token {
    /// `[a-z0-9]+`, or the original characters for Han and unsupported scripts.
    pub text: String,
    /// Role in the name.
    pub class: TokenClass,
    /// Script the token was written in (before transliteration).
    pub script: Script,
    /// Consonant-skeleton pattern for words written without short vowels (Arabic,
    /// Hebrew, Thai); `None` for fully spelled words.
    pub pattern: Option<Vec<Slot>>,
}

/// True for characters that are removed without leaving a space.
fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{0640}' | '\u{180E}'
        | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{206F}'
        | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}' | '\u{E0000}'..='\u{E007F}')
}

/// Step 1 and 2: invisible characters out, spaces unified, NFC, comma reordering.
fn clean(raw: &str) -> String {
    let mut s = String::with_capacity(raw.len());
    for c in raw.chars() {
        if is_invisible(c) {
            continue;
        }
        if c.is_whitespace() || c.is_control() {
            s.push(' ');
        } else {
            s.push(c);
        }
    }
    // ASCII text is its own NFC.
    let s: String = if s.is_ascii() { s } else { s.nfc().collect() };
    let commas = s.chars().filter(|&c| matches!(c, ',' | '，' | '،')).count();
    if commas == 1 {
        if let Some(pos) = s.find([',', '，', '،']) {
            let comma_len = s[pos..].chars().next().map_or(1, |c| c.len_utf8());
            let (head, tail) = (&s[..pos], &s[pos + comma_len..]);
            if !head.trim().is_empty() && !tail.trim().is_empty() {
                return format!("{} {}", tail.trim(), head.trim());
            }
        }
    }
    s
}

/// Step 3: homoglyph resolution of one whitespace-free word.
fn resolve_confusables(word: &str) -> String {
    let (mut latin, mut cyr, mut greek) = (0usize, 0usize, 0usize);
    for c in word.chars() {
        match translit::script_of(c) {
            Some(Script::Latin) if c.is_alphabetic() => latin += 1,
            Some(Script::Cyrillic) => cyr += 1,
            Some(Script::Greek) => greek += 1,
            _ => {}
        }
    }
    let foreign = cyr + greek;
    if latin == 0 || foreign == 0 {
        return word.to_string();
    }
    if latin >= foreign {
        word.chars()
            .map(|c| translit::confusable_to_latin(c).unwrap_or(c))
            .collect()
    } else if cyr >= greek {
        word.chars()
            .map(|c| translit::latin_to_cyrillic(c).unwrap_or(c))
            .collect()
    } else {
        word.chars()
            .map(|c| translit::latin_to_greek(c).unwrap_or(c))
            .collect()
    }
}

/// Letters that do not decompose under NFKD, folded the ICAO 9303 way.
fn fold_special(c: char) -> Option<&'static str> {
    Some(match c {
        'ß' | 'ẞ' => "ss",
        'ø' | 'Ø' => "o",
        'æ' | 'Æ' => "ae",
        'œ' | 'Œ' => "oe",
        'ł' | 'Ł' => "l",
        'đ' | 'Đ' | 'ð' | 'Ð' => "d",
        'þ' | 'Þ' => "th",
        'ı' => "i",
        'ħ' | 'Ħ' => "h",
        'ŧ' | 'Ŧ' => "t",
        'ŀ' | 'Ŀ' => "l",
        'ĸ' => "k",
        'ŋ' | 'Ŋ' => "ng",
        'ſ' => "s",
        'ƒ' => "f",
        'ɨ' => "i",
        'ʉ' => "u",
        'ɛ' | 'Ɛ' => "e",
        'ɔ' | 'Ɔ' => "o",
        'ƴ' | 'Ƴ' => "y",
        'ƙ' | 'Ƙ' => "k",
        'ɗ' | 'Ɗ' => "d",
        'ɓ' | 'Ɓ' => "b",
        'ǝ' | 'Ǝ' | 'ə' | 'Ə' => "e",
        'ȝ' => "y",
        _ => return None,
    })
}

fn is_apostrophe(c: char) -> bool {
    matches!(
        c,
        '\'' | '’' | '‘' | 'ʼ' | 'ʻ' | 'ʿ' | 'ʾ' | '`' | '´' | '′' | 'ˈ'
    )
}

/// Steps 5-6 for Latin(-ised) text: folds to lower-case ASCII and splits into raw tokens.
fn latin_tokens(text: &str, script: Script, out: &mut Vec<Token>) {
    // Fold to a string of [a-z0-9] plus the punctuation that matters below.
    let mut folded = String::with_capacity(text.len());
    for c in text.chars() {
        if is_apostrophe(c) {
            folded.push('\'');
            continue;
        }
        if c.is_ascii() {
            // What the loop below does with an ASCII character (its own NFKD, not
            // combining, not special, Latin or no script, lower-cased in place), without
            // a decomposition per character.
            let l = c.to_ascii_lowercase();
            folded.push(match l {
                'a'..='z' | '0'..='9' | '.' | '&' | '\'' => l,
                _ => ' ',
            });
            continue;
        }
        if let Some(s) = fold_special(c) {
            folded.push_str(s);
            continue;
        }
        for d in std::iter::once(c).nfkd() {
            if is_combining_mark(d) {
                continue;
            }
            if let Some(s) = fold_special(d) {
                folded.push_str(s);
                continue;
            }
            match translit::script_of(d) {
                None | Some(Script::Latin | Script::Other) => {}
                Some(script) => {
                    // A compatibility character whose decomposition is a letter of a script
                    // with a table (the micro sign `µ` is `μ`, superscript `ᵝ` is `β`, the
                    // Kangxi radical `⼈` is `人`): read here as that script reads, so the
                    // token is the same when it is normalised again.
                    let reading = match script {
                        Script::Han => translit::han_reading(d).map(str::to_string),
                        _ => Some(
                            translit::transliterate_run(&[d], script, CyrillicLang::Russian)
                                .into_iter()
                                .map(|t| t.text)
                                .collect(),
                        ),
                    };
                    if let Some(r) = reading.filter(|r| r.is_ascii() && !r.is_empty()) {
                        folded.push(' ');
                        folded.push_str(&r);
                        folded.push(' ');
                        continue;
                    }
                }
            }
            for l in crate::unicode_norm::to_lowercase(d) {
                if l.is_ascii_alphanumeric() || matches!(l, '.' | '&' | '\'') {
                    folded.push(l);
                } else if l.is_alphanumeric() {
                    // A letter of a script without a table that survived: keep it.
                    folded.push(l);
                } else {
                    folded.push(' ');
                }
            }
        }
    }
    for piece in folded.split(' ').filter(|p| !p.is_empty()) {
        // Copied only to spell out an ampersand (most pieces hold none).
        if piece.contains('&') {
            let piece = piece.replace('&', " and ");
            for part in piece.split(' ').filter(|p| !p.is_empty()) {
                push_piece(part, script, out);
            }
        } else {
            push_piece(piece, script, out);
        }
    }
}

/// One space-free piece of folded text: apostrophes and dotted abbreviations.
fn push_piece(piece: &str, script: Script, out: &mut Vec<Token>) {
    // Possessive 's at the end of a word is dropped (Deutsche Bank's = Deutsche Bank).
    let trimmed = piece.trim_matches('\'');
    let trimmed = match trimmed.strip_suffix("'s") {
        Some(rest) if trimmed.len() > 3 => rest,
        _ => trimmed,
    };
    // Copied only to drop apostrophes (most pieces hold none).
    let p: std::borrow::Cow<str> = if trimmed.contains('\'') {
        trimmed.replace('\'', "").into()
    } else {
        trimmed.into()
    };
    // Dotted abbreviation: single letters each followed by a dot (L.L.C., U.S.A, J.P.).
    let stripped = p.trim_end_matches('.');
    if stripped.contains('.') && stripped.split('.').all(|x| x.chars().count() == 1) {
        let text: String = stripped.split('.').collect();
        push_raw(text, script, out);
        return;
    }
    for part in stripped.split('.').filter(|x| !x.is_empty()) {
        push_raw(part.to_string(), script, out);
    }
}

fn push_raw(text: String, script: Script, out: &mut Vec<Token>) {
    if text.is_empty() {
        return;
    }
    let script = if text.chars().all(|c| c.is_ascii_digit()) {
        Script::Latin
    } else {
        script
    };
    let script = if script == Script::Latin && !text.is_ascii() {
        Script::Other
    } else {
        script
    };
    out.push(Token {
        text,
        class: TokenClass::Word,
        script,
        pattern: None,
    });
}

/// Step 3-6 for one whitespace-free word of the cleaned name.
fn word_tokens(word: &str, cyr: CyrillicLang, out: &mut Vec<Token>) {
    if word.is_ascii() {
        // Latin letters, digits and punctuation only: no look-alike to resolve, no other
        // script to transliterate (what the loop below finds, without a pass per letter).
        latin_tokens(word, Script::Latin, out);
        return;
    }
    let word = resolve_confusables(word);
    let chars: Vec<char> = word.chars().collect();
    // Latin (and punctuation, marks, digits) accumulates here; alphabetic scripts are
    // transliterated into it so `Иванов-Петров` splits like `Ivanov-Petrov`.
    let mut latin_buf = String::new();
    let mut buf_script = Script::Latin;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let script = translit::script_of(c);
        match script {
            None | Some(Script::Latin) => {
                latin_buf.push(c);
                i += 1;
            }
            Some(s) => {
                // A run of this script, with the combining marks that follow its letters.
                let start = i;
                i += 1;
                while i < chars.len() {
                    let d = chars[i];
                    match translit::script_of(d) {
                        Some(t) if t == s => i += 1,
                        None if is_combining_mark(d) => i += 1,
                        _ => break,
                    }
                }
                let run = &chars[start..i];
                let toks = translit::transliterate_run(run, s, cyr);
                match s {
                    Script::Cyrillic | Script::Greek | Script::Armenian | Script::Georgian => {
                        for t in toks {
                            latin_buf.push_str(&t.text);
                        }
                        buf_script = s;
                    }
                    _ => {
                        if !latin_buf.is_empty() {
                            latin_tokens(&latin_buf, buf_script, out);
                            latin_buf.clear();
                            buf_script = Script::Latin;
                        }
                        for t in toks {
                            if t.text.is_empty()
                                && t.skeleton.as_ref().map_or(true, |p| p.is_empty())
                            {
                                continue;
                            }
                            if t.skeleton.is_some() {
                                // Abjad words: already lower-case ASCII transliteration.
                                out.push(Token {
                                    text: t.text,
                                    class: TokenClass::Word,
                                    script: t.script,
                                    pattern: t.skeleton,
                                });
                            } else if t.script == Script::Hangul {
                                out.push(Token {
                                    text: t.text,
                                    class: TokenClass::Word,
                                    script: t.script,
                                    pattern: None,
                                });
                            } else {
                                // Han and other scripts: the characters themselves.
                                out.push(Token {
                                    text: t.text,
                                    class: TokenClass::Word,
                                    script: t.script,
                                    pattern: None,
                                });
                            }
                        }
                    }
                }
            }
        }
    }
    if !latin_buf.is_empty() {
        latin_tokens(&latin_buf, buf_script, out);
    }
}

/// Canonical legal forms of multi-word phrases (longest first).
const LEGAL_PHRASES: &[(&[&str], &str)] = &[
    (&["gesellschaft", "mit", "beschrankter", "haftung"], "gmbh"),
    (&["societe", "a", "responsabilite", "limitee"], "sarl"),
    (&["societatea", "cu", "raspundere", "limitata"], "srl"),
    (&["sociedad", "de", "responsabilidad", "limitada"], "srl"),
    (
        &["obshchestvo", "s", "ogranichennoy", "otvetstvennostyu"],
        "llc",
    ),
    (&["open", "joint", "stock", "company"], "ojsc"),
    (&["closed", "joint", "stock", "company"], "cjsc"),
    (&["public", "joint", "stock", "company"], "pjsc"),
    (&["private", "joint", "stock", "company"], "jsc"),
    (&["otkrytoe", "aktsionernoe", "obshchestvo"], "ojsc"),
    (&["zakrytoe", "aktsionernoe", "obshchestvo"], "cjsc"),
    (&["publichnoe", "aktsionernoe", "obshchestvo"], "pjsc"),
    (&["joint", "stock", "company"], "jsc"),
    (&["limited", "liability", "company"], "llc"),
    (&["limited", "liability", "partnership"], "llp"),
    (&["public", "limited", "company"], "plc"),
    (&["private", "limited", "company"], "ltd"),
    (&["free", "zone", "establishment"], "fze"),
    (&["free", "zone", "company"], "fzco"),
    (&["aktsionernoe", "obshchestvo"], "jsc"),
    (&["societe", "anonyme"], "sa"),
    (&["sociedad", "anonima"], "sa"),
    (&["limited", "partnership"], "lp"),
    (&["sp", "z", "oo"], "spzoo"),
];

/// A word of a legal-form phrase, allowing one typo in words of 4-7 letters and two from
/// 8 (`JOIINT STOCK COMPANY`, `OBSHCHESTO`).
fn phrase_word_matches(t: &str, p: &str) -> bool {
    if t == p {
        return true;
    }
    let max = match p.len() {
        0..=3 => return false,
        4..=7 => 1,
        _ => 2,
    };
    t.bytes().all(|b| b.is_ascii_lowercase()) && within_edits(t, p, max)
}

/// Single-word legal forms and their canonical spelling.
fn legal_form(t: &str) -> Option<&'static str> {
    Some(match t {
        "llc" | "ooo" | "tov" | "fzllc" => "llc",
        "llp" => "llp",
        "lp" => "lp",
        "ltd" | "limited" | "ltda" => "ltd",
        "inc" | "incorporated" => "inc",
        "corp" | "corporation" => "corp",
        "co" | "company" => "co",
        "plc" => "plc",
        "jsc" | "ao" | "prat" => "jsc",
        "ojsc" | "oao" => "ojsc",
        "pjsc" | "pao" | "pat" => "pjsc",
        "cjsc" | "zao" => "cjsc",
        "gmbh" => "gmbh",
        "ag" | "aktiengesellschaft" => "ag",
        "kg" => "kg",
        "ohg" => "ohg",
        "sa" => "sa",
        "sas" => "sas",
        "sarl" => "sarl",
        "srl" => "srl",
        "spa" => "spa",
        "sl" => "sl",
        "bv" => "bv",
        "nv" => "nv",
        "ab" => "ab",
        "oy" | "oyj" => "oy",
        "asa" => "asa",
        "aps" => "aps",
        "kk" => "kk",
        "pte" => "pte",
        "pty" => "pty",
        "sdn" => "sdn",
        "bhd" => "bhd",
        "fze" => "fze",
        "fzco" => "fzco",
        "fzc" => "fzc",
        "sae" => "sae",
        "sal" => "sal",
        "wll" => "wll",
        "spc" => "spc",
        "lda" => "lda",
        "eood" => "eood",
        "ood" => "ood",
        "ead" => "ead",
        "sro" => "sro",
        "doo" => "doo",
        "zrt" => "zrt",
        "kft" => "kft",
        "spzoo" => "spzoo",
        // Russian non-commercial organisations and state or municipal unitary
        // enterprises and institutions (many listed entities carry these).
        "ano" | "nko" => "ano",
        "fgup" | "gup" | "mup" | "fkp" => "fgup",
        "fgbu" | "fgbou" | "gbu" | "fku" | "fgku" => "fgbu",
        // Words of spelled-out legal forms, weak on their own (word order and typos then
        // do not matter: `COMPANY X CLOSED JOINT-STOCK` still reads as a legal form).
        "joint" | "stock" | "liability" | "partnership" | "aktsionernoe" | "aktsionernaya"
        | "obshchestvo" | "otkrytoe" | "zakrytoe" | "publichnoe" | "gesellschaft"
        | "beschrankter" | "haftung" | "societe" | "anonyme" | "sociedad" | "anonima"
        | "responsabilite" | "limitee" | "societatea" | "raspundere" | "limitata"
        | "responsabilidad" | "limitada" | "ogranichennoy" | "otvetstvennostyu" | "kompaniya"
        | "tovarystvo" | "sirketi" | "anonim" => {
            return LEGAL_WORDS.iter().copied().find(|w| *w == t)
        }
        _ => return None,
    })
}

/// Legal-form words kept as they are (see [`legal_form`]).
const LEGAL_WORDS: &[&str] = &[
    "joint",
    "stock",
    "liability",
    "partnership",
    "aktsionernoe",
    "aktsionernaya",
    "obshchestvo",
    "otkrytoe",
    "zakrytoe",
    "publichnoe",
    "gesellschaft",
    "beschrankter",
    "haftung",
    "societe",
    "anonyme",
    "sociedad",
    "anonima",
    "responsabilite",
    "limitee",
    "societatea",
    "raspundere",
    "limitata",
    "responsabilidad",
    "limitada",
    "ogranichennoy",
    "otvetstvennostyu",
    "kompaniya",
    "tovarystvo",
    "sirketi",
    "anonim",
];

/// Long legal-form words recognised through a typo (one edit up to 8 letters, two from
/// 9): `CORPORATOIN`, `LIMITD`, `COMPPANY` are still legal forms on both sides.
const LEGAL_LONG: &[&str] = &[
    "company",
    "corporation",
    "limited",
    "incorporated",
    "aktiengesellschaft",
    "gesellschaft",
    "liability",
    "partnership",
    "aktsionernoe",
    "aktsionernaya",
    "obshchestvo",
    "otkrytoe",
    "zakrytoe",
    "publichnoe",
    "kompaniya",
    "sirketi",
    "ogranichennoy",
    "otvetstvennostyu",
];

/// Short legal-form words recognised through one typo only next to another legal form
/// (`JOINNT STOCK COMPANY`), as alone they are too close to ordinary words.
const LEGAL_SHORT: &[&str] = &["joint", "stock"];

/// Whether two ASCII words are within `max` edits (optimal string alignment).
fn within_edits(a: &str, b: &str, max: usize) -> bool {
    crate::screen::fuzzy::ascii_within(a.as_bytes(), b.as_bytes(), max)
}

/// The legal form a misspelled word stands for, if any.
fn fuzzy_legal_form(t: &str, next_to_legal: bool) -> Option<&'static str> {
    if !t.bytes().all(|b| b.is_ascii_lowercase()) {
        return None;
    }
    if t.len() >= 6 {
        let max = if t.len() >= 9 { 2 } else { 1 };
        for w in LEGAL_LONG {
            if within_edits(t, w, max) {
                return legal_form(w);
            }
        }
    }
    if next_to_legal && t.len() >= 4 {
        for w in LEGAL_SHORT {
            if within_edits(t, w, 1) {
                return legal_form(w);
            }
        }
    }
    None
}

fn is_generic(t: &str) -> bool {
    matches!(
        t,
        "open"
            | "ticaret"
            | "closed"
            | "public"
            | "private"
            | "group"
            | "holding"
            | "holdings"
            | "trading"
            | "trade"
            | "international"
            | "intl"
            | "industries"
            | "industrial"
            | "industry"
            | "enterprise"
            | "enterprises"
            | "services"
            | "service"
            | "global"
            | "investment"
            | "investments"
            | "management"
            | "partners"
            | "capital"
            | "resources"
            | "technologies"
            | "technology"
            | "solutions"
            | "import"
            | "export"
            | "logistics"
            | "shipping"
            | "commercial"
            | "development"
            | "bank"
            | "banking"
            | "finance"
            | "financial"
            | "insurance"
            | "construction"
            | "engineering"
            | "consulting"
            | "foundation"
            | "association"
            | "institute"
            | "center"
            | "centre"
            | "factory"
            | "plant"
            | "production"
            | "manufacturing"
            | "establishment"
            | "organization"
            | "organisation"
            | "firm"
            | "agency"
    )
}

fn is_stopword(t: &str) -> bool {
    matches!(t, "and" | "of" | "the" | "for" | "und" | "et" | "y")
}

fn is_particle(t: &str) -> bool {
    matches!(
        t,
        "abd"
            | "al"
            | "el"
            | "ul"
            | "ar"
            | "ur"
            | "as"
            | "ash"
            | "ad"
            | "an"
            | "at"
            | "az"
            | "ud"
            | "bin"
            | "ben"
            | "ibn"
            | "bint"
            | "binti"
            | "abu"
            | "abou"
            | "um"
            | "umm"
            | "de"
            | "da"
            | "di"
            | "do"
            | "dos"
            | "das"
            | "del"
            | "della"
            | "der"
            | "den"
            | "van"
            | "von"
            | "la"
            | "le"
            | "du"
            | "des"
            | "ter"
            | "ten"
            | "mac"
            | "mc"
            | "st"
    )
}

/// The Latin spelling of an Arabic-script particle from its letter transliteration:
/// `ال` (split off by transliteration), `عبد`, `بن`/`ابن`/`إبن`, `بنت`, `ابو`/`أبو`.
fn arabic_particle(letters: &str) -> Option<&'static str> {
    Some(match letters {
        "al" => "al",
        "abd" => "abd",
        "bn" | "abn" | "ibn" => "bin",
        "bnt" => "bint",
        "abw" => "abu",
        _ => return None,
    })
}

/// One spelling for particles that are the same word written differently: the Arabic
/// article with its sun-letter assimilations (`el`, `ul`, `ash`, `ad`, ... → `al`), "son
/// of" (`ben`, `ibn` → `bin`), `binti` → `bint`, `abou` → `abu`, `um` → `umm`, `mc` →
/// `mac`. So `Usama ibn Laden` meets `Osama bin Laden` word for word.
fn particle_canon(t: &str) -> Option<&'static str> {
    Some(match t {
        "al" | "el" | "ul" | "ar" | "ur" | "as" | "ash" | "ad" | "an" | "at" | "az" | "ud" => "al",
        "bin" | "ben" | "ibn" => "bin",
        "bint" | "binti" => "bint",
        "abu" | "abou" => "abu",
        "um" | "umm" => "umm",
        "mac" | "mc" => "mac",
        _ => return None,
    })
}

/// Canonical legal forms by legal nature, where it is unambiguous: stock corporations
/// (JSC, OAO, PAO, ZAO, AG, SpA, NV, SAS...), private limited-liability companies (LLC, OOO,
/// GmbH, SARL, SRL, BV...), partnerships (LP, LLP, KG, OHG). `Ltd`, `Inc`, `Corp`, `Co`
/// and other forms whose nature varies by country are in none. Two forms of one family are
/// the same company re-registered (`OAO Gazprom` became `PAO Gazprom`); two different
/// families are two legal persons (`Deutsche Bank AG`, `Deutsche Bank GmbH`).
const LEGAL_FAMILIES: [(LegalFamily, &[&str]); 6] = [
    (
        LegalFamily::Stock,
        &[
            "jsc", "ojsc", "pjsc", "cjsc", "ag", "spa", "nv", "sas", "oy", "asa", "sae", "ead",
            "zrt",
        ],
    ),
    (
        LegalFamily::Limited,
        &[
            "llc", "gmbh", "sarl", "srl", "sl", "bv", "lda", "ood", "eood", "sro", "doo", "kft",
            "spzoo", "aps", "wll",
        ],
    ),
    (LegalFamily::Partnership, &["lp", "llp", "kg", "ohg"]),
    (LegalFamily::NonProfit, &["ano"]),
    (LegalFamily::StateEnterprise, &["fgup"]),
    (LegalFamily::StateInstitution, &["fgbu"]),
];

/// The legal nature of a canonical legal form ([`LEGAL_FAMILIES`]), if unambiguous.
pub fn legal_family(canon: &str) -> Option<LegalFamily> {
    LEGAL_FAMILIES
        .iter()
        .find(|(_, members)| members.contains(&canon))
        .map(|&(family, _)| family)
}

/// Every canonical legal form of `family` (for the index's lookups).
pub fn legal_family_members(family: LegalFamily) -> &'static [&'static str] {
    LEGAL_FAMILIES
        .iter()
        .find(|(f, _)| *f == family)
        .map_or(&[], |&(_, members)| members)
}

/// The legal nature shared by a group of legal forms ([`legal_family`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LegalFamily {
    /// Companies limited by shares, public or closed (joint-stock).
    Stock,
    /// Private limited-liability companies.
    Limited,
    /// Partnerships.
    Partnership,
    /// Non-commercial organisations (Russian ANO, NKO).
    NonProfit,
    /// State or municipal unitary enterprises (Russian FGUP, GUP, MUP, FKP).
    StateEnterprise,
    /// State budgetary or treasury institutions (Russian FGBU, FGBOU, GBU, FKU).
    StateInstitution,
}

fn is_title(t: &str) -> bool {
    matches!(
        t,
        "mr" | "mrs"
            | "ms"
            | "mx"
            | "miss"
            | "dr"
            | "doctor"
            | "prof"
            | "professor"
            | "sheikh"
            | "shaikh"
            | "sheik"
            | "shaykh"
            | "cheikh"
            | "sheikha"
            | "shaikha"
            | "haji"
            | "hajji"
            | "hadji"
            | "hajj"
            | "alhaji"
            | "alhaj"
            | "mullah"
            | "mulla"
            | "molla"
            | "maulana"
            | "mawlana"
            | "maulvi"
            | "mawlawi"
            | "moulvi"
            | "maulavi"
            | "mufti"
            | "qari"
            | "imam"
            | "ayatollah"
            | "hojatoleslam"
            | "general"
            | "gen"
            | "col"
            | "colonel"
            | "lt"
            | "lieutenant"
            | "maj"
            | "major"
            | "brig"
            | "brigadier"
            | "capt"
            | "captain"
            | "cmdr"
            | "commander"
            | "admiral"
            | "adm"
            | "sayyid"
            | "sayyed"
            | "seyed"
            | "seyyed"
            | "president"
            | "praesident"
            | "prasident"
            | "sir"
            | "dame"
            | "lord"
            | "hon"
            | "honorable"
            | "honourable"
            | "excellency"
            | "eng"
            | "engineer"
    )
}

/// Step 7-8: phrases, theophoric names, classes.
/// The value of an English number word (`four`, `forty`, `fourth`), and whether it is a
/// multiplier (`hundred`, `thousand`).
fn number_word(t: &str) -> Option<(u64, bool)> {
    let v = match t {
        "zero" => 0,
        "one" | "first" => 1,
        "two" | "second" => 2,
        "three" | "third" => 3,
        "four" | "fourth" => 4,
        "five" | "fifth" => 5,
        "six" | "sixth" => 6,
        "seven" | "seventh" => 7,
        "eight" | "eighth" => 8,
        "nine" | "ninth" => 9,
        "ten" | "tenth" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        "twenty" => 20,
        "thirty" => 30,
        "forty" | "fourty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        "hundred" => return Some((100, true)),
        "thousand" => return Some((1000, true)),
        _ => return None,
    };
    Some((v, false))
}

/// `1st`, `22nd`, `3rd`, `4th` → the number.
fn digit_ordinal(t: &str) -> Option<&str> {
    let digits = t.trim_end_matches(|c: char| c.is_ascii_lowercase());
    let suffix = &t[digits.len()..];
    (!digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        && matches!(suffix, "st" | "nd" | "rd" | "th"))
    .then_some(digits)
}

/// Numbers written as English words become digits, so `Brigade Forty-Four`, `Brigade 44`
/// and `Brigade Forty 4` are the same name, and `First` meets `1st`. A run of number words
/// is one number (`one hundred twenty` → `120`); a digit completes a tens word (`forty 4`).
/// `ten` alone stays a word (the Dutch particle of `ten Brink`).
fn numbers_as_digits(tokens: Vec<Token>) -> Vec<Token> {
    let latin = |t: &Token| t.script == Script::Latin && t.pattern.is_none();
    let mut out: Vec<Token> = Vec::with_capacity(tokens.len());
    let mut i = 0;
    while i < tokens.len() {
        let t = &tokens[i];
        // Any ASCII token (`0th` split off a word of another script too), so that a
        // normalised token normalises to itself.
        if t.pattern.is_none() && t.text.is_ascii() {
            if let Some(d) = digit_ordinal(&t.text) {
                let mut n = t.clone();
                n.text = d.to_string();
                out.push(n);
                i += 1;
                continue;
            }
        }
        let mut j = i;
        let (mut total, mut current) = (0u64, 0u64);
        let mut last_tens = false;
        while let Some(t) = tokens.get(j).filter(|t| latin(t)) {
            if let Some((v, mult)) = number_word(&t.text) {
                if mult {
                    total = total.saturating_add(current.max(1).saturating_mul(v));
                    current = 0;
                } else {
                    current = current.saturating_add(v);
                }
                last_tens = !mult && v >= 20 && v % 10 == 0;
            } else if last_tens && t.text.len() == 1 && t.text.as_bytes()[0].is_ascii_digit() {
                current += u64::from(t.text.as_bytes()[0] - b'0');
                last_tens = false;
            } else {
                break;
            }
            j += 1;
        }
        let run = j - i;
        if run == 0 || (run == 1 && tokens[i].text == "ten") {
            out.push(tokens[i].clone());
            i += 1;
            continue;
        }
        let mut n = tokens[i].clone();
        n.text = total.saturating_add(current).to_string();
        out.push(n);
        i = j;
    }
    out
}

fn finish(tokens: Vec<Token>) -> Vec<Token> {
    let mut tokens = numbers_as_digits(tokens);
    // Legal-form phrases.
    let mut out: Vec<Token> = Vec::with_capacity(tokens.len());
    let mut i = 0;
    'outer: while i < tokens.len() {
        for (phrase, canon) in LEGAL_PHRASES {
            let n = phrase.len();
            if i + n <= tokens.len()
                && tokens[i..i + n]
                    .iter()
                    .zip(phrase.iter())
                    .all(|(t, p)| phrase_word_matches(&t.text, p))
            {
                out.push(Token {
                    text: (*canon).to_string(),
                    class: TokenClass::LegalForm,
                    script: Script::Latin,
                    pattern: None,
                });
                i += n;
                continue 'outer;
            }
        }
        // Moved, not copied: no phrase looks back at it.
        if let Some(t) = tokens.get_mut(i) {
            out.push(Token {
                text: std::mem::take(&mut t.text),
                class: t.class,
                script: t.script,
                pattern: t.pattern.take(),
            });
        }
        i += 1;
    }
    for t in &mut out {
        if t.class == TokenClass::LegalForm {
            continue;
        }
        if t.script == Script::Han {
            // A Han syllable is a name syllable, never a title, particle or legal form
            // (`de`, `bin`, `ma`, `sa` are common readings).
            t.class = TokenClass::Word;
            continue;
        }
        t.class = if t.pattern.is_some() {
            // Arabic, Hebrew, Thai words are matched by their letters, never read as a
            // Latin title or legal form (Hebrew עמר is `mr`, not "Mister"); only Arabic
            // particles are recognised, and take their one Latin spelling (بن is `bin`,
            // as `ibn`/`ben` are), so they meet the Latin particles.
            match arabic_particle(&t.text) {
                Some(latin) if t.script == Script::Arabic => {
                    t.text = latin.to_string();
                    t.pattern = None;
                    TokenClass::Particle
                }
                _ => TokenClass::Word,
            }
        } else {
            classify(&t.text)
        };
        if t.script == Script::Hangul && t.class == TokenClass::Initial {
            // A one-letter Hangul syllable (오 = o) is a syllable, not an initial.
            t.class = TokenClass::Word;
        }
        if let Some(canon) = legal_form(&t.text) {
            t.text = canon.to_string();
        }
        if t.class == TokenClass::Particle && t.pattern.is_none() {
            if let Some(canon) = particle_canon(&t.text) {
                t.text = canon.to_string();
            }
        }
    }
    // Misspelled legal forms.
    for i in 0..out.len() {
        if out[i].class != TokenClass::Word
            || out[i].pattern.is_some()
            || out[i].script == Script::Han
        {
            continue;
        }
        let legal_at = |j: Option<usize>| {
            j.and_then(|j| out.get(j))
                .is_some_and(|t| t.class == TokenClass::LegalForm)
        };
        let next_to_legal = legal_at(i.checked_sub(1)) || legal_at(Some(i + 1));
        if let Some(canon) = fuzzy_legal_form(&out[i].text, next_to_legal) {
            out[i].text = canon.to_string();
            out[i].class = TokenClass::LegalForm;
        }
    }
    out
}

/// The class of a single normalised token.
pub fn classify(t: &str) -> TokenClass {
    if !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()) {
        return TokenClass::Number;
    }
    if t.chars().count() == 1 && t.chars().all(|c| c.is_alphabetic()) {
        // One Han character is a whole syllable, not an initial.
        return if t.is_ascii() {
            TokenClass::Initial
        } else {
            TokenClass::Word
        };
    }
    if legal_form(t).is_some() {
        return TokenClass::LegalForm;
    }
    if is_stopword(t) {
        return TokenClass::Stopword;
    }
    if is_particle(t) {
        return TokenClass::Particle;
    }
    if is_title(t) {
        return TokenClass::Title;
    }
    if is_generic(t) {
        return TokenClass::Generic;
    }
    if is_patronymic(t) {
        return TokenClass::Patronymic;
    }
    TokenClass::Word
}

/// Slavic patronymics (`-ovich`, `-evich`, `-ovna`, `-evna`, Ukrainian `-ovych`, `-ivna`)
/// and the Turkic patronymic words (`oglu`, `ogly`, `kyzy`, `qizi`, `uulu`).
fn is_patronymic(t: &str) -> bool {
    matches!(
        t,
        "oglu" | "ogly" | "ogli" | "kyzy" | "qizi" | "gizi" | "uulu"
    ) || (t.len() >= 8
        && [
            "ovich", "evich", "ovych", "evych", "ovna", "evna", "ivna", "ichna",
        ]
        .iter()
        .any(|s| t.ends_with(s)))
}

/// Normalises a name into tokens. `lang_tag` is the source's language label, if any
/// (it only decides the Cyrillic alphabet when the letters cannot).
pub fn normalize_name(raw: &str, lang_tag: Option<&str>) -> Vec<Token> {
    let cleaned = clean(raw);
    let cyr = translit::cyrillic_lang(&cleaned, lang_tag);
    let mut tokens = Vec::new();
    for word in cleaned.split(' ').filter(|w| !w.is_empty()) {
        word_tokens(word, cyr, &mut tokens);
    }
    finish(tokens)
}

/// The readings of a query name: the normal one, and the readings that undo the usual
/// ways of hiding a name from a filter, each kept only when it differs:
/// - compatibility forms folded first (NFKC: full-width `ＰＵＴＩＮ`, `Ｐｕ７ｉｎ`), invisible
///   characters removed;
/// - letters written one by one joined into a word (`P U T I N`, `P-U-T-I-N`,
///   `P. U. T. I. N.`: runs of at least [`MIN_SPELLED_RUN`] one-character pieces);
/// - digits standing for letters inside words read as letters (`Ig0r Sech1n`);
/// - a name written entirely in Cyrillic or Greek letters that all look like Latin ones
///   (`РОРЕ`) read as Latin.
///
/// The best reading counts, so a name spelled in homoglyphs, leet or spaced letters cannot
/// evade; each extra reading is one more screening pass, and an ordinary name has none.
pub fn query_variants(raw: &str) -> Vec<Vec<Token>> {
    let mut out = vec![normalize_name(raw, None)];
    // The texts to read, ordinary first; de-duplicated as text, so an ordinary name (no
    // compatibility form, spelled letters, digits in words or homoglyphs) is read once.
    let stripped: String = raw.chars().filter(|&c| !is_invisible(c)).collect();
    // NFKC turns some Greek look-alikes into other letters (lunate sigma `Ϲ` into `Σ`),
    // so the look-alike reading is tried on the text before NFKC too.
    let compat: String = if stripped.is_ascii() {
        // ASCII text is its own NFKC.
        stripped.clone()
    } else {
        stripped.nfkc().collect()
    };
    // Most names are NFKC already: their one base is read once, not twice.
    let bases = if compat == stripped {
        vec![stripped]
    } else {
        vec![stripped, compat]
    };
    let mut texts: Vec<String> = Vec::new();
    for base in bases {
        let joined = join_spelled_letters(&base);
        for text in [base, joined] {
            for reading in deleet_readings(&text) {
                if all_confusable(&reading) {
                    let latin: String = reading
                        .chars()
                        .map(|c| translit::confusable_to_latin(c).unwrap_or(c))
                        .collect();
                    if !texts.contains(&latin) {
                        texts.push(latin);
                    }
                }
                if !texts.contains(&reading) {
                    texts.push(reading);
                }
            }
        }
    }
    for text in texts.iter().filter(|t| t.as_str() != raw) {
        let alt = normalize_name(text, None);
        if !alt.is_empty() && !out.contains(&alt) {
            out.push(alt);
        }
    }
    out
}

/// Shortest run of one-character pieces read as a word spelled letter by letter: three,
/// so that two initials (`J. K. Rowling`) stay initials.
pub const MIN_SPELLED_RUN: usize = 3;

/// True for the characters that separate letters written one by one.
fn is_letter_separator(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '.' | '-' | '_' | '·' | '•' | '∙' | '‧' | '‐' | '‑' | '/' | '*' | '+' | '|'
        )
}

/// Joins runs of at least [`MIN_SPELLED_RUN`] one-character pieces (a letter, or a digit
/// that stands for a letter) separated only by separators (`P U T I N`, `P.u.t.i.n`,
/// `P-U-T-I-N`) into one word. A run keeps one separator, and two or more spaces end it, so
/// `P U T I N  V L A D` and `P.U.T.I.N V.L.A.D` keep their two words.
fn join_spelled_letters(text: &str) -> String {
    let single = |p: &str| {
        let mut chars = p.chars().filter(|c| !is_combining_mark(*c));
        match (chars.next(), chars.next()) {
            (Some(c), None) => c.is_alphabetic() || leet_letter(c).is_some(),
            _ => false,
        }
    };
    // Most names spell no letter on its own: nothing to join, the text as it is.
    if !text.split(is_letter_separator).any(single) {
        return text.to_string();
    }
    // Pieces: (separator before, piece).
    let mut pieces: Vec<(String, String)> = Vec::new();
    let mut sep = String::new();
    let mut word = String::new();
    for c in text.chars() {
        if is_letter_separator(c) {
            if !word.is_empty() {
                pieces.push((std::mem::take(&mut sep), std::mem::take(&mut word)));
            }
            sep.push(c);
        } else {
            word.push(c);
        }
    }
    if !word.is_empty() {
        pieces.push((std::mem::take(&mut sep), word));
    }
    let wide_gap = |s: &str| s.chars().filter(|c| c.is_whitespace()).count() >= 2;
    let mut result = String::new();
    let mut i = 0;
    while i < pieces.len() {
        let mut j = i;
        if single(&pieces[i].1) {
            j = i + 1;
            // One separator throughout (`T. R. A. D. I. N. G C. O. R. P.` is two words).
            let run_sep = pieces.get(j).map(|p| p.0.as_str()).unwrap_or_default();
            while j < pieces.len()
                && single(&pieces[j].1)
                && pieces[j].0 == run_sep
                && !wide_gap(&pieces[j].0)
            {
                j += 1;
            }
        }
        let letters = pieces[i..j]
            .iter()
            .any(|p| p.1.chars().any(char::is_alphabetic));
        if j - i >= MIN_SPELLED_RUN && letters {
            result.push_str(if i == 0 { "" } else { " " });
            for p in &pieces[i..j] {
                result.push_str(&p.1);
            }
            i = j;
        } else {
            result.push_str(&pieces[i].0);
            result.push_str(&pieces[i].1);
            i += 1;
        }
    }
    result.push_str(&sep);
    result
}

/// `text` itself, then its readings with digits standing for letters inside words read as
/// letters (`Ig0r Sech1n`), only where every digit of the word has a look-alike (`A320`
/// stays as it is). `1` stands for `i` or `l`: both readings are given when it occurs.
fn deleet_readings(text: &str) -> Vec<String> {
    let mut out = vec![text.to_string()];
    // Only a word with digits has another reading.
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return out;
    }
    for one in ['i', 'l'] {
        let mut changed_one = false;
        let reading = text
            .split(' ')
            .map(|w| {
                let letters = w.chars().any(|c| c.is_alphabetic());
                let digits = w.chars().any(|c| c.is_ascii_digit());
                if letters
                    && digits
                    && w.chars()
                        .filter(|c| c.is_ascii_digit())
                        .all(|c| leet_letter(c).is_some())
                {
                    changed_one |= w.contains('1');
                    w.chars()
                        .map(|c| match c {
                            '1' => one,
                            _ => leet_letter(c).unwrap_or(c),
                        })
                        .collect()
                } else {
                    w.to_string()
                }
            })
            .collect::<Vec<_>>()
            .join(" ");
        if one == 'l' && !changed_one {
            break;
        }
        if reading != text {
            out.push(reading);
        }
    }
    out
}

/// True when every letter of `text` is Latin or a Cyrillic/Greek look-alike of a Latin
/// letter, and at least one is Cyrillic or Greek (`РОРЕ`, `Рutin`).
fn all_confusable(text: &str) -> bool {
    // One pass, the script first: `char::is_alphabetic` searches Unicode's tables for
    // every character outside ASCII, and most names outside Latin stop at their first
    // letter. ASCII letters are Latin; `script_of` gives Cyrillic and Greek to letters
    // only, which a Cyrillic or Greek letter among them implies.
    let mut cyrillic_or_greek = false;
    for c in text.chars().filter(|c| !c.is_ascii()) {
        let latin = match translit::script_of(c) {
            Some(Script::Latin) => true,
            Some(Script::Cyrillic | Script::Greek) => {
                cyrillic_or_greek = true;
                false
            }
            // Not a letter: neither here nor there.
            _ if !c.is_alphabetic() => true,
            _ => false,
        };
        if !latin && translit::confusable_to_latin(c).is_none() {
            return false;
        }
    }
    cyrillic_or_greek
}

/// The letter a digit stands for in leet spelling.
fn leet_letter(c: char) -> Option<char> {
    Some(match c {
        '0' => 'o',
        '1' => 'i',
        '3' => 'e',
        '4' => 'a',
        '5' => 's',
        '7' => 't',
        '8' => 'b',
        '9' => 'g',
        _ => return None,
    })
}

/// The normalised tokens joined by spaces (for display and tests).
pub fn normalized_string(raw: &str) -> String {
    normalize_name(raw, None)
        .iter()
        .map(|t| t.text.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(s: &str) -> String {
        normalized_string(s)
    }

    #[test]
    fn diacritics_and_icao_folding() {
        assert_eq!(n("François Hollande"), "francois hollande");
        assert_eq!(n("Straße"), "strasse");
        assert_eq!(n("Søren Ærø"), "soren aero");
        assert_eq!(n("Łukasz Đoković"), "lukasz dokovic");
        assert_eq!(n("Þór"), "thor");
    }

    #[test]
    fn invisible_and_space_characters() {
        assert_eq!(n("Vladimir\u{00A0}Putin"), "vladimir putin");
        assert_eq!(n("Pu\u{200B}tin"), "putin");
        assert_eq!(n("\u{202E}Putin\u{202C}"), "putin");
        assert_eq!(n("Pu\u{00AD}tin\u{FEFF}"), "putin");
        assert_eq!(n("  KIM   Jong\u{3000}Un "), "kim jong un");
    }

    #[test]
    fn homoglyphs_inside_latin_words() {
        // Cyrillic а and о, Greek ο.
        assert_eq!(n("Vl\u{0430}dimir Put\u{0456}n"), "vladimir putin");
        assert_eq!(n("\u{03BF}sama"), "osama");
        // Latin y (looks like Cyrillic у) inside a Cyrillic word.
        assert_eq!(n("Пyтин"), "putin");
    }

    #[test]
    fn leet_words_get_a_letter_reading() {
        let v = query_variants("Ig0r Sech1n");
        // `1` reads as `i`, then as `l`.
        assert_eq!(v.len(), 3);
        assert_eq!(v[1][0].text, "igor");
        assert_eq!(v[1][1].text, "sechin");
        assert_eq!(query_variants("A320 Airbus").len(), 1);
        assert_eq!(query_variants("11420 Corp").len(), 1);
        assert_eq!(query_variants("A1-L1bi")[1][1].text, "libi");
    }

    #[test]
    fn letters_written_one_by_one_are_joined() {
        let reads = |q: &str| -> Vec<String> {
            query_variants(q)
                .iter()
                .map(|v| {
                    v.iter()
                        .map(|t| t.text.as_str())
                        .collect::<Vec<_>>()
                        .join(" ")
                })
                .collect()
        };
        for q in [
            "P U T I N Vladimir",
            "P-U-T-I-N Vladimir",
            "P. U. T. I. N. Vladimir",
            "Ｐ Ｕ Ｔ Ｉ Ｎ Vladimir",
        ] {
            assert!(
                reads(q).contains(&"putin vladimir".to_string()),
                "{q}: {:?}",
                reads(q)
            );
        }
        assert!(reads("T. R. A. D. I. N. G C. O. R. P.").contains(&"trading corp".to_string()));
        assert!(reads("V L A D  P U T I N").contains(&"vlad putin".to_string()));
        // Two initials stay initials.
        assert_eq!(reads("J. K. Rowling"), vec!["j k rowling".to_string()]);
    }

    #[test]
    fn whole_name_in_homoglyphs_gets_a_latin_reading() {
        let v = query_variants("РОРЕ");
        assert_eq!(v.len(), 2);
        assert_eq!(v[1][0].text, "pope");
        // Greek lunate sigma `Ϲ` (NFKC would make it `Σ`) and Cyrillic `Ј`, `Ѕ`.
        let v = query_variants("ϹOΝСERΝ ЈOІΝΤ ЅΤΟϹК");
        assert!(v.iter().any(|r| r[0].text == "concern"), "{v:?}");
    }

    #[test]
    fn particles_have_one_spelling() {
        assert_eq!(n("Usama ibn Laden"), n("Usama bin Laden"));
        assert_eq!(n("Bashar el-Assad"), "bashar al assad");
        assert_eq!(n("Abdul Aziz ash-Shami"), n("Abdul Aziz al Shami"));
        assert_eq!(n("Abou Bakr"), "abu bakr");
    }

    #[test]
    fn number_words_become_digits() {
        assert_eq!(n("Brigade Forty-Four"), "brigade 44");
        assert_eq!(n("Brigade Forty 4"), "brigade 44");
        assert_eq!(n("Three Percenters"), n("3 Percenters"));
        assert_eq!(n("First International Bank"), n("1st International Bank"));
        assert_eq!(n("one hundred twenty one"), "121");
        // `ten` alone is the Dutch particle, not a number.
        assert_eq!(n("Jan ten Brink"), "jan ten brink");
        assert_eq!(n("Ten Ten"), "20");
    }

    #[test]
    fn surname_comma_reordering() {
        assert_eq!(n("QADHAFI, Muammar"), "muammar qadhafi");
        // `ben` is the particle "son of", written `bin` in its one spelling.
        assert_eq!(n("AL BEN ALI, Isa Ben Tarif"), "isa bin tarif al bin ali");
        assert_eq!(n("A, B, C"), "a b c");
    }

    #[test]
    fn punctuation_apostrophes_and_abbreviations() {
        assert_eq!(n("Al Qa'ida"), "al qaida");
        assert_eq!(n("Goldman Sachs & Co. L.L.C."), "goldman sachs and co llc");
        assert_eq!(n("Deutsche Bank's AG"), "deutsche bank ag");
        assert_eq!(n("Jong-Un"), "jong un");
        assert_eq!(n("J. Doe"), "j doe");
    }

    #[test]
    fn legal_forms_are_canonical_weak_tokens() {
        let t = normalize_name("Open Joint Stock Company Gazprom", None);
        assert_eq!(t[0].text, "ojsc");
        assert_eq!(t[0].class, TokenClass::LegalForm);
        assert_eq!(n("OAO Gazprom"), "ojsc gazprom");
        assert_eq!(n("Siemens Aktiengesellschaft"), "siemens ag");
        assert_eq!(n("Siemens Aktiengeselschaft"), "siemens ag");
        assert_eq!(
            n("NAMCHONGANG TRADING CORPORATOIN"),
            "namchongang trading corp"
        );
        assert_eq!(n("JOINNT STOCK COMPANY SHVABE"), "jsc shvabe");
        assert_eq!(n("JOINNT STOCK"), "joint stock");
        assert_eq!(n("ANO Iskusstvo Krasoty"), "ano iskusstvo krasoty");
        assert_eq!(n("FGUP Rosoboronexport"), "fgup rosoboronexport");
        assert_ne!(legal_family("ano"), legal_family("llc"));
        assert_eq!(n("JOINNT VENTURE"), "joinnt venture");
        assert_eq!(
            n("COMPANY SHVABE CLOSED JOINT-STOCK"),
            "co shvabe closed joint stock"
        );
        assert_eq!(
            normalize_name("11420 CORP.", None)[0].class,
            TokenClass::Number
        );
    }

    #[test]
    fn classes() {
        let t = normalize_name("Dr. Ayman al-Zawahiri", None);
        assert_eq!(t[0].class, TokenClass::Title);
        assert_eq!(t[2].class, TokenClass::Particle);
        assert_eq!(classify("trading"), TokenClass::Generic);
        assert_eq!(classify("j"), TokenClass::Initial);
        assert_eq!(classify("präsident"), TokenClass::Word);
        assert_eq!(n("Präsident"), "prasident");
        assert_eq!(classify("prasident"), TokenClass::Title);
    }

    #[test]
    fn theophoric_names_stay_apart() {
        // The scorer glues tokens (`abd al rahman` ~ `abdulrahman` by key).
        assert_eq!(n("Abd al-Rahman"), "abd al rahman");
        assert_eq!(n("Abdul Rahman"), "abdul rahman");
    }

    #[test]
    fn transliterated_scripts() {
        assert_eq!(n("Путин"), "putin");
        assert_eq!(n("Владимир Путин"), "vladimir putin");
        let t = normalize_name("محمد علي", None);
        assert_eq!(t.len(), 2);
        assert!(t[0].pattern.is_some());
        assert_eq!(t[0].script, Script::Arabic);
        let t = normalize_name("عبد الله", None);
        assert_eq!(t.len(), 2, "{t:?}");
        // Mandarin readings (not the Korean `kim jong un`).
        assert_eq!(n("金正恩"), "jin zheng en");
        assert_eq!(n("김정은"), "gim jeong eun");
    }

    /// `all_confusable` as first written: every letter found by `char::is_alphabetic`,
    /// then tested.
    fn all_confusable_by_letters(text: &str) -> bool {
        let letters: Vec<char> = text.chars().filter(|c| c.is_alphabetic()).collect();
        !letters.is_empty()
            && letters.iter().any(|&c| {
                matches!(
                    translit::script_of(c),
                    Some(Script::Cyrillic | Script::Greek)
                )
            })
            && letters.iter().all(|&c| {
                translit::script_of(c) == Some(Script::Latin)
                    || translit::confusable_to_latin(c).is_some()
            })
    }

    #[test]
    fn all_confusable_agrees_with_its_letter_by_letter_form() {
        // Every character of the Basic Multilingual Plane and the scripts past it, alone
        // and beside Latin, Cyrillic and Greek look-alikes and a non-confusable letter.
        for c in (0..0x3_2000u32).filter_map(char::from_u32) {
            for text in [
                format!("{c}"),
                format!("a{c}"),
                format!("\u{420}{c}"),
                format!("{c}\u{3bf}x"),
                format!("\u{416}{c}"),
                format!("{c} 1"),
            ] {
                assert_eq!(
                    all_confusable(&text),
                    all_confusable_by_letters(&text),
                    "{text:?}"
                );
            }
        }
        assert!(all_confusable("\u{420}\u{41e}\u{420}\u{415}"));
        assert!(!all_confusable("Pope"));
    }
}
