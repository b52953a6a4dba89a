//! URL slugs: lower-case ASCII words joined by `-`, safe as one path segment.

/// Turn any text into a slug: `"Config Change!"` → `"config-change"`.
///
/// Letters and digits are kept (accents are folded to their base letter where
/// common), everything else separates words. The result never contains `/`,
/// `\`, `.` or `..`, so it cannot escape the directory it is joined to. An
/// input with no letters or digits gives `"untitled"`.
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_dash = false;
    for c in text.chars() {
        let c = fold_accent(c);
        if c.is_ascii_alphanumeric() {
            if pending_dash && !out.is_empty() {
                out.push('-');
            }
            pending_dash = false;
            out.push(c.to_ascii_lowercase());
        } else {
            pending_dash = true;
        }
        if out.len() >= 80 {
            break;
        }
    }
    if out.is_empty() { "untitled".to_string() } else { out }
}

/// Whether `text` slugifies to `slug`, without building the slug: a cheap
/// test to run against many names (related incidents of one page).
pub fn has_slug(text: &str, slug: &str) -> bool {
    if !text.is_ascii() {
        return slugify(text) == slug;
    }
    // ASCII text: compare byte by byte, stopping at the first difference.
    let (want, mut at, mut pending_dash) = (slug.as_bytes(), 0usize, false);
    for &b in text.as_bytes() {
        if at >= 80 {
            break;
        }
        if !b.is_ascii_alphanumeric() {
            pending_dash = true;
            continue;
        }
        if pending_dash && at > 0 {
            if want.get(at) != Some(&b'-') {
                return false;
            }
            at += 1;
        }
        pending_dash = false;
        if want.get(at) != Some(&b.to_ascii_lowercase()) {
            return false;
        }
        at += 1;
    }
    if at == 0 { slug == "untitled" } else { at == want.len() }
}

fn fold_accent(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => 'a',
        'ç' | 'Ç' => 'c',
        'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' => 'i',
        'ñ' | 'Ñ' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' => 'o',
        'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Û' | 'Ü' => 'u',
        'ý' | 'ÿ' | 'Ý' => 'y',
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::{has_slug, slugify};

    #[test]
    fn has_slug_agrees_with_slugify() {
        let long = "word ".repeat(30);
        for text in ["Config Change!", "  a--b  ", "Café déjà vu", "///", "", "x", &long, "Ab9 z", "DB: primary/replica lag"] {
            let slug = slugify(text);
            assert!(has_slug(text, &slug), "{text:?} → {slug:?}");
            assert!(!has_slug(text, &format!("{slug}x")), "{text:?}");
            assert!(!has_slug(text, &slug[..slug.len() - 1]) || slug.len() == 1, "{text:?}");
        }
        assert!(!has_slug("config change", "config-changes"));
    }

    #[test]
    fn slugs_are_safe_path_segments() {
        assert_eq!(slugify("Config Change!"), "config-change");
        assert_eq!(slugify("  PM2021-004 - ADFS outage "), "pm2021-004-adfs-outage");
        assert_eq!(slugify("../../etc/passwd"), "etc-passwd");
        assert_eq!(slugify("C:\\Windows"), "c-windows");
        assert_eq!(slugify("Café déjà vu"), "cafe-deja-vu");
        assert_eq!(slugify("///"), "untitled");
    }
}
