//! Small sorts for the wasm paths (wasm size). `slice::sort_by` and `sort_unstable` are
//! monomorphised for every element type and comparator: each call site used to add its own
//! copy of driftsort or ipnsort (about 4 KB of wasm each). Here one stable merge sort runs
//! on indices with a `dyn` comparator and the elements are then moved into that order: the
//! result is exactly that of `sort_by` (a stable sort's output is fully determined by the
//! comparator), at the price of one index vector per call. Plain integers, whose equal
//! values cannot be told apart, get small sorts with the result of `sort_unstable`.

use std::cmp::Ordering;

/// Sorts `v` stably by `cmp`: the same order as `v.sort_by(cmp)`.
pub(crate) fn sort_by<T>(v: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    let n = v.len();
    if n < 2 {
        return;
    }
    let mut cmp_at = |a: usize, b: usize| cmp(&v[a], &v[b]);
    if n <= RUN {
        // Short lists (most, in scoring): the order on the stack, no allocation.
        let mut order = [0; RUN];
        let order = &mut order[..n];
        order.iter_mut().enumerate().for_each(|(i, o)| *o = i);
        sort_runs(order, &mut cmp_at);
        permute(v, order);
    } else {
        let mut order = stable_order(n, &mut cmp_at);
        permute(v, &mut order);
    }
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

/// Sorts integers (or other plain values whose equal values cannot be told apart)
/// ascending: the same result as `sort_unstable`. Insertion sort for short lists, heapsort
/// beyond: a few hundred bytes of wasm instead of a pattern-defeating quicksort per type.
pub(crate) fn sort_plain<T: Ord + Copy>(v: &mut [T]) {
    let n = v.len();
    if n <= 16 {
        for i in 1..n {
            let mut j = i;
            while j > 0 && v[j - 1] > v[j] {
                v.swap(j - 1, j);
                j -= 1;
            }
        }
        return;
    }
    for node in (0..n / 2).rev() {
        sift_down(v, node, n);
    }
    for end in (1..n).rev() {
        v.swap(0, end);
        sift_down(v, 0, end);
    }
}

/// Sorts ids ascending: the same result as `sort_unstable`. Insertion sort for short
/// lists; beyond, unless already sorted, a least-significant-digit radix sort by bytes
/// (only up to the largest id's top byte; passes where every id has the same byte are
/// skipped): linear time on the long candidate lists, in little code.
pub(crate) fn sort_ids(v: &mut [u32]) {
    let n = v.len();
    if n <= 16 {
        sort_plain(v);
        return;
    }
    if v.windows(2).all(|w| w[0] <= w[1]) {
        return;
    }
    let max = v.iter().copied().max().unwrap_or(0);
    let mut from = v.to_vec();
    let mut to = vec![0u32; n];
    for shift in [0, 8, 16, 24] {
        if shift > 0 && max >> shift == 0 {
            break;
        }
        if counting_pass(&from, &mut to, |x| (x >> shift) as usize) {
            std::mem::swap(&mut from, &mut to);
        }
    }
    v.copy_from_slice(&from);
}

/// One stable counting-sort pass, the step of a least-significant-digit radix sort: `to`
/// gets the values of `from` (of the same length) ordered by `digit(value) & 0xFF`, equal
/// digits in their order in `from`. Returns false, leaving `to` as it was, when every
/// value has the same digit (the pass would change nothing).
pub(crate) fn counting_pass(from: &[u32], to: &mut [u32], digit: impl Fn(u32) -> usize) -> bool {
    let digit = |x: u32| digit(x) & 0xFF;
    // counts[d + 1]: values with digit d; then, as prefix sums, where digit d starts.
    let mut counts = [0usize; 257];
    for &x in from {
        counts[digit(x) + 1] += 1;
    }
    if counts.contains(&from.len()) {
        return false;
    }
    for d in 1..257 {
        counts[d] += counts[d - 1];
    }
    for &x in from {
        let at = &mut counts[digit(x)];
        if let Some(slot) = to.get_mut(*at) {
            *slot = x;
        }
        *at += 1;
    }
    true
}

/// Restores the max-heap property of `v[..end]` below `node`.
fn sift_down<T: Ord + Copy>(v: &mut [T], mut node: usize, end: usize) {
    loop {
        let mut child = 2 * node + 1;
        if child >= end {
            return;
        }
        if child + 1 < end && v[child] < v[child + 1] {
            child += 1;
        }
        if v[node] >= v[child] {
            return;
        }
        v.swap(node, child);
        node = child;
    }
}

/// The indices `0..n` in the stable order `cmp` gives them, the one sort behind the
/// functions of this module: insertion sort on runs of [`RUN`], then bottom-up merges (an
/// element of the right half goes first only when strictly less, so ties keep their
/// order). Small code, whatever the element type and comparator.
fn stable_order(n: usize, cmp: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    sort_runs(&mut order, cmp);
    let mut merged = vec![0; n];
    let mut width = RUN;
    while width < n {
        for start in (0..n).step_by(2 * width) {
            let mid = (start + width).min(n);
            let end = (start + 2 * width).min(n);
            let (mut left, mut right) = (start, mid);
            for slot in &mut merged[start..end] {
                let take_left = left < mid
                    && (right >= end || cmp(order[right], order[left]) != Ordering::Less);
                if take_left {
                    *slot = order[left];
                    left += 1;
                } else {
                    *slot = order[right];
                    right += 1;
                }
            }
        }
        std::mem::swap(&mut order, &mut merged);
        width *= 2;
    }
    order
}

/// Sorts each run of [`RUN`] indices of `order` by insertion, stably: an index moves only
/// past strictly greater ones.
fn sort_runs(order: &mut [usize], cmp: &mut dyn FnMut(usize, usize) -> Ordering) {
    for run in order.chunks_mut(RUN) {
        for i in 1..run.len() {
            let mut j = i;
            while j > 0 && cmp(run[j - 1], run[j]) == Ordering::Greater {
                run.swap(j - 1, j);
                j -= 1;
            }
        }
    }
}

/// Length of the runs [`sort_runs`] sorts by insertion (and of the lists [`sort_by`] sorts
/// on the stack).
const RUN: usize = 16;

/// Rearranges `v` so that position `i` holds what was at `order[i]` (`order` is a
/// permutation of `0..v.len()`), following each cycle with swaps.
fn permute<T>(v: &mut [T], order: &mut [usize]) {
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
                want.sort_by_key(|p| std::cmp::Reverse(p.0));
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
    fn plain_and_id_sorts_equal_sort_unstable() {
        let mut seed = 3;
        for len in (0..300).chain([1000, 5000]) {
            for range in [2, 50, u64::MAX] {
                let v: Vec<u32> = (0..len).map(|_| (next(&mut seed) % range) as u32).collect();
                let mut want = v.clone();
                want.sort_unstable();
                let mut got = v;
                sort_plain(&mut got);
                assert_eq!(got, want);
            }
        }
        for len in (0..300).chain([1000, 5000, 30000]) {
            for range in [2, 50, 70_000, u64::MAX] {
                let v: Vec<u32> = (0..len).map(|_| (next(&mut seed) % range) as u32).collect();
                let mut want = v.clone();
                want.sort_unstable();
                let mut got = v;
                sort_ids(&mut got);
                assert_eq!(got, want);
            }
        }
        let mut sorted: Vec<usize> = (0..100).collect();
        sort_plain(&mut sorted);
        assert_eq!(sorted, (0..100).collect::<Vec<_>>());
        let mut reversed: Vec<usize> = (0..100).rev().collect();
        sort_plain(&mut reversed);
        assert_eq!(reversed, sorted);
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
