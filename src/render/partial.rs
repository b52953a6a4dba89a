//! Re-rendering the part of the site one change affects (`pmbook serve`).
//!
//! An edit to one post-mortem changes its own page, the pages of the terms
//! it carries (before and after the edit), the term index pages (counts)
//! and the home page. Everything else that can depend on it (other
//! incidents' related lists, the board, the ledger, statistics, feeds,
//! exports, search) is brought up to date by a full render in the
//! background.

use std::collections::{BTreeSet, HashMap};

use super::Renderer;
use crate::error::Result;
use crate::index::TermKind;
use crate::output::Sink;

/// A term page: its kind and slug.
pub type TermKey = (TermKind, String);

/// What to re-render after a change.
#[derive(Debug, Default, Clone)]
pub struct Affected {
    /// Incident ids whose page must be rendered again.
    pub incidents: BTreeSet<String>,
    /// Term pages to render again.
    pub terms: BTreeSet<TermKey>,
}

impl Renderer<'_> {
    /// For every incident id, the term pages it is listed on.
    pub fn memberships(&self) -> HashMap<String, Vec<TermKey>> {
        let mut out: HashMap<String, Vec<TermKey>> = HashMap::new();
        for index in &self.indexes().terms {
            for term in &index.terms {
                for inc in &term.incidents {
                    out.entry(inc.id.clone()).or_default().push((index.kind, term.slug.clone()));
                }
            }
        }
        out
    }

    /// [`Renderer::memberships`] for the given incident ids only.
    pub fn memberships_of(&self, ids: &BTreeSet<String>) -> HashMap<String, Vec<TermKey>> {
        let mut out: HashMap<String, Vec<TermKey>> = ids.iter().map(|id| (id.clone(), Vec::new())).collect();
        for index in &self.indexes().terms {
            for term in &index.terms {
                for inc in term.incidents.iter().filter(|i| ids.contains(&i.id)) {
                    if let Some(v) = out.get_mut(&inc.id) {
                        v.push((index.kind, term.slug.clone()));
                    }
                }
            }
        }
        out
    }

    /// Render the incident pages and term pages in `affected`, every term
    /// index page and the home page. Incidents and terms that no longer
    /// exist are skipped (the caller removes their pages). Returns the
    /// number of pages written.
    pub fn render_affected(&self, out: &dyn Sink, affected: &Affected) -> Result<usize> {
        Ok(self.render_incidents(out, &affected.incidents)? + self.render_terms(out, &affected.terms)?)
    }

    /// Render the pages of the incidents `ids`.
    pub fn render_incidents(&self, out: &dyn Sink, ids: &BTreeSet<String>) -> Result<usize> {
        let mut pages = 0;
        for doc in self.docs.iter().filter(|d| ids.contains(&d.incident.id)) {
            out.write(&format!("incidents/{}/index.html", doc.incident.slug), self.incident(doc)?.as_bytes())?;
            out.write(&format!("incidents/{}/index.json", doc.incident.slug), crate::listing::incident_json(&doc.incident).as_bytes())?;
            pages += 1;
        }
        Ok(pages)
    }

    /// Render the term pages `terms`, the index pages of their kinds and
    /// the home page.
    pub fn render_terms(&self, out: &dyn Sink, terms: &BTreeSet<TermKey>) -> Result<usize> {
        let mut pages = 0;
        for index in &self.indexes().terms {
            let kinds_touched = terms.iter().any(|(k, _)| *k == index.kind);
            if !kinds_touched {
                continue;
            }
            out.write(&format!("{}/index.html", index.kind.path()), self.term_index(index)?.as_bytes())?;
            pages += 1;
            for term in index.terms.iter().filter(|t| terms.contains(&(index.kind, t.slug.clone()))) {
                out.write(&format!("{}/{}/index.html", index.kind.path(), term.slug), self.term_page(index.kind, term)?.as_bytes())?;
                pages += 1;
            }
        }
        out.write("index.html", self.home()?.as_bytes())?;
        Ok(pages + 1)
    }
}
