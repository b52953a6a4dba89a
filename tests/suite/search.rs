//! The search index is split by the volume of text, not by the number of
//! incidents: long post-mortems get more shards than short ones of the
//! same count, every shard can be merged by the search page, and every
//! incident is in exactly one shard.

use std::path::Path;

use crate::common::*;

/// Build a generated archive of `count` post-mortems of `profile` with
/// shards of at most one megabyte of text; returns the number of shards
/// and the records they hold together.
fn shards_of(profile: &str, count: &str, dir: &Path) -> (usize, usize) {
    pmbook().arg("generate").arg(dir).args(["--count", count, "--seed", "3", "--profile", profile]).assert().success();
    let toml = std::fs::read_to_string(dir.join("book.toml")).unwrap();
    std::fs::write(dir.join("book.toml"), format!("{toml}\n[output]\nsearch-shard-text = 1\n")).unwrap();
    pmbook().arg("-C").arg(dir).args(["build", "--quiet"]).assert().success();
    let site = dir.join("site");
    let mut shards = 0;
    let mut sizes = Vec::new();
    while site.join(pmbook::search::shard_dir(shards)).join("pagefind-entry.json").is_file() {
        let entry = std::fs::read_to_string(site.join(pmbook::search::shard_dir(shards)).join("pagefind-entry.json")).unwrap();
        let entry: serde_json::Value = serde_json::from_str(&entry).unwrap();
        sizes.push(entry["languages"].as_object().unwrap().values().map(|l| l["page_count"].as_u64().unwrap() as usize).sum::<usize>());
        shards += 1;
    }
    // The search page can merge every shard after the first, and knows how
    // many incidents each holds (it says how much a search has covered).
    let page = std::fs::read_to_string(site.join("search/index.html")).unwrap();
    let attr = |name: &str| page.split(&format!("{name}=\"")).nth(1).and_then(|r| r.split('"').next()).unwrap_or("").to_string();
    let expected: Vec<String> = (1..shards).map(pmbook::search::shard_dir).collect();
    assert_eq!(attr("data-bundles").split_whitespace().collect::<Vec<_>>(), expected, "search page merges every shard");
    assert_eq!(
        attr("data-sizes"),
        sizes.iter().map(|n| n.to_string()).collect::<Vec<_>>().join(" "),
        "search page knows each shard's size"
    );
    (shards, sizes.iter().sum())
}

#[test]
fn shards_follow_the_text_not_the_count() {
    let tmp = tempfile::tempdir().unwrap();
    let (short, short_records) = shards_of("default", "150", &tmp.path().join("short"));
    let (long, long_records) = shards_of("varied", "150", &tmp.path().join("long"));
    assert_eq!((short_records, long_records), (150, 150), "every incident is indexed once");
    assert_eq!(short, 1, "150 short post-mortems fit one megabyte");
    assert!(long >= 2, "150 long post-mortems take more than one megabyte: {long} shard(s)");

    // Shards are built by whichever thread is free; what is in each is
    // decided before, so a second build writes the same bundles.
    let dir = tmp.path().join("long");
    pmbook().arg("-C").arg(&dir).args(["build", "--quiet", "--dest"]).arg(dir.join("again")).assert().success();
    for i in 0..long {
        let shard = pmbook::search::shard_dir(i);
        let (first, second) = (snapshot_tree(&dir.join("site").join(&shard)), snapshot_tree(&dir.join("again").join(&shard)));
        assert!(!first.is_empty());
        assert!(first == second, "shard {shard} differs between two builds");
    }
}
