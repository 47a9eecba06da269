//! Punycode (RFC 3492), the encoding of Unicode domain labels as ASCII `xn--` labels
//! (IDNA, RFC 5891 §4.4). Only encoding is needed: typed Unicode labels are encoded to
//! report and length-check the ASCII form of an email domain.

const BASE: u32 = 36;
const T_MIN: u32 = 1;
const T_MAX: u32 = 26;
const SKEW: u32 = 38;
const DAMP: u32 = 700;
const INITIAL_BIAS: u32 = 72;
const INITIAL_N: u32 = 128;

/// RFC 3492 §6.1 bias adaptation.
fn adapt(mut delta: u32, num_points: u32, first_time: bool) -> u32 {
    delta /= if first_time { DAMP } else { 2 };
    delta += delta / num_points;
    let mut k = 0;
    while delta > ((BASE - T_MIN) * T_MAX) / 2 {
        delta /= BASE - T_MIN;
        k += BASE;
    }
    k + (BASE - T_MIN + 1) * delta / (delta + SKEW)
}

/// RFC 3492 §5: digit values 0-25 are `a`-`z`, 26-35 are `0`-`9`.
fn digit_char(d: u32) -> char {
    match d {
        0..=25 => char::from(b'a' + d as u8),
        _ => char::from(b'0' + (d.min(35) - 26) as u8),
    }
}

/// Encodes `input` (one label) to Punycode, without the `xn--` prefix. Returns `None` on
/// arithmetic overflow, which RFC 3492 §6.4 requires to be reported as a failure.
pub fn encode(input: &str) -> Option<String> {
    let code_points: Vec<u32> = input.chars().map(u32::from).collect();
    let mut output: String = input.chars().filter(char::is_ascii).collect();
    let basic_count = u32::try_from(output.len()).ok()?;
    let mut handled = basic_count;
    if basic_count > 0 {
        output.push('-');
    }
    let mut n = INITIAL_N;
    let mut delta: u32 = 0;
    let mut bias = INITIAL_BIAS;
    let total = u32::try_from(code_points.len()).ok()?;
    while handled < total {
        // The smallest code point not yet handled.
        let m = code_points.iter().copied().filter(|&c| c >= n).min()?;
        delta = delta.checked_add((m - n).checked_mul(handled + 1)?)?;
        n = m;
        for &c in &code_points {
            if c < n {
                delta = delta.checked_add(1)?;
            }
            if c == n {
                let mut q = delta;
                let mut k = BASE;
                loop {
                    let t = if k <= bias {
                        T_MIN
                    } else if k >= bias + T_MAX {
                        T_MAX
                    } else {
                        k - bias
                    };
                    if q < t {
                        break;
                    }
                    output.push(digit_char(t + (q - t) % (BASE - t)));
                    q = (q - t) / (BASE - t);
                    k += BASE;
                }
                output.push(digit_char(q));
                bias = adapt(delta, handled + 1, handled == basic_count);
                delta = 0;
                handled += 1;
            }
        }
        delta = delta.checked_add(1)?;
        n = n.checked_add(1)?;
    }
    Some(output)
}

#[cfg(test)]
mod tests {
    use super::encode;

    fn from_code_points(cps: &[u32]) -> String {
        cps.iter().map(|&c| char::from_u32(c).unwrap()).collect()
    }

    // RFC 3492 §7.1 sample strings.
    #[test]
    fn rfc3492_samples() {
        // (A) Arabic (Egyptian)
        let a = from_code_points(&[
            0x0644, 0x064A, 0x0647, 0x0645, 0x0627, 0x0628, 0x062A, 0x0643, 0x0644, 0x0645, 0x0648,
            0x0634, 0x0639, 0x0631, 0x0628, 0x064A, 0x061F,
        ]);
        assert_eq!(encode(&a).unwrap(), "egbpdaj6bu4bxfgehfvwxn");
        // (B) Chinese (simplified)
        let b = from_code_points(&[
            0x4ED6, 0x4EEC, 0x4E3A, 0x4EC0, 0x4E48, 0x4E0D, 0x8BF4, 0x4E2D, 0x6587,
        ]);
        assert_eq!(encode(&b).unwrap(), "ihqwcrb4cv8a8dqg056pqjye");
        // (L) 3<nen>B<gumi><kinpachi><sensei>
        let l = from_code_points(&[
            0x0033, 0x5E74, 0x0042, 0x7D44, 0x91D1, 0x516B, 0x5148, 0x751F,
        ]);
        assert_eq!(encode(&l).unwrap(), "3B-ww4c5e180e575a65lsy2b");
        // (R) <sono><supiido><de>
        let r = from_code_points(&[0x305D, 0x306E, 0x30B9, 0x30D4, 0x30FC, 0x30C9, 0x3067]);
        assert_eq!(encode(&r).unwrap(), "d9juau41awczczp");
        assert_eq!(encode("bücher").unwrap(), "bcher-kva");
        assert_eq!(encode("abc").unwrap(), "abc-");
    }
}
