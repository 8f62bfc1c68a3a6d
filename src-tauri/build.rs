// tauri.conf.json sits at the repository root (the design card's layout); capabilities
// and the app-command permissions live under src-tauri/. Listing the app's commands here
// generates one `allow-<command>` permission each, so capabilities can grant exactly the
// commands the UI uses and nothing else.
fn main() {
    let commands: &[&str] = &[
        "get_prefs",
        "set_prefs",
        "run_diagnostics",
        "cancel_task",
        "app_info",
        "catalogue_schema",
        "reference_data",
        "list_channels",
        "create_channel",
        "get_channel",
        "save_channel",
        "checkpoint_channel",
        "set_secret",
        "clear_secret",
        "delete_channel",
        "undelete_channel",
        "duplicate_channel",
        "restore_newest_backup",
        "test_mail",
        "cached_folders",
        "autodetect_mail",
        "oauth_connect",
        "oauth_action_status",
        "channel_connections",
        "connection_health",
        "provider_apps",
        "set_provider_app",
        "facebook_connect",
        "facebook_pick",
        "social_abandon",
        "twitter_connect",
        "twitter_pin",
        "list_revisions",
        "revision_diff",
        "restore_revision",
        "export_channels",
        "import_channels",
        "bulk_preview",
        "bulk_apply",
        "bulk_undo",
        "list_accounts",
        "create_account",
        "update_account",
        "delete_account",
        "test_account",
        "pull_account",
        "unadopted_sources",
        "plan_account",
        "resolve_plan",
        "apply_plan",
        "sync_history",
        "promote_preview",
        "promote_channels",
        "start_demo",
    ];
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .capabilities_path_pattern("src-tauri/capabilities/**/*")
            .app_manifest(tauri_build::AppManifest::new().commands(commands)),
    )
    .expect("tauri build script");
}
