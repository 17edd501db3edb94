//! Watching the article folder: a change that can alter the library
//! arrives as [`Event::FolderChanged`]. When the folder itself goes away
//! (deleted, or renamed away) the watch is lost with it: that arrives as
//! [`Event::FolderGone`], and [`wait_for_return`] says with
//! [`Event::FolderBack`] when a folder is at the path again, to watch anew.

use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use notify::event::{EventKind, ModifyKind};
use notify::Watcher;

use super::event::Event;

/// How often a folder that went away is looked for.
pub const RETURN_POLL: Duration = Duration::from_millis(250);

/// A live watch of a folder (dropping it stops the watch).
pub struct FolderWatch {
    _watcher: notify::RecommendedWatcher,
}

/// The folder's identity: a folder put back at the path is another one.
fn identity(root: &Path) -> Option<(u64, u64)> {
    std::fs::metadata(root)
        .ok()
        .filter(|m| m.is_dir())
        .map(|m| (m.dev(), m.ino()))
}

/// Watches `root` recursively; `None` when it cannot be watched.
pub fn watch(root: &Path, events: mpsc::Sender<Event>) -> Option<FolderWatch> {
    let watched = identity(root)?;
    let path = root.to_path_buf();
    let mut gone = false;
    let mut watcher = notify::recommended_watcher(move |result: notify::Result<notify::Event>| {
        let Ok(event) = result else { return };
        // A removal or a rename may have taken the folder itself: look.
        let moved = matches!(
            event.kind,
            EventKind::Remove(_) | EventKind::Modify(ModifyKind::Name(_))
        );
        if moved && !gone && identity(&path) != Some(watched) {
            gone = true;
            let _ = events.send(Event::FolderGone);
        } else if !gone && relevant(&event) {
            let _ = events.send(Event::FolderChanged);
        }
    })
    .ok()?;
    watcher.watch(root, notify::RecursiveMode::Recursive).ok()?;
    Some(FolderWatch { _watcher: watcher })
}

/// After [`Event::FolderGone`]: looks for a folder at `root` every
/// [`RETURN_POLL`] and sends [`Event::FolderBack`] once there is one. (It
/// polls only while the folder is missing; the process ends it otherwise.)
pub fn wait_for_return(root: PathBuf, events: mpsc::Sender<Event>) {
    std::thread::spawn(move || loop {
        std::thread::sleep(RETURN_POLL);
        if identity(&root).is_some() {
            let _ = events.send(Event::FolderBack);
            return;
        }
    });
}

/// True for a change that can alter the library (not a mere read).
fn relevant(event: &notify::Event) -> bool {
    !matches!(event.kind, EventKind::Access(_))
        && event.paths.iter().any(|p| {
            p.extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| crate::load::EXTENSIONS.iter().any(|x| x.eq_ignore_ascii_case(e)))
                || p.extension().is_none()
        })
}
