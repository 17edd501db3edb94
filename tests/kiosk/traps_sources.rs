//! Issue 18 items 10 and 11: links that are not web pages are grouped, not
//! counted as domains, and counts past 999 keep the columns aligned.

use kiosk::sources::{collect, count_widths, counts, Kind, SortBy};
use kiosk::tui::action::Action;
use kiosk::tui::app::App;
use kiosk::Library;

use crate::common::{kiosk, stdout};

fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let write = |path: &str, text: &str| {
        let path = dir.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    write(
        "a.md",
        "---\ntitle: A\ndate: 2024-01-02\n---\n\
         [web](https://www.example.org/x) [mail](mailto:me@example.org) \
         [passwd](file:///etc/passwd) [js](javascript:alert(1)) [up](../other.md) \
         [b](sub/b.md) [b again](sub/b.md#part) [c](/posts/c/) [self](#top) [pic](img/p.png)\n",
    );
    write(
        "sub/b.md",
        "---\ntitle: B\ndate: 2024-01-01\n---\n[a](../a.md) [web](https://example.org/y)\n",
    );
    write(
        "content/posts/c/index.md",
        "---\ntitle: C\ndate: 2023-01-01\n---\ntext\n",
    );
    dir
}

#[test]
fn item_10_mail_not_web_and_this_folder_are_groups_not_domains() {
    let dir = folder();
    let lib = Library::load(dir.path()).unwrap();
    let all: Vec<usize> = (0..lib.articles().len()).collect();
    let domains = collect(&lib, &all, SortBy::Count);
    let names: Vec<(&str, Kind, usize)> = domains.iter().map(|d| (d.name.as_str(), d.kind, d.links)).collect();
    assert_eq!(
        names,
        [
            ("example.org", Kind::Web, 2),
            ("this folder", Kind::ThisFolder, 5),
            ("mail", Kind::Mail, 1),
            ("not web", Kind::NotWeb, 4),
        ]
    );
    let group = |kind| domains.iter().find(|d| d.kind == kind).unwrap();
    let not_web: Vec<&str> = group(Kind::NotWeb).urls.iter().map(|u| u.url.as_str()).collect();
    for url in ["file:///etc/passwd", "javascript:alert(1)", "../other.md", "img/p.png"] {
        assert!(not_web.contains(&url), "{url} in {not_web:?}");
    }
    let id = |i: usize| lib.articles()[i].id.as_str().to_string();
    let targets: Vec<(String, String)> = group(Kind::ThisFolder)
        .urls
        .iter()
        .map(|u| (u.url.clone(), id(u.target.unwrap())))
        .collect();
    for (url, target) in [
        ("sub/b.md", "sub/b"),
        ("sub/b.md#part", "sub/b"),
        ("../a.md", "a"),
        ("/posts/c/", "content/posts/c/index"),
        ("#top", "a"),
    ] {
        assert!(
            targets.contains(&(url.to_string(), target.to_string())),
            "{url} -> {target}: {targets:?}"
        );
    }

    // The reader: Enter on a not-web link opens nothing and says so; on a
    // link of this folder it opens that article.
    let mut app = App::new(Library::load(dir.path()).unwrap(), (120, 40), false);
    app.update(Action::Sources);
    let rows = |app: &App| app.sources().unwrap().rows().len();
    let groups = rows(&app);
    assert_eq!(groups, 4);
    for _ in 0..3 {
        app.update(Action::Down);
    }
    app.update(Action::Toggle);
    app.update(Action::Down);
    assert_eq!(app.update(Action::Confirm), None, "not opened");
    assert!(app
        .message
        .as_deref()
        .unwrap()
        .starts_with("not a web link, not opened: "));
    let screen = crate::common::screen(&app);
    assert!(screen.contains("(not web)") && screen.contains("(mail)"), "{screen}");
    assert!(screen.contains("Sources: 1 domain, 12 links"), "{screen}");

    // kiosk sources, text and JSON.
    let path = dir.path().to_str().unwrap();
    let text = stdout(&kiosk(&["sources", path]));
    let heads: Vec<&str> = text.lines().filter(|l| !l.starts_with("      ")).collect();
    assert_eq!(
        heads,
        [
            "   2 links   2 articles  example.org",
            "   5 links   2 articles  (this folder)",
            "   1 link    1 article   (mail)",
            "   4 links   1 article   (not web)",
        ]
    );
    let json: Vec<serde_json::Value> = stdout(&kiosk(&["sources", path, "--json"]))
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let kinds: Vec<&str> = json.iter().map(|v| v["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["web", "this-folder", "mail", "not-web"]);
    assert_eq!(json[1]["domain"], "this folder");
    assert!(json[1]["urls"]
        .as_array()
        .unwrap()
        .iter()
        .any(|u| u["url"] == "sub/b.md" && u["target"] == "sub/b"));
    assert_eq!(json[3]["urls"][0]["target"], serde_json::Value::Null);
}

#[test]
fn item_10_real_sites_link_their_articles_by_site_address() {
    // The Zola docs link pages as `@/documentation/...md`, the glossary
    // (Hugo) as `/term/`: both are this folder, not `..` or empty domains.
    for (site, least) in [("zola", 20), ("glossary", 300), ("congo", 100)] {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .ancestors()
            .map(|up| up.join("shared/realworld").join(site))
            .find(|p| p.is_dir())
            .unwrap();
        let lib = Library::load(&root).unwrap();
        let all: Vec<usize> = (0..lib.articles().len()).collect();
        let domains = collect(&lib, &all, SortBy::Count);
        let here = domains.iter().find(|d| d.kind == Kind::ThisFolder).unwrap();
        assert!(here.links >= least, "{site}: {} links to this folder", here.links);
        for d in domains.iter().filter(|d| d.kind == Kind::Web) {
            assert!(
                !d.name.is_empty() && d.name != "..",
                "{site}: a web domain {:?}",
                d.name
            );
            assert!(
                d.urls.iter().all(|u| u.url.contains("//")),
                "{site}: {:?}",
                d.urls[0].url
            );
        }
    }
}

#[test]
fn item_11_counts_past_999_keep_the_columns_aligned() {
    let dir = tempfile::tempdir().unwrap();
    // One article citing 1,200 pages of one domain and one of another.
    let mut body = String::from("---\ntitle: Many\n---\n");
    for k in 0..1200 {
        body.push_str(&format!("[p{k}](https://big.example/{k}) "));
    }
    body.push_str("[s](https://small.example/)\n");
    std::fs::write(dir.path().join("many.md"), body).unwrap();
    let lib = Library::load(dir.path()).unwrap();
    let domains = collect(&lib, &[0], SortBy::Count);
    let widths = count_widths(&domains);
    assert_eq!(widths, (4, 3));
    let rows: Vec<String> = domains.iter().map(|d| counts(d, widths)).collect();
    assert_eq!(rows, ["1200 links   1 article ", "   1 link    1 article "]);
    // The view: the names start in one column.
    let mut app = App::new(lib, (100, 20), false);
    app.update(Action::Sources);
    let screen = crate::common::screen(&app);
    let columns: Vec<usize> = ["big.example", "small.example"]
        .iter()
        .map(|name| {
            let line = screen.lines().find(|l| l.contains(name)).unwrap();
            line[..line.find(name).unwrap()].chars().count()
        })
        .collect();
    assert_eq!(columns[0], columns[1], "{screen}");
    // Wider still: the columns grow with the largest count.
    let domain = |links, articles: usize| kiosk::sources::Domain {
        kind: Kind::Web,
        name: "x".into(),
        links,
        articles: (0..articles).collect(),
        urls: Vec::new(),
    };
    let many = [domain(123_456, 1_000), domain(7, 1)];
    assert_eq!(count_widths(&many), (6, 4));
    assert_eq!(counts(&many[1], (6, 4)), "     7 links    1 article ");
}
