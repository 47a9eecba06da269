//! Inputs for the resource bounds (issue 12): 1 MB strings of every shape that could make a
//! scanner slow (random, one huge token, many tokens, invisible characters, deep JSON),
//! the format ids they are fed to, and pathological screening queries. Shared by
//! `tests/resource_bounds.rs` (every input returns `too_long` or a result) and
//! `examples/bounds_bench.rs` (worst-case time per input).

#![allow(dead_code)]

use kyc_check::screen::Query;
use kyc_check::validate::{crypto, national_id};

/// One megabyte.
pub const MB: usize = 1 << 20;

/// Deterministic xorshift.
fn next(state: &mut u64) -> u64 {
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    *state
}

/// Repeats `unit` up to at most `bytes` bytes.
fn fill(unit: &str, bytes: usize) -> String {
    unit.repeat(bytes / unit.len().max(1))
}

/// 1 MB inputs by shape: (label, text).
pub fn inputs() -> Vec<(&'static str, String)> {
    let mut state = 0x1234_5678_9abc_def1u64;
    let random: String = {
        let mut s = String::with_capacity(MB);
        while s.len() + 4 <= MB {
            let c = char::from_u32((next(&mut state) % 0x3_0000) as u32).unwrap_or('x');
            if !c.is_control() || c == '\n' {
                s.push(c);
            }
        }
        s
    };
    let ascii_random: String = {
        let mut s = String::with_capacity(MB);
        while s.len() < MB {
            s.push(char::from(b' ' + (next(&mut state) % 95) as u8));
        }
        s
    };
    vec![
        ("random unicode", random),
        ("random ascii", ascii_random),
        ("one huge token", fill("a", MB)),
        ("one huge number", fill("7", MB)),
        ("many tokens", fill("ab ", MB)),
        ("many single letters", fill("a ", MB)),
        ("zero-width characters", fill("\u{200B}", MB)),
        ("zero-width between letters", fill("a\u{200D}", MB)),
        ("combining marks", format!("a{}", fill("\u{0301}", MB - 1))),
        ("bidi overrides", fill("\u{202E}x\u{202C}", MB)),
        ("full-width", fill("Ａ", MB)),
        ("dots", fill(".", MB)),
        ("dotted letters", fill("a.", MB)),
        ("separators", fill("-_/", MB)),
        ("at signs", fill("@", MB)),
        ("mrz fillers", fill("<", MB)),
        ("newlines", fill("\n", MB)),
        ("spaces", fill(" ", MB)),
        ("arabic", fill("محمد ", MB)),
        ("han", fill("金", MB)),
        ("leet", fill("p4u7", MB)),
    ]
}

/// Every validation format id: identifiers (national IDs, IBAN, crypto) and fields.
pub fn format_ids() -> Vec<String> {
    let mut ids: Vec<String> = vec!["iban".into(), "crypto".into()];
    for f in national_id::formats() {
        ids.push(f.id.to_string());
        ids.push(format!("national_id:{}", f.country));
    }
    for net in crypto::Network::ALL {
        ids.push(format!("crypto:{}", net.name()));
    }
    for f in [
        "name",
        "given_name",
        "family_name",
        "email",
        "country",
        "nationality",
        "address_text",
        "phone",
        "phone:US",
        "postal_code:GB",
        "postal_code:US",
        "mrz",
        "birth_date",
        "birth_date:dmy",
    ] {
        ids.push(f.to_string());
    }
    ids
}

/// JSON records of about 1 MB: one huge field, every field long, and deep nesting.
pub fn records() -> Vec<(&'static str, String)> {
    let big = "a".repeat(MB - 32);
    let each = "a".repeat(MB / 24);
    // Every field but the crypto network (a name from a short list, not free text).
    let fields = kyc_check::validate::record::RECORD_FIELDS
        .iter()
        .filter(|f| **f != "crypto_network");
    let all: Vec<String> = fields.map(|f| format!("\"{f}\":\"{each}\"")).collect();
    vec![
        ("one 1 MB field", format!("{{\"given_name\":\"{big}\"}}")),
        ("every field long", format!("{{{}}}", all.join(","))),
        (
            "deep nesting",
            format!("{}{}", "[".repeat(MB / 2), "]".repeat(MB / 2)),
        ),
        (
            "deep objects",
            format!("{}1{}", "{\"a\":".repeat(MB / 6), "}".repeat(MB / 6)),
        ),
        (
            "many keys",
            format!(
                "{{{}}}",
                (0..MB / 12)
                    .map(|i| format!("\"k{i}\":1"))
                    .collect::<Vec<_>>()
                    .join(",")
            ),
        ),
    ]
}

/// Screening queries: every 1 MB input as a name, as a document number, as a crypto
/// address and as a birth date; and names just under the byte bound built to be slow
/// (the most tokens, the longest tokens, the commonest names, spelled letters, leet).
pub fn screen_queries() -> Vec<(String, Query)> {
    let mut out = Vec::new();
    for (label, text) in inputs() {
        out.push((format!("name: {label}"), Query::name(text.clone())));
        out.push((
            format!("id_number: {label}"),
            Query {
                id_number: Some(text.clone()),
                ..Query::name("Anna Eriksson")
            },
        ));
        out.push((
            format!("crypto_address: {label}"),
            Query {
                crypto_address: Some(text.clone()),
                ..Query::name("Anna Eriksson")
            },
        ));
        out.push((
            format!("birth_date and country: {label}"),
            Query {
                birth_date: Some(text.clone()),
                country: Some(text),
                ..Query::name("Anna Eriksson")
            },
        ));
    }
    out.extend(
        pathological_names()
            .into_iter()
            .map(|(l, n)| (l, Query::name(n))),
    );
    out
}

/// Names within the bounds (at most `MAX_NAME_BYTES`) that do the most work.
pub fn pathological_names() -> Vec<(String, String)> {
    use kyc_check::screen::{MAX_NAME_BYTES, MAX_NAME_TOKENS, MAX_TOKEN_BYTES};
    let common = [
        "Mohammed", "Ali", "Ahmed", "Hassan", "Abdul", "Kim", "Ivan", "Al", "Bin", "Trading",
    ];
    let tokens = |n: usize, w: &dyn Fn(usize) -> String| -> String {
        (0..n).map(w).collect::<Vec<_>>().join(" ")
    };
    let mut out = vec![
        (
            "common names, most tokens".to_string(),
            tokens(MAX_NAME_TOKENS, &|i| common[i % common.len()].to_string()),
        ),
        (
            "common names, one over the token bound".to_string(),
            tokens(MAX_NAME_TOKENS + 1, &|i| {
                common[i % common.len()].to_string()
            }),
        ),
        (
            "longest tokens".to_string(),
            tokens(MAX_NAME_TOKENS.min(MAX_NAME_BYTES / 33), &|i| {
                format!("{}{}", "mohammedalihassan".repeat(2), i % 10)
            }),
        ),
        (
            "spelled letters".to_string(),
            "m o h a m m e d ".repeat(MAX_NAME_BYTES / 16),
        ),
        (
            "leet common names".to_string(),
            tokens(MAX_NAME_TOKENS, &|i| {
                ["M0h4mm3d", "4l1", "H4554n"][i % 3].to_string()
            }),
        ),
        (
            "homoglyph common names".to_string(),
            tokens(MAX_NAME_TOKENS, &|i| {
                ["Мohаmmеd", "Аli", "Наssаn"][i % 3].to_string()
            }),
        ),
        (
            "zero-width padded".to_string(),
            format!(
                "Mohammed{}Ali",
                "\u{200B}".repeat((MAX_NAME_BYTES - 20) / 3)
            ),
        ),
        (
            "one word at the word bound".to_string(),
            "mohammed".repeat(MAX_TOKEN_BYTES / 8),
        ),
        (
            "one token at the byte bound".to_string(),
            "m".repeat(MAX_NAME_BYTES),
        ),
        (
            "one byte over the bound".to_string(),
            "m".repeat(MAX_NAME_BYTES + 1),
        ),
    ];
    // Distinct words glued from common name fragments (each is split at every letter and
    // glued to its neighbours: thousands of items that all meet listed tokens), and long
    // words of random letters; a fixed linear congruential sequence picks the pieces.
    let fragments = [
        "mohammed", "ali", "hassan", "ahmed", "abdul", "kim", "ivan", "al", "bin", "trading",
        "rahman", "hussein", "ibrahim", "khan", "omar", "yusuf", "sergei", "vladimir", "petrov",
        "jong",
    ];
    let mut seed: u64 = 7;
    let mut next = move |n: usize| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) as usize % n
    };
    let mut distinct_words = |len: usize, letters: bool| -> String {
        let words = MAX_NAME_TOKENS.min((MAX_NAME_BYTES + 1) / (len + 1));
        (0..words)
            .map(|_| {
                let mut w = String::new();
                while w.len() < len {
                    if letters {
                        w.push(char::from(b'a' + next(26) as u8));
                    } else {
                        w.push_str(fragments[next(fragments.len())]);
                    }
                }
                w.truncate(len);
                w
            })
            .collect::<Vec<_>>()
            .join(" ")
    };
    for (label, len, letters) in [
        ("distinct 41-letter words of name fragments", 41, false),
        ("distinct 20-letter words of name fragments", 20, false),
        ("distinct 12-letter words of name fragments", 12, false),
        ("distinct 8-letter words of name fragments", 8, false),
        ("distinct 41-letter words of random letters", 41, true),
    ] {
        out.push((label.to_string(), distinct_words(len, letters)));
    }
    // Long words of scripts written without short vowels, many of whose letters may be
    // vowels or left out (`و` `ي` `ا`, `ו` `י`, Thai vowel signs): a skeleton pattern with
    // too many expansions to look up, searched over every skeleton of the index.
    let alphabets: [(&str, &[char]); 3] = [
        (
            "distinct 31-letter Arabic words",
            &[
                'ب', 'ت', 'ج', 'ح', 'د', 'ر', 'س', 'ع', 'ف', 'ق', 'ك', 'ل', 'م', 'ن', 'ه', 'و',
                'ي', 'ا', 'و', 'ي',
            ],
        ),
        (
            "distinct 31-letter Hebrew words",
            &[
                'א', 'ב', 'ג', 'ד', 'ה', 'ו', 'ז', 'ח', 'ט', 'י', 'כ', 'ל', 'מ', 'נ', 'ס', 'ע',
                'פ', 'צ', 'ק', 'ר', 'ש', 'ת', 'ו', 'י',
            ],
        ),
        (
            "distinct 21-letter Thai words",
            &[
                'ก', 'ค', 'ง', 'จ', 'ช', 'ด', 'ต', 'ท', 'น', 'บ', 'ป', 'พ', 'ม', 'ย', 'ร', 'ล',
                'ว', 'ส', 'ห', 'อ', 'ะ', 'า', 'ิ', 'ี', 'ุ', 'เ', 'แ', 'โ',
            ],
        ),
    ];
    for (label, letters) in alphabets {
        let mut words: Vec<String> = Vec::new();
        let mut bytes = 0;
        while words.len() < MAX_NAME_TOKENS {
            let mut w = String::new();
            while w.len() + 4 <= MAX_TOKEN_BYTES {
                w.push(letters[next(letters.len())]);
            }
            if bytes + w.len() + 1 > MAX_NAME_BYTES {
                break;
            }
            bytes += w.len() + 1;
            words.push(w);
        }
        out.push((label.to_string(), words.join(" ")));
    }
    for (_, n) in &mut out {
        while n.len() > MAX_NAME_BYTES + 1 {
            n.pop();
        }
    }
    out
}
