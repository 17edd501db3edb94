//! `kiosk list --json` writes its records by hand: byte for byte what
//! serde_json makes of the same record, for every article of the bundled
//! folder, the odd fixtures and a generated corpus.

use std::path::Path;

use kiosk::json::ArticleRecord;
use kiosk::Library;

use crate::common::{gen_corpus, odd_dir, seeds_dir};

fn assert_records_match(dir: &Path) -> usize {
    let library = Library::load_with(dir, None).expect("load");
    library.prepare();
    for (i, article) in library.articles().iter().enumerate() {
        let translations = library.translations(i);
        let (line, expected) = library.with_link_refs(i, |links| {
            let record = ArticleRecord::new(article, links, &translations);
            let mut line = Vec::new();
            record.write_line(&mut line);
            (line, serde_json::to_string(&record).expect("serialise") + "\n")
        });
        assert_eq!(String::from_utf8(line).expect("utf-8"), expected, "{}", article.id);
        // The links written are the article's.
        let written: serde_json::Value = serde_json::from_str(&expected).expect("json");
        assert_eq!(
            written["links"].as_array().map(Vec::len),
            Some(library.links(i).len()),
            "{}",
            article.id
        );
    }
    library.articles().len()
}

#[test]
fn hand_written_records_are_serde_jsons() {
    assert_eq!(assert_records_match(&seeds_dir()), 5);
    assert!(assert_records_match(&odd_dir()) > 10);
    let tmp = tempfile::tempdir().expect("tempdir");
    gen_corpus::write_corpus(tmp.path(), 200).expect("corpus");
    assert_eq!(assert_records_match(tmp.path()), 200);
}

/// Records written from the index cache (links read where the index keeps
/// them) are the records of the fresh load.
#[test]
fn records_from_the_index_are_the_fresh_ones() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("articles");
    gen_corpus::write_corpus(&dir, 100).expect("corpus");
    // Old enough that the index keeps every file.
    crate::index::age(&dir);
    let cache = tmp.path().join("cache");
    let lines = |library: &Library| -> Vec<String> {
        library.prepare();
        (0..library.articles().len())
            .map(|i| {
                let a = &library.articles()[i];
                let translations = library.translations(i);
                let mut line = Vec::new();
                library.with_link_refs(i, |links| {
                    ArticleRecord::new(a, links, &translations).write_line(&mut line)
                });
                String::from_utf8(line).expect("utf-8")
            })
            .collect()
    };
    let fresh = Library::load_with(&dir, Some(&cache)).expect("load");
    assert_eq!(fresh.from_index(), 0);
    let indexed = Library::load_with(&dir, Some(&cache)).expect("load");
    assert!(indexed.from_index() > 0);
    assert_eq!(lines(&indexed), lines(&fresh));
}

/// `list --json` makes only the translations: they are those a fully
/// prepared library gives, and those of one article found alone.
#[test]
fn translations_made_alone_are_the_prepared_ones() {
    for dir in [seeds_dir(), odd_dir()] {
        let alone = Library::load_with(&dir, None).expect("load");
        let single: Vec<Vec<kiosk::ArticleId>> = (0..alone.articles().len())
            .map(|i| alone.translations(i).into_owned())
            .collect();
        alone.prepare_translations();
        let prepared = Library::load_with(&dir, None).expect("load");
        prepared.prepare();
        for (i, one) in single.iter().enumerate() {
            assert_eq!(alone.translations(i), prepared.translations(i));
            assert_eq!(alone.translations(i).as_ref(), one.as_slice());
        }
    }
    let seeds = Library::load_with(seeds_dir(), None).expect("load");
    seeds.prepare_translations();
    assert!((0..seeds.articles().len()).any(|i| !seeds.translations(i).is_empty()));
}
