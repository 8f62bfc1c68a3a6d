//! Ordered schema migrations, embedded in the binary. `PRAGMA user_version` records the
//! last one applied; each runs in its own transaction together with the version bump, so
//! a crash mid-migration leaves the previous version intact. A database whose version is
//! above `LATEST_VERSION` was written by a newer Switchboard and is refused.
//!
//! The app and the CLI may open a new database at the same moment. Each migration's
//! transaction is IMMEDIATE and reads `user_version` again once it holds the write lock,
//! so the second process waits for the first and then finds the work done, instead of
//! running migration 1 a second time and failing on its `CREATE TABLE`.
//!
//! To add a migration: append `(N, include_str!("migrations/000N_what.sql"))` to
//! `MIGRATIONS`, add a fixture written by version N-1 under tests/fixtures/ and keep the
//! older fixtures: the upgrade test opens every one of them.

use crate::error::StoreError;
use rusqlite::{Connection, TransactionBehavior};

const MIGRATIONS: &[(i64, &str)] = &[
    (1, include_str!("migrations/0001_initial.sql")),
    (2, include_str!("migrations/0002_oauth.sql")),
    (3, include_str!("migrations/0003_platform.sql")),
    (4, include_str!("migrations/0004_sync_journal.sql")),
    (5, include_str!("migrations/0005_secret_generations.sql")),
];

pub const LATEST_VERSION: i64 = MIGRATIONS[MIGRATIONS.len() - 1].0;

pub fn user_version(conn: &Connection) -> Result<i64, StoreError> {
    Ok(conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
}

fn refuse_newer(found: i64) -> Result<(), StoreError> {
    if found > LATEST_VERSION {
        return Err(StoreError::NewerDatabase {
            found,
            supported: LATEST_VERSION,
        });
    }
    Ok(())
}

/// What `migrate` found and did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Migrated {
    /// The version before this call.
    pub found: i64,
    /// The migrations this call applied (another process may have applied the others).
    pub applied: Vec<i64>,
}

/// Brings the schema to `LATEST_VERSION`.
pub fn migrate(conn: &mut Connection) -> Result<Migrated, StoreError> {
    // The common case (already up to date) takes no write lock: a version never goes
    // down, so a current one read outside a transaction stays current.
    let found = user_version(conn)?;
    refuse_newer(found)?;
    let mut applied = Vec::new();
    if found == LATEST_VERSION {
        return Ok(Migrated { found, applied });
    }
    loop {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        // Read again under the write lock: another process may have migrated meanwhile.
        let current = user_version(&tx)?;
        refuse_newer(current)?;
        let Some((version, sql)) = MIGRATIONS.iter().find(|(v, _)| *v > current) else {
            return Ok(Migrated { found, applied });
        };
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", version)?;
        tx.commit()?;
        applied.push(*version);
        tracing::info!(version, "database migrated");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_are_strictly_increasing_from_one() {
        for (i, (v, _)) in MIGRATIONS.iter().enumerate() {
            assert_eq!(*v, i as i64 + 1);
        }
    }

    #[test]
    fn migrating_twice_is_a_no_op() {
        let mut c = Connection::open_in_memory().unwrap();
        let first = migrate(&mut c).unwrap();
        assert_eq!(first.found, 0);
        assert_eq!(first.applied.len(), MIGRATIONS.len());
        let again = migrate(&mut c).unwrap();
        assert_eq!(again.found, LATEST_VERSION);
        assert!(again.applied.is_empty(), "nothing left to apply");
        assert_eq!(user_version(&c).unwrap(), LATEST_VERSION);
    }

    /// The app and the CLI opening a new file together: each connection waits for the
    /// other's migration instead of running it again (which fails on `CREATE TABLE`).
    #[test]
    fn first_opens_at_once_apply_each_migration_once() {
        const OPENERS: usize = 6;
        for _ in 0..5 {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("new.sqlite3");
            let start = std::sync::Barrier::new(OPENERS);
            let results: Vec<Result<Migrated, StoreError>> = std::thread::scope(|s| {
                let handles: Vec<_> = (0..OPENERS)
                    .map(|_| {
                        s.spawn(|| {
                            let mut c = Connection::open(&path).unwrap();
                            c.busy_timeout(std::time::Duration::from_secs(10)).unwrap();
                            start.wait();
                            migrate(&mut c)
                        })
                    })
                    .collect();
                handles.into_iter().map(|h| h.join().unwrap()).collect()
            });
            let mut applied = Vec::new();
            for r in results {
                applied.extend(r.expect("every opener succeeds").applied);
            }
            applied.sort();
            let expected: Vec<i64> = MIGRATIONS.iter().map(|(v, _)| *v).collect();
            assert_eq!(applied, expected, "each migration ran exactly once");
        }
    }

    #[test]
    fn a_newer_database_is_refused() {
        let mut c = Connection::open_in_memory().unwrap();
        c.pragma_update(None, "user_version", LATEST_VERSION + 1)
            .unwrap();
        let e = migrate(&mut c).unwrap_err();
        assert!(
            matches!(e, StoreError::NewerDatabase { found, .. } if found == LATEST_VERSION + 1)
        );
        assert_eq!(e.msg().id, "store-err-newer-database");
    }
}
