//! The state file on disk: reading it whatever state it is in, moving a
//! damaged one aside, and the lock that writers take.

use std::collections::BTreeMap;
use std::fs::{self, File};
use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use super::{Entry, VERSION};

/// The file's form.
#[derive(Debug, Default, Serialize, Deserialize)]
pub(super) struct File1 {
    pub(super) version: u32,
    pub(super) articles: BTreeMap<String, Entry>,
}

/// A state file larger than this is not read (100,000 articles take about
/// 10 MiB).
pub const MAX_STATE_BYTES: u64 = 256 * 1024 * 1024;

/// How long a save waits for another kiosk's lock before giving up (a
/// save holds it for milliseconds).
pub const LOCK_WAIT: Duration = Duration::from_secs(5);

/// What the state file holds.
#[derive(Debug)]
pub(super) enum OnDisk {
    /// There is none.
    Missing,
    /// Entries in this kiosk's format.
    Read(BTreeMap<String, Entry>),
    /// Written by a newer kiosk (its version): the entries that could be
    /// read. The file is never overwritten.
    Newer(u64, BTreeMap<String, Entry>),
    /// Not a state file (empty, truncated, garbage, not a regular file, too
    /// large): why. It may be moved aside.
    Damaged(String),
    /// It could not be read (permissions, I/O): why. It is left alone.
    Unreadable(String),
}

/// Reads the state file at `path`; never blocks (a FIFO there is damage).
pub(super) fn read(path: &Path) -> OnDisk {
    let bytes = match crate::safe_open::read_regular(path, MAX_STATE_BYTES) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == ErrorKind::NotFound => return OnDisk::Missing,
        Err(e) if matches!(e.kind(), ErrorKind::InvalidInput | ErrorKind::FileTooLarge) => {
            return OnDisk::Damaged(e.to_string())
        }
        Err(e) => return OnDisk::Unreadable(e.to_string()),
    };
    parse(&bytes)
}

/// What the bytes of a state file hold.
pub(super) fn parse(bytes: &[u8]) -> OnDisk {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return OnDisk::Damaged("empty".into());
    }
    // The usual case at full speed: this kiosk's own format.
    if let Ok(file) = serde_json::from_slice::<File1>(bytes) {
        if file.version == VERSION {
            return OnDisk::Read(file.articles);
        }
    }
    let value: serde_json::Value = match serde_json::from_slice(bytes) {
        Ok(value) => value,
        Err(e) => return OnDisk::Damaged(format!("unreadable ({e})")),
    };
    match value.get("version").and_then(serde_json::Value::as_u64) {
        Some(v) if v > u64::from(VERSION) => OnDisk::Newer(v, readable_entries(&value)),
        Some(v) if v == u64::from(VERSION) => match serde_json::from_value::<File1>(value) {
            Ok(file) => OnDisk::Read(file.articles),
            Err(e) => OnDisk::Damaged(format!("unreadable ({e})")),
        },
        Some(v) => OnDisk::Damaged(format!("version {v} (this kiosk reads {VERSION})")),
        None => OnDisk::Damaged("unreadable (no version)".into()),
    }
}

/// The entries of a newer file that this kiosk understands; the rest is
/// left out (and stays in the file, which is not written).
fn readable_entries(value: &serde_json::Value) -> BTreeMap<String, Entry> {
    let Some(articles) = value.get("articles").and_then(serde_json::Value::as_object) else {
        return BTreeMap::new();
    };
    articles
        .iter()
        .filter_map(|(id, e)| Some((id.clone(), Entry::deserialize(e).ok()?)))
        .collect()
}

/// Moves a damaged state file aside as `state.json.corrupt`; the message
/// says what happened.
pub(super) fn move_aside(path: &Path, why: &str) -> String {
    let aside = aside_path(path);
    if fs::rename(path, &aside).is_ok() {
        format!("state file was {why}; moved aside to {}", aside.display())
    } else {
        format!("state file was {why}; it could not be moved aside")
    }
}

fn aside_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".corrupt");
    path.with_file_name(name)
}

/// Takes the writers' lock `state.lock` in `dir` (never through a symbolic
/// link, never on a FIFO), waiting at most [`LOCK_WAIT`] for another kiosk.
pub(super) fn lock(dir: &Path) -> std::io::Result<File> {
    let file = crate::safe_open::open_lock_file(&dir.join("state.lock"))?;
    let start = Instant::now();
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(file),
            Err(fs::TryLockError::WouldBlock) if start.elapsed() < LOCK_WAIT => {
                std::thread::sleep(Duration::from_millis(5));
            }
            Err(fs::TryLockError::WouldBlock) => {
                return Err(std::io::Error::new(
                    ErrorKind::WouldBlock,
                    "another kiosk holds the lock",
                ))
            }
            Err(fs::TryLockError::Error(e)) => return Err(e),
        }
    }
}
