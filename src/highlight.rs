//! Syntax highlighting of fenced code at build time (syntect), emitted as CSS
//! classes so one page serves light and dark schemes and the sanitiser only
//! has to keep `class` attributes.

use std::sync::OnceLock;

use syntect::highlighting::ThemeSet;
use syntect::html::{ClassStyle, ClassedHTMLGenerator, css_for_theme_with_class_style};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

const STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

fn syntaxes() -> &'static SyntaxSet {
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    SET.get_or_init(SyntaxSet::load_defaults_newlines)
}

fn themes() -> &'static ThemeSet {
    static SET: OnceLock<ThemeSet> = OnceLock::new();
    SET.get_or_init(ThemeSet::load_defaults)
}

/// Names of the built-in highlighting themes.
pub fn theme_names() -> Vec<String> {
    themes().themes.keys().cloned().collect()
}

/// Highlight `code` written in `lang` (a fence token such as `rust`, `yaml`,
/// `sh`). Unknown languages, `text` and `log` come out escaped but plain.
/// Returns the inner HTML of a `<code>` element.
pub fn highlight(code: &str, lang: &str) -> String {
    let set = syntaxes();
    let token = lang.split([',', ' ', '{']).next().unwrap_or("").trim().to_ascii_lowercase();
    let syntax = match token.as_str() {
        "" | "text" | "txt" | "log" | "logs" | "plain" | "console" | "output" => None,
        "shell" | "sh" | "bash" | "zsh" => set.find_syntax_by_extension("sh"),
        t => set.find_syntax_by_token(t),
    };
    let Some(syntax) = syntax else {
        return escape(code);
    };
    let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, set, STYLE);
    for line in LinesWithEndings::from(code) {
        if generator.parse_html_for_line_which_includes_newline(line).is_err() {
            return escape(code);
        }
    }
    generator.finalize()
}

/// Stylesheet for the light theme and, under `prefers-color-scheme: dark`,
/// the dark one. Unknown theme names fall back to the defaults.
pub fn stylesheet(light: &str, dark: &str) -> String {
    let set = themes();
    let pick = |name: &str, fallback: &str| {
        set.themes
            .get(name)
            .or_else(|| set.themes.get(fallback))
            .and_then(|t| css_for_theme_with_class_style(t, STYLE).ok())
            .unwrap_or_default()
    };
    let light_css = pick(light, "InspiredGitHub");
    let dark_css = pick(dark, "base16-ocean.dark");
    format!("/* code highlighting: {light} / {dark} */\n{light_css}\n@media (prefers-color-scheme: dark) {{\n{dark_css}\n}}\n")
}

/// Escape text for HTML.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_languages_get_classes() {
        let html = highlight("fn main() {}\n", "rust");
        assert!(html.contains("class=\"hl-"), "{html}");
        assert_eq!(highlight("<b>\n", "log"), "&lt;b&gt;\n");
        assert_eq!(highlight("x\n", "no-such-language"), "x\n");
    }

    #[test]
    fn stylesheet_has_both_schemes() {
        let css = stylesheet("InspiredGitHub", "base16-ocean.dark");
        assert!(css.contains(".hl-"));
        assert!(css.contains("prefers-color-scheme: dark"));
    }
}
