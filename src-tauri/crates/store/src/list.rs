//! The channel list: text search on the name, filters, sort, paging, and counts per kind,
//! per validity and per connection health (for the filter chips).

use crate::channels::fold;
use crate::clock::now_ms;
use crate::error::StoreError;
use crate::model::{ChannelSummary, SyncState, Validity};
use crate::oauth::{health_condition, HealthFilter};
use crate::Store;
use rusqlite::types::Value as SqlValue;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum SortKey {
    #[default]
    Name,
    Kind,
    UpdatedAt,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(default)]
pub struct ListQuery {
    /// Case-insensitive substring of the name.
    #[ts(optional)]
    pub search: Option<String>,
    pub kind: Option<String>,
    pub active: Option<bool>,
    pub validity: Option<Validity>,
    pub community: Option<String>,
    /// Channels with a connected token in this state.
    pub health: Option<HealthFilter>,
    /// Channels of one platform account (`Some("")`: local-only channels).
    #[ts(optional = nullable)]
    pub account: Option<String>,
    #[ts(optional = nullable)]
    pub sync_state: Option<SyncState>,
    pub sort: SortKey,
    pub descending: bool,
    /// `None`: no limit.
    pub limit: Option<u32>,
    pub offset: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, TS)]
#[ts(export)]
pub struct Counts {
    #[ts(type = "Record<string, number>")]
    pub by_kind: BTreeMap<String, u64>,
    #[ts(type = "Record<string, number>")]
    pub by_validity: BTreeMap<String, u64>,
    /// Per `HealthFilter` (snake_case), channels with a connection in that state.
    #[ts(type = "Record<string, number>")]
    pub by_health: BTreeMap<String, u64>,
    #[ts(type = "Record<string, number>")]
    pub by_sync_state: BTreeMap<String, u64>,
    /// By platform account id ("" for local-only channels).
    #[ts(type = "Record<string, number>")]
    pub by_account: BTreeMap<String, u64>,
    /// "true" / "false": active and inactive channels.
    #[ts(type = "Record<string, number>")]
    pub by_active: BTreeMap<String, u64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ListPage {
    pub items: Vec<ChannelSummary>,
    /// Channels matching the whole query, before paging.
    #[ts(type = "number")]
    pub total: u64,
    /// Per chip group, counts over the channels matching the search and every other
    /// group's filter (the kind counts follow the validity chip, and so on), so that each
    /// chip shows how many it would select.
    pub counts: Counts,
}

/// One chip group's counts, by value.
type CountMap = BTreeMap<String, u64>;
/// Removes one filter from a query (the group being counted).
type ClearFilter = fn(&mut ListQuery);

fn where_clause(q: &ListQuery) -> (String, Vec<SqlValue>) {
    let mut sql = String::from(" WHERE deleted_at IS NULL");
    let mut args: Vec<SqlValue> = Vec::new();
    if let Some(s) = q.search.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        args.push(SqlValue::Text(fold(s)));
        sql.push_str(&format!(" AND instr(name_fold, ?{}) > 0", args.len()));
    }
    if let Some(k) = &q.kind {
        args.push(SqlValue::Text(k.clone()));
        sql.push_str(&format!(" AND kind = ?{}", args.len()));
    }
    if let Some(a) = q.active {
        args.push(SqlValue::Integer(a.into()));
        sql.push_str(&format!(" AND active = ?{}", args.len()));
    }
    if let Some(v) = q.validity {
        args.push(SqlValue::Text(v.as_str().into()));
        sql.push_str(&format!(" AND validity = ?{}", args.len()));
    }
    if let Some(c) = &q.community {
        args.push(SqlValue::Text(c.clone()));
        sql.push_str(&format!(" AND community = ?{}", args.len()));
    }
    if let Some(h) = q.health {
        args.push(SqlValue::Integer(now_ms()));
        sql.push_str(&format!(" AND {}", health_condition(h, args.len())));
    }
    match q.account.as_deref() {
        None => {}
        Some("") => sql.push_str(" AND account_id IS NULL"),
        Some(a) => {
            args.push(SqlValue::Text(a.to_owned()));
            sql.push_str(&format!(" AND account_id = ?{}", args.len()));
        }
    }
    if let Some(s) = q.sync_state {
        args.push(SqlValue::Text(s.as_str().into()));
        sql.push_str(&format!(" AND sync_state = ?{}", args.len()));
    }
    (sql, args)
}

impl Store {
    pub fn list(&self, q: &ListQuery) -> Result<ListPage, StoreError> {
        let (filter, args) = where_clause(q);
        let d = if q.descending { "DESC" } else { "ASC" };
        // Matches the indexes of migration 1 column for column (see there).
        let order = match q.sort {
            SortKey::Name => format!("name_fold {d}, id {d}"),
            SortKey::Kind => format!("kind {d}, name_fold {d}, id {d}"),
            SortKey::UpdatedAt => format!("updated_at {d}, id {d}"),
        };
        let sql = format!(
            "SELECT id, kind, name, community, active, validity, sync_state, remote_id, updated_at, \
             EXISTS (SELECT 1 FROM secrets s WHERE s.channel_id = channels.id AND length(s.sealed) = 0), \
             account_id, \
             (SELECT json_extract(d.doc, '$.general.icon_colour') FROM drafts d WHERE d.channel_id = channels.id), \
             (SELECT r.doc != (SELECT d.doc FROM drafts d WHERE d.channel_id = channels.id) \
              FROM revisions r WHERE r.channel_id = channels.id AND r.origin != 'autosave' \
              ORDER BY r.id DESC LIMIT 1), \
             (SELECT json_extract(r.meta, '$.name') \
              FROM revisions r WHERE r.channel_id = channels.id AND r.origin != 'autosave' \
              ORDER BY r.id DESC LIMIT 1) \
             FROM channels{filter} ORDER BY {order} LIMIT {} OFFSET {}",
            q.limit.map_or(-1, i64::from),
            q.offset
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let items = stmt
            .query_map(rusqlite::params_from_iter(args.iter()), |r| {
                let validity: String = r.get(5)?;
                let sync: String = r.get(6)?;
                Ok(ChannelSummary {
                    id: r.get(0)?,
                    kind: r.get(1)?,
                    name: r.get(2)?,
                    community: r.get(3)?,
                    active: r.get(4)?,
                    validity: Validity::parse(&validity).unwrap_or(Validity::Unknown),
                    sync_state: SyncState::parse(&sync).unwrap_or(SyncState::Local),
                    account_id: r.get(10)?,
                    remote_id: r.get(7)?,
                    updated_at: r.get(8)?,
                    secrets_to_reenter: r.get(9)?,
                    // A colour that is not text (a hand-edited file) is no colour.
                    colour: r.get::<_, Option<String>>(11).unwrap_or(None),
                    unsaved: r.get::<_, Option<bool>>(12)?.unwrap_or(false),
                    saved_name: r.get(13)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        let total: i64 = self
            .conn
            .prepare_cached(&format!("SELECT COUNT(*) FROM channels{filter}"))?
            .query_row(rusqlite::params_from_iter(args.iter()), |r| r.get(0))?;
        let total = total as u64;
        Ok(ListPage {
            items,
            total,
            counts: self.counts(q)?,
        })
    }

    fn counts(&self, q: &ListQuery) -> Result<Counts, StoreError> {
        let mut counts = Counts::default();
        // Each group is counted with every filter but its own: pressing one of its chips
        // replaces that filter, so that is what the chip would show.
        let without = |clear: fn(&mut ListQuery)| {
            let mut q = q.clone();
            clear(&mut q);
            where_clause(&q)
        };
        let groups: [(&str, &mut CountMap, ClearFilter); 5] = [
            ("kind", &mut counts.by_kind, |q| q.kind = None),
            ("validity", &mut counts.by_validity, |q| q.validity = None),
            ("sync_state", &mut counts.by_sync_state, |q| {
                q.sync_state = None
            }),
            ("COALESCE(account_id, '')", &mut counts.by_account, |q| {
                q.account = None
            }),
            (
                "CASE active WHEN 0 THEN 'false' ELSE 'true' END",
                &mut counts.by_active,
                |q| q.active = None,
            ),
        ];
        for (col, map, clear) in groups {
            let (filter, args) = without(clear);
            let mut stmt = self.conn.prepare_cached(&format!(
                "SELECT {col}, COUNT(*) FROM channels{filter} GROUP BY {col}"
            ))?;
            let rows = stmt.query_map(rusqlite::params_from_iter(args.iter()), |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)? as u64))
            })?;
            for row in rows {
                let (k, n) = row?;
                map.insert(k, n);
            }
        }
        let (filter, args) = without(|q| q.health = None);
        for h in [
            HealthFilter::ExpiresSoon,
            HealthFilter::NeedsReauthorization,
        ] {
            let mut args = args.clone();
            args.push(SqlValue::Integer(now_ms()));
            let n: i64 = self
                .conn
                .prepare_cached(&format!(
                    "SELECT COUNT(*) FROM channels{filter} AND {}",
                    health_condition(h, args.len())
                ))?
                .query_row(rusqlite::params_from_iter(args.iter()), |r| r.get(0))?;
            if n > 0 {
                counts.by_health.insert(h.as_str().to_owned(), n as u64);
            }
        }
        Ok(counts)
    }

    /// Ids of every live channel (export all, bulk edit of a whole filter).
    pub fn all_ids(&self) -> Result<Vec<String>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id FROM channels WHERE deleted_at IS NULL ORDER BY name_fold, id",
        )?;
        let ids = stmt
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        Ok(ids)
    }
}
