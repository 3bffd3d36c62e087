//! A fast reader for the plain TOML that front matter almost always is:
//! `key = value` lines and `[table]` headers, with strings, integers,
//! booleans, dates and one-line arrays. Anything else (and anything it is
//! not sure about: escapes beyond the common ones, floats, dotted or quoted
//! keys, multi-line values, duplicate keys) makes it answer `None`, and the
//! `toml` crate reads the text instead, with its exact error messages.
//!
//! Why: it makes `forewarn check` of a large site more than a tenth faster
//! than the `toml` crate alone (docs/benchmarks.md, "Choices that earn their
//! place"). The tests hold this reader to the `toml` crate's answer on every
//! input it accepts.

use crate::schema::Raw;

/// Reads `text` if it is in the subset; `None` means "ask the toml crate".
pub(super) fn parse(text: &str) -> Option<Raw> {
    let mut root: Vec<(String, Raw)> = Vec::new();
    // The open `[table]`, as an index into `root`.
    let mut table: Option<usize> = None;
    let mut rest = text;
    while !rest.is_empty() {
        // A line ends with LF or CRLF (a lone CR is an error, left to toml).
        let (line, next) = match rest.find('\n') {
            Some(i) => (rest[..i].strip_suffix('\r').unwrap_or(&rest[..i]), &rest[i + 1..]),
            None => (rest, ""),
        };
        rest = next;
        let line = trim_ws(line);
        if line.is_empty() || line.starts_with('#') {
            check_comment(line)?;
            continue;
        }
        if let Some(header) = line.strip_prefix('[') {
            let (name, after) = header.split_once(']')?;
            let name = bare_key(trim_ws(name))?;
            check_comment(trim_ws(after))?;
            if root.iter().any(|(k, _)| k == name) {
                return None;
            }
            root.push((name.to_string(), Raw::Table(Vec::new())));
            table = Some(root.len() - 1);
            continue;
        }
        let (key, value) = line.split_once('=')?;
        let key = bare_key(trim_ws(key))?;
        let (value, after) = value_at(trim_ws(value))?;
        check_comment(trim_ws(after))?;
        let entries = match table {
            Some(i) => match &mut root[i].1 {
                Raw::Table(entries) => entries,
                _ => return None,
            },
            None => &mut root,
        };
        if entries.iter().any(|(k, _)| k == key) {
            return None;
        }
        entries.push((key.to_string(), value));
    }
    // The toml crate hands keys over sorted.
    for (_, v) in &mut root {
        if let Raw::Table(entries) = v {
            entries.sort_by(|a, b| a.0.cmp(&b.0));
        }
    }
    root.sort_by(|a, b| a.0.cmp(&b.0));
    Some(Raw::Table(root))
}

fn trim_ws(s: &str) -> &str {
    let ws = |b: &u8| *b == b' ' || *b == b'\t';
    let start = s.bytes().position(|b| !ws(&b)).unwrap_or(s.len());
    let end = s.bytes().rposition(|b| !ws(&b)).map_or(start, |i| i + 1);
    &s[start..end.max(start)]
}

/// Nothing, or a comment without control characters.
fn check_comment(s: &str) -> Option<()> {
    if s.is_empty() {
        return Some(());
    }
    let comment = s.strip_prefix('#')?;
    (!comment.chars().any(|c| c != '\t' && c.is_control())).then_some(())
}

fn bare_key(s: &str) -> Option<&str> {
    (!s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')).then_some(s)
}

/// A value at the start of `s`, and what follows it.
fn value_at(s: &str) -> Option<(Raw, &str)> {
    match s.as_bytes().first()? {
        b'"' => basic_string(s),
        b'\'' => literal_string(s),
        b'[' => array(s),
        _ => {
            let end = s.find([' ', '\t', ',', ']', '#']).unwrap_or(s.len());
            Some((scalar(&s[..end])?, &s[end..]))
        }
    }
}

fn array(s: &str) -> Option<(Raw, &str)> {
    let mut items = Vec::new();
    let mut rest = trim_ws(&s[1..]);
    loop {
        if let Some(after) = rest.strip_prefix(']') {
            return Some((Raw::List(items), after));
        }
        if rest.starts_with('[') {
            return None;
        }
        let (item, after) = value_at(rest)?;
        items.push(item);
        rest = trim_ws(after);
        match rest.strip_prefix(',') {
            Some(after) => rest = trim_ws(after),
            None if rest.starts_with(']') => {}
            None => return None,
        }
    }
}

/// A string in double quotes with at most the escapes `\"`, `\\`, `\n`,
/// `\t` and `\r`.
fn basic_string(s: &str) -> Option<(Raw, &str)> {
    if s.starts_with("\"\"\"") {
        return None;
    }
    let mut out = String::new();
    let mut rest = &s[1..];
    loop {
        let stop = memchr::memchr2(b'"', b'\\', rest.as_bytes())?;
        let plain = &rest[..stop];
        if plain.bytes().any(|b| (b < 0x20 && b != b'\t') || b == 0x7f) {
            return None;
        }
        out.push_str(plain);
        let after = &rest[stop + 1..];
        if rest.as_bytes()[stop] == b'"' {
            return Some((Raw::Str(out), after));
        }
        out.push(match after.as_bytes().first()? {
            b'"' => '"',
            b'\\' => '\\',
            b'n' => '\n',
            b't' => '\t',
            b'r' => '\r',
            _ => return None,
        });
        rest = &after[1..];
    }
}

fn literal_string(s: &str) -> Option<(Raw, &str)> {
    if s.starts_with("'''") {
        return None;
    }
    let end = s[1..].find('\'')? + 1;
    let body = &s[1..end];
    if body.bytes().any(|b| (b < 0x20 && b != b'\t') || b == 0x7f) {
        return None;
    }
    Some((Raw::Str(body.to_string()), &s[end + 1..]))
}

/// `true`, `false`, a decimal integer or a date/date-time.
fn scalar(s: &str) -> Option<Raw> {
    match s {
        "true" => return Some(Raw::Bool(true)),
        "false" => return Some(Raw::Bool(false)),
        _ => {}
    }
    if let Some(int) = integer(s) {
        return Some(Raw::Int(int));
    }
    datetime(s).then(|| Raw::Datetime(s.to_string()))
}

fn integer(s: &str) -> Option<i64> {
    let digits = s.strip_prefix(['+', '-']).unwrap_or(s);
    let plain = !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit());
    if !plain || (digits.len() > 1 && digits.starts_with('0')) {
        return None;
    }
    s.parse().ok()
}

/// `YYYY-MM-DD`, optionally followed by `THH:MM:SS` and `Z` or `±HH:MM`:
/// the forms the toml crate writes back exactly as they were written.
fn datetime(s: &str) -> bool {
    let b = s.as_bytes();
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = b.get(r)?;
        part.iter().all(u8::is_ascii_digit).then(|| part.iter().fold(0, |n, d| n * 10 + u32::from(d - b'0')))
    };
    let date = || -> Option<()> {
        let (year, month, day) = (num(0..4)?, num(5..7)?, num(8..10)?);
        (b[4] == b'-' && b[7] == b'-').then_some(())?;
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (1..=days).contains(&day).then_some(())
    };
    let time = || -> Option<()> {
        (b.get(10) == Some(&b'T') && b[13] == b':' && b[16] == b':').then_some(())?;
        (num(11..13)? < 24 && num(14..16)? < 60 && num(17..19)? < 60).then_some(())
    };
    let offset = || -> Option<()> {
        match &b[19..] {
            b"Z" | b"" => Some(()),
            // The toml crate writes it back as `+00:00`.
            b"-00:00" => None,
            [b'+' | b'-', ..] if b.len() == 25 && b[22] == b':' => {
                (num(20..22)? < 24 && num(23..25)? < 60).then_some(())
            }
            _ => None,
        }
    };
    match b.len() {
        10 => date().is_some(),
        19.. => date().is_some() && time().is_some() && offset().is_some(),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the toml crate reads, when it reads anything.
    fn reference(text: &str) -> Option<Raw> {
        Raw::from_toml(text).ok()
    }

    /// Every input the subset accepts, the toml crate reads the same way.
    fn agrees(text: &str) -> bool {
        match parse(text) {
            Some(fast) => reference(text).as_ref() == Some(&fast),
            None => true,
        }
    }

    #[test]
    fn reads_typical_front_matter_like_the_toml_crate() {
        let text = "title = \"Billing \\\"v2\\\"\"\r\npublished = 2027-08-22\neffective = 2028-02-19T17:00:00Z\n\
                    ends = 2028-02-20T09:00:00+01:00\nlocal = 2028-02-20T09:00:00\n# a comment\n\n\
                    audience = [\"partners\", 'admins',]\nempty = []\ndraft = false\nweight = -3\n\
                    [data]\ndisposition = \"migrated\" # kept\navailable_again = 2028-02-21\n";
        let fast = parse(text).expect("in the subset");
        assert_eq!(Some(&fast), reference(text).as_ref());
        assert_eq!(fast.get("data").and_then(|d| d.get("disposition")), Some(&Raw::Str("migrated".into())));
    }

    #[test]
    fn leaves_everything_else_to_the_toml_crate() {
        for text in [
            "a = 1.5\n",
            "a.b = 1\n",
            "\"a\" = 1\n",
            "a = 1\na = 2\n",
            "[t]\n[t]\n",
            "t = 1\n[t]\n",
            "a = \"\\u00e9\"\n",
            "a = \"\"\"x\"\"\"\n",
            "a = { b = 1 }\n",
            "a = [[1]]\n",
            "a = [1,\n2]\n",
            "a = 2026-02-30\n",
            "a = 2026-01-01T25:00:00Z\n",
            "a = 2026-01-01 10:00:00Z\n",
            "a = 2026-01-01T10:00:00.5Z\n",
            "a = 1_000\n",
            "a = 012\n",
            "a = 99999999999999999999\n",
            "a = \"x\u{1}\"\n",
            "a = \n",
            "a = \"open\n",
            "[[t]]\n",
            "a = 1 b\n",
        ] {
            assert_eq!(parse(text), None, "{text:?}");
        }
    }

    /// The fuzzers' front-matter inputs kept in git (about a thousand odd
    /// inputs): whatever the subset accepts, the toml crate reads alike.
    #[test]
    fn agrees_with_the_toml_crate_on_the_fuzz_inputs() {
        let fuzz = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
        let entries = ["replay/front_matter", "seeds/front_matter"]
            .iter()
            .flat_map(|dir| std::fs::read_dir(fuzz.join(dir)).expect("the fuzz inputs").flatten());
        let (mut accepted, mut total) = (0, 0);
        for entry in entries {
            let Ok(text) = std::fs::read_to_string(entry.path()) else { continue };
            let front = super::super::front_matter::split(&text).map_or(text.as_str(), |s| s.front_matter);
            for candidate in [front, text.as_str()] {
                total += 1;
                accepted += usize::from(parse(candidate).is_some());
                assert!(agrees(candidate), "{}: {candidate:?}", entry.path().display());
            }
        }
        assert!(accepted > 50, "only {accepted} of {total} inputs were in the subset");
    }

    proptest::proptest! {
        #[test]
        fn agrees_with_the_toml_crate(
            lines in proptest::collection::vec(
                proptest::sample::select(vec![
                    "a = 1", "b = \"x\"", "c = 'y'", "a = -0", "d = +7", "e = true", "f = [1, \"s\"]", "g = []",
                    "h = 2027-02-29", "h = 2028-02-29", "i = 2027-01-01T00:00:00Z", "j = 2027-01-01T23:59:59-05:30",
                    "k = \"q\\\\\\\"\"", "[t]", "[u]", "  # note", "", "l = \"a\" # c", "m = [ 'x' , ]", "n = 01",
                    "o = \"\\e\"", "p = 2027-13-01", "q = 2027-01-01T10:00:00+24:00", "r = [,]", "a = 2",
                    "s = 2027-01-01T00:00:00+00:00", "s = 2027-01-01T00:00:00-00:00", "v = 0000-02-29", "w = 1 # é\t",
                    "[ t ]", "x = -", "c1 = \"\u{85}\"", "c2 = '\u{9f}'", "tab = \"a\tb\"", "y = \"\\u00e9\"", "z = 'it''s'", "- = 1",
                ]),
                0..12,
            )
        ) {
            let text = lines.join("\n");
            proptest::prop_assert!(agrees(&text), "{:?}: subset {:?}, toml {:?}", text, parse(&text), reference(&text));
        }
    }
}
