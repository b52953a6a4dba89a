//! `pmbook init` and `pmbook new`: starting points for archives and
//! post-mortems.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::config::{CONFIG_FILE, Config};
use crate::error::{Error, Result};
use crate::slug::slugify;

const BOOK_TOML: &str = r#"# pmbook configuration. Every key is optional (an empty file builds a
# site titled "Post-mortems"); see docs/reference.md in pmbook for every key.

[book]
title = "{title}"
description = "What we learned from our incidents."
language = "en"

[build]
content-dir = "content"
build-dir = "site"

[output]
# true: links end in `/` (for web servers); false: they end in
# `/index.html`, which also works when the site is opened from disk.
pretty-links = false

[time]
# Zone for times written without one, in every post-mortem that does not
# declare its own `timezone`. Left unset, such a time is a `missing-zone`
# error, so no time is ever placed in a zone nobody chose. pmbook never
# assumes UTC; set it only if every post-mortem here uses one zone.
# default-zone = "Europe/Berlin"

# Extra zone abbreviations, merged over the built-in table.
# [time.zones]
# IST = "Asia/Kolkata"

# The severity scale, most severe first. Default: SEV-1 … SEV-4.
# [[severity]]
# name = "SEV-1"
# label = "Critical"
# aliases = ["SEV1", "P1"]

# Controlled vocabularies (optional). Aliases fold into the name.
# [[factor]]
# name = "config-change"
# description = "A configuration change set the incident off."
# aliases = ["configuration change"]
"#;

/// The post-mortem template used by `init` and `new`.
pub const TEMPLATE: &str = r#"---
id: {id}
title: {title}
summary: One or two sentences on what broke, for whom and for how long.
date: {date}
severity: SEV-3            # SEV-1 (critical) … SEV-4 (low)
status: active             # active → mitigated → resolved → closed
services: []
teams: []
tags: []
contributing_factors: []
authors: []
timezone: {zone}{zone_note}
impact:
  started:                 # when customers were first affected, e.g. {date} 09:12
  detected:                # when we knew
  mitigated:               # when impact stopped
  resolved:                # when the cause was fixed
  summary: Who was affected and how.
  metrics: []              # - name: Failed requests
                           #   value: "1,200"
timeline:
  - at: "00:00"
    kind: impact           # trigger, impact, alert, detection, notification, escalation,
                           # action, automated, comms, mitigation, resolution, note
    text: What happened.
root_cause: |
  The underlying cause, in a paragraph or two.
action_items: []           # - title: Add an alert on …
                           #   owner: team-or-person
                           #   status: open        # open, in-progress, done, wont-do
                           #   due: YYYY-MM-DD
                           #   kind: prevent       # mitigate, repair, prevent, process
                           #   tracker: OPS-123
                           #   url: https://tracker.example.com/OPS-123
---

## What went well

<!-- What helped: an alert that fired, a runbook that worked, a quick rollback. -->

## What went wrong

<!-- What made it worse or slower to fix. -->

## Where we got lucky

<!-- What could have made it much worse, and did not. -->

## Lessons learned

<!-- What we now know that we did not. -->
"#;

/// The sample sentences of [`TEMPLATE`]: `check` reports them as
/// `placeholder` when they are still there.
pub const PLACEHOLDERS: &[&str] = &[
    "One or two sentences on what broke, for whom and for how long.",
    "Who was affected and how.",
    "What happened.",
    "The underlying cause, in a paragraph or two.",
];

/// The `<!-- … -->` hints of [`TEMPLATE`], reported the same way.
pub const HINTS: &[&str] = &[
    "What helped: an alert that fired, a runbook that worked, a quick rollback.",
    "What made it worse or slower to fix.",
    "What could have made it much worse, and did not.",
    "What we now know that we did not.",
];

/// The zone of this machine as an IANA name (`TZ`, `/etc/timezone`, or
/// where `/etc/localtime` points), when it can be read.
pub fn machine_zone() -> Option<String> {
    let valid = |z: &str| {
        let z = z.trim().trim_start_matches(':');
        z.parse::<chrono_tz::Tz>().is_ok().then(|| z.to_string())
    };
    if let Some(z) = std::env::var("TZ").ok().and_then(|z| valid(&z)) {
        return Some(z);
    }
    if let Some(z) = std::fs::read_to_string("/etc/timezone").ok().and_then(|z| valid(&z)) {
        return Some(z);
    }
    let link = std::fs::read_link("/etc/localtime").ok()?;
    let s = link.to_string_lossy();
    valid(s.split("zoneinfo/").nth(1)?)
}

fn fill(template: &str, title: &str, id: &str, date: NaiveDate, zone: &Zone) -> String {
    let quoted = serde_json::to_string(title).unwrap_or_else(|_| format!("\"{title}\""));
    let (name, note) = match zone {
        Zone::Machine(z) => (z.as_str(), "   # this machine's zone; the zone of the times below that name none"),
        Zone::Configured(z) => (z.as_str(), "   # book.toml's default-zone; the zone of the times below that name none"),
        Zone::Unknown => ("UTC", "   # this machine's zone is unknown: write the zone the times below are in"),
    };
    template
        .replace("{title}", &quoted)
        .replace("{id}", id)
        .replace("{date}", &date.to_string())
        .replace("{zone_note}", note)
        .replace("{zone}", name)
}

/// Where the `timezone` of a new post-mortem came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Zone {
    /// book.toml's `[time] default-zone`.
    Configured(String),
    /// This machine's zone.
    Machine(String),
    /// Neither is known.
    Unknown,
}

impl Zone {
    /// The zone for a new post-mortem under `cfg`.
    pub fn for_new(cfg: &Config) -> Self {
        match (&cfg.time.default_zone, machine_zone()) {
            (Some(z), _) => Zone::Configured(z.clone()),
            (None, Some(z)) => Zone::Machine(z),
            (None, None) => Zone::Unknown,
        }
    }

    /// What to tell the user about it.
    pub fn note(&self) -> String {
        match self {
            Zone::Configured(z) => format!("timezone: {z} (book.toml's default-zone)"),
            Zone::Machine(z) => format!("timezone: {z} (this machine's zone; change it if the incident's times are in another)"),
            Zone::Unknown => "timezone: UTC, because this machine's zone is unknown; change it to the zone of the incident's times".into(),
        }
    }
}

/// The next id of the `PM-YYYY-NNN` scheme for `year`: one more than the
/// highest `PM-YYYY-NNN` id (in front matter, `id: …` or `id = …`) or file
/// name under `content`, from `001`.
pub fn next_id(content: &Path, year: i32) -> String {
    let prefix = format!("PM-{year}-");
    let mut highest = 0u32;
    let mut see = |text: &str| {
        let up = text.to_ascii_uppercase();
        let mut rest = up.as_str();
        while let Some(i) = rest.find(&prefix) {
            let digits: String = rest[i + prefix.len()..].chars().take_while(char::is_ascii_digit).collect();
            if let Ok(n) = digits.parse::<u32>() {
                highest = highest.max(n);
            }
            rest = &rest[i + prefix.len()..];
        }
    };
    for entry in walkdir::WalkDir::new(content).into_iter().filter_map(|e| e.ok()).filter(|e| e.file_type().is_file()) {
        see(&entry.file_name().to_string_lossy());
        if let Ok(text) = std::fs::read_to_string(entry.path()) {
            // Only the id line of the front matter: a body may mention other ids.
            for line in text.lines().take(60) {
                let l = line.trim_start();
                if l.starts_with("id:") || l.starts_with("id =") || l.starts_with("id=") {
                    see(l);
                }
            }
        }
    }
    format!("{prefix}{:03}", highest + 1)
}

/// Create a new archive in `dir`: book.toml, `content/` with one example
/// post-mortem. Refuses to overwrite an existing book.toml.
pub fn init(dir: &Path, title: &str, today: NaiveDate) -> Result<Vec<PathBuf>> {
    let config = dir.join(CONFIG_FILE);
    if config.exists() {
        return Err(Error::Usage(format!("{} already exists; not overwriting it", config.display())));
    }
    std::fs::create_dir_all(dir.join("content")).map_err(|e| Error::io(dir, e))?;
    let book = BOOK_TOML.replace("\"{title}\"", &serde_json::to_string(title).unwrap_or_default());
    std::fs::write(&config, book).map_err(|e| Error::io(&config, e))?;
    let (example, _) = new_post_mortem(&Config::load(dir)?, "Example incident", today)?;
    Ok(vec![config, example])
}

/// Write a new post-mortem for `title`, dated `today`, into the content
/// directory (`content/<year>/<date>-<slug>.md`), with the next
/// `PM-YYYY-NNN` id. Never overwrites. Returns the path and where its
/// `timezone` came from.
pub fn new_post_mortem(cfg: &Config, title: &str, today: NaiveDate) -> Result<(PathBuf, Zone)> {
    let slug = slugify(title);
    let dir = cfg.content_dir().join(today.format("%Y").to_string());
    std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
    let path = dir.join(format!("{today}-{slug}.md"));
    if path.exists() {
        return Err(Error::Usage(format!("{} already exists; choose another title", path.display())));
    }
    let id = next_id(&cfg.content_dir(), chrono::Datelike::year(&today));
    let zone = Zone::for_new(cfg);
    std::fs::write(&path, fill(TEMPLATE, title, &id, today, &zone)).map_err(|e| Error::io(&path, e))?;
    Ok((path, zone))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_follow_pm_year_number() {
        let tmp = tempfile::tempdir().unwrap();
        let c = tmp.path();
        assert_eq!(next_id(c, 2026), "PM-2026-001");
        std::fs::write(c.join("a.md"), "---\nid: PM-2026-007\n---\nSee PM-2026-050.\n").unwrap();
        std::fs::write(c.join("PM-2026-003.md"), "no front matter").unwrap();
        std::fs::write(c.join("b.md"), "+++\nid = \"pm-2025-040\"\n+++\n").unwrap();
        assert_eq!(next_id(c, 2026), "PM-2026-008");
        assert_eq!(next_id(c, 2025), "PM-2025-041");
    }

    #[test]
    fn the_template_names_its_zone_and_why() {
        let d = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
        let t = fill(TEMPLATE, "X", "PM-2026-001", d, &Zone::Machine("Europe/Berlin".into()));
        assert!(t.contains("timezone: Europe/Berlin   # this machine's zone"), "{t}");
        let t = fill(TEMPLATE, "X", "PM-2026-001", d, &Zone::Unknown);
        assert!(t.contains("timezone: UTC   # this machine's zone is unknown"), "{t}");
    }
}
