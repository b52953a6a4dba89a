//! pmbook writes the search index itself, in Pagefind's format, for
//! Pagefind's scripts to read (`src/search/bundle.rs`). These tests give
//! the same records to Pagefind's own indexer and to pmbook's writer and
//! require the same files: the same names, and once decompressed the same
//! bytes (every word's terms, positions, weights, written forms, chunks,
//! filters, fragments and metadata).

use std::collections::BTreeMap;
use std::io::Read;
use std::path::PathBuf;
use std::sync::Mutex;

use crate::common::*;
use pmbook::search::assets::Assets;
use pmbook::search::bundle::{Bundle, Record};

/// Files kept in memory.
#[derive(Default)]
struct Memory(Mutex<BTreeMap<String, Vec<u8>>>);

impl pmbook::output::Sink for Memory {
    fn write(&self, rel: &str, bytes: &[u8]) -> pmbook::Result<()> {
        self.0.lock().unwrap().insert(rel.to_string(), bytes.to_vec());
        Ok(())
    }
}

struct Rec {
    url: String,
    text: String,
    meta: BTreeMap<String, String>,
    filters: BTreeMap<String, Vec<String>>,
}

/// A bundle's index files (not Pagefind's scripts), decompressed.
fn index_files(files: impl IntoIterator<Item = (String, Vec<u8>)>) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    for (name, bytes) in files {
        let gz =
            name.ends_with(".pf_meta") || name.ends_with(".pf_fragment") || name.ends_with(".pf_index") || name.ends_with(".pf_filter");
        if gz {
            let mut plain = Vec::new();
            flate2::read::GzDecoder::new(&bytes[..]).read_to_end(&mut plain).unwrap();
            assert!(plain.starts_with(b"pagefind_dcd"), "{name} lacks Pagefind's signature");
            out.insert(name, plain);
        } else if name == "pagefind-entry.json" {
            out.insert(name, bytes);
        }
    }
    out
}

fn by_pagefind(records: &[Rec], chunk_size: usize, language: &str) -> BTreeMap<String, Vec<u8>> {
    assert_eq!(chunk_size, 20_000, "Pagefind's default chunk size (the variable that changes it is not set in tests)");
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let files = runtime.block_on(async {
        let config = pagefind::options::PagefindServiceConfig::builder().force_language(language.into()).build();
        let mut index = pagefind::api::PagefindIndex::new(Some(config)).unwrap();
        for r in records {
            index
                .add_custom_record(r.url.clone(), r.text.clone(), language.into(), Some(r.meta.clone()), Some(r.filters.clone()), None)
                .await
                .unwrap();
        }
        index.get_files().await.unwrap()
    });
    index_files(files.into_iter().map(|f| (f.filename.to_string_lossy().replace('\\', "/"), f.contents)))
}

fn by_pmbook(records: &[Rec], chunk_size: usize, language: &str) -> BTreeMap<String, Vec<u8>> {
    let assets = Assets::get(language).unwrap();
    let sink = Memory::default();
    let mut bundle = Bundle::new(&assets.language, &assets.version, chunk_size, &sink, "");
    for r in records {
        bundle.add(&Record { url: &r.url, text: &r.text, meta: &r.meta, filters: &r.filters }).unwrap();
    }
    let done = bundle.finish().unwrap();
    sink.write_entry(&assets.entry(&done.meta_hash, done.pages));
    index_files(sink.0.into_inner().unwrap())
}

impl Memory {
    fn write_entry(&self, bytes: &[u8]) {
        self.0.lock().unwrap().insert("pagefind-entry.json".into(), bytes.to_vec());
    }
}

/// Both writers' files must be the same; on a difference, say which file
/// and where it starts.
fn assert_same(records: &[Rec], language: &str) {
    let (theirs, ours) = (by_pagefind(records, 20_000, language), by_pmbook(records, 20_000, language));
    if let Some(dir) = std::env::var_os("PMBOOK_DUMP") {
        for (who, files) in [("pagefind", &theirs), ("pmbook", &ours)] {
            for (name, bytes) in files {
                let path = std::path::Path::new(&dir).join(who).join(name);
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                std::fs::write(path, bytes).unwrap();
            }
        }
    }
    let names = |m: &BTreeMap<String, Vec<u8>>| m.keys().cloned().collect::<Vec<_>>();
    let only_theirs: Vec<_> = names(&theirs).into_iter().filter(|n| !ours.contains_key(n)).collect();
    let only_ours: Vec<_> = names(&ours).into_iter().filter(|n| !theirs.contains_key(n)).collect();
    assert!(
        only_theirs.is_empty() && only_ours.is_empty(),
        "files only Pagefind wrote: {only_theirs:?}\nfiles only pmbook wrote: {only_ours:?}"
    );
    for (name, a) in &theirs {
        let b = &ours[name];
        if a != b {
            let at = a.iter().zip(b).position(|(x, y)| x != y).unwrap_or(a.len().min(b.len()));
            let show = |v: &[u8]| String::from_utf8_lossy(&v[at.saturating_sub(40)..(at + 80).min(v.len())]).into_owned();
            panic!("{name} differs at byte {at} (lengths {} and {}):\nPagefind: {:?}\npmbook:   {:?}", a.len(), b.len(), show(a), show(b));
        }
    }
    assert!(theirs.keys().any(|n| n.ends_with(".pf_index")), "the records have words");
}

fn rec(url: &str, text: &str, meta: &[(&str, &str)], filters: &[(&str, &[&str])]) -> Rec {
    Rec {
        url: url.to_string(),
        text: text.to_string(),
        meta: meta.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(),
        filters: filters.iter().map(|(k, v)| (k.to_string(), v.iter().map(|s| s.to_string()).collect())).collect(),
    }
}

#[test]
fn the_words_people_write_are_indexed_as_pagefind_indexes_them() {
    let records = vec![
        rec(
            "/incidents/a/",
            "The connectionPool of api-gateway ran out at 14:05 UTC; v1.2.3 rolled back. sysconfig.is_python_build and \
             user@example.com, HTTP/2, e.g. (retries), “quoted”, don't, co-op, x86_64, IPv6, 10.0.0.1, $HOME, foo-foo.",
            &[("title", "Gateway out of connections"), ("id", "INC-1"), ("date", "2024-03-01")],
            &[("service", &["api-gateway", "billing"]), ("factor", &["capacity"])],
        ),
        rec(
            "/incidents/b/",
            "Café résumé naïve Ångström São Paulo Zürich café CAFÉ. Сбой базы данных в Москве. 数据库 故障 サーバー ハンドバンド \
             🔥 outage🔥 ok👍 ℃ ½ Ⅻ ǅ İstanbul ß ﬁle \u{a0}nbsp\u{200B}zero\u{200B} ___PAGEFIND_WEIGHT___2 weighted \
             ___PAGEFIND_ANCHOR___h2:1:intro ___PAGEFIND_AUTO_WEIGHT___3 auto-weighted ___END_PAGEFIND_WEIGHT___ \
             ___END_PAGEFIND_WEIGHT___ ___END_PAGEFIND_WEIGHT___ after-all ___PAGEFIND_WEIGHT___0 zero-weighted ___x",
            &[("title", "Café résumé: Ñandú down"), ("id", "INC-2"), ("severity", "SEV1")],
            &[("service", &["café", "billing", "billing"]), ("team", &["Zürich"])],
        ),
        rec("/incidents/empty/", "  — … ", &[("title", "No words")], &[]),
        rec(
            "/incidents/c/",
            "Retries retried retrying; the runbooks' runbook. MySQL mysql MYSQL PostgreSQL. ÉCOLE école",
            &[("title", "Retries"), ("id", "INC-3")],
            &[("factor", &["capacity", "config"])],
        ),
    ];
    // English; French, German and Russian (other stemmers); a site
    // language Pagefind has no stemmer for (no stemming, no wasm of its
    // own); a region subtag.
    for language in ["en", "fr", "de", "ru", "ja", "xx", "pt-BR"] {
        assert_same(&records, language);
    }
}

/// Every post-mortem of the shared corpus and of the fixtures, as the build
/// indexes it: many chunks, every kind of text real archives hold.
#[test]
fn real_post_mortems_are_indexed_as_pagefind_indexes_them() {
    let corpus = repo().join("../shared/corpus");
    if !corpus.is_dir() {
        assert!(std::env::var_os("CI").is_none(), "CI must have the corpus at {}", corpus.display());
        eprintln!("SKIPPED: the corpus is absent ({}); this test needs it", corpus.display());
        return;
    }
    let mut files: Vec<PathBuf> = Vec::new();
    for root in [corpus, repo().join("tests/fixtures/styles"), repo().join("content")] {
        for e in walkdir::WalkDir::new(&root).sort_by_file_name().into_iter().filter_map(Result::ok) {
            if e.path().extension().is_some_and(|x| x == "md") && !e.file_name().to_string_lossy().starts_with(char::is_uppercase) {
                files.push(e.into_path());
            }
        }
    }
    let cfg = pmbook::Config::defaults_at(&repo());
    let archive = pmbook::archive::load_files(&cfg, &repo().join("content"), &files);
    let records: Vec<Rec> = archive
        .documents
        .iter()
        .enumerate()
        .map(|(i, d)| Rec {
            url: format!("/incidents/{i}-{}/", d.incident.slug),
            text: pmbook::search::record_text(&d.incident),
            meta: pmbook::search::result_meta(&d.incident),
            filters: pmbook::search::filters(&d.incident),
        })
        .collect();
    assert!(records.len() > 250, "the corpus and fixtures hold {} post-mortems", records.len());
    assert_same(&records, "en");
}
