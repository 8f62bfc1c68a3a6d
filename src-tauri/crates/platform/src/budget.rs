//! One request budget per account, shared by every caller (pull, plan, apply, the account
//! test): a token bucket at a share (80% by default) of the platform's documented limit
//! (500 requests per minute). The limit may be shared with the tenant's other
//! integrations, so a 429 can still come: it pauses the whole budget with capped
//! exponential backoff and jitter, and every waiting request resumes after the pause.
//! Workers never retry on their own; their requests go back through the budget.

use std::sync::Mutex;
use std::time::Duration;
use switchboard_core::progress::CancellationToken;
use tokio::time::Instant;

use crate::ApiError;

/// The platform's limit and the share of it Switchboard allows itself.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BudgetConfig {
    /// Requests the platform allows per `window`.
    pub limit: u32,
    pub window: Duration,
    /// The share of `limit` to use (0 < share ≤ 1).
    pub share: f64,
}

impl Default for BudgetConfig {
    fn default() -> Self {
        BudgetConfig {
            limit: 500,
            window: Duration::from_secs(60),
            share: 0.8,
        }
    }
}

/// What the budget has done, for benchmarks and the debug view.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BudgetStats {
    pub granted: u64,
    pub throttled: u64,
}

#[derive(Debug)]
struct State {
    tokens: f64,
    last: Instant,
    paused_until: Option<Instant>,
    /// Consecutive 429s without a success in between (drives the backoff).
    strikes: u32,
    stats: BudgetStats,
}

#[derive(Debug)]
pub struct Budget {
    per_sec: f64,
    burst: f64,
    state: Mutex<State>,
}

const BACKOFF_BASE: Duration = Duration::from_millis(500);
const BACKOFF_CAP: Duration = Duration::from_secs(30);

impl Budget {
    pub fn new(config: BudgetConfig) -> Budget {
        let allowed = (config.limit as f64 * config.share.clamp(0.01, 1.0)).max(1.0);
        let per_sec = allowed / config.window.as_secs_f64().max(0.001);
        // A burst of at most a tenth of the allowance keeps any window of the server's
        // length under burst + allowance ≤ the limit.
        let burst = (allowed / 10.0).clamp(1.0, allowed);
        Budget {
            per_sec,
            burst,
            state: Mutex::new(State {
                tokens: burst,
                last: Instant::now(),
                paused_until: None,
                strikes: 0,
                stats: BudgetStats::default(),
            }),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Waits for a token (and for any pause to end). Gives up at once when cancelled.
    pub async fn acquire(&self, cancel: &CancellationToken) -> Result<(), ApiError> {
        loop {
            let wait = {
                let mut s = self.lock();
                let now = Instant::now();
                let elapsed = now.duration_since(s.last).as_secs_f64();
                s.tokens = (s.tokens + elapsed * self.per_sec).min(self.burst);
                s.last = now;
                match s.paused_until {
                    Some(until) if until > now => until - now,
                    _ if s.tokens >= 1.0 => {
                        s.tokens -= 1.0;
                        s.stats.granted += 1;
                        return Ok(());
                    }
                    _ => Duration::from_secs_f64((1.0 - s.tokens) / self.per_sec),
                }
            };
            tokio::select! {
                biased;
                _ = cancel.cancelled() => return Err(ApiError::Cancelled),
                _ = tokio::time::sleep(wait) => {}
            }
        }
    }

    /// A 429 came back: pause everyone. Returns the pause.
    pub fn throttled(&self) -> Duration {
        let mut s = self.lock();
        s.strikes = s.strikes.saturating_add(1);
        s.stats.throttled += 1;
        let exp = BACKOFF_BASE.saturating_mul(1u32 << (s.strikes - 1).min(10));
        let capped = exp.min(BACKOFF_CAP);
        // Full jitter on half the pause: callers of several accounts do not wake together.
        let pause = capped / 2 + capped.mul_f64(fastrand::f64() / 2.0);
        let until = Instant::now() + pause;
        s.paused_until = Some(s.paused_until.map_or(until, |u| u.max(until)));
        s.tokens = 0.0;
        pause
    }

    /// A request was answered (not 429): the backoff starts over.
    pub fn answered(&self) {
        self.lock().strikes = 0;
    }

    pub fn stats(&self) -> BudgetStats {
        self.lock().stats
    }

    /// Requests per second this budget allows.
    pub fn rate(&self) -> f64 {
        self.per_sec
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn the_bucket_paces_at_the_share_of_the_limit() {
        let b = Budget::new(BudgetConfig {
            limit: 100,
            window: Duration::from_secs(10),
            share: 0.8,
        });
        let cancel = CancellationToken::new();
        let t0 = tokio::time::Instant::now();
        for _ in 0..88 {
            b.acquire(&cancel).await.unwrap();
        }
        // 8 of burst, then 80 at 8 per second: 10 s.
        let took = t0.elapsed();
        assert!(
            took >= Duration::from_millis(9_900) && took <= Duration::from_millis(10_100),
            "{took:?}"
        );
        assert_eq!(b.stats().granted, 88);
    }

    #[tokio::test(start_paused = true)]
    async fn a_429_pauses_every_caller_with_growing_capped_backoff() {
        let b = Budget::new(BudgetConfig::default());
        let first = b.throttled();
        assert!(
            first >= BACKOFF_BASE / 2 && first <= BACKOFF_BASE,
            "{first:?}"
        );
        let mut last = first;
        for _ in 0..20 {
            last = b.throttled();
        }
        assert!(last <= BACKOFF_CAP && last >= BACKOFF_CAP / 2, "{last:?}");
        b.answered();
        let again = b.throttled();
        assert!(
            again <= BACKOFF_BASE,
            "a success resets the backoff: {again:?}"
        );
        let cancel = CancellationToken::new();
        let t0 = tokio::time::Instant::now();
        b.acquire(&cancel).await.unwrap();
        assert!(t0.elapsed() >= again, "nobody passes during the pause");
    }

    #[tokio::test(start_paused = true)]
    async fn cancelling_stops_the_wait() {
        let b = Budget::new(BudgetConfig::default());
        b.throttled();
        let cancel = CancellationToken::new();
        cancel.cancel();
        assert_eq!(b.acquire(&cancel).await, Err(ApiError::Cancelled));
    }
}
