//! forewarn: a static site generator for customer-facing change notices.
//!
//! The modules follow the data: [`config`] → [`content`] (discover, front
//! matter, markdown) → [`site`] (the model) → [`checklist`] (the
//! no-surprises rules) → [`render`] (HTML, JSON) → [`output`] (atomic
//! publish). [`build`] runs the pipeline; [`serve`] is the live preview;
//! [`cli`] is the command line.

pub mod build;
pub mod checklist;
pub mod cli;
pub mod config;
pub mod content;
pub mod diagnostic;
pub mod locale;
pub mod moment;
pub mod output;
mod profile;
pub mod render;
mod report;
mod scaffold;
pub mod schema;
mod serve;
pub mod site;
pub mod slug;
pub mod url;
pub mod words;
