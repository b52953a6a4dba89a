//! The title of a document recognised from its body: which heading or line
//! names the incident, and which only say what the document is.

use chrono::NaiveDate;

use super::blocks::{Block, Kind};
use super::sections::{normalise_heading, role_of};
use super::{timeline, when};

/// A short line above the title (a wiki's breadcrumb, a space name).
pub(super) fn is_breadcrumb(b: &Block) -> bool {
    // A site template's tag (`{{ page.description | default: "…" }}`).
    let template = |t: &str| t.starts_with("{{") || t.starts_with("{%");
    match b.kind {
        Kind::Paragraph if template(b.source.trim_start()) => true,
        Kind::Paragraph => {
            let lines: Vec<&str> = b.source.lines().collect();
            lines.len() <= 3 && lines.iter().all(|l| l.trim().len() <= 40 && !l.trim().ends_with('.'))
        }
        Kind::Html => b.source.trim_start().starts_with("<!--"),
        _ => false,
    }
}

/// A letterhead above a title: a paragraph of at most three short lines
/// that are names, not sentences (`**Northmoor Hospitals NHS Foundation
/// Trust**` / `Digital Services Directorate`), or a rule.
pub(super) fn is_letterhead(b: &Block) -> bool {
    match b.kind {
        Kind::Paragraph => {
            let lines: Vec<&str> = b.source.lines().map(str::trim).collect();
            // A line of pieces (`Company · Customer Operations · noc@…`) may be longer.
            let short = |l: &str| l.len() <= 90 || (l.len() <= 160 && l.matches(['·', '|']).count() >= 2);
            lines.len() <= 3
                && lines.iter().all(|l| short(l) && !l.ends_with(['.', ':', ',', ';']) && !l.contains(". ") && !l.contains(": "))
        }
        Kind::Other => true,
        _ => is_breadcrumb(b),
    }
}

/// A paragraph that could be a plain-text document's title: one line of
/// 8–150 characters that is not a sentence, a `Key: value` pair or a
/// section's name.
pub(super) fn title_line(b: &Block) -> Option<&str> {
    let t = b.source.trim();
    let fits = matches!(b.kind, Kind::Paragraph)
        && !t.contains('\n')
        && (8..=150).contains(&t.len())
        && !t.ends_with(['.', ':', ',', ';'])
        && !t.contains(": ")
        && !t.starts_with(['*', '_', '[', '<', '|', '`', '!'])
        && role_of(t).is_none();
    fits.then_some(t)
}

/// The incident a field table at the head of a document names (`|
/// **Event** | Elan_20210305: A |`, `| Incident | Disk full on db-3 |`):
/// the value of its title field and its line.
pub(super) fn table_title(b: &Block) -> Option<(String, usize)> {
    let Kind::Table(header, rows) = &b.kind else { return None };
    let head = (header.len() >= 2).then(|| (header[0].as_str(), header[1].as_str(), b.line));
    head.into_iter().chain(rows.iter().filter(|r| r.cells.len() >= 2).map(|r| (r.cells[0].as_str(), r.cells[1].as_str(), r.line))).find_map(
        |(k, v, line)| {
            let key = k.trim().trim_matches(['*', '_']).trim_end_matches(':').trim().to_lowercase();
            let value = v.trim().trim_matches(['*', '_', '`']).trim();
            let named = matches!(key.as_str(), "title" | "incident" | "incident name" | "incident title" | "event" | "event name" | "name");
            (named
                && (4..=150).contains(&value.chars().count())
                && !value.starts_with(['<', '!', '['])
                && when::find_date(value, None).is_none_or(|_| value.chars().any(char::is_alphabetic)))
            .then(|| (value.to_string(), line))
        },
    )
}

/// A line that only says what the document is, perhaps after whose it is:
/// `Incident report`, `Kiranapay Engineering — Incident Post-Mortem`.
pub(super) fn names_the_kind(line: &str) -> bool {
    is_generic_title(line)
        || line.rsplit([':', '—', '–', '|']).next().is_some_and(is_generic_title)
        || line.rsplit(" - ").next().is_some_and(is_generic_title)
}

/// A heading that says whose document this is and what kind
/// (`Tidepool Games — Live Ops Retrospective`): after the owner's name, at
/// most four words ending with a generic name. Only a heading right under
/// it can take over as the title; without an owner's name, the words
/// before the kind name the incident (`London Testnet Retrospective`).
pub(super) fn qualified_kind(line: &str) -> bool {
    let Some(part) = line.rsplit_once(['—', '–', '|']).map(|(_, p)| p).or_else(|| line.rsplit_once(" - ").map(|(_, p)| p)) else {
        return false;
    };
    let words: Vec<&str> = part.split_whitespace().collect();
    let tail = |k: usize| words.len() >= k && is_generic_title(&words[words.len() - k..].join(" "));
    words.len() <= 4 && (tail(1) || tail(2))
}

/// "Post mortem", "Incident report", "RCA": a heading that says what the
/// document is, not what happened.
pub fn is_generic_title(text: &str) -> bool {
    let n = normalise_heading(text).replace(['-', ' '], "");
    matches!(
        n.as_str(),
        "postmortem"
            | "postmortemreport"
            | "incidentreport"
            | "incidentpostmortem"
            | "postincidentreview"
            | "postincidentreport"
            | "incidentreview"
            | "rca"
            | "rootcauseanalysis"
            | "rootcauseanalysisreport"
            | "rcareport"
            | "incidentanalysisreport"
            | "majorincidentreport"
            | "incident"
            | "report"
            | "retrospective"
            | "incidentretrospective"
            | "outagereport"
            | "serviceoutagereport"
            | "incidentanalysis"
    )
}

/// `2017-10-17, Cluster Full` → ("Cluster Full", 2017-10-17);
/// `February 5th, 2019 Partial Prow Outage` → ("Partial Prow Outage", …).
pub(super) fn split_title_date(text: &str, cx: &timeline::Context<'_>) -> (String, Option<NaiveDate>) {
    let t = text.trim();
    let unlabelled =
        ["incident date:", "date:"].iter().find_map(|p| t.to_lowercase().starts_with(p).then(|| t[p.len()..].trim_start())).unwrap_or(t);
    if let Some((w, rest)) = when::leading_when(unlabelled, cx.zones, false) {
        let rest = rest.trim_start_matches([',', ' ', '-', '–', ':', ';']).trim();
        if let Some(d) = w.date.filter(|_| !rest.is_empty()) {
            // `February 11, 2016 incident report`: the date is what names it.
            let title = if is_generic_title(rest) { t } else { rest };
            return (title.to_string(), Some(d));
        }
    }
    // A full date elsewhere in the title (`Network outage (2024-12-19/20)`,
    // `Incident report - February 4th, 2019`) dates it but stays in it.
    (t.to_string(), when::find_date(t, None))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_field_table_at_the_head_names_the_incident() {
        let b = crate::extract::blocks::blocks(
            "| <img src=\"x.png\"> | Working group |\n|---|---|\n| **Event** | Elan_20210305: A |\n| **Detected** | 2021-03-05 23:27 |\n",
            1,
        );
        assert_eq!(table_title(&b[0]), Some(("Elan_20210305: A".to_string(), 3)));
        let b = crate::extract::blocks::blocks("| Time | Event |\n|---|---|\n| 10:00 | Alert |\n", 1);
        assert_eq!(table_title(&b[0]), None);
    }

    #[test]
    fn an_owner_and_a_kind_is_no_title() {
        assert!(qualified_kind("Tidepool Games — Live Ops Retrospective"));
        assert!(qualified_kind("Acme | Incident Review"));
        // Without an owner's name, the words before the kind name the incident.
        assert!(!qualified_kind("London Testnet Retrospective"));
        assert!(!qualified_kind("Acme — Checkout latency after the Tuesday deploy"));
    }
}
