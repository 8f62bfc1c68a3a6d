//! The API's records that Switchboard reads, typed from the spec's schemas
//! (`components/schemas/…`). Sources stay JSON objects: the catalogue maps them field by
//! field from its declarations, and what it does not know is kept, not dropped.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use ts_rs::TS;

/// A page of a list: `{count, offset, limit, records}`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Page<T> {
    pub count: u32,
    #[serde(default)]
    pub offset: u32,
    #[serde(default)]
    pub limit: u32,
    pub records: Vec<T>,
}

/// `Community`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Community {
    pub id: String,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub active: Option<bool>,
}

/// `Channel`: what the admin calls a channel group (routing), not a source.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChannelGroup {
    pub id: String,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub label: Option<String>,
    /// The group's default capacity (part of the queue-slot formula).
    #[serde(default)]
    pub soft_capability: Option<u32>,
}

/// `Category`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Category {
    pub id: String,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub parent_id: Option<String>,
    #[serde(default)]
    pub unselectable: Option<bool>,
}

/// `TimeSheet` (business hours).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimeSheet {
    pub id: String,
    #[serde(default)]
    pub label: Option<String>,
    #[serde(default)]
    pub active: Option<bool>,
    #[serde(default)]
    pub timezone: Option<String>,
}

/// `Locale`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Locale {
    pub code: String,
    #[serde(default)]
    pub name: Option<String>,
}

/// `User` (only what identifies the token's user and its role).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct User {
    pub id: String,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub firstname: Option<String>,
    #[serde(default)]
    pub lastname: Option<String>,
    #[serde(default)]
    pub role_id: Option<String>,
}

impl User {
    /// "First Last", or the e-mail, or the id.
    pub fn display_name(&self) -> String {
        let full = [self.firstname.as_deref(), self.lastname.as_deref()]
            .into_iter()
            .flatten()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        if !full.is_empty() {
            return full;
        }
        self.email.clone().unwrap_or_else(|| self.id.clone())
    }
}

/// `Role`: a label and one boolean per permission.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Role {
    pub id: String,
    #[serde(default)]
    pub label: Option<String>,
    #[serde(flatten)]
    pub permissions: Map<String, Value>,
}

impl Role {
    pub fn may(&self, permission: &str) -> bool {
        self.permissions.get(permission) == Some(&Value::Bool(true))
    }
}

/// `Event` (the journal: who changed what and when).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub id: String,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub created_at: Option<String>,
    #[serde(default)]
    pub user_id: Option<String>,
    #[serde(default)]
    pub extra_infos: Option<Value>,
}

/// What an account's token may do, from its user's role (`None`: not known — the role
/// could not be read).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Capabilities {
    pub read_channels: Option<bool>,
    pub update_channels: Option<bool>,
    pub read_reference_data: Option<bool>,
    pub read_events: Option<bool>,
}
