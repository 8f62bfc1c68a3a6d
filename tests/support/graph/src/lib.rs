//! A local stand-in for Facebook's login dialog and the Graph API calls Switchboard makes,
//! so that the desktop flow (a dedicated window stopping at `login_success.html`), the
//! token exchange and the page picker are tested against a server, not a mock, with
//! nothing leaving the machine. Every origin Facebook uses (www.facebook.com for the
//! dialog, graph.facebook.com for the API) is this one server: the app's provider
//! settings move both to one base URL.
//!
//! The answers copy the shapes Facebook's documentation shows (fetched 2026-12):
//!
//! - Manual login flow, <https://developers.facebook.com/docs/facebook-login/guides/advanced/manual-flow>:
//!   the dialog is `GET /{version}/dialog/oauth?client_id&redirect_uri&state&response_type&scope`;
//!   desktop apps use `redirect_uri=https://www.facebook.com/connect/login_success.html`;
//!   with `response_type=token` the redirect carries
//!   `#access_token=…&data_access_expiration_time=…&expires_in=…&state=…` in the fragment;
//!   a refusal redirects to
//!   `?error_reason=user_denied&error=access_denied&error_description=Permissions+error.`
//! - Long-lived tokens, <https://developers.facebook.com/docs/facebook-login/guides/access-tokens/get-long-lived>:
//!   `GET /{version}/oauth/access_token?grant_type=fb_exchange_token&client_id&client_secret&fb_exchange_token`
//!   answers `{"access_token":"{long-lived-user-access-token}","token_type":"bearer","expires_in":5183944}`.
//! - Pages a user can manage, <https://developers.facebook.com/docs/pages-api/getting-started>:
//!   `GET /{version}/me/accounts?access_token` answers
//!   `{"data":[{"access_token":"…","category":"Internet Company","category_list":[{"id":"2256","name":"Internet Company"}],
//!   "name":"Name of this Page","id":"PAGE-ID","tasks":["ANALYZE","ADVERTISE","MODERATE","CREATE_CONTENT","MANAGE"]}],
//!   "paging":{"cursors":{"before":"…","after":"…"}}}` (a `next` URL only when there is a further page).
//! - A Page's Instagram professional account, <https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/page>:
//!   `GET /{version}/{page-id}?fields=instagram_business_account` answers
//!   `{"instagram_business_account":{"id":"17841405822304914"},"id":"134895793791914"}`, and the
//!   field is absent when no account is linked; `GET /{version}/{ig-user-id}?fields=username`
//!   answers `{"username":"…","id":"17841405822304914"}`.
//! - The user node: `GET /{version}/me?fields=name` answers `{"name":"…","id":"…"}`.
//! - Errors, <https://developers.facebook.com/docs/graph-api/guides/error-handling>: HTTP 400 with
//!   `{"error":{"message":"…","type":"OAuthException","code":190,"error_subcode":460,"fbtrace_id":"…"}}`;
//!   code 190 is an invalid or expired token, code 1 a bad client secret on the exchange,
//!   code 100 an unknown object.
//!
//! Test hooks live under `/_standin/`: `POST /_standin/revoke` invalidates every token,
//! `GET /_standin/probes` lists what the dialog page's IPC probe found (see `dialog`).

use axum::extract::{Path, RawQuery, State};
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::{json, Value};
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasher, Hasher};
use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use tokio::task::JoinHandle;

/// Short-lived user tokens last about two hours; long-lived ones about 60 days.
const SHORT_EXPIRES_IN: u64 = 5183;
const LONG_EXPIRES_IN: u64 = 5_183_944;

#[derive(Debug, Clone)]
pub struct Page {
    pub id: String,
    pub name: String,
    pub category: String,
    /// The linked Instagram professional account: (id, username).
    pub instagram: Option<(String, String)>,
}

#[derive(Debug, Clone)]
pub struct Config {
    pub app_id: String,
    pub app_secret: String,
    pub user_id: String,
    pub user_name: String,
    pub pages: Vec<Page>,
    /// `/me/accounts` page size (Graph's default is 25); small values exercise `next`.
    pub page_size: usize,
    /// Every token issued is appended here (the end-to-end leak scan reads it).
    pub token_log: Option<PathBuf>,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            app_id: "fb-app-id".into(),
            app_secret: "fb-app-secret".into(),
            user_id: "10158000000000001".into(),
            user_name: "Ada Lovelace".into(),
            pages: vec![
                Page {
                    id: "134895793791914".into(),
                    name: "Café Lumière".into(),
                    category: "Coffee Shop".into(),
                    instagram: Some(("17841405822304914".into(), "cafelumiere".into())),
                },
                Page {
                    id: "204895793791915".into(),
                    name: "Atelier Nord".into(),
                    category: "Brand".into(),
                    instagram: None,
                },
            ],
            page_size: 25,
            token_log: None,
        }
    }
}

#[derive(Default)]
struct Tokens {
    short: HashSet<String>,
    long: HashSet<String>,
    /// Page token → page id.
    page: HashMap<String, String>,
    issued: Vec<String>,
    probes: Vec<String>,
    counter: u64,
}

struct Shared {
    config: Config,
    base: String,
    tokens: Mutex<Tokens>,
}

impl Shared {
    fn lock(&self) -> std::sync::MutexGuard<'_, Tokens> {
        self.tokens.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// A fresh opaque token (Facebook's start with "EAA").
    fn issue(&self, t: &mut Tokens) -> String {
        t.counter += 1;
        let mut h = std::collections::hash_map::RandomState::new().build_hasher();
        h.write_u64(t.counter);
        let token = format!(
            "EAA{:016x}{:016x}",
            h.finish(),
            std::collections::hash_map::RandomState::new()
                .build_hasher()
                .finish()
        );
        t.issued.push(token.clone());
        if let Some(path) = &self.config.token_log {
            if let Ok(mut f) = std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(path)
            {
                let _ = writeln!(f, "{token}");
            }
        }
        token
    }

    fn login_success(&self) -> String {
        format!("{}/connect/login_success.html", self.base)
    }
}

/// A running stand-in. Dropping it stops the server.
pub struct StandIn {
    /// `http://127.0.0.1:PORT`: the base URL for both the dialog and the Graph API.
    pub base: String,
    shared: Arc<Shared>,
    task: JoinHandle<()>,
}

impl Drop for StandIn {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl StandIn {
    /// Every token issued so far (user and page), for leak scans.
    pub fn issued(&self) -> Vec<String> {
        self.shared.lock().issued.clone()
    }

    /// Invalidates every token, as a password change or an app removal does.
    pub fn revoke_all(&self) {
        revoke(&self.shared);
    }

    /// What the dialog page's IPC probe reported.
    pub fn probes(&self) -> Vec<String> {
        self.shared.lock().probes.clone()
    }
}

fn revoke(shared: &Shared) {
    let mut t = shared.lock();
    t.short.clear();
    t.long.clear();
    t.page.clear();
}

pub async fn start(config: Config, port: u16) -> std::io::Result<StandIn> {
    let listener = tokio::net::TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], port))).await?;
    let base = format!("http://{}", listener.local_addr()?);
    let shared = Arc::new(Shared {
        config,
        base: base.clone(),
        tokens: Mutex::default(),
    });
    let app = Router::new()
        .route("/{version}/dialog/oauth", get(dialog))
        .route("/{version}/dialog/oauth/confirm", get(confirm))
        .route("/connect/login_success.html", get(login_success))
        .route("/{version}/oauth/access_token", get(exchange))
        .route("/{version}/me", get(me))
        .route("/{version}/me/accounts", get(accounts))
        .route("/{version}/{node}", get(node))
        .route(
            "/_standin/revoke",
            post(|State(s): State<Arc<Shared>>| async move {
                revoke(&s);
                StatusCode::NO_CONTENT
            }),
        )
        .route(
            "/_standin/probe",
            post(|State(s): State<Arc<Shared>>, body: String| async move {
                s.lock().probes.push(body);
                StatusCode::NO_CONTENT
            }),
        )
        .route(
            "/_standin/probes",
            get(|State(s): State<Arc<Shared>>| async move { Json(json!(s.lock().probes)) }),
        )
        .with_state(shared.clone());
    let task = tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    Ok(StandIn { base, shared, task })
}

fn params(q: &Option<String>) -> HashMap<String, String> {
    form_urlencoded::parse(q.as_deref().unwrap_or("").as_bytes())
        .into_owned()
        .collect()
}

/// Graph's error envelope.
fn graph_error(code: u32, kind: &str, message: &str) -> Response {
    let mut e =
        json!({ "message": message, "type": kind, "code": code, "fbtrace_id": "AbCdEfGhIjK" });
    if code == 190 {
        e["error_subcode"] = json!(460);
    }
    (StatusCode::BAD_REQUEST, Json(json!({ "error": e }))).into_response()
}

fn bad_token() -> Response {
    graph_error(
        190,
        "OAuthException",
        "Error validating access token: The session has been invalidated because the user changed their password or Facebook has changed the session for security reasons.",
    )
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The login dialog. Besides the two buttons, its script tries the one thing a remote
/// page in the app must never manage, calling a command of the app through Tauri's IPC,
/// and reports what happened to `/_standin/probe` (the end-to-end test reads it).
async fn dialog(State(s): State<Arc<Shared>>, RawQuery(q): RawQuery) -> Response {
    let p = params(&q);
    if p.get("client_id") != Some(&s.config.app_id) {
        return Html("<!doctype html><title>Error</title><h1>Invalid App ID</h1><p>The provided app ID does not look like a valid app ID.</p>").into_response();
    }
    if p.get("redirect_uri") != Some(&s.login_success()) {
        return Html("<!doctype html><title>Error</title><h1>URL blocked</h1><p>This redirect failed because the redirect URI is not whitelisted in the app's Client OAuth Settings.</p>").into_response();
    }
    let q = q.unwrap_or_default();
    let scopes = html_escape(p.get("scope").map(String::as_str).unwrap_or(""));
    let name = html_escape(&s.config.user_name);
    Html(format!(
        r#"<!doctype html><html><head><meta charset="utf-8"><title>Log in with Facebook</title></head>
<body data-ipc="pending"><h1>Log in with Facebook</h1>
<p>Switchboard is requesting access to: <span id="scopes">{scopes}</span></p>
<p><a id="continue" href="oauth/confirm?{q}&amp;decision=allow">Continue as {name}</a></p>
<p><a id="cancel" href="oauth/confirm?{q}&amp;decision=deny">Cancel</a></p>
<script>
(async () => {{
  let r;
  const i = window.__TAURI_INTERNALS__;
  if (!i || typeof i.invoke !== 'function') r = 'absent';
  else {{
    try {{ await i.invoke('get_prefs'); r = 'allowed'; }}
    catch (e) {{ r = 'refused: ' + String(e); }}
  }}
  document.body.dataset.ipc = r;
  fetch('/_standin/probe', {{ method: 'POST', body: r }}).catch(() => {{}});
}})();
</script></body></html>"#
    ))
    .into_response()
}

async fn confirm(State(s): State<Arc<Shared>>, RawQuery(q): RawQuery) -> Response {
    let p = params(&q);
    let redirect = s.login_success();
    let state = p.get("state").cloned().unwrap_or_default();
    let enc = |pairs: &[(&str, &str)]| {
        form_urlencoded::Serializer::new(String::new())
            .extend_pairs(pairs)
            .finish()
    };
    if p.get("decision").map(String::as_str) != Some("allow") {
        let query = enc(&[
            ("error_reason", "user_denied"),
            ("error", "access_denied"),
            ("error_description", "Permissions error."),
            ("state", &state),
        ]);
        return found(&format!("{redirect}?{query}"));
    }
    let token = {
        let mut t = s.lock();
        let token = s.issue(&mut t);
        t.short.insert(token.clone());
        token
    };
    let expires_in = SHORT_EXPIRES_IN.to_string();
    let fragment = enc(&[
        ("access_token", &token),
        ("data_access_expiration_time", "1798761600"),
        ("expires_in", &expires_in),
        ("state", &state),
    ]);
    found(&format!("{redirect}#{fragment}"))
}

/// Facebook answers the dialog with a 302.
fn found(location: &str) -> Response {
    (StatusCode::FOUND, [(header::LOCATION, location.to_owned())]).into_response()
}

/// What Facebook's own page shows after a desktop sign-in.
async fn login_success() -> Response {
    Html("<!doctype html><title>Success</title><p>Success</p><p>SECURITY WARNING: Please treat the URL above as you would your password and do not share it with anyone.</p>").into_response()
}

async fn exchange(State(s): State<Arc<Shared>>, RawQuery(q): RawQuery) -> Response {
    let p = params(&q);
    if p.get("grant_type").map(String::as_str) != Some("fb_exchange_token") {
        return graph_error(100, "OAuthException", "Invalid grant_type");
    }
    if p.get("client_id") != Some(&s.config.app_id) {
        return graph_error(
            101,
            "OAuthException",
            "Error validating application. Invalid application ID.",
        );
    }
    if p.get("client_secret") != Some(&s.config.app_secret) {
        return graph_error(1, "OAuthException", "Error validating client secret.");
    }
    let mut t = s.lock();
    let Some(old) = p.get("fb_exchange_token") else {
        return graph_error(100, "OAuthException", "Missing fb_exchange_token");
    };
    if !t.short.contains(old) && !t.long.contains(old) {
        return bad_token();
    }
    let token = s.issue(&mut t);
    t.long.insert(token.clone());
    Json(json!({ "access_token": token, "token_type": "bearer", "expires_in": LONG_EXPIRES_IN }))
        .into_response()
}

fn user_token(s: &Shared, p: &HashMap<String, String>) -> bool {
    let t = s.lock();
    p.get("access_token")
        .is_some_and(|a| t.short.contains(a) || t.long.contains(a))
}

async fn me(State(s): State<Arc<Shared>>, RawQuery(q): RawQuery) -> Response {
    let p = params(&q);
    if !user_token(&s, &p) {
        return bad_token();
    }
    Json(json!({ "name": s.config.user_name, "id": s.config.user_id })).into_response()
}

async fn accounts(State(s): State<Arc<Shared>>, RawQuery(q): RawQuery) -> Response {
    let p = params(&q);
    if !user_token(&s, &p) {
        return bad_token();
    }
    let start: usize = p
        .get("after")
        .and_then(|a| a.strip_prefix("cursor-"))
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    let size = s.config.page_size.max(1);
    let slice: Vec<&Page> = s.config.pages.iter().skip(start).take(size).collect();
    let mut t = s.lock();
    let data: Vec<Value> = slice
        .iter()
        .map(|page| {
            let token = s.issue(&mut t);
            t.page.insert(token.clone(), page.id.clone());
            json!({
                "access_token": token,
                "category": page.category,
                "category_list": [{ "id": "2256", "name": page.category }],
                "name": page.name,
                "id": page.id,
                "tasks": ["ANALYZE", "ADVERTISE", "MODERATE", "CREATE_CONTENT", "MANAGE"],
            })
        })
        .collect();
    let end = start + slice.len();
    let mut paging = json!({ "cursors": { "before": format!("cursor-{start}"), "after": format!("cursor-{end}") } });
    if end < s.config.pages.len() {
        let token = p.get("access_token").cloned().unwrap_or_default();
        let next = form_urlencoded::Serializer::new(String::new())
            .extend_pairs([
                ("access_token", token.as_str()),
                ("limit", &size.to_string()),
                ("after", &format!("cursor-{end}")),
            ])
            .finish();
        paging["next"] = json!(format!("{}/v21.0/me/accounts?{next}", s.base));
    }
    Json(json!({ "data": data, "paging": paging })).into_response()
}

async fn node(
    State(s): State<Arc<Shared>>,
    Path((_version, node)): Path<(String, String)>,
    RawQuery(q): RawQuery,
) -> Response {
    let p = params(&q);
    let page_token_ok = p
        .get("access_token")
        .is_some_and(|a| s.lock().page.contains_key(a));
    if !user_token(&s, &p) && !page_token_ok {
        return bad_token();
    }
    let fields = p.get("fields").map(String::as_str).unwrap_or("");
    if let Some(page) = s.config.pages.iter().find(|pg| pg.id == node) {
        let mut out = json!({ "id": page.id });
        for f in fields.split(',') {
            match f {
                "name" => out["name"] = json!(page.name),
                "instagram_business_account" => {
                    if let Some((id, _)) = &page.instagram {
                        out["instagram_business_account"] = json!({ "id": id });
                    }
                }
                _ => {}
            }
        }
        return Json(out).into_response();
    }
    if let Some((id, username)) = s
        .config
        .pages
        .iter()
        .filter_map(|pg| pg.instagram.as_ref())
        .find(|(id, _)| *id == node)
    {
        let mut out = json!({ "id": id });
        if fields.split(',').any(|f| f == "username") {
            out["username"] = json!(username);
        }
        return Json(out).into_response();
    }
    graph_error(
        100,
        "GraphMethodException",
        &format!("Unsupported get request. Object with ID '{node}' does not exist, cannot be loaded due to missing permissions, or does not support this operation."),
    )
    .into_response()
}
