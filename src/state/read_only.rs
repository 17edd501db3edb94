//! The state for commands that only read it (`kiosk list`): nothing is
//! moved aside, locked or written.

use std::path::Path;

use super::disk::{self, OnDisk};
use super::State;

impl State {
    /// The state file `dir/state.json` as it is, never to be written; a
    /// file that cannot be read gives an empty state and says why.
    pub fn read_only(dir: &Path) -> (State, Option<String>) {
        let path = dir.join("state.json");
        let mut state = State::in_memory();
        let message = match disk::read(&path) {
            OnDisk::Missing => None,
            OnDisk::Read(entries) | OnDisk::Newer(_, entries) => {
                state.entries = entries;
                None
            }
            OnDisk::Damaged(why) | OnDisk::Unreadable(why) => Some(format!(
                "cannot read {}: {why}; no article counts as read",
                path.display()
            )),
        };
        (state, message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_damaged_file_is_left_where_it_is() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("state.json");
        std::fs::write(&file, "{ not json").unwrap();
        let (state, message) = State::read_only(dir.path());
        assert!(message.unwrap().contains("cannot read"));
        assert!(!state.starred("a"));
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "{ not json");
        assert!(!dir.path().join("state.json.corrupt").exists());
    }
}
