//! Action items: one test per shape, on fixtures written for them.
use super::*;
use crate::extract::blocks::blocks;

fn items(md: &str) -> Vec<ActionItem> {
    recognise(&blocks(md, 1))
}

#[test]
fn lists_with_status_links_and_owners() {
    let a = items(
        "- [x] Add log metric [GitHub Issue](https://github.com/o/r/issues/365)\n- [ ] Fix alerts : alice\n- Make sure everybody is emailed (DONE)\n- TBD\n- Rotate certs (owner: sre-team), see OPS-1432\n",
    );
    assert_eq!(a.len(), 4);
    assert_eq!(
        (a[0].status, a[0].tracker.as_deref(), a[0].url.as_deref()),
        (ActionStatus::Done, Some("#365"), Some("https://github.com/o/r/issues/365"))
    );
    assert_eq!((a[1].title.as_str(), a[1].owner.as_deref()), ("Fix alerts", Some("alice")));
    assert_eq!(a[2].status, ActionStatus::Done);
    assert_eq!((a[3].owner.as_deref(), a[3].tracker.as_deref()), (Some("sre-team"), Some("OPS-1432")));
}

#[test]
fn one_action_per_sub_heading_with_prose_under_it() {
    let a = items(
        "#### Validate the config schema\n\nThe loader accepted a typo.\n\n#### Replay recovery\n\n##### Stuck replicas\n\nRewind them.\n",
    );
    let titles: Vec<&str> = a.iter().map(|x| x.title.as_str()).collect();
    assert_eq!(titles, ["Validate the config schema", "Replay recovery"]);
    let c = items("### 1. Short-Term (done)\n\n* [x] Patched the SDK\n\n### 2. Long-Term\n\n* Rehearse upgrades\n");
    assert_eq!(c.iter().map(|x| x.title.as_str()).collect::<Vec<_>>(), ["Patched the SDK", "Rehearse upgrades"]);
    let d = items("### Identified problems\n- No fallback router\n### Improvement plan\n- Add a jump host\n");
    assert_eq!(d.iter().map(|x| x.title.as_str()).collect::<Vec<_>>(), ["Add a jump host"]);
    let e = items(
        "We are adding tests that\nrun on every change.\n\nWe will alert on failed\nlookups as well.\n\nOnce again, we apologise for\nthe disruption.\n",
    );
    assert_eq!(e.len(), 2, "{e:?}");
    let f = items(
        "We will rotate the keys every\nmonth from now on.\n\nWe will alert on expiry\nas well.\n\nquintus<br/>\non behalf of the team.\n",
    );
    assert_eq!(f.len(), 2, "{f:?}");
    // Sub-headings that name a kind of action are categories, not actions.
    let b = items("### Short term\n\nWe will add a disk alert and we will rotate logs hourly.\n");
    assert!(b.iter().all(|x| x.title != "Short term"), "{b:?}");
}

#[test]
fn one_line_groups_beside_listed_groups() {
    let a = items(
        "### Builder\n\nCap the memory of build pods (#159).\n\n### Hub\n\nKeep user pods when the hub restarts.\n\n### Process\n\n1. Name one driver.\n2. Alert on 4xx responses.\n",
    );
    let titles: Vec<&str> = a.iter().map(|x| x.title.as_str()).collect();
    assert_eq!(titles.len(), 4, "{titles:?}");
    assert!(titles[0].starts_with("Cap the memory") && titles[1].starts_with("Keep user pods"), "{titles:?}");
    // A paragraph that introduces a list is not an action; nor is a
    // group's line when no group lists any.
    let b = items(
        "### Builder\n\nWe will do the following:\n\n- Cap the memory\n\n### Hub\n\nSee the tracking issue for details.\n\n- Keep user pods\n",
    );
    assert_eq!(b.len(), 2, "{b:?}");
    // Nor is a line beside a group's table, Markdown or HTML.
    let t = items(
        "### Builder\n\nThese are tracked on the board below.\n\n| Action | Owner |\n|---|---|\n| Cap the memory | Ana |\n\n### Hub\n\n- Keep user pods\n",
    );
    assert_eq!(t.iter().map(|x| x.title.as_str()).collect::<Vec<_>>(), ["Cap the memory", "Keep user pods"]);
    let h = items(
        "### Builder\n\nThese are tracked on the board below.\n\n<table><tr><th>Action</th><th>Owner</th></tr><tr><td>Cap the memory</td><td>Ana</td></tr></table>\n\n### Hub\n\n- Keep user pods\n",
    );
    assert_eq!(h.iter().map(|x| x.title.as_str()).collect::<Vec<_>>(), ["Cap the memory", "Keep user pods"]);
    let c = items("### Cap the memory of build pods\n\nThe builder used all of it.\n");
    assert_eq!(c.iter().map(|x| x.title.as_str()).collect::<Vec<_>>(), ["Cap the memory of build pods"]);
}

#[test]
fn numbered_headings_labels_and_introduced_lists() {
    let a = items("#### 1) Disk alerts added @sam\n\nSome detail.\n\n#### 2) Rotate the logs hourly\n");
    assert_eq!(a.len(), 2);
    assert_eq!((a[0].title.as_str(), a[0].owner.as_deref()), ("Disk alerts added", Some("@sam")));
    let b = blocks(
        "The disk filled.\n\nTo prevent this in the future, we have made these changes:\n\n1. Alert at 80% full\n2. Rotate logs hourly\n\nAction item: page the owner on rotation failures\n\n- TODO: document the cleanup\n",
        1,
    );
    let l = loose(&b);
    let titles: Vec<&str> = l.iter().map(|x| x.title.as_str()).collect();
    assert_eq!(titles, ["Alert at 80% full", "Rotate logs hourly", "page the owner on rotation failures", "document the cleanup"]);
    // A list introduced as changes made or to make.
    let b =
        blocks("The card had expired.\n\nWe've already made a few changes:\n\n- Registered for ten years\n- Notices go to an alias\n", 1);
    assert_eq!(loose(&b).len(), 2);
    let b = blocks("The deploy included the following changes:\n\n- New pool size\n", 1);
    assert!(loose(&b).is_empty(), "changes that were deployed are not actions");
    // A bold label needs no colon; a plain word does.
    let b =
        blocks("**TODO** a ZFS exporter alerting on disk space\n\n**TODO**: check space before the import\n\nTodo items were few.\n", 1);
    let titles: Vec<String> = loose(&b).into_iter().map(|x| x.title).collect();
    assert_eq!(titles, ["a ZFS exporter alerting on disk space", "check space before the import"]);
}

#[test]
fn one_follow_up_per_prose_paragraph() {
    let a = items(
        "The monitor should page more people. Ideally it\nwould ping chat directly.\n\nThe docs monitor checks the wrong\nhost. (fixed by adding an entry)\n",
    );
    let titles: Vec<&str> = a.iter().map(|x| x.title.as_str()).collect();
    assert_eq!(titles, ["The monitor should page more people.", "The docs monitor checks the wrong host."]);
}

#[test]
fn commitments_in_prose() {
    let a = items("We are going to add automatic backups for the new server. The old\nserver is gone. We will also set up a CI service.\n");
    let titles: Vec<&str> = a.iter().map(|x| x.title.as_str()).collect();
    assert_eq!(titles, ["We are going to add automatic backups for the new server.", "We will also set up a CI service."]);
}

#[test]
fn changes_counted_out_in_prose() {
    let a = items(
        "Several changes have to be made.\n\nThe first change is to move the databases into a private network.\n\nThe second change is to use database authentication everywhere.\n\nLastly, a change needs to be made to who may drop a database.\n\nBackups saved us.\n",
    );
    assert_eq!(a.len(), 3, "{a:?}");
}

#[test]
fn tables_by_header() {
    let a = items(
        "| Action | Owner | Status | Ticket | Due |\n|---|---|---|---|---|\n| Add alert | Ana | Done | PAY-12 | 2024-04-01 |\n| TBD | | | | |\n",
    );
    assert_eq!(a.len(), 1);
    assert_eq!((a[0].owner.as_deref(), a[0].status, a[0].tracker.as_deref()), (Some("Ana"), ActionStatus::Done, Some("PAY-12")));
    assert_eq!(a[0].due.map(|d| d.to_string()).as_deref(), Some("2024-04-01"));
    assert_eq!(a[0].line, 3);
}

#[test]
fn owners_after_a_separator() {
    for (text, title, owner) in [
        ("Add index health checks — owner: Ravi", "Add index health checks", "Ravi"),
        ("Document the runbook – Owner: Asha Rao", "Document the runbook", "Asha Rao"),
        ("Rotate the keys; DRI: sam", "Rotate the keys", "sam"),
        ("Test firmware for two weeks. (Responsible: Mr. Haberland)", "Test firmware for two weeks.", "Mr. Haberland"),
        ("Alert on pool saturation - @li", "Alert on pool saturation", "@li"),
        ("Add a canary stage (owner: maria)", "Add a canary stage", "maria"),
    ] {
        assert_eq!(split_owner(text), (title.to_string(), Some(owner.to_string())), "{text}");
    }
    // `owner:` inside a word is not a label.
    assert_eq!(split_owner("Ask the coowner: who runs it").1, None);
}

#[test]
fn false_trackers_are_ignored() {
    assert_eq!(tracker_and_url("Patch CVE-2021-44228 before UTC-7 noon, COVID-19").0, None);
}

#[test]
fn categories_set_the_kind() {
    let a = items("### Process improvements\n\n1. Write a runbook\n");
    assert_eq!(a[0].kind, Some(ActionKind::Process));
}

#[test]
fn enumerations_in_running_text() {
    // One action per item of `(a) …, (b) … and (c) …`, in a prose section.
    let a = items(
        "Going forward we plan to (a) move the EU volume to XFS, (b) add inode\nusage to the disk alerts, and (c) note the error in the runbook. None of\nthis is expensive.\n\nThanks to everyone who reported the problem with useful\ndetails.\n",
    );
    let titles: Vec<&str> = a.iter().map(|x| x.title.as_str()).collect();
    assert_eq!(titles, ["move the EU volume to XFS", "add inode usage to the disk alerts", "note the error in the runbook"]);
    // Numbered, in one sentence among others.
    let a = items("The pool was small. We will 1) raise the pool size\nand 2) alert on waits. That is all.\n");
    let titles: Vec<&str> = a.iter().map(|x| x.title.as_str()).collect();
    assert_eq!(titles, ["raise the pool size", "alert on waits"]);
}

#[test]
fn bold_leads_and_fields_after_the_title() {
    let a = items(
        "- **Alert on APNs 429s** — Owner: Yui Tanaka — Priority: High — Linear: PLAT-902\n- **FU-1** Split the risk config into two files. Owner: Risk Tech. Due: 15 Nov 2031.\n- Publish a merchant note. Owner: Merchant Success. Done.\n",
    );
    type Read<'a> = (&'a str, Option<&'a str>, Option<String>, Option<&'a str>, ActionStatus);
    let got: Vec<Read> =
        a.iter().map(|x| (x.title.as_str(), x.owner.as_deref(), x.due.map(|d| d.to_string()), x.tracker.as_deref(), x.status)).collect();
    assert_eq!(
        got,
        [
            ("Alert on APNs 429s", Some("Yui Tanaka"), None, Some("PLAT-902"), ActionStatus::Open),
            ("Split the risk config into two files.", Some("Risk Tech"), Some("2031-11-15".into()), Some("FU-1"), ActionStatus::Open),
            ("Publish a merchant note.", Some("Merchant Success"), None, None, ActionStatus::Done),
        ]
    );
    // A dash where the 40th byte after `Due:` falls is no panic.
    let a = items("- Fix it. Due: 15 Nov 2031. ——————————————————————\n");
    assert_eq!(a[0].due.map(|d| d.to_string()), Some("2031-11-15".into()));
}

#[test]
fn commitments_in_unwrapped_prose() {
    // Paragraphs on one line each: an intro, commitments, a sign-off.
    let a = items(
        "We are taking these steps to prevent a recurrence:\n\nWe will add range validation for limits. The check is in review.\n\nWe will make deploy events best-effort.\n\nIf you have questions, please contact support.\n",
    );
    let titles: Vec<&str> = a.iter().map(|x| x.title.as_str()).collect();
    assert_eq!(titles, ["We will add range validation for limits.", "We will make deploy events best-effort."]);
    // Several commitments in one paragraph, two of them in one sentence.
    let b = items(
        "We will verify every key. We will also add a per-cluster alert. In addition, we will require a second reviewer, and we will open a case with the vendor.\n\nWe apologize to our customers.\n",
    );
    let titles: Vec<&str> = b.iter().map(|x| x.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "We will verify every key.",
            "We will also add a per-cluster alert.",
            "In addition, we will require a second reviewer",
            "We will open a case with the vendor."
        ]
    );
    // A commitment beside an apology in the same paragraph is kept.
    let c = items("We are adding captured assertions to our test suite. We are sorry for the disruption.\n");
    assert_eq!(c.len(), 1, "{c:?}");
}

#[test]
fn a_paragraph_per_follow_up_keeps_its_later_commitments_with_it() {
    let a = items(
        "We are looking into disallowing\nnames that impersonate teams. We will be updating our policies. We will be\ndeciding the wording soon.\n\nThe team would like to reiterate\nthat this is not appropriate. We will add a policy.\n",
    );
    assert_eq!(a.len(), 2, "{a:?}");
    // One wrapped paragraph of commitments: each of them.
    let b = items(
        "We will verify every key\nbefore closing. We will also add\na per-cluster alert.\n\nWe apologize to our customers\nfor the inconvenience.\n",
    );
    assert_eq!(b.len(), 2, "{b:?}");
}

#[test]
fn lettered_paragraphs_are_items_whatever_their_sentences() {
    let a = items(
        "a) Firmware is tested for two weeks first. (Responsible: Mr. Haberland)\n\nb) The monitoring checks read-only mode. (Responsible: Mrs. Yilmaz)\n",
    );
    let got: Vec<(&str, Option<&str>)> = a.iter().map(|x| (x.title.as_str(), x.owner.as_deref())).collect();
    assert_eq!(
        got,
        [
            ("Firmware is tested for two weeks first.", Some("Mr. Haberland")),
            ("The monitoring checks read-only mode.", Some("Mrs. Yilmaz"))
        ]
    );
}

#[test]
fn steps_counted_off_in_a_paragraph() {
    let md = "We are taking several actions to prevent a recurrence of this event. First, we have disabled the expansion workflow until the template is fixed. Second, we will change the controller so that it backs off. Third, we will limit expansion to one cell at a time. Finally, we will improve our health checks.\n\nWe apologize for the impact.\n";
    let titles: Vec<String> = loose(&blocks(md, 1)).into_iter().map(|a| a.title).collect();
    assert_eq!(
        titles,
        [
            "We have disabled the expansion workflow until the template is fixed.",
            "We will change the controller so that it backs off.",
            "We will limit expansion to one cell at a time.",
            "We will improve our health checks."
        ]
    );
    // Counting off what happened is no plan.
    let story = "First, the disk filled. Second, the replica fell behind. Then we paged the team.\n";
    assert!(loose(&blocks(story, 1)).is_empty());
}

#[test]
fn a_named_action_is_no_group_and_a_make_good_is_no_action() {
    let md = "### 4.3 Regular failover exercises\n\nWe will run a failover every quarter.\n\n### 4.4 Clearer status communication\n\nOur status templates will name the features that are down.\n\nIf you were affected, customers on plans with an SLA will receive credits automatically.\n";
    let titles: Vec<String> = items(md).into_iter().map(|a| a.title).collect();
    assert_eq!(titles.len(), 2, "{titles:?}");
    assert!(titles[1].contains("status communication"), "{titles:?}");
    assert!(groups_actions("Process and documentation"));
    assert!(groups_actions("Monitoring improvements"));
    assert!(!groups_actions("Clearer status communication"));
}

#[test]
fn a_mail_archives_signature_and_navigation_are_no_actions() {
    let md = "## Things we will do\n\n 1. Add a third keyholder.\n 2. Document the re-signing procedure.\n\nNot going to do: removing the expiry.\n\n--\nNils\n\n-------------- next part --------------\nA non-text attachment was scrubbed...\n\n- Previous message (by thread): [other](000412.html)\n- Next message (by thread): [this](000414.html)\n";
    let titles: Vec<String> = items(md).into_iter().map(|a| a.title).collect();
    assert_eq!(titles, ["Add a third keyholder.", "Document the re-signing procedure."]);
}

#[test]
fn names_and_data_tables_in_an_action_section_are_not_actions() {
    let b = blocks(
        "- staticshare\n- `COPYRIGHT_QUERY`\n- https://github.com/org/repo/issues/320\n- Proxy every subdomain through the CDN\n\n| Type | Name |\n|---|---|\n| CNAME | publications.example.gov |\n\n| # | 内容 | 担当者 | 期限 |\n|---|---|---|---|\n| 1 | 監視を追加する | SRE | 2026-05-01 |\n",
        1,
    );
    let titles: Vec<String> = recognise(&b).into_iter().map(|a| a.title).collect();
    assert_eq!(titles, ["https://github.com/org/repo/issues/320", "Proxy every subdomain through the CDN", "監視を追加する"]);
}

#[test]
fn paragraphs_led_by_a_bold_label_are_one_follow_up_each() {
    let a = items(
        "The team was not aware of the shared queue. They did not know which to use.\n\n**Documentation:** We wrote expectations for each queue. We listed best practices.\n\n**Runbook:** We created a runbook for incidents.\n\n**Guardrails:** We considered timeouts. We settled for an alert.\n",
    );
    let titles: Vec<&str> = a.iter().map(|x| x.title.as_str()).collect();
    assert_eq!(titles.len(), 3, "{titles:?}");
    assert!(titles[0].starts_with("Documentation"), "{titles:?}");
    // What came of something is not work to do.
    let a = items("**Result:** No improvement. Errors continued.\n\n**Runbook:** We created a runbook. It is linked.\n");
    assert_eq!(a.len(), 1, "{a:?}");
}
