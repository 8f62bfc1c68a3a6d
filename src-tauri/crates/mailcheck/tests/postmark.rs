//! Postmark mode against a local stand-in of `GET /server` (no real servers needed).

mod support;

use support::*;
use switchboard_core::progress::StepStatus;
use switchboard_mailcheck::*;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// Answers like Postmark: 200 with the server's JSON for the good token, 401 otherwise.
async fn stand_in() -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        loop {
            let Ok((mut sock, _)) = listener.accept().await else {
                return;
            };
            tokio::spawn(async move {
                let mut buf = Vec::new();
                let mut chunk = [0u8; 1024];
                while !buf.windows(4).any(|w| w == b"\r\n\r\n") {
                    let n = sock.read(&mut chunk).await.unwrap_or(0);
                    if n == 0 {
                        return;
                    }
                    buf.extend_from_slice(&chunk[..n]);
                }
                let req = String::from_utf8_lossy(&buf).to_ascii_lowercase();
                let (status, body) = if req.starts_with("get /server ")
                    && req.contains("x-postmark-server-token: good-token\r\n")
                {
                    (
                        "200 OK",
                        r#"{"ID":1,"Name":"Support inbox","ApiTokens":["good-token"]}"#,
                    )
                } else {
                    (
                        "401 Unauthorized",
                        r#"{"ErrorCode":10,"Message":"Request does not contain a valid Server token."}"#,
                    )
                };
                let resp = format!(
                    "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                );
                let _ = sock.write_all(resp.as_bytes()).await;
            });
        }
    });
    format!("http://{addr}")
}

fn postmark(key: &str, base: &str) -> MailSettings {
    MailSettings {
        postmark: Some(PostmarkSettings {
            api_key: key.to_owned().into(),
            base_url: Some(base.to_owned()),
        }),
        ..settings()
    }
}

#[tokio::test]
async fn a_valid_token_is_accepted_and_names_the_server() {
    let base = stand_in().await;
    let r = run(&postmark("good-token", &base)).await;
    assert!(r.ok, "{}", dump(&r));
    let s = r.step("postmark.api_key").unwrap();
    assert_eq!(s.status, StepStatus::Ok);
    let m = s.message.as_ref().unwrap();
    assert_eq!(m.id, "mailcheck-postmark-ok");
    assert_eq!(
        m.args["server"],
        switchboard_core::Arg::Str("Support inbox".into())
    );
    // The token is scrubbed from the recorded reply.
    assert!(
        !s.server_reply.as_ref().unwrap().contains("good-token"),
        "{}",
        dump(&r)
    );
}

#[tokio::test]
async fn a_rejected_token_highlights_the_key() {
    let base = stand_in().await;
    let r = run(&postmark("bad-token", &base)).await;
    assert!(!r.ok);
    let s = r.step("postmark.api_key").unwrap();
    assert_eq!(s.status, StepStatus::Failed);
    assert_eq!(
        s.message.as_ref().unwrap().id,
        "mailcheck-postmark-rejected"
    );
    assert_eq!(s.fields, vec!["postmark.api_key".to_owned()]);
    assert!(s.server_reply.as_ref().unwrap().contains("401"));
}

#[tokio::test]
async fn an_unreachable_api_is_not_blamed_on_the_key() {
    // Bind then drop: nothing listens on that port any more.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let r = run(&postmark("good-token", &format!("http://127.0.0.1:{port}"))).await;
    let s = r.step("postmark.api_key").unwrap();
    assert_eq!(s.status, StepStatus::Failed);
    assert_eq!(
        s.message.as_ref().unwrap().id,
        "mailcheck-postmark-unreachable"
    );
    assert!(s.fields.is_empty());
}
