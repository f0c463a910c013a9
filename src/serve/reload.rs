//! What `serve` adds to every HTML page it sends: a "local preview" banner, the
//! build's problems when the last rebuild failed, and the script that reloads the
//! page when the site changes. Added at serve time only, so `build` output and the
//! templates never contain any of it.

use crate::text::escape_html;

/// The path of the server-sent events stream the injected script listens to.
pub const EVENTS_PATH: &str = "/__pathfolio/events";

/// The part added before `</body>`. `generation` is the site version the page
/// belongs to: the script asks the server for any newer one, so a rebuild that
/// happens between loading the page and connecting is not missed.
pub fn snippet(
    generation: u64,
    label: &str,
    errors: Option<&str>,
    withheld: Option<&str>,
) -> String {
    let mut s = String::new();
    if let Some(errors) = errors {
        s.push_str(&overlay(errors));
    } else if let Some(withheld) = withheld {
        s.push_str(&notice(withheld));
    }
    // A spacer as tall as the banner, so the banner never hides the page's end.
    s.push_str(concat!(
        r#"<div aria-hidden="true" style="height:3em"></div>"#,
        r#"<div id="pathfolio-preview" role="note" style="position:fixed;left:0;right:0;bottom:0;z-index:2147483646;"#,
        r#"margin:0;padding:.5em 1em;background:#1f2933;color:#fff;font:15px/1.4 system-ui,sans-serif;border-top:3px solid #f0b429">"#,
    ));
    s.push_str(&format!(
        "<strong>Private preview</strong> — {}, served only to this computer by <code>pathfolio serve</code>. \
         Pages reload by themselves when you save a file. Do not share this address.</div>",
        escape_html(label)
    ));
    // Hidden tabs let go of their stream: a browser keeps only about six
    // connections per server, and each open stream holds one. A tab shown again
    // reconnects, and reloads at once if the site changed meanwhile.
    s.push_str(&format!(
        "<script data-events=\"{EVENTS_PATH}?since={generation}\">{SCRIPT}</script>"
    ));
    s
}

/// The reload script. Always the same text (the page's version is in its
/// `data-events`), so that the pages' Content-Security-Policy can allow it by its
/// hash ([`script_hash`]) and no other inline script runs. It also wires the
/// overlay's Hide button: an `onclick` attribute would be blocked.
pub const SCRIPT: &str = "(function(){var url=document.currentScript.dataset.events,es=null;\
var hide=document.getElementById(\"pathfolio-hide-problems\");\
if(hide)hide.addEventListener(\"click\",function(){hide.parentNode.remove();});\
function open(){if(es)return;es=new EventSource(url);\
es.addEventListener(\"reload\",function(){es.close();location.reload();});}\
function shut(){if(es){es.close();es=null;}}\
document.addEventListener(\"visibilitychange\",function(){document.hidden?shut():open();});\
if(!document.hidden)open();})();";

/// `'sha256-…'`: [`SCRIPT`] as a Content-Security-Policy source.
pub fn script_hash() -> String {
    use base64::Engine;
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(SCRIPT.as_bytes());
    format!(
        "'sha256-{}'",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

/// The box that lists a failed rebuild's problems over the last good page.
fn overlay(errors: &str) -> String {
    format!(
        concat!(
            r#"<div id="pathfolio-errors" role="alert" style="position:fixed;top:0;left:0;right:0;max-height:70vh;overflow:auto;z-index:2147483647;"#,
            r#"margin:0;padding:1em 1.5em;background:#fff5f5;color:#610316;border-bottom:4px solid #ba2525;font:16px/1.4 system-ui,sans-serif">"#,
            r#"<p style="margin:0 0 .5em;font-size:1.2em"><strong>pathfolio could not rebuild the site.</strong></p>"#,
            r#"<p style="margin:0 0 .5em">Fix the problems below and save: this page reloads by itself. Until then you see the last good version.</p>"#,
            r#"<pre style="margin:0 0 .5em;white-space:pre-wrap;font:14px/1.4 ui-monospace,monospace">{}</pre>"#,
            r#"<button type="button" id="pathfolio-hide-problems">Hide</button></div>"#,
        ),
        escape_html(errors)
    )
}

/// The box that lists what a successful build left out for problems in students'
/// files (SPEC §4): the site is up to date, but these items are not in it.
fn notice(withheld: &str) -> String {
    format!(
        concat!(
            r#"<div id="pathfolio-withheld" role="status" style="position:fixed;top:0;left:0;right:0;max-height:50vh;overflow:auto;z-index:2147483647;"#,
            r#"margin:0;padding:1em 1.5em;background:#fffbea;color:#513c06;border-bottom:4px solid #f0b429;font:16px/1.4 system-ui,sans-serif">"#,
            r#"<p style="margin:0 0 .5em"><strong>Left out of the site for problems in students' files.</strong> The rest of the class is built; fix these and save.</p>"#,
            r#"<pre style="margin:0 0 .5em;white-space:pre-wrap;font:14px/1.4 ui-monospace,monospace">{}</pre>"#,
            r#"<button type="button" id="pathfolio-hide-problems">Hide</button></div>"#,
        ),
        escape_html(withheld)
    )
}

/// `html` with `snippet` inserted before its last `</body>` (or at its end).
pub fn inject(html: &str, snippet: &str) -> String {
    let at = html
        .to_ascii_lowercase()
        .rfind("</body>")
        .unwrap_or(html.len());
    let mut out = String::with_capacity(html.len() + snippet.len());
    out.push_str(&html[..at]);
    out.push_str(snippet);
    out.push_str(&html[at..]);
    out
}

/// `<base href="/">` right after `<head>`, for the 404 page: it is served at any
/// depth, and its relative links (styles, home) must resolve from the site root.
pub fn with_root_base(html: &str) -> String {
    match html.to_ascii_lowercase().find("<head>") {
        Some(i) => format!("{}<base href=\"/\">{}", &html[..i + 6], &html[i + 6..]),
        None => html.to_string(),
    }
}

/// The page for every request while no build has ever succeeded.
pub fn error_page(snippet: &str) -> String {
    let page = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">\
                <title>The site could not be built · pathfolio</title></head>\
                <body><main><h1>The site could not be built</h1>\
                <p>Fix the problems listed here and save.</p></main></body></html>";
    inject(page, snippet)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn injects_before_the_last_body_end() {
        let html = "<html><body><p>a</body></p></BODY></html>";
        let out = inject(html, "<X>");
        assert_eq!(out, "<html><body><p>a</body></p><X></BODY></html>");
        assert_eq!(inject("<p>no body", "<X>"), "<p>no body<X>");
    }

    #[test]
    fn errors_are_escaped() {
        let s = snippet(
            7,
            "teacher view",
            Some("units/a.md:1:2: bad <script>alert(1)</script> & \"x\""),
            None,
        );
        assert!(s.contains(
            "units/a.md:1:2: bad &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;"
        ));
        assert!(!s.contains("<script>alert"));
        assert!(s.contains("?since=7"));
        assert!(
            s.contains(&format!(">{SCRIPT}</script>")),
            "the script hashed"
        );
        assert!(!s.contains("onclick"), "no inline handler");
        assert!(s.contains("Private preview"));
    }

    #[test]
    fn base_goes_into_head() {
        assert_eq!(
            with_root_base("<html><head><title>x</title></head>"),
            "<html><head><base href=\"/\"><title>x</title></head>"
        );
    }
}
