//! Bounds on raw HTML before it reaches the sanitizer, so that the work grows
//! linearly with the input.
//!
//! The sanitizer's HTML parser (html5ever, inside ammonia) does work proportional to
//! the depth of open elements for every tag, and its list of open formatting elements
//! (`<b>`, `<em>` …) is reopened after each block: 200,000 nested `<div>` in one
//! evidence body (1 MB) took over a minute. This pass reads the HTML that Markdown
//! produced (raw HTML included) once, left to right, and writes it back
//! unambiguous and balanced:
//!
//! - at most [`MAX_OPEN`] elements are open at once; a deeper tag is dropped (its
//!   content stays);
//! - every element is closed explicitly, in order; an end tag that closes nothing
//!   open is dropped;
//! - tags are written again in one plain form (`<name attr="value">`), so that the
//!   parser sees exactly the tags counted here; a `<` that starts no tag is escaped;
//! - comments, `<!…>` and `<?…>` are dropped (the sanitizer drops them anyway);
//! - formatting elements lose their attributes, which bounds the parser's list of
//!   formatting elements to three of each kind.
//!
//! The sanitizer still decides what is allowed; this pass only keeps its work bounded.

/// The deepest nesting of elements passed on to the sanitizer. Markdown's own
/// nesting is limited to 64 (see `markdown::MAX_NESTING`); this leaves as much again
/// for raw HTML.
pub const MAX_OPEN: usize = 128;

/// HTML with bounded nesting, and the work it took.
pub struct Bounded {
    pub html: String,
    /// Bytes read plus open elements looked at: a measure of the work done, for
    /// tests that the work grows linearly.
    #[cfg_attr(not(test), allow(dead_code, reason = "only the tests read it"))]
    pub work: usize,
}

/// Elements that never have content.
const VOID: [&str; 17] = [
    "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "image", "img",
    "input", "keygen", "link", "meta", "param", "source",
];
const VOID_MORE: [&str; 2] = ["track", "wbr"];

/// The parser's formatting elements, without `a` (a new `<a>` closes the last one).
const FORMATTING: [&str; 13] = [
    "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u",
];

/// Start tags that close an open `<p>` (HTML's rule, applied when the `<p>` is the
/// innermost open element, so that unclosed paragraphs do not count as nesting).
const CLOSES_P: [&str; 33] = [
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "ul",
];

/// HTML with at most [`MAX_OPEN`] elements open at once, every element closed, and
/// every tag in one plain form (see the module's comment).
pub fn bound(html: &str) -> Bounded {
    let mut b = Balancer {
        out: String::with_capacity(html.len() + html.len() / 8),
        open: Vec::new(),
        work: 0,
    };
    let bytes = html.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let Some(lt) = bytes[i..].iter().position(|&c| c == b'<') else {
            b.out.push_str(&html[i..]);
            b.work += bytes.len() - i;
            break;
        };
        b.out.push_str(&html[i..i + lt]);
        b.work += lt;
        i += lt;
        i = b.markup(html, i);
    }
    while let Some(name) = b.open.pop() {
        b.close(&name);
    }
    Bounded {
        html: b.out,
        work: b.work,
    }
}

struct Balancer {
    out: String,
    /// The open elements, outermost first.
    open: Vec<String>,
    work: usize,
}

impl Balancer {
    /// Handles the markup at `html[i]` (a `<`); returns where the text goes on.
    fn markup(&mut self, html: &str, i: usize) -> usize {
        let b = html.as_bytes();
        let next = b.get(i + 1).copied();
        let skip_to_gt = |from: usize| {
            b[from..]
                .iter()
                .position(|&c| c == b'>')
                .map_or(b.len(), |k| from + k + 1)
        };
        if html[i..].starts_with("<!--") {
            let end = html[i + 4..].find("-->").map_or(b.len(), |k| i + 4 + k + 3);
            self.work += end - i;
            return end;
        }
        if matches!(next, Some(b'!' | b'?')) {
            let end = skip_to_gt(i + 2);
            self.work += end - i;
            return end;
        }
        let end_tag = next == Some(b'/');
        let name_at = if end_tag { i + 2 } else { i + 1 };
        if !b.get(name_at).is_some_and(u8::is_ascii_alphabetic) {
            self.out.push_str("&lt;");
            self.work += 1;
            return i + 1;
        }
        let Some(tag) = parse_tag(html, name_at) else {
            // The input ends inside the tag: the parser would drop it; shown as text.
            self.out.push_str("&lt;");
            self.work += 1;
            return i + 1;
        };
        self.work += tag.end - i;
        if end_tag {
            self.end(&tag.name);
        } else {
            self.start(&tag);
        }
        tag.end
    }

    fn start(&mut self, tag: &Tag<'_>) {
        let name = tag.name.as_str();
        let implied_close = match name {
            "li" => &["li"][..],
            "dt" | "dd" => &["dt", "dd"][..],
            "tr" => &["tr", "td", "th"][..],
            "td" | "th" => &["td", "th"][..],
            "option" => &["option"][..],
            n if CLOSES_P.contains(&n) => &["p"][..],
            _ => &[][..],
        };
        if let Some(top) = self.open.last()
            && implied_close.contains(&top.as_str())
        {
            let top = self.open.pop().unwrap_or_default();
            self.close(&top);
        }
        let void = VOID.contains(&name) || VOID_MORE.contains(&name);
        if !void && self.open.len() >= MAX_OPEN {
            // Dropped; its end tag closes nothing open and is dropped too.
            return;
        }
        self.out.push('<');
        self.out.push_str(name);
        if !FORMATTING.contains(&name) {
            for (attr, value) in &tag.attrs {
                self.out.push(' ');
                self.out.push_str(attr);
                self.out.push_str("=\"");
                self.out.push_str(&value.replace('"', "&quot;"));
                self.out.push('"');
            }
        }
        self.out.push('>');
        if !void {
            self.open.push(tag.name.clone());
        }
    }

    fn end(&mut self, name: &str) {
        // Look for the element from the innermost out: at most MAX_OPEN steps.
        let found = self.open.iter().rposition(|n| n == name);
        self.work += self.open.len() - found.unwrap_or(0);
        let Some(at) = found else {
            return;
        };
        while self.open.len() > at {
            let inner = self.open.pop().unwrap_or_default();
            self.close(&inner);
        }
    }

    fn close(&mut self, name: &str) {
        self.out.push_str("</");
        self.out.push_str(name);
        self.out.push('>');
    }
}

/// A tag as read: its name (lower case), attributes, and the offset after its `>`.
struct Tag<'a> {
    name: String,
    attrs: Vec<(String, &'a str)>,
    end: usize,
}

/// Reads the tag whose name starts at `html[i]`, the way HTML's tokenizer does
/// (attribute values may hold `>` inside quotes); None when the input ends inside it.
/// Attributes with names that are not plain (`[a-z0-9_:.-]`) are left out.
fn parse_tag(html: &str, mut i: usize) -> Option<Tag<'_>> {
    let b = html.as_bytes();
    let stop = |c: u8| c.is_ascii_whitespace() || c == b'/' || c == b'>';
    let start = i;
    while i < b.len() && !stop(b[i]) {
        i += 1;
    }
    let name = html[start..i].to_ascii_lowercase();
    let mut attrs = Vec::new();
    loop {
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            i += 1;
        }
        match b.get(i)? {
            b'>' => {
                return Some(Tag {
                    name,
                    attrs,
                    end: i + 1,
                });
            }
            _ => {
                let at = i;
                i += 1; // a first `=` belongs to the name
                while i < b.len() && !stop(b[i]) && b[i] != b'=' {
                    i += 1;
                }
                let attr = html[at..i].to_ascii_lowercase();
                while i < b.len() && b[i].is_ascii_whitespace() {
                    i += 1;
                }
                let mut value = "";
                if b.get(i) == Some(&b'=') {
                    i += 1;
                    while i < b.len() && b[i].is_ascii_whitespace() {
                        i += 1;
                    }
                    match b.get(i)? {
                        &q @ (b'"' | b'\'') => {
                            let close = b[i + 1..].iter().position(|&c| c == q)?;
                            value = &html[i + 1..i + 1 + close];
                            i += close + 2;
                        }
                        _ => {
                            let at = i;
                            while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' {
                                i += 1;
                            }
                            value = &html[at..i];
                        }
                    }
                }
                let plain = attr
                    .bytes()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || b"_:.-".contains(&c));
                if plain && !attrs.iter().any(|(a, _)| a == &attr) {
                    attrs.push((attr, value));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nested(n: usize) -> String {
        "<div>".repeat(n) + "deep" + &"</div>".repeat(n)
    }

    #[test]
    fn deep_nesting_is_cut_at_the_limit() {
        let out = bound(&nested(10_000)).html;
        assert_eq!(out.matches("<div>").count(), MAX_OPEN);
        assert_eq!(out.matches("</div>").count(), MAX_OPEN);
        assert!(out.contains("deep"));
    }

    #[test]
    fn work_grows_linearly() {
        for body in [
            nested as fn(usize) -> String,
            |n| "<div>".repeat(n),
            |n| "<p><b class=x>".repeat(n),
            |n| "<li><i title=t>a</p>".repeat(n),
            |n| "<span></div>".repeat(n),
        ] {
            let small = bound(&body(20_000)).work;
            let large = bound(&body(80_000)).work;
            assert!(
                large as f64 <= small as f64 * 4.5,
                "{small} → {large} for {}",
                &body(2)
            );
        }
    }

    #[test]
    fn everything_is_closed_in_order() {
        assert_eq!(
            bound("<b><i>x</b> y").html,
            "<b><i>x</i></b> y",
            "misnested tags are closed in order"
        );
        assert_eq!(bound("<div>a</span>b").html, "<div>ab</div>");
        assert_eq!(bound("<p>a<p>b").html, "<p>a</p><p>b</p>");
        assert_eq!(
            bound("<ul><li>a<li>b</ul>").html,
            "<ul><li>a</li><li>b</li></ul>"
        );
    }

    #[test]
    fn tags_are_written_plainly() {
        assert_eq!(
            bound(r#"<A HREF='x"y' title=a>t</a>"#).html,
            r#"<a href="x&quot;y" title="a">t</a>"#
        );
        assert_eq!(
            bound(r#"<img src="a>b" alt="">"#).html,
            r#"<img src="a>b" alt="">"#
        );
        assert_eq!(bound("<b class=x>t</b>").html, "<b>t</b>");
        assert_eq!(bound("1 < 2 <3 </ x").html, "1 &lt; 2 &lt;3 &lt;/ x");
        assert_eq!(bound("a<!-- <div> -->b<!x>c<?y>d").html, "abcd");
        assert_eq!(
            bound("a<div title='unclosed").html,
            "a&lt;div title='unclosed"
        );
        assert_eq!(
            bound(r#"<p "x=1 onclick=y>a"#).html,
            r#"<p onclick="y">a</p>"#
        );
    }
}
