//! `pathfolio archive --verify`: an archive against its own manifests.
//!
//! The bag is listed first, without following links, and only what that listing
//! found to be a plain file inside the bag is ever read: a link (to `/etc`, say)
//! or a FIFO is a finding, never something to open.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use super::bag::{
    self, BAG_INFO, BAGIT, MANIFEST, Odd, TAG_MANIFEST, file_hash, payload_oxum, read_manifest,
};

/// How one file differs from the manifests.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Difference {
    /// Its bytes are not those the manifest records.
    Changed,
    /// In a manifest, not on disk.
    Missing,
    /// On disk, in no manifest.
    Extra,
    /// A symbolic link, which a bag never holds; it is not followed.
    Link,
    /// A FIFO, socket or device, which a bag never holds; it is not read.
    Special,
    /// bag-info.txt's `Payload-Oxum` (bytes and files under `data/`, `None` when
    /// absent) is not what `data/` holds: files were removed or added and the
    /// manifests rewritten to match.
    PayloadOxum {
        recorded: Option<(u64, usize)>,
        found: (u64, usize),
    },
}

impl Difference {
    pub fn describe(self) -> String {
        match self {
            Difference::Changed => {
                "changed since the archive was made (its SHA-256 differs from the manifest)".into()
            }
            Difference::Missing => {
                "missing: the manifest lists it, but it is not in the archive".into()
            }
            Difference::Extra => "extra: it is in the archive, but no manifest lists it".into(),
            Difference::Link => {
                "a symbolic link: an archive holds only files, so it was not followed".into()
            }
            Difference::Special => {
                "a special file (FIFO, socket or device): an archive holds only files, so it was not read".into()
            }
            Difference::PayloadOxum { recorded, found } => {
                let said = recorded.map_or("nothing".into(), |(b, f)| {
                    format!("{b} bytes in {f} files")
                });
                format!(
                    "Payload-Oxum says {said}, but data/ holds {} bytes in {} files: files were removed or added, and the manifests rewritten to match",
                    found.0, found.1
                )
            }
        }
    }
}

/// One file that differs, by its path inside the archive (`data/…` or a tag file).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Finding {
    pub path: String,
    pub difference: Difference,
}

/// What a verification found.
#[derive(Debug, Clone)]
pub struct Verification {
    /// Payload files checked, and their bytes.
    pub files: usize,
    pub bytes: u64,
    /// Sorted by path.
    pub findings: Vec<Finding>,
    /// SHA-256 of tagmanifest-sha256.txt: compare it with the one noted when the
    /// archive was made, to know the manifests themselves were not replaced.
    pub fingerprint: String,
}

/// Checks every file of the bag at `dir`; Err when `dir` is not a bag that can be
/// checked at all (no bagit.txt or no readable manifest).
pub fn verify(dir: &Path) -> Result<Verification, String> {
    if std::fs::symlink_metadata(dir.join(BAGIT)).is_err() {
        return Err(format!(
            "{} is not an archive: it has no {BAGIT}",
            dir.display()
        ));
    }
    let scan = bag::scan(dir).map_err(|e| format!("cannot read the archive: {e}"))?;
    let plain: BTreeMap<&str, u64> = scan.files.iter().map(|(p, s)| (p.as_str(), *s)).collect();
    let odd: BTreeSet<&str> = scan.odd.iter().map(|(p, _)| p.as_str()).collect();
    // Only a plain file that the scan found is ever opened.
    let read = |name: &str| plain.contains_key(name).then(|| dir.join(name));
    let manifest = read(MANIFEST)
        .and_then(|p| read_manifest(&p))
        .ok_or_else(|| format!("{MANIFEST} is missing, not a plain file, or not a manifest"))?;
    let tags = read(TAG_MANIFEST)
        .and_then(|p| read_manifest(&p))
        .unwrap_or_default();

    let mut findings: Vec<Finding> = scan
        .odd
        .iter()
        .map(|(path, kind)| Finding {
            path: path.clone(),
            difference: match kind {
                Odd::Link => Difference::Link,
                Odd::Special => Difference::Special,
            },
        })
        .collect();
    let mut found = |path: &str, difference| {
        findings.push(Finding {
            path: path.to_string(),
            difference,
        })
    };
    let mut check = |path: &str, expected: Option<&String>| {
        let got = read(path).map(|p| file_hash(&p));
        let difference = match (expected, got) {
            // A link or special file is already named as what it is.
            (_, None) if odd.contains(path) => None,
            (_, None | Some(Err(_))) => Some(Difference::Missing),
            (Some(want), Some(Ok(got))) if *want != got => Some(Difference::Changed),
            (None, Some(Ok(_))) => Some(Difference::Extra),
            _ => None,
        };
        if let Some(difference) = difference {
            found(path, difference);
        }
    };
    // Tag files: each against the tag manifest; the tag manifest itself only exists.
    if read(TAG_MANIFEST).is_none() && !odd.contains(TAG_MANIFEST) {
        check(TAG_MANIFEST, None);
    }
    for (path, hash) in &tags {
        check(path, Some(hash));
    }
    let known_tags: BTreeSet<&str> = [BAGIT, BAG_INFO, MANIFEST, TAG_MANIFEST].into();
    let (mut files, mut bytes) = (0, 0);
    for (path, size) in &scan.files {
        if path.starts_with("data/") {
            files += 1;
            bytes += size;
            check(path, manifest.get(path));
        } else if !tags.contains_key(path) && !known_tags.contains(path.as_str()) {
            check(path, None);
        }
    }
    for path in manifest.keys().filter(|p| !plain.contains_key(p.as_str())) {
        check(path, manifest.get(path));
    }
    let recorded = read(BAG_INFO)
        .and_then(|p| std::fs::read_to_string(p).ok())
        .and_then(|info| payload_oxum(&info));
    if recorded != Some((bytes, files)) {
        found(
            BAG_INFO,
            Difference::PayloadOxum {
                recorded,
                found: (bytes, files),
            },
        );
    }
    findings.sort();
    findings.dedup();
    Ok(Verification {
        files,
        bytes,
        findings,
        fingerprint: read(TAG_MANIFEST)
            .and_then(|p| file_hash(&p).ok())
            .unwrap_or_default(),
    })
}
