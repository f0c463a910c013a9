//! `load::frontmatter::split` on any text: it must return Ok or a diagnostic, never panic.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use pathfolio::load::{frontmatter, source};

fuzz_target!(|data: &[u8]| {
    // read_text refuses non-UTF-8 before split sees it; lossy decoding keeps every input useful.
    let text = source::normalize(&String::from_utf8_lossy(data));
    if let Ok(s) = frontmatter::split(Path::new("x.md"), &text) {
        let line = frontmatter::body_line(&text, s.body);
        assert!(line >= 1);
        assert!(s.yaml.len() + s.body.len() <= text.len());
    }
});
