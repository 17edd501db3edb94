//! The app's side of background ingest: `a` in the link list saves the
//! highlighted page, `R` fetches the feeds; while they run the status bar
//! shows how far they are, and their end is a message.

use super::App;
use crate::ingest::{Progress, Summary};
use crate::sanitize::sanitize_line;
use crate::tui::action::Effect;
use crate::tui::ingest::{Job, Report};

/// The jobs under way.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Jobs {
    /// Pages being saved: URL and link number.
    pub saving: Vec<(String, usize)>,
    /// Feeds being fetched: sources done, of how many, articles written.
    pub fetching: Option<(usize, usize, usize)>,
    /// How the last job ended, said again after the reload it causes
    /// (which would otherwise only say how many articles there are).
    pub(super) notice: Option<String>,
}

impl App {
    /// What runs in the background, for the status bar (`None`: nothing).
    pub fn activity(&self) -> Option<String> {
        let mut parts = Vec::new();
        match self.inside.jobs.saving.as_slice() {
            [] => {}
            [(_, n)] => parts.push(format!("saving [{n}]…")),
            many => parts.push(format!("saving {} pages…", many.len())),
        }
        if let Some((done, total, new)) = self.inside.jobs.fetching {
            parts.push(match total {
                0 => "feeds…".to_string(),
                _ => format!("feeds {done}/{total}, {new} new…"),
            });
        }
        (!parts.is_empty()).then(|| parts.join(" "))
    }

    /// `a` in the link list: saves the highlighted page into the folder, in
    /// the background.
    pub(super) fn save_link(&mut self, n: usize) -> Option<Effect> {
        let shown = self.reading.shown?;
        let url = self.library.links(shown).get(n.wrapping_sub(1))?.url.clone();
        let scheme = url.split_once(':').map(|(s, _)| s.to_ascii_lowercase());
        if !matches!(scheme.as_deref(), Some("http" | "https")) {
            self.message = Some(format!("[{n}] only web pages (http, https) can be saved"));
            return None;
        }
        if let Some(article) = self.saved_as(&url) {
            let title = &self.library.articles()[article].title;
            self.message = Some(format!("[{n}] is saved already: {title} (Enter opens it)"));
            return None;
        }
        if self.inside.jobs.saving.iter().any(|(u, _)| *u == url) {
            self.message = Some(format!("[{n}] is being saved"));
            return None;
        }
        self.inside.jobs.saving.push((url.clone(), n));
        self.message = Some(format!("saving [{n}] {}…", crate::sources::domain(&url)));
        let via = self.library.articles()[shown].id.0.clone();
        Some(Effect::Ingest(Job::Save { url, via, n }))
    }

    /// `R`: fetches the subscribed feeds into the folder, in the background.
    pub(super) fn fetch_feeds(&mut self) -> Option<Effect> {
        if self.inside.jobs.fetching.is_some() {
            self.message = Some("the feeds are being fetched".into());
            return None;
        }
        self.inside.jobs.fetching = Some((0, 0, 0));
        self.message = Some("fetching feeds…".into());
        Some(Effect::Ingest(Job::Fetch))
    }

    /// A background job's step or end (it asks for no effect).
    pub(super) fn ingest_report(&mut self, report: Report) -> Option<Effect> {
        let wrote = report.wrote();
        match report {
            Report::Progress(Job::Fetch, step) => {
                let Some((done, total, new)) = &mut self.inside.jobs.fetching else {
                    return None;
                };
                match step {
                    Progress::Planned { total: t } => *total = t,
                    Progress::Finished(outcome) => {
                        *done += 1;
                        *new += outcome.written.len();
                    }
                    Progress::Started { .. } | Progress::Saved { .. } => {}
                }
            }
            Report::Progress(Job::Save { .. }, _) => {}
            Report::Done(Job::Save { url, n, .. }, result) => {
                self.inside.jobs.saving.retain(|(u, _)| *u != url);
                self.message = Some(saved_message(n, &url, result));
                if wrote {
                    self.inside.jobs.notice = self.message.clone();
                }
            }
            Report::Done(Job::Fetch, result) => {
                self.inside.jobs.fetching = None;
                self.message = Some(match result {
                    Ok(summary) => format!("fetched: {}", sanitize_line(&summary.line("feed"))),
                    Err(e) => format!("cannot fetch: {}", sanitize_line(&e)),
                });
                if wrote {
                    self.inside.jobs.notice = self.message.clone();
                }
            }
        }
        None
    }
}

/// How saving page `n` went, in a line.
fn saved_message(n: usize, url: &str, result: Result<Summary, String>) -> String {
    let summary = match result {
        Ok(summary) => summary,
        Err(e) => return format!("[{n}] not saved: {}", sanitize_line(&e)),
    };
    let Some(outcome) = summary.outcomes.into_iter().next() else {
        return format!("[{n}] not saved");
    };
    match (&outcome.error, outcome.written.first(), outcome.notes.first()) {
        (Some(e), _, _) => format!("[{n}] not saved: {}", sanitize_line(e)),
        (None, Some(_), _) => format!("[{n}] saved: {} (Enter opens it here)", sanitize_line(&outcome.name)),
        (None, None, Some(note)) => format!("[{n}] {}", sanitize_line(note)),
        (None, None, None) => format!("[{n}] {}: nothing written", crate::sources::domain(url)),
    }
}
