//! The provider app a token is obtained for. A token belongs to the app that obtained it
//! and the platform accepts only tokens of the app its tenant uses, so the app is the
//! administrator's (per platform account, or in local settings), never built in.

use switchboard_core::Sensitive;

#[derive(Debug, Clone)]
pub struct ProviderApp {
    pub client_id: String,
    pub client_secret: Option<Sensitive<String>>,
    /// The loopback port registered with the provider, for providers that match
    /// redirect URIs exactly; `None` takes any free port.
    pub redirect_port: Option<u16>,
}

impl ProviderApp {
    pub fn public(client_id: impl Into<String>) -> ProviderApp {
        ProviderApp {
            client_id: client_id.into(),
            client_secret: None,
            redirect_port: None,
        }
    }

    pub fn with_secret(mut self, secret: impl Into<String>) -> ProviderApp {
        self.client_secret = Some(Sensitive::new(secret.into()));
        self
    }

    pub fn with_port(mut self, port: u16) -> ProviderApp {
        self.redirect_port = Some(port);
        self
    }
}
