//! The watchlist snapshot: a versioned binary file with a SHA-256 integrity check and
//! per-source provenance, loaded by the screener.
