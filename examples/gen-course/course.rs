//! The teacher's side of a synthetic course: course.yaml, standards, units, rubrics,
//! playlists and resources, and the plan the students' files refer to.

use std::fmt::Write as _;
use std::path::Path;

use crate::text::{Rng, body, paragraph, school_date, title_case};
use crate::{png, write};

pub const STANDARDS: usize = 20;
pub const UNITS: usize = 6;
pub const PLAYLISTS_PER_UNIT: usize = 2;

const UNIT_NAMES: [&str; UNITS] = [
    "cells",
    "energy",
    "ecosystems",
    "heredity",
    "evolution",
    "human-body",
];
const GROUPS: [&str; 4] = [
    "From Molecules to Organisms",
    "Ecosystems",
    "Heredity",
    "Biological Evolution",
];

/// What students' files may refer to.
pub struct Plan {
    pub units: Vec<UnitPlan>,
}

pub struct UnitPlan {
    pub slug: String,
    pub standards: Vec<String>,
    /// The unit's rubric and its criteria, each tied to one of the unit's standards.
    pub rubric: String,
    pub criteria: Vec<String>,
    /// `playlist/item` refs a student can complete.
    pub completable: Vec<String>,
}

pub fn code(i: usize) -> String {
    format!("SCI-{:02}", i + 1)
}

/// Standards 1–18 three to a unit; 19 and 20 go to the first two units too.
fn unit_standards(u: usize) -> Vec<String> {
    let mut s: Vec<String> = (0..3).map(|k| code(u * 3 + k)).collect();
    if u < 2 {
        s.push(code(18 + u));
    }
    s
}

pub fn write_course(out: &Path, rng: &Rng) -> Plan {
    write(
        &out.join("course.yaml"),
        "title: \"Science 9: A Synthetic School\"\ncode: SCI9\nterm: \"2026-27\"\nlanguage: en\n\
         description: |\n  A generated course for measuring how fast pathfolio builds a whole\n  \
         school's portfolios. Every word in it is made up.\nteachers:\n  - name: Ms. Rivera\n    \
         contact: rivera@example.org\n  - name: Mr. Osei\nbase_url: https://example.github.io/sci9/\n\
         theme: default\nmastery:\n  scale:\n    - { level: 1, label: Beginning }\n    \
         - { level: 2, label: Developing }\n    - { level: 3, label: Proficient }\n    \
         - { level: 4, label: Advanced }\n  proficient_at: 3\n  method: decaying_average\n  \
         decay_weight: 0.65\n  n_times: 2\nprivacy:\n  names: first_name_last_initial\n  \
         show_scores_public: false\n  index_student_pages: false\n",
    );
    let mut r = rng.fork(1);
    let mut standards = String::from("# Generated standards.\n\n");
    for i in 0..STANDARDS {
        let _ = write!(
            standards,
            "- code: {}\n  statement: {}\n  student: I can {}\n  group: {}\n\n",
            code(i),
            crate::text::sentence(&mut r).trim_end_matches('.'),
            crate::text::sentence(&mut r).to_lowercase(),
            GROUPS[i * GROUPS.len() / STANDARDS]
        );
    }
    write(&out.join("standards.yaml"), &standards);
    Plan {
        units: (0..UNITS).map(|u| write_unit(out, u, rng)).collect(),
    }
}

fn write_unit(out: &Path, u: usize, rng: &Rng) -> UnitPlan {
    let mut r = rng.fork(100 + u as u64);
    let slug = UNIT_NAMES[u].to_string();
    let standards = unit_standards(u);
    let list = standards.join(", ");
    let front = format!(
        "---\ntitle: \"Unit {}: {}\"\norder: {}\nstandards: [{list}]\nessential_questions:\n  \
         - {}\n  - {}\nstart: {}\nend: {}\n---\n",
        u + 1,
        title_case(&slug),
        u + 1,
        paragraph(&mut r, 1).replace(':', ""),
        paragraph(&mut r, 1).replace(':', ""),
        school_date(u as u64 * 33, 3),
        school_date(u as u64 * 33 + 30, 20),
    );
    let text = body(&mut r, 3000, "Overview");
    // The second unit is a folder with a picture beside its index.md, as teachers do.
    if u == 1 {
        let dir = out.join(format!("units/{:02}-{slug}", u + 1));
        write(&dir.join("index.md"), &format!("{front}{text}"));
        let img = png::encode(64, 48, |x, y| [(x * 4) as u8, (y * 5) as u8, 160]);
        std::fs::write(dir.join("diagram.png"), img).expect("write unit image");
    } else {
        write(
            &out.join(format!("units/{:02}-{slug}.md", u + 1)),
            &format!("{front}{text}"),
        );
    }
    let rubric = format!("{slug}-checkpoint");
    let criteria: Vec<String> = (0..3).map(|k| format!("criterion-{}", k + 1)).collect();
    let mut rb = format!(
        "---\ntitle: \"{} checkpoint\"\nlevels: [4, 3, 2, 1]\ncriteria:\n",
        title_case(&slug)
    );
    for (k, c) in criteria.iter().enumerate() {
        let _ = write!(
            rb,
            "  - id: {c}\n    title: {}\n    standard: {}\n    descriptors:\n",
            title_case(crate::text::TOPICS[(u * 3 + k) % crate::text::TOPICS.len()]),
            standards[k]
        );
        for level in [4, 3, 2, 1] {
            let _ = writeln!(
                rb,
                "      {level}: {}",
                crate::text::sentence(&mut r).replace(':', "")
            );
        }
    }
    rb.push_str("---\n");
    rb.push_str(&paragraph(&mut r, 4));
    rb.push('\n');
    write(&out.join(format!("rubrics/{rubric}.md")), &rb);
    write(
        &out.join(format!("resources/{slug}-handout.md")),
        &body(&mut r, 1500, "Handout"),
    );
    let mut completable = Vec::new();
    for p in 0..PLAYLISTS_PER_UNIT {
        completable.extend(write_playlist(
            out, u, p, &slug, &standards, &rubric, &mut r,
        ));
    }
    UnitPlan {
        slug,
        standards,
        rubric,
        criteria,
        completable,
    }
}

/// Must-do items, a may-do item, a choice group and a checkpoint; returns the refs of
/// the items a student's evidence may complete.
fn write_playlist(
    out: &Path,
    u: usize,
    p: usize,
    unit: &str,
    standards: &[String],
    rubric: &str,
    r: &mut Rng,
) -> Vec<String> {
    let slug = format!("{unit}-{}", p + 1);
    let std = |k: usize| standards[k % standards.len()].clone();
    let mut s = format!(
        "---\ntitle: \"{} playlist {}\"\nunit: {unit}\nstandards: [{}]\ndue: {}\nitems:\n",
        title_case(unit),
        p + 1,
        standards.join(", "),
        school_date(u as u64 * 33 + 15 * p as u64 + 14, 25),
    );
    let must = [
        ("watch", "intro-video"),
        ("read", "reading"),
        ("practice", "practice-set"),
    ];
    for (k, (kind, id)) in must.iter().enumerate() {
        let _ = write!(
            s,
            "  - id: {id}\n    title: \"{}\"\n    kind: {kind}\n    url: https://example.org/{slug}/{id}\n    \
             minutes: {}\n    standards: [{}]\n",
            title_case(id),
            r.range(10, 40),
            std(k)
        );
    }
    let _ = write!(
        s,
        "  - id: handout\n    title: Unit handout\n    kind: read\n    file: resources/{unit}-handout.md\n    \
         minutes: 15\n    required: false\n    levels: [approaching, meeting]\n    standards: [{}]\n",
        std(1)
    );
    let _ = write!(
        s,
        "  - id: challenge\n    title: \"Challenge: go further\"\n    kind: practice\n    \
         url: https://example.org/{slug}/challenge\n    minutes: 30\n    required: false\n    \
         levels: [exceeding]\n    standards: [{}]\n",
        std(2)
    );
    s.push_str("  - choose: 2\n    title: Show what you know\n    items:\n");
    let choices = ["poster", "podcast", "model", "comic"];
    for (k, id) in choices.iter().enumerate() {
        let _ = write!(
            s,
            "      - id: {id}\n        title: \"Make a {id}\"\n        kind: create\n        \
             minutes: {}\n        standards: [{}]\n",
            r.range(30, 60),
            std(k)
        );
    }
    let _ = write!(
        s,
        "  - id: checkpoint\n    title: \"Checkpoint: {}\"\n    kind: checkpoint\n    rubric: {rubric}\n    \
         minutes: 30\n    standards: [{}]\n---\n",
        title_case(unit),
        standards.join(", ")
    );
    s.push_str(&body(r, 2000, "Instructions"));
    write(&out.join(format!("playlists/{slug}.md")), &s);
    let ids = choices
        .iter()
        .chain(&["checkpoint", "handout", "challenge"])
        .chain(must.iter().map(|(_, id)| id));
    ids.map(|id| format!("{slug}/{id}")).collect()
}
