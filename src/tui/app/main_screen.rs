//! The main screen's keys: the list and the reading pane, one column or
//! two (a popup's, the search line's and the find line's are theirs).

use super::{App, Overlay, Popup, Screen};
use crate::library::Query;
use crate::tui::action::{Action, Effect};

impl App {
    pub(super) fn main_update(&mut self, action: Action) -> Option<Effect> {
        let reader = self.mode.reading();
        let page = self.page_height().saturating_sub(2).max(1);
        match action {
            Action::Down if reader => self.scroll_to(self.reading.scroll + 1),
            Action::Up if reader => self.reading.scroll = self.reading.scroll.saturating_sub(1),
            Action::PageDown if reader && self.at_end() => return self.read_on(),
            Action::PageDown if reader => self.scroll_to(self.reading.scroll + page),
            Action::PageUp if reader => self.reading.scroll = self.reading.scroll.saturating_sub(page),
            Action::Top if reader => self.reading.scroll = 0,
            Action::Bottom if reader => {
                let end = self.scroll_total().saturating_sub(self.page_height());
                self.scroll_to(end);
            }
            Action::Down => self.select(self.list.selected + 1),
            Action::Up => self.select(self.list.selected.saturating_sub(1)),
            Action::PageDown => self.select(self.list.selected + self.list_height().max(2) - 1),
            Action::PageUp => self.select(self.list.selected.saturating_sub(self.list_height().max(2) - 1)),
            Action::Top => self.select(0),
            Action::Bottom => self.select(usize::MAX),
            Action::Confirm if !self.digits.is_empty() => {
                let n = self.digits.parse().unwrap_or(0);
                self.digits.clear();
                return self.open_link(n);
            }
            Action::Confirm if self.selected_article().is_some() && !reader => {
                if self.reading.shown != self.selected_article() {
                    self.reading.shown = self.selected_article();
                    self.arrive();
                }
                self.set_screen(Screen::Reading);
            }
            // Side by side is a way of reading: leaving it goes back to one column.
            Action::Back | Action::Quit if self.side_by_side() => self.leave_side_by_side(),
            Action::Back if reader && self.find_shown() => self.clear_find(),
            Action::Back if reader => self.back_to_list(),
            Action::SwitchPane => {
                if reader {
                    self.back_to_list();
                } else if self.reading.shown.is_some() {
                    self.set_screen(Screen::Reading);
                }
            }
            Action::Quit => {
                if reader {
                    self.back_to_list();
                } else {
                    return Some(Effect::Quit);
                }
            }
            Action::Digit(d) => return self.digit(d),
            Action::LinkList => match self.reading.shown {
                Some(i) if !self.library.links(i).is_empty() => self.open(Overlay::Popup(Popup::Links { selected: 0 })),
                Some(_) => self.message = Some("this article cites no links".into()),
                None => {}
            },
            Action::Help => self.open(Overlay::Popup(Popup::Help { scroll: 0 })),
            Action::Search if self.mode.screen == Screen::Reading => self.start_find(),
            Action::Search => {
                self.back_to_list();
                self.open(Overlay::Search);
            }
            Action::CycleLanguage => self.cycle_language(),
            Action::TagPicker => {
                let items = self.tag_items();
                if items.is_empty() {
                    self.message = Some("no article has tags".into());
                } else {
                    let chosen = self.query.tags.iter().cloned().collect();
                    self.open(Overlay::Popup(Popup::Tags {
                        items,
                        selected: 0,
                        chosen,
                    }));
                }
            }
            Action::Translation => self.switch_translation(),
            Action::Contents => self.open_contents(),
            Action::Sources => self.open_sources(),
            Action::SideBySide => self.choose_translation(),
            Action::Sort => return self.cycle_sort(),
            Action::Zoom => self.toggle_zoom(),
            Action::FolderPicker => self.open_folders(),
            Action::MarkRead => return self.toggle_read(reader),
            Action::NextUnread | Action::PrevUnread if self.find_active() => {
                self.find_step(action == Action::NextUnread)
            }
            Action::NextUnread | Action::PrevUnread => self.next_unread(action == Action::NextUnread),
            Action::NextArticle | Action::PrevArticle => self.step_article(action == Action::NextArticle),
            Action::MarkAllRead => return self.mark_all_read(),
            Action::UndoMarkAll => return self.undo_mark_all(),
            Action::UnreadOnly => {
                self.unread_only = !self.unread_only;
                self.only_toggled(self.unread_only, "unread only");
            }
            Action::StarredOnly => {
                self.starred_only = !self.starred_only;
                self.only_toggled(self.starred_only, "starred only");
            }
            Action::Star => return self.toggle_star(reader),
            Action::Views => self.open_views(),
            Action::CopyPath => return self.copy_path(reader),
            Action::Reload => {
                self.message = Some("reloading…".into());
                return Some(Effect::Reload);
            }
            Action::FetchFeeds => return self.fetch_feeds(),
            Action::GoBack => self.go_back(),
            Action::Footnote => self.footnote(),
            Action::ClearFilters => {
                self.unread_only = false;
                self.starred_only = false;
                self.section = None;
                self.query = Query {
                    drafts: self.query.drafts,
                    ..Query::default()
                };
                self.refresh();
                self.message = Some("filters cleared".into());
            }
            Action::Pipe => self.open_pipe(None),
            Action::Edit => return self.edit(),
            Action::Click(col, row) => self.click(col, row),
            Action::Wheel(down, col, row) => self.wheel(down, col, row),
            _ => {}
        }
        None
    }

    /// After an "only" filter was turned on or off: the list, and a message.
    fn only_toggled(&mut self, on: bool, what: &str) {
        self.refresh();
        self.message = Some(if on {
            what.to_string()
        } else {
            format!("{what}: off, all articles shown")
        });
    }
}
