//! Front-matter splitting and YAML/TOML parsing.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = pmbook::harness::front_matter(data);
});
