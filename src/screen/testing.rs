//! Test support shared by the screening modules' unit tests.

/// Every word of 1 to `max_len` letters over `alphabet`, shortest first, each length in
/// the order of `alphabet`.
pub fn every_word(alphabet: &[u8], max_len: usize) -> Vec<Vec<u8>> {
    let mut words: Vec<Vec<u8>> = Vec::new();
    let mut frontier: Vec<Vec<u8>> = vec![Vec::new()];
    for _ in 0..max_len {
        let mut next = Vec::new();
        for w in &frontier {
            for &c in alphabet {
                let mut longer = w.clone();
                longer.push(c);
                next.push(longer);
            }
        }
        words.extend(next.iter().cloned());
        frontier = next;
    }
    words
}

/// A xorshift sequence from `seed` (not 0): fixed pseudo-random numbers for tests.
pub fn xorshift(mut seed: u64) -> impl FnMut() -> u64 {
    move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    }
}
