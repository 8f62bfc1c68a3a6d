//! A panic in a command must not take the window down. Commands without `async` run on
//! the main thread inside WebKit's IPC callback, where an unwinding panic would abort the
//! whole process (and lose whatever the editor had not yet saved). The invoke handler is
//! wrapped here: a panic becomes the usual envelope with the code `internal`, and the panic
//! hook writes the details (message, place, backtrace) to the log, never to the window.
//!
//! Work done on blocking threads (`with_service`, `spawn_blocking`) is already contained by
//! Tokio: its `JoinError` becomes `internal` in the same way ([`joined`]). A panic between
//! two `.await`s of an async command is contained by Tokio too (the window stays), but its
//! promise does not settle; the hook still logs it.
//!
//! Test builds only (`debug_assertions`): `SWITCHBOARD_TEST_PANIC=<command>` makes that
//! command panic when called, so the end-to-end suite can prove all of the above through
//! the real window. Release builds do not contain the switch.

use crate::{ErrorCode, IpcError};
use std::panic::{catch_unwind, AssertUnwindSafe};
use switchboard_core::Msg;
use tauri::{ipc::Invoke, Runtime};

/// Logs every panic of the process with its place and backtrace, then runs the default
/// hook (stderr). Call once logging is set up.
pub fn install_hook() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let place = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()))
            .unwrap_or_default();
        let thread = std::thread::current();
        tracing::error!(
            message = %payload_text(info.payload()),
            place,
            thread = thread.name().unwrap_or("?"),
            backtrace = %std::backtrace::Backtrace::force_capture(),
            "panic"
        );
        default(info);
    }));
}

/// What a panic carried, when it is text (it almost always is).
fn payload_text(payload: &(dyn std::any::Any + Send)) -> &str {
    payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("(not text)")
}

/// The envelope for a command that panicked. The panic's own text stays in the log: it
/// may quote data the window should not see.
pub fn panicked(command: &str) -> IpcError {
    IpcError::new(ErrorCode::Internal, Msg::new("err-internal"))
        .with_detail(format!("the command {command} panicked; see the log"))
}

/// The result of a blocking task (`tauri::async_runtime::spawn_blocking`): a panic in it
/// becomes `internal`.
pub fn joined<T>(r: tauri::Result<T>) -> Result<T, IpcError> {
    r.map_err(|e| match e {
        tauri::Error::JoinError(j) if j.is_panic() => {
            IpcError::new(ErrorCode::Internal, Msg::new("err-internal"))
                .with_detail("a background task panicked; see the log")
        }
        other => IpcError::internal(other),
    })
}

/// Wraps the generated invoke handler so that no panic unwinds into WebKit.
pub fn guard<R: Runtime>(
    handler: impl Fn(Invoke<R>) -> bool + Send + Sync + 'static,
) -> impl Fn(Invoke<R>) -> bool + Send + Sync + 'static {
    move |invoke: Invoke<R>| {
        // The resolver is shared: this clone can still answer after the handler took it.
        let resolver = invoke.resolver.clone();
        let command = invoke.message.command().to_owned();
        match catch_unwind(AssertUnwindSafe(|| {
            test_switch::maybe_panic(&command);
            handler(invoke)
        })) {
            Ok(handled) => handled,
            Err(_) => {
                // The hook has logged the details already.
                tracing::error!(command, "command panicked; answered `internal`");
                resolver.reject(panicked(&command));
                true
            }
        }
    }
}

#[cfg(debug_assertions)]
mod test_switch {
    /// Test builds: panics when `SWITCHBOARD_TEST_PANIC` names this command.
    pub fn maybe_panic(command: &str) {
        if std::env::var("SWITCHBOARD_TEST_PANIC").is_ok_and(|c| c == command) {
            panic!("SWITCHBOARD_TEST_PANIC: {command} panics on purpose");
        }
    }
}

#[cfg(not(debug_assertions))]
mod test_switch {
    #[inline(always)]
    pub fn maybe_panic(_command: &str) {}
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panicking_blocking_task_becomes_internal() {
        let r = tauri::async_runtime::block_on(tauri::async_runtime::spawn_blocking(|| -> u32 {
            panic!("boom")
        }));
        let e = joined(r).unwrap_err();
        assert_eq!(e.code, ErrorCode::Internal);
        assert_eq!(e.message.id, "err-internal");
        // The panic's text is for the log, not the window.
        assert!(!e.detail.unwrap_or_default().contains("boom"));
    }

    #[test]
    fn the_envelope_names_the_command_but_not_the_panic() {
        let v = serde_json::to_value(panicked("save_channel")).unwrap();
        assert_eq!(v["code"], "internal");
        assert_eq!(v["message"]["id"], "err-internal");
        assert!(v["detail"].as_str().unwrap().contains("save_channel"));
    }

    #[test]
    fn payload_text_reads_both_kinds_of_panic_message() {
        let a = std::panic::catch_unwind(|| panic!("static")).unwrap_err();
        assert_eq!(payload_text(a.as_ref()), "static");
        let n = 3;
        let b = std::panic::catch_unwind(|| panic!("formatted {n}")).unwrap_err();
        assert_eq!(payload_text(b.as_ref()), "formatted 3");
    }
}
