//! Opening URLs in a browser without blocking, leaking output, a shell or
//! the terminal.
//!
//! The browser command (`$BROWSER`, or the `browser` setting) is a list of
//! commands separated by `:`, of which the first is run. It is split into
//! words as a shell splits them, quotes and backslashes included, but no
//! shell runs it: a program whose path holds spaces is written in quotes
//! (`'/opt/My Browser/browser' --new-tab %s`). `%s` in a word is replaced by
//! the URL; without one the URL is the last argument. The browser starts in
//! a session of its own with no controlling terminal (it can neither read
//! keys nor write into the reader's screen) and with its input and output
//! on `/dev/null`.

use std::process::Stdio;
use std::sync::mpsc::Sender;

use process_wrap::std::{CommandWrap, ProcessSession};

/// The only fields of a `mailto:` link handed on (others, such as
/// `attach=` or `bcc=`, could make a mail program attach a local file or
/// copy the mail elsewhere).
pub const MAILTO_FIELDS: [&str; 3] = ["subject", "body", "cc"];

/// Opens `url` (already checked by `check_url`): with the browser command
/// when one is given, else with the system opener. The URL is always one
/// argument, never passed through a shell. Failures, including a browser
/// that exits with an error, arrive later on `report`.
pub fn open(url: &str, browser: Option<String>, report: Sender<String>) {
    let url = safe_mailto(url);
    let browser = browser.filter(|b| !b.trim().is_empty());
    let Some(browser) = browser else {
        if let Err(e) = open::that_detached(&url) {
            let _ = report.send(format!("cannot open the link: {e}"));
        }
        return;
    };
    let (program, args) = match browser_command(&browser, &url) {
        Ok(command) => command,
        Err(message) => {
            let _ = report.send(message);
            return;
        }
    };
    let mut command = CommandWrap::with_new(&program, |c| {
        c.args(&args)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
    });
    // setsid(2) in the child: a session of its own has no controlling
    // terminal, and keys meant for kiosk never reach it.
    command.wrap(ProcessSession);
    match command.spawn() {
        Ok(mut child) => {
            // Reap the child off the input thread; report a failure.
            std::thread::spawn(move || match child.wait() {
                Ok(status) if !status.success() => {
                    let _ = report.send(format!("browser {program:?} failed ({status})"));
                }
                Err(e) => {
                    let _ = report.send(format!("browser {program:?}: {e}"));
                }
                Ok(_) => {}
            });
        }
        Err(e) => {
            let _ = report.send(format!("cannot start browser {program:?}: {e}"));
        }
    }
}

/// The program and arguments that open `url` with the browser command
/// `browser` (see the module); an error names what is wrong with it.
pub fn browser_command(browser: &str, url: &str) -> Result<(String, Vec<String>), String> {
    let first = browser.split(':').next().unwrap_or("");
    let words = shell_words::split(first).map_err(|e| format!("cannot read the browser command {browser:?}: {e}"))?;
    let mut words = words.into_iter();
    let Some(program) = words.next().filter(|p| !p.is_empty()) else {
        return Err(format!(
            "the browser command {browser:?} names no program; set $BROWSER to one"
        ));
    };
    let mut args: Vec<String> = words.collect();
    if args.iter().any(|a| a.contains("%s")) {
        for a in &mut args {
            *a = a.replace("%s", url);
        }
    } else {
        args.push(url.to_string());
    }
    Ok((program, args))
}

/// A `mailto:` URL with only the fields of [`MAILTO_FIELDS`] (its name
/// compared once percent-decoded, as a mail program would read it); any
/// other URL as it is.
pub fn safe_mailto(url: &str) -> String {
    let Some(scheme) = url.get(..7).filter(|s| s.eq_ignore_ascii_case("mailto:")) else {
        return url.to_string();
    };
    let rest = &url[7..];
    let rest = rest.split_once('#').map_or(rest, |(r, _)| r);
    let (to, query) = rest.split_once('?').unwrap_or((rest, ""));
    let kept: Vec<&str> = query
        .split('&')
        .filter(|field| {
            let name = field.split_once('=').map_or(*field, |(n, _)| n);
            let name = percent_decoded(name);
            MAILTO_FIELDS.iter().any(|f| f.eq_ignore_ascii_case(&name))
        })
        .collect();
    if kept.is_empty() {
        format!("{scheme}{to}")
    } else {
        format!("{scheme}{to}?{}", kept.join("&"))
    }
}

/// `%XX` escapes decoded (bytes that do not form UTF-8 are replaced).
fn percent_decoded(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .filter(|h| h.iter().all(u8::is_ascii_hexdigit))
            .and_then(|h| std::str::from_utf8(h).ok());
        match (bytes[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
#[path = "opener/tests.rs"]
mod tests;
