//! Understanding one file: front matter and body become one [`Incident`].
//!
//! Front matter wins; what it leaves out is taken from the body (title from
//! the first heading, milestones from the timeline's kinds, the date from the
//! file name) and every such inference is recorded in `provenance`.

mod body;
mod dates;
mod foreign;
mod impact;
mod milestones;

pub use dates::date_in_file_name;
use dates::incident_day;
use milestones::{infer_milestones, infer_status};
pub mod fields;

use std::path::{Path, PathBuf};

use chrono::{DateTime, Duration, FixedOffset, NaiveDate};

use crate::config::Config;
use crate::content::SourceDoc;
use crate::datetime::{Zone, ZoneTable};
use crate::diagnostics::{Diagnostic, did_you_mean};
use crate::frontmatter::{self, Loose, Node};
use crate::markdown::{self, DocLink};
use crate::model::*;
use crate::slug::slugify;
use crate::timings::{self, Phase};
use fields::{ACTION_KEYS, EVENT_KEYS, Reader, TOP_KEYS};

/// One understood file: the model plus what later stages need about the body.
#[derive(Debug, Clone)]
pub struct Document {
    /// The incident.
    pub incident: Incident,
    /// Path relative to the content directory (how other documents link to it).
    pub content_path: PathBuf,
    /// Links to other Markdown files in the body.
    pub links: Vec<DocLink>,
    /// Local files (images) the body shows, relative to the content directory.
    pub files: Vec<DocLink>,
}

/// The result of understanding one file.
#[derive(Debug)]
pub struct Outcome {
    /// The document, unless front matter could not be parsed at all.
    pub document: Option<Document>,
    /// Everything found along the way.
    pub diagnostics: Vec<Diagnostic>,
}

/// Understand one file. `content_path` is its path relative to the content
/// directory.
pub fn understand(doc: &SourceDoc, content_path: &Path, cfg: &Config, zones: &ZoneTable) -> Outcome {
    let fail = |line: usize, column: usize, message: String| Outcome {
        document: None,
        diagnostics: vec![
            Diagnostic::error("front-matter-syntax", doc.display.clone(), line, message).at_column(column).with_source(&doc.text),
        ],
    };
    let (text, repairs) = crate::extract::normalise(&doc.text);
    // `11/06/2031` is read in the order the document writes its dates.
    let _day_order = crate::extract::when::DayOrder::scope(&text);
    // Front matter as the archive wrote it: a value with an unquoted `: `
    // read as quoted, a `---` over Markdown read as a rule (see
    // `frontmatter::read_lenient`); each says so below.
    let read = match timings::measure(Phase::FrontMatter, || frontmatter::read_lenient(&text)) {
        Ok(r) => r,
        Err(e) => return fail(e.line, e.column, e.message),
    };
    let (split, node, locator, repaired_lines, ruled) = (read.split, read.node, read.locator, read.repaired_lines, read.ruled);
    let body = if cfg.build.public { crate::visibility::redact_body(split.body) } else { split.body.into() };
    let mut rendered = timings::measure(Phase::Markdown, || markdown::render_body(&body, split.body_line, content_path));
    for s in &mut rendered.sections {
        s.role = crate::extract::section_role(&s.title).map(str::to_string);
    }
    let mut r = Reader { loc: &locator, file: doc.display.clone(), zones, diags: Vec::new() };
    let mut b = Builder { r: &mut r, cfg, node: &node, prov: Default::default() };
    for key in ["id", "title", "slug"] {
        if let Some(Node::Str(v)) = node.get(key)
            && v.trim().is_empty()
        {
            b.r.value_error("empty-value", key, format!("`{key}` is empty; give it a value or remove the key"));
        }
    }
    let mut incident = b.build(doc, &body, split.format, split.body_line, &rendered);
    // Classification hook (src/classify): factors, services, teams, severity.
    r.diags.extend(crate::classify::apply(&mut incident, &body, split.body_line, cfg));
    if cfg.build.public {
        crate::visibility::withhold_fields(&mut incident);
    }
    shape_limits(&rendered, &mut r);
    if split.body.trim().is_empty() && matches!(&node, Node::Map(m) if m.is_empty()) {
        r.diags.push(Diagnostic::error(
            "empty-document",
            doc.display.clone(),
            1,
            "the document is empty (no front-matter keys and no text); a post-mortem needs at least a title",
        ));
    }
    if ruled {
        r.diags.push(
            Diagnostic::warning(
                "front-matter-rule",
                doc.display.clone(),
                1,
                "this `---` opens no front matter: what follows is Markdown (a heading, bold text), so it was read as a rule",
            )
            .with_help("remove the line, or put front matter (`key: value` lines) between it and a closing `---`"),
        );
    }
    for (line, why) in repaired_lines {
        let (code, message) = match why {
            Loose::Colon => (
                "front-matter-colon",
                "this value holds `: ` without quotes, which YAML does not allow; it was read as if quoted".to_string(),
            ),
            Loose::Reserved(c) => (
                "front-matter-reserved",
                format!("this value opens with `{c}`, which YAML reserves and does not allow without quotes; it was read as if quoted"),
            ),
        };
        r.diags.push(Diagnostic::warning(code, doc.display.clone(), line, message).with_help("put the value in double quotes"));
    }
    if repairs.any() {
        let mut what = Vec::new();
        if repairs.mojibake_lines > 0 {
            what.push(format!("mis-decoded characters repaired on {} line(s)", repairs.mojibake_lines));
        }
        if repairs.gutter {
            what.push("a line-number gutter removed".to_string());
        }
        if repairs.pilcrows > 0 {
            what.push(format!("{} permalink mark(s) removed", repairs.pilcrows));
        }
        if repairs.mdx {
            what.push("an MDX `export const … = {…}` preamble read as front matter".to_string());
        }
        if repairs.headings > 0 {
            what.push(format!("{} plain line(s) read as headings", repairs.headings));
        }
        if repairs.html_lines > 0 {
            what.push(format!("inline HTML left by an export read as Markdown on {} line(s)", repairs.html_lines));
        }
        if repairs.bullets > 0 {
            what.push(format!("{} line(s) opening with a typographic bullet or ballot box read as list items", repairs.bullets));
        }
        if repairs.pandoc_tables > 0 {
            what.push(format!("{} pandoc table(s) (grid, multiline or simple) read as tables", repairs.pandoc_tables));
        }
        incident.provenance.insert("text".into(), Provenance::derived(what.join("; ")));
    }
    let files = rendered.files;
    let mut links = rendered.links;
    links.extend(fragment_links(&incident, content_path));
    let mut diagnostics = r.diags;
    for d in &mut diagnostics {
        *d = d.clone().with_source(&doc.text);
    }
    Outcome { document: Some(Document { incident, content_path: content_path.to_path_buf(), links, files }), diagnostics }
}

/// Bodies nested or tabled beyond what any real post-mortem needs are
/// refused: they are either mistakes or attempts to stall readers' browsers.
fn shape_limits(rendered: &markdown::Rendered, r: &mut Reader<'_>) {
    let (depth, line) = rendered.depth;
    if depth > markdown::MAX_NESTING {
        r.diags.push(Diagnostic::error(
            "too-deep",
            r.file.clone(),
            line,
            format!("lists and block quotes are nested {depth} levels deep here; the limit is {}", markdown::MAX_NESTING),
        ));
    }
    let (columns, line) = rendered.widest_table;
    if columns > markdown::MAX_TABLE_COLUMNS {
        r.diags.push(Diagnostic::error(
            "too-wide",
            r.file.clone(),
            line,
            format!("this table has {columns} columns; the limit is {}", markdown::MAX_TABLE_COLUMNS),
        ));
    }
}

/// Links to other documents inside front-matter prose (summary, impact,
/// root cause, timeline entries, action titles), located at their key.
fn fragment_links(inc: &Incident, content_path: &Path) -> Vec<DocLink> {
    // Only front matter: prose taken from the body was already scanned with it.
    let from_fm = |key: &str| inc.provenance.get(key).filter(|p| p.from == "front-matter").map(|p| p.line.unwrap_or(1));
    let mut texts: Vec<(&str, usize)> = Vec::new();
    texts.extend(inc.summary.as_deref().zip(from_fm("summary")));
    texts.extend(inc.root_cause.as_deref().zip(from_fm("root_cause")));
    texts.extend(inc.impact.summary.as_deref().zip(from_fm("impact.summary")));
    if from_fm("timeline").is_some() {
        texts.extend(inc.timeline.iter().map(|e| (e.text.as_str(), e.line)));
    }
    if from_fm("action_items").is_some() {
        texts.extend(inc.action_items.iter().map(|a| (a.title.as_str(), a.line)));
    }
    texts
        .into_iter()
        .filter(|(t, _)| t.contains(".md") || t.contains(".markdown"))
        .flat_map(|(t, line)| markdown::doc_links(t, content_path).into_iter().map(move |target| DocLink { target, line }))
        .collect()
}

struct Builder<'r, 'a> {
    r: &'r mut Reader<'a>,
    cfg: &'a Config,
    node: &'a Node,
    prov: std::collections::BTreeMap<String, Provenance>,
}

impl<'a> Builder<'_, 'a> {
    fn mark(&mut self, path: &str) {
        let line = self.r.loc.line(path);
        self.prov.insert(path.to_string(), Provenance::front_matter(line));
    }

    /// The value of `key`, or of an alias of it (`author` for `authors`),
    /// with the path it was found at.
    fn lookup(&self, key: &str) -> (Option<&'a Node>, String) {
        let node: &'a Node = self.node;
        if let Some(v) = node.get(key) {
            return (Some(v), key.to_string());
        }
        let aliases = fields::KEY_ALIASES.iter().find(|(k, _)| *k == key).map_or(&[][..], |(_, a)| *a);
        aliases.iter().find_map(|a| node.get(a).map(|v| (Some(v), (*a).to_string()))).unwrap_or((None, key.to_string()))
    }

    fn mark_as(&mut self, key: &str, path: &str) {
        let line = self.r.loc.line(path);
        let mut p = Provenance::front_matter(line);
        if key != path {
            p.detail = Some(format!("read from `{path}`"));
        }
        self.prov.insert(key.to_string(), p);
    }

    fn text(&mut self, key: &str) -> Option<String> {
        let (node, path) = self.lookup(key);
        let v = self.r.text(node, &path);
        if v.is_some() {
            self.mark_as(key, &path);
        }
        v
    }

    fn words(&mut self, key: &str) -> Vec<String> {
        let (node, path) = self.lookup(key);
        let v = self.r.words(node, &path);
        if !v.is_empty() {
            self.mark_as(key, &path);
        }
        v
    }

    fn build(
        &mut self,
        doc: &SourceDoc,
        body_text: &str,
        format: FrontMatterFormat,
        body_line: usize,
        rendered: &markdown::Rendered,
    ) -> Incident {
        self.r.unknown_keys(self.node, "", TOP_KEYS);
        let stem = doc.path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "untitled".into());

        let id = self.text("id").unwrap_or_else(|| {
            self.prov.insert("id".into(), Provenance { from: "file-name", line: None, detail: None });
            stem.clone()
        });
        let title = self.text("title");
        let slug = match self.text("slug") {
            Some(s) if slugify(&s) == s => s,
            Some(s) => {
                self.r.value_error(
                    "invalid-slug",
                    "slug",
                    format!("slug `{s}` may only contain lower-case letters, digits and single dashes (e.g. `{}`)", slugify(&s)),
                );
                slugify(&s)
            }
            None => slugify(&id),
        };
        let summary = self.text("summary");
        let declared_zone = self.declared_zone();
        let zone = declared_zone.or_else(|| self.cfg.time.default_zone.as_deref().and_then(|z| self.r.zones.zone(z)));
        let mut date = self.r.date(self.node.get("date"), "date");
        if date.is_some() {
            self.mark("date");
        }
        let mut published = None;
        // `description: … the Neon outages on 2025-05-16 …`: a blog post's
        // summary names the day as its opening would.
        let summary_day = |d: NaiveDate| {
            use chrono::Datelike;
            let day = crate::extract::when::find_date(summary.as_deref()?, Some(d.year()))?;
            (day < d && d - day <= chrono::Duration::days(120)).then_some(day)
        };
        let summary_line = self.prov.get("summary").and_then(|p| p.line).unwrap_or(1);
        if let Some(d) = date
            && self.is_blog_front_matter()
            && let Some((day, line, detail)) = incident_day(d, title.as_deref(), body_text, body_line)
                .or_else(|| summary_day(d).map(|day| (day, summary_line, "date in the front matter's summary".to_string())))
        {
            published = Some(d);
            date = Some(day);
            self.prov.insert(
                "date".into(),
                Provenance::body(line, format!("{detail}; the front-matter `date` ({d}) is the publication date, kept as `published`")),
            );
        }
        if date.is_none()
            && let Some((day, on)) = self.engine_published(title.as_deref(), body_text, body_line)
        {
            date = Some(day);
            published = Some(on);
        }
        let (impact, flat_start) = self.impact(date, zone);
        // A date in the file name, else in the source URL the front matter
        // gives (`…/RCA-For-Incident-On-2020-04-21.pdf`).
        let file_date = date_in_file_name(&stem).or_else(|| self.url_date());
        // The date that times without one belong to, before the body is read.
        // A front-matter title that names the day (`Update on the October 15,
        // 2018 incident`) dates the body's times before a file name does
        // (a blog's file name carries the day it was published).
        // Its month and day alone (`Launcher login issues – 14 November`)
        // take the year the opening lines write (a byline's).
        let title_date = title.as_deref().and_then(|t| {
            crate::extract::when::find_date(t, None).or_else(|| crate::extract::when::find_date(t, Some(dates::opening_year(body_text)?)))
        });
        let context_date = date.or(impact.started.map(|t| t.date_naive())).or(title_date);
        let timeline = self.timeline(context_date.or(file_date), zone);
        let default_zone = self.cfg.time.default_zone.as_deref().and_then(|z| self.r.zones.zone(z));
        let cx = crate::extract::timeline::Context {
            zones: self.r.zones,
            date: context_date,
            fallback_date: file_date,
            doc_zone: declared_zone,
            default_zone,
        };
        let known = crate::extract::Known {
            root_cause: self.lookup("root_cause").0.is_some(),
            window: impact.started.is_some() && impact.resolved.is_some(),
            timeline: !timeline.is_empty(),
            action_items: self.node.get("action_items").is_some(),
            impact_summary: impact.summary.is_some(),
        };
        let facts = crate::extract::extract_with(body_text, body_line, &cx, known);
        let (severity, severity_rank) = self.severity();
        let status = self.r.choice(self.node.get("status"), "status", Status::parse, &["active", "mitigated", "resolved", "closed"]);
        if status.is_some() {
            self.mark("status");
        }
        let services = self.vocabulary("services", &self.cfg.services.clone());
        let teams = self.vocabulary("teams", &self.cfg.teams.clone());
        let contributing_factors = self.vocabulary("contributing_factors", &self.cfg.factors.clone());
        let tags = self.words("tags");
        let authors = self.words("authors");
        let related = self.words("related");
        let recurrence_of = self.text("recurrence_of");
        let ticket = self.text("ticket");
        if let Some(u) = &ticket
            && !(u.starts_with("https://") || u.starts_with("http://"))
        {
            self.r.value_error("invalid-url", "ticket", format!("`ticket` `{u}` must start with https:// or http://"));
        }
        let root_cause = self.text("root_cause");
        let action_items = self.action_items();
        let internal = match self.node.get("internal") {
            None | Some(Node::Null) => false,
            Some(Node::Bool(b)) => {
                self.mark("internal");
                *b
            }
            Some(other) => {
                let found = other.type_name();
                self.r.value_error("wrong-type", "internal", format!("`internal` must be true or false, not {found}"));
                true
            }
        };
        let internal_fields = self.words("internal_fields");
        for (i, f) in internal_fields.iter().enumerate() {
            if !crate::visibility::FIELDS.contains(&f.as_str()) {
                let mut message = format!("`internal_fields` names `{f}`, which is not a field that can be internal");
                if let Some(s) = did_you_mean(f, crate::visibility::FIELDS.iter().copied()) {
                    message.push_str(&format!(" (did you mean `{s}`?)"));
                }
                self.r.value_error("unknown-field", &format!("internal_fields[{i}]"), message);
            }
        }

        let title = title.unwrap_or_else(|| match &facts.title {
            Some(t) => {
                self.prov.insert("title".into(), Provenance::body(t.line, t.detail.clone()));
                t.text.clone()
            }
            None => match self.organisation_title(facts.summary.as_ref().map(|l| l.text.as_str())) {
                // A curated list's entry: `company: CCP Games` and a summary.
                Some((t, key)) => {
                    let line = self.r.loc.line(key);
                    self.prov.insert(
                        "title".into(),
                        Provenance { from: "front-matter", line: Some(line), detail: Some(format!("`{key}` and the opening sentence")) },
                    );
                    t
                }
                None => {
                    self.prov.insert("title".into(), Provenance { from: "file-name", line: None, detail: None });
                    stem.replace(['-', '_'], " ")
                }
            },
        });
        let _ = rendered.title.as_ref();
        let mut incident = Incident {
            id,
            slug,
            title,
            summary,
            date,
            published,
            severity,
            severity_rank,
            status,
            services,
            teams,
            tags,
            contributing_factors,
            authors,
            related,
            recurrence_of,
            ticket,
            timezone: declared_zone.map(|z| z.to_string()),
            durations: Durations::default(),
            impact,
            timeline,
            root_cause,
            contributing_factors_text: None,
            action_items,
            sections: rendered.sections.clone(),
            body_html: rendered.html.clone(),
            internal,
            internal_fields,
            source: SourceInfo { path: doc.display.clone(), front_matter: format, body_line },
            provenance: std::mem::take(&mut self.prov),
            inferred: Vec::new(),
        };
        let status_page = self.status_page_window();
        let status_events = status_page.as_ref().map(|w| self.status_page_events(w)).unwrap_or_default();
        let date_source = if date_in_file_name(&stem).is_some() { stem.clone() } else { "a date in the front matter's `url`".into() };
        let stated_length = facts.stated_length;
        let blog = self.is_blog_front_matter();
        let window = body::apply(&mut incident, facts, self.cfg, file_date.map(|d| (d, date_source)));
        dates::redate_post(&mut incident, blog, body_text, body_line);
        // `incident_start:` (another tool's key) on an earlier day than `date`.
        if let Some(key) = flat_start {
            dates::redate_by_start(&mut incident, key);
        }
        if incident.timeline.is_empty() && !status_events.is_empty() {
            incident.provenance.insert(
                "timeline".into(),
                Provenance::body(status_events[0].line, "status-page front matter: when the incident was opened and resolved"),
            );
            incident.timeline = status_events;
        }
        infer_milestones(&mut incident, window.as_ref().or(status_page.as_ref()), stated_length);
        // The body's window may say only when it ended: the status page's
        // `date` still says when it was opened. Its first post was written
        // once users were hit, so a later start the updates suggest
        // (`Identified: …` 15 minutes on) gives way to it.
        if let Some(p) = &status_page
            && let Some(opened) = p.started.filter(|o| incident.impact.resolved.is_none_or(|r| *o <= r))
            && incident.impact.started.is_none_or(|s| opened < s)
        {
            incident.impact.started = Some(opened);
            incident.provenance.insert("impact.started".into(), Provenance::body(p.line, p.detail.clone()));
        }
        infer_status(&mut incident);
        incident.durations = Durations::from_impact(&incident.impact);
        incident
    }

    /// The document's own `timezone`, if it declares one.
    fn declared_zone(&mut self) -> Option<Zone> {
        let text = self.text("timezone")?;
        let zone = self.r.zones.zone(&text);
        if zone.is_none() {
            let help = crate::datetime::zone_suggestion(&text).map(|s| format!("did you mean `{s}`?"));
            self.r.value_error_help("unknown-zone", "timezone", format!("`timezone`: unknown time zone `{text}` (use an IANA name such as Europe/Berlin, an abbreviation such as PST, or an offset such as UTC+05:30)"), help);
        }
        zone
    }

    fn timeline(&mut self, date: Option<NaiveDate>, zone: Option<Zone>) -> Vec<TimelineEvent> {
        let mut out = Vec::new();
        let mut prev: Option<DateTime<FixedOffset>> = None;
        for (path, e) in self.r.table_list(self.node.get("timeline"), "timeline") {
            self.r.unknown_keys(e, &path, EVENT_KEYS);
            let at_path = format!("{path}.at");
            let mut at = None;
            let mut time_text = String::new();
            let mut used_zone = None;
            let mut after_midnight = false;
            if let Some(raw) = self.r.text(e.get("at"), &at_path) {
                let has_date = crate::datetime::parse_date(&raw).is_ok();
                // A time without a date takes the day of the entry before it
                // (on that entry's wall clock); one far earlier than that
                // entry is after midnight (`when::after_midnight`), a little
                // earlier is out of order (`check` warns). Wall-clock times,
                // not instants, decide: across a DST change the instants are
                // 23 or 25 hours apart.
                let carried = if has_date { date } else { prev.map(|p| p.naive_local().date()).or(date) };
                if let Some((t, text, z)) = self.r.time(e.get("at"), &at_path, carried, zone) {
                    let t = match (prev, carried) {
                        (Some(p), Some(day))
                            if !has_date && crate::extract::when::after_midnight(p.naive_local().time(), t.naive_local().time()) =>
                        {
                            after_midnight = true;
                            self.r
                                .time(e.get("at"), &at_path, day.succ_opt(), zone)
                                .map(|(next, _, _)| next)
                                .unwrap_or(t + Duration::days(1))
                        }
                        _ => t,
                    };
                    prev = Some(t);
                    at = Some(t);
                    time_text = text;
                    used_zone = z.map(|z| z.to_string());
                }
            } else {
                self.r.error("missing-field", &path, "a timeline entry needs `at` (when it happened)");
            }
            let kind_names: Vec<&str> = EventKind::ALL.iter().map(|k| k.as_str()).collect();
            let kind = self.r.choice(e.get("kind"), &format!("{path}.kind"), EventKind::parse, &kind_names);
            let text = self.r.text(e.get("text"), &format!("{path}.text"));
            if text.is_none() {
                self.r.error("missing-field", &path, "a timeline entry needs `text` (what happened)");
            }
            let line = self.r.loc.line(&path);
            out.push(TimelineEvent {
                at,
                date: at.map(|t| t.date_naive()),
                time_text,
                zone: used_zone,
                kind,
                text: text.unwrap_or_default(),
                line,
                after_midnight,
            });
        }
        if !out.is_empty() {
            self.mark("timeline");
        }
        out
    }

    fn severity(&mut self) -> (Option<String>, Option<u32>) {
        let Some(text) = self.text("severity") else {
            return (None, None);
        };
        if let Some((rank, level)) = self.cfg.severity(&text) {
            return (Some(level.name.clone()), Some(rank as u32 + 1));
        }
        let names: Vec<&str> = self.cfg.severities.iter().map(|l| l.name.as_str()).collect();
        let (line, column) = self.r.loc.value_position("severity");
        // A level with a number (`SEV-7`) is a typo of the scale: an error. A
        // word (`disrupted`, `down` on a status page) is another tool's
        // vocabulary: kept as written, with a warning.
        let message = format!("unknown severity `{text}`");
        let mut d = if text.chars().any(|c| c.is_ascii_digit()) {
            Diagnostic::error("unknown-severity", self.r.file.clone(), line, message)
        } else {
            Diagnostic::warning("unknown-severity", self.r.file.clone(), line, message)
        }
        .at_column(column);
        // `SEV-5` on a four-level scale is not a typo of `SEV-1`: only a
        // suggestion that differs in more than its digits is offered.
        let digits = |s: &str| s.chars().filter(|c| !c.is_ascii_digit()).collect::<String>().to_lowercase();
        d = match did_you_mean(&text, names.iter().copied()).filter(|s| digits(s) != digits(&text)) {
            Some(s) => d.with_help(format!("did you mean `{s}`? The scale is {}", names.join(", "))),
            None => d.with_help(format!("the scale is {} (set it with [[severity]] in book.toml)", names.join(", "))),
        };
        self.r.diags.push(d);
        (Some(text), None)
    }

    fn vocabulary(&mut self, key: &str, terms: &[crate::config::VocabularyTerm]) -> Vec<String> {
        let words = self.words(key);
        let mut out: Vec<String> = Vec::with_capacity(words.len());
        for w in words {
            let s = slugify(&w);
            let canonical =
                terms.iter().find(|t| slugify(&t.name) == s || t.aliases.iter().any(|a| slugify(a) == s)).map_or(w, |t| t.name.clone());
            if !out.contains(&canonical) {
                out.push(canonical);
            }
        }
        out
    }

    fn action_items(&mut self) -> Vec<ActionItem> {
        let mut out = Vec::new();
        let statuses: Vec<&str> = ActionStatus::ALL.iter().map(|s| s.as_str()).collect();
        for (path, a) in self.r.table_list(self.node.get("action_items"), "action_items") {
            self.r.unknown_keys(a, &path, ACTION_KEYS);
            let p = |k: &str| format!("{path}.{k}");
            let title = self.r.text(a.get("title"), &p("title"));
            if title.is_none() {
                self.r.error("missing-field", &path, "an action item needs a `title`");
            }
            let owner = self.r.text(a.get("owner"), &p("owner"));
            let status = self.r.choice(a.get("status"), &p("status"), ActionStatus::parse, &statuses).unwrap_or(ActionStatus::Open);
            let due = self.r.date(a.get("due"), &p("due"));
            let kind = self.r.choice(a.get("kind"), &p("kind"), ActionKind::parse, &["mitigate", "repair", "prevent", "process"]);
            let tracker = self.r.text(a.get("tracker"), &p("tracker"));
            let url = self.r.text(a.get("url"), &p("url"));
            if let Some(u) = &url
                && !(u.starts_with("https://") || u.starts_with("http://"))
            {
                self.r.value_error("invalid-url", &p("url"), format!("action item url `{u}` must start with https:// or http://"));
            }
            let phase = self
                .r
                .choice(a.get("phase"), &p("phase"), crate::model::ActionPhase::parse, &["mitigate", "resolve", "close"])
                .or(kind.map(crate::model::ActionPhase::from_kind));
            let done = self.r.date(a.get("done"), &p("done"));
            let line = self.r.loc.line(&path);
            out.push(ActionItem { title: title.unwrap_or_default(), owner, status, due, kind, tracker, url, phase, done, line });
        }
        if !out.is_empty() {
            self.mark("action_items");
        }
        out
    }
}

#[cfg(test)]
mod tests;
