-- OAuth: the provider apps tokens are obtained for, and what is known about each
-- connected token besides the token itself (which is sealed in `secrets`, for its field).

-- A provider app per platform account, or in local settings (account_id = ''): client id
-- here, secret sealed by the vault (bound to the account and provider), and the endpoints'
-- base URL when it is not the provider's own (tests, sovereign clouds).
CREATE TABLE oauth_apps (
    account_id            TEXT NOT NULL DEFAULT '',
    provider              TEXT NOT NULL,
    client_id             TEXT NOT NULL,
    client_secret_sealed  BLOB,
    base_url              TEXT,
    redirect_port         INTEGER,
    updated_at            INTEGER NOT NULL,
    PRIMARY KEY (account_id, provider)
) WITHOUT ROWID;

-- One row per connected token field of a channel ("connected as …", expiry, health).
CREATE TABLE oauth_grants (
    channel_id        TEXT NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
    path              TEXT NOT NULL,
    provider          TEXT NOT NULL,
    account_name      TEXT,
    expires_at        INTEGER,
    refresh_failures  INTEGER NOT NULL DEFAULT 0,
    revoked           INTEGER NOT NULL DEFAULT 0,
    connected_at      INTEGER NOT NULL,
    PRIMARY KEY (channel_id, path)
) WITHOUT ROWID;
