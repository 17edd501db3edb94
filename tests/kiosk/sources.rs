//! The sources model and the reading aids on the seeds: contents, sources, side by side.

use kiosk::layout::{align, article_layout};
use kiosk::sources::{collect, SortBy};
use kiosk::Query;

use crate::common::{article, kiosk, seeds, stdout, ReadsArticles};

const DE: &str = "000_f9bd4a49aeb422e6";
const EN: &str = "003_99cfcbda6ab29d43";

#[test]
fn headings_of_every_seed() {
    let lib = seeds();
    let texts = |id: &str| -> Vec<String> {
        lib.document_of(article(&lib, id))
            .headings()
            .into_iter()
            .map(|h| h.text)
            .collect()
    };
    assert_eq!(
        texts(DE),
        [
            "Aktive Überwachung während George-Floyd-Protesten",
            "US-Behörden sammeln vor allem bei US-Unternehmen",
            "TikTok beruft sich auf Datenschutz",
            "Werkzeug für Behörden",
            "Wie ein 19-Jähriger zur Bedrohung wurde",
            "Verstärkte Zusammenarbeit mit US-Behörden",
            "Kritik an TikTok ist angebracht",
        ]
    );
    assert_eq!(texts(EN).len(), 7);
    assert_eq!(texts(EN)[0], "Active surveillance during George Floyd protests");
    assert_eq!(
        texts("001_8fa43bf7fe4e0427"),
        [
            "„Master Admin“ sitzt in Peking",
            "Spionageverdacht in den USA",
            "Komplizierte interne Strukturen",
            "Kommentare",
        ]
    );
    let p2 = texts("002_febce40671cb284b");
    assert_eq!(
        &p2[..3],
        ["Was ist", "Was die Recherchen zeigen", "Warum das brisant ist"]
    );
    assert!(p2.iter().all(|h| h.chars().count() <= 70));
    assert_eq!(
        texts("004_afe6046d54508ad7"),
        [
            "Ähnliche Strategie in den USA",
            "Zahlreiche Länder weltweit schränken Nutzung ein"
        ]
    );
}

#[test]
fn sources_grouped_by_domain_with_exact_counts() {
    let lib = seeds();
    let all = lib.select(&Query::default());
    let domains = collect(&lib, &all, SortBy::Count);
    let summary: Vec<(&str, usize, usize)> = domains
        .iter()
        .map(|d| (d.name.as_str(), d.links, d.articles.len()))
        .collect();
    assert_eq!(
        summary,
        [
            ("documentcloud.org", 6, 2),
            ("theintercept.com", 6, 2),
            ("bbc.com", 2, 2),
            ("businessinsider.com", 2, 2),
            ("mainernews.com", 2, 2),
            ("opensecrets.org", 2, 2),
            ("reuters.com", 2, 2),
            ("tiktok.com", 2, 2),
            ("transparency.facebook.com", 2, 2),
        ]
    );
    let intercept = &domains[1];
    let citing: Vec<&str> = intercept
        .articles
        .iter()
        .map(|&i| lib.articles()[i].id.as_str())
        .collect();
    assert_eq!(citing, [EN, DE]);
    assert_eq!(intercept.urls.len(), 3);
    let blue = intercept
        .urls
        .iter()
        .find(|u| u.url == "https://theintercept.com/collections/blueleaks/")
        .unwrap();
    assert_eq!(blue.texts, ["BlueLeaks"]);
    assert_eq!(blue.citations.iter().map(|c| c.n).collect::<Vec<_>>(), [2, 2]);
    // By name, and after a filter: only the German article's links.
    let by_name = collect(&lib, &all, SortBy::Name);
    assert_eq!(by_name[0].name, "bbc.com");
    let de_only = lib.select(&Query {
        lang: Some("de".into()),
        ..Query::default()
    });
    let de = collect(&lib, &de_only, SortBy::Count);
    assert_eq!(de.iter().map(|d| d.links).sum::<usize>(), 13);
    assert!(de.iter().all(|d| d.articles.len() == 1));
}

#[test]
fn sources_command_prints_json_lines() {
    let out = kiosk(&["sources", "--json"]);
    assert!(out.status.success());
    let lines: Vec<serde_json::Value> = stdout(&out).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 9);
    let intercept = lines.iter().find(|v| v["domain"] == "theintercept.com").unwrap();
    assert_eq!(intercept["links"], 6);
    assert_eq!(intercept["articles"], 2);
    assert_eq!(intercept["urls"].as_array().unwrap().len(), 3);
    assert_eq!(intercept["urls"][0]["articles"], serde_json::json!([EN, DE]));
    let text = stdout(&kiosk(&["sources"]));
    assert!(
        text.starts_with("   6 links   2 articles  documentcloud.org\n"),
        "{text}"
    );
    let by_name = stdout(&kiosk(&["sources", "--by-name"]));
    assert!(by_name.starts_with("   2 links   2 articles  bbc.com\n"), "{by_name}");
}

#[test]
fn translations_align_at_headings() {
    let lib = seeds();
    let lay_out = |id: &str| {
        let i = lib.index_of(&kiosk::ArticleId(id.into())).unwrap();
        article_layout(&lib.articles()[i], &lib.document(i), &lib.translation_names(i), 70)
    };
    let (de, en) = (lay_out(DE), lay_out(EN));
    let rows = align(&de, &en);
    for (k, (hd, he)) in de.headings.iter().zip(&en.headings).enumerate() {
        let row_d = rows.iter().position(|r| r.0 == Some(hd.line)).unwrap();
        let row_e = rows.iter().position(|r| r.1 == Some(he.line)).unwrap();
        assert_eq!(row_d, row_e, "section {k} is not aligned");
    }
    // Every line of both appears once, in order.
    let left: Vec<usize> = rows.iter().filter_map(|r| r.0).collect();
    let right: Vec<usize> = rows.iter().filter_map(|r| r.1).collect();
    assert_eq!(left, (0..de.lines.len()).collect::<Vec<_>>());
    assert_eq!(right, (0..en.lines.len()).collect::<Vec<_>>());
}
