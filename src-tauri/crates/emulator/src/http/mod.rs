//! The HTTP side: the API under `/1.0` behind one gate (latency, token, forced 429s, rate
//! limit, injected 5xx, dropped answers, statistics), and the control API under
//! `/_emulator/`, which needs no token and is not part of the platform's contract.

mod api;
mod control;
mod paging;

use crate::state::{Shared, Verdict};
use axum::body::Body;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::{from_fn_with_state, Next};
use axum::response::{IntoResponse, Response};
use axum::{Json, Router};
use serde_json::json;
use std::sync::Arc;
use std::time::{Duration, Instant};

pub type AppState = Arc<Shared>;

/// The platform's error body: `{error, message, status}`.
pub fn error(status: StatusCode, code: &str, message: impl Into<String>) -> Response {
    let body = json!({"error": code, "message": message.into(), "status": status.as_u16()});
    (status, Json(body)).into_response()
}

/// A refusal from a handler (kept small; becomes the error body when answered).
#[derive(Debug)]
pub struct Fail {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: String,
}

impl Fail {
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Fail {
        Fail {
            status,
            code,
            message: message.into(),
        }
    }
}

impl IntoResponse for Fail {
    fn into_response(self) -> Response {
        error(self.status, self.code, self.message)
    }
}

pub fn router(shared: AppState) -> Router {
    let api = api::routes()
        .route_layer(from_fn_with_state(shared.clone(), gate))
        .fallback(unmatched)
        .method_not_allowed_fallback(method_not_allowed);
    Router::new()
        .nest("/1.0", api)
        .nest("/_emulator", control::routes())
        .fallback(unmatched)
        .with_state(shared)
}

async fn unmatched(State(s): State<AppState>, req: Request) -> Response {
    count(&s, &format!("{} (unmatched)", req.method()), 404);
    error(
        StatusCode::NOT_FOUND,
        "not_found",
        "No route matches this path",
    )
}

async fn method_not_allowed(State(s): State<AppState>, req: Request) -> Response {
    count(&s, &format!("{} (method not allowed)", req.method()), 405);
    error(
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
        format!("{} is not allowed here", req.method()),
    )
}

fn count(s: &AppState, template: &str, status: u16) {
    let mut st = s.lock();
    *st.stats.requests.entry(template.to_owned()).or_default() += 1;
    *st.stats.statuses.entry(status).or_default() += 1;
}

fn bearer(headers: &HeaderMap) -> Option<&str> {
    let v = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = v.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
}

async fn gate(
    State(s): State<AppState>,
    path: MatchedPath,
    mut req: Request,
    next: Next,
) -> Response {
    let template = format!(
        "{} {}",
        req.method(),
        path.as_str().strip_prefix("/1.0").unwrap_or(path.as_str())
    );
    let latency = {
        let mut st = s.lock();
        *st.stats.requests.entry(template).or_default() += 1;
        st.faults.latency_ms
    };
    if latency > 0 {
        tokio::time::sleep(Duration::from_millis(latency)).await;
    }
    if req.method() == axum::http::Method::PUT {
        hold(&s).await;
    }
    let token = bearer(req.headers()).unwrap_or_default().to_owned();
    let decided = {
        let mut st = s.lock();
        st.caller(&token)
            .map(|c| (c, st.verdict(&token, Instant::now())))
    };
    let (response, drop) = match decided {
        None => (
            error(
                StatusCode::UNAUTHORIZED,
                "unauthorized",
                "Missing or invalid access token",
            ),
            false,
        ),
        Some((_, Verdict::RateLimited { .. })) => (
            error(
                StatusCode::TOO_MANY_REQUESTS,
                "rate_limit_exceeded",
                "Rate limit exceeded, retry later",
            ),
            false,
        ),
        Some((_, Verdict::ServerError(code))) => {
            let status = StatusCode::from_u16(code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            let (err, msg) = if code == 503 {
                (
                    "service_unavailable",
                    "The service is temporarily unavailable",
                )
            } else {
                ("internal_server_error", "Something went wrong")
            };
            (error(status, err, msg), false)
        }
        Some((caller, Verdict::Pass { drop })) => {
            req.extensions_mut().insert(caller);
            (next.run(req).await, drop)
        }
    };
    {
        let mut st = s.lock();
        *st.stats
            .statuses
            .entry(response.status().as_u16())
            .or_default() += 1;
        if drop {
            st.stats.dropped += 1;
        }
    }
    if drop {
        cut(response).await
    } else {
        response
    }
}

/// Waits while `hold_puts` is on (once `pass_puts` PUTs have gone through), counted in
/// `held_puts` for as long as it waits, even if the client gives up and the request is
/// dropped.
async fn hold(s: &AppState) {
    struct Held<'a>(&'a AppState);
    impl Drop for Held<'_> {
        fn drop(&mut self) {
            let mut st = self.0.lock();
            st.faults.held_puts = st.faults.held_puts.saturating_sub(1);
        }
    }
    {
        let mut st = s.lock();
        if !st.faults.hold_puts {
            return;
        }
        if st.faults.pass_puts > 0 {
            st.faults.pass_puts -= 1;
            return;
        }
        st.faults.held_puts += 1;
    }
    let _held = Held(s);
    loop {
        // Registered before the check, so a release between the two is not missed.
        let released = s.released.notified();
        if !s.lock().faults.hold_puts {
            return;
        }
        released.await;
    }
}

/// The answer's headers and the first half of its body, then the connection closes
/// (the `Content-Length` announces the whole body, so the client sees it cut short).
async fn cut(response: Response) -> Response {
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, usize::MAX).await else {
        return error(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal_server_error",
            "",
        );
    };
    let half = bytes.slice(..bytes.len() / 2);
    parts
        .headers
        .insert(header::CONTENT_LENGTH, HeaderValue::from(bytes.len()));
    let first = futures_util::stream::iter([Ok::<_, std::io::Error>(half)]);
    // A pause lets the first half leave before the error aborts the connection.
    let abort = futures_util::stream::once(async {
        tokio::time::sleep(Duration::from_millis(50)).await;
        Err(std::io::Error::new(
            std::io::ErrorKind::ConnectionAborted,
            "emulator: connection dropped mid-response",
        ))
    });
    use futures_util::StreamExt;
    Response::from_parts(parts, Body::from_stream(first.chain(abort)))
}
