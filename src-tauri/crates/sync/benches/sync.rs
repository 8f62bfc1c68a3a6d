//! Plan and apply figures (printed, never asserted):
//! - the plan of an account with 1,000 linked channels, 100 of them edited: time (min /
//!   median / max of 5) and peak memory (high-water mark above the resident size before);
//! - an apply of 200 updates against the emulator with its limit scaled down to 50
//!   requests per 6 s, through a budget made for that limit (80% of it): the share of the
//!   budget used (requests per second achieved ÷ allowed) and the 429s the emulator sent.
//!
//! `cargo bench -p switchboard-sync --bench sync` (about 90 s, most of it the paced apply)

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use switchboard_channels::ChannelService;
use switchboard_core::progress::{CancellationToken, ProgressEvent};
use switchboard_core::Sensitive;
use switchboard_emulator::{Config, Emulator, FaultsPatch, RateLimit};
use switchboard_platform::{BaseUrl, Budget, BudgetConfig, Client, ClientConfig};
use switchboard_store::{AccountFields, Environment, JournalStep, Store};
use switchboard_vault::{MemoryKeySource, Vault};

const SOURCES: usize = 1000;
const EDITED_FOR_PLAN: usize = 100;
const UPDATES: usize = 200;

fn kib(field: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(field))
                .and_then(|l| l.split_whitespace().nth(1).and_then(|n| n.parse().ok()))
        })
        .unwrap_or(0)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn client(url: &str, token: &str, budget: BudgetConfig) -> Client {
    Client::new(
        BaseUrl::parse(url).unwrap(),
        Sensitive::new(token.to_owned()),
        Arc::new(Budget::new(budget)),
        ClientConfig::default(),
    )
}

fn rename(service: &Arc<Mutex<ChannelService>>, account: &str, n: usize, tag: &str) {
    let mut s = service.lock().unwrap();
    for ch in s.linked_channels(account).unwrap().into_iter().take(n) {
        let mut doc = ch.doc.clone();
        doc["general"]["name"] = serde_json::json!(format!("{tag} {}", ch.remote_id));
        s.save(&ch.channel_id, doc).unwrap();
    }
}

fn main() {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    let emu = Emulator::start(Config {
        sources: SOURCES,
        seed: 42,
        rate_limit: RateLimit {
            requests: 100_000,
            window: Duration::from_secs(60),
        },
        ..Config::default()
    })
    .unwrap();
    let (url, token) = (emu.url(), emu.admin_token());
    let fast = BudgetConfig {
        limit: 100_000,
        ..BudgetConfig::default()
    };
    let dir = tempfile::tempdir().unwrap();
    let mut service = ChannelService::new(
        Store::open(&dir.path().join("bench.sqlite3")).unwrap(),
        Vault::new(MemoryKeySource::random()),
    );
    let account = service
        .create_account(
            AccountFields {
                label: "Bench".into(),
                environment: Environment::Other,
                base_url: url.clone(),
                token_user_email: None,
                demo: false,
                rate_limit: 100_000,
            },
            Some(&Sensitive::new(token.clone())),
        )
        .unwrap()
        .id;
    let service = Arc::new(Mutex::new(service));
    let cancel = CancellationToken::new();
    let sink = |_: ProgressEvent| {};
    rt.block_on(switchboard_sync::pull(
        service.clone(),
        &account,
        &client(&url, &token, fast),
        &sink,
        &cancel,
    ))
    .map_err(|(e, _)| e)
    .unwrap();
    let linked = service
        .lock()
        .unwrap()
        .linked_channels(&account)
        .unwrap()
        .len();
    rename(&service, &account, EDITED_FOR_PLAN, "Plan");

    let mut times = Vec::new();
    let mut peak_kib = 0;
    let mut planned = 0;
    for _ in 0..5 {
        let c = client(&url, &token, fast);
        let rss_before = kib("VmRSS:");
        let _ = std::fs::write("/proc/self/clear_refs", "5");
        let t0 = Instant::now();
        let plan = rt
            .block_on(switchboard_sync::plan(
                service.clone(),
                &account,
                &c,
                &sink,
                &cancel,
            ))
            .unwrap();
        times.push(t0.elapsed());
        peak_kib = peak_kib.max(kib("VmHWM:").saturating_sub(rss_before));
        planned = plan.channels.len();
    }
    times.sort();
    println!(
        "plan of {linked} linked channels ({planned} with changes), 5 rounds: {:.1} / {:.1} / {:.1} ms (min / median / max)",
        ms(times[0]),
        ms(times[2]),
        ms(times[4])
    );
    println!(
        "  peak memory of the plan (high-water mark above the resident size before it): {:.1} MiB",
        peak_kib as f64 / 1024.0
    );

    // The apply: 200 updates, the emulator at 50 requests per 6 s, the budget made for it.
    // One budget for the account, as in the app: the plan's page reads and the apply
    // share it (the server's window counts both).
    rename(&service, &account, UPDATES + 60, "Apply");
    emu.control()
        .set_faults(&FaultsPatch {
            rate_limit: Some(50),
            window_seconds: Some(6.0),
            ..FaultsPatch::default()
        })
        .unwrap();
    // Let the server's window forget the fast requests above.
    std::thread::sleep(Duration::from_secs(7));
    emu.control().reset_stats();
    let paced = BudgetConfig {
        limit: 50,
        window: Duration::from_secs(6),
        share: 0.8,
    };
    let c = client(&url, &token, paced);
    let t0 = Instant::now();
    let mut plan = rt
        .block_on(switchboard_sync::plan(
            service.clone(),
            &account,
            &c,
            &sink,
            &cancel,
        ))
        .unwrap();
    let mut kept = 0;
    for c in plan.channels.iter_mut() {
        if c.actionable() && kept < UPDATES {
            kept += 1;
        } else {
            c.excluded = true;
        }
    }
    plan.freeze();
    let allowed_per_sec = c.budget().rate();
    let report = rt
        .block_on(switchboard_sync::apply(
            service.clone(),
            &c,
            &plan,
            &sink,
            &cancel,
        ))
        .unwrap();
    let elapsed = t0.elapsed();
    let stats = emu.control().stats();
    let requests: u64 = stats.requests.values().sum();
    let achieved = requests as f64 / elapsed.as_secs_f64();
    println!(
        "plan + apply of {kept} updates ({} applied) at 50 requests / 6 s, one budget: {requests} requests in {:.1} s",
        report.count(JournalStep::Applied),
        elapsed.as_secs_f64()
    );
    println!(
        "  budget used: {:.1}% ({achieved:.2} req/s of {allowed_per_sec:.2} allowed, 80% of the limit); 429s: {}",
        100.0 * achieved / allowed_per_sec,
        stats.rate_limited
    );
}
