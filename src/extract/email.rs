//! Post-mortems sent as e-mail and pasted or exported as they were: the
//! message's header lines (`From:`, `To:`, `Date:`, `Subject:`) open the
//! document. The subject names the incident; the `Date:` header says when
//! the mail was sent, which is the report's day, not the incident's.

use chrono::NaiveDate;

use super::blocks::{Block, Kind};

/// Header names of a message, lower-cased (Outlook writes `Sent:` for
/// `Date:`).
const HEADERS: &[&str] = &[
    "from",
    "to",
    "cc",
    "bcc",
    "date",
    "sent",
    "subject",
    "reply-to",
    "message-id",
    "in-reply-to",
    "references",
    "mime-version",
    "content-type",
    "content-transfer-encoding",
    "importance",
    "priority",
    "organization",
    "user-agent",
    // A memo's.
    "re",
    "attn",
    "attention",
];

/// What a message's header gives.
#[derive(Debug, Default, PartialEq)]
pub struct Envelope {
    /// The subject without `Re:`/`Fwd:` and a leading `[tag]`, and its line.
    pub subject: Option<(String, usize)>,
    /// The day the message was sent, and its line.
    pub sent: Option<(NaiveDate, usize)>,
}

/// The header of a message, if the first block is one: at least three
/// header lines, among them `From:` and `Subject:` or `To:`, and no other
/// lines. A memo's (`**TO:**`, `**FROM:**`, `**DATE:**`, `**RE:**`) may
/// come under its letterhead and title: see [`envelope_at`].
pub fn envelope(blocks: &[Block]) -> Option<Envelope> {
    let first = blocks.first().filter(|b| matches!(b.kind, Kind::Paragraph))?;
    let mut names = Vec::new();
    let mut env = Envelope::default();
    for (i, line) in first.source.lines().enumerate() {
        let (name, value) = line.split_once(':')?;
        let name = name.trim().trim_matches('*').to_ascii_lowercase();
        // `X-Priority:`, `X-Mailer:`: any extension header too.
        let extension = name.starts_with("x-") && !name.contains(' ');
        if !HEADERS.contains(&name.as_str()) && !extension {
            return None;
        }
        let value = value.trim().trim_start_matches('*').trim();
        match name.as_str() {
            "subject" | "re" => env.subject = Some((clean_subject(value), first.line + i)),
            "date" | "sent" => env.sent = super::when::find_date(value, None).map(|d| (d, first.line + i)),
            _ => {}
        }
        names.push(name);
    }
    let has = |n: &str| names.iter().any(|x| x == n);
    // Also a report that opens with its mail's `Subject:` line alone.
    (names.len() >= 3 && has("from") && (has("subject") || has("to")) || names == ["subject"]).then_some(env)
}

/// The header of a message or memo among the first four blocks (under a
/// letterhead and a title), and its index.
pub fn envelope_at(blocks: &[Block]) -> Option<(usize, Envelope)> {
    (0..blocks.len().min(4)).find_map(|i| {
        let env = envelope(&blocks[i..])?;
        // Only a full header after a title: not a lone `Subject:` line.
        (i == 0 || env.subject.is_some() && blocks[i].source.lines().count() >= 3).then_some((i, env))
    })
}

/// `Re: Fwd: [Incident report] Partner API timeouts` → `Partner API timeouts`.
fn clean_subject(subject: &str) -> String {
    let mut s = subject.trim();
    loop {
        let lower = s.to_ascii_lowercase();
        if let Some(p) = ["re:", "fwd:", "fw:", "aw:", "wg:"].iter().find(|p| lower.starts_with(*p)) {
            s = s[p.len()..].trim_start();
        } else if s.starts_with('[')
            && let Some(end) = s.find(']')
            && end + 1 < s.len()
        {
            s = s[end + 1..].trim_start();
        } else {
            return s.to_string();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::blocks::blocks;

    #[test]
    fn a_message_header_gives_subject_and_day_sent() {
        let b = blocks(
            "From: Ann Lee <ann@example.com>\nTo: eng@example.com\nDate: Thu, 5 Sep 2031 11:47:03 +0300\nSubject: Re: [Incident report] Partner API timeouts on 4 Sep\n\nHi all,\n",
            1,
        );
        let env = envelope(&b).unwrap();
        assert_eq!(env.subject, Some(("Partner API timeouts on 4 Sep".to_string(), 4)));
        assert_eq!(env.sent, Some((NaiveDate::from_ymd_opt(2031, 9, 5).unwrap(), 3)));
    }

    #[test]
    fn other_key_lines_are_no_message() {
        assert_eq!(envelope(&blocks("From: Ann\nStatus: final\nDate: 2031-09-05\n", 1)), None);
        assert_eq!(envelope(&blocks("Date: 2031-09-05\nSubject: Outage\n", 1)), None);
    }

    #[test]
    fn extension_and_mime_headers_belong_to_the_header() {
        let b = blocks(
            "From: Dana <d@example.com>\nTo: it@example.com\nDate: Thu, 5 Dec 2019 17:42:10 -0500\nSubject: Incident summary: VPN outage\nX-Priority: 3\nContent-Type: text/plain; charset=\"us-ascii\"\n\nAll,\n",
            1,
        );
        let env = envelope(&b).unwrap();
        assert_eq!(env.sent, Some((NaiveDate::from_ymd_opt(2019, 12, 5).unwrap(), 3)));
        assert!(envelope(&blocks("From: a\nTo: b\nSubject: c\nStatus: open\n", 1)).is_none());
    }

    #[test]
    fn a_memos_header_under_its_letterhead_and_title() {
        let b = blocks(
            "CITY OF BRACKENRIDGE\n\n# After-Action Report\n\n**TO:** Mayor  \n**FROM:** CIO  \n**DATE:** April 2, 2024  \n**RE:** Interruption of ePermits on March 26, 2024\n\n## I. Purpose\n",
            1,
        );
        let (at, env) = envelope_at(&b).unwrap();
        assert_eq!(at, 2);
        assert_eq!(env.sent, Some((NaiveDate::from_ymd_opt(2024, 4, 2).unwrap(), 7)));
        assert_eq!(env.subject.map(|s| s.0).as_deref(), Some("Interruption of ePermits on March 26, 2024"));
        // A lone `Subject:` line only opens a document.
        assert!(envelope_at(&blocks("# Title\n\nSubject: something\n", 1)).is_none());
    }
}
