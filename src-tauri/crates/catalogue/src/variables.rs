//! Variables the variables picker offers on message fields (`Text { variables: true }`).
//!
//! The guide says the platform's tooltip lists them but does not reproduce the list; these
//! tokens follow the platform's `{{…}}` placeholder style and are the one place to correct
//! should the platform spell them differently.

use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Variable {
    /// Text inserted into the message.
    pub token: String,
    /// Fluent id of its description.
    pub label: String,
}

const TOKENS: [&str; 8] = [
    "agent.firstname",
    "agent.lastname",
    "agent.initial_lastname",
    "agent.nickname",
    "identity.firstname",
    "identity.lastname",
    "identity.screenname",
    "source.name",
];

pub fn variables() -> Vec<Variable> {
    TOKENS
        .iter()
        .map(|t| Variable {
            token: format!("{{{{{t}}}}}"),
            label: format!("cat-var-{}", t.replace(['.', '_'], "-")),
        })
        .collect()
}
