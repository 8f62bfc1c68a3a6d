//! The desktop shell: plugins, state and command registration. Commands live in
//! `commands/`, one file per area, and only translate between IPC and the domain crates.

mod commands;
mod ipc_error;
mod panic_guard;
mod single_instance;
mod state;
mod tasks;

#[cfg(test)]
mod security_tests;

pub use ipc_error::{ErrorCode, IpcError};

use tauri::Manager;

pub fn run() {
    let context = tauri::generate_context!();
    let app_id = context.config().identifier.clone();
    tauri::Builder::default()
        // First: a second start must hand over before anything opens the database.
        .plugin(single_instance::plugin(&app_id))
        .plugin(tauri_plugin_shell::init())
        .plugin(tauri_plugin_dialog::init())
        .setup(|app| {
            let app_id = app.config().identifier.clone();
            let state = state::AppState::load(&app_id);
            // The guard flushes the log on drop: keep it for the app's lifetime.
            match switchboard_core::logging::init(&state.paths.log_dir) {
                Ok(guard) => {
                    app.manage(state::LogGuard(guard));
                }
                Err(e) => eprintln!("logging disabled: {e}"),
            }
            panic_guard::install_hook();
            tracing::info!(app_id, data_dir = %state.paths.data_dir.display(), "starting");
            app.manage(state);
            app.manage(commands::oauth_window::SocialPending::default());
            Ok(())
        })
        .invoke_handler(panic_guard::guard(tauri::generate_handler![
            commands::prefs::get_prefs,
            commands::prefs::set_prefs,
            commands::app::app_info,
            commands::doctor::run_diagnostics,
            commands::tasks::cancel_task,
            commands::channels::catalogue_schema,
            commands::channels::reference_data,
            commands::channels::list_channels,
            commands::channels::create_channel,
            commands::channels::get_channel,
            commands::channels::save_channel,
            commands::channels::checkpoint_channel,
            commands::channels::discard_changes,
            commands::channels::set_secret,
            commands::channels::clear_secret,
            commands::channels::delete_channel,
            commands::channels::undelete_channel,
            commands::channels::duplicate_channel,
            commands::channels::restore_newest_backup,
            commands::mail::test_mail,
            commands::mail::cached_folders,
            commands::mail::autodetect_mail,
            commands::oauth::oauth_connect,
            commands::oauth::oauth_action_status,
            commands::oauth::channel_connections,
            commands::oauth::connection_health,
            commands::oauth::provider_apps,
            commands::oauth::set_provider_app,
            commands::oauth_window::facebook_connect,
            commands::oauth_window::facebook_pick,
            commands::oauth_window::social_abandon,
            commands::oauth_twitter::twitter_connect,
            commands::oauth_twitter::twitter_pin,
            commands::history::list_revisions,
            commands::history::revision_diff,
            commands::history::restore_revision,
            commands::transfer::export_channels,
            commands::transfer::import_channels,
            commands::transfer::bulk_preview,
            commands::transfer::bulk_apply,
            commands::transfer::bulk_undo,
            commands::platform::list_accounts,
            commands::platform::create_account,
            commands::platform::update_account,
            commands::platform::delete_account,
            commands::platform::test_account,
            commands::platform::pull_account,
            commands::platform::unadopted_sources,
            commands::sync::plan_account,
            commands::sync::resolve_plan,
            commands::sync::apply_plan,
            commands::sync::sync_history,
            commands::promote::promote_preview,
            commands::promote::promote_channels,
            commands::sync::sync_overview,
            commands::sync::link_channel,
            commands::demo::start_demo,
        ]))
        .run(context)
        .expect("error while running Switchboard");
}
