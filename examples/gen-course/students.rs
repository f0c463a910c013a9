//! The students' side of a synthetic course: profiles, evidence (some in folders with
//! images) and the teacher's assessments of it.

use std::fmt::Write as _;
use std::path::Path;

use crate::course::{Plan, STANDARDS, code};
use crate::text::{Rng, TOPICS, body, paragraph, school_date, title_case};
use crate::{png, write};

const FIRST: &[&str] = &[
    "Ada", "Amara", "Kenji", "Mateo", "Priya", "Zoe", "Sipho", "Liam", "Noor", "Elena", "Tariq",
    "Mei", "Jonas", "Fatima", "Diego", "Aisha", "Oskar", "Lena", "Ravi", "Chloe", "Yusuf",
    "Ingrid", "Kofi", "Sofia", "Hana", "Marek", "Nia", "Tomas", "Leila", "Ben",
];
const LAST: &[&str] = &[
    "Lindqvist",
    "Okafor",
    "Tanaka",
    "Garcia",
    "Shah",
    "Brown",
    "Ndlovu",
    "Murphy",
    "Haddad",
    "Rossi",
    "Khan",
    "Chen",
    "Berg",
    "Ali",
    "Lopez",
    "Mensah",
    "Nowak",
    "Silva",
    "Kim",
    "Dubois",
    "Novak",
    "Patel",
    "Larsen",
    "Costa",
    "Ito",
    "Mazur",
    "Adeyemi",
];
const LEVELS: [&str; 3] = ["approaching", "meeting", "exceeding"];
const KINDS: [&str; 5] = ["watch", "read", "create", "practice", "discuss"];

/// Writes student `i` with `k` evidence items and their assessments.
pub fn write_student(out: &Path, plan: &Plan, i: usize, k: usize, rng: &Rng) {
    let mut r = rng.fork(10_000 + i as u64);
    let (first, last) = (r.pick(FIRST).to_string(), r.pick(LAST).to_string());
    let id = format!(
        "{}-{}{:04}",
        first.to_lowercase(),
        last[..1].to_lowercase(),
        i + 1
    );
    let dir = out.join("students").join(&id);
    let mut profile = format!(
        "---\nname: {first} {last}\npseudonym: Comet {}\npublish: {}\nlevel: {}\n\
         interests: [{}, {}]\nstrengths: [drawing diagrams, asking questions]\ngoals:\n  - {}\n\
         prefers: [{}, {}]\n",
        i + 1,
        r.chance(85),
        r.pick(&LEVELS),
        title_case(r.pick(TOPICS)).to_lowercase(),
        title_case(r.pick(TOPICS)).to_lowercase(),
        crate::text::sentence(&mut r),
        r.pick(&KINDS),
        r.pick(&KINDS),
    );
    if r.chance(20) {
        profile.push_str("private:\n  notes: Needs extra time on written tests.\n");
    }
    let _ = write!(
        profile,
        "---\n{}\n\n{}\n",
        paragraph(&mut r, 4),
        paragraph(&mut r, 3)
    );
    write(&dir.join("profile.md"), &profile);

    // Each student is stronger or weaker overall and improves through the year.
    let ability = r.range(0, 20) as f64 / 10.0;
    let mut assessments = String::new();
    for j in 0..k {
        let step = (j as u64 * 200) / k.max(1) as u64;
        let unit = &plan.units[j * plan.units.len() / k.max(1)];
        let topic = TOPICS[(i + j) % TOPICS.len()];
        let slug = format!("{topic}-{:02}", j + 1);
        let day = r.range(1, 24);
        let date = school_date(step, day);
        let score = |r: &mut Rng| {
            let growth = step as f64 / 200.0;
            (1.0 + ability * 0.8 + growth + r.range(0, 10) as f64 / 10.0).clamp(1.0, 4.0) as u32
        };
        // Two different items of the unit's playlists (or one, if it has only one).
        let n = unit.completable.len() as u64;
        let a = r.range(0, n - 1);
        let b = (a + r.range(1, n.max(2) - 1)) % n;
        let mut done = vec![unit.completable[a as usize].as_str()];
        if b != a {
            done.push(&unit.completable[b as usize]);
        }
        let mut front = format!(
            "---\ntitle: \"{} ({})\"\ndate: {date}\nunit: {}\ncompletes: [{}]\nstandards: [{}]\n",
            title_case(topic),
            j + 1,
            unit.slug,
            done.join(", "),
            unit.standards[..2].join(", ")
        );
        if r.chance(50) {
            let scores: Vec<String> = unit
                .criteria
                .iter()
                .map(|c| format!("{c}: {}", score(&mut r)))
                .collect();
            let _ = write!(
                front,
                "self_assessment:\n  rubric: {}\n  scores: {{ {} }}\n",
                unit.rubric,
                scores.join(", ")
            );
        }
        if j < 2 {
            front.push_str("featured: true\n");
        }
        if j % 10 == 9 {
            front.push_str("public: false\n");
        }
        if r.chance(30) {
            let _ = write!(
                front,
                "links:\n  - {{ title: My slides, url: https://example.org/{id}/{slug} }}\n"
            );
        }
        front.push_str("---\n");
        let size = r.range(2048, 3800) as usize;
        let text = body(&mut r, size, "What I did");
        if j % 6 == 2 {
            // A folder item with an image (every fourth one a larger "photo").
            let ev = dir.join("evidence").join(&slug);
            write(&ev.join("index.md"), &format!("{front}{text}"));
            let (w, h) = if j % 24 == 2 { (160, 120) } else { (40, 30) };
            let tint = r.range(0, 255) as u8;
            let img = png::encode(w, h, |x, y| {
                [tint, (x * 255 / w) as u8, (y * 255 / h) as u8]
            });
            std::fs::write(ev.join("photo.png"), img).expect("write evidence image");
        } else {
            write(
                &dir.join("evidence").join(format!("{slug}.md")),
                &format!("{front}{text}"),
            );
        }
        let scores: Vec<String> = unit
            .criteria
            .iter()
            .map(|c| format!("{c}: {}", score(&mut r)))
            .collect();
        let _ = write!(
            assessments,
            "- evidence: {slug}\n  rubric: {}\n  date: {}\n  scores: {{ {} }}\n  feedback: |\n    {}\n",
            unit.rubric,
            school_date(step, day + 3),
            scores.join(", "),
            paragraph(&mut r, 2)
        );
    }
    // Conversations and quizzes: a few scores on each standard without evidence.
    for s in 0..STANDARDS {
        for n in 0..2u64 {
            let step = (s as u64 * 9 + n * 100).min(199);
            let level = (1.0 + ability + r.range(0, 10) as f64 / 10.0).clamp(1.0, 4.0) as u32;
            let _ = write!(
                assessments,
                "- standard: {}\n  date: {}\n  level: {level}\n  note: {}\n",
                code(s),
                school_date(step, r.range(1, 28)),
                crate::text::sentence(&mut r)
            );
        }
    }
    write(
        &out.join("assessments").join(format!("{id}.yaml")),
        &assessments,
    );
}
