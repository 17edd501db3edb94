//! Writing a file atomically: readers see the old file or the new one,
//! never half of either, whatever stops the writer.

use std::fs::{self, File};
use std::io::Write;
use std::path::Path;

/// The steps of an atomic write, for simulating a crash between them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// After the temporary file is written, before it is synced.
    Written,
    /// After it is synced, before the rename.
    Synced,
    /// After the rename, before the folder is synced.
    Renamed,
}

/// Writes `bytes` to `path` atomically: a temporary file in the same folder,
/// fsync, rename over the target, fsync of the folder. `crash_after` stops
/// early, as a killed process would (tests only). Temporary files of `path`
/// that writers killed mid-write left behind are removed; a failed write
/// removes its own.
pub fn write(path: &Path, bytes: &[u8], crash_after: Option<Step>) -> std::io::Result<()> {
    write_with(path, bytes, crash_after, true)
}

/// As [`write`], but without the two fsyncs: while the system runs the file
/// is whole or absent, and [`sync_written`] makes a batch of such writes
/// durable at once. For ingest, which writes thousands of small files a
/// run: an fsync of each file and folder took most of its time.
pub fn write_unsynced(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_with(path, bytes, None, false)
}

/// Makes files written by [`write_unsynced`] durable: on Linux one
/// `syncfs` per file system they are on, elsewhere an fsync of each file
/// and each folder.
pub fn sync_written(paths: &[std::path::PathBuf]) -> std::io::Result<()> {
    let mut dirs: Vec<&Path> = paths.iter().filter_map(|p| p.parent()).collect();
    dirs.sort();
    dirs.dedup();
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::fs::MetadataExt;
        let mut devices = Vec::new();
        for dir in dirs {
            let folder = File::open(dir)?;
            let device = folder.metadata()?.dev();
            if !devices.contains(&device) {
                devices.push(device);
                rustix::fs::syncfs(&folder)?;
            }
        }
        Ok(())
    }
    #[cfg(not(target_os = "linux"))]
    {
        for path in paths {
            File::open(path)?.sync_all()?;
        }
        for dir in dirs {
            File::open(dir)?.sync_all()?;
        }
        Ok(())
    }
}

fn write_with(path: &Path, bytes: &[u8], crash_after: Option<Step>, sync: bool) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    remove_stale_temporaries(dir, &name);
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = write_and_rename(&tmp, path, bytes, crash_after, sync);
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

fn write_and_rename(
    tmp: &Path,
    path: &Path,
    bytes: &[u8],
    crash_after: Option<Step>,
    sync: bool,
) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut file = create_temporary(tmp)?;
    file.write_all(bytes)?;
    if crash_after == Some(Step::Written) {
        return Ok(());
    }
    if sync {
        file.sync_all()?;
    }
    drop(file);
    if crash_after == Some(Step::Synced) {
        return Ok(());
    }
    fs::rename(tmp, path)?;
    if crash_after == Some(Step::Renamed) || !sync {
        return Ok(());
    }
    File::open(dir)?.sync_all()
}

/// Creates the temporary file afresh: never through a symbolic link and
/// never opening a FIFO that sits at its name (both would be followed or
/// block with a plain create). Whatever is there (left by a process of the
/// same id, or put there) is removed first.
fn create_temporary(tmp: &Path) -> std::io::Result<File> {
    let create = || File::options().write(true).create_new(true).open(tmp);
    match create() {
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            fs::remove_file(tmp)?;
            create()
        }
        other => other,
    }
}

/// A temporary file older than this was left by a writer that did not
/// finish (a reader closed by a signal while writing, a crash): writing one
/// takes seconds at most, even an index of 100,000 articles.
pub const STALE_TEMPORARY: std::time::Duration = std::time::Duration::from_secs(600);

/// Removes the temporary files of `name` in `dir` that are older
/// than [`STALE_TEMPORARY`]. Without this, each writer killed mid-write
/// would leave a copy of the index (150 MB at 100,000 articles) for good.
fn remove_stale_temporaries(dir: &Path, name: &str) {
    let prefix = format!(".{name}.");
    let Ok(listing) = fs::read_dir(dir) else {
        return;
    };
    for entry in listing.flatten() {
        let file_name = entry.file_name();
        let ours = file_name
            .to_str()
            .is_some_and(|n| n.starts_with(&prefix) && n.ends_with(".tmp"));
        let stale = || {
            entry
                .metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.elapsed().ok())
                .is_some_and(|age| age > STALE_TEMPORARY)
        };
        if ours && stale() {
            let _ = fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fifo_or_link_at_the_temporary_name_is_replaced_not_used() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        let tmp = dir.path().join(format!(".state.json.{}.tmp", std::process::id()));
        let made = std::process::Command::new("mkfifo").arg(&tmp).status().unwrap();
        assert!(made.success());
        let target = path.clone();
        crate::safe_open::tests::bounded(move || write(&target, b"new", None)).unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"new");
        let elsewhere = dir.path().join("elsewhere");
        std::os::unix::fs::symlink(&elsewhere, &tmp).unwrap();
        write(&path, b"newer", None).unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"newer");
        assert!(!elsewhere.exists());
    }

    #[test]
    fn a_crash_between_steps_leaves_the_old_or_the_new_file() {
        for step in [Step::Written, Step::Synced, Step::Renamed] {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("state.json");
            fs::write(&path, b"old").unwrap();
            write(&path, b"new", Some(step)).unwrap();
            let now = fs::read(&path).unwrap();
            assert!(now == b"old" || now == b"new", "{step:?}: {now:?}");
        }
    }
}
