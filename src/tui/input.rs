//! The input thread: it sleeps in the kernel until the terminal has input,
//! the window was resized, or the loop wants it to stop reading, so that an
//! idle reader wakes nobody.
//!
//! While another program (the editor) has the terminal, the thread is parked
//! at the [`InputGate`] and reads none of the keys meant for that program.

use std::io::{IsTerminal, Read, Write};
use std::os::fd::{AsFd, BorrowedFd, OwnedFd};
use std::os::unix::net::UnixStream;
use std::sync::{mpsc, Arc, Condvar, Mutex};
use std::time::Duration;

use rustix::event::{poll, PollFd, PollFlags};

use super::event::Event;

/// How long crossterm is given to read and parse what woke the thread (the
/// rest of an escape sequence, a resize its own signal handler records).
const SETTLE: Duration = Duration::from_millis(30);

/// The shortest wait crossterm answers from the events it holds.
const HELD: Duration = Duration::from_millis(1);

/// How often the thread looks at the gate when it cannot sleep in the
/// kernel (no wake-up socket could be made: a process out of descriptors).
const FALLBACK_POLL: Duration = Duration::from_millis(100);

#[derive(Default)]
struct GateState {
    /// The loop wants the input thread to stop reading.
    closed: bool,
    /// The input thread is parked (reads nothing).
    parked: bool,
}

/// Lets the loop stop the input thread from reading the terminal while
/// another program has it, and start it again.
#[derive(Clone)]
pub struct InputGate {
    inner: Arc<(Mutex<GateState>, Condvar)>,
    /// A socket pair: a byte written to the first wakes the thread waiting
    /// on the second. `None` when it could not be made.
    wake: Option<Arc<(UnixStream, UnixStream)>>,
}

impl Default for InputGate {
    fn default() -> InputGate {
        let wake = UnixStream::pair()
            .ok()
            .filter(|(w, r)| w.set_nonblocking(true).is_ok() && r.set_nonblocking(true).is_ok());
        InputGate {
            inner: Arc::default(),
            wake: wake.map(Arc::new),
        }
    }
}

impl InputGate {
    /// Asks the input thread to park and waits until it has (at most a
    /// second: an input thread stuck in a read of its own is not waited for).
    pub fn close(&self) {
        let (lock, changed) = &*self.inner;
        let Ok(mut state) = lock.lock() else { return };
        state.closed = true;
        self.wake();
        let _ = changed.wait_timeout_while(state, Duration::from_secs(1), |s| !s.parked);
    }

    /// Lets the input thread read again.
    pub fn open(&self) {
        let (lock, changed) = &*self.inner;
        if let Ok(mut state) = lock.lock() {
            state.closed = false;
        }
        changed.notify_all();
    }

    /// For the input thread: returns at once while the gate is open, else
    /// parks until it opens.
    pub fn pass(&self) {
        let (lock, changed) = &*self.inner;
        let Ok(mut state) = lock.lock() else { return };
        if !state.closed {
            return;
        }
        state.parked = true;
        changed.notify_all();
        if let Ok(mut state) = changed.wait_while(state, |s| s.closed) {
            state.parked = false;
        }
    }

    /// Wakes the input thread from [`InputGate::wait`].
    fn wake(&self) {
        if let Some(pair) = &self.wake {
            // A full socket already holds a wake-up.
            let _ = (&pair.0).write(&[1]);
        }
    }

    /// A handle that wakes the thread when written to (for a signal handler).
    fn waker(&self) -> Option<UnixStream> {
        self.wake.as_ref().and_then(|pair| pair.0.try_clone().ok())
    }

    /// Sleeps until `tty` has input or the thread is woken; without a socket,
    /// at most [`FALLBACK_POLL`]. `Err` when the terminal hung up.
    fn wait(&self, tty: Option<BorrowedFd<'_>>) -> Result<(), String> {
        let (Some(pair), Some(tty)) = (&self.wake, tty) else {
            std::thread::sleep(FALLBACK_POLL);
            return Ok(());
        };
        let woken = pair.1.as_fd();
        let mut fds = [PollFd::new(&tty, PollFlags::IN), PollFd::new(&woken, PollFlags::IN)];
        match poll(&mut fds, None) {
            Ok(_) | Err(rustix::io::Errno::INTR) => {}
            Err(e) => return Err(format!("cannot wait for the terminal: {e}")),
        }
        let hung_up = fds[0]
            .revents()
            .intersects(PollFlags::HUP | PollFlags::ERR | PollFlags::NVAL);
        // Every wake-up so far is answered by this one return.
        let mut sink = [0u8; 64];
        while matches!((&pair.1).read(&mut sink), Ok(n) if n > 0) {}
        // Whatever a hung-up terminal still holds, nobody is there to read.
        if hung_up {
            return Err("the terminal hung up".to_string());
        }
        Ok(())
    }
}

/// The terminal crossterm reads from: standard input when it is one, else
/// `/dev/tty` (as crossterm's `use-dev-tty` source does).
fn terminal() -> Option<OwnedFd> {
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        return stdin.as_fd().try_clone_to_owned().ok();
    }
    std::fs::File::open("/dev/tty").ok().map(OwnedFd::from)
}

/// The next event crossterm reads: the ones it holds already, else one
/// after a sleep in the kernel. `Ok(None)`: woken with nothing to read.
fn next_event(gate: &InputGate, tty: Option<BorrowedFd<'_>>) -> Result<Option<crossterm::event::Event>, String> {
    let read = || crossterm::event::read().map(Some).map_err(|e| e.to_string());
    // A read may have brought several events; they wait in crossterm, not
    // in the terminal. (Its /dev/tty source hands out held events only to a
    // poll with time left, so not zero.)
    if crossterm::event::poll(HELD).map_err(|e| e.to_string())? {
        return read();
    }
    gate.wait(tty)?;
    if crossterm::event::poll(SETTLE).map_err(|e| e.to_string())? {
        return read();
    }
    Ok(None)
}

/// Starts the input thread: it sends each terminal event, and
/// [`Event::InputClosed`] when the terminal is gone.
pub fn spawn(events: mpsc::Sender<Event>, gate: InputGate) {
    // A resize is read by crossterm's own signal handler; this one only
    // wakes the thread so that crossterm is asked.
    if let Some(waker) = gate.waker() {
        let _ = signal_hook::low_level::pipe::register(signal_hook::consts::SIGWINCH, waker);
    }
    std::thread::spawn(move || {
        let tty = terminal();
        loop {
            gate.pass();
            let event = match next_event(&gate, tty.as_ref().map(AsFd::as_fd)) {
                Ok(Some(ev)) => Event::Terminal(ev),
                Ok(None) => continue,
                Err(e) => Event::InputClosed(e),
            };
            let closed = matches!(event, Event::InputClosed(_));
            if events.send(event).is_err() || closed {
                return;
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_closed_gate_parks_the_input_thread_until_it_opens() {
        let gate = InputGate::default();
        let (tx, rx) = std::sync::mpsc::channel();
        gate.close();
        let thread_gate = gate.clone();
        std::thread::spawn(move || {
            thread_gate.pass();
            let _ = tx.send(());
        });
        gate.close(); // returns once the thread is parked
        assert!(
            rx.recv_timeout(Duration::from_millis(200)).is_err(),
            "passed a closed gate"
        );
        gate.open();
        rx.recv_timeout(Duration::from_secs(10)).expect("the gate opened");
    }

    #[test]
    fn closing_the_gate_wakes_a_thread_asleep_on_the_terminal() {
        // A terminal that never has input: one end of a socket pair.
        let (_quiet, tty) = UnixStream::pair().unwrap();
        let gate = InputGate::default();
        let (tx, rx) = std::sync::mpsc::channel();
        let thread_gate = gate.clone();
        std::thread::spawn(move || {
            let woke = thread_gate.wait(Some(tty.as_fd()));
            let _ = tx.send(woke);
        });
        assert!(
            rx.recv_timeout(Duration::from_millis(300)).is_err(),
            "woke with nothing to do"
        );
        gate.close();
        assert_eq!(rx.recv_timeout(Duration::from_secs(10)).expect("woken"), Ok(()));
    }

    #[test]
    fn a_hung_up_terminal_ends_the_wait_with_an_error() {
        let (other, tty) = UnixStream::pair().unwrap();
        drop(other);
        let gate = InputGate::default();
        assert_eq!(gate.wait(Some(tty.as_fd())), Err("the terminal hung up".to_string()));
    }
}
