//! Copying so that it lands: OSC 52 wrapped for the terminal multiplexer the
//! reader runs in, and the system clipboard's own tool when there is one.
//!
//! OSC 52 alone says nothing about whether anything was copied: tmux drops it
//! under its default `set-clipboard external`, screen drops an unwrapped one,
//! and many terminals ignore it. So kiosk also hands the text to a program
//! that reports success (`wl-copy`, `xclip`, `xsel`, `pbcopy`, and
//! `tmux load-buffer -w` inside tmux), and the status bar names the ones
//! that worked. The choice and the bytes are pure functions of the
//! environment; [`run`] is the only part that starts processes.

use std::ffi::OsStr;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use base64::Engine;

/// The terminal multiplexer between kiosk and the terminal, if any.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Multiplexer {
    /// None: the terminal reads the sequence itself.
    None,
    /// tmux: the sequence goes through as a DCS passthrough.
    Tmux,
    /// GNU screen: the sequence goes through in DCS strings of at most 76
    /// bytes of payload (screen's limit is 768 bytes a string).
    Screen,
}

impl Multiplexer {
    /// Which multiplexer the environment names: `TMUX` (or a `tmux` TERM, as
    /// over SSH from inside tmux), else `STY` for screen.
    pub fn detect(env: &dyn Fn(&str) -> Option<String>) -> Multiplexer {
        let set = |name: &str| env(name).is_some_and(|v| !v.is_empty());
        if set("TMUX") || env("TERM").is_some_and(|t| t.starts_with("tmux")) {
            Multiplexer::Tmux
        } else if set("STY") {
            Multiplexer::Screen
        } else {
            Multiplexer::None
        }
    }
}

/// The OSC 52 sequence that sets the clipboard to `text`, wrapped for `mux`.
///
/// ```
/// use kiosk::tui::clipboard::{osc52, Multiplexer};
/// assert_eq!(osc52("hi", Multiplexer::None), "\x1b]52;c;aGk=\x07");
/// assert_eq!(osc52("hi", Multiplexer::Tmux), "\x1bPtmux;\x1b\x1b]52;c;aGk=\x07\x1b\\");
/// ```
pub fn osc52(text: &str, mux: Multiplexer) -> String {
    let encoded = base64::engine::general_purpose::STANDARD.encode(text);
    match mux {
        Multiplexer::None => format!("\x1b]52;c;{encoded}\x07"),
        // Inside a passthrough every ESC of the wrapped sequence is doubled.
        Multiplexer::Tmux => format!("\x1bPtmux;\x1b\x1b]52;c;{encoded}\x07\x1b\\"),
        Multiplexer::Screen => {
            let chunks: Vec<&str> = encoded
                .as_bytes()
                .chunks(76)
                // Base64 is ASCII: every chunk is a str.
                .map(|c| std::str::from_utf8(c).unwrap_or_default())
                .collect();
            format!("\x1bP\x1b]52;c;{}\x07\x1b\\", chunks.join("\x1b\\\x1bP"))
        }
    }
}

/// A program that takes the text on its standard input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tool {
    /// What the status bar calls it.
    pub name: &'static str,
    /// The program, as found on `PATH`.
    pub program: PathBuf,
    /// Its arguments.
    pub args: &'static [&'static str],
}

/// The system clipboard's tool for the display the environment names:
/// macOS's `pbcopy`, else Wayland's `wl-copy`, else X11's `xclip` or `xsel`;
/// the first found on `PATH` (`find`). With no display there is no system
/// clipboard to reach.
fn system_tool(
    env: &dyn Fn(&str) -> Option<String>,
    find: &dyn Fn(&str) -> Option<PathBuf>,
    macos: bool,
) -> Option<Tool> {
    let set = |name: &str| env(name).is_some_and(|v| !v.is_empty());
    let mut candidates: Vec<(&'static str, &'static [&'static str])> = Vec::new();
    if macos {
        candidates.push(("pbcopy", &[]));
    }
    if set("WAYLAND_DISPLAY") {
        candidates.push(("wl-copy", &[]));
    }
    if set("DISPLAY") {
        candidates.push(("xclip", &["-selection", "clipboard", "-in"]));
        candidates.push(("xsel", &["--clipboard", "--input"]));
    }
    candidates
        .into_iter()
        .find_map(|(name, args)| find(name).map(|program| Tool { name, program, args }))
}

/// Everything a copy does: the escape sequence to write and the tools to run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Plan {
    /// The multiplexer the sequence is wrapped for.
    pub mux: Multiplexer,
    /// The OSC 52 sequence (always written: it is what works over SSH).
    pub osc52: String,
    /// The programs to hand the text to, in order.
    pub tools: Vec<Tool>,
}

/// The plan for copying `text` in an environment (`env` reads a variable,
/// `find` looks a program up on `PATH`).
pub fn plan(
    text: &str,
    env: &dyn Fn(&str) -> Option<String>,
    find: &dyn Fn(&str) -> Option<PathBuf>,
    macos: bool,
) -> Plan {
    let mux = Multiplexer::detect(env);
    let mut tools: Vec<Tool> = system_tool(env, find, macos).into_iter().collect();
    // tmux's own buffer (paste with prefix-]); -w also hands it on to the
    // outer terminal's clipboard, whatever set-clipboard says.
    if env("TMUX").is_some_and(|v| !v.is_empty()) {
        if let Some(program) = find("tmux") {
            tools.push(Tool {
                name: "tmux buffer",
                program,
                args: &["load-buffer", "-w", "-"],
            });
        }
    }
    Plan {
        mux,
        osc52: osc52(text, mux),
        tools,
    }
}

/// The plan for this process's environment.
pub fn plan_here(text: &str) -> Plan {
    let env = |name: &str| std::env::var(name).ok();
    let path = std::env::var_os("PATH").unwrap_or_default();
    let find = |name: &str| find_on_path(&path, name);
    plan(text, &env, &find, cfg!(target_os = "macos"))
}

/// The executable `name` in the first folder of `path` that has one.
pub fn find_on_path(path: &OsStr, name: &str) -> Option<PathBuf> {
    std::env::split_paths(path)
        .filter(|dir| dir.is_absolute())
        .map(|dir| dir.join(name))
        .find(|p| is_executable(p))
}

fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

/// What the status bar says after a copy: `what` and the ways that worked
/// (`worked`), or that only the escape sequence went out, naming the tools
/// that failed.
pub fn report(what: &str, mux: Multiplexer, worked: &[&str], failed: &[&str]) -> String {
    if !worked.is_empty() {
        return format!("{what} ({})", worked.join(", "));
    }
    let osc = match mux {
        Multiplexer::None => "OSC 52",
        Multiplexer::Tmux => "OSC 52 through tmux",
        Multiplexer::Screen => "OSC 52 through screen",
    };
    if failed.is_empty() {
        format!("{what} ({osc}; no clipboard program found, the terminal must allow it)")
    } else {
        format!("{what} ({osc} only: {} failed)", failed.join(", "))
    }
}

/// How long a clipboard program may take before it counts as failed.
const TOOL_TIMEOUT: Duration = Duration::from_secs(3);

/// Runs one tool with `text` on its standard input; true when it exited
/// with success within [`TOOL_TIMEOUT`]. Its output is discarded: `xclip`
/// and `wl-copy` leave a child behind that serves the clipboard and keeps
/// any pipe open.
pub fn run_tool(tool: &Tool, text: &str) -> bool {
    let child = Command::new(&tool.program)
        .args(tool.args)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn();
    let Ok(mut child) = child else {
        return false;
    };
    let written = child
        .stdin
        .take()
        .is_some_and(|mut stdin| stdin.write_all(text.as_bytes()).is_ok());
    let start = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return written && status.success(),
            Ok(None) if start.elapsed() < TOOL_TIMEOUT => std::thread::sleep(Duration::from_millis(10)),
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                return false;
            }
        }
    }
}

/// Runs the plan's tools in order and says what worked.
pub fn run(plan: &Plan, text: &str, what: &str) -> String {
    let (mut worked, mut failed) = (Vec::new(), Vec::new());
    for tool in &plan.tools {
        if run_tool(tool, text) {
            worked.push(tool.name);
        } else {
            failed.push(tool.name);
        }
    }
    report(what, plan.mux, &worked, &failed)
}
