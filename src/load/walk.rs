//! Walking an article folder: every article file with its size and
//! modification time, in order, on both cores.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::{has_article_extension, io_message, relative};
use crate::article::{Diagnostic, Level, Stamp};

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
    let id = std::fs::metadata(root).map(|m| dir_id(&m)).unwrap_or_default();
    walk_dir(root, root, &[id])
}

fn dir_id(meta: &std::fs::Metadata) -> (u64, u64) {
    use std::os::unix::fs::MetadataExt;
    (meta.dev(), meta.ino())
}

/// What one folder entry is.
enum Item {
    File(Found),
    Dir(PathBuf, (u64, u64)),
    Problem(Diagnostic),
    Skip,
}

fn walk_dir(root: &Path, dir: &Path, ancestors: &[(u64, u64)]) -> (Vec<Found>, Vec<Diagnostic>) {
    let warn = |path: &Path, message: String| Diagnostic {
        path: relative(root, path),
        level: Level::Warning,
        message,
    };
    let mut files = Vec::new();
    let mut diagnostics = Vec::new();
    if ancestors.len() > MAX_DEPTH {
        diagnostics.push(warn(dir, format!("folders nested deeper than {MAX_DEPTH}; not read")));
        return (files, diagnostics);
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(err) => {
            diagnostics.push(warn(dir, format!("cannot read: {}", io_message(Some(&err)))));
            return (files, diagnostics);
        }
    };
    let mut entries: Vec<std::fs::DirEntry> = entries
        .filter_map(|e| match e {
            Ok(e) => Some(e),
            Err(err) => {
                diagnostics.push(warn(dir, format!("cannot read: {}", io_message(Some(&err)))));
                None
            }
        })
        .filter(|e| !e.file_name().as_encoded_bytes().starts_with(b"."))
        .collect();
    // Each name is asked for once (it is a copy each time).
    entries.sort_by_cached_key(std::fs::DirEntry::file_name);
    // Stat every entry (relative to the open folder), in parallel.
    let items: Vec<Item> = entries
        .par_iter()
        .map(|entry| {
            let path = entry.path();
            let Ok(kind) = entry.file_type() else {
                return Item::Problem(warn(&path, "cannot read: unknown file type".to_string()));
            };
            let meta = if kind.is_symlink() {
                std::fs::metadata(&path)
            } else if kind.is_dir() || (kind.is_file() && has_article_extension(&path)) {
                entry.metadata()
            } else if has_article_extension(&path) {
                return Item::Problem(warn(
                    &path,
                    "not a regular file (FIFO, socket or device); skipped".to_string(),
                ));
            } else {
                return Item::Skip;
            };
            match meta {
                Err(err) => Item::Problem(warn(&path, format!("cannot read: {}", io_message(Some(&err))))),
                Ok(meta) if meta.is_dir() => {
                    let id = dir_id(&meta);
                    if ancestors.contains(&id) {
                        Item::Problem(warn(&path, "symbolic link loop; not followed".to_string()))
                    } else {
                        Item::Dir(path, id)
                    }
                }
                Ok(_) if !has_article_extension(&path) => Item::Skip,
                Ok(meta) if meta.is_file() => Item::File((path, Stamp::of(&meta))),
                Ok(_) => Item::Problem(warn(
                    &path,
                    "not a regular file (FIFO, socket or device); skipped".to_string(),
                )),
            }
        })
        .collect();
    // Subfolders in parallel too, then everything in order.
    let subdirs: Vec<(Vec<Found>, Vec<Diagnostic>)> = items
        .par_iter()
        .filter_map(|item| match item {
            Item::Dir(path, id) => {
                let mut inner = ancestors.to_vec();
                inner.push(*id);
                Some(walk_dir(root, path, &inner))
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
