//! The IMAP folders a connection test found, cached per channel so the folder pickers are
//! filled the next time the editor opens (and refreshed by the next test). A small JSON file
//! per channel under the data folder: it is a cache, rebuilt by any test, so it stays out of
//! the database and its migrations.

use std::path::{Path, PathBuf};

pub struct FolderCache {
    dir: PathBuf,
}

impl FolderCache {
    pub fn new(data_dir: &Path) -> Self {
        FolderCache {
            dir: data_dir.join("mail-folders"),
        }
    }

    fn file(&self, channel_id: &str) -> Option<PathBuf> {
        // Channel ids are UUIDs; anything else must not become a path.
        let safe = !channel_id.is_empty()
            && channel_id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-');
        safe.then(|| self.dir.join(format!("{channel_id}.json")))
    }

    /// The folders of the last successful test, or none.
    pub fn get(&self, channel_id: &str) -> Vec<String> {
        self.file(channel_id)
            .and_then(|f| std::fs::read(f).ok())
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default()
    }

    /// Replaces the cached list (written atomically: temp file + rename).
    pub fn put(&self, channel_id: &str, folders: &[String]) -> std::io::Result<()> {
        let Some(file) = self.file(channel_id) else {
            return Ok(());
        };
        std::fs::create_dir_all(&self.dir)?;
        let tmp = file.with_extension("json.tmp");
        std::fs::write(
            &tmp,
            serde_json::to_vec(folders).map_err(std::io::Error::other)?,
        )?;
        std::fs::rename(tmp, file)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_round_trip_and_are_replaced_by_the_next_test() {
        let dir = tempfile::tempdir().unwrap();
        let cache = FolderCache::new(dir.path());
        let id = "0b3c9a4e-7d8f-4d0e-9a57-2f6c1c1e9b10";
        assert!(cache.get(id).is_empty());
        cache
            .put(
                id,
                &["INBOX".into(), "Réclamations".into(), "日本語".into()],
            )
            .unwrap();
        assert_eq!(cache.get(id), vec!["INBOX", "Réclamations", "日本語"]);
        cache.put(id, &["INBOX".into()]).unwrap();
        assert_eq!(cache.get(id), vec!["INBOX"]);
    }

    #[test]
    fn an_id_cannot_escape_the_cache_folder() {
        let dir = tempfile::tempdir().unwrap();
        let cache = FolderCache::new(&dir.path().join("data"));
        cache.put("../../evil", &["x".into()]).unwrap();
        assert!(!dir.path().join("evil.json").exists());
        assert!(cache.get("../../evil").is_empty());
    }
}
