//! The RFC 8252 loopback redirect listener. It binds 127.0.0.1 only (never a public
//! interface), answers `/callback` and nothing else, and hands the flow one event per
//! request. A callback whose `state` is not this sign-in's is answered 400 and ignored:
//! a forged or stale request must neither complete nor abort the user's real sign-in.
//! The event is handed over only after the page was written and the connection closed,
//! so the browser tab always shows its page even when the flow ends right after.
//! Dropping the `Listener` closes the socket and every open connection.

use crate::error::OAuthError;
use crate::page::{CallbackPages, PageKind};
use bytes::Bytes;
use http_body_util::Full;
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

pub const CALLBACK_PATH: &str = "/callback";

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Event {
    Code(String),
    /// The provider's `error` (access_denied, …).
    Error(String),
    IssuerMismatch,
    /// A callback that is not this sign-in's (wrong or missing state, or a replay).
    Foreign,
}

pub(crate) struct Listener {
    pub port: u16,
    pub events: mpsc::UnboundedReceiver<Event>,
    task: JoinHandle<()>,
}

impl Drop for Listener {
    fn drop(&mut self) {
        self.task.abort();
    }
}

struct Expect {
    state: String,
    issuer: Option<String>,
    used: AtomicBool,
    pages: Arc<CallbackPages>,
}

pub(crate) async fn listen(
    port: u16,
    state: String,
    issuer: Option<String>,
    pages: Arc<CallbackPages>,
) -> Result<Listener, OAuthError> {
    let socket = tokio::net::TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, port)))
        .await
        .map_err(|e| OAuthError::Listen {
            cause: e.to_string(),
        })?;
    let port = socket
        .local_addr()
        .map_err(|e| OAuthError::Listen {
            cause: e.to_string(),
        })?
        .port();
    let expect = Arc::new(Expect {
        state,
        issuer,
        used: AtomicBool::new(false),
        pages,
    });
    let (tx, events) = mpsc::unbounded_channel();
    let pages = expect.pages.clone();
    let task = serve(socket, pages, move |req| answer(&expect, req), tx);
    Ok(Listener { port, events, task })
}

/// Serves callbacks on `socket` until the returned task is aborted: `answer` decides each
/// request (status, page, event), the page is written in the user's language, and the
/// event goes to `tx` only once the connection is closed. Shared by the OAuth 2 redirect
/// and the OAuth 1.0a callback (`oauth1.rs`), which differ only in how they answer.
pub(crate) fn serve<E, A>(
    socket: tokio::net::TcpListener,
    pages: Arc<CallbackPages>,
    answer: A,
    tx: mpsc::UnboundedSender<E>,
) -> JoinHandle<()>
where
    E: Send + 'static,
    A: Fn(&Request<hyper::body::Incoming>) -> (StatusCode, PageKind, Option<E>)
        + Send
        + Sync
        + 'static,
{
    let answer = Arc::new(answer);
    tokio::spawn(async move {
        // Owned here: aborting the accept loop drops the set, which aborts every connection.
        let mut conns = tokio::task::JoinSet::new();
        loop {
            let Ok((stream, _)) = socket.accept().await else {
                continue;
            };
            let (answer, tx, pages) = (answer.clone(), tx.clone(), pages.clone());
            conns.spawn(async move {
                let outcome: Arc<Mutex<Option<E>>> = Arc::new(Mutex::new(None));
                let slot = outcome.clone();
                let svc = hyper::service::service_fn(move |req: Request<hyper::body::Incoming>| {
                    let (status, kind, event) = answer(&req);
                    *slot.lock().unwrap_or_else(|p| p.into_inner()) = event;
                    let html = pages.html(kind);
                    async move {
                        Response::builder()
                            .status(status)
                            .header("content-type", "text/html; charset=utf-8")
                            .header("cache-control", "no-store")
                            .header("referrer-policy", "no-referrer")
                            .body(Full::new(Bytes::from(html)))
                    }
                });
                let _ = hyper::server::conn::http1::Builder::new()
                    .keep_alive(false)
                    .serve_connection(TokioIo::new(stream), svc)
                    .await;
                let event = outcome.lock().unwrap_or_else(|p| p.into_inner()).take();
                if let Some(event) = event {
                    let _ = tx.send(event);
                }
            });
            while conns.try_join_next().is_some() {}
        }
    })
}

/// Decides the answer to one request: status, page and the event for the flow.
fn answer<B>(expect: &Expect, req: &Request<B>) -> (StatusCode, PageKind, Option<Event>) {
    if req.uri().path() != CALLBACK_PATH || req.method() != hyper::Method::GET {
        return (StatusCode::NOT_FOUND, PageKind::Foreign, None);
    }
    let query = req.uri().query().unwrap_or("");
    let mut state = None;
    let mut code = None;
    let mut error = None;
    let mut iss = None;
    for (k, v) in url::form_urlencoded::parse(query.as_bytes()) {
        match k.as_ref() {
            "state" => state = Some(v.into_owned()),
            "code" => code = Some(v.into_owned()),
            "error" => error = Some(v.into_owned()),
            "iss" => iss = Some(v.into_owned()),
            _ => {}
        }
    }
    let foreign = (
        StatusCode::BAD_REQUEST,
        PageKind::Foreign,
        Some(Event::Foreign),
    );
    // Constant-time comparison is not needed: the state is single-use and never secret
    // once in the URL; what matters is that nothing but an exact match passes.
    if state.as_deref() != Some(expect.state.as_str()) {
        return foreign;
    }
    if expect.used.swap(true, Ordering::SeqCst) {
        return foreign;
    }
    if let (Some(got), Some(want)) = (&iss, &expect.issuer) {
        if got.trim_end_matches('/') != want.trim_end_matches('/') {
            return (
                StatusCode::BAD_REQUEST,
                PageKind::Failed,
                Some(Event::IssuerMismatch),
            );
        }
    }
    match (error, code) {
        (Some(e), _) => {
            let kind = if e == "access_denied" {
                PageKind::Denied
            } else {
                PageKind::Failed
            };
            (StatusCode::OK, kind, Some(Event::Error(e)))
        }
        (None, Some(c)) if !c.is_empty() => (StatusCode::OK, PageKind::Done, Some(Event::Code(c))),
        _ => (
            StatusCode::BAD_REQUEST,
            PageKind::Failed,
            Some(Event::Error("invalid_request".into())),
        ),
    }
}
