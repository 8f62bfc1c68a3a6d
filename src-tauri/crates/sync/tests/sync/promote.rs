//! Promotion from a sandbox to a production account, two emulators with different ids
//! and the same names: references mapped by name (and corrected), no secret copied, and
//! the result reviewed and applied as the production account's plan.

use crate::common::World;
use serde_json::{json, Map};
use std::sync::Arc;
use switchboard_core::progress::{CancellationToken, ProgressEvent};
use switchboard_core::Sensitive;
use switchboard_emulator::{Config, Emulator, Running};
use switchboard_platform::{BaseUrl, Budget, BudgetConfig, Client, ClientConfig};
use switchboard_store::{AccountFields, Environment, JournalStep, RefKind};
use switchboard_sync::{FieldClass, PromoteRequest, PromoteSelection};

struct Production {
    emu: Running,
    account: String,
}

impl Production {
    fn client(&self) -> Client {
        Client::new(
            BaseUrl::parse(&self.emu.url()).unwrap(),
            Sensitive::new(self.emu.admin_token()),
            Arc::new(Budget::new(BudgetConfig {
                limit: 100_000,
                ..BudgetConfig::default()
            })),
            ClientConfig::default(),
        )
    }
}

async fn production(w: &World, seed: u64) -> Production {
    let emu = Emulator::start(Config {
        sources: 30,
        seed,
        ..Config::default()
    })
    .unwrap();
    let account = w
        .service
        .lock()
        .unwrap()
        .create_account(
            AccountFields {
                label: "Production".into(),
                environment: Environment::Production,
                base_url: emu.url(),
                token_user_email: None,
                demo: false,
                rate_limit: 100_000,
            },
            Some(&Sensitive::new(emu.admin_token())),
        )
        .unwrap()
        .id;
    Production { emu, account }
}

async fn pull_into(w: &World, account: &str, client: &Client) {
    let sink = |_: ProgressEvent| {};
    switchboard_sync::pull(
        w.service.clone(),
        account,
        client,
        &sink,
        &CancellationToken::new(),
    )
    .await
    .map_err(|(e, _)| e)
    .expect("pull");
}

/// `name` → id in an account's cached list.
fn id_named(w: &World, account: &str, kind: RefKind, name: &str) -> String {
    let s = w.service.lock().unwrap();
    let data = s.store().reference(kind, account).unwrap().unwrap().data;
    data.as_array()
        .unwrap()
        .iter()
        .find(|i| i["name"] == name)
        .and_then(|i| i["id"].as_str())
        .unwrap_or_else(|| panic!("{name} in {kind:?}"))
        .to_owned()
}

#[tokio::test(flavor = "multi_thread")]
async fn promotion_maps_by_name_copies_no_secret_and_ends_as_the_targets_plan() {
    let w = World::new(30, 51);
    w.pull().await;
    let prod = production(&w, 52).await;
    let mails: Vec<_> = w
        .service
        .lock()
        .unwrap()
        .linked_channels(&w.account)
        .unwrap()
        .into_iter()
        .filter(|c| c.doc["kind"] == "email")
        .collect();
    let (src, other) = (&mails[0], &mails[1]);
    // Production has a source of the same name (another administrator made it).
    let server_name = w.server_name(&src.remote_id);
    let prod_mail = prod
        .emu
        .control()
        .source_ids()
        .into_iter()
        .find(|id| {
            prod.emu.control().raw_source(id).unwrap()["type"] == "email"
                && prod.emu.control().raw_source(id).unwrap()["hidden"] != true
        })
        .unwrap();
    let mut f = Map::new();
    f.insert("name".into(), json!(server_name));
    prod.emu
        .control()
        .edit_source(&prod_mail, &f, None)
        .unwrap();
    pull_into(&w, &prod.account, &prod.client()).await;

    // The sandbox draft: business hours, categories (one the sandbox list lacks), a
    // signature's locale, and a secret.
    let london = id_named(&w, &w.account, RefKind::TimeSheets, "London office");
    let refund = id_named(&w, &w.account, RefKind::Categories, "Refund");
    {
        let mut s = w.service.lock().unwrap();
        let mut doc = s.get(&src.channel_id).unwrap().channel.doc;
        doc["general"]["business_hours"] = json!(london);
        doc["messages"]["default_categories"] = json!([refund, "cat-nowhere"]);
        doc["signatures"] = json!([{"language": "fr", "body": "Cordialement"}]);
        doc["general"]["sender_name"] = json!("Promoted sender");
        s.save(&src.channel_id, doc).unwrap();
        s.set_secret(
            &src.channel_id,
            "imap.password",
            &Sensitive::new("Sandbox-only-pw-55".into()),
        )
        .unwrap();
    }

    // Channels of another account than the one named as the source are refused.
    {
        let s = w.service.lock().unwrap();
        let prod_channel = s.linked_channels(&prod.account).unwrap()[0]
            .channel_id
            .clone();
        let err = switchboard_sync::promote_preview(&s, &w.account, &prod.account, &[prod_channel])
            .unwrap_err();
        assert_eq!(err.msg().id, "promote-err-other-account");
    }
    let ids = vec![src.channel_id.clone(), other.channel_id.clone()];
    let preview = {
        let s = w.service.lock().unwrap();
        switchboard_sync::promote_preview(&s, &w.account, &prod.account, &ids).unwrap()
    };
    let target = w
        .service
        .lock()
        .unwrap()
        .linked_channels(&prod.account)
        .unwrap()
        .into_iter()
        .find(|l| l.remote_id == prod_mail)
        .unwrap();
    assert_eq!(
        preview.channels[0].target.as_deref(),
        Some(target.channel_id.as_str()),
        "matched by kind and server name"
    );
    assert_eq!(
        preview.channels[0].secrets_to_reenter[0].path,
        "imap.password"
    );
    assert!(preview.channels[0].secrets_to_reenter[0]
        .label
        .starts_with("cat-"));
    let row = |kind: &str, from: &str| {
        preview
            .mapping
            .iter()
            .find(|r| r.kind == kind && r.from_id == from)
            .unwrap_or_else(|| panic!("{kind} {from}: {:#?}", preview.mapping))
            .clone()
    };
    let prod_london = id_named(&w, &prod.account, RefKind::TimeSheets, "London office");
    let prod_refund = id_named(&w, &prod.account, RefKind::Categories, "Refund");
    assert_ne!(london, prod_london, "the two accounts' ids differ");
    let r = row("time_sheets", &london);
    assert_eq!(
        (r.to_id.as_deref(), r.by_name, r.from_name.as_str()),
        (Some(prod_london.as_str()), true, "London office")
    );
    assert_eq!(
        row("categories", &refund).to_id.as_deref(),
        Some(prod_refund.as_str())
    );
    let nowhere = row("categories", "cat-nowhere");
    assert_eq!((nowhere.to_id, nowhere.by_name), (None, false), "unmatched");
    assert_eq!(row("locales", "fr").to_id.as_deref(), Some("fr"));
    assert!(preview.choices.iter().all(|c| c.pulled));

    // The user corrects one row (business hours → 24/7) and sends the second channel
    // to a new draft.
    let all_day = id_named(&w, &prod.account, RefKind::TimeSheets, "24/7");
    let mut mapping = preview.mapping.clone();
    for m in mapping.iter_mut() {
        if m.kind == "time_sheets" && m.from_id == london {
            m.to_id = Some(all_day.clone());
            m.by_name = false;
        }
    }
    let request = PromoteRequest {
        from_account: w.account.clone(),
        to_account: prod.account.clone(),
        channels: vec![
            PromoteSelection {
                channel_id: src.channel_id.clone(),
                target: Some(target.channel_id.clone()),
            },
            PromoteSelection {
                channel_id: other.channel_id.clone(),
                target: None,
            },
        ],
        mapping,
    };
    let report = {
        let mut s = w.service.lock().unwrap();
        switchboard_sync::promote(&mut s, &request).unwrap()
    };
    let (o1, o2) = (&report.outcomes[0], &report.outcomes[1]);
    assert_eq!(
        (o1.result_id.as_str(), o1.created),
        (target.channel_id.as_str(), false)
    );
    assert_eq!(o1.cleared, ["messages.default_categories"]);
    assert_eq!(o1.secrets_to_reenter.len(), 1);
    assert!(o2.created && o2.result_name.ends_with("(Production)"));
    {
        let s = w.service.lock().unwrap();
        let doc = s.get(&target.channel_id).unwrap().channel.doc;
        assert_eq!(doc["general"]["business_hours"], json!(all_day));
        assert_eq!(doc["messages"]["default_categories"], json!([prod_refund]));
        assert_eq!(doc["general"]["sender_name"], "Promoted sender");
        assert_eq!(
            doc["general"]["name"], target.doc["general"]["name"],
            "the target keeps its name"
        );
        assert!(
            s.store()
                .secret_status(&target.channel_id)
                .unwrap()
                .is_empty(),
            "secrets are never copied"
        );
        let created = s.get(&o2.result_id).unwrap().channel;
        assert_eq!(created.account_id, None, "a new draft is linked to nothing");
    }

    // The result is the production account's plan, reviewed and applied as any other.
    let sink = |_: ProgressEvent| {};
    let cancel = CancellationToken::new();
    let plan = switchboard_sync::plan(
        w.service.clone(),
        &prod.account,
        &prod.client(),
        &sink,
        &cancel,
    )
    .await
    .unwrap();
    let cp = plan
        .channels
        .iter()
        .find(|c| c.channel_id == target.channel_id)
        .expect("the target is in the plan");
    let sends: Vec<&str> = cp
        .fields
        .iter()
        .filter(|f| f.class == FieldClass::Send)
        .map(|f| f.field.as_str())
        .collect();
    for f in ["time_sheet_ids", "default_category_ids", "from_name"] {
        assert!(sends.contains(&f), "{f} in {sends:?}");
    }
    assert!(cp.secrets.is_empty());
    assert!(plan.local_only.iter().any(|l| l.channel_id == o2.result_id));
    let text = serde_json::to_string(&plan).unwrap();
    assert!(!text.contains("Sandbox-only-pw-55"));
    let applied = switchboard_sync::apply(w.service.clone(), &prod.client(), &plan, &sink, &cancel)
        .await
        .unwrap();
    assert!(applied
        .outcomes
        .iter()
        .all(|o| o.step == JournalStep::Applied));
    let raw = prod.emu.control().raw_source(&prod_mail).unwrap();
    assert_eq!(raw["time_sheet_ids"], json!([all_day]));
    assert_eq!(raw["default_category_ids"], json!([prod_refund]));
    assert!(prod
        .emu
        .control()
        .secret(&prod_mail, "imap_password")
        .is_none());
    let again = switchboard_sync::plan(
        w.service.clone(),
        &prod.account,
        &prod.client(),
        &sink,
        &cancel,
    )
    .await
    .unwrap();
    assert!(again.channels.is_empty(), "{:#?}", again.channels);
}
