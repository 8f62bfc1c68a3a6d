//! Interface preferences (language, theme). Small, read at start-up before anything else,
//! so they live in their own JSON file, written atomically (temp file + rename) so a crash
//! mid-write leaves the previous version intact.

use serde::{Deserialize, Serialize};
use std::{io, path::Path};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
/// The interface language chosen in Settings.
pub enum LanguagePref {
    /// Follow the operating system's language.
    #[default]
    System,
    /// French.
    Fr,
    /// English.
    En,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
/// The colour scheme chosen in Settings.
pub enum ThemePref {
    /// Follow the operating system's light or dark setting.
    #[default]
    System,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
/// The interface preferences, saved in their own file.
pub struct Prefs {
    /// The interface language.
    pub language: LanguagePref,
    /// The colour scheme.
    pub theme: ThemePref,
}

impl Prefs {
    /// Missing file → defaults. An unreadable or corrupt file also yields defaults (the
    /// preferences are not worth refusing to start over) but is reported to the caller.
    pub fn load(path: &Path) -> (Prefs, Option<io::Error>) {
        match std::fs::read(path) {
            Ok(bytes) => match serde_json::from_slice(&bytes) {
                Ok(p) => (p, None),
                Err(e) => (
                    Prefs::default(),
                    Some(io::Error::new(io::ErrorKind::InvalidData, e)),
                ),
            },
            Err(e) if e.kind() == io::ErrorKind::NotFound => (Prefs::default(), None),
            Err(e) => (Prefs::default(), Some(e)),
        }
    }

    /// Writes the preferences atomically (temporary file, then rename).
    pub fn save(&self, path: &Path) -> io::Result<()> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let tmp = path.with_extension("json.tmp");
        let json = serde_json::to_vec_pretty(self).map_err(io::Error::other)?;
        {
            use std::io::Write;
            let mut f = std::fs::File::create(&tmp)?;
            f.write_all(&json)?;
            f.sync_all()?;
        }
        std::fs::rename(&tmp, path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/prefs.json");
        assert_eq!(Prefs::load(&path).0, Prefs::default());
        let p = Prefs {
            language: LanguagePref::Fr,
            theme: ThemePref::Dark,
        };
        p.save(&path).unwrap();
        let (loaded, err) = Prefs::load(&path);
        assert!(err.is_none());
        assert_eq!(loaded, p);
        assert!(!path.with_extension("json.tmp").exists());
    }

    #[test]
    fn corrupt_file_gives_defaults_and_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("prefs.json");
        std::fs::write(&path, b"{not json").unwrap();
        let (p, err) = Prefs::load(&path);
        assert_eq!(p, Prefs::default());
        assert_eq!(err.unwrap().kind(), io::ErrorKind::InvalidData);
    }

    #[test]
    fn unknown_fields_and_partial_files_are_tolerated() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("prefs.json");
        std::fs::write(&path, br#"{"theme":"light","future":1}"#).unwrap();
        let (p, err) = Prefs::load(&path);
        assert!(err.is_none());
        assert_eq!(p.theme, ThemePref::Light);
        assert_eq!(p.language, LanguagePref::System);
    }
}
