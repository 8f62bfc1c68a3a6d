//! The store's integration tests, built into one binary (they all link the same crates;
//! one binary links rusqlite once). `durability` stays apart: it owns `main` to run
//! itself as the child it kills.

mod bulk;
mod channels;
mod common;
mod concurrency;
mod diff_props;
mod leak;
mod migrations;
mod oauth;
mod revisions;
mod transfer;
