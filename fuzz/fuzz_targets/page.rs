//! The whole path from a file's bytes to its incident page.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = pmbook::harness::page(data);
});
