//! Index load time in WebAssembly, without wasm-bindgen: exported C functions that Node
//! times with `performance.now()` (wasm32-unknown-unknown has no clock). Native builds
//! only print how to use it.
//!
//! ```text
//! cargo rustc --release --example index_wasm --target wasm32-unknown-unknown -- \
//!     -C link-arg=--export=bench_alloc -C link-arg=--export=bench_load \
//!     -C link-arg=--export=bench_encode_index -C link-arg=--export=bench_decode_index \
//!     -C link-arg=--export=bench_first_identifier
//! node scripts/index-wasm-bench.mjs target/wasm32-unknown-unknown/release/examples/index_wasm.wasm FILE.kcs
//! ```

#[cfg(target_arch = "wasm32")]
mod bench {
    use kyc_check::model::Entity;
    use kyc_check::screen::index::{listed_identifiers, NameIndex};
    use kyc_check::snapshot::Snapshot;
    use std::sync::Mutex;

    /// The snapshot bytes written by JS, the loaded snapshot, its encoded index and its
    /// entities (the identifiers the index decode makes its identifier table from).
    static STATE: Mutex<(Vec<u8>, Option<Snapshot>, Vec<u8>, Vec<Entity>)> =
        Mutex::new((Vec::new(), None, Vec::new(), Vec::new()));

    /// Makes room for `n` input bytes and returns where JS writes them.
    #[no_mangle]
    pub extern "C" fn bench_alloc(n: usize) -> *mut u8 {
        let Ok(mut s) = STATE.lock() else {
            return std::ptr::null_mut();
        };
        s.0 = vec![0; n];
        s.0.as_mut_ptr()
    }

    /// `Snapshot::from_bytes` on the input: 1 when it loads.
    #[no_mangle]
    pub extern "C" fn bench_load() -> i32 {
        let Ok(mut s) = STATE.lock() else { return 0 };
        s.1 = None; // the previous snapshot is dropped first, as the page does
        let snap = Snapshot::from_bytes(&s.0).ok();
        let ok = snap.is_some();
        s.1 = snap;
        ok as i32
    }

    /// Encodes the loaded snapshot's index for [`bench_decode_index`]; returns its size.
    #[no_mangle]
    pub extern "C" fn bench_encode_index() -> usize {
        let Ok(mut s) = STATE.lock() else { return 0 };
        let mut out = Vec::new();
        let mut entities = Vec::new();
        if let Some(snap) = &s.1 {
            snap.index.encode(&mut out);
            entities = snap.entities.to_vec().unwrap_or_default();
        }
        s.2 = out;
        s.3 = entities;
        s.2.len()
    }

    /// The first identifier look-up of a freshly loaded snapshot's index, which makes
    /// its identifier table (index version 6): 1 when it ran. JS times the difference
    /// with [`bench_load`].
    #[no_mangle]
    pub extern "C" fn bench_first_identifier() -> i32 {
        let Ok(s) = STATE.lock() else { return 0 };
        let found =
            s.1.as_ref()
                .map(|snap| snap.index.find_identifier("A1234567", false));
        std::hint::black_box(&found);
        found.is_some() as i32
    }

    /// `NameIndex::decode` of the encoded index: 1 when it decodes.
    #[no_mangle]
    pub extern "C" fn bench_decode_index() -> i32 {
        let Ok(s) = STATE.lock() else { return 0 };
        let idx = NameIndex::decode(&s.2, &listed_identifiers(&s.3));
        std::hint::black_box(&idx);
        idx.is_ok() as i32
    }
}

fn main() {
    #[cfg(not(target_arch = "wasm32"))]
    println!(
        "build for wasm32-unknown-unknown: see the comment at the top of examples/index_wasm.rs"
    );
}
