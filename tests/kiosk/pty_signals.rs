//! End-to-end: signals and the keys that always get out, in a pseudo-terminal.

use std::time::Duration;

use portable_pty::CommandBuilder;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use kiosk::tui::action::Action;
use kiosk::tui::keymap::{Context, Keymap};

use crate::common::seeds_dir;
use crate::pty::Session;

fn kill(signal: &str, pid: u32) {
    let status = std::process::Command::new("kill")
        .arg(format!("-{signal}"))
        .arg(pid.to_string())
        .status()
        .unwrap();
    assert!(status.success(), "kill -{signal}");
}

/// The state letter of a process (`T` when stopped), from `/proc`.
fn state(pid: u32) -> char {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    stat.rsplit(") ").next().and_then(|s| s.chars().next()).unwrap_or('?')
}

#[test]
fn every_terminating_signal_restores_the_terminal() {
    for (signal, number) in [
        ("QUIT", libc::SIGQUIT),
        ("USR1", libc::SIGUSR1),
        ("USR2", libc::SIGUSR2),
        ("ALRM", libc::SIGALRM),
        ("ABRT", libc::SIGABRT),
        ("VTALRM", libc::SIGVTALRM),
        ("PROF", libc::SIGPROF),
        ("XCPU", libc::SIGXCPU),
        ("XFSZ", libc::SIGXFSZ),
    ] {
        let mut s = Session::start(&seeds_dir(), &[]);
        s.wait_for("5/5");
        let pid = s.child.process_id().expect("pid");
        kill(signal, pid);
        let status = s.wait_exit();
        assert_eq!(status.exit_code(), 128 + number as u32, "SIG{signal}: {status:?}");
        s.assert_restored();
    }
}

#[test]
fn an_outside_sigtstp_gives_the_terminal_back_and_sigcont_retakes_it() {
    let mut s = Session::start(&seeds_dir(), &[]);
    s.wait_for("5/5");
    s.send("j");
    let pid = s.child.process_id().expect("pid");
    let entered = s.raw().matches("\x1b[?1049h").count();
    kill("TSTP", pid);
    s.wait_until("the reader stopped", |_| state(pid) == 'T');
    s.wait_until("the terminal given back", |s| {
        let raw = s.raw();
        raw[raw.rfind("\x1b[?1049h").unwrap()..].contains("\x1b[?25h")
    });
    s.assert_restored();
    kill("CONT", pid);
    s.wait_until("the terminal taken again", |s| {
        s.raw().matches("\x1b[?1049h").count() > entered
    });
    // Redrawn whole, at the same place, and the keys work.
    s.wait_for("5/5");
    s.wait_for("TikTok: \"Everything is seen");
    s.send("\r");
    s.wait_for("Esc back");
    s.send("q");
    s.send("q");
    assert!(s.wait_exit().success());
    s.assert_restored();
}

#[test]
fn a_config_cannot_take_ctrl_c_and_a_keymap_without_q_still_gets_out() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("kiosk.toml");
    std::fs::write(&config, "[keys]\nsearch = \"ctrl-c\"\n").unwrap();
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_kiosk"));
    cmd.arg(seeds_dir());
    cmd.args(["--config", config.to_str().unwrap()]);
    let mut s = Session::spawn(cmd, &[], 100, 30);
    let status = s.wait_exit();
    assert!(!status.success());
    let screen = s.contents();
    assert!(
        screen.contains("line 2: keys: \"search\" cannot have Ctrl-C: Ctrl-C always quits and Ctrl-Z always suspends"),
        "{screen}"
    );

    // q given to search: the start says how to quit, the status bar's hint
    // and the help show Ctrl-C, and Ctrl-C quits from the search line too.
    std::fs::write(&config, "[keys]\nsearch = \"q\"\n").unwrap();
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_kiosk"));
    cmd.arg(seeds_dir());
    cmd.args(["--config", config.to_str().unwrap()]);
    let mut s = Session::spawn(cmd, &[], 100, 60);
    s.wait_for("the configuration left quit without a key: Ctrl-C quits");
    s.send("j");
    s.wait_for("Ctrl-C quit");
    s.send("?");
    s.wait_for("Keys (");
    let help = s.contents();
    assert!(
        help.lines()
            .any(|l| l.contains("Ctrl-C") && l.contains("quit now (everywhere)")),
        "{help}"
    );
    s.send("\x1b");
    s.send("q");
    s.wait_for("/▏");
    std::thread::sleep(Duration::from_millis(200));
    assert!(s.child.try_wait().unwrap().is_none(), "q opened the search");
    s.send("\x03");
    assert!(s.wait_exit().success());
    s.assert_restored();
}

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

#[test]
fn ctrl_c_and_ctrl_z_cannot_be_taken_and_quitting_keeps_a_key() {
    let config = |text: &str| kiosk::config::Config::parse(text, "c.toml").unwrap();
    for (text, line) in [
        ("[keys]\nsearch = \"ctrl-c\"\n", 2),
        ("theme = \"dark\"\n[keys]\nhelp = [\"f1\", \"ctrl-z\"]\n", 3),
    ] {
        let err = Keymap::from_config(&config(text)).unwrap_err().to_string();
        assert!(err.starts_with(&format!("c.toml: line {line}: keys: ")), "{err}");
        assert!(err.contains("Ctrl-C always quits and Ctrl-Z always suspends"), "{err}");
    }
    // q given to search: nothing else quits from the list, but Ctrl-C
    // does, the status bar's hint and the help say so, and so does the
    // start-up message.
    let map = Keymap::from_config(&config("[keys]\nsearch = \"q\"\n")).unwrap();
    assert_eq!(
        map.resolve(Context::Main, &key(KeyCode::Char('q'))),
        Some(Action::Search)
    );
    let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
    let ctrl_z = KeyEvent::new(KeyCode::Char('z'), KeyModifiers::CONTROL);
    for context in [Context::Main, Context::Popup, Context::Search] {
        assert_eq!(map.resolve(context, &ctrl_c), Some(Action::ForceQuit));
        assert_eq!(map.resolve(context, &ctrl_z), Some(Action::Suspend));
    }
    assert_eq!(map.key_for(&Action::Quit).as_deref(), Some("Ctrl-C"));
    assert!(map
        .help_rows()
        .iter()
        .any(|(k, h, _)| k == "Ctrl-C" && h.starts_with("quit now")));
    assert_eq!(
        map.warning().as_deref(),
        Some("the configuration left quit without a key: Ctrl-C quits")
    );
    assert_eq!(Keymap::default().warning(), None);
    assert_eq!(Keymap::default().key_for(&Action::Quit).as_deref(), Some("q"));
}
