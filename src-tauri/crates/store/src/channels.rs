//! Channels: create, autosave the draft, read, soft-delete with undo, duplicate.

use crate::clock::now_ms;
use crate::error::StoreError;
use crate::ids::new_uuid;
use crate::model::{Channel, ChannelId, ChannelMeta, Origin, SyncState, Validity};
use crate::revisions::{insert_revision, maybe_auto_checkpoint};
use crate::Store;
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde_json::Value;

pub(crate) const CHANNEL_COLUMNS: &str = "c.id, c.kind, d.doc, c.name, c.community, c.active, \
     c.validity, c.sync_state, c.remote_id, c.created_at, c.updated_at, c.draft_seq, c.account_id";

pub(crate) fn channel_from_row(r: &Row<'_>) -> rusqlite::Result<Channel> {
    let doc: String = r.get(2)?;
    let validity: String = r.get(6)?;
    let sync: String = r.get(7)?;
    Ok(Channel {
        id: r.get(0)?,
        kind: r.get(1)?,
        doc: serde_json::from_str(&doc).map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(2, rusqlite::types::Type::Text, Box::new(e))
        })?,
        meta: ChannelMeta {
            name: r.get(3)?,
            community: r.get(4)?,
            active: r.get(5)?,
            validity: Validity::parse(&validity).unwrap_or(Validity::Unknown),
        },
        sync_state: SyncState::parse(&sync).unwrap_or(SyncState::Local),
        account_id: r.get(12)?,
        remote_id: r.get(8)?,
        created_at: r.get(9)?,
        updated_at: r.get(10)?,
        draft_seq: r.get(11)?,
    })
}

/// Reads a live (not deleted) channel.
pub(crate) fn load(conn: &Connection, id: &str) -> Result<Channel, StoreError> {
    conn.prepare_cached(&format!(
        "SELECT {CHANNEL_COLUMNS} FROM channels c JOIN drafts d ON d.channel_id = c.id \
         WHERE c.id = ?1 AND c.deleted_at IS NULL"
    ))?
    .query_row([id], channel_from_row)
    .optional()?
    .ok_or_else(|| StoreError::NotFound(id.to_owned()))
}

/// Inserts a channel and its first revision; used by create, duplicate and import.
pub(crate) fn insert_channel(
    conn: &Connection,
    kind: &str,
    doc: &Value,
    meta: &ChannelMeta,
    origin: Origin,
    batch_id: Option<&str>,
) -> Result<ChannelId, StoreError> {
    let id = new_uuid();
    let now = now_ms();
    let doc_text = serde_json::to_string(doc)?;
    conn.prepare_cached(
        "INSERT INTO channels (id, kind, name, name_fold, community, active, validity, sync_state, \
         draft_seq, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'local', 0, ?8, ?8)",
    )?
    .execute(params![
        id,
        kind,
        meta.name,
        fold(&meta.name),
        meta.community,
        meta.active,
        meta.validity.as_str(),
        now
    ])?;
    conn.prepare_cached("INSERT INTO drafts (channel_id, doc) VALUES (?1, ?2)")?
        .execute(params![id, doc_text])?;
    insert_revision(conn, &id, origin, batch_id, None, &doc_text, meta, now)?;
    tracing::debug!(%id, kind, ?origin, "channel created");
    Ok(id)
}

/// Writes a new draft over the current one (no revision; see revisions.rs).
pub(crate) fn write_draft(
    conn: &Connection,
    id: &str,
    doc_text: &str,
    meta: &ChannelMeta,
    now: i64,
) -> Result<i64, StoreError> {
    let seq = conn
        .prepare_cached(
            "UPDATE channels SET name = ?2, name_fold = ?3, community = ?4, active = ?5, \
             validity = ?6, updated_at = ?7, draft_seq = draft_seq + 1, \
             sync_state = CASE sync_state WHEN 'synced' THEN 'modified' ELSE sync_state END \
             WHERE id = ?1 AND deleted_at IS NULL RETURNING draft_seq",
        )?
        .query_row(
            params![
                id,
                meta.name,
                fold(&meta.name),
                meta.community,
                meta.active,
                meta.validity.as_str(),
                now
            ],
            |r| r.get(0),
        )
        .optional()?
        .ok_or_else(|| StoreError::NotFound(id.to_owned()))?;
    conn.prepare_cached("UPDATE drafts SET doc = ?2 WHERE channel_id = ?1")?
        .execute(params![id, doc_text])?;
    Ok(seq)
}

/// Case folding for search and the unique-name rule: Unicode lower case (SQLite's own
/// only folds ASCII), without surrounding spaces (" Support" and "support" are one name).
pub(crate) fn fold(s: &str) -> String {
    s.trim().to_lowercase()
}

impl Store {
    /// Creates a channel; its first revision has `origin`.
    pub fn create(
        &mut self,
        kind: &str,
        doc: &Value,
        meta: &ChannelMeta,
        origin: Origin,
    ) -> Result<ChannelId, StoreError> {
        let tx = self.write_tx()?;
        let id = insert_channel(&tx, kind, doc, meta, origin, None)?;
        tx.commit()?;
        Ok(id)
    }

    /// The autosave: replaces the draft. Returns the new `draft_seq`. Creates a revision
    /// only when the last one is older than `AUTO_CHECKPOINT_AFTER_MS` (see revisions.rs).
    pub fn save_draft(
        &mut self,
        id: &str,
        doc: &Value,
        meta: &ChannelMeta,
    ) -> Result<i64, StoreError> {
        let now = now_ms();
        let doc_text = serde_json::to_string(doc)?;
        let tx = self.write_tx()?;
        let seq = write_draft(&tx, id, &doc_text, meta, now)?;
        maybe_auto_checkpoint(&tx, id, &doc_text, meta, now)?;
        tx.commit()?;
        tracing::trace!(%id, seq, "draft saved");
        Ok(seq)
    }

    pub fn get(&self, id: &str) -> Result<Channel, StoreError> {
        load(&self.conn, id)
    }

    /// Soft delete: the channel disappears from lists until `undelete` or `purge_deleted`.
    pub fn delete(&mut self, id: &str) -> Result<(), StoreError> {
        let n = self.conn.execute(
            "UPDATE channels SET deleted_at = ?2 WHERE id = ?1 AND deleted_at IS NULL",
            params![id, now_ms()],
        )?;
        if n == 0 {
            return Err(StoreError::NotFound(id.to_owned()));
        }
        tracing::debug!(%id, "channel deleted (undoable)");
        Ok(())
    }

    /// Undoes `delete`.
    pub fn undelete(&mut self, id: &str) -> Result<(), StoreError> {
        let n = self.conn.execute(
            "UPDATE channels SET deleted_at = NULL WHERE id = ?1 AND deleted_at IS NOT NULL",
            [id],
        )?;
        if n == 0 {
            return Err(StoreError::NotFound(id.to_owned()));
        }
        Ok(())
    }

    /// Removes for good the channels deleted before `before_ms` (revisions and secrets
    /// go with them). Returns how many.
    pub fn purge_deleted(&mut self, before_ms: i64) -> Result<usize, StoreError> {
        Ok(self.conn.execute(
            "DELETE FROM channels WHERE deleted_at IS NOT NULL AND deleted_at < ?1",
            [before_ms],
        )?)
    }

    /// Copies a channel's draft into a new local channel. `adjust` lets the caller change
    /// the copy (the catalogue knows where the name is, e.g. "Copy of …"). Secrets are
    /// not copied: they are sealed to the original channel's id and must be re-entered.
    pub fn duplicate(
        &mut self,
        id: &str,
        adjust: impl FnOnce(&mut Value, &mut ChannelMeta),
    ) -> Result<ChannelId, StoreError> {
        let tx = self.write_tx()?;
        let mut ch = load(&tx, id)?;
        adjust(&mut ch.doc, &mut ch.meta);
        let new_id = insert_channel(&tx, &ch.kind, &ch.doc, &ch.meta, Origin::LocalEdit, None)?;
        tx.commit()?;
        Ok(new_id)
    }

    /// Recorded by the sync engine after a push or pull.
    pub fn set_sync_state(
        &mut self,
        id: &str,
        state: SyncState,
        remote_id: Option<&str>,
    ) -> Result<(), StoreError> {
        let n = self.conn.execute(
            "UPDATE channels SET sync_state = ?2, remote_id = COALESCE(?3, remote_id) \
             WHERE id = ?1 AND deleted_at IS NULL",
            params![id, state.as_str(), remote_id],
        )?;
        if n == 0 {
            return Err(StoreError::NotFound(id.to_owned()));
        }
        Ok(())
    }
}
