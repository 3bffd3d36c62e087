//! A small XML 1.0 well-formedness checker: enough for feeds and sitemaps
//! (prolog, elements, attributes, text, character and entity references,
//! comments, CDATA). It is strict where it matters here: every `<` and `&`
//! in text and attribute values must be markup or a valid reference, tags
//! must nest, attribute names must not repeat, and only characters XML 1.0
//! allows may appear.
/// The decoded text of each element (element name, text), in document
/// order.
pub struct Doc {
    pub texts: Vec<(String, String)>,
    pub root: String,
}

fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r') || (c >= '\u{20}' && c != '\u{FFFE}' && c != '\u{FFFF}')
}

fn is_name_start(c: char) -> bool {
    c.is_alphabetic() || c == '_' || c == ':'
}

fn is_name_char(c: char) -> bool {
    is_name_start(c) || c.is_ascii_digit() || matches!(c, '-' | '.') || c.is_alphanumeric()
}

/// Decodes the references in text or an attribute value.
fn decode(s: &str, at: usize) -> Result<String, String> {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let end = rest[i..].find(';').ok_or_else(|| format!("a bare `&` near byte {at}"))?;
        let name = &rest[i + 1..i + end];
        let c = match name {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            n if n.starts_with("#x") => u32::from_str_radix(&n[2..], 16)
                .ok()
                .and_then(char::from_u32)
                .ok_or_else(|| format!("bad reference &{n}; near byte {at}"))?,
            n if n.starts_with('#') => n[1..]
                .parse::<u32>()
                .ok()
                .and_then(char::from_u32)
                .ok_or_else(|| format!("bad reference &{n}; near byte {at}"))?,
            n => return Err(format!("unknown entity &{n}; near byte {at}")),
        };
        if !is_xml_char(c) {
            return Err(format!("a reference to a character XML forbids (U+{:04X}) near byte {at}", c as u32));
        }
        out.push(c);
        rest = &rest[i + end + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

/// Checks `text`; returns the decoded texts or the first problem.
pub fn parse(text: &str) -> Result<Doc, String> {
    if let Some((i, c)) = text.char_indices().find(|&(_, c)| !is_xml_char(c)) {
        return Err(format!("character U+{:04X} at byte {i} is not allowed in XML", c as u32));
    }
    let mut rest = text;
    let mut pos = 0;
    let mut stack: Vec<(String, String)> = Vec::new();
    let mut texts = Vec::new();
    let mut root: Option<String> = None;
    let advance = |rest: &mut &str, pos: &mut usize, n: usize| {
        *rest = &rest[n..];
        *pos += n;
    };
    if rest.starts_with("<?xml") {
        let end = rest.find("?>").ok_or("unclosed XML declaration")?;
        advance(&mut rest, &mut pos, end + 2);
    }
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix("<!--") {
            let end = r.find("-->").ok_or_else(|| format!("unclosed comment at byte {pos}"))?;
            if r[..end].contains("--") {
                return Err(format!("`--` inside a comment at byte {pos}"));
            }
            advance(&mut rest, &mut pos, 4 + end + 3);
        } else if let Some(r) = rest.strip_prefix("<![CDATA[") {
            let end = r.find("]]>").ok_or_else(|| format!("unclosed CDATA at byte {pos}"))?;
            let (_, t) = stack.last_mut().ok_or_else(|| format!("CDATA outside the root at byte {pos}"))?;
            t.push_str(&r[..end]);
            advance(&mut rest, &mut pos, 9 + end + 3);
        } else if let Some(r) = rest.strip_prefix("</") {
            let end = r.find('>').ok_or_else(|| format!("unclosed end tag at byte {pos}"))?;
            let name = r[..end].trim_end();
            let (open, t) = stack.pop().ok_or_else(|| format!("`</{name}>` closes nothing at byte {pos}"))?;
            if open != name {
                return Err(format!("`</{name}>` closes `<{open}>` at byte {pos}"));
            }
            texts.push((open, t));
            advance(&mut rest, &mut pos, 2 + end + 1);
        } else if let Some(r) = rest.strip_prefix('<') {
            if root.is_some() && stack.is_empty() {
                return Err(format!("a second root element at byte {pos}"));
            }
            let name_len = r.find(|c: char| !is_name_char(c)).unwrap_or(r.len());
            let name = &r[..name_len];
            if name.is_empty() || !name.starts_with(is_name_start) {
                return Err(format!("a `<` that starts no tag at byte {pos}"));
            }
            let mut i = name_len;
            let mut attrs: Vec<&str> = Vec::new();
            let empty;
            loop {
                let ws = r[i..].len() - r[i..].trim_start().len();
                i += ws;
                let t = &r[i..];
                if t.starts_with("/>") {
                    empty = true;
                    i += 2;
                    break;
                }
                if t.starts_with('>') {
                    empty = false;
                    i += 1;
                    break;
                }
                if ws == 0 {
                    return Err(format!("no space before an attribute of <{name}> at byte {pos}"));
                }
                let an = t.find(|c: char| !is_name_char(c)).unwrap_or(t.len());
                let aname = &t[..an];
                if aname.is_empty() {
                    return Err(format!("a bad attribute in <{name}> at byte {pos}"));
                }
                if attrs.contains(&aname) {
                    return Err(format!("attribute {aname} twice in <{name}> at byte {pos}"));
                }
                attrs.push(aname);
                let t2 = t[an..].trim_start();
                let t2 = t2.strip_prefix('=').ok_or_else(|| format!("no `=` after {aname} at byte {pos}"))?;
                let t3 = t2.trim_start();
                let q = t3.chars().next().filter(|c| *c == '"' || *c == '\'');
                let q = q.ok_or_else(|| format!("unquoted value of {aname} at byte {pos}"))?;
                let vend = t3[1..].find(q).ok_or_else(|| format!("unclosed value of {aname} at byte {pos}"))?;
                let value = &t3[1..1 + vend];
                if value.contains('<') {
                    return Err(format!("a `<` in the value of {aname} at byte {pos}"));
                }
                decode(value, pos)?;
                i += (t.len() - t3.len()) + 1 + vend + 1;
            }
            if root.is_none() {
                root = Some(name.to_string());
            }
            if empty {
                texts.push((name.to_string(), String::new()));
            } else {
                stack.push((name.to_string(), String::new()));
            }
            advance(&mut rest, &mut pos, 1 + i);
        } else {
            let end = rest.find('<').unwrap_or(rest.len());
            let raw = &rest[..end];
            if raw.contains("]]>") {
                return Err(format!("`]]>` in text at byte {pos}"));
            }
            let decoded = decode(raw, pos)?;
            match stack.last_mut() {
                Some((_, t)) => t.push_str(&decoded),
                None if raw.trim().is_empty() => {}
                None => return Err(format!("text outside the root element at byte {pos}")),
            }
            advance(&mut rest, &mut pos, end);
        }
    }
    if let Some((open, _)) = stack.last() {
        return Err(format!("<{open}> is never closed"));
    }
    Ok(Doc { texts, root: root.ok_or("no root element")? })
}

#[test]
fn the_checker_catches_what_it_should() {
    assert!(parse("<?xml version=\"1.0\"?>\n<a x=\"1\"><b>t &amp; &#x41;</b><c/></a>\n").is_ok());
    for bad in [
        "<a>&</a>",
        "<a>&nbsp;</a>",
        "<a><b></a></b>",
        "<a>]]></a>",
        "<a x=\"<\"></a>",
        "<a x=\"1\" x=\"2\"></a>",
        "<a>\u{1}</a>",
        "<a>&#1;</a>",
        "<a></a><b></b>",
        "<a>< b</a>",
        "<a>",
        "<a x=1></a>",
    ] {
        assert!(parse(bad).is_err(), "{bad:?} passed");
    }
}
