//! `pathfolio serve`: the site built in memory, served on 127.0.0.1, rebuilt when
//! a source file changes, and open pages reloaded by themselves.
//!
//! Nothing is written into the course. The last good site, copied files included,
//! is held in memory ([`memory`]) and stays served while a rebuild fails; its pages
//! then carry the problems as an overlay. Only the serving adds the reload script
//! and the "Private preview" banner ([`reload`]), so built sites never contain them.
//! Only this computer's own names for the server are answered, by at most
//! [`slots::MAX_CONNECTIONS`] threads at once ([`http`]).

pub mod http;
pub mod memory;
pub mod reload;
pub mod request;
pub mod response;
pub mod slots;
pub mod watch;

use std::collections::{BTreeMap, BTreeSet};
use std::io;
use std::net::{Ipv4Addr, SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use crate::audience::Audience;
use crate::diag::Diagnostics;
use crate::pipeline::live::{Live, Update};
use crate::render::Content;
use crate::report;
use memory::{Origins, Served};

/// The port tried first.
pub const DEFAULT_PORT: u16 = 1111;

/// What `pathfolio serve` was asked to do.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The course folder (or a student's own folder).
    pub dir: PathBuf,
    pub audience: Audience,
    /// 0 for any free port; a port in use also falls back to a free one.
    pub port: u16,
    /// The build date (`--today`); None: the course's `as_of`, else today.
    pub today: Option<jiff::civil::Date>,
}

/// One build of the preview and what came of it.
#[derive(Debug)]
pub struct Rebuild {
    /// The files whose change caused it (empty for the first build).
    pub changed: Vec<PathBuf>,
    /// The number of pages and any warnings, or the problems that stopped it.
    pub result: Result<(usize, Diagnostics), Diagnostics>,
    /// How long loading and rendering took.
    pub build_time: Duration,
    /// Pages rendered again: all of them, or after a change inside students'
    /// folders only the pages that can show it (see `pipeline::live`).
    pub rendered: Rendered,
    /// From the first file event of the change to open pages being told to
    /// reload: waiting for the burst to end, then the build.
    pub to_reload: Option<Duration>,
}

/// How much of the site a rebuild rendered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rendered {
    All,
    /// The pages of these many students, and of the whole course.
    Students(usize),
}

/// What the connections see: the last good site, the current problems, and a
/// version number that changes with every build.
#[derive(Debug, Clone)]
pub struct Snapshot {
    pub site: Option<Arc<Served>>,
    /// The failed build's problems, one `path:line:column: message` each.
    pub errors: Option<Arc<str>>,
    /// What the last good build left out for students' problems, with them.
    pub withheld: Option<Arc<str>>,
    pub generation: u64,
}

/// The state shared by the server's threads.
pub struct State {
    snap: Mutex<Snapshot>,
    changed: Condvar,
    /// Says in the banner which audience this preview shows.
    label: String,
    /// The port listened on: requests must name it in their `Host`.
    pub port: u16,
}

impl State {
    fn lock(&self) -> MutexGuard<'_, Snapshot> {
        // A thread that panicked while holding the lock left whole values behind.
        self.snap.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The current site and problems.
    pub fn snapshot(&self) -> Snapshot {
        self.lock().clone()
    }

    /// The banner, problems and reload script for a page of `snap`.
    pub fn snippet(&self, snap: &Snapshot) -> String {
        reload::snippet(
            snap.generation,
            &self.label,
            snap.errors.as_deref(),
            snap.withheld.as_deref(),
        )
    }

    /// Waits until the version is no longer `seen`; None after `timeout`.
    pub fn wait_for_change(&self, seen: u64, timeout: Duration) -> Option<u64> {
        let guard = self.lock();
        let (guard, _) = self
            .changed
            .wait_timeout_while(guard, timeout, |s| s.generation == seen)
            .unwrap_or_else(|e| e.into_inner());
        (guard.generation != seen).then_some(guard.generation)
    }

    /// Serves a new site with what it leaves out (see [`withheld_notice`]), or
    /// the problems of a failed build over the last good one, and tells every
    /// open page. Site and notice change together, so no page shows one with the
    /// other's notice.
    fn publish(&self, result: Result<(Served, Option<String>), &Diagnostics>) {
        let mut snap = self.lock();
        match result {
            Ok((site, withheld)) => {
                snap.site = Some(Arc::new(site));
                snap.withheld = withheld.map(Into::into);
                snap.errors = None;
            }
            Err(diags) => {
                let lines = report::list(diags);
                snap.errors = Some(lines.trim_end_matches('\n').into());
            }
        }
        snap.generation += 1;
        self.changed.notify_all();
    }

    /// Serves the last site with `update` applied, `copies` the bytes of the
    /// update's copied files, and what it leaves out; the number of its pages.
    fn apply(
        &self,
        update: Update,
        copies: BTreeMap<String, memory::Held>,
        withheld: Option<String>,
    ) -> usize {
        let mut snap = self.lock();
        snap.withheld = withheld.map(Into::into);
        let Some(served) = snap.site.as_mut() else {
            return 0;
        };
        // Copies the site only if a request is reading it at this moment.
        let served = Arc::make_mut(served);
        let Served { site, copies: held } = served;
        let replaced: BTreeSet<String> = update.site.files.keys().cloned().collect();
        update.apply_to(site);
        // A copy the update has but could not hold is gone, not left as it was.
        held.retain(|path, _| {
            !replaced.contains(path) && matches!(site.files.get(path), Some(Content::Copy(_)))
        });
        held.extend(copies);
        let pages = site.pages;
        snap.errors = None;
        snap.generation += 1;
        self.changed.notify_all();
        pages
    }
}

/// A preview bound to its port, not yet answering.
pub struct Preview {
    opts: ServeOptions,
    listener: TcpListener,
    state: Arc<State>,
    layout: watch::Layout,
    watch: watch::Watch,
    live: Mutex<Live>,
}

impl Preview {
    /// Binds 127.0.0.1 (only: the preview may show private data) and starts
    /// watching the course's folders. Nothing is built yet.
    pub fn start(opts: ServeOptions) -> io::Result<Preview> {
        if !opts.dir.is_dir() {
            return Err(io::Error::new(
                io::ErrorKind::NotFound,
                format!("there is no folder {}", opts.dir.display()),
            ));
        }
        let listener = match TcpListener::bind((Ipv4Addr::LOCALHOST, opts.port)) {
            Err(e) if e.kind() == io::ErrorKind::AddrInUse && opts.port != 0 => {
                TcpListener::bind((Ipv4Addr::LOCALHOST, 0))?
            }
            other => other?,
        };
        let layout = watch::layout(&opts.dir);
        let watch = watch::Watch::new(layout.roots.clone()).map_err(io::Error::other)?;
        // Versions start at the clock, so a tab left open across a restart of the
        // preview sees a new version and reloads.
        let generation = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(1, |d| d.as_millis() as u64);
        let state = Arc::new(State {
            snap: Mutex::new(Snapshot {
                withheld: None,
                site: None,
                errors: None,
                generation,
            }),
            changed: Condvar::new(),
            label: opts.audience.label(),
            port: listener.local_addr()?.port(),
        });
        Ok(Preview {
            live: Mutex::new(Live::new(&opts.dir, &opts.audience).as_of(opts.today)),
            opts,
            listener,
            state,
            layout,
            watch,
        })
    }

    /// The address it listens on.
    pub fn addr(&self) -> io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    /// The course title (or the student's name), for messages.
    pub fn title(&self) -> &str {
        &self.layout.title
    }

    /// The folders watched for changes.
    pub fn watched(&self) -> &[PathBuf] {
        self.watch.roots()
    }

    /// Builds the site and serves the result from now on.
    pub fn build(&self) -> Rebuild {
        let mut live = self.live.lock().unwrap_or_else(|e| e.into_inner());
        rebuild(&mut live, &self.opts.dir, &self.state, Vec::new(), None)
    }

    /// Answers requests and rebuilds on every change until the process ends,
    /// calling `on_rebuild` after each rebuild.
    pub fn run(self, mut on_rebuild: impl FnMut(Rebuild) + Send + 'static) -> io::Result<()> {
        let Preview {
            opts,
            listener,
            state,
            mut watch,
            live,
            ..
        } = self;
        let mut live = live.into_inner().unwrap_or_else(|e| e.into_inner());
        let watch_state = Arc::clone(&state);
        std::thread::spawn(move || {
            while let Some((first, changed)) = watch.next_change() {
                let layout_changed = changed.iter().any(|p| p.ends_with("course.yaml"));
                let r = rebuild(&mut live, &opts.dir, &watch_state, changed, Some(first));
                if layout_changed {
                    // course.yaml may have moved the students or the theme folder.
                    let _ = watch.set_roots(watch::layout(&opts.dir).roots);
                }
                on_rebuild(r);
            }
        });
        let slots = slots::Slots::new(slots::MAX_CONNECTIONS);
        for stream in listener.incoming() {
            let Ok(stream) = stream else { continue };
            let Some(slot) = slots.take() else {
                // Written at once into an empty send buffer: never blocks the loop.
                let _ = response::busy(stream);
                continue;
            };
            let state = Arc::clone(&state);
            // If the machine refuses a thread, this connection closes; the rest go on.
            let _ = std::thread::Builder::new().spawn(move || {
                let _slot = slot;
                let _ = http::handle(stream, &state);
            });
        }
        Ok(())
    }
}

/// Brings the served site up to date: only the changed students' part when that
/// is all that changed (see `pipeline::live`), else the whole site.
fn rebuild(
    live: &mut Live,
    dir: &Path,
    state: &State,
    changed: Vec<PathBuf>,
    first: Option<Instant>,
) -> Rebuild {
    let start = Instant::now();
    let previous = state.snapshot().site;
    let updated = previous.as_ref().and_then(|_| live.update(&changed));
    // Read once here, never per request (see `memory`).
    let hold = |live: &Live, site: &crate::render::Site, previous: Option<&Served>| {
        let (students, standalone) = live.students_dir().unwrap_or((dir, false));
        let origins = Origins::new(dir, students, standalone);
        memory::hold(site, &origins, previous.map(|p| &p.copies))
    };
    let (result, rendered) = match updated {
        Some(Ok((update, warnings))) => {
            let withheld = withheld_notice(live, &warnings, dir);
            let students = update.students.len();
            let copies = hold(live, &update.site, previous.as_deref());
            // The update is applied in place, which copies the site if it is still shared.
            drop(previous);
            let pages = state.apply(update, copies, withheld);
            (Ok((pages, warnings)), Rendered::Students(students))
        }
        Some(Err(diags)) => {
            state.publish(Err(&diags));
            (Err(diags), Rendered::All)
        }
        None => match live.full() {
            Ok((site, warnings)) => {
                let withheld = withheld_notice(live, &warnings, dir);
                let pages = site.pages;
                let copies = hold(live, &site, previous.as_deref());
                drop(previous);
                state.publish(Ok((Served { site, copies }, withheld)));
                (Ok((pages, warnings)), Rendered::All)
            }
            Err(diags) => {
                state.publish(Err(&diags));
                (Err(diags), Rendered::All)
            }
        },
    };
    Rebuild {
        changed,
        result,
        build_time: start.elapsed(),
        rendered,
        to_reload: first.map(|t| t.elapsed()),
    }
}

/// The withheld students and items of the last good build, each with the warnings
/// about its files (paths as printed, relative to `dir`); None when nothing is.
fn withheld_notice(live: &Live, warnings: &Diagnostics, dir: &Path) -> Option<String> {
    let mut lines = String::new();
    for w in live.withheld() {
        let rel = w.path.strip_prefix(dir).unwrap_or(&w.path);
        lines.push_str(&report::list(
            warnings.iter().filter(|d| d.path.starts_with(rel)),
        ));
    }
    (!lines.is_empty()).then(|| lines.trim_end_matches('\n').to_string())
}
