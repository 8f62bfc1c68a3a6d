//! Logs go to a daily-rotated file in the app's log directory (7 kept). Secrets cannot be
//! formatted into a line: they travel as `Sensitive<T>`, whose Debug and Display print
//! `<redacted>` (see `sensitive.rs`; the test below proves it through the real writer).

use std::path::Path;
use tracing_appender::non_blocking::WorkerGuard;
use tracing_appender::rolling::{RollingFileAppender, Rotation};
use tracing_subscriber::{fmt, layer::SubscriberExt, EnvFilter, Registry};

/// Log files are `switchboard.<date>.log`.
pub const LOG_FILE_PREFIX: &str = "switchboard";
const KEEP_FILES: usize = 7;

/// Flushes pending lines when dropped.
pub type Guard = WorkerGuard;

/// A subscriber writing to the rotating file in `log_dir`. Keep the guard alive for as long
/// as logs should be written; dropping it flushes.
pub fn file_subscriber(
    log_dir: &Path,
    default_filter: &str,
) -> std::io::Result<(impl tracing::Subscriber + Send + Sync, WorkerGuard)> {
    std::fs::create_dir_all(log_dir)?;
    let appender = RollingFileAppender::builder()
        .rotation(Rotation::DAILY)
        .filename_prefix(LOG_FILE_PREFIX)
        .filename_suffix("log")
        .max_log_files(KEEP_FILES)
        .build(log_dir)
        .map_err(std::io::Error::other)?;
    let (writer, guard) = tracing_appender::non_blocking(appender);
    let filter = EnvFilter::try_from_env("SWITCHBOARD_LOG")
        .unwrap_or_else(|_| EnvFilter::new(default_filter));
    let subscriber = Registry::default()
        .with(filter)
        .with(fmt::layer().with_writer(writer).with_ansi(false));
    Ok((subscriber, guard))
}

/// Installs the file logger for the whole process.
pub fn init(log_dir: &Path) -> std::io::Result<WorkerGuard> {
    let (subscriber, guard) = file_subscriber(log_dir, "info")?;
    tracing::subscriber::set_global_default(subscriber).map_err(std::io::Error::other)?;
    Ok(guard)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Sensitive;

    #[derive(Debug)]
    #[allow(dead_code)] // read through Debug only
    struct Login {
        user: String,
        password: Sensitive<String>,
    }

    #[test]
    fn secrets_never_reach_the_log_file() {
        let dir = tempfile::tempdir().unwrap();
        const MARKER: &str = "S3CRET-MARKER-7f1c";
        {
            let (subscriber, _guard) = file_subscriber(dir.path(), "trace").unwrap();
            tracing::subscriber::with_default(subscriber, || {
                let secret = Sensitive::new(MARKER.to_string());
                let login = Login {
                    user: "agent@example.com".into(),
                    password: secret.clone(),
                };
                tracing::debug!(password = ?secret, "debug field");
                tracing::info!(password = %secret, "display field");
                tracing::warn!("inline {secret} and {login:?}");
                tracing::trace!(?login, "nested");
            });
        }
        let mut all = String::new();
        for entry in std::fs::read_dir(dir.path()).unwrap() {
            all.push_str(&std::fs::read_to_string(entry.unwrap().path()).unwrap());
        }
        assert!(
            all.contains("agent@example.com"),
            "the log was written: {all}"
        );
        assert_eq!(all.matches("<redacted>").count(), 5, "{all}");
        assert!(!all.contains(MARKER), "secret leaked into the log: {all}");
    }
}
