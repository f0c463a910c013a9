//! No embeds from other sites: an `<img>` whose `src` is on another site would make
//! every visitor's browser ask that site for it (telling it who looks at a student's
//! page, and when). In sanitized HTML each such image becomes a link to it.

/// Rewrites every `<img>` with an absolute or protocol-relative `src` in `html`
/// (the sanitizer's output: attributes are always double-quoted, `"` escaped) into
/// `<a class="external-image" href="…">Image: alt</a>`.
pub fn external_images_to_links(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = find_img(rest) {
        out.push_str(&rest[..at]);
        let tag = &rest[at..];
        let Some((attrs, len)) = parse_tag(tag) else {
            out.push_str(tag);
            return out;
        };
        let get = |name: &str| {
            attrs
                .iter()
                .find(|(n, _)| n.eq_ignore_ascii_case(name))
                .map(|(_, v)| v.as_str())
        };
        match get("src").filter(|s| is_external(s)) {
            Some(src) => {
                let src = reescape(src);
                let alt = get("alt").filter(|a| !a.trim().is_empty());
                let text = match alt {
                    Some(a) => format!("Image: {}", reescape(a)),
                    None => format!("Image on {}", host(&src)),
                };
                out.push_str(&format!(
                    r#"<a class="external-image" href="{src}">{text}</a>"#
                ));
            }
            None => out.push_str(&tag[..len]),
        }
        rest = &tag[len..];
    }
    out.push_str(rest);
    out
}

/// Attribute values come escaped for `&` and `"` only; text needs `<` and `>` too.
fn reescape(value: &str) -> String {
    value
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The offset of the next `<img` tag (followed by a space, `/` or `>`).
fn find_img(s: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = s[from..].find("<img") {
        let at = from + i;
        if matches!(
            s.as_bytes().get(at + 4),
            Some(b' ' | b'/' | b'>' | b'\t' | b'\n')
        ) {
            return Some(at);
        }
        from = at + 4;
    }
    None
}

/// The attributes (values kept escaped, as written) and length of the tag at the
/// start of `s`.
fn parse_tag(s: &str) -> Option<(Vec<(String, String)>, usize)> {
    let b = s.as_bytes();
    let mut i = 4;
    let mut attrs = Vec::new();
    loop {
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            i += 1;
        }
        match b.get(i)? {
            b'>' => return Some((attrs, i + 1)),
            _ => {
                let start = i;
                while i < b.len()
                    && !matches!(b[i], b'=' | b'>' | b'/')
                    && !b[i].is_ascii_whitespace()
                {
                    i += 1;
                }
                let name = s[start..i].to_string();
                let mut value = String::new();
                if b.get(i) == Some(&b'=') {
                    i += 1;
                    let quote = *b.get(i)?;
                    if quote == b'"' || quote == b'\'' {
                        let end = i + 1 + s[i + 1..].find(quote as char)?;
                        value = s[i + 1..end].to_string();
                        i = end + 1;
                    } else {
                        let start = i;
                        while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' {
                            i += 1;
                        }
                        value = s[start..i].to_string();
                    }
                }
                if name.is_empty() {
                    i += 1;
                } else {
                    attrs.push((name, value));
                }
            }
        }
    }
}

/// A URL with a scheme (`https:`, `data:`, …) or starting with `//`: not a file of
/// this site.
fn is_external(src: &str) -> bool {
    let src = src.trim();
    if src.starts_with("//") {
        return true;
    }
    let scheme_end = src.find(':');
    let path_start = src.find(['/', '?', '#']);
    matches!((scheme_end, path_start), (Some(c), Some(p)) if c < p)
        || (scheme_end.is_some() && path_start.is_none())
}

fn host(src: &str) -> String {
    let after = src.split_once("//").map_or(src, |(_, h)| h);
    let host = after.split(['/', '?', '#']).next().unwrap_or(after);
    host.chars().take(80).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn external_images_become_links() {
        let html = r#"<p><img src="https://tracker.example/pixel.png?u=1&amp;v=2" alt="A &quot;chart&quot;"> and <img src="//cdn.example/x.gif"><img src="local.png" alt="mine"></p>"#;
        let out = external_images_to_links(html);
        assert!(!out.contains(r#"<img src="https"#), "{out}");
        assert!(!out.contains(r#"<img src="//"#), "{out}");
        assert!(
            out.contains(r#"<a class="external-image" href="https://tracker.example/pixel.png?u=1&amp;v=2">Image: A &quot;chart&quot;</a>"#),
            "{out}"
        );
        assert!(
            out.contains(
                r#"<a class="external-image" href="//cdn.example/x.gif">Image on cdn.example</a>"#
            ),
            "{out}"
        );
        assert!(out.contains(r#"<img src="local.png" alt="mine">"#), "{out}");
    }

    #[test]
    fn schemes_are_external_and_paths_are_not() {
        for ext in [
            "https://a/b.png",
            "http://a",
            "data:image/png;base64,xx",
            "HTTPS://A/B",
        ] {
            assert!(is_external(ext), "{ext}");
        }
        for local in ["a.png", "sub/a.png", "../a.png", "a.png?x=1:2", "#x"] {
            assert!(!is_external(local), "{local}");
        }
    }

    #[test]
    fn alt_text_cannot_open_a_tag() {
        let out =
            external_images_to_links(r#"<img src="https://a.example/x.png" alt="x<script>y">"#);
        assert!(!out.contains("<script"), "{out}");
    }

    #[test]
    fn survives_broken_markup() {
        for s in ["<img", "<img src=\"x", "<img src=", "<imgx>", "<img/>"] {
            let _ = external_images_to_links(s);
        }
    }
}
