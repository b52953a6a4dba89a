use super::*;
use crate::diagnostics::Diagnostic;

pub(super) fn run(text: &str) -> (Option<Incident>, Vec<Diagnostic>) {
    crate::test_support::understand_text(text, "2024/2024-03-05-db.md")
}

pub(super) fn codes(d: &[Diagnostic]) -> Vec<(&'static str, usize)> {
    d.iter().map(|d| (d.code, d.line)).collect()
}

#[test]
fn front_matter_fills_the_model() {
    let (inc, diags) = run(
        "---\nid: PM-1\ntitle: DB down\nseverity: sev2\nstatus: resolved\nservices: [db, api]\ntimezone: PST\nimpact:\n  started: 2024-03-05 09:00\n  detected: 2024-03-05 09:14\n  mitigated: 2024-03-05 18:00 UTC\n  resolved: 2024-03-05 11:00 PST\ntimeline:\n  - at: '23:50'\n    kind: alert\n    text: Disk alert\n  - at: '00:10'\n    text: Failover\naction_items:\n  - title: Add alert\n    owner: sre\n    status: Done\n    due: 2024-04-01\n---\n# Ignored title\n\n## Impact\n\nBad.\n",
    );
    assert!(diags.is_empty(), "{diags:?}");
    let inc = inc.unwrap();
    assert_eq!(inc.severity.as_deref(), Some("SEV-2"));
    assert_eq!(inc.severity_rank, Some(2));
    assert_eq!(inc.date, NaiveDate::from_ymd_opt(2024, 3, 5));
    assert_eq!(inc.impact.started.unwrap().to_rfc3339(), "2024-03-05T09:00:00-08:00");
    assert_eq!(inc.durations.time_to_detect, Some(14 * 60));
    assert_eq!(inc.durations.time_to_mitigate, Some(3600), "explicit UTC beats the document zone");
    assert_eq!(inc.timeline[1].at.unwrap().to_rfc3339(), "2024-03-06T00:10:00-08:00", "rolls over midnight");
    assert_eq!(inc.action_items[0].status, ActionStatus::Done);
    assert_eq!(inc.sections[0].role.as_deref(), Some("impact"));
    assert_eq!(inc.provenance["impact.detected"].line, Some(10));
    assert_eq!(inc.slug, "pm-1");
}

#[test]
fn toml_front_matter_is_equivalent() {
    let (inc, diags) = run(
        "+++\ntitle = \"T\"\ndate = 2024-03-05\nseverity = \"SEV-1\"\n\n[impact]\nstarted = 2024-03-05T09:00:00Z\n\n[[timeline]]\nat = \"09:30\"\nkind = \"mitigation\"\ntext = \"rolled back\"\n+++\nBody\n",
    );
    assert!(diags.is_empty(), "{diags:?}");
    let inc = inc.unwrap();
    assert_eq!(inc.impact.mitigated.unwrap().to_rfc3339(), "2024-03-05T09:30:00+00:00");
    assert_eq!(inc.provenance["impact.mitigated"].from, "timeline");
    assert_eq!(inc.status, Some(Status::Mitigated));
    assert_eq!(inc.id, "2024-03-05-db");
}

#[test]
fn mistakes_are_located() {
    let (_, diags) = run(
        "---\ntitle: x\nsevrity: SEV-1\nseverity: SEV-9\nstatus: done-ish\nimpact:\n  started: 2023-02-30 10:00 UTC\n  detected: 2024-01-01 10:00 XYZ\ntimeline:\n  - at: 10:00\n    kind: bogus\n    txt: hi\naction_items:\n  - owner: me\n    due: 2024-13-01\n---\n",
    );
    assert_eq!(
        codes(&diags),
        [
            ("unknown-key", 3),
            ("invalid-date", 7),
            ("unknown-zone", 8),
            ("unknown-key", 12),
            ("invalid-value", 11),
            ("missing-field", 10),
            ("unknown-severity", 4),
            ("invalid-value", 5),
            ("missing-field", 14),
            ("invalid-date", 15),
        ]
    );
    assert_eq!(diags[0].help.as_deref(), Some("did you mean `severity`?"));
}

#[test]
fn no_front_matter_takes_title_and_date_from_the_file() {
    let (inc, diags) = run("# Database outage\n\nSome text.\n");
    assert!(diags.is_empty());
    let inc = inc.unwrap();
    assert_eq!(inc.title, "Database outage");
    assert_eq!(inc.date, NaiveDate::from_ymd_opt(2024, 3, 5));
    assert_eq!(inc.provenance["date"].from, "file-name");
}

#[test]
fn dates_in_file_names() {
    assert_eq!(date_in_file_name("2019-01-23"), NaiveDate::from_ymd_opt(2019, 1, 23));
    assert_eq!(date_in_file_name("20190123-db"), NaiveDate::from_ymd_opt(2019, 1, 23));
    assert_eq!(date_in_file_name("PM2021-004 - ADFS outage"), None);
    assert_eq!(date_in_file_name("01494547-7ee9-4169"), None);
    // A dashed date anywhere, after a long slug or a source prefix.
    assert_eq!(date_in_file_name("chat-service-outage-postmortem-2019-11-19"), NaiveDate::from_ymd_opt(2019, 11, 19));
    assert_eq!(date_in_file_name("monero-project-monero-site__2019-11-19-warning"), NaiveDate::from_ymd_opt(2019, 11, 19));
    // Eight digits only near the start (a hash or build number later is not a date).
    assert_eq!(date_in_file_name("incident-report-for-the-build-20190123"), None);
}

#[test]
fn midnight_rollover_follows_the_wall_clock_across_a_dst_change() {
    // 2019-11-03: US clocks went back at 02:00, so 00:26 on that day was
    // PDT, and 23:55 PST that evening is more than 24 hours after it.
    let (inc, diags) = run(
        "---\nid: PM-2\ntitle: Late night\ndate: 2019-11-03\ntimezone: PST\ntimeline:\n  - at: '21:45'\n    text: Deploy\n  - at: '23:55'\n    text: Alert\n  - at: '00:26'\n    text: Paged\n---\n",
    );
    assert!(diags.is_empty(), "{diags:?}");
    let at: Vec<String> = inc.unwrap().timeline.iter().map(|e| e.at.unwrap().to_rfc3339()).collect();
    assert_eq!(at, ["2019-11-03T21:45:00-08:00", "2019-11-03T23:55:00-08:00", "2019-11-04T00:26:00-08:00"]);
}

#[test]
fn generic_first_headings_and_breadcrumbs_are_not_titles() {
    let (inc, _) =
        run("Team space\nIncidents\n\n# Post mortem\n\n## Payment queue stalled for an hour\n\n## Summary\n\nThe queue stalled.\n");
    assert_eq!(inc.unwrap().title, "Payment queue stalled for an hour");
    let (inc, _) = run("## March 3, 2024 incident report\n\nThe API was down.\n\n## Timeline\n\n- 10:00 UTC down\n");
    assert_eq!(inc.unwrap().title, "March 3, 2024 incident report");
    let (inc, _) = run("# 2024-04-04-05; OPS-12 Dev cluster downtime\n\nText.\n");
    assert_eq!(inc.unwrap().title, "OPS-12 Dev cluster downtime");
}

#[test]
fn a_reopening_is_no_start_on_the_documents_clock() {
    // A status page without a zone whose only impact is the reopening:
    // its front matter's opening time stays the start, and the resolution
    // the end.
    let inc = without_any_zone(
        "x.md",
        "---\ntitle: Service disruption\ndate: 2031-03-02 09:09:00\nresolvedWhen: 2031-03-02 09:50:00\n---\n\n**Reopened**\nFailures are back up.\n{{< track \"2031-03-02 10:30:00\" >}}\n\n**Resolved**:\nFixed.\n{{< track \"2031-03-02 09:50:00\" >}}\n\n**Investigating**\nLooking into it.\n{{< track \"2031-03-02 09:10:00\" >}}\n",
    );
    assert_eq!(inc.impact.local.started.map(|t| t.to_string()).as_deref(), Some("2031-03-02 09:09:00"));
    assert_eq!(inc.impact.local.resolved.map(|t| t.to_string()).as_deref(), Some("2031-03-02 09:50:00"));
}

/// `text` as `content/NAME` of an archive whose configuration sets no zone.
fn without_any_zone(name: &str, text: &str) -> crate::model::Incident {
    let mut cfg = Config::defaults_at(Path::new("."));
    cfg.time.default_zone = None;
    let zones = ZoneTable::new(&cfg.time.zones);
    let path = format!("content/{name}");
    let doc = SourceDoc { path: path.clone().into(), display: path.into(), text: text.into() };
    understand(&doc, Path::new(name), &cfg, &zones).document.unwrap().incident
}

#[test]
fn wall_clock_milestones_without_any_zone() {
    let inc = without_any_zone(
        "2016-02-11-x.md",
        "# Booking outage\n\n## What happened\n\n- 10.42: the booking service became unavailable\n- 10.46: engineers were alerted\n- 10.56: the platform auto-healed and the service was available again\n",
    );
    assert_eq!(inc.impact.started, None, "no instant is invented");
    assert_eq!(inc.impact.local.started.map(|t| t.to_string()).as_deref(), Some("2016-02-11 10:42:00"));
    assert_eq!(inc.impact.local.resolved.map(|t| t.to_string()).as_deref(), Some("2016-02-11 10:56:00"));
}

#[test]
fn a_typo_a_minute_back_is_not_the_next_day() {
    // Front-matter timeline: 10:31 after 10:32 stays on the day (and `check`
    // warns `timeline-order`); 00:05 after 22:00 is after midnight.
    let (inc, _) = run(
        "---\ntitle: Queue stall\ndate: 2024-03-05\ntimeline:\n  - at: '10:32'\n    text: Alert\n  - at: '10:31'\n    text: Typo\n  - at: '22:00'\n    text: Late fix\n  - at: '00:05'\n    text: Verified\n---\n",
    );
    let inc = inc.unwrap();
    let at: Vec<String> = inc.timeline.iter().map(|e| e.at.unwrap().to_rfc3339()).collect();
    assert_eq!(at, ["2024-03-05T10:32:00+00:00", "2024-03-05T10:31:00+00:00", "2024-03-05T22:00:00+00:00", "2024-03-06T00:05:00+00:00"]);
    assert_eq!(inc.timeline.iter().map(|e| e.after_midnight).collect::<Vec<_>>(), [false, false, false, true]);
    let findings = crate::check::check_incident(&inc);
    assert!(findings.iter().any(|d| d.code == "timeline-order" && d.line == 7), "{findings:?}");
}

#[test]
fn a_date_line_later_than_the_timeline_is_the_publication_date() {
    let (inc, _) = run(
        "# Queue stall\n\nDate: March 12, 2024\n\n## Timeline\n\n### March 4, 2024: what happened\n\n- 10:00 UTC queue stalls\n- 11:00 UTC queue drains\n",
    );
    let inc = inc.unwrap();
    assert_eq!(inc.date, NaiveDate::from_ymd_opt(2024, 3, 4));
    assert_eq!(inc.published, NaiveDate::from_ymd_opt(2024, 3, 12));
}

#[test]
fn a_date_line_above_a_story_of_an_earlier_day_is_the_report_date() {
    let text = "# Stuck transactions\n\nDate: 2025-02-12\n\nStatus: DONE\n\n### Summary:\nOn February 9th, 2025 two users submitted a burn request that never cleared.\n\n### Timeline\n\n- 2025-02-10 09:00 UTC users report\n- 2025-02-13 10:00 UTC transactions completed\n";
    let inc = run(text).0.unwrap();
    assert_eq!((inc.date, inc.published), (NaiveDate::from_ymd_opt(2025, 2, 9), NaiveDate::from_ymd_opt(2025, 2, 12)));
    // A story told on the same day, or months before, leaves the line's date.
    let inc = run(&text.replace("February 9th, 2025", "February 12th, 2025")).0.unwrap();
    assert_eq!((inc.date, inc.published), (NaiveDate::from_ymd_opt(2025, 2, 12), None));
    let inc = run(&text.replace("February 9th, 2025", "October 9th, 2024")).0.unwrap();
    assert_eq!(inc.date, NaiveDate::from_ymd_opt(2025, 2, 12));
}

#[test]
fn a_post_dated_by_its_file_name_names_the_weekday_it_happened() {
    // 2031-08-02 is a Saturday; the post's file name says Tuesday 5 August.
    let text = "---\ntitle: Our domain expired\nlayout: post\n---\n\nIt's Saturday evening. Dinner is nearly ready when the phone buzzes.\n\nEverything was down.\n";
    let (inc, _) = crate::test_support::understand_text(text, "_posts/2031-08-05-domain-expired.md");
    let inc = inc.unwrap();
    assert_eq!((inc.date, inc.published), (NaiveDate::from_ymd_opt(2031, 8, 2), NaiveDate::from_ymd_opt(2031, 8, 5)));
    // Without a weekday, the file name's date is the incident's.
    let (inc, _) =
        crate::test_support::understand_text(&text.replace("It's Saturday evening. ", ""), "_posts/2031-08-05-domain-expired.md");
    assert_eq!(inc.unwrap().date, NaiveDate::from_ymd_opt(2031, 8, 5));
}

#[test]
fn a_title_dated_the_day_the_timeline_opens() {
    let text = "# 2031-07-02 CI outage postmortem\n\n## Timeline\n\n| Datetime (UTC) | Description |\n| --- | --- |\n| 2031-07-02 07:48 | CI outage reported. |\n| 2031-07-03 05:13 | Merge jobs started failing. |\n| 2031-07-06 04:26 | Tree re-opened. |\n";
    let inc = run(text).0.unwrap();
    assert_eq!(inc.date, NaiveDate::from_ymd_opt(2031, 7, 2));
    // A title day the timeline does not open on gives way to the entry
    // where impact starts.
    let inc = run(&text.replace("# 2031-07-02", "# 2031-06-20")).0.unwrap();
    assert_eq!(inc.date, NaiveDate::from_ymd_opt(2031, 7, 3));
}

#[test]
fn a_template_entry_sets_no_milestone() {
    let (inc, _) = run(
        "---\ntitle: Checkout 502s\ndate: 2024-03-05\ntimezone: UTC\ntimeline:\n  - at: \"00:00\"\n    kind: impact\n    text: What happened.\n---\n",
    );
    let inc = inc.unwrap();
    assert_eq!(inc.timeline.len(), 1, "the entry is kept, and `check` reports it");
    assert_eq!(inc.impact.started, None);
}

#[test]
fn dates_under_other_names_and_in_the_opening_paragraph() {
    let (inc, _) = run(
        "# Webhooks delayed\n\nWebhook deliveries to merchants were delayed.\n\n**Incident date:** Tuesday, October 14, 2025\n\n## Timeline\n\n- 22:40 UTC Queue depth climbs\n",
    );
    let inc = inc.unwrap();
    assert_eq!(inc.date, NaiveDate::from_ymd_opt(2025, 10, 14));
    assert_eq!(inc.timeline[0].at.unwrap().to_rfc3339(), "2025-10-14T22:40:00+00:00");
    let (inc, _) =
        run("# Failover\n\nOn 2025-02-20 we lost the primary database for the orders service.\n\n## Timeline\n\n- 09:14 UTC Alert fires\n");
    let inc = inc.unwrap();
    assert_eq!(inc.date, NaiveDate::from_ymd_opt(2025, 2, 20));
    assert_eq!(inc.timeline[0].at.unwrap().to_rfc3339(), "2025-02-20T09:14:00+00:00");
    assert_eq!(inc.provenance["date"].line, Some(3));
}

#[test]
fn the_impact_section_says_when_impact_was() {
    let (inc, _) = run(
        "# Checkout errors\n\nDate: 2025-05-01\n\n## Impact\n\nBetween 14:02 and 14:47 UTC, 12% of checkout requests failed.\n\n## Timeline\n\n- 13:50 UTC Deploy starts and errors begin\n- 14:47 UTC Error rate back to normal\n- 15:30 UTC Incident resolved and closed\n",
    );
    let inc = inc.unwrap();
    assert_eq!(inc.impact.started.unwrap().to_rfc3339(), "2025-05-01T14:02:00+00:00");
    assert_eq!(inc.impact.resolved.unwrap().to_rfc3339(), "2025-05-01T14:47:00+00:00");
}

#[test]
fn a_range_in_the_impact_section_with_its_day_after_it() {
    let (inc, _) = run(
        "# Storefront down\n\nDate: 2025-06-11\n\n## Impact\n\n- From 00:00 to 01:09 JST on June 12, the storefront was effectively unusable.\n\n## Timeline\n\n- 2025-06-11 23:40 JST Deploy starts\n- 2025-06-12 01:40 JST Incident closed\n",
    );
    let inc = inc.unwrap();
    assert_eq!(inc.impact.started.unwrap().to_rfc3339(), "2025-06-12T00:00:00+09:00");
    assert_eq!(inc.impact.resolved.unwrap().to_rfc3339(), "2025-06-12T01:09:00+09:00");
}

#[test]
fn fields_under_their_own_headings_and_in_html_lines() {
    let (inc, _) = run(
        "# Tile server overload\n\n### Date\n\n2025-01-14\n\n### Authors\n\n- jvogel, ekaplan\n\n### Summary\n\nTiles failed to render.\n\n## Timeline\n\n- 09:55 UTC Traffic surge begins\n",
    );
    let inc = inc.unwrap();
    assert_eq!(inc.date, NaiveDate::from_ymd_opt(2025, 1, 14));
    assert_eq!(inc.authors, ["jvogel", "ekaplan"]);
    assert_eq!(inc.timeline[0].at.unwrap().to_rfc3339(), "2025-01-14T09:55:00+00:00");
    // `Incident date(s)` over a range of days: the first.
    let (inc, _) =
        run("# CVE post-mortem\n\n## Incident date(s)\n\n2031-02-18 - 2031-04-05\n\n## Summary\n\nA release was issued on 2031-04-05.\n");
    assert_eq!(inc.unwrap().date, NaiveDate::from_ymd_opt(2031, 2, 18));
    let (inc, _) = run(
        "# SSO outage\n\n<p><strong>Owner:</strong> IT Platform &nbsp;|&nbsp; <strong>Incident date:</strong> 2024-05-02 &nbsp;|&nbsp; <strong>Jira:</strong> IT-447</p>\n\n## Timeline\n\n- 06:00 UTC Certificate rotated\n",
    );
    assert_eq!(inc.unwrap().date, NaiveDate::from_ymd_opt(2024, 5, 2));
    let (inc, _) =
        run("# SSO outage\n\n**Severity:** SEV-2 | **Incident date:** 2024-05-02\n\n## Timeline\n\n- 06:00 UTC Certificate rotated\n");
    let inc = inc.unwrap();
    assert_eq!((inc.date, inc.severity.as_deref()), (NaiveDate::from_ymd_opt(2024, 5, 2), Some("SEV-2")));
}

#[test]
fn a_status_page_history_is_the_timeline_and_dates_the_impact_range() {
    let (inc, _) = run(
        "# Payments delayed\n\n### Resolved\n\nThis incident has been resolved.\n\nJun 12, 2031 - 14:25 AEST\n\n### Monitoring\n\nA fix has been deployed.\n\nJun 12, 2031 - 12:58 AEST\n\n### Investigating\n\nPayments stay in Processing.\n\nJun 12, 2031 - 10:31 AEST\n\n## Post-incident review\n\n### Customer impact\n\nBetween 09:58 and 12:55 AEST, payments were accepted but not sent.\n",
    );
    let inc = inc.unwrap();
    let at: Vec<String> = inc.timeline.iter().map(|e| e.at.unwrap().to_rfc3339()).collect();
    assert_eq!(at, ["2031-06-12T10:31:00+10:00", "2031-06-12T12:58:00+10:00", "2031-06-12T14:25:00+10:00"]);
    assert_eq!(inc.impact.started.unwrap().to_rfc3339(), "2031-06-12T09:58:00+10:00");
    assert_eq!(inc.impact.resolved.unwrap().to_rfc3339(), "2031-06-12T12:55:00+10:00");
}

#[test]
fn a_status_page_was_opened_once_users_were_hit() {
    let (inc, _) = run(
        "+++\ntitle = \"Service Disruption US_WEST\"\ndate = 2031-02-23T13:25:00.000Z\nresolved = false\n+++\nWe are seeing elevated error rates.\n\n**Identified:** The cache instance is down and errors are high. {{< track \"2031-02-23T13:40:00.000Z\" >}}\n",
    );
    assert_eq!(inc.unwrap().impact.started.unwrap().to_rfc3339(), "2031-02-23T13:25:00+00:00");
}

#[test]
fn closing_the_incident_is_not_the_end_of_impact() {
    let (inc, _) = run(
        "# Queue stall\n\nDate: 2025-03-04\n\n## Timeline\n\n- 08:10 UTC Poison message moved away\n- 09:20 UTC Service restored\n- 11:00 UTC Incident closed after reconciling\n",
    );
    assert_eq!(inc.unwrap().impact.resolved.unwrap().to_rfc3339(), "2025-03-04T09:20:00+00:00");
    // Alone, it still ends the incident.
    let (inc, _) =
        run("# Queue stall\n\nDate: 2025-03-04\n\n## Timeline\n\n- 08:10 UTC Poison message moved away\n- 11:00 UTC Incident closed\n");
    assert_eq!(inc.unwrap().impact.resolved.unwrap().to_rfc3339(), "2025-03-04T11:00:00+00:00");
}

#[test]
fn a_publication_line_is_not_the_incident_date_but_gives_the_title_its_year() {
    let (inc, _) = run(
        "# Delayed confirmations on March 3–4\n\nPublished March 7, 2025 by the Brokerage Platform team\n\n## What happened\n\nConfirmations were delayed.\n\n## Timeline\n\nAll times UTC.\n\n### March 3\n\n- 10:12 Partition 7 stops advancing\n",
    );
    let inc = inc.unwrap();
    assert_eq!(inc.date, NaiveDate::from_ymd_opt(2025, 3, 3));
    assert_eq!(inc.published, NaiveDate::from_ymd_opt(2025, 3, 7));
    assert_eq!(inc.timeline[0].at.unwrap().to_rfc3339(), "2025-03-03T10:12:00+00:00");
    assert_ne!(inc.summary.as_deref(), Some("Published March 7, 2025 by the Brokerage Platform team"));
}

#[test]
fn an_incident_tools_key_timestamps_give_the_impact_window() {
    let (inc, _) = run(
        "# INC-1234: Elevated 5xx on checkout\n\n| Field | Value |\n|---|---|\n| Severity | Major |\n| Reported at | 2025-05-02 06:12 UTC |\n| Impact started at | 2025-05-02 05:58 UTC |\n| Fixed at | 2025-05-02 07:40 UTC |\n\n## Timeline\n\n- 06:12 UTC Reported by support\n- 09:00 UTC Incident resolved\n",
    );
    let inc = inc.unwrap();
    assert_eq!(inc.impact.started.unwrap().to_rfc3339(), "2025-05-02T05:58:00+00:00");
    assert_eq!(inc.impact.resolved.unwrap().to_rfc3339(), "2025-05-02T07:40:00+00:00");
    let (inc, _) = run(
        "# Checkout errors\n\nDate: 2025-05-02\n\n## Key timestamps\n\n- **Impact started:** 05:58 UTC\n- **Impact ended:** 07:40 UTC\n\n## Root cause\n\nA bad deploy.\n",
    );
    let inc = inc.unwrap();
    assert_eq!(inc.impact.started.unwrap().to_rfc3339(), "2025-05-02T05:58:00+00:00");
    assert_eq!(inc.impact.resolved.unwrap().to_rfc3339(), "2025-05-02T07:40:00+00:00");
    // A report form's `Occurrence` and `Recovery`.
    let (inc, _) = run(
        "# Settlement batch delayed\n\n| Item | Detail |\n|---|---|\n| Occurrence | 2024-11-06 01:30 JST |\n| Recovery | 2024-11-06 08:40 JST |\n\n## Timeline (JST)\n\n| Date/Time | Event |\n|---|---|\n| 2024-11-06 02:10 | Step 3 still running |\n| 2024-11-06 09:15 | Portal status updated; incident closed |\n",
    );
    let inc = inc.unwrap();
    assert_eq!(inc.impact.started.unwrap().to_rfc3339(), "2024-11-06T01:30:00+09:00");
    assert_eq!(inc.impact.resolved.unwrap().to_rfc3339(), "2024-11-06T08:40:00+09:00");
}

#[test]
fn four_digit_ranges_with_a_zone() {
    let (inc, _) =
        run("# OTP delays\n\nDate: 2025-03-12\n\n## Impact\n\n- OTP messages were delayed.\n- Impact window: 0925 to 1140 IST.\n");
    let inc = inc.unwrap();
    assert_eq!(inc.impact.started.unwrap().to_rfc3339(), "2025-03-12T09:25:00+05:30");
    assert_eq!(inc.impact.resolved.unwrap().to_rfc3339(), "2025-03-12T11:40:00+05:30");
    // Years are not times.
    let (inc, _) = run("# Old bug\n\nDate: 2025-03-12\n\n## Impact\n\nThe bug was present from 1999 to 2004 in every release.\n");
    assert_eq!(inc.unwrap().impact.started, None);
}

#[test]
fn a_bylines_year_dates_the_day_the_opening_paragraph_names() {
    let (inc, _) = run(
        "# How an index change took down our dashboards\n\n*By Marcus Webb, Staff Engineer · Engineering Blog · September 2031*\n\nOn Thursday, September 19, customers saw dashboards fail to load.\n\n## Timeline (EDT)\n\n- **1:47 p.m.** — Timeouts begin.\n",
    );
    let inc = inc.unwrap();
    assert_eq!(inc.date, NaiveDate::from_ymd_opt(2031, 9, 19));
    assert_eq!(inc.summary.as_deref(), Some("On Thursday, September 19, customers saw dashboards fail to load."));
    assert_eq!(inc.timeline[0].at.unwrap().to_rfc3339(), "2031-09-19T13:47:00-04:00");
}

#[test]
fn a_summary_sentence_that_opens_with_when() {
    let (inc, _) = run(
        "# Pushes duplicated\n\nDate: 2031-04-27\n\n## Incident summary\n\nBetween 07:14 and 08:36 PDT on April 27, users received the same push several times.\n\n## Timeline\n\n- 07:12 PDT Quorum lost during patching\n- 09:10 PDT Incident closed\n",
    );
    assert_eq!(inc.unwrap().impact.started.unwrap().to_rfc3339(), "2031-04-27T07:14:00-07:00");
}

#[test]
fn military_hours_dates_at_times_and_zones_after_dotted_markers() {
    let (inc, _) = run(
        "# UPI failures\n\nDate: 2024-01-18\n\n## Sequence of events (IST)\n\n- 1105 hrs: Success rate starts dropping.\n- 1306 hrs: Success rate back to normal.\n",
    );
    let inc = inc.unwrap();
    assert_eq!(inc.impact.started.unwrap().to_rfc3339(), "2024-01-18T11:05:00+05:30");
    assert_eq!(inc.timeline[1].text, "Success rate back to normal.");
    let (inc, _) = run(
        "# VM start failures\n\n## Timeline\n\n- 09 March 2024 @ 12:58 UTC – Config deployed.\n- 09 March 2024 @ 13:42 UTC – Customer impact began.\n",
    );
    let inc = inc.unwrap();
    assert_eq!(inc.timeline[1].at.unwrap().to_rfc3339(), "2024-03-09T13:42:00+00:00");
    assert_eq!(inc.timeline[1].text, "Customer impact began.");
    let (inc, _) = run("# Huddle outage of February 22, 2022\n\nAt 6:57 a.m. PST, the error rate for loading channel history crept up.\n");
    assert_eq!(inc.unwrap().impact.started.unwrap().to_rfc3339(), "2022-02-22T06:57:00-08:00");
}

#[test]
fn a_range_whose_ends_name_their_days() {
    let (inc, _) = run(
        "# Incident 2024-04-06: DB failover loop\n\n## Impact\n\nBetween 23:41 on 6 April and 02:10 on 7 April (UTC), about 12% of requests failed.\n",
    );
    let inc = inc.unwrap();
    assert_eq!(inc.impact.started.unwrap().to_rfc3339(), "2024-04-06T23:41:00+00:00");
    assert_eq!(inc.impact.resolved.unwrap().to_rfc3339(), "2024-04-07T02:10:00+00:00");
}

#[test]
fn a_permalinks_date_and_no_link_for_a_summary() {
    let (inc, _) = run(
        "# Search latency degradation\n\nhttps://engineering.example.dev/2023/08/14/search-latency-postmortem/\n\n## Timeline (all times UTC)\n\n- 08:03:40 — p95 latency crosses 1 s.\n",
    );
    let inc = inc.unwrap();
    assert_eq!(inc.date, NaiveDate::from_ymd_opt(2023, 8, 14));
    assert_eq!(inc.timeline[0].at.unwrap().to_rfc3339(), "2023-08-14T08:03:40+00:00");
    assert_eq!(inc.summary, None);
}

#[test]
fn report_dates_in_lead_lines_are_not_the_incident_date() {
    let (inc, _) = run(
        "# PIR – Block Storage latency\n\n*Tracking ID: NB3 · Nimbra Cloud · Published 21 November 2031*\n\n## Summary of impact\n\nBetween 07:48 UTC and 10:21 UTC on 14 November 2031, volumes were slow.\n",
    );
    let inc = inc.unwrap();
    assert_eq!((inc.date, inc.published), (NaiveDate::from_ymd_opt(2031, 11, 14), NaiveDate::from_ymd_opt(2031, 11, 21)));
    for lead in
        ["Prepared by the Platform team — 9 December 2031", "Ops · Generated Tue, 9 Dec 2031 17:02 UTC", "Mart · Written 2031.12.09"]
    {
        let (inc, _) = run(&format!(
            "# On-sale report\n\n{lead}\n\n## Background\n\nTickets went on sale at 8.00pm UTC on Thursday 4 December 2031.\n"
        ));
        let inc = inc.unwrap();
        assert_eq!((inc.date, inc.published), (NaiveDate::from_ymd_opt(2031, 12, 4), NaiveDate::from_ymd_opt(2031, 12, 9)), "{lead}");
    }
}

#[test]
fn a_status_page_history_with_a_stated_window() {
    let (inc, _) = run(
        "# Tracking delays\n\n**Investigating** · Oct 8, 2031 · 16:42 CEST\n\nWe see delays.\n\n**Resolved** · Oct 8, 2031 · 19:02 CEST\n\nResolved.\n\n## Post-mortem\n\nOn 8 October, between 16:20 and 17:48 CEST, tracking events were delayed.\n",
    );
    let inc = inc.unwrap();
    assert_eq!(inc.timeline.len(), 2);
    let window = (inc.impact.started.map(|t| t.to_rfc3339()), inc.impact.resolved.map(|t| t.to_rfc3339()));
    assert_eq!(window, (Some("2031-10-08T16:20:00+02:00".into()), Some("2031-10-08T17:48:00+02:00".into())));
}

#[test]
fn day_first_documents_and_ranges_with_an_aside() {
    let (inc, _) = run(
        "# Settlements late\n\n**Incident date:** 11/06/2031\n**Review:** 14/06/2031\n\n## Impact\n\nFrom 06:00, when balances are normally shown, until 14:30, when payouts were released, merchants saw old balances.\n\n## Timeline\n\nAll times in Brasília time (BRT, UTC−3).\n\n| When | What |\n|---|---|\n| **Tue 10 Jun** | |\n| 23:50 | Job starts. |\n| **Wed 11 Jun** | |\n| 00:20 | Job killed. |\n",
    );
    let inc = inc.unwrap();
    assert_eq!(inc.date, NaiveDate::from_ymd_opt(2031, 6, 11));
    let window = (inc.impact.started.map(|t| t.to_rfc3339()), inc.impact.resolved.map(|t| t.to_rfc3339()));
    assert_eq!(window, (Some("2031-06-11T06:00:00-03:00".into()), Some("2031-06-11T14:30:00-03:00".into())));
    assert_eq!(inc.timeline[0].at.map(|t| t.to_rfc3339()), Some("2031-06-10T23:50:00-03:00".into()));
}

#[test]
fn the_impact_section_states_the_window_after_a_lead_that_mentions_times() {
    // The title looks like a section name (`What went wrong…`); the lead
    // names the planned window; the impact section states the real one,
    // with weekdays after its times.
    let (inc, _) = run(
        "# What went wrong during our February 11, 2031 maintenance\n\nWe told you the window would run from 9 to 11 PM Pacific. Instead, editing was broken until 2:21 on Monday morning.\n\n## Who was affected\n\nFrom 10:40 PM Sunday to 2:21 AM Monday Pacific, edits were slow or failed.\n",
    );
    let inc = inc.unwrap();
    let window = (inc.impact.started.map(|t| t.to_rfc3339()), inc.impact.resolved.map(|t| t.to_rfc3339()));
    assert_eq!(window, (Some("2031-02-11T22:40:00-08:00".into()), Some("2031-02-12T02:21:00-08:00".into())));
}

#[test]
fn fields_side_by_side_on_one_line() {
    // Bold keys parted by spaces, as a document's table-less header exports.
    let (inc, _) = run(
        "**Postmortem: Index backlog**\n\n**Status:** Final    **Owner:** Jo Weber    **Incident date:** 2024-01-23    **Severity:** SEV-2\n\n# Summary\n\nSearch was stale.\n",
    );
    let inc = inc.unwrap();
    assert_eq!(inc.date, NaiveDate::from_ymd_opt(2024, 1, 23));
    assert_eq!(inc.authors, ["Jo Weber"]);
    assert_eq!(inc.status.map(|s| s.as_str()), Some("closed"));
    // Fields as a list under the title.
    let (inc, _) = run(
        "# Push notifications lost (Nov 14)\n\n- **Incident:** INC-9\n- **When:** Thursday, November 14, 2024, evening\n- **Severity:** SEV-2\n\n## What happened\n\nA key was revoked.\n",
    );
    assert_eq!(inc.unwrap().date, NaiveDate::from_ymd_opt(2024, 11, 14));
    // Plain keys parted by a tab.
    let (inc, _) = run("# Outage\n\nOwner: Jo Weber\tIncident date: 2024-01-24\n\n## Summary\n\nSearch was stale.\n");
    let inc = inc.unwrap();
    assert_eq!(inc.date, NaiveDate::from_ymd_opt(2024, 1, 24));
    assert_eq!(inc.authors, ["Jo Weber"]);
}

#[test]
fn day_first_dashes_bylines_banners_and_key_notes() {
    let (inc, _) = run("# Outage\n\nDate of incident: 22-08-2024\n\n## Timeline\n\n- 10:00 UTC Links down\n");
    assert_eq!(inc.unwrap().date, NaiveDate::from_ymd_opt(2024, 8, 22));
    let (inc, _) = run("# Outage\n\n*Written by H · Incident date: 2024-09-26*\n\n## Timeline\n\n- 10:00 UTC Links down\n");
    assert_eq!(inc.unwrap().date, NaiveDate::from_ymd_opt(2024, 9, 26));
    let (inc, _) =
        run("# Outage\n\n**IT Services – Incident report**\nDate of disruption: 2024-03-14\n\n## Timeline\n\n- 10:00 UTC Links down\n");
    assert_eq!(inc.unwrap().date, NaiveDate::from_ymd_opt(2024, 3, 14));
    let (inc, _) =
        run("# Outage\n\n| Field | Value |\n|---|---|\n| Incident start (UTC) | 2024-07-18 06:12 |\n\n## Root cause\n\nA bad key.\n");
    assert_eq!(inc.unwrap().impact.started.unwrap().to_rfc3339(), "2024-07-18T06:12:00+00:00");
}

#[test]
fn times_at_the_end_of_entries_and_a_bold_first_line_for_a_title() {
    let (inc, _) = run(
        "**Incident Report: Delayed payment webhooks**\n\nDate: 2024-05-02\n\n## Timeline\n\n1. Service v7.4 deployed (08:55 UTC)\n2. First errors reported (09:03 UTC)\n3. Revert deployed — 10:21 UTC\n\n## Follow-up\n\n| Ref | Action | Owner | Target date |\n|---|---|---|---|\n| RA-1 | Reclassify rotation | Ops | 2024-08-15 |\n",
    );
    let inc = inc.unwrap();
    assert_eq!(inc.title, "Incident Report: Delayed payment webhooks");
    let at: Vec<String> = inc.timeline.iter().map(|e| e.at.unwrap().to_rfc3339()).collect();
    assert_eq!(at, ["2024-05-02T08:55:00+00:00", "2024-05-02T09:03:00+00:00", "2024-05-02T10:21:00+00:00"]);
    assert_eq!(inc.timeline[2].text, "Revert deployed");
}

#[test]
fn a_zone_spelled_out_in_the_heading_and_status_page_updates() {
    let (inc, _) = run(
        "# iOS logins\n\nDate: 2024-06-05\n\n## Timeline (Pacific Daylight Time)\n\n| Time | Event |\n|---|---|\n| 7:52 a.m. | iOS logins start failing |\n| 9:41 a.m. | Logins back to normal |\n| 10:30 a.m. | Status page updated to Resolved. |\n",
    );
    let inc = inc.unwrap();
    assert_eq!(inc.timeline[0].at.unwrap().to_rfc3339(), "2024-06-05T07:52:00-07:00");
    assert_eq!(inc.timeline[2].kind, Some(EventKind::Comms));
    assert_eq!(inc.impact.resolved.unwrap().to_rfc3339(), "2024-06-05T09:41:00-07:00");
}

#[test]
fn a_plain_text_report_with_an_organisation_line_and_bare_section_names() {
    let (inc, _) = run(
        "Acme Engineering — Incident Post-Mortem\n\nCheckout requests timing out for card payments\n\nIncident date: 19 Jan 2024\n\nSummary\n\nCheckout timed out for card payments.\n\nRoot cause\n\nA stalled rollout left two pods on an old certificate.\n\nAction items\n\n| # | Action item | Owner |\n|---|---|---|\n| 1 | Page when a rollout stalls | Arjun |\n| 2 | Check TLS in the health check | Sneha |\n",
    );
    let inc = inc.unwrap();
    assert_eq!(inc.title, "Checkout requests timing out for card payments");
    assert_eq!(inc.action_items.len(), 2);
    assert_eq!(inc.root_cause.as_deref(), Some("A stalled rollout left two pods on an old certificate."));
}

#[test]
fn a_key_naming_the_impact_gives_its_window() {
    let (inc, _) = run(
        "# Checkout timeouts\n\nIncident date: 19 Jan 2024\nDuration of customer impact: 10:05 IST – 11:48 IST (1 h 43 min)\n\n## Timeline\n\n- 10:05 IST errors start\n- 11:31 IST pods restarted\n- 15:00 IST Incident closed.\n",
    );
    let inc = inc.unwrap();
    assert_eq!(inc.impact.resolved.unwrap().to_rfc3339(), "2024-01-19T11:48:00+05:30");
}

#[test]
fn a_review_line_is_not_the_day_and_a_timeline_intro_or_yesterday_gives_it() {
    // `Reviewed: Jan 4, 2024 …` is when the review was held; the day is the
    // one the timeline's opening names, in the year before the review.
    let (inc, _) = run(
        "# Push outage\n\nAuthor: Jess\nReviewed: Jan 4, 2024 incident review meeting\nSeverity: SEV-2\n\n## Timeline\n\nTimes are Eastern (ET), Dec 31 into Jan 1.\n\n11:45 PM — Campaign enqueues 14M notifications.\n\n11:49 PM — APNs 429 rate climbs above 60%.\n\n1:24 AM — Delivery latency back under 5 seconds.\n\n2:05 AM — Incident closed.\n",
    );
    let inc = inc.unwrap();
    assert_eq!(inc.published.map(|d| d.to_string()).as_deref(), Some("2024-01-04"));
    assert_eq!(inc.date.map(|d| d.to_string()).as_deref(), Some("2023-12-31"));
    assert_eq!(inc.impact.started.unwrap().to_rfc3339(), "2023-12-31T23:49:00-05:00");
    assert_eq!(inc.impact.resolved.unwrap().to_rfc3339(), "2024-01-01T01:24:00-05:00");
    // A message sent on the 18th about yesterday's incident.
    let (inc, _) = run(
        "From: Dana <dana@example.com>\nSent: Thursday, January 18, 2024 4:31 PM\nTo: eng-all\nSubject: Search results missing\n\nHi all,\n\nQuick write-up of yesterday's search incident.\n\nTimeline (ET):\n\n- 12:40 PM alias swapped\n- 3:55 PM results back to normal\n",
    );
    assert_eq!(inc.unwrap().date.map(|d| d.to_string()).as_deref(), Some("2024-01-17"));
}

#[test]
fn an_action_section_without_actions_gives_way_to_the_next() {
    let (inc, _) = run(
        "# API errors\n\nDate: 2023-03-14\n\n## Remediation\n\nOnce the change was found, the team rolled it back. Errors fell within minutes.\n\n## Prevention and follow-up\n\nWe will add range validation for limits, and we will alert on drops. The check is in review.\n\nWe will make deploy events best-effort.\n",
    );
    let titles: Vec<String> = inc.unwrap().action_items.into_iter().map(|a| a.title).collect();
    assert_eq!(titles, ["We will add range validation for limits, and we will alert on drops.", "We will make deploy events best-effort."]);
}

#[test]
fn a_resolution_after_a_watch_is_not_the_end_of_impact() {
    let (inc, _) = run(
        "# Image pulls failing\n\nDate: 2022-11-08\n\n## Timeline\n\nAll times are Eastern (EST).\n\n- **2:14 PM** — Pulls begin to fail.\n- **4:05 PM** — Error rates back at baseline. Status page moved to \"Monitoring\".\n- **4:45 PM** — Incident resolved after 40 minutes of stable metrics.\n",
    );
    assert_eq!(inc.unwrap().impact.resolved.unwrap().to_rfc3339(), "2022-11-08T16:05:00-05:00");
}

#[test]
fn an_issue_write_up_dated_by_its_title_and_summed_up_after_its_timeline() {
    let (inc, _) = run(
        "# Post-mortem: CI runners offline overnight (7–8 Feb) #4821\n\n**Open** kasia opened this issue on Feb 8, 2024 · 4 comments\n\n### Timeline (CET)\n\n- 21:30 — Nightly image rebuild starts.\n- 22:40 — First queued job that never starts.\n- 08:58 — Runners picking up jobs again.\n- 09:40 — Queue empty, closing the incident.\n\nSo about 10 hours where self-hosted jobs could not run (22:40 → 08:58 CET).\n",
    );
    let inc = inc.unwrap();
    assert_eq!(inc.date.map(|d| d.to_string()).as_deref(), Some("2024-02-07"));
    assert_eq!(inc.published.map(|d| d.to_string()).as_deref(), Some("2024-02-08"));
    assert_eq!(inc.impact.started.unwrap().to_rfc3339(), "2024-02-07T22:40:00+01:00");
    assert_eq!(inc.impact.resolved.unwrap().to_rfc3339(), "2024-02-08T08:58:00+01:00");
}

#[test]
fn a_letter_dated_by_its_byline_and_a_weekday_with_day_markers_after_times() {
    let (inc, _) = run(
        "# Patch 4.2 login outage\n\n*From the Live Ops team — June 30, 2023*\n\nTuesday's launch of Patch 4.2 did not go the way we wanted.\n\nAll times below are Pacific time (PDT).\n\n## What happened\n\n**10:06 AM** – Login success rate drops below 60%.\n\n**12:40 AM (June 28)** – Login success rate is back above 99% on all realms.\n\n**9:00 AM (June 28)** – After a stable overnight period, we mark the incident resolved.\n",
    );
    let inc = inc.unwrap();
    assert_eq!(inc.published.map(|d| d.to_string()).as_deref(), Some("2023-06-30"));
    assert_eq!(inc.date.map(|d| d.to_string()).as_deref(), Some("2023-06-27"));
    assert_eq!(inc.timeline[1].text, "Login success rate is back above 99% on all realms.");
    assert_eq!(inc.impact.resolved.unwrap().to_rfc3339(), "2023-06-28T00:40:00-07:00");
}

#[test]
fn each_item_of_an_impact_list_says_its_own() {
    let (inc, _) = run(
        "# Portal unavailable\n\n## Impact\n\n- The portal was unavailable from **2023-05-11T08:14+02:00** to **2023-05-11T15:52+02:00**, with brief periods of partial service.\n- The service centre extended its opening hours until 20:00.\n\n## Timeline\n\n- **2023-05-11T08:14+02:00** — First restart.\n- **2023-05-11T20:00+02:00** — Centre closes; incident closed.\n",
    );
    assert_eq!(inc.unwrap().impact.resolved.unwrap().to_rfc3339(), "2023-05-11T15:52:00+02:00");
}

#[test]
fn an_entry_saying_impact_starts_beats_an_earlier_symptom_inside() {
    let (inc, _) = run(
        "# Search results missing\n\n## Timeline\n\nAll times US Eastern (EDT).\n\n| Date / time (ET) | Event |\n|---|---|\n| 2023-09-14 22:30 | Reindex job started |\n| 2023-09-14 23:21 | Disk watermark exceeded; bulk writes to 3 shards start failing |\n| 2023-09-14 23:38 | Alias swap moves reads to the new index. Impact starts |\n| 2023-09-15 07:10 | Alias swapped back; results complete again |\n",
    );
    assert_eq!(inc.unwrap().impact.started.unwrap().to_rfc3339(), "2023-09-14T23:38:00-04:00");
}

#[test]
fn hours_written_with_h_in_prose_ranges_and_a_queue_starting_to_reduce() {
    let (inc, _) = run(
        "# Pix instability\n\nDate: 2022-08-15\n\n## Chronology (horário de Brasília, UTC-3)\n\n- 14h05 – Start of the increase of Pix in processing.\n- 16h45 – Certificate applied. The queue starts to reduce.\n- 17h20 – Processing normalized.\n\n## Impact\n\n- From 14h05 to 17h20, around 38% of the Pix sent took more than 5 minutes.\n",
    );
    let inc = inc.unwrap();
    assert_eq!(inc.impact.started.unwrap().to_rfc3339(), "2022-08-15T14:05:00-03:00");
    assert_eq!(inc.impact.resolved.unwrap().to_rfc3339(), "2022-08-15T17:20:00-03:00");
    assert_ne!(inc.timeline[1].kind, Some(crate::model::EventKind::Impact));
}

#[test]
fn a_subject_line_names_a_report_whose_heading_only_says_what_it_is() {
    let (inc, _) = run(
        "Subject: RCA - Policy portal unavailable - 19-Oct-2022\n\nROOT CAUSE ANALYSIS REPORT\n==========================\n\nThe portal was down.\n",
    );
    assert_eq!(inc.unwrap().title, "RCA - Policy portal unavailable - 19-Oct-2022");
}

#[test]
fn a_japanese_style_report_with_bracketed_sections_and_a_tilde_range() {
    let (inc, _) = run(
        "# [Report] Object Storage failure in Tokyo-2\n\n2020/07/14\nSakuragi Cloud K.K.\n\n【Occurrence date and time】\n\n2020/07/09 (Thu) 15:20 ~ 2020/07/09 (Thu) 18:45 (JST)\n\n【Recurrence prevention measures】\n\n- Replace the disk controllers.\n- Automate the switch to the standby server.\n",
    );
    let inc = inc.unwrap();
    assert_eq!(inc.date.map(|d| d.to_string()).as_deref(), Some("2020-07-09"));
    assert_eq!(inc.impact.started.unwrap().to_rfc3339(), "2020-07-09T15:20:00+09:00");
    assert_eq!(inc.impact.resolved.unwrap().to_rfc3339(), "2020-07-09T18:45:00+09:00");
    assert_eq!(inc.action_items.len(), 2);
}

#[test]
fn entries_outside_a_timeline_section_take_their_headings_zone() {
    let (inc, _) = run(
        "# Why arrival times froze on the morning of August 9\n\nDate: 2018-08-09\n\n## What happened, hour by hour (Pacific time)\n\n**5:58 a.m. — Feed goes stale.** The feed stops.\n\n**6:20 a.m. — First rider complaints.** Support hears.\n\n**7:15 a.m. — Cause narrowed down.** A lock.\n",
    );
    assert_eq!(inc.unwrap().timeline[0].at.unwrap().to_rfc3339(), "2018-08-09T05:58:00-07:00");
}

#[test]
fn a_chinese_impact_field_gives_the_window() {
    let inc = without_any_zone(
        "x.md",
        "# etcd-arg 导致 k3s crashloop\n\n**日期**: 2031-09-25\n**影响**: 单控制面集群 API 中断约 3 分钟（02:07-02:10）\n\n## 问题\n\n参数错误。\n",
    );
    assert_eq!(inc.impact.local.started.map(|t| t.to_string()).as_deref(), Some("2031-09-25 02:07:00"));
    assert_eq!(inc.impact.local.resolved.map(|t| t.to_string()).as_deref(), Some("2031-09-25 02:10:00"));
}
