//! The app identifier names the data directory and the keychain service. Test builds use
//! another identifier (tests/e2e/tauri.e2e.conf.json) so they never touch a user's data
//! or secrets; the CLI follows `SWITCHBOARD_APP_ID` for the same reason.

/// The identifier of the released app (keep in sync with tauri.conf.json; a test checks).
pub const DEFAULT_APP_ID: &str = "com.switchboard.desktop";

/// The identifier the CLI should act for: the released app's unless overridden.
pub fn from_env() -> String {
    std::env::var("SWITCHBOARD_APP_ID")
        .ok()
        .filter(|s| !s.trim().is_empty())
        .unwrap_or_else(|| DEFAULT_APP_ID.to_owned())
}
