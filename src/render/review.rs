//! The weekly review on the site: `review/index.html` (the digest of the
//! period that ends on the build date) and `review/feed.xml` (an Atom feed
//! with one entry per period, the latest [`FEED_PERIODS`]).

use chrono::{Duration, NaiveTime};
use serde_json::Value;

use super::Renderer;
use crate::error::Result;
use crate::export::xml;
use crate::model::Incident;
use crate::output::Sink;
use crate::review::{Digest, Window};

/// How many periods the review feed holds.
pub const FEED_PERIODS: u32 = 8;

/// Add `"url"` beside every `"slug"` in a digest's JSON, for the template.
fn add_urls(v: &mut Value, url: &dyn Fn(&str) -> String) {
    match v {
        Value::Object(map) => {
            if let Some(slug) = map.get("slug").and_then(Value::as_str).map(str::to_string) {
                map.insert("url".into(), url(&slug).into());
            }
            for child in map.values_mut() {
                add_urls(child, url);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|c| add_urls(c, url)),
        _ => {}
    }
}

impl Renderer<'_> {
    fn digest_ending(&self, to: chrono::NaiveDate) -> Digest {
        let incidents: Vec<&Incident> = self.docs.iter().map(|d| &d.incident).collect();
        let r = &self.cfg.review;
        Digest::build(&incidents, Window::ending(to, None, r.period, r.stuck_after))
    }

    /// `review/index.html` and `review/feed.xml`. Returns the pages written.
    pub(super) fn render_review(&self, staging: &dyn Sink) -> Result<usize> {
        let root = "../";
        let digest = self.digest_ending(self.today);
        let mut view = serde_json::to_value(&digest).unwrap_or_default();
        add_urls(&mut view, &|slug| self.href(root, &format!("incidents/{slug}/")));
        // Action titles are Markdown: give the template their HTML.
        for key in ["completed", "became_overdue", "due_next"] {
            for item in view.get_mut(key).and_then(Value::as_array_mut).into_iter().flatten() {
                let html = item.get("title").and_then(Value::as_str).map(crate::markdown::render_fragment);
                if let (Some(map), Some(html)) = (item.as_object_mut(), html) {
                    map.insert("title_html".into(), html.into());
                }
            }
        }
        let mut ctx = self.context(root, "Weekly review");
        ctx.insert("review", &view);
        ctx.insert("period_label", &digest.period_label());
        ctx.insert("feed_url", "feed.xml");
        staging.write("review/index.html", self.theme.render("review.html", &ctx)?.as_bytes())?;
        staging.write("review/feed.xml", self.review_feed().as_bytes())?;
        Ok(1)
    }

    /// One entry per period, the latest first: the digest as HTML.
    fn review_feed(&self) -> String {
        let base_url = &self.cfg.output.base_url;
        let self_path = "review/feed.xml";
        let (base, id_base) = if base_url.is_empty() {
            ("../".to_string(), "urn:pmbook:".to_string())
        } else if base_url.ends_with('/') {
            (base_url.to_string(), base_url.to_string())
        } else {
            (format!("{base_url}/"), format!("{base_url}/"))
        };
        let stamp = |d: chrono::NaiveDate| d.and_time(NaiveTime::MIN).and_utc().to_rfc3339();
        let title = format!("{} — weekly review", self.cfg.book.title);
        let mut out = format!(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n<title>{}</title>\n<id>{}</id>\n<updated>{}</updated>\n<link rel=\"self\" href=\"{}\"/>\n<link href=\"{}\"/>\n<generator>pmbook</generator>\n",
            xml(&title),
            xml(&format!("{id_base}{self_path}")),
            stamp(self.today),
            xml(&format!("{base}{self_path}")),
            xml(&format!("{base}review/"))
        );
        let period = i64::from(self.cfg.review.period.max(1));
        for k in 0..i64::from(FEED_PERIODS) {
            let digest = self.digest_ending(self.today - Duration::days(k * period));
            // The Markdown digest without its title line, as HTML.
            let markdown = digest.markdown(&self.cfg.book.title, base_url);
            let body = markdown.split_once('\n').map_or("", |(_, rest)| rest);
            let html = crate::markdown::render_fragment(body);
            out.push_str(&format!(
                "<entry>\n<title>{}</title>\n<id>{}</id>\n<link href=\"{}\"/>\n<updated>{}</updated>\n<content type=\"html\">{}</content>\n</entry>\n",
                xml(&format!("Weekly review: {}", digest.period_label())),
                xml(&format!("{id_base}review/#{}", digest.to)),
                xml(&format!("{base}review/")),
                stamp(digest.to),
                xml(&html)
            ));
        }
        out.push_str("</feed>\n");
        out
    }
}
