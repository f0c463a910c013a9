//! Markdown to safe HTML: pulldown-cmark, then ammonia.
//!
//! All Markdown (a student's or a teacher's) goes through the same sanitizer, which
//! keeps what Markdown itself produces (heading ids, footnotes, table alignment, task
//! lists) and drops script, event handlers, `javascript:` links and frames.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};

use crate::text::slugify;

pub mod embeds;
pub(crate) mod links;
pub(crate) mod raw_html;

/// What a link becomes in the HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rewrite {
    /// Not a link to a course file: written as it is.
    Keep,
    /// A course file: this address instead.
    To(String),
    /// A course file this audience does not see (a draft, an unpublished student):
    /// the link text stays, the link goes, so nothing points at what is absent.
    Unlink,
}

/// Ids the theme uses itself; a heading with such a name gets a suffix instead.
pub const RESERVED_IDS: [&str; 6] = [
    "main",
    "top",
    "content",
    "site-header",
    "site-nav",
    "site-footer",
];

/// Deepest nesting of lists and quotes rendered; deeper input is flattened into text
/// so a hostile file cannot make the renderer or a browser work without end.
const MAX_NESTING: usize = 64;

/// Renders Markdown into sanitized HTML. Headings are shifted so that a `#` heading
/// becomes `<h{top}>`: a page has one h1 (its title) and the body sits under the
/// page's own section headings, so the outline never skips or repeats a level.
pub fn to_html(markdown: &str, top: u8) -> String {
    to_html_linked(markdown, top, &|_| Rewrite::Keep)
}

/// Like [`to_html`], with every link and image address passed through `link` first
/// (see `links`).
pub fn to_html_linked(markdown: &str, top: u8, link: &dyn Fn(&str) -> Rewrite) -> String {
    let events = with_ids(Parser::new_ext(markdown, options()).collect());
    let events = shift_headings(rewrite_links(events, link), top);
    let events = limit_nesting(events);
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut out, events.into_iter());
    let out = raw_html::bound(&out).html;
    // No embeds from other sites: an image hosted elsewhere becomes a link to it.
    embeds::external_images_to_links(&sanitizer().clean(&out).to_string())
}

/// Plain text of the first `max` characters of some Markdown, for excerpts.
pub fn excerpt(markdown: &str, max: usize) -> String {
    let mut text = String::new();
    // Characters so far, counted as they come (counting the whole text after every
    // event would make a long excerpt quadratic).
    let mut chars = 0;
    for event in Parser::new_ext(markdown, options()) {
        match event {
            Event::Text(t) | Event::Code(t) => {
                chars += t.chars().count();
                text.push_str(&t);
            }
            Event::SoftBreak
            | Event::HardBreak
            | Event::End(TagEnd::Paragraph | TagEnd::Heading(_)) => {
                chars += 1;
                text.push(' ');
            }
            _ => {}
        }
        if chars > max + 1 {
            break;
        }
    }
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= max {
        return text;
    }
    let cut: String = text.chars().take(max).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(a, _)| a);
    format!("{cut}…")
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Gives every heading an id from its text (`## What I learned` → `what-i-learned`),
/// unique within the document, and makes footnote ids unlikely to clash.
fn with_ids(mut events: Vec<Event<'_>>) -> Vec<Event<'_>> {
    let mut used: HashMap<String, usize> =
        RESERVED_IDS.iter().map(|r| (r.to_string(), 1)).collect();
    let mut i = 0;
    while i < events.len() {
        if let Event::Start(Tag::Heading { id, .. }) = &events[i] {
            let mut text = String::new();
            let mut j = i + 1;
            while j < events.len() && !matches!(events[j], Event::End(TagEnd::Heading(_))) {
                if let Event::Text(t) | Event::Code(t) = &events[j] {
                    text.push_str(t);
                }
                j += 1;
            }
            let base = match id {
                Some(explicit) => slugify(explicit),
                None => slugify(&text),
            };
            let base = if base.is_empty() {
                "section".to_string()
            } else {
                base
            };
            let n = used.entry(base.clone()).or_insert(0);
            let unique = if *n == 0 {
                base.clone()
            } else {
                format!("{base}-{n}")
            };
            *n += 1;
            used.entry(unique.clone()).or_insert(1);
            if let Event::Start(Tag::Heading { id, .. }) = &mut events[i] {
                *id = Some(CowStr::from(unique));
            }
        }
        i += 1;
    }
    events
}

fn shift_headings(mut events: Vec<Event<'_>>, top: u8) -> Vec<Event<'_>> {
    let by = top.clamp(1, 6) as usize - 1;
    let shift = |l: HeadingLevel| {
        HeadingLevel::try_from((l as usize + by).min(6)).unwrap_or(HeadingLevel::H6)
    };
    for e in &mut events {
        match e {
            Event::Start(Tag::Heading { level, .. }) => *level = shift(*level),
            Event::End(TagEnd::Heading(level)) => *level = shift(*level),
            _ => {}
        }
    }
    events
}

/// The ids [`to_html`] gives the headings of `markdown`, in order.
pub fn heading_ids(markdown: &str) -> Vec<String> {
    with_ids(Parser::new_ext(markdown, options()).collect())
        .into_iter()
        .filter_map(|e| match e {
            Event::Start(Tag::Heading { id: Some(id), .. }) => Some(id.to_string()),
            _ => None,
        })
        .collect()
}

/// A link or image address as written in Markdown, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkRef {
    pub dest: String,
    /// Byte offset of the address in the Markdown (of the link, when the address is
    /// elsewhere, as in a reference-style link).
    pub offset: usize,
    pub image: bool,
}

/// Every link and image of `markdown`, in order.
pub fn link_refs(markdown: &str) -> Vec<LinkRef> {
    let mut out = Vec::new();
    for (event, range) in Parser::new_ext(markdown, options()).into_offset_iter() {
        let (dest, image) = match &event {
            Event::Start(Tag::Link { dest_url, .. }) => (dest_url, false),
            Event::Start(Tag::Image { dest_url, .. }) => (dest_url, true),
            _ => continue,
        };
        let written = markdown.get(range.clone()).unwrap_or("");
        // The address follows the link text; search after the last `](` so that a
        // link text that repeats the address does not mislead.
        let from = written.rfind("](").map_or(0, |i| i + 2);
        let offset = written[from..]
            .find(dest.as_ref())
            .map_or(range.start, |i| range.start + from + i);
        out.push(LinkRef {
            dest: dest.to_string(),
            offset,
            image,
        });
    }
    out
}

/// Applies `link` to every link and image; an unlinked one keeps its text (or alt text).
fn rewrite_links<'a>(events: Vec<Event<'a>>, link: &dyn Fn(&str) -> Rewrite) -> Vec<Event<'a>> {
    // Whether each open link or image was dropped, to drop its end too.
    let mut open: Vec<bool> = Vec::new();
    let mut out = Vec::with_capacity(events.len());
    for mut e in events {
        match &mut e {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                match link(dest_url) {
                    Rewrite::Keep => open.push(false),
                    Rewrite::To(href) => {
                        *dest_url = CowStr::from(href);
                        open.push(false);
                    }
                    Rewrite::Unlink => {
                        open.push(true);
                        continue;
                    }
                }
            }
            Event::End(TagEnd::Link | TagEnd::Image) if open.pop() == Some(true) => continue,
            _ => {}
        }
        out.push(e);
    }
    out
}

fn limit_nesting(events: Vec<Event<'_>>) -> Vec<Event<'_>> {
    let mut depth = 0usize;
    let mut skipped = 0usize;
    let mut out = Vec::with_capacity(events.len());
    for e in events {
        match &e {
            Event::Start(_) => {
                depth += 1;
                if depth > MAX_NESTING {
                    skipped += 1;
                    continue;
                }
            }
            Event::End(_) => {
                depth = depth.saturating_sub(1);
                if skipped > 0 {
                    skipped -= 1;
                    continue;
                }
            }
            _ => {}
        }
        out.push(e);
    }
    out
}

fn sanitizer() -> &'static ammonia::Builder<'static> {
    static SANITIZER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    SANITIZER.get_or_init(|| {
        let mut b = ammonia::Builder::default();
        b.add_tags([
            "input",
            "del",
            "s",
            "details",
            "summary",
            "figure",
            "figcaption",
            "mark",
        ]);
        b.add_generic_attributes(["id"]);
        b.add_tag_attributes("input", ["type", "checked", "disabled"]);
        b.set_tag_attribute_value("input", "disabled", "");
        b.add_tag_attributes("th", ["style"]);
        b.add_tag_attributes("td", ["style"]);
        b.filter_style_properties(HashSet::from(["text-align"]));
        b.add_allowed_classes("sup", ["footnote-reference"]);
        b.add_allowed_classes("div", ["footnote-definition"]);
        b.add_allowed_classes("sup", ["footnote-definition-label"]);
        b.attribute_filter(|element, attribute, value| match (element, attribute) {
            ("input", "type") if value != "checkbox" => None,
            (_, "id") if RESERVED_IDS.contains(&value) || value.is_empty() => None,
            _ => Some(value.into()),
        });
        b
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_get_unique_ids() {
        let html = to_html("# Hello World\n\n## Hello World\n\n## Main\n", 1);
        assert!(html.contains(r#"<h1 id="hello-world">"#), "{html}");
        assert!(html.contains(r#"<h2 id="hello-world-1">"#), "{html}");
        assert!(html.contains(r#"<h2 id="main-1">"#), "{html}");
        let shifted = to_html("# A\n\n### B\n\n###### C\n", 3);
        assert!(
            shifted.contains("<h3 id=\"a\">")
                && shifted.contains("<h5 id=\"b\">")
                && shifted.contains("<h6 id=\"c\">"),
            "{shifted}"
        );
    }

    #[test]
    fn keeps_markdown_features() {
        let md = "| a | b |\n|:-:|--:|\n| 1 | 2 |\n\n- [x] done\n- [ ] todo\n\n~~old~~\n\nText[^1]\n\n[^1]: Note.\n";
        let html = to_html(md, 2);
        assert!(html.contains(r#"style="text-align:center""#), "{html}");
        assert!(html.contains(r#"type="checkbox""#), "{html}");
        assert!(html.contains("<del>old</del>"), "{html}");
        assert!(
            html.contains(r##"href="#1""##) && html.contains(r#"id="1""#),
            "{html}"
        );
    }

    #[test]
    fn removes_script_handlers_and_frames() {
        let html = to_html(
            "<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[x](javascript:alert(1))\n\n<iframe src=https://e.org></iframe>\n\n<p style=\"color:red\">x</p>",
            3,
        );
        for bad in ["<script", "onerror", "javascript:", "<iframe", "color:red"] {
            assert!(!html.contains(bad), "{bad} in {html}");
        }
    }

    #[test]
    fn deep_nesting_does_not_explode() {
        let md = ">".repeat(10_000) + " deep";
        let html = to_html(&md, 2);
        assert!(html.matches("<blockquote>").count() <= MAX_NESTING);
    }

    #[test]
    fn excerpt_cuts_at_word() {
        assert_eq!(excerpt("# T\n\nOne two three four", 9), "T One…");
        assert_eq!(excerpt("short", 20), "short");
    }
}
