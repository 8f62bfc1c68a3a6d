//! Helpers shared by the emulator's tests: start one, call it as a client would.

use reqwest::{Client, Method, StatusCode};
use serde_json::Value;
use switchboard_emulator::{Config, Emulator, Running};

pub fn start(sources: usize, seed: u64) -> Running {
    Emulator::start(Config {
        sources,
        seed,
        ..Config::default()
    })
    .expect("emulator starts")
}

pub fn client() -> Client {
    Client::builder()
        .timeout(std::time::Duration::from_secs(20))
        .build()
        .unwrap()
}

/// `(status, JSON body or Null)` of a request with an optional bearer token.
pub async fn call(
    emu: &Running,
    method: Method,
    path_and_query: &str,
    token: Option<&str>,
) -> (StatusCode, Value) {
    let mut req = client().request(method, format!("{}{}", emu.url(), path_and_query));
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    let resp = req.send().await.expect("request reaches the emulator");
    let status = resp.status();
    let body = resp.json().await.unwrap_or(Value::Null);
    (status, body)
}

pub async fn get(emu: &Running, path: &str) -> (StatusCode, Value) {
    call(emu, Method::GET, path, Some(&emu.admin_token())).await
}

pub async fn put(emu: &Running, path: &str) -> (StatusCode, Value) {
    call(emu, Method::PUT, path, Some(&emu.admin_token())).await
}

/// Every source the admin can read, through paging.
pub async fn all_sources(emu: &Running) -> Vec<Value> {
    let mut out = Vec::new();
    loop {
        let (s, page) = get(
            emu,
            &format!("/content_sources?limit=150&offset={}", out.len()),
        )
        .await;
        assert_eq!(s, 200, "{page}");
        let records = page["records"].as_array().unwrap().clone();
        if records.is_empty() {
            break;
        }
        out.extend(records);
        if out.len() as u64 >= page["count"].as_u64().unwrap() {
            break;
        }
    }
    out
}

/// The first source of an API type.
pub async fn source_of_type(emu: &Running, ty: &str) -> Value {
    all_sources(emu)
        .await
        .into_iter()
        .find(|s| s["type"] == ty)
        .unwrap_or_else(|| panic!("a source of type {ty}"))
}
