//! `kiosk list --unread`, `--starred`, and `read`/`starred` in `--json`
//! (issue 22, item 3): the reader's state, read and never written.

use std::path::Path;
use std::process::{Command, Output};

use kiosk::state::State;

use crate::common::{seeds, stdout};

const DE: &str = "000_f9bd4a49aeb422e6";
const EN: &str = "003_99cfcbda6ab29d43";
const PLAIN: &str = "002_febce40671cb284b";

/// `kiosk ARGS` over the bundled articles with the state under `state_home`.
fn kiosk_with_state(state_home: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kiosk"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("XDG_CONFIG_HOME", "/nonexistent/kiosk-tests")
        .env("XDG_CACHE_HOME", "/nonexistent/kiosk-tests")
        .env("XDG_STATE_HOME", state_home)
        .output()
        .expect("run kiosk")
}

fn ids(out: &Output) -> Vec<String> {
    stdout(out)
        .lines()
        .map(|l| l.rsplit("  ").next().unwrap().to_string())
        .collect()
}

/// A state where DE is read, PLAIN was read before it changed, EN is starred.
fn state_home() -> tempfile::TempDir {
    let home = tempfile::tempdir().unwrap();
    let lib = seeds();
    let hash = |id: &str| lib.articles().iter().find(|a| a.id.as_str() == id).unwrap().hash;
    let (mut state, _) = State::open(&home.path().join("kiosk"));
    state.set_read(DE, hash(DE), true);
    state.set_read(PLAIN, hash(PLAIN) ^ 1, true);
    state.set_starred(EN, true);
    state.save().unwrap();
    home
}

#[test]
fn unread_and_starred_select_by_the_readers_marks() {
    let home = state_home();
    let out = kiosk_with_state(home.path(), &["list", "--unread"]);
    assert!(out.status.success());
    assert_eq!(
        ids(&out),
        ["001_8fa43bf7fe4e0427", "004_afe6046d54508ad7", PLAIN, EN],
        "changed since read counts as unread"
    );
    assert_eq!(ids(&kiosk_with_state(home.path(), &["list", "--starred"])), [EN]);
    assert_eq!(
        ids(&kiosk_with_state(home.path(), &["list", "--starred", "--unread"])),
        [EN]
    );
    assert!(ids(&kiosk_with_state(home.path(), &["list", "--starred", "--lang", "de"])).is_empty());
    // With a search: its unread articles.
    assert_eq!(
        ids(&kiosk_with_state(
            home.path(),
            &["list", "--unread", "--search", "oracle"]
        )),
        ["001_8fa43bf7fe4e0427", "004_afe6046d54508ad7", PLAIN]
    );
}

#[test]
fn json_carries_read_and_starred() {
    let home = state_home();
    let out = kiosk_with_state(home.path(), &["list", "--json"]);
    assert!(out.status.success());
    let records: Vec<serde_json::Value> = stdout(&out).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let marks: Vec<(String, bool, bool)> = records
        .iter()
        .map(|r| {
            (
                r["id"].as_str().unwrap().to_string(),
                r["read"].as_bool().unwrap(),
                r["starred"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        marks,
        [
            ("001_8fa43bf7fe4e0427".to_string(), false, false),
            ("004_afe6046d54508ad7".to_string(), false, false),
            (PLAIN.to_string(), false, false),
            (EN.to_string(), false, true),
            (DE.to_string(), true, false),
        ]
    );
    let unread = kiosk_with_state(home.path(), &["list", "--json", "--unread"]);
    assert_eq!(stdout(&unread).lines().count(), 4);
}

#[test]
fn without_a_state_nothing_is_read_and_a_damaged_one_is_left_alone() {
    let home = tempfile::tempdir().unwrap();
    let out = kiosk_with_state(home.path(), &["list", "--unread"]);
    assert_eq!(ids(&out).len(), 5);
    assert!(kiosk_with_state(home.path(), &["list", "--starred"]).stdout.is_empty());
    assert!(!home.path().join("kiosk").exists(), "list writes no state");
    std::fs::create_dir(home.path().join("kiosk")).unwrap();
    let file = home.path().join("kiosk/state.json");
    std::fs::write(&file, "\u{1b}[31mgarbage").unwrap();
    let out = kiosk_with_state(home.path(), &["list", "--unread"]);
    assert!(out.status.success());
    assert_eq!(ids(&out).len(), 5);
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.starts_with("warning: cannot read "), "{err}");
    assert!(!err.contains('\u{1b}'));
    assert_eq!(std::fs::read(&file).unwrap(), b"\x1b[31mgarbage", "left as it was");
}
