//! The emulator's tests, one binary (one link) for the crate.

mod api;
mod bin;
mod common;
mod faults;
mod spec;
mod staging;
