//! Behaviour of the screening engine on a small hand-built list: normalisation,
//! transliteration, scoring properties, evidence, identifiers, determinism.

// Native only: reads files, runs the CLI or uses proptest (wasm has none of these).
#![cfg(not(target_arch = "wasm32"))]

mod screen_common;

use kyc_check::model::{EntityType, SourceList};
use kyc_check::screen::explain::AdjustmentCode;
use kyc_check::screen::normalize::normalized_string;
use kyc_check::screen::score::Method;
use kyc_check::screen::{Decision, Options, Query, Screener, ScreeningResult};
use screen_common::{small_list, snapshot};

fn screen(q: Query) -> ScreeningResult {
    let snap = snapshot(small_list());
    Screener::new(&snap).screen(&q, &Options::default())
}

fn top(name: &str) -> Option<(String, f64)> {
    screen(Query::name(name))
        .matches
        .first()
        .map(|m| (m.id.clone(), m.score))
}

fn hits(name: &str, id: &str) -> bool {
    screen(Query::name(name)).matches.iter().any(|m| m.id == id)
}

#[test]
fn normalisation_of_evasive_input() {
    // Homoglyphs (Cyrillic а, о), NBSP, zero-width, bidi controls, honorifics, comma order.
    assert_eq!(
        normalized_string("Vl\u{430}dimir\u{a0}P\u{43e}tin"),
        "vladimir potin"
    );
    assert_eq!(normalized_string("\u{202b}Putin\u{200d}"), "putin");
    assert_eq!(normalized_string("PUTIN, Vladimir"), "vladimir putin");
    assert!(hits("Vl\u{430}dimir\u{a0}Put\u{456}n", "ofac_sdn:200"));
    assert!(hits("Dr. Muammar Qadhafi", "ofac_sdn:100"));
    assert!(hits("Präsident Muammar al-Qadhafi", "ofac_sdn:100"));
    assert!(hits("QADHAFI,\u{200b} Muammar", "ofac_sdn:100"));
}

#[test]
fn transliteration_and_cross_script() {
    assert_eq!(normalized_string("Путин"), "putin");
    assert!(hits("Владимир Путин", "ofac_sdn:200"));
    assert!(hits("معمر القذافي", "ofac_sdn:100"));
    assert!(hits("Muammar Gaddafi", "ofac_sdn:100"));
    assert!(hits("Moammar Kadhafi", "ofac_sdn:100"));
    assert!(hits("김정은", "ofac_sdn:300"));
    assert!(hits("Kim Jong-un", "ofac_sdn:300"));
    assert!(hits("Osama bin Laden", "ofac_sdn:800"));
}

#[test]
fn exact_match_blocks_with_full_explanation() {
    let r = screen(Query::name("Muammar QADHAFI"));
    assert_eq!(r.decision, Decision::Block);
    let m = &r.matches[0];
    assert_eq!(m.id, "ofac_sdn:100");
    assert_eq!(m.score, 1.0);
    assert_eq!(m.name, "QADHAFI, Muammar");
    assert_eq!(m.programs, vec!["LIBYA2".to_string()]);
    assert_eq!(m.explanation.alignment.len(), 2);
    assert!(m
        .explanation
        .alignment
        .iter()
        .all(|p| p.method == Method::Exact));
    assert_eq!(r.snapshot.sha256, "00".repeat(32));
    assert_eq!(
        r.snapshot.sources[0].published.as_deref(),
        Some("2025-01-01")
    );
}

#[test]
fn order_independence() {
    assert_eq!(top("Muammar Qadhafi"), top("Qadhafi Muammar"));
    assert_eq!(top("Jong Un Kim"), top("Kim Jong Un"));
}

#[test]
fn legal_forms_and_short_words_do_not_match_alone() {
    // watchman's reported false positive: "emma daniels" hit "EMMA LLC" at 100%.
    let r = screen(Query {
        name: "emma daniels".into(),
        entity_type: Some(EntityType::Person),
        ..Query::default()
    });
    assert_eq!(r.decision, Decision::Clear, "{r:?}");
    // Numbers must match exactly: "11420 CORP" is not "CORP".
    assert!(!hits("CORP", "uk_ofsi:720"));
    assert!(!hits("11421 Corp", "uk_ofsi:720"));
    assert!(hits("11420 Corp", "uk_ofsi:720"));
    assert!(!hits("LLC", "ofac_sdn:700"));
    assert!(hits("JSCARGUMENT", "ofac_sdn:710"));
}

#[test]
fn entity_type_conflict_lowers() {
    let plain = screen(Query::name("Emma"));
    let typed = screen(Query {
        name: "Emma".into(),
        entity_type: Some(EntityType::Person),
        ..Query::default()
    });
    let vessel_plain = plain
        .matches
        .iter()
        .find(|m| m.id == "ofac_sdn:900")
        .map(|m| m.score);
    let vessel_typed = typed
        .matches
        .iter()
        .find(|m| m.id == "ofac_sdn:900")
        .map(|m| m.score)
        .unwrap_or(0.0);
    assert_eq!(vessel_plain, Some(1.0));
    assert!(vessel_typed < 1.0);
}

#[test]
fn birth_date_and_country_move_the_score() {
    let base = |dob: Option<&str>, country: Option<&str>| {
        let r = screen(Query {
            name: "Muammar Gadafi".into(),
            birth_date: dob.map(String::from),
            country: country.map(String::from),
            ..Query::default()
        });
        r.matches
            .iter()
            .find(|m| m.id == "ofac_sdn:100")
            .map(|m| (m.score, m.explanation.adjustments.clone()))
    };
    let (plain, _) = base(None, None).unwrap();
    let (exact, adj) = base(Some("1942-06-07"), Some("LY")).unwrap();
    assert!(exact > plain);
    assert_eq!(adj[0].code, AdjustmentCode::BirthDateMatch);
    assert_eq!(adj[1].code, AdjustmentCode::CountryMatch);
    let conflict = base(Some("1980"), Some("FR")).map(|x| x.0).unwrap_or(0.0);
    assert!(conflict < plain);
}

#[test]
fn identifier_match_is_a_hit_whatever_the_name() {
    let r = screen(Query {
        name: "Jane Smith".into(),
        crypto_address: Some("0x7ff9cfad3877f21d41da833e2f775db0569ee3d9".into()),
        ..Query::default()
    });
    assert_eq!(r.decision, Decision::Block);
    assert_eq!(r.matches[0].id, "ofac_sdn:500");
    assert_eq!(r.matches[0].score, 1.0);
    assert_eq!(
        r.matches[0].explanation.adjustments[0].code,
        AdjustmentCode::IdentifierMatch
    );
    let r = screen(Query {
        name: String::new(),
        id_number: Some("meli-irth".into()),
        ..Query::default()
    });
    assert_eq!(r.decision, Decision::Block);
    assert_eq!(r.matches[0].source, SourceList::UnSc);
}

#[test]
fn weak_alias_is_flagged() {
    let r = screen(Query::name("Abu Muhammad"));
    if let Some(m) = r.matches.iter().find(|m| m.id == "ofac_sdn:400") {
        assert!(m
            .explanation
            .adjustments
            .iter()
            .any(|a| a.code == AdjustmentCode::WeakAlias));
        assert!(m.score < 1.0);
    }
}

#[test]
fn deterministic_and_sorted() {
    let q = Query::name("Mohammed Ali Hassan");
    let a = serde_json::to_string(&screen(q.clone())).unwrap();
    let b = serde_json::to_string(&screen(q)).unwrap();
    assert_eq!(a, b);
    let r = screen(Query::name("Emma"));
    for w in r.matches.windows(2) {
        assert!(w[0].score > w[1].score || (w[0].score == w[1].score && w[0].id < w[1].id));
    }
    for m in &r.matches {
        assert_eq!(m.score, (m.score * 10000.0).round() / 10000.0);
    }
}

#[test]
fn invalid_options_fall_back_to_defaults_not_clear() {
    let snap = snapshot(small_list());
    let opts = Options {
        review_threshold: f64::NAN,
        ..Options::default()
    };
    let r = Screener::new(&snap).screen(&Query::name("Muammar Qadhafi"), &opts);
    assert_eq!(r.decision, Decision::Block);
    assert!(!r.warnings.is_empty());
}

#[test]
fn bad_evidence_is_ignored_with_a_warning() {
    let r = screen(Query {
        name: "Muammar Qadhafi".into(),
        birth_date: Some("7 June 1942".into()),
        ..Query::default()
    });
    assert_eq!(r.decision, Decision::Block);
    assert_eq!(r.warnings.len(), 1);
}

#[test]
fn sources_filter() {
    let snap = snapshot(small_list());
    let opts = Options {
        sources: Some(vec![SourceList::UnSc]),
        ..Options::default()
    };
    let r = Screener::new(&snap).screen(&Query::name("Muammar Qadhafi"), &opts);
    assert_eq!(r.decision, Decision::Clear);
}

#[test]
fn garbage_input_never_panics() {
    let snap = snapshot(small_list());
    let s = Screener::new(&snap);
    for q in [
        "",
        " ",
        "\u{0}",
        "'''",
        "...",
        "&&&",
        "\u{202e}",
        "ـــ",
        "a",
        "𝔄𝔩𝔦",
        "١٢٣",
        "ﷺ",
        "ა",
        "ẞ",
        "\u{10FFFF}",
    ] {
        let _ = s.screen(&Query::name(q), &Options::default());
    }
    let long = "Mohammed ".repeat(200);
    let _ = s.screen(&Query::name(long), &Options::default());
}

#[test]
fn an_expired_snapshot_never_gives_clear() {
    // screen_common builds its snapshot with built_at 2025-01-01T00:00:00Z.
    let snap = snapshot(small_list());
    let s = Screener::new(&snap);
    let within = Options {
        max_snapshot_age_days: Some(30),
        today: Some("2025-01-31".into()),
        ..Options::default()
    };
    let fresh = s.screen(&Query::name("Maria Jose Fernandez Lopez"), &within);
    assert_eq!(fresh.decision, Decision::Clear, "{:?}", fresh.warnings);
    assert!(fresh.warnings.is_empty());

    let past = Options {
        today: Some("2025-02-01".into()),
        ..within.clone()
    };
    let stale = s.screen(&Query::name("Maria Jose Fernandez Lopez"), &past);
    assert_eq!(stale.decision, Decision::Review);
    assert!(stale
        .warnings
        .iter()
        .any(|w| w.starts_with("snapshot_expired")));
    // A hit stays a hit; the warning is added.
    let hit = s.screen(&Query::name("Muammar Qadhafi"), &past);
    assert_eq!(hit.decision, Decision::Block);
    assert!(hit
        .warnings
        .iter()
        .any(|w| w.starts_with("snapshot_expired")));

    // An unreadable `today` is an options error: defaults (today's clock) are used, and a
    // 2025 snapshot measured against today's clock with a 30-day limit is still expired.
    let unreadable = Options {
        today: Some("31/01/2025".into()),
        ..within
    };
    let r = s.screen(&Query::name("Maria Jose Fernandez Lopez"), &unreadable);
    assert_ne!(r.decision, Decision::Clear);
}
