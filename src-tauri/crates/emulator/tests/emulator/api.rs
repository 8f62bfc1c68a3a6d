//! The API as a client meets it: paging, validation, permissions, the shapes it returns.

use crate::common::*;
use reqwest::Method;
use serde_json::{json, Value};
use switchboard_catalogue::{api::api_type, Kind};

#[tokio::test]
async fn paging_follows_count_offset_limit() {
    let emu = start(400, 3);
    let (s, first) = get(&emu, "/content_sources").await;
    assert_eq!(s, 200);
    assert_eq!(first["offset"], 0);
    assert_eq!(first["limit"], 30, "default page size");
    assert_eq!(first["count"], 400);
    assert_eq!(first["records"].as_array().unwrap().len(), 30);
    let (_, big) = get(&emu, "/content_sources?limit=1000&offset=0").await;
    assert_eq!(big["limit"], 150, "limit is clamped to 150");
    assert_eq!(big["records"].as_array().unwrap().len(), 150);
    let (_, last) = get(&emu, "/content_sources?limit=150&offset=390").await;
    assert_eq!(last["records"].as_array().unwrap().len(), 10);
    let (_, past) = get(&emu, "/content_sources?offset=5000").await;
    assert_eq!(past["records"], json!([]));
    assert_eq!(past["count"], 400);
    let all = all_sources(&emu).await;
    assert_eq!(all.len(), 400);
    let mut ids: Vec<&str> = all.iter().map(|s| s["id"].as_str().unwrap()).collect();
    let created: Vec<&str> = all
        .iter()
        .map(|s| s["created_at"].as_str().unwrap())
        .collect();
    assert!(created.windows(2).all(|w| w[0] <= w[1]), "oldest first");
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 400, "pages neither overlap nor skip");
    let (s, e) = get(&emu, "/content_sources?limit=abc").await;
    assert_eq!(s, 422);
    assert_eq!(e["status"], 422);
    let (s, _) = get(&emu, "/content_sources?offset=2147483648").await;
    assert_eq!(s, 422, "out of int32");
    let (_, inactive) = get(&emu, "/content_sources?active=false&limit=150").await;
    assert!(inactive["records"]
        .as_array()
        .unwrap()
        .iter()
        .all(|r| r["active"] == false));
    assert!(inactive["count"].as_u64().unwrap() > 0);
}

#[tokio::test]
async fn every_kind_is_served_with_platform_shaped_ids_and_one_unknown_type() {
    let emu = start(40, 1);
    let all = all_sources(&emu).await;
    for kind in Kind::ALL {
        assert!(all.iter().any(|s| s["type"] == api_type(kind)), "{kind:?}");
    }
    let unknown: Vec<&Value> = all.iter().filter(|s| s["type"] == "wechat").collect();
    assert_eq!(unknown.len(), 1);
    for s in &all {
        let id = s["id"].as_str().unwrap();
        assert_eq!(id.len(), 24);
        assert!(id.chars().all(|c| c.is_ascii_hexdigit()));
        let updated = s["updated_at"].as_str().unwrap();
        assert!(updated.ends_with('Z') && updated.len() == 20, "{updated}");
        assert!(s["community_id"].is_string());
    }
    let email = all.iter().find(|s| s["type"] == "email").unwrap();
    assert!(email["imap_mailboxes_to_import"].is_array());
    assert!(
        email.get("imap_password").is_none(),
        "secrets are never returned"
    );
    let viber = all.iter().find(|s| s["type"] == "viber").unwrap();
    assert!(
        viber.get("imap_address").is_none(),
        "email fields absent elsewhere"
    );
    let (_, small) = get(&emu, "/content_sources?limit=150").await;
    assert!(small["records"].as_array().unwrap().len() <= 40);
    let emu19 = start(19, 1);
    assert!(all_sources(&emu19)
        .await
        .iter()
        .all(|s| s["type"] != "wechat"));
}

#[tokio::test]
async fn reference_data_endpoints() {
    let emu = start(40, 1);
    for path in [
        "/communities",
        "/channels",
        "/categories",
        "/time_sheets",
        "/users",
        "/roles",
    ] {
        let (s, page) = get(&emu, path).await;
        assert_eq!(s, 200, "{path}");
        let records = page["records"].as_array().unwrap();
        assert!(!records.is_empty(), "{path}");
        assert_eq!(page["count"].as_u64().unwrap() as usize, records.len());
        let id = records[0]["id"].as_str().unwrap();
        let (s, one) = get(&emu, &format!("{path}/{id}")).await;
        assert_eq!(s, 200, "{path}/{id}");
        assert_eq!(one["id"], id);
        let (s, _) = get(&emu, &format!("{path}/000000000000000000000000")).await;
        assert_eq!(s, 404, "{path}");
    }
    let (_, locales) = get(&emu, "/locales").await;
    assert!(locales
        .as_array()
        .unwrap()
        .iter()
        .any(|l| l["code"] == "fr"));
    let (_, cats) = get(&emu, "/categories?limit=150").await;
    let cats = cats["records"].as_array().unwrap();
    let child = cats.iter().find(|c| c["parent_id"].is_string()).unwrap();
    let (_, kids) = get(
        &emu,
        &format!(
            "/categories?parent_id={}",
            child["parent_id"].as_str().unwrap()
        ),
    )
    .await;
    assert!(kids["records"]
        .as_array()
        .unwrap()
        .iter()
        .all(|c| c["parent_id"] == child["parent_id"]));
    let (_, channels) = get(&emu, "/channels").await;
    let used: usize = channels["records"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["source_ids"].as_array().unwrap().len())
        .sum();
    assert_eq!(used, 40, "each source is in one channel group");
    let me = emu
        .tokens()
        .into_iter()
        .find(|t| t.holder == switchboard_emulator::Holder::Admin)
        .unwrap();
    let (_, found) = get(&emu, &format!("/users?email={}", me.email.to_uppercase())).await;
    assert_eq!(found["count"], 1);
    assert_eq!(found["records"][0]["id"], me.user_id.as_str());
}

#[tokio::test]
async fn auth_401_403_404_hidden_and_405() {
    let emu = start(40, 1);
    let (s, e) = call(&emu, Method::GET, "/content_sources", None).await;
    assert_eq!(s, 401);
    assert_eq!(e["error"], "unauthorized");
    let (s, _) = call(&emu, Method::GET, "/content_sources", Some("not-a-token")).await;
    assert_eq!(s, 401);
    let reader = emu.reader_token();
    let (_, admin_view) = get(&emu, "/content_sources?limit=150").await;
    let (_, reader_view) = call(
        &emu,
        Method::GET,
        "/content_sources?limit=150",
        Some(&reader),
    )
    .await;
    assert!(reader_view["count"].as_u64() < admin_view["count"].as_u64());
    let visible: Vec<&Value> = reader_view["records"].as_array().unwrap().iter().collect();
    let hidden = admin_view["records"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| !visible.iter().any(|v| v["id"] == s["id"]))
        .unwrap();
    let hid = hidden["id"].as_str().unwrap();
    let (s, _) = call(
        &emu,
        Method::GET,
        &format!("/content_sources/{hid}"),
        Some(&reader),
    )
    .await;
    assert_eq!(s, 404, "a hidden source is a 404");
    let (s, _) = call(
        &emu,
        Method::PUT,
        &format!("/content_sources/{hid}?name=x"),
        Some(&reader),
    )
    .await;
    assert_eq!(s, 404);
    let vid = visible[0]["id"].as_str().unwrap();
    let (s, e) = call(
        &emu,
        Method::PUT,
        &format!("/content_sources/{vid}?name=x"),
        Some(&reader),
    )
    .await;
    assert_eq!(s, 403);
    assert_eq!(e["error"], "forbidden");
    let (s, _) = call(&emu, Method::GET, "/events", Some(&reader)).await;
    assert_eq!(s, 403);
    let (s, _) = get(&emu, "/content_sources/ffffffffffffffffffffffff").await;
    assert_eq!(s, 404);
    let (s, e) = call(
        &emu,
        Method::DELETE,
        &format!("/content_sources/{vid}"),
        Some(&emu.admin_token()),
    )
    .await;
    assert_eq!(s, 405);
    assert_eq!(e["status"], 405);
    // What the token may do: its own role is readable.
    let me = emu
        .tokens()
        .into_iter()
        .find(|t| t.holder == switchboard_emulator::Holder::Reader)
        .unwrap();
    let (_, user) = call(
        &emu,
        Method::GET,
        &format!("/users/{}", me.user_id),
        Some(&reader),
    )
    .await;
    let (s, role) = call(
        &emu,
        Method::GET,
        &format!("/roles/{}", user["role_id"].as_str().unwrap()),
        Some(&reader),
    )
    .await;
    assert_eq!(s, 200);
    assert_eq!(role["update_content_source"], false);
    assert_eq!(role["read_content_source"], true);
}

#[tokio::test]
async fn put_reads_rack_style_parameters_and_answers_with_the_record() {
    let emu = start(40, 1);
    let email = source_of_type(&emu, "email").await;
    let id = email["id"].as_str().unwrap();
    let (_, cats) = get(&emu, "/categories?limit=150").await;
    let mut leaf: Vec<String> = cats["records"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["unselectable"] == false)
        .map(|c| c["id"].as_str().unwrap().to_owned())
        .collect();
    leaf.truncate(3);
    let q = format!(
        "name=%20Renamed%20&sla_threshold=85&default_category_ids[]={}&default_category_ids[]={}&default_category_ids%5B%5D={}\
         &auto_response_trigger_enabled[first_message_from_user]=true\
         &signatures[][language]=fr&signatures[][body]=Cordialement&signatures[][language]=en&signatures[][body]=Regards\
         &imap_mailboxes_to_import[]=INBOX&imap_mailboxes_to_import[]=Support\
         &type=twitter&community_id=abc&from_name=",
        leaf[2], leaf[0], leaf[1]
    );
    let (s, r) = put(&emu, &format!("/content_sources/{id}?{q}")).await;
    assert_eq!(s, 200, "{r}");
    assert_eq!(r["name"], "Renamed", "strings are stripped");
    assert_eq!(r["sla_threshold"], 85);
    let mut sorted = leaf.clone();
    sorted.sort();
    assert_eq!(
        r["default_category_ids"],
        json!(sorted),
        "id lists come back sorted"
    );
    assert_eq!(
        r["auto_response_trigger_enabled"]["first_message_from_user"],
        true
    );
    assert_eq!(
        r["signatures"],
        json!([{"language": "fr", "body": "Cordialement"}, {"language": "en", "body": "Regards"}])
    );
    assert_eq!(r["imap_mailboxes_to_import"], json!(["INBOX", "Support"]));
    assert_eq!(r["type"], "email", "type is read-only");
    assert_eq!(
        r["community_id"], email["community_id"],
        "community_id is read-only"
    );
    assert_eq!(
        r["from_name"],
        Value::Null,
        "an unset string comes back as null"
    );
    let (_, again) = get(&emu, &format!("/content_sources/{id}")).await;
    assert_eq!(again, r, "GET returns what PUT answered");
    // Form-style repeated keys are read as a list too.
    let (s, r) = put(
        &emu,
        &format!("/content_sources/{id}?imap_mailboxes_to_import=A&imap_mailboxes_to_import=B"),
    )
    .await;
    assert_eq!(s, 200);
    assert_eq!(r["imap_mailboxes_to_import"], json!(["A", "B"]));
    // `x[]=` clears an id list.
    let (_, r) = put(
        &emu,
        &format!("/content_sources/{id}?default_category_ids[]="),
    )
    .await;
    assert_eq!(r["default_category_ids"], json!([]));
    // An email-only parameter sent to another kind is ignored.
    let viber = source_of_type(&emu, "viber").await;
    let vid = viber["id"].as_str().unwrap();
    let (s, r) = put(&emu, &format!("/content_sources/{vid}?imap_port=143")).await;
    assert_eq!(s, 200);
    assert!(r.get("imap_port").is_none());
    assert_eq!(
        r["updated_at"], viber["updated_at"],
        "nothing changed, nothing touched"
    );
    let stats = emu.control().stats();
    let last = stats.puts[vid].last().unwrap();
    assert_eq!(last.ignored, vec!["imap_port"]);
    // Checked all the same: a wrong type is refused even for a setting the kind lacks.
    let (s, _) = put(&emu, &format!("/content_sources/{vid}?enable_web=maybe")).await;
    assert_eq!(s, 422);
}

#[tokio::test]
async fn documented_constraints_are_422_and_change_nothing() {
    let emu = start(40, 1);
    let email = source_of_type(&emu, "email").await;
    let id = email["id"].as_str().unwrap();
    for q in [
        "sla_threshold=101",
        "sla_threshold=-1",
        "imap_mailboxes_to_import[]=",
        "imap_mailboxes_to_import=",
        "imap_mailboxes_to_import[]=INBOX&imap_mailboxes_to_import[]=%20",
        "sla_expired_strategy=median",
        "spam_assassin_level=paranoid",
        "imap_ssl_verify_mode=peer",
        "color=2147483648",
        "intervention_messages_boost=99999999999",
        "active=maybe",
        "imap_port=abc",
        "name=",
        "time_sheet_ids[]=a&time_sheet_ids[]=b",
        "channel_id=000000000000000000000000",
        "name=ok&sla_threshold=500",
        "name[a]=1",
        "auto_response_trigger_grace_periods[first_message_from_user]=-5",
    ] {
        let (s, e) = put(&emu, &format!("/content_sources/{id}?{q}")).await;
        assert_eq!(s, 422, "{q}: {e}");
        assert_eq!(e["status"], 422);
        assert!(e["error"].is_string() && e["message"].is_string(), "{e}");
    }
    let (_, after) = get(&emu, &format!("/content_sources/{id}")).await;
    assert_eq!(after, email, "a refused PUT changes nothing");
    let (s, _) = put(
        &emu,
        &format!("/content_sources/{id}?sla_threshold=100&sla_response=0"),
    )
    .await;
    assert_eq!(s, 200, "the bounds themselves are accepted");
}

#[tokio::test]
async fn email_credentials_are_write_only() {
    let emu = start(40, 1);
    let email = source_of_type(&emu, "email").await;
    let id = email["id"].as_str().unwrap();
    let (s, r) = put(
        &emu,
        &format!("/content_sources/{id}/email_credentials?imap[username]=u1&imap[password]=p%C3%A4ss&smtp[password]=s2"),
    )
    .await;
    assert_eq!(s, 200, "{r}");
    assert_eq!(r["imap_username"], "u1");
    assert!(!r.to_string().contains("päss"));
    assert_eq!(
        emu.control().secret(id, "imap_password").as_deref(),
        Some("päss")
    );
    assert_eq!(
        emu.control().secret(id, "smtp_password").as_deref(),
        Some("s2")
    );
    let raw = emu.control().raw_source(id).unwrap();
    assert_eq!(raw["_secrets_set"]["imap_password"], 1);
    let stats = serde_json::to_string(&emu.control().stats()).unwrap();
    assert!(
        !stats.contains("päss") && !stats.contains("\"s2\""),
        "stats redact secrets"
    );
    let viber = source_of_type(&emu, "viber").await;
    let (s, _) = put(
        &emu,
        &format!(
            "/content_sources/{}/email_credentials?imap[password]=x",
            viber["id"].as_str().unwrap()
        ),
    )
    .await;
    assert_eq!(s, 422);
    let (s, _) = put(&emu, &format!("/content_sources/{id}?imap_password=direct")).await;
    assert_eq!(s, 200);
    assert_eq!(
        emu.control().secret(id, "imap_password").as_deref(),
        Some("direct")
    );
    let stats = serde_json::to_string(&emu.control().stats()).unwrap();
    assert!(!stats.contains("direct"));
}

#[tokio::test]
async fn same_seed_same_fixture() {
    let a = start(60, 42);
    let b = start(60, 42);
    let c = start(60, 43);
    let la = all_sources(&a).await;
    assert_eq!(la, all_sources(&b).await);
    assert_ne!(la, all_sources(&c).await);
    for path in [
        "/communities",
        "/channels",
        "/categories",
        "/time_sheets",
        "/locales",
        "/users",
        "/roles",
        "/events",
    ] {
        assert_eq!(get(&a, path).await, get(&b, path).await, "{path}");
    }
    assert_eq!(a.admin_token(), b.admin_token());
    assert_ne!(a.admin_token(), c.admin_token());
}

/// A PUT query string in Rack's spelling from API fields as the catalogue writes them.
fn rack_query(fields: &serde_json::Map<String, Value>) -> String {
    fn text(v: &Value) -> String {
        match v {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        }
    }
    let mut q = form_urlencoded::Serializer::new(String::new());
    for (k, v) in fields {
        match v {
            Value::Null => {}
            Value::Array(items) if items.is_empty() => {
                q.append_pair(&format!("{k}[]"), "");
            }
            Value::Array(items) => {
                for item in items {
                    match item {
                        Value::Object(rec) => {
                            for (rk, rv) in rec {
                                q.append_pair(&format!("{k}[][{rk}]"), &text(rv));
                            }
                        }
                        other => {
                            q.append_pair(&format!("{k}[]"), &text(other));
                        }
                    }
                }
            }
            Value::Object(m) => {
                for (sub, sv) in m {
                    q.append_pair(&format!("{k}[{sub}]"), &text(sv));
                }
            }
            other => {
                q.append_pair(k, &text(other));
            }
        }
    }
    q.finish()
}

#[tokio::test]
async fn the_catalogues_put_body_of_every_kind_is_understood() {
    let emu = start(40, 1);
    for kind in Kind::ALL {
        let src = source_of_type(&emu, api_type(kind)).await;
        let id = src["id"].as_str().unwrap();
        let (mut doc, _) = switchboard_catalogue::example_document(kind);
        doc["general"]["name"] = json!(format!("Round trip {}", kind.id()));
        // Only the spec's PUT parameters: read-only fields (community_id, color_hex, …)
        // are mapped by the catalogue for adoption; sync never sends them.
        let fields: serde_json::Map<String, Value> = switchboard_catalogue::api::to_api(&doc)
            .into_iter()
            .filter(|(k, _)| {
                let top = k.split('[').next().unwrap_or(k);
                switchboard_emulator::source::fields::spec(top).is_some_and(|f| f.writable)
            })
            .collect();
        let (s, r) = put(
            &emu,
            &format!("/content_sources/{id}?{}", rack_query(&fields)),
        )
        .await;
        assert_eq!(s, 200, "{kind:?}: {r}");
        assert_eq!(r["name"], json!(format!("Round trip {}", kind.id())));
        let last = emu.control().stats().puts[id].last().unwrap().clone();
        assert!(
            last.ignored.is_empty(),
            "{kind:?} sent what it lacks: {:?}",
            last.ignored
        );
    }
}
