//! One running app per database. Starting Switchboard again (from the launcher, a terminal)
//! focuses the window that is already open instead of opening a second one on the same
//! SQLite file. tauri-plugin-single-instance does the hand-over (a D-Bus name on Linux, a
//! named mutex on Windows, a socket on macOS).
//!
//! The name is the app identifier, plus a digest of `SWITCHBOARD_DATA_DIR` when that is
//! set: an app pointed at another data folder (a test, a portable copy) is another database
//! and may run beside the first.

use tauri::{plugin::TauriPlugin, Manager, Runtime};

pub fn plugin<R: Runtime>(app_id: &str) -> TauriPlugin<R> {
    let data_dir = std::env::var("SWITCHBOARD_DATA_DIR").ok();
    tauri_plugin_single_instance::Builder::new()
        .dbus_id(instance_id(app_id, data_dir.as_deref()))
        .callback(|app, _argv, _cwd| {
            tracing::info!("started again: focusing the running window");
            if let Some(window) = app.get_webview_window("main") {
                // Each step may fail on some desktops (no window manager): try them all.
                let _ = window.unminimize();
                let _ = window.show();
                let _ = window.set_focus();
            }
        })
        .build()
}

/// The app identifier, or the identifier and a stable digest of the data folder.
fn instance_id(app_id: &str, data_dir: Option<&str>) -> String {
    match data_dir.filter(|d| !d.is_empty()) {
        None => app_id.to_owned(),
        // FNV-1a: stable across builds and Rust versions, unlike `DefaultHasher`. A D-Bus
        // name element may not start with a digit, hence the `d`.
        Some(dir) => {
            let hash = dir.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
                (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
            });
            format!("{app_id}.d{hash:016x}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_database_uses_the_identifier() {
        assert_eq!(
            instance_id("com.switchboard.desktop", None),
            "com.switchboard.desktop"
        );
        assert_eq!(
            instance_id("com.switchboard.desktop", Some("")),
            "com.switchboard.desktop"
        );
    }

    #[test]
    fn another_data_folder_is_another_instance_with_a_valid_dbus_name() {
        let a = instance_id("com.switchboard.desktop.e2e", Some("/tmp/a"));
        let b = instance_id("com.switchboard.desktop.e2e", Some("/tmp/b"));
        assert_ne!(a, b);
        assert_eq!(
            a,
            instance_id("com.switchboard.desktop.e2e", Some("/tmp/a"))
        );
        let last = a.rsplit('.').next().unwrap();
        assert!(last.starts_with('d') && last.len() == 17);
        assert!(a
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_' || c == '-'));
    }
}
