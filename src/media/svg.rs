//! SVG from a student is untrusted: opened on its own (not through `<img>`), an SVG
//! runs its scripts in the site's origin, and any SVG can make requests to other
//! sites. So an SVG is parsed and written anew from a strict allowlist of elements
//! and attributes for static drawings: no script, no event handlers, no `<image>`,
//! `<a>`, `<foreignObject>`, animation or `<metadata>`, no references outside the
//! file (`href` only to `#id`, `url(#id)` only), no DOCTYPE, comments or processing
//! instructions. Anything not on the list is left out with everything inside it.

use roxmltree::{Document, Node, NodeType, ParsingOptions};

use crate::text;

const SVG_NS: &str = "http://www.w3.org/2000/svg";
const XLINK_NS: &str = "http://www.w3.org/1999/xlink";
const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";
const MAX_DEPTH: usize = 256;

const ELEMENTS: &[&str] = &[
    "svg",
    "g",
    "defs",
    "symbol",
    "use",
    "title",
    "desc",
    "path",
    "rect",
    "circle",
    "ellipse",
    "line",
    "polyline",
    "polygon",
    "text",
    "tspan",
    "textPath",
    "linearGradient",
    "radialGradient",
    "stop",
    "pattern",
    "clipPath",
    "mask",
    "marker",
    "style",
    "filter",
    "feGaussianBlur",
    "feOffset",
    "feBlend",
    "feColorMatrix",
    "feComposite",
    "feFlood",
    "feMerge",
    "feMergeNode",
    "feMorphology",
    "feDropShadow",
];

const ATTRIBUTES: &[&str] = &[
    "id",
    "class",
    "style",
    "transform",
    "viewBox",
    "preserveAspectRatio",
    "width",
    "height",
    "x",
    "y",
    "x1",
    "x2",
    "y1",
    "y2",
    "cx",
    "cy",
    "r",
    "rx",
    "ry",
    "fx",
    "fy",
    "fr",
    "d",
    "points",
    "pathLength",
    "fill",
    "fill-opacity",
    "fill-rule",
    "stroke",
    "stroke-width",
    "stroke-linecap",
    "stroke-linejoin",
    "stroke-miterlimit",
    "stroke-dasharray",
    "stroke-dashoffset",
    "stroke-opacity",
    "opacity",
    "color",
    "display",
    "visibility",
    "overflow",
    "font-family",
    "font-size",
    "font-weight",
    "font-style",
    "font-variant",
    "text-anchor",
    "dominant-baseline",
    "alignment-baseline",
    "baseline-shift",
    "letter-spacing",
    "word-spacing",
    "text-decoration",
    "writing-mode",
    "dx",
    "dy",
    "rotate",
    "textLength",
    "lengthAdjust",
    "startOffset",
    "side",
    "offset",
    "stop-color",
    "stop-opacity",
    "gradientUnits",
    "gradientTransform",
    "spreadMethod",
    "clip-path",
    "clip-rule",
    "clipPathUnits",
    "mask",
    "maskUnits",
    "maskContentUnits",
    "patternUnits",
    "patternContentUnits",
    "patternTransform",
    "marker-start",
    "marker-mid",
    "marker-end",
    "markerWidth",
    "markerHeight",
    "markerUnits",
    "refX",
    "refY",
    "orient",
    "filter",
    "filterUnits",
    "primitiveUnits",
    "in",
    "in2",
    "result",
    "stdDeviation",
    "mode",
    "type",
    "values",
    "operator",
    "k1",
    "k2",
    "k3",
    "k4",
    "radius",
    "flood-color",
    "flood-opacity",
    "vector-effect",
    "paint-order",
    "shape-rendering",
    "text-rendering",
    "image-rendering",
    "color-interpolation",
    "color-interpolation-filters",
    "mix-blend-mode",
    "isolation",
    "version",
    "role",
    "aria-label",
    "aria-hidden",
    "lang",
    "focusable",
    "href",
];

/// The SVG rebuilt from the allowlist, or why it cannot be published.
pub fn sanitize(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let text = std::str::from_utf8(bytes).map_err(|_| "the SVG is not UTF-8 text")?;
    let opts = ParsingOptions {
        // Drawing programs write a DOCTYPE; roxmltree guards against entity bombs,
        // and no DTD is ever written out.
        allow_dtd: true,
        nodes_limit: 1_000_000,
        ..ParsingOptions::default()
    };
    let doc = Document::parse_with_options(text, opts)
        .map_err(|e| format!("the SVG is not well-formed XML ({e})"))?;
    let root = doc.root_element();
    let ns = root.tag_name().namespace();
    if root.tag_name().name() != "svg" || !(ns == Some(SVG_NS) || ns.is_none()) {
        return Err("the file is not an SVG drawing (its root is not <svg>)".into());
    }
    let mut out = String::with_capacity(text.len());
    element(root, ns, 0, &mut out);
    out.push('\n');
    Ok(out.into_bytes())
}

fn element(node: Node, ns: Option<&str>, depth: usize, out: &mut String) {
    let name = node.tag_name().name();
    if depth > MAX_DEPTH || node.tag_name().namespace() != ns || !ELEMENTS.contains(&name) {
        return;
    }
    // A browser reads a <style> as all of its text together: checked and written
    // as that, so a comment or an element inside cannot split `@import` or `url(`.
    let css: Option<String> = (name == "style").then(|| {
        node.children()
            .filter(|c| c.is_text())
            .filter_map(|c| c.text())
            .collect()
    });
    if css.as_deref().is_some_and(|css| !css_safe(css)) {
        return;
    }
    out.push('<');
    out.push_str(name);
    if depth == 0 {
        out.push_str(&format!(r#" xmlns="{SVG_NS}" xmlns:xlink="{XLINK_NS}""#));
    }
    for a in node.attributes() {
        let written = match (a.namespace(), a.name()) {
            (None, n) if ATTRIBUTES.contains(&n) => n.to_string(),
            (Some(XLINK_NS), "href") => "xlink:href".into(),
            (Some(XML_NS), n @ ("space" | "lang")) => format!("xml:{n}"),
            _ => continue,
        };
        if value_safe(a.name(), a.value()) {
            out.push_str(&format!(r#" {written}="{}""#, escape(a.value(), true)));
        }
    }
    let open = out.len();
    out.push('>');
    if let Some(css) = css {
        out.push_str(&escape(&css, false));
    } else {
        for child in node.children() {
            match child.node_type() {
                NodeType::Element => element(child, ns, depth + 1, out),
                NodeType::Text => out.push_str(&escape(child.text().unwrap_or(""), false)),
                _ => {}
            }
        }
    }
    if out.len() == open + 1 {
        out.insert(open, '/');
    } else {
        out.push_str(&format!("</{name}>"));
    }
}

/// `href` only to a fragment of this file; `url(…)` only to `#id`; CSS without
/// imports, escapes or script.
fn value_safe(name: &str, value: &str) -> bool {
    if name == "href" {
        return value.trim_start().starts_with('#');
    }
    css_safe(value)
}

fn css_safe(css: &str) -> bool {
    let lower: String = css
        .to_ascii_lowercase()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    if css.contains('\\')
        || [
            "@import",
            "expression(",
            "javascript:",
            "behavior:",
            "-moz-binding",
            "image-set(",
        ]
        .iter()
        .any(|bad| lower.contains(bad))
    {
        return false;
    }
    lower.match_indices("url(").all(|(i, m)| {
        lower[i + m.len()..]
            .trim_start_matches(['"', '\''])
            .starts_with('#')
    })
}

/// Escaped so the written file reads back as the same text: in an attribute, a raw
/// LF or tab would become a space; anywhere, a raw CR would become a LF.
fn escape(s: &str, attribute: bool) -> String {
    if attribute {
        text::escape_html(s)
            .replace('\n', "&#10;")
            .replace('\t', "&#9;")
            .replace('\r', "&#13;")
    } else {
        text::escape_text(s).replace('\r', "&#13;")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clean(svg: &str) -> String {
        String::from_utf8(sanitize(svg.as_bytes()).unwrap()).unwrap()
    }

    #[test]
    fn removes_script_handlers_links_and_metadata() {
        let svg = r##"<?xml version="1.0"?>
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:i="urn:x" onload="alert(1)" viewBox="0 0 10 10">
  <metadata><rdf>GPS 51.5 -0.1</rdf></metadata>
  <script>alert(1)</script>
  <!-- made at home -->
  <a href="https://evil.example/"><rect width="5" height="5"/></a>
  <image href="https://tracker.example/pixel.png" width="1" height="1"/>
  <foreignObject><p xmlns="http://www.w3.org/1999/xhtml">x</p></foreignObject>
  <use xlink:href="https://evil.example/s.svg#a"/><use href="#dot"/>
  <circle id="dot" r="2" fill="url(https://evil.example/p)" style="fill:url(#g)" i:x="1"/>
  <style>@import url(https://evil.example/x.css);</style>
  <style>.a{fill:red}</style>
  <set attributeName="href" to="javascript:alert(1)"/>
  <text x="1" y="9">Ok &amp; fine</text>
</svg>"##;
        let out = clean(svg);
        for bad in [
            "onload",
            "script",
            "metadata",
            "GPS",
            "evil",
            "tracker",
            "image",
            "foreignObject",
            "<a",
            "DOCTYPE",
            "<!--",
            "i:x",
            "@import",
            "<set",
            "javascript",
        ] {
            assert!(!out.contains(bad), "{bad} in {out}");
        }
        for good in [
            r##"<use href="#dot"/>"##,
            r##"style="fill:url(#g)""##,
            "<style>.a{fill:red}</style>",
            "Ok &amp; fine",
            r#"viewBox="0 0 10 10""#,
        ] {
            assert!(out.contains(good), "{good} missing in {out}");
        }
        assert!(roxmltree::Document::parse(&out).is_ok(), "{out}");
    }

    #[test]
    fn style_is_checked_as_a_whole() {
        for svg in [
            "<svg><style>a{}<g/>@import url(https://e.example/x.css);</style></svg>",
            "<svg><style>@imp<!-- -->ort 'https://e.example/x.css';</style></svg>",
            "<svg><style>.a{fill:u<?x?>rl(https://e.example/p)}</style></svg>",
        ] {
            let out = clean(svg);
            assert!(!out.contains("e.example"), "{out}");
        }
        assert_eq!(
            clean("<svg><style>.a{}<!-- x --><g/>.b{}</style></svg>"),
            format!(
                "<svg xmlns=\"{SVG_NS}\" xmlns:xlink=\"{XLINK_NS}\"><style>.a{{}}.b{{}}</style></svg>\n"
            )
        );
    }

    #[test]
    fn sanitizing_twice_changes_nothing() {
        for svg in [
            r#"<svg><text x="&#13;1">a&#13;b</text></svg>"#,
            "<svg><text>\r\n a\tb</text><rect id=\"a&#10;&#9;b\"/></svg>",
        ] {
            let once = sanitize(svg.as_bytes()).unwrap();
            assert_eq!(sanitize(&once).unwrap(), once, "{svg}");
        }
    }

    #[test]
    fn refuses_what_is_not_svg() {
        assert!(sanitize(b"<html><body>x</body></html>").is_err());
        assert!(sanitize(b"<svg").is_err());
        assert!(sanitize(&[0xFF, 0xFE, 0x00]).is_err());
        let bomb = r#"<!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;"><!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">]><svg xmlns="http://www.w3.org/2000/svg"><text>&g;&g;&g;&g;</text></svg>"#;
        let _ = sanitize(bomb.as_bytes());
    }
}
