//! The apply journal and the sync history. An apply is one row with its frozen plan and
//! one row per channel that moves intent → sent → a result, each step committed before
//! the request it announces: a kill anywhere leaves rows that say exactly what may have
//! reached the server, so a resume re-reads those channels instead of sending blindly.
//! Finished applies stay as the account's history. Nothing secret is written here.

use crate::clock::now_ms;
use crate::error::StoreError;
use crate::ids::new_uuid;
use crate::Store;
use rusqlite::{params, OptionalExtension};
use serde::Serialize;
use serde_json::Value;
use ts_rs::TS;

/// Where one channel of an apply stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum JournalStep {
    /// Planned, nothing sent yet.
    Intent,
    /// A request may have reached the server: re-read before anything else.
    Sent,
    Applied,
    /// The server moved since the plan: skipped, never overwritten.
    Stale,
    Failed,
    Cancelled,
}

impl JournalStep {
    pub fn as_str(self) -> &'static str {
        match self {
            JournalStep::Intent => "intent",
            JournalStep::Sent => "sent",
            JournalStep::Applied => "applied",
            JournalStep::Stale => "stale",
            JournalStep::Failed => "failed",
            JournalStep::Cancelled => "cancelled",
        }
    }
    fn parse(s: &str) -> JournalStep {
        match s {
            "intent" => JournalStep::Intent,
            "sent" => JournalStep::Sent,
            "applied" => JournalStep::Applied,
            "stale" => JournalStep::Stale,
            "cancelled" => JournalStep::Cancelled,
            _ => JournalStep::Failed,
        }
    }
    /// Still to do (or to check) on a resume.
    pub fn is_open(self) -> bool {
        matches!(
            self,
            JournalStep::Intent | JournalStep::Sent | JournalStep::Cancelled
        )
    }
}

/// One channel's row.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct JournalEntry {
    pub channel_id: String,
    pub remote_id: String,
    pub step: JournalStep,
    #[ts(type = "unknown")]
    pub result: Option<Value>,
    #[ts(type = "number")]
    pub updated_at: i64,
}

/// One apply, as the history lists it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ApplyRecord {
    pub id: String,
    pub account_id: String,
    pub plan_hash: String,
    #[ts(type = "unknown")]
    pub plan: Value,
    #[ts(type = "number")]
    pub started_at: i64,
    #[ts(type = "number | null")]
    pub finished_at: Option<i64>,
    pub entries: Vec<JournalEntry>,
}

impl Store {
    /// Records an apply and the intent for each `(channel_id, remote_id)`, in one
    /// transaction. Returns the apply's id.
    pub fn begin_apply(
        &mut self,
        account_id: &str,
        plan_hash: &str,
        plan: &Value,
        channels: &[(String, String)],
    ) -> Result<String, StoreError> {
        let id = new_uuid();
        let now = now_ms();
        let tx = self.write_tx()?;
        tx.execute(
            "INSERT INTO sync_applies (id, account_id, plan_hash, plan, started_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![id, account_id, plan_hash, serde_json::to_string(plan)?, now],
        )?;
        for (channel_id, remote_id) in channels {
            tx.execute(
                "INSERT INTO sync_journal (apply_id, channel_id, remote_id, step, updated_at) VALUES (?1, ?2, ?3, 'intent', ?4)",
                params![id, channel_id, remote_id, now],
            )?;
        }
        tx.commit()?;
        Ok(id)
    }

    /// Moves one channel's row to `step` (committed when this returns).
    pub fn journal_step(
        &mut self,
        apply_id: &str,
        channel_id: &str,
        step: JournalStep,
        result: Option<&Value>,
    ) -> Result<(), StoreError> {
        let result = result.map(serde_json::to_string).transpose()?;
        self.conn.execute(
            "UPDATE sync_journal SET step = ?3, result = COALESCE(?4, result), updated_at = ?5 \
             WHERE apply_id = ?1 AND channel_id = ?2",
            params![apply_id, channel_id, step.as_str(), result, now_ms()],
        )?;
        Ok(())
    }

    /// Closes an apply once no row is open.
    pub fn finish_apply(&mut self, apply_id: &str) -> Result<(), StoreError> {
        self.conn.execute(
            "UPDATE sync_applies SET finished_at = ?2 WHERE id = ?1 AND finished_at IS NULL \
             AND NOT EXISTS (SELECT 1 FROM sync_journal WHERE apply_id = ?1 AND step IN ('intent', 'sent', 'cancelled'))",
            params![apply_id, now_ms()],
        )?;
        Ok(())
    }

    /// The account's unfinished apply (killed or cancelled), if any.
    pub fn open_apply(&self, account_id: &str) -> Result<Option<ApplyRecord>, StoreError> {
        let id: Option<String> = self
            .conn
            .query_row(
                "SELECT id FROM sync_applies WHERE account_id = ?1 AND finished_at IS NULL \
                 ORDER BY started_at DESC LIMIT 1",
                [account_id],
                |r| r.get(0),
            )
            .optional()?;
        id.map(|id| self.apply_record(&id)).transpose()
    }

    /// The newest apply of this plan (by hash), finished or not.
    pub fn apply_of_plan(
        &self,
        account_id: &str,
        plan_hash: &str,
    ) -> Result<Option<ApplyRecord>, StoreError> {
        let id: Option<String> = self
            .conn
            .query_row(
                "SELECT id FROM sync_applies WHERE account_id = ?1 AND plan_hash = ?2 \
                 ORDER BY started_at DESC, rowid DESC LIMIT 1",
                params![account_id, plan_hash],
                |r| r.get(0),
            )
            .optional()?;
        id.map(|id| self.apply_record(&id)).transpose()
    }

    pub fn apply_record(&self, apply_id: &str) -> Result<ApplyRecord, StoreError> {
        let (account_id, plan_hash, plan, started_at, finished_at): (
            String,
            String,
            String,
            i64,
            Option<i64>,
        ) = self
            .conn
            .query_row(
                "SELECT account_id, plan_hash, plan, started_at, finished_at FROM sync_applies WHERE id = ?1",
                [apply_id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
            )
            .optional()?
            .ok_or_else(|| StoreError::NotFound(apply_id.to_owned()))?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT channel_id, remote_id, step, result, updated_at FROM sync_journal WHERE apply_id = ?1 ORDER BY rowid",
        )?;
        let rows: Vec<(String, String, String, Option<String>, i64)> = stmt
            .query_map([apply_id], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })?
            .collect::<Result<_, _>>()?;
        let entries = rows
            .into_iter()
            .map(|(channel_id, remote_id, step, result, updated_at)| {
                Ok(JournalEntry {
                    channel_id,
                    remote_id,
                    step: JournalStep::parse(&step),
                    result: result.map(|r| serde_json::from_str(&r)).transpose()?,
                    updated_at,
                })
            })
            .collect::<Result<_, StoreError>>()?;
        Ok(ApplyRecord {
            id: apply_id.to_owned(),
            account_id,
            plan_hash,
            plan: serde_json::from_str(&plan)?,
            started_at,
            finished_at,
            entries,
        })
    }

    /// Every apply of the account, newest first: the Sync history.
    pub fn sync_history(&self, account_id: &str) -> Result<Vec<ApplyRecord>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id FROM sync_applies WHERE account_id = ?1 ORDER BY started_at DESC, rowid DESC",
        )?;
        let ids: Vec<String> = stmt
            .query_map([account_id], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        ids.iter().map(|id| self.apply_record(id)).collect()
    }
}
