//! Who changed a source on the server, and when: the platform's journal
//! (`GET /events`, `content_source.updated`) where the token may search events, otherwise
//! the source's own `updated_at`.
//!
//! The journal is searched once per plan, newest first, back to the oldest `updated_at`
//! among the channels that need an author (a few pages at most), rather than once per
//! channel: the budget is shared with the plan's own reads. Users are looked up once each.
//! A journal the token may not read, or that fails, is not an error: the plan falls back
//! to `updated_at` and says so (`ServerChange::from_journal`).

use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::{HashMap, HashSet};
use switchboard_core::progress::CancellationToken;
use switchboard_platform::{ApiError, Client, PAGE_SIZE};
use ts_rs::TS;

/// The last change of a channel's server copy.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ServerChange {
    /// Who made it ("First Last", or the e-mail), when the journal names a user this
    /// token may read.
    pub by: Option<String>,
    /// The platform's id of that user (shown when the name cannot be read).
    pub user_id: Option<String>,
    /// When (ISO 8601, the platform's one-second resolution).
    pub at: Option<String>,
    /// From the journal; false: only the source's `updated_at` is known.
    pub from_journal: bool,
}

impl ServerChange {
    pub fn from_updated_at(updated_at: Option<&str>) -> ServerChange {
        ServerChange {
            by: None,
            user_id: None,
            at: updated_at.map(str::to_owned),
            from_journal: false,
        }
    }
}

/// Pages of the journal read at most per plan (150 events each).
const MAX_PAGES: u32 = 4;

/// The newest `content_source.updated` event of each source in `wanted` (remote id →
/// its `updated_at`), with the user's name. Sources the journal does not cover map to
/// their `updated_at`. Only `Cancelled` is an error.
pub(crate) async fn server_changes(
    client: &Client,
    wanted: &HashMap<String, Option<String>>,
    cancel: &CancellationToken,
) -> Result<HashMap<String, ServerChange>, ApiError> {
    let mut out: HashMap<String, ServerChange> = wanted
        .iter()
        .map(|(id, at)| (id.clone(), ServerChange::from_updated_at(at.as_deref())))
        .collect();
    if wanted.is_empty() {
        return Ok(out);
    }
    // Back to one second before the oldest change we need (the journal's time and the
    // source's may differ by that much).
    let oldest = wanted.values().flatten().min().cloned();
    let mut q = String::from("name_in:\"content_source.updated\"");
    if let Some(t) = oldest.as_deref().and_then(second_before) {
        q.push_str(&format!(" created_after:\"{t}\""));
    }
    let mut found: HashMap<String, (String, String)> = HashMap::new();
    let mut offset = 0u32;
    for _ in 0..MAX_PAGES {
        let page = match client.events_page(&q, offset, PAGE_SIZE, cancel).await {
            Ok(p) => p,
            Err(ApiError::Cancelled) => return Err(ApiError::Cancelled),
            Err(e) => {
                // Not readable by this token (or failing): `updated_at` it is.
                tracing::debug!(error = %e, "journal not read; authors from updated_at");
                return Ok(out);
            }
        };
        let n = page.records.len() as u32;
        for e in page.records {
            let source = e
                .extra_infos
                .as_ref()
                .and_then(|x| x.get("content_source_id"))
                .and_then(id_text);
            let (Some(source), Some(user), Some(at)) = (source, e.user_id, e.created_at) else {
                continue;
            };
            // Newest first: the first event seen for a source is its last change.
            if wanted.contains_key(&source) {
                found.entry(source).or_insert((user, at));
            }
        }
        offset += n;
        if n == 0 || offset >= page.count || found.len() == wanted.len() {
            break;
        }
    }
    let users: HashSet<&String> = found.values().map(|(u, _)| u).collect();
    let mut names: HashMap<String, Option<String>> = HashMap::new();
    for u in users {
        let name = match client.user(u, cancel).await {
            Ok(user) => Some(user.display_name()),
            Err(ApiError::Cancelled) => return Err(ApiError::Cancelled),
            Err(_) => None,
        };
        names.insert(u.clone(), name);
    }
    for (source, (user, at)) in found {
        out.insert(
            source,
            ServerChange {
                by: names.get(&user).cloned().flatten(),
                user_id: Some(user),
                at: Some(at),
                from_journal: true,
            },
        );
    }
    Ok(out)
}

fn id_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// `2026-03-01T10:00:05Z` → `2026-03-01T10:00:04Z`; None when the text is not that shape
/// (then the search is not bounded, only paged).
fn second_before(iso: &str) -> Option<String> {
    // Only UTC ("…Z"): an offset would need calendar arithmetic for little gain.
    let (date, time) = iso.strip_suffix('Z')?.split_once('T')?;
    let time = time.split('.').next()?;
    let mut parts = time.split(':').map(|p| p.parse::<i64>().ok());
    let (h, m, s) = (parts.next()??, parts.next()??, parts.next()??);
    let total = h * 3600 + m * 60 + s;
    if total == 0 {
        // Midnight: keep the date arithmetic out of it, start at the day.
        return Some(format!("{date}T00:00:00Z"));
    }
    let t = total - 1;
    Some(format!(
        "{date}T{:02}:{:02}:{:02}Z",
        t / 3600,
        (t / 60) % 60,
        t % 60
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_second_before() {
        assert_eq!(
            second_before("2026-03-01T10:00:05Z").as_deref(),
            Some("2026-03-01T10:00:04Z")
        );
        assert_eq!(
            second_before("2026-03-01T10:00:00.000Z").as_deref(),
            Some("2026-03-01T09:59:59Z")
        );
        assert_eq!(
            second_before("2026-03-01T00:00:00Z").as_deref(),
            Some("2026-03-01T00:00:00Z")
        );
        assert_eq!(second_before("yesterday"), None);
        assert_eq!(second_before("2026-03-01T10:00:05+02:00"), None);
    }
}
