//! The fixed lists of SPEC §2.4 as enums: item kinds (also the modalities a student
//! may prefer) and readiness levels. Files and templates spell them as lowercase words.

/// An enum of unit variants, each with the word that names it in files and pages.
macro_rules! named {
    ($(#[$doc:meta])* $name:ident { $($variant:ident = $word:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name {
            $($variant),+
        }

        impl $name {
            /// Every value, in the SPEC's order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// Their words, in the same order.
            pub const NAMES: &'static [&'static str] = &[$($word),+];

            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $word),+
                }
            }

            pub fn from_name(word: &str) -> Option<$name> {
                match word {
                    $($word => Some($name::$variant),)+
                    _ => None,
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

named! {
    /// What a playlist item asks the student to do. The same words name the ways of
    /// learning a student `prefers` (their modalities).
    ItemKind {
        Watch = "watch",
        Read = "read",
        Listen = "listen",
        Practice = "practice",
        Create = "create",
        Discuss = "discuss",
        Checkpoint = "checkpoint",
        Offline = "offline",
    }
}

named! {
    /// How ready a student is; an item may suit some levels only.
    Readiness {
        Approaching = "approaching",
        Meeting = "meeting",
        Exceeding = "exceeding",
    }
}

named! {
    /// Who gave a consent on record.
    ConsentBy {
        Guardian = "guardian",
        Student = "student",
        School = "school",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for k in ItemKind::ALL {
            assert_eq!(ItemKind::from_name(k.as_str()), Some(*k));
        }
        for r in Readiness::ALL {
            assert_eq!(Readiness::from_name(r.as_str()), Some(*r));
        }
        assert_eq!(ItemKind::NAMES.len(), ItemKind::ALL.len());
        assert_eq!(ItemKind::from_name("Watch"), None);
    }
}
