//! The readable form of `pmbook inspect`: every field and where it came from.

use std::fmt::Write as _;

use crate::model::Incident;

/// A readable summary of what pmbook understood, one field per line, with
/// each field's source (`front-matter:12`, `timeline:40`, `file-name`).
pub fn text(inc: &Incident) -> String {
    let mut out = String::new();
    let src = |key: &str| -> String {
        match inc.provenance.get(key) {
            Some(p) => {
                let mut s = p.from.to_string();
                if let Some(l) = p.line {
                    let _ = write!(s, ":{l}");
                }
                if let Some(d) = &p.detail {
                    let _ = write!(s, " ({d})");
                }
                format!("  [{s}]")
            }
            None => String::new(),
        }
    };
    let opt = |v: Option<String>| v.unwrap_or_else(|| "—".into());
    let _ = writeln!(out, "{}  ({})", inc.source.path.display(), format!("{:?}", inc.source.front_matter).to_lowercase());
    let _ = writeln!(out, "  id              {}{}", inc.id, src("id"));
    let _ = writeln!(out, "  title           {}{}", inc.title, src("title"));
    let _ = writeln!(out, "  slug            {}", inc.slug);
    let _ = writeln!(out, "  date            {}{}", opt(inc.date.map(|d| d.to_string())), src("date"));
    let _ = writeln!(out, "  severity        {}{}", opt(inc.severity.clone()), src("severity"));
    let _ = writeln!(out, "  status          {}{}", opt(inc.status.map(|s| s.as_str().to_string())), src("status"));
    for (label, key, list) in [
        ("services", "services", &inc.services),
        ("teams", "teams", &inc.teams),
        ("factors", "contributing_factors", &inc.contributing_factors),
        ("tags", "tags", &inc.tags),
        ("authors", "authors", &inc.authors),
    ] {
        let _ = writeln!(out, "  {label:<15} {}{}", if list.is_empty() { "—".into() } else { list.join(", ") }, src(key));
    }
    let i = &inc.impact;
    for (key, t) in [("started", i.started), ("detected", i.detected), ("mitigated", i.mitigated), ("resolved", i.resolved)] {
        let _ = writeln!(out, "  {key:<15} {}{}", opt(t.map(|t| t.to_rfc3339())), src(&format!("impact.{key}")));
    }
    let d = &inc.durations;
    let dur = |s: Option<i64>| opt(s.map(crate::datetime::human_duration));
    let _ = writeln!(
        out,
        "  durations       detect {} · mitigate {} · resolve {}",
        dur(d.time_to_detect),
        dur(d.time_to_mitigate),
        dur(d.time_to_resolve)
    );
    let _ = writeln!(out, "  timeline        {} event(s){}", inc.timeline.len(), src("timeline"));
    for e in &inc.timeline {
        let when = e.at.map_or_else(|| format!("{} (unresolved)", e.time_text), |t| t.to_rfc3339());
        let mut kind = e.kind.map_or(String::new(), |k| format!(" [{}]", k.as_str()));
        if e.after_midnight {
            kind.push_str(" (next day: after midnight)");
        }
        let text: String = e.text.chars().take(70).collect();
        let _ = writeln!(out, "    line {:<5} {when}{kind} {text}", e.line);
    }
    let _ = writeln!(out, "  root cause      {}{}", if inc.root_cause.is_some() { "yes" } else { "—" }, src("root_cause"));
    let _ = writeln!(out, "  action items    {}{}", inc.action_items.len(), src("action_items"));
    for a in &inc.action_items {
        let _ = writeln!(out, "    line {:<5} [{}] {} — {}", a.line, a.status.as_str(), a.title, a.owner.as_deref().unwrap_or("no owner"));
    }
    let roles: Vec<String> = inc.sections.iter().filter_map(|s| s.role.as_ref().map(|r| format!("{r} (line {})", s.line))).collect();
    let _ = writeln!(out, "  sections        {}", if roles.is_empty() { "—".into() } else { roles.join(", ") });
    out.push('\n');
    out
}
