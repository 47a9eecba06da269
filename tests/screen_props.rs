//! Property tests of normalisation and screening (issue 12): normalisation is idempotent,
//! and screening is deterministic and invariant to token order, case, diacritics, extra
//! whitespace and zero-width characters in the query — the whole result (decision, ids,
//! scores), on the default snapshot, for listed names (so that matches are not empty) and
//! for names on no list.
//!
//! Token order, and what the scorer guarantees (docs/SCREENING.md, "Limits"): a reversed
//! `X bin Y` link is scored lower on purpose (father and son), so names with the particle
//! `bin`/`bint` keep their order; and an *unmatched* middle word costs less than an
//! unmatched first or last word (a name is identified by its first and last words), so
//! the score of a partial match can change with the order (`SEPAH-E PASDARAN-E ...`
//! against a listed name missing some `e`: 0.8366 or 0.8628). The token-order property
//! therefore asserts, at the default thresholds: the same decision, and every match whose
//! words are all aligned on both sides (no unmatched word, so no positional cost) found
//! with the same score in both orders, for names whose words all have 4+ letters (shorter
//! words may glue to a neighbour, `Kim Jong Un` ~ `Kimjongun`, which depends on
//! adjacency: `SEPAH-E PASDARAN-E ENQELAB-E ESLAMI` scores 0.8366 or 0.8628 against a
//! listed spelling depending on where the `e`s stand). The other properties assert the
//! whole result.
//!
//! Normalisation is idempotent except for compatibility characters of scripts other than
//! Latin whose decomposition is another script's letter (`㈎` is `(가)`): they are left
//! out of that property (a known gap; `µ`, `ᵝ` and the Kangxi radicals are handled).
//!
//! The seeds are fixed (`RngSeed::Fixed`), so a run is reproducible and CI never sees a new
//! random case; `PROPTEST_CASES=3000` explores further (all properties pass 3,000 cases).

// Native only: proptest (wasm has none).
#![cfg(not(target_arch = "wasm32"))]

mod screen_common;

use kyc_check::screen::normalize::{normalize_name, normalized_string};
use kyc_check::screen::{Options, Query, Screener, ScreeningResult};
use kyc_check::snapshot::{default_snapshot_bytes, Snapshot};
use proptest::prelude::*;
use std::sync::OnceLock;

fn snapshot() -> &'static Snapshot {
    static SNAPSHOT: OnceLock<Snapshot> = OnceLock::new();
    SNAPSHOT.get_or_init(|| Snapshot::from_bytes(default_snapshot_bytes()).expect("loads"))
}

/// Every name of the default snapshot.
fn listed_names() -> &'static Vec<String> {
    static NAMES: OnceLock<Vec<String>> = OnceLock::new();
    NAMES.get_or_init(|| {
        let s = snapshot();
        (0..s.entities.len())
            .filter_map(|i| s.entities.get(i).and_then(Result::ok))
            .flat_map(|e| e.names.iter().map(|n| n.full.clone()).collect::<Vec<_>>())
            .collect()
    })
}

/// A query name: a listed name, or given and family names from the test word lists.
fn query_name() -> impl Strategy<Value = String> {
    prop_oneof![
        2 => (0..listed_names().len()).prop_map(|i| listed_names()[i].clone()),
        1 => (0..screen_common::GIVEN.len(), 0..screen_common::FAMILY.len())
            .prop_map(|(g, f)| format!("{} {}", screen_common::GIVEN[g], screen_common::FAMILY[f])),
    ]
}

/// The decision, and every match's id and score: what must not change.
fn outcome(r: &ScreeningResult) -> (String, Vec<(String, f64)>) {
    (
        format!("{:?}", r.decision),
        r.matches.iter().map(|m| (m.id.clone(), m.score)).collect(),
    )
}

fn screen(name: &str) -> ScreeningResult {
    let options = Options {
        // A lower threshold than the default: more matches, a stronger property.
        review_threshold: 0.7,
        max_matches: usize::MAX,
        ..Options::default()
    };
    Screener::new(snapshot()).screen(&Query::name(name), &options)
}

/// Any text: arbitrary characters and name-like ones.
fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::collection::vec(any::<char>(), 0..40).prop_map(|v| v.into_iter().collect()),
        "[A-Za-z ,.'&-]{0,30}",
        "\\PC{0,20}",
        query_name(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig {
        rng_seed: proptest::test_runner::RngSeed::Fixed(0x12_2026),
        ..ProptestConfig::with_cases(200)
    })]

    #[test]
    fn normalisation_is_idempotent(s in any_text()) {
        use unicode_normalization::UnicodeNormalization;
        prop_assume!(s.chars().all(|c| {
            let latin = matches!(kyc_check::screen::translit::script_of(c), Some(kyc_check::screen::translit::Script::Latin));
            latin || std::iter::once(c).nfkc().eq(std::iter::once(c))
        }));
        let once = normalized_string(&s);
        prop_assert_eq!(normalized_string(&once), once.clone(), "{:?}", s);
        // Token by token as well: a normalised token normalises to itself.
        for t in normalize_name(&s, None) {
            prop_assert_eq!(normalized_string(&t.text), t.text.clone(), "{:?}", s);
        }
    }

    #[test]
    fn screening_is_deterministic(name in query_name()) {
        prop_assert_eq!(screen(&name), screen(&name));
    }

    #[test]
    fn token_order_does_not_matter(name in query_name(), seed in any::<u64>()) {
        let tokens: Vec<String> = normalize_name(&name, None).into_iter().map(|t| t.text).collect();
        prop_assume!(!tokens.iter().any(|t| t == "bin" || t == "bint"));
        let mut shuffled = tokens.clone();
        let mut rng = screen_common::Rng(seed | 1);
        for i in (1..shuffled.len()).rev() {
            shuffled.swap(i, rng.below(i + 1));
        }
        let at_default = |name: &str| {
            Screener::new(snapshot()).screen(&Query::name(name), &Options {
                max_matches: usize::MAX,
                ..Options::default()
            })
        };
        let (a, b) = (at_default(&tokens.join(" ")), at_default(&shuffled.join(" ")));
        prop_assert_eq!(a.decision, b.decision, "{:?} vs {:?}", tokens, shuffled);
        // Short words glue to their neighbours (`kim jong un` ~ `kimjongun`), which depends
        // on adjacency: scores are compared for names of longer words only.
        if tokens.iter().any(|t| t.chars().count() <= 3) {
            return Ok(());
        }
        for (x, y) in [(&a, &b), (&b, &a)] {
            let full = |m: &&kyc_check::screen::Match| {
                m.explanation.unmatched_query.is_empty() && m.explanation.unmatched_list.is_empty()
            };
            for m in x.matches.iter().filter(full) {
                let other = y.matches.iter().find(|o| o.id == m.id).map(|o| o.score);
                prop_assert_eq!(other, Some(m.score), "{} in {:?} vs {:?}", m.id, tokens, shuffled);
            }
        }
    }

    #[test]
    fn case_does_not_matter(name in query_name(), seed in any::<u64>()) {
        let mut rng = screen_common::Rng(seed | 1);
        let mixed: String = name
            .chars()
            .flat_map(|c| {
                if rng.below(2) == 0 { c.to_uppercase().collect::<Vec<_>>() } else { c.to_lowercase().collect() }
            })
            .collect();
        let expected = outcome(&screen(&name));
        prop_assert_eq!(&outcome(&screen(&name.to_uppercase())), &expected, "upper {:?}", name);
        prop_assert_eq!(&outcome(&screen(&name.to_lowercase())), &expected, "lower {:?}", name);
        prop_assert_eq!(&outcome(&screen(&mixed)), &expected, "{:?}", mixed);
    }

    #[test]
    fn diacritics_whitespace_and_zero_width_do_not_matter(name in query_name(), seed in any::<u64>()) {
        let mut rng = screen_common::Rng(seed | 1);
        const MARKS: [char; 5] = ['\u{0301}', '\u{0300}', '\u{0308}', '\u{0303}', '\u{0327}'];
        const INVISIBLE: [char; 5] = ['\u{200B}', '\u{200C}', '\u{200D}', '\u{2060}', '\u{FEFF}'];
        let mut accented = String::new();
        let mut spaced = String::from(" \t");
        let mut hidden = String::new();
        for c in name.chars() {
            accented.push(c);
            if c.is_ascii_alphabetic() && rng.below(3) == 0 {
                accented.push(MARKS[rng.below(MARKS.len())]);
            }
            if c == ' ' {
                spaced.push_str(["  ", "\u{00A0}", " \t ", "\u{3000}"][rng.below(4)]);
            } else {
                spaced.push(c);
            }
            hidden.push(c);
            if rng.below(3) == 0 {
                hidden.push(INVISIBLE[rng.below(INVISIBLE.len())]);
            }
        }
        spaced.push_str("  \n");
        let expected = outcome(&screen(&name));
        prop_assert_eq!(&outcome(&screen(&accented)), &expected, "{:?}", accented);
        prop_assert_eq!(&outcome(&screen(&spaced)), &expected, "{:?}", spaced);
        prop_assert_eq!(&outcome(&screen(&hidden)), &expected, "{:?}", hidden);
    }
}
