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
        let record = ArticleRecord::new(article, &translations);
        let mut line = Vec::new();
        record.write_line(&mut line);
        let expected = serde_json::to_string(&record).expect("serialise") + "\n";
        assert_eq!(String::from_utf8(line).expect("utf-8"), expected, "{}", article.id);
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
