//! What a built site is made of, below every stage that makes one: where each page
//! and file lives and the anchors inside pages (`paths`), and what one file holds
//! (`Content`). Markdown's link map, media and render all address pages through it.

pub mod paths;

/// What one file of the site holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Content {
    Bytes(Vec<u8>),
    /// A file copied as it is, read only as checked (see `load::contain`).
    Copy(crate::load::Checked),
    /// A page already written into the new output folder (see `render::Sink`).
    Written,
}
