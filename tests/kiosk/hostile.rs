//! Hostile input: bounded parsers, odd files, and text that must never
//! reach the terminal. Files are built on the fly.

use std::fs;
use std::path::Path;

use kiosk::document::{parse_markdown, parse_plain};
use kiosk::layout::layout;
use kiosk::load::{load_file, parse_article};
use kiosk::sanitize::{is_forbidden, sanitize, sanitize_line};
use kiosk::{Level, Library};
use proptest::prelude::*;

fn problems(text: &str) -> Vec<(Level, String)> {
    let (_, diags) = parse_article(Path::new("x.md"), text.as_bytes());
    diags.into_iter().map(|d| (d.level, d.message)).collect()
}

#[test]
fn billion_laughs_is_refused_before_expansion() {
    let mut yaml = String::from(
        "---\ntitle: laughs\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    let names = ["b", "c", "d", "e", "f", "g", "h", "i"];
    let mut prev = "a";
    for n in names {
        yaml.push_str(&format!(
            "{n}: &{n} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"
        ));
        prev = n;
    }
    yaml.push_str("---\nbody\n");
    let (article, diags) = parse_article(Path::new("x.md"), yaml.as_bytes());
    assert!(diags[0].message.contains("YAML aliases"), "{diags:?}");
    // The article is still listed, with the title recovered line by line.
    assert_eq!(article.unwrap().title, "laughs");
}

#[test]
fn many_aliases_to_one_anchor_are_refused() {
    let mut yaml = String::from("---\na: &a [1, 2, 3]\nb: [");
    yaml.push_str(&vec!["*a"; 10_000].join(", "));
    yaml.push_str("]\n---\nbody\n");
    assert!(problems(&yaml)[0].1.contains("YAML aliases"));
}

#[test]
fn deep_front_matter_nesting_is_refused() {
    let yaml = format!("---\na: {}{}\n---\nbody\n", "[".repeat(10_000), "]".repeat(10_000));
    assert!(problems(&yaml)[0].1.contains("nested deeper"), "{:?}", problems(&yaml));
    let toml = format!("+++\na = {}{}\n+++\nbody\n", "[".repeat(10_000), "]".repeat(10_000));
    // TOML's own parser bounds its recursion; either way no panic and a diagnostic.
    assert!(!problems(&toml).is_empty());
}

#[test]
fn oversized_front_matter_is_not_parsed() {
    let yaml = format!("---\ntitle: big\npad: \"{}\"\n---\nbody\n", "x".repeat(70 * 1024));
    let p = problems(&yaml);
    assert_eq!(p[0].0, Level::Error);
    assert!(p[0].1.contains("over the 64 KiB limit"), "{p:?}");
}

/// Laid out at width 60, every line fits and the marker word survives.
fn lays_out(body: &str, marker: &str) {
    for doc in [parse_markdown(body), parse_plain(body)] {
        let out = layout(&doc, 60);
        assert!(out.lines.iter().all(|l| l.width() <= 60));
        assert!(out.text_lines().iter().any(|l| l.contains(marker)), "{marker} lost");
    }
}

#[test]
fn hundred_thousand_nested_quotes_lists_and_brackets() {
    lays_out(&(">".repeat(100_000) + " deepquote"), "deepquote");
    lays_out(&("- ".repeat(100_000) + "deeplist"), "deeplist");
    lays_out(
        &("[".repeat(100_000) + "deepbracket" + &"]".repeat(100_000)),
        "deepbracket",
    );
    lays_out(&("*a ".repeat(50_000) + "emphasis"), "emphasis");
    let nested: String = (0..2_000).map(|i| format!("{}- level{i}\n", "  ".repeat(i))).collect();
    lays_out(&nested, "level0");
}

#[test]
fn a_ten_megabyte_line_and_huge_tables() {
    let line = "wort ".repeat(2_000_000) + "ende";
    assert!(line.len() >= 10_000_000);
    lays_out(&line, "ende");
    let wide = format!(
        "|{}\n|{}\n|{}\n",
        "h|".repeat(2_000),
        "-|".repeat(2_000),
        "cell|".repeat(2_000)
    );
    lays_out(&wide, "cell");
    let long = format!("|a|b|\n|-|-|\n{}|last|row|\n", "|x|y|\n".repeat(100_000));
    lays_out(&long, "last");
}

#[test]
fn files_over_the_cap_are_truncated_not_read_whole() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.txt");
    let mut text = String::from("Huge title\n");
    while text.len() <= 17 * 1024 * 1024 {
        text.push_str("A line of a very long article.\n");
    }
    fs::write(&path, &text).unwrap();
    let (article, diags) = load_file(dir.path(), &path);
    let article = article.unwrap();
    assert_eq!(article.title, "Huge title");
    assert!(article.body_or(|| kiosk::load::read_body(&article.source)).len() <= 16 * 1024 * 1024);
    assert_eq!(diags[0].message, "larger than 16 MiB; truncated");
}

#[test]
fn devices_sockets_fifos_and_odd_names_are_skipped_or_read() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::write(root.join("ok.md"), "# Fine\n").unwrap();
    std::os::unix::fs::symlink("/dev/zero", root.join("zero.md")).unwrap();
    std::os::unix::fs::symlink("/dev/null", root.join("null.txt")).unwrap();
    let _socket = std::os::unix::net::UnixListener::bind(root.join("sock.md")).unwrap();
    std::process::Command::new("mkfifo")
        .arg(root.join("fifo.txt"))
        .status()
        .unwrap();
    std::os::unix::fs::symlink(root.join("missing.md"), root.join("dangling.md")).unwrap();
    let odd_name = std::ffi::OsStr::from_bytes(b"caf\xe9 \x1b[31m.md");
    fs::write(root.join(odd_name), "---\ntitle: Odd name\n---\nText.\n").unwrap();
    // An hour old: files modified just now are never cached.
    let past = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    for name in [std::ffi::OsStr::new("ok.md"), odd_name] {
        let file = fs::File::options().write(true).open(root.join(name)).unwrap();
        file.set_modified(past).unwrap();
    }
    // Without an index (files read as the walk finds them), writing one, and
    // from it (the walk stats the files and the index is trusted for them).
    let cache = tempfile::tempdir().unwrap();
    let loads = [
        Library::load(root).unwrap(),
        Library::load_with(root, Some(cache.path())).unwrap(),
        Library::load_with(root, Some(cache.path())).unwrap(),
    ];
    assert_eq!(loads[2].from_index(), 2);
    for lib in &loads {
        let titles: Vec<&str> = lib.articles().iter().map(|a| a.title.as_str()).collect();
        assert_eq!(titles, ["Fine", "Odd name"]);
        let odd = lib.articles().iter().find(|a| a.title == "Odd name").unwrap();
        // The escape sequence in the name is removed whole, its payload too.
        assert_eq!(odd.id.as_str(), "caf\u{fffd} ");
        let messages: Vec<String> = lib.diagnostics().iter().map(|d| d.to_string()).collect();
        for name in ["zero.md", "null.txt", "sock.md", "fifo.txt"] {
            assert!(
                messages
                    .iter()
                    .any(|m| m.starts_with(&format!("{name}: warning: not a regular file"))),
                "{name}: {messages:?}"
            );
        }
        assert!(
            messages
                .iter()
                .any(|m| m.starts_with("dangling.md: warning: cannot read")),
            "{messages:?}"
        );
        assert!(messages
            .iter()
            .all(|m| !m.chars().any(|c| c != '\n' && is_forbidden(c))));
    }
}

#[test]
fn a_file_deleted_during_the_scan_is_a_diagnostic() {
    let dir = tempfile::tempdir().unwrap();
    let (article, diags) = load_file(dir.path(), &dir.path().join("gone.md"));
    assert!(article.is_none());
    assert_eq!(diags[0].level, Level::Error);
    assert!(
        diags[0].message.starts_with("cannot read: No such file"),
        "{}",
        diags[0].message
    );
}

#[test]
fn a_hundred_thousand_files_in_one_folder() {
    // In memory where the machine has a tmpfs: the test is about kiosk, not the disk.
    let shm = std::path::Path::new("/dev/shm");
    let dir = if shm.is_dir() {
        tempfile::tempdir_in(shm).unwrap()
    } else {
        tempfile::tempdir().unwrap()
    };
    for i in 0..100_000 {
        fs::write(
            dir.path().join(format!("{i:06}.txt")),
            format!("Title {i}\nBody {i}.\n"),
        )
        .unwrap();
    }
    let lib = Library::load(dir.path()).unwrap();
    assert_eq!(lib.articles().len(), 100_000);
    assert!(lib.diagnostics().is_empty());
    assert_eq!(
        lib.find("099999").map(|i| lib.articles()[i].title.clone()),
        Ok("Title 99999".into())
    );
}

/// Every class of terminal control sequence, and what must remain of it.
const SEQUENCES: &[(&str, &str, &str)] = &[
    ("OSC 0 title", "a\x1b]0;evil\x07b", "ab"),
    ("OSC 2 title, ST", "a\x1b]2;evil\x1b\\b", "ab"),
    ("OSC 52 clipboard", "a\x1b]52;c;ZXZpbA==\x07b", "ab"),
    (
        "OSC 8 hyperlink",
        "a\x1b]8;;https://evil\x1b\\link\x1b]8;;\x1b\\b",
        "alinkb",
    ),
    ("CSI colour", "a\x1b[1;31mb\x1b[0m", "ab"),
    ("CSI cursor", "a\x1b[2J\x1b[H\x1b[?25lb", "ab"),
    ("DCS", "a\x1bPq#0;2;0;0;0\x1b\\b", "ab"),
    ("APC", "a\x1b_Gf=24;AAAA\x1b\\b", "ab"),
    ("PM", "a\x1b^private\x1b\\b", "ab"),
    ("SOS", "a\x1bXstring\x1b\\b", "ab"),
    ("8-bit CSI", "a\u{9b}31mb", "ab"),
    ("8-bit OSC", "a\u{9d}0;evil\u{9c}b", "ab"),
    ("8-bit DCS", "a\u{90}payload\u{9c}b", "ab"),
    ("C1 NEL, IND", "a\u{85}\u{84}b", "ab"),
    ("BEL", "a\x07b", "ab"),
    ("backspace", "abc\x08\x08d", "abcd"),
    ("lone CR", "safe\rEVIL", "safeEVIL"),
    ("vertical tab, form feed", "a\x0b\x0cb", "ab"),
    ("DEL", "a\x7fb", "ab"),
    ("bidi override (Trojan Source)", "a\u{202e}b\u{202c}c", "abc"),
    ("bidi isolates", "a\u{2066}b\u{2067}c\u{2068}d\u{2069}", "abcd"),
    ("LRM, RLM, ALM", "a\u{200e}b\u{200f}c\u{61c}", "abc"),
    ("zero-width space, word joiner", "a\u{200b}b\u{2060}c\u{feff}", "abc"),
    ("tag characters", "a\u{e0001}\u{e0041}\u{e007f}b", "ab"),
    ("line and paragraph separators", "a\u{2028}b\u{2029}c", "a\nb\nc"),
];

#[test]
fn every_sequence_class_is_removed() {
    for (name, input, want) in SEQUENCES {
        assert_eq!(sanitize(input), *want, "{name}");
        let (article, _) = parse_article(
            Path::new("t.md"),
            format!("---\ntitle: \"{}\"\n---\n{input}\n", input.replace('"', "")).as_bytes(),
        );
        let article = article.unwrap();
        assert!(
            !article.title.chars().any(is_forbidden),
            "{name} in title: {:?}",
            article.title
        );
        assert!(
            !article
                .body_or(|| unreachable!("a parsed article keeps its body"))
                .chars()
                .any(|c| c != '\n' && is_forbidden(c)),
            "{name} in body"
        );
    }
}

#[test]
fn grapheme_clusters_stay_intact() {
    for text in ["👩‍👩‍👧‍👦 family", "e\u{301}te\u{301}", "🇩🇪 flag", "क्षि", "👍🏽 ok"]
    {
        assert_eq!(sanitize(text), text);
        assert_eq!(sanitize_line(text), text);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    /// For any input, nothing the sanitiser lets through is a control, bidi
    /// or invisible format character.
    #[test]
    fn sanitiser_output_is_always_clean(text in "(\\PC|\\p{Cc}|\\p{Cf}|\u{1b}\\[|\u{1b}\\]|\u{9b}|\u{9d}){0,200}") {
        let out = sanitize(&text);
        prop_assert!(!out.chars().any(|c| c != '\n' && is_forbidden(c)), "{:?}", out);
        let line = sanitize_line(&text);
        prop_assert!(!line.chars().any(is_forbidden), "{:?}", line);
    }

    /// Whatever a file holds, the laid-out article holds no control character.
    #[test]
    fn laid_out_articles_are_always_clean(text in "(\\PC|\\p{Cc}|\\p{Cf}|\u{1b}\\]0;|[\\[\\]()#>*_`|-]){0,300}", w in 1usize..100) {
        let (article, _) = parse_article(Path::new("p.md"), text.as_bytes());
        if let Some(article) = article {
            let out = layout(&article.format.parse(article.body_or(|| unreachable!("kept"))), w);
            for line in out.lines {
                let text = line.text();
                prop_assert!(!text.chars().any(is_forbidden), "{:?}", text);
                prop_assert!(line.width() <= w);
            }
        }
    }
}
