//! Cross-incident views: one term index per kind (contributing factors,
//! services, teams, severities, tags, years), the lifecycle board, related
//! incidents, the action-item ledger and statistics. Built once per build
//! from the understood documents; pages borrow from it.

pub mod ledger;
pub mod stats;

use std::collections::{BTreeMap, HashMap};

use chrono::Datelike;

use crate::config::{Config, VocabularyTerm};
use crate::model::{Incident, Status};
use crate::slug::{has_slug, slugify};

/// The kinds of term index, with their URL segment and labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TermKind {
    /// `factors/<slug>/`
    Factor,
    /// `services/<slug>/`
    Service,
    /// `teams/<slug>/`
    Team,
    /// `severities/<slug>/`
    Severity,
    /// `tags/<slug>/`
    Tag,
    /// `years/<year>/`
    Year,
}

impl TermKind {
    /// Every kind, in navigation order.
    pub const ALL: [TermKind; 6] = [TermKind::Factor, TermKind::Service, TermKind::Team, TermKind::Severity, TermKind::Tag, TermKind::Year];

    /// URL segment (`factors`).
    pub fn path(self) -> &'static str {
        match self {
            TermKind::Factor => "factors",
            TermKind::Service => "services",
            TermKind::Team => "teams",
            TermKind::Severity => "severities",
            TermKind::Tag => "tags",
            TermKind::Year => "years",
        }
    }

    /// Plural label (`Contributing factors`).
    pub fn label(self) -> &'static str {
        match self {
            TermKind::Factor => "Contributing factors",
            TermKind::Service => "Services",
            TermKind::Team => "Teams",
            TermKind::Severity => "Severities",
            TermKind::Tag => "Tags",
            TermKind::Year => "Years",
        }
    }

    /// Singular label (`contributing factor`).
    pub fn singular(self) -> &'static str {
        match self {
            TermKind::Factor => "contributing factor",
            TermKind::Service => "service",
            TermKind::Team => "team",
            TermKind::Severity => "severity",
            TermKind::Tag => "tag",
            TermKind::Year => "year",
        }
    }

    /// The incident's terms of this kind.
    pub fn terms_of(self, inc: &Incident) -> Vec<String> {
        match self {
            TermKind::Factor => inc.contributing_factors.clone(),
            TermKind::Service => inc.services.clone(),
            TermKind::Team => inc.teams.clone(),
            TermKind::Severity => inc.severity.iter().cloned().collect(),
            TermKind::Tag => inc.tags.clone(),
            TermKind::Year => inc.date.map(|d| d.year().to_string()).into_iter().collect(),
        }
    }
}

/// One term: a factor, service, team, severity, tag or year.
#[derive(Debug)]
pub struct Term<'a> {
    /// Display name (the vocabulary's canonical name, else the first spelling seen).
    pub name: String,
    /// URL segment.
    pub slug: String,
    /// Description from book.toml's vocabulary or severity scale.
    pub description: Option<String>,
    /// Incidents with this term, newest first.
    pub incidents: Vec<&'a Incident>,
    /// Incidents per year.
    pub by_year: BTreeMap<i32, usize>,
    /// Sort position (severity rank, year), else by count.
    pub order: i64,
}

/// All terms of one kind.
#[derive(Debug)]
pub struct TermIndex<'a> {
    /// Which kind.
    pub kind: TermKind,
    /// Terms, most used first (severities by rank, years newest first).
    pub terms: Vec<Term<'a>>,
}

/// Everything cross-incident.
pub struct Indexes<'a> {
    /// One index per kind, in [`TermKind::ALL`] order.
    pub terms: Vec<TermIndex<'a>>,
    /// Incidents by phase: active, mitigated, resolved, closed, then unknown.
    pub board: Vec<(Option<Status>, Vec<&'a Incident>)>,
}

fn vocabulary(cfg: &Config, kind: TermKind) -> &[VocabularyTerm] {
    match kind {
        TermKind::Factor => &cfg.factors,
        TermKind::Service => &cfg.services,
        TermKind::Team => &cfg.teams,
        _ => &[],
    }
}

/// Build every index. `incidents` should be sorted newest first.
pub fn build<'a>(cfg: &Config, incidents: &[&'a Incident]) -> Indexes<'a> {
    let terms = TermKind::ALL.iter().map(|&k| term_index(cfg, k, incidents)).collect();
    let mut board: Vec<(Option<Status>, Vec<&Incident>)> = Status::ALL.iter().map(|s| (Some(*s), Vec::new())).collect();
    board.push((None, Vec::new()));
    for inc in incidents {
        let col = inc.status.map_or(4, |s| s as usize);
        board[col].1.push(inc);
    }
    Indexes { terms, board }
}

fn term_index<'a>(cfg: &Config, kind: TermKind, incidents: &[&'a Incident]) -> TermIndex<'a> {
    let mut by_slug: BTreeMap<String, Term<'a>> = BTreeMap::new();
    for inc in incidents {
        for name in kind.terms_of(inc) {
            let slug = slugify(&name);
            let term = by_slug.entry(slug.clone()).or_insert_with(|| Term {
                name: name.clone(),
                slug,
                description: None,
                incidents: Vec::new(),
                by_year: BTreeMap::new(),
                order: 0,
            });
            if term.incidents.last().is_none_or(|last| !std::ptr::eq(*last, *inc)) {
                term.incidents.push(inc);
                if let Some(d) = inc.date {
                    *term.by_year.entry(d.year()).or_default() += 1;
                }
            }
        }
    }
    for v in vocabulary(cfg, kind) {
        if let Some(t) = by_slug.get_mut(&slugify(&v.name)) {
            t.name = v.name.clone();
            t.description = Some(v.description.clone()).filter(|d| !d.is_empty());
        }
    }
    let mut terms: Vec<Term<'a>> = by_slug.into_values().collect();
    for t in &mut terms {
        t.order = match kind {
            TermKind::Severity => cfg.severity(&t.name).map_or(99, |(r, l)| {
                t.description = Some(format!("{} — {}", l.label, l.description)).filter(|d| d.len() > 3);
                r as i64
            }),
            TermKind::Year => -t.name.parse::<i64>().unwrap_or(0),
            _ => -(t.incidents.len() as i64),
        };
    }
    terms.sort_by(|a, b| (a.order, &a.slug).cmp(&(b.order, &b.slug)));
    TermIndex { kind, terms }
}

impl Term<'_> {
    /// Contributing factors that occur with this term most (at most six),
    /// as (name, slug, count); computed when a page asks.
    pub fn co_factors(&self, kind: TermKind) -> Vec<(String, String, usize)> {
        top(
            self.incidents
                .iter()
                .flat_map(|i| i.contributing_factors.iter())
                .filter(|f| kind != TermKind::Factor || slugify(f) != self.slug),
            6,
        )
    }

    /// Services hit most by incidents with this term (at most six).
    pub fn services(&self, kind: TermKind) -> Vec<(String, String, usize)> {
        top(self.incidents.iter().flat_map(|i| i.services.iter()).filter(|s| kind != TermKind::Service || slugify(s) != self.slug), 6)
    }
}

/// The `n` most frequent values, as (name, slug, count), ties by name.
fn top<'s>(values: impl Iterator<Item = &'s String>, n: usize) -> Vec<(String, String, usize)> {
    let mut counts: HashMap<String, (String, usize)> = HashMap::new();
    for v in values {
        counts.entry(slugify(v)).or_insert_with(|| (v.clone(), 0)).1 += 1;
    }
    let mut v: Vec<(String, String, usize)> = counts.into_iter().map(|(slug, (name, c))| (name, slug, c)).collect();
    v.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.1.cmp(&b.1)));
    v.truncate(n);
    v
}

/// Related incidents: a shared contributing factor weighs 3, a service 2 and
/// a tag 1. Terms shared by more than 200 incidents carry little signal and
/// are skipped, which also keeps this linear in practice on large archives.
/// Only the postings are built up front; each incident's list is scored
/// when its page is rendered (in parallel, and only for the pages that are).
pub struct Related<'a> {
    incidents: Vec<&'a Incident>,
    position: HashMap<&'a str, usize>,
    /// Each distinct factor, service or tag name → the number of its slug
    /// (names that slugify alike share one).
    names: HashMap<&'a str, u32>,
    /// (weight, slug number) → the incidents carrying it.
    postings: HashMap<(u8, u32), Vec<usize>>,
}

impl<'a> Related<'a> {
    const LIMIT: usize = 200;

    /// Postings of every incident's factors, services and tags. Each
    /// distinct name is slugified once and numbered, so building this for
    /// an edit under `serve` costs a few milliseconds at 10,000 incidents.
    pub fn new(incidents: &[&'a Incident]) -> Self {
        let mut postings: HashMap<(u8, u32), Vec<usize>> = HashMap::new();
        let mut names: HashMap<&'a str, u32> = HashMap::new();
        let mut slugs: HashMap<String, u32> = HashMap::new();
        for (i, inc) in incidents.iter().enumerate() {
            for (w, list) in [(3u8, &inc.contributing_factors), (2, &inc.services), (1, &inc.tags)] {
                for t in list {
                    let next = slugs.len() as u32;
                    let id = *names.entry(t.as_str()).or_insert_with(|| *slugs.entry(slugify(t)).or_insert(next));
                    postings.entry((w, id)).or_default().push(i);
                }
            }
        }
        let position = incidents.iter().enumerate().map(|(i, inc)| (inc.id.as_str(), i)).collect();
        Related { incidents: incidents.to_vec(), position, names, postings }
    }

    /// The incidents most related to `id`, best first (at most 5), with scores.
    pub fn of(&self, id: &str) -> Vec<(&'a Incident, u32)> {
        let Some(&i) = self.position.get(id) else { return Vec::new() };
        let postings = terms_of(self.incidents[i]).map(|(w, t)| self.names.get(t).and_then(|n| self.postings.get(&(w, *n))));
        best(&self.incidents, i, postings)
    }

    /// What [`Related::new`] followed by [`Related::of`] gives for `id`,
    /// found by comparing that one incident's terms with every other's:
    /// no postings are built, which makes rendering one page (an edit under
    /// `serve`) several times cheaper than indexing the whole archive.
    pub fn of_one(incidents: &[&'a Incident], id: &str) -> Vec<(&'a Incident, u32)> {
        let Some(i) = incidents.iter().position(|inc| inc.id == id) else { return Vec::new() };
        let wanted: Vec<(u8, String)> = terms_of(incidents[i]).map(|(w, t)| (w, slugify(t))).collect();
        // Most names differ from every wanted slug in their first letter.
        let mut firsts = [false; 128];
        for (_, slug) in &wanted {
            firsts[usize::from(slug.as_bytes()[0] & 0x7f)] = true;
        }
        let mut postings: Vec<Vec<usize>> = vec![Vec::new(); wanted.len()];
        for (j, other) in incidents.iter().enumerate() {
            for (w, t) in terms_of(other) {
                if first_letter(t).is_some_and(|b| !firsts[usize::from(b)]) {
                    continue;
                }
                for (k, (kw, slug)) in wanted.iter().enumerate() {
                    if *kw == w && has_slug(t, slug) {
                        postings[k].push(j);
                    }
                }
            }
        }
        best(incidents, i, postings.iter().map(Some))
    }
}

/// The first character of `name`'s slug when it is plain ASCII; `None`
/// when it cannot be told cheaply (a non-ASCII letter may come first, or
/// there is no letter at all).
fn first_letter(name: &str) -> Option<u8> {
    let b = *name.as_bytes().iter().find(|b| b.is_ascii_alphanumeric() || !b.is_ascii())?;
    b.is_ascii().then(|| b.to_ascii_lowercase())
}

/// An incident's factors, services and tags with their weights.
fn terms_of(inc: &Incident) -> impl Iterator<Item = (u8, &str)> {
    [(3u8, &inc.contributing_factors), (2, &inc.services), (1, &inc.tags)]
        .into_iter()
        .flat_map(|(w, list)| list.iter().map(move |t| (w, t.as_str())))
}

/// Score the incidents in the postings of incident `i`'s terms (one per
/// term, in [`terms_of`] order) and keep the best five.
fn best<'a, 'p>(incidents: &[&'a Incident], i: usize, postings: impl Iterator<Item = Option<&'p Vec<usize>>>) -> Vec<(&'a Incident, u32)> {
    let weights = terms_of(incidents[i]).map(|(w, _)| w);
    let mut scores: HashMap<usize, u32> = HashMap::new();
    for (w, p) in weights.zip(postings) {
        if let Some(p) = p.filter(|p| p.len() <= Related::LIMIT) {
            for &j in p.iter().filter(|&&j| j != i) {
                *scores.entry(j).or_default() += u32::from(w);
            }
        }
    }
    let mut best: Vec<(usize, u32)> = scores.into_iter().filter(|(_, s)| *s >= 3).collect();
    best.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    best.truncate(5);
    best.into_iter().map(|(j, s)| (incidents[j], s)).collect()
}

#[cfg(test)]
mod tests {
    use super::Related;
    use crate::model::Incident;

    fn inc(id: &str, factors: &[&str], services: &[&str], tags: &[&str]) -> Incident {
        let mut i = Incident::blank();
        i.id = id.into();
        let owned = |v: &[&str]| v.iter().map(|s| s.to_string()).collect();
        (i.contributing_factors, i.services, i.tags) = (owned(factors), owned(services), owned(tags));
        i
    }

    #[test]
    fn related_scores_shared_terms_by_weight() {
        let all = [
            inc("A", &["Capacity"], &["api"], &["db"]),
            inc("B", &["capacity "], &[], &[]),
            inc("C", &[], &[], &["db"]),
            inc("D", &[], &["API"], &["DB"]),
            inc("E", &["Deploy"], &["web"], &[]),
            inc("F", &["deploy"], &["Web", "web"], &["db"]),
            inc("G", &["Élan"], &["élan"], &["--"]),
            inc("H", &["elan"], &[], &["!"]),
        ];
        let refs: Vec<&Incident> = all.iter().collect();
        let ids = |v: Vec<(&Incident, u32)>| v.into_iter().map(|(i, s)| (i.id.clone(), s)).collect::<Vec<_>>();
        // B shares a factor (3), D a service and a tag (2 + 1); C only a tag.
        assert_eq!(ids(Related::of_one(&refs, "A")), [("B".to_string(), 3), ("D".to_string(), 3)]);
        // A name listed twice counts twice (3 + 2 × 2), as in the postings;
        // a shared tag alone is not enough.
        assert_eq!(ids(Related::of_one(&refs, "F")), [("E".to_string(), 7)]);
        // Accents fold; names without a letter share the slug `untitled`.
        assert_eq!(ids(Related::of_one(&refs, "H")), [("G".to_string(), 4)]);
        let index = Related::new(&refs);
        for i in &all {
            assert_eq!(ids(index.of(&i.id)), ids(Related::of_one(&refs, &i.id)), "{}", i.id);
        }
        assert!(Related::of_one(&refs, "nope").is_empty());
    }
}
