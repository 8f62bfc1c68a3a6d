//! Sealed secrets. The store never sees a secret in the clear: it keeps the blobs that
//! `switchboard-vault` sealed (bound to channel id and field path) and tells which paths
//! are set. Replacing or clearing a secret is an explicit call, never a side effect of a
//! draft save.
//!
//! A row with an empty blob is a secret *to re-enter*: an import dropped its value (files
//! never carry secrets), and the channel needs it back. It is not "set"; the list marks
//! the channel, the next export lists it again, and entering the secret replaces it.

use crate::clock::now_ms;
use crate::error::StoreError;
use crate::Store;
use rusqlite::{params, OptionalExtension};

impl Store {
    pub fn set_secret(
        &mut self,
        channel_id: &str,
        path: &str,
        sealed: &[u8],
    ) -> Result<(), StoreError> {
        let tx = self.write_tx()?;
        let live: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM channels WHERE id = ?1 AND deleted_at IS NULL)",
            [channel_id],
            |r| r.get(0),
        )?;
        if !live {
            return Err(StoreError::NotFound(channel_id.to_owned()));
        }
        tx.execute(
            "INSERT INTO secrets (channel_id, path, sealed, updated_at) VALUES (?1, ?2, ?3, ?4) \
             ON CONFLICT (channel_id, path) DO UPDATE SET sealed = excluded.sealed, updated_at = excluded.updated_at",
            params![channel_id, path, sealed, now_ms()],
        )?;
        tx.commit()?;
        tracing::debug!(channel = %channel_id, path, "secret stored (sealed)");
        Ok(())
    }

    /// The paths whose secret is set: all the UI learns about secrets.
    pub fn secret_status(&self, channel_id: &str) -> Result<Vec<String>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT path FROM secrets WHERE channel_id = ?1 AND length(sealed) > 0 ORDER BY path",
        )?;
        let paths = stmt
            .query_map([channel_id], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        Ok(paths)
    }

    /// The sealed blob, for the vault to open right before a connection test or a sync.
    pub fn sealed_secret(
        &self,
        channel_id: &str,
        path: &str,
    ) -> Result<Option<Vec<u8>>, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT sealed FROM secrets WHERE channel_id = ?1 AND path = ?2 AND length(sealed) > 0",
                params![channel_id, path],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// The paths of secrets an import dropped and nobody has entered since.
    pub fn secrets_to_reenter(&self, channel_id: &str) -> Result<Vec<String>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT path FROM secrets WHERE channel_id = ?1 AND length(sealed) = 0 ORDER BY path",
        )?;
        let paths = stmt
            .query_map([channel_id], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        Ok(paths)
    }

    /// Returns whether there was a secret to clear. A token's connection record goes
    /// with it: a cleared field is not "connected".
    pub fn clear_secret(&mut self, channel_id: &str, path: &str) -> Result<bool, StoreError> {
        let tx = self.conn.transaction()?;
        let n = tx.execute(
            "DELETE FROM secrets WHERE channel_id = ?1 AND path = ?2",
            params![channel_id, path],
        )?;
        tx.execute(
            "DELETE FROM oauth_grants WHERE channel_id = ?1 AND path = ?2",
            params![channel_id, path],
        )?;
        tx.commit()?;
        Ok(n > 0)
    }
}

/// Remembers that the secret at `path` must be entered again (an empty blob; see the
/// module doc). A secret already set is left alone.
pub(crate) fn mark_to_reenter(
    conn: &rusqlite::Connection,
    channel_id: &str,
    path: &str,
) -> Result<(), StoreError> {
    conn.prepare_cached(
        "INSERT OR IGNORE INTO secrets (channel_id, path, sealed, updated_at) VALUES (?1, ?2, x'', ?3)",
    )?
    .execute(params![channel_id, path, now_ms()])?;
    Ok(())
}
