-- Version 4: the apply journal and the sync history (see sync_journal.rs).
--
-- One row per apply (its frozen plan's hash) and one per channel of it, moved through
-- intent → sent → a result, each step committed before the next request: an apply killed
-- anywhere resumes from these rows, re-reading the server before anything is sent again.
-- Rows hold API field names and non-secret values only: secrets never enter a plan.

CREATE TABLE sync_applies (
    id           TEXT PRIMARY KEY NOT NULL,
    account_id   TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    plan_hash    TEXT NOT NULL,
    -- the frozen plan (JSON, no secret values): what a resume works from
    plan         TEXT NOT NULL,
    started_at   INTEGER NOT NULL,
    finished_at  INTEGER
);
CREATE INDEX sync_applies_account ON sync_applies (account_id, started_at);

CREATE TABLE sync_journal (
    apply_id    TEXT NOT NULL REFERENCES sync_applies (id) ON DELETE CASCADE,
    channel_id  TEXT NOT NULL,
    remote_id   TEXT NOT NULL,
    -- intent | sent | applied | stale | failed | cancelled
    step        TEXT NOT NULL,
    -- JSON: what happened (fields changed, fields the server changed or ignored, error)
    result      TEXT,
    updated_at  INTEGER NOT NULL,
    PRIMARY KEY (apply_id, channel_id)
);
