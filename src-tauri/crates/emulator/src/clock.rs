//! Time as the platform shows it: ISO 8601 in UTC with one-second resolution. Two changes
//! within the same second leave `updated_at` equal, exactly as on the platform, which is
//! why a client must compare values and not only timestamps.

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};

/// Seconds since the epoch, now.
pub fn now() -> i64 {
    Utc::now().timestamp()
}

/// `2026-01-05T09:00:00Z`.
pub fn iso(secs: i64) -> String {
    DateTime::<Utc>::from_timestamp(secs, 0)
        .unwrap_or_default()
        .to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// An ISO 8601 date or date-time, as the events search accepts them.
pub fn parse(s: &str) -> Option<i64> {
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Some(t.timestamp());
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .ok()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|t| t.and_utc().timestamp())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_has_whole_seconds_and_parses_back() {
        assert_eq!(iso(1_767_603_600), "2026-01-05T09:00:00Z");
        assert_eq!(parse("2026-01-05T09:00:00Z"), Some(1_767_603_600));
        assert_eq!(parse("2026-01-05T10:00:00+01:00"), Some(1_767_603_600));
        assert_eq!(parse("2026-01-05"), Some(1_767_571_200));
        assert_eq!(parse("soon"), None);
    }
}
