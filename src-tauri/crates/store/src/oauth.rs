//! OAuth records: provider apps (client id in the clear, secret sealed) and, for each
//! connected token field of a channel, what the editor shows about it ("connected as",
//! expiry, refresh failures). The token itself is a sealed secret like any other
//! (`secrets`), written in the same transaction as its grant row so the two never
//! disagree.

use crate::clock::now_ms;
use crate::error::StoreError;
use crate::Store;
use rusqlite::{params, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Consecutive transient refresh failures after which a connection needs a new sign-in,
/// and how close an expiry is "soon": the rules of switchboard-oauth's `GrantState`,
/// repeated here as SQL for the list's filter (a test in switchboard-channels keeps the
/// two equal).
pub const REFRESH_FAILURE_THRESHOLD: u32 = 3;
pub const EXPIRES_SOON_MS: i64 = 7 * 24 * 3600 * 1000;

/// The connection states the list filters on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum HealthFilter {
    ExpiresSoon,
    NeedsReauthorization,
}

impl HealthFilter {
    pub fn as_str(self) -> &'static str {
        match self {
            HealthFilter::ExpiresSoon => "expires_soon",
            HealthFilter::NeedsReauthorization => "needs_reauthorization",
        }
    }
}

/// SQL condition on `channels` rows: some connected token of the channel is in state
/// `h`. `now` is the index of the parameter holding the current time (Unix ms).
pub(crate) fn health_condition(h: HealthFilter, now: usize) -> String {
    let t = REFRESH_FAILURE_THRESHOLD;
    let inner = match h {
        HealthFilter::NeedsReauthorization => {
            format!("g.revoked = 1 OR g.refresh_failures >= {t} OR g.expires_at <= ?{now}")
        }
        HealthFilter::ExpiresSoon => format!(
            "g.revoked = 0 AND g.refresh_failures < {t} AND g.expires_at > ?{now} \
             AND g.expires_at <= ?{now} + {EXPIRES_SOON_MS}"
        ),
    };
    format!("EXISTS (SELECT 1 FROM oauth_grants g WHERE g.channel_id = channels.id AND ({inner}))")
}

/// The local settings' "account" (no platform account).
pub const LOCAL_ACCOUNT: &str = "";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OAuthAppRow {
    /// A platform account id, or `LOCAL_ACCOUNT`.
    pub account_id: String,
    pub provider: String,
    pub client_id: String,
    /// Sealed by the vault; never in the clear here.
    pub client_secret_sealed: Option<Vec<u8>>,
    pub base_url: Option<String>,
    pub redirect_port: Option<u16>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GrantRow {
    pub channel_id: String,
    /// The secret field the token is sealed for.
    pub path: String,
    pub provider: String,
    pub account_name: Option<String>,
    pub expires_at: Option<i64>,
    pub refresh_failures: u32,
    pub revoked: bool,
    pub connected_at: i64,
}

fn app_row(r: &Row) -> rusqlite::Result<OAuthAppRow> {
    Ok(OAuthAppRow {
        account_id: r.get(0)?,
        provider: r.get(1)?,
        client_id: r.get(2)?,
        client_secret_sealed: r.get(3)?,
        base_url: r.get(4)?,
        redirect_port: r.get(5)?,
    })
}

fn grant_row(r: &Row) -> rusqlite::Result<GrantRow> {
    Ok(GrantRow {
        channel_id: r.get(0)?,
        path: r.get(1)?,
        provider: r.get(2)?,
        account_name: r.get(3)?,
        expires_at: r.get(4)?,
        refresh_failures: r.get(5)?,
        revoked: r.get(6)?,
        connected_at: r.get(7)?,
    })
}

const GRANT_COLS: &str =
    "channel_id, path, provider, account_name, expires_at, refresh_failures, revoked, connected_at";

impl Store {
    pub fn put_oauth_app(&mut self, app: &OAuthAppRow) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT INTO oauth_apps (account_id, provider, client_id, client_secret_sealed, base_url, redirect_port, updated_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) \
             ON CONFLICT (account_id, provider) DO UPDATE SET client_id = excluded.client_id, \
             client_secret_sealed = excluded.client_secret_sealed, base_url = excluded.base_url, \
             redirect_port = excluded.redirect_port, updated_at = excluded.updated_at",
            params![
                app.account_id,
                app.provider,
                app.client_id,
                app.client_secret_sealed,
                app.base_url,
                app.redirect_port,
                now_ms()
            ],
        )?;
        Ok(())
    }

    pub fn oauth_app(
        &self,
        account_id: &str,
        provider: &str,
    ) -> Result<Option<OAuthAppRow>, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT account_id, provider, client_id, client_secret_sealed, base_url, redirect_port \
                 FROM oauth_apps WHERE account_id = ?1 AND provider = ?2",
                params![account_id, provider],
                app_row,
            )
            .optional()?)
    }

    pub fn oauth_apps(&self, account_id: &str) -> Result<Vec<OAuthAppRow>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT account_id, provider, client_id, client_secret_sealed, base_url, redirect_port \
             FROM oauth_apps WHERE account_id = ?1 ORDER BY provider",
        )?;
        let rows = stmt
            .query_map([account_id], app_row)?
            .collect::<Result<_, _>>()?;
        Ok(rows)
    }

    pub fn delete_oauth_app(
        &mut self,
        account_id: &str,
        provider: &str,
    ) -> Result<bool, StoreError> {
        Ok(self.conn.execute(
            "DELETE FROM oauth_apps WHERE account_id = ?1 AND provider = ?2",
            params![account_id, provider],
        )? > 0)
    }

    /// A new connection: the sealed token into its secret field and the grant row, in
    /// one transaction (a re-authorization replaces both and clears the failures).
    pub fn connect_grant(&mut self, grant: &GrantRow, sealed: &[u8]) -> Result<(), StoreError> {
        let tx = self.conn.transaction()?;
        let live: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM channels WHERE id = ?1 AND deleted_at IS NULL)",
            [&grant.channel_id],
            |r| r.get(0),
        )?;
        if !live {
            return Err(StoreError::NotFound(grant.channel_id.clone()));
        }
        let now = now_ms();
        tx.execute(
            "INSERT INTO secrets (channel_id, path, sealed, updated_at) VALUES (?1, ?2, ?3, ?4) \
             ON CONFLICT (channel_id, path) DO UPDATE SET sealed = excluded.sealed, \
             updated_at = excluded.updated_at, generation = secrets.generation + 1",
            params![grant.channel_id, grant.path, sealed, now],
        )?;
        tx.execute(
            &format!(
                "INSERT OR REPLACE INTO oauth_grants ({GRANT_COLS}) VALUES (?1, ?2, ?3, ?4, ?5, 0, 0, ?6)"
            ),
            params![
                grant.channel_id,
                grant.path,
                grant.provider,
                grant.account_name,
                grant.expires_at,
                now
            ],
        )?;
        tx.commit()?;
        tracing::info!(channel = %grant.channel_id, path = %grant.path, provider = %grant.provider, "connected (token sealed)");
        Ok(())
    }

    pub fn grants(&self, channel_id: &str) -> Result<Vec<GrantRow>, StoreError> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {GRANT_COLS} FROM oauth_grants WHERE channel_id = ?1 ORDER BY path"
        ))?;
        let rows = stmt
            .query_map([channel_id], grant_row)?
            .collect::<Result<_, _>>()?;
        Ok(rows)
    }

    /// Every grant of live channels (the list's health filter).
    pub fn all_grants(&self) -> Result<Vec<GrantRow>, StoreError> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT g.{} FROM oauth_grants g JOIN channels c ON c.id = g.channel_id \
             WHERE c.deleted_at IS NULL ORDER BY g.channel_id, g.path",
            GRANT_COLS.replace(", ", ", g.")
        ))?;
        let rows = stmt.query_map([], grant_row)?.collect::<Result<_, _>>()?;
        Ok(rows)
    }

    /// The outcome of a refresh: failures and revocation as the health rules decided.
    pub fn record_refresh(
        &mut self,
        channel_id: &str,
        path: &str,
        refresh_failures: u32,
        revoked: bool,
    ) -> Result<(), StoreError> {
        self.conn.execute(
            "UPDATE oauth_grants SET refresh_failures = ?3, revoked = ?4 WHERE channel_id = ?1 AND path = ?2",
            params![channel_id, path, refresh_failures, revoked],
        )?;
        Ok(())
    }
}
