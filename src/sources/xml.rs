//! A minimal element tree over `quick-xml`, shared by every XML-based parser (OFAC, UN,
//! EU, FCDO and the XML parts of XLSX / ODS workbooks).
//!
//! Why a tree: the list files are a few MB, and walking a tree keeps each parser a direct
//! transcription of its schema. Every element remembers its line so semantic errors can
//! name `file: /path/to/element (line N)`. Namespace prefixes are dropped (local names).

use quick_xml::events::Event;
use quick_xml::{Reader, XmlVersion};

use super::SourceError;

/// One XML element.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Element {
    /// Local name (namespace prefix removed).
    pub name: String,
    /// Attributes by local name, unescaped; `xmlns` declarations are left out.
    pub attrs: Vec<(String, String)>,
    /// Child elements in document order.
    pub children: Vec<Element>,
    /// The element's own text (CDATA included, entities resolved), untrimmed.
    pub text: String,
    /// 1-based line of the start tag.
    pub line: usize,
}

impl Element {
    /// An attribute value by local name.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The first child with this local name.
    pub fn child(&self, name: &str) -> Option<&Element> {
        self.children.iter().find(|c| c.name == name)
    }

    /// All children with this local name.
    pub fn children_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> {
        self.children.iter().filter(move |c| c.name == name)
    }

    /// The trimmed text of the first child with this name, if non-empty.
    pub fn child_text(&self, name: &str) -> Option<&str> {
        self.child(name).and_then(Element::trimmed)
    }

    /// This element's trimmed text, if non-empty.
    pub fn trimmed(&self) -> Option<&str> {
        let text = self.text.trim();
        (!text.is_empty()).then_some(text)
    }

    /// `path (line N)` for error messages, with `path` given by the caller.
    pub fn at(&self, path: &str) -> String {
        format!("{path} (line {})", self.line)
    }
}

/// Counts lines up to a byte offset incrementally (the reader only moves forward).
struct LineCounter<'a> {
    bytes: &'a [u8],
    offset: usize,
    line: usize,
}

impl LineCounter<'_> {
    fn line_at(&mut self, offset: usize) -> usize {
        let offset = offset.min(self.bytes.len());
        if offset > self.offset {
            self.line += self.bytes[self.offset..offset]
                .iter()
                .filter(|&&b| b == b'\n')
                .count();
            self.offset = offset;
        }
        self.line
    }
}

fn path_of(stack: &[Element]) -> String {
    let mut path = String::new();
    for element in stack {
        path.push('/');
        path.push_str(&element.name);
    }
    if path.is_empty() {
        path.push('/');
    }
    path
}

/// Parses a whole XML document into its root element. Errors name the file, the path of
/// open elements and the line: `file: /a/b (line 12): invalid XML: ...`.
pub fn parse(bytes: &[u8], file: &str) -> Result<Element, SourceError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let line = 1 + bytes[..e.valid_up_to()]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        SourceError::at_line(file, line, "invalid UTF-8 in XML file")
    })?;
    let mut reader = Reader::from_str(text);
    let mut lines = LineCounter {
        bytes,
        offset: 0,
        line: 1,
    };
    let mut stack: Vec<Element> = Vec::new();
    let mut root: Option<Element> = None;
    loop {
        let event_start = usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX);
        let event = match reader.read_event() {
            Ok(event) => event,
            Err(e) => {
                let at = usize::try_from(reader.error_position()).unwrap_or(usize::MAX);
                let line = lines.line_at(at);
                return Err(SourceError::at_element(
                    file,
                    format!("{} (line {line})", path_of(&stack)),
                    format!("invalid XML: {e}"),
                ));
            }
        };
        match event {
            Event::Start(start) | Event::Empty(start) if root.is_some() && stack.is_empty() => {
                let _ = start;
                let line = lines.line_at(event_start);
                return Err(SourceError::at_element(
                    file,
                    format!("/ (line {line})"),
                    "invalid XML: more than one root element",
                ));
            }
            Event::Start(start) => {
                let element = open(&start, lines.line_at(event_start), file, &stack)?;
                stack.push(element);
            }
            Event::Empty(start) => {
                let element = open(&start, lines.line_at(event_start), file, &stack)?;
                close(element, &mut stack, &mut root);
            }
            Event::End(_) => {
                if let Some(element) = stack.pop() {
                    close(element, &mut stack, &mut root);
                }
            }
            Event::Text(t) => {
                if let Some(top) = stack.last_mut() {
                    top.text.push_str(&t.xml10_content());
                }
            }
            Event::CData(c) => {
                if let Some(top) = stack.last_mut() {
                    top.text.push_str(&c);
                }
            }
            Event::GeneralRef(r) => {
                let resolved = if r.is_char_ref() {
                    r.resolve_char_ref().ok().flatten().map(String::from)
                } else {
                    quick_xml::escape::resolve_predefined_entity(&r.xml10_content())
                        .map(str::to_string)
                };
                let Some(resolved) = resolved else {
                    let line = lines.line_at(event_start);
                    return Err(SourceError::at_element(
                        file,
                        format!("{} (line {line})", path_of(&stack)),
                        format!("invalid XML: unknown entity &{};", r.xml10_content()),
                    ));
                };
                if let Some(top) = stack.last_mut() {
                    top.text.push_str(&resolved);
                }
            }
            Event::Eof => break,
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) | Event::DocType(_) => {}
        }
    }
    if !stack.is_empty() {
        let line = lines.line_at(bytes.len());
        return Err(SourceError::at_element(
            file,
            format!("{} (line {line})", path_of(&stack)),
            "invalid XML: the file ends before this element is closed (truncated file?)",
        ));
    }
    root.ok_or_else(|| SourceError::in_file(file, "invalid XML: no root element (empty file?)"))
}

fn open(
    start: &quick_xml::events::BytesStart<'_>,
    line: usize,
    file: &str,
    stack: &[Element],
) -> Result<Element, SourceError> {
    let name = start.local_name().as_ref().to_string();
    let mut attrs = Vec::new();
    for attr in start.attributes() {
        let attr = attr.map_err(|e| {
            SourceError::at_element(
                file,
                format!(
                    "{}/{name} (line {line})",
                    path_of(stack).trim_end_matches('/')
                ),
                format!("invalid XML attribute: {e}"),
            )
        })?;
        let key = attr.key;
        if key.as_ref() == "xmlns" || key.as_ref().starts_with("xmlns:") {
            continue;
        }
        let local = key.local_name().as_ref().to_string();
        let value = attr
            .normalized_value(XmlVersion::Implicit1_0)
            .map_err(|e| {
                SourceError::at_element(
                    file,
                    format!(
                        "{}/{name} (line {line})",
                        path_of(stack).trim_end_matches('/')
                    ),
                    format!("invalid XML attribute {local}: {e}"),
                )
            })?;
        attrs.push((local, value.into_owned()));
    }
    Ok(Element {
        name,
        attrs,
        children: Vec::new(),
        text: String::new(),
        line,
    })
}

fn close(element: Element, stack: &mut [Element], root: &mut Option<Element>) {
    match stack.last_mut() {
        Some(parent) => parent.children.push(element),
        None => *root = Some(element),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_tree_with_lines_and_entities() {
        let root = parse(
            b"<?xml version=\"1.0\"?>\n<a:r xmlns:a=\"x\" v=\"1 &amp; 2\">\n <b>T&amp;C &#233;</b>\n <c/><![CDATA[raw <x>]]></a:r>",
            "t.xml",
        )
        .unwrap();
        assert_eq!(root.name, "r");
        assert_eq!(root.attr("v"), Some("1 & 2"));
        assert_eq!(root.child_text("b"), Some("T&C \u{e9}"));
        assert_eq!(root.child("b").unwrap().line, 3);
        assert_eq!(root.child("c").unwrap().line, 4);
        assert!(root.text.contains("raw <x>"));
    }

    #[test]
    fn errors_name_element_and_line() {
        let err = parse(b"<r>\n<a>\n<b></a>\n</r>", "t.xml").unwrap_err();
        assert!(
            err.to_string()
                .starts_with("t.xml: /r/a/b (line 3): invalid XML"),
            "{err}"
        );
        let err = parse(b"<r>\n<a>text", "t.xml").unwrap_err();
        assert!(
            err.to_string()
                .contains("/r/a (line 2): invalid XML: the file ends"),
            "{err}"
        );
        let err = parse(b"", "t.xml").unwrap_err();
        assert_eq!(
            err.to_string(),
            "t.xml: invalid XML: no root element (empty file?)"
        );
        let err = parse(b"<r>\n\xFF</r>", "t.xml").unwrap_err();
        assert_eq!(err.to_string(), "t.xml:2: invalid UTF-8 in XML file");
    }
}
