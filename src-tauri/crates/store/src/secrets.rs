//! Sealed secrets. The store never sees a secret in the clear: it keeps the blobs that
//! `switchboard-vault` sealed (bound to channel id and field path) and tells which paths
//! are set. Replacing or clearing a secret is an explicit call, never a side effect of a
//! draft save.
//!
//! A row with an empty blob is a secret *to re-enter*: an import dropped its value (files
//! never carry secrets), and the channel needs it back. It is not "set"; the list marks
//! the channel, the next export lists it again, and entering the secret replaces it.
//!
//! Each secret carries a change counter (`generation`, see migration 5) and the generation
//! an apply last pushed: the plan's "will be set" comes from comparing the two, so sync
//! never needs the value, a hash of it, or the server's copy (which it cannot read).

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
             ON CONFLICT (channel_id, path) DO UPDATE SET sealed = excluded.sealed, \
             updated_at = excluded.updated_at, generation = secrets.generation + 1",
            params![channel_id, path, sealed, now_ms()],
        )?;
        tx.commit()?;
        tracing::debug!(channel = %channel_id, path, "secret stored (sealed)");
        Ok(())
    }

    /// Replaces a set secret's sealed value *without* counting a change: a provider
    /// rotating a refresh token of the same grant (the platform's copy of that grant
    /// stays valid, so pushing every rotation would be a perpetual "will be set").
    /// Returns whether the secret was there to replace.
    pub fn rotate_secret(
        &mut self,
        channel_id: &str,
        path: &str,
        sealed: &[u8],
    ) -> Result<bool, StoreError> {
        let n = self.conn.execute(
            "UPDATE secrets SET sealed = ?3, updated_at = ?4 \
             WHERE channel_id = ?1 AND path = ?2 AND length(sealed) > 0",
            params![channel_id, path, sealed, now_ms()],
        )?;
        Ok(n > 0)
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

    /// Every set secret of the channel with its generation and the generation last
    /// pushed to the platform, by path.
    pub fn secret_generations(
        &self,
        channel_id: &str,
    ) -> Result<Vec<SecretGeneration>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT path, generation, pushed_generation FROM secrets \
             WHERE channel_id = ?1 AND length(sealed) > 0 ORDER BY path",
        )?;
        let rows = stmt
            .query_map([channel_id], |r| {
                Ok(SecretGeneration {
                    path: r.get(0)?,
                    generation: r.get(1)?,
                    pushed_generation: r.get(2)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        Ok(rows)
    }

    /// Every secret set or replaced here since its last push, by channel (live channels
    /// only): what a plan lists as "will be set".
    pub fn due_secrets(&self) -> Result<Vec<(String, SecretGeneration)>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT s.channel_id, s.path, s.generation, s.pushed_generation FROM secrets s \
             JOIN channels c ON c.id = s.channel_id \
             WHERE c.deleted_at IS NULL AND length(s.sealed) > 0 \
             AND s.generation > s.pushed_generation ORDER BY s.channel_id, s.path",
        )?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get(0)?,
                    SecretGeneration {
                        path: r.get(1)?,
                        generation: r.get(2)?,
                        pushed_generation: r.get(3)?,
                    },
                ))
            })?
            .collect::<Result<_, _>>()?;
        Ok(rows)
    }

    /// Records that `generation` of the secret reached the platform. A secret replaced
    /// meanwhile (a higher generation) stays due; an older generation never lowers the
    /// mark. Returns whether the row was found.
    pub fn mark_secret_pushed(
        &mut self,
        channel_id: &str,
        path: &str,
        generation: i64,
    ) -> Result<bool, StoreError> {
        let n = self.conn.execute(
            "UPDATE secrets SET pushed_generation = max(pushed_generation, ?3) \
             WHERE channel_id = ?1 AND path = ?2",
            params![channel_id, path, generation],
        )?;
        Ok(n > 0)
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

/// One secret's change counter (never its value).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecretGeneration {
    pub path: String,
    /// Goes up by one each time the secret is set or replaced here.
    pub generation: i64,
    /// The generation an apply last sent to the platform (0: never).
    pub pushed_generation: i64,
}

impl SecretGeneration {
    /// Set or replaced here since the last push.
    pub fn due(&self) -> bool {
        self.generation > self.pushed_generation
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
