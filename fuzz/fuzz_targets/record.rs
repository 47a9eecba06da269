//! libFuzzer target `record`: the checks live in `fuzz/src/harness.rs` (shared with
//! `tests/fuzz_regressions.rs`, which replays every committed crash input).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| kyc_check_fuzz::harness::record(data));
