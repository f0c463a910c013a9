//! `pathfolio import case`: standards from a 1EdTech CASE package into standards.yaml.
//!
//! A CASE package is JSON with a `CFDocument`, its `CFItems` (standards carry a
//! `humanCodingScheme` code and a `fullStatement`) and `CFAssociations`; an
//! `isChildOf` association from a standard to an item without a code gives the
//! standard its `group` heading.

use std::collections::HashMap;
use std::path::Path;

use serde::Deserialize;

use crate::diag::{Diagnostic, Pos};

#[derive(Debug, Deserialize)]
struct Package {
    #[serde(rename = "CFDocument")]
    document: Option<Document>,
    #[serde(rename = "CFItems", default)]
    items: Vec<Item>,
    #[serde(rename = "CFAssociations", default)]
    associations: Vec<Association>,
}

#[derive(Debug, Deserialize)]
struct Document {
    #[serde(default)]
    title: String,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Item {
    identifier: String,
    #[serde(default)]
    full_statement: String,
    human_coding_scheme: Option<String>,
    abbreviated_statement: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Association {
    association_type: String,
    #[serde(rename = "originNodeURI")]
    origin: NodeRef,
    #[serde(rename = "destinationNodeURI")]
    destination: NodeRef,
    sequence_number: Option<i64>,
}

#[derive(Debug, Deserialize)]
struct NodeRef {
    identifier: String,
}

/// One standard read from a package.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedStandard {
    pub code: String,
    pub statement: String,
    pub group: String,
}

/// Reads the standards of a CASE package: the items that have a code, in the order of
/// their `isChildOf` sequence numbers where given, else in the package's order.
pub fn read(path: &Path, json: &str) -> Result<(String, Vec<ImportedStandard>), Diagnostic> {
    let package: Package = serde_json::from_str(json).map_err(|e| {
        Diagnostic::error(
            path,
            Pos::new(e.line() as u32, e.column() as u32),
            format!("this is not a CASE package: {e}"),
        )
        .with_hint("export the framework from a CASE provider as a JSON package (CFPackage)")
    })?;
    let by_id: HashMap<&str, &Item> = package
        .items
        .iter()
        .map(|i| (i.identifier.as_str(), i))
        .collect();
    let mut parent: HashMap<&str, (&str, i64)> = HashMap::new();
    for a in &package.associations {
        if a.association_type == "isChildOf" {
            parent.insert(
                a.origin.identifier.as_str(),
                (
                    a.destination.identifier.as_str(),
                    a.sequence_number.unwrap_or(i64::MAX),
                ),
            );
        }
    }
    let mut out: Vec<(i64, usize, ImportedStandard)> = Vec::new();
    for (index, item) in package.items.iter().enumerate() {
        let Some(code) = item
            .human_coding_scheme
            .as_deref()
            .map(str::trim)
            .filter(|c| !c.is_empty())
        else {
            continue;
        };
        let statement = if item.full_statement.trim().is_empty() {
            item.abbreviated_statement.clone().unwrap_or_default()
        } else {
            item.full_statement.clone()
        };
        // The group is the nearest ancestor without a code of its own.
        let mut group = String::new();
        let mut at = item.identifier.as_str();
        for _ in 0..32 {
            let Some((p, _)) = parent.get(at) else { break };
            match by_id.get(p) {
                Some(pi)
                    if pi
                        .human_coding_scheme
                        .as_deref()
                        .is_none_or(|c| c.trim().is_empty()) =>
                {
                    group = pi.full_statement.trim().to_string();
                    break;
                }
                Some(_) => at = p,
                None => break,
            }
        }
        let seq = parent
            .get(item.identifier.as_str())
            .map_or(i64::MAX, |(_, s)| *s);
        out.push((
            seq,
            index,
            ImportedStandard {
                code: code.to_string(),
                statement: statement.trim().to_string(),
                group,
            },
        ));
    }
    if out.is_empty() {
        return Err(Diagnostic::error(
            path,
            None,
            "this CASE package has no items with a humanCodingScheme",
        )
        .with_hint(
            "pathfolio needs a code for each standard; check that the package has CFItems",
        ));
    }
    // Keep groups together in the order they first appear, then sequence within them.
    let mut group_order: HashMap<String, usize> = HashMap::new();
    for (_, _, s) in &out {
        let n = group_order.len();
        group_order.entry(s.group.clone()).or_insert(n);
    }
    out.sort_by_key(|(seq, i, s)| (group_order[&s.group], *seq, *i));
    let title = package.document.map(|d| d.title).unwrap_or_default();
    Ok((title, out.into_iter().map(|(_, _, s)| s).collect()))
}

/// standards.yaml text for `standards`, with a place for each "I can" statement.
pub fn to_yaml(title: &str, standards: &[ImportedStandard]) -> String {
    let q = |s: &str| serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into());
    let mut out = format!(
        "# Imported from the CASE framework {}.\n# Write each `student:` line as an \"I can\" statement in your students' words.\n",
        q(title)
    );
    for s in standards {
        out.push_str(&format!(
            "- code: {}\n  statement: {}\n  student: \"\"\n",
            q(&s.code),
            q(&s.statement)
        ));
        if !s.group.is_empty() {
            out.push_str(&format!("  group: {}\n", q(&s.group)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const PACKAGE: &str = r#"{
      "CFDocument": {"identifier": "d1", "title": "Science Standards"},
      "CFItems": [
        {"identifier": "g1", "fullStatement": "Ecosystems", "CFItemType": "Domain"},
        {"identifier": "i2", "fullStatement": "Use representations of carrying capacity.", "humanCodingScheme": "LS2-1"},
        {"identifier": "g0", "fullStatement": "Molecules to Organisms"},
        {"identifier": "i1", "fullStatement": "Construct an explanation of DNA and proteins.", "humanCodingScheme": "LS1-1"},
        {"identifier": "i3", "fullStatement": "Energy flows \"down\" food webs.", "humanCodingScheme": "LS2-2"}
      ],
      "CFAssociations": [
        {"identifier": "a1", "associationType": "isChildOf", "originNodeURI": {"identifier": "i2"}, "destinationNodeURI": {"identifier": "g1"}, "sequenceNumber": 1},
        {"identifier": "a2", "associationType": "isChildOf", "originNodeURI": {"identifier": "i3"}, "destinationNodeURI": {"identifier": "g1"}, "sequenceNumber": 2},
        {"identifier": "a3", "associationType": "isChildOf", "originNodeURI": {"identifier": "i1"}, "destinationNodeURI": {"identifier": "g0"}, "sequenceNumber": 1}
      ]
    }"#;

    #[test]
    fn reads_codes_statements_and_groups() {
        let (title, s) = read(Path::new("p.json"), PACKAGE).unwrap();
        assert_eq!(title, "Science Standards");
        let codes: Vec<&str> = s.iter().map(|s| s.code.as_str()).collect();
        assert_eq!(codes, ["LS2-1", "LS2-2", "LS1-1"]);
        assert_eq!(s[0].group, "Ecosystems");
        assert_eq!(s[2].group, "Molecules to Organisms");
    }

    #[test]
    fn yaml_round_trips_through_the_loader() {
        let (title, s) = read(Path::new("p.json"), PACKAGE).unwrap();
        let yaml = to_yaml(&title, &s);
        let parsed: Vec<serde_saphyr::Spanned<crate::load::raw::RawStandard>> =
            crate::load::yaml::parse(Path::new("standards.yaml"), &yaml, 1).unwrap();
        assert_eq!(parsed.len(), 3);
        assert_eq!(
            parsed[1].value.statement,
            "Energy flows \"down\" food webs."
        );
    }

    #[test]
    fn bad_json_has_a_position() {
        let e = read(Path::new("p.json"), "{\n  \"CFItems\": [,]\n}").unwrap_err();
        assert_eq!(e.pos.map(|p| p.line), Some(2));
    }
}
