//! `pmbook init` and `pmbook new`: starting points for archives and
//! post-mortems.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::config::{CONFIG_FILE, Config};
use crate::error::{Error, Result};
use crate::slug::slugify;

const BOOK_TOML: &str = r#"# pmbook configuration. Every key is optional (an empty file builds a
# site titled "Post-mortems"); see the README for the full reference.

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
# Zone for times written without one (an IANA name such as "Europe/Berlin").
default-zone = "UTC"

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
timezone: UTC              # zone for times below written without one
impact:
  started: {date} 00:00    # when customers were first affected
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

## Summary

## Impact

## Timeline

## Root cause

## Contributing factors

## What went well

## What went wrong

## Where we got lucky

## Action items

## Lessons learned
"#;

fn fill(template: &str, title: &str, id: &str, date: NaiveDate) -> String {
    let quoted = serde_json::to_string(title).unwrap_or_else(|_| format!("\"{title}\""));
    template.replace("{title}", &quoted).replace("{id}", id).replace("{date}", &date.to_string())
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
    let example = new_post_mortem(&Config::load(dir)?, "Example incident", today)?;
    Ok(vec![config, example])
}

/// Write a new post-mortem for `title`, dated `today`, into the content
/// directory (`content/<year>/<date>-<slug>.md`). Never overwrites.
pub fn new_post_mortem(cfg: &Config, title: &str, today: NaiveDate) -> Result<PathBuf> {
    let slug = slugify(title);
    let dir = cfg.content_dir().join(today.format("%Y").to_string());
    std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
    let path = dir.join(format!("{today}-{slug}.md"));
    if path.exists() {
        return Err(Error::Usage(format!("{} already exists; choose another title", path.display())));
    }
    let id = format!("PM-{}-{}", today.format("%Y%m%d"), slug.split('-').take(3).collect::<Vec<_>>().join("-"));
    std::fs::write(&path, fill(TEMPLATE, title, &id, today)).map_err(|e| Error::io(&path, e))?;
    Ok(path)
}
