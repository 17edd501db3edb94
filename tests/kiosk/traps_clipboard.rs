//! Issue 18 item 8 (and issue 22 item 8's `Y`): a copy lands, and the
//! status bar says how.

use std::path::PathBuf;

use kiosk::tui::action::{Action, Effect};
use kiosk::tui::app::App;
use kiosk::tui::clipboard::{osc52, plan, report, run, Multiplexer};

use crate::common::seeds;

fn app(w: u16, h: u16) -> App {
    App::new(seeds(), (w, h), false)
}

fn run_actions(app: &mut App, actions: &[Action]) -> Vec<Effect> {
    actions.iter().filter_map(|a| app.update(a.clone())).collect()
}

fn env<'a>(vars: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
    move |name| vars.iter().find(|(k, _)| *k == name).map(|(_, v)| v.to_string())
}

fn found<'a>(tools: &'a [&'a str]) -> impl Fn(&str) -> Option<PathBuf> + 'a {
    move |name| tools.contains(&name).then(|| PathBuf::from("/usr/bin").join(name))
}

fn names(vars: &[(&str, &str)], tools: &[&str], macos: bool) -> Vec<&'static str> {
    plan("x", &env(vars), &found(tools), macos)
        .tools
        .iter()
        .map(|t| t.name)
        .collect()
}

#[test]
fn item_8_osc52_bytes_for_the_terminal_tmux_and_screen() {
    // "https://e.org" in base64 is "aHR0cHM6Ly9lLm9yZw==".
    let url = "https://e.org";
    assert_eq!(osc52(url, Multiplexer::None), "\x1b]52;c;aHR0cHM6Ly9lLm9yZw==\x07");
    assert_eq!(
        osc52(url, Multiplexer::Tmux),
        "\x1bPtmux;\x1b\x1b]52;c;aHR0cHM6Ly9lLm9yZw==\x07\x1b\\"
    );
    assert_eq!(
        osc52(url, Multiplexer::Screen),
        "\x1bP\x1b]52;c;aHR0cHM6Ly9lLm9yZw==\x07\x1b\\"
    );
    // screen takes at most 768 bytes a string: 76 bytes of payload each.
    let long = "é".repeat(100); // 200 bytes, 268 of base64
    let wrapped = osc52(&long, Multiplexer::Screen);
    let payloads: Vec<&str> = wrapped.split("\x1bP").filter(|p| !p.is_empty()).collect();
    assert_eq!(payloads.len(), 4, "{wrapped:?}");
    assert!(payloads.iter().all(|p| p.len() <= 76 + 12), "{payloads:?}");
    let joined: String = wrapped
        .replace("\x1bP", "")
        .replace("\x1b\\", "")
        .replace("\x1b]52;c;", "")
        .replace('\x07', "");
    use base64::Engine;
    let back = base64::engine::general_purpose::STANDARD.decode(joined).unwrap();
    assert_eq!(String::from_utf8(back).unwrap(), long);
}

#[test]
fn item_8_the_multiplexer_and_the_clipboard_program_are_chosen_from_the_environment() {
    let p = |vars: &[(&str, &str)]| plan("x", &env(vars), &found(&[]), false).mux;
    assert_eq!(p(&[("TMUX", "/tmp/tmux-0/default,1,0")]), Multiplexer::Tmux);
    assert_eq!(p(&[("TERM", "tmux-256color")]), Multiplexer::Tmux, "over SSH from tmux");
    assert_eq!(p(&[("STY", "1.pts-0.host")]), Multiplexer::Screen);
    assert_eq!(p(&[("TMUX", ""), ("TERM", "xterm")]), Multiplexer::None);
    assert_eq!(p(&[]), Multiplexer::None);

    let all = ["wl-copy", "xclip", "xsel", "pbcopy", "tmux"];
    assert_eq!(
        names(&[("WAYLAND_DISPLAY", "wayland-0"), ("DISPLAY", ":0")], &all, false),
        ["wl-copy"]
    );
    assert_eq!(names(&[("DISPLAY", ":0")], &all, false), ["xclip"]);
    assert_eq!(names(&[("DISPLAY", ":0")], &["xsel"], false), ["xsel"]);
    assert_eq!(
        names(&[("WAYLAND_DISPLAY", "w")], &["xclip"], false),
        Vec::<&str>::new()
    );
    assert_eq!(
        names(&[], &all, false),
        Vec::<&str>::new(),
        "no display, no system clipboard"
    );
    assert_eq!(names(&[], &all, true), ["pbcopy"]);
    assert_eq!(
        names(&[("DISPLAY", ":0"), ("TMUX", "/t,1,0")], &all, false),
        ["xclip", "tmux buffer"]
    );
    assert_eq!(names(&[("TMUX", "/t,1,0")], &["xclip"], false), Vec::<&str>::new());
    let tmux = plan("x", &env(&[("TMUX", "/t,1,0")]), &found(&all), false);
    assert_eq!(tmux.tools[0].args, ["load-buffer", "-w", "-"]);
    assert_eq!(tmux.osc52, osc52("x", Multiplexer::Tmux));
}

#[test]
fn item_8_the_status_bar_says_which_way_worked() {
    assert_eq!(
        report("copied [3] u", Multiplexer::None, &["xclip"], &[]),
        "copied [3] u (xclip)"
    );
    assert_eq!(
        report("copied u", Multiplexer::Tmux, &["xclip", "tmux buffer"], &[]),
        "copied u (xclip, tmux buffer)"
    );
    assert_eq!(
        report("copied u", Multiplexer::Tmux, &[], &["tmux buffer"]),
        "copied u (OSC 52 through tmux only: tmux buffer failed)"
    );
    assert_eq!(
        report("copied u", Multiplexer::None, &[], &[]),
        "copied u (OSC 52; no clipboard program found, the terminal must allow it)"
    );
}

#[test]
fn item_8_a_clipboard_program_gets_the_text_and_its_failure_is_told() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("clip.txt");
    let script = |name: &str, body: String| {
        let path = dir.path().join(name);
        std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
        std::process::Command::new("chmod")
            .arg("+x")
            .arg(&path)
            .status()
            .unwrap();
    };
    script("xclip", format!("cat > '{}'", out.display()));
    script("tmux", "exit 1".into());
    let path = dir.path().as_os_str().to_owned();
    let find = |name: &str| kiosk::tui::clipboard::find_on_path(&path, name);
    let vars = [("DISPLAY", ":0"), ("TMUX", "/t,1,0")];
    let text = "https://e.org/ä?b=1";
    let p = plan(text, &env(&vars), &find, false);
    assert_eq!(run(&p, text, "copied"), "copied (xclip)");
    assert_eq!(std::fs::read_to_string(&out).unwrap(), text);
    script("xclip", "exit 1".into());
    assert_eq!(
        run(&p, text, "copied"),
        "copied (OSC 52 through tmux only: xclip, tmux buffer failed)"
    );
}

#[test]
fn item_8_y_in_the_link_list_and_capital_y_copy() {
    let mut a = app(120, 35);
    run_actions(&mut a, &[Action::Down, Action::Confirm, Action::LinkList]);
    let url = a.library.links(a.reading.shown.unwrap())[0].url.clone();
    assert_eq!(run_actions(&mut a, &[Action::Copy]), [Effect::Copy(url.clone())]);
    assert_eq!(a.message.as_deref(), Some(format!("copied [1] {url}").as_str()));
    // Y (issue 22 item 8): the article's file, as an absolute path.
    run_actions(&mut a, &[Action::Back]);
    let [Effect::Copy(path)] = &run_actions(&mut a, &[Action::CopyPath])[..] else {
        panic!("Y copies");
    };
    let path = std::path::Path::new(path);
    assert!(path.is_absolute(), "{path:?}");
    assert!(path.ends_with("000_f9bd4a49aeb422e6.txt"), "{path:?}");
    assert!(path.is_file());
    let keys = kiosk::tui::keymap::Keymap::default();
    let y = crossterm::event::KeyEvent::new(
        crossterm::event::KeyCode::Char('Y'),
        crossterm::event::KeyModifiers::SHIFT,
    );
    assert_eq!(
        keys.resolve(kiosk::tui::keymap::Context::Main, &y),
        Some(Action::CopyPath)
    );
}
