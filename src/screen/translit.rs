//! Transliteration of non-Latin scripts to Latin, with compact hand-written tables.
//!
//! Coverage (see docs/SCREENING.md for the systems followed):
//! - Cyrillic: Russian (BGN/PCGN-like), Ukrainian and Belarusian (national systems, chosen
//!   when the name contains a letter only those alphabets have: `і ї є ґ ў`), Serbian and
//!   Macedonian (Gaj's Latin alphabet with diacritics folded), Bulgarian (Streamlined
//!   System; only when the source tags the name `BG`, since the alphabet is Russian's),
//!   plus the Mongolian and Kazakh extra letters.
//! - Greek: ELOT 743 with the common digraphs (`ου`, `αυ`, `ευ`, `μπ`, `ντ`, `γγ`, `γκ`).
//! - Armenian (BGN/PCGN 1981) and Georgian (2002 national system).
//! - Hangul: Revised Romanization by syllable decomposition, one token per syllable
//!   (Latin lists write Korean names syllable by syllable: `KIM Jong Un`), with the
//!   conventional spelling of the most common surnames (이 → `lee`, 박 → `park`).
//! - Arabic, Persian and Urdu, Hebrew, Thai: these scripts omit short vowels, so a Latin
//!   rendering is only a guess. Each word yields a Latin text for display and a consonant
//!   *skeleton pattern* ([`Slot`]s) that the scorer compares with the consonant skeleton of
//!   Latin names (`phonetic::skeleton`). Letters whose Latin rendering varies get two
//!   classes (`ث` is `th` or `s`), and letters that may be a vowel get an optional slot
//!   (`و` is `w`, `u`, `o` or nothing in Latin).
//! - CJK Han: Mandarin readings (Hanyu Pinyin without tones, `ü` as `u`) from a generated
//!   table ([`han_reading`], `han_table.rs`, made by `scripts/gen_han_table.py` from pinned
//!   PyPI packages: about 10,400 simplified, traditional and Japanese-form characters,
//!   one reading each). One token per character (script `Han`): Latin lists write Chinese
//!   names syllable by syllable or glued (`Xi Jinping`), and the scorer glues adjacent
//!   tokens like Hangul syllables. The first character of a short name takes its surname
//!   reading when it differs (单 `shan`, 曾 `zeng`, 区 `ou`: [`han_surname`]). Japanese
//!   kanji names get these Mandarin readings too, which is wrong for Japanese (山田 reads
//!   `shan tian`, not `yamada`): kanji names only meet the same characters or a Chinese
//!   spelling. A character outside the table stays as it is (matches only itself).
//! - Japanese kana (hiragana, katakana): modified Hepburn, one token per word (script
//!   `Kana`); the middle dot `・` separates words, the long vowel mark `ー` is dropped (as
//!   macrons are in Latin spellings), small `っ` doubles the next consonant and the small
//!   vowels and `ゃゅょ` make the foreign-sound digraphs (`ファ` fa, `ティ` ti, `ジェ` je).
//!   A katakana word is a transcription (`バラク` → `baraku`) and keeps its extra vowels.
//!
//! Tables are hand-written from the published romanization systems, except the Han
//! readings (generated; with the kana code the wasm module grows by 19.8 KB gzip); the rest of the module is a few kilobytes
//! (`deunicode`/`any_ascii` would cost 170-285 KB gzip in the wasm build).

use crate::screen::phonetic::{Slot, CL_B, CL_F, CL_H, CL_J, CL_K, CL_L, CL_M, CL_N, CL_R, CL_S};
use crate::screen::phonetic::{CL_T, CL_X};

/// The script of a letter, as far as screening distinguishes them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Script {
    /// Latin letters (including accented and IPA-extension letters) and digits.
    Latin,
    /// Cyrillic.
    Cyrillic,
    /// Greek.
    Greek,
    /// Armenian.
    Armenian,
    /// Georgian.
    Georgian,
    /// Hebrew.
    Hebrew,
    /// Arabic (also Persian and Urdu letters).
    Arabic,
    /// Hangul (Korean).
    Hangul,
    /// Thai.
    Thai,
    /// CJK Han ideographs (one token per character, read in Mandarin).
    Han,
    /// Any other letter (kept as is, matched exactly).
    Other,
    /// Japanese kana (hiragana and katakana), romanised by Hepburn.
    Kana,
}

impl Script {
    /// Stable lower-case code used in explanations.
    pub fn code(self) -> &'static str {
        match self {
            Script::Latin => "latin",
            Script::Cyrillic => "cyrillic",
            Script::Greek => "greek",
            Script::Armenian => "armenian",
            Script::Georgian => "georgian",
            Script::Hebrew => "hebrew",
            Script::Arabic => "arabic",
            Script::Hangul => "hangul",
            Script::Thai => "thai",
            Script::Han => "han",
            Script::Other => "other",
            Script::Kana => "kana",
        }
    }

    /// Inverse of [`Script::code`] (used by the index decoder).
    pub fn from_u8(v: u8) -> Option<Script> {
        Some(match v {
            0 => Script::Latin,
            1 => Script::Cyrillic,
            2 => Script::Greek,
            3 => Script::Armenian,
            4 => Script::Georgian,
            5 => Script::Hebrew,
            6 => Script::Arabic,
            7 => Script::Hangul,
            8 => Script::Thai,
            9 => Script::Han,
            10 => Script::Other,
            11 => Script::Kana,
            _ => return None,
        })
    }

    /// Compact number for the index encoding.
    pub fn to_u8(self) -> u8 {
        self as u8
    }
}

/// The script of a letter or digit; `None` for marks, punctuation, spaces and symbols.
pub fn script_of(c: char) -> Option<Script> {
    let u = c as u32;
    Some(match u {
        0x30..=0x39 | 0x41..=0x5A | 0x61..=0x7A => Script::Latin,
        0xAA | 0xB5 | 0xBA | 0xC0..=0xD6 | 0xD8..=0xF6 | 0xF8..=0x24F => Script::Latin,
        0x250..=0x2AF | 0x1D00..=0x1DBF | 0x1E00..=0x1EFF | 0x2C60..=0x2C7F | 0xA720..=0xA7FF => {
            Script::Latin
        }
        0xFF10..=0xFF19 | 0xFF21..=0xFF3A | 0xFF41..=0xFF5A => Script::Latin,
        0x1D400..=0x1D7FF => Script::Latin, // mathematical alphanumerics (NFKD folds them)
        // The letters of the basic blocks, known without a search of Unicode's tables
        // (`char::is_alphabetic` outside ASCII); the rest of each block is tested.
        0x391..=0x3A1 | 0x3A3..=0x3CE => Script::Greek,
        0x400..=0x481 | 0x48A..=0x52F => Script::Cyrillic,
        0x370..=0x3FF | 0x1F00..=0x1FFF => {
            if c.is_alphabetic() {
                Script::Greek
            } else {
                return None;
            }
        }
        0x400..=0x52F | 0x1C80..=0x1C8F | 0x2DE0..=0x2DFF | 0xA640..=0xA69F => {
            if c.is_alphabetic() {
                Script::Cyrillic
            } else {
                return None;
            }
        }
        0x531..=0x58F => {
            if c.is_alphabetic() {
                Script::Armenian
            } else {
                return None;
            }
        }
        0x5D0..=0x5F2 | 0xFB1D..=0xFB4F => Script::Hebrew,
        0x620..=0x64A | 0x660..=0x669 | 0x66E..=0x6D3 | 0x6D5 | 0x6EE..=0x6FF | 0x750..=0x77F => {
            Script::Arabic
        }
        0x8A0..=0x8FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => {
            if c.is_alphabetic() {
                Script::Arabic
            } else {
                return None;
            }
        }
        0x10A0..=0x10FF | 0x1C90..=0x1CBF | 0x2D00..=0x2D2F => Script::Georgian,
        0xAC00..=0xD7A3 => Script::Hangul,
        0xE01..=0xE3A | 0xE40..=0xE4E | 0xE50..=0xE59 => Script::Thai,
        // Kana letters; the middle dot U+30FB, the voicing marks U+3099-309C and the double
        // hyphen U+30A0 are not letters (the middle dot separates words).
        0x3041..=0x3096 | 0x309D..=0x309F | 0x30A1..=0x30FA | 0x30FC..=0x30FF => Script::Kana,
        0x31F0..=0x31FF => Script::Kana,
        // The iteration mark (佐々木) repeats a Han character.
        0x3005 | 0x3400..=0x4DBF | 0x4E00..=0x9FFF => Script::Han,
        0xF900..=0xFAFF | 0x20000..=0x3134F => Script::Han,
        _ => {
            if c.is_alphanumeric() {
                Script::Other
            } else {
                return None;
            }
        }
    })
}

/// Which Cyrillic alphabet to read a name with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CyrillicLang {
    /// Russian (the default; also Kazakh/Mongolian extra letters).
    Russian,
    /// Ukrainian (`г` = h, `и` = y, `і` = i).
    Ukrainian,
    /// Belarusian (`г` = h, `ў` = w).
    Belarusian,
    /// Serbian and Macedonian (Gaj's alphabet, diacritics folded: `ч` = c, `ш` = s).
    Serbian,
    /// Bulgarian (`ъ` = a, `щ` = sht).
    Bulgarian,
}

/// Chooses the Cyrillic alphabet for a whole name: letters unique to one alphabet decide,
/// then the source's language tag (`BG`, `UK`, `SR`...), else Russian.
pub fn cyrillic_lang(name: &str, lang_tag: Option<&str>) -> CyrillicLang {
    for c in name.chars() {
        match c {
            'і' | 'І' | 'ї' | 'Ї' | 'є' | 'Є' | 'ґ' | 'Ґ' => {
                // Belarusian also has і; ў decides for it.
                if name.contains(['ў', 'Ў']) {
                    return CyrillicLang::Belarusian;
                }
                return CyrillicLang::Ukrainian;
            }
            'ў' | 'Ў' => return CyrillicLang::Belarusian,
            'ђ' | 'Ђ' | 'ј' | 'Ј' | 'љ' | 'Љ' | 'њ' | 'Њ' | 'ћ' | 'Ћ' | 'џ' | 'Џ' | 'ѓ' | 'Ѓ'
            | 'ќ' | 'Ќ' | 'ѕ' | 'Ѕ' => return CyrillicLang::Serbian,
            _ => {}
        }
    }
    let tag = lang_tag.unwrap_or("").trim().to_ascii_lowercase();
    match tag.as_str() {
        "bg" | "bul" | "bulgarian" => CyrillicLang::Bulgarian,
        "uk" | "ukr" | "ukrainian" => CyrillicLang::Ukrainian,
        "be" | "bel" | "belarusian" => CyrillicLang::Belarusian,
        "sr" | "srp" | "serbian" | "mk" | "mkd" | "macedonian" => CyrillicLang::Serbian,
        _ => CyrillicLang::Russian,
    }
}

/// Transliterates one lower-case Cyrillic letter; `None` if it is not in the table.
fn cyrillic_letter(c: char, lang: CyrillicLang) -> Option<&'static str> {
    use CyrillicLang::*;
    Some(match c {
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' => match lang {
            Ukrainian | Belarusian => "h",
            _ => "g",
        },
        'ґ' => "g",
        'д' => "d",
        'е' => "e",
        'ё' => "e",
        'є' => "ye",
        'ж' => match lang {
            Serbian => "z",
            _ => "zh",
        },
        'з' => "z",
        'и' => match lang {
            Ukrainian => "y",
            _ => "i",
        },
        'і' => "i",
        'ї' => "yi",
        'й' => "y",
        'ј' => "j",
        'к' => "k",
        'л' => "l",
        'љ' => "lj",
        'м' => "m",
        'н' => "n",
        'њ' => "nj",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'ћ' => "c",
        'ђ' => "dj",
        'ѓ' => "gj",
        'ќ' => "kj",
        'ѕ' => "dz",
        'у' => "u",
        'ў' => "w",
        'ф' => "f",
        'х' => match lang {
            Serbian | Bulgarian => "h",
            _ => "kh",
        },
        'ц' => match lang {
            Serbian => "c",
            _ => "ts",
        },
        'ч' => match lang {
            Serbian => "c",
            _ => "ch",
        },
        'џ' => "dz",
        'ш' => match lang {
            Serbian => "s",
            _ => "sh",
        },
        'щ' => match lang {
            Bulgarian => "sht",
            _ => "shch",
        },
        'ъ' => match lang {
            Bulgarian => "a",
            _ => "",
        },
        'ы' => "y",
        'ь' => "",
        'э' => "e",
        'ю' => "yu",
        'я' => "ya",
        // Kazakh, Mongolian, Tatar, Bashkir extras.
        'ә' => "a",
        'ғ' => "g",
        'қ' => "k",
        'ң' => "ng",
        'ө' => "o",
        'ұ' => "u",
        'ү' => "u",
        'һ' => "h",
        'ӣ' => "i",
        'ӯ' => "u",
        'ҳ' => "h",
        'ҷ' => "j",
        'ҙ' => "z",
        'ҫ' => "s",
        'ӏ' => "",
        _ => return None,
    })
}

/// Transliterates one lower-case Greek letter (accents already removed).
fn greek_letter(c: char) -> Option<&'static str> {
    Some(match c {
        'α' => "a",
        'β' => "v",
        'γ' => "g",
        'δ' => "d",
        'ε' => "e",
        'ζ' => "z",
        'η' => "i",
        'θ' => "th",
        'ι' => "i",
        'κ' => "k",
        'λ' => "l",
        'μ' => "m",
        'ν' => "n",
        'ξ' => "x",
        'ο' => "o",
        'π' => "p",
        'ρ' => "r",
        'σ' | 'ς' | 'ϲ' => "s",
        'τ' => "t",
        'υ' => "y",
        'φ' => "f",
        'χ' => "ch",
        'ψ' => "ps",
        'ω' => "o",
        'ϐ' => "v",
        'ϑ' => "th",
        'ϕ' => "f",
        _ => return None,
    })
}

/// Greek word (lower case, unaccented letters) to Latin, ELOT 743 with digraphs.
fn greek_word(chars: &[char]) -> String {
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        let digraph = match (c, next) {
            ('ο', Some('υ')) => Some("ou"),
            ('α', Some('υ')) => Some("av"),
            ('ε', Some('υ')) => Some("ev"),
            ('η', Some('υ')) => Some("iv"),
            ('γ', Some('γ')) => Some("ng"),
            ('γ', Some('κ')) => Some(if i == 0 { "g" } else { "gk" }),
            ('γ', Some('ξ')) => Some("nx"),
            ('γ', Some('χ')) => Some("nch"),
            ('μ', Some('π')) if i == 0 => Some("b"),
            ('ν', Some('τ')) if i == 0 => Some("d"),
            _ => None,
        };
        if let Some(d) = digraph {
            out.push_str(d);
            i += 2;
            continue;
        }
        match greek_letter(c) {
            Some(s) => out.push_str(s),
            None => out.push(c),
        }
        i += 1;
    }
    out
}

/// Armenian lower-case letters U+0561..U+0586 (BGN/PCGN 1981).
const ARMENIAN: [&str; 38] = [
    "a", "b", "g", "d", "e", "z", "e", "y", "t", "zh", "i", "l", "kh", "ts", "k", "h", "dz", "gh",
    "ch", "m", "y", "n", "sh", "o", "ch", "p", "j", "r", "s", "v", "t", "r", "ts", "w", "p", "k",
    "o", "f",
];

/// Armenian word to Latin (`ու` = u, `և` = ev, word-initial `ե` = ye and `ո` = vo).
fn armenian_word(chars: &[char]) -> String {
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        let mut c = chars[i];
        if ('\u{531}'..='\u{556}').contains(&c) {
            c = char::from_u32(c as u32 + 0x30).unwrap_or(c);
        }
        let next = chars.get(i + 1).copied();
        if c == 'ո' && matches!(next, Some('ւ') | Some('Ւ')) {
            out.push('u');
            i += 2;
            continue;
        }
        if c == 'և' {
            out.push_str("ev");
        } else if c == 'ե' && i == 0 {
            out.push_str("ye");
        } else if c == 'ո' && i == 0 {
            out.push_str("vo");
        } else {
            let idx = (c as u32).wrapping_sub(0x561) as usize;
            match ARMENIAN.get(idx) {
                Some(s) => out.push_str(s),
                None => out.push(c),
            }
        }
        i += 1;
    }
    out
}

/// Georgian Mkhedruli letters U+10D0..U+10F0 (2002 national romanization).
const GEORGIAN: [&str; 33] = [
    "a", "b", "g", "d", "e", "v", "z", "t", "i", "k", "l", "m", "n", "o", "p", "zh", "r", "s", "t",
    "u", "p", "k", "gh", "q", "sh", "ch", "ts", "dz", "ts", "ch", "kh", "j", "h",
];

fn georgian_letter(c: char) -> Option<&'static str> {
    let u = c as u32;
    // Mtavruli capitals (U+1C90..) and Asomtavruli are mapped onto Mkhedruli first.
    let base = match u {
        0x1C90..=0x1CB0 => u - 0x1C90 + 0x10D0,
        _ => u,
    };
    GEORGIAN.get(base.wrapping_sub(0x10D0) as usize).copied()
}

/// One token produced by transliteration of a non-Latin word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TranslitToken {
    /// Latin text (ASCII lower case), or the original characters for Han/other scripts.
    pub text: String,
    /// The script it was written in.
    pub script: Script,
    /// Consonant skeleton pattern, for scripts that do not write short vowels.
    pub skeleton: Option<Vec<Slot>>,
}

fn slot(a: u8) -> Slot {
    Slot::consonant(a, 0)
}

fn slot2(a: u8, b: u8) -> Slot {
    Slot::consonant(a, b)
}

fn opt(a: u8) -> Slot {
    Slot::consonant_or_vowel(a)
}

/// Arabic-script letter: (Latin text, skeleton slot or `None` when it is a vowel carrier
/// or a letter Latin spellings omit).
fn arabic_letter(
    c: char,
    word_start: bool,
    word_end: bool,
) -> Option<(&'static str, Option<Slot>)> {
    Some(match c {
        // Alef is a long a, or at the start of a word the seat of any vowel (which some
        // spellings drop: Brahim for Ibrahim); alef maqsura a final long a or i.
        'ا' | 'أ' | 'آ' | 'ٱ' => ("a", Some(Slot::vowel(word_start))),
        'إ' => ("i", Some(Slot::vowel(word_start))),
        'ى' => ("a", Some(Slot::vowel(false))),
        'ء' | 'ؤ' | 'ئ' => ("", None),
        'ب' => ("b", Some(slot(CL_B))),
        'پ' => ("p", Some(slot(CL_B))),
        'ت' | 'ٹ' => ("t", Some(slot(CL_T))),
        // th in Arabic, s in Persian/Turkish/Urdu (Uthman / Osman).
        'ث' => ("th", Some(slot2(CL_T, CL_S))),
        // j, but g in Egyptian usage (Gamal).
        'ج' => ("j", Some(slot2(CL_J, CL_K))),
        'چ' => ("ch", Some(slot(CL_J))),
        'ژ' => ("zh", Some(slot(CL_J))),
        'ح' => ("h", Some(slot(CL_H))),
        // kh, also written h (Turkish) or k.
        'خ' => ("kh", Some(slot2(CL_H, CL_K))),
        'د' | 'ڈ' => ("d", Some(slot(CL_T))),
        // dh, also z (Persian/Urdu).
        'ذ' => ("dh", Some(slot2(CL_T, CL_S))),
        'ر' | 'ڑ' => ("r", Some(slot(CL_R))),
        'ز' => ("z", Some(slot(CL_S))),
        'س' | 'ص' => ("s", Some(slot(CL_S))),
        'ش' => ("sh", Some(slot(CL_X))),
        // emphatic d: d in Arabic, z in Persian (Ramadan / Ramazan).
        'ض' => ("d", Some(slot2(CL_T, CL_S))),
        'ط' => ("t", Some(slot(CL_T))),
        'ظ' => ("z", Some(slot2(CL_S, CL_T))),
        // Ayn: at the start of a word the seat of its vowel (Umar, Omar for عمر), at the
        // end sometimes spelled as a vowel (Rabia for ربيع).
        'ع' => (
            if word_start { "a" } else { "" },
            (word_start || word_end).then(|| Slot::vowel(true)),
        ),
        'غ' => ("gh", Some(slot(CL_K))),
        'ف' => ("f", Some(slot(CL_F))),
        'ق' => ("q", Some(slot(CL_K))),
        'ك' | 'ک' | 'گ' => (if c == 'گ' { "g" } else { "k" }, Some(slot(CL_K))),
        'ل' => ("l", Some(slot(CL_L))),
        'م' => ("m", Some(slot(CL_M))),
        'ن' | 'ں' => ("n", Some(slot(CL_N))),
        // A word-final h is not written in most Latin spellings (Abdallah / Abdalla), or
        // stands for a final vowel (Persian Zadeh, Fatemeh).
        'ه' | 'ہ' | 'ە' => (
            "h",
            Some(if word_end {
                Slot::vowel(true)
            } else {
                slot(CL_H)
            }),
        ),
        'ھ' => ("h", None),
        'ة' => ("a", Some(Slot::vowel(false))),
        // Consonant or long vowel: optional in the skeleton.
        'و' | 'ۇ' | 'ۆ' | 'ۈ' => ("w", Some(opt(CL_F))),
        'ي' | 'ی' | 'ې' | 'ے' | 'ۍ' => ("y", Some(opt(CL_J))),
        '٠'..='٩' => (digit_str((c as u32 - 0x660) as usize), None),
        '۰'..='۹' => (digit_str((c as u32 - 0x6F0) as usize), None),
        _ => return None,
    })
}

fn digit_str(d: usize) -> &'static str {
    ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"]
        .get(d)
        .copied()
        .unwrap_or("")
}

/// Hebrew letter: (Latin text, skeleton slot).
fn hebrew_letter(c: char, word_end: bool) -> Option<(&'static str, Option<Slot>)> {
    Some(match c {
        // Alef and ayin: silent, or the seat of a vowel.
        'א' | 'ע' => ("", Some(Slot::vowel(true))),
        'ב' => ("v", Some(slot2(CL_B, CL_F))),
        'ג' => ("g", Some(slot2(CL_K, CL_J))),
        'ד' => ("d", Some(slot(CL_T))),
        // Final he: a final vowel (Moshe, Sara), or not spelled.
        'ה' => (
            "h",
            Some(if word_end {
                Slot::vowel(true)
            } else {
                slot(CL_H)
            }),
        ),
        'ו' => ("v", Some(opt(CL_F))),
        'ז' => ("z", Some(slot(CL_S))),
        'ח' => ("kh", Some(slot2(CL_H, CL_J))),
        'ט' => ("t", Some(slot(CL_T))),
        'י' => ("y", Some(opt(CL_J))),
        'כ' => ("k", Some(slot2(CL_K, CL_H))),
        'ך' => ("kh", Some(slot2(CL_H, CL_K))),
        'ל' => ("l", Some(slot(CL_L))),
        'מ' | 'ם' => ("m", Some(slot(CL_M))),
        'נ' | 'ן' => ("n", Some(slot(CL_N))),
        'ס' => ("s", Some(slot(CL_S))),
        'פ' => ("p", Some(slot2(CL_B, CL_F))),
        'ף' => ("f", Some(slot(CL_F))),
        'צ' | 'ץ' => ("ts", Some(slot(CL_S))),
        'ק' => ("k", Some(slot(CL_K))),
        'ר' => ("r", Some(slot(CL_R))),
        'ש' => ("sh", Some(slot2(CL_X, CL_S))),
        'ת' => ("t", Some(slot(CL_T))),
        _ => return None,
    })
}

/// Thai consonant: (RTGS initial, skeleton slot when written as a final consonant or not).
fn thai_consonant(c: char, is_final: bool) -> Option<(&'static str, Option<Slot>)> {
    let (text, s): (&str, Option<Slot>) = match c {
        'ก' => ("k", Some(slot(CL_K))),
        'ข' | 'ฃ' | 'ค' | 'ฅ' | 'ฆ' => ("kh", Some(slot2(CL_K, CL_H))),
        'ง' => ("ng", Some(slot(CL_N))),
        'จ' => ("ch", Some(slot(CL_J))),
        'ฉ' | 'ช' | 'ฌ' => ("ch", Some(slot(CL_J))),
        'ซ' | 'ศ' | 'ษ' | 'ส' => ("s", Some(slot(CL_S))),
        'ญ' => ("y", Some(opt(CL_J))),
        'ฎ' | 'ด' => ("d", Some(slot(CL_T))),
        'ฏ' | 'ต' => ("t", Some(slot(CL_T))),
        'ฐ' | 'ฑ' | 'ฒ' | 'ถ' | 'ท' | 'ธ' => ("th", Some(slot(CL_T))),
        'ณ' | 'น' => ("n", Some(slot(CL_N))),
        'บ' => ("b", Some(slot(CL_B))),
        'ป' => ("p", Some(slot(CL_B))),
        'ผ' | 'พ' | 'ภ' => ("ph", Some(slot2(CL_B, CL_F))),
        'ฝ' | 'ฟ' => ("f", Some(slot(CL_F))),
        'ม' => ("m", Some(slot(CL_M))),
        'ย' => ("y", Some(opt(CL_J))),
        // Final r and l are pronounced n, but names are often spelled by letter (Somporn).
        'ร' => (
            "r",
            Some(if is_final {
                slot2(CL_N, CL_R)
            } else {
                slot(CL_R)
            }),
        ),
        'ล' | 'ฬ' => (
            "l",
            Some(if is_final {
                slot2(CL_N, CL_L)
            } else {
                slot(CL_L)
            }),
        ),
        'ว' => ("w", Some(opt(CL_F))),
        'ห' | 'ฮ' => ("h", Some(opt(CL_H))),
        'อ' => ("", None),
        _ => return None,
    };
    Some((text, s))
}

fn thai_vowel(c: char) -> Option<&'static str> {
    Some(match c {
        'ะ' | 'ั' | 'า' => "a",
        'ำ' => "am",
        'ิ' | 'ี' => "i",
        'ึ' | 'ื' => "ue",
        'ุ' | 'ู' => "u",
        'เ' => "e",
        'แ' => "ae",
        'โ' => "o",
        'ใ' | 'ไ' => "ai",
        'ฤ' => "rue",
        _ => return None,
    })
}

/// Thai word, best effort: consonants and vowel signs in reading order (leading vowels
/// `เ แ โ ใ ไ` are written before the consonant they follow in speech); tone marks and
/// the silent-letter mark `์` (which silences the consonant before it) handled.
fn thai_word(chars: &[char]) -> TranslitToken {
    // Drop consonants silenced by thanthakhat (U+0E4C), then tone marks and other signs.
    let mut letters: Vec<char> = Vec::with_capacity(chars.len());
    for &c in chars {
        if c == '\u{E4C}' {
            letters.pop();
            continue;
        }
        if matches!(c, '\u{E47}'..='\u{E4B}' | '\u{E4D}' | '\u{E4E}' | 'ๆ' | 'ฯ') {
            continue;
        }
        letters.push(c);
    }
    // Move leading vowels after the consonant they precede.
    let mut ordered: Vec<char> = Vec::with_capacity(letters.len());
    let mut i = 0;
    while i < letters.len() {
        let c = letters[i];
        if matches!(c, 'เ' | 'แ' | 'โ' | 'ใ' | 'ไ') && i + 1 < letters.len() {
            ordered.push(letters[i + 1]);
            ordered.push(c);
            i += 2;
            continue;
        }
        ordered.push(c);
        i += 1;
    }
    let mut text = String::new();
    let mut slots = Vec::new();
    let n = ordered.len();
    for (idx, &c) in ordered.iter().enumerate() {
        let is_final = idx + 1 == n
            || ordered
                .get(idx + 1)
                .is_some_and(|&d| thai_consonant(d, false).is_some());
        if let Some((t, s)) = thai_consonant(c, is_final && idx > 0) {
            text.push_str(t);
            if let Some(s) = s {
                slots.push(s);
            }
        } else if let Some(v) = thai_vowel(c) {
            text.push_str(v);
        } else if ('๐'..='๙').contains(&c) {
            text.push_str(digit_str((c as u32 - 0xE50) as usize));
        }
    }
    TranslitToken {
        text,
        script: Script::Thai,
        skeleton: Some(slots),
    }
}

/// Hangul initial consonants (Revised Romanization).
const HANGUL_L: [&str; 19] = [
    "g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p",
    "h",
];
/// Hangul vowels.
const HANGUL_V: [&str; 21] = [
    "a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we",
    "wi", "yu", "eu", "ui", "i",
];
/// Hangul final consonants (as pronounced at the end of a syllable).
const HANGUL_T: [&str; 28] = [
    "", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p",
    "t", "t", "ng", "t", "t", "k", "t", "p", "t",
];

/// Conventional spellings of common Korean surnames where they differ from Revised
/// Romanization (passport and press usage).
fn korean_surname(c: char) -> Option<&'static str> {
    Some(match c {
        '이' => "lee",
        '박' => "park",
        '임' => "lim",
        '신' => "shin",
        '안' => "ahn",
        '노' => "roh",
        '류' => "ryu",
        '최' => "choi",
        '오' => "oh",
        '우' => "woo",
        '유' => "yoo",
        '윤' => "yoon",
        '정' => "jung",
        '조' => "cho",
        '성' => "sung",
        '허' => "huh",
        '현' => "hyun",
        '선' => "sun",
        '길' => "gil",
        '주' => "joo",
        _ => return None,
    })
}

/// One Hangul syllable (U+AC00..U+D7A3) to Revised Romanization.
fn hangul_syllable(c: char) -> String {
    let s = (c as u32).wrapping_sub(0xAC00);
    let l = (s / 588) as usize;
    let v = ((s % 588) / 28) as usize;
    let t = (s % 28) as usize;
    let mut out = String::new();
    out.push_str(HANGUL_L.get(l).copied().unwrap_or(""));
    out.push_str(HANGUL_V.get(v).copied().unwrap_or(""));
    out.push_str(HANGUL_T.get(t).copied().unwrap_or(""));
    out
}

/// Converts a run of letters of one non-Latin script into tokens (or Latin text for the
/// alphabetic scripts, which the caller re-tokenises with the surrounding text).
///
/// `chars` must be lower case where the script has case (the caller lower-cases).
pub fn transliterate_run(chars: &[char], script: Script, cyr: CyrillicLang) -> Vec<TranslitToken> {
    match script {
        Script::Cyrillic => {
            let mut text = String::new();
            for &c in chars {
                let lc = crate::unicode_norm::to_lowercase(c).next().unwrap_or(c);
                match cyrillic_letter(lc, cyr) {
                    Some(s) => text.push_str(s),
                    None => text.push(lc),
                }
            }
            vec![TranslitToken {
                text,
                script,
                skeleton: None,
            }]
        }
        Script::Greek => {
            let base: Vec<char> = chars
                .iter()
                .map(|&c| {
                    let lc = crate::unicode_norm::to_lowercase(c).next().unwrap_or(c);
                    let mut first = lc;
                    crate::unicode_norm::decompose_canonical(lc, |d| {
                        if first == lc && !crate::unicode_norm::is_combining_mark(d) {
                            first = d;
                        }
                    });
                    first
                })
                .collect();
            vec![TranslitToken {
                text: greek_word(&base),
                script,
                skeleton: None,
            }]
        }
        Script::Armenian => vec![TranslitToken {
            text: armenian_word(chars),
            script,
            skeleton: None,
        }],
        Script::Georgian => {
            let mut text = String::new();
            for &c in chars {
                match georgian_letter(c) {
                    Some(s) => text.push_str(s),
                    None => text.push(c),
                }
            }
            vec![TranslitToken {
                text,
                script,
                skeleton: None,
            }]
        }
        Script::Hangul => {
            let mut out = Vec::new();
            for (i, &c) in chars.iter().enumerate() {
                // Korean names are written without spaces; the family name is the first
                // syllable of a 2-4 syllable word.
                let conventional = if i == 0 && (2..=4).contains(&chars.len()) {
                    korean_surname(c)
                } else {
                    None
                };
                let text = match conventional {
                    Some(s) => s.to_string(),
                    None => hangul_syllable(c),
                };
                out.push(TranslitToken {
                    text,
                    script,
                    skeleton: None,
                });
            }
            out
        }
        Script::Arabic => arabic_word(chars),
        Script::Hebrew => {
            let letters: Vec<char> = chars
                .iter()
                .copied()
                .filter(|&c| hebrew_letter(c, false).is_some())
                .collect();
            let mut text = String::new();
            let mut slots = Vec::new();
            let mut prev: Option<char> = None;
            for (i, &c) in letters.iter().enumerate() {
                if let Some((t, s)) = hebrew_letter(c, i + 1 == letters.len()) {
                    text.push_str(t);
                    // Doubled letters in a row count once (as in Latin skeletons).
                    if let Some(s) = s {
                        if prev != Some(c) {
                            slots.push(s);
                        }
                    }
                }
                prev = Some(c);
            }
            vec![TranslitToken {
                text,
                script,
                skeleton: Some(slots),
            }]
        }
        Script::Thai => vec![thai_word(chars)],
        Script::Han => han_tokens(chars),
        Script::Kana => {
            let text = kana_word(chars);
            if text.is_empty() {
                Vec::new()
            } else {
                vec![TranslitToken {
                    text,
                    script,
                    skeleton: None,
                }]
            }
        }
        Script::Other | Script::Latin => {
            let text: String = chars
                .iter()
                .flat_map(|&c| crate::unicode_norm::to_lowercase(c))
                .collect();
            vec![TranslitToken {
                text,
                script,
                skeleton: None,
            }]
        }
    }
}

// Generated (scripts/gen_han_table.py): kept byte for byte as the generator writes it.
#[rustfmt::skip]
#[path = "han_table.rs"]
mod han_table;

/// The Mandarin reading (Hanyu Pinyin, no tones, `ü` as `u`) of a Han character, from the
/// generated table; `None` for characters outside it.
pub fn han_reading(c: char) -> Option<&'static str> {
    use han_table::{BITMAP, IDS_HI, IDS_LO, OUTSIDE, RANK, SYLLABLE_END, SYLLABLE_TEXT};
    let cp = c as u32;
    let idx = if (han_table::BLOCK_START..=han_table::BLOCK_END).contains(&cp) {
        let o = (cp - han_table::BLOCK_START) as usize;
        let word = *BITMAP.get(o / 64)?;
        let bit = o % 64;
        if (word >> bit) & 1 == 0 {
            return None;
        }
        let below = (word & ((1u64 << bit) - 1)).count_ones() as usize;
        *RANK.get(o / 64)? as usize + below
    } else {
        // Characters outside the block follow the block's in the id arrays.
        let k = OUTSIDE.binary_search(&cp).ok()?;
        IDS_LO.len().checked_sub(OUTSIDE.len())? + k
    };
    let lo = *IDS_LO.get(idx)? as usize;
    let hi = ((*IDS_HI.get(idx / 8)? >> (idx % 8)) & 1) as usize;
    let id = lo | (hi << 8);
    let end = *SYLLABLE_END.get(id)? as usize;
    let start = match id.checked_sub(1) {
        Some(p) => *SYLLABLE_END.get(p)? as usize,
        None => 0,
    };
    SYLLABLE_TEXT.get(start..end)
}

/// Surname readings that differ from the table's reading, from the surname dictionary of
/// pinyin-pro 3.26.0 (npm; `Surnames` in dist/index.mjs), keeping the single-character
/// surnames whose toneless reading differs from pypinyin's first reading, plus their
/// traditional forms (區 單 樂 繆 蓋 員 闞).
pub fn han_surname(c: char) -> Option<&'static str> {
    Some(match c {
        '乐' | '樂' => "yue",
        '卜' => "bu",
        '缪' | '繆' => "miao",
        '解' => "xie",
        '单' | '單' => "shan",
        '隗' => "wei",
        '仇' => "qiu",
        '薄' => "bo",
        '能' => "nai",
        '翟' => "zhai",
        '都' => "du",
        '阚' | '闞' => "kan",
        '曾' => "zeng",
        '乜' => "nie",
        '查' => "zha",
        '盖' | '蓋' => "ge",
        '区' | '區' => "ou",
        '覃' => "qin",
        '朴' => "piao",
        '繁' => "po",
        '员' | '員' => "yun",
        '句' => "gou",
        '折' => "she",
        '召' => "shao",
        '六' => "lu",
        _ => return None,
    })
}

/// Two-character surnames read differently from their characters (same source as
/// [`han_surname`]).
fn han_compound_surname(a: char, b: char) -> Option<[&'static str; 2]> {
    Some(match (a, b) {
        ('万', '俟') | ('萬', '俟') => ["mo", "qi"],
        ('尉', '迟') | ('尉', '遲') => ["yu", "chi"],
        ('澹', '台') | ('澹', '臺') => ["tan", "tai"],
        ('子', '车') | ('子', '車') => ["zi", "ju"],
        ('乐', '正') | ('樂', '正') => ["yue", "zheng"],
        ('句', '龙') | ('句', '龍') => ["gou", "long"],
        _ => return None,
    })
}

/// A run of Han characters: one token per character, its Mandarin reading (or the
/// character itself when the table has none). A name of one to four characters starts
/// with the family name, so its first character takes the surname reading.
fn han_tokens(chars: &[char]) -> Vec<TranslitToken> {
    let mut out: Vec<TranslitToken> = Vec::with_capacity(chars.len());
    let short = chars.len() <= 4;
    let compound = match chars {
        [a, b, ..] if short => han_compound_surname(*a, *b),
        _ => None,
    };
    for (i, &c) in chars.iter().enumerate() {
        let fixed = match (i, compound) {
            (0 | 1, Some(pair)) => pair.get(i).copied(),
            (0, None) if short => han_surname(c),
            _ => None,
        };
        let text = if c == '\u{3005}' {
            // The iteration mark repeats the previous character's token.
            match out.last() {
                Some(prev) => prev.text.clone(),
                None => continue,
            }
        } else {
            match fixed.or_else(|| han_reading(c)) {
                Some(r) => r.to_string(),
                None => c.to_string(),
            }
        };
        out.push(TranslitToken {
            text,
            script: Script::Han,
            skeleton: None,
        });
    }
    out
}

/// Hepburn romanisation of the hiragana U+3041..U+3096 (katakana map onto them).
const HIRAGANA: [&str; 86] = [
    "a", "a", "i", "i", "u", "u", "e", "e", "o", "o", // ぁあぃいぅうぇえぉお
    "ka", "ga", "ki", "gi", "ku", "gu", "ke", "ge", "ko", "go", // か-ご
    "sa", "za", "shi", "ji", "su", "zu", "se", "ze", "so", "zo", // さ-ぞ
    "ta", "da", "chi", "ji", "", "tsu", "zu", "te", "de", "to", "do", // た-ど (っ empty)
    "na", "ni", "nu", "ne", "no", // な-の
    "ha", "ba", "pa", "hi", "bi", "pi", "fu", "bu", "pu", // は-ぷ
    "he", "be", "pe", "ho", "bo", "po", // へ-ぽ
    "ma", "mi", "mu", "me", "mo", // ま-も
    "ya", "ya", "yu", "yu", "yo", "yo", // ゃやゅゆょよ
    "ra", "ri", "ru", "re", "ro", // ら-ろ
    "wa", "wa", "i", "e", "o", "n", "vu", "ka", "ke", // ゎわゐゑをんゔゕゖ
];

fn is_vowel(b: u8) -> bool {
    matches!(b, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// A kana word in modified Hepburn (lower-case ASCII; long vowel marks dropped).
pub fn kana_word(chars: &[char]) -> String {
    let mut out = String::new();
    // Where the romanisation of the last kana starts in `out`.
    let mut last_start = 0usize;
    let mut geminate = false;
    for &c in chars {
        let u = c as u32;
        // Katakana to hiragana (ヷヸヹヺ have no hiragana: va vi ve vo).
        let h = match u {
            0x30A1..=0x30F6 => u - 0x60,
            0x30F7..=0x30FA => {
                last_start = out.len();
                out.push_str(["va", "vi", "ve", "vo"][(u - 0x30F7) as usize % 4]);
                continue;
            }
            0x31F0..=0x31FF => {
                // Small katakana for Ainu (ㇰ ㇱ ㇲ ...): their consonant only.
                const SMALL: [&str; 16] = [
                    "k", "sh", "s", "t", "n", "h", "h", "f", "h", "h", "m", "r", "r", "r", "r", "r",
                ];
                out.push_str(SMALL[(u - 0x31F0) as usize % 16]);
                continue;
            }
            _ => u,
        };
        let Some(r) = h
            .checked_sub(0x3041)
            .and_then(|i| HIRAGANA.get(i as usize))
            .copied()
        else {
            // ー, ゝ ゞ ヽ ヾ (iteration marks) and others: dropped (ー is a long vowel).
            continue;
        };
        match h {
            0x3063 => {
                // Small tsu: doubles the next consonant.
                geminate = true;
                continue;
            }
            0x3083 | 0x3085 | 0x3087 | 0x3041 | 0x3043 | 0x3045 | 0x3047 | 0x3049 | 0x308E => {
                // Small kana: replace the vowel of the kana before (キャ kya, シャ sha,
                // ファ fa, ティ ti, デュ dyu); after a bare vowel, a glide (ウィ wi, イェ ye).
                let v = &r[r.len().saturating_sub(1)..];
                let prev_vowel = out.as_bytes().last().copied().filter(|&b| is_vowel(b));
                let has_consonant = out.len() > last_start + 1;
                match prev_vowel {
                    Some(_) if has_consonant => {
                        out.pop();
                        let glide = matches!(h, 0x3083 | 0x3085 | 0x3087);
                        let palatal =
                            out.ends_with("sh") || out.ends_with("ch") || out.ends_with('j');
                        if glide && !palatal {
                            out.push('y');
                        } else if h == 0x308E {
                            out.push('w');
                        }
                        out.push_str(v);
                    }
                    Some(pv) => {
                        out.pop();
                        match pv {
                            b'u' => out.push('w'),
                            b'i' => out.push('y'),
                            _ => out.push(pv as char),
                        }
                        out.push_str(v);
                    }
                    None => out.push_str(r),
                }
                continue;
            }
            _ => {}
        }
        if geminate {
            geminate = false;
            if r.starts_with("ch") {
                out.push('t');
            } else if let Some(&b) = r.as_bytes().first() {
                if !is_vowel(b) && b != b'n' {
                    out.push(b as char);
                }
            }
        }
        last_start = out.len();
        out.push_str(r);
    }
    out
}

/// An Arabic-script word: splits the definite article `ال` (so it meets Latin `al-`),
/// then transliterates and builds the skeleton pattern.
fn arabic_word(chars: &[char]) -> Vec<TranslitToken> {
    let letters: Vec<char> = chars
        .iter()
        .copied()
        .filter(|&c| arabic_letter(c, false, false).is_some())
        .collect();
    let mut out = Vec::new();
    let mut body: &[char] = &letters;
    // The article, unless the word is Allah itself (الله) or too short to carry one.
    if letters.len() >= 4
        && letters[0] == 'ا'
        && letters[1] == 'ل'
        && !(letters.len() == 4 && letters[2] == 'ل' && letters[3] == 'ه')
    {
        out.push(TranslitToken {
            text: "al".to_string(),
            script: Script::Arabic,
            skeleton: Some(vec![slot(CL_L)]),
        });
        body = &letters[2..];
    }
    let mut text = String::new();
    let mut slots = Vec::new();
    let mut prev: Option<char> = None;
    for (i, &c) in body.iter().enumerate() {
        if let Some((t, s)) = arabic_letter(c, i == 0, i + 1 == body.len()) {
            text.push_str(t);
            if let Some(s) = s {
                if prev != Some(c) {
                    slots.push(s);
                }
            }
        }
        prev = Some(c);
    }
    if !text.is_empty() || !slots.is_empty() {
        out.push(TranslitToken {
            text,
            script: Script::Arabic,
            skeleton: Some(slots),
        });
    }
    out
}

/// Latin look-alikes of Cyrillic, Greek and Armenian letters (a confusables skeleton in
/// the sense of Unicode TR39, restricted to letters that occur in names). Case matters:
/// Cyrillic `В` looks like `B`, lower-case `в` does not look like `b`.
pub fn confusable_to_latin(c: char) -> Option<char> {
    Some(match c {
        // Cyrillic capitals.
        'А' => 'A',
        'В' => 'B',
        'Е' | 'Ё' => 'E',
        'Ѕ' => 'S',
        'І' | 'Ӏ' => 'I',
        'Ї' => 'I',
        'Ј' => 'J',
        'К' => 'K',
        'М' => 'M',
        'Н' => 'H',
        'О' => 'O',
        'Р' => 'P',
        'С' => 'C',
        'Т' => 'T',
        'У' => 'Y',
        'Х' => 'X',
        'Ү' => 'Y',
        'Һ' => 'H',
        'Ԛ' => 'Q',
        'Ԝ' => 'W',
        // Cyrillic small.
        'а' => 'a',
        'е' => 'e',
        'ё' => 'e',
        'о' => 'o',
        'р' => 'p',
        'с' => 'c',
        'у' => 'y',
        'х' => 'x',
        'ѕ' => 's',
        'і' => 'i',
        'ї' => 'i',
        'ј' => 'j',
        'һ' => 'h',
        'ԁ' => 'd',
        'ԛ' => 'q',
        'ԝ' => 'w',
        'ӏ' => 'l',
        'ү' => 'y',
        'ɡ' => 'g',
        // Greek capitals.
        'Α' => 'A',
        'Β' => 'B',
        'Ε' => 'E',
        'Ζ' => 'Z',
        'Η' => 'H',
        'Ι' => 'I',
        'Κ' => 'K',
        'Μ' => 'M',
        'Ν' => 'N',
        'Ο' => 'O',
        'Ρ' => 'P',
        'Τ' => 'T',
        'Υ' => 'Y',
        'Χ' => 'X',
        // Greek small.
        'ο' => 'o',
        'α' => 'a',
        'ι' => 'i',
        'κ' => 'k',
        'ν' => 'v',
        'ρ' => 'p',
        'υ' => 'u',
        'χ' => 'x',
        'ϲ' => 'c',
        'Ϲ' => 'C',
        'γ' => 'y',
        'ϳ' => 'j',
        // Armenian.
        'օ' => 'o',
        'ս' => 'u',
        'հ' => 'h',
        'ո' => 'n',
        'ց' => 'g',
        _ => return None,
    })
}

/// Cyrillic look-alike of a Latin letter (used when a mostly-Cyrillic word hides Latin
/// letters, e.g. `Путиn`).
pub fn latin_to_cyrillic(c: char) -> Option<char> {
    Some(match c {
        'A' => 'А',
        'B' => 'В',
        'E' => 'Е',
        'K' => 'К',
        'M' => 'М',
        'H' => 'Н',
        'O' => 'О',
        'P' => 'Р',
        'C' => 'С',
        'T' => 'Т',
        'X' => 'Х',
        'Y' => 'У',
        'a' => 'а',
        'e' => 'е',
        'o' => 'о',
        'p' => 'р',
        'c' => 'с',
        'y' => 'у',
        'x' => 'х',
        'i' => 'і',
        'j' => 'ј',
        's' => 'ѕ',
        'n' => 'п',
        'u' => 'и',
        'r' => 'г',
        'm' => 'т',
        _ => return None,
    })
}

/// Greek look-alike of a Latin letter.
pub fn latin_to_greek(c: char) -> Option<char> {
    Some(match c {
        'A' => 'Α',
        'B' => 'Β',
        'E' => 'Ε',
        'Z' => 'Ζ',
        'H' => 'Η',
        'I' => 'Ι',
        'K' => 'Κ',
        'M' => 'Μ',
        'N' => 'Ν',
        'O' => 'Ο',
        'P' => 'Ρ',
        'T' => 'Τ',
        'Y' => 'Υ',
        'X' => 'Χ',
        'o' => 'ο',
        'a' => 'α',
        'i' => 'ι',
        'k' => 'κ',
        'v' => 'ν',
        'p' => 'ρ',
        'u' => 'υ',
        'x' => 'χ',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_ranges_known_as_letters_are_letters() {
        // `script_of` gives these Greek and Cyrillic code points their script without
        // asking `char::is_alphabetic`, as it does for the rest of their blocks.
        for u in (0x391..=0x3A1).chain(0x3A3..=0x3CE) {
            let c = char::from_u32(u).unwrap_or('?');
            assert!(c.is_alphabetic(), "U+{u:04X}");
            assert_eq!(script_of(c), Some(Script::Greek));
        }
        for u in (0x400..=0x481).chain(0x48A..=0x52F) {
            let c = char::from_u32(u).unwrap_or('?');
            assert!(c.is_alphabetic(), "U+{u:04X}");
            assert_eq!(script_of(c), Some(Script::Cyrillic));
        }
    }

    fn tr(s: &str, script: Script) -> Vec<String> {
        let chars: Vec<char> = s.chars().collect();
        let lang = cyrillic_lang(s, None);
        transliterate_run(&chars, script, lang)
            .into_iter()
            .map(|t| t.text)
            .collect()
    }

    #[test]
    fn russian() {
        assert_eq!(tr("Путин", Script::Cyrillic), ["putin"]);
        assert_eq!(tr("Дмитрий", Script::Cyrillic), ["dmitriy"]);
        assert_eq!(tr("Хрущёв", Script::Cyrillic), ["khrushchev"]);
        assert_eq!(tr("Медведев", Script::Cyrillic), ["medvedev"]);
    }

    #[test]
    fn ukrainian_and_serbian() {
        assert_eq!(tr("Гулієв", Script::Cyrillic), ["huliyev"]);
        assert_eq!(tr("Вучић", Script::Cyrillic), ["vucic"]);
    }

    #[test]
    fn bulgarian_by_tag() {
        let chars: Vec<char> = "българия".chars().collect();
        let t = transliterate_run(
            &chars,
            Script::Cyrillic,
            cyrillic_lang("българия", Some("BG")),
        );
        assert_eq!(t[0].text, "balgariya");
    }

    #[test]
    fn greek() {
        let chars: Vec<char> = "Νικόλαος".chars().collect();
        assert_eq!(
            transliterate_run(&chars, Script::Greek, CyrillicLang::Russian)[0].text,
            "nikolaos"
        );
        let chars: Vec<char> = "Αλέξανδρος".chars().collect();
        assert_eq!(
            transliterate_run(&chars, Script::Greek, CyrillicLang::Russian)[0].text,
            "alexandros"
        );
    }

    #[test]
    fn hangul_by_syllable() {
        assert_eq!(tr("김정은", Script::Hangul), ["gim", "jeong", "eun"]);
        assert_eq!(tr("이민호", Script::Hangul), ["lee", "min", "ho"]);
    }

    #[test]
    fn arabic_article_split_and_skeleton() {
        let chars: Vec<char> = "السوداني".chars().collect();
        let t = transliterate_run(&chars, Script::Arabic, CyrillicLang::Russian);
        assert_eq!(t.len(), 2);
        assert_eq!(t[0].text, "al");
        assert_eq!(t[1].text, "swdany");
        let chars: Vec<char> = "الله".chars().collect();
        assert_eq!(
            transliterate_run(&chars, Script::Arabic, CyrillicLang::Russian).len(),
            1
        );
    }

    #[test]
    fn armenian_and_georgian() {
        assert_eq!(tr("Արամ", Script::Armenian), ["aram"]);
        assert_eq!(tr("თბილისი", Script::Georgian), ["tbilisi"]);
    }

    #[test]
    fn script_detection() {
        assert_eq!(script_of('a'), Some(Script::Latin));
        assert_eq!(script_of('é'), Some(Script::Latin));
        assert_eq!(script_of('ж'), Some(Script::Cyrillic));
        assert_eq!(script_of('ع'), Some(Script::Arabic));
        assert_eq!(script_of('金'), Some(Script::Han));
        assert_eq!(script_of('-'), None);
        assert_eq!(script_of('\u{301}'), None);
    }
}
