//! What the reader remembers of how the list is shown (its order), beside
//! the read marks: `view.json` in the state folder. A preference is not
//! worth a lock or a merge: the last kiosk to change it wins, and a missing
//! or damaged file is the defaults.

use std::path::Path;

use serde::{Deserialize, Serialize};

/// The file's name in the state folder.
pub const FILE: &str = "view.json";

/// The preferences.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Prefs {
    /// The list's order, by name (`date`, `title`, `unread`, `length`, `section`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sort: Option<String>,
}

/// A preferences file is a few bytes: anything larger is not one.
const MAX_BYTES: u64 = 64 * 1024;

/// The preferences in `path`: the defaults when there is no such file or
/// it cannot be read.
pub(super) fn read(path: &Path) -> Prefs {
    crate::safe_open::read_regular(path, MAX_BYTES)
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .unwrap_or_default()
}

/// Writes the preferences to `path` atomically.
pub(super) fn write(path: &Path, prefs: &Prefs) -> std::io::Result<()> {
    let bytes = serde_json::to_vec_pretty(prefs).map_err(std::io::Error::other)?;
    crate::atomic::write(path, &bytes, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_preferences_are_read_back_and_damage_gives_the_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE);
        assert_eq!(read(&path), Prefs::default());
        let prefs = Prefs {
            sort: Some("title".into()),
        };
        write(&path, &prefs).unwrap();
        assert_eq!(read(&path), prefs);
        std::fs::write(&path, b"{\"sort\": 7").unwrap();
        assert_eq!(read(&path), Prefs::default());
    }
}
