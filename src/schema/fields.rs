//! A typed reader over a [`Raw`] table: each accessor checks the type of one
//! key and records a problem (with its position) instead of stopping, and
//! [`Fields::finish`] reports every key nobody asked for as unknown, with a
//! "did you mean" hint. Both front matter and `forewarn.toml` use it.

use std::cell::RefCell;

use jiff::tz::TimeZone;

use super::{Locator, Problem, Raw};
use crate::diagnostic::{Span, did_you_mean};
use crate::moment::Moment;

/// Shared state of one file's reading: where keys are, and what went wrong.
pub struct Cx<'a> {
    locator: &'a Locator,
    tz: &'a TimeZone,
    problems: RefCell<Vec<Problem>>,
}

impl<'a> Cx<'a> {
    /// A reader context for one file.
    pub fn new(locator: &'a Locator, tz: &'a TimeZone) -> Cx<'a> {
        Cx { locator, tz, problems: RefCell::new(Vec::new()) }
    }

    /// The problems found so far.
    pub fn into_problems(self) -> Vec<Problem> {
        self.problems.into_inner()
    }

    /// The table at the top of the file.
    pub fn root(&'a self, raw: &'a Raw) -> Fields<'a> {
        Fields {
            entries: match raw {
                Raw::Table(e) => e,
                _ => &[],
            },
            path: Vec::new(),
            used: Vec::new(),
            cx: self,
            allow_any: false,
        }
    }
}

/// One table's keys being read.
pub struct Fields<'a> {
    entries: &'a [(String, Raw)],
    path: Vec<String>,
    used: Vec<&'static str>,
    cx: &'a Cx<'a>,
    allow_any: bool,
}

/// The first control character of `s` other than a tab, a line feed or a
/// carriage return before a line feed (the text of multi-line fields).
fn control_char(s: &str) -> Option<char> {
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\t' | '\n' => {}
            '\r' if chars.peek() == Some(&'\n') => {}
            c if c.is_control() => return Some(c),
            _ => {}
        }
    }
    None
}

impl<'a> Fields<'a> {
    fn full_path<'p>(&'p self, key: &'p str) -> Vec<&'p str> {
        let mut p: Vec<&str> = self.path.iter().map(String::as_str).collect();
        p.push(key);
        p
    }

    fn dotted(&self, key: &str) -> String {
        self.full_path(key).join(".")
    }

    /// Records a problem at the value of `key`.
    pub fn problem(&self, key: &str, message: impl Into<String>, help: impl Into<String>) {
        let span = self.cx.locator.value(&self.full_path(key));
        self.cx.problems.borrow_mut().push(Problem { span, message: message.into(), help: Some(help.into()) });
    }

    /// Records a problem at the value of a deeper key path (`rel` below this
    /// table), for keys read without an accessor.
    pub fn problem_at(&self, rel: &[&str], message: impl Into<String>, help: impl Into<String>) {
        let span = self.span_of(rel);
        self.cx.problems.borrow_mut().push(Problem { span, message: message.into(), help: Some(help.into()) });
    }

    /// The span of the value at `rel` below this table.
    pub fn span_of(&self, rel: &[&str]) -> Span {
        let mut p: Vec<&str> = self.path.iter().map(String::as_str).collect();
        p.extend_from_slice(rel);
        self.cx.locator.value(&p)
    }

    fn get(&mut self, key: &'static str) -> Option<&'a Raw> {
        self.used.push(key);
        self.entries.iter().find(|(k, _)| k == key).map(|(_, v)| v).filter(|v| **v != Raw::Null)
    }

    fn wrong_type(&self, key: &str, expected: &str, found: &Raw, help: &str) {
        self.problem(key, format!("`{}` must be {expected}, found {}", self.dotted(key), found.type_name()), help);
    }

    /// Whether `key` is present (and not null).
    pub fn has(&self, key: &str) -> bool {
        self.entries.iter().any(|(k, v)| k == key && *v != Raw::Null)
    }

    /// Whether `key` holds a table (for keys that take a table or an older
    /// plain form).
    pub fn holds_table(&self, key: &str) -> bool {
        self.entries.iter().any(|(k, v)| k == key && matches!(v, Raw::Table(_)))
    }

    /// Records a problem and returns false when `s`, the value of `key`,
    /// holds a control character other than a tab or a line break: escapes
    /// such as `\u001b` would reach pages, feeds, emails and terminals.
    fn printable(&self, key: &str, s: &str) -> bool {
        let Some(c) = control_char(s) else { return true };
        self.problem(
            key,
            format!("`{}` contains a control character (U+{:04X}); remove it", self.dotted(key), u32::from(c)),
            "remove the escape (such as `\\u001b`) from the text; tabs and line breaks are the only control characters allowed",
        );
        false
    }

    /// A string value (without control characters but tabs and line breaks).
    pub fn string(&mut self, key: &'static str) -> Option<String> {
        match self.get(key)? {
            Raw::Str(s) => self.printable(key, s).then(|| s.clone()),
            other => {
                self.wrong_type(key, "a string", other, "put the value in double quotes");
                None
            }
        }
    }

    /// A required string value.
    pub fn required_string(&mut self, key: &'static str) -> Option<String> {
        let v = self.string(key);
        if v.is_none() && !self.has(key) {
            self.missing(key);
        }
        v
    }

    /// Records that a required key is absent.
    pub fn missing(&self, key: &str) {
        let span = self.cx.locator.key(&self.full_path(key));
        self.cx.problems.borrow_mut().push(Problem {
            span,
            message: format!("the required key `{}` is missing", self.dotted(key)),
            help: Some(format!("add `{key} = …` to the front matter")),
        });
    }

    /// A list of strings; a single string is taken as a list of one.
    pub fn strings(&mut self, key: &'static str) -> Vec<String> {
        match self.get(key) {
            None => Vec::new(),
            Some(Raw::Str(s)) if self.printable(key, s) => vec![s.clone()],
            Some(Raw::Str(_)) => Vec::new(),
            Some(Raw::List(items)) => {
                let mut out = Vec::new();
                for item in items {
                    match item {
                        Raw::Str(s) if !self.printable(key, s) => return Vec::new(),
                        Raw::Str(s) => out.push(s.clone()),
                        other => {
                            self.wrong_type(key, "a list of strings", other, "quote every item: `[\"a\", \"b\"]`");
                            return Vec::new();
                        }
                    }
                }
                out
            }
            Some(other) => {
                self.wrong_type(key, "a list of strings", other, "write a list: `[\"a\", \"b\"]`");
                Vec::new()
            }
        }
    }

    /// A boolean.
    pub fn bool(&mut self, key: &'static str) -> Option<bool> {
        match self.get(key)? {
            Raw::Bool(b) => Some(*b),
            other => {
                self.wrong_type(key, "`true` or `false`", other, "write `true` or `false` without quotes");
                None
            }
        }
    }

    /// A non-negative integer.
    pub fn uint(&mut self, key: &'static str) -> Option<u64> {
        match self.get(key)? {
            Raw::Int(i) if *i >= 0 => Some(*i as u64),
            Raw::Int(i) => {
                self.problem(
                    key,
                    format!("`{}` must not be negative, found {i}", self.dotted(key)),
                    "write a whole number of 0 or more",
                );
                None
            }
            other => {
                self.wrong_type(key, "a whole number", other, "write a number without quotes");
                None
            }
        }
    }

    /// A number of days: 0 to 36,500 (a hundred years; larger values are
    /// surely typos and would overflow date arithmetic).
    pub fn days(&mut self, key: &'static str) -> Option<u64> {
        let v = self.uint(key)?;
        if v > 36_500 {
            self.problem(
                key,
                format!("`{}` is {v} days, more than a hundred years", self.dotted(key)),
                "write a number of days from 0 to 36500",
            );
            return None;
        }
        Some(v)
    }

    /// A date or datetime (see [`Moment::parse`]).
    pub fn moment(&mut self, key: &'static str) -> Option<Moment> {
        let text = match self.get(key)? {
            Raw::Datetime(s) | Raw::Str(s) => s,
            other => {
                self.wrong_type(
                    key,
                    "a date or datetime",
                    other,
                    "write a date like `2027-03-01` or a datetime like `2027-03-01T09:00:00+01:00`",
                );
                return None;
            }
        };
        match Moment::parse(text, self.cx.tz) {
            Ok(m) => Some(m),
            Err(e) => {
                self.problem(
                    key,
                    format!("`{}`: {e}", self.dotted(key)),
                    "write a date like `2027-03-01`, a datetime like `2027-03-01T09:00:00+01:00`, or one with a zone like `2027-03-01T09:00:00[Europe/Amsterdam]`",
                );
                None
            }
        }
    }

    /// A list of non-negative integers (`[7, 1]`).
    pub fn uints(&mut self, key: &'static str) -> Vec<u64> {
        let items: &[Raw] = match self.get(key) {
            None => return Vec::new(),
            Some(Raw::List(items)) => items,
            Some(other) => {
                self.wrong_type(key, "a list of whole numbers", other, "write a list: `[7, 1]`");
                return Vec::new();
            }
        };
        let mut out = Vec::new();
        for item in items {
            match item {
                Raw::Int(i) if (0..=36_500).contains(i) => out.push(*i as u64),
                other => {
                    self.problem(
                        key,
                        format!(
                            "`{}` holds {}, not a number of days from 0 to 36500",
                            self.dotted(key),
                            other.type_name()
                        ),
                        "write whole numbers of days: `[7, 1]`",
                    );
                    return Vec::new();
                }
            }
        }
        out
    }

    /// A list of bare dates (`[2026-12-25, 2027-01-01]`).
    pub fn dates(&mut self, key: &'static str) -> Vec<jiff::civil::Date> {
        let items: &[Raw] = match self.get(key) {
            None => return Vec::new(),
            Some(Raw::List(items)) => items,
            Some(other) => {
                self.wrong_type(key, "a list of dates", other, "write a list: `[2026-12-25, 2027-01-01]`");
                return Vec::new();
            }
        };
        let mut out = Vec::new();
        for item in items {
            let date = match item {
                Raw::Datetime(s) | Raw::Str(s) => s.parse::<jiff::civil::Date>().ok().filter(|_| s.len() == 10),
                _ => None,
            };
            match date {
                Some(d) => out.push(d),
                None => {
                    let shown = match item {
                        Raw::Datetime(s) | Raw::Str(s) => format!("`{s}`"),
                        other => other.type_name().to_string(),
                    };
                    self.problem(
                        key,
                        format!("`{}` holds {shown}, which is not a date", self.dotted(key)),
                        "write each item as a bare date: `[2026-12-25, 2027-01-01]`",
                    );
                    return Vec::new();
                }
            }
        }
        out
    }

    /// A required date or datetime.
    pub fn required_moment(&mut self, key: &'static str) -> Option<Moment> {
        let v = self.moment(key);
        if v.is_none() && !self.has(key) {
            self.missing(key);
        }
        v
    }

    /// One of a fixed set of words; the message lists them.
    pub fn one_of<T: Copy>(&mut self, key: &'static str, allowed: &[(&'static str, T)]) -> Option<T> {
        let names: Vec<&str> = allowed.iter().map(|(n, _)| *n).collect();
        let list = names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ");
        match self.get(key)? {
            Raw::Str(s) if !self.printable(key, s) => None,
            Raw::Str(s) => {
                if let Some((_, v)) = allowed.iter().find(|(n, _)| *n == s) {
                    return Some(*v);
                }
                let help = match did_you_mean(&s.to_lowercase(), &names) {
                    Some(n) => format!("did you mean `{n}`? `{}` is one of {list}", self.dotted(key)),
                    None => format!("`{}` is one of {list}", self.dotted(key)),
                };
                self.problem(key, format!("`{}` cannot be `{s}`", self.dotted(key)), help);
                None
            }
            other => {
                self.wrong_type(key, &format!("one of {list}"), other, "write the word in double quotes");
                None
            }
        }
    }

    /// A list of words from a fixed set (a single word is a list of one);
    /// each unknown word is a problem naming the set.
    pub fn many_of<T: Copy>(&mut self, key: &'static str, allowed: &[(&'static str, T)]) -> Vec<T> {
        let names: Vec<&str> = allowed.iter().map(|(n, _)| *n).collect();
        let list = names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ");
        let mut out = Vec::new();
        for word in self.strings(key) {
            match allowed.iter().find(|(n, _)| *n == word) {
                Some((_, v)) => out.push(*v),
                None => {
                    let help = match did_you_mean(&word.to_lowercase(), &names) {
                        Some(n) => format!("did you mean `{n}`? each item of `{}` is one of {list}", self.dotted(key)),
                        None => format!("each item of `{}` is one of {list}", self.dotted(key)),
                    };
                    self.problem(key, format!("`{}` cannot hold `{word}`", self.dotted(key)), help);
                }
            }
        }
        out
    }

    /// A nested table.
    pub fn table(&mut self, key: &'static str) -> Option<Fields<'a>> {
        match self.get(key)? {
            Raw::Table(entries) => Some(self.child(entries, vec![key.to_string()])),
            other => {
                self.wrong_type(
                    key,
                    "a table",
                    other,
                    &format!("write `[{key}]` on its own line and the keys below it"),
                );
                None
            }
        }
    }

    /// A list of tables (`[[key]]` in TOML, a list of mappings in YAML).
    pub fn tables(&mut self, key: &'static str) -> Vec<Fields<'a>> {
        match self.get(key) {
            None => Vec::new(),
            Some(Raw::List(items)) => {
                let mut out = Vec::new();
                for (i, item) in items.iter().enumerate() {
                    match item {
                        Raw::Table(entries) => out.push(self.child(entries, vec![key.to_string(), i.to_string()])),
                        other => self.wrong_type(
                            key,
                            "a list of tables",
                            other,
                            &format!("write each entry as `[[{key}]]` with its keys below"),
                        ),
                    }
                }
                out
            }
            Some(other) => {
                self.wrong_type(
                    key,
                    "a list of tables",
                    other,
                    &format!("write each entry as `[[{key}]]` with its keys below"),
                );
                Vec::new()
            }
        }
    }

    /// Any value, its type unchecked (for `extra`); its strings, however
    /// deep, are held to the rule of [`Fields::string`].
    pub fn any(&mut self, key: &'static str) -> Option<&'a Raw> {
        let raw = self.get(key)?;
        fn clean(raw: &Raw) -> bool {
            match raw {
                Raw::Str(s) => control_char(s).is_none(),
                Raw::List(items) => items.iter().all(clean),
                Raw::Table(entries) => entries.iter().all(|(k, v)| control_char(k).is_none() && clean(v)),
                _ => true,
            }
        }
        if clean(raw) {
            return Some(raw);
        }
        self.problem(
            key,
            format!("`{}` contains a control character; remove it", self.dotted(key)),
            "remove escapes such as `\\u001b` from its text; tabs and line breaks are the only control characters allowed",
        );
        None
    }

    /// Every entry of a table whose keys are free (`[areas.<slug>]`), each
    /// itself a table; any other value is a problem.
    pub fn free_tables(mut self) -> Vec<(&'a str, Fields<'a>)> {
        self.allow_any = true;
        let mut out = Vec::new();
        for (k, v) in self.entries {
            match v {
                Raw::Table(entries) => out.push((k.as_str(), self.child(entries, vec![k.clone()]))),
                other => self.problem(
                    k,
                    format!("`{}` must be a table, found {}", self.dotted(k), other.type_name()),
                    format!("write `[{}]` on its own line with `name = \"…\"` below it", self.dotted(k)),
                ),
            }
        }
        out
    }

    /// Accepts every key of this table without complaint (used for tables
    /// whose keys are free, like `[checklist.levels]`), returning them.
    pub fn free_entries(mut self) -> &'a [(String, Raw)] {
        self.allow_any = true;
        self.entries
    }

    fn child(&self, entries: &'a [(String, Raw)], rel: Vec<String>) -> Fields<'a> {
        let mut path = self.path.clone();
        path.extend(rel);
        Fields { entries, path, used: Vec::new(), cx: self.cx, allow_any: false }
    }

    /// The position path of a key, for callers that report later problems.
    pub fn path_of(&self, key: &str) -> Vec<String> {
        self.full_path(key).into_iter().map(str::to_string).collect()
    }

    /// Reports every key that no accessor asked for.
    pub fn finish(self) {
        if self.allow_any {
            return;
        }
        for (key, _) in self.entries {
            if self.used.contains(&key.as_str()) {
                continue;
            }
            let span = self.cx.locator.key(&self.full_path(key));
            let help = match did_you_mean(key, &self.used) {
                Some(k) => format!("did you mean `{k}`?"),
                None => {
                    let mut known = self.used.clone();
                    known.sort_unstable();
                    known.dedup();
                    format!(
                        "known keys here: {}; put custom data under `[extra]`",
                        known.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ")
                    )
                }
            };
            self.cx.problems.borrow_mut().push(Problem {
                span,
                message: format!("unknown key `{}`", self.dotted(key)),
                help: Some(help),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_but_tabs_and_line_breaks_are_found() {
        assert_eq!(control_char("a\tb\nc\r\nd"), None);
        assert_eq!(control_char("a\u{1b}[31m"), Some('\u{1b}'));
        assert_eq!(control_char("x\0"), Some('\0'));
        assert_eq!(control_char("over\rwrite"), Some('\r'));
        assert_eq!(control_char("c1 \u{9b}"), Some('\u{9b}'));
    }
}
