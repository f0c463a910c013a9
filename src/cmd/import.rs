//! `pathfolio import case`.

use std::path::Path;
use std::process::ExitCode;

use crate::cli::ImportWhat;
use pathfolio::import::case;
use pathfolio::import::roster as import_roster;
use pathfolio::import::scores as import_scores;
use pathfolio::load::source::read_text;

/// `pathfolio import …`.
pub fn dispatch(what: ImportWhat) -> ExitCode {
    match what {
        ImportWhat::Case { file, dir, force } => case(&file, &dir, force),
        ImportWhat::Scores {
            file,
            dir,
            rubric,
            dry_run,
        } => scores(&file, &dir, rubric.as_deref(), dry_run),
        ImportWhat::Roster {
            source,
            dir,
            classes,
            dry_run,
        } => roster(&source, &dir, &classes, dry_run),
    }
}

fn case(file: &Path, dir: &Path, force: bool) -> ExitCode {
    let target = dir.join("standards.yaml");
    if target.exists() && !force {
        eprintln!(
            "error: {} already exists; nothing was written\n  hint: add --force to replace it",
            target.display()
        );
        return ExitCode::FAILURE;
    }
    let result = read_text(file).and_then(|text| case::read(file, &text));
    match result {
        Ok((title, standards)) => {
            match std::fs::write(&target, case::to_yaml(&title, &standards)) {
                Ok(()) => {
                    println!(
                        "Wrote {} standards to {}",
                        standards.len(),
                        target.display()
                    );
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("error: cannot write {}: {e}", target.display());
                    ExitCode::FAILURE
                }
            }
        }
        Err(d) => {
            super::print_problems([&d]);
            ExitCode::FAILURE
        }
    }
}

/// `pathfolio import roster`: plans every change, prints it, and writes only when
/// every row was good.
fn roster(source: &Path, dir: &Path, classes: &[String], dry_run: bool) -> ExitCode {
    if !dir.join("course.yaml").is_file() {
        eprintln!(
            "error: there is no course.yaml in `{}`\n  hint: run this in the course folder, or give it with --dir",
            dir.display()
        );
        return ExitCode::FAILURE;
    }
    let mut plan = match import_roster::plan_for_course(dir, source, classes) {
        Ok(plan) => plan,
        Err(diags) => {
            super::print_problems(&diags);
            eprintln!("{}; nothing was written", super::summary(&diags));
            return ExitCode::FAILURE;
        }
    };
    super::print_problems(&plan.warnings);
    if !dry_run && let Err(d) = plan.write() {
        super::print_problems([&d]);
        return ExitCode::FAILURE;
    }
    print!("{}", report(&plan, dry_run));
    ExitCode::SUCCESS
}

fn report(plan: &import_roster::Plan, dry_run: bool) -> String {
    let mut out = format!(
        "{} {}: {} added, {} updated, {} unchanged (from {})\n",
        if dry_run { "Would change" } else { "Updated" },
        plan.roster.display(),
        plan.added.len(),
        plan.updated.len(),
        plan.unchanged,
        plan.from
    );
    if !plan.changed {
        out = format!(
            "{} is up to date: {} students unchanged (from {})\n",
            plan.roster.display(),
            plan.unchanged,
            plan.from
        );
    }
    let width = plan
        .added
        .iter()
        .map(|a| &a.0)
        .chain(plan.updated.iter().map(|u| &u.0))
        .map(|id| id.chars().count())
        .max()
        .unwrap_or(0);
    for (id, name) in &plan.added {
        out.push_str(&format!("  added    {id:width$}  {name}\n"));
    }
    for (id, field, old, new) in &plan.updated {
        out.push_str(&format!(
            "  updated  {id:width$}  {field}: \"{old}\" → \"{new}\"\n"
        ));
    }
    for (id, sis) in &plan.left {
        let sis = sis
            .as_ref()
            .map_or(String::new(), |s| format!(" (sis_id {s})"));
        out.push_str(&format!(
            "  left     {id}{sis} is not in the school's list: entry and folder kept (remove them by hand if the student left the course)\n"
        ));
    }
    if !dry_run && !plan.folders.is_empty() {
        out.push_str(&format!(
            "Created {} student folder{} in {} (each profile.md says `publish: false`)\n",
            plan.folders.len(),
            if plan.folders.len() == 1 { "" } else { "s" },
            plan.students_dir.display()
        ));
    }
    diag_safe(out)
}

/// Names come from the school's files: escaped, line by line, before they reach
/// the terminal.
fn diag_safe(text: String) -> String {
    text.lines()
        .map(|l| format!("{}\n", pathfolio::diag::terminal_safe(l)))
        .collect()
}

/// `pathfolio import scores`.
fn scores(file: &Path, dir: &Path, rubric: Option<&str>, dry_run: bool) -> ExitCode {
    // An empty date means the course's build date (`as_of`, else today in its `timezone`).
    finish_scores(import_scores::from_sheet(dir, file, rubric), dry_run)
}

/// `pathfolio new assessment STUDENT EVIDENCE --score …`.
pub fn new_assessment(dir: &Path, by_hand: &import_scores::ByHand) -> ExitCode {
    finish_scores(import_scores::from_command_line(dir, by_hand), false)
}

fn finish_scores(
    plan: Result<import_scores::Plan, import_scores::Failure>,
    dry_run: bool,
) -> ExitCode {
    let plan = match plan {
        Ok(plan) => plan,
        Err(import_scores::Failure::Course(diags)) => {
            super::print_problems(&diags);
            eprintln!(
                "{}; fix these first: scores are checked against the course. Nothing was written",
                super::summary(&diags)
            );
            return ExitCode::FAILURE;
        }
        Err(import_scores::Failure::Input(diags)) => {
            super::print_problems(&diags);
            eprintln!("{}; nothing was written", super::summary(&diags));
            return ExitCode::FAILURE;
        }
    };
    let files = if dry_run {
        Vec::new()
    } else {
        match plan.write() {
            Ok(files) => files,
            Err(d) => {
                super::print_problems([&d]);
                return ExitCode::FAILURE;
            }
        }
    };
    let mut line = format!(
        "{} {} assessment{} for {} student{}",
        if dry_run { "Would add" } else { "Added" },
        plan.added(),
        if plan.added() == 1 { "" } else { "s" },
        plan.entries.len(),
        if plan.entries.len() == 1 { "" } else { "s" },
    );
    let mut skipped = Vec::new();
    if plan.already > 0 {
        skipped.push(format!("{} already there", plan.already));
    }
    if plan.empty > 0 {
        skipped.push(format!("{} without scores", plan.empty));
    }
    if !skipped.is_empty() {
        line.push_str(&format!("; skipped {}", skipped.join(", ")));
    }
    println!("{line}");
    for f in files {
        println!("  {}", pathfolio::diag::terminal_path(&f));
    }
    ExitCode::SUCCESS
}
