//! `kiosk add`, `kiosk fetch` and `kiosk feeds`: the command-line face of
//! [`kiosk::ingest`]. A progress bar on a terminal (stderr), one line per
//! page or feed otherwise, then the summary line.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Mutex;

use anyhow::{bail, Context, Result};
use indicatif::{ProgressBar, ProgressStyle};
use kiosk::ingest::add::AddOptions;
use kiosk::ingest::fetch::FetchOptions;
use kiosk::ingest::http::Client;
use kiosk::ingest::pool::Parallelism;
use kiosk::ingest::store::Store;
use kiosk::ingest::subscriptions::{self, Subscription};
use kiosk::ingest::{Progress, Summary};
use kiosk::sanitize::sanitize_line;

use crate::cli::{AddArgs, FeedsAction, FetchArgs};

/// The folder ingest writes into: the one given, else the configured one,
/// else `./articles` (never the bundled sample articles).
fn target(dir: Option<&Path>, configured: Option<&Path>) -> PathBuf {
    dir.or(configured)
        .map_or_else(|| PathBuf::from("articles"), Path::to_path_buf)
}

/// `kiosk add`: exit 1 when a page could not be saved.
pub fn add(args: AddArgs, configured: Option<&Path>) -> Result<ExitCode> {
    for url in &args.urls {
        if !(url.starts_with("http://") || url.starts_with("https://")) {
            bail!("not an http or https URL: {}", sanitize_line(url));
        }
    }
    let options = AddOptions {
        dir: target(args.dir.as_deref(), configured),
        tags: args.tags,
        force: args.force,
        parallelism: Parallelism::default(),
        via: None,
    };
    let client = Client::from_env()?;
    let store = open_store();
    let summary = with_progress(|report| kiosk::ingest::add::add(&client, &store, &args.urls, &options, report));
    finish(&store, &summary, "page")?;
    Ok(if summary.failed().next().is_some() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// `kiosk fetch`: exit 1 only when every feed failed (one dead feed among
/// many is the normal state of a subscription list).
pub fn fetch(args: FetchArgs, configured: Option<&Path>) -> Result<ExitCode> {
    let file = subscriptions_file(args.feeds)?;
    let subs = subscriptions::read(&file).map_err(anyhow::Error::msg)?;
    let options = FetchOptions {
        dir: target(args.dir.as_deref(), configured),
        parallelism: Parallelism {
            workers: usize::from(args.jobs),
            per_host: usize::from(args.per_host),
        },
    };
    let client = Client::from_env()?;
    let store = open_store();
    let summary = with_progress(|report| kiosk::ingest::fetch::fetch(&client, &store, &subs, &options, report));
    finish(&store, &summary, "feed")?;
    let failed = summary.failed().count();
    Ok(if failed > 0 && failed == summary.outcomes.len() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// `kiosk feeds import|export`.
pub fn feeds(action: FeedsAction) -> Result<ExitCode> {
    match action {
        FeedsAction::Import { file, feeds } => {
            let target = subscriptions_file(feeds)?;
            let new = subscriptions::read(&file).map_err(anyhow::Error::msg)?;
            let mut all = if target.exists() {
                subscriptions::read(&target).map_err(anyhow::Error::msg)?
            } else {
                Vec::new()
            };
            let before = all.len();
            for sub in new {
                if !all.iter().any(|s| s.url == sub.url) {
                    all.push(sub);
                }
            }
            if let Some(parent) = target.parent().filter(|p| !p.as_os_str().is_empty()) {
                std::fs::create_dir_all(parent).with_context(|| format!("cannot create {}", parent.display()))?;
            }
            kiosk::atomic::write(&target, render(&target, &all).as_bytes(), None)
                .with_context(|| format!("cannot write {}", target.display()))?;
            println!(
                "{} feeds added, {} in {}",
                all.len() - before,
                all.len(),
                target.display()
            );
        }
        FeedsAction::Export { file, feeds } => {
            let source = subscriptions_file(feeds)?;
            let subs = subscriptions::read(&source).map_err(anyhow::Error::msg)?;
            if file.as_os_str() == "-" {
                print!("{}", subscriptions::to_opml(&subs));
            } else {
                kiosk::atomic::write(&file, render(&file, &subs).as_bytes(), None)
                    .with_context(|| format!("cannot write {}", file.display()))?;
                println!("{} feeds written to {}", subs.len(), file.display());
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Subscriptions in the format `path`'s extension names.
fn render(path: &Path, subs: &[Subscription]) -> String {
    match path.extension().and_then(|e| e.to_str()) {
        Some("opml" | "xml") => subscriptions::to_opml(subs),
        _ => subscriptions::to_urls(subs),
    }
}

fn subscriptions_file(given: Option<PathBuf>) -> Result<PathBuf> {
    match given.or_else(subscriptions::default_file) {
        Some(file) => Ok(file),
        None => bail!("no home folder: name the subscriptions file with --feeds"),
    }
}

fn open_store() -> Store {
    let store = Store::open(kiosk::state::default_dir());
    if let Some(note) = &store.note {
        eprintln!("warning: {}", sanitize_line(note));
    }
    store
}

/// Runs `work` with its progress drawn as a bar on a terminal, else as one
/// line per finished page or feed on stdout.
fn with_progress(work: impl FnOnce(&(dyn Fn(Progress) + Sync)) -> Summary) -> Summary {
    if std::io::stderr().is_terminal() {
        let bar = ProgressBar::new(0);
        bar.set_style(
            ProgressStyle::with_template("{bar:30} {pos}/{len} {wide_msg}")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        let report = |p: Progress| match p {
            Progress::Planned { total } => bar.set_length(total as u64),
            Progress::Started { url } => bar.set_message(sanitize_line(&url).into_owned()),
            Progress::Saved { .. } => {}
            Progress::Finished(outcome) => {
                if outcome.error.is_some() {
                    bar.println(sanitize_line(&outcome.to_string()));
                }
                bar.inc(1);
            }
        };
        let summary = work(&report);
        bar.finish_and_clear();
        summary
    } else {
        let out = Mutex::new(std::io::stdout());
        let report = |p: Progress| {
            if let Progress::Finished(outcome) = p {
                use std::io::Write;
                let mut out = out.lock().expect("not poisoned");
                let _ = writeln!(out, "{}", sanitize_line(&outcome.to_string()));
                for note in &outcome.notes {
                    let _ = writeln!(out, "  {}", sanitize_line(note));
                }
            }
        };
        work(&report)
    }
}

/// Saves the ledger and prints the summary line.
fn finish(store: &Store, summary: &Summary, noun: &str) -> Result<()> {
    store
        .save()
        .map_err(anyhow::Error::msg)
        .context("cannot save ingest state")?;
    println!("{}", sanitize_line(&summary.line(noun)));
    Ok(())
}
