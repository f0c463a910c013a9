//! Made copies kept between builds in `<course>/.pathfolio-cache/media-v1/`, named
//! by the SHA-256 of the original file and what was made of it, so a changed photo
//! gets new copies and an unchanged one is never processed twice.
//!
//! The cache is only an optimisation: when it cannot be written (a read-only
//! course folder), copies are made again each build and kept in memory.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::CACHE_DIR;
use crate::text::hex;

/// Bump when the way copies are made changes, so old copies are not reused.
const VERSION: &str = "media-v1";

#[derive(Debug, Clone)]
pub struct Cache {
    dir: PathBuf,
}

/// The SHA-256 of some bytes, in lower-case hex.
pub fn hash(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

impl Cache {
    /// The cache of the course (or student folder) at `root`.
    pub fn new(root: &Path) -> Cache {
        Cache {
            dir: root.join(CACHE_DIR).join(VERSION),
        }
    }

    /// The cache folder `kind` of the course at `root`, for what is not a media
    /// copy (the build's stamps), so the whole cache stays in one tagged folder.
    pub fn folder(root: &Path, kind: &str) -> Cache {
        Cache {
            dir: root.join(CACHE_DIR).join(kind),
        }
    }

    /// Creates the cache folder if needed; false when it cannot be written (or in a
    /// dry run, which writes nothing).
    pub fn ready(&self) -> bool {
        if super::is_dry_run() {
            return false;
        }
        if self.dir.is_dir() {
            return true;
        }
        if std::fs::create_dir_all(&self.dir).is_err() {
            return false;
        }
        if let Some(top) = self.dir.parent() {
            // Keeps the cache out of git and out of backups without any setup.
            let _ = std::fs::write(top.join(".gitignore"), "*\n");
            let _ = std::fs::write(
                top.join("CACHEDIR.TAG"),
                "Signature: 8a477f597d28d172789f06886806bc55\n# pathfolio's copies of images; safe to delete.\n",
            );
        }
        true
    }

    /// The cached file called `name`, if it is there.
    pub fn get(&self, name: &str) -> Option<PathBuf> {
        let p = self.dir.join(name);
        p.is_file().then_some(p)
    }

    /// Stores `bytes` as `name`; the file's path, or None if the cache cannot be
    /// written. Written under a temporary name and renamed, so a build that is
    /// stopped halfway never leaves a half-written copy behind.
    pub fn put(&self, name: &str, bytes: &[u8]) -> Option<PathBuf> {
        if !self.ready() {
            return None;
        }
        let path = self.dir.join(name);
        let tmp = self.dir.join(format!(".{name}.{}.tmp", std::process::id()));
        std::fs::write(&tmp, bytes).ok()?;
        if std::fs::rename(&tmp, &path).is_err() {
            let _ = std::fs::remove_file(&tmp);
            return None;
        }
        Some(path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stores_and_finds_by_name() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::new(dir.path());
        assert!(cache.get("a.png").is_none());
        let p = cache.put("a.png", b"x").unwrap();
        assert_eq!(cache.get("a.png"), Some(p.clone()));
        assert_eq!(std::fs::read(p).unwrap(), b"x");
        let top = dir.path().join(CACHE_DIR);
        assert_eq!(
            std::fs::read_to_string(top.join(".gitignore")).unwrap(),
            "*\n"
        );
        assert_eq!(
            hash(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
