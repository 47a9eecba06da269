//! Stable sorting through one shared instantiation of the standard library's sort (wasm
//! size). `slice::sort_by` is monomorphised for every element type and comparator: each
//! call site used to add its own copy of the driftsort code (about 4 KB of wasm each).
//! Here the standard stable sort runs once, on indices with a `dyn` comparator, and the
//! elements are then moved into that order: the result is exactly that of `sort_by` (a
//! stable sort's output is fully determined by the comparator), at the price of one index
//! vector per call. Used where lists are short or sorted once per query.

use std::cmp::Ordering;

/// Sorts `v` stably by `cmp`: the same order as `v.sort_by(cmp)`.
pub(crate) fn sort_by<T>(v: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    if v.len() < 2 {
        return;
    }
    let order = stable_order(v.len(), &mut |a, b| cmp(&v[a], &v[b]));
    permute(v, order);
}

/// Sorts `v` stably by `key`: the same order as `v.sort_by_key(key)`.
pub(crate) fn sort_by_key<T, K: Ord>(v: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `v` by `Ord`: the same values in the same order as `v.sort()` and, since equal
/// values of these types cannot be told apart, as `v.sort_unstable()`.
pub(crate) fn sort<T: Ord>(v: &mut [T]) {
    sort_by(v, T::cmp);
}

/// The indices `0..n` in the stable order `cmp` gives them: the one instantiation of the
/// standard stable sort behind every function of this module.
fn stable_order(n: usize, cmp: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| cmp(a, b));
    order
}

/// Rearranges `v` so that position `i` holds what was at `order[i]` (`order` is a
/// permutation of `0..v.len()`), following each cycle with swaps.
fn permute<T>(v: &mut [T], mut order: Vec<usize>) {
    for start in 0..v.len() {
        let mut at = start;
        loop {
            let from = order[at];
            // Mark `at` as placed; a later start inside this cycle then stops at once.
            order[at] = at;
            if from == start {
                break;
            }
            v.swap(at, from);
            at = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small deterministic generator (no rand dependency).
    fn next(seed: &mut u64) -> u64 {
        *seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        *seed >> 33
    }

    #[test]
    fn same_order_as_std_stable_sort() {
        let mut seed = 7;
        for len in 0..200 {
            for range in [1, 3, 10, 1000] {
                // Pairs compared on the first value only: ties show the stability.
                let v: Vec<(u64, usize)> = (0..len).map(|i| (next(&mut seed) % range, i)).collect();
                let mut want = v.clone();
                want.sort_by(|a, b| b.0.cmp(&a.0));
                let mut got = v.clone();
                sort_by(&mut got, |a, b| b.0.cmp(&a.0));
                assert_eq!(got, want);
                let mut want = v.clone();
                want.sort_by_key(|p| p.0);
                let mut got = v;
                sort_by_key(&mut got, |p| p.0);
                assert_eq!(got, want);
            }
        }
    }

    #[test]
    fn sort_equals_sort_unstable_on_plain_values() {
        let mut seed = 11;
        for len in 0..100 {
            let v: Vec<Vec<u8>> = (0..len)
                .map(|_| {
                    (0..next(&mut seed) % 4)
                        .map(|_| (next(&mut seed) % 3) as u8)
                        .collect()
                })
                .collect();
            let mut want = v.clone();
            want.sort_unstable();
            let mut got = v;
            sort(&mut got);
            assert_eq!(got, want);
        }
    }

    #[test]
    fn floats_by_total_order() {
        let v = [0.5, f64::NAN, -0.0, 0.0, 1.0, -1.0, 0.5, f64::INFINITY];
        let mut want = v;
        want.sort_by(|a, b| b.total_cmp(a));
        let mut got = v;
        sort_by(&mut got, |a, b| b.total_cmp(a));
        assert_eq!(
            got.map(f64::to_bits),
            want.map(f64::to_bits),
            "bit-identical, NaN and signed zeros included"
        );
    }
}
