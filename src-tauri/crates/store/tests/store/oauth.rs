//! Provider apps and connection records.

use crate::common::*;
use switchboard_store::{GrantRow, OAuthAppRow, Store, LOCAL_ACCOUNT};

fn grant(channel: &str, name: &str) -> GrantRow {
    GrantRow {
        channel_id: channel.into(),
        path: "imap.oauth_refresh_token".into(),
        provider: "microsoft".into(),
        account_name: Some(name.into()),
        expires_at: Some(42),
        refresh_failures: 0,
        revoked: false,
        connected_at: 0,
    }
}

#[test]
fn provider_apps_are_kept_per_account_and_replaced_in_place() {
    let mut s = Store::open_in_memory().unwrap();
    let mut app = OAuthAppRow {
        account_id: LOCAL_ACCOUNT.into(),
        provider: "google".into(),
        client_id: "id-1".into(),
        client_secret_sealed: Some(vec![1, 2, 3]),
        base_url: Some("http://127.0.0.1:9".into()),
        redirect_port: None,
    };
    s.put_oauth_app(&app).unwrap();
    app.client_id = "id-2".into();
    s.put_oauth_app(&app).unwrap();
    let other = OAuthAppRow {
        account_id: "acme".into(),
        client_id: "acme-id".into(),
        ..app.clone()
    };
    s.put_oauth_app(&other).unwrap();
    assert_eq!(s.oauth_app(LOCAL_ACCOUNT, "google").unwrap(), Some(app));
    assert_eq!(s.oauth_apps("acme").unwrap(), vec![other]);
    assert!(s.delete_oauth_app("acme", "google").unwrap());
    assert_eq!(s.oauth_app("acme", "google").unwrap(), None);
}

#[test]
fn a_connection_writes_token_and_record_together_and_clearing_the_secret_forgets_both() {
    let mut s = Store::open_in_memory().unwrap();
    let id = add_email(&mut s, "Support");
    s.connect_grant(&grant(&id, "ada@example.test"), &[9, 9, 9])
        .unwrap();
    assert_eq!(s.secret_status(&id).unwrap(), ["imap.oauth_refresh_token"]);
    let g = &s.grants(&id).unwrap()[0];
    assert_eq!(g.account_name.as_deref(), Some("ada@example.test"));
    assert!(g.connected_at > 0);

    s.record_refresh(&id, "imap.oauth_refresh_token", 2, false)
        .unwrap();
    assert_eq!(s.all_grants().unwrap()[0].refresh_failures, 2);
    // Re-authorizing starts afresh.
    s.connect_grant(&grant(&id, "grace@example.test"), &[8])
        .unwrap();
    let g = &s.grants(&id).unwrap()[0];
    assert_eq!((g.refresh_failures, g.revoked), (0, false));
    assert_eq!(
        s.sealed_secret(&id, "imap.oauth_refresh_token").unwrap(),
        Some(vec![8])
    );

    assert!(s.clear_secret(&id, "imap.oauth_refresh_token").unwrap());
    assert!(s.grants(&id).unwrap().is_empty());
}

#[test]
fn a_connection_to_a_missing_channel_is_refused() {
    let mut s = Store::open_in_memory().unwrap();
    assert!(s.connect_grant(&grant("nope", "x"), &[1]).is_err());
}

#[test]
fn the_list_filters_and_counts_channels_by_connection_health() {
    use switchboard_store::{HealthFilter, ListQuery, EXPIRES_SOON_MS};
    let mut s = Store::open_in_memory().unwrap();
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64;
    let ok = add_email(&mut s, "Fine");
    let soon = add_email(&mut s, "Soon");
    let failing = add_email(&mut s, "Failing");
    let _plain = add_email(&mut s, "Not connected");
    let mut g = grant(&ok, "a");
    g.expires_at = None;
    s.connect_grant(&g, &[1]).unwrap();
    let mut g = grant(&soon, "b");
    g.expires_at = Some(now + EXPIRES_SOON_MS / 2);
    s.connect_grant(&g, &[1]).unwrap();
    let mut g = grant(&failing, "c");
    g.expires_at = None;
    s.connect_grant(&g, &[1]).unwrap();
    s.record_refresh(&failing, "imap.oauth_refresh_token", 3, false)
        .unwrap();

    let names = |s: &Store, h| {
        s.list(&ListQuery {
            health: Some(h),
            ..Default::default()
        })
        .unwrap()
        .items
        .into_iter()
        .map(|c| c.name)
        .collect::<Vec<_>>()
    };
    assert_eq!(names(&s, HealthFilter::ExpiresSoon), ["Soon"]);
    assert_eq!(names(&s, HealthFilter::NeedsReauthorization), ["Failing"]);
    let counts = s.list(&ListQuery::default()).unwrap().counts;
    assert_eq!(counts.by_health["expires_soon"], 1);
    assert_eq!(counts.by_health["needs_reauthorization"], 1);
    // Two failures are a blip, not a state.
    s.record_refresh(&failing, "imap.oauth_refresh_token", 2, false)
        .unwrap();
    assert!(names(&s, HealthFilter::NeedsReauthorization).is_empty());
}
