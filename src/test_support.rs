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

#[cfg(test)]
mod tests {
    #[test]
    fn sequences_are_every_combination() {
        assert_eq!(super::sequences(&["a", "b"], 2), ["", "a", "b", "aa", "ab", "ba", "bb"]);
    }
}
