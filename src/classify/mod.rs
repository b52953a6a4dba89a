//! Filing documents under contributing factors, services, teams and
//! severity when their front matter does not say, explainably.
//!
//! Runs in the understand stage, after the body has been read: the parts
//! named by `[classify] read` (by default the title and the summary, root
//! cause, contributing factors, trigger and lessons sections) are matched
//! against the rules of the factor taxonomy (`taxonomy.rs`), of the service
//! and team vocabularies (book.toml and the Backstage catalogue) and of
//! severity prose (`severity.rs`). Every inferred term is recorded in
//! [`Incident::inferred`] with the rule, the words and the line, and in
//! `provenance` with `from: "inferred"`. Front matter always wins.

pub mod catalog;
mod passages;
pub mod rules;
pub mod severity;
pub mod taxonomy;
pub mod write;

use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

use crate::config::{Config, Toggle};
use crate::diagnostics::Diagnostic;
use crate::model::{Incident, Inference, Provenance};
use passages::Passage;
use rules::Rule;

/// The compiled rules of a configuration, built once on first use and
/// shared by its clones.
#[derive(Clone, Default)]
pub struct Cache(Arc<OnceLock<Classifier>>);

impl std::fmt::Debug for Cache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.0.get().is_some() { "Cache(compiled)" } else { "Cache(empty)" })
    }
}

impl PartialEq for Cache {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Cache {
    /// The classifier for `cfg` (which owns this cache).
    pub fn get(&self, cfg: &Config) -> &Classifier {
        self.0.get_or_init(|| Classifier::new(cfg))
    }
}

/// A term (factor, service or team) with its compiled rules.
#[derive(Debug)]
struct Term {
    name: String,
    strong: Vec<Rule>,
    weak: Vec<Rule>,
    absent: Vec<Rule>,
    remedy: Vec<Rule>,
    unless: Vec<Rule>,
    /// Owning team (services).
    owner: Option<String>,
}

fn compiled(phrases: &[String]) -> Vec<Rule> {
    // Compiled on first use; book.toml rules were validated when it was
    // read, the shipped ones by a test.
    phrases.iter().map(|p| Rule::lazy(p)).collect()
}

/// The kinds of factor rules (see `taxonomy.toml`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Strong,
    Weak,
    Absent,
    Remedy,
}

impl Term {
    fn rules(&self, kind: Kind) -> &[Rule] {
        match kind {
            Kind::Strong => &self.strong,
            Kind::Weak => &self.weak,
            Kind::Absent => &self.absent,
            Kind::Remedy => &self.remedy,
        }
    }
}

/// The compiled rules for one configuration.
#[derive(Debug)]
pub struct Classifier {
    factors: Vec<Term>,
    /// The anchor words of every factor rule (see [`rules::anchors`]), to
    /// find the few rules that can match a passage in one pass.
    anchors: aho_corasick::AhoCorasick,
    /// For each anchor: the rules it stands for (factor, kind, place in that list).
    anchor_rules: Vec<Vec<(usize, Kind, usize)>>,
    /// Rules without an anchor word, tried on every passage.
    always: Vec<(usize, Kind, usize)>,
    services: Vec<Term>,
    teams: Vec<Term>,
}

/// Evidence for one term in one document.
#[derive(Debug, Clone)]
pub struct Evidence {
    /// The rule phrase.
    pub rule: String,
    /// The words matched.
    pub matched: String,
    /// 1-based file line.
    pub line: usize,
    /// The part read (`root_cause`, `title`, `body`, …) and its heading.
    pub section: String,
    /// Points this match scored.
    pub points: u32,
}

/// Points a factor needs: one strong match in a causal section, or two
/// weaker pieces of evidence.
pub const THRESHOLD: u32 = 4;

impl Classifier {
    /// Compile the rules in force for `cfg`.
    pub fn new(cfg: &Config) -> Self {
        let factors: Vec<Term> = taxonomy::factors(cfg)
            .into_iter()
            .map(|f| Term {
                name: f.name,
                strong: compiled(&f.strong),
                weak: compiled(&f.weak),
                absent: compiled(&f.absent),
                remedy: compiled(&f.remedy),
                unless: compiled(&f.unless),
                owner: None,
            })
            .collect();
        let vocab = |terms: &[crate::config::VocabularyTerm], entities: &[catalog::Entity]| {
            let mut out: Vec<Term> = Vec::new();
            for t in terms {
                let mut strong: Vec<Rule> = std::iter::once(&t.name)
                    .chain(&t.aliases)
                    .filter(|n| n.chars().count() >= 3)
                    .filter_map(|n| rules::literal(n))
                    .collect();
                strong.extend(compiled(&t.match_rules));
                out.push(Term {
                    name: t.name.clone(),
                    strong,
                    weak: Vec::new(),
                    absent: Vec::new(),
                    remedy: Vec::new(),
                    unless: Vec::new(),
                    owner: t.owner.clone(),
                });
            }
            for e in entities {
                let names = std::iter::once(&e.name).chain(e.title.as_ref()).filter(|n| n.chars().count() >= 3);
                match out.iter_mut().find(|t| crate::slug::slugify(&t.name) == crate::slug::slugify(&e.name)) {
                    Some(t) => {
                        t.strong.extend(names.filter_map(|n| rules::literal(n)));
                        if t.owner.is_none() {
                            t.owner = e.owner.clone();
                        }
                    }
                    None => out.push(Term {
                        name: e.name.clone(),
                        strong: names.filter_map(|n| rules::literal(n)).collect(),
                        weak: Vec::new(),
                        absent: Vec::new(),
                        remedy: Vec::new(),
                        unless: Vec::new(),
                        owner: e.owner.clone(),
                    }),
                }
            }
            out
        };
        let factors: Vec<Term> = factors;
        let mut words: Vec<String> = Vec::new();
        let mut anchor_rules: Vec<Vec<(usize, Kind, usize)>> = Vec::new();
        let mut always = Vec::new();
        for (t, term) in factors.iter().enumerate() {
            for kind in [Kind::Strong, Kind::Weak, Kind::Absent, Kind::Remedy] {
                for (r, rule) in term.rules(kind).iter().enumerate() {
                    let anchors = rules::anchors(&rule.phrase);
                    if anchors.is_empty() {
                        always.push((t, kind, r));
                    }
                    for a in anchors {
                        match words.iter().position(|w| *w == a) {
                            Some(k) => anchor_rules[k].push((t, kind, r)),
                            None => {
                                words.push(a);
                                anchor_rules.push(vec![(t, kind, r)]);
                            }
                        }
                    }
                }
            }
        }
        let anchors = aho_corasick::AhoCorasick::builder().ascii_case_insensitive(true).build(&words).unwrap_or_else(|_| {
            // Only on absurd sizes; then every rule is tried.
            always.extend(anchor_rules.drain(..).flatten());
            aho_corasick::AhoCorasick::new(Vec::<String>::new()).expect("an empty automaton")
        });
        Classifier {
            factors,
            anchors,
            anchor_rules,
            always,
            services: vocab(&cfg.services, &cfg.catalog.services),
            teams: vocab(&cfg.teams, &cfg.catalog.teams),
        }
    }

    /// Score every factor over `passages`; returns those with any evidence,
    /// each with its evidence (best first) and total points.
    ///
    /// One pass over each passage finds the anchor words present, and so
    /// the rules that can match; only those are run line by line.
    pub fn factor_scores(&self, passages: &[Passage]) -> Vec<(String, u32, Vec<Evidence>)> {
        let mut best: Vec<BTreeMap<usize, Evidence>> = (0..self.factors.len()).map(|_| BTreeMap::new()).collect();
        for p in passages {
            let text = p.lines.iter().map(|(_, l)| l.as_str()).collect::<Vec<_>>().join("\n");
            let starts: Vec<usize> = std::iter::once(0)
                .chain(p.lines.iter().scan(0, |at, (_, l)| {
                    *at += l.len() + 1;
                    Some(*at)
                }))
                .take(p.lines.len())
                .collect();
            // Whether each line states a cause, worked out when first asked.
            let mut causal: Vec<Option<bool>> = vec![None; p.lines.len()];
            let mut candidates: Vec<(usize, Kind, usize)> = self.always.clone();
            let mut seen = vec![false; self.anchor_rules.len()];
            for m in self.anchors.find_overlapping_iter(&text) {
                let k = m.pattern().as_usize();
                if !std::mem::replace(&mut seen[k], true) {
                    candidates.extend(self.anchor_rules[k].iter().copied());
                }
            }
            candidates.sort_unstable_by_key(|&(t, kind, r)| (t, kind as u8, r));
            candidates.dedup();
            for (t, kind, r) in candidates {
                if p.remedy_only && kind != Kind::Remedy {
                    continue;
                }
                let term = &self.factors[t];
                let rule = &term.rules(kind)[r];
                let (strong, weak) = p.weights();
                let base = match kind {
                    Kind::Strong => strong,
                    Kind::Weak | Kind::Absent => weak,
                    Kind::Remedy => THRESHOLD,
                };
                let Some(regex) = rule.regex() else { continue };
                // One search over the passage; each match is judged within its line.
                let mut last_line = usize::MAX;
                for m in regex.find_iter(&text) {
                    let i = starts.partition_point(|&s| s <= m.start()) - 1;
                    if i == last_line {
                        continue;
                    }
                    let (line_no, line) = (&p.lines[i].0, p.lines[i].1.as_str());
                    let (s0, e0) = (m.start() - starts[i], (m.end() - starts[i]).min(line.len()));
                    let ok = match kind {
                        Kind::Absent => rules::absent(line, s0, e0),
                        Kind::Remedy => true,
                        _ => !rules::negated(line, s0, e0),
                    };
                    if !ok || term.unless.iter().any(|u| u.regex().is_some_and(|r| r.is_match(line))) {
                        continue;
                    }
                    last_line = i;
                    let mut points = base;
                    if kind != Kind::Remedy && !p.causal && *causal[i].get_or_insert_with(|| rules::causal(line)) {
                        points *= 2;
                    }
                    if best[t].get(line_no).is_none_or(|e| points > e.points) {
                        best[t].insert(
                            *line_no,
                            Evidence {
                                rule: rule.phrase.clone(),
                                matched: m.as_str().split_whitespace().collect::<Vec<_>>().join(" "),
                                line: *line_no,
                                section: p.label.clone(),
                                points,
                            },
                        );
                    }
                }
            }
        }
        let mut out = Vec::new();
        for (t, lines) in best.into_iter().enumerate() {
            if lines.is_empty() {
                continue;
            }
            let mut ev: Vec<Evidence> = lines.into_values().collect();
            ev.sort_by(|a, b| b.points.cmp(&a.points).then(a.line.cmp(&b.line)));
            let total = ev.iter().map(|e| e.points).sum();
            out.push((self.factors[t].name.clone(), total, ev));
        }
        out
    }

    /// Names of `terms` mentioned (not negated) in `passages`, with the first mention.
    fn mentions(terms: &[Term], passages: &[Passage]) -> Vec<(String, Evidence, Option<String>)> {
        let mut out = Vec::new();
        'terms: for t in terms {
            for p in passages.iter().filter(|p| !p.remedy_only) {
                for (line_no, line) in &p.lines {
                    for r in &t.strong {
                        if let Some(m) = r.regex().and_then(|x| x.find_iter(line).find(|m| !rules::negated(line, m.start(), m.end()))) {
                            let ev = Evidence {
                                rule: r.phrase.clone(),
                                matched: m.as_str().split_whitespace().collect::<Vec<_>>().join(" "),
                                line: *line_no,
                                section: p.label.clone(),
                                points: THRESHOLD,
                            };
                            out.push((t.name.clone(), ev, t.owner.clone()));
                            continue 'terms;
                        }
                    }
                }
            }
        }
        out
    }

    fn owner_of(&self, service: &str) -> Option<&str> {
        let s = crate::slug::slugify(service);
        self.services.iter().find(|t| crate::slug::slugify(&t.name) == s).and_then(|t| t.owner.as_deref())
    }
}

fn record(inc: &mut Incident, field: &str, value: &str, ev: &Evidence) {
    inc.inferred.push(Inference {
        field: field.to_string(),
        value: value.to_string(),
        rule: ev.rule.clone(),
        matched: ev.matched.clone(),
        line: Some(ev.line),
        section: Some(ev.section.clone()),
    });
}

fn provenance(inc: &mut Incident, field: &str) {
    let items: Vec<&Inference> = inc.inferred.iter().filter(|i| i.field == field).collect();
    let Some(first) = items.first() else { return };
    let line = first.line;
    let detail = items.iter().map(|i| i.explain()).collect::<Vec<_>>().join("; ");
    inc.provenance.insert(field.to_string(), Provenance { from: "inferred", line, detail: Some(detail) });
}

/// Fill `inc`'s factors, services, teams and severity from its text where
/// front matter (and the body's metadata lines) left them out. `body` is the
/// Markdown body starting at file line `body_line`. Returns
/// `factor-disagreement` warnings when `[check] factor-disagreement` is on.
pub fn apply(inc: &mut Incident, body: &str, body_line: usize, cfg: &Config) -> Vec<Diagnostic> {
    let want = |f: &str| cfg.classify.infer.iter().any(|x| x == f) && !(cfg.build.public && inc.internal_fields.iter().any(|x| x == f));
    let infer_factors =
        want("contributing_factors") && inc.contributing_factors.is_empty() && cfg.classify.taxonomy != crate::config::TaxonomyMode::Off;
    let disagreement = cfg.check.factor_disagreement == Toggle::Warn && !inc.contributing_factors.is_empty();
    let infer_services = want("services") && inc.services.is_empty();
    let infer_teams = want("teams") && inc.teams.is_empty();
    let infer_severity = want("severity") && inc.severity.is_none();
    if !(infer_factors || disagreement || infer_services || infer_teams || infer_severity) {
        return Vec::new();
    }
    let c = cfg.classifier.get(cfg);
    let mut diags = Vec::new();
    let needs_text = infer_factors || disagreement || (infer_services && !c.services.is_empty()) || (infer_teams && !c.teams.is_empty());
    let passages = if needs_text { passages::collect(inc, body, body_line, &cfg.classify.read) } else { Vec::new() };
    if infer_factors || disagreement {
        let scores = c.factor_scores(&passages);
        if infer_factors {
            let mut found: Vec<(String, u32, Evidence)> = scores
                .into_iter()
                .filter(|(_, t, _)| *t >= THRESHOLD)
                .filter_map(|(n, t, ev)| ev.into_iter().next().map(|e| (n, t, e)))
                .collect();
            found.sort_by(|a, b| b.1.cmp(&a.1).then(a.2.line.cmp(&b.2.line)));
            for (name, _, ev) in &found {
                inc.contributing_factors.push(name.clone());
                record(inc, "contributing_factors", name, ev);
            }
            provenance(inc, "contributing_factors");
        } else {
            let declared: Vec<String> = inc.contributing_factors.iter().map(|f| crate::slug::slugify(f)).collect();
            for (name, total, ev) in scores {
                if total >= 2 * THRESHOLD
                    && !declared.contains(&crate::slug::slugify(&name))
                    && let Some(e) = ev.first()
                {
                    diags.push(
                        Diagnostic::warning(
                            "factor-disagreement",
                            inc.source.path.clone(),
                            e.line,
                            format!(
                                "the text strongly suggests contributing factor `{name}` (\"{}\"), which the front matter does not list",
                                e.matched
                            ),
                        )
                        .with_help("add it to `contributing_factors`, or set [check] factor-disagreement = \"off\""),
                    );
                }
            }
        }
    }
    if infer_services && !c.services.is_empty() {
        let mut scope = passages.clone();
        scope.extend(passages::collect(inc, body, body_line, &["impact".to_string()]));
        for (name, ev, _) in Classifier::mentions(&c.services, &scope) {
            inc.services.push(name.clone());
            record(inc, "services", &name, &ev);
        }
        provenance(inc, "services");
    }
    if infer_teams {
        let mut teams: Vec<(String, Evidence)> = Vec::new();
        for s in inc.services.clone() {
            if let Some(owner) = c.owner_of(&s) {
                let line = inc.provenance.get("services").and_then(|p| p.line).unwrap_or(1);
                let ev = Evidence {
                    rule: format!("owner of service `{s}`"),
                    matched: s.clone(),
                    line,
                    section: "services".into(),
                    points: THRESHOLD,
                };
                if !teams.iter().any(|(t, _)| t == owner) {
                    teams.push((owner.to_string(), ev));
                }
            }
        }
        if !c.teams.is_empty() {
            for (name, ev, _) in Classifier::mentions(&c.teams, &passages) {
                if !teams.iter().any(|(t, _)| *t == name) {
                    teams.push((name, ev));
                }
            }
        }
        for (name, ev) in teams {
            inc.teams.push(name.clone());
            record(inc, "teams", &name, &ev);
        }
        provenance(inc, "teams");
    }
    if infer_severity && let Some(f) = severity::find(body, body_line, cfg) {
        let level = &cfg.severities[f.rank];
        inc.severity = Some(level.name.clone());
        inc.severity_rank = Some(f.rank as u32 + 1);
        let ev = Evidence { rule: f.rule.to_string(), matched: f.matched, line: f.line, section: "body".into(), points: THRESHOLD };
        record(inc, "severity", &level.name.clone(), &ev);
        provenance(inc, "severity");
    }
    diags
}

/// `[classify] publish = false`: take inferred terms out of documents
/// before the site is written (they stay in `inspect`).
pub fn unpublish(inc: &mut Incident) {
    for i in std::mem::take(&mut inc.inferred) {
        match i.field.as_str() {
            "contributing_factors" => inc.contributing_factors.retain(|v| *v != i.value),
            "services" => inc.services.retain(|v| *v != i.value),
            "teams" => inc.teams.retain(|v| *v != i.value),
            "severity" => {
                inc.severity = None;
                inc.severity_rank = None;
            }
            _ => {}
        }
        inc.provenance.remove(&i.field);
    }
}

#[cfg(test)]
mod tests;
