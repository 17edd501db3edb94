//! Site folders as generators lay them out: language folders and
//! suffixes, site configs, MDX, front matter after blank lines, files
//! kiosk skips; and the index cache following a folder that changes shape.

use std::path::Path;

use kiosk::{Level, Library};

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn lang<'a>(lib: &'a Library, id: &str) -> (Option<&'a str>, Option<&'static str>) {
    let a = lib
        .articles()
        .iter()
        .find(|a| a.id.as_str() == id)
        .unwrap_or_else(|| panic!("{id}"));
    (a.lang_code(), a.lang_source().map(|s| s.name()))
}

#[test]
fn starlight_docusaurus_and_hugo_layouts_name_their_languages() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    // Starlight: the default language at the top, others in folders.
    write(root, "docs/guides/intro.mdx", "---\ntitle: Intro\n---\nHello.\n");
    write(
        root,
        "docs/ja/guides/intro.mdx",
        "---\ntitle: はじめに\n---\nこんにちは。\n",
    );
    write(root, "docs/zh-cn/guides/intro.mdx", "---\ntitle: 介绍\n---\n你好。\n");
    // Docusaurus: one language under i18n is enough.
    write(root, "i18n/fr/docs/intro.md", "# Intro\n\nBonjour.\n");
    // A folder named like a language alone among others is not one.
    write(root, "notes/it/x.md", "# X\n\nShort.\n");
    let lib = Library::load(root).unwrap();
    assert_eq!(lang(&lib, "docs/ja/guides/intro"), (Some("ja"), Some("path")));
    assert_eq!(lang(&lib, "docs/zh-cn/guides/intro"), (Some("zh-cn"), Some("path")));
    assert_eq!(lang(&lib, "i18n/fr/docs/intro"), (Some("fr"), Some("path")));
    assert_eq!(lang(&lib, "notes/it/x"), (None, None));
    lib.prepare();
    let i = lib.index_of(&kiosk::ArticleId("docs/ja/guides/intro".into())).unwrap();
    let t: Vec<String> = lib.translations(i).iter().map(ToString::to_string).collect();
    assert_eq!(t, ["docs/zh-cn/guides/intro"]);
}

#[test]
fn a_site_config_above_the_folder_decides_unsuffixed_files() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        "hugo.toml",
        "defaultContentLanguage = 'de'\n[languages.de]\n[languages.en]\n",
    );
    write(root, "content/post.md", "---\ntitle: Beitrag\n---\nEin kurzer Text.\n");
    write(root, "content/post.en.md", "---\ntitle: Post\n---\nA short text.\n");
    write(root, "content/other.md", "---\ntitle: Anderes\nlang: fr\n---\nTexte.\n");
    let lib = Library::load(root.join("content")).unwrap();
    assert_eq!(lang(&lib, "post"), (Some("de"), Some("path")));
    assert_eq!(lang(&lib, "post.en"), (Some("en"), Some("path")));
    assert_eq!(lang(&lib, "other"), (Some("fr"), Some("front_matter")));
    lib.prepare();
    let i = lib.index_of(&kiosk::ArticleId("post".into())).unwrap();
    assert_eq!(
        lib.translations(i).iter().map(|t| t.as_str()).collect::<Vec<_>>(),
        ["post.en"]
    );
}

#[test]
fn mdx_statements_and_components_are_not_words() {
    let dir = tempfile::tempdir().unwrap();
    let mdx = "---\ntitle: Tabs\n---\nimport Tabs from '@theme/Tabs';\nimport TabItem from '@theme/TabItem';\n\n\
               <Tabs>\n  <TabItem value=\"a\" label=\"A\">\n\nFour words in here.\n\n  </TabItem>\n</Tabs>\n";
    write(dir.path(), "page.mdx", mdx);
    let lib = Library::load(dir.path()).unwrap();
    assert_eq!(lib.articles()[0].words, 4);
}

#[test]
fn check_names_near_misses_with_their_line_and_skipped_documents() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "blank.md", "\n\n+++\ntitle = \"After blank lines\"\n+++\nBody.\n");
    write(root, "indented.md", "\n  ---\n  title: x\n---\nBody.\n");
    write(root, "guide.rst", "Title\n=====\n");
    write(root, "picture.png", "not text");
    let lib = Library::load(root).unwrap();
    let blank = lib.articles().iter().find(|a| a.id.as_str() == "blank").unwrap();
    assert_eq!(blank.title, "After blank lines");
    let lines: Vec<String> = lib.diagnostics().iter().map(ToString::to_string).collect();
    assert_eq!(
        lines,
        [
            "guide.rst: warning: a .rst file is not an article kiosk reads; skipped",
            "indented.md: warning: line 2: `---` is indented, so it does not open front matter; read as body",
        ]
    );
    assert!(lib.diagnostics().iter().all(|d| d.level == Level::Warning));
}

#[test]
fn the_index_follows_a_folder_that_gains_a_language_sibling() {
    let dir = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    let root = dir.path();
    let text = "---\ntitle: T\n---\nDie Daten wurden im Rahmen der Recherche gesammelt und vom Kollektiv \
                veröffentlicht, und sie sind nicht für die Öffentlichkeit bestimmt, sagt der Bericht.\n";
    write(root, "de/a.md", text);
    let old = std::time::SystemTime::now() - std::time::Duration::from_secs(60);
    let set_old = |rel: &str| {
        let f = std::fs::File::options().write(true).open(root.join(rel)).unwrap();
        f.set_modified(old).unwrap();
    };
    set_old("de/a.md");
    let first = Library::load_with(root, Some(cache.path())).unwrap();
    assert_eq!(lang(&first, "de/a"), (Some("de"), Some("detected")));
    write(root, "en/a.md", "---\ntitle: T\n---\nThe data.\n");
    set_old("en/a.md");
    let cached = Library::load_with(root, Some(cache.path())).unwrap();
    let fresh = Library::load(root).unwrap();
    assert_eq!(lang(&fresh, "de/a"), (Some("de"), Some("path")));
    assert_eq!(lang(&cached, "de/a"), lang(&fresh, "de/a"));
    assert_eq!(cached.articles()[0].path_key, fresh.articles()[0].path_key);
}
