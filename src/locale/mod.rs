//! The language a site is rendered in: the theme's labels and the CLDR
//! formats of dates, times, numbers and plurals. Labels come from the
//! built-in file of the language (English for keys it lacks) and the
//! site's own `i18n/<code>.toml`; formats come from ICU4X's CLDR data.

mod format;
mod labels;

pub use labels::Labels;

use jiff::Zoned;

use format::Formats;

/// Languages written right to left (by primary language subtag).
const RTL: &[&str] = &["ar", "arc", "ckb", "dv", "fa", "he", "ks", "ps", "sd", "ug", "ur", "yi"];

/// The labels and formats of one language.
pub struct Locale {
    code: String,
    rtl: bool,
    labels: Labels,
    formats: Formats,
}

impl std::fmt::Debug for Locale {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Locale").field("code", &self.code).finish_non_exhaustive()
    }
}

impl Locale {
    /// The locale of `code`, with the site's labels `site` (from
    /// `i18n/<code>.toml`) over the built-in ones.
    pub fn new(code: &str, site: Option<&Labels>) -> Locale {
        let mut labels = Labels::built_in("en").cloned().unwrap_or_default();
        if let Some(own) = Labels::built_in(code) {
            labels.extend(own);
        }
        if let Some(site) = site {
            labels.extend(site);
        }
        let primary = code.split('-').next().unwrap_or(code);
        let formats = Formats::new(code)
            .or_else(|| Formats::new("en"))
            .unwrap_or_else(|| unreachable!("ICU4X's compiled data has English"));
        Locale { code: code.to_string(), rtl: RTL.contains(&primary), labels, formats }
    }

    /// The English labels every label file is checked against.
    pub fn english() -> Labels {
        Labels::built_in("en").cloned().unwrap_or_default()
    }

    /// The language code (`de`).
    pub fn code(&self) -> &str {
        &self.code
    }

    /// `rtl` for right-to-left languages, else `ltr`.
    pub fn dir(&self) -> &'static str {
        if self.rtl { "rtl" } else { "ltr" }
    }

    /// All labels.
    pub fn labels(&self) -> &Labels {
        &self.labels
    }

    /// The label `key` (the key itself when no file has it, so a missing
    /// label shows rather than vanishes).
    pub fn text<'a>(&'a self, key: &'a str) -> &'a str {
        self.labels.get(key).unwrap_or(key)
    }

    /// The label `key` with each `{name}` replaced by its value (in one
    /// pass: a value is never searched for placeholders itself).
    pub fn fill(&self, key: &str, args: &[(&str, &str)]) -> String {
        let text = self.text(key);
        let mut out = String::with_capacity(text.len() + args.iter().map(|(_, v)| v.len()).sum::<usize>());
        let mut rest = text;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            let value = after
                .find('}')
                .and_then(|close| args.iter().find(|(name, _)| *name == &after[..close]).map(|(_, v)| (*v, close)));
            match value {
                Some((value, close)) => {
                    out.push_str(value);
                    rest = &after[close + 1..];
                }
                None => {
                    out.push('{');
                    rest = after;
                }
            }
        }
        out.push_str(rest);
        out
    }

    /// The label `key_<plural category of n>` (`key_other` when the
    /// language's file has no label for that category), with `{n}` and
    /// `{count}` the number in the language's digits and separators.
    pub fn count(&self, key: &str, n: u64, args: &[(&str, &str)]) -> String {
        let exact = format!("{key}_{}", self.formats.plural(n));
        let key = if self.labels.get(&exact).is_some() { exact } else { format!("{key}_other") };
        let number = self.formats.number(n);
        let mut all = vec![("n", number.as_str()), ("count", number.as_str())];
        all.extend_from_slice(args);
        self.fill(&key, &all)
    }

    /// `n` in the language's digits and separators ("1.234" in German).
    pub fn number(&self, n: u64) -> String {
        self.formats.number(n)
    }

    /// "Monday, March 1, 2027" (date with weekday).
    pub fn weekday_date(&self, z: &Zoned) -> String {
        self.formats.weekday_date(z)
    }

    /// "March 1, 2027".
    pub fn date(&self, z: &Zoned) -> String {
        self.formats.date(z)
    }

    /// "March 2027".
    pub fn month(&self, z: &Zoned) -> String {
        self.formats.month(z)
    }

    /// "Monday, March 1, 2027 at 9:00 AM".
    pub fn date_time(&self, z: &Zoned) -> String {
        self.formats.date_time(z)
    }

    /// "9:00 AM".
    pub fn time(&self, z: &Zoned) -> String {
        self.formats.time(z)
    }
}

/// The name of the language `code` in itself ("Deutsch"): the
/// `language_name` label of the site's file `site`, else of the built-in
/// file, else the code.
pub fn language_name(code: &str, site: Option<&Labels>) -> String {
    if let Some(name) = site.and_then(|l| l.get("language_name")) {
        return name.to_string();
    }
    Labels::built_in(code).and_then(|l| l.get("language_name").map(str::to_string)).unwrap_or_else(|| code.to_string())
}

/// The codes of the languages with built-in labels.
pub fn built_in_codes() -> impl Iterator<Item = &'static str> {
    labels::built_in_codes()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn zoned(s: &str) -> Zoned {
        s.parse().unwrap()
    }

    #[test]
    fn dates_follow_the_language() {
        let z = zoned("2027-03-01T09:00[Europe/Amsterdam]");
        let de = Locale::new("de", None);
        assert_eq!(de.weekday_date(&z), "Montag, 1. März 2027");
        assert_eq!(de.date_time(&z), "Montag, 1. März 2027 um 09:00");
        let ja = Locale::new("ja", None);
        assert_eq!(ja.date(&z), "2027年3月1日");
        assert_eq!(ja.month(&z), "2027年3月");
        let en = Locale::new("en", None);
        assert_eq!(en.date_time(&z), "Monday, March 1, 2027 at 9:00\u{202f}AM");
        assert_eq!(Locale::new("en-gb", None).date(&z), "1 March 2027");
        assert_eq!(Locale::new("fr", None).number(1234567), "1\u{202f}234\u{202f}567");
        // ICU4X's own Portuguese year-month pattern fails; see `format::month_locale`.
        assert_eq!(Locale::new("pt-br", None).month(&z), "março de 2027");
        assert_eq!(Locale::new("pt", None).month(&z), "março de 2027");
    }

    #[test]
    fn fill_replaces_each_placeholder_once() {
        let mut own = Labels::default();
        own.0.insert("x".into(), "{a} and {b}, {unknown} {".into());
        let loc = Locale::new("en", Some(&own));
        assert_eq!(loc.fill("x", &[("a", "{b}"), ("b", "2")]), "{b} and 2, {unknown} {");
    }

    #[test]
    fn counts_pick_the_plural_category() {
        let en = Locale::new("en", None);
        assert_eq!(en.count("relative_in_days", 1, &[]), "in 1 day");
        assert_eq!(en.count("relative_in_days", 3, &[]), "in 3 days");
        let de = Locale::new("de", None);
        assert_eq!(de.count("relative_in_days", 3, &[]), "in 3 Tagen");
    }

    #[test]
    fn right_to_left_languages_are_known() {
        assert_eq!(Locale::new("ar", None).dir(), "rtl");
        assert_eq!(Locale::new("he", None).dir(), "rtl");
        assert_eq!(Locale::new("de", None).dir(), "ltr");
        assert_eq!(Locale::new("pt-br", None).code(), "pt-br");
    }

    #[test]
    fn every_built_in_file_parses_and_has_every_english_label() {
        let en = Locale::english();
        assert!(en.get("language_name").is_some());
        for code in built_in_codes() {
            let own = Labels::built_in(code).unwrap();
            // A language without the category `one` (Japanese) needs only `_other`.
            let needed = |k: &&String| !(k.ends_with("_one") && own.0.contains_key(&k.replace("_one", "_other")));
            let missing: Vec<&String> = en.0.keys().filter(|k| !own.0.contains_key(*k) && needed(k)).collect();
            assert!(missing.is_empty(), "{code}.toml lacks {missing:?}");
            let extra: Vec<&String> = own.0.keys().filter(|k| !en.0.contains_key(*k) && !is_plural_form(k)).collect();
            assert!(extra.is_empty(), "{code}.toml has labels English lacks: {extra:?}");
        }
    }

    fn is_plural_form(key: &str) -> bool {
        labels::PLURAL_FORMS.iter().any(|s| key.ends_with(s))
    }

    #[test]
    fn a_site_label_file_overrides_and_unknown_keys_are_errors() {
        let en = Locale::english();
        let site =
            Labels::parse("nav_all_notices = \"Alle Änderungen\"\n", Some(&en), Path::new("i18n/de.toml")).unwrap();
        assert_eq!(Locale::new("de", Some(&site)).text("nav_all_notices"), "Alle Änderungen");
        let few = Labels::parse("relative_in_days_few = \"za {n} dni\"\n", Some(&en), Path::new("i18n/pl.toml"));
        assert!(few.is_ok(), "a plural form English lacks is a label");
        let err = Labels::parse("\n\nnav_al_notices = \"x\"\n", Some(&en), Path::new("i18n/de.toml")).unwrap_err();
        assert!(err.message.contains("unknown label `nav_al_notices`"), "{}", err.message);
        assert_eq!(err.span.map(|s| s.line), Some(3));
        assert!(err.help.as_deref().unwrap_or("").contains("nav_all_notices"));
    }
}
