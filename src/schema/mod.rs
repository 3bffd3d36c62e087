//! Typed, positioned reading of TOML and YAML: the values as parsed
//! ([`Raw`]), where each key is in the source ([`Locator`]), and a reader
//! that checks each key's type and collects every problem with its
//! position ([`Fields`]). Front matter and `forewarn.toml` both use it.

mod fields;
mod locate;
mod raw;

pub use fields::{Cx, Fields};
pub use locate::Locator;
pub use raw::{Raw, TomlError};

use crate::diagnostic::Span;

/// The front-matter language, chosen by the fence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// `+++` fences (Zola style).
    Toml,
    /// `---` fences (Hugo/Jekyll style).
    Yaml,
}

impl Format {
    /// The fence line that opens and closes this format's front matter.
    pub fn fence(self) -> &'static str {
        match self {
            Format::Toml => "+++",
            Format::Yaml => "---",
        }
    }
}

/// A problem found while splitting or parsing: where, what, what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Where in the file.
    pub span: Span,
    /// What is wrong.
    pub message: String,
    /// What to do.
    pub help: Option<String>,
}

impl Problem {
    /// A problem with a help line.
    pub fn new(span: Span, message: impl Into<String>, help: impl Into<String>) -> Problem {
        Problem { span, message: message.into(), help: Some(help.into()) }
    }
}
