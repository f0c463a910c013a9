//! Percent-encoding of one path segment of a site address, and decoding of links.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_decode_str, utf8_percent_encode};

/// Everything but RFC 3986's unreserved characters (letters, digits, `-._~`).
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Percent-encodes one path segment: `Zoë B` → `Zo%C3%AB%20B`.
pub fn percent_encode(segment: &str) -> String {
    utf8_percent_encode(segment, SEGMENT).to_string()
}

/// `my%20photo.png` → `my photo.png`; malformed escapes stay as written.
pub fn percent_decode(s: &str) -> String {
    percent_decode_str(s).decode_utf8_lossy().into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_all_but_unreserved() {
        assert_eq!(percent_encode("Zoë B"), "Zo%C3%AB%20B");
        assert_eq!(percent_encode("a-b.c_d~e"), "a-b.c_d~e");
        assert_eq!(percent_encode("a/b?c#d%"), "a%2Fb%3Fc%23d%25");
    }

    #[test]
    fn decoding_is_forgiving() {
        assert_eq!(percent_decode("a%20b%zz%4"), "a b%zz%4");
        assert_eq!(percent_decode("Zo%C3%AB"), "Zoë");
        assert_eq!(percent_decode("%41%"), "A%");
        assert_eq!(percent_decode("bad%FF"), "bad\u{fffd}");
    }
}
