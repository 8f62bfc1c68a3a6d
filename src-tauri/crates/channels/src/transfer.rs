//! Export, import and bulk edit with the catalogue's rules: what the list's toolbar does.
//! Export strips secrets (listed as "to re-enter"); import refuses a broken file whole,
//! never half-imports, and brings unfinished drafts back as drafts with their problems;
//! a bulk edit is previewed per channel with the problems it would cause (the editor's
//! validator), refused if it causes any, applied in one transaction (one revision each)
//! and can be undone as a batch. Each re-checks the channels it touched, and those that
//! share their names (see `validity.rs`).

use crate::error::ChannelError;
use crate::schema_bridge::CatalogueDocSchema;
use crate::service::ChannelService;
use serde::Serialize;
use serde_json::Value;
use std::path::Path;
use switchboard_store::{
    BulkApplied, BulkPreview, BulkStatus, BulkUndone, ImportError, ImportProblem, ImportReport,
};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ExportSummary {
    pub path: String,
    pub channels: u32,
    /// Secret settings left out, to re-enter after an import.
    pub secrets_left_out: u32,
    /// Names of the exported channels that still point at sample reference data (no
    /// platform knows those ids): the export says so (issue 12, item 7).
    pub sample_data: Vec<String>,
}

/// An import either went through whole, or nothing was imported and every problem is listed.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(tag = "outcome", rename_all = "camelCase")]
#[ts(export)]
pub enum ImportOutcome {
    Imported { report: ImportReport },
    Rejected { problems: Vec<ImportProblem> },
}

impl ChannelService {
    /// Writes the channels `ids` (all when empty) to `path`, atomically.
    pub fn export_to(&self, ids: &[String], path: &Path) -> Result<ExportSummary, ChannelError> {
        let file = if ids.is_empty() {
            self.store.export_all(&CatalogueDocSchema)?
        } else {
            self.store.export(ids, &CatalogueDocSchema)?
        };
        let secrets_left_out = file
            .channels
            .iter()
            .filter_map(|c| {
                c.get(switchboard_store::SECRETS_KEY)?
                    .as_array()
                    .map(|a| a.len() as u32)
            })
            .sum();
        let sample_data = file
            .channels
            .iter()
            .filter(|c| !switchboard_catalogue::sample_references(c).is_empty())
            .map(|c| {
                switchboard_catalogue::name_of(c)
                    .unwrap_or_default()
                    .to_owned()
            })
            .collect();
        let tmp = path.with_extension("json.part");
        std::fs::write(&tmp, file.to_json_pretty())
            .and_then(|_| std::fs::rename(&tmp, path))
            .map_err(|e| ChannelError::Io {
                path: path.display().to_string(),
                reason: e.to_string(),
            })?;
        Ok(ExportSummary {
            path: path.display().to_string(),
            channels: file.channels.len() as u32,
            secrets_left_out,
            sample_data,
        })
    }

    pub fn import_from(&mut self, path: &Path) -> Result<ImportOutcome, ChannelError> {
        let bytes = std::fs::read(path).map_err(|e| ChannelError::Io {
            path: path.display().to_string(),
            reason: e.to_string(),
        })?;
        match self.store.import(&bytes, &CatalogueDocSchema) {
            Ok(mut report) => {
                let names: Vec<String> = report.channels.iter().map(|c| c.name.clone()).collect();
                self.recheck_named(names.iter().map(String::as_str))?;
                // The report says what the editor will say: secrets, names, everything.
                let ids: Vec<String> = report.channels.iter().map(|c| c.id.clone()).collect();
                self.recheck_many(&ids)?;
                for c in &mut report.channels {
                    c.problems = self.get(&c.id)?.problems;
                }
                Ok(ImportOutcome::Imported { report })
            }
            Err(ImportError::Invalid(problems)) => Ok(ImportOutcome::Rejected { problems }),
            Err(ImportError::Store(e)) => Err(e.into()),
        }
    }

    /// Per channel, what would change and the problems the change would cause: those
    /// the editor would show after it and not before (the value checked as the form
    /// checks it, and whatever it breaks elsewhere in the channel).
    pub fn bulk_preview(
        &self,
        ids: &[String],
        path: &str,
        value: &Value,
    ) -> Result<BulkPreview, ChannelError> {
        let mut preview = self
            .store
            .bulk_preview(ids, path, value, &CatalogueDocSchema)?;
        for change in &mut preview.channels {
            if change.status != BulkStatus::Changes {
                continue;
            }
            let channel = self.store.get(&change.id)?;
            let linked = channel.remote_id.is_some();
            let mut doc = channel.doc.clone();
            switchboard_core::jsonpath::set(&mut doc, path, value.clone());
            let (before, _) = self.problems(&change.id, &channel.doc, linked)?;
            let (after, _) = self.problems(&change.id, &doc, linked)?;
            change.problems = after.into_iter().filter(|p| !before.contains(p)).collect();
        }
        Ok(preview)
    }

    /// Applies the bulk edit, unless it would cause a problem on any channel: then
    /// nothing is written and the error names the setting (the preview says where).
    pub fn bulk_apply(
        &mut self,
        ids: &[String],
        path: &str,
        value: &Value,
    ) -> Result<BulkApplied, ChannelError> {
        let preview = self.bulk_preview(ids, path, value)?;
        if preview.channels.iter().any(|c| !c.problems.is_empty()) {
            return Err(ChannelError::Invalid {
                path: path.to_owned(),
                id: "state-bulk-refused",
            });
        }
        let applied = self
            .store
            .bulk_apply(ids, path, value, &CatalogueDocSchema)?;
        self.recheck_bulk(&applied.changed, &preview)?;
        Ok(applied)
    }

    pub fn bulk_undo(&mut self, batch_id: &str) -> Result<BulkUndone, ChannelError> {
        let undone = self.store.bulk_undo(batch_id, &CatalogueDocSchema)?;
        for id in &undone.reverted {
            self.recheck(id)?;
            let name = self.store.get(id)?.meta.name;
            self.recheck_named([name.as_str()])?;
        }
        Ok(undone)
    }

    /// After a bulk edit: each changed channel, and when the edit was a rename, the
    /// channels that had or now have one of the names.
    fn recheck_bulk(
        &mut self,
        changed: &[String],
        preview: &BulkPreview,
    ) -> Result<(), ChannelError> {
        let mut names: Vec<String> = Vec::new();
        for c in &preview.channels {
            if changed.contains(&c.id) {
                names.push(c.name.clone());
                if let Some(n) = preview.value.as_str() {
                    names.push(n.to_owned());
                }
            }
        }
        for id in changed {
            self.recheck(id)?;
        }
        self.recheck_named(names.iter().map(String::as_str))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use switchboard_core::Sensitive;
    use switchboard_store::{BulkStatus, ListQuery, Store};
    use switchboard_vault::{MemoryKeySource, Vault};

    fn service() -> ChannelService {
        ChannelService::new(
            Store::open_in_memory().unwrap(),
            Vault::new(MemoryKeySource::random()),
        )
    }

    fn valid(s: &mut ChannelService, kind: &str, name: &str) -> String {
        let k = switchboard_catalogue::Kind::parse(kind).unwrap();
        let (mut doc, _) = switchboard_catalogue::example_document(k);
        doc["general"]["name"] = name.into();
        let id = s.create(kind, Some(name)).unwrap().channel.id;
        s.save(&id, doc).unwrap();
        id
    }

    #[test]
    fn export_leaves_secrets_out_and_import_brings_the_channels_back() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = service();
        let id = valid(&mut s, "viber", "Viber FR");
        let secret =
            switchboard_catalogue::secret_paths(switchboard_catalogue::Kind::Viber).remove(0);
        s.set_secret(&id, &secret, &Sensitive::new("MARKER-viber-token".into()))
            .unwrap();
        valid(&mut s, "sms", "SMS FR");

        let file = dir.path().join("channels.json");
        let summary = s.export_to(&[], &file).unwrap();
        assert_eq!(summary.channels, 2);
        // The catalogue's examples choose the first sample community.
        let mut names = summary.sample_data.clone();
        names.sort();
        assert_eq!(names, ["SMS FR", "Viber FR"], "sample data is named");
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(!text.contains("MARKER-viber-token"));
        assert!(summary.secrets_left_out >= 1);

        let mut other = service();
        match other.import_from(&file).unwrap() {
            ImportOutcome::Imported { report } => assert_eq!(report.channels.len(), 2),
            rejected => panic!("{rejected:?}"),
        }
        assert_eq!(other.list(&ListQuery::default()).unwrap().total, 2);
    }

    #[test]
    fn a_broken_file_is_rejected_whole_with_every_problem() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("bad.json");
        std::fs::write(
            &file,
            serde_json::json!({"format": "switchboard.channels", "version": 1, "exported_at": "2026-01-01T00:00:00Z",
                "channels": [{"kind": "fax", "general": {"name": "x"}},
                             {"kind": "email", "general": {"name": "y"}, "signatures": {"not": "a list"}},
                             {"kind": "sms", "general": {"name": "fine"}}]})
            .to_string(),
        )
        .unwrap();
        let mut s = service();
        match s.import_from(&file).unwrap() {
            ImportOutcome::Rejected { problems } => {
                let got: Vec<_> = problems
                    .iter()
                    .map(|p| (p.channel, p.path.as_str()))
                    .collect();
                assert_eq!(
                    got,
                    [(Some(0), "kind"), (Some(1), "signatures")],
                    "{problems:?}"
                );
            }
            imported => panic!("{imported:?}"),
        }
        assert_eq!(
            s.list(&ListQuery::default()).unwrap().total,
            0,
            "nothing half-imported"
        );
    }

    #[test]
    fn an_unfinished_draft_travels_as_a_draft_with_its_problems() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = service();
        let id = s.create("email", Some("Draft")).unwrap().channel.id;
        let mut doc = s.get(&id).unwrap().channel.doc;
        doc["email"]["mode"] = "imap".into();
        doc["imap"]["port"] = 70000.into();
        doc["routing"]["default_priority"] = "abc".into();
        s.save(&id, doc.clone()).unwrap();
        let before = s.get(&id).unwrap().problems;
        let file = dir.path().join("drafts.json");
        s.export_to(&[], &file).unwrap();

        let mut other = service();
        let ImportOutcome::Imported { report } = other.import_from(&file).unwrap() else {
            panic!("the app refused its own export")
        };
        let c = &report.channels[0];
        assert_eq!(c.name, "Draft");
        assert_eq!(
            c.problems, before,
            "the same problems as where it was drafted"
        );
        let back = other.get(&c.id).unwrap();
        assert_eq!(back.channel.doc["imap"]["port"], 70000);
        assert_eq!(back.problems, before);
        let row = &other.list(&ListQuery::default()).unwrap().items[0];
        assert_eq!(row.validity, switchboard_store::Validity::Invalid);
    }

    #[test]
    fn an_import_remembers_the_secrets_it_dropped_until_they_are_entered() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = service();
        let id = valid(&mut s, "viber", "Viber FR");
        let secret =
            switchboard_catalogue::secret_paths(switchboard_catalogue::Kind::Viber).remove(0);
        s.set_secret(&id, &secret, &Sensitive::new("MARKER-viber-token".into()))
            .unwrap();
        let file = dir.path().join("channels.json");
        s.export_to(&[], &file).unwrap();

        let mut other = service();
        let ImportOutcome::Imported { report } = other.import_from(&file).unwrap() else {
            panic!("rejected")
        };
        let new_id = report.channels[0].id.clone();
        let row = &other.list(&ListQuery::default()).unwrap().items[0];
        assert!(row.secrets_to_reenter, "the list marks it: {row:?}");
        assert_eq!(row.validity, switchboard_store::Validity::Invalid);

        // Exported again before anyone entered it: still listed.
        let again = dir.path().join("again.json");
        assert_eq!(other.export_to(&[], &again).unwrap().secrets_left_out, 1);

        other
            .set_secret(&new_id, &secret, &Sensitive::new("new-token".into()))
            .unwrap();
        let row = &other.list(&ListQuery::default()).unwrap().items[0];
        assert!(!row.secrets_to_reenter);
        assert_eq!(row.validity, switchboard_store::Validity::Valid);
    }

    #[test]
    fn names_taken_in_the_file_or_by_existing_channels_come_in_as_problems() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = service();
        let original = valid(&mut s, "sms", "Support");
        let file = dir.path().join("channels.json");
        s.export_to(&[], &file).unwrap();
        let ImportOutcome::Imported { report } = s.import_from(&file).unwrap() else {
            panic!("refused")
        };
        let taken = |problems: &[switchboard_core::FieldMsg]| {
            problems
                .iter()
                .any(|p| p.path == "general.name" && p.message.id == "val-name-duplicate")
        };
        assert!(taken(&report.channels[0].problems), "{report:?}");
        assert!(
            taken(&s.get(&original).unwrap().problems),
            "the original's name is now taken too"
        );
        // Inside one file, into an empty store.
        let mut text: Value =
            serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
        let first = text["channels"][0].clone();
        text["channels"].as_array_mut().unwrap().push(first);
        std::fs::write(&file, text.to_string()).unwrap();
        let mut empty = service();
        let ImportOutcome::Imported { report } = empty.import_from(&file).unwrap() else {
            panic!("refused")
        };
        for c in &report.channels {
            assert!(
                c.problems
                    .iter()
                    .any(|p| p.message.id == "val-name-duplicate"),
                "{c:?}"
            );
        }
        assert_eq!(empty.list(&ListQuery::default()).unwrap().total, 2);
    }

    #[test]
    fn bulk_edit_previews_applies_and_undoes() {
        let mut s = service();
        let a = valid(&mut s, "sms", "A");
        let b = valid(&mut s, "viber", "B");
        let ids = vec![a.clone(), b.clone()];
        let preview = s
            .bulk_preview(&ids, "routing.default_priority", &5.into())
            .unwrap();
        assert_eq!(preview.channels.len(), 2);
        assert!(preview
            .channels
            .iter()
            .all(|c| c.status == BulkStatus::Changes));
        let applied = s
            .bulk_apply(&ids, "routing.default_priority", &5.into())
            .unwrap();
        assert_eq!(applied.changed.len(), 2);
        assert_eq!(
            s.get(&a).unwrap().channel.doc["routing"]["default_priority"],
            5
        );
        let undone = s.bulk_undo(&applied.batch_id).unwrap();
        assert_eq!(undone.reverted.len(), 2);
        assert_ne!(
            s.get(&b).unwrap().channel.doc["routing"]["default_priority"],
            5
        );
    }
}
