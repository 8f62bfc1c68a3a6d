//! Microsoft OAuth for e-mail reaches the platform like the other secrets: a sign-in for
//! IMAP or SMTP (the token sealed for `imap.` / `smtp.oauth_refresh_token`) is "will be
//! set" in the plan as `imap_/smtp_oauth_refresh_token` and pushed once; the provider
//! rotating that token during a connection test (same grant) is not a change to push.

use crate::common::World;
use switchboard_channels::{VaultGrant, IMAP_REFRESH_TOKEN, SMTP_REFRESH_TOKEN};
use switchboard_core::Sensitive;
use switchboard_oauth::{GrantStore, ProviderId, Tokens};
use switchboard_store::JournalStep;

fn signed_in(refresh: &str) -> Tokens {
    Tokens {
        access_token: Sensitive::new("access-never-stored".into()),
        access_expires_at: None,
        refresh_token: Some(Sensitive::new(refresh.into())),
        refresh_expires_at: None,
        id_token: None,
        scopes: vec![],
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_microsoft_sign_in_is_pushed_as_the_platforms_oauth_refresh_token_and_a_rotation_is_not()
{
    let w = World::new(40, 33);
    w.pull().await;
    let mail = {
        let s = w.service.lock().unwrap();
        s.linked_channels(&w.account)
            .unwrap()
            .into_iter()
            .find(|c| c.doc["kind"] == "email")
            .unwrap()
    };
    let (imap_rt, smtp_rt) = ("M365-imap-rt-5e1f", "M365-smtp-rt-9a0b");
    {
        let mut s = w.service.lock().unwrap();
        let mut doc = s.get(&mail.channel_id).unwrap().channel.doc;
        for section in ["imap", "smtp"] {
            doc[section]["authentication_type"] = serde_json::json!("microsoft_identity_platform");
        }
        s.save(&mail.channel_id, doc).unwrap();
        for (path, rt) in [(IMAP_REFRESH_TOKEN, imap_rt), (SMTP_REFRESH_TOKEN, smtp_rt)] {
            s.store_connection(
                &mail.channel_id,
                path,
                ProviderId::Microsoft,
                &signed_in(rt),
                Some("alice".into()),
            )
            .unwrap();
        }
    }

    let plan = w.plan().await;
    let ch = plan
        .channels
        .iter()
        .find(|c| c.channel_id == mail.channel_id)
        .unwrap_or_else(|| panic!("{:#?}", plan.channels));
    let mut names: Vec<&str> = ch.secrets.iter().map(|s| s.field.as_str()).collect();
    names.sort();
    assert_eq!(
        names,
        ["imap_oauth_refresh_token", "smtp_oauth_refresh_token"]
    );
    let text = serde_json::to_string(&plan).unwrap();
    assert!(!text.contains(imap_rt) && !text.contains(smtp_rt));

    let report = w.apply(&plan).await.unwrap();
    assert_eq!(report.count(JournalStep::Applied), 1, "{report:#?}");
    let ctl = w.emu.control();
    assert_eq!(
        ctl.secret(&mail.remote_id, "imap_oauth_refresh_token")
            .as_deref(),
        Some(imap_rt)
    );
    assert_eq!(
        ctl.secret(&mail.remote_id, "smtp_oauth_refresh_token")
            .as_deref(),
        Some(smtp_rt)
    );
    assert!(w.plan().await.is_empty(), "pushed: the next plan is quiet");

    // A connection test's refresh: the provider rotates the refresh token of the same
    // grant, stored through the refresh engine's GrantStore. Not a change to push.
    let grant = VaultGrant {
        service: w.service.as_ref(),
        channel_id: mail.channel_id.clone(),
        path: IMAP_REFRESH_TOKEN.into(),
    };
    assert_eq!(grant.refresh_token().unwrap().unwrap().expose(), imap_rt);
    grant
        .replace_refresh_token(&Sensitive::new("M365-imap-rt-rotated".into()))
        .unwrap();
    assert_eq!(
        grant.refresh_token().unwrap().unwrap().expose(),
        "M365-imap-rt-rotated"
    );
    assert!(w.plan().await.is_empty(), "a rotation is not a new sign-in");

    // Re-authorize (a new sign-in) is: due again, for IMAP only.
    w.service
        .lock()
        .unwrap()
        .store_connection(
            &mail.channel_id,
            IMAP_REFRESH_TOKEN,
            ProviderId::Microsoft,
            &signed_in("M365-imap-rt-new-grant"),
            None,
        )
        .unwrap();
    let again = w.plan().await;
    assert_eq!(again.channels.len(), 1);
    let names: Vec<&str> = again.channels[0]
        .secrets
        .iter()
        .map(|s| s.field.as_str())
        .collect();
    assert_eq!(names, ["imap_oauth_refresh_token"]);
}
