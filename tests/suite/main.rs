//! The integration tests: one binary, a module per feature (as mdBook does),
//! so `cargo test` links the crate once instead of once per test file.

mod accuracy;
mod browser;
mod build;
mod check;
mod classify;
mod classify_gold;
mod common;
mod corpus;
mod exports;
mod hostile;
mod indexes;
mod inspect;
mod legacy;
mod messages;
mod metrics;
mod phases;
mod properties;
mod public;
mod report_formats;
mod review;
mod search;
mod search_format;
mod serve;
mod tickets;
mod workflow_browser;
mod xss;
