//! The class list as the school's system gives it: a OneRoster 1.2 CSV export
//! (a folder with `users.csv`, `enrollments.csv` and `classes.csv`) or a plain CSV
//! with a header (`id,name,section,sis_id`).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::diag::{Diagnostic, Diagnostics, Pos, suggest};
use crate::import::table::{Row, Table};

/// One student of the class list.
#[derive(Debug, Clone, PartialEq)]
pub struct SchoolStudent {
    /// An id the list gives (plain CSV only); otherwise one is made from the name.
    pub id: Option<String>,
    pub name: String,
    pub sis_id: Option<String>,
    pub section: Option<String>,
    /// Where the row is, for messages.
    pub path: PathBuf,
    pub line: u32,
}

/// What was read, and from what (for the report).
pub struct ClassList {
    pub students: Vec<SchoolStudent>,
    pub from: String,
    /// Problems that stop nothing (a column that is not used).
    pub warnings: Diagnostics,
}

/// The columns a plain CSV may have.
const PLAIN_COLUMNS: [&str; 6] = ["id", "name", "section", "sis_id", "first_name", "last_name"];

/// Reads a OneRoster folder or a plain CSV file; every bad row is reported.
pub fn read(source: &Path, classes: &[String]) -> Result<ClassList, Diagnostics> {
    if source.is_dir() {
        oneroster(source, classes)
    } else {
        if !classes.is_empty() {
            return Err(Diagnostics::from(Diagnostic::error(
                source,
                None,
                "--class chooses a class of a OneRoster export, and this is a single CSV file",
            )
            .with_hint("leave out --class, or give the folder holding users.csv, enrollments.csv and classes.csv")));
        }
        plain(source)
    }
}

/// `id,name,section,sis_id` (any order; `first_name`,`last_name` instead of `name`).
fn plain(path: &Path) -> Result<ClassList, Diagnostics> {
    let table = Table::read(path).map_err(Diagnostics::from)?;
    let mut diags = Diagnostics::new();
    for (i, h) in table.header.iter().enumerate() {
        if !PLAIN_COLUMNS.contains(&h.to_ascii_lowercase().as_str()) {
            let mut d = Diagnostic::warning(
                path,
                Pos::new(1, i as u32 + 1),
                format!("the column `{h}` is not used"),
            );
            d =
                d.with_hint(suggest(h, PLAIN_COLUMNS).unwrap_or_else(|| {
                    format!("the columns read are: {}", PLAIN_COLUMNS.join(", "))
                }));
            diags.push(d);
        }
    }
    if table.column("name").is_none() {
        table.require(&["first_name", "last_name"]).map_err(|e| {
            Diagnostics::from(e.with_hint("give a `name` column, or `first_name` and `last_name`"))
        })?;
    }
    let mut students = Vec::new();
    for row in &table.rows {
        let name = match table.value(row, "name") {
            Some(n) => n.to_string(),
            None => joined(table.cell(row, "first_name"), table.cell(row, "last_name")),
        };
        if name.is_empty() {
            diags.push(
                table
                    .error(row, "name", "this student has no name")
                    .with_hint("fill in the name, or delete the row"),
            );
            continue;
        }
        let id = table.value(row, "id").map(str::to_string);
        if let Some(id) = &id
            && let Err(why) = check_id(id)
        {
            diags.push(table.error(row, "id", format!("`{id}` cannot be a student id: {why}")).with_hint(
                "an id is a folder name: lower-case letters, digits and `-` (leave it empty to have one made from the name)",
            ));
            continue;
        }
        students.push(SchoolStudent {
            id,
            name,
            sis_id: table.value(row, "sis_id").map(str::to_string),
            section: table.value(row, "section").map(str::to_string),
            path: table.path.clone(),
            line: row.line,
        });
    }
    finish(diags, students, path.display().to_string())
}

fn finish(
    diags: Diagnostics,
    students: Vec<SchoolStudent>,
    from: String,
) -> Result<ClassList, Diagnostics> {
    if diags.has_errors() {
        Err(diags)
    } else {
        Ok(ClassList {
            students,
            from,
            warnings: diags,
        })
    }
}

fn joined(first: &str, last: &str) -> String {
    format!("{first} {last}").trim().to_string()
}

/// Why `id` cannot name a student folder, if it cannot.
pub fn check_id(id: &str) -> Result<(), &'static str> {
    if id.starts_with(['.', '-']) {
        return Err("it starts with `.` or `-`");
    }
    if !id
        .chars()
        .all(|c| c.is_alphanumeric() && !c.is_uppercase() || c == '-' || c == '_')
    {
        return Err("it has a character other than lower-case letters, digits, `-` and `_`");
    }
    Ok(())
}

/// OneRoster 1.2 CSV: the students enrolled in the chosen class (`--class`, or the
/// only class of the export). `status: tobedeleted` rows are left out.
fn oneroster(dir: &Path, classes: &[String]) -> Result<ClassList, Diagnostics> {
    let read = |name: &str, columns: &[&str]| -> Result<Table, Diagnostic> {
        let t = Table::read(&dir.join(name))?;
        t.require(columns)?;
        Ok(t)
    };
    let tables = (
        read("classes.csv", &["sourcedId", "title"]),
        read("users.csv", &["sourcedId", "givenName", "familyName"]),
        read(
            "enrollments.csv",
            &["classSourcedId", "userSourcedId", "role"],
        ),
    );
    let (class_table, users, enrollments) = match tables {
        (Ok(c), Ok(u), Ok(e)) => (c, u, e),
        (c, u, e) => return Err([c.err(), u.err(), e.err()].into_iter().flatten().collect()),
    };
    let mut diags = Diagnostics::new();
    let chosen = choose_classes(&class_table, classes).map_err(Diagnostics::from)?;
    let by_id: HashMap<&str, &Row> = users
        .rows
        .iter()
        .filter(|r| active(&users, r))
        .map(|r| (users.cell(r, "sourcedId"), r))
        .collect();
    let mut students = Vec::new();
    for row in enrollments.rows.iter().filter(|r| active(&enrollments, r)) {
        let class = enrollments.cell(row, "classSourcedId");
        let Some(section) = chosen.get(class) else {
            continue;
        };
        let role = enrollments.cell(row, "role");
        if !role.eq_ignore_ascii_case("student") {
            if !ROLES.iter().any(|r| r.eq_ignore_ascii_case(role)) {
                let hint =
                    suggest(role, ROLES).unwrap_or_else(|| "a student's role is `student`".into());
                diags.push(
                    enrollments
                        .error(row, "role", format!("`{role}` is not a OneRoster role"))
                        .with_hint(hint),
                );
            }
            continue;
        }
        let user_id = enrollments.cell(row, "userSourcedId");
        let Some(user) = by_id.get(user_id) else {
            diags.push(
                enrollments
                    .error(
                        row,
                        "userSourcedId",
                        format!("no user `{user_id}` in users.csv"),
                    )
                    .with_hint(
                        "export users.csv and enrollments.csv together, from the same system",
                    ),
            );
            continue;
        };
        let given = users
            .value(user, "preferredGivenName")
            .unwrap_or(users.cell(user, "givenName"));
        let family = users
            .value(user, "preferredFamilyName")
            .unwrap_or(users.cell(user, "familyName"));
        let name = joined(given, family);
        if name.is_empty() {
            diags.push(
                users
                    .error(
                        user,
                        "givenName",
                        format!("the user `{user_id}` has no name"),
                    )
                    .with_hint("fill in givenName and familyName in the school's system"),
            );
            continue;
        }
        let sis_id = users
            .value(user, "identifier")
            .unwrap_or(user_id)
            .to_string();
        if students
            .iter()
            .any(|s: &SchoolStudent| s.sis_id.as_deref() == Some(&sis_id))
        {
            continue; // enrolled in two of the chosen sections: the first one counts
        }
        students.push(SchoolStudent {
            id: None,
            name,
            sis_id: Some(sis_id),
            section: section.clone(),
            path: users.path.clone(),
            line: user.line,
        });
    }
    let mut titles: Vec<&str> = chosen.keys().map(String::as_str).collect();
    titles.sort_unstable();
    let from = format!(
        "the OneRoster class{} {}",
        if titles.len() == 1 { "" } else { "es" },
        titles.join(", ")
    );
    finish(diags, students, from)
}

/// The roles of OneRoster 1.2 enrollments and users.
const ROLES: [&str; 8] = [
    "student",
    "teacher",
    "administrator",
    "proctor",
    "aide",
    "guardian",
    "parent",
    "relative",
];

/// Bulk files leave `status` empty; delta files mark removed rows `tobedeleted`.
fn active(table: &Table, row: &Row) -> bool {
    !table
        .cell(row, "status")
        .eq_ignore_ascii_case("tobedeleted")
}

/// The chosen classes, each with the section its students get: the class's
/// `classCode`, else its `periods`, else its title.
fn choose_classes(
    table: &Table,
    wanted: &[String],
) -> Result<HashMap<String, Option<String>>, Diagnostic> {
    let section = |r: &Row| {
        ["classCode", "periods", "title"]
            .iter()
            .find_map(|c| table.value(r, c))
            .map(str::to_string)
    };
    let listed = || {
        table
            .rows
            .iter()
            .map(|r| {
                format!(
                    "{} ({})",
                    table.cell(r, "sourcedId"),
                    table.cell(r, "title")
                )
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    if wanted.is_empty() {
        return match table.rows.as_slice() {
            [only] => Ok(HashMap::from([(
                table.cell(only, "sourcedId").to_string(),
                section(only),
            )])),
            _ => Err(Diagnostic::error(
                &table.path,
                None,
                format!("the export has {} classes; say which one", table.rows.len()),
            )
            .with_hint(format!(
                "add --class SOURCEDID (repeat it for several sections); the classes are: {}",
                listed()
            ))),
        };
    }
    let mut chosen = HashMap::new();
    for w in wanted {
        let Some(row) = table.rows.iter().find(|r| table.cell(r, "sourcedId") == w) else {
            let ids = table.rows.iter().map(|r| table.cell(r, "sourcedId"));
            let hint = suggest(w, ids).unwrap_or_else(|| format!("the classes are: {}", listed()));
            return Err(
                Diagnostic::error(&table.path, None, format!("there is no class `{w}`"))
                    .with_hint(hint),
            );
        };
        chosen.insert(w.clone(), section(row));
    }
    Ok(chosen)
}
