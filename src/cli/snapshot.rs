//! `kyc-check snapshot`. STUB: the owning branch replaces this file.

use std::ffi::OsString;

/// Runs `kyc-check snapshot` with the arguments after the subcommand; returns the exit code.
pub fn run(args: Vec<OsString>) -> i32 {
    let _ = args;
    eprintln!("kyc-check snapshot: not implemented yet");
    2
}
