//! Jurisdiction policy: flags addresses and nationalities in comprehensively sanctioned
//! jurisdictions with `blocked_jurisdiction`.
//!
//! The default list follows the US OFAC country programmes with comprehensive embargoes:
//! Cuba (31 CFR 515), Iran (31 CFR 560), North Korea (31 CFR 510), Syria (31 CFR 542; largely
//! lifted by EO 14312 of June 2025, kept by default as many compliance policies still block
//! it: callers decide), and the Crimea (EO 13685), so-called Donetsk and Luhansk People's
//! Republic regions of Ukraine (EO 14065). Callers replace the list with their own:
//! ISO 3166-1 countries (alpha-2, alpha-3 or name) and the region ids below.
//!
//! Regions are detected from the region or city text (Latin and Cyrillic spellings, Russian
//! and Ukrainian) and from postal codes: Ukrainian codes 95000-98999 (Crimea), 99000-99999
//! (Sevastopol), 83000-87999 (Donetsk), 91000-94999 (Luhansk) (Ukrposhta ranges, as in
//! Google's address metadata for UA), and the Russian-assigned codes 295000-298999 (Crimea),
//! 299000-299999 (Sevastopol), 283000-287999 (Donetsk) and 291000-294999 (Luhansk). Text and
//! postal codes are only read for addresses in Ukraine or Russia, or with no country, so
//! that e.g. a Californian ZIP code 95014 is never mistaken for Crimea.

use super::country;
use super::error::{ErrorCode, Field, ValidationError};
use crate::unicode_norm::is_combining_mark;
use crate::unicode_norm::UnicodeNormalization;

/// A blockable sub-national region.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Region {
    /// Autonomous Republic of Crimea (ISO 3166-2 UA-43).
    Crimea,
    /// Sevastopol (UA-40).
    Sevastopol,
    /// Donetsk oblast (UA-14).
    Donetsk,
    /// Luhansk oblast (UA-09).
    Luhansk,
}

const REGIONS: [Region; 4] = [
    Region::Crimea,
    Region::Sevastopol,
    Region::Donetsk,
    Region::Luhansk,
];

impl Region {
    /// ISO 3166-2 code, the id used in policy lists.
    pub fn id(self) -> &'static str {
        match self {
            Region::Crimea => "UA-43",
            Region::Sevastopol => "UA-40",
            Region::Donetsk => "UA-14",
            Region::Luhansk => "UA-09",
        }
    }

    /// English name for messages.
    pub fn name(self) -> &'static str {
        match self {
            Region::Crimea => "Crimea",
            Region::Sevastopol => "Sevastopol",
            Region::Donetsk => "Donetsk region",
            Region::Luhansk => "Luhansk region",
        }
    }

    /// Lower-case spellings (and major cities) that identify the region in free text; each
    /// must start a word and may be a word's beginning ("luhans" finds "Luhans'ka oblast").
    fn keywords(self) -> &'static [&'static str] {
        match self {
            Region::Crimea => &[
                "crimea",
                "krym",
                "krim",
                "qirim",
                "крым",
                "крим",
                "simferopol",
                "симферополь",
                "сімферополь",
                "kerch",
                "керчь",
                "керч",
                "yalta",
                "ялта",
                "yevpatori",
                "evpatori",
                "евпатори",
                "євпаторі",
                "feodosi",
                "феодоси",
                "феодосі",
            ],
            Region::Sevastopol => &["sevastopol", "sebastopol", "севастопол"],
            Region::Donetsk => &[
                "donetsk",
                "donets",
                "донецк",
                "донецьк",
                "dnr",
                "днр",
                "makiivka",
                "makeevka",
                "макеевка",
                "макіївка",
                "horlivka",
                "gorlovka",
                "горловка",
                "горлівка",
            ],
            Region::Luhansk => &[
                "luhansk",
                "lugansk",
                "luhans",
                "lugans",
                "луганск",
                "луганськ",
                "lnr",
                "лнр",
                "alchevsk",
                "алчевск",
                "алчевськ",
            ],
        }
    }

    /// The region a postal code of `country` (UA or RU) belongs to.
    fn from_postal_code(country: &str, code: &str) -> Option<Region> {
        let digits: String = code.chars().filter(char::is_ascii_digit).collect();
        let value: u32 = digits.parse().ok()?;
        match (country, digits.len()) {
            ("UA", 5) => match value {
                95000..=98999 => Some(Region::Crimea),
                99000..=99999 => Some(Region::Sevastopol),
                83000..=87999 => Some(Region::Donetsk),
                91000..=94999 => Some(Region::Luhansk),
                _ => None,
            },
            ("RU", 6) => match value {
                295000..=298999 => Some(Region::Crimea),
                299000..=299999 => Some(Region::Sevastopol),
                283000..=287999 => Some(Region::Donetsk),
                291000..=294999 => Some(Region::Luhansk),
                _ => None,
            },
            _ => None,
        }
    }

    /// Parses a policy list entry naming a region: its ISO 3166-2 id or English name.
    fn parse(entry: &str) -> Option<Region> {
        let key = entry.trim().to_ascii_lowercase();
        REGIONS.into_iter().find(|r| {
            key == r.id().to_ascii_lowercase()
                || key == r.name().to_ascii_lowercase()
                || r.keywords().first() == Some(&key.as_str())
        })
    }
}

/// Lower-cases, drops diacritics and turns punctuation into spaces, for keyword search.
fn search_key(s: &str) -> String {
    let folded: String = s
        .nfd()
        .filter(|&c| !is_combining_mark(c))
        .flat_map(crate::unicode_norm::to_lowercase)
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    format!(" {folded} ")
}

/// True when `key` (from [`search_key`]) contains `word` at the start of a word.
fn mentions(key: &str, word: &str) -> bool {
    // Byte windows, not `str::match_indices`: with the MRZ name split (validate::mrz), the
    // only substring searches of the wasm build, which would pull in the two-way searcher.
    let (key, word) = (key.as_bytes(), word.as_bytes());
    !word.is_empty()
        && key
            .windows(word.len() + 1)
            .any(|w| w.first() == Some(&b' ') && w.get(1..) == Some(word))
}

/// A set of blocked jurisdictions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Policy {
    countries: Vec<&'static str>,
    regions: Vec<Region>,
}

impl Default for Policy {
    /// Cuba, Iran, North Korea, Syria, Crimea, Sevastopol, Donetsk and Luhansk.
    fn default() -> Policy {
        Policy {
            countries: vec!["CU", "IR", "KP", "SY"],
            regions: REGIONS.to_vec(),
        }
    }
}

impl Policy {
    /// A policy from a caller's list of countries (alpha-2, alpha-3 or English name) and
    /// region ids (`UA-43`, `UA-40`, `UA-14`, `UA-09` or `Crimea`, `Sevastopol`, `Donetsk`,
    /// `Luhansk`). Fails with the first entry it does not recognise.
    pub fn from_list<S: AsRef<str>>(entries: &[S]) -> Result<Policy, String> {
        let mut policy = Policy {
            countries: Vec::new(),
            regions: Vec::new(),
        };
        for entry in entries {
            let entry = entry.as_ref();
            if let Some(region) = Region::parse(entry) {
                policy.regions.push(region);
            } else if let Some(c) = country::lookup(entry) {
                policy.countries.push(c.alpha2);
            } else {
                return Err(format!(
                    "unknown jurisdiction `{entry}` in the blocked list"
                ));
            }
        }
        Ok(policy)
    }

    /// True when the country (alpha-2) is blocked.
    pub fn blocks_country(&self, alpha2: &str) -> bool {
        self.countries.contains(&alpha2)
    }

    /// `blocked_jurisdiction` for a blocked country (alpha-2) in `field`.
    pub fn check_country(&self, field: Field, alpha2: &str) -> Option<ValidationError> {
        self.blocks_country(alpha2).then(|| {
            let name = country::by_alpha2(alpha2).map_or(alpha2, |c| c.name);
            ValidationError::new(
                field,
                ErrorCode::BlockedJurisdiction,
                format!("{name} is a blocked jurisdiction"),
            )
        })
    }

    /// `blocked_jurisdiction` errors for an address in a blocked region, found from the
    /// region, city or postal code. `country` is the address's alpha-2 code, if known.
    pub fn check_address(
        &self,
        country: Option<&str>,
        region: Option<&str>,
        city: Option<&str>,
        postal_code: Option<&str>,
    ) -> Vec<ValidationError> {
        let mut errors = Vec::new();
        if self.regions.is_empty() || !matches!(country, None | Some("UA") | Some("RU")) {
            return errors;
        }
        let blocked = |field: Field, region: Region| {
            ValidationError::new(
                field,
                ErrorCode::BlockedJurisdiction,
                format!(
                    "{} ({}) is a blocked jurisdiction",
                    region.name(),
                    region.id()
                ),
            )
        };
        for (field, value) in [(Field::Region, region), (Field::City, city)] {
            let Some(value) = value.filter(|v| v.len() <= 400) else {
                continue;
            };
            let key = search_key(value);
            let found = self
                .regions
                .iter()
                .find(|r| r.keywords().iter().any(|w| mentions(&key, w)));
            if let Some(&r) = found {
                errors.push(blocked(field, r));
            }
        }
        if let (Some(country), Some(code)) = (country, postal_code) {
            // Over-long input is rejected by the postal code validator; don't read it here.
            let code = code
                .get(..code.len().min(super::address::MAX_POSTAL_INPUT_BYTES))
                .unwrap_or("");
            if let Some(r) = Region::from_postal_code(country, code) {
                if self.regions.contains(&r) {
                    errors.push(blocked(Field::PostalCode, r));
                }
            }
        }
        errors
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(errors: &[ValidationError]) -> Vec<(Field, ErrorCode)> {
        errors.iter().map(|e| (e.field, e.code)).collect()
    }

    #[test]
    fn mentions_only_at_the_start_of_a_word() {
        let key = search_key("Krymsky raion, Simferopol");
        assert!(mentions(&key, "krym"));
        assert!(mentions(&key, "simferopol"));
        assert!(!mentions(&key, "rym"));
        assert!(!mentions(&key, "ferop"));
        assert!(!mentions(&key, ""));
        // Keys of other scripts compare bytes of whole characters.
        let key = search_key("м. Севастополь");
        assert!(mentions(&key, "севастоп"));
        assert!(!mentions(&key, "астоп"));
    }

    #[test]
    fn default_policy_blocks_countries() {
        let p = Policy::default();
        for c in ["CU", "IR", "KP", "SY"] {
            assert!(p.blocks_country(c), "{c}");
        }
        assert!(!p.blocks_country("UA"));
        assert!(p.check_country(Field::Nationality, "IR").is_some());
    }

    #[test]
    fn regions_from_text_and_postal_codes() {
        let p = Policy::default();
        let blocked = vec![(Field::Region, ErrorCode::BlockedJurisdiction)];
        assert_eq!(
            codes(&p.check_address(Some("UA"), Some("Автономна Республіка Крим"), None, None)),
            blocked
        );
        assert_eq!(
            codes(&p.check_address(Some("RU"), Some("Республика Крым"), None, None)),
            blocked
        );
        assert_eq!(
            codes(&p.check_address(None, Some("Donetsk Oblast"), None, None)),
            blocked
        );
        assert_eq!(
            codes(&p.check_address(Some("UA"), Some("Luhans'ka oblast"), None, None)),
            blocked
        );
        assert_eq!(
            codes(&p.check_address(Some("UA"), None, Some("Севастополь"), None)),
            vec![(Field::City, ErrorCode::BlockedJurisdiction)]
        );
        let postal = vec![(Field::PostalCode, ErrorCode::BlockedJurisdiction)];
        assert_eq!(
            codes(&p.check_address(Some("UA"), None, None, Some("95000"))),
            postal
        );
        assert_eq!(
            codes(&p.check_address(Some("UA"), None, None, Some("83001"))),
            postal
        );
        assert_eq!(
            codes(&p.check_address(Some("UA"), None, None, Some("91000"))),
            postal
        );
        assert_eq!(
            codes(&p.check_address(Some("RU"), None, None, Some("295000"))),
            postal
        );
        // Kyiv, Ukraine; Cupertino, US (ZIP 95014); Krimml, Austria: not blocked.
        assert!(p
            .check_address(Some("UA"), Some("Kyiv"), Some("Kyiv"), Some("01001"))
            .is_empty());
        assert!(p
            .check_address(Some("US"), Some("CA"), None, Some("95014"))
            .is_empty());
        assert!(p
            .check_address(Some("AT"), None, Some("Krimml"), None)
            .is_empty());
        // "Krim" must start a word: "Akrim" is not Crimea.
        assert!(p
            .check_address(Some("UA"), None, Some("Akrim"), None)
            .is_empty());
    }

    #[test]
    fn caller_lists() {
        let p = Policy::from_list(&["RU", "Belarus", "UA-43"]).unwrap();
        assert!(p.blocks_country("RU") && p.blocks_country("BY") && !p.blocks_country("IR"));
        assert_eq!(
            p.check_address(Some("UA"), Some("Donetsk"), None, None)
                .len(),
            0
        );
        assert_eq!(
            p.check_address(Some("UA"), Some("Crimea"), None, None)
                .len(),
            1
        );
        assert!(Policy::from_list(&["Narnia"]).is_err());
        let none = Policy::from_list::<&str>(&[]).unwrap();
        assert!(!none.blocks_country("KP"));
    }
}
