//! pathfolio: a static site generator for personalized learning.
//!
//! The library's API is small: [`build`] and [`check`] a course with
//! [`BuildOptions`], preview it with [`serve::Preview`] and [`ServeOptions`], and
//! the commands' own library code ([`archive`], [`export`], [`import`],
//! [`scaffold`], [`report`]); problems are [`diag::Diagnostic`] values. The binary
//! (`src/main.rs`, `src/cli.rs`, `src/cmd/`) is a thin layer over it.
//!
//! Inside, one module per stage (docs/architecture.md): `load` files → `model` →
//! `validate` → `audience` policy → `compute` → `render` → `write`, chained in one
//! place ([`pipeline`]). The stages are internal; `load`, `markdown` and `media`
//! stay reachable, hidden from the docs, only for the fuzz targets and the
//! never-panic tests, which feed their parsers directly.

pub mod archive;
pub mod audience;
pub(crate) mod compute;
pub mod diag;
pub mod export;
pub mod exposure;
pub mod import;
#[doc(hidden)]
pub mod load;
#[doc(hidden)]
pub mod markdown;
#[doc(hidden)]
pub mod media;
pub(crate) mod model;
pub mod pipeline;
pub(crate) mod render;
pub mod report;
pub mod scaffold;
pub mod serve;
pub(crate) mod site;
pub mod text;
pub(crate) mod validate;
pub(crate) mod write;

pub use audience::Audience;
pub use diag::{Diagnostic, Diagnostics};
pub use pipeline::{BuildOptions, BuildReport, build, check};
/// A site built in memory (`serve`, `pipeline::live`): its files by site path.
pub use render::{Content, Site};
pub use serve::ServeOptions;
