//! "Test account": each step with its time, streamed as it runs. DNS, then TLS, then one
//! HTTP request (its status), then whether the token is valid, then what it may do:
//! read and update channels, read reference data and the journal. The API has no "me":
//! the token's user is found by the e-mail the account names, and its role says what it
//! may do; without that e-mail (or when users cannot be read) the reads are probed one by
//! one and "update channels" stays unknown rather than guessed.

use crate::client::{Call, Client};
use crate::model::{Capabilities, User};
use crate::ApiError;
use reqwest::Method;
use serde::Serialize;
use std::sync::Arc;
use std::time::{Duration, Instant};
use switchboard_core::progress::{
    bounded, CancellationToken, ProgressEvent, ProgressSink, StepError, StepStatus,
};
use switchboard_core::{FieldMsg, Msg};
use ts_rs::TS;

const STEP_LIMIT: Duration = Duration::from_secs(15);

/// One step's outcome.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ProbeStep {
    pub step: String,
    pub status: StepStatus,
    #[ts(type = "number")]
    pub duration_ms: u64,
    pub detail: Option<Msg>,
}

/// The whole test.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AccountTestReport {
    pub ok: bool,
    pub cancelled: bool,
    pub steps: Vec<ProbeStep>,
    /// The token's user, when found.
    pub user: Option<String>,
    pub role: Option<String>,
    pub capabilities: Capabilities,
    /// The account settings to fix (`base_url`, `token`, `token_user_email`).
    pub fields: Vec<FieldMsg>,
}

struct Run<'a> {
    sink: &'a dyn ProgressSink,
    cancel: &'a CancellationToken,
    report: AccountTestReport,
}

fn label(step: &str) -> Msg {
    Msg::new(format!("platform-step-{step}"))
}

impl Run<'_> {
    fn start(&self, step: &str) -> Instant {
        self.sink.emit(ProgressEvent::Step {
            step: step.into(),
            label: label(step),
            status: StepStatus::Running,
            duration_ms: None,
            detail: None,
        });
        Instant::now()
    }

    fn end(&mut self, step: &str, t0: Instant, status: StepStatus, detail: Option<Msg>) {
        let ms = t0.elapsed().as_millis() as u64;
        self.sink.emit(ProgressEvent::Step {
            step: step.into(),
            label: label(step),
            status,
            duration_ms: Some(ms),
            detail: detail.clone(),
        });
        self.report.steps.push(ProbeStep {
            step: step.into(),
            status,
            duration_ms: ms,
            detail,
        });
    }

    fn fail(&mut self, step: &str, t0: Instant, msg: Msg, field: &str) {
        self.report.ok = false;
        self.report.fields.push(FieldMsg::new(field, msg.clone()));
        self.end(step, t0, StepStatus::Failed, Some(msg));
    }

    fn skip_rest(&mut self, steps: &[&str]) {
        let done: Vec<String> = self.report.steps.iter().map(|s| s.step.clone()).collect();
        for s in steps.iter().filter(|s| !done.iter().any(|d| d == *s)) {
            let status = if self.cancel.is_cancelled() {
                StepStatus::Cancelled
            } else {
                StepStatus::Skipped
            };
            self.sink.emit(ProgressEvent::Step {
                step: (*s).into(),
                label: label(s),
                status,
                duration_ms: None,
                detail: None,
            });
            self.report.steps.push(ProbeStep {
                step: (*s).into(),
                status,
                duration_ms: 0,
                detail: None,
            });
        }
    }
}

const STEPS: [&str; 6] = ["dns", "tls", "http", "token", "role", "access"];

fn step_error(e: StepError<ApiError>) -> ApiError {
    match e {
        StepError::Cancelled => ApiError::Cancelled,
        StepError::TimedOut(d) => ApiError::Timeout { secs: d.as_secs() },
        StepError::Failed(e) => e,
    }
}

/// Runs the test. `token_user_email` names the token's user, to read its role.
pub async fn test_account(
    client: &Client,
    token_user_email: Option<&str>,
    sink: &dyn ProgressSink,
    cancel: &CancellationToken,
) -> AccountTestReport {
    let mut run = Run {
        sink,
        cancel,
        report: AccountTestReport {
            ok: true,
            cancelled: false,
            steps: vec![],
            user: None,
            role: None,
            capabilities: Capabilities::default(),
            fields: vec![],
        },
    };
    probe(client, token_user_email, &mut run).await;
    run.report.cancelled = cancel.is_cancelled();
    if run.report.cancelled {
        run.report.ok = false;
    }
    run.skip_rest(&STEPS);
    sink.emit(ProgressEvent::Finished {
        ok: run.report.ok,
        cancelled: run.report.cancelled,
    });
    run.report
}

async fn probe(client: &Client, email: Option<&str>, run: &mut Run<'_>) {
    let base = client.base().clone();
    let (host, port) = (base.host().to_owned(), base.port());

    // DNS.
    let t0 = run.start("dns");
    let addrs = bounded(run.cancel, STEP_LIMIT, async {
        tokio::net::lookup_host((host.as_str(), port))
            .await
            .map(|a| a.collect::<Vec<_>>())
    })
    .await;
    let addrs = match addrs {
        Ok(a) if !a.is_empty() => a,
        Err(StepError::Cancelled) => return,
        _ => {
            let msg = Msg::new("platform-probe-dns-failed").arg("host", host.as_str());
            return run.fail("dns", t0, msg, "base_url");
        }
    };
    let shown = addrs[0].ip().to_string();
    run.end(
        "dns",
        t0,
        StepStatus::Ok,
        Some(Msg::new("platform-probe-dns-ok").arg("address", shown)),
    );

    // TLS (a loopback http account has none).
    let t0 = run.start("tls");
    if base.is_https() {
        match bounded(run.cancel, STEP_LIMIT, tls_handshake(&host, addrs[0])).await {
            Ok(version) => run.end(
                "tls",
                t0,
                StepStatus::Ok,
                Some(Msg::new("platform-probe-tls-ok").arg("version", version)),
            ),
            Err(StepError::Cancelled) => return,
            Err(StepError::TimedOut(_)) => {
                return run.fail(
                    "tls",
                    t0,
                    Msg::new("platform-probe-tls-timeout"),
                    "base_url",
                )
            }
            Err(StepError::Failed(detail)) => {
                let msg = Msg::new("platform-probe-tls-failed").arg("detail", detail);
                return run.fail("tls", t0, msg, "base_url");
            }
        }
    } else {
        run.end(
            "tls",
            t0,
            StepStatus::Skipped,
            Some(Msg::new("platform-probe-tls-loopback")),
        );
    }

    // One HTTP request: what status does the API answer with this token?
    let t0 = run.start("http");
    let first = bounded(
        run.cancel,
        STEP_LIMIT * 2,
        probe_list(client, "/content_sources", run.cancel),
    )
    .await;
    let status = match &first {
        Ok(()) => 200,
        Err(StepError::Failed(ApiError::Unauthorized)) => 401,
        Err(StepError::Failed(ApiError::Forbidden)) => 403,
        Err(StepError::Failed(ApiError::NotFoundOrHidden { .. })) => 404,
        Err(StepError::Cancelled) => return,
        Err(e) => {
            let e = step_error(e.clone());
            let field = e.field().unwrap_or("base_url");
            return run.fail("http", t0, e.msg(), field);
        }
    };
    if status == 404 {
        return run.fail(
            "http",
            t0,
            Msg::new("platform-probe-not-the-api"),
            "base_url",
        );
    }
    run.end(
        "http",
        t0,
        StepStatus::Ok,
        Some(Msg::new("platform-probe-http-status").arg("status", status as i64)),
    );

    // The token.
    let t0 = run.start("token");
    if status == 401 {
        return run.fail(
            "token",
            t0,
            Msg::new("platform-probe-token-invalid"),
            "token",
        );
    }
    run.end(
        "token",
        t0,
        StepStatus::Ok,
        Some(Msg::new("platform-probe-token-valid")),
    );
    run.report.capabilities.read_channels = Some(status == 200);

    // The user's role: what it may do.
    let t0 = run.start("role");
    let role = match email.map(str::trim).filter(|e| !e.is_empty()) {
        None => {
            run.end(
                "role",
                t0,
                StepStatus::Warning,
                Some(Msg::new("platform-probe-role-no-email")),
            );
            None
        }
        Some(email) => match bounded(
            run.cancel,
            STEP_LIMIT * 2,
            user_role(client, email, run.cancel),
        )
        .await
        {
            Ok((user, Some(role))) => {
                run.report.user = Some(user.display_name());
                run.report.role = role.label.clone();
                let detail = Msg::new("platform-probe-role-ok")
                    .arg("user", user.display_name())
                    .arg("role", role.label.clone().unwrap_or_default());
                run.end("role", t0, StepStatus::Ok, Some(detail));
                Some(role)
            }
            Ok((_, None)) => {
                let msg = Msg::new("platform-probe-role-unknown-user").arg("email", email);
                run.report
                    .fields
                    .push(FieldMsg::new("token_user_email", msg.clone()));
                run.end("role", t0, StepStatus::Warning, Some(msg));
                None
            }
            Err(StepError::Cancelled) => return,
            Err(e) => {
                let e = step_error(e);
                let msg = Msg::new("platform-probe-role-unreadable").arg("cause", e.msg());
                run.end("role", t0, StepStatus::Warning, Some(msg));
                None
            }
        },
    };

    // What the token may do: from the role where known, reads probed for real.
    let t0 = run.start("access");
    let mut reference_ok = true;
    for template in ["/communities", "/channels", "/categories", "/time_sheets"] {
        match probe_list(client, template, run.cancel).await {
            Ok(()) => {}
            Err(ApiError::Cancelled) => return,
            Err(ApiError::Forbidden | ApiError::NotFoundOrHidden { .. }) => reference_ok = false,
            Err(e) => {
                let field = e.field().unwrap_or("base_url");
                return run.fail("access", t0, e.msg(), field);
            }
        }
    }
    let caps = &mut run.report.capabilities;
    caps.read_reference_data = Some(reference_ok);
    if let Some(role) = &role {
        caps.read_channels =
            Some(caps.read_channels == Some(true) && role.may("read_content_source"));
        caps.update_channels = Some(role.may("update_content_source"));
        caps.read_events = Some(role.may("read_event") || role.may("search_event"));
    }
    let yes_no = |v: Option<bool>| match v {
        Some(true) => "yes",
        Some(false) => "no",
        None => "unknown",
    };
    let detail = Msg::new("platform-probe-access")
        .arg("read", yes_no(caps.read_channels))
        .arg("update", yes_no(caps.update_channels))
        .arg("reference", yes_no(caps.read_reference_data));
    let usable = caps.read_channels == Some(true);
    if !usable {
        return run.fail(
            "access",
            t0,
            Msg::new("platform-probe-cannot-read-channels"),
            "token",
        );
    }
    let status = if caps.update_channels == Some(false) || !reference_ok {
        StepStatus::Warning
    } else {
        StepStatus::Ok
    };
    run.end("access", t0, status, Some(detail));
}

/// A one-record read of a list: proves the token may read it, costs one request.
async fn probe_list(
    client: &Client,
    template: &'static str,
    cancel: &CancellationToken,
) -> Result<(), ApiError> {
    client
        .call(Call {
            method: Method::GET,
            template,
            path: template.into(),
            query: vec![("limit".into(), "1".into())],
            cancel,
        })
        .await
        .map(|_| ())
}

async fn user_role(
    client: &Client,
    email: &str,
    cancel: &CancellationToken,
) -> Result<(User, Option<crate::Role>), ApiError> {
    let users = client.users_by_email(email, cancel).await?;
    let Some(user) = users.into_iter().find(|u| {
        u.email
            .as_deref()
            .is_some_and(|e| e.eq_ignore_ascii_case(email))
    }) else {
        return Ok((
            User {
                id: String::new(),
                email: Some(email.to_owned()),
                firstname: None,
                lastname: None,
                role_id: None,
            },
            None,
        ));
    };
    let role = match &user.role_id {
        Some(id) => Some(client.role(id, cancel).await?),
        None => None,
    };
    Ok((user, role))
}

/// A TLS handshake with the same roots reqwest trusts; returns the protocol version.
async fn tls_handshake(host: &str, addr: std::net::SocketAddr) -> Result<String, String> {
    let mut roots = rustls::RootCertStore::empty();
    roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
    let config = rustls::ClientConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .map_err(|e| e.to_string())?
    .with_root_certificates(roots)
    .with_no_client_auth();
    let connector = tokio_rustls::TlsConnector::from(Arc::new(config));
    let name =
        rustls_pki_types::ServerName::try_from(host.to_owned()).map_err(|e| e.to_string())?;
    let tcp = tokio::net::TcpStream::connect(addr)
        .await
        .map_err(|e| e.to_string())?;
    let tls = connector
        .connect(name, tcp)
        .await
        .map_err(|e| e.to_string())?;
    let version = tls
        .get_ref()
        .1
        .protocol_version()
        .map(|v| format!("{v:?}").replace("TLSv1_", "TLS 1."))
        .unwrap_or_default();
    Ok(version)
}
