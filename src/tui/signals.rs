//! Signals while the reader owns the terminal.
//!
//! Every signal whose default action ends the process restores the terminal
//! first (raw mode off, alternate screen left, cursor shown, mouse and paste
//! modes off) and then exits. A stop from outside (`kill -TSTP`) gives the
//! terminal back before stopping; on `SIGCONT` the reader takes it again and
//! redraws. Signals are handled on a thread of their own: the input thread
//! may be blocked on the terminal and would never see a flag.

use std::io;
use std::sync::{mpsc, Arc, Mutex};

use signal_hook::consts::signal as sig;
use signal_hook::iterator::{Handle, Signals};

use super::event::Event;

/// The signals that end the process by default and can be caught: the
/// terminal is restored before the process exits with `128 + signal`.
/// (SIGKILL and SIGSTOP cannot be caught; SIGSEGV, SIGILL and SIGFPE may not
/// be handled on another thread.)
pub const TERMINATING: [i32; 12] = [
    sig::SIGTERM,
    sig::SIGHUP,
    sig::SIGINT,
    sig::SIGQUIT,
    sig::SIGUSR1,
    sig::SIGUSR2,
    sig::SIGALRM,
    sig::SIGABRT,
    sig::SIGVTALRM,
    sig::SIGPROF,
    sig::SIGXCPU,
    sig::SIGXFSZ,
];

/// The signal thread of a running reader.
pub struct Guard {
    handle: Handle,
    events: Arc<Mutex<Option<mpsc::Sender<Event>>>>,
}

impl Guard {
    /// Starts the signal thread. `mouse`: whether the reader captures the
    /// mouse (to take the terminal back as it was).
    pub fn start(mouse: bool) -> io::Result<Guard> {
        let mut wanted = TERMINATING.to_vec();
        wanted.extend([sig::SIGTSTP, sig::SIGTTIN, sig::SIGTTOU]);
        let mut signals = Signals::new(wanted)?;
        let handle = signals.handle();
        let events: Arc<Mutex<Option<mpsc::Sender<Event>>>> = Arc::default();
        let resumed = Arc::clone(&events);
        std::thread::spawn(move || {
            for signal in signals.forever() {
                if TERMINATING.contains(&signal) {
                    super::restore();
                    std::process::exit(128 + signal);
                }
                stop_and_resume(mouse, &resumed);
            }
        });
        Ok(Guard { handle, events })
    }

    /// Where to say that the reader was stopped from outside and continued
    /// (the loop then draws every cell again).
    pub fn report_to(&self, events: mpsc::Sender<Event>) {
        if let Ok(mut slot) = self.events.lock() {
            *slot = Some(events);
        }
    }

    /// Stops the thread; the signals get their default actions back.
    pub fn close(self) {
        self.handle.close();
    }
}

/// A stop from outside: give the terminal back, stop, and on `SIGCONT` take
/// it again and ask the loop for a full redraw.
fn stop_and_resume(mouse: bool, events: &Mutex<Option<mpsc::Sender<Event>>>) {
    super::restore();
    // The default action of SIGTSTP is to stop; SIGSTOP cannot be caught, so
    // the process stops here whoever else handles SIGTSTP.
    let _ = signal_hook::low_level::raise(sig::SIGSTOP);
    // Continued.
    let _ = super::enter(mouse);
    if let Some(events) = events.lock().ok().and_then(|e| e.clone()) {
        let _ = events.send(Event::Resumed);
    }
}

/// Ctrl-Z from the keyboard: give the terminal back and stop. Returns when
/// the shell continues the process (`fg`); the caller takes the terminal
/// again. SIGSTOP rather than SIGTSTP: the signal thread handles SIGTSTP.
pub fn stop_self() -> io::Result<()> {
    super::restore();
    signal_hook::low_level::raise(sig::SIGSTOP)
}
