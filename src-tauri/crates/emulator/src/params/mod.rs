//! Reading request parameters.

pub mod rack;
