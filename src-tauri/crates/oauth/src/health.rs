//! Token health: OK, expires soon, or needs re-authorization. A refresh that fails for a
//! transient reason (network, server error) counts toward a threshold instead of
//! condemning the connection on the first blip; a refusal of the grant itself
//! (`invalid_grant`: revoked, expired, a reused refresh token) needs a new sign-in at once.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Consecutive transient refresh failures after which the connection needs a new sign-in.
pub const FAILURE_THRESHOLD: u32 = 3;
/// A token expiring within this is "expires soon".
pub const EXPIRES_SOON_MS: i64 = 7 * 24 * 3600 * 1000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Health {
    Ok,
    ExpiresSoon,
    NeedsReauthorization,
}

/// What is recorded about a grant between refreshes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct GrantState {
    /// When the stored (long-lived) token expires, Unix ms; `None`: no known expiry.
    pub expires_at: Option<i64>,
    /// Consecutive transient refresh failures.
    pub refresh_failures: u32,
    /// The provider refused the grant: only a new sign-in helps.
    pub revoked: bool,
}

impl GrantState {
    pub fn health(&self, now_ms: i64) -> Health {
        if self.revoked || self.refresh_failures >= FAILURE_THRESHOLD {
            return Health::NeedsReauthorization;
        }
        match self.expires_at {
            Some(t) if t <= now_ms => Health::NeedsReauthorization,
            Some(t) if t - now_ms <= EXPIRES_SOON_MS => Health::ExpiresSoon,
            _ => Health::Ok,
        }
    }

    /// The state after a refresh attempt.
    pub fn after_refresh(mut self, result: Result<(), &crate::OAuthError>) -> GrantState {
        match result {
            Ok(()) => {
                self.refresh_failures = 0;
                self.revoked = false;
            }
            Err(e) if e.needs_reauthorization() => self.revoked = true,
            Err(_) => self.refresh_failures = self.refresh_failures.saturating_add(1),
        }
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::OAuthError;

    const NOW: i64 = 1_000_000_000_000;

    #[test]
    fn expiry_decides_between_ok_and_soon() {
        let mut g = GrantState::default();
        assert_eq!(g.health(NOW), Health::Ok);
        g.expires_at = Some(NOW + EXPIRES_SOON_MS + 1);
        assert_eq!(g.health(NOW), Health::Ok);
        g.expires_at = Some(NOW + 3_600_000);
        assert_eq!(g.health(NOW), Health::ExpiresSoon);
        g.expires_at = Some(NOW - 1);
        assert_eq!(g.health(NOW), Health::NeedsReauthorization);
    }

    #[test]
    fn transient_failures_count_up_to_the_threshold_and_a_success_resets_them() {
        let blip = OAuthError::Transport {
            cause: "connection reset".into(),
        };
        let mut g = GrantState::default();
        for _ in 1..FAILURE_THRESHOLD {
            g = g.after_refresh(Err(&blip));
            assert_eq!(g.health(NOW), Health::Ok, "not on a blip");
        }
        g = g.after_refresh(Err(&blip));
        assert_eq!(g.health(NOW), Health::NeedsReauthorization);
        g = g.after_refresh(Ok(()));
        assert_eq!(g.health(NOW), Health::Ok);
    }

    #[test]
    fn a_refused_grant_needs_reauthorization_at_once() {
        let g = GrantState::default().after_refresh(Err(&OAuthError::InvalidGrant {
            detail: "grant request is invalid".into(),
        }));
        assert_eq!(g.health(NOW), Health::NeedsReauthorization);
    }
}
