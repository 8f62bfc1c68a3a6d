//! `/_emulator/…`: what a test (or the app's demo) does to the emulator from outside the
//! platform's contract. No token; the emulator listens on loopback only.

use super::{error, AppState};
use crate::config::FaultsPatch;
use crate::control::{Control, EditError};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{Map, Value};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/sources/{id}", get(raw_source))
        .route("/sources/{id}/edit", post(edit_source))
        .route("/faults", get(faults).put(set_faults))
        .route("/stats", get(stats).delete(reset_stats))
        .route("/tokens", get(tokens))
}

fn control(s: AppState) -> Control {
    Control::new(s)
}

async fn raw_source(State(s): State<AppState>, Path(id): Path<String>) -> Response {
    match control(s).raw_source(&id) {
        Some(v) => Json(v).into_response(),
        None => error(StatusCode::NOT_FOUND, "not_found", "Source not found"),
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Edit {
    fields: Map<String, Value>,
    #[serde(default)]
    user_id: Option<String>,
}

async fn edit_source(
    State(s): State<AppState>,
    Path(id): Path<String>,
    body: Result<Json<Edit>, axum::extract::rejection::JsonRejection>,
) -> Response {
    let Json(edit) = match body {
        Ok(b) => b,
        Err(e) => return error(StatusCode::BAD_REQUEST, "bad_request", e.body_text()),
    };
    match control(s).edit_source(&id, &edit.fields, edit.user_id.as_deref()) {
        Ok(v) => Json(v).into_response(),
        Err(EditError::NoSuchSource) => {
            error(StatusCode::NOT_FOUND, "not_found", "Source not found")
        }
        Err(EditError::NoSuchUser) => error(StatusCode::NOT_FOUND, "not_found", "User not found"),
        Err(EditError::Invalid(m)) => {
            error(StatusCode::UNPROCESSABLE_ENTITY, "invalid_parameters", m)
        }
    }
}

async fn faults(State(s): State<AppState>) -> Response {
    Json(control(s).faults()).into_response()
}

async fn set_faults(
    State(s): State<AppState>,
    body: Result<Json<FaultsPatch>, axum::extract::rejection::JsonRejection>,
) -> Response {
    let Json(patch) = match body {
        Ok(b) => b,
        Err(e) => return error(StatusCode::BAD_REQUEST, "bad_request", e.body_text()),
    };
    match control(s).set_faults(&patch) {
        Ok(f) => Json(f).into_response(),
        Err(m) => error(StatusCode::UNPROCESSABLE_ENTITY, "invalid_parameters", m),
    }
}

async fn stats(State(s): State<AppState>) -> Response {
    Json(control(s).stats()).into_response()
}

async fn reset_stats(State(s): State<AppState>) -> Response {
    control(s).reset_stats();
    StatusCode::NO_CONTENT.into_response()
}

async fn tokens(State(s): State<AppState>) -> Response {
    Json(control(s).tokens()).into_response()
}
