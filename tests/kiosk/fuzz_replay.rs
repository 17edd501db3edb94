//! Every input of the saved fuzz corpora, and every crash the fuzzers ever
//! found (fuzz/regressions), replayed with the fuzz targets' own checks.

use std::path::{Path, PathBuf};

use kiosk::document::{markdown_facts, parse_markdown, parse_plain, plain_facts, Facts};
use kiosk::layout::layout;
use kiosk::sanitize::{is_forbidden, sanitize};

#[path = "../../fuzz/common.rs"]
mod common;

fn inputs(dir: &str) -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut files: Vec<PathBuf> = walk(&root);
    files.sort();
    files
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

fn replay(target: &str, data: &[u8]) {
    match target {
        "load_markdown" => common::article(Path::new("f.md"), data),
        "load_plain" => common::article(Path::new("f.txt"), data),
        "sanitize" => {
            let text = String::from_utf8_lossy(data);
            assert!(!sanitize(&text).chars().any(|c| c != '\n' && is_forbidden(c)));
        }
        _ => {
            let Some((&w, rest)) = data.split_first() else { return };
            let width = usize::from(w % 200) + 1;
            let text = String::from_utf8_lossy(rest);
            let text = sanitize(&text);
            let (markdown, plain) = (parse_markdown(&text), parse_plain(&text));
            let sample = usize::from(w) * 8;
            assert_eq!(markdown_facts(&text, sample), Facts::of(&markdown, sample));
            assert_eq!(plain_facts(&text, sample), Facts::of(&plain, sample));
            for doc in [markdown, plain] {
                assert!(layout(&doc, width).lines.iter().all(|l| l.width() <= width));
            }
        }
    }
}

#[test]
fn saved_corpora_and_regressions_replay_cleanly() {
    let mut count = 0;
    for dir in ["fuzz/corpus", "fuzz/regressions"] {
        for path in inputs(dir) {
            let target = path
                .strip_prefix(Path::new(env!("CARGO_MANIFEST_DIR")).join(dir))
                .ok()
                .and_then(|p| p.components().next())
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .unwrap_or_default();
            let data = std::fs::read(&path).unwrap();
            replay(&target, &data);
            count += 1;
        }
    }
    assert!(count >= 16, "the corpora are missing ({count} inputs)");
}
