//! What loading gathers of a body without building its document (links,
//! words, the title and language candidates) is what the whole document
//! gives: on generated Markdown, the bundled articles, the odd fixtures and
//! the generated corpus.

use std::path::Path;

use kiosk::document::{markdown_facts, parse_markdown, parse_plain, plain_facts, Facts};
use kiosk::load::lang::SAMPLE_CHARS;
use kiosk::{Format, Library};
use proptest::prelude::*;

use crate::common::{gen_corpus, odd_dir, seeds_dir, ReadsArticles};

fn assert_agree(text: &str, sample: usize) {
    assert_eq!(
        markdown_facts(text, sample),
        Facts::of(&parse_markdown(text), sample),
        "{text:?}"
    );
    assert_eq!(
        plain_facts(text, sample),
        Facts::of(&parse_plain(text), sample),
        "{text:?}"
    );
}

fn assert_library_agrees(dir: &Path) -> usize {
    let library = Library::load_with(dir, None).expect("load");
    for article in library.articles() {
        let doc = library.document_of(article);
        let facts = match article.format {
            Format::Markdown => markdown_facts(library.body_of(article), SAMPLE_CHARS),
            Format::Plain => plain_facts(library.body_of(article), SAMPLE_CHARS),
        };
        assert_eq!(facts, Facts::of(&doc, SAMPLE_CHARS), "{}", article.id);
        // And the loaded article carries them.
        assert_eq!(article.words, facts.words, "{}", article.id);
        assert_eq!(library.links_of(article), facts.links.as_slice(), "{}", article.id);
    }
    library.articles().len()
}

/// Pieces of Markdown that become blocks, inlines and links.
const TOKENS: &[&str] = &[
    "\n",
    "\n\n",
    "# ",
    "## ",
    "### ",
    "> ",
    "- ",
    "1. ",
    "```\n",
    "    ",
    "| a | b |\n|---|---|\n| c | d |\n",
    "*",
    "**",
    "~~",
    "`",
    "[t](https://x.y/z \"T\")",
    "[](https://e.f)",
    "![i](p.png)",
    "[**b** c](u)",
    "https://a.b/c ",
    "(www.d.e)",
    "[^1]",
    "[^1]: note\n",
    "<br>",
    "  \n",
    "\u{a0}",
    "\u{3000}",
    "\u{2009}",
    "---\n",
    "[r]\n\n[r]: https://r.s\n",
    "<div>\nhtml\n</div>\n",
    "- [x] done\n",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    /// Markdown of every kind the parser turns into blocks: headings, quotes,
    /// lists, code, tables, emphasis, links with titles, images, bare URLs,
    /// footnotes, breaks and white space of every width.
    #[test]
    fn gathered_facts_are_the_documents(
        parts in proptest::collection::vec(prop_oneof![
            "[a-zäöü大 ]{0,12}",
            proptest::sample::select(TOKENS).prop_map(str::to_string),
        ], 0..60),
        sample in 0usize..300,
    ) {
        assert_agree(&parts.concat(), sample);
    }
}

#[test]
fn bundled_articles_and_odd_fixtures_agree() {
    assert_eq!(assert_library_agrees(&seeds_dir()), 5);
    assert!(assert_library_agrees(&odd_dir()) > 10);
}

#[test]
fn generated_corpus_agrees() {
    let tmp = tempfile::tempdir().expect("tempdir");
    gen_corpus::write_corpus(tmp.path(), 300).expect("corpus");
    assert_eq!(assert_library_agrees(tmp.path()), 300);
}
