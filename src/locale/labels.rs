//! Label files: flat TOML tables of `key = "text"`, one per language. The
//! default theme embeds one for each built-in language; a site adds or
//! overrides labels with `i18n/<code>.toml`.

use std::collections::HashMap;
use std::path::Path;
use std::sync::OnceLock;

use crate::diagnostic::{Diagnostic, Span, did_you_mean};

/// The label files built into the binary, by language code.
const BUILT_IN: &[(&str, &str)] = &[
    ("en", include_str!("../../themes/default/i18n/en.toml")),
    ("de", include_str!("../../themes/default/i18n/de.toml")),
    ("fr", include_str!("../../themes/default/i18n/fr.toml")),
    ("es", include_str!("../../themes/default/i18n/es.toml")),
    ("nl", include_str!("../../themes/default/i18n/nl.toml")),
    ("pt", include_str!("../../themes/default/i18n/pt.toml")),
    ("ja", include_str!("../../themes/default/i18n/ja.toml")),
    ("ar", include_str!("../../themes/default/i18n/ar.toml")),
];

/// The codes of the built-in label files.
pub(super) fn built_in_codes() -> impl Iterator<Item = &'static str> {
    BUILT_IN.iter().map(|(code, _)| *code)
}

/// The suffixes of the CLDR plural forms besides `_other`.
pub(super) const PLURAL_FORMS: [&str; 5] = ["_zero", "_one", "_two", "_few", "_many"];

/// A set of labels: key to text.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
#[serde(transparent)]
pub struct Labels(pub(super) HashMap<String, String>);

impl Labels {
    /// Parses the label file `shown`. Every key must be one of `known`
    /// (when given): a misspelt key would otherwise be ignored without a word.
    pub fn parse(text: &str, known: Option<&Labels>, shown: &Path) -> Result<Labels, Box<Diagnostic>> {
        let error = |at: usize, width: usize, message: String, help: String| {
            let span = Span::from_byte_range(text, at, at + width, 1);
            Box::new(Diagnostic::error("labels", shown, message).at(span, text).help(help))
        };
        let table: toml::Table = text.parse().map_err(|e: toml::de::Error| {
            let at = e.span().map_or(0, |s| s.start);
            error(at, 1, format!("invalid TOML: {}", e.message().trim()), "write one `key = \"text\"` per line".into())
        })?;
        let mut labels = HashMap::new();
        for (key, value) in table {
            let at = find_key(text, &key);
            if let Some(known) = known
                && !known.0.contains_key(&key)
                && !plural_form_of_known(&key, known)
            {
                let keys: Vec<&str> = known.0.keys().map(String::as_str).collect();
                let help = did_you_mean(&key, &keys).map_or_else(
                    || {
                        "use the keys of the theme's English labels (themes/default/i18n/en.toml in forewarn's source)"
                            .to_string()
                    },
                    |k| format!("did you mean `{k}`?"),
                );
                return Err(error(at, key.len(), format!("unknown label `{key}`"), help));
            }
            match value {
                toml::Value::String(s) => {
                    labels.insert(key, s);
                }
                other => {
                    let message = format!("the label `{key}` is not text but of the TOML type {}", other.type_str());
                    return Err(error(at, key.len(), message, format!("write it as `{key} = \"…\"`")));
                }
            }
        }
        Ok(Labels(labels))
    }

    /// The built-in labels of `code` (`pt-br` falls back to `pt`), if any:
    /// each file is parsed once per process.
    pub(super) fn built_in(code: &str) -> Option<&'static Labels> {
        static PARSED: OnceLock<Vec<(&str, Labels)>> = OnceLock::new();
        let parsed = PARSED.get_or_init(|| {
            // A file that did not parse would have no labels: the tests of
            // `locale` check that every one has every English label.
            BUILT_IN.iter().map(|(c, text)| (*c, Labels::parse(text, None, Path::new(c)).unwrap_or_default())).collect()
        });
        let base = code.split('-').next().unwrap_or(code);
        let find = |wanted: &str| parsed.iter().find(|(c, _)| *c == wanted).map(|(_, l)| l);
        find(code).or_else(|| find(base))
    }

    /// The text of `key`, if set.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.0.get(key).map(String::as_str)
    }

    /// The labels whose keys start with `prefix`, as a JSON object (for
    /// scripts: the site's and the banner's).
    pub fn json_with_prefix(&self, prefix: &str) -> serde_json::Value {
        let picked: serde_json::Map<String, serde_json::Value> = self
            .0
            .iter()
            .filter(|(k, _)| k.starts_with(prefix))
            .map(|(k, v)| (k.clone(), serde_json::Value::String(v.clone())))
            .collect();
        serde_json::Value::Object(picked)
    }

    /// Labels of `over` replace those here.
    pub(super) fn extend(&mut self, over: &Labels) {
        self.0.extend(over.0.iter().map(|(k, v)| (k.clone(), v.clone())));
    }
}

/// Whether `key` is a CLDR plural form (`x_few`) of a plural label `x`
/// (one with `x_other`): languages use forms English does not have.
fn plural_form_of_known(key: &str, known: &Labels) -> bool {
    PLURAL_FORMS
        .iter()
        .any(|form| key.strip_suffix(form).is_some_and(|base| known.0.contains_key(&format!("{base}_other"))))
}

/// Where `key` is defined in `text` (byte offset; 0 when not found).
fn find_key(text: &str, key: &str) -> usize {
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        let bare = trimmed.strip_prefix('"').unwrap_or(trimmed);
        if bare.starts_with(key) && bare[key.len()..].trim_start_matches('"').trim_start().starts_with('=') {
            return at + (line.len() - trimmed.len());
        }
        at += line.len();
    }
    0
}
