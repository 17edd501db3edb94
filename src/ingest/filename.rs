//! Safe file names from titles: whatever a page calls itself, the name has
//! no `..`, no separators, no control or invisible characters, and a bounded
//! length; a name already taken gets a numbered suffix.

use std::path::{Path, PathBuf};

/// Longest slug, in bytes: with the date, suffix and extension, names stay
/// far below the 255 bytes file systems allow.
pub const MAX_SLUG: usize = 80;

/// A slug of `title`: lower-case letters and digits of any script, words
/// joined by `-`; `untitled` when nothing is left.
pub fn slug(title: &str) -> String {
    let mut out = String::new();
    let mut dash = false;
    for c in title.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() && !crate::sanitize::is_forbidden(c) {
            if dash && !out.is_empty() {
                if out.len() + 1 + c.len_utf8() > MAX_SLUG {
                    break;
                }
                out.push('-');
            }
            dash = false;
            if out.len() + c.len_utf8() > MAX_SLUG {
                break;
            }
            out.push(c);
        } else {
            dash = true;
        }
    }
    if out.is_empty() {
        "untitled".to_string()
    } else {
        out
    }
}

/// A path in `dir` for `stem.md` that no file takes: `stem.md`, else
/// `stem-2.md`, `stem-3.md`, ...
pub fn free_path(dir: &Path, stem: &str) -> PathBuf {
    let first = dir.join(format!("{stem}.md"));
    if !exists(&first) {
        return first;
    }
    (2..)
        .map(|n| dir.join(format!("{stem}-{n}.md")))
        .find(|p| !exists(p))
        .expect("some suffix is free")
}

/// True when anything (even a dangling link) has this name.
fn exists(path: &Path) -> bool {
    path.symlink_metadata().is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn slugs_keep_words_of_any_script() {
        assert_eq!(slug("Hello, World!"), "hello-world");
        assert_eq!(slug("Über die Brücke"), "über-die-brücke");
        assert_eq!(slug("../../etc/passwd"), "etc-passwd");
        assert_eq!(slug("\u{202e}evil\u{1b}[31m"), "evil-31m");
        assert_eq!(slug("..."), "untitled");
        assert_eq!(slug(""), "untitled");
        assert_eq!(slug("東京の天気"), "東京の天気");
    }

    #[test]
    fn taken_names_are_suffixed() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(free_path(dir.path(), "a"), dir.path().join("a.md"));
        std::fs::write(dir.path().join("a.md"), "x").unwrap();
        std::fs::write(dir.path().join("a-2.md"), "x").unwrap();
        assert_eq!(free_path(dir.path(), "a"), dir.path().join("a-3.md"));
    }

    proptest! {
        #[test]
        fn any_title_gives_a_safe_name(title in "\\PC{0,300}|[./\\\\\u{0}-\u{1f}\u{202e}a-z]{0,300}") {
            let s = slug(&title);
            prop_assert!(!s.is_empty());
            prop_assert!(s.len() <= MAX_SLUG);
            prop_assert!(!s.contains('/') && !s.contains('\\') && !s.contains(".."));
            prop_assert!(!s.starts_with('.') && !s.starts_with('-') && !s.ends_with('-'));
            prop_assert!(s.chars().all(|c| !c.is_control() && !crate::sanitize::is_forbidden(c)));
            prop_assert_eq!(Path::new(&s).components().count(), 1);
        }
    }
}
