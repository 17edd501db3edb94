//! Piping an article or a URL to a command (`|`): the command runs off the
//! loop's thread, with no terminal, bounded in time and in the output kept;
//! what it prints comes back cleaned, for the pager popup.
//!
//! The command is what the user typed, run by `sh -c` as `less` and `mutt`
//! run theirs (so `grep -i oracle | wc -l` works). It starts in a session of
//! its own: it has no controlling terminal and cannot read the reader's keys
//! or write on its screen.

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::Stdio;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use process_wrap::std::{CommandWrap, ProcessSession};

/// The most output kept (the rest is read and dropped, so the command is
/// not blocked on a full pipe).
pub const MAX_OUTPUT_BYTES: usize = 1024 * 1024;

/// How long a command may run before it is killed.
pub const TIME_LIMIT: Duration = Duration::from_secs(10);

/// What goes to the command's input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PipeInput {
    /// The article's file as it is on disk (read off the loop's thread).
    Source(PathBuf),
    /// Text made by the reader: the article as the reading pane shows it,
    /// or a URL.
    Text(String),
}

/// A command to run and what it reads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PipeRequest {
    /// The command line, as typed.
    pub command: String,
    /// Its input.
    pub input: PipeInput,
}

/// What the prompt pipes: `Tab` goes round the choices.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PipeWhat {
    /// The article's file, Markdown and front matter as written.
    Source,
    /// The article as the reading pane shows it, as plain text.
    Text,
    /// A link's URL: its number and the URL.
    Url(usize, String),
}

/// The prompt of `|`: what goes to the command, and the command typed so far.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PipePrompt {
    /// What is piped.
    pub what: PipeWhat,
    /// The command typed so far.
    pub command: String,
    /// The URL the prompt was opened on (from the link list), kept while
    /// `Tab` goes round.
    pub url: Option<(usize, String)>,
}

impl PipePrompt {
    /// The next choice of what to pipe.
    pub fn cycle(&mut self) {
        self.what = match (&self.what, &self.url) {
            (PipeWhat::Source, _) => PipeWhat::Text,
            (PipeWhat::Text, Some((n, url))) => PipeWhat::Url(*n, url.clone()),
            (PipeWhat::Text | PipeWhat::Url(..), _) => PipeWhat::Source,
        };
    }

    /// The prompt as the status bar writes it (the command follows).
    pub fn label(&self) -> String {
        let what = match &self.what {
            PipeWhat::Source => "the article's Markdown source".to_string(),
            PipeWhat::Text => "the article's text as shown".to_string(),
            PipeWhat::Url(n, _) => format!("the URL of [{n}]"),
        };
        format!("pipe {what} (Tab: other) to: ")
    }

    /// The prompt line in at most `room` columns, with a cursor: the long
    /// label when it fits, else a short one, and always the end of the
    /// command being typed.
    pub fn line(&self, room: usize) -> String {
        use unicode_segmentation::UnicodeSegmentation;
        let command = crate::sanitize::sanitize_line(&self.command);
        let long = format!(" {}{command}▏", self.label());
        if crate::layout::width(&long) <= room {
            return long;
        }
        let short = match &self.what {
            PipeWhat::Source => " | source: ".to_string(),
            PipeWhat::Text => " | text: ".to_string(),
            PipeWhat::Url(n, _) => format!(" | [{n}]: "),
        };
        let mut tail = String::new();
        let mut used = crate::layout::width(&short) + 2;
        for g in command.graphemes(true).rev() {
            used += crate::layout::width(g);
            if used > room {
                break;
            }
            tail.insert_str(0, g);
        }
        let cut = if tail.len() < command.len() { "…" } else { "" };
        format!("{short}{cut}{tail}▏")
    }
}

/// Runs `request` on a thread of its own and sends `(title, output)` when it
/// is done; `send` builds the event.
pub fn spawn<E: Send + 'static>(request: PipeRequest, events: mpsc::Sender<E>, send: fn(String, String) -> E) {
    std::thread::spawn(move || {
        let (title, output) = run(&request, TIME_LIMIT);
        let _ = events.send(send(title, output));
    });
}

/// Runs the command and waits for it, at most `limit`: the pager's title
/// (the command, and how it ended when not well) and its output (standard
/// output, then standard error), cleaned of anything a terminal would act on.
pub fn run(request: &PipeRequest, limit: Duration) -> (String, String) {
    let shown = crate::sanitize::sanitize_line(&request.command).into_owned();
    let input = match &request.input {
        PipeInput::Text(text) => text.clone().into_bytes(),
        PipeInput::Source(path) => match crate::load::read_capped(path) {
            Ok((bytes, _, _)) => bytes,
            Err(e) => return (format!("| {shown}"), format!("cannot read {}: {e}", path.display())),
        },
    };
    let mut command = CommandWrap::with_new("sh", |c| {
        c.arg("-c")
            .arg(&request.command)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
    });
    command.wrap(ProcessSession);
    let mut child = match command.spawn() {
        Ok(child) => child,
        Err(e) => return (format!("| {shown}"), format!("cannot start the command: {e}")),
    };
    // Input and each output on threads of their own: a command that reads
    // nothing, or writes before it reads, never blocks the others.
    if let Some(mut stdin) = child.stdin().take() {
        std::thread::spawn(move || {
            let _ = stdin.write_all(&input);
        });
    }
    let out = child.stdout().take().map(capture);
    let err = child.stderr().take().map(capture);
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Some(status),
            Ok(None) if started.elapsed() < limit => std::thread::sleep(Duration::from_millis(20)),
            _ => {
                // The whole session: a pipeline's every process.
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
        }
    };
    // A process that left the session may hold a pipe open: wait a little.
    let collect =
        |r: Option<mpsc::Receiver<(Vec<u8>, bool)>>| r.and_then(|r| r.recv_timeout(Duration::from_secs(1)).ok());
    let (mut bytes, mut cut) = collect(out).unwrap_or_default();
    if let Some((err, err_cut)) = collect(err).filter(|(e, _)| !e.is_empty()) {
        if !bytes.is_empty() && !bytes.ends_with(b"\n") {
            bytes.push(b'\n');
        }
        bytes.extend_from_slice(&err);
        cut |= err_cut;
    }
    bytes.truncate(MAX_OUTPUT_BYTES);
    let mut text = crate::sanitize::sanitize(&String::from_utf8_lossy(&bytes)).into_owned();
    if cut {
        text.push_str(&format!("\n⋯ output cut at {} KiB", MAX_OUTPUT_BYTES / 1024));
    }
    let title = match status {
        Some(s) if s.success() => format!("| {shown}"),
        Some(s) => format!("| {shown} ({s})"),
        None => format!("| {shown} (stopped after {} s)", limit.as_secs()),
    };
    (title, text)
}

/// Reads a pipe to its end on a thread, keeping at most [`MAX_OUTPUT_BYTES`];
/// true when more came.
fn capture(mut from: impl Read + Send + 'static) -> mpsc::Receiver<(Vec<u8>, bool)> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut kept = Vec::new();
        let mut cut = false;
        let mut buf = [0u8; 16 * 1024];
        loop {
            match from.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    let room = MAX_OUTPUT_BYTES.saturating_sub(kept.len());
                    kept.extend_from_slice(&buf[..n.min(room)]);
                    cut |= n > room;
                }
            }
        }
        let _ = tx.send((kept, cut));
    });
    rx
}
