//! Escaping for pages and files written by hand rather than by a template (tera
//! escapes what templates print).

/// For element text and double-quoted attribute values: `& < > "`.
///
/// `'` is left as written: no page written by hand quotes an attribute with it.
pub fn escape_html(s: &str) -> String {
    escape(s, true)
}

/// For element text only: `& < >`, so quotes read back exactly as written.
pub fn escape_text(s: &str) -> String {
    escape(s, false)
}

/// For XML files (the sitemap): [`escape_html`] and `'` as `&apos;`.
pub fn escape_xml(s: &str) -> String {
    escape_html(s).replace('\'', "&apos;")
}

fn escape(s: &str, quote: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if quote => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_for_each_place() {
        let s = r#"a & <b> "c" 'd'"#;
        assert_eq!(escape_html(s), "a &amp; &lt;b&gt; &quot;c&quot; 'd'");
        assert_eq!(escape_text(s), r#"a &amp; &lt;b&gt; "c" 'd'"#);
        assert_eq!(
            escape_xml(s),
            "a &amp; &lt;b&gt; &quot;c&quot; &apos;d&apos;"
        );
        assert_eq!(escape_html("Zoë — ok"), "Zoë — ok");
    }
}
