//! The fuzz targets (`fuzz/`) as property tests, so that they run on stable
//! in every `cargo test`: generated documents, built from the pieces real
//! post-mortems are made of and from arbitrary bytes, go through front
//! matter, extraction and the whole file-to-HTML path without a panic and
//! with every finding located inside the file (the invariants are in
//! `pmbook::harness`).

use proptest::prelude::*;

/// Lines real post-mortems are made of, good and broken.
const PIECES: &[&str] = &[
    "---",
    "+++",
    "...",
    "title: Checkout 502s",
    "title = \"Checkout 502s\"",
    "date: 2024-03-05",
    "date = 2024-03-05",
    "date: 2023-02-30",
    "severity: SEV-2",
    "severity: P1",
    "status: resolved",
    "timezone: America/Los_Angeles",
    "services: [checkout-api, payments]",
    "services: [checkout-api",
    "impact:",
    "  started: 2024-03-05 09:12 PST",
    "  detected: 09:26",
    "  resolved: 2024-03-05T19:40:00Z",
    "timeline:",
    "  - at: \"08:47\"",
    "    kind: trigger",
    "    text: Config change rolls out",
    "action_items:",
    "  - title: Add an alert",
    "    owner: ana",
    "    due: 2024-04-01",
    "internal: true",
    "internal_fields: [authors, impact.metrics]",
    "a: &a [x, y]",
    "b: *a",
    "\tdetected: 10:00",
    "## Timeline",
    "## Impact",
    "## Root cause",
    "## Action items",
    "## Customers (internal)",
    "<!-- internal -->",
    "<!-- /internal -->",
    "| Time (UTC) | Event |",
    "|---|---|",
    "| 09:12 | Alert fires |",
    "| 2024-03-05 10:02 IST | Rolled back |",
    "| a | b | c | d |",
    "<table><tr><th>Time</th><th>Event</th></tr>",
    "<tr><td>09:12 EST</td><td>Paged</td></tr></table>",
    "- 09:12 UTC — alert fires",
    "- 9:40am PST: mitigated",
    "- [ ] Add a canary (@bob, due 2024-04-01)",
    "- [x] Roll back",
    "* 14:05 - DNS change",
    "> quoted",
    "1. first",
    "   - nested",
    "```",
    "```rust",
    "fn main() {}",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[link](../2023/other.md#timeline)",
    "![graph](img/lag.png)",
    "Started at 09:12 and resolved at 11:40 UTC.",
    "",
    "\u{feff}",
    "\r",
];

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => proptest::sample::select(PIECES).prop_map(str::to_string),
        1 => "\\PC{0,40}",
        1 => "[ -~]{0,40}",
    ]
}

fn document() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        6 => proptest::collection::vec(piece(), 0..40).prop_map(|lines| lines.join("\n").into_bytes()),
        1 => proptest::collection::vec(any::<u8>(), 0..512),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn front_matter_never_panics(doc in document()) {
        pmbook::harness::front_matter(&doc);
    }

    #[test]
    fn extraction_locates_every_finding(doc in document()) {
        let _ = pmbook::harness::extract(&doc);
    }

    #[test]
    fn every_understood_document_renders_safely(doc in document()) {
        let _ = pmbook::harness::page(&doc);
    }
}

#[test]
fn the_fuzz_seeds_pass_too() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/seeds");
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).expect("fuzz/seeds") {
        let bytes = std::fs::read(entry.expect("entry").path()).expect("read");
        pmbook::harness::front_matter(&bytes);
        assert!(pmbook::harness::page(&bytes).is_some());
        n += 1;
    }
    assert!(n >= 5, "only {n} seeds");
}
