//! Shared helpers for the screening tests: a small hand-built watchlist and a
//! deterministic generator of a larger synthetic one.

#![allow(dead_code)]

use kyc_check::model::{
    AliasStrength, BirthDate, Entity, EntityType, Identifier, IdentifierKind, Name, NameKind,
    PartialDate, SourceInfo, SourceList,
};
use kyc_check::screen::index::NameIndex;
use kyc_check::snapshot::{Snapshot, SnapshotHeader};

/// A snapshot over `entities` with a fixed header.
pub fn snapshot(entities: Vec<Entity>) -> Snapshot {
    let index = NameIndex::build(&entities);
    Snapshot {
        header: SnapshotHeader {
            format_version: 1,
            built_at: "2025-01-01T00:00:00Z".into(),
            label: "test".into(),
            sources: vec![SourceInfo {
                source: SourceList::OfacSdn,
                format: "test".into(),
                published: Some("2025-01-01".into()),
                files: vec![],
                entity_count: entities.len() as u32,
                name_count: 0,
            }],
            sha256: "00".repeat(32),
            remarks: Default::default(),
            remarks_companion: None,
        },
        entities: entities.into(),
        index,
    }
}

fn person(id: &str, primary: &str, akas: &[&str]) -> Entity {
    let mut e = Entity::new(SourceList::OfacSdn, id, EntityType::Person, primary);
    for a in akas {
        e.names.push(Name::new(*a, NameKind::Aka));
    }
    e
}

fn org(source: SourceList, id: &str, primary: &str) -> Entity {
    Entity::new(source, id, EntityType::Organization, primary)
}

/// A small list of real, publicly listed names (typed by hand) plus decoys.
pub fn small_list() -> Vec<Entity> {
    let mut qadhafi = person(
        "100",
        "QADHAFI, Muammar",
        &["GADDAFI, Moammar", "القذافي معمر"],
    );
    qadhafi.birth_dates.push(BirthDate::Date {
        date: PartialDate {
            year: 1942,
            month: Some(6),
            day: Some(7),
        },
    });
    qadhafi.nationalities.push("LY".into());
    qadhafi.programs.push("LIBYA2".into());
    let mut putin = person(
        "200",
        "PUTIN, Vladimir Vladimirovich",
        &["Путин Владимир Владимирович"],
    );
    putin.birth_dates.push(BirthDate::Date {
        date: PartialDate {
            year: 1952,
            month: Some(10),
            day: Some(7),
        },
    });
    putin.nationalities.push("RU".into());
    let mut kim = person("300", "KIM, Jong Un", &["김정은"]);
    kim.names[1].original_script = true;
    let mut weak = person("400", "AL-ZAWAHIRI, Ayman", &[]);
    weak.names.push(Name {
        full: "Abu Muhammad".into(),
        kind: NameKind::Aka,
        strength: AliasStrength::Weak,
        original_script: false,
        language: None,
    });
    let mut garantex = org(SourceList::OfacSdn, "500", "GARANTEX EUROPE OU");
    garantex.identifiers.push(Identifier {
        kind: IdentifierKind::CryptoAddress,
        label: "Digital Currency Address - ETH".into(),
        value: "0x7FF9cFad3877F21d41Da833E2F775dB0569eE3D9".into(),
        country: None,
        network: Some("ETH".into()),
    });
    let mut bank = org(SourceList::UnSc, "600", "Bank Melli Iran");
    bank.identifiers.push(Identifier {
        kind: IdentifierKind::SwiftBic,
        label: "SWIFT/BIC".into(),
        value: "MELIIRTH".into(),
        country: Some("IR".into()),
        network: None,
    });
    vec![
        qadhafi,
        putin,
        kim,
        weak,
        garantex,
        bank,
        org(SourceList::OfacSdn, "700", "EMMA LLC"),
        org(SourceList::OfacSdn, "710", "JSC ARGUMENT"),
        org(SourceList::UkOfsi, "720", "11420 CORP."),
        person("800", "USAMA BIN LADIN", &["Osama bin Laden"]),
        Entity::new(SourceList::OfacSdn, "900", EntityType::Vessel, "EMMA"),
    ]
}

/// Deterministic xorshift generator: the one the examples' query generators use.
#[path = "../../examples/support/perturb.rs"]
mod perturb_support;
pub use perturb_support::Rng;

pub const GIVEN: &[&str] = &[
    "Mohammed",
    "Muhammad",
    "Ali",
    "Ahmed",
    "Hassan",
    "Hussein",
    "Omar",
    "Abdul Rahman",
    "Vladimir",
    "Sergey",
    "Ivan",
    "Dmitry",
    "Olga",
    "Maria",
    "John",
    "James",
    "Kim",
    "Jong",
    "Yusuf",
    "Ibrahim",
    "Khalid",
    "Fatima",
    "Aisha",
    "Li",
    "Wei",
    "Jose",
    "Juan",
    "Carlos",
    "Igor",
    "Natalia",
    "Abu",
    "Said",
    "Karim",
    "Mansour",
    "Akhtar",
    "Sirajuddin",
    "Ayman",
];
pub const FAMILY: &[&str] = &[
    "Al-Rawi",
    "Haqqani",
    "Ivanov",
    "Petrov",
    "Smirnov",
    "Qadhafi",
    "Khan",
    "Zawahiri",
    "Bin Laden",
    "Hosseini",
    "Tikriti",
    "Medvedev",
    "Choi",
    "Park",
    "Garcia",
    "Lopez",
    "Nasrallah",
    "Al-Baghdadi",
    "Mahmoud",
    "Rahman",
    "Sechin",
    "Deripaska",
    "Rotenberg",
    "Kovalchuk",
    "Yakunin",
    "Usmanov",
    "Al Masri",
    "Mustafa",
    "Aziz",
    "Chen",
    "Wang",
];
pub const ORG_WORDS: &[&str] = &[
    "Trading",
    "Petroleum",
    "Shipping",
    "Bank",
    "Melli",
    "Saderat",
    "Sepah",
    "Argument",
    "Garantex",
    "Rosneft",
    "Gazprom",
    "Sovcomflot",
    "Almaz",
    "Antey",
    "Tactical",
    "Missiles",
    "Holding",
    "Group",
    "International",
    "Mahan",
    "Air",
    "Korea",
    "Kwangson",
    "Tanchon",
    "Mining",
    "Development",
    "11420",
    "Crystal",
    "Lord",
    "Systems",
    "Tornado",
    "Cash",
];
pub const FORMS: &[&str] = &["LLC", "JSC", "OAO", "Ltd", "GmbH", "Co.", "Corp", "FZE", ""];
pub const SCRIPT_NAMES: &[&str] = &[
    "محمد علي",
    "أحمد حسن",
    "عبد الله",
    "Владимир Путин",
    "Иван Иванов",
    "김정은",
    "Νικόλαος",
    "משה",
    "สมชาย",
    "金正恩",
];

/// A synthetic list of `n` entities built from the parts above.
pub fn synthetic_list(n: usize, seed: u64) -> Vec<Entity> {
    let mut rng = Rng(seed);
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let e = match rng.below(10) {
            0..=5 => {
                let mut parts = vec![rng.pick(GIVEN).to_string()];
                for _ in 0..rng.below(3) {
                    parts.push(rng.pick(GIVEN).to_string());
                }
                parts.push(rng.pick(FAMILY).to_string());
                let mut e = Entity::new(
                    SourceList::OfacSdn,
                    &i.to_string(),
                    EntityType::Person,
                    parts.join(" "),
                );
                if rng.below(3) == 0 {
                    let last = parts.pop().unwrap_or_default();
                    e.names.push(Name::new(
                        format!("{}, {}", last.to_uppercase(), parts.join(" ")),
                        NameKind::Aka,
                    ));
                }
                if rng.below(8) == 0 {
                    let mut n = Name::new(*rng.pick(SCRIPT_NAMES), NameKind::Aka);
                    n.original_script = true;
                    e.names.push(n);
                }
                e
            }
            6..=8 => {
                let mut parts = Vec::new();
                for _ in 0..1 + rng.below(3) {
                    parts.push(rng.pick(ORG_WORDS).to_string());
                }
                let form = rng.pick(FORMS);
                if !form.is_empty() {
                    parts.push(form.to_string());
                }
                Entity::new(
                    SourceList::UnSc,
                    &i.to_string(),
                    EntityType::Organization,
                    parts.join(" "),
                )
            }
            _ => Entity::new(
                SourceList::UkOfsi,
                &i.to_string(),
                EntityType::Vessel,
                *rng.pick(ORG_WORDS),
            ),
        };
        out.push(e);
    }
    out
}

/// A query derived from a listed name by one random perturbation.
pub fn perturb(name: &str, rng: &mut Rng) -> String {
    let chars: Vec<char> = name.chars().collect();
    if chars.is_empty() {
        return String::new();
    }
    let i = rng.below(chars.len());
    let mut c = chars.clone();
    match rng.below(8) {
        0 if i + 1 < c.len() => c.swap(i, i + 1),
        1 => {
            c.remove(i);
        }
        2 => c.insert(i, chars[i]),
        3 => c[i] = *rng.pick(&['a', 'e', 'i', 'o', 'u']),
        4 => {
            let mut w: Vec<&str> = name.split(' ').collect();
            w.reverse();
            return w.join(" ");
        }
        5 => {
            let w: Vec<&str> = name.split(' ').collect();
            if w.len() > 2 {
                return format!("{} {}", w[0], w[w.len() - 1]);
            }
        }
        6 => return format!("Dr. {name}"),
        _ => return name.to_lowercase().replace(' ', "\u{00A0}"),
    }
    c.into_iter().collect()
}
