//! Importers: standards from outside sources into the course's own files.

pub mod case;
pub mod roster;
pub mod scores;
mod table;
