//! Where keys are: each key path of a TOML or YAML source mapped to the
//! byte ranges of its key and its value, as the parsers (`toml`,
//! `serde-saphyr`) report them, so a problem with a value can point at it.

use std::collections::HashMap;
use std::fmt;
use std::sync::OnceLock;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use toml::de::{DeTable, DeValue};

use super::Format;
use super::raw::KeyString;
use crate::diagnostic::Span;

/// Finds keys in the front-matter source, so a problem with a value can
/// point at its line and column. A key that is not there falls back to the
/// nearest enclosing key, and finally to the opening fence.
///
/// The index is built on first use, by parsing the text again with spans:
/// most files never need a position.
pub struct Locator {
    text: String,
    format: Format,
    first_line: usize,
    fence: &'static str,
    index: OnceLock<HashMap<String, Place>>,
}

/// The byte ranges of a key and of its value in the source.
#[derive(Clone, Copy, Debug)]
struct Place {
    key: (usize, usize),
    value: (usize, usize),
}

impl Locator {
    /// A locator over front matter `text` in `format`, whose first line is
    /// line `first_line` of its file (the fence is the line before).
    pub fn new(text: &str, format: Format, first_line: usize) -> Locator {
        Locator { text: text.to_string(), format, first_line, fence: format.fence(), index: OnceLock::new() }
    }

    /// A locator for a whole TOML file without fences (`forewarn.toml`).
    pub fn for_toml_file(text: &str) -> Locator {
        Locator { text: text.to_string(), format: Format::Toml, first_line: 1, fence: "", index: OnceLock::new() }
    }

    fn index(&self) -> &HashMap<String, Place> {
        self.index.get_or_init(|| {
            let mut index = HashMap::new();
            match self.format {
                Format::Toml => {
                    if let Ok(table) = DeTable::parse(&self.text) {
                        index_toml(&self.text, table.get_ref(), &mut Vec::new(), &mut index);
                    }
                }
                Format::Yaml => {
                    if let Ok(node) = serde_saphyr::from_str::<serde_saphyr::Spanned<Node>>(&self.text) {
                        index_yaml(&self.text, &node.value, &mut Vec::new(), &mut index);
                    }
                }
            }
            index
        })
    }

    /// The text of line `line` (1-based, counted in the whole file), if it
    /// is the opening fence or a front-matter line.
    pub fn line_text(&self, line: usize) -> Option<String> {
        if line + 1 == self.first_line {
            return Some(self.fence.to_string());
        }
        self.text.lines().nth(line.checked_sub(self.first_line)?).map(|l| l.trim_end_matches('\r').to_string())
    }

    /// Whether the front matter has the key at `path`.
    pub fn has(&self, path: &[&str]) -> bool {
        self.index().contains_key(&path.join("\0"))
    }

    /// The span of the opening fence (where missing keys are reported).
    pub fn fence(&self) -> Span {
        Span::new(self.first_line.saturating_sub(1).max(1), 1, self.fence.len().max(1))
    }

    /// The span of the value at `path` (keys and list indexes).
    pub fn value(&self, path: &[&str]) -> Span {
        self.find(path, true)
    }

    /// The span of the key at `path` itself.
    pub fn key(&self, path: &[&str]) -> Span {
        self.find(path, false)
    }

    fn find(&self, path: &[&str], value: bool) -> Span {
        let index = self.index();
        for n in (1..=path.len()).rev() {
            let Some(place) = index.get(&path[..n].join("\0")) else {
                continue;
            };
            let (start, end) = if value && n == path.len() { place.value } else { place.key };
            return Span::from_byte_range(&self.text, start, end, self.first_line);
        }
        self.fence()
    }
}

fn index_toml(text: &str, table: &DeTable<'_>, path: &mut Vec<String>, index: &mut HashMap<String, Place>) {
    for (key, value) in table {
        path.push(key.get_ref().to_string());
        let key_range = (key.span().start, key.span().end);
        index_toml_value(text, value.get_ref(), key_range, (value.span().start, value.span().end), path, index);
        path.pop();
    }
}

fn index_toml_value(
    text: &str,
    value: &DeValue<'_>,
    key: (usize, usize),
    range: (usize, usize),
    path: &mut Vec<String>,
    index: &mut HashMap<String, Place>,
) {
    // A `[table]` (its span starts at its header, before its name) covers
    // all of its keys: point at the header.
    let header = matches!(value, DeValue::Table(_)) && range.0 < key.0;
    let key = if header {
        (range.0, text.get(key.1..).and_then(|r| r.find(']')).map_or(key.1, |i| key.1 + i + 1))
    } else {
        key
    };
    let value_range = if header { key } else { range };
    index.entry(path.join("\0")).or_insert(Place { key, value: value_range });
    match value {
        DeValue::Table(table) => index_toml(text, table, path, index),
        DeValue::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                path.push(i.to_string());
                let span = (item.span().start, item.span().end);
                // An `[[array]]` entry is placed at its header.
                let at = if matches!(item.get_ref(), DeValue::Table(_)) && span.0 < key.0 { key } else { span };
                index_toml_value(text, item.get_ref(), at, span, path, index);
                path.pop();
            }
        }
        _ => {}
    }
}

/// Whether the YAML value at byte `start` is written inline (`{ … }`,
/// `[ … ]`), rather than as a block of lines under its key.
fn inline(text: &str, start: usize) -> bool {
    text.get(start..).is_some_and(|rest| rest.starts_with(['{', '[']))
}

/// A YAML node with the places of its children: only what the index needs.
enum Node {
    Scalar,
    List(Vec<serde_saphyr::Spanned<Node>>),
    Map(Vec<(serde_saphyr::Spanned<String>, serde_saphyr::Spanned<Node>)>),
}

fn byte_range(location: &serde_saphyr::Location) -> (usize, usize) {
    let span = location.span();
    let start = span.byte_offset().unwrap_or(0) as usize;
    (start, start + span.byte_len().unwrap_or(0) as usize)
}

fn index_yaml(text: &str, node: &Node, path: &mut Vec<String>, index: &mut HashMap<String, Place>) {
    let mut visit = |name: String, key: (usize, usize), child: &serde_saphyr::Spanned<Node>| {
        path.push(name);
        let range = byte_range(&child.referenced);
        let value = match child.value {
            // A block's span covers its children: point at its key.
            Node::List(_) | Node::Map(_) if !inline(text, range.0) => key,
            _ => range,
        };
        index.entry(path.join("\0")).or_insert(Place { key, value });
        index_yaml(text, &child.value, path, index);
        path.pop();
    };
    match node {
        Node::Scalar => {}
        Node::List(items) => {
            for (i, item) in items.iter().enumerate() {
                visit(i.to_string(), byte_range(&item.referenced), item);
            }
        }
        Node::Map(entries) => {
            for (key, value) in entries {
                visit(key.value.clone(), byte_range(&key.referenced), value);
            }
        }
    }
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Node, D::Error> {
        d.deserialize_any(NodeVisitor)
    }
}

struct NodeVisitor;

macro_rules! scalars {
    ($($method:ident: $ty:ty),*) => {
        $(fn $method<E: de::Error>(self, _: $ty) -> Result<Node, E> { Ok(Node::Scalar) })*
    };
}

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = Node;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any YAML value")
    }

    scalars!(visit_bool: bool, visit_i64: i64, visit_u64: u64, visit_f64: f64, visit_str: &str);

    fn visit_unit<E: de::Error>(self) -> Result<Node, E> {
        Ok(Node::Scalar)
    }

    fn visit_none<E: de::Error>(self) -> Result<Node, E> {
        Ok(Node::Scalar)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Node, D::Error> {
        Node::deserialize(d)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Node::List(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<serde_saphyr::Spanned<KeyString>>()? {
            let key = serde_saphyr::Spanned::new(key.value.0, key.referenced, key.defined);
            entries.push((key, map.next_value()?));
        }
        Ok(Node::Map(entries))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toml(text: &str, path: &[&str]) -> Span {
        Locator::new(text, Format::Toml, 2).value(path)
    }

    fn yaml(text: &str, path: &[&str]) -> Span {
        Locator::new(text, Format::Yaml, 2).value(path)
    }

    #[test]
    fn locates_toml_keys_tables_and_arrays() {
        let text = "title = \"A\"\nimpact = \"high\"\n\n[data]\ndisposition = \"gone\"\n\n[[updates]]\ndate = 2026-01-01\n[[updates]]\ndate = 2026-02-01\n";
        assert_eq!(toml(text, &["impact"]), Span::new(3, 10, 6));
        assert_eq!(toml(text, &["data", "disposition"]), Span::new(6, 15, 6));
        assert_eq!(toml(text, &["updates", "1", "date"]), Span::new(11, 8, 10));
        // Missing keys fall back to the parent, then to the fence.
        assert_eq!(toml(text, &["data", "access"]).line, 5);
        assert_eq!(toml(text, &["updates", "1", "note"]).line, 10);
        assert_eq!(toml(text, &["audience"]), Span::new(1, 1, 3));
    }

    #[test]
    fn locates_dotted_and_inline_toml_keys() {
        let text = "data.disposition = \"gone\"\nprice = { before = \"$10\", after = \"$12\" }\n";
        assert_eq!(toml(text, &["data", "disposition"]), Span::new(2, 20, 6));
        assert_eq!(toml(text, &["price", "after"]), Span::new(3, 35, 5));
    }

    #[test]
    fn value_spans_stop_before_comments() {
        let text = "impact = \"high\"   # why\neffective = 2027-01-01 # note\ntitle = \"a # b\"\n";
        assert_eq!(toml(text, &["impact"]), Span::new(2, 10, 6));
        assert_eq!(toml(text, &["effective"]), Span::new(3, 13, 10));
        assert_eq!(toml(text, &["title"]), Span::new(4, 9, 7));
    }

    #[test]
    fn locates_yaml_keys_and_list_items() {
        let text =
            "title: A\ndata:\n  disposition: gone\nupdates:\n- date: 2026-01-01\n  note: x\n- date: 2026-02-01\n";
        assert_eq!(yaml(text, &["title"]), Span::new(2, 8, 1));
        assert_eq!(yaml(text, &["data", "disposition"]), Span::new(4, 16, 4));
        assert_eq!(yaml(text, &["updates", "1", "date"]).line, 8);
        assert_eq!(yaml(text, &["updates", "0", "note"]).line, 7);
        assert_eq!(yaml(text, &["data", "access"]).line, 3);
    }

    #[test]
    fn an_unparsable_source_points_at_the_fence() {
        assert_eq!(toml("title = \n", &["title"]), Span::new(1, 1, 3));
        assert_eq!(yaml("a: [\n", &["a"]), Span::new(1, 1, 3));
    }
}
