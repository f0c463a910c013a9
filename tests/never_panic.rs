//! Property tests: the parsers that see a user's raw text never panic, whatever the
//! bytes. A few hundred cases each keep `cargo test` fast; the cargo-fuzz targets in
//! `fuzz/` (docs/fuzzing.md) run the same properties for as long as you like.

use std::path::Path;

use pathfolio::load::raw::*;
use pathfolio::load::{frontmatter, source, yaml};
use pathfolio::markdown;
use proptest::prelude::*;
use serde_saphyr::Spanned;

/// Pieces of front matter, YAML and Markdown, so that random text often looks like
/// a real file and reaches the deeper parts of each parser.
const PIECES: &[&str] = &[
    "---\n",
    "...\n",
    "\n",
    "  ",
    "\t",
    "- ",
    ": ",
    "title: x\n",
    "id: a\n",
    "items:\n",
    "  - id: b\n",
    "[",
    "]",
    "{",
    "}",
    ", ",
    "&a ",
    "*a",
    "<<: *a\n",
    "!!str ",
    "'",
    "\"",
    "#",
    "|\n",
    ">\n",
    "? ",
    "2026-02-30",
    "3.5",
    "-1",
    ".nan",
    "~",
    "\u{feff}",
    "\r\n",
    "é",
    "🎨",
    "\u{0}",
    "> ",
    "* ",
    "1. ",
    "```",
    "<script>",
    "<img src=x onerror=y>",
    "[a](javascript:x)",
    "![i](",
    "](",
    "**",
    "_",
    "`",
    "| a | b |\n|---|---|\n",
    "[^1]",
    "[^1]: n\n",
    "<!--",
    "-->",
    "&amp;",
    "&#x",
    "\\",
    "# ",
    "{#id}",
    "- [x] ",
];

fn text_like() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        prop::collection::vec(any::<u8>(), 0..512)
            .prop_map(|b| String::from_utf8_lossy(&b).into_owned()),
        prop::collection::vec(prop::sample::select(PIECES), 0..64).prop_map(|p| p.concat()),
    ]
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 256,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn frontmatter_split_never_panics(text in text_like()) {
        let text = source::normalize(&text);
        if let Ok(s) = frontmatter::split(Path::new("x.md"), &text) {
            prop_assert!(s.yaml.len() + s.body.len() <= text.len());
            prop_assert!(frontmatter::body_line(&text, s.body) >= 1);
        }
    }

    #[test]
    fn yaml_parse_never_panics(text in text_like(), which in 0u8..8) {
        let p = Path::new("x.yaml");
        let err = match which {
            0 => yaml::parse::<RawCourse>(p, &text, 1).err(),
            1 => yaml::parse::<Vec<Spanned<RawStandard>>>(p, &text, 1).err(),
            2 => yaml::parse::<RawUnit>(p, &text, 2).err(),
            3 => yaml::parse::<RawPlaylist>(p, &text, 2).err(),
            4 => yaml::parse::<RawRubric>(p, &text, 2).err(),
            5 => yaml::parse::<RawProfile>(p, &text, 2).err(),
            6 => yaml::parse::<RawEvidence>(p, &text, 2).err(),
            _ => yaml::parse::<Vec<Spanned<RawAssessment>>>(p, &text, 1).err(),
        };
        if let Some(d) = err {
            // Every problem has a hint, and any place it names is in the file.
            prop_assert!(d.pos.is_none_or(|p| p.line >= 1 && p.column >= 1));
            prop_assert!(d.hint.is_some(), "{d}");
        }
    }

    #[test]
    fn markdown_never_panics_nor_lets_script_through(text in text_like()) {
        let html = markdown::to_html(&text, 2);
        prop_assert!(!html.to_ascii_lowercase().contains("<script"), "{html}");
        let _ = markdown::excerpt(&text, 160);
    }
}
