//! A store + vault + emulator, as the app composes them.

use std::sync::{Arc, Mutex};
use switchboard_channels::ChannelService;
use switchboard_core::progress::{CancellationToken, ProgressEvent};
use switchboard_core::Sensitive;
use switchboard_emulator::{Config, Emulator, Running};
use switchboard_platform::{BaseUrl, Budget, BudgetConfig, Client, ClientConfig};
use switchboard_store::{AccountFields, Environment, Store};
use switchboard_sync::{pull, PullReport};
use switchboard_vault::{MemoryKeySource, Vault};

pub struct World {
    pub emu: Running,
    pub service: Arc<Mutex<ChannelService>>,
    pub account: String,
    pub db: std::path::PathBuf,
    _dir: tempfile::TempDir,
}

pub fn client_for(emu: &Running, token: &str, config: ClientConfig) -> Client {
    Client::new(
        BaseUrl::parse(&emu.url()).unwrap(),
        Sensitive::new(token.to_owned()),
        Arc::new(Budget::new(BudgetConfig::default())),
        config,
    )
}

impl World {
    pub fn new(sources: usize, seed: u64) -> World {
        let emu = Emulator::start(Config {
            sources,
            seed,
            ..Config::default()
        })
        .unwrap();
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("switchboard.sqlite3");
        let mut service = ChannelService::new(
            Store::open(&db).unwrap(),
            Vault::new(MemoryKeySource::random()),
        );
        let account = service
            .create_account(
                AccountFields {
                    label: "Emulated".into(),
                    environment: Environment::Sandbox,
                    base_url: emu.url(),
                    token_user_email: None,
                    demo: false,
                    rate_limit: 100_000,
                },
                Some(&Sensitive::new(emu.admin_token())),
            )
            .unwrap()
            .id;
        World {
            emu,
            service: Arc::new(Mutex::new(service)),
            account,
            db,
            _dir: dir,
        }
    }

    pub fn client(&self) -> Client {
        let token = self
            .service
            .lock()
            .unwrap()
            .account_token(&self.account)
            .unwrap();
        Client::new(
            BaseUrl::parse(&self.emu.url()).unwrap(),
            token,
            Arc::new(Budget::new(BudgetConfig {
                limit: 100_000,
                ..BudgetConfig::default()
            })),
            ClientConfig::default(),
        )
    }

    pub async fn pull(&self) -> PullReport {
        let sink = |_: ProgressEvent| {};
        pull(
            self.service.clone(),
            &self.account,
            &self.client(),
            &sink,
            &CancellationToken::new(),
        )
        .await
        .map_err(|(e, _)| e)
        .expect("pull")
    }
}

impl World {
    pub async fn plan(&self) -> switchboard_sync::Plan {
        let sink = |_: ProgressEvent| {};
        switchboard_sync::plan(
            self.service.clone(),
            &self.account,
            &self.client(),
            &sink,
            &CancellationToken::new(),
        )
        .await
        .expect("plan")
    }

    pub async fn apply(
        &self,
        plan: &switchboard_sync::Plan,
    ) -> Result<switchboard_sync::ApplyReport, switchboard_sync::SyncError> {
        let sink = |_: ProgressEvent| {};
        switchboard_sync::apply(
            self.service.clone(),
            &self.client(),
            plan,
            &sink,
            &CancellationToken::new(),
        )
        .await
    }

    /// Renames a linked channel's draft here.
    pub fn rename(&self, channel_id: &str, name: &str) {
        let mut s = self.service.lock().unwrap();
        let mut doc = s.get(channel_id).unwrap().channel.doc;
        doc["general"]["name"] = serde_json::json!(name);
        s.save(channel_id, doc).unwrap();
    }

    /// Another administrator renames the source on the server.
    pub fn rename_on_server(&self, remote_id: &str, name: &str) {
        let mut f = serde_json::Map::new();
        f.insert("name".into(), serde_json::Value::String(name.into()));
        self.emu.control().edit_source(remote_id, &f, None).unwrap();
    }

    pub fn server_name(&self, remote_id: &str) -> String {
        self.emu
            .control()
            .raw_source(remote_id)
            .and_then(|s| s.get("name").and_then(|n| n.as_str()).map(str::to_owned))
            .unwrap_or_default()
    }
}
