//! Cached reference data from the platform (the pickers' choices), so that the editor
//! works offline. Each list is stored whole with the time it was fetched.

use crate::error::StoreError;
use crate::Store;
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::Value;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RefKind {
    Communities,
    /// Business hours (`/time_sheets`).
    TimeSheets,
    Categories,
    Locales,
    ChannelGroups,
}

impl RefKind {
    pub const ALL: [RefKind; 5] = [
        RefKind::Communities,
        RefKind::TimeSheets,
        RefKind::Categories,
        RefKind::Locales,
        RefKind::ChannelGroups,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RefKind::Communities => "communities",
            RefKind::TimeSheets => "time_sheets",
            RefKind::Categories => "categories",
            RefKind::Locales => "locales",
            RefKind::ChannelGroups => "channel_groups",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RefEntry {
    pub data: Value,
    /// Unix milliseconds.
    pub fetched_at: i64,
}

impl Store {
    /// Replaces the cached list for one platform account.
    pub fn put_reference(
        &mut self,
        kind: RefKind,
        account: &str,
        data: &Value,
        fetched_at: i64,
    ) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT INTO reference_data (kind, account, data, fetched_at) VALUES (?1, ?2, ?3, ?4) \
             ON CONFLICT (kind, account) DO UPDATE SET data = excluded.data, fetched_at = excluded.fetched_at",
            params![kind.as_str(), account, serde_json::to_string(data)?, fetched_at],
        )?;
        Ok(())
    }

    pub fn reference(&self, kind: RefKind, account: &str) -> Result<Option<RefEntry>, StoreError> {
        let row: Option<(String, i64)> = self
            .conn
            .query_row(
                "SELECT data, fetched_at FROM reference_data WHERE kind = ?1 AND account = ?2",
                params![kind.as_str(), account],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        row.map(|(d, fetched_at)| {
            Ok(RefEntry {
                data: serde_json::from_str(&d)?,
                fetched_at,
            })
        })
        .transpose()
    }
}
