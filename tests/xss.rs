//! Untrusted content: known XSS payloads (from the OWASP XSS filter-evasion cheat
//! sheet and similar lists) go through every field a student controls; no built
//! page may run them. Pages are read with the harness's attribute scanner.

mod common;

use std::collections::BTreeSet;

use common::*;

/// Payloads, each one line. Those without `/` also serve as file names.
const PAYLOADS: &[&str] = &[
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    r#"<a href="javascript:alert(1)">js</a>"#,
    r#"<a href="JaVaScRiPt:alert(1)">mixed case</a>"#,
    r#"<a href="jav&#x09;ascript:alert(1)">tab entity</a>"#,
    r#"<a href="jav&#x0A;ascript:alert(1)">newline entity</a>"#,
    r#"<a href="jav	ascript:alert(1)">raw tab</a>"#,
    r#"<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">decimal entities</a>"#,
    r#"<a href="&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1)">hex entities</a>"#,
    r#"<a href=" javascript:alert(1)">leading space</a>"#,
    r#"<a href="vbscript:msgbox(1)">vb</a>"#,
    r#"<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data</a>"#,
    r#"<iframe src="https://evil.example/"></iframe>"#,
    r#"<iframe srcdoc="<script>alert(1)</script>"></iframe>"#,
    r#"<object data="javascript:alert(1)"></object>"#,
    r#"<embed src="data:text/html,<script>alert(1)</script>">"#,
    "<style>body{background:expression(alert(1))}</style>",
    r#"<div style="width:expression(alert(1))">styled</div>"#,
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    r#"<svg><a xlink:href="javascript:alert(1)"><text>svg link</text></a></svg>"#,
    r#"<meta http-equiv="refresh" content="0;url=javascript:alert(1)">"#,
    r#"<base href="javascript:alert(1)//">"#,
    r#"<form action="javascript:alert(1)"><input type=submit></form>"#,
    r#"<button formaction="javascript:alert(1)">button</button>"#,
    "<details open ontoggle=alert(1)>",
    r#""><script>alert(1)</script>"#,
    "'><img src=x onerror=alert(1)>",
    "{{ 7*7 }}",
    "{% raw %}{{ 7*7 }}{% endraw %}",
    "<body onload=alert(1)>",
    "<input autofocus onfocus=alert(1)>",
    "<video><source onerror=alert(1)></video>",
    "<IMG SRC=JaVaScRiPt:alert('XSS')>",
    "<IMG SRC=`javascript:alert(\"RSnake says, 'XSS'\")`>",
    "<<SCRIPT>alert(\"XSS\");//<</SCRIPT>",
    "<scr<script>ipt>alert(1)</script>",
    "[md link](javascript:alert(1))",
    "[md link upper](JAVASCRIPT:alert(1))",
    "![md image](javascript:alert(1))",
    "[md data](data:text/html,<script>alert(1)</script>)",
    "<link rel=import href=data:text/html,x>",
    "<marquee onstart=alert(1)>",
    "<x onclick=alert(1)>click</x>",
    "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
    r#"<noscript><p title="</noscript><img src=x onerror=alert(1)>">"#,
    r#"<frameset><frame src="javascript:alert(1)">"#,
];

/// A YAML single-quoted scalar.
fn yq(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

fn yaml_list(items: &[&str]) -> String {
    format!(
        "[{}]",
        items.iter().map(|s| yq(s)).collect::<Vec<_>>().join(", ")
    )
}

/// A course whose student puts a payload in every field a student controls.
fn hostile_course() -> Course {
    let course = Course::from_files(&[
        (
            "course.yaml",
            "title: XSS Course\nbase_url: /xss/\nprivacy:\n  names: pseudonym\n  show_scores_public: true\n",
        ),
        (
            "standards.yaml",
            "- code: X-1\n  statement: A standard.\n  student: I can.\n",
        ),
    ]);
    let all = PAYLOADS.join("\n\n");
    course.write(
        "students/ada/profile.md",
        &format!(
            "---\nname: {}\npseudonym: {}\npublish: true\ninterests: {}\nstrengths: {}\ngoals: {}\nextra: {{ bio: {} }}\n---\n{all}\n",
            yq("<script>alert(1)</script> Ada \"><img src=x onerror=alert(1)>"),
            yq("\"><svg onload=alert(1)> Comet"),
            yaml_list(&PAYLOADS[..16]),
            yaml_list(&PAYLOADS[16..32]),
            yaml_list(&PAYLOADS[32..]),
            yq(PAYLOADS[1]),
        ),
    );
    for (i, p) in PAYLOADS.iter().enumerate() {
        let link = format!("https://example.org/{p}");
        course.write(
            &format!("students/ada/evidence/e{i:02}.md"),
            &format!(
                "---\ntitle: {}\ndate: 2026-09-{:02}\nfeatured: true\nlinks:\n  - {{ title: {}, url: {} }}\nextra: {{ note: {} }}\n---\n{p}\n\nPlain words then {p} inline.\n",
                yq(p),
                i % 28 + 1,
                yq(p),
                yq(&link),
                yq(p)
            ),
        );
    }
    // File names (and their alt text and captions) written by the student.
    let names: Vec<&str> = PAYLOADS
        .iter()
        .copied()
        .filter(|p| !p.contains('/'))
        .collect();
    let mut files = Vec::new();
    for (i, name) in names.iter().enumerate() {
        let file = format!("{name}.txt");
        course.write(&format!("students/ada/evidence/files/{file}"), "a file\n");
        files.push(format!(
            "  - {{ file: {}, alt: {}, caption: {} }}",
            yq(&file),
            yq(names[(i + 1) % names.len()]),
            yq(names[(i + 2) % names.len()])
        ));
    }
    course.write(
        "students/ada/evidence/files/index.md",
        &format!(
            "---\ntitle: {}\ndate: 2026-10-01\nfiles:\n{}\n---\n{all}\n",
            yq(PAYLOADS[0]),
            files.join("\n")
        ),
    );
    course
}

/// Attributes whose value is a URL a browser may load or navigate to.
const URL_ATTRS: [&str; 10] = [
    "href",
    "src",
    "action",
    "formaction",
    "xlink:href",
    "data",
    "poster",
    "background",
    "cite",
    "srcset",
];

const BANNED_TAGS: [&str; 7] = [
    "iframe", "frame", "frameset", "object", "embed", "base", "applet",
];

/// The problems of one page.
fn problems(site: &Output, page: &str) -> Vec<String> {
    let html = site.text(page);
    let mut out = Vec::new();
    for tag in tags(&html) {
        let n = tag.name.as_str();
        if BANNED_TAGS.contains(&n) || n == "style" {
            out.push(format!("{page}: <{n}>"));
        }
        if n == "meta" && tag.attr("http-equiv").is_some() {
            out.push(format!("{page}: <meta http-equiv>"));
        }
        if n == "script" && !theme_script(site, page, &tag) {
            out.push(format!("{page}: a script the theme did not write: {tag:?}"));
        }
        for (name, value) in &tag.attrs {
            if name.starts_with("on") {
                out.push(format!("{page}: event handler {name}={value:?} on <{n}>"));
            }
            if name == "style" && value.to_lowercase().contains("expression") {
                out.push(format!("{page}: style {value:?}"));
            }
            if URL_ATTRS.contains(&name.as_str()) && dangerous_url(value) {
                out.push(format!("{page}: {name}={value:?} on <{n}>"));
            }
        }
    }
    out
}

/// The theme's own scripts: the inline base-path script of 404.html, and scripts
/// loaded from files the build itself wrote (`assets/`, `search/`).
fn theme_script(site: &Output, page: &str, tag: &Tag) -> bool {
    match tag.attr("src") {
        None => page == "404.html",
        Some(src) => {
            let root = "../".repeat(page.matches('/').count());
            let rel = src.strip_prefix(root.as_str()).unwrap_or(src);
            (rel.starts_with("assets/") || rel.starts_with("search/"))
                && rel.ends_with(".js")
                && site.has(rel)
        }
    }
}

/// A URL that runs code or renders HTML when followed. Browsers drop ASCII
/// whitespace and control characters inside the scheme, and ignore case.
fn dangerous_url(value: &str) -> bool {
    let squashed: String = value
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_ascii_control())
        .collect::<String>()
        .to_ascii_lowercase();
    ["javascript:", "vbscript:", "data:text/html", "livescript:"]
        .iter()
        .any(|s| squashed.starts_with(s))
        || (squashed.starts_with("data:") && !squashed.starts_with("data:image/"))
}

#[test]
fn the_scanner_sees_what_it_must() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("x.html"),
        r#"<a href="jav&#x09;ascript:x()">a</a><img src=x onerror=y><iframe></iframe><meta http-equiv=refresh><script>1</script><p>&lt;script&gt; is text</p>"#,
    )
    .unwrap();
    let site = Output::at(dir.path());
    let p = problems(&site, "x.html");
    assert_eq!(p.len(), 5, "{p:#?}");
    assert!(dangerous_url(" JaVa\tScRiPt:alert(1)"));
    assert!(dangerous_url("data:text/html;base64,xx"));
    assert!(!dangerous_url("https://example.org/javascript:x"));
    assert!(!dangerous_url("../evidence/a%20b/index.html"));
}

#[test]
fn student_payloads_never_run_in_any_audience() {
    assert!(PAYLOADS.len() >= 30);
    let course = hostile_course();
    let builds = [
        ("public", vec![]),
        ("teacher", vec!["--audience", "teacher"]),
        ("student", vec!["--audience", "student", "--student", "ada"]),
    ];
    for (out, args) in builds {
        let site = course.build_ok(out, &args);
        let pages: Vec<String> = site
            .files()
            .into_iter()
            .filter(|f| f.ends_with(".html"))
            .collect();
        let mut all = Vec::new();
        for page in &pages {
            all.extend(problems(&site, page));
        }
        assert!(
            all.is_empty(),
            "{out}: {} problem(s):\n{}",
            all.len(),
            all.join("\n")
        );
        // Every evidence page was written, with its hostile title shown as text.
        let evidence: BTreeSet<&String> = pages
            .iter()
            .filter(|p| p.contains("/evidence/") && p.ends_with("/index.html"))
            .collect();
        assert_eq!(evidence.len(), PAYLOADS.len() + 1, "{out}: {evidence:?}");
        let first = site.plain("students/ada/evidence/e00/index.html");
        assert!(
            first.contains("<script>alert(1)</script>"),
            "{out}: {first}"
        );
        // Template syntax in student text stays text: nothing evaluates it.
        let t = site.plain("students/ada/evidence/e29/index.html");
        assert!(t.contains("{{ 7*7 }}") && !t.contains("49"), "{out}: {t}");
        let raw = site.plain("students/ada/evidence/e30/index.html");
        assert!(
            raw.contains("{% raw %}{{ 7*7 }}{% endraw %}"),
            "{out}: {raw}"
        );
        // The hostile file names are there, under their own names, and linked.
        // (Links the student wrote to nowhere, such as `<img src=x>`, stay broken: a
        // student's own mistake, not a script.)
        assert!(
            site.has("students/ada/evidence/files/{{ 7*7 }}.txt"),
            "{out}"
        );
        let files_page = site.text("students/ada/evidence/files/index.html");
        let linked = tags(&files_page).iter().any(|t| {
            t.name == "a"
                && t.attr("href")
                    .and_then(percent_decode)
                    .is_some_and(|h| h.ends_with("/files/{{ 7*7 }}.txt"))
        });
        assert!(linked, "{out}: no link to the file `{{{{ 7*7 }}}}.txt`");
    }
}

/// `| safe` prints HTML as it is; the theme may use it only on `_html` fields,
/// which the renderer sanitizes.
#[test]
fn the_theme_marks_only_html_fields_safe() {
    let dir = manifest_dir().join("themes/default/templates");
    let mut checked = 0;
    for path in walk(&dir) {
        let text = std::fs::read_to_string(&path).unwrap();
        for (i, _) in text.match_indices("safe") {
            let before = text[..i].trim_end();
            let Some(expr) = before.strip_suffix('|') else {
                continue;
            };
            let open = expr.rfind("{{").expect("`| safe` outside {{ }}");
            let field = expr[open + 2..].trim();
            assert!(
                field.ends_with("_html") && !field.contains(['|', '(', '~', '+']),
                "{}: `{field} | safe` prints a field that is not sanitized HTML",
                path.display()
            );
            checked += 1;
        }
    }
    assert!(checked >= 5, "found only {checked} uses of `| safe`");
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}
