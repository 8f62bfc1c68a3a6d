//! The client against every fault knob of the emulator: it ends with the right typed error
//! or recovers within its bounds, and every request and answer it exchanges is checked
//! against the published spec (`openapi/openapi3.yaml`).

use crate::common::client_for;
use serde_json::Value;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use switchboard_core::progress::CancellationToken;
use switchboard_emulator::{Config, Emulator, FaultsPatch};
use switchboard_platform::{ApiError, ClientConfig, Exchange};

fn emu(sources: usize) -> switchboard_emulator::Running {
    Emulator::start(Config {
        sources,
        seed: 1,
        ..Config::default()
    })
    .unwrap()
}

fn faults(e: &switchboard_emulator::Running, p: FaultsPatch) {
    e.control().set_faults(&p).unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn a_burst_of_429s_pauses_then_recovers_without_the_caller_retrying() {
    let e = emu(10);
    faults(
        &e,
        FaultsPatch {
            force_429: Some(3),
            ..Default::default()
        },
    );
    let c = client_for(&e, &e.admin_token(), ClientConfig::default());
    let page = c
        .sources_page(0, 150, &CancellationToken::new())
        .await
        .unwrap();
    assert_eq!(page.records.len(), 10);
    assert_eq!(
        c.budget().stats().throttled,
        3,
        "each 429 paused the budget"
    );
    assert_eq!(e.control().stats().forced_429, 3);
}

#[tokio::test(flavor = "multi_thread")]
async fn endless_429s_end_as_rate_limited_within_the_bound() {
    let e = emu(3);
    faults(
        &e,
        FaultsPatch {
            force_429: Some(1000),
            ..Default::default()
        },
    );
    let c = client_for(
        &e,
        &e.admin_token(),
        ClientConfig {
            max_throttles: 2,
            ..ClientConfig::default()
        },
    );
    let r = c.sources_page(0, 150, &CancellationToken::new()).await;
    assert_eq!(r.unwrap_err(), ApiError::RateLimited);
}

#[tokio::test(flavor = "multi_thread")]
async fn server_errors_on_a_get_are_retried_a_bounded_number_of_times() {
    let e = emu(3);
    faults(
        &e,
        FaultsPatch {
            error_rate: Some(1.0),
            ..Default::default()
        },
    );
    let c = client_for(&e, &e.admin_token(), ClientConfig::default());
    let r = c.sources_page(0, 150, &CancellationToken::new()).await;
    assert!(
        matches!(r, Err(ApiError::Server { status }) if status >= 500),
        "{r:?}"
    );
    let sent: u64 = e.control().stats().requests.values().sum();
    assert_eq!(sent, 3, "three attempts, then the typed error");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_put_is_never_retried_after_it_may_have_reached_the_server() {
    let e = emu(3);
    let c = client_for(&e, &e.admin_token(), ClientConfig::default());
    let cancel = CancellationToken::new();
    let id = c.sources_page(0, 1, &cancel).await.unwrap().records[0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    e.control().reset_stats();
    faults(
        &e,
        FaultsPatch {
            error_rate: Some(1.0),
            ..Default::default()
        },
    );
    let mut params = serde_json::Map::new();
    params.insert("name".into(), Value::String("x".into()));
    let r = c.update_source(&id, &params, &cancel).await;
    assert!(matches!(r, Err(ApiError::Server { .. })), "{r:?}");
    let sent: u64 = e.control().stats().requests.values().sum();
    assert_eq!(
        sent, 1,
        "a PUT that reached the server is not sent again blindly"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_dropped_connection_mid_answer_is_retried_for_a_get() {
    let e = emu(40);
    faults(
        &e,
        FaultsPatch {
            drop_rate: Some(0.5),
            ..Default::default()
        },
    );
    let c = client_for(
        &e,
        &e.admin_token(),
        ClientConfig {
            attempts: 10,
            ..ClientConfig::default()
        },
    );
    let page = c
        .sources_page(0, 150, &CancellationToken::new())
        .await
        .unwrap();
    assert_eq!(page.records.len(), 40);
    faults(
        &e,
        FaultsPatch {
            drop_rate: Some(1.0),
            ..Default::default()
        },
    );
    let r = c.sources_page(0, 150, &CancellationToken::new()).await;
    assert!(
        matches!(
            r,
            Err(ApiError::Network { .. }) | Err(ApiError::Decode { .. })
        ),
        "{r:?}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_slow_server_times_out_and_cancel_stops_at_once() {
    let e = emu(3);
    faults(
        &e,
        FaultsPatch {
            latency_ms: Some(3_000),
            ..Default::default()
        },
    );
    let c = client_for(
        &e,
        &e.admin_token(),
        ClientConfig {
            timeout: Duration::from_millis(300),
            attempts: 1,
            ..ClientConfig::default()
        },
    );
    let r = c.sources_page(0, 150, &CancellationToken::new()).await;
    assert!(matches!(r, Err(ApiError::Timeout { .. })), "{r:?}");
    let cancel = CancellationToken::new();
    let c2 = cancel.clone();
    tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(50)).await;
        c2.cancel();
    });
    let started = std::time::Instant::now();
    let slow = client_for(&e, &e.admin_token(), ClientConfig::default());
    assert_eq!(
        slow.sources_page(0, 150, &cancel).await.unwrap_err(),
        ApiError::Cancelled
    );
    assert!(started.elapsed() < Duration::from_secs(2));
}

#[tokio::test(flavor = "multi_thread")]
async fn auth_and_permission_answers_are_typed() {
    let e = emu(30);
    let cancel = CancellationToken::new();
    let bad = client_for(&e, "not-a-token", ClientConfig::default());
    assert_eq!(
        bad.sources_page(0, 1, &cancel).await.unwrap_err(),
        ApiError::Unauthorized
    );
    let reader = client_for(&e, &e.reader_token(), ClientConfig::default());
    let visible: Vec<String> = reader
        .sources_page(0, 150, &cancel)
        .await
        .unwrap()
        .records
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_owned())
        .collect();
    let hidden = e
        .control()
        .source_ids()
        .into_iter()
        .find(|id| !visible.contains(id))
        .expect("the reader cannot see some sources");
    assert!(matches!(
        reader.source(&hidden, &cancel).await,
        Err(ApiError::NotFoundOrHidden { .. })
    ));
    let mut params = serde_json::Map::new();
    params.insert("name".into(), Value::String("x".into()));
    assert_eq!(
        reader
            .update_source(&visible[0], &params, &cancel)
            .await
            .unwrap_err(),
        ApiError::Forbidden
    );
    let admin = client_for(&e, &e.admin_token(), ClientConfig::default());
    params.insert("sla_threshold".into(), Value::from(150));
    assert!(
        matches!(admin.update_source(&visible[0], &params, &cancel).await, Err(ApiError::Validation { message }) if !message.is_empty())
    );
}

// ---- the contract: every exchange checked against the spec ----

fn spec() -> Value {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../platform/openapi/openapi3.yaml"
    ))
    .unwrap();
    serde_yaml::from_str(&text).unwrap()
}

/// The spec's operation for an exchange.
fn operation<'a>(spec: &'a Value, x: &Exchange) -> &'a Value {
    let op = &spec["paths"][x.template][x.method.to_lowercase()];
    assert!(
        op.is_object(),
        "{} {} is not in the spec",
        x.method,
        x.template
    );
    op
}

/// The spec's list-of-objects parameters (named without brackets there).
const RECORD_LISTS: [&str; 2] = ["signatures", "auto_response_triggers"];

fn without_nulls(v: &Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(
            m.iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k.clone(), without_nulls(v)))
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.iter().map(without_nulls).collect()),
        other => other.clone(),
    }
}

fn validator(spec: &Value, schema: &Value) -> jsonschema::Validator {
    // The schema in the context of the whole document, so its $refs resolve.
    let mut root = spec.clone();
    let obj = root.as_object_mut().unwrap();
    for (k, v) in schema.as_object().unwrap() {
        obj.insert(k.clone(), v.clone());
    }
    jsonschema::options().build(&root).expect("a valid schema")
}

#[tokio::test(flavor = "multi_thread")]
async fn every_request_and_answer_follows_the_published_spec() {
    let e = emu(40);
    let log: Arc<Mutex<Vec<Exchange>>> = Arc::default();
    let l = log.clone();
    let c = client_for(&e, &e.admin_token(), ClientConfig::default()).with_observer(Arc::new(
        move |x: &Exchange| l.lock().unwrap().push(x.clone()),
    ));
    let cancel = CancellationToken::new();
    let page = c.sources_page(0, 150, &cancel).await.unwrap();
    c.communities(&cancel).await.unwrap();
    c.channel_groups(&cancel).await.unwrap();
    c.categories(&cancel).await.unwrap();
    c.time_sheets(&cancel).await.unwrap();
    c.locales(&cancel).await.unwrap();
    let admin = e
        .tokens()
        .into_iter()
        .find(|t| t.token == e.admin_token())
        .unwrap();
    let users = c.users_by_email(&admin.email, &cancel).await.unwrap();
    c.role(users[0].role_id.as_deref().unwrap(), &cancel)
        .await
        .unwrap();
    c.events("name_in:\"content_source.updated\"", 10, &cancel)
        .await
        .unwrap();
    // A PUT carrying every shape of parameter the catalogue can send for each kind.
    for record in page.records.iter().take(17) {
        let Some(kind) = record
            .get("type")
            .and_then(Value::as_str)
            .and_then(switchboard_catalogue::api::kind_of_api_type)
        else {
            continue;
        };
        let (doc, _) = switchboard_catalogue::example_document(kind);
        let params: serde_json::Map<String, Value> = switchboard_catalogue::api::to_api(&doc)
            .into_iter()
            .filter(|(k, _)| switchboard_platform::writable_source_param(k))
            .collect();
        let id = record["id"].as_str().unwrap();
        c.update_source(id, &params, &cancel)
            .await
            .unwrap_or_else(|err| panic!("{kind:?}: {err:?}"));
    }
    let spec = spec();
    let exchanges = log.lock().unwrap().clone();
    assert!(exchanges.len() > 20);
    for x in &exchanges {
        let op = operation(&spec, x);
        let params: Vec<&str> = op["parameters"]
            .as_array()
            .map(|a| a.iter().filter_map(|p| p["name"].as_str()).collect())
            .unwrap_or_default();
        for (name, _) in &x.query {
            // Rack's spellings (`signatures[][body]`, an emptied `signatures[]`) belong to
            // the spec's `signatures` parameter; `time_sheet_ids[]` is named so in the spec.
            let base = name.split('[').next().unwrap();
            let known = params.contains(&name.as_str())
                || params.iter().any(|p| {
                    p.split('[').next() == Some(base)
                        && (RECORD_LISTS.contains(&base) || p.contains('['))
                });
            assert!(
                known,
                "{} {}: `{name}` is not a parameter of the spec",
                x.method, x.template
            );
        }
        let status = x.status.expect("answered");
        let schema = &op["responses"][status.to_string()]["content"]["application/json"]["schema"];
        assert!(
            schema.is_object(),
            "{} {}: status {status} not documented",
            x.method,
            x.template
        );
        let v = validator(&spec, schema);
        // One deliberate leniency, the emulator's documented quirk (its README): a Rails
        // serializer writes an unset value as null where the spec (OpenAPI 3.0, no
        // `nullable`) types a string. The client reads null as "not set"; so does this check.
        let body = without_nulls(x.body.as_ref().unwrap());
        if let Err(err) = v.validate(&body) {
            panic!(
                "{} {}: answer does not match the spec: {err}",
                x.method, x.template
            );
        }
    }
}

/// A writer the log goes to, readable afterwards.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test(flavor = "current_thread")]
async fn the_debug_log_has_method_path_status_and_time_but_never_a_token_or_a_secret() {
    let e = emu(3);
    let out = Captured::default();
    let w = out.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::DEBUG)
        .with_writer(move || w.clone())
        .with_ansi(false)
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);
    let c = client_for(&e, &e.admin_token(), ClientConfig::default());
    let cancel = CancellationToken::new();
    let id = c.sources_page(0, 1, &cancel).await.unwrap().records[0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let password = "hunter2-secret-password";
    let _ = c
        .update_email_credentials(
            &id,
            &[(
                "imap[password]",
                switchboard_core::Sensitive::new(password.to_owned()),
            )],
            &cancel,
        )
        .await;
    let log = String::from_utf8(out.0.lock().unwrap().clone()).unwrap();
    assert!(
        log.contains("method=GET")
            && (log.contains("path=\"/content_sources\"") || log.contains("path=/content_sources")),
        "{log}"
    );
    assert!(log.contains("status=200") && log.contains("ms="), "{log}");
    assert!(
        log.contains("/content_sources/{sourceId}/email_credentials"),
        "the template, not the id or query: {log}"
    );
    assert!(!log.contains(&e.admin_token()), "no token in the log");
    assert!(!log.contains(password), "no secret parameter in the log");
    assert!(!log.contains(&id), "no record id (paths are templates)");
}
