//! Sanctions name screening: normalisation, candidate index, scoring and explanations.

pub mod index;
