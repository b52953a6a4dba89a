//! Front matter written for other tools: blog engines, status pages,
//! service alerts, and a `---` that is only a rule.

use chrono::NaiveDate;

use super::super::tests::{codes, run};
use super::super::*;

#[test]
fn a_blog_date_after_the_incident_is_kept_as_published() {
    let (inc, _) = run(
        "---\ntitle: Search outage (07-Feb-2024)\ndate: 2024-02-14 09:30:00\nauthor: Kim\n---\n## Overview\n\nSearch was down.\n\n## Timeline\n\n| Time (UTC) | Event |\n|---|---|\n| 10:02 | Index corrupt |\n| 10:40 | Search restored |\n",
    );
    let inc = inc.unwrap();
    assert_eq!(inc.date, NaiveDate::from_ymd_opt(2024, 2, 7));
    assert_eq!(inc.published, NaiveDate::from_ymd_opt(2024, 2, 14));
    assert_eq!(inc.timeline[0].at.unwrap().to_rfc3339(), "2024-02-07T10:02:00+00:00", "the timeline is on the incident's day");
    assert!(inc.provenance["date"].detail.as_deref().unwrap_or("").contains("publication"), "{:?}", inc.provenance["date"]);
    // pmbook's own front matter: `date` is the incident's.
    let (own, _) = run("---\nid: PM-9\ntitle: Search outage (07-Feb-2024)\ndate: 2024-02-14\nstatus: resolved\n---\nText.\n");
    let own = own.unwrap();
    assert_eq!((own.date, own.published), (NaiveDate::from_ymd_opt(2024, 2, 14), None));
}

#[test]
fn a_blog_dated_after_its_timeline_was_published_after_the_incident() {
    let text = "---\ntitle: File hosting errors\ndate: 2031-09-08\n---\n\n## Executive summary\n\nFor two weeks some users hit 502 errors.\n\nBoth problems are now fixed, and downloads are back to full function since August 28.\n\n## Timeline\n\n### August 15\n\nA canary deployment reached one cache node.\n\n### August 28\n\nThe last fix was deployed.\n";
    let inc = run(text).0.unwrap();
    // The recovery's date is not the incident's; the timeline's first day is.
    assert_eq!((inc.date, inc.published), (NaiveDate::from_ymd_opt(2031, 8, 15), NaiveDate::from_ymd_opt(2031, 9, 8)));
    // Front matter of pmbook's own keys declares the incident's date.
    let own = run(&text.replace("date: 2031-09-08", "date: 2031-09-08\nseverity: SEV2")).0.unwrap();
    assert_eq!((own.date, own.published), (NaiveDate::from_ymd_opt(2031, 9, 8), None));
}

#[test]
fn a_status_pages_resolved_date_in_other_dialects() {
    for key in ["resolvedWhen", "resolvedDate", "resolved_on"] {
        let text = format!(
            "---\ntitle: Outage in EU\ndate: 2031-04-25 11:00 UTC\n{key}: 2031-04-25 11:15 UTC\n---\n\nThe data center was unreachable.\n"
        );
        let inc = run(&text).0.unwrap();
        let window = (inc.impact.started.map(|t| t.to_rfc3339()), inc.impact.resolved.map(|t| t.to_rfc3339()));
        assert_eq!(window, (Some("2031-04-25T11:00:00+00:00".into()), Some("2031-04-25T11:15:00+00:00".into())), "{key}");
    }
}

#[test]
fn a_status_page_marked_resolved_without_saying_when() {
    let text = "---\ntitle: Gitpod is down in EU\ndate: '2031-02-08T09:29:09.925Z'\nresolved: true\n---\nNot reachable in EU at the moment.\n\n::: update Resolved | 2031-02-08T13:00:00.693Z\nEuropean cluster is back up.\n:::\n";
    let (inc, diags) = run(text);
    let inc = inc.unwrap();
    assert_eq!(inc.impact.started.map(|t| t.to_rfc3339()).as_deref(), Some("2031-02-08T09:29:09.925+00:00"));
    assert_eq!(inc.impact.resolved.map(|t| t.to_rfc3339()).as_deref(), Some("2031-02-08T13:00:00+00:00"));
    assert!(!diags.iter().any(|d| d.code == "unknown-key"), "{diags:?}");
}

#[test]
fn a_status_site_page_with_its_phase_and_opening_time() {
    let text = "---\ntitle: Dashboard down time\npermalink: /incidents/8\ndate: 2031-06-27 23:32:00 +0000\nstatus: resolved\n---\n\nThe dashboard script did not load.\n\nThe issue is resolved on 2031-06-28 at 05:20:00 UTC.\n";
    let inc = run(text).0.unwrap();
    assert_eq!(inc.impact.started.map(|t| t.to_rfc3339()).as_deref(), Some("2031-06-27T23:32:00+00:00"));
    assert_eq!(inc.impact.resolved.map(|t| t.to_rfc3339()).as_deref(), Some("2031-06-28T05:20:00+00:00"));
    // A day without a time opens nothing.
    let inc = run(&text.replace("2031-06-27 23:32:00 +0000", "2031-06-27")).0.unwrap();
    assert_eq!(inc.impact.started, None);
}

#[test]
fn a_blog_engines_created_at_and_yesterday() {
    let text = "---\ntitle: The build outage\nlayout: post\ncreated_at: Thu Jan 31 2031 13:00:00 CET\n---\n\nYesterday, we had a major outage of our build system.\n";
    let (inc, diags) = run(text);
    let inc = inc.unwrap();
    assert_eq!((inc.date, inc.published), (NaiveDate::from_ymd_opt(2031, 1, 30), NaiveDate::from_ymd_opt(2031, 1, 31)));
    assert!(!diags.iter().any(|d| d.code == "unknown-key" && d.message.contains("created_at")), "{diags:?}");
    // In another language.
    let (inc, _) =
        run(&text.replace("Yesterday, we had a major outage of our build system.", "Gestern Abend fiel unser Build-System aus."));
    assert_eq!(inc.unwrap().date, NaiveDate::from_ymd_opt(2031, 1, 30));
    // Nothing earlier named: the day the post went out.
    let (inc, _) = run(&text.replace("Yesterday, we", "We"));
    assert_eq!(inc.unwrap().date, NaiveDate::from_ymd_opt(2031, 1, 31));
    // As `date` prints it, with `Last Wednesday` opening a later section.
    let text = "---\ntitle: Pull request unavailability\ncreated_at: Mon Sep 22 21:00:00 CEST 2031\n---\nIt has not been a great week.\n\n### What happened?\n\nLast Wednesday, in the afternoon, we started seeing errors.\n";
    let inc = run(text).0.unwrap();
    assert_eq!((inc.date, inc.published), (NaiveDate::from_ymd_opt(2031, 9, 17), NaiveDate::from_ymd_opt(2031, 9, 22)));
}

#[test]
fn flat_front_matter_keys_and_the_end_of_the_outage() {
    let (inc, diags) = run(
        "---\ntitle: Stale thumbnails\nincident_date: 2024-05-02\nimpact_start: \"2024-05-02 08:14 PDT\"\nimpact_end: \"2024-05-02 10:47 PDT\"\n---\nAll times Pacific.\n",
    );
    assert!(diags.iter().all(|d| d.code != "unknown-key"), "{diags:?}");
    let inc = inc.unwrap();
    assert_eq!(inc.date, NaiveDate::from_ymd_opt(2024, 5, 2));
    assert_eq!(inc.impact.started.unwrap().to_rfc3339(), "2024-05-02T08:14:00-07:00");
    assert_eq!(inc.impact.resolved.unwrap().to_rfc3339(), "2024-05-02T10:47:00-07:00");
    let (inc, _) = run(
        "# Search outage on 2023-10-21\n\n## Timeline (all times UTC)\n\n- 14:54 **OUTAGE BEGINS** — backends melt down\n- 15:46 **OUTAGE ENDS** — traffic served normally\n- 16:30 **INCIDENT ENDS** — 30 minutes of nominal performance\n",
    );
    assert_eq!(inc.unwrap().impact.resolved.unwrap().to_rfc3339(), "2023-10-21T15:46:00+00:00");
    let (inc, _) = run(
        "# Registry 502s\n\nDate: 2024-02-13\n\n## Timeline (all times UTC)\n\n- 14:02 - 502 ratio starts climbing\n- 14:50 - All pods healthy again\n- 15:30 - Incident closed after monitoring\n",
    );
    let inc = inc.unwrap();
    assert_eq!(inc.impact.started.unwrap().to_rfc3339(), "2024-02-13T14:02:00+00:00");
    assert_eq!(inc.impact.resolved.unwrap().to_rfc3339(), "2024-02-13T14:50:00+00:00");
}

#[test]
fn a_rule_on_the_first_line_over_markdown_is_no_front_matter() {
    // Closed by a rule at the end, and never closed: both are Markdown.
    for text in [
        "---\n\n# Boot failure after a kernel update\n\nDate: 2026-06-10\n**Severity:** P2\n\n## Root cause\n\nThe initramfs was incomplete.\n\n---\n",
        "---\n\n# Boot failure after a kernel update\n\nDate: 2026-06-10\n**Severity:** P2\n\n## Root cause\n\nThe initramfs was incomplete.\n",
    ] {
        let (inc, diags) = run(text);
        let inc = inc.expect("read as Markdown");
        assert_eq!(inc.title, "Boot failure after a kernel update");
        assert_eq!(inc.date, NaiveDate::from_ymd_opt(2026, 6, 10));
        assert!(inc.root_cause.as_deref().is_some_and(|c| c.contains("initramfs")));
        assert!(codes(&diags).contains(&("front-matter-rule", 1)), "{diags:?}");
    }
    // Broken front matter stays an error.
    for text in ["---\ntitle: x\n**bold: y\n---\n# T\n", "---\ntitle: x\n**bold: y\n"] {
        let (inc, diags) = run(text);
        assert!(inc.is_none());
        assert_eq!(diags.iter().map(|d| d.code).collect::<Vec<_>>(), ["front-matter-syntax"]);
    }
}

#[test]
fn a_service_alerts_front_matter_gives_its_window_cause_and_impact() {
    let (inc, diags) = run(
        "---\nstatus: Resolved\nstart_date: 2023-06-18 15:30 BST\nend_date: 2023-06-19 11:15 BST\nimpact: All compute nodes unavailable\nreason: A power event at the site caused cooling issues.\n---\nThe nodes were taken offline.\n",
    );
    let inc = inc.unwrap();
    assert_eq!(inc.impact.started.map(|t| t.to_rfc3339()).as_deref(), Some("2023-06-18T15:30:00+01:00"));
    assert_eq!(inc.impact.resolved.map(|t| t.to_rfc3339()).as_deref(), Some("2023-06-19T11:15:00+01:00"));
    assert_eq!(inc.impact.summary.as_deref(), Some("All compute nodes unavailable"));
    assert_eq!(inc.root_cause.as_deref(), Some("A power event at the site caused cooling issues."));
    assert_eq!(inc.provenance["root_cause"].detail.as_deref(), Some("read from `reason`"));
    assert!(!diags.iter().any(|d| d.code == "unknown-key" || d.code == "wrong-type"), "{diags:?}");
    // Without a zone anywhere (nor a default zone in book.toml): the window
    // on the authors' clock, no error.
    let cfg = crate::Config::defaults_at(std::path::Path::new("."));
    let zones = crate::datetime::ZoneTable::new(&cfg.time.zones);
    let text = "---\nstart_date: 2024-02-24 23:00\nend_date:\nimpact: Half the nodes are down.\n---\nText.\n";
    let doc = crate::content::SourceDoc { path: "content/a.md".into(), display: "content/a.md".into(), text: text.into() };
    let o = understand(&doc, std::path::Path::new("a.md"), &cfg, &zones);
    let (inc, diags) = (o.document.unwrap().incident, o.diagnostics);
    assert_eq!(inc.impact.started, None);
    assert_eq!(inc.impact.local.started.map(|t| t.to_string()).as_deref(), Some("2024-02-24 23:00:00"));
    assert!(!diags.iter().any(|d| d.level == crate::diagnostics::Level::Error), "{diags:?}");
}

#[test]
fn a_blog_posts_description_can_name_the_incidents_day() {
    let (inc, _) = run(
        "---\ntitle: 'The triggering event'\ndescription: This post is part of a series on the outages on 2025-05-16 and 2025-05-19.\ndate: '2025-05-30T20:24:56'\n---\nA query plan changed.\n",
    );
    let inc = inc.unwrap();
    assert_eq!(inc.date, NaiveDate::from_ymd_opt(2025, 5, 16));
    assert_eq!(inc.published, NaiveDate::from_ymd_opt(2025, 5, 30));
    assert_eq!(inc.provenance["date"].line, Some(3));
}

#[test]
fn incident_start_and_end_keys_fill_the_window() {
    let (inc, diags) = run(
        "---\ntitle: Perf regression\ndate: 2026-10-02\nincident_start: \"2026-10-01 09:45 UTC\"\nincident_end: \"2026-10-02 07:07 UTC\"\n---\nText.\n",
    );
    let inc = inc.unwrap();
    assert_eq!(inc.impact.started.map(|t| t.to_rfc3339()).as_deref(), Some("2026-10-01T09:45:00+00:00"));
    assert_eq!(inc.impact.resolved.map(|t| t.to_rfc3339()).as_deref(), Some("2026-10-02T07:07:00+00:00"));
    assert!(!codes(&diags).iter().any(|(c, _)| *c == "unknown-key"), "{diags:?}");
}

#[test]
fn a_report_dated_after_its_incident_start_key() {
    let text = "---\ntitle: TLS lost after a recreate\ndate: \"2031-10-02\"\nseverity: high\nstatus: resolved\nincident_start: \"2031-10-01 09:45 UTC\"\nincident_end: \"2031-10-02 07:07 UTC\"\n---\n\nLogins failed.\n";
    let inc = run(text).0.unwrap();
    assert_eq!(inc.date.map(|d| d.to_string()).as_deref(), Some("2031-10-01"));
    assert_eq!(inc.published.map(|d| d.to_string()).as_deref(), Some("2031-10-02"));
    // A start on the same day leaves `date` as it is.
    let inc = run(&text.replace("2031-10-01 09:45", "2031-10-02 01:45")).0.unwrap();
    assert_eq!(inc.date.map(|d| d.to_string()).as_deref(), Some("2031-10-02"));
}
