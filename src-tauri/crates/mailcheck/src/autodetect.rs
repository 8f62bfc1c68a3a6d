//! Settings proposals from an e-mail address: a built-in table of well-known providers,
//! then (or when the domain is unknown) probing the usual host names and ports in
//! parallel with short timeouts. Every proposal says where it came from; the probe's
//! candidates are injectable so tests run it against loopback servers.

use crate::report::Protocol;
use crate::settings::{Security, ServerSettings, SslVerifyMode};
use crate::tap::Conn;
use crate::tls;
use serde::Serialize;
use std::time::Duration;
use switchboard_core::progress::CancellationToken;
use switchboard_core::Msg;
use tokio::io::AsyncReadExt;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ServerGuess {
    pub host: String,
    pub port: u16,
    pub security: Security,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "lowercase")]
#[ts(export)]
pub enum ProposalSource {
    /// From the built-in table (`name` is the provider's).
    Provider { name: String },
    /// A server answered on this host and port just now.
    Probe,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Proposal {
    pub source: ProposalSource,
    #[ts(optional)]
    pub imap: Option<ServerGuess>,
    #[ts(optional)]
    pub smtp: Option<ServerGuess>,
    /// Most providers log in with the full address.
    pub username: String,
    /// Provider-specific advice (app passwords, OAuth).
    #[ts(optional)]
    pub note: Option<Msg>,
}

struct Provider {
    name: &'static str,
    domains: &'static [&'static str],
    imap: (&'static str, u16, Security),
    smtp: (&'static str, u16, Security),
    note: Option<&'static str>,
}

use Security::{Starttls, Tls};

/// Public, documented settings of each provider.
const PROVIDERS: &[Provider] = &[
    Provider {
        name: "Gmail",
        domains: &["gmail.com", "googlemail.com"],
        imap: ("imap.gmail.com", 993, Tls),
        smtp: ("smtp.gmail.com", 465, Tls),
        note: Some("mailcheck-provider-note-app-password"),
    },
    Provider {
        name: "Outlook / Microsoft 365",
        domains: &[
            "outlook.com",
            "hotmail.com",
            "hotmail.fr",
            "live.com",
            "live.fr",
            "msn.com",
            "outlook.fr",
        ],
        imap: ("outlook.office365.com", 993, Tls),
        smtp: ("smtp.office365.com", 587, Starttls),
        note: Some("mailcheck-provider-note-microsoft"),
    },
    Provider {
        name: "Yahoo",
        domains: &["yahoo.com", "yahoo.fr", "ymail.com", "rocketmail.com"],
        imap: ("imap.mail.yahoo.com", 993, Tls),
        smtp: ("smtp.mail.yahoo.com", 465, Tls),
        note: Some("mailcheck-provider-note-app-password"),
    },
    Provider {
        name: "iCloud",
        domains: &["icloud.com", "me.com", "mac.com"],
        imap: ("imap.mail.me.com", 993, Tls),
        smtp: ("smtp.mail.me.com", 587, Starttls),
        note: Some("mailcheck-provider-note-app-password"),
    },
    Provider {
        name: "Fastmail",
        domains: &["fastmail.com", "fastmail.fm"],
        imap: ("imap.fastmail.com", 993, Tls),
        smtp: ("smtp.fastmail.com", 465, Tls),
        note: Some("mailcheck-provider-note-app-password"),
    },
    Provider {
        name: "GMX",
        domains: &["gmx.com", "gmx.net", "gmx.de", "gmx.fr"],
        imap: ("imap.gmx.net", 993, Tls),
        smtp: ("mail.gmx.net", 587, Starttls),
        note: None,
    },
    Provider {
        name: "OVHcloud",
        domains: &["ovh.net", "ovhcloud.com"],
        imap: ("ssl0.ovh.net", 993, Tls),
        smtp: ("ssl0.ovh.net", 465, Tls),
        note: None,
    },
    Provider {
        name: "Orange",
        domains: &["orange.fr", "wanadoo.fr"],
        imap: ("imap.orange.fr", 993, Tls),
        smtp: ("smtp.orange.fr", 465, Tls),
        note: None,
    },
    Provider {
        name: "Free",
        domains: &["free.fr"],
        imap: ("imap.free.fr", 993, Tls),
        smtp: ("smtp.free.fr", 465, Tls),
        note: None,
    },
    Provider {
        name: "La Poste",
        domains: &["laposte.net"],
        imap: ("imap.laposte.net", 993, Tls),
        smtp: ("smtp.laposte.net", 465, Tls),
        note: None,
    },
    Provider {
        name: "SFR",
        domains: &["sfr.fr", "neuf.fr"],
        imap: ("imap.sfr.fr", 993, Tls),
        smtp: ("smtp.sfr.fr", 465, Tls),
        note: None,
    },
    Provider {
        name: "Zoho",
        domains: &["zoho.com", "zohomail.com"],
        imap: ("imap.zoho.com", 993, Tls),
        smtp: ("smtp.zoho.com", 465, Tls),
        note: None,
    },
];

fn guess((host, port, security): (&str, u16, Security)) -> ServerGuess {
    ServerGuess {
        host: host.to_owned(),
        port,
        security,
    }
}

/// The built-in table's proposal for this address, if its domain is known.
pub fn from_provider_table(email: &str) -> Option<Proposal> {
    let domain = domain_of(email)?;
    let p = PROVIDERS
        .iter()
        .find(|p| p.domains.contains(&domain.as_str()))?;
    Some(Proposal {
        source: ProposalSource::Provider {
            name: p.name.to_owned(),
        },
        imap: Some(guess(p.imap)),
        smtp: Some(guess(p.smtp)),
        username: email.trim().to_owned(),
        note: p.note.map(Msg::new),
    })
}

pub fn domain_of(email: &str) -> Option<String> {
    let (_, d) = email.trim().rsplit_once('@')?;
    let d = d.trim().trim_end_matches('.').to_ascii_lowercase();
    (!d.is_empty() && d.contains('.')).then_some(d)
}

/// One host/port to try.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub host: String,
    pub port: u16,
    pub security: Security,
}

impl Candidate {
    pub fn new(host: impl Into<String>, port: u16, security: Security) -> Candidate {
        Candidate {
            host: host.into(),
            port,
            security,
        }
    }
}

/// What the probe tries, in order of preference (the first that answers wins).
#[derive(Debug, Clone)]
pub struct ProbeOptions {
    pub imap: Vec<Candidate>,
    pub smtp: Vec<Candidate>,
    /// Per candidate: connect, TLS and greeting together.
    pub timeout: Duration,
}

impl ProbeOptions {
    /// imap./mail./the domain on 993 (TLS) then 143 (STARTTLS); smtp./mail./the domain on
    /// 465 (TLS) then 587 (STARTTLS).
    pub fn for_domain(domain: &str) -> ProbeOptions {
        let mut imap = Vec::new();
        let mut smtp = Vec::new();
        for (port, sec) in [(993, Tls), (143, Starttls)] {
            for prefix in ["imap.", "mail.", ""] {
                imap.push(Candidate::new(format!("{prefix}{domain}"), port, sec));
            }
        }
        for (port, sec) in [(465, Tls), (587, Starttls)] {
            for prefix in ["smtp.", "mail.", ""] {
                smtp.push(Candidate::new(format!("{prefix}{domain}"), port, sec));
            }
        }
        ProbeOptions {
            imap,
            smtp,
            timeout: Duration::from_secs(3),
        }
    }
}

/// Does a mail server of the expected kind answer there? For TLS ports the handshake is
/// done without verification: the question is "is it IMAP/SMTP", the certificate is
/// judged later by the real test.
async fn answers(c: &Candidate, imap: bool) -> bool {
    // The failures are not shown: the protocol only names them.
    let proto = if imap { Protocol::Imap } else { Protocol::Smtp };
    let attempt = async {
        let addrs = crate::net::resolve(proto, &c.host, c.port).await.ok()?;
        let tcp = crate::net::connect(proto, &addrs).await.ok()?;
        let mut conn = if c.security == Tls {
            let s = ServerSettings {
                host: c.host.clone(),
                port: c.port,
                username: String::new(),
                password: Default::default(),
                use_ssl_tls: true,
                use_start_tls: false,
                ssl_verify_mode: SslVerifyMode::None,
                ca_file: None,
                authentication_type: Default::default(),
                oauth: None,
            };
            tls::handshake(tcp, &s, proto).await.ok()?
        } else {
            Conn::Plain(tcp)
        };
        let mut buf = [0u8; 64];
        let n = match &mut conn {
            Conn::Plain(s) => s.read(&mut buf).await.ok()?,
            Conn::Tls(s) => s.read(&mut buf).await.ok()?,
        };
        let head = &buf[..n];
        Some(if imap {
            head.starts_with(b"* OK") || head.starts_with(b"* PREAUTH")
        } else {
            head.starts_with(b"220")
        })
    };
    attempt.await == Some(true)
}

/// Tries all candidates at once; returns the first (by preference) that answered.
async fn first_answering(
    cands: &[Candidate],
    imap: bool,
    timeout: Duration,
    cancel: &CancellationToken,
) -> Option<ServerGuess> {
    let probes = cands.iter().map(|c| async move {
        tokio::time::timeout(timeout, answers(c, imap))
            .await
            .unwrap_or(false)
    });
    let results = cancel
        .run_until_cancelled(futures::future::join_all(probes))
        .await?;
    cands
        .iter()
        .zip(results)
        .find(|(_, ok)| *ok)
        .map(|(c, _)| ServerGuess {
            host: c.host.clone(),
            port: c.port,
            security: c.security,
        })
}

/// Proposals for `email`: the provider table's first when the domain is known, then what
/// the probe found. `probe` replaces the default candidates (tests use loopback).
pub async fn autodetect(
    email: &str,
    probe: Option<ProbeOptions>,
    cancel: &CancellationToken,
) -> Vec<Proposal> {
    let mut out = Vec::new();
    if let Some(p) = from_provider_table(email) {
        out.push(p);
        if probe.is_none() {
            return out;
        }
    }
    let opts = match (probe, domain_of(email)) {
        (Some(o), _) => o,
        (None, Some(d)) => ProbeOptions::for_domain(&d),
        (None, None) => return out,
    };
    let (imap, smtp) = tokio::join!(
        first_answering(&opts.imap, true, opts.timeout, cancel),
        first_answering(&opts.smtp, false, opts.timeout, cancel)
    );
    if imap.is_some() || smtp.is_some() {
        out.push(Proposal {
            source: ProposalSource::Probe,
            imap,
            smtp,
            username: email.trim().to_owned(),
            note: None,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_domains_come_from_the_table() {
        let p = from_provider_table("Someone@GMail.com").unwrap();
        assert_eq!(
            p.source,
            ProposalSource::Provider {
                name: "Gmail".into()
            }
        );
        assert_eq!(p.imap.as_ref().unwrap().host, "imap.gmail.com");
        assert_eq!(p.imap.as_ref().unwrap().security, Security::Tls);
        let o = from_provider_table("x@hotmail.fr").unwrap();
        assert_eq!(o.smtp.unwrap().security, Security::Starttls);
        for d in [
            "yahoo.fr",
            "icloud.com",
            "fastmail.com",
            "gmx.de",
            "orange.fr",
            "free.fr",
        ] {
            assert!(from_provider_table(&format!("a@{d}")).is_some(), "{d}");
        }
        assert!(from_provider_table("a@unknown-example.test").is_none());
        assert!(from_provider_table("not-an-address").is_none());
    }

    #[test]
    fn default_probe_tries_the_usual_names_and_ports() {
        let o = ProbeOptions::for_domain("example.org");
        assert_eq!(o.imap[0], Candidate::new("imap.example.org", 993, Tls));
        assert!(o
            .imap
            .contains(&Candidate::new("mail.example.org", 143, Starttls)));
        assert_eq!(o.smtp[0], Candidate::new("smtp.example.org", 465, Tls));
        assert!(o
            .smtp
            .contains(&Candidate::new("example.org", 587, Starttls)));
    }
}
