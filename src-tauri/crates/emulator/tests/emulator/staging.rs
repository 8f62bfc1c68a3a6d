//! Staged edits by "another administrator" and the `/events` journal that tells a
//! client who changed a source and when.

use crate::common::*;
use reqwest::Method;
use serde_json::{json, Map, Value};
use switchboard_emulator::Holder;

fn fields(v: Value) -> Map<String, Value> {
    v.as_object().unwrap().clone()
}

#[tokio::test]
async fn another_administrator_edits_and_the_journal_says_who() {
    let emu = start(40, 5);
    let src = source_of_type(&emu, "facebook_page").await;
    let id = src["id"].as_str().unwrap();
    let other = emu
        .tokens()
        .into_iter()
        .find(|t| t.holder == Holder::OtherAdmin)
        .unwrap();
    let edited = emu
        .control()
        .edit_source(
            id,
            &fields(json!({"name": "Edited elsewhere", "sla_threshold": 42})),
            None,
        )
        .unwrap();
    assert_eq!(edited["name"], "Edited elsewhere");
    assert_ne!(edited["updated_at"], src["updated_at"], "updated_at moved");
    let (_, now) = get(&emu, &format!("/content_sources/{id}")).await;
    assert_eq!(now, edited);
    let (s, events) = get(&emu, "/events?q=name_in:%22content_source.updated%22").await;
    assert_eq!(s, 200);
    let newest = &events["records"][0];
    assert_eq!(newest["name"], "content_source.updated");
    assert_eq!(newest["user_id"], other.user_id.as_str());
    assert_eq!(newest["extra_infos"]["content_source_id"], id);
    assert_eq!(newest["created_at"], edited["updated_at"]);
    let (s, one) = get(&emu, &format!("/events/{}", newest["id"].as_str().unwrap())).await;
    assert_eq!(s, 200);
    assert_eq!(&one, newest);
    // Filters: by user, by date, ascending order.
    let (_, by_user) = get(
        &emu,
        &format!("/events?q=user:%22{}%22&limit=150", other.user_id),
    )
    .await;
    assert!(by_user["records"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["user_id"] == other.user_id.as_str()));
    let after = edited["updated_at"].as_str().unwrap();
    let (_, recent) = get(&emu, &format!("/events?q=created_after:%22{after}%22")).await;
    assert_eq!(recent["count"], 1);
    let (_, asc) = get(&emu, "/events?q=order:%22created_at.asc%22&limit=150").await;
    let times: Vec<&str> = asc["records"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["created_at"].as_str().unwrap())
        .collect();
    assert!(times.windows(2).all(|w| w[0] <= w[1]));
    let (s, _) = get(&emu, "/events?q=created_after:%22yesterday%22").await;
    assert_eq!(s, 422);
    // The reader may not search events: 403 on the list, 404 on one.
    let (s, _) = call(
        &emu,
        Method::GET,
        &format!("/events/{}", newest["id"].as_str().unwrap()),
        Some(&emu.reader_token()),
    )
    .await;
    assert_eq!(s, 404);
}

#[tokio::test]
async fn our_own_put_is_journaled_as_ours_and_a_no_op_is_not() {
    let emu = start(40, 5);
    let src = source_of_type(&emu, "twitter").await;
    let id = src["id"].as_str().unwrap();
    let before = emu.control().events().len();
    let (s, _) = put(
        &emu,
        &format!("/content_sources/{id}?name={}", "Same%20as%20before"),
    )
    .await;
    assert_eq!(s, 200);
    let (s, _) = put(
        &emu,
        &format!("/content_sources/{id}?name={}", "Same%20as%20before"),
    )
    .await;
    assert_eq!(s, 200);
    let events = emu.control().events();
    assert_eq!(events.len(), before + 1, "the second PUT changed nothing");
    let admin = emu
        .tokens()
        .into_iter()
        .find(|t| t.holder == Holder::Admin)
        .unwrap();
    assert_eq!(events.last().unwrap()["user_id"], admin.user_id.as_str());
    // The stats list what each PUT carried: a sync test asserts no field went twice.
    let sent = emu.control().stats().accepted_put_params(id);
    assert_eq!(sent, vec!["name", "name"]);
}

#[tokio::test]
async fn staged_edits_through_http_and_hidden_sources_stay_reachable_to_the_control_api() {
    let emu = start(40, 5);
    let reader = emu
        .tokens()
        .into_iter()
        .find(|t| t.holder == Holder::Reader)
        .unwrap();
    let ids = emu.control().source_ids();
    let hidden = ids
        .iter()
        .find(|id| {
            emu.control().raw_source(id).unwrap()["_hidden_from"]
                .as_array()
                .unwrap()
                .contains(&json!(reader.user_id))
        })
        .unwrap();
    let c = client();
    let raw: Value = c
        .get(format!("{}/_emulator/sources/{hidden}", emu.base()))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(raw["id"], hidden.as_str());
    let r = c
        .post(format!("{}/_emulator/sources/{hidden}/edit", emu.base()))
        .json(&json!({"fields": {"active": false, "community_id": raw["community_id"]}, "user_id": reader.user_id}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let r = c
        .post(format!("{}/_emulator/sources/{hidden}/edit", emu.base()))
        .json(&json!({"fields": {"sla_threshold": 1000}}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let r = c
        .post(format!("{}/_emulator/sources/nope/edit", emu.base()))
        .json(&json!({"fields": {}}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    let stats: Value = c
        .get(format!("{}/_emulator/stats", emu.base()))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(stats["requests"].is_object());
    let tokens: Value = c
        .get(format!("{}/_emulator/tokens", emu.base()))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(tokens.as_array().unwrap().len(), 3);
}

#[tokio::test]
async fn a_resend_without_a_re_read_shows_in_the_stats() {
    let emu = start(40, 5);
    let id = emu.control().source_ids()[1].clone();
    let (s, _) = put(
        &emu,
        &format!("/content_sources/{id}?name=One&sla_threshold=10"),
    )
    .await;
    assert_eq!(s, 200);
    let (s, _) = get(&emu, &format!("/content_sources/{id}")).await;
    assert_eq!(s, 200);
    let (s, _) = put(&emu, &format!("/content_sources/{id}?name=Two")).await;
    assert_eq!(s, 200);
    assert!(
        emu.control().stats().resent_without_reread(&id).is_empty(),
        "re-read in between"
    );
    let (s, _) = put(&emu, &format!("/content_sources/{id}?name=Three&color=2")).await;
    assert_eq!(s, 200);
    // A refused PUT was not handled: it does not count as sent.
    let (s, _) = put(&emu, &format!("/content_sources/{id}?color=99")).await;
    assert_eq!(s, 422);
    let stats = emu.control().stats();
    assert_eq!(stats.resent_without_reread(&id), vec!["name"]);
    assert_eq!(stats.reads[&id].len(), 1);
}
