//! `kyc-check validate`. STUB: the owning branch replaces this file.

use std::ffi::OsString;

/// Runs `kyc-check validate` with the arguments after the subcommand; returns the exit code.
pub fn run(args: Vec<OsString>) -> i32 {
    let _ = args;
    eprintln!("kyc-check validate: not implemented yet");
    2
}
