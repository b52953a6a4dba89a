//! Understanding one document: front matter, sections, timeline, tables, action items, checks.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = pmbook::harness::extract(data);
});
