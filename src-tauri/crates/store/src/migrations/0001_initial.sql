-- Version 1: channels with their draft, revisions, sealed secrets, reference data,
-- bulk-edit batches. Documents are JSON text; the other columns exist to filter and sort.

-- The list's columns only: small rows, so that listing, counting and searching 10,000
-- channels reads a few pages instead of every document (documents live in `drafts`).
CREATE TABLE channels (
    id          TEXT PRIMARY KEY NOT NULL,
    kind        TEXT NOT NULL,
    name        TEXT NOT NULL,
    -- lower-cased name: SQLite's LIKE folds ASCII only, names are often accented
    name_fold   TEXT NOT NULL,
    community   TEXT,
    active      INTEGER NOT NULL,
    validity    TEXT NOT NULL,
    sync_state  TEXT NOT NULL,
    remote_id   TEXT,
    draft_seq   INTEGER NOT NULL DEFAULT 0,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    -- soft delete: set when deleted, cleared by undo; purged later
    deleted_at  INTEGER
);
-- The current document of each channel (what autosave overwrites).
CREATE TABLE drafts (
    channel_id  TEXT PRIMARY KEY NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
    doc         TEXT NOT NULL
);
-- One index per sort order of the list, each ending with the id tiebreaker so that a
-- page is read straight from the index without sorting every channel.
CREATE INDEX channels_live_name ON channels (name_fold, id) WHERE deleted_at IS NULL;
CREATE INDEX channels_live_kind ON channels (kind, name_fold, id) WHERE deleted_at IS NULL;
CREATE INDEX channels_live_updated ON channels (updated_at, id) WHERE deleted_at IS NULL;

CREATE TABLE revisions (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    channel_id    TEXT NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
    created_at    INTEGER NOT NULL,
    origin        TEXT NOT NULL,
    batch_id      TEXT,
    restored_from INTEGER,
    doc           TEXT NOT NULL,
    meta          TEXT NOT NULL
);
CREATE INDEX revisions_by_channel ON revisions (channel_id, id);
CREATE INDEX revisions_by_batch ON revisions (batch_id) WHERE batch_id IS NOT NULL;

-- Only sealed blobs (XChaCha20-Poly1305, see switchboard-vault): never plain text.
CREATE TABLE secrets (
    channel_id  TEXT NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
    path        TEXT NOT NULL,
    sealed      BLOB NOT NULL,
    updated_at  INTEGER NOT NULL,
    PRIMARY KEY (channel_id, path)
) WITHOUT ROWID;

CREATE TABLE reference_data (
    kind        TEXT NOT NULL,
    account     TEXT NOT NULL,
    data        TEXT NOT NULL,
    fetched_at  INTEGER NOT NULL,
    PRIMARY KEY (kind, account)
) WITHOUT ROWID;

CREATE TABLE bulk_batches (
    id          TEXT PRIMARY KEY NOT NULL,
    created_at  INTEGER NOT NULL,
    path        TEXT NOT NULL,
    value       TEXT NOT NULL,
    undone_at   INTEGER
);
CREATE TABLE bulk_items (
    batch_id    TEXT NOT NULL REFERENCES bulk_batches (id) ON DELETE CASCADE,
    channel_id  TEXT NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
    -- the value at the path before the edit, JSON; NULL when the path was absent
    before      TEXT,
    PRIMARY KEY (batch_id, channel_id)
) WITHOUT ROWID;
