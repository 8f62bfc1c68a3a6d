//! Facebook's desktop flow against the Graph stand-in (tests/support/graph, answering
//! with the documentation's shapes), and Twitter's OAuth 1.0a against a provider built on
//! Debian's python3-oauthlib endpoints (tests/support/oauth1/server.py). The browser's
//! part is played over HTTP: the dialog and consent pages are fetched and "clicked" by
//! following their links, redirects are read, never followed blindly.

mod support;

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::Duration;
use switchboard_core::progress::CancellationToken;
use switchboard_core::Sensitive;
use switchboard_graph_standin as standin;
use switchboard_oauth::facebook::{read_redirect, Facebook, FacebookUse, Graph};
use switchboard_oauth::oauth1::{Callback, OAuth1, Twitter};
use switchboard_oauth::{OAuthError, ProviderApp};
use url::Url;

fn browser() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

fn fb_app() -> ProviderApp {
    ProviderApp::public("fb-app-id").with_secret("fb-app-secret")
}

/// Plays the user in the login window: loads the dialog, clicks `decision`, and returns
/// where the dialog redirected (the address the app's window watches for).
async fn dialog(url: &Url, decision: &str) -> Url {
    let b = browser();
    let page = b
        .get(url.clone())
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("Continue as Ada Lovelace"), "{page}");
    let mut confirm = url.join("oauth/confirm").unwrap();
    confirm.set_query(url.query());
    confirm.query_pairs_mut().append_pair("decision", decision);
    let res = b.get(confirm).send().await.unwrap();
    assert_eq!(res.status(), 302, "the dialog redirects");
    Url::parse(res.headers()["location"].to_str().unwrap()).unwrap()
}

#[tokio::test]
async fn facebook_desktop_flow_exchanges_the_token_and_lists_the_pages() {
    let s = standin::start(standin::Config::default(), 0).await.unwrap();
    let fb = Facebook::with_base(&s.base).unwrap();
    let url = fb.dialog_url(&fb_app(), FacebookUse::Page, "state-1");
    let landed = dialog(&url, "allow").await;
    assert!(fb.is_redirect(&landed), "{landed}");
    let short = read_redirect(&landed, "state-1").unwrap();

    let graph = Graph::new(fb);
    let long = graph.long_lived(&fb_app(), &short.token).await.unwrap();
    assert_ne!(long.token.expose(), short.token.expose());
    let days = (long.expires_at.unwrap() - short.expires_at.unwrap()) / 86_400_000;
    assert!(
        days >= 59,
        "a long-lived token lasts about 60 days, got {days}"
    );
    assert_eq!(
        graph.user_name(&long.token).await.as_deref(),
        Some("Ada Lovelace")
    );
    let pages = graph.pages(&long.token).await.unwrap();
    let names: Vec<_> = pages
        .iter()
        .map(|p| (p.id.as_str(), p.name.as_str()))
        .collect();
    assert_eq!(
        names,
        [
            ("134895793791914", "Café Lumière"),
            ("204895793791915", "Atelier Nord")
        ]
    );
    // Instagram: the first page has a linked professional account, the second none.
    let ig = graph.instagram_account(&pages[0]).await.unwrap().unwrap();
    assert_eq!(ig.id, "17841405822304914");
    assert_eq!(ig.username.as_deref(), Some("cafelumiere"));
    assert_eq!(graph.instagram_account(&pages[1]).await.unwrap(), None);
}

#[tokio::test]
async fn facebook_pages_follow_graph_paging() {
    let config = standin::Config {
        page_size: 1,
        ..Default::default()
    };
    let s = standin::start(config, 0).await.unwrap();
    let fb = Facebook::with_base(&s.base).unwrap();
    let landed = dialog(&fb.dialog_url(&fb_app(), FacebookUse::Page, "s"), "allow").await;
    let token = read_redirect(&landed, "s").unwrap().token;
    let pages = Graph::new(fb).pages(&token).await.unwrap();
    assert_eq!(pages.len(), 2, "both pages, one per answer");
}

#[tokio::test]
async fn facebook_refusals_and_failures_say_what_to_do_and_show_no_token() {
    let s = standin::start(standin::Config::default(), 0).await.unwrap();
    let fb = Facebook::with_base(&s.base).unwrap();

    // The user cancels in the dialog.
    let landed = dialog(&fb.dialog_url(&fb_app(), FacebookUse::Page, "s2"), "deny").await;
    assert!(fb.is_redirect(&landed));
    assert!(
        matches!(read_redirect(&landed, "s2"), Err(OAuthError::Denied { error }) if error == "access_denied")
    );

    // A redirect for another sign-in.
    let landed = dialog(&fb.dialog_url(&fb_app(), FacebookUse::Page, "s3"), "allow").await;
    assert!(matches!(
        read_redirect(&landed, "not-s3"),
        Err(OAuthError::StateMismatch)
    ));
    let short = read_redirect(&landed, "s3").unwrap().token;

    let graph = Graph::new(fb.clone());
    // The wrong app secret: the app is refused, not the grant.
    let wrong = ProviderApp::public("fb-app-id").with_secret("not-the-secret");
    let e = graph.long_lived(&wrong, &short).await.unwrap_err();
    assert!(matches!(e, OAuthError::InvalidClient { .. }), "{e:?}");
    assert!(!e.needs_reauthorization());

    // Every token revoked (password changed): only a new sign-in helps.
    let long = graph.long_lived(&fb_app(), &short).await.unwrap().token;
    s.revoke_all();
    let e = graph.pages(&long).await.unwrap_err();
    assert!(e.needs_reauthorization(), "{e:?}");
    assert_eq!(e.code(), "oauth_reauthorize");
    let e2 = graph.long_lived(&fb_app(), &short).await.unwrap_err();

    // Graph takes tokens in the query: no error may carry the URL.
    let text = format!("{e} {e:?} {e2} {e2:?}");
    for t in s.issued() {
        assert!(!text.contains(&t), "a token in an error: {text}");
    }
    assert!(!text.contains("fb-app-secret"));

    // A dialog for an unknown app never reaches the redirect.
    let bad = fb.dialog_url(&ProviderApp::public("other"), FacebookUse::Page, "s4");
    let page = browser()
        .get(bad)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("Invalid App ID"));
}

#[tokio::test]
async fn facebook_graph_unreachable_is_a_transport_error_without_the_url() {
    let fb = Facebook::with_base("http://127.0.0.1:9").unwrap();
    let e = Graph::new(fb)
        .pages(&Sensitive::new("EAAsecret-token".into()))
        .await
        .unwrap_err();
    assert!(matches!(e, OAuthError::Transport { .. }), "{e:?}");
    assert!(!format!("{e}").contains("EAAsecret-token"), "{e}");
}

// ---- Twitter / OAuth 1.0a ------------------------------------------------------------

const KEY: &str = "xvz1evFS4wEEPTGEFPHBog";
const SECRET: &str = "kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw";

struct Provider1 {
    child: Child,
    base: String,
}

impl Drop for Provider1 {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Debian's python3 with oauthlib (not whatever `python3` is first on PATH).
const PYTHON: &str = "/usr/bin/python3";

fn provider1() -> Option<Provider1> {
    let ok = Command::new(PYTHON)
        .args(["-c", "import oauthlib.oauth1"])
        .status()
        .is_ok_and(|s| s.success());
    if !support::available("python3-oauthlib (apt)", ok) {
        return None;
    }
    let script = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../tests/support/oauth1/server.py");
    let mut child = Command::new(PYTHON)
        .arg(script)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let v: serde_json::Value = serde_json::from_str(&line).expect("the provider's first line");
    Some(Provider1 {
        child,
        base: v["base"].as_str().unwrap().to_owned(),
    })
}

fn tw_app() -> ProviderApp {
    ProviderApp::public(KEY).with_secret(SECRET)
}

fn pages() -> Arc<switchboard_oauth::CallbackPages> {
    support::pages(switchboard_i18n::Lang::En)
}

/// The user's click on the consent page: its answer (the PIN page or the redirect).
async fn consent(url: &Url, decision: &str) -> reqwest::Response {
    let b = browser();
    let page = b
        .get(url.clone())
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("Authorize app"), "{page}");
    let mut click = url.clone();
    click.query_pairs_mut().append_pair("decision", decision);
    b.get(click).send().await.unwrap()
}

fn pin_of(page: &str) -> String {
    let start = page.find("oauth_pin\">").expect("a PIN in the page") + "oauth_pin\">".len();
    page[start..][..page[start..].find('<').unwrap()].to_owned()
}

#[tokio::test]
async fn twitter_pin_flow_gives_the_token_its_secret_and_the_account() {
    let Some(p) = provider1() else { return };
    let client = OAuth1::new(Twitter::with_base(&p.base).unwrap());
    let pending = client
        .begin(&tw_app(), Callback::Pin, pages())
        .await
        .unwrap();
    assert!(pending
        .url
        .as_str()
        .starts_with(&format!("{}/oauth/authorize?oauth_token=", p.base)));
    let page = consent(&pending.url, "allow").await.text().await.unwrap();
    let pin = pin_of(&page);
    let at = client.finish(&tw_app(), &pending, &pin).await.unwrap();
    assert!(at.token.expose().len() >= 10 && at.secret.expose().len() >= 10);
    assert_eq!(at.user_id.as_deref(), Some("783214"));
    assert_eq!(at.account_name().as_deref(), Some("@cafelumiere (783214)"));
    // The request token is spent: the same verifier cannot be redeemed twice.
    let again = client.finish(&tw_app(), &pending, &pin).await.unwrap_err();
    assert!(again.needs_reauthorization(), "{again:?}");
}

#[tokio::test]
async fn twitter_loopback_flow_receives_the_verifier() {
    let Some(p) = provider1() else { return };
    let client = OAuth1::new(Twitter::with_base(&p.base).unwrap());
    // Port 0 stands for the registered port here: the provider accepts any loopback one.
    let mut pending = client
        .begin(&tw_app(), Callback::Loopback(0), pages())
        .await
        .unwrap();
    let res = consent(&pending.url, "allow").await;
    assert_eq!(res.status(), 302);
    let callback = Url::parse(res.headers()["location"].to_str().unwrap()).unwrap();
    assert_eq!(callback.host_str(), Some("127.0.0.1"));
    // A forged callback (another request token) is refused and does not end the flow.
    let mut forged = callback.clone();
    forged.set_query(Some(
        "oauth_token=someoneelse123&oauth_verifier=forgedverifier",
    ));
    assert_eq!(browser().get(forged).send().await.unwrap().status(), 400);
    let done = browser().get(callback).send().await.unwrap();
    assert_eq!(done.status(), 200);
    let cancel = CancellationToken::new();
    let v = pending
        .verifier(Duration::from_secs(10), &cancel)
        .await
        .unwrap();
    let at = client
        .finish(&tw_app(), &pending, v.expose())
        .await
        .unwrap();
    assert_eq!(at.screen_name.as_deref(), Some("cafelumiere"));
}

#[tokio::test]
async fn twitter_denied_bad_verifier_and_signature_mismatch() {
    let Some(p) = provider1() else { return };
    let client = OAuth1::new(Twitter::with_base(&p.base).unwrap());

    // Denied: the provider redirects with `denied`, the flow ends with access_denied.
    let mut pending = client
        .begin(&tw_app(), Callback::Loopback(0), pages())
        .await
        .unwrap();
    let res = consent(&pending.url, "deny").await;
    let callback = res.headers()["location"].to_str().unwrap().to_owned();
    assert!(callback.contains("denied="), "{callback}");
    browser().get(&callback).send().await.unwrap();
    let e = pending
        .verifier(Duration::from_secs(10), &CancellationToken::new())
        .await
        .unwrap_err();
    assert!(matches!(e, OAuthError::Denied { .. }), "{e:?}");

    // A wrong PIN: refused by the provider, the grant is gone.
    let pending = client
        .begin(&tw_app(), Callback::Pin, pages())
        .await
        .unwrap();
    let _ = pin_of(&consent(&pending.url, "allow").await.text().await.unwrap());
    let e = client
        .finish(&tw_app(), &pending, "wrongverifier000")
        .await
        .unwrap_err();
    assert!(matches!(e, OAuthError::InvalidGrant { .. }), "{e:?}");

    // A consumer secret that does not match: the signature is refused at the first leg.
    let wrong = ProviderApp::public(KEY).with_secret("not-the-consumer-secret");
    let e = client
        .begin(&wrong, Callback::Pin, pages())
        .await
        .unwrap_err();
    assert!(matches!(e, OAuthError::InvalidClient { .. }), "{e:?}");
    assert!(!format!("{e} {e:?}").contains("not-the-consumer-secret"));
}

#[tokio::test]
async fn twitter_loopback_wait_is_cancellable() {
    let Some(p) = provider1() else { return };
    let client = OAuth1::new(Twitter::with_base(&p.base).unwrap());
    let mut pending = client
        .begin(&tw_app(), Callback::Loopback(0), pages())
        .await
        .unwrap();
    let cancel = CancellationToken::new();
    cancel.cancel();
    let e = pending
        .verifier(Duration::from_secs(10), &cancel)
        .await
        .unwrap_err();
    assert!(matches!(e, OAuthError::Cancelled));
    let e = pending
        .verifier(Duration::from_millis(50), &CancellationToken::new())
        .await
        .unwrap_err();
    assert!(matches!(e, OAuthError::TimedOut));
}

// ---- RingCentral SMS/MMS: the refresh token the channel takes ---------------------------

/// A refresh token held in memory, replaced atomically (the vault's part in the app).
struct Held(std::sync::Mutex<String>);

impl switchboard_oauth::GrantStore for Held {
    fn refresh_token(&self) -> Result<Option<Sensitive<String>>, String> {
        Ok(Some(Sensitive::new(self.0.lock().unwrap().clone())))
    }
    fn replace_refresh_token(&self, token: &Sensitive<String>) -> Result<(), String> {
        *self.0.lock().unwrap() = token.expose().clone();
        Ok(())
    }
}

#[tokio::test]
async fn ringcentral_signs_in_on_its_registered_port_and_its_refresh_token_works() {
    use switchboard_oauth::{ProviderId, Purpose};
    let Some(server) = support::AuthServer::start() else {
        return;
    };
    let engine = support::engine();
    let provider = server.provider(ProviderId::RingCentral);
    // A confidential client with a registered redirect port, as RingCentral apps are.
    let app = server.app(ProviderId::RingCentral);
    let cancel = CancellationToken::new();
    let mut pending = engine
        .begin(&provider, Purpose::RingcentralSms.scopes(), &app, pages())
        .await
        .unwrap();
    assert_eq!(Some(pending.port()), app.redirect_port);
    let url = pending.url.clone();
    tokio::spawn(async move { support::browse(&url, "allow", "linus", true).await });
    let code = pending.callback(&cancel).await.unwrap();
    let tokens = pending.exchange(&code, &cancel).await.unwrap();
    let refresh = tokens
        .refresh_token
        .expect("the SMS channel's refresh token");

    // What the channel stores must work later: refreshing with it (client_secret_basic)
    // gives a new access token, and a rotated refresh token replaces the stored one.
    let held = Held(std::sync::Mutex::new(refresh.expose().clone()));
    let t = engine
        .refresh("rc", &provider, &app, &held, &cancel)
        .await
        .unwrap();
    assert_ne!(t.access_token.expose(), tokens.access_token.expose());
    assert_eq!(
        t.refresh_token.map(|r| r.expose().clone()),
        Some(held.0.lock().unwrap().clone())
    );
    // Without the app secret the provider refuses the client, not the grant.
    let public = switchboard_oauth::ProviderApp::public("ringcentral-client");
    let e = engine
        .refresh("rc", &provider, &public, &held, &cancel)
        .await
        .unwrap_err();
    assert!(!e.needs_reauthorization(), "{e:?}");
}
