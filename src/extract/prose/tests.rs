use super::*;
use crate::datetime::ZoneTable;
use crate::extract::blocks::{blocks, section_ranges};

fn cause(md: &str) -> Option<(String, String)> {
    let b = blocks(md, 1);
    let s = section_ranges(&b);
    root_cause(&b, &s).map(|l| (l.text, l.detail))
}

fn window_of(md: &str, date: &str) -> Option<(String, String)> {
    let zones = ZoneTable::default();
    let cx = Context { zones: &zones, date: date.parse().ok(), fallback_date: None, doc_zone: None, default_zone: None };
    let b = blocks(md, 1);
    let w = window(&b, &[], &cx, None)?;
    Some((w.started.map(|t| t.to_rfc3339()).unwrap_or_default(), w.resolved.map(|t| t.to_rfc3339()).unwrap_or_default()))
}

#[test]
fn labelled_root_cause_lines() {
    let (t, d) = cause("## Summary\n\nThe queue stalled.\n\n**Root cause:** a lease renewal loop held the lock forever.\n").unwrap();
    assert_eq!(t, "a lease renewal loop held the lock forever.");
    assert!(d.contains("Root cause"), "{d}");
}

#[test]
fn causal_sentences_in_the_summary() {
    let md = "## Summary\n\nOn Tuesday the billing export ran late. The delay was caused by a full disk on the export host. We are sorry.\n\n## Timeline\n\n- 10:00 start\n";
    let (t, d) = cause(md).unwrap();
    assert_eq!(t, "The delay was caused by a full disk on the export host.");
    assert!(d.contains("Summary") && d.contains("caused by"), "{d}");
}

#[test]
fn the_reason_for_this_outage_is_a_cause() {
    assert!(
        cause("Our web server lost its network.\n\nThe unofficial reason for this outage was a failure with a border gateway router.\n")
            .is_some()
    );
}

#[test]
fn causes_stated_in_other_languages() {
    for text in [
        "Ursache für den Ausfall war eine Netzstörung an der TU Dresden.",
        "La panne a été causée par une carte mère en fin de vie.",
        "El corte fue causado por un fallo del disco principal.",
        "今回の障害はハードウェアの障害によるものです。",
        "Przyczyną awarii był brak zasilania na węźle operatora.",
        "Příčinou výpadku byla porucha napájení v datacentru.",
        "Причиной сбоя стал отказ дискового массива.",
        "Avbrottet berodde på grund av ett strömavbrott i hallen.",
        "由于镜像站服务器的固态硬盘空间不足，同步均失败。",
    ] {
        assert!(cause(&format!("Wir informieren.\n\n{text}\n")).is_some(), "{text}");
    }
    assert_eq!(cause("Der Dienst ist wieder erreichbar und läuft stabil.\n"), None);
}

#[test]
fn hedged_and_perfect_tense_causes() {
    for text in [
        "It has turned out that the electric feeder cable outside the building was blown.",
        "This seems to be related to a raid (controller) failure on the node.",
        "The likely cause was that the fedora-messaging consumer was stuck.",
    ] {
        assert!(cause(&format!("We had an outage.\n\n{text}\n")).is_some_and(|(t, _)| t == text), "{text}");
    }
    assert_eq!(cause("We had an outage.\n\nQuestions related to billing go to the support desk.\n"), None);
}

#[test]
fn negated_or_unknown_causes_are_not_taken() {
    assert_eq!(cause("## Summary\n\nThe root cause is still unknown and being investigated by the vendor.\n"), None);
    assert_eq!(cause("## Summary\n\nThe slowdown was not caused by the deploy we shipped that morning.\n"), None);
}

#[test]
fn placeholder_cause_lines_are_skipped() {
    assert_eq!(cause("Root cause: TBD\n"), None);
}

#[test]
fn windows_written_as_ranges() {
    let zone = "2021-06-01";
    assert_eq!(
        window_of("The API was down from 9:05 AM EST to 9:57 AM EST after a bad deploy.\n", zone),
        Some(("2021-06-01T09:05:00-04:00".into(), "2021-06-01T09:57:00-04:00".into()))
    );
    assert_eq!(
        window_of("Users saw errors between 23:40 and 00:15 UTC.\n", zone),
        Some(("2021-06-01T23:40:00+00:00".into(), "2021-06-02T00:15:00+00:00".into()))
    );
    // Dates written with month names open the range; no context date needed.
    assert_eq!(
        window_of("* Date: June 1 2021, 11:30 AM UTC - June 2 2021, \\~17:30 PM UTC\n", "none"),
        Some(("2021-06-01T11:30:00+00:00".into(), "2021-06-02T17:30:00+00:00".into()))
    );
    assert_eq!(
        window_of("- **Outage (21:50-01:10 UTC / 14:50-18:10 PDT)**: checkout failed\n", zone),
        Some(("2021-06-01T21:50:00+00:00".into(), "2021-06-02T01:10:00+00:00".into()))
    );
    assert_eq!(
        window_of("## When\n\n2021-05-30 13:00 IST - 2021-05-31 15:00 IST\n", zone),
        Some(("2021-05-30T13:00:00+05:30".into(), "2021-05-31T15:00:00+05:30".into()))
    );
    // A time followed by what began then, and an end after `until`.
    assert_eq!(
        window_of("On Thursday at approximately 12:05 UTC our website went down, and the outage lasted until 15:01 UTC.\n", zone),
        Some(("2021-06-01T12:05:00+00:00".into(), "2021-06-01T15:01:00+00:00".into()))
    );
    // An aside in brackets after the start.
    assert_eq!(
        window_of("* On Sunday, from ~12:00 (maybe before) to 17:55 CEST, the websites were failing.\n", zone),
        Some(("2021-06-01T12:00:00+02:00".into(), "2021-06-01T17:55:00+02:00".into()))
    );
}

#[test]
fn windows_from_a_start_and_a_length() {
    assert_eq!(
        window_of("At 19:55 UTC the site went down; the outage lasted 47 minutes.\n", "2020-12-11"),
        Some(("2020-12-11T19:55:00+00:00".into(), "2020-12-11T20:42:00+00:00".into()))
    );
    // The time is the end when the sentence says it ended by then; the
    // length may be written in words.
    assert_eq!(
        window_of(
            "Payments were succeeding at normal rates again by 15:40 UTC, so the problem lasted about an hour and 35 minutes.\n",
            "2021-06-01"
        ),
        Some(("2021-06-01T14:05:00+00:00".into(), "2021-06-01T15:40:00+00:00".into()))
    );
    assert_eq!(
        window_of("The outage started at 10:00 UTC and lasted an hour and a half.\n", "2021-06-01"),
        Some(("2021-06-01T10:00:00+00:00".into(), "2021-06-01T11:30:00+00:00".into()))
    );
}

#[test]
fn version_numbers_are_not_windows() {
    assert_eq!(window_of("The upgrade from 1.13 to 1.14 caused an issue with DNS.\n", "2020-02-03"), None);
}

#[test]
fn a_time_pinned_in_the_opening_narrative() {
    let zones = ZoneTable::default();
    let cx = Context { zones: &zones, date: "2021-01-30".parse().ok(), fallback_date: None, doc_zone: None, default_zone: None };
    let md = "# Queue outage\n\nAt around 14:30 UTC on Saturday 30th January we started seeing failed jobs.\n\n## Fix\n\nAt 15:00 we restarted it.\n";
    let e = pinned_event(&blocks(md, 1), &cx, None).unwrap();
    assert_eq!(e.at.unwrap().to_rfc3339(), "2021-01-30T14:30:00+00:00");
    assert_eq!(e.kind, Some(EventKind::Impact));
    assert_eq!(e.line, 3);
    // No zone anywhere: nothing is placed.
    assert!(pinned_event(&blocks("At 14:30 the queue stopped.\n", 1), &cx, None).is_none());
    // The zone the sentence gives its other time.
    let e =
        pinned_event(&blocks("* On Saturday from ~12:00 (maybe before) to 17:55 CEST, the sites were failing.\n", 1), &cx, None).unwrap();
    assert_eq!(e.at.unwrap().to_rfc3339(), "2021-01-30T12:00:00+01:00");
    // Four digits and a zone, alone or ending a range.
    let e = pinned_event(&blocks("Between the hours of 1900 and 2100 UTC, the chain was degraded.\n", 1), &cx, None).unwrap();
    assert_eq!(e.at.unwrap().to_rfc3339(), "2021-01-30T19:00:00+00:00");
    let e = pinned_event(&blocks("At 1915 UTC, throughput jumped.\n", 1), &cx, None).unwrap();
    assert_eq!(e.at.unwrap().to_rfc3339(), "2021-01-30T19:15:00+00:00");
    // A year is no time, nor four digits without a zone.
    assert!(pinned_event(&blocks("In 1999 and 2021 the queue stopped.\n", 1), &cx, None).is_none());
}

#[test]
fn windows_from_start_and_end_words() {
    assert_eq!(
        window_of("On Tuesday we had an outage which started around 11:00 GMT, and was resolved at 23:01 GMT.\n", "2024-11-05"),
        Some(("2024-11-05T11:00:00+00:00".into(), "2024-11-05T23:01:00+00:00".into()))
    );
    assert_eq!(
        window_of(
            "Between approximately 2025-07-30 21:27 UTC and 2025-07-31 07:27 UTC the site ran with expired certificates.\n",
            "2025-07-30"
        ),
        Some(("2025-07-30T21:27:00+00:00".into(), "2025-07-31T07:27:00+00:00".into()))
    );
}

#[test]
fn a_cause_that_points_back_takes_the_sentence_before() {
    let (t, _) =
        cause("## Summary\n\nDuring an upgrade every ingress node was cordoned. This went unnoticed and caused an outage of 40 minutes.\n")
            .unwrap();
    assert_eq!(t, "During an upgrade every ingress node was cordoned. This went unnoticed and caused an outage of 40 minutes.");
}

#[test]
fn impact_described_in_the_summary() {
    let b = blocks(
        "## Summary\n\nWe upgraded the queue on Monday. Checkout was unavailable for most customers during the upgrade. We are sorry.\n\n## Timeline\n\n- 10:00 users could not log in\n",
        1,
    );
    let l = impact(&b).unwrap();
    assert_eq!(l.text, "Checkout was unavailable for most customers during the upgrade.");
    assert!(l.detail.contains("Summary"), "{}", l.detail);
}

fn local_window_of(md: &str, date: &str) -> Option<(String, String)> {
    let zones = ZoneTable::default();
    let cx = Context { zones: &zones, date: date.parse().ok(), fallback_date: None, doc_zone: None, default_zone: None };
    let b = blocks(md, 1);
    let w = window(&b, &[], &cx, None)?;
    let show = |t: Option<chrono::NaiveDateTime>| t.map(|t| t.to_string()).unwrap_or_default();
    Some((show(w.local.0), show(w.local.1)))
}

#[test]
fn windows_on_the_documents_clock_without_a_zone() {
    // Dot times after `at approximately`; no zone anywhere: wall-clock times.
    assert_eq!(
        local_window_of(
            "The storage failure started at approximately 14.05, and was fixed by the vendor at approximately 15.50.\n",
            "2031-06-03"
        ),
        Some(("2031-06-03 14:05:00".into(), "2031-06-03 15:50:00".into()))
    );
    // A sentence that only says when it was fixed, with `noon of <date>`.
    assert_eq!(
        local_window_of("## Now\n\nEverything has been restored since noon of June 9th, 2031.\n", "2031-06-03"),
        Some((String::new(), "2031-06-09 12:00:00".into()))
    );
    // A version number is not a time, and a time without a fix word is no end.
    assert_eq!(local_window_of("We upgraded to 10.16 and the queue has been slow since 14:00.\n", "2031-06-03"), None);
}

#[test]
fn a_paragraph_that_opens_with_its_time_starts_there() {
    let w = window_of(
        "At 2024-05-11 22:10 UTC a change to the CDN caused every index request to return 404. Builds failed to resolve dependencies until 2024-05-12 01:55 UTC.\n",
        "2024-05-11",
    );
    assert_eq!(w, Some(("2024-05-11T22:10:00+00:00".into(), "2024-05-12T01:55:00+00:00".into())));
}

#[test]
fn a_range_said_of_what_users_saw() {
    let w = window_of("Search returned an empty result list for every query between 10:05 and 10:52 UTC.\n", "2024-05-02");
    assert_eq!(w, Some(("2024-05-02T10:05:00+00:00".into(), "2024-05-02T10:52:00+00:00".into())));
}
