//! Opening URLs in a browser without blocking, leaking output or a shell.

use std::process::{Command, Stdio};
use std::sync::mpsc::Sender;

/// Opens `url` (already checked by `check_url`): with `$BROWSER` when set
/// (its first entry; `%s` is replaced by the URL, else the URL is the last
/// argument), else with the system opener. The URL is always one argument,
/// never passed through a shell. Failures arrive later on `report`.
pub fn open(url: &str, browser: Option<String>, report: Sender<String>) {
    let browser = browser.filter(|b| !b.trim().is_empty());
    let Some(browser) = browser else {
        if let Err(e) = open::that_detached(url) {
            let _ = report.send(format!("cannot open the link: {e}"));
        }
        return;
    };
    let first = browser.split(':').next().unwrap_or("").to_string();
    let mut words = first.split_whitespace();
    let Some(program) = words.next() else { return };
    let mut args: Vec<String> = words.map(str::to_string).collect();
    if args.iter().any(|a| a.contains("%s")) {
        for a in &mut args {
            *a = a.replace("%s", url);
        }
    } else {
        args.push(url.to_string());
    }
    let spawned = {
        use std::os::unix::process::CommandExt;
        Command::new(program)
            .args(&args)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            // Its own process group: keys meant for kiosk never reach it.
            .process_group(0)
            .spawn()
    };
    match spawned {
        Ok(mut child) => {
            let program = program.to_string();
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
