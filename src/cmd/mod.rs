//! One module per command; each turns parsed arguments into library calls and an exit code.

pub mod archive;
pub mod build;
pub mod check;
pub mod export;
pub mod import;
pub mod init;
pub mod new;
pub mod serve;

use pathfolio::diag::{Diagnostic, Diagnostics};
use pathfolio::report;

/// Prints every problem to stderr, as [`report::list`] shows them.
pub fn print_problems<'a>(diags: impl IntoIterator<Item = &'a Diagnostic>) {
    eprint!("{}", report::list(diags));
}

/// "2 errors, 1 warning".
pub fn summary(diags: &Diagnostics) -> String {
    let (e, w) = (diags.error_count(), diags.warning_count());
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    format!("{}, {}", plural(e, "error"), plural(w, "warning"))
}

/// 1240 → "1,240".
pub fn group_thousands(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}
