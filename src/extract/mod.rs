//! Recognising the parts of a post-mortem in its Markdown body.
//!
//! Front matter is the structured way to say things; real archives mostly say
//! them in prose, headings, tables and lists. This module recognises those.

mod sections;

pub use sections::{SectionRole, section_role};
