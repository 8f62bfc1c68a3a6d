//! Sections every kind has (general, messages, signatures, automatic messages, language,
//! routing), and smart closing, which only some kinds have.

pub mod auto_messages;
pub mod general;
pub mod language;
pub mod messages;
pub mod routing;
pub mod signatures;
pub mod smart_closing;
