//! Settings from the channel document as it is on screen (`{"email":{"mode":"hybrid"},
//! "imap":{...},"smtp":{...},"postmark":{...},"imap_smtp":{"email":...}}`, the
//! catalogue's shape). Secrets are not in the document: the caller gives them by path
//! (`imap.password`, `smtp.password`, `postmark.api_key`) — the value typed on screen when
//! there is one, else the vault's.

use crate::settings::{ImapSettings, MailSettings, PostmarkSettings, SmtpSettings};
use serde_json::Value;
use switchboard_core::Sensitive;

/// Builds what one Test press checks: IMAP and SMTP in `imap`/`hybrid` mode, Postmark in
/// `postmark`/`hybrid` mode when it is enabled. Sections that fail to read (a wrong type
/// in a field) are returned as errors with their path, never silently dropped.
pub fn from_document(
    doc: &Value,
    secret: impl Fn(&str) -> Option<Sensitive<String>>,
) -> Result<MailSettings, (String, serde_json::Error)> {
    let mode = doc
        .pointer("/email/mode")
        .and_then(Value::as_str)
        .unwrap_or("imap");
    let imap_mode = matches!(mode, "imap" | "hybrid");
    let postmark_mode = matches!(mode, "postmark" | "hybrid");
    let section = |name: &str| -> Option<Value> {
        let mut v = doc.get(name)?.clone();
        let obj = v.as_object_mut()?;
        // The secret goes in under the document's own key, so one deserializer reads both.
        let key = if name == "postmark" {
            "api_key"
        } else {
            "password"
        };
        if let Some(s) = secret(&format!("{name}.{key}")) {
            obj.insert(key.to_owned(), Value::String(s.expose().clone()));
        }
        Some(v)
    };
    let mut out = MailSettings {
        address: doc
            .pointer("/imap_smtp/email")
            .and_then(Value::as_str)
            .map(str::to_owned),
        ..MailSettings::default()
    };
    if imap_mode {
        if let Some(v) = section("imap") {
            out.imap = Some(
                serde_json::from_value::<ImapSettings>(v).map_err(|e| ("imap".to_owned(), e))?,
            );
        }
        if let Some(v) = section("smtp") {
            out.smtp = Some(
                serde_json::from_value::<SmtpSettings>(v).map_err(|e| ("smtp".to_owned(), e))?,
            );
        }
    }
    let postmark_on = doc
        .pointer("/postmark/enabled")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    if postmark_mode && postmark_on {
        if let Some(v) = section("postmark") {
            out.postmark = Some(
                serde_json::from_value::<PostmarkSettings>(v)
                    .map_err(|e| ("postmark".to_owned(), e))?,
            );
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::{Security, SslVerifyMode};
    use serde_json::json;

    fn doc() -> Value {
        json!({
            "kind": "email",
            "email": {"mode": "hybrid"},
            "imap_smtp": {"email": "support@example.com"},
            "imap": {"host": "imap.example.com", "port": 993, "use_ssl_tls": true, "use_start_tls": false,
                     "folders": ["INBOX", "Réclamations"], "sent_folder": null, "username": "support",
                     "ssl_verify_mode": "NONE"},
            "smtp": {"host": "smtp.example.com", "port": 587, "use_ssl_tls": false, "use_start_tls": true,
                     "username": "support", "ssl_verify_mode": null, "helo_domain": null},
            "postmark": {"enabled": true, "address": null, "open_tracking": false}
        })
    }

    fn secrets(path: &str) -> Option<Sensitive<String>> {
        Some(Sensitive::new(format!("secret-of-{path}")))
    }

    #[test]
    fn the_on_screen_document_becomes_settings_with_secrets_by_path() {
        let s = from_document(&doc(), secrets).unwrap();
        let imap = s.imap.unwrap();
        assert_eq!(imap.server.security(), Security::Tls);
        assert_eq!(imap.server.ssl_verify_mode, SslVerifyMode::None);
        assert_eq!(imap.server.password.expose(), "secret-of-imap.password");
        assert_eq!(imap.folders, vec!["INBOX", "Réclamations"]);
        assert_eq!(imap.sent_folder, None);
        let smtp = s.smtp.unwrap();
        assert_eq!(smtp.server.security(), Security::Starttls);
        assert_eq!(smtp.helo(), "localhost");
        assert_eq!(smtp.server.password.expose(), "secret-of-smtp.password");
        assert_eq!(
            s.postmark.unwrap().api_key.expose(),
            "secret-of-postmark.api_key"
        );
        assert_eq!(s.address.as_deref(), Some("support@example.com"));
    }

    #[test]
    fn the_mode_decides_what_is_tested() {
        let mut d = doc();
        d["email"]["mode"] = json!("postmark");
        let s = from_document(&d, secrets).unwrap();
        assert!(s.imap.is_none() && s.smtp.is_none() && s.postmark.is_some());
        d["email"]["mode"] = json!("imap");
        let s = from_document(&d, |_| None).unwrap();
        assert!(s.imap.is_some() && s.postmark.is_none());
        assert_eq!(
            s.imap.unwrap().server.password.expose(),
            "",
            "no secret: empty, reported by login"
        );
        d["email"]["mode"] = json!("hybrid");
        let s = from_document(&d, |_| None).unwrap();
        assert_eq!(
            s.postmark.unwrap().api_key.expose(),
            "",
            "reported by the key step"
        );
        d["postmark"]["enabled"] = json!(false);
        assert!(from_document(&d, secrets).unwrap().postmark.is_none());
    }

    #[test]
    fn a_field_of_the_wrong_type_names_its_section() {
        let mut d = doc();
        d["smtp"]["port"] = json!("five-eight-seven");
        let (section, _) = from_document(&d, secrets).unwrap_err();
        assert_eq!(section, "smtp");
    }
}
