//! The list's validity column on its own. Validity depends on more than a channel's own
//! document (its secrets in the vault, the names of the other channels), so the editor's
//! engine re-checks channels that another change affected and records the answer here,
//! without touching their draft: no new `draft_seq`, no revision, no `updated_at`.

use crate::channels::fold;
use crate::error::StoreError;
use crate::model::{ChannelId, Validity};
use crate::Store;
use rusqlite::params;
use std::collections::BTreeSet;

impl Store {
    /// Records a live channel's validity. Returns whether it changed.
    pub fn set_validity(&mut self, id: &str, validity: Validity) -> Result<bool, StoreError> {
        let n = self
            .conn
            .prepare_cached(
                "UPDATE channels SET validity = ?2 \
                 WHERE id = ?1 AND deleted_at IS NULL AND validity != ?2",
            )?
            .execute(params![id, validity.as_str()])?;
        Ok(n > 0)
    }

    /// Records the validity of many channels in one transaction (a re-check after an
    /// import or at start: one commit, not one per channel). Returns how many changed.
    pub fn set_validities(&mut self, items: &[(ChannelId, Validity)]) -> Result<usize, StoreError> {
        let tx = self.write_tx()?;
        let mut changed = 0;
        {
            let mut stmt = tx.prepare_cached(
                "UPDATE channels SET validity = ?2 \
                 WHERE id = ?1 AND deleted_at IS NULL AND validity != ?2",
            )?;
            for (id, validity) in items {
                changed += stmt.execute(params![id, validity.as_str()])?;
            }
        }
        tx.commit()?;
        Ok(changed)
    }

    /// Whether a live channel other than `except` has the name `name` (compared without
    /// case or surrounding spaces). One look-up in the name index.
    pub fn name_taken(&self, name: &str, except: &str) -> Result<bool, StoreError> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT EXISTS (SELECT 1 FROM channels \
                 WHERE deleted_at IS NULL AND name_fold = ?1 AND id != ?2)",
            )?
            .query_row(params![fold(name), except], |r| r.get(0))?)
    }

    /// The live channels named like any of `names` (compared as `name_taken` does): the
    /// ones a rename, a delete or an import may have made valid or invalid.
    pub fn ids_named<'a>(
        &self,
        names: impl IntoIterator<Item = &'a str>,
    ) -> Result<Vec<ChannelId>, StoreError> {
        let folded: BTreeSet<String> = names
            .into_iter()
            .map(fold)
            .filter(|n| !n.is_empty())
            .collect();
        let mut stmt = self.conn.prepare_cached(
            "SELECT id FROM channels WHERE deleted_at IS NULL AND name_fold = ?1 ORDER BY id",
        )?;
        let mut ids = Vec::new();
        for name in &folded {
            for id in stmt.query_map([name], |r| r.get::<_, String>(0))? {
                ids.push(id?);
            }
        }
        Ok(ids)
    }

    /// The name and current validity of a live channel (what a re-check compares with).
    pub fn validity_of(&self, id: &str) -> Result<Validity, StoreError> {
        let v: String = self
            .conn
            .prepare_cached("SELECT validity FROM channels WHERE id = ?1 AND deleted_at IS NULL")?
            .query_row([id], |r| r.get(0))
            .map_err(|e| match e {
                rusqlite::Error::QueryReturnedNoRows => StoreError::NotFound(id.to_owned()),
                e => e.into(),
            })?;
        Ok(Validity::parse(&v).unwrap_or(Validity::Unknown))
    }
}

#[cfg(test)]
mod tests {
    use crate::model::{ChannelMeta, Origin, Validity};
    use crate::Store;
    use serde_json::json;

    fn meta(name: &str) -> ChannelMeta {
        ChannelMeta {
            name: name.into(),
            community: None,
            active: true,
            validity: Validity::Valid,
        }
    }

    #[test]
    fn validity_changes_alone_and_names_are_found_without_case_or_spaces() {
        let mut s = Store::open_in_memory().unwrap();
        let a = s
            .create(
                "sms",
                &json!({"general": {"name": "Support"}}),
                &meta("Support"),
                Origin::LocalEdit,
            )
            .unwrap();
        let b = s
            .create(
                "sms",
                &json!({"general": {"name": " SUPPORT "}}),
                &meta(" SUPPORT "),
                Origin::LocalEdit,
            )
            .unwrap();
        let seq = s.get(&a).unwrap().draft_seq;
        assert!(s.set_validity(&a, Validity::Invalid).unwrap());
        assert!(!s.set_validity(&a, Validity::Invalid).unwrap(), "no change");
        let ch = s.get(&a).unwrap();
        assert_eq!(ch.meta.validity, Validity::Invalid);
        assert_eq!(ch.draft_seq, seq, "the draft is untouched");
        assert_eq!(s.validity_of(&a).unwrap(), Validity::Invalid);

        assert!(s.name_taken("support", &a).unwrap());
        assert!(!s.name_taken("other", &a).unwrap());
        let mut both = vec![a.clone(), b.clone()];
        both.sort();
        assert_eq!(s.ids_named(["Support ", "nobody"]).unwrap(), both);
        s.delete(&b).unwrap();
        assert!(
            !s.name_taken("support", &a).unwrap(),
            "a deleted channel frees its name"
        );
    }
}
