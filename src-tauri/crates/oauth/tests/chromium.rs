//! The browser leg once in a real Chromium (playwright-core + Debian's chromium): the
//! sign-in page, the redirects and the loopback page as a user's browser meets them.

mod support;

use std::process::Command;
use support::{available, harness_dir, pages, AuthServer};
use switchboard_core::progress::CancellationToken;
use switchboard_i18n::{Lang, Localizer};
use switchboard_oauth::{ProviderId, Purpose};

#[tokio::test]
async fn a_real_chromium_completes_a_google_sign_in_and_shows_the_french_page() {
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    if !available("chromium", std::path::Path::new(&chromium).exists()) {
        return;
    }
    let Some(server) = AuthServer::start() else {
        return;
    };
    let provider = server.provider(ProviderId::Google);
    let engine = support::engine();
    let cancel = CancellationToken::new();
    let mut pending = engine
        .begin(
            &provider,
            Purpose::Youtube.scopes(),
            &server.app(ProviderId::Google),
            pages(Lang::Fr),
        )
        .await
        .unwrap();
    let url = pending.url.to_string();
    let started = std::time::Instant::now();
    let browser = tokio::task::spawn_blocking(move || {
        Command::new("node")
            .arg(harness_dir().join("browser.mjs"))
            .arg(url)
            .arg("allow")
            .arg("ada")
            .output()
            .expect("run browser.mjs")
    });
    let code = pending.callback(&cancel).await.unwrap();
    let out = browser.await.unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let seen: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    println!("real Chromium sign-in: {:?}", started.elapsed());
    assert_eq!(seen["lang"], "fr");
    let done = Localizer::new(Lang::Fr).text("oauth-page-done");
    assert!(seen["text"].as_str().unwrap().contains(&done), "{seen}");
    let tokens = pending.exchange(&code, &cancel).await.unwrap();
    assert!(tokens.refresh_token.is_some());
}
