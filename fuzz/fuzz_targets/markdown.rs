//! `markdown::to_html` and `excerpt` on any text: no panic, no script out.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pathfolio::markdown::{excerpt, to_html};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let html = to_html(&text, 2);
    assert!(!html.to_ascii_lowercase().contains("<script"), "{html}");
    let _ = excerpt(&text, 160);
});
