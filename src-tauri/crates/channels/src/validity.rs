//! One truth about whether a channel is ready. The list's validity column and the
//! editor's problem count come from the same validator (`ChannelService::problems`: the
//! document, the secrets set in the vault, names unique across channels), wherever a
//! document changes: save, create, import, bulk edit, duplicate, restore, pull, a secret
//! stored or cleared. Because a name is unique only among the others, a change to one
//! channel re-checks the channels it affects: those that had, or now have, its name.

use crate::error::ChannelError;
use crate::service::ChannelService;
use switchboard_store::Validity;

impl ChannelService {
    /// What the editor would say of `id` now.
    fn validity_now(&self, id: &str) -> Result<Validity, ChannelError> {
        let channel = self.store.get(id)?;
        let (problems, _) = self.problems(id, &channel.doc, channel.remote_id.is_some())?;
        Ok(if problems.is_empty() {
            Validity::Valid
        } else {
            Validity::Invalid
        })
    }

    /// Validates `id` as the editor does and records the answer in the list's column.
    /// Returns whether the column changed.
    pub(crate) fn recheck(&mut self, id: &str) -> Result<bool, ChannelError> {
        let validity = self.validity_now(id)?;
        Ok(self.store.set_validity(id, validity)?)
    }

    /// `recheck` for many channels, written in one transaction. Returns how many changed.
    pub(crate) fn recheck_many(&mut self, ids: &[String]) -> Result<usize, ChannelError> {
        let items = ids
            .iter()
            .map(|id| Ok((id.clone(), self.validity_now(id)?)))
            .collect::<Result<Vec<_>, ChannelError>>()?;
        Ok(self.store.set_validities(&items)?)
    }

    /// Re-checks every live channel named like one of `names` (a rename, a delete, an
    /// import or a pull touched those names: a duplicate may have appeared or gone).
    pub(crate) fn recheck_named<'a>(
        &mut self,
        names: impl IntoIterator<Item = &'a str>,
    ) -> Result<(), ChannelError> {
        let ids = self.store.ids_named(names)?;
        self.recheck_many(&ids)?;
        Ok(())
    }

    /// Re-checks every live channel; returns how many changed. Run when the store is
    /// opened, so that a database written by an older validator (or before a rule looked
    /// beyond the document) shows the same health in the list as in the editor.
    pub fn recheck_all(&mut self) -> Result<usize, ChannelError> {
        let ids = self.store.all_ids()?;
        let changed = self.recheck_many(&ids)?;
        if changed > 0 {
            tracing::info!(changed, "channel validity re-checked");
        }
        Ok(changed)
    }
}

#[cfg(test)]
mod tests {
    use crate::{ChannelService, ImportOutcome};
    use switchboard_catalogue::{example_document, secret_paths, Kind};
    use switchboard_core::Sensitive;
    use switchboard_store::{ListQuery, Store, Validity};
    use switchboard_vault::{MemoryKeySource, Vault};

    fn service() -> ChannelService {
        ChannelService::new(
            Store::open_in_memory().unwrap(),
            Vault::new(MemoryKeySource::random()),
        )
    }

    /// A complete channel of `kind` named `name` (its secrets set).
    fn complete(s: &mut ChannelService, kind: Kind, name: &str) -> String {
        let (mut doc, _) = example_document(kind);
        doc["general"]["name"] = name.into();
        let id = s.create(kind.id(), Some(name)).unwrap().channel.id;
        s.save(&id, doc).unwrap();
        for path in secret_paths(kind) {
            s.set_secret(&id, &path, &Sensitive::new("x".into()))
                .unwrap();
        }
        id
    }

    /// The list's validity of every channel is what its editor says (the issue's "one
    /// truth"); returns the invalid channels' names.
    fn one_truth(s: &ChannelService) -> Vec<String> {
        let mut invalid = Vec::new();
        for row in s.list(&ListQuery::default()).unwrap().items {
            let editor = s.get(&row.id).unwrap().problems;
            assert_eq!(
                row.validity == Validity::Valid,
                editor.is_empty(),
                "{}: list says {:?}, editor says {editor:?}",
                row.name,
                row.validity
            );
            if !editor.is_empty() {
                invalid.push(row.name);
            }
        }
        invalid.sort();
        invalid
    }

    #[test]
    fn a_second_channel_with_a_taken_name_makes_both_invalid_until_one_is_renamed() {
        let mut s = service();
        let a = complete(&mut s, Kind::Sms, "Support");
        assert!(one_truth(&s).is_empty());
        let b = complete(&mut s, Kind::Viber, "support ");
        assert_eq!(one_truth(&s), ["Support", "support "], "the first one too");
        let mut doc = s.get(&b).unwrap().channel.doc;
        doc["general"]["name"] = "Support Viber".into();
        s.save(&b, doc).unwrap();
        assert!(one_truth(&s).is_empty(), "the rename freed the name");

        // Deleting frees a name; undoing the delete takes it again.
        let c = complete(&mut s, Kind::Sms, "Support");
        assert_eq!(one_truth(&s).len(), 2);
        s.delete(&c).unwrap();
        assert!(one_truth(&s).is_empty());
        s.undelete(&c).unwrap();
        assert_eq!(one_truth(&s).len(), 2);
        s.delete(&a).unwrap();
        assert!(one_truth(&s).is_empty());
    }

    #[test]
    fn an_imported_copy_and_its_original_agree_in_the_list_and_the_editor() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = service();
        complete(&mut s, Kind::Sms, "Support");
        complete(&mut s, Kind::Viber, "Viber FR");
        let file = dir.path().join("export.json");
        s.export_to(&[], &file).unwrap();
        let ImportOutcome::Imported { report } = s.import_from(&file).unwrap() else {
            panic!("the app imports its own export")
        };
        // The copies: a taken name each, and Viber's token to enter again.
        let viber = report.channels.iter().find(|c| c.kind == "viber").unwrap();
        let ids: Vec<_> = viber
            .problems
            .iter()
            .map(|p| p.message.id.as_str())
            .collect();
        assert!(ids.contains(&"val-name-duplicate"), "{ids:?}");
        assert!(ids.contains(&"err-required"), "the token: {ids:?}");
        assert_eq!(one_truth(&s).len(), 4, "copies and originals");
    }

    #[test]
    fn a_channel_missing_a_required_secret_stays_invalid_through_bulk_edit_and_duplicate() {
        let mut s = service();
        let id = complete(&mut s, Kind::Viber, "Viber");
        let secret = secret_paths(Kind::Viber).remove(0);
        s.clear_secret(&id, &secret).unwrap();
        assert_eq!(one_truth(&s), ["Viber"]);
        let applied = s
            .bulk_apply(
                std::slice::from_ref(&id),
                "routing.default_priority",
                &3.into(),
            )
            .unwrap();
        assert_eq!(applied.changed, std::slice::from_ref(&id));
        assert_eq!(
            one_truth(&s),
            ["Viber"],
            "bulk edit counted the secret as set"
        );
        s.bulk_undo(&applied.batch_id).unwrap();
        assert_eq!(one_truth(&s), ["Viber"]);
        let copy = s.duplicate(&id, &|n| format!("Copy of {n}")).unwrap();
        assert!(!copy.problems.is_empty());
        assert_eq!(one_truth(&s).len(), 2);
    }

    #[test]
    fn a_restored_revision_is_rechecked_against_the_names_of_now() {
        let mut s = service();
        let a = complete(&mut s, Kind::Sms, "Support");
        let first = s.revisions(&a).unwrap()[0].id;
        let mut doc = s.get(&a).unwrap().channel.doc;
        doc["general"]["name"] = "Support SMS".into();
        s.save(&a, doc).unwrap();
        s.checkpoint(&a).unwrap();
        complete(&mut s, Kind::Viber, "Support");
        assert!(one_truth(&s).is_empty());
        s.restore(first).unwrap();
        assert_eq!(one_truth(&s).len(), 2, "the restored name is taken now");
    }

    #[test]
    fn a_stale_column_from_an_older_validator_is_mended_when_rechecked() {
        let mut s = service();
        let id = s.create("email", Some("Support")).unwrap().channel.id;
        s.store_mut().set_validity(&id, Validity::Valid).unwrap();
        assert_eq!(s.recheck_all().unwrap(), 1);
        one_truth(&s);
        assert_eq!(s.recheck_all().unwrap(), 0);
    }

    #[test]
    fn a_bulk_value_the_form_refuses_is_previewed_per_channel_and_not_applied() {
        let mut s = service();
        let ids: Vec<String> = ["A", "B", "C"]
            .iter()
            .map(|n| complete(&mut s, Kind::Sms, n))
            .collect();
        let preview = s.bulk_preview(&ids, "routing.sla", &"-1h".into()).unwrap();
        for c in &preview.channels {
            let at: Vec<_> = c.problems.iter().map(|p| p.path.as_str()).collect();
            assert_eq!(at, ["routing.sla"], "{}: {:?}", c.name, c.problems);
            assert_eq!(c.problems[0].message.id, "val-duration");
        }
        let err = s
            .bulk_apply(&ids, "routing.sla", &"-1h".into())
            .unwrap_err();
        assert_eq!(err.msg().id, "state-bulk-refused");
        for id in &ids {
            assert_ne!(s.get(id).unwrap().channel.doc["routing"]["sla"], "-1h");
        }
        assert!(one_truth(&s).is_empty(), "three valid channels stay valid");

        // A good value: no problem, applied.
        let preview = s.bulk_preview(&ids, "routing.sla", &"2h".into()).unwrap();
        assert!(preview.channels.iter().all(|c| c.problems.is_empty()));
        s.bulk_apply(&ids, "routing.sla", &"2h".into()).unwrap();
        assert!(one_truth(&s).is_empty());
    }
}
