//! The front matter's `impact`: its nested milestones, summary and
//! metrics, and the flat `impact_start`/`impact_end` other templates write.

use chrono::NaiveDate;

use super::Builder;
use super::fields::{self, IMPACT_KEYS, METRIC_KEYS};
use crate::datetime::Zone;
use crate::frontmatter::Node;
use crate::model::*;

impl Builder<'_, '_> {
    /// The front matter's impact, and the flat key (`incident_start`) that
    /// gave its start, if one did.
    pub(super) fn impact(&mut self, date: Option<NaiveDate>, zone: Option<Zone>) -> (Impact, Option<&'static str>) {
        let mut impact = self.nested_impact(date, zone);
        let mut flat_start = None;
        // `impact_start:` / `impact_end:` at the top level, as other
        // templates write them, where `impact:` does not say.
        for (key, aliases) in fields::FLAT_IMPACT_KEYS {
            let slot = if *key == "started" { &mut impact.started } else { &mut impact.resolved };
            if slot.is_some() {
                continue;
            }
            let Some((alias, value)) = aliases.iter().find_map(|a| self.node.get(a).filter(|n| !matches!(n, Node::Null)).map(|n| (a, n)))
            else {
                continue;
            };
            // Another tool's key (`start_date: 2024-02-24 23:00`) written
            // without a zone, in a document that states none: a time on
            // the authors' clock, not an error.
            if zone.is_none()
                && let Some(text) = value.as_text()
                && let Ok(p) = crate::datetime::parse_time(&text, self.r.zones)
                && p.zone.is_none()
                && let Some(day) = p.date.or(date)
            {
                let local = if *key == "started" { &mut impact.local.started } else { &mut impact.local.resolved };
                *local = Some(day.and_time(p.time));
                if *key == "started" {
                    flat_start = Some(*alias);
                }
                let line = self.r.loc.line(alias);
                let detail = format!("read from `{alias}`, on the document's clock (no zone stated)");
                self.prov
                    .insert(format!("impact.local.{key}"), Provenance { from: "front-matter", line: Some(line), detail: Some(detail) });
                continue;
            }
            if let Some((t, _, _)) = self.r.time(Some(value), alias, date, zone) {
                *slot = Some(t);
                if *key == "started" {
                    flat_start = Some(*alias);
                }
                let line = self.r.loc.line(alias);
                self.prov.insert(format!("impact.{key}"), Provenance::front_matter(line));
            }
        }
        (impact, flat_start)
    }

    fn nested_impact(&mut self, date: Option<NaiveDate>, zone: Option<Zone>) -> Impact {
        let mut impact = Impact::default();
        let Some(node) = self.node.get("impact") else {
            return impact;
        };
        // `impact: All compute nodes unavailable`, as service alerts write
        // it: the summary.
        if let Node::Str(_) = node {
            impact.summary = self.r.text(Some(node), "impact").filter(|t| !t.trim().is_empty());
            if impact.summary.is_some() {
                self.mark_as("impact.summary", "impact");
            }
            return impact;
        }
        if !matches!(node, Node::Map(_)) {
            if !matches!(node, Node::Null) {
                self.r.error(
                    "wrong-type",
                    "impact",
                    format!(
                        "`impact` must be a table/mapping with started, detected, … (or a sentence: its summary); found {}",
                        node.type_name()
                    ),
                );
            }
            return impact;
        }
        self.r.unknown_keys(node, "impact", IMPACT_KEYS);
        for (key, slot) in [
            ("started", &mut impact.started),
            ("detected", &mut impact.detected),
            ("mitigated", &mut impact.mitigated),
            ("resolved", &mut impact.resolved),
        ] {
            let path = format!("impact.{key}");
            if let Some((t, _, _)) = self.r.time(node.get(key), &path, date, zone) {
                *slot = Some(t);
                let line = self.r.loc.line(&path);
                self.prov.insert(path, Provenance::front_matter(line));
            }
        }
        impact.summary = self.r.text(node.get("summary"), "impact.summary");
        if impact.summary.is_some() {
            self.mark("impact.summary");
        }
        for (path, m) in self.r.table_list(node.get("metrics"), "impact.metrics") {
            self.r.unknown_keys(m, &path, METRIC_KEYS);
            let name = self.r.text(m.get("name"), &format!("{path}.name"));
            let value = self.r.text(m.get("value"), &format!("{path}.value"));
            match (name, value) {
                (Some(name), Some(value)) => impact.metrics.push(Metric { name, value }),
                _ => self.r.error("missing-field", &path, "an impact metric needs both `name` and `value`"),
            }
        }
        impact
    }
}
