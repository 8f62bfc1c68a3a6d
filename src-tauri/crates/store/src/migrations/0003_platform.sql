-- Version 3: platform accounts, the link of a channel to one remote source of one
-- account, and the server side of each linked channel (see platform.rs).

CREATE TABLE accounts (
    id               TEXT PRIMARY KEY NOT NULL,
    label            TEXT NOT NULL,
    -- production | sandbox | other: shown as a coloured badge wherever the account's
    -- channels appear
    environment      TEXT NOT NULL,
    base_url         TEXT NOT NULL,
    -- the token's user (the API has no "me"): its role tells what the token may do
    token_user_email TEXT,
    -- the app's own demo platform (the emulator on loopback)
    demo             INTEGER NOT NULL DEFAULT 0,
    -- the platform's documented limit per minute; Switchboard uses 80% of it
    rate_limit       INTEGER NOT NULL DEFAULT 500,
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL,
    last_pull_at     INTEGER
);

-- Only sealed blobs (the API token), as for channel secrets.
CREATE TABLE account_secrets (
    account_id  TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    sealed      BLOB NOT NULL,
    updated_at  INTEGER NOT NULL,
    PRIMARY KEY (account_id, name)
) WITHOUT ROWID;

-- A channel is local-only (account_id NULL) or linked to one source of one account.
ALTER TABLE channels ADD COLUMN account_id TEXT;
CREATE UNIQUE INDEX channels_remote ON channels (account_id, remote_id)
    WHERE remote_id IS NOT NULL AND deleted_at IS NULL;
CREATE INDEX channels_live_account ON channels (account_id, sync_state) WHERE deleted_at IS NULL;

-- The server side of a linked channel, as normalized API fields (JSON objects).
-- `base`: the last state both sides agreed on (after a pull the draft followed, or a
-- push): the common ancestor of a three-way plan. `remote`: the newest server copy seen.
-- They differ only while the channel is changed on both sides.
CREATE TABLE sync_bases (
    channel_id         TEXT PRIMARY KEY NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
    base               TEXT NOT NULL,
    base_updated_at    TEXT,
    remote             TEXT NOT NULL,
    remote_updated_at  TEXT,
    fetched_at         INTEGER NOT NULL
);

-- Sources a pull saw but could not adopt (a type no catalogue kind maps to): listed with
-- their type string, never dropped silently.
CREATE TABLE unadopted_sources (
    account_id  TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    remote_id   TEXT NOT NULL,
    type        TEXT NOT NULL,
    name        TEXT,
    seen_at     INTEGER NOT NULL,
    PRIMARY KEY (account_id, remote_id)
) WITHOUT ROWID;
