//! The repairs, one test per kind of damage.

use super::*;

#[test]
fn every_line_before_a_pilcrow_line_is_a_heading() {
    let text = "breadcrumb\nDisk full on db-3\n¶\nSummary\n¶\nThe disk filled.\nWhen\n¶\n2021-01-02 10:00 UTC - 2021-01-02 11:00 UTC\nAnalysis\n¶\nLogs were not rotated.\n";
    let (t, r) = normalise(text);
    assert_eq!(
        t,
        "breadcrumb\n# Disk full on db-3\n\n## Summary\n\nThe disk filled.\n## When\n\n2021-01-02 10:00 UTC - 2021-01-02 11:00 UTC\n## Analysis\n\nLogs were not rotated.\n"
    );
    assert_eq!(r.headings, 4);
}

#[test]
fn minus_signs_become_hyphens() {
    let (t, r) = normalise("All times MST (UTC\u{2212}7).\n\n- 10:14 alert\n");
    assert_eq!(t, "All times MST (UTC-7).\n\n- 10:14 alert\n");
    assert!(!r.any());
}

#[test]
fn inline_html_from_a_wiki_export_becomes_markdown_outside_html_blocks() {
    let text = "| <strong>Date</strong> | 2021-03-02 |\n|---|---|\n\n<p>&nbsp;</p>\n\n<strong>08:30</strong>&nbsp;–&nbsp;image published<br>\n\n<ul>\n<li><strong>[INFRA-902]</strong> Canary new images</li>\n</ul>\n\n<p><strong>Owner:</strong> IT</p>\n    \n";
    let (t, r) = normalise(text);
    assert_eq!(
        t,
        "| **Date** | 2021-03-02 |\n|---|---|\n\n\n\n**08:30** – image published<br>\n\n\n- **[INFRA-902]** Canary new images\n\n\n<p><strong>Owner:</strong> IT</p>\n    \n"
    );
    assert_eq!(r.html_lines, 6);
}

#[test]
fn a_viewer_header_above_the_gutter_is_dropped() {
    let text = "repo@v1/docs/pm.md (about)\n\n     1  # Title\n     2  \n     3  Date: 2019-01-23\n     4  \n     5  text\n     6  more\n";
    let (t, r) = normalise(text);
    assert!(r.gutter);
    let lines: Vec<&str> = t.lines().map(str::trim).collect();
    assert_eq!(lines, ["", "", "# Title", "", "Date: 2019-01-23", "", "text", "more"]);
}

#[test]
fn headings_without_a_space_or_written_in_bold() {
    let text = "##What happened?\nThe disk filled.\n\n**Root cause:**\nLogs were not rotated.\n\n**Bold text in a paragraph** stays.\n";
    let (t, r) = normalise(text);
    assert_eq!(t, "## What happened?\nThe disk filled.\n\n## Root cause\nLogs were not rotated.\n\n**Bold text in a paragraph** stays.\n");
    assert_eq!(r.headings, 2);
}

#[test]
fn an_mdx_preamble_becomes_front_matter() {
    let text = "import { Layout } from '@/components/Layout'\n\nexport const post = {\n  draft: false,\n  date: '2024-11-19',\n  title: 'Relay outage: a post-mortem',\n}\n\nexport const metadata = {\n  title: post.title,\n}\n\nexport default (props) => <Layout {...props} />\n\n## What happened\n";
    let (t, r) = normalise(text);
    assert!(r.mdx);
    assert_eq!(t.lines().count(), text.lines().count());
    let split = crate::frontmatter::split(&t).unwrap();
    let (node, _) = crate::frontmatter::parse(&split).unwrap();
    assert_eq!(node.get("title").and_then(|n| n.as_text()).as_deref(), Some("Relay outage: a post-mortem"));
    assert!(split.body.trim_start().starts_with("## What happened"), "{}", split.body);
}

#[test]
fn mojibake_is_decoded() {
    let (t, r) = normalise("It wasnâ€™t the DNS â€“ this time.\nCafÃ© ok\nplain line\n");
    assert_eq!(t, "It wasn’t the DNS – this time.\nCafé ok\nplain line\n");
    assert_eq!(r.mojibake_lines, 2);
}

#[test]
fn gutters_are_removed_and_lines_kept() {
    let text = "1 | # Title\n2 | \n3 | ## Timeline\n4 | \n5 | - 10:00 start\n6 | - 11:00 end\n";
    let (t, r) = normalise(text);
    assert!(r.gutter);
    assert_eq!(t, "# Title\n\n## Timeline\n\n- 10:00 start\n- 11:00 end\n");
    assert_eq!(t.lines().count(), text.lines().count());
}

#[test]
fn plain_text_wiki_exports_get_headings() {
    let text = "Search outage on 2023-05-02\n\nSummary ¶\n\nSearch was down.\n\nTimeline ¶\n\n10:00 UTC - index corrupt\n\nAction items\n\nRebuild the index nightly\n";
    let (t, r) = normalise(text);
    assert!(t.starts_with("# Search outage on 2023-05-02\n\n## Summary\n"), "{t}");
    assert!(t.contains("\n## Timeline\n"));
    assert!(t.contains("\n## Action items\n"));
    assert_eq!(r.pilcrows, 2);
    assert_eq!(r.headings, 4);
}

#[test]
fn ordinary_markdown_is_untouched() {
    let text = "# T\n\nSome text\n\n- a\n";
    assert!(matches!(normalise(text).0, Cow::Borrowed(_)));
}

#[test]
fn typographic_bullets_and_ballot_boxes_become_list_items() {
    let text =
        "*Follow-ups*\n☑ Add a doc-count check — @jonas\n☐ Alert on zero results\n  • nested note\n•not a bullet\n```\n• in code\n```\n";
    let (t, r) = normalise(text);
    assert_eq!(
        t,
        "## Follow-ups\n- [x] Add a doc-count check — @jonas\n- [ ] Alert on zero results\n  - nested note\n•not a bullet\n```\n• in code\n```\n"
    );
    assert_eq!(r.bullets, 3);
    let b = crate::extract::blocks::blocks(&t, 1);
    assert!(matches!(&b[1].kind, crate::extract::blocks::Kind::List(items) if items.len() == 2 && items[0].checked == Some(true)));
}

#[test]
fn chat_and_jira_bold_labels_and_jira_headings() {
    let text = "h1. Checkout timeouts\n\n*Summary*\nCard payments failed.\n\n*Key moments* (CET)\n• 07:38 alias swapped\n\n**Timeline** (all times UTC)\n\n*Not a section*\n\nh7. nothing\n";
    let (t, _) = normalise(text);
    assert_eq!(
        t,
        "# Checkout timeouts\n\n## Summary\nCard payments failed.\n\n## Key moments (CET)\n- 07:38 alias swapped\n\n## Timeline (all times UTC)\n\n*Not a section*\n\nh7. nothing\n"
    );
}

#[test]
fn a_square_marks_a_section_and_a_run_of_squares_a_list() {
    let (t, _) = normalise(
        "■ Period of unplanned downtime\n2024/6/15 (Sat) 04:00 – 08:30\n\n■ Preventive measures\n- Check the disks first\n\n■ one\n■ two\n",
    );
    assert_eq!(
        t,
        "## Period of unplanned downtime\n2024/6/15 (Sat) 04:00 – 08:30\n\n## Preventive measures\n- Check the disks first\n\n- one\n- two\n"
    );
}

#[test]
fn a_section_name_alone_over_its_list_or_paragraph_is_a_heading() {
    let text = "# Expired certificate\n\n## Detection\nUsers told us.\n\nAction Items\n- Alert on expiring certificates\n\n- Document renewal\n\nImpact\n\nNobody could sign in.\n";
    let (t, r) = normalise(text);
    assert_eq!(
        t,
        "# Expired certificate\n\n## Detection\nUsers told us.\n\n## Action Items\n- Alert on expiring certificates\n\n- Document renewal\n\n## Impact\n\nNobody could sign in.\n"
    );
    assert_eq!(r.headings, 2);
    // Not in prose, code, or a line that says more than a name.
    for text in [
        "# T\n\nWe wrote:\nTimeline\n- 10:00 alert\n",
        "# T\n\n```\n\nTimeline\n- 10:00 alert\n```\n",
        "# T\n\nThe timeline was short\n- 10:00 alert\n",
        "# T\n\nTimeline.\n- 10:00 alert\n",
    ] {
        assert_eq!(normalise(text).0, text);
    }
}

#[test]
fn cstate_track_stamps_move_to_the_front() {
    let text = "- Rolling out new runners. {{< track \"2023-09-27 08:00:00\" >}}\n- Second runner up. {{< track \"2023-09-27 09:49:00\" >}}\n\n**Resolved** All good.  {{< track \"2023-09-27 11:08:00\" >}}\n# {{< track \"2019-03-26 15:31:06\" > }}\n";
    let (t, _) = normalise(text);
    assert_eq!(
        t,
        "- 2023-09-27 08:00:00 — Rolling out new runners.\n- 2023-09-27 09:49:00 — Second runner up.\n\n2023-09-27 11:08:00 — **Resolved** All good.\n\n"
    );
}

#[test]
fn a_track_stamp_under_its_update_stamps_the_update() {
    let text = "**Reopened**\nFailures are back up.\n{{< track \"2018-11-24 21:03:00\" >}}\n\n**Resolved**:\nFixed.\n{{< track \"2018-11-24 20:42:00\" > }}\n\n{{< track \"2018-11-24 19:00:00\" >}}\n";
    let (t, r) = normalise(text);
    assert_eq!(t, "2018-11-24 21:03:00 — **Reopened**\nFailures are back up.\n\n\n2018-11-24 20:42:00 — **Resolved**:\nFixed.\n\n\n\n");
    assert_eq!(r.html_lines, 3);
}

#[test]
fn prose_drops_the_stamp_moved_to_its_front() {
    assert_eq!(unstamped("2018-11-24 21:03:00 — **Reopened** Back up."), "**Reopened** Back up.");
    assert_eq!(unstamped("2020-02-23T13:40:00Z — Identified."), "Identified.");
    for kept in ["Between 10:00 — 11:00 we were down.", "Cause — a bad deploy.", "2018-11-24 — the day it broke."] {
        assert_eq!(unstamped(kept), kept);
    }
}

#[test]
fn typographic_entities_a_blog_engine_wrote_become_characters() {
    let text = "Over the weekend of November 17&ndash;18 of 2018 it&#8217;s down.\n\n`a &ndash; b` stays\n\n&lt;b&gt; &amp; &quot;x&quot; stay escaped\n";
    let (t, r) = normalise(text);
    assert_eq!(
        t,
        "Over the weekend of November 17–18 of 2018 it’s down.\n\n`a &ndash; b` stays\n\n&lt;b&gt; &amp; &quot;x&quot; stay escaped\n"
    );
    assert_eq!(r.html_lines, 1);
}

#[test]
fn entities_in_front_matter_tags_and_control_characters_stay() {
    let text = "---\ntitle: \"<a href=\\\"jav&#x09;ascript:alert(1)\\\">x</a>\"\n---\nA &ndash; B <a href=\"jav&#x09;ascript:x\">y&ndash;z</a> tab&#x09;here\n";
    let (t, _) = normalise(text);
    assert_eq!(
        t,
        "---\ntitle: \"<a href=\\\"jav&#x09;ascript:alert(1)\\\">x</a>\"\n---\nA – B <a href=\"jav&#x09;ascript:x\">y–z</a> tab&#x09;here\n"
    );
}
