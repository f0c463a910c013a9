//! `pathfolio archive --verify`: an archive against its own manifests.

use std::collections::BTreeSet;
use std::path::Path;

use super::bag::{self, BAG_INFO, BAGIT, MANIFEST, TAG_MANIFEST, file_hash, read_manifest};

/// How one file differs from the manifests.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Difference {
    /// Its bytes are not those the manifest records.
    Changed,
    /// In a manifest, not on disk.
    Missing,
    /// On disk, in no manifest.
    Extra,
}

impl Difference {
    pub fn describe(self) -> &'static str {
        match self {
            Difference::Changed => {
                "changed since the archive was made (its SHA-256 differs from the manifest)"
            }
            Difference::Missing => "missing: the manifest lists it, but it is not in the archive",
            Difference::Extra => "extra: it is in the archive, but no manifest lists it",
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
    if !dir.join(BAGIT).is_file() {
        return Err(format!(
            "{} is not an archive: it has no {BAGIT}",
            dir.display()
        ));
    }
    let manifest = read_manifest(&dir.join(MANIFEST))
        .ok_or_else(|| format!("{MANIFEST} is missing or not a manifest"))?;
    let mut findings = Vec::new();
    let check = |path: &str, expected: Option<&String>, findings: &mut Vec<Finding>| {
        let difference = match (expected, file_hash(&dir.join(path))) {
            (_, Err(_)) => Some(Difference::Missing),
            (Some(want), Ok(got)) if *want != got => Some(Difference::Changed),
            (None, Ok(_)) => Some(Difference::Extra),
            _ => None,
        };
        if let Some(difference) = difference {
            findings.push(Finding {
                path: path.to_string(),
                difference,
            });
        }
    };
    // Tag files: each against the tag manifest; the tag manifest itself only exists.
    let tags = read_manifest(&dir.join(TAG_MANIFEST)).unwrap_or_default();
    if !dir.join(TAG_MANIFEST).is_file() {
        findings.push(Finding {
            path: TAG_MANIFEST.into(),
            difference: Difference::Missing,
        });
    }
    for (path, hash) in &tags {
        check(path, Some(hash), &mut findings);
    }
    let known_tags: BTreeSet<&str> = [BAGIT, BAG_INFO, MANIFEST, TAG_MANIFEST].into();
    let on_disk = bag::list(dir).map_err(|e| format!("cannot read the archive: {e}"))?;
    let (mut files, mut bytes) = (0, 0);
    for (path, size) in &on_disk {
        if path.starts_with("data/") {
            files += 1;
            bytes += size;
            check(path, manifest.get(path), &mut findings);
        } else if !tags.contains_key(path) && !known_tags.contains(path.as_str()) {
            findings.push(Finding {
                path: path.clone(),
                difference: Difference::Extra,
            });
        }
    }
    let present: BTreeSet<&str> = on_disk.iter().map(|(p, _)| p.as_str()).collect();
    for path in manifest.keys().filter(|p| !present.contains(p.as_str())) {
        findings.push(Finding {
            path: path.clone(),
            difference: Difference::Missing,
        });
    }
    findings.sort();
    findings.dedup();
    Ok(Verification {
        files,
        bytes,
        findings,
        fingerprint: file_hash(&dir.join(TAG_MANIFEST)).unwrap_or_default(),
    })
}
