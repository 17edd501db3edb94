//! Ingest against a hostile network and hostile pages (issue 21, item 4):
//! one test per case, every server on 127.0.0.1 started by the test.

use std::io::Write;
use std::net::{TcpListener, TcpStream};
use std::time::Duration;

use kiosk::ingest::http::{Client, FetchError, Limits, ProxyEnv, USER_AGENT};

use super::http_server::{Response, Server};
use super::ingest::{add_pages, base_of, files};

fn client_with(limits: Limits) -> Client {
    Client::new(limits, ProxyEnv::default()).unwrap()
}

fn short() -> Limits {
    Limits {
        connect: Duration::from_millis(500),
        total: Duration::from_secs(2),
        max_body: 1 << 20,
        max_redirects: 5,
    }
}

fn page(title: &str, body: &str) -> String {
    format!("<html><head><title>{title}</title></head><body><article><h1>{title}</h1>{body}</article></body></html>")
}

/// A paragraph long enough for Readability to take the page for an article.
const PROSE: &str = "<p>The quick brown fox jumps over the lazy dog, again and again, for as long as it takes \
    the reader to see that this is a paragraph of prose, with commas, and more than enough words to count \
    as the content of an article rather than as navigation or a footer.</p>";

#[test]
fn connecting_is_bounded_by_the_connect_timeout() {
    // A listener that never accepts: once its queue is full, the kernel
    // drops further SYNs and a connect hangs until the client gives up.
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let mut held = Vec::new();
    for _ in 0..1024 {
        match TcpStream::connect_timeout(&addr, Duration::from_millis(100)) {
            Ok(s) => held.push(s),
            Err(_) => break,
        }
    }
    let client = client_with(Limits {
        connect: Duration::from_millis(300),
        total: Duration::from_secs(20),
        ..short()
    });
    let started = std::time::Instant::now();
    let err = client.get(&format!("http://{addr}/")).unwrap_err();
    assert!(matches!(err, FetchError::Timeout(_)), "{err}");
    assert!(started.elapsed() < Duration::from_secs(10));
}

#[test]
fn a_server_that_never_finishes_is_bounded_by_the_total_timeout() {
    let server = Server::start(|_| {
        let mut r = Response::ok("text/html", vec![b'x'; 200]);
        r.trickle = Some(Duration::from_millis(50));
        r
    });
    let err = client_with(Limits {
        total: Duration::from_secs(1),
        ..short()
    })
    .get(&server.url("/slow"))
    .unwrap_err();
    assert!(matches!(err, FetchError::Timeout(_)), "{err}");
    assert!(err.to_string().starts_with("timed out"), "{err}");
}

#[test]
fn bodies_are_capped() {
    let server = Server::start(|_| Response::ok("text/html", vec![b'a'; 2 << 20]));
    let err = client_with(short()).get(&server.url("/big")).unwrap_err();
    assert_eq!(err.to_string(), "response larger than 1048576 bytes");
}

#[test]
fn compressed_bodies_are_capped_after_decompression() {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(&vec![b'a'; 64 << 20]).unwrap();
    let bomb = gz.finish().unwrap();
    assert!(bomb.len() < 1 << 20, "the bomb itself is small: {}", bomb.len());
    let server = Server::start(move |_| Response::ok("text/html", bomb.clone()).header("Content-Encoding", "gzip"));
    let err = client_with(short()).get(&server.url("/bomb")).unwrap_err();
    assert_eq!(err.to_string(), "response larger than 1048576 bytes");
}

#[test]
fn at_most_five_redirects_are_followed() {
    // /hop/N redirects to /hop/N-1; /hop/0 is the page.
    let server = Server::start(|req| {
        let n: u32 = req.target.trim_start_matches("/hop/").parse().unwrap_or(0);
        if n == 0 {
            Response::ok("text/plain", "arrived")
        } else {
            Response::redirect(&format!("/hop/{}", n - 1))
        }
    });
    let client = client_with(short());
    let page = client.get(&server.url("/hop/5")).unwrap();
    assert_eq!(page.bytes, b"arrived");
    assert_eq!(page.url, server.url("/hop/0"));
    let err = client.get(&server.url("/hop/6")).unwrap_err();
    assert_eq!(err.to_string(), "more than 5 redirects");
    // A loop ends the same way.
    let looping = Server::start(|_| Response::redirect("/again"));
    assert!(matches!(
        client.get(&looping.url("/")),
        Err(FetchError::TooManyRedirects(5))
    ));
}

#[test]
fn http_errors_are_named() {
    let server = Server::start(|req| match req.target.as_str() {
        "/404" => Response::status(404),
        "/410" => Response::status(410),
        "/500" => Response::status(500),
        _ => Response::status(503),
    });
    let client = client_with(short());
    let named = |p: &str| client.get(&server.url(p)).unwrap_err().to_string();
    assert_eq!(named("/404"), "HTTP 404 Not Found");
    assert_eq!(named("/410"), "HTTP 410 Gone");
    assert_eq!(named("/500"), "HTTP 500 Internal Server Error");
    assert_eq!(named("/503"), "HTTP 503 Service Unavailable");
    let closed = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap();
    let err = client.get(&format!("http://{closed}/")).unwrap_err();
    assert!(err.to_string().starts_with("cannot connect"), "{err}");
    assert_eq!(
        client.get("file:///etc/passwd").unwrap_err().to_string(),
        "not an http or https URL: file:///etc/passwd"
    );
}

#[test]
fn requests_name_kiosk_and_its_version() {
    let server = Server::start(|_| Response::ok("text/plain", "ok"));
    client_with(short()).get(&server.url("/")).unwrap();
    let ua = server.requests()[0].headers.get("user-agent").cloned();
    assert_eq!(ua.as_deref(), Some(USER_AGENT));
    assert_eq!(USER_AGENT, concat!("kiosk/", env!("CARGO_PKG_VERSION")));
}

#[test]
fn the_proxy_is_used_unless_no_proxy_names_the_host() {
    // The proxy is a local server: it sees the absolute URL it is asked for.
    let proxy = Server::start(|req| Response::ok("text/plain", format!("proxied {}", req.target)));
    let origin = Server::start(|_| Response::ok("text/plain", "direct"));
    let via = |no_proxy: Vec<String>| {
        Client::new(
            short(),
            ProxyEnv {
                http: Some(proxy.base.clone()),
                https: Some(proxy.base.clone()),
                no_proxy,
            },
        )
        .unwrap()
    };
    let page = via(vec![]).get("http://kiosk-test.invalid/page").unwrap();
    assert_eq!(String::from_utf8_lossy(&page.bytes), "proxied /page");
    let asked = proxy.requests();
    assert_eq!(asked[0].method, "CONNECT");
    assert_eq!(asked[0].target, "kiosk-test.invalid:80");
    let page = via(vec!["127.0.0.1".into()]).get(&origin.url("/")).unwrap();
    assert_eq!(page.bytes, b"direct");
    assert_eq!(proxy.requests().len(), 2);
    assert_eq!(origin.requests().len(), 1);
}

#[test]
fn file_names_are_safe_whatever_the_title_and_collisions_are_suffixed() {
    let titles = [
        "../../etc/passwd",
        "..\\..\\windows\\system32",
        "\u{1b}]0;pwned\u{7}Title with\u{202e}bidi/and\\slashes",
        &"Very long title ".repeat(40),
        "...",
        "Same title",
        "Same title",
    ];
    let pages: Vec<String> = titles.iter().map(|t| page(&t.replace('<', ""), PROSE)).collect();
    let server = Server::start(move |req| {
        let i: usize = req.target.trim_start_matches('/').parse().unwrap_or(0);
        Response::ok("text/html", pages[i.min(6)].clone())
    });
    let dir = tempfile::tempdir().unwrap();
    let state = tempfile::tempdir().unwrap();
    let urls: Vec<String> = (0..titles.len()).map(|i| server.url(&format!("/{i}"))).collect();
    let summary = add_pages(&urls, dir.path(), state.path(), false);
    assert_eq!(summary.new_articles(), 7, "{:?}", summary);
    let names = files(dir.path());
    let today = chrono::Utc::now().date_naive().to_string();
    for name in &names {
        assert!(
            !name.contains('/') && !name.contains('\\') && !name.contains(".."),
            "{name}"
        );
        assert!(
            name.starts_with(&today) && name.ends_with(".md") && name.len() <= 120,
            "{name}"
        );
        assert!(name.chars().all(|c| !kiosk::sanitize::is_forbidden(c)), "{name:?}");
    }
    assert!(names.contains(&format!("{today}-same-title.md")));
    assert!(names.contains(&format!("{today}-same-title-2.md")));
    assert!(names.contains(&format!("{today}-etc-passwd.md")));
    assert!(names.contains(&format!("{today}-untitled.md")));
    // No temporary file is left behind by the atomic writes.
    assert!(std::fs::read_dir(dir.path()).unwrap().all(|e| !e
        .unwrap()
        .file_name()
        .to_string_lossy()
        .ends_with(".tmp")));
}

#[test]
fn a_file_the_user_edited_is_never_overwritten() {
    let server = Server::start(|_| Response::ok("text/html", page("Edited story", PROSE)));
    let dir = tempfile::tempdir().unwrap();
    let state = tempfile::tempdir().unwrap();
    let url = server.url("/story");
    add_pages(std::slice::from_ref(&url), dir.path(), state.path(), false);
    let path = dir.path().join(&files(dir.path())[0]);
    let mut edited = std::fs::read_to_string(&path).unwrap();
    edited.push_str("\nMy own notes.\n");
    std::fs::write(&path, &edited).unwrap();
    let forced = add_pages(std::slice::from_ref(&url), dir.path(), state.path(), true);
    let error = forced.outcomes[0].error.clone().unwrap();
    assert!(
        error.ends_with("was edited since kiosk saved it; left as it is"),
        "{error}"
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), edited);
    assert_eq!(files(dir.path()).len(), 1);
    // A file kiosk never wrote (no ledger entry) is not overwritten either.
    let other_state = tempfile::tempdir().unwrap();
    let forced = add_pages(std::slice::from_ref(&url), dir.path(), other_state.path(), true);
    assert!(forced.outcomes[0].error.is_some());
    assert_eq!(std::fs::read_to_string(&path).unwrap(), edited);
}

#[test]
fn scripts_styles_forms_and_trackers_never_reach_the_markdown() {
    let body = format!(
        "{PROSE}<script>document.write('evil')</script><style>.x{{color:red}}</style>\
         <form action=\"/login\"><input type=\"password\" name=\"pw\"><button>Log in</button></form>\
         <p onclick=\"steal()\">Click <a href=\"javascript:steal()\">here</a> or \
         <a href=\"/next?utm_source=feed&amp;utm_campaign=x&amp;page=2&amp;fbclid=abc\">next</a>.</p>\
         <img src=\"https://t.example/p.gif\" width=\"1\" height=\"1\"><img src=\"data:image/png;base64,AAAA\" alt=\"inline\">\
         <iframe src=\"https://ads.example/\"></iframe><noscript><img src=\"https://t.example/ns.gif\"></noscript>{PROSE}"
    );
    let html = page("Clean story", &body);
    let server = Server::start(move |_| Response::ok("text/html", html.clone()));
    let dir = tempfile::tempdir().unwrap();
    let state = tempfile::tempdir().unwrap();
    add_pages(&[server.url("/clean")], dir.path(), state.path(), false);
    let text = std::fs::read_to_string(dir.path().join(&files(dir.path())[0])).unwrap();
    for banned in [
        "evil",
        "color:red",
        "password",
        "Log in",
        "javascript",
        "steal",
        "utm_",
        "fbclid",
        "t.example",
        "data:",
        "ads.example",
        "<",
    ] {
        assert!(!text.contains(banned), "{banned} in {text}");
    }
    assert!(
        text.contains(&format!("Click here or [next]({}/next?page=2).", server.base)),
        "{text}"
    );
}

#[test]
fn everything_written_passes_the_sanitiser() {
    let nasty = "Title \u{1b}[31mred\u{1b}[0m \u{202e}desrever\u{202c} \u{200b}zw \u{7}bell";
    let body = format!("<p>Body \u{1b}]52;c;ZXZpbA==\u{7} with \u{1b}[2J escapes and \u{2066}isolates\u{2069} and \u{0}nul.</p>{PROSE}");
    let html = format!(
        "<html lang=\"en\"><head><title>{nasty}</title><meta name=\"author\" content=\"Eve \u{1b}[1mBold\">\
         <meta name=\"description\" content=\"Sum\u{202e}mary\"></head><body><article><h1>{nasty}</h1>{body}</article></body></html>"
    );
    let server = Server::start(move |req| {
        let _ = base_of(req);
        Response::ok("text/html; charset=utf-8", html.clone())
    });
    let dir = tempfile::tempdir().unwrap();
    let state = tempfile::tempdir().unwrap();
    let summary = add_pages(&[server.url("/nasty")], dir.path(), state.path(), false);
    assert_eq!(summary.new_articles(), 1, "{summary:?}");
    let text = std::fs::read_to_string(dir.path().join(&files(dir.path())[0])).unwrap();
    assert_eq!(kiosk::sanitize::sanitize(&text), text.as_str());
    assert!(text.contains("title: Title red desrever zw bell\n"), "{text}");
    assert!(text.contains("Body with escapes and isolates and nul."), "{text}");
    assert!(!text.contains("ZXZpbA"), "{text}");
}
