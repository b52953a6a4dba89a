//! Section roles from headings, with the aliases real post-mortems use.
//!
//! Headings are compared case-insensitively, ignoring numbering (`3.`,
//! `III.`), emoji and punctuation, and a trailing `?` or `:`.

/// What a section is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SectionRole {
    /// Summary, overview.
    Summary,
    /// Customer impact.
    Impact,
    /// Root cause, analysis.
    RootCause,
    /// Contributing factors.
    ContributingFactors,
    /// What set the incident off.
    Trigger,
    /// How it was noticed.
    Detection,
    /// Mitigation, recovery, fix.
    Resolution,
    /// Timeline.
    Timeline,
    /// Action items, follow-ups.
    ActionItems,
    /// Lessons learned, what went well/wrong, where we got lucky.
    Lessons,
}

impl SectionRole {
    /// The name used in JSON (`Section::role`).
    pub fn as_str(self) -> &'static str {
        match self {
            SectionRole::Summary => "summary",
            SectionRole::Impact => "impact",
            SectionRole::RootCause => "root_cause",
            SectionRole::ContributingFactors => "contributing_factors",
            SectionRole::Trigger => "trigger",
            SectionRole::Detection => "detection",
            SectionRole::Resolution => "resolution",
            SectionRole::Timeline => "timeline",
            SectionRole::ActionItems => "action_items",
            SectionRole::Lessons => "lessons",
        }
    }
}

mod aliases;

use aliases::{ALIASES, RUSSIAN};

/// Normalise a heading: lower case, numbering, emoji and punctuation removed.
pub fn normalise_heading(title: &str) -> String {
    let lower = strip_shortcodes(&title.to_lowercase()).replace(['’', '\''], "");
    let words: Vec<String> = lower.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_string).collect();
    let mut start = 0;
    while start < words.len() && is_numbering(&words[start]) {
        start += 1;
    }
    // `S — Situation`, `A – Assessment`: the letter the name starts with.
    if words.len() > start + 1 && words[start].chars().count() == 1 && words[start + 1].starts_with(words[start].as_str()) {
        start += 1;
    }
    words[start..].join(" ")
}

/// `:warning: Leadup` → ` Leadup`: emoji written as shortcodes.
fn strip_shortcodes(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find(':') {
        let after = &rest[i + 1..];
        match after.find(':') {
            Some(j) if j > 0 && after[..j].chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '+' || c == '-') => {
                out.push_str(&rest[..i]);
                out.push(' ');
                rest = &after[j + 1..];
            }
            _ => {
                out.push_str(&rest[..=i]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// A heading about the period ahead: `The following 2 weeks`, `In the
/// coming months`, `Over the next few days`, `Next quarter`.
fn looks_ahead(norm: &str) -> bool {
    let words: Vec<&str> = norm.split(' ').collect();
    words.len() <= 6
        && words.iter().any(|w| matches!(*w, "following" | "next" | "coming" | "upcoming"))
        && words
            .iter()
            .any(|w| matches!(*w, "days" | "weeks" | "months" | "week" | "month" | "quarter" | "quarters" | "sprint" | "sprints"))
}

/// A heading saying what the writers mean to do: `What we're going to do`,
/// `What we plan to change`, `How we'll prevent this`, `Things we are
/// fixing`; not what they did or learned (`What we did`, `What we learned`).
fn intends(norm: &str) -> bool {
    let words: Vec<&str> = norm.split(' ').collect();
    // `we're` and `we'll` lose their apostrophe: `were`, `well` are read as
    // them only right after `what`, `how` or `things` (not `didn't go so well`).
    let contracted = |i: usize, w: &str| words[i] == w && i > 0 && matches!(words[i - 1], "what" | "how" | "things" | "that");
    let we = (0..words.len()).any(|i| matches!(words[i], "we" | "our" | "us") || contracted(i, "were") || contracted(i, "well"));
    let future = norm.contains("going to")
        || (0..words.len()).any(|i| contracted(i, "well"))
        || words.iter().any(|w| {
            matches!(*w, "will" | "plan" | "plans" | "planning" | "intend" | "doing" | "changing" | "fixing" | "improving" | "preventing")
        })
        // `What we're working on next`.
        || (words.contains(&"working") && words.iter().any(|w| matches!(*w, "next" | "now")));
    let past = words.iter().any(|w| matches!(*w, "did" | "learned" | "learnt" | "went" | "knew" | "know" | "saw" | "happened" | "found"));
    // `Were we able to…?`, `Did we…?`: a question about what happened.
    let question = matches!(words.first(), Some(&("were" | "was" | "did" | "is" | "are" | "do")));
    words.len() <= 10 && we && future && !past && !question
}

/// A heading about follow-up work already finished, in the perfect tense:
/// `What we've already done`, `What we have changed`, `Fixes we've
/// shipped` (not `What we did`, the response during the incident).
fn done_since(norm: &str) -> bool {
    let words: Vec<&str> = norm.split(' ').collect();
    let have = words.contains(&"weve") || (words.contains(&"we") && words.contains(&"have"));
    let done = words.iter().any(|w| matches!(*w, "done" | "changed" | "fixed" | "made" | "shipped" | "implemented" | "improved" | "taken"));
    let learned = words.iter().any(|w| matches!(*w, "learned" | "learnt" | "seen" | "found"));
    // A heading names the work (`What …`, `Fixes …`); `We've already made
    // a few changes:` is a sentence introducing a list.
    let names = words.first().is_some_and(|w| matches!(*w, "what" | "changes" | "fixes" | "things" | "improvements" | "steps" | "work"));
    words.len() <= 8 && names && have && done && !learned
}

/// A heading about keeping it from happening again, with what will be
/// done: `What will happen to ensure this doesn't happen again?`, `Steps we
/// will take so this never recurs` (not `What we could do to prevent this
/// happening again`, a wish).
fn prevents_recurrence(norm: &str) -> bool {
    let words: Vec<&str> = norm.split(' ').collect();
    let again = norm.contains("happen again")
        || norm.contains("happening again")
        || words.iter().any(|w| w.starts_with("recur") || w.starts_with("reoccur"));
    let will = words.iter().any(|w| matches!(*w, "will" | "ensure" | "ensuring")) || norm.contains("going to");
    words.len() <= 12 && again && will
}

/// A heading asking or telling how the incident came about: `How did
/// this happen?`, `But how did it happen`, `How it happened`, `How did we
/// get here` (not `What happened`, the story, nor `How we fixed it`).
fn how_it_happened(norm: &str) -> bool {
    let norm = ["but ", "so ", "and "].iter().find_map(|w| norm.strip_prefix(w)).unwrap_or(norm);
    let words: Vec<&str> = norm.split(' ').collect();
    words.len() <= 6
        && words.first() == Some(&"how")
        && (norm.ends_with(" happen") || norm.ends_with(" happened") || norm.ends_with(" get here") || norm.ends_with(" come about"))
        && !words.contains(&"fixed")
}

/// A name of a few words, not a sentence that ends on one (`… due to
/// hosting provider actions`).
fn short(norm: &str) -> bool {
    let words: Vec<&str> = norm.split(' ').collect();
    words.len() <= 5 && !words.iter().any(|w| matches!(*w, "due" | "by" | "from" | "after" | "of"))
}

/// A heading about what comes next in French, German, Spanish, Portuguese
/// or Italian: `Diminuer les risques à l'avenir`, `In Zukunft`, `Medidas
/// para el futuro`.
fn looks_ahead_abroad(norm: &str) -> bool {
    norm.split(' ').count() <= 8
        && [
            "a lavenir",
            "à lavenir",
            "pour lavenir",
            "in zukunft",
            "zukünftig",
            "en el futuro",
            "no futuro",
            "in futuro",
            "prochaines étapes",
            "nächste schritte",
            "próximos pasos",
            "próximos passos",
            "mesures correctives",
            "medidas correctivas",
        ]
        .iter()
        .any(|p| norm.contains(p))
}

fn is_numbering(w: &str) -> bool {
    w.chars().all(|c| c.is_ascii_digit())
        || matches!(w, "i" | "ii" | "iii" | "iv" | "v" | "vi" | "vii" | "viii" | "ix" | "x" | "step" | "part" | "section")
}

/// The role of a section heading, if it is a known one. Besides exact
/// aliases, a heading starting with "What caused", "Timeline (…)", or ending
/// in "action items" is recognised.
pub fn section_role(title: &str) -> Option<&'static str> {
    role_of(title).map(SectionRole::as_str)
}

/// [`section_role`] as the enum.
pub fn role_of(title: &str) -> Option<SectionRole> {
    role_of_words(title)
        .or_else(|| {
            // `Corrective and preventive actions (CAPA)`: the name without
            // its bracketed abbreviation or note.
            let t = title.trim_end().strip_suffix(')')?;
            let head = &t[..t.rfind('(')?];
            (!head.trim().is_empty()).then(|| role_of_words(head)).flatten()
        })
        .or_else(|| joined_role(title))
        .or_else(|| {
            // `Verbeterpunten / Improvements`, `Résumé / Summary`: a name
            // and its translation, or two names for the same section.
            let parts: Vec<&str> = title.split(" / ").collect();
            (parts.len() == 2).then(|| parts.iter().find_map(|p| role_of_words(p))).flatten()
        })
}

/// `Prevention and follow-up`, `Fixes & next steps`: names joined that
/// each have the same role (`Incident response and fixes` tells what was
/// done: its first name has none).
fn joined_role(title: &str) -> Option<SectionRole> {
    let norm = title.to_lowercase().replace('&', " and ");
    let parts: Vec<&str> = norm.split(" and ").map(str::trim).filter(|p| !p.is_empty()).collect();
    if parts.len() < 2 {
        return None;
    }
    let first = role_of_words(parts[0])?;
    parts[1..].iter().all(|p| role_of_words(p) == Some(first)).then_some(first)
}

/// The role of a heading that is exactly one of the usual names of a
/// section (`Action Items`, `Root Causes`, `Timeline`), not merely one
/// that contains such a name.
pub fn named_role(title: &str) -> Option<SectionRole> {
    alias_role(&normalise_heading(title))
}

fn alias_role(norm: &str) -> Option<SectionRole> {
    // The aliases, normalised once.
    static NORMALISED: std::sync::OnceLock<Vec<(SectionRole, Vec<String>)>> = std::sync::OnceLock::new();
    let table = NORMALISED
        .get_or_init(|| ALIASES.iter().chain(RUSSIAN).map(|(r, a)| (*r, a.iter().map(|x| normalise_heading(x)).collect())).collect());
    table.iter().find(|(_, aliases)| aliases.iter().any(|a| a == norm)).map(|(role, _)| *role)
}

fn role_of_words(title: &str) -> Option<SectionRole> {
    let norm = normalise_heading(title);
    if norm.is_empty() {
        return None;
    }
    if let Some(role) = alias_role(&norm) {
        return Some(role);
    }
    let starts = |p: &str| norm.starts_with(p);
    let has =
        |p: &str| norm == p || norm.starts_with(&format!("{p} ")) || norm.ends_with(&format!(" {p}")) || norm.contains(&format!(" {p} "));
    if has("remediations") {
        // "Root cause remediations" are actions, not the cause.
        Some(SectionRole::ActionItems)
    } else if starts("what caused")
        || has("root cause")
        || has("root causes")
        || has("five whys")
        || has("5 whys")
        || starts("why did")
        // `Why both routes failed`, `Why it happened` (not `Why we didn't catch it`).
        || (starts("why ") && ["happened", "failed", "broke", "went down", "went wrong", "fell over", "crashed"].iter().any(|w| norm.ends_with(w)))
        // `How did this happen?`, `But how did it happen`, `How this happened`.
        || how_it_happened(&norm)
    {
        Some(SectionRole::RootCause)
    } else if has("timeline") || starts("timeline") || starts("временная шкала") || starts("хронология") {
        Some(SectionRole::Timeline)
    } else if has("action items")
        || has("action points")
        || starts("follow up")
        || has("next steps")
        || has("remediation items")
        || has("todo")
        || has("followups")
        || starts("future mitigations")
        || starts("future improvements")
        || starts("future work")
        || starts("follow ups")
        || matches!(norm.as_str(), "fixes" | "future" | "going forward" | "moving forward" | "prevention" | "remediations" | "next")
        || starts("moving fo")
        || starts("going forward")
        || has("remediations")
        || starts("what were doing")
        || starts("what we are doing")
        || starts("what we will")
        || starts("what well do")
        || starts("remediation and")
        || norm.ends_with("follow up steps")
        || starts("countermeasure")
        || starts("how are we making")
        || starts("how will we make")
        || starts("what were changing")
        || starts("what we are changing")
        || starts("what were fixing")
        || starts("what we are fixing")
        || starts("what were improving")
        || starts("what we are improving")
        || starts("what we changed")
        || matches!(norm.as_str(), "whats next" | "what is next")
        // A Q&A's `What are you doing to stop it happening again?`.
        || starts("what are you doing")
        || starts("what will you do")
        || starts("how will you prevent")
        || starts("how we will prevent")
        || starts("how well prevent")
        || starts("preventing")
        // `Corrective actions`, `Resulting action`; not a title that ends
        // so (`… suspension due to hosting provider actions`).
        || ((norm.ends_with(" actions") || norm.ends_with(" action")) && short(&norm) && !norm.ends_with("actions taken"))
        // `5. Measures`, `Remedial measures` (as European templates name them).
        || norm == "measures"
        || (norm.ends_with(" measures") && short(&norm) && !norm.ends_with("measures taken"))
        || looks_ahead_abroad(&norm)
        || looks_ahead(&norm)
        || intends(&norm)
        || prevents_recurrence(&norm)
        || done_since(&norm)
    {
        Some(SectionRole::ActionItems)
    } else if has("lessons") || starts("what went") || starts("where we got lucky") || has("lessons learned") {
        Some(SectionRole::Lessons)
    } else if starts("impact") || norm.ends_with("impact") {
        Some(SectionRole::Impact)
    } else if starts("contributing") {
        Some(SectionRole::ContributingFactors)
    } else if starts("leadup") || starts("lead up") || starts("trigger") {
        Some(SectionRole::Trigger)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_numbering_and_emoji() {
        assert_eq!(section_role("Issue Summary"), Some("summary"));
        assert_eq!(section_role("2. Root Causes:"), Some("root_cause"));
        assert_eq!(section_role("🔥 What caused the outage?"), Some("root_cause"));
        assert_eq!(section_role("Timeline (all times UTC)"), Some("timeline"));
        assert_eq!(section_role("What we are doing about it"), Some("action_items"));
        assert_eq!(section_role("Where we got lucky"), Some("lessons"));
        assert_eq!(section_role("TL;DR"), Some("summary"));
        assert_eq!(section_role("Appendix"), None);
        // Other languages' names, as reports written in them or half-translated use.
        assert_eq!(section_role("5. Plan d'actions"), Some("action_items"));
        assert_eq!(section_role("4. Cause racine"), Some("root_cause"));
        assert_eq!(section_role("2. Chronologie"), Some("timeline"));
        assert_eq!(section_role("Maßnahmen"), Some("action_items"));
        // Russian.
        assert_eq!(section_role("Первопричина"), Some("root_cause"));
        assert_eq!(section_role("Временная шкала (UTC)"), Some("timeline"));
        assert_eq!(section_role("## Действия"), Some("action_items"));
        assert_eq!(section_role("Что сработало"), Some("lessons"));
        assert_eq!(section_role("Key moments (CET)"), Some("timeline"));
        assert_eq!(section_role("Problem tasks"), Some("action_items"));
        assert_eq!(section_role("S — Situation"), Some("summary"));
        assert_eq!(section_role("R — Recommendations"), Some("action_items"));
        assert_eq!(section_role("Verbeterpunten / Improvements"), Some("action_items"));
        assert_eq!(section_role("What next"), Some("action_items"));
        assert_eq!(section_role(":ballot_box_with_check: Follow-up tasks"), Some("action_items"));
        assert_eq!(section_role(":seedling: Blameless root cause"), Some("root_cause"));
        assert_eq!(section_role(":warning: Leadup"), Some("trigger"));
        assert_eq!(section_role("Incident timeline and response"), Some("timeline"));
        assert_eq!(section_role("**The Following 3 Weeks**"), Some("action_items"));
        assert_eq!(section_role("In the coming months"), Some("action_items"));
        assert_eq!(section_role("Recommendations"), Some("action_items"));
        assert_eq!(section_role("Suggested corrective actions"), Some("action_items"));
        assert_eq!(section_role("Two weeks of chaos"), None);
        assert_eq!(section_role("Future mitigations and product improvements"), Some("action_items"));
        assert_eq!(section_role("Resulting actions"), Some("action_items"));
        assert_eq!(section_role("Corrective and preventative measures"), Some("action_items"));
        assert_eq!(section_role("Why did this happen?"), Some("root_cause"));
        assert_eq!(section_role("User impact"), Some("impact"));
        assert_eq!(section_role("What we're doing to fix this"), Some("action_items"));
        for t in [
            "What we're going to do",
            "What we plan to change",
            "How we'll prevent this",
            "Things we are fixing",
            "What we're working on next",
            "What we've already done",
            "What we have changed since",
            "Fixes we've shipped",
        ] {
            assert_eq!(section_role(t), Some("action_items"), "{t}");
        }
        for t in [
            "What we did",
            "What we learned",
            "Where we went wrong",
            "Were we prepared?",
            "What didn't go so well?",
            "Was the process followed well, were comms effective?",
            "Were we able to fix the issue quickly?",
            "What we were working on",
            "What we have learned",
        ] {
            assert_ne!(section_role(t), Some("action_items"), "{t}");
        }
        assert_eq!(section_role("Moving Forward"), Some("action_items"));
        for (heading, role) in [
            ("根因", "root_cause"),
            ("预防措施", "action_items"),
            ("3. 타임라인", "timeline"),
            ("影響", "impact"),
            ("Future prevention", "action_items"),
            ("4. Was aendern wir", "action_items"),
            ("What we change", "action_items"),
            ("Rotårsaker", "root_cause"),
            ("Tidslinje", "timeline"),
        ] {
            assert_eq!(section_role(heading), Some(role), "{heading}");
        }
        assert_eq!(section_role("Root Cause Remediations"), Some("action_items"));
        assert_eq!(section_role("fixes"), Some("action_items"));
        assert_eq!(section_role("What we’re changing"), Some("action_items"));
        assert_eq!(section_role("What's next"), Some("action_items"));
        // A bracketed abbreviation or note after the name.
        assert_eq!(section_role("Corrective and preventive actions (CAPA)"), Some("action_items"));
        assert_eq!(section_role("Root cause analysis (RCA)"), Some("root_cause"));
        assert_eq!(section_role("Appendix (logs)"), None);
        assert_eq!(section_role("Remediation and follow-up steps"), Some("action_items"));
        assert_eq!(section_role("Prevention and follow-up"), Some("action_items"));
        assert_eq!(section_role("Fixes & next steps"), Some("action_items"));
        assert_eq!(section_role("Summary and notes"), None);
        assert_eq!(section_role("Chronology (horário de Brasília, UTC-3)"), Some("timeline"));
        assert_eq!(section_role("3 Course of events"), Some("timeline"));
        assert_eq!(section_role("Plan of action"), Some("action_items"));
        assert_eq!(section_role("Why both routes failed"), Some("root_cause"));
        assert_eq!(section_role("Why we didn't catch it"), None);
        assert_eq!(section_role("How did this happen"), Some("root_cause"));
        assert_eq!(section_role("But how did this happen?"), Some("root_cause"));
        assert_eq!(section_role("How it happened"), Some("root_cause"));
        assert_eq!(section_role("How we fixed what happened"), None);
        assert_eq!(section_role("How are we going to do better in the future?"), Some("action_items"));
        assert_eq!(section_role("Resulting Action"), Some("action_items"));
        assert_eq!(section_role("3. What will happen to ensure this doesn't happen again?"), Some("action_items"));
        assert_eq!(section_role("What we could do to prevent this happening again"), None);
        assert_eq!(section_role("Incident Disclosure: Service Suspension Due to Hosting Provider Actions"), None);
        assert_eq!(section_role("Diminuer les risques à l'avenir"), Some("action_items"));
        assert_eq!(section_role("Nächste Schritte"), Some("action_items"));
        assert_eq!(section_role("What are you doing to stop it happening again?"), Some("action_items"));
        // Improvements that could be made are not the actions decided.
        assert_eq!(section_role("What we could do to prevent this happening again"), None);
        assert_eq!(section_role("Incident response and fixes"), None);
        assert_eq!(section_role("Remediation and prevention"), Some("action_items"));
        assert_eq!(section_role("Countermeasures"), Some("action_items"));
        assert_eq!(section_role("5. Measures"), Some("action_items"));
        assert_eq!(section_role("fix / todo"), Some("action_items"));
        assert_eq!(section_role("tl"), Some("timeline"));
        assert_eq!(section_role("Remedial measures"), Some("action_items"));
        assert_ne!(section_role("Measures taken"), Some("action_items"));
        assert_eq!(section_role("How are we making incidents like this less likely or less impactful?"), Some("action_items"));
    }
}
