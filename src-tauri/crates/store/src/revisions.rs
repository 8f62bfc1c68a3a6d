//! Revisions are checkpoints of a channel's document; the draft is always the current
//! state. Policy, so that autosaving every keystroke does not flood the history:
//!
//! - `save_draft` (the autosave) writes the draft only. It adds a revision by itself
//!   only when the channel's last revision is older than `AUTO_CHECKPOINT_AFTER_MS` and
//!   the document differs from it: a long editing session without an explicit save still
//!   leaves a trail, at most one revision per 10 minutes. Its origin is `Autosave`: a
//!   trail is not a save, and the draft stays "not saved" until the user saves.
//! - `checkpoint` is the explicit "save" (and what the shell calls when an editor closes):
//!   it adds a revision when the draft differs from the last revision, otherwise nothing.
//! - Creating, importing, bulk-editing, pulling from the server and restoring each add
//!   exactly one revision with their origin.

use crate::channels::{load, write_draft};
use crate::clock::now_ms;
use crate::diff::{diff_values, FieldChange};
use crate::error::StoreError;
use crate::model::{ChannelMeta, Origin, Revision, RevisionSummary};
use crate::Store;
use rusqlite::{params, Connection, OptionalExtension, Row};

/// Autosaves coalesce into one revision per this window.
pub const AUTO_CHECKPOINT_AFTER_MS: i64 = 10 * 60 * 1000;

#[allow(clippy::too_many_arguments)] // one column each
pub(crate) fn insert_revision(
    conn: &Connection,
    channel_id: &str,
    origin: Origin,
    batch_id: Option<&str>,
    restored_from: Option<i64>,
    doc_text: &str,
    meta: &ChannelMeta,
    now: i64,
) -> Result<i64, StoreError> {
    let meta_text = serde_json::to_string(meta)?;
    conn.prepare_cached(
        "INSERT INTO revisions (channel_id, created_at, origin, batch_id, restored_from, doc, meta) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![channel_id, now, origin.as_str(), batch_id, restored_from, doc_text, meta_text])?;
    Ok(conn.last_insert_rowid())
}

/// (created_at, doc) of the channel's newest revision.
fn last_revision(conn: &Connection, channel_id: &str) -> Result<Option<(i64, String)>, StoreError> {
    Ok(conn
        .prepare_cached(
            "SELECT created_at, doc FROM revisions WHERE channel_id = ?1 ORDER BY id DESC LIMIT 1",
        )?
        .query_row([channel_id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

pub(crate) fn maybe_auto_checkpoint(
    conn: &Connection,
    channel_id: &str,
    doc_text: &str,
    meta: &ChannelMeta,
    now: i64,
) -> Result<Option<i64>, StoreError> {
    // Only the timestamp is read on the hot path; the document only once the window
    // has passed.
    let last_at: Option<i64> = conn
        .prepare_cached("SELECT MAX(created_at) FROM revisions WHERE channel_id = ?1")?
        .query_row([channel_id], |r| r.get(0))?;
    if last_at.is_some_and(|t| now - t < AUTO_CHECKPOINT_AFTER_MS) {
        return Ok(None);
    }
    if last_revision(conn, channel_id)?.is_some_and(|(_, d)| d == doc_text) {
        return Ok(None);
    }
    insert_revision(
        conn,
        channel_id,
        Origin::Autosave,
        None,
        None,
        doc_text,
        meta,
        now,
    )
    .map(Some)
}

const REVISION_COLUMNS: &str = "id, channel_id, created_at, origin, batch_id, restored_from";

/// The newest revision that is not the autosave's trail: what "saved" means.
fn last_saved(conn: &Connection, channel_id: &str) -> Result<Option<Revision>, StoreError> {
    let id: Option<i64> = conn
        .prepare_cached(
            "SELECT id FROM revisions WHERE channel_id = ?1 AND origin != 'autosave' \
             ORDER BY id DESC LIMIT 1",
        )?
        .query_row([channel_id], |r| r.get(0))
        .optional()?;
    id.map(|id| load_revision(conn, id)).transpose()
}

fn summary_from_row(r: &Row<'_>) -> rusqlite::Result<RevisionSummary> {
    let origin: String = r.get(3)?;
    Ok(RevisionSummary {
        id: r.get(0)?,
        channel_id: r.get(1)?,
        created_at: r.get(2)?,
        origin: Origin::parse(&origin).unwrap_or(Origin::LocalEdit),
        batch_id: r.get(4)?,
        restored_from: r.get(5)?,
    })
}

pub(crate) fn load_revision(conn: &Connection, rev_id: i64) -> Result<Revision, StoreError> {
    let row = conn
        .prepare_cached(&format!(
            "SELECT {REVISION_COLUMNS}, doc, meta FROM revisions WHERE id = ?1"
        ))?
        .query_row([rev_id], |r| {
            Ok((
                summary_from_row(r)?,
                r.get::<_, String>(6)?,
                r.get::<_, String>(7)?,
            ))
        })
        .optional()?
        .ok_or(StoreError::RevisionNotFound(rev_id))?;
    Ok(Revision {
        summary: row.0,
        doc: serde_json::from_str(&row.1)?,
        meta: serde_json::from_str(&row.2)?,
    })
}

impl Store {
    /// The explicit "save": records the draft as a revision unless it equals the last
    /// saved revision. Returns the new revision's id, if one was made.
    pub fn checkpoint(
        &mut self,
        channel_id: &str,
        origin: Origin,
    ) -> Result<Option<i64>, StoreError> {
        let tx = self.write_tx()?;
        let ch = load(&tx, channel_id)?;
        let doc_text = serde_json::to_string(&ch.doc)?;
        // Against the last *saved* revision: an autosave trail holding the same document
        // is not a save, and Save must still make the draft saved.
        if last_saved(&tx, channel_id)?.is_some_and(|r| r.doc == ch.doc) {
            return Ok(None);
        }
        let id = insert_revision(
            &tx,
            channel_id,
            origin,
            None,
            None,
            &doc_text,
            &ch.meta,
            now_ms(),
        )?;
        tx.commit()?;
        Ok(Some(id))
    }

    /// Whether the draft differs from the last saved revision (the autosave's trail does
    /// not count as saved): the editor's and the list's "not saved yet".
    pub fn is_unsaved(&self, channel_id: &str) -> Result<bool, StoreError> {
        let ch = load(&self.conn, channel_id)?;
        let saved = last_saved(&self.conn, channel_id)?;
        Ok(saved.is_none_or(|r| r.doc != ch.doc))
    }

    /// "Discard changes": the last saved revision becomes the draft again. No revision is
    /// added (nothing new was saved); the autosave's trail keeps what was discarded.
    /// Returns whether there was anything to discard.
    pub fn discard_draft(&mut self, channel_id: &str) -> Result<bool, StoreError> {
        let tx = self.write_tx()?;
        let ch = load(&tx, channel_id)?;
        let Some(saved) = last_saved(&tx, channel_id)? else {
            return Ok(false);
        };
        if saved.doc == ch.doc {
            return Ok(false);
        }
        // What is thrown away stays reachable in the history, as the autosave would keep it.
        let now = now_ms();
        let discarded = serde_json::to_string(&ch.doc)?;
        insert_revision(
            &tx,
            channel_id,
            Origin::Autosave,
            None,
            None,
            &discarded,
            &ch.meta,
            now,
        )?;
        let doc_text = serde_json::to_string(&saved.doc)?;
        write_draft(&tx, channel_id, &doc_text, &saved.meta, now)?;
        tx.commit()?;
        Ok(true)
    }

    /// A channel's revisions, newest first.
    pub fn revisions(&self, channel_id: &str) -> Result<Vec<RevisionSummary>, StoreError> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {REVISION_COLUMNS} FROM revisions WHERE channel_id = ?1 ORDER BY id DESC"
        ))?;
        let rows = stmt.query_map([channel_id], summary_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn revision(&self, rev_id: i64) -> Result<Revision, StoreError> {
        load_revision(&self.conn, rev_id)
    }

    /// What changed from a revision to the current draft, field by field (`before` is the
    /// revision's value, `after` the draft's). Labels come from the catalogue.
    pub fn diff_with_draft(&self, rev_id: i64) -> Result<Vec<FieldChange>, StoreError> {
        let rev = load_revision(&self.conn, rev_id)?;
        let ch = load(&self.conn, &rev.summary.channel_id)?;
        Ok(diff_values(&rev.doc, &ch.doc))
    }

    /// What changed from revision `from` to revision `to` (any two, even of one channel).
    pub fn diff_revisions(&self, from: i64, to: i64) -> Result<Vec<FieldChange>, StoreError> {
        let a = load_revision(&self.conn, from)?;
        let b = load_revision(&self.conn, to)?;
        Ok(diff_values(&a.doc, &b.doc))
    }

    /// Puts a revision's document back as the draft and records that as a new revision
    /// (origin `Restore`), so restoring is itself undoable. Returns the new revision id.
    pub fn restore_revision(&mut self, rev_id: i64) -> Result<i64, StoreError> {
        let tx = self.write_tx()?;
        let rev = load_revision(&tx, rev_id)?;
        let now = now_ms();
        let doc_text = serde_json::to_string(&rev.doc)?;
        write_draft(&tx, &rev.summary.channel_id, &doc_text, &rev.meta, now)?;
        let new_id = insert_revision(
            &tx,
            &rev.summary.channel_id,
            Origin::Restore,
            None,
            Some(rev_id),
            &doc_text,
            &rev.meta,
            now,
        )?;
        tx.commit()?;
        tracing::debug!(channel = %rev.summary.channel_id, rev_id, new_id, "revision restored");
        Ok(new_id)
    }

    /// Records a document pulled from the platform: the draft becomes it, with a
    /// `ServerPull` revision.
    pub fn apply_server_pull(
        &mut self,
        channel_id: &str,
        doc: &serde_json::Value,
        meta: &ChannelMeta,
    ) -> Result<i64, StoreError> {
        let tx = self.write_tx()?;
        let now = now_ms();
        let doc_text = serde_json::to_string(doc)?;
        write_draft(&tx, channel_id, &doc_text, meta, now)?;
        let id = insert_revision(
            &tx,
            channel_id,
            Origin::ServerPull,
            None,
            None,
            &doc_text,
            meta,
            now,
        )?;
        tx.commit()?;
        Ok(id)
    }
}

/// Test hooks (hidden from the docs): read a pragma; age every revision so that the next
/// autosave passes the checkpoint window.
#[doc(hidden)]
impl Store {
    pub fn pragma_for_test(&self, name: &str) -> i64 {
        self.conn
            .query_row(&format!("PRAGMA {name}"), [], |r| r.get(0))
            .unwrap()
    }

    pub fn age_revisions_for_test(&mut self, by_ms: i64) -> Result<(), StoreError> {
        self.conn
            .execute("UPDATE revisions SET created_at = created_at - ?1", [by_ms])?;
        Ok(())
    }
}
