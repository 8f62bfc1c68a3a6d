//! Revisions as the editor shows them: each change between a revision and the current
//! draft carries the Fluent ids of its section and setting, so the UI reads "IMAP
//! settings › Server port: 993 → 143" rather than a path.

use crate::error::ChannelError;
use crate::service::{ChannelService, ChannelView};
use serde::Serialize;
use serde_json::Value;
use switchboard_catalogue::{kind_schema, Kind};
use switchboard_store::{FieldChange, RevisionSummary};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ChangeView {
    pub path: String,
    /// Fluent id of the section's title, when the path is a declared setting.
    #[ts(optional)]
    pub section_label: Option<String>,
    /// Fluent id of the setting's label (record fields included).
    #[ts(optional)]
    pub label: Option<String>,
    /// Item number (1-based) inside a list section (signatures, greetings...).
    #[ts(optional)]
    pub item: Option<u32>,
    #[ts(type = "unknown")]
    pub before: Option<Value>,
    #[ts(type = "unknown")]
    pub after: Option<Value>,
}

/// Labels for a change at `path` of a document of `kind`.
fn label(kind: Kind, change: FieldChange) -> ChangeView {
    let schema = kind_schema(kind);
    let mut item = None;
    let declared: Vec<&str> = change
        .path
        .split('.')
        .filter(|seg| match seg.parse::<u32>() {
            Ok(i) => {
                item.get_or_insert(i + 1);
                false
            }
            Err(_) => true,
        })
        .collect();
    let section = declared.first().and_then(|s| schema.section(s));
    let field = schema.field(&declared.join("."));
    ChangeView {
        section_label: section.map(|s| s.label.clone()),
        label: field.map(|f| f.label.clone()),
        item,
        path: change.path,
        before: change.before,
        after: change.after,
    }
}

impl ChannelService {
    pub fn revisions(&self, id: &str) -> Result<Vec<RevisionSummary>, ChannelError> {
        Ok(self.store.revisions(id)?)
    }

    /// What changed between revision `rev` and the current draft, labelled.
    pub fn diff_with_draft(&self, rev: i64) -> Result<Vec<ChangeView>, ChannelError> {
        let revision = self.store.revision(rev)?;
        let kind = Kind::parse(&self.store.get(&revision.summary.channel_id)?.kind)
            .ok_or_else(|| ChannelError::UnknownKind(revision.summary.channel_id.clone()))?;
        Ok(self
            .store
            .diff_with_draft(rev)?
            .into_iter()
            .map(|c| label(kind, c))
            .collect())
    }

    /// Puts revision `rev` back as the draft (recorded as a new revision).
    pub fn restore(&mut self, rev: i64) -> Result<ChannelView, ChannelError> {
        let channel_id = self.store.revision(rev)?.summary.channel_id;
        let before = self.store.get(&channel_id)?.meta.name;
        self.store.restore_revision(rev)?;
        // Validity follows the restored document (the revision's own column was computed
        // then, against the secrets and names of then), and the name it brings back.
        let restored = self.store.get(&channel_id)?;
        let after = restored.meta.name;
        if restored.remote_id.is_some() {
            self.refresh_linked_state(&channel_id, &restored.doc)?;
        }
        self.recheck(&channel_id)?;
        self.recheck_named([before.as_str(), after.as_str()])?;
        self.get(&channel_id)
    }
}

#[cfg(test)]
mod tests {
    use crate::ChannelService;
    use switchboard_store::Store;
    use switchboard_vault::{MemoryKeySource, Vault};

    #[test]
    fn a_changed_port_is_labelled_and_can_be_restored() {
        let mut s = ChannelService::new(
            Store::open_in_memory().unwrap(),
            Vault::new(MemoryKeySource::random()),
        );
        let id = s.create("email", Some("Support")).unwrap().channel.id;
        let first = s.revisions(&id).unwrap()[0].id;
        let mut doc = s.get(&id).unwrap().channel.doc;
        doc["imap"]["port"] = 143.into();
        doc["signatures"] = serde_json::json!([{"language": "fr", "body": "Bonjour"}]);
        s.save(&id, doc).unwrap();

        let changes = s.diff_with_draft(first).unwrap();
        let port = changes
            .iter()
            .find(|c| c.path == "imap.port")
            .expect("port changed");
        assert_eq!(port.after, Some(143.into()));
        assert!(
            port.label.as_deref().is_some_and(|l| l.starts_with("cat-")),
            "{port:?}"
        );
        assert!(port.section_label.is_some());
        let sig = changes
            .iter()
            .find(|c| c.path.starts_with("signatures.0"))
            .expect("signature added");
        assert_eq!(sig.item, Some(1));

        let restored = s.restore(first).unwrap();
        assert_ne!(restored.channel.doc["imap"]["port"], 143);
        assert!(s.diff_with_draft(first).unwrap().is_empty());
        assert!(
            s.revisions(&id).unwrap().len() >= 2,
            "the restore is itself a revision"
        );
    }
}
