//! Platform accounts and what a pull does to channels, on top of the store and the vault.
//!
//! The API token is sealed in the vault (bound to the account) and never handed back to
//! the window. A pull's page is turned into store writes here, with the catalogue's
//! mapping, normalization and validation, so that a pulled channel is validated exactly
//! as a saved one (with its secrets counted as kept on the platform, where they are
//! write-only).

use crate::error::ChannelError;
use crate::schema_bridge::meta_of;
use crate::service::ChannelService;
use serde_json::{Map, Value};
use std::collections::{BTreeSet, HashMap};
use switchboard_catalogue::api::{apply_api, from_api, kind_of_api_type};
use switchboard_catalogue::normalize::{api_view, record_view};
use switchboard_catalogue::{document, validate, Kind};
use switchboard_core::{FieldMsg, Msg, Sensitive};
use switchboard_platform::BaseUrl;
use switchboard_store::{
    Account, AccountFields, LinkedChannel, ListQuery, PullCounts, PullWrite, RefKind, SyncBase,
    SyncState, UnadoptedSource,
};

/// The vault binds each sealed value to an owner and a name: an account's token is
/// `account:<id>` / `token`, never confusable with a channel's secret.
fn token_owner(account_id: &str) -> String {
    format!("account:{account_id}")
}
const TOKEN: &str = "token";

/// Problems of an account's settings, each naming its field.
pub fn account_problems(f: &AccountFields) -> Vec<FieldMsg> {
    let mut out = Vec::new();
    if f.label.trim().is_empty() {
        out.push(FieldMsg::new(
            "label",
            Msg::new("platform-account-label-required"),
        ));
    } else if f.label.chars().any(char::is_control) {
        out.push(FieldMsg::new(
            "label",
            Msg::new("platform-account-label-control"),
        ));
    }
    if let Err(e) = BaseUrl::parse(&f.base_url) {
        out.push(FieldMsg::new("base_url", Msg::new(e.msg_id())));
    }
    if let Some(email) = f
        .token_user_email
        .as_deref()
        .map(str::trim)
        .filter(|e| !e.is_empty())
    {
        let ok = email.split_once('@').is_some_and(|(u, d)| {
            !u.is_empty() && d.contains('.') && !email.contains(char::is_whitespace)
        });
        if !ok {
            out.push(FieldMsg::new(
                "token_user_email",
                Msg::new("platform-account-email-invalid"),
            ));
        }
    }
    if !(1..=100_000).contains(&f.rate_limit) {
        out.push(FieldMsg::new(
            "rate_limit",
            Msg::new("platform-account-rate-limit"),
        ));
    }
    out
}

fn normalized(mut f: AccountFields) -> AccountFields {
    f.label = f.label.trim().to_owned();
    if let Ok(b) = BaseUrl::parse(&f.base_url) {
        f.base_url = b.as_str().to_owned();
    }
    f.token_user_email = f
        .token_user_email
        .map(|e| e.trim().to_owned())
        .filter(|e| !e.is_empty());
    f
}

/// The state of a linked channel whose draft normalizes to `local`.
pub fn linked_state(local: &Map<String, Value>, base: &SyncBase) -> SyncState {
    let changed_here = *local != base.base;
    let changed_there = base.remote != base.base;
    match (changed_here, changed_there) {
        (false, false) => SyncState::Synced,
        (true, false) => SyncState::Modified,
        (false, true) => SyncState::Remote,
        (true, true) => SyncState::Conflict,
    }
}

impl ChannelService {
    pub fn accounts(&self) -> Result<Vec<Account>, ChannelError> {
        Ok(self.store.accounts()?)
    }

    pub fn account(&self, id: &str) -> Result<Account, ChannelError> {
        Ok(self.store.account(id)?)
    }

    /// Adds an account; the token (when given) goes straight to the vault.
    pub fn create_account(
        &mut self,
        fields: AccountFields,
        token: Option<&Sensitive<String>>,
    ) -> Result<Account, ChannelError> {
        let problems = account_problems(&fields);
        if !problems.is_empty() {
            return Err(ChannelError::InvalidAccount(problems));
        }
        let account = self.store.create_account(&normalized(fields))?;
        if let Some(t) = token.filter(|t| !t.expose().trim().is_empty()) {
            if let Err(e) = self.set_account_token(&account.id, t) {
                // No half-made account without its token.
                let _ = self.store.delete_account(&account.id);
                return Err(e);
            }
        }
        Ok(self.store.account(&account.id)?)
    }

    /// Changes an account's settings; `token: Some` replaces the token.
    pub fn update_account(
        &mut self,
        id: &str,
        fields: AccountFields,
        token: Option<&Sensitive<String>>,
    ) -> Result<Account, ChannelError> {
        let problems = account_problems(&fields);
        if !problems.is_empty() {
            return Err(ChannelError::InvalidAccount(problems));
        }
        self.store.update_account(id, &normalized(fields))?;
        if let Some(t) = token.filter(|t| !t.expose().trim().is_empty()) {
            self.set_account_token(id, t)?;
        }
        Ok(self.store.account(id)?)
    }

    fn set_account_token(
        &mut self,
        id: &str,
        token: &Sensitive<String>,
    ) -> Result<(), ChannelError> {
        let trimmed = Sensitive::new(token.expose().trim().to_owned());
        let sealed = self.vault.seal(&token_owner(id), TOKEN, &trimmed)?;
        self.store.set_account_secret(id, TOKEN, &sealed)?;
        Ok(())
    }

    /// Removes an account; its channels stay as local-only channels. Returns how many.
    pub fn delete_account(&mut self, id: &str) -> Result<usize, ChannelError> {
        Ok(self.store.delete_account(id)?)
    }

    /// The account's token in the clear, for the client about to use it.
    pub fn account_token(&self, id: &str) -> Result<Sensitive<String>, ChannelError> {
        let blob = self
            .store
            .account_secret(id, TOKEN)?
            .ok_or(ChannelError::NoToken)?;
        Ok(self.vault.open(&token_owner(id), TOKEN, &blob)?)
    }

    /// Replaces one list of the account's reference data cache.
    pub fn put_reference(
        &mut self,
        account_id: &str,
        kind: RefKind,
        data: &Value,
        fetched_at: i64,
    ) -> Result<(), ChannelError> {
        Ok(self
            .store
            .put_reference(kind, account_id, data, fetched_at)?)
    }

    pub fn linked_channels(&self, account_id: &str) -> Result<Vec<LinkedChannel>, ChannelError> {
        Ok(self.store.linked_channels(account_id)?)
    }

    pub fn unadopted_sources(
        &self,
        account_id: &str,
    ) -> Result<Vec<UnadoptedSource>, ChannelError> {
        Ok(self.store.unadopted_sources(account_id)?)
    }

    /// The catalogue's validation of a linked channel: its secrets are write-only on the
    /// platform, so they count as set there.
    pub(crate) fn linked_problems(&self, kind: Kind, doc: &Value) -> Vec<FieldMsg> {
        let all: BTreeSet<String> = document::secret_paths(kind).into_iter().collect();
        validate(doc, &all)
    }

    /// Turns one page of sources into store writes. `linked` maps remote ids to the
    /// account's linked channels (read once per pull); `taken` holds the folded names of
    /// every channel, for the unique-name rule, and grows with each adoption.
    pub fn prepare_pull_page(
        &self,
        records: Vec<Map<String, Value>>,
        linked: &HashMap<String, LinkedChannel>,
        taken: &mut HashMap<String, String>,
    ) -> (Vec<PullWrite>, Vec<UnadoptedSource>) {
        let mut writes = Vec::new();
        let mut unadopted = Vec::new();
        for record in records {
            let Some(remote_id) = record.get("id").and_then(id_text) else {
                continue;
            };
            let updated_at = record
                .get("updated_at")
                .and_then(Value::as_str)
                .map(str::to_owned);
            let type_str = record.get("type").and_then(Value::as_str).unwrap_or("");
            let Some(kind) = kind_of_api_type(type_str) else {
                unadopted.push(UnadoptedSource {
                    remote_id,
                    source_type: type_str.chars().take(100).collect(),
                    name: record
                        .get("name")
                        .and_then(Value::as_str)
                        .map(|n| n.chars().take(200).collect()),
                });
                continue;
            };
            let remote = record_view(kind, &record);
            match linked.get(&remote_id) {
                None => {
                    let doc = from_api(kind, &Value::Object(record));
                    let meta = self.pulled_meta(kind, &doc, None, taken);
                    taken.insert(meta.name.trim().to_lowercase(), String::new());
                    writes.push(PullWrite::Adopt {
                        kind: kind.id().to_owned(),
                        doc,
                        meta,
                        remote_id,
                        remote,
                        updated_at,
                    });
                }
                Some(ch) => {
                    let local = api_view(&ch.doc);
                    let (changed_here, server_moved) = match &ch.base {
                        Some(b) => (local != b.base, remote != b.base),
                        None => (local != remote, true),
                    };
                    if changed_here {
                        let state = if server_moved && local != remote {
                            SyncState::Conflict
                        } else if local == remote {
                            SyncState::Synced
                        } else {
                            SyncState::Modified
                        };
                        if state == SyncState::Synced {
                            // Both sides made the same change: the server copy is the
                            // new base, nothing to send or take.
                            let meta = self.pulled_meta(kind, &ch.doc, Some(&ch.channel_id), taken);
                            writes.push(PullWrite::Follow {
                                channel_id: ch.channel_id.clone(),
                                expected_seq: ch.draft_seq,
                                doc: ch.doc.clone(),
                                meta,
                                remote,
                                updated_at,
                                server_moved: false,
                            });
                        } else {
                            writes.push(PullWrite::Keep {
                                channel_id: ch.channel_id.clone(),
                                remote,
                                updated_at,
                                state,
                            });
                        }
                    } else {
                        let doc = if server_moved {
                            apply_api(&ch.doc, &Value::Object(record))
                        } else {
                            ch.doc.clone()
                        };
                        let meta = self.pulled_meta(kind, &doc, Some(&ch.channel_id), taken);
                        writes.push(PullWrite::Follow {
                            channel_id: ch.channel_id.clone(),
                            expected_seq: ch.draft_seq,
                            doc,
                            meta,
                            remote,
                            updated_at,
                            server_moved,
                        });
                    }
                }
            }
        }
        (writes, unadopted)
    }

    fn pulled_meta(
        &self,
        kind: Kind,
        doc: &Value,
        own_id: Option<&str>,
        taken: &HashMap<String, String>,
    ) -> switchboard_store::ChannelMeta {
        let mut problems = self.linked_problems(kind, doc);
        if let Some(name) = document::name_of(doc)
            .map(str::trim)
            .filter(|n| !n.is_empty())
        {
            let holder = taken.get(&name.to_lowercase());
            if holder.is_some_and(|h| Some(h.as_str()) != own_id) {
                problems.push(FieldMsg::new(
                    "general.name",
                    Msg::new("val-name-duplicate").arg("name", name),
                ));
            }
        }
        meta_of(doc, &problems)
    }

    /// The folded names of every live channel, with their ids (the unique-name rule).
    pub fn taken_names(&self) -> Result<HashMap<String, String>, ChannelError> {
        let page = self.store.list(&ListQuery::default())?;
        Ok(page
            .items
            .into_iter()
            .map(|c| (c.name.trim().to_lowercase(), c.id))
            .collect())
    }

    /// Commits one page (whole or not at all).
    pub fn commit_pull(
        &mut self,
        account_id: &str,
        writes: Vec<PullWrite>,
        unadopted: &[UnadoptedSource],
    ) -> Result<PullCounts, ChannelError> {
        // A pulled name may be one another channel has (or had): those are re-checked.
        // Only where it can matter, so that a pull without renames costs no more: an
        // adopted source whose name is already here, a followed or pushed rename.
        let mut names: Vec<String> = Vec::new();
        for w in &writes {
            match w {
                PullWrite::Adopt { meta, .. } => {
                    if self.store.name_taken(&meta.name, "")? {
                        names.push(meta.name.clone());
                    }
                }
                PullWrite::Follow {
                    channel_id, meta, ..
                }
                | PullWrite::Pushed {
                    channel_id, meta, ..
                } => {
                    // A channel deleted meanwhile: the store's commit decides.
                    let Ok(old) = self.store.get(channel_id).map(|c| c.meta.name) else {
                        continue;
                    };
                    if old.trim().to_lowercase() != meta.name.trim().to_lowercase() {
                        names.push(old);
                        names.push(meta.name.clone());
                    }
                }
                PullWrite::Keep { .. } | PullWrite::Missing { .. } => {}
            }
        }
        let counts = self.store.commit_pull(account_id, writes, unadopted)?;
        self.recheck_named(names.iter().map(String::as_str))?;
        Ok(counts)
    }

    /// After every page: linked channels whose source no page carried are marked (never
    /// unlinked or deleted: a missing source may only be hidden from this token), the
    /// unadopted list forgets what was not seen, and the account records the time.
    pub fn finish_pull(
        &mut self,
        account_id: &str,
        seen: &BTreeSet<String>,
        started_at: i64,
    ) -> Result<u32, ChannelError> {
        let missing: Vec<PullWrite> = self
            .store
            .linked_channels(account_id)?
            .into_iter()
            .filter(|c| !seen.contains(&c.remote_id))
            .map(|c| PullWrite::Missing {
                channel_id: c.channel_id,
            })
            .collect();
        let n = missing.len() as u32;
        if n > 0 {
            self.store.commit_pull(account_id, missing, &[])?;
        }
        self.store.finish_pull(account_id, started_at)?;
        Ok(n)
    }

    /// After a save of a linked channel: changed here or back in sync, from the base.
    pub(crate) fn refresh_linked_state(
        &mut self,
        id: &str,
        doc: &Value,
    ) -> Result<(), ChannelError> {
        if let Some(base) = self.store.sync_base(id)? {
            let state = linked_state(&api_view(doc), &base);
            self.store.set_linked_state(id, state)?;
        }
        Ok(())
    }
}

/// Ids arrive as strings; a number is accepted and kept as its text.
fn id_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) if !s.is_empty() && s.len() <= 200 => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

impl ChannelService {
    /// After an apply's PUT (or a re-read that found our values on the server): the
    /// server's answer becomes the channel's base and remote, the draft follows it (its
    /// local-only settings kept) and a revision with origin "pushed" records it.
    pub fn commit_push(
        &mut self,
        account_id: &str,
        channel_id: &str,
        record: &Map<String, Value>,
    ) -> Result<(), ChannelError> {
        let view = self.get(channel_id)?;
        let Some(kind) = Kind::parse(&view.channel.kind) else {
            return Ok(());
        };
        let doc = apply_api(&view.channel.doc, &Value::Object(record.clone()));
        let remote = record_view(kind, record);
        let state = if api_view(&doc) == remote {
            SyncState::Synced
        } else {
            SyncState::Modified
        };
        let meta = self.pulled_meta(kind, &doc, Some(channel_id), &HashMap::new());
        let write = PullWrite::Pushed {
            channel_id: channel_id.to_owned(),
            doc,
            meta,
            remote,
            updated_at: record
                .get("updated_at")
                .and_then(Value::as_str)
                .map(str::to_owned),
            state,
        };
        self.store.commit_pull(account_id, vec![write], &[])?;
        Ok(())
    }

    /// The catalogue's problems of a linked channel (its secrets count as set on the
    /// platform): a plan blocks an invalid channel, and only it.
    pub fn channel_problems(&self, kind: Kind, doc: &Value) -> Vec<FieldMsg> {
        self.linked_problems(kind, doc)
    }

    /// Links a local-only channel to a source created in the web admin ("create it in the
    /// web admin, then link it"). The server copy becomes the base, so the draft's own
    /// values show in the next plan as "will send": linking pushes nothing. Refused, naming
    /// the field, when the channel is already linked, the kinds differ, or another channel
    /// holds the source.
    pub fn link_to_source(
        &mut self,
        channel_id: &str,
        account_id: &str,
        record: &Map<String, Value>,
    ) -> Result<SyncState, ChannelError> {
        let invalid = |id: &'static str| ChannelError::Invalid {
            path: "remote_id".into(),
            id,
        };
        let view = self.get(channel_id)?;
        if view.channel.remote_id.is_some() {
            return Err(invalid("sync-link-already-linked"));
        }
        let kind = Kind::parse(&view.channel.kind)
            .ok_or_else(|| ChannelError::UnknownKind(view.channel.kind.clone()))?;
        let remote_id = record
            .get("id")
            .and_then(id_text)
            .ok_or(invalid("sync-link-no-source"))?;
        let source_kind = record
            .get("type")
            .and_then(Value::as_str)
            .and_then(kind_of_api_type);
        if source_kind != Some(kind) {
            return Err(invalid("sync-link-other-kind"));
        }
        let taken = self
            .store
            .linked_ids(account_id)?
            .into_iter()
            .any(|(_, r)| r == remote_id);
        if taken {
            return Err(invalid("sync-link-taken"));
        }
        self.store.account(account_id)?;
        let remote = record_view(kind, record);
        let updated_at = record
            .get("updated_at")
            .and_then(Value::as_str)
            .map(str::to_owned);
        let base = SyncBase::agreed(remote, updated_at, crate::connections::now_ms());
        let state = linked_state(&api_view(&view.channel.doc), &base);
        self.store
            .link_channel(channel_id, account_id, &remote_id, &base, state)?;
        Ok(state)
    }

    /// Local-only channels (no account), for the plan's "create it in the web admin,
    /// then link it" list.
    pub fn local_only_channels(
        &self,
    ) -> Result<Vec<switchboard_store::ChannelSummary>, ChannelError> {
        let page = self.store.list(&ListQuery {
            account: Some(String::new()),
            ..ListQuery::default()
        })?;
        Ok(page.items)
    }
}
