//! Internal and public builds: nothing marked internal (a document, a
//! front-matter field, a body section) may appear anywhere in the output of
//! `pmbook build --public`: pages, search index, feeds, JSON, CSV.

use std::io::Read;
use std::path::Path;

use crate::common::pmbook;

/// Words that exist only in internal places. Lower case, single words, so
/// the search index (which lower-cases and stems) would hold them as they are.
const SECRETS: &[&str] = &[
    "zorblaxdoc",     // the internal document's title and body
    "quenthalsvc",    // a service only the internal document names
    "vintrafactor",   // a contributing factor only it names
    "mirrowauthor",   // an internal field: authors
    "plonkmetric",    // an internal field: impact.metrics
    "drabbleroot",    // an internal field: root_cause
    "acmecustomer",   // an internal section (heading marker)
    "snorkhost",      // an internal block (comment markers)
    "yellowtimeline", // a timeline row inside an internal block
    "gadflyaction",   // an action item inside an internal section
];

fn archive() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    std::fs::create_dir_all(root.join("content")).unwrap();
    std::fs::write(root.join("book.toml"), "[book]\ntitle = \"Leaks\"\n").unwrap();
    std::fs::write(
        root.join("content/public.md"),
        r#"---
id: PUB-1
title: Checkout latency after a pool change
date: 2024-03-05
severity: SEV-2
status: resolved
services: [checkout-api]
contributing_factors: [config-change]
authors: [mirrowauthor]
related: [INT-1]
timezone: UTC
internal_fields: [authors, impact.metrics, root_cause]
impact:
  started: 2024-03-05 09:00 UTC
  resolved: 2024-03-05 10:00 UTC
  summary: Checkout was slow for an hour.
  metrics:
    - name: plonkmetric failed orders
      value: "12"
root_cause: The drabbleroot pool was too small.
---

## Summary

Checkout was slow after a pool change. See [the internal review](internal.md).

## Timeline

| Time (UTC) | Event |
|---|---|
| 09:00 | Pool change rolls out |
| 10:00 | Rolled back |

<!-- internal -->
| Time (UTC) | Event |
|---|---|
| 09:30 | yellowtimeline: paged the snorkhost owner |

The snorkhost replica was the one that failed.
<!-- /internal -->

## Customers affected (internal)

acmecustomer saw most of the errors.

### Follow-up with them

- [ ] gadflyaction: call the account team

## Action items

- [ ] Add a pool-size alert (@ana)
"#,
    )
    .unwrap();
    std::fs::write(
        root.join("content/internal.md"),
        r#"---
id: INT-1
title: zorblaxdoc review
date: 2024-03-06
severity: SEV-3
status: closed
internal: true
services: [quenthalsvc]
contributing_factors: [vintrafactor]
impact:
  started: 2024-03-06 09:00 UTC
  mitigated: 2024-03-06 09:10 UTC
  resolved: 2024-03-06 09:20 UTC
---

## Summary

The zorblaxdoc review of quenthalsvc.
"#,
    )
    .unwrap();
    tmp
}

/// Every file of the site as text, gzip files (Pagefind's index) unpacked.
fn site_texts(site: &Path) -> Vec<(String, String)> {
    walkdir::WalkDir::new(site)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let bytes = std::fs::read(e.path()).unwrap();
            let bytes = if bytes.starts_with(&[0x1f, 0x8b]) {
                let mut out = Vec::new();
                flate2::read::GzDecoder::new(bytes.as_slice()).read_to_end(&mut out).unwrap();
                out
            } else {
                bytes
            };
            (e.path().strip_prefix(site).unwrap().display().to_string(), String::from_utf8_lossy(&bytes).to_lowercase())
        })
        .collect()
}

fn found(texts: &[(String, String)], word: &str) -> Vec<String> {
    texts.iter().filter(|(_, t)| t.contains(word)).map(|(p, _)| p.clone()).collect()
}

#[test]
fn a_public_build_leaves_out_everything_internal() {
    let tmp = archive();
    let root = tmp.path();

    // The normal build publishes everything: the secrets are there to find.
    let out = pmbook().arg("-C").arg(root).args(["build", "-q"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let full = site_texts(&root.join("site"));
    for word in SECRETS {
        assert!(!found(&full, word).is_empty(), "`{word}` should be in the internal build");
    }

    let out = pmbook().arg("-C").arg(root).args(["build", "--public"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("built 1 post-mortems"), "{}", String::from_utf8_lossy(&out.stdout));
    let public = site_texts(&root.join("site"));
    assert!(public.iter().any(|(p, _)| p.ends_with(".pf_fragment")), "the search index was built");
    let leaks: Vec<String> = SECRETS.iter().flat_map(|w| found(&public, w).into_iter().map(move |p| format!("{w} in {p}"))).collect();
    assert!(leaks.is_empty(), "internal text in the public build:\n{}", leaks.join("\n"));
    // The internal document's id is gone too, even from the public one's `related`.
    assert!(found(&public, "int-1").is_empty(), "{:?}", found(&public, "int-1"));

    // What is public stays.
    let page = std::fs::read_to_string(root.join("site/incidents/pub-1/index.html")).unwrap();
    assert!(page.contains("Pool change rolls out") && page.contains("Add a pool-size alert"));
    assert!(page.contains("Checkout was slow for an hour."));
}

#[test]
fn public_can_be_set_in_book_toml() {
    let tmp = archive();
    let root = tmp.path();
    std::fs::write(root.join("book.toml"), "[book]\ntitle = \"Leaks\"\n[build]\npublic = true\n").unwrap();
    let out = pmbook().arg("-C").arg(root).args(["build", "-q", "--no-search"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let public = site_texts(&root.join("site"));
    for word in SECRETS {
        assert!(found(&public, word).is_empty(), "`{word}` leaked: {:?}", found(&public, word));
    }
}
