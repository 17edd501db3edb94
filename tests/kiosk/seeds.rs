//! Exact expectations on the five real seed articles.

use kiosk::{Date, Format, Query};

use crate::common::{article, seeds, ReadsArticles};

const DE: &str = "000_f9bd4a49aeb422e6";
const EN: &str = "003_99cfcbda6ab29d43";
const P1: &str = "001_8fa43bf7fe4e0427";
const P2: &str = "002_febce40671cb284b";
const P4: &str = "004_afe6046d54508ad7";

#[test]
fn all_five_load_without_diagnostics() {
    let lib = seeds();
    assert_eq!(lib.articles().len(), 5);
    assert!(lib.diagnostics().is_empty(), "{:?}", lib.diagnostics());
    let order: Vec<&str> = lib.articles().iter().map(|a| a.id.as_str()).collect();
    // Dated first (newest first, then by title), undated after, by title.
    assert_eq!(order, [EN, DE, P1, P4, P2]);
}

#[test]
fn german_front_matter_article() {
    let lib = seeds();
    let a = article(&lib, DE);
    assert_eq!(a.title, "USA überwachen mit Daten von TikTok");
    assert_eq!(a.date, Date::new(2020, 8, 24));
    assert_eq!(a.lang_code(), Some("de"));
    assert!(!a.lang.as_ref().unwrap().detected);
    assert_eq!(a.tags, ["Staat"]);
    assert!(!a.draft);
    assert_eq!(
        a.summary.as_deref(),
        Some(
            "Geleakte Dokumente beweisen, dass Daten der chinesischen Video-Plattform TikTok an US-Behörden fliessen."
        )
    );
    assert_eq!(a.cover.as_deref(), Some("repression"));
    assert_eq!(a.format, Format::Markdown);
    assert!((1150..1350).contains(&a.words), "{}", a.words);
    assert_eq!(lib.links_of(a).len(), 13);
    let first = &lib.links_of(a)[0];
    assert_eq!(first.n, 1);
    assert_eq!(first.text, "The Intercept");
    assert_eq!(
        first.url,
        "https://theintercept.com/2020/08/10/blueleaks-tiktok-law-enforcement-privacy/"
    );
    assert_eq!(
        first.title.as_deref(),
        Some("LEAKED DOCUMENTS REVEAL WHAT TIKTOK SHARES WITH AUTHORITIES — IN THE U.S.")
    );
    let last = &lib.links_of(a)[12];
    assert_eq!(
        last.url,
        "https://theintercept.com/2020/03/16/tiktok-app-moderators-users-discrimination/"
    );
    assert_eq!(last.title.as_deref(), Some("INVISIBLE CENSORSHIP"));
    assert_eq!(
        lib.translations(lib.index_of(&a.id).unwrap())
            .iter()
            .map(|t| t.as_str())
            .collect::<Vec<_>>(),
        [EN]
    );
}

#[test]
fn english_front_matter_article() {
    let lib = seeds();
    let a = article(&lib, EN);
    assert_eq!(a.title, "USA monitor with data from TikTok");
    assert_eq!(a.date, Date::new(2020, 8, 24));
    assert_eq!(a.lang_code(), Some("en"));
    assert_eq!(a.tags, ["State"]);
    assert_eq!(a.format, Format::Markdown);
    assert!((1200..1420).contains(&a.words), "{}", a.words);
    assert_eq!(lib.links_of(a).len(), 13);
    assert_eq!(lib.links_of(a)[0].url, lib.links_of(article(&lib, DE))[0].url);
    assert_eq!(
        lib.links_of(a)[0].title.as_deref(),
        Some("LEAKED DOCUMENTS REVEAL WHAT TIKTOK SHARES WITH AUTHORITIES — IN THE U.S.")
    );
    assert_eq!(
        lib.translations(lib.index_of(&a.id).unwrap())
            .iter()
            .map(|t| t.as_str())
            .collect::<Vec<_>>(),
        [DE]
    );
}

#[test]
fn both_translations_have_the_same_seven_sections() {
    let lib = seeds();
    let de = lib.document_of(article(&lib, DE)).headings();
    let en = lib.document_of(article(&lib, EN)).headings();
    assert_eq!(de.len(), 7);
    assert_eq!(en.len(), 7);
    assert_eq!(de[0].text, "Aktive Überwachung während George-Floyd-Protesten");
    assert_eq!(en[0].text, "Active surveillance during George Floyd protests");
}

#[test]
fn plain_text_titles_are_inferred() {
    let lib = seeds();
    let p1 = article(&lib, P1);
    assert_eq!(
        p1.title,
        "Die chinesische Social-Media-Plattform TikTok musste sich in der Vergangenheit…"
    );
    assert!(p1.title.chars().count() <= 81);
    assert_eq!(article(&lib, P2).title, "TikTok: \"Everything is seen in China\"");
    assert_eq!(
        article(&lib, P4).title,
        "Nach Sicherheitsbedenken Tiktok will Westen mit neuen Rechenzentren besänftigen"
    );
}

#[test]
fn plain_text_articles_are_detected_german() {
    let lib = seeds();
    for (id, words) in [(P1, 340..460), (P2, 2450..2800), (P4, 420..560)] {
        let a = article(&lib, id);
        assert_eq!(a.format, Format::Plain, "{id}");
        assert_eq!(a.lang_code(), Some("de"), "{id}");
        assert!(a.lang.as_ref().unwrap().detected, "{id}");
        assert!(a.tags.is_empty() && a.date.is_none() && a.summary.is_none(), "{id}");
        assert!(!a.draft);
        assert!(lib.links_of(a).is_empty(), "{id}");
        assert!(lib.translations(lib.index_of(&a.id).unwrap()).is_empty(), "{id}");
        assert!(words.contains(&a.words), "{id}: {}", a.words);
    }
}

#[test]
fn plain_text_structure_is_inferred() {
    let lib = seeds();
    let p2 = article(&lib, P2);
    let headings: Vec<String> = lib.document_of(p2).headings().into_iter().map(|h| h.text).collect();
    assert_eq!(headings[0], "Was ist");
    assert!(headings.contains(&"Warum das brisant ist".to_string()));
    assert!(headings.contains(&"Follow the money".to_string()));
    // The title line is not repeated as the first paragraph.
    assert!(!lib.body_of(p2).starts_with("TikTok: \"Everything"));
    // The poem lines in 002 stay text, not headings.
    assert!(!headings.iter().any(|h| h.starts_with("Dein Balenciaga")));
    let p4 = article(&lib, P4);
    let h4: Vec<String> = lib.document_of(p4).headings().into_iter().map(|h| h.text).collect();
    assert_eq!(
        h4,
        [
            "Ähnliche Strategie in den USA",
            "Zahlreiche Länder weltweit schränken Nutzung ein"
        ]
    );
}

#[test]
fn queries_select_exactly() {
    let lib = seeds();
    let ids = |q: Query| -> Vec<String> {
        lib.select(&q)
            .into_iter()
            .map(|i| lib.articles()[i].id.0.clone())
            .collect()
    };
    assert_eq!(
        ids(Query {
            lang: Some("en".into()),
            ..Query::default()
        }),
        [EN]
    );
    assert_eq!(
        ids(Query {
            tags: vec!["Staat".into()],
            ..Query::default()
        }),
        [DE]
    );
    assert_eq!(
        ids(Query {
            tags: vec!["staat".into()],
            ..Query::default()
        }),
        [DE]
    );
    assert_eq!(
        ids(Query {
            text: "oracle".into(),
            ..Query::default()
        }),
        [P1, P4, P2]
    );
    // Accent-insensitive: "uberwachen" finds "überwachen".
    assert_eq!(
        ids(Query {
            text: "uberwachen".into(),
            ..Query::default()
        }),
        [DE, P4]
    );
    assert_eq!(
        ids(Query {
            text: "ORACLE cloud".into(),
            ..Query::default()
        }),
        [P2]
    );
    assert!(ids(Query {
        lang: Some("en".into()),
        tags: vec!["Staat".into()],
        ..Query::default()
    })
    .is_empty());
    assert_eq!(
        lib.languages(false).into_iter().collect::<Vec<_>>(),
        [("de".to_string(), 4), ("en".to_string(), 1)]
    );
}

#[test]
fn find_says_why_it_found_no_one_article() {
    let lib = seeds();
    assert_eq!(lib.find(&DE[..5]).map(|i| lib.articles()[i].id.as_str()), Ok(DE));
    match lib.find("00") {
        Err(kiosk::library::FindError::Ambiguous { key, count, candidates }) => {
            assert_eq!((key.as_str(), count, candidates.len()), ("00", 5, 5));
        }
        other => panic!("{other:?}"),
    }
    let missing = lib.find("nothing-like-this").unwrap_err();
    assert!(matches!(missing, kiosk::library::FindError::NotFound { .. }));
    assert!(
        missing.to_string().starts_with("no article \"nothing-like-this\" in "),
        "{missing}"
    );
}
