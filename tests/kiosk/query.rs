//! The query language (`kiosk list --search`, `--view`, and `/` in the
//! reader): exact selections over the bundled articles and the real sites,
//! mistakes as usage errors, and the parser's properties.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use kiosk::library::{Kind, Search};
use kiosk::state::State;
use kiosk::Library;
use proptest::prelude::*;

use crate::common::stdout;

/// `../shared/realworld/NAME` beside the crate, or beside a folder above it.
fn realworld(name: &str) -> String {
    let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = crate_dir
        .ancestors()
        .skip(1)
        .map(|up| up.join("shared/realworld"))
        .find(|p| p.is_dir())
        .expect("shared/realworld");
    dir.join(name).display().to_string()
}

/// Runs kiosk with a state folder and a config folder of its own.
fn run(args: &[&str], state: &Path, config: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kiosk"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("XDG_CONFIG_HOME", config)
        .env("XDG_CACHE_HOME", "/nonexistent/kiosk-tests")
        .env("XDG_STATE_HOME", state)
        .output()
        .expect("run kiosk")
}

struct Home {
    _tmp: tempfile::TempDir,
    state: PathBuf,
    config: PathBuf,
}

/// A home whose state has 000 read and 002 starred, and whose config has views.
fn home() -> Home {
    let tmp = tempfile::tempdir().unwrap();
    let (state, config) = (tmp.path().join("state"), tmp.path().join("config"));
    std::fs::create_dir_all(config.join("kiosk")).unwrap();
    std::fs::write(
        config.join("kiosk/config.toml"),
        "[views]\npolitics = \"tag:Staat lang:de is:unread\"\nchina = '\"in China\" -oracle'\n",
    )
    .unwrap();
    let lib = Library::load(Path::new(env!("CARGO_MANIFEST_DIR")).join("articles")).unwrap();
    let (mut marks, _) = State::open(&state.join("kiosk"));
    for (id, read, star) in [
        ("000_f9bd4a49aeb422e6", true, false),
        ("002_febce40671cb284b", false, true),
    ] {
        let i = lib.find(id).unwrap();
        marks.set_read(id, lib.articles()[i].hash, read);
        marks.set_starred(id, star);
    }
    marks.save().unwrap();
    Home {
        _tmp: tmp,
        state,
        config,
    }
}

/// The ids `kiosk list` prints (the last column).
fn ids(out: &Output) -> Vec<String> {
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    stdout(out)
        .lines()
        .map(|l| l.rsplit("  ").next().unwrap()[..3].to_string())
        .collect()
}

fn count(out: &Output) -> usize {
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    stdout(out).lines().count()
}

#[test]
fn every_kind_of_term_selects_exactly_over_the_bundled_articles() {
    let h = home();
    let list = |q: &str| ids(&run(&["list", "--search", q], &h.state, &h.config));
    assert_eq!(list("lang:de tag:Staat"), ["000"]);
    assert_eq!(list("site:theintercept.com"), ["003", "000"]);
    assert_eq!(list("site:https://www.TheIntercept.com/x"), ["003", "000"]);
    assert_eq!(list("-oracle"), ["003", "000"]);
    assert_eq!(list("oracle"), ["001", "004", "002"]);
    assert_eq!(list("tiktok -oracle -tag:Staat"), ["003"]);
    assert_eq!(list("\"Daten   von TikTok\""), ["000"]);
    assert_eq!(list("\"daten tiktok\""), Vec::<String>::new());
    // Undated articles by their file's day: the checkout's, after 2020.
    assert_eq!(list("is:unread"), ["001", "004", "002", "003"]);
    assert_eq!(list("is:read"), ["000"]);
    assert_eq!(list("is:starred"), ["002"]);
    assert_eq!(list("-is:starred -is:read lang:de"), ["001", "004"]);
    assert_eq!(list("after:2020-08-24"), ["003", "000"]);
    assert_eq!(list("after:2020-08-25"), Vec::<String>::new());
    assert_eq!(list("before:2020-08-24"), Vec::<String>::new());
    assert_eq!(list("-before:2020-08"), ["001", "004", "002", "003", "000"]);
    assert_eq!(list("section:/"), ["001", "004", "002", "003", "000"]);
    assert_eq!(list("section:nowhere"), Vec::<String>::new());
    // With the other filters: all must hold.
    let out = run(
        &["list", "--lang", "de", "--search", "tiktok -oracle"],
        &h.state,
        &h.config,
    );
    assert_eq!(ids(&out), ["000"]);
}

#[test]
fn saved_views_list_and_combine_with_search() {
    let h = home();
    let list = |args: &[&str]| run(args, &h.state, &h.config);
    assert_eq!(ids(&list(&["list", "--view", "china"])), ["003", "000"]);
    // 000 is read: the unread politics view is empty until it is unread.
    assert_eq!(ids(&list(&["list", "--view", "politics"])), Vec::<String>::new());
    assert_eq!(
        ids(&list(&["list", "--view", "china", "--search", "-is:read"])),
        ["003"]
    );
    let unknown = list(&["list", "--view", "sport"]);
    assert_eq!(unknown.status.code(), Some(2));
    let err = String::from_utf8_lossy(&unknown.stderr);
    assert!(
        err.starts_with("error: --view: no view \"sport\"; the views are china, politics"),
        "{err}"
    );
    // A view that is not a query is a mistake of the config, for every command.
    let config = h.config.parent().unwrap().join("broken");
    std::fs::create_dir_all(config.join("kiosk")).unwrap();
    std::fs::write(
        config.join("kiosk/config.toml"),
        "[views]\nok = \"a\"\nbroken = 'tag:'\n",
    )
    .unwrap();
    for args in [&["list", "--view", "ok"][..], &["list"]] {
        let broken = run(args, &h.state, &config);
        assert_eq!(broken.status.code(), Some(1));
        let err = String::from_utf8_lossy(&broken.stderr);
        assert!(
            err.contains("config.toml: line 3: views.broken: \"tag:\" needs a value"),
            "{err}"
        );
    }
}

#[test]
fn a_malformed_query_is_a_usage_error_that_says_what_is_wrong() {
    let h = home();
    for (q, want) in [
        (
            "\"exact phr",
            "error: --search: \"exact phr needs a closing quote (at character 1)",
        ),
        ("tga:Politik", "error: --search: unknown filter \"tga:\""),
        (
            "before:yesterday",
            "error: --search: \"before:\" takes a date as YYYY-MM-DD",
        ),
        (
            "is:new",
            "error: --search: \"is:\" takes unread, read or starred, not \"new\"",
        ),
        ("oracle -", "error: --search: a lone \"-\""),
        ("\"\x1b[31m", "error: --search: \""),
    ] {
        let out = run(&["list", "--search", q], &h.state, &h.config);
        assert_eq!(out.status.code(), Some(2), "{q:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!err.contains('\x1b'), "{err:?}");
        assert!(err.starts_with(want), "{q:?}: {err}");
        assert!(err.contains("Usage: kiosk list"), "{err}");
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn the_real_sites_select_what_their_files_say() {
    let h = home();
    let n = |site: &str, q: &str| {
        count(&run(
            &["list", &realworld(site), "--search", q, "--no-cache"],
            &h.state,
            &h.config,
        ))
    };
    // Counted with grep over the front matter and the text.
    assert_eq!(n("congo", "lang:de tag:Beispiele"), 7);
    assert_eq!(n("congo", "lang:de -tag:Beispiele"), 3);
    assert_eq!(n("congo", "tag:mermaid lang:ja"), 2);
    assert_eq!(n("glossary", "site:cncf.io lang:de"), 3);
    assert_eq!(n("glossary", "section:content/de"), 23);
    assert_eq!(n("glossary", "tag:概念"), 38);
    assert_eq!(n("jekyll", "tag:release after:2020 before:2021"), 5);
    assert_eq!(n("jekyll", "\"security fix\""), 2);
    assert_eq!(n("zola", "section:docs/content/documentation/deployment"), 16);
    assert_eq!(n("zola", "lang:zh"), 4);
}

/// Text made of the pieces queries are made of, to reach every branch.
fn query_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("tag:".to_string()),
        Just("lang:".to_string()),
        Just("is:".to_string()),
        Just("before:".to_string()),
        Just("after:2020-".to_string()),
        Just("site:".to_string()),
        Just("section:".to_string()),
        Just("-".to_string()),
        Just("\"".to_string()),
        Just("\\".to_string()),
        Just(" ".to_string()),
        Just("unread".to_string()),
        Just("2021-01-01".to_string()),
        "[a-zA-Zß:é0-9\\-]{0,6}",
        any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..12).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn parsing_never_panics_and_reads_back_what_it_prints(text in query_text()) {
        if let Ok(search) = Search::parse(&text) {
            let printed = search.to_string();
            prop_assert_eq!(Search::parse(&printed), Ok(search.clone()), "{:?} printed as {:?}", text, printed);
            let _ = search.describe();
        }
    }

    #[test]
    fn any_text_parses_or_says_where(text in any::<String>()) {
        match Search::parse(&text) {
            Ok(search) => prop_assert_eq!(Search::parse(&search.to_string()), Ok(search)),
            Err(e) => prop_assert!(e.column >= 1 && e.column <= text.chars().count() + 1, "{:?}", e),
        }
    }

    #[test]
    fn words_of_any_characters_round_trip(words in prop::collection::vec("[^\\s\"-][^\\s]{0,8}", 0..6)) {
        // Words that are not filters come back as words.
        let text = words.join(" ");
        if let Ok(search) = Search::parse(&text) {
            for t in &search.terms {
                if let Kind::Word(w) = &t.kind {
                    prop_assert!(words.contains(w));
                }
            }
            prop_assert_eq!(Search::parse(&search.to_string()), Ok(search));
        }
    }
}
