//! Export, import and bulk edit with the catalogue's rules: what the list's toolbar does.
//! Export strips secrets (listed as "to re-enter"); import validates everything first and
//! never half-imports; a bulk edit is previewed per channel, applied in one transaction
//! (one revision each) and can be undone as a batch.

use crate::error::ChannelError;
use crate::schema_bridge::CatalogueDocSchema;
use crate::service::ChannelService;
use serde::Serialize;
use serde_json::Value;
use std::path::Path;
use switchboard_store::{
    BulkApplied, BulkPreview, BulkUndone, ImportError, ImportProblem, ImportReport,
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
        })
    }

    pub fn import_from(&mut self, path: &Path) -> Result<ImportOutcome, ChannelError> {
        let bytes = std::fs::read(path).map_err(|e| ChannelError::Io {
            path: path.display().to_string(),
            reason: e.to_string(),
        })?;
        match self.store.import(&bytes, &CatalogueDocSchema) {
            Ok(report) => Ok(ImportOutcome::Imported { report }),
            Err(ImportError::Invalid(problems)) => Ok(ImportOutcome::Rejected { problems }),
            Err(ImportError::Store(e)) => Err(e.into()),
        }
    }

    pub fn bulk_preview(
        &self,
        ids: &[String],
        path: &str,
        value: &Value,
    ) -> Result<BulkPreview, ChannelError> {
        Ok(self
            .store
            .bulk_preview(ids, path, value, &CatalogueDocSchema)?)
    }

    pub fn bulk_apply(
        &mut self,
        ids: &[String],
        path: &str,
        value: &Value,
    ) -> Result<BulkApplied, ChannelError> {
        Ok(self
            .store
            .bulk_apply(ids, path, value, &CatalogueDocSchema)?)
    }

    pub fn bulk_undo(&mut self, batch_id: &str) -> Result<BulkUndone, ChannelError> {
        Ok(self.store.bulk_undo(batch_id, &CatalogueDocSchema)?)
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
    fn an_invalid_file_is_rejected_whole_with_every_problem() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("bad.json");
        std::fs::write(
            &file,
            serde_json::json!({"format": "switchboard.channels", "version": 1, "exported_at": "2026-01-01T00:00:00Z",
                "channels": [{"kind": "email", "general": {"name": "x"}, "imap": {"port": 70000}}]})
            .to_string(),
        )
        .unwrap();
        let mut s = service();
        match s.import_from(&file).unwrap() {
            ImportOutcome::Rejected { problems } => {
                assert!(
                    problems.iter().any(|p| p.path == "imap.port"),
                    "{problems:?}"
                );
                assert!(problems.len() > 1);
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
    fn import_refuses_names_taken_in_the_file_or_by_existing_channels() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = service();
        valid(&mut s, "sms", "Support");
        let file = dir.path().join("channels.json");
        s.export_to(&[], &file).unwrap();
        match s.import_from(&file).unwrap() {
            ImportOutcome::Rejected { problems } => {
                assert_eq!(problems[0].path, "general.name", "{problems:?}");
                assert_eq!(problems[0].message.id, "val-name-duplicate");
            }
            imported => panic!("a second \"Support\" was imported: {imported:?}"),
        }
        // Inside one file, into an empty store.
        let mut text: Value =
            serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
        let first = text["channels"][0].clone();
        text["channels"].as_array_mut().unwrap().push(first);
        std::fs::write(&file, text.to_string()).unwrap();
        let mut empty = service();
        match empty.import_from(&file).unwrap() {
            ImportOutcome::Rejected { problems } => {
                let at: Vec<_> = problems
                    .iter()
                    .filter(|p| p.message.id == "val-name-duplicate")
                    .map(|p| p.channel)
                    .collect();
                assert_eq!(at, vec![Some(0), Some(1)], "{problems:?}");
            }
            imported => panic!("{imported:?}"),
        }
        assert_eq!(empty.list(&ListQuery::default()).unwrap().total, 0);
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
