//! The catalogue's integration tests, built into one binary (they link the same crates).

mod fluent_ids;
mod properties;
mod schema;
