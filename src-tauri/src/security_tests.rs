//! The security baseline of tauri.conf.json and the capabilities, checked as data so a
//! careless edit fails CI: strict CSP with no remote origin, links limited to https: and
//! mailto:, the window granted only the app's own commands, and the released identifier
//! matching the one the CLI assumes.

use serde_json::Value;

fn conf() -> Value {
    serde_json::from_str(include_str!("../../tauri.conf.json")).unwrap()
}

#[test]
fn csp_allows_nothing_remote() {
    let csp = &conf()["app"]["security"]["csp"];
    let obj = csp.as_object().expect("CSP is set");
    assert_eq!(obj["default-src"], "'self'");
    assert_eq!(obj["script-src"], "'self'");
    assert_eq!(obj["object-src"], "'none'");
    for (directive, sources) in obj {
        let sources = sources.as_str().unwrap();
        for src in sources.split_whitespace() {
            assert!(
                !src.starts_with("https:") && !src.starts_with("http:")
                    || src == "http://ipc.localhost",
                "{directive} allows a remote origin: {src}"
            );
            assert_ne!(src, "'unsafe-eval'", "{directive}");
            assert_ne!(src, "*", "{directive}");
        }
    }
}

#[test]
fn links_open_only_for_https_and_mailto() {
    let pattern = conf()["plugins"]["shell"]["open"]
        .as_str()
        .unwrap()
        .to_owned();
    // The plugin anchors the pattern the same way.
    let re = regex::Regex::new(&format!("^{pattern}$")).unwrap();
    for ok in [
        "https://support.example.com/docs",
        "mailto:admin@example.com",
    ] {
        assert!(re.is_match(ok), "{ok}");
    }
    for bad in [
        "http://example.com",
        "file:///etc/passwd",
        "javascript:alert(1)",
        "smb://host/share",
        "tel:+33123",
    ] {
        assert!(!re.is_match(bad), "{bad}");
    }
}

#[test]
fn the_window_gets_only_app_commands_and_narrow_core_permissions() {
    let cap: Value =
        serde_json::from_str(include_str!("../capabilities/main-window.json")).unwrap();
    assert_eq!(cap["windows"], serde_json::json!(["main"]));
    for p in cap["permissions"].as_array().unwrap() {
        let id = p.as_str().expect("plain permission ids");
        let allowed = id.starts_with("allow-")
            || matches!(
                id,
                "core:event:default"
                    | "core:window:allow-set-theme"
                    | "core:window:allow-set-title"
                    | "shell:allow-open"
                    | "dialog:allow-open"
                    | "dialog:allow-save"
            );
        assert!(allowed, "unexpected permission {id}");
    }
}

#[test]
fn the_released_identifier_is_the_one_the_cli_assumes() {
    assert_eq!(
        conf()["identifier"],
        switchboard_core::app_id::DEFAULT_APP_ID
    );
}
