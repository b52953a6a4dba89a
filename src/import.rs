//! `pmbook import`: legacy documents become canonical pmbook post-mortems.
//!
//! Each source is understood as `build` would understand it. The result is
//! written with front matter holding what was recognised (metadata and the
//! impact milestones, so they can be reviewed and corrected) and the body
//! kept as it was; the timeline and action items stay in the body, where
//! pmbook keeps recognising them. Existing files are never overwritten
//! without `force`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::content;
use crate::datetime::ZoneTable;
use crate::diagnostics::{Diagnostic, Level};
use crate::error::{Error, Result};
use crate::frontmatter;
use crate::model::Incident;
use crate::slug::slugify;
use crate::understand;

/// What was found in one document.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Coverage {
    /// A summary was found.
    pub summary: bool,
    /// An impact description was found.
    pub impact: bool,
    /// Timeline entries found.
    pub timeline: usize,
    /// Timeline entries with a resolved instant (date, time and zone).
    pub timeline_resolved: usize,
    /// A root cause was found.
    pub root_cause: bool,
    /// Contributing factors were found (names or a section).
    pub contributing_factors: bool,
    /// Action items found.
    pub action_items: usize,
    /// Fields that were inferred rather than written, with their source.
    pub guessed: Vec<String>,
}

impl Coverage {
    /// Measure an understood incident.
    pub fn of(inc: &Incident) -> Self {
        let guessed = inc
            .provenance
            .iter()
            .filter(|(_, p)| p.from != "front-matter")
            .map(|(k, p)| format!("{k} ({}{})", p.from, p.line.map_or(String::new(), |l| format!(":{l}"))))
            .collect();
        Coverage {
            summary: inc.summary.is_some(),
            impact: inc.impact.summary.is_some(),
            timeline: inc.timeline.len(),
            timeline_resolved: inc.timeline.iter().filter(|e| e.at.is_some()).count(),
            root_cause: inc.root_cause.is_some(),
            contributing_factors: !inc.contributing_factors.is_empty() || inc.contributing_factors_text.is_some(),
            action_items: inc.action_items.len(),
            guessed,
        }
    }
}

/// The outcome for one source.
#[derive(Debug)]
pub struct Imported {
    /// The source file.
    pub source: PathBuf,
    /// Where it was (or would have been) written.
    pub dest: PathBuf,
    /// What was recognised; `None` when the source could not be read.
    pub coverage: Option<Coverage>,
    /// Problems found; errors mean nothing was written.
    pub diagnostics: Vec<Diagnostic>,
    /// Whether the file was written.
    pub written: bool,
}

/// Source files: files as given, directories walked for `.md`, `.markdown`
/// and `.txt`.
pub fn sources(paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let exts = ["md".to_string(), "markdown".to_string(), "txt".to_string()];
            // Repository furniture is not a post-mortem: the same files a
            // build skips by default (`[build] exclude`).
            let exclude: Vec<String> = crate::config::DEFAULT_EXCLUDE.iter().map(|p| (*p).to_string()).collect();
            let (files, _) = content::discover(p, p, &exts, &exclude);
            out.extend(files);
        } else if p.is_file() {
            out.push(p.clone());
        } else {
            return Err(Error::Usage(format!("{}: no such file or directory", p.display())));
        }
    }
    Ok(out)
}

/// Import `files` into `into`.
pub fn import(cfg: &Config, files: &[PathBuf], into: &Path, force: bool) -> Result<Vec<Imported>> {
    std::fs::create_dir_all(into).map_err(|e| Error::io(into, e))?;
    let zones = ZoneTable::new(&cfg.time.zones);
    let mut out = Vec::new();
    let mut taken: Vec<PathBuf> = Vec::new();
    for path in files {
        let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "untitled".into());
        let dest = into.join(format!("{}.md", safe_file_stem(&stem)));
        if taken.contains(&dest) {
            let d = Diagnostic::error(
                "exists",
                path.clone(),
                1,
                format!("another source in this import is also written to {}; rename one of them", dest.display()),
            );
            out.push(Imported { source: path.clone(), dest, coverage: None, diagnostics: vec![d], written: false });
            continue;
        }
        taken.push(dest.clone());
        let doc = match content::read(path, path.clone()) {
            Ok(d) => d,
            Err(d) => {
                out.push(Imported { source: path.clone(), dest, coverage: None, diagnostics: vec![*d], written: false });
                continue;
            }
        };
        let name = PathBuf::from(path.file_name().unwrap_or_default());
        let outcome = understand::understand(&doc, &name, cfg, &zones);
        let Some(document) = outcome.document else {
            out.push(Imported { source: path.clone(), dest, coverage: None, diagnostics: outcome.diagnostics, written: false });
            continue;
        };
        let inc = &document.incident;
        let coverage = Coverage::of(inc);
        let mut diagnostics = outcome.diagnostics;
        let written = if diagnostics.iter().any(|d| d.level == Level::Error) {
            false
        } else if dest.exists() && !force {
            diagnostics.push(Diagnostic::error("exists", dest.clone(), 1, "the file already exists; not overwriting it (use --force)"));
            false
        } else {
            let (repaired, _) = crate::extract::normalise(&doc.text);
            let body = frontmatter::split(&repaired).map(|s| s.body.to_string()).unwrap_or_else(|_| repaired.to_string());
            let text = format!("{}{}", canonical_front_matter(inc), body.trim_start_matches('\n'));
            std::fs::write(&dest, text).map_err(|e| Error::io(&dest, e))?;
            true
        };
        out.push(Imported { source: path.clone(), dest, coverage: Some(coverage), diagnostics, written });
    }
    Ok(out)
}

/// The source's own name (links between imported documents keep working),
/// with only characters that cannot be in a portable file name replaced.
fn safe_file_stem(stem: &str) -> String {
    let s: String = stem
        .chars()
        .map(|c| if c.is_control() || matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') { '-' } else { c })
        .collect();
    let s = s.trim_matches(['.', ' ']).to_string();
    if s.is_empty() { slugify(stem) } else { s }
}

/// A YAML string (JSON strings are valid YAML double-quoted scalars).
fn q(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

fn list(out: &mut String, key: &str, items: &[String]) {
    if !items.is_empty() {
        let _ = writeln!(out, "{key}: [{}]", items.iter().map(|i| q(i)).collect::<Vec<_>>().join(", "));
    }
}

/// A comment above a key whose values pmbook classified itself (see
/// `crate::classify`), so a reviewer knows to check them.
fn inferred_note(out: &mut String, inc: &Incident, key: &str) {
    let why: Vec<String> = inc.inferred.iter().filter(|i| i.field == key).map(|i| i.explain()).collect();
    if !why.is_empty() {
        let _ = writeln!(out, "# {}: {}", crate::classify::write::COMMENT, why.join("; "));
    }
}

/// Front matter holding what pmbook recognised.
pub fn canonical_front_matter(inc: &Incident) -> String {
    let mut out = String::from("---\n");
    let _ = writeln!(out, "# Imported by pmbook from {}; review the values below.", inc.source.path.display());
    let _ = writeln!(out, "id: {}", q(&inc.id));
    let _ = writeln!(out, "title: {}", q(&inc.title));
    let declared = |key: &str| inc.provenance.get(key).is_some_and(|p| p.from == "front-matter");
    if declared("slug") {
        let _ = writeln!(out, "slug: {}", q(&inc.slug));
    }
    if let Some(s) = &inc.summary {
        let _ = writeln!(out, "summary: {}", q(s));
    }
    if let Some(d) = inc.date {
        let _ = writeln!(out, "date: {d}");
    }
    inferred_note(&mut out, inc, "severity");
    if let Some(s) = &inc.severity {
        let _ = writeln!(out, "severity: {}", q(s));
    }
    // Only a status the source stated; an inferred one follows from the
    // milestones below on every build.
    if let Some(s) = inc.status.filter(|_| inc.provenance.get("status").is_some_and(|p| p.from != "derived")) {
        let _ = writeln!(out, "status: {}", s.as_str());
    }
    inferred_note(&mut out, inc, "services");
    list(&mut out, "services", &inc.services);
    inferred_note(&mut out, inc, "teams");
    list(&mut out, "teams", &inc.teams);
    list(&mut out, "tags", &inc.tags);
    inferred_note(&mut out, inc, "contributing_factors");
    list(&mut out, "contributing_factors", &inc.contributing_factors);
    list(&mut out, "authors", &inc.authors);
    list(&mut out, "related", &inc.related);
    if let Some(r) = &inc.recurrence_of {
        let _ = writeln!(out, "recurrence_of: {}", q(r));
    }
    if let Some(z) = &inc.timezone {
        let _ = writeln!(out, "timezone: {}", q(z));
    }
    let i = &inc.impact;
    let milestones = [("started", i.started), ("detected", i.detected), ("mitigated", i.mitigated), ("resolved", i.resolved)];
    let impact_text = i.summary.as_deref().filter(|_| declared("impact.summary"));
    if milestones.iter().any(|(_, t)| t.is_some()) || impact_text.is_some() || !i.metrics.is_empty() {
        out.push_str("impact:\n");
        for (k, t) in milestones {
            if let Some(t) = t {
                let _ = writeln!(out, "  {k}: {}", t.to_rfc3339());
            }
        }
        if let Some(s) = impact_text {
            let _ = writeln!(out, "  summary: {}", q(s));
        }
        if !i.metrics.is_empty() {
            out.push_str("  metrics:\n");
            for m in &i.metrics {
                let _ = writeln!(out, "    - name: {}\n      value: {}", q(&m.name), q(&m.value));
            }
        }
    }
    // Structured parts the source already had in front matter stay there;
    // those recognised in the body stay in the body.
    if let Some(rc) = inc.root_cause.as_deref().filter(|_| declared("root_cause")) {
        let _ = writeln!(out, "root_cause: {}", q(rc));
    }
    if declared("timeline") {
        out.push_str("timeline:\n");
        for e in &inc.timeline {
            let at = e.at.map_or_else(|| e.time_text.clone(), |t| t.to_rfc3339());
            let _ = writeln!(out, "  - at: {}", q(&at));
            if let Some(k) = e.kind {
                let _ = writeln!(out, "    kind: {}", k.as_str());
            }
            let _ = writeln!(out, "    text: {}", q(&e.text));
        }
    }
    if declared("action_items") {
        out.push_str("action_items:\n");
        for a in &inc.action_items {
            let _ = writeln!(out, "  - title: {}\n    status: {}", q(&a.title), a.status.as_str());
            for (k, v) in [
                ("owner", a.owner.clone()),
                ("due", a.due.map(|d| d.to_string())),
                ("kind", a.kind.map(|k| k.as_str().to_string())),
                ("tracker", a.tracker.clone()),
                ("url", a.url.clone()),
                // The phase only when it is not the kind's default.
                ("phase", a.phase.filter(|p| a.kind.map(crate::model::ActionPhase::from_kind) != Some(*p)).map(|p| p.as_str().to_string())),
                ("done", a.done.map(|d| d.to_string())),
            ] {
                if let Some(v) = v {
                    let _ = writeln!(out, "    {k}: {}", q(&v));
                }
            }
        }
    }
    out.push_str("---\n");
    out
}

/// The coverage report as a text table.
pub fn report(results: &[Imported]) -> String {
    let mut out = String::new();
    let yes = |b: bool| if b { "yes" } else { "-" };
    let _ = writeln!(
        out,
        "{:<44} {:>7} {:>6} {:>9} {:>5} {:>7} {:>7}  result",
        "document", "summary", "impact", "timeline", "cause", "factors", "actions"
    );
    let mut totals = [0usize; 7];
    for r in results {
        let name: String = r.source.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default().chars().take(44).collect();
        let result = if r.written { format!("→ {}", r.dest.display()) } else { "not written".to_string() };
        match &r.coverage {
            Some(c) => {
                let tl = format!("{}/{}", c.timeline_resolved, c.timeline);
                let _ = writeln!(
                    out,
                    "{name:<44} {:>7} {:>6} {tl:>9} {:>5} {:>7} {:>7}  {result}",
                    yes(c.summary),
                    yes(c.impact),
                    yes(c.root_cause),
                    yes(c.contributing_factors),
                    c.action_items
                );
                for (t, v) in totals.iter_mut().zip([
                    1,
                    usize::from(c.summary),
                    usize::from(c.impact),
                    c.timeline,
                    usize::from(c.root_cause),
                    usize::from(c.contributing_factors),
                    c.action_items,
                ]) {
                    *t += v;
                }
                if !c.guessed.is_empty() {
                    let _ = writeln!(out, "    guessed: {}", c.guessed.join(", "));
                }
            }
            None => {
                let _ = writeln!(out, "{name:<44} {:>7} {:>6} {:>9} {:>5} {:>7} {:>7}  {result}", "", "", "", "", "", "");
            }
        }
        for d in &r.diagnostics {
            let _ = writeln!(
                out,
                "    {}: {}:{}: {}",
                if d.level == Level::Error { "error" } else { "warning" },
                d.file.display(),
                d.line,
                d.message
            );
        }
    }
    let _ = writeln!(
        out,
        "{} document(s): summary {}, impact {}, timeline entries {}, root cause {}, contributing factors {}, action items {}; {} written",
        totals[0],
        totals[1],
        totals[2],
        totals[3],
        totals[4],
        totals[5],
        totals[6],
        results.iter().filter(|r| r.written).count()
    );
    out
}
