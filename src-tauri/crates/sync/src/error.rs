//! What can stop a plan or an apply as a whole (a channel's own failure is its outcome).

use switchboard_channels::ChannelError;
use switchboard_core::Msg;
use switchboard_platform::ApiError;

#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error(transparent)]
    Api(#[from] ApiError),
    #[error(transparent)]
    Channel(#[from] ChannelError),
    #[error(transparent)]
    Store(#[from] switchboard_store::StoreError),
    /// A channel was saved since the plan, or the account points elsewhere: re-plan.
    #[error("the plan is stale")]
    PlanStale,
    /// The file is not a plan, or was changed after it was frozen.
    #[error("the plan was changed after it was frozen")]
    PlanTampered,
    /// The account's stored API root does not parse (edited by hand, or an old file).
    #[error(transparent)]
    BaseUrl(#[from] switchboard_platform::BaseUrlError),
    #[error("internal: {0}")]
    Join(String),
}

impl SyncError {
    pub fn msg(&self) -> Msg {
        match self {
            SyncError::Api(e) => e.msg(),
            SyncError::Channel(e) => e.msg(),
            SyncError::Store(e) => e.msg(),
            SyncError::PlanStale => Msg::new("sync-err-plan-stale"),
            SyncError::PlanTampered => Msg::new("sync-err-plan-tampered"),
            SyncError::BaseUrl(e) => Msg::new(e.msg_id()),
            SyncError::Join(_) => Msg::new("err-internal"),
        }
    }
}
