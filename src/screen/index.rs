//! The candidate-generation index stored in the snapshot.
//!
//! STUB written by the integrator to fix the interface between `snapshot` and `screen`;
//! the screening branch replaces the body.

use crate::model::Entity;

/// Precomputed normalised names and candidate keys for a set of entities.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NameIndex {}

/// Why an encoded index could not be decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexDecodeError(pub String);

impl NameIndex {
    /// Builds the index for `entities` (the same normalisation runs at query time).
    pub fn build(entities: &[Entity]) -> NameIndex {
        let _ = entities;
        NameIndex {}
    }

    /// Appends the encoded index to `out`.
    pub fn encode(&self, out: &mut Vec<u8>) {
        let _ = out;
    }

    /// Decodes an index produced by [`NameIndex::encode`].
    pub fn decode(bytes: &[u8]) -> Result<NameIndex, IndexDecodeError> {
        let _ = bytes;
        Ok(NameIndex {})
    }
}
