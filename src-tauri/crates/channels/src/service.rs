//! `ChannelService`: what the channel list and editor do, on top of one store and one
//! vault. Synchronous like the store; the shell calls it from a blocking thread.

use crate::error::ChannelError;
use crate::schema_bridge::meta_of;
use serde::Serialize;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use switchboard_catalogue::{defaults, document, validate, Kind};
use switchboard_core::{FieldMsg, Sensitive};
use switchboard_store::{Channel, ListPage, ListQuery, Origin, Store};
use switchboard_vault::Vault;
use ts_rs::TS;

/// A channel as the editor sees it: the draft, which secrets are set (never their
/// values), and every validation problem.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ChannelView {
    pub channel: Channel,
    pub secrets_set: Vec<String>,
    pub problems: Vec<FieldMsg>,
    /// The draft differs from the last saved revision: autosaved, not saved yet.
    pub unsaved: bool,
}

/// The answer to an autosave.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SaveResult {
    #[ts(type = "number")]
    pub draft_seq: i64,
    pub problems: Vec<FieldMsg>,
}

pub struct ChannelService {
    // Crate-private: every change goes through the methods, which validate, record the
    // list columns and seal secrets. A caller with the store in hand could skip that.
    pub(crate) store: Store,
    pub(crate) vault: Vault,
}

fn kind_of(kind: &str) -> Result<Kind, ChannelError> {
    Kind::parse(kind).ok_or_else(|| ChannelError::UnknownKind(kind.to_owned()))
}

impl ChannelService {
    pub fn new(store: Store, vault: Vault) -> Self {
        ChannelService { store, vault }
    }

    /// `linked`: a channel linked to a platform source keeps its secrets on the platform
    /// (write-only there), so they count as set.
    pub(crate) fn problems(
        &self,
        id: &str,
        doc: &Value,
        linked: bool,
    ) -> Result<(Vec<FieldMsg>, Vec<String>), ChannelError> {
        let set = self.store.secret_status(id)?;
        let mut lookup: BTreeSet<String> = set.iter().cloned().collect();
        if linked {
            if let Some(k) = document::kind_of(doc) {
                lookup.extend(document::secret_paths(k));
            }
        }
        let mut problems = validate(doc, &lookup);
        if let Some(p) = self.duplicate_name(id, doc)? {
            problems.push(p);
        }
        Ok((problems, set))
    }

    /// Channel names are unique across the local channels (compared without case or
    /// surrounding spaces, as the catalogue's set rules do). One look-up in the name index.
    fn duplicate_name(&self, id: &str, doc: &Value) -> Result<Option<FieldMsg>, ChannelError> {
        let Some(name) = document::name_of(doc)
            .map(str::trim)
            .filter(|n| !n.is_empty())
        else {
            return Ok(None);
        };
        Ok(self.store.name_taken(name, id)?.then(|| {
            FieldMsg::new(
                "general.name",
                switchboard_core::Msg::new("val-name-duplicate").arg("name", name),
            )
        }))
    }

    pub fn list(&self, query: &ListQuery) -> Result<ListPage, ChannelError> {
        Ok(self.store.list(query)?)
    }

    /// A new channel of `kind` with the catalogue's defaults and a first name, so the list
    /// never shows a blank row. Invalid until its required settings are filled.
    pub fn create(&mut self, kind: &str, name: Option<&str>) -> Result<ChannelView, ChannelError> {
        let k = kind_of(kind)?;
        let mut doc = defaults(k);
        if let Some(name) = name {
            switchboard_core::jsonpath::set(&mut doc, "general.name", Value::String(name.into()));
        }
        let problems = validate(&doc, &BTreeSet::new());
        let id = self
            .store
            .create(k.id(), &doc, &meta_of(&doc, &problems), Origin::LocalEdit)?;
        // Its name may already be taken (and it takes it from the others).
        let name = document::name_of(&doc).unwrap_or_default().to_owned();
        self.recheck_named([name.as_str()])?;
        self.get(&id)
    }

    /// The store, for sync's journal and history (reads).
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The store, for sync's journal (writes).
    pub fn store_mut(&mut self) -> &mut Store {
        &mut self.store
    }

    pub fn get(&self, id: &str) -> Result<ChannelView, ChannelError> {
        let channel = self.store.get(id)?;
        let linked = channel.remote_id.is_some();
        let (problems, secrets_set) = self.problems(id, &channel.doc, linked)?;
        let unsaved = self.store.is_unsaved(id)?;
        Ok(ChannelView {
            channel,
            secrets_set,
            problems,
            unsaved,
        })
    }

    /// The autosave: validates and stores the draft whatever its problems. Secret values
    /// are never part of a document; any that slipped in are dropped before storage.
    pub fn save(&mut self, id: &str, mut doc: Value) -> Result<SaveResult, ChannelError> {
        let current = self.store.get(id)?;
        let k = kind_of(&current.kind)?;
        // The kind is the channel's, not the document's to change.
        if let Some(obj) = doc.as_object_mut() {
            obj.insert("kind".into(), Value::String(k.id().into()));
        }
        for path in document::secret_paths(k) {
            switchboard_core::jsonpath::remove(&mut doc, &path);
        }
        let linked = current.remote_id.is_some();
        let (problems, _) = self.problems(id, &doc, linked)?;
        let meta = meta_of(&doc, &problems);
        let draft_seq = self.store.save_draft(id, &doc, &meta)?;
        if linked {
            self.refresh_linked_state(id, &doc)?;
        }
        // A rename frees the old name and takes the new one: the channels that share
        // either are valid or invalid again.
        if current.meta.name.trim().to_lowercase() != meta.name.trim().to_lowercase() {
            self.recheck_named([current.meta.name.as_str(), meta.name.as_str()])?;
        }
        Ok(SaveResult {
            draft_seq,
            problems,
        })
    }

    /// Explicit "save": a revision the user can come back to.
    pub fn checkpoint(&mut self, id: &str) -> Result<(), ChannelError> {
        self.store.checkpoint(id, Origin::LocalEdit)?;
        Ok(())
    }

    /// "Discard changes": back to the last saved revision (what was discarded stays in
    /// the history). Validity, names and the sync state follow the document put back.
    pub fn discard_changes(&mut self, id: &str) -> Result<ChannelView, ChannelError> {
        let before = self.store.get(id)?.meta.name;
        if self.store.discard_draft(id)? {
            let now = self.store.get(id)?;
            if now.remote_id.is_some() {
                self.refresh_linked_state(id, &now.doc)?;
            }
            self.recheck(id)?;
            self.recheck_named([before.as_str(), now.meta.name.as_str()])?;
        }
        self.get(id)
    }

    pub(crate) fn check_secret_path(&self, id: &str, path: &str) -> Result<(), ChannelError> {
        let k = kind_of(&self.store.get(id)?.kind)?;
        if !document::secret_paths(k).iter().any(|p| p == path) {
            return Err(ChannelError::NotASecret(path.to_owned()));
        }
        Ok(())
    }

    /// Seals and stores a secret. Returns the paths now set. Fails with the keychain's
    /// own message when no keychain is reachable; nothing else is affected.
    pub fn set_secret(
        &mut self,
        id: &str,
        path: &str,
        value: &Sensitive<String>,
    ) -> Result<ChannelView, ChannelError> {
        self.check_secret_path(id, path)?;
        let sealed = self.vault.seal(id, path, value)?;
        self.store.set_secret(id, path, &sealed)?;
        self.refresh_validity(id)
    }

    pub fn clear_secret(&mut self, id: &str, path: &str) -> Result<ChannelView, ChannelError> {
        self.check_secret_path(id, path)?;
        self.store.clear_secret(id, path)?;
        self.refresh_validity(id)
    }

    /// A secret change can make the channel valid or invalid: the list's validity column
    /// follows (the draft itself is untouched).
    fn refresh_validity(&mut self, id: &str) -> Result<ChannelView, ChannelError> {
        self.recheck(id)?;
        self.get(id)
    }

    /// The channel's secrets in the clear, for a connection test about to run. Each stays
    /// wrapped in `Sensitive` until the network client takes it.
    pub fn open_secrets(
        &self,
        id: &str,
    ) -> Result<BTreeMap<String, Sensitive<String>>, ChannelError> {
        let mut out = BTreeMap::new();
        for path in self.store.secret_status(id)? {
            if let Some(blob) = self.store.sealed_secret(id, &path)? {
                out.insert(path.clone(), self.vault.open(id, &path, &blob)?);
            }
        }
        Ok(out)
    }

    /// A deleted channel frees its name: the others that share it are re-checked.
    pub fn delete(&mut self, id: &str) -> Result<(), ChannelError> {
        let name = self.store.get(id)?.meta.name;
        self.store.delete(id)?;
        self.recheck_named([name.as_str()])
    }

    pub fn undelete(&mut self, id: &str) -> Result<ChannelView, ChannelError> {
        self.store.undelete(id)?;
        let name = self.store.get(id)?.meta.name;
        self.recheck_named([name.as_str()])?;
        self.recheck(id)?;
        self.get(id)
    }

    /// A copy named after the original ("Copy of …" in the user's language, given by the
    /// caller). Secrets are not copied: they are sealed to the original.
    pub fn duplicate(
        &mut self,
        id: &str,
        copy_name: &dyn Fn(&str) -> String,
    ) -> Result<ChannelView, ChannelError> {
        let new_id = self.store.duplicate(id, |doc, meta| {
            let name = copy_name(&meta.name);
            switchboard_core::jsonpath::set(doc, "general.name", Value::String(name.clone()));
            meta.name = name;
        })?;
        // Recompute validity: the copy has no secrets yet, and its name may be taken.
        self.recheck(&new_id)?;
        let name = self.store.get(&new_id)?.meta.name;
        self.recheck_named([name.as_str()])?;
        self.get(&new_id)
    }
}

#[cfg(test)]
mod tests;
