//! Where the bytes of a snapshot go: raw and gzip -9 size of every section and of every
//! field stream of the entity records and every table of the index (each stream gzipped on
//! its own with the system `gzip -9`, the measure of scripts/size-report.sh).
//!
//! `cargo run --release --example snapshot_sizes -- FILE.kcs`
//!
//! Parses the file layout of `docs/SNAPSHOT_FORMAT.md` (format 2 and 3, index 4 and 5) by hand so that it measures the bytes as stored; a measuring tool, so it
//! unwraps.

use std::collections::BTreeMap;
use std::io::Write;
use std::process::{Command, Stdio};

use kyc_check::snapshot::Snapshot;

fn gzip9(bytes: &[u8]) -> usize {
    let mut child = Command::new("gzip")
        .arg("-9c")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("gzip runs");
    let mut stdin = child.stdin.take().expect("stdin");
    let data = bytes.to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&data).expect("writes"));
    let out = child.wait_with_output().expect("gzip output");
    writer.join().expect("writer");
    out.stdout.len()
}

struct Cur<'a> {
    b: &'a [u8],
    pos: usize,
}

impl<'a> Cur<'a> {
    fn take(&mut self, n: usize) -> &'a [u8] {
        let s = &self.b[self.pos..self.pos + n];
        self.pos += n;
        s
    }
    fn u8(&mut self) -> u8 {
        self.take(1)[0]
    }
    fn u32(&mut self) -> u32 {
        u32::from_le_bytes(self.take(4).try_into().expect("4 bytes"))
    }
    fn varint(&mut self) -> u64 {
        let mut v = 0u64;
        for i in 0.. {
            let b = self.u8();
            v |= u64::from(b & 0x7f) << (7 * i);
            if b < 0x80 {
                break;
            }
        }
        v
    }
}

/// Field streams: name → bytes, in first-seen order.
#[derive(Default)]
struct Streams<'a> {
    order: Vec<&'static str>,
    bytes: BTreeMap<&'static str, Vec<u8>>,
    /// Format 3: the text streams the strings' bytes come from (ids, names, values).
    texts: Vec<Cur<'a>>,
}

impl Streams<'_> {
    fn put(&mut self, name: &'static str, b: &[u8]) {
        if !self.bytes.contains_key(name) {
            self.order.push(name);
        }
        self.bytes.entry(name).or_default().extend_from_slice(b);
    }
    fn report(&self, title: &str) {
        let mut raw = 0;
        let mut gz = 0;
        println!("\n{title}: field streams (each gzipped alone)");
        println!("{:<28} {:>10} {:>10}", "stream", "raw", "gzip -9");
        for name in &self.order {
            let b = &self.bytes[name];
            let g = gzip9(b);
            raw += b.len();
            gz += g;
            println!("{name:<28} {:>10} {:>10}", b.len(), g);
        }
        println!("{:<28} {raw:>10} {gz:>10}", "sum");
    }
}

/// Copies a varint from `c` into stream `name` and returns it.
fn var(c: &mut Cur<'_>, s: &mut Streams, name: &'static str) -> u64 {
    let at = c.pos;
    let v = c.varint();
    s.put(name, &c.b[at..c.pos]);
    v
}

/// A `str`: its length varint into `len_name`, its bytes (from the text stream in format
/// 3, inline in format 2) into `name`.
fn string(c: &mut Cur<'_>, s: &mut Streams, len_name: &'static str, name: &'static str) {
    let n = var(c, s, len_name) as usize;
    let stream = match name {
        "id text" => 0,
        "name text" => 1,
        _ => 2,
    };
    let b = match s.texts.get_mut(stream) {
        Some(t) => t.take(n).to_vec(),
        None => c.take(n).to_vec(),
    };
    s.put(name, &b);
}

fn date(c: &mut Cur<'_>, s: &mut Streams) {
    let f = c.u8();
    s.put("birth_dates", &[f]);
    let n = 2 + usize::from(f & 1) + usize::from(f >> 1);
    let b = c.take(n);
    s.put("birth_dates", b);
}

/// One record in the format-2 layout (format 3 stores the same fields).
fn record(c: &mut Cur<'_>, head: u8, s: &mut Streams) {
    string(c, s, "id length", "id text");
    let names = var(c, s, "name count");
    for _ in 0..names {
        let f = c.u8();
        s.put("name flags", &[f]);
        string(c, s, "name length", "name text");
        if f & 16 != 0 {
            var(c, s, "name language ref");
        }
    }
    let n = var(c, s, "birth date count");
    for _ in 0..n {
        let tag = c.u8();
        s.put("birth_dates", &[tag]);
        date(c, s);
        if tag == 1 {
            date(c, s);
        }
    }
    for name in ["birth places", "nationalities", "address countries"] {
        let n = var(c, s, name);
        for _ in 0..n {
            var(c, s, name);
        }
    }
    let n = var(c, s, "identifier count");
    for _ in 0..n {
        let h = c.u8();
        s.put("identifier head", &[h]);
        var(c, s, "identifier label ref");
        string(c, s, "identifier value length", "identifier value text");
        if h & 16 != 0 {
            var(c, s, "identifier country/network");
        }
        if h & 32 != 0 {
            var(c, s, "identifier country/network");
        }
    }
    let n = var(c, s, "programs");
    for _ in 0..n {
        var(c, s, "programs");
    }
    if head & 32 != 0 {
        var(c, s, "listed_on ref");
    }
}

const INDEX_TABLES: [(&str, char); 33] = [
    ("text", 'b'),
    ("text_offs", 'u'),
    ("keys", 'b'),
    ("key_offs", 'u'),
    ("pats", 'b'),
    ("pat_offs", 'u'),
    ("tok_skel", 'u'),
    ("tok_meta", 'u'),
    ("tok_df", 'u'),
    ("skels", 'b'),
    ("skel_offs", 'u'),
    ("skel_post_offs", 'u'),
    ("skel_ids", 'u'),
    ("by_text", 'u'),
    ("by_key", 'u'),
    ("wild", 'u'),
    ("fuzzy_sorted", 'u'),
    ("fuzzy_lcp", 'b'),
    ("first_offs", 'u'),
    ("first_ids", 'u'),
    ("rarity_keys", 'b'),
    ("rarity_offs", 'u'),
    ("rarity_df", 'u'),
    ("name_offs", 'u'),
    ("name_toks", 'u'),
    ("name_entity", 'u'),
    ("name_pos", 'u'),
    ("name_weak", 'b'),
    ("ident_text", 'b'),
    ("ident_offs", 'u'),
    ("ident_crypto", 'b'),
    ("ident_entity", 'u'),
    ("ident_pos", 'u'),
];

/// Index tables in the order of the version byte's layout: (name, kind), kind `b` bytes,
/// `u` fixed-width u32 array, `v` varint stream (count u32, byte length u32, bytes).
fn index_layout(version: u8) -> Vec<(&'static str, char)> {
    match version {
        4 => INDEX_TABLES.to_vec(),
        // Version 6: the skeleton postings are derived from `tok_skel` and the pattern
        // tokens' expansions; the identifier tables from the entities' identifiers.
        6 => index_layout(5)
            .into_iter()
            .flat_map(|t| match t.0 {
                "skel_post_offs" => vec![("exp_offs", 'u'), ("exp_skels", 'u')],
                "skel_ids (steps)" => vec![],
                n if n.starts_with("ident") => vec![],
                _ => vec![t],
            })
            .collect(),
        // Version 5: `by_text` and `fuzzy_lcp` are derived; string tables are
        // front-coded (`f`: shared prefix lengths, rest lengths, rests).
        _ => vec![
            ("text (front-coded)", 'f'),
            ("keys (plain)", 'f'),
            ("pats", 'b'),
            ("pat_offs", 'u'),
            ("tok_skel", 'u'),
            ("tok_meta", 'u'),
            ("tok_df", 'u'),
            ("skels (front-coded)", 'f'),
            ("skel_post_offs", 'u'),
            ("skel_ids (steps)", 'u'),
            ("by_key", 'u'),
            ("wild", 'u'),
            ("fuzzy_sorted (steps)", 'u'),
            ("first_offs", 'u'),
            ("first_ids (steps)", 'u'),
            ("rarity_keys (front-coded)", 'f'),
            ("rarity_df", 'u'),
            ("name_offs", 'u'),
            ("name_toks", 'u'),
            ("name_entity (steps)", 'u'),
            ("name_pos", 'u'),
            ("name_weak", 'b'),
            ("ident_text (front-coded)", 'f'),
            ("ident_crypto", 'b'),
            ("ident_entity", 'u'),
            ("ident_pos", 'u'),
        ],
    }
}

fn index_report(index: &[u8]) {
    let mut c = Cur { b: index, pos: 0 };
    c.take(4);
    let version = c.u8();
    println!("\nindex (version {version}): tables (each gzipped alone)");
    println!(
        "{:<26} {:>8} {:>6} {:>10} {:>10}",
        "table", "count", "width", "raw", "gzip -9"
    );
    let (mut raw, mut gz) = (0, 0);
    for (name, kind) in index_layout(version) {
        let start = c.pos;
        // Version 5 string tables: a mode byte, 0 plain (bytes, then lengths), 1
        // front-coded.
        let (name, kind) = match kind {
            'f' if c.u8() == 0 => (name, 'p'),
            other => (name, other),
        };
        let n = c.u32() as usize;
        let width = match kind {
            'b' => {
                c.take(n);
                1
            }
            'p' => {
                // bytes (count read above), then the lengths as a u32 array.
                c.take(n);
                let m = c.u32() as usize;
                let w = (c.u8() & 0x7f) as usize;
                c.take(m * w);
                0
            }
            'f' => {
                // shared u32s (count read above), rest lengths u32s, rests bytes.
                for k in 0..2 {
                    if k == 1 {
                        c.u32();
                    }
                    let w = (c.u8() & 0x7f) as usize;
                    c.take(n * w);
                }
                let len = c.u32() as usize;
                c.take(len);
                0
            }
            'u' => {
                let w = (c.u8() & 0x7f) as usize;
                c.take(n * w);
                w
            }
            _ => {
                let len = c.u32() as usize;
                c.take(len);
                0
            }
        };
        let b = &index[start..c.pos];
        let g = gzip9(b);
        raw += b.len();
        gz += g;
        println!("{name:<26} {n:>8} {width:>6} {:>10} {g:>10}", b.len());
    }
    println!("{:<26} {:>8} {:>6} {raw:>10} {gz:>10}", "sum", "", "");
    assert_eq!(c.pos, index.len(), "index tables end at the section end");
}

fn main() {
    let path = std::env::args()
        .nth(1)
        .expect("usage: snapshot_sizes FILE.kcs");
    let bytes = std::fs::read(&path).expect("reads the snapshot");
    let snap = Snapshot::from_bytes(&bytes).expect("snapshot loads");
    let version = u16::from_le_bytes([bytes[8], bytes[9]]);
    println!(
        "{path}: format {version}, {} bytes raw, {} gzip -9; {} entities",
        bytes.len(),
        gzip9(&bytes),
        snap.entities.len()
    );
    let mut c = Cur { b: &bytes, pos: 46 };
    let mut sections = Vec::new();
    println!("\n{:<10} {:>10} {:>10}", "section", "raw", "gzip -9");
    while c.pos < bytes.len() {
        let tag = c.u8();
        let len = c.u32() as usize;
        let body = c.take(len);
        let name = ["?", "header", "strings", "entities", "remarks", "index"][usize::from(tag)];
        println!("{name:<10} {len:>10} {:>10}", gzip9(body));
        sections.push(body);
    }

    // Entities: count, heads, then (format 2) ends + records or (format 3) records only.
    let ent = sections[2];
    let mut c = Cur { b: ent, pos: 0 };
    let count = c.u32() as usize;
    let heads = c.take(count);
    let mut s = Streams::default();
    s.put("heads", heads);
    if version == 2 {
        let ends = c.take(4 * count);
        s.put("ends (u32)", ends);
    } else {
        let fields_len = c.u32() as usize;
        let ids_len = c.u32() as usize;
        let names_len = c.u32() as usize;
        let fields_at = c.pos;
        let texts_at = fields_at + fields_len;
        let fields = &ent[fields_at..texts_at];
        let ids = &ent[texts_at..texts_at + ids_len];
        let names = &ent[texts_at + ids_len..texts_at + ids_len + names_len];
        let values = &ent[texts_at + ids_len + names_len..];
        println!("\nentities (format 3): streams as stored");
        for (name, b) in [
            ("fields", fields),
            ("ids", ids),
            ("names", names),
            ("values", values),
        ] {
            println!("{name:<10} {:>10} {:>10}", b.len(), gzip9(b));
        }
        s.texts = [ids, names, values].map(|b| Cur { b, pos: 0 }).into();
        c = Cur {
            b: &ent[..texts_at],
            pos: fields_at,
        };
    }
    for &h in heads {
        record(&mut c, h, &mut s);
    }
    assert_eq!(c.pos, c.b.len(), "records end at the fields end");
    s.report("entities");
    let remarks = sections[3];
    println!(
        "\nremarks: {} bytes stored (raw_len {})",
        remarks.len(),
        u32::from_le_bytes(remarks[..4].try_into().expect("4 bytes"))
    );
    index_report(sections[4]);
}
