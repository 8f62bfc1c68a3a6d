//! Between the offline store and the platform: pull; plan, review and apply on the same
//! bases; promotion of channels from one account to another (see SYNC.md beside the
//! design notes).
//!
//! Long work here is streamed (`ProgressSink`), cancellable, and paced by the account's
//! request budget, which every caller of one account shares ([`Budgets`]).

mod account;
mod apply;
mod authors;
mod budgets;
mod classify;
mod error;
mod plan;
mod promote;
mod pull;
mod reference;
mod secrets;

pub use account::account_client;
pub use apply::{apply, check_plan, ApplyReport, ChannelOutcome};
pub use authors::ServerChange;
pub use budgets::Budgets;
pub use classify::{classify, FieldClass};
pub use error::SyncError;
pub use plan::{
    plan, plan_fields, ChannelPlan, FieldPlan, LinkCandidate, LocalOnly, Plan, Resolution,
    WebAdminItem, PLAN_FORMAT, PLAN_VERSION,
};
pub use promote::{
    promote, promote_preview, MappingRow, PromoteChannel, PromoteOutcome, PromotePreview,
    PromoteReport, PromoteRequest, PromoteSelection, PromoteTarget, RefChoice, RefChoices,
    SecretToReenter,
};
pub use pull::{pull, PullError, PullReport};
pub use secrets::SecretPlan;
