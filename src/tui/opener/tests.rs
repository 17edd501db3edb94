//! The browser command's words, `mailto:` fields, and how the browser runs.

use std::sync::mpsc::channel;
use std::time::{Duration, Instant};

use super::*;

const URL: &str = "https://example.org/a?b=c&d=e";

#[test]
fn the_first_entry_is_split_like_shell_words_without_a_shell() {
    let cmd = |b: &str| browser_command(b, URL);
    let owned = |p: &str, a: &[&str]| Ok((p.to_string(), a.iter().map(|s| s.to_string()).collect()));
    assert_eq!(cmd("firefox"), owned("firefox", &[URL]));
    assert_eq!(cmd("firefox --new-tab %s:lynx"), owned("firefox", &["--new-tab", URL]));
    assert_eq!(
        cmd("'/opt/My Browser/run' --url=%s"),
        owned("/opt/My Browser/run", &[&format!("--url={URL}")])
    );
    assert_eq!(cmd(r"/opt/My\ Browser/run"), owned("/opt/My Browser/run", &[URL]));
    assert_eq!(cmd("\"/a b/c\" \"%s\""), owned("/a b/c", &[URL]));
    // No shell: metacharacters are plain text.
    assert_eq!(cmd("echo $HOME;rm"), owned("echo", &["$HOME;rm", URL]));
    for nothing in [":", ":firefox", "''", "  :x"] {
        let err = cmd(nothing).unwrap_err();
        assert!(err.contains("names no program"), "{nothing:?}: {err}");
    }
    let err = cmd("'/opt/unclosed %s").unwrap_err();
    assert!(err.starts_with("cannot read the browser command"), "{err}");
}

#[test]
fn mailto_keeps_only_subject_body_and_cc() {
    assert_eq!(
        safe_mailto("mailto:a@b.org?subject=Hi%20there&attach=/etc/passwd&body=x&Cc=c@d.org&bcc=e@f&%61ttach=~/.ssh/id_rsa&x-header=1#frag"),
        "mailto:a@b.org?subject=Hi%20there&body=x&Cc=c@d.org"
    );
    assert_eq!(safe_mailto("MAILTO:x@y.org?attach=a&file=b"), "MAILTO:x@y.org");
    assert_eq!(safe_mailto("mailto:x@y.org"), "mailto:x@y.org");
    assert_eq!(safe_mailto("mailto:?body=only"), "mailto:?body=only");
    assert_eq!(safe_mailto(URL), URL);
    assert_eq!(percent_decoded("%61%zz%4"), "a%zz%4");
}

/// The next report, waiting a bounded time.
fn next_report(rx: &std::sync::mpsc::Receiver<String>) -> String {
    rx.recv_timeout(Duration::from_secs(20)).expect("no report")
}

#[test]
fn a_browser_that_names_nothing_or_fails_is_reported() {
    let (tx, rx) = channel();
    open(URL, Some(":".into()), tx.clone());
    assert!(next_report(&rx).contains("names no program"));
    open(URL, Some("false".into()), tx.clone());
    assert_eq!(next_report(&rx), "browser \"false\" failed (exit status: 1)");
    open(URL, Some("/nonexistent/kiosk-browser".into()), tx);
    let report = next_report(&rx);
    assert!(
        report.starts_with("cannot start browser \"/nonexistent/kiosk-browser\""),
        "{report}"
    );
}

#[test]
fn the_browser_runs_in_a_session_of_its_own_with_the_url_as_one_argument() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let script = dir.path().join("browser.sh");
    // The URL, then the shell's process id and session id (fields 1 and 6
    // of /proc/PID/stat).
    std::fs::write(
        &script,
        format!(
            "url=\"$1\"\nread -r stat < /proc/$$/stat\nset -- $stat\nprintf '%s\\n%s %s\\n' \"$url\" \"$1\" \"$6\" > '{}.tmp'\nmv '{0}.tmp' '{0}'\n",
            out.display()
        ),
    )
    .unwrap();
    let (tx, rx) = channel();
    let browser = format!("sh '{}' %s", script.display());
    open("mailto:a@b.org?attach=/etc/passwd&subject=x y", Some(browser), tx);
    let start = Instant::now();
    while !out.exists() {
        assert!(start.elapsed() < Duration::from_secs(20), "the browser never ran");
        assert!(rx.try_recv().is_err(), "the browser failed");
        std::thread::sleep(Duration::from_millis(20));
    }
    let text = std::fs::read_to_string(&out).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "mailto:a@b.org?subject=x y");
    let ids: Vec<&str> = lines[1].split(' ').collect();
    assert_eq!(ids[0], ids[1], "not a session leader: pid and sid {ids:?}");
}
