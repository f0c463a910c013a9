//! The pipeline end to end: load → validate → filter → render → write.

pub mod live;
#[cfg(test)]
mod snapshots;
pub(crate) mod stamp;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::audience::{self, Audience, Policy};
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::Course;
use crate::render;
use crate::write::guard::lexical;
use crate::{load, validate, write};

/// What `pathfolio build` was asked to do.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The course folder (or a student's standalone folder).
    pub dir: PathBuf,
    /// Where the site goes; by default `public/` for the public audience, else
    /// `private/teacher/` or `private/students/<id>/`, inside `dir`.
    pub out: Option<PathBuf>,
    pub audience: Audience,
    /// Overrides `base_url` from course.yaml.
    pub base_url: Option<String>,
    /// Builds even when the stamp of the last build into the same folder says it is
    /// up to date (see `stamp`).
    pub force: bool,
    /// Every warning fails the build (`build --strict`): nothing is withheld.
    pub strict: bool,
    /// The build date (`--today`): what due dates are measured against. None: the
    /// course's `as_of:`, else today in its `timezone:` (see [`build_date`]).
    pub today: Option<jiff::civil::Date>,
}

/// The date a build of `opts` is made as of: `--today`, else the course's own
/// (`validate::build_date`). The stamp hashes it, so a new day is a new build.
pub(crate) fn build_date(opts: &BuildOptions) -> crate::model::Date {
    match opts.today {
        Some(d) => d.into(),
        None => validate::build_date(load::read_course(&opts.dir).as_ref()),
    }
}

/// What a successful build did.
#[derive(Debug)]
pub struct BuildReport {
    pub out: PathBuf,
    pub pages: usize,
    pub files: usize,
    pub students: usize,
    pub elapsed: Duration,
    /// Warnings and notes (a successful build has no errors).
    pub diagnostics: Diagnostics,
    /// Students and evidence items left out for problems in students' files.
    pub withheld: usize,
    /// Set when nothing was built because nothing changed since the last build
    /// into the same folder: how many warnings that build had.
    pub up_to_date: Option<usize>,
}

/// Loads and validates a folder. Problems come back sorted, with paths relative to `dir`.
/// Problems in students' own files are warnings here: what they broke is withheld
/// and the rest is built (SPEC §4).
pub fn load_course(dir: &Path) -> (Course, Diagnostics) {
    let (_, course, diags) = load_and_validate(dir, false, None, &mut |_| {});
    (course, diags.relative_to(dir).sorted())
}

/// The first two stages: load, then validate. For a build, a student's problems
/// withhold what they broke and become warnings; `strict` keeps every problem as
/// `check` counts it, warnings included, and withholds nothing. `today` overrides
/// the course's build date (`--today`). Paths are as given.
fn load_and_validate(
    dir: &Path,
    strict: bool,
    today: Option<jiff::civil::Date>,
    progress: &mut dyn FnMut(Phase),
) -> (load::Sources, Course, Diagnostics) {
    progress(Phase::Start(Step::Load));
    let t = Instant::now();
    let (sources, mut diags) = load::load(dir);
    progress(Phase::Done(Step::Load, t.elapsed()));
    progress(Phase::Start(Step::Validate));
    let t = Instant::now();
    let (mut course, more) = validate::validate(&sources);
    diags.extend(more);
    if let Some(d) = today {
        course.config.today = d.into();
    }
    let diags = if strict {
        diags.strict()
    } else {
        validate::for_build(diags, &mut course, &sources.students_dir)
    };
    progress(Phase::Done(Step::Validate, t.elapsed()));
    (sources, course, diags)
}

/// What one audience's pages are rendered from: the course as that audience may
/// see it, the policy it was cut by, and what is computed from it.
pub(crate) struct Prepared {
    pub course: Course,
    pub policy: Policy,
    pub computed: crate::compute::Computed,
    /// Warnings and notes, relative to the course folder and sorted.
    pub warnings: Diagnostics,
    /// Students and evidence items left out for problems in students' files.
    pub withheld: usize,
}

/// What `serve` keeps of a build to bring it up to date later: the files as read
/// and the whole validated course, before the audience's cut.
pub(crate) struct Whole {
    pub sources: load::Sources,
    pub course: Course,
    /// The warnings with their paths as given (not relative).
    pub warnings: Diagnostics,
}

/// The pipeline, chained in this one place: load → validate → audience policy and
/// filter → compute. Rendering and writing follow into the command's sink (`build`:
/// the new output folder; `serve` and `archive`: memory). With `keep`, the files
/// as read and the whole course are handed back too.
pub(crate) fn prepare(
    opts: &BuildOptions,
    progress: &mut dyn FnMut(Phase),
    keep: Option<&mut Option<Whole>>,
) -> Result<Prepared, Diagnostics> {
    let dir = &opts.dir;
    let (sources, course, diags) = load_and_validate(dir, opts.strict, opts.today, progress);
    let withheld = course.withheld.len();
    let as_given = keep.is_some().then(|| diags.clone());
    let relative = diags.relative_to(dir).sorted();
    if relative.has_errors() {
        return Err(relative);
    }
    let whole = keep.map(|slot| (slot, course.clone()));
    let course = for_build(dir, course, &opts.audience, opts.base_url.as_deref()).map_err(|e| {
        let mut all = relative.clone();
        all.extend(e);
        all
    })?;
    let (course, policy, computed) = for_audience(course, &opts.audience, progress);
    let warnings = relative;
    if let Some((slot, whole)) = whole {
        *slot = Some(Whole {
            sources,
            course: whole,
            warnings: as_given.unwrap_or_default(),
        });
    }
    Ok(Prepared {
        course,
        policy,
        computed,
        warnings,
        withheld,
    })
}

/// Loads and validates as `check` does: every problem as it is, students' errors
/// included, keeping the files as read for checks that need their positions.
fn load_sources(dir: &Path) -> (load::Sources, Course, Diagnostics) {
    let (sources, mut diags) = load::load(dir);
    let (course, more) = validate::validate(&sources);
    diags.extend(more);
    (sources, course, diags.relative_to(dir).sorted())
}

/// `pathfolio check`: every problem, nothing written.
pub fn check(dir: &Path) -> Diagnostics {
    // Images are checked, not resized or cached: `check` writes nothing.
    let _dry = crate::media::dry_run();
    let (sources, course, mut diags) = load_sources(dir);
    if !diags.has_errors() {
        diags.extend(validate::usage::check(&sources, &course).relative_to(dir));
        // Render in memory too, so template problems are found without writing.
        for audience in [Audience::Teacher, Audience::Public] {
            let (shown, policy, computed) = for_audience(course.clone(), &audience, &mut |_| {});
            if let Err(d) = render::site(&shown, &policy, &computed, &render::Memory) {
                diags.extend(d.relative_to(dir));
                break;
            }
        }
    }
    diags.sorted()
}

/// Steps 4 and 5, for every command that renders (`prepare`, and `check` for each
/// audience): what `audience` may see of the validated `course`, the policy that
/// cut it (which rendering follows too), and what is computed from what is left.
fn for_audience(
    course: Course,
    audience: &Audience,
    progress: &mut dyn FnMut(Phase),
) -> (Course, Policy, crate::compute::Computed) {
    progress(Phase::Start(Step::Filter));
    let t = Instant::now();
    let policy = Policy::of(audience, &course);
    let shown = audience::filter(course, &policy);
    progress(Phase::Done(Step::Filter, t.elapsed()));
    progress(Phase::Start(Step::Compute));
    let t = Instant::now();
    let computed = crate::compute::Computed::new(&shown);
    progress(Phase::Done(Step::Compute, t.elapsed()));
    (shown, policy, computed)
}

/// The course as a build's options ask for it: with `--base-url` applied, and an
/// error for a `--student` who is not in it.
fn for_build(
    dir: &Path,
    mut course: Course,
    audience: &Audience,
    base_url: Option<&str>,
) -> Result<Course, Diagnostics> {
    if let Some(url) = base_url {
        course.config.base_url = url.to_string();
    }
    if let Some(id) = audience.student()
        && !course.students.iter().any(|s| s.id == id)
    {
        let known: Vec<&str> = course.students.iter().map(|s| s.id.as_str()).collect();
        let mut e = Diagnostic::error(dir, None, format!("there is no student `{id}`"));
        e.hint = crate::diag::suggest(id, known.iter().copied());
        return Err(e.into());
    }
    Ok(course)
}

/// One step of a build, in the order they run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Reading and parsing the course's files.
    Load,
    /// Checking them and building the model.
    Validate,
    /// Removing what the audience may not see.
    Filter,
    /// Every student's mastery and progress, from what the audience may see.
    Compute,
    /// Rendering every page in memory.
    Render,
    /// Writing the site and swapping it into place.
    Write,
}

impl Step {
    /// Every step, in order.
    pub const ALL: [Step; 6] = [
        Step::Load,
        Step::Validate,
        Step::Filter,
        Step::Compute,
        Step::Render,
        Step::Write,
    ];

    /// A word for progress output: "loading", "rendering", "writing".
    pub fn name(self) -> &'static str {
        match self {
            Step::Load => "loading",
            Step::Validate => "validating",
            Step::Filter => "filtering",
            Step::Compute => "computing",
            Step::Render => "rendering",
            Step::Write => "writing",
        }
    }
}

/// Progress of [`build_with`]: each step is reported as it starts and as it ends
/// (a failed step has no `Done`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    Start(Step),
    Done(Step, Duration),
}

/// `pathfolio build`: renders, then writes the site, replacing the old one only on success.
pub fn build(opts: &BuildOptions) -> Result<BuildReport, Diagnostics> {
    build_with(opts, &mut |_| {})
}

/// [`build`], telling `progress` when each step starts and ends, so a command can
/// show a progress bar or timings (the library itself prints nothing).
pub fn build_with(
    opts: &BuildOptions,
    progress: &mut dyn FnMut(Phase),
) -> Result<BuildReport, Diagnostics> {
    let start = Instant::now();
    let dir = &opts.dir;
    let out = opts
        .out
        .clone()
        .unwrap_or_else(|| dir.join(opts.audience.default_out()));
    check_output(dir, &out)?;
    let (inputs, done) = stamp::check(opts, &out);
    // A strict build fails on warnings, so one that had some is built again.
    if let Some(done) = done.filter(|d| !opts.strict || d.warnings == 0) {
        return Ok(BuildReport {
            out,
            pages: done.pages,
            files: done.files,
            students: done.students,
            elapsed: start.elapsed(),
            diagnostics: Diagnostics::new(),
            withheld: 0,
            up_to_date: Some(done.warnings),
        });
    }
    let Prepared {
        course,
        policy,
        computed,
        warnings: diagnostics,
        withheld,
    } = prepare(opts, progress, None)?;
    progress(Phase::Start(Step::Render));
    let t = Instant::now();
    // Pages go into the new folder as they are rendered (see `write::Staging`); if
    // anything fails, the folder is removed and the previous site stays.
    let staging = write::Staging::new(&out).map_err(Diagnostics::from)?;
    let site =
        render::site(&course, &policy, &computed, &staging).map_err(|d| d.relative_to(dir))?;
    drop((course, computed));
    progress(Phase::Done(Step::Render, t.elapsed()));
    progress(Phase::Start(Step::Write));
    let t = Instant::now();
    staging.finish(&site).map_err(Diagnostics::from)?;
    let (pages, files, students) = (site.pages, site.files.len(), site.students);
    drop(site);
    if let Some(inputs) = inputs {
        inputs.write(
            opts,
            &out,
            (pages, files, students),
            diagnostics.warning_count(),
        );
    }
    progress(Phase::Done(Step::Write, t.elapsed()));
    Ok(BuildReport {
        out,
        pages,
        files,
        students,
        elapsed: start.elapsed(),
        diagnostics,
        withheld,
        up_to_date: None,
    })
}

/// Refuses an output folder that would overwrite or swallow the course's own files
/// (see `write::guard`).
fn check_output(dir: &Path, out: &Path) -> Result<(), Diagnostics> {
    write::guard::check_output(dir, out).map_err(Diagnostics::from)
}

/// The public output folder that `path` would be inside, if any: the course's default
/// `public/`, or any folder holding a site pathfolio built (it has a `404.html` and
/// `assets/style.css`). Teacher data must never be written there.
pub fn public_site_containing(dir: &Path, path: &Path) -> Option<PathBuf> {
    let abs = |p: &Path| lexical(p);
    let target = abs(path);
    let public = abs(&dir.join(Audience::Public.default_out()));
    if target.starts_with(&public) {
        return Some(public);
    }
    target
        .ancestors()
        .skip(1)
        .find(|a| a.join("404.html").is_file() && a.join("assets/style.css").is_file())
        .map(Path::to_path_buf)
}
