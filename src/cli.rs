//! Command-line parsing only: clap types become the library's own options at once.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use pathfolio::audience::Audience;
use pathfolio::build::BuildOptions;

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
    },
    /// Report every problem in the course without writing a site.
    Check {
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Treat warnings as errors.
        #[arg(long)]
        strict: bool,
    },
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
        })
    }
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
}
