//! The vault against the real OS keychain. Runs inside tests/support/with-keyring.sh
//! (private D-Bus session + unlocked gnome-keyring, SWITCHBOARD_TEST_KEYRING=1); without
//! it each test says it was skipped, so a plain `cargo test` stays green on a laptop.

use std::process::Command;
use switchboard_core::Sensitive;
use switchboard_vault::{service_name, KeySource, KeychainKeySource, Vault, VaultError};

fn keyring_session() -> bool {
    if std::env::var_os("SWITCHBOARD_TEST_KEYRING").is_none() {
        eprintln!("skipped: run through tests/support/with-keyring.sh");
        return false;
    }
    true
}

/// A service name of its own per test run, so runs never share a key.
fn test_service(tag: &str) -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    service_name(&format!(
        "com.switchboard.test.{tag}.{}-{nanos}",
        std::process::id()
    ))
}

#[test]
fn the_master_key_is_created_once_and_found_again() {
    if !keyring_session() {
        return;
    }
    let service = test_service("create");
    let source = KeychainKeySource::new(&service);
    let first = source.master_key().expect("key created on first use");
    let again = KeychainKeySource::new(&service)
        .master_key()
        .expect("key read back");
    assert_eq!(format!("{:?}", first), "<redacted>");

    // Same key from a second source: seal with one vault, open with another.
    let a = Vault::new(KeychainKeySource::new(&service));
    let b = Vault::new(KeychainKeySource::new(&service));
    let blob = a
        .seal(
            "ch-1",
            "imap.password",
            &Sensitive::new("pw-keyring".to_owned()),
        )
        .unwrap();
    assert_eq!(
        b.open("ch-1", "imap.password", &blob).unwrap().expose(),
        "pw-keyring"
    );
    drop((first, again));

    // It really is in the Secret Service (not keyring's mock store): secret-tool sees it.
    let out = Command::new("secret-tool")
        .args(["lookup", "service", &service, "username", "master-key"])
        .output();
    if let Ok(out) = out {
        let stored = String::from_utf8_lossy(&out.stdout);
        assert_eq!(
            stored.trim().len(),
            64,
            "a 256-bit key as hex in gnome-keyring"
        );
    }

    // Forgetting the key makes old blobs unreadable, and a new key is made next time.
    source.delete().unwrap();
    let c = Vault::new(KeychainKeySource::new(&service));
    assert!(matches!(
        c.open("ch-1", "imap.password", &blob),
        Err(VaultError::Tampered)
    ));
    KeychainKeySource::new(&service).delete().unwrap();
}

#[test]
fn test_and_release_app_ids_use_different_keys() {
    if !keyring_session() {
        return;
    }
    let s1 = test_service("one");
    let s2 = test_service("two");
    let v1 = Vault::new(KeychainKeySource::new(&s1));
    let v2 = Vault::new(KeychainKeySource::new(&s2));
    let blob = v1.seal("c", "p", &Sensitive::new("x".to_owned())).unwrap();
    assert!(v2.open("c", "p", &blob).is_err());
    KeychainKeySource::new(&s1).delete().unwrap();
    KeychainKeySource::new(&s2).delete().unwrap();
}

/// Several first uses at the same moment (the app and the CLI, or parallel tests) must end
/// up with one key: a secret sealed by any of them opens with the others.
#[test]
fn concurrent_first_uses_agree_on_one_key() {
    if !keyring_session() {
        return;
    }
    let service = test_service("race");
    let sealed: Vec<(usize, Vec<u8>)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..6)
            .map(|i| {
                let service = service.clone();
                scope.spawn(move || {
                    let vault = Vault::new(KeychainKeySource::new(&service));
                    let blob = vault
                        .seal("channel", "path", &Sensitive::new(format!("secret-{i}")))
                        .expect("sealed");
                    (i, blob)
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let reader = Vault::new(KeychainKeySource::new(&service));
    for (i, blob) in sealed {
        let opened = reader
            .open("channel", "path", &blob)
            .expect("every blob opens with the stored key");
        assert_eq!(opened.expose(), &format!("secret-{i}"));
    }
    let _ = KeychainKeySource::new(&service).delete();
}
