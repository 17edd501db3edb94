//! Tests of the reading state.
use super::*;
use crate::hash::{content_hash, legacy_content_hash};

#[test]
fn round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, msg) = State::open(dir.path());
    assert!(msg.is_none());
    s.set_read("a", 1, true);
    s.set_starred("b", true);
    s.save().unwrap();
    let (s, _) = State::open(dir.path());
    assert_eq!(s.read_state("a", 1), ReadState::Read);
    assert_eq!(s.read_state("a", 2), ReadState::Changed);
    assert_eq!(s.read_state("b", 1), ReadState::Unread);
    assert!(s.starred("b"));
    assert!(!s.starred("a"));
}

#[test]
fn read_marks_of_kiosk_0_1_carry_over_when_the_article_is_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let legacy = |text: &str| legacy_hex(legacy_content_hash(text.as_bytes()));
    let file = format!(
        r#"{{"version":1,"articles":{{"same":{{"read":"{}","updated":1}},"edited":{{"read":"{}","updated":1}},"gone":{{"read":"{}","updated":1}}}}}}"#,
        legacy("same text"),
        legacy("old text"),
        legacy("gone")
    );
    fs::write(dir.path().join("state.json"), file).unwrap();
    let (mut s, message) = State::open(dir.path());
    assert_eq!(message, None);
    let on_disk = |id: &str| match id {
        "same" => Some("same text"),
        "edited" => Some("new text"),
        _ => None,
    };
    let upgraded =
        s.upgrade_read_marks(|id| on_disk(id).map(|t| (legacy_content_hash(t.as_bytes()), content_hash(t.as_bytes()))));
    assert_eq!(upgraded, 1);
    assert_eq!(s.read_state("same", content_hash(b"same text")), ReadState::Read);
    assert_eq!(s.read_state("edited", content_hash(b"new text")), ReadState::Changed);
    assert!(s.is_dirty());
    s.save().unwrap();
    let (again, _) = State::open(dir.path());
    assert_eq!(again.read_state("same", content_hash(b"same text")), ReadState::Read);
    // Only the marks still in the old form are looked at again.
    let mut again = again;
    let mut asked = Vec::new();
    again.upgrade_read_marks(|id| {
        asked.push(id.to_string());
        None
    });
    assert_eq!(asked, ["edited", "gone"]);
}

#[test]
fn corrupt_files_are_moved_aside() {
    for (what, bytes) in [
        ("empty", &b""[..]),
        ("truncated", &br#"{"version":1,"articles":{"a":{"read":"00"#[..]),
        ("garbage", &b"\x00\xffnot json"[..]),
        ("older", &br#"{"version":0,"articles":{}}"#[..]),
        ("no version", &br#"{"articles":{}}"#[..]),
    ] {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("state.json"), bytes).unwrap();
        let (s, msg) = State::open(dir.path());
        let msg = msg.unwrap_or_else(|| panic!("{what}: no message"));
        assert!(msg.contains("moved aside"), "{what}: {msg}");
        assert!(dir.path().join("state.json.corrupt").exists(), "{what}");
        assert!(!dir.path().join("state.json").exists(), "{what}");
        assert!(s.entries.is_empty());
    }
}

#[test]
fn two_writers_merge_instead_of_overwriting() {
    let dir = tempfile::tempdir().unwrap();
    let (mut one, _) = State::open(dir.path());
    let (mut two, _) = State::open(dir.path());
    one.set_starred("a", true);
    two.set_read("b", 7, true);
    one.save().unwrap();
    two.save().unwrap();
    let (s, _) = State::open(dir.path());
    assert!(s.starred("a"));
    assert_eq!(s.read_state("b", 7), ReadState::Read);
    // The newer change to the same article wins.
    let (mut three, _) = State::open(dir.path());
    three.set_starred("a", false);
    three.save().unwrap();
    one.save().unwrap(); // nothing dirty: no effect
    let (s, _) = State::open(dir.path());
    assert!(!s.starred("a"));
}

#[test]
fn concurrent_threads_never_corrupt_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let handles: Vec<_> = (0..4)
        .map(|t| {
            let dir = dir.path().to_path_buf();
            std::thread::spawn(move || {
                for i in 0..25 {
                    let (mut s, msg) = State::open(&dir);
                    assert!(msg.is_none(), "{msg:?}");
                    s.set_read(&format!("t{t}-{i}"), i, true);
                    s.save().unwrap();
                }
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
    let (s, msg) = State::open(dir.path());
    assert!(msg.is_none());
    assert_eq!(s.entries.len(), 100);
}

#[test]
fn a_read_only_folder_is_a_message() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("not-a-folder");
    fs::write(&file, b"x").unwrap();
    let (mut s, _) = State::open(&file.join("kiosk"));
    s.set_starred("a", true);
    let err = s.save().unwrap_err();
    assert!(matches!(err, SaveError::Io { what: "create", .. }), "{err}");
    assert!(
        err.to_string().starts_with("cannot save reading state (create "),
        "{err}"
    );
}

#[test]
fn a_fifo_at_the_state_or_lock_path_never_hangs() {
    use crate::safe_open::tests::bounded;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().to_path_buf();
    let mkfifo = |p: &Path| assert!(std::process::Command::new("mkfifo").arg(p).status().unwrap().success());
    mkfifo(&path.join("state.json"));
    let (message, moved) = bounded(move || {
        let (_, message) = State::open(&path);
        (message, path.join("state.json.corrupt").exists())
    });
    let message = message.unwrap();
    assert!(
        message.starts_with("state file was not a regular file (a FIFO); moved aside"),
        "{message}"
    );
    assert!(moved);
    mkfifo(&dir.path().join("state.lock"));
    let path = dir.path().to_path_buf();
    let err = bounded(move || {
        let (mut s, _) = State::open(&path);
        s.set_starred("a", true);
        s.save().unwrap_err().to_string()
    });
    assert!(err.ends_with("not a regular file (a FIFO)"), "{err}");
}

#[test]
fn a_lock_that_is_a_symbolic_link_is_not_followed() {
    let dir = tempfile::tempdir().unwrap();
    let elsewhere = dir.path().join("elsewhere");
    std::os::unix::fs::symlink(&elsewhere, dir.path().join("state.lock")).unwrap();
    let (mut s, _) = State::open(dir.path());
    s.set_starred("a", true);
    let err = s.save().unwrap_err().to_string();
    assert!(err.ends_with("a symbolic link; not followed"), "{err}");
    assert!(!elsewhere.exists());
    assert!(s.is_dirty());
}

#[test]
fn a_file_damaged_while_running_loses_nothing_held_in_memory() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, _) = State::open(dir.path());
    s.set_read("a", 1, true);
    s.set_starred("b", true);
    s.save().unwrap();
    fs::write(dir.path().join("state.json"), b"{\"version\":1,\"arti").unwrap();
    s.set_starred("c", true);
    s.save().unwrap();
    let notice = s.take_notice().unwrap();
    assert!(notice.starts_with("state file was unreadable"), "{notice}");
    assert!(notice.contains("moved aside to"), "{notice}");
    assert_eq!(
        fs::read(dir.path().join("state.json.corrupt")).unwrap(),
        b"{\"version\":1,\"arti"
    );
    let (again, message) = State::open(dir.path());
    assert_eq!(message, None);
    assert_eq!(again.read_state("a", 1), ReadState::Read);
    assert!(again.starred("b") && again.starred("c"));
    assert_eq!(again.entries.len(), 3);
    // A file deleted meanwhile is written again whole, too.
    fs::remove_file(dir.path().join("state.json")).unwrap();
    s.set_starred("d", true);
    s.save().unwrap();
    let (again, _) = State::open(dir.path());
    assert_eq!(again.entries.len(), 4);
}

#[test]
fn a_newer_kiosks_file_is_read_as_far_as_it_can_be_and_never_written() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    let newer = format!(
        r#"{{"version":2,"articles":{{"a":{{"read":"{}","updated":5,"colour":"red"}},"b":{{"read":7}},"c":{{"starred":true,"updated":6}}}},"views":[]}}"#,
        hex(1)
    );
    fs::write(&path, &newer).unwrap();
    let (mut s, message) = State::open(dir.path());
    let message = message.unwrap();
    assert!(
        message.contains("was written by a newer kiosk (format 2, this one writes 1)"),
        "{message}"
    );
    assert_eq!(s.read_state("a", 1), ReadState::Read);
    assert!(s.starred("c"));
    assert_eq!(s.entry("b"), None);
    s.set_starred("d", true);
    let err = s.save().unwrap_err().to_string();
    assert!(err.contains("newer kiosk"), "{err}");
    assert!(s.is_dirty() && s.starred("d"));
    assert_eq!(fs::read_to_string(&path).unwrap(), newer);
    assert!(!dir.path().join("state.json.corrupt").exists());
    // Also when the newer kiosk writes it while this one runs.
    let other = tempfile::tempdir().unwrap();
    let (mut s, _) = State::open(other.path());
    s.set_starred("a", true);
    s.save().unwrap();
    fs::write(other.path().join("state.json"), &newer).unwrap();
    s.set_starred("e", true);
    assert!(s.save().unwrap_err().to_string().contains("newer kiosk"));
    assert_eq!(fs::read_to_string(other.path().join("state.json")).unwrap(), newer);
}

#[test]
fn an_update_time_at_the_maximum_does_not_overflow() {
    let dir = tempfile::tempdir().unwrap();
    let max = u64::MAX;
    fs::write(
        dir.path().join("state.json"),
        format!(r#"{{"version":1,"articles":{{"a":{{"starred":true,"updated":{max}}}}}}}"#),
    )
    .unwrap();
    let (mut s, message) = State::open(dir.path());
    assert_eq!(message, None);
    s.set_starred("a", false);
    assert_eq!(s.entry("a").unwrap().updated, u64::MAX);
    s.save().unwrap();
    let (again, _) = State::open(dir.path());
    assert!(!again.starred("a"));
}
