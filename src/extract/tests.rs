//! Whole bodies read by [`extract`]: the facts that need more than one
//! module (a title and its lead, fields found in sections).

use super::*;
use crate::datetime::ZoneTable;

fn read(md: &str) -> BodyFacts {
    let zones = ZoneTable::default();
    let cx = timeline::Context { zones: &zones, date: None, fallback_date: None, doc_zone: None, default_zone: None };
    extract(md, 1, &cx)
}

fn window(f: &BodyFacts) -> Option<(String, String)> {
    let w = f.window.as_ref()?;
    Some((w.started?.to_rfc3339(), w.resolved?.to_rfc3339()))
}

#[test]
fn an_owners_kind_heading_gives_way_to_the_subtitle_and_its_lead() {
    let f = read(
        "Tidepool Games — Live Ops Retrospective\n===\n\nMatchmaking stuck during the event launch\n---\n\n**When:** Saturday, November 9, 2019 (all times Pacific time)\n\n### Background\n\nText.\n",
    );
    assert_eq!(f.title.map(|t| t.text).as_deref(), Some("Matchmaking stuck during the event launch"));
    assert!(f.metadata.iter().any(|(k, v, _)| k == "when" && v.contains("November 9, 2019")), "{:?}", f.metadata);
}

#[test]
fn the_impact_windows_field_in_the_summary_and_a_details_table() {
    let f = read(
        "# Deposits delayed\n\n## Overview\n\nOn 14 February 2024 both nodes stopped.\n\n- **Customer impact:** 09:41Z – 13:47Z (4h 06m)\n- **Deposits delayed:** 1,904\n",
    );
    assert_eq!(window(&f), Some(("2024-02-14T09:41:00+00:00".into(), "2024-02-14T13:47:00+00:00".into())));
    // Other fields of a summary are its story's, not the document's.
    assert!(!f.metadata.iter().any(|(k, _, _)| k == "deposits delayed"));
    let f = read(
        "# Reason for Outage\n\nDear customer,\n\n## 1. Outage Details\n\n| Item | Details |\n|---|---|\n| Outage start | 2024-02-21 22:47 GST |\n| Outage end | 2024-02-22 03:12 GST |\n",
    );
    assert_eq!(window(&f), Some(("2024-02-21T22:47:00+04:00".into(), "2024-02-22T03:12:00+04:00".into())));
}

#[test]
fn a_range_of_times_marked_hrs() {
    let f = read("# UPI collect failures\n\n## Impact\n\nOn 04 March 2024 customers were impacted from 11:31 hrs to 14:18 hrs IST.\n");
    assert_eq!(window(&f), Some(("2024-03-04T11:31:00+05:30".into(), "2024-03-04T14:18:00+05:30".into())));
}

#[test]
fn a_blog_byline_with_its_reading_time_is_the_publication_line() {
    let f = read(
        "# How a schema change ran our DNS out of memory\n\n*Marisol Achterberg, Dev Raghunathan · 16 July 2024 · 12 min read*\n\nOn Sunday, 14 July 2024, between 06:52 and 08:19 UTC, queries failed.\n",
    );
    assert_eq!(f.published.map(|(d, _)| d.to_string()).as_deref(), Some("2024-07-16"));
    assert_eq!(f.prose_date.map(|(d, _)| d.to_string()).as_deref(), Some("2024-07-14"));
}

#[test]
fn a_letterhead_above_the_title_and_a_form_under_it() {
    let f = read(
        "**Northmoor Hospitals NHS Foundation Trust**\nDigital Services Directorate\n\n# Serious IT Incident Report (SBAR): Pathology results not reaching the EPR\n\n| | |\n|---|---|\n| **Date of incident** | 22/01/2024 |\n| **Event start** | 22.01.2024 09:02 GMT |\n\n## S — Situation\n\nText.\n",
    );
    assert_eq!(f.title.map(|t| t.text).as_deref(), Some("Serious IT Incident Report (SBAR): Pathology results not reaching the EPR"));
    let keys: Vec<&str> = f.metadata.iter().map(|(k, _, _)| k.as_str()).collect();
    assert_eq!(keys, ["date", "impact start"]);
    // A key and its value is no letterhead.
    let f = read("Subject: RCA - Portal unavailable\n\n# ROOT CAUSE ANALYSIS REPORT\n\nText.\n");
    assert_eq!(f.title.map(|t| t.text).as_deref(), Some("RCA - Portal unavailable"));
}

#[test]
fn a_plain_text_form_with_dotted_leaders() {
    let f = read(
        "FRONT RANGE FIBER - NOC\nPOST INCIDENT REPORT (PIR) - FINAL\n\nINCIDENT START ........ 03/11/2024 08:47 MDT\nINCIDENT END .......... 03/11/2024 09:58 MDT\nPREPARED BY ........... R. LUJAN\n\nROOT CAUSE:\n\nTHE SESSION WAS MIGRATED ON 03/08/2024.\n",
    );
    assert_eq!(window(&f), Some(("2024-03-11T08:47:00-06:00".into(), "2024-03-11T09:58:00-06:00".into())));
    assert!(f.metadata.iter().any(|(k, v, _)| k == "authors" && v == "R. LUJAN"), "{:?}", f.metadata);
}

#[test]
fn a_memo_with_numbered_sections_takes_its_subject() {
    let f = read(
        "SAGUARO VALLEY WATER & POWER DISTRICT\n\nMEMORANDUM\n\n**TO:** Board of Directors\n**FROM:** Dolores Archuleta, CIO\n**DATE:** July 24, 2024\n**RE:** After-Action Report — Portal Outage of July 16, 2024\n\n---\n\n## 1. Purpose\n\nThis memorandum reports on the outage.\n\n## 2. Background\n\nText.\n",
    );
    assert_eq!(f.title.map(|t| t.text).as_deref(), Some("After-Action Report — Portal Outage of July 16, 2024"));
    assert_eq!(f.published.map(|(d, _)| d.to_string()).as_deref(), Some("2024-07-24"));
}

#[test]
fn a_body_written_in_html_is_read_as_its_headings_paragraphs_and_lists() {
    // A blog post imported from WordPress: HTML blocks, CRLF line ends.
    let f = read(
        "<p>On Friday our mirror host was breached.&nbsp; All services are back.</p>\r\n<h2>What happened?</h2>\r\n<p>An SSH key of the\r\nbackup account was stolen, because it had no passphrase.</p>\r\n\r\n<h2>What are we changing?</h2>\r\n<ul>\r\n<li>Rotate every backup key.</li>\r\n<li>Require <strong>one-time passwords</strong> for sudo.</li>\r\n</ul>\r\n",
    );
    assert!(f.root_cause.as_ref().is_some_and(|c| c.text.contains("no passphrase")), "{:?}", f.root_cause);
    assert_eq!(f.root_cause.map(|c| c.line), Some(3));
    let titles: Vec<&str> = f.action_items.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(titles, ["Rotate every backup key.", "Require **one-time passwords** for sudo."]);
}

#[test]
fn updates_a_status_word_labels_are_a_timeline_wherever_they_stand() {
    let f = read(
        "# Datacenter power outage\n\n<p><strong>ISSUE:</strong> This morning the provider lost power.</p>\n<p><strong>UPDATE&nbsp;12:35 UTC:</strong>&nbsp;The provider announced power issues in two data centers.</p>\n<p><strong>UPDATE&nbsp;13:23:</strong> The UPS systems had switched off.</p>\n",
    );
    let entries: Vec<(&str, usize)> = f.timeline.events.iter().map(|e| (e.time_text.as_str(), e.line)).collect();
    assert_eq!(entries, [("UPDATE 12:35 UTC", 4), ("UPDATE 13:23", 5)]);
    // One such paragraph is prose that mentions a time.
    let f = read("# Outage\n\n**Update 12:35:** the provider announced power issues.\n");
    assert!(f.timeline.events.is_empty());
}

#[test]
fn a_log_in_a_pre_block_that_blank_lines_cut_is_code_not_a_timeline() {
    let log = "2021-06-24T01:33:45.531+0000 I NETWORK [listener] connection accepted\n2021-06-24T01:33:46.010+0000 I NETWORK [listener] connection accepted\n2021-06-24T01:34:08.000+0000 I COMMAND dropDatabase\n";
    let md = format!(
        "# A hacking\n\nWe found this in the logs:\n\n<div class=\"highlight\"><pre><code>\n\n{log}\n</code></pre></div>\n\nThe data was restored.\n"
    );
    let f = read(&md);
    assert!(f.timeline.events.is_empty(), "{:?}", f.timeline.events);
    // The same lines as prose are read as a timeline.
    assert!(!read(&format!("# A hacking\n\n{log}")).timeline.events.is_empty());
}

#[test]
fn a_metadata_header_without_delimiters_gives_the_title_and_is_not_the_lead() {
    // MultiMarkdown and Pelican write their metadata as the first lines.
    let f = read(
        "slug: pineblog-downtime\npublished: Mon, 17 Feb 2020 at 04:57 AM\ntitle: Pine.blog Downtime Post-Mortem\nauthor: Brian\n\nPine.blog was down for six hours today, and users could not load their feeds.\n\n### The Causes\n\nThe disk filled.\n",
    );
    let title = f.title.unwrap();
    assert_eq!((title.text.as_str(), title.line), ("Pine.blog Downtime Post-Mortem", 3));
    assert!(f.impact.is_some_and(|i| i.text.starts_with("Pine.blog was down")));
    // A level-1 heading keeps the title; lines that are not all fields are no header.
    assert_eq!(read("title: Header title\ndate: 2020-02-17\n\n# Heading title\n\nText.\n").title.unwrap().text, "Heading title");
    assert_eq!(metadata_header_title("title: A\nThe site was down for hours: users could not log in."), None);
}

#[test]
fn a_headers_duration_field_is_the_window_not_a_timeline_entry() {
    let f = read(
        "# hsb0 outage\n\n**Date**: 2025-01-10\n**Duration**: ~15 minutes (10:00 - 10:15 CET)\n**Impact**: DNS down for the house\n\n## Root cause\n\nThe disk was full.\n",
    );
    assert!(f.timeline.events.is_empty(), "{:?}", f.timeline.events);
    assert_eq!(window(&f), Some(("2025-01-10T10:00:00+01:00".into(), "2025-01-10T10:15:00+01:00".into())));
}

#[test]
fn start_and_end_fields_with_their_zone_note_and_japanese_ones_give_the_window() {
    let f = read(
        "# API 502s\n\n## Metadata\n\n- Start (UTC): 2026-02-06T14:55:33Z\n- End (UTC): 2026-02-06T15:05:15Z\n\n## Summary\n\nThe API returned 502s.\n",
    );
    assert_eq!(window(&f), Some(("2026-02-06T14:55:33+00:00".into(), "2026-02-06T15:05:15+00:00".into())));
    // A bare `Start:` may be a maintenance window's.
    let f = read(
        "# Mail outage\n\nThe window was scheduled for:\n\n**Start**: 2020-09-10 @ 04:00 UTC\n**End**: 2020-09-10 @ 12:00 UTC\n\nThe outage was short.\n",
    );
    assert_eq!(window(&f), None);
    let f =
        read("# 障害報告\n\n| 項目 | 内容 |\n|---|---|\n| 発生日時 | 2026-04-12 12:40 (JST) |\n| 復旧日時 | 2026-04-12 13:07 (JST) |\n");
    assert_eq!(window(&f), Some(("2026-04-12T12:40:00+09:00".into(), "2026-04-12T13:07:00+09:00".into())));
}

#[test]
fn an_action_item_table_without_its_heading_a_template_tag_before_the_title_and_japanese_sections() {
    let f = read(
        "**Root cause**: the Go versions differed.\n\n| Action Item | Type | Owner | Bug |\n|---|---|---|---|\n| Sync Go versions across validators | Prevention | Core team | DONE |\n| Alert on version drift | Detection | SRE | OPEN |\n",
    );
    assert_eq!(f.action_items.len(), 2);
    let f = read(
        "{{ page.description | default: \"In the event of a disruption, see below.\" }}\n\n# Current Information on Service Availability\n\nAll is well.\n",
    );
    assert_eq!(f.title.map(|t| t.text).as_deref(), Some("Current Information on Service Availability"));
    let f = read(
        "# 障害報告\n\n## タイムライン\n\n| 日時 | 内容 |\n|---|---|\n| 2026-04-12 12:40 | 発生 |\n| 2026-04-12 13:07 | **復旧**: 再ビルド完了 |\n\n## アクションアイテム\n\n- 監視を追加する\n- 手順書を更新する\n",
    );
    assert_eq!(f.action_items.len(), 2);
    assert_eq!(f.timeline.events.last().and_then(|e| e.kind), Some(crate::model::EventKind::Resolution));
}

#[test]
fn a_window_field_whose_ends_are_labelled() {
    let f = read(
        "# Workspace deletion loop\n\n| Field | Value |\n|---|---|\n| **Date** | 2026-03-02 |\n| **Duration** | ~2h (CRD wedged 21:01 UTC → resolved ~23:09 UTC) |\n\n## Summary\n\nText.\n",
    );
    assert_eq!(window(&f), Some(("2026-03-02T21:01:00+00:00".into(), "2026-03-02T23:09:00+00:00".into())));
    // Three times are no window.
    let f = read("# X\n\n**Duration**: 10:00 UTC, 11:00 UTC and 12:00 UTC checks\n\nText.\n");
    assert_eq!(window(&f), None);
}

#[test]
fn an_impact_field_that_says_what_happened_is_the_impact() {
    let f = read(
        "# Caddy outage\n\n- **Date of incident**: 2026-04-16\n- **Impact**: All HTTPS requests to the site failed for\n  thirty days.\n- **Severity**: high\n\n## Summary\n\nA deploy removed the virtual host.\n",
    );
    assert_eq!(f.impact.map(|i| (i.text, i.line)), Some(("All HTTPS requests to the site failed for thirty days.".into(), 4)));
    // A level or a range of times is not the impact's story.
    assert!(read("# X\n\n**Impact:** High\n\nText.\n").impact.is_none_or(|i| !i.text.contains("High")));
    let f = read("# X\n\n**Impact:** 10:05 IST – 11:48 IST (1 h 43 min)\n\nNothing else.\n");
    assert!(f.impact.is_none_or(|i| !i.text.starts_with("10:05")));
}

#[test]
fn a_russian_report_names_its_fields() {
    let f = read("# 0001 — Переполнение тома\n\nДата: 2031-09-18\nСтатус: устранено\n\n## Сводка\n\nТом заполнен.\n");
    let fields: Vec<(&str, &str)> = f.metadata.iter().map(|(k, v, _)| (k.as_str(), v.as_str())).collect();
    assert_eq!(fields, [("date", "2031-09-18"), ("status", "устранено")]);
}

#[test]
fn chinese_fields_with_full_width_colons_in_a_quoted_card() {
    let f = read("# [0007] Router 进程无守护\n\n> **首次发现**：2031-05-28  \n> **状态**：✅ 已修复  \n\n## 症状\n\n超时。\n");
    let fields: Vec<(&str, &str)> = f.metadata.iter().map(|(k, v, _)| (k.as_str(), v.as_str())).collect();
    assert_eq!(fields, [("date", "2031-05-28")]);
    // A quotation of prose is no card of fields.
    let f = read("# Outage\n\n> We saw errors: lots of them.\n> Then it stopped.\n\n## Summary\n\nText.\n");
    assert!(f.metadata.is_empty(), "{:?}", f.metadata);
}

#[test]
fn a_note_quoted_above_the_title() {
    let f = read(
        "> **Note:** prepared for public disclosure; host names are generic.\n\n# Postmortem: Validator attestation incidents\n\n## Incident 1\n\nText.\n",
    );
    assert_eq!(f.title.map(|t| t.text).as_deref(), Some("Postmortem: Validator attestation incidents"));
}
