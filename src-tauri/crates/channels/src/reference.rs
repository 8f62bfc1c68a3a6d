//! The pickers' reference data (communities, business hours, categories, locales, channel
//! groups) comes from the store's cache, which sync will fill from the platform. Until then
//! the cache is seeded once with the catalogue's sample set, which says it is a sample.

use crate::error::ChannelError;
use crate::service::ChannelService;
use serde_json::{Map, Value};
use switchboard_catalogue::{sample_reference_data, ReferenceData};
use switchboard_store::RefKind;

/// The cache's account until sync brings real ones.
pub const SAMPLE_ACCOUNT: &str = "sample";

fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64)
}

impl ChannelService {
    /// The pickers' choices for a channel of `account` (its pulled lists), or the sample
    /// set for a local-only channel or an account not pulled yet.
    pub fn reference_data_for(
        &mut self,
        account: Option<&str>,
    ) -> Result<ReferenceData, ChannelError> {
        if let Some(account) = account {
            if let Some(first) = self.store.reference(RefKind::Communities, account)? {
                let mut obj = Map::new();
                obj.insert("sample".into(), Value::Bool(false));
                obj.insert("fetched_at".into(), Value::from(first.fetched_at));
                for kind in RefKind::ALL {
                    let data = self
                        .store
                        .reference(kind, account)?
                        .map_or(Value::Array(vec![]), |e| e.data);
                    obj.insert(kind.as_str().into(), data);
                }
                match serde_json::from_value(Value::Object(obj)) {
                    Ok(r) => return Ok(r),
                    Err(e) => tracing::warn!(error = %e, "account reference cache unreadable"),
                }
            }
        }
        self.reference_data()
    }

    pub fn reference_data(&mut self) -> Result<ReferenceData, ChannelError> {
        if self
            .store
            .reference(RefKind::Communities, SAMPLE_ACCOUNT)?
            .is_none()
        {
            let sample =
                serde_json::to_value(sample_reference_data()).expect("reference data serializes");
            let at = now_ms();
            for kind in RefKind::ALL {
                let list = sample
                    .get(kind.as_str())
                    .cloned()
                    .unwrap_or(Value::Array(vec![]));
                self.store.put_reference(kind, SAMPLE_ACCOUNT, &list, at)?;
            }
        }
        let mut obj = Map::new();
        obj.insert("sample".into(), Value::Bool(true));
        for kind in RefKind::ALL {
            let data = self
                .store
                .reference(kind, SAMPLE_ACCOUNT)?
                .map_or(Value::Array(vec![]), |e| e.data);
            obj.insert(kind.as_str().into(), data);
        }
        // The cache holds what we wrote; a shape it cannot read is treated as empty.
        Ok(
            serde_json::from_value(Value::Object(obj)).unwrap_or_else(|e| {
                tracing::warn!(error = %e, "reference cache unreadable");
                ReferenceData {
                    sample: true,
                    fetched_at: None,
                    communities: vec![],
                    time_sheets: vec![],
                    categories: vec![],
                    locales: vec![],
                    channel_groups: vec![],
                }
            }),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use switchboard_store::Store;
    use switchboard_vault::{MemoryKeySource, Vault};

    #[test]
    fn the_cache_is_seeded_once_with_the_labelled_sample_and_read_back() {
        let mut s = ChannelService::new(
            Store::open_in_memory().unwrap(),
            Vault::new(MemoryKeySource::random()),
        );
        let first = s.reference_data().unwrap();
        assert!(first.sample);
        assert_eq!(first, sample_reference_data());
        let entry = s
            .store
            .reference(RefKind::Locales, SAMPLE_ACCOUNT)
            .unwrap()
            .expect("cached");
        assert!(entry.fetched_at > 0);
        // What the cache holds is what the pickers get (sync will replace it).
        let mut communities = first.communities.clone();
        communities.truncate(1);
        s.store
            .put_reference(
                RefKind::Communities,
                SAMPLE_ACCOUNT,
                &serde_json::to_value(&communities).unwrap(),
                1,
            )
            .unwrap();
        assert_eq!(s.reference_data().unwrap().communities, communities);
    }
}
