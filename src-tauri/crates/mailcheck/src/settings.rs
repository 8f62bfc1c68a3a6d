//! The values on screen, as the diagnosis receives them. Field names follow the form's
//! dotted paths (`imap.host`, `smtp.helo_domain`, `postmark.api_key`) so that a failure
//! can name the fields to highlight; passwords stay in `Sensitive` end to end.

use serde::Deserialize;
use std::time::Duration;
use switchboard_core::Sensitive;
use ts_rs::TS;

/// How the connection is secured, derived from the form's two switches
/// (`ssl` = implicit TLS, `starttls`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum Security {
    /// TLS from the first byte (IMAPS 993, SMTPS 465).
    Tls,
    /// Plain text first, then the STARTTLS command (IMAP 143, submission 587).
    Starttls,
    /// No encryption at all.
    None,
}

impl Security {
    /// The platform stores two booleans; implicit TLS wins when both are on, as it does on
    /// the platform (the TLS handshake happens before any STARTTLS could be sent).
    pub fn from_switches(ssl: bool, starttls: bool) -> Security {
        match (ssl, starttls) {
            (true, _) => Security::Tls,
            (false, true) => Security::Starttls,
            (false, false) => Security::None,
        }
    }
}

/// SSL verification modes as the platform knows them. They are OpenSSL's flags: on the
/// client side only NONE changes anything (no verification); PEER, CLIENT_ONCE and
/// FAIL_IF_NO_PEER_CERT all verify the server's certificate, like the empty value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, Deserialize, TS)]
#[ts(export)]
pub enum SslVerifyMode {
    #[default]
    #[serde(rename = "")]
    Default,
    #[serde(rename = "NONE")]
    None,
    #[serde(rename = "PEER")]
    Peer,
    #[serde(rename = "CLIENT_ONCE")]
    ClientOnce,
    #[serde(rename = "FAIL_IF_NO_PEER_CERT")]
    FailIfNoPeerCert,
}

impl SslVerifyMode {
    pub fn verifies(self) -> bool {
        self != SslVerifyMode::None
    }

    /// Parses the platform's spelling (case-insensitive; empty = default).
    pub fn parse(s: &str) -> Option<SslVerifyMode> {
        Some(match s.trim().to_ascii_uppercase().as_str() {
            "" => SslVerifyMode::Default,
            "NONE" => SslVerifyMode::None,
            "PEER" => SslVerifyMode::Peer,
            "CLIENT_ONCE" => SslVerifyMode::ClientOnce,
            "FAIL_IF_NO_PEER_CERT" => SslVerifyMode::FailIfNoPeerCert,
            _ => return None,
        })
    }
}

/// How the server is signed in to: the platform's `imap_/smtp_authentication_type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum AuthType {
    /// User name and password (LOGIN, AUTH PLAIN/LOGIN). Also when the setting is missing.
    #[default]
    Basic,
    /// XOAUTH2 with an access token of the Microsoft identity platform.
    MicrosoftIdentityPlatform,
}

/// What the caller could obtain for an XOAUTH2 sign-in before the test: a fresh access
/// token (from the refresh token in the vault), or why there is none. The diagnosis
/// reports the two failures at the authentication step, after the server was reached.
#[derive(Debug, Clone)]
pub enum OAuthToken {
    Access(Sensitive<String>),
    /// The grant is gone (revoked, expired, never signed in): only Re-authorize helps.
    Reauthorize,
    /// The token could not be obtained now (the sign-in server is unreachable, or the
    /// provider app is missing): the message says why and what to do.
    Unavailable(switchboard_core::Msg),
}

/// What both protocols share: where the server is and how to secure the connection.
/// Field names are the channel document's (`imap.use_ssl_tls`, ...), so the UI can pass
/// the section as it is on screen; empty fields (null) are accepted and reported by the
/// step they break, not by a deserialization error.
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct ServerSettings {
    #[serde(default, deserialize_with = "null_as_default")]
    pub host: String,
    #[serde(default, deserialize_with = "null_as_default")]
    pub port: u16,
    #[serde(default, deserialize_with = "null_as_default")]
    pub username: String,
    #[ts(type = "string")]
    #[serde(default, deserialize_with = "null_as_default")]
    pub password: Sensitive<String>,
    /// Implicit TLS switch ("SSL/TLS").
    #[serde(default, alias = "ssl", deserialize_with = "null_as_default")]
    pub use_ssl_tls: bool,
    #[serde(default, alias = "starttls", deserialize_with = "null_as_default")]
    pub use_start_tls: bool,
    #[serde(default, deserialize_with = "null_as_default")]
    pub ssl_verify_mode: SslVerifyMode,
    /// A PEM file of extra trusted certificates (a company CA), added to the system's.
    #[serde(default)]
    #[ts(optional)]
    pub ca_file: Option<String>,
    #[serde(default, deserialize_with = "null_as_default")]
    #[ts(optional, as = "Option<AuthType>")]
    pub authentication_type: AuthType,
    /// XOAUTH2 only: set by the caller (never read from the document or the window).
    #[serde(skip)]
    #[ts(skip)]
    pub oauth: Option<OAuthToken>,
}

fn null_as_default<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}

impl ServerSettings {
    pub fn security(&self) -> Security {
        Security::from_switches(self.use_ssl_tls, self.use_start_tls)
    }

    pub fn uses_xoauth2(&self) -> bool {
        self.authentication_type == AuthType::MicrosoftIdentityPlatform
    }

    /// The secret this server is signed in with, for scrubbing from server replies.
    pub(crate) fn secret(&self) -> Option<&str> {
        match (&self.oauth, self.uses_xoauth2()) {
            (Some(OAuthToken::Access(t)), true) => Some(t.expose()),
            (_, true) => None,
            (_, false) => Some(self.password.expose()),
        }
    }
}

#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct ImapSettings {
    #[serde(flatten)]
    pub server: ServerSettings,
    /// "Folders to synchronize": decoded names as shown in the picker (raw modified UTF-7
    /// names are accepted too).
    #[serde(default, deserialize_with = "null_as_default")]
    pub folders: Vec<String>,
    /// "Folder for sent messages".
    #[serde(default)]
    #[ts(optional)]
    pub sent_folder: Option<String>,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct SmtpSettings {
    #[serde(flatten)]
    pub server: ServerSettings,
    /// EHLO name; empty means `localhost`.
    #[serde(default)]
    #[ts(optional)]
    pub helo_domain: Option<String>,
}

impl SmtpSettings {
    pub fn helo(&self) -> String {
        match self.helo_domain.as_deref().map(str::trim) {
            Some(d) if !d.is_empty() => d.to_owned(),
            _ => "localhost".to_owned(),
        }
    }
}

pub const POSTMARK_API: &str = "https://api.postmarkapp.com";

#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct PostmarkSettings {
    #[ts(type = "string")]
    #[serde(default, deserialize_with = "null_as_default")]
    pub api_key: Sensitive<String>,
    /// The API's base URL; tests point it at a local stand-in.
    #[serde(default)]
    #[ts(optional)]
    pub base_url: Option<String>,
}

/// Per-step time limits. Each network step has its own bound so a silent server never
/// hangs anything; the round trip waits longer because delivery is asynchronous.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[ts(export)]
pub struct Timeouts {
    #[serde(default = "default_connect_ms")]
    #[ts(type = "number")]
    pub connect_ms: u64,
    #[serde(default = "default_step_ms")]
    #[ts(type = "number")]
    pub step_ms: u64,
    #[serde(default = "default_round_trip_ms")]
    #[ts(type = "number")]
    pub round_trip_ms: u64,
}

fn default_connect_ms() -> u64 {
    10_000
}
fn default_step_ms() -> u64 {
    15_000
}
fn default_round_trip_ms() -> u64 {
    30_000
}

impl Default for Timeouts {
    fn default() -> Self {
        Timeouts {
            connect_ms: default_connect_ms(),
            step_ms: default_step_ms(),
            round_trip_ms: default_round_trip_ms(),
        }
    }
}

impl Timeouts {
    /// The same bound for every step (the CLI's `--timeout`), connect included.
    pub fn uniform(d: Duration) -> Timeouts {
        let ms = d.as_millis() as u64;
        Timeouts {
            connect_ms: ms,
            step_ms: ms,
            round_trip_ms: ms.max(default_round_trip_ms()),
        }
    }
    pub fn connect(&self) -> Duration {
        Duration::from_millis(self.connect_ms)
    }
    pub fn step(&self) -> Duration {
        Duration::from_millis(self.step_ms)
    }
    pub fn round_trip(&self) -> Duration {
        Duration::from_millis(self.round_trip_ms)
    }
}

/// Everything one "Test" press checks. Absent sections are not tested.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[ts(export)]
pub struct MailSettings {
    /// The channel's own address (`imap_smtp.email`): recipient of the round-trip message.
    #[serde(default)]
    #[ts(optional)]
    pub address: Option<String>,
    #[serde(default)]
    #[ts(optional)]
    pub imap: Option<ImapSettings>,
    #[serde(default)]
    #[ts(optional)]
    pub smtp: Option<SmtpSettings>,
    #[serde(default)]
    #[ts(optional)]
    pub postmark: Option<PostmarkSettings>,
    /// Send a test message to `address` over SMTP and fetch it back over IMAP.
    #[serde(default)]
    pub round_trip: bool,
    #[serde(default)]
    pub timeouts: Timeouts,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn switches_map_to_security() {
        assert_eq!(Security::from_switches(true, false), Security::Tls);
        assert_eq!(Security::from_switches(true, true), Security::Tls);
        assert_eq!(Security::from_switches(false, true), Security::Starttls);
        assert_eq!(Security::from_switches(false, false), Security::None);
    }

    #[test]
    fn verify_modes_use_the_platform_spelling() {
        let m: SslVerifyMode = serde_json::from_str("\"FAIL_IF_NO_PEER_CERT\"").unwrap();
        assert_eq!(m, SslVerifyMode::FailIfNoPeerCert);
        let m: SslVerifyMode = serde_json::from_str("\"\"").unwrap();
        assert_eq!(m, SslVerifyMode::Default);
        assert!(!SslVerifyMode::None.verifies());
        assert!(SslVerifyMode::ClientOnce.verifies());
        assert_eq!(SslVerifyMode::parse("none"), Some(SslVerifyMode::None));
        assert_eq!(SslVerifyMode::parse("bogus"), None);
    }

    #[test]
    fn settings_deserialize_from_the_form_shape() {
        let s: MailSettings = serde_json::from_value(serde_json::json!({
            "imap": {"host": "h", "port": 993, "username": "u", "password": "pw", "use_ssl_tls": true,
                     "use_start_tls": false, "ssl_verify_mode": null,
                     "folders": ["INBOX"], "sent_folder": "Sent"},
            "smtp": {"host": null, "port": 587, "username": "u", "password": "pw", "starttls": true,
                     "helo_domain": null}
        }))
        .unwrap();
        let imap = s.imap.unwrap();
        assert_eq!(imap.server.security(), Security::Tls);
        assert_eq!(imap.server.password.expose(), "pw");
        assert_eq!(imap.server.ssl_verify_mode, SslVerifyMode::Default);
        let smtp = s.smtp.unwrap();
        assert_eq!(smtp.server.security(), Security::Starttls);
        assert_eq!(smtp.server.host, "");
        assert_eq!(smtp.helo(), "localhost");
        assert_eq!(s.timeouts.connect_ms, 10_000);
        assert!(!format!("{:?}", smtp.server).contains("pw\""));
    }
}
