//! pathfolio: a static site generator for personalized learning.
//!
//! The pipeline, one module per stage: [`load`] files → [`model`] → [`validate`] →
//! [`compute`] → [`audience`] filter → [`render`] → [`write`]. [`build`] runs it;
//! the binary's `cli` is a thin layer over [`pipeline::build`] and [`pipeline::check`].

pub mod archive;
pub mod audience;
pub mod compute;
pub mod diag;
pub mod export;
pub mod import;
pub mod load;
pub mod markdown;
pub mod media;
pub mod model;
pub mod pipeline;
pub mod render;
pub mod report;
pub mod scaffold;
pub mod serve;
pub mod site;
pub mod text;
pub mod validate;
pub mod write;
