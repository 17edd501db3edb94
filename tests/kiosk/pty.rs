//! End-to-end: the real binary in a pseudo-terminal, read through a VT100 parser.

use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{native_pty_system, Child, CommandBuilder, PtySize};

use crate::common::pinned_seeds_dir as seeds_dir;

const TIMEOUT: Duration = Duration::from_secs(15);

pub(crate) struct Session {
    /// Where this session's kiosk keeps its state (never the user's).
    _state: tempfile::TempDir,
    master: Box<dyn portable_pty::MasterPty + Send>,
    pub(crate) child: Box<dyn Child + Send + Sync>,
    writer: Arc<Mutex<Box<dyn Write + Send>>>,
    screen: Arc<Mutex<vt100::Parser>>,
    raw: Arc<Mutex<Vec<u8>>>,
}

/// Answers what a terminal answers when kiosk asks what it can draw: a
/// VT220 without Sixel graphics (DA1) and "ready" (DSR), as a real one would.
fn answer_queries(output: &[u8], writer: &Mutex<Box<dyn Write + Send>>) {
    let has = |needle: &[u8]| output.windows(needle.len()).any(|w| w == needle);
    let mut answer = Vec::new();
    if has(b"\x1b[c") {
        answer.extend_from_slice(b"\x1b[?62;22c");
    }
    if has(b"\x1b[5n") {
        answer.extend_from_slice(b"\x1b[0n");
    }
    if !answer.is_empty() {
        let mut writer = writer.lock().unwrap();
        let _ = writer.write_all(&answer);
        let _ = writer.flush();
    }
}

impl Session {
    pub(crate) fn start(dir: &Path, env: &[(&str, &str)]) -> Session {
        Session::start_sized(dir, env, 100, 30)
    }

    pub(crate) fn start_sized(dir: &Path, env: &[(&str, &str)], cols: u16, rows: u16) -> Session {
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_kiosk"));
        cmd.arg(dir);
        Session::spawn(cmd, env, cols, rows)
    }

    pub(crate) fn spawn(mut cmd: CommandBuilder, env: &[(&str, &str)], cols: u16, rows: u16) -> Session {
        let pty = native_pty_system();
        let pair = pty
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let state = tempfile::tempdir().unwrap();
        cmd.env("TERM", "xterm-256color");
        cmd.env("XDG_STATE_HOME", state.path());
        cmd.env("XDG_CONFIG_HOME", state.path().join("config"));
        cmd.env("XDG_CACHE_HOME", state.path().join("cache"));
        cmd.env_remove("NO_COLOR");
        cmd.env_remove("BROWSER");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).expect("spawn kiosk");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().unwrap();
        let writer = Arc::new(Mutex::new(pair.master.take_writer().unwrap()));
        let answers = Arc::clone(&writer);
        let screen = Arc::new(Mutex::new(vt100::Parser::new(rows, cols, 0)));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let (s, r) = (Arc::clone(&screen), Arc::clone(&raw));
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                s.lock().unwrap().process(&buf[..n]);
                r.lock().unwrap().extend_from_slice(&buf[..n]);
                answer_queries(&buf[..n], &answers);
            }
        });
        Session {
            _state: state,
            master: pair.master,
            child,
            writer,
            screen,
            raw,
        }
    }

    pub(crate) fn resize(&mut self, cols: u16, rows: u16) {
        self.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        std::thread::sleep(Duration::from_millis(15));
    }

    pub(crate) fn contents(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    /// Row `n` of the reading pane (right of the list, in the wide layout).
    pub(crate) fn row(&self, n: usize) -> String {
        let line = self.contents().lines().nth(n).unwrap_or("").to_string();
        line.split('│').nth(1).unwrap_or(&line).to_string()
    }

    pub(crate) fn wait_until(&self, what: &str, done: impl Fn(&Session) -> bool) {
        let start = Instant::now();
        while start.elapsed() < TIMEOUT {
            if done(self) {
                return;
            }
            std::thread::sleep(Duration::from_millis(30));
        }
        panic!("{what} never happened; screen:\n{}", self.contents());
    }

    pub(crate) fn wait_for(&self, text: &str) {
        let start = Instant::now();
        while start.elapsed() < TIMEOUT {
            if self.contents().contains(text) {
                return;
            }
            std::thread::sleep(Duration::from_millis(30));
        }
        panic!("{text:?} never appeared; screen:\n{}", self.contents());
    }

    pub(crate) fn send(&mut self, keys: &str) {
        let mut writer = self.writer.lock().unwrap();
        writer.write_all(keys.as_bytes()).unwrap();
        writer.flush().unwrap();
        // Let the reader see one key burst at a time (a lone ESC must not be
        // read together with the next key as Alt-key).
        std::thread::sleep(Duration::from_millis(120));
    }

    pub(crate) fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let start = Instant::now();
        while start.elapsed() < TIMEOUT {
            if let Some(status) = self.child.try_wait().unwrap() {
                // Let the reader thread drain what the child wrote last.
                std::thread::sleep(Duration::from_millis(200));
                return status;
            }
            std::thread::sleep(Duration::from_millis(30));
        }
        let _ = self.child.kill();
        panic!("kiosk did not exit; screen:\n{}", self.contents());
    }

    pub(crate) fn raw(&self) -> String {
        String::from_utf8_lossy(&self.raw.lock().unwrap()).into_owned()
    }

    pub(crate) fn assert_restored(&self) {
        let raw = self.raw();
        let tail = &raw[raw.rfind("\x1b[?1049h").unwrap_or(0)..];
        for mode in ["\x1b[?1049l", "\x1b[?25h", "\x1b[?1000l", "\x1b[?2004l"] {
            assert!(tail.contains(mode), "terminal mode {mode:?} not restored");
        }
    }
}

/// A browser script in `dir` that writes its arguments, each followed by
/// `sep`, to the returned file.
pub(crate) fn recording_browser(dir: &Path, sep: &str) -> (std::path::PathBuf, std::path::PathBuf) {
    let out = dir.join("opened.txt");
    let script = dir.join("browser.sh");
    std::fs::write(
        &script,
        format!("#!/bin/sh\nprintf '%s{sep}' \"$@\" > '{}'\n", out.display()),
    )
    .unwrap();
    std::process::Command::new("chmod")
        .arg("+x")
        .arg(&script)
        .status()
        .unwrap();
    (script, out)
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

#[test]
fn lists_seeds_opens_and_quits_cleanly() {
    let mut s = Session::start(&seeds_dir(), &[]);
    s.wait_for("USA monitor with data from TikTok");
    s.wait_for("TikTok: \"Everything is seen");
    s.wait_for("5/5");
    s.send("j");
    s.send("\r");
    s.wait_for("2020-08-24 · de · Staat · 6 min read · also in en");
    s.send("q");
    s.send("q");
    let status = s.wait_exit();
    assert!(status.success(), "{status:?}");
    s.assert_restored();
}

#[test]
fn search_then_open_an_article() {
    let mut s = Session::start(&seeds_dir(), &[]);
    s.wait_for("5/5");
    s.send("/");
    s.send("oracle");
    s.wait_for("3/5");
    s.send("\r");
    s.send("G");
    s.send("\r");
    // Opened from the search: at the first of its four mentions, highlighted.
    s.wait_for("der Oracle Cloud");
    s.wait_for("1/4  ");
    s.wait_for(" 3/3/5 ");
    s.send("\x03");
    assert!(s.wait_exit().success());
    s.assert_restored();
}

#[test]
fn a_digit_hands_the_exact_url_to_browser() {
    let dir = tempfile::tempdir().unwrap();
    let (script, out) = recording_browser(dir.path(), "\\n");
    let mut s = Session::start(&seeds_dir(), &[("BROWSER", script.to_str().unwrap())]);
    s.wait_for("5/5");
    s.send("j");
    s.send("\r");
    s.wait_for("also in en");
    s.send("2");
    let start = Instant::now();
    while !out.exists() && start.elapsed() < TIMEOUT {
        std::thread::sleep(Duration::from_millis(30));
    }
    std::thread::sleep(Duration::from_millis(100));
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        "https://theintercept.com/collections/blueleaks/\n"
    );
    s.wait_for("opening [2]");
    s.send("\x03");
    assert!(s.wait_exit().success());
}

#[test]
fn language_and_tag_filters_narrow_the_list() {
    let mut s = Session::start(&seeds_dir(), &[]);
    s.wait_for("5/5");
    s.send("L");
    s.wait_for("4/5");
    s.send("L");
    s.wait_for("1/5");
    assert!(!s.contents().contains("TikTok: \"Everything"));
    s.send("x");
    s.wait_for("5/5");
    s.send("t");
    s.wait_for("Tags: Space toggles");
    s.send(" ");
    s.send("\r");
    s.wait_for(" 1/1/5 ");
    s.send("\x1b");
    s.send("q");
    assert!(s.wait_exit().success());
    s.assert_restored();
}

#[test]
fn escape_sequences_in_articles_never_reach_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("evil.md"),
        "---\ntitle: \"Evil\x1b]0;PWNED-TITLE\x07 title\"\n---\nBody \x1b]52;c;UFdORUQ=\x07 text \x1b]2;PWNED2\x1b\\ \u{9d}0;C1TITLE\u{9c} \x1b[31mred\n",
    )
    .unwrap();
    let mut s = Session::start(dir.path(), &[]);
    s.wait_for("Evil title");
    s.send("\r");
    s.wait_for("Body text red");
    s.send("q");
    s.send("q");
    assert!(s.wait_exit().success());
    let raw = s.raw();
    for bad in ["\x1b]0;", "\x1b]2;", "\x1b]52;", "PWNED", "C1TITLE", "\u{9d}"] {
        assert!(!raw.contains(bad), "{bad:?} reached the terminal");
    }
}

#[test]
fn sigterm_sighup_and_sigint_restore_the_terminal() {
    for signal in ["TERM", "HUP", "INT"] {
        let mut s = Session::start(&seeds_dir(), &[]);
        s.wait_for("5/5");
        let pid = s.child.process_id().expect("pid");
        std::process::Command::new("kill")
            .arg(format!("-{signal}"))
            .arg(pid.to_string())
            .status()
            .unwrap();
        let status = s.wait_exit();
        assert!(!status.success(), "SIG{signal}: {status:?}");
        s.assert_restored();
    }
}

#[test]
fn contents_and_side_by_side_on_screen() {
    let mut s = Session::start_sized(&seeds_dir(), &[], 160, 40);
    s.wait_for("5/5");
    s.send("j");
    s.send("\r");
    s.wait_for("also in en");
    s.send("c");
    s.wait_for("Contents: Enter jumps");
    s.send("G");
    s.send("k");
    s.send("\r");
    s.wait_until("the section at the top", |s| {
        s.row(0).contains("Kritik an TikTok ist angebracht")
    });
    s.send("g");
    s.send("B");
    s.wait_for("Active surveillance during George Floyd protests");
    let screen = s.contents();
    assert!(
        screen.contains("Aktive Überwachung während George-Floyd-Protesten"),
        "{screen}"
    );
    let row = screen.lines().position(|l| l.contains("Aktive Überwachung")).unwrap();
    assert!(
        screen.lines().nth(row).unwrap().contains("Active surveillance"),
        "headings side by side on one row"
    );
    s.send("\x03");
    assert!(s.wait_exit().success());
}

#[test]
fn a_panic_restores_the_terminal_and_says_why() {
    let mut s = Session::start(&seeds_dir(), &[("KIOSK_PANIC_ON_HELP", "1")]);
    s.wait_for("5/5");
    s.send("?");
    let status = s.wait_exit();
    assert!(!status.success());
    s.assert_restored();
    let raw = s.raw();
    let after = &raw[raw.rfind("\x1b[?1049l").unwrap()..];
    assert!(
        after.contains("panic requested by KIOSK_PANIC_ON_HELP"),
        "the message is printed after the restore"
    );
}

#[test]
fn ctrl_z_suspends_and_fg_redraws() {
    // Job control needs a shell: run kiosk from an interactive bash.
    let mut cmd = CommandBuilder::new("bash");
    cmd.args(["--norc", "--noprofile", "-i"]);
    let mut s = Session::spawn(cmd, &[("PS1", "prompt$ ")], 100, 30);
    s.wait_for("prompt$");
    s.send(&format!("{} {}\r", env!("CARGO_BIN_EXE_kiosk"), seeds_dir().display()));
    s.wait_for("5/5");
    let entered = s.raw().matches("\x1b[?1049h").count();
    s.send("\x1a");
    s.wait_for("Stopped");
    s.assert_restored();
    s.send("fg\r");
    s.wait_until("the reader back on screen", |s| {
        s.raw().matches("\x1b[?1049h").count() > entered
    });
    s.wait_for("5/5");
    s.send("q");
    s.wait_until("the prompt after quitting", |s| s.raw().ends_with("prompt$ "));
    s.assert_restored();
    s.send("exit\r");
    s.wait_exit();
}

#[test]
fn a_failing_or_hanging_browser_never_blocks() {
    let mut s = Session::start(&seeds_dir(), &[("BROWSER", "false")]);
    s.wait_for("5/5");
    s.send("j");
    s.send("\r");
    s.send("2");
    s.wait_for("browser \"false\" failed");
    s.send("\x03");
    assert!(s.wait_exit().success());
    let dir = tempfile::tempdir().unwrap();
    let hang = dir.path().join("hang.sh");
    std::fs::write(&hang, "#!/bin/sh\nsleep 30\n").unwrap();
    std::process::Command::new("chmod")
        .arg("+x")
        .arg(&hang)
        .status()
        .unwrap();
    let mut s = Session::start(&seeds_dir(), &[("BROWSER", hang.to_str().unwrap())]);
    s.wait_for("5/5");
    s.send("j");
    s.send("\r");
    s.send("2");
    s.wait_for("opening [2]");
    // Still answering keys while the browser hangs.
    s.send("L");
    s.wait_for("4/5");
    s.send("\x03");
    assert!(s.wait_exit().success());
    let mut s = Session::start(&seeds_dir(), &[("BROWSER", "/no/such/browser")]);
    s.wait_for("5/5");
    s.send("j");
    s.send("\r");
    s.send("2");
    s.wait_for("cannot start browser");
    s.send("\x03");
    assert!(s.wait_exit().success());
}

#[test]
fn a_resize_storm_down_to_one_cell() {
    let mut s = Session::start(&seeds_dir(), &[]);
    s.wait_for("5/5");
    s.send("j");
    s.send("\r");
    for i in 0..60u16 {
        let (cols, rows) = if i % 2 == 0 {
            (1 + i % 7, 1 + i % 3)
        } else {
            (100 - i, 30 - i / 3)
        };
        s.resize(cols, rows);
    }
    s.resize(100, 30);
    s.wait_for("also in en");
    s.send("q");
    s.send("q");
    assert!(s.wait_exit().success());
    s.assert_restored();
}

/// The list row (left of the reading pane) containing `text`.
fn row_with(s: &Session, text: &str) -> String {
    s.contents()
        .lines()
        .map(|l| l.split('│').next().unwrap_or(l).to_string())
        .find(|l| l.contains(text))
        .unwrap_or_default()
}

#[test]
fn read_marks_and_stars_survive_a_restart() {
    let state = tempfile::tempdir().unwrap();
    let env = [("XDG_STATE_HOME", state.path().to_str().unwrap())];
    let mut s = Session::start(&seeds_dir(), &env);
    s.wait_for("5/5");
    assert!(row_with(&s, "USA überwachen").starts_with('●'));
    s.send("j");
    s.send("\r");
    // Read for a few seconds: it becomes read.
    s.wait_until("the article marked read", |s| {
        row_with(s, "USA überwachen").starts_with(' ')
    });
    s.send("\x1b");
    s.send("G");
    s.send("s");
    s.wait_for("starred");
    s.send("q");
    assert!(s.wait_exit().success());
    assert!(state.path().join("kiosk/state.json").exists());

    let mut s = Session::start(&seeds_dir(), &env);
    s.wait_for("5/5");
    assert!(
        row_with(&s, "USA überwachen").starts_with(' '),
        "still read after a restart"
    );
    assert!(row_with(&s, "USA monitor").starts_with('●'), "others still unread");
    assert!(row_with(&s, "Everything is seen").starts_with("●★"), "star kept");
    s.send("S");
    s.wait_for("1/5");
    s.send("u");
    s.send("S");
    s.wait_for("4/5");
    s.send("\x03");
    assert!(s.wait_exit().success());
}

#[test]
fn an_edited_article_shows_its_new_title_within_two_seconds() {
    let dir = tempfile::tempdir().unwrap();
    for f in std::fs::read_dir(seeds_dir()).unwrap() {
        let f = f.unwrap().path();
        std::fs::copy(&f, dir.path().join(f.file_name().unwrap())).unwrap();
    }
    let mut s = Session::start(dir.path(), &[]);
    s.wait_for("5/5");
    s.send("G");
    let path = dir.path().join("002_febce40671cb284b.txt");
    let text = std::fs::read_to_string(&path).unwrap();
    let edited = text.replacen(
        "TikTok: \"Everything is seen in China\"",
        "Edited headline while reading",
        1,
    );
    let start = Instant::now();
    std::fs::write(&path, edited).unwrap();
    s.wait_for("Edited headline while reading");
    assert!(start.elapsed() < Duration::from_secs(2), "took {:?}", start.elapsed());
    // A new file appears, a removed one goes.
    std::fs::write(
        dir.path().join("zz.md"),
        "---\ntitle: Added while running\n---\nText.\n",
    )
    .unwrap();
    std::fs::remove_file(dir.path().join("001_8fa43bf7fe4e0427.txt")).unwrap();
    s.wait_for("Added while running");
    s.wait_for("5/5");
    // The selection stayed on the edited article.
    assert!(row_with(&s, "Edited headline").contains("Edited"));
    s.send("\x03");
    assert!(s.wait_exit().success());
}

#[test]
fn remapped_keys_work_and_the_help_shows_them() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("kiosk.toml");
    std::fs::write(&config, "theme = \"light\"\n[keys]\nhelp = \"f1\"\nquit = \"x\"\n").unwrap();
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_kiosk"));
    cmd.arg(seeds_dir());
    cmd.args(["--config", config.to_str().unwrap()]);
    let mut s = Session::spawn(cmd, &[], 100, 60);
    s.wait_for("5/5");
    s.send("\x1bOP"); // F1
    s.wait_for("Keys (");
    let help = s.contents();
    assert!(
        help.lines().any(|l| l.contains(" x ") && l.contains("quit (or back)")),
        "{help}"
    );
    assert!(
        help.lines().any(|l| l.contains("F1") && l.contains("this help")),
        "{help}"
    );
    s.send("\x1b");
    s.send("q"); // no longer quits
    std::thread::sleep(Duration::from_millis(300));
    assert!(s.child.try_wait().unwrap().is_none());
    s.send("x");
    assert!(s.wait_exit().success());
}

#[test]
fn osc8_hyperlinks_are_opt_in_and_never_for_refused_schemes() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.md"),
        "---\ntitle: Links\n---\nSafe [one](https://example.org/one) and [evil](javascript:alert(1)) and [file](file:///etc/passwd).\n",
    )
    .unwrap();
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_kiosk"));
    cmd.arg(dir.path());
    cmd.arg("--hyperlinks");
    let mut s = Session::spawn(cmd, &[], 100, 30);
    s.wait_for("1/1");
    s.send("\r");
    s.wait_until("a hyperlink", |s| {
        s.raw()
            .contains("\x1b]8;;https://example.org/one\x1b\\[1]\x1b]8;;\x1b\\")
    });
    s.send("2");
    s.wait_for("refused to open a \"javascript\" link");
    // The markers are still where the layout put them.
    assert!(
        s.contents().contains("one[1] and evil[2] and file[3]"),
        "{}",
        s.contents()
    );
    s.send("\x03");
    assert!(s.wait_exit().success());
    let raw = s.raw();
    assert!(!raw.contains("]8;;javascript"), "a refused scheme became a hyperlink");
    assert!(!raw.contains("]8;;file"), "a refused scheme became a hyperlink");

    let mut s = Session::start(dir.path(), &[]);
    s.wait_for("1/1");
    s.send("\r");
    s.wait_for("one[1]");
    s.send("\x03");
    assert!(s.wait_exit().success());
    assert!(!s.raw().contains("\x1b]8;"), "no hyperlinks unless asked for");
}

#[test]
fn the_configured_browser_is_used() {
    let dir = tempfile::tempdir().unwrap();
    let (script, out) = recording_browser(dir.path(), "|");
    let config = dir.path().join("kiosk.toml");
    std::fs::write(&config, format!("browser = \"{} --new-tab %s\"\n", script.display())).unwrap();
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_kiosk"));
    cmd.arg(seeds_dir());
    cmd.args(["--config", config.to_str().unwrap()]);
    // The configuration wins over $BROWSER.
    let mut s = Session::spawn(cmd, &[("BROWSER", "false")], 100, 30);
    s.wait_for("5/5");
    s.send("j");
    s.send("\r");
    s.send("2");
    s.wait_until("the browser started", |_| {
        std::fs::read_to_string(&out).is_ok_and(|t| t.ends_with('|'))
    });
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        "--new-tab|https://theintercept.com/collections/blueleaks/|"
    );
    s.send("\x03");
    assert!(s.wait_exit().success());
}

/// How many times the threads of process `pid` have gone to sleep so far
/// (each wake-up is followed by one). Preemptions of a running thread,
/// which a busy machine causes, are not counted.
fn wakeups(pid: u32) -> u64 {
    let tasks = std::fs::read_dir(format!("/proc/{pid}/task")).expect("the process's threads");
    tasks
        .flatten()
        .filter_map(|t| std::fs::read_to_string(t.path().join("status")).ok())
        .flat_map(|status| {
            status
                .lines()
                .filter(|l| l.starts_with("voluntary_ctxt_switches:"))
                .filter_map(|l| l.split_whitespace().nth(1)?.parse::<u64>().ok())
                .collect::<Vec<_>>()
        })
        .sum()
}

#[test]
fn an_idle_reader_writes_nothing_after_its_first_frame() {
    // A second run reads the index the first one wrote: nothing is left to
    // change after the first frame (no reading in the background).
    let cache = tempfile::tempdir().unwrap();
    let env = [("XDG_CACHE_HOME", cache.path().to_str().unwrap())];
    // A folder of its own: the watch wakes the reader when another program
    // opens a file in it, as the other tests do in the shared one.
    let folder = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(crate::common::pinned_seeds_dir()).unwrap().flatten() {
        let to = folder.path().join(entry.file_name());
        std::fs::copy(entry.path(), &to).unwrap();
        // A file changed just before the index was written is read again
        // (its time cannot tell a later change): copies keep the seed's.
        let modified = entry.metadata().unwrap().modified().unwrap();
        std::fs::File::options()
            .write(true)
            .open(&to)
            .unwrap()
            .set_modified(modified)
            .unwrap();
    }
    let mut s = Session::start(folder.path(), &env);
    s.wait_for("5/5");
    s.wait_until("the folder read whole", |s| !s.contents().contains("reading…"));
    s.send("q");
    assert!(s.wait_exit().success());

    let mut s = Session::start(folder.path(), &env);
    s.wait_for("5/5");
    assert!(!s.contents().contains("reading…"), "{}", s.contents());
    // The body of the article shown (003: the pinned seeds' undated files
    // go by a day before its date) is read off the loop, just after.
    s.wait_for("ByteDance is especially");
    let settled = s.raw().len();
    // Let the threads that finished their work go to sleep for good: on a
    // busy machine that takes a while (at most 10 s are given).
    let pid = s.child.process_id().expect("pid");
    let mut before = wakeups(pid);
    for _ in 0..20 {
        std::thread::sleep(Duration::from_millis(500));
        let now = wakeups(pid);
        if now == before {
            break;
        }
        before = now;
    }
    std::thread::sleep(Duration::from_secs(5));
    let idle = s.raw()[settled..].to_string();
    assert!(idle.is_empty(), "an idle reader wrote {} bytes: {idle:?}", idle.len());
    // No thread wakes to look at anything: a poll every 100 ms would be 50.
    let woke = wakeups(pid) - before;
    assert!(woke <= 5, "an idle reader's threads woke {woke} times in 5 s");
    // Still alive and answering.
    s.send("j");
    s.wait_until("the selection moved", |s| s.raw().len() > settled);
    s.send("q");
    assert!(s.wait_exit().success());
}

#[test]
fn a_local_picture_is_drawn_and_the_config_turns_pictures_off() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("cat.md"),
        "---\ntitle: Cat\n---\n![A cat](cat.png)\n\nAfter it.\n",
    )
    .unwrap();
    image::RgbImage::from_fn(120, 60, |x, y| image::Rgb([(x * 2) as u8, (y * 4) as u8, 99]))
        .save_with_format(dir.path().join("cat.png"), image::ImageFormat::Png)
        .unwrap();
    let mut s = Session::start(dir.path(), &[]);
    s.wait_for("Cat");
    s.send("\r");
    s.wait_for("🖼 A cat (cat.png)[1]");
    // The terminal answered as one without graphics: half blocks.
    s.wait_until("the picture in half blocks", |s| s.contents().contains(['▀', '▄']));
    s.send("q");
    s.send("q");
    assert!(s.wait_exit().success());
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "images = false\n").unwrap();
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_kiosk"));
    cmd.args(["--config".as_ref(), config.as_os_str(), dir.path().as_os_str()]);
    let mut s = Session::spawn(cmd, &[], 100, 30);
    s.wait_for("Cat");
    s.send("\r");
    s.wait_for("After it.");
    assert!(!s.contents().contains(['▀', '▄']));
    // Off, the terminal is not even asked what it can draw.
    assert!(!s.raw().contains("\x1b[5n"));
    s.send("q");
    s.send("q");
    assert!(s.wait_exit().success());
}
