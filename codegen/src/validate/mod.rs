//! Validate: every rule of both files, each problem naming the file, the record and the field.

pub mod catalog;
pub mod facts;
