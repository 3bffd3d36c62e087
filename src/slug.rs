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

/// Turns any text into a slug: transliterated to ASCII (`Über` is `uber`,
/// `Обновление` is `obnovlenie`, `北京` is `bei-jing`), letters and digits
/// lowercased, every other run of characters one hyphen. Text with nothing
/// to transliterate (only punctuation or emoji) gives an empty slug.
pub fn slugify(text: &str) -> String {
    let ascii = deunicode::deunicode_with_tofu(text, "-");
    let mut out = String::with_capacity(ascii.len());
    let mut pending_dash = false;
    for c in ascii.chars() {
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
        assert_eq!(slugify("Обновление тарифов"), "obnovlenie-tarifov");
        assert_eq!(slugify("北京"), "bei-jing");
        assert_eq!(slugify("🚀"), "rocket");
        assert_eq!(slugify("!! ¿?"), "");
    }

    #[test]
    fn titles_in_other_scripts_give_readable_slugs() {
        for (title, slug) in [
            ("Обновление тарифов", "obnovlenie-tarifov"),
            ("Αλλαγή τιμολόγησης", "allage-timologeses"),
            ("价格调整通知", "jia-ge-diao-zheng-tong-zhi"),
            ("تحديث الأسعار", "thdyth-l-s-r"),
            ("עדכון מחירים", "dkvn-mkhyrym"),
            ("料金改定のお知らせ", "liao-jin-gai-ding-noozhi-rase"),
            ("가격 변경", "gagyeog-byeongyeong"),
        ] {
            assert_eq!(slugify(title), slug, "{title}");
            assert!(is_valid(slug));
        }
    }
}
