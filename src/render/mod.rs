//! Stage 6: the filtered course into the files of a site.
//!
//! Every page is a [`Job`]; [`job::list`] lists a course's pages for one audience,
//! [`Renderer::render`] renders any list of jobs into a [`Sink`] (the new output
//! folder for `build`, memory for `serve`, `check` and tests),
//! [`Renderer::copy_files`] adds the files copied as they are, and [`finish`] the
//! files made from the whole site (search index, sitemap). [`site`] does all four.

pub mod chart;
pub mod files;
pub mod job;
pub mod pages;
pub mod print;
pub mod publish;
pub mod renderer;
pub mod search;
pub mod standalone;
mod teacher;
pub mod templates;
pub mod views;

use std::collections::BTreeMap;

use serde::Serialize;

use crate::audience::Policy;
use crate::compute::Computed;
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::Course;
pub use job::PageKind;
pub use renderer::{Renderer, Shown};

pub use crate::site::Content;

/// Where pages go as soon as they are rendered, so that a school's site never sits
/// in memory whole (`write::Staging`). The sink says what the site holds of the page
/// from then on: [`Content::Written`] once it is on disk, its bytes for [`Memory`].
pub trait Sink: Sync {
    fn put(&self, site_path: &str, bytes: Vec<u8>) -> Result<Content, Diagnostic>;
}

/// The sink of a site kept in memory (`serve`, `check`, `archive`, tests).
pub struct Memory;

impl Sink for Memory {
    fn put(&self, _: &str, bytes: Vec<u8>) -> Result<Content, Diagnostic> {
        Ok(Content::Bytes(bytes))
    }
}

/// A site: site path (`/`-separated) → content. Sorted, so writing and hashing it
/// is deterministic.
#[derive(Debug, Default, Clone)]
pub struct Site {
    pub files: BTreeMap<String, Content>,
    pub pages: usize,
    /// Pages search engines may index (public, without `noindex`): the sitemap.
    pub indexable: Vec<String>,
    /// Students whose portfolios the site holds.
    pub students: usize,
    /// The search entries of the pages rendered, which [`finish`] joins into the
    /// index (see `search`).
    pub search: search::Entries,
}

impl Site {
    /// The text of a page, for tests and tools.
    pub fn text(&self, path: &str) -> Option<String> {
        match self.files.get(path)? {
            Content::Bytes(b) => Some(String::from_utf8_lossy(b).into_owned()),
            Content::Copy(p) => p.read().ok().and_then(|b| String::from_utf8(b).ok()),
            Content::Written => None,
        }
    }

    /// Adds the pages, files, entries and problems of `part`.
    fn absorb(&mut self, part: Site) {
        self.pages += part.pages;
        self.files.extend(part.files);
        self.indexable.extend(part.indexable);
        self.search.absorb(part.search);
    }
}

/// Every page and file of the site of `course` for the audience of `policy`:
/// [`Renderer::render`] of every job, [`Renderer::copy_files`] and [`finish`],
/// into `sink`.
pub fn site(
    course: &Course,
    policy: &Policy,
    computed: &Computed,
    sink: &dyn Sink,
) -> Result<Site, Diagnostics> {
    let r = Renderer::new(course, policy, computed)?;
    let mut site = r.render(&job::list(course, policy), sink)?;
    r.copy_files(&mut site);
    // Each student's entries are moved into the index as it is joined, so a
    // school's index is not held twice.
    let entries = std::mem::take(&mut site.search);
    site.files
        .insert(search::INDEX.into(), Content::Bytes(entries.into_index()));
    publish::add_files(&mut site, &course.config.base_url, policy);
    Ok(site)
}

/// Adds the files made from the whole site: the search index (from `site.search`,
/// which stays for a later update) and the host's files (from `site.indexable`).
pub fn finish(site: &mut Site, base_url: &str, policy: &Policy) {
    let index = site.search.index();
    site.files
        .insert(search::INDEX.into(), Content::Bytes(index));
    publish::add_files(site, base_url, policy);
}

/// A view as a template value. Views are plain data (strings, numbers, lists), which
/// always serialize; made straight into tera's own value, which pages share cheaply.
fn json<T: Serialize>(value: &T) -> tera::Value {
    tera::Value::try_from_serializable(value).unwrap_or_else(|_| tera::Value::none())
}
