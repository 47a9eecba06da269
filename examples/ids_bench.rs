//! Rough per-call timing of the identifier validators (native, release):
//! `cargo run --release --example ids_bench`.

use std::hint::black_box;
use std::time::Instant;

fn main() {
    let cases = [
        ("iban", "DE89 3704 0044 0532 0130 00"),
        ("national_id:BR", "12.ABC.345/01DE-35"),
        ("it_cf", "RSSMRA85T10A562S"),
        ("crypto", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"),
        (
            "crypto",
            "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0",
        ),
        ("crypto", "TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA"),
    ];
    let calls = 200_000u32;
    for (format, input) in cases {
        let start = Instant::now();
        for _ in 0..calls {
            black_box(kyc_check::validate::validate_format(
                format,
                black_box(input),
            ));
        }
        let micros = start.elapsed().as_secs_f64() * 1e6 / f64::from(calls);
        println!("{format:16} {micros:>8.2} µs/call  {input}");
    }
}
