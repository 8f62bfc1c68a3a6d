//! Everything the emulator holds while it runs, behind one lock: the fixture's data, the
//! changes made since, the journal of events, the fault knobs and the statistics tests
//! read back. Requests are small and the lock is never held across an await.

use crate::clock;
use crate::config::Faults;
use crate::fixture::people::TokenInfo;
use crate::fixture::{self, reference::Reference};
use crate::rng::Rng;
use crate::source::fields::{RefKind, Refs};
use crate::source::{Applied, SourceRec};
use serde::Serialize;
use serde_json::{json, Value};
use std::collections::{BTreeMap, HashMap, VecDeque};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// One PUT as the server received it (secret values redacted).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PutRecord {
    /// Position among the source reads and writes the emulator handled (see
    /// `Stats::reads`), to tell whether a client re-read a source between two PUTs.
    pub seq: u64,
    /// `content_source` or `email_credentials`.
    pub endpoint: String,
    /// Parameters as parsed (Rack style), by top-level name.
    pub params: BTreeMap<String, Value>,
    pub status: u16,
    pub changed: Vec<String>,
    pub ignored: Vec<String>,
    pub user_id: String,
    pub at: String,
}

/// What the emulator saw (`GET /_emulator/stats`).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Stats {
    /// API requests by `METHOD /path/{template}` (unmatched: `METHOD (unmatched)`).
    pub requests: BTreeMap<String, u64>,
    /// API answers by status code.
    pub statuses: BTreeMap<u16, u64>,
    /// 429s sent, forced ones included.
    pub rate_limited: u64,
    /// Of which forced through `force_429`.
    pub forced_429: u64,
    /// 5xx answers injected by the error rate.
    pub server_errors: u64,
    /// Answers cut mid-body by the drop rate.
    pub dropped: u64,
    /// PUTs per source id, in the order received.
    pub puts: BTreeMap<String, Vec<PutRecord>>,
    /// Per source id, the `seq` of each `GET /content_sources/{id}` answered 200.
    pub reads: BTreeMap<String, Vec<u64>>,
    /// The last `seq` given.
    pub seq: u64,
}

impl Stats {
    /// Every PUT parameter name sent to `source_id` with status 200, in order: a test
    /// asserts that no field was sent twice.
    pub fn accepted_put_params(&self, source_id: &str) -> Vec<String> {
        self.puts
            .get(source_id)
            .into_iter()
            .flatten()
            .filter(|p| p.status == 200)
            .flat_map(|p| p.params.keys().cloned())
            .collect()
    }

    /// Parameters that reached `source_id` in a PUT the server handled (answered 200,
    /// whether or not the answer got through) and then came again in a later one with no
    /// `GET /content_sources/{id}` in between: what "never send a change twice blindly"
    /// forbids. Empty when every resend followed a re-read.
    pub fn resent_without_reread(&self, source_id: &str) -> Vec<String> {
        let reads = self
            .reads
            .get(source_id)
            .map(Vec::as_slice)
            .unwrap_or_default();
        let mut out = Vec::new();
        let mut last_sent: BTreeMap<&str, u64> = BTreeMap::new();
        for p in self.puts.get(source_id).into_iter().flatten() {
            if p.status != 200 {
                continue;
            }
            for k in p.params.keys() {
                if let Some(prev) = last_sent.get(k.as_str()) {
                    if !reads.iter().any(|r| r > prev && *r < p.seq) {
                        out.push(k.clone());
                    }
                }
                last_sent.insert(k, p.seq);
            }
        }
        out
    }

    pub(crate) fn next_seq(&mut self) -> u64 {
        self.seq += 1;
        self.seq
    }
}

pub struct State {
    pub reference: Reference,
    pub roles: Vec<Value>,
    pub users: Vec<Value>,
    pub tokens: Vec<TokenInfo>,
    pub sources: Vec<SourceRec>,
    index: HashMap<String, usize>,
    /// Newest last.
    pub events: Vec<Value>,
    id_rng: Rng,
    pub faults: Faults,
    fault_rng: Rng,
    windows: HashMap<String, VecDeque<Instant>>,
    pub stats: Stats,
}

/// The user a request acts as.
#[derive(Debug, Clone)]
pub struct Caller {
    pub user_id: String,
    pub role_id: String,
    role: Value,
}

impl Caller {
    pub fn may(&self, permission: &str) -> bool {
        self.role[permission] == true
    }
}

/// What the gate decided for a request, drawn in a fixed order so a seed always gives the
/// same sequence of faults for the same sequence of requests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Pass { drop: bool },
    RateLimited { forced: bool },
    ServerError(u16),
}

impl State {
    pub fn new(seed: u64, sources: usize, tokens: [Option<String>; 3], faults: Faults) -> State {
        let f = fixture::build(seed, sources, tokens);
        let index = f
            .sources
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.clone(), i))
            .collect();
        let mut events = f.events;
        events.sort_by(|a, b| a["created_at"].as_str().cmp(&b["created_at"].as_str()));
        State {
            reference: f.reference,
            roles: f.people.roles,
            users: f.people.users,
            tokens: f.people.tokens,
            sources: f.sources,
            index,
            events,
            id_rng: Rng::derive(seed, "runtime ids"),
            faults,
            fault_rng: Rng::derive(seed, "faults"),
            windows: HashMap::new(),
            stats: Stats::default(),
        }
    }

    pub fn caller(&self, token: &str) -> Option<Caller> {
        let t = self.tokens.iter().find(|t| t.token == token)?;
        let user = self.users.iter().find(|u| u["id"] == t.user_id.as_str())?;
        let role_id = user["role_id"].as_str()?.to_owned();
        let role = self
            .roles
            .iter()
            .find(|r| r["id"] == role_id.as_str())?
            .clone();
        Some(Caller {
            user_id: t.user_id.clone(),
            role_id,
            role,
        })
    }

    pub fn user_exists(&self, id: &str) -> bool {
        self.users.iter().any(|u| u["id"] == id)
    }

    /// The gate's decision for one API request by `token`.
    pub fn verdict(&mut self, token: &str, now: Instant) -> Verdict {
        // Both draws always happen, so the sequence does not depend on the rates.
        let fail = self.fault_rng.unit();
        let drop = self.fault_rng.unit();
        let status = if self.fault_rng.next_u64().is_multiple_of(2) {
            500
        } else {
            503
        };
        if self.faults.force_429 > 0 {
            self.faults.force_429 -= 1;
            self.stats.rate_limited += 1;
            self.stats.forced_429 += 1;
            return Verdict::RateLimited { forced: true };
        }
        if self.faults.rate_limit > 0 {
            // Sliding window: at most `rate_limit` accepted requests in any span of
            // `window_seconds`. Refused requests do not count against the window.
            let window = Duration::from_secs_f64(self.faults.window_seconds);
            let log = self.windows.entry(token.to_owned()).or_default();
            while log
                .front()
                .is_some_and(|t| now.duration_since(*t) >= window)
            {
                log.pop_front();
            }
            if log.len() >= self.faults.rate_limit as usize {
                self.stats.rate_limited += 1;
                return Verdict::RateLimited { forced: false };
            }
            log.push_back(now);
        }
        if fail < self.faults.error_rate {
            self.stats.server_errors += 1;
            return Verdict::ServerError(status);
        }
        Verdict::Pass {
            drop: drop < self.faults.drop_rate,
        }
    }

    pub fn source_index(&self, id: &str) -> Option<usize> {
        self.index.get(id).copied()
    }

    /// The source if `user_id` may read it (`None` for the control API: any source).
    pub fn source(&self, id: &str, user_id: Option<&str>) -> Option<&SourceRec> {
        let s = &self.sources[self.source_index(id)?];
        match user_id {
            Some(u) if s.hidden_from.contains(u) => None,
            _ => Some(s),
        }
    }

    /// Applies a change to a source as `user_id` and journals it when something changed.
    pub fn change_source(
        &mut self,
        idx: usize,
        changes: &[(String, Value)],
        user_id: &str,
        admin: bool,
    ) -> Result<Applied, Vec<String>> {
        let now = clock::now();
        let refs = RefsOf(&self.reference);
        let applied = self.sources[idx].apply(changes, &refs, admin, now)?;
        if !applied.changed.is_empty() {
            let source_id = self.sources[idx].id.clone();
            let id = self.id_rng.object_id(now);
            self.events.push(json!({
                "id": id,
                "name": "content_source.updated",
                "user_id": user_id,
                "created_at": clock::iso(now),
                "updated_at": clock::iso(now),
                "extra_infos": {"content_source_id": source_id, "user_id": user_id},
            }));
        }
        Ok(applied)
    }
}

/// Reference data as the validation sees it.
pub struct RefsOf<'a>(pub &'a Reference);

impl Refs for RefsOf<'_> {
    fn has(&self, kind: RefKind, id: &str) -> bool {
        let (list, key) = match kind {
            RefKind::Channel => (&self.0.channels, "id"),
            RefKind::Community => (&self.0.communities, "id"),
            RefKind::Category => (&self.0.categories, "id"),
            RefKind::TimeSheet => (&self.0.time_sheets, "id"),
            RefKind::Locale => (&self.0.locales, "code"),
        };
        list.iter().any(|v| v[key] == id)
    }
}

/// The shared state of one running emulator.
pub struct Shared {
    state: Mutex<State>,
    /// Wakes the PUTs held by `Faults::hold_puts` when it is turned off.
    pub(crate) released: tokio::sync::Notify,
}

impl Shared {
    pub fn new(state: State) -> Shared {
        Shared {
            state: Mutex::new(state),
            released: tokio::sync::Notify::new(),
        }
    }

    pub fn lock(&self) -> MutexGuard<'_, State> {
        // A panic while holding the lock leaves data that is still consistent (every
        // change is all-or-nothing), so a poisoned lock is used as is.
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }
}
