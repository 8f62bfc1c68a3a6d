//! Postmark mode: the server API key is checked with `GET /server`, the cheapest call
//! that needs a valid server token. The base URL is configurable so tests (and a
//! corporate proxy) can point elsewhere.

use crate::report::Protocol;
use crate::settings::{PostmarkSettings, Timeouts, POSTMARK_API};
use crate::step::{Done, Failure, Recorder, Stop};
use switchboard_core::Msg;

pub fn plan() -> Vec<String> {
    vec!["postmark.api_key".to_owned()]
}

pub async fn diagnose(
    s: &PostmarkSettings,
    rec: &mut Recorder<'_>,
    t: &Timeouts,
) -> Result<(), Stop> {
    debug_assert_eq!(rec.protocol, Protocol::Postmark);
    let base = s
        .base_url
        .as_deref()
        .filter(|b| !b.trim().is_empty())
        .unwrap_or(POSTMARK_API);
    let url = format!("{}/server", base.trim_end_matches('/'));
    let key_field = ["postmark.api_key".to_owned()];
    rec.run(
        "postmark.api_key",
        t.step(),
        |d| {
            Failure::new(
                Msg::new("mailcheck-postmark-unreachable").arg("error", format!("{d:?}")),
                &[],
            )
        },
        async {
            if s.api_key.expose().trim().is_empty() {
                return Err(Failure::new(
                    Msg::new("mailcheck-postmark-key-missing"),
                    &key_field,
                ));
            }
            let client = reqwest::Client::builder()
                .connect_timeout(t.connect())
                .build()
                .map_err(|e| {
                    Failure::new(
                        Msg::new("mailcheck-postmark-unreachable").arg("error", e.to_string()),
                        &[],
                    )
                })?;
            let resp = client
                .get(&url)
                .header("Accept", "application/json")
                .header("X-Postmark-Server-Token", s.api_key.expose().trim())
                .send()
                .await
                .map_err(|e| {
                    Failure::new(
                        Msg::new("mailcheck-postmark-unreachable").arg("error", e.to_string()),
                        &[],
                    )
                })?;
            let status = resp.status();
            let body = resp.text().await.unwrap_or_default();
            let reply = format!(
                "HTTP {} {}",
                status.as_u16(),
                body.chars().take(2000).collect::<String>()
            );
            if status.is_success() {
                let name = serde_json::from_str::<serde_json::Value>(&body)
                    .ok()
                    .and_then(|v| v.get("Name").and_then(|n| n.as_str()).map(str::to_owned))
                    .unwrap_or_default();
                let mut done = Done::note(Msg::new("mailcheck-postmark-ok").arg("server", name));
                done.reply = Some(reply);
                Ok(((), done))
            } else if status.as_u16() == 401 || status.as_u16() == 403 {
                Err(
                    Failure::new(Msg::new("mailcheck-postmark-rejected"), &key_field)
                        .with_reply(reply),
                )
            } else {
                Err(Failure::new(
                    Msg::new("mailcheck-postmark-failed").arg("status", status.as_u16()),
                    &[],
                )
                .with_reply(reply))
            }
        },
    )
    .await
}
