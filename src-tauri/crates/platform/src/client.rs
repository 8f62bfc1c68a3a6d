//! The request pipeline every resource goes through: budget → send (bounded, cancellable)
//! → classify → bounded retry or return. One `Client` per account; clones share the
//! connection pool and the budget.

use crate::budget::Budget;
use crate::error::ApiError;
use crate::BaseUrl;
use reqwest::{Method, StatusCode};
use serde_json::Value;
use std::sync::Arc;
use std::time::{Duration, Instant};
use switchboard_core::progress::CancellationToken;
use switchboard_core::Sensitive;

/// How one account's client behaves.
#[derive(Debug, Clone)]
pub struct ClientConfig {
    /// Bound on one request, from send to the last byte of the answer.
    pub timeout: Duration,
    /// Attempts for an idempotent request that failed on the way (GET; a PUT only when
    /// the connection never opened).
    pub attempts: u32,
    /// 429 pauses one request may sit through before giving up as `RateLimited`.
    pub max_throttles: u32,
    /// Answers larger than this are refused (a hostile or broken server cannot fill memory).
    pub max_body: usize,
}

impl Default for ClientConfig {
    fn default() -> Self {
        ClientConfig {
            timeout: Duration::from_secs(30),
            attempts: 3,
            max_throttles: 8,
            max_body: 16 * 1024 * 1024,
        }
    }
}

/// One request and its answer, as the contract tests see them (never logged).
#[derive(Debug, Clone)]
pub struct Exchange {
    pub method: String,
    /// The operation's path template (`/content_sources/{sourceId}`).
    pub template: &'static str,
    pub query: Vec<(String, String)>,
    pub status: Option<u16>,
    pub body: Option<Value>,
}

/// Sees every exchange (tests validate them against the spec).
pub type Observer = Arc<dyn Fn(&Exchange) + Send + Sync>;

#[derive(Clone)]
pub struct Client {
    http: reqwest::Client,
    base: BaseUrl,
    token: Arc<Sensitive<String>>,
    budget: Arc<Budget>,
    config: ClientConfig,
    observer: Option<Observer>,
}

/// What a resource asks the pipeline for.
pub(crate) struct Call<'a> {
    pub method: Method,
    pub template: &'static str,
    pub path: String,
    pub query: Vec<(String, String)>,
    pub cancel: &'a CancellationToken,
}

impl Client {
    pub fn new(
        base: BaseUrl,
        token: Sensitive<String>,
        budget: Arc<Budget>,
        config: ClientConfig,
    ) -> Client {
        let http = reqwest::Client::builder()
            .user_agent(concat!("Switchboard/", env!("CARGO_PKG_VERSION")))
            .connect_timeout(config.timeout.min(Duration::from_secs(10)))
            // A redirect would carry the token to another host: the API has none.
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("a TLS backend is compiled in");
        Client {
            http,
            base,
            token: Arc::new(token),
            budget,
            config,
            observer: None,
        }
    }

    /// Every exchange is shown to `observer` (contract tests).
    pub fn with_observer(mut self, observer: Observer) -> Client {
        self.observer = Some(observer);
        self
    }

    pub fn base(&self) -> &BaseUrl {
        &self.base
    }

    pub fn budget(&self) -> &Arc<Budget> {
        &self.budget
    }

    pub(crate) async fn call(&self, call: Call<'_>) -> Result<Value, ApiError> {
        // A GET may be sent again; a PUT only when it provably never left.
        let idempotent = call.method == Method::GET;
        let mut failures = 0;
        let mut throttles = 0;
        loop {
            self.budget.acquire(call.cancel).await?;
            let started = Instant::now();
            let outcome = tokio::select! {
                biased;
                _ = call.cancel.cancelled() => Err((None, ApiError::Cancelled)),
                r = tokio::time::timeout(self.config.timeout, self.once(&call)) => match r {
                    Ok(r) => r,
                    Err(_) => Err((None, ApiError::Timeout { secs: self.config.timeout.as_secs() })),
                },
            };
            let status = match &outcome {
                Ok((s, _)) => Some(*s),
                Err((s, _)) => *s,
            };
            tracing::debug!(
                target: "platform",
                method = %call.method,
                path = call.template,
                status = status.unwrap_or(0),
                ms = started.elapsed().as_millis() as u64,
                "request"
            );
            if let Some(observe) = &self.observer {
                observe(&Exchange {
                    method: call.method.to_string(),
                    template: call.template,
                    query: call.query.clone(),
                    status,
                    body: outcome.as_ref().ok().map(|(_, b)| b.clone()),
                });
            }
            match outcome {
                Ok((_, body)) => {
                    self.budget.answered();
                    return Ok(body);
                }
                Err((_, ApiError::RateLimited)) => {
                    throttles += 1;
                    let pause = self.budget.throttled();
                    tracing::info!(target: "platform", pause_ms = pause.as_millis() as u64, "rate limited: pausing the account's requests");
                    if throttles > self.config.max_throttles {
                        return Err(ApiError::RateLimited);
                    }
                }
                Err((_, e)) => {
                    if !matches!(e, ApiError::Network { .. } | ApiError::Timeout { .. }) {
                        self.budget.answered();
                    }
                    failures += 1;
                    if failures >= self.config.attempts || !e.retryable(idempotent) {
                        return Err(e);
                    }
                    let backoff = Duration::from_millis(200 * (1 << failures.min(5)));
                    tokio::select! {
                        biased;
                        _ = call.cancel.cancelled() => return Err(ApiError::Cancelled),
                        _ = tokio::time::sleep(backoff) => {}
                    }
                }
            }
        }
    }

    /// One attempt: the status (when one came) and the decoded body, or why not.
    async fn once(&self, call: &Call<'_>) -> Result<(u16, Value), (Option<u16>, ApiError)> {
        let url = self.base.join(&call.path);
        let mut response = self
            .http
            .request(call.method.clone(), url)
            .bearer_auth(self.token.expose())
            .header(reqwest::header::ACCEPT, "application/json")
            .query(&call.query)
            .send()
            .await
            .map_err(|e| (None, transport_error(&e)))?;
        let status = response.status();
        let code = status.as_u16();
        // Read the body within the size bound, whatever the status (errors carry a message).
        let mut body = Vec::new();
        loop {
            match response.chunk().await {
                Ok(Some(chunk)) => {
                    if body.len() + chunk.len() > self.config.max_body {
                        return Err((
                            Some(code),
                            ApiError::Decode {
                                detail: format!(
                                    "answer larger than {} bytes",
                                    self.config.max_body
                                ),
                            },
                        ));
                    }
                    body.extend_from_slice(&chunk);
                }
                Ok(None) => break,
                Err(e) => return Err((Some(code), transport_error(&e))),
            }
        }
        let json = || {
            serde_json::from_slice::<Value>(&body).map_err(|e| {
                (
                    Some(code),
                    ApiError::Decode {
                        detail: format!("not JSON ({e})"),
                    },
                )
            })
        };
        match status {
            s if s.is_success() => Ok((code, json()?)),
            StatusCode::UNAUTHORIZED => Err((Some(code), ApiError::Unauthorized)),
            StatusCode::FORBIDDEN => Err((Some(code), ApiError::Forbidden)),
            StatusCode::NOT_FOUND => Err((
                Some(code),
                ApiError::NotFoundOrHidden {
                    path: call.template.to_owned(),
                },
            )),
            StatusCode::UNPROCESSABLE_ENTITY => {
                let message = serde_json::from_slice::<Value>(&body)
                    .ok()
                    .and_then(|v| {
                        v.get("message")
                            .or_else(|| v.get("error"))
                            .and_then(Value::as_str)
                            .map(str::to_owned)
                    })
                    .unwrap_or_default();
                Err((
                    Some(code),
                    ApiError::Validation {
                        message: message.chars().take(500).collect(),
                    },
                ))
            }
            StatusCode::TOO_MANY_REQUESTS => Err((Some(code), ApiError::RateLimited)),
            _ => Err((Some(code), ApiError::Server { status: code })),
        }
    }
}

/// A transport failure, told apart: never connected, TLS, timed out, broke midway.
fn transport_error(e: &reqwest::Error) -> ApiError {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(s) = source {
        if let Some(tls) = s.downcast_ref::<rustls::Error>() {
            return ApiError::Tls {
                detail: tls.to_string(),
            };
        }
        source = s.source();
    }
    if e.is_timeout() {
        return ApiError::Timeout { secs: 0 };
    }
    // Walk the chain for the innermost description without the URL (which may carry
    // query values).
    let detail = std::iter::successors(Some(e as &(dyn std::error::Error + 'static)), |s| {
        s.source()
    })
    .last()
    .map(|s| s.to_string())
    .unwrap_or_default();
    ApiError::Network {
        connect: e.is_connect(),
        detail,
    }
}
