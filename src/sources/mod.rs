//! Parsers for the official sanctions list formats (native only).
