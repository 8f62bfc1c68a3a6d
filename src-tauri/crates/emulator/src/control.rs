//! The control functions, shared by `/_emulator/…` and in-process callers (`Running`).

use crate::config::{Faults, FaultsPatch};
use crate::fixture::people::{Holder, TokenInfo};
use crate::state::{Shared, Stats};
use serde_json::{Map, Value};
use std::sync::Arc;

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum EditError {
    #[error("no such source")]
    NoSuchSource,
    #[error("no such user")]
    NoSuchUser,
    #[error("{0}")]
    Invalid(String),
}

/// A handle on a running emulator's state.
#[derive(Clone)]
pub struct Control {
    shared: Arc<Shared>,
}

impl Control {
    pub(crate) fn new(shared: Arc<Shared>) -> Control {
        Control { shared }
    }

    /// "Another administrator edits source `id`": applies `fields` (Source fields by API
    /// name, JSON values; read-only ones such as `community_id` included), moves
    /// `updated_at` to now (whole seconds) if anything changed, and journals a
    /// `content_source.updated` event by `user_id` (default: the other administrator).
    /// Returns the source as the API now renders it.
    pub fn edit_source(
        &self,
        id: &str,
        fields: &Map<String, Value>,
        user_id: Option<&str>,
    ) -> Result<Value, EditError> {
        let mut st = self.shared.lock();
        let user = match user_id {
            Some(u) => u.to_owned(),
            None => st
                .tokens
                .iter()
                .find(|t| t.holder == Holder::OtherAdmin)
                .map(|t| t.user_id.clone())
                .unwrap_or_default(),
        };
        if !st.user_exists(&user) {
            return Err(EditError::NoSuchUser);
        }
        let idx = st.source_index(id).ok_or(EditError::NoSuchSource)?;
        let changes: Vec<(String, Value)> =
            fields.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
        st.change_source(idx, &changes, &user, true)
            .map_err(|e| EditError::Invalid(e.join("; ")))?;
        Ok(st.sources[idx].render())
    }

    /// The stored record, hidden or not, with which secrets were set (not their values).
    pub fn raw_source(&self, id: &str) -> Option<Value> {
        self.shared.lock().source(id, None).map(|s| s.raw())
    }

    /// A secret's stored value (in-process only: never served over HTTP).
    pub fn secret(&self, id: &str, name: &str) -> Option<String> {
        let st = self.shared.lock();
        st.source(id, None)?
            .secrets
            .get(name)
            .map(|s| s.value.clone())
    }

    /// Ids of every source in creation order (hidden ones included).
    pub fn source_ids(&self) -> Vec<String> {
        self.shared
            .lock()
            .sources
            .iter()
            .map(|s| s.id.clone())
            .collect()
    }

    pub fn faults(&self) -> Faults {
        self.shared.lock().faults.clone()
    }

    pub fn set_faults(&self, patch: &FaultsPatch) -> Result<Faults, String> {
        let faults = {
            let mut st = self.shared.lock();
            st.faults.apply(patch)?;
            st.faults.clone()
        };
        if !faults.hold_puts {
            self.shared.released.notify_waiters();
        }
        Ok(faults)
    }

    pub fn stats(&self) -> Stats {
        self.shared.lock().stats.clone()
    }

    pub fn reset_stats(&self) {
        self.shared.lock().stats = Stats::default();
    }

    pub fn tokens(&self) -> Vec<TokenInfo> {
        self.shared.lock().tokens.clone()
    }

    /// Every event of the journal, oldest first.
    pub fn events(&self) -> Vec<Value> {
        self.shared.lock().events.clone()
    }
}
