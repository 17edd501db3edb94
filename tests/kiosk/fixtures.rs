//! Odd shapes: each file of tests/fixtures/odd, and hostile files made on the fly.

use std::fs;
use std::path::Path;

use kiosk::sanitize::is_forbidden;
use kiosk::{Date, Level, Library, Query};

use crate::common::{article, odd_dir, ReadsArticles};

fn odd() -> Library {
    Library::load(odd_dir()).expect("fixtures load")
}

fn diagnostics_for(lib: &Library, path: &str) -> Vec<(Level, String)> {
    lib.diagnostics()
        .iter()
        .filter(|d| d.path == Path::new(path))
        .map(|d| (d.level, d.message.clone()))
        .collect()
}

#[test]
fn bom_and_crlf_are_tolerated() {
    let lib = odd();
    let a = article(&lib, "bom_crlf");
    assert_eq!(a.title, "BOM and CRLF");
    assert_eq!(a.date, Date::new(2021, 3, 4));
    assert_eq!(a.tags, ["a", "b"]);
    assert_eq!(a.lang_code(), Some("en"));
    assert!(!lib.body_of(a).contains('\r'));
    assert!(diagnostics_for(&lib, "bom_crlf.md").is_empty());
}

#[test]
fn toml_front_matter_and_zola_taxonomies() {
    let lib = odd();
    let a = article(&lib, "toml_front");
    assert_eq!(a.title, "Zola style");
    assert_eq!(a.date, Date::new(2022, 5, 6));
    assert_eq!(a.summary.as_deref(), Some("From TOML."));
    assert_eq!(a.lang_code(), Some("de"));
    assert_eq!(a.tags, ["rust", "tui"]);
    assert_eq!(a.translation_key.as_deref(), Some("zola"));
    assert_eq!(lib.links_of(a)[0].title.as_deref(), Some("Zed"));
}

#[test]
fn tag_lists_categories_summary_and_unknown_fields() {
    let lib = odd();
    let a = article(&lib, "tags_list");
    assert_eq!(a.tags, ["one", "two", "three"]);
    assert_eq!(a.date, Date::new(2019, 1, 2));
    assert_eq!(a.summary.as_deref(), Some("Summary field wins over description."));
    assert_eq!(
        a.extra.get("weird_field").map(String::as_str),
        Some(r#"{"nested":[1,2]}"#)
    );
    assert_eq!(a.extra.get("description").map(String::as_str), None);
}

#[test]
fn broken_yaml_is_listed_with_what_was_recovered() {
    let lib = odd();
    let a = article(&lib, "broken_yaml");
    assert_eq!(a.title, "Recovered title");
    assert_eq!(a.date, Date::new(2018, 7, 8));
    assert!(a.tags.is_empty());
    assert!(lib.body_of(a).contains("The body is still here."));
    let d = diagnostics_for(&lib, "broken_yaml.md");
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].0, Level::Error);
    assert!(d[0].1.starts_with("invalid YAML front matter"), "{}", d[0].1);
    assert!(d[0].1.ends_with("recovered title, date"), "{}", d[0].1);
}

#[test]
fn wrong_types_are_named_and_title_falls_back_to_body() {
    let lib = odd();
    let a = article(&lib, "wrong_types");
    assert_eq!(a.title, "Title from the body heading");
    assert_eq!(a.date, None);
    assert!(!a.draft);
    let d = diagnostics_for(&lib, "wrong_types.md");
    let messages: Vec<&str> = d.iter().map(|(_, m)| m.as_str()).collect();
    assert_eq!(
        messages,
        [
            "title: expected text, found a list",
            "draft: expected true or false, found \"perhaps\"",
            "tags: expected text or a list, found a map",
            "date: cannot read \"someday\" as a date",
        ]
    );
    assert!(d.iter().all(|(l, _)| *l == Level::Error));
}

#[test]
fn drafts_are_hidden_unless_asked_for() {
    let lib = odd();
    let visible = lib.select(&Query::default());
    assert!(visible.iter().all(|&i| lib.articles()[i].id.as_str() != "draft"));
    let all = lib.select(&Query {
        drafts: true,
        ..Query::default()
    });
    assert_eq!(all.len(), visible.len() + 1);
    assert!(article(&lib, "draft").draft);
}

#[test]
fn empty_whitespace_and_hidden_files_are_skipped() {
    let lib = odd();
    assert!(lib
        .articles()
        .iter()
        .all(|a| !["empty", "whitespace", ".hidden"].contains(&a.id.as_str())));
    assert_eq!(
        diagnostics_for(&lib, "empty.md"),
        [(Level::Warning, "empty file; skipped".to_string())]
    );
    assert_eq!(
        diagnostics_for(&lib, "whitespace.txt"),
        [(Level::Warning, "empty file; skipped".to_string())]
    );
    assert!(diagnostics_for(&lib, ".hidden.md").is_empty());
}

#[test]
fn invalid_utf8_is_decoded_lossily() {
    let lib = odd();
    let a = article(&lib, "latin");
    assert_eq!(a.title, "Title \u{fffd}\u{fffd} broken bytes");
    assert!(lib.body_of(a).contains("invalid \u{fffd}( UTF-8"));
    assert_eq!(diagnostics_for(&lib, "latin.txt")[0].0, Level::Warning);
}

#[test]
fn unclosed_front_matter_is_body_and_an_error() {
    let lib = odd();
    let a = article(&lib, "unclosed");
    assert!(lib.body_of(a).contains("The whole file is body then."));
    assert_eq!(diagnostics_for(&lib, "unclosed.md")[0].0, Level::Error);
}

#[test]
fn subfolders_ids_and_suffix_translations() {
    let lib = odd();
    let de = article(&lib, "sub/story.de");
    let en = article(&lib, "sub/story.en");
    assert_eq!(de.path, Path::new("sub/story.de.md"));
    assert_eq!(
        lib.translations(lib.index_of(&de.id).unwrap())[0].as_str(),
        "sub/story.en"
    );
    assert_eq!(
        lib.translations(lib.index_of(&en.id).unwrap())[0].as_str(),
        "sub/story.de"
    );
    let plain = article(&lib, "sub/deeper/plain");
    assert!(plain.title.starts_with("This first line is a long sentence"));
    assert!(plain.title.ends_with('…'));
    assert!(plain.title.chars().count() <= 100);
    assert_eq!(lib.document_of(plain).headings()[0].text, "Subheading here");
    assert_eq!(lib.links_of(plain)[0].url, "https://example.com/path");
    assert!(lib.articles().iter().all(|a| !a.id.as_str().contains("ignored")));
}

#[test]
fn hostile_text_is_clean_everywhere() {
    let lib = odd();
    let a = article(&lib, "hostile");
    assert_eq!(a.title, "Evil title red");
    assert_eq!(a.tags, ["tag", "ok"]);
    assert_eq!(a.summary.as_deref(), Some("summary"));
    assert_eq!(lib.links_of(a)[0].text, "link");
    let mut all = vec![a.title.clone(), lib.body_of(a).to_string(), a.summary.clone().unwrap()];
    all.extend(a.tags.iter().cloned());
    for l in lib.links_of(a) {
        all.extend([l.text.clone(), l.url.clone(), l.title.clone().unwrap_or_default()]);
    }
    all.push(lib.document_of(a).plain_text().replace('\n', " "));
    for text in all {
        let bad: Vec<char> = text.chars().filter(|&c| c != '\n' && is_forbidden(c)).collect();
        assert!(bad.is_empty(), "{text:?} keeps {bad:?}");
    }
}

#[test]
fn binary_files_symlink_loops_and_fifos_on_the_fly() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::write(root.join("ok.md"), "---\ntitle: Fine\n---\nText.\n").unwrap();
    fs::write(root.join("image.md"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    fs::create_dir(root.join("loop")).unwrap();
    std::os::unix::fs::symlink("..", root.join("loop/back")).unwrap();
    let fifo = root.join("pipe.md");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .map(|s| s.success())
        .unwrap_or(false);
    let lib = Library::load(root).unwrap();
    assert_eq!(lib.articles().len(), 1, "{:?}", lib.diagnostics());
    assert_eq!(lib.articles()[0].title, "Fine");
    let messages: Vec<String> = lib.diagnostics().iter().map(|d| d.to_string()).collect();
    assert!(
        messages.contains(&"image.md: warning: binary file (contains NUL bytes); skipped".to_string()),
        "{messages:?}"
    );
    assert!(
        messages
            .iter()
            .any(|m| m.starts_with("loop/back: warning: symbolic link loop")),
        "{messages:?}"
    );
    if made {
        assert!(
            messages
                .iter()
                .any(|m| m.starts_with("pipe.md: warning: not a regular file")),
            "{messages:?}"
        );
    }
}

#[test]
fn a_missing_folder_is_an_error_not_a_panic() {
    assert!(Library::load("/no/such/folder/kiosk").is_err());
    let file = odd_dir().join("draft.md");
    assert!(Library::load(file).is_err());
}

#[test]
fn a_generated_folder_of_many_articles_loads() {
    let dir = tempfile::tempdir().unwrap();
    let n = 600;
    for i in 0..n {
        let body = if i % 3 == 0 {
            format!("Plain title {i}\nDer Text {i} hat eine Quelle https://example.org/{i} und mehr Wörter.\n")
        } else {
            format!(
                "---\ntitle: Article {i}\ndate: 2020-01-{:02}\ntags: [t{}]\nlang: en\n---\nBody {i} with [a link](https://example.com/{i}).\n",
                i % 28 + 1,
                i % 7
            )
        };
        let sub = root_sub(dir.path(), i);
        fs::write(sub.join(format!("a{i}.md")), body).unwrap();
    }
    let lib = Library::load(dir.path()).unwrap();
    assert_eq!(lib.articles().len(), n);
    assert!(lib.diagnostics().is_empty());
    assert_eq!(
        lib.select(&Query {
            tags: vec!["t3".into()],
            ..Query::default()
        })
        .len(),
        (0..n).filter(|i| i % 3 != 0 && i % 7 == 3).count()
    );
    assert!(lib.articles().iter().all(|a| lib.links_of(a).len() == 1));
}

fn root_sub(root: &Path, i: usize) -> std::path::PathBuf {
    let sub = root.join(format!("d{}", i % 10));
    fs::create_dir_all(&sub).unwrap();
    sub
}
