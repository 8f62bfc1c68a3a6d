//! One TLS setup for IMAP and SMTP (tokio-rustls): system roots plus an optional PEM
//! file, or no verification at all for the platform's `NONE` mode. Errors are classified
//! here into what the user can act on (unknown issuer, wrong name, expired, plaintext port).

use crate::explain;
use crate::report::Protocol;
use crate::settings::ServerSettings;
use crate::step::Failure;
use crate::tap::Conn;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{
    CertificateError, ClientConfig, DigitallySignedStruct, RootCertStore, SignatureScheme,
};
use std::sync::{Arc, OnceLock};
use tokio::net::TcpStream;
use tokio_rustls::TlsConnector;

fn provider() -> Arc<rustls::crypto::CryptoProvider> {
    Arc::new(rustls::crypto::ring::default_provider())
}

/// The system's trusted roots, loaded once (it reads a few hundred files).
fn system_roots() -> &'static RootCertStore {
    static ROOTS: OnceLock<RootCertStore> = OnceLock::new();
    ROOTS.get_or_init(|| {
        let mut store = RootCertStore::empty();
        let found = rustls_native_certs::load_native_certs();
        store.add_parsable_certificates(found.certs);
        if store.is_empty() {
            // No system store (minimal containers): fall back to Mozilla's list.
            store.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
        }
        store
    })
}

/// Accepts any certificate (mode NONE) while still checking the handshake signatures,
/// so the connection is encrypted even though the server is not authenticated.
#[derive(Debug)]
struct NoVerification(Arc<rustls::crypto::CryptoProvider>);

impl ServerCertVerifier for NoVerification {
    fn verify_server_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }
    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }
    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }
    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.signature_verification_algorithms.supported_schemes()
    }
}

/// Builds the client configuration for these settings; fails when the CA file is
/// unreadable or holds no certificate.
pub fn client_config(s: &ServerSettings, proto: Protocol) -> Result<Arc<ClientConfig>, Failure> {
    let builder = ClientConfig::builder_with_provider(provider())
        .with_safe_default_protocol_versions()
        .expect("ring supports the default protocol versions");
    let config = if !s.ssl_verify_mode.verifies() {
        builder
            .dangerous()
            .with_custom_certificate_verifier(Arc::new(NoVerification(provider())))
            .with_no_client_auth()
    } else {
        let mut roots = system_roots().clone();
        if let Some(path) = s.ca_file.as_deref().filter(|p| !p.trim().is_empty()) {
            use rustls::pki_types::pem::PemObject;
            let certs: Vec<_> = CertificateDer::pem_file_iter(path)
                .map_err(|e| explain::ca_file(proto, path, &e.to_string()))?
                .collect::<Result<_, _>>()
                .map_err(|e| explain::ca_file(proto, path, &e.to_string()))?;
            if certs.is_empty() {
                return Err(explain::ca_file(proto, path, "no certificate"));
            }
            let (added, _) = roots.add_parsable_certificates(certs);
            if added == 0 {
                return Err(explain::ca_file(proto, path, "no usable certificate"));
            }
        }
        builder.with_root_certificates(roots).with_no_client_auth()
    };
    Ok(Arc::new(config))
}

/// TLS handshake over an established TCP connection.
pub async fn handshake(
    tcp: TcpStream,
    s: &ServerSettings,
    proto: Protocol,
) -> Result<Conn, Failure> {
    let config = client_config(s, proto)?;
    let name = ServerName::try_from(s.host.trim().to_owned())
        .map_err(|_| explain::bad_host(proto, &s.host))?;
    let tls = TlsConnector::from(config)
        .connect(name, tcp)
        .await
        .map_err(|e| classify(proto, &e))?;
    Ok(Conn::Tls(Box::new(tls)))
}

/// A handshake that failed right after the server agreed to STARTTLS: plain text, a
/// close or garbage instead of TLS means the upgrade is broken (or tampered with), not
/// that the user should turn STARTTLS on. Certificate problems keep their own names.
pub fn after_starttls(proto: Protocol, f: Failure) -> Failure {
    match f.message.id.as_str() {
        "mailcheck-tls-plaintext-port" | "mailcheck-tls-closed" | "mailcheck-tls-refused" => {
            let broken = explain::starttls_broken(proto);
            match f.reply {
                Some(r) => broken.with_reply(r),
                None => broken,
            }
        }
        _ => f,
    }
}

/// What went wrong in a handshake, in the user's terms.
pub fn classify(proto: Protocol, e: &std::io::Error) -> Failure {
    let rustls_err = e
        .get_ref()
        .and_then(|inner| inner.downcast_ref::<rustls::Error>());
    let f = classify_rustls(proto, e, rustls_err);
    // The TLS library's own words name the exact problem (e.g. "UnknownIssuer").
    match (f.reply.is_none(), rustls_err) {
        (true, Some(r)) => f.with_reply(r.to_string()),
        _ => f,
    }
}

fn classify_rustls(
    proto: Protocol,
    e: &std::io::Error,
    rustls_err: Option<&rustls::Error>,
) -> Failure {
    match rustls_err {
        Some(rustls::Error::InvalidCertificate(c)) => match c {
            CertificateError::UnknownIssuer => explain::cert(proto, "unknown-issuer"),
            CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. } => {
                explain::cert_name(proto)
            }
            CertificateError::Expired | CertificateError::ExpiredContext { .. } => {
                explain::cert(proto, "expired")
            }
            CertificateError::NotValidYet | CertificateError::NotValidYetContext { .. } => {
                explain::cert(proto, "not-yet-valid")
            }
            CertificateError::Revoked => explain::cert(proto, "revoked"),
            other => explain::cert(proto, "invalid").with_reply(format!("{other:?}")),
        },
        Some(rustls::Error::InvalidMessage(_))
        | Some(rustls::Error::InappropriateMessage { .. }) => explain::tls_to_plain_port(proto),
        Some(rustls::Error::AlertReceived(alert)) => {
            explain::tls_refused(proto).with_reply(format!("TLS alert: {alert:?}"))
        }
        Some(other) => explain::tls_other(proto).with_reply(other.to_string()),
        None if e.kind() == std::io::ErrorKind::UnexpectedEof
            || e.kind() == std::io::ErrorKind::ConnectionReset =>
        {
            explain::tls_closed(proto)
        }
        None => explain::tls_other(proto).with_reply(e.to_string()),
    }
}
