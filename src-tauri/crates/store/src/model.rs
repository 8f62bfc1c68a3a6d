//! What the store hands out. Everything here serializes for IPC; documents stay opaque
//! JSON owned by the catalogue.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use ts_rs::TS;

/// A local channel id (UUID v4 string).
pub type ChannelId = String;

/// Whether the document passed the catalogue's validation when it was last saved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "lowercase")]
pub enum Validity {
    Valid,
    Invalid,
    /// Not validated yet (e.g. imported by an older catalogue).
    Unknown,
}

/// Where the channel stands against the platform: recorded by pull and push, and by each
/// save of a linked channel (its draft compared with the base, see platform.rs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "lowercase")]
pub enum SyncState {
    /// Not linked to any platform source.
    Local,
    /// The draft matches the last known server state.
    Synced,
    /// Changed here since the last known server state.
    Modified,
    /// Changed on the server; the draft has not followed yet.
    Remote,
    /// Changed here and on the server.
    Conflict,
    /// The last pull could not read its source (hidden, or not found): the link is kept.
    Error,
}

impl SyncState {
    pub const ALL: [SyncState; 6] = [
        SyncState::Local,
        SyncState::Synced,
        SyncState::Modified,
        SyncState::Remote,
        SyncState::Conflict,
        SyncState::Error,
    ];
}

/// Why a revision exists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    LocalEdit,
    Import,
    BulkEdit,
    ServerPull,
    /// The draft as it was sent to the platform (the server's answer became the base).
    ServerPush,
    /// A previous revision was put back (the revision records what was restored).
    Restore,
    /// The autosave's trail (at most one per `AUTO_CHECKPOINT_AFTER_MS`): a place to come
    /// back to, not a saved revision (the draft stays "not saved" until the user saves).
    Autosave,
}

/// The indexed columns derived from a document by the caller (the catalogue knows where
/// the name lives for each kind and whether the document is valid).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ChannelMeta {
    pub name: String,
    pub community: Option<String>,
    pub active: bool,
    pub validity: Validity,
}

/// One channel with its current draft.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Channel {
    pub id: ChannelId,
    pub kind: String,
    pub doc: Value,
    pub meta: ChannelMeta,
    pub sync_state: SyncState,
    /// The platform account a linked channel belongs to.
    pub account_id: Option<String>,
    pub remote_id: Option<String>,
    #[ts(type = "number")]
    pub created_at: i64,
    #[ts(type = "number")]
    pub updated_at: i64,
    /// Incremented by every save: lets the editor detect a concurrent change.
    #[ts(type = "number")]
    pub draft_seq: i64,
}

/// A row of the channel list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ChannelSummary {
    pub id: ChannelId,
    pub kind: String,
    pub name: String,
    pub community: Option<String>,
    pub active: bool,
    pub validity: Validity,
    pub sync_state: SyncState,
    pub account_id: Option<String>,
    pub remote_id: Option<String>,
    #[ts(type = "number")]
    pub updated_at: i64,
    /// An import dropped some of its secrets and they have not been entered since.
    pub secrets_to_reenter: bool,
    /// The channel's icon colour (`general.icon_colour`), for the row's dot.
    pub colour: Option<String>,
    /// The draft differs from the last saved revision (autosaved, not saved yet).
    pub unsaved: bool,
    /// The name in the last saved revision: the list shows it, with the draft's `name`
    /// as a pending change, so that an unsaved rename is not taken for a saved one.
    pub saved_name: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct RevisionSummary {
    #[ts(type = "number")]
    pub id: i64,
    pub channel_id: ChannelId,
    #[ts(type = "number")]
    pub created_at: i64,
    pub origin: Origin,
    pub batch_id: Option<String>,
    /// For `Origin::Restore`: the revision that was put back.
    #[ts(type = "number | null")]
    pub restored_from: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Revision {
    pub summary: RevisionSummary,
    pub doc: Value,
    pub meta: ChannelMeta,
}

macro_rules! text_enum {
    ($t:ty { $($v:ident = $s:literal),* $(,)? }) => {
        impl $t {
            pub fn as_str(self) -> &'static str {
                match self { $(Self::$v => $s),* }
            }
            pub fn parse(s: &str) -> Option<Self> {
                match s { $($s => Some(Self::$v),)* _ => None }
            }
        }
    };
}
text_enum!(Validity { Valid = "valid", Invalid = "invalid", Unknown = "unknown" });
text_enum!(SyncState {
    Local = "local",
    Synced = "synced",
    Modified = "modified",
    Remote = "remote",
    Conflict = "conflict",
    Error = "error",
});
text_enum!(Origin {
    LocalEdit = "local_edit",
    Import = "import",
    BulkEdit = "bulk_edit",
    ServerPull = "server_pull",
    ServerPush = "server_push",
    Restore = "restore",
    Autosave = "autosave",
});
