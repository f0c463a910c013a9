//! Stage 4: who a build is for, and what that audience may see (SPEC §4).
//!
//! Visibility is decided here and only here. [`Policy::new`] turns an [`Audience`]
//! and the course's `privacy:` and `media:` settings into plain answers (are scores
//! shown, which students, are originals linked, may search engines index …), once
//! per build. [`filter`] then removes from the model everything the policy leaves
//! out, so no template, index or copied file can show a private field: it is no
//! longer there. Render and media read the same [`Policy`] for what is not a part
//! of the model (class pages, `noindex`, which media files go out); they never ask
//! which audience it is.

mod filter;
mod policy;

pub use filter::{display_name, filter, published};
pub use policy::{Indexing, Policy, Students, Uncleaned};

/// Who a build is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Audience {
    Public,
    Teacher,
    /// One student, by id.
    Student(String),
}

impl Audience {
    /// The audience in one word: `public`, `teacher` or `student`. Themes read it as
    /// `site.audience` (the banner, the `audience-…` class of `<body>`).
    pub fn name(&self) -> &'static str {
        match self {
            Audience::Public => "public",
            Audience::Teacher => "teacher",
            Audience::Student(_) => "student",
        }
    }

    /// The default output folder of the audience's build, relative to the course
    /// folder: only the public site goes where a publishing workflow picks it up.
    pub fn default_out(&self) -> std::path::PathBuf {
        match self {
            Audience::Public => "public".into(),
            Audience::Teacher => "private/teacher".into(),
            Audience::Student(id) => std::path::Path::new("private/students").join(id),
        }
    }

    /// The build in words, for people: "the public site", "the teacher view", "the
    /// student view of ada-l" (serve's banner and its terminal line).
    pub fn label(&self) -> String {
        match self {
            Audience::Public => format!("the {} site", self.name()),
            Audience::Teacher => format!("the {} view", self.name()),
            Audience::Student(id) => format!("the {} view of {id}", self.name()),
        }
    }

    /// The student a student build is for.
    pub fn student(&self) -> Option<&str> {
        match self {
            Audience::Student(id) => Some(id),
            Audience::Public | Audience::Teacher => None,
        }
    }
}
