//! Character references that decode to escapes (`&#x1b;`, `&#x9b;`,
//! `&#x202e;`, `&#x200b;`): the raw output of every command is scanned for
//! OSC, DCS, APC, CSI, C1 and bidi or zero-width characters.

use std::path::Path;

use crate::common::kiosk;

/// An article that tries every place a decoded reference can leave the
/// parser: a heading (the title), body text, code, link text, URL and
/// title, image alt, footnote label and text, table cells, a callout.
const HOSTILE: &str = "# Pwned&#x1b;]0;title&#x7; &#x1b;]52;c;aGk=&#x1b;\\\\ list &#27;[2J&#155;2J\n\n\
Body &#x1b;P+q&#x1b;\\\\ dcs &#x1b;_apc&#x1b;\\\\ &#x9d;0;t&#x9c; &#x202e;evil&#x202c; zero&#x200b;width &#xfeff; &#x85;nel\n\n\
`code &#x1b;[31m` and [li&#x202e;nk](https://exa&#x200b;mple.org/&#x1b;x \"ti&#x9b;tle\") \
![al&#x1b;t](i&#x202e;mg.png)[^&#x1b;n]\n\n\
| a&#x9b; | b |\n|---|---|\n| &#x1b;]8;;x&#x7; | &#x2066;y |\n\n\
> [!NOTE]\n> &#x1b;[5m blink\n\n\
<p>html &#x1b;]0;x&#x7; <a href=\"https://a&#x200b;.org\">a</a></p>\n\n\
[^&#x1b;n]: note &#x1b;[1m\n";

/// True for any byte sequence a terminal would act on or that reorders text.
fn dangerous(out: &str) -> Option<char> {
    out.chars().find(|&c| {
        matches!(c, '\u{1b}' | '\u{7}' | '\u{7f}' | '\u{80}'..='\u{9f}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{feff}')
            || (c.is_control() && c != '\n')
    })
}

fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("hostile.md"), format!("---\nlang: en\n---\n{HOSTILE}")).unwrap();
    // Without front matter too: the title then comes from the heading.
    std::fs::write(dir.path().join("bare.md"), HOSTILE).unwrap();
    dir
}

fn run(args: &[&str], dir: &Path) -> String {
    let mut all: Vec<&str> = args.to_vec();
    let d = dir.to_str().unwrap();
    all.push(d);
    let out = kiosk(&all);
    String::from_utf8(out.stdout).expect("utf-8")
}

#[test]
fn no_command_writes_an_escape_decoded_from_a_reference() {
    let dir = folder();
    let d = dir.path().to_str().unwrap();
    let mut outputs = vec![
        ("list", run(&["list", "--no-cache"], dir.path())),
        ("list --json", run(&["list", "--json", "--no-cache"], dir.path())),
        ("sources", run(&["sources", "--no-cache"], dir.path())),
        ("sources --json", run(&["sources", "--json", "--no-cache"], dir.path())),
        ("check", run(&["check", "--no-cache"], dir.path())),
    ];
    for id in ["hostile", "bare"] {
        for width in ["80", "20"] {
            let out = kiosk(&["show", id, "--dir", d, "--width", width, "--no-cache"]);
            outputs.push(("show", String::from_utf8(out.stdout).unwrap()));
        }
    }
    for (command, out) in &outputs {
        assert!(*command == "check" || !out.is_empty(), "{command} printed nothing");
        assert_eq!(dangerous(out), None, "{command}:\n{out}");
    }
    // The text around the references is still there.
    let show = &outputs[5].1;
    assert!(show.contains("evil") && show.contains("zerowidth"), "{show}");
    // A URL with an invisible character is shown with it percent-encoded,
    // exactly as a browser would be handed it.
    assert!(show.contains("https://exa%E2%80%8Bmple.org/%1Bx"), "{show}");
}

#[test]
fn json_escapes_what_it_cannot_drop() {
    // A title the index could hold, written through the JSON boundary.
    let mut out = Vec::new();
    kiosk::json::string(&mut out, "a\u{9b}2J\u{202e}b\u{e0041}");
    assert_eq!(String::from_utf8(out).unwrap(), "\"a\\u009b2J\\u202eb\\udb40\\udc41\"");
    assert_eq!(
        kiosk::json::escape_forbidden("{\"u\":\"x\u{85}\"}"),
        "{\"u\":\"x\\u0085\"}"
    );
}

#[test]
fn url_checks_refuse_format_characters() {
    use kiosk::sanitize::url_is_clean;
    assert!(url_is_clean("https://example.org/a?b=c"));
    for bad in [
        "https://exa\u{200b}mple.org/",
        "https://a.org/\u{202e}",
        "https://a.org/ x",
        "https://a.org/\u{9b}",
    ] {
        assert!(!url_is_clean(bad), "{bad:?}");
    }
}
