//! The platform client against hostile servers (issue 11): the platform's answers are
//! untrusted input like a mail server's. One tiny HTTP server per behaviour (a drip, a
//! flood, invalid JSON, a page over the size bound, a negative count, records of the
//! wrong shape, full pages without end); each must end in a typed `ApiError` within its
//! time bound — never a panic, a hang or an unbounded buffer.

use std::sync::Arc;
use std::time::{Duration, Instant};
use switchboard_core::progress::CancellationToken;
use switchboard_core::Sensitive;
use switchboard_platform::{ApiError, BaseUrl, Budget, BudgetConfig, Client, ClientConfig};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// What one connection gets after its request head.
#[derive(Clone, Copy)]
enum Behaviour {
    /// Headers, then one byte of body every 300 ms, forever.
    Drip,
    /// Headers without a length, then body bytes as fast as the socket takes them.
    Flood,
    InvalidJson,
    /// A well-formed page of about 2 MiB (the client's bound is 1 MiB here).
    HugePage,
    NegativeCount,
    WrongShape,
    /// Every page full (150 records) and a count no server has: the client must stop.
    EndlessPages,
}

const LIMIT: Duration = Duration::from_secs(2);
const MAX_BODY: usize = 1024 * 1024;

async fn read_head(s: &mut TcpStream) -> Option<()> {
    let mut head = Vec::new();
    let mut buf = [0u8; 1024];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        let n = s.read(&mut buf).await.ok()?;
        if n == 0 || head.len() > 64 * 1024 {
            return None;
        }
        head.extend_from_slice(&buf[..n]);
    }
    Some(())
}

fn ok(body: &str) -> Vec<u8> {
    format!(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

fn page(count: &str, records: &str) -> String {
    format!(r#"{{"count": {count}, "offset": 0, "limit": 150, "records": {records}}}"#)
}

async fn serve_one(mut s: TcpStream, b: Behaviour) {
    if read_head(&mut s).await.is_none() {
        return;
    }
    let headers_only =
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n";
    match b {
        Behaviour::Drip => {
            let _ = s.write_all(headers_only.as_bytes()).await;
            loop {
                if s.write_all(b" ").await.is_err() {
                    return;
                }
                tokio::time::sleep(Duration::from_millis(300)).await;
            }
        }
        Behaviour::Flood => {
            let _ = s.write_all(headers_only.as_bytes()).await;
            let chunk = vec![b'['; 64 * 1024];
            while s.write_all(&chunk).await.is_ok() {}
        }
        Behaviour::InvalidJson => {
            let _ = s
                .write_all(&ok(r#"{"count": 1, "records": [{"id": "#))
                .await;
        }
        Behaviour::HugePage => {
            let one = format!(r#"{{"id": "c", "name": "{}"}}"#, "x".repeat(1000));
            let records = format!("[{}]", vec![one; 2100].join(","));
            let _ = s.write_all(&ok(&page("2100", &records))).await;
        }
        Behaviour::NegativeCount => {
            let _ = s.write_all(&ok(&page("-5", "[]"))).await;
        }
        Behaviour::WrongShape => {
            let _ = s
                .write_all(&ok(&page(
                    "1",
                    r#"[{"id": 5, "name": ["not", "a", "name"]}]"#,
                )))
                .await;
        }
        Behaviour::EndlessPages => {
            let one = r#"{"id": "c", "name": "Community"}"#;
            let records = format!("[{}]", vec![one; 150].join(","));
            let _ = s.write_all(&ok(&page("4000000000", &records))).await;
        }
    }
}

/// A listener on 127.0.0.1 serving `b` to every connection; returns the client for it.
async fn hostile(b: Behaviour) -> Client {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move {
        while let Ok((s, _)) = listener.accept().await {
            tokio::spawn(serve_one(s, b));
        }
    });
    let base = BaseUrl::parse(&format!("http://127.0.0.1:{port}/1.0")).unwrap();
    // A budget that never throttles the test: the bound under test is the client's own.
    let budget = Arc::new(Budget::new(BudgetConfig {
        limit: 100_000,
        window: Duration::from_secs(60),
        share: 1.0,
    }));
    let config = ClientConfig {
        timeout: LIMIT,
        attempts: 2,
        max_throttles: 1,
        max_body: MAX_BODY,
    };
    Client::new(base, Sensitive::new("test-token".into()), budget, config)
}

/// Lists communities from a server behaving as `b`: the typed error, and how long it took.
async fn communities(b: Behaviour) -> (Result<usize, ApiError>, Duration) {
    let client = hostile(b).await;
    let cancel = CancellationToken::new();
    let start = Instant::now();
    // The outer bound only keeps a regression from hanging the suite.
    let r = tokio::time::timeout(Duration::from_secs(120), client.communities(&cancel))
        .await
        .expect("the client ends on its own");
    (r.map(|v| v.len()), start.elapsed())
}

/// Attempts × the request bound, plus a wide margin for a busy machine.
fn within_bounds(d: Duration) {
    assert!(d < LIMIT * 2 + Duration::from_secs(15), "took {d:?}");
}

#[tokio::test]
async fn a_drip_ends_in_a_timeout() {
    let (r, d) = communities(Behaviour::Drip).await;
    assert!(matches!(r, Err(ApiError::Timeout { .. })), "{r:?}");
    within_bounds(d);
}

#[tokio::test]
async fn a_flood_is_cut_at_the_body_bound() {
    let (r, d) = communities(Behaviour::Flood).await;
    match r {
        Err(ApiError::Decode { detail }) => assert!(detail.contains("larger than"), "{detail}"),
        other => panic!("{other:?}"),
    }
    within_bounds(d);
}

#[tokio::test]
async fn invalid_json_is_a_decode_error() {
    let (r, d) = communities(Behaviour::InvalidJson).await;
    assert!(matches!(r, Err(ApiError::Decode { .. })), "{r:?}");
    within_bounds(d);
}

#[tokio::test]
async fn a_page_over_the_size_bound_is_refused() {
    let (r, d) = communities(Behaviour::HugePage).await;
    assert!(matches!(r, Err(ApiError::Decode { .. })), "{r:?}");
    within_bounds(d);
}

#[tokio::test]
async fn a_negative_count_is_a_decode_error() {
    let (r, d) = communities(Behaviour::NegativeCount).await;
    assert!(matches!(r, Err(ApiError::Decode { .. })), "{r:?}");
    within_bounds(d);
}

#[tokio::test]
async fn records_of_the_wrong_shape_are_a_decode_error() {
    let (r, d) = communities(Behaviour::WrongShape).await;
    assert!(matches!(r, Err(ApiError::Decode { .. })), "{r:?}");
    within_bounds(d);
}

#[tokio::test]
async fn full_pages_without_end_stop_at_a_bound() {
    let (r, d) = communities(Behaviour::EndlessPages).await;
    assert!(matches!(r, Err(ApiError::Decode { .. })), "{r:?}");
    within_bounds(d);
}
