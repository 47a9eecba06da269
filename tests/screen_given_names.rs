//! Whole queries against a small list: given-name equivalents (hypocorisms and forms in
//! other languages) and doubled letters, at the default review threshold, with the method
//! the explanation shows.

// Native only: reads files, runs the CLI or uses proptest (wasm has none of these).
#![cfg(not(target_arch = "wasm32"))]

mod screen_common;

use kyc_check::model::{Entity, EntityType, SourceList};
use kyc_check::screen::score::Method;
use kyc_check::screen::{Options, Query, Screener};
use screen_common::snapshot;

/// The listed names (id, type, name).
const LISTED: &[(&str, EntityType, &str)] = &[
    ("1", EntityType::Person, "William Gates"),
    ("2", EntityType::Person, "Robert Menendez"),
    ("3", EntityType::Person, "Theodore Doe"),
    ("4", EntityType::Person, "John Doe"),
    ("5", EntityType::Person, "Joseph Verdi"),
    ("6", EntityType::Person, "Aleksandr Petrov"),
    ("7", EntityType::Person, "Mikhail Volkov"),
    ("8", EntityType::Person, "Vladimir Smirnov"),
    ("9", EntityType::Person, "Dmitry Orlov"),
    ("10", EntityType::Person, "Peter Ivanenko"),
    ("11", EntityType::Person, "Jane Dupont"),
    ("12", EntityType::Person, "Stephen Kowalczyk"),
    ("13", EntityType::Person, "Yusuf Rahimi"),
    ("14", EntityType::Organization, "John Trading LLC"),
    ("15", EntityType::Person, "Kim Jong Un"),
    ("16", EntityType::Person, "Hasan Tahiri"),
    ("17", EntityType::Person, "Ali Baghlani"),
    ("18", EntityType::Vessel, "IVAN"),
];

/// Queries that must reach listed entity `id` (review or block) through `method`.
const MATCHES: &[(&str, &str, Method)] = &[
    ("Bill Gates", "1", Method::Nickname),
    ("Billy Gates", "1", Method::Nickname),
    ("Guillermo Gates", "1", Method::Nickname),
    ("Bob Menendez", "2", Method::Nickname),
    ("Ted Doe", "3", Method::Nickname),
    ("Teddy Doe", "3", Method::Nickname),
    ("Fyodor Doe", "3", Method::Nickname),
    ("Juan Doe", "4", Method::Nickname),
    ("Johann Doe", "4", Method::Nickname),
    ("Ivan Doe", "4", Method::Nickname),
    // Petr ~ Peter by edit distance with the Winkler prefix rule (0.86), above the table.
    ("Пётр Иваненко", "10", Method::Fuzzy),
    ("Sean Doe", "4", Method::Nickname),
    ("Giuseppe Verdi", "5", Method::Nickname),
    ("Jose Verdi", "5", Method::Nickname),
    ("Sasha Petrov", "6", Method::Nickname),
    // Spellings close enough to meet by key keep that method (a stronger match).
    ("Alexander Petrov", "6", Method::Phonetic),
    ("Misha Volkov", "7", Method::Nickname),
    ("Michael Volkov", "7", Method::Nickname),
    ("Volodya Smirnov", "8", Method::Nickname),
    ("Dima Orlov", "9", Method::Nickname),
    ("Pyotr Ivanenko", "10", Method::Nickname),
    ("Pierre Ivanenko", "10", Method::Nickname),
    ("Jean Dupont", "11", Method::Nickname),
    ("Esteban Kowalczyk", "12", Method::Nickname),
    ("Steve Kowalczyk", "12", Method::Nickname),
    ("Joseph Rahimi", "13", Method::Nickname),
    ("Kim Joonng-un", "15", Method::Doubled),
    ("Kim Jong-uun", "15", Method::Doubled),
    ("Hassan Tahiri", "16", Method::Doubled),
    ("Hasan Tahhiri", "16", Method::Doubled),
    ("Alli Baghlani", "17", Method::Doubled),
];

/// Queries that must not reach listed entity `id`.
const NON_MATCHES: &[(&str, &str)] = &[
    // `Ted` is Edward's and Theodore's: the two names stay apart.
    ("Edward Doe", "3"),
    // `Jean` is John's and Jane's: John and Jane stay apart.
    ("John Dupont", "11"),
    ("Jane Doe", "4"),
    // Another surname.
    ("Bill Clinton", "1"),
    ("Juan Garcia", "4"),
    // Unrelated given names.
    ("Jose Doe", "4"),
    ("Stefan Gates", "1"),
    // Given-name forms relate people only.
    ("Ivan Trading LLC", "14"),
    ("JOHN", "18"),
];

fn screener_results(q: &str) -> Vec<(String, f64, Vec<Method>)> {
    let entities: Vec<Entity> = LISTED
        .iter()
        .map(|&(id, ty, name)| Entity::new(SourceList::OfacSdn, id, ty, name))
        .collect();
    let snap = snapshot(entities);
    let s = Screener::new(&snap);
    let opts = Options::default();
    let fast = s.screen(&Query::name(q), &opts);
    assert_eq!(fast, s.screen_exhaustive(&Query::name(q), &opts), "{q}");
    fast.matches
        .iter()
        .map(|m| {
            (
                m.id.clone(),
                m.score,
                m.explanation.alignment.iter().map(|a| a.method).collect(),
            )
        })
        .collect()
}

#[test]
fn equivalent_given_names_and_doubled_letters_match() {
    let mut failures = Vec::new();
    for &(q, id, method) in MATCHES {
        let want = format!("ofac_sdn:{id}");
        let res = screener_results(q);
        match res.iter().find(|(mid, _, _)| *mid == want) {
            Some((_, score, methods)) if methods.contains(&method) => {
                assert!(
                    *score < 1.0,
                    "{q}: a variant never scores as the exact name"
                );
            }
            Some((_, score, methods)) => {
                failures.push(format!("{q}: {score} via {methods:?}, not {method:?}"))
            }
            None => failures.push(format!("{q}: no match with {want} ({res:?})")),
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn other_names_stay_apart() {
    let mut failures = Vec::new();
    for &(q, id) in NON_MATCHES {
        let want = format!("ofac_sdn:{id}");
        let res = screener_results(q);
        if let Some(m) = res.iter().find(|(mid, _, _)| *mid == want) {
            failures.push(format!("{q}: {m:?}"));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}
