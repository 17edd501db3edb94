//! `kiosk add` and `kiosk fetch` against fixture pages and feeds served
//! from 127.0.0.1.

use std::path::Path;
use std::sync::Mutex;

use kiosk::ingest::add::{add, AddOptions};
use kiosk::ingest::fetch::{fetch, FetchOptions};
use kiosk::ingest::http::{Client, Limits, ProxyEnv};
use kiosk::ingest::store::Store;
use kiosk::ingest::subscriptions::Subscription;
use kiosk::ingest::{Progress, Summary};
use kiosk::Library;

use super::http_server::{fixture, Request, Response, Server};

/// The base URL a request was sent to.
pub fn base_of(request: &Request) -> String {
    format!("http://{}", request.headers.get("host").cloned().unwrap_or_default())
}

/// Serves the fixtures: `/news.html`, `/cafe.html` (windows-1252 by
/// `<meta>`), `/cafe-header.html` (the same, charset in the header), the
/// feeds by file name, `/broken.xml`, and 404 for the rest.
pub fn fixtures_server() -> Server {
    Server::start(|req| {
        let base = base_of(req);
        let path = req.target.split('?').next().unwrap_or("");
        match path {
            "/news.html" | "/2024/03/bridge.html" => Response::ok("text/html", fixture("news.html", &base)),
            "/cafe.html" => Response::ok("text/html", fixture("cafe-cp1252.html", &base)),
            "/cafe-header.html" => {
                let body = fixture("cafe-cp1252.html", &base);
                let text = String::from_utf8_lossy(&body).replace("charset=windows-1252", "charset=utf-8");
                // Same bytes but the meta now lies: the header must win.
                let mut bytes = fixture("cafe-cp1252.html", &base);
                if text.len() == bytes.len() + 1 {
                    bytes = text.into_bytes();
                }
                Response::ok("text/html; charset=windows-1252", bytes)
            }
            "/rss2-full.xml" | "/rss2-excerpt.xml" | "/rss1.rdf" | "/rss091.xml" | "/atom.xml" => {
                let etag = format!("\"{}\"", path.len());
                if req.headers.get("if-none-match") == Some(&etag) {
                    return Response::status(304);
                }
                Response::ok("application/xml", fixture(&path[1..], &base)).header("ETag", &etag)
            }
            "/feed.json" => Response::ok("application/feed+json", fixture("feed.json", &base)),
            "/broken.xml" => Response::ok("application/rss+xml", "<rss><channel><title>Broken</title><item>"),
            _ => Response::status(404),
        }
    })
}

/// A client with short limits, never through a proxy.
pub fn client() -> Client {
    Client::new(
        Limits {
            connect: std::time::Duration::from_secs(5),
            total: std::time::Duration::from_secs(10),
            ..Limits::default()
        },
        ProxyEnv::default(),
    )
    .unwrap()
}

/// Saves `urls` into `dir` with the ledger in `state`.
pub fn add_pages(urls: &[String], dir: &Path, state: &Path, force: bool) -> Summary {
    let store = Store::open(Some(state.to_path_buf()));
    let options = AddOptions {
        dir: dir.to_path_buf(),
        tags: vec!["saved".into()],
        force,
        ..AddOptions::default()
    };
    let summary = add(&client(), &store, urls, &options, &|_| {});
    store.save().unwrap();
    summary
}

fn fetch_feeds(subs: &[Subscription], dir: &Path, state: &Path) -> (Summary, Vec<Progress>) {
    let store = Store::open(Some(state.to_path_buf()));
    let events = Mutex::new(Vec::new());
    let options = FetchOptions {
        dir: dir.to_path_buf(),
        ..FetchOptions::default()
    };
    let summary = fetch(&client(), &store, subs, &options, &|p| events.lock().unwrap().push(p));
    store.save().unwrap();
    (summary, events.into_inner().unwrap())
}

fn sub(server: &Server, path: &str) -> Subscription {
    Subscription {
        url: server.url(path),
        ..Subscription::default()
    }
}

/// Every `.md` file under `dir`, relative, sorted.
pub fn files(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p.strip_prefix(dir).unwrap().to_string_lossy().into_owned());
            }
        }
    }
    out.sort();
    out
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

/// The front matter without its `fetched` line (which changes each run).
fn front_without_fetched(text: &str) -> String {
    let end = text[4..].find("\n---\n").unwrap() + 4;
    text[4..end]
        .lines()
        .filter(|l| !l.starts_with("fetched: "))
        .collect::<Vec<_>>()
        .join("\n")
}

fn body(text: &str) -> &str {
    let end = text[4..].find("\n---\n").unwrap() + 4 + 5;
    text[end..].trim_start_matches('\n')
}

#[test]
fn add_extracts_title_author_date_and_text_of_a_news_page() {
    let server = fixtures_server();
    let dir = tempfile::tempdir().unwrap();
    let state = tempfile::tempdir().unwrap();
    let summary = add_pages(&[server.url("/news.html")], dir.path(), state.path(), false);
    assert_eq!(summary.line("page"), "1 page, 1 new");
    assert_eq!(
        files(dir.path()),
        ["2024-03-05-harbour-bridge-reopens-after-repairs.md"]
    );
    let text = read(&dir.path().join("2024-03-05-harbour-bridge-reopens-after-repairs.md"));
    assert_eq!(
        front_without_fetched(&text),
        format!(
            "title: Harbour bridge reopens after repairs\ndate: 2024-03-05\nauthor: Jane Doe\nsource: {}\n\
             site: The Coastal Times\nlang: en\nsummary: The bridge reopened on Tuesday after eight months of repairs.\n\
             tags:\n- saved",
            server.url("/news.html")
        )
    );
    assert_eq!(body(&text), NEWS_BODY.replace("{BASE}", &server.base));
    // The loader reads it back as written.
    let library = Library::load(dir.path()).unwrap();
    let a = &library.articles()[0];
    assert_eq!(a.title, "Harbour bridge reopens after repairs");
    assert_eq!(a.date.map(|d| d.to_string()).as_deref(), Some("2024-03-05"));
    assert_eq!(a.tags, ["saved"]);
    assert!(library.diagnostics().is_empty(), "{:?}", library.diagnostics());
}

const NEWS_BODY: &str = "The harbour bridge reopened to traffic on Tuesday morning after eight months of repairs, \
the city council said. Engineers replaced the corroded steel cables that had forced its closure last summer, and the \
first buses crossed shortly after six o'clock.\n\nThe work cost about 40 million euros, more than twice the first \
estimate. According to the [council's report]({BASE}/reports/bridge-2024.pdf \"Council report, March 2024\"), most of \
the extra cost came from damage that only became visible once the deck was opened.\n\n## Traffic returns\n\n\
Commuters had used a ferry and a long detour through the industrial port while the bridge was closed. \"It took me an \
extra hour every day,\" said one driver, who had waited since five in the morning to be among the first across the \
bridge.\n\n![The reopened bridge at dawn]({BASE}/images/bridge.jpg)\n\nThe reopened bridge at dawn.\n\nThe council \
plans to inspect the remaining cables every two years. A full list of the works is on the \
[city's website](https://city.example/works?ref=bridge).\n";

#[test]
fn non_utf8_pages_are_decoded_by_meta_and_by_header() {
    let server = fixtures_server();
    for page in ["/cafe.html", "/cafe-header.html"] {
        let dir = tempfile::tempdir().unwrap();
        let state = tempfile::tempdir().unwrap();
        let summary = add_pages(&[server.url(page)], dir.path(), state.path(), false);
        assert_eq!(summary.line("page"), "1 page, 1 new", "{page}");
        assert_eq!(
            files(dir.path()),
            ["2023-11-20-le-café-du-port-ferme-ses-portes.md"],
            "{page}"
        );
        let text = read(&dir.path().join(&files(dir.path())[0]));
        assert!(text.contains("title: Le café du port ferme ses portes\n"), "{text}");
        assert!(text.contains("lang: fr\n"), "{text}");
        assert!(text.contains("dernier “café crème” samedi"), "{text}");
        assert!(text.contains("« C’était notre deuxième maison »"), "{text}");
    }
}

#[test]
fn the_same_url_again_adds_nothing_unless_forced() {
    let server = fixtures_server();
    let dir = tempfile::tempdir().unwrap();
    let state = tempfile::tempdir().unwrap();
    let url = server.url("/news.html");
    add_pages(std::slice::from_ref(&url), dir.path(), state.path(), false);
    let path = dir.path().join(&files(dir.path())[0]);
    let first = read(&path);
    let again = add_pages(std::slice::from_ref(&url), dir.path(), state.path(), false);
    assert_eq!(again.line("page"), "1 page, 0 new");
    assert!(again.outcomes[0].notes[0].starts_with("already saved as "));
    assert_eq!(files(dir.path()).len(), 1);
    // Even without the ledger, the folder says what it holds.
    let fresh_state = tempfile::tempdir().unwrap();
    let again = add_pages(std::slice::from_ref(&url), dir.path(), fresh_state.path(), false);
    assert_eq!(again.new_articles(), 0);
    // --force writes the same file again, no second one.
    let forced = add_pages(std::slice::from_ref(&url), dir.path(), state.path(), true);
    assert_eq!(forced.new_articles(), 1);
    assert_eq!(files(dir.path()).len(), 1);
    assert_eq!(body(&read(&path)), body(&first));
}

#[test]
fn feeds_in_every_format_become_articles_once() {
    let server = fixtures_server();
    let dir = tempfile::tempdir().unwrap();
    let state = tempfile::tempdir().unwrap();
    let mut excerpt = sub(&server, "/rss2-excerpt.xml");
    excerpt.full_text = true;
    excerpt.tags = vec!["front".into()];
    let subs = vec![
        sub(&server, "/rss2-full.xml"),
        excerpt,
        sub(&server, "/rss1.rdf"),
        sub(&server, "/rss091.xml"),
        sub(&server, "/atom.xml"),
        sub(&server, "/feed.json"),
    ];
    let (summary, events) = fetch_feeds(&subs, dir.path(), state.path());
    assert_eq!(summary.line("feed"), "6 feeds, 10 new");
    assert_eq!(events.first(), Some(&Progress::Planned { total: 6 }));
    assert_eq!(
        events.iter().filter(|e| matches!(e, Progress::Saved { .. })).count(),
        10
    );
    assert_eq!(
        files(dir.path()),
        [
            "atom-notes/2024-02-01-notes-thoughts.md",
            "atom-notes/2024-02-03-summary-only.md",
            "coastal-times-front-page/2024-03-05-harbour-bridge-reopens-after-repairs.md",
            "coastal-times-local/2024-03-05-harbour-bridge-reopens-after-repairs.md",
            "coastal-times-local/2024-03-06-storm-warning-for-the-weekend.md",
            "json-journal/2024-04-01-a-json-item-with-html.md",
            "json-journal/2024-04-02-a-json-item-with-text.md",
            "old-school/TODAY-grüße-aus-münchen.md",
            "rdf-weekly/2024-01-10-first-rdf-item.md",
            "rdf-weekly/2024-01-11-second-rdf-item.md",
        ]
        .map(|f| f.replace("TODAY", &chrono::Utc::now().date_naive().to_string()))
    );
    let local = read(
        &dir.path()
            .join("coastal-times-local/2024-03-05-harbour-bridge-reopens-after-repairs.md"),
    );
    assert_eq!(
        front_without_fetched(&local),
        format!(
            "title: Harbour bridge reopens after repairs\ndate: 2024-03-05\nauthor: Jane Doe\n\
             source: {base}/2024/03/bridge.html\nsite: 127.0.0.1\nlang: en\nsummary: The bridge reopened on Tuesday.\n\
             tags:\n- Transport\nfeed: 'Coastal Times: Local'\nguid: coastal-1001",
            base = server.base
        )
    );
    assert_eq!(
        body(&local),
        format!(
            "The harbour bridge reopened to traffic on Tuesday after [eight months]({}/reports/bridge.pdf \"Report\") of repairs.\n\nBuses crossed first.\n",
            server.base
        )
    );
    // full_text: the page, not the feed's excerpt.
    let front = read(
        &dir.path()
            .join("coastal-times-front-page/2024-03-05-harbour-bridge-reopens-after-repairs.md"),
    );
    assert_eq!(body(&front), NEWS_BODY.replace("{BASE}", &server.base));
    assert!(front.contains("tags:\n- front\n"));
    let json = read(&dir.path().join("json-journal/2024-04-02-a-json-item-with-text.md"));
    assert_eq!(body(&json), "Plain text content.\n\nSecond paragraph.\n");
    let atom = read(&dir.path().join("atom-notes/2024-02-01-notes-thoughts.md"));
    assert!(atom.contains("title: Notes & thoughts\n"), "{atom}");
    assert!(atom.contains("author: Sam Writer\n"), "{atom}");
    assert_eq!(
        body(&atom),
        format!("Full text of the [first note]({}/atom/related).\n", server.base)
    );
    let old = read(&dir.path().join(&files(dir.path())[7]));
    assert!(
        old.contains("title: Grüße aus München\n") && old.contains("lang: de\n"),
        "{old}"
    );

    // A second fetch writes nothing; the XML feeds answer 304 to it.
    let (again, _) = fetch_feeds(&subs, dir.path(), state.path());
    assert_eq!(again.line("feed"), "6 feeds, 0 new");
    assert_eq!(again.outcomes.iter().filter(|o| o.not_modified).count(), 5);
    assert_eq!(files(dir.path()).len(), 10);
    // Without the ledger too: the files name their items.
    let fresh = tempfile::tempdir().unwrap();
    let (again, _) = fetch_feeds(&subs, dir.path(), fresh.path());
    assert_eq!(again.line("feed"), "6 feeds, 0 new");
    let library = Library::load(dir.path()).unwrap();
    assert_eq!(library.articles().len(), 10);
    assert!(library.diagnostics().is_empty(), "{:?}", library.diagnostics());
}

#[test]
fn a_broken_or_missing_feed_is_reported_while_the_others_go_on() {
    let server = fixtures_server();
    let dir = tempfile::tempdir().unwrap();
    let state = tempfile::tempdir().unwrap();
    let subs = vec![
        sub(&server, "/broken.xml"),
        sub(&server, "/rss2-full.xml"),
        Subscription {
            title: Some("Gone".into()),
            ..sub(&server, "/gone.xml")
        },
    ];
    let (summary, _) = fetch_feeds(&subs, dir.path(), state.path());
    let line = summary.line("feed");
    assert!(
        line.starts_with("3 feeds, 2 new, 2 failed: ") && line.ends_with("; Gone (HTTP 404 Not Found)"),
        "{line}"
    );
    assert!(summary.outcomes[0]
        .error
        .as_deref()
        .unwrap()
        .starts_with("not a valid feed"));
}

/// The bundled binary end to end: `add`, `feeds import`/`export`, `fetch`.
#[test]
fn the_command_line_adds_fetches_and_converts() {
    let server = fixtures_server();
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("articles");
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_kiosk"))
            .args(args)
            .env("XDG_STATE_HOME", home.path().join("state"))
            .env("XDG_CONFIG_HOME", home.path().join("config"))
            .env("HOME", home.path())
            .env_remove("HTTP_PROXY")
            .env_remove("http_proxy")
            .env_remove("ALL_PROXY")
            .env_remove("all_proxy")
            .output()
            .unwrap()
    };
    let news = server.url("/news.html");
    let out = run(&["add", &news, "--dir", dir.to_str().unwrap(), "--tag", "later"]);
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "Harbour bridge reopens after repairs: 1 new\n1 page, 1 new\n"
    );
    assert!(out.status.success());
    let out = run(&["add", &server.url("/missing"), "--dir", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let missing = server.url("/missing");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        format!("{missing}: failed: HTTP 404 Not Found\n1 page, 0 new, 1 failed: {missing} (HTTP 404 Not Found)\n")
    );

    let urls = home.path().join("urls");
    std::fs::write(
        &urls,
        format!(
            "{} news \"~Local news\"\n{}\n",
            server.url("/rss2-full.xml"),
            server.url("/feed.json")
        ),
    )
    .unwrap();
    let out = run(&["feeds", "import", urls.to_str().unwrap()]);
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        format!(
            "2 feeds added, 2 in {}\n",
            home.path().join("config/kiosk/feeds.opml").display()
        )
    );
    let out = run(&["feeds", "export", "-"]);
    let opml = String::from_utf8_lossy(&out.stdout).into_owned();
    let expected = format!(
        "<outline type=\"rss\" text=\"Local news\" title=\"Local news\" xmlUrl=\"{}\" category=\"news\"/>",
        server.url("/rss2-full.xml")
    );
    assert!(opml.contains(&expected), "{opml}");
    let out = run(&["fetch", dir.to_str().unwrap()]);
    // Feeds report as they finish, in either order; the summary comes last.
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let mut lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.pop(), Some("2 feeds, 4 new"));
    lines.sort();
    assert_eq!(lines, ["JSON Journal: 2 new", "Local news: 2 new"]);
    let out = run(&["fetch", dir.to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&out.stdout).ends_with("2 feeds, 0 new\n"));
    let listed = run(&["list", dir.to_str().unwrap(), "--tag", "news"]);
    assert_eq!(String::from_utf8_lossy(&listed.stdout).lines().count(), 2);
}
