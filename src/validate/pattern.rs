//! A tiny anchored matcher for the regular-expression subset used by the generated postal
//! code patterns: literals, classes with ranges (`[A-Z0-9]`), groups (`(...)`, `(?:...)`),
//! alternation, and the quantifiers `?`, `{n}` and `{n,m}`.
//!
//! The `regex` crate would match them too, but costs about 100 KB of gzipped wasm (see
//! shared/notes/validation.md) for patterns that never need more than this. Inputs are short
//! (a postal code), so matching tracks the set of reachable positions instead of
//! backtracking.

/// One element of a parsed pattern.
#[derive(Debug)]
enum Node {
    /// One literal byte.
    Byte(u8),
    /// A class: inclusive byte ranges.
    Class(Vec<(u8, u8)>),
    /// Alternatives, each a sequence.
    Group(Vec<Vec<Node>>),
    /// A node repeated `min..=max` times.
    Repeat(Box<Node>, u16, u16),
}

/// Recursive-descent parser over the pattern bytes.
struct Parser<'a> {
    pattern: &'a [u8],
    pos: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.pattern.get(self.pos).copied()
    }

    fn bump(&mut self) -> Option<u8> {
        let b = self.peek()?;
        self.pos += 1;
        Some(b)
    }

    /// alternatives := sequence ('|' sequence)*
    fn alternatives(&mut self) -> Option<Vec<Vec<Node>>> {
        let mut alts = vec![self.sequence()?];
        while self.peek() == Some(b'|') {
            self.pos += 1;
            alts.push(self.sequence()?);
        }
        Some(alts)
    }

    /// sequence := (atom quantifier?)*
    fn sequence(&mut self) -> Option<Vec<Node>> {
        let mut seq = Vec::new();
        while let Some(b) = self.peek() {
            if b == b'|' || b == b')' {
                break;
            }
            let atom = self.atom()?;
            seq.push(self.quantified(atom)?);
        }
        Some(seq)
    }

    fn atom(&mut self) -> Option<Node> {
        match self.bump()? {
            b'(' => {
                if self.pattern.get(self.pos..self.pos + 2) == Some(b"?:") {
                    self.pos += 2;
                }
                let alts = self.alternatives()?;
                (self.bump()? == b')').then_some(Node::Group(alts))
            }
            b'[' => self.class(),
            b'\\' => self.bump().map(Node::Byte),
            b => Some(Node::Byte(b)),
        }
    }

    fn class(&mut self) -> Option<Node> {
        let mut ranges = Vec::new();
        loop {
            let lo = match self.bump()? {
                b']' => return Some(Node::Class(ranges)),
                b'\\' => self.bump()?,
                b => b,
            };
            let is_range = self.peek() == Some(b'-')
                && self.pattern.get(self.pos + 1).is_some_and(|&n| n != b']');
            if is_range {
                self.pos += 1;
                let hi = match self.bump()? {
                    b'\\' => self.bump()?,
                    b => b,
                };
                ranges.push((lo, hi));
            } else {
                ranges.push((lo, lo));
            }
        }
    }

    fn number(&mut self) -> Option<u16> {
        let start = self.pos;
        while self.peek().is_some_and(|b| b.is_ascii_digit()) {
            self.pos += 1;
        }
        std::str::from_utf8(self.pattern.get(start..self.pos)?)
            .ok()?
            .parse()
            .ok()
    }

    fn quantified(&mut self, atom: Node) -> Option<Node> {
        match self.peek() {
            Some(b'?') => {
                self.pos += 1;
                Some(Node::Repeat(Box::new(atom), 0, 1))
            }
            Some(b'{') => {
                self.pos += 1;
                let min = self.number()?;
                let max = if self.peek() == Some(b',') {
                    self.pos += 1;
                    self.number()?
                } else {
                    min
                };
                (self.bump()? == b'}' && min <= max).then(|| Node::Repeat(Box::new(atom), min, max))
            }
            _ => Some(atom),
        }
    }
}

/// Positions in `input` reachable after matching `node` from any position in `starts`.
fn step(node: &Node, input: &[u8], starts: &[usize]) -> Vec<usize> {
    let mut out: Vec<usize> = Vec::new();
    let push = |p: usize, out: &mut Vec<usize>| {
        if !out.contains(&p) {
            out.push(p);
        }
    };
    match node {
        Node::Byte(b) => {
            for &s in starts {
                if input.get(s) == Some(b) {
                    push(s + 1, &mut out);
                }
            }
        }
        Node::Class(ranges) => {
            for &s in starts {
                if let Some(&c) = input.get(s) {
                    if ranges.iter().any(|&(lo, hi)| lo <= c && c <= hi) {
                        push(s + 1, &mut out);
                    }
                }
            }
        }
        Node::Group(alts) => {
            for alt in alts {
                for p in run(alt, input, starts.to_vec()) {
                    push(p, &mut out);
                }
            }
        }
        Node::Repeat(inner, min, max) => {
            let mut current = starts.to_vec();
            for i in 0..=*max {
                if i >= *min {
                    for &p in &current {
                        push(p, &mut out);
                    }
                }
                if i == *max || current.is_empty() {
                    break;
                }
                current = step(inner, input, &current);
            }
        }
    }
    out
}

fn run(seq: &[Node], input: &[u8], mut positions: Vec<usize>) -> Vec<usize> {
    for node in seq {
        if positions.is_empty() {
            break;
        }
        positions = step(node, input, &positions);
    }
    positions
}

/// True when the whole of `input` matches `pattern`; `None` when `pattern` is outside the
/// supported subset (a generator bug, reported by the tests rather than a panic).
pub fn full_match(pattern: &str, input: &str) -> Option<bool> {
    let mut parser = Parser {
        pattern: pattern.as_bytes(),
        pos: 0,
    };
    let alts = parser.alternatives()?;
    if parser.pos != pattern.len() {
        return None;
    }
    let ends = step(&Node::Group(alts), input.as_bytes(), &[0]);
    Some(ends.contains(&input.len()))
}

#[cfg(test)]
mod tests {
    use super::full_match;

    #[test]
    fn subset_semantics() {
        assert_eq!(full_match("[0-9]{5}", "26133"), Some(true));
        assert_eq!(full_match("[0-9]{5}", "2613"), Some(false));
        assert_eq!(full_match("[0-9]{5}", "261334"), Some(false));
        let us = r"([0-9]{5})(?:[ \-]([0-9]{4}))?";
        assert_eq!(full_match(us, "22162-1010"), Some(true));
        assert_eq!(full_match(us, "22162 1010"), Some(true));
        assert_eq!(full_match(us, "22162"), Some(true));
        assert_eq!(full_match(us, "22162-101"), Some(false));
        assert_eq!(full_match("GIR ?0AA|A[0-9]{1,2}", "GIR0AA"), Some(true));
        assert_eq!(full_match("GIR ?0AA|A[0-9]{1,2}", "A12"), Some(true));
        assert_eq!(full_match("GIR ?0AA|A[0-9]{1,2}", "A123"), Some(false));
        assert_eq!(full_match("[ABCEGHJ-NPRSTV-Z]", "K"), Some(true));
        assert_eq!(full_match("[ABCEGHJ-NPRSTV-Z]", "I"), Some(false));
        assert_eq!(full_match("(unclosed", "x"), None);
        assert_eq!(full_match("[0-9]{3,2}", "x"), None);
    }
}
