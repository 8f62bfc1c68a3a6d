//! How an emulator is started (`Config`) and the fault knobs that can change while it
//! runs (`Faults`).

use serde::{Deserialize, Serialize};
use std::net::{IpAddr, Ipv4Addr};
use std::time::Duration;

/// The platform's documented limit: 500 requests per minute.
pub const DOCUMENTED_RATE_LIMIT: RateLimit = RateLimit {
    requests: 500,
    window: Duration::from_secs(60),
};

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RateLimit {
    /// Requests allowed per window and per token; 0 turns the limit off.
    pub requests: u32,
    pub window: Duration,
}

impl RateLimit {
    /// `"50/6"`: 50 requests per 6 seconds.
    pub fn parse(s: &str) -> Option<RateLimit> {
        let (n, secs) = s.split_once('/')?;
        let secs: f64 = secs.trim().parse().ok()?;
        (secs > 0.0 && secs.is_finite()).then_some(())?;
        Some(RateLimit {
            requests: n.trim().parse().ok()?,
            window: Duration::from_secs_f64(secs),
        })
    }
}

/// Tokens of the three token holders; `None` = generated from the seed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tokens {
    pub admin: Option<String>,
    pub reader: Option<String>,
    pub other_admin: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// Loopback by default; the emulator has no TLS and no reason to be reachable.
    pub host: IpAddr,
    /// 0: a free port.
    pub port: u16,
    /// How many content sources the fixture has (every kind is covered from 16).
    pub sources: usize,
    pub seed: u64,
    pub rate_limit: RateLimit,
    /// Added before every API answer.
    pub latency: Duration,
    /// Share of API requests answered 500/503 (drawn from the seed).
    pub error_rate: f64,
    /// Share of API answers cut mid-body (headers and part of the body, then the
    /// connection closes).
    pub drop_rate: f64,
    pub tokens: Tokens,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            host: IpAddr::V4(Ipv4Addr::LOCALHOST),
            port: 0,
            sources: 40,
            seed: 1,
            rate_limit: DOCUMENTED_RATE_LIMIT,
            latency: Duration::ZERO,
            error_rate: 0.0,
            drop_rate: 0.0,
            tokens: Tokens::default(),
        }
    }
}

impl Config {
    /// The app's "Demo platform": 40 sources across every kind, no faults, the
    /// documented rate limit.
    pub fn demo() -> Self {
        Config {
            sources: 40,
            seed: 2026,
            ..Config::default()
        }
    }

    pub(crate) fn faults(&self) -> Faults {
        Faults {
            rate_limit: self.rate_limit.requests,
            window_seconds: self.rate_limit.window.as_secs_f64(),
            latency_ms: self.latency.as_millis() as u64,
            error_rate: self.error_rate,
            drop_rate: self.drop_rate,
            force_429: 0,
            hold_puts: false,
            pass_puts: 0,
            held_puts: 0,
        }
    }
}

/// The fault knobs as they stand (`GET`/`PUT /_emulator/faults`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Faults {
    pub rate_limit: u32,
    pub window_seconds: f64,
    pub latency_ms: u64,
    pub error_rate: f64,
    pub drop_rate: f64,
    /// The next this-many API requests (with a valid token) are answered 429.
    pub force_429: u32,
    /// API PUTs wait (after `pass_puts` more have gone through) until this is turned
    /// off: a test can act while a write is provably in flight, with no race against
    /// a latency (e.g. Cancel during an apply).
    pub hold_puts: bool,
    /// While `hold_puts` is on, how many more PUTs go through before they are held.
    pub pass_puts: u32,
    /// PUTs waiting right now (read-only: a test waits for it before acting).
    pub held_puts: u32,
}

/// A change to some knobs; the others stay.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FaultsPatch {
    pub rate_limit: Option<u32>,
    pub window_seconds: Option<f64>,
    pub latency_ms: Option<u64>,
    pub error_rate: Option<f64>,
    pub drop_rate: Option<f64>,
    pub force_429: Option<u32>,
    pub hold_puts: Option<bool>,
    pub pass_puts: Option<u32>,
}

impl Faults {
    pub fn apply(&mut self, p: &FaultsPatch) -> Result<(), String> {
        let rate = |r: Option<f64>, n: &str| match r {
            Some(r) if !(0.0..=1.0).contains(&r) => Err(format!("{n} must be between 0 and 1")),
            _ => Ok(()),
        };
        rate(p.error_rate, "error_rate")?;
        rate(p.drop_rate, "drop_rate")?;
        if p.window_seconds
            .is_some_and(|w| !(w > 0.0 && w.is_finite()))
        {
            return Err("window_seconds must be positive".into());
        }
        if let Some(v) = p.rate_limit {
            self.rate_limit = v;
        }
        if let Some(v) = p.window_seconds {
            self.window_seconds = v;
        }
        if let Some(v) = p.latency_ms {
            self.latency_ms = v;
        }
        if let Some(v) = p.error_rate {
            self.error_rate = v;
        }
        if let Some(v) = p.drop_rate {
            self.drop_rate = v;
        }
        if let Some(v) = p.force_429 {
            self.force_429 = v;
        }
        if let Some(v) = p.hold_puts {
            self.hold_puts = v;
        }
        if let Some(v) = p.pass_puts {
            self.pass_puts = v;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rate_limit_spelling() {
        assert_eq!(
            RateLimit::parse("50/6"),
            Some(RateLimit {
                requests: 50,
                window: Duration::from_secs(6)
            })
        );
        assert_eq!(RateLimit::parse("500/60"), Some(DOCUMENTED_RATE_LIMIT));
        assert_eq!(RateLimit::parse("50"), None);
        assert_eq!(RateLimit::parse("50/0"), None);
        assert_eq!(RateLimit::parse("x/6"), None);
    }

    #[test]
    fn patches_are_checked() {
        let mut f = Config::default().faults();
        assert!(f
            .apply(&FaultsPatch {
                error_rate: Some(2.0),
                ..Default::default()
            })
            .is_err());
        f.apply(&FaultsPatch {
            force_429: Some(3),
            ..Default::default()
        })
        .unwrap();
        assert_eq!(f.force_429, 3);
        assert_eq!(f.rate_limit, 500);
    }
}
