//! What the reader remembers between runs: read articles and stars.
//!
//! The state lives in `$XDG_STATE_HOME/kiosk/` (else `~/.local/state/kiosk/`),
//! never in the article folder. Entries are keyed by article id (the path
//! relative to the folder, so moving the whole folder keeps them) and carry
//! the content hash seen when the article was read, so a changed article is
//! told apart. Writes are atomic (temporary file, fsync, rename, fsync of the
//! folder) and merged under a lock with what another instance wrote.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

mod disk;
mod place;
mod read_only;
use disk::{File1, OnDisk};
pub use disk::{LOCK_WAIT, MAX_STATE_BYTES};
pub use place::Place;
mod prefs;
pub use prefs::Prefs;

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
    /// The file was written by a newer kiosk: it is never overwritten.
    #[error(
        "{} was written by a newer kiosk (format {version}, this one writes {VERSION}): \
         read marks and stars are shown but not saved",
        path.display()
    )]
    Newer {
        /// The state file.
        path: PathBuf,
        /// Its format version.
        version: u64,
    },
    /// The file on disk cannot be read (so it is not overwritten).
    #[error("cannot save reading state: cannot read {}: {why}", path.display())]
    Unreadable {
        /// The state file.
        path: PathBuf,
        /// Why.
        why: String,
    },
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
    /// Where reading stopped; `None` at the top or at the end.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<Place>,
    /// When this entry last changed (ms since the epoch): the newer entry
    /// wins when two instances merge.
    pub updated: u64,
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
    /// The file was written by a newer kiosk (this version): it is read
    /// but never written.
    newer: Option<u64>,
    /// What a save did besides saving (a damaged file moved aside).
    notice: Option<String>,
    /// Counts changes: tells a count made from the state whether it is stale.
    revision: u64,
    /// How the list is shown (see [`Prefs`]), and whether that changed.
    prefs: Prefs,
    prefs_dirty: bool,
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
/// A relative `XDG_STATE_HOME` is ignored (see [`crate::xdg::base_dir`]).
pub fn default_dir() -> Option<PathBuf> {
    crate::xdg::base_dir("XDG_STATE_HOME", ".local/state").map(|d| d.join("kiosk"))
}

impl State {
    /// A state that is never written (tests, or no home folder).
    pub fn in_memory() -> State {
        State {
            path: None,
            entries: BTreeMap::new(),
            dirty: BTreeMap::new(),
            newer: None,
            notice: None,
            revision: 0,
            prefs: Prefs::default(),
            prefs_dirty: false,
        }
    }

    /// Opens the state file `dir/state.json`. A truncated, garbage or
    /// unreadable file is moved aside as `state.json.corrupt` and the state
    /// starts empty; a file written by a newer kiosk is read as far as it
    /// can be and never written. The message says so.
    pub fn open(dir: &Path) -> (State, Option<String>) {
        let path = dir.join("state.json");
        let mut state = State {
            path: Some(path.clone()),
            prefs: prefs::read(&dir.join(prefs::FILE)),
            ..State::in_memory()
        };
        let message = match disk::read(&path) {
            OnDisk::Missing => None,
            OnDisk::Read(entries) => {
                state.entries = entries;
                None
            }
            OnDisk::Newer(version, entries) => {
                state.entries = entries;
                state.newer = Some(version);
                Some(SaveError::Newer { path, version }.to_string())
            }
            OnDisk::Damaged(why) => Some(format!("{}; started fresh", disk::move_aside(&path, &why))),
            OnDisk::Unreadable(why) => Some(format!("cannot read {}: {why}", path.display())),
        };
        (state, message)
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
        self.revision += 1;
        // Saturating: a file may say `u64::MAX`.
        entry.updated = now_ms().max(entry.updated.saturating_add(1));
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
        !self.dirty.is_empty() || self.prefs_dirty
    }

    /// How the list is shown, as remembered.
    pub fn prefs(&self) -> &Prefs {
        &self.prefs
    }

    /// Remembers the list's order (by name); written with the next save.
    pub fn set_sort(&mut self, name: &str) {
        if self.prefs.sort.as_deref() != Some(name) {
            self.prefs.sort = Some(name.to_string());
            self.prefs_dirty = true;
        }
    }

    /// What the last save did besides saving (a damaged file moved
    /// aside), once.
    pub fn take_notice(&mut self) -> Option<String> {
        self.notice.take()
    }

    /// Writes the changes: under a lock, merged with what is on disk (the
    /// newer entry wins), atomically. A damaged file on disk is moved aside
    /// and everything held in memory is written; a file that cannot be read,
    /// or that a newer kiosk wrote, is not overwritten and the changes stay
    /// pending. Errors are messages for the status bar.
    pub fn save(&mut self) -> Result<(), SaveError> {
        let Some(path) = self.path.clone() else {
            self.dirty.clear();
            self.prefs_dirty = false;
            return Ok(());
        };
        if std::mem::take(&mut self.prefs_dirty) {
            let dir = path.parent().unwrap_or(Path::new("."));
            let written = fs::create_dir_all(dir).and_then(|()| prefs::write(&dir.join(prefs::FILE), &self.prefs));
            if let Err(source) = written {
                self.prefs_dirty = true;
                return Err(SaveError::Io {
                    what: "write in",
                    dir: dir.to_path_buf(),
                    source,
                });
            }
        }
        if self.dirty.is_empty() {
            return Ok(());
        }
        if let Some(version) = self.newer {
            return Err(SaveError::Newer { path, version });
        }
        let dir = path.parent().unwrap_or(Path::new("."));
        let fail = |what: &'static str, source: std::io::Error| SaveError::Io {
            what,
            dir: dir.to_path_buf(),
            source,
        };
        fs::create_dir_all(dir).map_err(|e| fail("create", e))?;
        let lock = disk::lock(dir).map_err(|e| fail("lock in", e))?;
        // Merge: what another instance wrote since survives unless ours is
        // newer. Without a usable file, what this one holds is the base.
        let mut merged = match disk::read(&path) {
            OnDisk::Read(entries) => entries,
            OnDisk::Missing => self.entries.clone(),
            OnDisk::Damaged(why) => {
                self.notice = Some(disk::move_aside(&path, &why));
                self.entries.clone()
            }
            OnDisk::Newer(version, _) => {
                self.newer = Some(version);
                return Err(SaveError::Newer { path, version });
            }
            OnDisk::Unreadable(why) => return Err(SaveError::Unreadable { path, why }),
        };
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
        self.revision += 1;
        self.dirty.clear();
        Ok(())
    }
}

#[cfg(test)]
mod tests;
