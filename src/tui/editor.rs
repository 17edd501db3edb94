//! Editing an article's file (`e`): the terminal is given to `$VISUAL` (else
//! `$EDITOR`, else `vi`) and taken back when it exits.
//!
//! The command is split into words as a shell would split it, quotes
//! included, but no shell runs it; the file is its last argument. While the
//! editor runs, the input thread is parked (see [`super::input::InputGate`]) so that it
//! reads none of the keys meant for the editor.

use std::path::Path;

/// The editor when neither `$VISUAL` nor `$EDITOR` names one.
pub const DEFAULT_EDITOR: &str = "vi";

/// The program and arguments that edit `path`, from the value of `$VISUAL`
/// or `$EDITOR` (`None` or blank: [`DEFAULT_EDITOR`]); an error says what
/// is wrong with the command.
pub fn editor_command(editor: Option<&str>, path: &Path) -> Result<(String, Vec<String>), String> {
    let editor = editor.filter(|e| !e.trim().is_empty()).unwrap_or(DEFAULT_EDITOR);
    let words = shell_words::split(editor).map_err(|e| format!("cannot read the editor command {editor:?}: {e}"))?;
    let mut words = words.into_iter();
    let program = words
        .next()
        .filter(|p| !p.is_empty())
        .ok_or_else(|| format!("the editor command {editor:?} names no program"))?;
    let mut args: Vec<String> = words.collect();
    args.push(path.to_string_lossy().into_owned());
    Ok((program, args))
}

/// The editor the environment names: `$VISUAL`, else `$EDITOR`.
pub fn from_env() -> Option<String> {
    ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(|v| std::env::var(v).ok())
        .find(|e| !e.trim().is_empty())
}

/// Runs the editor on `path` with the terminal (the caller has given it
/// back) and waits for it; an error is a message for the status bar.
pub fn run(editor: Option<&str>, path: &Path) -> Result<(), String> {
    let (program, args) = editor_command(editor, path)?;
    let status = std::process::Command::new(&program)
        .args(&args)
        .status()
        .map_err(|e| format!("cannot start the editor {program:?}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("the editor {program:?} failed ({status})"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_is_split_as_a_shell_would_without_one() {
        let path = Path::new("/a b/c.md");
        let cmd = |e| editor_command(e, path);
        assert_eq!(cmd(None), Ok(("vi".into(), vec!["/a b/c.md".into()])));
        assert_eq!(cmd(Some("  ")), Ok(("vi".into(), vec!["/a b/c.md".into()])));
        assert_eq!(
            cmd(Some("'/opt/My Editor/ed' -w --flag=\"x y\"")),
            Ok((
                "/opt/My Editor/ed".into(),
                vec!["-w".into(), "--flag=x y".into(), "/a b/c.md".into()]
            ))
        );
        // `;` is a word, not a command separator.
        assert_eq!(
            cmd(Some("vim; rm -rf x")),
            Ok((
                "vim;".into(),
                vec!["rm".into(), "-rf".into(), "x".into(), "/a b/c.md".into()]
            ))
        );
        assert!(cmd(Some("vim 'open"))
            .unwrap_err()
            .contains("cannot read the editor command"));
    }
}
