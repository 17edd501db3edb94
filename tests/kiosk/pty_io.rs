//! End-to-end: the reader and files and programs beside it (the editor, a
//! piped command, a folder that goes away and comes back, a huge article),
//! in a pseudo-terminal.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::common::seeds_dir;
use crate::pty::Session;

/// A copy of the seed articles in `dir/name` (tests change it).
fn seed_copy(dir: &Path, name: &str) -> PathBuf {
    let to = dir.join(name);
    fs::create_dir(&to).unwrap();
    for entry in fs::read_dir(seeds_dir()).unwrap() {
        let entry = entry.unwrap();
        fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
    }
    to
}

/// An executable shell script.
fn script(path: &Path, text: &str) {
    fs::write(path, text).unwrap();
    let status = std::process::Command::new("chmod")
        .arg("+x")
        .arg(path)
        .status()
        .unwrap();
    assert!(status.success());
}

#[test]
fn e_edits_in_the_editor_and_the_reader_shows_the_change() {
    let dir = tempfile::tempdir().unwrap();
    let articles = dir.path().join("articles");
    fs::create_dir(&articles).unwrap();
    let short = "---\ntitle: A short article\ndate: 2024-05-01\n---\nIts only paragraph.\n";
    fs::write(articles.join("short.md"), short).unwrap();
    // A fake editor that appends a line to the file it is given (its last
    // argument), after an option, so the command is split into words.
    let editor = dir.path().join("my editor.sh");
    script(
        &editor,
        "#!/bin/sh\nfor last; do :; done\n[ \"$1\" = --wait ] || exit 9\nprintf '\\nAppended by the editor.\\n' >> \"$last\"\n",
    );
    let visual = format!("'{}' --wait", editor.display());
    let mut s = Session::start(&articles, &[("VISUAL", visual.as_str()), ("EDITOR", "false")]);
    s.wait_for("1/1");
    s.send("\r");
    s.wait_for("Its only paragraph.");
    let entered = s.raw().matches("\x1b[?1049h").count();
    s.send("e");
    // The terminal was given to the editor and taken back.
    s.wait_until("the terminal taken back", |s| {
        s.raw().matches("\x1b[?1049h").count() > entered
    });
    // The file is read again.
    s.wait_for("Appended by the editor.");
    assert_eq!(
        fs::read_to_string(articles.join("short.md")).unwrap(),
        format!("{short}\nAppended by the editor.\n")
    );
    let raw = s.raw();
    let around = &raw[raw.rfind("\x1b[?1049l").unwrap()..];
    assert!(around.contains("\x1b[?1049h"), "left and entered again");
    // A failing editor is a message, and the reader goes on.
    drop(s);
    let mut s = Session::start(&articles, &[("VISUAL", "false")]);
    s.wait_for("1/1");
    s.send("e");
    s.wait_for("the editor \"false\" failed");
    s.send("q");
    assert!(s.wait_exit().success());
}

#[test]
fn pipe_sends_the_source_the_text_or_a_url_and_pages_the_output() {
    let dir = tempfile::tempdir().unwrap();
    // A fake command: counts its input's lines and tries to set the
    // terminal's title (which must not reach the terminal).
    let fake = dir.path().join("count.sh");
    script(
        &fake,
        "#!/bin/sh\nn=$(wc -l)\nprintf 'lines: %s\\n\\033]0;pwned\\007done\\n' \"$n\"\n",
    );
    let mut s = Session::start(&seeds_dir(), &[]);
    s.wait_for("5/5");
    // Undated articles sort by their files' dates: find the one wanted.
    s.send("/");
    s.send("überwachen");
    s.send("\r");
    s.send("\r");
    s.wait_for("2020-08-24 · de · Staat");
    s.send("|");
    s.wait_for("pipe the article's Markdown source (Tab: other) to:");
    s.send("head -n 2");
    s.send("\r");
    s.wait_for("| head -n 2");
    s.wait_for("title: \"USA überwachen mit Daten von TikTok\"");
    s.send("\x1b");
    // The text as shown: its first line is the title, without front matter.
    s.send("|");
    s.send("\t");
    s.wait_for("pipe the article's text as shown");
    s.send("head -n 1 | tr a-z A-Z");
    s.send("\r");
    s.wait_for("USA üBERWACHEN MIT DATEN VON TIKTOK");
    s.send("\x1b");
    // The fake command on the source.
    s.send("|");
    s.send(fake.to_str().unwrap());
    s.send("\r");
    s.wait_for("lines: ");
    s.wait_for("done");
    assert!(!s.raw().contains("pwned"), "the output is cleaned");
    s.send("\x1b");
    // A URL from the link list.
    s.send("o");
    s.wait_for("Links: Enter opens");
    s.send("|");
    s.wait_for("pipe the URL of [1]");
    s.send("cat");
    s.send("\r");
    s.wait_for("| cat ");
    let screen = s.contents();
    assert!(screen.contains("https://"), "{screen}");
    s.send("\x1b");
    // A failing command says how it ended.
    s.send("|");
    s.send("echo oops >&2; exit 3");
    s.send("\r");
    s.wait_for("exit status: 3");
    s.wait_for("oops");
    s.send("\x03");
    assert!(s.wait_exit().success());
}

#[test]
fn the_watcher_comes_back_with_a_deleted_or_renamed_folder() {
    let dir = tempfile::tempdir().unwrap();
    let articles = seed_copy(dir.path(), "articles");
    let mut s = Session::start(&articles, &[]);
    // Read whole, so the folder is watched.
    s.wait_for("min read");
    s.wait_until("the folder read whole", |s| !s.contents().contains("reading…"));
    // Renamed away and back.
    let away = dir.path().join("away");
    fs::rename(&articles, &away).unwrap();
    s.wait_for("is gone; the list stays until it is back");
    fs::rename(&away, &articles).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(800));
    fs::write(articles.join("new.md"), "---\ntitle: Back after a rename\n---\nText.\n").unwrap();
    s.wait_for("Back after a rename");
    s.wait_for("6/6");
    // Deleted and made again.
    fs::remove_dir_all(&articles).unwrap();
    s.wait_for("is gone; the list stays until it is back");
    fs::create_dir(&articles).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(800));
    fs::write(articles.join("again.md"), "---\ntitle: Made again\n---\nText.\n").unwrap();
    s.wait_for("Made again");
    s.wait_for("1/1");
    fs::write(articles.join("more.md"), "---\ntitle: Still watched\n---\nText.\n").unwrap();
    s.wait_for("Still watched");
    s.send("q");
    assert!(s.wait_exit().success());
}

#[test]
fn a_200_mb_article_neither_delays_the_first_frame_nor_the_keys() {
    let dir = tempfile::tempdir().unwrap();
    let articles = seed_copy(dir.path(), "articles");
    // The newest: selected first, so the reading pane shows it at once.
    let mut file = fs::File::create(articles.join("huge.md")).unwrap();
    file.write_all(b"---\ntitle: A huge article\ndate: 2030-01-01\n---\n")
        .unwrap();
    let paragraph = "A sentence of a huge article that goes on and on. ".repeat(20) + "\n\n";
    let chunk = paragraph.repeat((1 << 20) / paragraph.len() + 1);
    for _ in 0..200 {
        file.write_all(chunk.as_bytes()).unwrap();
    }
    drop(file);
    let mut s = Session::start(&articles, &[]);
    s.wait_for("A huge article");
    s.wait_for("6/6");
    // Keys are handled while the body is read.
    s.send("j");
    s.send("k");
    s.send("\r");
    s.wait_for("A sentence of a huge article");
    s.send("j");
    s.send("q");
    s.send("q");
    assert!(s.wait_exit().success());
    s.assert_restored();
}
