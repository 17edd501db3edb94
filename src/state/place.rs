//! Where reading stopped in each article, and read marks taken back: the
//! parts of the state that the reading flow and "mark all read" use.

use serde::{Deserialize, Serialize};

use super::State;

/// A reading place that holds at any width: the body block at the top of
/// the reading pane and how far into it, in thousandths (see
/// [`crate::layout::Layout::anchor`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Place {
    /// The body block (1-based; 0 is the article's header).
    pub block: u32,
    /// How far into the block, 0 to 1000.
    pub permille: u16,
}

impl Place {
    /// The place of a layout anchor (block, share 0.0 to 1.0).
    pub fn from_anchor((block, share): (usize, f64)) -> Place {
        Place {
            block: u32::try_from(block).unwrap_or(u32::MAX),
            permille: (share.clamp(0.0, 1.0) * 1000.0).round() as u16,
        }
    }

    /// The layout anchor of this place.
    pub fn anchor(self) -> (usize, f64) {
        (self.block as usize, f64::from(self.permille.min(1000)) / 1000.0)
    }
}

impl State {
    /// Where reading of an article stopped; `None`: open it at the top.
    pub fn place(&self, id: &str) -> Option<Place> {
        self.entries.get(id).and_then(|e| e.place)
    }

    /// Remembers where reading stopped (`None`: at the top, or finished).
    /// Nothing changes, and nothing is to be saved, when it is the place
    /// already remembered. True when it changed.
    pub fn set_place(&mut self, id: &str, place: Option<Place>) -> bool {
        if self.place(id) == place {
            return false;
        }
        self.change(id, |e| e.place = place);
        true
    }

    /// The read mark of an article as stored (the content hash it was read
    /// at), to put back later with [`State::restore_read_mark`].
    pub fn read_mark(&self, id: &str) -> Option<String> {
        self.entries.get(id).and_then(|e| e.read.clone())
    }

    /// Puts back a read mark taken with [`State::read_mark`] (undo).
    pub fn restore_read_mark(&mut self, id: &str, mark: Option<String>) {
        if self.read_mark(id) != mark {
            self.change(id, |e| e.read = mark);
        }
    }

    /// Counts the changes made to the state, so that what is derived from
    /// it (unread counts) can tell when to be made again.
    pub fn revision(&self) -> u64 {
        self.revision
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_are_kept_across_a_save_and_only_changes_count() {
        let dir = tempfile::tempdir().unwrap();
        let (mut state, _) = State::open(dir.path());
        let place = Place::from_anchor((7, 0.4567));
        assert_eq!(
            place,
            Place {
                block: 7,
                permille: 457
            }
        );
        assert!(state.set_place("a", Some(place)));
        assert!(!state.set_place("a", Some(place)), "the same place is no change");
        state.set_read("a", 1, true);
        state.save().unwrap();
        let (again, message) = State::open(dir.path());
        assert_eq!(message, None);
        assert_eq!(again.place("a"), Some(place));
        assert_eq!(again.read_state("a", 1), crate::state::ReadState::Read);
        assert_eq!(again.place("b"), None);
        let text = std::fs::read_to_string(dir.path().join("state.json")).unwrap();
        assert!(text.contains("\"place\""), "{text}");
        assert!((place.anchor().1 - 0.457).abs() < 1e-9);
    }

    #[test]
    fn a_read_mark_taken_can_be_put_back() {
        let mut state = State::in_memory();
        state.set_read("a", 1, true);
        let before = (state.read_mark("a"), state.read_mark("b"));
        let revision = state.revision();
        state.set_read("a", 2, true);
        state.set_read("b", 2, true);
        assert!(state.revision() > revision);
        state.restore_read_mark("a", before.0);
        state.restore_read_mark("b", before.1);
        assert_eq!(state.read_state("a", 1), crate::state::ReadState::Read);
        assert_eq!(state.read_state("b", 2), crate::state::ReadState::Unread);
    }
}
