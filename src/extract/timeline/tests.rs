//! One test per timeline shape, on fixtures written for them.

use super::*;
use crate::extract::blocks::blocks;

fn events(md: &str, date: Option<&str>) -> (Found, Vec<(Option<String>, String)>) {
    let zones = ZoneTable::default();
    let cx = Context { zones: &zones, date: date.and_then(|d| d.parse().ok()), fallback_date: None, doc_zone: None, default_zone: None };
    let b = blocks(md, 1);
    let found = recognise(&b, 0..b.len(), false, &cx);
    let list = found.events.iter().map(|e| (e.at.map(|t| t.to_rfc3339()), e.text.clone())).collect();
    (found, list)
}

fn at(s: &str) -> Option<String> {
    Some(s.to_string())
}

#[test]
fn markdown_table_with_dates_and_a_zone_sentence() {
    let (f, e) = events(
        "All times in CET.\n\n| Time | Event |\n| :--- | --- |\n| 2020-02-03 09:10 | Upgrade starts |\n| 2020-02-03 HH:mm | Short event description. |\n| 2020-02-03 --:-- | unknown |\n| 2020-02-03 10:05 | **Recovery:** service restored |\n",
        None,
    );
    assert_eq!(
        e,
        [
            (at("2020-02-03T09:10:00+01:00"), "Upgrade starts".into()),
            (at("2020-02-03T10:05:00+01:00"), "**Recovery:** service restored".into())
        ]
    );
    assert_eq!(f.placeholders, 2);
    assert_eq!(f.events[1].kind, Some(EventKind::Resolution));
    assert_eq!(f.events[0].line, 5);
}

#[test]
fn zone_in_the_column_header_and_a_kind_column() {
    let (f, e) = events(
        "| Date and Time in CET | Type | Event |\n|---|---|---|\n| 2019-11-29 12:00 | action | Scale up |\n| 2019-12-04 00:30 | alert | Pager fires |\n",
        None,
    );
    assert_eq!(e[1].0, at("2019-12-04T00:30:00+01:00"));
    assert_eq!(f.events[1].kind, Some(EventKind::Alert));
    assert!(f.declared_zone.is_some());
}

#[test]
fn table_without_a_date_column_takes_the_incident_date() {
    let (_, e) = events(
        "Times are UTC.\n\n| Time (EST) | What happened |\n|---|---|\n| 0730 | Deploy |\n| 9:15 PM | Rollback |\n",
        Some("2024-01-10"),
    );
    assert_eq!(e[0].0, at("2024-01-10T07:30:00-05:00"), "the column's zone wins over the sentence");
    assert_eq!(e[1].0, at("2024-01-10T21:15:00-05:00"));
}

#[test]
fn html_table_from_a_converter() {
    let (f, e) = events(
        "<table>\n<tr><th>Time</th><th>Event</th></tr>\n<tr><td>2024-05-01 10:00 UTC</td><td>Alert &amp; page</td></tr>\n<tr><td>2024-05-01 10:20 UTC</td><td>Rolled back</td></tr>\n</table>\n",
        None,
    );
    assert_eq!(e.len(), 2);
    assert_eq!(e[0].1, "Alert & page");
    assert_eq!(f.events[1].line, 4);
    assert!(f.shapes.contains(&"html-table"));
}

#[test]
fn bracketed_bullets_with_lazy_continuations() {
    let (_, e) = events(
        "All times in PST, on February 5th 2019\n\n* [08:47] Bump PR merged. **Outage begins.**\nand it keeps going\n* [???] IOPS critical\n* [09:30] Rolled back. **Outage ends.**\n",
        None,
    );
    assert_eq!(e.len(), 2);
    assert_eq!(e[0].0, at("2019-02-05T08:47:00-08:00"));
    assert_eq!(e[0].1, "Bump PR merged. **Outage begins.** and it keeps going");
}

#[test]
fn month_day_bullets_take_the_year_and_roll_back_for_december() {
    let (_, e) = events("All times in PDT (UTC-7).\n\n- [12-05 16:21] Old change\n- [03-26 23:04] Node drained\n", Some("2019-03-26"));
    assert_eq!(e[0].0, at("2018-12-05T16:21:00-07:00"));
    assert_eq!(e[1].0, at("2019-03-26T23:04:00-07:00"));
}

#[test]
fn twelve_hour_bullets_with_zones_and_midnight_rollover() {
    let (_, e) = events("- 11:50 PM PST: Queue grows\n- 12:10 AM PST: Paged\n- 1:05 AM PST: Mitigated\n", Some("2024-11-05"));
    assert_eq!(e[0].0, at("2024-11-05T23:50:00-08:00"));
    assert_eq!(e[1].0, at("2024-11-06T00:10:00-08:00"));
    assert_eq!(e[2].0, at("2024-11-06T01:05:00-08:00"));
}

#[test]
fn small_steps_back_are_not_midnight() {
    let (_, e) = events("All times in UTC.\n\n- 11:08 a\n- 11:07 b\n", Some("2023-01-01"));
    assert_eq!(e[1].0, at("2023-01-01T11:07:00+00:00"));
}

#[test]
fn plain_lines_with_continuations() {
    let (_, e) = events("2024-04-04 13:00 IST - Deploy starts\n2024-04-04 13:20 IST - Errors climb\nstill climbing\n", None);
    assert_eq!(e[0].0, at("2024-04-04T13:00:00+05:30"));
    assert_eq!(e[1].1, "Errors climb still climbing");
}

#[test]
fn one_heading_per_time_with_date_headings_and_bodies() {
    let md = "All times in PST\n\n### 2018-01-17 22:10\n\nLaunches fail.\n\n- travis too\n\n### 23:58\n\nPaged.\n\n### 00:40\n\nRolled back.\n\n## Feb 21, 13:00\n\nBack to normal.\n\n### 2018-02-23\n\n### 09:00\n\nPostmortem.\n";
    let (f, e) = events(md, Some("2018-01-17"));
    assert_eq!(e.len(), 5, "{e:?}");
    assert_eq!(e[0].0, at("2018-01-17T22:10:00-08:00"));
    assert_eq!(e[0].1, "Launches fail.\n\n- travis too");
    assert_eq!(e[2].0, at("2018-01-18T00:40:00-08:00"), "rolls over midnight");
    assert_eq!(e[3].0, at("2018-02-21T13:00:00-08:00"));
    assert_eq!(e[4].0, at("2018-02-23T09:00:00-08:00"), "a date heading carries its date");
    assert!(f.shapes.contains(&"headings"));
}

#[test]
fn explicit_offset_beats_the_abbreviation() {
    let (_, e) = events("All times in PST (UTC-7)\n\n### 2018-07-30 11:20\n\nCPU saturated.\n", None);
    assert_eq!(e[0].0, at("2018-07-30T11:20:00-07:00"));
}

#[test]
fn date_only_rows_keep_their_date() {
    let (f, _) = events(
        "All times in UTC.\n\n| Time | Event |\n|---|---|\n| 2021-12-10 | Vulnerability published |\n| 2021-12-10 15:40 | We became aware |\n",
        None,
    );
    assert_eq!(f.events[0].at, None);
    assert_eq!(f.events[0].date.map(|d| d.to_string()).as_deref(), Some("2021-12-10"));
    assert_eq!(f.events[1].kind, Some(EventKind::Detection));
}

#[test]
fn whole_body_needs_unmistakable_shapes() {
    let zones = ZoneTable::default();
    let cx = Context { zones: &zones, date: None, fallback_date: None, doc_zone: None, default_zone: None };
    let b = blocks("We fixed it by 10:00 and moved on.\n\n- 10:00 only one\n", 1);
    assert!(recognise(&b, 0..b.len(), true, &cx).events.is_empty());
}

#[test]
fn date_headings_with_prose_are_entries_of_their_own() {
    let md = "All times in PST\n\n### 2018-01-11\n\nA warning mail arrives.\n\n### 2018-01-18\n\nNobody acts on it.\n\n### 2018-01-19 11:00\n\nCertificates expire.\n\n### 2018-01-20\n\n### 09:00\n\nRenewed.\n";
    let (_, e) = events(md, Some("2018-01-11"));
    assert_eq!(e.len(), 4, "{e:?}");
    assert_eq!(e[0].1, "A warning mail arrives.");
    assert_eq!(e[0].0, None, "a date-only entry has no instant");
    assert_eq!(e[3].0, at("2018-01-20T09:00:00-08:00"), "an empty date heading still only dates what follows");
    let (_, e) = events(&format!("{md}\n### 2018-01-22\n\nWe found the root cause.\n"), Some("2018-01-11"));
    assert_eq!(e.len(), 4, "prose after the last timed entry is aftermath: {e:?}");
}

#[test]
fn entries_separated_by_br_in_a_reflowed_paragraph() {
    let md = "## Timeline (all times in UTC)\n\n### 2023-08-25\n\n15:27 - A DNS change is\nsubmitted.<br> 21:14 - It takes effect.<br> 21:20 - Monitoring\nmails the team.\n";
    let (_, e) = events(md, Some("2023-08-25"));
    assert_eq!(e.len(), 3, "{e:?}");
    assert_eq!(e[1].1, "It takes effect.");
    assert_eq!(e[2].1, "Monitoring mails the team.");
}

#[test]
fn a_bold_heading_with_its_zone_above_entries_separated_by_br() {
    let md = "## Timeline\n\n**Timeline (all times CST)**<br>\n**08:30** – Image published<br>\n**14:05** – Pool back at full size<br>\n";
    let (_, e) = events(md, Some("2021-03-02"));
    assert_eq!(
        e,
        [(at("2021-03-02T08:30:00-06:00"), "Image published".into()), (at("2021-03-02T14:05:00-06:00"), "Pool back at full size".into())]
    );
}

#[test]
fn twelve_hour_phase_headings_over_entries_without_am_pm() {
    let md = "### June 3, 2031: Billing timeline\n\nThe team met.\n\n### ~9:40 AM: First reports\n- 9:41 UTC: Support reports failed invoices\n- 11:55: Rollback discussed\n- 1:05: Rollback starts\n\n### 4:02-4:30 PM: Recovery\n- 4:02: Invoices flow again\n";
    let (f, e) = events(md, None);
    let times: Vec<_> = e.iter().map(|(t, _)| t.clone().unwrap_or_default()).collect();
    // The labelled date heading dates the entries and is not one; the phase
    // headings set the clock and are not entries; `1:05` after `11:55` and
    // `4:02` under a PM heading are afternoon times.
    assert_eq!(times, ["2031-06-03T09:41:00+00:00", "2031-06-03T11:55:00+00:00", "2031-06-03T13:05:00+00:00", "2031-06-03T16:02:00+00:00"]);
    assert!(f.events.iter().all(|e| !e.after_midnight));
}

#[test]
fn midnight_passes_only_on_a_large_step_back() {
    let (f, e) = events("- 23:50 UTC Deploy starts\n- 23:49 UTC Typo: a minute earlier\n- 00:10 UTC Errors begin\n", Some("2031-06-03"));
    assert_eq!(e[1].0, at("2031-06-03T23:49:00+00:00"), "a small step back stays on the day");
    assert_eq!(e[2].0, at("2031-06-04T00:10:00+00:00"));
    assert_eq!(f.events.iter().map(|e| e.after_midnight).collect::<Vec<_>>(), [false, false, true]);
}

#[test]
fn a_report_of_two_incidents_newest_first() {
    let zones = ZoneTable::default();
    let cx = Context { zones: &zones, date: "2031-06-03".parse().ok(), fallback_date: None, doc_zone: None, default_zone: None };
    let md = "## Second outage\n### Timeline\n- **22:10 UTC / 15:10 PDT**: Queue stalls\n- **01:05 UTC / 18:05 PDT**: Queue drains\n## First outage\n### Timeline\n- **08:00 UTC / 01:00 PDT**: Disk fills\n- **09:30 UTC / 02:30 PDT**: Disk cleaned\n### Detection timeline\n- **08:00 UTC**: Alert\n";
    let b = blocks(md, 1);
    let ranges = [2..3, 5..6, 7..8];
    let found = recognise_sections(&b, &ranges, false, &cx);
    let got: Vec<_> = found.events.iter().map(|e| (e.at.map(|t| t.to_rfc3339()).unwrap_or_default(), e.text.as_str())).collect();
    assert_eq!(
        got,
        [
            ("2031-06-03T08:00:00+00:00".to_string(), "Disk fills"),
            ("2031-06-03T09:30:00+00:00".to_string(), "Disk cleaned"),
            ("2031-06-03T22:10:00+00:00".to_string(), "Queue stalls"),
            ("2031-06-04T01:05:00+00:00".to_string(), "Queue drains"),
        ]
    );
}

#[test]
fn a_line_that_is_only_a_date_dates_the_entries_under_it() {
    let (_, e) = events(
        "## Timeline (UTC)\n\nJune 3, 2031\n\n* 3:39 UTC: Job queued\n* 19:22 UTC: Job ran\n\nJune 4, 2031\n\n* 7:54 UTC: Fix released\n",
        None,
    );
    let times: Vec<_> = e.iter().map(|(t, _)| t.clone().unwrap_or_default()).collect();
    assert_eq!(times, ["2031-06-03T03:39:00+00:00", "2031-06-03T19:22:00+00:00", "2031-06-04T07:54:00+00:00"]);
}

#[test]
fn offsets_from_the_first_entry() {
    let (_, e) = events(
        "| Time (UTC) | Event |\n|---|---|\n| June 3 2031, 11:30 AM UTC | Upgrade runs; chain halts |\n| [+1 hrs] | Failure confirmed |\n| [+16 hrs] | Regression seen |\n| [+2 Business Days Later] | Fixes staged |\n",
        None,
    );
    let times: Vec<_> = e.iter().map(|(t, _)| t.clone().unwrap_or_default()).collect();
    assert_eq!(times, ["2031-06-03T11:30:00+00:00", "2031-06-03T12:30:00+00:00", "2031-06-04T03:30:00+00:00"]);
    assert!(e[2].1.ends_with("Fixes staged"), "a row without a time continues the one above: {e:?}");
}

#[test]
fn relative_times_count_from_the_t0_the_timeline_names() {
    let (_, e) = events(
        "T0 is **14:02 UTC on 12 September 2031**, when the script started.\n\n| T+ | Event |\n|----|-------|\n| T+0:00 | Script started |\n| T+1:15 | Incident closed |\n",
        None,
    );
    assert_eq!(
        e,
        [(at("2031-09-12T14:02:00+00:00"), "Script started".into()), (at("2031-09-12T15:17:00+00:00"), "Incident closed".into())]
    );
    // Named in the section's heading, on the incident's day.
    let zones = ZoneTable::default();
    let cx = Context { zones: &zones, date: "2031-02-20".parse().ok(), fallback_date: None, doc_zone: None, default_zone: None };
    let b = blocks(
        "## Timeline (times relative to the first alert at 09:14 UTC)\n\n- T+0:00 — Alert fires\n- T+0:19 — Orders healthy again\n",
        1,
    );
    let found = recognise(&b, 1..b.len(), false, &cx);
    let at: Vec<String> = found.events.iter().map(|e| e.at.unwrap().to_rfc3339()).collect();
    assert_eq!(at, ["2031-02-20T09:14:00+00:00", "2031-02-20T09:33:00+00:00"]);
}

#[test]
fn a_code_block_of_stamped_lines_in_the_timeline_section() {
    let (found, e) =
        events("```text\n2031-02-02T03:14:55Z  [alert] 5xx ratio > 2%\n2031-02-02T04:22:31Z  [resolve] incident resolved\n```\n", None);
    assert_eq!(e[0].0, at("2031-02-02T03:14:55+00:00"));
    assert_eq!(found.events[0].kind, Some(EventKind::Alert));
    assert_eq!(found.events[1].kind, Some(EventKind::Resolution));
    assert_eq!(found.events[1].line, 3);
    // A log excerpt among prose lines is not the timeline.
    let (_, e) = events("```\nconnection refused\nretrying\n2031-02-02T03:14:55Z giving up\n```\n", None);
    assert!(e.is_empty(), "{e:?}");
}

#[test]
fn a_spelled_out_zone_a_stray_bold_and_due_dates() {
    let (_, e) = events("- **[15:02] PagerDuty:** Triggered on checkout\n- **[15:04] Ana:** Acked\n", Some("2031-03-05"));
    assert_eq!(e.len(), 2);
    let zones = ZoneTable::default();
    let cx = Context { zones: &zones, date: "2031-03-05".parse().ok(), fallback_date: None, doc_zone: None, default_zone: None };
    let b = blocks("- **[15:02] PagerDuty:** Triggered on checkout\n- **[15:04] Ana:** Acked\n", 1);
    let found = recognise(&b, 0..b.len(), false, &cx);
    assert_eq!(found.events[0].text, "PagerDuty: Triggered on checkout");
    // A table of actions with a target date is not a timeline.
    let (_, e) = events(
        "| Ref | Action | Owner | Target date |\n|---|---|---|---|\n| RA-1 | Reclassify | Ops | 2031-08-15 |\n| RA-2 | Alert | Ops | 2031-08-20 |\n| RA-3 | Doc | Ops | 2031-08-30 |\n",
        None,
    );
    assert!(e.is_empty(), "{e:?}");
}

#[test]
fn newest_first_is_read_oldest_first() {
    let (_, e) = events(
        "- **10:41 HKT** · Incident resolved.\n- **10:05 HKT** · Latency back to normal.\n- **09:33 HKT** · Alert: latency high.\n- **09:14 HKT** · Config change deployed.\n",
        Some("2031-10-15"),
    );
    let times: Vec<String> = e.iter().filter_map(|(t, _)| t.clone()).collect();
    assert_eq!(times, ["2031-10-15T09:14:00+08:00", "2031-10-15T09:33:00+08:00", "2031-10-15T10:05:00+08:00", "2031-10-15T10:41:00+08:00"]);
    // Across midnight in the order written: kept.
    let (_, e) = events("- 23:10 UTC Deploy\n- 23:40 UTC Errors\n- 00:20 UTC Fixed\n", Some("2031-10-15"));
    assert_eq!(e[2].0, at("2031-10-16T00:20:00+00:00"));
    // Two entries newest first are enough when both give their day.
    let (_, e) = events("- 2031-10-15 10:55 UTC Restored\n- 2031-10-15 09:28 UTC Monitoring\n", None);
    assert_eq!(e[0].0, at("2031-10-15T09:28:00+00:00"));
    let (_, e) = events("- 10:55 UTC Restored\n- 09:28 UTC Monitoring\n", Some("2031-10-15"));
    assert_eq!(e[0].0, at("2031-10-15T10:55:00+00:00"));
    // A long step back under days written on every entry is still earlier.
    let (_, e) = events("- 2031-10-15 21:00 UTC Rolled back\n- 2031-10-15 20:00 UTC Waiting\n- 2031-10-15 10:00 UTC Outage starts\n", None);
    let times: Vec<String> = e.iter().filter_map(|(t, _)| t.clone()).collect();
    assert_eq!(times, ["2031-10-15T10:00:00+00:00", "2031-10-15T20:00:00+00:00", "2031-10-15T21:00:00+00:00"]);
}

#[test]
fn timed_sub_items_under_phase_items() {
    let (_, e) = events(
        "All times UTC.\n\n- **Detection**\n  - 10:14 — Alert fires.\n  - 10:20 — On-call acknowledges.\n- **Mitigation**\n  - 11:10 — Limit raised.\n",
        Some("2031-06-18"),
    );
    let times: Vec<String> = e.iter().filter_map(|(t, _)| t.clone()).collect();
    assert_eq!(times, ["2031-06-18T10:14:00+00:00", "2031-06-18T10:20:00+00:00", "2031-06-18T11:10:00+00:00"]);
}

#[test]
fn date_rows_date_the_rows_under_them() {
    let (f, e) = events(
        "All times UTC.\n\n| When | What |\n|---|---|\n| **Mon 10 Jun** | |\n| 23:50 | Job starts. |\n| **Tue 11 Jun** | |\n| 00:20 | Job killed. |\n| 08:40 | Balances stale. |\n",
        Some("2031-06-11"),
    );
    let times: Vec<String> = e.iter().filter_map(|(t, _)| t.clone()).collect();
    assert_eq!(times, ["2031-06-10T23:50:00+00:00", "2031-06-11T00:20:00+00:00", "2031-06-11T08:40:00+00:00"]);
    assert_eq!(f.placeholders, 0);
}

#[test]
fn terse_notes_with_four_digit_times_outside_any_section() {
    let zones = ZoneTable::default();
    let d = "2021-11-02".parse().ok();
    let cx = Context { zones: &zones, date: d, fallback_date: None, doc_zone: None, default_zone: None };
    let md = "sev2. all times UTC.\n\n1352 alert: replica lag\n1405 disk 100%, archive_command\n     failing since 0311\n1407 writes failing\n1420 writes ok\n";
    let b = blocks(md, 1);
    let f = recognise(&b, 0..b.len(), true, &cx);
    let texts: Vec<&str> = f.events.iter().map(|e| e.text.as_str()).collect();
    assert_eq!(texts, ["alert: replica lag", "disk 100%, archive_command failing since 0311", "writes failing", "writes ok"]);
    assert_eq!(f.events[0].at.map(|t| t.to_rfc3339()), at("2021-11-02T13:52:00+00:00"));
    // Years are not times, nor are numbers that run backwards.
    for md in ["2018 first outage\n2019 second\n2020 third\n2021 fourth\n", "1200 units\n0900 units\n1500 units\n0100 units\n0800 units\n"]
    {
        let b = blocks(md, 1);
        assert!(recognise(&b, 0..b.len(), true, &cx).events.is_empty(), "{md}");
    }
}

#[test]
fn a_chronology_in_numbered_sentences() {
    let md = "All times below are Eastern Time.\n\n1. At approximately 9:15 a.m., the first call came in.\n2. At 9:31 a.m., the Service Desk opened a ticket.\n3. At 10:05 a.m., the team confirmed it.\n4. By 1:52 p.m., sign-in worked again.\n";
    let (_, e) = events(md, Some("2024-03-26"));
    assert_eq!(
        e,
        [
            (at("2024-03-26T09:15:00-04:00"), "the first call came in.".into()),
            (at("2024-03-26T09:31:00-04:00"), "the Service Desk opened a ticket.".into()),
            (at("2024-03-26T10:05:00-04:00"), "the team confirmed it.".into()),
            (at("2024-03-26T13:52:00-04:00"), "sign-in worked again.".into()),
        ]
    );
    // A sentence that only happens to start with `At` has no time (in a
    // timeline section, such a list is a timeline told without times).
    let (f, e) = events("- At 4 nodes the cluster is healthy\n- At least one alert fired\n", Some("2024-03-26"));
    assert!(f.events.iter().all(|e| e.time_text.is_empty()), "{e:?}");
}

#[test]
fn a_day_line_over_the_entries_of_that_day() {
    let md = "Times are UTC.\n\n  2024-06-03\n  0004Z  subkey expires\n  0130Z  first report\n  2024-06-04\n  0900Z  last mirrors synced\n";
    let (_, e) = events(md, None);
    let stamps: Vec<Option<String>> = e.iter().map(|x| x.0.clone()).collect();
    assert_eq!(stamps, [at("2024-06-03T00:04:00+00:00"), at("2024-06-03T01:30:00+00:00"), at("2024-06-04T09:00:00+00:00")]);
}

#[test]
fn a_timeline_section_told_in_paragraphs_that_open_with_at() {
    let (_, e) = events(
        "At 11:03 UTC on Sept 2nd 2031, two drives were added to db-02.\n\nAt 11:17 UTC, one existing drive disappeared from the array. Monitoring fired.\n\nWe had to fail over.\n\nAt 13:27 UTC the fail-over was complete.\n\nAttempts to recover went on for hours.\n",
        Some("2031-09-02"),
    );
    let times: Vec<Option<String>> = e.iter().map(|(t, _)| t.clone()).collect();
    assert_eq!(times, [at("2031-09-02T11:03:00+00:00"), at("2031-09-02T11:17:00+00:00"), at("2031-09-02T13:27:00+00:00")]);
    assert_eq!(e[1].1, "one existing drive disappeared from the array. Monitoring fired.");
    // Elsewhere, a paragraph opening with `At` is prose, not an entry.
    let b = blocks("At 11:17 UTC, one existing drive disappeared.\n\nAt 13:27 UTC the fail-over was complete.\n", 1);
    let zones = ZoneTable::default();
    let cx = Context { zones: &zones, date: "2031-09-02".parse().ok(), fallback_date: None, doc_zone: None, default_zone: None };
    assert!(recognise(&b, 0..b.len(), true, &cx).events.is_empty());
}

#[test]
fn entries_indented_under_a_date_line_are_read_though_markdown_makes_them_code() {
    let (_, e) = events("01-10-2031\n\n\t7:32 PM - The chain stalled.\n\n\t7:42 PM - New blocks again.\n\nAll times PST.\n", None);
    let times: Vec<Option<String>> = e.iter().map(|(t, _)| t.clone()).collect();
    assert_eq!(times, [at("2031-10-01T19:32:00-07:00"), at("2031-10-01T19:42:00-07:00")]);
}

#[test]
fn status_page_updates_as_headings_newest_first() {
    let zones = ZoneTable::default();
    let cx = Context { zones: &zones, date: None, fallback_date: None, doc_zone: None, default_zone: None };
    let md = "## Resolved 2031-01-04 4:00p UTC\n\nPower was restored.\n\n## Monitoring 2031-01-04 11:06a UTC\n\nStill watching.\n\n## Monitoring 2031-01-04 11:06a UTC\n\nPower is still out.\n\n## Investigating 2031-01-04 9:27a UTC\n\nA power outage hit our server rooms.\n";
    let b = blocks(md, 1);
    let found = recognise(&b, 0..b.len(), true, &cx);
    let got: Vec<(String, String)> =
        found.events.iter().map(|e| (e.at.unwrap().to_rfc3339(), e.text.lines().next().unwrap_or("").to_string())).collect();
    assert_eq!(
        got,
        [
            ("2031-01-04T09:27:00+00:00".to_string(), "Investigating".to_string()),
            ("2031-01-04T11:06:00+00:00".to_string(), "Monitoring".to_string()),
            ("2031-01-04T11:06:00+00:00".to_string(), "Monitoring".to_string()),
            ("2031-01-04T16:00:00+00:00".to_string(), "Resolved".to_string())
        ]
    );
    // Outside a timeline section, one timed heading among others is no timeline.
    let b = blocks("## What happened\n\nText.\n\n## Update 2031-01-04 11:06 UTC\n\nMore.\n\n## Lessons\n\nSome.\n", 1);
    assert!(recognise(&b, 0..b.len(), true, &cx).events.is_empty());
}

#[test]
fn untimed_items_under_a_date_line_are_that_days_entries() {
    let (f, e) = events(
        "All times US/Pacific\n\n2031-01-20:\n* A bypass was privately reported.\n\n2031-03-25:\n* Design sent out for comment.\n* Release date set.\n\n2031-05-11 10:00:\n* CVE disclosed.\n",
        None,
    );
    let texts: Vec<&str> = e.iter().map(|(_, t)| t.as_str()).collect();
    assert_eq!(texts, ["A bypass was privately reported.", "Design sent out for comment.", "Release date set.", "CVE disclosed."]);
    assert!(f.shapes.contains(&"dated items"), "{:?}", f.shapes);
    assert_eq!(f.events[1].date, NaiveDate::from_ymd_opt(2031, 3, 25));
}

#[test]
fn updates_stamped_with_a_time_alone_and_parted_by_rules() {
    let zones = ZoneTable::default();
    let cx = Context { zones: &zones, date: "2031-07-08".parse().ok(), fallback_date: None, doc_zone: None, default_zone: None };
    let md = "14:12 GMT+1\n\nRestarted machines are read-only.\n\n---\n14:02 GMT+1\n\nWe are restarting workloads.\n\n---\n13:09 GMT+1\nOur team is working with the storage partner.\n";
    let b = blocks(md, 1);
    let found = recognise(&b, 0..b.len(), true, &cx);
    let got: Vec<(String, String)> = found.events.iter().map(|e| (e.at.unwrap().to_rfc3339(), e.text.clone())).collect();
    assert_eq!(
        got,
        [
            ("2031-07-08T13:09:00+01:00".to_string(), "Our team is working with the storage partner.".to_string()),
            ("2031-07-08T14:02:00+01:00".to_string(), "We are restarting workloads.".to_string()),
            ("2031-07-08T14:12:00+01:00".to_string(), "Restarted machines are read-only.".to_string())
        ]
    );
    // One such line in the whole body is not a timeline.
    let b = blocks("14:12 GMT+1\n\nSomething happened.\n", 1);
    assert!(recognise(&b, 0..b.len(), true, &cx).events.is_empty());
}

#[test]
fn headings_of_times_with_their_zone_are_entries_in_a_body_without_a_timeline_section() {
    let zones = ZoneTable::default();
    let cx = Context { zones: &zones, date: None, fallback_date: None, doc_zone: None, default_zone: None };
    let b = blocks(
        "2021-06-22\n==========\n\nThe CDN had an incident.\n\n### 11:28 UTC\n\nNames fail to resolve.\n\n### 12:22 UTC\n\nResolved.\n",
        1,
    );
    let found = recognise(&b, 0..b.len(), true, &cx);
    let e: Vec<_> = found.events.iter().map(|e| (e.at.map(|t| t.to_rfc3339()), e.line)).collect();
    // The title's date dates them; the title is no entry.
    assert_eq!(e, [(at("2021-06-22T11:28:00+00:00"), 6), (at("2021-06-22T12:22:00+00:00"), 10)]);
    // Headings of times without a zone or date are not enough.
    let b = blocks("# Notes\n\n### 11:28\n\nText.\n\n### 12:22\n\nText.\n", 1);
    assert!(recognise(&b, 0..b.len(), true, &cx).events.is_empty());
}

#[test]
fn paragraphs_opening_with_a_day_are_entries_in_a_timeline_section() {
    let (_, e) = events(
        "**October 9, 2025** - Issue first reported by a customer\n\n**October 9-23, 2025** - Issue remained unresolved\n\n**October 23, 2025** - Investigation found five failure points\n",
        None,
    );
    assert_eq!(e.len(), 3, "{e:?}");
    assert_eq!(e[2].1, "Investigation found five failure points");
    // A day alone on its line still dates what follows, and is no entry.
    let (_, e) = events("2024-06-03\n\n- 10:00 UTC deploy\n", None);
    assert_eq!(e, [(at("2024-06-03T10:00:00+00:00"), "deploy".into())]);
}

#[test]
fn a_table_of_days_without_years_or_clock_times_is_a_timeline() {
    let (_, e) = events(
        "| When | What |\n|---|---|\n| Dec 28, ~00:00 UTC | Deployment with the favourites feature |\n| Dec 29, morning | Cost spike detected via billing |\n| Feb 18-22 | Images served unoptimised |\n",
        Some("2025-12-30"),
    );
    let texts: Vec<&str> = e.iter().map(|(_, t)| t.as_str()).collect();
    assert_eq!(texts, ["Deployment with the favourites feature", "Cost spike detected via billing", "Images served unoptimised"]);
    assert_eq!(e[0].0, at("2025-12-28T00:00:00+00:00"));
}

#[test]
fn a_timeline_told_without_times_and_items_of_unknown_time() {
    let (f, e) =
        events("- Apt session — kernel installed\n- Reboot — system hangs at the splash screen\n- Remediation — initramfs rebuilt\n", None);
    assert_eq!(e.len(), 3);
    assert!(e.iter().all(|(at, _)| at.is_none()));
    assert_eq!(f.events[1].text, "Reboot — system hangs at the splash screen");
    // Links listed before the timed entries are not entries.
    let (_, e) = events(
        "Links:\n\n- [overview](https://example.org/a)\n- [nodes](https://example.org/b)\n\n### 07:30 UTC - First report\n\nText.\n\n### 07:42 UTC - Back to normal\n",
        Some("2020-07-09"),
    );
    assert_eq!(e.len(), 2, "{e:?}");
    // An item whose time nobody knows is an entry, not a note on the one above.
    let (_, e) = events(
        "- **Unknown Date**: tracking began failing silently\n- **September 27, 2025 10:00 UTC**: issues discovered\n- 11:00 UTC fix deployed\n",
        None,
    );
    assert_eq!(e.len(), 3, "{e:?}");
}

#[test]
fn of_two_zones_columns_the_one_that_times_more_rows_and_a_list_of_dates_is_no_time() {
    let (_, e) = events(
        "| NZST | UTC | Event |\n|---|---|---|\n| 2026-06-17 09:46 | 2026-06-16 21:46 | First UNLOAD |\n| 2026-06-20, 2026-06-21 | — | Reports continue RED |\n| 2026-06-22 ~14:00 | — | PR merged |\n",
        None,
    );
    let at_of: Vec<Option<String>> = e.iter().map(|(a, _)| a.clone()).collect();
    assert_eq!(at_of, [at("2026-06-17T09:46:00+12:00"), None, at("2026-06-22T14:00:00+12:00")]);
}

#[test]
fn two_updates_stamped_with_their_day_and_time_are_a_timeline_in_the_whole_body() {
    let zones = ZoneTable::default();
    let cx = Context { zones: &zones, date: None, fallback_date: None, doc_zone: None, default_zone: None };
    let md = "The site is down. We are looking into it.\n\n2019-03-30 20:08:19 **Identified** A network device failed at the host.\n\n2019-03-30 20:31:19 **Monitoring** The device was replaced.\n\n**Resolved** All is normal.\n";
    let b = blocks(md, 1);
    assert_eq!(recognise(&b, 0..b.len(), true, &cx).events.len(), 2);
    // Two paragraphs opening with a time only are prose that mentions times.
    let b = blocks("At first nothing.\n\n20:08 we looked.\n\n20:31 we fixed it.\n", 1);
    assert!(recognise(&b, 0..b.len(), true, &cx).events.is_empty());
}

#[test]
fn short_labels_then_a_stamp_of_day_and_time() {
    let (_, e) =
        events("- First detected 2020-09-21 18:27 UTC\n- Incident declared: 2020-09-21 18:40 UTC\n- Resolved 2020-09-21 21:41 UTC\n", None);
    assert_eq!(
        e,
        [
            (at("2020-09-21T18:27:00+00:00"), "First detected".into()),
            (at("2020-09-21T18:40:00+00:00"), "Incident declared".into()),
            (at("2020-09-21T21:41:00+00:00"), "Resolved".into())
        ]
    );
    // A sentence that ends with a day and time is not a label: no entry
    // takes that time.
    let (_, e) = events(
        "- We kept the old cluster running until the migration on 2020-09-21 18:27 UTC\n- Then it was removed on 2020-09-22 10:00 UTC\n",
        None,
    );
    assert!(e.iter().all(|(t, _)| t.is_none()), "{e:?}");
}

#[test]
fn an_item_naming_the_timeline_holds_the_entries_anywhere() {
    let zones = ZoneTable::default();
    let cx = Context { zones: &zones, date: None, fallback_date: None, doc_zone: None, default_zone: None };
    let md = "- **Key events**\n  - First detected 2020-09-21 18:27 UTC\n  - Repaired 2020-09-21 19:05 UTC\n- **Time to repair**: 0h 38m\n";
    let b = blocks(md, 1);
    let found = recognise(&b, 0..b.len(), true, &cx);
    let times: Vec<String> = found.events.iter().filter_map(|e| e.at.map(|t| t.to_rfc3339())).collect();
    assert_eq!(times, ["2020-09-21T18:27:00+00:00", "2020-09-21T19:05:00+00:00"]);
    // Without the label, such a list in a body is no timeline.
    let b = blocks(&md.replace("**Key events**", "**Notes**"), 1);
    assert!(recognise(&b, 0..b.len(), true, &cx).events.is_empty());
}

#[test]
fn a_day_then_a_sentence_opening_with_its_time() {
    let (_, e) = events(
        "- 2021-08-17: A report came in.\n- 2021-08-24: Released the fix.\n- 2021-08-27: At 12:50:07 UTC, the bug was exploited.\n",
        None,
    );
    assert_eq!(e[2], (at("2021-08-27T12:50:07+00:00"), "the bug was exploited.".into()));
    assert_eq!(e[0].0, None);
    // `At` without a comma after its time is a sentence, not a stamp.
    let (_, e) = events("- 2021-08-17: Report.\n- 2021-08-27: At 12:50 UTC the bug was exploited.\n", None);
    assert_eq!(e[1].0, None);
}

#[test]
fn a_timeline_told_in_paragraphs_goes_on_with_times_inside_sentences() {
    let (_, e) = events(
        "At 12:15am ET a flurry of requests deadlocked queries.\n\nOne server exhausted its pool, and requests stalled.\n\nThis persisted until 7:04am ET when we terminated the server.\n",
        Some("2024-12-10"),
    );
    let times: Vec<String> = e.iter().filter_map(|(t, _)| t.clone()).collect();
    assert_eq!(times, ["2024-12-10T00:15:00-05:00", "2024-12-10T07:04:00-05:00"]);
    // Not without a paragraph that opened with its time first.
    let (_, e) = events("One server stalled.\n\nThis persisted until 7:04am ET when we terminated the server.\n", Some("2024-12-10"));
    assert!(e.iter().all(|(t, _)| t.is_none()), "{e:?}");
}

#[test]
fn a_day_heading_says_the_zone_of_its_entries() {
    let (_, e) = events(
        "#### 29-09-2021 (All times CEST)\n\n- 15:46 Storage driver switched\n\n### 03-10-2021 (All times CEST)\n\n- 02:17 Outage begins\n",
        None,
    );
    let times: Vec<String> = e.iter().filter_map(|(t, _)| t.clone()).collect();
    assert_eq!(times, ["2021-09-29T15:46:00+02:00", "2021-10-03T02:17:00+02:00"]);
}

#[test]
fn table_rows_whose_time_nobody_noted_are_entries() {
    let (_, e) = events(
        "| Time | Event |\n| --- | --- |\n| (approximate, earlier in session) | User reports an exception. |\n| (approximate) | Fix applied. |\n| 11:43 UTC | Mail sent. |\n",
        Some("2031-08-12"),
    );
    assert_eq!(
        e,
        [
            (None, "User reports an exception.".into()),
            (None, "Fix applied.".into()),
            (at("2031-08-12T11:43:00+00:00"), "Mail sent.".into())
        ]
    );
}

#[test]
fn a_story_told_under_time_headings() {
    let zones = ZoneTable::default();
    let cx = Context { zones: &zones, date: "2031-10-05".parse().ok(), fallback_date: None, doc_zone: None, default_zone: None };
    let md = "## October 5, 8:23 AM: The Discovery\n\nPods restarting.\n\n## 8:25 AM - Diagnosis\n\nText.\n\n## 8:45 AM: The Root Cause\n\nLoop.\n\n## 9:15 AM: The Recovery\n\nBack.\n\n## What Worked\n\nText.\n";
    let b = blocks(md, 1);
    let found = recognise(&b, 0..b.len(), true, &cx);
    assert_eq!(found.events.len(), 4, "{:?}", found.events);
    // Out of order, or with the first undated, they are headings.
    let b = blocks(&md.replace("October 5, ", ""), 1);
    assert!(recognise(&b, 0..b.len(), true, &cx).events.is_empty());
}

#[test]
fn labelled_notes_under_a_timed_item() {
    let (_, e) = events(
        "All times UTC.\n\n### June 14, 2031\n- **09:00-17:00**: Team changes the kubelet path\n- **Action taken**: Modified the config\n- **Result**: Split-brain state\n\n### June 14, 2031 (night)\n- **21:00**: Cluster found degraded\n",
        None,
    );
    assert_eq!(e.len(), 2, "{e:?}");
    assert_eq!(e[0].0, at("2031-06-14T09:00:00+00:00"), "{e:?}");
    assert!(e[0].1.contains("Split-brain"), "{e:?}");
}
