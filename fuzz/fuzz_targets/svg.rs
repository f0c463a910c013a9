//! `media::svg::sanitize` on any bytes: no panic, and what it publishes is well-formed
//! SVG with nothing that runs or reaches outside the file.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pathfolio::media::svg::sanitize;

fuzz_target!(|data: &[u8]| {
    let Ok(out) = sanitize(data) else {
        return;
    };
    let text = std::str::from_utf8(&out).expect("the sanitized SVG is UTF-8");
    let doc = roxmltree::Document::parse(text)
        .unwrap_or_else(|e| panic!("the sanitized SVG is not XML ({e}): {text}"));
    assert!(!text.contains("<script"), "{text}");
    assert!(!text.contains("foreignObject"), "{text}");
    for node in doc.descendants().filter(|n| n.is_element()) {
        let name = node.tag_name().name();
        assert!(
            !matches!(name, "script" | "foreignObject" | "image" | "a" | "iframe"),
            "<{name}> in {text}"
        );
        for a in node.attributes() {
            let attr = a.name().to_ascii_lowercase();
            assert!(!attr.starts_with("on"), "{attr}= in {text}");
            if attr == "href" {
                assert!(a.value().trim_start().starts_with('#'), "{attr}= in {text}");
            } else {
                assert_css_local(a.value(), text);
            }
        }
        if name == "style" {
            // A browser reads a <style> as all of its text, not just the first node.
            let css: String = node
                .descendants()
                .filter(|n| n.is_text())
                .filter_map(|n| n.text())
                .collect();
            assert_css_local(&css, text);
        }
    }
    // Sanitizing what was sanitized changes nothing.
    let again = sanitize(&out).unwrap_or_else(|e| panic!("refused its own output ({e}): {text}"));
    assert_eq!(String::from_utf8_lossy(&again), text);
});

/// No script and no request outside the file: `url(…)` only to `#id`, no `@import`.
fn assert_css_local(css: &str, svg: &str) {
    let lower: String = css
        .to_ascii_lowercase()
        .chars()
        .filter(|c| !c.is_ascii_whitespace())
        .collect();
    for bad in ["javascript:", "@import", "expression(", "image-set("] {
        assert!(!lower.contains(bad), "{bad} in {svg}");
    }
    for (i, m) in lower.match_indices("url(") {
        let target = lower[i + m.len()..].trim_start_matches(['"', '\'']);
        assert!(target.starts_with('#'), "url() outside the file in {svg}");
    }
}
