//! Where links lead inside real site folders: relative and root-relative
//! paths, Hugo `ref` names, Zola's `@/`, Jekyll permalinks, language
//! folders and suffixes; and how many of each site's links into the folder
//! find their article.

use kiosk::library::Targets;
use kiosk::Library;

use super::realworld::realworld;

/// Resolves `url` as cited by the article `from`; the target's id and fragment.
fn lead(lib: &Library, targets: &Targets, from: &str, url: &str) -> Option<(String, Option<String>)> {
    let from = lib
        .index_of(&kiosk::ArticleId(from.into()))
        .unwrap_or_else(|| panic!("no {from}"));
    targets
        .resolve(lib, from, url)
        .map(|t| (lib.articles()[t.article].id.to_string(), t.fragment))
}

fn to(id: &str, fragment: Option<&str>) -> Option<(String, Option<String>)> {
    Some((id.to_string(), fragment.map(str::to_string)))
}

#[test]
fn hugo_ref_names_find_the_page_in_the_citing_language() {
    let lib = Library::load(realworld().join("congo/exampleSite/content")).unwrap();
    let t = Targets::of(&lib);
    let from = "docs/getting-started/index";
    assert_eq!(
        lead(&lib, &t, from, "front-matter"),
        to("docs/front-matter/index", None)
    );
    assert_eq!(
        lead(&lib, &t, from, "docs/shortcodes#katex"),
        to("docs/shortcodes/index", Some("katex"))
    );
    assert_eq!(
        lead(&lib, &t, "docs/getting-started/index.ja", "front-matter"),
        to("docs/front-matter/index.ja", None)
    );
    assert_eq!(lead(&lib, &t, from, "/"), to("_index", None));
    assert_eq!(
        lead(&lib, &t, from, "#colour-schemes"),
        to(from, Some("colour-schemes"))
    );
    assert_eq!(lead(&lib, &t, from, "festivities.svg"), None);
    assert_eq!(lead(&lib, &t, from, "https://gohugo.io/"), None);
}

#[test]
fn root_relative_links_find_the_page_in_its_language_folder() {
    let lib = Library::load(realworld().join("glossary/content")).unwrap();
    let t = Targets::of(&lib);
    let from = "en/cloud-native-apps";
    assert_eq!(lead(&lib, &t, from, "/scalability/"), to("en/scalability", None));
    assert_eq!(
        lead(&lib, &t, from, "/zh-cn/scalability/"),
        to("zh-cn/scalability", None)
    );
}

#[test]
fn zola_at_links_and_jekyll_permalinks() {
    let lib = Library::load(realworld().join("zola/docs/content")).unwrap();
    let t = Targets::of(&lib);
    let from = lib.articles()[0].id.to_string();
    assert_eq!(
        lead(
            &lib,
            &t,
            &from,
            "@/documentation/templates/overview.md#file-searching-logic"
        ),
        to("documentation/templates/overview", Some("file-searching-logic"))
    );
    assert_eq!(lead(&lib, &t, &from, "screenshot.png"), None);
    let lib = Library::load(realworld().join("jekyll/docs")).unwrap();
    let t = Targets::of(&lib);
    let from = lib.articles()[0].id.to_string();
    let post = "_posts/2016-04-19-jekyll-3-0-4-released";
    assert_eq!(
        lead(&lib, &t, &from, "/news/2016/04/19/jekyll-3-0-4-released/"),
        to(post, None)
    );
    assert_eq!(
        lead(&lib, &t, &from, "_posts/2016-04-19-jekyll-3-0-4-released.markdown#x"),
        to(post, Some("x"))
    );
    assert_eq!(
        lead(&lib, &t, &from, "2013-05-06-jekyll-1-0-0-released"),
        to("_posts/2013-05-06-jekyll-1-0-0-released", None)
    );
    // Pages of the site that are not in this folder.
    assert_eq!(lead(&lib, &t, &from, "/docs/history/#v4-3-0"), None);
}

/// Every link without a scheme of every article: how many find their
/// article. What is left: images and files (congo, zola: theme READMEs
/// citing their repositories' files), links broken on the site itself
/// (glossary: `/zh-cn/cloud_native_apps/`, `/zh/cluster/`), and pages of
/// the Jekyll site that are not in its `_posts` folder (`/docs/...`).
/// `SHOW_TARGETS=1` prints each link found.
#[test]
fn most_links_into_each_site_find_their_article() {
    let expected = [
        ("congo/exampleSite/content", 181, 211),
        ("glossary/content", 415, 472),
        ("zola/docs/content", 60, 263),
        ("jekyll/docs", 8, 89),
    ];
    for (site, want_found, want_total) in expected {
        let lib = Library::load(realworld().join(site)).unwrap();
        let t = Targets::of(&lib);
        let (mut found, mut total, mut missed) = (0, 0, Vec::new());
        for i in 0..lib.articles().len() {
            for link in lib.links(i) {
                let url = &link.url;
                if url.contains(':') && !url.starts_with("@/") || url.starts_with("//") || url.starts_with('#') {
                    continue;
                }
                total += 1;
                match t.resolve(&lib, i, url) {
                    Some(x) => {
                        found += 1;
                        if std::env::var_os("SHOW_TARGETS").is_some() {
                            println!(
                                "  {} -> {url} -> {}",
                                lib.articles()[i].id,
                                lib.articles()[x.article].id
                            );
                        }
                    }
                    None => missed.push(url.clone()),
                }
            }
        }
        missed.sort();
        missed.dedup();
        println!("{site}: {found}/{total}; missed: {missed:?}");
        assert_eq!((found, total), (want_found, want_total), "{site}");
    }
}
