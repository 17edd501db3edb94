//! What ingest remembers between runs, in `$XDG_STATE_HOME/kiosk/ingest.json`
//! (never in the article folder): per feed, the validators for the next
//! conditional GET, its folder and the items already seen; per written
//! file, the hash of what kiosk wrote, so that a file the user has edited
//! since is never overwritten.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::http::Validators;

/// The file name in the state folder.
pub const FILE: &str = "ingest.json";

const VERSION: u32 = 1;

/// Items remembered per feed: a feed of the last months, many times over.
const MAX_SEEN: usize = 10_000;

/// What is known of one feed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedState {
    /// Validators of the last response.
    #[serde(default)]
    pub validators: Validators,
    /// The folder its articles go to, relative to the article folder: kept
    /// when the feed renames itself.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub folder: Option<String>,
    /// Keys (GUID, else link) of the items already written or passed over.
    #[serde(default)]
    pub seen: BTreeSet<String>,
}

/// The ledger; see the module documentation.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ledger {
    #[serde(default)]
    version: u32,
    /// Per feed URL.
    #[serde(default)]
    pub feeds: BTreeMap<String, FeedState>,
    /// Per absolute file path, the hash of the bytes kiosk wrote there.
    #[serde(default)]
    pub written: BTreeMap<String, String>,
}

/// The hash recorded for written bytes.
pub fn hash(bytes: &[u8]) -> String {
    format!("xxh3:{:016x}", xxhash_rust::xxh3::xxh3_64(bytes))
}

impl Ledger {
    /// The ledger in `dir`; an unreadable one is moved aside as
    /// `ingest.json.corrupt` and a fresh one begins (the message says so).
    pub fn open(dir: &Path) -> (Ledger, Option<String>) {
        let path = dir.join(FILE);
        let Ok(bytes) = std::fs::read(&path) else {
            return (Ledger::default(), None);
        };
        match serde_json::from_slice::<Ledger>(&bytes) {
            Ok(ledger) if ledger.version == VERSION => (ledger, None),
            Ok(ledger) => (
                Ledger::default(),
                Some(format!("{}: version {} ignored", path.display(), ledger.version)),
            ),
            Err(e) => {
                let _ = std::fs::rename(&path, dir.join(format!("{FILE}.corrupt")));
                (
                    Ledger::default(),
                    Some(format!("{}: unreadable ({e}); starting fresh", path.display())),
                )
            }
        }
    }

    /// Writes the ledger into `dir` atomically, merged with what another
    /// kiosk may have written there meanwhile (this one's entries win).
    pub fn save(&self, dir: &Path) -> Result<(), String> {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        let (mut merged, _) = Ledger::open(dir);
        merged.version = VERSION;
        for (url, state) in &self.feeds {
            merged.feeds.insert(url.clone(), state.clone());
        }
        for (path, hash) in &self.written {
            merged.written.insert(path.clone(), hash.clone());
        }
        let bytes = serde_json::to_vec(&merged).map_err(|e| e.to_string())?;
        let path = dir.join(FILE);
        crate::atomic::write(&path, &bytes, None).map_err(|e| format!("{}: {e}", path.display()))
    }

    /// Records that kiosk wrote `bytes` to `path`.
    pub fn record(&mut self, path: &Path, bytes: &[u8]) {
        self.written.insert(key(path), hash(bytes));
    }

    /// True when `path` holds exactly what kiosk last wrote there.
    pub fn unchanged_since_written(&self, path: &Path) -> bool {
        let Some(recorded) = self.written.get(&key(path)) else {
            return false;
        };
        std::fs::read(path).is_ok_and(|bytes| &hash(&bytes) == recorded)
    }

    /// Remembers `seen` for `feed`, keeping the newest [`MAX_SEEN`].
    pub fn set_feed(&mut self, feed: &str, mut state: FeedState) {
        while state.seen.len() > MAX_SEEN {
            state.seen.pop_first();
        }
        self.feeds.insert(feed.to_string(), state);
    }
}

/// The ledger key of a path: absolute, so the same file is one entry
/// whatever folder kiosk was started in.
fn key(path: &Path) -> String {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| PathBuf::from(path));
    absolute.to_string_lossy().into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_ledger_survives_a_round_trip_and_a_corrupt_one_is_set_aside() {
        let dir = tempfile::tempdir().unwrap();
        let mut ledger = Ledger::default();
        let article = dir.path().join("a.md");
        std::fs::write(&article, "kiosk wrote this").unwrap();
        ledger.record(&article, b"kiosk wrote this");
        ledger.set_feed("https://f.example/feed", FeedState::default());
        ledger.save(dir.path()).unwrap();
        let (back, note) = Ledger::open(dir.path());
        assert_eq!(note, None);
        assert!(back.unchanged_since_written(&article));
        assert!(back.feeds.contains_key("https://f.example/feed"));
        std::fs::write(&article, "the user edited this").unwrap();
        assert!(!back.unchanged_since_written(&article));
        std::fs::write(dir.path().join(FILE), "{not json").unwrap();
        let (fresh, note) = Ledger::open(dir.path());
        assert_eq!(fresh, Ledger::default());
        assert!(note.unwrap().contains("starting fresh"));
        assert!(dir.path().join("ingest.json.corrupt").exists());
    }
}
