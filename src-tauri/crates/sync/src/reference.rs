//! The account's reference data (the pickers' choices), fetched and cached in the shapes
//! the catalogue's pickers read.

use serde_json::{json, Value};
use switchboard_core::progress::CancellationToken;
use switchboard_platform::{ApiError, Client};
use switchboard_store::RefKind;

/// One list, fetched and converted.
pub(crate) async fn fetch(
    client: &Client,
    kind: RefKind,
    cancel: &CancellationToken,
) -> Result<Value, ApiError> {
    let name = |n: Option<String>, id: &str| {
        n.filter(|n| !n.trim().is_empty())
            .unwrap_or_else(|| id.to_owned())
    };
    Ok(match kind {
        RefKind::Communities => Value::Array(
            client
                .communities(cancel)
                .await?
                .into_iter()
                .map(|c| json!({"id": c.id, "name": name(c.name, &c.id)}))
                .collect(),
        ),
        RefKind::TimeSheets => Value::Array(
            client
                .time_sheets(cancel)
                .await?
                .into_iter()
                .map(|t| json!({"id": t.id, "name": name(t.label, &t.id)}))
                .collect(),
        ),
        RefKind::Categories => Value::Array(
            client
                .categories(cancel)
                .await?
                .into_iter()
                .map(|c| {
                    let mut v = json!({"id": c.id, "name": name(c.name, &c.id)});
                    if let Some(p) = c.parent_id.filter(|p| !p.is_empty()) {
                        v["parent_id"] = json!(p);
                    }
                    v
                })
                .collect(),
        ),
        RefKind::Locales => Value::Array(
            client
                .locales(cancel)
                .await?
                .into_iter()
                .map(|l| json!({"code": l.code, "name": name(l.name, &l.code)}))
                .collect(),
        ),
        RefKind::ChannelGroups => Value::Array(
            client
                .channel_groups(cancel)
                .await?
                .into_iter()
                .map(|g| {
                    let shown = name(g.label.or(g.name), &g.id);
                    json!({"id": g.id, "name": shown, "default_capacity": g.soft_capability.unwrap_or(0)})
                })
                .collect(),
        ),
    })
}
