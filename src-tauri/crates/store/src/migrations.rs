//! Ordered schema migrations, embedded in the binary. `PRAGMA user_version` records the
//! last one applied; each runs in its own transaction together with the version bump, so
//! a crash mid-migration leaves the previous version intact. A database whose version is
//! above `LATEST_VERSION` was written by a newer Switchboard and is refused.
//!
//! To add a migration: append `(N, include_str!("migrations/000N_what.sql"))`, add a
//! fixture written by version N-1 under tests/fixtures/ and keep the older fixtures: the
//! upgrade test opens every one of them.

use crate::error::StoreError;
use rusqlite::Connection;

const MIGRATIONS: &[(i64, &str)] = &[(1, include_str!("migrations/0001_initial.sql"))];

pub const LATEST_VERSION: i64 = MIGRATIONS[MIGRATIONS.len() - 1].0;

pub fn user_version(conn: &Connection) -> Result<i64, StoreError> {
    Ok(conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
}

/// Brings the schema to `LATEST_VERSION`; returns the version found before.
pub fn migrate(conn: &mut Connection) -> Result<i64, StoreError> {
    let found = user_version(conn)?;
    if found > LATEST_VERSION {
        return Err(StoreError::NewerDatabase {
            found,
            supported: LATEST_VERSION,
        });
    }
    for (version, sql) in MIGRATIONS.iter().filter(|(v, _)| *v > found) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", version)?;
        tx.commit()?;
        tracing::info!(version, "database migrated");
    }
    Ok(found)
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
        assert_eq!(migrate(&mut c).unwrap(), 0);
        assert_eq!(migrate(&mut c).unwrap(), LATEST_VERSION);
        assert_eq!(user_version(&c).unwrap(), LATEST_VERSION);
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
