//! Filling the new site folder fast: on all cores, and reusing the previous site's
//! files that have not changed.
//!
//! The write stage keeps its guarantee (the new site is made in a new folder and
//! swapped in only when complete, so a failure leaves the previous site untouched);
//! what changes is how the new folder is filled. A file whose bytes equal the file
//! at the same place in the previous site is not written again: the new folder gets
//! a hard link to the previous file, which costs a directory entry instead of a
//! write. Comparing costs a read, and reads of a site just written come from the
//! page cache, so a rebuild with few changes writes almost nothing.
//!
//! Hard links are used only between two of pathfolio's own output folders, and only
//! because of how they are used: pathfolio never writes into an existing file (every
//! build writes a new folder, then removes the old one), so the shared file is never
//! changed by a build, and once the old folder is removed the new site's file is the
//! only name left. Nothing the user owns is ever hard-linked: a student's video or a
//! teacher's handout linked into the site would be one file under two names, and a
//! tool that edits the site's copy in place (an image optimiser, a deploy script)
//! would silently change the student's original. Those are copied with
//! `std::fs::copy`, which on Linux uses `copy_file_range`: the kernel copies without
//! passing the bytes through pathfolio, and file systems that can (Btrfs, XFS) share
//! the blocks copy-on-write, so a later edit of either copy never reaches the other.
//! The media cache's files are copied the same way, for the same reason.

use std::collections::BTreeSet;
use std::io::Read;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::{IoFail, safe_join};
use crate::render::{Content, Site};

/// Writes every file of `site` into the new folder `dir`, reusing unchanged files of
/// the previous site in `previous` (which may not exist).
pub(super) fn write_all(site: &Site, dir: &Path, previous: &Path) -> Result<(), IoFail> {
    std::fs::create_dir_all(dir).map_err(|e| {
        (
            "cannot create the output folder".to_string(),
            dir.to_path_buf(),
            e,
        )
    })?;
    let mut jobs = Vec::with_capacity(site.files.len());
    for (site_path, content) in &site.files {
        if *content == Content::Written {
            continue;
        }
        let (Some(target), Some(old)) = (safe_join(dir, site_path), safe_join(previous, site_path))
        else {
            return Err((
                format!("refusing to write outside the output folder ({site_path})"),
                dir.to_path_buf(),
                std::io::Error::other("unsafe path"),
            ));
        };
        jobs.push((target, old, content));
    }
    // Folders first (create_dir_all copes with two threads making the same parent).
    let folders: BTreeSet<&Path> = jobs.iter().filter_map(|(t, _, _)| t.parent()).collect();
    folders.par_iter().try_for_each(|p| {
        std::fs::create_dir_all(p)
            .map_err(|e| ("cannot create a folder".to_string(), p.to_path_buf(), e))
    })?;
    let reuse = previous.is_dir();
    jobs.par_iter()
        .try_for_each(|(target, old, content)| write_one(target, reuse.then_some(old), content))
}

/// Writes `bytes` at `target`, or links the previous site's file `old` if it holds
/// the same bytes.
pub(super) fn write_bytes(
    target: &Path,
    old: Option<&PathBuf>,
    bytes: &[u8],
) -> Result<(), IoFail> {
    let unchanged = old.is_some_and(|old| same_as(old, bytes.len() as u64, &mut &bytes[..]));
    if unchanged && old.is_some_and(|old| std::fs::hard_link(old, target).is_ok()) {
        return Ok(());
    }
    std::fs::write(target, bytes)
        .map_err(|e| ("cannot write a file".to_string(), target.to_path_buf(), e))
}

fn write_one(target: &Path, old: Option<&PathBuf>, content: &Content) -> Result<(), IoFail> {
    match content {
        // Put into the folder while the site was rendered.
        Content::Written => Ok(()),
        Content::Bytes(bytes) => write_bytes(target, old, bytes),
        Content::Copy(src) => {
            let fail = |e| {
                (
                    "cannot copy a file".to_string(),
                    src.found().to_path_buf(),
                    e,
                )
            };
            let unchanged = old.is_some_and(|old| {
                src.open().is_ok_and(|f| {
                    f.metadata()
                        .is_ok_and(|m| same_as(old, m.len(), &mut std::io::BufReader::new(f)))
                })
            });
            if unchanged && old.is_some_and(|old| std::fs::hard_link(old, target).is_ok()) {
                return Ok(());
            }
            // `io::copy` between two files is `copy_file_range` on Linux, like
            // `fs::copy`, but from the file opened as it was checked.
            let mut from = src.open().map_err(fail)?;
            let mut to = std::fs::File::create(target).map_err(fail)?;
            std::io::copy(&mut from, &mut to).map(|_| ()).map_err(fail)
        }
    }
}

/// Whether `path` is a regular file (not a link) of `len` bytes equal to `other`'s.
/// Read in chunks, so a large video is never held in memory.
fn same_as(path: &Path, len: u64, other: &mut dyn Read) -> bool {
    let Ok(meta) = std::fs::symlink_metadata(path) else {
        return false;
    };
    if !meta.file_type().is_file() || meta.len() != len {
        return false;
    }
    let Ok(mut file) = std::fs::File::open(path) else {
        return false;
    };
    // Pages are a few kilobytes: buffers the size of the file, up to 64 KiB.
    let size = usize::try_from(len).map_or(64 * 1024, |l| l.clamp(1, 64 * 1024));
    let (mut a, mut b) = (vec![0u8; size], vec![0u8; size]);
    loop {
        let n = match read_full(&mut file, &mut a) {
            Ok(n) => n,
            Err(_) => return false,
        };
        match read_full(other, &mut b[..n.max(1)]) {
            Ok(m) if m == n && a[..n] == b[..n] => {}
            _ => return false,
        }
        if n == 0 {
            return true;
        }
    }
}

/// Reads until `buf` is full or the input ends; the number of bytes read.
fn read_full(r: &mut dyn Read, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match r.read(&mut buf[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(filled)
}

/// Removes a previous site folder, its subfolders on all cores (a school's site has
/// tens of thousands of folders, and removing them one by one is a build's tail).
pub(super) fn remove_tree(dir: &Path) {
    let children = |d: &Path| -> Vec<PathBuf> {
        std::fs::read_dir(d)
            .map(|r| r.filter_map(|e| e.ok().map(|e| e.path())).collect())
            .unwrap_or_default()
    };
    let grandchildren: Vec<PathBuf> = children(dir)
        .into_iter()
        .flat_map(|c| {
            let is_dir = std::fs::symlink_metadata(&c).is_ok_and(|m| m.is_dir());
            if is_dir { children(&c) } else { vec![c] }
        })
        .collect();
    grandchildren.par_iter().for_each(|p| {
        let _ = match std::fs::symlink_metadata(p) {
            Ok(m) if m.is_dir() => std::fs::remove_dir_all(p),
            _ => std::fs::remove_file(p),
        };
    });
    let _ = std::fs::remove_dir_all(dir);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(files: &[(&str, &[u8])]) -> Site {
        let mut s = Site::default();
        for (p, b) in files {
            s.files.insert(p.to_string(), Content::Bytes(b.to_vec()));
        }
        s
    }

    #[test]
    fn unchanged_files_are_linked_changed_ones_written() {
        use std::os::unix::fs::MetadataExt;
        let d = tempfile::tempdir().unwrap();
        let (old, new) = (d.path().join("old"), d.path().join("new"));
        write_all(
            &site(&[("a/x.html", b"same"), ("b.html", b"one")]),
            &old,
            &d.path().join("none"),
        )
        .unwrap();
        write_all(
            &site(&[("a/x.html", b"same"), ("b.html", b"two")]),
            &new,
            &old,
        )
        .unwrap();
        let ino = |p: &Path| std::fs::metadata(p).unwrap().ino();
        assert_eq!(ino(&old.join("a/x.html")), ino(&new.join("a/x.html")));
        assert_ne!(ino(&old.join("b.html")), ino(&new.join("b.html")));
        assert_eq!(std::fs::read(new.join("b.html")).unwrap(), b"two");
        assert_eq!(
            std::fs::read(old.join("b.html")).unwrap(),
            b"one",
            "the previous site is untouched"
        );
    }

    #[test]
    fn a_users_file_is_copied_never_linked() {
        use std::os::unix::fs::MetadataExt;
        let d = tempfile::tempdir().unwrap();
        let src = d.path().join("video.mp4");
        std::fs::write(&src, vec![7u8; 200_000]).unwrap();
        let mut s = Site::default();
        s.files.insert(
            "v.mp4".into(),
            Content::Copy(crate::load::Checked::made(src.clone())),
        );
        let (old, new) = (d.path().join("old"), d.path().join("new"));
        write_all(&s, &old, &d.path().join("none")).unwrap();
        write_all(&s, &new, &old).unwrap();
        let ino = |p: &Path| std::fs::metadata(p).unwrap().ino();
        assert_ne!(ino(&src), ino(&new.join("v.mp4")));
        assert_eq!(
            ino(&old.join("v.mp4")),
            ino(&new.join("v.mp4")),
            "unchanged: reused"
        );
        assert_eq!(
            std::fs::read(new.join("v.mp4")).unwrap(),
            vec![7u8; 200_000]
        );
    }

    #[test]
    fn compares_whole_contents() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("f");
        let mut big = vec![1u8; 150_000];
        std::fs::write(&p, &big).unwrap();
        assert!(same_as(&p, big.len() as u64, &mut big.as_slice()));
        big[149_999] = 2;
        assert!(!same_as(&p, big.len() as u64, &mut big.as_slice()));
        assert!(!same_as(&p, 3, &mut b"abc".as_slice()));
    }

    #[test]
    fn removes_a_deep_tree() {
        let d = tempfile::tempdir().unwrap();
        let t = d.path().join("t");
        write_all(
            &site(&[("a/b/c.html", b"1"), ("d.html", b"2"), ("a/e.html", b"3")]),
            &t,
            &d.path().join("none"),
        )
        .unwrap();
        remove_tree(&t);
        assert!(!t.exists());
    }
}
