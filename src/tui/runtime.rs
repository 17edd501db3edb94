//! The runtime: owns the reader's background work (input, search, reloads,
//! the folder watcher, indexing, the browser's reports), gathers everything
//! they produce on one [`Event`] channel, and is the one place where the
//! effects `update` asks for are performed.

use std::io::{self, Stdout, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{mpsc, Arc};
use std::time::{Duration, Instant};

use crossterm::{execute, terminal};
use ratatui::backend::CrosstermBackend;
use ratatui::Terminal;

use super::action::{Action, Effect};
use super::app::{App, SearchRequest};
use super::clipboard;
use super::debounce::Debounce;
use super::editor;
use super::event::Event;
use super::input::{self, InputGate};
use super::{ingest, opener, pipe, watch};
use crate::library::{BodyJob, Library};

/// The terminal the reader draws on.
pub type Term = Terminal<CrosstermBackend<Stdout>>;

/// What the loop does after an effect.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flow {
    /// Go on.
    Continue,
    /// Go on; the screen was cleared and every cell must be drawn again.
    Redraw,
    /// Leave the reader.
    Quit,
}

/// The background work of a running reader and the channel it reports on.
pub struct Runtime {
    events: mpsc::Receiver<Event>,
    sender: mpsc::Sender<Event>,
    root: PathBuf,
    cache_dir: Option<PathBuf>,
    browser: Option<String>,
    mouse: bool,
    watcher: Option<watch::FolderWatch>,
    changes: Debounce,
    reloading: bool,
    search: mpsc::Sender<SearchRequest>,
    latest_search: Arc<AtomicU64>,
    reports: mpsc::Sender<String>,
    started: Instant,
    input: InputGate,
    editor: Option<String>,
    pictures: mpsc::Sender<super::pictures::Request>,
    /// Where saves and fetches write.
    ingest: ingest::Setup,
}

impl Runtime {
    /// Starts the input, search and report threads for a reader of `root`.
    pub fn start(root: &Path, cache_dir: Option<PathBuf>, browser: Option<String>, mouse: bool) -> Runtime {
        let (sender, events) = mpsc::channel();
        let input = InputGate::default();
        input::spawn(sender.clone(), input.clone());
        let (search, latest_search) = spawn_searcher(sender.clone());
        let reports = spawn_reports(sender.clone());
        let to_loop = sender.clone();
        let pictures = super::pictures::spawn_worker(move |done| to_loop.send(Event::Picture(done)).is_ok());
        Runtime {
            events,
            sender,
            root: root.to_path_buf(),
            cache_dir,
            browser,
            mouse,
            watcher: None,
            changes: Debounce::default(),
            reloading: false,
            search,
            latest_search,
            reports,
            started: Instant::now(),
            input,
            editor: editor::from_env(),
            pictures,
            ingest: ingest::Setup::for_folder(root),
        }
    }

    /// A sender on the event channel (for the signal thread).
    pub fn sender(&self) -> mpsc::Sender<Event> {
        self.sender.clone()
    }

    /// Milliseconds since the reader started (the clock of `Action::Tick`).
    pub fn now_ms(&self) -> u64 {
        self.started.elapsed().as_millis() as u64
    }

    /// Waits for the next event, at most until `deadline_ms` (on the tick
    /// clock) or until pending folder changes are due; `None` when a timer
    /// ran out first. With nothing pending it blocks: an idle reader makes
    /// no wake-ups.
    pub fn next(&mut self, deadline_ms: Option<u64>) -> Option<Event> {
        let timer = deadline_ms.map(|ms| self.started + Duration::from_millis(ms));
        let due = match (timer, self.changes.due_at()) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        match due {
            None => self.events.recv().ok(),
            Some(at) => self
                .events
                .recv_timeout(at.saturating_duration_since(Instant::now()))
                .ok(),
        }
    }

    /// More events that are already waiting, without blocking.
    pub fn pending(&self) -> Vec<Event> {
        self.events.try_iter().collect()
    }

    /// After the first frame: read the folder whole when the list was drawn
    /// from a preview, index the text for search, and watch the folder.
    /// (They would only delay the first frame.)
    pub fn after_first_frame(&mut self, library: &Library, watch: bool) {
        if library.is_preliminary() {
            // Drawn from the start of the files: now read them whole (this
            // writes the index, and the text is indexed once it is back).
            self.reload();
            // Filters and search work on the preview meanwhile.
            std::thread::spawn(library.preparation());
        } else {
            self.spawn_indexer(library.preparation(), library.body_job());
        }
        if watch {
            self.arm_watch();
        }
    }

    /// Starts a reload if changes are due and none is under way.
    pub fn reload_if_due(&mut self) {
        if !self.reloading && self.changes.take_due(Instant::now()) {
            self.reload();
        }
    }

    /// Hands the app's pending text search, if any, to the search thread;
    /// older searches are cancelled.
    pub fn send_search(&mut self, app: &mut App) {
        self.latest_search.store(app.search_generation(), Ordering::Relaxed);
        if let Some(request) = app.take_search_request() {
            let _ = self.search.send(request);
        }
    }

    /// Hands the pictures the app asked for to the picture worker.
    pub fn send_pictures(&mut self, app: &mut App) {
        for request in app.pictures.take_requests() {
            let _ = self.pictures.send(request);
        }
    }

    /// An event of the runtime's own (not a key): keeps its bookkeeping and
    /// says what the app must be told. A terminal that went away is an error.
    pub fn absorb(&mut self, event: Event, app: &mut App) -> io::Result<Vec<Action>> {
        Ok(match event {
            Event::Terminal(_) | Event::Indexed | Event::Resumed => Vec::new(),
            Event::InputClosed(why) => {
                return Err(io::Error::new(
                    io::ErrorKind::BrokenPipe,
                    format!("the terminal went away: {why}"),
                ))
            }
            Event::SearchDone(generation, matches) => vec![Action::SearchDone(generation, matches)],
            Event::Reloaded(Ok(library)) => {
                self.reloading = false;
                self.spawn_indexer(library.preparation(), library.body_job_after(&app.library));
                app.replace_library(library);
                Vec::new()
            }
            Event::Reloaded(Err(message)) => {
                self.reloading = false;
                vec![Action::Message(message)]
            }
            Event::FolderChanged => {
                self.changes.changed(Instant::now());
                Vec::new()
            }
            Event::FolderGone => {
                self.watcher = None;
                watch::wait_for_return(self.root.clone(), self.sender.clone());
                vec![Action::Message(format!(
                    "{} is gone; the list stays until it is back",
                    crate::sanitize::sanitize_line(&self.root.to_string_lossy())
                ))]
            }
            Event::FolderBack => {
                self.arm_watch();
                self.changes.changed(Instant::now());
                Vec::new()
            }
            Event::Report(m) => vec![Action::Message(crate::sanitize::sanitize_line(&m).into_owned())],
            Event::Piped(title, output) => vec![Action::PipeOutput(title, output)],
            Event::BodyRead(index) => vec![Action::BodyRead(index)],
            Event::Picture(done) => {
                app.picture_done(done);
                Vec::new()
            }
            Event::Ingest(report) => {
                // New files reach the list by a reload, watched or not.
                if report.wrote() {
                    self.changes.changed(Instant::now());
                }
                vec![Action::Ingest(report)]
            }
        })
    }

    /// Performs an effect.
    pub fn perform(&mut self, effect: Effect, terminal: &mut Term, app: &mut App) -> io::Result<Flow> {
        match effect {
            Effect::Quit => {
                // Where reading stopped is kept for the next run (a failure
                // was shown when the read marks were saved).
                let _ = app.state.save();
                return Ok(Flow::Quit);
            }
            Effect::OpenUrl(url) => opener::open(&url, self.browser.clone(), self.reports.clone()),
            Effect::Copy(text) => self.copy(terminal, app, &text)?,
            Effect::Suspend => {
                suspend(terminal, self.mouse)?;
                return Ok(Flow::Redraw);
            }
            Effect::SaveState => save_state(app),
            Effect::Reload => {
                // A reload already under way brings the changes too.
                if !self.reloading {
                    self.reload();
                }
            }
            Effect::Pipe(request) => pipe::spawn(request, self.sender.clone(), Event::Piped),
            Effect::Edit(path) => {
                self.edit(&path, terminal, app)?;
                return Ok(Flow::Redraw);
            }
            Effect::Ingest(job) => {
                let events = self.sender.clone();
                ingest::spawn(job, self.ingest.clone(), move |r| {
                    let _ = events.send(Event::Ingest(r));
                });
            }
        }
        Ok(Flow::Continue)
    }

    /// Watches the folder; a folder already gone is waited for, as if it
    /// went while watched.
    fn arm_watch(&mut self) {
        self.watcher = watch::watch(&self.root, self.sender.clone());
        if self.watcher.is_none() && !self.root.is_dir() {
            let _ = self.sender.send(Event::FolderGone);
        }
    }

    /// Reads the body the app asks for, if any, on a thread of its own.
    pub fn read_body(&mut self, app: &mut App) {
        if let Some(index) = app.take_body_request() {
            let (read, done) = (app.library.body_reader(index), self.sender.clone());
            std::thread::spawn(move || {
                read();
                let _ = done.send(Event::BodyRead(index));
            });
        }
    }

    /// Gives the terminal to the editor on `path`, takes it back, and reads
    /// the folder again (the file changed, and the watcher may be off).
    fn edit(&mut self, path: &Path, terminal: &mut Term, app: &mut App) -> io::Result<()> {
        // The input thread must not read the editor's keys.
        self.input.close();
        super::restore();
        let result = editor::run(self.editor.as_deref(), path);
        let entered = super::enter(self.mouse);
        self.input.open();
        entered?;
        retake(terminal)?;
        match result {
            Ok(()) => {
                self.changes = Debounce::default();
                self.reload();
            }
            Err(message) => {
                app.update(Action::Message(message));
            }
        }
        Ok(())
    }

    fn reload(&mut self) {
        self.reloading = true;
        let (root, cache, done) = (self.root.clone(), self.cache_dir.clone(), self.sender.clone());
        std::thread::spawn(move || {
            let result = Library::load_with(&root, cache.as_deref()).map_err(|e| format!("cannot reload: {e}"));
            if let Ok(library) = &result {
                library.prepare();
            }
            let _ = done.send(Event::Reloaded(result));
        });
    }

    /// Off the input thread: makes what `prepare` gives (translations, search
    /// texts, indexes), then reads and folds every article's text for search.
    /// One after the other: a keystroke that needs the first must not wait for
    /// the second, which takes seconds at 100,000 articles.
    fn spawn_indexer(&self, prepare: impl FnOnce() + Send + 'static, job: BodyJob) {
        let done = self.sender.clone();
        std::thread::spawn(move || {
            prepare();
            job.run();
            let _ = done.send(Event::Indexed);
        });
    }
}

/// Writes the reading state; what went wrong, or what the save had to do
/// besides (a damaged file moved aside), goes to the status bar.
pub fn save_state(app: &mut App) {
    let message = match app.state.save() {
        Err(err) => Some(err.to_string()),
        Ok(()) => app.state.take_notice(),
    };
    if let Some(message) = message {
        app.update(Action::Message(message));
    }
}

/// The browser's reports arrive on their own channel (the opener's API);
/// this thread hands them on as events.
fn spawn_reports(events: mpsc::Sender<Event>) -> mpsc::Sender<String> {
    let (tx, rx) = mpsc::channel::<String>();
    std::thread::spawn(move || {
        for message in rx {
            if events.send(Event::Report(message)).is_err() {
                return;
            }
        }
    });
    tx
}

/// The search thread: runs the newest request only; a request is cancelled
/// as soon as `latest` names a newer generation.
fn spawn_searcher(events: mpsc::Sender<Event>) -> (mpsc::Sender<SearchRequest>, Arc<AtomicU64>) {
    let (tx, rx) = mpsc::channel::<SearchRequest>();
    let latest = Arc::new(AtomicU64::new(0));
    let current = Arc::clone(&latest);
    std::thread::spawn(move || {
        while let Ok(mut request) = rx.recv() {
            while let Ok(newer) = rx.try_recv() {
                request = newer;
            }
            let cancelled = || current.load(Ordering::Relaxed) != request.generation;
            // Right after start the text may still be being read.
            while !request.index.has_bodies() && !cancelled() {
                std::thread::sleep(Duration::from_millis(5));
            }
            if let Some(matches) = request.run(&cancelled) {
                if events.send(Event::SearchDone(request.generation, matches)).is_err() {
                    return;
                }
            }
        }
    });
    (tx, latest)
}

impl Runtime {
    /// Copies text: OSC 52 at once (wrapped for tmux or screen), then the
    /// clipboard programs on a thread of their own; the status bar's
    /// message (what `update` said was copied) is completed with the ways
    /// that worked when they are known.
    fn copy(&self, terminal: &mut Term, app: &mut App, text: &str) -> io::Result<()> {
        let plan = clipboard::plan_here(text);
        let out = terminal.backend_mut();
        out.write_all(plan.osc52.as_bytes())?;
        out.flush()?;
        let what = app.message.clone().unwrap_or_else(|| "copied".into());
        if plan.tools.is_empty() {
            app.update(Action::Message(clipboard::report(&what, plan.mux, &[], &[])));
            return Ok(());
        }
        let (reports, text) = (self.reports.clone(), text.to_string());
        std::thread::spawn(move || {
            let _ = reports.send(clipboard::run(&plan, &text, &what));
        });
        Ok(())
    }
}

/// Ctrl-Z: give the terminal back, stop, and take it again on `fg`.
fn suspend(terminal: &mut Term, mouse: bool) -> io::Result<()> {
    super::signals::stop_self()?;
    super::enter(mouse)?;
    retake(terminal)
}

/// After the terminal was given back and taken again: clears it so that the
/// next frame draws every cell.
pub fn retake(terminal: &mut Term) -> io::Result<()> {
    // A fresh terminal redraws every cell. (Terminal::clear would ask the
    // terminal for the cursor position and wait for the answer.)
    execute!(io::stdout(), terminal::Clear(terminal::ClearType::All))?;
    *terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
    Ok(())
}
