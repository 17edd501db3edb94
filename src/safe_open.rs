//! Opening files whose path may name something else than a regular file.
//!
//! Opening a FIFO for reading blocks until a writer comes, for good when none
//! does; reading a device may never end. Every file kiosk reads (articles,
//! the reading state, its lock, the index cache, the configuration) is opened
//! here with `O_NONBLOCK`, which makes such an open return at once, and its
//! type is then checked on the open handle: a check by path before the open
//! could be raced by a file replaced in between. For a regular file
//! `O_NONBLOCK` changes nothing.

use std::fs::{File, FileType, OpenOptions};
use std::io::{self, Read};
use std::os::unix::fs::{FileTypeExt, OpenOptionsExt};
use std::path::Path;

/// Opens `path` for reading, following symbolic links, without ever
/// blocking; an error unless it is a regular file.
pub fn open_regular(path: &Path) -> io::Result<File> {
    let file = open_nonblocking(path)?;
    let kind = file.metadata()?.file_type();
    if kind.is_file() {
        Ok(file)
    } else {
        Err(not_regular(kind))
    }
}

/// Opens `path` for reading without blocking, whatever it is (the caller
/// checks the type). A FIFO opened so reads as empty while it has no writer.
pub fn open_nonblocking(path: &Path) -> io::Result<File> {
    OpenOptions::new().read(true).custom_flags(libc::O_NONBLOCK).open(path)
}

/// Opens (creating it when missing) a lock file for reading and writing: a
/// symbolic link in its place is refused rather than followed (a link would
/// make kiosk create or truncate a file elsewhere), and so is anything but a
/// regular file.
pub fn open_lock_file(path: &Path) -> io::Result<File> {
    let file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOFOLLOW)
        .open(path)
        .map_err(|e| {
            if e.raw_os_error() == Some(libc::ELOOP) {
                io::Error::new(io::ErrorKind::InvalidInput, "a symbolic link; not followed")
            } else {
                e
            }
        })?;
    let kind = file.metadata()?.file_type();
    if kind.is_file() {
        Ok(file)
    } else {
        Err(not_regular(kind))
    }
}

/// Reads an open file to its end, or fails when it holds more than `cap`
/// bytes (no more than `cap + 1` are read).
pub fn read_capped(file: File, cap: u64) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    file.take(cap.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > cap {
        return Err(io::Error::new(
            io::ErrorKind::FileTooLarge,
            format!("larger than {}", size(cap)),
        ));
    }
    Ok(bytes)
}

/// Reads a regular file of at most `cap` bytes (see [`open_regular`]).
pub fn read_regular(path: &Path, cap: u64) -> io::Result<Vec<u8>> {
    read_capped(open_regular(path)?, cap)
}

/// The error for a file of type `kind` where a regular file was wanted.
pub fn not_regular(kind: FileType) -> io::Error {
    let what = if kind.is_fifo() {
        "a FIFO"
    } else if kind.is_socket() {
        "a socket"
    } else if kind.is_char_device() {
        "a character device"
    } else if kind.is_block_device() {
        "a block device"
    } else if kind.is_dir() {
        "a folder"
    } else {
        "of another kind"
    };
    io::Error::new(io::ErrorKind::InvalidInput, format!("not a regular file ({what})"))
}

/// A byte count as people read it.
fn size(bytes: u64) -> String {
    const MIB: u64 = 1024 * 1024;
    if bytes >= MIB && bytes.is_multiple_of(MIB) {
        format!("{} MiB", bytes / MIB)
    } else if bytes >= 1024 && bytes.is_multiple_of(1024) {
        format!("{} KiB", bytes / 1024)
    } else {
        format!("{bytes} bytes")
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use std::time::{Duration, Instant};

    /// Runs `f` on a thread and gives its result, or panics when it takes
    /// longer than a generous bound (a blocking open never returns).
    pub(crate) fn bounded<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let _ = tx.send(f());
        });
        rx.recv_timeout(Duration::from_secs(20))
            .expect("blocked: still running after 20 s")
    }

    fn fifo(path: &Path) {
        let made = std::process::Command::new("mkfifo").arg(path).status().unwrap();
        assert!(made.success());
    }

    #[test]
    fn a_fifo_is_refused_at_once_and_a_file_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let pipe = dir.path().join("pipe");
        fifo(&pipe);
        let start = Instant::now();
        let err = bounded(move || open_regular(&pipe).unwrap_err());
        assert_eq!(err.to_string(), "not a regular file (a FIFO)");
        assert!(start.elapsed() < Duration::from_secs(20));
        let file = dir.path().join("file");
        std::fs::write(&file, b"text").unwrap();
        assert_eq!(read_regular(&file, 4).unwrap(), b"text");
        assert_eq!(read_regular(&file, 3).unwrap_err().to_string(), "larger than 3 bytes");
    }

    #[test]
    fn devices_are_refused_and_capped() {
        let err = open_regular(Path::new("/dev/zero")).unwrap_err();
        assert_eq!(err.to_string(), "not a regular file (a character device)");
        let zero = open_nonblocking(Path::new("/dev/zero")).unwrap();
        let err = read_capped(zero, 1024 * 1024).unwrap_err();
        assert_eq!(err.to_string(), "larger than 1 MiB");
        let dir = tempfile::tempdir().unwrap();
        let err = open_regular(dir.path()).unwrap_err();
        assert_eq!(err.to_string(), "not a regular file (a folder)");
    }

    #[test]
    fn a_lock_file_is_created_but_never_through_a_link_or_on_a_fifo() {
        let dir = tempfile::tempdir().unwrap();
        let lock = dir.path().join("state.lock");
        open_lock_file(&lock).unwrap();
        assert!(lock.is_file());
        let target = dir.path().join("elsewhere");
        let link = dir.path().join("linked.lock");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        let err = open_lock_file(&link).unwrap_err();
        assert_eq!(err.to_string(), "a symbolic link; not followed");
        assert!(!target.exists(), "the link was followed with O_CREAT");
        let pipe = dir.path().join("pipe.lock");
        fifo(&pipe);
        let err = bounded(move || open_lock_file(&pipe).unwrap_err());
        assert_eq!(err.to_string(), "not a regular file (a FIFO)");
    }
}
