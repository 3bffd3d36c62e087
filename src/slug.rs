//! Slugs: the `[a-z0-9-]` names that become URL paths.

/// Whether `s` is a valid slug: lowercase ASCII letters, digits and single
/// hyphens, not starting or ending with a hyphen.
pub fn is_valid(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 200
        && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--")
}

/// Turns any text into a slug: ASCII letters and digits lowercased, every
/// other run of characters one hyphen. Accented Latin letters lose their
/// accents; other scripts are dropped (an empty result is the caller's
/// problem).
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_dash = false;
    for c in text.chars() {
        let c = fold(c);
        if c.is_ascii_alphanumeric() {
            if pending_dash && !out.is_empty() {
                out.push('-');
            }
            pending_dash = false;
            out.push(c.to_ascii_lowercase());
        } else {
            pending_dash = true;
        }
    }
    out.truncate(200);
    while out.ends_with('-') {
        out.pop();
    }
    out
}

fn fold(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => 'a',
        'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' => 'i',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' => 'o',
        'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Û' | 'Ü' => 'u',
        'ç' | 'Ç' => 'c',
        'ñ' | 'Ñ' => 'n',
        'ý' | 'ÿ' | 'Ý' => 'y',
        'ß' => 's',
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugify_and_validate() {
        assert_eq!(slugify("API users (EU)"), "api-users-eu");
        assert_eq!(slugify("  Über café  "), "uber-cafe");
        assert_eq!(slugify("../etc/passwd"), "etc-passwd");
        assert!(is_valid("api-v1-retirement"));
        for bad in ["", "A", "a/b", "..", "a--b", "-a", "é", "a_b"] {
            assert!(!is_valid(bad), "{bad}");
        }
        assert!(is_valid(&slugify("Any Title: with; punctuation!")));
    }
}
