//! The index cache: a cached load gives exactly what a full load gives, and a
//! stale, corrupt or foreign index is never trusted.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use kiosk::{Library, Query};

use crate::common::{gen_corpus, ReadsArticles};

/// Sets every file's modification time an hour back, so that no file counts
/// as just modified (those are never cached).
pub(crate) fn age(dir: &Path) {
    let past = SystemTime::now() - Duration::from_secs(3600);
    for entry in walkdir(dir) {
        std::fs::File::options()
            .write(true)
            .open(&entry)
            .and_then(|f| f.set_modified(past))
            .expect("set mtime");
    }
}

fn walkdir(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).expect("read dir") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            out.extend(walkdir(&path));
        } else {
            out.push(path);
        }
    }
    out
}

/// Everything a library knows, as text: every article's metadata, links,
/// words, hash and body, the diagnostics, and the results of some searches.
fn fingerprint(lib: &Library) -> Vec<String> {
    let mut out: Vec<String> = lib
        .articles()
        .iter()
        .map(|a| {
            format!(
                "{} {} {}",
                serde_json::to_string(a).expect("json"),
                lib.body_of(a).len(),
                lib.body_of(a)
            )
        })
        .collect();
    out.extend(lib.diagnostics().iter().map(|d| d.to_string()));
    for text in [
        "uberwachung",
        "daten",
        "source 3",
        "netzpolitik regierung",
        "数据",
        "nothing-matches-this",
    ] {
        let query = Query {
            text: text.to_string(),
            drafts: true,
            ..Query::default()
        };
        out.push(format!("{text}: {:?}", lib.select(&query)));
    }
    out
}

struct Corpus {
    _tmp: tempfile::TempDir,
    dir: PathBuf,
    cache: PathBuf,
}

fn corpus(n: usize) -> Corpus {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("articles");
    gen_corpus::write_corpus(&dir, n).expect("corpus");
    // Odd shapes too: diagnostics and skipped files are cached as well.
    for entry in walkdir(&common_odd()) {
        let name = entry.file_name().expect("name").to_owned();
        // Only what kiosk reads: every file of the folder is then an entry.
        if name.to_string_lossy().starts_with('.') || entry.extension().is_some_and(|e| e == "json") {
            continue;
        }
        std::fs::copy(&entry, dir.join(name)).expect("copy fixture");
    }
    age(&dir);
    let cache = tmp.path().join("cache");
    Corpus { _tmp: tmp, dir, cache }
}

fn common_odd() -> PathBuf {
    super::common::odd_dir()
}

/// How many articles the corpus has.
fn lib_len(c: &Corpus) -> usize {
    Library::load(&c.dir).expect("load").articles().len()
}

fn load(c: &Corpus) -> Library {
    Library::load_with(&c.dir, Some(&c.cache)).expect("load")
}

#[test]
fn cached_load_equals_full_load() {
    let c = corpus(150);
    let full = Library::load(&c.dir).expect("load");
    let files = walkdir(&c.dir).len();
    let first = load(&c);
    assert_eq!(first.from_index(), 0, "no index yet");
    let second = load(&c);
    assert_eq!(second.from_index(), files, "every file from the index");
    let expected = fingerprint(&full);
    assert!(expected.len() > 150);
    assert_eq!(fingerprint(&first), expected);
    assert_eq!(fingerprint(&second), expected);
    // Nothing changed: the order the index keeps is used, not sorted again.
    let loaded = kiosk::load::load_dir_with(&c.dir, Some(&c.cache)).expect("load");
    assert_eq!(loaded.order.map(|o| o.len()), Some(second.articles().len()));
}

#[test]
fn changed_added_and_removed_files_are_seen() {
    let c = corpus(60);
    let files = walkdir(&c.dir);
    load(&c);
    let markdown: Vec<&PathBuf> = files
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    // Changed: new title, same length and an older mtime still differ in mtime.
    let changed = markdown[0];
    let text = std::fs::read_to_string(changed).expect("read");
    let text = text.replacen("title: ", "title: CHANGED ", 1);
    std::fs::write(changed, text).expect("write");
    std::fs::remove_file(markdown[1]).expect("remove");
    std::fs::write(c.dir.join("new.md"), "---\ntitle: A new one\n---\nBody.\n").expect("add");
    let loaded = kiosk::load::load_dir_with(&c.dir, Some(&c.cache)).expect("load");
    assert!(loaded.order.is_none(), "the kept order is for other files");
    let lib = load(&c);
    assert_eq!(
        lib.from_index(),
        files.len() - 2,
        "all but the changed and removed files"
    );
    assert_eq!(fingerprint(&lib), fingerprint(&Library::load(&c.dir).expect("load")));
    assert!(lib.articles().iter().any(|a| a.title.starts_with("CHANGED ")));
    assert!(lib.articles().iter().any(|a| a.title == "A new one"));
}

#[test]
fn just_modified_files_are_read_again() {
    let c = corpus(20);
    let files = walkdir(&c.dir);
    load(&c);
    // The same size and a fresh mtime: within the racy window, never cached.
    let touched = &files[0];
    std::fs::File::options()
        .write(true)
        .open(touched)
        .and_then(|f| f.set_modified(SystemTime::now()))
        .expect("touch");
    assert_eq!(load(&c).from_index(), files.len() - 1);
    assert_eq!(load(&c).from_index(), files.len() - 1, "still not cached while racy");
}

#[test]
fn corrupt_truncated_and_foreign_indexes_are_ignored() {
    let c = corpus(40);
    load(&c);
    let index = walkdir(&c.cache).pop().expect("an index file");
    let good = std::fs::read(&index).expect("read index");
    let expected = fingerprint(&Library::load(&c.dir).expect("load"));
    // The header says where the links begin: they are read only when asked for.
    let word = |at: usize| u64::from_le_bytes(good[at..at + 8].try_into().unwrap()) as usize;
    let links_start = word(24 + word(16));
    assert!(links_start > 100 && links_start < good.len());
    let mut flipped = good.clone();
    flipped[links_start / 2] ^= 0x40;
    // The chunk table follows the header: a chunk claiming to be endless.
    let table = 24 + word(16) + 24;
    let mut endless = good.clone();
    endless[table..table + 8].copy_from_slice(&u64::MAX.to_le_bytes());
    let mut longer = good.clone();
    longer[table..table + 8].copy_from_slice(&((word(table) + 1) as u64).to_le_bytes());
    let damaged: Vec<(&str, Vec<u8>)> = vec![
        ("flipped byte", flipped),
        ("endless chunk", endless),
        ("chunk longer than written", longer),
        ("truncated", good[..good.len() - 100].to_vec()),
        ("empty", Vec::new()),
        ("garbage", b"KIOSKIX1 this is not an index".repeat(50)),
        ("extra bytes", [good.as_slice(), b"more"].concat()),
    ];
    for (what, bytes) in damaged {
        std::fs::write(&index, &bytes).expect("write index");
        let lib = load(&c);
        assert_eq!(lib.from_index(), 0, "{what}: index not trusted");
        assert_eq!(fingerprint(&lib), expected, "{what}");
    }
    // A damaged order: the entries are used, and the articles sorted.
    let mut flipped = good.clone();
    let order_at = good.len() - 8 - 4 * lib_len(&c);
    flipped[order_at] ^= 0x01;
    std::fs::write(&index, &flipped).expect("write index");
    let loaded = kiosk::load::load_dir_with(&c.dir, Some(&c.cache)).expect("load");
    assert_eq!((loaded.from_index, loaded.order), (walkdir(&c.dir).len(), None));
    std::fs::write(&index, &flipped).expect("write index");
    assert_eq!(fingerprint(&load(&c)), expected, "sorted again");
    // Damaged links: the index is used, and an article whose links fail their
    // checksum has them parsed from its file again.
    let mut flipped = good.clone();
    for at in (links_start..order_at - 8).step_by(97) {
        flipped[at] ^= 0x40;
    }
    std::fs::write(&index, &flipped).expect("write index");
    let lib = load(&c);
    assert_eq!(lib.from_index(), walkdir(&c.dir).len(), "entries still trusted");
    assert_eq!(fingerprint(&lib), expected, "links parsed again");
    // An index written for another folder, under this folder's name.
    let other = corpus(5);
    load(&other);
    let other_index = walkdir(&other.cache).pop().expect("other index");
    std::fs::copy(other_index, &index).expect("copy");
    assert_eq!(load(&c).from_index(), 0, "foreign index not trusted");
}

#[test]
fn temporaries_left_by_killed_writers_are_removed_by_the_next_write() {
    let c = corpus(10);
    load(&c);
    let index = walkdir(&c.cache).pop().expect("an index file");
    let name = index.file_name().expect("name").to_string_lossy().into_owned();
    let plant = |file: &str, age: Duration| {
        let path = c.cache.join(file);
        std::fs::write(&path, b"half an index").expect("write");
        std::fs::File::options()
            .write(true)
            .open(&path)
            .and_then(|f| f.set_modified(SystemTime::now() - age))
            .expect("set mtime");
        path
    };
    let old = kiosk::atomic::STALE_TEMPORARY + Duration::from_secs(60);
    let stale = plant(&format!(".{name}.4242.tmp"), old);
    // A writer still at work, and files that are not this index's temporaries.
    let fresh = plant(&format!(".{name}.4243.tmp"), Duration::from_secs(1));
    let other_index = plant(".index-0000000000000000.bin.4244.tmp", old);
    let not_temporary = plant(&format!(".{name}.4245.kept"), old);
    // An unchanged folder writes nothing, and removes nothing.
    load(&c);
    assert!(stale.exists());
    std::fs::write(c.dir.join("new.md"), "---\ntitle: New\n---\nText.\n").expect("write");
    load(&c);
    assert!(!stale.exists(), "a killed writer's temporary is removed");
    for kept in [&fresh, &other_index, &not_temporary, &index] {
        assert!(kept.exists(), "{} is kept", kept.display());
    }
}

#[test]
fn an_unwritable_cache_only_costs_time() {
    let c = corpus(10);
    std::fs::write(c.dir.parent().expect("parent").join("cache"), "a file, not a folder").expect("write");
    let lib = load(&c);
    assert_eq!(fingerprint(&lib), fingerprint(&Library::load(&c.dir).expect("load")));
}

#[test]
fn the_command_line_uses_the_cache_unless_told_not_to() {
    let c = corpus(30);
    let run = |extra: &[&str]| {
        let mut args = vec!["list", c.dir.to_str().expect("utf-8"), "--json", "--drafts"];
        args.extend_from_slice(extra);
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_kiosk"))
            .args(&args)
            .env("XDG_CACHE_HOME", &c.cache)
            .env("XDG_CONFIG_HOME", "/nonexistent/kiosk-tests")
            .output()
            .expect("run");
        assert!(out.status.success());
        out.stdout
    };
    let uncached = run(&["--no-cache"]);
    assert!(!c.cache.exists(), "--no-cache writes no index");
    let first = run(&[]);
    assert!(walkdir(&c.cache.join("kiosk")).len() == 1, "one index file");
    let second = run(&[]);
    assert_eq!(first, uncached);
    assert_eq!(second, uncached);
}

#[test]
fn a_long_article_parsed_while_loading_is_not_parsed_again() {
    let tmp = tempfile::tempdir().unwrap();
    let body = "A paragraph with a [link](https://example.org/x) in it.\n\n".repeat(6000);
    std::fs::write(tmp.path().join("long.md"), format!("---\ntitle: Long\n---\n{body}")).unwrap();
    std::fs::write(tmp.path().join("short.md"), "---\ntitle: Short\n---\nShort.\n").unwrap();
    let lib = Library::load(tmp.path()).unwrap();
    let long = lib.articles().iter().find(|a| a.title == "Long").unwrap();
    let short = lib.articles().iter().find(|a| a.title == "Short").unwrap();
    // The same document twice: the one made while loading.
    assert!(std::sync::Arc::ptr_eq(&lib.document_of(long), &lib.document_of(long)));
    assert_eq!(lib.document_of(long).links.len(), 1);
    assert_eq!(lib.links_of(long).len(), 1);
    // Short articles are parsed when asked.
    assert!(!std::sync::Arc::ptr_eq(
        &lib.document_of(short),
        &lib.document_of(short)
    ));
}

#[test]
fn a_reload_folds_again_only_the_changed_text() {
    let c = corpus(40);
    let before = Library::load(&c.dir).unwrap();
    before.index_bodies();
    let files = walkdir(&c.dir);
    // A generated Markdown article (`a000123.md`).
    let changed = files
        .iter()
        .find(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with('a')))
        .unwrap();
    let text = std::fs::read_to_string(changed).unwrap();
    let edited = format!("{text}\nA xylophonic marker.\n");
    std::fs::write(changed, edited).unwrap();
    let after = Library::load(&c.dir).unwrap();
    let job = after.body_job_after(&before);
    assert_eq!(job.reused(), after.articles().len() - 1, "all but the changed article");
    job.run();
    assert!(after.bodies_indexed());
    let fresh = Library::load(&c.dir).unwrap();
    for text in ["xylophonic", "uberwachung", "source 2", "数据"] {
        let q = Query {
            text: text.to_string(),
            drafts: true,
            ..Query::default()
        };
        assert_eq!(after.select(&q), fresh.select(&q), "{text}");
    }
    let q = Query {
        text: "xylophonic".into(),
        drafts: true,
        ..Query::default()
    };
    assert_eq!(after.select(&q).len(), 1);
}

#[test]
fn the_translations_of_one_article_equal_the_pairing_of_the_whole_library() {
    let c = corpus(400);
    for dir in [
        c.dir.clone(),
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("articles"),
    ] {
        let lib = Library::load(&dir).expect("load");
        let articles = lib.articles();
        let all = kiosk::translations::find(articles);
        assert!(
            all.iter().any(|t| !t.is_empty()),
            "{}: no translations to compare",
            dir.display()
        );
        for (i, expected) in all.iter().enumerate() {
            assert_eq!(&kiosk::translations::of(articles, i), expected, "{}", articles[i].id);
        }
        // The library answers the same before and after it is prepared.
        let before: Vec<Vec<kiosk::ArticleId>> =
            (0..articles.len()).map(|i| lib.translations(i).into_owned()).collect();
        lib.prepare();
        let after: Vec<Vec<kiosk::ArticleId>> = (0..articles.len()).map(|i| lib.translations(i).into_owned()).collect();
        assert_eq!(before, all);
        assert_eq!(after, all);
    }
}

#[test]
fn the_preview_from_the_start_of_files_shows_what_the_full_load_shows() {
    let c = corpus(300);
    let bundled = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("articles");
    for dir in [c.dir.clone(), bundled, common_odd()] {
        let full = Library::load(&dir).expect("load");
        let preview = Library::load_preview(&dir, None).expect("preview");
        assert!(preview.is_preliminary() && !full.is_preliminary());
        let shown = |lib: &Library| -> Vec<String> {
            lib.articles()
                .iter()
                .map(|a| {
                    format!(
                        "{} {:?} {:?} {:?} {:?} {:?} {} {:?} {:?}",
                        a.id, a.title, a.date, a.lang, a.tags, a.summary, a.draft, a.format, a.cover
                    )
                })
                .collect()
        };
        assert_eq!(shown(&preview), shown(&full), "{}", dir.display());
        assert_eq!(preview.filter(&Query::default()), full.filter(&Query::default()));
        for (p, f) in preview.articles().iter().zip(full.articles()) {
            // What the preview does not know yet is found when asked for.
            assert!(p.is_preliminary(), "{}", p.id);
            assert_eq!(preview.links_of(p), full.links_of(f), "{}", p.id);
            assert_eq!(preview.content_hash(preview.position(p)), f.hash, "{}", p.id);
            assert_eq!(preview.body_of(p), full.body_of(f), "{}", p.id);
        }
    }
}

#[test]
fn the_index_is_tied_to_every_source_file_of_the_loader() {
    // A change to any of them must make older indexes unusable (load_cache.rs CODE).
    let src = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src");
    let index = std::fs::read_to_string(src.join("load_cache.rs")).expect("load_cache.rs");
    let mut files = vec![
        "article.rs".to_string(),
        "load.rs".into(),
        "load_cache.rs".into(),
        "document.rs".into(),
        "sanitize.rs".into(),
        "hash.rs".into(),
    ];
    for dir in ["article", "load", "document"] {
        for path in walkdir(&src.join(dir)) {
            let rel = path.strip_prefix(&src).expect("below src");
            files.push(rel.to_string_lossy().replace('\\', "/"));
        }
    }
    for file in files {
        assert!(
            index.contains(&format!("include_bytes!(\"{file}\")")),
            "src/load_cache.rs CODE does not hash {file}"
        );
    }
    // The order the index keeps is checked against the code that made it,
    // and the read marks are not the loader's: editing either leaves the
    // index usable.
    let order = std::fs::read_to_string(src.join("library/order.rs")).expect("order.rs");
    assert!(order.contains("include_bytes!(\"order.rs\")"), "library/order.rs CODE");
    assert!(!index.contains("include_bytes!(\"state.rs\")"));
    assert!(!index.contains("include_bytes!(\"library/order.rs\")"));
}
