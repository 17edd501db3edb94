//! Find in the article and the reading place in a real terminal: the
//! keys as a terminal sends them, and a place that outlives the process.

use std::path::PathBuf;

use crate::common::seeds_dir;
use crate::pty::Session;

/// A folder holding the German seed alone (the seeds' order depends on
/// their files' times), inside `root`.
fn german_alone(root: &tempfile::TempDir) -> PathBuf {
    let dir = root.path().join("news");
    std::fs::create_dir(&dir).unwrap();
    let name = "000_f9bd4a49aeb422e6.txt";
    std::fs::copy(seeds_dir().join(name), dir.join(name)).unwrap();
    dir
}

#[test]
fn find_in_the_article_counts_and_steps_through_matches() {
    let root = tempfile::tempdir().unwrap();
    let mut s = Session::start(&german_alone(&root), &[]);
    s.wait_for(" news 1/1/1 ");
    s.send("\r");
    s.wait_for("2020-08-24 · de · Staat");
    s.send("/");
    s.send("TIKTOK");
    s.wait_for(" find: TIKTOK");
    s.wait_for("1/45  ");
    s.send("\r");
    s.send("n");
    s.wait_for("2/45  ");
    s.send("N");
    s.send("N");
    s.wait_for("find: on from the last match");
    s.wait_for("45/45  ");
    // Esc ends the find, the next leaves the article; q quits.
    s.send("\x1b");
    s.wait_until("the find ended", |s| !s.contents().contains("/45"));
    s.send("\x1b");
    s.send("q");
    assert!(s.wait_exit().success());
    s.assert_restored();
}

#[test]
fn an_article_reopens_where_it_was_left_after_a_restart() {
    let state = tempfile::tempdir().unwrap();
    let env = [("XDG_STATE_HOME", state.path().to_str().unwrap())];
    let root = tempfile::tempdir().unwrap();
    let dir = german_alone(&root);
    let mut s = Session::start(&dir, &env);
    s.wait_for(" news 1/1/1 ");
    s.send("\r");
    s.wait_for("2020-08-24 · de · Staat");
    // Down to the section on the protests, then quit from the article.
    s.send("/");
    s.send("George-Floyd-Protesten");
    s.send("\r");
    s.wait_for("1/1  ");
    s.send("\x03");
    assert!(s.wait_exit().success());
    let saved = std::fs::read_to_string(state.path().join("kiosk/state.json")).unwrap();
    assert!(saved.contains("\"place\""), "{saved}");

    let mut s = Session::start(&dir, &env);
    s.wait_for(" news ");
    s.send("\r");
    s.wait_for("Aktive Überwachung während George-Floyd-Protesten");
    assert!(
        !s.contents().contains("also in en"),
        "not at the top:\n{}",
        s.contents()
    );
    s.send("q");
    s.send("q");
    assert!(s.wait_exit().success());
}
