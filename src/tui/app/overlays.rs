//! Opening the overlays that need more than a flag: the contents of the
//! article and the sources view, and the sources view's keys.

use super::{check_url, App, Overlay, Popup, Screen};
use crate::tui::action::{Action, Effect};
use crate::tui::sources_view::{Outcome, Row, SourcesView};

impl App {
    /// `c`: the contents popup, on the current section.
    pub(super) fn open_contents(&mut self) {
        match self.layout() {
            Some(layout) if !layout.headings.is_empty() => {
                let current = layout.section_at(self.reading.scroll).map(|h| h.line);
                let selected = layout
                    .headings
                    .iter()
                    .position(|h| Some(h.line) == current)
                    .unwrap_or(0);
                self.open(Overlay::Popup(Popup::Contents { selected }));
            }
            Some(_) => self.message = Some("this article has no headings".into()),
            None => {}
        }
    }

    /// `O`: the sources of the visible articles.
    pub(super) fn open_sources(&mut self) {
        let mut view = SourcesView::new(&self.library, &self.list.visible);
        view.saved = view
            .domains
            .iter()
            .flat_map(|d| &d.urls)
            .filter(|u| self.saved_as(&u.url).is_some())
            .map(|u| u.url.clone())
            .collect();
        if view.domains.is_empty() {
            self.message = Some("the articles shown cite no links".into());
        } else {
            self.open(Overlay::Sources(view));
        }
    }

    pub(super) fn sources_update(&mut self, action: Action) -> Option<Effect> {
        if self.filter_update(&action) {
            return None;
        }
        let Some(Overlay::Sources(view)) = &mut self.mode.overlay else {
            return None;
        };
        // `o` on a URL: the browser, even for a saved page; Enter: the saved copy.
        let on_url = matches!(view.rows().get(view.selected), Some(Row::Url(..)));
        let browse = action == Action::OpenInBrowser;
        let action = if browse && on_url { Action::Confirm } else { action };
        match view.update(action, &self.library) {
            Outcome::Stay => None,
            Outcome::Message(message) => {
                self.message = Some(message);
                None
            }
            Outcome::Close => {
                self.close_overlay();
                None
            }
            Outcome::OpenUrl(url) if !browse && self.saved_as(&url).is_some() => {
                let article = self.saved_as(&url)?;
                self.close_overlay();
                self.jump_to(article, None);
                self.message = Some(format!("saved copy of {}", crate::sources::domain(&url)));
                None
            }
            Outcome::OpenUrl(url) => match check_url(&url) {
                Ok(()) => {
                    self.message = Some(format!("opening {url}"));
                    Some(Effect::OpenUrl(url))
                }
                Err(e) => {
                    self.message = Some(e.to_string());
                    None
                }
            },
            Outcome::OpenArticle { article, n } => {
                self.close_overlay();
                self.reading.shown = Some(article);
                if let Some(pos) = self.list.visible.iter().position(|&i| i == article) {
                    self.list.selected = pos;
                    self.keep_selection_visible();
                }
                self.set_screen(Screen::Reading);
                let line = self
                    .layout()
                    .and_then(|l| l.link_lines.get(n.checked_sub(1)?).copied().flatten())
                    .unwrap_or(0);
                // A little context above the citation.
                self.scroll_to(line.saturating_sub(2));
                self.message = Some(match n {
                    0 => "linked from the sources view".to_string(),
                    n => format!("citation [{n}]"),
                });
                None
            }
        }
    }
}
