//! The files of a site that are not pages: the course's resources, static files
//! and unit assets as this audience may have them, and the theme's static files.

use super::templates::ThemeFile;
use super::{Content, Renderer, Site};

impl Renderer<'_> {
    /// Adds the course's and the theme's files to `site` (students' files come
    /// with their evidence pages).
    pub fn copy_files(&self, site: &mut Site) {
        let c = self.course;
        for a in c
            .resources
            .iter()
            .chain(&c.statics)
            .chain(c.units.iter().flat_map(|u| &u.assets))
        {
            if let Some(content) = self.media.asset(&a.source, &a.site_path, self.views.policy) {
                site.files.insert(a.site_path.clone(), content);
            }
        }
        for (path, file) in &self.templates.statics {
            let content = match file {
                ThemeFile::Embedded(text) => Content::Bytes(text.as_bytes().to_vec()),
                ThemeFile::Generated(text) => Content::Bytes(text.as_bytes().to_vec()),
                ThemeFile::Disk(p) => Content::Copy(p.clone()),
            };
            site.files.insert(path.clone(), content);
        }
    }
}
