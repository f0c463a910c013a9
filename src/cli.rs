//! Command-line parsing only: clap types become the library's own options at once.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use pathfolio::audience::Audience;
use pathfolio::pipeline::BuildOptions;

#[derive(Parser)]
#[command(
    name = "pathfolio",
    version,
    about = "Course sites and student portfolios from plain files"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Build the site into an output folder (default: public/ inside the course).
    Build {
        /// The course folder, or a student's own folder (default: the current folder).
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// The output folder.
        #[arg(short, long)]
        out: Option<PathBuf>,
        /// Who the site is for.
        #[arg(long, value_enum, default_value_t = AudienceArg::Public)]
        audience: AudienceArg,
        /// The student of a student build (`--audience student --student ID`).
        #[arg(long)]
        student: Option<String>,
        /// Where the public site will live; overrides base_url in course.yaml.
        #[arg(long)]
        base_url: Option<String>,
        /// Print only problems.
        #[arg(short, long)]
        quiet: bool,
        /// Print each step of the build with its time.
        #[arg(short, long, conflicts_with = "quiet")]
        verbose: bool,
        /// Print the wall time of each step (load, validate, …, write) to stderr at the end.
        #[arg(long)]
        timings: bool,
        /// Build even if nothing changed since the last build into the same folder.
        #[arg(long)]
        force: bool,
        /// Fail on any warning (a student's broken file included) instead of
        /// leaving out what is broken; the previous site stays as it was.
        #[arg(long)]
        strict: bool,
        /// The build date, YYYY-MM-DD: what "due" and "past due" are measured
        /// against (default: `as_of` in course.yaml, else today in its `timezone`).
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_day)]
        today: Option<jiff::civil::Date>,
    },
    /// Preview the site on this computer: build it in memory, serve it on
    /// 127.0.0.1, rebuild when a file changes and reload open pages.
    Serve {
        /// The course folder, or a student's own folder (default: the current folder).
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// The port (a free one if it is taken; 0 for any free port).
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Who the preview is for.
        #[arg(long, value_enum, default_value_t = AudienceArg::Teacher)]
        audience: AudienceArg,
        /// The student of a student preview (`--audience student --student ID`).
        #[arg(long)]
        student: Option<String>,
        /// Print the time of each rebuild.
        #[arg(short, long)]
        verbose: bool,
        /// The build date, YYYY-MM-DD (default: `as_of` in course.yaml, else today
        /// in its `timezone`).
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_day)]
        today: Option<jiff::civil::Date>,
    },
    /// Report every problem in the course without writing a site.
    Check {
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Treat warnings as errors.
        #[arg(long)]
        strict: bool,
    },
    /// Start a new course with one example of everything (a unit, a playlist, a
    /// rubric, a student with evidence, an assessment, a GitHub Pages workflow).
    Init {
        /// The folder for the course (default: the current folder); created if needed.
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Add the example's files to a folder that is not empty. Existing files are
        /// never replaced: they are kept and listed.
        #[arg(long)]
        force: bool,
    },
    /// Add one unit, playlist, rubric, student or evidence item from a template, or
    /// one assessment (`new assessment STUDENT EVIDENCE --score CRITERION=LEVEL …`).
    New(NewArgs),
    /// Export teacher data, such as the mastery table for a gradebook.
    Export {
        #[command(subcommand)]
        what: ExportWhat,
    },
    /// Import course data from other formats.
    Import {
        #[command(subcommand)]
        what: ImportWhat,
    },
    /// Put several courses' public sites in one read-only, verifiable archive (a
    /// BagIt bag), or check an archive with --verify.
    Archive {
        /// The course folders to archive.
        #[arg(required_unless_present = "verify", conflicts_with = "verify")]
        courses: Vec<PathBuf>,
        /// The archive folder to write.
        #[arg(
            short,
            long,
            required_unless_present = "verify",
            conflicts_with = "verify"
        )]
        out: Option<PathBuf>,
        /// Check an existing archive against its manifests instead.
        #[arg(long, value_name = "ARCHIVE")]
        verify: Option<PathBuf>,
        /// With --verify: the fingerprint `archive` printed; any other fails.
        #[arg(long, value_name = "FINGERPRINT", requires = "verify")]
        expect: Option<String>,
        /// Replace an existing pathfolio archive in the output folder.
        #[arg(long, conflicts_with = "verify")]
        force: bool,
        /// The school's name, for the index page and bag-info.txt.
        #[arg(long, conflicts_with = "verify")]
        organization: Option<String>,
        /// Leave this student out entirely, as if never published (a family withdrew
        /// consent); repeat for more students.
        #[arg(long = "exclude-student", value_name = "ID", conflicts_with = "verify")]
        exclude_students: Vec<String>,
    },
}

/// What `pathfolio new` adds.
#[derive(Copy, Clone, PartialEq, Eq, ValueEnum)]
pub enum NewKind {
    Unit,
    Playlist,
    Rubric,
    Student,
    Evidence,
    Assessment,
}

#[derive(Copy, Clone, PartialEq, Eq, ValueEnum)]
pub enum AudienceArg {
    Public,
    Teacher,
    Student,
}

impl Command {
    /// The build options, or a message when the arguments do not fit together.
    pub fn build_options(
        dir: PathBuf,
        out: Option<PathBuf>,
        audience: AudienceArg,
        student: Option<String>,
        base_url: Option<String>,
    ) -> Result<BuildOptions, String> {
        let audience = match (audience, student) {
            (AudienceArg::Student, Some(id)) => Audience::Student(id),
            (AudienceArg::Student, None) => {
                return Err("--audience student needs --student ID".into());
            }
            (_, Some(_)) => return Err("--student goes with --audience student".into()),
            (AudienceArg::Public, None) => Audience::Public,
            (AudienceArg::Teacher, None) => Audience::Teacher,
        };
        Ok(BuildOptions {
            dir,
            out,
            audience,
            base_url,
            force: false,
            strict: false,
            today: None,
        })
    }
}

/// `--today`: a calendar date written YYYY-MM-DD, nothing more.
fn parse_day(text: &str) -> Result<jiff::civil::Date, String> {
    let shape = text.len() == 10
        && text.char_indices().all(|(i, c)| {
            if i == 4 || i == 7 {
                c == '-'
            } else {
                c.is_ascii_digit()
            }
        });
    let bad = || format!("`{text}` is not a date in the form YYYY-MM-DD, such as 2026-10-03");
    if !shape {
        return Err(bad());
    }
    text.parse().map_err(|_| bad())
}

#[derive(Subcommand)]
pub enum ExportWhat {
    /// One row per student × standard: level, label, number of scores, last date.
    Mastery {
        #[arg(default_value = ".")]
        dir: PathBuf,
        #[arg(long, value_enum, default_value_t = ExportFormat::Csv)]
        format: ExportFormat,
        /// Write to this file instead of standard output (never into a public site).
        #[arg(short, long)]
        out: Option<PathBuf>,
    },
    /// A spreadsheet for scoring one checkpoint: a row per evidence item that
    /// completes it, a column per rubric criterion. Fill it in, then `import scores`.
    Sheet {
        /// The checkpoint, as PLAYLIST/ITEM.
        item: String,
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Only the work that has no assessment yet.
        #[arg(long, conflicts_with = "all")]
        ungraded: bool,
        /// Also a row for each student with no such work.
        #[arg(long)]
        all: bool,
        /// Write to this file instead of standard output (never into a public site).
        #[arg(short, long)]
        out: Option<PathBuf>,
    },
}

#[derive(Copy, Clone, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Csv,
    Json,
}

#[derive(Subcommand)]
pub enum ImportWhat {
    /// Standards from a 1EdTech CASE package (JSON) into standards.yaml.
    Case {
        file: PathBuf,
        /// The course folder to write standards.yaml into.
        #[arg(long, default_value = ".")]
        dir: PathBuf,
        /// Replace an existing standards.yaml.
        #[arg(long)]
        force: bool,
    },
    /// Scores and feedback from a filled-in `export sheet` into assessments/: each
    /// row a new, dated assessment; rows already there or without scores are skipped.
    Scores {
        file: PathBuf,
        /// The course folder.
        #[arg(long, default_value = ".")]
        dir: PathBuf,
        /// The rubric, when the sheet's columns fit more than one.
        #[arg(long)]
        rubric: Option<String>,
        /// Show what would be added, and write nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// The class list from the school's system into roster.yaml, and a folder for
    /// each new student: a OneRoster 1.2 CSV export (a folder with users.csv,
    /// enrollments.csv and classes.csv) or a CSV file with a header such as
    /// `id,name,section,sis_id`. Run it again after the list changes: names and
    /// sections are updated, everything you wrote in the roster is kept.
    Roster {
        /// The OneRoster folder, or the CSV file.
        source: PathBuf,
        /// The course folder.
        #[arg(long, default_value = ".")]
        dir: PathBuf,
        /// The OneRoster class (its sourcedId) to import; repeat it for several sections.
        #[arg(long = "class", value_name = "SOURCEDID")]
        classes: Vec<String>,
        /// Show what would change, and write nothing.
        #[arg(long)]
        dry_run: bool,
    },
}

/// The arguments of `pathfolio new`.
#[derive(Args)]
pub struct NewArgs {
    /// What to add.
    #[arg(value_enum)]
    pub kind: NewKind,
    /// Its title (a student's name); the file name is made from it.
    pub name: String,
    /// The course folder (for evidence: a student's folder, unless --student is given).
    #[arg(long, default_value = ".")]
    pub dir: PathBuf,
    /// For evidence run from the course folder: the student's id.
    #[arg(long)]
    pub student: Option<String>,
    /// For an assessment (`new assessment STUDENT EVIDENCE`): the evidence item's slug.
    pub evidence: Option<String>,
    /// For an assessment: a criterion's score, as CRITERION=LEVEL; one per criterion.
    #[arg(long = "score", value_name = "CRITERION=LEVEL")]
    pub scores: Vec<String>,
    /// For an assessment: the rubric, when the evidence does not say which.
    #[arg(long)]
    pub rubric: Option<String>,
    /// For an assessment: feedback for the student.
    #[arg(long)]
    pub feedback: Option<String>,
    /// For an assessment: your own note (the teacher audience only).
    #[arg(long)]
    pub note: Option<String>,
    /// For an assessment: its date (default: the course's build date).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,
}
