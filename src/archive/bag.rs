//! A BagIt bag (RFC 8493): the payload under `data/`, `bagit.txt`, `bag-info.txt`,
//! a SHA-256 manifest of every payload file and a tag manifest of the tag files, so
//! anyone can check later, with pathfolio or any BagIt tool, that nothing changed.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;

use sha2::{Digest, Sha256};

use crate::text::{self, hex};

pub const BAGIT: &str = "bagit.txt";
pub const BAG_INFO: &str = "bag-info.txt";
pub const MANIFEST: &str = "manifest-sha256.txt";
pub const TAG_MANIFEST: &str = "tagmanifest-sha256.txt";
/// The `Bag-Software-Agent` that marks a bag as made by pathfolio.
pub const AGENT: &str = concat!("pathfolio ", env!("CARGO_PKG_VERSION"));

/// SHA-256 of a file, read in pieces (an archive may hold large videos).
pub fn file_hash(path: &Path) -> std::io::Result<String> {
    let mut f = std::fs::File::open(path)?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        match f.read(&mut buf)? {
            0 => break,
            n => hasher.update(&buf[..n]),
        }
    }
    Ok(hex(&hasher.finalize()))
}

/// What is not a plain file or folder: a bag holds neither, and `--verify` reads
/// neither (a link may point anywhere on the machine, a FIFO would block the read).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Odd {
    /// A symbolic link.
    Link,
    /// A FIFO, socket or device.
    Special,
}

/// Everything under a folder, never following a link: the plain files as
/// (`/`-separated path relative to the folder, size), sorted, and the entries that
/// are neither files nor folders.
#[derive(Debug, Default)]
pub struct Scan {
    pub files: Vec<(String, u64)>,
    pub odd: Vec<(String, Odd)>,
}

/// Lists `dir` without following links (each entry's own `symlink_metadata`).
pub fn scan(dir: &Path) -> std::io::Result<Scan> {
    let mut out = Scan::default();
    for entry in walkdir::WalkDir::new(dir).follow_links(false) {
        let entry = entry.map_err(std::io::Error::other)?;
        let kind = entry.file_type();
        if entry.depth() == 0 || kind.is_dir() {
            continue;
        }
        let rel = entry
            .path()
            .strip_prefix(dir)
            .map_err(std::io::Error::other)?
            .to_string_lossy()
            .replace('\\', "/");
        if kind.is_file() {
            out.files
                .push((rel, entry.metadata().map_err(std::io::Error::other)?.len()));
        } else if kind.is_symlink() {
            out.odd.push((rel, Odd::Link));
        } else {
            out.odd.push((rel, Odd::Special));
        }
    }
    out.files.sort();
    out.odd.sort();
    Ok(out)
}

/// Every plain file under `dir` as (`/`-separated path relative to `dir`, size), sorted.
pub fn list(dir: &Path) -> std::io::Result<Vec<(String, u64)>> {
    Ok(scan(dir)?.files)
}

/// `Payload-Oxum` (RFC 8493 §2.2.2) from bag-info.txt's text: (octets, files).
pub fn payload_oxum(info: &str) -> Option<(u64, usize)> {
    let value = info
        .lines()
        .find_map(|l| l.strip_prefix("Payload-Oxum:"))?
        .trim();
    let (octets, files) = value.split_once('.')?;
    Some((octets.parse().ok()?, files.parse().ok()?))
}

/// A manifest line's path: RFC 8493 §2.1.3 percent-encodes CR, LF and `%`.
fn encode_path(p: &str) -> String {
    p.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn decode_path(p: &str) -> String {
    p.replace("%0A", "\n")
        .replace("%0a", "\n")
        .replace("%0D", "\r")
        .replace("%0d", "\r")
        .replace("%25", "%")
}

/// Manifest text: one `<sha256>  <path>` line per entry, in the order given.
pub fn manifest_text(entries: &[(String, String)]) -> String {
    entries
        .iter()
        .map(|(hash, path)| format!("{hash}  {}\n", encode_path(path)))
        .collect()
}

/// A manifest file as path → hash; None when it cannot be read or a line is not
/// `<hash> <path>`.
pub fn read_manifest(path: &Path) -> Option<BTreeMap<String, String>> {
    let text = std::fs::read_to_string(path).ok()?;
    let mut out = BTreeMap::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let (hash, file) = line.split_once([' ', '\t'])?;
        out.insert(decode_path(file.trim_start()), hash.to_ascii_lowercase());
    }
    Some(out)
}

/// Writes the bag's tag files around an existing `data/` folder in `bag`; returns
/// (payload files, payload bytes, SHA-256 of the tag manifest).
pub fn write_tags(
    bag: &Path,
    organization: Option<&str>,
    description: &str,
) -> std::io::Result<(usize, u64, String)> {
    let payload = list(&bag.join("data"))?;
    let mut entries = Vec::with_capacity(payload.len());
    let mut octets = 0;
    for (rel, size) in &payload {
        octets += size;
        entries.push((
            file_hash(&bag.join("data").join(rel))?,
            format!("data/{rel}"),
        ));
    }
    std::fs::write(
        bag.join(BAGIT),
        "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n",
    )?;
    let mut info = format!(
        "Bag-Software-Agent: {AGENT}\nBagging-Date: {}\nPayload-Oxum: {octets}.{}\n",
        text::today(),
        payload.len()
    );
    if let Some(org) = organization.map(one_line).filter(|o| !o.is_empty()) {
        info.push_str(&format!("Source-Organization: {org}\n"));
    }
    info.push_str(&format!(
        "External-Description: {}\n",
        one_line(description)
    ));
    std::fs::write(bag.join(BAG_INFO), info)?;
    std::fs::write(bag.join(MANIFEST), manifest_text(&entries))?;
    let mut tags = Vec::new();
    for name in [BAGIT, BAG_INFO, MANIFEST] {
        tags.push((file_hash(&bag.join(name))?, name.to_string()));
    }
    std::fs::write(bag.join(TAG_MANIFEST), manifest_text(&tags))?;
    Ok((payload.len(), octets, file_hash(&bag.join(TAG_MANIFEST))?))
}

/// A value on one line, as bag-info.txt needs.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// True when `dir` holds a bag made by pathfolio.
pub fn is_pathfolio_bag(dir: &Path) -> bool {
    dir.join(BAGIT).is_file()
        && std::fs::read_to_string(dir.join(BAG_INFO)).is_ok_and(|t| {
            t.lines()
                .any(|l| l.starts_with("Bag-Software-Agent: pathfolio"))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manifest_paths() {
        let odd = "data/a%b\nc.txt";
        assert_eq!(decode_path(&encode_path(odd)), odd);
        assert_eq!(encode_path(odd), "data/a%25b%0Ac.txt");
    }

    #[test]
    fn payload_oxum_is_octets_then_files() {
        let info = "Bag-Software-Agent: pathfolio\nPayload-Oxum: 1234.56\n";
        assert_eq!(payload_oxum(info), Some((1234, 56)));
        assert_eq!(payload_oxum("Payload-Oxum: 12\n"), None);
        assert_eq!(payload_oxum("Bagging-Date: 2026-01-01\n"), None);
    }
}
