//! Files for the host rather than the reader: `.nojekyll`, `robots.txt`,
//! `sitemap.xml`, and the canonical address of a page (docs/publishing.md).
//!
//! `base_url` never changes a link inside the site (they are all relative, SPEC §3);
//! it only feeds the absolute addresses search engines want.

use super::{Content, Site};
use crate::audience::{Indexing, Policy};
use crate::site::paths;
use crate::text::{escape_xml, percent_decode, percent_encode};

/// `base_url` as an absolute `http(s)://host/path/` ending in `/`; None when it is
/// empty, a bare path, or has no host: sitemaps and canonical links need a full address.
pub fn absolute_base(base_url: &str) -> Option<String> {
    let url = base_url.trim();
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    if host.is_empty() || host.contains(char::is_whitespace) {
        return None;
    }
    let url = url.split(['?', '#']).next().unwrap_or(url);
    Some(if url.ends_with('/') {
        url.to_string()
    } else {
        format!("{url}/")
    })
}

/// The URL path the site lives under (`/bio9/`), from an absolute `base_url` or a
/// path one; None when `base_url` is empty or not understood.
pub fn base_path(base_url: &str) -> Option<String> {
    let url = base_url.trim();
    let path = match absolute_base(url) {
        Some(abs) => {
            let after_scheme = &abs[abs.find("://")? + 3..];
            after_scheme
                .find('/')
                .map_or("/", |i| &after_scheme[i..])
                .to_string()
        }
        None if url.starts_with('/') && !url.starts_with("//") => {
            url.split(['?', '#']).next().unwrap_or(url).to_string()
        }
        None => return None,
    };
    // Each segment percent-encoded once, so the path is safe to put in a script.
    let segments: Vec<String> = path
        .split('/')
        .filter(|s| !s.is_empty())
        .map(|s| percent_encode(&percent_decode(s)))
        .collect();
    Some(if segments.is_empty() {
        "/".to_string()
    } else {
        format!("/{}/", segments.join("/"))
    })
}

/// The absolute address of the page at `site_path`, or empty without an absolute
/// `base_url`. Pages are addressed by file (`units/cells/index.html`), like every
/// link inside the site, so a page has exactly one address.
pub fn canonical(base_url: &str, site_path: &str) -> String {
    absolute_base(base_url).map_or_else(String::new, |b| format!("{b}{}", paths::href(site_path)))
}

/// Adds `.nojekyll`, `robots.txt` and (public build with an absolute `base_url`)
/// `sitemap.xml`, listing `site.indexable`.
pub fn add_files(site: &mut Site, base_url: &str, policy: &Policy) {
    // GitHub Pages runs Jekyll unless told not to, and Jekyll drops files whose
    // names start with `_` or `.`, which a student's evidence may well have.
    site.files
        .insert(".nojekyll".into(), Content::Bytes(Vec::new()));
    let sitemap = match policy.indexing {
        Indexing::Never => None,
        Indexing::CoursePages | Indexing::Everything => sitemap(base_url, &site.indexable),
    };
    let robots = robots(base_url, site.students > 0, policy, sitemap.is_some());
    site.files
        .insert("robots.txt".into(), Content::Bytes(robots.into_bytes()));
    if let Some(xml) = sitemap {
        site.files
            .insert("sitemap.xml".into(), Content::Bytes(xml.into_bytes()));
    }
}

/// `robots.txt`. Crawlers read it only at the root of a host, so under a project
/// path (`user.github.io/bio9/`) it is advisory; `noindex` on the pages is what counts.
fn robots(base_url: &str, has_student_pages: bool, policy: &Policy, has_sitemap: bool) -> String {
    let mut out = String::from(
        "# Written by pathfolio. Search engines read this file only at the root of a web site.\nUser-agent: *\n",
    );
    if policy.indexing == Indexing::Never {
        out.push_str("# A private build (teacher or student view): nothing here may be indexed.\nDisallow: /\n");
        return out;
    }
    let prefix = base_path(base_url).unwrap_or_else(|| "/".into());
    if has_student_pages && !policy.indexes_student_pages() {
        out.push_str(&format!("Disallow: {prefix}students/\n"));
    } else {
        out.push_str("Disallow:\n");
    }
    if has_sitemap && let Some(base) = absolute_base(base_url) {
        out.push_str(&format!("Sitemap: {base}sitemap.xml\n"));
    }
    out
}

/// The sitemap of the indexable pages, or None without an absolute `base_url`.
fn sitemap(base_url: &str, pages: &[String]) -> Option<String> {
    absolute_base(base_url)?;
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let mut pages: Vec<&String> = pages.iter().collect();
    pages.sort();
    for p in pages {
        out.push_str(&format!(
            "  <url><loc>{}</loc></url>\n",
            escape_xml(&canonical(base_url, p))
        ));
    }
    out.push_str("</urlset>\n");
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absolute_base_needs_a_scheme_and_a_host() {
        assert_eq!(
            absolute_base("https://u.github.io/bio9").as_deref(),
            Some("https://u.github.io/bio9/")
        );
        assert_eq!(
            absolute_base("http://school.example/").as_deref(),
            Some("http://school.example/")
        );
        assert_eq!(absolute_base("/bio9/"), None);
        assert_eq!(absolute_base("https:///x"), None);
        assert_eq!(absolute_base(""), None);
    }

    #[test]
    fn base_path_from_either_form() {
        assert_eq!(
            base_path("https://u.github.io/bio9/").as_deref(),
            Some("/bio9/")
        );
        assert_eq!(base_path("https://u.github.io").as_deref(), Some("/"));
        assert_eq!(base_path("/a/b").as_deref(), Some("/a/b/"));
        assert_eq!(
            base_path("https://h/Bio 9/?x=1").as_deref(),
            Some("/Bio%209/")
        );
        assert_eq!(base_path("https://h/a%20b/").as_deref(), Some("/a%20b/"));
        assert_eq!(base_path("bio9"), None);
        assert_eq!(base_path(""), None);
    }

    #[test]
    fn canonical_is_base_plus_encoded_path() {
        assert_eq!(
            canonical("https://u.github.io/bio9", "units/zoë/index.html"),
            "https://u.github.io/bio9/units/zo%C3%AB/index.html"
        );
        assert_eq!(canonical("/bio9/", "index.html"), "");
    }

    #[test]
    fn sitemap_lists_pages_sorted_and_escaped() {
        let xml = sitemap(
            "https://h/x?a&b",
            &["units/b/index.html".into(), "index.html".into()],
        )
        .unwrap();
        let i = xml.find("<loc>https://h/x/index.html</loc>").unwrap();
        let u = xml
            .find("<loc>https://h/x/units/b/index.html</loc>")
            .unwrap();
        assert!(i < u, "{xml}");
        assert_eq!(sitemap("/x/", &["index.html".into()]), None);
    }
}
