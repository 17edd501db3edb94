//! Unread bookkeeping: `A` marks every article shown as read, `U` takes
//! that back, and the status bar's count of unread articles among those
//! shown (made again only when the list or the state changed).

use super::App;
use crate::state::ReadState;
use crate::tui::action::{Action, Effect};

/// What the unread count was made from: the state's revision, the query's
/// generation, whether its text search was still running, the list's length.
pub(super) type CountKey = (u64, u64, bool, usize);

/// Read marks as they were before `A`: (article id, read mark).
pub(super) type Undo = Vec<(String, Option<String>)>;

impl App {
    /// `A`: every article shown becomes read; `U` undoes it.
    pub(super) fn mark_all_read(&mut self) -> Option<Effect> {
        let unread: Vec<usize> = self
            .list
            .visible
            .iter()
            .copied()
            .filter(|&i| self.read_state(i) != ReadState::Read)
            .collect();
        if unread.is_empty() {
            self.message = Some("every article shown is read".into());
            return None;
        }
        let mut undo = Undo::with_capacity(unread.len());
        for &i in &unread {
            let (id, hash) = (self.library.articles()[i].id.as_str(), self.library.content_hash(i));
            undo.push((id.to_string(), self.state.read_mark(id)));
            self.state.set_read(id, hash, true);
        }
        self.undo = Some(undo);
        let key = self.keymap.key_for(&Action::UndoMarkAll);
        self.message = Some(match key {
            Some(key) => format!("marked {} read ({key} undoes)", unread.len()),
            None => format!("marked {} read", unread.len()),
        });
        self.refresh();
        Some(Effect::SaveState)
    }

    /// `U`: the read marks as they were before the last `A`.
    pub(super) fn undo_mark_all(&mut self) -> Option<Effect> {
        let Some(undo) = self.undo.take() else {
            self.message = Some("nothing to undo".into());
            return None;
        };
        for (id, mark) in &undo {
            self.state.restore_read_mark(id, mark.clone());
        }
        self.message = Some(format!("{} unread again", undo.len()));
        self.refresh();
        Some(Effect::SaveState)
    }

    /// Unread articles among those shown, as [`App::prepare`] counted them.
    pub fn unread_shown(&self) -> usize {
        self.unread_count.map_or(0, |(_, n)| n)
    }

    /// Counts the unread articles shown, when the list or the state changed
    /// since the last count.
    pub(super) fn count_unread(&mut self) {
        let key: CountKey = (
            self.state.revision(),
            self.search_generation,
            self.searching_text(),
            self.list.visible.len(),
        );
        if self.unread_count.is_some_and(|(k, _)| k == key) {
            return;
        }
        let n = self
            .list
            .visible
            .iter()
            .filter(|&&i| self.read_state(i) != ReadState::Read)
            .count();
        self.unread_count = Some((key, n));
    }
}
