//! Watching the folders a site is built from, and turning bursts of file events
//! (an editor's save is often several: a temporary file, a rename, a metadata
//! change) into one change.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use notify::event::EventKind;
use notify::{RecommendedWatcher, RecursiveMode, Watcher};

use crate::load;

/// Quiet time that ends a burst of events.
pub const DEBOUNCE: Duration = Duration::from_millis(100);
/// A burst never delays a rebuild longer than this, even if files keep changing.
const MAX_WAIT: Duration = Duration::from_secs(2);

/// What a folder's site is built from, as far as watching goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    /// The course title, or the student's name for a student's own folder.
    pub title: String,
    /// The course folder first, then the students folder and the theme folder
    /// when they are outside it. Absolute.
    pub roots: Vec<PathBuf>,
}

/// Reads where the students folder and the theme are (course.yaml may put them
/// outside the course). Folders that do not exist are left out.
pub fn layout(dir: &Path) -> Layout {
    let roots = load::roots(dir);
    let (sources, _) = load::load(dir);
    let raw = sources.course.as_ref().map(|c| &c.raw);
    let title = match raw {
        Some(c) => c.title.value.clone(),
        None => sources
            .students
            .first()
            .and_then(|s| s.profile.as_ref())
            .map_or_else(|| folder_name(&roots[0]), |p| p.raw.name.value.clone()),
    };
    Layout { title, roots }
}

fn folder_name(p: &Path) -> String {
    p.file_name()
        .map_or("pathfolio".into(), |n| n.to_string_lossy().into_owned())
}

/// Whether a change at `path` can change the site: not in the course's output
/// folders, not hidden, not an editor's temporary or backup file.
pub fn matters(path: &Path, roots: &[PathBuf]) -> bool {
    let Some(root) = roots.iter().find(|r| path.starts_with(r)) else {
        return false;
    };
    let Ok(rel) = path.strip_prefix(root) else {
        return false;
    };
    if root == &roots[0]
        && rel
            .components()
            .next()
            .is_some_and(|c| c.as_os_str() == "public" || c.as_os_str() == "private")
    {
        return false;
    }
    if rel
        .components()
        .any(|c| c.as_os_str().to_string_lossy().starts_with('.'))
    {
        return false;
    }
    let name = path
        .file_name()
        .map_or(String::new(), |n| n.to_string_lossy().into_owned());
    let temporary = name.ends_with('~')
        || (name.starts_with('#') && name.ends_with('#'))
        || name == "4913" // vim's test of whether it may write in a folder
        || [".swp", ".swx", ".swo", ".tmp"]
            .iter()
            .any(|ext| name.ends_with(ext));
    !temporary
}

/// Changes that matter, one burst at a time.
pub struct Watch {
    watcher: RecommendedWatcher,
    events: Receiver<notify::Result<notify::Event>>,
    roots: Vec<PathBuf>,
}

impl Watch {
    /// Starts watching `roots` (each with all its subfolders).
    pub fn new(roots: Vec<PathBuf>) -> notify::Result<Watch> {
        let (tx, events) = channel();
        let watcher = notify::recommended_watcher(tx)?;
        let mut w = Watch {
            watcher,
            events,
            roots: Vec::new(),
        };
        w.set_roots(roots)?;
        Ok(w)
    }

    /// Watches `roots` instead of the folders watched so far.
    pub fn set_roots(&mut self, roots: Vec<PathBuf>) -> notify::Result<()> {
        for old in self.roots.iter().filter(|r| !roots.contains(r)) {
            let _ = self.watcher.unwatch(old);
        }
        for new in roots.iter().filter(|r| !self.roots.contains(r)) {
            self.watcher.watch(new, RecursiveMode::Recursive)?;
        }
        self.roots = roots;
        Ok(())
    }

    /// The folders watched now.
    pub fn roots(&self) -> &[PathBuf] {
        &self.roots
    }

    /// Waits for a change that matters, then for the burst it starts to end.
    /// Returns when the burst's first event came and the files it touched; None
    /// when the watcher stopped.
    pub fn next_change(&self) -> Option<(Instant, Vec<PathBuf>)> {
        let mut changed = Vec::new();
        let first = loop {
            let event = self.events.recv().ok()?;
            if self.collect(event, &mut changed) {
                break Instant::now();
            }
        };
        while first.elapsed() < MAX_WAIT {
            match self.events.recv_timeout(DEBOUNCE) {
                Ok(event) => {
                    self.collect(event, &mut changed);
                }
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return None,
            }
        }
        Some((first, changed))
    }

    /// Adds the paths of `event` that matter to `changed`; true if there were any.
    fn collect(&self, event: notify::Result<notify::Event>, changed: &mut Vec<PathBuf>) -> bool {
        // A failed watch (a folder removed, too many files) may hide a change.
        let Ok(event) = event else { return true };
        // Reading a file (as every build does) is not a change.
        if matches!(event.kind, EventKind::Access(_)) {
            return false;
        }
        let mut any = false;
        for p in event.paths {
            if matters(&p, &self.roots) {
                any = true;
                if !changed.contains(&p) {
                    changed.push(p);
                }
            }
        }
        any
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ignores_outputs_hidden_and_temporary_files() {
        let roots = [PathBuf::from("/c"), PathBuf::from("/kids")];
        let yes = [
            "/c/units/01-cells.md",
            "/c/course.yaml",
            "/kids/ada/profile.md",
            "/kids/public/x.md",
        ];
        let no = [
            "/c/public/index.html",
            "/c/private/teacher/index.html",
            "/c/.git/index",
            "/c/units/.01-cells.md.swp",
            "/c/units/01-cells.md~",
            "/c/units/.#01-cells.md",
            "/c/units/#01-cells.md#",
            "/c/units/4913",
            "/c/.public.pathfolio-new-12/index.html",
            "/elsewhere/x.md",
        ];
        for p in yes {
            assert!(matters(Path::new(p), &roots), "{p}");
        }
        for p in no {
            assert!(!matters(Path::new(p), &roots), "{p}");
        }
    }
}
