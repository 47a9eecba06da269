//! `kyc-check snapshot`. STUB: the owning branch replaces this file.

use std::ffi::OsString;

/// Runs `kyc-check snapshot` with the arguments after the subcommand; returns the exit code.
pub fn run(args: Vec<OsString>) -> i32 {
    if args.first().and_then(|a| a.to_str()) == Some("fetch") {
        return super::fetch::run_fetch(args[1..].to_vec());
    }
    eprintln!("kyc-check snapshot: not implemented yet");
    2
}
