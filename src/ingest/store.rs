//! Writing article files: a safe, unused name, an atomic write, the hash
//! recorded in the ledger; and rewriting only a file that still holds what
//! kiosk wrote. Also finds what a folder already holds (by `source` and
//! `guid`), so that nothing is saved twice even without the ledger.

use std::collections::{HashMap, HashSet};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use super::article_file::ArticleFile;
use super::filename::free_path;
use super::ledger::{FeedState, Ledger};

/// Why an existing file was not rewritten.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The user changed the file since kiosk wrote it (or kiosk never did).
    #[error("{0}: edited since kiosk wrote it; left as it is")]
    Edited(PathBuf),
    /// The file system refused.
    #[error("{0}: {1}")]
    Io(PathBuf, std::io::Error),
}

/// The article folder's writer, shared by the threads of a run.
#[derive(Debug)]
pub struct Store {
    state_dir: Option<PathBuf>,
    ledger: Mutex<Ledger>,
    /// Names chosen by this run and not yet written: two items with the
    /// same title must not pick the same free name.
    reserved: Mutex<HashSet<PathBuf>>,
    /// Files written and not yet made durable (see [`Store::save`]).
    unsynced: Mutex<Vec<PathBuf>>,
    /// What opening the ledger had to say (a corrupt file set aside).
    pub note: Option<String>,
}

impl Store {
    /// A store whose ledger lives in `state_dir` (none: kept in memory).
    pub fn open(state_dir: Option<PathBuf>) -> Store {
        let (ledger, note) = state_dir.as_deref().map(Ledger::open).unwrap_or_default();
        Store {
            state_dir,
            ledger: Mutex::new(ledger),
            reserved: Mutex::new(HashSet::new()),
            unsynced: Mutex::new(Vec::new()),
            note,
        }
    }

    /// Writes `file` as a new article in `dir` and returns its path.
    pub fn write_new(&self, dir: &Path, file: &ArticleFile) -> Result<PathBuf, StoreError> {
        std::fs::create_dir_all(dir).map_err(|e| StoreError::Io(dir.to_path_buf(), e))?;
        let stem = file.stem();
        let path = {
            let mut reserved = self.reserved.lock().expect("not poisoned");
            let mut n = 1;
            let mut path = free_path(dir, &stem);
            while reserved.contains(&path) {
                n += 1;
                path = free_path(dir, &format!("{stem}-{n}"));
            }
            reserved.insert(path.clone());
            path
        };
        let result = self.write(&path, file);
        self.reserved.lock().expect("not poisoned").remove(&path);
        result.map(|()| path)
    }

    /// Rewrites `path` with `file`, unless the user edited it since kiosk
    /// wrote it: such a file is never overwritten.
    pub fn rewrite(&self, path: &Path, file: &ArticleFile) -> Result<(), StoreError> {
        if !self.ledger.lock().expect("not poisoned").unchanged_since_written(path) {
            return Err(StoreError::Edited(path.to_path_buf()));
        }
        self.write(path, file)
    }

    fn write(&self, path: &Path, file: &ArticleFile) -> Result<(), StoreError> {
        let text = file.render();
        // Atomic but not synced one by one: `save` syncs them all at once.
        crate::atomic::write_unsynced(path, text.as_bytes()).map_err(|e| StoreError::Io(path.to_path_buf(), e))?;
        self.unsynced.lock().expect("not poisoned").push(path.to_path_buf());
        self.ledger.lock().expect("not poisoned").record(path, text.as_bytes());
        Ok(())
    }

    /// What is known of `feed`.
    pub fn feed(&self, feed: &str) -> FeedState {
        self.ledger
            .lock()
            .expect("not poisoned")
            .feeds
            .get(feed)
            .cloned()
            .unwrap_or_default()
    }

    /// Remembers `state` for `feed`.
    pub fn set_feed(&self, feed: &str, state: FeedState) {
        self.ledger.lock().expect("not poisoned").set_feed(feed, state);
    }

    /// Makes the article files written so far durable, then writes the
    /// ledger (nothing without a state folder): the ledger never names a
    /// file that a crash could still take back.
    pub fn save(&self) -> Result<(), String> {
        let written = std::mem::take(&mut *self.unsynced.lock().expect("not poisoned"));
        crate::atomic::sync_written(&written).map_err(|e| format!("cannot sync the articles written: {e}"))?;
        match &self.state_dir {
            Some(dir) => self.ledger.lock().expect("not poisoned").save(dir),
            None => Ok(()),
        }
    }
}

/// The articles in `dir` (not below it) that name a `source` or `guid` in
/// their front matter, by that value. Only the start of each file is read.
pub fn known_in(dir: &Path) -> HashMap<String, PathBuf> {
    let mut known = HashMap::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return known;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "md") || !entry.file_type().is_ok_and(|t| t.is_file()) {
            continue;
        }
        let mut head = Vec::with_capacity(4096);
        let Ok(file) = std::fs::File::open(&path) else {
            continue;
        };
        if file.take(4096).read_to_end(&mut head).is_err() {
            continue;
        }
        let head = String::from_utf8_lossy(&head);
        let mut lines = head.lines();
        if lines.next() != Some("---") {
            continue;
        }
        for line in lines.take_while(|l| *l != "---") {
            for field in ["source: ", "guid: "] {
                if let Some(value) = line.strip_prefix(field) {
                    let value = serde_yaml::from_str::<String>(value).unwrap_or_else(|_| value.to_string());
                    known.insert(value, path.clone());
                }
            }
        }
    }
    known
}
