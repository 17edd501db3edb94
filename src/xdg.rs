//! The XDG base folders (state, cache, configuration).

use std::ffi::OsString;
use std::path::PathBuf;

/// The base folder named by the environment variable `var` when it holds an
/// absolute path, else `$HOME/under_home`. An empty or relative value is
/// ignored, as the XDG Base Directory Specification requires: a relative
/// one would put kiosk's files wherever it happens to be started.
pub fn base_dir(var: &str, under_home: &str) -> Option<PathBuf> {
    base_from(std::env::var_os(var), std::env::var_os("HOME"), under_home)
}

/// [`base_dir`] from the variable's value and `$HOME`'s.
fn base_from(value: Option<OsString>, home: Option<OsString>, under_home: &str) -> Option<PathBuf> {
    value
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| home.map(|h| PathBuf::from(h).join(under_home)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_an_absolute_value_is_taken() {
        let home = || Some(OsString::from("/home/u"));
        let base = |v: &str| base_from(Some(v.into()), home(), ".local/state");
        assert_eq!(base("/var/x"), Some(PathBuf::from("/var/x")));
        assert_eq!(base("rel/x"), Some(PathBuf::from("/home/u/.local/state")));
        assert_eq!(base("./x"), Some(PathBuf::from("/home/u/.local/state")));
        assert_eq!(base(""), Some(PathBuf::from("/home/u/.local/state")));
        assert_eq!(base_from(None, home(), ".cache"), Some(PathBuf::from("/home/u/.cache")));
        assert_eq!(base_from(Some("x".into()), None, ".cache"), None);
    }
}
