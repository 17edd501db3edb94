//! Following a link inside kiosk: a heading of the article (`#id`), another
//! article of the folder (a relative link, a Hugo `ref`, Zola's `@/`), or
//! the article a cited page was saved as. Every such jump leaves a stop on
//! the trail; only what leads outside the folder goes to the browser.

use super::trail::Jump;
use super::App;
use crate::library::{Target, Targets};
use crate::tui::action::{Action, Effect};
use crate::tui::keymap::Context;

/// What following links inside kiosk keeps.
#[derive(Debug, Default)]
pub struct Inside {
    /// The places jumps left, to go back to.
    pub(super) trail: super::trail::Trail,
    /// Where links lead inside the folder: made when first asked for.
    pub(super) targets: std::cell::OnceCell<Targets>,
    /// Saves and fetches under way.
    pub jobs: super::Jobs,
}

impl App {
    /// Where links lead inside the folder (made once per library).
    pub fn targets(&self) -> &Targets {
        self.inside.targets.get_or_init(|| Targets::of(&self.library))
    }

    /// The article a page was saved as, if it was.
    pub fn saved_as(&self, url: &str) -> Option<usize> {
        self.targets().saved(url)
    }

    /// Opens link `n` (its URL `url`) inside kiosk when it leads into the
    /// folder; true when it did, or said why it could not. False leaves the
    /// link to the browser.
    pub(super) fn follow_inside(&mut self, n: usize, url: &str) -> bool {
        let Some(from) = self.reading.shown else {
            return false;
        };
        if let Some(article) = self.saved_as(url) {
            self.jump_to(article, None);
            let keys = (
                self.keymap.key_for(&Action::LinkList),
                self.popup_key(&Action::OpenInBrowser),
            );
            self.message = Some(match keys {
                (Some(list), Some(web)) => format!("[{n}] saved copy · the web page: {list} then {web}"),
                _ => format!("[{n}] saved copy"),
            });
            return true;
        }
        let target = self.targets().resolve(&self.library, from, url);
        match target {
            Some(Target { article, fragment }) => {
                let same = article == from;
                let found = self.jump_to(article, fragment.as_deref());
                self.message = Some(match (&fragment, found, same) {
                    (Some(f), false, _) => format!("[{n}] no heading #{f} here"),
                    (Some(f), true, true) => format!("[{n}] #{f}"),
                    _ => format!("[{n}] {}", self.library.articles()[article].title),
                });
                true
            }
            None if !url.contains(':') && !url.starts_with("//") => {
                self.message = Some(format!("[{n}] {url}: no article of this folder is there"));
                true
            }
            None => false,
        }
    }

    /// Shows article `index` (at the heading `fragment`, else at the top
    /// when it is another article), leaving a stop on the trail. False when
    /// the heading was not found.
    pub(super) fn jump_to(&mut self, index: usize, fragment: Option<&str>) -> bool {
        let stop = self.here(Jump::Link);
        let other = self.reading.shown != Some(index);
        self.show_article(index);
        let line = fragment.map(|f| self.anchor_line(f));
        match line {
            Some(Some(line)) => self.scroll_to(line),
            _ if other => self.reading.scroll = 0,
            _ => {}
        }
        self.leave(stop);
        !matches!(line, Some(None))
    }

    /// The line of the heading with id `fragment` in the shown article: its
    /// given id (`{#install}`) or the one made from its text, compared
    /// without case.
    fn anchor_line(&mut self, fragment: &str) -> Option<usize> {
        let layout = self.layout()?;
        let wanted = fragment.trim().to_lowercase();
        let slug = crate::layout::slug(&wanted);
        let find = |key: &str| layout.anchors.iter().find(|(id, _)| id.to_lowercase() == key);
        find(&wanted).or_else(|| find(&slug)).map(|&(_, line)| line)
    }

    /// Opens link `n` in the browser, even when it was saved (the key in
    /// the link list that skips the saved copy).
    pub(super) fn browse(&mut self, n: usize) -> Option<Effect> {
        let url = self
            .reading
            .shown
            .and_then(|i| self.library.links(i).get(n.wrapping_sub(1)))
            .map(|l| l.url.clone())?;
        self.hand_to_browser(n, url)
    }

    /// The first key of an action in the popups, as the help writes it.
    fn popup_key(&self, action: &Action) -> Option<String> {
        self.keymap
            .bindings()
            .iter()
            .find(|b| b.context == Context::Popup && &b.action == action)
            .and_then(|b| b.keys.first())
            .map(|k| k.label())
    }
}
