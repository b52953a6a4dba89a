use super::*;

fn w(text: &str) -> (When, String) {
    let (w, rest) = leading_when(text, &ZoneTable::default(), false).unwrap_or_else(|| panic!("no time in {text}"));
    (w, rest.to_string())
}

fn hm(h: u32, m: u32) -> Option<NaiveTime> {
    NaiveTime::from_hms_opt(h, m, 0)
}

#[test]
fn offsets_and_zulu_times_after_the_time() {
    let off = |text: &str| {
        let (x, rest) = w(text);
        (x.time, x.zone.map(|z| z.to_string()), rest)
    };
    assert_eq!(off("2026-03-10T08:45:00+01:00 Deploy started"), (hm(8, 45), Some("UTC+01:00".into()), "Deploy started".into()));
    assert_eq!(off("2026-03-10 09:10:00 +0100 Alert fired"), (hm(9, 10), Some("UTC+01:00".into()), "Alert fired".into()));
    assert_eq!(off("09:20 (UTC+5:30) Notes"), (hm(9, 20), Some("UTC+05:30".into()), "Notes".into()));
    assert_eq!(off("09:25 UTC+05:30 More notes"), (hm(9, 25), Some("UTC+05:30".into()), "More notes".into()));
    assert_eq!(off("09:30 GMT-3:30 St. John's"), (hm(9, 30), Some("UTC-03:30".into()), "St. John's".into()));
    assert_eq!(off("0935Z Alert acknowledged"), (hm(9, 35), Some("UTC".into()), "Alert acknowledged".into()));
    // Not offsets: a separator, a count, a range.
    assert_eq!(off("09:12 - Deploy"), (hm(9, 12), None, "Deploy".into()));
    assert_eq!(off("10:00 +2 errors"), (hm(10, 0), None, "+2 errors".into()));
    assert_eq!(off("10:05 Übergabe an das Team"), (hm(10, 5), None, "Übergabe an das Team".into()), "a word that is not ASCII");
    assert!(leading_when("1200 units shipped", &ZoneTable::default(), false).is_none(), "four digits without Z are not a time here");
}

#[test]
fn shapes_from_real_archives() {
    let (x, r) = w("2021-03-31 12:06");
    assert_eq!((x.date, x.time, r.as_str()), (NaiveDate::from_ymd_opt(2021, 3, 31), hm(12, 6), ""));
    assert_eq!(w("2021-12-10   15:40").0.time, hm(15, 40));
    assert_eq!(w("20202-01-16 12:00").0.date, NaiveDate::from_ymd_opt(2020, 1, 16));
    let (x, r) = w("[08:47] Prow's bump PR is merged");
    assert_eq!((x.time, r.as_str()), (hm(8, 47), "Prow's bump PR is merged"));
    let (x, r) = w("[03-26 23:04] The node is drained");
    assert_eq!((x.month_day, x.time, r.as_str()), (Some((3, 26)), hm(23, 4), "The node is drained"));
    let (x, r) = w("**04:10 UTC / 21:10 PDT**: Replica lag begins");
    assert_eq!((x.time, x.text.as_str(), r.as_str()), (hm(4, 10), "04:10 UTC / 21:10 PDT", "Replica lag begins"));
    let (x, r) = w("04:10-04:20 UTC (21:10-21:20 PDT) - Failover");
    assert_eq!((x.time, r.as_str()), (hm(4, 10), "Failover"));
    assert_eq!(w("\\~17:30 PM UTC").0.time, hm(17, 30));
    let (x, r) = w("2031-06-03[^2]: 09:10 deploy starts");
    assert_eq!((x.date, x.time, r.as_str()), (NaiveDate::from_ymd_opt(2031, 6, 3), hm(9, 10), "deploy starts"));
    let (x, r) = w("{{ 09:30 }} errors begin");
    assert_eq!((x.time, r.as_str()), (hm(9, 30), "errors begin"));
    let (x, r) = w("Tuesday 3rd 15:00 all clear");
    assert_eq!((x.day, x.time, r.as_str()), (Some(3), hm(15, 0), "all clear"));
    let (x, r) = w("[+6.5 hrs] Consensus fails again");
    assert_eq!((x.after, r.as_str()), (Some(chrono::Duration::minutes(390)), "Consensus fails again"));
    assert_eq!(w("T+15m: pager fires").0.after, Some(chrono::Duration::minutes(15)));
    let (x, r) = w("T+1:05 — Failover starts");
    assert_eq!((x.after, r.as_str()), (Some(chrono::Duration::minutes(65)), "Failover starts"));
    assert_eq!(w("T+0:03:30 paged").0.after, Some(chrono::Duration::seconds(210)));
    assert!(leading_when("[+2 Business Days Later] fixes staged", &ZoneTable::default(), false).is_none());
    let (x, r) = w("1:42-1:59 PM: Client releases");
    assert_eq!((x.time, x.meridiem, r.as_str()), (hm(13, 42), true, "Client releases"));
    assert_eq!(w("11:30-1:15 PM: Long call").0.time, hm(11, 30));
    assert_eq!(w("10:07-10:29 AM: Coordination").0.time, hm(10, 7));
    assert!(!w("10:07: Coordination").0.meridiem);
    let (x, r) = w("20:09 UTC: The user registers");
    assert_eq!((x.time, x.zone.map(|z| z.to_string()), r.as_str()), (hm(20, 9), Some("UTC".into()), "The user registers"));
    let (x, r) = w("**02:06: CDN propagated the changes**");
    assert_eq!((x.time, r.as_str()), (hm(2, 6), "CDN propagated the changes**"));
    assert_eq!(w("Sep 27 2017 13:06").0.date, NaiveDate::from_ymd_opt(2017, 9, 27));
    assert_eq!(w("Feb 21, 13:00").0.month_day, Some((2, 21)));
    assert_eq!(w("19. April, 11:00").0.month_day, Some((4, 19)));
    assert_eq!(w("2018-07-08 ca. 18:30").0.time, hm(18, 30));
    assert_eq!(w("2018-01-17 17:14pm").0.time, hm(17, 14));
    assert_eq!(w("07:30am - First report").1, "First report");
    assert_eq!(w("~13:30-13:45").0.time, hm(13, 30));
    assert_eq!(w("2:54 PM PST: text").0.time, hm(14, 54));
    let (x, _) = w("2024-11-05 14:54 PST (UTC-7)");
    assert_eq!(x.zone.map(|z| z.to_string()), Some("UTC-07:00".into()));
    let (x, rest) = w("2022-08-03 12:26-12:?? Fix deployed");
    assert_eq!((x.time, x.placeholder, rest.as_str()), (hm(12, 26), false, "Fix deployed"));
    assert!(leading_when("X11 forwarding broke", &ZoneTable::default(), false).is_none());
}

#[test]
fn dates_and_times_as_people_write_them() {
    let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd);
    assert_eq!(w("23/03/2021 10:00").0.date, d(2021, 3, 23));
    assert_eq!(w("03/23/2021 10:00").0.date, d(2021, 3, 23));
    assert_eq!(w("2022.10.20 14:00").0.date, d(2022, 10, 20));
    assert_eq!(w("20.10.2022 14:00").0.date, d(2022, 10, 20));
    assert_eq!(w("07-Jul-2020").0.date, d(2020, 7, 7));
    assert_eq!(w("Mar 11, 2021").0.date, d(2021, 3, 11));
    assert_eq!(w("11 March 2021").0.date, d(2021, 3, 11));
    let (x, r) = w("Thurs 07:06 PDT: The team was paged");
    assert_eq!((x.time, r.as_str()), (hm(7, 6), "The team was paged"));
    assert_eq!(w("Tuesday, March 5 2024 at noon").0.date, d(2024, 3, 5));
    assert_eq!(w("10:45a - restarted").0.time, hm(10, 45));
    assert_eq!(w("6pm: traffic drops").0.time, hm(18, 0));
    assert_eq!(w("11 a.m. call starts").0.time, hm(11, 0));
    assert_eq!(w("**09:41** alert").0.time, hm(9, 41));
    assert_eq!(w("`09:41` alert").0.time, hm(9, 41));
    assert_eq!(w("14:00:12 - pods restart").0.time, NaiveTime::from_hms_opt(14, 0, 12));
    let (x, r) = w("*2023-01-04/11:34*: provider blocks the address");
    assert_eq!((x.date, x.time, r.as_str()), (d(2023, 1, 4), hm(11, 34), "provider blocks the address"));
    let (x, r) = w("**Update: 06:32** - Disk IO is at 100%");
    assert_eq!((x.time, r.as_str()), (hm(6, 32), "Disk IO is at 100%"));
    assert_eq!(find_date("Inventory Outage (07-Jul-2020)", None), d(2020, 7, 7));
    assert_eq!(find_date("Post-mortem: backlogs on Aug 31, 2023", None), d(2023, 8, 31));
    assert_eq!(find_date("On Thursday 31 August at 7:06am PDT, we saw", Some(2023)), d(2023, 8, 31));
    assert_eq!(find_date("Version 3 shipped", Some(2023)), None);
    assert_eq!(find_date("went down on March 12<sup>th</sup>, 2019.", None), d(2019, 3, 12));
    assert_eq!(find_date("4-8th November 2024 Incident related to logins", None), d(2024, 11, 4));
    assert_eq!(find_date("June 3-4, 2031 - Two separate outages", None), d(2031, 6, 3));
    // Month names in other languages, and joining words.
    assert_eq!(find_date("am 12. März 2031 fiel der Server aus", None), d(2031, 3, 12));
    assert_eq!(find_date("le 4 juin 2031", None), d(2031, 6, 4));
    assert_eq!(find_date("el 5 de marzo de 2031", None), d(2031, 3, 5));
    // A date that closes an emphasis keeps its year.
    assert_eq!(find_date("*Posted by Ann Lee — April 18, 2031*", None), d(2031, 4, 18));
    assert_eq!(find_date("_Updated 18 April 2031_", None), d(2031, 4, 18));
    assert_eq!(find_date("palvelin meni alas maaliskuun 12. päivä", Some(2031)), d(2031, 3, 12));
    assert_eq!(find_date("on the 12 of March 2031", None), d(2031, 3, 12));
    // A year before a colon is the year, not a time (`20:31`).
    let (x, _) = w("June 3, 2031: Checkout timeline");
    assert_eq!((x.date, x.time), (d(2031, 6, 3), None));
}

#[test]
fn placeholders_are_marked() {
    assert!(w("2024-03-13 HH:mm").0.placeholder);
    assert!(w("2019-12-03 --:--").0.placeholder);
    assert!(w("2024-03-13 14:??").0.placeholder);
    assert!(w("[???] IOPS reached").0.placeholder);
    assert!(w("2X:XX (not sure)").0.placeholder);
    let (x, _) = w("2021-12-10");
    assert!(x.time.is_none() && x.date.is_some() && !x.placeholder);
}

#[test]
fn prose_is_not_a_time() {
    let z = ZoneTable::default();
    assert!(leading_when("Users report errors", &z, false).is_none());
    assert!(leading_when("404 errors everywhere", &z, false).is_none());
    assert!(leading_when("0730 - 1230", &z, true).is_some());
    assert!(leading_when("[overview](https://x)", &z, false).is_none());
}

#[test]
fn a_dot_may_part_the_time_from_the_text() {
    let z = ZoneTable::default();
    for text in ["18:31 · Deploy", "18:31 • Deploy", "**18:31** · Deploy"] {
        let (w, rest) = leading_when(text, &z, false).unwrap();
        assert_eq!((w.time.map(|t| t.to_string()), rest), (Some("18:31:00".to_string()), "Deploy"), "{text}");
    }
    let (w, rest) = leading_when("7 Feb 2031 · 16:41 GMT", &z, false).unwrap();
    assert_eq!(
        (w.date.map(|d| d.to_string()), w.time.map(|t| t.to_string()), rest),
        (Some("2031-02-07".into()), Some("16:41:00".into()), "")
    );
}

#[test]
fn slashed_dates_in_the_order_the_document_writes_them() {
    let z = ZoneTable::default();
    let date = |t: &str| leading_when(t, &z, false).and_then(|(w, _)| w.date).map(|d| d.to_string());
    assert_eq!(date("11/06/2031"), Some("2031-11-06".into()));
    {
        let _order = DayOrder::scope("Incident date: 11/06/2031\nReview: 14/06/2031\n");
        assert_eq!(date("11/06/2031"), Some("2031-06-11".into()));
    }
    assert_eq!(date("11/06/2031"), Some("2031-11-06".into()), "the order ends with its scope");
    // Both orders written: the US reading stays.
    {
        let _order = DayOrder::scope("14/06/2031 and 06/15/2031");
        assert_eq!(date("11/06/2031"), Some("2031-11-06".into()));
    }
    // A weekday in front says which: 11 March 2025 was a Tuesday.
    let _order = DayOrder::scope("| Date | Tuesday 11/03/2025 |");
    assert_eq!(date("11/03/2025"), Some("2025-03-11".into()));
    let _order = DayOrder::scope("Monday, 11/03/2025");
    assert_eq!(date("11/03/2025"), Some("2025-11-03".into()));
}

#[test]
fn dashed_dates_in_the_order_the_document_writes_them() {
    let z = ZoneTable::default();
    let date = |t: &str| leading_when(t, &z, false).and_then(|(w, _)| w.date).map(|d| d.to_string());
    // With nothing to say otherwise, a dash puts the day first.
    assert_eq!(date("01-10-2024"), Some("2024-10-01".into()));
    {
        // A US writer's `01-31-2024` elsewhere: month first throughout.
        let _order = DayOrder::scope("01-10-2024\n\n01-31-2024 - The fix was merged\n");
        assert_eq!(date("01-10-2024"), Some("2024-01-10".into()));
        // And for slashed dates in the same document.
        assert_eq!(date("03/04/2024"), Some("2024-03-04".into()));
    }
    {
        let _order = DayOrder::scope("Opened 22-08-2024, closed 03-09-2024");
        assert_eq!(date("03-09-2024"), Some("2024-09-03".into()));
        assert_eq!(date("03/09/2024"), Some("2024-09-03".into()), "a day-first writer's slashes too");
    }
    // A two-digit year after dashes only where one reading alone is a date.
    assert_eq!(date("5-26-21"), Some("2021-05-26".into()));
    assert_eq!(date("26-5-21"), Some("2021-05-26".into()));
    assert_eq!(date("5-10-21"), None);
    // ISO dates, times and numbers are no evidence.
    assert_eq!(super::dates::written_order("2024-01-31 10-12 555-13-14 1-2"), None);
}

#[test]
fn a_range_of_days_dates_its_first() {
    let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd);
    assert_eq!(find_date("This review covers the episode from 8 to 10 July 2031.", None), d(2031, 7, 8));
    assert_eq!(find_date("between 3 and 5 March 2031", None), d(2031, 3, 3));
    // A count before a date is no range.
    assert_eq!(find_date("we shipped 30 to 10 July 2031 customers", None), d(2031, 7, 10));
}

#[test]
fn dates_as_us_notices_wiki_headings_and_numbered_updates_write_them() {
    let z = ZoneTable::default();
    let when = |t: &str| {
        leading_when(t, &z, false)
            .map(|(w, rest)| (w.date.map(|d| d.to_string()), w.month_day, w.time.map(|t| t.to_string()), rest.to_string()))
    };
    assert_eq!(
        when("Mon 3/11, 9:40 PM — lustre MDS crashes"),
        Some((None, Some((3, 11)), Some("21:40:00".into()), "lustre MDS crashes".into()))
    );
    assert_eq!(when("2024 March 12 09:14 PDT"), Some((Some("2024-03-12".into()), None, Some("09:14:00".into()), "".into())));
    assert_eq!(when("Update 2 – 15:20 CET").and_then(|w| w.2), Some("15:20:00".into()));
    // A fraction is no date.
    assert_eq!(when("1/2 of the nodes"), None);
    // The year written once, at the end of a range of days.
    let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd);
    assert_eq!(find_date("Between 11:20 PM on 19 February and 9:15 AM on 20 February 2024 AEDT", None), d(2024, 2, 19));
    assert_eq!(find_date("Released 3 March; the outage on 20 February 2024 was unrelated", None), d(2024, 2, 20));
}

#[test]
fn org_mode_stamps_with_a_weekday() {
    let z = ZoneTable::default();
    let (w, rest) = leading_when("[2024-11-19 Tue 09:31] Renderer 4.12.0 deployed", &z, false).unwrap();
    assert_eq!((w.date.map(|d| d.to_string()), w.time.map(|t| t.to_string())), (Some("2024-11-19".into()), Some("09:31:00".into())));
    assert_eq!(rest, "Renderer 4.12.0 deployed");
}

#[test]
fn east_asian_dates() {
    let z = ZoneTable::default();
    let when = |t: &str| {
        leading_when(t, &z, false)
            .map(|(w, rest)| (w.date.map(|d| d.to_string()), w.month_day, w.time.map(|t| t.to_string()), rest.to_string()))
    };
    assert_eq!(when("4月9日 09:40 Kafka upgrade"), Some((None, Some((4, 9)), Some("09:40:00".into()), "Kafka upgrade".into())));
    let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd);
    assert_eq!(find_date("2024年4月9日（星期二）10时23分至13时52分", None), d(2024, 4, 9));
    assert_eq!(find_date("2024년 3월 5일(화) 로그인 장애", None), d(2024, 3, 5));
    assert_eq!(find_date("13月40日", None), None);
}

#[test]
fn weekdays_as_prose_names_them() {
    use chrono::Weekday;
    assert_eq!(weekday_in_prose("Saturday"), Some(Weekday::Sat));
    assert_eq!(weekday_in_prose("sat"), None);
    assert_eq!(weekday_in_prose("SATURDAY"), None);
    let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
    assert_eq!(on_or_before(d(2024, 10, 28), Weekday::Sat), d(2024, 10, 26));
    assert_eq!(on_or_before(d(2024, 10, 28), Weekday::Mon), d(2024, 10, 28));
    assert_eq!(first_year("14 November 2024, 14:50 CET"), Some(2024));
    assert_eq!(first_year("INC-12345 at 1405"), None);
}

#[test]
fn a_year_at_the_end_of_a_links_text() {
    assert_eq!(
        find_date("introduced on [Jun 4th, 2015](https://example.com/pull/137) and fixed", Some(2021)),
        NaiveDate::from_ymd_opt(2015, 6, 4)
    );
    assert_eq!(super::leading_date_of("April 19th 2021](https://example.com/pull/303).", None), NaiveDate::from_ymd_opt(2021, 4, 19));
    assert_eq!(super::leading_date_of("Tuesday 3 May, at noon", Some(2022)), NaiveDate::from_ymd_opt(2022, 5, 3));
}

#[test]
fn approximate_times_marked_with_plus_minus() {
    let z = ZoneTable::default();
    let time = |t: &str| leading_when(t, &z, false).and_then(|(w, _)| w.time).map(|t| t.to_string());
    assert_eq!(time("**± 17:20 UTC:** the engineer takes a snapshot"), Some("17:20:00".into()));
    assert_eq!(time("≈ 09:05 first errors"), Some("09:05:00".into()));
}

#[test]
fn four_digit_times_with_a_zone_and_dates_with_a_month_name_between_dashes() {
    let (x, rest) = w("1936 UTC: v22.0.1 is released");
    assert_eq!((x.time, x.zone.map(|z| z.to_string()), rest.as_str()), (hm(19, 36), Some("UTC".into()), "v22.0.1 is released"));
    assert_eq!(w("Feb 10 1541 UTC: fix committed").0.time, hm(15, 41));
    assert!(leading_when("2019 saw three outages", &ZoneTable::default(), false).is_none());
    assert!(leading_when("1200 units shipped UTC", &ZoneTable::default(), false).is_none());
    assert_eq!(w("2025-Feb-07").0.date, NaiveDate::from_ymd_opt(2025, 2, 7));
    assert_eq!(w("2025-DEC-5: chain halted").0.date, NaiveDate::from_ymd_opt(2025, 12, 5));
    assert!(leading_when("2025-Febx-07", &ZoneTable::default(), false).is_none());
}

#[test]
fn weekday_names_of_any_text() {
    assert_eq!(dates::weekday_named("Weds"), Some(chrono::Weekday::Wed));
    // Not a character boundary at three bytes.
    assert_eq!(dates::weekday_named("𝒥ᨡg"), None);
}

#[test]
fn a_range_of_days_with_weekdays_and_ordinals_starts_on_its_first() {
    let d = |t: &str| find_date(t, None);
    assert_eq!(d("affected the cluster on Sunday 19th through Monday 20th of February 2017."), NaiveDate::from_ymd_opt(2017, 2, 19));
    assert_eq!(d("from 8 to 10 July 2031"), NaiveDate::from_ymd_opt(2031, 7, 8));
    assert_eq!(d("on Monday 20th of February 2017"), NaiveDate::from_ymd_opt(2017, 2, 20));
}

#[test]
fn a_date_followed_by_another_date_has_no_time() {
    let z = ZoneTable::default();
    let (x, _) = leading_when("2026-06-20, 2026-06-21", &z, true).unwrap();
    assert_eq!((x.date, x.time, x.zone), (NaiveDate::from_ymd_opt(2026, 6, 20), None, None));
    assert_eq!(leading_when("2026-06-20, 10:30 UTC", &z, true).unwrap().0.time, hm(10, 30));
}

#[test]
fn month_day_cells_with_an_approximate_time_and_two_digit_years_after_a_month_name() {
    let z = ZoneTable::default();
    let (x, _) = leading_when("09-26 ~22:45", &z, true).unwrap();
    assert_eq!((x.month_day, x.time), (Some((9, 26)), hm(22, 45)));
    let (x, _) = leading_when("1:00 PM, 20-Dec-18: Outage due to AC failure", &z, false).unwrap();
    assert_eq!(x.time, hm(13, 0));
    assert_eq!(w("20-Dec-18: outage").0.date, NaiveDate::from_ymd_opt(2018, 12, 20));
}

#[test]
fn a_time_written_as_a_bound() {
    let (x, rest) = w("Before 13:22, October 2 | Closed 37 older drafts");
    assert_eq!(x.time, hm(13, 22));
    assert!(rest.contains("Closed"), "{rest}");
    let (x, _) = w("After 02:10 CET");
    assert_eq!(x.time, hm(2, 10));
    for prose in ["After 2 hours the queue drained", "After the restart, errors stopped", "After 3 retries it worked"] {
        assert!(leading_when(prose, &ZoneTable::default(), false).is_none_or(|(x, _)| x.time.is_none()), "{prose}");
    }
}
