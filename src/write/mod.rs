//! Stage 7: put a rendered site on disk, all or nothing.
//!
//! The site is written into a new folder beside the output folder and swapped in
//! only when every file was written, so a failed build leaves the previous site as
//! it was. The new folder is filled on all cores, and files unchanged since the
//! previous site are hard-linked from it rather than written (see `reuse` for why
//! that is safe, and why a user's own files are copied instead).

pub mod guard;
mod reuse;

use std::path::{Component, Path, PathBuf};

use crate::diag::Diagnostic;
use crate::render::Site;

/// Replaces one of the course's own files (an import's roster.yaml) all at once: a
/// reader sees the old file or the new one, never half of it.
pub fn replace_file(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let tmp = path.with_file_name(format!(".{name}.pathfolio-new"));
    let mut f = std::fs::File::create(&tmp)?;
    let written = f.write_all(bytes).and_then(|()| f.sync_all());
    if let Err(e) = written.and_then(|()| std::fs::rename(&tmp, path)) {
        let _ = std::fs::remove_file(&tmp);
        return Err(e);
    }
    Ok(())
}

/// Writes `site` to `out`, replacing what was there only on success.
pub fn write(site: &Site, out: &Path) -> Result<(), Diagnostic> {
    Staging::new(out)?.finish(site)
}

/// A new site folder being filled beside the output folder. Pages can be put into
/// it as soon as they are rendered ([`Staging::put`], from any thread), so a school's
/// site never has to sit in memory whole; [`Staging::finish`] writes the rest and
/// swaps the folder in. Dropped unfinished (a failed build), it is removed, and the
/// previous site was never touched.
pub struct Staging {
    tmp: PathBuf,
    out: PathBuf,
    old: PathBuf,
    /// Whether there is a previous site whose unchanged files can be reused.
    reuse: bool,
    finished: bool,
}

impl Staging {
    /// Makes the new, empty folder beside `out`.
    pub fn new(out: &Path) -> Result<Staging, Diagnostic> {
        let parent = out
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        std::fs::create_dir_all(parent)
            .map_err(|e| fail("cannot create the output folder", parent, e))?;
        let name = out
            .file_name()
            .map_or("site".into(), |n| n.to_string_lossy().into_owned());
        let tmp = parent.join(format!(".{name}.pathfolio-new-{}", std::process::id()));
        let old = parent.join(format!(".{name}.pathfolio-old-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&tmp);
        std::fs::create_dir_all(&tmp)
            .map_err(|e| fail("cannot create the output folder", &tmp, e))?;
        Ok(Staging {
            tmp,
            out: out.to_path_buf(),
            old,
            reuse: out.is_dir(),
            finished: false,
        })
    }

    /// Writes one file of the site now, on the calling thread.
    pub fn put(&self, site_path: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        let unsafe_path = || {
            fail(
                &format!("refusing to write outside the output folder ({site_path})"),
                &self.tmp,
                std::io::Error::other("unsafe path"),
            )
        };
        let target = safe_join(&self.tmp, site_path).ok_or_else(unsafe_path)?;
        let old = safe_join(&self.out, site_path).ok_or_else(unsafe_path)?;
        if let Some(folder) = target.parent() {
            std::fs::create_dir_all(folder)
                .map_err(|e| fail("cannot create a folder", folder, e))?;
        }
        reuse::write_bytes(&target, self.reuse.then_some(&old), bytes)
            .map_err(|(what, path, e)| fail(&what, &path, e))
    }

    /// Writes the files of `site` not put yet, and swaps the new folder in.
    pub fn finish(mut self, site: &Site) -> Result<(), Diagnostic> {
        let result = reuse::write_all(site, &self.tmp, &self.out)
            .and_then(|()| swap(&self.tmp, &self.out, &self.old));
        self.finished = result.is_ok();
        result.map_err(|(what, path, e)| fail(&what, &path, e))
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.finished {
            let _ = std::fs::remove_dir_all(&self.tmp);
        }
    }
}

impl crate::render::Sink for Staging {
    fn put(&self, site_path: &str, bytes: Vec<u8>) -> Result<crate::render::Content, Diagnostic> {
        Staging::put(self, site_path, &bytes).map(|()| crate::render::Content::Written)
    }
}

fn fail(what: &str, path: &Path, e: std::io::Error) -> Diagnostic {
    Diagnostic::error(path, None, format!("{what}: {e}"))
        .with_hint("check that the output folder's parent exists and that you may write there; the previous site was left as it was")
}

type IoFail = (String, PathBuf, std::io::Error);

fn swap(tmp: &Path, out: &Path, old: &Path) -> Result<(), IoFail> {
    let had_old = out.exists();
    if had_old {
        let _ = std::fs::remove_dir_all(old);
        std::fs::rename(out, old).map_err(|e| {
            (
                "cannot replace the output folder".to_string(),
                out.to_path_buf(),
                e,
            )
        })?;
    }
    if let Err(e) = std::fs::rename(tmp, out) {
        if had_old {
            let _ = std::fs::rename(old, out);
        }
        return Err((
            "cannot move the new site into place".to_string(),
            out.to_path_buf(),
            e,
        ));
    }
    if had_old {
        reuse::remove_tree(old);
    }
    Ok(())
}

/// `dir` joined with a `/`-separated site path, or None if the path could leave `dir`.
pub fn safe_join(dir: &Path, site_path: &str) -> Option<PathBuf> {
    let rel = Path::new(site_path);
    if site_path.is_empty() || rel.components().any(|c| !matches!(c, Component::Normal(_))) {
        return None;
    }
    Some(dir.join(rel))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::Content;

    #[test]
    fn refuses_paths_that_leave() {
        let d = Path::new("/tmp/out");
        assert!(safe_join(d, "../x").is_none());
        assert!(safe_join(d, "/etc/passwd").is_none());
        assert!(safe_join(d, "a/./b").is_some_and(|p| p.ends_with("a/b")));
        assert!(safe_join(d, "a/b.html").is_some());
    }

    #[test]
    fn replaces_only_on_success() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let mut site = Site::default();
        site.files
            .insert("index.html".into(), Content::Bytes(b"one".to_vec()));
        write(&site, &out).unwrap();
        site.files.insert(
            "x.bin".into(),
            Content::Copy(crate::load::Checked::made(dir.path().join("missing"))),
        );
        site.files
            .insert("index.html".into(), Content::Bytes(b"two".to_vec()));
        assert!(write(&site, &out).is_err());
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).unwrap(),
            "one"
        );
        let leftovers = std::fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(leftovers, 1, "temporary folders are cleaned up");
    }
}
