//! Secrets are write-only: the platform never shows them, so a plan cannot compare them.
//! What it can say is "will be set": a secret set or replaced here since the last push,
//! from the store's change counter per secret (its generation against the generation last
//! pushed). The plan carries that counter, never the value nor a hash of it.
//!
//! Which secrets go where comes from the catalogue, for every kind alike: a secret field
//! with an API name the platform writes is sent; one without (social sign-ins, keys the
//! API lacks) is "to do in the web admin". For e-mail, the passwords go through the
//! endpoint made for them (`PUT …/email_credentials`, `imap[password]`), other secret
//! parameters (`imap_oauth_refresh_token`…) with `updateSource`.

use crate::SyncError;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::sync::{Arc, Mutex};
use switchboard_catalogue::api::secret_api_fields;
use switchboard_catalogue::{kind_schema, Kind};
use switchboard_channels::ChannelService;
use switchboard_core::progress::CancellationToken;
use switchboard_core::Sensitive;
use switchboard_platform::{writable_source_param, Client};
use switchboard_store::SecretGeneration;
use ts_rs::TS;

/// A secret set or replaced here since the last push: "will be set".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SecretPlan {
    /// The document path of the secret (`imap.password`).
    pub path: String,
    /// The API parameter it is sent as (`imap_password`).
    pub field: String,
    /// Fluent id of the setting's label.
    pub label: Option<String>,
    /// The secret's change counter when planned: an apply sends this generation only
    /// (a secret replaced after the plan makes the plan stale).
    #[ts(type = "number")]
    pub generation: i64,
    /// Ticked out by the reviewer: not sent, and still due next time.
    #[serde(default)]
    pub excluded: bool,
}

fn label_of(kind: Kind, path: &str) -> Option<String> {
    kind_schema(kind)
        .sections
        .iter()
        .flat_map(|s| s.fields.iter())
        .find(|f| f.path == path)
        .map(|f| f.label.clone())
}

/// The channel's due secrets, as the plan lists them: sent, or to do in the web admin
/// (then `field` is the document path: the API has no name for it).
pub(crate) fn plan_secrets(
    kind: Kind,
    due: &[SecretGeneration],
) -> (Vec<SecretPlan>, Vec<SecretPlan>) {
    let api = secret_api_fields(kind);
    let mut send = Vec::new();
    let mut web_admin = Vec::new();
    for g in due.iter().filter(|g| g.due()) {
        let label = label_of(kind, &g.path);
        match api.iter().find(|(p, _)| *p == g.path) {
            Some((_, field)) if writable_source_param(field) => send.push(SecretPlan {
                path: g.path.clone(),
                field: field.clone(),
                label,
                generation: g.generation,
                excluded: false,
            }),
            _ => web_admin.push(SecretPlan {
                path: g.path.clone(),
                field: g.path.clone(),
                label,
                generation: g.generation,
                excluded: false,
            }),
        }
    }
    (send, web_admin)
}

/// Where a secret parameter goes.
#[derive(Debug, PartialEq)]
enum Route {
    /// `PUT /content_sources/{id}/email_credentials` with this query name.
    Credentials(String),
    /// `updateSource` with this parameter.
    Param(String),
}

fn route(kind: Kind, field: &str) -> Route {
    if kind == Kind::Email {
        for adapter in ["imap", "smtp"] {
            if field == format!("{adapter}_password") {
                return Route::Credentials(format!("{adapter}[password]"));
            }
        }
    }
    Route::Param(field.to_owned())
}

type Shared = Arc<Mutex<ChannelService>>;

/// Sends the channel's planned secrets, then records each generation as pushed. Returns
/// the server's last answer (the record after the writes), if anything was sent.
pub(crate) async fn push_secrets(
    service: &Shared,
    client: &Client,
    kind: Kind,
    channel_id: &str,
    remote_id: &str,
    secrets: &[SecretPlan],
    cancel: &CancellationToken,
) -> Result<Option<Map<String, Value>>, SyncError> {
    let planned: Vec<&SecretPlan> = secrets.iter().filter(|s| !s.excluded).collect();
    if planned.is_empty() {
        return Ok(None);
    }
    let opened = {
        let (s, id) = (service.clone(), channel_id.to_owned());
        tokio::task::spawn_blocking(move || {
            let g = s.lock().unwrap_or_else(|p| p.into_inner());
            g.open_secrets(&id)
        })
        .await
        .map_err(|e| SyncError::Join(e.to_string()))??
    };
    let mut credentials: Vec<(String, Sensitive<String>)> = Vec::new();
    let mut params: Map<String, Value> = Map::new();
    for s in &planned {
        // Cleared since the plan: nothing to send (and nothing to mark).
        let Some(value) = opened.get(&s.path) else {
            continue;
        };
        match route(kind, &s.field) {
            Route::Credentials(name) => credentials.push((name, value.clone())),
            Route::Param(name) => {
                params.insert(name, Value::String(value.expose().clone()));
            }
        }
    }
    let mut answer = None;
    if !credentials.is_empty() {
        let pairs: Vec<(&str, Sensitive<String>)> = credentials
            .iter()
            .map(|(n, v)| (n.as_str(), v.clone()))
            .collect();
        answer = Some(
            client
                .update_email_credentials(remote_id, &pairs, cancel)
                .await?,
        );
    }
    if !params.is_empty() {
        let sent = client.update_source(remote_id, &params, cancel).await;
        // The values leave memory as soon as the request is done.
        params.clear();
        answer = Some(sent?);
    }
    let marks: Vec<(String, i64)> = planned
        .iter()
        .filter(|s| opened.contains_key(&s.path))
        .map(|s| (s.path.clone(), s.generation))
        .collect();
    let (s, id) = (service.clone(), channel_id.to_owned());
    tokio::task::spawn_blocking(move || {
        let mut g = s.lock().unwrap_or_else(|p| p.into_inner());
        for (path, generation) in marks {
            g.store_mut().mark_secret_pushed(&id, &path, generation)?;
        }
        Ok::<_, SyncError>(())
    })
    .await
    .map_err(|e| SyncError::Join(e.to_string()))??;
    Ok(answer)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn due(path: &str, generation: i64, pushed: i64) -> SecretGeneration {
        SecretGeneration {
            path: path.into(),
            generation,
            pushed_generation: pushed,
        }
    }

    #[test]
    fn due_secrets_are_sent_or_left_to_the_web_admin_from_the_catalogue() {
        let (send, web) = plan_secrets(
            Kind::Email,
            &[
                due("imap.password", 3, 1),
                due("smtp.oauth_refresh_token", 1, 0),
                due("smtp.password", 2, 2),
            ],
        );
        let fields: Vec<_> = send
            .iter()
            .map(|s| (s.field.as_str(), s.generation))
            .collect();
        assert_eq!(
            fields,
            [("imap_password", 3), ("smtp_oauth_refresh_token", 1)]
        );
        assert!(send.iter().all(|s| s.label.is_some()));
        assert!(web.is_empty());
        // A secret the API has no parameter for: to do in the web admin, with its label.
        let (send, web) = plan_secrets(Kind::FacebookPage, &[due("facebook.user_token", 1, 0)]);
        assert!(send.is_empty());
        assert_eq!(web.len(), 1);
    }

    #[test]
    fn e_mail_passwords_go_through_the_credentials_endpoint() {
        assert_eq!(
            route(Kind::Email, "imap_password"),
            Route::Credentials("imap[password]".into())
        );
        assert_eq!(
            route(Kind::Email, "smtp_oauth_refresh_token"),
            Route::Param("smtp_oauth_refresh_token".into())
        );
    }
}
