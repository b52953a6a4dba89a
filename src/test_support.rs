//! Helpers for unit tests.

/// Every concatenation of up to `depth` of `pieces` (with repeats), the
/// empty string first: inputs for comparing a rewrite with the code it
/// replaces on every combination of the cases that matter to both.
pub fn sequences(pieces: &[&str], depth: usize) -> Vec<String> {
    let mut all = vec![String::new()];
    let mut last = vec![String::new()];
    for _ in 0..depth {
        last = last.iter().flat_map(|s| pieces.iter().map(move |p| format!("{s}{p}"))).collect();
        all.extend(last.iter().cloned());
    }
    all
}

/// `text` understood as the file `content/{rel}` of an archive whose
/// default zone is UTC: the incident (if any) and the findings.
pub fn understand_text(text: &str, rel: &str) -> (Option<crate::model::Incident>, Vec<crate::diagnostics::Diagnostic>) {
    let mut cfg = crate::Config::defaults_at(std::path::Path::new("."));
    cfg.time.default_zone = Some("UTC".into());
    let zones = crate::datetime::ZoneTable::new(&cfg.time.zones);
    let path = format!("content/{rel}");
    let doc = crate::content::SourceDoc { path: path.clone().into(), display: path.into(), text: text.into() };
    let o = crate::understand::understand(&doc, std::path::Path::new(rel), &cfg, &zones);
    (o.document.map(|d| d.incident), o.diagnostics)
}

#[cfg(test)]
mod tests {
    #[test]
    fn sequences_are_every_combination() {
        assert_eq!(super::sequences(&["a", "b"], 2), ["", "a", "b", "aa", "ab", "ba", "bb"]);
    }
}
