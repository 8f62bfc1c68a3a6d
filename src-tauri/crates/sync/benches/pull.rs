//! Pull of 1,000 sources (7 pages of 150) against the emulator, side by side with the
//! floor: the same 7 page requests sent one after the other by the same client to the
//! same emulator, in the same run. Prints min / median / max of each, their ratio
//! (target ≤ 1.2×), and the pull's peak memory (the process's high-water mark, reset just
//! before the pull, minus the resident size then).
//!
//! Run twice: with the emulator answering at once (loopback: the floor is tiny, so the
//! figure is the cost of mapping, validating and committing 150 channels per page), and
//! with 80 ms added to every answer (a tenant across the internet), where the pull's
//! pipelining (the next page is fetched while this one is written) should hide that work.
//!
//! `cargo bench -p switchboard-sync --bench pull`

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use switchboard_channels::ChannelService;
use switchboard_core::progress::{CancellationToken, ProgressEvent};
use switchboard_core::Sensitive;
use switchboard_emulator::{Config, Emulator};
use switchboard_platform::{BaseUrl, Budget, BudgetConfig, Client, ClientConfig, PAGE_SIZE};
use switchboard_store::{AccountFields, Environment, Store};
use switchboard_vault::{MemoryKeySource, Vault};

const SOURCES: usize = 1000;
const ROUNDS: usize = 5;

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

fn stats(mut v: Vec<Duration>) -> (Duration, Duration, Duration) {
    v.sort();
    (v[0], v[v.len() / 2], v[v.len() - 1])
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn client(url: &str, token: &str) -> Client {
    Client::new(
        BaseUrl::parse(url).unwrap(),
        Sensitive::new(token.to_owned()),
        // The emulator's own limit is the documented one: the budget allows the burst.
        Arc::new(Budget::new(BudgetConfig::default())),
        ClientConfig::default(),
    )
}

fn main() {
    for latency_ms in [0u64, 80] {
        run(latency_ms);
    }
}

fn run(latency_ms: u64) {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    let emu = Emulator::start(Config {
        latency: Duration::from_millis(latency_ms),
        sources: SOURCES,
        seed: 42,
        rate_limit: switchboard_emulator::RateLimit {
            requests: 100_000,
            window: Duration::from_secs(60),
        },
        ..Config::default()
    })
    .unwrap();
    let (url, token) = (emu.url(), emu.admin_token());
    let pages = SOURCES.div_ceil(PAGE_SIZE as usize) as u32;
    let cancel = CancellationToken::new();

    let mut floors = Vec::new();
    let mut pulls = Vec::new();
    let mut peak_kib = 0;
    for round in 0..ROUNDS {
        // The floor: the pages alone, one after the other.
        let c = client(&url, &token);
        let t0 = Instant::now();
        rt.block_on(async {
            for p in 0..pages {
                c.sources_page(p * PAGE_SIZE, PAGE_SIZE, &cancel)
                    .await
                    .unwrap();
            }
        });
        floors.push(t0.elapsed());

        // The pull, into a new store each round (every source adopted).
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
        let c = client(&url, &token);
        let sink = |_: ProgressEvent| {};
        let rss_before = kib("VmRSS:");
        // Linux: writing 5 resets the peak resident size to the current one.
        let _ = std::fs::write("/proc/self/clear_refs", "5");
        let t0 = Instant::now();
        let report = rt
            .block_on(switchboard_sync::pull(
                service.clone(),
                &account,
                &c,
                &sink,
                &cancel,
            ))
            .map_err(|(e, _)| e)
            .unwrap();
        pulls.push(t0.elapsed());
        peak_kib = peak_kib.max(kib("VmHWM:").saturating_sub(rss_before));
        assert_eq!(report.counts.adopted as usize, SOURCES - 1);
        eprintln!(
            "round {round}: floor {:.1} ms, pull {:.1} ms",
            ms(floors[round]),
            ms(pulls[round])
        );
    }
    let (fmin, fmed, fmax) = stats(floors);
    let (pmin, pmed, pmax) = stats(pulls);
    println!("pull of {SOURCES} sources ({pages} pages of {PAGE_SIZE}), emulator latency {latency_ms} ms, {ROUNDS} rounds, min / median / max:");
    println!(
        "  floor ({pages} sequential page requests): {:.1} / {:.1} / {:.1} ms",
        ms(fmin),
        ms(fmed),
        ms(fmax)
    );
    println!(
        "  pull (reference data + pages + store):    {:.1} / {:.1} / {:.1} ms",
        ms(pmin),
        ms(pmed),
        ms(pmax)
    );
    println!(
        "  ratio pull / floor (medians): {:.2}x (target <= 1.2x)",
        ms(pmed) / ms(fmed)
    );
    println!(
        "  peak memory of the pull (high-water mark above the resident size before it): {:.1} MiB",
        peak_kib as f64 / 1024.0
    );
}
