//! No embeds from other sites: an `<img>` whose `src` is on another site would make
//! every visitor's browser ask that site for it (telling it who looks at a student's
//! page, and when). In sanitized HTML each such image becomes a link to it.

use std::sync::OnceLock;

use url::Url;

/// Rewrites every `<img>` tag in `html` whose `src` a browser would fetch from
/// elsewhere than the site into `<a class="external-image" href="…">Image: alt</a>`.
/// `html` is the sanitizer's output: attribute values are always double-quoted (`"`
/// escaped inside them) and `<` in text is escaped, so a raw `<` outside a value
/// starts a tag. A `<img` inside an attribute value is text, and left alone.
pub fn external_images_to_links(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        out.push_str(&rest[..at]);
        let tag = &rest[at..];
        let Some(len) = tag_len(tag) else {
            out.push_str(tag);
            return out;
        };
        match external_image(&tag[..len]) {
            Some(link) => out.push_str(&link),
            None => out.push_str(&tag[..len]),
        }
        rest = &tag[len..];
    }
    out.push_str(rest);
    out
}

/// The link that replaces `tag` if it is an `<img>` with an external `src`.
fn external_image(tag: &str) -> Option<String> {
    let name_end = tag[1..]
        .find(|c: char| c.is_ascii_whitespace() || c == '/' || c == '>')
        .map_or(tag.len(), |i| i + 1);
    if !tag[1..name_end].eq_ignore_ascii_case("img") {
        return None;
    }
    let attrs = attributes(&tag[name_end..]);
    let get = |name: &str| {
        attrs
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| *v)
    };
    let src = get("src")?;
    let host = external_host(src)?;
    let text = match (get("alt").filter(|a| !a.trim().is_empty()), host) {
        (Some(a), _) => format!("Image: {}", reescape(a)),
        (None, Some(host)) => format!("Image on {}", reescape(&host)),
        (None, None) => "Image".to_string(),
    };
    Some(format!(
        r#"<a class="external-image" href="{}">{text}</a>"#,
        reescape(src)
    ))
}

/// Attribute values come escaped for `&` and `"` only; text needs `<` and `>` too.
fn reescape(value: &str) -> String {
    value
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The value as a browser reads it, for the entities the sanitizer writes.
fn unescape(value: &str) -> String {
    value
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&nbsp;", "\u{a0}")
        .replace("&amp;", "&")
}

/// The length of the tag at the start of `s` (which starts with `<`), up to its `>`
/// outside quotes; `None` if it never ends.
fn tag_len(s: &str) -> Option<usize> {
    let mut quote = None;
    for (i, c) in s.char_indices().skip(1) {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (None, '>') => return Some(i + 1),
            (Some(q), c) if c == q => quote = None,
            _ => {}
        }
    }
    None
}

/// The attributes of a tag after its name (values kept escaped, as written).
fn attributes(s: &str) -> Vec<(&str, &str)> {
    let b = s.as_bytes();
    let mut i = 0;
    let mut attrs = Vec::new();
    loop {
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            i += 1;
        }
        if i >= b.len() || b[i] == b'>' {
            return attrs;
        }
        let start = i;
        while i < b.len() && !matches!(b[i], b'=' | b'>' | b'/') && !b[i].is_ascii_whitespace() {
            i += 1;
        }
        let name = &s[start..i];
        let mut value = "";
        if b.get(i) == Some(&b'=') {
            i += 1;
            match b.get(i) {
                Some(&q @ (b'"' | b'\'')) => {
                    let end = s[i + 1..].find(q as char).map_or(s.len(), |e| i + 1 + e);
                    value = &s[i + 1..end];
                    i = end + 1;
                }
                _ => {
                    let start = i;
                    while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' {
                        i += 1;
                    }
                    value = &s[start..i];
                }
            }
        }
        // An empty name means an `=` was read with its value: stepping one more byte
        // could land inside a character (found by fuzzing).
        if !name.is_empty() {
            attrs.push((name, value));
        }
    }
}

/// Where a page of the site would fetch `src` from, if that is not the site itself:
/// resolved as a browser does (the WHATWG URL rules: `/\\host`, a leading control
/// character and a tab inside `//` all still reach another host) against the site
/// served over `https:` and over `http:` (`serve`), so a scheme-relative address
/// counts too. An address that does not resolve is let go as external as well.
/// `Some` with the host (or the scheme, for `data:`) when it is not the site.
fn external_host(src: &str) -> Option<Option<String>> {
    static BASES: OnceLock<[Url; 2]> = OnceLock::new();
    let bases = BASES.get_or_init(|| {
        ["https://site.invalid/a/b/", "http://site.invalid/a/b/"]
            .map(|b| Url::parse(b).expect("a valid base URL"))
    });
    let src = unescape(src);
    let mut external = None;
    for base in bases {
        match base.join(&src) {
            Ok(url) if url.origin() == base.origin() => {}
            Ok(url) => {
                let host = url.host_str().unwrap_or(url.scheme());
                external = Some(Some(host.chars().take(80).collect()));
            }
            Err(_) => return Some(None),
        }
    }
    external
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
            "https:a.png",
            "/\\e.example/p.png",
            "\\\\e.example/p.png",
            "/\t/e.example/p.png",
            "\u{1}//e.example/p.png",
            " //e.example",
        ] {
            assert!(external_host(ext).is_some(), "{ext:?}");
        }
        for local in [
            "a.png",
            "sub/a.png",
            "../a.png",
            "/a.png",
            "a.png?x=1:2",
            "#x",
            "../../../../a.png",
        ] {
            assert!(external_host(local).is_none(), "{local}");
        }
    }

    #[test]
    fn alt_text_cannot_open_a_tag() {
        let out =
            external_images_to_links(r#"<img src="https://a.example/x.png" alt="x<script>y">"#);
        assert!(!out.contains("<script"), "{out}");
    }

    #[test]
    fn backslashes_and_controls_do_not_hide_another_host() {
        // Browsers read `\\` as `/` and drop a leading control character.
        let out = external_images_to_links(
            "<img src=\"/\\e.example/p.png\"><img src=\"\u{1}//e.example/q.png\">",
        );
        assert!(!out.contains("<img"), "{out}");
        assert!(out.contains("Image on e.example"), "{out}");
    }

    #[test]
    fn an_img_inside_an_attribute_value_is_text() {
        // html5ever 0.40 escapes `<` in values, older versions did not: rewritten,
        // the link's quotes would close the title and give the outer link its href.
        let html = r#"<a title="<img src=javascript:alert(1)>" rel="noopener noreferrer">x</a>"#;
        assert_eq!(external_images_to_links(html), html);
        let html = r#"<img alt="<img src=https://e.example/x>" src="local.png">"#;
        assert_eq!(external_images_to_links(html), html);
    }

    #[test]
    fn survives_broken_markup() {
        for s in [
            "<img",
            "<img src=\"x",
            "<img src=",
            "<imgx>",
            "<img/>",
            "<img src=\"https://e\"",
            "<",
            "<é src=x>",
            "<img =\"x\"é>",
            "<img ='x'\u{fffd}\u{fffd}img src=\"https://e.example\">",
        ] {
            let _ = external_images_to_links(s);
        }
    }
}
