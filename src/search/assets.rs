//! Pagefind's scripts, styles and wasm, and what its entry file says.
//!
//! Pagefind's library is the source of the files a search runs on: the
//! search API and UI scripts (minified as it ships them), their styles,
//! and the wasm of the language's stemmer. They are taken from a bundle
//! Pagefind builds for one word, once per language and process (`serve`
//! rebuilds reuse them); the index files of that bundle are dropped, as
//! [`super::bundle`] writes the real ones.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// Pagefind's files for one language.
pub struct Assets {
    /// Pagefind's version, which its scripts check in the index.
    pub version: String,
    /// The language's key in the entry file.
    pub language: String,
    /// The language's wasm (its stemmer), if Pagefind has one for it.
    pub wasm: Option<String>,
    /// Scripts, styles and wasm, by file name in the bundle.
    pub files: Vec<(String, Vec<u8>)>,
    /// The characters Pagefind keeps in words besides letters and digits
    /// (its search reads them from the entry file).
    include_characters: Vec<char>,
}

/// `pagefind-entry.json`, fields in Pagefind's order.
#[derive(Serialize, Deserialize)]
struct Entry {
    version: String,
    languages: std::collections::BTreeMap<String, EntryLanguage>,
    include_characters: Vec<char>,
}

#[derive(Serialize, Deserialize)]
struct EntryLanguage {
    hash: String,
    wasm: Option<String>,
    page_count: usize,
}

impl Assets {
    /// Pagefind's files for `language` (made on first use).
    pub fn get(language: &str) -> Result<Arc<Assets>> {
        static MADE: OnceLock<Mutex<HashMap<String, Arc<Assets>>>> = OnceLock::new();
        let made = MADE.get_or_init(Default::default);
        let mut made = made.lock().map_err(|_| Error::Usage("the search assets' lock is poisoned".into()))?;
        if let Some(a) = made.get(language) {
            return Ok(a.clone());
        }
        let assets = Arc::new(Self::make(language)?);
        made.insert(language.to_string(), assets.clone());
        Ok(assets)
    }

    fn make(language: &str) -> Result<Assets> {
        let failed = |e: anyhow::Error| Error::Usage(format!("cannot get Pagefind's search scripts: {e:#}"));
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| Error::Usage(format!("cannot start the search indexer: {e}")))?;
        let files = runtime.block_on(async {
            let config = pagefind::options::PagefindServiceConfig::builder().force_language(language.to_string()).build();
            let mut index = pagefind::api::PagefindIndex::new(Some(config)).map_err(failed)?;
            index.add_custom_record("/".into(), "pmbook".into(), language.into(), None, None, None).await.map_err(failed)?;
            index.get_files().await.map_err(failed)
        })?;
        let mut entry = None;
        let mut kept = Vec::new();
        for file in files {
            let name = file.filename.to_string_lossy().replace('\\', "/");
            if name == "pagefind-entry.json" {
                entry =
                    Some(serde_json::from_slice::<Entry>(&file.contents).map_err(|e| Error::Usage(format!("Pagefind's entry file: {e}")))?);
            } else if !(name.ends_with(".pf_meta")
                || name.starts_with("fragment/")
                || name.starts_with("index/")
                || name.starts_with("filter/"))
            {
                kept.push((name, file.contents));
            }
        }
        let entry = entry.ok_or_else(|| Error::Usage("Pagefind wrote no entry file".into()))?;
        let (key, lang) =
            entry.languages.into_iter().next().ok_or_else(|| Error::Usage("Pagefind's entry file names no language".into()))?;
        kept.sort();
        Ok(Assets { version: entry.version, language: key, wasm: lang.wasm, files: kept, include_characters: entry.include_characters })
    }

    /// The entry file of a bundle whose metadata is `meta_hash`.
    pub fn entry(&self, meta_hash: &str, pages: usize) -> Vec<u8> {
        let language = EntryLanguage { hash: meta_hash.to_string(), wasm: self.wasm.clone(), page_count: pages };
        let entry = Entry {
            version: self.version.clone(),
            languages: [(self.language.clone(), language)].into_iter().collect(),
            include_characters: self.include_characters.clone(),
        };
        serde_json::to_vec(&entry).unwrap_or_default()
    }
}
