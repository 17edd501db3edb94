//! Walking an article folder: every article file with its size and
//! modification time, in order, on both cores.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::{has_article_extension, io_message, relative};
use crate::article::{Diagnostic, DiagnosticKind, Level, Stamp};

/// Folders nested deeper than this are not read (a diagnostic says so).
pub const MAX_DEPTH: usize = 256;

/// A file found by [`walk`]: its path and its stamp at the time.
pub(super) type Found = (PathBuf, Stamp);

/// Lists the article files below `root` with their size and modification
/// time, in order (by name, depth first), on both cores. Symbolic links are
/// followed; a link back to a folder it is in is a loop and becomes a
/// diagnostic, as does anything unreadable or not a regular file. Hidden
/// entries are skipped.
pub(super) fn walk(root: &Path) -> (Vec<Found>, Vec<Diagnostic>) {
    walk_with(root, &|entry, path, meta| {
        let meta = match meta {
            Some(meta) => meta,
            None => entry
                .metadata()
                .map_err(|err| format!("cannot read: {}", io_message(Some(&err))))?,
        };
        if meta.is_file() {
            Ok((path.to_path_buf(), Stamp::of(&meta)))
        } else {
            Err(NOT_REGULAR.to_string())
        }
    })
}

const NOT_REGULAR: &str = "not a regular file (FIFO, socket or device); skipped";

/// What [`walk_with`] makes of each article file: from its folder entry, its
/// path, and its metadata when a symbolic link had to be followed to know it
/// is a file. An error becomes a warning for the file.
pub(super) type Visit<'a, T> =
    dyn Fn(&std::fs::DirEntry, &Path, Option<std::fs::Metadata>) -> Result<T, String> + Sync + 'a;

/// As [`walk`], but what is kept of each article file is `visit`'s,
/// called on both cores while the walk goes on: files are read as soon as
/// they are found, not after the whole folder is listed.
pub(super) fn walk_with<T: Send + Sync>(root: &Path, visit: &Visit<'_, T>) -> (Vec<T>, Vec<Diagnostic>) {
    let id = std::fs::metadata(root).map(|m| dir_id(&m)).unwrap_or_default();
    walk_dir(root, root, &[id], visit)
}

fn dir_id(meta: &std::fs::Metadata) -> (u64, u64) {
    use std::os::unix::fs::MetadataExt;
    (meta.dev(), meta.ino())
}

/// What one folder entry is.
enum Item<T> {
    File(T),
    Dir(PathBuf, (u64, u64)),
    Problem(Diagnostic),
    Skip,
}

fn walk_dir<T: Send + Sync>(
    root: &Path,
    dir: &Path,
    ancestors: &[(u64, u64)],
    visit: &Visit<'_, T>,
) -> (Vec<T>, Vec<Diagnostic>) {
    let problem = |kind: DiagnosticKind, path: &Path, message: String| Diagnostic {
        path: relative(root, path),
        level: Level::Warning,
        kind,
        message,
    };
    let warn = |path: &Path, message: String| problem(DiagnosticKind::File, path, message);
    let unreadable = |path: &Path, message: String| problem(DiagnosticKind::Io, path, message);
    let mut files = Vec::new();
    let mut diagnostics = Vec::new();
    if ancestors.len() > MAX_DEPTH {
        diagnostics.push(warn(dir, format!("folders nested deeper than {MAX_DEPTH}; not read")));
        return (files, diagnostics);
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(err) => {
            diagnostics.push(unreadable(dir, format!("cannot read: {}", io_message(Some(&err)))));
            return (files, diagnostics);
        }
    };
    let mut entries: Vec<std::fs::DirEntry> = entries
        .filter_map(|e| match e {
            Ok(e) => Some(e),
            Err(err) => {
                diagnostics.push(unreadable(dir, format!("cannot read: {}", io_message(Some(&err)))));
                None
            }
        })
        .filter(|e| !e.file_name().as_encoded_bytes().starts_with(b"."))
        .collect();
    // Each name is asked for once (it is a copy each time).
    entries.sort_by_cached_key(std::fs::DirEntry::file_name);
    // Each entry, in parallel: folders are stat'ed (relative to the open
    // folder), files visited, symbolic links followed to know which.
    let items: Vec<Item<T>> = entries
        .par_iter()
        .map(|entry| {
            let path = entry.path();
            let Ok(kind) = entry.file_type() else {
                return Item::Problem(unreadable(&path, "cannot read: unknown file type".to_string()));
            };
            let file = |meta: Option<std::fs::Metadata>| match visit(entry, &path, meta) {
                Ok(found) => Item::File(found),
                Err(message) => Item::Problem(warn(&path, message)),
            };
            if kind.is_file() {
                return if has_article_extension(&path) {
                    file(None)
                } else {
                    Item::Skip
                };
            }
            let meta = if kind.is_symlink() {
                std::fs::metadata(&path)
            } else if kind.is_dir() {
                entry.metadata()
            } else if has_article_extension(&path) {
                return Item::Problem(warn(&path, NOT_REGULAR.to_string()));
            } else {
                return Item::Skip;
            };
            match meta {
                Err(err) => Item::Problem(unreadable(&path, format!("cannot read: {}", io_message(Some(&err))))),
                Ok(meta) if meta.is_dir() => {
                    let id = dir_id(&meta);
                    if ancestors.contains(&id) {
                        Item::Problem(warn(&path, "symbolic link loop; not followed".to_string()))
                    } else {
                        Item::Dir(path, id)
                    }
                }
                Ok(_) if !has_article_extension(&path) => Item::Skip,
                Ok(meta) if meta.is_file() => file(Some(meta)),
                Ok(_) => Item::Problem(warn(&path, NOT_REGULAR.to_string())),
            }
        })
        .collect();
    // Subfolders in parallel too, then everything in order.
    let subdirs: Vec<(Vec<T>, Vec<Diagnostic>)> = items
        .par_iter()
        .filter_map(|item| match item {
            Item::Dir(path, id) => {
                let mut inner = ancestors.to_vec();
                inner.push(*id);
                Some(walk_dir(root, path, &inner, visit))
            }
            _ => None,
        })
        .collect();
    let mut subdirs = subdirs.into_iter();
    for item in items {
        match item {
            Item::File(found) => files.push(found),
            Item::Dir(..) => {
                if let Some((mut f, mut d)) = subdirs.next() {
                    files.append(&mut f);
                    diagnostics.append(&mut d);
                }
            }
            Item::Problem(d) => diagnostics.push(d),
            Item::Skip => {}
        }
    }
    (files, diagnostics)
}
