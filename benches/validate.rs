//! Benchmark: validation of one full, realistic signup record (`validate_record`), natively.
//! Times each of many iterations with `std::time::Instant` and prints the median, p90 and
//! minimum per record. Target: median ≤ 20 µs. Run with `cargo bench --bench validate`.

use kyc_check::validate::date::Date;
use kyc_check::validate::record::{validate_record, Options};
use std::hint::black_box;
use std::time::Instant;

#[path = "support/full_record.rs"]
mod full_record;
use full_record::full_record;

const WARMUP: usize = 2_000;
const ITERATIONS: usize = 50_000;

/// Median time of `f` in µs over `n` runs.
fn median_us(n: usize, mut f: impl FnMut()) -> f64 {
    let mut nanos: Vec<u128> = (0..n)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed().as_nanos()
        })
        .collect();
    nanos.sort_unstable();
    nanos[n / 2] as f64 / 1000.0
}

/// Per-field medians, to see where the time of a record goes.
fn per_field() {
    use kyc_check::validate::{
        address, birth_date, country, email, iban, mrz, name, national_id, phone, Field,
    };
    let today = Date::parse_iso("2011-06-01").expect("date");
    let rules = birth_date::BirthDateRules::new(today);
    let mrz_text = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10";
    type Case<'a> = (&'a str, Box<dyn Fn() + 'a>);
    let cases: Vec<Case> = vec![
        (
            "name",
            Box::new(|| {
                drop(black_box(name::validate_name_field(
                    Field::GivenName,
                    black_box("Anna Maria"),
                )))
            }),
        ),
        (
            "birth_date",
            Box::new(move || {
                drop(black_box(birth_date::validate_birth_date(
                    black_box("1974-08-12"),
                    &rules,
                )))
            }),
        ),
        (
            "email",
            Box::new(|| {
                drop(black_box(email::validate_email(black_box(
                    "anna.eriksson+kyc@Example.de",
                ))))
            }),
        ),
        (
            "phone",
            Box::new(|| {
                drop(black_box(phone::validate_phone(
                    black_box("030 123456"),
                    Some("DE"),
                )))
            }),
        ),
        (
            "country",
            Box::new(|| {
                drop(black_box(country::validate(
                    Field::Country,
                    black_box("Germany"),
                )))
            }),
        ),
        (
            "postal_code",
            Box::new(|| {
                drop(black_box(address::validate_postal_code(
                    "DE",
                    black_box("10117"),
                )))
            }),
        ),
        (
            "mrz",
            Box::new(move || drop(black_box(mrz::parse_mrz(black_box(mrz_text), today)))),
        ),
        (
            "national_id",
            Box::new(|| {
                drop(black_box(national_id::validate(
                    "DE",
                    black_box("65929970489"),
                )))
            }),
        ),
        (
            "iban",
            Box::new(|| {
                drop(black_box(iban::validate(black_box(
                    "DE89 3704 0044 0532 0130 00",
                ))))
            }),
        ),
    ];
    for (label, f) in cases {
        println!("  {label:<12} median {:.2} µs", median_us(20_000, &*f));
    }
}

fn main() {
    let record = full_record();
    let options = Options {
        today: Date::parse_iso("2011-06-01"),
        date_order: kyc_check::validate::birth_date::DateOrder::Dmy,
        ..Options::default()
    };
    let report = validate_record(&record, &options);
    let invalid: Vec<&String> = report
        .fields
        .iter()
        .filter(|(_, f)| !f.valid)
        .map(|(name, _)| name)
        .collect();
    println!(
        "fields validated: {} (invalid: {:?}; the nationality/MRZ mismatch is expected: \
         the specimen is from Utopia)",
        report.fields.len(),
        invalid
    );
    for _ in 0..WARMUP {
        black_box(validate_record(black_box(&record), &options));
    }
    let mut nanos: Vec<u128> = Vec::with_capacity(ITERATIONS);
    for _ in 0..ITERATIONS {
        let start = Instant::now();
        black_box(validate_record(black_box(&record), &options));
        nanos.push(start.elapsed().as_nanos());
    }
    nanos.sort_unstable();
    let at = |q: f64| nanos[((nanos.len() - 1) as f64 * q) as usize] as f64 / 1000.0;
    println!(
        "validate_record, full record: median {:.2} µs, p90 {:.2} µs, min {:.2} µs ({ITERATIONS} iterations)",
        at(0.5),
        at(0.9),
        at(0.0)
    );
    per_field();
}
