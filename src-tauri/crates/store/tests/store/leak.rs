//! Leak test at the store level: a unique marker goes into every secret field, through
//! the vault and the store, with debug logging on; then the database file, its WAL, the
//! backups, the logs, the export and every reply the shell would send over IPC are
//! searched for it. Expected: zero occurrences (and the secrets still open correctly, so
//! the marker really went in).

use serde_json::{json, Value};
use std::path::Path;
use switchboard_core::{logging::file_subscriber, FieldMsg, Sensitive};
use switchboard_store::{BasicSchema, ChannelMeta, DocSchema, ListQuery, Origin, Store};
use switchboard_vault::{MemoryKeySource, Vault};

/// Kinds and their secret settings, as the catalogue declares them (the lead can swap in
/// the catalogue's own list once it lands).
const SECRET_FIELDS: &[(&str, &[&str])] = &[
    ("email", &["imap.password", "smtp.password"]),
    ("postmark", &["postmark.server_token"]),
    ("facebook_page", &["oauth.access_token"]),
    ("twitter", &["oauth.token", "oauth.token_secret"]),
];

struct LeakSchema;
impl DocSchema for LeakSchema {
    fn validate(&self, kind: &str, doc: &Value) -> Vec<FieldMsg> {
        BasicSchema.validate(kind, doc)
    }
    fn meta(&self, kind: &str, doc: &Value) -> ChannelMeta {
        BasicSchema.meta(kind, doc)
    }
    fn secret_paths(&self, kind: &str) -> Vec<String> {
        SECRET_FIELDS
            .iter()
            .filter(|(k, _)| *k == kind)
            .flat_map(|(_, p)| p.iter().map(|s| s.to_string()))
            .collect()
    }
}

fn occurrences(hay: &[u8], needle: &[u8]) -> usize {
    hay.windows(needle.len()).filter(|w| *w == needle).count()
}

fn files_under(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(files_under(&p));
        } else {
            out.push(p);
        }
    }
    out
}

#[test]
fn a_secret_marker_appears_nowhere() {
    let marker = format!(
        "LEAK-{:x}-MARKER",
        std::process::id() as u64 * 7919 + 0x5eed
    );
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("switchboard.sqlite3");
    let logs = dir.path().join("logs");
    let export_file = dir.path().join("export.json");
    let vault = Vault::new(MemoryKeySource::random());
    let mut ipc_replies: Vec<String> = Vec::new();
    let mut ids = Vec::new();

    let (subscriber, guard) = file_subscriber(&logs, "trace").unwrap();
    tracing::subscriber::with_default(subscriber, || {
        let mut store = Store::open(&db).unwrap();
        for (kind, paths) in SECRET_FIELDS {
            let doc = json!({"kind": kind, "general": {"name": format!("{kind} channel"), "active": true}});
            let id = store
                .create(kind, &doc, &LeakSchema.meta(kind, &doc), Origin::LocalEdit)
                .unwrap();
            for path in *paths {
                // What the shell does when the user saves a secret.
                let secret = Sensitive::new(marker.clone());
                tracing::debug!(?secret, %secret, path, "secret received from the form");
                let sealed = vault.seal(&id, path, &secret).unwrap();
                store.set_secret(&id, path, &sealed).unwrap();
            }
            store
                .save_draft(&id, &doc, &LeakSchema.meta(kind, &doc))
                .unwrap();
            store.checkpoint(&id, Origin::LocalEdit).unwrap();
            ipc_replies.push(serde_json::to_string(&store.get(&id).unwrap()).unwrap());
            ipc_replies.push(serde_json::to_string(&store.secret_status(&id).unwrap()).unwrap());
            ipc_replies.push(serde_json::to_string(&store.revisions(&id).unwrap()).unwrap());
            ids.push(id);
        }
        // A file carrying secrets in plain text is imported: they are dropped.
        let mut with_secrets = Vec::new();
        for (kind, paths) in SECRET_FIELDS {
            let mut d = json!({"kind": kind, "general": {"name": "imported", "active": true}});
            for p in *paths {
                switchboard_core::jsonpath::set(&mut d, p, json!(marker));
            }
            with_secrets.push(d);
        }
        let file = json!({"format": "switchboard.channels", "version": 1, "exported_at": "x", "channels": with_secrets});
        let report = store
            .import(file.to_string().as_bytes(), &LeakSchema)
            .unwrap();
        ipc_replies.push(serde_json::to_string(&report).unwrap());
        let bulk = store
            .bulk_apply(&ids, "general.active", &json!(false), &LeakSchema)
            .unwrap();
        ipc_replies.push(serde_json::to_string(&bulk).unwrap());
        ipc_replies
            .push(serde_json::to_string(&store.list(&ListQuery::default()).unwrap()).unwrap());

        let export = store.export_all(&LeakSchema).unwrap();
        std::fs::write(&export_file, export.to_json_pretty()).unwrap();
        store.backup_now().unwrap();

        // The secrets really are in there, sealed: each opens back to the marker.
        for (id, (_, paths)) in ids.iter().zip(SECRET_FIELDS) {
            for path in *paths {
                let blob = store.sealed_secret(id, path).unwrap().unwrap();
                assert_eq!(vault.open(id, path, &blob).unwrap().expose(), &marker);
            }
        }
        // Search the WAL while the database is open (closing folds it away).
        let wal = std::fs::read(format!("{}-wal", db.display())).unwrap_or_default();
        assert!(!wal.is_empty(), "the WAL was written");
        assert_eq!(occurrences(&wal, marker.as_bytes()), 0, "marker in the WAL");
        let db_bytes = std::fs::read(&db).unwrap();
        assert_eq!(
            occurrences(&db_bytes, marker.as_bytes()),
            0,
            "marker in the database"
        );
    });
    drop(guard); // flush the log

    let mut searched = 0;
    let mut log_text = String::new();
    for file in files_under(dir.path()) {
        let bytes = std::fs::read(&file).unwrap();
        assert_eq!(
            occurrences(&bytes, marker.as_bytes()),
            0,
            "marker found in {}",
            file.display()
        );
        if file.starts_with(&logs) {
            log_text.push_str(&String::from_utf8_lossy(&bytes));
        }
        searched += 1;
    }
    assert!(
        searched >= 4,
        "db, backup, log, export were all searched ({searched})"
    );
    assert!(
        log_text.contains("secret sealed") && log_text.contains("<redacted>"),
        "debug log was on"
    );
    assert!(files_under(&dir.path().join("backups")).len() == 1);
    let export_text = std::fs::read_to_string(&export_file).unwrap();
    assert!(
        export_text.contains("oauth.token_secret"),
        "secrets listed to re-enter"
    );
    for reply in &ipc_replies {
        assert!(!reply.contains(&marker), "marker in an IPC reply: {reply}");
    }
}
