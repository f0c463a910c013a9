//! The teacher's YAML list files (roster.yaml, assessments/<id>.yaml) grown as text:
//! entries are appended at the end, so what was there, comments included, stays
//! byte for byte.

/// Whether `text` holds an entry: anything but blank lines, comments, `---` and `[]`.
pub fn has_entries(text: &str) -> bool {
    text.lines()
        .map(str::trim)
        .any(|l| !l.is_empty() && !l.starts_with('#') && l != "---" && l != "[]")
}

/// `text` with `entries` (YAML block-list items) added at its end.
pub fn append(text: &str, entries: &str) -> String {
    let mut out = if has_entries(text) {
        text.to_string()
    } else {
        // `[]` (an empty list) followed by entries would be a list twice over.
        text.replace("[]", "")
    };
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
    out.push_str(entries);
    out
}
