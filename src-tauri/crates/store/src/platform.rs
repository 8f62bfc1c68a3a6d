//! Platform accounts and what the store keeps of the server: the link of a channel to one
//! source of one account, the server side of each linked channel (`sync_bases`), and the
//! sources a pull could not adopt.
//!
//! A pull commits page by page, each page in one IMMEDIATE transaction: an interrupted
//! pull (cancel, network, kill) leaves whole pages, never half a channel.

use crate::channels::{insert_channel, write_draft};
use crate::clock::now_ms;
use crate::error::StoreError;
use crate::ids::new_uuid;
use crate::model::{ChannelId, ChannelMeta, Origin, SyncState};
use crate::revisions::insert_revision;
use crate::Store;
use rusqlite::{params, Connection, OptionalExtension, Row, TransactionBehavior};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use ts_rs::TS;

/// Which platform an account is: shown as a coloured badge wherever its channels appear.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Environment {
    Production,
    Sandbox,
    Other,
}

impl Environment {
    pub fn as_str(self) -> &'static str {
        match self {
            Environment::Production => "production",
            Environment::Sandbox => "sandbox",
            Environment::Other => "other",
        }
    }
    pub fn parse(s: &str) -> Option<Environment> {
        [
            Environment::Production,
            Environment::Sandbox,
            Environment::Other,
        ]
        .into_iter()
        .find(|e| e.as_str() == s)
    }
}

/// What the user sets on an account (the token goes to the vault, separately).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AccountFields {
    pub label: String,
    pub environment: Environment,
    /// The API root, validated by the caller (`switchboard_platform::BaseUrl`).
    pub base_url: String,
    pub token_user_email: Option<String>,
    #[serde(default)]
    pub demo: bool,
    /// The platform's limit per minute (documented: 500).
    #[serde(default = "default_rate_limit")]
    pub rate_limit: u32,
}

fn default_rate_limit() -> u32 {
    500
}

/// An account as the window sees it: never its token, only whether one is set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Account {
    pub id: String,
    #[serde(flatten)]
    pub fields: AccountFields,
    pub token_set: bool,
    #[ts(type = "number")]
    pub created_at: i64,
    #[ts(type = "number | null")]
    pub last_pull_at: Option<i64>,
}

/// The server side of a linked channel (normalized API fields).
#[derive(Debug, Clone, PartialEq)]
pub struct SyncBase {
    /// The last state both sides agreed on: the three-way plan's common ancestor.
    pub base: Map<String, Value>,
    pub base_updated_at: Option<String>,
    /// The newest server copy seen.
    pub remote: Map<String, Value>,
    pub remote_updated_at: Option<String>,
    pub fetched_at: i64,
}

/// A linked channel as pull reads it before deciding.
#[derive(Debug, Clone)]
pub struct LinkedChannel {
    pub channel_id: ChannelId,
    pub remote_id: String,
    pub draft_seq: i64,
    pub doc: Value,
    pub base: Option<SyncBase>,
}

/// A source a pull saw but no catalogue kind maps to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct UnadoptedSource {
    pub remote_id: String,
    /// The API `type` string, shown as is.
    #[serde(rename = "type")]
    pub source_type: String,
    pub name: Option<String>,
}

/// What a pull writes for one source.
#[derive(Debug, Clone)]
pub enum PullWrite {
    /// A source no channel is linked to becomes a new channel.
    Adopt {
        kind: String,
        doc: Value,
        meta: ChannelMeta,
        remote_id: String,
        remote: Map<String, Value>,
        updated_at: Option<String>,
    },
    /// The draft had no change since the base: it follows the server (if nobody saved
    /// the draft since it was read; otherwise the server copy is kept as `remote` and the
    /// channel marked changed on both sides, or changed here).
    Follow {
        channel_id: ChannelId,
        expected_seq: i64,
        doc: Value,
        meta: ChannelMeta,
        remote: Map<String, Value>,
        updated_at: Option<String>,
        /// The server moved since the base.
        server_moved: bool,
    },
    /// The draft has local changes: they stay; the server copy is recorded beside the base.
    Keep {
        channel_id: ChannelId,
        remote: Map<String, Value>,
        updated_at: Option<String>,
        state: SyncState,
    },
    /// The source was in no page of this pull (hidden, or gone): the link stays, marked.
    Missing { channel_id: ChannelId },
    /// An apply's PUT answered (or a re-read showed our values there): the answer is the
    /// new base and remote, the draft follows it, and a revision records the push.
    Pushed {
        channel_id: ChannelId,
        doc: Value,
        meta: ChannelMeta,
        remote: Map<String, Value>,
        updated_at: Option<String>,
        /// The channel still differs from the base after the push (fields left out).
        state: SyncState,
    },
}

/// What one page committed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct PullCounts {
    pub adopted: u32,
    pub followed: u32,
    pub unchanged: u32,
    pub changed_both: u32,
    pub kept_local: u32,
    pub missing: u32,
    pub unadopted: u32,
}

const ACCOUNT_COLUMNS: &str = "a.id, a.label, a.environment, a.base_url, a.token_user_email, \
     a.demo, a.rate_limit, a.created_at, a.last_pull_at, \
     EXISTS (SELECT 1 FROM account_secrets s WHERE s.account_id = a.id AND s.name = 'token')";

fn account_from_row(r: &Row<'_>) -> rusqlite::Result<Account> {
    let env: String = r.get(2)?;
    Ok(Account {
        id: r.get(0)?,
        fields: AccountFields {
            label: r.get(1)?,
            environment: Environment::parse(&env).unwrap_or(Environment::Other),
            base_url: r.get(3)?,
            token_user_email: r.get(4)?,
            demo: r.get(5)?,
            rate_limit: r.get(6)?,
        },
        created_at: r.get(7)?,
        last_pull_at: r.get(8)?,
        token_set: r.get(9)?,
    })
}

fn load_account(conn: &Connection, id: &str) -> Result<Account, StoreError> {
    conn.prepare_cached(&format!(
        "SELECT {ACCOUNT_COLUMNS} FROM accounts a WHERE a.id = ?1"
    ))?
    .query_row([id], account_from_row)
    .optional()?
    .ok_or_else(|| StoreError::AccountNotFound(id.to_owned()))
}

fn json_map(text: &str) -> Result<Map<String, Value>, StoreError> {
    match serde_json::from_str(text)? {
        Value::Object(m) => Ok(m),
        _ => Err(StoreError::Corrupt("sync base is not an object".into())),
    }
}

fn load_base(conn: &Connection, channel_id: &str) -> Result<Option<SyncBase>, StoreError> {
    let read = |r: &Row<'_>| -> rusqlite::Result<Result<SyncBase, StoreError>> {
        let (base, remote): (String, String) = (r.get(0)?, r.get(2)?);
        let (base_updated_at, remote_updated_at, fetched_at) = (r.get(1)?, r.get(3)?, r.get(4)?);
        Ok((|| {
            Ok(SyncBase {
                base: json_map(&base)?,
                base_updated_at,
                remote: json_map(&remote)?,
                remote_updated_at,
                fetched_at,
            })
        })())
    };
    conn.prepare_cached(
        "SELECT base, base_updated_at, remote, remote_updated_at, fetched_at \
         FROM sync_bases WHERE channel_id = ?1",
    )?
    .query_row([channel_id], read)
    .optional()?
    .transpose()
}

fn put_base(conn: &Connection, channel_id: &str, b: &SyncBase) -> Result<(), StoreError> {
    conn.prepare_cached(
        "INSERT INTO sync_bases (channel_id, base, base_updated_at, remote, remote_updated_at, fetched_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (channel_id) DO UPDATE SET \
         base = excluded.base, base_updated_at = excluded.base_updated_at, remote = excluded.remote, \
         remote_updated_at = excluded.remote_updated_at, fetched_at = excluded.fetched_at",
    )?
    .execute(params![
        channel_id,
        serde_json::to_string(&b.base)?,
        b.base_updated_at,
        serde_json::to_string(&b.remote)?,
        b.remote_updated_at,
        b.fetched_at
    ])?;
    Ok(())
}

impl SyncBase {
    /// Both sides agree on `remote` (after an adoption, a followed pull or a push).
    pub fn agreed(remote: Map<String, Value>, updated_at: Option<String>, now: i64) -> SyncBase {
        SyncBase {
            base: remote.clone(),
            base_updated_at: updated_at.clone(),
            remote,
            remote_updated_at: updated_at,
            fetched_at: now,
        }
    }
}

/// Records the newest server copy beside the channel's base (which stays the ancestor),
/// and the state that follows from it.
fn keep_remote(
    conn: &Connection,
    channel_id: &str,
    remote: Map<String, Value>,
    updated_at: Option<String>,
    now: i64,
    state: SyncState,
) -> Result<(), StoreError> {
    let b = match load_base(conn, channel_id)? {
        Some(mut b) => {
            b.remote = remote;
            b.remote_updated_at = updated_at;
            b.fetched_at = now;
            b
        }
        None => SyncBase::agreed(remote, updated_at, now),
    };
    put_base(conn, channel_id, &b)?;
    set_state(conn, channel_id, state)
}

fn set_state(conn: &Connection, channel_id: &str, state: SyncState) -> Result<(), StoreError> {
    conn.prepare_cached("UPDATE channels SET sync_state = ?2 WHERE id = ?1")?
        .execute(params![channel_id, state.as_str()])?;
    Ok(())
}

impl Store {
    pub fn create_account(&mut self, f: &AccountFields) -> Result<Account, StoreError> {
        let id = new_uuid();
        let now = now_ms();
        self.conn.execute(
            "INSERT INTO accounts (id, label, environment, base_url, token_user_email, demo, rate_limit, \
             created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
            params![
                id,
                f.label,
                f.environment.as_str(),
                f.base_url,
                f.token_user_email,
                f.demo,
                f.rate_limit,
                now
            ],
        )?;
        load_account(&self.conn, &id)
    }

    pub fn update_account(&mut self, id: &str, f: &AccountFields) -> Result<Account, StoreError> {
        let n = self.conn.execute(
            "UPDATE accounts SET label = ?2, environment = ?3, base_url = ?4, token_user_email = ?5, \
             demo = ?6, rate_limit = ?7, updated_at = ?8 WHERE id = ?1",
            params![
                id,
                f.label,
                f.environment.as_str(),
                f.base_url,
                f.token_user_email,
                f.demo,
                f.rate_limit,
                now_ms()
            ],
        )?;
        if n == 0 {
            return Err(StoreError::AccountNotFound(id.to_owned()));
        }
        load_account(&self.conn, id)
    }

    /// Removes an account, its token, its reference data and its provider apps. Its
    /// channels stay, as local-only channels (nothing the user drafted is lost). Returns
    /// how many.
    pub fn delete_account(&mut self, id: &str) -> Result<usize, StoreError> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        load_account(&tx, id)?;
        tx.execute(
            "DELETE FROM sync_bases WHERE channel_id IN (SELECT id FROM channels WHERE account_id = ?1)",
            [id],
        )?;
        let unlinked = tx.execute(
            "UPDATE channels SET account_id = NULL, remote_id = NULL, sync_state = 'local' \
             WHERE account_id = ?1",
            [id],
        )?;
        tx.execute("DELETE FROM reference_data WHERE account = ?1", [id])?;
        // Its provider apps go with it (their secrets are sealed to the account's scope).
        tx.execute("DELETE FROM oauth_apps WHERE account_id = ?1", [id])?;
        tx.execute("DELETE FROM accounts WHERE id = ?1", [id])?;
        tx.commit()?;
        Ok(unlinked)
    }

    pub fn accounts(&self) -> Result<Vec<Account>, StoreError> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {ACCOUNT_COLUMNS} FROM accounts a ORDER BY a.label COLLATE NOCASE, a.id"
        ))?;
        let rows = stmt.query_map([], account_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn account(&self, id: &str) -> Result<Account, StoreError> {
        load_account(&self.conn, id)
    }

    /// Stores a sealed account secret (the API token).
    pub fn set_account_secret(
        &mut self,
        id: &str,
        name: &str,
        sealed: &[u8],
    ) -> Result<(), StoreError> {
        load_account(&self.conn, id)?;
        self.conn.execute(
            "INSERT INTO account_secrets (account_id, name, sealed, updated_at) VALUES (?1, ?2, ?3, ?4) \
             ON CONFLICT (account_id, name) DO UPDATE SET sealed = excluded.sealed, updated_at = excluded.updated_at",
            params![id, name, sealed, now_ms()],
        )?;
        Ok(())
    }

    pub fn account_secret(&self, id: &str, name: &str) -> Result<Option<Vec<u8>>, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT sealed FROM account_secrets WHERE account_id = ?1 AND name = ?2",
                params![id, name],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// Every live channel linked to the account, with its draft and server side.
    pub fn linked_channels(&self, account_id: &str) -> Result<Vec<LinkedChannel>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.id, c.remote_id, c.draft_seq, d.doc FROM channels c JOIN drafts d ON d.channel_id = c.id \
             WHERE c.account_id = ?1 AND c.remote_id IS NOT NULL AND c.deleted_at IS NULL",
        )?;
        let rows: Vec<(String, String, i64, String)> = stmt
            .query_map([account_id], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })?
            .collect::<Result<_, _>>()?;
        rows.into_iter()
            .map(|(channel_id, remote_id, draft_seq, doc)| {
                let base = load_base(&self.conn, &channel_id)?;
                Ok(LinkedChannel {
                    channel_id,
                    remote_id,
                    draft_seq,
                    doc: serde_json::from_str(&doc)?,
                    base,
                })
            })
            .collect()
    }

    /// `(channel id, remote id)` of every live channel linked to the account (no documents).
    pub fn linked_ids(&self, account_id: &str) -> Result<Vec<(ChannelId, String)>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, remote_id FROM channels \
             WHERE account_id = ?1 AND remote_id IS NOT NULL AND deleted_at IS NULL",
        )?;
        let rows = stmt.query_map([account_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The server side of a linked channel.
    pub fn sync_base(&self, channel_id: &str) -> Result<Option<SyncBase>, StoreError> {
        load_base(&self.conn, channel_id)
    }

    /// Links a local channel to a source, with the server copy as its base.
    pub fn link_channel(
        &mut self,
        channel_id: &str,
        account_id: &str,
        remote_id: &str,
        base: &SyncBase,
        state: SyncState,
    ) -> Result<(), StoreError> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let n = tx.execute(
            "UPDATE channels SET account_id = ?2, remote_id = ?3, sync_state = ?4 \
             WHERE id = ?1 AND deleted_at IS NULL",
            params![channel_id, account_id, remote_id, state.as_str()],
        )?;
        if n == 0 {
            return Err(StoreError::NotFound(channel_id.to_owned()));
        }
        put_base(&tx, channel_id, base)?;
        tx.commit()?;
        Ok(())
    }

    /// Records a linked channel's state after a save compared its draft with the base.
    pub fn set_linked_state(
        &mut self,
        channel_id: &str,
        state: SyncState,
    ) -> Result<(), StoreError> {
        set_state(&self.conn, channel_id, state)
    }

    /// One page of a pull, whole or not at all. Returns what it did.
    pub fn commit_pull(
        &mut self,
        account_id: &str,
        writes: Vec<PullWrite>,
        unadopted: &[UnadoptedSource],
    ) -> Result<PullCounts, StoreError> {
        let now = now_ms();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut counts = PullCounts::default();
        for w in writes {
            match w {
                PullWrite::Adopt {
                    kind,
                    doc,
                    meta,
                    remote_id,
                    remote,
                    updated_at,
                } => {
                    let id = insert_channel(&tx, &kind, &doc, &meta, Origin::ServerPull, None)?;
                    tx.prepare_cached(
                        "UPDATE channels SET account_id = ?2, remote_id = ?3, sync_state = 'synced' WHERE id = ?1",
                    )?
                    .execute(params![id, account_id, remote_id])?;
                    let base = SyncBase::agreed(remote, updated_at, now);
                    put_base(&tx, &id, &base)?;
                    counts.adopted += 1;
                }
                PullWrite::Follow {
                    channel_id,
                    expected_seq,
                    doc,
                    meta,
                    remote,
                    updated_at,
                    server_moved,
                } => {
                    let seq: Option<i64> = tx
                        .prepare_cached(
                            "SELECT draft_seq FROM channels WHERE id = ?1 AND deleted_at IS NULL",
                        )?
                        .query_row([&channel_id], |r| r.get(0))
                        .optional()?;
                    match seq {
                        None => continue,
                        Some(s) if s != expected_seq => {
                            // Saved while we read: the user's draft wins; keep the server
                            // copy beside the base for the plan.
                            let state = if server_moved {
                                SyncState::Conflict
                            } else {
                                SyncState::Modified
                            };
                            keep_remote(&tx, &channel_id, remote, updated_at, now, state)?;
                            counts.changed_both += server_moved as u32;
                            counts.kept_local += !server_moved as u32;
                            continue;
                        }
                        Some(_) => {}
                    }
                    if server_moved {
                        let text = serde_json::to_string(&doc)?;
                        write_draft(&tx, &channel_id, &text, &meta, now)?;
                        insert_revision(
                            &tx,
                            &channel_id,
                            Origin::ServerPull,
                            None,
                            None,
                            &text,
                            &meta,
                            now,
                        )?;
                        counts.followed += 1;
                    } else {
                        counts.unchanged += 1;
                    }
                    let base = SyncBase::agreed(remote, updated_at, now);
                    put_base(&tx, &channel_id, &base)?;
                    set_state(&tx, &channel_id, SyncState::Synced)?;
                }
                PullWrite::Keep {
                    channel_id,
                    remote,
                    updated_at,
                    state,
                } => {
                    keep_remote(&tx, &channel_id, remote, updated_at, now, state)?;
                    if state == SyncState::Conflict {
                        counts.changed_both += 1;
                    } else {
                        counts.kept_local += 1;
                    }
                }
                PullWrite::Missing { channel_id } => {
                    set_state(&tx, &channel_id, SyncState::Error)?;
                    counts.missing += 1;
                }
                PullWrite::Pushed {
                    channel_id,
                    doc,
                    meta,
                    remote,
                    updated_at,
                    state,
                } => {
                    let text = serde_json::to_string(&doc)?;
                    write_draft(&tx, &channel_id, &text, &meta, now)?;
                    insert_revision(
                        &tx,
                        &channel_id,
                        Origin::ServerPush,
                        None,
                        None,
                        &text,
                        &meta,
                        now,
                    )?;
                    let base = SyncBase::agreed(remote, updated_at, now);
                    put_base(&tx, &channel_id, &base)?;
                    set_state(&tx, &channel_id, state)?;
                    counts.followed += 1;
                }
            }
        }
        for u in unadopted {
            tx.prepare_cached(
                "INSERT INTO unadopted_sources (account_id, remote_id, type, name, seen_at) VALUES (?1, ?2, ?3, ?4, ?5) \
                 ON CONFLICT (account_id, remote_id) DO UPDATE SET type = excluded.type, name = excluded.name, seen_at = excluded.seen_at",
            )?
            .execute(params![account_id, u.remote_id, u.source_type, u.name, now])?;
            counts.unadopted += 1;
        }
        tx.commit()?;
        Ok(counts)
    }

    /// Marks the end of a complete pull; sources no longer seen are forgotten from the
    /// unadopted list.
    pub fn finish_pull(&mut self, account_id: &str, started_at: i64) -> Result<(), StoreError> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute(
            "DELETE FROM unadopted_sources WHERE account_id = ?1 AND seen_at < ?2",
            params![account_id, started_at],
        )?;
        tx.execute(
            "UPDATE accounts SET last_pull_at = ?2 WHERE id = ?1",
            params![account_id, now_ms()],
        )?;
        tx.commit()?;
        Ok(())
    }

    pub fn unadopted_sources(&self, account_id: &str) -> Result<Vec<UnadoptedSource>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT remote_id, type, name FROM unadopted_sources WHERE account_id = ?1 ORDER BY type, remote_id",
        )?;
        let rows = stmt.query_map([account_id], |r| {
            Ok(UnadoptedSource {
                remote_id: r.get(0)?,
                source_type: r.get(1)?,
                name: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
