//! `switchboard-emulator`: a stateful local stand-in for the platform's REST API — the
//! subset Switchboard uses, as the vendored OpenAPI file
//! (`crates/platform/openapi/openapi3.yaml`) defines it — so the client, pull, plan and
//! apply can be tested, and a new user can try them, without a tenant.
//!
//! It behaves like a server a client must cope with (see the crate README): a
//! deterministic fixture from a seed, Rails-style query parameters, 401/403/404/422/429
//! as the platform answers them, `updated_at` to the second, and fault knobs (rate limit,
//! latency, 5xx, dropped connections, forced 429s). A control API outside the contract
//! (`/_emulator/…`, or `Running::control()` in-process) stages "another administrator
//! edits this source" and reads back what the server received.
//!
//! ```no_run
//! use switchboard_emulator::{Config, Emulator};
//! let emu = Emulator::start(Config::demo()).unwrap();
//! println!("{} {}", emu.url(), emu.admin_token());
//! ```

mod clock;
pub mod config;
pub mod control;
mod fixture;
mod http;
mod params;
mod rng;
pub mod source;
mod state;

pub use config::{Config, Faults, FaultsPatch, RateLimit, Tokens, DOCUMENTED_RATE_LIMIT};
pub use control::{Control, EditError};
pub use fixture::people::{Holder, TokenInfo};
pub use fixture::sources::{UNKNOWN_INDEX, UNKNOWN_TYPE};
pub use state::{PutRecord, Stats};

use state::{Shared, State};
use std::future::IntoFuture;
use std::net::SocketAddr;
use std::sync::Arc;
use std::thread::JoinHandle;

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        addr: SocketAddr,
        source: std::io::Error,
    },
    #[error("cannot start the emulator's runtime: {0}")]
    Runtime(std::io::Error),
}

pub struct Emulator;

impl Emulator {
    /// Builds the fixture, listens (the port is bound when this returns, so the first
    /// request cannot be refused) and serves on a thread of its own until the returned
    /// handle is dropped or shut down. Usable from synchronous and async code alike.
    pub fn start(config: Config) -> Result<Running, StartError> {
        let addr = SocketAddr::new(config.host, config.port);
        let listener = std::net::TcpListener::bind(addr)
            .map_err(|source| StartError::Bind { addr, source })?;
        let local = listener
            .local_addr()
            .map_err(|source| StartError::Bind { addr, source })?;
        listener
            .set_nonblocking(true)
            .map_err(|source| StartError::Bind { addr, source })?;
        let t = config.tokens.clone();
        let state = State::new(
            config.seed,
            config.sources,
            [t.admin, t.reader, t.other_admin],
            config.faults(),
        );
        let shared = Arc::new(Shared::new(state));
        let app = http::router(shared.clone());
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(StartError::Runtime)?;
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let thread = std::thread::Builder::new()
            .name("switchboard-emulator".into())
            .spawn(move || {
                runtime.block_on(async move {
                    let Ok(listener) = tokio::net::TcpListener::from_std(listener) else {
                        return;
                    };
                    let serve = axum::serve(listener, app).into_future();
                    tokio::select! {
                        _ = serve => {}
                        _ = stopped => {}
                    }
                });
                // Open connections are dropped with the runtime.
                runtime.shutdown_background();
            })
            .map_err(StartError::Runtime)?;
        Ok(Running {
            addr: local,
            control: Control::new(shared),
            stop: Some(stop),
            thread: Some(thread),
        })
    }
}

/// A running emulator. Stops when dropped.
pub struct Running {
    addr: SocketAddr,
    control: Control,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl Running {
    /// The API's base URL, `http://127.0.0.1:PORT/1.0`.
    pub fn url(&self) -> String {
        format!("{}/1.0", self.base())
    }

    /// `http://127.0.0.1:PORT` (the control API is under `/_emulator/`).
    pub fn base(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    fn token_of(&self, holder: Holder) -> String {
        self.control
            .tokens()
            .into_iter()
            .find(|t| t.holder == holder)
            .map(|t| t.token)
            .unwrap_or_default()
    }

    /// The administrator's token (read and update sources, reference data, events).
    pub fn admin_token(&self) -> String {
        self.token_of(Holder::Admin)
    }

    /// The read-only supervisor's token (no `update_content_source`, no events, some
    /// sources hidden).
    pub fn reader_token(&self) -> String {
        self.token_of(Holder::Reader)
    }

    /// Every token with its holder, user id and e-mail.
    pub fn tokens(&self) -> Vec<TokenInfo> {
        self.control.tokens()
    }

    /// The state and the control functions, in-process.
    pub fn control(&self) -> &Control {
        &self.control
    }

    /// Stops serving and waits for the server's thread.
    pub fn shutdown(mut self) {
        self.stop_now();
    }

    fn stop_now(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        self.stop_now();
    }
}
