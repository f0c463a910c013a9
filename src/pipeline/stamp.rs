//! Knowing, without building, that a site is up to date.
//!
//! A build leaves a stamp in the course's cache folder
//! (`.pathfolio-cache/stamps-v2/<key>.json`, one per output folder, the key being a
//! hash of the output folder's absolute path), never in the site: the site must be
//! byte-identical from build to build (SPEC §3). The stamp holds a hash of what
//! the site was made from (every file of the course, the students' and theme
//! folders with its size and time, every build option and this program), a hash of
//! the files the build wrote, and its counts. The next build with the same hashes
//! has nothing to do. It holds hashes and numbers only, never a name or a path.
//!
//! File times are coarse (a few milliseconds): a file changed just as a build read it
//! could keep its time. A change closer than [`RACY`] to the start of the build that
//! wrote the stamp is therefore never trusted, as git does with its index.

use std::path::Path;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::BuildOptions;
use crate::media::cache::Cache;
use crate::text::hex;

/// The cache folder of stamps; bump when what a stamp covers changes.
pub const FOLDER: &str = "stamps-v2";

/// Where the stamp of builds of `opts` into `out` is kept, and its file name there.
fn place(opts: &BuildOptions, out: &Path) -> Option<(Cache, String)> {
    let abs = std::path::absolute(out).ok()?;
    let key = hex(&Sha256::digest(abs.as_os_str().as_encoded_bytes()));
    Some((
        Cache::folder(&opts.dir, FOLDER),
        format!("{}.json", &key[..32]),
    ))
}

/// How recent a change must be for the stamp not to be trusted.
const RACY: Duration = Duration::from_secs(2);

/// What a build wrote into its stamp.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Stamp {
    inputs: String,
    output: String,
    /// When the build started, in nanoseconds since 1970.
    started: u128,
    pub pages: usize,
    pub files: usize,
    pub students: usize,
    /// Warnings the build printed (`pathfolio check` shows them again).
    pub warnings: usize,
}

/// The hash of everything a build of `opts` into `out` reads, and the time of the
/// newest file among it. None if a folder cannot be read (then no stamp is used).
pub struct Inputs {
    hash: String,
    newest: SystemTime,
    started: SystemTime,
}

impl Inputs {
    pub fn read(opts: &BuildOptions, out: &Path) -> Option<Inputs> {
        let started = SystemTime::now();
        let mut h = Sha256::new();
        let exe = std::env::current_exe().ok();
        let exe_meta = exe.as_ref().and_then(|e| std::fs::metadata(e).ok());
        // Every option but `force` (which only skips this check), so an option added
        // later is covered without a change here; and the build date, the one clock
        // a build reads (without `--today` it is the course's `as_of`, else today in
        // its time zone), so a new day builds again.
        let options = BuildOptions {
            force: false,
            ..opts.clone()
        };
        let line = format!(
            "pathfolio {}\n{:?} {:?} {:?}\n{options:?}\ntoday {}\n{}\n",
            env!("CARGO_PKG_VERSION"),
            exe,
            exe_meta.as_ref().map(|m| m.len()),
            exe_meta.as_ref().and_then(|m| m.modified().ok()),
            super::build_date(opts),
            std::path::absolute(out).ok()?.display(),
        );
        h.update(line.as_bytes());
        let out_real = std::fs::canonicalize(out).ok();
        let mut newest = UNIX_EPOCH;
        for (i, root) in crate::load::roots(&opts.dir).iter().enumerate() {
            h.update(format!("root {i}\n").as_bytes());
            // The output folder, when it is inside this root, as a path from the root.
            let out_rel = std::fs::canonicalize(root).ok().and_then(|r| {
                let o = out_real.as_deref()?;
                o.strip_prefix(&r).ok().map(Path::to_path_buf)
            });
            let skip = |p: &Path| {
                let rel = p.strip_prefix(root).unwrap_or(p);
                let top = rel.components().next().map(|c| c.as_os_str());
                hidden(rel)
                    || (i == 0
                        && (top == Some("public".as_ref()) || top == Some("private".as_ref())))
                    || out_rel.as_deref() == Some(rel)
            };
            newest = newest.max(hash_tree(&mut h, root, &skip)?);
        }
        Some(Inputs {
            hash: hex(&h.finalize()),
            newest,
            started,
        })
    }

    /// Writes the stamp of a build of `opts` with these inputs that just wrote
    /// `out`. A stamp only saves work: if it cannot be written (a read-only course
    /// folder), the next build simply builds.
    pub fn write(
        self,
        opts: &BuildOptions,
        out: &Path,
        counts: (usize, usize, usize),
        warnings: usize,
    ) {
        let Some((cache, name)) = place(opts, out) else {
            return;
        };
        if let Some(old) = cache.get(&name) {
            let _ = std::fs::remove_file(old);
        }
        let Some(output) = output_hash(out) else {
            return;
        };
        let (pages, files, students) = counts;
        let stamp = Stamp {
            inputs: self.hash,
            output,
            started: nanos(self.started),
            pages,
            files,
            students,
            warnings,
        };
        if let Ok(json) = serde_json::to_string(&stamp) {
            cache.put(&name, json.as_bytes());
        }
    }
}

/// Reads what a build of `opts` into `out` would be made from, and (unless
/// `opts.force`) the stamp the last build into `out` left if it still holds: the
/// same inputs, none changed too recently to trust, and the site folder as that
/// build left it. Then there is nothing to build. The course and the site are
/// listed at the same time, on two cores.
pub fn check(opts: &BuildOptions, out: &Path) -> (Option<Inputs>, Option<Stamp>) {
    let stamp = (!opts.force)
        .then(|| place(opts, out))
        .flatten()
        .and_then(|(cache, name)| cache.get(&name))
        .and_then(|p| std::fs::read_to_string(p).ok())
        .and_then(|text| serde_json::from_str::<Stamp>(&text).ok());
    let Some(stamp) = stamp else {
        return (Inputs::read(opts, out), None);
    };
    let (inputs, output) = rayon::join(|| Inputs::read(opts, out), || output_hash(out));
    let fresh = inputs.as_ref().is_some_and(|i| {
        i.hash == stamp.inputs && nanos(i.newest) + RACY.as_nanos() < stamp.started
    }) && output.as_deref() == Some(stamp.output.as_str());
    (inputs, fresh.then_some(stamp))
}

/// The hash of every file and folder in `out`: names, sizes, times.
fn output_hash(out: &Path) -> Option<String> {
    let mut h = Sha256::new();
    hash_tree(&mut h, out, &|_| false)?;
    Some(hex(&h.finalize()))
}

/// Adds every file and folder under `root` but those `skip` names, in name order,
/// to `h`: its path from `root`, its size and time. A folder is its list of
/// entries, which the walk adds; its own time changes when a build adds a cache or
/// an output folder to it, so it is left out. The time of the newest file, or None
/// if something cannot be read.
fn hash_tree(h: &mut Sha256, root: &Path, skip: &dyn Fn(&Path) -> bool) -> Option<SystemTime> {
    let mut newest = UNIX_EPOCH;
    let walk = walkdir::WalkDir::new(root)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !skip(e.path()));
    for entry in walk {
        let entry = entry.ok()?;
        let meta = entry.metadata().ok()?;
        let rel = entry.path().strip_prefix(root).unwrap_or(entry.path());
        let (len, time) = if meta.is_dir() {
            (0, 0)
        } else {
            let modified = meta.modified().ok()?;
            newest = newest.max(modified);
            (meta.len(), nanos(modified))
        };
        h.update(format!("{:?} {} {len} {time}\n", rel, meta.is_dir()).as_bytes());
    }
    Some(newest)
}

fn hidden(rel: &Path) -> bool {
    rel.components()
        .any(|c| c.as_os_str().to_string_lossy().starts_with('.'))
}

fn nanos(t: SystemTime) -> u128 {
    t.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_nanos())
}
