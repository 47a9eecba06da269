//! The list folders of `../shared/watchlists` the benchmarks build their snapshot of every
//! list from (`benches/snapshot.rs`, `benches/native.rs`). Included with `#[path]`.

/// Every list directory in ../shared/watchlists (README sections 1-6). The sdn_aux set
/// (aliases and addresses without their primary file) is not a list on its own.
pub const LISTS: [&str; 8] = [
    "ofac/sdn_2024-05-03",
    "ofac/sdn_set_2021-07-07",
    "ofac/cons_csv_2025-12-19",
    "ofac/cons_xml_2025-03-28",
    "un",
    "uk/ofsi_conlist_2025-04-10",
    "uk/fcdo_uksl_summary_2025-08-11",
    "eu/fsf_whole_2016-02-11_excerpt",
];
