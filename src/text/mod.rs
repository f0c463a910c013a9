//! Small text helpers shared by every stage: HTML and XML escaping, slugs, hex,
//! percent-encoding of path segments, file sizes for people, and today's local date.
//!
//! It imports nothing from the rest of the crate, so any module may use it without
//! an import running back up the pipeline.

mod date;
mod escape;
mod percent;
mod slug;

pub use date::{date_at, date_words, today};
pub use escape::{escape_html, escape_text, escape_xml};
pub use percent::{percent_decode, percent_encode};
pub use slug::slugify;

/// Lower-case hex of some bytes (a SHA-256 digest as file names and manifests write it).
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// "a", "a and b", "a, b and c": a list in a sentence.
pub fn and_list<S: AsRef<str>>(items: &[S]) -> String {
    match items {
        [] => String::new(),
        [one] => one.as_ref().to_string(),
        [rest @ .., last] => {
            let rest: Vec<&str> = rest.iter().map(AsRef::as_ref).collect();
            format!("{} and {}", rest.join(", "), last.as_ref())
        }
    }
}

/// "1.2 MB", "340 KB", "12 bytes".
pub fn human_size(bytes: u64) -> String {
    match bytes {
        b if b >= 1024 * 1024 => format!("{:.1} MB", b as f64 / (1024.0 * 1024.0)),
        b if b >= 1024 => format!("{} KB", b.div_ceil(1024)),
        b => format!("{b} bytes"),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn hex_is_lower_case_two_digits_a_byte() {
        assert_eq!(super::hex(&[0, 0x0f, 0xab, 0xff]), "000fabff");
        assert_eq!(super::hex(&[]), "");
    }

    #[test]
    fn lists_read_as_a_sentence() {
        assert_eq!(super::and_list::<&str>(&[]), "");
        assert_eq!(super::and_list(&["1"]), "1");
        assert_eq!(super::and_list(&["1", "2"]), "1 and 2");
        assert_eq!(super::and_list(&["1", "2", "3"]), "1, 2 and 3");
    }
}
