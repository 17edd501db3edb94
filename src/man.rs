//! `kiosk man`: the manual page. clap gives the name, synopsis, options and
//! version; kiosk adds its commands, keys (from the keymap, the one table),
//! files, environment, exit status and examples. Only one page is made, so
//! it names no `kiosk-list(1)`-style pages.

use std::fmt::Write as _;

use clap::CommandFactory;
use kiosk::tui::keymap::{Context, Keymap};

use crate::cli::Cli;

/// Text made safe for roff: backslashes and hyphens escaped, and a line
/// never starting with a control character.
fn roff(text: &str) -> String {
    let escaped = text.replace('\\', "\\e").replace('-', "\\-");
    match escaped.chars().next() {
        Some('.' | '\'') => format!("\\&{escaped}"),
        _ => escaped,
    }
}

/// A section of tagged paragraphs.
fn tagged(out: &mut String, title: &str, rows: &[(String, String)]) {
    let _ = writeln!(out, ".SH {title}");
    for (tag, text) in rows {
        let _ = writeln!(out, ".TP\n\\fB{}\\fR\n{}", roff(tag), roff(text));
    }
}

fn rows(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
}

/// The sections kiosk adds, after clap's options.
pub fn sections(keymap: &Keymap) -> String {
    let mut out = String::new();
    let cli = Cli::command();
    let commands: Vec<(String, String)> = cli
        .get_subcommands()
        .filter(|c| c.get_name() != "help")
        .map(|c| {
            let about = c.get_about().map(|a| a.to_string()).unwrap_or_default();
            (format!("kiosk {}", c.get_name()), about)
        })
        .collect();
    tagged(&mut out, "COMMANDS", &commands);
    out.push_str(".PP\n`kiosk COMMAND \\-\\-help` shows the options of each command.\n");
    for (context, title) in [(Context::Main, "KEYS"), (Context::Popup, "KEYS IN LISTS AND POPUPS")] {
        let keys: Vec<(String, String)> = keymap
            .help_rows()
            .into_iter()
            .filter(|(_, _, c)| *c == context)
            .map(|(keys, help, _)| (keys, help.to_string()))
            .collect();
        tagged(&mut out, title, &keys);
    }
    out.push_str(".PP\nKeys can be remapped in the configuration's [keys] table.\n");
    tagged(
        &mut out,
        "FILES",
        &rows(&[
            ("$XDG_CONFIG_HOME/kiosk/config.toml", "The configuration (default ~/.config/kiosk/config.toml; --config FILE names another)."),
            ("$XDG_CONFIG_HOME/kiosk/feeds.opml, urls", "Subscriptions read by kiosk fetch (OPML, or newsboat's urls format)."),
            ("$XDG_STATE_HOME/kiosk/state.json", "Read marks and stars (default ~/.local/state/kiosk/), keyed by the article's path in its folder."),
            ("$XDG_STATE_HOME/kiosk/ingest.json", "What kiosk add and kiosk fetch wrote, so that a file you edited is never written over."),
            ("$XDG_CACHE_HOME/kiosk/", "The index of each folder read (default ~/.cache/kiosk/); always safe to delete."),
            ("$XDG_DATA_HOME/kiosk/articles/", "The sample articles, written there from the binary when no folder is named and there is no ./articles (default ~/.local/share/kiosk/articles/)."),
        ]),
    );
    tagged(
        &mut out,
        "ENVIRONMENT",
        &rows(&[
            ("BROWSER", "The program that opens links (its first :-separated entry, split into words as a shell would; %s is the URL). The configuration's browser wins over it."),
            ("NO_COLOR", "When set and not empty: no colour in the reader or in any output."),
            ("XDG_CONFIG_HOME, XDG_STATE_HOME, XDG_CACHE_HOME, XDG_DATA_HOME", "Where the files above live; a relative value is ignored."),
            ("VISUAL, EDITOR", "The editor that opens an article's file from the reader."),
            ("HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY", "Proxies for kiosk add and kiosk fetch."),
            ("TMUX, STY, DISPLAY, WAYLAND_DISPLAY", "How copying reaches the clipboard: OSC 52 wrapped for tmux or screen, and wl-copy, xclip or xsel when there is a display."),
        ]),
    );
    tagged(
        &mut out,
        "EXIT STATUS",
        &rows(&[
            ("0", "Success."),
            ("1", "A runtime error: a missing folder, an unknown article, a page that could not be saved; for kiosk check, at least one error found."),
            ("2", "A usage error: an unknown option or a missing argument."),
        ]),
    );
    out.push_str(".SH EXAMPLES\n");
    for (what, example) in [
        ("Read the articles in a folder:", "kiosk ~/articles"),
        (
            "German articles tagged Politik, as JSON Lines:",
            "kiosk list ~/articles \\-\\-lang de \\-\\-tag Politik \\-\\-json",
        ),
        (
            "An article as the reading pane shows it, 72 columns wide:",
            "kiosk show 000 \\-\\-width 72",
        ),
        ("Every source the articles cite, by domain:", "kiosk sources ~/articles"),
        (
            "Save a web page to read later:",
            "kiosk add https://example.org/story \\-\\-dir ~/articles",
        ),
        ("This page:", "kiosk man | man \\-l \\-"),
    ] {
        let _ = writeln!(out, ".PP\n{}\n.RS\n.nf\n{example}\n.fi\n.RE", roff(what));
    }
    out
}

/// The whole page.
pub fn page(keymap: &Keymap) -> std::io::Result<String> {
    let man = clap_mangen::Man::new(Cli::command());
    let mut out = Vec::new();
    man.render_title(&mut out)?;
    man.render_name_section(&mut out)?;
    man.render_synopsis_section(&mut out)?;
    man.render_description_section(&mut out)?;
    man.render_options_section(&mut out)?;
    let mut text = String::from_utf8_lossy(&out).into_owned();
    text.push_str(&sections(keymap));
    let mut out = Vec::new();
    man.render_version_section(&mut out)?;
    text.push_str(&String::from_utf8_lossy(&out));
    Ok(text)
}
