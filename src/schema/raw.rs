//! A format-neutral tree of front-matter values. TOML and YAML are both
//! deserialized into it so one schema reader (see `schema`) can check keys,
//! types and values for both, and report every problem instead of the first.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

/// One front-matter value.
#[derive(Clone, Debug, PartialEq)]
pub enum Raw {
    /// YAML `~`/empty; TOML has none.
    Null,
    /// `true`/`false`.
    Bool(bool),
    /// An integer.
    Int(i64),
    /// A float.
    Float(f64),
    /// A string.
    Str(String),
    /// An unquoted TOML date, time or datetime, as written.
    Datetime(String),
    /// An array / sequence.
    List(Vec<Raw>),
    /// A table / mapping (YAML keeps source order, TOML sorts keys).
    Table(Vec<(String, Raw)>),
}

impl Raw {
    /// The name of the value's type, for "expected X, found Y" messages.
    pub fn type_name(&self) -> &'static str {
        match self {
            Raw::Null => "nothing",
            Raw::Bool(_) => "a boolean",
            Raw::Int(_) => "an integer",
            Raw::Float(_) => "a number",
            Raw::Str(_) => "a string",
            Raw::Datetime(_) => "a date",
            Raw::List(_) => "a list",
            Raw::Table(_) => "a table",
        }
    }

    /// Looks up `key` in a table.
    pub fn get(&self, key: &str) -> Option<&Raw> {
        match self {
            Raw::Table(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }
}

/// A TOML document that could not be read: what is wrong, and the byte
/// range it is about when known.
#[derive(Debug)]
pub struct TomlError {
    /// The parser's message.
    pub message: String,
    /// Where in the text.
    pub span: Option<std::ops::Range<usize>>,
}

impl Raw {
    /// Reads a TOML document with the `toml` crate's parser, straight into
    /// the tree (without serde in between: the tree is all we need).
    pub fn from_toml(text: &str) -> Result<Raw, TomlError> {
        let table = toml::de::DeTable::parse(text)
            .map_err(|e| TomlError { message: e.message().trim_end().to_string(), span: e.span() })?;
        toml_table(table.get_ref())
    }
}

fn toml_table(table: &toml::de::DeTable<'_>) -> Result<Raw, TomlError> {
    table.iter().map(|(k, v)| Ok((k.get_ref().to_string(), toml_value(v)?))).collect::<Result<_, _>>().map(Raw::Table)
}

fn toml_value(value: &toml::Spanned<toml::de::DeValue<'_>>) -> Result<Raw, TomlError> {
    use toml::de::DeValue;
    let out_of_range = |what: &str| TomlError { message: format!("{what} is out of range"), span: Some(value.span()) };
    Ok(match value.get_ref() {
        DeValue::String(s) => Raw::Str(s.to_string()),
        DeValue::Integer(i) => {
            Raw::Int(i64::from_str_radix(i.as_str(), i.radix()).map_err(|_| out_of_range("the integer"))?)
        }
        DeValue::Float(f) => Raw::Float(f.as_str().parse().map_err(|_| out_of_range("the number"))?),
        DeValue::Boolean(b) => Raw::Bool(*b),
        DeValue::Datetime(d) => Raw::Datetime(d.to_string()),
        DeValue::Array(items) => Raw::List(items.iter().map(toml_value).collect::<Result<_, _>>()?),
        DeValue::Table(table) => toml_table(table)?,
    })
}

impl<'de> Deserialize<'de> for Raw {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Raw, D::Error> {
        d.deserialize_any(RawVisitor)
    }
}

struct RawVisitor;

impl<'de> Visitor<'de> for RawVisitor {
    type Value = Raw;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a front-matter value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Raw, E> {
        Ok(Raw::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Raw, E> {
        Ok(Raw::Int(v))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Raw, E> {
        i64::try_from(v).map(Raw::Int).map_err(|_| E::custom("integer is too large"))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Raw, E> {
        Ok(Raw::Float(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Raw, E> {
        Ok(Raw::Str(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<Raw, E> {
        Ok(Raw::Str(v))
    }
    fn visit_unit<E>(self) -> Result<Raw, E> {
        Ok(Raw::Null)
    }
    fn visit_none<E>(self) -> Result<Raw, E> {
        Ok(Raw::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Raw, D::Error> {
        Raw::deserialize(d)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Raw, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Raw::List(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Raw, A::Error> {
        let mut entries: Vec<(String, Raw)> = Vec::new();
        while let Some(key) = map.next_key::<KeyString>()? {
            let value: Raw = map.next_value()?;
            if entries.iter().any(|(k, _)| *k == key.0) {
                return Err(de::Error::custom(format!("duplicate key `{}`", key.0)));
            }
            entries.push((key.0, value));
        }
        Ok(Raw::Table(entries))
    }
}

/// A map key: YAML allows non-string keys (`1: x`, `true: y`); we accept
/// scalars and use their text.
pub(super) struct KeyString(pub(super) String);

impl<'de> Deserialize<'de> for KeyString {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<KeyString, D::Error> {
        struct KeyVisitor;
        impl Visitor<'_> for KeyVisitor {
            type Value = KeyString;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a key")
            }
            fn visit_str<E>(self, v: &str) -> Result<KeyString, E> {
                Ok(KeyString(v.to_string()))
            }
            fn visit_string<E>(self, v: String) -> Result<KeyString, E> {
                Ok(KeyString(v))
            }
            fn visit_bool<E>(self, v: bool) -> Result<KeyString, E> {
                Ok(KeyString(v.to_string()))
            }
            fn visit_i64<E>(self, v: i64) -> Result<KeyString, E> {
                Ok(KeyString(v.to_string()))
            }
            fn visit_u64<E>(self, v: u64) -> Result<KeyString, E> {
                Ok(KeyString(v.to_string()))
            }
            fn visit_f64<E>(self, v: f64) -> Result<KeyString, E> {
                Ok(KeyString(v.to_string()))
            }
        }
        d.deserialize_any(KeyVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_datetimes_keep_their_text() {
        let raw = Raw::from_toml("b = 2027-01-02\na = 1979-05-27T07:32:00Z\n").unwrap();
        assert_eq!(raw.get("b"), Some(&Raw::Datetime("2027-01-02".into())));
        assert_eq!(raw.get("a"), Some(&Raw::Datetime("1979-05-27T07:32:00Z".into())));
    }

    #[test]
    fn yaml_nulls_and_lists() {
        let raw: Raw = serde_saphyr::from_str("a:\nb: [x, 2]\n").unwrap();
        assert_eq!(raw.get("a"), Some(&Raw::Null));
        assert_eq!(raw.get("b"), Some(&Raw::List(vec![Raw::Str("x".into()), Raw::Int(2)])));
    }
}
