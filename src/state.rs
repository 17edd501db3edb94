//! What the reader remembers between runs: read articles and stars.
//!
//! The state lives in `$XDG_STATE_HOME/kiosk/` (else `~/.local/state/kiosk/`),
//! never in the article folder. Entries are keyed by article id (the path
//! relative to the folder, so moving the whole folder keeps them) and carry
//! the content hash seen when the article was read, so a changed article is
//! told apart. Writes are atomic (temporary file, fsync, rename, fsync of the
//! folder) and merged under a lock with what another instance wrote.

use std::collections::BTreeMap;
use std::fs::{self, OpenOptions};
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

/// The format version this build writes and reads.
pub const VERSION: u32 = 1;

/// Why the state could not be saved (a message for the status bar).
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    /// The state folder, its lock or its file could not be made, locked or
    /// written.
    #[error("cannot save reading state ({what} {}): {source}", dir.display())]
    Io {
        /// What failed: "create", "lock in" or "write in" the folder.
        what: &'static str,
        /// The state folder.
        dir: PathBuf,
        /// The error of the system.
        source: std::io::Error,
    },
    /// The state could not be encoded.
    #[error("cannot save reading state: {0}")]
    Encode(#[from] serde_json::Error),
}

/// What is remembered of one article.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// The content hash when the article was read; `None` when unread.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub read: Option<String>,
    /// Starred.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub starred: bool,
    /// When this entry last changed (ms since the epoch): the newer entry
    /// wins when two instances merge.
    pub updated: u64,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct File1 {
    version: u32,
    articles: BTreeMap<String, Entry>,
}

/// The read state of an article.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReadState {
    /// Never read.
    Unread,
    /// Read, and unchanged since.
    Read,
    /// Read, but the content changed since.
    Changed,
}

/// The state store.
#[derive(Debug)]
pub struct State {
    path: Option<PathBuf>,
    entries: BTreeMap<String, Entry>,
    dirty: BTreeMap<String, Entry>,
}

fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as u64)
}

/// A read mark: the content hash, tagged with its algorithm.
fn hex(hash: u64) -> String {
    format!("xxh3:{hash:016x}")
}

/// A read mark written by kiosk 0.1: the bare FNV-1a hash.
fn legacy_hex(hash: u64) -> String {
    format!("{hash:016x}")
}

/// The default state folder: `$XDG_STATE_HOME/kiosk`, else `~/.local/state/kiosk`.
pub fn default_dir() -> Option<PathBuf> {
    match std::env::var_os("XDG_STATE_HOME").filter(|v| !v.is_empty()) {
        Some(dir) => Some(PathBuf::from(dir).join("kiosk")),
        None => std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/state/kiosk")),
    }
}

/// Why a state file could not be used; the reader starts fresh and says so.
fn parse(bytes: &[u8]) -> Result<BTreeMap<String, Entry>, String> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err("empty".into());
    }
    let file: File1 = serde_json::from_slice(bytes).map_err(|e| format!("unreadable ({e})"))?;
    if file.version != VERSION {
        return Err(format!("version {} (this kiosk reads {VERSION})", file.version));
    }
    Ok(file.articles)
}

impl State {
    /// A state that is never written (tests, or no home folder).
    pub fn in_memory() -> State {
        State {
            path: None,
            entries: BTreeMap::new(),
            dirty: BTreeMap::new(),
        }
    }

    /// Opens the state file `dir/state.json`. A truncated, garbage or
    /// newer-version file is moved aside as `state.json.corrupt` and the
    /// state starts empty; the message says so.
    pub fn open(dir: &Path) -> (State, Option<String>) {
        let path = dir.join("state.json");
        let mut state = State {
            path: Some(path.clone()),
            entries: BTreeMap::new(),
            dirty: BTreeMap::new(),
        };
        let bytes = match fs::read(&path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return (state, None),
            Err(e) => return (state, Some(format!("cannot read {}: {e}", path.display()))),
        };
        match parse(&bytes) {
            Ok(entries) => {
                state.entries = entries;
                (state, None)
            }
            Err(why) => {
                let aside = dir.join("state.json.corrupt");
                let moved = fs::rename(&path, &aside).is_ok();
                let message = if moved {
                    format!(
                        "state file was {why}; moved aside to {} and started fresh",
                        aside.display()
                    )
                } else {
                    format!("state file was {why}; started fresh")
                };
                (state, Some(message))
            }
        }
    }

    /// The entry of an article, if any.
    pub fn entry(&self, id: &str) -> Option<&Entry> {
        self.entries.get(id)
    }

    /// Read, unread or changed since read.
    pub fn read_state(&self, id: &str, hash: u64) -> ReadState {
        match self.entries.get(id).and_then(|e| e.read.as_deref()) {
            None => ReadState::Unread,
            Some(h) if h == hex(hash) => ReadState::Read,
            Some(_) => ReadState::Changed,
        }
    }

    /// Read or unread, when the content hash is not known yet.
    pub fn read_state_unverified(&self, id: &str) -> ReadState {
        match self.entries.get(id).and_then(|e| e.read.as_deref()) {
            None => ReadState::Unread,
            Some(_) => ReadState::Read,
        }
    }

    /// Whether the article is starred.
    pub fn starred(&self, id: &str) -> bool {
        self.entries.get(id).is_some_and(|e| e.starred)
    }

    fn change(&mut self, id: &str, f: impl FnOnce(&mut Entry)) {
        let entry = self.entries.entry(id.to_string()).or_default();
        f(entry);
        entry.updated = now_ms().max(entry.updated + 1);
        self.dirty.insert(id.to_string(), entry.clone());
    }

    /// Marks an article read (at this content) or unread.
    pub fn set_read(&mut self, id: &str, hash: u64, read: bool) {
        self.change(id, |e| e.read = read.then(|| hex(hash)));
    }

    /// Carries read marks of kiosk 0.1 (FNV-1a hashes) over to today's hash.
    /// `hashes` gives an article's legacy and current content hashes by id
    /// (by reading its file), `None` when there is no such article. A mark
    /// whose article is unchanged is rewritten; one whose article changed
    /// stays and reads as changed. Gives how many were rewritten.
    pub fn upgrade_read_marks(&mut self, mut hashes: impl FnMut(&str) -> Option<(u64, u64)>) -> usize {
        let legacy: Vec<(String, String)> = self
            .entries
            .iter()
            .filter_map(|(id, e)| {
                let read = e.read.as_deref()?;
                (read.len() == 16 && read.bytes().all(|b| b.is_ascii_hexdigit()))
                    .then(|| (id.clone(), read.to_string()))
            })
            .collect();
        let mut upgraded = 0;
        for (id, mark) in legacy {
            if let Some((old, new)) = hashes(&id) {
                if legacy_hex(old) == mark {
                    self.change(&id, |e| e.read = Some(hex(new)));
                    upgraded += 1;
                }
            }
        }
        upgraded
    }

    /// Stars or unstars an article.
    pub fn set_starred(&mut self, id: &str, starred: bool) {
        self.change(id, |e| e.starred = starred);
    }

    /// True when there are changes not yet written.
    pub fn is_dirty(&self) -> bool {
        !self.dirty.is_empty()
    }

    /// Writes the changes: under a lock, merged with what is on disk (the
    /// newer entry wins), atomically. Errors are messages for the status bar.
    pub fn save(&mut self) -> Result<(), SaveError> {
        let Some(path) = self.path.clone() else {
            self.dirty.clear();
            return Ok(());
        };
        if self.dirty.is_empty() {
            return Ok(());
        }
        let dir = path.parent().unwrap_or(Path::new("."));
        let fail = |what: &'static str, source: std::io::Error| SaveError::Io {
            what,
            dir: dir.to_path_buf(),
            source,
        };
        fs::create_dir_all(dir).map_err(|e| fail("create", e))?;
        let lock = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(dir.join("state.lock"))
            .map_err(|e| fail("lock in", e))?;
        lock.lock().map_err(|e| fail("lock in", e))?;
        // Merge: what another instance wrote since survives unless ours is newer.
        let mut merged = fs::read(&path).ok().and_then(|b| parse(&b).ok()).unwrap_or_default();
        for (id, mine) in &self.dirty {
            match merged.get(id) {
                Some(theirs) if theirs.updated > mine.updated => {}
                _ => {
                    merged.insert(id.clone(), mine.clone());
                }
            }
        }
        let file = File1 {
            version: VERSION,
            articles: merged,
        };
        let bytes = serde_json::to_vec_pretty(&file)?;
        crate::atomic::write(&path, &bytes, None).map_err(|e| fail("write in", e))?;
        let _ = lock.unlock();
        self.entries = file.articles;
        self.dirty.clear();
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hash::{content_hash, legacy_content_hash};

    #[test]
    fn round_trip() {
        let dir = tempfile::tempdir().unwrap();
        let (mut s, msg) = State::open(dir.path());
        assert!(msg.is_none());
        s.set_read("a", 1, true);
        s.set_starred("b", true);
        s.save().unwrap();
        let (s, _) = State::open(dir.path());
        assert_eq!(s.read_state("a", 1), ReadState::Read);
        assert_eq!(s.read_state("a", 2), ReadState::Changed);
        assert_eq!(s.read_state("b", 1), ReadState::Unread);
        assert!(s.starred("b"));
        assert!(!s.starred("a"));
    }

    #[test]
    fn read_marks_of_kiosk_0_1_carry_over_when_the_article_is_unchanged() {
        let dir = tempfile::tempdir().unwrap();
        let legacy = |text: &str| legacy_hex(legacy_content_hash(text.as_bytes()));
        let file = format!(
            r#"{{"version":1,"articles":{{"same":{{"read":"{}","updated":1}},"edited":{{"read":"{}","updated":1}},"gone":{{"read":"{}","updated":1}}}}}}"#,
            legacy("same text"),
            legacy("old text"),
            legacy("gone")
        );
        fs::write(dir.path().join("state.json"), file).unwrap();
        let (mut s, message) = State::open(dir.path());
        assert_eq!(message, None);
        let on_disk = |id: &str| match id {
            "same" => Some("same text"),
            "edited" => Some("new text"),
            _ => None,
        };
        let upgraded = s.upgrade_read_marks(|id| {
            on_disk(id).map(|t| (legacy_content_hash(t.as_bytes()), content_hash(t.as_bytes())))
        });
        assert_eq!(upgraded, 1);
        assert_eq!(s.read_state("same", content_hash(b"same text")), ReadState::Read);
        assert_eq!(s.read_state("edited", content_hash(b"new text")), ReadState::Changed);
        assert!(s.is_dirty());
        s.save().unwrap();
        let (again, _) = State::open(dir.path());
        assert_eq!(again.read_state("same", content_hash(b"same text")), ReadState::Read);
        // Only the marks still in the old form are looked at again.
        let mut again = again;
        let mut asked = Vec::new();
        again.upgrade_read_marks(|id| {
            asked.push(id.to_string());
            None
        });
        assert_eq!(asked, ["edited", "gone"]);
    }

    #[test]
    fn corrupt_files_are_moved_aside() {
        for (what, bytes) in [
            ("empty", &b""[..]),
            ("truncated", &br#"{"version":1,"articles":{"a":{"read":"00"#[..]),
            ("garbage", &b"\x00\xffnot json"[..]),
            ("newer", &br#"{"version":99,"articles":{}}"#[..]),
        ] {
            let dir = tempfile::tempdir().unwrap();
            fs::write(dir.path().join("state.json"), bytes).unwrap();
            let (s, msg) = State::open(dir.path());
            let msg = msg.unwrap_or_else(|| panic!("{what}: no message"));
            assert!(msg.contains("moved aside"), "{what}: {msg}");
            assert!(dir.path().join("state.json.corrupt").exists(), "{what}");
            assert!(!dir.path().join("state.json").exists(), "{what}");
            assert!(s.entries.is_empty());
        }
    }

    #[test]
    fn two_writers_merge_instead_of_overwriting() {
        let dir = tempfile::tempdir().unwrap();
        let (mut one, _) = State::open(dir.path());
        let (mut two, _) = State::open(dir.path());
        one.set_starred("a", true);
        two.set_read("b", 7, true);
        one.save().unwrap();
        two.save().unwrap();
        let (s, _) = State::open(dir.path());
        assert!(s.starred("a"));
        assert_eq!(s.read_state("b", 7), ReadState::Read);
        // The newer change to the same article wins.
        let (mut three, _) = State::open(dir.path());
        three.set_starred("a", false);
        three.save().unwrap();
        one.save().unwrap(); // nothing dirty: no effect
        let (s, _) = State::open(dir.path());
        assert!(!s.starred("a"));
    }

    #[test]
    fn concurrent_threads_never_corrupt_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let handles: Vec<_> = (0..4)
            .map(|t| {
                let dir = dir.path().to_path_buf();
                std::thread::spawn(move || {
                    for i in 0..25 {
                        let (mut s, msg) = State::open(&dir);
                        assert!(msg.is_none(), "{msg:?}");
                        s.set_read(&format!("t{t}-{i}"), i, true);
                        s.save().unwrap();
                    }
                })
            })
            .collect();
        for h in handles {
            h.join().unwrap();
        }
        let (s, msg) = State::open(dir.path());
        assert!(msg.is_none());
        assert_eq!(s.entries.len(), 100);
    }

    #[test]
    fn a_read_only_folder_is_a_message() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("not-a-folder");
        fs::write(&file, b"x").unwrap();
        let (mut s, _) = State::open(&file.join("kiosk"));
        s.set_starred("a", true);
        let err = s.save().unwrap_err();
        assert!(matches!(err, SaveError::Io { what: "create", .. }), "{err}");
        assert!(
            err.to_string().starts_with("cannot save reading state (create "),
            "{err}"
        );
    }
}
