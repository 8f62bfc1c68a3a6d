//! The contract with the throwaway mail servers of `tests/support/mail` (repo root): their
//! `start.sh` writes an env file of `SWITCHBOARD_MAIL_*` lines and `with-mail-servers.sh`
//! points `SWITCHBOARD_TEST_MAIL_ENV` at it. Tests and benchmarks of any crate read it here,
//! once, with one rule: no servers means "skipped, with a note", unless
//! `SWITCHBOARD_REQUIRE_REAL_SERVERS=1` (CI), where it is a failure.

use std::collections::HashMap;

/// An authenticated IMAP session outside any report, for tests that check what a
/// diagnosis left on the server (the round trip deletes its message).
pub async fn imap_session(
    s: &crate::ServerSettings,
) -> Result<async_imap::Session<crate::tap::Tap>, String> {
    crate::imap::quiet_session(s).await
}

/// The harness's values without their `SWITCHBOARD_MAIL_` prefix (`HOST`, `IMAPS_PORT`,
/// `USER`, `PASSWORD`, `CA`, ...), or `None` when no servers are running.
pub fn env() -> Option<HashMap<String, String>> {
    let Some(path) = std::env::var_os("SWITCHBOARD_TEST_MAIL_ENV").filter(|p| !p.is_empty()) else {
        assert!(
            std::env::var("SWITCHBOARD_REQUIRE_REAL_SERVERS").as_deref() != Ok("1"),
            "SWITCHBOARD_REQUIRE_REAL_SERVERS=1 but SWITCHBOARD_TEST_MAIL_ENV is not set: \
             run through tests/support/mail/with-mail-servers.sh"
        );
        eprintln!(
            "note: skipped (no real mail servers; see tests/support/mail/with-mail-servers.sh)"
        );
        return None;
    };
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("reading {}: {e}", std::path::Path::new(&path).display()));
    Some(parse(&text))
}

fn parse(text: &str) -> HashMap<String, String> {
    text.lines()
        .filter_map(|l| l.split_once('='))
        .map(|(k, v)| {
            (
                k.trim().trim_start_matches("SWITCHBOARD_MAIL_").to_owned(),
                v.trim().to_owned(),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn lines_lose_their_prefix_and_keep_values_with_equals_signs() {
        let vars = super::parse(
            "SWITCHBOARD_MAIL_HOST=127.0.0.1\nSWITCHBOARD_MAIL_PASSWORD=a=b\n\nnoise\n",
        );
        assert_eq!(vars["HOST"], "127.0.0.1");
        assert_eq!(vars["PASSWORD"], "a=b");
        assert_eq!(vars.len(), 2);
    }
}
