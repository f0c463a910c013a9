//! Into the course's own files from outside sources: standards from a CASE package
//! (`case`), the class list from OneRoster or a CSV (`roster`), scores from a
//! filled-in sheet (`scores`).

pub mod case;
mod list_file;
pub mod roster;
pub mod scores;
mod table;
