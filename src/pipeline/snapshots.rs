//! The theming contract, held still: the template variables each page kind gets
//! (docs/theming.md), as JSON snapshots of one page of each kind of the example
//! course, in the teacher's build and, where the audience changes what a page
//! holds, the public one. A change to a view shows up here as a snapshot diff, to
//! be accepted on purpose (`cargo insta review`, or `INSTA_UPDATE=always`). It lives in `pipeline`
//! because it runs the whole chain up to rendering together
//! with the docs.

use std::collections::BTreeMap;
use std::path::PathBuf;

use super::{BuildOptions, prepare};
use crate::audience::Audience;
use crate::render::{Memory, Renderer, job};

/// Every page's variables of the example course for `audience`, by path.
fn contexts(audience: Audience) -> (BTreeMap<String, serde_json::Value>, Vec<(String, String)>) {
    let opts = BuildOptions {
        dir: PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("example-course"),
        out: None,
        audience,
        base_url: None,
        force: false,
        strict: false,
        today: None,
    };
    let _dry = crate::media::dry_run();
    let p = prepare(&opts, &mut |_| {}, None).expect("the example course builds");
    let r = Renderer::new(&p.course, &p.policy, &p.computed).expect("its templates load");
    let jobs = job::list(&p.course, &p.policy);
    r.render(&jobs, &Memory).expect("its pages render");
    let kinds = jobs
        .iter()
        .map(|j| (j.kind().name().to_string(), j.path(&p.course)))
        .collect();
    let captured = std::mem::take(&mut *r.captured.lock().unwrap());
    (captured.into_iter().collect(), kinds)
}

/// One page of each kind: the first the site lists.
fn first_of_each_kind(
    all: &BTreeMap<String, serde_json::Value>,
    kinds: &[(String, String)],
) -> BTreeMap<String, serde_json::Value> {
    let mut out = BTreeMap::new();
    for (kind, path) in kinds {
        if !out.contains_key(kind)
            && let Some(v) = all.get(path)
        {
            out.insert(kind.clone(), v.clone());
        }
    }
    out
}

#[test]
fn every_page_kind_gets_the_variables_docs_theming_lists() {
    let (teacher, kinds) = contexts(Audience::Teacher);
    let pages = first_of_each_kind(&teacher, &kinds);
    // Every kind of page the teacher's build has is held still, 404 included.
    for kind in [
        "index",
        "unit",
        "playlist",
        "rubric",
        "students",
        "portfolio",
        "evidence",
        "progress",
        "mastery",
        "class",
        "to_grade",
        "print",
        "search",
        "404",
        "standards",
    ] {
        assert!(
            pages.contains_key(kind),
            "no {kind} page in the teacher build"
        );
    }
    for (kind, vars) in &pages {
        insta::assert_json_snapshot!(format!("teacher-{kind}"), vars);
    }
    let (public, kinds) = contexts(Audience::Public);
    let pages = first_of_each_kind(&public, &kinds);
    for kind in ["index", "students", "portfolio", "evidence"] {
        insta::assert_json_snapshot!(format!("public-{kind}"), pages[kind]);
    }
}
