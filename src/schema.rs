//! JSON Schemas (draft 2020-12) of the exports for programs: one incident's
//! full model (`incidents/<slug>/index.json`, the same shape as each
//! element of `pmbook inspect --format json`) and the archive index
//! (`incidents.json`). Every field has a description: this is the
//! documentation of the contract (see [`crate::model`] and
//! [`crate::listing`]).

use serde_json::{Value, json};

use crate::model::{ActionKind, ActionPhase, ActionStatus, EventKind, Status};

fn text(description: &str) -> Value {
    json!({ "type": "string", "description": description })
}

fn opt_text(description: &str) -> Value {
    json!({ "type": ["string", "null"], "description": description })
}

fn words(description: &str) -> Value {
    json!({ "type": "array", "items": { "type": "string" }, "description": description })
}

fn opt_int(description: &str) -> Value {
    json!({ "type": ["integer", "null"], "description": description })
}

fn line(description: &str) -> Value {
    json!({ "type": "integer", "minimum": 1, "description": description })
}

const DATE: &str = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";
const INSTANT: &str = "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})$";
const LOCAL: &str = "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?$";

fn opt_date(description: &str) -> Value {
    json!({ "type": ["string", "null"], "pattern": DATE, "description": description })
}

fn opt_instant(description: &str) -> Value {
    json!({ "type": ["string", "null"], "pattern": INSTANT, "description": description })
}

fn opt_enum(values: &[&str], description: &str) -> Value {
    let mut v: Vec<Value> = values.iter().map(|s| json!(s)).collect();
    v.push(Value::Null);
    json!({ "enum": v, "description": description })
}

fn object(description: &str, properties: Value, required: &[&str]) -> Value {
    json!({ "type": "object", "additionalProperties": false, "description": description, "properties": properties, "required": required })
}

/// The milestones, as the model and the index both write them.
fn milestones(description: &str) -> Value {
    object(
        description,
        json!({
            "started": opt_instant("When impact began (RFC 3339 with its offset)."),
            "detected": opt_instant("When the organisation knew: an alert fired, a report came in."),
            "mitigated": opt_instant("When impact stopped (a workaround in place)."),
            "resolved": opt_instant("When the underlying problem was fixed."),
        }),
        &["started", "detected", "mitigated", "resolved"],
    )
}

fn durations() -> Value {
    object(
        "Durations derived from the milestones, in whole seconds; null when either end is unknown.",
        json!({
            "time_to_detect": opt_int("detected − started."),
            "time_to_mitigate": opt_int("mitigated − started."),
            "time_to_resolve": opt_int("resolved − started."),
        }),
        &["time_to_detect", "time_to_mitigate", "time_to_resolve"],
    )
}

/// Properties shared by the model and the index, with their descriptions.
fn common() -> serde_json::Map<String, Value> {
    let p = json!({
        "id": text("Unique id: front-matter `id`, else the file stem."),
        "slug": text("URL segment: the page is `incidents/<slug>/`."),
        "title": text("Title: front-matter `title`, else the first level-1 heading, else the file name."),
        "summary": opt_text("One or two sentences, Markdown."),
        "date": opt_date("Day of the incident (YYYY-MM-DD)."),
        "severity": opt_text("Canonical severity name from book.toml's scale (e.g. `SEV-2`); an unknown value is kept as written."),
        "severity_rank": opt_int("Position in the severity scale, 1 = most severe; null when unknown."),
        "status": opt_enum(&Status::ALL.map(|s| s.as_str()), "Lifecycle phase."),
        "services": words("Affected services (canonical names when book.toml has a vocabulary)."),
        "teams": words("Owning or responding teams."),
        "tags": words("Free tags."),
        "contributing_factors": words("Contributing factors (canonical names)."),
        "authors": words("Authors of the post-mortem."),
        "related": words("Ids of related incidents the authors named."),
        "recurrence_of": opt_text("Id of an earlier incident this one repeats."),
        "ticket": opt_text("Link to the incident's ticket in an issue tracker (`ticket`, written by `pmbook import --from`)."),
    });
    match p {
        Value::Object(m) => m,
        _ => serde_json::Map::new(),
    }
}

/// Schema of one incident (`incidents/<slug>/index.json`).
pub fn incident_schema() -> Value {
    let mut p = common();
    let extra = json!({
        "published": { "type": "string", "pattern": DATE, "description": "Day a blog post was published, when later than the incident's day; absent otherwise." },
        "timezone": opt_text("The document's declared zone for times written without one (IANA name or UTC±HH:MM); null when it declares none."),
        "impact": {
            "type": "object", "additionalProperties": false, "description": "Customer impact: milestones, summary and metrics.",
            "required": ["started", "detected", "mitigated", "resolved", "summary", "metrics"],
            "properties": {
                "started": opt_instant("When impact began (RFC 3339 with its offset)."),
                "detected": opt_instant("When the organisation knew: an alert fired, a report came in."),
                "mitigated": opt_instant("When impact stopped (a workaround in place)."),
                "resolved": opt_instant("When the underlying problem was fixed."),
                "summary": opt_text("Who was affected and how, Markdown."),
                "metrics": { "type": "array", "description": "Named figures.", "items": object("A named figure.", json!({
                    "name": text("What was measured."), "value": text("The value as written, units included.") }), &["name", "value"]) },
                "local": object("Milestones on the authors' clock (no offset), for documents that never state their zone; absent when empty.", json!({
                    "started": { "type": ["string", "null"], "pattern": LOCAL, "description": "When impact began." },
                    "detected": { "type": ["string", "null"], "pattern": LOCAL, "description": "When it was noticed." },
                    "mitigated": { "type": ["string", "null"], "pattern": LOCAL, "description": "When it stopped." },
                    "resolved": { "type": ["string", "null"], "pattern": LOCAL, "description": "When it was fixed." } }), &[])
            }
        },
        "durations": durations(),
        "timeline": { "type": "array", "description": "Events in order.", "items": object("One timeline entry.", json!({
            "at": opt_instant("The instant, when date, time and zone are all known."),
            "date": opt_date("The day, when known (also for entries with a date and no time)."),
            "time_text": text("The time as written (e.g. `09:12 PST`)."),
            "zone": opt_text("The zone used to place the entry (IANA name or UTC±HH:MM)."),
            "kind": opt_enum(&EventKind::ALL.map(|k| k.as_str()), "Kind of event, when stated or recognised."),
            "text": text("The event, Markdown."),
            "line": line("1-based line in the source file."),
            "after_midnight": { "type": "boolean", "description": "Written without a date, and more than six hours earlier than the entry before it: read as the next day. Present only when true." } }), &["at", "date", "time_text", "zone", "kind", "text", "line"]) },
        "root_cause": opt_text("Root cause, Markdown."),
        "contributing_factors_text": opt_text("The prose of a contributing-factors section of the body, Markdown."),
        "action_items": { "type": "array", "description": "Follow-up work.", "items": object("One follow-up.", json!({
            "title": text("What will be done, Markdown (one line)."),
            "owner": opt_text("Person or team responsible."),
            "status": { "enum": ActionStatus::ALL.map(|s| s.as_str()), "description": "Progress." },
            "due": opt_date("Due date."),
            "kind": opt_enum(&[ActionKind::Mitigate, ActionKind::Repair, ActionKind::Prevent, ActionKind::Process].map(|k| k.as_str()), "Kind of work."),
            "tracker": opt_text("Ticket id, e.g. `PAY-1432`."),
            "url": opt_text("Link to the ticket."),
            "phase": opt_enum(&ActionPhase::ALL.map(|p| p.as_str()), "The phase the item serves: as written, else the one its `kind` implies."),
            "done": opt_date("The day it was finished, when known."),
            "line": line("1-based line in the source file.") }), &["title", "owner", "status", "due", "kind", "tracker", "url", "phase", "done", "line"]) },
        "sections": { "type": "array", "description": "Headings of the body, in order.", "items": object("A heading.", json!({
            "title": text("Heading text."),
            "anchor": text("HTML id, unique within the page."),
            "level": { "type": "integer", "minimum": 1, "maximum": 6, "description": "1–6." },
            "role": opt_text("What the section is about when recognised: summary, impact, timeline, root_cause, contributing_factors, trigger, detection, resolution, action_items, lessons."),
            "line": line("1-based line of the heading.") }), &["title", "anchor", "level", "role", "line"]) },
        "body_html": text("The body rendered to sanitised HTML."),
        "internal": { "type": "boolean", "description": "Front-matter `internal: true`: left out of public builds." },
        "internal_fields": words("Front-matter `internal_fields`: fields emptied in public builds."),
        "source": object("Where the document came from.", json!({
            "path": text("Path relative to the archive root (or as given on the command line)."),
            "front_matter": { "enum": ["yaml", "toml", "none"], "description": "Front-matter syntax." },
            "body_line": line("1-based line where the Markdown body starts.") }), &["path", "front_matter", "body_line"]),
        "provenance": { "type": "object", "description": "For each field read or inferred (a dotted path such as `impact.detected` or `timeline[3]`), where its value came from.",
            "additionalProperties": object("Where a value came from.", json!({
                "from": { "enum": ["front-matter", "body", "timeline", "file-name", "derived", "default", "inferred"], "description": "The source." },
                "line": opt_int("1-based line in the file, when there is one."),
                "detail": text("More detail: the section heading, the table row, the rule applied.") }), &["from", "line"]) },
        "inferred": { "type": "array", "description": "Terms pmbook filed the document under itself, with the rule and the words they came from.", "items": object("One inferred term.", json!({
            "field": { "enum": ["contributing_factors", "services", "teams", "severity"], "description": "The field it was added to." },
            "value": text("The value added."),
            "rule": text("The rule that matched."),
            "matched": text("The words of the document that matched."),
            "line": opt_int("1-based line of the strongest match."),
            "section": opt_text("The part of the document it was found in.") }), &["field", "value", "rule", "matched", "line", "section"]) },
    });
    if let Value::Object(m) = extra {
        p.extend(m);
    }
    let required: Vec<&String> = p.keys().filter(|k| *k != "published").collect();
    let incident = json!({ "type": "object", "additionalProperties": false, "description": "One post-mortem as pmbook understood it.", "properties": p, "required": required });
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "incident.schema.json",
        "title": "pmbook incident (incidents/<slug>/index.json)",
        "type": "object",
        "additionalProperties": false,
        "required": ["schema_version", "incident"],
        "properties": {
            "schema_version": { "const": crate::model::SCHEMA_VERSION, "description": "Version of the model's shape; bumped only on incompatible changes." },
            "incident": incident
        }
    })
}

/// Schema of the archive index (`incidents.json`).
pub fn index_schema() -> Value {
    let mut p = common();
    let extra = json!({
        "impact": milestones("The impact milestones."),
        "durations": durations(),
        "counts": object("How much of each part there is.", json!({
            "timeline": { "type": "integer", "minimum": 0, "description": "Timeline entries." },
            "action_items": { "type": "integer", "minimum": 0, "description": "Action items." },
            "open_action_items": { "type": "integer", "minimum": 0, "description": "Action items neither done nor won't-do." },
            "overdue_action_items": { "type": "integer", "minimum": 0, "description": "Open action items due before the day of the build." } }),
            &["timeline", "action_items", "open_action_items", "overdue_action_items"]),
        "links": object("Paths relative to the site root.", json!({
            "page": text("The incident's page: `incidents/<slug>/`."),
            "json": text("Its full model: `incidents/<slug>/index.json` (see incident.schema.json).") }), &["page", "json"]),
    });
    if let Value::Object(m) = extra {
        p.extend(m);
    }
    let required: Vec<&String> = p.keys().collect();
    let entry = json!({ "type": "object", "additionalProperties": false, "description": "One incident: metadata, milestones, durations, counts and links; no bodies.", "properties": p, "required": required });
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "incidents.schema.json",
        "title": "pmbook archive index (incidents.json)",
        "type": "object",
        "additionalProperties": false,
        "required": ["index_version", "schema_version", "incidents"],
        "properties": {
            "index_version": { "const": crate::listing::INDEX_VERSION, "description": "Version of this index's shape." },
            "schema_version": { "const": crate::model::SCHEMA_VERSION, "description": "Version of the model in the per-incident files." },
            "incidents": { "type": "array", "description": "Every incident, newest first.", "items": entry }
        }
    })
}
