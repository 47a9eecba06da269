//! How much of each entity's free-text remarks a snapshot keeps, and where (`kyc-check
//! snapshot build --remarks full|excerpt|none|external`). Screening never reads remarks;
//! they are shown to analysts, and on the full lists they are the largest part of the file
//! (0.9 MB of a 2.5 MB gzip snapshot). The choice is recorded in the header, so the audit
//! trail and the page can say that remarks were cut, left out or kept in a companion file
//! (`.kcr`, see [`super::companion`]).

use std::borrow::Cow;

/// Characters kept of a remark in [`RemarksMode::Excerpt`] (before the cut back to a word
/// boundary and the marker).
pub const REMARKS_EXCERPT_CHARS: u32 = 200;

/// Appended to every remark that an excerpt cut: " …" (space, U+2026).
pub const REMARKS_TRUNCATED_MARK: &str = " \u{2026}";

/// What a snapshot keeps of the entities' remarks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RemarksMode {
    /// Every remark in full (the default).
    #[default]
    Full,
    /// The first [`REMARKS_EXCERPT_CHARS`] characters of each remark, cut back to a word
    /// boundary; a cut remark ends with [`REMARKS_TRUNCATED_MARK`].
    Excerpt,
    /// No remarks at all.
    None,
    /// Every remark in full, in a companion file (`.kcr`) next to the snapshot, pinned by
    /// its SHA-256 and length in the header (format 4): a page screens without downloading
    /// them and fetches them for the first details view.
    External,
}

impl RemarksMode {
    /// Wire value in the header: 0 full, 1 excerpt, 2 none, 3 external.
    pub(crate) fn tag(self) -> u8 {
        match self {
            RemarksMode::Full => 0,
            RemarksMode::Excerpt => 1,
            RemarksMode::None => 2,
            RemarksMode::External => 3,
        }
    }

    /// The mode of a header wire value; `None` for an unknown value.
    pub(crate) fn from_tag(tag: u8) -> Option<RemarksMode> {
        match tag {
            0 => Some(RemarksMode::Full),
            1 => Some(RemarksMode::Excerpt),
            2 => Some(RemarksMode::None),
            3 => Some(RemarksMode::External),
            _ => None,
        }
    }

    /// The `--remarks` name: `full`, `excerpt`, `none` or `external`.
    pub fn name(self) -> &'static str {
        match self {
            RemarksMode::Full => "full",
            RemarksMode::Excerpt => "excerpt",
            RemarksMode::None => "none",
            RemarksMode::External => "external",
        }
    }

    /// The mode named `full`, `excerpt`, `none` or `external`.
    pub fn from_name(name: &str) -> Option<RemarksMode> {
        [
            RemarksMode::Full,
            RemarksMode::Excerpt,
            RemarksMode::None,
            RemarksMode::External,
        ]
        .into_iter()
        .find(|m| m.name() == name)
    }

    /// Characters an excerpt keeps (0 unless [`RemarksMode::Excerpt`]), as stored in the
    /// header next to the mode.
    pub fn excerpt_chars(self) -> u32 {
        match self {
            RemarksMode::Excerpt => REMARKS_EXCERPT_CHARS,
            _ => 0,
        }
    }

    /// What this mode keeps of `remark`: all of it (in the snapshot or its companion
    /// file), an excerpt, or nothing.
    pub fn apply(self, remark: &str) -> Option<Cow<'_, str>> {
        match self {
            RemarksMode::Full | RemarksMode::External => Some(Cow::Borrowed(remark)),
            RemarksMode::Excerpt => Some(excerpt(remark, REMARKS_EXCERPT_CHARS as usize)),
            RemarksMode::None => None,
        }
    }
}

/// The first `max_chars` characters of `text`, cut back to the last whitespace inside them
/// (unless that would keep less than half), trailing whitespace removed, followed by
/// [`REMARKS_TRUNCATED_MARK`]; `text` itself when it is not longer than `max_chars`.
pub fn excerpt(text: &str, max_chars: usize) -> Cow<'_, str> {
    let Some((cut, _)) = text.char_indices().nth(max_chars) else {
        return Cow::Borrowed(text);
    };
    let head = text.get(..cut).unwrap_or(text);
    let at_word = head
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map(|(i, _)| i)
        .filter(|&i| head.get(..i).map_or(0, |h| h.chars().count()) >= max_chars / 2);
    let kept = head
        .get(..at_word.unwrap_or(cut))
        .unwrap_or(head)
        .trim_end();
    Cow::Owned(format!("{kept}{REMARKS_TRUNCATED_MARK}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_remarks_are_kept_whole() {
        assert_eq!(excerpt("short text", 200), "short text");
        let exact = "x".repeat(200);
        assert_eq!(excerpt(&exact, 200), exact.as_str());
    }

    #[test]
    fn long_remarks_are_cut_at_a_word_and_marked() {
        let text = "alpha beta gamma delta";
        assert_eq!(excerpt(text, 13), "alpha beta \u{2026}");
        // No whitespace in the first half: a hard cut at a character boundary.
        let word = "é".repeat(30);
        let cut = excerpt(&word, 10);
        assert_eq!(cut, format!("{} \u{2026}", "é".repeat(10)));
    }

    #[test]
    fn names_round_trip() {
        for m in [
            RemarksMode::Full,
            RemarksMode::Excerpt,
            RemarksMode::None,
            RemarksMode::External,
        ] {
            assert_eq!(RemarksMode::from_name(m.name()), Some(m));
            assert_eq!(RemarksMode::from_tag(m.tag()), Some(m));
        }
        assert_eq!(RemarksMode::from_name("some"), None);
        assert_eq!(RemarksMode::from_tag(4), None);
    }
}
