//! The sample articles, inside the binary: an installed `kiosk` run anywhere
//! without a folder opens them. They are written once into the data folder
//! (`$XDG_DATA_HOME/kiosk/articles`) and read from there like any folder, so
//! read marks and stars work on them as on any other.

use std::io;
use std::path::{Path, PathBuf};

/// Each sample article: its file name and its text.
pub const ARTICLES: &[(&str, &str)] = &[
    (
        "000_f9bd4a49aeb422e6.txt",
        include_str!("../articles/000_f9bd4a49aeb422e6.txt"),
    ),
    (
        "001_8fa43bf7fe4e0427.txt",
        include_str!("../articles/001_8fa43bf7fe4e0427.txt"),
    ),
    (
        "002_febce40671cb284b.txt",
        include_str!("../articles/002_febce40671cb284b.txt"),
    ),
    (
        "003_99cfcbda6ab29d43.txt",
        include_str!("../articles/003_99cfcbda6ab29d43.txt"),
    ),
    (
        "004_afe6046d54508ad7.txt",
        include_str!("../articles/004_afe6046d54508ad7.txt"),
    ),
];

/// The folder the samples are written to under a data folder.
pub fn folder(data_dir: &Path) -> PathBuf {
    data_dir.join("kiosk").join("articles")
}

/// Writes the samples that are missing into [`folder`] of `data_dir` and
/// returns it. A sample already there is left alone: it may have been
/// edited, and it is the reader's copy now.
pub fn materialise(data_dir: &Path) -> io::Result<PathBuf> {
    let dir = folder(data_dir);
    std::fs::create_dir_all(&dir)?;
    for (name, text) in ARTICLES {
        let path = dir.join(name);
        if std::fs::symlink_metadata(&path).is_err() {
            crate::atomic::write(&path, text.as_bytes(), None)?;
        }
    }
    Ok(dir)
}
