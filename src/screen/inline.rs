//! Short byte strings kept inline: the phonetic key and skeleton of a prepared token.
//!
//! A prepared vocabulary token is read by every lookup that finds it, in no particular
//! order, so each separate heap block it points to is one more cache miss per read; almost
//! every key fits in [`INLINE_CAPACITY`] bytes, so it lives in the token's own block.
//! Longer ones keep their bytes on the heap.
//!
//! Natively this saves about 5 % of the last-level cache misses of screening (cachegrind,
//! 1 MB last level). The wasm keeps plain vectors ([`TokenBytes`]): the inline form costs
//! it 1.1 KB of gzipped code against its 300 KB budget, and its speed targets are met.

use std::fmt;
use std::ops::Deref;

/// The bytes of a prepared token's key and skeleton: inline natively, a vector in the wasm
/// (see the module documentation).
#[cfg(not(target_arch = "wasm32"))]
pub type TokenBytes = InlineBytes;
/// The bytes of a prepared token's key and skeleton: inline natively, a vector in the wasm
/// (see the module documentation).
#[cfg(target_arch = "wasm32")]
pub type TokenBytes = Vec<u8>;

/// Bytes held inline (the rest go to the heap): 22 plus a tag and a length make 24, the
/// size of a `Vec`.
pub const INLINE_CAPACITY: usize = 22;

/// An immutable byte string, inline up to [`INLINE_CAPACITY`] bytes.
#[derive(Clone)]
pub struct InlineBytes(Repr);

/// Where the bytes of an [`InlineBytes`] are.
#[derive(Clone)]
enum Repr {
    /// The first `len` of `bytes` (zero past `len`).
    Inline {
        len: u8,
        bytes: [u8; INLINE_CAPACITY],
    },
    /// Longer strings.
    Heap(Box<[u8]>),
}

impl InlineBytes {
    /// A copy of `bytes`.
    pub fn new(bytes: &[u8]) -> InlineBytes {
        match u8::try_from(bytes.len()) {
            Ok(len) if bytes.len() <= INLINE_CAPACITY => {
                let mut inline = [0u8; INLINE_CAPACITY];
                if let Some(head) = inline.get_mut(..bytes.len()) {
                    head.copy_from_slice(bytes);
                }
                InlineBytes(Repr::Inline { len, bytes: inline })
            }
            _ => InlineBytes(Repr::Heap(bytes.into())),
        }
    }

    /// The bytes.
    pub fn as_slice(&self) -> &[u8] {
        match &self.0 {
            Repr::Inline { len, bytes } => bytes.get(..usize::from(*len)).unwrap_or(&[]),
            Repr::Heap(b) => b,
        }
    }

    /// Whether the bytes are held inline (not on the heap).
    pub fn is_inline(&self) -> bool {
        matches!(self.0, Repr::Inline { .. })
    }
}

impl Default for InlineBytes {
    fn default() -> InlineBytes {
        InlineBytes::new(&[])
    }
}

impl Deref for InlineBytes {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        self.as_slice()
    }
}

impl From<Vec<u8>> for InlineBytes {
    fn from(v: Vec<u8>) -> InlineBytes {
        if v.len() <= INLINE_CAPACITY {
            InlineBytes::new(&v)
        } else {
            InlineBytes(Repr::Heap(v.into_boxed_slice()))
        }
    }
}

impl PartialEq for InlineBytes {
    fn eq(&self, other: &InlineBytes) -> bool {
        self.as_slice() == other.as_slice()
    }
}

impl Eq for InlineBytes {}

impl fmt::Debug for InlineBytes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&String::from_utf8_lossy(self.as_slice()), f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_inline_and_heap() {
        for len in [
            0,
            1,
            INLINE_CAPACITY - 1,
            INLINE_CAPACITY,
            INLINE_CAPACITY + 1,
            300,
        ] {
            let v: Vec<u8> = (0..len).map(|i| (i % 251) as u8).collect();
            let b = InlineBytes::new(&v);
            assert_eq!(b.as_slice(), v.as_slice());
            assert_eq!(InlineBytes::from(v.clone()), b);
            assert_eq!(b.is_inline(), len <= INLINE_CAPACITY);
        }
    }
}
