//! The reader's traps (issue 18) that only a real terminal shows: the binary
//! in a pseudo-terminal, its output replayed through a VT100 parser.

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{native_pty_system, Child, CommandBuilder, MasterPty, PtySize};

use crate::common::seeds_dir;

const TIMEOUT: Duration = Duration::from_secs(15);
const LEAVE: &[u8] = b"\x1b[?1049l";

fn size(cols: u16, rows: u16) -> PtySize {
    PtySize {
        rows,
        cols,
        pixel_width: 0,
        pixel_height: 0,
    }
}

/// A program in a pty; everything it writes is kept, with the places where
/// the terminal was resized, so the stream can be replayed.
struct Pty {
    _state: tempfile::TempDir,
    master: Box<dyn MasterPty + Send>,
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    raw: Arc<Mutex<Vec<u8>>>,
    /// (bytes written before the resize, new size) for each resize.
    resizes: Vec<(usize, u16, u16)>,
    start: (u16, u16),
}

impl Pty {
    fn spawn(mut cmd: CommandBuilder, cols: u16, rows: u16) -> Pty {
        let pair = native_pty_system().openpty(size(cols, rows)).expect("open a pty");
        let state = tempfile::tempdir().unwrap();
        cmd.env("TERM", "xterm-256color");
        cmd.env("XDG_STATE_HOME", state.path());
        cmd.env("XDG_CONFIG_HOME", state.path().join("config"));
        cmd.env("XDG_CACHE_HOME", state.path().join("cache"));
        cmd.env("PS1", "prompt$ ");
        let child = pair.slave.spawn_command(cmd).expect("spawn");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().unwrap();
        let raw = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&raw);
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        });
        Pty {
            _state: state,
            writer: pair.master.take_writer().unwrap(),
            master: pair.master,
            child,
            raw,
            resizes: Vec::new(),
            start: (cols, rows),
        }
    }

    fn raw(&self) -> Vec<u8> {
        self.raw.lock().unwrap().clone()
    }

    /// The screen as the stream so far draws it (resizes replayed in place).
    fn screen(&self) -> vt100::Parser {
        replay(&self.raw(), self.start, &self.resizes)
    }

    fn wait_until(&self, what: &str, done: impl Fn(&Pty) -> bool) {
        let start = Instant::now();
        while start.elapsed() < TIMEOUT {
            if done(self) {
                return;
            }
            std::thread::sleep(Duration::from_millis(30));
        }
        panic!("{what} never happened; screen:\n{}", self.screen().screen().contents());
    }

    fn wait_for(&self, text: &str) {
        self.wait_until(text, |p| p.screen().screen().contents().contains(text));
    }

    /// Keys, one burst at a time (a lone ESC must not merge with the next key).
    fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
        std::thread::sleep(Duration::from_millis(120));
    }

    fn resize(&mut self, cols: u16, rows: u16) {
        self.resizes.push((self.raw().len(), cols, rows));
        self.master.resize(size(cols, rows)).unwrap();
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

/// Replays `raw` on a VT100 screen of `start` size, resized where the
/// stream was.
fn replay(raw: &[u8], start: (u16, u16), resizes: &[(usize, u16, u16)]) -> vt100::Parser {
    let mut parser = vt100::Parser::new(start.1, start.0, 0);
    let mut done = 0;
    for &(at, cols, rows) in resizes {
        let at = at.min(raw.len());
        parser.process(&raw[done..at]);
        parser.set_size(rows, cols);
        done = at;
    }
    parser.process(&raw[done..]);
    parser
}

/// Opens the first article at 80x24, grows the terminal to 120x35 and waits
/// for the frame of the new size.
fn grow(p: &mut Pty) {
    p.wait_for("5/5");
    p.send("j");
    p.send("\r");
    p.wait_for("min read");
    p.resize(120, 35);
    // The status bar is on the last row of the grown screen.
    p.wait_until("the frame at 120x35", |p| {
        p.screen()
            .screen()
            .contents()
            .lines()
            .nth(34)
            .is_some_and(|l| l.contains("5/5"))
    });
}

/// What the alternate screen held at the moment the reader first left it
/// after growing: every row of it must be blank, or a terminal that brings
/// back a shorter shell screen (tmux) shows the rest above the prompt.
fn left_behind(p: &Pty) -> String {
    let raw = p.raw();
    let grown = p.resizes[0].0;
    let leave = grown
        + raw[grown..]
            .windows(LEAVE.len())
            .position(|w| w == LEAVE)
            .expect("the alternate screen was left");
    let parser = replay(&raw[..leave], p.start, &p.resizes);
    assert!(parser.screen().alternate_screen(), "still on the alternate screen");
    parser.screen().contents().trim().to_string()
}

#[test]
fn item_3_growing_then_quitting_leaves_nothing_on_the_shell() {
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_kiosk"));
    cmd.arg(seeds_dir());
    let mut p = Pty::spawn(cmd, 80, 24);
    grow(&mut p);
    p.send("q");
    p.send("q");
    p.wait_until("kiosk to exit", |p| p.raw().windows(LEAVE.len()).any(|w| w == LEAVE));
    assert_eq!(left_behind(&p), "", "the reader's frame stays for the shell");
    let screen = p.screen();
    assert!(!screen.screen().alternate_screen());
    assert!(!screen.screen().contents().contains("min read"));
}

#[test]
fn item_3_growing_then_ctrl_z_leaves_nothing_on_the_shell() {
    // Job control needs a shell: run kiosk from an interactive bash.
    let mut cmd = CommandBuilder::new("bash");
    cmd.args(["--norc", "--noprofile", "-i"]);
    let mut p = Pty::spawn(cmd, 80, 24);
    p.wait_for("prompt$");
    p.send(&format!("{} {}\r", env!("CARGO_BIN_EXE_kiosk"), seeds_dir().display()));
    grow(&mut p);
    p.send("\x1a");
    p.wait_for("Stopped");
    assert_eq!(left_behind(&p), "", "the reader's frame stays for the shell");
    assert!(!p.screen().screen().contents().contains("min read"));
    p.send("fg\r");
    p.wait_for("min read");
    p.send("qq");
    p.wait_until("the prompt after quitting", |p| p.raw().ends_with(b"prompt$ "));
    p.send("exit\r");
}
