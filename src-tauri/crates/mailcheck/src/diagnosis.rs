//! The entry point of a "Test" press: IMAP, SMTP and Postmark run side by side, each step
//! streamed as it ends, everything bounded and cancellable.

use crate::report::{DiagnosisReport, Protocol, StepReport};
use crate::settings::MailSettings;
use crate::step::{Recorder, Shared, StepListener};
use crate::{imap, postmark, smtp};
use std::sync::Mutex;
use switchboard_core::progress::{CancellationToken, ProgressEvent, ProgressSink, StepStatus};
use switchboard_core::Msg;

/// Tests the settings as they are on screen. Streams `ProgressEvent`s to `sink` and
/// returns the full report (steps with fields and server replies, folders).
pub async fn diagnose(
    settings: &MailSettings,
    sink: &dyn ProgressSink,
    cancel: &CancellationToken,
) -> DiagnosisReport {
    diagnose_with(settings, sink, None, cancel).await
}

/// Same as [`diagnose`], with `listener` called with each finished step's full report
/// (the UI uses it to highlight fields as soon as a step fails).
pub async fn diagnose_with(
    settings: &MailSettings,
    sink: &dyn ProgressSink,
    listener: Option<&StepListener<'_>>,
    cancel: &CancellationToken,
) -> DiagnosisReport {
    let steps = Mutex::new(Vec::<StepReport>::new());
    let secrets = scrub_list(settings);
    let shared = Shared {
        sink,
        listener,
        cancel,
        steps: &steps,
        secrets,
        progress: Mutex::new((0, 0)),
    };
    let t = settings.timeouts;

    // The round trip needs an address to send to and IMAP to fetch from.
    let rt_address = settings
        .address
        .clone()
        .filter(|a| a.contains('@'))
        .or_else(|| {
            settings
                .smtp
                .as_ref()
                .map(|s| s.server.username.clone())
                .filter(|u| u.contains('@'))
        })
        .or_else(|| {
            settings
                .imap
                .as_ref()
                .map(|s| s.server.username.clone())
                .filter(|u| u.contains('@'))
        });
    let round_trip = match (settings.round_trip, &settings.imap, &rt_address) {
        (true, Some(imap), Some(addr)) => Some(smtp::RoundTrip {
            address: addr,
            imap,
        }),
        _ => None,
    };
    let rt_impossible = settings.round_trip && round_trip.is_none();

    let imap_fut = async {
        let s = settings.imap.as_ref()?;
        let mut rec = Recorder::new(&shared, Protocol::Imap, imap::plan(&s.server));
        imap::diagnose(s, &mut rec, &t).await
    };
    let smtp_fut = async {
        let Some(s) = settings.smtp.as_ref() else {
            return;
        };
        let mut rec = Recorder::new(
            &shared,
            Protocol::Smtp,
            smtp::plan(&s.server, round_trip.is_some()),
        );
        let _ = smtp::diagnose(s, round_trip, &mut rec, &t).await;
        if rt_impossible {
            rec.skip("smtp.roundtrip", Msg::new("mailcheck-roundtrip-needs-imap"));
        }
    };
    let postmark_fut = async {
        let Some(p) = settings.postmark.as_ref() else {
            return;
        };
        let mut rec = Recorder::new(&shared, Protocol::Postmark, postmark::plan());
        let _ = postmark::diagnose(p, &mut rec, &t).await;
    };
    let (folders, (), ()) = tokio::join!(imap_fut, smtp_fut, postmark_fut);

    let steps = steps.into_inner().unwrap();
    let cancelled =
        cancel.is_cancelled() || steps.iter().any(|s| s.status == StepStatus::Cancelled);
    let ok = !cancelled && !steps.iter().any(|s| s.status == StepStatus::Failed);
    sink.emit(ProgressEvent::Finished { ok, cancelled });
    DiagnosisReport {
        ok,
        cancelled,
        steps,
        folders: folders.unwrap_or_default(),
    }
}

/// What is scrubbed from every server reply before it is recorded: each password and
/// key, and for XOAUTH2 the access token and the whole SASL initial response, since what
/// travels is `base64("user=…\x01auth=Bearer TOKEN\x01\x01")`, which does not contain
/// `base64(TOKEN)` (a server echoing it would otherwise show the token in the report).
fn scrub_list(settings: &MailSettings) -> Vec<String> {
    let mut secrets = Vec::new();
    for srv in [
        settings.imap.as_ref().map(|i| &i.server),
        settings.smtp.as_ref().map(|s| &s.server),
    ]
    .into_iter()
    .flatten()
    {
        secrets.push(srv.password.expose().clone());
        if let Some(t) = srv.secret() {
            secrets.push(t.to_owned());
            if srv.uses_xoauth2() {
                secrets.push(crate::xoauth2::initial_response(&srv.username, t));
            }
        }
    }
    if let Some(p) = &settings.postmark {
        secrets.push(p.api_key.expose().clone());
    }
    secrets
}

#[cfg(test)]
mod scrub_tests {
    use super::*;
    use crate::settings::OAuthToken;
    use switchboard_core::Sensitive;

    #[test]
    fn an_echoed_xoauth2_initial_response_is_scrubbed_whole() {
        let mut s: MailSettings = serde_json::from_value(serde_json::json!({
            "imap": {"host": "h", "port": 993, "username": "ada@example.test",
                     "authentication_type": "microsoft_identity_platform"}
        }))
        .unwrap();
        let token = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.access-token-value";
        s.imap.as_mut().unwrap().server.oauth =
            Some(OAuthToken::Access(Sensitive::new(token.to_owned())));
        let wire = crate::xoauth2::initial_response("ada@example.test", token);
        let echoed = format!("+ {}", crate::tap::b64(wire.as_bytes()));
        let out = crate::tap::scrub(&echoed, &scrub_list(&s));
        assert!(!out.contains(&echoed[2..]), "{out}");
        assert!(out.contains("<redacted>"), "{out}");
    }
}
