//! Bulk edit: one setting set to one value on many channels. The preview says exactly
//! what would change per channel; applying is one transaction with one `BulkEdit`
//! revision per changed channel, grouped by a batch id; undo puts each channel's previous
//! value back, but only where the value is still the one the batch wrote (a channel
//! edited since keeps its newer value and is reported as skipped).

use crate::channels::{load, write_draft};
use crate::clock::now_ms;
use crate::error::StoreError;
use crate::ids::new_uuid;
use crate::model::{Channel, ChannelId, Origin};
use crate::revisions::insert_revision;
use crate::schema::DocSchema;
use crate::Store;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use serde_json::Value;
use switchboard_core::{jsonpath, FieldMsg};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum BulkStatus {
    Changes,
    /// Already has the value.
    Unchanged,
    /// The path does not fit this channel's document (another kind's setting).
    NotApplicable,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct BulkChange {
    pub id: ChannelId,
    pub name: String,
    pub status: BulkStatus,
    #[ts(type = "unknown")]
    pub before: Option<Value>,
    #[ts(type = "unknown")]
    pub after: Value,
    /// The problems this change would cause on this channel (the editor's validator,
    /// filled in by the caller that knows it): applying refuses a change that has any.
    pub problems: Vec<FieldMsg>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct BulkPreview {
    pub path: String,
    #[ts(type = "unknown")]
    pub value: Value,
    pub channels: Vec<BulkChange>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct BulkApplied {
    pub batch_id: String,
    pub changed: Vec<ChannelId>,
    pub untouched: Vec<ChannelId>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct BulkUndone {
    pub batch_id: String,
    pub reverted: Vec<ChannelId>,
    /// Edited (at that path) or deleted since the batch: left as they are.
    pub skipped: Vec<ChannelId>,
}

fn check_path(path: &str, kind: &str, schema: &dyn DocSchema) -> Result<(), StoreError> {
    if schema.secret_paths(kind).iter().any(|s| s == path) || path == "kind" {
        return Err(StoreError::BadPath(path.to_owned()));
    }
    Ok(())
}

fn plan(ch: &Channel, path: &str, value: &Value) -> (BulkChange, Option<Value>) {
    let before = jsonpath::get(&ch.doc, path).cloned();
    let mut doc = ch.doc.clone();
    let (status, new_doc) = if before.as_ref() == Some(value) {
        (BulkStatus::Unchanged, None)
    } else if jsonpath::set(&mut doc, path, value.clone()) {
        (BulkStatus::Changes, Some(doc))
    } else {
        (BulkStatus::NotApplicable, None)
    };
    let change = BulkChange {
        id: ch.id.clone(),
        name: ch.meta.name.clone(),
        status,
        before,
        after: value.clone(),
        problems: Vec::new(),
    };
    (change, new_doc)
}

fn preview_in(
    conn: &Connection,
    ids: &[String],
    path: &str,
    value: &Value,
    schema: &dyn DocSchema,
) -> Result<Vec<(Channel, BulkChange, Option<Value>)>, StoreError> {
    ids.iter()
        .map(|id| {
            let ch = load(conn, id)?;
            check_path(path, &ch.kind, schema)?;
            let (change, doc) = plan(&ch, path, value);
            Ok((ch, change, doc))
        })
        .collect()
}

impl Store {
    pub fn bulk_preview(
        &self,
        ids: &[String],
        path: &str,
        value: &Value,
        schema: &dyn DocSchema,
    ) -> Result<BulkPreview, StoreError> {
        let channels = preview_in(&self.conn, ids, path, value, schema)?
            .into_iter()
            .map(|(_, c, _)| c)
            .collect();
        Ok(BulkPreview {
            path: path.to_owned(),
            value: value.clone(),
            channels,
        })
    }

    pub fn bulk_apply(
        &mut self,
        ids: &[String],
        path: &str,
        value: &Value,
        schema: &dyn DocSchema,
    ) -> Result<BulkApplied, StoreError> {
        let tx = self.write_tx()?;
        let plans = preview_in(&tx, ids, path, value, schema)?;
        let batch_id = new_uuid();
        let now = now_ms();
        tx.execute(
            "INSERT INTO bulk_batches (id, created_at, path, value) VALUES (?1, ?2, ?3, ?4)",
            params![batch_id, now, path, serde_json::to_string(value)?],
        )?;
        let (mut changed, mut untouched) = (Vec::new(), Vec::new());
        for (ch, change, doc) in plans {
            let Some(doc) = doc else {
                untouched.push(ch.id);
                continue;
            };
            let meta = schema.meta(&ch.kind, &doc);
            let doc_text = serde_json::to_string(&doc)?;
            write_draft(&tx, &ch.id, &doc_text, &meta, now)?;
            insert_revision(
                &tx,
                &ch.id,
                Origin::BulkEdit,
                Some(&batch_id),
                None,
                &doc_text,
                &meta,
                now,
            )?;
            let before = change
                .before
                .as_ref()
                .map(serde_json::to_string)
                .transpose()?;
            tx.execute(
                "INSERT INTO bulk_items (batch_id, channel_id, before) VALUES (?1, ?2, ?3)",
                params![batch_id, ch.id, before],
            )?;
            changed.push(ch.id);
        }
        tx.commit()?;
        tracing::info!(%batch_id, path, changed = changed.len(), "bulk edit applied");
        Ok(BulkApplied {
            batch_id,
            changed,
            untouched,
        })
    }

    pub fn bulk_undo(
        &mut self,
        batch_id: &str,
        schema: &dyn DocSchema,
    ) -> Result<BulkUndone, StoreError> {
        let tx = self.write_tx()?;
        let batch: Option<(String, String, Option<i64>)> = tx
            .query_row(
                "SELECT path, value, undone_at FROM bulk_batches WHERE id = ?1",
                [batch_id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        let (path, value, undone) =
            batch.ok_or_else(|| StoreError::BatchNotFound(batch_id.to_owned()))?;
        if undone.is_some() {
            return Err(StoreError::BatchAlreadyUndone(batch_id.to_owned()));
        }
        let value: Value = serde_json::from_str(&value)?;
        let items: Vec<(String, Option<String>)> = tx
            .prepare(
                "SELECT channel_id, before FROM bulk_items WHERE batch_id = ?1 ORDER BY channel_id",
            )?
            .query_map([batch_id], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        let now = now_ms();
        let (mut reverted, mut skipped) = (Vec::new(), Vec::new());
        for (id, before) in items {
            let ch = match load(&tx, &id) {
                Ok(ch) => ch,
                Err(StoreError::NotFound(_)) => {
                    skipped.push(id);
                    continue;
                }
                Err(e) => return Err(e),
            };
            if jsonpath::get(&ch.doc, &path) != Some(&value) {
                skipped.push(id);
                continue;
            }
            let mut doc = ch.doc;
            match before {
                Some(b) => {
                    jsonpath::set(&mut doc, &path, serde_json::from_str(&b)?);
                }
                None => {
                    jsonpath::remove(&mut doc, &path);
                }
            }
            let meta = schema.meta(&ch.kind, &doc);
            let doc_text = serde_json::to_string(&doc)?;
            write_draft(&tx, &id, &doc_text, &meta, now)?;
            insert_revision(
                &tx,
                &id,
                Origin::BulkEdit,
                Some(batch_id),
                None,
                &doc_text,
                &meta,
                now,
            )?;
            reverted.push(id);
        }
        tx.execute(
            "UPDATE bulk_batches SET undone_at = ?2 WHERE id = ?1",
            params![batch_id, now],
        )?;
        tx.commit()?;
        Ok(BulkUndone {
            batch_id: batch_id.to_owned(),
            reverted,
            skipped,
        })
    }
}
