//! Tests of the test harness itself: the HTML scanner, the diagnostics parser and
//! the link checker must find what they are meant to find, or the other tests prove
//! nothing.

mod common;

use common::*;

#[test]
fn scanner_reads_attributes() {
    let t = tags(
        r#"<!-- <a href="x"> --><A HREF='a&amp;b.html' data-x=1 hidden><img src=x.png alt="a > b"><script>var s = "<a href='no'>";</script><p id="z">"#,
    );
    let names: Vec<&str> = t.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["a", "img", "script", "p"]);
    assert_eq!(t[0].attr("href"), Some("a&b.html"));
    assert_eq!(t[0].attr("hidden"), Some(""));
    assert_eq!(t[1].attr("alt"), Some("a > b"));
    assert_eq!(t[3].attr("id"), Some("z"));
}

#[test]
fn diagnostics_are_parsed() {
    let d = parse_diagnostics(
        "units/a b.md:4:12: unknown standard `X`\n  hint: did you mean `Y`?\n1 error, 0 warnings\n",
    );
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].path, "units/a b.md");
    assert_eq!((d[0].line, d[0].column), (Some(4), Some(12)));
    assert_eq!(d[0].hint.as_deref(), Some("did you mean `Y`?"));
}

#[test]
fn diagnostics_without_a_line_are_parsed() {
    let d = parse_diagnostics(
        "In units/e.md: 1 error\nunits/e.md: this file is empty\n  hint: delete it\nerror: no such folder\n1 error, 0 warnings; nothing was written.\n",
    );
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(
        (d[0].path.as_str(), d[0].line, d[0].column),
        ("units/e.md", None, None)
    );
    assert_eq!(d[0].message, "this file is empty");
    assert_eq!(d[0].hint.as_deref(), Some("delete it"));
    assert_eq!(
        d[0].to_string(),
        "units/e.md: this file is empty\n  hint: delete it"
    );
}

#[test]
fn link_checker_finds_problems() {
    let dir = tempfile::tempdir().unwrap();
    let w = |p: &str, t: &str| {
        let path = dir.path().join(p);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, t).unwrap();
    };
    w(
        "index.html",
        r##"<a href="a/index.html#x">ok</a><a href="a/">dir</a><a href="#nope">x</a><a href="https://e.org/">ext</a><img srcset="z%20b.png 1x, missing.png 2x"><a href="../up.html">up</a><a href="/abs.html">abs</a><a href="javascript:x()">js</a>"##,
    );
    w("a/index.html", r#"<h1 id="x">x</h1>"#);
    w("z b.png", "");
    let p = check_links(dir.path());
    assert_eq!(p.len(), 6, "{p:#?}");
    for (problem, needle) in p.iter().zip([
        "a/\"",
        "#nope",
        "missing.png",
        "../up.html",
        "/abs.html",
        "javascript",
    ]) {
        assert!(problem.contains(needle), "{problem} vs {needle}");
    }
}
