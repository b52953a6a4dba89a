//! Recognition rules: phrases compiled to regular expressions, and the
//! negation, hypothesis and causal-cue tests applied around each match.
//!
//! Rule syntax (documented in the README and `taxonomy.toml`): matched
//! case-insensitively at word boundaries; a space matches any run of spaces,
//! dashes or slashes (` ?` makes that optional); `*` matches the rest of a
//! word; `(a|b)`, `?`, `[0-9]`, `{4}` and `\.` work as in regular expressions.

use std::sync::{LazyLock, OnceLock};

use aho_corasick::AhoCorasick;

use regex::{Regex, RegexBuilder};

/// A rule: the phrase it was written as and its pattern, compiled on first
/// use (most rules never match a given archive, and compiling them all
/// costs more than classifying thousands of documents).
#[derive(Debug, Clone)]
pub struct Rule {
    /// The phrase as written (shown in provenance).
    pub phrase: String,
    /// The regular expression it stands for.
    pub pattern: String,
    compiled: OnceLock<Option<Regex>>,
}

impl Rule {
    /// A rule for `phrase`, compiled when first used.
    pub fn lazy(phrase: &str) -> Rule {
        Rule { phrase: phrase.to_string(), pattern: to_regex(phrase), compiled: OnceLock::new() }
    }

    /// The compiled pattern; `None` if it does not compile (book.toml rules
    /// are checked when the file is read, the shipped ones by a test).
    pub fn regex(&self) -> Option<&Regex> {
        self.compiled.get_or_init(|| build(&self.pattern).ok()).as_ref()
    }
}

/// ASCII case folding and classes compile several times faster and smaller
/// than Unicode ones; a rule that needs Unicode (a negated class, a
/// non-ASCII letter) gets it.
fn build(pattern: &str) -> Result<Regex, regex::Error> {
    let with = |unicode: bool| RegexBuilder::new(pattern).case_insensitive(true).unicode(unicode).size_limit(1 << 22).build();
    with(false).or_else(|_| with(true))
}

/// Translate a rule phrase to a regular expression.
pub fn to_regex(phrase: &str) -> String {
    let mut out = String::from(r"(?-u:\b)(?:");
    let mut chars = phrase.trim().chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            ' ' if chars.peek() == Some(&'?') => {
                chars.next();
                out.push_str(r"[\s\-/]*");
            }
            ' ' => {
                while chars.peek() == Some(&' ') {
                    chars.next();
                }
                out.push_str(r"[\s\-/]+");
            }
            '*' => out.push_str("[a-z0-9]*"),
            '\\' => {
                out.push('\\');
                if let Some(n) = chars.next() {
                    out.push(n);
                }
            }
            '.' | '+' | '^' | '$' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    // A phrase that ends in a word also matches its plural.
    if phrase.trim().ends_with(|c: char| c.is_ascii_alphabetic()) {
        out.push_str("(?:e?s)?");
    }
    out.push_str(r")(?-u:\b)");
    out
}

/// Literal words, one of which any text the phrase matches contains
/// (lower case; `*` stems cut at the `*`): the longest word of three or more
/// letters outside any group, else the first word of each alternative of
/// the first group. Empty when the phrase has no such word, and the rule
/// must then always be tried.
pub fn anchors(phrase: &str) -> Vec<String> {
    let p = phrase.trim().to_ascii_lowercase();
    let b = p.as_bytes();
    // Runs of letters at depth 0, with whether a `?` makes the last optional.
    let mut depth = 0i32;
    let mut best: Option<&str> = None;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'(' => depth += 1,
            b')' => depth -= 1,
            b'\\' => i += 1,
            c if c.is_ascii_alphabetic() && depth == 0 => {
                let start = i;
                while i < b.len() && b[i].is_ascii_alphabetic() {
                    i += 1;
                }
                let mut end = i;
                if b.get(i) == Some(&b'?') || b.get(i) == Some(&b'{') {
                    end -= 1;
                }
                let word = &p[start..end];
                if word.len() >= 3 && best.is_none_or(|w| word.len() > w.len()) {
                    best = Some(word);
                }
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    if let Some(w) = best {
        return vec![w.to_string()];
    }
    // The first top-level group: split its alternatives at depth 1.
    let Some(open) = p.find('(') else { return Vec::new() };
    let mut alternatives = vec![String::new()];
    let mut depth = 0i32;
    for c in p[open..].chars() {
        match c {
            '(' => {
                depth += 1;
                if depth == 1 {
                    continue;
                }
            }
            ')' => {
                depth -= 1;
                if depth == 0 {
                    break;
                }
            }
            '|' if depth == 1 => {
                alternatives.push(String::new());
                continue;
            }
            _ => {}
        }
        if let Some(a) = alternatives.last_mut() {
            a.push(c);
        }
    }
    let mut out = Vec::new();
    for a in alternatives {
        let first: String = a.trim_start().chars().take_while(char::is_ascii_alphabetic).collect();
        let optional = a.trim_start()[first.len()..].starts_with('?');
        let word = if optional { &first[..first.len().saturating_sub(1)] } else { first.as_str() };
        if word.is_empty() || a.trim_start().starts_with('(') {
            return Vec::new();
        }
        out.push(word.to_string());
    }
    out
}

/// Compile one rule phrase now, reporting a pattern that is not valid.
pub fn compile(phrase: &str) -> Result<Rule, String> {
    let rule = Rule::lazy(phrase);
    match build(&rule.pattern) {
        Ok(regex) => {
            let _ = rule.compiled.set(Some(regex));
            Ok(rule)
        }
        Err(e) => Err(format!("rule `{phrase}` is not a valid pattern: {}", e.to_string().lines().last().unwrap_or_default())),
    }
}

/// A phrase that names itself literally (a service or team name): regex
/// metacharacters are escaped, spaces, dashes and underscores are
/// interchangeable.
pub fn literal(name: &str) -> Option<Rule> {
    let words: Vec<String> =
        name.split(|c: char| c.is_whitespace() || c == '-' || c == '_').filter(|w| !w.is_empty()).map(regex::escape).collect();
    if words.is_empty() {
        return None;
    }
    let pattern = format!(r"(?-u:\b){}(?-u:\b)", words.join(r"[\s\-_]?"));
    let regex = RegexBuilder::new(&pattern).case_insensitive(true).build().ok()?;
    Some(Rule { phrase: name.to_string(), pattern, compiled: OnceLock::from(Some(regex)) })
}

/// The clause of `line` that holds the match starting at `start`: back to
/// the previous `.`, `;`, `!`, `?` or contrast word, and on to the next stop.
fn clause_bounds(line: &str, start: usize, end: usize) -> (usize, usize) {
    let stops = |c: char| matches!(c, '.' | ';' | '!' | '?' | '|');
    let before = line[..start].rfind(|c: char| stops(c)).map_or(0, |i| i + 1);
    let after = line[end..].find(|c: char| stops(c) && c != '.').map_or(line.len(), |i| end + i);
    // A full stop only ends the clause when a space or the end follows it
    // (keeps "v1.2" and "fly.io" whole).
    let after = line[end..after].match_indices(". ").next().map_or(after, |(i, _)| end + i);
    (before, after)
}

/// The clause `cb..ce` narrowed to about 80 bytes either side of the match
/// (more than the words looked at), on character boundaries.
fn window(line: &str, cb: usize, start: usize, end: usize, ce: usize) -> (usize, usize) {
    let mut from = cb.max(start.saturating_sub(80));
    while !line.is_char_boundary(from) {
        from += 1;
    }
    let mut to = ce.min(end + 80);
    while !line.is_char_boundary(to) {
        to -= 1;
    }
    (from.min(start), to.max(end))
}

fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase().replace('’', "'"))
        .collect()
}

const CONTRAST: &[&str] = &["but", "however", "although", "though", "whereas", "yet", "instead"];
const NEGATORS: &[&str] = &["not", "no", "never", "without", "nor", "neither", "none", "unrelated", "nothing", "cannot"];
const HYPOTHETICAL: &[&str] = &["could", "would", "might", "prevent", "prevents", "avoid", "avoids", "whether", "suspected", "hypothesis"];

/// Is the match at `start..end` of `line` negated or hypothetical? Looks at
/// up to five words before it in the same clause ("not a DNS issue", "no
/// evidence of a leak", "rather than a bad deploy", "could have caused data
/// loss"), and at the words after it ("DNS was not the cause", "was ruled
/// out").
pub fn negated(line: &str, start: usize, end: usize) -> bool {
    let (cb, ce) = clause_bounds(line, start, end);
    let (cb, ce) = window(line, cb, start, end, ce);
    let mut before = words(&line[cb..start]);
    if let Some(i) = before.iter().rposition(|w| CONTRAST.contains(&w.as_str())) {
        before.drain(..=i);
    }
    let window = &before[before.len().saturating_sub(5)..];
    let joined = window.join(" ");
    if window.iter().any(|w| NEGATORS.contains(&w.as_str()) || w.ends_with("n't") || HYPOTHETICAL.contains(&w.as_str()))
        || joined.contains("ruled out")
        || joined.contains("rather than")
        || joined.contains("instead of")
        || joined.contains("other than")
        || joined.contains("lack of evidence")
        || joined.contains("in case")
        || joined.contains("risk of")
    {
        return true;
    }
    let after = words(&line[end..ce]);
    let after = after.iter().take(7).map(String::as_str).collect::<Vec<_>>().join(" ");
    let denial = [
        "not the",
        "n't the",
        "not a ",
        "n't a ",
        "not involved",
        "not related",
        "unrelated",
        "ruled out",
        "not to blame",
        "not responsible",
        "not the cause",
        "not at fault",
    ];
    after.starts_with("ruled") || denial.iter().any(|d| after.contains(d) && after.find(d).is_some_and(|i| i < 24))
}

/// Is a safeguard named at `start..end` said to be absent or failing
/// ("there was no runbook", "alerts were not configured", "monitoring
/// didn't cover it", "without tests")?
pub fn absent(line: &str, start: usize, end: usize) -> bool {
    let (cb, ce) = clause_bounds(line, start, end);
    let (cb, ce) = window(line, cb, start, end, ce);
    let before = words(&line[cb..start]);
    let window = &before[before.len().saturating_sub(4)..];
    let joined = window.join(" ");
    if window
        .iter()
        .any(|w| matches!(w.as_str(), "no" | "without" | "missing" | "lacked" | "lacking" | "insufficient" | "inadequate" | "never"))
        || window.iter().any(|w| w.ends_with("n't") || w == "not")
        || joined.contains("lack of")
        || joined.contains("absence of")
    {
        return true;
    }
    let after = words(&line[end..ce]);
    let head: Vec<&str> = after.iter().take(3).map(String::as_str).collect();
    head.iter().any(|w| matches!(*w, "not" | "never" | "missing" | "absent" | "lacking" | "failed") || w.ends_with("n't"))
}

/// Does the clause around the match state a cause ("caused by", "due to",
/// "because", "root cause", "triggered by", "led to", "contributed")?
pub fn causal(line: &str) -> bool {
    static CUES: LazyLock<Option<AhoCorasick>> = LazyLock::new(|| {
        let cues = [
            "caused",
            "cause ",
            "causing",
            "due to",
            "because",
            "root cause",
            "triggered",
            "led to",
            "lead to",
            "result of",
            "resulted",
            "contribut",
            "stemmed",
            "the reason",
            "responsible for",
            "culprit",
        ];
        AhoCorasick::builder().ascii_case_insensitive(true).build(cues).ok()
    });
    CUES.as_ref().is_some_and(|ac| ac.is_match(line))
}

/// Text of a Markdown line with link targets, bare URLs, HTML tags and
/// inline code removed (they name hosts and products, not causes). Byte
/// offsets are kept: removed text becomes spaces.
pub fn clean_line(line: &str) -> String {
    let mut out: Vec<u8> = line.as_bytes().to_vec();
    let b = line.as_bytes();
    let blank = |out: &mut Vec<u8>, from: usize, to: usize| out[from..to].fill(b' ');
    let mut i = 0;
    while i < b.len() {
        if b[i..].starts_with(b"](") {
            let end = b[i..].iter().position(|&c| c == b')').map_or(b.len(), |p| i + p + 1);
            blank(&mut out, i + 1, end);
            i = end;
        } else if b[i..].starts_with(b"http://") || b[i..].starts_with(b"https://") {
            let end = b[i..].iter().position(|c| c.is_ascii_whitespace() || matches!(c, b')' | b'>' | b'|')).map_or(b.len(), |p| i + p);
            blank(&mut out, i, end);
            i = end;
        } else if b[i] == b'<' && b.get(i + 1).is_some_and(|c| c.is_ascii_alphabetic() || *c == b'/' || *c == b'!') {
            let end = b[i..].iter().position(|&c| c == b'>').map_or(b.len(), |p| i + p + 1);
            blank(&mut out, i, end);
            i = end;
        } else {
            i += 1;
        }
    }
    // Ranges start and end on ASCII bytes, so whole characters are blanked;
    // a lossy conversion covers anything else.
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hit(rule: &str, text: &str) -> Option<String> {
        compile(rule).unwrap().regex().unwrap().find(text).map(|m| m.as_str().to_string())
    }

    #[test]
    fn phrases_match_word_stems_and_flexible_spaces() {
        assert_eq!(hit("misconfigur*", "a Misconfigured router").as_deref(), Some("Misconfigured"));
        assert_eq!(hit("third ?party outage", "a third-party outage").as_deref(), Some("third-party outage"));
        assert_eq!(hit("third ?party outage", "a thirdparty outage").as_deref(), Some("thirdparty outage"));
        assert_eq!(hit("out of memory", "ran out-of-memory"), Some("out-of-memory".into()));
        assert!(hit("bug", "debugging it").is_none());
        assert!(hit("oom", "the room").is_none());
        assert_eq!(hit("fly\\.io (outage)", "the fly.io outage").as_deref(), Some("fly.io outage"));
        assert!(compile("(unclosed").is_err());
        assert_eq!(hit("human error", "human errors led").as_deref(), Some("human errors"));
    }

    fn neg(text: &str, word: &str) -> bool {
        let s = text.find(word).unwrap();
        negated(text, s, s + word.len())
    }

    #[test]
    fn negations_and_hypotheses_are_recognised() {
        assert!(neg("This was not a DNS issue.", "DNS issue"));
        assert!(neg("We found no evidence of a compromised key.", "compromised"));
        assert!(neg("The certificate had not expired, luckily.", "expired"));
        assert!(neg("It was lock contention rather than a bug in the query planner.", "bug"));
        assert!(neg("DNS was ruled out early on.", "DNS"));
        assert!(neg("The DNS change was not the cause.", "DNS change"));
        assert!(neg("A longer outage could have caused data loss.", "data loss"));
        assert!(neg("There wasn't a config change that day.", "config change"));
        assert!(!neg("The outage was caused by a DNS misconfiguration.", "DNS misconfiguration"));
        assert!(!neg("No customers noticed, but a config change broke the builds.", "config change"));
        assert!(!neg("Nobody expected it. A bug in the parser crashed the workers.", "bug"));
    }

    #[test]
    fn absence_of_safeguards() {
        let abs = |t: &str, w: &str| {
            let s = t.find(w).unwrap();
            absent(t, s, s + w.len())
        };
        assert!(abs("There was no runbook for this.", "runbook"));
        assert!(abs("Alerting was not configured for the queue.", "Alerting"));
        assert!(abs("We didn't have monitoring on disk usage.", "monitoring"));
        assert!(!abs("Monitoring caught it within a minute.", "Monitoring"));
    }

    #[test]
    fn anchors_are_words_every_match_contains() {
        assert_eq!(anchors("misconfigur*"), ["misconfigur"]);
        assert_eq!(anchors("bad config*"), ["config"]);
        assert_eq!(anchors("(vendor|provider)('s)? (had|has) an outage"), ["outage"]);
        assert_eq!(anchors("(leaked|exposed) (key|token)"), ["leaked", "exposed"]);
        assert_eq!(anchors("cve ?[0-9]{4}"), ["cve"]);
        assert!(anchors("(a|(b|c)) x").is_empty());
        for (phrase, text) in
            [("third ?party outage", "a Third-Party outage"), ("ip address(es)? (were |was )?exhausted", "IP addresses were exhausted")]
        {
            let t = text.to_ascii_lowercase();
            assert!(anchors(phrase).iter().any(|a| t.contains(a.as_str())), "{phrase}");
            assert!(compile(phrase).unwrap().regex().unwrap().is_match(text));
        }
    }

    #[test]
    fn cleaning_keeps_offsets_and_drops_urls() {
        let l = "see [the AWS status](https://status.aws.amazon.com/) and <b>dns</b> http://x.dns.io";
        let c = clean_line(l);
        assert_eq!(c.len(), l.len());
        assert!(!c.contains("amazon") && !c.contains("x.dns") && c.contains("dns"));
    }
}
