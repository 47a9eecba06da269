//! `kyc-check snapshot`: build, inspect and compare watchlist snapshots.
//!
//! - `build --out FILE [--label L] [--built-at T] [--remarks M] [--remarks-out FILE]
//!   INPUT...`: parse official list files or directories, write a verified `.kcs` snapshot
//!   (and, with `--remarks external`, its `.kcr` remarks file), print a per-source summary.
//! - `info FILE`: verify a snapshot and print its header and counts as JSON.
//! - `diff OLD NEW`: entities added, removed and changed per list, as JSON.
//! - `fetch ...`: download the official files (`super::fetch`, sources branch).
//!
//! Exit codes: 0 success, 1 failure (unreadable input, refused snapshot), 2 usage error.

use kyc_check::snapshot::builder::{build_from_sources_with_remarks, BuildOutcome};
use kyc_check::snapshot::remarks::REMARKS_EXCERPT_CHARS;
use kyc_check::snapshot::{diff, RemarksMode, Snapshot};
use std::ffi::OsString;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::{Instant, SystemTime, UNIX_EPOCH};

const USAGE: &str = "\
kyc-check snapshot: build, inspect and compare watchlist snapshots

USAGE:
    kyc-check snapshot build --out FILE [--label LABEL] [--built-at TIME]
                             [--remarks full|excerpt|none|external] [--remarks-out FILE]
                             [--skip-unreadable] INPUT...
    kyc-check snapshot info FILE
    kyc-check snapshot diff OLD NEW
    kyc-check snapshot fetch --help

build    Parse official list files (or directories of them) into one snapshot.
         --out FILE        where to write the .kcs file (required)
         --label LABEL     free label stored in the header (default: custom)
         --built-at TIME   build time, YYYY-MM-DDTHH:MM:SSZ; default SOURCE_DATE_EPOCH
                           (seconds since 1970) if set, else now. Fix it for
                           reproducible builds: same inputs + same time = same bytes.
         --remarks MODE    what to keep of each entity's free-text remarks (never used
                           to screen, shown to analysts): full (default), excerpt (the
                           first 200 characters cut at a word, marked by a final …),
                           none, or external: all of them in a separate remarks file
                           (.kcr) that the snapshot pins by SHA-256 and length, for
                           pages that screen without downloading them. Recorded in the
                           header (`snapshot info`: remarks, remarks_companion).
         --remarks-out FILE
                           with --remarks external: where to write the remarks file
                           (default: the --out path with the extension .kcr)
         --skip-unreadable read each directory on its own and skip (with a warning)
                           those that hold no readable list, e.g. notes or a partial
                           OFAC set; without it any unreadable file is an error.
         Progress goes to stderr, the summary table to stdout.
info     Verify FILE (magic, version, length, SHA-256, content) and print its header,
         counts, SHA-256, size and section sizes as JSON.
diff     Print the entities added, removed and changed (with the parts that changed)
         between two snapshots, per source list, as JSON. A snapshot with external
         remarks is compared with the remarks file next to it (FILE with .kcr).
fetch    Download the official list files (see `kyc-check snapshot fetch --help`).
";

/// Runs `kyc-check snapshot` with the arguments after the subcommand; returns the exit code.
pub fn run(mut args: Vec<OsString>) -> i32 {
    if args.is_empty() {
        eprint!("{USAGE}");
        return 2;
    }
    let command = args.remove(0);
    let result = match command.to_str() {
        Some("build") => run_build(args),
        Some("info") => run_info(args),
        Some("diff") => run_diff(args),
        // Written by the sources engineer: downloads the official files.
        Some("fetch") => return super::fetch::run_fetch(args),
        Some("help") | Some("--help") | Some("-h") => {
            print!("{USAGE}");
            return 0;
        }
        Some(other) => Err(CliError::Usage(format!("unknown subcommand `{other}`"))),
        None => Err(CliError::Usage("subcommand is not valid UTF-8".to_string())),
    };
    match result {
        Ok(()) => 0,
        Err(CliError::Usage(msg)) => {
            eprintln!("kyc-check snapshot: {msg}\n\n{USAGE}");
            2
        }
        Err(CliError::Failed(msg)) => {
            eprintln!("kyc-check snapshot: {msg}");
            1
        }
    }
}

enum CliError {
    /// Bad arguments: exit 2 with the usage text.
    Usage(String),
    /// The command ran and failed: exit 1.
    Failed(String),
}

impl From<lexopt::Error> for CliError {
    fn from(e: lexopt::Error) -> CliError {
        CliError::Usage(e.to_string())
    }
}

// ---------------------------------------------------------------------------------------
// build
// ---------------------------------------------------------------------------------------

fn run_build(args: Vec<OsString>) -> Result<(), CliError> {
    use lexopt::prelude::*;
    let mut parser = lexopt::Parser::from_args(args);
    let mut out: Option<PathBuf> = None;
    let mut label = "custom".to_string();
    let mut built_at: Option<String> = None;
    let mut inputs: Vec<PathBuf> = Vec::new();
    let mut skip_unreadable = false;
    let mut remarks = RemarksMode::Full;
    let mut remarks_out: Option<PathBuf> = None;
    while let Some(arg) = parser.next()? {
        match arg {
            Long("out") | Short('o') => out = Some(parser.value()?.into()),
            Long("skip-unreadable") => skip_unreadable = true,
            Long("label") => label = parser.value()?.string()?,
            Long("built-at") => built_at = Some(parser.value()?.string()?),
            Long("remarks") => {
                let v = parser.value()?.string()?;
                remarks = RemarksMode::from_name(&v).ok_or_else(|| {
                    CliError::Usage(format!(
                        "--remarks takes full, excerpt, none or external, not {v:?}"
                    ))
                })?;
            }
            Long("remarks-out") => remarks_out = Some(parser.value()?.into()),
            Long("help") | Short('h') => {
                print!("{USAGE}");
                return Ok(());
            }
            Value(v) => inputs.push(v.into()),
            other => return Err(other.unexpected().into()),
        }
    }
    let out = out.ok_or_else(|| CliError::Usage("build needs --out FILE".to_string()))?;
    let remarks_out = match (remarks, remarks_out) {
        (RemarksMode::External, path) => {
            let path = path.unwrap_or_else(|| default_remarks_path(&out));
            if path == out {
                return Err(CliError::Usage(format!(
                    "the remarks file {} would overwrite the snapshot",
                    path.display()
                )));
            }
            Some(path)
        }
        (_, Some(_)) => {
            return Err(CliError::Usage(
                "--remarks-out needs --remarks external".to_string(),
            ))
        }
        (_, None) => None,
    };
    if inputs.is_empty() {
        return Err(CliError::Usage(
            "build needs at least one INPUT file or directory".to_string(),
        ));
    }
    let built_at = resolve_built_at(built_at)?;

    let mut progress = Progress::new(4);
    let parsed = if skip_unreadable {
        read_lenient(&inputs, &mut progress)?
    } else {
        progress.start(&format!("reading {} input(s)", inputs.len()));
        kyc_check::sources::load_paths(&inputs)
            .map_err(|e| CliError::Failed(format!("cannot read the lists: {e}")))?
    };
    let parsed_entities: usize = parsed.iter().map(|p| p.entities.len()).sum();
    progress.done(&format!(
        "{} source(s), {} entities",
        parsed.len(),
        thousands(parsed_entities as u64)
    ));

    report_parser_warnings(&parsed, &mut progress);
    warn_repeated_lists(&parsed);
    progress.start("merging, indexing names, encoding");
    let BuildOutcome {
        snapshot,
        bytes,
        remarks_file,
        sources,
    } = build_from_sources_with_remarks(parsed, &built_at, &label, remarks);
    progress.done(&format!(
        "{} entities, {} bytes",
        thousands(snapshot.entities.len() as u64),
        thousands(bytes.len() as u64)
    ));

    progress.start("verifying the encoded snapshot");
    let reloaded = Snapshot::from_bytes(&bytes)
        .map_err(|e| CliError::Failed(format!("the built snapshot does not load back: {e}")))?;
    if let Some(file) = &remarks_file {
        reloaded.attach_remarks(file).map_err(|e| {
            CliError::Failed(format!("the built remarks file does not attach back: {e}"))
        })?;
    }
    if reloaded.entities != snapshot.entities || reloaded.header != snapshot.header {
        return Err(CliError::Failed(
            "the built snapshot decodes to different content".to_string(),
        ));
    }
    progress.done("loads back identical");

    progress.start(&format!("writing {}", out.display()));
    // The remarks file first: a snapshot on disk never pins a file that is not there yet.
    if let (Some(path), Some(file)) = (&remarks_out, &remarks_file) {
        write_atomically(path, file)?;
    }
    write_atomically(&out, &bytes)?;
    progress.done("done");

    print_build_summary(&sources, &snapshot, &out, bytes.len() as u64);
    if let Some(path) = &remarks_out {
        let size = remarks_file.as_ref().map_or(0, |f| f.len() as u64);
        println!(
            "remarks file: {} ({} bytes, {})",
            path.display(),
            thousands(size),
            human_size(size)
        );
    }
    Ok(())
}

/// Where the remarks file of a snapshot with external remarks is by default: the
/// snapshot's path with the extension `.kcr`.
fn default_remarks_path(snapshot: &Path) -> PathBuf {
    snapshot.with_extension("kcr")
}

/// `--skip-unreadable`: each input file, and the files directly inside each directory
/// (recursively, one group per directory, so OFAC CSV sets stay together), is read on its
/// own; a group that fails is reported and skipped. Files skipped inside directories are
/// the ones `load_paths` skips: hidden, `*.md`, `*.txt`, `*.kcs`.
fn read_lenient(
    inputs: &[PathBuf],
    progress: &mut Progress,
) -> Result<Vec<kyc_check::sources::ParsedSource>, CliError> {
    let mut groups: Vec<(String, Vec<PathBuf>)> = Vec::new();
    for input in inputs {
        if input.is_dir() {
            directory_groups(input, &mut groups)
                .map_err(|e| CliError::Failed(format!("cannot list {}: {e}", input.display())))?;
        } else {
            groups.push((input.display().to_string(), vec![input.clone()]));
        }
    }
    progress.start(&format!("reading {} group(s) of files", groups.len()));
    let mut parsed = Vec::new();
    let mut skipped = 0usize;
    for (label, files) in &groups {
        match kyc_check::sources::load_paths(files) {
            Ok(mut sources) => parsed.append(&mut sources),
            Err(e) => {
                skipped += 1;
                progress.note(&format!("skipped {label}: {e}"));
            }
        }
    }
    if skipped > 0 {
        progress.note(&format!(
            "warning: {skipped} of {} group(s) skipped as unreadable",
            groups.len()
        ));
    }
    Ok(parsed)
}

fn directory_groups(dir: &Path, groups: &mut Vec<(String, Vec<PathBuf>)>) -> std::io::Result<()> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    let mut files = Vec::new();
    for path in entries {
        if path.is_dir() {
            directory_groups(&path, groups)?;
        } else if !is_skipped_in_directory(&path) {
            files.push(path);
        }
    }
    if !files.is_empty() {
        groups.push((dir.display().to_string(), files));
    }
    Ok(())
}

fn is_skipped_in_directory(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    name.starts_with('.')
        || [".md", ".txt", ".kcs", ".kcr", ".tmp"]
            .iter()
            .any(|ext| name.ends_with(ext))
}

/// Prints the records the parsers skipped (at most 20 lines, then a count).
fn report_parser_warnings(parsed: &[kyc_check::sources::ParsedSource], progress: &mut Progress) {
    const SHOWN: usize = 20;
    let warnings: Vec<&String> = parsed.iter().flat_map(|p| &p.warnings).collect();
    for w in warnings.iter().take(SHOWN) {
        progress.note(&format!("warning: {w}"));
    }
    if warnings.len() > SHOWN {
        progress.note(&format!(
            "warning: ... and {} more skipped records",
            warnings.len() - SHOWN
        ));
    }
}

/// Two inputs of the same list (e.g. two SDN downloads) are merged with the newest
/// publication winning each duplicated id; say so, since it is usually a mistake.
fn warn_repeated_lists(parsed: &[kyc_check::sources::ParsedSource]) {
    for list in kyc_check::model::SourceList::ALL {
        let inputs: Vec<String> = parsed
            .iter()
            .filter(|p| p.info.source == list)
            .map(|p| p.info.files.join("+"))
            .collect();
        if inputs.len() > 1 {
            eprintln!(
                "warning: {} is given by {} inputs ({}); an id present in several is taken \
                 from the most recently published (unknown dates last, then by file name)",
                list.code(),
                inputs.len(),
                inputs.join(", ")
            );
        }
    }
}

/// `--built-at`, else `SOURCE_DATE_EPOCH`, else the clock; always `YYYY-MM-DDTHH:MM:SSZ`.
fn resolve_built_at(flag: Option<String>) -> Result<String, CliError> {
    if let Some(t) = flag {
        return if is_iso_utc(&t) {
            Ok(t)
        } else {
            Err(CliError::Usage(format!(
                "--built-at `{t}` is not YYYY-MM-DDTHH:MM:SSZ"
            )))
        };
    }
    if let Ok(epoch) = std::env::var("SOURCE_DATE_EPOCH") {
        let seconds: u64 = epoch.trim().parse().map_err(|_| {
            CliError::Usage(format!(
                "SOURCE_DATE_EPOCH `{epoch}` is not a number of seconds"
            ))
        })?;
        return Ok(iso_utc(seconds));
    }
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    Ok(iso_utc(now))
}

/// True for `YYYY-MM-DDTHH:MM:SSZ` with plausible field ranges.
fn is_iso_utc(t: &str) -> bool {
    let b = t.as_bytes();
    if b.len() != 20 {
        return false;
    }
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        let s = t.get(r)?;
        if s.bytes().all(|c| c.is_ascii_digit()) {
            s.parse().ok()
        } else {
            None
        }
    };
    let seps = b[4] == b'-' && b[7] == b'-' && b[10] == b'T' && b[13] == b':' && b[16] == b':';
    let ok = |v: Option<u32>, lo: u32, hi: u32| v.is_some_and(|v| (lo..=hi).contains(&v));
    seps && b[19] == b'Z'
        && ok(digits(0..4), 1970, 9999)
        && ok(digits(5..7), 1, 12)
        && ok(digits(8..10), 1, 31)
        && ok(digits(11..13), 0, 23)
        && ok(digits(14..16), 0, 59)
        && ok(digits(17..19), 0, 60)
}

/// Seconds since 1970 as `YYYY-MM-DDTHH:MM:SSZ` (proleptic Gregorian, UTC).
fn iso_utc(seconds: u64) -> String {
    let days = (seconds / 86_400) as i64;
    let secs = seconds % 86_400;
    // Days to civil date (H. Hinnant's algorithm), valid for all dates after 1970.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        secs / 3600,
        secs / 60 % 60,
        secs % 60
    )
}

/// Writes to `FILE.tmp` and renames, so a failed build never leaves a half-written file
/// under the real name.
fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), CliError> {
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".tmp");
    let tmp = PathBuf::from(tmp);
    let fail =
        |e: std::io::Error| CliError::Failed(format!("cannot write {}: {e}", path.display()));
    std::fs::write(&tmp, bytes).map_err(fail)?;
    std::fs::rename(&tmp, path).map_err(fail)
}

fn print_build_summary(
    sources: &[kyc_check::snapshot::builder::SourceOutcome],
    snapshot: &Snapshot,
    out: &Path,
    size: u64,
) {
    let mut rows: Vec<[String; 7]> = vec![[
        "source".into(),
        "format".into(),
        "published".into(),
        "entities".into(),
        "names".into(),
        "dup ids".into(),
        "files".into(),
    ]];
    let mut total_names = 0u64;
    for s in sources {
        total_names += u64::from(s.info.name_count);
        rows.push([
            s.info.source.code().to_string(),
            s.info.format.clone(),
            s.info
                .published
                .clone()
                .unwrap_or_else(|| "unknown".to_string()),
            thousands(u64::from(s.info.entity_count)),
            thousands(u64::from(s.info.name_count)),
            thousands(u64::from(s.duplicates_dropped)),
            s.info.files.join(", "),
        ]);
    }
    rows.push([
        "total".into(),
        String::new(),
        String::new(),
        thousands(snapshot.entities.len() as u64),
        thousands(total_names),
        thousands(
            sources
                .iter()
                .map(|s| u64::from(s.duplicates_dropped))
                .sum(),
        ),
        String::new(),
    ]);
    let mut widths = [0usize; 7];
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let stdout = std::io::stdout();
    let mut o = stdout.lock();
    for row in &rows {
        let mut line = String::new();
        for (i, (cell, w)) in row.iter().zip(widths).enumerate() {
            // Numbers right-aligned, text left-aligned; the last column is not padded.
            if (3..=5).contains(&i) {
                line.push_str(&format!("{cell:>w$}  "));
            } else if i == 6 {
                line.push_str(cell);
            } else {
                line.push_str(&format!("{cell:<w$}  "));
            }
        }
        let _ = writeln!(o, "{}", line.trim_end());
    }
    let _ = writeln!(o);
    let _ = writeln!(
        o,
        "output:   {} ({} bytes, {})",
        out.display(),
        thousands(size),
        human_size(size)
    );
    let _ = writeln!(o, "sha256:   {}", snapshot.header.sha256);
    let _ = writeln!(o, "built_at: {}", snapshot.header.built_at);
    let _ = writeln!(o, "label:    {}", snapshot.header.label);
    let _ = writeln!(o, "format:   version {}", snapshot.header.format_version);
    let _ = match snapshot.header.remarks {
        RemarksMode::Excerpt => writeln!(
            o,
            "remarks:  excerpt (first {REMARKS_EXCERPT_CHARS} characters of each)"
        ),
        RemarksMode::External => writeln!(
            o,
            "remarks:  external, remarks file sha256 {}",
            snapshot
                .header
                .remarks_companion
                .as_ref()
                .map_or("?", |c| c.sha256.as_str())
        ),
        mode => writeln!(o, "remarks:  {}", mode.name()),
    };
}

/// `1234567` → `1,234,567`.
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn human_size(bytes: u64) -> String {
    if bytes >= 1 << 20 {
        format!("{:.1} MiB", bytes as f64 / f64::from(1u32 << 20))
    } else if bytes >= 1 << 10 {
        format!("{:.1} KiB", bytes as f64 / 1024.0)
    } else {
        format!("{bytes} B")
    }
}

/// A step counter with a small bar on stderr: one line per step, rewritten in place on a
/// terminal, appended otherwise (logs stay readable).
struct Progress {
    steps: usize,
    current: usize,
    label: String,
    started: Instant,
    tty: bool,
}

impl Progress {
    fn new(steps: usize) -> Progress {
        Progress {
            steps,
            current: 0,
            label: String::new(),
            started: Instant::now(),
            tty: std::io::stderr().is_terminal(),
        }
    }

    fn bar(&self, filled_steps: usize) -> String {
        const WIDTH: usize = 20;
        let filled = filled_steps * WIDTH / self.steps.max(1);
        format!(
            "[{}{}] {}/{}",
            "#".repeat(filled),
            "-".repeat(WIDTH - filled),
            self.current,
            self.steps
        )
    }

    fn start(&mut self, label: &str) {
        self.current += 1;
        self.label = label.to_string();
        self.started = Instant::now();
        let line = format!("{} {label} ...", self.bar(self.current - 1));
        if self.tty {
            eprint!("\r\x1b[2K{line}");
        } else {
            eprintln!("{line}");
        }
        let _ = std::io::stderr().flush();
    }

    /// A message between progress lines (warnings), not overwritten on a terminal.
    fn note(&mut self, message: &str) {
        if self.tty {
            eprintln!("\r\x1b[2K{message}");
            eprint!("{} {} ...", self.bar(self.current - 1), self.label);
        } else {
            eprintln!("{message}");
        }
    }

    fn done(&mut self, detail: &str) {
        let secs = self.started.elapsed().as_secs_f64();
        let line = format!(
            "{} {}: {detail} ({secs:.2} s)",
            self.bar(self.current),
            self.label
        );
        if self.tty {
            eprintln!("\r\x1b[2K{line}");
        } else {
            eprintln!("{line}");
        }
    }
}

// ---------------------------------------------------------------------------------------
// info, diff
// ---------------------------------------------------------------------------------------

/// Reads and fully verifies a snapshot file, naming it in the error; a snapshot with
/// external remarks gets its remarks file (the path with `.kcr`) attached and verified.
fn load(path: &Path) -> Result<(Snapshot, u64), CliError> {
    let bytes = std::fs::read(path)
        .map_err(|e| CliError::Failed(format!("cannot read {}: {e}", path.display())))?;
    let snapshot = Snapshot::from_bytes(&bytes)
        .map_err(|e| CliError::Failed(format!("{}: refused: {e}", path.display())))?;
    if snapshot.header.remarks == RemarksMode::External {
        let remarks = default_remarks_path(path);
        let file = std::fs::read(&remarks).map_err(|e| {
            CliError::Failed(format!(
                "{} keeps its remarks in {}, which cannot be read: {e}",
                path.display(),
                remarks.display()
            ))
        })?;
        snapshot
            .attach_remarks(&file)
            .map_err(|e| CliError::Failed(format!("{}: refused: {e}", remarks.display())))?;
    }
    Ok((snapshot, bytes.len() as u64))
}

fn positional(args: Vec<OsString>, names: &[&str]) -> Result<Vec<PathBuf>, CliError> {
    use lexopt::prelude::*;
    let mut parser = lexopt::Parser::from_args(args);
    let mut values = Vec::new();
    while let Some(arg) = parser.next()? {
        match arg {
            Value(v) => values.push(PathBuf::from(v)),
            other => return Err(other.unexpected().into()),
        }
    }
    if values.len() != names.len() {
        return Err(CliError::Usage(format!(
            "expected {} argument(s): {}",
            names.len(),
            names.join(" ")
        )));
    }
    Ok(values)
}

fn print_json<T: serde::Serialize>(value: &T) -> Result<(), CliError> {
    let json = serde_json::to_string_pretty(value)
        .map_err(|e| CliError::Failed(format!("cannot encode JSON: {e}")))?;
    println!("{json}");
    Ok(())
}

/// `snapshot info` output: the summary plus where the bytes go.
#[derive(serde::Serialize)]
struct InfoOutput {
    #[serde(flatten)]
    info: kyc_check::snapshot::SnapshotInfo,
    /// Body size of each section, in file order.
    section_bytes: std::collections::BTreeMap<&'static str, usize>,
}

fn run_info(args: Vec<OsString>) -> Result<(), CliError> {
    let paths = positional(args, &["FILE"])?;
    let path = &paths[0];
    let bytes = std::fs::read(path)
        .map_err(|e| CliError::Failed(format!("cannot read {}: {e}", path.display())))?;
    let refused = |e: kyc_check::snapshot::SnapshotError| {
        CliError::Failed(format!("{}: refused: {e}", path.display()))
    };
    let snapshot = Snapshot::from_bytes(&bytes).map_err(refused)?;
    let section_bytes = kyc_check::snapshot::format::section_sizes(&bytes)
        .map_err(refused)?
        .into_iter()
        .collect();
    print_json(&InfoOutput {
        info: snapshot.info(Some(bytes.len() as u64)),
        section_bytes,
    })
}

fn run_diff(args: Vec<OsString>) -> Result<(), CliError> {
    let paths = positional(args, &["OLD", "NEW"])?;
    let (old, _) = load(&paths[0])?;
    let (new, _) = load(&paths[1])?;
    let d = diff::diff(&old, &new)
        .map_err(|e| CliError::Failed(format!("cannot compare the snapshots: {e}")))?;
    print_json(&d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch_seconds_format_as_iso_utc() {
        assert_eq!(iso_utc(0), "1970-01-01T00:00:00Z");
        assert_eq!(iso_utc(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(iso_utc(1_700_000_000), "2023-11-14T22:13:20Z");
        assert_eq!(iso_utc(4_102_444_799), "2099-12-31T23:59:59Z");
    }

    #[test]
    fn built_at_must_be_iso_utc() {
        assert!(is_iso_utc("2025-06-01T00:00:00Z"));
        assert!(!is_iso_utc("2025-06-01"));
        assert!(!is_iso_utc("2025-13-01T00:00:00Z"));
        assert!(!is_iso_utc("2025-06-01T00:00:00+01"));
        assert!(!is_iso_utc("2025-06-01 00:00:00Z"));
        assert!(!is_iso_utc("２025-06-01T00:00:0Z"));
    }

    #[test]
    fn thousands_separators() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }
}
