//! A format-neutral tree of front-matter values. TOML and YAML are both
//! deserialized into it so one schema reader (see `schema`) can check keys,
//! types and values for both, and report every problem instead of the first.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

/// The magic field under which the `toml` crate hands out its datetimes.
const TOML_DATETIME_FIELD: &str = "$__toml_private_datetime";

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
            if key.0 == TOML_DATETIME_FIELD {
                let text: String = map.next_value()?;
                return Ok(Raw::Datetime(text));
            }
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
struct KeyString(String);

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
        let raw: Raw = toml::from_str("b = 2027-01-02\na = 1979-05-27T07:32:00Z\n").unwrap();
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
