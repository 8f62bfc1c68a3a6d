//! Between the offline store and the platform: pull today; plan, review and apply build on
//! the same bases (see SYNC.md beside the design notes).
//!
//! Long work here is streamed (`ProgressSink`), cancellable, and paced by the account's
//! request budget, which every caller of one account shares ([`Budgets`]).

mod budgets;
mod pull;
mod reference;

pub use budgets::Budgets;
pub use pull::{pull, PullError, PullReport};
