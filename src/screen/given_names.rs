//! Given-name equivalents: hypocorisms (English `Bill` for `William`, Russian `Sasha` for
//! `Aleksandr`) and the forms one given name takes across languages (`John`, `Juan`,
//! `Johann`, `Jean`, `Giovanni`, `Ivan`, `Sean`, `Ioannis`).
//!
//! The table is written by hand from common knowledge of European, Slavic, Hebrew and
//! Arabic naming (the standard English diminutives, the Russian short forms, the
//! biblical names shared by Christian, Jewish and Muslim traditions: `Joseph` / `Yosef`
//! / `Yusuf`, `Abraham` / `Ibrahim`, `David` / `Daud`); it is not derived from any list
//! file. Every form is written as the normaliser spells it (lower-case ASCII, diacritics
//! removed: `jose`, `francois`). Spelling variants the phonetic key already joins
//! (`Aleksandr` / `Alexandr`, `Yusuf` / `Youssef`) are listed only when common.
//!
//! A group is one name and its forms; a form may sit in several groups (`ted`: Edward
//! and Theodore; `jean`: John in French and Jane in English; `jan`: John in Dutch and
//! Polish, and Jane): two forms are equivalent when they share a group, so `Ted` meets
//! `Edward` and `Theodore`, but `Edward` does not meet `Theodore`. Forms that the
//! normaliser reads as particles or titles (`Ben` is the particle `bin`, `Al` is `al`)
//! never take part (the scorer only relates plain words).
//!
//! Deliberately left out: forms that are mostly something else in the listed names
//! (`Bibi`, a South Asian honorific for women besides Netanyahu's nickname; `Yahya` and
//! `Isa`, Arabic names whose bearers are not called John or Jesus; `Pasha`, a Turkish
//! title; `Pat`, read as the Ukrainian legal form), and loose historical links (`James` /
//! `Diego`, `Jacob` / `James`). A test checks that every form is a plain word for the
//! normaliser.

use std::sync::OnceLock;

use crate::screen::index::prefix_key;

/// The groups: each line is one given name and its equivalent forms.
pub const GROUPS: &[&[&str]] = &[
    // English given names with their diminutives and their forms in other languages.
    &[
        "william",
        "bill",
        "billy",
        "will",
        "willy",
        "willie",
        "liam",
        "wilhelm",
        "willem",
        "guillermo",
        "guillaume",
        "guglielmo",
        "guilherme",
        "vilhelm",
        "wim",
    ],
    &[
        "robert", "bob", "bobby", "rob", "robbie", "robby", "bert", "robin", "roberto",
    ],
    &[
        "theodore",
        "ted",
        "teddy",
        "theo",
        "theodor",
        "teodor",
        "teodoro",
        "theodoros",
        "fyodor",
        "fedor",
        "feodor",
        "todor",
    ],
    &[
        "edward", "ed", "eddie", "eddy", "ted", "teddy", "ned", "eduard", "eduardo", "edouard",
        "edoardo", "edvard",
    ],
    &[
        "benjamin",
        "benny",
        "benji",
        "binyamin",
        "veniamin",
        "beniamino",
        "benjamim",
    ],
    &[
        "alexander",
        "alex",
        "alec",
        "alek",
        "sasha",
        "sascha",
        "shura",
        "sandy",
        "sandro",
        "xander",
        "alejandro",
        "alessandro",
        "alexandre",
        "aleksandr",
        "alexandr",
        "aleksander",
        "aleksandar",
        "alexandros",
        "oleksandr",
        "iskandar",
        "iskander",
    ],
    &[
        "alexandra",
        "alex",
        "sasha",
        "sandra",
        "sandy",
        "alejandra",
        "alessandra",
        "aleksandra",
        "oleksandra",
    ],
    &[
        "alexei", "alexey", "aleksei", "aleksey", "alexis", "oleksiy", "oleksii", "alessio",
        "alyosha", "lyosha",
    ],
    &[
        "john", "johnny", "jack", "jon", "juan", "johann", "johannes", "johan", "hans", "hannes",
        "jean", "giovanni", "gianni", "ivan", "vanya", "jan", "janos", "jens", "sean", "shaun",
        "shawn", "ian", "iain", "evan", "eoin", "ioannis", "yiannis", "ioan", "ion", "joao",
        "jovan", "yohannes", "yochanan",
    ],
    &[
        "jane", "jean", "jeanne", "janet", "janice", "jan", "joan", "joanna", "johanna", "juana",
        "giovanna", "ivana", "jana", "janina", "zhanna",
    ],
    &["jonathan", "jon", "jonny", "yonatan"],
    &[
        "joseph", "joe", "joey", "jose", "pepe", "giuseppe", "beppe", "josef", "jozef", "josip",
        "yosef", "iosif", "osip", "yusuf", "yousef", "youssef", "yusef",
    ],
    &[
        "michael", "mike", "mikey", "mick", "mickey", "miguel", "michel", "michele", "mikhail",
        "mikhael", "mikail", "mihail", "mihai", "michal", "mikael", "mikkel", "mykhailo", "misha",
        "mischa",
    ],
    &[
        "michelle", "michele", "michela", "michaela", "micaela", "mikaela",
    ],
    &[
        "peter", "pete", "pedro", "pierre", "pietro", "piotr", "pyotr", "petr", "petar", "petro",
        "petru", "petros", "pieter", "piet", "peder", "per", "boutros", "butros",
    ],
    &[
        "paul", "pablo", "paolo", "paulo", "pavel", "pavlo", "pawel", "pavlos", "pal", "boulos",
    ],
    &[
        "james", "jim", "jimmy", "jamie", "jaime", "jaume", "jacques", "giacomo", "seamus",
        "hamish",
    ],
    &[
        "jacob", "jake", "jakob", "jacques", "giacomo", "jacopo", "jakub", "yakov", "yaakov",
        "yaqub", "yakub", "yakup", "kobi",
    ],
    &[
        "stephen", "steven", "steve", "stevie", "stefan", "stephan", "stepan", "stefano",
        "esteban", "estevao", "etienne", "stephane", "istvan", "stefanos", "stjepan", "stevan",
        "szczepan",
    ],
    &[
        "george", "jorge", "georg", "georges", "georgi", "georgy", "georgiy", "georgios",
        "giorgos", "giorgio", "gheorghe", "jerzy", "jiri", "jurgen", "jorg", "jordi", "djordje",
        "yuri", "yuriy", "yury", "yurii", "zhora",
    ],
    &[
        "nicholas", "nick", "nicky", "nicolas", "nikolai", "nikolay", "nikolaj", "nicola",
        "niccolo", "nicolae", "nikola", "nikolaos", "nikos", "mykola", "kolya", "klaus", "claus",
        "nikolaus", "niklas",
    ],
    &[
        "vladimir",
        "volodymyr",
        "volodya",
        "vova",
        "wladimir",
        "wlodzimierz",
        "waldemar",
    ],
    &[
        "sergey", "sergei", "sergii", "serhiy", "serhii", "sergiy", "sergio", "serge", "sergiu",
        "sergej", "seryozha", "serezha",
    ],
    &[
        "dmitry",
        "dmitri",
        "dmitriy",
        "dimitri",
        "dimitrios",
        "dimitar",
        "dmytro",
        "dima",
        "mitya",
        "demetrius",
        "dumitru",
    ],
    &[
        "eugene",
        "gene",
        "yevgeny",
        "yevgeniy",
        "evgeny",
        "evgeniy",
        "evgeni",
        "yevhen",
        "eugen",
        "eugenio",
        "eugeniusz",
        "zhenya",
    ],
    &[
        "andrew", "andy", "drew", "andre", "andres", "andreas", "andrei", "andrey", "andriy",
        "andrii", "andrzej", "andrea", "andrej", "andras", "ondrej", "andrija",
    ],
    &[
        "anthony", "tony", "antony", "antonio", "anton", "antoine", "antonin", "antoni",
        "antonios", "antal",
    ],
    &[
        "charles", "charlie", "chuck", "carlos", "carlo", "karl", "carl", "karel", "karol",
        "carles",
    ],
    &[
        "francis",
        "frank",
        "frankie",
        "francisco",
        "francesco",
        "francois",
        "franz",
        "frantisek",
        "franciszek",
        "francesc",
        "paco",
        "pancho",
    ],
    &[
        "henry", "harry", "hank", "henri", "enrique", "enrico", "heinrich", "hendrik", "henrik",
        "henryk", "heinz",
    ],
    &[
        "richard", "rick", "ricky", "rich", "richie", "dick", "ricardo", "riccardo", "rikard",
        "ryszard",
    ],
    &[
        "thomas", "tom", "tommy", "tomas", "tommaso", "tomasz", "toma", "tamas", "foma",
    ],
    &[
        "david", "dave", "davy", "davide", "dawid", "davit", "daud", "dawud", "dawood",
    ],
    &[
        "daniel", "dan", "danny", "daniele", "danilo", "daniil", "danyal", "danial",
    ],
    &["samuel", "sam", "sammy", "samuele", "samuil", "shmuel"],
    &[
        "matthew", "matt", "matty", "mateo", "matteo", "mathieu", "matthias", "mathias", "mateusz",
        "matvei", "matvey", "matej", "matheus", "mattia",
    ],
    &[
        "mark", "marc", "marco", "marcus", "markus", "marek", "marcos",
    ],
    &["luke", "luca", "lucas", "lukas", "luc", "lukasz", "luka"],
    &[
        "louis", "lou", "luis", "luigi", "ludwig", "lodewijk", "ludovic", "ludovico", "lewis",
        "lajos",
    ],
    &[
        "philip", "phillip", "phil", "felipe", "filippo", "philippe", "filip", "philipp", "filipp",
    ],
    &["martin", "marty", "martino", "marcin", "martyn"],
    &[
        "lawrence", "laurence", "larry", "lorenzo", "laurent", "lorenz", "lars",
    ],
    &[
        "frederick",
        "frederic",
        "fred",
        "freddie",
        "freddy",
        "federico",
        "friedrich",
        "fritz",
        "fryderyk",
        "frederik",
        "fredrik",
    ],
    &["albert", "bert", "bertie", "alberto"],
    &["arthur", "art", "artie", "arturo", "artur"],
    &[
        "patrick", "paddy", "patricio", "patrizio", "padraig", "patryk",
    ],
    &[
        "gregory", "greg", "gregorio", "gregor", "grigory", "grigoriy", "grigori", "grzegorz",
        "gregoire", "grisha", "hryhoriy",
    ],
    &["leonard", "leo", "len", "lenny", "leonardo", "leonhard"],
    &["raymond", "ray", "ramon", "raimondo", "raimund"],
    &["ronald", "ron", "ronnie", "ronny"],
    &["donald", "donnie", "donny"],
    &[
        "timothy",
        "tim",
        "timmy",
        "timofey",
        "timotheus",
        "timoteo",
        "tymoteusz",
    ],
    &["kenneth", "ken", "kenny"],
    &["gerald", "gerry", "jerry"],
    &["jeremy", "jerry", "jeremiah"],
    &["harold", "harry", "hal"],
    &["walter", "walt", "wally", "walther", "gualtiero"],
    &[
        "christopher",
        "chris",
        "kit",
        "topher",
        "christoph",
        "christophe",
        "cristoforo",
        "cristobal",
        "krzysztof",
        "kristof",
    ],
    &[
        "christian",
        "chris",
        "cristian",
        "kristian",
        "christiaan",
        "krystian",
    ],
    &["nathaniel", "nathan", "nat", "nate"],
    &[
        "zachary",
        "zach",
        "zack",
        "zachariah",
        "zacharias",
        "zakaria",
        "zakariya",
        "zacarias",
    ],
    &[
        "manuel", "manolo", "emmanuel", "emanuel", "emanuele", "immanuel",
    ],
    &["ignacio", "nacho", "ignatius", "ignazio", "ignatiy"],
    &["rafael", "raphael", "rafa", "raffaele"],
    &[
        "gabriel", "gabe", "gabriele", "gavriil", "gavriel", "jibril",
    ],
    &["alfonso", "alphonse", "alfons", "afonso"],
    &[
        "constantine",
        "konstantin",
        "kostya",
        "konstantinos",
        "kostas",
        "costas",
        "constantin",
        "costantino",
        "constantino",
    ],
    &["anatoly", "anatoliy", "anatolii", "tolya"],
    &[
        "vasily", "vasiliy", "vasili", "vasyl", "vasile", "vasilios", "vassilis", "vasya", "basil",
        "basilio", "wassily",
    ],
    &["gennady", "gennadiy", "gennadi", "gena"],
    &["boris", "borya"],
    &[
        "maxim",
        "maksim",
        "maksym",
        "max",
        "maxime",
        "massimo",
        "maximilian",
        "maximiliano",
    ],
    &[
        "simon", "semyon", "semen", "simeon", "shimon", "simone", "szymon",
    ],
    &["victor", "viktor", "vittorio", "vitor", "wiktor", "vitya"],
    &["victoria", "viktoria", "vittoria", "vicky", "wiktoria"],
    &["leonid", "lyonya"],
    &["abraham", "abe", "avraham", "ibrahim"],
    &["moses", "moshe", "musa", "moise", "moises"],
    &[
        "solomon", "salomon", "shlomo", "sulaiman", "suleiman", "sulayman", "suleyman",
    ],
    &[
        "isaac", "isaak", "izaak", "ishaq", "yitzhak", "itzhak", "isacco",
    ],
    &["aaron", "aron", "aharon", "harun", "haroun"],
    &[
        "elijah", "elias", "ilias", "ilyas", "ilya", "eliyahu", "elia", "elie",
    ],
    &["jonah", "jonas", "yonah", "yunus", "younis"],
    // Women's names.
    &[
        "mary", "maria", "marie", "mariya", "marija", "maryam", "mariam", "miriam", "masha",
        "molly", "polly",
    ],
    &[
        "elizabeth",
        "elisabeth",
        "elisabetta",
        "elizaveta",
        "elzbieta",
        "erzsebet",
        "isabel",
        "isabelle",
        "isabella",
        "liz",
        "lizzie",
        "liza",
        "beth",
        "betty",
        "betsy",
        "libby",
        "eliza",
        "elisa",
        "elsa",
        "elise",
    ],
    &[
        "katherine",
        "catherine",
        "kathryn",
        "kathleen",
        "kate",
        "katie",
        "kathy",
        "cathy",
        "caterina",
        "catalina",
        "catarina",
        "katarina",
        "katharina",
        "katarzyna",
        "ekaterina",
        "yekaterina",
        "katya",
        "katia",
        "kasia",
    ],
    &[
        "margaret",
        "maggie",
        "meg",
        "peggy",
        "marge",
        "margarita",
        "margherita",
        "margarete",
        "marguerite",
        "margit",
        "greta",
        "rita",
    ],
    &[
        "anne", "ann", "anna", "annie", "ana", "anya", "hannah", "hanna", "anita", "nancy",
    ],
    &[
        "susan",
        "sue",
        "susie",
        "suzanne",
        "susanna",
        "susana",
        "zuzana",
        "zsuzsanna",
    ],
    &[
        "helen", "helena", "helene", "elena", "ellen", "yelena", "olena", "jelena", "eleni", "lena",
    ],
    &[
        "natalia", "natalya", "natalie", "nathalie", "natasha", "natascha", "natalija",
    ],
    &["tatiana", "tatyana", "tatjana", "tanya", "tania"],
    &["irina", "irene", "iryna", "irena"],
    &[
        "julia", "julie", "yulia", "yuliya", "giulia", "julija", "iulia",
    ],
    &[
        "sophia", "sofia", "sophie", "sofiya", "sonya", "sonia", "zofia", "zsofia",
    ],
    &["eva", "eve", "yeva", "hawa"],
    &["anastasia", "anastasiya", "nastya"],
    &["ludmila", "lyudmila", "ludmilla", "lyuda"],
    &["svetlana", "sveta"],
    &["galina", "galya"],
    &["lyubov", "lyuba"],
];

/// Every form with the groups it belongs to, sorted by form (built on first use).
fn forms() -> &'static Forms {
    static FORMS: OnceLock<Forms> = OnceLock::new();
    FORMS.get_or_init(|| {
        let mut v: Vec<(&'static str, u16)> = GROUPS
            .iter()
            .enumerate()
            .flat_map(|(g, names)| names.iter().map(move |&n| (n, g as u16)))
            .collect();
        crate::sort::sort(&mut v);
        v.dedup();
        Forms {
            keys: v.iter().map(|&(n, _)| prefix_key(n.as_bytes())).collect(),
            entries: v,
        }
    })
}

/// Every (form, group) pair in order, with each form's [`prefix_key`] alongside: a look-up
/// compares numbers, and strings only where the keys are equal (most words are no form).
struct Forms {
    entries: Vec<(&'static str, u16)>,
    keys: Vec<u64>,
}

/// The groups `name` belongs to (ascending; empty when it is not in the table).
fn groups_of(name: &str) -> &'static [(&'static str, u16)] {
    let f = forms();
    let k = prefix_key(name.as_bytes());
    // Forms with the same key as `name` are contiguous (the key keeps the order); of them,
    // those equal to `name` are a run.
    let lo = f.keys.partition_point(|&x| x < k);
    let same_key = f
        .keys
        .get(lo..)
        .map_or(0, |rest| rest.iter().take_while(|&&x| x == k).count());
    let candidates = f.entries.get(lo..lo + same_key).unwrap_or(&[]);
    let from_first = match candidates.iter().position(|&(n, _)| n == name) {
        Some(first) => candidates.get(first..).unwrap_or(&[]),
        None => &[],
    };
    let len = from_first.iter().take_while(|&&(n, _)| n == name).count();
    from_first.get(..len).unwrap_or(&[])
}

/// True when `name` is a form in the table.
pub fn is_form(name: &str) -> bool {
    !groups_of(name).is_empty()
}

/// True when two different normalised given names are forms of one name (they share a
/// group): `bill` ~ `william`, `juan` ~ `john`, `ted` ~ `edward` and `ted` ~ `theodore`.
pub fn equivalent(a: &str, b: &str) -> bool {
    if a == b {
        return false;
    }
    let gb = groups_of(b);
    !gb.is_empty()
        && groups_of(a)
            .iter()
            .any(|&(_, g)| gb.iter().any(|&(_, h)| h == g))
}

/// Every form equivalent to `name` (other than itself), sorted and without duplicates:
/// what the candidate index looks up for a query token.
pub fn equivalents(name: &str) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = groups_of(name)
        .iter()
        .filter_map(|&(_, g)| GROUPS.get(g as usize))
        .flat_map(|names| names.iter().copied())
        .filter(|&n| n != name)
        .collect();
    crate::sort::sort(&mut out);
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The keyed look-up finds exactly the (form, group) pairs a plain scan of the table
    /// finds: for every form, every form with a letter more or less (many share their
    /// first 8 bytes, hence their key, with another form), and words that are no form.
    #[test]
    fn keyed_lookup_equals_a_scan() {
        let all: Vec<(&str, u16)> = GROUPS
            .iter()
            .enumerate()
            .flat_map(|(g, names)| names.iter().map(move |&n| (n, g as u16)))
            .collect();
        let scan = |name: &str| -> Vec<(&str, u16)> {
            let mut v: Vec<(&str, u16)> = all.iter().copied().filter(|&(n, _)| n == name).collect();
            v.sort();
            v.dedup();
            v
        };
        let mut probes: Vec<String> = vec![String::new(), "a".into(), "zzzzzzzzzz".into()];
        for g in GROUPS {
            for n in g.iter() {
                probes.push(n.to_string());
                probes.push(format!("{n}a"));
                probes.push(n[..n.len() - 1].to_string());
            }
        }
        for p in &probes {
            assert_eq!(groups_of(p), &scan(p)[..], "{p}");
        }
        assert!(is_form("alexandra") && is_form("alexandre"));
        assert!(!is_form("alexandrx"));
    }

    #[test]
    fn forms_are_normalised_and_distinct_within_a_group() {
        for g in GROUPS {
            assert!(g.len() >= 2, "{g:?}");
            for (i, n) in g.iter().enumerate() {
                assert!(
                    n.len() >= 2 && n.bytes().all(|b| b.is_ascii_lowercase()),
                    "{n}"
                );
                assert!(!g[..i].contains(n), "{n} twice in {g:?}");
            }
        }
    }

    #[test]
    fn every_form_is_a_plain_word_for_the_normaliser() {
        use crate::screen::normalize::{normalize_name, TokenClass};
        let odd: Vec<&str> = GROUPS
            .iter()
            .flat_map(|g| g.iter().copied())
            .filter(|n| {
                let t = normalize_name(n, None);
                t.len() != 1 || t[0].text != *n || t[0].class != TokenClass::Word
            })
            .collect();
        assert!(odd.is_empty(), "{odd:?}");
    }

    #[test]
    fn ambiguous_forms_meet_both_names_but_the_names_stay_apart() {
        assert!(equivalent("ted", "edward"));
        assert!(equivalent("theodore", "ted"));
        assert!(!equivalent("edward", "theodore"));
        assert!(equivalent("juan", "john"));
        assert!(equivalent("jan", "jane"));
        assert!(!equivalent("john", "jane"));
        assert!(!equivalent("john", "john"));
        assert!(!equivalent("john", "smith"));
        let e = equivalents("ted");
        assert!(e.contains(&"edward") && e.contains(&"theodore") && !e.contains(&"ted"));
    }
}
