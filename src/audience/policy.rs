//! What one build shows, decided once (the table of SPEC §4).

use super::Audience;
use crate::model::{Course, MediaConfig, NameStyle, Privacy};

/// What a build for one audience shows, from the audience and the course's
/// `privacy:` and `media:` settings. [`super::filter`] applies the parts that are
/// in the model; render and media read the rest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Policy {
    /// The audience in one word ([`Audience::name`]), for themes.
    pub name: &'static str,
    /// Which students are in the build.
    pub students: Students,
    /// Evidence with `public: false`.
    pub private_evidence: bool,
    /// How students are named (`Full` keeps the name as written).
    pub names: NameStyle,
    /// Scores, mastery, feedback, self-assessments, and the progress and mastery
    /// pages with "next for you".
    pub scores: bool,
    /// Pages about the class as a whole: the class mastery grid and each unit's
    /// proficiency per standard.
    pub class_pages: bool,
    /// What only the teacher sees of a student: the roster entry (section, needs,
    /// notes, sis_id, the consent record …), assessments' `note`, and the
    /// pseudonym behind a public name.
    pub teacher_notes: bool,
    /// The student's readiness level, which may order their own suggestions (no
    /// page names it); left out of the public build.
    pub readiness: bool,
    /// With a roster, the consent on record decides who is in the build and
    /// whether a student's images, audio and video go out (SPEC §2.9).
    pub consent: bool,
    /// Teachers' `contact:`.
    pub teacher_contacts: bool,
    /// Draft units, their playlists, and mentions of them.
    pub drafts: bool,
    /// The full-size image is linked ("Download the original").
    pub originals: bool,
    /// Which files that cannot be cleaned of metadata go out as they are.
    pub uncleaned: Uncleaned,
    /// What search engines may index.
    pub indexing: Indexing,
}

/// Which students a build holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Students {
    All,
    /// Those with `publish: true` (and, with a roster, the consent on record).
    Published,
    /// One student, by id.
    One(String),
}

/// Which files that cannot be cleaned of metadata (or were never inspected) go
/// out as they are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Uncleaned {
    /// None: they are left out.
    LeftOut,
    /// Students' files whose metadata cannot be removed
    /// (`privacy.publish_uncleaned_media`); files never inspected, and the
    /// course's own, stay out.
    Unclean,
    /// All of them: a private build, seen by the student and the teacher only.
    Copied,
}

/// What search engines may index (`noindex`, robots.txt, sitemap.xml).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Indexing {
    /// Nothing: a private build.
    Never,
    /// Course pages, not students' pages.
    CoursePages,
    /// Every page (`privacy.index_student_pages`).
    Everything,
}

impl Policy {
    /// The policy of a build of `course` for `audience`.
    pub fn of(audience: &Audience, course: &Course) -> Policy {
        Policy::new(audience, &course.config.privacy, &course.config.media)
    }

    pub fn new(audience: &Audience, privacy: &Privacy, media: &MediaConfig) -> Policy {
        let teacher = *audience == Audience::Teacher;
        let students = match audience {
            Audience::Public => Students::Published,
            Audience::Teacher => Students::All,
            Audience::Student(id) => Students::One(id.clone()),
        };
        let public = students == Students::Published;
        Policy {
            name: audience.name(),
            private_evidence: !public,
            names: if public {
                privacy.names
            } else {
                NameStyle::Full
            },
            scores: !public || privacy.show_scores_public,
            class_pages: teacher,
            teacher_notes: teacher,
            readiness: !public,
            consent: public,
            teacher_contacts: teacher,
            drafts: teacher,
            originals: teacher || media.link_originals,
            uncleaned: match (public, media.publish_uncleaned) {
                (false, _) => Uncleaned::Copied,
                (true, true) => Uncleaned::Unclean,
                (true, false) => Uncleaned::LeftOut,
            },
            indexing: match (public, privacy.index_student_pages) {
                (false, _) => Indexing::Never,
                (true, false) => Indexing::CoursePages,
                (true, true) => Indexing::Everything,
            },
            students,
        }
    }

    /// The student a one-student build is for.
    pub fn student(&self) -> Option<&str> {
        match &self.students {
            Students::One(id) => Some(id),
            Students::All | Students::Published => None,
        }
    }

    /// Whether students' pages may be indexed (else they say `noindex`).
    pub fn indexes_student_pages(&self) -> bool {
        self.indexing == Indexing::Everything
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A row of the table: its name, and its cell for one policy.
    type Row = (&'static str, fn(&Policy) -> String);

    /// The policies of the three audiences as a table: one row per field, one
    /// column per audience.
    fn table(privacy: &Privacy, media: &MediaConfig) -> String {
        let policies = [
            Audience::Public,
            Audience::Teacher,
            Audience::Student("ada".into()),
        ]
        .map(|a| Policy::new(&a, privacy, media));
        let rows: [Row; 15] = [
            ("name", |p| p.name.into()),
            ("students", |p| format!("{:?}", p.students)),
            ("private evidence", |p| yes(p.private_evidence)),
            ("names", |p| format!("{:?}", p.names)),
            ("scores", |p| yes(p.scores)),
            ("class pages", |p| yes(p.class_pages)),
            ("teacher notes", |p| yes(p.teacher_notes)),
            ("readiness", |p| yes(p.readiness)),
            ("consent", |p| yes(p.consent)),
            ("teacher contacts", |p| yes(p.teacher_contacts)),
            ("drafts", |p| yes(p.drafts)),
            ("originals", |p| yes(p.originals)),
            ("uncleaned", |p| format!("{:?}", p.uncleaned)),
            ("indexing", |p| format!("{:?}", p.indexing)),
            ("student", |p| p.student().unwrap_or("-").into()),
        ];
        let mut out = String::new();
        for (what, cell) in rows {
            let cells: Vec<String> = policies
                .iter()
                .map(|p| format!("{:<20}", cell(p)))
                .collect();
            out.push_str(&format!("| {what:<16} | {} |\n", cells.join(" | ")));
        }
        out
    }

    fn yes(b: bool) -> String {
        if b { "yes" } else { "no" }.into()
    }

    #[test]
    fn the_policy_of_each_audience_with_default_settings() {
        let privacy = Privacy {
            names: NameStyle::FirstNameLastInitial,
            show_scores_public: false,
            index_student_pages: false,
        };
        assert_eq!(
            table(&privacy, &MediaConfig::default()),
            "\
| name             | public               | teacher              | student              |
| students         | Published            | All                  | One(\"ada\")           |
| private evidence | no                   | yes                  | yes                  |
| names            | FirstNameLastInitial | Full                 | Full                 |
| scores           | no                   | yes                  | yes                  |
| class pages      | no                   | yes                  | no                   |
| teacher notes    | no                   | yes                  | no                   |
| readiness        | no                   | yes                  | yes                  |
| consent          | yes                  | no                   | no                   |
| teacher contacts | no                   | yes                  | no                   |
| drafts           | no                   | yes                  | no                   |
| originals        | no                   | yes                  | no                   |
| uncleaned        | LeftOut              | Copied               | Copied               |
| indexing         | CoursePages          | Never                | Never                |
| student          | -                    | -                    | ada                  |
"
        );
    }

    /// The course's settings open the public site only: the private builds show
    /// everything already.
    #[test]
    fn the_policy_of_each_audience_with_every_setting_opened() {
        let privacy = Privacy {
            names: NameStyle::Pseudonym,
            show_scores_public: true,
            index_student_pages: true,
        };
        let media = MediaConfig {
            link_originals: true,
            publish_uncleaned: true,
            ..MediaConfig::default()
        };
        assert_eq!(
            table(&privacy, &media),
            "\
| name             | public               | teacher              | student              |
| students         | Published            | All                  | One(\"ada\")           |
| private evidence | no                   | yes                  | yes                  |
| names            | Pseudonym            | Full                 | Full                 |
| scores           | yes                  | yes                  | yes                  |
| class pages      | no                   | yes                  | no                   |
| teacher notes    | no                   | yes                  | no                   |
| readiness        | no                   | yes                  | yes                  |
| consent          | yes                  | no                   | no                   |
| teacher contacts | no                   | yes                  | no                   |
| drafts           | no                   | yes                  | no                   |
| originals        | yes                  | yes                  | yes                  |
| uncleaned        | Unclean              | Copied               | Copied               |
| indexing         | Everything           | Never                | Never                |
| student          | -                    | -                    | ada                  |
"
        );
    }
}
