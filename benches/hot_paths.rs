//! Micro-benchmarks of the hot paths of a build, on documents from the
//! example archive and the legacy fixtures:
//!
//! - front matter: splitting and parsing a YAML block;
//! - body extraction: understanding a legacy document with no front matter
//!   (sections, an HTML timeline table, action items);
//! - Markdown: rendering a body with code and log blocks, highlighted;
//! - templates: rendering one incident page from an understood document;
//! - classify: the legacy document understood with and without inferring
//!   contributing factors, services, teams and severity.
//!
//! `cargo bench` runs them; `cargo bench -- markdown` runs one group.

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use pmbook::config::Config;
use pmbook::content::SourceDoc;
use pmbook::datetime::ZoneTable;
use pmbook::render::Renderer;
use pmbook::theme::Theme;

const POST_MORTEM: &str = include_str!("../content/2024/2024-03-05-checkout-latency.md");
const LEGACY: &str = include_str!("../tests/fixtures/legacy/mojibake-html.md");

fn doc(text: &str, path: &str) -> SourceDoc {
    SourceDoc { path: path.into(), display: path.into(), text: text.to_string() }
}

fn benches(c: &mut Criterion) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let cfg = Config::load(root).expect("book.toml of the example archive");
    let zones = ZoneTable::new(&cfg.time.zones);

    c.bench_function("front matter: split + parse (YAML)", |b| {
        b.iter(|| {
            let split = pmbook::frontmatter::split(black_box(POST_MORTEM)).expect("split");
            black_box(pmbook::frontmatter::parse(&split).expect("parse"));
        })
    });

    let legacy = doc(LEGACY, "content/legacy.md");
    c.bench_function("body extraction: legacy document", |b| {
        b.iter(|| black_box(pmbook::understand::understand(black_box(&legacy), Path::new("legacy.md"), &cfg, &zones)))
    });

    // Classification: the same legacy document understood with and without
    // inferring factors, services, teams and severity.
    let mut quiet = cfg.clone();
    quiet.classify.infer.clear();
    quiet.classifier = Default::default();
    c.bench_function("classify: legacy document, inference off", |b| {
        b.iter(|| black_box(pmbook::understand::understand(black_box(&legacy), Path::new("legacy.md"), &quiet, &zones)))
    });
    c.bench_function("classify: legacy document, inference on", |b| {
        b.iter(|| black_box(pmbook::understand::understand(black_box(&legacy), Path::new("legacy.md"), &cfg, &zones)))
    });

    let body = pmbook::frontmatter::split(POST_MORTEM).expect("split").body;
    c.bench_function("markdown + highlight: body with code and logs", |b| {
        b.iter(|| black_box(pmbook::markdown::render_body(black_box(body), 1, Path::new("2024/x.md"))))
    });

    let theme = Theme::load(&cfg).expect("theme");
    let understood = pmbook::understand::understand(&doc(POST_MORTEM, "content/2024/x.md"), Path::new("2024/x.md"), &cfg, &zones)
        .document
        .expect("document");
    let docs = [understood];
    let today = chrono::NaiveDate::from_ymd_opt(2025, 6, 1).expect("date");
    let renderer = Renderer::new(&cfg, &theme, &docs, today);
    c.bench_function("templates: one incident page", |b| b.iter(|| black_box(renderer.incident(&docs[0]).expect("page"))));
}

criterion_group!(hot_paths, benches);
criterion_main!(hot_paths);
