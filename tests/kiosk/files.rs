//! Hostile files where kiosk reads: FIFOs and devices at the article,
//! config and index paths, symbolic links out of the folder, `show PATH`,
//! relative XDG folders. Every run is bounded: a hang fails the test.

use std::fs;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::Duration;

/// Runs kiosk with `args` and environment `env` (none of the caller's XDG
/// folders), in `cwd`; fails the test when it runs longer than 30 s.
fn bounded(args: &[&str], env: &[(&str, &Path)], cwd: &Path) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_kiosk"));
    command
        .args(args)
        .current_dir(cwd)
        .env("XDG_CONFIG_HOME", "/nonexistent/kiosk-tests")
        .env("XDG_CACHE_HOME", "/nonexistent/kiosk-tests")
        .env("XDG_STATE_HOME", "/nonexistent/kiosk-tests")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (k, v) in env {
        command.env(k, v);
    }
    let child = command.spawn().expect("run kiosk");
    let pid = child.id();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(child.wait_with_output());
    });
    match rx.recv_timeout(Duration::from_secs(30)) {
        Ok(out) => out.unwrap(),
        Err(_) => {
            let _ = Command::new("kill").arg("-9").arg(pid.to_string()).status();
            panic!("kiosk {args:?} still running after 30 s: it blocked");
        }
    }
}

fn mkfifo(path: &Path) {
    assert!(Command::new("mkfifo").arg(path).status().unwrap().success());
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn show_path_reads_that_file_alone() {
    let dir = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("a.md"),
        "---\ntitle: Alone\nlang: de\ntranslationKey: k\n---\nText.\n",
    )
    .unwrap();
    // A translation beside it, which a load of the folder would pair.
    fs::write(
        dir.path().join("a.en.md"),
        "---\ntitle: Beside\nlang: en\ntranslationKey: k\n---\nText.\n",
    )
    .unwrap();
    let file = dir.path().join("a.md");
    let out = bounded(
        &["show", file.to_str().unwrap(), "--width", "60"],
        &[("XDG_CACHE_HOME", cache.path())],
        dir.path(),
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let shown = text(&out.stdout);
    assert!(shown.starts_with("Alone\n"), "{shown}");
    assert!(!shown.contains("also in"), "{shown}");
    // Loading a folder writes its index; nothing was loaded but the file.
    assert_eq!(fs::read_dir(cache.path()).unwrap().count(), 0);
    // A relative path, from inside the folder.
    let out = bounded(&["show", "a.md"], &[("XDG_CACHE_HOME", cache.path())], dir.path());
    assert!(text(&out.stdout).starts_with("Alone\n"));
    // An id with --dir still reads the folder, with the translation.
    let out = bounded(&["show", "a", "--dir", dir.path().to_str().unwrap()], &[], dir.path());
    assert!(text(&out.stdout).contains("also in en"), "{}", text(&out.stdout));
}

#[test]
fn show_path_of_a_fifo_or_device_is_an_error_not_a_hang() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.md");
    mkfifo(&fifo);
    for (path, why) in [
        (fifo.to_str().unwrap(), "not a regular file (a FIFO)"),
        ("/dev/zero", "not a regular file (a character device)"),
    ] {
        let out = bounded(&["show", path], &[], dir.path());
        assert_eq!(out.status.code(), Some(1), "{path}");
        let err = text(&out.stderr);
        assert_eq!(err.trim_end(), format!("error: {path}: cannot read: {why}"));
    }
}

#[test]
fn a_fifo_or_endless_device_as_config_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("config.toml");
    mkfifo(&fifo);
    let seeds = concat!(env!("CARGO_MANIFEST_DIR"), "/articles");
    let cases = [
        ("/dev/zero", "larger than 1 MiB"),
        (fifo.to_str().unwrap(), "not a regular file (a FIFO)"),
        (dir.path().to_str().unwrap(), "not a regular file (a folder)"),
    ];
    for (config, why) in cases {
        let out = bounded(&["--config", config, "list", seeds], &[], dir.path());
        assert_eq!(out.status.code(), Some(1), "{config}");
        assert_eq!(
            text(&out.stderr).trim_end(),
            format!("error: cannot read config {config}: {why}")
        );
    }
    let out = bounded(&["--config", "/dev/null", "list", seeds], &[], dir.path());
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout).lines().count(), 5);
    // The default path too.
    fs::create_dir(dir.path().join("kiosk")).unwrap();
    mkfifo(&dir.path().join("kiosk/config.toml"));
    let out = bounded(&["list", seeds], &[("XDG_CONFIG_HOME", dir.path())], dir.path());
    assert!(text(&out.stderr).contains("not a regular file (a FIFO)"));
}

#[test]
fn relative_xdg_folders_are_ignored() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("rel/kiosk")).unwrap();
    fs::write(dir.path().join("rel/kiosk/config.toml"), "no such key = 1\n").unwrap();
    let seeds = concat!(env!("CARGO_MANIFEST_DIR"), "/articles");
    let rel = Path::new("rel");
    let out = bounded(
        &["list", seeds],
        &[("XDG_CONFIG_HOME", rel), ("XDG_CACHE_HOME", rel), ("HOME", dir.path())],
        dir.path(),
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    // The cache went under $HOME, not into ./rel.
    assert_eq!(fs::read_dir(dir.path().join("rel/kiosk")).unwrap().count(), 1);
    assert!(dir.path().join(".cache/kiosk").is_dir());
}

#[test]
fn a_fifo_at_the_index_path_is_replaced_not_opened() {
    let dir = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.md"), "# A\n").unwrap();
    let index = kiosk::load_cache::file_for(&cache.path().join("kiosk"), dir.path());
    fs::create_dir_all(index.parent().unwrap()).unwrap();
    mkfifo(&index);
    let out = bounded(
        &["list", dir.path().to_str().unwrap()],
        &[("XDG_CACHE_HOME", cache.path())],
        dir.path(),
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout).lines().count(), 1);
    assert!(
        fs::metadata(&index).unwrap().is_file(),
        "the index was written in its place"
    );
}

#[test]
fn check_lists_the_links_not_followed_and_follow_links_follows_them() {
    let outside = tempfile::tempdir().unwrap();
    for i in 0..20 {
        fs::write(outside.path().join(format!("{i:02}.md")), format!("# Outside {i}\n")).unwrap();
    }
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::write(root.join("in.md"), "# In\n").unwrap();
    std::os::unix::fs::symlink("/", root.join("everything")).unwrap();
    std::os::unix::fs::symlink(outside.path(), root.join("tree")).unwrap();
    let out = bounded(&["check", root.to_str().unwrap()], &[], root);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let real = outside.path().canonicalize().unwrap();
    assert_eq!(
        text(&out.stdout),
        format!(
            "everything: warning: symbolic link leads out of the folder (to /); not followed (--follow-links follows it)\n\
             tree: warning: symbolic link leads out of the folder (to {}); not followed (--follow-links follows it)\n",
            real.display()
        )
    );
    assert_eq!(text(&out.stderr), "1 article, 0 errors, 2 warnings\n");
    // Followed when asked (without the link to `/`, whose crawl would be
    // bounded but long).
    fs::remove_file(root.join("everything")).unwrap();
    let out = bounded(&["list", "--follow-links", root.to_str().unwrap()], &[], root);
    assert_eq!(text(&out.stdout).lines().count(), 21, "{}", text(&out.stderr));
    // The configuration's `follow_links` does what the flag does.
    let config = outside.path().join("kiosk.toml");
    for (setting, lines) in [("true", 21), ("false", 1)] {
        fs::write(&config, format!("follow_links = {setting}\n")).unwrap();
        let args = ["list", "--config", config.to_str().unwrap(), root.to_str().unwrap()];
        let out = bounded(&args, &[], root);
        assert_eq!(
            text(&out.stdout).lines().count(),
            lines,
            "{setting}: {}",
            text(&out.stderr)
        );
    }
}

#[test]
fn an_article_that_became_a_fifo_after_the_scan_reads_as_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.md");
    fs::write(&path, "---\ntitle: A\n---\nText.\n").unwrap();
    let lib = kiosk::Library::load(dir.path()).unwrap();
    fs::remove_file(&path).unwrap();
    mkfifo(&path);
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send((lib.body(0).to_string(), lib.links(0).len()));
    });
    let (body, links) = rx
        .recv_timeout(Duration::from_secs(30))
        .expect("reading the body blocked on a FIFO");
    assert_eq!(
        body,
        "(kiosk cannot read this file any more: not a regular file (a FIFO))"
    );
    assert_eq!(links, 0);
}
