//! Walking an article folder: every article file with its size and
//! modification time, in order, on both cores.
//!
//! Symbolic links are where a walk goes wrong: a link to `/` reads the whole
//! filesystem, a link back up is a loop, and two links per folder to the
//! next one make the paths double at each level. So a link that leads out
//! of the folder is not followed unless asked for ([`follow_links_outside`]),
//! a folder is read once however many links lead to it (its device and inode
//! are remembered), and the walk stops at a depth and at a number of entries.
//! Each of these is a diagnostic, which `kiosk check` shows.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use rayon::prelude::*;

use super::place::{PathLang, Place};
use super::{has_article_extension, io_message, relative};
use crate::article::{Diagnostic, DiagnosticKind, Level, Stamp};
use crate::sanitize::sanitize_line;

/// Folders nested deeper than this are not read (a diagnostic says so).
pub const MAX_DEPTH: usize = 256;

/// A walk lists at most this many entries (files and folders); a folder
/// past it is not read (a diagnostic says so).
pub const MAX_ENTRIES: usize = 2_000_000;

static FOLLOW_OUTSIDE: AtomicBool = AtomicBool::new(false);

/// Sets whether walks follow symbolic links that lead out of the folder
/// (off by default), for the whole process: the command line sets it once,
/// from `--follow-links`.
pub fn follow_links_outside(follow: bool) {
    FOLLOW_OUTSIDE.store(follow, Ordering::Relaxed);
}

/// How a walk treats links that lead out of the folder, and where it stops.
#[derive(Clone, Copy, Debug)]
pub(super) struct Limits {
    /// Follow links that lead out of the folder.
    pub follow_outside: bool,
    /// The deepest folder read (the folder itself is depth 0).
    pub depth: usize,
    /// The most entries listed.
    pub entries: usize,
}

impl Limits {
    /// The limits of every walk: [`MAX_DEPTH`], [`MAX_ENTRIES`], and
    /// links followed as [`follow_links_outside`] says.
    pub(super) fn current() -> Limits {
        Limits {
            follow_outside: FOLLOW_OUTSIDE.load(Ordering::Relaxed),
            depth: MAX_DEPTH,
            entries: MAX_ENTRIES,
        }
    }
}

/// A file found by [`walk`]: its path, its stamp at the time, and what its
/// place says of its language.
pub(super) type Found = (PathBuf, Stamp, PathLang);

/// Files of these kinds are documents kiosk does not read: `check` names
/// them (other files, such as images, are passed over in silence).
const OTHER_DOCUMENTS: [&str; 16] = [
    "rst", "adoc", "asciidoc", "org", "textile", "rmd", "qmd", "ipynb", "tex", "rtf", "docx", "odt", "pdf", "epub",
    "pod", "wiki",
];

/// Lists the article files below `root` with their size and modification
/// time, in order (by name, depth first), on both cores. Symbolic links are
/// followed as the module says; anything unreadable or not a regular file is
/// a diagnostic. Hidden entries are skipped.
pub(super) fn walk(root: &Path) -> (Vec<Found>, Vec<Diagnostic>) {
    walk_with(root, &|entry, path, meta, place| {
        let meta = match meta {
            Some(meta) => meta,
            None => entry
                .metadata()
                .map_err(|err| format!("cannot read: {}", io_message(Some(&err))))?,
        };
        if meta.is_file() {
            let name = path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
            Ok((path.to_path_buf(), Stamp::of(&meta), place.file(&name)))
        } else {
            Err(NOT_REGULAR.to_string())
        }
    })
}

const NOT_REGULAR: &str = "not a regular file (FIFO, socket or device); skipped";

/// What [`walk_with`] makes of each article file: from its folder entry, its
/// path, its metadata when a symbolic link had to be followed to know it
/// is a file, and its folder's [`Place`]. An error becomes a warning for
/// the file.
pub(super) type Visit<'a, T> =
    dyn Fn(&std::fs::DirEntry, &Path, Option<std::fs::Metadata>, &Place) -> Result<T, String> + Sync + 'a;

/// As [`walk`], but what is kept of each article file is `visit`'s,
/// called on both cores while the walk goes on: files are read as soon as
/// they are found, not after the whole folder is listed.
pub(super) fn walk_with<T: Send + Sync>(root: &Path, visit: &Visit<'_, T>) -> (Vec<T>, Vec<Diagnostic>) {
    walk_limited(root, visit, Limits::current())
}

/// As [`walk_with`], within `limits`.
pub(super) fn walk_limited<T: Send + Sync>(
    root: &Path,
    visit: &Visit<'_, T>,
    limits: Limits,
) -> (Vec<T>, Vec<Diagnostic>) {
    let walker = Walker {
        root,
        real_root: root.canonicalize().ok(),
        visit,
        limits,
        listed: AtomicUsize::new(0),
        stopped: AtomicBool::new(false),
    };
    let id = std::fs::metadata(root).map(|m| dir_id(&m)).unwrap_or_default();
    let mut visited = HashSet::from([id]);
    let first = walker.walk_dir(root, &[id], &visited, &Place::root(root));
    let (mut files, mut diagnostics) = (Vec::new(), Vec::new());
    walker.settle(first, &mut visited, &mut files, &mut diagnostics);
    (files, diagnostics)
}

/// A folder's device and inode.
type Id = (u64, u64);

fn dir_id(meta: &std::fs::Metadata) -> Id {
    use std::os::unix::fs::MetadataExt;
    (meta.dev(), meta.ino())
}

/// One walk's settings and counters.
struct Walker<'a, T> {
    root: &'a Path,
    /// The root with every link resolved: what "inside the folder" means.
    real_root: Option<PathBuf>,
    visit: &'a Visit<'a, T>,
    limits: Limits,
    /// Entries listed so far.
    listed: AtomicUsize,
    /// The entry limit was reached (said once).
    stopped: AtomicBool,
}

/// What one folder entry is.
enum Item<T> {
    File(T),
    /// A folder, with its name.
    Dir(PathBuf, Id, String),
    /// A symbolic link to a folder, with its name, followed later (see
    /// [`Walker::settle`]).
    Link(PathBuf, Id, String),
    Problem(Diagnostic),
    Skip,
}

/// What walking a folder gives, in order: links to folders are left for
/// [`Walker::settle`], which follows them one at a time so that which of
/// several links to one folder reads it does not depend on timing.
enum Out<T> {
    File(T),
    Problem(Diagnostic),
    /// A link to a folder (its path and id), the folders it is in, and the
    /// place its name gives it as a subfolder of the folder holding it.
    Link(PathBuf, Id, Vec<Id>, Place),
}

/// A folder walked without following links to folders.
struct Walked<T> {
    out: Vec<Out<T>>,
    /// Every folder read.
    dirs: Vec<Id>,
}

impl<T: Send + Sync> Walker<'_, T> {
    /// A warning about `path` as it is.
    fn warn(&self, path: &Path, message: String) -> Diagnostic {
        self.problem(DiagnosticKind::File, path, message)
    }

    /// A warning that `path` could not be read (reading again may work).
    fn unreadable(&self, path: &Path, message: String) -> Diagnostic {
        self.problem(DiagnosticKind::Io, path, message)
    }

    fn problem(&self, kind: DiagnosticKind, path: &Path, message: String) -> Diagnostic {
        Diagnostic {
            path: relative(self.root, path),
            level: Level::Warning,
            kind,
            message,
        }
    }

    /// Follows the links `walked` left, in order, each folder once, and
    /// gathers files and diagnostics. Every folder of `walked` counts as
    /// read before any link is followed.
    fn settle(
        &self,
        walked: Walked<T>,
        visited: &mut HashSet<Id>,
        files: &mut Vec<T>,
        diagnostics: &mut Vec<Diagnostic>,
    ) {
        visited.extend(walked.dirs);
        for out in walked.out {
            match out {
                Out::File(found) => files.push(found),
                Out::Problem(d) => diagnostics.push(d),
                Out::Link(path, id, mut ancestors, place) => {
                    if ancestors.contains(&id) {
                        diagnostics.push(self.warn(&path, "symbolic link loop; not followed".into()));
                    } else if !visited.insert(id) {
                        let message = "symbolic link to a folder read elsewhere; not read twice".into();
                        diagnostics.push(self.warn(&path, message));
                    } else {
                        ancestors.push(id);
                        let inner = self.walk_dir(&path, &ancestors, visited, &place);
                        self.settle(inner, visited, files, diagnostics);
                    }
                }
            }
        }
    }

    /// Walks `dir` (inside `ancestors`, the last being `dir` itself) and its
    /// subfolders on both cores, skipping folders in `visited`; `place` is
    /// what the walk knows of `dir` before listing it.
    fn walk_dir(&self, dir: &Path, ancestors: &[Id], visited: &HashSet<Id>, place: &Place) -> Walked<T> {
        let mut walked = Walked {
            out: Vec::new(),
            dirs: Vec::new(),
        };
        let mut problem = |kind, message: String| walked.out.push(Out::Problem(self.problem(kind, dir, message)));
        if ancestors.len() > self.limits.depth + 1 {
            let message = format!("folders nested deeper than {}; not read", self.limits.depth);
            problem(DiagnosticKind::File, message);
            return walked;
        }
        let entries = match std::fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(err) => {
                problem(DiagnosticKind::Io, format!("cannot read: {}", io_message(Some(&err))));
                return walked;
            }
        };
        // At most the entries the limit leaves (plus one, to know it is hit).
        let room = self.limits.entries.saturating_sub(self.listed.load(Ordering::Relaxed));
        let mut errors = Vec::new();
        let mut entries: Vec<std::fs::DirEntry> = entries
            .take(room.saturating_add(1))
            .filter_map(|e| e.map_err(|err| errors.push(err)).ok())
            .filter(|e| !e.file_name().as_encoded_bytes().starts_with(b"."))
            .collect();
        for err in errors {
            problem(DiagnosticKind::Io, format!("cannot read: {}", io_message(Some(&err))));
        }
        let listed = self.listed.fetch_add(entries.len(), Ordering::Relaxed) + entries.len();
        if listed > self.limits.entries {
            if !self.stopped.swap(true, Ordering::Relaxed) {
                problem(
                    DiagnosticKind::File,
                    format!(
                        "more than {} files and folders; the walk stopped here and this folder is not read",
                        self.limits.entries
                    ),
                );
            }
            return walked;
        }
        // Each name is asked for once (it is a copy each time).
        entries.sort_by_cached_key(std::fs::DirEntry::file_name);
        let names: Vec<std::ffi::OsString> = entries.iter().map(std::fs::DirEntry::file_name).collect();
        let place = &place
            .entered(dir, |name| {
                names.binary_search_by(|n| n.as_os_str().cmp(name.as_ref())).is_ok()
            })
            .with_files(names.iter().filter_map(|n| n.to_str()));
        let items: Vec<Item<T>> = entries
            .par_iter()
            .map(|entry| self.item(entry, visited, place))
            .collect();
        // Subfolders (and links to folders) learn from their siblings'
        // names whether they are language folders.
        let dir_names: Vec<&str> = items
            .iter()
            .filter_map(|item| match item {
                Item::Dir(_, _, name) | Item::Link(_, _, name) => Some(name.as_str()),
                _ => None,
            })
            .collect();
        let mut places = place.children(dir, &dir_names).into_iter();
        let items: Vec<(Item<T>, Option<Place>)> = items
            .into_iter()
            .map(|item| match item {
                Item::Dir(..) | Item::Link(..) => {
                    let place = places.next();
                    (item, place)
                }
                _ => (item, None),
            })
            .collect();
        // Subfolders in parallel too, then everything in order.
        let subdirs: Vec<Walked<T>> = items
            .par_iter()
            .filter_map(|(item, place)| match (item, place) {
                (Item::Dir(path, id, _), Some(place)) => {
                    let mut inner = ancestors.to_vec();
                    inner.push(*id);
                    Some(self.walk_dir(path, &inner, visited, place))
                }
                _ => None,
            })
            .collect();
        let mut subdirs = subdirs.into_iter();
        for (item, place) in items {
            match item {
                Item::File(found) => walked.out.push(Out::File(found)),
                Item::Dir(_, id, _) => {
                    walked.dirs.push(id);
                    if let Some(mut sub) = subdirs.next() {
                        walked.out.append(&mut sub.out);
                        walked.dirs.append(&mut sub.dirs);
                    }
                }
                Item::Link(path, id, _) => {
                    let place = place.unwrap_or_default();
                    walked.out.push(Out::Link(path, id, ancestors.to_vec(), place));
                }
                Item::Problem(d) => walked.out.push(Out::Problem(d)),
                Item::Skip => {}
            }
        }
        walked
    }

    /// What one folder entry is: folders are stat'ed (relative to the open
    /// folder), files visited, symbolic links followed to know which.
    fn item(&self, entry: &std::fs::DirEntry, visited: &HashSet<Id>, place: &Place) -> Item<T> {
        let path = entry.path();
        let Ok(kind) = entry.file_type() else {
            return Item::Problem(self.unreadable(&path, "cannot read: unknown file type".to_string()));
        };
        let file = |meta: Option<std::fs::Metadata>| match (self.visit)(entry, &path, meta, place) {
            Ok(found) => Item::File(found),
            Err(message) => Item::Problem(self.warn(&path, message)),
        };
        if kind.is_file() {
            return if has_article_extension(&path) {
                file(None)
            } else if let Some(ext) = other_document(&path) {
                Item::Problem(self.warn(&path, format!("a .{ext} file is not an article kiosk reads; skipped")))
            } else {
                Item::Skip
            };
        }
        let meta = if kind.is_symlink() {
            std::fs::metadata(&path)
        } else if kind.is_dir() {
            entry.metadata()
        } else if has_article_extension(&path) {
            return Item::Problem(self.warn(&path, NOT_REGULAR.to_string()));
        } else {
            return Item::Skip;
        };
        let meta = match meta {
            Err(err) => {
                return Item::Problem(self.unreadable(&path, format!("cannot read: {}", io_message(Some(&err)))))
            }
            Ok(meta) => meta,
        };
        let wanted = meta.is_dir() || (meta.is_file() && has_article_extension(&path));
        if kind.is_symlink() && wanted && !self.limits.follow_outside {
            if let Some(message) = self.leaves_root(&path) {
                return Item::Problem(self.warn(&path, message));
            }
        }
        let name = || entry.file_name().to_string_lossy().into_owned();
        match meta {
            meta if meta.is_dir() && kind.is_symlink() => Item::Link(path, dir_id(&meta), name()),
            meta if meta.is_dir() => {
                let id = dir_id(&meta);
                if visited.contains(&id) {
                    let message = "folder read elsewhere (through a symbolic link); not read twice";
                    Item::Problem(self.warn(&path, message.to_string()))
                } else {
                    Item::Dir(path, id, name())
                }
            }
            _ if !has_article_extension(&path) => Item::Skip,
            meta if meta.is_file() => file(Some(meta)),
            _ => Item::Problem(self.warn(&path, NOT_REGULAR.to_string())),
        }
    }

    /// Why the symbolic link `path` is not followed when it leads out of
    /// the folder; `None` when it stays inside.
    fn leaves_root(&self, path: &Path) -> Option<String> {
        let target = match path.canonicalize() {
            Ok(target) => target,
            Err(err) => return Some(format!("cannot read: {}", io_message(Some(&err)))),
        };
        if self.real_root.as_deref().is_some_and(|root| target.starts_with(root)) {
            return None;
        }
        Some(format!(
            "symbolic link leads out of the folder (to {}); not followed (--follow-links follows it)",
            sanitize_line(&target.display().to_string())
        ))
    }
}

/// The extension of a document kiosk does not read (see [`OTHER_DOCUMENTS`]).
fn other_document(path: &Path) -> Option<String> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    OTHER_DOCUMENTS.contains(&ext.as_str()).then_some(ext)
}

#[cfg(test)]
#[path = "walk/tests.rs"]
mod tests;
