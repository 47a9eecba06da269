//! The fuzz targets' checks, as a library so each `fuzz_targets/*.rs` is one line and the
//! main crate's `tests/fuzz_regressions.rs` can replay crash inputs through the same code.

pub mod harness;
