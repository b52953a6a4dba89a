//! Milestones inferred from whole documents.

use crate::model::Incident;

fn run(text: &str) -> Incident {
    crate::test_support::understand_text(text, "pm.md").0.expect("a document")
}

fn resolved(inc: &Incident) -> String {
    inc.impact.resolved.map(|t| t.to_rfc3339()).unwrap_or_default()
}

#[test]
fn paperwork_alone_gives_way_to_the_end_the_prose_states() {
    let inc = run(
        "# Card payments timing out\n\n## Summary\n\nBetween 11:47 and 12:49 AEST on 14 June 2023, 38% of card payments failed.\n\n## Timeline (all times AEST)\n\n- 11:47 - first card authorisations fail\n- 12:34 - rollback started\n- 13:37 - monitoring period over, incident resolved\n",
    );
    assert_eq!(resolved(&inc), "2023-06-14T12:49:00+10:00");
    // An outage said to be resolved is the end, whatever the prose said before.
    let inc = run(
        "# Inventory down\n\n## Overview\n\nOn July 7th 2020 the service was down from 9:05 AM EST to 9:57 AM EST.\n\n## Timeline\n\n- 9:05 AM EST - crash loop starts\n- 10:25 AM EST - Outage officially resolved\n",
    );
    assert_eq!(resolved(&inc), "2020-07-07T10:25:00-04:00");
}

#[test]
fn a_story_told_with_times_is_summed_up_by_its_opening_range() {
    let inc = run(
        "# Summary of the Block Storage Service Event\n\nWe want to explain the disruption on September 12, 2022. Between 14:02 and 15:40 PDT, some volumes experienced elevated I/O latency and stuck I/O.\n\nAt 14:02 PDT a configuration change reached the switches. At 14:38 PDT engineers correlated the affected cells. At 15:02 PDT engineers started rolling back. By 15:25 PDT latency had returned to normal levels for most volumes, and at 15:40 PDT the last volumes resumed normal operation.\n",
    );
    assert!(inc.timeline.len() >= 3, "{:?}", inc.timeline);
    assert_eq!(inc.impact.started.map(|t| t.to_rfc3339()).as_deref(), Some("2022-09-12T14:02:00-07:00"));
    assert_eq!(resolved(&inc), "2022-09-12T15:40:00-07:00");
}

#[test]
fn the_end_of_impact_said_in_other_words() {
    assert!(super::ends_the_outage("Replication caught up. This was the end of customer-facing impact."));
    assert!(!super::ends_the_outage("We worked until the end of the day."));
}

#[test]
fn a_blog_post_dated_by_the_weekday_its_opening_names() {
    let inc = run(
        "+++\ntitle = \"What happened to images this weekend\"\ndate = 2024-10-28\n+++\n\nShort version: from Saturday evening until Sunday morning, images didn't load.\n",
    );
    assert_eq!(inc.date.map(|d| d.to_string()).as_deref(), Some("2024-10-26"));
    assert_eq!(inc.published.map(|d| d.to_string()).as_deref(), Some("2024-10-28"));
    // The day itself, when the post went out the same day; a weekday
    // after the first paragraph tells the aftermath.
    let inc = run(
        "---\ntitle: Quiz autosave lost answers\ndate: 2023-11-14\n---\n\n## What happened\n\nAround 10:20 ET on Tuesday, students started losing answers.\n\n## Impact\n\n- We reconciled on Saturday.\n",
    );
    assert_eq!(inc.date.map(|d| d.to_string()).as_deref(), Some("2023-11-14"));
    // A weekday beside its date is that date, not the week before.
    let inc = run("---\ndate: 2021-01-30\n---\n# Faults\n\nAt around 14:30 UTC on Saturday 30th January we saw errors.\n");
    assert_eq!(inc.date.map(|d| d.to_string()).as_deref(), Some("2021-01-30"));
}

#[test]
fn the_outage_stated_in_the_opening_starts_the_impact() {
    // The first entry is a cause building up, the wording of the third
    // sounds like the start: the opening sentence says when the outage was.
    let text = "# Flags service outage\n\nOn March 3, 2031, the flags service had an outage lasting 1 hour and 48 minutes, from 16:58 to 18:46 UTC.\n\n## Timeline\n\n- **16:58 UTC** - Database saturation begins\n- **17:02 UTC** - A deploy lowers the connection timeout\n- **17:05 UTC** - Pods begin failing and crash-looping\n- **18:46 UTC** - Service fully recovered\n";
    let inc = run(text);
    assert_eq!(inc.impact.started.map(|t| t.to_rfc3339()).as_deref(), Some("2031-03-03T16:58:00+00:00"));
    assert_eq!(inc.provenance.get("impact.started").and_then(|p| p.line), Some(3));
    // A range in the opening that is not the outage's leaves the timeline's start.
    let inc = run(&text.replace("had an outage lasting 1 hour and 48 minutes, from", "was deployed by the team, which worked from"));
    assert_eq!(inc.impact.started.map(|t| t.to_rfc3339()).as_deref(), Some("2031-03-03T17:05:00+00:00"));
}

#[test]
fn an_outage_said_to_run_from_one_day_until_service_resumed_the_next() {
    let inc = run(
        "# Post-mortem of the September 2 outage\n\nThe homeserver was unavailable from 2031-09-02 17:45 UTC and full service resumed at 2031-09-03 18:00 UTC.\n\n## Timeline\n\nAt 11:03 UTC on Sept 2nd 2031, drives were added to db-02.\n\nAt 17:40 UTC, the wrong volume was wiped.\n\nAt 09:21 UTC the next morning, the restore finished.\n",
    );
    assert_eq!(inc.impact.started.map(|t| t.to_rfc3339()).as_deref(), Some("2031-09-02T17:45:00+00:00"));
    assert_eq!(resolved(&inc), "2031-09-03T18:00:00+00:00");
}

#[test]
fn the_length_the_opening_states_finds_the_entry_that_started_it() {
    let text = "# Service disruption\n\nOn January 29th, 2031 all users were affected for around 1 hour and 45 minutes.\n\n## Timeline (all times UTC)\n\n- 2031-01-29 10:21 UTC: Deploy; lock wait timeouts tracked in the logs\n- 2031-01-29 10:49 UTC: Stop the migration\n- 2031-01-29 12:00 UTC: Users are unable to log in\n- 2031-01-29 12:06 UTC: Service restored\n";
    let inc = run(text);
    assert_eq!(inc.impact.started.map(|t| t.to_rfc3339()).as_deref(), Some("2031-01-29T10:21:00+00:00"));
    // No entry near the end less the length: the timeline's start stays.
    let inc = run(&text.replace("1 hour and 45 minutes", "3 hours"));
    assert_eq!(inc.impact.started.map(|t| t.to_rfc3339()).as_deref(), Some("2031-01-29T12:00:00+00:00"));
}

#[test]
fn the_opening_says_when_it_began_without_an_end() {
    let text = "# Elevated 500 errors\n\nOn Monday, January 20th, 2031 at roughly 17:00 UTC the instance started to experience elevated 500 error levels during maintenance.\n\n## Timeline\n\n- **2031-01-20 18:30 UTC** First confirmation from users of errors\n- **2031-01-20 19:10 UTC** Errors stop; service restored\n";
    let inc = run(text);
    assert_eq!(inc.impact.started.map(|t| t.to_rfc3339()).as_deref(), Some("2031-01-20T17:00:00+00:00"));
    // A start stated later than impact the timeline shows does not move it.
    let inc = run(&text.replace("First confirmation from users of errors", "Builds started failing"));
    let later = run(&text
        .replace("at roughly 17:00 UTC", "at roughly 18:45 UTC")
        .replace("First confirmation from users of errors", "Builds started failing"));
    assert_eq!(inc.impact.started.map(|t| t.to_rfc3339()).as_deref(), Some("2031-01-20T17:00:00+00:00"));
    assert_eq!(later.impact.started.map(|t| t.to_rfc3339()).as_deref(), Some("2031-01-20T18:30:00+00:00"));
}
