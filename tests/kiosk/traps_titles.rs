//! Issue 18, item 13: titles and quotations of plain-text articles.

use kiosk::document::{BlockKind, Container};
use kiosk::Library;

use crate::common::{article, kiosk, seeds, stdout, ReadsArticles};

const P1: &str = "001_8fa43bf7fe4e0427";

/// The blocks of a document as (kind, containers, text).
fn blocks(doc: &kiosk::Document) -> Vec<(BlockKind, Vec<Container>, String)> {
    doc.blocks
        .iter()
        .map(|b| (b.kind.clone(), b.containers.clone(), b.plain_text()))
        .collect()
}

fn folder(files: &[(&str, &str)]) -> (tempfile::TempDir, Library) {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    let lib = Library::load(dir.path()).unwrap();
    (dir, lib)
}

#[test]
fn item_13_a_long_first_sentence_makes_a_title_cut_where_a_phrase_ends() {
    let lib = seeds();
    let p1 = article(&lib, P1);
    // Cut at a word boundary, not after "in der" or "gegen".
    assert_eq!(
        p1.title,
        "Die chinesische Social-Media-Plattform TikTok musste sich in der Vergangenheit…"
    );
    // Shortened, so the body keeps the whole sentence.
    let doc = lib.document_of(p1);
    assert!(doc.blocks[0]
        .plain_text()
        .starts_with("Die chinesische Social-Media-Plattform TikTok musste sich in der Vergangenheit wiederholt"));

    let long = "Die Stadtverwaltung hat am Montag nach langer Sitzung des Rates entschieden, \
                dass die Brücke über den Fluss im kommenden Jahr abgerissen und neu gebaut wird. Mehr.\nText.\n";
    let cases = [
        // A clause in the second half ends the title.
        (long, "Die Stadtverwaltung hat am Montag nach langer Sitzung des Rates entschieden…"),
        // No clause: the last word that leaves nothing hanging.
        (
            "The committee met again on Thursday to discuss the future of the old harbour in the north of the city and its people.\nMore.\n",
            "The committee met again on Thursday to discuss the future of the old harbour…",
        ),
    ];
    for (text, title) in cases {
        let (_dir, lib) = folder(&[("a.txt", text)]);
        assert_eq!(lib.articles()[0].title, title);
        assert!(lib.articles()[0].title.chars().count() <= 81);
    }
}

#[test]
fn item_13_a_whole_first_sentence_is_the_title_and_not_repeated() {
    let text = "Regierung beschließt neues Gesetz zum Datenschutz. Der Bundestag hat am Freitag \
                mit großer Mehrheit ein Gesetz beschlossen, das Unternehmen strenger kontrolliert.\n\
                Kritiker sprechen von einem ersten Schritt, der nicht weit genug gehe.\n";
    let (dir, lib) = folder(&[("gesetz.txt", text)]);
    let a = &lib.articles()[0];
    assert_eq!(a.title, "Regierung beschließt neues Gesetz zum Datenschutz");
    let doc = lib.document_of(a);
    assert!(doc.blocks[0].plain_text().starts_with("Der Bundestag hat am Freitag"));
    // `kiosk show` prints the sentence once, as the title.
    let path = dir.path().join("gesetz.txt");
    let shown = stdout(&kiosk(&["show", "--width", "80", path.to_str().unwrap()]));
    assert_eq!(shown.matches("Regierung beschließt").count(), 1, "{shown}");
    assert!(
        shown.starts_with("Regierung beschließt neues Gesetz zum Datenschutz\n"),
        "{shown}"
    );

    // An article of one sentence keeps it as its body as well.
    let (_dir, lib) = folder(&[("one.txt", "Nur dieser eine Satz steht hier.\n")]);
    assert_eq!(lib.articles()[0].title, "Nur dieser eine Satz steht hier");
    assert_eq!(lib.document_of(&lib.articles()[0]).blocks.len(), 1);
}

#[test]
fn item_13_the_line_after_a_quotation_is_its_attribution() {
    let lib = seeds();
    let doc = lib.document_of(article(&lib, P1));
    let all = blocks(&doc);
    let at = all
        .iter()
        .position(|(_, _, t)| t == "Ich erhalte meine Instruktionen von der Zentrale in Peking.")
        .expect("the pull quote");
    // The pull quote (quoted again later in the article) and the line after it.
    assert_eq!(all[at].0, BlockKind::Paragraph);
    assert_eq!(all[at].1, [Container::Quote]);
    let dash = Container::Item {
        marker: "— ".to_string(),
        first: true,
    };
    assert_eq!(
        all[at + 1],
        (
            BlockKind::Paragraph,
            vec![Container::Quote, dash.clone()],
            "Anonymer TikTok-Mitarbeiter in den USA".to_string()
        )
    );
    assert!(doc
        .headings()
        .iter()
        .all(|h| h.text != "Anonymer TikTok-Mitarbeiter in den USA"));

    let text = "Die Firma stellte am Dienstag ihre Zahlen für das vergangene Quartal vor.\n\
                „Wir sind mit dem Ergebnis sehr zufrieden.“\n\
                — Anna Muster, Sprecherin\n\
                Ausblick auf das Jahr\n\
                Für das kommende Jahr erwartet das Unternehmen weiteres Wachstum.\n\
                \"Nobody expected this.\"\n\
                Jane Doe\n\
                Jim Roe\n\
                The end of the article is here.\n";
    let (_dir, lib) = folder(&[("firma.txt", text)]);
    let all = blocks(&lib.document_of(&lib.articles()[0]));
    let kinds: Vec<(BlockKind, usize)> = all.iter().map(|(k, c, _)| (k.clone(), c.len())).collect();
    assert_eq!(
        kinds,
        [
            (BlockKind::Paragraph, 1),
            (BlockKind::Paragraph, 2),
            // A short line after an ordinary paragraph stays a subheading.
            (BlockKind::Heading(3), 0),
            (BlockKind::Paragraph, 0),
            // Two short lines after a quotation are not one attribution.
            (BlockKind::Paragraph, 0),
            (BlockKind::Paragraph, 0),
            (BlockKind::Paragraph, 0),
            (BlockKind::Paragraph, 0),
        ]
    );
    assert_eq!(all[1].2, "Anna Muster, Sprecherin");
    assert_eq!(all[1].1[1], dash);
}

#[test]
fn item_13_an_attribution_reads_as_one_in_kiosk_show() {
    let out = stdout(&kiosk(&["show", "--width", "80", &format!("articles/{P1}.txt")]));
    assert!(
        out.contains("│ Ich erhalte meine Instruktionen von der Zentrale in Peking.\n│ — Anonymer TikTok-Mitarbeiter in den USA\n"),
        "{out}"
    );
}
