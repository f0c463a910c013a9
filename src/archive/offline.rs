//! An archive makes no requests to other sites: every page must work when the
//! school's server is the only one left. This looks through the archive's HTML, CSS
//! and SVG files for anything a browser would fetch from elsewhere (links to other
//! sites are fine: they are only followed when clicked).

use std::path::Path;

use crate::diag::Diagnostic;

/// Attributes whose URL a browser fetches by itself.
const FETCHED: [&str; 6] = [
    "src=",
    "srcset=",
    "poster=",
    "data=",
    "background=",
    "action=",
];

/// A warning for every file that would fetch something from another site.
pub fn check(data: &Path) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(data).into_iter().flatten() {
        let path = entry.path();
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        if !matches!(ext.as_str(), "html" | "css" | "svg") {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        if let Some(what) = external_request(&text) {
            out.push(
                Diagnostic::warning(
                    path,
                    None,
                    format!("this file would load `{what}` from another site"),
                )
                .with_hint("archived pages should work without other sites; check the course's templates and static files"),
            );
        }
    }
    out
}

/// The first URL in `text` that a browser would fetch from another site, if any.
pub fn external_request(text: &str) -> Option<String> {
    let lower = text.to_ascii_lowercase();
    let remote = |s: &str| {
        let s = s.trim_start_matches(['"', '\'', ' ']);
        s.starts_with("http://") || s.starts_with("https://") || s.starts_with("//")
    };
    let url_at = |i: usize| -> String {
        text[i..]
            .trim_start_matches(['"', '\'', ' '])
            .chars()
            .take_while(|c| !matches!(c, '"' | '\'' | ' ' | ')' | '>'))
            .take(100)
            .collect()
    };
    for attr in FETCHED {
        for (i, _) in lower.match_indices(attr) {
            let preceded = i == 0
                || !lower.as_bytes()[i - 1].is_ascii_alphanumeric()
                    && lower.as_bytes()[i - 1] != b'-';
            if preceded && remote(&lower[i + attr.len()..]) {
                return Some(url_at(i + attr.len()));
            }
        }
    }
    for pat in ["url(", "@import"] {
        for (i, _) in lower.match_indices(pat) {
            if remote(&lower[i + pat.len()..]) {
                return Some(url_at(i + pat.len()));
            }
        }
    }
    // <link rel="stylesheet|icon|preload|…" href="https://…">; canonical and
    // alternate links only name a place and fetch nothing.
    for (i, _) in lower.match_indices("<link") {
        let tag = &lower[i..lower[i..].find('>').map_or(lower.len(), |e| i + e)];
        let fetches = !(tag.contains("canonical") || tag.contains("alternate"));
        if let Some(h) = tag.find("href=")
            && fetches
            && remote(&tag[h + 5..])
        {
            return Some(url_at(i + h + 5));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_what_a_browser_would_fetch() {
        for bad in [
            r#"<img src="https://t.example/p.gif">"#,
            r#"<img srcset="//cdn.example/a.png 1x">"#,
            r#"<link rel="stylesheet" href="https://fonts.example/css">"#,
            "body { background: url(https://x.example/b.png) }",
            "@import 'https://x.example/a.css';",
            r#"<script src="http://x.example/a.js"></script>"#,
        ] {
            assert!(external_request(bad).is_some(), "{bad}");
        }
        for ok in [
            r#"<a href="https://example.org/">a link</a>"#,
            r#"<link rel="canonical" href="https://example.github.io/bio9/">"#,
            r#"<img src="photo.jpg" data-src="x"> url(#grad)"#,
            r#"<img data-src="https://x.example/lazy.png">"#,
        ] {
            assert!(external_request(ok).is_none(), "{ok}");
        }
    }
}
