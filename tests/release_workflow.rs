//! The release workflow (`.github/workflows/release.yml`), the Pages workflow that
//! `pathfolio init` writes, and README's install lines agree: the release builds
//! every platform a teacher may use and publishes SHA256SUMS; `init`'s workflow
//! downloads one of those files, of the very version and repository that ran
//! `init`, and checks it; README's lines name files the release makes. None of this
//! can run here (no network); `.ci/run` lints the workflows with actionlint.

mod common;

use std::collections::BTreeSet;

use common::*;
use serde_json::Value;

fn release() -> (String, Value) {
    let text = std::fs::read_to_string(manifest_dir().join(".github/workflows/release.yml"))
        .expect("read release.yml");
    let yaml = serde_saphyr::from_str(&text).expect("release.yml is YAML");
    (text, yaml)
}

/// The file names of a release's assets: one archive per target, and SHA256SUMS.
fn assets(release: &Value) -> BTreeSet<String> {
    let include = release["jobs"]["build"]["strategy"]["matrix"]["include"]
        .as_array()
        .expect("a matrix of targets");
    let mut names: BTreeSet<String> = include
        .iter()
        .map(|t| {
            format!(
                "pathfolio-{}.{}",
                t["target"].as_str().expect("target"),
                t["archive"].as_str().expect("archive")
            )
        })
        .collect();
    names.insert("SHA256SUMS".into());
    names
}

#[test]
fn the_release_builds_every_platform_on_a_version_tag_with_checksums() {
    let (text, release) = release();
    let tags = release["on"]["push"]["tags"][0]
        .as_str()
        .expect("on: push: tags");
    assert!(tags.starts_with('v'), "{tags}");
    let assets = assets(&release);
    for target in [
        "pathfolio-x86_64-unknown-linux-musl.tar.gz",
        "pathfolio-aarch64-unknown-linux-musl.tar.gz",
        "pathfolio-x86_64-apple-darwin.tar.gz",
        "pathfolio-aarch64-apple-darwin.tar.gz",
        "pathfolio-x86_64-pc-windows-msvc.zip",
    ] {
        assert!(assets.contains(target), "{target} missing from {assets:?}");
    }
    // The checksums cover every archive, in `sha256sum --check` format, and the
    // tag must be Cargo.toml's version (what `init`'s workflow asks for).
    assert!(
        text.contains("sha256sum -- pathfolio-* > SHA256SUMS"),
        "{text}"
    );
    assert!(
        text.contains(r#""v$version" != "$GITHUB_REF_NAME""#),
        "{text}"
    );
    assert!(text.contains("--locked"), "{text}");
}

#[test]
fn init_writes_a_workflow_that_downloads_and_checks_its_own_release() {
    let course = Course::empty();
    course.run(&["init", "."]).success();
    let text = course.read(".github/workflows/pages.yml");
    let workflow: Value = serde_saphyr::from_str(&text).expect("the workflow is YAML");
    assert!(
        !text.contains("@PATHFOLIO") && !text.contains("OWNER/"),
        "nothing is left to fill in by hand:\n{text}"
    );
    assert!(
        !text.contains("cargo install"),
        "it does not compile:\n{text}"
    );
    let env = &workflow["env"];
    assert_eq!(env["PATHFOLIO_VERSION"], env!("CARGO_PKG_VERSION"));
    let repository = env!("CARGO_PKG_REPOSITORY");
    assert!(
        repository.starts_with("https://github.com/"),
        "{repository}"
    );
    assert_eq!(
        env["PATHFOLIO_RELEASES"].as_str(),
        Some(format!("{repository}/releases/download").as_str())
    );
    let archive = env["PATHFOLIO_ARCHIVE"]
        .as_str()
        .expect("PATHFOLIO_ARCHIVE");
    assert_eq!(archive, "pathfolio-x86_64-unknown-linux-musl.tar.gz");
    let (_, release) = release();
    assert!(assets(&release).contains(archive));

    let install = workflow["jobs"]["build"]["steps"]
        .as_array()
        .expect("steps")
        .iter()
        .filter_map(|s| s["run"].as_str())
        .find(|r| r.contains("curl"))
        .expect("a step downloads pathfolio");
    for part in [
        r#""$PATHFOLIO_RELEASES/v$PATHFOLIO_VERSION""#,
        r#""$url/$PATHFOLIO_ARCHIVE""#,
        r#""$url/SHA256SUMS""#,
        "sha256sum --check --strict",
    ] {
        assert!(install.contains(part), "{part} missing from:\n{install}");
    }
    // The checksum is checked before the archive is unpacked.
    assert!(install.find("sha256sum").unwrap() < install.find("tar ").unwrap());
}

#[test]
fn the_readme_installs_from_the_release_on_every_platform() {
    let readme = std::fs::read_to_string(manifest_dir().join("README.md")).expect("README");
    let (_, release) = release();
    let base = format!("{}/releases/latest/download/", env!("CARGO_PKG_REPOSITORY"));
    let named: BTreeSet<String> = readme
        .match_indices(&base)
        .map(|(i, _)| {
            readme[i + base.len()..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || "-_.".contains(*c))
                .collect()
        })
        .collect();
    let assets = assets(&release);
    for name in &named {
        assert!(
            assets.contains(name),
            "README names {name}, which no release has"
        );
    }
    for asset in &assets {
        assert!(
            named.contains(asset),
            "README has no install line for {asset}"
        );
    }
    assert!(
        readme.contains("cargo install"),
        "developers keep cargo install"
    );
}
