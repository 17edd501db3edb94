//! Find in the article and the reading place in a real terminal: the
//! keys as a terminal sends them, and a place that outlives the process.

use crate::common::seeds_dir;
use crate::pty::Session;

#[test]
fn find_in_the_article_counts_and_steps_through_matches() {
    let mut s = Session::start(&seeds_dir(), &[]);
    s.wait_for("articles 5/5/5");
    s.send("j");
    s.send("\r");
    s.wait_for("also in en");
    s.send("/");
    s.send("TIKTOK");
    s.wait_for(" find: TIKTOK");
    s.wait_for("1/45  articles");
    s.send("\r");
    s.send("n");
    s.wait_for("2/45  articles");
    s.send("N");
    s.send("N");
    s.wait_for("find: on from the last match");
    s.wait_for("45/45  articles");
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
    let mut s = Session::start(&seeds_dir(), &env);
    s.wait_for("articles 5/5/5");
    s.send("j");
    s.send("\r");
    s.wait_for("also in en");
    // Down to the section on the protests, then quit from the article.
    s.send("/");
    s.send("George-Floyd-Protesten");
    s.send("\r");
    s.wait_for("1/1  articles");
    s.send("\x03");
    assert!(s.wait_exit().success());
    let saved = std::fs::read_to_string(state.path().join("kiosk/state.json")).unwrap();
    assert!(saved.contains("\"place\""), "{saved}");

    let mut s = Session::start(&seeds_dir(), &env);
    s.wait_for("articles ");
    s.send("j");
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
