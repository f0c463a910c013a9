//! Slugs: the names of heading anchors, of new files, and of archive folders.

/// Lower-case words joined by dashes; letters of every script are kept.
pub fn slugify(text: &str) -> String {
    let mut out = String::new();
    let mut dash = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.extend(c.to_lowercase());
        } else if c == '-' || c == '_' || c.is_whitespace() {
            dash = true;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugify_keeps_any_script() {
        assert_eq!(slugify("Zoë's Ñandú!"), "zoës-ñandú");
        assert_eq!(slugify("细胞 结构"), "细胞-结构");
        assert_eq!(slugify("  --Cells_and  tissues-- "), "cells-and-tissues");
    }
}
