//! An account's API root. The platform documents two hosts per tenant domain
//! (`{domain}.api.digital.ringcentral.com`, `{domain}.api.engagement.dimelo.com`); an
//! on-premises or proxied tenant is typed in full. Tokens travel in a header on every
//! request, so anything but https is refused, except loopback (the demo platform and
//! tests), where nothing leaves the machine.

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use url::{Host, Url};

/// The documented hosts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum HostPreset {
    /// `{domain}.api.digital.ringcentral.com` (North America).
    RingCentral,
    /// `{domain}.api.engagement.dimelo.com` (historical tenants).
    Dimelo,
}

impl HostPreset {
    fn suffix(self) -> &'static str {
        match self {
            HostPreset::RingCentral => "api.digital.ringcentral.com",
            HostPreset::Dimelo => "api.engagement.dimelo.com",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BaseUrlError {
    #[error("empty")]
    Empty,
    #[error("not a domain name")]
    BadDomain,
    #[error("not a URL")]
    NotUrl,
    #[error("plain http outside loopback")]
    NotHttps,
}

impl BaseUrlError {
    /// The Fluent id of the message that says what to fix.
    pub fn msg_id(&self) -> &'static str {
        match self {
            BaseUrlError::Empty => "platform-url-empty",
            BaseUrlError::BadDomain => "platform-url-bad-domain",
            BaseUrlError::NotUrl => "platform-url-not-url",
            BaseUrlError::NotHttps => "platform-url-not-https",
        }
    }
}

/// A validated API root ending in `/1.0`, without a trailing slash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl(Url);

impl BaseUrl {
    /// From a tenant domain (`acme`) and a documented host.
    pub fn from_domain(domain: &str, preset: HostPreset) -> Result<BaseUrl, BaseUrlError> {
        let d = domain.trim().to_ascii_lowercase();
        if d.is_empty() {
            return Err(BaseUrlError::Empty);
        }
        let label_ok = |l: &str| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        };
        if !d.split('.').all(label_ok) {
            return Err(BaseUrlError::BadDomain);
        }
        BaseUrl::parse(&format!("https://{d}.{}/1.0", preset.suffix()))
    }

    /// A URL typed in full. `/1.0` is added when the path is empty.
    pub fn parse(text: &str) -> Result<BaseUrl, BaseUrlError> {
        let t = text.trim();
        if t.is_empty() {
            return Err(BaseUrlError::Empty);
        }
        let mut url = Url::parse(t).map_err(|_| BaseUrlError::NotUrl)?;
        let host = url.host().ok_or(BaseUrlError::NotUrl)?;
        let loopback = match host {
            Host::Domain(d) => d.eq_ignore_ascii_case("localhost"),
            Host::Ipv4(a) => a.is_loopback(),
            Host::Ipv6(a) => a.is_loopback(),
        };
        match url.scheme() {
            "https" => {}
            "http" if loopback => {}
            "http" => return Err(BaseUrlError::NotHttps),
            _ => return Err(BaseUrlError::NotUrl),
        }
        if !url.username().is_empty() || url.password().is_some() {
            // Credentials in a URL end up in logs and histories: the token goes elsewhere.
            return Err(BaseUrlError::NotUrl);
        }
        url.set_query(None);
        url.set_fragment(None);
        let path = url.path().trim_end_matches('/').to_owned();
        url.set_path(if path.is_empty() { "/1.0" } else { &path });
        Ok(BaseUrl(url))
    }

    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }

    pub fn host(&self) -> &str {
        self.0.host_str().unwrap_or("")
    }

    /// The port the connection goes to (443 for https unless given).
    pub fn port(&self) -> u16 {
        self.0.port_or_known_default().unwrap_or(443)
    }

    pub fn is_https(&self) -> bool {
        self.0.scheme() == "https"
    }

    /// The URL of `path` (which starts with `/`) under this root.
    pub fn join(&self, path: &str) -> String {
        format!("{}{}", self.0.as_str().trim_end_matches('/'), path)
    }

    /// The web admin's address for this tenant (the API host without `api.`), where
    /// channels are created: the API has no create.
    pub fn admin_url(&self) -> String {
        let host = self.host();
        let admin = host.replacen(".api.", ".", 1);
        let mut u = self.0.clone();
        if u.set_host(Some(&admin)).is_err() {
            return self.0.as_str().to_owned();
        }
        u.set_path("/admin");
        u.to_string()
    }
}

impl std::fmt::Display for BaseUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documented_presets_build_the_api_root() {
        assert_eq!(
            BaseUrl::from_domain("Acme", HostPreset::RingCentral)
                .unwrap()
                .as_str(),
            "https://acme.api.digital.ringcentral.com/1.0"
        );
        assert_eq!(
            BaseUrl::from_domain("acme-eu", HostPreset::Dimelo)
                .unwrap()
                .as_str(),
            "https://acme-eu.api.engagement.dimelo.com/1.0"
        );
        assert_eq!(
            BaseUrl::from_domain("ac me", HostPreset::Dimelo),
            Err(BaseUrlError::BadDomain)
        );
        assert_eq!(
            BaseUrl::from_domain("-x", HostPreset::Dimelo),
            Err(BaseUrlError::BadDomain)
        );
        assert_eq!(
            BaseUrl::from_domain(" ", HostPreset::Dimelo),
            Err(BaseUrlError::Empty)
        );
    }

    #[test]
    fn https_everywhere_but_loopback() {
        assert!(BaseUrl::parse("https://api.example.com/1.0").is_ok());
        assert_eq!(
            BaseUrl::parse("http://api.example.com/1.0"),
            Err(BaseUrlError::NotHttps)
        );
        for ok in [
            "http://127.0.0.1:4000/1.0",
            "http://localhost:9/1.0",
            "http://[::1]:80",
        ] {
            assert!(BaseUrl::parse(ok).is_ok(), "{ok}");
        }
        assert_eq!(BaseUrl::parse("ftp://x/1.0"), Err(BaseUrlError::NotUrl));
        assert_eq!(BaseUrl::parse("nonsense"), Err(BaseUrlError::NotUrl));
        assert_eq!(
            BaseUrl::parse("https://u:p@x.example.com/1.0"),
            Err(BaseUrlError::NotUrl)
        );
    }

    #[test]
    fn the_path_defaults_to_the_api_version_and_joins_cleanly() {
        let b = BaseUrl::parse("https://x.example.com/?q=1#f").unwrap();
        assert_eq!(b.as_str(), "https://x.example.com/1.0");
        assert_eq!(
            b.join("/content_sources"),
            "https://x.example.com/1.0/content_sources"
        );
        let b = BaseUrl::parse("https://x.example.com/proxy/1.0/").unwrap();
        assert_eq!(
            b.join("/locales"),
            "https://x.example.com/proxy/1.0/locales"
        );
        assert_eq!(
            BaseUrl::from_domain("acme", HostPreset::Dimelo)
                .unwrap()
                .admin_url(),
            "https://acme.engagement.dimelo.com/admin"
        );
    }
}
