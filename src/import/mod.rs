//! Importers: standards from outside sources into the course's own files.

pub mod case;
pub mod roster;
