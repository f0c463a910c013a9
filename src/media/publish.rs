//! The render stage's side: the content of every published media file, made (or
//! found in the cache) following the plan.

use std::path::{Path, PathBuf};

use super::cache::{Cache, hash};
use super::inspect::{Refused, classify, clean_name};
use super::plan::{FilePlan, ImagePlan, Output, Sized, plan};
use super::{ImageFacts, ImageStatus, MediaConfig, clean, is_svg, resize};
use crate::audience::{Policy, Uncleaned};
use crate::load::Checked;
use crate::model::{Evidence, MediaKind, Student};
use crate::site::Content;
use crate::site::paths;

/// Makes the media files of one build.
pub struct Publisher {
    cache: Cache,
    config: MediaConfig,
}

impl Publisher {
    /// A publisher for the course (or student folder) at `root`.
    pub fn new(root: &Path, config: &MediaConfig) -> Publisher {
        Publisher {
            cache: Cache::new(root),
            config: config.clone(),
        }
    }

    /// The files of one evidence item, whose folder in the site is `dir`, as
    /// (site path, content) pairs.
    pub fn evidence(&self, e: &Evidence, dir: &str, policy: &Policy) -> Vec<(String, Content)> {
        let mut out = Vec::new();
        for f in &e.files {
            match plan(f, e, dir, &self.config, policy) {
                FilePlan::Copy => {
                    out.push((format!("{dir}/{}", f.name), Content::Copy(f.source.clone())))
                }
                FilePlan::Text { path } => out.push((path, Content::Copy(f.source.clone()))),
                FilePlan::Omit => {}
                FilePlan::Stripped(_) if super::is_dry_run() => {
                    out.push((format!("{dir}/{}", f.name), Content::Copy(f.source.clone())))
                }
                FilePlan::Stripped(m) => {
                    if let Some(c) = super::others::clean_copy(&self.cache, &f.source, &m) {
                        out.push((format!("{dir}/{}", f.name), c));
                    }
                }
                FilePlan::Image(p) => self.image(&f.source, &p, &mut out),
            }
        }
        out
    }

    /// A file of the course's own (resource, static file, unit file): raster images
    /// lose their metadata like students' images (they are not resized); None when
    /// it is left out (over the size limit, an image over the pixel limit, or an
    /// image that cannot be cleaned, from the public site). The teacher's SVGs are copied as they are: the teacher's
    /// templates may hold any script already, so a teacher's SVG is trusted alike.
    pub fn asset(&self, source: &Checked, site_path: &str, policy: &Policy) -> Option<Content> {
        if is_svg(site_path) {
            return Some(Content::Copy(source.clone()));
        }
        let size = source.metadata().map_or(0, |m| m.len());
        if size > self.config.max_bytes() {
            return None;
        }
        match classify(&self.cache, source, site_path, MediaKind::of(site_path)) {
            Ok(ImageStatus::NotAnImage) => Some(Content::Copy(source.clone())),
            Ok(ImageStatus::Ready(facts)) => self.clean(source, &facts),
            Err(Refused::Pixels(..)) => None,
            // The course's own files that cannot be cleaned go to private builds only.
            _ if policy.uncleaned != Uncleaned::Copied => None,
            _ => Some(Content::Copy(source.clone())),
        }
    }

    /// Makes the smaller copies the cache lacks for every evidence image of the
    /// course, on all cores, before the pages ask for them one by one. Only with a
    /// cache to keep them in: without one, the work would be done twice.
    pub fn prepare(&self, students: &[&Student], policy: &Policy) {
        let mut jobs: Vec<(&Checked, ImagePlan)> = Vec::new();
        for s in students {
            for e in &s.evidence {
                let dir = paths::evidence_dir(&s.id, &e.slug);
                for f in &e.files {
                    if let FilePlan::Image(p) = plan(f, e, &dir, &self.config, policy) {
                        jobs.push((&f.source, p));
                    }
                }
            }
        }
        jobs.retain(|(_, p)| {
            p.files().iter().any(|s| {
                s.output == Output::Resize && self.cache.get(&resized_name(&p.facts, s)).is_none()
            })
        });
        let workers = std::thread::available_parallelism().map_or(1, |n| n.get().min(4));
        if jobs.len() < 2 || workers < 2 || !self.cache.ready() {
            return;
        }
        let next = std::sync::atomic::AtomicUsize::new(0);
        std::thread::scope(|scope| {
            for _ in 0..workers.min(jobs.len()) {
                scope.spawn(|| {
                    while let Some((source, p)) =
                        jobs.get(next.fetch_add(1, std::sync::atomic::Ordering::Relaxed))
                    {
                        let mut targets = resize_targets(p);
                        targets.sort_by_key(|s| std::cmp::Reverse(s.width));
                        let _ = self.resized(source, &p.facts, &targets);
                    }
                });
            }
        });
    }

    fn image(&self, source: &Checked, p: &ImagePlan, out: &mut Vec<(String, Content)>) {
        if super::is_dry_run() {
            let placeholder = Content::Copy(source.clone());
            out.extend(
                p.files()
                    .into_iter()
                    .map(|s| (s.path.clone(), placeholder.clone())),
            );
            return;
        }
        let Some(clean) = self.clean(source, &p.facts) else {
            // The file changed into something broken since it was inspected.
            return;
        };
        let mut targets = resize_targets(p);
        targets.sort_by_key(|s| std::cmp::Reverse(s.width));
        let made = self.resized(source, &p.facts, &targets);
        for s in p.files() {
            let content = match s.output {
                Output::Clean => Some(clean.clone()),
                Output::Resize => targets
                    .iter()
                    .position(|t| t.path == s.path)
                    .and_then(|i| made[i].clone()),
            };
            // A copy that could not be made falls back to the clean full-size image.
            out.push((s.path.clone(), content.unwrap_or_else(|| clean.clone())));
        }
    }

    /// The clean full-size image, from the cache or made now.
    fn clean(&self, source: &Checked, facts: &ImageFacts) -> Option<Content> {
        let name = clean_name(&facts.hash, facts.format);
        if let Some(p) = self.cache.get(&name) {
            return Some(Content::Copy(Checked::made(p)));
        }
        let bytes = source.read().ok()?;
        let cleaned = clean(facts.format, &bytes).ok()?;
        let name = clean_name(&hash(&bytes), facts.format);
        Some(self.keep(&name, cleaned))
    }

    /// Copies at each target's size (largest first), from the cache or made now;
    /// None for a copy that could not be made.
    fn resized(
        &self,
        source: &Checked,
        facts: &ImageFacts,
        targets: &[&Sized],
    ) -> Vec<Option<Content>> {
        let names: Vec<String> = targets.iter().map(|s| resized_name(facts, s)).collect();
        let cached: Vec<Option<PathBuf>> = names.iter().map(|n| self.cache.get(n)).collect();
        if cached.iter().all(Option::is_some) {
            return cached
                .into_iter()
                .map(|p| p.map(|p| Content::Copy(Checked::made(p))))
                .collect();
        }
        let sizes: Vec<(u32, u32)> = targets.iter().map(|s| (s.width, s.height)).collect();
        let made = source
            .read()
            .map_err(|e| e.to_string())
            .and_then(|bytes| resize::resize(&bytes, facts.format, &sizes));
        match made {
            Ok(copies) => copies
                .into_iter()
                .zip(&names)
                .map(|(bytes, name)| Some(self.keep(name, bytes)))
                .collect(),
            Err(_) => vec![None; targets.len()],
        }
    }

    /// Puts made bytes in the cache and refers to them there; keeps them in memory
    /// when the cache cannot be written.
    fn keep(&self, name: &str, bytes: Vec<u8>) -> Content {
        match self.cache.put(name, &bytes) {
            Some(path) => Content::Copy(Checked::made(path)),
            None => Content::Bytes(bytes),
        }
    }
}

/// The files of a plan that are made by resizing.
fn resize_targets(p: &ImagePlan) -> Vec<&Sized> {
    p.files()
        .into_iter()
        .filter(|s| s.output == Output::Resize)
        .collect()
}

/// The cache name of a resized copy.
fn resized_name(facts: &ImageFacts, s: &Sized) -> String {
    format!(
        "{}.{}x{}.{}",
        facts.hash,
        s.width,
        s.height,
        facts.format.ext()
    )
}
