//! pmbook: a static-site generator for incident post-mortem archives.
//!
//! Data flows one way: [`content`] loads files, [`frontmatter`] splits and
//! parses their metadata, [`understand`] fills one [`model::Incident`] per
//! file, [`check`] applies the consistency rules, [`render`] turns the
//! documents into pages, and [`output`] writes the site atomically.

#![warn(missing_docs)]

pub mod config;
pub mod content;
pub mod datetime;
pub mod diagnostics;
pub mod error;
pub mod frontmatter;
pub mod model;
pub mod slug;

pub use config::Config;
pub use error::{Error, Result};
pub mod archive;
pub mod check;
pub mod classify;
pub mod export;
pub mod extract;
pub mod generate;
pub mod harness;
pub mod highlight;
pub mod import;
pub mod index;
pub mod inspect;
pub mod listing;
pub mod markdown;
pub mod metrics;
pub mod output;
pub mod phases;
pub mod progress;
pub mod readiness;
pub mod render;
pub mod report_formats;
pub mod review;
pub mod safe_html;
pub mod scaffold;
pub mod schema;
pub mod search;
pub mod serve;
pub mod site;
pub mod spill;
#[cfg(test)]
mod test_support;
pub mod theme;
pub mod tickets;
pub mod timings;
pub mod understand;
pub mod visibility;
