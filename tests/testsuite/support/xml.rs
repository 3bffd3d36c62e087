//! A strict little XML reader for the tests of feeds and sitemaps: the
//! whole document as a tree of elements, entities resolved.

use quick_xml::Reader;
use quick_xml::events::Event;

/// An XML element: name, attributes, text, children.
#[derive(Debug, Default)]
pub struct El {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub text: String,
    pub children: Vec<El>,
}

impl El {
    pub fn all<'a>(&'a self, name: &str) -> Vec<&'a El> {
        self.children.iter().filter(|c| c.name == name).collect()
    }

    #[track_caller]
    pub fn one(&self, name: &str) -> &El {
        let found = self.all(name);
        assert_eq!(found.len(), 1, "expected one <{name}> in <{}>", self.name);
        found[0]
    }

    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }
}

/// Parses `xml` strictly.
pub fn parse_xml(xml: &str) -> El {
    let mut reader = Reader::from_str(xml);
    reader.config_mut().check_end_names = true;
    let mut stack: Vec<El> = vec![El::default()];
    let element = |e: &quick_xml::events::BytesStart<'_>| El {
        name: AsRef::<str>::as_ref(&e.name()).to_string(),
        attrs: e
            .attributes()
            .map(|a| {
                let a = a.expect("valid attribute");
                let value = a.normalized_value(quick_xml::XmlVersion::default()).expect("attribute");
                (AsRef::<str>::as_ref(&a.key).to_string(), value.into_owned())
            })
            .collect(),
        ..El::default()
    };
    loop {
        match reader.read_event().unwrap_or_else(|e| panic!("not well-formed XML: {e}\n{xml}")) {
            Event::Start(e) => stack.push(element(&e)),
            Event::Empty(e) => {
                let el = element(&e);
                stack.last_mut().unwrap().children.push(el);
            }
            Event::End(_) => {
                let el = stack.pop().unwrap();
                stack.last_mut().unwrap().children.push(el);
            }
            Event::Text(t) => stack.last_mut().unwrap().text.push_str(&t),
            Event::GeneralRef(r) => {
                let name = r.to_string();
                let ch = match name.as_str() {
                    "amp" => "&".to_string(),
                    "lt" => "<".to_string(),
                    "gt" => ">".to_string(),
                    "quot" => "\"".to_string(),
                    "apos" => "'".to_string(),
                    other => match other.strip_prefix("#x").or_else(|| other.strip_prefix("#X")) {
                        Some(hex) => char::from_u32(u32::from_str_radix(hex, 16).unwrap()).unwrap().to_string(),
                        None => match other.strip_prefix('#') {
                            Some(dec) => char::from_u32(dec.parse().unwrap()).unwrap().to_string(),
                            None => panic!("unexpected entity &{other};"),
                        },
                    },
                };
                stack.last_mut().unwrap().text.push_str(&ch);
            }
            Event::CData(c) => stack.last_mut().unwrap().text.push_str(&c),
            Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!(stack.len(), 1, "unclosed elements");
    stack.pop().unwrap().children.pop().expect("a root element")
}
