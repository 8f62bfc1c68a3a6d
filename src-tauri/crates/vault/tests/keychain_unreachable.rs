//! Without any reachable keychain, saving a secret fails with a message naming the cause
//! and the fix. Its own test binary because it points D-Bus at nowhere for the process.

use switchboard_core::{Arg, Sensitive};
use switchboard_vault::{KeychainError, KeychainKeySource, Vault, VaultError};

#[test]
#[cfg(target_os = "linux")]
fn no_dbus_means_a_clear_error_and_nothing_else_breaks() {
    // SAFETY: this test binary has this single test; nothing else reads the environment.
    unsafe {
        std::env::set_var(
            "DBUS_SESSION_BUS_ADDRESS",
            "unix:path=/nonexistent/switchboard-test-bus",
        )
    };
    let vault = Vault::new(KeychainKeySource::new(
        "com.switchboard.test.unreachable.vault",
    ));
    let err = vault
        .seal("ch-1", "imap.password", &Sensitive::new("pw".to_owned()))
        .unwrap_err();
    let VaultError::Keychain(k) = &err else {
        panic!("expected a keychain error, got {err:?}")
    };
    assert!(matches!(k, KeychainError::Unavailable { .. }), "{k:?}");
    let m = err.msg();
    assert_eq!(m.id, "err-keychain-unavailable");
    assert!(matches!(m.args.get("hint"), Some(Arg::Msg(h)) if h.id == "err-keychain-hint-linux"));
}
