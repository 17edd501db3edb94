//! Walks through hostile symbolic links: loops, doubling chains, links out
//! of the folder, and the bounds.

use std::fs;
use std::os::unix::fs::symlink;

use super::*;

fn limits() -> Limits {
    Limits {
        follow_outside: false,
        depth: MAX_DEPTH,
        entries: MAX_ENTRIES,
    }
}

/// The files found (relative to `root`) and the diagnostics as
/// `path: message`.
fn run(root: &Path, limits: Limits) -> (Vec<String>, Vec<String>) {
    let (files, diagnostics) = walk_limited(root, &|_, path, _, _| Ok(path.to_path_buf()), limits);
    let files = files
        .iter()
        .map(|p| p.strip_prefix(root).unwrap().display().to_string())
        .collect();
    let diagnostics = diagnostics
        .iter()
        .map(|d| format!("{}: {}", d.path.display(), d.message))
        .collect();
    (files, diagnostics)
}

#[test]
fn a_cycle_of_links_ends_and_reads_each_folder_once() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    for d in ["a", "b"] {
        fs::create_dir(root.join(d)).unwrap();
        fs::write(root.join(d).join("x.md"), "# x\n").unwrap();
    }
    symlink("../b", root.join("a/to_b")).unwrap();
    symlink("../a", root.join("b/to_a")).unwrap();
    symlink(".", root.join("self")).unwrap();
    let (files, diagnostics) = run(root, limits());
    assert_eq!(files, ["a/x.md", "b/x.md"]);
    assert_eq!(
        diagnostics,
        [
            "a/to_b: symbolic link to a folder read elsewhere; not read twice",
            "b/to_a: symbolic link to a folder read elsewhere; not read twice",
            "self: symbolic link loop; not followed",
        ]
    );
}

/// Folder `i` of `levels` holds two links to folder `i + 1`; the last holds
/// one article: 2^levels paths to it.
fn doubling_chain(root: &Path, base: &str, levels: usize) {
    for i in 1..=levels {
        fs::create_dir_all(root.join(base).join(format!("d{i}"))).unwrap();
    }
    fs::write(root.join(base).join(format!("d{levels}/end.md")), "# End\n").unwrap();
    for name in ["x", "y"] {
        symlink(root.join(base).join("d1"), root.join(name)).unwrap();
        for i in 1..levels {
            symlink(format!("../d{}", i + 1), root.join(base).join(format!("d{i}/{name}"))).unwrap();
        }
    }
}

#[test]
fn a_doubling_chain_of_links_gives_one_article_not_two_to_the_sixteen() {
    // The chain in a hidden folder: reached through the links alone.
    let dir = tempfile::tempdir().unwrap();
    doubling_chain(dir.path(), ".chain", 16);
    let (files, diagnostics) = run(dir.path(), limits());
    assert_eq!(files, [format!("{}end.md", "x/".repeat(16))]);
    assert_eq!(diagnostics.len(), 16, "{diagnostics:?}");
    assert_eq!(
        diagnostics[15],
        "y: symbolic link to a folder read elsewhere; not read twice"
    );
    // The chain in plain sight: each folder is read where it is.
    let dir = tempfile::tempdir().unwrap();
    doubling_chain(dir.path(), "chain", 16);
    let (files, diagnostics) = run(dir.path(), limits());
    assert_eq!(files, ["chain/d16/end.md"]);
    assert_eq!(diagnostics.len(), 2 * 16, "{diagnostics:?}");
}

#[test]
fn links_out_of_the_folder_are_not_followed_unless_asked() {
    let outside = tempfile::tempdir().unwrap();
    fs::create_dir(outside.path().join("sub")).unwrap();
    for i in 0..50 {
        fs::write(outside.path().join(format!("sub/{i:02}.md")), "# Out\n").unwrap();
    }
    fs::write(outside.path().join("secret.md"), "# Secret\n").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::write(root.join("in.md"), "# In\n").unwrap();
    symlink("/", root.join("everything")).unwrap();
    symlink(outside.path(), root.join("tree")).unwrap();
    symlink(outside.path(), root.join("tree2")).unwrap();
    symlink(outside.path().join("secret.md"), root.join("secret.md")).unwrap();
    symlink("in.md", root.join("alias.md")).unwrap();
    let (files, diagnostics) = run(root, limits());
    assert_eq!(files, ["alias.md", "in.md"]);
    let out = |name: &str, to: &Path| {
        format!(
            "{name}: symbolic link leads out of the folder (to {}); not followed (--follow-links follows it)",
            to.canonicalize().unwrap().display()
        )
    };
    assert_eq!(
        diagnostics,
        [
            out("everything", Path::new("/")),
            out("secret.md", &outside.path().join("secret.md")),
            out("tree", outside.path()),
            out("tree2", outside.path()),
        ]
    );
    // Asked for: read, each folder once; `/` is left out of this test.
    fs::remove_file(root.join("everything")).unwrap();
    let follow = Limits {
        follow_outside: true,
        ..limits()
    };
    let (files, diagnostics) = run(root, follow);
    assert_eq!(files.len(), 2 + 1 + 50 + 1, "{files:?}");
    assert_eq!(files[..4], ["alias.md", "in.md", "secret.md", "tree/secret.md"]);
    assert_eq!(files.last().unwrap(), "tree/sub/49.md");
    assert_eq!(
        diagnostics,
        ["tree2: symbolic link to a folder read elsewhere; not read twice"]
    );
}

#[test]
fn the_walk_stops_at_its_depth_and_entry_bounds() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let deep = root.join("1/2/3/4/5");
    fs::create_dir_all(&deep).unwrap();
    fs::write(root.join("1/2/a.md"), "# a\n").unwrap();
    fs::write(deep.join("b.md"), "# b\n").unwrap();
    let shallow = Limits { depth: 3, ..limits() };
    let (files, diagnostics) = run(root, shallow);
    assert_eq!(files, ["1/2/a.md"]);
    assert_eq!(diagnostics, ["1/2/3/4: folders nested deeper than 3; not read"]);

    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    for d in ["a", "b", "c"] {
        fs::create_dir(root.join(d)).unwrap();
        for i in 0..10 {
            fs::write(root.join(d).join(format!("{i}.md")), "# t\n").unwrap();
        }
    }
    let few = Limits {
        entries: 15,
        ..limits()
    };
    let (files, diagnostics) = run(root, few);
    // The root's three folders and then one of them whole: the first to
    // count its entries stays within the bound, the next does not.
    assert_eq!(files.len(), 10, "{files:?}");
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    assert!(
        diagnostics[0].ends_with(": more than 15 files and folders; the walk stopped here and this folder is not read"),
        "{diagnostics:?}"
    );
}

#[test]
fn a_folder_reached_through_a_link_has_the_place_of_the_links_name() {
    let dir = tempfile::tempdir().unwrap();
    let (root, store) = (dir.path().join("root"), dir.path().join("store"));
    for d in [root.join("en"), store.clone()] {
        fs::create_dir_all(&d).unwrap();
        fs::write(d.join("x.md"), "# x\n").unwrap();
    }
    symlink(&store, root.join("de")).unwrap();
    let (found, diagnostics) = walk_limited(
        &root,
        &|_, path, _, place| {
            let name = path.file_name().unwrap().to_string_lossy();
            let rel = path.strip_prefix(&root).unwrap().display().to_string();
            Ok((rel, place.file(&name).code.map(|c| c.to_string())))
        },
        Limits {
            follow_outside: true,
            ..limits()
        },
    );
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let found: Vec<(&str, Option<&str>)> = found.iter().map(|(p, c)| (p.as_str(), c.as_deref())).collect();
    assert_eq!(found, [("de/x.md", Some("de")), ("en/x.md", Some("en"))]);
}
