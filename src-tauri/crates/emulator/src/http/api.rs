//! The platform's endpoints, as the vendored spec defines them.

use super::paging::{invalid, page_of, Query};
use super::{AppState, Fail};
use crate::clock;
use crate::params::rack::Param;
use crate::source::fields::{spec, Ty};
use crate::state::{Caller, PutRecord};
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, put};
use axum::{Extension, Json, Router};
use serde_json::{json, Value};
use std::collections::BTreeMap;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/content_sources", get(list_sources))
        .route(
            "/content_sources/{sourceId}",
            get(get_source).put(put_source),
        )
        .route(
            "/content_sources/{sourceId}/email_credentials",
            put(put_credentials),
        )
        .route("/communities", get(list_communities))
        .route("/communities/{communityId}", get(get_community))
        .route("/channels", get(list_channels))
        .route("/channels/{channelId}", get(get_channel))
        .route("/categories", get(list_categories))
        .route("/categories/{categoryId}", get(get_category))
        .route("/time_sheets", get(list_time_sheets))
        .route("/time_sheets/{timeSheetId}", get(get_time_sheet))
        .route("/locales", get(list_locales))
        .route("/users", get(list_users))
        .route("/users/{userId}", get(get_user))
        .route("/roles", get(list_roles))
        .route("/roles/{roleId}", get(get_role))
        .route("/events", get(list_events))
        .route("/events/{eventId}", get(get_event))
}

type Res = Result<Response, Fail>;

fn ok(v: Value) -> Res {
    Ok(Json(v).into_response())
}

fn not_found(what: &str) -> Fail {
    // The platform answers 404 both for an unknown id and for a record the token's user
    // may not read.
    Fail::new(
        StatusCode::NOT_FOUND,
        "not_found",
        format!("{what} not found"),
    )
}

fn forbidden(permission: &str) -> Fail {
    Fail::new(
        StatusCode::FORBIDDEN,
        "forbidden",
        format!("The token's role lacks the {permission} permission"),
    )
}

fn require(c: &Caller, permission: &str) -> Result<(), Fail> {
    if c.may(permission) {
        Ok(())
    } else {
        Err(forbidden(permission))
    }
}

async fn list_sources(
    State(s): State<AppState>,
    Extension(c): Extension<Caller>,
    RawQuery(q): RawQuery,
) -> Res {
    let q = Query::parse(q.as_deref())?;
    let (offset, limit) = q.page()?;
    let active = q.bool("active")?;
    let permission = q.str("permission")?.unwrap_or("read");
    if !matches!(permission, "read" | "initiate_discussion") {
        return Err(invalid(
            "permission must be one of read, initiate_discussion",
        ));
    }
    require(&c, "read_content_source")?;
    let st = s.lock();
    // The read-only role may read but not start discussions.
    let may_initiate = c.may("update_content_source");
    let visible: Vec<&crate::source::SourceRec> = st
        .sources
        .iter()
        .filter(|r| !r.hidden_from.contains(&c.user_id))
        .filter(|_| permission == "read" || may_initiate)
        .filter(|r| active.is_none_or(|a| r.fields.get("active") == Some(&json!(a))))
        .collect();
    // Only the page is rendered: a listing costs its page, not the whole table.
    let records: Vec<Value> = visible
        .iter()
        .skip(offset)
        .take(limit)
        .map(|r| r.render())
        .collect();
    ok(json!({"count": visible.len(), "offset": offset, "limit": limit, "records": records}))
}

async fn get_source(
    State(s): State<AppState>,
    Extension(c): Extension<Caller>,
    Path(id): Path<String>,
) -> Res {
    let mut st = s.lock();
    let rendered = match st.source(&id, Some(&c.user_id)) {
        Some(r) if c.may("read_content_source") => r.render(),
        _ => return Err(not_found("Source")),
    };
    let seq = st.stats.next_seq();
    st.stats.reads.entry(id).or_default().push(seq);
    ok(rendered)
}

/// The redacted form of PUT parameters kept in the statistics.
fn redacted(params: &BTreeMap<String, Param>, endpoint: &str) -> BTreeMap<String, Value> {
    params
        .iter()
        .map(|(k, v)| {
            let secret = match endpoint {
                "email_credentials" => true,
                _ => spec(k).is_some_and(|f| matches!(f.ty, Ty::Secret)),
            };
            let shown = if secret && endpoint != "email_credentials" {
                json!("<redacted>")
            } else if secret {
                // `imap[username]` stays, `imap[password]` does not.
                let mut j = v.to_json();
                if let Some(m) = j.as_object_mut() {
                    if m.contains_key("password") {
                        m.insert("password".into(), json!("<redacted>"));
                    }
                }
                j
            } else {
                v.to_json()
            };
            (k.clone(), shown)
        })
        .collect()
}

/// Applies a PUT's parameters to a source, records it, and answers.
fn apply_put(
    s: &AppState,
    c: &Caller,
    id: &str,
    params: &BTreeMap<String, Param>,
    changes: Vec<(String, Value)>,
    endpoint: &str,
    email_only: bool,
) -> Res {
    let mut st = s.lock();
    let Some(idx) = st
        .source(id, Some(&c.user_id))
        .filter(|_| c.may("read_content_source"))
        .map(|r| r.id.clone())
        .and_then(|rid| st.source_index(&rid))
    else {
        return Err(not_found("Source"));
    };
    let mut record = PutRecord {
        seq: st.stats.next_seq(),
        endpoint: endpoint.to_owned(),
        params: redacted(params, endpoint),
        status: 200,
        changed: vec![],
        ignored: vec![],
        user_id: c.user_id.clone(),
        at: clock::iso(clock::now()),
    };
    let result = if !c.may("update_content_source") {
        Err(forbidden("update_content_source"))
    } else if email_only && st.sources[idx].kind != Some(switchboard_catalogue::Kind::Email) {
        Err(invalid(
            "Email credentials can only be set on an email source",
        ))
    } else {
        match st.change_source(idx, &changes, &c.user_id, false) {
            Ok(applied) => {
                record.changed = applied.changed;
                record.ignored = applied.ignored;
                Ok(Json(st.sources[idx].render()).into_response())
            }
            Err(errors) => Err(invalid(&errors.join("; "))),
        }
    };
    record.status = match &result {
        Ok(r) => r.status().as_u16(),
        Err(f) => f.status.as_u16(),
    };
    st.stats.puts.entry(id.to_owned()).or_default().push(record);
    result
}

async fn put_source(
    State(s): State<AppState>,
    Extension(c): Extension<Caller>,
    Path(id): Path<String>,
    RawQuery(q): RawQuery,
) -> Res {
    let q = Query::parse(q.as_deref())?;
    let changes: Vec<(String, Value)> = q.0.iter().map(|(k, v)| (k.clone(), v.to_json())).collect();
    apply_put(&s, &c, &id, &q.0, changes, "content_source", false)
}

async fn put_credentials(
    State(s): State<AppState>,
    Extension(c): Extension<Caller>,
    Path(id): Path<String>,
    RawQuery(q): RawQuery,
) -> Res {
    let q = Query::parse(q.as_deref())?;
    let mut changes = Vec::new();
    for adapter in ["imap", "smtp"] {
        match q.0.get(adapter) {
            None => {}
            Some(Param::Map(m)) => {
                for (k, v) in m {
                    if matches!(k.as_str(), "username" | "password") {
                        changes.push((format!("{adapter}_{k}"), v.to_json()));
                    }
                }
            }
            Some(_) => return Err(invalid(&format!("{adapter} must be a hash"))),
        }
    }
    apply_put(&s, &c, &id, &q.0, changes, "email_credentials", true)
}

/// A paged list of reference data (any valid token may read it).
fn list_of(q: Option<String>, all: Vec<Value>) -> Res {
    let q = Query::parse(q.as_deref())?;
    let (offset, limit) = q.page()?;
    ok(page_of(all, offset, limit))
}

fn one_of(list: &[Value], id: &str, what: &str) -> Res {
    list.iter()
        .find(|v| v["id"] == id)
        .map_or_else(|| Err(not_found(what)), |v| ok(v.clone()))
}

async fn list_communities(State(s): State<AppState>, RawQuery(q): RawQuery) -> Res {
    let all = s.lock().reference.communities.clone();
    list_of(q, all)
}

async fn get_community(State(s): State<AppState>, Path(id): Path<String>) -> Res {
    one_of(&s.lock().reference.communities, &id, "Community")
}

/// Channel groups with the sources that use them now.
fn channels(s: &AppState) -> Vec<Value> {
    let st = s.lock();
    st.reference
        .channels
        .iter()
        .map(|ch| {
            let mut ch = ch.clone();
            let ids: Vec<&str> = st
                .sources
                .iter()
                .filter(|r| r.fields.get("channel_id") == Some(&ch["id"]))
                .map(|r| r.id.as_str())
                .collect();
            ch["source_ids"] = json!(ids);
            ch
        })
        .collect()
}

async fn list_channels(State(s): State<AppState>, RawQuery(q): RawQuery) -> Res {
    list_of(q, channels(&s))
}

async fn get_channel(State(s): State<AppState>, Path(id): Path<String>) -> Res {
    one_of(&channels(&s), &id, "Channel")
}

async fn list_categories(State(s): State<AppState>, RawQuery(q): RawQuery) -> Res {
    let parsed = Query::parse(q.as_deref())?;
    let ids: Option<Vec<String>> = parsed
        .str("ids")?
        .map(|v| v.split(',').map(|s| s.trim().to_owned()).collect());
    let parent = parsed.str("parent_id")?.map(str::to_owned);
    let all: Vec<Value> = s
        .lock()
        .reference
        .categories
        .iter()
        .filter(|c| {
            ids.as_ref()
                .is_none_or(|ids| ids.iter().any(|i| c["id"] == i.as_str()))
        })
        .filter(|c| parent.as_ref().is_none_or(|p| c["parent_id"] == p.as_str()))
        .cloned()
        .collect();
    list_of(q, all)
}

async fn get_category(State(s): State<AppState>, Path(id): Path<String>) -> Res {
    one_of(&s.lock().reference.categories, &id, "Category")
}

/// Time sheets with their sources, ordered by active then label, as the spec says.
fn time_sheets(s: &AppState) -> Vec<Value> {
    let st = s.lock();
    let mut all: Vec<Value> = st
        .reference
        .time_sheets
        .iter()
        .map(|t| {
            let mut t = t.clone();
            let ids: Vec<&str> = st
                .sources
                .iter()
                .filter(|r| {
                    r.fields
                        .get("time_sheet_ids")
                        .and_then(Value::as_array)
                        .is_some_and(|a| a.contains(&t["id"]))
                })
                .map(|r| r.id.as_str())
                .collect();
            t["source_ids"] = json!(ids);
            t
        })
        .collect();
    all.sort_by(|a, b| {
        (b["active"] == true, a["label"].as_str()).cmp(&(a["active"] == true, b["label"].as_str()))
    });
    all
}

async fn list_time_sheets(State(s): State<AppState>, RawQuery(q): RawQuery) -> Res {
    list_of(q, time_sheets(&s))
}

async fn get_time_sheet(State(s): State<AppState>, Path(id): Path<String>) -> Res {
    one_of(&time_sheets(&s), &id, "Time sheet")
}

async fn list_locales(State(s): State<AppState>) -> Res {
    ok(json!(s.lock().reference.locales))
}

async fn list_users(
    State(s): State<AppState>,
    Extension(c): Extension<Caller>,
    RawQuery(q): RawQuery,
) -> Res {
    let parsed = Query::parse(q.as_deref())?;
    parsed.page()?;
    require(&c, "read_user")?;
    let email = parsed.str("email")?.map(str::to_lowercase);
    let mut filters = Vec::new();
    for (param, field) in [
        ("role_id", "role_id"),
        ("category_id", "category_ids"),
        ("identity_id", "identity_ids"),
        ("team_id", "team_ids"),
        ("external_id", "external_id"),
    ] {
        if let Some(v) = parsed.str(param)? {
            filters.push((field, v.to_owned()));
        }
    }
    let st = s.lock();
    // Newest first, as the spec says.
    let all: Vec<Value> = st
        .users
        .iter()
        .rev()
        .filter(|u| {
            email
                .as_ref()
                .is_none_or(|e| u["email"].as_str().is_some_and(|m| m.to_lowercase() == *e))
        })
        .filter(|u| {
            filters.iter().all(|(field, v)| match &u[*field] {
                Value::Array(a) => a.iter().any(|x| x == v.as_str()),
                other => other == v.as_str(),
            })
        })
        .cloned()
        .collect();
    drop(st);
    list_of(q, all)
}

async fn get_user(
    State(s): State<AppState>,
    Extension(c): Extension<Caller>,
    Path(id): Path<String>,
) -> Res {
    if id != c.user_id && !c.may("read_user") {
        return Err(not_found("User"));
    }
    one_of(&s.lock().users, &id, "User")
}

async fn list_roles(
    State(s): State<AppState>,
    Extension(c): Extension<Caller>,
    RawQuery(q): RawQuery,
) -> Res {
    let parsed = Query::parse(q.as_deref())?;
    parsed.page()?;
    require(&c, "manage_roles")?;
    let all = s.lock().roles.clone();
    list_of(q, all)
}

async fn get_role(
    State(s): State<AppState>,
    Extension(c): Extension<Caller>,
    Path(id): Path<String>,
) -> Res {
    // Any user may read their own role (how a client learns what its token may do);
    // other roles need `manage_roles`.
    if id != c.role_id && !c.may("manage_roles") {
        return Err(not_found("Role"));
    }
    one_of(&s.lock().roles, &id, "Role")
}

/// The events search (`q`): `name_in`, `user`, `created_after`, `created_before`,
/// `content`, `content_thread` and `order`, each `keyword:"value"` or `keyword:value`.
struct EventFilter {
    names: Vec<String>,
    users: Vec<String>,
    after: Option<i64>,
    before: Option<i64>,
    /// `content` / `content_thread`: no such events here, so any value matches none.
    content: bool,
    ascending: bool,
}

fn event_filter(q: &str) -> Result<EventFilter, Fail> {
    let mut f = EventFilter {
        names: vec![],
        users: vec![],
        after: None,
        before: None,
        content: false,
        ascending: false,
    };
    let mut rest = q.trim();
    while !rest.is_empty() {
        let Some((key, after_key)) = rest.split_once(':') else {
            // Free text: the platform ignores what it cannot read as a keyword.
            break;
        };
        let key = key.trim();
        let (value, next) = if let Some(quoted) = after_key.strip_prefix('"') {
            match quoted.split_once('"') {
                Some((v, n)) => (v, n),
                None => (quoted, ""),
            }
        } else if let Some(quoted) = after_key.strip_prefix('\'') {
            match quoted.split_once('\'') {
                Some((v, n)) => (v, n),
                None => (quoted, ""),
            }
        } else {
            match after_key.split_once(' ') {
                Some((v, n)) => (v, n),
                None => (after_key, ""),
            }
        };
        let date = |v: &str| {
            clock::parse(v).ok_or_else(|| invalid(&format!("{key} must be an ISO 8601 date")))
        };
        match key {
            "name_in" => f.names.push(value.to_owned()),
            "user" => f.users.push(value.to_owned()),
            "created_after" => f.after = Some(date(value)?),
            "created_before" => f.before = Some(date(value)?),
            "content" | "content_thread" => f.content = true,
            "order" => f.ascending = value == "created_at.asc",
            _ => {}
        }
        rest = next.trim_start_matches(['&', ' ']);
    }
    Ok(f)
}

async fn list_events(
    State(s): State<AppState>,
    Extension(c): Extension<Caller>,
    RawQuery(q): RawQuery,
) -> Res {
    let parsed = Query::parse(q.as_deref())?;
    let (offset, limit) = parsed.page()?;
    let f = event_filter(parsed.str("q")?.unwrap_or_default())?;
    require(&c, "search_event")?;
    let st = s.lock();
    let mut all: Vec<Value> = st
        .events
        .iter()
        .filter(|_| !f.content)
        .filter(|e| f.names.is_empty() || f.names.iter().any(|n| e["name"] == n.as_str()))
        .filter(|e| f.users.is_empty() || f.users.iter().any(|u| e["user_id"] == u.as_str()))
        .filter(|e| {
            let at = e["created_at"].as_str().and_then(clock::parse).unwrap_or(0);
            f.after.is_none_or(|a| at >= a) && f.before.is_none_or(|b| at <= b)
        })
        .cloned()
        .collect();
    if !f.ascending {
        all.reverse();
    }
    ok(page_of(all, offset, limit))
}

async fn get_event(
    State(s): State<AppState>,
    Extension(c): Extension<Caller>,
    Path(id): Path<String>,
) -> Res {
    if !c.may("search_event") {
        return Err(not_found("Event"));
    }
    one_of(&s.lock().events, &id, "Event")
}
