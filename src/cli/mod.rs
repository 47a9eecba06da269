//! Command-line dispatch. Each subcommand lives in its own module.

use std::ffi::OsString;

mod fetch;
mod screen;
mod snapshot;
mod validate;

const USAGE: &str = "\
kyc-check: on-device KYC validation and sanctions screening

USAGE:
    kyc-check <COMMAND> [ARGS]

COMMANDS:
    validate    Validate JSON Lines identity records from stdin
    screen      Screen JSON Lines name queries from stdin against a snapshot
    snapshot    Build, inspect, diff and fetch watchlist snapshots
    version     Print the version

Run `kyc-check <COMMAND> --help` for a command's options.
";

/// Runs the CLI and returns the process exit code.
pub fn main() -> i32 {
    let mut args: Vec<OsString> = std::env::args_os().skip(1).collect();
    if args.is_empty() {
        eprint!("{USAGE}");
        return 2;
    }
    let command = args.remove(0);
    match command.to_str() {
        Some("version") | Some("--version") | Some("-V") => {
            println!("kyc-check {}", kyc_check::VERSION);
            0
        }
        Some("validate") => validate::run(args),
        Some("screen") => screen::run(args),
        Some("snapshot") => snapshot::run(args),
        Some("help") | Some("--help") | Some("-h") => {
            print!("{USAGE}");
            0
        }
        Some(other) => {
            eprintln!("kyc-check: unknown command `{other}`\n\n{USAGE}");
            2
        }
        None => {
            eprintln!("kyc-check: command is not valid UTF-8\n\n{USAGE}");
            2
        }
    }
}
