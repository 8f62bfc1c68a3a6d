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

/// The command names as each place spells them, read from the files themselves so a
/// command added in one place and forgotten in another fails here, not at run time with
/// "command not allowed" or "command not found".
mod command_names {
    use std::collections::BTreeSet;

    const BUILD_RS: &str = include_str!("../build.rs");
    const LIB_RS: &str = include_str!("lib.rs");
    const CAPABILITY: &str = include_str!("../capabilities/main-window.json");
    const IPC_TS: &str = include_str!("../../ui/src/lib/ipc.ts");

    /// `build.rs`: the quoted names of the `commands` list (they generate the permissions).
    pub fn in_build_rs() -> BTreeSet<String> {
        let start = BUILD_RS
            .find("let commands")
            .expect("build.rs lists its commands");
        let list = &BUILD_RS[start..];
        let list = &list[..list.find("];").expect("the list ends")];
        let re = regex::Regex::new(r#""([a-z0-9_]+)""#).unwrap();
        re.captures_iter(list).map(|c| c[1].to_owned()).collect()
    }

    /// `lib.rs`: the handlers registered with `generate_handler!`.
    pub fn in_lib_rs() -> BTreeSet<String> {
        let start = LIB_RS
            .find("generate_handler![")
            .expect("lib.rs registers commands");
        let list = &LIB_RS[start..];
        let list = &list[..list.find(']').expect("the list ends")];
        let re = regex::Regex::new(r"commands::[a-z0-9_]+::([a-z0-9_]+)").unwrap();
        re.captures_iter(list).map(|c| c[1].to_owned()).collect()
    }

    /// The capability: `allow-<command>` permissions, dashes back to underscores.
    pub fn in_capability() -> BTreeSet<String> {
        let cap: serde_json::Value = serde_json::from_str(CAPABILITY).unwrap();
        cap["permissions"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|p| p.as_str()?.strip_prefix("allow-"))
            .map(|c| c.replace('-', "_"))
            .collect()
    }

    /// `ipc.ts`: the names passed to `call<…>('name'` and `startTask<…>('name'`.
    pub fn in_ipc_ts() -> BTreeSet<String> {
        let re =
            regex::Regex::new(r"\b(?:call|startTask)\s*<[^'()\n]*>\s*\(\s*'([a-z0-9_]+)'").unwrap();
        re.captures_iter(IPC_TS).map(|c| c[1].to_owned()).collect()
    }
}

#[test]
fn build_rs_the_handlers_the_capability_and_ipc_ts_name_the_same_commands() {
    let build = command_names::in_build_rs();
    assert!(
        build.len() > 20 && build.contains("list_channels"),
        "build.rs parsed: {build:?}"
    );
    for (place, names) in [
        ("lib.rs generate_handler!", command_names::in_lib_rs()),
        (
            "capabilities/main-window.json",
            command_names::in_capability(),
        ),
        ("ui/src/lib/ipc.ts", command_names::in_ipc_ts()),
    ] {
        let missing: Vec<_> = build.difference(&names).collect();
        let extra: Vec<_> = names.difference(&build).collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "{place} disagrees with build.rs: missing {missing:?}, not in build.rs {extra:?}"
        );
    }
}
