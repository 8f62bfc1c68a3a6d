//! Each fault knob, and recovery once it is turned off or its window passes.

use crate::common::*;
use reqwest::Method;
use std::time::{Duration, Instant};
use switchboard_emulator::{Config, Emulator, FaultsPatch, RateLimit};

fn with(patch: FaultsPatch) -> FaultsPatch {
    patch
}

#[tokio::test]
async fn rate_limit_429_then_recovery_per_token() {
    let emu = Emulator::start(Config {
        sources: 20,
        rate_limit: RateLimit::parse("5/1").unwrap(),
        ..Config::default()
    })
    .unwrap();
    for i in 0..5 {
        let (s, _) = get(&emu, "/communities").await;
        assert_eq!(s, 200, "request {i} is within the limit");
    }
    let (s, e) = get(&emu, "/communities").await;
    assert_eq!(s, 429);
    assert_eq!(e["error"], "rate_limit_exceeded");
    // Another token has its own window.
    let (s, _) = call(&emu, Method::GET, "/communities", Some(&emu.reader_token())).await;
    assert_eq!(s, 200);
    // The window slides: wait for the state (an accepted request), bounded.
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let (s, _) = get(&emu, "/communities").await;
        if s == 200 {
            break;
        }
        assert_eq!(s, 429);
        assert!(Instant::now() < deadline, "no recovery within 5 s");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let stats = emu.control().stats();
    assert!(stats.rate_limited >= 1);
    assert_eq!(stats.forced_429, 0);
}

#[tokio::test]
async fn forced_429s_then_normal_service() {
    let emu = start(20, 1);
    emu.control()
        .set_faults(&with(FaultsPatch {
            force_429: Some(3),
            ..Default::default()
        }))
        .unwrap();
    let mut statuses = Vec::new();
    for _ in 0..5 {
        statuses.push(get(&emu, "/content_sources").await.0.as_u16());
    }
    assert_eq!(statuses, vec![429, 429, 429, 200, 200]);
    let stats = emu.control().stats();
    assert_eq!(stats.forced_429, 3);
    assert_eq!(stats.statuses[&429], 3);
    assert_eq!(stats.requests["GET /content_sources"], 5);
    // Over HTTP, like a test in another process would.
    let r = client()
        .put(format!("{}/_emulator/faults", emu.base()))
        .json(&serde_json::json!({"force_429": 1}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(get(&emu, "/channels").await.0, 429);
    assert_eq!(get(&emu, "/channels").await.0, 200);
}

async fn statuses(emu: &switchboard_emulator::Running, n: usize) -> Vec<u16> {
    let mut out = Vec::new();
    for _ in 0..n {
        out.push(get(emu, "/communities").await.0.as_u16());
    }
    out
}

#[tokio::test]
async fn server_errors_at_the_configured_rate_and_deterministic() {
    let cfg = Config {
        sources: 20,
        seed: 9,
        error_rate: 0.3,
        ..Config::default()
    };
    let a = Emulator::start(cfg.clone()).unwrap();
    let b = Emulator::start(cfg).unwrap();
    let sa = statuses(&a, 100).await;
    assert_eq!(sa, statuses(&b, 100).await, "same seed, same faults");
    let errors = sa.iter().filter(|s| **s >= 500).count();
    assert!((10..=50).contains(&errors), "{errors} of 100 at 30%");
    assert!(sa.iter().all(|s| matches!(s, 200 | 500 | 503)));
    assert_eq!(a.control().stats().server_errors as usize, errors);
    a.control()
        .set_faults(&FaultsPatch {
            error_rate: Some(0.0),
            ..Default::default()
        })
        .unwrap();
    assert!(statuses(&a, 20).await.iter().all(|s| *s == 200));
}

#[tokio::test]
async fn dropped_connection_mid_response() {
    let emu = start(40, 1);
    emu.control()
        .set_faults(&FaultsPatch {
            drop_rate: Some(1.0),
            ..Default::default()
        })
        .unwrap();
    let resp = client()
        .get(format!("{}/content_sources?limit=50", emu.url()))
        .bearer_auth(emu.admin_token())
        .send()
        .await
        .expect("headers arrive");
    assert_eq!(resp.status(), 200);
    let announced = resp.content_length().expect("a Content-Length");
    let body = resp.bytes().await;
    assert!(
        body.is_err(),
        "the body is cut: {:?} of {announced}",
        body.map(|b| b.len())
    );
    assert_eq!(emu.control().stats().dropped, 1);
    // A PUT whose answer is lost has been applied all the same.
    let id = emu.control().source_ids()[0].clone();
    let resp = client()
        .put(format!(
            "{}/content_sources/{id}?name=Applied%20anyway",
            emu.url()
        ))
        .bearer_auth(emu.admin_token())
        .send()
        .await;
    let cut = match resp {
        Ok(r) => r.bytes().await.is_err(),
        Err(_) => true,
    };
    assert!(cut);
    emu.control()
        .set_faults(&FaultsPatch {
            drop_rate: Some(0.0),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(get(&emu, "/content_sources?limit=50").await.0, 200);
    let (_, now) = get(&emu, &format!("/content_sources/{id}")).await;
    assert_eq!(now["name"], "Applied anyway");
}

#[tokio::test]
async fn latency_is_added_to_every_answer() {
    let emu = Emulator::start(Config {
        sources: 20,
        latency: Duration::from_millis(300),
        ..Config::default()
    })
    .unwrap();
    let t = Instant::now();
    assert_eq!(get(&emu, "/locales").await.0, 200);
    let slow = t.elapsed();
    emu.control()
        .set_faults(&FaultsPatch {
            latency_ms: Some(0),
            ..Default::default()
        })
        .unwrap();
    let t = Instant::now();
    assert_eq!(get(&emu, "/locales").await.0, 200);
    let fast = t.elapsed();
    println!("with 300 ms latency: {slow:?}; without: {fast:?}");
    assert!(slow >= Duration::from_millis(300), "{slow:?}");
}

#[tokio::test]
async fn bad_fault_settings_are_refused() {
    let emu = start(20, 1);
    let r = client()
        .put(format!("{}/_emulator/faults", emu.base()))
        .json(&serde_json::json!({"error_rate": 1.5}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let r = client()
        .put(format!("{}/_emulator/faults", emu.base()))
        .json(&serde_json::json!({"no_such_knob": 1}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    assert_eq!(emu.control().faults().error_rate, 0.0);
}

#[tokio::test]
async fn held_puts_wait_until_released_after_pass_puts() {
    let emu = start(20, 1);
    let ids: Vec<String> = all_sources(&emu)
        .await
        .iter()
        .map(|s| s["id"].as_str().unwrap().to_owned())
        .collect();
    let faults = |body: serde_json::Value| {
        let url = format!("{}/_emulator/faults", emu.base());
        async move {
            let r = client().put(url).json(&body).send().await.unwrap();
            assert_eq!(r.status(), 200);
            r.json::<serde_json::Value>().await.unwrap()
        }
    };
    let f = faults(serde_json::json!({"hold_puts": true, "pass_puts": 1})).await;
    assert_eq!(
        (f["hold_puts"].as_bool(), f["held_puts"].as_u64()),
        (Some(true), Some(0))
    );
    // The first PUT goes through; the second waits.
    let (s, _) = put(&emu, &format!("/content_sources/{}?name=First", ids[0])).await;
    assert_eq!(s, 200);
    let path = format!("/content_sources/{}?name=Held", ids[1]);
    let second = tokio::spawn({
        let url = format!("{}{}", emu.url(), path);
        let token = emu.admin_token();
        async move {
            client()
                .put(url)
                .bearer_auth(token)
                .send()
                .await
                .unwrap()
                .status()
        }
    });
    let deadline = Instant::now() + Duration::from_secs(10);
    while emu.control().faults().held_puts != 1 {
        assert!(Instant::now() < deadline, "the second PUT is never held");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    // Reads are not held, and the held PUT has changed nothing yet.
    let (s, rec) = get(&emu, &format!("/content_sources/{}", ids[1])).await;
    assert_eq!(s, 200);
    assert_ne!(rec["name"], "Held");
    assert!(!second.is_finished());
    let f = faults(serde_json::json!({"hold_puts": false})).await;
    assert_eq!(f["hold_puts"], false);
    assert_eq!(second.await.unwrap(), 200);
    assert_eq!(emu.control().faults().held_puts, 0);
    let (_, rec) = get(&emu, &format!("/content_sources/{}", ids[1])).await;
    assert_eq!(rec["name"], "Held");
    // Off: PUTs go straight through again.
    let (s, _) = put(&emu, &format!("/content_sources/{}?name=Free", ids[1])).await;
    assert_eq!(s, 200);
}

#[tokio::test]
async fn a_held_put_the_client_gave_up_on_is_no_longer_counted() {
    let emu = start(20, 1);
    let id = all_sources(&emu).await[0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    emu.control()
        .set_faults(&FaultsPatch {
            hold_puts: Some(true),
            ..Default::default()
        })
        .unwrap();
    let url = format!("{}/content_sources/{}?name=Gone", emu.url(), id);
    let token = emu.admin_token();
    let req = tokio::spawn(async move { client().put(url).bearer_auth(token).send().await });
    let deadline = Instant::now() + Duration::from_secs(10);
    while emu.control().faults().held_puts != 1 {
        assert!(Instant::now() < deadline, "the PUT is never held");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    req.abort();
    // Whether the server drops the request when the client leaves or handles it once
    // released, nothing stays held after the release.
    emu.control()
        .set_faults(&FaultsPatch {
            hold_puts: Some(false),
            ..Default::default()
        })
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    while emu.control().faults().held_puts != 0 {
        assert!(Instant::now() < deadline, "a released PUT is still counted");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}
